//! The Overfitting lab's engine room: owns the curve, its split, the polynomial sweep, the
//! small network trained over epochs with early stopping, and the hyperparameter search. It
//! orchestrates `perplexed-core`; every number comes from there.

use perplexed_core::data::curve::{generate_curve, true_value, CurveData, CurveParams};
use perplexed_core::data::features::Feature;
use perplexed_core::error::ParamError;
use perplexed_core::data::split::Split;
use perplexed_core::linear::poly::{best_degree, degree_sweep, enough_to_judge, fit_regime, PolyFit, Regime, SweepPoint, MAX_DEGREE};
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::train::early_stop::{EarlyStopRun, EarlyStopping};
use perplexed_core::stepping::{step_within, Stepping};
use perplexed_core::train::search::{CellSearch, GridSearch, PolyObjective, RandomSearch, SearchRange, SearchRun};
use perplexed_core::train::trainer::{TrainConfig, Trainer};

use super::params::{OverfitParams, SearchKind, SEARCH_LAMBDAS};

/// Sample positions for drawing curves across [-1, 1].
pub const CURVE_SAMPLES: usize = 241;
/// Epochs the network trains at most (the lesson is over long before).
pub const MAX_EPOCHS: usize = 3000;
/// Random-search budget: as many tries as the grid has cells.
pub const RANDOM_TRIES: usize = 21 * 8;

/// The three parts of the curve, as (x, y).
#[derive(Debug, Clone, Default)]
pub struct Parts {
    pub train: (Vec<f32>, Vec<f32>),
    pub val: (Vec<f32>, Vec<f32>),
    pub test: (Vec<f32>, Vec<f32>),
}

/// The degree × λ search the page runs: grid or random, chosen by the settings.
pub type Search = SearchRun<Box<dyn CellSearch>>;

pub struct OverfitEngine {
    pub params: OverfitParams,
    pub data: CurveData,
    pub split: Split,
    pub parts: Parts,
    pub xs: Vec<f32>,
    pub true_curve: Vec<f32>,
    pub sweep: Vec<SweepPoint>,
    pub fit_curve: Vec<f32>,
    pub fit_error: Option<ParamError>,
    pub regime: Option<Regime>,
    /// The validation set has points, but too few (with the training set) to judge the fit.
    pub too_few: bool,
    pub best: Option<usize>,
    pub current: Option<SweepPoint>,
    // training over epochs, with early stopping (core's loop)
    pub run: Result<EarlyStopRun, ParamError>,
    pub net_curve: Vec<f32>,
    // search
    pub search: Option<Search>,
    pub search_test: Option<(usize, f32, f32)>,
}

impl OverfitEngine {
    pub fn new(params: OverfitParams) -> Self {
        let xs: Vec<f32> = (0..CURVE_SAMPLES).map(|i| -1.0 + 2.0 * i as f32 / (CURVE_SAMPLES - 1) as f32).collect();
        let mut e = Self {
            params: params.clone(),
            data: CurveData { x: Vec::new(), y: Vec::new(), split_keys: Vec::new() },
            split: Split::all_train(0),
            parts: Parts::default(),
            true_curve: Vec::new(),
            xs,
            sweep: Vec::new(),
            fit_curve: Vec::new(),
            fit_error: None,
            regime: None,
            too_few: false,
            best: None,
            current: None,
            // Replaced by `reset_training` in `new`, before anything reads it.
            run: Err(ParamError::unsupported("run")),
            net_curve: Vec::new(),
            search: None,
            search_test: None,
        };
        e.rebuild_data();
        e
    }

    /// Applies new settings, redoing what they invalidate.
    pub fn apply(&mut self, params: OverfitParams) {
        let old = std::mem::replace(&mut self.params, params);
        if self.params.data_changed(&old) {
            self.rebuild_data();
            return;
        }
        if (self.params.degree, self.params.lambda) != (old.degree, old.lambda) {
            self.refit();
        }
        if self.params.patience != old.patience {
            self.reset_training();
        }
        if (self.params.search, self.params.folds) != (old.search, old.folds) {
            self.search = None;
            self.search_test = None;
        }
    }

    fn rebuild_data(&mut self) {
        let p = &self.params;
        let cp = CurveParams { function: p.function, points: p.points, noise: p.noise as f32 / 100.0, seed: p.seed as u64 };
        self.data = generate_curve(&cp).unwrap_or_else(|_| {
            let d = OverfitParams::default();
            generate_curve(&CurveParams { function: d.function, points: d.points, noise: 0.2, seed: 1 })
                .unwrap_or(CurveData { x: vec![0.0], y: vec![0.0], split_keys: vec![0.5] })
        });
        self.split = Split::new_or_all_train(&self.data.split_keys, p.train, p.val);
        self.parts = Parts {
            train: self.data.subset(&self.split.train),
            val: self.data.subset(&self.split.val),
            test: self.data.subset(&self.split.test),
        };
        self.true_curve = self.xs.iter().map(|&x| true_value(self.params.function, x)).collect();
        self.sweep = degree_sweep(&self.parts.train.0, &self.parts.train.1, &self.parts.val.0, &self.parts.val.1, MAX_DEGREE, self.params.lambda)
            .unwrap_or_default();
        self.best = best_degree(&self.sweep);
        self.search = None;
        self.search_test = None;
        self.refit();
        self.reset_training();
    }

    /// Fits the chosen degree and λ; the U-curve is recomputed for the new λ.
    fn refit(&mut self) {
        let (tx, ty) = &self.parts.train;
        let (vx, vy) = &self.parts.val;
        self.sweep = degree_sweep(tx, ty, vx, vy, MAX_DEGREE, self.params.lambda).unwrap_or_default();
        self.best = best_degree(&self.sweep);
        let enough = enough_to_judge(tx.len(), vx.len());
        self.regime = if enough { fit_regime(&self.sweep, self.params.degree) } else { None };
        self.too_few = !enough && !vx.is_empty();
        self.current = self.sweep.iter().find(|p| p.degree == self.params.degree).copied();
        match PolyFit::fit(tx, ty, self.params.degree, self.params.lambda) {
            Ok(fit) => {
                fit.predict_many(&self.xs, &mut self.fit_curve);
                self.fit_error = None;
            }
            Err(e) => {
                self.fit_curve.clear();
                self.fit_error = Some(e);
            }
        }
    }

    /// A fresh network for the "training time" panel.
    pub fn reset_training(&mut self) {
        let dataset = self.data.to_dataset();
        let cfg = TrainConfig {
            features: vec![Feature::X1],
            hidden: vec![32, 32],
            activation: Activation::Tanh,
            loss: Loss::Mse,
            optimizer: OptimizerKind::Adam,
            lr: 0.01,
            batch: 8,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed: self.params.seed as u64,
        };
        let stopper = EarlyStopping::new(self.params.patience.max(1)).unwrap_or_else(|_| fallback_stopper());
        self.run = Trainer::new(&dataset, &self.split, &cfg).map(|t| EarlyStopRun::new(t, stopper, MAX_EPOCHS));
        self.refresh_net_curve();
    }

    /// Trains up to `epochs` epochs; stops (and remembers where) when early stopping fires.
    /// Returns false when training is over (stopped, diverged or at the epoch limit).
    pub fn train_epochs(&mut self, epochs: usize) -> bool {
        let Ok(run) = &mut self.run else { return false };
        if run.is_over() {
            return false;
        }
        let more = run.train_epochs(epochs);
        self.refresh_net_curve();
        more
    }

    /// Puts the best epoch's weights back.
    pub fn restore_best(&mut self) -> bool {
        let Ok(run) = &mut self.run else { return false };
        let ok = run.restore_best().is_ok();
        if ok {
            self.refresh_net_curve();
        }
        ok
    }

    /// The network's trainer, if it could be built.
    pub fn trainer(&self) -> Option<&Trainer> {
        self.run.as_ref().ok().map(EarlyStopRun::trainer)
    }

    /// The epoch with the lowest validation loss so far.
    pub fn best_epoch(&self) -> Option<usize> {
        self.run.as_ref().ok().and_then(|r| r.stopper().best_epoch())
    }

    /// Where early stopping (or divergence, or the epoch limit) ended training.
    pub fn stopped_at(&self) -> Option<usize> {
        self.run.as_ref().ok().and_then(EarlyStopRun::stopped_at)
    }

    /// Whether the best epoch's weights were put back.
    pub fn restored(&self) -> bool {
        self.run.as_ref().is_ok_and(EarlyStopRun::restored)
    }

    /// Whether there are best weights to put back.
    pub fn has_best_params(&self) -> bool {
        self.run.as_ref().is_ok_and(|r| r.stopper().best_params().is_some())
    }

    fn refresh_net_curve(&mut self) {
        self.net_curve.clear();
        if let Ok(run) = &mut self.run {
            let t = run.trainer_mut();
            for &x in &self.xs {
                self.net_curve.push(t.predict_point(x, 0.0).first().copied().unwrap_or(f32::NAN));
            }
        }
    }

    /// Validation MSE of the network now (what early stopping watches).
    pub fn net_losses(&self) -> (f32, f32) {
        self.trainer().map_or((f32::NAN, f32::NAN), |t| {
            let h = t.history();
            (h.train_loss.last().copied().unwrap_or(f32::NAN), h.val_loss.last().copied().unwrap_or(f32::NAN))
        })
    }

    /// Starts a search over degree × λ, scored on validation (or k-fold on train + validation).
    pub fn start_search(&mut self) -> Result<(), ParamError> {
        let degrees: Vec<f32> = (0..=MAX_DEGREE).map(|d| d as f32).collect();
        let objective = if self.params.folds >= 2 {
            let mut idx = self.split.train.clone();
            idx.extend_from_slice(&self.split.val);
            let (x, y) = self.data.subset(&idx);
            PolyObjective::kfold(&x, &y, self.params.folds, self.params.seed as u64)
        } else {
            PolyObjective::holdout(&self.parts.train.0, &self.parts.train.1, &self.parts.val.0, &self.parts.val.1)
        }?;
        let search: Box<dyn CellSearch> = match self.params.search {
            SearchKind::Grid => Box::new(GridSearch::new(degrees, SEARCH_LAMBDAS.to_vec())?),
            SearchKind::Random => Box::new(
                RandomSearch::new(
                    SearchRange::linear(0.0, MAX_DEGREE as f32),
                    SearchRange::log(SEARCH_LAMBDAS[0], SEARCH_LAMBDAS[SEARCH_LAMBDAS.len() - 1]),
                    RANDOM_TRIES,
                    self.params.seed as u64,
                )?,
            ),
        };
        self.search = Some(SearchRun { search, objective });
        self.search_test = None;
        Ok(())
    }

    /// Scores up to `cells` more cells. Returns true while the search has cells left.
    pub fn advance_search(&mut self, cells: usize) -> bool {
        let Some(run) = &mut self.search else { return false };
        step_within(run, cells, f64::INFINITY, &|| 0.0);
        !run.done()
    }

    /// The honest ending: the search's best setting, refitted on train + validation, scored
    /// once on the test set. Returns (degree, λ, test MSE).
    pub fn evaluate_best_on_test(&mut self) -> Option<(usize, f32, f32)> {
        let best = self.search.as_ref()?.search.best_cell()?;
        if self.parts.test.0.is_empty() {
            return None;
        }
        let degree = best.a.round().clamp(0.0, MAX_DEGREE as f32) as usize;
        let mut idx = self.split.train.clone();
        idx.extend_from_slice(&self.split.val);
        let (x, y) = self.data.subset(&idx);
        let fit = PolyFit::fit(&x, &y, degree, best.b).ok()?;
        let mse = fit.mse(&self.parts.test.0, &self.parts.test.1);
        self.search_test = Some((degree, best.b, mse));
        self.search_test
    }

    /// Which fold is "rotating" in the picture: the fold of the cell being scored.
    pub fn fold_on_show(&self) -> Option<usize> {
        let k = self.params.folds;
        (k >= 2).then(|| self.search.as_ref().map_or(0, |s| s.search.tried() % k))
    }

    /// Fold of each point of train + validation, in the order the k-fold objective saw them.
    pub fn fold_assignments(&self) -> Vec<(f32, f32, usize)> {
        let k = self.params.folds;
        if k < 2 {
            return Vec::new();
        }
        let mut idx = self.split.train.clone();
        idx.extend_from_slice(&self.split.val);
        match perplexed_core::train::search::KFold::new(idx.len(), k, self.params.seed as u64) {
            Ok(f) => idx.iter().zip(f.assignments()).map(|(&i, &fold)| (self.data.x[i], self.data.y[i], fold)).collect(),
            Err(_) => Vec::new(),
        }
    }
}

fn fallback_stopper() -> EarlyStopping {
    // Patience 30 is always valid; only reached if the bounds above are ever changed.
    match EarlyStopping::new(30) {
        Ok(s) => s,
        Err(_) => unreachable!("30 is within 1..=MAX_PATIENCE"),
    }
}

impl OverfitEngine {
    /// The fitted polynomial as JSON (the body of a saved model, see `chart::tools`): its degree,
    /// λ and the coefficients `c_k` of `f̂(x) = Σ c_k·T_k(x / domain)` in core's Chebyshev basis,
    /// written in full `f64` (a high degree's coefficients cancel; rounded, they would not).
    pub fn model_json(&self) -> Option<String> {
        let (x, y) = &self.parts.train;
        let fit = PolyFit::fit(x, y, self.params.degree, self.params.lambda).ok()?;
        let coefficients = crate::components::chart::tools::json_numbers(fit.coefficients().iter().copied());
        Some(format!(
            "{{\"type\":\"polynomial regression (ridge)\",\"basis\":\"Chebyshev T_k(x / domain)\",\"domain\":{},\"degree\":{},\"lambda\":{},\"coefficients\":{coefficients}}}",
            perplexed_core::linear::poly::DOMAIN,
            self.params.degree,
            self.params.lambda,
        ))
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// The saved coefficients, summed with the Chebyshev recurrence written out here
    /// (T₀ = 1, T₁ = u, Tₖ₊₁ = 2u·Tₖ − Tₖ₋₁), draw the curve the page draws.
    #[test]
    fn the_saved_polynomial_draws_the_fitted_curve() {
        let mut reader = QueryReader::new(parse_query("degree=9&lambda=0.001"));
        let e = OverfitEngine::new(OverfitParams::from_query(&mut reader));
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("a fit")).expect("valid JSON");
        assert_eq!(json["degree"], 9);
        let c: Vec<f64> = json["coefficients"].as_array().expect("coefficients").iter().map(|v| v.as_f64().expect("a number")).collect();
        assert_eq!(c.len(), 10);
        let domain = json["domain"].as_f64().expect("the domain");
        for (&x, &drawn) in e.xs.iter().zip(&e.fit_curve).step_by(17) {
            let u = f64::from(x) / domain;
            let (mut t0, mut t1, mut sum) = (1.0, u, c[0] + c[1] * u);
            for &ck in &c[2..] {
                let t2 = 2.0 * u * t1 - t0;
                sum += ck * t2;
                (t0, t1) = (t1, t2);
            }
            assert!((sum - f64::from(drawn)).abs() < 1e-4, "x = {x}: {sum} from the file, {drawn} drawn");
        }
    }
}
