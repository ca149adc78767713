//! # Stepping: the one contract of everything a lab animates
//!
//! A model that a page animates advances by small units of work — an epoch, a split, a tree, a
//! round, a move, a try — and the page spreads those units over animation frames (or a Web
//! Worker) instead of blocking in a loop. [`Stepping`] is that shape: [`step`](Stepping::step)
//! does one unit, [`done`](Stepping::done) says nothing is left, [`progress`](Stepping::progress)
//! says how far it is. [`step_within`] drives any of them under a time budget:
//!
//! ```text
//! steps taken = min(max_steps, units left, 1 + units that fit before now() − start ≥ budget_ms)
//! ```
//!
//! — always at least one step unless the model is done, so a slow unit still advances each frame.
//! The clock is the caller's (`performance.now()` in a page, a fake one in tests), so core stays
//! free of time sources and the tests stay deterministic.
//!
//! Implemented by [`Trainer`](crate::train::trainer::Trainer) (epochs),
//! [`EarlyStopRun`](crate::train::early_stop::EarlyStopRun) (epochs until the stop),
//! [`SearchRun`](crate::train::search::SearchRun) (tries),
//! [`TreeGrower`](crate::tree::grower::TreeGrower) (splits),
//! [`RandomForest`](crate::tree::forest::RandomForest) (trees),
//! [`GradientBoosting`](crate::tree::boosting::GradientBoosting) (rounds),
//! [`KMeans`](crate::cluster::kmeans::KMeans) (moves),
//! [`KSweep`](crate::cluster::kmeans::KSweep) (restarts),
//! [`CnnTrainer`](crate::cnn::trainer::CnnTrainer) (mini-batches),
//! [`TransferRun`](crate::cnn::transfer::TransferRun) (its phases' mini-batches),
//! [`SequenceTrainer`](crate::sequence::trainer::SequenceTrainer),
//! [`AttentionTrainer`](crate::attention::trainer::AttentionTrainer) and
//! [`LanguageModel`](crate::language::model::LanguageModel) (mini-batches),
//! [`BpeTrainer`](crate::language::bpe::BpeTrainer) (merges),
//! [`Word2Vec`](crate::embedding::word2vec::Word2Vec) (2,000 words of text),
//! [`Learner`](crate::rl::learning::Learner) (moves of an agent),
//! [`BanditRace`](crate::rl::bandit::BanditRace) (pulls),
//! [`DiffusionTrainer`](crate::diffusion::denoiser::DiffusionTrainer) (mini-batches),
//! [`GanTrainer`](crate::gan::trainer::GanTrainer) (rounds: k updates of D, one of G),
//! [`LogisticSolver`](crate::linear::logistic::LogisticSolver) (L-BFGS iterations),
//! [`RidgeSolver`](crate::linear::ridge::RidgeSolver) (blocks of rows, then the solve),
//! [`ModelFit`](crate::workflow::models::ModelFit) (a slice of one of the data lab's models) and
//! [`PermutationImportance`](crate::metrics::importance::PermutationImportance) (one feature
//! permuted once).
//!
//! A picture computed from a model — a heatmap over the plane — is spread over frames the same
//! way, a band of rows at a time: [`row_pass::RowPass`].

pub mod row_pass;

/// Something a lab animates: it advances by small units of work that a page can spread over frames.
pub trait Stepping {
    /// One unit of work (an epoch, a split, a round, a move…). Does nothing once `done()`.
    fn step(&mut self);
    /// Nothing is left to do (converged, fully grown, all rounds run, diverged…).
    fn done(&self) -> bool;
    /// How far it is: units done and, where known, units in all.
    fn progress(&self) -> Progress;
}

/// Units of work done, and the units in all when known in advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Units done so far.
    pub done: usize,
    /// Units in all, or `None` when it depends on the run (convergence, early stopping…).
    pub total: Option<usize>,
}

/// Steps `model` until it is done, `max_steps` were taken, or `budget_ms` (by the caller's clock `now`) has passed — at least one step unless done. Returns the steps taken.
pub fn step_within(model: &mut impl Stepping, max_steps: usize, budget_ms: f64, now: &dyn Fn() -> f64) -> usize {
    let start = now();
    let mut taken = 0;
    while taken < max_steps && !model.done() {
        model.step();
        taken += 1;
        if now() - start >= budget_ms {
            break;
        }
    }
    taken
}

/// A steady pace in units per second, for a lab whose every unit is worth watching (a split of
/// a tree): after a first wait of one interval `Δ = 1000 / per_second` ms, [`due`](Pacer::due)
/// at time `t` answers how many units are due since the last,
///
/// ```text
/// units = ⌊(t − t_last) / Δ⌋,   t_last ← t_last + units·Δ
/// ```
///
/// — so 3 per second at 60 frames per second is a unit every 20 frames, and 100 per second is
/// one or two a frame, never drifting. After a long gap (a hidden tab, a pause of more than a
/// second) the pace starts again with one unit instead of a burst.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pacer {
    last: Option<f64>,
}

/// A gap after which the pacer starts again instead of catching up.
const CATCH_UP_LIMIT_MS: f64 = 1000.0;

impl Pacer {
    /// Units due at `now_ms` at `per_second` units a second (see the type's docs).
    pub fn due(&mut self, now_ms: f64, per_second: f64) -> usize {
        let interval = 1000.0 / per_second.max(1e-3);
        let Some(last) = self.last else {
            self.last = Some(now_ms);
            return 0;
        };
        let elapsed = now_ms - last;
        // A long gap, or a clock gone wrong (NaN): start again with one unit.
        if elapsed.is_nan() || elapsed >= CATCH_UP_LIMIT_MS.max(interval * 1.5) {
            self.last = Some(now_ms);
            return 1;
        }
        if elapsed < interval {
            return 0;
        }
        let units = (elapsed / interval).floor();
        self.last = Some(last + units * interval);
        units as usize
    }

    /// Forgets the last unit: the next [`due`](Self::due) starts a fresh wait.
    pub fn restart(&mut self) {
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// 3 per second polled 120 times at 60 fps (the clock reads 0, 16.7, …, 1983.3 ms): the first
    /// call only starts the clock, then units fall due at 333.3, 666.7, 1000, 1333.3 and
    /// 1666.7 ms; the sixth, at 2000, is after the last call: 5 in all.
    #[test]
    fn a_pacer_keeps_its_rate_whatever_the_frame_rate() {
        let mut p = Pacer::default();
        let frame = 1000.0 / 60.0;
        let units: usize = (0..120).map(|i| p.due(i as f64 * frame, 3.0)).sum();
        assert_eq!(units, 5);
        // 100 per second at 60 fps: one or two a frame, 100 in the second after the first wait.
        let mut p = Pacer::default();
        let per_frame: Vec<usize> = (0..=61).map(|i| p.due(i as f64 * frame, 100.0)).collect();
        assert!(per_frame[1..].iter().all(|&u| u == 1 || u == 2), "{per_frame:?}");
        assert_eq!(per_frame.iter().sum::<usize>(), 101, "⌊61 · 16.67 / 10⌋ = ⌊101.7⌋");
    }

    #[test]
    fn after_a_long_gap_the_pace_restarts_with_one_unit_not_a_burst() {
        let mut p = Pacer::default();
        assert_eq!(p.due(0.0, 10.0), 0);
        assert_eq!(p.due(100.0, 10.0), 1);
        assert_eq!(p.due(60_000.0, 10.0), 1, "a minute in a hidden tab");
        assert_eq!(p.due(60_050.0, 10.0), 0);
        assert_eq!(p.due(60_100.0, 10.0), 1);
        p.restart();
        assert_eq!(p.due(70_000.0, 10.0), 0, "a restart waits one interval first");
        assert_eq!(p.due(f64::NAN, 10.0), 1, "a clock gone wrong never panics or bursts");
    }

    /// Counts to `total`; each step costs `cost` ms on the shared fake clock.
    struct Counter<'a> {
        n: usize,
        total: usize,
        clock: &'a Cell<f64>,
        cost: f64,
    }

    impl Stepping for Counter<'_> {
        fn step(&mut self) {
            if !self.done() {
                self.n += 1;
                self.clock.set(self.clock.get() + self.cost);
            }
        }
        fn done(&self) -> bool {
            self.n >= self.total
        }
        fn progress(&self) -> Progress {
            Progress { done: self.n, total: Some(self.total) }
        }
    }

    #[test]
    fn the_budget_stops_the_frame() {
        let clock = Cell::new(100.0);
        let mut c = Counter { n: 0, total: 100, clock: &clock, cost: 3.0 };
        // 3 ms a step, 10 ms budget: after 4 steps 12 ms have passed.
        assert_eq!(step_within(&mut c, 50, 10.0, &|| clock.get()), 4);
        assert_eq!(c.progress(), Progress { done: 4, total: Some(100) });
    }

    #[test]
    fn max_steps_and_done_stop_it_too() {
        let clock = Cell::new(0.0);
        let mut c = Counter { n: 0, total: 7, clock: &clock, cost: 0.0 };
        assert_eq!(step_within(&mut c, 5, 16.0, &|| clock.get()), 5);
        assert_eq!(step_within(&mut c, 5, 16.0, &|| clock.get()), 2);
        assert!(c.done());
        assert_eq!(step_within(&mut c, 5, 16.0, &|| clock.get()), 0);
        assert_eq!(c.progress().done, 7);
    }

    #[test]
    fn a_slow_step_still_happens_once() {
        let clock = Cell::new(0.0);
        let mut c = Counter { n: 0, total: 3, clock: &clock, cost: 50.0 };
        assert_eq!(step_within(&mut c, 10, 16.0, &|| clock.get()), 1);
        // A zero budget is one step a frame.
        assert_eq!(step_within(&mut c, 10, 0.0, &|| clock.get()), 1);
        // No steps allowed: none taken.
        assert_eq!(step_within(&mut c, 0, 16.0, &|| clock.get()), 0);
        assert_eq!(c.progress().done, 2);
    }
}
