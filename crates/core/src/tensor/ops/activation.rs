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
use crate::tensor::simd::acc_backprop;
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
            for (o, &x) in o.iter_mut().zip(x) {
                *o = 0.5 * x * (1.0 + tanh(GELU_C * (x + GELU_K * x * x * x)));
            }
        })
    }
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
    for ((g, &d), &x) in b.grad(a).iter_mut().zip(dy).zip(x) {
        let t = tanh(GELU_C * (x + GELU_K * x * x * x));
        let slope = 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_K * x * x);
        *g += d * slope;
    }
}
