//! The attention lab's settings: what its controls write, its reset (`Default`), its address.
//! Three groups: the task (`task` … `data`), the transformer and its training (`layers` …
//! `epochs`), and what the page shows (`example`, `query`, `head`, `speed`).

use perplexed_core::attention::model::{NetSpec, Position, HEADS_RANGE, LAYERS_RANGE, WIDTH_RANGE};
use perplexed_core::attention::tasks::{Task, TaskSpec, EXAMPLES_RANGE, LENGTH_RANGE};
use perplexed_core::attention::trainer::{TrainSettings, MAX_BATCH};

pub use crate::components::training::{Change, Pace};
use crate::components::training::{classify, TrainingParams, LEARNING_RATES};
use perplexed_core::optim::optimizers::OptimizerKind;

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed, settle_split};

by_slug!(Task, Position);

/// Widths the slider offers (every one divisible by 1, 2 and 4 heads).
pub const WIDTHS: [usize; 4] = [16, 32, 48, 64];
/// Numbers of rows the slider offers.
pub const EXAMPLE_COUNTS: [usize; 6] = [300, 1000, 2000, 3000, 5000, 10_000];
/// Most epochs the "stop after" slider offers.
pub const MAX_EPOCHS: usize = 1000;

lab_params! {
    /// Everything that defines the attention lab; a link carries all of it.
    pub struct AttentionParams {
        task: Task = Task::Reverse, Task::from_slug;
        /// Numbers in the question (brackets: even; lookup: twice the pairs).
        length: usize = 8, int_in(LENGTH_RANGE.0 as i64, LENGTH_RANGE.1 as i64);
        /// Rows generated (1,000 by default: reverse-8 then takes a few epochs, so its curve shows).
        examples: usize = 1000, int_in(EXAMPLES_RANGE.0 as i64, EXAMPLES_RANGE.1 as i64);
        /// Seed of the generated rows.
        data: u32 = 1, seed;
        layers: usize = 2, int_in(LAYERS_RANGE.0 as i64, LAYERS_RANGE.1 as i64);
        heads: usize = 2, int_in(HEADS_RANGE.0 as i64, HEADS_RANGE.1 as i64);
        width: usize = 32, int_in(WIDTH_RANGE.0 as i64, WIDTH_RANGE.1 as i64);
        position: Position = Position::Learned, Position::from_slug;
        /// The causal mask: a position sees only itself and earlier ones.
        causal: bool = false, boolean;
        optimizer: OptimizerKind = OptimizerKind::Adam, OptimizerKind::from_slug;
        lr: f32 = 0.003, float_in(f64::from(LEARNING_RATES[0]), f64::from(LEARNING_RATES[LEARNING_RATES.len() - 1]));
        batch: usize = 32, int_in(1, MAX_BATCH as i64);
        /// Largest gradient norm (0: no clipping).
        clip: f32 = 1.0, float_in(0.0, 100.0);
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        split: u32 = 1, seed;
        seed: u32 = 1, seed;
        /// Epochs to train before stopping by itself (0: until paused).
        epochs: usize = 50, int_in(0, MAX_EPOCHS as i64);
        /// Which validation row the page looks inside (its position among them).
        example: usize = 0, int_in(0, EXAMPLES_RANGE.1 as i64);
        /// The position whose query the page details (the first answer slot when out of range).
        query: usize = 8, int_in(0, 64);
        speed: Pace = Pace::Watch, Pace::from_slug;
    }
    settle(p, q) {
        settle_split(q, p.train, &mut p.val, Self::default().val);
    }
}

impl AttentionParams {
    pub fn task_spec(&self) -> TaskSpec {
        TaskSpec { task: self.task, length: self.length, examples: self.examples, seed: u64::from(self.data) }
    }

    pub fn net_spec(&self) -> NetSpec {
        NetSpec { layers: self.layers, heads: self.heads, width: self.width, position: self.position, causal: self.causal }
    }

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

impl TrainingParams for AttentionParams {
    crate::components::training::clipped_training!();

    /// What a change from `old` invalidates.
    fn change_from(&self, old: &Self) -> Option<Change> {
        classify(self, old, self.task_spec() != old.task_spec()
            || self.net_spec() != old.net_spec()
            || (self.train, self.val, self.split) != (old.train, old.val, old.split))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (AttentionParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = AttentionParams {
            task: Task::Brackets,
            length: 12,
            examples: 5000,
            data: 4,
            layers: 3,
            heads: 4,
            width: 48,
            position: Position::Sinusoidal,
            causal: true,
            optimizer: OptimizerKind::AdamW,
            lr: 0.01,
            batch: 64,
            clip: 0.0,
            train: 70,
            val: 15,
            split: 2,
            seed: 9,
            epochs: 0,
            example: 5,
            query: 20,
            speed: Pace::Fast,
        };
        assert_round_trip(&p);
        assert_round_trip(&AttentionParams::default());
        assert_eq!(read(""), (AttentionParams::default(), vec![]));
        assert_eq!(AttentionParams::default().net_spec(), NetSpec::default(), "the lab opens on the core's tested default network");
        assert_eq!(AttentionParams::default().train_settings(), perplexed_core::attention::trainer::default_settings());
        assert_eq!(AttentionParams::default().task_spec(), TaskSpec { examples: 1000, ..TaskSpec::default() });
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "task=translate&length=3&examples=99&data=x&layers=4&heads=5&width=8&position=rotary&causal=maybe&optimizer=newton\
             &lr=20&batch=0&clip=-1&train=0&split=-2&seed=1.5&epochs=1001&example=-1&query=65&speed=warp",
        );
        assert_eq!(p, AttentionParams::default());
        assert_eq!(
            rejected,
            [
                "batch", "causal", "clip", "data", "epochs", "example", "examples", "heads", "layers", "length", "lr", "optimizer", "position", "query",
                "seed", "speed", "split", "task", "train", "width"
            ]
        );
    }

    #[test]
    fn changes_are_told_apart() {
        let a = AttentionParams::default();
        assert_eq!(a.change_from(&a), None);
        for display in [
            AttentionParams { speed: Pace::Max, ..a.clone() },
            AttentionParams { example: 5, ..a.clone() },
            AttentionParams { query: 3, ..a.clone() },
            AttentionParams { epochs: 10, ..a.clone() },
        ] {
            assert_eq!(display.change_from(&a), Some(Change::Display), "{display:?}");
        }
        assert_eq!(AttentionParams { lr: 0.1, ..a.clone() }.change_from(&a), Some(Change::LearningRate));
        for model in [
            AttentionParams { task: Task::Sort, ..a.clone() },
            AttentionParams { position: Position::None, ..a.clone() },
            AttentionParams { causal: true, ..a.clone() },
            AttentionParams { heads: 4, ..a.clone() },
            AttentionParams { data: 2, ..a.clone() },
            AttentionParams { clip: 0.0, ..a.clone() },
        ] {
            assert_eq!(model.change_from(&a), Some(Change::Model), "{model:?}");
        }
    }
}
