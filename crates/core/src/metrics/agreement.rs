//! # Agreement of a clustering with known groups
//!
//! Two partitions of the same points, e.g. k-means's clusters and the groups a data set was drawn
//! from, agree when they put the same pairs of points together. [`adjusted_rand_index`] counts
//! agreeing pairs and corrects for chance (1 = same partition up to renaming, ≈ 0 = chance);
//! [`purity`] is the share of points that belong to their cluster's majority group.

use crate::error::ParamError;
use crate::metrics::silhouette::compact_labels;


/// Adjusted Rand index of two partitions of the same points (Hubert & Arabie 1985), by
/// scikit-learn's pair-counting formula: over all ordered pairs of distinct points, `tp` =
/// together in both, `tn` = apart in both, `fp`/`fn` = together in only one, and
///
/// ```text
/// ARI = 2·(tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))
/// ```
///
/// 1 for identical partitions (up to renaming), about 0 for unrelated ones, negative for worse
/// than chance. When both partitions put every pair the same way (`fn = fp = 0`, e.g. both
/// single clusters) it is 1. Errors: `"labels"` when the lengths differ or are 0.
pub fn adjusted_rand_index(truth: &[usize], predicted: &[usize]) -> Result<f64, ParamError> {
    let n = check_pair(truth, predicted)?;
    let (a, ka) = compact_labels(truth);
    let (b, kb) = compact_labels(predicted);
    let mut table = vec![0i128; ka * kb];
    for (&i, &j) in a.iter().zip(&b) {
        table[i * kb + j] += 1;
    }
    let rows: Vec<i128> = (0..ka).map(|i| table[i * kb..(i + 1) * kb].iter().sum()).collect();
    let cols: Vec<i128> = (0..kb).map(|j| (0..ka).map(|i| table[i * kb + j]).sum()).collect();
    let sum_sq: i128 = table.iter().map(|v| v * v).sum();
    let n = n as i128;
    let tp = sum_sq - n;
    let fp = (0..ka).map(|i| (0..kb).map(|j| table[i * kb + j] * cols[j]).sum::<i128>()).sum::<i128>() - sum_sq;
    let fn_ = (0..kb).map(|j| (0..ka).map(|i| table[i * kb + j] * rows[i]).sum::<i128>()).sum::<i128>() - sum_sq;
    let tn = n * n - fp - fn_ - sum_sq;
    if fn_ == 0 && fp == 0 {
        return Ok(1.0);
    }
    let num = 2 * (tp * tn - fn_ * fp);
    let den = (tp + fn_) * (fn_ + tn) + (tp + fp) * (fp + tn);
    Ok(num as f64 / den as f64)
}

/// Purity: every found cluster is credited with its most common true group,
/// `purity = (1/n) Σ_clusters max_group |cluster ∩ group|` — the share of points a
/// majority vote would label right. 1 when every cluster is pure (note: `n` singleton clusters
/// are pure too, so read it together with the number of clusters). Errors as
/// [`adjusted_rand_index`].
pub fn purity(truth: &[usize], predicted: &[usize]) -> Result<f64, ParamError> {
    let n = check_pair(truth, predicted)?;
    let (a, ka) = compact_labels(truth);
    let (b, kb) = compact_labels(predicted);
    let mut table = vec![0usize; ka * kb];
    for (&i, &j) in a.iter().zip(&b) {
        table[j * ka + i] += 1;
    }
    let hits: usize = table.chunks_exact(ka).map(|row| row.iter().copied().max().unwrap_or(0)).sum();
    Ok(hits as f64 / n as f64)
}

fn check_pair(truth: &[usize], predicted: &[usize]) -> Result<usize, ParamError> {
    if truth.len() != predicted.len() {
        return Err(ParamError::length_mismatch("labels", truth.len(), predicted.len()));
    }
    if truth.is_empty() {
        return Err(ParamError::too_few("labels", 1, 0));
    }
    Ok(truth.len())
}
