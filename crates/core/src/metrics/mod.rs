//! # Metrics: how good are the predictions?
//!
//! - [`classification`]: the confusion matrix, accuracy, precision and recall;
//! - [`regression`]: the coefficient of determination `R²`;
//! - [`silhouette`]: how well each point sits in its cluster, `s = (b − a)/max(a, b)`;
//! - [`agreement`]: how well a clustering matches known groups (adjusted Rand index, purity);
//! - [`scores`]: precision / recall / F1, ROC and AUC, log-loss, MAE, RMSE, R² in `f64`, as scikit-learn;
//! - [`importance`]: permutation importance of a fitted model's features.
//!
//! Sums are accumulated in `f64` so a few thousand points lose no precision.

pub mod agreement;
pub mod classification;
pub mod importance;
pub mod regression;
pub mod scores;
pub mod silhouette;
