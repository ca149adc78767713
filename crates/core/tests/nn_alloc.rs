//! "No allocation in the training step": after one warm-up call, `loss_and_gradient`,
//! `predict`, `evaluate` and an optimiser step allocate nothing. Counted by a global allocator
//! that tallies allocations per thread (so tests running in parallel don't disturb each other).

use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;


#[test]
fn nn_training_step_and_inference_do_not_allocate_after_warm_up() {
    // The counter works (so a zero below means something).
    let b = allocations();
    let v = std::hint::black_box(vec![1u8; 10]);
    assert!(allocations() > b);
    drop(v);
    let spec = MlpSpec { inputs: 2, hidden: vec![64, 64], activation: Activation::Relu, head: Head::Tanh, classes: 2 };
    let mut rng = Rng::new(1);
    let mut mlp = Mlp::new(&spec, &mut rng).unwrap();
    let n = 600; // more than one block of rows
    let x: Vec<f32> = (0..n * 2).map(|_| rng.uniform(-6.0, 6.0)).collect();
    let t: Vec<f32> = (0..n).map(|i| (i % 2) as f32).collect();
    let mut grad = vec![0.0; mlp.param_count()];
    let mut out = Vec::new();
    for kind in OptimizerKind::ALL {
        let mut opt = OptimizerConfig::new(kind, 0.01).build(mlp.param_count()).unwrap();
        // Warm-up: scratch and `out` grow here.
        mlp.loss_and_gradient(&x, &t, n, Regularization::L2, 0.01, &mut grad);
        mlp.predict(&x, n, &mut out);
        let before = allocations();
        for batch in [32, 600, 1, 250] {
            mlp.loss_and_gradient(&x, &t, batch, Regularization::L1, 0.01, &mut grad);
            opt.step(mlp.params_mut(), &grad);
            mlp.predict(&x, batch, &mut out);
            mlp.evaluate(&x, &t, batch);
        }
        assert_eq!(allocations() - before, 0, "{kind:?}: allocated during training/inference");
    }
}
