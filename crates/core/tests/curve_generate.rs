//! Curve data sets: validation, the formulas of the true functions, prefix- and
//! noise-stability, the noise level, and the split keys.

use perplexed_core::data::curve::{generate_curve, true_value, CurveFunction, CurveParams, DOMAIN, MAX_POINTS, MIN_POINTS};
use perplexed_core::data::dataset::Problem;
use perplexed_core::data::split::Split;

fn params(function: CurveFunction, points: usize, noise: f32, seed: u64) -> CurveParams {
    CurveParams { function, points, noise, seed }
}

#[test]
fn curve_rejects_invalid_settings() {
    let f = CurveFunction::Sine;
    assert_eq!(generate_curve(&params(f, MIN_POINTS - 1, 0.1, 1)).unwrap_err().field, "points");
    assert_eq!(generate_curve(&params(f, MAX_POINTS + 1, 0.1, 1)).unwrap_err().field, "points");
    assert_eq!(generate_curve(&params(f, 20, -0.01, 1)).unwrap_err().field, "noise");
    assert_eq!(generate_curve(&params(f, 20, 1.01, 1)).unwrap_err().field, "noise");
    let e = generate_curve(&params(f, 20, f32::NAN, 1)).unwrap_err();
    assert_eq!(e.field, "noise");
    assert!(e.to_string().contains("between 0 and 1"), "{e}");
    assert!(generate_curve(&params(f, MIN_POINTS, 0.0, 1)).is_ok());
    assert!(generate_curve(&params(f, MAX_POINTS, 1.0, 1)).is_ok());
}

#[test]
fn curve_true_functions_match_their_formulas() {
    use CurveFunction::*;
    // sin(πx): zeros at 0 and ±1, ±1 at ±½.
    assert!(true_value(Sine, 0.0).abs() < 1e-7 && (true_value(Sine, 0.5) - 1.0).abs() < 1e-6);
    assert!((true_value(Sine, -0.5) + 1.0).abs() < 1e-6 && true_value(Sine, 1.0).abs() < 1e-6);
    // 4x³ − 3x = T₃: T₃(1) = 1, T₃(½) = −1, T₃(cos θ) = cos 3θ.
    assert_eq!(true_value(Cubic, 1.0), 1.0);
    assert_eq!(true_value(Cubic, 0.5), -1.0);
    let t = 0.4f32;
    assert!((true_value(Cubic, t.cos()) - (3.0 * t).cos()).abs() < 1e-6);
    // The step jumps at 0, f(0) = +1.
    assert_eq!((true_value(Step, -1e-6), true_value(Step, 0.0), true_value(Step, 0.7)), (-1.0, 1.0, 1.0));
    for f in CurveFunction::ALL {
        assert_eq!(CurveFunction::from_slug(f.slug()), Some(f));
        assert_eq!(f.range(), 2.0);
    }
    assert_eq!(CurveFunction::ALL.map(|f| f.slug()), ["sine", "cubic", "step"]);
    assert_eq!(CurveFunction::from_slug("square"), None);
}

#[test]
fn curve_is_seeded_prefix_stable_and_noise_stable() {
    let f = CurveFunction::Sine;
    let a = generate_curve(&params(f, 50, 0.2, 9)).unwrap();
    assert_eq!(a, generate_curve(&params(f, 50, 0.2, 9)).unwrap(), "same seed, same data");
    assert_ne!(a.x, generate_curve(&params(f, 50, 0.2, 10)).unwrap().x, "another seed, other data");
    // Prefix: the first 20 of 50 points are the 20-point set, keys included.
    let b = generate_curve(&params(f, 20, 0.2, 9)).unwrap();
    assert_eq!((&a.x[..20], &a.y[..20], &a.split_keys[..20]), (&b.x[..], &b.y[..], &b.split_keys[..]));
    // Noise: the same x and keys; the deviation y − f(x) scales with the noise level
    // (0.2 → 0.05 divides it by 4), and noise 0 gives the clean curve.
    let c = generate_curve(&params(f, 50, 0.05, 9)).unwrap();
    let clean = generate_curve(&params(f, 50, 0.0, 9)).unwrap();
    assert_eq!((&a.x, &a.split_keys), (&c.x, &c.split_keys));
    assert_eq!(a.x, clean.x);
    for i in 0..50 {
        let fx = true_value(f, a.x[i]);
        assert_eq!(clean.y[i], fx);
        let (da, dc) = (a.y[i] - fx, c.y[i] - fx);
        assert!((da - 4.0 * dc).abs() < 1e-5, "point {i}: {da} vs 4·{dc}");
    }
    // Changing the function keeps the points' x too.
    assert_eq!(generate_curve(&params(CurveFunction::Step, 50, 0.2, 9)).unwrap().x, a.x);
}

#[test]
fn curve_points_fill_the_domain_and_noise_has_the_stated_size() {
    // 500 points at noise 0.5: σ = 0.5·2 = 1. The sample std of y − f(x) over 500 normals is
    // within ±10 % of σ with overwhelming probability (its std error is σ/√(2·500) ≈ 3 %).
    let d = generate_curve(&params(CurveFunction::Cubic, 500, 0.5, 4)).unwrap();
    assert_eq!((d.len(), d.y.len(), d.split_keys.len()), (500, 500, 500));
    assert!(d.x.iter().all(|x| (-DOMAIN..=DOMAIN).contains(x)));
    assert!(d.split_keys.iter().all(|k| (0.0..1.0).contains(k)));
    // Both halves of the domain are used, and the edges are reached.
    let (lo, hi) = d.x.iter().fold((1.0f32, -1.0f32), |(l, h), &x| (l.min(x), h.max(x)));
    assert!(lo < -0.98 && hi > 0.98, "x spans only [{lo}, {hi}]");
    let var = d.x.iter().zip(&d.y).map(|(&x, &y)| f64::from(y - true_value(CurveFunction::Cubic, x)).powi(2)).sum::<f64>() / 500.0;
    let sd = var.sqrt();
    assert!((0.9..1.1).contains(&sd), "noise std {sd}, expected 1");
}

#[test]
fn curve_splits_and_converts_to_a_dataset() {
    let d = generate_curve(&params(CurveFunction::Step, 40, 0.1, 2)).unwrap();
    let split = Split::new(&d.split_keys, 60, 20).unwrap();
    assert_eq!(split.counts(), (24, 8, 8));
    let (tx, ty) = d.subset(&split.train);
    assert_eq!(tx.len(), 24);
    for (k, &i) in split.train.iter().enumerate() {
        assert_eq!((tx[k], ty[k]), (d.x[i], d.y[i]));
    }
    // Indices past the end are skipped, not a panic.
    assert_eq!(d.subset(&[0, 999]).0.len(), 1);
    let ds = d.to_dataset();
    assert_eq!((ds.len(), ds.problem, ds.classes), (40, Problem::Regression, 0));
    assert_eq!(ds.point(3), [d.x[3], 0.0]);
    assert_eq!((&ds.targets, &ds.split_keys), (&d.y, &d.split_keys));
}
