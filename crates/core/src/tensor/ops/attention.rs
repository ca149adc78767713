//! # Scaled dot-product attention (Vaswani et al. 2017)
//!
//! Each query asks "which positions are relevant to me?": its dot product with every key,
//! scaled by `1/√d` (so the scores' spread does not grow with the head size `d` and the softmax
//! does not saturate), turned into weights by a softmax, then used to average the values:
//!
//! ```text
//! Attention(Q, K, V) = softmax(Q·Kᵀ/√d + M) · V
//! ```
//!
//! with `M` the optional causal mask (`−∞` above the diagonal: a position cannot look ahead;
//! see [`super::softmax`]). Built from the engine's own operations (`matmul_bt`,
//! `scaled_softmax` — the scale, mask and softmax in one node —, `matmul`), so its backward is
//! theirs, chained; with heads, call
//! [`Tape::split_heads`] first and [`Tape::merge_heads`] after.

use crate::tensor::tape::{Tape, Var};

/// The intermediate results of [`Tape::attention`], for labs that draw the attention weights.
#[derive(Debug, Clone, Copy)]
pub struct AttentionVars {
    /// `softmax(Q·Kᵀ/√d + M)`: `[…, t_q, t_k]`, each row sums to 1.
    pub weights: Var,
    /// The result `weights·V`: `[…, t_q, d_v]`.
    pub out: Var,
}

impl Tape {
    /// `softmax(Q·Kᵀ/√d (+ causal mask))·V` for `q` `[…, t_q, d]`, `k` `[…, t_k, d]`, `v`
    /// `[…, t_k, d_v]` with the same leading axes (e.g. `[batch, heads]`).
    pub fn attention(&mut self, q: Var, k: Var, v: Var, causal: bool) -> AttentionVars {
        let d = self.shape(q).last();
        let scores = self.matmul_bt(q, k);
        let weights = self.scaled_softmax(scores, 1.0 / (d.max(1) as f32).sqrt(), causal);
        let out = self.matmul(weights, v);
        AttentionVars { weights, out }
    }
}
