//! The sequence lab's settings: what its controls write, its reset (`Default`), its address.
//! Three groups: the task (`task` … `text`), the network and its training (`cell` … `epochs`),
//! and what the page shows (`vs`, `example`, `speed`).

use perplexed_core::sequence::model::{HIDDEN_RANGE, LAYERS_RANGE};
use perplexed_core::sequence::tasks::{Corpus, Task, TaskSpec, DELAY_RANGE, EXAMPLES_RANGE, LENGTH_RANGE, NOISE_MAX};
use perplexed_core::sequence::trainer::{TrainSettings, MAX_BATCH};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::sequence::model::NetSpec;
use perplexed_core::tensor::layers::CellKind;

pub use crate::components::training::{Change, Pace};
use crate::components::training::{classify, TrainingParams, LEARNING_RATES};
use crate::query::{by_slug, float_in, int_in, lab_params, seed, settle_split};

perplexed_core::slug_enum! {
    /// A second network trained beside the first on the same task, split and seed.
    pub enum Rival {
        None => "none",
        Rnn => "rnn",
        Gru => "gru",
        Lstm => "lstm",
    }
}
by_slug!(Rival, Task, Corpus, CellKind);

impl Rival {
    pub fn cell(self) -> Option<CellKind> {
        match self {
            Rival::None => None,
            Rival::Rnn => Some(CellKind::Rnn),
            Rival::Gru => Some(CellKind::Gru),
            Rival::Lstm => Some(CellKind::Lstm),
        }
    }
}

/// Clipping thresholds the slider offers (0: off).
pub const CLIPS: [f32; 7] = [0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0];
/// Noise levels the slider offers.
pub const NOISES: [f32; 8] = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0];
/// Numbers of examples the slider offers.
pub const EXAMPLE_COUNTS: [usize; 6] = [100, 250, 500, 1000, 2000, 4000];
/// Most epochs the "stop after" slider offers.
pub const MAX_EPOCHS: usize = 1000;

lab_params! {
    /// Everything that defines the sequence lab; a link carries all of it.
    pub struct SequenceParams {
        task: Task = Task::Sine, Task::from_slug;
        /// Steps read: the window (forecasting), the bits (count), the context (text).
        length: usize = 20, int_in(LENGTH_RANGE.0 as i64, LENGTH_RANGE.1 as i64);
        /// Recall: steps between the symbol and the question.
        delay: usize = 10, int_in(DELAY_RANGE.0 as i64, DELAY_RANGE.1 as i64);
        /// Standard deviation of the forecasting noise.
        noise: f32 = 0.1, float_in(0.0, f64::from(NOISE_MAX));
        examples: usize = 1000, int_in(EXAMPLES_RANGE.0 as i64, EXAMPLES_RANGE.1 as i64);
        /// The text the `text` task continues.
        text: Corpus = Corpus::English, Corpus::from_slug;
        /// Seed of the generated data.
        data: u32 = 1, seed;
        cell: CellKind = CellKind::Lstm, CellKind::from_slug;
        hidden: usize = 16, int_in(HIDDEN_RANGE.0 as i64, HIDDEN_RANGE.1 as i64);
        layers: usize = 1, int_in(LAYERS_RANGE.0 as i64, LAYERS_RANGE.1 as i64);
        optimizer: OptimizerKind = OptimizerKind::Adam, OptimizerKind::from_slug;
        lr: f32 = 0.01, float_in(f64::from(LEARNING_RATES[0]), f64::from(LEARNING_RATES[LEARNING_RATES.len() - 1]));
        batch: usize = 32, int_in(1, MAX_BATCH as i64);
        /// Largest gradient norm (0: no clipping).
        clip: f32 = 1.0, float_in(0.0, 100.0);
        /// Percent of the examples used for training; `val` percent for validation; the rest is test.
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        /// Seed of the split.
        split: u32 = 1, seed;
        /// Seed of the initial weights and the batch order.
        seed: u32 = 1, seed;
        /// Epochs to train before stopping by itself (0: until paused).
        epochs: usize = 100, int_in(0, MAX_EPOCHS as i64);
        /// A second network racing the first.
        vs: Rival = Rival::None, Rival::from_slug;
        /// Which validation example the page looks inside (its position among them).
        example: usize = 0, int_in(0, EXAMPLES_RANGE.1 as i64);
        speed: Pace = Pace::Watch, Pace::from_slug;
    }
    settle(p, q) {
        settle_split(q, p.train, &mut p.val, Self::default().val);
    }
}

impl SequenceParams {
    /// The task these settings describe.
    pub fn task_spec(&self) -> TaskSpec {
        TaskSpec {
            task: self.task,
            length: self.length,
            delay: self.delay,
            noise: self.noise,
            examples: self.examples,
            corpus: self.text,
            seed: u64::from(self.data),
        }
    }

    /// The task with the settings it does not read put back to their defaults: what decides
    /// whether a change regenerates the data (the delay means nothing to the sine task).
    fn task_in_use(&self) -> TaskSpec {
        let mut t = self.task_spec();
        let d = TaskSpec::default();
        if t.task == Task::Recall {
            t.length = d.length;
        } else {
            t.delay = d.delay;
        }
        if !matches!(t.task, Task::Sine | Task::TwoSines) {
            t.noise = d.noise;
        }
        if t.task != Task::Text {
            t.corpus = d.corpus;
        }
        t
    }

    /// The network (of `cell`, or the rival's).
    pub fn net_spec(&self, cell: CellKind) -> NetSpec {
        NetSpec { cell, hidden: self.hidden, layers: self.layers }
    }

    /// The training settings.
    pub fn train_settings(&self) -> TrainSettings {
        TrainSettings {
            train_pct: self.train,
            val_pct: self.val,
            split_seed: u64::from(self.split),
            optimizer: self.optimizer,
            lr: self.lr,
            batch: self.batch,
            clip: (self.clip > 0.0).then_some(self.clip),
            seed: u64::from(self.seed),
        }
    }
}

impl TrainingParams for SequenceParams {
    crate::components::training::clipped_training!();

    /// What a change from `old` invalidates.
    fn change_from(&self, old: &Self) -> Option<Change> {
        classify(self, old, self.task_in_use() != old.task_in_use()
            || (self.cell, self.hidden, self.layers, self.vs) != (old.cell, old.hidden, old.layers, old.vs)
            || (self.train, self.val, self.split) != (old.train, old.val, old.split))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (SequenceParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = SequenceParams {
            task: Task::Text,
            length: 12,
            delay: 30,
            noise: 0.3,
            examples: 2000,
            text: Corpus::Hebrew,
            data: 7,
            cell: CellKind::Gru,
            hidden: 48,
            layers: 2,
            optimizer: OptimizerKind::RmsProp,
            lr: 0.003,
            batch: 64,
            clip: 0.0,
            train: 70,
            val: 15,
            split: 3,
            seed: 99,
            epochs: 0,
            vs: Rival::Rnn,
            example: 17,
            speed: Pace::Fast,
        };
        assert_round_trip(&p);
        assert_round_trip(&SequenceParams::default());
        assert_eq!(read(""), (SequenceParams::default(), vec![]));
        assert_eq!(SequenceParams::default().task_spec(), TaskSpec::default(), "the lab opens on the core's tested default task");
        assert_eq!(SequenceParams::default().net_spec(CellKind::Lstm), NetSpec::default());
        assert_eq!(SequenceParams::default().train_settings(), TrainSettings::default());
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "task=dance&length=1&delay=51&noise=2&examples=99&text=fr&data=-1&cell=transformer&hidden=65&layers=3&optimizer=newton\
             &lr=20&batch=0&clip=-1&train=0&split=x&seed=1.5&epochs=1001&vs=cnn&example=-2&speed=warp",
        );
        assert_eq!(p, SequenceParams::default());
        assert_eq!(
            rejected,
            [
                "batch", "cell", "clip", "data", "delay", "epochs", "example", "examples", "hidden", "layers", "length", "lr", "noise", "optimizer",
                "seed", "speed", "split", "task", "text", "train", "vs"
            ]
        );
        let (p, rejected) = read("train=90&val=20&cell=rnn");
        assert_eq!((p.train, p.val, p.cell), (90, 10, CellKind::Rnn));
        assert_eq!(rejected, ["val"]);
    }

    #[test]
    fn changes_are_told_apart() {
        let a = SequenceParams::default();
        assert_eq!(a.change_from(&a), None);
        for display in [
            SequenceParams { speed: Pace::Max, ..a.clone() },
            SequenceParams { example: 5, ..a.clone() },
            SequenceParams { epochs: 10, ..a.clone() },
            SequenceParams { delay: 40, ..a.clone() }, // unused by the sine task
            SequenceParams { text: Corpus::Hebrew, ..a.clone() },
        ] {
            assert_eq!(display.change_from(&a), Some(Change::Display), "{display:?}");
        }
        assert_eq!(SequenceParams { lr: 0.1, ..a.clone() }.change_from(&a), Some(Change::LearningRate));
        for model in [
            SequenceParams { task: Task::Recall, ..a.clone() },
            SequenceParams { length: 30, ..a.clone() },
            SequenceParams { cell: CellKind::Rnn, ..a.clone() },
            SequenceParams { vs: Rival::Gru, ..a.clone() },
            SequenceParams { clip: 0.0, ..a.clone() },
            SequenceParams { seed: 2, ..a.clone() },
            SequenceParams { data: 2, ..a.clone() },
            SequenceParams { val: 10, ..a.clone() },
        ] {
            assert_eq!(model.change_from(&a), Some(Change::Model), "{model:?}");
        }
    }
}
