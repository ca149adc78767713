//! Helpers shared by the integration tests (`mod common;`).

use perplexed_core::data::curve::{generate_curve, CurveFunction, CurveParams};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Split;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::stepping::Stepping;
use perplexed_core::train::trainer::{TrainConfig, Trainer};

/// A tanh network with Adam at learning rate `lr` on 30 samples of a noisy sine (σ = 0.4), 15 to
/// train on and 15 to validate: with a 1-32-32-1 network and `lr = 0.01` it fits the noise
/// after a while, so the validation loss turns upward.
#[allow(dead_code)]
pub fn curve_trainer(hidden: &[usize], seed: u64, lr: f32) -> Trainer {
    let d = generate_curve(&CurveParams { function: CurveFunction::Sine, points: 30, noise: 0.2, seed: 3 }).unwrap();
    let data = d.to_dataset();
    let split = Split::new(&data.split_keys, 50, 50).unwrap();
    let cfg = TrainConfig {
        features: vec![Feature::X1],
        hidden: hidden.to_vec(),
        activation: Activation::Tanh,
        loss: Loss::Mse,
        optimizer: OptimizerKind::Adam,
        lr,
        batch: 5,
        reg: Regularization::None,
        reg_rate: 0.0,
        seed,
    };
    Trainer::new(&data, &split, &cfg).unwrap()
}

#[allow(dead_code)]
/// Steps `model` to its end (at most `limit` steps), checking the contract on the way:
/// progress rises with every step but the last, the total (if known) is never passed, and
/// a step after the end changes nothing. Returns the steps taken.
pub fn run_to_end<M: Stepping>(model: &mut M, limit: usize) -> usize {
    let mut steps = 0;
    let mut last = model.progress();
    while !model.done() {
        assert!(steps < limit, "not done after {limit} steps (progress {:?})", model.progress());
        model.step();
        steps += 1;
        let now = model.progress();
        // Progress rises with every step; only the step that ends a run may just record the
        // end (an early-stopping run at its epoch limit trains nothing more).
        assert!(now.done > last.done || model.done(), "a step made no progress: {last:?} → {now:?}");
        assert_eq!(now.total, last.total, "the total changed");
        if let Some(total) = now.total {
            assert!(now.done <= total);
        }
        last = now;
    }
    model.step();
    assert_eq!(model.progress(), last, "a step after the end changed the progress");
    assert!(model.done());
    steps
}
