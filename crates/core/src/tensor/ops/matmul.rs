//! # Matrix products: `A·B` and `A·Bᵀ`, plain, batched, or with a shared right factor
//!
//! `C = A·B` with `A` of shape `[m, k]` and `B` of shape `[k, n]`: `Cᵢⱼ = Σₖ Aᵢₖ·Bₖⱼ`.
//! Its backward, from `C̄` (shape `[m, n]`):
//!
//! ```text
//! Ā += C̄·Bᵀ          B̄ += Aᵀ·C̄
//! ```
//!
//! and for `C = A·Bᵀ` (`B` of shape `[n, k]`, attention's `Q·Kᵀ`):
//!
//! ```text
//! Ā += C̄·B           B̄ += C̄ᵀ·A
//! ```
//!
//! Shapes accepted:
//! - **shared right factor**: `B` of rank 2 and `A` of any rank `[…, k]` — every row of `A`
//!   times the same `B` (a linear layer on `[batch, time, features]`): the leading axes of `A`
//!   are flattened into `m`;
//! - **batched**: `A` `[…, m, k]` and `B` `[…, k, n]` (or `[…, n, k]` for `A·Bᵀ`) with the same
//!   leading axes (batch, heads): one product per leading index.
//!
//! **With a bias** ([`Tape::matmul_bias`], a linear layer `A·W + b`): the product, then `b`
//! added to every row, in one node — the same two roundings per element as `matmul` then `add`,
//! without the intermediate tensor and the backward pass that copies its adjoint. Backward adds
//! `b̄ += Σ_rows C̄` (rows in increasing order) to the two products above.
//!
//! Every product runs on [`crate::nn`]'s SIMD `gemm_acc` (`C += A·B`, optionally reading `A`
//! transposed in place), which sums each `Cᵢⱼ` in increasing `k`. The one layout it cannot read
//! in place, a transposed right factor, is first copied transposed into the tape's scratch.

use super::shape::transpose;
use crate::tensor::simd::acc_scaled;
use crate::nn::kernels::gemm_acc;
use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

/// The sizes of a product: `batch` products of `[m, k]·[k, n]`; `shared`: one `B` for all.
#[derive(Clone, Copy)]
struct Dims {
    batch: usize,
    m: usize,
    k: usize,
    n: usize,
    shared: bool,
}

/// Sizes of `A·B` (`bt = false`) or `A·Bᵀ` (`bt = true`), with the output shape.
fn dims(sa: Shape, sb: Shape, bt: bool) -> (Dims, Shape) {
    let what = if bt { "matmul_bt" } else { "matmul" };
    assert!(sa.rank() >= 1 && sb.rank() >= 2, "{what}: shapes {sa:?} and {sb:?}");
    let (bk, bn) = if bt { (sb.last(), sb.dim(sb.rank() - 2)) } else { (sb.dim(sb.rank() - 2), sb.last()) };
    assert_eq!(sa.last(), bk, "{what}: inner sizes differ ({sa:?} and {sb:?})");
    if sb.rank() == 2 {
        let d = Dims { batch: 1, m: sa.rows(), k: bk, n: bn, shared: true };
        (d, sa.with_last(bn))
    } else {
        assert!(
            sa.rank() == sb.rank() && sa.dims()[..sa.rank() - 2] == sb.dims()[..sb.rank() - 2],
            "{what}: batch axes differ ({sa:?} and {sb:?})"
        );
        let m = sa.dim(sa.rank() - 2);
        let batch = sa.numel() / (m * bk).max(1);
        (Dims { batch, m, k: bk, n: bn, shared: false }, sa.with_last(bn))
    }
}

impl Tape {
    /// `A·B` (see the module docs for the accepted shapes).
    pub fn matmul(&mut self, a: Var, b: Var) -> Var {
        self.product(a, b, false, None)
    }
    /// `A·Bᵀ`, with `B` stored `[…, n, k]` (attention scores `Q·Kᵀ`, tied output embeddings).
    pub fn matmul_bt(&mut self, a: Var, b: Var) -> Var {
        self.product(a, b, true, None)
    }
    /// `A·W + b`: a linear layer, `W` `[k, n]` shared by every row of `A` `[…, k]`, `b` `[n]`
    /// added to every row. Equal bit for bit to `add(matmul(a, w), b)`, in one node.
    ///
    /// # Panics
    /// If `W` is not of rank 2 or `b` is not `[n]` (programmer errors).
    pub fn matmul_bias(&mut self, a: Var, w: Var, b: Var) -> Var {
        let (sw, sb) = (self.shape(w), self.shape(b));
        assert!(sw.rank() == 2 && sb.dims() == [sw.last()], "matmul_bias: weight {sw:?}, bias {sb:?}");
        self.product(a, w, false, Some(b))
    }

    fn product(&mut self, a: Var, b: Var, bt: bool, bias: Option<Var>) -> Var {
        let (d, shape) = dims(self.shape(a), self.shape(b), bt);
        let (ra, rb) = (self.range(a), self.range(b));
        let rbias = bias.map(|v| self.range(v));
        let need = self.needs_grad(a) || self.needs_grad(b) || bias.is_some_and(|v| self.needs_grad(v));
        let op = match (bt, bias) {
            (_, Some(bias)) => Op::MatMulBias(a, b, bias),
            (true, None) => Op::MatMulBt(a, b),
            (false, None) => Op::MatMul(a, b),
        };
        let y = self.push(op, shape, need);
        let r = self.range(y);
        let Tape { vals, scratch, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        let out = &mut out[..r.len()];
        let (xa, xb) = (&src[ra], &src[rb]);
        let (m, k, n) = (d.m, d.k, d.n);
        if bt && scratch.len() < k * n {
            scratch.resize(k * n, 0.0);
        }
        for i in 0..d.batch {
            let bi = if d.shared { 0 } else { i };
            let a_i = &xa[i * m * k..(i + 1) * m * k];
            let b_i = &xb[bi * k * n..(bi + 1) * k * n];
            let c_i = &mut out[i * m * n..(i + 1) * m * n];
            if bt {
                // B is [n, k]: copy it transposed to [k, n].
                transpose(&mut scratch[..k * n], b_i, n, k);
                gemm_acc::<false>(c_i, n, m, n, a_i, k, &scratch[..k * n], n, k);
            } else {
                gemm_acc::<false>(c_i, n, m, n, a_i, k, b_i, n, k);
            }
        }
        if let Some(rbias) = rbias {
            // `z + b` as `add` computes it: `z + 1·b`, exactly `z + b`.
            for row in out.chunks_exact_mut(n.max(1)) {
                acc_scaled(row, &src[rbias.clone()], 1.0);
            }
        }
        y
    }
}

/// `Ā += C̄·Bᵀ`, `B̄ += Aᵀ·C̄`.
pub(crate) fn backward_matmul(bk: &mut Back, a: Var, b: Var) {
    let (d, _) = dims(bk.shape(a), bk.shape(b), false);
    let (m, k, n) = (d.m, d.k, d.n);
    let (dy, xa, xb) = (bk.dy, bk.val(a), bk.val(b));
    if bk.needs(a) {
        let mut bt = bk.take_scratch(k * n);
        let ga = bk.grad(a);
        for i in 0..d.batch {
            let bi = if d.shared { 0 } else { i };
            // Bᵀ ([n, k]) into scratch, then Ā_i += C̄_i·Bᵀ.
            let (b_i, dc_i) = (&xb[bi * k * n..(bi + 1) * k * n], &dy[i * m * n..(i + 1) * m * n]);
            transpose(&mut bt[..k * n], b_i, k, n);
            gemm_acc::<false>(&mut ga[i * m * k..(i + 1) * m * k], k, m, k, dc_i, n, &bt[..k * n], k, n);
        }
        bk.put_scratch(bt);
    }
    if bk.needs(b) {
        let gb = bk.grad(b);
        for i in 0..d.batch {
            let bi = if d.shared { 0 } else { i };
            // B̄ += Aᵀ·C̄, reading A transposed in place.
            let (a_i, dc_i) = (&xa[i * m * k..(i + 1) * m * k], &dy[i * m * n..(i + 1) * m * n]);
            gemm_acc::<true>(&mut gb[bi * k * n..(bi + 1) * k * n], n, k, n, a_i, k, dc_i, n, m);
        }
    }
}

/// For `C = A·W + b`: the two products of [`backward_matmul`], and `b̄ += Σ_rows C̄`.
pub(crate) fn backward_matmul_bias(bk: &mut Back, a: Var, w: Var, bias: Var) {
    if bk.needs(bias) {
        let dy = bk.dy;
        let g = bk.grad(bias);
        for row in dy.chunks_exact(g.len().max(1)) {
            acc_scaled(g, row, 1.0);
        }
    }
    backward_matmul(bk, a, w);
}

/// For `C = A·Bᵀ`: `Ā += C̄·B`, `B̄ += C̄ᵀ·A`.
pub(crate) fn backward_matmul_bt(bk: &mut Back, a: Var, b: Var) {
    let (d, _) = dims(bk.shape(a), bk.shape(b), true);
    let (m, k, n) = (d.m, d.k, d.n);
    let (dy, xa, xb) = (bk.dy, bk.val(a), bk.val(b));
    if bk.needs(a) {
        let ga = bk.grad(a);
        for i in 0..d.batch {
            let bi = if d.shared { 0 } else { i };
            // B is stored [n, k]: exactly the right factor C̄·B needs.
            let (b_i, dc_i) = (&xb[bi * n * k..(bi + 1) * n * k], &dy[i * m * n..(i + 1) * m * n]);
            gemm_acc::<false>(&mut ga[i * m * k..(i + 1) * m * k], k, m, k, dc_i, n, b_i, k, n);
        }
    }
    if bk.needs(b) {
        let gb = bk.grad(b);
        for i in 0..d.batch {
            let bi = if d.shared { 0 } else { i };
            // B̄ ([n, k]) += C̄ᵀ·A, reading C̄ transposed in place.
            let (a_i, dc_i) = (&xa[i * m * k..(i + 1) * m * k], &dy[i * m * n..(i + 1) * m * n]);
            gemm_acc::<true>(&mut gb[bi * n * k..(bi + 1) * n * k], k, n, k, dc_i, n, a_i, k, m);
        }
    }
}
