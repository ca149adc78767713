//! The Trees lab's engine room: owns the data, the split and the growing model from
//! `perplexed-core`, and keeps the buffers the plots read (the heatmap, refreshed a band of rows
//! at a time; the forest's small multiples; the comparison table). Every number comes from
//! core: trees, forests and boosting from `tree`, `forest` and `boosting`, accuracy from
//! `metrics`, the network from `train`.

use perplexed_core::data::dataset::{generate, plane_grid, DataParams, Dataset, DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Split;
use perplexed_core::error::ParamError;
use perplexed_core::metrics::classification::label_accuracy as accuracy;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::stepping::{step_within, Pacer, Stepping};
use perplexed_core::train::trainer::TrainConfig;
use perplexed_core::tree::boosting::{BoostingParams, GradientBoosting};
use perplexed_core::tree::cart::{DecisionTree, MaxFeatures, Region, TreeParams};
use perplexed_core::tree::compare::{ComparisonSetup, ModelComparison};
use perplexed_core::tree::forest::{ForestParams, RandomForest};
use perplexed_core::tree::grown::{GrownModel, GrownSetup, Votes};

use super::params::{Change, ModelKind, TreesParams};
use perplexed_core::stepping::row_pass::RowPass;

/// Cells per side of the decision-boundary heatmap (axis-aligned boxes need a fine grid).
pub const GRID_RES: usize = 100;
/// Cells per side of each small multiple of the forest.
pub const THUMB_RES: usize = 40;
/// How many of the forest's trees are drawn one by one.
pub const THUMBS: usize = 9;
/// Epochs the comparison trains the network for.
pub const NET_EPOCHS: usize = 200;
/// The network of the comparison: the Playground's, a little wider.
pub const NET_LAYERS: [usize; 2] = [8, 8];
/// Most growth per animation frame at the fastest pace (splits, trees, rounds).
pub const MOST_PER_FRAME: [usize; 3] = [1, 3, 5];
/// While playing, accuracy and residuals are recomputed every this many frames at least.
pub const FRAMES_PER_SCORE: u32 = 6;

/// The training, validation or test points as rows for core.
#[derive(Debug, Clone, Default)]
pub struct Part {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
}

impl Part {
    fn of(data: &Dataset, idx: &[usize]) -> Part {
        let (x, y) = data.subset(idx);
        Part { x, y }
    }
    pub fn len(&self) -> usize {
        self.y.len()
    }
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}

/// One node of the tree, as the diagram draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct DiagramNode {
    pub id: usize,
    pub depth: usize,
    /// `(feature, threshold, left, right)`.
    pub split: Option<(usize, f64, usize, usize)>,
    pub n_samples: usize,
    pub impurity: f64,
    /// Class shares at the node.
    pub mix: Vec<f64>,
    /// The node the next step will split.
    pub next: bool,
}

pub struct TreesEngine {
    pub params: TreesParams,
    pub data: Dataset,
    pub split: Split,
    pub train: Part,
    pub val: Part,
    pub test: Part,
    grid_x: Vec<f32>,
    thumb_x: Vec<f32>,
    pub model: Result<GrownModel, ParamError>,
    /// Bumped whenever the model changes (a step, a rebuild): views keyed on it refresh.
    pub version: u64,
    /// `GRID_RES`² × classes probabilities, row 0 at the top.
    pub grid: Vec<f32>,
    pub grid_classes: usize,
    /// The heatmap's pass over its rows (spread over frames).
    grid_pass: RowPass,
    /// The forest's first trees, each over a `THUMB_RES`² grid.
    pub thumbs: Vec<Vec<f32>>,
    /// Boosting: per training point, 1 − the probability the model gives its own class.
    pub residuals: Vec<f32>,
    pub train_acc: Option<f32>,
    pub val_acc: Option<f32>,
    /// A validation set core refused (its message).
    pub validation_error: Option<ParamError>,
    /// The four models on this split (core's), and whether the settings changed since.
    pub compare: Option<ModelComparison>,
    pub compare_stale: bool,
    pub test_peeks: u32,
    /// The pace of growth while playing.
    pacer: Pacer,
    frames_since_scores: u32,
    /// What the last recomputation of the scores took.
    score_cost_ms: f64,
}

fn data_of(p: &TreesParams) -> Dataset {
    let dp = DataParams { kind: p.dataset, points: p.points, noise: p.noise as f32 / 100.0, seed: p.seed as u64 };
    // The params were validated when read; should core still refuse, use the defaults rather
    // than leave the page without data.
    let d = TreesParams::default();
    generate(&dp).or_else(|_| generate(&DataParams { kind: d.dataset, points: d.points, noise: 0.0, seed: 1 })).unwrap_or_default()
}

fn split_of(data: &Dataset, p: &TreesParams) -> Split {
    Split::new_or_all_train(&data.split_keys, p.train, p.val)
}

fn max_depth(d: usize) -> Option<usize> {
    (d > 0).then_some(d)
}

pub fn tree_params(p: &TreesParams) -> TreeParams {
    TreeParams {
        criterion: p.criterion,
        max_depth: max_depth(p.depth),
        min_samples_split: 2,
        min_samples_leaf: p.min_leaf,
        max_features: MaxFeatures::Count(p.features),
        seed: p.seed as u64,
    }
}

pub fn forest_params(p: &TreesParams) -> ForestParams {
    ForestParams {
        n_trees: p.trees,
        criterion: p.criterion,
        max_depth: max_depth(p.forest_depth),
        min_samples_split: 2,
        min_samples_leaf: p.min_leaf,
        max_features: MaxFeatures::Count(p.forest_features),
        bootstrap: p.bootstrap,
        seed: p.seed as u64,
    }
}

pub fn boosting_params(p: &TreesParams) -> BoostingParams {
    BoostingParams {
        problem: Problem::Classification,
        rounds: p.rounds,
        learning_rate: p.lr,
        max_depth: p.boost_depth,
        min_samples_split: 2,
        min_samples_leaf: 1,
        subsample: p.subsample as f32 / 100.0,
        seed: p.seed as u64,
    }
}

pub fn net_config(p: &TreesParams) -> TrainConfig {
    TrainConfig {
        features: vec![Feature::X1, Feature::X2],
        hidden: NET_LAYERS.to_vec(),
        activation: Activation::Tanh,
        loss: Loss::CrossEntropy,
        optimizer: OptimizerKind::Adam,
        lr: 0.03,
        batch: 10,
        reg: Regularization::None,
        reg_rate: 0.0,
        seed: p.seed as u64,
    }
}

impl TreesEngine {
    pub fn new(params: TreesParams) -> Self {
        let data = data_of(&params);
        let split = split_of(&data, &params);
        let mut e = TreesEngine {
            train: Part::of(&data, &split.train),
            val: Part::of(&data, &split.val),
            test: Part::of(&data, &split.test),
            params,
            data,
            split,
            grid_x: plane_grid(GRID_RES),
            thumb_x: plane_grid(THUMB_RES),
            // Replaced by `rebuild` below, before anything reads it.
            model: Err(ParamError::unsupported("model")),
            version: 0,
            grid: Vec::new(),
            grid_classes: 0,
            grid_pass: RowPass::default(),
            thumbs: Vec::new(),
            residuals: Vec::new(),
            train_acc: None,
            val_acc: None,
            validation_error: None,
            compare: None,
            compare_stale: false,
            test_peeks: 0,
            pacer: Pacer::default(),
            frames_since_scores: 0,
            score_cost_ms: 0.0,
        };
        e.rebuild();
        e
    }

    /// Applies new settings, rebuilding as little as the change requires.
    pub fn apply(&mut self, params: TreesParams) {
        let Some(change) = params.change_from(&self.params) else { return };
        self.params = params;
        if change == Change::Data {
            self.data = data_of(&self.params);
            self.split = split_of(&self.data, &self.params);
            self.train = Part::of(&self.data, &self.split.train);
            self.val = Part::of(&self.data, &self.split.val);
            self.test = Part::of(&self.data, &self.split.test);
        }
        if change >= Change::Model {
            self.rebuild();
            self.compare_stale = self.compare.is_some();
        }
    }

    /// A fresh model of the chosen kind, nothing grown yet (also the Reset button).
    pub fn rebuild(&mut self) {
        let p = &self.params;
        let (x, y) = (&self.train.x, &self.train.y);
        self.validation_error = None;
        let setup = match p.model {
            ModelKind::Tree => GrownSetup::Tree(tree_params(p)),
            ModelKind::Forest => GrownSetup::Forest(forest_params(p)),
            ModelKind::Boosting => GrownSetup::Boosting(boosting_params(p)),
        };
        self.model = GrownModel::new(&setup, x, 2, y);
        if let (Ok(GrownModel::Boosting(b)), false) = (&mut self.model, self.val.is_empty()) {
            self.validation_error = b.set_validation(&self.val.x, &self.val.y).err();
        }
        self.thumbs.clear();
        self.pacer.restart();
        self.after_change();
    }

    fn after_change(&mut self) {
        self.changed(true);
    }

    /// The model changed: the views follow, the scores too if `scores`.
    fn changed(&mut self, scores: bool) {
        self.version += 1;
        self.grid_pass.invalidate();
        self.update_thumbs();
        if scores {
            self.update_scores();
        }
    }

    /// The forest's first trees, drawn once each as they appear.
    fn update_thumbs(&mut self) {
        let Ok(GrownModel::Forest(f)) = &self.model else { return };
        let thumb_x = &self.thumb_x;
        for t in f.trees().iter().skip(self.thumbs.len()).take(THUMBS.saturating_sub(self.thumbs.len())) {
            let mut out = vec![0.0; THUMB_RES * THUMB_RES * t.outputs()];
            if t.predict_proba_into(thumb_x, &mut out).is_ok() {
                self.thumbs.push(out);
            }
        }
    }

    pub fn error(&self) -> Option<&ParamError> {
        self.model.as_ref().err()
    }

    pub fn is_complete(&self) -> bool {
        self.model.as_ref().map_or(true, Stepping::done)
    }

    /// Splits, trees or rounds done so far.
    pub fn progress(&self) -> usize {
        self.model.as_ref().map_or(0, |m| m.progress().done)
    }

    /// One unit of growth: a split, a tree or a round. Returns false when there was none left.
    pub fn step(&mut self) -> bool {
        let Ok(m) = &mut self.model else { return false };
        let grew = !m.done();
        m.step();
        if grew {
            self.after_change();
        }
        grew
    }

    /// Growth for one animation frame while playing: at the settings' pace (splits, trees or
    /// rounds a second), or at the fastest as many as `budget_ms` allows (at least one, at most
    /// [`MOST_PER_FRAME`]). Accuracy and residuals follow every few frames — they walk every
    /// point through every tree — and at the end. Returns false once the model is complete.
    pub fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let kind = self.params.model;
        let grew = match (&mut self.model, self.params.speed.per_second(kind)) {
            (Err(_), _) => false,
            (Ok(m), None) => step_within(m, MOST_PER_FRAME[kind as usize], budget_ms, now) > 0,
            (Ok(m), Some(rate)) => {
                // A frame that came late catches up by a few units, never by a burst.
                let due = self.pacer.due(now(), rate).min(4 * MOST_PER_FRAME[kind as usize]);
                step_within(m, due, f64::INFINITY, now) > 0
            }
        };
        if grew {
            self.frames_since_scores += 1;
            // Costly scores (hundreds of trees over every point) are spaced out further, so
            // their share of the frames stays near half a millisecond.
            let spacing = FRAMES_PER_SCORE.max((self.score_cost_ms / 0.5).ceil().min(60.0) as u32);
            let full = self.is_complete() || self.frames_since_scores >= spacing;
            if full {
                self.frames_since_scores = 0;
            }
            let t0 = now();
            self.changed(full);
            if full {
                self.score_cost_ms = now() - t0;
            }
        }
        !self.is_complete()
    }

    /// Training and validation accuracy of the model as it stands, and boosting's residuals.
    fn update_scores(&mut self) {
        let Ok(m) = &self.model else {
            (self.train_acc, self.val_acc) = (None, None);
            self.residuals.clear();
            return;
        };
        let k = self.data.classes;
        let mut pred = vec![0.0; self.train.len()];
        self.train_acc = m.predict_into(&self.train.x, &mut pred).ok().and_then(|_| accuracy(k, &self.train.y, &pred));
        let mut pred = vec![0.0; self.val.len()];
        self.val_acc = m.predict_into(&self.val.x, &mut pred).ok().and_then(|_| accuracy(k, &self.val.y, &pred));
        self.residuals.clear();
        if let GrownModel::Boosting(b) = m {
            if b.residuals_into(&self.train.x, &self.train.y, b.rounds_done(), &mut self.residuals).is_err() {
                self.residuals.clear();
            }
        }
    }

    /// Brings the heatmap up to date a band of rows at a time, within `budget_ms` of `now`.
    /// Returns true when no pass is under way any more.
    pub fn refresh_grid(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Ok(m) = &self.model else {
            self.grid.clear();
            self.grid_pass.cancel();
            return true;
        };
        if self.grid_pass.begin() {
            let k = m.n_classes().max(1);
            if self.grid_classes != k || self.grid.len() != GRID_RES * GRID_RES * k {
                self.grid_classes = k;
                self.grid = vec![1.0 / k as f32; GRID_RES * GRID_RES * k];
            }
        }
        let k = self.grid_classes;
        let (grid_x, grid) = (&self.grid_x, &mut self.grid);
        self.grid_pass.advance(GRID_RES, budget_ms, now, |rows| {
            let x = &grid_x[rows.start * GRID_RES * 2..rows.end * GRID_RES * 2];
            let out = &mut grid[rows.start * GRID_RES * k..rows.end * GRID_RES * k];
            if m.predict_proba_into(x, out).is_err() {
                out.fill(f32::NAN);
            }
        });
        !self.grid_pass.busy()
    }

    /// Work is left for the heatmap.
    pub fn grid_busy(&self) -> bool {
        self.model.is_ok() && self.grid_pass.busy()
    }

    /// The single tree as grown so far.
    pub fn tree(&self) -> Option<&DecisionTree> {
        self.model.as_ref().ok()?.tree()
    }

    /// The tree's nodes for the diagram (empty for the other models).
    pub fn diagram(&self) -> Vec<DiagramNode> {
        let Ok(GrownModel::Tree(g)) = &self.model else { return Vec::new() };
        let t = g.tree();
        let next = g.next_split().map(|(n, _, _)| n);
        t.nodes()
            .iter()
            .enumerate()
            .map(|(id, n)| DiagramNode {
                id,
                depth: n.depth,
                split: n.split.map(|s| (s.feature, s.threshold, s.left, s.right)),
                n_samples: n.n_samples,
                impurity: n.impurity,
                mix: t.value(id).map(<[f64]>::to_vec).unwrap_or_default(),
                next: Some(id) == next,
            })
            .collect()
    }

    /// The split the single tree makes next, as the segment it will draw on the plane: the box
    /// of the node it splits, the feature (0 = x₁, 1 = x₂) and the threshold.
    pub fn next_split(&self) -> Option<(Region, usize, f64)> {
        let Ok(GrownModel::Tree(g)) = &self.model else { return None };
        let (node, feature, threshold) = g.next_split()?;
        Some((g.tree().region(node)?, feature, threshold))
    }

    /// The box of the plane a node of the single tree covers.
    pub fn region(&self, node: usize) -> Option<Region> {
        self.tree()?.region(node)
    }

    /// The forest's trees' votes for the point `(x1, x2)`.
    pub fn votes(&self, x1: f32, x2: f32) -> Option<Votes> {
        self.model.as_ref().ok()?.votes(&[x1, x2])
    }

    pub fn forest(&self) -> Option<&RandomForest> {
        match &self.model {
            Ok(GrownModel::Forest(f)) => Some(f),
            _ => None,
        }
    }

    pub fn boosting(&self) -> Option<&GradientBoosting> {
        match &self.model {
            Ok(GrownModel::Boosting(b)) => Some(b),
            _ => None,
        }
    }

    // ---- the comparison ---------------------------------------------------------------------

    /// Starts fitting the four models on the current split.
    pub fn start_comparison(&mut self) {
        let p = &self.params;
        let setup = ComparisonSetup {
            tree: tree_params(p),
            forest: forest_params(p),
            boosting: boosting_params(p),
            network: net_config(p),
            network_epochs: NET_EPOCHS,
        };
        self.compare = Some(ModelComparison::new(&self.data, &self.split, setup));
        self.compare_stale = false;
    }

    /// Advances the comparison within `budget_ms` (fit times count only the fitting). Returns
    /// true while it is still running.
    pub fn advance_comparison(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Some(c) = &mut self.compare else { return false };
        let start = now();
        while !c.done() && now() - start < budget_ms {
            c.step_timed(now);
        }
        !c.done()
    }

    /// The comparison is finished, current, and the test set is still unseen for it.
    pub fn can_evaluate_test(&self) -> bool {
        !self.compare_stale && self.compare.as_ref().is_some_and(ModelComparison::can_evaluate_test)
    }

    /// Scores the four fitted models on the test set, once per comparison.
    pub fn evaluate_test(&mut self) -> bool {
        let evaluated = self.can_evaluate_test() && self.compare.as_mut().is_some_and(ModelComparison::evaluate_test);
        self.test_peeks += u32::from(evaluated);
        evaluated
    }

    /// The data set of the current settings.
    pub fn kind(&self) -> DatasetKind {
        self.params.dataset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::trees::params::Pace;

    fn clock() -> impl Fn() -> f64 {
        let t = std::cell::Cell::new(0.0);
        move || {
            t.set(t.get() + 0.01);
            t.get()
        }
    }

    fn finish_grid(e: &mut TreesEngine) {
        let now = clock();
        for _ in 0..10_000 {
            if e.refresh_grid(5.0, &now) {
                return;
            }
        }
        panic!("the heatmap never finished");
    }

    #[test]
    fn a_tree_grows_split_by_split_and_the_boundary_follows() {
        let mut e = TreesEngine::new(TreesParams { dataset: DatasetKind::Xor, ..TreesParams::default() });
        assert!(e.error().is_none());
        assert_eq!(e.diagram().len(), 1, "a root alone");
        finish_grid(&mut e);
        let before = e.grid.clone();
        assert!(e.step());
        assert_eq!(e.diagram().len(), 3, "one split adds two children");
        assert!(e.diagram()[0].split.is_some());
        finish_grid(&mut e);
        assert_ne!(e.grid, before, "the heatmap changed");
        let mut steps = 1;
        while e.step() {
            steps += 1;
        }
        assert_eq!(e.progress(), steps);
        assert!(e.is_complete());
        assert_eq!(e.train_acc, Some(1.0), "an unlimited tree fits its training set");
        // The root covers the whole plane, a child only part of it.
        let root = e.region(0).unwrap();
        assert!(root.lower.iter().all(|v| v.is_infinite()));
        let child = e.region(1).unwrap();
        assert!(child.lower.iter().chain(&child.upper).any(|v| v.is_finite()));
    }

    /// At the default pace a tree splits three times a second, whatever the frame rate: 60
    /// frames of 16.7 ms (1 s) give the splits due at 333 and 667 ms (the first frame starts
    /// the clock; 1000 ms is after the last frame at 983 ms). At the fastest, one a frame.
    #[test]
    fn a_tree_grows_at_a_pace_a_visitor_can_follow() {
        let p = TreesParams { dataset: DatasetKind::Xor, ..TreesParams::default() };
        assert_eq!(p.speed, Pace::Normal);
        let mut e = TreesEngine::new(p.clone());
        let t = std::cell::Cell::new(0.0);
        let now = || t.get();
        for i in 0..60 {
            t.set(i as f64 * 1000.0 / 60.0);
            e.advance(8.0, &now);
        }
        assert_eq!(e.progress(), 2);
        let mut e = TreesEngine::new(TreesParams { speed: Pace::Max, ..p });
        for i in 0..60 {
            t.set(i as f64 * 1000.0 / 60.0);
            e.advance(8.0, &now);
        }
        assert!(e.progress() >= 20 || e.is_complete(), "as fast as possible: {} splits", e.progress());
    }

    #[test]
    fn a_forest_votes_and_reports_oob() {
        let p = TreesParams { model: ModelKind::Forest, trees: 20, speed: Pace::Max, ..TreesParams::default() };
        let mut e = TreesEngine::new(p);
        while e.advance(4.0, &clock()) {}
        assert_eq!(e.forest().unwrap().n_trees(), 20);
        assert_eq!(e.thumbs.len(), THUMBS);
        let v = e.votes(0.0, 0.0).unwrap();
        assert_eq!(v.total, 20);
        assert_eq!(v.per_class.iter().sum::<usize>(), 20);
        assert!(e.forest().unwrap().oob_score().is_some());
        assert!(e.val_acc.unwrap() > 0.8);
    }

    #[test]
    fn boosting_shrinks_the_residuals() {
        let p = TreesParams { model: ModelKind::Boosting, rounds: 100, lr: 0.3, speed: Pace::Max, ..TreesParams::default() };
        let mut e = TreesEngine::new(p);
        let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len() as f32;
        let r0 = mean(&e.residuals);
        while e.advance(4.0, &clock()) {}
        let b = e.boosting().unwrap();
        assert_eq!(b.rounds_done(), 100);
        assert_eq!(b.validation_loss().len(), 101);
        assert!(mean(&e.residuals) < r0 * 0.6);
    }

    /// What the loss chart's help promises: with a high learning rate and many rounds the
    /// validation loss turns up while the training loss keeps falling.
    #[test]
    fn a_high_learning_rate_overfits_with_many_rounds() {
        let p = TreesParams { model: ModelKind::Boosting, noise: 30, rounds: 500, lr: 1.0, boost_depth: 3, speed: Pace::Max, ..TreesParams::default() };
        let mut e = TreesEngine::new(p);
        while e.advance(4.0, &clock()) {}
        let b = e.boosting().unwrap();
        let (train, val) = (b.train_loss(), b.validation_loss());
        let best = val.iter().copied().fold(f64::INFINITY, f64::min);
        let last = *val.last().unwrap();
        assert!(last > 1.5 * best, "validation loss {best:.3} → {last:.3}");
        assert!(*train.last().unwrap() < 0.1 * train[0], "training loss keeps low");
    }

    #[test]
    fn the_comparison_runs_and_the_test_set_is_used_once() {
        let mut e = TreesEngine::new(TreesParams { trees: 10, rounds: 30, ..TreesParams::default() });
        assert!(!e.can_evaluate_test());
        e.start_comparison();
        let now = clock();
        let mut frames = 0;
        while e.advance_comparison(5.0, &now) {
            frames += 1;
            assert!(frames < 100_000);
        }
        let c = e.compare.as_ref().unwrap();
        assert!(c.rows().iter().all(|r| r.as_ref().is_some_and(|r| r.val_acc.is_some() && r.fit_ms > 0.0)), "{:?}", c.rows());
        assert!(e.evaluate_test());
        assert!(e.compare.as_ref().unwrap().rows().iter().all(|r| r.as_ref().unwrap().test_acc.is_some()));
        assert!(!e.evaluate_test(), "once");
        assert_eq!(e.test_peeks, 1);
        let mut p = e.params.clone();
        p.depth = 3;
        e.apply(p);
        assert!(e.compare_stale, "a change marks it spent");
        assert!(!e.can_evaluate_test());
    }

    #[test]
    fn core_errors_become_messages_not_panics() {
        // One training point: boosting needs two classes.
        let p = TreesParams { model: ModelKind::Boosting, points: 20, train: 1, val: 0, ..TreesParams::default() };
        let mut e = TreesEngine::new(p);
        assert!(e.error().is_some());
        assert!(!e.step());
        assert!(!e.advance(4.0, &clock()));
        let now = clock();
        assert!(e.refresh_grid(5.0, &now));
    }
}

use crate::components::chart::models::{boosting_json, forest_json, tree_json};

impl TreesEngine {
    /// The grown model as JSON (the body of a saved model, see `chart::tools`): a tree's nodes,
    /// each tree of a forest, or boosting's start scores, shrinkage and rounds of trees — the
    /// score of a point is `init[k] + learning_rate × Σ rounds[m][k]'s leaf value` (log-odds of
    /// class 1 for two classes), which is all it takes to redo the model's predictions.
    pub fn model_json(&self) -> Option<String> {
        match self.model.as_ref().ok()? {
            GrownModel::Tree(g) => Some(tree_json(g.tree())),
            GrownModel::Forest(f) => Some(forest_json(f)),
            GrownModel::Boosting(b) => Some(boosting_json(b)),
        }
    }
}

/// Grows the model as the page's Play grows it — frame by frame at the lab's pace, 10 µs of
/// clock a call — for at most `frames` frames (tests).
#[cfg(test)]
pub(crate) fn grow(e: &mut TreesEngine, frames: usize) {
    let t = std::cell::Cell::new(0.0);
    let now = || {
        t.set(t.get() + 0.01);
        t.get()
    };
    for _ in 0..frames {
        if !e.advance(8.0, &now) {
            break;
        }
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;
    use crate::labs::trees::params::Pace;
    use crate::components::chart::models::saved_leaf as leaf;

    /// Walking the saved nodes from the root with each training point (left when its feature is
    /// at most the threshold) ends in a leaf whose largest share is the class the tree predicts.
    #[test]
    fn the_saved_tree_predicts_what_the_tree_predicts() {
        let mut e = TreesEngine::new(TreesParams { speed: Pace::Max, ..TreesParams::default() });
        grow(&mut e, 10_000);
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("a tree")).expect("valid JSON");
        assert_eq!(json["type"], "decision tree");
        let nodes = &json["nodes"];
        assert!(nodes.as_array().expect("nodes").len() > 3, "a grown tree");
        let Ok(model) = &e.model else { panic!("a model") };
        let tree = model.tree().expect("one tree");
        for row in e.train.x.chunks(2).take(60) {
            let shares: Vec<f64> = leaf(nodes, row)["value"].as_array().expect("a value").iter().map(|v| v.as_f64().expect("a number")).collect();
            let class = (0..shares.len()).fold(0, |b, c| if shares[c] > shares[b] { c } else { b });
            assert_eq!(class as f32, tree.predict_row(row), "{row:?}");
        }
    }

    /// Boosting: the start score plus the learning rate times each round's leaf value, summed
    /// from the saved file, is the log-odds the model itself gives each training point.
    #[test]
    fn the_saved_boosting_gives_the_models_log_odds() {
        let p = TreesParams { model: ModelKind::Boosting, rounds: 30, lr: 0.3, boost_depth: 2, speed: Pace::Max, ..TreesParams::default() };
        let mut e = TreesEngine::new(p);
        grow(&mut e, 10_000);
        let b = e.boosting().expect("boosting");
        assert_eq!(b.rounds_done(), 30);
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("a model")).expect("valid JSON");
        assert_eq!(json["type"], "gradient boosting");
        let rounds = json["rounds"].as_array().expect("rounds");
        assert_eq!(rounds.len(), 30);
        let nu = json["learning_rate"].as_f64().expect("a rate");
        assert!((nu - 0.3).abs() < 1e-6);
        let start = json["init"][0].as_f64().expect("a start score");
        let rows: Vec<f32> = e.train.x.iter().copied().take(2 * 40).collect();
        let mut raw = vec![0.0; rows.len() / 2];
        b.raw_into(&rows, 30, &mut raw).expect("scores");
        for (row, want) in rows.chunks(2).zip(&raw) {
            let got = rounds.iter().fold(start, |f, round| {
                f + nu * leaf(&round[0]["nodes"], row)["value"][0].as_f64().expect("a leaf value")
            });
            assert!((got - want).abs() < 1e-5 * (1.0 + want.abs()), "{row:?}: {got} vs {want}");
        }
    }
}
