//! # Training a sequence model, and looking inside it
//!
//! The examples are split three ways like every data set of the site (ranked keys from the
//! split seed, [`crate::data::split`]). One **epoch** is a pass over the training examples in
//! mini-batches, reshuffled every epoch; the loss is the mean squared error of the forecast or
//! the mean cross-entropy of the class:
//!
//! ```text
//! L_B = (1/|B|) Σ (ŷᵢ − yᵢ)²          or          L_B = (1/|B|) Σ −ln softmax(ŷᵢ)_{yᵢ}
//! ```
//!
//! As in the CNN lab ([`crate::cnn::trainer`]), the unit of work ([`Stepping::step`]) is one
//! mini-batch, and the end-of-epoch measurement (loss and accuracy on the training and
//! validation examples, appended to the [`History`]; entry 0 before any training) is spread over
//! steps, [`MEASURE_CHUNK`] examples at a time. It also keeps every measured example's
//! prediction, for the page's forecast-against-truth chart.
//!
//! **Backpropagation through time.** After every step the trainer keeps, for each time step
//! `t`, the norm of the loss's gradient with respect to the top layer's hidden state,
//! `‖∂L/∂hₜ‖` ([`SequenceTrainer::gradient_through_time`]). Read from `t = T` back to `t = 1`
//! it shows how much of the error signal reaches each earlier step: for a plain RNN it shrinks
//! roughly geometrically (the vanishing gradient), an LSTM's decays far more slowly.
//! **Clipping** rescales the whole gradient to norm `c` when it is longer,
//! `g ← g · min(1, c/‖g‖)`, which tames an exploding one.
//!
//! **Divergence**, by the Playground's rules ([`crate::train::trainer`]): a batch loss that is
//! not finite or exceeds `10⁶·max(1, L₀)`, a non-finite gradient or parameter — the parameters
//! go back to those after the last good step and the run stops; or an epoch's training loss
//! above `1.5·L₀` five epochs in a row.
//!
//! **Determinism.** Initial weights from `Rng::stream(seed, INIT)`, batch order from
//! `Rng::stream(seed, BATCHES)`, split keys from `Rng::stream(split_seed, SPLIT)`.

use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::optim::optimizers::{validate_lr, Optimizer, OptimizerConfig};
use crate::rng::{streams, Rng};
use crate::stepping::{Progress, Stepping};
use crate::tensor::layers::GateVars;
use crate::tensor::{apply_step, Tape, Var};
use crate::train::minibatch::{empty_history, epoch_trainer, record, BatchOrder, DivergenceGuard, PendingEpoch, Sums, HISTORY_RESERVE};
use crate::train::trainer::History;

use super::model::{NetSpec, SequenceNet};
use super::tasks::{SequenceSet, Targets};

/// Largest mini-batch accepted.
pub const MAX_BATCH: usize = 256;
/// Examples per forward pass when measuring, and per step of a spread-out measurement.
pub const MEASURE_CHUNK: usize = 64;

/// How to split the examples and train: the engine trainers' shared settings (their default
/// is this lab's: 60/20/20, Adam at 0.01, batches of 32, clipping at 1).
pub use crate::train::minibatch::TrainSettings;

/// The gates of one example over time, `[steps × hidden]` each (row `t`, column unit), for
/// the page's gate heatmaps.
#[derive(Debug, Clone, PartialEq)]
pub enum GateTrace {
    /// LSTM: input `i`, forget `f`, output `o` (each in 0–1) and the cell state `c`.
    Lstm { input: Vec<f32>, forget: Vec<f32>, output: Vec<f32>, cell: Vec<f32> },
    /// GRU: reset `r` and update `z` (each in 0–1).
    Gru { reset: Vec<f32>, update: Vec<f32> },
}

/// What the network does with one example.
#[derive(Debug, Clone, PartialEq)]
pub struct Inspection {
    /// The top layer's hidden state over time, `[steps × hidden]`.
    pub states: Vec<f32>,
    /// Its gates over time (`None` for the plain RNN).
    pub gates: Option<GateTrace>,
    /// The read-out: the forecast (one number) or the class probabilities.
    pub output: Vec<f32>,
    pub steps: usize,
    pub hidden: usize,
}

/// The trainer: data, split, network, optimiser, history.
pub struct SequenceTrainer {
    settings: TrainSettings,
    set: SequenceSet,
    net: SequenceNet,
    opt: Box<dyn Optimizer>,
    split: Split,
    batches: BatchOrder,
    batch_x: Vec<f32>,
    batch_values: Vec<f32>,
    batch_labels: Vec<u32>,
    tape: Tape,
    /// Every example's latest measured prediction (a value, or the predicted class); NaN until
    /// measured (test examples never are).
    predictions: Vec<f32>,
    /// `‖∂L/∂hₜ‖` of the last training step, per time step.
    through_time: Vec<f32>,
    /// The largest gradient norm (before clipping) of each epoch; entry 0 is 0.
    grad_max: Vec<f32>,
    epoch_grad_max: f32,
    last_good: Vec<f32>,
    history: History,
    diverged: bool,
    guard: DivergenceGuard,
    batches_trained: usize,
    pending: Option<PendingEpoch>,
}

impl SequenceTrainer {
    /// Splits the examples, builds the network and the optimiser, and records history entry 0.
    ///
    /// Errors (field): `"data"` (no examples), `"train"`/`"val"` (shares), the spec's
    /// (`"hidden"`, `"layers"`), `"lr"`, `"batch"` (1–256), `"clip"`.
    pub fn new(set: SequenceSet, spec: NetSpec, settings: &TrainSettings) -> Result<SequenceTrainer, ParamError> {
        let split = settings.split_checked(set.len(), MAX_BATCH)?;
        let net = SequenceNet::new(spec, set.width, set.outputs(), &mut Rng::stream(settings.seed, streams::INIT))?;
        let opt = OptimizerConfig::new(settings.optimizer, settings.lr).build(net.params().len())?;
        let batch = settings.batch.min(split.train.len());
        let n = set.len();
        let mut trainer = SequenceTrainer {
            settings: *settings,
            last_good: net.params().values().to_vec(),
            batch_x: Vec::with_capacity(batch * set.steps * set.width),
            batch_values: Vec::with_capacity(batch),
            batch_labels: Vec::with_capacity(batch),
            through_time: vec![0.0; set.steps],
            predictions: vec![f32::NAN; n],
            set,
            net,
            opt,
            batches: BatchOrder::new(split.train.clone(), batch, Rng::stream(settings.seed, streams::BATCHES)),
            split,
            tape: Tape::new(),
            grad_max: Vec::with_capacity(HISTORY_RESERVE),
            epoch_grad_max: 0.0,
            history: empty_history(),
            diverged: false,
            guard: DivergenceGuard::default(),
            batches_trained: 0,
            pending: None,
        };
        let (tl, ta) = trainer.evaluate(Role::Train);
        let (vl, va) = trainer.evaluate(Role::Validation);
        trainer.guard = DivergenceGuard::from_start(tl);
        record(&mut trainer.history, (tl, ta), (vl, va));
        trainer.grad_max.push(0.0);
        Ok(trainer)
    }

    fn rows(&self, role: Role) -> &[usize] {
        match role {
            Role::Train => &self.split.train,
            Role::Validation => &self.split.val,
            Role::Test => &self.split.test,
        }
    }

    /// Gathers examples `rows` into the batch buffers.
    fn gather(&mut self, rows: &[usize]) {
        gather(&self.set, rows, (&mut self.batch_x, &mut self.batch_values, &mut self.batch_labels));
    }

    /// Records the forward pass and the loss of the gathered batch of `n` examples; returns
    /// (output, loss).
    fn record_batch(&mut self, n: usize) -> (Var, Var) {
        self.tape.reset();
        let x = self.tape.input([n, self.set.steps, self.set.width], &self.batch_x);
        let out = self.net.forward(&mut self.tape, x);
        let loss = if self.set.is_classification() {
            self.tape.softmax_cross_entropy(out, &self.batch_labels)
        } else {
            let t = self.tape.input([n, 1], &self.batch_values);
            self.tape.mse(out, t)
        };
        (out, loss)
    }

    /// Sums of loss (times examples) and correct answers over `rows`, measured `MEASURE_CHUNK`
    /// at a time, storing each example's prediction.
    fn measure_rows(&mut self, rows: &[usize]) -> (f64, usize) {
        let mut loss_sum = 0.0;
        let mut correct = 0;
        for chunk in rows.chunks(MEASURE_CHUNK) {
            self.gather(chunk);
            let (out, loss) = self.record_batch(chunk.len());
            loss_sum += f64::from(self.tape.scalar(loss)) * chunk.len() as f64;
            let outputs = self.set.outputs();
            let values = self.tape.value(out);
            for (k, &i) in chunk.iter().enumerate() {
                let row = &values[k * outputs..(k + 1) * outputs];
                self.predictions[i] = match &self.set.targets {
                    Targets::Values(_) => row[0],
                    Targets::Classes { labels, .. } => {
                        let best = argmax(row);
                        correct += usize::from(best as u32 == labels[i]);
                        best as f32
                    }
                };
            }
        }
        (loss_sum, correct)
    }

    /// Mean loss and accuracy (NaN for forecasting) on one part of the split; `(NaN, NaN)` if
    /// it is empty. Stores the part's predictions.
    pub fn evaluate(&mut self, role: Role) -> (f32, f32) {
        let rows = self.rows(role).to_vec();
        if rows.is_empty() {
            return (f32::NAN, f32::NAN);
        }
        let (loss, correct) = self.measure_rows(&rows);
        Sums::of(loss, correct, rows.len()).means(self.set.is_classification())
    }

    /// Trains one mini-batch (finishing any pending measurement first and after).
    pub fn step_batch(&mut self) {
        self.finish_measuring();
        self.train_batch();
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

    fn finish_measuring(&mut self) {
        while self.pending.is_some() {
            self.measure_chunk();
        }
    }

    fn train_batch(&mut self) {
        if self.diverged {
            return;
        }
        let rows = self.batches.next_batch();
        let n = rows.len();
        gather(&self.set, rows, (&mut self.batch_x, &mut self.batch_values, &mut self.batch_labels));
        let (_, loss) = self.record_batch(n);
        self.batches_trained += 1;
        if !self.guard.acceptable(self.tape.scalar(loss)) {
            self.diverge();
            return;
        }
        match apply_step(&mut self.tape, loss, self.net.params_mut(), self.opt.as_mut(), self.settings.clip) {
            Ok(report) => self.epoch_grad_max = self.epoch_grad_max.max(report.grad_norm),
            Err(_) => {
                self.diverge();
                return;
            }
        }
        self.read_through_time();
        self.last_good.copy_from_slice(self.net.params().values());
        if self.batches.advance() {
            self.pending = Some(PendingEpoch::new());
        }
    }

    /// `‖∂L/∂hₜ‖` for every step of the top layer, from the tape after backward.
    fn read_through_time(&mut self) {
        let Some(top) = self.net.top() else { return };
        for (norm, &h) in self.through_time.iter_mut().zip(&top.states) {
            let g = self.tape.grad(h);
            *norm = g.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>().sqrt() as f32;
        }
    }

    fn measure_chunk(&mut self) {
        let Some(mut p) = self.pending.take() else { return };
        let parts = (std::mem::take(&mut self.split.train), std::mem::take(&mut self.split.val));
        let done = p.step((&parts.0, &parts.1), MEASURE_CHUNK, |rows| {
            let (loss, correct) = self.measure_rows(rows);
            Sums::of(loss, correct, rows.len())
        });
        (self.split.train, self.split.val) = parts;
        match done {
            None => self.pending = Some(p),
            Some((train, val)) => {
                let classes = self.set.is_classification();
                self.finish_epoch(train.means(classes), val.means(classes));
            }
        }
    }

    fn finish_epoch(&mut self, (tl, ta): (f32, f32), (vl, va): (f32, f32)) {
        let val = (!self.split.val.is_empty()).then_some(vl);
        if !self.guard.epoch_acceptable(tl, val) {
            self.diverge();
            return;
        }
        record(&mut self.history, (tl, ta), (vl, va));
        self.grad_max.push(self.epoch_grad_max);
        self.epoch_grad_max = 0.0;
        if self.guard.runaway(tl, self.history.train_loss[0]) {
            self.diverged = true;
        }
    }

    fn diverge(&mut self) {
        self.net.params_mut().values_mut().copy_from_slice(&self.last_good);
        self.diverged = true;
    }

    /// Runs example `i` through the network and reads its states and gates; `None` past the end.
    pub fn inspect(&mut self, i: usize) -> Option<Inspection> {
        if i >= self.set.len() {
            return None;
        }
        self.gather(&[i]);
        let (out, _) = self.record_batch(1);
        let top = self.net.top()?;
        let (steps, hidden) = (self.set.steps, self.net.spec().hidden);
        let gather = |vars: &mut dyn Iterator<Item = Var>| -> Vec<f32> {
            let mut v = Vec::with_capacity(steps * hidden);
            for var in vars {
                v.extend_from_slice(self.tape.value(var));
            }
            v
        };
        let states = gather(&mut top.states.iter().copied());
        let gates = match top.gates.first() {
            Some(GateVars::Lstm { .. }) => {
                let pick = |f: fn(&GateVars) -> Option<Var>| gather(&mut top.gates.iter().filter_map(f));
                Some(GateTrace::Lstm {
                    input: pick(|g| if let GateVars::Lstm { input, .. } = g { Some(*input) } else { None }),
                    forget: pick(|g| if let GateVars::Lstm { forget, .. } = g { Some(*forget) } else { None }),
                    output: pick(|g| if let GateVars::Lstm { output, .. } = g { Some(*output) } else { None }),
                    cell: pick(|g| if let GateVars::Lstm { cell, .. } = g { Some(*cell) } else { None }),
                })
            }
            Some(GateVars::Gru { .. }) => {
                let pick = |f: fn(&GateVars) -> Option<Var>| gather(&mut top.gates.iter().filter_map(f));
                Some(GateTrace::Gru {
                    reset: pick(|g| if let GateVars::Gru { reset, .. } = g { Some(*reset) } else { None }),
                    update: pick(|g| if let GateVars::Gru { update, .. } = g { Some(*update) } else { None }),
                })
            }
            None => None,
        };
        let raw = self.tape.value(out).to_vec();
        let output = if self.set.is_classification() { softmax(&raw) } else { raw };
        Some(Inspection { states, gates, output, steps, hidden })
    }

    /// The text task's continuation of `prompt` (indices into the vocabulary) by `n` more
    /// characters, each the most probable after what came before. The network reads the last
    /// `steps` characters, or all of them while there are fewer (a recurrent network reads any
    /// length). Empty for other tasks.
    pub fn continue_text(&mut self, prompt: &[usize], n: usize) -> Vec<usize> {
        let (steps, width) = (self.set.steps, self.set.width);
        if self.set.task != super::tasks::Task::Text || prompt.is_empty() || width == 0 {
            return Vec::new();
        }
        let mut text: Vec<usize> = prompt.iter().map(|&c| c.min(width - 1)).collect();
        let mut made = Vec::with_capacity(n);
        for _ in 0..n {
            let window = &text[text.len().saturating_sub(steps)..];
            self.batch_x.clear();
            self.batch_x.resize(window.len() * width, 0.0);
            for (k, &c) in window.iter().enumerate() {
                self.batch_x[k * width + c] = 1.0;
            }
            self.tape.reset();
            let x = self.tape.input([1, window.len(), width], &self.batch_x);
            let out = self.net.forward(&mut self.tape, x);
            let next = argmax(self.tape.value(out));
            text.push(next);
            made.push(next);
        }
        made
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
    pub fn batches_trained(&self) -> usize {
        self.batches_trained
    }
    pub fn history(&self) -> &History {
        &self.history
    }
    /// The largest gradient norm (before clipping) of each epoch; entry 0 (before training) is 0.
    pub fn grad_max(&self) -> &[f32] {
        &self.grad_max
    }
    /// `‖∂L/∂hₜ‖` of the last training step for `t = 1…T` (zeros before the first step).
    pub fn gradient_through_time(&self) -> &[f32] {
        &self.through_time
    }
    /// Every example's latest measured prediction (value or class); NaN where not measured.
    pub fn predictions(&self) -> &[f32] {
        &self.predictions
    }
    pub fn diverged(&self) -> bool {
        self.diverged
    }
    pub fn net(&self) -> &SequenceNet {
        &self.net
    }
    pub fn set(&self) -> &SequenceSet {
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

impl Stepping for SequenceTrainer {
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

/// Copies examples `rows` of `set` into the batch buffers (inputs, and values or labels).
fn gather(set: &SequenceSet, rows: &[usize], (x, values, labels): (&mut Vec<f32>, &mut Vec<f32>, &mut Vec<u32>)) {
    x.clear();
    values.clear();
    labels.clear();
    for &i in rows {
        x.extend_from_slice(set.example(i));
        match &set.targets {
            Targets::Values(v) => values.push(v[i]),
            Targets::Classes { labels: l, .. } => labels.push(l[i]),
        }
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

epoch_trainer!(SequenceTrainer, MEASURE_CHUNK);
