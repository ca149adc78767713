//! # 4-lane loops for the element-wise work of the engine
//!
//! The hot element-wise loops (binary arithmetic, and the `ā += …` accumulations of every
//! backward step) written with the [`F4`] unit of [`crate::nn`]'s kernels, 4 values at a time,
//! then a scalar tail. Explicit rather than left to the compiler's auto-vectoriser, which the
//! `nn` kernels found unreliable. Each lane performs exactly the scalar operations, in the same
//! order, rounded the same way (a lane addition `a + b` is written `a + b·1`, exact since
//! `b·1 = b`), so results do not depend on where a buffer's 4-value blocks start.

use crate::nn::kernels::{Backprop, F4};

/// A binary element-wise operation with a 4-lane and a scalar form that agree bit for bit.
pub(crate) trait Binary {
    fn f4(a: F4, b: F4) -> F4;
    fn f1(a: f32, b: f32) -> f32;
}

pub(crate) struct AddOp;
pub(crate) struct SubOp;
pub(crate) struct MulOp;

impl Binary for AddOp {
    #[inline(always)]
    fn f4(a: F4, b: F4) -> F4 {
        a.mul_add(b, F4::splat(1.0))
    }
    #[inline(always)]
    fn f1(a: f32, b: f32) -> f32 {
        a + b
    }
}
impl Binary for SubOp {
    #[inline(always)]
    fn f4(a: F4, b: F4) -> F4 {
        a.sub(b)
    }
    #[inline(always)]
    fn f1(a: f32, b: f32) -> f32 {
        a - b
    }
}
impl Binary for MulOp {
    #[inline(always)]
    fn f4(a: F4, b: F4) -> F4 {
        a.mul(b)
    }
    #[inline(always)]
    fn f1(a: f32, b: f32) -> f32 {
        a * b
    }
}

/// `out[i] = B(a[i], b[i])` over the common length.
#[inline]
pub(crate) fn zip_map<B: Binary>(out: &mut [f32], a: &[f32], b: &[f32]) {
    let n = out.len().min(a.len()).min(b.len());
    let (out, a, b) = (&mut out[..n], &a[..n], &b[..n]);
    let mut oc = out.chunks_exact_mut(4);
    let (mut ac, mut bc) = (a.chunks_exact(4), b.chunks_exact(4));
    for ((o, x), y) in (&mut oc).zip(&mut ac).zip(&mut bc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe { B::f4(F4::load_ptr(x.as_ptr()), F4::load_ptr(y.as_ptr())).store_ptr(o.as_mut_ptr()) };
    }
    for ((o, &x), &y) in oc.into_remainder().iter_mut().zip(ac.remainder()).zip(bc.remainder()) {
        *o = B::f1(x, y);
    }
}

/// `g[i] += c·d[i]` (with `c = 1`: `g[i] += 1·d[i]`, which equals `g[i] + d[i]` exactly).
#[inline]
pub(crate) fn acc_scaled(g: &mut [f32], d: &[f32], c: f32) {
    let n = g.len().min(d.len());
    let (g, d) = (&mut g[..n], &d[..n]);
    let cv = F4::splat(c);
    let mut gc = g.chunks_exact_mut(4);
    let mut dc = d.chunks_exact(4);
    for (g, x) in (&mut gc).zip(&mut dc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe { F4::load_ptr(g.as_ptr()).mul_add(cv, F4::load_ptr(x.as_ptr())).store_ptr(g.as_mut_ptr()) };
    }
    for (g, &x) in gc.into_remainder().iter_mut().zip(dc.remainder()) {
        *g += c * x;
    }
}

/// `g[i] += d[i]·w[i]` over the common length.
#[inline]
pub(crate) fn acc_mul(g: &mut [f32], d: &[f32], w: &[f32]) {
    let n = g.len().min(d.len()).min(w.len());
    let (g, d, w) = (&mut g[..n], &d[..n], &w[..n]);
    let mut gc = g.chunks_exact_mut(4);
    let (mut dc, mut wc) = (d.chunks_exact(4), w.chunks_exact(4));
    for ((g, x), y) in (&mut gc).zip(&mut dc).zip(&mut wc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe {
            F4::load_ptr(g.as_ptr()).mul_add(F4::load_ptr(x.as_ptr()), F4::load_ptr(y.as_ptr())).store_ptr(g.as_mut_ptr())
        };
    }
    for ((g, &x), &y) in gc.into_remainder().iter_mut().zip(dc.remainder()).zip(wc.remainder()) {
        *g += x * y;
    }
}

/// A unary element-wise function with a 4-lane and a scalar form that agree bit for bit (the
/// same operations in the same order): GELU and its slope.
pub(crate) trait Unary {
    fn f4(x: F4) -> F4;
    fn f1(x: f32) -> f32;
}

/// `out[i] = U(x[i])` over the common length.
#[inline]
pub(crate) fn map<U: Unary>(out: &mut [f32], x: &[f32]) {
    let n = out.len().min(x.len());
    let (out, x) = (&mut out[..n], &x[..n]);
    let mut oc = out.chunks_exact_mut(4);
    let mut xc = x.chunks_exact(4);
    for (o, x) in (&mut oc).zip(&mut xc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe { U::f4(F4::load_ptr(x.as_ptr())).store_ptr(o.as_mut_ptr()) };
    }
    for (o, &x) in oc.into_remainder().iter_mut().zip(xc.remainder()) {
        *o = U::f1(x);
    }
}

/// `g[i] += d[i]·U(x[i])` over the common length (a backward step `ā += ȳ·f′(a)`).
#[inline]
pub(crate) fn acc_mul_map<U: Unary>(g: &mut [f32], d: &[f32], x: &[f32]) {
    let n = g.len().min(d.len()).min(x.len());
    let (g, d, x) = (&mut g[..n], &d[..n], &x[..n]);
    let mut gc = g.chunks_exact_mut(4);
    let (mut dc, mut xc) = (d.chunks_exact(4), x.chunks_exact(4));
    for ((g, d), x) in (&mut gc).zip(&mut dc).zip(&mut xc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe {
            let slope = U::f4(F4::load_ptr(x.as_ptr()));
            F4::load_ptr(g.as_ptr()).mul_add(F4::load_ptr(d.as_ptr()), slope).store_ptr(g.as_mut_ptr())
        };
    }
    for ((g, &d), &x) in gc.into_remainder().iter_mut().zip(dc.remainder()).zip(xc.remainder()) {
        *g += d * U::f1(x);
    }
}

/// 2×2 max pooling with stride 2 of one pair of image rows `r0`, `r1` (`w` apart in the
/// image): `out[j]` is the largest of `r0[2j], r0[2j+1], r1[2j], r1[2j+1]`, the first one in
/// that order on ties (a later value must be strictly greater, so a NaN never displaces a
/// number), and `arg[j] = first + 2j + (0, 1, w or w + 1)` says where it was. Four windows at a
/// time: the pairs are split into left and right columns by a shuffle, and each candidate
/// replaces the running maximum where `best < candidate`, in the scalar loop's order, so the
/// choice is the same on every lane as in the scalar tail.
pub(crate) fn max_pool_2x2_rows(out: &mut [f32], arg: &mut [u32], r0: &[f32], r1: &[f32], w: usize, first: u32) {
    let n = out.len().min(arg.len()).min(r0.len() / 2).min(r1.len() / 2);
    let (out, arg, r0, r1) = (&mut out[..n], &mut arg[..n], &r0[..2 * n], &r1[..2 * n]);
    let offs = [1.0, w as f32, (w + 1) as f32].map(F4::splat);
    let mut oc = out.chunks_exact_mut(4);
    let mut ac = arg.chunks_exact_mut(4);
    let (mut c0, mut c1) = (r0.chunks_exact(8), r1.chunks_exact(8));
    let mut j = 0;
    for (((o, a), x0), x1) in (&mut oc).zip(&mut ac).zip(&mut c0).zip(&mut c1) {
        // SAFETY: each chunk of `r0`, `r1` holds exactly 8 f32 (two loads of 4), of `out` 4.
        let at = unsafe {
            let (a0, a1) = F4::deinterleave(F4::load_ptr(x0.as_ptr()), F4::load_ptr(x0.as_ptr().add(4)));
            let (b0, b1) = F4::deinterleave(F4::load_ptr(x1.as_ptr()), F4::load_ptr(x1.as_ptr().add(4)));
            let (mut best, mut at) = (a0, F4::splat(0.0));
            for (cand, off) in [a1, b0, b1].into_iter().zip(offs) {
                let won = best.lt(cand);
                best = F4::select(won, cand, best);
                at = F4::select(won, off, at);
            }
            best.store_ptr(o.as_mut_ptr());
            at
        };
        for (l, (a, at)) in a.iter_mut().zip(at.to_array()).enumerate() {
            *a = first + 2 * (j + l) as u32 + at as u32;
        }
        j += 4;
    }
    let rest = oc.into_remainder().iter_mut().zip(ac.into_remainder());
    for (k, (o, a)) in rest.enumerate() {
        let jj = j + k;
        let (mut best, mut at) = (r0[2 * jj], 0);
        for (cand, off) in [(r0[2 * jj + 1], 1), (r1[2 * jj], w), (r1[2 * jj + 1], w + 1)] {
            if cand > best {
                (best, at) = (cand, off);
            }
        }
        *o = best;
        *a = first + 2 * jj as u32 + at as u32;
    }
}

/// `g[i] += B(d[i], y[i])` — an activation's backward step `ā += ȳ·f′` with the derivative
/// written through the output `y` ([`crate::nn`]'s kernels: relu, tanh, sigmoid).
#[inline]
pub(crate) fn acc_backprop<B: Backprop>(g: &mut [f32], d: &[f32], y: &[f32]) {
    let n = g.len().min(d.len()).min(y.len());
    let (g, d, y) = (&mut g[..n], &d[..n], &y[..n]);
    let one = F4::splat(1.0);
    let mut gc = g.chunks_exact_mut(4);
    let (mut dc, mut yc) = (d.chunks_exact(4), y.chunks_exact(4));
    for ((g, x), a) in (&mut gc).zip(&mut dc).zip(&mut yc) {
        // SAFETY: each chunk holds exactly 4 f32.
        unsafe {
            let step = B::f4(F4::load_ptr(x.as_ptr()), F4::load_ptr(a.as_ptr()));
            F4::load_ptr(g.as_ptr()).mul_add(step, one).store_ptr(g.as_mut_ptr())
        };
    }
    for ((g, &x), &a) in gc.into_remainder().iter_mut().zip(dc.remainder()).zip(yc.remainder()) {
        *g += B::f1(x, a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::kernels::{ReluPrime, SigmoidPrime, TanhPrime};
    use crate::rng::Rng;

    fn same(a: &[f32], b: &[f32]) {
        for (x, y) in a.iter().zip(b) {
            assert!(x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()), "{x} vs {y}");
        }
    }

    /// Every helper equals its scalar loop bit for bit, for every length up to 13 (so every
    /// tail), on random values mixed with ±0, ±∞ and NaN.
    #[test]
    fn lanes_equal_scalar_loops() {
        let mut rng = Rng::new(4);
        let specials = [0.0, -0.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 1e-40];
        let mut draw = |n: usize| -> Vec<f32> {
            (0..n).map(|i| if i % 5 == 4 { specials[i % specials.len()] } else { rng.uniform(-3.0, 3.0) }).collect()
        };
        for n in 0..14 {
            let (a, b, c) = (draw(n), draw(n), draw(n));
            let mut out = vec![0.0; n];
            zip_map::<AddOp>(&mut out, &a, &b);
            same(&out, &a.iter().zip(&b).map(|(x, y)| x + y).collect::<Vec<_>>());
            zip_map::<SubOp>(&mut out, &a, &b);
            same(&out, &a.iter().zip(&b).map(|(x, y)| x - y).collect::<Vec<_>>());
            zip_map::<MulOp>(&mut out, &a, &b);
            same(&out, &a.iter().zip(&b).map(|(x, y)| x * y).collect::<Vec<_>>());
            for k in [1.0, -1.0, 0.37] {
                let mut g = c.clone();
                acc_scaled(&mut g, &a, k);
                same(&g, &c.iter().zip(&a).map(|(g, x)| g + k * x).collect::<Vec<_>>());
            }
            let mut g = c.clone();
            acc_mul(&mut g, &a, &b);
            same(&g, &c.iter().zip(&a).zip(&b).map(|((g, x), y)| g + x * y).collect::<Vec<_>>());
            fn bp<B: Backprop>(c: &[f32], a: &[f32], b: &[f32]) {
                let mut g = c.to_vec();
                acc_backprop::<B>(&mut g, a, b);
                same(&g, &c.iter().zip(a).zip(b).map(|((g, x), y)| g + B::f1(*x, *y)).collect::<Vec<_>>());
            }
            bp::<ReluPrime>(&c, &a, &b);
            bp::<TanhPrime>(&c, &a, &b);
            bp::<SigmoidPrime>(&c, &a, &b);
        }
    }

    /// The 4-window max pooling picks the same value and position as the scalar rule (first
    /// maximum in the order r0[2j], r0[2j+1], r1[2j], r1[2j+1]), ties, NaN and ±0 included.
    #[test]
    fn max_pool_lanes_pick_like_the_scalar_rule() {
        let mut rng = Rng::new(9);
        let pool = [0.0, -0.0, 1.0, 1.0, -2.0, f32::NAN, f32::INFINITY, 0.5];
        for n in 0..11 {
            for _ in 0..50 {
                let w = 2 * n + 3;
                let img: Vec<f32> = (0..2 * w).map(|_| pool[(rng.uniform(0.0, 8.0) as usize).min(7)]).collect();
                let (r0, r1) = (&img[..2 * n], &img[w..w + 2 * n]);
                let (mut out, mut arg) = (vec![9.0; n], vec![0u32; n]);
                max_pool_2x2_rows(&mut out, &mut arg, r0, r1, w, 100);
                for j in 0..n {
                    let cands = [(img[2 * j], 0), (img[2 * j + 1], 1), (img[w + 2 * j], w), (img[w + 2 * j + 1], w + 1)];
                    let (mut best, mut at) = cands[0];
                    for &(c, o) in &cands[1..] {
                        if c > best {
                            (best, at) = (c, o);
                        }
                    }
                    assert!(out[j].to_bits() == best.to_bits() || (out[j].is_nan() && best.is_nan()), "n {n} j {j}");
                    assert_eq!(arg[j], 100 + 2 * j as u32 + at as u32, "n {n} j {j}");
                }
            }
        }
    }
}
