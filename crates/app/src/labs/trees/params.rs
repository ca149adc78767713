//! The Trees lab's settings: what its controls write, its reset (`Default`), its address.

use perplexed_core::data::dataset::{DatasetKind, Problem};
use perplexed_core::tree::boosting::{MAX_LEARNING_RATE, MAX_ROUNDS};
use perplexed_core::tree::cart::Criterion;
use perplexed_core::tree::forest::MAX_TREES;

use crate::query::{LabParams, boolean, int_in, short_float, QueryReader};

/// Which model the page grows and shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    Tree,
    Forest,
    Boosting,
}

impl ModelKind {
    pub const ALL: [ModelKind; 3] = [ModelKind::Tree, ModelKind::Forest, ModelKind::Boosting];
    pub fn slug(self) -> &'static str {
        match self {
            ModelKind::Tree => "tree",
            ModelKind::Forest => "forest",
            ModelKind::Boosting => "boosting",
        }
    }
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == s)
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

#[derive(Debug, Clone, PartialEq)]
pub struct TreesParams {
    pub model: ModelKind,
    pub dataset: DatasetKind,
    pub points: usize,
    /// Percent, 0–50 (the generator's 0–0.5).
    pub noise: u32,
    pub train: u32,
    pub val: u32,
    pub seed: u32,
    /// Gini or entropy, for the tree and the forest.
    pub criterion: Criterion,
    /// Deepest level of the single tree; 0 = unlimited.
    pub depth: usize,
    /// Fewest training points per leaf (tree and forest).
    pub min_leaf: usize,
    /// Features tried per split by the single tree (1 or 2).
    pub features: usize,
    pub trees: usize,
    pub bootstrap: bool,
    pub forest_features: usize,
    /// Depth of the forest's trees; 0 = unlimited.
    pub forest_depth: usize,
    pub rounds: usize,
    pub lr: f32,
    /// Depth of the boosting trees (1 = stumps).
    pub boost_depth: usize,
    /// Percent of the training points each round sees.
    pub subsample: u32,
    pub show_test: bool,
}

impl Default for TreesParams {
    fn default() -> Self {
        Self {
            model: ModelKind::Tree,
            dataset: DatasetKind::Moons,
            points: 300,
            noise: 15,
            train: 60,
            val: 20,
            seed: 1,
            criterion: Criterion::Gini,
            depth: 0,
            min_leaf: 1,
            features: 2,
            trees: 100,
            bootstrap: true,
            forest_features: 1,
            forest_depth: 0,
            rounds: 200,
            lr: 0.1,
            boost_depth: 1,
            subsample: 100,
            show_test: false,
        }
    }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only how things are drawn.
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
        if (Self { show_test: old.show_test, ..self.clone() }) != *old {
            return Some(Change::Model);
        }
        Some(Change::Display)
    }

}

impl LabParams for TreesParams {
    /// The address of these settings (without `lab=`), every parameter written out.
    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("model", self.model.slug().to_owned()),
            ("dataset", self.dataset.slug().to_owned()),
            ("points", self.points.to_string()),
            ("noise", self.noise.to_string()),
            ("train", self.train.to_string()),
            ("val", self.val.to_string()),
            ("seed", self.seed.to_string()),
            ("criterion", self.criterion.slug().to_owned()),
            ("depth", self.depth.to_string()),
            ("min_leaf", self.min_leaf.to_string()),
            ("features", self.features.to_string()),
            ("trees", self.trees.to_string()),
            ("bootstrap", self.bootstrap.to_string()),
            ("forest_features", self.forest_features.to_string()),
            ("forest_depth", self.forest_depth.to_string()),
            ("rounds", self.rounds.to_string()),
            ("lr", short_float(self.lr)),
            ("boost_depth", self.boost_depth.to_string()),
            ("subsample", self.subsample.to_string()),
            ("show_test", self.show_test.to_string()),
        ]
    }

    /// Reads settings from an address; anything missing takes its default, anything malformed
    /// or out of range takes its default *and* is recorded in `q.rejected` for the notice.
    fn from_query(q: &mut QueryReader) -> Self {
        let d = Self::default();
        let usize_in = |lo: usize, hi: usize| move |s: &str| int_in(lo as i64, hi as i64)(s).map(|v| v as usize);
        let model = q.read("model", d.model, ModelKind::from_slug);
        let dataset = q.read("dataset", d.dataset, |s| DatasetKind::from_slug(s).filter(|k| k.problem() == Problem::Classification));
        let points = q.read("points", d.points, usize_in(POINTS_RANGE.0, POINTS_RANGE.1));
        let noise = q.read("noise", d.noise, |s| int_in(0, 50)(s).map(|v| v as u32));
        let train = q.read("train", d.train, |s| int_in(1, 100)(s).map(|v| v as u32));
        let val = q.read("val", d.val.min(100 - train), |s| int_in(0, 100 - train as i64)(s).map(|v| v as u32));
        let seed = q.read("seed", d.seed, |s| s.parse::<u32>().ok());
        let criterion = q.read("criterion", d.criterion, |s| Criterion::from_slug(s).filter(|c| c.is_classification()));
        let depth = q.read("depth", d.depth, usize_in(0, MAX_DEPTH));
        let min_leaf = q.read("min_leaf", d.min_leaf, usize_in(1, 50));
        let features = q.read("features", d.features, usize_in(1, 2));
        let trees = q.read("trees", d.trees, usize_in(1, MAX_TREES));
        let bootstrap = q.read("bootstrap", d.bootstrap, boolean);
        let forest_features = q.read("forest_features", d.forest_features, usize_in(1, 2));
        let forest_depth = q.read("forest_depth", d.forest_depth, usize_in(0, MAX_DEPTH));
        let rounds = q.read("rounds", d.rounds, usize_in(1, MAX_ROUNDS));
        let lr = q.read("lr", d.lr, |s| {
            s.parse::<f32>().ok().filter(|v| v.is_finite() && *v > 0.0 && *v <= MAX_LEARNING_RATE.min(LEARNING_RATES[LEARNING_RATES.len() - 1]))
        });
        let boost_depth = q.read("boost_depth", d.boost_depth, usize_in(1, 8));
        let subsample = q.read("subsample", d.subsample, |s| int_in(SUBSAMPLE_RANGE.0 as i64, SUBSAMPLE_RANGE.1 as i64)(s).map(|v| v as u32));
        let show_test = q.read("show_test", d.show_test, boolean);
        Self {
            model,
            dataset,
            points,
            noise,
            train,
            val,
            seed,
            criterion,
            depth,
            min_leaf,
            features,
            trees,
            bootstrap,
            forest_features,
            forest_depth,
            rounds,
            lr,
            boost_depth,
            subsample,
            show_test,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse_query, write_query};

    fn read(q: &str) -> (TreesParams, Vec<String>) {
        let mut r = QueryReader::new(parse_query(q));
        let p = TreesParams::from_query(&mut r);
        let mut names: Vec<String> = r.rejected.into_iter().map(|x| x.name).collect();
        names.sort();
        (p, names)
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
        };
        let (back, rejected) = read(&write_query(&p.to_query()));
        assert_eq!(back, p);
        assert!(rejected.is_empty(), "{rejected:?}");
        // The defaults too, and an empty address gives the defaults silently.
        let (back, rejected) = read(&write_query(&TreesParams::default().to_query()));
        assert_eq!(back, TreesParams::default());
        assert!(rejected.is_empty());
        assert_eq!(read(""), (TreesParams::default(), vec![]));
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "model=svm&dataset=plane&criterion=squared_error&depth=99&trees=0&rounds=501&lr=0&boost_depth=x\
             &subsample=5&features=3&noise=-1&points=5&bootstrap=maybe&min_leaf=0&seed=-4&train=0",
        );
        assert_eq!(p, TreesParams::default());
        assert_eq!(
            rejected,
            [
                "boost_depth", "bootstrap", "criterion", "dataset", "depth", "features", "lr", "min_leaf", "model", "noise",
                "points", "rounds", "seed", "subsample", "train", "trees"
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
