//! # Four models, one split
//!
//! After watching one model grow, a learner asks which model is best *for this data*. The fair
//! way to answer: fit a decision tree, a random forest, gradient boosting and a small neural
//! network on the same training points, score each on the same validation points,
//!
//! ```text
//! accuracy = (1/n) Σᵢ [ŷᵢ = yᵢ]      over the n validation points,
//! ```
//!
//! pick by that score, and only then look at the test points — once. [`ModelComparison`] does
//! exactly that and refuses a second look at the test set.
//!
//! It is a [`Stepping`] model: one step fits a slice of one model (a whole tree, four forest
//! trees, ten boosting rounds, five network epochs), so a page spreads it over frames. Fit
//! times are wall-clock figures the page shows; they come from the caller's clock
//! ([`ModelComparison::step_timed`]), so core stays free of time sources.

use crate::data::dataset::Dataset;
use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::metrics::classification::label_accuracy;
use crate::stepping::{Progress, Stepping};
use crate::train::trainer::{TrainConfig, Trainer};
use crate::tree::boosting::{BoostingParams, GradientBoosting};
use crate::tree::cart::{DecisionTree, TreeParams};
use crate::tree::forest::{ForestParams, RandomForest};

/// The models compared, in the order they are fitted (the rows of the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    Tree,
    Forest,
    Boosting,
    Network,
}

impl Compared {
    pub const ALL: [Compared; 4] = [Compared::Tree, Compared::Forest, Compared::Boosting, Compared::Network];
}

/// How many models are compared.
pub const MODELS: usize = Compared::ALL.len();
const FOREST_TREES_PER_STEP: usize = 4;
const BOOSTING_ROUNDS_PER_STEP: usize = 10;
const NETWORK_EPOCHS_PER_STEP: usize = 5;

/// The settings of the four models.
#[derive(Debug, Clone)]
pub struct ComparisonSetup {
    pub tree: TreeParams,
    pub forest: ForestParams,
    pub boosting: BoostingParams,
    pub network: TrainConfig,
    /// Epochs the network trains for (it has no natural end, unlike the others).
    pub network_epochs: usize,
}

/// One model's line of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Validation accuracy (`None` with no validation points, or when fitting failed).
    pub val_acc: Option<f32>,
    /// Milliseconds spent fitting, by the caller's clock.
    pub fit_ms: f64,
    /// Test accuracy, once [`ModelComparison::evaluate_test`] has been called.
    pub test_acc: Option<f32>,
    /// Why the model could not be fitted.
    pub error: Option<ParamError>,
}

/// The training, validation or test points as rows.
#[derive(Debug, Clone, Default)]
struct Part {
    x: Vec<f32>,
    y: Vec<f32>,
}

impl Part {
    fn of(data: &Dataset, idx: &[usize]) -> Part {
        let (x, y) = data.subset(idx);
        Part { x, y }
    }
}

/// The model in `slot`, made by `make` the first time it is asked for.
fn made<M>(slot: &mut Option<M>, make: impl FnOnce() -> Result<M, ParamError>) -> Result<&mut M, ParamError> {
    Ok(match slot {
        Some(m) => m,
        None => slot.insert(make()?),
    })
}

/// The four models fitted on one split, a slice per step; see the module documentation.
pub struct ModelComparison {
    setup: ComparisonSetup,
    data: Dataset,
    split: Split,
    train: Part,
    val: Part,
    test: Part,
    rows: [Option<Row>; MODELS],
    /// The model being fitted (an index into `rows` and `Compared::ALL`); `MODELS` when all are.
    stage: usize,
    elapsed: f64,
    tree: Option<DecisionTree>,
    forest: Option<RandomForest>,
    boosting: Option<GradientBoosting>,
    network: Option<Trainer>,
    tested: bool,
}

impl ModelComparison {
    /// A comparison of the four models on `split` of `data` (2-D classification points).
    pub fn new(data: &Dataset, split: &Split, setup: ComparisonSetup) -> Self {
        ModelComparison {
            train: Part::of(data, &split.train),
            val: Part::of(data, &split.val),
            test: Part::of(data, &split.test),
            data: data.clone(),
            split: split.clone(),
            setup,
            rows: Default::default(),
            stage: 0,
            elapsed: 0.0,
            tree: None,
            forest: None,
            boosting: None,
            network: None,
            tested: false,
        }
    }

    /// The table so far: tree, forest, boosting, network (`None` until fitted).
    pub fn rows(&self) -> &[Option<Row>; MODELS] {
        &self.rows
    }

    /// One slice of fitting, its time (by `now`, in ms) counted to the model it went to; a
    /// model that is finished is scored on the validation points (outside its fit time).
    pub fn step_timed(&mut self, now: &dyn Fn() -> f64) {
        let Some(&model) = Compared::ALL.get(self.stage) else { return };
        let t0 = now();
        let finished = self.fit_slice(model);
        self.elapsed += now() - t0;
        let (val_acc, error) = match finished {
            Ok(false) => return,
            Ok(true) => (self.score(Role::Validation, model), None),
            Err(e) => (None, Some(e)),
        };
        self.rows[self.stage] = Some(Row { val_acc, fit_ms: self.elapsed, test_acc: None, error });
        self.stage += 1;
        self.elapsed = 0.0;
    }

    /// Fits a slice of `model`: whether it is now finished, or why it cannot be fitted.
    fn fit_slice(&mut self, model: Compared) -> Result<bool, ParamError> {
        let (train, s) = (&self.train, &self.setup);
        Ok(match model {
            Compared::Tree => {
                self.tree = Some(DecisionTree::fit(&train.x, 2, &train.y, &s.tree)?);
                true
            }
            Compared::Forest => {
                let f = made(&mut self.forest, || RandomForest::new(&train.x, 2, &train.y, &s.forest))?;
                f.grow(FOREST_TREES_PER_STEP);
                f.is_complete()
            }
            Compared::Boosting => {
                let b = made(&mut self.boosting, || GradientBoosting::new(&train.x, 2, &train.y, &s.boosting))?;
                b.grow(BOOSTING_ROUNDS_PER_STEP) == 0 || b.is_complete()
            }
            Compared::Network => {
                let t = made(&mut self.network, || Trainer::new(&self.data, &self.split, &s.network))?;
                for _ in 0..NETWORK_EPOCHS_PER_STEP {
                    if t.epoch() < s.network_epochs && !t.diverged() {
                        t.step_epoch();
                    }
                }
                t.epoch() >= s.network_epochs || t.diverged()
            }
        })
    }

    /// Accuracy of the fitted `model` on the validation or test points.
    fn score(&mut self, role: Role, model: Compared) -> Option<f32> {
        let part = if role == Role::Test { &self.test } else { &self.val };
        let mut pred = vec![0.0; part.y.len()];
        let predicted = match model {
            Compared::Tree => self.tree.as_ref().map(|t| t.predict_into(&part.x, &mut pred)),
            Compared::Forest => self.forest.as_ref().map(|f| f.predict_into(&part.x, &mut pred)),
            Compared::Boosting => self.boosting.as_ref().map(|b| b.predict_into(&part.x, b.rounds_done(), &mut pred)),
            // The network scores its own split (its inputs are its features of the points).
            Compared::Network => return self.network.as_mut().and_then(|t| t.metrics(role).accuracy).filter(|a| a.is_finite()),
        };
        predicted?.ok()?;
        label_accuracy(self.data.classes, &part.y, &pred)
    }

    /// Whether the test set may be looked at: all four fitted, test points exist, not looked yet.
    pub fn can_evaluate_test(&self) -> bool {
        self.stage >= MODELS && !self.test.y.is_empty() && !self.tested
    }

    /// Scores the four models on the test set — once; `false` (and nothing changes) otherwise.
    pub fn evaluate_test(&mut self) -> bool {
        if !self.can_evaluate_test() {
            return false;
        }
        for (i, model) in Compared::ALL.into_iter().enumerate() {
            let acc = self.score(Role::Test, model);
            if let Some(row) = &mut self.rows[i] {
                row.test_acc = acc;
            }
        }
        self.tested = true;
        true
    }

    /// The test set was looked at.
    pub fn tested(&self) -> bool {
        self.tested
    }
}

impl Stepping for ModelComparison {
    /// One slice, untimed (fit times stay 0): pages use [`ModelComparison::step_timed`].
    fn step(&mut self) {
        self.step_timed(&|| 0.0);
    }
    fn done(&self) -> bool {
        self.stage >= MODELS
    }
    fn progress(&self) -> Progress {
        Progress { done: self.stage, total: Some(MODELS) }
    }
}
