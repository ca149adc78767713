//! # How good is the fitted model, on rows it did not learn from
//!
//! [`evaluate`] scores a [`Fitted`] model on validation or test rows with the measures of
//! [`crate::metrics::scores`] (scikit-learn's conventions, in `f64`):
//!
//! - **classification**: accuracy `(1/n) Σ [ŷᵢ = yᵢ]`; the confusion matrix `C[t][p]` = rows of
//!   true class `t` predicted `p` (`n_classes × n_classes`, row = truth); per class precision
//!   `tp/(tp + fp)`, recall `tp/(tp + fn)` and F1 `2tp/(2tp + fp + fn)` (0 when a denominator is
//!   0) and their macro average over the classes present in the truth or the predictions; with
//!   two classes, the ROC curve and its AUC from the score `P(class 1)` (none when the rows hold
//!   a single class: a ROC curve needs both);
//! - **regression**: MAE `(1/n) Σ |y − ŷ|`, RMSE `√((1/n) Σ (y − ŷ)²)`, `R² = 1 − SS_res/SS_tot`.
//!
//! **Permutation importance** ([`importance_run`]) asks how much the model needs each feature:
//! shuffle one column of the rows, score again (accuracy, or R²), and the drop is the feature's
//! importance ([`crate::metrics::importance`]). It is a [`Stepping`](crate::stepping::Stepping)
//! doing one (feature, repeat) per step — with one repeat, one feature per step.

use crate::data::dataset::Problem;
use crate::error::ParamError;
use crate::metrics::importance::PermutationImportance;
use crate::metrics::scores::{accuracy, r2_score, regression_scores, roc_curve, trapezoid_area, ClassScores, Prf, RegressionScores, RocCurve};
use crate::shared::check_rows;

use super::models::Fitted;

/// The classification scores of [`evaluate`] (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct ClassEvaluation {
    pub accuracy: f64,
    /// Mean of the per-class scores over the classes present in the truth or the predictions.
    pub macro_avg: Prf,
    /// Per class `0..n_classes` (0 for a class neither true nor predicted).
    pub per_class: Vec<Prf>,
    /// `n_classes × n_classes`, row-major: row = true class, column = predicted class.
    pub confusion: Vec<u32>,
    pub n_classes: usize,
    /// Two classes only, both present in the rows: score = `P(class 1)`.
    pub roc: Option<RocCurve>,
    pub auc: Option<f64>,
}

/// Scores of a fitted model on some rows: one of the two parts, by the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Rows scored.
    pub rows: usize,
    pub classification: Option<ClassEvaluation>,
    pub regression: Option<RegressionScores>,
}

/// Scores `fitted` on rows `x` (`rows × n_features`) with targets `y` (module docs).
/// `n_classes` must be the model's (0 for regression): it says how the targets are read.
///
/// Errors: `"points"` (no rows, not whole rows, NaN or infinite), `"y"` (length, NaN or
/// infinite, a class index not below `n_classes`), `"n_classes"` (not the model's).
pub fn evaluate(fitted: &Fitted, x: &[f32], y: &[f32], n_classes: usize) -> Result<Evaluation, ParamError> {
    if n_classes != fitted.n_classes() {
        let k = fitted.n_classes() as f64;
        return Err(ParamError::out_of_range("n_classes", k, k, n_classes as f64));
    }
    let n = check_rows(x, fitted.n_features())?;
    if n == 0 {
        return Err(ParamError::too_few("points", 1, 0));
    }
    if y.len() != n {
        return Err(ParamError::length_mismatch("y", n, y.len()));
    }
    if let Some(&v) = y.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("y", v.into()));
    }
    let predicted = fitted.predict(x)?;
    let positive = match (fitted.problem(), n_classes) {
        (Problem::Classification, 2) => Some(fitted.predict_proba(x)?.unwrap_or_default().chunks_exact(2).map(|p| p[1]).collect::<Vec<f32>>()),
        _ => None,
    };
    evaluate_predictions(fitted.problem(), n_classes, y, &predicted, positive.as_deref())
}

/// The scores of predictions already made — what [`evaluate`] computes once it has predicted:
/// `predicted` holds a class index or a value per row of `y`, and `positive` (two classes only)
/// the probability of class 1 per row, for the ROC curve. The data lab predicts a large
/// validation set a slice of rows per frame and scores it here.
///
/// Errors: `"y"` (empty, NaN or infinite, a class index not below `n_classes`), `"predicted"`
/// or `"positive"` (not one per row).
pub fn evaluate_predictions(problem: Problem, n_classes: usize, y: &[f32], predicted: &[f32], positive: Option<&[f32]>) -> Result<Evaluation, ParamError> {
    let n = y.len();
    if n == 0 {
        return Err(ParamError::too_few("y", 1, 0));
    }
    if predicted.len() != n {
        return Err(ParamError::length_mismatch("predicted", n, predicted.len()));
    }
    if let Some(&v) = y.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("y", v.into()));
    }
    if problem == Problem::Regression {
        return Ok(Evaluation { rows: n, classification: None, regression: Some(regression_scores(y, predicted)?) });
    }
    let k = n_classes;
    if let Some(&v) = y.iter().find(|&&v| !(v >= 0.0 && v.fract() == 0.0 && (v as usize) < k)) {
        return Err(ParamError::not_whole("y", 0.0, k.saturating_sub(1) as f64, v.into()));
    }
    let scores = ClassScores::new(y, predicted)?;
    // ClassScores sizes itself by the largest class seen; the page wants all n_classes.
    let mut confusion = vec![0u32; k * k];
    for t in 0..k {
        for p in 0..k {
            confusion[t * k + p] = if t < scores.n_classes() && p < scores.n_classes() { scores.confusion.get(t, p) } else { 0 };
        }
    }
    let zero = Prf { precision: 0.0, recall: 0.0, f1: 0.0 };
    let per_class: Vec<Prf> = (0..k).map(|c| scores.per_class.get(c).copied().unwrap_or(zero)).collect();
    let (roc, auc) = match (k, positive) {
        (2, Some(score)) => {
            if score.len() != n {
                return Err(ParamError::length_mismatch("positive", n, score.len()));
            }
            // A single class among the rows has no ROC curve: not an error, just none.
            match roc_curve(y, score) {
                Ok(curve) => {
                    let area = trapezoid_area(&curve.fpr, &curve.tpr);
                    (Some(curve), Some(area))
                }
                Err(_) => (None, None),
            }
        }
        _ => (None, None),
    };
    Ok(Evaluation {
        rows: n,
        classification: Some(ClassEvaluation {
            accuracy: scores.accuracy,
            macro_avg: scores.macro_average(),
            per_class,
            confusion,
            n_classes: k,
            roc,
            auc,
        }),
        regression: None,
    })
}

/// The predictor of an importance run: a fitted model's predictions (empty when refused, which
/// the score turns into NaN).
pub type ImportancePredict = Box<dyn FnMut(&[f32]) -> Vec<f32>>;
/// The score of an importance run: accuracy or R² (NaN when refused).
pub type ImportanceScore = Box<dyn FnMut(&[f32], &[f32]) -> f64>;
/// Permutation importance of a fitted model, one (feature, repeat) per step.
pub type ImportanceRun = PermutationImportance<ImportancePredict, ImportanceScore>;

/// Permutation importance of `fitted` on rows `x` with targets `y` (module docs), scored by
/// accuracy (classification) or R² (regression), `n_repeats` seeded permutations per feature.
/// The run owns a copy of the model. Errors: `"points"` (empty, not whole rows, NaN or
/// infinite), `"y"` (length), `"n_repeats"` (0).
pub fn importance_run(fitted: &Fitted, x: &[f32], y: &[f32], n_repeats: usize, seed: u64) -> Result<ImportanceRun, ParamError> {
    let model = fitted.clone();
    let predict: ImportancePredict = Box::new(move |x: &[f32]| model.predict(x).unwrap_or_default());
    let score: ImportanceScore = match fitted.problem() {
        Problem::Classification => Box::new(|t: &[f32], p: &[f32]| accuracy(t, p).unwrap_or(f64::NAN)),
        Problem::Regression => Box::new(|t: &[f32], p: &[f32]| r2_score(t, p).unwrap_or(f64::NAN)),
    };
    PermutationImportance::new(x, fitted.n_features(), y, n_repeats, seed, predict, score)
}
