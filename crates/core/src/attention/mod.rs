//! # Attention and the transformer: the attention lab's maths
//!
//! Self-attention lets every position of a sequence gather information from every other one,
//! weighted by how well its **query** matches their **keys**:
//!
//! ```text
//! Attention(Q, K, V) = softmax(Q·Kᵀ/√d + M)·V
//! ```
//!
//! (`M`: the optional causal mask.) A transformer stacks blocks of attention and a per-position
//! perceptron. The lab poses small tasks whose answers need a position to find another one —
//! reverse a list, match brackets, look a key up — and shows which position each head attends
//! to, and what breaks without positional encoding.
//!
//! | file | what it holds |
//! |---|---|
//! | [`tasks`] | seeded tasks written as a question then blank answer slots: copy, reverse, sort, brackets, lookup |
//! | [`model`] | [`model::TinyTransformer`]: embedding, position (learned, sinusoidal or none), 1–3 pre-norm blocks, a read-out of the slots |
//! | [`trainer`] | [`trainer::AttentionTrainer`]: the three-way split, mini-batches as the `Stepping` unit, exact-sequence and per-token accuracy, divergence, clipping, one row's every intermediate value and attention scores |
//!
//! The blocks are the engine's ([`crate::tensor::layers::transformer`]).

pub mod model;
pub mod tasks;
pub mod trainer;
