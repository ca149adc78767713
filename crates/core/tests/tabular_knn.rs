//! k-nearest neighbours against scikit-learn (`fixtures/sklearn/make_fixtures.py`):
//! `KNeighborsClassifier` / `KNeighborsRegressor(algorithm="brute")` for k = 1, 5, 15, uniform
//! and distance weights, on 100 test rows and on 50 training rows (each its own neighbour at
//! distance 0). The generator checked that scikit-learn's neighbours are those of exact
//! distances and that no two distances near the k-th place are within 1e-9, so the neighbour
//! sets must be identical: classes exactly, the 15 neighbours' order exactly, probabilities and
//! regression values to 1e-6 relative (they are returned as f32: 6e-8).
//!
//! Also: scikit-learn's tie rule on a constructed tied vote, chunked prediction equal to whole
//! prediction, the errors, and the speed on 5,000 × 30.

use std::time::Instant;

use perplexed_core::neighbors::knn::{KnnClassifier, KnnParams, KnnRegressor, Weights};
use perplexed_core::rng::Rng;

mod tabular;
use tabular::{dataset, f32s, fixture, floats};

fn rel(g: f64, w: f64) -> f64 {
    (g - w).abs() / w.abs().max(1e-12)
}

#[test]
fn knn_matches_sklearn_for_every_k_and_weighting() {
    let json = fixture();
    let mut cases = 0;
    let (mut worst_p, mut worst_r) = (0.0f64, 0.0f64);
    for case in json["knn"].as_array().unwrap() {
        let name = case["data"].as_str().unwrap();
        let (x, d, y) = dataset(&json, name, "train");
        let (xt, _, _) = dataset(&json, name, "test");
        let own = &x[..50 * d];
        if let Some(idx) = case.get("neighbors_k15") {
            let m = KnnRegressor::fit(&x, d, &vec![0.0; y.len()], &KnnParams { k: 15, weights: Weights::Uniform }).unwrap();
            let want: Vec<usize> = idx.as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
            for (q, w) in xt.chunks_exact(d).zip(want.chunks_exact(15)) {
                let got: Vec<usize> = m.neighbors(q).unwrap().iter().map(|n| n.row).collect();
                assert_eq!(got, w, "{name}: the 15 nearest, nearest first");
            }
            continue;
        }
        cases += 1;
        let k = case["k"].as_u64().unwrap() as usize;
        let weights = Weights::from_slug(case["weights"].as_str().unwrap()).unwrap();
        let p = KnnParams { k, weights };
        let what = format!("{name} k={k} {weights:?}");
        if name == "blobs" {
            let m = KnnClassifier::fit(&x, d, &y, &p).unwrap();
            assert_eq!(m.predict(&xt).unwrap(), f32s(&case["predict"]), "{what}: classes");
            assert_eq!(m.predict(own).unwrap(), f32s(&case["predict_self"]), "{what}: classes of training rows");
            let proba = m.predict_proba(&xt).unwrap();
            for (g, w) in proba.iter().zip(floats(&case["proba"])) {
                let e = (f64::from(*g) - w).abs();
                assert!(e <= 1e-6, "{what}: probability {g} vs {w}");
                worst_p = worst_p.max(e);
            }
        } else {
            let m = KnnRegressor::fit(&x, d, &y, &p).unwrap();
            for (query, key) in [(&xt[..], "predict"), (own, "predict_self")] {
                for (g, w) in m.predict(query).unwrap().iter().zip(floats(&case[key])) {
                    let e = rel(f64::from(*g), w);
                    assert!(e <= 1e-6, "{what} {key}: {g} vs {w}");
                    worst_r = worst_r.max(e);
                }
            }
        }
    }
    assert_eq!(cases, 12);
    println!("k-NN vs sklearn: 12 cases, classes identical, max probability error {worst_p:.1e}, regression {worst_r:.1e} relative");
}

#[test]
fn a_tied_vote_goes_to_the_smallest_class_as_in_sklearn() {
    let json = fixture();
    let tie = &json["vote_tie"];
    // Neighbours of 0.2 with k = 2: 0.0 (class 1, distance 0.2) and 0.5 (class 0, distance 0.3).
    let (x, y) = ([0.0f32, 0.5, 10.0], [1.0f32, 0.0, 0.0]);
    let uniform = KnnClassifier::fit(&x, 1, &y, &KnnParams { k: 2, weights: Weights::Uniform }).unwrap();
    // One vote each: P = (½, ½), a tie, the smallest class (0) wins.
    assert_eq!(uniform.predict(&[0.2]).unwrap(), vec![tie["uniform"].as_f64().unwrap() as f32]);
    assert_eq!(uniform.predict(&[0.2]).unwrap(), vec![0.0]);
    assert_eq!(uniform.predict_proba(&[0.2]).unwrap(), f32s(&tie["uniform_proba"]));
    // Distance weights 1/0.2 = 5 for class 1 against 1/0.3 ≈ 3.33 for class 0: class 1.
    let distance = KnnClassifier::fit(&x, 1, &y, &KnnParams { k: 2, weights: Weights::Distance }).unwrap();
    assert_eq!(distance.predict(&[0.2]).unwrap(), vec![tie["distance"].as_f64().unwrap() as f32]);
    assert_eq!(distance.predict(&[0.2]).unwrap(), vec![1.0]);
    let p = distance.predict_proba(&[0.2]).unwrap();
    assert!((p[1] - 0.6).abs() < 1e-6, "5 / (5 + 10/3) = 0.6: {p:?}");
    // Three classes, one vote each (0.1 is nearest to 0.0, 1.0 and −1.5): class 0.
    let three = KnnClassifier::fit(&[0.0, 1.0, -1.5, 9.0], 1, &[2.0, 1.0, 0.0, 0.0], &KnnParams { k: 3, weights: Weights::Uniform }).unwrap();
    assert_eq!(three.predict(&[0.1]).unwrap(), vec![tie["three_way"].as_f64().unwrap() as f32]);
    assert_eq!(three.predict(&[0.1]).unwrap(), vec![0.0]);
}

#[test]
fn a_row_on_a_training_row_takes_its_answer_under_distance_weights() {
    // Query 1.0 sits on the second row: with distance weights only it answers (weight 1, others 0).
    let x = [0.0f32, 1.0, 1.5, 3.0];
    let m = KnnRegressor::fit(&x, 1, &[10.0, 20.0, 30.0, 40.0], &KnnParams { k: 3, weights: Weights::Distance }).unwrap();
    assert_eq!(m.predict(&[1.0]).unwrap(), vec![20.0]);
    // Uniform: the mean of 20, 30 and 10 (distances 0, 0.5, 1).
    let u = KnnRegressor::fit(&x, 1, &[10.0, 20.0, 30.0, 40.0], &KnnParams { k: 3, weights: Weights::Uniform }).unwrap();
    assert_eq!(u.predict(&[1.0]).unwrap(), vec![20.0]);
    assert_eq!(u.predict(&[2.9]).unwrap(), vec![30.0], "(40 + 30 + 20)/3");
}

fn random_table(n: usize, d: usize, classes: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(seed);
    let x: Vec<f32> = (0..n * d).map(|_| rng.normal()).collect();
    let y: Vec<f32> = (0..n).map(|_| rng.below(classes) as f32).collect();
    (x, y)
}

#[test]
fn predicting_in_blocks_equals_predicting_all_at_once() {
    let (x, y) = random_table(600, 7, 4, 5);
    let (q, _) = random_table(333, 7, 4, 6);
    let m = KnnClassifier::fit(&x, 7, &y, &KnnParams { k: 9, weights: Weights::Distance }).unwrap();
    let all = m.predict_proba(&q).unwrap();
    let mut blocks = vec![0.0f32; all.len()];
    let k = m.n_classes();
    for start in (0..333).step_by(50) {
        let end = (start + 50).min(333);
        m.predict_proba_into(&q[start * 7..end * 7], &mut blocks[start * k..end * k]).unwrap();
    }
    assert_eq!(all, blocks);
    assert_eq!(m.predict(&[]).unwrap(), Vec::<f32>::new(), "no rows asked, no answers");
}

#[test]
fn knn_speed_on_5000_by_30() {
    // Release: the full 5,000 × 5,000 × 30; a debug build checks a tenth of the queries.
    let queries = if cfg!(debug_assertions) { 500 } else { 5000 };
    let (x, y) = random_table(5000, 30, 3, 1);
    let (q, _) = random_table(queries, 30, 3, 2);
    let m = KnnClassifier::fit(&x, 30, &y, &KnnParams::default()).unwrap();
    let start = Instant::now();
    let pred = m.predict(&q).unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(pred.len(), queries);
    println!(
        "k-NN (k = 5) predicting {queries} rows against 5,000 stored × 30 features: {:.3} s, {:.1} µs per row asked",
        secs,
        secs * 1e6 / queries as f64
    );
}

#[test]
fn invalid_settings_name_their_field() {
    let x = [0.0f32, 1.0, 2.0, 3.0];
    let y = [0.0f32, 1.0, 0.0, 1.0];
    let p = |k| KnnParams { k, weights: Weights::Uniform };
    let field = |r: Result<KnnClassifier, perplexed_core::ParamError>| r.err().map(|e| e.field);
    assert_eq!(field(KnnClassifier::fit(&x, 1, &y, &p(0))), Some("k"));
    assert_eq!(field(KnnClassifier::fit(&x, 1, &y, &p(5))), Some("k"), "k > n");
    assert!(KnnClassifier::fit(&x, 1, &y, &p(4)).is_ok(), "k = n is fine");
    assert_eq!(field(KnnClassifier::fit(&[], 1, &[], &p(1))), Some("points"), "empty");
    assert_eq!(field(KnnClassifier::fit(&x, 1, &y[..3], &p(1))), Some("y"), "mismatched lengths");
    assert_eq!(field(KnnClassifier::fit(&x, 1, &[0.0, 0.5, 1.0, 1.0], &p(1))), Some("y"), "not a class");
    assert_eq!(field(KnnClassifier::fit(&[0.0, f32::NAN, 2.0, 3.0], 1, &y, &p(1))), Some("points"), "NaN");
    assert_eq!(field(KnnClassifier::fit(&x, 3, &y, &p(1))), Some("points"), "not whole rows");
    assert_eq!(field(KnnClassifier::fit(&x, 0, &y, &p(1))), Some("n_features"));
    let r = KnnRegressor::fit(&x, 1, &[0.0, f32::NAN, 1.0, 1.0], &p(1)).unwrap_err();
    assert_eq!(r.field, "y", "NaN target");
    let m = KnnClassifier::fit(&x, 2, &y[..2], &p(2)).unwrap();
    assert_eq!(m.predict(&[1.0, f32::NAN]).unwrap_err().field, "points");
    assert_eq!(m.predict(&[1.0, 2.0, 3.0]).unwrap_err().field, "points");
    assert_eq!(m.predict_into(&[1.0, 2.0], &mut [0.0; 2]).unwrap_err().field, "out");
    assert_eq!(m.neighbors(&[1.0]).unwrap_err().field, "points");
}
