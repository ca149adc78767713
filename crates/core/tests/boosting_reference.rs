//! Gradient boosting against scikit-learn (`fixtures/gen_trees_reference.py`; versions in the
//! JSON), `subsample = 1`:
//!
//! * `GradientBoostingClassifier(loss="log_loss")`, binary: stumps, ν = 0.1, 60 rounds; depth 3,
//!   ν = 0.5, 30 rounds, leaves of ≥ 5 points; and 3-class (one tree per class per round): depth 2, ν = 0.2, 25 rounds;
//! * `GradientBoostingRegressor(loss="squared_error")`: depth 2, ν = 0.1, 80 rounds, leaves of
//!   ≥ 5 points; stumps, ν = 1, 20 rounds.
//!
//! Compared: the prior `F₀`, the raw scores (`decision_function` / `predict`) of 40 test points
//! after **every** round, the final predicted labels / values, and the staged mean training loss
//! (computed by the generator from scikit-learn's staged scores: log-loss / cross-entropy / MSE).
//!
//! Tolerance `1e-12·max(1, |ref|)`. Both sides compute in f64 and choose the same splits (the
//! generator checked every case is independent of scikit-learn's random_state on training and
//! test points, i.e. tie-free), so the only differences are summation orders inside the leaves
//! (~1e-16 relative per round), accumulated over at most 80 rounds; the Newton steps divide by
//! Σp(1−p), which can amplify them a little. Measured worst deviation ≈ 4e-15 (printed).

use perplexed_core::data::dataset::Problem;
use perplexed_core::tree::boosting::{BoostingParams, GradientBoosting};
use serde_json::Value;

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

fn dataset(json: &Value, name: &str) -> (Vec<f32>, usize, Vec<f32>) {
    let d = &json["data"][name];
    let y = if d["y"].is_null() { vec![] } else { f32s(&d["y"]) };
    (f32s(&d["x"]), d["n_features"].as_u64().unwrap() as usize, y)
}

fn close(what: &str, got: f64, want: f64, worst: &mut f64) {
    let d = (got - want).abs();
    assert!(d <= 1e-12 * want.abs().max(1.0), "{what}: {got} vs scikit-learn {want}");
    *worst = worst.max(d);
}

#[test]
fn boosting_staged_scores_equal_sklearn_gradient_boosting() {
    let json: Value = serde_json::from_str(include_str!("fixtures/trees_reference.json")).unwrap();
    let cases = json["boosting"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let (mut worst_raw, mut worst_loss) = (0.0f64, 0.0f64);
    for c in cases {
        assert_eq!(c["random_state_invariant"], Value::Bool(true));
        let problem = Problem::from_slug(c["problem"].as_str().unwrap()).unwrap();
        let (x, d, y) = dataset(&json, c["data"].as_str().unwrap());
        let (xt, _, _) = dataset(&json, c["test"].as_str().unwrap());
        let rounds = c["rounds"].as_u64().unwrap() as usize;
        let lr = c["learning_rate"].as_f64().unwrap();
        let params = BoostingParams {
            problem,
            rounds,
            learning_rate: lr as f32,
            max_depth: c["max_depth"].as_u64().unwrap() as usize,
            min_samples_leaf: c["min_samples_leaf"].as_u64().unwrap() as usize,
            ..BoostingParams::default()
        };
        // The generator fitted with exactly the f32 learning rate.
        assert_eq!(f64::from(params.learning_rate), lr);
        let what = format!("{} {:?}", c["data"], params);
        let gb = GradientBoosting::fit(&x, d, &y, &params).unwrap();
        assert_eq!(gb.rounds_done(), rounds, "{what}");
        assert!(!gb.diverged());

        for (g, w) in gb.init_scores().iter().zip(floats(&c["init_raw"])) {
            close(&format!("{what}: F₀"), *g, w, &mut worst_raw);
        }
        let t = gb.trees_per_round();
        let xt = &xt[..40 * d];
        let stages = c["test_raw"].as_array().unwrap();
        assert_eq!(stages.len(), rounds + 1);
        let mut raw = vec![0.0; 40 * t];
        for (m, stage) in stages.iter().enumerate() {
            gb.raw_into(xt, m, &mut raw).unwrap();
            let want: Vec<f64> = stage.as_array().unwrap().iter().flat_map(floats).collect();
            assert_eq!(want.len(), raw.len());
            for (i, (g, w)) in raw.iter().zip(&want).enumerate() {
                close(&format!("{what}: round {m}, test score {i}"), *g, *w, &mut worst_raw);
            }
        }
        let want_loss = floats(&c["train_loss"]);
        assert_eq!(gb.train_loss().len(), want_loss.len());
        for (m, (g, w)) in gb.train_loss().iter().zip(&want_loss).enumerate() {
            close(&format!("{what}: training loss after {m} rounds"), *g, *w, &mut worst_loss);
        }
        let mut pred = vec![0.0f32; 40];
        gb.predict_into(xt, rounds, &mut pred).unwrap();
        for (i, (g, w)) in pred.iter().zip(floats(&c["test_predict"])).enumerate() {
            match problem {
                Problem::Classification => assert_eq!(f64::from(*g), w, "{what}: test label {i}"),
                Problem::Regression => assert!((f64::from(*g) - w).abs() <= 1e-6 * w.abs().max(1.0), "{what}: test value {i}"),
            }
        }
    }
    println!("boosting: max |Δ| staged raw scores {worst_raw:.2e}, staged training loss {worst_loss:.2e}");
}
