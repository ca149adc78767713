//! # Losses, the output head and the weight penalty
//!
//! ## Losses (the head)
//!
//! Targets are stored as in a data set: a class index `c` for classification, a value `t` for
//! regression. For `n` rows and `K` outputs:
//!
//! - **MSE** (linear, tanh and multi-tanh heads): `L = 1/(n·K) Σ_rows Σ_k (o_k − t_k)²`, with
//!   `t = ±1` for the tanh heads (TensorFlow Playground's setting; one-hot ±1 for K classes).
//!   `∂L/∂z_k = 2(o_k − t_k)/(n·K) · f′(o_k)`.
//! - **Binary cross-entropy** (sigmoid head, `y ∈ {0,1}`): `ℓ = −y ln σ(z) − (1−y) ln(1−σ(z))`,
//!   which simplifies to `ℓ = softplus(z) − y·z = softplus((1−2y)·z)` with
//!   `softplus(u) = ln(1 + e^u) = max(u, 0) + ln(1 + e^−|u|)`. This form is computed from the
//!   logit and never takes `ln 0`, so it is finite for every finite `z`. `∂ℓ/∂z = σ(z) − y`.
//! - **Softmax cross-entropy** (K classes): `p_k = e^{z_k} / Σ_j e^{z_j}`,
//!   `ℓ = −ln p_c = logsumexp(z) − z_c`, with `logsumexp(z) = m + ln Σ_j e^{z_j − m}` and
//!   `m = max_j z_j` so no exponential overflows. `∂ℓ/∂z_k = p_k − [k = c]`.
//!
//! The data loss is the mean of `ℓ` over rows. Regularisation adds `λ·R(w)` over the weights
//! (never the biases): `R = Σ|w|` (L1, gradient `λ·sign(w)`) or `R = ½Σw²` (L2, gradient `λ·w`).

use crate::data::dataset::Problem;
use crate::error::ParamError;
use crate::shared::slug_enum;
use crate::tensor::math;
use super::kernels::{self, Elementwise};
use super::activation::tanh;
use super::mlp::MAX_WIDTH;

slug_enum! {
    /// The training objective.
    pub enum Loss {
        /// Mean squared error.
        Mse => "mse",
        /// Cross-entropy (log loss) on probabilities computed from logits.
        CrossEntropy => "crossentropy",
    }
}

slug_enum! {
    /// Weight penalty added to the loss (biases are never penalised).
    pub enum Regularization {
        /// No penalty.
        None => "none",
        /// `Σ|w|`: pushes weights to exactly zero (sparse networks).
        L1 => "l1",
        /// `½Σw²`: shrinks every weight in proportion to its size ("weight decay").
        L2 => "l2",
    }
}

slug_enum! {
    /// What the output layer computes; chosen from problem × loss × classes by [`Head::choose`].
    pub enum Head {
        /// Regression with MSE: one output, the value itself.
        Linear => "linear",
        /// Two classes with MSE against ±1 (TensorFlow Playground's setting): one tanh output.
        Tanh => "tanh",
        /// Two classes with binary cross-entropy on 0/1: one sigmoid output, loss from the logit.
        Sigmoid => "sigmoid",
        /// K ≥ 3 classes with cross-entropy: K softmax outputs, loss by log-sum-exp.
        Softmax => "softmax",
        /// K ≥ 3 classes with MSE against one-hot ±1: K tanh outputs.
        TanhMulti => "tanhmulti",
    }
}

/// Largest value of a row (−∞ for an empty row), with comparisons rather than `f32::max`
/// (whose NaN rule becomes a libm call in wasm, see the relu of the kernels). A NaN entry
/// propagates through the softmax, which is what we want.
#[inline]
pub(super) fn max_of(z: &[f32]) -> f32 {
    let mut m = f32::NEG_INFINITY;
    for &v in z {
        if v > m || v.is_nan() {
            m = v;
        }
    }
    m
}

/// Logistic function `σ(z) = 1/(1 + e^−z)`, written so that `exp` only ever sees a non-positive
/// argument: no overflow, and tiny probabilities keep their relative precision.
#[inline]
pub fn sigmoid(z: f32) -> f32 {
    if z >= 0.0 {
        1.0 / (1.0 + math::exp(-z))
    } else {
        let e = math::exp(z);
        e / (1.0 + e)
    }
}

/// `softplus(u) = ln(1 + e^u)`, computed as `max(u, 0) + ln(1 + e^−|u|)`: finite for every finite u.
#[inline]
pub fn softplus(u: f32) -> f32 {
    kernels::Relu::f1(u) + math::ln_1p(math::exp(-u.abs()))
}

impl Head {
    /// The head for a problem, loss and class count.
    ///
    /// Regression ⇒ [`Head::Linear`] (MSE only); two classes ⇒ [`Head::Tanh`] (MSE) or
    /// [`Head::Sigmoid`] (cross-entropy); three or more ⇒ [`Head::TanhMulti`] or [`Head::Softmax`].
    pub fn choose(problem: Problem, loss: Loss, classes: usize) -> Result<Head, ParamError> {
        match problem {
            Problem::Regression => match loss {
                Loss::Mse => Ok(Head::Linear),
                Loss::CrossEntropy => Err(ParamError::unsupported("loss")),
            },
            Problem::Classification => {
                if classes < 2 {
                    return Err(ParamError::needs_two_classes("classes"));
                }
                if classes > MAX_WIDTH {
                    return Err(ParamError::out_of_range("classes", 2.0, MAX_WIDTH as f64, classes as f64));
                }
                Ok(match (classes, loss) {
                    (2, Loss::Mse) => Head::Tanh,
                    (2, Loss::CrossEntropy) => Head::Sigmoid,
                    (_, Loss::Mse) => Head::TanhMulti,
                    (_, Loss::CrossEntropy) => Head::Softmax,
                })
            }
        }
    }

    /// Number of output neurons: 1 for regression and binary heads, `classes` for K-class heads.
    pub fn outputs(self, classes: usize) -> usize {
        match self {
            Head::Linear | Head::Tanh | Head::Sigmoid => 1,
            Head::Softmax | Head::TanhMulti => classes,
        }
    }

    /// The loss this head trains with.
    pub fn loss(self) -> Loss {
        match self {
            Head::Linear | Head::Tanh | Head::TanhMulti => Loss::Mse,
            Head::Sigmoid | Head::Softmax => Loss::CrossEntropy,
        }
    }

    /// Whether this head classifies (everything but [`Head::Linear`]).
    pub fn is_classifier(self) -> bool {
        self != Head::Linear
    }

    /// Turns one row of raw outputs (the last layer's pre-activations `z`) into head space in
    /// place: tanh value, sigmoid probability, softmax probabilities, or the value itself.
    pub fn transform_row(self, z: &mut [f32]) {
        match self {
            Head::Linear => {}
            Head::Tanh | Head::TanhMulti => z.iter_mut().for_each(|v| *v = tanh(*v)),
            Head::Sigmoid => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
            Head::Softmax => {
                let m = max_of(z);
                let mut s = 0.0;
                for v in z.iter_mut() {
                    *v = math::exp(*v - m);
                    s += *v;
                }
                let inv = 1.0 / s;
                z.iter_mut().for_each(|v| *v *= inv);
            }
        }
    }

    /// Predicted class from one row of raw outputs: the sign of the single output for binary
    /// heads (`z > 0` ⇔ tanh > 0 ⇔ p > ½ ⇒ class 1), the arg-max (first on ties) for K classes,
    /// and 0 for regression. Deciding on `z` rather than on the rounded head value means a
    /// sigmoid output that rounds to exactly 0.5 is still classified by its sign.
    pub fn class_from_raw(self, z: &[f32]) -> usize {
        match self {
            Head::Linear => 0,
            Head::Tanh | Head::Sigmoid => usize::from(z[0] > 0.0),
            Head::Softmax | Head::TanhMulti => argmax(z),
        }
    }

    /// Data loss of one row from its raw outputs `z` and target `t`, returned as a *sum* over the
    /// outputs (the caller divides by n or n·K). If `delta` is given it receives `scale·∂ℓ/∂z`.
    #[inline]
    pub(super) fn row_loss(self, z: &[f32], t: f32, delta: Option<&mut [f32]>, scale: f32) -> f64 {
        match self {
            Head::Linear => {
                let d = z[0] - t;
                if let Some(g) = delta {
                    g[0] = 2.0 * d * scale;
                }
                f64::from(d * d)
            }
            Head::Tanh => {
                let o = tanh(z[0]);
                let d = o - if is_positive(t) { 1.0 } else { -1.0 };
                if let Some(g) = delta {
                    g[0] = 2.0 * d * (1.0 - o * o) * scale;
                }
                f64::from(d * d)
            }
            Head::TanhMulti => {
                let c = class_index(t, z.len());
                let mut sum = 0.0f64;
                match delta {
                    Some(g) => {
                        for (k, (&zk, gk)) in z.iter().zip(g.iter_mut()).enumerate() {
                            let o = tanh(zk);
                            let d = o - if k == c { 1.0 } else { -1.0 };
                            *gk = 2.0 * d * (1.0 - o * o) * scale;
                            sum += f64::from(d * d);
                        }
                    }
                    None => {
                        for (k, &zk) in z.iter().enumerate() {
                            let d = tanh(zk) - if k == c { 1.0 } else { -1.0 };
                            sum += f64::from(d * d);
                        }
                    }
                }
                sum
            }
            Head::Sigmoid => {
                let y = is_positive(t);
                if let Some(g) = delta {
                    g[0] = (sigmoid(z[0]) - if y { 1.0 } else { 0.0 }) * scale;
                }
                // softplus(z) − y·z  =  softplus(−z) if y = 1, softplus(z) if y = 0.
                f64::from(softplus(if y { -z[0] } else { z[0] }))
            }
            Head::Softmax => {
                let c = class_index(t, z.len());
                let m = max_of(z);
                let s = match delta {
                    Some(g) => {
                        // Each e^{z_k − m} once: kept in `g`, then scaled.
                        let mut s = 0.0f32;
                        for (&zk, gk) in z.iter().zip(g.iter_mut()) {
                            *gk = math::exp(zk - m);
                            s += *gk;
                        }
                        let inv = 1.0 / s;
                        for (k, gk) in g.iter_mut().enumerate() {
                            *gk = (*gk * inv - if k == c { 1.0 } else { 0.0 }) * scale;
                        }
                        s
                    }
                    None => z.iter().map(|&v| math::exp(v - m)).sum(),
                };
                f64::from(m + math::ln(s) - z[c])
            }
        }
    }
}

/// Binary target: class 1 (or +1) if above ½. Data sets store 0.0 / 1.0.
#[inline]
pub(super) fn is_positive(t: f32) -> bool {
    t > 0.5
}

/// Class index from a stored target, clamped into `0..k` so a malformed target can never index
/// out of bounds (NaN and negatives become class 0).
#[inline]
pub(super) fn class_index(t: f32, k: usize) -> usize {
    if t > 0.0 {
        (t.round() as usize).min(k - 1)
    } else {
        0
    }
}

/// Index of the largest value (the first one on ties; NaN never wins).
#[inline]
pub(super) fn argmax(v: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate().skip(1) {
        if x > v[best] {
            best = i;
        }
    }
    best
}

/// `y += a·x` (bias gradient, L2 gradient). No reduction, so it vectorises directly.
#[inline]
pub(super) fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// The class a stored target denotes for a head with `k` outputs (binary heads: 0/1 by ½).
pub fn target_class(head: Head, t: f32, classes: usize) -> usize {
    match head {
        Head::Linear => 0,
        Head::Tanh | Head::Sigmoid => usize::from(is_positive(t)),
        Head::Softmax | Head::TanhMulti => class_index(t, classes.max(1)),
    }
}
