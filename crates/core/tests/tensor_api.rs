//! The tensor engine's API contract: which nodes get gradients, reshape sharing storage,
//! adjoints of intermediate values, gradient accumulation, shapes, and each way
//! `apply_step` reports divergence (the overflowing optimiser step is undone).

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::{apply_step, Diverged, Init, Params, Shape, Tape};

#[test]
fn shapes_are_row_major_and_small() {
    let s = Shape::new(&[2, 3, 4]);
    assert_eq!((s.rank(), s.numel(), s.last(), s.rows()), (3, 24, 4, 6));
    assert_eq!(s.with_last(7).dims(), &[2, 3, 7]);
    assert_eq!((Shape::scalar().numel(), Shape::scalar().rank()), (1, 0));
    assert_eq!(Shape::from([5, 1]), Shape::new(&[5, 1]));
    assert_eq!(format!("{s:?}"), "[2, 3, 4]");
    assert_eq!(std::mem::size_of::<Shape>(), 5 * std::mem::size_of::<usize>(), "Copy, no heap");
}

#[test]
fn only_nodes_that_depend_on_parameters_get_gradients() {
    let mut rng = Rng::new(1);
    let mut p = Params::new();
    let w = p.add("w", [2, 2], Init::Ones, &mut rng).unwrap();
    let mut t = Tape::new();
    let x = t.input([1, 2], &[1.0, 2.0]);
    let x2 = t.tanh(x); // data only
    let wv = t.param(&p, w);
    let y = t.matmul(x2, wv);
    let l = t.sum(y);
    assert!(!t.needs_grad(x) && !t.needs_grad(x2));
    assert!(t.needs_grad(wv) && t.needs_grad(y) && t.needs_grad(l));
    assert!(t.grad(y).is_empty(), "no adjoints before backward");
    p.zero_grads();
    t.backward(l, &mut p).unwrap();
    assert_eq!(t.grad(x2), &[0.0, 0.0], "data nodes are skipped: their adjoint stays 0");
    assert_eq!(t.grad(y), &[1.0, 1.0]);
    // ∂L/∂W[k][j] = x2[k].
    let (a, b) = (1f32, 2f32);
    let want = [
        perplexed_core::nn::activation::tanh(a),
        perplexed_core::nn::activation::tanh(a),
        perplexed_core::nn::activation::tanh(b),
        perplexed_core::nn::activation::tanh(b),
    ];
    assert_eq!(p.grad(w), &want);
    // backward adds: a second backward without zeroing doubles the gradient.
    t.backward(l, &mut p).unwrap();
    let doubled: Vec<f32> = want.iter().map(|v| 2.0 * v).collect();
    assert_eq!(p.grad(w), &doubled[..]);
}

#[test]
fn reshape_shares_storage_and_adjoint() {
    let mut rng = Rng::new(2);
    let mut p = Params::new();
    let w = p.add("w", [2, 3], Init::Uniform(1.0), &mut rng).unwrap();
    let mut t = Tape::new();
    let wv = t.param(&p, w);
    let r = t.reshape(wv, [3, 2]);
    assert_eq!(t.value(r), t.value(wv));
    assert_eq!(t.shape(r).dims(), &[3, 2]);
    let s = t.mul(r, r);
    let l = t.sum(s);
    t.backward(l, &mut p).unwrap();
    let want: Vec<f32> = p.value(w).iter().map(|v| 2.0 * v).collect();
    assert_eq!(p.grad(w), &want[..]);
    assert_eq!(t.grad(r), t.grad(wv));
}

#[test]
fn reset_keeps_capacity_and_forgets_nodes() {
    let mut t = Tape::new();
    let x = t.input([3], &[1.0, 2.0, 3.0]);
    let _ = t.relu(x);
    assert_eq!(t.len(), 2);
    t.reset();
    assert!(t.is_empty());
    let y = t.input([2], &[5.0, 6.0]);
    assert_eq!(t.value(y), &[5.0, 6.0]);
}

#[test]
fn apply_step_reports_the_norm_before_clipping() {
    // L = Σ (3, 4)·w ⇒ ∇ = (3, 4), ‖∇‖ = 5; clipped to 1 ⇒ SGD η = 1 moves w by (0.6, 0.8).
    let mut rng = Rng::new(3);
    let mut p = Params::new();
    let w = p.add("w", [2], Init::Zeros, &mut rng).unwrap();
    let mut opt = OptimizerConfig::new(OptimizerKind::Sgd, 1.0).build(p.len()).unwrap();
    let mut t = Tape::new();
    let c = t.input([2], &[3.0, 4.0]);
    let wv = t.param(&p, w);
    let y = t.mul(wv, c);
    let l = t.sum(y);
    let r = apply_step(&mut t, l, &mut p, opt.as_mut(), Some(1.0)).unwrap();
    assert_eq!((r.loss, r.grad_norm), (0.0, 5.0));
    let v = p.value(w);
    assert!((v[0] + 0.6).abs() < 1e-6 && (v[1] + 0.8).abs() < 1e-6, "{v:?}");
}

#[test]
fn an_overflowing_optimizer_step_is_undone() {
    // L = 10³⁸·w: finite loss and gradient, but SGD at η = 10 sends w to 1 − 10³⁹ = −∞ in f32.
    let mut rng = Rng::new(4);
    let mut p = Params::new();
    let w = p.add("w", [1], Init::Ones, &mut rng).unwrap();
    let mut opt = OptimizerConfig::new(OptimizerKind::Sgd, 10.0).build(p.len()).unwrap();
    let mut t = Tape::new();
    let c = t.input([1], &[1e38]);
    let wv = t.param(&p, w);
    let y = t.mul(wv, c);
    let l = t.sum(y);
    assert_eq!(apply_step(&mut t, l, &mut p, opt.as_mut(), None), Err(Diverged::Params));
    assert_eq!(p.value(w), &[1.0], "the step was undone");
    // An overflow inside backward: w = 10⁻¹⁰ broadcast over c = (3·10³⁸, 3·10³⁸) gives a finite
    // loss L = Σ cᵢ·w = 6·10²⁸, but ∂L/∂w = Σ cᵢ = 6·10³⁸ overflows f32.
    p.value_mut(w)[0] = 1e-10;
    t.reset();
    let c = t.input([2], &[3e38, 3e38]);
    let wv = t.param(&p, w);
    let y = t.mul(c, wv);
    let l = t.sum(y);
    assert!(t.scalar(l).is_finite());
    assert_eq!(apply_step(&mut t, l, &mut p, opt.as_mut(), None), Err(Diverged::Gradient));
    assert_eq!(p.value(w), &[1e-10], "nothing was stepped");
}

#[test]
fn an_input_can_ask_for_its_gradient() {
    // A saliency map: L = Σ (x·W) with W = [[1, 2], [3, 4]] ⇒ ∂L/∂x = row sums of W = (3, 7).
    let mut rng = Rng::new(5);
    let mut p = Params::new();
    let w = p.add("w", [2, 2], Init::Zeros, &mut rng).unwrap();
    p.value_mut(w).copy_from_slice(&[1.0, 2.0, 3.0, 4.0]);
    let mut t = Tape::new();
    let x = t.input_with_grad([1, 2], &[0.5, -1.0]);
    let wv = t.param(&p, w);
    let y = t.matmul(x, wv);
    let l = t.sum(y);
    t.backward(l, &mut p).unwrap();
    assert_eq!(t.grad(x), &[3.0, 7.0]);
    assert_eq!(p.grad(w), &[0.5, 0.5, -1.0, -1.0]);
}
