//! Polynomial fits against independent references (`fixtures/gen_poly_reference.py`, NumPy and
//! scikit-learn versions in the JSON), on 30 noisy samples of `sin(πx)` rounded to f32:
//!
//! * `λ = 0`, degrees 0..8: predictions of `numpy.polyfit` / `numpy.polyval` (monomial basis,
//!   a different algorithm — the least-squares polynomial is the same function in any basis);
//! * ridge: `sklearn.linear_model.Ridge(alpha=λ, fit_intercept=True)` on the Chebyshev features
//!   `chebvander(u, d)[:, 1:]` for λ ∈ {10⁻³, 0.1, 1, 10} and d ∈ {1, 3, 6, 10, 15}:
//!   intercept + coefficients (our `c₀ … c_d`) and predictions;
//! * 6 points, degree 10, `λ = 0`: the minimum-norm solution (centred `numpy.linalg.lstsq`).
//!
//! Tolerances. Predictions are returned as f32 (relative rounding 6·10⁻⁸ on values ≲ 2), and the
//! f64 solutions agree to far better than that for these well-conditioned problems, so
//! `|ours − ref| ≤ 10⁻⁶·max(1, |ref|)` leaves a margin of about ten. Coefficients are f64 on
//! both sides: `≤ 10⁻⁹·max(1, max|ref|)` (λ is an f32 in Rust; the generator fits with exactly
//! that f32 value, otherwise 0.001 vs 0.00100000005 alone would move coefficients by 10⁻⁹).
//! The min-norm case is held to the same bounds although it compares an SVD with two QRs.

use perplexed_core::linear::poly::PolyFit;
use serde_json::Value;

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

struct Fixture {
    json: Value,
    x: Vec<f32>,
    y: Vec<f32>,
    grid: Vec<f32>,
}

fn fixture() -> Fixture {
    let json: Value = serde_json::from_str(include_str!("fixtures/poly_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some() && json["sklearn_version"].as_str().is_some());
    let (x, y, grid) = (f32s(&json["x"]), f32s(&json["y"]), f32s(&json["grid"]));
    // The generator rounded everything to f32, so the f32 we fit equals the reference's f64
    // input (up to serde_json's default float parsing, which may be one f64 ulp off).
    for (a, b) in x.iter().zip(floats(&json["x"])) {
        assert!((f64::from(*a) - b).abs() <= 1e-15 * b.abs());
    }
    Fixture { json, x, y, grid }
}

/// Largest `|ours − ref|` over the grid; panics past `rel·max(1, |ref|)`.
fn check_pred(what: &str, fit: &PolyFit, grid: &[f32], want: &[f64], rel: f64) -> f64 {
    assert_eq!(grid.len(), want.len());
    let mut worst = 0.0f64;
    let mut out = Vec::new();
    fit.predict_many(grid, &mut out);
    for ((&g, &got), &w) in grid.iter().zip(&out).zip(want) {
        let diff = (f64::from(got) - w).abs();
        assert!(diff <= rel * w.abs().max(1.0), "{what}: f({g}) = {got}, reference {w}");
        worst = worst.max(diff);
    }
    worst
}

fn check_coeffs(what: &str, got: &[f64], want: &[f64], rel: f64) -> f64 {
    assert_eq!(got.len(), want.len(), "{what}: coefficient count");
    let scale = want.iter().fold(1.0f64, |m, w| m.max(w.abs()));
    let mut worst = 0.0f64;
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        let diff = (g - w).abs();
        assert!(diff <= rel * scale, "{what}: c{k} = {g}, reference {w}");
        worst = worst.max(diff / scale);
    }
    worst
}

#[test]
fn poly_least_squares_matches_numpy_polyfit() {
    let f = fixture();
    let cases = f.json["polyfit"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    let mut worst = 0.0f64;
    let mut worst_mse = 0.0f64;
    for c in cases {
        let d = c["degree"].as_u64().unwrap() as usize;
        let fit = PolyFit::fit(&f.x, &f.y, d, 0.0).unwrap();
        assert_eq!(fit.rank(), d + 1);
        worst = worst.max(check_pred(&format!("degree {d}"), &fit, &f.grid, &floats(&c["pred"]), 1e-6));
        let mse = f64::from(fit.mse(&f.x, &f.y));
        let want = c["train_mse"].as_f64().unwrap();
        assert!((mse - want).abs() <= 1e-6 * want, "degree {d}: train MSE {mse}, NumPy {want}");
        worst_mse = worst_mse.max((mse - want).abs() / want);
    }
    println!("polyfit: max |ours − numpy| = {worst:.3e}, train MSE max rel. dev. {worst_mse:.3e}");
}

#[test]
fn poly_ridge_matches_sklearn_ridge_on_chebyshev_features() {
    let f = fixture();
    let cases = f.json["ridge"].as_array().unwrap();
    assert_eq!(cases.len(), 20);
    let (mut worst_pred, mut worst_coef) = (0.0f64, 0.0f64);
    for c in cases {
        let d = c["degree"].as_u64().unwrap() as usize;
        let lam = c["lambda"].as_f64().unwrap() as f32;
        let what = format!("degree {d}, λ = {lam}");
        let fit = PolyFit::fit(&f.x, &f.y, d, lam).unwrap();
        worst_coef = worst_coef.max(check_coeffs(&what, fit.coefficients(), &floats(&c["coeffs"]), 1e-9));
        worst_pred = worst_pred.max(check_pred(&what, &fit, &f.grid, &floats(&c["pred"]), 1e-6));
    }
    println!("ridge: max |ours − sklearn| predictions {worst_pred:.3e}, coefficients (relative) {worst_coef:.3e}");
}

#[test]
fn poly_more_coefficients_than_points_is_the_minimum_norm_solution() {
    let f = fixture();
    let c = &f.json["min_norm"];
    let (x, y) = (f32s(&c["x"]), f32s(&c["y"]));
    let d = c["degree"].as_u64().unwrap() as usize;
    let fit = PolyFit::fit(&x, &y, d, 0.0).unwrap();
    assert!(fit.is_underdetermined());
    assert_eq!(fit.rank(), x.len());
    let coef = check_coeffs("min-norm", fit.coefficients(), &floats(&c["coeffs"]), 1e-9);
    let pred = check_pred("min-norm", &fit, &f.grid, &floats(&c["pred"]), 1e-6);
    // And it interpolates: every training point is hit.
    for (&xi, &yi) in x.iter().zip(&y) {
        assert!((fit.predict(xi) - yi).abs() <= 1e-5, "f({xi}) = {} ≠ {yi}", fit.predict(xi));
    }
    println!("min-norm: max |ours − numpy lstsq| predictions {pred:.3e}, coefficients (relative) {coef:.3e}");
}
