//! The attention lab's engine room: the trainer from `perplexed-core`, the pace, the one-time
//! test, and what the page asks of it. It computes nothing itself: every number comes from core.

use perplexed_core::attention::trainer::{AttentionTrainer, Inspection, MEASURE_CHUNK};
use perplexed_core::data::split::Role;
use perplexed_core::error::ParamError;
use perplexed_core::stepping::{step_within, Pacer, Progress, Stepping};

use super::params::{AttentionParams, Change, Pace};

/// A one-time look at the test set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestEvaluation {
    pub loss: f32,
    /// Exact-sequence accuracy.
    pub accuracy: f32,
    pub epoch: usize,
    /// The model changed since.
    pub spent: bool,
}

pub struct AttentionEngine {
    pub params: AttentionParams,
    trainer: Option<AttentionTrainer>,
    /// Why the model could not be built (a setting out of range reached core).
    pub error: Option<ParamError>,
    pacer: Pacer,
    pub test_eval: Option<TestEvaluation>,
    pub test_peeks: u32,
    /// Bumped whenever a new run starts.
    pub version: u64,
}

impl AttentionEngine {
    pub fn new(params: AttentionParams) -> AttentionEngine {
        let mut e = AttentionEngine { params, trainer: None, error: None, pacer: Pacer::default(), test_eval: None, test_peeks: 0, version: 0 };
        e.rebuild();
        e
    }

    /// Applies new settings, rebuilding only what the change requires.
    pub fn apply(&mut self, params: AttentionParams) {
        let Some(change) = params.change_from(&self.params) else { return };
        let lr = params.lr;
        self.params = params;
        match change {
            Change::Display => self.pacer.restart(),
            Change::LearningRate => {
                if let Some(t) = &mut self.trainer {
                    if let Err(e) = t.set_lr(lr) {
                        self.error = Some(e);
                    }
                }
                self.spend_test();
            }
            Change::Model => self.rebuild(),
        }
    }

    /// A fresh run from the current settings (same seeds: the same run again).
    pub fn rebuild(&mut self) {
        self.version += 1;
        self.pacer.restart();
        self.spend_test();
        let p = &self.params;
        match p.task_spec().generate().and_then(|set| AttentionTrainer::new(set, p.net_spec(), &p.train_settings())) {
            Ok(t) => {
                self.trainer = Some(t);
                self.error = None;
            }
            Err(e) => {
                self.trainer = None;
                self.error = Some(e);
            }
        }
    }

    fn spend_test(&mut self) {
        if let Some(t) = &mut self.test_eval {
            t.spent = true;
        }
    }

    /// Trains for this frame at the chosen pace within `budget_ms`; whether training goes on.
    pub fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let (pace, limit) = (self.params.speed, self.params.epochs);
        let Some(t) = &mut self.trainer else { return false };
        let per_epoch = steps_per_epoch(t);
        let mut run = UpTo { trainer: t, epochs: limit };
        if run.done() {
            return false;
        }
        let steps = match pace.epochs_per_second() {
            None if pace == Pace::Batch => 1,
            None => usize::MAX,
            Some(per_second) => self.pacer.due(now(), per_second * per_epoch as f64),
        };
        if steps > 0 {
            step_within(&mut run, steps, budget_ms, now);
        }
        !run.done()
    }

    /// The run trained the epochs the settings ask for (never with "until paused", 0).
    pub fn finished(&self) -> bool {
        let limit = self.params.epochs;
        limit > 0 && self.trainer.as_ref().is_some_and(|t| t.epoch() >= limit)
    }

    /// One mini-batch (and, at an epoch's end, its whole measurement).
    pub fn step(&mut self) {
        if let Some(t) = &mut self.trainer {
            t.step_batch();
        }
    }

    pub fn trainer(&self) -> Option<&AttentionTrainer> {
        self.trainer.as_ref()
    }

    pub fn diverged(&self) -> bool {
        self.trainer.as_ref().is_some_and(AttentionTrainer::diverged)
    }

    /// The last measured validation (exact-sequence, per-token) accuracies.
    pub fn accuracies(&self) -> (Option<f32>, Option<f32>) {
        let Some(t) = &self.trainer else { return (None, None) };
        let last = |v: &[f32]| v.last().copied().filter(|x| x.is_finite());
        (last(&t.history().val_acc), last(t.token_accuracy().1))
    }

    /// The data index of the `k`-th validation row (wrapping), or of the `k`-th row when there is
    /// no validation set.
    pub fn example_index(&self, k: usize) -> Option<usize> {
        let t = self.trainer.as_ref()?;
        let val = &t.split().val;
        if val.is_empty() {
            let n = t.set().len();
            (n > 0).then(|| k % n)
        } else {
            Some(val[k % val.len()])
        }
    }

    /// Every intermediate value of the looked-at row.
    pub fn inspect(&mut self) -> Option<(usize, Inspection)> {
        let i = self.example_index(self.params.example)?;
        let seen = self.trainer.as_mut()?.inspect(i)?;
        Some((i, seen))
    }

    pub fn can_evaluate_test(&self) -> bool {
        self.trainer.as_ref().is_some_and(|t| !t.split().test.is_empty())
    }

    /// Measures the test set once (the page marks it spent when the model changes).
    pub fn evaluate_test(&mut self) {
        let Some(t) = &mut self.trainer else { return };
        if t.split().test.is_empty() {
            return;
        }
        let (loss, accuracy) = t.evaluate(Role::Test);
        self.test_peeks += 1;
        self.test_eval = Some(TestEvaluation { loss, accuracy, epoch: t.epoch(), spent: false });
    }
}

impl crate::components::lab_shell::RunEngine<AttentionParams> for AttentionEngine {
    fn apply(&mut self, params: AttentionParams) {
        AttentionEngine::apply(self, params);
    }
    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        AttentionEngine::advance(self, budget_ms, now)
    }
    fn step(&mut self) {
        AttentionEngine::step(self);
    }
    fn rebuild(&mut self) {
        AttentionEngine::rebuild(self);
    }
    fn version(&self) -> u64 {
        self.version
    }
    fn spent(&self) -> bool {
        self.diverged() || self.finished()
    }
}

/// The trainer with the epoch limit as one `Stepping`.
struct UpTo<'a> {
    trainer: &'a mut AttentionTrainer,
    epochs: usize,
}

impl Stepping for UpTo<'_> {
    fn step(&mut self) {
        self.trainer.step();
    }
    fn done(&self) -> bool {
        self.trainer.done() || (self.epochs > 0 && self.trainer.epoch() >= self.epochs)
    }
    fn progress(&self) -> Progress {
        self.trainer.progress()
    }
}

/// Steps in an epoch: its mini-batches and the measuring chunks of its end.
fn steps_per_epoch(t: &AttentionTrainer) -> usize {
    let (train, val, _) = t.split().counts();
    t.batches_per_epoch() + train.div_ceil(MEASURE_CHUNK) + val.div_ceil(MEASURE_CHUNK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use perplexed_core::attention::model::Position;

    #[test]
    fn the_default_learns_reverse_in_a_few_epochs_and_stops_at_the_limit() {
        let mut e = AttentionEngine::new(AttentionParams { speed: Pace::Max, epochs: 5, ..AttentionParams::default() });
        let mut frames = 0;
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 5);
        }
        assert!(e.finished());
        let (exact, token) = e.accuracies();
        assert!(exact.is_some_and(|a| a >= 0.95), "reverse-8 after 5 epochs: {exact:?}");
        assert!(token.is_some_and(|a| a >= 0.95));
    }

    #[test]
    fn the_pace_decides_how_much_a_frame_trains() {
        let mut e = AttentionEngine::new(AttentionParams { speed: Pace::Batch, ..AttentionParams::default() });
        e.advance(100.0, &|| 0.0);
        assert_eq!(e.trainer().map(AttentionTrainer::batches_trained), Some(1));
        let mut e = AttentionEngine::new(AttentionParams::default());
        for frame in 0..=60 {
            let now = frame as f64 * 1000.0 / 60.0;
            e.advance(1000.0, &move || now);
        }
        assert_eq!(e.trainer().map(AttentionTrainer::epoch), Some(2), "two epochs in a second");
    }

    #[test]
    fn a_setting_core_refuses_is_reported_and_nothing_trains() {
        // Three heads cannot split a width of 32.
        let mut e = AttentionEngine::new(AttentionParams { heads: 3, ..AttentionParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("heads"));
        assert!(!e.advance(5.0, &|| 0.0));
        e.apply(AttentionParams { heads: 4, ..e.params.clone() });
        assert!(e.error.is_none() && e.trainer().is_some());
        let odd = AttentionEngine::new(AttentionParams { task: perplexed_core::attention::tasks::Task::Brackets, length: 7, ..AttentionParams::default() });
        assert_eq!(odd.error.as_ref().map(|m| m.field), Some("length"));
    }

    #[test]
    fn the_looked_at_row_and_the_test_once() {
        let mut e = AttentionEngine::new(AttentionParams { example: 2, position: Position::Sinusoidal, ..AttentionParams::default() });
        let (i, seen) = e.inspect().unwrap();
        assert_eq!(i, e.trainer().unwrap().split().val[2]);
        assert_eq!((seen.steps, seen.slots, seen.layers.len()), (16, 8, 2));
        e.step();
        e.evaluate_test();
        assert!(e.test_eval.is_some_and(|t| !t.spent && t.loss.is_finite()));
        e.apply(AttentionParams { lr: 0.001, ..e.params.clone() });
        assert!(e.test_eval.is_some_and(|t| t.spent));
    }
}
