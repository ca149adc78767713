//! # Training the digit classifier, one mini-batch at a time
//!
//! The digits are split three ways like every data set of the site (ranked keys from the split
//! seed, [`crate::data::split`]). One **epoch** is one pass over the training images in
//! mini-batches `B` of size `b` (the last one smaller), in an order reshuffled every epoch:
//!
//! ```text
//! L_B(θ) = (1/|B|) Σ_{i∈B} −ln softmax(f_θ(xᵢ))_{yᵢ}        (mean cross-entropy)
//! θ ← optimiser step(θ, ∇θ L_B)                              (backpropagation on the tape)
//! ```
//!
//! Training a CNN costs far more per image than the Playground's 2-D points, so the unit of
//! work ([`Stepping::step`]) is **one mini-batch**, not an epoch: the page spreads an epoch over
//! frames (1,078 training images at batch 32 are `⌈1078/32⌉ = 34` steps) and shows
//! [`CnnTrainer::epoch_progress`]. At an epoch's end the loss and accuracy on the training and
//! validation images are measured and appended to the [`History`] (entry 0 is measured before
//! any training, as in the Playground). That measurement reads every image once (1,437 of them
//! by default, ≈ 15 mini-batches of work), too much for one animation frame, so through
//! [`Stepping::step`] it too is spread out: [`MEASURE_CHUNK`] images per step, training paused
//! until it is done. [`CnnTrainer::step_batch`] does it at once; both add up the same chunks in
//! the same order, so the two give identical bits.
//!
//! **Determinism.** Initial weights from `Rng::stream(seed, INIT)`, batch order from
//! `Rng::stream(seed, BATCHES)`, split keys from `Rng::stream(split_seed, SPLIT)`: the same
//! settings give the same bits.
//!
//! **Divergence**, by the Playground's rules ([`crate::train::trainer`]): a batch loss that is
//! not finite or exceeds `10⁶·max(1, L₀)`, a non-finite gradient or parameter — the parameters
//! go back to those after the last good step and the run stops; or an epoch's training loss
//! above `1.5·L₀` five epochs in a row — the run stops. No NaN ever reaches a chart.
//!
//! **Test set.** [`CnnTrainer::evaluate`] measures any part; the page asks for
//! [`Role::Test`] once, at the end, and marks the test set spent — peeking at it while choosing
//! settings would make it one more validation set.

use crate::data::digits::{Digits, CLASSES, PIXELS, SIDE};
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::metrics::classification::ConfusionMatrix;
use crate::optim::optimizers::{validate_lr, Optimizer, OptimizerConfig, OptimizerKind};
use crate::rng::{streams, Rng};
use crate::stepping::{Progress, Stepping};
use crate::tensor::{apply_step, Tape};
use crate::train::minibatch::{empty_history, record, BatchOrder, DivergenceGuard, PendingEpoch, Sums};
use crate::train::trainer::History;

use super::kernel::shifted;
use super::model::{Architecture, DigitNet};

/// Largest mini-batch accepted.
pub const MAX_BATCH: usize = 512;
/// Images per forward pass when measuring (bounds the tape's size, whatever the split), and per
/// step of a spread-out end-of-epoch measurement: a forward pass of 128 images costs about what
/// one training mini-batch of 32 does (forward and backward), so no step stands out.
pub const MEASURE_CHUNK: usize = 128;
const EVAL_CHUNK: usize = MEASURE_CHUNK;

/// How to split the digits and train (the architecture is given beside it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainSettings {
    /// Share of the images used for training, 1–100 %.
    pub train_pct: u32,
    /// Share for validation, 0–(100 − train) %; the test set gets the rest.
    pub val_pct: u32,
    /// Seed of the split keys (kept apart from `seed`: a new model keeps its data).
    pub split_seed: u64,
    pub optimizer: OptimizerKind,
    /// Learning rate, `1e-6..=10`.
    pub lr: f32,
    /// Mini-batch size, `1..=512` (clamped to the number of training images).
    pub batch: usize,
    /// Seed of the initial weights and the batch order.
    pub seed: u64,
}

impl Default for TrainSettings {
    /// The lab's defaults: 60/20/20 split, Adam at 0.01, batches of 32.
    fn default() -> TrainSettings {
        TrainSettings { train_pct: 60, val_pct: 20, split_seed: 1, optimizer: OptimizerKind::Adam, lr: 0.01, batch: 32, seed: 1 }
    }
}

/// A (true digit, predicted digit) mistake on the validation images.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confusion {
    pub truth: usize,
    pub predicted: usize,
    /// How many validation images made this mistake.
    pub count: usize,
    /// The index (in the data set) of the first such image, to show it.
    pub example: usize,
}

/// Buffers for measuring a part of the split, reused between calls.
#[derive(Debug, Clone, Default)]
struct Meter {
    tape: Tape,
    x: Vec<f32>,
    t: Vec<u32>,
}

impl Meter {
    /// Mean loss and accuracy of `net` on the images `rows`, each moved by `shift` pixels
    /// (`(0, 0)`: as they are). Calls `seen(row, predicted)` for every image. `(NaN, NaN)` for no
    /// rows. Allocates nothing once warmed up (without shift).
    fn measure(&mut self, net: &DigitNet, data: (&[f32], &[u32]), rows: &[usize], shift: (i32, i32), seen: impl FnMut(usize, usize)) -> (f32, f32) {
        if rows.is_empty() {
            return (f32::NAN, f32::NAN);
        }
        let (loss, correct) = self.sums(net, data, rows, shift, seen);
        Sums::of(loss, correct, rows.len()).means(true)
    }

    /// The summed loss (f64, chunk by chunk of `EVAL_CHUNK` in row order) and the number of
    /// images classified right: what [`measure`](Self::measure) averages, and what a measurement
    /// spread over steps adds up chunk by chunk (the same chunks, so the same bits).
    fn sums(&mut self, net: &DigitNet, data: (&[f32], &[u32]), rows: &[usize], shift: (i32, i32), mut seen: impl FnMut(usize, usize)) -> (f64, usize) {
        let (images, labels) = data;
        let (mut loss_sum, mut correct) = (0.0f64, 0usize);
        for chunk in rows.chunks(EVAL_CHUNK) {
            self.x.clear();
            self.t.clear();
            for &r in chunk {
                let image = &images[r * PIXELS..(r + 1) * PIXELS];
                if shift == (0, 0) {
                    self.x.extend_from_slice(image);
                } else {
                    self.x.extend_from_slice(&shifted(image, SIDE, shift.0, shift.1));
                }
                self.t.push(labels[r]);
            }
            let n = chunk.len();
            self.tape.reset();
            let x = self.tape.input([n, 1, SIDE, SIDE], &self.x);
            let logits = net.forward(&mut self.tape, x, n);
            let loss = self.tape.softmax_cross_entropy(logits, &self.t);
            loss_sum += f64::from(self.tape.scalar(loss)) * n as f64;
            for ((&r, &t), z) in chunk.iter().zip(&self.t).zip(self.tape.value(logits).chunks_exact(CLASSES)) {
                let predicted = argmax(z);
                correct += usize::from(predicted == t as usize);
                seen(r, predicted);
            }
        }
        (loss_sum, correct)
    }
}

/// Errors (field `"data"`): no images, images and labels of different lengths, a label above 9.
pub(crate) fn check_digits(digits: &Digits) -> Result<(), ParamError> {
    let n = digits.len();
    if n == 0 {
        return Err(ParamError::too_few("data", 1, 0));
    }
    if digits.images.len() != n * PIXELS {
        return Err(ParamError::length_mismatch("data", n * PIXELS, digits.images.len()));
    }
    if let Some(&bad) = digits.labels.iter().find(|&&l| usize::from(l) >= CLASSES) {
        return Err(ParamError::not_whole("data", 0.0, (CLASSES - 1) as f64, bad.into()));
    }
    Ok(())
}

/// Index of the largest value (the first on ties; a NaN is never chosen over an earlier value).
fn argmax(z: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in z.iter().enumerate() {
        if v > z[best] {
            best = i;
        }
    }
    best
}

/// A training run on the digits (see the module docs).
#[derive(Debug, Clone)]
pub struct CnnTrainer {
    settings: TrainSettings,
    net: DigitNet,
    opt: Box<dyn Optimizer>,
    /// All images (n × 64) and labels; the split says which are which.
    images: Vec<f32>,
    labels: Vec<u32>,
    split: Split,
    /// The training images' indices in this epoch's order, cut into mini-batches.
    batches: BatchOrder,
    batch_x: Vec<f32>,
    batch_t: Vec<u32>,
    tape: Tape,
    meter: Meter,
    /// The parameters after the last good step, restored on divergence.
    last_good: Vec<f32>,
    /// Parameter ranges kept fixed (transfer learning) and their values.
    frozen: Vec<std::ops::Range<usize>>,
    frozen_values: Vec<f32>,
    history: History,
    diverged: bool,
    guard: DivergenceGuard,
    batches_trained: usize,
    /// The end-of-epoch measurement still to finish (training waits for it).
    pending: Option<PendingEpoch>,
}

impl CnnTrainer {
    /// Splits the digits, builds the network and the optimiser, and records history entry 0.
    ///
    /// Errors (field): `"data"` (no images, images and labels of different lengths, a label
    /// above 9), `"train"`/`"val"` (shares), the architecture's (`"conv_layers"`, `"filters"`,
    /// `"kernel"`, `"dense"`), `"lr"`, `"batch"` (1–512).
    pub fn new(digits: &Digits, arch: impl Into<Architecture>, settings: &TrainSettings) -> Result<CnnTrainer, ParamError> {
        check_digits(digits)?;
        let split = Split::new(&digits.split_keys(settings.split_seed), settings.train_pct, settings.val_pct)?;
        CnnTrainer::with_split(digits, split, arch, settings)
    }

    /// As [`new`](Self::new) with the split given (transfer learning picks a few training images
    /// per class); the settings' shares and split seed are then unused. Errors as `new`, and
    /// `"split"` when the split is not one of these digits or has no training image.
    pub fn with_split(digits: &Digits, split: Split, arch: impl Into<Architecture>, settings: &TrainSettings) -> Result<CnnTrainer, ParamError> {
        check_digits(digits)?;
        let n = digits.len();
        let fits = split.roles.len() == n && split.train.iter().chain(&split.val).chain(&split.test).all(|&i| i < n);
        if !fits {
            return Err(ParamError::length_mismatch("split", n, split.roles.len()));
        }
        if split.train.is_empty() {
            return Err(ParamError::too_few("split", 1, 0));
        }
        let arch = arch.into();
        arch.validate()?;
        validate_lr(settings.lr)?;
        ParamError::check_range("batch", 1.0, MAX_BATCH as f64, settings.batch as f64)?;
        let net = DigitNet::new(arch, &mut Rng::stream(settings.seed, streams::INIT))?;
        let opt = OptimizerConfig::new(settings.optimizer, settings.lr).build(net.params().len())?;
        let batch = settings.batch.min(split.train.len());
        let mut trainer = CnnTrainer {
            settings: *settings,
            last_good: net.params().values().to_vec(),
            net,
            opt,
            images: digits.images.clone(),
            labels: digits.labels.iter().map(|&l| u32::from(l)).collect(),
            batches: BatchOrder::new(split.train.clone(), batch, Rng::stream(settings.seed, streams::BATCHES)),
            split,
            batch_x: Vec::with_capacity(batch * PIXELS),
            batch_t: Vec::with_capacity(batch),
            tape: Tape::new(),
            meter: Meter::default(),
            frozen: Vec::new(),
            frozen_values: Vec::new(),
            history: empty_history(),
            diverged: false,
            guard: DivergenceGuard::default(),
            batches_trained: 0,
            pending: None,
        };
        trainer.record_start();
        Ok(trainer)
    }

    /// Measures the untrained network: history entry 0 and the divergence limit `10⁶·max(1, L₀)`.
    fn record_start(&mut self) {
        let (tl, ta) = self.evaluate(Role::Train);
        let (vl, va) = self.evaluate(Role::Validation);
        self.guard = DivergenceGuard::from_start(tl);
        record(&mut self.history, (tl, ta), (vl, va));
    }

    fn rows(&self, role: Role) -> &[usize] {
        match role {
            Role::Train => &self.split.train,
            Role::Validation => &self.split.val,
            Role::Test => &self.split.test,
        }
    }

    /// Mean cross-entropy and accuracy on one part of the split (`(NaN, NaN)` if it is empty).
    pub fn evaluate(&mut self, role: Role) -> (f32, f32) {
        self.evaluate_shifted(role, 0, 0)
    }

    /// As [`evaluate`](Self::evaluate), every image first moved `dx` pixels right and `dy` down
    /// ([`shifted`]): the translation experiment.
    pub fn evaluate_shifted(&mut self, role: Role, dx: i32, dy: i32) -> (f32, f32) {
        // Fields borrowed one by one: the meter mutably, the rows and the network shared.
        let rows = match role {
            Role::Train => &self.split.train,
            Role::Validation => &self.split.val,
            Role::Test => &self.split.test,
        };
        self.meter.measure(&self.net, (&self.images, &self.labels), rows, (dx, dy), |_, _| {})
    }

    /// Predicted digit of each validation image, with its data-set index.
    fn validation_predictions(&mut self) -> Vec<(usize, usize)> {
        let mut seen = Vec::with_capacity(self.split.val.len());
        self.meter.measure(&self.net, (&self.images, &self.labels), &self.split.val, (0, 0), |r, p| seen.push((r, p)));
        seen
    }

    /// The confusion matrix on the validation images (row = true digit, column = predicted).
    pub fn confusion(&mut self) -> ConfusionMatrix {
        let mut cm = ConfusionMatrix::new(CLASSES);
        for (r, p) in self.validation_predictions() {
            cm.add(self.labels[r] as usize, p);
        }
        cm
    }

    /// The `n` most frequent mistakes on the validation images, most frequent first (ties: by
    /// true digit, then predicted digit), each with its first example.
    pub fn most_confused(&mut self, n: usize) -> Vec<Confusion> {
        let mut found: Vec<Confusion> = Vec::new();
        for (r, p) in self.validation_predictions() {
            let t = self.labels[r] as usize;
            if t == p {
                continue;
            }
            match found.iter_mut().find(|c| c.truth == t && c.predicted == p) {
                Some(c) => c.count += 1,
                None => found.push(Confusion { truth: t, predicted: p, count: 1, example: r }),
            }
        }
        found.sort_by(|a, b| b.count.cmp(&a.count).then(a.truth.cmp(&b.truth)).then(a.predicted.cmp(&b.predicted)));
        found.truncate(n);
        found
    }

    /// Trains one mini-batch (shuffling first at an epoch's start); at an epoch's end, measures
    /// and records it. Nothing once diverged. Allocates nothing after the first epoch.
    pub fn step_batch(&mut self) {
        self.finish_measuring();
        self.train_batch();
        self.finish_measuring();
    }

    /// One unit of work no larger than a mini-batch: a chunk of a pending end-of-epoch
    /// measurement if one is under way, else one mini-batch (which may start one).
    fn step_spread(&mut self) {
        if self.pending.is_some() {
            self.measure_chunk();
        } else {
            self.train_batch();
        }
    }

    /// Completes a pending end-of-epoch measurement, if any.
    fn finish_measuring(&mut self) {
        while self.pending.is_some() {
            self.measure_chunk();
        }
    }

    /// Trains one mini-batch; the one that completes an epoch starts its measurement.
    fn train_batch(&mut self) {
        if self.diverged {
            return;
        }
        let rows = self.batches.next_batch();
        let n = rows.len();
        self.batch_x.clear();
        self.batch_t.clear();
        for &i in rows {
            self.batch_x.extend_from_slice(&self.images[i * PIXELS..(i + 1) * PIXELS]);
            self.batch_t.push(self.labels[i]);
        }
        self.tape.reset();
        let x = self.tape.input([n, 1, SIDE, SIDE], &self.batch_x);
        let logits = self.net.forward(&mut self.tape, x, n);
        let loss = self.tape.softmax_cross_entropy(logits, &self.batch_t);
        self.batches_trained += 1;
        if !self.guard.acceptable(self.tape.scalar(loss)) {
            self.diverge();
            return;
        }
        if apply_step(&mut self.tape, loss, self.net.params_mut(), self.opt.as_mut(), None).is_err() {
            self.diverge();
            return;
        }
        self.restore_frozen();
        self.last_good.copy_from_slice(self.net.params().values());
        if self.batches.advance() {
            self.pending = Some(PendingEpoch::new());
        }
    }

    /// Measures the next `MEASURE_CHUNK` images of the pending end-of-epoch measurement; after
    /// the last, records the epoch.
    fn measure_chunk(&mut self) {
        let Some(mut p) = self.pending.take() else { return };
        let (meter, net, data) = (&mut self.meter, &self.net, (self.images.as_slice(), self.labels.as_slice()));
        let done = p.step((&self.split.train, &self.split.val), MEASURE_CHUNK, |rows| {
            let (loss, correct) = meter.sums(net, data, rows, (0, 0), |_, _| {});
            Sums::of(loss, correct, rows.len())
        });
        match done {
            None => self.pending = Some(p),
            Some((train, val)) => self.finish_epoch(train.means(true), val.means(true)),
        }
    }

    /// Trains to the end of the current epoch (a whole epoch at a boundary), measurement included.
    pub fn step_epoch(&mut self) {
        self.finish_measuring();
        loop {
            self.step_batch();
            if self.diverged || self.batches.at_start() {
                return;
            }
        }
    }

    /// Records the epoch just completed and measured; applies the divergence rules.
    fn finish_epoch(&mut self, (tl, ta): (f32, f32), (vl, va): (f32, f32)) {
        let val = (!self.split.val.is_empty()).then_some(vl);
        if !self.guard.epoch_acceptable(tl, val) {
            self.diverge();
            return;
        }
        record(&mut self.history, (tl, ta), (vl, va));
        if self.guard.runaway(tl, self.history.train_loss[0]) {
            self.diverged = true;
        }
    }

    /// Puts back the parameters of the last good step and stops the run.
    fn diverge(&mut self) {
        self.net.params_mut().values_mut().copy_from_slice(&self.last_good);
        self.diverged = true;
    }

    /// Copies the frozen parameters' saved values back over whatever the step did to them.
    fn restore_frozen(&mut self) {
        let mut at = 0;
        let values = self.net.params_mut().values_mut();
        for r in &self.frozen {
            values[r.clone()].copy_from_slice(&self.frozen_values[at..at + r.len()]);
            at += r.len();
        }
    }

    /// Keeps the convolution blocks' parameters fixed from now on (transfer learning): after
    /// every optimiser step they are set back to their current values, so only the read-out
    /// learns. Done outside the engine, which knows no freezing.
    pub fn freeze_convolutions(&mut self) {
        self.frozen = self.net.conv_ranges();
        let values = self.net.params().values();
        self.frozen_values = self.frozen.iter().flat_map(|r| values[r.clone()].iter().copied()).collect();
    }

    /// Copies the convolution blocks' parameters of `from` into this network (transfer
    /// learning). Field `"architecture"` when the blocks differ in shape; nothing changes then.
    pub fn copy_convolutions_from(&mut self, from: &DigitNet) -> Result<(), ParamError> {
        let (src, dst) = (from.conv_ranges(), self.net.conv_ranges());
        if src.len() != dst.len() || src.iter().zip(&dst).any(|(a, b)| a.len() != b.len()) {
            return Err(ParamError::unsupported("architecture"));
        }
        for (a, b) in src.iter().zip(&dst) {
            self.net.params_mut().values_mut()[b.clone()].copy_from_slice(&from.params().values()[a.clone()]);
        }
        self.last_good.copy_from_slice(self.net.params().values());
        if self.epoch() == 0 && self.batches.at_start() {
            // Not trained yet: entry 0 must describe the network as it now starts.
            self.history = empty_history();
            self.record_start();
        }
        Ok(())
    }

    /// Changes the learning rate mid-run (the optimiser's state carries on). Field `"lr"`.
    pub fn set_lr(&mut self, lr: f32) -> Result<(), ParamError> {
        validate_lr(lr)?;
        self.settings.lr = lr;
        self.opt.set_lr(lr);
        Ok(())
    }

    /// Epochs completed.
    pub fn epoch(&self) -> usize {
        self.history.train_loss.len().saturating_sub(1)
    }
    /// Fraction of the current epoch trained (0 at an epoch boundary; 1 while its end is measured).
    pub fn epoch_progress(&self) -> f32 {
        if self.pending.is_some() {
            return 1.0;
        }
        self.batches.progress()
    }
    /// An epoch's training is done and its measurement is under way (spread over steps).
    pub fn measuring(&self) -> bool {
        self.pending.is_some()
    }
    /// Mini-batches in an epoch, `⌈training images / batch⌉`.
    pub fn batches_per_epoch(&self) -> usize {
        self.batches.batches_per_epoch()
    }
    /// Mini-batches trained since the start.
    pub fn batches_trained(&self) -> usize {
        self.batches_trained
    }
    /// The per-epoch curves (entry 0 before training).
    pub fn history(&self) -> &History {
        &self.history
    }
    /// The run stopped: the loss exploded or ran away (see the module docs).
    pub fn diverged(&self) -> bool {
        self.diverged
    }
    pub fn net(&self) -> &DigitNet {
        &self.net
    }
    /// The network, mutable (a one-image question needs its scratch tape; a test poisons a weight).
    pub fn net_mut(&mut self) -> &mut DigitNet {
        &mut self.net
    }
    pub fn settings(&self) -> &TrainSettings {
        &self.settings
    }
    pub fn split(&self) -> &Split {
        &self.split
    }
    /// The mini-batch size in use (the setting clamped to the training images).
    pub fn batch_size(&self) -> usize {
        self.batches.batch()
    }
    /// Number of training, validation and test images.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.rows(Role::Train).len(), self.rows(Role::Validation).len(), self.rows(Role::Test).len())
    }
    /// Image `i` of the data set (64 values), `None` past the end.
    pub fn image(&self, i: usize) -> Option<&[f32]> {
        self.images.get(i * PIXELS..(i + 1) * PIXELS)
    }
}

impl Stepping for CnnTrainer {
    /// One mini-batch, or one chunk of [`MEASURE_CHUNK`] images of a pending end-of-epoch
    /// measurement: no step costs much more than a mini-batch.
    fn step(&mut self) {
        self.step_spread();
    }
    /// Only divergence ends a run; how long to train is the page's call.
    fn done(&self) -> bool {
        self.diverged
    }
    /// Mini-batches trained; no total.
    fn progress(&self) -> Progress {
        Progress { done: self.batches_trained, total: None }
    }
}

crate::train::minibatch::epoch_trainer!(CnnTrainer, MEASURE_CHUNK);
