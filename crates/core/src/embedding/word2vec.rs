//! # Word2vec: skip-gram and CBOW with negative sampling, trained a few words at a time
//!
//! Every word `w` has two vectors of `d` numbers: an **input** vector `v_w` (the one the lab
//! shows, "the word's embedding") and an **output** vector `u_w` (used only to score it as a
//! context). Training slides a window over the text and asks the vectors to tell the words that
//! really appear near each other from random ones.
//!
//! ## Skip-gram with negative sampling (SGNS)
//!
//! For a centre word `c`, one context word `o` within the window and `K` **negatives** `k₁…k_K`
//! drawn from the noise distribution `P_n(w) ∝ count(w)^0.75` ([`super::corpus`]), maximise
//!
//! ```text
//! log σ(v_c·u_o) + Σ_k log σ(−v_c·u_k)          σ(s) = 1/(1 + e^{−s})
//! ```
//!
//! i.e. minimise the loss `L = −log σ(v_c·u_o) − Σ_k log σ(−v_c·u_k)`: the true pair's score
//! should be high, the noise pairs' low. With `s = v_c·u`, `dσ/ds = σ(1 − σ)` gives
//!
//! ```text
//! ∂L/∂u_o = −(1 − σ(v_c·u_o))·v_c
//! ∂L/∂u_k =      σ(v_c·u_k) ·v_c
//! ∂L/∂v_c = −(1 − σ(v_c·u_o))·u_o + Σ_k σ(v_c·u_k)·u_k
//! ```
//!
//! — one formula for all: with label `ℓ = 1` for the context word and `ℓ = 0` for a negative,
//! `∂L/∂u = −(ℓ − σ(s))·v_c` and `∂L/∂v_c = −Σ (ℓ − σ(s))·u`. Each step of SGD moves by
//! `−α·∂L`, so with `g = α·(ℓ − σ(s))` the update is `u += g·v_c` and `v_c += Σ g·u`, the `v_c`
//! update summed over the `1 + K` words and applied after them (word2vec.c's `neu1e`).
//! [`sgns_loss_and_gradients`] computes `L` and the three gradients exactly, in `f64`.
//!
//! ## CBOW
//!
//! Continuous bag of words turns it round: the **mean** `h` of the context words' input vectors
//! predicts the centre word, with the same loss (`h` in place of `v_c`, the centre word in place
//! of `o`). As in word2vec.c and gensim (`cbow_mean=1`), each context vector then receives the
//! whole update `Σ g·u`, not `1/m` of it.
//!
//! ## As word2vec.c and gensim do it
//!
//! - **Initial vectors**: input `v_w ~ U(−1/d, 1/d)` per number (gensim 4's `prep_vectors`;
//!   word2vec.c draws from half that range, `±0.5/d`), output `u_w = 0`. With word2vec.c's
//!   range our analogy accuracy after 3 epochs was 3 (English) and 12.5 (Hebrew) points below
//!   gensim's; with gensim's range and orientation (below), 1.2 and 4.5 (docs/EMBEDDING.md).
//! - **Subsampling**: before a sentence is used, each word is kept with probability
//!   `keep(w) = min(1, (√(f/t) + 1)·t/f)` ([`super::corpus::Vocabulary::keep_probability`]);
//!   the window then slides over the kept words only.
//! - **Reduced window**: for every centre word `b ~ U{0, …, window − 1}` and the window is
//!   `window − b` words each side, so near words count more often than far ones.
//! - **Negatives** equal to the true word are skipped.
//! - **Learning rate**: linear decay from `α₀` to `α_min` over all the words of all epochs,
//!   `α = α₀ − (α₀ − α_min)·(words done / (epochs·N))`, with "words done" counted in whole
//!   steps of [`ALPHA_EVERY`] = 10,000 words (word2vec.c recomputes α every 10,000 words,
//!   gensim once per job of 10,000 words). The steps matter in a short run: α lags by up to
//!   `α₀·10,000/(epochs·N)`, most visibly at the end, where it no longer fades to `α_min`;
//!   updating at every sentence instead cost our Hebrew corpus 4 points of 3-epoch accuracy
//!   against gensim.
//! - **σ from a table**: word2vec.c's 1,000 values of `σ` over `(−6, 6)`. A word whose score
//!   is beyond ±6 gets no update, as in gensim (word2vec.c instead rounds `σ` to 0 or 1 there,
//!   which gives the same update for a well-scored word, and `±α` for a badly scored one; with
//!   initial vectors near 0 scores seldom get that far). The table's step is 0.012, so `σ` is
//!   off by at most 0.003; the loss reported uses a table of `ln(1 + eˢ)` on the same grid
//!   (exact outside it). [`sgd_step`] is the trainer's update of one example, tested against
//!   `−α·∂L` of [`sgns_loss_and_gradients`].
//! - **Skip-gram orientation**: for each centre word and each word `o` of its window, the
//!   input vector of `o` is trained to predict the centre word (word2vec.c's and gensim's
//!   loop). The window is symmetric, so these are the pairs of the formula above with the two
//!   roles swapped: every pair is visited either way, and the formula reads `v_o·u_c`.
//!
//! ## Stepping
//!
//! The unit of work is a **sentence**; [`Word2Vec::step_words`] processes whole sentences until
//! at least `budget` words were read, so the page can train a few thousand words per frame.
//! Nothing depends on where the chunks end (the generator, the position and the learning rate
//! only move with the sentences), so any chunking gives the same vectors bit for bit as one
//! long run. [`Stepping::step`] is `step_words(STEP_WORDS)`.
//!
//! **Determinism.** Input vectors from `Rng::stream(seed, INIT)`; subsampling, windows and
//! negatives from `Rng::stream(seed, TRAIN_STREAM)`, drawn in a fixed order.

use crate::error::ParamError;
use crate::nn::kernels::F4;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;
use crate::stepping::{Progress, Stepping};

use super::corpus::{Text, Vocabulary, DROPPED};
use super::space::Space;

/// Stream id of the training draws (subsampling, windows, negatives).
pub const TRAIN_STREAM: u64 = 0x5732_5645; // "W2VE"
/// Words read by one [`Stepping::step`].
pub const STEP_WORDS: usize = 2000;
/// Words between two updates of the learning rate (word2vec.c's and gensim's 10,000).
pub const ALPHA_EVERY: u64 = 10_000;
/// Words between two points of the live loss curve.
pub const LOSS_EVERY: u64 = 5000;
/// Scores beyond ±`MAX_SCORE` are saturated (word2vec.c's `MAX_EXP`).
pub const MAX_SCORE: f32 = 6.0;
/// Entries of the σ table (word2vec.c's `EXP_TABLE_SIZE`).
pub const TABLE_SIZE: usize = 1000;
/// Largest dimension.
pub const MAX_DIM: usize = 100;

slug_enum! {
    /// Which word predicts which.
    pub enum Architecture {
        /// The centre word predicts each context word.
        SkipGram => "skipgram",
        /// The mean of the context words predicts the centre word.
        Cbow => "cbow",
    }
}

/// Training settings (gensim's names in brackets).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub architecture: Architecture,
    /// Vector length `d` (`vector_size`), 2–100.
    pub dim: usize,
    /// Largest distance of a context word (`window`), 1–10.
    pub window: usize,
    /// Negatives per true word (`negative`), 1–20.
    pub negatives: usize,
    /// Starting learning rate `α₀` (`alpha`), above 0 and at most 1.
    pub alpha: f32,
    /// Final learning rate (`min_alpha`), 0 to `alpha`.
    pub min_alpha: f32,
    /// Subsampling threshold `t` (`sample`), 0 (off) to 0.1.
    pub sample: f64,
    /// Words seen fewer times are dropped (`min_count`), 1–1000.
    pub min_count: usize,
    /// Passes over the text (`epochs`), 1–200.
    pub epochs: usize,
    pub seed: u64,
}

impl Default for Settings {
    /// The lab's defaults: gensim's (skip-gram, window 5, 5 negatives, α 0.025 → 0.0001,
    /// sample 10⁻³, min_count 5), 50 dimensions and 10 epochs (the shipped corpus is small).
    fn default() -> Settings {
        Settings {
            architecture: Architecture::SkipGram,
            dim: 50,
            window: 5,
            negatives: 5,
            alpha: 0.025,
            min_alpha: 0.0001,
            sample: 1e-3,
            min_count: 5,
            epochs: 10,
            seed: 1,
        }
    }
}

impl Settings {
    /// Errors (field): `"dim"`, `"window"`, `"negatives"`, `"alpha"`, `"min_alpha"`, `"sample"`,
    /// `"min_count"`, `"epochs"`.
    pub fn validate(&self) -> Result<(), ParamError> {
        ParamError::check_range("dim", 2.0, MAX_DIM as f64, self.dim as f64)?;
        ParamError::check_range("window", 1.0, 10.0, self.window as f64)?;
        ParamError::check_range("negatives", 1.0, 20.0, self.negatives as f64)?;
        let alpha = f64::from(self.alpha);
        if !(alpha > 0.0 && alpha <= 1.0) {
            return Err(ParamError::above("alpha", 0.0, 1.0, alpha));
        }
        ParamError::check_range("min_alpha", 0.0, alpha, f64::from(self.min_alpha))?;
        ParamError::check_range("sample", 0.0, 0.1, self.sample)?;
        ParamError::check_range("min_count", 1.0, 1000.0, self.min_count as f64)?;
        ParamError::check_range("epochs", 1.0, 200.0, self.epochs as f64)
    }
}

// ---------------------------------------------------------------------------------------------
// The exact maths
// ---------------------------------------------------------------------------------------------

/// `ln(1 + eˣ)`, finite for any `x` (`−ln σ(s) = softplus(−s)`): the engine's exact one.
pub use crate::tensor::math::softplus64 as softplus;

/// `σ(x) = 1/(1 + e^{−x})`.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + crate::tensor::math::exp64(-x))
}

/// The SGNS loss of one (centre, context, negatives) example and its gradients, exact in `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct SgnsGradients {
    /// `L = −log σ(v_c·u_o) − Σ_k log σ(−v_c·u_k)`.
    pub loss: f64,
    /// `∂L/∂v_c`, `d` numbers.
    pub centre: Vec<f64>,
    /// `∂L/∂u_o`.
    pub context: Vec<f64>,
    /// `∂L/∂u_k` for each negative in order, `K × d` (a word drawn twice appears twice; its
    /// total gradient is the sum).
    pub negatives: Vec<f64>,
    /// The scores `v_c·u_o`, then `v_c·u_k`.
    pub scores: Vec<f64>,
}

/// The loss and gradients of one example (see the module docs): `centre` is `v_c`, `context`
/// is `u_o`, `negatives` the `K` rows `u_k`, row after row.
///
/// Errors: `"centre"` (empty or not finite), `"context"`/`"negatives"` (lengths).
pub fn sgns_loss_and_gradients(centre: &[f32], context: &[f32], negatives: &[f32]) -> Result<SgnsGradients, ParamError> {
    let d = centre.len();
    if d == 0 {
        return Err(ParamError::too_few("centre", 1, 0));
    }
    if let Some(&bad) = centre.iter().chain(context).chain(negatives).find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("centre", f64::from(bad)));
    }
    if context.len() != d {
        return Err(ParamError::length_mismatch("context", d, context.len()));
    }
    if !negatives.len().is_multiple_of(d) {
        return Err(ParamError::not_whole_rows("negatives", negatives.len(), d));
    }
    let dot = |u: &[f32]| centre.iter().zip(u).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum::<f64>();
    let mut out = SgnsGradients { loss: 0.0, centre: vec![0.0; d], context: vec![0.0; d], negatives: vec![0.0; negatives.len()], scores: Vec::new() };
    let rows = std::iter::once((context, 1.0)).chain(negatives.chunks_exact(d).map(|u| (u, 0.0)));
    for (r, (u, label)) in rows.enumerate() {
        let s = dot(u);
        out.scores.push(s);
        // −log σ(s) for the true word, −log σ(−s) = −log(1 − σ(s)) for a negative.
        out.loss += if label == 1.0 { softplus(-s) } else { softplus(s) };
        // ∂L/∂s = −e with e = ℓ − σ(s); for the true word written σ(−s), which keeps its
        // precision when s is large (1 − σ(30) would round to 0 or to 10⁻¹⁶ noise).
        let e = if label == 1.0 { sigmoid(-s) } else { -sigmoid(s) };
        let grad_u = if r == 0 { &mut out.context[..] } else { &mut out.negatives[(r - 1) * d..r * d] };
        for j in 0..d {
            grad_u[j] = -e * f64::from(centre[j]);
            out.centre[j] -= e * f64::from(u[j]);
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// 4-lane loops
// ---------------------------------------------------------------------------------------------

/// `Σ aᵢ·bᵢ`, 4 lanes then a scalar tail.
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = F4::splat(0.0);
    let (mut ac, mut bc) = (a.chunks_exact(4), b.chunks_exact(4));
    for (x, y) in (&mut ac).zip(&mut bc) {
        // SAFETY: each chunk holds exactly 4 f32.
        acc = unsafe { acc.mul_add(F4::load_ptr(x.as_ptr()), F4::load_ptr(y.as_ptr())) };
    }
    let [p, q, r, s] = acc.to_array();
    let mut sum = (p + q) + (r + s);
    for (x, y) in ac.remainder().iter().zip(bc.remainder()) {
        sum += x * y;
    }
    sum
}

/// `y += c·x`, 4 lanes then a scalar tail.
#[inline]
fn axpy(y: &mut [f32], c: f32, x: &[f32]) {
    let n = y.len().min(x.len());
    let (y, x) = (&mut y[..n], &x[..n]);
    let cv = F4::splat(c);
    let mut yc = y.chunks_exact_mut(4);
    let mut xc = x.chunks_exact(4);
    for (p, q) in (&mut yc).zip(&mut xc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe { F4::load_ptr(p.as_ptr()).mul_add(cv, F4::load_ptr(q.as_ptr())).store_ptr(p.as_mut_ptr()) };
    }
    for (p, q) in yc.into_remainder().iter_mut().zip(xc.remainder()) {
        *p += c * q;
    }
}

// ---------------------------------------------------------------------------------------------
// The trainer
// ---------------------------------------------------------------------------------------------

/// What one [`Word2Vec::step_words`] did.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StepReport {
    /// Words read (before subsampling).
    pub words: usize,
    /// Words kept by subsampling.
    pub kept: usize,
    /// Examples trained (skip-gram: centre–context pairs; CBOW: centre words).
    pub examples: usize,
    /// Mean loss per example over this step (NaN when there was none).
    pub loss: f32,
}

/// A point of the live loss curve: the mean loss per example over the last [`LOSS_EVERY`] words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LossPoint {
    pub words: u64,
    pub loss: f32,
}

/// The σ and softplus tables on word2vec.c's grid.
#[derive(Debug, Clone)]
struct Tables {
    sigmoid: Vec<f32>,
    softplus: Vec<f32>,
}

impl Tables {
    fn new() -> Tables {
        // Entry i stands for s = (i/TABLE_SIZE·2 − 1)·MAX_SCORE, as in word2vec.c.
        let at = |i: usize| (i as f64 / TABLE_SIZE as f64 * 2.0 - 1.0) * f64::from(MAX_SCORE);
        Tables {
            sigmoid: (0..TABLE_SIZE).map(|i| sigmoid(at(i)) as f32).collect(),
            softplus: (0..TABLE_SIZE).map(|i| softplus(at(i)) as f32).collect(),
        }
    }

    /// The table index of a score strictly inside `(−MAX_SCORE, MAX_SCORE)`.
    #[inline]
    fn index(s: f32) -> usize {
        (((s + MAX_SCORE) * (TABLE_SIZE as f32 / MAX_SCORE / 2.0)) as usize).min(TABLE_SIZE - 1)
    }

    /// `(ℓ − σ(s), loss term)` for label `ℓ` (1 true word, 0 negative).
    #[inline]
    fn error_and_loss(&self, s: f32, positive: bool) -> (f32, f32) {
        if s > -MAX_SCORE && s < MAX_SCORE {
            let i = Self::index(s);
            let sig = self.sigmoid[i];
            // softplus(−s) at index i is softplus at the mirrored index.
            if positive {
                (1.0 - sig, self.softplus[TABLE_SIZE - 1 - i])
            } else {
                (-sig, self.softplus[i])
            }
        } else {
            // gensim's rule: no update beyond the table (the loss is still counted, exactly).
            let x = if positive { -s } else { s };
            (0.0, softplus(f64::from(x)) as f32)
        }
    }
}

/// The word2vec trainer: vocabulary, the text as vocabulary ids, both vector tables, the
/// position in the run and the loss history.
#[derive(Debug, Clone)]
pub struct Word2Vec {
    settings: Settings,
    vocab: Vocabulary,
    /// The text's sentences as vocabulary ids (dropped words removed), one after another.
    tokens: Vec<u32>,
    sentence_ends: Vec<usize>,
    /// `keep(w)·2³²`: a word is kept when a 32-bit draw is below it (≥ 2³²: always).
    keep_threshold: Vec<u64>,
    /// Cumulative noise distribution scaled to 2³²: word `i` is drawn for `r ∈ [cum[i−1], cum[i])`.
    noise_cumulative: Vec<u64>,
    input: Vec<f32>,
    output: Vec<f32>,
    initial: Vec<f32>,
    tables: Tables,
    rng: Rng,
    epoch: usize,
    sentence: usize,
    words_done: u64,
    total_words: u64,
    alpha: f32,
    epoch_loss: f64,
    epoch_examples: u64,
    epoch_losses: Vec<f32>,
    curve_loss: f64,
    curve_examples: u64,
    next_curve_point: u64,
    loss_curve: Vec<LossPoint>,
    diverged: bool,
    // Work buffers.
    kept: Vec<u32>,
    hidden: Vec<f32>,
    hidden_error: Vec<f32>,
}

/// Adds `−α·∂L/∂u` to each output row of one example and accumulates `−α·∂L/∂h` into
/// `hidden_error`: the true word `target` with label 1, then `negatives` words from `draw`
/// with label 0 (skipping a draw equal to `target`). Returns the example's loss.
#[allow(clippy::too_many_arguments)]
#[inline]
fn train_example(
    hidden: &[f32],
    hidden_error: &mut [f32],
    output: &mut [f32],
    target: u32,
    negatives: usize,
    mut draw: impl FnMut() -> u32,
    tables: &Tables,
    alpha: f32,
) -> f32 {
    let d = hidden.len();
    hidden_error.fill(0.0);
    let mut loss = 0.0f32;
    for n in 0..=negatives {
        let word = if n == 0 {
            target
        } else {
            let w = draw();
            if w == target {
                continue;
            }
            w
        };
        let row = &mut output[word as usize * d..word as usize * d + d];
        let s = dot(hidden, row);
        let (e, l) = tables.error_and_loss(s, n == 0);
        loss += l;
        let g = e * alpha;
        axpy(hidden_error, g, row);
        axpy(row, g, hidden);
    }
    loss
}

/// A draw from the noise distribution: a 32-bit number `r`, then the word whose interval
/// `[cum[w−1], cum[w])` holds it (binary search, as gensim's `bisect_left`).
#[inline]
fn draw_noise(noise_cumulative: &[u64], rng: &mut Rng) -> u32 {
    let r = rng.next_u64() >> 32;
    noise_cumulative.partition_point(|&c| c <= r) as u32
}

/// One SGD step of one example exactly as the trainer takes it, for the page's "one step by
/// hand" and the tests: `hidden` is the input vector (`v_c`, or CBOW's mean `h`), `output` the
/// output vectors (`[words, d]`), `target` the true word and `negatives` the noise words (one
/// equal to `target` is skipped). Updates the output rows by `g·hidden` and then `hidden` by
/// `Σ g·u` with `g = α·(ℓ − σ(s))`, σ from the trainer's table; returns the example's loss.
///
/// Errors: `"hidden"` (empty), `"output"` (not whole rows), `"target"`/`"negatives"` (a word
/// outside the output rows).
pub fn sgd_step(hidden: &mut [f32], output: &mut [f32], target: u32, negatives: &[u32], alpha: f32) -> Result<f32, ParamError> {
    let d = hidden.len();
    if d == 0 {
        return Err(ParamError::too_few("hidden", 1, 0));
    }
    if !output.len().is_multiple_of(d) {
        return Err(ParamError::not_whole_rows("output", output.len(), d));
    }
    let words = output.len() / d;
    let last = words.saturating_sub(1) as f64;
    if target as usize >= words {
        return Err(ParamError::out_of_range("target", 0.0, last, f64::from(target)));
    }
    if let Some(&w) = negatives.iter().find(|&&w| w as usize >= words) {
        return Err(ParamError::out_of_range("negatives", 0.0, last, f64::from(w)));
    }
    let mut error = vec![0.0; d];
    let mut next = negatives.iter().copied();
    let loss = train_example(hidden, &mut error, output, target, negatives.len(), || next.next().unwrap_or(target), &Tables::new(), alpha);
    axpy(hidden, 1.0, &error);
    Ok(loss)
}

impl Word2Vec {
    /// Builds the vocabulary of `text`, the noise and subsampling tables and the initial
    /// vectors.
    ///
    /// Errors: the settings' (see [`Settings::validate`]), `"vocabulary"` (fewer than 2 words
    /// seen `min_count` times).
    pub fn new(text: &Text, settings: &Settings) -> Result<Word2Vec, ParamError> {
        settings.validate()?;
        let vocab = Vocabulary::build(text, settings.min_count)?;
        let d = settings.dim;
        let mut tokens = Vec::with_capacity(text.word_count());
        let mut sentence_ends = Vec::with_capacity(text.sentence_count());
        for i in 0..text.sentence_count() {
            let before = tokens.len();
            tokens.extend(text.sentence(i).iter().map(|&t| vocab.from_text(t)).filter(|&v| v != DROPPED));
            if tokens.len() > before {
                sentence_ends.push(tokens.len());
            }
        }
        const SCALE: f64 = 4_294_967_296.0; // 2³²
        let keep_threshold = (0..vocab.len() as u32).map(|w| (vocab.keep_probability(w, settings.sample) * SCALE) as u64).collect();
        let weights: Vec<f64> = vocab.counts().iter().map(|&c| super::corpus::noise_weight(c)).collect();
        let z: f64 = weights.iter().sum();
        let mut running = 0.0;
        let mut noise_cumulative: Vec<u64> = weights
            .iter()
            .map(|w| {
                running += w;
                (running / z * SCALE).round() as u64
            })
            .collect();
        if let Some(last) = noise_cumulative.last_mut() {
            *last = 1 << 32;
        }
        let mut init = Rng::stream(settings.seed, streams::INIT);
        let half = 1.0 / d as f32;
        let input: Vec<f32> = (0..vocab.len() * d).map(|_| init.uniform(-half, half)).collect();
        let total_words = settings.epochs as u64 * tokens.len() as u64;
        Ok(Word2Vec {
            settings: *settings,
            output: vec![0.0; vocab.len() * d],
            initial: input.clone(),
            input,
            vocab,
            tokens,
            sentence_ends,
            keep_threshold,
            noise_cumulative,
            tables: Tables::new(),
            rng: Rng::stream(settings.seed, TRAIN_STREAM),
            epoch: 0,
            sentence: 0,
            words_done: 0,
            total_words,
            alpha: settings.alpha,
            epoch_loss: 0.0,
            epoch_examples: 0,
            epoch_losses: Vec::new(),
            curve_loss: 0.0,
            curve_examples: 0,
            next_curve_point: LOSS_EVERY,
            loss_curve: Vec::new(),
            diverged: false,
            kept: Vec::with_capacity(super::corpus::MAX_SENTENCE),
            hidden: vec![0.0; d],
            hidden_error: vec![0.0; d],
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    pub fn dim(&self) -> usize {
        self.settings.dim
    }

    /// The input vectors `v_w`, one row per vocabulary word: the embeddings.
    pub fn vectors(&self) -> &[f32] {
        &self.input
    }

    /// The output vectors `u_w`.
    pub fn output_vectors(&self) -> &[f32] {
        &self.output
    }

    /// The input vectors before any training ("epoch 0").
    pub fn initial_vectors(&self) -> &[f32] {
        &self.initial
    }

    /// Word `id`'s input vector (empty when out of range).
    pub fn vector(&self, id: u32) -> &[f32] {
        let d = self.settings.dim;
        self.input.get(id as usize * d..id as usize * d + d).unwrap_or(&[])
    }

    /// The current vectors, unit-normalised, for neighbours, analogies and the projection.
    pub fn space(&self) -> Space {
        Space::new(&self.input, self.settings.dim)
    }

    /// The vectors before training, the same way.
    pub fn initial_space(&self) -> Space {
        Space::new(&self.initial, self.settings.dim)
    }

    /// The learning rate of the last sentence read (`alpha` before any).
    pub fn alpha(&self) -> f32 {
        self.alpha
    }

    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.epoch
    }

    /// Words read so far (before subsampling), over all epochs.
    pub fn words_done(&self) -> u64 {
        self.words_done
    }

    /// `epochs · N`.
    pub fn total_words(&self) -> u64 {
        self.total_words
    }

    /// Mean loss per example of each completed epoch.
    pub fn epoch_losses(&self) -> &[f32] {
        &self.epoch_losses
    }

    /// The live loss curve (a point every [`LOSS_EVERY`] words).
    pub fn loss_curve(&self) -> &[LossPoint] {
        &self.loss_curve
    }

    /// A vector stopped being finite (learning rate far too high); training stopped.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// Reads whole sentences until at least `budget` words were read or the run is done (at
    /// least one sentence unless done).
    pub fn step_words(&mut self, budget: usize) -> StepReport {
        let mut report = StepReport::default();
        let mut loss = 0.0f64;
        while !self.done() && (report.words < budget || report.words == 0) {
            let (words, kept, examples, l) = self.train_sentence();
            report.words += words;
            report.kept += kept;
            report.examples += examples;
            loss += l;
        }
        report.loss = if report.examples > 0 { (loss / report.examples as f64) as f32 } else { f32::NAN };
        report
    }

    /// Trains to the end.
    pub fn run_to_end(&mut self) {
        while !self.done() {
            self.step_words(usize::MAX);
        }
    }

    /// One sentence: subsampling, then every centre word. Returns (words read, kept, examples,
    /// summed loss).
    fn train_sentence(&mut self) -> (usize, usize, usize, f64) {
        let s = &self.settings;
        // α moves in steps of ALPHA_EVERY words, as in word2vec.c and gensim.
        let progress = (self.words_done / ALPHA_EVERY * ALPHA_EVERY) as f64 / self.total_words.max(1) as f64;
        self.alpha = (f64::from(s.alpha) - f64::from(s.alpha - s.min_alpha) * progress).max(f64::from(s.min_alpha)) as f32;
        let start = if self.sentence == 0 { 0 } else { self.sentence_ends[self.sentence - 1] };
        let end = self.sentence_ends[self.sentence];
        self.kept.clear();
        for &w in &self.tokens[start..end] {
            let threshold = self.keep_threshold[w as usize];
            if threshold >= 1 << 32 || (self.rng.next_u64() >> 32) < threshold {
                self.kept.push(w);
            }
        }
        let (examples, loss) = match s.architecture {
            Architecture::SkipGram => self.skip_gram(),
            Architecture::Cbow => self.cbow(),
        };
        let words = end - start;
        self.words_done += words as u64;
        self.epoch_loss += loss;
        self.epoch_examples += examples as u64;
        self.curve_loss += loss;
        self.curve_examples += examples as u64;
        if self.words_done >= self.next_curve_point {
            if self.curve_examples > 0 {
                self.loss_curve.push(LossPoint { words: self.words_done, loss: (self.curve_loss / self.curve_examples as f64) as f32 });
            }
            self.curve_loss = 0.0;
            self.curve_examples = 0;
            self.next_curve_point = (self.words_done / LOSS_EVERY + 1) * LOSS_EVERY;
        }
        self.sentence += 1;
        if self.sentence == self.sentence_ends.len() {
            self.end_epoch();
        }
        (words, self.kept.len(), examples, loss)
    }

    fn end_epoch(&mut self) {
        self.sentence = 0;
        self.epoch += 1;
        let mean = if self.epoch_examples > 0 { (self.epoch_loss / self.epoch_examples as f64) as f32 } else { f32::NAN };
        self.epoch_losses.push(mean);
        self.epoch_loss = 0.0;
        self.epoch_examples = 0;
        if self.input.iter().chain(&self.output).any(|v| !v.is_finite()) {
            self.diverged = true;
        }
    }

    /// Skip-gram over the kept words of the current sentence: each window word's input vector
    /// predicts the centre word (see the module docs).
    fn skip_gram(&mut self) -> (usize, f64) {
        let d = self.settings.dim;
        let (window, negatives, alpha) = (self.settings.window, self.settings.negatives, self.alpha);
        let n = self.kept.len();
        let (mut examples, mut loss) = (0usize, 0.0f64);
        for i in 0..n {
            let reach = window - self.rng.below(window);
            let centre = self.kept[i];
            for j in i.saturating_sub(reach)..(i + reach + 1).min(n) {
                if j == i {
                    continue;
                }
                let context = self.kept[j] as usize;
                let hidden = &mut self.input[context * d..context * d + d];
                loss += f64::from(train_example(
                    hidden,
                    &mut self.hidden_error,
                    &mut self.output,
                    centre,
                    negatives,
                    || draw_noise(&self.noise_cumulative, &mut self.rng),
                    &self.tables,
                    alpha,
                ));
                axpy(hidden, 1.0, &self.hidden_error);
                examples += 1;
            }
        }
        (examples, loss)
    }

    /// CBOW over the kept words of the current sentence.
    fn cbow(&mut self) -> (usize, f64) {
        let d = self.settings.dim;
        let (window, negatives, alpha) = (self.settings.window, self.settings.negatives, self.alpha);
        let n = self.kept.len();
        let (mut examples, mut loss) = (0usize, 0.0f64);
        for i in 0..n {
            let reach = window - self.rng.below(window);
            let range = i.saturating_sub(reach)..(i + reach + 1).min(n);
            let m = range.len() - 1;
            if m == 0 {
                continue;
            }
            self.hidden.fill(0.0);
            for j in range.clone() {
                if j != i {
                    let w = self.kept[j] as usize;
                    axpy(&mut self.hidden, 1.0, &self.input[w * d..w * d + d]);
                }
            }
            let inv = 1.0 / m as f32;
            self.hidden.iter_mut().for_each(|h| *h *= inv);
            loss += f64::from(train_example(
                &self.hidden,
                &mut self.hidden_error,
                &mut self.output,
                self.kept[i],
                negatives,
                || draw_noise(&self.noise_cumulative, &mut self.rng),
                &self.tables,
                alpha,
            ));
            for j in range {
                if j != i {
                    let w = self.kept[j] as usize;
                    axpy(&mut self.input[w * d..w * d + d], 1.0, &self.hidden_error);
                }
            }
            examples += 1;
        }
        (examples, loss)
    }
}

impl Stepping for Word2Vec {
    /// Reads [`STEP_WORDS`] words (whole sentences).
    fn step(&mut self) {
        self.step_words(STEP_WORDS);
    }

    fn done(&self) -> bool {
        self.diverged || self.epoch >= self.settings.epochs || self.sentence_ends.is_empty()
    }

    /// Units are words read, out of `epochs · N`.
    fn progress(&self) -> Progress {
        Progress { done: self.words_done as usize, total: Some(self.total_words as usize) }
    }
}
