//! # Convolutional networks: the CNN lab's maths
//!
//! A dense layer looks at every pixel with its own weight; a **convolution** slides one small
//! kernel over the whole image, so the same feature (an edge, a stroke end) is found wherever
//! it is, with `k²` weights instead of one per pixel:
//!
//! ```text
//! y[i, j] = b + Σ_{u,v} w[u, v] · x[i·s + u − p, j·s + v − p],   n_out = ⌊(n + 2p − k)/s⌋ + 1
//! ```
//!
//! | file | what it holds |
//! |---|---|
//! | [`kernel`] | the "kernel you can hold": named kernels, convolution and pooling by hand, each output cell's arithmetic written out, the fit warning, image shifts |
//! | [`model`] | [`model::CnnSpec`] (1–2 conv blocks, 3×3 or 5×5, pooling, optional hidden layer) and the dense baseline, built on the engine's layers as [`model::DigitNet`] |
//! | [`trainer`] | [`trainer::CnnTrainer`]: the three-way split, mini-batch training as the `Stepping` unit, history, divergence, confusion, the translation experiment |
//! | [`transfer`] | transfer learning: digits 0–4, then 5–9 from a few examples, from scratch or with the convolutions copied and frozen |
//!
//! The networks train on the engine's tape ([`crate::tensor`]); the digits come from
//! [`crate::data::digits`].

pub mod kernel;
pub mod model;
pub mod trainer;
pub mod transfer;
