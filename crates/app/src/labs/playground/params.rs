//! The Playground's settings: the only thing its controls write, its reset (Default), and its
//! address (`to_query` / `from_query`). Pure data, tested natively.

use perplexed_core::data::dataset::{DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed, settle_split};

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

perplexed_core::slug_enum! {
    /// How much training one animation frame does.
    pub enum Speed {
        /// One mini-batch per frame: slow motion, to watch single updates.
        Batch => "batch",
        /// Ten epochs a second, spread evenly over the frames: the default, a pace the eye can
        /// follow (the circle fits in a few seconds).
        Watch => "watch",
        /// Up to one epoch per frame (TF Playground's pace).
        One => "1",
        Five => "5",
        TwentyFive => "25",
        /// As many epochs as fit in the frame's time budget.
        Max => "max",
    }
}
by_slug!(Speed);

impl Speed {
    /// Epochs a second at a steady pace (`Watch`); `None` for the per-frame speeds.
    pub fn epochs_per_second(self) -> Option<f64> {
        (self == Speed::Watch).then_some(10.0)
    }

    /// Epochs a frame may complete (`None`: one mini-batch only, or a steady pace).
    pub fn epochs_per_frame(self) -> Option<usize> {
        match self {
            Speed::Batch | Speed::Watch => None,
            Speed::One => Some(1),
            Speed::Five => Some(5),
            Speed::TwentyFive => Some(25),
            Speed::Max => Some(usize::MAX),
        }
    }
}

lab_params! {
    /// Everything that defines a Playground run; a link carries all of it.
    pub struct PlaygroundParams {
        dataset: DatasetKind = DatasetKind::Circle, DatasetKind::from_slug;
        /// Percent, 0–50.
        noise: u32 = 0, int_in(0, 50);
        points: usize = 300, int_in(POINTS_RANGE.0 as i64, POINTS_RANGE.1 as i64);
        /// Percent of points used for training; `val` percent for validation; the rest is test.
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        problem: Problem = Problem::Classification, Problem::from_slug;
        features: Vec<Feature> = vec![Feature::X1, Feature::X2], parse_features;
        /// Widths of the hidden layers, input side first.
        layers: Vec<usize> = vec![4, 2], parse_layers;
        activation: Activation = Activation::Tanh, Activation::from_slug;
        loss: Loss = Loss::CrossEntropy, Loss::from_slug;
        optimizer: OptimizerKind = OptimizerKind::Adam, OptimizerKind::from_slug;
        lr: f32 = 0.03, float_in(1e-5, 10.0);
        batch: usize = 10, int_in(BATCH_RANGE.0 as i64, BATCH_RANGE.1 as i64);
        reg: Regularization = Regularization::None, Regularization::from_slug;
        reg_rate: f32 = 0.0, float_in(0.0, 10.0);
        seed: u32 = 1, seed;
        /// Draw the test points on the boundary plot (they stay out of training either way).
        show_test: bool = false, boolean;
        /// Threshold the boundary into solid class colours.
        discretize: bool = false, boolean;
        /// Training per animation frame.
        speed: Speed = Speed::Watch, Speed::from_slug;
        /// Controls hidden for a classroom (names from [`HIDEABLE`], in that order).
        hide: Vec<&'static str> = Vec::new(), parse_hide, write |h: &Vec<&str>| (!h.is_empty()).then(|| h.join(","));
    }
    settle(p, q) {
        settle_split(q, p.train, &mut p.val, Self::default().val);
        // The data set decides what kind of problem it is; say so rather than guess silently.
        if p.problem != p.dataset.problem() {
            if q.raw("problem").is_some() {
                q.reject("problem", p.problem.slug());
            }
            p.problem = p.dataset.problem();
        }
        if p.problem == Problem::Regression && p.loss == Loss::CrossEntropy {
            if q.raw("loss").is_some() {
                q.reject("loss", p.loss.slug());
            }
            p.loss = Loss::Mse;
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
    use crate::query::{read_query, write_query, LabParams};

    fn read(q: &str) -> (PlaygroundParams, Vec<String>) {
        read_query(q)
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
        assert_eq!(rejected, ["loss", "problem"]);
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
