//! Confusion matrix and R² on small cases worked out by hand (arithmetic in the comments).

use perplexed_core::metrics::classification::{label_accuracy, ConfusionMatrix};
use perplexed_core::metrics::regression::r_squared;

#[test]
fn metrics_confusion_matrix_hand_worked() {
    // truth:     0 0 0 1 1 2 2 2 2 1
    // predicted: 0 1 0 1 2 2 2 0 2 1
    //
    //              predicted
    //              0  1  2    row sum
    //   truth 0 [  2  1  0 ]   3
    //         1 [  0  2  1 ]   3
    //         2 [  1  0  3 ]   4
    //   col sum    3  3  4    10
    //
    // accuracy = (2 + 2 + 3) / 10 = 0.7
    // recall(2) = 3/4, precision(2) = 3/(0+1+3) = 3/4, precision(0) = 2/(2+0+1) = 2/3,
    // recall(1) = 2/3.
    let truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 1];
    let pred = [0, 1, 0, 1, 2, 2, 2, 0, 2, 1];
    let cm = ConfusionMatrix::from_pairs(3, &truth, &pred);
    assert_eq!(cm.classes, 3);
    assert_eq!(cm.counts, vec![2, 1, 0, 0, 2, 1, 1, 0, 3]);
    assert_eq!(cm.get(0, 0), 2);
    assert_eq!(cm.get(0, 1), 1);
    assert_eq!(cm.get(1, 2), 1);
    assert_eq!(cm.get(2, 0), 1);
    assert_eq!(cm.get(2, 2), 3);
    assert_eq!(cm.get(3, 0), 0, "out of range reads 0");
    assert_eq!(cm.total(), 10);
    assert_eq!(cm.correct(), 7);
    assert!((cm.accuracy() - 0.7).abs() < 1e-7);
    assert!((cm.recall(2) - 0.75).abs() < 1e-7);
    assert!((cm.precision(2) - 0.75).abs() < 1e-7);
    assert!((cm.precision(0) - 2.0 / 3.0).abs() < 1e-7);
    assert!((cm.recall(1) - 2.0 / 3.0).abs() < 1e-7);

    // Empty: no accuracy (NaN), not 0 or 1. Out-of-range classes are ignored, not a panic.
    let mut empty = ConfusionMatrix::new(2);
    assert!(empty.accuracy().is_nan());
    empty.add(5, 0);
    assert_eq!(empty.total(), 0);
}

#[test]
fn metrics_r_squared_hand_worked() {
    // truth 1 2 3 4, mean 2.5: SS_tot = 2.25 + 0.25 + 0.25 + 2.25 = 5
    // pred 1.5 2 2.5 4: SS_res = 0.25 + 0 + 0.25 + 0 = 0.5  →  R² = 1 − 0.5/5 = 0.9
    let truth = [1.0, 2.0, 3.0, 4.0];
    assert!((r_squared(&[1.5, 2.0, 2.5, 4.0], &truth) - 0.9).abs() < 1e-7);
    // Perfect: 1. Always the mean: SS_res = SS_tot → 0.
    assert_eq!(r_squared(&truth, &truth), 1.0);
    assert_eq!(r_squared(&[2.5; 4], &truth), 0.0);
    // Reversed 4 3 2 1: SS_res = 9 + 1 + 1 + 9 = 20 → 1 − 20/5 = −3 (worse than the mean).
    assert!((r_squared(&[4.0, 3.0, 2.0, 1.0], &truth) + 3.0).abs() < 1e-6);
    // Constant truth (SS_tot = 0): 1 if perfect, else 0 — never ±∞. No points: NaN.
    assert_eq!(r_squared(&[2.0, 2.0], &[2.0, 2.0]), 1.0);
    assert_eq!(r_squared(&[1.0, 2.0], &[2.0, 2.0]), 0.0);
    assert!(r_squared(&[], &[]).is_nan());
    // Paired up to the shorter slice.
    assert!((r_squared(&[1.5, 2.0, 2.5, 4.0, 99.0], &truth) - 0.9).abs() < 1e-7);
}

#[test]
fn metrics_label_accuracy_hand_worked() {
    // The pairs of the confusion matrix above, as a model's f32 labels: 7 of 10 right.
    let truth = [0.0, 0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 1.0];
    let predicted = [0.0, 1.0, 0.0, 1.0, 2.0, 2.0, 2.0, 0.0, 2.0, 1.0];
    assert_eq!(label_accuracy(3, &truth, &predicted), Some(0.7));
    // truth 0 1 1 0, predicted 0 1 0 NaN: the NaN names no class and is left out, so
    // 2 right of the 3 counted = 2/3.
    assert_eq!(label_accuracy(2, &[0.0, 1.0, 1.0, 0.0], &[0.0, 1.0, 0.0, f32::NAN]), Some(2.0 / 3.0));
    // A prediction of class 5 among 2 classes is left out too; a negative one as well.
    assert_eq!(label_accuracy(2, &[1.0, 1.0, 0.0], &[1.0, 5.0, -1.0]), Some(1.0));
    // Nothing to count: no truth, or no pair counted.
    assert_eq!(label_accuracy(2, &[], &[]), None);
    assert_eq!(label_accuracy(2, &[1.0], &[f32::NAN]), None);
}
