//! The SIMD kernels (rows in lanes for training, points in lanes for inference) against the
//! plain scalar reference kernels (`Mlp::set_reference_kernels(true)`: textbook loops, one value
//! at a time): the same networks trained the same way must record the same loss after every
//! step, and predict the same values over a grid, within 1e-5 relative.
//!
//! Both paths sum every dot product in the same order (bias first, then increasing input
//! index, no fused multiply-add), so in practice they agree bit for bit; the tolerance only
//! guards against a future kernel that legitimately reorders a sum. The measured worst case is
//! printed (`cargo test -p perplexed-core --test simd_parity -- --nocapture`).

use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;

const REL_TOL: f64 = 1e-5;

/// Relative difference, with an absolute floor of 1e-30 so that two zeros compare equal.
fn rel(a: f32, b: f32) -> f64 {
    let (a, b) = (f64::from(a), f64::from(b));
    if a == b {
        return 0.0;
    }
    (a - b).abs() / a.abs().max(b.abs()).max(1e-30)
}

/// Worst relative difference between two equally long vectors, asserting the tolerance.
fn compare(what: &str, fast: &[f32], reference: &[f32]) -> f64 {
    assert_eq!(fast.len(), reference.len(), "{what}: lengths");
    let mut worst = 0.0f64;
    for (i, (&f, &r)) in fast.iter().zip(reference).enumerate() {
        assert!(f.is_finite() == r.is_finite(), "{what}[{i}]: {f} vs {r}");
        let d = rel(f, r);
        assert!(d <= REL_TOL, "{what}[{i}]: SIMD {f} vs reference {r} (relative {d:.3e})");
        worst = worst.max(d);
    }
    worst
}

/// The two spirals of the shared workloads (500 points, labels 0/1), in a fixed shuffled order.
fn spiral() -> (Vec<f32>, Vec<f32>) {
    let mut pts = Vec::new();
    for (label, phase) in [(1.0f32, 0.0f64), (0.0, std::f64::consts::PI)] {
        for i in 0..250 {
            let r = 5.0 * i as f64 / 250.0;
            let t = 1.75 * 2.0 * std::f64::consts::PI * i as f64 / 250.0 + phase;
            pts.push(([(r * t.sin()) as f32, (r * t.cos()) as f32], label));
        }
    }
    Rng::new(7).shuffle(&mut pts);
    (pts.iter().flat_map(|p| p.0).collect(), pts.iter().map(|p| p.1).collect())
}

/// Random "digits": `n` rows of 64 sixteenths in [0, 1] and a class 0–9.
fn digits(n: usize) -> (Vec<f32>, Vec<f32>) {
    let mut rng = Rng::new(3);
    let x = (0..n * 64).map(|_| rng.below(17) as f32 / 16.0).collect();
    let t = (0..n).map(|_| rng.below(10) as f32).collect();
    (x, t)
}

/// The 100 × 100 grid of the shared workloads, x1 outer, x2 inner.
fn grid() -> Vec<f32> {
    let mut g = Vec::with_capacity(20_000);
    for i in 0..100 {
        for j in 0..100 {
            g.push(-6.0 + 12.0 * i as f32 / 99.0);
            g.push(6.0 - 12.0 * j as f32 / 99.0);
        }
    }
    g
}

/// What one run records: the loss of every step, then evaluate's loss and correct count at the
/// end of every epoch, the final parameters, and predictions / classes / activations on `probe`.
struct Record {
    step_losses: Vec<f32>,
    epoch_losses: Vec<f32>,
    correct: Vec<usize>,
    params: Vec<f32>,
    predictions: Vec<f32>,
    classes: Vec<usize>,
    activations: Vec<f32>,
}

#[allow(clippy::too_many_arguments)]
fn train(
    spec: &MlpSpec,
    reference: bool,
    kind: OptimizerKind,
    lr: f32,
    batch: usize,
    epochs: usize,
    reg: Regularization,
    (x, t): (&[f32], &[f32]),
    probe: &[f32],
) -> Record {
    let d = spec.inputs;
    let n = t.len();
    let mut mlp = Mlp::new(spec, &mut Rng::stream(1, 2)).unwrap();
    mlp.set_reference_kernels(reference);
    let mut opt = OptimizerConfig::new(kind, lr).build(mlp.param_count()).unwrap();
    let mut grad = vec![0.0; mlp.param_count()];
    let mut rec = Record {
        step_losses: vec![],
        epoch_losses: vec![],
        correct: vec![],
        params: vec![],
        predictions: vec![],
        classes: vec![],
        activations: vec![],
    };
    for _ in 0..epochs {
        let mut start = 0;
        while start < n {
            let m = batch.min(n - start);
            let rate = if reg == Regularization::None { 0.0 } else { 1e-3 };
            let loss = mlp.loss_and_gradient(&x[start * d..(start + m) * d], &t[start..start + m], m, reg, rate, &mut grad);
            rec.step_losses.push(loss);
            opt.step(mlp.params_mut(), &grad);
            start += m;
        }
        let (loss, correct) = mlp.evaluate(x, t, n);
        rec.epoch_losses.push(loss);
        rec.correct.push(correct);
    }
    rec.params = mlp.params().to_vec();
    let np = probe.len() / d;
    mlp.predict(probe, np, &mut rec.predictions);
    mlp.predict_classes(probe, np, &mut rec.classes);
    rec.activations = mlp.activations(probe, np).concat();
    rec
}

/// Trains `spec` both ways and compares everything recorded; returns the worst relative
/// difference.
#[allow(clippy::too_many_arguments)]
fn parity(
    name: &str,
    spec: &MlpSpec,
    kind: OptimizerKind,
    lr: f32,
    batch: usize,
    epochs: usize,
    reg: Regularization,
    data: (&[f32], &[f32]),
    probe: &[f32],
) -> f64 {
    let fast = train(spec, false, kind, lr, batch, epochs, reg, data, probe);
    let slow = train(spec, true, kind, lr, batch, epochs, reg, data, probe);
    let mut worst = compare(&format!("{name}: step losses"), &fast.step_losses, &slow.step_losses);
    worst = worst.max(compare(&format!("{name}: epoch losses"), &fast.epoch_losses, &slow.epoch_losses));
    worst = worst.max(compare(&format!("{name}: grid predictions"), &fast.predictions, &slow.predictions));
    worst = worst.max(compare(&format!("{name}: activations"), &fast.activations, &slow.activations));
    worst = worst.max(compare(&format!("{name}: parameters"), &fast.params, &slow.params));
    if worst == 0.0 {
        // Bit-identical runs must also classify identically.
        assert_eq!(fast.correct, slow.correct, "{name}: correct counts");
        assert_eq!(fast.classes, slow.classes, "{name}: predicted classes");
    }
    println!("{name}: {} steps, worst relative difference {worst:.3e}", fast.step_losses.len());
    worst
}

fn spec(inputs: usize, hidden: &[usize], activation: Activation, head: Head, classes: usize) -> MlpSpec {
    MlpSpec { inputs, hidden: hidden.to_vec(), activation, head, classes }
}

#[test]
fn simd_parity_workload_shaped_nets_train_and_predict_like_the_scalar_reference() {
    let (sx, st) = spiral();
    let (train_x, train_t) = (&sx[..500], &st[..250]);
    let (dx, dt) = digits(300);
    let g = grid();
    let mut worst = 0.0f64;
    for kind in [OptimizerKind::Sgd, OptimizerKind::Adam] {
        let lr = if kind == OptimizerKind::Adam { 0.01 } else { 0.03 };
        let w1 = spec(2, &[4, 2], Activation::Tanh, Head::Tanh, 2);
        worst = worst.max(parity(&format!("W1 {kind:?}"), &w1, kind, lr, 10, 20, Regularization::None, (train_x, train_t), &g));
        let w2 = spec(2, &[64, 64], Activation::Relu, Head::Tanh, 2);
        worst = worst.max(parity(&format!("W2 {kind:?}"), &w2, kind, lr, 32, 10, Regularization::None, (train_x, train_t), &g));
        let w3 = spec(64, &[128], Activation::Relu, Head::Softmax, 10);
        worst = worst.max(parity(&format!("W3 {kind:?}"), &w3, kind, lr, 64, 4, Regularization::None, (&dx, &dt), &dx));
    }
    println!("workload-shaped nets: worst relative difference {worst:.3e}");
}

#[test]
fn simd_parity_every_activation_head_and_odd_width() {
    // Odd widths and batch sizes exercise every kernel path: 8- and 4-column blocks, the 1–3
    // column tails, single rows, the 1–3 neuron tails of points in lanes, padded point blocks.
    let (sx, st) = spiral();
    let (dx, dt) = digits(90);
    let g = grid();
    let heads = [(Head::Tanh, 2), (Head::Sigmoid, 2), (Head::Linear, 0), (Head::Softmax, 3), (Head::TanhMulti, 5)];
    let mut worst = 0.0f64;
    for act in Activation::ALL {
        for (hi, &(head, classes)) in heads.iter().enumerate() {
            let hidden: &[usize] = [&[5, 3][..], &[7], &[13, 6, 2], &[9, 1], &[3, 11]][hi];
            let reg = [Regularization::None, Regularization::L1, Regularization::L2][hi % 3];
            let name = format!("{act:?}/{head:?}");
            // Multi-class heads on the digits (targets 0–9 clamped to the last class), the others
            // on the spiral, probed on 1,037 grid points (not a whole number of blocks).
            let (s, data, probe) = if classes > 2 {
                (spec(64, hidden, act, head, classes), (&dx[..], &dt[..]), &dx[..])
            } else {
                (spec(2, hidden, act, head, classes), (&sx[..380], &st[..190]), &g[..2 * 1_037])
            };
            for kind in [OptimizerKind::Sgd, OptimizerKind::Adam] {
                worst = worst.max(parity(&format!("{name} {kind:?}"), &s, kind, 0.01, 7, 3, reg, data, probe));
            }
        }
    }
    println!("every activation × head: worst relative difference {worst:.3e}");
}
