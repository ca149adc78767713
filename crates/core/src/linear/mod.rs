//! # Linear models: a weighted sum of fixed features
//!
//! - [`poly`]: polynomial ridge regression `ŷ = Σ_k w_k·T_k(x)`, minimising
//!   `‖y − Φw‖² + λ‖w‖²`, and the degree sweep behind the overfitting lab's U-curve.
//! - [`logistic`]: logistic regression (sigmoid or softmax) with an L2 penalty, as scikit-learn's
//!   `LogisticRegression`, fitted by L-BFGS one iteration per step;
//! - [`ridge`]: least squares with a small penalty on the weights (not the intercept),
//!   `(XcᵀXc + αI) w = Xcᵀyc` solved by Cholesky, as scikit-learn's `Ridge` — the data lab's
//!   linear model for a numeric target.

pub mod logistic;
pub mod poly;
pub mod ridge;
