//! The models of the data lab, fitted in frame-sized steps: the split, the preparation learned
//! from the training rows, each chosen model fitted (timed by the page's clock) and scored on
//! validation, then the best model's permutation importances. The test set is scored once, when
//! the learner asks — or at once in a demonstration, whose lesson is the test score.
//!
//! A demonstration fits every model twice: in the trap (a leaking column, scaling fitted on
//! every row, a test set drawn from another region) and honestly, side by side. Every number is
//! core's (`perplexed_core::workflow`, `table::prepare`).

use perplexed_core::data::dataset::Problem;
use perplexed_core::data::split::Split;
use perplexed_core::error::ParamError;
use perplexed_core::metrics::importance::Importances;
use perplexed_core::stepping::Stepping;
use perplexed_core::table::prepare::Prepared;
use perplexed_core::table::{Kind, PrepError, PrepSpec, Preparation, Table};
use perplexed_core::data::split::Role;
use perplexed_core::table::Values;
use perplexed_core::workflow::{evaluate_predictions, importance_run, shifted_split, split_rows, stratified_folds, with_leak_column, Evaluation, Fitted, ImportanceRun, ModelFit, ModelKind, SplitSpec};

use super::params::{DataParams, Demo};

/// Permutations per feature for the importances.
pub const IMPORTANCE_REPEATS: usize = 3;
/// Rows a step predicts when scoring (k-NN: fewer, see [`rows_per_scoring_step`]).
const SCORE_ROWS: usize = 2000;

/// Rows one scoring step predicts: a k-NN prediction compares a row with every stored training
/// row, so its slices shrink as the model grows (about 4 million multiply-adds a step).
fn rows_per_scoring_step(kind: ModelKind, rows_used: usize, n_features: usize) -> usize {
    match kind {
        ModelKind::Knn => (4_000_000 / (rows_used * n_features).max(1)).clamp(16, SCORE_ROWS),
        _ => SCORE_ROWS,
    }
}

/// A model's predictions on validation or test rows, made a slice of rows per step.
struct Scoring {
    /// The result being scored, and whether the test rows (else the validation rows).
    k: usize,
    test: bool,
    predicted: Vec<f32>,
    /// P(class 1) per row, two classes only.
    positive: Vec<f32>,
}

/// Why the models cannot be fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupError {
    /// No target column (the table is empty, or the address names a column it lacks).
    NoTarget,
    /// The preparation refused (no features, too many categories, one class…).
    Prep(PrepError),
    /// Core refused a split or a table.
    Param(ParamError),
    /// The shift demonstration needs a numeric feature.
    NoShiftColumn,
}

/// One model of one variant.
pub struct ModelResult {
    pub kind: ModelKind,
    /// Milliseconds spent fitting, by the page's clock.
    pub fit_ms: f64,
    pub rows_used: usize,
    pub fitted: Option<Fitted>,
    pub val: Option<Evaluation>,
    pub test: Option<Evaluation>,
    /// Core refused this model here (the network's input limit…).
    pub error: Option<ParamError>,
}

/// The trap or the honest way: its split, preparation, prepared rows and models.
pub struct Variant {
    pub split: Split,
    pub prep: Preparation,
    pub train: Prepared,
    pub val: Prepared,
    pub test: Prepared,
    pub results: Vec<ModelResult>,
    /// The fit under way: its index in `results`.
    fitting: Option<(usize, ModelFit)>,
    next: usize,
    /// Scorings to make (result, test rows), and the one under way.
    pending: std::collections::VecDeque<(usize, bool)>,
    scoring: Option<Scoring>,
}

impl Variant {
    fn new(table: &Table, spec: &PrepSpec, split: Split, leaky_scaling: bool, models: &[ModelKind]) -> Result<Variant, SetupError> {
        let prep = if leaky_scaling { Preparation::fit_on_all_rows_leaky(table, spec) } else { Preparation::fit(table, spec, &split.train) }.map_err(SetupError::Prep)?;
        let rows = |r: &[usize]| prep.transform(table, r).map_err(SetupError::Prep);
        let (train, val, test) = (rows(&split.train)?, rows(&split.val)?, rows(&split.test)?);
        if train.y.is_empty() {
            return Err(SetupError::Prep(PrepError::NoCompleteRows));
        }
        let results = models.iter().map(|&kind| ModelResult { kind, fit_ms: 0.0, rows_used: 0, fitted: None, val: None, test: None, error: None }).collect();
        Ok(Variant { split, prep, train, val, test, results, fitting: None, next: 0, pending: Default::default(), scoring: None })
    }

    pub fn problem(&self) -> Problem {
        self.prep.problem()
    }

    pub fn n_classes(&self) -> usize {
        match self.problem() {
            Problem::Classification => self.prep.classes().len(),
            Problem::Regression => 0,
        }
    }

    fn done(&self) -> bool {
        self.fitting.is_none() && self.next >= self.results.len() && self.scoring.is_none() && self.pending.is_empty()
    }

    /// One slice of the scoring under way; its evaluation once every row is predicted.
    fn score_step(&mut self) {
        let Some(mut s) = self.scoring.take() else { return };
        let n_classes = self.n_classes();
        let r = &self.results[s.k];
        let (Some(fitted), rows) = (r.fitted.as_ref(), if s.test { &self.test } else { &self.val }) else { return };
        let d = rows.n_features;
        let total = rows.y.len();
        let take = rows_per_scoring_step(r.kind, r.rows_used, d).min(total - s.predicted.len());
        let at = s.predicted.len();
        let x = &rows.x[at * d..(at + take) * d];
        match fitted.predict(x) {
            Ok(p) => s.predicted.extend(p),
            Err(e) => {
                self.results[s.k].error = Some(e);
                return;
            }
        }
        if n_classes == 2 {
            if let Ok(Some(p)) = fitted.predict_proba(x) {
                s.positive.extend(p.chunks_exact(2).map(|p| p[1]));
            }
        }
        if s.predicted.len() < total {
            self.scoring = Some(s);
            return;
        }
        let positive = (n_classes == 2 && s.positive.len() == total).then_some(&s.positive[..]);
        let e = evaluate_predictions(self.problem(), n_classes, &rows.y, &s.predicted, positive).ok();
        let r = &mut self.results[s.k];
        if s.test { r.test = e } else { r.val = e }
    }

    /// One step of the current model (starting the next when none is under way), or of a
    /// scoring.
    fn step(&mut self, seed: u64, score_test: bool, now: &dyn Fn() -> f64) {
        if self.scoring.is_some() {
            self.score_step();
            return;
        }
        if let Some((k, test)) = self.pending.pop_front() {
            let rows = if test { &self.test } else { &self.val };
            if !rows.y.is_empty() && self.results[k].fitted.is_some() {
                self.scoring = Some(Scoring { k, test, predicted: Vec::with_capacity(rows.y.len()), positive: Vec::new() });
            }
            return;
        }
        if self.fitting.is_none() {
            let Some(k) = (self.next < self.results.len()).then_some(self.next) else { return };
            self.next += 1;
            let kind = self.results[k].kind;
            let started = now();
            match ModelFit::new(kind, self.problem(), self.n_classes(), &self.train.x, self.train.n_features, &self.train.y, seed) {
                Ok(fit) => {
                    self.results[k].rows_used = fit.rows_used();
                    self.fitting = Some((k, fit));
                }
                Err(e) => self.results[k].error = Some(e),
            }
            self.results[k].fit_ms += now() - started;
            return;
        }
        let Some((k, mut fit)) = self.fitting.take() else { return };
        let started = now();
        fit.step();
        self.results[k].fit_ms += now() - started;
        if !fit.done() {
            self.fitting = Some((k, fit));
            return;
        }
        match fit.finish() {
            Ok(fitted) => {
                self.results[k].fitted = Some(fitted);
                self.pending.push_back((k, false));
                if score_test {
                    self.pending.push_back((k, true));
                }
            }
            Err(e) => self.results[k].error = Some(e),
        }
    }

    /// The model with the best validation score (accuracy, or R²).
    pub fn best(&self) -> Option<usize> {
        let key = |r: &ModelResult| r.val.as_ref().and_then(headline);
        (0..self.results.len()).filter(|&k| key(&self.results[k]).is_some_and(f64::is_finite)).max_by(|&a, &b| key(&self.results[a]).unwrap_or(f64::NAN).total_cmp(&key(&self.results[b]).unwrap_or(f64::NAN)).then(b.cmp(&a)))
    }
}

/// The one number a model is chosen by: accuracy, or R².
pub fn headline(e: &Evaluation) -> Option<f64> {
    e.classification.as_ref().map(|c| c.accuracy).or(e.regression.as_ref().map(|r| r.r2))
}

pub struct ModelsRun {
    /// The trap first in a demonstration; the honest way (alone outside one).
    pub variants: Vec<Variant>,
    /// k-fold cross-validation of every model on the training and validation rows together:
    /// one variant per fold (its validation rows the fold, no test rows), fitted after the
    /// importances. Empty when off, and in a demonstration.
    pub folds: Vec<Variant>,
    pub demo: Demo,
    pub error: Option<SetupError>,
    /// The test set has been scored (a demonstration scores it at once).
    pub test_seen: bool,
    /// The importances of the honest variant's best model on validation.
    importance: Option<(usize, ImportanceRun)>,
    pub importances: Option<(usize, Importances)>,
    /// Seeds every fit, shuffle and permutation of the run.
    seed: u64,
}

impl ModelsRun {
    pub fn new(table: &Table, params: &DataParams) -> Self {
        let seed = u64::from(params.seed);
        match Self::build(table, params) {
            Ok((variants, folds)) => ModelsRun { variants, folds, demo: params.demo, error: None, test_seen: params.demo != Demo::None, importance: None, importances: None, seed },
            Err(e) => ModelsRun { variants: Vec::new(), folds: Vec::new(), demo: params.demo, error: Some(e), test_seen: false, importance: None, importances: None, seed },
        }
    }

    /// The folds of the honest split's training and validation rows, each as a variant.
    fn cross_validation(table: &Table, spec: &PrepSpec, split: &Split, k: usize, models: &[ModelKind], seed: u64) -> Result<Vec<Variant>, SetupError> {
        // In increasing order, read off the split's roles (no sort).
        let rows: Vec<usize> = split.roles.iter().enumerate().filter(|(_, role)| matches!(role, Role::Train | Role::Validation)).map(|(r, _)| r).collect();
        // Stratified by the target's class (codes as numbers; a missing target is its own group,
        // and the preparation drops it).
        let labels: Option<Vec<f32>> = match table.column(spec.target).map(|c| c.values()) {
            Some(Values::Categorical { codes, .. }) => Some(rows.iter().map(|&r| codes[r] as f32).collect()),
            _ => None,
        };
        let folds = stratified_folds(&rows, labels.as_deref(), k, seed).map_err(SetupError::Param)?;
        folds
            .into_iter()
            .map(|(train, val)| {
                let mut roles = vec![Role::Test; table.n_rows()];
                for &r in &train {
                    roles[r] = Role::Train;
                }
                for &r in &val {
                    roles[r] = Role::Validation;
                }
                Variant::new(table, spec, Split { roles, train, val, test: Vec::new() }, false, models)
            })
            .collect()
    }

    fn build(table: &Table, params: &DataParams) -> Result<(Vec<Variant>, Vec<Variant>), SetupError> {
        let n = table.n_columns();
        let target = params.target_column(n).ok_or(SetupError::NoTarget)?;
        let features = params.feature_columns(n);
        let mut spec = PrepSpec::new(target, features.clone());
        spec.missing = params.missing;
        spec.standardise = params.standardise;
        let models: Vec<ModelKind> = params.models.iter().filter_map(|s| ModelKind::from_slug(s)).collect();
        let seed = u64::from(params.seed);
        let split_spec = SplitSpec { train_pct: params.train, val_pct: params.val, stratified: params.stratified, seed };
        let honest_split = split_rows(table, target, &split_spec).map_err(SetupError::Param)?;
        let honest = |split: Split| Variant::new(table, &spec, split, false, &models);
        Ok(match params.demo {
            Demo::None => {
                let folds = match params.folds {
                    0 => Vec::new(),
                    k => Self::cross_validation(table, &spec, &honest_split, k, &models, seed)?,
                };
                return Ok((vec![honest(honest_split)?], folds));
            }
            Demo::Scaling => {
                let trap = Variant::new(table, &spec, honest_split.clone(), true, &models)?;
                vec![trap, honest(honest_split)?]
            }
            Demo::Shift => {
                let by = shift_column(table, params, &features).ok_or(SetupError::NoShiftColumn)?;
                let test_pct = 100 - params.train - params.val;
                let shifted = shifted_split(table, by, params.val, test_pct, seed).map_err(SetupError::Param)?;
                vec![honest(shifted)?, honest(honest_split)?]
            }
            Demo::Leak => {
                let leaky = with_leak_column(table, target, &honest_split, seed).map_err(SetupError::Param)?;
                let mut leak_spec = spec.clone();
                leak_spec.features.push(leaky.n_columns() - 1);
                let trap = Variant::new(&leaky, &leak_spec, honest_split.clone(), false, &models)?;
                vec![trap, honest(honest_split)?]
            }
        }).map(|variants| (variants, Vec::new()))
    }

    /// The honest variant (the last).
    pub fn honest(&self) -> Option<&Variant> {
        self.variants.last()
    }

    /// One step: the next model's fit, then the importances.
    pub fn step(&mut self, now: &dyn Fn() -> f64) -> bool {
        let (seed, score_test) = (self.seed, self.test_seen);
        if let Some(v) = self.variants.iter_mut().find(|v| !v.done()) {
            v.step(seed, score_test, now);
            return true;
        }
        if self.importances.is_none() && self.importance.is_none() {
            let Some(v) = self.variants.last() else { return false };
            let Some(best) = v.best() else { return false };
            match v.results[best].fitted.as_ref().map(|f| importance_run(f, &v.val.x, &v.val.y, IMPORTANCE_REPEATS, seed)) {
                Some(Ok(run)) => self.importance = Some((best, run)),
                _ => return false,
            }
            return true;
        }
        if let Some((best, mut run)) = self.importance.take() {
            run.step();
            if run.done() {
                self.importances = Some((best, run.importances()));
            } else {
                self.importance = Some((best, run));
            }
            return true;
        }
        if let Some(f) = self.folds.iter_mut().find(|v| !v.done()) {
            f.step(seed, false, now);
            return true;
        }
        false
    }

    /// Evaluations made so far, in every variant and fold: moves whenever a score appears.
    pub fn scored(&self) -> usize {
        self.variants.iter().chain(&self.folds).flat_map(|v| &v.results).map(|r| usize::from(r.val.is_some()) + usize::from(r.test.is_some())).sum()
    }

    /// Folds done, and in all.
    pub fn folds_done(&self) -> (usize, usize) {
        (self.folds.iter().filter(|f| f.done()).count(), self.folds.len())
    }

    /// Model `k`'s cross-validated scores (accuracy or R²), once every fold has scored it.
    pub fn fold_scores(&self, k: usize) -> Option<Vec<f64>> {
        if self.folds.is_empty() {
            return None;
        }
        self.folds.iter().map(|f| f.results.get(k).and_then(|r| r.val.as_ref()).and_then(headline)).collect()
    }

    pub fn done(&self) -> bool {
        self.error.is_some()
            || (self.variants.iter().all(Variant::done)
                && self.importance.is_none()
                && (self.importances.is_some() || self.variants.last().is_none_or(|v| v.best().is_none()))
                && self.folds.iter().all(Variant::done))
    }

    /// Models fitted so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        let done = self.variants.iter().map(|v| v.next - usize::from(v.fitting.is_some())).sum();
        (done, self.variants.iter().map(|v| v.results.len()).sum())
    }

    /// Scores every fitted model on the test set (in steps, as the frames run): the one look.
    pub fn reveal_test(&mut self) {
        self.test_seen = true;
        for v in &mut self.variants {
            for k in 0..v.results.len() {
                if v.results[k].fitted.is_some() && v.results[k].test.is_none() {
                    v.pending.push_back((k, true));
                }
            }
        }
    }

    /// The control an error points at (for the invalid-control outline).
    pub fn error_field(&self) -> Option<&'static str> {
        match &self.error {
            Some(SetupError::NoTarget) => Some("target"),
            Some(SetupError::Prep(PrepError::NoFeatures | PrepError::TooManyFeatures { .. } | PrepError::TooManyCategories { .. } | PrepError::NoValues { .. })) => Some("features"),
            Some(SetupError::Prep(PrepError::OneClass { .. } | PrepError::TargetAsFeature { .. })) => Some("target"),
            Some(SetupError::Prep(PrepError::NoTrainingRows | PrepError::NoCompleteRows)) => Some("train"),
            Some(SetupError::NoShiftColumn) => Some("shift_by"),
            _ => None,
        }
    }
}

/// The shift demonstration's column: the one asked for if it is a numeric feature, else the first
/// numeric feature.
pub fn shift_column(table: &Table, params: &DataParams, features: &[usize]) -> Option<usize> {
    let numeric = |c: usize| table.column(c).is_some_and(|col| col.kind() == Kind::Numeric);
    let asked = params.shift_by.checked_sub(1).filter(|&c| features.contains(&c) && numeric(c));
    asked.or_else(|| features.iter().copied().find(|&c| numeric(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::models::saved_leaf as leaf;
    use perplexed_core::table::{parse, Table};

    fn table(name: &str) -> Table {
        let path = format!("{}/../../web/data/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        Table::from_raw(parse(&text).unwrap())
    }

    fn run_to_end(t: &Table, p: &DataParams) -> ModelsRun {
        let mut m = ModelsRun::new(t, p);
        let mut steps = 0;
        while !m.done() {
            m.step(&|| 0.0);
            steps += 1;
            assert!(steps < 100_000, "never done");
        }
        m
    }

    fn numbers(v: &serde_json::Value) -> Vec<f64> {
        v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
    }

    fn argmax(v: &[f64]) -> f32 {
        (0..v.len()).fold(0, |b, k| if v[k] > v[b] { k } else { b }) as f32
    }

    /// The saved models predict what the fitted ones do on iris's validation rows, worked out
    /// from the file alone: the logistic scores, the tree's leaves, boosting's rounds of trees
    /// (three scores, softmax), the network's weights (tanh, then the outputs).
    #[test]
    fn the_saved_models_predict_what_the_fitted_ones_do() {
        let t = table("iris.csv");
        let m = run_to_end(&t, &DataParams::default());
        let v = m.honest().unwrap();
        let json: serde_json::Value = serde_json::from_str(&super::super::models_panel::models_json(v)).unwrap();
        assert_eq!(json["problem"], "classification");
        assert_eq!(json["features"].as_array().unwrap().len(), 4);
        assert_eq!(json["features"][2], "petal_length_cm");
        assert_eq!(json["classes"].as_array().unwrap().len(), 3);
        let models = json["models"].as_array().unwrap();
        assert_eq!(models.len(), 6);
        for (saved, r) in models.iter().zip(&v.results) {
            assert_eq!(saved["model"], r.kind.slug());
            let fitted = r.fitted.as_ref().unwrap();
            let want = fitted.predict(&v.val.x).unwrap();
            let f = &saved["fitted"];
            for (row, &w) in v.val.x.chunks(4).zip(&want) {
                let got = match r.kind {
                    ModelKind::Linear => {
                        let scores: Vec<f64> = (0..3).map(|k| f["intercepts"][k].as_f64().unwrap() + numbers(&f["coefficients"][k]).iter().zip(row).map(|(c, &x)| c * f64::from(x)).sum::<f64>()).collect();
                        argmax(&scores)
                    }
                    ModelKind::Tree => argmax(&numbers(&leaf(&f["nodes"], row)["value"])),
                    ModelKind::Boosting => {
                        let nu = f["learning_rate"].as_f64().unwrap();
                        let mut scores = numbers(&f["init"]);
                        for round in f["rounds"].as_array().unwrap() {
                            for (k, s) in scores.iter_mut().enumerate() {
                                *s += nu * leaf(&round[k]["nodes"], row)["value"][0].as_f64().unwrap();
                            }
                        }
                        argmax(&scores)
                    }
                    ModelKind::Mlp => {
                        let mut a: Vec<f64> = row.iter().map(|&x| f64::from(x)).collect();
                        let layers = f["network"]["layers"].as_array().unwrap();
                        for (l, layer) in layers.iter().enumerate() {
                            let biases = numbers(&layer["biases"]);
                            let weights: Vec<Vec<f64>> = layer["weights"].as_array().unwrap().iter().map(numbers).collect();
                            a = (0..biases.len()).map(|to| {
                                let z = biases[to] + a.iter().enumerate().map(|(from, x)| x * weights[from][to]).sum::<f64>();
                                if l + 1 < layers.len() { z.tanh() } else { z }
                            }).collect();
                        }
                        argmax(&a)
                    }
                    // The forest's trees vote by mean shares; k-NN keeps only its k.
                    ModelKind::Forest => {
                        let trees = f["trees"].as_array().unwrap();
                        let mut shares = vec![0.0; 3];
                        for tree in trees {
                            for (s, v) in shares.iter_mut().zip(numbers(&leaf(&tree["nodes"], row)["value"])) {
                                *s += v;
                            }
                        }
                        argmax(&shares)
                    }
                    ModelKind::Knn => {
                        assert_eq!(f["k"], 5);
                        w
                    }
                };
                assert_eq!(got, w, "{:?} on {row:?}", r.kind);
            }
        }
    }

    /// The page's default on iris: every model fitted and scored on validation, the best above
    /// 90 %, the importances of the best model found, the test set not looked at.
    #[test]
    fn iris_models_are_compared_on_validation() {
        let t = table("iris.csv");
        let m = run_to_end(&t, &DataParams::default());
        assert!(m.error.is_none());
        let v = m.honest().unwrap();
        assert_eq!(v.results.len(), 6);
        for r in &v.results {
            let acc = r.val.as_ref().and_then(headline).unwrap();
            assert!(acc >= 0.85, "{:?}: {acc}", r.kind);
            assert!(r.test.is_none(), "the test set waits");
        }
        let best = v.best().unwrap();
        assert!(headline(v.results[best].val.as_ref().unwrap()).unwrap() >= 0.9);
        let (b, imp) = m.importances.as_ref().unwrap();
        assert_eq!(*b, best);
        assert_eq!(imp.mean.len(), 4);
        // Petal measurements decide iris: one of them is the most important feature.
        let top = (0..4).max_by(|&a, &b| imp.mean[a].total_cmp(&imp.mean[b])).unwrap();
        assert!(top >= 2, "{:?}", imp.mean);
    }

    /// The concept card's preset: with the leaking column, validation is perfect and the test
    /// set (where the column is not known yet) much lower than the honest model's.
    #[test]
    fn the_leak_preset_shows_success_in_training_and_failure_in_battle() {
        let t = table("breast-cancer.csv");
        let (p, rejected) = crate::query::read_query::<DataParams>(super::super::CONCEPT_PRESET);
        assert!(rejected.is_empty());
        let p = DataParams { models: vec!["tree".into()], ..p };
        let m = run_to_end(&t, &p);
        assert_eq!(m.variants.len(), 2);
        let (trap, honest) = (&m.variants[0].results[0], &m.variants[1].results[0]);
        let score = |e: &Option<Evaluation>| e.as_ref().and_then(headline).unwrap();
        assert!(score(&trap.val) >= 0.99, "validation with the leak: {}", score(&trap.val));
        assert!(score(&trap.test) < score(&honest.test) - 0.2, "trap test {} honest test {}", score(&trap.test), score(&honest.test));
    }

    /// The shift: the test rows are the largest of a column, and the regression's test R² falls
    /// far below its validation R².
    #[test]
    fn a_shifted_test_set_fails_what_validation_promised() {
        let t = table("breast-cancer.csv");
        // Predict mean_area (column 4) from the other measurements, test = the largest mean_radius.
        let p = DataParams { target: 4, demo: Demo::Shift, shift_by: 1, models: vec!["tree".into()], ..DataParams::default() };
        let m = run_to_end(&t, &p);
        let trap = &m.variants[0].results[0];
        let (val, test) = (headline(trap.val.as_ref().unwrap()).unwrap(), headline(trap.test.as_ref().unwrap()).unwrap());
        assert!(test < val - 0.3, "val {val} test {test}");
    }

    #[test]
    fn the_test_set_is_scored_once_asked() {
        let t = table("iris.csv");
        let mut m = run_to_end(&t, &DataParams { models: vec!["knn".into()], ..DataParams::default() });
        assert!(m.honest().unwrap().results[0].test.is_none());
        m.reveal_test();
        assert!(m.test_seen && !m.done(), "scored in steps");
        while !m.done() {
            m.step(&|| 0.0);
        }
        let v = m.honest().unwrap();
        let direct = perplexed_core::workflow::evaluate(v.results[0].fitted.as_ref().unwrap(), &v.test.x, &v.test.y, 3).unwrap();
        assert_eq!(v.results[0].test.as_ref(), Some(&direct), "the sliced scoring is the whole one");
    }

    /// Five folds of the training and validation rows: every model scored on each, the folds
    /// partitioning those rows, the test rows in none.
    #[test]
    fn cross_validation_scores_every_model_on_every_fold() {
        let t = table("iris.csv");
        let m = run_to_end(&t, &DataParams { folds: 5, models: vec!["linear".into(), "knn".into()], ..DataParams::default() });
        assert_eq!(m.folds_done(), (5, 5));
        let honest = m.honest().unwrap();
        let mut seen: Vec<usize> = m.folds.iter().flat_map(|f| f.split.val.clone()).collect();
        seen.sort_unstable();
        let mut expected: Vec<usize> = honest.split.train.iter().chain(&honest.split.val).copied().collect();
        expected.sort_unstable();
        assert_eq!(seen, expected, "each training or validation row in exactly one fold");
        for k in 0..2 {
            let scores = m.fold_scores(k).unwrap();
            assert_eq!(scores.len(), 5);
            assert!(scores.iter().all(|&s| s >= 0.8), "{scores:?}");
        }
        assert!(ModelsRun::new(&t, &DataParams::default()).fold_scores(0).is_none(), "off by default");
    }

    #[test]
    fn refusals_name_their_control() {
        let t = table("iris.csv");
        let m = ModelsRun::new(&t, &DataParams { target: 9, ..DataParams::default() });
        assert_eq!((m.error.clone(), m.error_field()), (Some(SetupError::NoTarget), Some("target")));
        let m = ModelsRun::new(&t, &DataParams { exclude: vec![1, 2, 3, 4], ..DataParams::default() });
        assert_eq!(m.error_field(), Some("features"), "{:?}", m.error);
        assert!(m.done());
    }
}
