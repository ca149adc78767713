//! The workflow against scikit-learn 1.9 (`fixtures/workflow/make_fixtures.py`, versions in the
//! JSON): ridge and plain least squares on the wine table in its raw units (coefficients,
//! intercept and predictions within 1e-6), and `evaluate`'s confusion matrix, per-class and
//! macro precision / recall / F1, accuracy and AUC for a k-NN model (k = 5, which is exactly
//! scikit-learn's on tie-free data, `tests/tabular_knn.rs`) on 3-class and 2-class fixtures.

use perplexed_core::data::dataset::Problem;
use perplexed_core::linear::ridge::RidgeRegression;
use perplexed_core::workflow::{evaluate_predictions, evaluate, ModelFit, ModelKind};
use serde_json::Value;

use super::data::{table, WINE};

fn fixture() -> Value {
    let json: Value = serde_json::from_str(include_str!("../fixtures/workflow/workflow_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some() && json["sklearn_version"].as_str().is_some());
    json
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

/// `|got − want| / max(1, |want|)`.
fn err(got: f64, want: f64) -> f64 {
    (got - want).abs() / want.abs().max(1.0)
}

#[test]
fn ridge_and_least_squares_match_sklearn_on_wine() {
    let json = fixture();
    let case = &json["linear"];
    let t = table(WINE);
    let target = t.find(case["target"].as_str().unwrap()).unwrap();
    let features: Vec<usize> = case["features"].as_array().unwrap().iter().map(|n| t.find(n.as_str().unwrap()).unwrap()).collect();
    let n = t.n_rows();
    let d = features.len();
    let mut x = vec![0.0f32; n * d];
    for (j, &c) in features.iter().enumerate() {
        for (r, &v) in t.column(c).unwrap().numbers().unwrap().iter().enumerate() {
            x[r * d + j] = v as f32;
        }
    }
    let y: Vec<f32> = t.column(target).unwrap().numbers().unwrap().iter().map(|&v| v as f32).collect();
    for fit in case["fits"].as_array().unwrap() {
        let alpha = fit["alpha"].as_f64().unwrap();
        let model = RidgeRegression::fit(&x, d, &y, alpha).unwrap();
        let coef = floats(&fit["coef"]);
        let worst_coef = model.weights().iter().zip(&coef).map(|(&g, &w)| err(g, w)).fold(0.0, f64::max);
        let worst_b = err(model.intercept(), fit["intercept"].as_f64().unwrap());
        let predicted = model.predict_f64(&x[..20 * d]).unwrap();
        let worst_pred =
            predicted.iter().zip(floats(&fit["predict_first_20"])).map(|(&g, w)| err(g, w)).fold(0.0, f64::max);
        println!("{}: coef {worst_coef:.1e}, intercept {worst_b:.1e}, predictions {worst_pred:.1e}", fit["name"]);
        assert!(worst_coef < 1e-6 && worst_b < 1e-6 && worst_pred < 1e-6, "{}", fit["name"]);
    }
}

#[test]
fn evaluation_matches_sklearn_scores() {
    let json = fixture();
    for name in ["tri", "bin"] {
        let case = &json[name];
        let k = case["n_classes"].as_u64().unwrap() as usize;
        let d = case["n_features"].as_u64().unwrap() as usize;
        let (xt, yt) = (f32s(&case["train"]["x"]), f32s(&case["train"]["y"]));
        let (xs, ys) = (f32s(&case["scored"]["x"]), f32s(&case["scored"]["y"]));
        let fitted = ModelFit::new(ModelKind::Knn, Problem::Classification, k, &xt, d, &yt, 0).unwrap().finish().unwrap();
        assert_eq!(fitted.predict(&xs).unwrap(), f32s(&case["predicted"]), "{name}: predictions");
        let e = evaluate(&fitted, &xs, &ys, k).unwrap();
        assert_eq!(e.rows, ys.len());
        // Predicting in slices of rows and scoring the predictions (what the page does on a
        // large validation set) gives the same evaluation.
        let mut predicted = Vec::new();
        let mut positive = Vec::new();
        for rows in xs.chunks(7 * d) {
            predicted.extend(fitted.predict(rows).unwrap());
            positive.extend(fitted.predict_proba(rows).unwrap().unwrap().chunks_exact(k).map(|p| p[1]));
        }
        let sliced = evaluate_predictions(Problem::Classification, k, &ys, &predicted, (k == 2).then_some(&positive[..])).unwrap();
        assert_eq!(sliced, e, "{name}: scored from sliced predictions");
        let c = e.classification.unwrap();
        let confusion: Vec<u32> = floats(&case["confusion"]).into_iter().map(|v| v as u32).collect();
        assert_eq!(c.confusion, confusion, "{name}: confusion matrix");
        for (i, p) in c.per_class.iter().enumerate() {
            assert!((p.precision - floats(&case["precision"])[i]).abs() < 1e-12, "{name}: precision {i}");
            assert!((p.recall - floats(&case["recall"])[i]).abs() < 1e-12, "{name}: recall {i}");
            assert!((p.f1 - floats(&case["f1"])[i]).abs() < 1e-12, "{name}: f1 {i}");
        }
        let m = floats(&case["macro"]);
        assert!((c.macro_avg.precision - m[0]).abs() < 1e-12 && (c.macro_avg.recall - m[1]).abs() < 1e-12 && (c.macro_avg.f1 - m[2]).abs() < 1e-12);
        assert!((c.accuracy - case["accuracy"].as_f64().unwrap()).abs() < 1e-12);
        match k {
            2 => {
                let auc = c.auc.unwrap();
                println!("{name}: accuracy {:.3}, AUC {auc:.6} (scikit-learn {:.6})", c.accuracy, case["auc"].as_f64().unwrap());
                assert!((auc - case["auc"].as_f64().unwrap()).abs() < 1e-12);
                assert!(c.roc.is_some());
            }
            _ => {
                println!("{name}: accuracy {:.3}, macro F1 {:.4}", c.accuracy, c.macro_avg.f1);
                assert!(c.roc.is_none() && c.auc.is_none());
            }
        }
    }
}
