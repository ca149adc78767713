//! The fast rational `tanh` in `nn` must be as accurate as the brief demands (< 1e-6 relative to
//! the exact value) everywhere, bounded by 1, odd, and NaN-propagating; the stable sigmoid and
//! softplus must stay finite and accurate far out in the tails.

use perplexed_core::nn::activation::{tanh, Activation};
use perplexed_core::nn::loss::{sigmoid, softplus};

/// Relative error of the fast tanh against f64's tanh at `x`.
fn rel_err(x: f32) -> f64 {
    let exact = f64::from(x).tanh();
    let got = f64::from(tanh(x));
    if exact == 0.0 {
        got.abs()
    } else {
        ((got - exact) / exact).abs()
    }
}

#[test]
fn nn_fast_tanh_relative_error_below_1e_6_everywhere() {
    // Every f32 from 1e-30 up to 20 by walking the bit patterns in strides (≈ 1.5 million values,
    // every exponent and mantissa region), plus a dense linear sweep of [0, 10].
    let mut worst = (0.0f64, 0.0f32);
    let start = 1e-30f32.to_bits();
    let end = 20.0f32.to_bits();
    let mut bits = start;
    while bits <= end {
        let x = f32::from_bits(bits);
        for v in [x, -x] {
            let e = rel_err(v);
            if e > worst.0 {
                worst = (e, v);
            }
        }
        bits += 577; // odd prime stride: hits every mantissa pattern class
    }
    for i in 0..=1_000_000 {
        let x = i as f32 * 1e-5;
        let e = rel_err(x);
        if e > worst.0 {
            worst = (e, x);
        }
    }
    println!("fast tanh: max relative error {:.3e} at x = {}", worst.0, worst.1);
    assert!(worst.0 < 1e-6, "max relative error {:.3e} at x = {}", worst.0, worst.1);
}

#[test]
fn nn_fast_tanh_is_bounded_odd_and_saturates() {
    for i in -200_000..=200_000 {
        let x = i as f32 * 1e-4;
        let y = tanh(x);
        assert!(y.abs() <= 1.0, "tanh({x}) = {y} exceeds 1");
        assert_eq!(tanh(-x), -y, "tanh is not odd at {x}");
    }
    assert_eq!(tanh(0.0), 0.0);
    assert_eq!(tanh(1e6), 1.0);
    assert_eq!(tanh(-1e30), -1.0);
    assert_eq!(tanh(f32::INFINITY), 1.0);
    assert!(tanh(f32::NAN).is_nan(), "NaN must propagate so divergence is detected");
}

#[test]
fn nn_sigmoid_and_softplus_are_stable_in_the_tails() {
    for &z in &[-1000.0f32, -100.0, -20.0, -1.0, 0.0, 1.0, 20.0, 100.0, 1000.0] {
        let s = sigmoid(z);
        let exact = 1.0 / (1.0 + (-f64::from(z)).exp());
        assert!(s.is_finite() && (0.0..=1.0).contains(&s));
        assert!((f64::from(s) - exact).abs() <= 1e-7 * exact.max(1e-300) + 1e-45, "sigmoid({z})");
        let sp = softplus(z);
        let exact_sp = f64::from(z).max(0.0) + (-f64::from(z).abs()).exp().ln_1p();
        assert!(sp.is_finite());
        assert!((f64::from(sp) - exact_sp).abs() <= 1e-6 * exact_sp.max(1e-30), "softplus({z})");
    }
    // Far tail keeps relative precision: σ(−20) ≈ 2.06e-9, not 0.
    assert!((f64::from(sigmoid(-20.0)) / 2.061_153_6e-9 - 1.0).abs() < 1e-6);
}

#[test]
fn nn_activation_derivatives_match_their_formulas() {
    // f'(z) from the output a = f(z), checked against a central difference in f64 terms.
    for act in Activation::ALL {
        for &z in &[-2.0f32, -0.7, 0.3, 1.5] {
            let a = act.apply(z);
            let h = 1e-3f32;
            let fd = (f64::from(act.apply(z + h)) - f64::from(act.apply(z - h))) / (2.0 * f64::from(h));
            let d = f64::from(act.derivative_from_output(a));
            assert!((fd - d).abs() < 1e-3, "{act:?} at {z}: fd {fd} vs {d}");
        }
    }
}
