//! # Training: turning a model and data into a fitted model
//!
//! - [`trainer`]: mini-batch training of the Playground's network, epoch by epoch;
//! - [`early_stop`]: stop when the validation loss has not improved for `patience` epochs, and
//!   roll back to the best epoch;
//! - [`fair_race`]: optimizers compared fairly, each at its best learning rate;
//! - [`minibatch`]: what every mini-batch trainer of the engine shares (batch order, the
//!   end-of-epoch measurement spread over steps, the divergence rules);
//! - [`search`]: k-fold cross-validation, grid and random hyperparameter search.

pub mod early_stop;
pub mod fair_race;
pub mod minibatch;
pub mod search;
pub mod trainer;
