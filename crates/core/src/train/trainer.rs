//! # Training loop: what a lab animates
//!
//! A [`Trainer`] owns a network, an optimiser and the featurized rows of the three parts of a
//! split. One **epoch** is one pass over the training rows in mini-batches:
//!
//! ```text
//! shuffle the training rows (seeded)
//! for each mini-batch B of size b (the last one may be smaller):
//!     g = ∇θ [ (1/|B|) Σ_{i∈B} ℓ(f_θ(x_i), y_i) + λ·R(w) ]      (backpropagation, see `nn`)
//!     θ ← optimiser step(θ, g)                                   (see `optim`)
//! record train / validation loss and accuracy in the history
//! ```
//!
//! Small batches give noisy but cheap steps, the full batch gives exact gradients but one step
//! per epoch: the lab lets learners feel that trade-off.
//!
//! **Determinism.** The initial weights come from `Rng::stream(seed, INIT)` and the batch order
//! from `Rng::stream(seed, BATCHES)`; nothing else is random, so the same data, split and
//! configuration give a bit-identical run, and changing the model never changes the data.
//!
//! **Divergence.** With too large a learning rate the steps overshoot: the loss grows instead of
//! shrinking. A run is declared *diverged* when
//! - a batch loss or the epoch loss is NaN/∞ or exceeds `10⁶·max(1, L₀)` (`L₀` = the initial
//!   training loss), or a parameter becomes NaN/∞ — the loss *exploded*; the parameters are
//!   restored to those before the offending step; or
//! - the epoch's training loss stayed above `1.5·L₀` for 5 epochs in a row — the loss *ran
//!   away*: the model is clearly worse than the random network it started as. Bounded outputs
//!   (tanh, sigmoid, softmax) cannot explode, so an overshooting classifier saturates instead;
//!   this is how it shows.
//!
//! Training then stops, and every later [`Trainer::step_epoch`] returns
//! [`EpochOutcome::Diverged`]: the page shows "diverged" instead of a chart full of NaN.

use crate::data::dataset::{plane_grid, Dataset, Problem};
use crate::data::features::{featurize, Feature};
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::metrics::classification::ConfusionMatrix;
use crate::metrics::regression::r_squared;
use crate::nn::activation::Activation;
use crate::nn::loss::{target_class, Head, Loss, Regularization};
use crate::nn::mlp::{Mlp, MlpSpec};
use crate::optim::optimizers::{validate_lr, Optimizer, OptimizerConfig, OptimizerKind};
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;
use crate::stepping::{self, Stepping};

/// Largest regularisation rate accepted.
pub const MAX_REG_RATE: f32 = 10.0;
/// Largest grid resolution for [`Trainer::predict_grid`] and [`Trainer::neuron_maps`]; larger
/// requests are clamped (a typo in a URL must not allocate gigabytes).
pub const MAX_GRID_RES: usize = 1024;
/// A loss above this multiple of `max(1, initial loss)` counts as divergence.
pub const DIVERGENCE_FACTOR: f32 = 1e6;
/// A training loss above this multiple of the initial loss…
pub const RUNAWAY_FACTOR: f32 = 1.5;
/// …for this many consecutive epochs counts as divergence too.
pub const RUNAWAY_EPOCHS: u32 = 5;

/// Everything that defines a training run (besides the data and its split).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Input features computed from each point (x₁, x₂, x₁², …); at least one.
    pub features: Vec<Feature>,
    /// Hidden layer widths (0..=8 layers, 1..=256 neurons each; the page offers 0–6 × 1–64).
    pub hidden: Vec<usize>,
    /// Hidden activation.
    pub activation: Activation,
    /// Loss; with the problem and class count it picks the output [`Head`].
    pub loss: Loss,
    /// Update rule (with its default momentum / β / ε).
    pub optimizer: OptimizerKind,
    /// Learning rate, `1e-6..=10`.
    pub lr: f32,
    /// Mini-batch size; clamped to `1..=training points` (not an error).
    pub batch: usize,
    /// Weight penalty.
    pub reg: Regularization,
    /// Regularisation rate λ, `0..=10`.
    pub reg_rate: f32,
    /// Seed of the initial weights and of the batch order.
    pub seed: u64,
}

/// Per-epoch curves. Entry 0 is measured before any training; entry `e` after epoch `e`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Mean data loss on the training rows (regularisation excluded).
    pub train_loss: Vec<f32>,
    /// Mean data loss on the validation rows; NaN when there are none.
    pub val_loss: Vec<f32>,
    /// Training accuracy in `[0, 1]`; NaN for regression (no accuracy).
    pub train_acc: Vec<f32>,
    /// Validation accuracy; NaN for regression or when there are no validation rows.
    pub val_acc: Vec<f32>,
}

/// Epochs of history reserved up front, so `step_epoch` does not allocate for the first
/// thousand epochs (16 KB).
const HISTORY_RESERVE: usize = 1024;

impl History {
    fn with_capacity(n: usize) -> History {
        History {
            train_loss: Vec::with_capacity(n),
            val_loss: Vec::with_capacity(n),
            train_acc: Vec::with_capacity(n),
            val_acc: Vec::with_capacity(n),
        }
    }
}

/// Quality of the current model on one part of the split.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// Mean data loss; NaN if the part is empty.
    pub loss: f32,
    /// Fraction correct (classification only; NaN if the part is empty).
    pub accuracy: Option<f32>,
    /// Coefficient of determination (regression only; NaN if the part is empty).
    pub r2: Option<f32>,
    /// Number of points in the part.
    pub count: usize,
}

slug_enum! {
    /// What [`Trainer::step_epoch`] did.
    pub enum EpochOutcome {
        /// One more epoch was trained and recorded.
        Trained => "trained",
        /// The run has diverged (now or earlier); nothing was trained.
        Diverged => "diverged",
    }
}

/// A loss that does not count as divergence: finite and at most `limit` (false for NaN).
fn acceptable(loss: f32, limit: f32) -> bool {
    loss.is_finite() && loss <= limit
}

/// Featurized rows of one part of the split: `x` is n × features, `t` the n targets.
#[derive(Debug, Clone, Default)]
struct Part {
    x: Vec<f32>,
    t: Vec<f32>,
}

/// Root mean square of each column of a row-major `n × d` matrix (0 for an empty one).
fn column_rms(x: &[f32], d: usize) -> Vec<f32> {
    let mut sum = vec![0.0f64; d];
    for row in x.chunks_exact(d) {
        for (s, &v) in sum.iter_mut().zip(row) {
            *s += f64::from(v) * f64::from(v);
        }
    }
    let n = (x.len() / d.max(1)).max(1) as f64;
    sum.into_iter().map(|s| (s / n).sqrt() as f32).collect()
}

/// The data set is whole and the split is of it, with at least one training row. Errors
/// (field): `"data"`, `"split"`, `"train"`.
fn check_data_and_split(data: &Dataset, split: &Split) -> Result<(), ParamError> {
    let n = data.len();
    if data.points.len() != 2 * n {
        return Err(ParamError::length_mismatch("data", 2 * n, data.points.len()));
    }
    let parts_ok = split.roles.len() == n
        && split.train.iter().chain(&split.val).chain(&split.test).all(|&i| i < n);
    if !parts_ok {
        return Err(ParamError::length_mismatch("split", n, split.roles.len()));
    }
    if split.train.is_empty() {
        return Err(ParamError::too_few("train", 1, 0));
    }
    Ok(())
}

impl Part {
    fn new(data: &Dataset, idx: &[usize], features: &[Feature]) -> Part {
        let mut pts = Vec::with_capacity(2 * idx.len());
        for &i in idx {
            pts.extend_from_slice(&data.point(i));
        }
        let mut x = Vec::new();
        featurize(features, &pts, &mut x);
        Part { x, t: idx.iter().map(|&i| data.targets[i]).collect() }
    }

    fn len(&self) -> usize {
        self.t.len()
    }
}

/// What [`Trainer::step_batches`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Mini-batches trained.
    pub batches: usize,
    /// Epochs completed (0 or 1: it stops at an epoch's end).
    pub epochs: usize,
    pub outcome: EpochOutcome,
}

/// A training run in progress.
#[derive(Debug, Clone)]
pub struct Trainer {
    cfg: TrainConfig,
    problem: Problem,
    classes: usize,
    mlp: Mlp,
    opt: Box<dyn Optimizer>,
    train: Part,
    val: Part,
    test: Part,
    /// Clamped batch size.
    batch: usize,
    /// Visiting order of the training rows, reshuffled every epoch.
    order: Vec<usize>,
    /// Where the next mini-batch starts in `order`; 0 = at an epoch boundary.
    cursor: usize,
    batch_rng: Rng,
    /// Preallocated mini-batch rows and targets (batch × features, batch).
    batch_x: Vec<f32>,
    batch_t: Vec<f32>,
    grad: Vec<f32>,
    /// Parameters before the latest step, for restoring on divergence.
    backup: Vec<f32>,
    history: History,
    diverged: bool,
    /// Consecutive epochs with a training loss above `RUNAWAY_FACTOR × initial loss`.
    epochs_above: u32,
    loss_limit: f32,
    /// Mini-batches per clock check in [`train_within`](Self::train_within), adapted to the
    /// network's speed.
    chunk: usize,
    /// Featurized grid for the last resolution asked (cached: features never change).
    grid_res: usize,
    grid_x: Vec<f32>,
    /// Scratch for predictions, classes and single points.
    scratch: Vec<f32>,
    scratch_classes: Vec<usize>,
    point_x: Vec<f32>,
}

impl Trainer {
    /// Copies what it needs (featurized train/val/test rows); init from `Rng::stream(seed, INIT)`,
    /// batch order from `Rng::stream(seed, BATCHES)` (shuffled every epoch). Validates everything
    /// and records history entry 0 (before any training).
    ///
    /// Errors (field): `"data"` (malformed data set), `"split"` (split of another data set),
    /// `"train"` (no training points), `"features"`, `"layers"`, `"neurons"`, `"loss"`
    /// (cross-entropy on regression), `"classes"`, `"lr"`, `"reg_rate"`.
    pub fn new(data: &Dataset, split: &Split, cfg: &TrainConfig) -> Result<Trainer, ParamError> {
        check_data_and_split(data, split)?;
        if cfg.features.is_empty() {
            return Err(ParamError::too_few("features", 1, 0));
        }
        if !(0.0..=MAX_REG_RATE).contains(&cfg.reg_rate) {
            return Err(ParamError::out_of_range("reg_rate", 0.0, MAX_REG_RATE.into(), cfg.reg_rate.into()));
        }
        validate_lr(cfg.lr)?;
        let head = Head::choose(data.problem, cfg.loss, data.classes)?;
        let spec = MlpSpec {
            inputs: cfg.features.len(),
            hidden: cfg.hidden.clone(),
            activation: cfg.activation,
            head,
            classes: data.classes,
        };
        let mut mlp = Mlp::new(&spec, &mut Rng::stream(cfg.seed, streams::INIT))?;
        let opt = OptimizerConfig::new(cfg.optimizer, cfg.lr).build(mlp.param_count())?;

        let train = Part::new(data, &split.train, &cfg.features);
        mlp.scale_inputs(&column_rms(&train.x, cfg.features.len()));
        let val = Part::new(data, &split.val, &cfg.features);
        let test = Part::new(data, &split.test, &cfg.features);
        let batch = cfg.batch.clamp(1, train.len());
        let p = mlp.param_count();
        let mut trainer = Trainer {
            cfg: cfg.clone(),
            problem: data.problem,
            classes: data.classes,
            opt,
            order: (0..train.len()).collect(),
            cursor: 0,
            batch,
            batch_rng: Rng::stream(cfg.seed, streams::BATCHES),
            batch_x: Vec::with_capacity(batch * cfg.features.len()),
            batch_t: Vec::with_capacity(batch),
            grad: vec![0.0; p],
            backup: mlp.params().to_vec(),
            mlp,
            train,
            val,
            test,
            history: History::with_capacity(HISTORY_RESERVE),
            diverged: false,
            epochs_above: 0,
            loss_limit: f32::INFINITY,
            chunk: 1,
            grid_res: 0,
            grid_x: Vec::new(),
            scratch: Vec::new(),
            scratch_classes: Vec::new(),
            point_x: Vec::new(),
        };
        let (train_loss, train_acc, val_loss, val_acc) = trainer.measure();
        let base = if train_loss.is_finite() { train_loss.max(1.0) } else { 1.0 };
        trainer.loss_limit = DIVERGENCE_FACTOR * base;
        trainer.record(train_loss, train_acc, val_loss, val_acc);
        Ok(trainer)
    }

    /// Swaps in a changed data set — a point added by hand — and keeps the network where it is:
    /// weights, optimizer state, input scaling, history and epoch count carry on, so the
    /// learner sees the *same* model react to the new point instead of a fresh one starting
    /// over. The next mini-batch starts a new pass over the new training rows (the epoch under
    /// way is abandoned; its history entry is not written).
    ///
    /// The input scaling is deliberately not recomputed: it is part of the function the network
    /// has learned, and changing it would move the boundary before any training step.
    ///
    /// Errors (nothing changes): as [`new`](Self::new) for `"data"`, `"split"` and `"train"`;
    /// `"classes"` when the data set's problem or number of classes is not the network's.
    pub fn set_data(&mut self, data: &Dataset, split: &Split) -> Result<(), ParamError> {
        check_data_and_split(data, split)?;
        if data.problem != self.problem || data.classes != self.classes {
            return Err(ParamError::length_mismatch("classes", self.classes, data.classes));
        }
        self.train = Part::new(data, &split.train, &self.cfg.features);
        self.val = Part::new(data, &split.val, &self.cfg.features);
        self.test = Part::new(data, &split.test, &self.cfg.features);
        self.batch = self.cfg.batch.clamp(1, self.train.len());
        self.order = (0..self.train.len()).collect();
        self.cursor = 0;
        self.batch_x = Vec::with_capacity(self.batch * self.cfg.features.len());
        self.batch_t = Vec::with_capacity(self.batch);
        Ok(())
    }

    /// Loss and accuracy on the training and validation rows (NaN where undefined).
    fn measure(&mut self) -> (f32, f32, f32, f32) {
        let classify = self.problem == Problem::Classification;
        let (tl, tc) = self.mlp.evaluate(&self.train.x, &self.train.t, self.train.len());
        let ta = if classify { tc as f32 / self.train.len() as f32 } else { f32::NAN };
        let (vl, va) = if self.val.len() == 0 {
            (f32::NAN, f32::NAN)
        } else {
            let (vl, vc) = self.mlp.evaluate(&self.val.x, &self.val.t, self.val.len());
            (vl, if classify { vc as f32 / self.val.len() as f32 } else { f32::NAN })
        };
        (tl, ta, vl, va)
    }

    fn record(&mut self, train_loss: f32, train_acc: f32, val_loss: f32, val_acc: f32) {
        self.history.train_loss.push(train_loss);
        self.history.train_acc.push(train_acc);
        self.history.val_loss.push(val_loss);
        self.history.val_acc.push(val_acc);
    }

    /// Restores the parameters saved before the latest step and stops the run.
    fn diverge(&mut self) -> EpochOutcome {
        self.mlp.params_mut().copy_from_slice(&self.backup);
        self.diverged = true;
        EpochOutcome::Diverged
    }

    /// One pass over the training rows in mini-batches, then appends to the history (if an
    /// epoch was already under way through [`step_batches`](Self::step_batches), finishes it).
    /// Returns [`EpochOutcome::Diverged`] (and trains nothing) once the run has diverged.
    /// Allocation-free (history has room for 1024 epochs before it grows).
    pub fn step_epoch(&mut self) -> EpochOutcome {
        loop {
            let p = self.step_batches(usize::MAX);
            if p.outcome == EpochOutcome::Diverged {
                return EpochOutcome::Diverged;
            }
            if p.epochs > 0 {
                return EpochOutcome::Trained;
            }
        }
    }

    /// Mini-batches in one epoch: `⌈training rows / batch size⌉`.
    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.batch.max(1))
    }

    /// Trains `batches` mini-batches across epoch boundaries, stopping early on divergence or,
    /// once `budget_ms` by `now` has passed, at the next epoch boundary (always some progress).
    /// Returns the epochs completed.
    pub fn train_batches(&mut self, batches: usize, budget_ms: f64, now: &dyn Fn() -> f64) -> usize {
        let start = now();
        let (mut left, mut epochs) = (batches, 0);
        while left > 0 {
            let p = self.step_batches(left);
            epochs += p.epochs;
            left = left.saturating_sub(p.batches);
            if p.outcome == EpochOutcome::Diverged || p.batches == 0 || now() - start >= budget_ms {
                break;
            }
        }
        epochs
    }

    /// Trains for one animation frame: until `max_epochs` epochs are completed, the run
    /// diverges, or `budget_ms` by the caller's clock `now` has passed — always at least one
    /// mini-batch. Returns the epochs completed. Batches are grouped so that a group costs
    /// 0.25–1 ms (the group doubles below, halves above): checking the clock after every batch
    /// of a tiny network would cost more than the batch. Grouping does not change the run.
    pub fn train_within(&mut self, max_epochs: usize, budget_ms: f64, now: &dyn Fn() -> f64) -> usize {
        let start = now();
        let mut epochs = 0;
        loop {
            let t0 = now();
            let p = self.step_batches(self.chunk);
            let took = now() - t0;
            if took < 0.25 && self.chunk < 4096 {
                self.chunk *= 2;
            } else if took > 1.0 && self.chunk > 1 {
                self.chunk /= 2;
            }
            epochs += p.epochs;
            if p.outcome == EpochOutcome::Diverged || epochs >= max_epochs || now() - start >= budget_ms {
                return epochs;
            }
        }
    }

    /// Trains at most `max_batches` mini-batches, stopping early at the end of an epoch (its
    /// history entry recorded) or on divergence. The page calls this within a time budget per
    /// animation frame, so even a network whose epoch takes longer than a frame never freezes it.
    /// Chunking does not change the run: the same batches in the same order as `step_epoch`.
    pub fn step_batches(&mut self, max_batches: usize) -> Progress {
        let mut progress = Progress { batches: 0, epochs: 0, outcome: EpochOutcome::Trained };
        if self.diverged {
            progress.outcome = EpochOutcome::Diverged;
            return progress;
        }
        let d = self.cfg.features.len();
        let (reg, rate) = (self.cfg.reg, self.cfg.reg_rate);
        while progress.batches < max_batches {
            if self.cursor == 0 {
                self.batch_rng.shuffle(&mut self.order);
            }
            let start = self.cursor;
            let end = (start + self.batch).min(self.order.len());
            // Gather the batch rows into the preallocated buffers (capacity batch × d).
            self.batch_x.clear();
            self.batch_t.clear();
            for &i in &self.order[start..end] {
                self.batch_x.extend_from_slice(&self.train.x[i * d..(i + 1) * d]);
                self.batch_t.push(self.train.t[i]);
            }
            self.backup.copy_from_slice(self.mlp.params());
            let loss = self.mlp.loss_and_gradient(&self.batch_x, &self.batch_t, end - start, reg, rate, &mut self.grad);
            progress.batches += 1;
            if !acceptable(loss, self.loss_limit) {
                progress.outcome = self.diverge();
                return progress;
            }
            self.opt.step(self.mlp.params_mut(), &self.grad);
            if !self.mlp.params().iter().all(|p| p.is_finite()) {
                progress.outcome = self.diverge();
                return progress;
            }
            self.cursor = if end >= self.order.len() { 0 } else { end };
            if self.cursor == 0 {
                progress.epochs = 1;
                progress.outcome = self.finish_epoch();
                return progress;
            }
        }
        progress
    }

    /// Fraction of the current epoch already trained (0 at an epoch boundary).
    pub fn epoch_progress(&self) -> f32 {
        if self.order.is_empty() {
            0.0
        } else {
            self.cursor as f32 / self.order.len() as f32
        }
    }

    /// Measures and records the epoch just completed; applies the divergence rules.
    fn finish_epoch(&mut self) -> EpochOutcome {
        let (tl, ta, vl, va) = self.measure();
        let val_bad = self.val.len() > 0 && !vl.is_finite();
        if !acceptable(tl, self.loss_limit) || val_bad {
            return self.diverge();
        }
        self.record(tl, ta, vl, va);
        // Runaway: finite but far above where training started, epoch after epoch.
        let initial = self.history.train_loss[0].max(1e-3);
        if tl > RUNAWAY_FACTOR * initial {
            self.epochs_above += 1;
        } else {
            self.epochs_above = 0;
        }
        if self.epochs_above >= RUNAWAY_EPOCHS {
            self.diverged = true;
            return EpochOutcome::Diverged;
        }
        EpochOutcome::Trained
    }

    /// Number of epochs trained so far.
    pub fn epoch(&self) -> usize {
        self.history.train_loss.len().saturating_sub(1)
    }

    /// The curves so far (entry 0 = before training).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// True once the loss exploded (NaN/∞, above `10⁶·max(1, initial loss)`, or a NaN/∞
    /// parameter: weights kept at the last finite state) or ran away (above 1.5 × the initial
    /// loss for 5 epochs in a row); training has stopped.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// Changes the learning rate mid-run without resetting anything (momentum, Adam's moments,
    /// weights and history carry on — TensorFlow Playground issue #4). Field `"lr"` on error.
    pub fn set_lr(&mut self, lr: f32) -> Result<(), ParamError> {
        validate_lr(lr)?;
        self.cfg.lr = lr;
        self.opt.set_lr(lr);
        Ok(())
    }

    /// The network being trained.
    pub fn mlp(&self) -> &Mlp {
        &self.mlp
    }

    /// The network, mutable: lets a learner edit a weight by hand (as TensorFlow Playground
    /// allows) and lets tests set known weights. Shape changes are impossible through `Mlp`.
    pub fn mlp_mut(&mut self) -> &mut Mlp {
        &mut self.mlp
    }

    /// The configuration (with the current learning rate).
    pub fn config(&self) -> &TrainConfig {
        &self.cfg
    }

    /// The output head in use.
    pub fn head(&self) -> Head {
        self.mlp.spec().head
    }

    /// The mini-batch size actually used (the configured one clamped to the training set).
    pub fn batch_size(&self) -> usize {
        self.batch
    }

    /// The optimiser (for its kind and current learning rate).
    pub fn optimizer(&self) -> &dyn Optimizer {
        self.opt.as_ref()
    }

    fn part(&self, role: Role) -> &Part {
        match role {
            Role::Train => &self.train,
            Role::Validation => &self.val,
            Role::Test => &self.test,
        }
    }

    /// Loss and accuracy (classification) or R² (regression) on one part of the split;
    /// NaN values if that part is empty.
    pub fn metrics(&mut self, role: Role) -> Metrics {
        let classify = self.problem == Problem::Classification;
        let part = match role {
            Role::Train => &self.train,
            Role::Validation => &self.val,
            Role::Test => &self.test,
        };
        let n = part.len();
        if n == 0 {
            return Metrics {
                loss: f32::NAN,
                accuracy: classify.then_some(f32::NAN),
                r2: (!classify).then_some(f32::NAN),
                count: 0,
            };
        }
        let (loss, correct) = self.mlp.evaluate(&part.x, &part.t, n);
        let r2 = if classify {
            None
        } else {
            self.mlp.predict(&part.x, n, &mut self.scratch);
            Some(r_squared(&self.scratch, &part.t))
        };
        Metrics { loss, accuracy: classify.then(|| correct as f32 / n as f32), r2, count: n }
    }

    /// Confusion matrix (row = true class, column = predicted) on one part of the split;
    /// `None` for regression. Binary heads give a 2 × 2 matrix.
    pub fn confusion(&mut self, role: Role) -> Option<ConfusionMatrix> {
        if self.problem != Problem::Classification {
            return None;
        }
        let head = self.head();
        let classes = self.classes;
        let part = match role {
            Role::Train => &self.train,
            Role::Validation => &self.val,
            Role::Test => &self.test,
        };
        self.mlp.predict_classes(&part.x, part.len(), &mut self.scratch_classes);
        let mut cm = ConfusionMatrix::new(classes);
        for (&p, &t) in self.scratch_classes.iter().zip(&part.t) {
            cm.add(target_class(head, t, classes), p);
        }
        Some(cm)
    }

    /// Number of training, validation and test rows.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.part(Role::Train).len(), self.part(Role::Validation).len(), self.part(Role::Test).len())
    }

    /// Values per grid cell / point: 1 for regression and binary heads, K for K classes.
    pub fn outputs_per_point(&self) -> usize {
        self.mlp.outputs()
    }

    /// Featurizes the res × res grid once per resolution.
    fn ensure_grid(&mut self, res: usize) {
        if self.grid_res == res {
            return;
        }
        featurize(&self.cfg.features, &plane_grid(res), &mut self.grid_x);
        self.grid_res = res;
    }

    /// Maps head-space outputs to the page's colour scales in place: binary heads give one
    /// signed score in [-1, 1] (tanh value, or 2p − 1 for sigmoid), K-class tanh gives
    /// (tanh + 1)/2, softmax probabilities and regression values stay as they are.
    fn to_display(head: Head, v: &mut [f32]) {
        match head {
            Head::Sigmoid => v.iter_mut().for_each(|p| *p = 2.0 * *p - 1.0),
            Head::TanhMulti => v.iter_mut().for_each(|o| *o = 0.5 * (*o + 1.0)),
            Head::Linear | Head::Tanh | Head::Softmax => {}
        }
    }

    /// Model output over a res×res grid of [-6,6]²: row 0 at the top (x2 = +6), column 0 at the
    /// left; cell centres x1 = -6 + 12(c+0.5)/res, x2 = 6 − 12(r+0.5)/res.
    /// out = res²×outputs_per_point interleaved. Binary heads give one signed score in [-1,1]
    /// (tanh value, or 2p−1 for sigmoid) so one colour scale fits; regression gives the value;
    /// K-class gives K probabilities (softmax) or (tanh+1)/2. `res` is clamped to
    /// [`MAX_GRID_RES`]. Allocation-free after the first call at a given resolution.
    pub fn predict_grid(&mut self, res: usize, out: &mut Vec<f32>) {
        let res = res.min(MAX_GRID_RES);
        self.ensure_grid(res);
        self.mlp.predict(&self.grid_x, res * res, out);
        Self::to_display(self.head(), out);
    }

    /// Rows `rows` of the grid of [`predict_grid`](Self::predict_grid), written into their place
    /// in `out` (resized to the whole grid if it has another size). Lets the page spread a large
    /// network's heatmap over several frames instead of stalling one.
    pub fn predict_grid_rows(&mut self, res: usize, rows: std::ops::Range<usize>, out: &mut Vec<f32>) {
        let res = res.min(MAX_GRID_RES);
        let k = self.outputs_per_point();
        if out.len() != res * res * k {
            out.clear();
            out.resize(res * res * k, 0.0);
        }
        let rows = rows.start.min(res)..rows.end.min(res);
        if rows.is_empty() {
            return;
        }
        self.ensure_grid(res);
        let d = self.cfg.features.len();
        let cells = rows.len() * res;
        let x = &self.grid_x[rows.start * res * d..rows.end * res * d];
        let mut scratch = std::mem::take(&mut self.scratch);
        self.mlp.predict(x, cells, &mut scratch);
        Self::to_display(self.head(), &mut scratch);
        out[rows.start * res * k..rows.end * res * k].copy_from_slice(&scratch[..cells * k]);
        self.scratch = scratch;
    }

    /// Every neuron's output over a res×res grid (same cell layout as
    /// [`predict_grid`](Self::predict_grid)): `layers[l][neuron]` = res² values, l = 0 the input
    /// features, last = the output layer (on the same scale as `predict_grid`, so the output
    /// neuron's thumbnail matches the big heatmap). Allocates its result.
    pub fn neuron_maps(&mut self, res: usize) -> Vec<Vec<Vec<f32>>> {
        let res = res.min(MAX_GRID_RES);
        self.ensure_grid(res);
        let cells = res * res;
        let sizes = self.mlp.layer_sizes();
        let mut acts = self.mlp.activations(&self.grid_x, cells);
        if let Some(last) = acts.last_mut() {
            Self::to_display(self.head(), last);
        }
        // Transpose each layer from cells × width (row per cell) to width × cells (map per neuron).
        acts.iter()
            .zip(&sizes)
            .map(|(a, &width)| {
                let mut maps = vec![Vec::with_capacity(cells); width];
                for row in a.chunks_exact(width) {
                    for (m, &v) in maps.iter_mut().zip(row) {
                        m.push(v);
                    }
                }
                maps
            })
            .collect()
    }

    /// Model output at one point, on the same scale as [`predict_grid`](Self::predict_grid)
    /// (`outputs_per_point` values).
    pub fn predict_point(&mut self, x1: f32, x2: f32) -> Vec<f32> {
        featurize(&self.cfg.features, &[x1, x2], &mut self.point_x);
        let mut out = Vec::with_capacity(self.outputs_per_point());
        self.mlp.predict(&self.point_x, 1, &mut out);
        Self::to_display(self.head(), &mut out);
        out
    }
}

impl Stepping for Trainer {
    /// One epoch ([`Trainer::step_epoch`]).
    fn step(&mut self) {
        if !self.diverged() {
            self.step_epoch();
        }
    }
    /// A trainer only ends by diverging; how long to train is the page's (or early stopping's) call.
    fn done(&self) -> bool {
        self.diverged()
    }
    /// Epochs trained; no total.
    fn progress(&self) -> stepping::Progress {
        stepping::Progress { done: self.epoch(), total: None }
    }
}
