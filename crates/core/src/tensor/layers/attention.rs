//! # Multi-head self-attention (Vaswani et al. 2017)
//!
//! Every position of a sequence `x` (`[batch, t, width]`) builds a **query** ("what am I
//! looking for?"), a **key** ("what do I contain?") and a **value** ("what do I pass on?") by
//! three linear maps, and gathers the values of the positions whose keys match its query:
//!
//! ```text
//! Q = x·W_q + b_q     K = x·W_k + b_k     V = x·W_v + b_v              (each [b, t, width])
//! headₖ = softmax(Qₖ·Kₖᵀ/√d + M)·Vₖ      Qₖ, Kₖ, Vₖ: columns k·d .. (k+1)·d,  d = width/heads
//! y = concat(head₁, …, head_h)·W_o + b_o
//! ```
//!
//! Splitting the width into `heads` independent heads lets each one attend to something
//! different (the previous token, the subject of the verb…) for the cost of one full-width
//! head. `M` is the optional causal mask (−∞ where a position would look at a later one): a
//! language model predicting the next token must not see it. Scaling by `1/√d` keeps the
//! scores' spread independent of `d` so the softmax does not saturate at initialisation.
//!
//! Built from the engine's `split_heads`, [`attention`](crate::tensor::Tape::attention) and
//! `merge_heads`; the four projections are [`Linear`] layers with bias (PyTorch's
//! U(±1/√width)). The attention matrices of each head are returned for the lab's heatmaps.

use super::dense::Linear;
use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::params::{Init, Params};
use crate::tensor::tape::{Tape, Var};

/// Checks an attention layer's sizes: `"width"` and `"heads"` at least 1, and `"heads"` a
/// divisor of `width` (every head gets `width/heads` columns).
pub fn validate_heads(width: usize, heads: usize) -> Result<(), ParamError> {
    if width == 0 {
        return Err(ParamError::at_least("width", 1.0, 0.0));
    }
    if heads == 0 {
        return Err(ParamError::at_least("heads", 1.0, 0.0));
    }
    if !width.is_multiple_of(heads) {
        return Err(ParamError::unsupported("heads"));
    }
    Ok(())
}

/// What one attention layer recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttentionOut {
    /// The layer's output, `[batch, t, width]`.
    pub out: Var,
    /// Per head, the attention matrix `softmax(QₖKₖᵀ/√d + M)`, `[batch, t, t]` (row `i`: how
    /// much position `i` takes from each position; every row sums to 1). Copies of
    /// [`weights_all_heads`](Self::weights_all_heads), for the lab's heatmaps.
    pub weights: Vec<Var>,
    /// All heads' attention matrices at once, `[batch, heads, t, t]`.
    pub weights_all_heads: Var,
}

impl AttentionOut {
    /// An output to refill with [`MultiHeadAttention::forward_into`], with room for `heads`
    /// heads (its handles are placeholders until then).
    pub fn with_heads(heads: usize) -> AttentionOut {
        AttentionOut { out: Var(0), weights: Vec::with_capacity(heads), weights_all_heads: Var(0) }
    }
}

/// Multi-head self-attention with query, key, value and output projections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MultiHeadAttention {
    /// `name.q`: `x ↦ Q`.
    pub query: Linear,
    /// `name.k`: `x ↦ K`.
    pub key: Linear,
    /// `name.v`: `x ↦ V`.
    pub value: Linear,
    /// `name.out`: the concatenated heads ↦ the output.
    pub output: Linear,
    pub width: usize,
    pub heads: usize,
}

impl MultiHeadAttention {
    /// Adds the four `width × width` projections `name.q`, `name.k`, `name.v`, `name.out`
    /// (weights and biases U(±1/√width)). Errors: `"width"` or `"heads"` of 0, and `"heads"`
    /// when it does not divide `width` (every head gets `width/heads` columns).
    pub fn new(params: &mut Params, name: &str, width: usize, heads: usize, rng: &mut Rng) -> Result<MultiHeadAttention, ParamError> {
        validate_heads(width, heads)?;
        let mut proj = |part: &str| Linear::new(params, &format!("{name}.{part}"), width, width, true, Init::TorchLinear, rng);
        let query = proj("q")?;
        let key = proj("k")?;
        let value = proj("v")?;
        let output = proj("out")?;
        Ok(MultiHeadAttention { query, key, value, output, width, heads })
    }

    /// Self-attention over `x` (`[batch, t, width]`), causal or not. Allocates the returned
    /// `weights`; a training loop uses [`forward_into`](Self::forward_into).
    ///
    /// # Panics
    /// If `x` is not `[batch, t, width]` (a programmer error).
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var, causal: bool) -> AttentionOut {
        let mut out = AttentionOut::with_heads(self.heads);
        self.forward_into(tape, params, x, causal, &mut out);
        out
    }

    /// As [`forward`](Self::forward), refilling `out` (no allocation once its `Vec` has room).
    pub fn forward_into(&self, tape: &mut Tape, params: &Params, x: Var, causal: bool, out: &mut AttentionOut) {
        let sx = tape.shape(x);
        assert!(sx.rank() == 3 && sx.last() == self.width, "attention: x must be [batch, t, {}], got {sx:?}", self.width);
        let (batch, t) = (sx.dim(0), sx.dim(1));
        let q = self.query.forward(tape, params, x);
        let k = self.key.forward(tape, params, x);
        let v = self.value.forward(tape, params, x);
        // [b, t, width] → [b, heads, t, d]: each head a sequence of its own.
        let (q, k, v) = (tape.split_heads(q, self.heads), tape.split_heads(k, self.heads), tape.split_heads(v, self.heads));
        let att = tape.attention(q, k, v, causal);
        let merged = tape.merge_heads(att.out);
        out.out = self.output.forward(tape, params, merged);
        out.weights_all_heads = att.weights;
        // One [b, t, t] matrix per head: view [b, heads, t·t] as a "sequence over heads".
        out.weights.clear();
        let flat = tape.reshape(att.weights, [batch, self.heads, t * t]);
        for head in 0..self.heads {
            let w = tape.select_time(flat, head);
            out.weights.push(tape.reshape(w, [batch, t, t]));
        }
    }
}
