//! # perplexed-core
//!
//! Every model, data set and metric that the Perplexed labs animate. Pure Rust with no web
//! crates: it compiles and tests natively, and the page (`perplexed-app`) only calls it.
//!
//! Conventions that hold across the crate:
//! - numbers live in flat `f32` buffers with explicit shapes (row-major, one sample per row);
//! - randomness comes from an explicit, seeded [`rng::Rng`] — never a global — so the same
//!   seed and settings give a bit-identical run;
//! - invalid settings are an `Err(ParamError)` whose message a learner can read;
//! - a diverging run reports "diverged" instead of propagating NaN.

pub mod error;
pub mod rng;
pub mod data;
pub mod metrics;
pub mod nn;
mod kernels;
pub mod optim;
pub mod surface;
pub mod train;
pub mod curve;
pub mod poly;
pub mod search;
pub mod early_stop;
pub mod tree;
pub mod forest;
pub mod boosting;
pub mod kmeans;
pub mod dbscan;
pub mod pca;
pub mod shoppers;

pub use error::ParamError;
