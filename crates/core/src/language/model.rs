//! # A tiny transformer as a language model, and the n-gram it must beat
//!
//! The attention lab's transformer ([`crate::attention::model::TinyTransformer`]) with the
//! **causal mask** and a read-out at *every* position: position `t` sees tokens `x₁ … xₜ` and
//! scores the next one. It trains on **windows** of `c + 1` tokens cut from the corpus's token
//! stream one after another (stride `c`, the context): the inputs are the first `c`, the
//! targets the last `c`, so one window teaches `c` next-token guesses at once. The loss is their
//! mean cross-entropy, and perplexity its exponential:
//!
//! ```text
//! L = −(1/(B·c)) Σ_windows Σ_{t=1..c} ln P(x_{t+1} | x₁ … xₜ)          perplexity = e^L
//! ```
//!
//! The windows are split three ways like every data set of the site and trained by the
//! attention lab's trainer ([`AttentionTrainer`]): a window is its row, every position an
//! answer slot. Perplexity is "how many equally likely tokens the model hesitates between":
//! a model that knows nothing scores the vocabulary size, one that is always sure and right
//! scores 1.
//!
//! **The baseline** is an n-gram ([`super::ngram`], Kneser–Ney) fitted on the *training*
//! windows and scored on the same validation windows under the same rule — inside a window, the
//! first guess has no context, the next one token, and so on (the n-gram reads at most its last
//! `n − 1`). Non-adjacent training windows are joined by a line break, where the text's own
//! boundaries already are.
//!
//! **Lines.** BPE works within a line ([`super::bpe`]); the model must still see where one ends,
//! so the stream puts a line-break token ⏎ after every line (the last id, after the
//! tokenizer's). A prompt starts after one, as every line of the corpus does.
//!
//! **Asking it.** [`LanguageModel::next_distribution`] puts a context's last `c` tokens in the
//! first positions (the rest is padding the mask keeps out of their sight) and reads the last
//! one: exactly what the full window would give there. It is the [`NextToken`] the prompt
//! measurements and the samplers use.

use crate::attention::model::{NetSpec, Position, HEADS_RANGE, LAYERS_RANGE, WIDTH_RANGE};
use crate::attention::tasks::AttentionSet;
use crate::attention::trainer::{AttentionTrainer, Pacing};
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::stepping::{Progress, Stepping};
use crate::train::minibatch::{EpochTrainer, TrainSettings};
use crate::train::trainer::History;

use super::bpe::Tokenizer;
use super::ngram::NGram;
use super::prompting::NextToken;

/// Bounds of the context (tokens a window holds), inclusive.
pub const CONTEXT_RANGE: (usize, usize) = (8, 64);
/// What the line-break token shows as.
pub const LINE_BREAK: &str = "⏎";

/// The transformer's shape; the causal mask is always on (a position must not see the token it
/// guesses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LmSpec {
    /// Tokens a window holds, 8–64.
    pub context: usize,
    pub layers: usize,
    pub heads: usize,
    pub width: usize,
    pub position: Position,
}

impl Default for LmSpec {
    /// The lab's default: a 64-token context (room for three examples before a question), 2
    /// blocks of 2 heads, width 32, learned positions.
    fn default() -> LmSpec {
        LmSpec { context: 64, layers: 2, heads: 2, width: 32, position: Position::Learned }
    }
}

impl LmSpec {
    /// The transformer's spec (causal).
    pub fn net(&self) -> NetSpec {
        NetSpec { layers: self.layers, heads: self.heads, width: self.width, position: self.position, causal: true }
    }

    /// Errors (field): `"context"`, `"layers"`, `"heads"` (1–4, dividing the width), `"width"`.
    pub fn validate(&self) -> Result<(), ParamError> {
        ParamError::check_range("context", CONTEXT_RANGE.0 as f64, CONTEXT_RANGE.1 as f64, self.context as f64)?;
        ParamError::check_range("layers", LAYERS_RANGE.0 as f64, LAYERS_RANGE.1 as f64, self.layers as f64)?;
        ParamError::check_range("heads", HEADS_RANGE.0 as f64, HEADS_RANGE.1 as f64, self.heads as f64)?;
        ParamError::check_range("width", WIDTH_RANGE.0 as f64, WIDTH_RANGE.1 as f64, self.width as f64)?;
        self.net().validate()
    }
}

/// Text as the model reads it: the tokenizer's ids, and a line-break token after every line.
#[derive(Debug, Clone)]
pub struct TokenText {
    tokenizer: Tokenizer,
    line_break: u32,
}

impl TokenText {
    pub fn new(tokenizer: Tokenizer) -> TokenText {
        let line_break = tokenizer.vocab_size() as u32;
        TokenText { tokenizer, line_break }
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// The model's vocabulary: the tokenizer's and the line break.
    pub fn vocab(&self) -> usize {
        self.line_break as usize + 1
    }

    pub fn line_break(&self) -> u32 {
        self.line_break
    }

    /// A whole text: every line (a final line without `\n` too) encoded on its own and followed
    /// by the line break.
    pub fn encode_text(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::with_capacity(text.len() / 2);
        for line in text.split_terminator('\n') {
            ids.extend(self.tokenizer.encode_ids(line));
            ids.push(self.line_break);
        }
        ids
    }

    /// A prompt: a line break first (every line of the corpus follows one), then its lines with
    /// line breaks between them — none after the last, where the model goes on.
    pub fn encode_prompt(&self, prompt: &str) -> Vec<u32> {
        let mut ids = vec![self.line_break];
        for (k, line) in prompt.split('\n').enumerate() {
            if k > 0 {
                ids.push(self.line_break);
            }
            ids.extend(self.tokenizer.encode_ids(line));
        }
        ids
    }

    /// One token as text (`▁` for a word's space, [`LINE_BREAK`] for the line break).
    pub fn token_text(&self, id: u32) -> &str {
        if id == self.line_break {
            LINE_BREAK
        } else {
            self.tokenizer.id_to_token(id).unwrap_or(super::bpe::UNKNOWN)
        }
    }

    /// Ids back to text: lines decoded one by one, joined by `\n`.
    pub fn decode(&self, ids: &[u32]) -> String {
        ids.split(|&t| t == self.line_break).map(|line| self.tokenizer.decode(line)).collect::<Vec<_>>().join("\n")
    }
}

/// Cuts `stream` into windows of `context + 1` tokens, stride `context`: inputs the first
/// `context`, targets the last `context`.
fn windows(stream: &[u32], context: usize, vocab: usize) -> AttentionSet {
    let n = stream.len().saturating_sub(1) / context.max(1);
    let mut tokens = Vec::with_capacity(n * context);
    let mut targets = Vec::with_capacity(n * context);
    for w in 0..n {
        let start = w * context;
        tokens.extend_from_slice(&stream[start..start + context]);
        targets.extend_from_slice(&stream[start + 1..start + 1 + context]);
    }
    AttentionSet { task: None, vocab, length: context, steps: context, slots: context, tokens, targets }
}

/// Tokens one step of training or measuring reads (rows of `c` tokens: `max(1, 128 / c)`):
/// about 5 ms natively with the default model, so that a step fits in the page's frame. A
/// mini-batch of 32 windows of 64 tokens is trained as 16 steps of 2 whose gradients add up
/// (the same update; see [`crate::attention::trainer`]), and the training loss is the mean of
/// the epoch's batch losses, as language models report it (no second pass over the training
/// windows); the validation windows are measured after every epoch, from the untrained model on.
pub const TOKENS_PER_STEP: usize = 128;

/// How the language model's trainer spreads its work (see [`TOKENS_PER_STEP`]).
pub fn pacing(context: usize) -> Pacing {
    Pacing { rows_per_step: (TOKENS_PER_STEP / context.max(1)).max(1), training_loss_from_batches: true }
}

/// Perplexity `e^L` of a mean cross-entropy `L` (in nats).
pub fn perplexity(loss: f32) -> f64 {
    crate::tensor::math::exp64(f64::from(loss))
}

/// Fewest windows a text must give (one per part of a 3-way split, and then some).
pub const MIN_WINDOWS: usize = 10;

/// The transformer language model in training, its tokens and its n-gram baseline.
pub struct LanguageModel {
    text: TokenText,
    spec: LmSpec,
    trainer: AttentionTrainer,
    baseline: NGram,
    /// The baseline's perplexity on the (training, validation, test) windows.
    baseline_perplexity: (f64, f64, f64),
}

impl LanguageModel {
    /// Encodes `corpus` with `text`, cuts it into windows, splits them by `settings`, builds the
    /// transformer and fits the `order`-gram baseline on the training windows.
    ///
    /// Errors (field): the spec's; `"data"` (fewer than [`MIN_WINDOWS`] windows), the
    /// settings' (`"train"`, `"val"`, `"lr"`, `"batch"`, `"clip"`); `"order"` (1–4).
    pub fn new(corpus: &str, text: TokenText, spec: LmSpec, settings: &TrainSettings, order: usize) -> Result<LanguageModel, ParamError> {
        spec.validate()?;
        let stream = text.encode_text(corpus);
        let set = windows(&stream, spec.context, text.vocab());
        if set.len() < MIN_WINDOWS {
            return Err(ParamError::too_few("data", MIN_WINDOWS, set.len()));
        }
        let trainer = AttentionTrainer::with_pacing(set, spec.net(), settings, pacing(spec.context))?;
        let baseline = NGram::fit(&training_stream(&stream, trainer.split(), spec.context, text.line_break()), text.vocab(), order)?;
        let perplexity = |rows: &[usize]| window_perplexity(&baseline, trainer.set(), rows);
        let split = trainer.split();
        let baseline_perplexity = (perplexity(&split.train), perplexity(&split.val), perplexity(&split.test));
        Ok(LanguageModel { text, spec, trainer, baseline, baseline_perplexity })
    }

    pub fn text(&self) -> &TokenText {
        &self.text
    }

    pub fn spec(&self) -> LmSpec {
        self.spec
    }

    /// The transformer's trainer (its history, the windows, one window's attention).
    pub fn trainer(&self) -> &AttentionTrainer {
        &self.trainer
    }

    pub fn trainer_mut(&mut self) -> &mut AttentionTrainer {
        &mut self.trainer
    }

    pub fn baseline(&self) -> &NGram {
        &self.baseline
    }

    /// The baseline's perplexity on the training, validation and test windows (NaN for an empty
    /// part).
    pub fn baseline_perplexity(&self) -> (f64, f64, f64) {
        self.baseline_perplexity
    }

    /// The transformer's last measured (training, validation) perplexity, `e^loss`.
    pub fn perplexity(&self) -> (f64, f64) {
        let h = self.trainer.history();
        let last = |v: &[f32]| v.last().map_or(f64::NAN, |&l| perplexity(l));
        (last(&h.train_loss), last(&h.val_loss))
    }

    /// Perplexity per epoch, (training, validation): `e^loss` of the history (entry 0 before
    /// training; the training one is NaN there, see [`TOKENS_PER_STEP`]).
    pub fn perplexities(&self) -> (Vec<f64>, Vec<f64>) {
        let h = self.trainer.history();
        let each = |v: &[f32]| v.iter().map(|&l| perplexity(l)).collect();
        (each(&h.train_loss), each(&h.val_loss))
    }

    /// `P(· | context)` by the transformer (uniform for an empty context; see the module docs).
    pub fn next_distribution(&mut self, context: &[u32]) -> Vec<f32> {
        let vocab = self.text.vocab();
        self.trainer.next_distribution(context).unwrap_or_else(|| vec![1.0 / vocab as f32; vocab])
    }
}

/// The training windows' tokens in order, contiguous runs kept whole and runs joined by a line
/// break.
fn training_stream(stream: &[u32], split: &Split, context: usize, line_break: u32) -> Vec<u32> {
    let mut rows = split.train.clone();
    crate::shared::sort_by_shared(&mut rows, &|a, b| a.cmp(b));
    let mut out = Vec::with_capacity(rows.len() * (context + 1));
    let mut last: Option<usize> = None;
    for &r in &rows {
        let start = r * context;
        match last {
            // The window right after the previous one: only its last token is new.
            Some(p) if p + 1 == r => out.push(stream[start + context]),
            _ => {
                if last.is_some() {
                    out.push(line_break);
                }
                out.extend_from_slice(&stream[start..=start + context]);
            }
        }
        last = Some(r);
    }
    out
}

/// `exp` of the mean cross-entropy of `model` on the windows `rows` of `set`, each target
/// guessed from the window's tokens up to it (NaN without rows).
fn window_perplexity(model: &NGram, set: &AttentionSet, rows: &[usize]) -> f64 {
    let keep = model.order().saturating_sub(1);
    let mut sum = 0.0;
    let mut n = 0usize;
    for &r in rows {
        let (tokens, targets) = (set.example(r), set.answer(r));
        for (j, &target) in targets.iter().enumerate() {
            let context = &tokens[(j + 1).saturating_sub(keep)..=j];
            sum -= crate::tensor::math::ln64(model.probability(context, target).max(f64::MIN_POSITIVE));
            n += 1;
        }
    }
    if n == 0 { f64::NAN } else { crate::tensor::math::exp64(sum / n as f64) }
}

impl NextToken for LanguageModel {
    fn vocab(&self) -> usize {
        self.text.vocab()
    }
    fn next_distribution(&mut self, context: &[u32]) -> Vec<f32> {
        LanguageModel::next_distribution(self, context)
    }
}

impl Stepping for LanguageModel {
    fn step(&mut self) {
        self.trainer.step();
    }
    fn done(&self) -> bool {
        self.trainer.done()
    }
    fn progress(&self) -> Progress {
        self.trainer.progress()
    }
}

impl EpochTrainer for LanguageModel {
    fn epoch(&self) -> usize {
        self.trainer.epoch()
    }
    fn epoch_progress(&self) -> f32 {
        self.trainer.epoch_progress()
    }
    fn steps_per_epoch(&self) -> usize {
        self.trainer.steps_per_epoch()
    }
    fn step_batch(&mut self) {
        self.trainer.step_batch();
    }
    fn set_lr(&mut self, lr: f32) -> Result<(), ParamError> {
        self.trainer.set_lr(lr)
    }
    fn diverged(&self) -> bool {
        self.trainer.diverged()
    }
    /// Loss and the share of next tokens guessed right (a whole window right means nothing here).
    fn evaluate(&mut self, role: Role) -> (f32, f32) {
        let (loss, _, token) = self.trainer.evaluate_tokens(role);
        (loss, token)
    }
    fn split(&self) -> &Split {
        self.trainer.split()
    }
    fn history(&self) -> &History {
        self.trainer.history()
    }
    fn batches_trained(&self) -> usize {
        self.trainer.batches_trained()
    }
}
