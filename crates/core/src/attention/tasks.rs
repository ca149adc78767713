//! # The attention lab's tasks: a question, then one blank slot per answer token
//!
//! Every example is a row of tokens: the **question**, then one blank slot `_` per token of
//! the answer. The model writes a token at every slot; the loss and the accuracy count the
//! slots only:
//!
//! ```text
//! reverse, n = 4:   input   3 1 4 1 _ _ _ _        answer at the slots   1 4 1 3
//! ```
//!
//! Putting the answer's slots *after* the question makes every task well-posed with or without
//! the causal mask (a slot sees the whole question either way), and makes "no positional
//! encoding" fail honestly: without positions and without the mask all slots are the same blank
//! token at indistinguishable places, so attention gives them the same output.
//!
//! | task | question (`n` = length) | answer at the slots | what attention must find |
//! |---|---|---|---|
//! | `copy` | `n` numbers `0…9` | the same numbers | position `j` |
//! | `reverse` | `n` numbers `0…9` | them backwards: slot `j` ↦ `x_{n−1−j}` | the mirrored position |
//! | `sort` | `n` numbers `0…9` | them in ascending order | every smaller number (counting) |
//! | `brackets` | a balanced string of `n` brackets (`n` even) | slot `j` ↦ the index of bracket `j`'s partner, `0…n−1` | the matching bracket |
//! | `lookup` | `⌊n/2⌋` pairs `k v` (distinct keys `a…h`, values `0…9`), then `? k` | one slot: the value stored under `k` | the key's earlier occurrence, then the token after it (an induction head) |
//!
//! A row therefore has `2n` tokens (`copy`, `reverse`, `sort`, `brackets`) or `2⌊n/2⌋ + 3`
//! (`lookup`). Balanced bracket strings are drawn uniformly: a random arrangement of `n/2`
//! openers and `n/2` closers, redrawn until balanced (1 in `n/2 + 1` is, by the ballot theorem).
//!
//! The vocabulary is fixed ([`VOCAB`] tokens): the numbers `0…15` (answers of `brackets` up to
//! length 16), `(`, `)`, the slot `_`, the keys `a…h` and the query mark `?`.
//!
//! **Determinism**: every draw comes from `Rng::stream(seed, DATA)`; the same settings give
//! the same bits.

use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;

slug_enum! {
    /// Which task the rows pose (see the module docs).
    pub enum Task {
        Copy => "copy",
        Reverse => "reverse",
        Sort => "sort",
        Brackets => "brackets",
        Lookup => "lookup",
    }
}

/// Tokens `0…15` are the numbers themselves.
pub const NUMBERS: u32 = 16;
/// The numbers drawn for `copy`, `reverse`, `sort` and the values of `lookup`: `0…DIGITS−1`.
pub const DIGITS: u32 = 10;
/// An opening bracket.
pub const OPEN: u32 = 16;
/// A closing bracket.
pub const CLOSE: u32 = 17;
/// The blank answer slot.
pub const SLOT: u32 = 18;
/// The first key, `a`; the keys are `KEY_A … KEY_A + KEYS − 1` (`a…h`).
pub const KEY_A: u32 = 19;
/// How many keys there are (`a…h`).
pub const KEYS: u32 = 8;
/// The query mark `?`.
pub const QUERY: u32 = KEY_A + KEYS;
/// Size of the vocabulary.
pub const VOCAB: usize = QUERY as usize + 1;

/// Bounds of the settings (inclusive).
pub const LENGTH_RANGE: (usize, usize) = (4, 16);
pub const EXAMPLES_RANGE: (usize, usize) = (100, 10_000);

/// A token as the page shows it: `0`…`15`, `(`, `)`, `_`, `a`…`h`, `?` (`"<id>"` past the
/// vocabulary).
pub fn token_name(token: u32) -> String {
    match token {
        t if t < NUMBERS => t.to_string(),
        OPEN => "(".into(),
        CLOSE => ")".into(),
        SLOT => "_".into(),
        QUERY => "?".into(),
        t if (KEY_A..KEY_A + KEYS).contains(&t) => char::from(b'a' + (t - KEY_A) as u8).to_string(),
        t => format!("<{t}>"),
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskSpec {
    pub task: Task,
    /// `n`, 4–16: numbers in the question, brackets (even), or twice the pairs (`lookup`).
    pub length: usize,
    /// How many rows, 100–10,000.
    pub examples: usize,
    /// Seed of the data stream.
    pub seed: u64,
}

impl Default for TaskSpec {
    /// The lab's first view: reverse 8 numbers, 3,000 rows.
    fn default() -> TaskSpec {
        TaskSpec { task: Task::Reverse, length: 8, examples: 3000, seed: 1 }
    }
}

impl TaskSpec {
    /// Errors: `"length"` out of range (or odd for `brackets`: `Unsupported`), `"examples"` out
    /// of range.
    pub fn validate(&self) -> Result<(), ParamError> {
        let (lo, hi) = LENGTH_RANGE;
        ParamError::check_range("length", lo as f64, hi as f64, self.length as f64)?;
        if self.task == Task::Brackets && !self.length.is_multiple_of(2) {
            return Err(ParamError::unsupported("length"));
        }
        let (lo, hi) = EXAMPLES_RANGE;
        ParamError::check_range("examples", lo as f64, hi as f64, self.examples as f64)
    }

    /// Answer tokens (slots) per row: `n`, or 1 for `lookup`.
    pub fn slots(&self) -> usize {
        match self.task {
            Task::Lookup => 1,
            _ => self.length,
        }
    }

    /// Tokens per row: question and slots.
    pub fn steps(&self) -> usize {
        match self.task {
            Task::Lookup => 2 * (self.length / 2) + 3,
            _ => 2 * self.length,
        }
    }

    /// Generates the rows.
    pub fn generate(&self) -> Result<AttentionSet, ParamError> {
        self.validate()?;
        let mut rng = Rng::stream(self.seed, streams::DATA);
        let (steps, slots) = (self.steps(), self.slots());
        let mut tokens = Vec::with_capacity(self.examples * steps);
        let mut targets = Vec::with_capacity(self.examples * slots);
        let mut question = Vec::with_capacity(steps);
        let mut answer = Vec::with_capacity(slots);
        for _ in 0..self.examples {
            question.clear();
            answer.clear();
            self.example(&mut rng, &mut question, &mut answer);
            tokens.extend_from_slice(&question);
            tokens.extend(std::iter::repeat_n(SLOT, slots));
            targets.extend_from_slice(&answer);
        }
        Ok(AttentionSet { task: Some(self.task), vocab: VOCAB, length: self.length, steps, slots, tokens, targets })
    }

    /// One row's question and answer.
    fn example(&self, rng: &mut Rng, question: &mut Vec<u32>, answer: &mut Vec<u32>) {
        let n = self.length;
        let digits = |rng: &mut Rng, q: &mut Vec<u32>| q.extend((0..n).map(|_| rng.below(DIGITS as usize) as u32));
        match self.task {
            Task::Copy => {
                digits(rng, question);
                answer.extend_from_slice(question);
            }
            Task::Reverse => {
                digits(rng, question);
                answer.extend(question.iter().rev());
            }
            Task::Sort => {
                digits(rng, question);
                answer.extend_from_slice(question);
                answer.sort_unstable();
            }
            Task::Brackets => {
                balanced_brackets(rng, n, question);
                answer.extend(partners(question).into_iter().map(|p| p as u32));
            }
            Task::Lookup => {
                let pairs = n / 2;
                let mut keys: Vec<u32> = (KEY_A..KEY_A + KEYS).collect();
                rng.shuffle(&mut keys);
                for &k in &keys[..pairs] {
                    question.push(k);
                    question.push(rng.below(DIGITS as usize) as u32);
                }
                let asked = rng.below(pairs);
                question.push(QUERY);
                question.push(keys[asked]);
                answer.push(question[2 * asked + 1]);
            }
        }
    }
}

/// A uniformly drawn balanced string of `n` brackets (`n` even): shuffles of `n/2` of each,
/// redrawn until no prefix closes more than it opened.
fn balanced_brackets(rng: &mut Rng, n: usize, out: &mut Vec<u32>) {
    let start = out.len();
    out.extend((0..n).map(|i| if i < n / 2 { OPEN } else { CLOSE }));
    loop {
        rng.shuffle(&mut out[start..]);
        let mut depth = 0i32;
        let ok = out[start..].iter().all(|&b| {
            depth += if b == OPEN { 1 } else { -1 };
            depth >= 0
        });
        if ok {
            return;
        }
    }
}

/// For a balanced bracket string, the index of each bracket's partner (the `brackets`
/// answer). Unmatched brackets (not balanced) point at themselves.
pub fn partners(brackets: &[u32]) -> Vec<usize> {
    let mut partner: Vec<usize> = (0..brackets.len()).collect();
    let mut open = Vec::with_capacity(brackets.len());
    for (i, &b) in brackets.iter().enumerate() {
        if b == OPEN {
            open.push(i);
        } else if let Some(j) = open.pop() {
            partner[i] = j;
            partner[j] = i;
        }
    }
    partner
}

/// Generated rows: `tokens` is `[examples, steps]`, the question then `slots` blank slots;
/// `targets` is `[examples, slots]`, the answer token at each slot.
#[derive(Debug, Clone, PartialEq)]
pub struct AttentionSet {
    /// The task that generated the rows; `None` for windows of a text (the language lab's).
    pub task: Option<Task>,
    /// Size of the vocabulary (the model's inputs and outputs).
    pub vocab: usize,
    /// The spec's `n`.
    pub length: usize,
    /// Tokens per row.
    pub steps: usize,
    /// Answer slots per row: the last `slots` positions.
    pub slots: usize,
    pub tokens: Vec<u32>,
    pub targets: Vec<u32>,
}

impl AttentionSet {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.tokens.len() / self.steps.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i`'s tokens.
    pub fn example(&self, i: usize) -> &[u32] {
        &self.tokens[i * self.steps..(i + 1) * self.steps]
    }

    /// Row `i`'s answer, one token per slot.
    pub fn answer(&self, i: usize) -> &[u32] {
        &self.targets[i * self.slots..(i + 1) * self.slots]
    }

    /// Position of the first slot (the question's length).
    pub fn first_slot(&self) -> usize {
        self.steps - self.slots
    }

    /// Whether position `pos` is an answer slot.
    pub fn is_slot(&self, pos: usize) -> bool {
        (self.first_slot()..self.steps).contains(&pos)
    }

    /// Size of the vocabulary (the model's inputs and outputs).
    pub fn vocab(&self) -> usize {
        self.vocab
    }

    /// Accuracy per slot of guessing uniformly among the answers the task can give: `1/10`
    /// for numbers, `1/n` for bracket partners, `1/vocabulary` for a text's next token.
    pub fn chance(&self) -> f32 {
        match self.task {
            Some(Task::Brackets) => 1.0 / self.length as f32,
            Some(_) => 1.0 / DIGITS as f32,
            None => 1.0 / self.vocab.max(1) as f32,
        }
    }
}
