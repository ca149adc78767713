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
//! ## Impurity and the best split
//!
//! A node's impurity (Gini `1 − Σ_k p_k²`, entropy `−Σ_k p_k log₂ p_k`, or squared error) and
//! the split that decreases it most are the subject of `impurity` and
//! `builder`.
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
//! ## Growing one split at a time
//!
//! [`TreeGrower`] expands one node per step, best-first (see [`grower`](super::grower));
//! [`DecisionTree::fit`] runs it to the end, so both always agree bit for bit.
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


use crate::error::ParamError;
use crate::shared::slug_enum;
use super::grower::TreeGrower;

/// Stream id base of the per-node feature draws: tree `t` of a forest (0 for a lone tree) uses
/// `Rng::stream(seed, FEATURES_STREAM + t)`. Far above the ids of [`rng::streams`](crate::rng::streams)
/// and [`search`](crate::train::search), and 2³² apart from the other tree-family bases
/// ([`forest::BOOTSTRAP_STREAM`](crate::tree::forest::BOOTSTRAP_STREAM),
/// [`boosting::SUBSAMPLE_STREAM`](crate::tree::boosting::SUBSAMPLE_STREAM)).
pub const FEATURES_STREAM: u64 = 100 << 32;

/// Feature values closer than this are treated as equal (scikit-learn's `FEATURE_THRESHOLD`).
pub const FEATURE_TOLERANCE: f32 = 1e-7;

/// Most classes a classification target may have (labels `0..MAX_CLASSES`).
pub const MAX_CLASSES: usize = 64;

/// Most training rows (and features): indices and node ids are stored as `u32`.
pub(super) const MAX_ROWS: usize = (u32::MAX / 2) as usize;

/// A node whose impurity is at most this is pure (scikit-learn's `EPSILON`, rounding noise).
pub(super) const PURE: f64 = f64::EPSILON;

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
            MaxFeatures::Count(k) => Err(ParamError::out_of_range("max_features", 1.0, d as f64, k as f64)),
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
    pub(super) n_features: usize,
    /// 0 for regression.
    pub(super) n_classes: usize,
    pub(super) criterion: Criterion,
    pub(super) nodes: Vec<Node>,
    /// The same tree in 16 bytes a node, for predictions: the rule and the left child are all a
    /// point needs, so a depth-8 tree takes 8 KB instead of the 49 KB of its 96-byte [`Node`]s.
    pub(super) walk: Vec<WalkNode>,
    /// `outputs()` numbers per node: class probabilities, or `[mean]` for regression.
    pub(super) values: Vec<f64>,
    /// `n_classes` weighted class counts per node (empty for regression).
    pub(super) class_counts: Vec<f64>,
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
pub(super) fn goes_right(v: f32, threshold: f64) -> bool {
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
        return Err(ParamError::not_whole_rows("x", x.len(), n_features));
    }
    if out_len != n * per_row {
        return Err(ParamError::length_mismatch("out", n * per_row, out_len));
    }
    Ok(n)
}

// =============================================================================================

/// Rows walked down a tree side by side by [`DecisionTree::leaves_into`].
pub(super) const WALK_LANES: usize = 8;

/// A node as prediction walks it: the split's feature and threshold and the left child (the
/// right child is the next id), or `feature = LEAF`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct WalkNode {
    pub(super) threshold: f64,
    pub(super) feature: u32,
    pub(super) left: u32,
}

impl WalkNode {
    pub(super) const LEAF: u32 = u32::MAX;
}

pub(super) fn empty_tree(criterion: Criterion, n_features: usize, n_classes: usize) -> DecisionTree {
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
