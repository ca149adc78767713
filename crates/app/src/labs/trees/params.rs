//! The Trees lab's settings: what its controls write, its reset (`Default`), its address.

use perplexed_core::data::dataset::{DatasetKind, Problem};
use perplexed_core::tree::boosting::{MAX_LEARNING_RATE, MAX_ROUNDS};
use perplexed_core::tree::cart::Criterion;
use perplexed_core::tree::forest::MAX_TREES;

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed, settle_split};

perplexed_core::slug_enum! {
    /// Which model the page grows and shows.
    pub enum ModelKind {
        Tree => "tree",
        Forest => "forest",
        Boosting => "boosting",
    }
}
by_slug!(ModelKind);

perplexed_core::slug_enum! {
    /// How fast the model grows while playing: a steady number of splits, trees or rounds a
    /// second, or as many as each frame's budget allows.
    pub enum Pace {
        Slow => "slow",
        Normal => "normal",
        Fast => "fast",
        Max => "max",
    }
}
by_slug!(Pace);

impl Pace {
    /// Splits, trees or rounds a second for `model` (`None`: as fast as possible). A split is
    /// a large event to follow (three a second by default); a forest's tree or a boosting
    /// round a small one.
    pub fn per_second(self, model: ModelKind) -> Option<f64> {
        let (slow, normal, fast) = match model {
            ModelKind::Tree => (1.0, 3.0, 10.0),
            ModelKind::Forest => (3.0, 10.0, 30.0),
            ModelKind::Boosting => (10.0, 30.0, 100.0),
        };
        match self {
            Pace::Slow => Some(slow),
            Pace::Normal => Some(normal),
            Pace::Fast => Some(fast),
            Pace::Max => None,
        }
    }
}

/// The data sets the lab offers: the Playground's classification sets (trees here classify).
pub fn datasets() -> impl Iterator<Item = DatasetKind> {
    DatasetKind::ALL.into_iter().filter(|d| d.problem() == Problem::Classification)
}

/// Learning rates the boosting slider offers (log-spaced; ≤ 0.3 is the safe zone for log-loss).
pub const LEARNING_RATES: [f32; 10] = [0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 5.0];
/// Subsample shares the boosting slider offers, in percent.
pub const SUBSAMPLE_RANGE: (u32, u32) = (10, 100);
/// Deepest tree the depth sliders offer (0 = unlimited).
pub const MAX_DEPTH: usize = 15;
/// Most points (the data generator allows more, but a tree diagram of 2000 points is unreadable).
pub const POINTS_RANGE: (usize, usize) = (20, 1000);

lab_params! {
    pub struct TreesParams {
        model: ModelKind = ModelKind::Tree, ModelKind::from_slug;
        dataset: DatasetKind = DatasetKind::Moons, |s| DatasetKind::from_slug(s).filter(|k| k.problem() == Problem::Classification);
        points: usize = 300, int_in(POINTS_RANGE.0 as i64, POINTS_RANGE.1 as i64);
        /// Percent, 0–50 (the generator's 0–0.5).
        noise: u32 = 15, int_in(0, 50);
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        seed: u32 = 1, seed;
        /// Gini or entropy, for the tree and the forest.
        criterion: Criterion = Criterion::Gini, |s| Criterion::from_slug(s).filter(|c| c.is_classification());
        /// Deepest level of the single tree; 0 = unlimited.
        depth: usize = 0, int_in(0, MAX_DEPTH as i64);
        /// Fewest training points per leaf (tree and forest).
        min_leaf: usize = 1, int_in(1, 50);
        /// Features tried per split by the single tree (1 or 2).
        features: usize = 2, int_in(1, 2);
        trees: usize = 100, int_in(1, MAX_TREES as i64);
        bootstrap: bool = true, boolean;
        forest_features: usize = 1, int_in(1, 2);
        /// Depth of the forest's trees; 0 = unlimited.
        forest_depth: usize = 0, int_in(0, MAX_DEPTH as i64);
        rounds: usize = 200, int_in(1, MAX_ROUNDS as i64);
        lr: f32 = 0.1, |s| float_in(0.0, f64::from(MAX_LEARNING_RATE.min(LEARNING_RATES[LEARNING_RATES.len() - 1])))(s).filter(|v| *v > 0.0);
        /// Depth of the boosting trees (1 = stumps).
        boost_depth: usize = 1, int_in(1, 8);
        /// Percent of the training points each round sees.
        subsample: u32 = 100, int_in(i64::from(SUBSAMPLE_RANGE.0), i64::from(SUBSAMPLE_RANGE.1));
        show_test: bool = false, boolean;
        /// How fast the model grows while playing.
        speed: Pace = Pace::Normal, Pace::from_slug;
    }
    settle(p, q) { settle_split(q, p.train, &mut p.val, Self::default().val) }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only how things are drawn, or how fast they grow.
    Display,
    /// The model (the data and split stay).
    Model,
    /// The data or its split: everything is rebuilt.
    Data,
}

impl TreesParams {
    /// What changed from `old`, or `None` if nothing did.
    pub fn change_from(&self, old: &Self) -> Option<Change> {
        if self == old {
            return None;
        }
        if (self.dataset, self.points, self.noise, self.seed, self.train, self.val)
            != (old.dataset, old.points, old.noise, old.seed, old.train, old.val)
        {
            return Some(Change::Data);
        }
        if (Self { show_test: old.show_test, speed: old.speed, ..self.clone() }) != *old {
            return Some(Change::Model);
        }
        Some(Change::Display)
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (TreesParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = TreesParams {
            model: ModelKind::Boosting,
            dataset: DatasetKind::ThreeClass,
            points: 450,
            noise: 35,
            train: 50,
            val: 30,
            seed: 77,
            criterion: Criterion::Entropy,
            depth: 6,
            min_leaf: 4,
            features: 1,
            trees: 250,
            bootstrap: false,
            forest_features: 2,
            forest_depth: 9,
            rounds: 480,
            lr: 0.03,
            boost_depth: 3,
            subsample: 70,
            show_test: true,
            speed: Pace::Slow,
        };
        assert_round_trip(&p);
        // The defaults too, and an empty address gives the defaults silently.
        assert_round_trip(&TreesParams::default());
        assert_eq!(read(""), (TreesParams::default(), vec![]));
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "model=svm&dataset=plane&criterion=squared_error&depth=99&trees=0&rounds=501&lr=0&boost_depth=x\
             &subsample=5&features=3&noise=-1&points=5&bootstrap=maybe&min_leaf=0&seed=-4&train=0&speed=warp",
        );
        assert_eq!(p, TreesParams::default());
        assert_eq!(
            rejected,
            [
                "boost_depth", "bootstrap", "criterion", "dataset", "depth", "features", "lr", "min_leaf", "model", "noise",
                "points", "rounds", "seed", "speed", "subsample", "train", "trees"
            ]
        );
        // A learning rate above the slider's top, and NaN, are refused too.
        assert_eq!(read("lr=NaN").1, ["lr"]);
        assert_eq!(read("lr=6").1, ["lr"]);
        // Validation beyond what training leaves is refused; the rest of the address still counts.
        let (p, rejected) = read("train=90&val=20&model=forest");
        assert_eq!((p.train, p.val, p.model), (90, 10, ModelKind::Forest));
        assert_eq!(rejected, ["val"]);
    }

    #[test]
    fn changes_are_told_apart() {
        let a = TreesParams::default();
        assert_eq!(a.change_from(&a), None);
        assert_eq!(TreesParams { show_test: true, ..a.clone() }.change_from(&a), Some(Change::Display));
        assert_eq!(TreesParams { speed: Pace::Max, ..a.clone() }.change_from(&a), Some(Change::Display), "a new pace never regrows");
        assert_eq!(TreesParams { depth: 3, ..a.clone() }.change_from(&a), Some(Change::Model));
        assert_eq!(TreesParams { model: ModelKind::Forest, ..a.clone() }.change_from(&a), Some(Change::Model));
        assert_eq!(TreesParams { noise: 3, ..a.clone() }.change_from(&a), Some(Change::Data));
        assert_eq!(TreesParams { val: 10, ..a.clone() }.change_from(&a), Some(Change::Data));
    }

    #[test]
    fn learning_rate_positions_round_trip() {
        use crate::components::controls::nearest_stop;
        let lr_position = |lr| nearest_stop(&LEARNING_RATES, lr);
        for (i, &lr) in LEARNING_RATES.iter().enumerate() {
            assert_eq!(lr_position(lr), i);
        }
        assert_eq!(lr_position(0.09), 3);
    }
}
