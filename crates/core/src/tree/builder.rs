//! # The builder: training data checked and pre-sorted once, then best-first growth
//!
//! ## Choosing a split: the weighted impurity decrease
//!
//! A split sends `W_L` of the node's weight left and `W_R` right. Its quality is how much it
//! lowers impurity, weighted by the share `W_t / W` of all training weight that reaches `t`:
//!
//! ```text
//! ΔI(t, j, θ) = (W_t / W) · [ I(t) − (W_L / W_t)·I(L) − (W_R / W_t)·I(R) ]
//! ```
//!
//! The tree tries, for every candidate feature `j`, every threshold between two consecutive
//! distinct values of `x_j` among the node's points, and keeps the largest `ΔI`. Thresholds are
//! **midpoints** `θ = a/2 + b/2` of consecutive sorted values `a < b`, computed in `f64` from the
//! `f32` inputs (scikit-learn's rule: the boundary sits halfway between the training points, and
//! halving first cannot overflow). Values closer than [`FEATURE_TOLERANCE`] = 10⁻⁷ count as equal
//! (scikit-learn's `FEATURE_THRESHOLD`), and a feature whose values in the node span no more than
//! that is *constant* there and cannot split it.
//!
//! **Why it is fast.** Each feature's rows are sorted once for the whole training set; a node's
//! rows occupy one contiguous range of every feature's sorted list, and splitting a node
//! stable-partitions those ranges (no re-sorting, no per-node allocation). Scanning a range from
//! left to right moves one point at a time from the right child to the left child, so the
//! score of every threshold follows in O(1) from running sums — O(n) per feature per node
//! instead of O(n²). The scan ranks thresholds by a *proxy* that orders splits exactly as `ΔI`
//! does but drops the terms that are the same for every split of the node:
//!
//! ```text
//! Gini           Σ_k c_{L,k}²/W_L + Σ_k c_{R,k}²/W_R      (c = weighted class counts; the sums
//!                                                         of squares update in O(1), exactly,
//!                                                         as the counts are integers)
//! entropy        Σ_k c_{L,k} ln c_{L,k} − W_L ln W_L + (same for R)   (a table of c ln c)
//! squared error  S_L²/W_L + S_R²/W_R                       (S = weighted sum of targets)
//! ```
//!
//! For instance `W_t·I(t) − W_L·I(L) − W_R·I(R)` for Gini is `(Σc_L²/W_L + Σc_R²/W_R) − Σc²/W_t`,
//! and the last term does not depend on the split. On equal proxies the first split found is
//! kept: lower feature index first (when every feature is tried), then the lower threshold.
//!

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::ParamError;
use crate::rng::Rng;
use super::cart::*;
use super::impurity::*;

// Training data, checked and pre-sorted once
// =============================================================================================

/// Training features, checked once and sorted once per feature; shared by every tree of a
/// forest or a boosting run.
#[derive(Debug, Clone)]
pub(crate) struct Presorted {
    pub(crate) n_rows: usize,
    pub(crate) n_features: usize,
    /// Row-major copy (for predictions on the training rows).
    pub(crate) rows: Vec<f32>,
    /// Column-major copy: feature `f` of row `i` at `columns[f·n_rows + i]`.
    pub(crate) columns: Vec<f32>,
    /// For each feature, the row indices in increasing order of that feature (ties by index).
    pub(crate) sorted: Vec<u32>,
}

impl Presorted {
    pub(crate) fn new(x: &[f32], n_features: usize) -> Result<Presorted, ParamError> {
        if n_features == 0 {
            return Err(ParamError::too_few("n_features", 1, 0));
        }
        let n = x.len() / n_features;
        if n * n_features != x.len() {
            return Err(ParamError::not_whole_rows("x", x.len(), n_features));
        }
        if n == 0 {
            return Err(ParamError::too_few("x", 1, 0));
        }
        // Row indices, node ids (< 2 rows) and feature indices are stored as u32.
        if n > MAX_ROWS || n_features > MAX_ROWS {
            return Err(ParamError::out_of_range("x", 1.0, MAX_ROWS as f64, n.max(n_features) as f64));
        }
        if let Some(v) = x.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::not_finite("x", (*v).into()));
        }
        let mut columns = vec![0.0; x.len()];
        for (i, row) in x.chunks_exact(n_features).enumerate() {
            for (f, &v) in row.iter().enumerate() {
                columns[f * n + i] = v;
            }
        }
        let mut sorted = Vec::with_capacity(x.len());
        for col in columns.chunks_exact(n) {
            let start = sorted.len();
            sorted.extend(0..n as u32);
            // Stable sort by value: equal values keep index order, so the result is unique.
            sorted[start..].sort_by(|&a, &b| col[a as usize].total_cmp(&col[b as usize]));
        }
        Ok(Presorted { n_rows: n, n_features, rows: x.to_vec(), columns, sorted })
    }
}

/// Class labels `0..K` from `f32` targets; `K` = largest label + 1.
pub(crate) fn class_labels(y: &[f32], n_rows: usize) -> Result<(Vec<u32>, usize), ParamError> {
    check_target_len(y, n_rows)?;
    let mut labels = Vec::with_capacity(y.len());
    for &v in y {
        if !(v >= 0.0 && v.fract() == 0.0 && v < MAX_CLASSES as f32) {
            return Err(ParamError::not_whole("y", 0.0, (MAX_CLASSES - 1) as f64, v.into()));
        }
        labels.push(v as u32);
    }
    let k = labels.iter().max().map_or(1, |&m| m as usize + 1);
    Ok((labels, k))
}

/// Regression targets as `f64`.
pub(crate) fn real_targets(y: &[f32], n_rows: usize) -> Result<Vec<f64>, ParamError> {
    check_target_len(y, n_rows)?;
    if let Some(v) = y.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("y", (*v).into()));
    }
    Ok(y.iter().map(|&v| f64::from(v)).collect())
}

fn check_target_len(y: &[f32], n_rows: usize) -> Result<(), ParamError> {
    if y.len() != n_rows {
        return Err(ParamError::length_mismatch("y", n_rows, y.len()));
    }
    Ok(())
}

/// What the tree is fitted to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Targets<'a> {
    /// Class label of every data row.
    Classes(&'a [u32]),
    /// Real target of every data row.
    Values(&'a [f64]),
}

/// The growth limits, checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Growth {
    pub(crate) criterion: Criterion,
    pub(crate) max_depth: usize,
    pub(crate) min_samples_split: usize,
    pub(crate) min_samples_leaf: usize,
    pub(crate) max_features: usize,
}

impl Growth {
    pub(crate) fn new(
        criterion: Criterion,
        max_depth: Option<usize>,
        min_samples_split: usize,
        min_samples_leaf: usize,
        max_features: MaxFeatures,
        n_features: usize,
    ) -> Result<Growth, ParamError> {
        if max_depth == Some(0) {
            return Err(ParamError::at_least("max_depth", 1.0, 0.0));
        }
        if min_samples_split < 2 {
            return Err(ParamError::at_least("min_samples_split", 2.0, min_samples_split as f64));
        }
        if min_samples_leaf < 1 {
            return Err(ParamError::at_least("min_samples_leaf", 1.0, 0.0));
        }
        Ok(Growth {
            criterion,
            max_depth: max_depth.unwrap_or(usize::MAX),
            min_samples_split,
            min_samples_leaf,
            max_features: max_features.resolve(n_features)?,
        })
    }
}

// =============================================================================================
// The builder: best-first growth over pre-sorted index ranges
// =============================================================================================

/// A node's best split, waiting in the frontier until a step performs it.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    improvement: f64,
    node: usize,
    feature: usize,
    threshold: f64,
    /// Rows of the node that go left (a prefix of its range in the feature's sorted order).
    left_rows: usize,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    /// Larger improvement first; on ties the older (smaller) node first.
    fn cmp(&self, other: &Self) -> Ordering {
        self.improvement.total_cmp(&other.improvement).then_with(|| other.node.cmp(&self.node))
    }
}

/// Grows one tree at a time; its buffers are reused from tree to tree (forests, boosting).
#[derive(Debug, Clone)]
pub(crate) struct Builder {
    growth: Growth,
    /// 0 for regression.
    pub(super) n_classes: usize,
    rng: Rng,
    /// Multiplicity of every data row in this tree (0 = not in it).
    weights: Vec<u32>,
    /// Rows in the tree (weight > 0).
    n_in: usize,
    /// Per feature, the tree's rows sorted by that feature; a node owns `start..end` of each.
    order: Vec<u32>,
    /// `start..end` of every node.
    ranges: Vec<(usize, usize)>,
    /// Per data row, the id of the last node whose split sent it left (a generation stamp, so
    /// nothing needs clearing between nodes).
    mark: Vec<u32>,
    scratch: Vec<u32>,
    pool: Vec<usize>,
    node_counts: Vec<u32>,
    left_counts: Vec<u32>,
    right_counts: Vec<u32>,
    /// `c ln c` for integer `c`, for the entropy proxy.
    xlogx: Vec<f64>,
    total_weight: f64,
    frontier: BinaryHeap<Candidate>,
    tree: DecisionTree,
}

impl Builder {
    pub(crate) fn new(growth: Growth, n_features: usize, n_classes: usize) -> Builder {
        Builder {
            growth,
            n_classes,
            rng: Rng::new(0),
            weights: Vec::new(),
            n_in: 0,
            order: Vec::new(),
            ranges: Vec::new(),
            mark: Vec::new(),
            scratch: Vec::new(),
            pool: Vec::new(),
            node_counts: vec![0; n_classes],
            left_counts: vec![0; n_classes],
            right_counts: vec![0; n_classes],
            xlogx: Vec::new(),
            total_weight: 0.0,
            frontier: BinaryHeap::new(),
            tree: empty_tree(growth.criterion, n_features, n_classes),
        }
    }

    /// Starts a new tree on the rows with nonzero `weights` (`None` = every row once) and
    /// creates its root. Any tree in progress is dropped.
    pub(crate) fn start(&mut self, data: &Presorted, targets: Targets, weights: Option<&[u32]>, rng: Rng) {
        let n = data.n_rows;
        self.rng = rng;
        self.weights.clear();
        match weights {
            Some(w) => self.weights.extend_from_slice(&w[..n]),
            None => self.weights.resize(n, 1),
        }
        self.order.clear();
        for f in 0..data.n_features {
            let sorted = &data.sorted[f * n..(f + 1) * n];
            self.order.extend(sorted.iter().copied().filter(|&r| self.weights[r as usize] > 0));
        }
        self.n_in = self.order.len() / data.n_features;
        self.ranges.clear();
        self.mark.clear();
        self.mark.resize(n, u32::MAX);
        self.scratch.clear();
        self.scratch.resize(self.n_in, 0);
        let total: u64 = self.weights.iter().map(|&w| u64::from(w)).sum();
        self.total_weight = total as f64;
        if self.growth.criterion == Criterion::Entropy && self.xlogx.len() <= total as usize {
            self.xlogx = (0..=total).map(|c| if c == 0 { 0.0 } else { c as f64 * crate::tensor::math::ln64(c as f64) }).collect();
        }
        self.frontier.clear();
        self.tree = empty_tree(self.growth.criterion, data.n_features, self.n_classes);
        if self.n_in > 0 {
            self.add_node(data, targets, None, 0, 0, self.n_in);
        }
    }

    /// Performs the best pending split; the id of the node split, or `None` when the tree is
    /// finished.
    pub(crate) fn step(&mut self, data: &Presorted, targets: Targets) -> Option<usize> {
        let c = self.frontier.pop()?;
        self.expand(data, targets, c);
        Some(c.node)
    }

    /// The split the next [`step`](Self::step) will perform: `(node, feature, threshold)`.
    pub(crate) fn peek(&self) -> Option<(usize, usize, f64)> {
        self.frontier.peek().map(|c| (c.node, c.feature, c.threshold))
    }

    pub(crate) fn tree(&self) -> &DecisionTree {
        &self.tree
    }

    pub(crate) fn tree_mut(&mut self) -> &mut DecisionTree {
        &mut self.tree
    }

    /// Moves the tree out (the builder keeps its buffers for the next [`start`](Self::start)).
    pub(crate) fn take_tree(&mut self) -> DecisionTree {
        let empty = empty_tree(self.tree.criterion, self.tree.n_features, self.n_classes);
        std::mem::replace(&mut self.tree, empty)
    }

    /// The training rows (data row indices) that reached `node`.
    pub(crate) fn node_rows(&self, node: usize) -> &[u32] {
        let (s, e) = self.ranges[node];
        &self.order[s..e]
    }

    /// Creates a node over `order[start..end]` (in every feature's list), computes its
    /// statistics and, unless a stopping rule makes it a leaf, its best split.
    fn add_node(&mut self, data: &Presorted, targets: Targets, parent: Option<usize>, depth: usize, start: usize, end: usize) -> usize {
        let id = self.tree.nodes.len();
        let rows = &self.order[start..end]; // feature 0's order; any feature's holds the same rows
        let (weight, impurity, node_sum) = match targets {
            Targets::Classes(labels) => {
                let w = count_classes(rows, labels, &self.weights, &mut self.node_counts) as f64;
                let imp = class_impurity(self.growth.criterion, &self.node_counts, w);
                for &c in &self.node_counts {
                    self.tree.values.push(f64::from(c) / w);
                    self.tree.class_counts.push(f64::from(c));
                }
                (w, imp, 0.0)
            }
            Targets::Values(y) => {
                let (w, sum, imp) = value_stats(rows, y, &self.weights);
                self.tree.values.push(sum / w);
                (w, imp, sum)
            }
        };
        self.tree.nodes.push(Node { split: None, parent, depth, n_samples: end - start, weighted_samples: weight, impurity });
        self.tree.walk.push(WalkNode { threshold: 0.0, feature: WalkNode::LEAF, left: 0 });
        self.ranges.push((start, end));
        let n = end - start;
        let g = self.growth;
        let may_split = depth < g.max_depth && n >= g.min_samples_split && n >= 2 * g.min_samples_leaf && impurity > PURE;
        if may_split {
            if let Some(c) = self.best_split(data, targets, id, weight, node_sum, impurity) {
                self.frontier.push(c);
            }
        }
        id
    }

    /// The best split of node `id` over the features drawn for it, if any threshold is valid.
    fn best_split(&mut self, data: &Presorted, targets: Targets, id: usize, weight: f64, node_sum: f64, impurity: f64) -> Option<Candidate> {
        let (start, end) = self.ranges[id];
        let d = data.n_features;
        let n = data.n_rows;
        let m = self.n_in;
        let min_leaf = self.growth.min_samples_leaf;
        let draw = self.growth.max_features < d;
        self.pool.clear();
        self.pool.extend(0..d);
        let (mut visited, mut constant, mut remaining) = (0usize, 0usize, d);
        let mut best_proxy = f64::NEG_INFINITY;
        let mut best: Option<(usize, usize)> = None;
        while remaining > 0 && (visited < self.growth.max_features || visited == constant) {
            let f = if draw {
                let j = self.rng.below(remaining);
                self.pool.swap(j, remaining - 1);
                self.pool[remaining - 1]
            } else {
                d - remaining
            };
            remaining -= 1;
            visited += 1;
            let seg = &self.order[f * m + start..f * m + end];
            let col = &data.columns[f * n..(f + 1) * n];
            if col[seg[seg.len() - 1] as usize] <= col[seg[0] as usize] + FEATURE_TOLERANCE {
                constant += 1;
                continue;
            }
            let found = match targets {
                Targets::Classes(labels) => scan_classes(
                    seg,
                    col,
                    labels,
                    &self.weights,
                    &self.node_counts,
                    (&mut self.left_counts, &mut self.right_counts),
                    self.growth.criterion,
                    &self.xlogx,
                    min_leaf,
                    best_proxy,
                ),
                Targets::Values(y) => scan_values(seg, col, y, &self.weights, node_sum, weight, min_leaf, best_proxy),
            };
            if let Some((proxy, left_rows)) = found {
                best_proxy = proxy;
                best = Some((f, left_rows));
            }
        }
        let (feature, left_rows) = best?;
        let seg = &self.order[feature * m + start..feature * m + end];
        let col = &data.columns[feature * n..(feature + 1) * n];
        let a = f64::from(col[seg[left_rows - 1] as usize]);
        let b = f64::from(col[seg[left_rows] as usize]);
        let threshold = a / 2.0 + b / 2.0;
        // Children's impurities, for ΔI (the priority of best-first growth).
        let (wl, il, wr, ir) = match targets {
            Targets::Classes(labels) => {
                let wl = count_classes(&seg[..left_rows], labels, &self.weights, &mut self.left_counts) as f64;
                for ((r, &c), &l) in self.right_counts.iter_mut().zip(&self.node_counts).zip(&self.left_counts) {
                    *r = c - l;
                }
                let wr = weight - wl;
                let c = self.growth.criterion;
                (wl, class_impurity(c, &self.left_counts, wl), wr, class_impurity(c, &self.right_counts, wr))
            }
            Targets::Values(y) => {
                let (wl, _, il) = value_stats(&seg[..left_rows], y, &self.weights);
                let (wr, _, ir) = value_stats(&seg[left_rows..], y, &self.weights);
                (wl, il, wr, ir)
            }
        };
        // scikit-learn's impurity_improvement, term for term.
        let improvement = (weight / self.total_weight) * (impurity - wr / weight * ir - wl / weight * il);
        Some(Candidate { improvement, node: id, feature, threshold, left_rows })
    }

    /// Performs a split: partitions the node's range in every feature's list (left rows first,
    /// each side keeping its sorted order) and creates the two children.
    fn expand(&mut self, data: &Presorted, targets: Targets, c: Candidate) {
        let (start, end) = self.ranges[c.node];
        let mid = start + c.left_rows;
        let m = self.n_in;
        let stamp = c.node as u32;
        for &r in &self.order[c.feature * m + start..c.feature * m + mid] {
            self.mark[r as usize] = stamp;
        }
        for f in (0..data.n_features).filter(|&f| f != c.feature) {
            let seg = &mut self.order[f * m + start..f * m + end];
            let (mut left, mut right) = (0, 0);
            for i in 0..seg.len() {
                let r = seg[i];
                if self.mark[r as usize] == stamp {
                    seg[left] = r;
                    left += 1;
                } else {
                    self.scratch[right] = r;
                    right += 1;
                }
            }
            seg[left..].copy_from_slice(&self.scratch[..right]);
        }
        let depth = self.tree.nodes[c.node].depth + 1;
        let left = self.tree.nodes.len();
        self.tree.nodes[c.node].split =
            Some(Split { feature: c.feature, threshold: c.threshold, left, right: left + 1, improvement: c.improvement });
        // Node ids (< 2·rows) and feature indices fit in u32 (see MAX_ROWS).
        self.tree.walk[c.node] = WalkNode { threshold: c.threshold, feature: c.feature as u32, left: left as u32 };
        self.add_node(data, targets, Some(c.node), depth, start, mid);
        self.add_node(data, targets, Some(c.node), depth, mid, end);
    }
}
