//! # Early stopping
//!
//! A flexible network trained for long enough starts to fit the noise of its training points:
//! the training loss keeps falling while the validation loss, after falling, turns upward.
//! **Early stopping** watches the validation loss `Vₑ` after every epoch `e` and
//!
//! ```text
//! best epoch  e* = argminₑ Vₑ            (the first one on a tie)
//! improvement     Vₑ < V_{e*} − min_delta (strictly)
//! stop            when the last `patience` epochs brought no improvement: e − e* ≥ patience
//! ```
//!
//! and keeps a copy of the parameters at `e*`, so training can be rolled back to the best
//! model instead of ending on the overfitted last one. The *patience* is the price of noise:
//! validation curves wiggle, and stopping at the first uptick would stop far too early.
//! Early stopping works as a regulariser — the number of epochs limits how far the weights can
//! travel from their small initial values, much like an L2 penalty limits their size.
//!
//! A NaN validation loss (no validation points) is never an improvement; without any finite
//! loss there is no best epoch, and early stopping never asks to stop.
//!
//! [`EarlyStopRun`] is the whole loop a page animates: a [`Trainer`] and an [`EarlyStopping`]
//! stepped one epoch at a time until the rule fires, the run diverges or `max_epochs` is
//! reached, with the rollback to the best epoch.

use crate::error::ParamError;
use crate::stepping::{Progress, Stepping};
use crate::train::trainer::{EpochOutcome, Trainer};

/// Largest patience accepted.
pub const MAX_PATIENCE: usize = 10_000;

/// Tracks the best validation loss of a run and when to stop (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct EarlyStopping {
    patience: usize,
    min_delta: f32,
    /// Epoch of the latest observation; `None` before the first.
    last_epoch: Option<usize>,
    best_epoch: Option<usize>,
    best_loss: f32,
    /// Parameters at the best epoch (empty until parameters are observed).
    best_params: Vec<f32>,
    /// Whether `best_params` belong to `best_epoch` (false if the best came from `observe`).
    params_valid: bool,
}

impl EarlyStopping {
    /// Stop after `patience` epochs without improvement (`1..=10000`; field `"patience"`).
    pub fn new(patience: usize) -> Result<EarlyStopping, ParamError> {
        if !(1..=MAX_PATIENCE).contains(&patience) {
            return Err(ParamError::out_of_range("patience", 1.0, MAX_PATIENCE as f64, patience as f64));
        }
        Ok(EarlyStopping {
            patience,
            min_delta: 0.0,
            last_epoch: None,
            best_epoch: None,
            best_loss: f32::INFINITY,
            best_params: Vec::new(),
            params_valid: false,
        })
    }

    /// Only a fall of more than `min_delta` counts as an improvement (`≥ 0`, finite; field
    /// `"min_delta"`). Default 0: any strict fall counts.
    pub fn with_min_delta(mut self, min_delta: f32) -> Result<EarlyStopping, ParamError> {
        if !(min_delta >= 0.0 && min_delta.is_finite()) {
            return Err(if min_delta.is_finite() {
                ParamError::at_least("min_delta", 0.0, min_delta.into())
            } else {
                ParamError::not_finite("min_delta", min_delta.into())
            });
        }
        self.min_delta = min_delta;
        Ok(self)
    }

    /// The patience in epochs.
    pub fn patience(&self) -> usize {
        self.patience
    }

    /// Forgets everything observed (keeps the patience, min_delta and the buffer's memory).
    pub fn reset(&mut self) {
        self.last_epoch = None;
        self.best_epoch = None;
        self.best_loss = f32::INFINITY;
        self.params_valid = false;
    }

    /// The core rule: records epoch `epoch` with validation loss `loss`; true if it is the new
    /// best.
    fn update(&mut self, epoch: usize, loss: f32) -> bool {
        self.last_epoch = Some(epoch);
        // `best_loss` starts at +∞, so the first finite loss is always an improvement.
        let improved = loss.is_finite() && (self.best_epoch.is_none() || loss < self.best_loss - self.min_delta);
        if improved {
            self.best_epoch = Some(epoch);
            self.best_loss = loss;
        }
        improved
    }

    /// Feeds the next epoch's validation loss; epochs are numbered 0, 1, 2… in feeding order.
    /// Returns true if it is the new best. No parameters are kept (see
    /// [`observe_params`](Self::observe_params)).
    pub fn observe(&mut self, val_loss: f32) -> bool {
        let epoch = self.last_epoch.map_or(0, |e| e + 1);
        let improved = self.update(epoch, val_loss);
        if improved {
            self.params_valid = false;
        }
        improved
    }

    /// Like [`observe`](Self::observe), and copies `params` when the epoch is the new best
    /// (no allocation once the buffer has the parameters' size).
    pub fn observe_params(&mut self, val_loss: f32, params: &[f32]) -> bool {
        let epoch = self.last_epoch.map_or(0, |e| e + 1);
        self.observe_at(epoch, val_loss, params)
    }

    fn observe_at(&mut self, epoch: usize, val_loss: f32, params: &[f32]) -> bool {
        let improved = self.update(epoch, val_loss);
        if improved {
            self.best_params.clear();
            self.best_params.extend_from_slice(params);
            self.params_valid = true;
        }
        improved
    }

    /// Reads the trainer's latest history entry: epoch [`Trainer::epoch`] (0 = before any
    /// training), its validation loss, and `trainer.mlp().params()` if it is the new best. Call
    /// it once after `Trainer::new` and after every completed epoch. Returns true on a new best.
    pub fn observe_trainer(&mut self, trainer: &Trainer) -> bool {
        let loss = trainer.history().val_loss.last().copied().unwrap_or(f32::NAN);
        self.observe_at(trainer.epoch(), loss, trainer.mlp().params())
    }

    /// True when the last `patience` epochs brought no improvement on the best.
    pub fn should_stop(&self) -> bool {
        match (self.best_epoch, self.last_epoch) {
            (Some(best), Some(last)) => last.saturating_sub(best) >= self.patience,
            _ => false,
        }
    }

    /// Epochs since the best one (0 right after an improvement, or before any).
    pub fn epochs_since_best(&self) -> usize {
        match (self.best_epoch, self.last_epoch) {
            (Some(best), Some(last)) => last.saturating_sub(best),
            _ => 0,
        }
    }

    /// The epoch with the lowest validation loss so far.
    pub fn best_epoch(&self) -> Option<usize> {
        self.best_epoch
    }

    /// The lowest validation loss so far (+∞ before any finite one).
    pub fn best_loss(&self) -> f32 {
        self.best_loss
    }

    /// The parameters of the best epoch, if they were observed with it.
    pub fn best_params(&self) -> Option<&[f32]> {
        self.params_valid.then_some(self.best_params.as_slice())
    }

    /// Writes the best parameters back into the trainer's network (`mlp_mut().params_mut()`).
    /// The history is not touched: it still shows the epochs after the best.
    ///
    /// Errors: field `"params"` when no parameters were kept yet, or they belong to a network of
    /// another size.
    pub fn restore(&self, trainer: &mut Trainer) -> Result<(), ParamError> {
        let best = self.best_params().ok_or_else(|| ParamError::unsupported("params"))?;
        let target = trainer.mlp_mut().params_mut();
        if target.len() != best.len() {
            return Err(ParamError::length_mismatch("params", target.len(), best.len()));
        }
        target.copy_from_slice(best);
        Ok(())
    }
}

/// Training with early stopping, one epoch per step (see the module docs): after every epoch
/// the validation loss is observed, and the run ends at the epoch where
/// [`EarlyStopping::should_stop`] first holds, where the trainer diverges, or when it would
/// go past `max_epochs`. [`restore_best`](Self::restore_best) rolls the network back to the
/// best epoch and ends the run too.
#[derive(Debug, Clone)]
pub struct EarlyStopRun {
    trainer: Trainer,
    stopper: EarlyStopping,
    max_epochs: usize,
    stopped_at: Option<usize>,
    restored: bool,
}

impl EarlyStopRun {
    /// Starts a run: `stopper` observes the untrained network as epoch 0 (its loss can be the
    /// best one).
    pub fn new(trainer: Trainer, mut stopper: EarlyStopping, max_epochs: usize) -> EarlyStopRun {
        stopper.observe_trainer(&trainer);
        EarlyStopRun { trainer, stopper, max_epochs, stopped_at: None, restored: false }
    }

    /// One epoch: trains it and observes it. At `max_epochs`, or when the trainer diverges,
    /// nothing is trained and the run stops at the current epoch; when the patience runs out
    /// it stops after this epoch. Does nothing once the run is over.
    pub fn step_epoch(&mut self) {
        if self.is_over() {
            return;
        }
        let t = &mut self.trainer;
        if t.epoch() >= self.max_epochs || t.step_epoch() == EpochOutcome::Diverged {
            self.stopped_at = Some(t.epoch());
            return;
        }
        self.stopper.observe_trainer(t);
        if self.stopper.should_stop() {
            self.stopped_at = Some(t.epoch());
        }
    }

    /// Up to `epochs` epochs of [`step_epoch`](Self::step_epoch), ending early at the stop.
    /// Returns false when the run is over (stopped, diverged, at `max_epochs` or restored).
    pub fn train_epochs(&mut self, epochs: usize) -> bool {
        for _ in 0..epochs {
            if self.is_over() {
                break;
            }
            self.step_epoch();
        }
        !self.is_over()
    }

    /// Puts the best epoch's parameters back into the network ([`EarlyStopping::restore`]);
    /// the run is then over. Errors as `restore` (nothing kept yet), leaving the run as it was.
    pub fn restore_best(&mut self) -> Result<(), ParamError> {
        self.stopper.restore(&mut self.trainer)?;
        self.restored = true;
        Ok(())
    }

    /// The run is over: stopped (by the rule, divergence or `max_epochs`) or restored.
    pub fn is_over(&self) -> bool {
        self.stopped_at.is_some() || self.restored
    }

    /// The trainer (history, predictions).
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The trainer, for queries that need scratch space (`predict_point`, `metrics`).
    pub fn trainer_mut(&mut self) -> &mut Trainer {
        &mut self.trainer
    }

    /// The early-stopping rule and what it has seen (best epoch, best loss).
    pub fn stopper(&self) -> &EarlyStopping {
        &self.stopper
    }

    /// The epoch the run stopped at, if it has stopped.
    pub fn stopped_at(&self) -> Option<usize> {
        self.stopped_at
    }

    /// Whether the best parameters were put back.
    pub fn restored(&self) -> bool {
        self.restored
    }

    /// The most epochs the run trains.
    pub fn max_epochs(&self) -> usize {
        self.max_epochs
    }
}

impl Stepping for EarlyStopRun {
    /// One epoch ([`EarlyStopRun::step_epoch`]).
    fn step(&mut self) {
        self.step_epoch();
    }
    fn done(&self) -> bool {
        self.is_over()
    }
    /// Epochs trained, out of at most `max_epochs`.
    fn progress(&self) -> Progress {
        Progress { done: self.trainer.epoch(), total: Some(self.max_epochs) }
    }
}
