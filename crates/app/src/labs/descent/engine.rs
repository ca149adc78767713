//! The Gradient descent lab's engine room: the surface, each racer's trajectory and verdict,
//! the mini-batch gradients at a point, and the fair race (a learning-rate sweep per optimizer, five seeds a rate, on
//! the Playground's network). Orchestration only; every number comes from `perplexed-core`.

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::error::ParamError;
use perplexed_core::optim::surface::{minibatch_trajectory, trajectory, verdict, Surface, Trajectory, Verdict, Window};
use perplexed_core::stepping::Stepping;
use perplexed_core::train::fair_race::FairRace;

use super::params::DescentParams;

/// Contour resolution (cells per side).
pub const CONTOUR_RES: usize = 140;
pub struct Racer {
    pub kind: OptimizerKind,
    pub lr: f32,
    pub run: Result<Trajectory, ParamError>,
    pub verdict: Option<Verdict>,
}

pub struct DescentEngine {
    pub params: DescentParams,
    pub surface: Result<Surface, ParamError>,
    pub window: Option<Window>,
    pub grid: Vec<f32>,
    pub start: [f32; 2],
    pub racers: Vec<Racer>,
    /// Steps revealed by the animation.
    pub shown: usize,
    /// The fair race, once started (core's).
    pub fair: Option<FairRace>,
}

impl DescentEngine {
    pub fn new(params: DescentParams) -> Self {
        let mut e = Self {
            params: params.clone(),
            // Replaced in `rebuild` below, before anything reads it.
            surface: Err(ParamError::unsupported("surface")),
            window: None,
            grid: Vec::new(),
            start: [0.0, 0.0],
            racers: Vec::new(),
            shown: 0,
            fair: None,
        };
        e.rebuild(None);
        e
    }

    /// Applies new settings; keeps the animation position when only the racers changed.
    pub fn apply(&mut self, params: DescentParams) {
        let old = std::mem::replace(&mut self.params, params);
        self.rebuild(Some(&old));
    }

    fn rebuild(&mut self, old: Option<&DescentParams>) {
        let p = &self.params;
        let surface_changed = old.is_none_or(|o| (o.surface, o.condition, o.seed) != (p.surface, p.condition, p.seed));
        if surface_changed {
            self.surface = Surface::new(p.surface, p.condition as f32, p.seed as u64);
            self.window = self.surface.as_ref().ok().map(Surface::default_window);
            self.grid.clear();
            if let (Ok(s), Some(w)) = (&self.surface, &self.window) {
                s.grid_values_into(CONTOUR_RES, w, &mut self.grid);
            }
            self.shown = 0;
        }
        if old.is_none_or(|o| o.race.iter().map(|r| r.0).ne(p.race.iter().map(|r| r.0))) || surface_changed {
            self.fair = None;
        }
        let Ok(surface) = &self.surface else {
            self.racers.clear();
            return;
        };
        self.start = p.start.unwrap_or_else(|| surface.default_start());
        let batch = if surface.n_points() > 0 { p.batch } else { 0 };
        self.racers = p
            .race
            .iter()
            .map(|&(kind, lr, second)| {
                let cfg = match second {
                    Some(v) => OptimizerConfig::new(kind, lr).with_second(v),
                    None => OptimizerConfig::new(kind, lr),
                };
                let run = if batch > 0 {
                    minibatch_trajectory(surface, &cfg, self.start, p.steps, batch, p.seed as u64)
                } else {
                    trajectory(surface, &cfg, self.start, p.steps)
                };
                let verdict = run.as_ref().ok().map(|t| verdict(surface, t));
                Racer { kind, lr, run, verdict }
            })
            .collect();
        if old.is_some_and(|o| (o.start, o.steps, o.batch) != (p.start, p.steps, p.batch)) {
            self.shown = 0;
        }
        self.shown = self.shown.min(p.steps);
    }

    /// Advances the animation; returns false when every path is fully shown.
    pub fn advance(&mut self, steps: usize) -> bool {
        self.shown = (self.shown + steps).min(self.params.steps);
        self.shown < self.params.steps
    }

    /// The point racer `i` has reached in the animation.
    pub fn point(&self, i: usize) -> Option<[f32; 2]> {
        let t = self.racers.get(i)?.run.as_ref().ok()?;
        t.points.get(self.shown.min(t.points.len().saturating_sub(1))).copied()
    }

    /// The descent direction of the full batch and of each mini-batch of one epoch at `p`
    /// (only on the linear-regression surface with a batch size set).
    pub fn minibatch_arrows(&self, p: [f32; 2]) -> Option<([f32; 2], Vec<[f32; 2]>)> {
        let s = self.surface.as_ref().ok()?;
        if s.n_points() == 0 || self.params.batch == 0 {
            return None;
        }
        let full = s.gradient(p[0], p[1]);
        let mut sampler = s.batch_sampler(self.params.batch, self.params.seed as u64);
        let batches = (0..sampler.batches_per_epoch()).map(|_| s.minibatch_gradient(p[0], p[1], sampler.next_batch())).collect();
        Some((full, batches))
    }

    /// Starts the fair race with the optimizers of the current race.
    pub fn start_fair_race(&mut self) {
        let kinds: Vec<OptimizerKind> = self.params.race.iter().map(|r| r.0).collect();
        self.fair = FairRace::new(&kinds).ok();
    }

    /// Runs up to `runs` more training runs of the fair race; false when it is over.
    pub fn advance_fair_race(&mut self, runs: usize) -> bool {
        let Some(race) = &mut self.fair else { return false };
        for _ in 0..runs {
            race.step();
        }
        !race.done()
    }
}
