//! Finite-difference gradient check of `Mlp::loss_and_gradient` for EVERY hidden activation ×
//! head (all five heads, so both losses) × regulariser, on a 3 → 4 → 3 → K network
//! (two hidden layers) over 6 rows.
//!
//! The numerical gradient is the central difference
//! `(L(θ + h·e_i) − L(θ − h·e_i)) / 2h` of the *total* objective
//! `L = data loss + λ·R(w)`, evaluated through the f32 code (`Mlp::evaluate` and `Mlp::penalty`)
//! and differenced in f64.
//!
//! Tolerance, per parameter: `|fd − analytic| ≤ 5e-3·max(|fd|, |analytic|) + 2e-4`, h = 5e-3.
//! Why these numbers:
//! - f32 rounding: one evaluation of the O(1) objective through the f32 forward pass carries an
//!   absolute error of a few ulp, ≈ 7e-7 (measured: the FD noise scales as 1/h, 3.5e-4 at
//!   h = 1e-3). The central difference divides two such errors by 2h, so its noise is
//!   ≈ 7e-7 / h = 1.4e-4 → the 2e-4 absolute floor.
//! - truncation: the central difference errs by h²/6·L‴ ≈ 4e-6·L‴: negligible next to that.
//! - relu / leaky relu are piecewise linear: if a hidden unit changes sign between θ−h and θ+h
//!   the difference straddles a kink and is not a derivative. Such parameters are detected
//!   (the on/off pattern of the hidden units differs) and skipped; fewer than 5 % may be.
//! - the relative term (0.5 %) absorbs the analytic gradient's own f32 rounding and the fast
//!   tanh's < 6e-7 relative error, with a wide margin.
//!
//! A wrong derivative (a missing factor f′, a sign, a lost ½ in L2, a bias that got
//! regularised) produces errors of several percent or more, far outside 0.5 %; the second
//! test shows that even a 1 % error in one entry is caught.

use perplexed_core::data::dataset::Problem;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Loss, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::rng::Rng;

const N: usize = 6;
const INPUTS: usize = 3;
const H: f64 = 5e-3;
const REL_TOL: f64 = 5e-3;
const ABS_TOL: f64 = 2e-4;
const REG_RATE: f32 = 0.1;

/// Heads with their problem, loss and class count (covers every head and both losses).
fn heads() -> Vec<(Head, usize)> {
    let list = [
        (Problem::Regression, Loss::Mse, 0),
        (Problem::Classification, Loss::Mse, 2),
        (Problem::Classification, Loss::CrossEntropy, 2),
        (Problem::Classification, Loss::CrossEntropy, 3),
        (Problem::Classification, Loss::Mse, 3),
    ];
    let heads: Vec<(Head, usize)> =
        list.iter().map(|&(p, l, c)| (Head::choose(p, l, c).unwrap(), c)).collect();
    // Sanity: the five combinations really give the five heads.
    for h in Head::ALL {
        assert!(heads.iter().any(|&(x, _)| x == h), "{h:?} not covered");
    }
    heads
}

/// Total objective through the f32 code, in f64.
fn objective(mlp: &mut Mlp, x: &[f32], t: &[f32], reg: Regularization) -> f64 {
    let (loss, _) = mlp.evaluate(x, t, N);
    f64::from(loss) + f64::from(REG_RATE) * f64::from(mlp.penalty(reg))
}

struct Report {
    worst_rel: f64,
    worst_abs: f64,
    checked: usize,
    kinks: usize,
}

/// Which hidden units are strictly positive for each row: for relu / leaky relu this is the
/// piece of the piecewise-linear function the network is on.
fn active_pattern(mlp: &mut Mlp, x: &[f32]) -> Vec<bool> {
    let acts = mlp.activations(x, N);
    let hidden = &acts[1..acts.len() - 1];
    hidden.iter().flatten().map(|&a| a > 0.0).collect()
}

fn check(act: Activation, head: Head, classes: usize, reg: Regularization, seed: u64) -> Report {
    let spec = MlpSpec { inputs: INPUTS, hidden: vec![4, 3], activation: act, head, classes };
    let mut rng = Rng::new(seed);
    let mut mlp = Mlp::new(&spec, &mut rng).unwrap();
    // Random parameters, biases included, all with |θ| in [0.15, 1]: away from 0 so the L1 kink
    // at w = 0 is never crossed by ±h, and biases non-zero so their gradient path is exercised.
    for p in mlp.params_mut() {
        let u = rng.uniform(0.15, 1.0);
        *p = if rng.next_f32() < 0.5 { -u } else { u };
    }
    let x: Vec<f32> = (0..N * INPUTS).map(|_| rng.uniform(-1.5, 1.5)).collect();
    let t: Vec<f32> = (0..N)
        .map(|r| match head {
            Head::Linear => rng.uniform(-1.0, 1.0),
            Head::Tanh | Head::Sigmoid => (r % 2) as f32,
            Head::Softmax | Head::TanhMulti => (r % 3) as f32,
        })
        .collect();

    let mut grad = vec![0.0f32; mlp.param_count()];
    let loss = mlp.loss_and_gradient(&x, &t, N, reg, REG_RATE, &mut grad);
    let (eval_loss, _) = mlp.evaluate(&x, &t, N);
    assert_eq!(loss, eval_loss, "loss_and_gradient and evaluate disagree on the data loss");
    assert!(grad.iter().any(|g| g.abs() > 1e-3), "gradient is trivially zero");

    let mut report = Report { worst_rel: 0.0, worst_abs: 0.0, checked: 0, kinks: 0 };
    for (i, &g) in grad.iter().enumerate() {
        let orig = mlp.params()[i];
        mlp.params_mut()[i] = orig + H as f32;
        let plus = objective(&mut mlp, &x, &t, reg);
        let pattern_plus = active_pattern(&mut mlp, &x);
        mlp.params_mut()[i] = orig - H as f32;
        let minus = objective(&mut mlp, &x, &t, reg);
        let pattern_minus = active_pattern(&mut mlp, &x);
        mlp.params_mut()[i] = orig;
        if pattern_plus != pattern_minus {
            // A relu unit switched on or off between θ−h and θ+h: the loss has a kink inside the
            // interval and the central difference is not a derivative there. Skip (and count).
            report.kinks += 1;
            continue;
        }
        // Divide by the step actually taken in f32, not the nominal h.
        let step = f64::from(orig + H as f32) - f64::from(orig - H as f32);
        let fd = (plus - minus) / step;
        let an = f64::from(g);
        let diff = (fd - an).abs();
        let scale = fd.abs().max(an.abs());
        assert!(
            diff <= REL_TOL * scale + ABS_TOL,
            "{act:?} / {head:?} / {reg:?}: param {i} (weight: {}) analytic {an:.6e} vs numerical {fd:.6e}",
            mlp.is_weight(i)
        );
        report.worst_abs = report.worst_abs.max(diff);
        if scale > 1e-2 {
            report.worst_rel = report.worst_rel.max(diff / scale);
        }
        report.checked += 1;
    }
    report
}

#[test]
fn nn_gradient_matches_finite_differences_for_every_activation_head_and_regulariser() {
    let mut combos = 0;
    let mut params = 0;
    let mut kinks = 0;
    let (mut worst_rel, mut worst_abs) = (0.0f64, 0.0f64);
    for (ai, act) in Activation::ALL.into_iter().enumerate() {
        for (hi, (head, classes)) in heads().into_iter().enumerate() {
            for (ri, reg) in Regularization::ALL.into_iter().enumerate() {
                let seed = 1000 + (ai * 100 + hi * 10 + ri) as u64;
                let r = check(act, head, classes, reg, seed);
                worst_rel = worst_rel.max(r.worst_rel);
                worst_abs = worst_abs.max(r.worst_abs);
                params += r.checked;
                kinks += r.kinks;
                combos += 1;
            }
        }
    }
    assert_eq!(combos, 5 * 5 * 3);
    // Kinks are rare; if most parameters were skipped the check would be hollow.
    assert!(kinks * 20 < params, "{kinks} of {params} parameters skipped at relu kinks");
    println!(
        "gradient check: {combos} combinations, {params} parameters checked ({kinks} skipped at relu kinks), max |fd − analytic| = {worst_abs:.3e}, \
         max relative error (|grad| > 1e-2) = {worst_rel:.3e}"
    );
}

#[test]
fn nn_gradient_check_catches_a_wrong_gradient() {
    // The check above must be able to fail: make the largest analytic entry 1 % too big and
    // confirm the tolerance rejects it.
    let spec = MlpSpec {
        inputs: INPUTS,
        hidden: vec![4, 3],
        activation: Activation::Tanh,
        head: Head::Tanh,
        classes: 2,
    };
    let mut rng = Rng::new(7);
    let mut mlp = Mlp::new(&spec, &mut rng).unwrap();
    let x: Vec<f32> = (0..N * INPUTS).map(|_| rng.uniform(-1.5, 1.5)).collect();
    let t: Vec<f32> = (0..N).map(|r| (r % 2) as f32).collect();
    let mut grad = vec![0.0f32; mlp.param_count()];
    mlp.loss_and_gradient(&x, &t, N, Regularization::None, 0.0, &mut grad);
    let (i, &g) = grad.iter().enumerate().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs())).unwrap();
    let wrong = f64::from(g) * 1.01;
    let orig = mlp.params()[i];
    mlp.params_mut()[i] = orig + H as f32;
    let plus = objective(&mut mlp, &x, &t, Regularization::None);
    mlp.params_mut()[i] = orig - H as f32;
    let minus = objective(&mut mlp, &x, &t, Regularization::None);
    let fd = (plus - minus) / (f64::from(orig + H as f32) - f64::from(orig - H as f32));
    let diff = (fd - wrong).abs();
    assert!(diff > REL_TOL * fd.abs().max(wrong.abs()) + ABS_TOL, "a 1 % error slipped through");
    // …while the true value passes.
    assert!((fd - f64::from(g)).abs() <= REL_TOL * fd.abs().max(f64::from(g).abs()) + ABS_TOL);
}
