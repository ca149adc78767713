//! # Networks for sequences: the sequence lab's maths
//!
//! A recurrent network reads a sequence one step at a time and carries a hidden state — its
//! memory — from step to step, with the same weights at every step:
//!
//! ```text
//! hₜ = cell(xₜ, hₜ₋₁),   ŷ = W·h_T + b
//! ```
//!
//! The plain RNN's cell is `tanh(W_ih·xₜ + W_hh·hₜ₋₁ + b)`; its gradient through time is a
//! product of one Jacobian per step and fades over long sequences, so it forgets. The LSTM and
//! the GRU add gates and an additive path that carries memory (and gradient) across many steps.
//!
//! | file | what it holds |
//! |---|---|
//! | [`tasks`] | seeded tasks: forecast a noisy sine or two, recall the first symbol after a delay, count the ones, continue a text |
//! | [`model`] | [`model::SequenceNet`]: 1–2 recurrent layers (RNN, GRU or LSTM) and a read-out of the last state |
//! | [`trainer`] | [`trainer::SequenceTrainer`]: the three-way split, mini-batches as the `Stepping` unit, history, divergence, clipping, the gradient through time, the states and gates of one example |
//!
//! The cells are the engine's ([`crate::tensor::layers::recurrent`]).

pub mod model;
pub mod tasks;
pub mod trainer;
