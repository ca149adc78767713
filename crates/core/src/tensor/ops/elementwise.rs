//! # Element-wise arithmetic with broadcasting
//!
//! `y = a ∘ b` for `∘ ∈ {+, −, ×}`, where `b` either has `a`'s shape, or is **broadcast**:
//! its shape is a suffix of `a`'s (a bias `[n]` added to every row of `[m, n]`, a position table
//! `[t, d]` added to every sequence of `[b, t, d]`), or it is a single number. With `b`
//! repeating every `|b|` elements, `y[i] = a[i] ∘ b[i mod |b|]`.
//!
//! Backward (the chain rule; a broadcast input collects the adjoint of every place it was used):
//!
//! ```text
//! y = a + b:  ā += ȳ,      b̄[j] += Σ_{i ≡ j} ȳ[i]
//! y = a − b:  ā += ȳ,      b̄[j] −= Σ_{i ≡ j} ȳ[i]
//! y = a · b:  ā += ȳ·b,    b̄[j] += Σ_{i ≡ j} ȳ[i]·a[i]
//! y = c · a:  ā += c·ȳ     (c a constant)
//! ```
//! The sums over repeats run in increasing `i`. The loops run 4 lanes at a time
//! (`tensor::simd`, private to the engine).

use crate::tensor::simd::{acc_mul, acc_scaled, zip_map, AddOp, Binary, MulOp, SubOp};
use crate::tensor::tape::{Back, Op, Tape, Var};

impl Tape {
    /// Checks the broadcast rule and returns the length `|b|` of one repeat.
    fn broadcast_len(&self, a: Var, b: Var, what: &str) -> usize {
        let (sa, sb) = (self.shape(a), self.shape(b));
        let ok = sb.numel() == 1 || sa.dims().ends_with(sb.dims());
        assert!(ok, "{what}: shape {sb:?} does not broadcast onto {sa:?} (it must be a suffix of it, or one number)");
        sb.numel()
    }

    fn binary<B: Binary>(&mut self, a: Var, b: Var, op: Op, what: &str) -> Var {
        let nb = self.broadcast_len(a, b, what);
        let (ra, rb) = (self.range(a), self.range(b));
        let need = self.needs_grad(a) || self.needs_grad(b);
        let y = self.push_overwritten(op, self.shape(a), need);
        let (src, out) = self.src_out(y);
        let (xa, xb) = (&src[ra], &src[rb]);
        if nb == 1 {
            for (o, &a) in out.iter_mut().zip(xa) {
                *o = B::f1(a, xb[0]);
            }
        } else {
            for (o, a) in out.chunks_exact_mut(nb).zip(xa.chunks_exact(nb)) {
                zip_map::<B>(o, a, xb);
            }
        }
        y
    }

    /// `a + b` (`b` same shape, a suffix of `a`'s shape, or one number).
    pub fn add(&mut self, a: Var, b: Var) -> Var {
        self.binary::<AddOp>(a, b, Op::Add(a, b), "add")
    }
    /// `a − b` (`b` broadcast as in [`add`](Self::add)).
    pub fn sub(&mut self, a: Var, b: Var) -> Var {
        self.binary::<SubOp>(a, b, Op::Sub(a, b), "sub")
    }
    /// `a ⊙ b`, element-wise (`b` broadcast as in [`add`](Self::add)).
    pub fn mul(&mut self, a: Var, b: Var) -> Var {
        self.binary::<MulOp>(a, b, Op::Mul(a, b), "mul")
    }
    /// `c · a` for a constant `c`.
    pub fn scale(&mut self, a: Var, c: f32) -> Var {
        let ra = self.range(a);
        let y = self.push_overwritten(Op::Scale(a, c), self.shape(a), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, &x) in out.iter_mut().zip(&src[ra]) {
            *o = c * x;
        }
        y
    }
}

/// `ā += ȳ`, `b̄ += sign·Σ ȳ` (add: sign 1, sub: sign −1).
pub(crate) fn backward_add(b: &mut Back, a: Var, bv: Var, sign: f32) {
    let dy = b.dy;
    if b.needs(a) {
        acc_scaled(b.grad(a), dy, 1.0);
    }
    if b.needs(bv) {
        let g = b.grad(bv);
        for chunk in dy.chunks_exact(g.len()) {
            acc_scaled(g, chunk, sign);
        }
    }
}

/// `ā += ȳ·b`, `b̄ += Σ ȳ·a`.
pub(crate) fn backward_mul(b: &mut Back, a: Var, bv: Var) {
    let (dy, xa, xb) = (b.dy, b.val(a), b.val(bv));
    let nb = xb.len();
    if b.needs(a) {
        for (g, d) in b.grad(a).chunks_exact_mut(nb).zip(dy.chunks_exact(nb)) {
            acc_mul(g, d, xb);
        }
    }
    if b.needs(bv) {
        let g = b.grad(bv);
        for (d, x) in dy.chunks_exact(nb).zip(xa.chunks_exact(nb)) {
            acc_mul(g, d, x);
        }
    }
}

/// `ā += c·ȳ`.
pub(crate) fn backward_scale(b: &mut Back, a: Var, c: f32) {
    let dy = b.dy;
    acc_scaled(b.grad(a), dy, c);
}
