//! # Moving values around: reshape, transposes, heads, concat/slice, time steps
//!
//! None of these compute anything; each output element is one input element, so the backward
//! step sends each adjoint back to where its value came from (`ā[src(i)] += ȳ[i]`).
//!
//! | operation | shapes | value |
//! |---|---|---|
//! | `reshape` | any → same count | the same buffer (free: the node shares its input's storage) |
//! | `transpose_last2` | `[…, r, c] → […, c, r]` | `y[…, j, i] = a[…, i, j]` |
//! | `split_heads(h)` | `[b, t, h·d] → [b, h, t, d]` | `y[b, k, t, e] = a[b, t, k·d + e]` |
//! | `merge_heads` | `[b, h, t, d] → [b, t, h·d]` | the inverse |
//! | `concat_last` | `[…, n₁], […, n₂], … → […, Σnᵢ]` | side by side |
//! | `slice_last(s, n)` | `[…, m] → […, n]` | `y[…, j] = a[…, s + j]` (e.g. one LSTM gate) |
//! | `select_time(t)` | `[b, T, f] → [b, f]` | time step `t` |
//! | `stack_time` | `T × [b, f] → [b, T, f]` | the inverse |

use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

impl Tape {
    /// The same values with another shape (same element count). Free: shares the storage.
    pub fn reshape(&mut self, a: Var, shape: impl Into<Shape>) -> Var {
        let shape = shape.into();
        assert_eq!(shape.numel(), self.shape(a).numel(), "reshape: {:?} → {shape:?} changes the count", self.shape(a));
        self.push_alias(a, shape)
    }

    /// Swaps the last two axes: `[…, r, c] → […, c, r]`.
    pub fn transpose_last2(&mut self, a: Var) -> Var {
        let sa = self.shape(a);
        assert!(sa.rank() >= 2, "transpose_last2: needs 2 axes, got {sa:?}");
        let (r, c) = (sa.dim(sa.rank() - 2), sa.last());
        let mut dims = [0; 4];
        dims[..sa.rank()].copy_from_slice(sa.dims());
        dims.swap(sa.rank() - 2, sa.rank() - 1);
        let ra = self.range(a);
        let y = self.push_overwritten(Op::TransposeLast2(a), Shape::new(&dims[..sa.rank()]), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, x) in out.chunks_exact_mut(r * c).zip(src[ra].chunks_exact(r * c)) {
            transpose(o, x, r, c);
        }
        y
    }

    /// `[b, t, h·d] → [b, h, t, d]`: one sequence per attention head.
    pub fn split_heads(&mut self, a: Var, heads: usize) -> Var {
        let sa = self.shape(a);
        assert!(
            sa.rank() == 3 && heads > 0 && sa.last().is_multiple_of(heads),
            "split_heads: {sa:?} into {heads} heads"
        );
        let (bs, t, d) = (sa.dim(0), sa.dim(1), sa.last() / heads);
        let ra = self.range(a);
        let y = self.push_overwritten(Op::SplitHeads(a, heads), Shape::new(&[bs, heads, t, d]), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        heads_permute(out, &src[ra], bs, t, heads, d, true);
        y
    }

    /// `[b, h, t, d] → [b, t, h·d]`: the heads side by side again.
    pub fn merge_heads(&mut self, a: Var) -> Var {
        let sa = self.shape(a);
        assert!(sa.rank() == 4, "merge_heads: needs [b, h, t, d], got {sa:?}");
        let (bs, heads, t, d) = (sa.dim(0), sa.dim(1), sa.dim(2), sa.dim(3));
        let ra = self.range(a);
        let y = self.push_overwritten(Op::MergeHeads(a, heads), Shape::new(&[bs, t, heads * d]), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        heads_permute(out, &src[ra], bs, t, heads, d, false);
        y
    }

    /// Side by side along the last axis (all inputs with the same leading dimensions).
    pub fn concat_last(&mut self, parts: &[Var]) -> Var {
        assert!(!parts.is_empty(), "concat_last: nothing to concatenate");
        let s0 = self.shape(parts[0]);
        let rows = s0.rows();
        let mut total = 0;
        let mut need = false;
        for &p in parts {
            let s = self.shape(p);
            assert!(
                s.rank() == s0.rank() && s.dims()[..s.rank() - 1] == s0.dims()[..s0.rank() - 1],
                "concat_last: {s:?} vs {s0:?}"
            );
            total += s.last();
            need |= self.needs_grad(p);
        }
        let list = self.aux_u.len();
        self.aux_u.extend(parts.iter().map(|p| p.0));
        let y = self.push_overwritten(Op::Concat { list, count: parts.len() }, s0.with_last(total), need);
        let mut col = 0;
        for &p in parts {
            let (rp, n) = (self.range(p), self.shape(p).last());
            let (src, out) = self.src_out(y);
            for r in 0..rows {
                out[r * total + col..r * total + col + n]
                    .copy_from_slice(&src[rp.start + r * n..rp.start + (r + 1) * n]);
            }
            col += n;
        }
        y
    }

    /// Columns `start .. start + len` of the last axis.
    pub fn slice_last(&mut self, a: Var, start: usize, len: usize) -> Var {
        let sa = self.shape(a);
        let m = sa.last();
        assert!(start + len <= m, "slice_last: {start}..{} of {m}", start + len);
        let ra = self.range(a);
        let y = self.push_overwritten(Op::SliceLast { a, start }, sa.with_last(len), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for (o, x) in out.chunks_exact_mut(len.max(1)).zip(src[ra].chunks_exact(m)) {
            o.copy_from_slice(&x[start..start + len]);
        }
        y
    }

    /// Time step `t` of a `[b, T, f]` sequence: `[b, f]`.
    pub fn select_time(&mut self, a: Var, t: usize) -> Var {
        let sa = self.shape(a);
        assert!(sa.rank() == 3 && t < sa.dim(1), "select_time: step {t} of {sa:?}");
        let (bs, tt, f) = (sa.dim(0), sa.dim(1), sa.dim(2));
        let ra = self.range(a);
        let y = self.push_overwritten(Op::SelectTime { a, t }, Shape::new(&[bs, f]), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        for i in 0..bs {
            let s = ra.start + (i * tt + t) * f;
            out[i * f..(i + 1) * f].copy_from_slice(&src[s..s + f]);
        }
        y
    }

    /// `T` steps of shape `[b, f]` into one `[b, T, f]` sequence.
    pub fn stack_time(&mut self, steps: &[Var]) -> Var {
        assert!(!steps.is_empty(), "stack_time: no steps");
        let s0 = self.shape(steps[0]);
        assert!(s0.rank() == 2, "stack_time: steps must be [b, f], got {s0:?}");
        let (bs, f, tt) = (s0.dim(0), s0.dim(1), steps.len());
        let mut need = false;
        for &s in steps {
            assert_eq!(self.shape(s), s0, "stack_time: steps of different shapes");
            need |= self.needs_grad(s);
        }
        let list = self.aux_u.len();
        self.aux_u.extend(steps.iter().map(|p| p.0));
        let y = self.push_overwritten(Op::StackTime { list, count: tt }, Shape::new(&[bs, tt, f]), need);
        for (t, &s) in steps.iter().enumerate() {
            let rs = self.range(s);
            let (src, out) = self.src_out(y);
            for i in 0..bs {
                let d = (i * tt + t) * f;
                out[d..d + f].copy_from_slice(&src[rs.start + i * f..rs.start + (i + 1) * f]);
            }
        }
        y
    }
}

/// `out[j·r + i] = x[i·c + j]` (an `r × c` matrix transposed).
pub(crate) fn transpose(out: &mut [f32], x: &[f32], r: usize, c: usize) {
    for i in 0..r {
        for j in 0..c {
            out[j * r + i] = x[i * c + j];
        }
    }
}

/// `[b, t, h·d] ↔ [b, h, t, d]`: with `split`, `out` is `[b, h, t, d]` read from `x`
/// `[b, t, h·d]`; without, the reverse. `ADD` adds instead of copying (for the backward steps).
fn heads_permute_impl<const ADD: bool>(
    out: &mut [f32],
    x: &[f32],
    bs: usize,
    t: usize,
    h: usize,
    d: usize,
    split: bool,
) {
    for b in 0..bs {
        for k in 0..h {
            for s in 0..t {
                let merged = (b * t + s) * h * d + k * d;
                let heads = ((b * h + k) * t + s) * d;
                let (o, i) = if split { (heads, merged) } else { (merged, heads) };
                for e in 0..d {
                    if ADD {
                        out[o + e] += x[i + e];
                    } else {
                        out[o + e] = x[i + e];
                    }
                }
            }
        }
    }
}

fn heads_permute(out: &mut [f32], x: &[f32], bs: usize, t: usize, h: usize, d: usize, split: bool) {
    heads_permute_impl::<false>(out, x, bs, t, h, d, split)
}

pub(crate) fn backward_transpose_last2(b: &mut Back, a: Var) {
    let sa = b.shape(a);
    let (r, c) = (sa.dim(sa.rank() - 2), sa.last());
    let dy = b.dy;
    // ȳ is [c, r] per matrix; ā[i, j] += ȳ[j, i].
    for (g, d) in b.grad(a).chunks_exact_mut(r * c).zip(dy.chunks_exact(r * c)) {
        for i in 0..r {
            for j in 0..c {
                g[i * c + j] += d[j * r + i];
            }
        }
    }
}

pub(crate) fn backward_split_heads(b: &mut Back, a: Var, heads: usize) {
    let sa = b.shape(a);
    let (bs, t, d) = (sa.dim(0), sa.dim(1), sa.last() / heads);
    let dy = b.dy;
    heads_permute_impl::<true>(b.grad(a), dy, bs, t, heads, d, false);
}

pub(crate) fn backward_merge_heads(b: &mut Back, a: Var, heads: usize) {
    let sa = b.shape(a);
    let (bs, t, d) = (sa.dim(0), sa.dim(2), sa.dim(3));
    let dy = b.dy;
    heads_permute_impl::<true>(b.grad(a), dy, bs, t, heads, d, true);
}

pub(crate) fn backward_concat(b: &mut Back, list: usize, count: usize) {
    let (dy, total) = (b.dy, b.shape.last());
    let rows = b.shape.rows();
    let mut col = 0;
    for k in 0..count {
        let p = Var(b.aux_u[list + k]);
        let n = b.shape(p).last();
        if b.needs(p) {
            let g = b.grad(p);
            for r in 0..rows {
                for j in 0..n {
                    g[r * n + j] += dy[r * total + col + j];
                }
            }
        }
        col += n;
    }
}

pub(crate) fn backward_slice_last(b: &mut Back, a: Var, start: usize) {
    let (dy, len, m) = (b.dy, b.shape.last(), b.shape(a).last());
    for (g, d) in b.grad(a).chunks_exact_mut(m).zip(dy.chunks_exact(len.max(1))) {
        for (g, &d) in g[start..start + len].iter_mut().zip(d) {
            *g += d;
        }
    }
}

pub(crate) fn backward_select_time(b: &mut Back, a: Var, t: usize) {
    let sa = b.shape(a);
    let (bs, tt, f) = (sa.dim(0), sa.dim(1), sa.dim(2));
    let dy = b.dy;
    let g = b.grad(a);
    for i in 0..bs {
        for j in 0..f {
            g[(i * tt + t) * f + j] += dy[i * f + j];
        }
    }
}

pub(crate) fn backward_stack_time(b: &mut Back, list: usize, count: usize) {
    let (bs, f) = (b.shape.dim(0), b.shape.dim(2));
    let dy = b.dy;
    for t in 0..count {
        let s = Var(b.aux_u[list + t]);
        if !b.needs(s) {
            continue;
        }
        let g = b.grad(s);
        for i in 0..bs {
            for j in 0..f {
                g[i * f + j] += dy[(i * count + t) * f + j];
            }
        }
    }
}
