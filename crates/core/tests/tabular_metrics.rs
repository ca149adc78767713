//! Scores against scikit-learn (`fixtures/sklearn/make_fixtures.py`): accuracy, precision /
//! recall / F1 per class and averaged (macro, weighted, binary; `zero_division=0` with a class
//! never predicted and one never true), ROC points exactly (thresholds bit for bit, FPR / TPR
//! to 1e-12 — both sides divide the same whole counts), AUC binary and one-vs-rest, log-loss
//! with clipping, MAE, RMSE and R², every number to 1e-12. Then hand-worked cases with their
//! arithmetic, and the errors.

use perplexed_core::metrics::scores::{
    accuracy, log_loss, mean_absolute_error, r2_score, regression_scores, roc_auc, roc_auc_one_vs_rest, roc_curve,
    root_mean_squared_error, trapezoid_area, ClassScores, Prf,
};
use serde_json::Value;

mod tabular;
use tabular::{f32s, fixture, floats};

fn close(what: &str, got: f64, want: f64, worst: &mut f64) {
    let e = (got - want).abs();
    assert!(e <= 1e-12, "{what}: {got} vs {want}");
    *worst = worst.max(e);
}

fn close_prf(what: &str, got: &[Prf], want: &Value, worst: &mut f64) {
    let (p, r, f) = (floats(&want["precision"]), floats(&want["recall"]), floats(&want["f1"]));
    assert_eq!(got.len(), p.len(), "{what}: classes");
    for (i, g) in got.iter().enumerate() {
        close(&format!("{what} precision[{i}]"), g.precision, p[i], worst);
        close(&format!("{what} recall[{i}]"), g.recall, r[i], worst);
        close(&format!("{what} f1[{i}]"), g.f1, f[i], worst);
    }
}

#[test]
fn classification_scores_match_sklearn() {
    let json = fixture();
    let mut worst = 0.0;
    for name in ["three_classes", "missing_classes", "binary"] {
        let c = &json["metrics"][name];
        let (t, p) = (f32s(&c["truth"]), f32s(&c["predicted"]));
        let s = ClassScores::new(&t, &p).unwrap();
        close(&format!("{name} accuracy"), s.accuracy, c["accuracy"].as_f64().unwrap(), &mut worst);
        close(&format!("{name} accuracy()"), accuracy(&t, &p).unwrap(), c["accuracy"].as_f64().unwrap(), &mut worst);
        // scikit-learn's average=None lists the classes present in truth or predictions.
        let present: Vec<Prf> = s.per_class.iter().zip(&s.present).filter(|(_, &k)| k).map(|(v, _)| *v).collect();
        close_prf(&format!("{name} per class"), &present, &c["per_class"], &mut worst);
        close_prf(&format!("{name} macro"), &[s.macro_average()], &c["macro"], &mut worst);
        close_prf(&format!("{name} weighted"), &[s.weighted_average()], &c["weighted"], &mut worst);
        if name == "binary" {
            close_prf("binary", &[s.binary().unwrap()], &c["binary"], &mut worst);
        } else {
            assert_eq!(s.binary().unwrap_err().field, "truth");
        }
    }
    let missing = ClassScores::new(&f32s(&json["metrics"]["missing_classes"]["truth"]), &f32s(&json["metrics"]["missing_classes"]["predicted"])).unwrap();
    assert_eq!(missing.per_class[3].precision, 0.0, "class 3 never predicted: 0/0 → 0");
    assert_eq!(missing.per_class[4].recall, 0.0, "class 4 never true: 0/0 → 0");
    println!("classification scores vs sklearn: max error {worst:.1e}");
}

#[test]
fn roc_points_and_auc_match_sklearn() {
    let json = fixture();
    let (mut worst, mut points) = (0.0, 0);
    for name in ["roc_ties", "roc_continuous", "roc_logistic"] {
        let c = &json["metrics"][name];
        let (t, s) = (f32s(&c["truth"]), f32s(&c["scores"]));
        let roc = roc_curve(&t, &s).unwrap();
        let thr = floats(&c["thresholds_after_inf"]);
        assert_eq!(roc.thresholds.len(), thr.len() + 1, "{name}: number of points");
        assert_eq!(roc.thresholds[0], f64::INFINITY);
        for (g, w) in roc.thresholds[1..].iter().zip(&thr) {
            // Thresholds are f32 scores: compare the f32 values bit for bit.
            assert_eq!((*g as f32).to_bits(), (*w as f32).to_bits(), "{name}: threshold");
        }
        for (g, w) in roc.fpr.iter().zip(floats(&c["fpr"])) {
            close(&format!("{name} fpr"), *g, w, &mut worst);
        }
        for (g, w) in roc.tpr.iter().zip(floats(&c["tpr"])) {
            close(&format!("{name} tpr"), *g, w, &mut worst);
        }
        close(&format!("{name} auc"), roc_auc(&t, &s).unwrap(), c["auc"].as_f64().unwrap(), &mut worst);
        points += roc.fpr.len();
    }
    let c = &json["metrics"]["ovr"];
    let (t, p) = (f32s(&c["truth"]), f32s(&c["proba"]));
    close("ovr auc", roc_auc_one_vs_rest(&t, &p, 3).unwrap(), c["auc"].as_f64().unwrap(), &mut worst);
    close("log loss", log_loss(&t, &p, 3).unwrap(), c["log_loss"].as_f64().unwrap(), &mut worst);
    let c = &json["metrics"]["log_loss_clipped"];
    let clipped = log_loss(&f32s(&c["truth"]), &f32s(&c["proba"]), 2).unwrap();
    close("clipped log loss", clipped, c["log_loss"].as_f64().unwrap(), &mut worst);
    // scikit-learn itself, given float32, sums in float32: 7 digits.
    let sk32 = c["log_loss_float32"].as_f64().unwrap();
    assert!((clipped - sk32).abs() <= 1e-6 * sk32, "{clipped} vs scikit-learn's float32 {sk32}");
    println!("ROC ({points} points in 3 curves) and AUC vs sklearn: thresholds identical, max error {worst:.1e}");
}

#[test]
fn regression_scores_match_sklearn() {
    let json = fixture();
    let c = &json["metrics"]["regression"];
    let (t, p) = (f32s(&c["truth"]), f32s(&c["predicted"]));
    let mut worst = 0.0;
    close("mae", mean_absolute_error(&t, &p).unwrap(), c["mae"].as_f64().unwrap(), &mut worst);
    close("rmse", root_mean_squared_error(&t, &p).unwrap(), c["rmse"].as_f64().unwrap(), &mut worst);
    close("r2", r2_score(&t, &p).unwrap(), c["r2"].as_f64().unwrap(), &mut worst);
    let c = &json["metrics"]["regression_constant"];
    let t = f32s(&c["truth"]);
    assert_eq!(r2_score(&t, &t).unwrap(), c["perfect"].as_f64().unwrap());
    let off: Vec<f32> = t.iter().enumerate().map(|(i, v)| v + i as f32).collect();
    assert_eq!(r2_score(&t, &off).unwrap(), c["imperfect"].as_f64().unwrap());
    println!("MAE / RMSE / R² vs sklearn: max error {worst:.1e}");
}

/// Truth 1 1 1 0 0 0, predictions 1 1 0 1 0 0:
/// tp = 2 (rows 0, 1), fn = 1 (row 2), fp = 1 (row 3), tn = 2.
/// precision = 2/(2+1) = 2/3, recall = 2/(2+1) = 2/3, F1 = 2·2/(2·2+1+1) = 4/6 = 2/3;
/// class 0: tp = 2, fp = 1 (row 2), fn = 1 (row 3): also 2/3 each; accuracy 4/6.
#[test]
fn two_by_two_by_hand() {
    let t = [1.0, 1.0, 1.0, 0.0, 0.0, 0.0];
    let p = [1.0, 1.0, 0.0, 1.0, 0.0, 0.0];
    let s = ClassScores::new(&t, &p).unwrap();
    assert_eq!(s.confusion.counts, vec![2, 1, 1, 2]);
    let b = s.binary().unwrap();
    assert!((b.precision - 2.0 / 3.0).abs() < 1e-15 && (b.recall - 2.0 / 3.0).abs() < 1e-15 && (b.f1 - 2.0 / 3.0).abs() < 1e-15);
    assert!((s.accuracy - 4.0 / 6.0).abs() < 1e-15);
    assert_eq!(s.support, vec![3, 3]);
    // Predict everything as 0: class 1 has no prediction, precision 0/0 → 0 (zero_division=0).
    let s = ClassScores::new(&t, &[0.0; 6]).unwrap();
    assert_eq!(s.binary().unwrap(), Prf { precision: 0.0, recall: 0.0, f1: 0.0 });
    assert!((s.per_class[0].precision - 0.5).abs() < 1e-15, "3 right of 6 predicted 0");
}

/// Four points, scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg); P = N = 2.
/// Lowering the threshold: ∞ → (0, 0); 0.9 admits a positive → (0, ½); 0.8 a negative →
/// (½, ½); 0.7 a positive → (½, 1); 0.1 a negative → (1, 1). No three consecutive points are
/// collinear, so all five stay. AUC = ½·½ (the strip from FPR ½ to 1 at TPR 1) + ½·½ (from 0
/// to ½ at TPR ½) = 0.75 — and indeed 3 of the 4 (positive, negative) pairs are ordered right.
#[test]
fn a_four_point_roc_by_hand() {
    let t = [1.0, 0.0, 1.0, 0.0];
    let s = [0.9, 0.8, 0.7, 0.1];
    let roc = roc_curve(&t, &s).unwrap();
    assert_eq!(roc.fpr, vec![0.0, 0.0, 0.5, 0.5, 1.0]);
    assert_eq!(roc.tpr, vec![0.0, 0.5, 0.5, 1.0, 1.0]);
    assert_eq!(roc.thresholds[1..], [0.9f32 as f64, 0.8f32 as f64, 0.7f32 as f64, 0.1f32 as f64]);
    assert_eq!(roc_auc(&t, &s).unwrap(), 0.75);
    // A tie: both 0.5 scores are admitted together, one diagonal step (½, ½) → counts ½ pair.
    let roc = roc_curve(&[1.0, 0.0], &[0.5, 0.5]).unwrap();
    assert_eq!((roc.fpr.clone(), roc.tpr.clone()), (vec![0.0, 1.0], vec![0.0, 1.0]));
    assert_eq!(roc_auc(&[1.0, 0.0], &[0.5, 0.5]).unwrap(), 0.5);
    // Scores 4 3 2 1 with truth 1 1 0 0: points (0, ½), (0, 1), (½, 1), (1, 1). The second
    // differences at (½, 1) are 0 (fps 0, 1, 2; tps 2, 2, 2): it lies on the segment (0, 1)–(1, 1)
    // and is dropped; (0, ½) is the first point and always kept.
    let roc = roc_curve(&[1.0, 1.0, 0.0, 0.0], &[4.0, 3.0, 2.0, 1.0]).unwrap();
    assert_eq!(roc.fpr, vec![0.0, 0.0, 0.0, 1.0]);
    assert_eq!(roc.tpr, vec![0.0, 0.5, 1.0, 1.0]);
    assert_eq!(roc.thresholds[1..], [4.0, 3.0, 1.0]);
    assert_eq!(roc_auc(&[1.0, 1.0, 0.0, 0.0], &[4.0, 3.0, 2.0, 1.0]).unwrap(), 1.0);
    assert_eq!(trapezoid_area(&[0.0, 1.0], &[1.0, 1.0]), 1.0);
}

/// MAE of errors 1, −2, 3 is 6/3 = 2; RMSE √(14/3); R² with truth 1, 2, 3 (mean 2, SS_tot 2)
/// and SS_res 14 is 1 − 14/2 = −6.
#[test]
fn regression_by_hand() {
    let s = regression_scores(&[1.0, 2.0, 3.0], &[0.0, 4.0, 0.0]).unwrap();
    assert_eq!(s.mae, 2.0);
    assert!((s.rmse - (14.0f64 / 3.0).sqrt()).abs() < 1e-15);
    assert_eq!(s.r2, -6.0);
}

#[test]
fn invalid_inputs_name_their_field() {
    let field = |r: Result<f64, perplexed_core::ParamError>| r.unwrap_err().field;
    assert_eq!(field(accuracy(&[], &[])), "truth");
    assert_eq!(field(accuracy(&[0.0, 1.0], &[0.0])), "predicted");
    assert_eq!(field(accuracy(&[0.5], &[0.0])), "truth");
    assert_eq!(field(accuracy(&[0.0], &[f32::NAN])), "predicted");
    assert_eq!(field(roc_auc(&[1.0, 1.0], &[0.2, 0.3])), "truth", "one class");
    assert_eq!(field(roc_auc(&[1.0, 2.0], &[0.2, 0.3])), "truth", "not 0/1");
    assert_eq!(field(roc_auc(&[1.0, 0.0], &[0.2, f32::NAN])), "scores");
    assert_eq!(field(roc_auc(&[1.0, 0.0], &[0.2])), "scores");
    assert!(roc_auc_one_vs_rest(&[0.0, 1.0], &[0.5, 0.5, 0.5, 0.5], 2).is_ok());
    assert_eq!(field(roc_auc_one_vs_rest(&[0.0, 0.0], &[0.5, 0.5, 0.5, 0.5], 2)), "truth", "class 1 absent");
    assert_eq!(field(roc_auc_one_vs_rest(&[0.0, 1.0], &[0.5, 0.5], 2)), "proba");
    assert_eq!(field(roc_auc_one_vs_rest(&[0.0, 1.0], &[0.5, 0.5], 1)), "n_classes");
    assert_eq!(field(log_loss(&[0.0], &[1.5, -0.5], 2)), "proba");
    assert_eq!(field(log_loss(&[2.0], &[0.5, 0.5], 2)), "truth");
    assert_eq!(field(mean_absolute_error(&[1.0], &[f32::INFINITY])), "predicted");
    assert_eq!(field(r2_score(&[f32::NAN], &[1.0])), "truth");
    assert_eq!(field(root_mean_squared_error(&[], &[])), "truth");
}
