//! # Gradient boosting: each small tree corrects the ones before it
//!
//! A forest averages independent deep trees; boosting *adds* small trees one after another,
//! each fitted to what the model so far still gets wrong (Friedman 2001). The model is a raw
//! score `F(x)` built in rounds:
//!
//! ```text
//! F₀(x) = the best constant                      (the prior)
//! F_m(x) = F_{m−1}(x) + ν · h_m(x)                 m = 1 … M
//! ```
//!
//! where `h_m` is a regression tree (depth 1 = a *stump* by default) fitted to the
//! **pseudo-residuals** `r_i = −∂L(y_i, F)/∂F` at `F = F_{m−1}(x_i)` — the direction in which
//! each training prediction should move to lower the loss `L`: gradient descent, with one
//! tree per step instead of one parameter vector. The **learning rate** (shrinkage) `ν ∈ (0, 1]`
//! takes only part of each step: more rounds are needed, but the sum generalises better.
//!
//! ## Regression: squared error
//!
//! `L = ½(y − F)²`, so `r = y − F`: the plain residual. `F₀ = mean(y)`; each tree's leaf
//! value is the mean residual of its points, which is already the exact minimiser of the
//! leaf's loss. The reported loss is the **MSE**, `(1/n) Σ (y − F)²`.
//!
//! ## Binary classification: log-loss
//!
//! `p = σ(F) = 1/(1 + e^{−F})` is the probability of class 1 and
//! `L = −[y ln p + (1 − y) ln(1 − p)] = ln(1 + e^F) − y·F`, so
//!
//! ```text
//! r = y − p                 (gradient)        ∂²L/∂F² = p(1 − p)      (Hessian)
//! F₀ = ln(p̄ / (1 − p̄))      (log-odds of the class-1 share p̄, clipped to [ε, 1 − ε])
//! leaf value γ = Σ_leaf (y_i − p_i) / Σ_leaf p_i(1 − p_i)      (one Newton step)
//! ```
//!
//! The tree's *splits* are chosen on the residuals with squared error; its leaf *values* are
//! then replaced by the Newton step, which accounts for how confident the points already are
//! (a point at `p = 0.99` barely moves). A leaf whose mean Hessian is below 10⁻¹⁵⁰ gets 0.
//!
//! Worked example (see `tests/boosting_hand_worked.rs`): `y = (0, 0, 1, 1, 1)` gives
//! `p̄ = 0.6`, `F₀ = ln 1.5 ≈ 0.405`, residuals `(−0.6, −0.6, 0.4, 0.4, 0.4)`; a stump that
//! isolates the first two points has leaf values `−1.2 / (2 · 0.24) = −2.5` and
//! `1.2 / (3 · 0.24) ≈ 1.667`; with `ν = 0.1`, `F₁ = 0.405 − 0.25` and `0.405 + 0.167`.
//!
//! ## Multiclass: one tree per class per round
//!
//! With `K ≥ 3` classes the model has `K` scores and `p_k = e^{F_k} / Σ_j e^{F_j}` (softmax).
//! Every round fits `K` trees, tree `k` to `r_k = [y = k] − p_k` (the `p_k` of the round's
//! start), with leaf value `γ = (K−1)/K · Σ r_k / Σ p_k(1 − p_k)` (Friedman's factor, kept as
//! scikit-learn keeps it). `F₀,k = ln p̄_k − (1/K) Σ_j ln p̄_j`. The loss is the mean
//! cross-entropy `ln Σ_j e^{F_j} − F_y`.
//!
//! ## Subsample (stochastic gradient boosting)
//!
//! With `subsample < 1` each round's trees are fitted to `max(1, ⌊subsample · n⌋)` training
//! points drawn without replacement (Friedman 2002) from `Rng::stream(seed,
//! SUBSAMPLE_STREAM + m)` for round `m`; all points' scores are updated. This adds randomness
//! that decorrelates the rounds, like a forest's bootstrap. (scikit-learn keeps the left-out
//! points in the tree with weight 0, so they still count in `min_samples_leaf`; here they are
//! simply not in the tree.) With `subsample = 1` nothing is random.
//!
//! ## Staged losses, rounds and divergence
//!
//! [`GradientBoosting::step`] adds one round and records the training loss (all training points)
//! and, if a validation set was given, the validation loss: [`train_loss`](GradientBoosting::train_loss)`[m]`
//! is the loss after `m` rounds (`[0]` = the prior alone). With squared error and `ν ≤ 1` the
//! training loss never rises: a leaf moves residuals `r_i` with mean `r̄` to `r_i − ν r̄`, and
//! `Σ(r_i − ν r̄)² = Σ r_i² − (2ν − ν²)·n·r̄²`. With log-loss it is not guaranteed: the Newton step
//! is not the leaf's exact minimiser and can overshoot where `p(1 − p)` shrinks along the step.
//! With `ν ≤ 0.2` it falls on every data set of the page (tested); with `ν = 1` it can jump,
//! e.g. from 0.038 to 0.108 in one round on the noisy circle — scikit-learn does exactly the same.
//! Predictions can be asked after any round `m` ≤ the rounds done (the page's round slider).
//! A run whose loss or scores stop being finite (a huge learning rate on regression) stops and
//! reports [`diverged`](GradientBoosting::diverged) instead of producing NaN.
//!
//! ## Compared with scikit-learn
//!
//! Same model as `GradientBoostingClassifier(loss="log_loss")` / `GradientBoostingRegressor
//! (loss="squared_error")` with `subsample=1` (their trees' `friedman_mse` criterion chooses the
//! same splits as squared error: both rank a split by `W_L·W_R/(W_L+W_R)·(ȳ_L − ȳ_R)²` up to a
//! factor that is constant within a node); `tests/boosting_reference.rs` compares staged raw
//! scores with scikit-learn 1.9's within 10⁻⁹.

use crate::data::dataset::Problem;
use crate::error::ParamError;
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};
use crate::tensor::math::{self, sigmoid64 as sigmoid, softplus64 as softplus};
use crate::tree::builder::{class_labels, real_targets, Builder, Growth, Presorted, Targets};
use crate::tree::cart::{argmax, check_predict_shape, Criterion, DecisionTree, MaxFeatures};

/// Most rounds a run may have.
pub const MAX_ROUNDS: usize = 500;
/// Largest learning rate accepted (large enough to show divergence on regression).
pub const MAX_LEARNING_RATE: f32 = 10.0;
/// Stream id base of the subsample draws: round `m` uses `Rng::stream(seed, SUBSAMPLE_STREAM + m)`.
pub const SUBSAMPLE_STREAM: u64 = 102 << 32;

/// A leaf whose mean Hessian is below this gets a zero step (scikit-learn's `_safe_divide`).
const TINY_HESSIAN: f64 = 1e-150;

/// Settings of a boosting run. `Default`: classification, 100 rounds, learning rate 0.1,
/// stumps, subsample 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoostingParams {
    /// Classification (log-loss; targets are class indices) or regression (squared error).
    pub problem: Problem,
    /// Number of rounds, 1 to [`MAX_ROUNDS`].
    pub rounds: usize,
    /// Shrinkage `ν` of every tree, in `(0, MAX_LEARNING_RATE]`.
    pub learning_rate: f32,
    /// Depth of each tree (1 = stumps).
    pub max_depth: usize,
    /// Fewest points a node needs to be split (≥ 2).
    pub min_samples_split: usize,
    /// Fewest points each child of a split must keep (≥ 1).
    pub min_samples_leaf: usize,
    /// Share of the training points each round is fitted to, in `(0, 1]`.
    pub subsample: f32,
    /// Seed of the subsample draws (unused when `subsample = 1`).
    pub seed: u64,
}

impl Default for BoostingParams {
    fn default() -> Self {
        BoostingParams {
            problem: Problem::Classification,
            rounds: 100,
            learning_rate: 0.1,
            max_depth: 1,
            min_samples_split: 2,
            min_samples_leaf: 1,
            subsample: 1.0,
            seed: 0,
        }
    }
}

/// The validation points and their staged scores.
#[derive(Debug, Clone)]
struct Validation {
    rows: Vec<f32>,
    labels: Vec<u32>,
    values: Vec<f64>,
    raw: Vec<f64>,
    loss: Vec<f64>,
}

/// A gradient boosting model, fitted round by round.
#[derive(Debug, Clone)]
pub struct GradientBoosting {
    params: BoostingParams,
    data: Presorted,
    /// Class of every training point (classification).
    labels: Vec<u32>,
    /// Target of every training point (regression).
    values: Vec<f64>,
    /// 0 for regression.
    n_classes: usize,
    /// Scores per point: 1 (regression, binary) or `n_classes`.
    per_round: usize,
    builder: Builder,
    init: Vec<f64>,
    /// `per_round` trees per round, round after round.
    trees: Vec<DecisionTree>,
    raw: Vec<f64>,
    residual: Vec<f64>,
    prob: Vec<f64>,
    in_bag: Vec<u32>,
    train_loss: Vec<f64>,
    validation: Option<Validation>,
    diverged: bool,
}

impl GradientBoosting {
    /// Checks the data and settings and computes the prior `F₀`; no round yet (see
    /// [`step`](Self::step)). Classification needs at least two classes among the targets.
    /// Errors name the field: `"rounds"`, `"learning_rate"`, `"max_depth"`, `"subsample"`,
    /// `"min_samples_split"`, `"min_samples_leaf"`, `"x"`, `"y"`, `"n_features"`.
    pub fn new(x: &[f32], n_features: usize, y: &[f32], params: &BoostingParams) -> Result<GradientBoosting, ParamError> {
        if !(1..=MAX_ROUNDS).contains(&params.rounds) {
            return Err(ParamError::out_of_range("rounds", 1.0, MAX_ROUNDS as f64, params.rounds as f64));
        }
        let lr = params.learning_rate;
        if !(lr > 0.0 && lr <= MAX_LEARNING_RATE) {
            return Err(ParamError::above("learning_rate", 0.0, MAX_LEARNING_RATE.into(), lr.into()));
        }
        let sub = params.subsample;
        if !(sub > 0.0 && sub <= 1.0) {
            return Err(ParamError::above("subsample", 0.0, 1.0, sub.into()));
        }
        if params.max_depth == 0 {
            return Err(ParamError::at_least("max_depth", 1.0, 0.0));
        }
        let growth = Growth::new(
            Criterion::SquaredError,
            Some(params.max_depth),
            params.min_samples_split,
            params.min_samples_leaf,
            MaxFeatures::All,
            n_features,
        )?;
        let data = Presorted::new(x, n_features)?;
        let n = data.n_rows;
        let (labels, values, n_classes, init) = match params.problem {
            Problem::Classification => {
                let (labels, k) = class_labels(y, n)?;
                let mut counts = vec![0usize; k];
                for &l in &labels {
                    counts[l as usize] += 1;
                }
                if counts.iter().filter(|&&c| c > 0).count() < 2 {
                    return Err(ParamError::needs_two_classes("y"));
                }
                (labels, Vec::new(), k, prior_scores(&counts, n))
            }
            Problem::Regression => {
                let values = real_targets(y, n)?;
                let mean = values.iter().sum::<f64>() / n as f64;
                (Vec::new(), values, 0, vec![mean])
            }
        };
        let per_round = if n_classes > 2 { n_classes } else { 1 };
        let raw: Vec<f64> = (0..n).flat_map(|_| init.iter().copied()).collect();
        let mut gb = GradientBoosting {
            params: *params,
            builder: Builder::new(growth, n_features, 0),
            data,
            labels,
            values,
            n_classes,
            per_round,
            init,
            trees: Vec::with_capacity(params.rounds * per_round),
            raw,
            residual: vec![0.0; n],
            prob: vec![0.0; n * per_round],
            in_bag: vec![1; n],
            train_loss: Vec::with_capacity(params.rounds + 1),
            validation: None,
            diverged: false,
        };
        let loss0 = gb.loss_of(&gb.raw, &gb.labels, &gb.values);
        gb.train_loss.push(loss0);
        Ok(gb)
    }

    /// [`new`](Self::new) then every round (stops early only on divergence).
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &BoostingParams) -> Result<GradientBoosting, ParamError> {
        let mut gb = GradientBoosting::new(x, n_features, y, params)?;
        gb.grow(params.rounds);
        Ok(gb)
    }

    /// Adds validation points (row-major, same features; targets as for training) whose loss is
    /// then recorded after every round — including, recomputed now, the rounds already done.
    /// Replaces any previous validation set. A class label the training set does not have is an
    /// error (field `"y"`).
    pub fn set_validation(&mut self, x: &[f32], y: &[f32]) -> Result<(), ParamError> {
        let d = self.data.n_features;
        let n = x.len() / d;
        if n * d != x.len() {
            return Err(ParamError::not_whole_rows("x", x.len(), d));
        }
        if y.len() != n {
            return Err(ParamError::length_mismatch("y", n, y.len()));
        }
        let (labels, values) = if self.n_classes > 0 {
            let (labels, k) = class_labels(y, n)?;
            if k > self.n_classes {
                return Err(ParamError::out_of_range("y", 0.0, (self.n_classes - 1) as f64, (k - 1) as f64));
            }
            (labels, Vec::new())
        } else {
            (Vec::new(), real_targets(y, n)?)
        };
        if let Some(v) = x.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::not_finite("x", (*v).into()));
        }
        let mut raw: Vec<f64> = (0..n).flat_map(|_| self.init.iter().copied()).collect();
        let mut loss = vec![self.loss_of(&raw, &labels, &values)];
        for round in self.trees.chunks_exact(self.per_round) {
            self.add_round_scores(round, x, &mut raw);
            loss.push(self.loss_of(&raw, &labels, &values));
        }
        self.validation = Some(Validation { rows: x.to_vec(), labels, values, raw, loss });
        Ok(())
    }

    /// Fits up to `max_rounds` more rounds; returns how many it added.
    pub fn grow(&mut self, max_rounds: usize) -> usize {
        let mut done = 0;
        while done < max_rounds && self.step() {
            done += 1;
        }
        done
    }

    /// Adds one round (`1` or `n_classes` trees). `false` if the run is complete or has
    /// diverged (then nothing changes).
    pub fn step(&mut self) -> bool {
        if self.is_complete() || self.diverged {
            return false;
        }
        let m = self.rounds_done();
        let t = self.per_round;
        self.draw_subsample(m);
        self.compute_probabilities();
        let lr = f64::from(self.params.learning_rate);
        for k in 0..t {
            self.compute_residuals(k);
            self.builder.start(&self.data, Targets::Values(&self.residual), Some(&self.in_bag), Rng::new(0));
            while self.builder.step(&self.data, Targets::Values(&self.residual)).is_some() {}
            if self.n_classes > 0 {
                self.newton_leaves(k);
            }
            let tree = self.builder.take_tree();
            let raw = &mut self.raw;
            tree.for_each_leaf(&self.data.rows, |i, leaf| raw[i * t + k] += lr * tree.values_of(leaf)[0]);
            self.trees.push(tree);
        }
        let loss = self.loss_of(&self.raw, &self.labels, &self.values);
        let mut finite = loss.is_finite() && self.raw.iter().all(|v| v.is_finite());
        if let Some(mut v) = self.validation.take() {
            let round = &self.trees[m * t..];
            self.add_round_scores(round, &v.rows, &mut v.raw);
            let vl = self.loss_of(&v.raw, &v.labels, &v.values);
            finite &= vl.is_finite();
            v.loss.push(vl);
            self.validation = Some(v);
        }
        if !finite {
            // Undo the round: the page keeps the last finite model and shows "diverged".
            self.trees.truncate(m * t);
            if let Some(v) = self.validation.as_mut() {
                v.loss.truncate(m + 1);
            }
            self.diverged = true;
            return false;
        }
        self.train_loss.push(loss);
        true
    }

    /// Picks the round's in-bag points (all of them when `subsample = 1`).
    fn draw_subsample(&mut self, round: usize) {
        let n = self.data.n_rows;
        if self.params.subsample >= 1.0 {
            self.in_bag.fill(1);
            return;
        }
        let n_in = ((f64::from(self.params.subsample) * n as f64).floor() as usize).clamp(1, n);
        let mut rng = Rng::stream(self.params.seed, SUBSAMPLE_STREAM + round as u64);
        let mut idx: Vec<u32> = (0..n as u32).collect();
        self.in_bag.fill(0);
        // Partial Fisher–Yates: the first n_in of a uniform random permutation.
        for i in 0..n_in {
            let j = i + rng.below(n - i);
            idx.swap(i, j);
            self.in_bag[idx[i] as usize] = 1;
        }
    }

    /// Class probabilities of every training point at the round's start (classification).
    fn compute_probabilities(&mut self) {
        let t = self.per_round;
        match self.n_classes {
            0 => {}
            2 => {
                for (p, &f) in self.prob.iter_mut().zip(&self.raw) {
                    *p = sigmoid(f);
                }
            }
            _ => {
                for (p, f) in self.prob.chunks_exact_mut(t).zip(self.raw.chunks_exact(t)) {
                    softmax(f, p);
                }
            }
        }
    }

    /// Pseudo-residuals `−∂L/∂F_k` of every training point.
    fn compute_residuals(&mut self, k: usize) {
        let t = self.per_round;
        for i in 0..self.data.n_rows {
            self.residual[i] = match self.n_classes {
                0 => self.values[i] - self.raw[i],
                2 => {
                    // scikit-learn's stable form of y − σ(F).
                    let y = f64::from(self.labels[i]);
                    let f = self.raw[i];
                    if f > -37.0 {
                        let e = math::exp64(-f);
                        -(((1.0 - y) - y * e) / (1.0 + e))
                    } else {
                        y - math::exp64(f)
                    }
                }
                _ => {
                    let y = if self.labels[i] as usize == k { 1.0 } else { 0.0 };
                    y - self.prob[i * t + k]
                }
            };
        }
    }

    /// Replaces the leaves' mean residuals by the Newton step `Σ r / Σ p(1 − p)` over the
    /// in-bag points of each leaf (times `(K−1)/K` for multiclass).
    fn newton_leaves(&mut self, k: usize) {
        let factor = if self.n_classes > 2 { (self.n_classes - 1) as f64 / self.n_classes as f64 } else { 1.0 };
        for leaf in 0..self.builder.tree().n_nodes() {
            if self.builder.tree().nodes()[leaf].split.is_some() {
                continue;
            }
            let rows = self.builder.node_rows(leaf);
            let (mut num, mut den) = (0.0, 0.0);
            for &r in rows {
                let r = r as usize;
                let res = self.residual[r];
                let y = match self.n_classes {
                    2 => f64::from(self.labels[r]),
                    _ => f64::from(u8::from(self.labels[r] as usize == k)),
                };
                // p as scikit-learn reconstructs it from the gradient: y − r.
                let p = y - res;
                num += res;
                den += p * (1.0 - p);
            }
            // Means, not sums, as scikit-learn's np.average (the tiny-Hessian test is on the mean).
            let len = rows.len() as f64;
            let (num, den) = (num / len * factor, den / len);
            let step = if den.abs() < TINY_HESSIAN { 0.0 } else { num / den };
            self.builder.tree_mut().set_value(leaf, step);
        }
    }

    /// Adds `ν · tree(x)` of one round's trees to the scores of the rows of `x`.
    fn add_round_scores(&self, round: &[DecisionTree], x: &[f32], raw: &mut [f64]) {
        let t = self.per_round;
        let lr = f64::from(self.params.learning_rate);
        for (k, tree) in round.iter().enumerate() {
            tree.for_each_leaf(x, |i, leaf| raw[i * t + k] += lr * tree.values_of(leaf)[0]);
        }
    }

    /// Mean loss of scores `raw` (`per_round` per point) against labels or values.
    fn loss_of(&self, raw: &[f64], labels: &[u32], values: &[f64]) -> f64 {
        let t = self.per_round;
        let n = raw.len() / t;
        if n == 0 {
            return 0.0;
        }
        let total: f64 = match self.n_classes {
            0 => raw.iter().zip(values).map(|(f, y)| (y - f).powi(2)).sum(),
            2 => raw.iter().zip(labels).map(|(&f, &y)| softplus(f) - f64::from(y) * f).sum(),
            _ => raw.chunks_exact(t).zip(labels).map(|(f, &y)| log_sum_exp(f) - f[y as usize]).sum(),
        };
        total / n as f64
    }

    // ---- queries -------------------------------------------------------------------------------

    /// The settings.
    pub fn params(&self) -> &BoostingParams {
        &self.params
    }

    /// Rounds fitted so far.
    pub fn rounds_done(&self) -> usize {
        self.trees.len() / self.per_round
    }

    /// True once all rounds are fitted.
    pub fn is_complete(&self) -> bool {
        self.rounds_done() == self.params.rounds
    }

    /// True if a round made the loss or the scores non-finite; the run then stopped before it.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// Number of classes; 0 for regression.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of input features.
    pub fn n_features(&self) -> usize {
        self.data.n_features
    }

    /// Trees per round and scores per point: `n_classes` for multiclass, else 1.
    pub fn trees_per_round(&self) -> usize {
        self.per_round
    }

    /// The trees of round `m` (0-based): one, or one per class; `None` past the rounds done.
    /// Leaf values are the unshrunk steps (the model adds `learning_rate ×` them).
    pub fn round_trees(&self, m: usize) -> Option<&[DecisionTree]> {
        self.trees.get(m * self.per_round..(m + 1) * self.per_round)
    }

    /// The prior scores `F₀` (mean, log-odds, or centred log-shares).
    pub fn init_scores(&self) -> &[f64] {
        &self.init
    }

    /// Mean training loss after 0, 1, …, `rounds_done()` rounds (log-loss or MSE).
    pub fn train_loss(&self) -> &[f64] {
        &self.train_loss
    }

    /// Mean validation loss after 0, 1, …, `rounds_done()` rounds; empty without a validation set.
    pub fn validation_loss(&self) -> &[f64] {
        self.validation.as_ref().map_or(&[], |v| &v.loss)
    }

    /// How far each point still is from its answer after `rounds` rounds, as one number per
    /// point the page can draw: for classification `1 − p(its own class)` (0 = sure and right,
    /// 1 = sure and wrong; the log-loss's pseudo-residual `y − p` in size, for any number of
    /// classes), for regression `|y − F_m(x)|` (the squared error's residual in size). `y` holds
    /// one target per row of `x` (class indices for classification).
    pub fn residuals_into(&self, x: &[f32], y: &[f32], rounds: usize, out: &mut Vec<f32>) -> Result<(), ParamError> {
        let n = y.len();
        if x.len() != n * self.data.n_features {
            return Err(ParamError::length_mismatch("x", n * self.data.n_features, x.len()));
        }
        out.clear();
        if self.n_classes == 0 {
            let mut raw = vec![0.0; n];
            self.raw_into(x, rounds, &mut raw)?;
            out.extend(raw.iter().zip(y).map(|(f, &t)| (f64::from(t) - f).abs() as f32));
        } else {
            let k = self.n_classes;
            let mut p = vec![0.0; n * k];
            self.predict_proba_into(x, rounds, &mut p)?;
            out.extend(p.chunks_exact(k).zip(y).map(|(pr, &t)| 1.0 - pr.get(t as usize).copied().unwrap_or(0.0)));
        }
        Ok(())
    }

    /// Raw scores `F_m(x)` after `rounds` rounds (clamped to the rounds done), `trees_per_round()`
    /// per row of `x`: the value for regression, the log-odds of class 1 for binary
    /// classification, the class scores for multiclass (scikit-learn's `decision_function`).
    pub fn raw_into(&self, x: &[f32], rounds: usize, out: &mut [f64]) -> Result<(), ParamError> {
        let t = self.per_round;
        check_predict_shape(x, self.data.n_features, out.len(), t)?;
        for o in out.chunks_exact_mut(t) {
            o.copy_from_slice(&self.init);
        }
        let m = rounds.min(self.rounds_done());
        for round in self.trees[..m * t].chunks_exact(t) {
            self.add_round_scores(round, x, out);
        }
        Ok(())
    }

    /// Class probabilities after `rounds` rounds, `n_classes` per row (binary: `[1 − p, p]`);
    /// for regression the values, 1 per row.
    pub fn predict_proba_into(&self, x: &[f32], rounds: usize, out: &mut [f32]) -> Result<(), ParamError> {
        let k = self.n_classes.max(1);
        let n = check_predict_shape(x, self.data.n_features, out.len(), k)?;
        let t = self.per_round;
        let mut raw = vec![0.0; n * t];
        self.raw_into(x, rounds, &mut raw)?;
        let mut p = vec![0.0; k];
        for (o, f) in out.chunks_exact_mut(k).zip(raw.chunks_exact(t)) {
            match self.n_classes {
                0 => o[0] = f[0] as f32,
                2 => {
                    let p1 = sigmoid(f[0]);
                    o[0] = (1.0 - p1) as f32;
                    o[1] = p1 as f32;
                }
                _ => {
                    softmax(f, &mut p);
                    for (dst, &v) in o.iter_mut().zip(&p) {
                        *dst = v as f32;
                    }
                }
            }
        }
        Ok(())
    }

    /// The answer after `rounds` rounds, one per row: class (as `f32`) or value.
    pub fn predict_into(&self, x: &[f32], rounds: usize, out: &mut [f32]) -> Result<(), ParamError> {
        let t = self.per_round;
        let n = check_predict_shape(x, self.data.n_features, out.len(), 1)?;
        let mut raw = vec![0.0; n * t];
        self.raw_into(x, rounds, &mut raw)?;
        for (o, f) in out.iter_mut().zip(raw.chunks_exact(t)) {
            *o = match self.n_classes {
                0 => f[0] as f32,
                2 => (f[0] > 0.0) as u8 as f32,
                _ => argmax(f) as f32,
            };
        }
        Ok(())
    }
}

/// `F₀` of a classifier from the class counts: log-odds (binary) or centred log-shares,
/// shares clipped to `[ε, 1 − ε]` as scikit-learn clips them.
fn prior_scores(counts: &[usize], n: usize) -> Vec<f64> {
    let eps = f64::EPSILON;
    let share = |c: usize| (c as f64 / n as f64).clamp(eps, 1.0 - eps);
    if counts.len() == 2 {
        let p = share(counts[1]);
        vec![math::ln64(p / (1.0 - p))]
    } else {
        let logs: Vec<f64> = counts.iter().map(|&c| math::ln64(share(c))).collect();
        let mean = logs.iter().sum::<f64>() / logs.len() as f64;
        logs.iter().map(|l| l - mean).collect()
    }
}

/// `ln Σ e^{f_k}`, shifted by the maximum so nothing overflows.
fn log_sum_exp(f: &[f64]) -> f64 {
    let max = f.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    max + math::ln64(f.iter().map(|v| math::exp64(v - max)).sum::<f64>())
}

/// Softmax of `f` into `p`, shifted by the maximum.
fn softmax(f: &[f64], p: &mut [f64]) {
    let max = f.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for (pk, &fk) in p.iter_mut().zip(f) {
        *pk = math::exp64(fk - max);
        sum += *pk;
    }
    p.iter_mut().for_each(|pk| *pk /= sum);
}

impl Stepping for GradientBoosting {
    /// One boosting round ([`GradientBoosting::step`]).
    fn step(&mut self) {
        GradientBoosting::step(self);
    }
    /// All rounds run, or the run diverged.
    fn done(&self) -> bool {
        self.is_complete() || self.diverged()
    }
    /// Rounds run, out of `rounds`.
    fn progress(&self) -> Progress {
        Progress { done: self.rounds_done(), total: Some(self.params().rounds) }
    }
}
