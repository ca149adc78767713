//! # Transfer learning: filters learned on some digits help with others
//!
//! A CNN's first filters find strokes, edges and corners — features of handwriting, not of one
//! digit. So a network trained on the digits **0–4** (the *source* task) already holds useful
//! filters for **5–9** (the *target* task), and the target can be learned from only `k`
//! examples per class:
//!
//! ```text
//! source:       train the whole CNN on 0–4                       (θ_conv, θ_read-out)
//! from scratch: train a fresh CNN on k examples of each of 5–9
//! transferred:  copy θ_conv from the source and freeze it (its values put back after each step),
//!               train only a fresh read-out on the same k examples
//! fine-tuned:   copy θ_conv from the source, train everything on the same k examples
//! ```
//!
//! The three target networks start from the same seed — the same read-out weights — so the
//! only difference is where the convolution filters come from and whether they may move. All
//! are measured every epoch on every other 5–9 image (the target's validation set), and the
//! page draws the curves.
//!
//! Whether transfer wins is an experiment, not a promise. Measured on these tiny 8 × 8 images
//! (source 10 epochs, target 30, `tests/cnn_transfer.rs` prints the default run): with the
//! default CNN (8 filters, 80 parameters, before a 1,290-parameter read-out) the copied filters
//! give a head start — 80 % against 71 % validation accuracy after 5 epochs from 5 examples per
//! class — but all three end near 91 %: most of what this network learns sits in the read-out,
//! which no copy brings. With two convolution layers, filters tuned to 0–4 do *worse* than fresh
//! random ones (frozen: 79 % against 91 %), and fine-tuning recovers part of the gap. Transfer
//! pays when the source task is large and the features general (ImageNet filters for photos);
//! the lab lets a learner find where it does and does not.
//!
//! The engine knows no freezing: [`CnnTrainer::freeze_convolutions`] puts the frozen values
//! back after every optimiser step.
//!
//! The target's `k` training images per class are the first `k` of that class in the order of
//! the split keys (the seed's `SPLIT` stream), so the same seed picks the same examples.

use crate::data::digits::{Digits, CLASSES};
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::stepping::{Progress, Stepping};

use super::model::CnnSpec;
use super::trainer::{check_digits, CnnTrainer, TrainSettings};

/// The source task is digits below this one; the target task the rest.
pub const FIRST_TARGET_DIGIT: u8 = 5;
/// Most examples per target class.
pub const MAX_PER_CLASS: usize = 100;
/// Most epochs of either phase.
pub const MAX_EPOCHS: usize = 200;

/// What to run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransferSettings {
    pub spec: CnnSpec,
    /// Split shares and seed (of the source task), optimiser, learning rate, batch, seed.
    pub train: TrainSettings,
    /// Training images per target class, 1–100.
    pub per_class: usize,
    /// Epochs on the source task, 1–200.
    pub source_epochs: usize,
    /// Epochs on the target task, 1–200.
    pub target_epochs: usize,
}

impl Default for TransferSettings {
    /// The lab's default: the default CNN, 10 source epochs, 5 examples per class, 30 target epochs.
    fn default() -> TransferSettings {
        TransferSettings { spec: CnnSpec::default(), train: TrainSettings::default(), per_class: 5, source_epochs: 10, target_epochs: 30 }
    }
}

/// Which phase a [`TransferRun`] is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Training on the source digits.
    Source,
    /// Training both target networks, a mini-batch of each per step.
    Target,
    /// Both target networks trained their epochs (or diverged).
    Finished,
}

/// The split of the target task: per class the first `per_class` images by split key train,
/// every other target image validates; source images take no part.
fn target_split(digits: &Digits, keys: &[f32], per_class: usize) -> Split {
    let n = digits.len();
    let mut order: Vec<usize> = (0..n).collect();
    // Stable: equal keys keep index order.
    order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
    let mut taken = [0usize; CLASSES];
    let mut roles = vec![Role::Test; n];
    for i in order {
        let label = digits.labels[i];
        if label < FIRST_TARGET_DIGIT {
            continue;
        }
        let t = &mut taken[usize::from(label)];
        roles[i] = if *t < per_class { Role::Train } else { Role::Validation };
        *t += 1;
    }
    let pick = |role| (0..n).filter(|&i| roles[i] == role).collect();
    Split { train: pick(Role::Train), val: pick(Role::Validation), test: pick(Role::Test), roles }
}

/// The source task's split: the site's usual split by keys and shares, then the target digits
/// dropped from all three parts.
fn source_split(digits: &Digits, keys: &[f32], train_pct: u32, val_pct: u32) -> Result<Split, ParamError> {
    let mut s = Split::new(keys, train_pct, val_pct)?;
    let source = |i: &usize| digits.labels[*i] < FIRST_TARGET_DIGIT;
    s.train.retain(source);
    s.val.retain(source);
    s.test.retain(source);
    Ok(s)
}

/// A transfer-learning experiment in progress (see the module docs); a [`Stepping`] unit is one
/// mini-batch (of each target network, in the target phase).
#[derive(Debug, Clone)]
pub struct TransferRun {
    settings: TransferSettings,
    digits: Digits,
    source: CnnTrainer,
    scratch: CnnTrainer,
    /// Built when the source phase ends (they need the source's filters).
    transferred: Option<CnnTrainer>,
    fine_tuned: Option<CnnTrainer>,
    target: Split,
}

impl TransferRun {
    /// Errors (field): `"per_class"` (1–100), `"source_epochs"`, `"target_epochs"` (1–200), and
    /// those of [`CnnTrainer::new`].
    pub fn new(digits: &Digits, settings: &TransferSettings) -> Result<TransferRun, ParamError> {
        ParamError::check_range("per_class", 1.0, MAX_PER_CLASS as f64, settings.per_class as f64)?;
        ParamError::check_range("source_epochs", 1.0, MAX_EPOCHS as f64, settings.source_epochs as f64)?;
        ParamError::check_range("target_epochs", 1.0, MAX_EPOCHS as f64, settings.target_epochs as f64)?;
        check_digits(digits)?;
        let keys = digits.split_keys(settings.train.split_seed);
        let s = &settings.train;
        let source = CnnTrainer::with_split(digits, source_split(digits, &keys, s.train_pct, s.val_pct)?, settings.spec, s)?;
        let target = target_split(digits, &keys, settings.per_class);
        let scratch = CnnTrainer::with_split(digits, target.clone(), settings.spec, s)?;
        Ok(TransferRun { settings: *settings, digits: digits.clone(), source, scratch, transferred: None, fine_tuned: None, target })
    }

    pub fn phase(&self) -> Phase {
        if self.transferred.is_none() {
            Phase::Source
        } else if self.target_runs().all(|t| self.target_done(t)) {
            Phase::Finished
        } else {
            Phase::Target
        }
    }

    fn target_done(&self, t: &CnnTrainer) -> bool {
        t.diverged() || t.epoch() >= self.settings.target_epochs
    }

    /// The network trained on the source digits.
    pub fn source(&self) -> &CnnTrainer {
        &self.source
    }
    /// The target network trained from scratch.
    pub fn scratch(&self) -> &CnnTrainer {
        &self.scratch
    }
    /// The target network with the source's filters, frozen (`None` during the source phase).
    pub fn transferred(&self) -> Option<&CnnTrainer> {
        self.transferred.as_ref()
    }
    /// The target network with the source's filters, trained further (`None` during the
    /// source phase).
    pub fn fine_tuned(&self) -> Option<&CnnTrainer> {
        self.fine_tuned.as_ref()
    }
    /// The target networks built so far: from scratch, then transferred and fine-tuned.
    fn target_runs(&self) -> impl Iterator<Item = &CnnTrainer> {
        std::iter::once(&self.scratch).chain(self.transferred.as_ref()).chain(self.fine_tuned.as_ref())
    }
    /// The target task's split (its training images are the `k` per class).
    pub fn target_split(&self) -> &Split {
        &self.target
    }

    /// Ends the source phase: two target networks from the scratch one's seed, given the
    /// source's convolutions; the first has them frozen.
    fn start_target(&mut self) {
        let s = &self.settings;
        // Same digits, split, spec and settings as the scratch network, which was built from
        // them: building it again cannot fail, and copying between equal specs cannot either.
        let copy = || {
            let mut t = CnnTrainer::with_split(&self.digits, self.target.clone(), s.spec, &s.train).ok()?;
            t.copy_convolutions_from(self.source.net()).ok()?;
            Some(t)
        };
        let (mut frozen, tuned) = (copy(), copy());
        if let Some(t) = frozen.as_mut() {
            t.freeze_convolutions();
        }
        (self.transferred, self.fine_tuned) = (frozen, tuned);
    }
}

impl Stepping for TransferRun {
    fn step(&mut self) {
        match self.phase() {
            Phase::Source => {
                self.source.step_batch();
                if self.source.diverged() || self.source.epoch() >= self.settings.source_epochs {
                    self.start_target();
                }
            }
            Phase::Target => {
                let epochs = self.settings.target_epochs;
                let runs = std::iter::once(&mut self.scratch).chain(self.transferred.as_mut()).chain(self.fine_tuned.as_mut());
                for t in runs {
                    if !(t.diverged() || t.epoch() >= epochs) {
                        t.step_batch();
                    }
                }
            }
            Phase::Finished => {}
        }
    }
    fn done(&self) -> bool {
        self.phase() == Phase::Finished
    }
    /// Mini-batches: the source's, then the target's (each step trains one of each target
    /// network); the total assumes no divergence.
    fn progress(&self) -> Progress {
        let source_total = self.settings.source_epochs * self.source.batches_per_epoch();
        let target_total = self.settings.target_epochs * self.scratch.batches_per_epoch();
        let target_done = self.target_runs().map(CnnTrainer::batches_trained).max().unwrap_or(0);
        Progress { done: self.source.batches_trained() + target_done, total: Some(source_total + target_total) }
    }
}
