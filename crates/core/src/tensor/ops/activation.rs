//! # Activations: relu, leaky relu, tanh, sigmoid, GELU
//!
//! | f | f(x) | f′(x) (backward: `x̄ += ȳ·f′(x)`) |
//! |---|---|---|
//! | relu | max(0, x) | 1 if x > 0 else 0 |
//! | leaky relu(α) | x if x > 0 else α·x | 1 if x > 0 else α |
//! | tanh | (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ) | 1 − y² |
//! | sigmoid | σ(x) = 1/(1 + e⁻ˣ) = ½ + ½·tanh(x/2) | y(1 − y) |
//! | GELU (tanh form) | ½x(1 + tanh(u)), u = √(2/π)(x + 0.044715x³) | ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²) |
//!
//! **Which tanh.** Not `f32::tanh`: that calls the platform's libm natively and musl's port in
//! WebAssembly, which may differ in the last bit. All three tanh-based functions use
//! [`crate::nn::activation::tanh`], the crate's rational approximation built from `+ − × ÷`
//! only (relative error < 5.5·10⁻⁷), evaluated by the same 4-lane kernels as the Playground's
//! network, so results are bit-identical everywhere. The sigmoid is `½ + ½·tanh(x/2)` (absolute
//! error < 2·10⁻⁷), as in [`crate::nn`]. The GELU is PyTorch's `gelu(approximate='tanh')`
//! (Hendrycks & Gimpel 2016), which GPT-2 used.
//!
//! Derivatives use the exact formulas on the computed `y`; the approximation's own slope differs
//! from them by ~10⁻⁶ relative, far below what training notices. Relu, tanh and sigmoid run
//! forward and backward 4 lanes at a time with [`crate::nn`]'s kernels (relu's backward passes
//! the adjoint where `y > 0`, and also where `y` is NaN, so a NaN is never hidden).

use crate::nn::activation::tanh;
use crate::nn::kernels;
use crate::nn::kernels::{Elementwise, F4};
use crate::tensor::simd::{acc_backprop, acc_mul_map, map, Unary};
use crate::tensor::tape::{Back, Op, Tape, Var};

/// √(2/π).
const GELU_C: f32 = 0.797_884_6;
/// The cubic coefficient of the tanh-form GELU.
const GELU_K: f32 = 0.044_715;

impl Tape {
    fn unary(&mut self, a: Var, op: Op, f: impl Fn(&mut [f32], &[f32])) -> Var {
        let ra = self.range(a);
        let y = self.push_overwritten(op, self.shape(a), self.needs_grad(a));
        let (src, out) = self.src_out(y);
        f(out, &src[ra]);
        y
    }
    /// `max(0, x)` (4 lanes at a time).
    pub fn relu(&mut self, a: Var) -> Var {
        self.unary(a, Op::Relu(a), |o, x| {
            o.copy_from_slice(x);
            kernels::map_in_place::<kernels::Relu>(o)
        })
    }
    /// `x` if `x > 0` else `α·x`.
    pub fn leaky_relu(&mut self, a: Var, alpha: f32) -> Var {
        self.unary(a, Op::LeakyRelu(a, alpha), |o, x| {
            for (o, &x) in o.iter_mut().zip(x) {
                *o = if x > 0.0 { x } else { alpha * x };
            }
        })
    }
    /// `tanh x` (the crate's deterministic rational tanh, 4 lanes at a time).
    pub fn tanh(&mut self, a: Var) -> Var {
        self.unary(a, Op::Tanh(a), |o, x| {
            o.copy_from_slice(x);
            kernels::map_in_place::<kernels::Tanh>(o)
        })
    }
    /// `σ(x) = ½ + ½·tanh(x/2)`.
    pub fn sigmoid(&mut self, a: Var) -> Var {
        self.unary(a, Op::Sigmoid(a), |o, x| {
            o.copy_from_slice(x);
            kernels::map_in_place::<kernels::Sigmoid>(o)
        })
    }
    /// GELU, tanh approximation: `½x(1 + tanh(√(2/π)(x + 0.044715x³)))`.
    pub fn gelu(&mut self, a: Var) -> Var {
        self.unary(a, Op::Gelu(a), |o, x| {
            map::<Gelu>(o, x)
        })
    }
}

/// GELU, `½·x·(1 + tanh(c·(x + k·x³)))`, 4 values at a time: the tanh is the kernels' 4-lane
/// [`crate::nn::kernels::Tanh`], which equals the scalar [`tanh`] bit for bit, and every other
/// step is the scalar formula's multiply or add in its order (`a + b` written `a + b·1`).
struct Gelu;
/// GELU's derivative, `½(1 + t) + ½·x·(1 − t²)·c·(1 + 3k·x²)` with `t` as above.
struct GeluSlope;

impl Unary for Gelu {
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        let one = F4::splat(1.0);
        let t = gelu_tanh4(x);
        F4::splat(0.5).mul(x).mul(one.mul_add(t, one))
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        0.5 * x * (1.0 + tanh(GELU_C * (x + GELU_K * x * x * x)))
    }
}

impl Unary for GeluSlope {
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        let (one, half) = (F4::splat(1.0), F4::splat(0.5));
        let t = gelu_tanh4(x);
        let left = half.mul(one.mul_add(t, one));
        let cubic = one.mul_add(F4::splat(3.0 * GELU_K).mul(x).mul(x), one);
        let right = half.mul(x).mul(one.sub(t.mul(t))).mul(F4::splat(GELU_C)).mul(cubic);
        left.mul_add(right, one)
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        let t = tanh(GELU_C * (x + GELU_K * x * x * x));
        0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_K * x * x)
    }
}

/// `tanh(c·(x + k·x³))` in 4 lanes, with `k·x³` as `((k·x)·x)·x` like the scalar form.
#[inline(always)]
fn gelu_tanh4(x: F4) -> F4 {
    let kx2 = F4::splat(GELU_K).mul(x).mul(x);
    crate::nn::kernels::Tanh::f4(F4::splat(GELU_C).mul(x.mul_add(kx2, x)))
}

pub(crate) fn backward_relu(b: &mut Back, a: Var) {
    let (dy, y) = (b.dy, b.y);
    acc_backprop::<kernels::ReluPrime>(b.grad(a), dy, y);
}

pub(crate) fn backward_leaky_relu(b: &mut Back, a: Var, alpha: f32) {
    let (dy, x) = (b.dy, b.val(a));
    for ((g, &d), &x) in b.grad(a).iter_mut().zip(dy).zip(x) {
        *g += if x > 0.0 { d } else { alpha * d };
    }
}

pub(crate) fn backward_tanh(b: &mut Back, a: Var) {
    let (dy, y) = (b.dy, b.y);
    acc_backprop::<kernels::TanhPrime>(b.grad(a), dy, y);
}

pub(crate) fn backward_sigmoid(b: &mut Back, a: Var) {
    let (dy, y) = (b.dy, b.y);
    acc_backprop::<kernels::SigmoidPrime>(b.grad(a), dy, y);
}

pub(crate) fn backward_gelu(b: &mut Back, a: Var) {
    let (dy, x) = (b.dy, b.val(a));
    acc_mul_map::<GeluSlope>(b.grad(a), dy, x);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 4-lane GELU and its slope equal their scalar forms bit for bit (so a buffer's
    /// result does not depend on where its 4-value blocks start), specials included.
    #[test]
    fn gelu_lanes_equal_the_scalar_formula() {
        let mut x: Vec<f32> = (0..4000).map(|i| (i as f32 - 2000.0) * 0.0047).collect();
        x.extend([0.0, -0.0, 1e-30, -1e-30, 30.0, -30.0, f32::INFINITY, f32::NEG_INFINITY, f32::NAN, 3.0, 7.9, -7.9]);
        let mut out = vec![0.0; x.len()];
        map::<Gelu>(&mut out, &x);
        let mut g = vec![0.5; x.len()];
        let d: Vec<f32> = (0..x.len()).map(|i| (i % 13) as f32 * 0.3 - 1.7).collect();
        acc_mul_map::<GeluSlope>(&mut g, &d, &x);
        for (i, &v) in x.iter().enumerate() {
            let same = |a: f32, b: f32| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
            assert!(same(out[i], Gelu::f1(v)), "gelu({v}): {} vs {}", out[i], Gelu::f1(v));
            let want = 0.5 + d[i] * GeluSlope::f1(v);
            assert!(same(g[i], want), "gelu'({v}): {} vs {want}", g[i]);
        }
    }
}
