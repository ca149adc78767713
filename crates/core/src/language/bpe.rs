//! # Byte-pair encoding (BPE), at the level of characters
//!
//! A tokenizer cuts text into **tokens**, pieces from a fixed vocabulary, each with a number
//! (its id); a language model sees only those numbers. BPE *learns* the vocabulary from a
//! corpus: it starts from single characters and, again and again, glues together the two
//! neighbouring tokens that occur side by side most often. One gluing is a **merge**; the list
//! of merges, in the order they were learnt, *is* the tokenizer.
//!
//! ## 1. Words first (pre-tokenization)
//!
//! Merges never cross a word boundary, so the text is first cut into words:
//!
//! 1. the corpus is cut into lines (at `\n`), each line on its own;
//! 2. every space becomes `▁` (U+2581), and a `▁` is put in front of a line (or of any piece of
//!    text) that does not already start with one, so a word at the start reads like any other;
//! 3. the text is cut before every `▁`: the `▁` stays with the word after it;
//! 4. every punctuation character is cut out on its own.
//!
//! ```text
//! "The river ends in France."   →   ▁The  ▁river  ▁ends  ▁in  ▁France  .
//! "שלום, עולם!"                  →   ▁שלום  ,  ▁עולם  !
//! ```
//!
//! `▁` makes the space visible inside a token ("▁the" is *the* at the start of a word, "the"
//! is inside one, as in "brea·the"), and decoding just turns it back into a space. It works
//! on **characters**, not bytes: a Hebrew letter is one token, as readable as a Latin one (a
//! byte-level BPE, as GPT-2 uses, starts a Hebrew letter as two bytes that mean nothing alone).
//! Only the space U+0020 is a space; a tab or a line break in typed text is a character like
//! any other (one never seen in training, so `<unk>`: see 3.). There is no normalization: "A"
//! and "a" are different characters. Punctuation means Unicode's punctuation classes (P…) plus
//! every ASCII symbol (`$`, `+`, `<`…): [`is_punctuation`].
//!
//! This is exactly Hugging Face `tokenizers`' `Sequence([Metaspace("▁", prepend_scheme="always",
//! split=True), Punctuation()])` with no normalizer.
//!
//! ## 2. Training, one merge at a time
//!
//! The vocabulary starts as [`UNKNOWN`] (`<unk>`, id 0), then every character of the corpus in
//! code-point order (ids 1, 2, …). Every word is a row of token ids, and the corpus is kept as
//! its **unique words with their frequencies**. The count of a pair of neighbouring tokens
//! `(a, b)` is
//!
//! ```text
//! count(a, b) = Σ over unique words w   (times a is directly followed by b in w) × freq(w)
//! ```
//!
//! A merge takes the pair with the **highest count**; between equal counts, the pair with the
//! **smaller (left id, right id)** — the one whose left token entered the vocabulary first, then
//! whose right one did. The new token is the two texts glued together, with the next free id;
//! every word replaces the pair, left to right (`a a a` → `aa a`). Training stops when the
//! vocabulary (with `<unk>`) reaches the target size, or when no pair is left (every word is a
//! single token).
//!
//! Worked example, corpus `low lower lowest low` (words `▁low` ×2, `▁lower`, `▁lowest`):
//!
//! ```text
//! ids: <unk> 0, e 1, l 2, o 3, r 4, s 5, t 6, w 7, ▁ 8
//! counts: (▁,l) 4  (l,o) 4  (o,w) 4  (w,e) 2  (e,r) 1  (e,s) 1  (s,t) 1
//! merge 1: three pairs count 4; (l,o) = (2,3) is the smallest → "lo" = 9
//! merge 2: (▁,lo) = (8,9) and (lo,w) = (9,7) count 4 → "▁lo" = 10
//! then "▁low" (4), "▁lowe" (2), "st" (1), "▁lower" (1), "▁lowest" (1): every word is one token
//! ```
//!
//! Counting everything again after each merge would cost the whole corpus per merge. As in
//! HF's trainer, the counts are kept between merges and a merge updates only the words that
//! hold the pair: in `x a b y`, merging `(a, b)` into `ab` takes one from `(x, a)` and `(b, y)`
//! and adds one to `(x, ab)` and `(ab, y)`, times the word's frequency. The candidates wait in
//! a priority queue with the count they had when queued, and a candidate whose count has
//! changed since is queued again with the new one: the top is then always the true best.
//!
//! When the corpus's alphabet alone is larger than the target, the vocabulary is the whole
//! alphabet and no merge is made (HF does the same: no character is dropped); the vocabulary
//! is then larger than the target. [`VOCAB_RANGE`] bounds the target.
//!
//! ## 3. Encoding any text
//!
//! [`Tokenizer::encode`] cuts the text into words as in 1., turns each word into its characters'
//! ids — a character never seen in training becomes [`UNKNOWN_ID`], one `<unk>` per character
//! (emoji, digits the corpus lacked, a right-to-left mark) — then applies merges, always the one
//! learnt **earliest** (lowest rank) among the pairs present, the left-most on a tie, until none
//! applies. That gives the same pieces as replaying the training's merges on the word. Each
//! token keeps its place in the typed text, in characters and in bytes, for colouring it. As in
//! HF (where `<unk>` is a special token), the literal text `<unk>` in typed text is that token,
//! and each piece of text around it gets its own leading `▁`.
//!
//! [`Tokenizer::decode`] glues the tokens' texts and turns every `▁` back into a space, except
//! in the first token, where they stand for the `▁` that encoding put in front (HF's Metaspace
//! decoder). `decode(encode(x)) == x` for any text made of characters seen in training that
//! does not start with a space and holds neither a `▁` nor the literal `<unk>` (each of which
//! decodes as a space, or puts one after it).
//!
//! ## What HF does that a textbook would not
//!
//! The trainer reproduces HF's `BpeTrainer` operation by operation, so that the merges, the ids
//! and the encodings are identical (`tests/language_bpe.rs`). Three details matter only if a
//! merge glues a text the vocabulary already has (the same text reached by two different
//! pairs), which neither the fixtures' corpora nor 200,000 small random ones ever did: the
//! existing id is reused (the vocabulary does not grow); a pair merged twice keeps its later
//! rank in the tokenizer; and a merged pair's own count is left stale (HF does not count down
//! the occurrences it merges: the pair is never looked at again unless such a reuse brings it
//! back).

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

use crate::error::ParamError;
use crate::stepping::{Progress, Stepping};
use crate::shared::sort_by_shared;

/// The mark of a space, and of a word's start: `▁` (U+2581, "lower one eighth block").
pub const WORD_START: char = '▁';
/// The token of every character never seen in training.
pub const UNKNOWN: &str = "<unk>";
/// The id of [`UNKNOWN`]: always the first of the vocabulary.
pub const UNKNOWN_ID: u32 = 0;
/// The allowed target vocabulary sizes (inclusive), `<unk>` included.
pub const VOCAB_RANGE: (usize, usize) = (30, 2_000);

/// A token pair, by ids: (left, right).
pub type Pair = (u32, u32);

// ---------------------------------------------------------------------------------------------
// 1. Words
// ---------------------------------------------------------------------------------------------

/// Every code point that HF's `Punctuation` pre-tokenizer cuts out, as inclusive ranges: ASCII
/// punctuation and symbols, and Unicode's punctuation classes (Pc, Pd, Ps, Pe, Pi, Pf, Po) in
/// the Unicode version HF uses. Generated by `tests/fixtures/bpe/gen_bpe_reference.py`, which
/// asks the library about every code point; `tests/language_bpe.rs` checks all 1,112,064.
#[rustfmt::skip]
const PUNCTUATION: &[(u32, u32)] = &[
    (0x0021, 0x002F), (0x003A, 0x0040), (0x005B, 0x0060), (0x007B, 0x007E), (0x00A1, 0x00A1),
    (0x00A7, 0x00A7), (0x00AB, 0x00AB), (0x00B6, 0x00B7), (0x00BB, 0x00BB), (0x00BF, 0x00BF),
    (0x037E, 0x037E), (0x0387, 0x0387), (0x055A, 0x055F), (0x0589, 0x058A), (0x05BE, 0x05BE),
    (0x05C0, 0x05C0), (0x05C3, 0x05C3), (0x05C6, 0x05C6), (0x05F3, 0x05F4), (0x0609, 0x060A),
    (0x060C, 0x060D), (0x061B, 0x061B), (0x061E, 0x061F), (0x066A, 0x066D), (0x06D4, 0x06D4),
    (0x0700, 0x070D), (0x07F7, 0x07F9), (0x0830, 0x083E), (0x085E, 0x085E), (0x0964, 0x0965),
    (0x0970, 0x0970), (0x0AF0, 0x0AF0), (0x0DF4, 0x0DF4), (0x0E4F, 0x0E4F), (0x0E5A, 0x0E5B),
    (0x0F04, 0x0F12), (0x0F14, 0x0F14), (0x0F3A, 0x0F3D), (0x0F85, 0x0F85), (0x0FD0, 0x0FD4),
    (0x0FD9, 0x0FDA), (0x104A, 0x104F), (0x10FB, 0x10FB), (0x1360, 0x1368), (0x1400, 0x1400),
    (0x166D, 0x166E), (0x169B, 0x169C), (0x16EB, 0x16ED), (0x1735, 0x1736), (0x17D4, 0x17D6),
    (0x17D8, 0x17DA), (0x1800, 0x180A), (0x1944, 0x1945), (0x1A1E, 0x1A1F), (0x1AA0, 0x1AA6),
    (0x1AA8, 0x1AAD), (0x1B5A, 0x1B60), (0x1BFC, 0x1BFF), (0x1C3B, 0x1C3F), (0x1C7E, 0x1C7F),
    (0x1CC0, 0x1CC7), (0x1CD3, 0x1CD3), (0x2010, 0x2027), (0x2030, 0x2043), (0x2045, 0x2051),
    (0x2053, 0x205E), (0x207D, 0x207E), (0x208D, 0x208E), (0x2308, 0x230B), (0x2329, 0x232A),
    (0x2768, 0x2775), (0x27C5, 0x27C6), (0x27E6, 0x27EF), (0x2983, 0x2998), (0x29D8, 0x29DB),
    (0x29FC, 0x29FD), (0x2CF9, 0x2CFC), (0x2CFE, 0x2CFF), (0x2D70, 0x2D70), (0x2E00, 0x2E2E),
    (0x2E30, 0x2E42), (0x3001, 0x3003), (0x3008, 0x3011), (0x3014, 0x301F), (0x3030, 0x3030),
    (0x303D, 0x303D), (0x30A0, 0x30A0), (0x30FB, 0x30FB), (0xA4FE, 0xA4FF), (0xA60D, 0xA60F),
    (0xA673, 0xA673), (0xA67E, 0xA67E), (0xA6F2, 0xA6F7), (0xA874, 0xA877), (0xA8CE, 0xA8CF),
    (0xA8F8, 0xA8FA), (0xA8FC, 0xA8FC), (0xA92E, 0xA92F), (0xA95F, 0xA95F), (0xA9C1, 0xA9CD),
    (0xA9DE, 0xA9DF), (0xAA5C, 0xAA5F), (0xAADE, 0xAADF), (0xAAF0, 0xAAF1), (0xABEB, 0xABEB),
    (0xFD3E, 0xFD3F), (0xFE10, 0xFE19), (0xFE30, 0xFE52), (0xFE54, 0xFE61), (0xFE63, 0xFE63),
    (0xFE68, 0xFE68), (0xFE6A, 0xFE6B), (0xFF01, 0xFF03), (0xFF05, 0xFF0A), (0xFF0C, 0xFF0F),
    (0xFF1A, 0xFF1B), (0xFF1F, 0xFF20), (0xFF3B, 0xFF3D), (0xFF3F, 0xFF3F), (0xFF5B, 0xFF5B),
    (0xFF5D, 0xFF5D), (0xFF5F, 0xFF65), (0x10100, 0x10102), (0x1039F, 0x1039F), (0x103D0, 0x103D0),
    (0x1056F, 0x1056F), (0x10857, 0x10857), (0x1091F, 0x1091F), (0x1093F, 0x1093F),
    (0x10A50, 0x10A58), (0x10A7F, 0x10A7F), (0x10AF0, 0x10AF6), (0x10B39, 0x10B3F),
    (0x10B99, 0x10B9C), (0x11047, 0x1104D), (0x110BB, 0x110BC), (0x110BE, 0x110C1),
    (0x11140, 0x11143), (0x11174, 0x11175), (0x111C5, 0x111C9), (0x111CD, 0x111CD),
    (0x111DB, 0x111DB), (0x111DD, 0x111DF), (0x11238, 0x1123D), (0x112A9, 0x112A9),
    (0x114C6, 0x114C6), (0x115C1, 0x115D7), (0x11641, 0x11643), (0x1173C, 0x1173E),
    (0x12470, 0x12474), (0x16A6E, 0x16A6F), (0x16AF5, 0x16AF5), (0x16B37, 0x16B3B),
    (0x16B44, 0x16B44), (0x1BC9F, 0x1BC9F), (0x1DA87, 0x1DA8B),
];

/// Whether `c` is cut out of a word on its own (see the module docs).
pub fn is_punctuation(c: char) -> bool {
    let c = u32::from(c);
    PUNCTUATION
        .binary_search_by(|&(first, last)| {
            if last < c {
                Ordering::Less
            } else if first > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// One character after the space marking: the character the model sees, and where it came
/// from in the typed text.
#[derive(Clone, Copy, Debug)]
struct Marked {
    ch: char,
    /// Its index among the input's characters (for the `▁` put in front: the piece's start).
    at: usize,
    /// Whether it stands for a typed character (false only for the `▁` put in front).
    typed: bool,
}

/// A word of the pre-tokenizer: its text (with `▁`) and the characters of the input it
/// stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Range of character indices in the input. Empty for a lone `▁` that was put in front
    /// (it stands for no typed character; HF gives it the next character's range).
    pub chars: Range<usize>,
}

/// Steps 2–4 of the pre-tokenizer on one piece of text, `chars`, whose first character is
/// character `first_index` of the input (no cutting into lines): marks spaces, puts `▁` in
/// front, cuts before every `▁` and around punctuation. Calls `word` with each word's
/// characters.
fn split_words(chars: &[char], first_index: usize, mut word: impl FnMut(&[Marked])) {
    if chars.is_empty() {
        return;
    }
    let mut marked = Vec::with_capacity(chars.len() + 1);
    let mark = |c: char| if c == ' ' { WORD_START } else { c };
    if mark(chars[0]) != WORD_START {
        marked.push(Marked { ch: WORD_START, at: first_index, typed: false });
    }
    marked.extend(chars.iter().enumerate().map(|(i, &c)| Marked { ch: mark(c), at: first_index + i, typed: true }));
    // Step 3: a word starts at every ▁; step 4: inside it, every punctuation character is a
    // word of its own and the runs between them are words.
    let mut start = 0;
    for end in 1..=marked.len() {
        if end < marked.len() && marked[end].ch != WORD_START {
            continue;
        }
        let mut run = start;
        for i in start..end {
            if is_punctuation(marked[i].ch) {
                if run < i {
                    word(&marked[run..i]);
                }
                word(&marked[i..i + 1]);
                run = i + 1;
            }
        }
        if run < end {
            word(&marked[run..end]);
        }
        start = end;
    }
}

/// The range of input characters a run of marked characters stands for.
fn char_range(run: &[Marked]) -> Range<usize> {
    match (run.iter().find(|m| m.typed), run.iter().rev().find(|m| m.typed)) {
        (Some(first), Some(last)) => first.at..last.at + 1,
        _ => {
            let at = run.first().map_or(0, |m| m.at);
            at..at
        }
    }
}

/// The pre-tokenizer on one piece of text (no cutting into lines, no `<unk>` search): the
/// words BPE works inside, each with its place in `text` (see the module docs).
pub fn pre_tokenize(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let mut words = Vec::new();
    split_words(&chars, 0, |run| {
        words.push(Word { text: run.iter().map(|m| m.ch).collect(), chars: char_range(run) });
    });
    words
}

// ---------------------------------------------------------------------------------------------
// 2. Training
// ---------------------------------------------------------------------------------------------

/// One merge as training made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    /// The two tokens glued, by id.
    pub pair: Pair,
    /// The id of the glued token (a new one, unless the text was already in the vocabulary).
    pub id: u32,
    /// The glued token's text.
    pub token: String,
    /// How often the pair stood side by side in the corpus when it was merged.
    pub count: u64,
}

/// A candidate merge waiting in the queue: a pair, its count when queued and the words
/// (indices into the unique words) where it was seen. As in HF's trainer, the queue is ordered
/// by count, then by the smaller pair.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Candidate {
    count: u64,
    pair: Pair,
    /// Ascending, without repeats (HF keeps a set).
    words: Vec<u32>,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        // A max-heap: the larger count first, then the *smaller* pair.
        self.count.cmp(&other.count).then_with(|| other.pair.cmp(&self.pair))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// BPE training that can be stepped one merge at a time (see the module docs).
#[derive(Clone, Debug)]
pub struct BpeTrainer {
    target_vocab: usize,
    /// Token texts by id; `<unk>` first, then the alphabet, then the merges' tokens.
    vocab: Vec<String>,
    ids: HashMap<String, u32>,
    alphabet_size: usize,
    /// The unique words as rows of token ids, and how often each occurs.
    words: Vec<Vec<u32>>,
    frequencies: Vec<u64>,
    /// Current count of every pair ever seen. Signed like HF's, which can leave a pair's count
    /// stale (see the module docs).
    pair_counts: HashMap<Pair, i64>,
    queue: BinaryHeap<Candidate>,
    merges: Vec<Merge>,
}

impl BpeTrainer {
    /// Cuts `text` into lines and words, builds the alphabet and counts every pair; no merge
    /// yet. `target_vocab` (the vocabulary size to reach, `<unk>` included) must lie in
    /// [`VOCAB_RANGE`]. Any text is accepted, even an empty one (then the vocabulary is `<unk>`
    /// alone and there is nothing to merge).
    pub fn new(text: &str, target_vocab: usize) -> Result<Self, ParamError> {
        let (min, max) = VOCAB_RANGE;
        if !(min..=max).contains(&target_vocab) {
            return Err(ParamError::out_of_range("vocab_size", min as f64, max as f64, target_vocab as f64));
        }
        // Unique words with their frequencies, in order of first appearance (the order does not
        // change the result; a fixed one keeps runs bit-identical).
        let mut word_index: HashMap<String, usize> = HashMap::new();
        let mut unique: Vec<String> = Vec::new();
        let mut frequencies: Vec<u64> = Vec::new();
        for line in text.split('\n') {
            let chars: Vec<char> = line.chars().collect();
            split_words(&chars, 0, |run| {
                let w: String = run.iter().map(|m| m.ch).collect();
                match word_index.get(&w) {
                    Some(&i) => frequencies[i] += 1,
                    None => {
                        word_index.insert(w.clone(), unique.len());
                        unique.push(w);
                        frequencies.push(1);
                    }
                }
            });
        }
        let mut alphabet: Vec<char> = unique.iter().flat_map(|w| w.chars()).collect();
        sort_by_shared(&mut alphabet, &|a, b| a.cmp(b));
        alphabet.dedup();
        let mut vocab = vec![UNKNOWN.to_string()];
        vocab.extend(alphabet.iter().map(|c| c.to_string()));
        let ids: HashMap<String, u32> = vocab.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        // Every character of a word is in the alphabet, so the lookup always succeeds.
        let words: Vec<Vec<u32>> =
            unique.iter().map(|w| w.chars().map(|c| ids.get(c.to_string().as_str()).copied().unwrap_or(UNKNOWN_ID)).collect()).collect();

        let mut pair_counts: HashMap<Pair, i64> = HashMap::new();
        let mut seen_in: HashMap<Pair, Vec<u32>> = HashMap::new();
        for (i, word) in words.iter().enumerate() {
            for window in word.windows(2) {
                let pair = (window[0], window[1]);
                *pair_counts.entry(pair).or_default() += frequencies[i] as i64;
                let list = seen_in.entry(pair).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let mut trainer = Self {
            target_vocab,
            alphabet_size: alphabet.len(),
            vocab,
            ids,
            words,
            frequencies,
            pair_counts,
            queue: BinaryHeap::new(),
            merges: Vec::new(),
        };
        trainer.queue_candidates(seen_in);
        trainer.settle();
        Ok(trainer)
    }

    /// Queues the pairs just seen in these words, with their current count (HF queues only a
    /// positive count).
    fn queue_candidates(&mut self, seen_in: HashMap<Pair, Vec<u32>>) {
        // Sorted so that candidates of equal count and pair (possible only when a merge reuses
        // an id) enter the queue in a fixed order.
        let mut seen: Vec<(Pair, Vec<u32>)> = seen_in.into_iter().collect();
        sort_by_shared(&mut seen, &|a, b| a.0.cmp(&b.0));
        for (pair, words) in seen {
            let count = self.pair_counts.get(&pair).copied().unwrap_or(0);
            if count > 0 {
                self.queue.push(Candidate { count: count as u64, pair, words });
            }
        }
    }

    /// Brings the queue's top up to date: a candidate whose count changed since it was queued
    /// is queued again with its current count, until the top's count is current. (HF does this
    /// at the start of its next merge; doing it now lets [`finished`](Self::finished) look.)
    fn settle(&mut self) {
        while let Some(top) = self.queue.peek() {
            // HF stores the count as unsigned: a negative one would wrap the same way.
            let current = self.pair_counts.get(&top.pair).copied().unwrap_or(0) as u64;
            if top.count == current {
                break;
            }
            if let Some(mut stale) = self.queue.pop() {
                stale.count = current;
                self.queue.push(stale);
            }
        }
    }

    /// No merge is left: the vocabulary has reached the target, or no pair occurs any more.
    pub fn finished(&self) -> bool {
        self.vocab.len() >= self.target_vocab || self.queue.peek().is_none_or(|top| top.count < 1)
    }

    /// Makes one merge (the most frequent pair; see the module docs) and returns it, or `None`
    /// when [`finished`](Self::finished).
    pub fn step(&mut self) -> Option<Merge> {
        if self.finished() {
            return None;
        }
        let top = self.queue.pop()?;
        let (left, right) = top.pair;
        let token = format!("{}{}", self.vocab[left as usize], self.vocab[right as usize]);
        let id = match self.ids.get(&token) {
            Some(&id) => id,
            None => {
                let id = self.vocab.len() as u32;
                self.ids.insert(token.clone(), id);
                self.vocab.push(token.clone());
                id
            }
        };
        // Replace the pair in the words where it was seen, updating the neighbours' counts.
        let mut seen_in: HashMap<Pair, Vec<u32>> = HashMap::new();
        for &w in &top.words {
            let frequency = self.frequencies[w as usize] as i64;
            let pair_counts = &mut self.pair_counts;
            merge_in_word(&mut self.words[w as usize], top.pair, id, |pair, change| {
                *pair_counts.entry(pair).or_default() += change * frequency;
                if change > 0 {
                    let list = seen_in.entry(pair).or_default();
                    if list.last() != Some(&w) {
                        list.push(w);
                    }
                }
            });
        }
        self.queue_candidates(seen_in);
        self.settle();
        let merge = Merge { pair: top.pair, id, token, count: top.count };
        self.merges.push(merge.clone());
        Some(merge)
    }

    /// Merges until [`finished`](Self::finished).
    pub fn run(&mut self) {
        while self.step().is_some() {}
    }

    /// The merges so far, in order.
    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    /// The size of the vocabulary so far, `<unk>` included.
    pub fn vocab_size(&self) -> usize {
        self.vocab.len()
    }

    /// Token texts by id so far.
    pub fn vocab(&self) -> &[String] {
        &self.vocab
    }

    /// How many distinct characters the corpus has (the vocabulary before any merge, less
    /// `<unk>`).
    pub fn alphabet_size(&self) -> usize {
        self.alphabet_size
    }

    /// The vocabulary size training aims for.
    pub fn target_vocab(&self) -> usize {
        self.target_vocab
    }

    /// How many different words the corpus has.
    pub fn unique_words(&self) -> usize {
        self.words.len()
    }

    /// The tokenizer made of the merges so far (a snapshot: later merges do not change it).
    pub fn tokenizer(&self) -> Tokenizer {
        Tokenizer::new(self.vocab.clone(), &self.merges)
    }

    /// The tokenizer as it was after the first `merges` merges (all of them if more): what
    /// training stopped there would have given, for replaying the vocabulary's growth. The
    /// vocabulary is `<unk>`, the alphabet, and the tokens those merges made.
    pub fn tokenizer_after(&self, merges: usize) -> Tokenizer {
        let made = &self.merges[..merges.min(self.merges.len())];
        let size = made.iter().map(|m| m.id as usize + 1).max().unwrap_or(0).max(1 + self.alphabet_size).min(self.vocab.len());
        Tokenizer::new(self.vocab[..size].to_vec(), made)
    }
}

/// HF's `Word::merge`: replaces every `pair` in `word`, left to right, by `id`, and reports
/// each change of a neighbouring pair's count (−1 for the pair broken, +1 for the pair made).
/// The merged pair's own occurrences are not reported (HF does not count them down either).
fn merge_in_word(word: &mut Vec<u32>, pair: Pair, id: u32, mut change: impl FnMut(Pair, i64)) {
    let (left, right) = pair;
    let mut i = 0;
    while i < word.len() {
        if word[i] == left && i + 1 < word.len() && word[i + 1] == right {
            if i > 0 {
                change((word[i - 1], left), -1);
                change((word[i - 1], id), 1);
            }
            word[i] = id;
            word.remove(i + 1);
            if i + 1 < word.len() {
                change((right, word[i + 1]), -1);
                change((id, word[i + 1]), 1);
            }
        }
        i += 1;
    }
}

impl Stepping for BpeTrainer {
    /// One merge ([`BpeTrainer::step`]).
    fn step(&mut self) {
        BpeTrainer::step(self);
    }
    fn done(&self) -> bool {
        self.finished()
    }
    /// Merges made; the total depends on the corpus (it may run out of pairs).
    fn progress(&self) -> Progress {
        Progress { done: self.merges.len(), total: None }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Encoding and decoding
// ---------------------------------------------------------------------------------------------

/// One token of an encoded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub id: u32,
    /// The token's text in the vocabulary (`▁` for a space; `<unk>` for an unknown character).
    pub text: String,
    /// The characters of the input it stands for (indices of `char`s). Empty for a lone `▁`
    /// that encoding put in front of the text.
    pub chars: Range<usize>,
    /// The same place in bytes of the input's UTF-8, for slicing it.
    pub bytes: Range<usize>,
}

/// A trained BPE tokenizer: the vocabulary and the merges' ranks.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    vocab: Vec<String>,
    ids: HashMap<String, u32>,
    /// Pair → (rank, id of the glued token). A pair merged twice keeps its later rank, as in
    /// HF (whose table is a map filled in merge order).
    ranks: HashMap<Pair, (u32, u32)>,
    /// The merged pairs by rank, each once.
    merges: Vec<Pair>,
}

impl Tokenizer {
    fn new(vocab: Vec<String>, merges: &[Merge]) -> Self {
        let ids = vocab.iter().enumerate().map(|(i, t)| (t.clone(), i as u32)).collect();
        let ranks: HashMap<Pair, (u32, u32)> =
            merges.iter().enumerate().map(|(rank, m)| (m.pair, (rank as u32, m.id))).collect();
        let mut by_rank: Vec<(u32, Pair)> = ranks.iter().map(|(&pair, &(rank, _))| (rank, pair)).collect();
        sort_by_shared(&mut by_rank, &|a, b| a.cmp(b));
        Self { vocab, ids, ranks, merges: by_rank.into_iter().map(|(_, pair)| pair).collect() }
    }

    /// How many tokens the vocabulary has, `<unk>` included.
    pub fn vocab_size(&self) -> usize {
        self.vocab.len()
    }

    /// Token texts by id.
    pub fn vocab(&self) -> &[String] {
        &self.vocab
    }

    /// The merges by rank (the order encoding applies them), each pair once.
    pub fn merges(&self) -> &[Pair] {
        &self.merges
    }

    /// The text of token `id`, if there is one.
    pub fn id_to_token(&self, id: u32) -> Option<&str> {
        self.vocab.get(id as usize).map(String::as_str)
    }

    /// The id of a token's text, if it is in the vocabulary.
    pub fn token_to_id(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// Cuts any text into tokens (see the module docs). Never fails: unknown characters are
    /// `<unk>`.
    pub fn encode(&self, text: &str) -> Vec<Token> {
        let chars: Vec<char> = text.chars().collect();
        // Byte offset of every character index (and of the end), for the tokens' byte ranges.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_at.push(text.len());
        let unknown: Vec<char> = UNKNOWN.chars().collect();
        let mut tokens = Vec::new();
        let mut piece_start = 0;
        let mut i = 0;
        // The literal text "<unk>" is the unknown token itself (HF's special token), and cuts
        // the text into pieces that are pre-tokenized separately.
        while i <= chars.len() {
            let literal = chars[i..].starts_with(&unknown);
            if literal || i == chars.len() {
                split_words(&chars[piece_start..i], piece_start, |run| self.encode_word(run, &byte_at, &mut tokens));
                if !literal {
                    break;
                }
                let end = i + unknown.len();
                tokens.push(Token { id: UNKNOWN_ID, text: UNKNOWN.to_string(), chars: i..end, bytes: byte_at[i]..byte_at[end] });
                i = end;
                piece_start = end;
            } else {
                i += 1;
            }
        }
        tokens
    }

    /// The ids of [`encode`](Self::encode).
    pub fn encode_ids(&self, text: &str) -> Vec<u32> {
        self.encode(text).into_iter().map(|t| t.id).collect()
    }

    /// BPE on one word (HF's `merge_word` and `Word::merge_all`): characters to ids, then the
    /// merge of lowest rank among the pairs present, the left-most on a tie, until none applies.
    fn encode_word(&self, run: &[Marked], byte_at: &[usize], tokens: &mut Vec<Token>) {
        /// A token of the word, in a linked list so that merging is cheap.
        #[derive(Clone, Copy)]
        struct Symbol {
            id: u32,
            /// Its characters in `run`.
            from: usize,
            to: usize,
            prev: Option<usize>,
            next: Option<usize>,
            removed: bool,
        }
        let mut symbols: Vec<Symbol> = run
            .iter()
            .enumerate()
            .map(|(i, m)| Symbol {
                id: self.token_to_id(m.ch.encode_utf8(&mut [0; 4])).unwrap_or(UNKNOWN_ID),
                from: i,
                to: i + 1,
                prev: i.checked_sub(1),
                next: (i + 1 < run.len()).then_some(i + 1),
                removed: false,
            })
            .collect();
        // Min-queue of (rank, position, new id).
        let mut queue: BinaryHeap<std::cmp::Reverse<(u32, usize, u32)>> = symbols
            .windows(2)
            .enumerate()
            .filter_map(|(pos, w)| self.ranks.get(&(w[0].id, w[1].id)).map(|&(rank, id)| std::cmp::Reverse((rank, pos, id))))
            .collect();
        while let Some(std::cmp::Reverse((_, pos, new_id))) = queue.pop() {
            let Some(next) = symbols[pos].next else { continue };
            if symbols[pos].removed {
                continue;
            }
            // Skip an entry whose pair has changed since it was queued. HF compares the glued
            // token's id, not the rank: kept so, for parity.
            if self.ranks.get(&(symbols[pos].id, symbols[next].id)).is_none_or(|&(_, id)| id != new_id) {
                continue;
            }
            let right = symbols[next];
            symbols[pos].id = new_id;
            symbols[pos].to = right.to;
            symbols[pos].next = right.next;
            symbols[next].removed = true;
            if let Some(after) = right.next {
                symbols[after].prev = Some(pos);
            }
            if let Some(prev) = symbols[pos].prev {
                if let Some(&(rank, id)) = self.ranks.get(&(symbols[prev].id, new_id)) {
                    queue.push(std::cmp::Reverse((rank, prev, id)));
                }
            }
            if let Some(after) = symbols[pos].next {
                if let Some(&(rank, id)) = self.ranks.get(&(new_id, symbols[after].id)) {
                    queue.push(std::cmp::Reverse((rank, pos, id)));
                }
            }
        }
        for s in symbols.iter().filter(|s| !s.removed) {
            let chars = char_range(&run[s.from..s.to]);
            let bytes = byte_at[chars.start]..byte_at[chars.end];
            let text = self.id_to_token(s.id).unwrap_or(UNKNOWN).to_string();
            tokens.push(Token { id: s.id, text, chars, bytes });
        }
    }

    /// Text from ids: the tokens' texts glued, every `▁` a space except in the first token,
    /// where they are dropped (they stand for the `▁` encoding put in front). Ids outside the
    /// vocabulary are skipped; `<unk>` reads as the text `"<unk>"`. (HF's Metaspace decoder, with special
    /// tokens kept.)
    pub fn decode(&self, ids: &[u32]) -> String {
        let mut text = String::new();
        for (i, token) in ids.iter().filter_map(|&id| self.id_to_token(id)).enumerate() {
            for c in token.chars() {
                match c {
                    WORD_START if i == 0 => {}
                    WORD_START => text.push(' '),
                    c => text.push(c),
                }
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes_of(word: &mut Vec<u32>, pair: Pair, id: u32) -> Vec<(Pair, i64)> {
        let mut changes = Vec::new();
        merge_in_word(word, pair, id, |p, c| changes.push((p, c)));
        changes
    }

    /// HF's own `Word::merge` test: "hello" as h 0, e 1, l 2, o 3; merging (l, l) into 4.
    #[test]
    fn merging_in_a_word_reports_the_neighbours_pairs_as_hf_does() {
        let mut hello = vec![0, 1, 2, 2, 3];
        let changes = changes_of(&mut hello, (2, 2), 4);
        assert_eq!(hello, [0, 1, 4, 3]);
        assert_eq!(changes, [((1, 2), -1), ((1, 4), 1), ((2, 3), -1), ((4, 3), 1)]);
    }

    /// `a a a a` with (a, a): left to right, two merges, never overlapping; the pair's own
    /// three windows are not counted down (only the one broken by the first merge is).
    #[test]
    fn a_run_of_the_same_character_merges_left_to_right() {
        let mut run = vec![1, 1, 1, 1];
        let changes = changes_of(&mut run, (1, 1), 2);
        assert_eq!(run, [2, 2]);
        assert_eq!(changes, [((1, 1), -1), ((2, 1), 1), ((2, 1), -1), ((2, 2), 1)]);
        let mut odd = vec![1, 1, 1];
        changes_of(&mut odd, (1, 1), 2);
        assert_eq!(odd, [2, 1]);
    }

    #[test]
    fn words_keep_the_space_mark_in_front_and_punctuation_apart() {
        let words = pre_tokenize("France. (hi)  ש");
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["▁France", ".", "▁", "(", "hi", ")", "▁", "▁ש"]);
        let ranges: Vec<Range<usize>> = words.iter().map(|w| w.chars.clone()).collect();
        assert_eq!(ranges, [0..6, 6..7, 7..8, 8..9, 9..11, 11..12, 12..13, 13..15]);
        // A ▁ put in front of "(" stands for nothing typed.
        assert_eq!(pre_tokenize("(hi)")[0], Word { text: "▁".into(), chars: 0..0 });
        assert!(pre_tokenize("").is_empty());
    }

    #[test]
    fn the_queue_puts_the_larger_count_then_the_smaller_pair_first() {
        let c = |count, pair| Candidate { count, pair, words: vec![] };
        let mut queue: BinaryHeap<Candidate> = [c(3, (5, 1)), c(4, (9, 9)), c(4, (2, 7)), c(4, (2, 3))].into();
        let order: Vec<Pair> = std::iter::from_fn(|| queue.pop().map(|c| c.pair)).collect();
        assert_eq!(order, [(2, 3), (2, 7), (9, 9), (5, 1)]);
    }
}
