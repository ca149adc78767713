//! # Silhouette: how well each point sits in its cluster
//!
//! Point `i` in cluster `A`: `a(i)` = mean distance to the other points of `A`, `b(i)` =
//! smallest mean distance to the points of another cluster,
//!
//! ```text
//! s(i) = (b(i) − a(i)) / max(a(i), b(i))   ∈ [−1, 1]
//! ```
//!
//! near 1: well inside its cluster; near 0: on a border; negative: closer to another cluster.
//! `s(i) = 0` for a point alone in its cluster (scikit-learn's convention). The **silhouette
//! score** is the mean of `s(i)` (Rousseeuw 1987). It needs all `n²/2` pairwise distances;
//! [`silhouette_score_sampled`] computes it on a fixed seeded subsample, as scikit-learn's
//! `silhouette_score(sample_size=…)` does.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::{check_points, dist2};

/// Stream id of the subsample used by [`silhouette_score_sampled`] and [`KSweep`](crate::cluster::kmeans::KSweep).
pub const SILHOUETTE_STREAM: u64 = 22;
/// A good subsample size for silhouettes of large data sets ([`KSweep`](crate::cluster::kmeans::KSweep),
/// [`silhouette_score_sampled`]): 500²/2 = 125,000 distances, about a millisecond natively.
pub const DEFAULT_SILHOUETTE_SAMPLE: usize = 500;

pub(crate) fn check_sample_size(m: usize) -> Result<(), ParamError> {
    if m < 2 {
        return Err(ParamError::at_least("sample_size", 2.0, m as f64));
    }
    Ok(())
}

/// `min(m, n)` indices, ascending: all of them when `m ≥ n`, else the first `m` of a
/// Fisher–Yates shuffle from `Rng::stream(seed, SILHOUETTE_STREAM)` (a uniform `m`-subset).
pub(crate) fn sample_indices(n: usize, m: usize, seed: u64) -> Vec<usize> {
    if m >= n {
        return (0..n).collect();
    }
    let mut rng = Rng::stream(seed, SILHOUETTE_STREAM);
    let mut order: Vec<usize> = (0..n).collect();
    for i in 0..m {
        let j = i + rng.below(n - i);
        order.swap(i, j);
    }
    order.truncate(m);
    order.sort_unstable();
    order
}

/// Per-point silhouettes `s(i) = (b − a)/max(a, b)` (module docs), exact, `O(n²·n_features)`:
/// about 20 ms for 2,000 2-D points natively — fine once after convergence, too slow per frame
/// (use [`silhouette_score_sampled`] there).
///
/// Labels are any `usize` values (they need not be `0..k`). A point alone in its cluster gets
/// 0; so does a point with `a = b = 0` (all its neighbours on top of it). Distances in `f64`.
///
/// Errors: the data checks of [`KMeans::new`](crate::cluster::kmeans::KMeans::new); `"labels"` when their number differs from the
/// number of points or the number of distinct labels is not from 2 to `n − 1` (the score
/// compares a cluster with others, and with `n` clusters every point is alone).
pub fn silhouette_samples(x: &[f32], n_features: usize, labels: &[usize]) -> Result<Vec<f32>, ParamError> {
    let n = check_points(x, n_features)?;
    check_label_count(labels, n)?;
    let all: Vec<usize> = (0..n).collect();
    Ok(silhouette_core(x, n_features, labels, &all))
}

/// Mean of [`silhouette_samples`]. Same errors.
pub fn silhouette_score(x: &[f32], n_features: usize, labels: &[usize]) -> Result<f32, ParamError> {
    let s = silhouette_samples(x, n_features, labels)?;
    Ok(mean_f32(&s))
}

/// Silhouette score on a seeded subsample of at most `sample_size` points: the silhouette of
/// the subsample alone (its points and their distances to each other), as scikit-learn's
/// `silhouette_score(sample_size=…)` computes it. `O(m²)` instead of `O(n²)`; with
/// `sample_size ≥ n` it equals [`silhouette_score`]. The subsample is a uniform `m`-subset
/// from `Rng::stream(seed, SILHOUETTE_STREAM)`, the same for the same `n`, `m` and seed.
///
/// Errors: as [`silhouette_score`] (evaluated on the subsample), plus `"sample_size"` (< 2).
pub fn silhouette_score_sampled(
    x: &[f32],
    n_features: usize,
    labels: &[usize],
    sample_size: usize,
    seed: u64,
) -> Result<f32, ParamError> {
    let n = check_points(x, n_features)?;
    if labels.len() != n {
        return Err(label_len_error(labels.len(), n));
    }
    check_sample_size(sample_size)?;
    let rows = sample_indices(n, sample_size, seed);
    silhouette_of_rows(x, n_features, labels, &rows)
}

pub(crate) fn silhouette_of_rows(x: &[f32], d: usize, labels: &[usize], rows: &[usize]) -> Result<f32, ParamError> {
    let sub: Vec<usize> = rows.iter().map(|&i| labels[i]).collect();
    check_label_count(&sub, rows.len())?;
    Ok(mean_f32(&silhouette_core(x, d, &sub, rows)))
}

fn mean_f32(s: &[f32]) -> f32 {
    (s.iter().map(|&v| f64::from(v)).sum::<f64>() / s.len() as f64) as f32
}

fn label_len_error(got: usize, n: usize) -> ParamError {
    ParamError::length_mismatch("labels", n, got)
}

/// Labels renumbered `0..m` in increasing order of value, and `m`.
pub(crate) fn compact_labels(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut values = labels.to_vec();
    values.sort_unstable();
    values.dedup();
    let compact = labels.iter().map(|l| values.binary_search(l).unwrap_or(0)).collect();
    (compact, values.len())
}

fn check_label_count(labels: &[usize], n: usize) -> Result<(), ParamError> {
    if labels.len() != n {
        return Err(label_len_error(labels.len(), n));
    }
    let (_, m) = compact_labels(labels);
    if m < 2 || m + 1 > n {
        return Err(ParamError::out_of_range("labels", 2.0, n.saturating_sub(1) as f64, m as f64));
    }
    Ok(())
}

/// Silhouettes of the points `rows` (labels `labels[r]` for `rows[r]`), among themselves.
fn silhouette_core(x: &[f32], d: usize, labels: &[usize], rows: &[usize]) -> Vec<f32> {
    let (lab, m) = compact_labels(labels);
    let n = rows.len();
    let mut size = vec![0usize; m];
    for &l in &lab {
        size[l] += 1;
    }
    // sums[i·m + c] = Σ distances from point i to the points of cluster c. Each pair once.
    let mut sums = vec![0.0f64; n * m];
    for a in 0..n {
        let pa = &x[rows[a] * d..(rows[a] + 1) * d];
        for b in a + 1..n {
            let dist = dist2(pa, &x[rows[b] * d..(rows[b] + 1) * d]).sqrt();
            sums[a * m + lab[b]] += dist;
            sums[b * m + lab[a]] += dist;
        }
    }
    (0..n)
        .map(|i| {
            let own = lab[i];
            if size[own] < 2 {
                return 0.0;
            }
            let a = sums[i * m + own] / (size[own] - 1) as f64;
            let b =
                (0..m).filter(|&c| c != own).map(|c| sums[i * m + c] / size[c] as f64).fold(f64::INFINITY, f64::min);
            let den = a.max(b);
            if den > 0.0 {
                ((b - a) / den) as f32
            } else {
                0.0
            }
        })
        .collect()
}
