//! # The data lab's six models, fitted a frame-sized step at a time
//!
//! A learner picks a model for a prepared table; [`ModelFit`] fits it with settings that work
//! on most tables without tuning, in steps the page spreads over frames, and hands over a
//! [`Fitted`] model that predicts alike whatever it is:
//!
//! | model | classification | regression | one step |
//! |---|---|---|---|
//! | `linear` | logistic regression, `C = 1` (L-BFGS, [`LogisticSolver`]) | ridge, `α = 10⁻³`, intercept free ([`RidgeSolver`]) | 4 L-BFGS iterations / a block of rows of `XᵀX`, then the solve |
//! | `tree` | CART, Gini | CART, squared error | 8 splits, best first |
//! | `forest` | 50 trees, `√d` features per split | 50 trees, `⌈d/3⌉` features per split | 1 tree |
//! | `boosting` | 100 rounds, `ν = 0.1`, depth 3, log-loss | same, squared error | 1 round (`K` trees for `K ≥ 3` classes) |
//! | `knn` | `k = 5`, uniform vote | `k = 5`, mean | storing the rows |
//! | `mlp` | one hidden layer of 32 tanh, softmax / sigmoid | same, linear output on the standardised target | 32 mini-batches of 32 |
//!
//! Trees: depth at most 8 and leaves of at least 2 rows (a leaf of one row memorises it).
//! Forest: fully grown trees; for regression Breiman's `⌈d/3⌉` features per split and leaves
//! of at least 5 rows (R's `randomForest` defaults), which keeps each tree cheap and the trees
//! different. The network trains with Adam (`η = 0.01`) for 200 epochs, or fewer
//! on a large table — at most 8,000 mini-batch updates, so 5,000 rows get 50 epochs; a
//! numeric target is standardised for training (`y′ = (y − ȳ)/σ_y`) and the prediction
//! mapped back, so the loss does not depend on the target's units. The network takes at most
//! [`MAX_INPUTS`] = 64 features (the limit of [`crate::nn`]); a wider table is refused for it.
//!
//! ## Subsampling
//!
//! A training set of more than [`MAX_FIT_ROWS`] = 5,000 rows is subsampled to that many
//! (seeded; stratified for classification: each class keeps its share to within a row), so no
//! model takes seconds in a browser (measured in `docs/WORKFLOW.md`: the slowest full fit at
//! 5,000 rows × 30 features, the forest, takes about a second natively; k-NN's *prediction*
//! grows with the rows stored). [`ModelFit::rows_used`] says how many rows were used.
//!
//! ## Classes and the contract
//!
//! Classes are `0..n_classes` (the preparation's classes). A class with no training row gets
//! probability 0, so [`Fitted::predict_proba`] always has `n_classes` columns. Every input is
//! checked once at [`ModelFit::new`]; nothing here panics on user data, and every refusal is a
//! [`ParamError`]. Everything is seeded: the same data, kind and seed give bit-identical
//! predictions.

use crate::data::dataset::Problem;
use crate::error::ParamError;
use crate::linear::logistic::{LogisticParams, LogisticRegression, LogisticSolver};
use crate::linear::ridge::{RidgeRegression, RidgeSolver};
use crate::neighbors::knn::{KnnClassifier, KnnParams, KnnRegressor, Weights};
use crate::nn::activation::Activation;
use crate::nn::loss::{Head, Loss, Regularization};
use crate::nn::mlp::{Mlp, MlpSpec, MAX_INPUTS};
use crate::optim::optimizers::{Adam, Optimizer, OptimizerConfig, OptimizerKind};
use crate::rng::Rng;
use crate::shared::{check_points, check_rows, slug_enum, sorted_order};
use crate::stepping::{Progress, Stepping};
use crate::tree::boosting::{BoostingParams, GradientBoosting};
use crate::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams, MAX_CLASSES};
use crate::tree::forest::{ForestParams, RandomForest};
use crate::tree::grower::TreeGrower;

/// Most training rows a model is fitted on; more are subsampled (module docs).
pub const MAX_FIT_ROWS: usize = 5_000;

/// Stream id of the subsample (`"WF"` and 3).
pub const SUBSAMPLE_STREAM: u64 = 0x5746_0003;
/// Stream id of the network's initial weights.
pub const MLP_INIT_STREAM: u64 = 0x5746_0004;
/// Stream id of the network's mini-batch order.
pub const MLP_BATCH_STREAM: u64 = 0x5746_0005;

/// Ridge penalty of the linear model for regression.
pub const RIDGE_ALPHA: f64 = 1e-3;
/// Inverse penalty of the logistic regression (scikit-learn's default).
pub const LOGISTIC_C: f64 = 1.0;
const LOGISTIC_MAX_ITER: usize = 500;
const LOGISTIC_TOL: f64 = 1e-8;
const LOGISTIC_ITERATIONS_PER_STEP: usize = 4;
/// Deepest level of the lone tree.
pub const TREE_MAX_DEPTH: usize = 8;
/// Fewest rows in a leaf of the lone tree.
pub const TREE_MIN_LEAF: usize = 2;
const TREE_SPLITS_PER_STEP: usize = 8;
/// Trees of the forest.
pub const FOREST_TREES: usize = 50;
const FOREST_TREES_PER_STEP: usize = 1;
/// Fewest rows in a leaf of a regression forest's trees (R's `randomForest` default).
pub const FOREST_REGRESSION_MIN_LEAF: usize = 5;
/// Rounds of boosting.
pub const BOOSTING_ROUNDS: usize = 100;
/// Shrinkage of every boosting round.
pub const BOOSTING_LEARNING_RATE: f32 = 0.1;
/// Depth of every boosting tree.
pub const BOOSTING_DEPTH: usize = 3;
const BOOSTING_ROUNDS_PER_STEP: usize = 1;
/// Neighbours asked by k-NN (fewer when there are fewer training rows).
pub const KNN_K: usize = 5;
/// Width of the network's hidden layer.
pub const MLP_HIDDEN: usize = 32;
/// Adam's learning rate for the network.
pub const MLP_LEARNING_RATE: f32 = 0.01;
/// Rows per mini-batch.
pub const MLP_BATCH: usize = 32;
/// Epochs of the network on a small table.
pub const MLP_EPOCHS: usize = 200;
/// Most mini-batch updates in all: a large table gets fewer epochs.
pub const MLP_MAX_UPDATES: usize = 8_000;
const MLP_BATCHES_PER_STEP: usize = 32;

slug_enum! {
    /// The model the data lab fits (module docs).
    pub enum ModelKind {
        /// Logistic regression (classes) or ridge regression (values).
        Linear => "linear",
        /// One decision tree.
        Tree => "tree",
        /// A random forest.
        Forest => "forest",
        /// Gradient boosting of small trees.
        Boosting => "boosting",
        /// k-nearest neighbours.
        Knn => "knn",
        /// A small neural network.
        Mlp => "mlp",
    }
}

impl ModelKind {
    /// Whether this kind can be fitted to `n_features` features (the network takes at most
    /// [`MAX_INPUTS`]; every other kind takes any number).
    pub fn accepts_features(self, n_features: usize) -> bool {
        self != ModelKind::Mlp || n_features <= MAX_INPUTS
    }
}

/// The network of a fit, and what maps its output back to the target's units.
#[derive(Debug, Clone)]
struct MlpModel {
    mlp: Mlp,
    /// Regression: `y = y′·y_std + y_mean`; classification: 0 and 1.
    y_mean: f32,
    y_std: f32,
}

/// A fitted model, whichever kind.
#[derive(Debug, Clone)]
enum Model {
    Logistic(LogisticRegression),
    Ridge(RidgeRegression),
    Tree(DecisionTree),
    Forest(RandomForest),
    Boosting(GradientBoosting),
    KnnClassifier(KnnClassifier),
    KnnRegressor(KnnRegressor),
    Mlp(MlpModel),
}

/// What a fitted model is made of, each kind as its own model — to save it or show it.
#[derive(Debug, Clone, Copy)]
pub enum FittedParts<'a> {
    Logistic(&'a LogisticRegression),
    Ridge(&'a RidgeRegression),
    Tree(&'a DecisionTree),
    Forest(&'a RandomForest),
    Boosting(&'a GradientBoosting),
    /// k-nearest neighbours keep their training rows; what they add is `k` (uniform vote or mean).
    Knn { k: usize },
    /// The network; its output `y′` means `y = y′·y_std + y_mean` for regression (0 and 1 for
    /// classification, whose outputs are probabilities).
    Mlp { mlp: &'a Mlp, y_mean: f32, y_std: f32 },
}

/// A fitted model of the data lab: predictions of classes (or values) and class probabilities.
#[derive(Debug, Clone)]
pub struct Fitted {
    kind: ModelKind,
    problem: Problem,
    n_classes: usize,
    n_features: usize,
    /// Per class: some training row has it (classification; empty for regression).
    trained: Vec<bool>,
    model: Model,
}

impl Fitted {
    pub fn kind(&self) -> ModelKind {
        self.kind
    }
    pub fn problem(&self) -> Problem {
        self.problem
    }
    /// Classes (0 for regression).
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The model itself (see [`FittedParts`]).
    pub fn parts(&self) -> FittedParts<'_> {
        match &self.model {
            Model::Logistic(m) => FittedParts::Logistic(m),
            Model::Ridge(m) => FittedParts::Ridge(m),
            Model::Tree(m) => FittedParts::Tree(m),
            Model::Forest(m) => FittedParts::Forest(m),
            Model::Boosting(m) => FittedParts::Boosting(m),
            Model::KnnClassifier(m) => FittedParts::Knn { k: m.params().k },
            Model::KnnRegressor(m) => FittedParts::Knn { k: m.params().k },
            Model::Mlp(m) => FittedParts::Mlp { mlp: &m.mlp, y_mean: m.y_mean, y_std: m.y_std },
        }
    }

    /// The class index (as `f32`) or the value of every row of `x` (`rows × n_features`).
    /// Errors: `"points"` (not whole rows, NaN or infinite).
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        let n = check_rows(x, self.n_features)?;
        let mut out = vec![0.0f32; n];
        if n == 0 {
            return Ok(out);
        }
        match &self.model {
            Model::Logistic(m) => m.predict_into(x, &mut out)?,
            Model::Ridge(m) => out = m.predict(x)?,
            Model::Tree(m) => m.predict_into(x, &mut out)?,
            Model::Forest(m) => m.predict_into(x, &mut out)?,
            Model::Boosting(m) => m.predict_into(x, m.rounds_done(), &mut out)?,
            Model::KnnClassifier(m) => m.predict_into(x, &mut out)?,
            Model::KnnRegressor(m) => m.predict_into(x, &mut out)?,
            Model::Mlp(m) => {
                // Prediction needs the network's scratch: a copy keeps `&self` (the copy of 32
                // hidden neurons' weights is nothing next to the prediction).
                let mut mlp = m.mlp.clone();
                if self.problem == Problem::Classification {
                    let mut classes = Vec::with_capacity(n);
                    mlp.predict_classes(x, n, &mut classes);
                    out = classes.into_iter().map(|c| c as f32).collect();
                } else {
                    mlp.predict(x, n, &mut out);
                    out.iter_mut().for_each(|v| *v = *v * m.y_std + m.y_mean);
                }
            }
        }
        Ok(out)
    }

    /// Class probabilities, `rows × n_classes`, for classification; `None` for regression.
    /// Errors: `"points"` (not whole rows, NaN or infinite).
    pub fn predict_proba(&self, x: &[f32]) -> Result<Option<Vec<f32>>, ParamError> {
        let n = check_rows(x, self.n_features)?;
        if self.problem == Problem::Regression {
            return Ok(None);
        }
        let k = self.n_classes;
        // Each model's own width (its largest training class + 1, at most k), then padded.
        let (width, p) = match &self.model {
            Model::Logistic(m) => (m.n_classes(), m.predict_proba(x)?),
            Model::Tree(m) => {
                let mut p = vec![0.0; n * m.n_classes()];
                m.predict_proba_into(x, &mut p)?;
                (m.n_classes(), p)
            }
            Model::Forest(m) => {
                let mut p = vec![0.0; n * m.n_classes()];
                m.predict_proba_into(x, &mut p)?;
                (m.n_classes(), p)
            }
            Model::Boosting(m) => {
                let mut p = vec![0.0; n * m.n_classes()];
                m.predict_proba_into(x, m.rounds_done(), &mut p)?;
                (m.n_classes(), p)
            }
            Model::KnnClassifier(m) => (m.n_classes(), m.predict_proba(x)?),
            Model::Mlp(m) => {
                let mut mlp = m.mlp.clone();
                let mut out = Vec::with_capacity(n * mlp.outputs());
                mlp.predict(x, n, &mut out);
                if mlp.outputs() == 1 {
                    // The sigmoid head's P(class 1).
                    (2, out.iter().flat_map(|&p| [1.0 - p, p]).collect())
                } else {
                    (mlp.outputs(), out)
                }
            }
            Model::Ridge(_) | Model::KnnRegressor(_) => return Ok(None),
        };
        let mut padded = vec![0.0f32; n * k];
        if width > 0 {
            for (dst, src) in padded.chunks_exact_mut(k).zip(p.chunks_exact(width)) {
                for (d, &s) in dst.iter_mut().zip(src) {
                    *d = s;
                }
                // A class never trained on is not a possible answer: boosting's prior and the
                // network's softmax would give it a sliver (10⁻²² on a test table).
                if self.trained.iter().any(|&t| !t) {
                    let mut sum = 0.0f32;
                    for (d, &t) in dst.iter_mut().zip(&self.trained) {
                        if !t {
                            *d = 0.0;
                        }
                        sum += *d;
                    }
                    if sum > 0.0 {
                        dst.iter_mut().for_each(|d| *d /= sum);
                    }
                }
            }
        }
        Ok(Some(padded))
    }
}

/// A network trained a few mini-batches per step.
#[derive(Debug, Clone)]
struct MlpRun {
    mlp: Mlp,
    /// Adam, held as itself (not boxed): the bundle then carries no other update rule.
    optimizer: Adam,
    x: Vec<f32>,
    /// Class indices, or the standardised target.
    y: Vec<f32>,
    y_mean: f32,
    y_std: f32,
    rng: Rng,
    order: Vec<usize>,
    batch_x: Vec<f32>,
    batch_y: Vec<f32>,
    grad: Vec<f32>,
    epochs: usize,
    epoch: usize,
    /// Mini-batches done in the current epoch.
    batch: usize,
    batches_per_epoch: usize,
    /// A batch's loss stopped being finite: training stopped at the last good weights.
    diverged: bool,
}

impl MlpRun {
    fn new(problem: Problem, n_classes: usize, x: &[f32], d: usize, y: &[f32], seed: u64) -> Result<MlpRun, ParamError> {
        let n = y.len();
        let head = Head::choose(problem, if problem == Problem::Classification { Loss::CrossEntropy } else { Loss::Mse }, n_classes)?;
        let spec = MlpSpec { inputs: d, hidden: vec![MLP_HIDDEN], activation: Activation::Tanh, head, classes: n_classes.max(2) };
        let mut mlp = Mlp::new(&spec, &mut Rng::stream(seed, MLP_INIT_STREAM))?;
        // Root mean square of every input, so an unstandardised table starts well too.
        let mut rms = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for (s, &v) in rms.iter_mut().zip(row) {
                *s += f64::from(v) * f64::from(v);
            }
        }
        let rms: Vec<f32> = rms.iter().map(|s| (s / n as f64).sqrt() as f32).collect();
        mlp.scale_inputs(&rms);
        let (y, y_mean, y_std) = if problem == Problem::Regression {
            let mean = y.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
            let var = y.iter().map(|&v| (f64::from(v) - mean).powi(2)).sum::<f64>() / n as f64;
            let std = if var > 0.0 && var.is_finite() { var.sqrt() } else { 1.0 };
            (y.iter().map(|&v| ((f64::from(v) - mean) / std) as f32).collect(), mean as f32, std as f32)
        } else {
            (y.to_vec(), 0.0, 1.0)
        };
        let optimizer = OptimizerConfig::new(OptimizerKind::Adam, MLP_LEARNING_RATE).build_adam(mlp.param_count())?;
        let batches_per_epoch = n.div_ceil(MLP_BATCH);
        let epochs = (MLP_MAX_UPDATES / batches_per_epoch).clamp(1, MLP_EPOCHS);
        Ok(MlpRun {
            grad: vec![0.0; mlp.param_count()],
            mlp,
            optimizer,
            x: x.to_vec(),
            y,
            y_mean,
            y_std,
            rng: Rng::stream(seed, MLP_BATCH_STREAM),
            order: (0..n).collect(),
            batch_x: Vec::with_capacity(MLP_BATCH * d),
            batch_y: Vec::with_capacity(MLP_BATCH),
            epochs,
            epoch: 0,
            batch: 0,
            batches_per_epoch,
            diverged: false,
        })
    }

    fn done(&self) -> bool {
        self.diverged || self.epoch >= self.epochs
    }

    /// Steps in all.
    fn total_steps(&self) -> usize {
        self.epochs * self.batches_per_epoch.div_ceil(MLP_BATCHES_PER_STEP)
    }

    /// Up to [`MLP_BATCHES_PER_STEP`] mini-batches, never past the end of an epoch (so a step
    /// count is exact).
    fn step(&mut self) {
        let d = self.mlp.spec().inputs;
        for _ in 0..MLP_BATCHES_PER_STEP {
            if self.done() {
                return;
            }
            if self.batch == 0 {
                self.rng.shuffle(&mut self.order);
            }
            let start = self.batch * MLP_BATCH;
            let end = (start + MLP_BATCH).min(self.order.len());
            self.batch_x.clear();
            self.batch_y.clear();
            for &r in &self.order[start..end] {
                self.batch_x.extend_from_slice(&self.x[r * d..(r + 1) * d]);
                self.batch_y.push(self.y[r]);
            }
            let m = end - start;
            let loss = self.mlp.loss_and_gradient(&self.batch_x, &self.batch_y, m, Regularization::None, 0.0, &mut self.grad);
            if !loss.is_finite() || self.grad.iter().any(|g| !g.is_finite()) {
                self.diverged = true;
                return;
            }
            let before = self.mlp.params().to_vec();
            self.optimizer.step(self.mlp.params_mut(), &self.grad);
            if self.mlp.params().iter().any(|p| !p.is_finite()) {
                self.mlp.params_mut().copy_from_slice(&before);
                self.diverged = true;
                return;
            }
            self.batch += 1;
            if self.batch == self.batches_per_epoch {
                self.batch = 0;
                self.epoch += 1;
                return;
            }
        }
    }

    fn model(&self) -> MlpModel {
        MlpModel { mlp: self.mlp.clone(), y_mean: self.y_mean, y_std: self.y_std }
    }
}

/// What is being fitted.
#[derive(Debug, Clone)]
enum Fitting {
    Logistic(LogisticSolver),
    Ridge(RidgeSolver),
    Tree(TreeGrower),
    Forest(RandomForest),
    Boosting(GradientBoosting),
    /// k-NN's model, made (checked) at construction and handed over at the first step.
    Knn(Option<Model>),
    Mlp(Box<MlpRun>),
}

/// Fits one model of the data lab a step at a time (module docs); a [`Stepping`].
#[derive(Debug, Clone)]
pub struct ModelFit {
    kind: ModelKind,
    problem: Problem,
    n_classes: usize,
    n_features: usize,
    rows_used: usize,
    fitting: Fitting,
    fitted: Option<Fitted>,
    /// Per class: some training row (after subsampling) has it.
    trained: Vec<bool>,
    /// Why the fit ended without a model (the linear solve found no unique answer).
    error: Option<ParamError>,
    steps: usize,
    finished: bool,
}

/// The rows kept when there are more than [`MAX_FIT_ROWS`], ascending; `None` when all are kept.
/// Classification: each class's rows are shuffled and given the keys `(i + ½)/n_c` (their place
/// in the class), and the `MAX_FIT_ROWS` smallest keys are kept — every class keeps its share
/// to within a row. Regression: a seeded shuffle's first `MAX_FIT_ROWS`. `y` holds class indices
/// below 64 for classification (as [`ModelFit::new`] checks; other labels are left out).
pub fn subsample_rows(y: &[f32], problem: Problem, seed: u64) -> Option<Vec<usize>> {
    let n = y.len();
    if n <= MAX_FIT_ROWS {
        return None;
    }
    let mut rng = Rng::stream(seed, SUBSAMPLE_STREAM);
    let mut kept: Vec<usize> = match problem {
        Problem::Regression => {
            let mut order: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut order);
            order.truncate(MAX_FIT_ROWS);
            order
        }
        Problem::Classification => {
            // Labels were checked to be class indices below MAX_CLASSES.
            let mut by_class: Vec<Vec<usize>> = vec![Vec::new(); MAX_CLASSES];
            for (i, &c) in y.iter().enumerate() {
                if let Some(g) = by_class.get_mut(c as usize) {
                    g.push(i);
                }
            }
            let mut rows = Vec::with_capacity(n);
            let mut keys = Vec::with_capacity(n);
            for group in &mut by_class {
                rng.shuffle(group);
                let n_c = group.len() as f64;
                for (i, &r) in group.iter().enumerate() {
                    rows.push(r);
                    keys.push((i as f64 + 0.5) / n_c);
                }
            }
            let order = sorted_order(rows.len(), &|a, b| keys[a].total_cmp(&keys[b]));
            order.iter().take(MAX_FIT_ROWS).map(|&i| rows[i]).collect()
        }
    };
    kept.sort_unstable();
    Some(kept)
}

impl ModelFit {
    /// Checks everything and sets up the fit; no step taken yet.
    ///
    /// `x`: rows × `n_features`, row-major (from [`crate::table::Prepared`]); `y`: a class index
    /// per row (classification) or a value (regression); `n_classes`: the number of classes
    /// (2 to 64), 0 for regression.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length, NaN or infinite, a class index not below `n_classes`, fewer than two classes
    /// present), `"n_classes"` (1 or more than 64 for classification, not 0 for regression),
    /// `"features"` (more than 64 for the network).
    pub fn new(kind: ModelKind, problem: Problem, n_classes: usize, x: &[f32], n_features: usize, y: &[f32], seed: u64) -> Result<ModelFit, ParamError> {
        let n = check_points(x, n_features)?;
        if y.len() != n {
            return Err(ParamError::length_mismatch("y", n, y.len()));
        }
        if let Some(&v) = y.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::not_finite("y", v.into()));
        }
        match problem {
            Problem::Classification => {
                if !(2..=MAX_CLASSES).contains(&n_classes) {
                    return Err(ParamError::out_of_range("n_classes", 2.0, MAX_CLASSES as f64, n_classes as f64));
                }
                let top = (n_classes - 1) as f64;
                if let Some(&v) = y.iter().find(|&&v| !(v >= 0.0 && v.fract() == 0.0 && (v as usize) < n_classes)) {
                    return Err(ParamError::not_whole("y", 0.0, top, v.into()));
                }
                let first = y[0];
                if y.iter().all(|&v| v == first) {
                    return Err(ParamError::needs_two_classes("y"));
                }
            }
            Problem::Regression => {
                if n_classes != 0 {
                    return Err(ParamError::out_of_range("n_classes", 0.0, 0.0, n_classes as f64));
                }
            }
        }
        if !kind.accepts_features(n_features) {
            return Err(ParamError::out_of_range("features", 1.0, MAX_INPUTS as f64, n_features as f64));
        }

        let kept = subsample_rows(y, problem, seed);
        let (x_fit, y_fit): (Vec<f32>, Vec<f32>) = match &kept {
            None => (x.to_vec(), y.to_vec()),
            Some(rows) => (
                rows.iter().flat_map(|&r| x[r * n_features..(r + 1) * n_features].iter().copied()).collect(),
                rows.iter().map(|&r| y[r]).collect(),
            ),
        };
        let (x, y) = (&x_fit[..], &y_fit[..]);
        let d = n_features;
        let classification = problem == Problem::Classification;
        // A subsample of a table with a tiny class can lose it; two classes are still needed.
        if classification && y.iter().all(|&v| v == y[0]) {
            return Err(ParamError::needs_two_classes("y"));
        }
        let mut trained = vec![false; n_classes];
        if classification {
            for &c in y {
                if let Some(t) = trained.get_mut(c as usize) {
                    *t = true;
                }
            }
        }
        let fitting = match kind {
            ModelKind::Linear if classification => {
                let params = LogisticParams { c: LOGISTIC_C, max_iter: LOGISTIC_MAX_ITER, tol: LOGISTIC_TOL };
                Fitting::Logistic(LogisticSolver::new(x, d, y, &params)?)
            }
            ModelKind::Linear => Fitting::Ridge(RidgeSolver::new(x, d, y, RIDGE_ALPHA)?),
            ModelKind::Tree => {
                let params = TreeParams {
                    criterion: if classification { Criterion::Gini } else { Criterion::SquaredError },
                    max_depth: Some(TREE_MAX_DEPTH),
                    min_samples_split: 2,
                    min_samples_leaf: TREE_MIN_LEAF,
                    max_features: MaxFeatures::All,
                    seed,
                };
                Fitting::Tree(TreeGrower::new(x, d, y, &params)?)
            }
            ModelKind::Forest => {
                let params = ForestParams {
                    n_trees: FOREST_TREES,
                    criterion: if classification { Criterion::Gini } else { Criterion::SquaredError },
                    max_depth: None,
                    min_samples_split: 2,
                    min_samples_leaf: if classification { 1 } else { FOREST_REGRESSION_MIN_LEAF },
                    max_features: if classification { MaxFeatures::Sqrt } else { MaxFeatures::Count(d.div_ceil(3)) },
                    bootstrap: true,
                    seed,
                };
                Fitting::Forest(RandomForest::new(x, d, y, &params)?)
            }
            ModelKind::Boosting => {
                let params = BoostingParams {
                    problem,
                    rounds: BOOSTING_ROUNDS,
                    learning_rate: BOOSTING_LEARNING_RATE,
                    max_depth: BOOSTING_DEPTH,
                    min_samples_split: 2,
                    min_samples_leaf: 1,
                    subsample: 1.0,
                    seed,
                };
                Fitting::Boosting(GradientBoosting::new(x, d, y, &params)?)
            }
            ModelKind::Knn => {
                let params = KnnParams { k: KNN_K.min(y.len()), weights: Weights::Uniform };
                Fitting::Knn(Some(if classification {
                    Model::KnnClassifier(KnnClassifier::fit(x, d, y, &params)?)
                } else {
                    Model::KnnRegressor(KnnRegressor::fit(x, d, y, &params)?)
                }))
            }
            ModelKind::Mlp => Fitting::Mlp(Box::new(MlpRun::new(problem, n_classes, x, d, y, seed)?)),
        };
        Ok(ModelFit {
            kind,
            problem,
            n_classes,
            n_features,
            rows_used: y.len(),
            fitting,
            fitted: None,
            trained,
            error: None,
            steps: 0,
            finished: false,
        })
    }

    /// The fitted model, once [`done`](Stepping::done) (and `None` if the fit failed: see
    /// [`error`](Self::error)).
    pub fn fitted(&self) -> Option<&Fitted> {
        self.fitted.as_ref()
    }
    pub fn kind(&self) -> ModelKind {
        self.kind
    }
    pub fn problem(&self) -> Problem {
        self.problem
    }
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
    /// Training rows the model is fitted on (after subsampling).
    pub fn rows_used(&self) -> usize {
        self.rows_used
    }
    /// Why a finished fit has no model: only the linear regression's solve can fail (features
    /// in wildly different units, collinear, with standardisation off), field `"x"`.
    pub fn error(&self) -> Option<&ParamError> {
        self.error.as_ref()
    }
    /// The network stopped early because its loss stopped being finite (its last good weights
    /// are the model).
    pub fn diverged(&self) -> bool {
        match &self.fitting {
            Fitting::Mlp(run) => run.diverged,
            Fitting::Boosting(gb) => gb.diverged(),
            _ => false,
        }
    }

    /// Runs the remaining steps and returns the fitted model. Errors: as [`error`](Self::error).
    pub fn finish(mut self) -> Result<Fitted, ParamError> {
        while !self.done() {
            self.step();
        }
        match (self.fitted, self.error) {
            (Some(f), _) => Ok(f),
            (None, Some(e)) => Err(e),
            (None, None) => Err(ParamError::unsupported("x")),
        }
    }

    /// One unit of fitting; `Some(model)` when the fitting is over.
    fn advance(&mut self) -> Option<Result<Model, ParamError>> {
        match &mut self.fitting {
            Fitting::Logistic(solver) => {
                for _ in 0..LOGISTIC_ITERATIONS_PER_STEP {
                    solver.step();
                }
                solver.done().then(|| Ok(Model::Logistic(solver.model())))
            }
            Fitting::Ridge(solver) => {
                solver.step();
                solver.done().then(|| solver.result().cloned().map(Model::Ridge).ok_or(ParamError::unsupported("x")))
            }
            Fitting::Tree(grower) => {
                for _ in 0..TREE_SPLITS_PER_STEP {
                    if grower.step().is_none() {
                        break;
                    }
                }
                grower.is_done().then(|| Ok(Model::Tree(grower.tree().clone())))
            }
            Fitting::Forest(forest) => {
                forest.grow(FOREST_TREES_PER_STEP);
                forest.is_complete().then(|| Ok(Model::Forest(forest.clone())))
            }
            Fitting::Boosting(gb) => {
                gb.grow(BOOSTING_ROUNDS_PER_STEP);
                (gb.is_complete() || gb.diverged()).then(|| Ok(Model::Boosting(gb.clone())))
            }
            Fitting::Knn(model) => model.take().map(Ok),
            Fitting::Mlp(run) => {
                run.step();
                run.done().then(|| Ok(Model::Mlp(run.model())))
            }
        }
    }
}

impl Stepping for ModelFit {
    /// One slice of fitting (the table in the module docs); the last one makes the model.
    fn step(&mut self) {
        if self.finished {
            return;
        }
        self.steps += 1;
        match self.advance() {
            None => {}
            Some(Ok(model)) => {
                self.fitted = Some(Fitted {
                    kind: self.kind,
                    problem: self.problem,
                    n_classes: self.n_classes,
                    n_features: self.n_features,
                    trained: self.trained.clone(),
                    model,
                });
                self.finished = true;
            }
            Some(Err(e)) => {
                self.error = Some(e);
                self.finished = true;
            }
        }
    }
    fn done(&self) -> bool {
        self.finished
    }
    /// Steps taken; the total where it is known in advance (not for the logistic solver, which
    /// stops on convergence, nor the tree, which stops when no node can be split).
    fn progress(&self) -> Progress {
        let total = match &self.fitting {
            Fitting::Logistic(_) | Fitting::Tree(_) => None,
            Fitting::Ridge(s) => Some(s.total_steps()),
            Fitting::Forest(_) => Some(FOREST_TREES.div_ceil(FOREST_TREES_PER_STEP)),
            Fitting::Boosting(_) => Some(BOOSTING_ROUNDS.div_ceil(BOOSTING_ROUNDS_PER_STEP)),
            Fitting::Knn(_) => Some(1),
            Fitting::Mlp(run) => Some(run.total_steps()),
        };
        Progress { done: self.steps, total: total.map(|t| t.max(self.steps)) }
    }
}
