//! # Trees and their ensembles
//!
//! - [`cart`]: the decision tree itself (CART): rules `x_j ≤ θ`, leaves, regions, predictions;
//! - `impurity`: Gini, entropy and squared error, and the scans that find a node's best split;
//! - `builder`: the training data checked and pre-sorted once, and best-first growth;
//! - [`grower`]: [`grower::TreeGrower`], one split per step, for the page to animate;
//! - [`forest`]: a random forest, `p(x) = (1/T) Σ_t p_t(x)` over bootstrapped trees;
//! - [`boosting`]: gradient boosting, `F_m = F_{m−1} + ν·h_m` with `h_m` fitted to the
//!   negative gradient of the loss;
//! - [`grown`]: [`grown::GrownModel`], whichever of the three the Trees lab grows, stepped alike;
//! - [`compare`]: a tree, a forest, boosting and a network fitted on one split and scored alike.

pub mod boosting;
pub(crate) mod builder;
pub mod cart;
pub mod compare;
pub mod forest;
pub mod grower;
pub mod grown;
pub(crate) mod impurity;
