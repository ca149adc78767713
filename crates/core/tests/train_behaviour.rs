//! Trainer behaviour: the loss falls on separable data, runs are reproducible bit for bit, and a
//! diverging run is detected, stopped and kept finite.

use perplexed_core::data::dataset::{generate, DataParams, Dataset, DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::{Role, Split};
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::rng::Rng;
use perplexed_core::train::trainer::{EpochOutcome, TrainConfig, Trainer};

/// Two gaussian blobs (σ = 0.7) centred at (0, 3) (class 0) and (3, 0) (class 1), built here
/// rather than by `data::generate` so this test depends only on the trainer. Not placed
/// symmetrically about the origin: a freshly initialised tanh network (zero biases) is an odd
/// function, so blobs at ±c would start at either a very low or a very high loss by chance.
fn blobs(n: usize, seed: u64) -> Dataset {
    let mut rng = Rng::new(seed);
    let mut d = Dataset { points: vec![], targets: vec![], problem: Problem::Classification, classes: 2, split_keys: vec![] };
    for i in 0..n {
        let c = (i % 2) as f32;
        let (cx, cy) = if c == 0.0 { (0.0, 3.0) } else { (3.0, 0.0) };
        d.points.push(cx + 0.7 * rng.normal());
        d.points.push(cy + 0.7 * rng.normal());
        d.targets.push(c);
        d.split_keys.push(rng.next_f32());
    }
    d
}

fn config(hidden: &[usize], activation: Activation, loss: Loss, optimizer: OptimizerKind, lr: f32, batch: usize, seed: u64) -> TrainConfig {
    TrainConfig {
        features: vec![Feature::X1, Feature::X2],
        hidden: hidden.to_vec(),
        activation,
        loss,
        optimizer,
        lr,
        batch,
        reg: Regularization::None,
        reg_rate: 0.0,
        seed,
    }
}

#[test]
fn train_loss_falls_on_two_gaussian_blobs() {
    // A 2-8-1 tanh network (tanh head, MSE against ±1) with plain SGD.
    let data = blobs(200, 1);
    let split = Split::new(&data.split_keys, 70, 15).unwrap();
    let cfg = config(&[8], Activation::Tanh, Loss::Mse, OptimizerKind::Sgd, 0.03, 10, 42);
    let mut t = Trainer::new(&data, &split, &cfg).unwrap();
    for _ in 0..30 {
        assert_eq!(t.step_epoch(), EpochOutcome::Trained);
    }
    let h = t.history();
    assert_eq!(h.train_loss.len(), 31);
    let (first, last) = (h.train_loss[0], *h.train_loss.last().unwrap());
    println!("blobs: train loss {first:.4} → {last:.4}, accuracy {:.3}", h.train_acc.last().unwrap());
    assert!(last < 0.3 * first, "loss fell only from {first} to {last}");
    assert!(*h.train_acc.last().unwrap() >= 0.97);
    assert!(*h.val_acc.last().unwrap() >= 0.95);
    let m = t.metrics(Role::Test);
    assert!(m.accuracy.unwrap() >= 0.95 && m.count > 0 && m.r2.is_none());
}

#[test]
fn train_every_optimizer_and_head_learns() {
    // Cross-entropy (sigmoid head) and each optimiser, relu: loss must fall on the blobs too.
    let data = blobs(200, 2);
    let split = Split::new(&data.split_keys, 80, 0).unwrap();
    for (opt, lr) in [(OptimizerKind::Sgd, 0.1), (OptimizerKind::Momentum, 0.03), (OptimizerKind::Adam, 0.01)] {
        let cfg = config(&[6, 4], Activation::Relu, Loss::CrossEntropy, opt, lr, 16, 5);
        let mut t = Trainer::new(&data, &split, &cfg).unwrap();
        for _ in 0..20 {
            t.step_epoch();
        }
        let h = t.history();
        assert!(h.train_loss[20] < 0.3 * h.train_loss[0], "{opt:?}: {} → {}", h.train_loss[0], h.train_loss[20]);
    }
    // Three classes, softmax and multi-tanh heads.
    let three = generate(&DataParams { kind: DatasetKind::ThreeClass, points: 300, noise: 0.0, seed: 4 }).unwrap();
    let split = Split::new(&three.split_keys, 70, 15).unwrap();
    for loss in [Loss::CrossEntropy, Loss::Mse] {
        let cfg = config(&[8], Activation::Tanh, loss, OptimizerKind::Adam, 0.01, 10, 6);
        let mut t = Trainer::new(&three, &split, &cfg).unwrap();
        for _ in 0..20 {
            t.step_epoch();
        }
        let h = t.history();
        assert!(h.train_loss[20] < 0.3 * h.train_loss[0], "{loss:?}: {} → {}", h.train_loss[0], h.train_loss[20]);
        assert!(*h.val_acc.last().unwrap() > 0.9);
    }
}

#[test]
fn train_regression_fits_a_plane() {
    let data = generate(&DataParams { kind: DatasetKind::Plane, points: 200, noise: 0.0, seed: 3 }).unwrap();
    let split = Split::new(&data.split_keys, 70, 15).unwrap();
    let cfg = config(&[4], Activation::Tanh, Loss::Mse, OptimizerKind::Adam, 0.01, 10, 1);
    let mut t = Trainer::new(&data, &split, &cfg).unwrap();
    for _ in 0..40 {
        t.step_epoch();
    }
    let m = t.metrics(Role::Test);
    assert!(m.accuracy.is_none());
    assert!(m.r2.unwrap() > 0.95, "R² = {:?}", m.r2);
    assert!(t.history().train_acc.iter().all(|a| a.is_nan()), "no accuracy for regression");
    assert!(t.confusion(Role::Test).is_none());
}

/// Bit patterns, so that NaN == NaN and −0 ≠ +0: "bit-identical" means exactly that.
fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn train_same_seed_is_bit_identical_and_another_seed_differs() {
    let data = generate(&DataParams { kind: DatasetKind::Spiral, points: 200, noise: 0.1, seed: 9 }).unwrap();
    let split = Split::new(&data.split_keys, 60, 20).unwrap();
    let cfg = config(&[6, 6], Activation::Tanh, Loss::Mse, OptimizerKind::Adam, 0.03, 7, 11);
    let run = |cfg: &TrainConfig| {
        let mut t = Trainer::new(&data, &split, cfg).unwrap();
        for _ in 0..15 {
            t.step_epoch();
        }
        t
    };
    let (a, b) = (run(&cfg), run(&cfg));
    let (ha, hb) = (a.history(), b.history());
    assert_eq!(bits(&ha.train_loss), bits(&hb.train_loss));
    assert_eq!(bits(&ha.val_loss), bits(&hb.val_loss));
    assert_eq!(bits(&ha.train_acc), bits(&hb.train_acc));
    assert_eq!(bits(&ha.val_acc), bits(&hb.val_acc));
    assert_eq!(bits(a.mlp().params()), bits(b.mlp().params()));

    let mut other = cfg.clone();
    other.seed = 12;
    let c = run(&other);
    assert_ne!(bits(a.mlp().params()), bits(c.mlp().params()));
    assert_ne!(bits(&ha.train_loss), bits(&c.history().train_loss));
    // The seed changes the initial weights and the batch order; the data stay the same.
    assert_eq!(a.counts(), c.counts());
}

#[test]
fn train_diverges_cleanly_with_lr_10_and_relu_on_a_spiral() {
    let data = generate(&DataParams { kind: DatasetKind::Spiral, points: 300, noise: 0.1, seed: 1 }).unwrap();
    let split = Split::new(&data.split_keys, 70, 15).unwrap();
    let cases = [
        (Feature::ALL.to_vec(), Loss::CrossEntropy, OptimizerKind::Sgd, 10),
        (vec![Feature::X1, Feature::X2], Loss::CrossEntropy, OptimizerKind::Sgd, 1),
    ];
    for (features, loss, optimizer, batch) in cases {
        let cfg = TrainConfig { features, ..config(&[8, 8], Activation::Relu, loss, optimizer, 10.0, batch, 3) };
        let mut t = Trainer::new(&data, &split, &cfg).unwrap();
        let mut epochs = 0;
        while t.step_epoch() == EpochOutcome::Trained {
            epochs += 1;
            assert!(epochs < 200, "never diverged");
        }
        assert!(t.diverged());
        let snapshot = t.mlp().params().to_vec();
        let history_len = t.history().train_loss.len();
        // From now on nothing trains.
        for _ in 0..3 {
            assert_eq!(t.step_epoch(), EpochOutcome::Diverged);
        }
        assert_eq!(t.epoch(), history_len - 1);
        assert_eq!(t.history().train_loss.len(), history_len);
        assert_eq!(bits(t.mlp().params()), bits(&snapshot));
        // Weights are the last finite state; history and heatmap hold no NaN or ∞.
        assert!(t.mlp().params().iter().all(|p| p.is_finite()));
        let h = t.history().clone();
        for v in h.train_loss.iter().chain(&h.val_loss).chain(&h.train_acc).chain(&h.val_acc) {
            assert!(v.is_finite(), "history holds {v}");
        }
        let mut grid = Vec::new();
        t.predict_grid(20, &mut grid);
        assert!(grid.iter().all(|v| v.is_finite()));
        // The limit itself: no recorded loss above 1e6 · max(1, initial loss).
        let limit = 1e6 * h.train_loss[0].max(1.0);
        assert!(h.train_loss.iter().all(|&l| l <= limit));
    }
    // Regression diverges too (the classic case), in the first epoch here.
    let plane = generate(&DataParams { kind: DatasetKind::Plane, points: 200, noise: 0.1, seed: 1 }).unwrap();
    let split = Split::new(&plane.split_keys, 70, 15).unwrap();
    let cfg = config(&[8, 8], Activation::Relu, Loss::Mse, OptimizerKind::Sgd, 10.0, 10, 3);
    let mut t = Trainer::new(&plane, &split, &cfg).unwrap();
    let init = t.mlp().params().to_vec();
    assert_eq!(t.step_epoch(), EpochOutcome::Diverged);
    assert_eq!(t.epoch(), 0);
    assert!(t.mlp().params().iter().all(|p| p.is_finite()));
    assert_ne!(bits(t.mlp().params()), bits(&init), "some steps were taken before it blew up");
}

#[test]
fn train_history_entry_zero_is_before_training() {
    let data = blobs(100, 5);
    let split = Split::new(&data.split_keys, 50, 25).unwrap();
    let cfg = config(&[3], Activation::Sigmoid, Loss::CrossEntropy, OptimizerKind::Momentum, 0.1, 5, 8);
    let mut t = Trainer::new(&data, &split, &cfg).unwrap();
    assert_eq!(t.epoch(), 0);
    let h = t.history().clone();
    assert_eq!((h.train_loss.len(), h.val_loss.len(), h.train_acc.len(), h.val_acc.len()), (1, 1, 1, 1));
    let (train, val) = (t.metrics(Role::Train), t.metrics(Role::Validation));
    assert_eq!(h.train_loss[0], train.loss);
    assert_eq!(h.val_loss[0], val.loss);
    assert_eq!(Some(h.train_acc[0]), train.accuracy);
    assert_eq!(Some(h.val_acc[0]), val.accuracy);
    t.step_epoch();
    assert_eq!(t.epoch(), 1);
    let after = t.metrics(Role::Train).loss;
    assert_eq!(t.history().train_loss[1], after);

    // No validation points: val_* entries are NaN, train_* are real numbers.
    let split = Split::new(&data.split_keys, 80, 0).unwrap();
    let mut t = Trainer::new(&data, &split, &cfg).unwrap();
    t.step_epoch();
    assert!(t.history().val_loss.iter().all(|v| v.is_nan()));
    assert!(t.history().val_acc.iter().all(|v| v.is_nan()));
    assert!(t.history().train_loss.iter().all(|v| v.is_finite()));
    let m = t.metrics(Role::Validation);
    assert!(m.loss.is_nan() && m.count == 0 && m.accuracy.unwrap().is_nan());
}

/// Bounded outputs cannot explode, so a classifier at learning rate 10 saturates: its loss
/// stays far above where it started. That counts as divergence ("ran away"), with finite weights.
#[test]
fn train_saturating_classifiers_at_lr_10_run_away_and_stop() {
    let circle = generate(&DataParams { kind: DatasetKind::Circle, points: 300, noise: 0.0, seed: 1 }).unwrap();
    let split = Split::new(&circle.split_keys, 60, 20).unwrap();
    let cases = [
        (Activation::Tanh, Loss::CrossEntropy, OptimizerKind::Adam),
        (Activation::Tanh, Loss::Mse, OptimizerKind::Sgd),
        (Activation::Relu, Loss::Mse, OptimizerKind::Sgd),
    ];
    for (act, loss, opt) in cases {
        let cfg = config(&[4, 2], act, loss, opt, 10.0, 10, 1);
        let mut t = Trainer::new(&circle, &split, &cfg).unwrap();
        let mut epochs = 0;
        while t.step_epoch() == EpochOutcome::Trained {
            epochs += 1;
            assert!(epochs < 300, "{act:?}/{loss:?}/{opt:?} never reported divergence");
        }
        let h = t.history();
        let initial = h.train_loss[0];
        let last = *h.train_loss.last().unwrap();
        // It stopped because the last five epochs all sat above 1.5 × the initial loss.
        assert!(h.train_loss.len() >= 6, "{act:?}/{loss:?}: {:?}", h.train_loss);
        assert!(h.train_loss[h.train_loss.len() - 5..].iter().all(|&l| l > 1.5 * initial), "{:?}", h.train_loss);
        assert!(last.is_finite() && t.mlp().params().iter().all(|p| p.is_finite()));
        assert!(t.diverged());
    }
}

/// The runaway rule must not fire on healthy runs: the Playground's data sets at its default
/// learning rates train for 300 epochs without being called diverged.
#[test]
fn train_healthy_runs_are_never_called_diverged() {
    for kind in [DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Spiral, DatasetKind::Moons, DatasetKind::ThreeClass] {
        let data = generate(&DataParams { kind, points: 300, noise: 0.2, seed: 4 }).unwrap();
        let split = Split::new(&data.split_keys, 60, 20).unwrap();
        for (act, loss, opt, lr) in [
            (Activation::Tanh, Loss::CrossEntropy, OptimizerKind::Adam, 0.03),
            (Activation::Relu, Loss::CrossEntropy, OptimizerKind::Sgd, 0.03),
            (Activation::Tanh, Loss::Mse, OptimizerKind::Momentum, 0.01),
        ] {
            let cfg = config(&[8, 4], act, loss, opt, lr, 10, 2);
            let mut t = Trainer::new(&data, &split, &cfg).unwrap();
            for e in 0..300 {
                assert_eq!(t.step_epoch(), EpochOutcome::Trained, "{kind:?} {act:?} {loss:?} {opt:?} diverged at epoch {e}");
            }
        }
    }
}
