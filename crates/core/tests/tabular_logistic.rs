//! Logistic regression against scikit-learn (`fixtures/sklearn/make_fixtures.py`, versions in
//! the JSON): `LogisticRegression(C, solver="lbfgs")` binary and 3-class at C = 1 and 0.05, and a
//! 3-class table whose columns have different units (scales 0.02 … 250, offsets up to 5,000).
//!
//! The reference is scikit-learn solved tightly (lbfgs at tol 1e-14 and newton-cholesky; the
//! one with the smaller gradient, measured in NumPy, is kept — `grad_max` ≤ 1e-11 in every
//! case). Our solver stops at a gradient of 1e-10 in standardised coordinates. Near the
//! minimum the error in the weights is about `H⁻¹·g`, and `H ≥ 1/(Cn)` on the weights; in the
//! standardised coordinates the curvature is of order 1 on the informative directions, so the
//! probabilities and standardised weights agree to about 1e-8 — we require 1e-6 (relative on
//! probabilities, relative to the largest standardised weight on weights), and print the
//! measured figures.
//!
//! Also: the stepping contract (one L-BFGS iteration per step, the objective never rises, the
//! start is `ln K`), a hand-solvable case, and every invalid setting named.

use perplexed_core::linear::logistic::{LogisticParams, LogisticRegression, LogisticSolver, SolverStatus};
use perplexed_core::stepping::{Progress, Stepping};

mod tabular;
use tabular::{dataset, f32s, fixture, floats};

fn column_stats(x: &[f32], d: usize) -> (Vec<f64>, Vec<f64>) {
    let n = (x.len() / d) as f64;
    let mut mean = vec![0.0; d];
    for row in x.chunks_exact(d) {
        for (m, &v) in mean.iter_mut().zip(row) {
            *m += f64::from(v) / n;
        }
    }
    let mut sd = vec![0.0; d];
    for row in x.chunks_exact(d) {
        for ((s, &v), m) in sd.iter_mut().zip(row).zip(&mean) {
            *s += (f64::from(v) - m).powi(2) / n;
        }
    }
    (mean, sd.into_iter().map(f64::sqrt).collect())
}

#[test]
fn logistic_matches_sklearn_coefficients_and_probabilities() {
    let json = fixture();
    let cases = json["logistic"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    for case in cases {
        let name = case["data"].as_str().unwrap();
        let c = case["c"].as_f64().unwrap();
        assert!(case["grad_max"].as_f64().unwrap() < 1e-10, "{name}: the reference itself is not tight");
        let (x, d, y) = dataset(&json, name, "train");
        let (xt, _, yt) = dataset(&json, name, "test");
        let mut solver = LogisticSolver::new(&x, d, &y, &LogisticParams { c, ..LogisticParams::default() }).unwrap();
        while !solver.done() {
            solver.step();
        }
        let model = solver.model();
        assert!(model.converged(), "{name} C={c}: {:?} after {} iterations", model.status(), model.iterations());

        let (mean, sd) = column_stats(&x, d);
        let (want_w, want_b) = (floats(&case["coef"]), floats(&case["intercept"]));
        let rows = case["coef_rows"].as_u64().unwrap() as usize;
        assert_eq!(model.coefficients().len(), rows * d);
        // Weights in standardised units (w_j·σ_j): comparable across columns of any unit.
        let scale = want_w.iter().enumerate().map(|(i, w)| (w * sd[i % d]).abs()).fold(1.0, f64::max);
        let mut worst_w = 0.0f64;
        for (i, (g, w)) in model.coefficients().iter().zip(&want_w).enumerate() {
            worst_w = worst_w.max((g - w).abs() * sd[i % d] / scale);
        }
        let mut worst_b = 0.0f64;
        for (o, (g, w)) in model.intercepts().iter().zip(&want_b).enumerate() {
            let size: f64 = 1.0 + (0..d).map(|j| (want_w[o * d + j] * mean[j]).abs()).sum::<f64>();
            worst_b = worst_b.max((g - w).abs() / size);
        }
        let proba = model.predict_proba_f64(&xt).unwrap();
        let want_p = floats(&case["proba"]);
        assert_eq!(proba.len(), want_p.len());
        let worst_p = proba.iter().zip(&want_p).map(|(g, w)| (g - w).abs() / w.max(1e-300)).fold(0.0, f64::max);
        let pred = model.predict(&xt).unwrap();
        assert_eq!(pred, f32s(&case["predict"]), "{name} C={c}: predicted classes");
        println!(
            "logistic {name} C={c}: {} iterations ({} evaluations; sklearn lbfgs {}), max error: weights {worst_w:.1e}, \
             intercepts {worst_b:.1e}, probabilities {worst_p:.1e} relative (sklearn's own lbfgs vs newton spread {:.1e}); \
             test accuracy {:.3}",
            model.iterations(),
            solver.evaluations(),
            case["lbfgs_n_iter"],
            case["solver_spread"].as_f64().unwrap(),
            pred.iter().zip(&yt).filter(|(a, b)| a == b).count() as f64 / yt.len() as f64,
        );
        assert!(worst_w <= 1e-6 && worst_b <= 1e-6 && worst_p <= 1e-6, "{name} C={c}: {worst_w} {worst_b} {worst_p}");
    }
}

/// Two points, x = −1 (class 0) and x = +1 (class 1), C = 1. By symmetry b = 0, and the
/// objective C·2·softplus(−w) + w²/2 has its minimum where w = 2·σ(−w), found here by bisection.
#[test]
fn two_points_by_hand() {
    let m = LogisticRegression::fit(&[-1.0, 1.0], 1, &[0.0, 1.0], &LogisticParams::default()).unwrap();
    let (mut lo, mut hi) = (0.0f64, 2.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid - 2.0 / (1.0 + mid.exp()) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    assert!((m.coefficients()[0] - lo).abs() < 1e-9, "{} vs {lo}", m.coefficients()[0]);
    assert!(m.intercepts()[0].abs() < 1e-9);
    assert_eq!(m.classes(), &[0, 1]);
    assert_eq!(m.predict(&[-0.5, 0.5]).unwrap(), vec![0.0, 1.0]);
}

#[test]
fn the_solver_steps_one_iteration_at_a_time_and_never_goes_uphill() {
    let json = fixture();
    for (name, k) in [("bin", 2.0f64), ("tri", 3.0)] {
        let (x, d, y) = dataset(&json, name, "train");
        let mut s = LogisticSolver::new(&x, d, &y, &LogisticParams::default()).unwrap();
        assert_eq!(s.progress(), Progress { done: 0, total: None });
        assert!((s.objective() - k.ln()).abs() < 1e-12, "all weights 0: every row costs ln K");
        assert_eq!(s.status(), SolverStatus::Running);
        s.step();
        assert_eq!(s.progress().done, 1);
        let mid = s.model();
        assert_eq!(mid.iterations(), 1);
        assert!(!mid.converged());
        while !s.done() {
            s.step();
        }
        let h = s.history();
        assert_eq!(h.len(), s.iterations() + 1);
        // Never up by more than rounding (the line search's allowance, 1e-13 relative).
        assert!(h.windows(2).all(|w| w[1] <= w[0] + 1e-13 * w[0].abs()), "{name}: the objective rose");
        assert!(s.mean_log_loss() <= s.objective());
        assert!(s.gradient_max() <= 1e-10);
        let before = s.clone().model();
        s.step();
        assert_eq!(s.model(), before, "a step after the end changes nothing");
        // The same data give the same bits.
        let again = LogisticRegression::fit(&x, d, &y, &LogisticParams::default()).unwrap();
        assert_eq!(again, before);
    }
}

#[test]
fn max_iter_stops_it_and_says_so() {
    let json = fixture();
    let (x, d, y) = dataset(&json, "tri", "train");
    let m = LogisticRegression::fit(&x, d, &y, &LogisticParams { max_iter: 3, ..LogisticParams::default() }).unwrap();
    assert_eq!(m.iterations(), 3);
    assert_eq!(m.status(), SolverStatus::MaxIterations);
    assert!(!m.converged());
}

#[test]
fn absent_classes_get_probability_zero_and_labels_map_back() {
    // Classes 0 and 2 only: the sigmoid model between them; class 1 gets probability 0.
    let x = [0.0, 0.3, 1.0, 1.4, 2.0, 2.2];
    let y = [0.0, 0.0, 2.0, 0.0, 2.0, 2.0];
    let m = LogisticRegression::fit(&x, 1, &y, &LogisticParams::default()).unwrap();
    assert_eq!(m.classes(), &[0, 2]);
    assert_eq!(m.n_classes(), 3);
    let p = m.predict_proba(&[0.0, 3.0]).unwrap();
    assert_eq!(p[1], 0.0);
    assert_eq!(p[4], 0.0);
    assert!((p[0] + p[2] - 1.0).abs() < 1e-6);
    assert_eq!(m.predict(&[-1.0, 3.0]).unwrap(), vec![0.0, 2.0]);
}

#[test]
fn invalid_settings_name_their_field() {
    let x = [0.0f32, 1.0, 2.0, 3.0];
    let y = [0.0f32, 0.0, 1.0, 1.0];
    let fit = |x: &[f32], d: usize, y: &[f32], p: LogisticParams| LogisticSolver::new(x, d, y, &p).err().map(|e| e.field);
    let ok = LogisticParams::default();
    assert_eq!(fit(&x, 1, &y, LogisticParams { c: 0.0, ..ok }), Some("c"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { c: -1.0, ..ok }), Some("c"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { c: f64::NAN, ..ok }), Some("c"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { c: f64::INFINITY, ..ok }), Some("c"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { max_iter: 0, ..ok }), Some("max_iter"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { tol: 0.0, ..ok }), Some("tol"));
    assert_eq!(fit(&x, 1, &y, LogisticParams { tol: f64::NAN, ..ok }), Some("tol"));
    assert_eq!(fit(&x, 1, &y[..3], ok), Some("y"), "mismatched lengths");
    assert_eq!(fit(&x, 1, &[0.0, 0.5, 1.0, 1.0], ok), Some("y"), "not a class");
    assert_eq!(fit(&x, 1, &[0.0, -1.0, 1.0, 1.0], ok), Some("y"), "negative class");
    assert_eq!(fit(&x, 1, &[1.0; 4], ok), Some("y"), "one class");
    assert_eq!(fit(&[], 1, &[], ok), Some("points"), "empty");
    assert_eq!(fit(&[0.0, f32::NAN, 2.0, 3.0], 1, &y, ok), Some("points"), "NaN feature");
    assert_eq!(fit(&[0.0, f32::INFINITY, 2.0, 3.0], 1, &y, ok), Some("points"), "infinite feature");
    assert_eq!(fit(&x, 3, &y, ok), Some("points"), "not whole rows");
    assert_eq!(fit(&x, 0, &y, ok), Some("n_features"));
    let m = LogisticRegression::fit(&x, 2, &y[..2], &ok).unwrap_err();
    assert_eq!(m.field, "y", "one class in two rows");
    let m = LogisticRegression::fit(&x, 1, &y, &ok).unwrap();
    assert_eq!(m.predict(&[f32::NAN]).unwrap_err().field, "points");
    assert_eq!(m.predict_proba_into(&[1.0], &mut [0.0; 3]).unwrap_err().field, "out");
}

#[test]
fn logistic_speed_on_a_larger_table() {
    // Release: 20,000 rows × 30 features, 3 classes; a debug build fits a tenth of the rows.
    use perplexed_core::rng::Rng;
    let n = if cfg!(debug_assertions) { 2000 } else { 20_000 };
    let d = 30;
    let mut rng = Rng::new(3);
    let x: Vec<f32> = (0..n * d).map(|_| rng.normal()).collect();
    let y: Vec<f32> = x
        .chunks_exact(d)
        .map(|r| {
            let s = [r[0] - r[1] + 0.5 * rng.normal(), r[2] + r[3] + 0.5 * rng.normal(), 0.3 * r[4] + 0.5 * rng.normal()];
            (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap() as f32
        })
        .collect();
    let start = std::time::Instant::now();
    let mut s = LogisticSolver::new(&x, d, &y, &LogisticParams::default()).unwrap();
    while !s.done() {
        s.step();
    }
    let secs = start.elapsed().as_secs_f64();
    assert!(s.model().converged());
    println!(
        "logistic, {n} rows × {d} features, 3 classes: {} iterations, {} evaluations, {:.3} s ({:.1} ms per iteration)",
        s.iterations(),
        s.evaluations(),
        secs,
        secs * 1e3 / s.iterations() as f64
    );
}
