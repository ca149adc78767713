//! # Impurity: how mixed a node is, and the scans that find a node's best split
//!
//! A node `t` holds `n_t` training points (each with a weight `w_i`, 1 unless a forest's
//! bootstrap drew it several times; `W_t = Σ w_i`). With `p_k = (Σ_{i in t, y_i = k} w_i) / W_t`
//! the weighted share of class `k`:
//!
//! ```text
//! Gini           I(t) = 1 − Σ_k p_k²                  (chance that two random draws disagree)
//! entropy        I(t) = − Σ_k p_k · log₂ p_k          (bits needed to name a point's class)
//! squared error  I(t) = (1/W_t) Σ_i w_i (y_i − ȳ_t)²  (MSE around the node mean ȳ_t)
//! ```
//!
//! Worked example: a node with classes `[0, 0, 1]` has `p = (2/3, 1/3)`, so
//! Gini `= 1 − 4/9 − 1/9 = 4/9 ≈ 0.444` and entropy `= −(2/3)log₂(2/3) − (1/3)log₂(1/3) ≈ 0.918`
//! bits. A pure node has impurity 0 under all three.
//!


use super::cart::*;

/// Weighted class counts of `rows` into `counts`; returns the total weight.
pub(super) fn count_classes(rows: &[u32], labels: &[u32], weights: &[u32], counts: &mut [u32]) -> u64 {
    counts.fill(0);
    let mut total = 0u64;
    for &r in rows {
        let w = weights[r as usize];
        counts[labels[r as usize] as usize] += w;
        total += u64::from(w);
    }
    total
}

/// Gini or entropy of weighted class counts, computed as scikit-learn does.
pub(super) fn class_impurity(criterion: Criterion, counts: &[u32], weight: f64) -> f64 {
    match criterion {
        Criterion::Entropy => {
            let mut h = 0.0;
            for &c in counts.iter().filter(|&&c| c > 0) {
                let p = f64::from(c) / weight;
                h -= p * (crate::tensor::math::ln64(p) / std::f64::consts::LN_2);
            }
            h
        }
        _ => {
            let sq: f64 = counts.iter().map(|&c| f64::from(c) * f64::from(c)).sum();
            1.0 - sq / (weight * weight)
        }
    }
}

/// Total weight, weighted sum and MSE around the weighted mean (two passes: exact 0 for equal
/// targets, no cancellation of `E[y²] − E[y]²`).
pub(super) fn value_stats(rows: &[u32], y: &[f64], weights: &[u32]) -> (f64, f64, f64) {
    let (mut w, mut sum) = (0.0, 0.0);
    for &r in rows {
        let wi = f64::from(weights[r as usize]);
        w += wi;
        sum += wi * y[r as usize];
    }
    let mean = sum / w;
    let sq: f64 = rows.iter().map(|&r| f64::from(weights[r as usize]) * (y[r as usize] - mean).powi(2)).sum();
    (w, sum, sq / w)
}

/// Scans one feature's sorted rows of a classification node: the best `(proxy, left rows)`
/// if it beats `best`.
#[allow(clippy::too_many_arguments)]
pub(super) fn scan_classes(
    seg: &[u32],
    col: &[f32],
    labels: &[u32],
    weights: &[u32],
    node_counts: &[u32],
    (left, right): (&mut [u32], &mut [u32]),
    criterion: Criterion,
    xlogx: &[f64],
    min_leaf: usize,
    mut best: f64,
) -> Option<(f64, usize)> {
    left.fill(0);
    right.copy_from_slice(node_counts);
    let mut sq_left: u64 = 0;
    let mut sq_right: u64 = node_counts.iter().map(|&c| u64::from(c) * u64::from(c)).sum();
    let mut w_left: u64 = 0;
    let mut w_right: u64 = node_counts.iter().map(|&c| u64::from(c)).sum();
    let mut found = None;
    // Left child = seg[..=i]; i stops where the right child still keeps min_leaf rows.
    for i in 0..seg.len() - min_leaf {
        let r = seg[i] as usize;
        let w = weights[r];
        let k = labels[r] as usize;
        let (cl, cr, w64) = (u64::from(left[k]), u64::from(right[k]), u64::from(w));
        // (c + w)² − c² = (2c + w)·w and c² − (c − w)² = (2c − w)·w: exact integer updates.
        sq_left += (2 * cl + w64) * w64;
        sq_right -= (2 * cr - w64) * w64;
        left[k] += w;
        right[k] -= w;
        w_left += w64;
        w_right -= w64;
        if col[seg[i + 1] as usize] <= col[r] + FEATURE_TOLERANCE || i + 1 < min_leaf {
            continue;
        }
        let proxy = match criterion {
            Criterion::Entropy => {
                let mut s = -xlogx[w_left as usize] - xlogx[w_right as usize];
                for (&l, &r) in left.iter().zip(right.iter()) {
                    s += xlogx[l as usize] + xlogx[r as usize];
                }
                s
            }
            _ => sq_left as f64 / w_left as f64 + sq_right as f64 / w_right as f64,
        };
        if proxy > best {
            best = proxy;
            found = Some((proxy, i + 1));
        }
    }
    found
}

/// Scans one feature's sorted rows of a regression node (proxy `S_L²/W_L + S_R²/W_R`).
#[allow(clippy::too_many_arguments)]
pub(super) fn scan_values(
    seg: &[u32],
    col: &[f32],
    y: &[f64],
    weights: &[u32],
    node_sum: f64,
    node_weight: f64,
    min_leaf: usize,
    mut best: f64,
) -> Option<(f64, usize)> {
    let (mut s_left, mut w_left) = (0.0, 0.0);
    let mut found = None;
    for i in 0..seg.len() - min_leaf {
        let r = seg[i] as usize;
        let w = f64::from(weights[r]);
        s_left += w * y[r];
        w_left += w;
        if col[seg[i + 1] as usize] <= col[r] + FEATURE_TOLERANCE || i + 1 < min_leaf {
            continue;
        }
        let s_right = node_sum - s_left;
        let w_right = node_weight - w_left;
        let proxy = s_left * s_left / w_left + s_right * s_right / w_right;
        if proxy > best {
            best = proxy;
            found = Some((proxy, i + 1));
        }
    }
    found
}
