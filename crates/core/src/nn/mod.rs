//! # Dense neural network (multi-layer perceptron) on flat buffers
//!
//! A multi-layer perceptron maps an input row `x` (the features of one point) through layers of
//! neurons. Layer `l` has a weight matrix `W_l` (fan_in × fan_out) and a bias vector `b_l`:
//!
//! ```text
//! z_l = a_{l-1} · W_l + b_l          pre-activation ("logits" at the last layer)
//! a_l = f(z_l)                       hidden layers: f = relu, tanh, sigmoid, linear or leaky relu
//! o   = head(z_L)                    output layer: see [`Head`]
//! ```
//!
//! with `a_0 = x`. Processing `n` rows at once turns each layer into one matrix product
//! `Z = A · W + 1·bᵀ` (n × fan_out), which is what the code computes.
//!
//! - [`activation`]: the hidden non-linearities `f` and their derivatives from the output;
//! - [`loss`]: the output head, the losses it computes and the weight penalty;
//! - [`mlp`]: the network's shape ([`mlp::MlpSpec`]), its flat parameters and scratch;
//! - [`passes`]: the forward and backward passes (the chain rule, layer by layer);
//! - `kernels`: the explicit-SIMD matrix and activation kernels the passes run on.

pub mod activation;
pub(crate) mod kernels;
pub mod loss;
pub mod mlp;
pub mod passes;
