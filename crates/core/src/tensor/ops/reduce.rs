//! # Reductions: sum, mean, sum over the last axis
//!
//! ```text
//! sum:       y = Σᵢ aᵢ                 ā_i += ȳ
//! mean:      y = (1/n) Σᵢ aᵢ           ā_i += ȳ/n
//! sum_last:  y[r] = Σⱼ a[r, j]         ā[r, j] += ȳ[r]
//! ```
//! Sums are accumulated in f64 in increasing index order and rounded once: exact enough that
//! the order of a long sum does not matter to a learner, and the same bits everywhere.

use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

impl Tape {
    /// The sum of all elements (a scalar).
    pub fn sum(&mut self, a: Var) -> Var {
        self.reduce_all(a, Op::Sum(a), 1.0)
    }
    /// The mean of all elements (a scalar).
    pub fn mean(&mut self, a: Var) -> Var {
        let n = self.shape(a).numel().max(1) as f64;
        self.reduce_all(a, Op::Mean(a), 1.0 / n)
    }
    fn reduce_all(&mut self, a: Var, op: Op, factor: f64) -> Var {
        let ra = self.range(a);
        let y = self.push_overwritten(op, Shape::scalar(), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        let s: f64 = src[ra].iter().map(|&v| f64::from(v)).sum();
        out[0] = (s * factor) as f32;
        y
    }
    /// Sum over the last axis: `[…, n] → […]` (a `[n]` vector becomes a scalar).
    pub fn sum_last(&mut self, a: Var) -> Var {
        let sa = self.shape(a);
        let shape = if sa.rank() <= 1 { Shape::scalar() } else { Shape::new(&sa.dims()[..sa.rank() - 1]) };
        let (ra, n) = (self.range(a), sa.last());
        let y = self.push_overwritten(Op::SumLast(a), shape, self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, row) in out.iter_mut().zip(src[ra].chunks_exact(n.max(1))) {
            *o = row.iter().map(|&v| f64::from(v)).sum::<f64>() as f32;
        }
        y
    }
}

/// `ā_i += factor·ȳ`.
pub(crate) fn backward_sum(b: &mut Back, a: Var, factor: f32) {
    let d = b.dy[0] * factor;
    for g in b.grad(a) {
        *g += d;
    }
}

/// `ā[r, j] += ȳ[r]`.
pub(crate) fn backward_sum_last(b: &mut Back, a: Var) {
    let (dy, n) = (b.dy, b.shape(a).last().max(1));
    for (row, &d) in b.grad(a).chunks_exact_mut(n).zip(dy) {
        for g in row {
            *g += d;
        }
    }
}
