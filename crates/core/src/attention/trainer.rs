//! # Training the tiny transformer, and looking inside it
//!
//! The rows are split three ways like every data set of the site (ranked keys from the split
//! seed, [`crate::data::split`]). One **epoch** is a pass over the training rows in
//! mini-batches, reshuffled every epoch. The loss is the softmax cross-entropy of the answer
//! token, averaged over every slot of the batch (the question's positions are not scored):
//!
//! ```text
//! L_B = (1/(|B|·s)) Σ_rows Σ_slots −ln softmax(z_{row, j})_{answer j}
//! ```
//!
//! Two accuracies are kept: **exact-sequence** (a row counts only if every slot is right — the
//! [`History`]'s `train_acc`/`val_acc`) and **per token** (the share of right slots,
//! [`AttentionTrainer::token_accuracy`]). A model that gets 7 of 8 slots right has a token
//! accuracy of 88 % and an exact-sequence accuracy of 0 % on that row.
//!
//! As in the sequence lab ([`crate::sequence::trainer`]), the unit of work
//! ([`Stepping::step`]) is one mini-batch, and the end-of-epoch measurement (appended to the
//! [`History`]; entry 0 before any training) is spread over steps, [`MEASURE_CHUNK`] rows at a
//! time. **Clipping** rescales the gradient to norm `c` when it is longer. **Divergence**, by
//! the Playground's rules ([`crate::train::trainer`]): a batch loss that is not finite or
//! exceeds `10⁶·max(1, L₀)`, a non-finite gradient or parameter — the parameters go back to
//! those after the last good step and the run stops; or an epoch's training loss above
//! `1.5·L₀` five epochs in a row.
//!
//! **Long rows: small steps.** A step must fit in a frame of the page. With long rows (the
//! language lab's 64-token windows) a mini-batch is too much for one: [`Pacing`] caps the rows
//! one forward pass takes. A larger mini-batch is then trained in several steps whose gradients
//! add up, each chunk's weighted by its share of the batch (**gradient accumulation**: the
//! same update as the whole batch at once, `∇L_B = Σ_chunks (|C|/|B|)·∇L_C`), and the optimiser
//! steps once the batch is complete. Pacing can also take an epoch's **training loss** as the
//! mean of its batches' losses (what language models report) instead of a second pass over
//! the training rows, and spread the untrained model's first measurement over steps too.
//!
//! **Looking inside.** [`AttentionTrainer::inspect`] runs one row and returns every
//! intermediate vector (token + position, after each block's attention, after its perceptron),
//! each head's attention matrix and scores, and the slots' probabilities;
//! [`AttentionTrainer::mean_attention`] averages the attention matrices over a part of the
//! split (what a head does *in general*, not on one row).
//!
//! **Determinism.** Initial weights from `Rng::stream(seed, INIT)`, batch order from
//! `Rng::stream(seed, BATCHES)`, split keys from `Rng::stream(split_seed, SPLIT)`.

use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::optim::optimizers::{validate_lr, Optimizer, OptimizerConfig};
use crate::rng::{streams, Rng};
use crate::stepping::{Progress, Stepping};
use crate::tensor::{apply_step, step_with_gradients, Tape, Var};
use crate::train::minibatch::{empty_history, epoch_trainer, BatchOrder, DivergenceGuard, PendingEpoch, Sums};
use crate::train::trainer::History;

use super::model::{NetSpec, TinyTransformer};
use super::tasks::AttentionSet;

/// Largest mini-batch accepted.
pub const MAX_BATCH: usize = 256;
/// Rows per forward pass when measuring, and per step of a spread-out measurement.
pub const MEASURE_CHUNK: usize = 64;
/// How the trainer spreads its work over steps (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pacing {
    /// Most rows one forward pass takes (≥ 1): a larger mini-batch is accumulated over several
    /// steps, and a measurement measures this many rows a step (at most [`MEASURE_CHUNK`]).
    pub rows_per_step: usize,
    /// An epoch's training loss is the mean of its batches' losses (no pass over the training
    /// rows; no training accuracy), and the first measurement is spread over steps as well
    /// (until it is done, entry 0 of the history is NaN).
    pub training_loss_from_batches: bool,
}

impl Default for Pacing {
    /// The attention lab's: a whole mini-batch a step, [`MEASURE_CHUNK`] rows a measuring
    /// step, both parts measured.
    fn default() -> Self {
        Pacing { rows_per_step: MAX_BATCH, training_loss_from_batches: false }
    }
}

impl Pacing {
    /// Rows a measuring step takes.
    pub fn measure_chunk(&self) -> usize {
        self.rows_per_step.clamp(1, MEASURE_CHUNK)
    }
}

/// A mini-batch being accumulated chunk by chunk.
struct Accumulation {
    rows: Vec<usize>,
    /// Rows done so far.
    done: usize,
    /// `Σ (|C|/|B|)·L_C` so far: the batch's mean loss once complete.
    loss: f64,
    /// `Σ (|C|/|B|)·∇L_C` so far.
    grads: Vec<f32>,
}

/// Marks a slot whose prediction has not been measured (test rows until asked).
pub const NOT_MEASURED: u32 = u32::MAX;

/// How to split the rows and train: the engine trainers' shared settings.
pub use crate::train::minibatch::TrainSettings;

/// The lab's learning rate. On reverse-8 Adam at 0.01 reaches 95 % in fewer batches (30–35
/// against 55–70 at 0.003, docs/ATTENTION.md), but the other tasks share the default and learn
/// more steadily at 0.003.
pub const DEFAULT_LR: f32 = 0.003;

/// The lab's defaults: 60/20/20 split, Adam at [`DEFAULT_LR`], batches of 32, clipping at 1.
pub fn default_settings() -> TrainSettings {
    TrainSettings { lr: DEFAULT_LR, ..TrainSettings::default() }
}

/// One block seen on one row.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerTrace {
    /// Each head's attention matrix, `[heads, steps, steps]` (row `i`: how much position `i`
    /// takes from each position; every row sums to 1).
    pub attention: Vec<f32>,
    /// Each head's scaled scores `Qₖ·Kₖᵀ/√d` before the softmax, `[heads, steps, steps]`; `−∞`
    /// where the causal mask hides a key. `softmax` of a row is the row of `attention`.
    pub scores: Vec<f32>,
    /// `h = x + MHA(LN₁(x))`, `[steps, width]`.
    pub after_attention: Vec<f32>,
    /// The values `V = LN₁(x)·W_v + b_v`, `[steps, width]` (head `h`: columns `h·d … (h+1)·d`).
    pub values: Vec<f32>,
    /// What each head gathers, `Σⱼ aᵢⱼ·vⱼ` per position, `[steps, width]` (head `h`: its
    /// columns); times `W_o` plus `b_o` it is the attention sub-layer's output.
    pub gathered: Vec<f32>,
    /// The block's output `h + MLP(LN₂(h))`, `[steps, width]`.
    pub after_mlp: Vec<f32>,
}

/// What the network does with one row.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The row's tokens, `[steps]`.
    pub tokens: Vec<u32>,
    /// Token plus position vectors, `[steps, width]`.
    pub embedded: Vec<f32>,
    /// One entry per block, first to last.
    pub layers: Vec<LayerTrace>,
    /// The slots' scores before the softmax, `[slots, vocab]`.
    pub logits: Vec<f32>,
    /// The slots' probabilities, `[slots, vocab]`.
    pub probabilities: Vec<f32>,
    /// The most probable token at each slot, `[slots]`.
    pub predicted: Vec<u32>,
    pub steps: usize,
    pub slots: usize,
    pub width: usize,
    pub heads: usize,
    pub vocab: usize,
}

/// Mean loss, exact-sequence accuracy, per-token accuracy.
#[derive(Debug, Clone, Copy)]
struct Means {
    loss: f32,
    exact: f32,
    token: f32,
}

const NAN_MEANS: Means = Means { loss: f32::NAN, exact: f32::NAN, token: f32::NAN };

/// The trainer: data, split, network, optimiser, history.
pub struct AttentionTrainer {
    settings: TrainSettings,
    set: AttentionSet,
    net: TinyTransformer,
    opt: Box<dyn Optimizer>,
    split: Split,
    batches: BatchOrder,
    batch_tokens: Vec<u32>,
    batch_targets: Vec<u32>,
    tape: Tape,
    /// Every slot's latest measured prediction, `[examples, slots]`; `NOT_MEASURED` until then.
    predictions: Vec<u32>,
    train_token_acc: Vec<f32>,
    val_token_acc: Vec<f32>,
    last_good: Vec<f32>,
    history: History,
    diverged: bool,
    guard: DivergenceGuard,
    batches_trained: usize,
    pending: Option<PendingEpoch>,
    pacing: Pacing,
    /// The mini-batch under way when it takes several steps.
    accumulating: Option<Accumulation>,
    /// The current epoch's `Σ batch loss × rows` and rows (training loss from batches).
    epoch_losses: (f64, usize),
    /// The first measurement is under way (spread over steps): it replaces entry 0.
    first_pending: bool,
}

impl AttentionTrainer {
    /// Splits the rows, builds the network and the optimiser, and records history entry 0.
    ///
    /// Errors (field): `"data"` (no rows), `"train"`/`"val"` (shares), the spec's (`"layers"`,
    /// `"heads"`, `"width"`), `"lr"`, `"batch"` (1–256), `"clip"`.
    pub fn new(set: AttentionSet, spec: NetSpec, settings: &TrainSettings) -> Result<AttentionTrainer, ParamError> {
        Self::with_pacing(set, spec, settings, Pacing::default())
    }

    /// As [`new`](Self::new), spreading the work as `pacing` says. Errors also `"pacing"` (no
    /// row a step).
    pub fn with_pacing(set: AttentionSet, spec: NetSpec, settings: &TrainSettings, pacing: Pacing) -> Result<AttentionTrainer, ParamError> {
        if pacing.rows_per_step == 0 {
            return Err(ParamError::too_few("pacing", 1, 0));
        }
        if set.is_empty() || set.slots == 0 {
            return Err(ParamError::too_few("data", 1, 0));
        }
        let split = settings.split_checked(set.len(), MAX_BATCH)?;
        let net = TinyTransformer::new(spec, set.vocab(), set.steps, set.slots, &mut Rng::stream(settings.seed, streams::INIT))?;
        let opt = OptimizerConfig::new(settings.optimizer, settings.lr).build(net.params().len())?;
        let batch = settings.batch.min(split.train.len());
        let mut trainer = AttentionTrainer {
            settings: *settings,
            last_good: net.params().values().to_vec(),
            batch_tokens: Vec::with_capacity(batch.min(pacing.rows_per_step).max(pacing.measure_chunk()) * set.steps),
            batch_targets: Vec::with_capacity(batch.min(pacing.rows_per_step).max(pacing.measure_chunk()) * set.slots),
            predictions: vec![NOT_MEASURED; set.targets.len()],
            train_token_acc: Vec::with_capacity(crate::train::minibatch::HISTORY_RESERVE),
            val_token_acc: Vec::with_capacity(crate::train::minibatch::HISTORY_RESERVE),
            set,
            net,
            opt,
            batches: BatchOrder::new(split.train.clone(), batch, Rng::stream(settings.seed, streams::BATCHES)),
            split,
            tape: Tape::new(),
            history: empty_history(),
            diverged: false,
            guard: DivergenceGuard::default(),
            batches_trained: 0,
            pending: None,
            pacing,
            accumulating: None,
            epoch_losses: (0.0, 0),
            first_pending: false,
        };
        if pacing.training_loss_from_batches {
            trainer.record(NAN_MEANS, NAN_MEANS);
            trainer.pending = Some(PendingEpoch::new());
            trainer.first_pending = true;
            return Ok(trainer);
        }
        let train = trainer.measure(Role::Train);
        let val = trainer.measure(Role::Validation);
        trainer.guard = DivergenceGuard::from_start(train.loss);
        trainer.record(train, val);
        Ok(trainer)
    }

    fn record(&mut self, train: Means, val: Means) {
        self.history.train_loss.push(train.loss);
        self.history.train_acc.push(train.exact);
        self.history.val_loss.push(val.loss);
        self.history.val_acc.push(val.exact);
        self.train_token_acc.push(train.token);
        self.val_token_acc.push(val.token);
    }

    fn rows(&self, role: Role) -> &[usize] {
        match role {
            Role::Train => &self.split.train,
            Role::Validation => &self.split.val,
            Role::Test => &self.split.test,
        }
    }

    /// Gathers rows `rows` into the batch buffers.
    fn gather(&mut self, rows: &[usize]) {
        gather(&self.set, rows, (&mut self.batch_tokens, &mut self.batch_targets));
    }

    /// Records the forward pass and the loss of the gathered batch of `n` rows; returns
    /// (slot scores, loss).
    fn record_batch(&mut self, n: usize) -> (Var, Var) {
        self.tape.reset();
        let logits = self.net.forward(&mut self.tape, &self.batch_tokens, n);
        let loss = self.tape.softmax_cross_entropy(logits, &self.batch_targets);
        (logits, loss)
    }

    /// Sums over `rows`, measured `MEASURE_CHUNK` at a time, storing each slot's prediction.
    fn measure_rows(&mut self, rows: &[usize]) -> Sums {
        let mut sums = Sums::of(0.0, 0, rows.len());
        let (slots, vocab) = (self.set.slots, self.set.vocab());
        for chunk in rows.chunks(self.pacing.measure_chunk()) {
            self.gather(chunk);
            let (logits, loss) = self.record_batch(chunk.len());
            sums.loss += f64::from(self.tape.scalar(loss)) * chunk.len() as f64;
            let values = self.tape.value(logits);
            for (k, &i) in chunk.iter().enumerate() {
                let mut all_right = true;
                for j in 0..slots {
                    let row = k * slots + j;
                    let best = argmax(&values[row * vocab..(row + 1) * vocab]) as u32;
                    let right = best == self.batch_targets[row];
                    sums.also += usize::from(right);
                    all_right &= right;
                    self.predictions[i * slots + j] = best;
                }
                sums.correct += usize::from(all_right);
            }
        }
        sums
    }

    /// Mean loss, exact-sequence accuracy (rows all right) and per-token accuracy (slots right).
    fn means(&self, sums: Sums) -> Means {
        let n = sums.rows;
        if n == 0 {
            return NAN_MEANS;
        }
        let tokens = (n * self.set.slots) as f64;
        Means { loss: (sums.loss / n as f64) as f32, exact: (sums.correct as f64 / n as f64) as f32, token: (sums.also as f64 / tokens) as f32 }
    }

    fn measure(&mut self, role: Role) -> Means {
        let rows = self.rows(role).to_vec();
        let sums = self.measure_rows(&rows);
        self.means(sums)
    }

    /// Mean loss and exact-sequence accuracy on one part of the split; `(NaN, NaN)` if it is
    /// empty. Stores the part's predictions.
    pub fn evaluate(&mut self, role: Role) -> (f32, f32) {
        let m = self.measure(role);
        (m.loss, m.exact)
    }

    /// As [`evaluate`](Self::evaluate), with the per-token accuracy: (loss, exact, token).
    pub fn evaluate_tokens(&mut self, role: Role) -> (f32, f32, f32) {
        let m = self.measure(role);
        (m.loss, m.exact, m.token)
    }

    /// Trains one mini-batch (finishing any pending measurement first and after).
    pub fn step_batch(&mut self) {
        self.finish_measuring();
        loop {
            self.train_batch();
            if self.accumulating.is_none() || self.diverged {
                break;
            }
        }
        self.finish_measuring();
    }

    /// Trains to the end of the current epoch, measurement included.
    pub fn step_epoch(&mut self) {
        self.finish_measuring();
        loop {
            self.step_batch();
            if self.diverged || self.batches.at_start() {
                return;
            }
        }
    }

    /// Completes a measurement under way at once (the spread-out first one, say).
    pub fn finish_measuring(&mut self) {
        while self.pending.is_some() {
            self.measure_chunk();
        }
    }

    /// One step of training: a whole mini-batch, or the next chunk of one (see [`Pacing`]).
    fn train_batch(&mut self) {
        if self.diverged {
            return;
        }
        if self.accumulating.is_none() {
            let rows = self.batches.next_batch();
            let n = rows.len();
            if n > self.pacing.rows_per_step {
                let rows = rows.to_vec();
                self.accumulating = Some(Accumulation { rows, done: 0, loss: 0.0, grads: vec![0.0; self.net.params().len()] });
            } else {
                gather(&self.set, rows, (&mut self.batch_tokens, &mut self.batch_targets));
                let (_, loss) = self.record_batch(n);
                self.batches_trained += 1;
                let value = self.tape.scalar(loss);
                if !self.guard.acceptable(value) {
                    self.diverge();
                    return;
                }
                if apply_step(&mut self.tape, loss, self.net.params_mut(), self.opt.as_mut(), self.settings.clip).is_err() {
                    self.diverge();
                    return;
                }
                self.batch_done(value, n);
                return;
            }
        }
        self.accumulate_chunk();
    }

    /// The next chunk of the mini-batch under way; the optimiser steps after the last.
    fn accumulate_chunk(&mut self) {
        let Some(mut acc) = self.accumulating.take() else { return };
        let total = acc.rows.len();
        let end = (acc.done + self.pacing.rows_per_step).min(total);
        let n = end - acc.done;
        gather(&self.set, &acc.rows[acc.done..end], (&mut self.batch_tokens, &mut self.batch_targets));
        let (_, loss) = self.record_batch(n);
        let value = self.tape.scalar(loss);
        if !self.guard.acceptable(value) {
            self.batches_trained += 1;
            self.diverge();
            return;
        }
        let params = self.net.params_mut();
        params.zero_grads();
        if self.tape.backward(loss, params).is_err() {
            self.batches_trained += 1;
            self.diverge();
            return;
        }
        // This chunk's share of the batch's mean loss, and of its gradient.
        let share = n as f32 / total as f32;
        for (a, &g) in acc.grads.iter_mut().zip(params.grads()) {
            *a += share * g;
        }
        acc.loss += f64::from(share) * f64::from(value);
        acc.done = end;
        if end < total {
            self.accumulating = Some(acc);
            return;
        }
        self.batches_trained += 1;
        params.grads_mut().copy_from_slice(&acc.grads);
        let loss = acc.loss as f32;
        if !self.guard.acceptable(loss) || step_with_gradients(params, self.opt.as_mut(), self.settings.clip, loss).is_err() {
            self.diverge();
            return;
        }
        self.batch_done(loss, total);
    }

    /// After a good optimiser step on a batch of `rows` rows with mean loss `loss`.
    fn batch_done(&mut self, loss: f32, rows: usize) {
        self.last_good.copy_from_slice(self.net.params().values());
        self.epoch_losses.0 += f64::from(loss) * rows as f64;
        self.epoch_losses.1 += rows;
        if self.batches.advance() {
            self.pending = Some(PendingEpoch::new());
        }
    }

    fn measure_chunk(&mut self) {
        let Some(mut p) = self.pending.take() else { return };
        let parts = (std::mem::take(&mut self.split.train), std::mem::take(&mut self.split.val));
        // Training loss from batches: only the validation rows are measured.
        let measured: &[usize] = if self.pacing.training_loss_from_batches { &[] } else { &parts.0 };
        let done = p.step((measured, &parts.1), self.pacing.measure_chunk(), |rows| self.measure_rows(rows));
        (self.split.train, self.split.val) = parts;
        match done {
            None => self.pending = Some(p),
            Some((train, val)) => {
                let val = self.means(val);
                if self.first_pending {
                    self.first_measured(val);
                    return;
                }
                let train = if self.pacing.training_loss_from_batches {
                    let (sum, rows) = std::mem::take(&mut self.epoch_losses);
                    Means { loss: if rows == 0 { f32::NAN } else { (sum / rows as f64) as f32 }, ..NAN_MEANS }
                } else {
                    self.means(train)
                };
                self.finish_epoch(train, val)
            }
        }
    }

    /// The spread-out first measurement is done (training loss from batches: nothing to say
    /// about the training rows before the first batch): entry 0's validation figures, and the
    /// divergence limit from them.
    fn first_measured(&mut self, val: Means) {
        self.first_pending = false;
        self.history.val_loss[0] = val.loss;
        self.history.val_acc[0] = val.exact;
        self.val_token_acc[0] = val.token;
        self.guard = DivergenceGuard::from_start(val.loss);
    }

    /// The loss every later epoch is compared with: the untrained model's training loss, or its
    /// validation loss when the training loss comes from batches.
    fn initial_loss(&self) -> f32 {
        let train = self.history.train_loss[0];
        if train.is_finite() { train } else { self.history.val_loss[0] }
    }

    fn finish_epoch(&mut self, train: Means, val: Means) {
        let val_loss = (!self.split.val.is_empty()).then_some(val.loss);
        if !self.guard.epoch_acceptable(train.loss, val_loss) {
            self.diverge();
            return;
        }
        self.record(train, val);
        if self.guard.runaway(train.loss, self.initial_loss()) {
            self.diverged = true;
        }
    }

    fn diverge(&mut self) {
        self.accumulating = None;
        self.net.params_mut().values_mut().copy_from_slice(&self.last_good);
        self.diverged = true;
    }

    /// The probabilities the model gives the token after `context`, for a causal model read out
    /// at every position (the language lab's): the last `steps` tokens fill the first positions,
    /// the rest is padding that the causal mask keeps out of their sight, and the distribution
    /// is read at the context's last position. `None` for an empty context, an id outside the
    /// vocabulary, or a model without the mask or with fewer slots than positions.
    pub fn next_distribution(&mut self, context: &[u32]) -> Option<Vec<f32>> {
        let (steps, vocab) = (self.set.steps, self.set.vocab());
        let usable = self.net.spec().causal && self.set.slots == steps && !context.is_empty();
        if !usable || context.iter().any(|&t| t as usize >= vocab) {
            return None;
        }
        let tail = &context[context.len().saturating_sub(steps)..];
        self.batch_tokens.clear();
        self.batch_tokens.extend_from_slice(tail);
        self.batch_tokens.resize(steps, 0);
        self.tape.reset();
        let logits = self.net.forward(&mut self.tape, &self.batch_tokens, 1);
        let at = (tail.len() - 1) * vocab;
        Some(softmax(&self.tape.value(logits)[at..at + vocab]))
    }

    /// Runs row `i` through the network and reads every intermediate value; `None` past the end.
    pub fn inspect(&mut self, i: usize) -> Option<Inspection> {
        if i >= self.set.len() {
            return None;
        }
        self.gather(&[i]);
        let (logits, _) = self.record_batch(1);
        let logits = self.tape.value(logits).to_vec();
        let embedded = self.tape.value(self.net.embedded()).to_vec();
        let mut layers = Vec::with_capacity(self.net.blocks_out().len());
        let mut input = embedded.clone();
        for l in 0..self.net.blocks_out().len() {
            let out = &self.net.blocks_out()[l];
            let attention = self.tape.value(out.attention.weights_all_heads).to_vec();
            // The engine's block adds the residual inside; the same f32 additions here.
            let after_attention: Vec<f32> = input.iter().zip(self.tape.value(out.attention.out)).map(|(x, a)| x + a).collect();
            let after_mlp = self.tape.value(out.out).to_vec();
            let scores = self.net.scores(&mut self.tape, l);
            let (values, gathered) = self.net.values(&mut self.tape, l, &attention);
            input.clone_from(&after_mlp);
            layers.push(LayerTrace { attention, scores, values, gathered, after_attention, after_mlp });
        }
        let vocab = self.set.vocab();
        let probabilities: Vec<f32> = logits.chunks_exact(vocab).flat_map(softmax).collect();
        let predicted = logits.chunks_exact(vocab).map(|z| argmax(z) as u32).collect();
        let spec = self.net.spec();
        Some(Inspection {
            tokens: self.set.example(i).to_vec(),
            embedded,
            layers,
            logits,
            probabilities,
            predicted,
            steps: self.set.steps,
            slots: self.set.slots,
            width: spec.width,
            heads: spec.heads,
            vocab,
        })
    }

    /// Every block's attention matrices averaged over one part of the split:
    /// `[layers, heads, steps, steps]` (all zeros for an empty part).
    pub fn mean_attention(&mut self, role: Role) -> Vec<f32> {
        let spec = self.net.spec();
        let t = self.set.steps;
        let per_layer = spec.heads * t * t;
        let mut sum = vec![0.0f64; spec.layers * per_layer];
        let rows = self.rows(role).to_vec();
        for chunk in rows.chunks(self.pacing.measure_chunk()) {
            self.gather(chunk);
            self.record_batch(chunk.len());
            for (l, out) in self.net.blocks_out().iter().enumerate() {
                let w = self.tape.value(out.attention.weights_all_heads);
                for row in w.chunks_exact(per_layer) {
                    for (s, &v) in sum[l * per_layer..(l + 1) * per_layer].iter_mut().zip(row) {
                        *s += f64::from(v);
                    }
                }
            }
        }
        let n = rows.len().max(1) as f64;
        sum.into_iter().map(|s| (s / n) as f32).collect()
    }

    /// Lowers or raises the learning rate mid-run (the optimiser keeps its state).
    pub fn set_lr(&mut self, lr: f32) -> Result<(), ParamError> {
        validate_lr(lr)?;
        self.opt.set_lr(lr);
        self.settings.lr = lr;
        Ok(())
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.history.train_loss.len() - 1
    }
    /// How far into the current epoch, 0–1.
    pub fn epoch_progress(&self) -> f32 {
        self.batches.progress()
    }
    /// An end-of-epoch measurement is under way (training waits for it).
    pub fn measuring(&self) -> bool {
        self.pending.is_some()
    }
    pub fn batches_per_epoch(&self) -> usize {
        self.batches.batches_per_epoch()
    }
    /// Steps ([`Stepping::step`]) an epoch takes: its batches' chunks and its measurement's.
    pub fn steps_per_epoch(&self) -> usize {
        let (train, val, _) = self.split.counts();
        let chunk = self.pacing.measure_chunk();
        let training = self.batches_per_epoch() * self.batches.batch().max(1).div_ceil(self.pacing.rows_per_step);
        let measured_train = if self.pacing.training_loss_from_batches { 0 } else { train.div_ceil(chunk) };
        training + measured_train + val.div_ceil(chunk)
    }
    /// How the trainer spreads its work.
    pub fn pacing(&self) -> Pacing {
        self.pacing
    }
    pub fn batches_trained(&self) -> usize {
        self.batches_trained
    }
    /// Loss and **exact-sequence** accuracy per epoch (entry 0 before training).
    pub fn history(&self) -> &History {
        &self.history
    }
    /// Per-token accuracy per epoch, (training, validation), aligned with [`history`](Self::history).
    pub fn token_accuracy(&self) -> (&[f32], &[f32]) {
        (&self.train_token_acc, &self.val_token_acc)
    }
    /// Every slot's latest measured prediction, `[examples, slots]`; [`NOT_MEASURED`] where not
    /// measured.
    pub fn predictions(&self) -> &[u32] {
        &self.predictions
    }
    pub fn diverged(&self) -> bool {
        self.diverged
    }
    pub fn net(&self) -> &TinyTransformer {
        &self.net
    }
    pub fn set(&self) -> &AttentionSet {
        &self.set
    }
    pub fn split(&self) -> &Split {
        &self.split
    }
    pub fn settings(&self) -> &TrainSettings {
        &self.settings
    }
    pub fn batch_size(&self) -> usize {
        self.batches.batch()
    }
}

impl Stepping for AttentionTrainer {
    /// One mini-batch, or one chunk of a pending end-of-epoch measurement.
    fn step(&mut self) {
        if self.pending.is_some() {
            self.measure_chunk();
        } else {
            self.train_batch();
        }
    }
    /// Only divergence ends a run.
    fn done(&self) -> bool {
        self.diverged
    }
    fn progress(&self) -> Progress {
        Progress { done: self.batches_trained, total: None }
    }
}

/// Index of the largest value (the first of equals); 0 for an empty slice.
fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// `softmax(z)ᵢ = e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z}` (shifted: no overflow).
fn softmax(z: &[f32]) -> Vec<f32> {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = z.iter().map(|&v| crate::tensor::math::exp(v - m)).collect();
    let s: f32 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

/// Copies rows `rows` of `set` into the batch buffers (tokens, and the slots' answers).
fn gather(set: &AttentionSet, rows: &[usize], (tokens, targets): (&mut Vec<u32>, &mut Vec<u32>)) {
    tokens.clear();
    targets.clear();
    for &i in rows {
        tokens.extend_from_slice(set.example(i));
        targets.extend_from_slice(set.answer(i));
    }
}

epoch_trainer!(AttentionTrainer);
