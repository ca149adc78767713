//! # Decision trees (CART): questions of the form "is feature j ≤ θ?"
//!
//! A decision tree predicts by asking a short chain of yes/no questions about one feature at a
//! time. Every internal node holds a **rule** `x_j ≤ θ`: points that answer yes go to the left
//! child, the others to the right. Every leaf holds a prediction: the share of each class among
//! the training points that reached it (classification) or their mean target (regression).
//! Geometrically the leaves cut the input space into axis-aligned boxes, which is why a tree's
//! decision boundary is made of horizontal and vertical segments.
//!
//! This is CART (Breiman, Friedman, Olshen & Stone 1984), grown greedily exactly as
//! scikit-learn's `DecisionTreeClassifier` / `DecisionTreeRegressor` grow it (`splitter="best"`).
//!
//! ## Impurity: how mixed a node is
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
//! ## When a node stays a leaf
//!
//! A node is not split when its depth has reached `max_depth`, when it holds fewer than
//! `min_samples_split` points or fewer than `2·min_samples_leaf`, when it is pure (impurity
//! ≤ machine epsilon), or when no threshold leaves at least `min_samples_leaf` points on each
//! side. A split is taken even if it lowers impurity by zero — that is how a tree solves XOR,
//! where no single first question helps but the second ones do (scikit-learn does the same).
//! Point counts are of distinct training rows; weights only enter the impurities.
//!
//! ## Features tried per split (`max_features`)
//!
//! With [`MaxFeatures::All`] every feature is tried, in index order, and no random number is
//! drawn. Otherwise each node draws its candidates without replacement (Fisher–Yates) from
//! `Rng::stream(seed, FEATURES_STREAM + t)` (`t` = the tree's index in a forest, 0 for a lone
//! tree): this decorrelates the trees of a random forest. As in scikit-learn, a drawn feature
//! that is constant in the node uses up a draw, but drawing goes on past `max_features` until
//! one non-constant feature has been tried (or all have).
//!
//! ## Growing one split at a time: best-first
//!
//! [`TreeGrower`] expands one node per [`step`](TreeGrower::step), so the page can animate the
//! tree growing. It expands nodes **best-first**: every open node's best split is found when
//! the node is created, and each step performs the pending split with the largest `ΔI` (ties:
//! the older node). Why not breadth-first? Stopping best-first after `s` steps gives the best
//! greedy tree with `s + 1` leaves — each step shows the most useful question still to ask,
//! the big structure appears first and refinements of tiny regions come last (this is also
//! LightGBM's leaf-wise growth and scikit-learn's `max_leaf_nodes` order). Because each node's
//! split depends only on the points it holds, the *finished* tree is the same whatever the order;
//! with random feature subsets the order fixes which draws a node gets, and [`DecisionTree::fit`]
//! simply runs the grower to the end, so both always agree bit for bit. Node ids are assigned
//! in creation order: the root is 0 and a split's two children get the next two ids.
//!
//! ## Predictions
//!
//! A point follows the rules from the root down (`x_j ≤ θ` → left) to a leaf. Classification
//! reports the leaf's class shares as probabilities and the most frequent class (ties: the lower
//! index) as the label; regression reports the leaf mean. A NaN feature fails every `≤` test and
//! goes right; it never panics. Each node also knows its [`Region`], the box of the input space
//! it covers, so hovering a node can highlight it.
//!
//! ## Differences from scikit-learn
//!
//! Same trees on tie-free data (tested node by node against scikit-learn 1.9 in
//! `tests/tree_reference.rs`). On ties between features scikit-learn picks at random
//! (it shuffles the features at every node even when it tries them all); we pick the lowest
//! index. Missing values are not supported: every feature must be finite.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::error::ParamError;
use crate::nn::slug_enum;
use crate::rng::Rng;

/// Stream id base of the per-node feature draws: tree `t` of a forest (0 for a lone tree) uses
/// `Rng::stream(seed, FEATURES_STREAM + t)`. Far above the ids of [`rng::streams`](crate::rng::streams)
/// and [`search`](crate::search), and 2³² apart from the other tree-family bases
/// ([`forest::BOOTSTRAP_STREAM`](crate::forest::BOOTSTRAP_STREAM),
/// [`boosting::SUBSAMPLE_STREAM`](crate::boosting::SUBSAMPLE_STREAM)).
pub const FEATURES_STREAM: u64 = 100 << 32;

/// Feature values closer than this are treated as equal (scikit-learn's `FEATURE_THRESHOLD`).
pub const FEATURE_TOLERANCE: f32 = 1e-7;

/// Most classes a classification target may have (labels `0..MAX_CLASSES`).
pub const MAX_CLASSES: usize = 64;

/// Most training rows (and features): indices and node ids are stored as `u32`.
const MAX_ROWS: usize = (u32::MAX / 2) as usize;

/// A node whose impurity is at most this is pure (scikit-learn's `EPSILON`, rounding noise).
const PURE: f64 = f64::EPSILON;

slug_enum! {
    /// How a node's impurity is measured (see the module docs).
    pub enum Criterion {
        /// Gini impurity `1 − Σ p_k²` (classification).
        Gini => "gini",
        /// Entropy `−Σ p_k log₂ p_k`, in bits (classification).
        Entropy => "entropy",
        /// Mean squared error around the node mean (regression).
        SquaredError => "squared_error",
    }
}

impl Criterion {
    /// True for the classification criteria (Gini, entropy).
    pub fn is_classification(self) -> bool {
        !matches!(self, Criterion::SquaredError)
    }
}

/// How many features each node tries (scikit-learn's `max_features`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxFeatures {
    /// Every feature (a lone tree's usual setting, and scikit-learn's `None`).
    All,
    /// `max(1, ⌊√d⌋)` of the `d` features (the random forest classifier's usual setting).
    Sqrt,
    /// `max(1, ⌊log₂ d⌋)` of the `d` features.
    Log2,
    /// Exactly this many, from 1 to `d`.
    Count(usize),
}

impl MaxFeatures {
    /// The number of features tried per node when there are `n_features`; `Err` for a count of
    /// 0 or more than `n_features` (field `"max_features"`).
    pub fn resolve(self, n_features: usize) -> Result<usize, ParamError> {
        let d = n_features.max(1);
        match self {
            MaxFeatures::All => Ok(d),
            MaxFeatures::Sqrt => Ok(((d as f64).sqrt().floor() as usize).max(1)),
            MaxFeatures::Log2 => Ok(((d as f64).log2().floor() as usize).max(1)),
            MaxFeatures::Count(k) if (1..=d).contains(&k) => Ok(k),
            MaxFeatures::Count(k) => Err(ParamError::new(
                "max_features",
                format!("the features tried per split must be from 1 to {d} (the number of features), got {k}"),
            )),
        }
    }
}

/// Settings of one decision tree. `Default` is scikit-learn's: Gini, unlimited depth, split
/// nodes of 2 or more points, leaves of 1 or more, every feature tried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TreeParams {
    /// Impurity measure; Gini and entropy make a classifier, squared error a regressor.
    pub criterion: Criterion,
    /// Deepest level a node may have (the root is depth 0); `None` = grow until pure. `Some(0)`
    /// is an error: a tree needs at least one question.
    pub max_depth: Option<usize>,
    /// Fewest points a node needs to be split (≥ 2).
    pub min_samples_split: usize,
    /// Fewest points each child of a split must keep (≥ 1).
    pub min_samples_leaf: usize,
    /// Features tried per node.
    pub max_features: MaxFeatures,
    /// Seed of the feature draws (unused with [`MaxFeatures::All`]).
    pub seed: u64,
}

impl Default for TreeParams {
    fn default() -> Self {
        TreeParams {
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: MaxFeatures::All,
            seed: 0,
        }
    }
}

/// The rule of an internal node and where its two answers lead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Split {
    /// Feature asked about (column of `x`).
    pub feature: usize,
    /// Points with `x[feature] ≤ threshold` go left (compared in `f64`).
    pub threshold: f64,
    /// Node id of the "yes" child.
    pub left: usize,
    /// Node id of the "no" child.
    pub right: usize,
    /// Weighted impurity decrease `ΔI` of this split (see the module docs): the quantity
    /// best-first growth ranks by and feature importances add up.
    pub improvement: f64,
}

/// One node of a tree, as the page shows it. Values and class counts are on the tree
/// ([`DecisionTree::value`], [`DecisionTree::class_counts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// `None` for a leaf (or a node the grower has not split yet).
    pub split: Option<Split>,
    /// `None` for the root.
    pub parent: Option<usize>,
    /// Root = 0.
    pub depth: usize,
    /// Distinct training points that reach this node.
    pub n_samples: usize,
    /// Their total weight (equals `n_samples` outside a bootstrapped forest).
    pub weighted_samples: f64,
    /// Gini, entropy (bits) or MSE of the node, per the tree's criterion.
    pub impurity: f64,
}

/// The box of input space a node covers: `lower[f] < x[f] ≤ upper[f]` for every feature `f`
/// (±∞ where no ancestor constrains the feature).
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

impl Region {
    /// Whether `row` (at least as long as the bounds) lies in the box.
    pub fn contains(&self, row: &[f32]) -> bool {
        row.len() >= self.lower.len()
            && self.lower.iter().zip(&self.upper).zip(row).all(|((&lo, &hi), &v)| {
                let v = f64::from(v);
                lo < v && v <= hi
            })
    }
}

/// A fitted (or growing) decision tree.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTree {
    n_features: usize,
    /// 0 for regression.
    n_classes: usize,
    criterion: Criterion,
    nodes: Vec<Node>,
    /// The same tree in 16 bytes a node, for predictions: the rule and the left child are all a
    /// point needs, so a depth-8 tree takes 8 KB instead of the 49 KB of its 96-byte [`Node`]s.
    walk: Vec<WalkNode>,
    /// `outputs()` numbers per node: class probabilities, or `[mean]` for regression.
    values: Vec<f64>,
    /// `n_classes` weighted class counts per node (empty for regression).
    class_counts: Vec<f64>,
}

impl DecisionTree {
    /// Fits a tree to `n = x.len() / n_features` rows (row-major `x`) and their targets `y`
    /// (class indices `0.0, 1.0, …` for Gini / entropy, real values for squared error; the
    /// number of classes is the largest label + 1). Errors name the field: `"x"`, `"y"`,
    /// `"n_features"`, `"max_depth"`, `"min_samples_split"`, `"min_samples_leaf"`, `"max_features"`.
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &TreeParams) -> Result<DecisionTree, ParamError> {
        Ok(TreeGrower::new(x, n_features, y, params)?.finish())
    }

    /// Number of input features.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of classes; 0 for a regression tree.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Numbers per prediction: `n_classes` probabilities, or 1 value for regression.
    pub fn outputs(&self) -> usize {
        self.n_classes.max(1)
    }

    /// The impurity measure it was grown with.
    pub fn criterion(&self) -> Criterion {
        self.criterion
    }

    /// Every node, indexed by node id (root = 0).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Number of nodes.
    pub fn n_nodes(&self) -> usize {
        self.nodes.len()
    }

    /// Number of leaves (nodes without a split).
    pub fn n_leaves(&self) -> usize {
        self.nodes.iter().filter(|n| n.split.is_none()).count()
    }

    /// Depth of the deepest node (0 for a lone root).
    pub fn depth(&self) -> usize {
        self.nodes.iter().map(|n| n.depth).max().unwrap_or(0)
    }

    /// A node's prediction: class probabilities (shares of the node's training weight), or
    /// `[mean target]` for regression. `None` for an unknown id.
    pub fn value(&self, node: usize) -> Option<&[f64]> {
        let k = self.outputs();
        self.values.get(node * k..node * k + k)
    }

    /// A node's weighted class counts (bootstrap multiplicities count); `None` for regression
    /// or an unknown id.
    pub fn class_counts(&self, node: usize) -> Option<&[f64]> {
        let k = self.n_classes;
        if k == 0 {
            return None;
        }
        self.class_counts.get(node * k..node * k + k)
    }

    /// The box of input space node `node` covers (see [`Region`]); `None` for an unknown id.
    pub fn region(&self, node: usize) -> Option<Region> {
        self.nodes.get(node)?;
        let mut r = Region { lower: vec![f64::NEG_INFINITY; self.n_features], upper: vec![f64::INFINITY; self.n_features] };
        let mut child = node;
        while let Some(parent) = self.nodes[child].parent {
            if let Some(s) = self.nodes[parent].split {
                if s.left == child {
                    r.upper[s.feature] = r.upper[s.feature].min(s.threshold);
                } else {
                    r.lower[s.feature] = r.lower[s.feature].max(s.threshold);
                }
            }
            child = parent;
        }
        Some(r)
    }

    /// The leaf a row (`n_features` values, extra ones ignored) falls into; `None` if the row
    /// is too short.
    pub fn leaf(&self, row: &[f32]) -> Option<usize> {
        (row.len() >= self.n_features).then(|| self.leaf_of(row))
    }

    /// The node ids from the root to the row's leaf, into `out` (cleared first); `out` stays
    /// empty if the row is too short.
    pub fn path(&self, row: &[f32], out: &mut Vec<usize>) {
        out.clear();
        if row.len() < self.n_features {
            return;
        }
        let mut i = 0;
        out.push(0);
        while let Some(s) = self.nodes[i].split {
            i = if f64::from(row[s.feature]) <= s.threshold { s.left } else { s.right };
            out.push(i);
        }
    }

    /// The prediction for one row: class index (as `f32`) or value. NaN if the row is too short.
    pub fn predict_row(&self, row: &[f32]) -> f32 {
        match self.leaf(row) {
            Some(leaf) => self.label_of(leaf),
            None => f32::NAN,
        }
    }

    /// Predictions for the rows of `x` (row-major, `n_features` per row) into `out`, one per
    /// row: the most probable class as `f32` (ties: lower index), or the value for regression.
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        check_predict_shape(x, self.n_features, out.len(), 1)?;
        self.for_each_leaf(x, |i, leaf| out[i] = self.label_of(leaf));
        Ok(())
    }

    /// Class probabilities for the rows of `x` into `out` (`n_classes` per row, row-major); for
    /// a regression tree the values (1 per row).
    pub fn predict_proba_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let k = self.outputs();
        check_predict_shape(x, self.n_features, out.len(), k)?;
        self.for_each_leaf(x, |i, leaf| {
            for (dst, &v) in out[i * k..i * k + k].iter_mut().zip(self.values_of(leaf)) {
                *dst = v as f32;
            }
        });
        Ok(())
    }

    /// Share of the total impurity decrease due to each feature (scikit-learn's
    /// `feature_importances_`): `Σ ΔI` of the splits on the feature, normalised to sum to 1
    /// (all zeros for a lone leaf).
    pub fn feature_importances(&self) -> Vec<f64> {
        let mut imp = vec![0.0; self.n_features];
        for s in self.nodes.iter().filter_map(|n| n.split) {
            imp[s.feature] += s.improvement;
        }
        let total: f64 = imp.iter().sum();
        if total > 0.0 {
            imp.iter_mut().for_each(|v| *v /= total);
        }
        imp
    }

    // ---- crate internals -------------------------------------------------------------------

    /// Leaf of a row known to have at least `n_features` values.
    #[inline]
    pub(crate) fn leaf_of(&self, row: &[f32]) -> usize {
        let mut i = 0;
        loop {
            let w = self.walk[i];
            if w.feature == WalkNode::LEAF {
                return i;
            }
            // The right child is always left + 1.
            i = w.left as usize + usize::from(goes_right(row[w.feature as usize], w.threshold));
        }
    }

    /// Calls `f(row index, leaf)` for every row of `x` (whole rows of `n_features`), walking
    /// the rows in blocks through [`leaves_into`](Self::leaves_into).
    #[inline]
    pub(crate) fn for_each_leaf(&self, x: &[f32], mut f: impl FnMut(usize, usize)) {
        const BLOCK: usize = 256;
        let mut leaves = [0u32; BLOCK];
        for (b, xb) in x.chunks(BLOCK * self.n_features).enumerate() {
            let rows = xb.len() / self.n_features;
            self.leaves_into(xb, &mut leaves[..rows]);
            for (i, &leaf) in leaves[..rows].iter().enumerate() {
                f(b * BLOCK + i, leaf as usize);
            }
        }
    }

    /// Leaves of the rows of `x` (whole rows of `n_features`) into `leaves`, one per row.
    ///
    /// Walking one point down a tree is a chain of dependent loads (each level waits for the
    /// previous one), so the rows go down in groups of [`WALK_LANES`] side by side: the
    /// processor overlaps the independent chains. Measured on 100 trees × a 100 × 100 grid:
    /// 1.9× faster than one row at a time (and the 16-byte [`WalkNode`]s 1.3× faster than
    /// walking the full [`Node`]s).
    pub(crate) fn leaves_into(&self, x: &[f32], leaves: &mut [u32]) {
        let d = self.n_features;
        let mut rows = x.chunks_exact(WALK_LANES * d);
        let mut outs = leaves.chunks_exact_mut(WALK_LANES);
        for (block, out) in (&mut rows).zip(&mut outs) {
            let mut at = [0u32; WALK_LANES];
            loop {
                let mut moving = false;
                for (lane, i) in at.iter_mut().enumerate() {
                    let w = self.walk[*i as usize];
                    if w.feature != WalkNode::LEAF {
                        *i = w.left + u32::from(goes_right(block[lane * d + w.feature as usize], w.threshold));
                        moving = true;
                    }
                }
                if !moving {
                    break;
                }
            }
            out.copy_from_slice(&at);
        }
        for (row, out) in rows.remainder().chunks_exact(d).zip(outs.into_remainder()) {
            *out = self.leaf_of(row) as u32;
        }
    }

    /// All output values of a node (no bounds check beyond the slice's).
    #[inline]
    pub(crate) fn values_of(&self, node: usize) -> &[f64] {
        let k = self.outputs();
        &self.values[node * k..node * k + k]
    }

    /// Class index (argmax, ties to the lower index) or value of a node.
    pub(crate) fn label_of(&self, node: usize) -> f32 {
        let v = self.values_of(node);
        if self.n_classes == 0 {
            v[0] as f32
        } else {
            argmax(v) as f32
        }
    }

    /// Replaces a regression node's value (boosting's Newton step in the leaves).
    pub(crate) fn set_value(&mut self, node: usize, value: f64) {
        if self.n_classes == 0 {
            if let Some(v) = self.values.get_mut(node) {
                *v = value;
            }
        }
    }
}

/// Whether a value answers "no" to `x ≤ θ`: greater, or NaN (NaN fails every comparison, so a
/// missing value goes right, as in [`DecisionTree::path`]). One comparison, no branch.
#[inline]
#[allow(clippy::neg_cmp_op_on_partial_ord)] // the negation is the point: NaN must count as "no"
fn goes_right(v: f32, threshold: f64) -> bool {
    !(f64::from(v) <= threshold)
}

/// Index of the largest value; ties to the lower index (NumPy's `argmax`).
pub(crate) fn argmax<T: PartialOrd>(v: &[T]) -> usize {
    let mut best = 0;
    for (i, x) in v.iter().enumerate() {
        if *x > v[best] {
            best = i;
        }
    }
    best
}

/// Checks `x` holds whole rows of `n_features` and `out` has `per_row` slots per row; the rows.
pub(crate) fn check_predict_shape(x: &[f32], n_features: usize, out_len: usize, per_row: usize) -> Result<usize, ParamError> {
    // (`n·d ≠ len` rather than `len % d ≠ 0`: `is_multiple_of` is newer than the crate's MSRV.)
    let n = x.len().checked_div(n_features).unwrap_or(0);
    if n_features == 0 || n * n_features != x.len() {
        return Err(ParamError::new("x", format!("{} values are not whole rows of {n_features} features", x.len())));
    }
    if out_len != n * per_row {
        return Err(ParamError::new("out", format!("{n} rows need {} output slots, got {out_len}", n * per_row)));
    }
    Ok(n)
}

// =============================================================================================
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
            return Err(ParamError::new("n_features", "there must be at least one feature"));
        }
        let n = x.len() / n_features;
        if n * n_features != x.len() {
            return Err(ParamError::new("x", format!("{} values are not whole rows of {n_features} features", x.len())));
        }
        if n == 0 {
            return Err(ParamError::new("x", "there are no training points"));
        }
        // Row indices, node ids (< 2 rows) and feature indices are stored as u32.
        if n > MAX_ROWS || n_features > MAX_ROWS {
            return Err(ParamError::new("x", format!("at most {MAX_ROWS} points and features, got {n} × {n_features}")));
        }
        if let Some(v) = x.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::new("x", format!("every feature value must be a finite number, got {v}")));
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
            return Err(ParamError::new(
                "y",
                format!("a class must be a whole number from 0 to {}, got {v}", MAX_CLASSES - 1),
            ));
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
        return Err(ParamError::new("y", format!("every target must be a finite number, got {v}")));
    }
    Ok(y.iter().map(|&v| f64::from(v)).collect())
}

fn check_target_len(y: &[f32], n_rows: usize) -> Result<(), ParamError> {
    if y.len() != n_rows {
        return Err(ParamError::new("y", format!("there are {n_rows} points but {} targets", y.len())));
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
            return Err(ParamError::new("max_depth", "the depth must be at least 1 (or unlimited)"));
        }
        if min_samples_split < 2 {
            return Err(ParamError::new(
                "min_samples_split",
                format!("a node needs at least 2 points to be split, got {min_samples_split}"),
            ));
        }
        if min_samples_leaf < 1 {
            return Err(ParamError::new("min_samples_leaf", "a leaf must keep at least 1 point, got 0"));
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
    n_classes: usize,
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
            self.xlogx = (0..=total).map(|c| if c == 0 { 0.0 } else { c as f64 * (c as f64).ln() }).collect();
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

/// Rows walked down a tree side by side by [`DecisionTree::leaves_into`].
const WALK_LANES: usize = 8;

/// A node as prediction walks it: the split's feature and threshold and the left child (the
/// right child is the next id), or `feature = LEAF`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WalkNode {
    threshold: f64,
    feature: u32,
    left: u32,
}

impl WalkNode {
    const LEAF: u32 = u32::MAX;
}

fn empty_tree(criterion: Criterion, n_features: usize, n_classes: usize) -> DecisionTree {
    DecisionTree {
        n_features,
        n_classes,
        criterion,
        nodes: Vec::new(),
        walk: Vec::new(),
        values: Vec::new(),
        class_counts: Vec::new(),
    }
}

/// Weighted class counts of `rows` into `counts`; returns the total weight.
fn count_classes(rows: &[u32], labels: &[u32], weights: &[u32], counts: &mut [u32]) -> u64 {
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
fn class_impurity(criterion: Criterion, counts: &[u32], weight: f64) -> f64 {
    match criterion {
        Criterion::Entropy => {
            let mut h = 0.0;
            for &c in counts.iter().filter(|&&c| c > 0) {
                let p = f64::from(c) / weight;
                h -= p * (p.ln() / std::f64::consts::LN_2);
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
fn value_stats(rows: &[u32], y: &[f64], weights: &[u32]) -> (f64, f64, f64) {
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
fn scan_classes(
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
fn scan_values(
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

// =============================================================================================
// The public grower
// =============================================================================================

/// Grows a decision tree one split per [`step`](Self::step), best-first (see the module docs);
/// at every moment [`tree`](Self::tree) is a valid tree whose unsplit nodes are leaves.
#[derive(Debug, Clone)]
pub struct TreeGrower {
    data: Presorted,
    labels: Vec<u32>,
    values: Vec<f64>,
    builder: Builder,
    steps: usize,
}

impl TreeGrower {
    /// Checks the data and settings (see [`DecisionTree::fit`]) and creates the root; no split yet.
    pub fn new(x: &[f32], n_features: usize, y: &[f32], params: &TreeParams) -> Result<TreeGrower, ParamError> {
        let growth = Growth::new(
            params.criterion,
            params.max_depth,
            params.min_samples_split,
            params.min_samples_leaf,
            params.max_features,
            n_features,
        )?;
        let data = Presorted::new(x, n_features)?;
        let (labels, values, n_classes) = if params.criterion.is_classification() {
            let (labels, k) = class_labels(y, data.n_rows)?;
            (labels, Vec::new(), k)
        } else {
            (Vec::new(), real_targets(y, data.n_rows)?, 0)
        };
        let mut builder = Builder::new(growth, n_features, n_classes);
        let targets = if n_classes > 0 { Targets::Classes(&labels) } else { Targets::Values(&values) };
        builder.start(&data, targets, None, Rng::stream(params.seed, FEATURES_STREAM));
        Ok(TreeGrower { data, labels, values, builder, steps: 0 })
    }

    /// Performs the best pending split. Returns the id of the node split (its children are the
    /// last two nodes), or `None` if the tree is finished.
    pub fn step(&mut self) -> Option<usize> {
        let targets = if self.builder.n_classes > 0 { Targets::Classes(&self.labels) } else { Targets::Values(&self.values) };
        let node = self.builder.step(&self.data, targets)?;
        self.steps += 1;
        Some(node)
    }

    /// The split the next step will perform: `(node, feature, threshold)`; `None` when finished.
    pub fn next_split(&self) -> Option<(usize, usize, f64)> {
        self.builder.peek()
    }

    /// True when no node can be split any more.
    pub fn is_done(&self) -> bool {
        self.builder.peek().is_none()
    }

    /// Splits performed so far.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The tree as grown so far.
    pub fn tree(&self) -> &DecisionTree {
        self.builder.tree()
    }

    /// Runs the remaining steps and returns the finished tree (equal to [`DecisionTree::fit`]).
    pub fn finish(mut self) -> DecisionTree {
        while self.step().is_some() {}
        self.builder.take_tree()
    }
}
