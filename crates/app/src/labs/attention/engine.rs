//! The attention lab's engine room: the trainer from `perplexed-core`, the pace, the one-time
//! test, and what the page asks of it. It computes nothing itself: every number comes from core.

use perplexed_core::attention::trainer::{AttentionTrainer, Inspection};

use super::params::AttentionParams;
use crate::components::training::{Built, Runs, TrainsRuns};

pub struct AttentionEngine {
    pub params: AttentionParams,
    /// The run, its pace and its one-time test.
    pub runs: Runs<AttentionTrainer>,
}

impl AttentionEngine {
    pub fn new(params: AttentionParams) -> AttentionEngine {
        let mut e = AttentionEngine { params, runs: Runs::default() };
        crate::components::training::rebuild(&mut e);
        e
    }

    pub fn trainer(&self) -> Option<&AttentionTrainer> {
        self.runs.trainer()
    }

    /// The last measured validation (exact-sequence, per-token) accuracies.
    pub fn accuracies(&self) -> (Option<f32>, Option<f32>) {
        let Some(t) = self.trainer() else {
            return (None, None);
        };
        let last = |v: &[f32]| v.last().copied().filter(|x| x.is_finite());
        (last(&t.history().val_acc), last(t.token_accuracy().1))
    }

    /// The data index of the `k`-th validation row (wrapping), or of the `k`-th row when there is
    /// no validation set.
    pub fn example_index(&self, k: usize) -> Option<usize> {
        let t = self.trainer()?;
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
        let seen = self.runs.trainer_mut()?.inspect(i)?;
        Some((i, seen))
    }
}

impl TrainsRuns for AttentionEngine {
    type Params = AttentionParams;
    type Trainer = AttentionTrainer;
    fn runs(&self) -> &Runs<AttentionTrainer> {
        &self.runs
    }
    fn runs_mut(&mut self) -> &mut Runs<AttentionTrainer> {
        &mut self.runs
    }
    fn params(&self) -> &AttentionParams {
        &self.params
    }
    fn params_mut(&mut self) -> &mut AttentionParams {
        &mut self.params
    }
    fn build(&self) -> Option<Built<AttentionTrainer>> {
        let p = &self.params;
        Some(p.task_spec().generate().and_then(|set| AttentionTrainer::new(set, p.net_spec(), &p.train_settings())).map(|t| (t, None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::components::training::Pace;
    use perplexed_core::attention::model::Position;

    #[test]
    fn the_default_learns_reverse_in_a_few_epochs_and_stops_at_the_limit() {
        let mut e = AttentionEngine::new(AttentionParams { speed: Pace::Max, epochs: 5, ..AttentionParams::default() });
        let mut frames = 0;
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 5);
        }
        assert!(e.runs.finished(e.params.epochs));
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
        assert_eq!(e.runs.error.as_ref().map(|m| m.field), Some("heads"));
        assert!(!e.advance(5.0, &|| 0.0));
        e.apply(AttentionParams { heads: 4, ..e.params.clone() });
        assert!(e.runs.error.is_none() && e.trainer().is_some());
        let odd = AttentionEngine::new(AttentionParams { task: perplexed_core::attention::tasks::Task::Brackets, length: 7, ..AttentionParams::default() });
        assert_eq!(odd.runs.error.as_ref().map(|m| m.field), Some("length"));
    }

    #[test]
    fn the_looked_at_row_and_the_test_once() {
        let mut e = AttentionEngine::new(AttentionParams { example: 2, position: Position::Sinusoidal, ..AttentionParams::default() });
        let (i, seen) = e.inspect().unwrap();
        assert_eq!(i, e.trainer().unwrap().split().val[2]);
        assert_eq!((seen.steps, seen.slots, seen.layers.len()), (16, 8, 2));
        e.step();
        e.runs.evaluate_test();
        assert!(e.runs.test_eval.is_some_and(|t| !t.spent && t.loss.is_finite()));
        e.apply(AttentionParams { lr: 0.001, ..e.params.clone() });
        assert!(e.runs.test_eval.is_some_and(|t| t.spent));
    }
}
