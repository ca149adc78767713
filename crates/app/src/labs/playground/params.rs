//! The Playground's settings: the only thing its controls write, its reset (Default), and its
//! address (`to_query` / `from_query`). Pure data, tested natively.

use perplexed_core::data::dataset::{DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;

use crate::query::{LabParams, boolean, float_in, int_in, short_float, QueryReader};

/// The learning rates offered by the slider: log-spaced from 1e-5 to 10, like TF Playground's
/// list with the half-decades filled in. A link may carry any value in between.
pub const LEARNING_RATES: [f32; 13] =
    [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
/// The regularisation rates offered by the slider (0 = off).
pub const REG_RATES: [f32; 12] =
    [0.0, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
pub const MAX_HIDDEN_LAYERS: usize = 6;
pub const MAX_NEURONS: usize = 64;
pub const POINTS_RANGE: (usize, usize) = (10, 2000);
pub const BATCH_RANGE: (usize, usize) = (1, 500);
/// Controls a teacher can hide for a class (`hide=noise,lr`); `help` hides the explanations.
pub const HIDEABLE: [&str; 23] = [
    "dataset", "noise", "points", "seed", "train", "val", "problem", "features", "layers",
    "activation", "loss", "optimizer", "lr", "batch", "reg", "reg_rate", "show_test",
    "discretize", "add-class", "test-eval", "play", "speed", "help",
];

/// How much training one animation frame does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speed {
    /// One mini-batch per frame: slow motion, to watch single updates.
    Batch,
    /// Up to one epoch per frame (TF Playground's pace).
    One,
    Five,
    TwentyFive,
    /// As many epochs as fit in the frame's time budget.
    Max,
}

impl Speed {
    pub const ALL: [Speed; 5] = [Speed::Batch, Speed::One, Speed::Five, Speed::TwentyFive, Speed::Max];

    pub fn slug(self) -> &'static str {
        match self {
            Speed::Batch => "batch",
            Speed::One => "1",
            Speed::Five => "5",
            Speed::TwentyFive => "25",
            Speed::Max => "max",
        }
    }

    pub fn from_slug(s: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|v| v.slug() == s)
    }

    /// Epochs a frame may complete (`None`: one mini-batch only).
    pub fn epochs_per_frame(self) -> Option<usize> {
        match self {
            Speed::Batch => None,
            Speed::One => Some(1),
            Speed::Five => Some(5),
            Speed::TwentyFive => Some(25),
            Speed::Max => Some(usize::MAX),
        }
    }
}

/// Everything that defines a Playground run; a link carries all of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaygroundParams {
    pub dataset: DatasetKind,
    /// Percent, 0–50.
    pub noise: u32,
    pub points: usize,
    /// Percent of points used for training; `val` percent for validation; the rest is test.
    pub train: u32,
    pub val: u32,
    pub problem: Problem,
    pub features: Vec<Feature>,
    /// Widths of the hidden layers, input side first.
    pub layers: Vec<usize>,
    pub activation: Activation,
    pub loss: Loss,
    pub optimizer: OptimizerKind,
    pub lr: f32,
    pub batch: usize,
    pub reg: Regularization,
    pub reg_rate: f32,
    pub seed: u32,
    /// Draw the test points on the boundary plot (they stay out of training either way).
    pub show_test: bool,
    /// Threshold the boundary into solid class colours.
    pub discretize: bool,
    /// Training per animation frame.
    pub speed: Speed,
    /// Controls hidden for a classroom (names from [`HIDEABLE`], in that order).
    pub hide: Vec<&'static str>,
}

impl Default for PlaygroundParams {
    fn default() -> Self {
        Self {
            dataset: DatasetKind::Circle,
            noise: 0,
            points: 300,
            train: 60,
            val: 20,
            problem: Problem::Classification,
            features: vec![Feature::X1, Feature::X2],
            layers: vec![4, 2],
            activation: Activation::Tanh,
            loss: Loss::CrossEntropy,
            optimizer: OptimizerKind::Adam,
            lr: 0.03,
            batch: 10,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed: 1,
            show_test: false,
            discretize: false,
            speed: Speed::Max,
            hide: Vec::new(),
        }
    }
}

/// Which part of the engine a change of settings invalidates: the page rebuilds only that much,
/// so moving the learning rate keeps the network training (TF Playground issue #4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Only how things are drawn.
    Display,
    /// The learning rate: applied to the running optimizer.
    LearningRate,
    /// The model or its training: a fresh network on the same data.
    Model,
    /// The split: points change roles, then a fresh network.
    Split,
    /// The data itself: regenerate everything.
    Data,
}

impl PlaygroundParams {
    /// The biggest change between two settings.
    pub fn change_from(&self, old: &Self) -> Option<Change> {
        if self == old {
            return None;
        }
        if self.dataset != old.dataset
            || self.noise != old.noise
            || self.points != old.points
            || self.seed != old.seed
            || self.problem != old.problem
        {
            return Some(Change::Data);
        }
        if self.train != old.train || self.val != old.val {
            return Some(Change::Split);
        }
        let model_eq = Self {
            lr: old.lr,
            show_test: old.show_test,
            discretize: old.discretize,
            hide: old.hide.clone(),
            speed: old.speed,
            ..self.clone()
        };
        if &model_eq != old {
            return Some(Change::Model);
        }
        if self.lr != old.lr {
            return Some(Change::LearningRate);
        }
        Some(Change::Display)
    }

    /// Picks a data set of the new problem type and a loss that suits it.
    pub fn with_problem(mut self, problem: Problem) -> Self {
        if self.problem != problem {
            self.problem = problem;
            self.dataset = DatasetKind::ALL.into_iter().find(|d| d.problem() == problem).unwrap_or(self.dataset);
            if problem == Problem::Regression {
                self.loss = Loss::Mse;
            }
        }
        self
    }

    /// Switches data set; the problem type follows it.
    pub fn with_dataset(mut self, dataset: DatasetKind) -> Self {
        self = self.with_problem(dataset.problem());
        self.dataset = dataset;
        self
    }

}

impl LabParams for PlaygroundParams {
    /// The address of these settings (without `lab=`), every parameter written out.
    fn to_query(&self) -> Vec<(&'static str, String)> {
        let list = |v: Vec<String>| v.join(",");
        let mut pairs = vec![
            ("dataset", self.dataset.slug().to_owned()),
            ("noise", self.noise.to_string()),
            ("points", self.points.to_string()),
            ("train", self.train.to_string()),
            ("val", self.val.to_string()),
            ("problem", self.problem.slug().to_owned()),
            ("features", list(self.features.iter().map(|f| f.slug().to_owned()).collect())),
            ("layers", list(self.layers.iter().map(usize::to_string).collect())),
            ("activation", self.activation.slug().to_owned()),
            ("loss", self.loss.slug().to_owned()),
            ("optimizer", self.optimizer.slug().to_owned()),
            ("lr", short_float(self.lr)),
            ("batch", self.batch.to_string()),
            ("reg", self.reg.slug().to_owned()),
            ("reg_rate", short_float(self.reg_rate)),
            ("seed", self.seed.to_string()),
            ("show_test", self.show_test.to_string()),
            ("discretize", self.discretize.to_string()),
            ("speed", self.speed.slug().to_owned()),
        ];
        if !self.hide.is_empty() {
            pairs.push(("hide", self.hide.join(",")));
        }
        pairs
    }

    /// Reads settings from an address; anything missing takes its default, anything malformed or
    /// out of range takes its default *and* is recorded in `q.rejected` for the notice.
    fn from_query(q: &mut QueryReader) -> Self {
        let d = Self::default();
        let dataset = q.read("dataset", d.dataset, DatasetKind::from_slug);
        let noise = q.read("noise", d.noise, |s| int_in(0, 50)(s).map(|v| v as u32));
        let points = q.read("points", d.points, |s| {
            int_in(POINTS_RANGE.0 as i64, POINTS_RANGE.1 as i64)(s).map(|v| v as usize)
        });
        let train = q.read("train", d.train, |s| int_in(1, 100)(s).map(|v| v as u32));
        let val = q.read("val", d.val.min(100 - train), |s| {
            int_in(0, 100 - train as i64)(s).map(|v| v as u32)
        });
        let mut problem = q.read("problem", dataset.problem(), Problem::from_slug);
        if problem != dataset.problem() {
            // The data set decides what kind of problem it is; say so rather than guess silently.
            q.reject("problem", problem.slug());
            problem = dataset.problem();
        }
        let features = q.read("features", d.features.clone(), parse_features);
        let layers = q.read("layers", d.layers.clone(), parse_layers);
        let activation = q.read("activation", d.activation, Activation::from_slug);
        let default_loss = if problem == Problem::Regression { Loss::Mse } else { d.loss };
        let mut loss = q.read("loss", default_loss, Loss::from_slug);
        if problem == Problem::Regression && loss == Loss::CrossEntropy {
            q.reject("loss", loss.slug());
            loss = Loss::Mse;
        }
        let optimizer = q.read("optimizer", d.optimizer, OptimizerKind::from_slug);
        let lr = q.read("lr", d.lr, |s| float_in(1e-5, 10.0)(s).map(|v| v as f32));
        let batch = q.read("batch", d.batch, |s| {
            int_in(BATCH_RANGE.0 as i64, BATCH_RANGE.1 as i64)(s).map(|v| v as usize)
        });
        let reg = q.read("reg", d.reg, Regularization::from_slug);
        let reg_rate = q.read("reg_rate", d.reg_rate, |s| float_in(0.0, 10.0)(s).map(|v| v as f32));
        let seed = q.read("seed", d.seed, |s| s.parse::<u32>().ok());
        let show_test = q.read("show_test", d.show_test, boolean);
        let discretize = q.read("discretize", d.discretize, boolean);
        let hide = q.read("hide", Vec::new(), parse_hide);
        let speed = q.read("speed", d.speed, Speed::from_slug);
        Self {
            dataset,
            noise,
            points,
            train,
            val,
            problem,
            features,
            layers,
            activation,
            loss,
            optimizer,
            lr,
            batch,
            reg,
            reg_rate,
            seed,
            show_test,
            discretize,
            speed,
            hide,
        }
    }
}

/// `noise,lr`: known control names, canonical order, each once.
pub fn parse_hide(s: &str) -> Option<Vec<&'static str>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.iter().any(|p| !HIDEABLE.contains(p)) {
        return None;
    }
    Some(HIDEABLE.into_iter().filter(|h| parts.contains(h)).collect())
}

/// `x1,x2,sinx1`: at least one known feature, none twice, in the canonical order.
pub fn parse_features(s: &str) -> Option<Vec<Feature>> {
    let mut chosen = Vec::new();
    for part in s.split(',') {
        let f = Feature::from_slug(part.trim())?;
        if chosen.contains(&f) {
            return None;
        }
        chosen.push(f);
    }
    let ordered: Vec<Feature> = Feature::ALL.into_iter().filter(|f| chosen.contains(f)).collect();
    (!ordered.is_empty()).then_some(ordered)
}

/// `4,2`: up to six hidden layers of 1–64 neurons; empty (or `0`) is no hidden layer at all.
pub fn parse_layers(s: &str) -> Option<Vec<usize>> {
    if s.is_empty() || s == "0" || s == "none" {
        return Some(Vec::new());
    }
    let widths: Option<Vec<usize>> = s
        .split(',')
        .map(|p| p.trim().parse::<usize>().ok().filter(|w| (1..=MAX_NEURONS).contains(w)))
        .collect();
    widths.filter(|w| w.len() <= MAX_HIDDEN_LAYERS)
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse_query, write_query};

    fn read(q: &str) -> (PlaygroundParams, Vec<String>) {
        let mut r = QueryReader::new(parse_query(q));
        let p = PlaygroundParams::from_query(&mut r);
        (p, r.rejected.into_iter().map(|x| x.name).collect())
    }

    #[test]
    fn empty_address_is_the_default_without_notice() {
        let (p, rejected) = read("");
        assert_eq!(p, PlaygroundParams::default());
        assert!(rejected.is_empty());
    }

    #[test]
    fn every_setting_round_trips_through_the_address() {
        let p = PlaygroundParams {
            dataset: DatasetKind::Spiral,
            noise: 35,
            points: 777,
            train: 50,
            val: 30,
            features: vec![Feature::X1, Feature::X2, Feature::SinX1, Feature::X1X2],
            layers: vec![8, 8, 3],
            activation: Activation::Relu,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Momentum,
            lr: 0.003,
            batch: 25,
            reg: Regularization::L2,
            reg_rate: 0.001,
            seed: 4_000_000_000,
            show_test: true,
            discretize: true,
            hide: vec!["noise", "lr", "help"],
            speed: Speed::Batch,
            ..PlaygroundParams::default()
        };
        let q = write_query(&p.to_query());
        let (back, rejected) = read(&q);
        assert!(rejected.is_empty(), "{rejected:?} from {q}");
        // features come back in canonical order
        let mut expected = p.clone();
        expected.features = vec![Feature::X1, Feature::X2, Feature::X1X2, Feature::SinX1];
        assert_eq!(back, expected);
    }

    #[test]
    fn malformed_values_fall_back_and_are_reported() {
        let (p, rejected) =
            read("lr=banana&layers=4,99&noise=-3&seed=x&features=x1,x1&train=0&unknown=1&activation=RELU");
        let d = PlaygroundParams::default();
        assert_eq!((p.lr, p.layers.clone(), p.noise, p.seed), (d.lr, d.layers, d.noise, d.seed));
        assert_eq!(p.features, d.features);
        assert_eq!(p.train, d.train);
        let mut rejected = rejected;
        rejected.sort();
        assert_eq!(rejected, ["activation", "features", "layers", "lr", "noise", "seed", "train"]);
    }

    #[test]
    fn inconsistent_problem_and_loss_are_corrected_and_reported() {
        let (p, rejected) = read("dataset=plane&problem=classification&loss=crossentropy");
        assert_eq!(p.problem, Problem::Regression);
        assert_eq!(p.loss, Loss::Mse);
        assert_eq!(rejected, ["problem", "loss"]);
    }

    #[test]
    fn validation_share_is_bounded_by_what_training_leaves() {
        let (p, rejected) = read("train=90&val=20");
        assert_eq!((p.train, p.val), (90, 10));
        assert_eq!(rejected, ["val"]);
    }

    #[test]
    fn hide_list_is_validated() {
        assert_eq!(parse_hide("lr,noise"), Some(vec!["noise", "lr"]));
        assert_eq!(parse_hide("lr,bogus"), None);
        let (p, rejected) = read("hide=lr,bogus");
        assert!(p.hide.is_empty());
        assert_eq!(rejected, ["hide"]);
    }

    #[test]
    fn layers_accept_none_and_reject_too_many() {
        assert_eq!(parse_layers(""), Some(vec![]));
        assert_eq!(parse_layers("64,64"), Some(vec![64, 64]));
        assert_eq!(parse_layers("1,1,1,1,1,1,1"), None);
        assert_eq!(parse_layers("0,4"), None);
    }

    #[test]
    fn change_classification() {
        let a = PlaygroundParams::default();
        assert_eq!(a.change_from(&a), None);
        assert_eq!(PlaygroundParams { lr: 0.1, ..a.clone() }.change_from(&a), Some(Change::LearningRate));
        assert_eq!(PlaygroundParams { discretize: true, ..a.clone() }.change_from(&a), Some(Change::Display));
        assert_eq!(PlaygroundParams { hide: vec!["lr"], ..a.clone() }.change_from(&a), Some(Change::Display));
        assert_eq!(PlaygroundParams { speed: Speed::Batch, ..a.clone() }.change_from(&a), Some(Change::Display));
        assert_eq!(PlaygroundParams { layers: vec![3], ..a.clone() }.change_from(&a), Some(Change::Model));
        assert_eq!(PlaygroundParams { val: 10, ..a.clone() }.change_from(&a), Some(Change::Split));
        assert_eq!(PlaygroundParams { seed: 9, ..a.clone() }.change_from(&a), Some(Change::Data));
    }

    #[test]
    fn switching_problem_switches_dataset_and_loss() {
        let p = PlaygroundParams::default().with_problem(Problem::Regression);
        assert_eq!(p.dataset.problem(), Problem::Regression);
        assert_eq!(p.loss, Loss::Mse);
        let q = p.with_dataset(DatasetKind::Xor);
        assert_eq!(q.problem, Problem::Classification);
    }

    #[test]
    fn nearest_stop_on_log_scale() {
        use crate::components::controls::nearest_stop;
        assert_eq!(LEARNING_RATES[nearest_stop(&LEARNING_RATES, 0.03)], 0.03);
        assert_eq!(LEARNING_RATES[nearest_stop(&LEARNING_RATES, 0.02)], 0.03);
        assert_eq!(LEARNING_RATES[nearest_stop(&LEARNING_RATES, 0.012)], 0.01);
        assert_eq!(REG_RATES[nearest_stop(&REG_RATES, 0.0)], 0.0);
        assert_eq!(REG_RATES[nearest_stop(&REG_RATES, 5.0)], 3.0);
    }
}
