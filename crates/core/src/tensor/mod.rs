//! # A small differentiable engine: tensors, a tape, reverse-mode automatic differentiation
//!
//! Training a network needs the gradient `∂L/∂θ` of a scalar loss `L` with respect to every
//! parameter `θ`. **Reverse-mode automatic differentiation** gets all of them in one backward
//! sweep whose cost is a small multiple of the forward pass:
//!
//! 1. **Forward**: compute the loss step by step. Each step `y = f(a, b, …)` is an operation
//!    whose inputs and output are *recorded on a tape* (a list in execution order).
//! 2. **Backward**: give every recorded value `v` an *adjoint* `v̄ = ∂L/∂v`, starting from
//!    `L̄ = 1`, and walk the tape **in reverse**, applying the chain rule at each operation:
//!
//!    ```text
//!    ā_input += ȳ_output · ∂y_output/∂a_input
//!    ```
//!
//!    The adjoints *add up* because a value used in several places influences the loss along
//!    each path (multivariate chain rule). Reverse order guarantees that every user of a value
//!    has contributed before the value passes its adjoint on.
//!
//! Each operation therefore needs two pieces of code, its forward formula and its local
//! derivative (the "backward"); in [`ops`] they sit side by side, one family per file.
//!
//! ## Design
//!
//! - [`Shape`]: up to 4 dimensions, row-major, `Copy` (no heap).
//! - [`Params`]: every trainable tensor in **one** flat `Vec<f32>` with an equal-length flat
//!   gradient, plus named entries — so [`crate::optim`]'s optimisers update any model as is.
//!   Documented initialisations ([`Init`]) and gradient tools (norms, clipping).
//! - [`Tape`]: an arena. Nodes in a `Vec`, values and adjoints in flat `Vec<f32>`s addressed
//!   by offsets, saved data (masks, indices, statistics) in two more arenas; a [`Var`] is a
//!   `Copy` index. [`Tape::reset`] keeps every buffer's capacity, so re-recording the same step
//!   allocates nothing after the first.
//! - [`step::apply_step`]: backward, clipping, checks and the optimiser step, reporting
//!   [`Diverged`] instead of letting NaN into the parameters.
//! - [`math`]: `exp`, `ln`, `sin`, `cos` from basic IEEE operations only, so the same seed gives
//!   the same bits natively and in WebAssembly.
//! - [`layers`]: layers that hold their parameter ids — `Linear`, `Conv2d`, `Embedding`,
//!   `LayerNorm`, `Recurrent` (RNN/GRU/LSTM), `MultiHeadAttention`, `TransformerBlock`.
//!
//! Determinism: every random draw comes from an explicit [`crate::rng::Rng`]; every sum has a
//! fixed order; no fused multiply-add; no hash-map iteration; `exp`/`ln`/`tanh` are built from
//! exactly rounded IEEE operations. The test command checks it on every run: [`fingerprint`]
//! trains a CNN, an LSTM and a transformer from one seed and hashes every loss and parameter,
//! natively and as WebAssembly with `simd128` under Node, and the two hashes must be equal
//! (`scripts/test.sh`). Within one platform, `tests/tensor_training.rs` checks that the same
//! seed gives the same bits.
//!
//! ## Example: one step of a one-layer classifier
//!
//! ```
//! use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
//! use perplexed_core::rng::Rng;
//! use perplexed_core::tensor::{apply_step, Init, Params, Tape};
//!
//! let mut rng = Rng::new(7);
//! let mut params = Params::new();
//! let w = params.add("w", [2, 3], Init::XavierUniform, &mut rng).unwrap();
//! let b = params.add("b", [3], Init::Zeros, &mut rng).unwrap();
//! let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).unwrap();
//!
//! let mut tape = Tape::new();
//! let x = tape.input([4, 2], &[0.0, 1.0, 1.0, 0.0, 0.5, 0.5, -1.0, 2.0]);
//! let (wv, bv) = (tape.param(&params, w), tape.param(&params, b));
//! let z = tape.matmul(x, wv);
//! let logits = tape.add(z, bv); // the bias [3] broadcasts over the 4 rows
//! let loss = tape.softmax_cross_entropy(logits, &[0, 1, 2, 1]);
//! let report = apply_step(&mut tape, loss, &mut params, opt.as_mut(), Some(1.0)).unwrap();
//! assert!((report.loss - 3f32.ln()).abs() < 0.6); // ≈ ln 3 for a fresh classifier
//! tape.reset(); // the next step re-records, reusing every buffer
//! ```

pub mod fingerprint;
pub mod layers;
pub mod math;
pub mod ops;
pub mod params;
pub mod shape;
pub(crate) mod simd;
pub mod step;
pub mod tape;

pub use ops::attention::AttentionVars;
pub use ops::conv::conv_output_size;
pub use ops::dropout::validate_dropout;
pub use params::{validate_clip, Init, ParamEntry, ParamId, Params};
pub use shape::Shape;
pub use step::{apply_step, step_with_gradients, StepReport};
pub use tape::{Diverged, Tape, Var};
