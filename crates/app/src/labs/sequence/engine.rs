//! The sequence lab's engine room: the trainer from `perplexed-core` (and a rival's, when two
//! cells race), the pace, the one-time test, and what the page asks of them. It computes
//! nothing itself: every number comes from core.

use perplexed_core::data::split::Role;
use perplexed_core::error::ParamError;
use perplexed_core::sequence::tasks::Task;
use perplexed_core::sequence::trainer::{Inspection, SequenceTrainer, MEASURE_CHUNK};
use perplexed_core::stepping::{step_within, Pacer, Progress, Stepping};

use super::params::{Change, Pace, SequenceParams};

/// A one-time look at the test set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestEvaluation {
    pub loss: f32,
    /// NaN for forecasting.
    pub accuracy: f32,
    pub epoch: usize,
    /// The model changed since.
    pub spent: bool,
}

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
    trainer: Option<SequenceTrainer>,
    rival: Option<SequenceTrainer>,
    /// Why the model could not be built (a setting out of range reached core).
    pub error: Option<ParamError>,
    pacer: Pacer,
    pub test_eval: Option<TestEvaluation>,
    pub test_peeks: u32,
    /// Bumped whenever a new run starts.
    pub version: u64,
}

impl SequenceEngine {
    pub fn new(params: SequenceParams) -> SequenceEngine {
        let mut e = SequenceEngine { params, trainer: None, rival: None, error: None, pacer: Pacer::default(), test_eval: None, test_peeks: 0, version: 0 };
        e.rebuild();
        e
    }

    /// Applies new settings, rebuilding only what the change requires.
    pub fn apply(&mut self, params: SequenceParams) {
        let Some(change) = params.change_from(&self.params) else { return };
        let lr = params.lr;
        self.params = params;
        match change {
            Change::Display => self.pacer.restart(),
            Change::LearningRate => {
                for t in self.trainer.iter_mut().chain(self.rival.iter_mut()) {
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
        let built = p.task_spec().generate().and_then(|set| {
            let settings = p.train_settings();
            let rival = match p.vs.cell() {
                Some(cell) => Some(SequenceTrainer::new(set.clone(), p.net_spec(cell), &settings)?),
                None => None,
            };
            Ok((SequenceTrainer::new(set, p.net_spec(p.cell), &settings)?, rival))
        });
        match built {
            Ok((t, r)) => {
                self.trainer = Some(t);
                self.rival = r;
                self.error = None;
            }
            Err(e) => {
                self.trainer = None;
                self.rival = None;
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
        let mut runs = Runs { trainer: t, rival: self.rival.as_mut(), epochs: limit };
        if runs.done() {
            return false;
        }
        let steps = match pace.epochs_per_second() {
            None if pace == Pace::Batch => 1,
            None => usize::MAX,
            Some(per_second) => self.pacer.due(now(), per_second * per_epoch as f64),
        };
        if steps > 0 {
            step_within(&mut runs, steps, budget_ms, now);
        }
        !runs.done()
    }

    /// The runs trained the epochs the settings ask for (never with "until paused", 0).
    pub fn finished(&self) -> bool {
        let limit = self.params.epochs;
        limit > 0 && self.trainer.as_ref().is_some_and(|t| t.epoch() >= limit)
    }

    /// One mini-batch of each run (and, at an epoch's end, its whole measurement).
    pub fn step(&mut self) {
        for t in self.trainer.iter_mut().chain(self.rival.iter_mut()) {
            t.step_batch();
        }
    }

    pub fn trainer(&self) -> Option<&SequenceTrainer> {
        self.trainer.as_ref()
    }

    pub fn rival(&self) -> Option<&SequenceTrainer> {
        self.rival.as_ref()
    }

    /// The first network diverged (the rival's divergence shows on its own curve).
    pub fn diverged(&self) -> bool {
        self.trainer.as_ref().is_some_and(SequenceTrainer::diverged)
    }

    /// Epochs completed and the fraction of the current one.
    pub fn epochs(&self) -> f64 {
        self.trainer.as_ref().map_or(0.0, |t| t.epoch() as f64 + f64::from(t.epoch_progress().min(0.999)))
    }

    /// The last measured loss and accuracy of the first network, or of the rival.
    pub fn latest(&self, rival: bool) -> Option<Latest> {
        let t = if rival { self.rival.as_ref()? } else { self.trainer.as_ref()? };
        let h = t.history();
        let last = |v: &Vec<f32>| v.last().copied().unwrap_or(f32::NAN);
        Some(Latest { train_loss: last(&h.train_loss), val_loss: last(&h.val_loss), train_acc: last(&h.train_acc), val_acc: last(&h.val_acc) })
    }

    /// "Repeat the last value"'s validation MSE (forecasting only).
    pub fn baseline(&self) -> Option<f32> {
        let t = self.trainer.as_ref()?;
        t.set().repeat_last_mse(&t.split().val)
    }

    /// The index (in the data) of the `k`-th validation example (wrapping), or of the `k`-th
    /// example when there is no validation set.
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

    /// States, gates and output of the looked-at example, by the first network.
    pub fn inspect(&mut self) -> Option<(usize, Inspection)> {
        let i = self.example_index(self.params.example)?;
        let seen = self.trainer.as_mut()?.inspect(i)?;
        Some((i, seen))
    }

    /// The text task's continuation of `prompt` by `n` characters (characters the text does
    /// not have are left out); `None` for another task.
    pub fn continue_text(&mut self, prompt: &str, n: usize) -> Option<String> {
        let t = self.trainer.as_mut()?;
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

impl crate::components::lab_shell::RunEngine<SequenceParams> for SequenceEngine {
    fn apply(&mut self, params: SequenceParams) {
        SequenceEngine::apply(self, params);
    }
    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        SequenceEngine::advance(self, budget_ms, now)
    }
    fn step(&mut self) {
        SequenceEngine::step(self);
    }
    fn rebuild(&mut self) {
        SequenceEngine::rebuild(self);
    }
    fn version(&self) -> u64 {
        self.version
    }
    fn spent(&self) -> bool {
        self.diverged() || self.finished()
    }
}

/// Both runs as one `Stepping`: a unit is a step of each, so they keep in step; the epoch
/// limit stops them.
struct Runs<'a> {
    trainer: &'a mut SequenceTrainer,
    rival: Option<&'a mut SequenceTrainer>,
    epochs: usize,
}

impl Runs<'_> {
    fn reached(&self, t: &SequenceTrainer) -> bool {
        t.done() || (self.epochs > 0 && t.epoch() >= self.epochs)
    }
}

impl Stepping for Runs<'_> {
    fn step(&mut self) {
        if !self.reached(self.trainer) {
            self.trainer.step();
        }
        let epochs = self.epochs;
        if let Some(r) = self.rival.as_deref_mut() {
            if !(r.done() || (epochs > 0 && r.epoch() >= epochs)) {
                r.step();
            }
        }
    }
    fn done(&self) -> bool {
        self.reached(self.trainer) && self.rival.as_deref().is_none_or(|r| self.reached(r))
    }
    fn progress(&self) -> Progress {
        self.trainer.progress()
    }
}

/// Steps in an epoch: its mini-batches and the measuring chunks of its end.
fn steps_per_epoch(t: &SequenceTrainer) -> usize {
    let (train, val, _) = t.split().counts();
    t.batches_per_epoch() + train.div_ceil(MEASURE_CHUNK) + val.div_ceil(MEASURE_CHUNK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use super::super::params::Rival;
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
        assert!(e.finished());
        // Racing the same cell gives the same curve: same task, split and seed.
        let mut same = SequenceEngine::new(SequenceParams { vs: Rival::Lstm, epochs: 2, speed: Pace::Max, ..SequenceParams::default() });
        while same.advance(1e9, &|| 0.0) {}
        assert_eq!(same.trainer().unwrap().history().val_loss, same.rival().unwrap().history().val_loss);
    }

    #[test]
    fn a_setting_core_refuses_is_reported_and_nothing_trains() {
        // The count task counts at most 20 bits; the address allows a length of 50 for the others.
        let mut e = SequenceEngine::new(SequenceParams { task: Task::Count, length: 30, ..SequenceParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("length"));
        assert!(e.trainer().is_none());
        assert!(!e.advance(5.0, &|| 0.0));
        e.apply(SequenceParams { length: 10, ..e.params.clone() });
        assert!(e.error.is_none() && e.trainer().is_some());
    }

    #[test]
    fn the_learning_rate_carries_on_and_the_test_is_spent_by_a_change() {
        let mut e = SequenceEngine::new(SequenceParams::default());
        e.step();
        e.evaluate_test();
        assert!(e.test_eval.is_some_and(|t| !t.spent && t.loss.is_finite() && t.accuracy.is_nan()));
        let batches = e.trainer().unwrap().batches_trained();
        e.apply(SequenceParams { lr: 0.001, ..e.params.clone() });
        assert_eq!(e.trainer().unwrap().batches_trained(), batches, "training carries on");
        assert!(e.test_eval.is_some_and(|t| t.spent));
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
