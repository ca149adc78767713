//! The engine's deterministic `exp`, `ln`, `exp64`, `sin_cos64` against the standard library's
//! f64 functions (accurate to < 1 ulp of f64, so a fine reference for f32 results), over wide
//! grids, plus their special values. Measured worst errors are stated in `tensor::math`.

use perplexed_core::tensor::math::{cos, exp, exp64, ln, ln64, ln_1p, ln_1p64, sin, sin_cos64};

/// Relative error of an f32 result against an f64 reference.
fn rel(got: f32, want: f64) -> f64 {
    ((f64::from(got) - want) / want).abs()
}

#[test]
fn exp_is_accurate_over_its_range() {
    let mut worst = 0.0f64;
    let mut x = -87.0f32;
    while x < 88.5 {
        worst = worst.max(rel(exp(x), f64::from(x).exp()));
        x += 0.001_37;
    }
    eprintln!("exp: worst relative error {worst:.2e}");
    assert!(worst < 2.5e-7, "exp: {worst:e}");
    assert_eq!(exp(0.0), 1.0);
    assert_eq!(exp(f32::NEG_INFINITY), 0.0);
    assert_eq!(exp(-200.0), 0.0);
    assert_eq!(exp(100.0), f32::INFINITY);
    assert!(exp(f32::NAN).is_nan());
    // Subnormal results stay close (absolute error below the smallest normal's ulp).
    assert!((f64::from(exp(-100.0)) - (-100f64).exp()).abs() < 1e-44);
}

#[test]
fn ln_is_accurate_over_its_range() {
    let mut worst = 0.0f64;
    let mut x = 1e-30f32;
    while x < 1e30 {
        let want = f64::from(x).ln();
        if want.abs() > 1e-3 {
            worst = worst.max(rel(ln(x), want));
        } else {
            assert!((f64::from(ln(x)) - want).abs() < 1e-9);
        }
        x *= 1.000_73;
    }
    eprintln!("ln: worst relative error {worst:.2e}");
    assert!(worst < 2.5e-7, "ln: {worst:e}");
    assert_eq!(ln(1.0), 0.0);
    assert_eq!(ln(0.0), f32::NEG_INFINITY);
    assert_eq!(ln(f32::INFINITY), f32::INFINITY);
    assert!(ln(-1.0).is_nan() && ln(f32::NAN).is_nan());
    assert!(rel(ln(1e-40), (1e-40f64).ln()) < 1e-6, "subnormal");
}

#[test]
fn f64_helpers_are_accurate() {
    let mut worst_exp = 0.0f64;
    let mut worst_trig = 0.0f64;
    let mut x = -30.0f64;
    while x < 30.0 {
        worst_exp = worst_exp.max(((exp64(x) - x.exp()) / x.exp()).abs());
        x += 0.0137;
    }
    let mut x = -1.0e4f64;
    while x < 1.0e4 {
        let (s, c) = sin_cos64(x);
        worst_trig = worst_trig.max((s - x.sin()).abs()).max((c - x.cos()).abs());
        x += 0.731;
    }
    eprintln!("exp64: {worst_exp:.2e}, sin/cos: {worst_trig:.2e}");
    assert!(worst_exp < 1e-15, "exp64 {worst_exp:e}");
    assert!(worst_trig < 1e-12, "sin/cos {worst_trig:e}");
}

#[test]
fn ln64_ln_1p64_and_the_f32_sine_are_accurate() {
    // ln64 over [1e-300, 1e300] (and a subnormal), relative to the standard library's.
    let mut worst_ln = 0.0f64;
    let mut x = 1e-300f64;
    while x < 1e300 {
        for y in [x, x * 1.000_000_1, 1.0 + (x.min(1.0) * 1e-3)] {
            let want = y.ln();
            let err = if want == 0.0 { ln64(y).abs() } else { ((ln64(y) - want) / want).abs() };
            worst_ln = worst_ln.max(err);
        }
        x *= 1.37;
    }
    assert!(((ln64(5e-320) - (5e-320f64).ln()) / (5e-320f64).ln()).abs() < 1e-15, "subnormal");
    assert_eq!((ln64(0.0), ln64(1.0), ln64(f64::INFINITY)), (f64::NEG_INFINITY, 0.0, f64::INFINITY));
    assert!(ln64(-1.0).is_nan() && ln64(f64::NAN).is_nan());
    // ln_1p64 from tiny arguments (where 1 + x rounds to 1) to large ones, and −1.
    let mut worst_ln_1p = 0.0f64;
    let mut x = 1e-30f64;
    while x < 1e30 {
        for y in [x, -x.min(0.999_999)] {
            worst_ln_1p = worst_ln_1p.max(((ln_1p64(y) - y.ln_1p()) / y.ln_1p()).abs());
        }
        x *= 1.29;
    }
    assert_eq!(ln_1p64(-1.0), f64::NEG_INFINITY);
    assert!(ln_1p64(-2.0).is_nan());
    assert_eq!(ln_1p(0.0), 0.0);
    // The f32 sine and cosine: within an f32 rounding of the f64 functions on the lab's ranges.
    let mut worst_trig = 0.0f64;
    let mut x = -100.0f32;
    while x < 100.0 {
        worst_trig = worst_trig.max((f64::from(sin(x)) - f64::from(x).sin()).abs()).max((f64::from(cos(x)) - f64::from(x).cos()).abs());
        x += 0.0173;
    }
    eprintln!("ln64: {worst_ln:.2e}, ln_1p64: {worst_ln_1p:.2e}, f32 sin/cos: {worst_trig:.2e}");
    assert!(worst_ln < 1e-15, "ln64 {worst_ln:e}");
    assert!(worst_ln_1p < 1e-15, "ln_1p64 {worst_ln_1p:e}");
    assert!(worst_trig < 6.0e-8, "f32 sin/cos {worst_trig:e}");
}

#[test]
fn exp64_covers_the_whole_f64_range() {
    // Large arguments, the subnormal results, and the ends: 0, +∞, NaN.
    let mut worst = 0.0f64;
    let mut x = -708.0f64;
    while x < 709.7 {
        worst = worst.max(((exp64(x) - x.exp()) / x.exp()).abs());
        x += 0.917;
    }
    assert!(worst < 1e-15, "exp64 {worst:e}");
    for x in [-709.0f64, -720.0, -740.0, -745.0] {
        // Subnormal: within a unit in the last place of the standard library's.
        assert!((exp64(x) - x.exp()).abs() <= f64::from_bits(1), "{x}: {} against {}", exp64(x), x.exp());
    }
    assert_eq!((exp64(f64::NEG_INFINITY), exp64(-746.0), exp64(710.0), exp64(f64::INFINITY)), (0.0, 0.0, f64::INFINITY, f64::INFINITY));
    assert!(exp64(f64::NAN).is_nan());
}
