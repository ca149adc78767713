//! The sequence lab's engine room: the trainer from `perplexed-core` (and a rival's, when two
//! cells race), the pace, the one-time test, and what the page asks of them. It computes
//! nothing itself: every number comes from core.

use perplexed_core::sequence::tasks::Task;
use perplexed_core::sequence::trainer::{Inspection, SequenceTrainer};

use super::params::SequenceParams;
use crate::components::training::{Built, Runs, TrainsRuns};

/// The last measured figures of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Latest {
    pub train_loss: f32,
    pub val_loss: f32,
    pub train_acc: f32,
    pub val_acc: f32,
}

pub struct SequenceEngine {
    pub params: SequenceParams,
    /// The run (and the rival's), their pace and the one-time test.
    pub runs: Runs<SequenceTrainer>,
}

impl SequenceEngine {
    pub fn new(params: SequenceParams) -> SequenceEngine {
        let mut e = SequenceEngine { params, runs: Runs::default() };
        crate::components::training::rebuild(&mut e);
        e
    }

    pub fn trainer(&self) -> Option<&SequenceTrainer> {
        self.runs.trainer()
    }

    pub fn rival(&self) -> Option<&SequenceTrainer> {
        self.runs.rival()
    }

    /// The last measured loss and accuracy of the first network, or of the rival.
    pub fn latest(&self, rival: bool) -> Option<Latest> {
        let t = if rival { self.rival()? } else { self.trainer()? };
        let h = t.history();
        let last = |v: &Vec<f32>| v.last().copied().unwrap_or(f32::NAN);
        Some(Latest { train_loss: last(&h.train_loss), val_loss: last(&h.val_loss), train_acc: last(&h.train_acc), val_acc: last(&h.val_acc) })
    }

    /// "Repeat the last value"'s validation MSE (forecasting only).
    pub fn baseline(&self) -> Option<f32> {
        let t = self.trainer()?;
        t.set().repeat_last_mse(&t.split().val)
    }

    /// The index (in the data) of the `k`-th validation example (wrapping), or of the `k`-th
    /// example when there is no validation set.
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

    /// States, gates and output of the looked-at example, by the first network.
    pub fn inspect(&mut self) -> Option<(usize, Inspection)> {
        let i = self.example_index(self.params.example)?;
        let seen = self.runs.trainer_mut()?.inspect(i)?;
        Some((i, seen))
    }

    /// The text task's continuation of `prompt` by `n` characters (characters the text does
    /// not have are left out); `None` for another task.
    pub fn continue_text(&mut self, prompt: &str, n: usize) -> Option<String> {
        let t = self.runs.trainer_mut()?;
        if t.set().task != Task::Text {
            return None;
        }
        let vocab = t.set().vocabulary.clone();
        let ids: Vec<usize> = prompt.chars().filter_map(|c| vocab.binary_search(&c).ok()).collect();
        if ids.is_empty() {
            return Some(String::new());
        }
        Some(t.continue_text(&ids, n).into_iter().filter_map(|k| vocab.get(k)).collect())
    }
}

impl TrainsRuns for SequenceEngine {
    type Params = SequenceParams;
    type Trainer = SequenceTrainer;
    fn runs(&self) -> &Runs<SequenceTrainer> {
        &self.runs
    }
    fn runs_mut(&mut self) -> &mut Runs<SequenceTrainer> {
        &mut self.runs
    }
    fn params(&self) -> &SequenceParams {
        &self.params
    }
    fn params_mut(&mut self) -> &mut SequenceParams {
        &mut self.params
    }
    /// The first network and, when two cells race, the rival on the same task, split and seed.
    fn build(&self) -> Option<Built<SequenceTrainer>> {
        let p = &self.params;
        Some(p.task_spec().generate().and_then(|set| {
            let settings = p.train_settings();
            let rival = match p.vs.cell() {
                Some(cell) => Some(SequenceTrainer::new(set.clone(), p.net_spec(cell), &settings)?),
                None => None,
            };
            Ok((SequenceTrainer::new(set, p.net_spec(p.cell), &settings)?, rival))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::params::Rival;
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::components::training::Pace;
    use perplexed_core::tensor::layers::CellKind;

    #[test]
    fn the_pace_decides_how_much_a_frame_trains() {
        let mut e = SequenceEngine::new(SequenceParams { speed: Pace::Batch, ..SequenceParams::default() });
        e.advance(100.0, &|| 0.0);
        assert_eq!(e.trainer().map(SequenceTrainer::batches_trained), Some(1));
        // Watch: two epochs a second, whatever the frame rate: 1 s of 60 Hz frames.
        let mut e = SequenceEngine::new(SequenceParams::default());
        for frame in 0..=60 {
            let now = frame as f64 * 1000.0 / 60.0;
            e.advance(1000.0, &move || now);
        }
        let t = e.trainer().unwrap();
        assert_eq!(t.epoch(), 2, "two epochs in a second");
        assert_eq!(t.batches_trained(), 2 * t.batches_per_epoch());
    }

    #[test]
    fn a_rival_trains_in_step_and_both_stop_at_the_limit() {
        let mut e = SequenceEngine::new(SequenceParams { vs: Rival::Rnn, epochs: 3, speed: Pace::Max, ..SequenceParams::default() });
        let mut frames = 0;
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 5);
        }
        assert_eq!(e.trainer().map(SequenceTrainer::epoch), Some(3));
        assert_eq!(e.rival().map(SequenceTrainer::epoch), Some(3));
        assert_eq!(e.rival().map(|r| r.net().spec().cell), Some(CellKind::Rnn));
        assert!(e.runs.finished(e.params.epochs));
        // Racing the same cell gives the same curve: same task, split and seed.
        let mut same = SequenceEngine::new(SequenceParams { vs: Rival::Lstm, epochs: 2, speed: Pace::Max, ..SequenceParams::default() });
        while same.advance(1e9, &|| 0.0) {}
        assert_eq!(same.trainer().unwrap().history().val_loss, same.rival().unwrap().history().val_loss);
    }

    #[test]
    fn a_setting_core_refuses_is_reported_and_nothing_trains() {
        // The count task counts at most 20 bits; the address allows a length of 50 for the others.
        let mut e = SequenceEngine::new(SequenceParams { task: Task::Count, length: 30, ..SequenceParams::default() });
        assert_eq!(e.runs.error.as_ref().map(|m| m.field), Some("length"));
        assert!(e.trainer().is_none());
        assert!(!e.advance(5.0, &|| 0.0));
        e.apply(SequenceParams { length: 10, ..e.params.clone() });
        assert!(e.runs.error.is_none() && e.trainer().is_some());
    }

    #[test]
    fn the_learning_rate_carries_on_and_the_test_is_spent_by_a_change() {
        let mut e = SequenceEngine::new(SequenceParams::default());
        e.step();
        e.runs.evaluate_test();
        assert!(e.runs.test_eval.is_some_and(|t| !t.spent && t.loss.is_finite() && t.accuracy.is_nan()));
        let batches = e.trainer().unwrap().batches_trained();
        e.apply(SequenceParams { lr: 0.001, ..e.params.clone() });
        assert_eq!(e.trainer().unwrap().batches_trained(), batches, "training carries on");
        assert!(e.runs.test_eval.is_some_and(|t| t.spent));
    }

    /// The concept card opens the experiment core's test runs
    /// (`at_delay_thirty_the_lstm_remembers_and_the_plain_rnn_does_not`): the same task,
    /// network and training, so its result (LSTM 0.998, RNN 0.265 with seed 1) is what the
    /// card shows.
    #[test]
    fn the_concept_preset_is_the_experiment_core_tests() {
        use crate::query::{parse_query, LabParams, QueryReader};
        use perplexed_core::sequence::model::NetSpec;
        use perplexed_core::sequence::tasks::TaskSpec;
        use perplexed_core::sequence::trainer::TrainSettings;
        let mut q = QueryReader::new(parse_query(super::super::CONCEPT_PRESET));
        let p = SequenceParams::from_query(&mut q);
        assert!(q.rejected.is_empty());
        assert_eq!(p.task_spec(), TaskSpec { task: Task::Recall, delay: 30, examples: 4000, ..TaskSpec::default() });
        assert_eq!(p.net_spec(p.cell), NetSpec { cell: CellKind::Lstm, ..NetSpec::default() });
        assert_eq!(p.vs.cell(), Some(CellKind::Rnn));
        assert_eq!(p.train_settings(), TrainSettings { lr: 0.003, ..TrainSettings::default() });
        assert_eq!(p.epochs, 40, "the test's 40 epochs");
    }

    #[test]
    fn the_looked_at_example_and_the_text_continuation() {
        let mut e = SequenceEngine::new(SequenceParams { task: Task::Text, length: 8, example: 3, ..SequenceParams::default() });
        let (i, seen) = e.inspect().unwrap();
        assert_eq!(i, e.trainer().unwrap().split().val[3]);
        assert_eq!(seen.steps, 8);
        let more = e.continue_text("twinkle", 5).unwrap();
        assert_eq!(more.chars().count(), 5);
        assert_eq!(e.continue_text("ЖЖ", 5), Some(String::new()), "no character of the text: nothing to continue");
        let mut sine = SequenceEngine::new(SequenceParams::default());
        assert_eq!(sine.continue_text("abc", 3), None);
        assert!(sine.baseline().is_some_and(|b| b > 0.0));
    }
}
