//! # Hidden activations
//!
//! ## Activations and their derivatives
//!
//! | f | f(z) | f′ written with the output a = f(z) |
//! |---|---|---|
//! | relu | max(0, z) | 1 if a > 0 else 0 |
//! | leaky relu | z if z > 0 else 0.01·z | 1 if a > 0 else 0.01 |
//! | tanh | (e^z − e^−z)/(e^z + e^−z) | 1 − a² |
//! | sigmoid | σ(z) = 1/(1 + e^−z) | a(1 − a) |
//! | linear | z | 1 |
//!
//! Every derivative is a function of the *output* `a`, so backpropagation only needs the stored
//! activations, never the pre-activations: half the memory and one buffer per layer.
//! `tanh` itself is a rational approximation (relative error < 5.5·10⁻⁷, see [`tanh`]): in
//! WebAssembly the libm call would cost more than the matrix work. A hidden sigmoid is computed
//! through the identity `σ(z) = ½ + ½·tanh(z/2)`, so it vectorises the same way (absolute error
//! < 2·10⁻⁷; the sigmoid *head* uses the exact-in-the-tails [`sigmoid`](super::loss::sigmoid), since its loss needs
//! tiny probabilities to keep their relative precision).

use crate::shared::slug_enum;
use super::kernels::{self, Elementwise};

/// Slope of leaky relu for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

/// The element-wise function a points-in-lanes layer applies (one kernel instantiation each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KernelAct {
    Ident,
    Relu,
    Leaky,
    Tanh,
    Sigmoid,
}

slug_enum! {
    /// The non-linearity `f` applied by every hidden neuron.
    pub enum Activation {
        /// `max(0, z)`.
        Relu => "relu",
        /// Hyperbolic tangent, output in (−1, 1).
        Tanh => "tanh",
        /// Logistic `1/(1+e^−z)`, output in (0, 1).
        Sigmoid => "sigmoid",
        /// Identity: the network is then one linear map, however deep.
        Linear => "linear",
        /// `z` for `z > 0`, else `0.01·z`: relu that never stops learning completely.
        LeakyRelu => "leakyrelu",
    }
}

impl Activation {
    /// `f(z)` for one value: exactly what the vectorised kernels compute for each lane (the
    /// sigmoid through `½ + ½·tanh(z/2)`, see the module docs).
    #[inline]
    pub fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Relu => kernels::Relu::f1(z),
            Activation::Tanh => kernels::Tanh::f1(z),
            Activation::Sigmoid => kernels::Sigmoid::f1(z),
            Activation::Linear => z,
            Activation::LeakyRelu => kernels::Leaky::f1(z),
        }
    }

    /// `f′(z)` expressed through the output `a = f(z)` (see the module table).
    #[inline]
    pub fn derivative_from_output(self, a: f32) -> f32 {
        match self {
            Activation::Relu => {
                if a > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Tanh => 1.0 - a * a,
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
            Activation::LeakyRelu => {
                if a > 0.0 {
                    1.0
                } else {
                    LEAKY_SLOPE
                }
            }
        }
    }

    /// Applies `f` in place to a whole buffer, 4 lanes at a time (one `match` outside the loop).
    pub(super) fn apply_slice(self, v: &mut [f32]) {
        match self {
            Activation::Relu => kernels::map_in_place::<kernels::Relu>(v),
            Activation::Tanh => kernels::map_in_place::<kernels::Tanh>(v),
            Activation::Sigmoid => kernels::map_in_place::<kernels::Sigmoid>(v),
            Activation::Linear => {}
            Activation::LeakyRelu => kernels::map_in_place::<kernels::Leaky>(v),
        }
    }

    /// `delta ⊙= f′(a)` for a whole buffer, 4 lanes at a time.
    pub(super) fn backprop_slice(self, delta: &mut [f32], a: &[f32]) {
        match self {
            Activation::Linear => {}
            Activation::Tanh => kernels::backprop_in_place::<kernels::TanhPrime>(delta, a),
            Activation::Sigmoid => kernels::backprop_in_place::<kernels::SigmoidPrime>(delta, a),
            Activation::Relu => kernels::backprop_in_place::<kernels::ReluPrime>(delta, a),
            Activation::LeakyRelu => kernels::backprop_in_place::<kernels::LeakyPrime>(delta, a),
        }
    }

    /// `δ·f′(a)` for one value, the scalar form of [`backprop_slice`](Self::backprop_slice).
    pub(super) fn backprop_one(self, d: f32, a: f32) -> f32 {
        use kernels::Backprop;
        match self {
            Activation::Linear => d,
            Activation::Tanh => kernels::TanhPrime::f1(d, a),
            Activation::Sigmoid => kernels::SigmoidPrime::f1(d, a),
            Activation::Relu => kernels::ReluPrime::f1(d, a),
            Activation::LeakyRelu => kernels::LeakyPrime::f1(d, a),
        }
    }

    /// Which kernel activation `f` is (for the points-in-lanes forward pass).
    pub(super) fn kernel(self) -> KernelAct {
        match self {
            Activation::Relu => KernelAct::Relu,
            Activation::Tanh => KernelAct::Tanh,
            Activation::Sigmoid => KernelAct::Sigmoid,
            Activation::Linear => KernelAct::Ident,
            Activation::LeakyRelu => KernelAct::Leaky,
        }
    }

    /// Relu-like activations get He initialisation, the others Glorot (see [`Mlp::new`]).
    pub(super) fn is_relu_like(self) -> bool {
        matches!(self, Activation::Relu | Activation::LeakyRelu)
    }
}

/// Hyperbolic tangent by a rational approximation `x·P(x²)/Q(x²)`, P of degree 3 and Q of
/// degree 4, clamped to ±7.7095, where it returns exactly ±1.
///
/// Why not `f32::tanh`: in WebAssembly it is a libm call costing ~13 ns, more than the matrix
/// work of a tanh network; this is seven multiply-adds, two products and a division, and it
/// vectorises (the kernels evaluate it 4 lanes at a time with the same operations in the same
/// order, so both give identical results).
///
/// The coefficients are a minimax fit of the relative error on [0, 8.2] (a linear-programming
/// Remez iteration), rounded to f32; the clamp is the first f32 at which the f32 evaluation
/// reaches 1.0, with no value above 1 before it. Against `f64::tanh` over all of f32
/// (`tests/nn_tanh.rs`) the relative error is below 5.5·10⁻⁷ (f32's own rounding is 6·10⁻⁸),
/// and |tanh(x)| ≤ 1 always holds (`tests/simd_tanh.rs` checks every f32 near the clamp).
/// It replaced Eigen's degree-13/6 fit (3.5·10⁻⁷): two multiply-adds and two constants fewer
/// made a 2-4-2-1 network's heatmap about 15 % faster, for an error still far below anything
/// a learning curve can show. NaN propagates (so a diverging run is detected, not hidden).
#[inline]
pub fn tanh(x: f32) -> f32 {
    // Coefficients shared with the 4-lane version in `kernels` (Horner's scheme in t = x²).
    use kernels::tanh_coeffs::*;
    let x = x.clamp(-CLAMP, CLAMP);
    let t = x * x;
    let p = ((P3 * t + P2) * t + P1) * t + P0;
    let q = (((Q4 * t + Q3) * t + Q2) * t + Q1) * t + 1.0;
    (p * x) / q
}
