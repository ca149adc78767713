//! The finite-difference gradient check both `tensor_gradcheck.rs` (operations) and
//! `tensor_layers.rs` (layers) run (`#[path = "common/gradcheck.rs"] mod gradcheck;`).
//!
//! For an output `y = f(θ)` and a fixed random projection `r`, the scalar `L = Σ rᵢ yᵢ` has
//! the gradient the engine computes by backward; each parameter is then nudged by ±`H` and the
//! central difference `(L(θ + H) − L(θ − H)) / 2H`, evaluated in f64, must agree within
//! `REL_TOL · scale + ABS_TOL` (the reasoning for these is in `tensor_gradcheck.rs`).

use perplexed_core::rng::Rng;
use perplexed_core::tensor::{Params, Tape, Var};

pub const H: f32 = 1e-2;
pub const REL_TOL: f64 = 1e-2;
pub const ABS_TOL: f64 = 1e-3;

/// Random values in ±[lo, hi] (sign random): away from 0 when `lo > 0`.
pub fn values(rng: &mut Rng, n: usize, lo: f32, hi: f32) -> Vec<f32> {
    (0..n)
        .map(|_| {
            let u = rng.uniform(lo, hi);
            if rng.next_f32() < 0.5 {
                -u
            } else {
                u
            }
        })
        .collect()
}

/// `Σ rᵢ yᵢ` in f64.
pub fn projection(tape: &Tape, y: Var, r: &[f32]) -> f64 {
    tape.value(y).iter().zip(r).map(|(&a, &b)| f64::from(a) * f64::from(b)).sum()
}

/// Checks every parameter's gradient for the output of `build`; returns the worst relative error.
pub fn check(name: &str, mut params: Params, mut rng: Rng, build: impl Fn(&mut Tape, &Params) -> Var) -> f64 {
    let mut tape = Tape::new();
    let y = build(&mut tape, &params);
    let n = tape.shape(y).numel();
    let r: Vec<f32> = (0..n).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let rv = tape.input(tape.shape(y), &r);
    let prod = tape.mul(y, rv);
    let loss = tape.sum(prod);
    params.zero_grads();
    tape.backward(loss, &mut params).unwrap();
    let analytic = params.grads().to_vec();
    assert!(analytic.iter().any(|g| g.abs() > 1e-3), "{name}: gradient trivially zero");
    let mut worst = 0.0f64;
    #[allow(clippy::needless_range_loop)] // i indexes the values, the gradients and the perturbation
    for i in 0..params.len() {
        let orig = params.values()[i];
        let mut eval = |v: f32, params: &mut Params| {
            params.values_mut()[i] = v;
            tape.reset();
            let y = build(&mut tape, params);
            projection(&tape, y, &r)
        };
        let plus = eval(orig + H, &mut params);
        let minus = eval(orig - H, &mut params);
        params.values_mut()[i] = orig;
        let step = f64::from(orig + H) - f64::from(orig - H);
        let fd = (plus - minus) / step;
        let an = f64::from(analytic[i]);
        let diff = (fd - an).abs();
        let scale = fd.abs().max(an.abs());
        assert!(diff <= REL_TOL * scale + ABS_TOL, "{name}: value {i}: analytic {an:.6e} vs numerical {fd:.6e}");
        if scale > 1e-2 {
            worst = worst.max(diff / scale);
        }
    }
    eprintln!("{name:<36} {} values, worst relative error {worst:.2e}", params.len());
    worst
}
