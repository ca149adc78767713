//! The under/overfitting picture on generated curves, fixed seeds: the U-shaped validation
//! curve, where its minimum lies, and how more data tames a flexible model.

use perplexed_core::data::curve::{generate_curve, CurveData, CurveFunction, CurveParams};
use perplexed_core::data::split::Split;
use perplexed_core::linear::poly::{best_degree, degree_sweep, fit_regime, PolyFit, Regime, SweepPoint, MAX_DEGREE};

/// Curve data split half training, half validation.
fn halves(function: CurveFunction, points: usize, noise: f32, seed: u64) -> (Vec<f32>, Vec<f32>, Vec<f32>, Vec<f32>) {
    let d: CurveData = generate_curve(&CurveParams { function, points, noise, seed }).unwrap();
    let split = Split::new(&d.split_keys, 50, 50).unwrap();
    let (tx, ty) = d.subset(&split.train);
    let (vx, vy) = d.subset(&split.val);
    (tx, ty, vx, vy)
}

fn show(s: &[SweepPoint]) -> String {
    s.iter().map(|p| format!("{}: {:.4}/{:.4}", p.degree, p.train_mse, p.val_mse)).collect::<Vec<_>>().join("  ")
}

#[test]
fn poly_sine_sweep_is_a_u_curve() {
    // 60 samples of sin(πx) with σ = 0.3 (noise 0.15 of the range 2): 30 train, 30 validation.
    for seed in [7u64, 8, 9] {
        let (tx, ty, vx, vy) = halves(CurveFunction::Sine, 60, 0.15, seed);
        let s = degree_sweep(&tx, &ty, &vx, &vy, MAX_DEGREE, 0.0).unwrap();
        println!("seed {seed}: {}", show(&s));
        // Nested least squares: a higher degree can only fit the training points better
        // (up to f64 rounding of an already tiny error).
        for w in s.windows(2) {
            assert!(w[1].train_mse <= w[0].train_mse * (1.0 + 1e-6) + 1e-9, "seed {seed}: train MSE rose at degree {}", w[1].degree);
        }
        let best = best_degree(&s).unwrap();
        let v_best = s[best].val_mse;
        // sin(πx) needs about 5 degrees (its Taylor terms up to x⁵ reach 0.5 % at x = 1); with
        // 30 noisy points the optimum sits in the middle of the range.
        assert!((3..=9).contains(&best), "seed {seed}: best degree {best}");
        // Falls: a straight line is far worse. Rises: degree 20 on 30 points chases the noise.
        assert!(s[0].val_mse > 3.0 * v_best && s[1].val_mse > 1.5 * v_best, "seed {seed}");
        assert!(s[MAX_DEGREE].val_mse > 2.0 * v_best, "seed {seed}: degree 20 validation {}", s[MAX_DEGREE].val_mse);
        // Overfitting signature: training error far below the best's, validation above it.
        assert!(s[MAX_DEGREE].train_mse < 0.7 * s[best].train_mse);
        assert_eq!(fit_regime(&s, 0), Some(Regime::Underfitting));
        assert_eq!(fit_regime(&s, 1), Some(Regime::Underfitting));
        assert_eq!(fit_regime(&s, best), Some(Regime::AboutRight));
        assert_eq!(fit_regime(&s, MAX_DEGREE), Some(Regime::Overfitting));
    }
}

#[test]
fn poly_cubic_is_best_fitted_by_degree_three() {
    let (tx, ty, vx, vy) = halves(CurveFunction::Cubic, 100, 0.1, 3);
    let s = degree_sweep(&tx, &ty, &vx, &vy, 12, 0.0).unwrap();
    println!("cubic: {}", show(&s));
    // Below 3 the shape is missing; at 3 the model is exactly right.
    for d in 0..3 {
        assert_eq!(fit_regime(&s, d), Some(Regime::Underfitting), "degree {d}");
        assert!(s[d].val_mse > 3.0 * s[3].val_mse);
    }
    assert_eq!(fit_regime(&s, 3), Some(Regime::AboutRight));
    assert!((3..=5).contains(&best_degree(&s).unwrap()));
}

#[test]
fn poly_more_points_shrink_the_overfitting_gap() {
    // Degree 15 on the sine, σ = 0.2: with 20 training points it fits the noise (validation far
    // above training), with 200 it has too few coefficients to chase 200 noisy points.
    let gap = |points: usize, seed: u64| {
        let (tx, ty, vx, vy) = halves(CurveFunction::Sine, points, 0.1, seed);
        let fit = PolyFit::fit(&tx, &ty, 15, 0.0).unwrap();
        let (t, v) = (fit.mse(&tx, &ty), fit.mse(&vx, &vy));
        println!("{points} points (seed {seed}): train {t:.4}, val {v:.4}, gap {:.4}", v - t);
        v - t
    };
    for seed in [1u64, 2, 3] {
        let (few, many) = (gap(40, seed), gap(400, seed));
        assert!(many < 0.2 * few, "seed {seed}: gap {many} with 400 points vs {few} with 40");
    }
}
