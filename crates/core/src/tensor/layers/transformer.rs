//! # The transformer block, pre-norm (GPT-2 style)
//!
//! A transformer is a stack of identical blocks; each lets the positions exchange information
//! (attention) and then transforms every position on its own (a two-layer perceptron), with a
//! **residual** connection around each part and layer norm **before** each part:
//!
//! ```text
//! h = x + MHA(LN₁(x))                           positions talk to each other
//! y = h + W₂·GELU(W₁·LN₂(h) + b₁) + b₂          each position thinks on its own
//! ```
//!
//! The residual path `x → h → y` is a straight line through the block, so gradients reach the
//! first blocks of a deep stack undiminished; normalising *before* each part (pre-norm, as in
//! GPT-2) rather than after keeps that path clean and trains without a learning-rate warm-up.
//! The perceptron widens to `mlp_hidden` (classically 4·width) and uses GELU, tanh form
//! (PyTorch's `nn.GELU(approximate='tanh')`).

use super::attention::{validate_heads, AttentionOut, MultiHeadAttention};
use super::dense::Linear;
use super::norm::LayerNorm;
use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::params::{Init, Params};
use crate::tensor::tape::{Tape, Var};

/// What one block recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockOut {
    /// The block's output `y`, `[batch, t, width]`.
    pub out: Var,
    /// The attention sub-layer's output and per-head attention matrices.
    pub attention: AttentionOut,
}

impl BlockOut {
    /// An output to refill with [`TransformerBlock::forward_into`] (placeholder handles).
    pub fn with_heads(heads: usize) -> BlockOut {
        BlockOut { out: Var(0), attention: AttentionOut::with_heads(heads) }
    }
}

/// One pre-norm transformer block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransformerBlock {
    /// `name.ln1`, before attention.
    pub norm_attention: LayerNorm,
    /// `name.attn`.
    pub attention: MultiHeadAttention,
    /// `name.ln2`, before the perceptron.
    pub norm_mlp: LayerNorm,
    /// `name.fc1`: width → mlp_hidden.
    pub mlp_in: Linear,
    /// `name.fc2`: mlp_hidden → width.
    pub mlp_out: Linear,
    pub width: usize,
}

impl TransformerBlock {
    /// Adds `name.ln1`, `name.attn` (see [`MultiHeadAttention::new`]), `name.ln2`, `name.fc1`
    /// and `name.fc2` (PyTorch's U(±1/√fan_in)). Errors as [`MultiHeadAttention::new`], and
    /// `"mlp_hidden"` of 0.
    pub fn new(
        params: &mut Params,
        name: &str,
        width: usize,
        heads: usize,
        mlp_hidden: usize,
        rng: &mut Rng,
    ) -> Result<TransformerBlock, ParamError> {
        if mlp_hidden == 0 {
            return Err(ParamError::at_least("mlp_hidden", 1.0, 0.0));
        }
        // Check every size before adding anything to `params`.
        validate_heads(width, heads)?;
        let norm_attention = LayerNorm::new(params, &format!("{name}.ln1"), width)?;
        let attention = MultiHeadAttention::new(params, &format!("{name}.attn"), width, heads, rng)?;
        let norm_mlp = LayerNorm::new(params, &format!("{name}.ln2"), width)?;
        let mlp_in = Linear::new(params, &format!("{name}.fc1"), width, mlp_hidden, true, Init::TorchLinear, rng)?;
        let mlp_out = Linear::new(params, &format!("{name}.fc2"), mlp_hidden, width, true, Init::TorchLinear, rng)?;
        Ok(TransformerBlock { norm_attention, attention, norm_mlp, mlp_in, mlp_out, width })
    }

    /// The block applied to `x` (`[batch, t, width]`), causal attention or not. Allocates the
    /// returned attention `weights`; a training loop uses [`forward_into`](Self::forward_into).
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var, causal: bool) -> BlockOut {
        let mut out = BlockOut::with_heads(self.attention.heads);
        self.forward_into(tape, params, x, causal, &mut out);
        out
    }

    /// As [`forward`](Self::forward), refilling `out` (no allocation once it has room).
    pub fn forward_into(&self, tape: &mut Tape, params: &Params, x: Var, causal: bool, out: &mut BlockOut) {
        let normed = self.norm_attention.forward(tape, params, x);
        self.attention.forward_into(tape, params, normed, causal, &mut out.attention);
        let h = tape.add(x, out.attention.out);
        let normed = self.norm_mlp.forward(tape, params, h);
        let wide = self.mlp_in.forward(tape, params, normed);
        let wide = tape.gelu(wide);
        let back = self.mlp_out.forward(tape, params, wide);
        out.out = tape.add(h, back);
    }
}
