//! # Linear models: a weighted sum of fixed features
//!
//! - [`poly`]: polynomial ridge regression `ŷ = Σ_k w_k·T_k(x)`, minimising
//!   `‖y − Φw‖² + λ‖w‖²`, and the degree sweep behind the overfitting lab's U-curve.

pub mod poly;
