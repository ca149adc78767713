//! PolyFit's contract: validation, exact recovery, the unpenalised intercept, the degenerate
//! cases (more coefficients than points, repeated x, one point) that must never give NaN, and
//! the hand-checkable rules of `best_degree` and `fit_regime`.

use perplexed_core::error::ErrorKind;
use perplexed_core::data::curve::{true_value, CurveFunction};
use perplexed_core::linear::poly::{best_degree, degree_sweep, enough_to_judge, fit_regime, PolyFit, Regime, SweepPoint, MAX_DEGREE, MIN_TRAIN_TO_JUDGE, MIN_VAL_TO_JUDGE};

/// `n` evenly spread inputs in [−0.95, 0.95] (distinct, inside the domain).
fn xs(n: usize) -> Vec<f32> {
    (0..n).map(|i| -0.95 + 1.9 * i as f32 / (n.max(2) - 1) as f32).collect()
}

#[test]
fn poly_rejects_invalid_settings_with_the_field_name() {
    let (x, y) = (vec![0.0, 0.5, 1.0], vec![1.0, 2.0, 3.0]);
    let field = |r: Result<PolyFit, perplexed_core::ParamError>| r.unwrap_err().field;
    assert_eq!(field(PolyFit::fit(&x, &y, MAX_DEGREE + 1, 0.0)), "degree");
    assert_eq!(field(PolyFit::fit(&x, &y, 2, -1e-3)), "lambda");
    assert_eq!(field(PolyFit::fit(&x, &y, 2, f32::NAN)), "lambda");
    assert_eq!(field(PolyFit::fit(&x, &y, 2, f32::INFINITY)), "lambda");
    assert_eq!(field(PolyFit::fit(&[], &[], 2, 0.0)), "x");
    assert_eq!(field(PolyFit::fit(&x, &y[..2], 2, 0.0)), "x");
    assert_eq!(field(PolyFit::fit(&[0.0, f32::NAN, 1.0], &y, 2, 0.0)), "x");
    assert_eq!(field(PolyFit::fit(&x, &[1.0, f32::INFINITY, 3.0], 2, 0.0)), "y");
    let e = degree_sweep(&x, &y, &[0.1], &[], 3, 0.0).unwrap_err();
    assert_eq!(e.field, "val");
    assert_eq!(e.kind, ErrorKind::LengthMismatch { expected: 1, got: 0 }, "{e}");
    assert_eq!(degree_sweep(&x, &y, &[], &[], 21, 0.0).unwrap_err().field, "degree");
    // Every accepted extreme works.
    assert!(PolyFit::fit(&x, &y, MAX_DEGREE, 0.0).is_ok());
    assert!(PolyFit::fit(&x, &y, 0, f32::MAX).is_ok());
}

#[test]
fn poly_recovers_an_exact_polynomial() {
    // The cubic curve is T₃ itself: Chebyshev coefficients (0, 0, 0, 1), then zeros. The
    // inputs are f32, so the targets carry 6e-8 relative rounding: 1e-5 is ample.
    let x = xs(25);
    let y: Vec<f32> = x.iter().map(|&v| true_value(CurveFunction::Cubic, v)).collect();
    for d in [3, 5, 8] {
        let fit = PolyFit::fit(&x, &y, d, 0.0).unwrap();
        for (k, &c) in fit.coefficients().iter().enumerate() {
            let want = if k == 3 { 1.0 } else { 0.0 };
            assert!((c - want).abs() < 1e-5, "degree {d}: c{k} = {c}");
        }
        assert!(fit.mse(&x, &y) < 1e-12);
    }
    // A straight line y = 2 − 3x: c₀ = 2, c₁ = −3 (T₁(u) = u = x).
    let y: Vec<f32> = x.iter().map(|&v| 2.0 - 3.0 * v).collect();
    let c = PolyFit::fit(&x, &y, 1, 0.0).unwrap().coefficients().to_vec();
    assert!((c[0] - 2.0).abs() < 1e-6 && (c[1] + 3.0).abs() < 1e-6, "{c:?}");
}

#[test]
fn poly_ridge_leaves_the_intercept_unpenalised() {
    // Shifting every target by 10 moves only c₀, by exactly 10, for any λ.
    let x = xs(20);
    let y: Vec<f32> = x.iter().map(|&v| true_value(CurveFunction::Sine, v) + 0.1 * (7.0 * v).cos()).collect();
    let y10: Vec<f32> = y.iter().map(|v| v + 10.0).collect();
    for lam in [0.0, 0.01, 1.0, 100.0] {
        let a = PolyFit::fit(&x, &y, 6, lam).unwrap();
        let b = PolyFit::fit(&x, &y10, 6, lam).unwrap();
        let (ca, cb) = (a.coefficients(), b.coefficients());
        // f32 targets near 10 are rounded to 1e-6: that bounds the agreement.
        assert!((cb[0] - ca[0] - 10.0).abs() < 1e-5, "λ = {lam}: c₀ {} vs {}", ca[0], cb[0]);
        for k in 1..=6 {
            assert!((cb[k] - ca[k]).abs() < 1e-5, "λ = {lam}: c{k} {} vs {}", ca[k], cb[k]);
        }
    }
    // An overwhelming λ flattens the curve to the mean of the targets.
    let mean = y.iter().map(|&v| f64::from(v)).sum::<f64>() / y.len() as f64;
    let flat = PolyFit::fit(&x, &y, 10, 1e12).unwrap();
    assert!((flat.coefficients()[0] - mean).abs() < 1e-6);
    assert!(flat.coefficients()[1..].iter().all(|c| c.abs() < 1e-9));
    // And λ shrinks: the penalised size Σ c_k² falls as λ grows.
    let size = |lam: f32| PolyFit::fit(&x, &y, 10, lam).unwrap().coefficients()[1..].iter().map(|c| c * c).sum::<f64>();
    let sizes: Vec<f64> = [0.0, 1e-3, 1e-1, 10.0].iter().map(|&l| size(l)).collect();
    assert!(sizes.windows(2).all(|w| w[1] < w[0]), "{sizes:?}");
}

#[test]
fn poly_more_coefficients_than_points_interpolates_with_the_smallest_coefficients() {
    // 5 points, degree 12, λ = 0: infinitely many exact fits; ours passes through every point,
    // reports the deficit, and is the λ → 0⁺ limit of ridge (so the λ slider is continuous).
    let x = vec![-0.8, -0.3, 0.1, 0.45, 0.9];
    let y = vec![0.3, -1.2, 0.5, 0.9, -0.4];
    let fit = PolyFit::fit(&x, &y, 12, 0.0).unwrap();
    assert!(fit.is_underdetermined());
    assert_eq!(fit.rank(), 5);
    for (&xi, &yi) in x.iter().zip(&y) {
        assert!((fit.predict(xi) - yi).abs() < 1e-5, "f({xi}) = {} ≠ {yi}", fit.predict(xi));
    }
    let near = PolyFit::fit(&x, &y, 12, 1e-10).unwrap();
    assert!(!near.is_underdetermined());
    let gap = fit.coefficients().iter().zip(near.coefficients()).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
    assert!(gap < 1e-5, "λ = 1e-10 differs from the λ = 0 limit by {gap}");
    // The unique degree-4 interpolant is another exact fit of degree ≤ 12: its penalised size
    // Σₖ≥₁ cₖ² must be larger than the minimum-norm one's.
    let norm = |c: &[f64]| c[1..].iter().map(|v| v * v).sum::<f64>();
    let quartic = PolyFit::fit(&x, &y, 4, 0.0).unwrap();
    assert!(!quartic.is_underdetermined());
    let (small, other) = (norm(fit.coefficients()), norm(quartic.coefficients()));
    assert!(small < other, "min-norm {small} vs interpolating quartic {other}");
}

#[test]
fn poly_degenerate_inputs_never_give_nan() {
    // Every degree with 1..=25 points (λ = 0 and a tiny λ), all finite on a fine grid.
    let grid: Vec<f32> = (0..=200).map(|i| -1.0 + i as f32 / 100.0).collect();
    let mut out = Vec::new();
    for n in 1..=25 {
        let x = xs(n);
        let y: Vec<f32> = x.iter().map(|&v| true_value(CurveFunction::Step, v)).collect();
        for d in 0..=MAX_DEGREE {
            for lam in [0.0, 1e-12] {
                let fit = PolyFit::fit(&x, &y, d, lam).unwrap();
                assert!(fit.coefficients().iter().all(|c| c.is_finite()), "n = {n}, d = {d}, λ = {lam}");
                fit.predict_many(&grid, &mut out);
                assert!(out.iter().all(|v| v.is_finite()), "n = {n}, d = {d}, λ = {lam}");
            }
        }
    }
    // Repeated inputs: only the mean can be determined.
    let fit = PolyFit::fit(&[0.5; 4], &[1.0, 2.0, 3.0, 6.0], 7, 0.0).unwrap();
    assert_eq!(fit.rank(), 1);
    for x in [-1.0, 0.0, 0.5, 1.0] {
        assert!((fit.predict(x) - 3.0).abs() < 1e-6);
    }
    // One point: the constant through it.
    let fit = PolyFit::fit(&[0.2], &[-0.7], 20, 0.0).unwrap();
    assert!((fit.predict(0.9) + 0.7).abs() < 1e-6);
    // Far outside the domain a degree-20 polynomial overflows f32: it saturates instead.
    let x = xs(30);
    let y: Vec<f32> = x.iter().map(|&v| true_value(CurveFunction::Sine, v)).collect();
    let fit = PolyFit::fit(&x, &y, 20, 0.0).unwrap();
    assert!(fit.predict(1e6).is_finite() && fit.predict(-1e6).is_finite());
    // mse of nothing is NaN (not 0, which would look like a perfect fit).
    assert!(fit.mse(&[], &[]).is_nan());
}

#[test]
fn poly_predict_many_reuses_its_buffer() {
    let x = xs(10);
    let fit = PolyFit::fit(&x, &x, 3, 0.0).unwrap();
    let mut out = Vec::with_capacity(64);
    let ptr = out.as_ptr();
    for _ in 0..3 {
        fit.predict_many(&x, &mut out);
    }
    assert_eq!(out.len(), 10);
    assert_eq!(out.as_ptr(), ptr, "predict_many reallocated");
    for (&a, &b) in out.iter().zip(&x) {
        assert!((a - b).abs() < 1e-6);
    }
}

fn sweep(train: &[f32], val: &[f32]) -> Vec<SweepPoint> {
    train.iter().zip(val).enumerate().map(|(degree, (&train_mse, &val_mse))| SweepPoint { degree, train_mse, val_mse }).collect()
}

#[test]
fn poly_best_degree_and_regime_follow_the_documented_rule() {
    // Best: degree 3 (v* = 0.12). Scale s = train MSE at degree 0 = 1.0.
    // Band = max(0.1·0.12, 0.01·1.0) = max(0.012, 0.01) = 0.012 → about right iff v ≤ 0.132.
    //   d = 0: 1.1 > 0.132, below d* → under;  d = 2: 0.35 → under
    //   d = 3: 0.12 → about right;  d = 4: 0.125 ≤ 0.132 → about right
    //   d = 5: 0.2 > 0.132, above d* → over;  d = 6: 0.5 → over
    let s = sweep(&[1.0, 0.6, 0.3, 0.1, 0.09, 0.05, 0.01], &[1.1, 0.7, 0.35, 0.12, 0.125, 0.2, 0.5]);
    assert_eq!(best_degree(&s), Some(3));
    let want = [
        Regime::Underfitting,
        Regime::Underfitting,
        Regime::Underfitting,
        Regime::AboutRight,
        Regime::AboutRight,
        Regime::Overfitting,
        Regime::Overfitting,
    ];
    for (d, w) in want.iter().enumerate() {
        assert_eq!(fit_regime(&s, d), Some(*w), "degree {d}");
    }
    assert_eq!(fit_regime(&s, 7), None, "a degree outside the sweep");

    // Noise-free data: v* = 1e-12 at degree 3; s = 0.5, band = max(1e-13, 0.005) = 0.005.
    // Degree 4 (1e-9) is a thousand times v* but invisible: about right, not overfitting.
    // Degree 2 (0.02 > 0.005) is under.
    let s = sweep(&[0.5, 0.2, 0.01, 1e-12, 1e-13], &[0.5, 0.25, 0.02, 1e-12, 1e-9]);
    assert_eq!(fit_regime(&s, 4), Some(Regime::AboutRight));
    assert_eq!(fit_regime(&s, 2), Some(Regime::Underfitting));

    // Ties go to the simpler model; NaN is ignored; no finite validation error → None.
    let s = sweep(&[1.0, 0.5, 0.4, 0.3], &[f32::NAN, 0.2, 0.2, 0.3]);
    assert_eq!(best_degree(&s), Some(1));
    let s = sweep(&[1.0, 0.5], &[f32::NAN, f32::NAN]);
    assert_eq!(best_degree(&s), None);
    assert_eq!(fit_regime(&s, 0), None);
    assert_eq!(best_degree(&[]), None);
}

#[test]
fn poly_regime_slugs_round_trip() {
    for r in Regime::ALL {
        assert_eq!(Regime::from_slug(r.slug()), Some(r));
    }
    assert_eq!(Regime::from_slug("overfit"), None);
}

/// One training and one validation point once read "About right"; too few points get no verdict.
#[test]
fn too_few_points_are_not_judged() {
    assert!(!enough_to_judge(1, 1));
    assert!(!enough_to_judge(MIN_TRAIN_TO_JUDGE - 1, 100), "training points short");
    assert!(!enough_to_judge(100, MIN_VAL_TO_JUDGE - 1), "validation points short");
    assert!(enough_to_judge(MIN_TRAIN_TO_JUDGE, MIN_VAL_TO_JUDGE));
    // The page's sentence puts both numbers before a plural noun.
    const _: () = assert!(MIN_TRAIN_TO_JUDGE >= 2 && MIN_VAL_TO_JUDGE >= 2);
}
