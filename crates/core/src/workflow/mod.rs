//! # The data scientist's workflow on a prepared table
//!
//! The data lab's last hour with a table (issue 21), after reading, profiling and preparing it
//! ([`crate::table`]): split the rows, fit a model, score it honestly.
//!
//! 1. [`split`]: rows into train / validation / test — random, stratified by class, or
//!    *shifted* (the test rows the largest of one column); and k folds for cross-validation;
//! 2. [`models`]: six models behind one [`ModelFit`] — linear (logistic or ridge), a tree, a
//!    forest, boosting, k-NN, a small network — each fitted a frame-sized step at a time on at
//!    most [`MAX_FIT_ROWS`] rows, and a [`Fitted`] model that predicts classes, values and
//!    class probabilities alike;
//! 3. [`evaluate`](mod@evaluate): accuracy, the confusion matrix, precision / recall / F1, ROC and AUC, or
//!    MAE / RMSE / R²; permutation importance a feature per step;
//! 4. [`demos`]: the two ways a validation score lies — a leaked column (validation nearly
//!    perfect, the test score falls) and a shifted test set.
//!
//! The order is the lesson: statistics of the preparation come from the training rows only,
//! models and settings are chosen on validation, and the test rows are looked at once, at the
//! end.

pub mod demos;
pub mod evaluate;
pub mod models;
pub mod split;

pub use demos::{with_leak_column, LEAK_COLUMN};
pub use evaluate::{evaluate, evaluate_predictions, importance_run, ClassEvaluation, Evaluation, ImportanceRun};
pub use models::{Fitted, FittedParts, ModelFit, ModelKind, MAX_FIT_ROWS};
pub use split::{shifted_split, split_rows, stratified_folds, Folds, SplitSpec};
