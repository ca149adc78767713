//! # Softmax, log-softmax and the causal mask, over the last axis
//!
//! For one row `x` of length `n`, with `m = maxⱼ xⱼ` subtracted first so that no `exp`
//! overflows (it changes nothing mathematically: the factor `e⁻ᵐ` cancels):
//!
//! ```text
//! softmax:      yᵢ = e^(xᵢ−m) / Σⱼ e^(xⱼ−m)          x̄ᵢ += yᵢ·(ȳᵢ − Σⱼ ȳⱼ yⱼ)
//! log-softmax:  yᵢ = xᵢ − m − ln Σⱼ e^(xⱼ−m)         x̄ᵢ += ȳᵢ − softmax(x)ᵢ·Σⱼ ȳⱼ
//! ```
//!
//! **Causal mask** (for attention scores `[…, t_q, t_k]`): position `i` may only look at
//! positions `j ≤ i + (t_k − t_q)` (with `t_q = t_k`: `j ≤ i`, the past and itself). Masked
//! scores become `−∞`, so the following softmax gives them `e^(−∞) = 0` **exactly** (the
//! crate's [`exp`](crate::tensor::math::exp()) returns 0 for `−∞`), and no probability leaks to
//! the future. `−∞` rather than a large negative number: it is exact, and a row can never be
//! fully masked (the diagonal stays). Backward: `x̄ += ȳ` where unmasked, nothing where masked.
//!
//! **Scaled (causal) softmax**, attention's weights in one node: `y = softmax(c·x + M)` with
//! `M` the causal mask or 0. It computes exactly what `scale`, `causal_mask` and `softmax`
//! compute one after the other — the same roundings in the same order, bit for bit — without
//! the two intermediate tensors and their backward passes, and without evaluating `exp` on the
//! masked half of each row: those entries are `e^(−∞−m)`, the same number for the whole row
//! (0, unless the row's maximum is itself −∞), computed once. Backward (for `j` unmasked; the
//! masked entries get nothing):
//!
//! ```text
//! x̄ⱼ += c·(yⱼ·(ȳⱼ − Σₖ ȳₖ yₖ))
//! ```
//!
//! `exp` and `ln` are the crate's deterministic ones ([`crate::tensor::math`]).

use crate::tensor::math::{exp, exp_minus_in_place, ln};
use crate::tensor::tape::{Back, Op, Tape, Var};

/// `out = softmax(x)` for one row; returns `(m, Σ e^(x−m))`.
pub(crate) fn softmax_row(out: &mut [f32], x: &[f32]) -> (f32, f32) {
    let m = x.iter().fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
    out.copy_from_slice(x);
    exp_minus_in_place(out, m);
    // The sum in index order, as always.
    let s = out.iter().fold(0.0f32, |s, &e| s + e);
    for o in out.iter_mut() {
        *o /= s;
    }
    (m, s)
}

impl Tape {
    /// Softmax over the last axis (max-subtracted).
    pub fn softmax(&mut self, a: Var) -> Var {
        let (ra, n) = (self.range(a), self.shape(a).last());
        let y = self.push_overwritten(Op::Softmax(a), self.shape(a), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, x) in out.chunks_exact_mut(n).zip(src[ra].chunks_exact(n)) {
            softmax_row(o, x);
        }
        y
    }

    /// Log-softmax over the last axis: `x − m − ln Σ e^(x−m)`.
    pub fn log_softmax(&mut self, a: Var) -> Var {
        let (ra, n) = (self.range(a), self.shape(a).last());
        let y = self.push_overwritten(Op::LogSoftmax(a), self.shape(a), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, x) in out.chunks_exact_mut(n).zip(src[ra].chunks_exact(n)) {
            let (m, s) = softmax_row(o, x);
            let lse = m + ln(s);
            for (o, &v) in o.iter_mut().zip(x) {
                *o = v - lse;
            }
        }
        y
    }

    /// `softmax(c·a + M)` over the last axis, `M` the causal mask if `causal` (see the module
    /// docs): equal bit for bit to `softmax(causal_mask(scale(a, c)))` (or without the mask),
    /// in one node. Attention's weights.
    ///
    /// # Panics
    /// If `causal` and `a` is not `[…, t_q, t_k]` with `t_k ≥ t_q`, as [`causal_mask`](Self::causal_mask).
    pub fn scaled_softmax(&mut self, a: Var, c: f32, causal: bool) -> Var {
        let sa = self.shape(a);
        let (tq, tk) = if causal {
            assert!(sa.rank() >= 2, "scaled_softmax: a causal mask needs [.., t_q, t_k], got {sa:?}");
            let (tq, tk) = (sa.dim(sa.rank() - 2), sa.last());
            assert!(tk >= tq, "scaled_softmax: fewer keys ({tk}) than queries ({tq})");
            (tq, tk)
        } else {
            (1, sa.last())
        };
        let ra = self.range(a);
        let y = self.push_overwritten(Op::ScaledSoftmax { x: a, c, causal }, sa, self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (r, (o, x)) in out.chunks_exact_mut(tk.max(1)).zip(src[ra].chunks_exact(tk.max(1))).enumerate() {
            let visible = if causal { r % tq + (tk - tq) + 1 } else { tk };
            let (ov, om) = o.split_at_mut(visible);
            // As `scale`, then `softmax_row` over the visible part (the masked −∞ never raise
            // the maximum, which scans the row in the same order).
            for (o, &v) in ov.iter_mut().zip(&x[..visible]) {
                *o = c * v;
            }
            let m = ov.iter().fold(f32::NEG_INFINITY, |m, &v| if v > m { v } else { m });
            exp_minus_in_place(ov, m);
            let mut s = ov.iter().fold(0.0f32, |s, &e| s + e);
            let z = exp(f32::NEG_INFINITY - m);
            for o in om.iter_mut() {
                *o = z;
                s += z;
            }
            for o in o.iter_mut() {
                *o /= s;
            }
        }
        y
    }

    /// Sets score `[…, i, j]` to `−∞` where `j > i + (t_k − t_q)` (the future).
    pub fn causal_mask(&mut self, a: Var) -> Var {
        let sa = self.shape(a);
        assert!(sa.rank() >= 2, "causal_mask: needs [.., t_q, t_k], got {sa:?}");
        let (tq, tk) = (sa.dim(sa.rank() - 2), sa.last());
        assert!(tk >= tq, "causal_mask: fewer keys ({tk}) than queries ({tq})");
        let ra = self.range(a);
        let y = self.push_overwritten(Op::CausalMask(a), sa, self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (r, (o, x)) in out.chunks_exact_mut(tk).zip(src[ra].chunks_exact(tk)).enumerate() {
            let visible = r % tq + (tk - tq) + 1;
            o[..visible].copy_from_slice(&x[..visible]);
            o[visible..].fill(f32::NEG_INFINITY);
        }
        y
    }
}

pub(crate) fn backward_softmax(b: &mut Back, a: Var) {
    let (dy, y, n) = (b.dy, b.y, b.shape.last());
    for ((g, d), y) in b.grad(a).chunks_exact_mut(n).zip(dy.chunks_exact(n)).zip(y.chunks_exact(n)) {
        let dot: f32 = d.iter().zip(y).fold(0.0, |s, (&d, &y)| s + d * y);
        for ((g, &d), &y) in g.iter_mut().zip(d).zip(y) {
            *g += y * (d - dot);
        }
    }
}

pub(crate) fn backward_log_softmax(b: &mut Back, a: Var) {
    let (dy, y, n) = (b.dy, b.y, b.shape.last());
    for ((g, d), y) in b.grad(a).chunks_exact_mut(n).zip(dy.chunks_exact(n)).zip(y.chunks_exact(n)) {
        let total: f32 = d.iter().fold(0.0, |s, &d| s + d);
        for ((g, &d), &y) in g.iter_mut().zip(d).zip(y) {
            *g += d - exp(y) * total;
        }
    }
}

pub(crate) fn backward_scaled_softmax(b: &mut Back, a: Var, c: f32, causal: bool) {
    let (dy, y, tk) = (b.dy, b.y, b.shape.last().max(1));
    let tq = if causal { b.shape.dim(b.shape.rank() - 2) } else { 1 };
    let rows = b.grad(a).chunks_exact_mut(tk).zip(dy.chunks_exact(tk)).zip(y.chunks_exact(tk));
    for (r, ((g, d), y)) in rows.enumerate() {
        let visible = if causal { r % tq + (tk - tq) + 1 } else { tk };
        // The dot product runs over the whole row, as the unfused softmax's does.
        let dot: f32 = d.iter().zip(y).fold(0.0, |s, (&d, &y)| s + d * y);
        for ((g, &d), &y) in g[..visible].iter_mut().zip(&d[..visible]).zip(&y[..visible]) {
            *g += c * (y * (d - dot));
        }
    }
}

pub(crate) fn backward_causal_mask(b: &mut Back, a: Var) {
    let (dy, tq, tk) = (b.dy, b.shape.dim(b.shape.rank() - 2), b.shape.last());
    for (r, (g, d)) in b.grad(a).chunks_exact_mut(tk).zip(dy.chunks_exact(tk)).enumerate() {
        let visible = r % tq + (tk - tq) + 1;
        for (g, &d) in g[..visible].iter_mut().zip(&d[..visible]) {
            *g += d;
        }
    }
}
