//! ModelComparison: four models on one split — each row checked against the same model fitted
//! and scored independently, fit times from the caller's clock, the test set looked at once,
//! and a model that cannot be fitted reported in its row without stopping the others.

use std::cell::Cell;

use perplexed_core::data::dataset::{generate, DataParams, Dataset, DatasetKind};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Split;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::stepping::{step_within, Stepping};
use perplexed_core::train::trainer::TrainConfig;
use perplexed_core::tree::boosting::BoostingParams;
use perplexed_core::tree::cart::{DecisionTree, TreeParams};
use perplexed_core::tree::compare::{ComparisonSetup, ModelComparison, MODELS};
use perplexed_core::tree::forest::{ForestParams, RandomForest};

fn moons() -> (Dataset, Split) {
    let d = generate(&DataParams { kind: DatasetKind::Moons, points: 300, noise: 0.15, seed: 3 }).unwrap();
    let s = Split::new(&d.split_keys, 60, 20).unwrap();
    (d, s)
}

fn setup(n_trees: usize) -> ComparisonSetup {
    ComparisonSetup {
        tree: TreeParams { max_depth: Some(6), seed: 5, ..TreeParams::default() },
        forest: ForestParams { n_trees, max_depth: Some(6), seed: 5, ..ForestParams::default() },
        boosting: BoostingParams { rounds: 40, seed: 5, ..BoostingParams::default() },
        network: TrainConfig {
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![8, 8],
            activation: Activation::Tanh,
            loss: Loss::CrossEntropy,
            optimizer: OptimizerKind::Adam,
            lr: 0.03,
            batch: 10,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed: 5,
        },
        network_epochs: 60,
    }
}

/// The rows of `idx` as (x, y), and the share of `pred` equal to `y`, counted by hand.
fn rows(d: &Dataset, idx: &[usize]) -> (Vec<f32>, Vec<f32>) {
    (idx.iter().flat_map(|&i| d.point(i)).collect(), idx.iter().map(|&i| d.targets[i]).collect())
}
fn share_equal(pred: &[f32], y: &[f32]) -> f32 {
    pred.iter().zip(y).filter(|(p, t)| p == t).count() as f32 / y.len() as f32
}

#[test]
fn every_row_matches_the_model_fitted_on_its_own() {
    let (d, s) = moons();
    let mut c = ModelComparison::new(&d, &s, setup(8));
    assert!(!c.evaluate_test(), "no test before all four are fitted");
    let steps = step_within(&mut c, 10_000, f64::INFINITY, &|| 0.0);
    assert!(c.done() && steps > MODELS);
    assert_eq!(c.progress().done, MODELS);
    let (tx, ty) = rows(&d, &s.train);
    let (vx, vy) = rows(&d, &s.val);
    let mut pred = vec![0.0; vy.len()];
    DecisionTree::fit(&tx, 2, &ty, &setup(8).tree).unwrap().predict_into(&vx, &mut pred).unwrap();
    assert_eq!(c.rows()[0].as_ref().unwrap().val_acc, Some(share_equal(&pred, &vy)));
    RandomForest::fit(&tx, 2, &ty, &setup(8).forest).unwrap().predict_into(&vx, &mut pred).unwrap();
    assert_eq!(c.rows()[1].as_ref().unwrap().val_acc, Some(share_equal(&pred, &vy)));
    for (i, row) in c.rows().iter().enumerate() {
        let row = row.as_ref().unwrap();
        assert!(row.error.is_none(), "model {i}: {:?}", row.error);
        assert!(row.val_acc.unwrap() > 0.8, "model {i} learns the moons: {:?}", row.val_acc);
        assert_eq!(row.test_acc, None);
    }
}

#[test]
fn fit_times_come_from_the_callers_clock_and_the_test_set_is_seen_once() {
    let (d, s) = moons();
    let mut c = ModelComparison::new(&d, &s, setup(8));
    // The clock moves 0.5 ms per reading and a slice reads it before and after, so each slice
    // costs 0.5 ms: the tree is one slice, 8 forest trees two slices of four, 40 boosting rounds
    // four slices of ten, and 60 network epochs twelve slices of five.
    let clock = Cell::new(0.0);
    let now = || clock.get();
    while !c.done() {
        c.step_timed(&|| {
            clock.set(clock.get() + 0.5);
            now()
        });
    }
    let ms: Vec<f64> = c.rows().iter().map(|r| r.as_ref().unwrap().fit_ms).collect();
    assert_eq!(ms, [0.5, 1.0, 2.0, 6.0]);
    assert!(c.can_evaluate_test());
    assert!(c.evaluate_test());
    let tested: Vec<_> = c.rows().iter().map(|r| r.as_ref().unwrap().test_acc).collect();
    assert!(tested.iter().all(|a| a.is_some_and(|a| a > 0.75)), "{tested:?}");
    assert!(c.tested());
    assert!(!c.evaluate_test(), "a second look is refused");
}

#[test]
fn a_model_that_cannot_be_fitted_says_why_and_the_others_still_run() {
    let (d, s) = moons();
    let mut c = ModelComparison::new(&d, &s, setup(0));
    step_within(&mut c, 10_000, f64::INFINITY, &|| 0.0);
    let forest = c.rows()[1].as_ref().unwrap();
    assert!(forest.error.as_ref().is_some_and(|e| e.field == "n_trees"), "{:?}", forest.error);
    assert_eq!(forest.val_acc, None);
    for i in [0, 2, 3] {
        assert!(c.rows()[i].as_ref().unwrap().val_acc.is_some(), "model {i}");
    }
}
