//! # Layers: parameter ids plus a forward function
//!
//! A layer owns nothing but the [`ParamId`](crate::tensor::ParamId)s of its tensors in a
//! [`Params`](crate::tensor::Params) (named `"<layer name>.<tensor>"`, so
//! [`Params::grad_norm_of_prefix`](crate::tensor::Params::grad_norm_of_prefix) reads one
//! layer's gradient norm); `forward` records its operations on a [`Tape`](crate::tensor::Tape),
//! built from the engine's own operations only, so every layer's backward is theirs, chained.
//! Constructors validate their sizes and return `Err(ParamError)` instead of panicking.
//!
//! | file | layers | formula |
//! |---|---|---|
//! | [`dense`] | [`Linear`], [`Conv2d`] | `y = x·W + b`; NCHW convolution |
//! | [`embedding`] | [`Embedding`] | `y = E[id]` |
//! | [`norm`] | [`LayerNorm`] | `y = γ ⊙ (x − μ)/√(σ² + ε) + β` |
//! | [`recurrent`] | [`Recurrent`] (RNN, GRU, LSTM) | `hₜ = cell(xₜ, hₜ₋₁)` |
//! | [`attention`] | [`MultiHeadAttention`] | `softmax(QKᵀ/√d)V` per head |
//! | [`transformer`] | [`TransformerBlock`] | `h = x + MHA(LN(x))`, `y = h + MLP(LN(h))` |
//!
//! Initialisations follow PyTorch's defaults, so a lab's numbers look like the ones a learner
//! meets in PyTorch (and `tests/tensor_torch.rs` compares the layers with PyTorch's own).
//!
//! **Allocation.** Recording a layer allocates nothing once the tape's buffers have grown
//! (`tests/tensor_layers_training.rs`), except the `Vec`s of per-step or per-head handles that
//! [`Recurrent::forward`], [`MultiHeadAttention::forward`] and [`TransformerBlock::forward`]
//! return; their `forward_into` twins refill a caller's output instead, for a training loop.

pub mod attention;
pub mod dense;
pub mod embedding;
pub mod norm;
pub mod recurrent;
pub mod transformer;

pub use attention::{AttentionOut, MultiHeadAttention};
pub use dense::{Conv2d, Linear};
pub use embedding::Embedding;
pub use norm::LayerNorm;
pub use recurrent::{CellKind, GateVars, Recurrent, RecurrentOut};
pub use transformer::{BlockOut, TransformerBlock};
