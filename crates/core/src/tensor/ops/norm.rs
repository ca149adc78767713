//! # Layer normalisation (Ba, Kiros & Hinton 2016)
//!
//! Each row `x` (the last axis, length `d`) is normalised to mean 0 and variance 1, then scaled
//! and shifted by a learnable gain `γ` and bias `β` (both `[d]`):
//!
//! ```text
//! μ = (1/d) Σ xⱼ      σ² = (1/d) Σ (xⱼ − μ)²  (biased, as PyTorch)      r = 1/√(σ² + ε),  ε = 10⁻⁵
//! x̂ = (x − μ)·r      y = γ ⊙ x̂ + β
//! ```
//!
//! Backward, with `ĝ = ȳ ⊙ γ` (the adjoint of `x̂`) and means over the row:
//!
//! ```text
//! x̄ += r · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂))      γ̄ += Σ_rows ȳ ⊙ x̂      β̄ += Σ_rows ȳ
//! ```
//!
//! The two subtracted means are the gradient flowing through `μ` and through `σ²`. Row
//! statistics are summed in f64 (index order); `μ` and `r` are saved for backward.

use crate::tensor::tape::{Back, Op, Tape, Var};

/// ε of layer norm (PyTorch's default).
pub const LAYER_NORM_EPS: f32 = 1e-5;

impl Tape {
    /// Layer norm over the last axis with gain and bias (both `[d]`).
    // `j` indexes four rows at once in the statistics loops: an iterator over one row would hide that.
    #[allow(clippy::needless_range_loop)]
    pub fn layer_norm(&mut self, x: Var, gain: Var, bias: Var) -> Var {
        let sx = self.shape(x);
        let d = sx.last();
        assert!(self.shape(gain).dims() == [d] && self.shape(bias).dims() == [d], "layer_norm: gain and bias must be [{d}]");
        let rows = sx.rows();
        let stats = self.aux_f.len();
        self.aux_f.resize(stats + 2 * rows, 0.0);
        let (rx, rg, rb) = (self.range(x), self.range(gain), self.range(bias));
        let need = self.needs_grad(x) || self.needs_grad(gain) || self.needs_grad(bias);
        let y = self.push_overwritten(Op::LayerNorm { x, gain, bias, stats }, sx, need);
        let r = self.range(y);
        let Tape { vals, aux_f, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        let (xs, g, bb) = (&src[rx], &src[rg], &src[rb]);
        let st = &mut aux_f[stats..stats + 2 * rows];
        // Row statistics four rows at a time: each row's sums are chains of dependent f64
        // additions in index order (kept), and four independent chains side by side let the
        // processor overlap them instead of waiting on one.
        // Start where `Iterator::sum` starts (its neutral element), so every bit matches it.
        let zero: f64 = core::iter::empty::<f64>().sum();
        let mut quads = xs.chunks_exact(4 * d.max(1));
        let mut sq = st.chunks_exact_mut(8);
        for (x4, s4) in (&mut quads).zip(&mut sq) {
            let xr: [&[f32]; 4] = core::array::from_fn(|i| &x4[i * d..(i + 1) * d]);
            let mut sum = [zero; 4];
            for j in 0..d {
                sum = core::array::from_fn(|i| sum[i] + f64::from(xr[i][j]));
            }
            let mean: [f32; 4] = core::array::from_fn(|i| (sum[i] / d as f64) as f32);
            let mut ss = [zero; 4];
            for j in 0..d {
                ss = core::array::from_fn(|i| {
                    let c = f64::from(xr[i][j] - mean[i]);
                    ss[i] + c * c
                });
            }
            for i in 0..4 {
                let var = (ss[i] / d as f64) as f32;
                s4[2 * i] = mean[i];
                s4[2 * i + 1] = 1.0 / (var + LAYER_NORM_EPS).sqrt();
            }
        }
        for (x, s) in quads.remainder().chunks_exact(d.max(1)).zip(sq.into_remainder().chunks_exact_mut(2)) {
            let mean = (x.iter().map(|&v| f64::from(v)).sum::<f64>() / d as f64) as f32;
            let var = (x.iter().map(|&v| f64::from(v - mean) * f64::from(v - mean)).sum::<f64>() / d as f64) as f32;
            s[0] = mean;
            s[1] = 1.0 / (var + LAYER_NORM_EPS).sqrt();
        }
        for ((o, x), st) in out[..r.len()].chunks_exact_mut(d).zip(xs.chunks_exact(d)).zip(st.chunks_exact(2)) {
            let (mean, rstd) = (st[0], st[1]);
            for (((o, &v), &g), &b) in o.iter_mut().zip(x).zip(g).zip(bb) {
                *o = g * ((v - mean) * rstd) + b;
            }
        }
        y
    }
}

pub(crate) fn backward_layer_norm(b: &mut Back, x: Var, gain: Var, bias: Var, stats: usize) {
    let d = b.shape(x).last();
    let (dy, xs, g) = (b.dy, b.val(x), b.val(gain));
    let rows = dy.len() / d.max(1);
    let st = &b.aux_f[stats..stats + 2 * rows];
    let xhat = |r: usize, j: usize| (xs[r * d + j] - st[2 * r]) * st[2 * r + 1];
    if b.needs(x) {
        let gx = b.grad(x);
        for r in 0..rows {
            let (mut m1, mut m2) = (0.0f64, 0.0f64);
            for j in 0..d {
                let gh = dy[r * d + j] * g[j];
                m1 += f64::from(gh);
                m2 += f64::from(gh * xhat(r, j));
            }
            let (m1, m2) = ((m1 / d as f64) as f32, (m2 / d as f64) as f32);
            let rstd = st[2 * r + 1];
            for j in 0..d {
                let gh = dy[r * d + j] * g[j];
                gx[r * d + j] += rstd * (gh - m1 - xhat(r, j) * m2);
            }
        }
    }
    if b.needs(gain) {
        let gg = b.grad(gain);
        for r in 0..rows {
            for j in 0..d {
                gg[j] += dy[r * d + j] * xhat(r, j);
            }
        }
    }
    if b.needs(bias) {
        let gb = b.grad(bias);
        for r in 0..rows {
            for j in 0..d {
                gb[j] += dy[r * d + j];
            }
        }
    }
}
