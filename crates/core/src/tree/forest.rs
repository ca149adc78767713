//! # Random forests: many decorrelated trees, averaged
//!
//! One deep decision tree has low bias but high variance: move a few training points and its
//! boxes change a lot. Averaging many trees keeps the low bias and cuts the variance — if the
//! trees' errors are not all the same. With `B` trees whose predictions each have variance
//! `σ²` and pairwise correlation `ρ`, the average has variance
//!
//! ```text
//! Var(average) = ρ·σ² + (1 − ρ)·σ² / B
//! ```
//!
//! More trees shrink the second term only; the first is cut by making the trees *different*
//! (Breiman 2001). A random forest does that twice:
//!
//! * **Bootstrap (bagging).** Each tree is fitted to `n` points drawn *with replacement* from the
//!   `n` training points. A point is left out with probability `(1 − 1/n)ⁿ → 1/e ≈ 36.8 %`,
//!   so each tree sees about 63.2 % of the distinct points, some several times (a point drawn
//!   `c` times weighs `c` in the tree's impurities and leaf shares; see [`tree`](crate::tree)).
//! * **Feature subsampling.** Each split tries only `max_features` randomly drawn features
//!   (default `⌊√d⌋`, e.g. 1 of 2), so a dominant feature cannot be every tree's first question.
//!
//! **Prediction.** The forest's class probabilities are the mean of its trees' probabilities
//! (*soft voting*, as scikit-learn does) and its label the most probable class; a regression
//! forest averages the trees' values. [`RandomForest::votes`] gives every tree's own answer
//! for one point, for the page's "who voted what" view.
//!
//! ## Out-of-bag (OOB) score
//!
//! Every training point is *out of bag* for the ≈ 37 % of trees whose bootstrap missed it.
//! Averaging only those trees gives it a prediction from trees that never saw it; the accuracy
//! of these predictions (R² for regression) over the training points is the **OOB score**, an
//! estimate of test performance that costs no held-out data (points never out of bag yet are
//! skipped — with a handful of trees there are some). It is kept up to date as trees are added,
//! so the page can plot it against the number of trees. Without bootstrap there is none.
//!
//! ## Growing tree by tree
//!
//! [`RandomForest::new`] checks the data and settings and sorts every feature once;
//! [`grow`](RandomForest::grow) fits a few more trees, so the page can spread fitting over
//! animation frames. Tree `t` draws its bootstrap sample from `Rng::stream(seed,
//! BOOTSTRAP_STREAM + t)` and its feature subsets from `Rng::stream(seed, FEATURES_STREAM + t)`
//! ([`tree::FEATURES_STREAM`](crate::tree::cart::FEATURES_STREAM)): a tree depends only on the data,
//! the settings, the seed and its index. So the same seed gives a bit-identical forest however
//! the growing is sliced, and the first 50 trees of a 100-tree forest *are* the 50-tree forest.
//!
//! ## Compared with scikit-learn
//!
//! `RandomForestClassifier` / `Regressor` build the same kind of trees from the same kind of
//! bootstrap with another random generator, so the forests differ tree by tree but not in
//! distribution: `tests/forest_reference.rs` checks held-out accuracy and OOB score averaged
//! over 20 seeds against scikit-learn 1.9's. scikit-learn counts a point never out of bag as
//! predicted class 0 in its OOB score (after a warning); we leave it out.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};
use crate::tree::builder::{class_labels, real_targets, Builder, Growth, Presorted, Targets};
use crate::tree::cart::{argmax, check_predict_shape, Criterion, DecisionTree, MaxFeatures, FEATURES_STREAM};

/// Most trees a forest may have.
pub const MAX_TREES: usize = 300;

/// Stream id base of the bootstrap draws: tree `t` uses `Rng::stream(seed, BOOTSTRAP_STREAM + t)`.
pub const BOOTSTRAP_STREAM: u64 = 101 << 32;

/// Settings of a random forest. `Default` is scikit-learn's `RandomForestClassifier()`:
/// 100 trees, Gini, unlimited depth, `√d` features per split, bootstrap on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForestParams {
    /// Number of trees, 1 to [`MAX_TREES`].
    pub n_trees: usize,
    /// Gini / entropy (classification) or squared error (regression).
    pub criterion: Criterion,
    /// Deepest level of every tree; `None` = grow until pure.
    pub max_depth: Option<usize>,
    /// Fewest points a node needs to be split (≥ 2).
    pub min_samples_split: usize,
    /// Fewest points each child of a split must keep (≥ 1).
    pub min_samples_leaf: usize,
    /// Features tried per split.
    pub max_features: MaxFeatures,
    /// Fit each tree to a bootstrap sample (on) or to the whole training set (off).
    pub bootstrap: bool,
    /// Seed of the bootstrap samples and the feature draws.
    pub seed: u64,
}

impl Default for ForestParams {
    fn default() -> Self {
        ForestParams {
            n_trees: 100,
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: MaxFeatures::Sqrt,
            bootstrap: true,
            seed: 0,
        }
    }
}

/// A random forest, fitted tree by tree.
#[derive(Debug, Clone)]
pub struct RandomForest {
    params: ForestParams,
    data: Presorted,
    labels: Vec<u32>,
    values: Vec<f64>,
    /// 0 for regression.
    n_classes: usize,
    builder: Builder,
    trees: Vec<DecisionTree>,
    /// Bootstrap multiplicity of every training point in the tree being fitted.
    in_bag: Vec<u32>,
    /// Per training point, the sum of the outputs of the trees it was out of bag for.
    oob_sum: Vec<f64>,
    /// Per training point, how many trees it was out of bag for.
    oob_count: Vec<u32>,
    /// What a forest of no trees predicts: the class shares or the mean of the training targets.
    prior: Vec<f64>,
}

impl RandomForest {
    /// Checks the data and settings and sorts the features; no tree is fitted yet (see
    /// [`grow`](Self::grow)). `x` is row-major with `n_features` per row; `y` holds class
    /// indices for Gini / entropy (classes = largest label + 1) or values for squared error.
    /// Errors name the field: `"n_trees"`, `"x"`, `"y"`, `"n_features"`, `"max_depth"`,
    /// `"min_samples_split"`, `"min_samples_leaf"`, `"max_features"`.
    pub fn new(x: &[f32], n_features: usize, y: &[f32], params: &ForestParams) -> Result<RandomForest, ParamError> {
        if !(1..=MAX_TREES).contains(&params.n_trees) {
            return Err(ParamError::out_of_range("n_trees", 1.0, MAX_TREES as f64, params.n_trees as f64));
        }
        let growth = Growth::new(
            params.criterion,
            params.max_depth,
            params.min_samples_split,
            params.min_samples_leaf,
            params.max_features,
            n_features,
        )?;
        let data = Presorted::new(x, n_features)?;
        let n = data.n_rows;
        let (labels, values, n_classes, prior) = if params.criterion.is_classification() {
            let (labels, k) = class_labels(y, n)?;
            let mut prior = vec![0.0; k];
            for &l in &labels {
                prior[l as usize] += 1.0 / n as f64;
            }
            (labels, Vec::new(), k, prior)
        } else {
            let values = real_targets(y, n)?;
            let mean = values.iter().sum::<f64>() / n as f64;
            (Vec::new(), values, 0, vec![mean])
        };
        let outputs = n_classes.max(1);
        Ok(RandomForest {
            params: *params,
            builder: Builder::new(growth, n_features, n_classes),
            data,
            labels,
            values,
            n_classes,
            trees: Vec::with_capacity(params.n_trees),
            in_bag: vec![0; n],
            oob_sum: vec![0.0; n * outputs],
            oob_count: vec![0; n],
            prior,
        })
    }

    /// [`new`](Self::new) then every tree.
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &ForestParams) -> Result<RandomForest, ParamError> {
        let mut f = RandomForest::new(x, n_features, y, params)?;
        f.grow(params.n_trees);
        Ok(f)
    }

    /// Fits up to `max_new_trees` more trees (never past `n_trees`); returns how many it fitted.
    pub fn grow(&mut self, max_new_trees: usize) -> usize {
        let todo = max_new_trees.min(self.params.n_trees - self.trees.len());
        for _ in 0..todo {
            self.fit_next_tree();
        }
        todo
    }

    fn fit_next_tree(&mut self) {
        let t = self.trees.len() as u64;
        let n = self.data.n_rows;
        if self.params.bootstrap {
            self.in_bag.fill(0);
            let mut rng = Rng::stream(self.params.seed, BOOTSTRAP_STREAM + t);
            for _ in 0..n {
                self.in_bag[rng.below(n)] += 1;
            }
        } else {
            self.in_bag.fill(1);
        }
        let targets = if self.n_classes > 0 { Targets::Classes(&self.labels) } else { Targets::Values(&self.values) };
        let features_rng = Rng::stream(self.params.seed, FEATURES_STREAM + t);
        self.builder.start(&self.data, targets, Some(&self.in_bag), features_rng);
        while self.builder.step(&self.data, targets).is_some() {}
        let tree = self.builder.take_tree();
        if self.params.bootstrap {
            let k = tree.outputs();
            // Only the ≈ 37 % out-of-bag rows, one by one: cheaper than walking every row in blocks
            // (measured).
            for (r, row) in self.data.rows.chunks_exact(self.data.n_features).enumerate() {
                if self.in_bag[r] == 0 {
                    let v = tree.values_of(tree.leaf_of(row));
                    for (s, &p) in self.oob_sum[r * k..r * k + k].iter_mut().zip(v) {
                        *s += p;
                    }
                    self.oob_count[r] += 1;
                }
            }
        }
        self.trees.push(tree);
    }

    /// True once all `n_trees` trees are fitted.
    pub fn is_complete(&self) -> bool {
        self.trees.len() == self.params.n_trees
    }

    /// The settings.
    pub fn params(&self) -> &ForestParams {
        &self.params
    }

    /// Trees fitted so far, in order.
    pub fn trees(&self) -> &[DecisionTree] {
        &self.trees
    }

    /// Number of trees fitted so far.
    pub fn n_trees(&self) -> usize {
        self.trees.len()
    }

    /// Number of input features.
    pub fn n_features(&self) -> usize {
        self.data.n_features
    }

    /// Number of classes; 0 for regression.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// How many times each training point was drawn into tree `t`'s bootstrap sample (all 1
    /// without bootstrap; 0 = out of bag for that tree). Recomputed from the seeded stream;
    /// `None` for a tree not fitted yet.
    pub fn bootstrap_counts(&self, t: usize) -> Option<Vec<u32>> {
        if t >= self.trees.len() {
            return None;
        }
        let n = self.data.n_rows;
        if !self.params.bootstrap {
            return Some(vec![1; n]);
        }
        let mut counts = vec![0; n];
        let mut rng = Rng::stream(self.params.seed, BOOTSTRAP_STREAM + t as u64);
        for _ in 0..n {
            counts[rng.below(n)] += 1;
        }
        Some(counts)
    }

    /// Class probabilities (the mean of the trees'), `n_classes` per row, for the rows of `x`;
    /// for regression the mean value, 1 per row. With no tree yet: the training class shares
    /// (mean target).
    pub fn predict_proba_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let k = self.n_classes.max(1);
        let d = self.data.n_features;
        check_predict_shape(x, d, out.len(), k)?;
        if self.trees.is_empty() {
            for o in out.chunks_exact_mut(k) {
                for (dst, &p) in o.iter_mut().zip(&self.prior) {
                    *dst = p as f32;
                }
            }
            return Ok(());
        }
        // Tree by tree: one tree's nodes stay in cache while it walks every row.
        let mut acc = vec![0.0f64; out.len()];
        for tree in &self.trees {
            tree.for_each_leaf(x, |i, leaf| {
                for (s, &v) in acc[i * k..i * k + k].iter_mut().zip(tree.values_of(leaf)) {
                    *s += v;
                }
            });
        }
        let scale = 1.0 / self.trees.len() as f64;
        for (o, &a) in out.iter_mut().zip(&acc) {
            *o = (a * scale) as f32;
        }
        Ok(())
    }

    /// The forest's answer for the rows of `x`, one per row: the most probable class (as `f32`,
    /// ties to the lower index) or the mean value.
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let k = self.n_classes.max(1);
        let n = check_predict_shape(x, self.data.n_features, out.len(), 1)?;
        let mut proba = vec![0.0f32; n * k];
        self.predict_proba_into(x, &mut proba)?;
        if self.n_classes == 0 {
            out.copy_from_slice(&proba);
        } else {
            for (o, p) in out.iter_mut().zip(proba.chunks_exact(k)) {
                *o = argmax(p) as f32;
            }
        }
        Ok(())
    }

    /// Every tree's own answer for one point (`n_features` values): its class (as `f32`) or
    /// value, in tree order.
    pub fn votes(&self, row: &[f32]) -> Result<Vec<f32>, ParamError> {
        if row.len() != self.data.n_features {
            return Err(ParamError::length_mismatch("row", self.data.n_features, row.len()));
        }
        Ok(self.trees.iter().map(|t| t.label_of(t.leaf_of(row))).collect())
    }

    /// Out-of-bag score of the trees fitted so far: accuracy (classification) or R²
    /// (regression) of each training point's prediction by the trees that did not see it,
    /// over the points out of bag at least once. `None` without bootstrap or before any point
    /// has been out of bag.
    pub fn oob_score(&self) -> Option<f64> {
        let k = self.n_classes.max(1);
        let seen: Vec<usize> = (0..self.data.n_rows).filter(|&r| self.oob_count[r] > 0).collect();
        if !self.params.bootstrap || seen.is_empty() {
            return None;
        }
        if self.n_classes > 0 {
            let correct = seen
                .iter()
                .filter(|&&r| argmax(&self.oob_sum[r * k..r * k + k]) as u32 == self.labels[r])
                .count();
            return Some(correct as f64 / seen.len() as f64);
        }
        let mean = seen.iter().map(|&r| self.values[r]).sum::<f64>() / seen.len() as f64;
        let (mut ss_res, mut ss_tot) = (0.0, 0.0);
        for &r in &seen {
            let pred = self.oob_sum[r] / f64::from(self.oob_count[r]);
            ss_res += (self.values[r] - pred).powi(2);
            ss_tot += (self.values[r] - mean).powi(2);
        }
        // scikit-learn's r2_score convention for constant targets: 1 if perfect, else 0.
        Some(if ss_tot > 0.0 { 1.0 - ss_res / ss_tot } else if ss_res == 0.0 { 1.0 } else { 0.0 })
    }

    /// Training points that have been out of bag for at least one tree so far.
    pub fn oob_coverage(&self) -> usize {
        self.oob_count.iter().filter(|&&c| c > 0).count()
    }
}

impl Stepping for RandomForest {
    /// One more tree ([`RandomForest::grow`]`(1)`).
    fn step(&mut self) {
        self.grow(1);
    }
    fn done(&self) -> bool {
        self.is_complete()
    }
    /// Trees grown, out of `n_trees`.
    fn progress(&self) -> Progress {
        Progress { done: self.n_trees(), total: Some(self.params().n_trees) }
    }
}
