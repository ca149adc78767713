//! # Measuring a prompt: the probability a model gives the right answer
//!
//! A language model does not "answer"; it continues text. So a prompt is judged by how likely
//! the model makes the right continuation. With the answer's tokens `a₁ … a_m` after the
//! prompt's tokens `x`, by the chain rule and **teacher forcing** (each factor conditions on
//! the *right* earlier answer tokens, not on what the model would have written):
//!
//! ```text
//! P(answer | prompt) = Πⱼ P(aⱼ | x, a₁ … aⱼ₋₁)
//! ```
//!
//! The answer is **right under greedy decoding** exactly when, at every step, the right token
//! is the argmax (then greedy decoding writes the answer token by token; if any step's argmax
//! differs, greedy decoding leaves the answer there). Ties go to the lower token id, as in
//! [`super::sampling::argmax`].
//!
//! Measured over many questions, not one anecdote: [`compare_prompts`] gives, for each
//! [`PromptVariant`] (zero-shot, few-shot, another wording, a role line), the mean probability
//! of the right answer and the share answered right; [`compare_spelling`] does the same for
//! letter counts asked directly, with the word already spelled, and with the model spelling it
//! itself ("think first").
//!
//! **Where the prompt ends and the answer begins in tokens.** The prompt and the continuation
//! are encoded together; when the prompt's own tokens are a prefix of that, the rest are the
//! answer's tokens. A subword tokenizer can merge across the boundary (":" and " P" into one
//! token); then the prompt and the continuation are encoded separately and concatenated — the
//! prompt stays as the learner typed it.
//!
//! Any model that gives a next-token distribution can be measured: it implements
//! [`NextToken`]. The n-gram baseline does here; the transformer will.

use super::corpus::{PromptVariant, Question, SpellingItem};
use super::ngram::NGram;
use super::sampling::argmax;

/// A model that gives the distribution of the next token.
pub trait NextToken {
    /// The vocabulary size: the length of every distribution.
    fn vocab(&self) -> usize;
    /// `P(· | context)`, summing to 1. The context may be longer than the model's window: the
    /// model reads what it can (its last tokens).
    fn next_distribution(&mut self, context: &[u32]) -> Vec<f32>;
}

impl NextToken for NGram {
    fn vocab(&self) -> usize {
        NGram::vocab(self)
    }

    fn next_distribution(&mut self, context: &[u32]) -> Vec<f32> {
        self.distribution(context)
    }
}

/// The prompt's tokens and the continuation's (see the module docs on the boundary).
pub fn split_tokens(encode: &dyn Fn(&str) -> Vec<u32>, prompt: &str, continuation: &str) -> (Vec<u32>, Vec<u32>) {
    let prompt_tokens = encode(prompt);
    let mut joined = encode(&format!("{prompt}{continuation}"));
    if joined.len() > prompt_tokens.len() && joined.starts_with(&prompt_tokens) {
        let answer = joined.split_off(prompt_tokens.len());
        (prompt_tokens, answer)
    } else {
        (prompt_tokens, encode(continuation))
    }
}

/// How a model scores one continuation of one prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerScore {
    /// `Πⱼ P(aⱼ | prompt, a<ⱼ)`.
    pub probability: f64,
    /// Each factor `P(aⱼ | prompt, a<ⱼ)`.
    pub token_probabilities: Vec<f64>,
    /// Greedy decoding writes exactly these tokens.
    pub greedy_right: bool,
}

/// The probability `model` gives `continuation` after `prompt`, by teacher forcing, and whether
/// greedy decoding writes it. A token the distribution does not cover has probability 0. An
/// empty continuation has probability 1.
pub fn answer_probability<M: NextToken + ?Sized>(
    model: &mut M,
    encode: &dyn Fn(&str) -> Vec<u32>,
    prompt: &str,
    continuation: &str,
) -> AnswerScore {
    let (mut context, answer) = split_tokens(encode, prompt, continuation);
    let mut token_probabilities = Vec::with_capacity(answer.len());
    let mut greedy_right = true;
    for &token in &answer {
        let p = model.next_distribution(&context);
        let pt = p.get(token as usize).map_or(0.0, |&x| f64::from(x));
        greedy_right &= (token as usize) < p.len() && argmax(&p) == token as usize;
        token_probabilities.push(pt);
        context.push(token);
    }
    AnswerScore { probability: token_probabilities.iter().product(), token_probabilities, greedy_right }
}

/// One way of prompting, measured over many questions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PromptScore {
    /// Mean over the questions of `P(right answer | prompt)`; 0 with no question.
    pub mean_probability: f64,
    /// Share of the questions greedy decoding answers right; 0 with no question.
    pub accuracy: f64,
    /// Each question's probability, in order.
    pub probabilities: Vec<f64>,
    /// Each question answered right (greedy), in order.
    pub right: Vec<bool>,
}

impl PromptScore {
    /// The means of per-question scores (0 with none).
    pub fn from_scores(scores: impl Iterator<Item = AnswerScore>) -> PromptScore {
        let (probabilities, right): (Vec<f64>, Vec<bool>) = scores.map(|s| (s.probability, s.greedy_right)).unzip();
        let n = probabilities.len().max(1) as f64;
        PromptScore {
            mean_probability: probabilities.iter().sum::<f64>() / n,
            accuracy: right.iter().filter(|&&r| r).count() as f64 / n,
            probabilities,
            right,
        }
    }

    /// How many questions were measured.
    pub fn len(&self) -> usize {
        self.probabilities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.probabilities.is_empty()
    }
}

/// Every [`PromptVariant`] (in [`PromptVariant::ALL`] order) measured over `questions`.
pub fn compare_prompts<M: NextToken + ?Sized>(
    model: &mut M,
    questions: &[Question],
    encode: &dyn Fn(&str) -> Vec<u32>,
) -> Vec<(PromptVariant, PromptScore)> {
    PromptVariant::ALL
        .iter()
        .map(|&variant| {
            let scores: Vec<AnswerScore> = questions
                .iter()
                .map(|q| answer_probability(model, encode, q.prompt(variant), &q.continuation()))
                .collect();
            (variant, PromptScore::from_scores(scores.into_iter()))
        })
        .collect()
}

/// Letter counts asked three ways, over the same items.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpellingComparison {
    /// `… How many r's are in strawberry? A:` → ` 3.`
    pub direct: PromptScore,
    /// The word already spelled in the prompt: `… Spell it first. A: s t r a w b e r r y. r:` → ` 3.`
    pub spelled: PromptScore,
    /// The model spells it itself: `… Spell it first. A:` → ` s t r a w b e r r y. r: 3.` (right
    /// only when both the spelling and the count are).
    pub think_first: PromptScore,
}

/// Letter counts of `items` asked directly, with the spelling given, and spelled by the model.
pub fn compare_spelling<M: NextToken + ?Sized>(
    model: &mut M,
    items: &[SpellingItem],
    encode: &dyn Fn(&str) -> Vec<u32>,
) -> SpellingComparison {
    let mut measure = |prompt: fn(&SpellingItem) -> String, continuation: fn(&SpellingItem) -> String| {
        let scores: Vec<AnswerScore> =
            items.iter().map(|item| answer_probability(model, encode, &prompt(item), &continuation(item))).collect();
        PromptScore::from_scores(scores.into_iter())
    };
    let direct = measure(|i| i.direct.clone(), SpellingItem::continuation);
    let spelled = measure(|i| i.spelled.clone(), SpellingItem::continuation);
    let think_first = measure(|i| i.think_first.clone(), think_first_continuation);
    SpellingComparison { direct, spelled, think_first }
}

/// What a right answer continues a "think first" prompt with: the spelling, the letter's
/// label and the count (` s t r a w b e r r y. r: 3.`).
pub fn think_first_continuation(i: &SpellingItem) -> String {
    let label = i.spelled.strip_prefix(i.think_first.as_str()).and_then(|rest| rest.strip_prefix(i.spelling.as_str()));
    format!("{}{}{}", i.spelling, label.unwrap_or(""), i.continuation())
}

/// The same measurements spread over many small steps, so that a page stays responsive while
/// it asks hundreds of questions: every way of asking gets the same questions, one question of
/// one way a [`step`](Survey::step), question by question (so that, part-way, every way has been
/// asked about the same questions). Its results are those of [`compare_prompts`] and
/// [`compare_spelling`] on the questions asked so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Survey {
    /// Each way of asking: a (prompt, right continuation) per question.
    ways: Vec<Vec<(String, String)>>,
    /// Each way's scores so far.
    scores: Vec<Vec<AnswerScore>>,
    /// Steps taken (question-major: question `next / ways`, way `next % ways`).
    next: usize,
}

impl Survey {
    /// `questions` asked every way in `variants`.
    pub fn of_prompts(questions: &[Question], variants: &[PromptVariant]) -> Survey {
        let ways = variants.iter().map(|&v| questions.iter().map(|q| (q.prompt(v).to_owned(), q.continuation())).collect()).collect();
        Survey::new(ways)
    }

    /// Letter counts asked the three ways of [`SpellingComparison`] (direct, spelled, think
    /// first), in that order.
    pub fn of_spelling(items: &[SpellingItem]) -> Survey {
        let way = |prompt: fn(&SpellingItem) -> String, continuation: fn(&SpellingItem) -> String| items.iter().map(|i| (prompt(i), continuation(i))).collect();
        Survey::new(vec![
            way(|i| i.direct.clone(), SpellingItem::continuation),
            way(|i| i.spelled.clone(), SpellingItem::continuation),
            way(|i| i.think_first.clone(), think_first_continuation),
        ])
    }

    fn new(ways: Vec<Vec<(String, String)>>) -> Survey {
        let scores = ways.iter().map(|w| Vec::with_capacity(w.len())).collect();
        Survey { ways, scores, next: 0 }
    }

    /// Questions per way.
    pub fn questions(&self) -> usize {
        self.ways.first().map_or(0, Vec::len)
    }

    /// Steps taken, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.ways.len() * self.questions())
    }

    pub fn done(&self) -> bool {
        self.next >= self.ways.len() * self.questions()
    }

    /// Asks the next question of the next way (nothing once done).
    pub fn step<M: NextToken + ?Sized>(&mut self, model: &mut M, encode: &dyn Fn(&str) -> Vec<u32>) {
        if self.done() {
            return;
        }
        let (question, way) = (self.next / self.ways.len(), self.next % self.ways.len());
        let (prompt, continuation) = &self.ways[way][question];
        self.scores[way].push(answer_probability(model, encode, prompt, continuation));
        self.next += 1;
    }

    /// Each way's score over the questions it was asked so far (complete ones only: a way one
    /// question ahead is counted without it, so that every way covers the same questions).
    pub fn results(&self) -> Vec<PromptScore> {
        let asked = self.scores.iter().map(Vec::len).min().unwrap_or(0);
        self.scores.iter().map(|s| PromptScore::from_scores(s[..asked].iter().cloned())).collect()
    }
}
