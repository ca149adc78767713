//! # Growing one split at a time
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


use crate::error::ParamError;
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};
use super::cart::*;
use super::builder::*;

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

impl Stepping for TreeGrower {
    /// One split, the best pending one ([`TreeGrower::step`]).
    fn step(&mut self) {
        TreeGrower::step(self);
    }
    fn done(&self) -> bool {
        self.is_done()
    }
    /// Splits made; the total depends on the data.
    fn progress(&self) -> Progress {
        Progress { done: self.steps(), total: None }
    }
}
