//! # A fair race of optimizers: tune each one, then judge
//!
//! Comparing optimizers at one shared learning rate judges the rate, not the optimizer: plain
//! SGD at a rate tuned for Adam crawls, Adam at a rate tuned for SGD may diverge. The fair race
//! gives every optimizer the same network, data and seed and tries each at every rate of
//! [`FAIR_RATES`] (a log grid, ×≈3 per stop), and judges each by its **best** rate only:
//!
//! ```text
//! score(o) = min_{η ∈ FAIR_RATES} L_val(o, η)      after FAIR_EPOCHS epochs
//! ```
//!
//! where `L_val` is the validation cross-entropy of the Playground's network (two inputs, tanh
//! layers of 8 and 4) on 200 two-moons points with 20 % noise, split 60 / 40. A run that
//! diverges scores `∞`. One [`step`](Stepping::step) is one whole run (optimizer × rate), so a
//! page spreads the race over frames.

use crate::data::dataset::{generate, DataParams, Dataset, DatasetKind};
use crate::data::features::Feature;
use crate::data::split::Split;
use crate::error::ParamError;
use crate::nn::activation::Activation;
use crate::nn::loss::{Loss, Regularization};
use crate::optim::optimizers::OptimizerKind;
use crate::stepping::{Progress, Stepping};
use crate::train::trainer::{EpochOutcome, TrainConfig, Trainer};

/// The learning rates every optimizer tries.
pub const FAIR_RATES: [f32; 6] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
/// Epochs per run.
pub const FAIR_EPOCHS: usize = 40;

/// The race: its optimizers, each one's validation loss at every rate tried so far, and the
/// validation curve of each one's best rate.
#[derive(Debug, Clone)]
pub struct FairRace {
    /// The optimizers, each once, in the order given.
    pub kinds: Vec<OptimizerKind>,
    /// `results[optimizer][rate]`: final validation loss (`∞` if the run diverged), `None`
    /// until run.
    pub results: Vec<Vec<Option<f32>>>,
    /// Validation loss per epoch of each optimizer's best rate so far (empty until one finished).
    pub best_curves: Vec<Vec<f32>>,
    runs_done: usize,
    data: Dataset,
    split: Split,
}

/// The race's winner: the optimizer (index into `kinds`), its best rate and that rate's loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Winner {
    pub optimizer: usize,
    pub rate: f32,
    pub loss: f32,
}

impl FairRace {
    /// A race between `kinds` (repeats count once), nothing run yet.
    pub fn new(kinds: &[OptimizerKind]) -> Result<FairRace, ParamError> {
        let mut unique: Vec<OptimizerKind> = Vec::new();
        for &k in kinds {
            if !unique.contains(&k) {
                unique.push(k);
            }
        }
        if unique.is_empty() {
            return Err(ParamError::too_few("optimizers", 1, 0));
        }
        let data = generate(&DataParams { kind: DatasetKind::Moons, points: 200, noise: 0.2, seed: 7 })?;
        let split = Split::new(&data.split_keys, 60, 40)?;
        Ok(FairRace {
            results: vec![vec![None; FAIR_RATES.len()]; unique.len()],
            best_curves: vec![Vec::new(); unique.len()],
            kinds: unique,
            runs_done: 0,
            data,
            split,
        })
    }

    /// Runs in all: optimizers × rates.
    pub fn total(&self) -> usize {
        self.kinds.len() * FAIR_RATES.len()
    }

    /// Runs finished.
    pub fn runs_done(&self) -> usize {
        self.runs_done
    }

    /// `(rate index, loss)` of optimizer `i`'s best finished run that did not diverge.
    pub fn best(&self, i: usize) -> Option<(usize, f32)> {
        self.results
            .get(i)?
            .iter()
            .enumerate()
            .filter_map(|(j, r)| r.filter(|v| v.is_finite()).map(|v| (j, v)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// The optimizer whose best rate reached the lowest validation loss, once every run is done.
    pub fn winner(&self) -> Option<Winner> {
        if !self.done() {
            return None;
        }
        (0..self.kinds.len())
            .filter_map(|i| self.best(i).map(|(j, loss)| Winner { optimizer: i, rate: FAIR_RATES[j], loss }))
            .min_by(|a, b| a.loss.total_cmp(&b.loss))
    }

    /// The validation loss after [`FAIR_EPOCHS`] of `kind` at `lr`, with its curve; `∞` and no
    /// curve if it diverged or could not start.
    fn run(&self, kind: OptimizerKind, lr: f32) -> (f32, Vec<f32>) {
        let cfg = TrainConfig {
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![8, 4],
            activation: Activation::Tanh,
            loss: Loss::CrossEntropy,
            optimizer: kind,
            lr,
            batch: 10,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed: 3,
        };
        let Ok(mut t) = Trainer::new(&self.data, &self.split, &cfg) else { return (f32::INFINITY, Vec::new()) };
        for _ in 0..FAIR_EPOCHS {
            if t.step_epoch() == EpochOutcome::Diverged {
                return (f32::INFINITY, Vec::new());
            }
        }
        let curve = t.history().val_loss.clone();
        (curve.last().copied().filter(|v| v.is_finite()).unwrap_or(f32::INFINITY), curve)
    }
}

impl Stepping for FairRace {
    /// One run: the next rate of the current optimizer (optimizer by optimizer).
    fn step(&mut self) {
        if self.done() {
            return;
        }
        let (i, j) = (self.runs_done / FAIR_RATES.len(), self.runs_done % FAIR_RATES.len());
        let (loss, curve) = self.run(self.kinds[i], FAIR_RATES[j]);
        if loss.is_finite() && self.best(i).is_none_or(|(_, b)| loss < b) {
            self.best_curves[i] = curve;
        }
        self.results[i][j] = Some(loss);
        self.runs_done += 1;
    }
    fn done(&self) -> bool {
        self.runs_done >= self.total()
    }
    fn progress(&self) -> Progress {
        Progress { done: self.runs_done, total: Some(self.total()) }
    }
}
