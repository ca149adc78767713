//! Permutation importance against scikit-learn (`fixtures/sklearn/make_fixtures.py`).
//!
//! Our generator is not NumPy's, so the check feeds in scikit-learn's own permutations: the
//! generator reproduces how `permutation_importance` draws them (one seed from the
//! `random_state`, a fresh `RandomState` per column whose shuffles of one index array
//! accumulate, so repeat `r` permutes the column by `P_r = P_{r−1}[idx_r]`), stores the `P_r`,
//! recomputes the importances by hand with them and asserts that equals scikit-learn's output to
//! 1e-12 (`hand_vs_sklearn` in the JSON: 0 in both cases). Here the same permutations go through
//! [`importance_with_permutations`] with our models and scores, and must match to 1e-9
//! relative:
//!
//! - `linear_r2`: a fixed linear model whose predictions are rounded to f32 (the same sequential
//!   sum on both sides), scored by R²;
//! - `knn_accuracy`: our k-NN classifier (k = 5, identical predictions to scikit-learn's) scored
//!   by accuracy.
//!
//! Then the seeded API: same seed same bits, the stepping contract, a planted informative
//! feature found, and the errors.

use perplexed_core::metrics::importance::{importance_with_permutations, permutation_importance, PermutationImportance};
use perplexed_core::metrics::scores::{accuracy, r2_score};
use perplexed_core::neighbors::knn::{KnnClassifier, KnnParams, Weights};
use perplexed_core::rng::Rng;
use perplexed_core::stepping::{Progress, Stepping};
use serde_json::Value;

mod tabular;
use tabular::{dataset, fixture, floats};

/// scikit-learn applies the same `P_r` to every column; our API takes one per (feature, repeat).
fn feature_major(case: &Value, d: usize) -> Vec<Vec<usize>> {
    let per_repeat: Vec<Vec<usize>> = case["permutations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect())
        .collect();
    (0..d).flat_map(|_| per_repeat.iter().cloned()).collect()
}

fn r2(t: &[f32], p: &[f32]) -> f64 {
    r2_score(t, p).unwrap_or(f64::NAN)
}

fn acc(t: &[f32], p: &[f32]) -> f64 {
    accuracy(t, p).unwrap_or(f64::NAN)
}

fn compare(name: &str, got: &[f64], want: &[f64]) -> f64 {
    assert_eq!(got.len(), want.len(), "{name}");
    let mut worst = 0.0f64;
    for (g, w) in got.iter().zip(want) {
        let e = (g - w).abs() / w.abs().max(1e-300);
        let e = if g == w { 0.0 } else { e };
        assert!(e <= 1e-9, "{name}: {g} vs {w}");
        worst = worst.max(e);
    }
    worst
}

#[test]
fn importance_matches_sklearn_with_its_own_permutations() {
    let json = fixture();
    let cases = json["importance"].as_array().unwrap();
    // Linear model with f32 predictions, R².
    let c = &cases[0];
    assert_eq!(c["name"], "linear_r2");
    assert_eq!(c["hand_vs_sklearn"].as_f64().unwrap(), 0.0);
    let (x, d, y) = dataset(&json, "imp", "test");
    let (coef, intercept) = (floats(&c["coef"]), c["intercept"].as_f64().unwrap());
    let predict = |x: &[f32]| -> Vec<f32> {
        x.chunks_exact(d)
            .map(|row| {
                let mut acc = 0.0f64;
                for (v, w) in row.iter().zip(&coef) {
                    acc += f64::from(*v) * w;
                }
                (acc + intercept) as f32
            })
            .collect()
    };
    let repeats = c["n_repeats"].as_u64().unwrap() as usize;
    let imp = importance_with_permutations(&x, d, &y, repeats, feature_major(c, d), predict, r2).unwrap();
    assert_eq!(imp.baseline, c["baseline"].as_f64().unwrap(), "baseline R²");
    let mut worst = compare("linear raw", &imp.raw, &floats(&c["importances"]));
    worst = worst.max(compare("linear mean", &imp.mean, &floats(&c["mean"])));
    worst = worst.max(compare("linear std", &imp.std, &floats(&c["std"])));
    println!("permutation importance, linear / R²: max relative error {worst:.1e}; means {:?}", imp.mean);

    // Our k-NN, accuracy.
    let c = &cases[1];
    assert_eq!(c["name"], "knn_accuracy");
    assert_eq!(c["hand_vs_sklearn"].as_f64().unwrap(), 0.0);
    let (xtr, d, ytr) = dataset(&json, "blobs", "train");
    let rows = c["train_rows"].as_u64().unwrap() as usize;
    let k = c["k"].as_u64().unwrap() as usize;
    let model = KnnClassifier::fit(&xtr[..rows * d], d, &ytr[..rows], &KnnParams { k, weights: Weights::Uniform }).unwrap();
    let (x, _, y) = dataset(&json, "blobs", "test");
    let repeats = c["n_repeats"].as_u64().unwrap() as usize;
    let predict = |x: &[f32]| model.predict(x).unwrap();
    let imp = importance_with_permutations(&x, d, &y, repeats, feature_major(c, d), predict, acc).unwrap();
    assert_eq!(imp.baseline, c["baseline"].as_f64().unwrap());
    let mut worst = compare("knn raw", &imp.raw, &floats(&c["importances"]));
    worst = worst.max(compare("knn mean", &imp.mean, &floats(&c["mean"])));
    worst = worst.max(compare("knn std", &imp.std, &floats(&c["std"])));
    println!("permutation importance, k-NN / accuracy: max relative error {worst:.1e}; means {:?}", imp.mean);
}

/// 400 rows, 4 features; y = 3·x₂ + small noise: only feature 2 matters to the true model.
fn planted() -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(77);
    let x: Vec<f32> = (0..400 * 4).map(|_| rng.normal()).collect();
    let y = x.chunks_exact(4).map(|r| 3.0 * r[2] + 0.1 * rng.normal()).collect();
    (x, y)
}

fn oracle(x: &[f32]) -> Vec<f32> {
    x.chunks_exact(4).map(|r| 3.0 * r[2]).collect()
}

#[test]
fn the_seeded_api_finds_the_planted_feature_and_repeats_itself() {
    let (x, y) = planted();
    let a = permutation_importance(&x, 4, &y, 5, 9, oracle, r2).unwrap();
    let b = permutation_importance(&x, 4, &y, 5, 9, oracle, r2).unwrap();
    assert_eq!(a, b, "same seed, same bits");
    let c = permutation_importance(&x, 4, &y, 5, 10, oracle, r2).unwrap();
    assert_ne!(a.raw, c.raw, "another seed, other permutations");
    // Shuffling x₂ destroys the prediction: R² falls from ≈ 1 to ≈ −1 (the prediction becomes
    // an independent copy of y's scale), an importance near 2. The others are ignored: exactly 0.
    assert!(a.baseline > 0.99);
    assert!(a.mean[2] > 1.5 && a.mean[2] < 2.5, "{:?}", a.mean);
    assert_eq!([a.mean[0], a.mean[1], a.mean[3]], [0.0; 3]);
    assert_eq!([a.std[0], a.std[1], a.std[3]], [0.0; 3]);
    assert!(a.std[2] > 0.0);
    println!("planted feature: importances {:?} ± {:?}", a.mean, a.std);

    // A k-NN fitted on the same rows finds it too.
    let model = KnnClassifier::fit(&x, 4, &y.iter().map(|v| f32::from(*v > 0.0)).collect::<Vec<_>>(), &KnnParams::default()).unwrap();
    let labels: Vec<f32> = y.iter().map(|v| f32::from(*v > 0.0)).collect();
    let k = permutation_importance(&x, 4, &labels, 3, 1, |x| model.predict(x).unwrap(), acc).unwrap();
    let top = (0..4).max_by(|&i, &j| k.mean[i].total_cmp(&k.mean[j])).unwrap();
    assert_eq!(top, 2, "{:?}", k.mean);
}

#[test]
fn it_steps_one_permutation_at_a_time() {
    let (x, y) = planted();
    let mut run = PermutationImportance::new(&x, 4, &y, 3, 9, oracle, r2).unwrap();
    assert_eq!(run.progress(), Progress { done: 0, total: Some(12) });
    for _ in 0..4 {
        run.step();
    }
    assert_eq!(run.features_done(), 1);
    let partial = run.importances();
    assert_eq!((partial.mean.len(), partial.raw.len()), (1, 4));
    while !run.done() {
        run.step();
    }
    let full = run.importances();
    run.step();
    assert_eq!(run.importances(), full, "a step after the end changes nothing");
    assert_eq!(full.mean[0], partial.mean[0]);
    assert_eq!(full, permutation_importance(&x, 4, &y, 3, 9, oracle, r2).unwrap(), "stepping = one call");
}

#[test]
fn a_nan_score_gives_a_nan_importance_not_a_panic() {
    let (x, y) = planted();
    let nan_model = |x: &[f32]| vec![f32::NAN; x.len() / 4];
    let imp = permutation_importance(&x, 4, &y, 2, 1, nan_model, r2).unwrap();
    assert!(imp.baseline.is_nan() && imp.mean.iter().all(|v| v.is_nan()));
}

#[test]
fn invalid_inputs_name_their_field() {
    let (x, y) = planted();
    let f = |r: Result<perplexed_core::metrics::importance::Importances, perplexed_core::ParamError>| r.unwrap_err().field;
    assert_eq!(f(permutation_importance(&x, 4, &y, 0, 1, oracle, r2)), "n_repeats");
    assert_eq!(f(permutation_importance(&x, 4, &y[1..], 2, 1, oracle, r2)), "y");
    assert_eq!(f(permutation_importance(&[], 4, &[], 2, 1, oracle, r2)), "points");
    assert_eq!(f(permutation_importance(&x[..7], 4, &y[..1], 2, 1, oracle, r2)), "points");
    let mut bad = x.clone();
    bad[5] = f32::NAN;
    assert_eq!(f(permutation_importance(&bad, 4, &y, 2, 1, oracle, r2)), "points");
    let identity: Vec<usize> = (0..400).collect();
    assert_eq!(f(importance_with_permutations(&x, 4, &y, 1, vec![identity.clone(); 3], oracle, r2)), "permutations");
    let mut repeated = identity.clone();
    repeated[1] = 0;
    let mut perms = vec![identity.clone(); 4];
    perms[2] = repeated;
    assert_eq!(f(importance_with_permutations(&x, 4, &y, 1, perms, oracle, r2)), "permutations");
    let imp = importance_with_permutations(&x, 4, &y, 1, vec![identity; 4], oracle, r2).unwrap();
    assert_eq!(imp.mean, vec![0.0; 4], "the identity permutation changes nothing");
}
