//! # Scores of a table model: precision, recall, F1, ROC, AUC, log-loss, MAE, RMSE, R²
//!
//! Everything here is computed in `f64` with scikit-learn's conventions, and checked against
//! scikit-learn 1.9 to `1e-12` (`tests/tabular_metrics.rs`). Class labels are class indices
//! stored as `f32` (`0.0, 1.0, …`), as everywhere in the crate.
//!
//! ## Classification
//!
//! From the confusion matrix ([`ConfusionMatrix`], reused) of the true classes against the
//! predicted ones, for each class `c`: `tp` = points of class `c` predicted `c`, `fp` = points
//! predicted `c` that are not, `fn` = points of class `c` predicted otherwise, and
//!
//! ```text
//! precision = tp / (tp + fp)      recall = tp / (tp + fn)      F1 = 2·tp / (2·tp + fp + fn)
//! ```
//!
//! (F1 is the harmonic mean `2PR/(P + R)`, written with counts as scikit-learn does). A ratio
//! whose denominator is 0 is 0 (scikit-learn's `zero_division=0`). The **macro** average is the
//! plain mean over the classes that occur in the truth or the predictions (scikit-learn's
//! `labels`), the **weighted** average weighs each class by its support (its number of true
//! points); the **binary** scores are those of class 1, the "positive" class.
//!
//! ## ROC curve and AUC
//!
//! A score `s` (e.g. the probability of class 1) and a threshold `t` give the rule "positive iff
//! `s ≥ t`". Lowering `t` from `+∞` past each distinct score admits the points with that score:
//! `TPR = TP/P` (share of positives admitted) and `FPR = FP/N` rise together, tracing the ROC
//! curve from (0, 0) to (1, 1). Points with equal scores are admitted together (one diagonal
//! segment: ties are handled by construction). As scikit-learn's `roc_curve(drop_intermediate
//! =True)`, a point is kept only where the curve bends (the second difference of `FP` or `TP`
//! is non-zero) plus the two ends, and the first threshold is `+∞` (nothing admitted). The
//! **AUC** is the trapezoid area under those points — equal to the probability that a random
//! positive scores above a random negative, ties counting ½.
//!
//! ## Regression
//!
//! `MAE = (1/n) Σ |yᵢ − ŷᵢ|`, `RMSE = √((1/n) Σ (yᵢ − ŷᵢ)²)`, and `R² = 1 − SS_res/SS_tot`
//! with scikit-learn's convention for constant targets (1 if perfect, else 0) — the `f64` twin of
//! [`r_squared`](crate::metrics::regression::r_squared), which the pages show in `f32`. The
//! twin exists because permutation importance subtracts two scores that can be close, and
//! `f32` would leave only about seven digits of the difference.

use crate::error::ParamError;
use crate::metrics::classification::ConfusionMatrix;
use crate::shared::sorted_order;
use crate::tree::cart::MAX_CLASSES;

/// Class indices from labels stored as numbers: whole, from 0 to `MAX_CLASSES − 1`.
///
/// Errors: `field` when empty or a label is not such a whole number.
pub(crate) fn class_indices(labels: &[f32], field: &'static str) -> Result<Vec<usize>, ParamError> {
    if labels.is_empty() {
        return Err(ParamError::too_few(field, 1, 0));
    }
    labels
        .iter()
        .map(|&v| {
            if v >= 0.0 && v.fract() == 0.0 && v < MAX_CLASSES as f32 {
                Ok(v as usize)
            } else {
                Err(ParamError::not_whole(field, 0.0, (MAX_CLASSES - 1) as f64, v.into()))
            }
        })
        .collect()
}

/// Same length, not empty: the shared check of every pairwise metric.
fn check_pair_len(truth: &[f32], predicted: &[f32]) -> Result<(), ParamError> {
    if truth.is_empty() {
        return Err(ParamError::too_few("truth", 1, 0));
    }
    if predicted.len() != truth.len() {
        return Err(ParamError::length_mismatch("predicted", truth.len(), predicted.len()));
    }
    Ok(())
}

fn check_finite(values: &[f32], field: &'static str) -> Result<(), ParamError> {
    match values.iter().find(|v| !v.is_finite()) {
        Some(&v) => Err(ParamError::not_finite(field, v.into())),
        None => Ok(()),
    }
}

/// `num / den`, or 0 when `den = 0` (scikit-learn's `zero_division=0`).
fn ratio_or_zero(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

// =============================================================================================
// Classification
// =============================================================================================

/// Share of points whose predicted class equals the true class, `Σ_c C[c][c] / n`.
///
/// Errors: `"truth"` (empty, or a label that is not a class index), `"predicted"` (length,
/// or not a class index).
pub fn accuracy(truth: &[f32], predicted: &[f32]) -> Result<f64, ParamError> {
    Ok(ClassScores::new(truth, predicted)?.accuracy)
}

/// Precision, recall and F1 of one class or one average.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Per-class precision / recall / F1 (module docs) and their averages, from the confusion matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassScores {
    /// The confusion matrix, `K × K` with `K` = largest class in truth or predictions + 1.
    pub confusion: ConfusionMatrix,
    /// Per class `0..K`: precision, recall and F1 (0 where a denominator is 0).
    pub per_class: Vec<Prf>,
    /// Per class: number of true points of the class.
    pub support: Vec<usize>,
    /// Per class: it occurs in the truth or the predictions (the classes averages run over).
    pub present: Vec<bool>,
    /// Share of correct predictions.
    pub accuracy: f64,
}

impl ClassScores {
    /// Scores of `predicted` against `truth` (class indices as numbers). Errors as [`accuracy`].
    pub fn new(truth: &[f32], predicted: &[f32]) -> Result<ClassScores, ParamError> {
        check_pair_len(truth, predicted)?;
        let t = class_indices(truth, "truth")?;
        let p = class_indices(predicted, "predicted")?;
        let k = t.iter().chain(&p).copied().max().unwrap_or(0) + 1;
        let confusion = ConfusionMatrix::from_pairs(k, &t, &p);
        let mut per_class = Vec::with_capacity(k);
        let mut support = Vec::with_capacity(k);
        let mut present = Vec::with_capacity(k);
        for c in 0..k {
            let tp = f64::from(confusion.get(c, c));
            let true_sum: u64 = (0..k).map(|j| u64::from(confusion.get(c, j))).sum();
            let pred_sum: u64 = (0..k).map(|i| u64::from(confusion.get(i, c))).sum();
            let (ts, ps) = (true_sum as f64, pred_sum as f64);
            per_class.push(Prf {
                precision: ratio_or_zero(tp, ps),
                recall: ratio_or_zero(tp, ts),
                f1: ratio_or_zero(2.0 * tp, ts + ps),
            });
            support.push(true_sum as usize);
            present.push(true_sum + pred_sum > 0);
        }
        let accuracy = confusion.correct() as f64 / t.len() as f64;
        Ok(ClassScores { confusion, per_class, support, present, accuracy })
    }

    /// Number of classes `K` (largest class seen + 1).
    pub fn n_classes(&self) -> usize {
        self.per_class.len()
    }

    /// Plain mean over the present classes (scikit-learn's `average="macro"`).
    pub fn macro_average(&self) -> Prf {
        self.average(|c| if self.present[c] { 1.0 } else { 0.0 })
    }

    /// Mean weighted by support (scikit-learn's `average="weighted"`).
    pub fn weighted_average(&self) -> Prf {
        self.average(|c| self.support[c] as f64)
    }

    /// The scores of class 1, the positive class (scikit-learn's `average="binary"`, all 0 when
    /// class 1 never occurs). Errors: `"truth"` when there are more than two classes.
    pub fn binary(&self) -> Result<Prf, ParamError> {
        match self.n_classes() {
            1 => Ok(Prf { precision: 0.0, recall: 0.0, f1: 0.0 }),
            2 => Ok(self.per_class[1]),
            k => Err(ParamError::out_of_range("truth", 0.0, 1.0, (k - 1) as f64)),
        }
    }

    fn average(&self, weight: impl Fn(usize) -> f64) -> Prf {
        let (mut p, mut r, mut f, mut total) = (0.0, 0.0, 0.0, 0.0);
        for (c, s) in self.per_class.iter().enumerate() {
            let w = weight(c);
            p += w * s.precision;
            r += w * s.recall;
            f += w * s.f1;
            total += w;
        }
        Prf { precision: ratio_or_zero(p, total), recall: ratio_or_zero(r, total), f1: ratio_or_zero(f, total) }
    }
}

/// Mean log-loss (cross-entropy) of predicted class probabilities: `−(1/n) Σᵢ ln p̂ᵢ,yᵢ`, with
/// each probability first clipped to `[ε, 1 − ε]` in `f32` (`ε = f32::EPSILON`), as
/// scikit-learn's `log_loss` clips a float32 input, so a confident mistake costs
/// `−ln ε ≈ 15.9` instead of infinity.
///
/// `proba` is `n × n_classes`, row-major. Errors: `"truth"` (empty, not a class index, a class
/// ≥ `n_classes`), `"proba"` (length, a value outside `[0, 1]` or NaN), `"n_classes"` (0).
pub fn log_loss(truth: &[f32], proba: &[f32], n_classes: usize) -> Result<f64, ParamError> {
    if n_classes == 0 {
        return Err(ParamError::too_few("n_classes", 1, 0));
    }
    let t = class_indices(truth, "truth")?;
    if proba.len() != t.len() * n_classes {
        return Err(ParamError::length_mismatch("proba", t.len() * n_classes, proba.len()));
    }
    if let Some(&v) = proba.iter().find(|v| !(0.0..=1.0).contains(*v)) {
        return Err(ParamError::out_of_range("proba", 0.0, 1.0, v.into()));
    }
    let mut sum = 0.0;
    for (i, &c) in t.iter().enumerate() {
        if c >= n_classes {
            return Err(ParamError::out_of_range("truth", 0.0, (n_classes - 1) as f64, c as f64));
        }
        let p = proba[i * n_classes + c].clamp(f32::EPSILON, 1.0 - f32::EPSILON);
        sum -= crate::tensor::math::ln64(f64::from(p));
    }
    Ok(sum / t.len() as f64)
}

// =============================================================================================
// ROC curve and AUC
// =============================================================================================

/// The points of a ROC curve, in order of decreasing threshold (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct RocCurve {
    /// `+∞`, then the scores at which the curve bends, decreasing.
    pub thresholds: Vec<f64>,
    /// False positive rate `FP/N` of the rule `score ≥ threshold`, from 0 to 1.
    pub fpr: Vec<f64>,
    /// True positive rate `TP/P` of the same rule, from 0 to 1.
    pub tpr: Vec<f64>,
}

/// 0/1 labels (class 1 is the positive class).
fn binary_labels(truth: &[f32]) -> Result<Vec<bool>, ParamError> {
    truth
        .iter()
        .map(|&v| match v {
            0.0 => Ok(false),
            1.0 => Ok(true),
            _ => Err(ParamError::not_whole("truth", 0.0, 1.0, v.into())),
        })
        .collect()
}

/// ROC curve of `scores` (higher = more likely class 1) against 0/1 labels, exactly as
/// scikit-learn's `roc_curve(drop_intermediate=True)` (module docs).
///
/// Errors: `"truth"` (empty, a label other than 0 and 1, only one class present), `"scores"`
/// (length, NaN or infinite).
pub fn roc_curve(truth: &[f32], scores: &[f32]) -> Result<RocCurve, ParamError> {
    if truth.is_empty() {
        return Err(ParamError::too_few("truth", 1, 0));
    }
    if scores.len() != truth.len() {
        return Err(ParamError::length_mismatch("scores", truth.len(), scores.len()));
    }
    let positive = binary_labels(truth)?;
    check_finite(scores, "scores")?;
    let n = truth.len();
    // Decreasing score; the order within a tie does not matter (only the counts at the end of
    // each group of equal scores are used).
    let order = sorted_order(n, &|a, b| scores[b].total_cmp(&scores[a]));
    // Cumulative counts at the last point of each group of equal scores.
    let (mut tps, mut fps, mut thresholds) = (Vec::new(), Vec::new(), Vec::new());
    let mut tp = 0.0f64;
    for (rank, &i) in order.iter().enumerate() {
        if positive[i] {
            tp += 1.0;
        }
        let last_of_group = rank + 1 == n || scores[order[rank + 1]] != scores[i];
        if last_of_group {
            tps.push(tp);
            fps.push((rank + 1) as f64 - tp);
            thresholds.push(f64::from(scores[i]));
        }
    }
    let (p, negatives) = (tp, n as f64 - tp);
    if p == 0.0 || negatives == 0.0 {
        return Err(ParamError::needs_two_classes("truth"));
    }
    // Keep the ends and every point where the second difference of fps or tps is non-zero.
    let m = tps.len();
    let keep: Vec<usize> = if m > 2 {
        (0..m)
            .filter(|&i| {
                i == 0
                    || i == m - 1
                    || fps[i + 1] - 2.0 * fps[i] + fps[i - 1] != 0.0
                    || tps[i + 1] - 2.0 * tps[i] + tps[i - 1] != 0.0
            })
            .collect()
    } else {
        (0..m).collect()
    };
    let mut curve = RocCurve { thresholds: vec![f64::INFINITY], fpr: vec![0.0], tpr: vec![0.0] };
    for i in keep {
        curve.thresholds.push(thresholds[i]);
        curve.fpr.push(fps[i] / negatives);
        curve.tpr.push(tps[i] / p);
    }
    Ok(curve)
}

/// Trapezoid area under the points `(x[i], y[i])`: `Σ (x[i+1] − x[i])·(y[i] + y[i+1])/2`
/// (paired up to the shorter length; 0 for fewer than two points).
pub fn trapezoid_area(x: &[f64], y: &[f64]) -> f64 {
    x.windows(2).zip(y.windows(2)).map(|(dx, dy)| (dx[1] - dx[0]) * (dy[0] + dy[1]) / 2.0).sum()
}

/// Area under the ROC curve, scikit-learn's `roc_auc_score` for two classes: the
/// [`trapezoid_area`] under [`roc_curve`]'s points. Errors as [`roc_curve`].
pub fn roc_auc(truth: &[f32], scores: &[f32]) -> Result<f64, ParamError> {
    let c = roc_curve(truth, scores)?;
    Ok(trapezoid_area(&c.fpr, &c.tpr))
}

/// One-vs-rest AUC of a multi-class model, macro averaged: for each class `c` the [`roc_auc`] of
/// "class `c` or not" scored by `proba[·, c]`, then the plain mean (scikit-learn's
/// `roc_auc_score(multi_class="ovr", average="macro")`). `proba` is `n × n_classes`.
///
/// Errors: `"n_classes"` (below 2), `"truth"` (not a class index, or a class in `0..n_classes`
/// without points), `"proba"` (length, NaN or infinite).
pub fn roc_auc_one_vs_rest(truth: &[f32], proba: &[f32], n_classes: usize) -> Result<f64, ParamError> {
    if n_classes < 2 {
        return Err(ParamError::too_few("n_classes", 2, n_classes));
    }
    let t = class_indices(truth, "truth")?;
    if proba.len() != t.len() * n_classes {
        return Err(ParamError::length_mismatch("proba", t.len() * n_classes, proba.len()));
    }
    check_finite(proba, "proba")?;
    let mut counts = vec![0usize; n_classes];
    for &c in &t {
        if c >= n_classes {
            return Err(ParamError::out_of_range("truth", 0.0, (n_classes - 1) as f64, c as f64));
        }
        counts[c] += 1;
    }
    let seen = counts.iter().filter(|&&k| k > 0).count();
    if seen < n_classes {
        return Err(ParamError::too_few("truth", n_classes, seen));
    }
    let mut sum = 0.0;
    for c in 0..n_classes {
        let is_c: Vec<f32> = t.iter().map(|&k| if k == c { 1.0 } else { 0.0 }).collect();
        let score: Vec<f32> = proba.chunks_exact(n_classes).map(|row| row[c]).collect();
        sum += roc_auc(&is_c, &score)?;
    }
    Ok(sum / n_classes as f64)
}

// =============================================================================================
// Regression
// =============================================================================================

/// MAE, RMSE and R² of one set of predictions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RegressionScores {
    /// Mean absolute error `(1/n) Σ |y − ŷ|`.
    pub mae: f64,
    /// Root mean squared error `√((1/n) Σ (y − ŷ)²)`.
    pub rmse: f64,
    /// `R² = 1 − SS_res/SS_tot` (1 or 0 for constant targets, as scikit-learn).
    pub r2: f64,
}

/// MAE, RMSE and R² of `predicted` against `truth` (module docs), summed in `f64`.
///
/// Errors: `"truth"` (empty, NaN or infinite), `"predicted"` (length, NaN or infinite).
pub fn regression_scores(truth: &[f32], predicted: &[f32]) -> Result<RegressionScores, ParamError> {
    check_pair_len(truth, predicted)?;
    check_finite(truth, "truth")?;
    check_finite(predicted, "predicted")?;
    let n = truth.len() as f64;
    let mean = truth.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
    let (mut abs, mut ss_res, mut ss_tot) = (0.0f64, 0.0f64, 0.0f64);
    for (&y, &p) in truth.iter().zip(predicted) {
        let (y, p) = (f64::from(y), f64::from(p));
        abs += (y - p).abs();
        ss_res += (y - p) * (y - p);
        ss_tot += (y - mean) * (y - mean);
    }
    let r2 = if ss_tot == 0.0 {
        if ss_res == 0.0 {
            1.0
        } else {
            0.0
        }
    } else {
        1.0 - ss_res / ss_tot
    };
    Ok(RegressionScores { mae: abs / n, rmse: (ss_res / n).sqrt(), r2 })
}

/// [`RegressionScores::mae`]. Errors as [`regression_scores`].
pub fn mean_absolute_error(truth: &[f32], predicted: &[f32]) -> Result<f64, ParamError> {
    Ok(regression_scores(truth, predicted)?.mae)
}

/// [`RegressionScores::rmse`]. Errors as [`regression_scores`].
pub fn root_mean_squared_error(truth: &[f32], predicted: &[f32]) -> Result<f64, ParamError> {
    Ok(regression_scores(truth, predicted)?.rmse)
}

/// [`RegressionScores::r2`] (the `f64` twin of `regression::r_squared`). Errors as
/// [`regression_scores`].
pub fn r2_score(truth: &[f32], predicted: &[f32]) -> Result<f64, ParamError> {
    Ok(regression_scores(truth, predicted)?.r2)
}
