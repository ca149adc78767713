//! The Playground's engine room: owns the data, the split and the trainer from `perplexed-core`,
//! rebuilds only what a change of settings invalidates, and keeps the buffers the plots read.
//! It computes nothing itself — every number comes from core.

use perplexed_core::data::dataset::{generate, DataParams, Dataset, Problem};
use perplexed_core::data::split::{Role, Split};
use perplexed_core::error::ParamError;
use perplexed_core::metrics::classification::ConfusionMatrix;
use perplexed_core::rng::Rng;
use perplexed_core::train::trainer::{Metrics, TrainConfig, Trainer};

use perplexed_core::stepping::row_pass::RowPass;
use perplexed_core::stepping::Pacer;
use super::params::{Change, PlaygroundParams, Speed};

/// Resolution of the decision-boundary heatmap (cells per side).
pub const GRID_RES: usize = 64;
/// Resolution of each neuron's thumbnail.
pub const NEURON_RES: usize = 24;
/// How long a change of split takes to animate, in milliseconds.
pub const SPLIT_ANIMATION_MS: f64 = 700.0;

/// A one-time look at the test set, and whether the model changed since.
#[derive(Debug, Clone, PartialEq)]
pub struct TestEvaluation {
    pub metrics_loss: f32,
    pub accuracy: Option<f32>,
    pub r2: Option<f32>,
    pub epoch: usize,
    pub spent: bool,
}

pub struct Engine {
    pub params: PlaygroundParams,
    pub data: Dataset,
    pub split: Split,
    /// Roles before the last split change, and when it happened (for the animation).
    pub previous_roles: Option<(Vec<Role>, f64)>,
    trainer: Result<Trainer, ParamError>,
    /// Model output over the grid (`GRID_RES`² × outputs per point), refreshed by `refresh_views`.
    pub grid: Vec<f32>,
    /// Each neuron's output over a `NEURON_RES`² grid: [layer][neuron][cell].
    pub neuron_maps: Vec<Vec<Vec<f32>>>,
    /// The heatmap's pass over its rows (spread over frames).
    grid_pass: RowPass,
    pub test_eval: Option<TestEvaluation>,
    pub test_peeks: u32,
    /// Keys for points the visitor adds, drawn from their own seeded stream.
    click_rng: Rng,
    /// The steady pace of training (speed "watch").
    pacer: Pacer,
}

impl Engine {
    pub fn new(params: PlaygroundParams) -> Self {
        let data = make_data(&params);
        let split = make_split(&data, &params);
        let trainer = make_trainer(&data, &split, &params);
        Self {
            click_rng: Rng::stream(params.seed as u64, 99),
            params,
            data,
            split,
            previous_roles: None,
            trainer,
            grid: Vec::new(),
            neuron_maps: Vec::new(),
            grid_pass: RowPass::default(),
            test_eval: None,
            test_peeks: 0,
            pacer: Pacer::default(),
        }
    }

    /// Applies new settings, rebuilding as little as the change requires.
    pub fn apply(&mut self, params: PlaygroundParams, now_ms: f64) {
        let Some(change) = params.change_from(&self.params) else { return };
        self.params = params;
        match change {
            Change::Display => {}
            Change::LearningRate => {
                let lr = self.params.lr;
                if let Ok(t) = &mut self.trainer {
                    if t.set_lr(lr).is_err() {
                        self.rebuild_trainer();
                    }
                } else {
                    self.rebuild_trainer();
                }
            }
            Change::Model => self.rebuild_trainer(),
            Change::Split => {
                let old = std::mem::take(&mut self.split.roles);
                self.split = make_split(&self.data, &self.params);
                self.previous_roles = Some((old, now_ms));
                self.rebuild_trainer();
            }
            Change::Data => {
                self.data = make_data(&self.params);
                self.split = make_split(&self.data, &self.params);
                self.previous_roles = None;
                self.click_rng = Rng::stream(self.params.seed as u64, 99);
                self.rebuild_trainer();
            }
        }
        if change > Change::Display {
            self.mark_test_spent();
        }
        self.grid_pass.invalidate();
    }

    /// A fresh network on the same data (the Reset button).
    pub fn reset(&mut self) {
        self.rebuild_trainer();
    }

    fn rebuild_trainer(&mut self) {
        self.trainer = make_trainer(&self.data, &self.split, &self.params);
        self.grid_pass.cancel();
        self.grid_pass.invalidate();
        self.grid.clear();
        self.neuron_maps.clear();
    }

    fn mark_test_spent(&mut self) {
        if let Some(t) = &mut self.test_eval {
            t.spent = true;
        }
    }

    /// Adds a clicked point (class index, or value for regression). The network keeps its
    /// weights and its history and goes on learning with the new point (core's
    /// `Trainer::set_data`); only a network that could not take the new data starts afresh.
    pub fn add_point(&mut self, x1: f32, x2: f32, target: f32) -> Result<(), ParamError> {
        let key = self.click_rng.next_f32();
        self.data.push(x1, x2, target, key)?;
        self.split = make_split(&self.data, &self.params);
        self.previous_roles = None;
        self.mark_test_spent();
        let kept = match &mut self.trainer {
            Ok(t) => t.set_data(&self.data, &self.split).is_ok(),
            Err(_) => false,
        };
        if kept {
            self.grid_pass.invalidate();
        } else {
            self.rebuild_trainer();
        }
        Ok(())
    }

    /// A weight typed in by hand (`layer` 0 = inputs → first layer).
    pub fn set_weight(&mut self, layer: usize, from: usize, to: usize, value: f32) -> Result<(), ParamError> {
        let t = self.trainer.as_mut().map_err(|e| e.clone())?;
        t.mlp_mut().set_weight(layer, from, to, value)?;
        self.after_edit();
        Ok(())
    }

    /// A bias typed in by hand (`layer` 0 = the first hidden layer).
    pub fn set_bias(&mut self, layer: usize, neuron: usize, value: f32) -> Result<(), ParamError> {
        let t = self.trainer.as_mut().map_err(|e| e.clone())?;
        t.mlp_mut().set_bias(layer, neuron, value)?;
        self.after_edit();
        Ok(())
    }

    fn after_edit(&mut self) {
        self.mark_test_spent();
        self.grid_pass.invalidate();
    }

    pub fn error(&self) -> Option<&ParamError> {
        self.trainer.as_ref().err()
    }

    pub fn trainer(&self) -> Option<&Trainer> {
        self.trainer.as_ref().ok()
    }

    pub fn diverged(&self) -> bool {
        self.trainer().is_some_and(Trainer::diverged)
    }

    pub fn epoch(&self) -> usize {
        self.trainer().map_or(0, Trainer::epoch)
    }

    /// Trains for one animation frame at the chosen speed, never past `budget_ms` (measured by
    /// `now`) except for the single mini-batch it always does. Returns the epochs completed.
    pub fn advance(&mut self, speed: Speed, budget_ms: f64, now: impl Fn() -> f64) -> usize {
        let Ok(t) = &mut self.trainer else { return 0 };
        if t.diverged() {
            return 0;
        }
        let epochs = match (speed.epochs_per_second(), speed.epochs_per_frame()) {
            // A steady pace in mini-batches a second, so the boundary moves a little every frame;
            // a late frame catches up by a few frames' worth, never by a burst.
            (Some(per_second), _) => {
                let rate = per_second * t.batches_per_epoch() as f64;
                let due = self.pacer.due(now(), rate).min((4.0 * rate / 60.0).ceil() as usize);
                t.train_batches(due, budget_ms, &now)
            }
            (None, Some(goal)) => t.train_within(goal, budget_ms, &now),
            (None, None) => t.step_batches(1).epochs,
        };
        self.grid_pass.invalidate();
        epochs
    }

    /// One epoch (the Step button); finishes the epoch under way if a slice of one was trained.
    pub fn step(&mut self) {
        if let Ok(t) = &mut self.trainer {
            t.step_epoch();
            self.grid_pass.invalidate();
        }
    }

    /// Brings the heatmap up to date, a band of rows at a time within `budget_ms`: a large
    /// network's grid is spread over frames instead of stalling one. Neuron thumbnails are
    /// recomputed when `maps_due` (the page asks a few times a second while training).
    /// Returns true when a full pass of the grid was completed.
    pub fn refresh_views(&mut self, budget_ms: f64, maps_due: bool, now: impl Fn() -> f64) -> bool {
        let Ok(t) = &mut self.trainer else {
            self.grid.clear();
            self.neuron_maps.clear();
            return true;
        };
        // A new pass starts only between passes; the model may keep training while it runs.
        self.grid_pass.begin();
        if self.neuron_maps.is_empty() || maps_due {
            self.neuron_maps = t.neuron_maps(NEURON_RES);
        }
        let grid = &mut self.grid;
        self.grid_pass.advance(GRID_RES, budget_ms, &now, |rows| t.predict_grid_rows(GRID_RES, rows, grid))
    }

    /// A heatmap pass is under way (the frame loop keeps going until it completes).
    pub fn grid_pending(&self) -> bool {
        self.grid_pass.busy()
    }

    /// Computes the whole heatmap now (after a rebuild, so the first picture is complete).
    pub fn refresh_all(&mut self, now: impl Fn() -> f64) {
        self.grid_pass.cancel();
        self.grid_pass.invalidate();
        self.neuron_maps.clear();
        self.refresh_views(f64::INFINITY, true, now);
    }

    pub fn outputs_per_point(&self) -> usize {
        self.trainer().map_or(1, Trainer::outputs_per_point)
    }

    pub fn metrics(&mut self, role: Role) -> Option<Metrics> {
        self.trainer.as_mut().ok().map(|t| t.metrics(role))
    }

    pub fn confusion(&mut self, role: Role) -> Option<ConfusionMatrix> {
        self.trainer.as_mut().ok().and_then(|t| t.confusion(role))
    }

    /// The final exam: evaluates on the test set and counts the look.
    pub fn evaluate_test(&mut self) -> Option<TestEvaluation> {
        if self.split.test.is_empty() {
            return None;
        }
        let epoch = self.epoch();
        let m = self.metrics(Role::Test)?;
        self.test_peeks += 1;
        let eval = TestEvaluation { metrics_loss: m.loss, accuracy: m.accuracy, r2: m.r2, epoch, spent: false };
        self.test_eval = Some(eval.clone());
        Some(eval)
    }

    pub fn is_regression(&self) -> bool {
        self.data.problem == Problem::Regression
    }
}

fn make_data(p: &PlaygroundParams) -> Dataset {
    let dp = DataParams { kind: p.dataset, points: p.points, noise: p.noise as f32 / 100.0, seed: p.seed as u64 };
    // Params were validated when read; should core still refuse, fall back to the defaults
    // rather than leave the page without data.
    let d = PlaygroundParams::default();
    generate(&dp).or_else(|_| generate(&DataParams { kind: d.dataset, points: d.points, noise: 0.0, seed: d.seed as u64 })).unwrap_or_default()
}

fn make_split(data: &Dataset, p: &PlaygroundParams) -> Split {
    Split::new_or_all_train(&data.split_keys, p.train, p.val)
}

fn make_trainer(data: &Dataset, split: &Split, p: &PlaygroundParams) -> Result<Trainer, ParamError> {
    let cfg = TrainConfig {
        features: p.features.clone(),
        hidden: p.layers.clone(),
        activation: p.activation,
        loss: p.loss,
        optimizer: p.optimizer,
        lr: p.lr,
        batch: p.batch,
        reg: p.reg,
        reg_rate: p.reg_rate,
        seed: p.seed as u64,
    };
    Trainer::new(data, split, &cfg)
}

