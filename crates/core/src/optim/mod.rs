//! # Optimisation: how parameters move downhill
//!
//! - [`optimizers`]: update rules from SGD (`θ ← θ − η·g`) to momentum, Adam, AdamW, AdaGrad,
//!   RMSProp and Lion, all on flat parameter buffers;
//! - [`surface`]: 2-D loss surfaces `f(x, y)` with analytic gradients, and the trajectories the
//!   optimizers trace on them.

pub mod optimizers;
pub mod surface;
