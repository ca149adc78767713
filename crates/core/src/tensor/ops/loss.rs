//! # Losses: softmax cross-entropy (fused) and mean squared error
//!
//! **Softmax cross-entropy** with integer targets, for logits `z` of shape `[n, c]` and a class
//! `tᵢ` per row, averaged over rows:
//!
//! ```text
//! L = (1/n) Σᵢ [ ln Σⱼ e^(zᵢⱼ) − zᵢ,tᵢ ]            (= −(1/n) Σᵢ ln softmax(zᵢ)_tᵢ)
//! ∂L/∂zᵢⱼ = (pᵢⱼ − [j = tᵢ]) / n                    p = softmax(z)
//! ```
//!
//! Fused: computing softmax then log then picking would lose precision for confident wrong
//! predictions (`ln` of a rounded-to-0 probability is `−∞`); `ln Σ e^(z−m) + m − z_t` is always
//! finite for finite logits, and the gradient is the famously simple `p − onehot`. The
//! probabilities are saved for the backward step.
//!
//! **Mean squared error** of two same-shape tensors: `L = (1/N) Σ (aᵢ − bᵢ)²`,
//! `āᵢ += L̄·2(aᵢ − bᵢ)/N`, `b̄ᵢ −= the same`.
//!
//! Both sums over rows/elements are accumulated in f64 in index order.

use super::softmax::softmax_row;
use crate::tensor::math::ln;
use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

impl Tape {
    /// Mean softmax cross-entropy of `logits` (`[…, c]`, one row per example) against one class
    /// per row (a scalar).
    ///
    /// # Panics
    /// If `targets.len()` is not the number of rows or a target is not below `c`: targets come
    /// from the lab's data set, so either is a programmer error.
    pub fn softmax_cross_entropy(&mut self, logits: Var, targets: &[u32]) -> Var {
        let s = self.shape(logits);
        let (rows, c) = (s.rows(), s.last());
        assert_eq!(targets.len(), rows, "softmax_cross_entropy: {} targets for {rows} rows", targets.len());
        assert!(targets.iter().all(|&t| (t as usize) < c), "softmax_cross_entropy: a target is not below {c}");
        let probs = self.aux_f.len();
        self.aux_f.resize(probs + rows * c, 0.0);
        let tg = self.aux_u.len();
        self.aux_u.extend_from_slice(targets);
        let rl = self.range(logits);
        let y = self.push_overwritten(Op::SoftmaxCrossEntropy { logits, probs, targets: tg }, Shape::scalar(), self.needs_grad(logits));
        let x = &self.vals[rl];
        let p = &mut self.aux_f[probs..probs + rows * c];
        let mut total = 0.0f64;
        for ((p, x), &t) in p.chunks_exact_mut(c).zip(x.chunks_exact(c)).zip(targets) {
            let (m, s) = softmax_row(p, x);
            total += f64::from(m + ln(s) - x[t as usize]);
        }
        let r = self.range(y);
        self.vals[r.start] = (total / rows.max(1) as f64) as f32;
        y
    }

    /// Mean squared error `(1/N) Σ (a − b)²` of two tensors of the same shape (a scalar).
    pub fn mse(&mut self, a: Var, b: Var) -> Var {
        assert_eq!(self.shape(a), self.shape(b), "mse: shapes differ");
        let (ra, rb) = (self.range(a), self.range(b));
        let need = self.needs_grad(a) || self.needs_grad(b);
        let y = self.push_overwritten(Op::Mse(a, b), Shape::scalar(), need);
        let (src, out) = self.src_out(y);
        let s: f64 = src[ra.clone()].iter().zip(&src[rb]).map(|(&x, &t)| f64::from(x - t) * f64::from(x - t)).sum();
        out[0] = (s / ra.len().max(1) as f64) as f32;
        y
    }
}

pub(crate) fn backward_softmax_ce(b: &mut Back, logits: Var, probs: usize, targets: usize) {
    let s = b.shape(logits);
    let (rows, c) = (s.rows(), s.last());
    let scale = b.dy[0] / rows.max(1) as f32;
    let p = &b.aux_f[probs..probs + rows * c];
    let t = &b.aux_u[targets..targets + rows];
    let g = b.grad(logits);
    for ((g, p), &t) in g.chunks_exact_mut(c).zip(p.chunks_exact(c)).zip(t) {
        for (j, (g, &p)) in g.iter_mut().zip(p).enumerate() {
            let onehot = if j == t as usize { 1.0 } else { 0.0 };
            *g += scale * (p - onehot);
        }
    }
}

pub(crate) fn backward_mse(b: &mut Back, a: Var, t: Var) {
    let (xa, xt) = (b.val(a), b.val(t));
    let scale = b.dy[0] * 2.0 / xa.len().max(1) as f32;
    for (v, sign) in [(a, 1.0f32), (t, -1.0)] {
        if b.needs(v) {
            for ((g, &x), &y) in b.grad(v).iter_mut().zip(xa).zip(xt) {
                *g += sign * scale * (x - y);
            }
        }
    }
}
