//! Batch-granular training and banded grids: the page trains in slices that fit an animation
//! frame, so slicing must not change the run by a single bit.

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Split;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::rng::Rng;
use perplexed_core::train::trainer::{EpochOutcome, TrainConfig, Trainer};

fn trainer(batch: usize) -> Trainer {
    let data = generate(&DataParams { kind: DatasetKind::Spiral, points: 230, noise: 0.1, seed: 9 }).unwrap();
    let split = Split::new(&data.split_keys, 60, 20).unwrap();
    let cfg = TrainConfig {
        features: vec![Feature::X1, Feature::X2, Feature::SinX1],
        hidden: vec![8, 5],
        activation: Activation::Tanh,
        loss: Loss::CrossEntropy,
        optimizer: OptimizerKind::Adam,
        lr: 0.02,
        batch,
        reg: Regularization::L2,
        reg_rate: 0.001,
        seed: 4,
    };
    Trainer::new(&data, &split, &cfg).unwrap()
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

#[test]
fn training_in_random_slices_is_bit_identical_to_whole_epochs() {
    for batch in [1, 7, 10, 500] {
        let mut whole = trainer(batch);
        for _ in 0..12 {
            assert_eq!(whole.step_epoch(), EpochOutcome::Trained);
        }
        let mut sliced = trainer(batch);
        let mut rng = Rng::new(batch as u64);
        let mut epochs = 0;
        while epochs < 12 {
            let p = sliced.step_batches(1 + rng.below(6));
            assert!(p.batches >= 1 && p.epochs <= 1);
            assert_eq!(p.outcome, EpochOutcome::Trained);
            epochs += p.epochs;
            if p.epochs == 1 {
                assert_eq!(sliced.epoch_progress(), 0.0, "a completed epoch ends at its boundary");
            }
        }
        assert_eq!(bits(whole.mlp().params()), bits(sliced.mlp().params()), "batch {batch}");
        assert_eq!(bits(&whole.history().train_loss), bits(&sliced.history().train_loss));
        assert_eq!(bits(&whole.history().val_loss), bits(&sliced.history().val_loss));
    }
}

#[test]
fn a_slice_stops_at_the_end_of_an_epoch_and_step_epoch_finishes_a_started_one() {
    // 230 points × 60 % = 138 training rows; batch 10 → 14 batches per epoch.
    let mut t = trainer(10);
    let p = t.step_batches(100);
    assert_eq!((p.batches, p.epochs), (14, 1));
    assert_eq!(t.epoch(), 1);
    let p = t.step_batches(3);
    assert_eq!((p.batches, p.epochs), (3, 0));
    assert!((t.epoch_progress() - 30.0 / 138.0).abs() < 1e-6);
    assert_eq!(t.epoch(), 1);
    // step_epoch completes the epoch under way (11 batches left), not a fresh one.
    let mut reference = trainer(10);
    reference.step_epoch();
    reference.step_epoch();
    assert_eq!(t.step_epoch(), EpochOutcome::Trained);
    assert_eq!(t.epoch(), 2);
    assert_eq!(bits(t.mlp().params()), bits(reference.mlp().params()));
}

#[test]
fn grid_in_bands_equals_the_whole_grid() {
    let mut t = trainer(10);
    for _ in 0..3 {
        t.step_epoch();
    }
    let res = 37;
    let mut whole = Vec::new();
    t.predict_grid(res, &mut whole);
    let mut banded = vec![f32::NAN; 5];
    let mut row = 0;
    for band in [1, 5, 13, 2, 100] {
        t.predict_grid_rows(res, row..row + band, &mut banded);
        row = (row + band).min(res);
    }
    assert_eq!(row, res);
    assert_eq!(bits(&whole), bits(&banded));
    // An empty or out-of-range band changes nothing.
    t.predict_grid_rows(res, res..res + 4, &mut banded);
    assert_eq!(bits(&whole), bits(&banded));
}

/// `train_within` on a fake clock that moves 0.1 ms per reading: it stops at the epoch goal
/// exactly, trains at least one batch on a spent budget, and changes the run by not a bit.
#[test]
fn training_within_a_frame_budget_stops_at_the_goal_or_the_clock() {
    use std::cell::Cell;
    let clock = Cell::new(0.0);
    let now = || {
        clock.set(clock.get() + 0.1);
        clock.get()
    };
    let mut whole = trainer(7);
    let mut framed = trainer(7);
    // A goal of 3 epochs with a generous budget: exactly 3, as three whole epochs.
    assert_eq!(framed.train_within(3, 1e9, &now), 3);
    for _ in 0..3 {
        whole.step_epoch();
    }
    assert_eq!(framed.epoch(), 3);
    assert_eq!(bits(whole.mlp().params()), bits(framed.mlp().params()));
    // No budget left: still one group of batches (progress), and no epoch is skipped.
    let before = framed.epoch_progress();
    let epochs = framed.train_within(100, 0.0, &now);
    assert!(epochs <= 1 && (framed.epoch_progress() != before || epochs == 1));
    // Frames of 2 ms until 10 epochs: the run equals 10 whole epochs.
    while framed.epoch() < 10 {
        framed.train_within(10 - framed.epoch(), 2.0, &now);
    }
    for _ in 3..10 {
        whole.step_epoch();
    }
    assert_eq!(bits(whole.mlp().params()), bits(framed.mlp().params()));
    assert_eq!(bits(&whole.history().val_loss), bits(&framed.history().val_loss));
}

/// 230 spiral points, 60 % training = 138 rows in batches of 7: ⌈138 / 7⌉ = 20 batches an
/// epoch (the last one 5 rows). 50 batches across epoch boundaries are 2 epochs and 10 batches of the third, the same
/// run as 2 whole epochs and then 10 batches.
#[test]
fn batches_cross_epoch_boundaries_and_count_the_epochs_they_finish() {
    let mut t = trainer(7);
    assert_eq!(t.batches_per_epoch(), 20);
    assert_eq!(t.train_batches(50, f64::INFINITY, &|| 0.0), 2);
    assert_eq!(t.epoch(), 2);
    // Progress counts rows: 10 batches of 7 are 70 of the 138 rows.
    assert!((t.epoch_progress() - 70.0 / 138.0).abs() < 1e-6, "{}", t.epoch_progress());
    let mut whole = trainer(7);
    whole.step_epoch();
    whole.step_epoch();
    whole.step_batches(10);
    assert_eq!(bits(whole.mlp().params()), bits(t.mlp().params()));
    // A spent budget stops at the first epoch boundary: the 10 batches left of the third epoch.
    assert_eq!(t.train_batches(30, 0.0, &|| 1.0), 1);
    assert_eq!((t.epoch(), t.epoch_progress()), (3, 0.0));
}
