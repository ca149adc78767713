//! RandomForest: seeded determinism however the growing is sliced, the bootstrap, the OOB score
//! against held-out data, soft voting, feature subsampling, and invalid settings.

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::metrics::regression::r_squared;
use perplexed_core::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams};
use perplexed_core::tree::forest::{ForestParams, RandomForest, MAX_TREES};

fn data(kind: DatasetKind, n: usize, seed: u64, noise: f32) -> (Vec<f32>, Vec<f32>) {
    let d = generate(&DataParams { kind, points: n, noise, seed }).unwrap();
    (d.points, d.targets)
}

fn accuracy(pred: &[f32], y: &[f32]) -> f64 {
    pred.iter().zip(y).filter(|(p, t)| p == t).count() as f64 / y.len() as f64
}

#[test]
fn forest_same_seed_same_forest_however_it_is_grown() {
    let (x, y) = data(DatasetKind::Spiral, 300, 1, 0.2);
    let p = ForestParams { n_trees: 40, max_depth: Some(6), seed: 17, ..ForestParams::default() };
    let whole = RandomForest::fit(&x, 2, &y, &p).unwrap();
    assert!(whole.is_complete());
    let mut sliced = RandomForest::new(&x, 2, &y, &p).unwrap();
    assert_eq!(sliced.n_trees(), 0);
    assert_eq!(sliced.grow(1), 1);
    assert_eq!(sliced.grow(7), 7);
    assert_eq!(sliced.grow(1000), 32, "never past n_trees");
    assert_eq!(sliced.grow(5), 0);
    assert_eq!(whole.trees(), sliced.trees());
    assert_eq!(whole.oob_score(), sliced.oob_score());
    // The first 15 trees of the 40-tree forest are the 15-tree forest.
    let small = RandomForest::fit(&x, 2, &y, &ForestParams { n_trees: 15, ..p }).unwrap();
    assert_eq!(small.trees(), &whole.trees()[..15]);
    // Another seed, another forest.
    let other = RandomForest::fit(&x, 2, &y, &ForestParams { seed: 18, ..p }).unwrap();
    assert_ne!(other.trees(), whole.trees());
    let (mut a, mut b) = (vec![0.0f32; 600], vec![0.0f32; 600]);
    whole.predict_proba_into(&x, &mut a).unwrap();
    sliced.predict_proba_into(&x, &mut b).unwrap();
    assert_eq!(a, b);
}

#[test]
fn forest_bootstrap_samples_n_points_with_replacement() {
    let n = 500;
    let (x, y) = data(DatasetKind::Moons, n, 2, 0.3);
    let f = RandomForest::fit(&x, 2, &y, &ForestParams { n_trees: 30, ..ForestParams::default() }).unwrap();
    let mut distinct_share = 0.0;
    for (t, tree) in f.trees().iter().enumerate() {
        let counts = f.bootstrap_counts(t).unwrap();
        assert_eq!(counts.iter().sum::<u32>() as usize, n);
        let distinct = counts.iter().filter(|&&c| c > 0).count();
        // The root holds every drawn point once per draw, and the distinct ones once each.
        assert_eq!(tree.nodes()[0].weighted_samples, n as f64);
        assert_eq!(tree.nodes()[0].n_samples, distinct);
        distinct_share += distinct as f64 / n as f64 / 30.0;
    }
    // E[distinct share] = 1 − (1 − 1/n)ⁿ ≈ 0.632 (sd of the 30-tree mean ≈ 0.004).
    assert!((distinct_share - 0.632).abs() < 0.02, "{distinct_share}");
    assert!(f.bootstrap_counts(30).is_none());
    // After one tree about 36.8 % of the points are out of bag (sd ≈ 2.2 %).
    let mut one = RandomForest::new(&x, 2, &y, &ForestParams::default()).unwrap();
    assert_eq!((one.oob_score(), one.oob_coverage()), (None, 0));
    one.grow(1);
    let share = one.oob_coverage() as f64 / n as f64;
    assert!((0.30..0.44).contains(&share), "{share}");
    // Without bootstrap every tree sees everything once, and there is no OOB score.
    let all = RandomForest::fit(&x, 2, &y, &ForestParams { n_trees: 3, bootstrap: false, ..ForestParams::default() }).unwrap();
    assert_eq!(all.bootstrap_counts(2).unwrap(), vec![1; n]);
    assert_eq!(all.oob_score(), None);
}

#[test]
fn forest_without_randomness_is_the_single_tree() {
    let (x, y) = data(DatasetKind::Xor, 200, 3, 0.2);
    let p = ForestParams { n_trees: 4, bootstrap: false, max_features: MaxFeatures::All, max_depth: Some(5), ..ForestParams::default() };
    let f = RandomForest::fit(&x, 2, &y, &p).unwrap();
    let tree = DecisionTree::fit(&x, 2, &y, &TreeParams { max_depth: Some(5), ..TreeParams::default() }).unwrap();
    for t in f.trees() {
        assert_eq!(t, &tree);
    }
}

#[test]
fn forest_oob_score_tracks_held_out_accuracy() {
    // Same generator, disjoint seeds: training and test points from one distribution.
    for (kind, noise) in [(DatasetKind::Moons, 0.3), (DatasetKind::Circle, 0.25), (DatasetKind::ThreeClass, 0.3)] {
        let (x, y) = data(kind, 400, 10, noise);
        let (xt, yt) = data(kind, 2000, 11, noise);
        let f = RandomForest::fit(&x, 2, &y, &ForestParams { max_depth: Some(8), seed: 5, ..ForestParams::default() }).unwrap();
        let mut pred = vec![0.0; yt.len()];
        f.predict_into(&xt, &mut pred).unwrap();
        let (oob, test) = (f.oob_score().unwrap(), accuracy(&pred, &yt));
        println!("{kind:?}: OOB {oob:.3}, held-out {test:.3}");
        assert!((oob - test).abs() < 0.05, "{kind:?}: OOB {oob} vs held-out {test}");
        assert!(test > 0.75, "{kind:?}: a forest learns this set ({test})");
    }
    let (x, y) = data(DatasetKind::MultiGaussian, 400, 10, 0.1);
    let (xt, yt) = data(DatasetKind::MultiGaussian, 2000, 11, 0.1);
    let p = ForestParams { criterion: Criterion::SquaredError, max_features: MaxFeatures::All, ..ForestParams::default() };
    let f = RandomForest::fit(&x, 2, &y, &p).unwrap();
    let mut pred = vec![0.0; yt.len()];
    f.predict_into(&xt, &mut pred).unwrap();
    let (oob, test) = (f.oob_score().unwrap(), f64::from(r_squared(&pred, &yt)));
    println!("regression: OOB R² {oob:.3}, held-out R² {test:.3}");
    assert!((oob - test).abs() < 0.08 && test > 0.5, "OOB R² {oob} vs held-out {test}");
}

#[test]
fn forest_probability_is_the_mean_of_its_trees_and_votes_are_theirs() {
    let (x, y) = data(DatasetKind::ThreeClass, 300, 6, 0.4);
    let f = RandomForest::fit(&x, 2, &y, &ForestParams { n_trees: 25, max_depth: Some(4), ..ForestParams::default() }).unwrap();
    let grid: Vec<f32> = (0..50).flat_map(|i| [-6.0 + 0.24 * i as f32, 5.0 - 0.2 * i as f32]).collect();
    let mut proba = vec![0.0f32; 150];
    let mut labels = vec![0.0f32; 50];
    f.predict_proba_into(&grid, &mut proba).unwrap();
    f.predict_into(&grid, &mut labels).unwrap();
    let mut tree_p = vec![0.0f32; 150];
    let mut mean = vec![0.0f64; 150];
    for t in f.trees() {
        t.predict_proba_into(&grid, &mut tree_p).unwrap();
        mean.iter_mut().zip(&tree_p).for_each(|(m, &p)| *m += f64::from(p) / 25.0);
    }
    for (a, b) in proba.iter().zip(&mean) {
        assert!((f64::from(*a) - b).abs() < 1e-6);
    }
    for (i, p) in grid.chunks(2).enumerate() {
        let votes = f.votes(p).unwrap();
        assert_eq!(votes.len(), 25);
        for (v, t) in votes.iter().zip(f.trees()) {
            assert_eq!(*v, t.predict_row(p));
        }
        let probs = &proba[3 * i..3 * i + 3];
        let best = (0..3).fold(0, |b, k| if probs[k] > probs[b] { k } else { b });
        assert_eq!(labels[i], best as f32);
    }
    assert_eq!(f.votes(&[0.0]).unwrap_err().field, "row");
}

#[test]
fn forest_feature_subsampling_lets_noise_features_ask_questions() {
    // x0 decides the class (with some label noise), x1 is pure noise. Trying every feature, every
    // root asks about x0; trying one feature per split (√2 → 1), about half the roots can only
    // ask about x1.
    let mut rng = perplexed_core::rng::Rng::new(9);
    let n = 300;
    let mut x = Vec::with_capacity(2 * n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let (a, b) = (rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0));
        x.extend([a, b]);
        y.push(f32::from(u8::from(a + 0.3 * rng.normal() > 0.0)));
    }
    let base = ForestParams { n_trees: 100, max_depth: Some(3), ..ForestParams::default() };
    let roots_on_noise = |p: &ForestParams| {
        let f = RandomForest::fit(&x, 2, &y, p).unwrap();
        f.trees().iter().filter(|t| t.nodes()[0].split.unwrap().feature == 1).count()
    };
    assert_eq!(roots_on_noise(&ForestParams { max_features: MaxFeatures::All, ..base }), 0);
    let k = roots_on_noise(&base);
    assert!((30..=70).contains(&k), "{k} of 100 roots on the noise feature");
    for t in RandomForest::fit(&x, 2, &y, &base).unwrap().trees() {
        assert!(t.depth() <= 3);
    }
}

#[test]
fn forest_rejects_invalid_settings_and_predicts_the_prior_before_any_tree() {
    let (x, y) = data(DatasetKind::Moons, 50, 1, 0.1);
    let p = ForestParams::default();
    let field = |p: ForestParams| RandomForest::new(&x, 2, &y, &p).unwrap_err().field;
    assert_eq!(field(ForestParams { n_trees: 0, ..p }), "n_trees");
    assert_eq!(field(ForestParams { n_trees: MAX_TREES + 1, ..p }), "n_trees");
    assert_eq!(field(ForestParams { max_features: MaxFeatures::Count(3), ..p }), "max_features");
    assert_eq!(field(ForestParams { max_depth: Some(0), ..p }), "max_depth");
    assert_eq!(field(ForestParams { min_samples_leaf: 0, ..p }), "min_samples_leaf");
    assert_eq!(RandomForest::new(&x, 2, &y[..10], &p).unwrap_err().field, "y");
    assert_eq!(RandomForest::new(&[], 2, &[], &p).unwrap_err().field, "x");
    assert!(RandomForest::new(&x, 2, &y, &ForestParams { n_trees: MAX_TREES, ..p }).is_ok());

    let f = RandomForest::new(&x, 2, &y, &p).unwrap();
    let mut out = vec![0.0f32; 4];
    f.predict_proba_into(&x[..4], &mut out).unwrap();
    assert_eq!(out, vec![0.5; 4], "balanced moons: the prior is ½, ½");
    assert!(f.votes(&[0.0, 0.0]).unwrap().is_empty());
    // One class only (classes = largest label + 1 = 1): every tree is one leaf, probability 1.
    let f = RandomForest::fit(&x, 2, &[0.0; 50], &ForestParams { n_trees: 3, ..p }).unwrap();
    assert_eq!(f.n_classes(), 1);
    assert!(f.trees().iter().all(|t| t.n_nodes() == 1));
    let mut one = vec![0.0f32; 2];
    f.predict_proba_into(&x[..4], &mut one).unwrap();
    assert_eq!(one, vec![1.0; 2]);
}
