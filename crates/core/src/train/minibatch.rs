//! # The parts every mini-batch trainer of the engine shares
//!
//! The CNN, sequence and later labs train the same way; only the model differs. What they
//! share lives here:
//!
//! - [`BatchOrder`]: the training rows in an order reshuffled at every epoch's start, cut into
//!   mini-batches of `b` (the last one smaller): `⌈n/b⌉` steps an epoch;
//! - [`PendingEpoch`]: the end-of-epoch measurement (loss and accuracy on the training rows,
//!   then on the validation rows) spread over steps, a chunk of rows at a time; every chunk's
//!   summed loss is added in f64 in row order, so spreading it or doing it at once gives the
//!   same bits;
//! - [`DivergenceGuard`]: the Playground's rules ([`crate::train::trainer`]) — a batch loss that
//!   is not finite or exceeds `10⁶·max(1, L₀)` (the parameters go back to the last good step),
//!   or an epoch's training loss above `1.5·L₀` five epochs in a row, stops the run;
//! - [`TrainSettings`] (split shares and seed, optimiser, rate, batch, clipping, seed) and its
//!   checks, [`EpochTrainer`] (what the page asks of such a trainer) and [`UpTo`] (a run, and
//!   a rival beside it, stopped at an epoch limit).

use super::trainer::{History, DIVERGENCE_FACTOR, RUNAWAY_EPOCHS, RUNAWAY_FACTOR};
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::optim::optimizers::{validate_lr, OptimizerKind};
use crate::rng::{streams, Rng};
use crate::stepping::{Progress, Stepping};
use crate::tensor::params::validate_clip;

/// Epochs of history reserved up front: no allocation at an epoch's end before this many.
pub const HISTORY_RESERVE: usize = 1024;

/// A history with room for [`HISTORY_RESERVE`] epochs.
pub fn empty_history() -> History {
    let room = || Vec::with_capacity(HISTORY_RESERVE);
    History { train_loss: room(), val_loss: room(), train_acc: room(), val_acc: room() }
}

/// Appends one epoch's figures to `history`.
pub fn record(history: &mut History, (train_loss, train_acc): (f32, f32), (val_loss, val_acc): (f32, f32)) {
    history.train_loss.push(train_loss);
    history.train_acc.push(train_acc);
    history.val_loss.push(val_loss);
    history.val_acc.push(val_acc);
}

/// The training rows in this epoch's order and where the next mini-batch starts.
#[derive(Debug, Clone)]
pub struct BatchOrder {
    order: Vec<usize>,
    /// Where the next mini-batch starts in `order`; 0 = at an epoch boundary.
    cursor: usize,
    batch: usize,
    rng: Rng,
}

impl BatchOrder {
    /// Mini-batches of `batch` (at least 1) over `rows`, shuffled by `rng` at each epoch's start.
    pub fn new(rows: Vec<usize>, batch: usize, rng: Rng) -> BatchOrder {
        BatchOrder { order: rows, cursor: 0, batch: batch.max(1), rng }
    }

    /// The rows of the next mini-batch (the order is reshuffled first at an epoch's start).
    /// [`advance`](Self::advance) moves past them.
    pub fn next_batch(&mut self) -> &[usize] {
        if self.cursor == 0 {
            self.rng.shuffle(&mut self.order);
        }
        &self.order[self.cursor..self.end()]
    }

    fn end(&self) -> usize {
        (self.cursor + self.batch).min(self.order.len())
    }

    /// Moves past the mini-batch [`next_batch`](Self::next_batch) gave; `true` when it ended an epoch.
    pub fn advance(&mut self) -> bool {
        let end = self.end();
        self.cursor = if end >= self.order.len() { 0 } else { end };
        self.cursor == 0
    }

    /// At an epoch's boundary.
    pub fn at_start(&self) -> bool {
        self.cursor == 0
    }

    /// The share of the epoch's rows already trained on.
    pub fn progress(&self) -> f32 {
        self.cursor as f32 / self.order.len().max(1) as f32
    }

    /// Mini-batches in an epoch, `⌈rows / batch⌉`.
    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.batch)
    }

    /// The mini-batch size.
    pub fn batch(&self) -> usize {
        self.batch
    }
}

/// A part's sums: loss summed over its rows (f64, chunk by chunk), the rows answered right, a
/// second count a model may keep (the attention lab's answer tokens right), and the rows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Sums {
    pub loss: f64,
    pub correct: usize,
    pub also: usize,
    pub rows: usize,
}

impl Sums {
    /// A chunk's sums: summed loss and correct rows over `rows` rows.
    pub fn of(loss: f64, correct: usize, rows: usize) -> Sums {
        Sums { loss, correct, also: 0, rows }
    }

    /// Mean loss and accuracy (`(NaN, NaN)` for no rows); `classes: false` gives NaN accuracy
    /// (a regression has none).
    pub fn means(&self, classes: bool) -> (f32, f32) {
        if self.rows == 0 {
            return (f32::NAN, f32::NAN);
        }
        // Accuracy as an f32 quotient (the CNN lab's figures have always been computed so).
        let acc = if classes { self.correct as f32 / self.rows as f32 } else { f32::NAN };
        ((self.loss / self.rows as f64) as f32, acc)
    }
}

/// An end-of-epoch measurement under way: the training rows first, then the validation rows,
/// `chunk` rows at a time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PendingEpoch {
    /// `false`: measuring the training rows; `true`: the validation rows.
    validation: bool,
    /// The current part's sums so far.
    sums: Sums,
    /// The training part's sums, once measured.
    train: Option<Sums>,
}

impl Default for PendingEpoch {
    fn default() -> Self {
        PendingEpoch::new()
    }
}

impl PendingEpoch {
    pub fn new() -> PendingEpoch {
        PendingEpoch { validation: false, sums: Sums::default(), train: None }
    }

    /// Measures the next `chunk` rows of the part under way with `measure` (which returns the
    /// chunk's sums); once both parts are done, their sums (training, validation).
    pub fn step(&mut self, (train, val): (&[usize], &[usize]), chunk: usize, mut measure: impl FnMut(&[usize]) -> Sums) -> Option<(Sums, Sums)> {
        // No training rows to measure (a trainer that takes its training loss from the batches):
        // this step goes to the validation rows already.
        if !self.validation && train.is_empty() {
            *self = PendingEpoch { validation: true, sums: Sums::default(), train: Some(Sums::default()) };
        }
        let rows = if self.validation { val } else { train };
        let end = (self.sums.rows + chunk.max(1)).min(rows.len());
        if end > self.sums.rows {
            let part = measure(&rows[self.sums.rows..end]);
            self.sums.loss += part.loss;
            self.sums.correct += part.correct;
            self.sums.also += part.also;
            self.sums.rows = end;
        }
        if self.sums.rows < rows.len() {
            return None;
        }
        if !self.validation {
            *self = PendingEpoch { validation: true, sums: Sums::default(), train: Some(self.sums) };
            // An empty validation part is done at once.
            return if val.is_empty() { Some((self.train.unwrap_or_default(), Sums::default())) } else { None };
        }
        Some((self.train.unwrap_or_default(), self.sums))
    }
}

/// The divergence rules of the module docs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DivergenceGuard {
    loss_limit: f32,
    epochs_above: u32,
}

impl Default for DivergenceGuard {
    fn default() -> Self {
        DivergenceGuard { loss_limit: f32::INFINITY, epochs_above: 0 }
    }
}

impl DivergenceGuard {
    /// The limit `10⁶·max(1, L₀)` from the untrained model's training loss (1 if not finite).
    pub fn from_start(initial_loss: f32) -> DivergenceGuard {
        let base = if initial_loss.is_finite() { initial_loss.max(1.0) } else { 1.0 };
        DivergenceGuard { loss_limit: DIVERGENCE_FACTOR * base, epochs_above: 0 }
    }

    /// A batch loss that does not count as divergence: finite and within the limit.
    pub fn acceptable(&self, loss: f32) -> bool {
        loss.is_finite() && loss <= self.loss_limit
    }

    /// Whether an epoch's measurement counts: its training loss acceptable, and its validation
    /// loss (when there are validation rows) finite. If not, the run has diverged.
    pub fn epoch_acceptable(&self, train_loss: f32, val_loss: Option<f32>) -> bool {
        self.acceptable(train_loss) && val_loss.is_none_or(f32::is_finite)
    }

    /// After a recorded epoch with training loss `train_loss` (`initial`: before training):
    /// whether it is the fifth in a row above `1.5·L₀`, which stops the run.
    pub fn runaway(&mut self, train_loss: f32, initial: f32) -> bool {
        self.epochs_above = if train_loss > RUNAWAY_FACTOR * initial.max(1e-3) { self.epochs_above + 1 } else { 0 };
        self.epochs_above >= RUNAWAY_EPOCHS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_every_row_once_an_epoch_the_last_one_smaller() {
        let mut order = BatchOrder::new((0..10).collect(), 4, Rng::new(1));
        assert_eq!(order.batches_per_epoch(), 3);
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        loop {
            let rows = order.next_batch().to_vec();
            sizes.push(rows.len());
            seen.extend(rows);
            if order.advance() {
                break;
            }
        }
        assert_eq!(sizes, [4, 4, 2]);
        seen.sort_unstable();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
        assert!(order.at_start());
    }

    #[test]
    fn a_spread_measurement_adds_the_same_chunks() {
        // Rows 0..5 train, 5..8 validation; each row's loss is its index, correct when even.
        let measure = |rows: &[usize]| Sums::of(rows.iter().map(|&r| r as f64).sum(), rows.iter().filter(|&&r| r % 2 == 0).count(), rows.len());
        let (train, val): (Vec<usize>, Vec<usize>) = ((0..5).collect(), (5..8).collect());
        let mut p = PendingEpoch::new();
        let mut steps = 0;
        let done = loop {
            steps += 1;
            if let Some(d) = p.step((&train, &val), 2, measure) {
                break d;
            }
        };
        // 3 chunks of training (2, 2, 1) and 2 of validation (2, 1).
        assert_eq!(steps, 5);
        // Training: loss 0+1+2+3+4 = 10 over 5 → 2; correct 0, 2, 4 → 3/5.
        assert_eq!(done.0.means(true), (2.0, 0.6));
        // Validation: 5+6+7 = 18 over 3 → 6; correct 6 → 1/3.
        assert_eq!(done.1.means(true), (6.0, 1.0 / 3.0));
        assert!(done.1.means(false).1.is_nan(), "no accuracy for a regression");
        // No validation rows: done right after the training part, NaN for validation.
        let mut p = PendingEpoch::new();
        let done = p.step((&train, &[]), 10, measure).unwrap();
        assert!(done.1.means(true).0.is_nan());
    }

    #[test]
    fn the_guard_stops_blow_ups_and_runaways() {
        let mut g = DivergenceGuard::from_start(2.0);
        assert!(g.acceptable(1.9e6) && !g.acceptable(2.1e6) && !g.acceptable(f32::NAN));
        assert!(!g.epoch_acceptable(1.0, Some(f32::NAN)), "a NaN validation loss");
        assert!(!g.epoch_acceptable(3e6, None) && g.epoch_acceptable(1.0, None));
        // Above 1.5 · 2 = 3 for five epochs in a row: the fifth stops; a good epoch resets.
        for _ in 0..4 {
            assert!(!g.runaway(3.5, 2.0));
        }
        assert!(!g.runaway(1.0, 2.0));
        for _ in 0..4 {
            assert!(!g.runaway(3.5, 2.0));
        }
        assert!(g.runaway(3.5, 2.0));
    }
}

/// How an engine trainer (sequence, attention, language) splits its rows and trains.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainSettings {
    /// Share of the rows used for training, 1–100 %.
    pub train_pct: u32,
    /// Share for validation, 0–(100 − train) %; the test set gets the rest.
    pub val_pct: u32,
    /// Seed of the split keys (kept apart from `seed`: a new model keeps its data).
    pub split_seed: u64,
    pub optimizer: OptimizerKind,
    /// Learning rate, `1e-6..=10`.
    pub lr: f32,
    /// Mini-batch size, `1..=max_batch` (clamped to the number of training rows).
    pub batch: usize,
    /// Clip the gradient's norm to this (`None`: no clipping).
    pub clip: Option<f32>,
    /// Seed of the initial weights and the batch order.
    pub seed: u64,
}

impl Default for TrainSettings {
    /// 60/20/20 split, Adam at 0.01, batches of 32, clipping at 1, seeds 1.
    fn default() -> TrainSettings {
        TrainSettings { train_pct: 60, val_pct: 20, split_seed: 1, optimizer: OptimizerKind::Adam, lr: 0.01, batch: 32, clip: Some(1.0), seed: 1 }
    }
}

impl TrainSettings {
    /// Checks the learning rate, the batch (`1..=max_batch`) and the clipping threshold, then
    /// splits `rows` rows three ways by keys drawn from `split_seed`.
    ///
    /// Errors (field): `"data"` (no rows), `"train"`/`"val"` (shares), `"lr"`, `"batch"`, `"clip"`.
    pub fn split_checked(&self, rows: usize, max_batch: usize) -> Result<Split, ParamError> {
        if rows == 0 {
            return Err(ParamError::too_few("data", 1, 0));
        }
        let mut keys_rng = Rng::stream(self.split_seed, streams::SPLIT);
        let keys: Vec<f32> = (0..rows).map(|_| keys_rng.next_f32()).collect();
        let split = Split::new(&keys, self.train_pct, self.val_pct)?;
        validate_lr(self.lr)?;
        ParamError::check_range("batch", 1.0, max_batch as f64, self.batch as f64)?;
        if let Some(c) = self.clip {
            validate_clip(c)?;
        }
        Ok(split)
    }
}

/// What the page asks of every engine trainer that trains epoch by epoch in mini-batches (the
/// CNN, sequence and attention trainers): the unit of [`Stepping::step`] is a mini-batch or a
/// chunk of the end-of-epoch measurement.
pub trait EpochTrainer: Stepping {
    /// Epochs completed.
    fn epoch(&self) -> usize;
    /// How far into the current epoch, 0–1.
    fn epoch_progress(&self) -> f32;
    /// Steps of [`Stepping::step`] in one epoch: its mini-batches and its measuring chunks.
    fn steps_per_epoch(&self) -> usize;
    /// One mini-batch (and, at an epoch's end, its whole measurement).
    fn step_batch(&mut self);
    /// A new learning rate for the running optimiser.
    fn set_lr(&mut self, lr: f32) -> Result<(), ParamError>;
    /// The run stopped on divergence.
    fn diverged(&self) -> bool;
    /// (Mean loss, accuracy) on a part of the split.
    fn evaluate(&mut self, role: Role) -> (f32, f32);
    fn split(&self) -> &Split;
    fn history(&self) -> &History;
    fn batches_trained(&self) -> usize;
}

/// Implements [`EpochTrainer`] for a trainer whose inherent methods carry the same names, and
/// whose measuring chunk is `$chunk` rows.
macro_rules! epoch_trainer {
    // A trainer that counts its own steps (`<$t>::steps_per_epoch`).
    ($t:ty) => {
        $crate::train::minibatch::epoch_trainer!(@impl $t, |t: &$t| <$t>::steps_per_epoch(t));
    };
    // A trainer measuring `$chunk` rows a step.
    ($t:ty, $chunk:expr) => {
        $crate::train::minibatch::epoch_trainer!(@impl $t, |t: &$t| {
            let (train, val, _) = <$t>::split(t).counts();
            <$t>::batches_per_epoch(t) + train.div_ceil($chunk) + val.div_ceil($chunk)
        });
    };
    (@impl $t:ty, $steps:expr) => {
        impl $crate::train::minibatch::EpochTrainer for $t {
            fn epoch(&self) -> usize {
                <$t>::epoch(self)
            }
            fn epoch_progress(&self) -> f32 {
                <$t>::epoch_progress(self)
            }
            fn steps_per_epoch(&self) -> usize {
                ($steps)(self)
            }
            fn step_batch(&mut self) {
                <$t>::step_batch(self)
            }
            fn set_lr(&mut self, lr: f32) -> Result<(), $crate::error::ParamError> {
                <$t>::set_lr(self, lr)
            }
            fn diverged(&self) -> bool {
                <$t>::diverged(self)
            }
            fn evaluate(&mut self, role: $crate::data::split::Role) -> (f32, f32) {
                <$t>::evaluate(self, role)
            }
            fn split(&self) -> &$crate::data::split::Split {
                <$t>::split(self)
            }
            fn history(&self) -> &$crate::train::trainer::History {
                <$t>::history(self)
            }
            fn batches_trained(&self) -> usize {
                <$t>::batches_trained(self)
            }
        }
    };
}
pub(crate) use epoch_trainer;

/// A run and, optionally, a rival trained beside it as one [`Stepping`], each stopping at
/// `epochs` completed epochs (0: never). A unit is a step of each, so the two keep in step.
pub struct UpTo<'a, T: EpochTrainer> {
    pub main: &'a mut T,
    pub rival: Option<&'a mut T>,
    pub epochs: usize,
}

impl<T: EpochTrainer> UpTo<'_, T> {
    fn reached(epochs: usize, t: &T) -> bool {
        t.done() || (epochs > 0 && t.epoch() >= epochs)
    }
}

impl<T: EpochTrainer> Stepping for UpTo<'_, T> {
    fn step(&mut self) {
        let epochs = self.epochs;
        if !Self::reached(epochs, self.main) {
            self.main.step();
        }
        if let Some(r) = self.rival.as_deref_mut() {
            if !Self::reached(epochs, r) {
                r.step();
            }
        }
    }
    fn done(&self) -> bool {
        Self::reached(self.epochs, self.main) && self.rival.as_deref().is_none_or(|r| Self::reached(self.epochs, r))
    }
    fn progress(&self) -> Progress {
        self.main.progress()
    }
}
