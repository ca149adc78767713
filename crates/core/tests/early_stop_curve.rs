//! Early stopping: the best epoch and the stop decision on hand-made validation curves, and
//! an exact roll-back to the best parameters of a real training run.

mod common;

use perplexed_core::error::ErrorKind;
use perplexed_core::data::split::Role;
use perplexed_core::train::early_stop::EarlyStopping;
use perplexed_core::train::trainer::{EpochOutcome, Trainer};

/// Feeds a curve; returns the epoch after which `should_stop` first became true.
fn stop_epoch(es: &mut EarlyStopping, curve: &[f32]) -> Option<usize> {
    for (e, &v) in curve.iter().enumerate() {
        es.observe(v);
        if es.should_stop() {
            return Some(e);
        }
    }
    None
}

#[test]
fn early_stop_picks_the_minimum_of_a_validation_curve() {
    // Patience 3. Best so far after each epoch:
    //   e0 1.00 (best 0) · e1 0.80 (best 1) · e2 0.60 (best 2) · e3 0.55 (best 3)
    //   e4 0.57 (1 without improvement) · e5 0.56 (2: still above 0.55) · e6 0.58 (3 → stop)
    let curve = [1.0, 0.8, 0.6, 0.55, 0.57, 0.56, 0.58, 0.60];
    let mut es = EarlyStopping::new(3).unwrap();
    assert_eq!(stop_epoch(&mut es, &curve), Some(6));
    assert_eq!((es.best_epoch(), es.best_loss(), es.epochs_since_best()), (Some(3), 0.55, 3));
    assert_eq!(es.best_params(), None, "observe() keeps no parameters");

    // Patience decides whether a later, lower minimum is reached:
    //   e0 0.90 (best 0) · e1 0.70 (best 1) · e2 0.75 (1) · e3 0.72 (2) · e4 0.65 (best 4)
    //   e5 0.66 (1) · e6 0.67 (2)
    // Patience 2 stops after e3 with best epoch 1; patience 3 survives the bump and finds e4.
    let curve = [0.9, 0.7, 0.75, 0.72, 0.65, 0.66, 0.67];
    let mut impatient = EarlyStopping::new(2).unwrap();
    assert_eq!(stop_epoch(&mut impatient, &curve), Some(3));
    assert_eq!(impatient.best_epoch(), Some(1));
    let mut patient = EarlyStopping::new(3).unwrap();
    assert_eq!(stop_epoch(&mut patient, &curve), None);
    assert_eq!((patient.best_epoch(), patient.best_loss()), (Some(4), 0.65));

    // min_delta 0.01: e1 0.95 < 1.00 − 0.01 improves; e2 0.949 and e3 0.9485 are not below
    // 0.95 − 0.01 = 0.94, so with patience 2 it stops after e3 with best epoch 1.
    let mut es = EarlyStopping::new(2).unwrap().with_min_delta(0.01).unwrap();
    assert_eq!(stop_epoch(&mut es, &[1.0, 0.95, 0.949, 0.9485]), Some(3));
    assert_eq!(es.best_epoch(), Some(1));

    // A tie is not an improvement: the first of equal minima stays best.
    let mut es = EarlyStopping::new(5).unwrap();
    stop_epoch(&mut es, &[0.5, 0.3, 0.3, 0.4]);
    assert_eq!(es.best_epoch(), Some(1));

    // NaN (no validation points) never improves and never stops the run by itself.
    let mut es = EarlyStopping::new(2).unwrap();
    assert_eq!(stop_epoch(&mut es, &[f32::NAN; 10]), None);
    assert_eq!(es.best_epoch(), None);
    assert!(es.observe(0.4));
    assert_eq!(es.best_epoch(), Some(10));
    es.reset();
    assert_eq!((es.best_epoch(), es.should_stop(), es.best_loss()), (None, false, f32::INFINITY));
}

#[test]
fn early_stop_rejects_invalid_settings() {
    assert_eq!(EarlyStopping::new(0).unwrap_err().field, "patience");
    assert_eq!(EarlyStopping::new(10_001).unwrap_err().field, "patience");
    let es = EarlyStopping::new(5).unwrap();
    assert_eq!(es.patience(), 5);
    assert_eq!(es.clone().with_min_delta(-0.1).unwrap_err().field, "min_delta");
    assert_eq!(es.with_min_delta(f32::NAN).unwrap_err().field, "min_delta");
}

fn trainer(hidden: &[usize], seed: u64) -> Trainer {
    common::curve_trainer(hidden, seed, 0.01)
}

#[test]
fn early_stop_restores_exactly_the_best_parameters_of_a_real_run() {
    let mut t = trainer(&[32, 32], 1);
    let mut es = EarlyStopping::new(20).unwrap();
    // Snapshot of the parameters after every epoch (entry e = after epoch e), made by the
    // test itself, independently of what EarlyStopping keeps.
    let mut snapshots = vec![t.mlp().params().to_vec()];
    assert!(es.observe_trainer(&t), "epoch 0 is the first best");
    while !es.should_stop() && t.epoch() < 2000 {
        assert_eq!(t.step_epoch(), EpochOutcome::Trained);
        snapshots.push(t.mlp().params().to_vec());
        es.observe_trainer(&t);
    }
    let h = t.history();
    let best = es.best_epoch().unwrap();
    println!(
        "stopped after epoch {} (best {best}: val {:.4}, train {:.4}; last: val {:.4}, train {:.4})",
        t.epoch(),
        h.val_loss[best],
        h.train_loss[best],
        h.val_loss[t.epoch()],
        h.train_loss[t.epoch()]
    );
    assert!(es.should_stop(), "the validation loss never turned upward in 2000 epochs");
    assert_eq!(t.epoch(), best + 20, "stops exactly `patience` epochs after the best");
    // The best epoch is the minimum of the recorded validation curve (first on a tie).
    let min = h.val_loss.iter().copied().fold(f32::INFINITY, f32::min);
    assert_eq!(h.val_loss[best], min);
    assert_eq!(h.val_loss.iter().position(|&v| v == min), Some(best));
    assert_eq!(es.best_loss(), min);
    assert_eq!(es.best_params().unwrap(), &snapshots[best][..]);
    // Roll back: the network holds the best epoch's parameters bit for bit, and measures the
    // best validation loss again.
    assert_ne!(t.mlp().params(), &snapshots[best][..]);
    es.restore(&mut t).unwrap();
    assert_eq!(t.mlp().params(), &snapshots[best][..]);
    assert_eq!(t.metrics(Role::Validation).loss, min);
}

#[test]
fn early_stop_restore_needs_matching_parameters() {
    let mut t = trainer(&[4], 2);
    let es = EarlyStopping::new(3).unwrap();
    assert_eq!(es.restore(&mut t).unwrap_err().field, "params", "nothing kept yet");
    let mut other = EarlyStopping::new(3).unwrap();
    other.observe_trainer(&trainer(&[8], 2));
    let before = t.mlp().params().to_vec();
    let e = other.restore(&mut t).unwrap_err();
    assert_eq!(e.field, "params");
    assert!(matches!(e.kind, ErrorKind::LengthMismatch { .. }), "{e}");
    assert_eq!(t.mlp().params(), &before[..], "a failed restore changes nothing");
    // observe() after observe_params() forgets the kept parameters when it finds a new best.
    let mut es = EarlyStopping::new(3).unwrap();
    es.observe_params(1.0, &[1.0, 2.0]);
    assert_eq!(es.best_params(), Some(&[1.0f32, 2.0][..]));
    es.observe(0.5);
    assert_eq!(es.best_params(), None);
}
