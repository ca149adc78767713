//! Properties of the data lab's models and metrics on random tables and settings (issue 23):
//! logistic regression, k-nearest neighbours and the scores never panic — on empty tables,
//! mismatched lengths, NaN and ±∞ in features or labels, a class count of one, settings out of
//! range — and answer either an error naming what was wrong or finite numbers: probabilities in
//! [0, 1] that sum to 1, classes among those seen, scores in their ranges.

use perplexed_core::linear::logistic::{LogisticParams, LogisticRegression};
use perplexed_core::metrics::scores::{accuracy, regression_scores, roc_auc, roc_curve, ClassScores};
use perplexed_core::neighbors::knn::{KnnClassifier, KnnParams, KnnRegressor, Weights};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A cell of a feature table: ordinary numbers mostly, and now and then what a pasted CSV can
/// hold.
fn cell() -> impl Strategy<Value = f32> {
    prop_oneof![300 => -5.0f32..5.0, 1 => Just(f32::NAN), 1 => Just(f32::INFINITY), 1 => Just(1e30f32)]
}

/// A label: a class index 0–3 mostly, and now and then a value no class is.
fn label() -> impl Strategy<Value = f32> {
    prop_oneof![100 => (0u8..4).prop_map(f32::from), 1 => Just(f32::NAN), 1 => Just(-1.0f32), 1 => Just(0.5f32)]
}

/// A table: `n` rows of `d` features, its labels (sometimes one too few or too many).
fn table() -> impl Strategy<Value = (Vec<f32>, usize, Vec<f32>)> {
    (0usize..40, 0usize..5, prop_oneof![8 => Just(0i32), 1 => Just(-1), 1 => Just(1)]).prop_flat_map(|(n, d, skew)| {
        let labels = (n as i32 + skew).max(0) as usize;
        (prop::collection::vec(cell(), n * d), Just(d), prop::collection::vec(label(), labels))
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn logistic_regression_fits_or_names_the_problem(
        (x, d, y) in table(),
        c in prop_oneof![1 => Just(0.0f64), 1 => Just(-1.0), 1 => Just(f64::NAN), 1 => Just(f64::INFINITY), 12 => 1e-3f64..100.0],
        max_iter in 0usize..60,
        tol in prop_oneof![1 => Just(0.0f64), 1 => Just(-1.0), 1 => Just(f64::NAN), 12 => 1e-10f64..1e-2],
        query in prop::collection::vec(cell(), 0..12),
    ) {
        match LogisticRegression::fit(&x, d, &y, &LogisticParams { c, max_iter, tol }) {
            Err(e) => prop_assert!(!e.field.is_empty()),
            Ok(m) => {
                prop_assert!(m.coefficients().iter().chain(m.intercepts()).all(|v| v.is_finite()), "{:?}", m.coefficients());
                match m.predict_proba(&query) {
                    Err(e) => prop_assert!(!e.field.is_empty()),
                    Ok(p) => {
                        let k = m.n_classes().max(1);
                        for row in p.chunks(k) {
                            let sum: f32 = row.iter().sum();
                            prop_assert!(row.iter().all(|v| (0.0..=1.0).contains(v)) && (sum - 1.0).abs() < 1e-4, "{row:?}");
                        }
                    }
                }
                if let Ok(classes) = m.predict(&query) {
                    prop_assert!(classes.iter().all(|c| y.contains(c)), "{classes:?} not among {y:?}");
                }
            }
        }
    }

    #[test]
    fn knn_fits_or_names_the_problem(
        (x, d, y) in table(), k in 0usize..50, distance in any::<bool>(), query in prop::collection::vec(cell(), 0..12),
    ) {
        let params = KnnParams { k, weights: if distance { Weights::Distance } else { Weights::Uniform } };
        match KnnClassifier::fit(&x, d, &y, &params) {
            Err(e) => prop_assert!(!e.field.is_empty()),
            Ok(m) => {
                if let Ok(classes) = m.predict(&query) {
                    prop_assert!(classes.iter().all(|c| y.contains(c)), "{classes:?} not among {y:?}");
                }
                if let Ok(p) = m.predict_proba(&query) {
                    prop_assert!(p.iter().all(|v| (0.0..=1.0).contains(v)), "{p:?}");
                }
            }
        }
        if let Ok(m) = KnnRegressor::fit(&x, d, &y, &params) {
            if let Ok(v) = m.predict(&query) {
                prop_assert!(v.iter().all(|v| v.is_finite()), "{v:?}");
            }
        }
    }

    /// The scores: an error for mismatched or unusable inputs, else a value in range.
    #[test]
    fn scores_never_panic(
        truth in prop::collection::vec(label(), 0..30), predicted in prop::collection::vec(label(), 0..30),
        scores in prop::collection::vec(cell(), 0..30),
    ) {
        if let Ok(a) = accuracy(&truth, &predicted) {
            prop_assert!((0.0..=1.0).contains(&a));
        }
        if let Ok(s) = ClassScores::new(&truth, &predicted) {
            let m = s.macro_average();
            prop_assert!([m.precision, m.recall, m.f1].iter().all(|v| (0.0..=1.0).contains(v)), "{m:?}");
        }
        let binary: Vec<f32> = truth.iter().map(|t| if *t >= 1.0 { 1.0 } else { 0.0 }).collect();
        if let Ok(auc) = roc_auc(&binary, &scores) {
            prop_assert!((0.0..=1.0).contains(&auc), "{auc}");
        }
        if let Ok(r) = roc_curve(&binary, &scores) {
            prop_assert!(r.fpr.iter().chain(&r.tpr).all(|v| (0.0..=1.0).contains(v)));
        }
        if let Ok(r) = regression_scores(&truth, &predicted) {
            prop_assert!(r.mae >= 0.0 && r.rmse >= r.mae - 1e-12, "{r:?}");
        }
    }
}
