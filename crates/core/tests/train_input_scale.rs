//! The first layer's initialisation follows the scale of the inputs (`Mlp::scale_inputs`, which
//! `Trainer::new` applies with each input's root mean square over the training rows).
//!
//! Why it matters (measured before the change, 2026-11-26): a 2-64-64-1 relu network with a
//! tanh head, Adam at 0.01 and batch 32 — the W2 workload — stalled at a training loss of
//! ≈ 1.1 on 2 of 5 seeds of the spiral after 300 epochs, because inputs spanning ±6 made the
//! He-initialised first layer's sums several times too large and the head started saturated.

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Split;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Loss, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::rng::Rng;
use perplexed_core::train::trainer::{TrainConfig, Trainer};

/// Dividing input j's weights by s_j and multiplying input j by s_j is the same network.
#[test]
fn scaled_weights_on_scaled_inputs_give_the_same_outputs() {
    let spec = MlpSpec { inputs: 3, hidden: vec![5, 4], activation: Activation::Tanh, head: Head::Linear, classes: 1 };
    let mut a = Mlp::new(&spec, &mut Rng::new(7)).unwrap();
    let mut b = a.clone();
    let s = [4.0f32, 0.25, 1.0];
    b.scale_inputs(&s);
    assert_ne!(a.params(), b.params(), "scaling changed nothing");
    let x: Vec<f32> = (0..30).map(|i| ((i * 37 % 23) as f32 - 11.0) / 7.0).collect();
    let xs: Vec<f32> = x.iter().enumerate().map(|(i, v)| v * s[i % 3]).collect();
    let (mut ya, mut yb) = (Vec::new(), Vec::new());
    a.predict(&x, 10, &mut ya);
    b.predict(&xs, 10, &mut yb);
    for (p, q) in ya.iter().zip(&yb) {
        assert!((p - q).abs() <= 1e-5 * p.abs().max(1.0), "{p} vs {q}");
    }
}

/// Zero, negative, NaN and infinite scales leave their input alone; extra entries are ignored.
#[test]
fn unusable_scales_change_nothing() {
    let spec = MlpSpec { inputs: 4, hidden: vec![3], activation: Activation::Relu, head: Head::Linear, classes: 1 };
    let a = Mlp::new(&spec, &mut Rng::new(3)).unwrap();
    let mut b = a.clone();
    b.scale_inputs(&[0.0, -2.0, f32::NAN, f32::INFINITY, 5.0]);
    assert_eq!(a.params(), b.params());
}

/// The W2 setting in the Playground: every seed learns the spiral with Adam.
#[test]
fn adam_learns_the_spiral_with_a_wide_relu_network_from_every_seed() {
    let data = generate(&DataParams { kind: DatasetKind::Spiral, points: 500, noise: 0.0, seed: 1 }).unwrap();
    let split = Split::new(&data.split_keys, 50, 25).unwrap();
    let mut worst = 0.0f32;
    for seed in 1..=5 {
        let cfg = TrainConfig {
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![64, 64],
            activation: Activation::Relu,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Adam,
            lr: 0.01,
            batch: 32,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed,
        };
        let mut t = Trainer::new(&data, &split, &cfg).unwrap();
        for _ in 0..200 {
            t.step_epoch();
        }
        let h = t.history();
        let (first, last) = (h.train_loss[0], *h.train_loss.last().unwrap());
        println!("seed {seed}: train loss {first:.3} → {last:.4}, accuracy {:.3}", h.train_acc.last().unwrap());
        worst = worst.max(last);
    }
    assert!(worst < 0.1, "a seed stalled at training loss {worst}");
}
