//! # 2-D convolution and pooling (NCHW)
//!
//! Images are `[batch, channels, height, width]`. A convolution with `O` kernels of shape
//! `[C, K, K]`, stride `s` and zero padding `p` computes
//!
//! ```text
//! y[n, o, i, j] = b[o] + Σ_{c, u, v} w[o, c, u, v] · x[n, c, i·s + u − p, j·s + v − p]
//! ```
//!
//! (a cross-correlation, as in every deep-learning library; outside the image `x` is 0). The
//! output side is
//!
//! ```text
//! H_out = ⌊(H + 2p − K) / s⌋ + 1
//! ```
//!
//! which [`conv_output_size`] computes and validates (it also serves pooling, with `p = 0`).
//!
//! **im2col.** For each image, the patches are copied into a matrix `cols` of shape
//! `[C·K·K, H_out·W_out]` (one column per output position); the convolution is then one matrix
//! product `Y_n = W·cols + b` with `W` viewed as `[O, C·K·K]`, run by the SIMD `gemm_acc`.
//! Backward, with `P = colsᵀ` (`[H_out·W_out, C·K·K]`, rebuilt in scratch rather than stored):
//!
//! ```text
//! W̄ += Ȳ_n·P      b̄[o] += Σ Ȳ[n, o, ·, ·]      cols̄ = Wᵀ·Ȳ_n, scattered back onto x̄ (col2im)
//! ```
//!
//! in image order, so sums are in a fixed order.
//!
//! **Pooling** (kernel `K`, stride `s`, no padding): max pooling keeps the largest value of each
//! window (the first one, scanning row by row, on ties) and saves its position — backward sends
//! the whole adjoint there; average pooling takes the mean, and backward spreads `ȳ/K²` over the
//! window.

use crate::error::ParamError;
use crate::nn::kernels::gemm_acc;
use crate::tensor::simd::max_pool_2x2_rows;
use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

/// `⌊(input + 2·padding − kernel)/stride⌋ + 1`, the output side of a convolution or pooling.
///
/// Errors (readable, for settings a learner chose): `kernel` 0 (field `"kernel"`), `stride` 0
/// (`"stride"`), `padding ≥ kernel` (`"padding"`: the window would see only padding), or a
/// kernel larger than the padded input (`"kernel"`, at most `input + 2·padding`).
pub fn conv_output_size(input: usize, kernel: usize, stride: usize, padding: usize) -> Result<usize, ParamError> {
    if kernel == 0 {
        return Err(ParamError::at_least("kernel", 1.0, 0.0));
    }
    if stride == 0 {
        return Err(ParamError::at_least("stride", 1.0, 0.0));
    }
    if padding >= kernel {
        return Err(ParamError::below("padding", 0.0, kernel as f64, padding as f64));
    }
    let padded = input + 2 * padding;
    if kernel > padded {
        return Err(ParamError::out_of_range("kernel", 1.0, padded as f64, kernel as f64));
    }
    Ok((padded - kernel) / stride + 1)
}

/// The geometry of one convolution.
#[derive(Clone, Copy)]
struct Geo {
    n: usize,
    c: usize,
    h: usize,
    w: usize,
    o: usize,
    k: usize,
    s: usize,
    p: usize,
    oh: usize,
    ow: usize,
}

impl Geo {
    fn new(sx: Shape, sw: Shape, stride: usize, pad: usize) -> Geo {
        assert!(
            sx.rank() == 4 && sw.rank() == 4,
            "conv2d: x must be [n, c, h, w] and w [o, c, k, k], got {sx:?}, {sw:?}"
        );
        let (n, c, h, w) = (sx.dim(0), sx.dim(1), sx.dim(2), sx.dim(3));
        let (o, k) = (sw.dim(0), sw.dim(2));
        assert!(sw.dim(1) == c && sw.dim(3) == k, "conv2d: kernel {sw:?} for input {sx:?}");
        let oh = conv_output_size(h, k, stride, pad)
            .unwrap_or_else(|e| panic!("conv2d: {e} (validate with conv_output_size)"));
        let ow = conv_output_size(w, k, stride, pad)
            .unwrap_or_else(|e| panic!("conv2d: {e} (validate with conv_output_size)"));
        Geo { n, c, h, w, o, k, s: stride, p: pad, oh, ow }
    }
    /// Rows of the im2col matrix (`C·K·K`) and its columns (`H_out·W_out`).
    fn ckk(&self) -> usize {
        self.c * self.k * self.k
    }
    fn positions(&self) -> usize {
        self.oh * self.ow
    }
}

/// The output columns `j` whose tap at kernel column `v` lands inside the image
/// (`0 ≤ j·s + v − p < W`): `j_lo..j_hi`. Outside it the tap reads padding.
#[inline]
fn valid_cols(g: &Geo, v: usize) -> (usize, usize) {
    let lo = if v >= g.p { 0 } else { (g.p - v).div_ceil(g.s) };
    let hi = if g.w + g.p > v { ((g.w + g.p - v).div_ceil(g.s)).min(g.ow) } else { 0 };
    (lo.min(g.ow), hi.max(lo.min(g.ow)))
}

/// `cols[(c·K + u)·K + v][i·W_out + j]` = the pixel under that kernel tap, 0 in the padding,
/// with rows `ld` apart (`ld ≥ H_out·W_out`: one image's columns inside the batch's matrix).
/// `x` is one image `[C, H, W]`. The bounds are worked out per output row and per tap (not
/// per element), so the inner loop is a straight copy (a `memcpy` at stride 1).
fn im2col(cols: &mut [f32], ld: usize, x: &[f32], g: &Geo) {
    if g.s == 1 && g.oh == g.h && g.ow == g.w {
        return im2col_same(cols, ld, x, g);
    }
    let pos = ld;
    for c in 0..g.c {
        for u in 0..g.k {
            for v in 0..g.k {
                let row = (c * g.k + u) * g.k + v;
                for i in 0..g.oh {
                    let dst = &mut cols[row * pos + i * g.ow..row * pos + (i + 1) * g.ow];
                    let y = (i * g.s + u).wrapping_sub(g.p);
                    if y >= g.h {
                        dst.fill(0.0);
                        continue;
                    }
                    // One select per element rather than a zero-fill / copy / zero-fill of a
                    // few values each: rows are short (8 on the digits), and in WebAssembly
                    // those become memory.fill / memory.copy calls that cost more than the copy.
                    let src = &x[(c * g.h + y) * g.w..(c * g.h + y + 1) * g.w];
                    for (j, d) in dst.iter_mut().enumerate() {
                        *d = src.get((j * g.s + v).wrapping_sub(g.p)).copied().unwrap_or(0.0);
                    }
                }
            }
        }
    }
}

/// [`im2col`] for a "same" convolution (stride 1, output as large as the input, e.g. 3×3 with
/// padding 1): each row of `cols` is the image plane shifted by `(u − p)·W + (v − p)` in flat
/// order, so it is one long copy, then the rows above / below the image and the columns that
/// wrapped around an edge are zeroed. Writes the same values as the general loop.
fn im2col_same(cols: &mut [f32], ld: usize, x: &[f32], g: &Geo) {
    let (h, w) = (g.h, g.w);
    let plane = h * w;
    for c in 0..g.c {
        let xc = &x[c * plane..(c + 1) * plane];
        for u in 0..g.k {
            for v in 0..g.k {
                let row = (c * g.k + u) * g.k + v;
                let dst = &mut cols[row * ld..row * ld + plane];
                let (dp, dq) = (u as isize - g.p as isize, v as isize - g.p as isize);
                let i_lo = (-dp).clamp(0, h as isize) as usize;
                let i_hi = (h as isize - dp).clamp(0, h as isize) as usize;
                if i_lo >= i_hi {
                    dst.fill(0.0);
                    continue;
                }
                dst[..i_lo * w].fill(0.0);
                dst[i_hi * w..].fill(0.0);
                let off = dp * w as isize + dq;
                let t0 = ((i_lo * w) as isize).max(-off) as usize;
                let t1 = ((i_hi * w) as isize).min(plane as isize - off) as usize;
                if t0 < t1 {
                    let s0 = (t0 as isize + off) as usize;
                    dst[t0..t1].copy_from_slice(&xc[s0..s0 + (t1 - t0)]);
                }
                let (j_lo, j_hi) = valid_cols(g, v);
                if j_lo > 0 || j_hi < w {
                    for r in dst[i_lo * w..i_hi * w].chunks_exact_mut(w) {
                        for j in (0..j_lo).chain(j_hi..w) {
                            r[j] = 0.0;
                        }
                    }
                }
            }
        }
    }
}

/// `out[j·r + i] = x[i·c + j]` (an `r × c` matrix transposed), filling `out` row by row: for
/// the wide, short im2col matrix (`C·K·K` rows of `N·positions`) the writes stay contiguous and
/// the reads are `r` sequential streams, rather than `c` writes `r` apart per source row.
fn transpose_rows_out(out: &mut [f32], x: &[f32], r: usize, c: usize) {
    let x = &x[..r * c];
    for (j, orow) in out[..r * c].chunks_exact_mut(r.max(1)).enumerate() {
        for (i, o) in orow.iter_mut().enumerate() {
            *o = x[i * c + j];
        }
    }
}

/// The adjoint of [`im2col`]: adds each `dcols[row][position]` onto the pixel it was read from
/// (same loops, in the same fixed order). Rows of `dcols` are `ld` apart.
fn col2im_add(gx: &mut [f32], dcols: &[f32], ld: usize, g: &Geo) {
    let pos = ld;
    for c in 0..g.c {
        for u in 0..g.k {
            for v in 0..g.k {
                let row = (c * g.k + u) * g.k + v;
                let (j_lo, j_hi) = valid_cols(g, v);
                for i in 0..g.oh {
                    let y = (i * g.s + u).wrapping_sub(g.p);
                    if y >= g.h || j_lo >= j_hi {
                        continue;
                    }
                    let src = &dcols[row * pos + i * g.ow + j_lo..row * pos + i * g.ow + j_hi];
                    let dst = &mut gx[(c * g.h + y) * g.w..(c * g.h + y + 1) * g.w];
                    let first = j_lo * g.s + v - g.p;
                    for (d, &v) in dst[first..].iter_mut().step_by(g.s).zip(src) {
                        *d += v;
                    }
                }
            }
        }
    }
}

impl Tape {
    /// 2-D convolution: `x` `[n, c, h, w]`, kernels `w` `[o, c, k, k]`, optional bias `[o]`,
    /// stride and zero padding; output `[n, o, h_out, w_out]`.
    ///
    /// # Panics
    /// On mismatched shapes or sizes that [`conv_output_size`] rejects: lab code validates
    /// learner-chosen sizes with it first, so reaching the panic is a programmer error.
    pub fn conv2d(&mut self, x: Var, w: Var, bias: Option<Var>, stride: usize, pad: usize) -> Var {
        let g = Geo::new(self.shape(x), self.shape(w), stride, pad);
        if let Some(b) = bias {
            assert_eq!(self.shape(b).dims(), &[g.o], "conv2d: bias must be [{}]", g.o);
        }
        let need = self.needs_grad(x) || self.needs_grad(w) || bias.is_some_and(|b| self.needs_grad(b));
        let (rx, rw) = (self.range(x), self.range(w));
        let rb = bias.map(|b| self.range(b));
        let (ckk, pos) = (g.ckk(), g.positions());
        let np = g.n * pos;
        // The patches are needed again for W̄: when w needs a gradient they are built straight
        // into the tape's saved data rather than into scratch (and not rebuilt backward).
        let keep = self.needs_grad(w);
        let cols_at = self.aux_f.len();
        if keep {
            self.aux_f.resize(cols_at + ckk * np, 0.0);
        }
        let op = Op::Conv2d { x, w, b: bias, stride, pad, cols: cols_at };
        let y = self.push_overwritten(op, Shape::new(&[g.n, g.o, g.oh, g.ow]), need);
        let r = self.range(y);
        let Tape { vals, scratch, aux_f, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        let out = &mut out[..r.len()];
        if np == 0 {
            return y;
        }
        if !keep && scratch.len() < ckk * np {
            scratch.resize(ckk * np, 0.0);
        }
        let cols = if keep { &mut aux_f[cols_at..cols_at + ckk * np] } else { &mut scratch[..ckk * np] };
        // One im2col matrix for the whole batch, [C·K·K, N·positions] (image n in columns
        // n·positions..), then per image Y_n = b + W·cols_n written straight into the NCHW
        // output (its rows are the O channels): each output sums bias first, then its C·K·K
        // products in increasing order.
        let image = g.c * g.h * g.w;
        for (n, x_n) in src[rx].chunks_exact(image.max(1)).take(g.n).enumerate() {
            im2col(&mut cols[n * pos..], np, x_n, &g);
        }
        for (n, y_n) in out.chunks_exact_mut(g.o * pos).enumerate() {
            for (o, row) in y_n.chunks_exact_mut(pos).enumerate() {
                row.fill(rb.as_ref().map_or(0.0, |rb| src[rb.start + o]));
            }
            gemm_acc::<false>(y_n, pos, g.o, pos, &src[rw.clone()], ckk, &cols[n * pos..], np, ckk);
        }
        y
    }

    /// Max pooling over `kernel × kernel` windows with `stride` (no padding): `[n, c, h, w] →
    /// [n, c, h_out, w_out]`. Panics on sizes [`conv_output_size`] rejects.
    pub fn max_pool2d(&mut self, x: Var, kernel: usize, stride: usize) -> Var {
        let (shape, (h, w, oh, ow)) = self.pool_shape(x, kernel, stride);
        let argmax = self.aux_u.len();
        self.aux_u.resize(argmax + shape.numel(), 0);
        let rx = self.range(x);
        let y = self.push_overwritten(Op::MaxPool { x, argmax }, shape, self.needs_grad(x));
        let r = self.range(y);
        let Tape { vals, aux_u, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        let xs = &src[rx];
        let (outs, ams) = (&mut out[..r.len()], &mut aux_u[argmax..argmax + r.len()]);
        // Per output row, the K input rows it reads are sliced once; each window keeps its
        // first maximum scanning row by row (a later value must be strictly greater, so a NaN
        // never displaces a number and a NaN in first place stays).
        let planes = xs.chunks_exact(h * w).zip(outs.chunks_exact_mut(oh * ow).zip(ams.chunks_exact_mut(oh * ow)));
        for (plane, (xp, (o, am))) in planes.enumerate() {
            let base = plane * h * w;
            for (i, (orow, arow)) in o.chunks_exact_mut(ow).zip(am.chunks_exact_mut(ow)).enumerate() {
                let top = i * stride * w;
                if kernel == 2 && stride == 2 {
                    // The digits' pooling: 4 windows at a time (the same choices, see simd.rs).
                    let (r0, r1) = (&xp[top..top + 2 * ow], &xp[top + w..top + w + 2 * ow]);
                    max_pool_2x2_rows(orow, arow, r0, r1, w, (base + top) as u32);
                } else {
                    let rows = &xp[top..top + (kernel - 1) * w + (ow - 1) * stride + kernel];
                    for (j, (y, m)) in orow.iter_mut().zip(arow.iter_mut()).enumerate() {
                        let (mut best, mut at) = (rows[j * stride], j * stride);
                        for u in 0..kernel {
                            let win = &rows[u * w + j * stride..u * w + j * stride + kernel];
                            for (v, &x) in win.iter().enumerate() {
                                if x > best {
                                    (best, at) = (x, u * w + j * stride + v);
                                }
                            }
                        }
                        *y = best;
                        *m = (base + top + at) as u32;
                    }
                }
            }
        }
        y
    }

    /// Average pooling over `kernel × kernel` windows with `stride` (no padding).
    pub fn avg_pool2d(&mut self, x: Var, kernel: usize, stride: usize) -> Var {
        let (shape, (h, w, oh, ow)) = self.pool_shape(x, kernel, stride);
        let rx = self.range(x);
        let y = self.push_overwritten(Op::AvgPool { x, kernel, stride }, shape, self.needs_grad(x));
        let (src, out) = self.src_out(y);
        let xs = &src[rx];
        let inv = 1.0 / (kernel * kernel) as f32;
        for (plane, o) in out.chunks_exact_mut(oh * ow).enumerate() {
            let base = plane * h * w;
            for i in 0..oh {
                for j in 0..ow {
                    let mut s = 0.0f32;
                    for u in 0..kernel {
                        for v in 0..kernel {
                            s += xs[base + (i * stride + u) * w + j * stride + v];
                        }
                    }
                    o[i * ow + j] = s * inv;
                }
            }
        }
        y
    }

    fn pool_shape(&self, x: Var, kernel: usize, stride: usize) -> (Shape, (usize, usize, usize, usize)) {
        let sx = self.shape(x);
        assert!(sx.rank() == 4, "pool: x must be [n, c, h, w], got {sx:?}");
        let (h, w) = (sx.dim(2), sx.dim(3));
        let size = |len| {
            conv_output_size(len, kernel, stride, 0)
                .unwrap_or_else(|e| panic!("pool: {e} (validate with conv_output_size)"))
        };
        let (oh, ow) = (size(h), size(w));
        (Shape::new(&[sx.dim(0), sx.dim(1), oh, ow]), (h, w, oh, ow))
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn backward_conv2d(bk: &mut Back, x: Var, w: Var, bias: Option<Var>, stride: usize, pad: usize, cols_at: usize) {
    let g = Geo::new(bk.shape(x), bk.shape(w), stride, pad);
    let (ckk, pos) = (g.ckk(), g.positions());
    let (dy, ws) = (bk.dy, bk.val(w));
    let image = g.c * g.h * g.w;
    let out_image = g.o * pos;
    if let Some(b) = bias.filter(|&b| bk.needs(b)) {
        let gb = bk.grad(b);
        // b̄[o] += Σ_positions Ȳ[n, o] per image. Each sum is a chain of dependent additions
        // (its order is fixed), so four channels are summed side by side: four independent
        // chains the processor overlaps, each in the same order as alone.
        for dy_n in dy.chunks_exact(out_image.max(1)) {
            let mut quads = gb.chunks_exact_mut(4);
            let mut rows = dy_n.chunks_exact(4 * pos.max(1));
            for (gq, rq) in (&mut quads).zip(&mut rows) {
                let (r0, rest) = rq.split_at(pos);
                let (r1, rest) = rest.split_at(pos);
                let (r2, r3) = rest.split_at(pos);
                let mut s = [0.0f32; 4];
                for (((&a, &b), &c), &d) in r0.iter().zip(r1).zip(r2).zip(r3) {
                    s = [s[0] + a, s[1] + b, s[2] + c, s[3] + d];
                }
                for (g, s) in gq.iter_mut().zip(s) {
                    *g += s;
                }
            }
            for (g, row) in quads.into_remainder().iter_mut().zip(rows.remainder().chunks_exact(pos.max(1))) {
                *g += row.iter().fold(0.0, |s, &d| s + d);
            }
        }
    }
    let (need_w, need_x) = (bk.needs(w), bk.needs(x));
    let np = g.n * pos;
    if !(need_w || need_x) || np == 0 {
        return;
    }
    let mut scratch = bk.take_scratch(ckk * np);
    if need_w {
        // P = colsᵀ ([N·positions, C·K·K], from the patches saved forward); then per image
        // W̄ ([O, C·K·K]) += Ȳ_n ([O, positions], straight from the NCHW adjoint)·P_n.
        // gemm_acc continues each W̄ sum where the last image left it, so every element sums
        // over images then positions in one fixed order, as one product over the batch would.
        let cols_t = &mut scratch[..ckk * np];
        transpose_rows_out(cols_t, &bk.aux_f[cols_at..cols_at + ckk * np], ckk, np);
        let gw = bk.grad(w);
        for (n, dy_n) in dy.chunks_exact(out_image).enumerate() {
            gemm_acc::<false>(gw, ckk, g.o, ckk, dy_n, pos, &cols_t[n * pos * ckk..], ckk, pos);
        }
    }
    if need_x {
        let gx = bk.grad(x);
        // cols̄_n ([C·K·K, positions]) = Wᵀ·Ȳ_n, reading W ([O, C·K·K]) transposed in place,
        // then scattered back onto the image (col2im).
        let dcols = &mut scratch[..ckk * pos];
        for (n, dy_n) in dy.chunks_exact(out_image).enumerate() {
            dcols.fill(0.0);
            gemm_acc::<true>(dcols, pos, ckk, pos, ws, ckk, dy_n, pos, g.o);
            col2im_add(&mut gx[n * image..(n + 1) * image], dcols, pos, &g);
        }
    }
    bk.put_scratch(scratch);
}

pub(crate) fn backward_max_pool(b: &mut Back, x: Var, argmax: usize) {
    let (dy, n) = (b.dy, b.dy.len());
    let am = &b.aux_u[argmax..argmax + n];
    let g = b.grad(x);
    for (&d, &i) in dy.iter().zip(am) {
        g[i as usize] += d;
    }
}

pub(crate) fn backward_avg_pool(b: &mut Back, x: Var, kernel: usize, stride: usize) {
    let sx = b.shape(x);
    let (h, w) = (sx.dim(2), sx.dim(3));
    let (oh, ow) = (b.shape.dim(2), b.shape.dim(3));
    let inv = 1.0 / (kernel * kernel) as f32;
    let dy = b.dy;
    let g = b.grad(x);
    for (plane, d) in dy.chunks_exact(oh * ow).enumerate() {
        let base = plane * h * w;
        for i in 0..oh {
            for j in 0..ow {
                let share = d[i * ow + j] * inv;
                for u in 0..kernel {
                    for v in 0..kernel {
                        g[base + (i * stride + u) * w + j * stride + v] += share;
                    }
                }
            }
        }
    }
}
