//! # Dense neural network (multi-layer perceptron) on flat buffers
//!
//! A multi-layer perceptron maps an input row `x` (the features of one point) through layers of
//! neurons. Layer `l` has a weight matrix `W_l` (fan_in × fan_out) and a bias vector `b_l`:
//!
//! ```text
//! z_l = a_{l-1} · W_l + b_l          pre-activation ("logits" at the last layer)
//! a_l = f(z_l)                       hidden layers: f = relu, tanh, sigmoid, linear or leaky relu
//! o   = head(z_L)                    output layer: see [`Head`]
//! ```
//!
//! with `a_0 = x`. Processing `n` rows at once turns each layer into one matrix product
//! `Z = A · W + 1·bᵀ` (n × fan_out), which is what the code computes.
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
//! `tanh` itself is a rational approximation (relative error < 4·10⁻⁷, see [`tanh`]): in
//! WebAssembly the libm call would cost more than the matrix work.
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
//!
//! ## Backpropagation (the chain rule, layer by layer)
//!
//! Write `δ_l = ∂L/∂z_l` (n × fan_out). The head gives `δ_L` directly (formulas above). Then,
//! going backwards:
//!
//! ```text
//! ∂L/∂W_l = a_{l-1}ᵀ · δ_l              (fan_in × fan_out, summed over rows)
//! ∂L/∂b_l = Σ_rows δ_l
//! δ_{l-1} = (δ_l · W_lᵀ) ⊙ f′(a_{l-1})  (⊙ = element-wise product)
//! ```
//!
//! ## Memory layout and speed
//!
//! All parameters live in one flat `Vec<f32>`: `[W_1, b_1, W_2, b_2, …]`, each `W_l` stored
//! fan_in × fan_out row-major, so `W_l[i][j]` (input `i` → neuron `j`) is at `i·fan_out + j`.
//! With this layout every product above (`A·W`, `Aᵀ·δ`, and `δ·Wᵀ` through a transposed copy
//! of `W`) has its innermost loop over contiguous output neurons. All three run through one register-blocked kernel
//! (`gemm_acc`: a 4-row × 8-column block of the result stays in SIMD registers while the
//! shared dimension is summed) written with explicit 4-lane SIMD (wasm `simd128`, SSE natively).
//! Rows are processed in blocks of [`CHUNK_ROWS`] so the scratch buffers stay small and in
//! cache; scratch grows once and is reused, so training steps and predictions allocate nothing
//! after the first call.

use crate::data::Problem;
use crate::error::ParamError;
use crate::rng::Rng;

/// Declares a settings enum with the crate's usual helpers: `ALL`, `slug` and `from_slug`.
/// Slugs are what the page puts in its URL, so they never change once published.
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $slug:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every variant, in the order the page lists them.
            pub const ALL: [Self; [$($slug),+].len()] = [$(Self::$variant),+];

            /// The lowercase English name used in URLs.
            pub fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug),+ }
            }

            /// The variant whose [`slug`](Self::slug) is `s`, if any.
            pub fn from_slug(s: &str) -> Option<Self> {
                match s { $($slug => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use slug_enum;

/// Rows processed per forward/backward block. Small enough that a block's activations for a
/// 256-wide network stay in L2 cache, large enough that per-block overhead is negligible.
pub const CHUNK_ROWS: usize = 256;

/// Largest number of hidden layers the core accepts (the page offers 0–6).
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Largest layer width the core accepts (the page clamps to 64).
pub const MAX_WIDTH: usize = 256;
/// Largest number of input features.
pub const MAX_INPUTS: usize = 64;
/// Slope of leaky relu for negative inputs.
pub const LEAKY_SLOPE: f32 = 0.01;

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

impl Activation {
    /// `f(z)` for one value.
    #[inline]
    pub fn apply(self, z: f32) -> f32 {
        match self {
            Activation::Relu => relu(z),
            Activation::Tanh => tanh(z),
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    LEAKY_SLOPE * z
                }
            }
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

    /// Applies `f` in place to a whole buffer. One `match` outside the loop, so each arm is a
    /// tight loop the compiler can vectorise.
    fn apply_slice(self, v: &mut [f32]) {
        match self {
            Activation::Relu => v.iter_mut().for_each(|z| *z = relu(*z)),
            Activation::Tanh => v.iter_mut().for_each(|z| *z = tanh(*z)),
            Activation::Sigmoid => v.iter_mut().for_each(|z| *z = sigmoid(*z)),
            Activation::Linear => {}
            Activation::LeakyRelu => v.iter_mut().for_each(|z| {
                if *z <= 0.0 {
                    *z *= LEAKY_SLOPE
                }
            }),
        }
    }

    /// `delta ⊙= f′(a)` for a whole buffer.
    fn backprop_slice(self, delta: &mut [f32], a: &[f32]) {
        match self {
            Activation::Linear => {}
            Activation::Tanh => delta.iter_mut().zip(a).for_each(|(d, &a)| *d *= 1.0 - a * a),
            Activation::Sigmoid => delta.iter_mut().zip(a).for_each(|(d, &a)| *d *= a * (1.0 - a)),
            Activation::Relu => delta.iter_mut().zip(a).for_each(|(d, &a)| {
                if a <= 0.0 {
                    *d = 0.0
                }
            }),
            Activation::LeakyRelu => delta.iter_mut().zip(a).for_each(|(d, &a)| {
                if a <= 0.0 {
                    *d *= LEAKY_SLOPE
                }
            }),
        }
    }

    /// Relu-like activations get He initialisation, the others Glorot (see [`Mlp::new`]).
    fn is_relu_like(self) -> bool {
        matches!(self, Activation::Relu | Activation::LeakyRelu)
    }
}

/// Hyperbolic tangent by a rational approximation (odd degree-13 numerator over even degree-6
/// denominator, the minimax fit used by Eigen), clamped to ±7.9053 where tanh rounds to ±1 in f32.
///
/// Why not `f32::tanh`: in WebAssembly it is a libm call costing ~13 ns, more than the matrix
/// work of a tanh network; this is a dozen multiply-adds and vectorises. Its error is below
/// 4·10⁻⁷ relative to the exact tanh over all of f32 (tested in `tests/nn_tanh.rs` against
/// `f64::tanh`; f32's own rounding is 6·10⁻⁸), and |tanh(x)| ≤ 1 always holds.
/// NaN propagates (so a diverging run is detected, not hidden).
#[inline]
pub fn tanh(x: f32) -> f32 {
    // Numerator coefficients (odd powers) and denominator (even powers).
    const A1: f32 = 4.893_524_6e-3;
    const A3: f32 = 6.372_619_3e-4;
    const A5: f32 = 1.485_722_4e-5;
    const A7: f32 = 5.122_297e-8;
    const A9: f32 = -8.604_672e-11;
    const A11: f32 = 2.000_188e-13;
    const A13: f32 = -2.760_768_5e-16;
    const B0: f32 = 4.893_525e-3;
    const B2: f32 = 2.268_434_7e-3;
    const B4: f32 = 1.185_347_1e-4;
    const B6: f32 = 1.198_258_4e-6;
    const CLAMP: f32 = 7.905_311;
    let x = x.clamp(-CLAMP, CLAMP);
    let x2 = x * x;
    let p = ((((((A13 * x2 + A11) * x2 + A9) * x2 + A7) * x2 + A5) * x2 + A3) * x2 + A1) * x;
    let q = ((B6 * x2 + B4) * x2 + B2) * x2 + B0;
    p / q
}

/// `max(z, 0)` written as a comparison. Why not `f32::max`: its NaN rule differs from wasm's
/// `f32.max` instruction, so in WebAssembly it becomes a call to libm's `fmaxf` per element,
/// which made relu layers several times slower than the matrix work. (NaN maps to 0 here, as
/// with `f32::max`; a diverging run is still caught by the loss and parameter checks.)
#[inline(always)]
fn relu(z: f32) -> f32 {
    if z > 0.0 {
        z
    } else {
        0.0
    }
}

/// Largest value of a row (−∞ for an empty row), with comparisons rather than `f32::max`
/// (see [`relu`]). A NaN entry propagates through the softmax, which is what we want.
#[inline]
fn max_of(z: &[f32]) -> f32 {
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
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// `softplus(u) = ln(1 + e^u)`, computed as `max(u, 0) + ln(1 + e^−|u|)`: finite for every finite u.
#[inline]
pub fn softplus(u: f32) -> f32 {
    relu(u) + (-u.abs()).exp().ln_1p()
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
                Loss::CrossEntropy => Err(ParamError::new(
                    "loss",
                    "cross-entropy needs classes; use MSE for regression",
                )),
            },
            Problem::Classification => {
                if classes < 2 {
                    return Err(ParamError::new(
                        "classes",
                        format!("classification needs at least 2 classes (got {classes})"),
                    ));
                }
                if classes > MAX_WIDTH {
                    return Err(ParamError::new(
                        "classes",
                        format!("at most {MAX_WIDTH} classes are supported (got {classes})"),
                    ));
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
                    *v = (*v - m).exp();
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
    fn row_loss(self, z: &[f32], t: f32, delta: Option<&mut [f32]>, scale: f32) -> f64 {
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
                let s: f32 = z.iter().map(|&v| (v - m).exp()).sum();
                let lse = m + s.ln();
                if let Some(g) = delta {
                    let inv = 1.0 / s;
                    for (k, (&zk, gk)) in z.iter().zip(g.iter_mut()).enumerate() {
                        let p = (zk - m).exp() * inv;
                        *gk = (p - if k == c { 1.0 } else { 0.0 }) * scale;
                    }
                }
                f64::from(lse - z[c])
            }
        }
    }
}

/// Binary target: class 1 (or +1) if above ½. Data sets store 0.0 / 1.0.
#[inline]
fn is_positive(t: f32) -> bool {
    t > 0.5
}

/// Class index from a stored target, clamped into `0..k` so a malformed target can never index
/// out of bounds (NaN and negatives become class 0).
#[inline]
fn class_index(t: f32, k: usize) -> usize {
    if t > 0.0 {
        (t.round() as usize).min(k - 1)
    } else {
        0
    }
}

/// Index of the largest value (the first one on ties; NaN never wins).
#[inline]
fn argmax(v: &[f32]) -> usize {
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
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

/// Four f32 lanes, the SIMD unit of the kernels below. Written with explicit intrinsics
/// (`simd128` in wasm, SSE on x86-64, plain arrays elsewhere) because auto-vectorisation of the
/// register-blocked kernel proved unreliable: the same loop compiled to scalar code. Multiply
/// and add are separate instructions (no fused multiply-add), so the matrix products round
/// identically on every platform (runs still differ in the last bits between native and wasm
/// because `exp`/`ln` come from different libm implementations; within one platform they are
/// bit-for-bit reproducible).
mod lanes {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    mod imp {
        use core::arch::wasm32::*;

        #[derive(Clone, Copy)]
        pub struct F4(v128);

        impl F4 {
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                F4(f32x4_splat(x))
            }
            /// Four values from `p`.
            /// # Safety
            /// `p` must be valid for reading 4 f32 (no alignment needed: v128.load is 1-aligned).
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(unsafe { v128_load(p as *const v128) })
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                unsafe { v128_store(p as *mut v128, self.0) }
            }
            /// `self + a·b`, rounded after the multiply and after the add.
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                F4(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
            }
            #[inline(always)]
            pub fn add(self, o: F4) -> F4 {
                F4(f32x4_add(self.0, o.0))
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                [
                    f32x4_extract_lane::<0>(self.0),
                    f32x4_extract_lane::<1>(self.0),
                    f32x4_extract_lane::<2>(self.0),
                    f32x4_extract_lane::<3>(self.0),
                ]
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    mod imp {
        use core::arch::x86_64::*;

        #[derive(Clone, Copy)]
        pub struct F4(__m128);

        impl F4 {
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                // SAFETY (here and below): SSE is part of the x86-64 baseline, always present.
                F4(unsafe { _mm_set1_ps(x) })
            }
            /// # Safety
            /// `p` must be valid for reading 4 f32 (`loadu`: no alignment needed).
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(unsafe { _mm_loadu_ps(p) })
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                unsafe { _mm_storeu_ps(p, self.0) }
            }
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                F4(unsafe { _mm_add_ps(self.0, _mm_mul_ps(a.0, b.0)) })
            }
            #[inline(always)]
            pub fn add(self, o: F4) -> F4 {
                F4(unsafe { _mm_add_ps(self.0, o.0) })
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                let mut out = [0.0f32; 4];
                // SAFETY: `out` has room for 4 f32.
                unsafe { self.store_ptr(out.as_mut_ptr()) };
                out
            }
        }
    }

    #[cfg(not(any(all(target_arch = "wasm32", target_feature = "simd128"), target_arch = "x86_64")))]
    mod imp {
        #[derive(Clone, Copy)]
        pub struct F4([f32; 4]);

        impl F4 {
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                F4([x; 4])
            }
            /// # Safety
            /// `p` must be valid for reading 4 f32.
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(core::array::from_fn(|i| unsafe { p.add(i).read_unaligned() }))
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                for (i, v) in self.0.into_iter().enumerate() {
                    unsafe { p.add(i).write_unaligned(v) };
                }
            }
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                F4(core::array::from_fn(|i| self.0[i] + a.0[i] * b.0[i]))
            }
            #[inline(always)]
            pub fn add(self, o: F4) -> F4 {
                F4(core::array::from_fn(|i| self.0[i] + o.0[i]))
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                self.0
            }
        }
    }

    pub use imp::F4;

    impl F4 {
        /// The first four values of `s` (panics if shorter).
        #[inline(always)]
        pub fn load(s: &[f32]) -> F4 {
            let s = &s[..4];
            // SAFETY: `s` holds 4 readable f32.
            unsafe { F4::load_ptr(s.as_ptr()) }
        }
    }
}
use lanes::F4;

/// Dot product with eight independent partial sums (two 4-lane vectors), combined in a fixed
/// order: floating-point addition is not associative, so a single running sum could not be
/// split into SIMD lanes, and the fixed order keeps the result deterministic.
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (mut s0, mut s1) = (F4::splat(0.0), F4::splat(0.0));
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        s0 = s0.mul_add(F4::load(x), F4::load(y));
        s1 = s1.mul_add(F4::load(&x[4..]), F4::load(&y[4..]));
    }
    let l = s0.add(s1).to_array();
    let mut tail = 0.0;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    ((l[0] + l[2]) + (l[1] + l[3])) + tail
}

/// Rows of `C` one register block covers. With two 4-lane vectors per row (8 columns) that is
/// 8 accumulators, plus 2 for the row of `B` and 1 broadcast: 11 of the 16 SIMD registers of
/// x86-64 (and of V8's wasm backend there), so nothing spills.
const MR: usize = 4;
/// 4-lane vectors per row of a register block (VB = 2: 8 columns).
const VB: usize = 2;

/// The one matrix kernel behind the forward and backward passes:
///
/// `C[i][j] += Σ_k A(i, k) · B[k][j]`  for `i < rows`, `j < cols`, `k < depth`,
///
/// with `C` row-major (row stride `ldc`), `B` row-major (row stride `ldb`), and `A` row-major
/// with row stride `lda` — or, when `A_T` is true, `A(i, k) = a[k·lda + i]`, i.e. the
/// transpose of a stored matrix, read in place without copying (used for `Aᵀ·δ`).
///
/// Why this shape: a block of 4 rows × 8 columns of `C` stays in SIMD registers for the whole
/// k-loop, each `B` row segment loaded once serves 4 rows, and the innermost work is 4-lane
/// multiply-adds over contiguous columns. Compared with updating a whole output row per `k`
/// (a load and a store of `C` per multiply-add), memory traffic drops several-fold. Every
/// `C[i][j]` sums its terms in increasing `k` (the single-column case uses [`dot`]'s fixed
/// eight-lane order instead): deterministic either way.
#[allow(clippy::too_many_arguments)]
fn gemm_acc<const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    rows: usize,
    cols: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    if cols == 1 && !A_T && ldb == 1 {
        // A single output column (every binary or regression head): B is one contiguous
        // column, so each entry is a dot product.
        for i in 0..rows {
            c[i * ldc] += dot(&a[i * lda..][..depth], &b[..depth]);
        }
        return;
    }
    let mut i0 = 0;
    while i0 + MR <= rows {
        gemm_panel::<MR, A_T>(c, ldc, i0, cols, a, lda, b, ldb, depth);
        i0 += MR;
    }
    while i0 < rows {
        gemm_panel::<1, A_T>(c, ldc, i0, cols, a, lda, b, ldb, depth);
        i0 += 1;
    }
}

/// `R` rows of [`gemm_acc`] starting at row `i0`: blocks of 8 columns, then one of 4, then
/// the last `< 4` columns one by one.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gemm_panel<const R: usize, const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    cols: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    let mut j0 = 0;
    while j0 + 4 * VB <= cols {
        gemm_block::<R, VB, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth);
        j0 += 4 * VB;
    }
    if j0 + 4 <= cols {
        gemm_block::<R, 1, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth);
        j0 += 4;
    }
    for j in j0..cols {
        for r in 0..R {
            let mut acc = c[(i0 + r) * ldc + j];
            for k in 0..depth {
                acc += a_at::<A_T>(a, lda, i0 + r, k) * b[k * ldb + j];
            }
            c[(i0 + r) * ldc + j] = acc;
        }
    }
}

/// `A(i, k)`, row-major or transposed.
#[inline(always)]
fn a_at<const A_T: bool>(a: &[f32], lda: usize, i: usize, k: usize) -> f32 {
    if A_T {
        a[k * lda + i]
    } else {
        a[i * lda + k]
    }
}

/// One `R × 4V` block of `C` at `(i0, j0)`, accumulated in registers over all `k`.
///
/// The hot loop indexes through raw pointers: every index it can touch is bounds-checked once,
/// up front, by the three asserts (the largest index of each matrix is below its length, and
/// all indices are monotone in `r`, `v` and `k`). Per-element checks inside the loop cost more
/// instructions than the multiply-adds themselves.
#[inline(always)]
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn gemm_block<const R: usize, const V: usize, const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    j0: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    let w = 4 * V;
    assert!((i0 + R - 1) * ldc + j0 + w <= c.len(), "gemm: C too short");
    if depth == 0 {
        return;
    }
    assert!((depth - 1) * ldb + j0 + w <= b.len(), "gemm: B too short");
    let (a_r, a_k) = if A_T { (1, lda) } else { (lda, 1) };
    assert!(i0 * a_r + (R - 1) * a_r + (depth - 1) * a_k < a.len(), "gemm: A too short");
    let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    // SAFETY: every offset below is at most the one checked by the asserts above.
    unsafe {
        let mut acc = [[F4::splat(0.0); V]; R];
        for r in 0..R {
            for v in 0..V {
                acc[r][v] = F4::load_ptr(cp.add((i0 + r) * ldc + j0 + 4 * v));
            }
        }
        for k in 0..depth {
            let brow = bp.add(k * ldb + j0);
            let bv: [F4; V] = core::array::from_fn(|v| F4::load_ptr(brow.add(4 * v)));
            let acol = ap.add(i0 * a_r + k * a_k);
            for r in 0..R {
                let s = F4::splat(*acol.add(r * a_r));
                for v in 0..V {
                    acc[r][v] = acc[r][v].mul_add(s, bv[v]);
                }
            }
        }
        for r in 0..R {
            for v in 0..V {
                acc[r][v].store_ptr(cp.add((i0 + r) * ldc + j0 + 4 * v));
            }
        }
    }
}

/// Shape of a network: inputs, hidden layer widths, hidden activation and head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MlpSpec {
    /// Number of input features (1..=64).
    pub inputs: usize,
    /// Width of each hidden layer, first to last (0..=8 layers, widths 1..=256).
    pub hidden: Vec<usize>,
    /// Activation of every hidden neuron.
    pub activation: Activation,
    /// What the output layer computes.
    pub head: Head,
    /// Number of classes (2 for binary heads, K for K-class heads, ignored for regression).
    pub classes: usize,
}

impl MlpSpec {
    /// Checks every size and the head/classes combination, with messages a learner can read.
    pub fn validate(&self) -> Result<(), ParamError> {
        if !(1..=MAX_INPUTS).contains(&self.inputs) {
            return Err(ParamError::new(
                "features",
                format!(
                    "the network needs between 1 and {MAX_INPUTS} input features (got {})",
                    self.inputs
                ),
            ));
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(ParamError::new(
                "layers",
                format!(
                    "at most {MAX_HIDDEN_LAYERS} hidden layers are allowed (got {})",
                    self.hidden.len()
                ),
            ));
        }
        if let Some((i, &w)) = self.hidden.iter().enumerate().find(|(_, &w)| !(1..=MAX_WIDTH).contains(&w)) {
            return Err(ParamError::new(
                "neurons",
                format!(
                    "hidden layer {} must have between 1 and {MAX_WIDTH} neurons (got {w})",
                    i + 1
                ),
            ));
        }
        let ok = match self.head {
            Head::Linear => true,
            Head::Tanh | Head::Sigmoid => self.classes == 2,
            Head::Softmax | Head::TanhMulti => (2..=MAX_WIDTH).contains(&self.classes),
        };
        if !ok {
            return Err(ParamError::new(
                "classes",
                format!(
                    "the {} output head cannot predict {} classes (binary heads need 2, \
                     multi-class heads 2 to {MAX_WIDTH})",
                    self.head.slug(),
                    self.classes
                ),
            ));
        }
        Ok(())
    }

    /// Number of output neurons.
    pub fn outputs(&self) -> usize {
        self.head.outputs(self.classes)
    }

    /// `[inputs, h1, …, outputs]`.
    pub fn layer_sizes(&self) -> Vec<usize> {
        let mut v = Vec::with_capacity(self.hidden.len() + 2);
        v.push(self.inputs);
        v.extend_from_slice(&self.hidden);
        v.push(self.outputs());
        v
    }
}

/// Where one weight layer lives in the flat parameter vector.
#[derive(Debug, Clone, Copy)]
struct Layer {
    fan_in: usize,
    fan_out: usize,
    /// Offset of `W` (fan_in × fan_out, row-major); the bias follows at `w + fan_in·fan_out`.
    w: usize,
}

impl Layer {
    fn b(&self) -> usize {
        self.w + self.fan_in * self.fan_out
    }
    fn end(&self) -> usize {
        self.b() + self.fan_out
    }
}

/// A dense network with its parameters and its reusable scratch buffers.
#[derive(Debug, Clone)]
pub struct Mlp {
    spec: MlpSpec,
    layers: Vec<Layer>,
    params: Vec<f32>,
    /// `acts[l]`: output of weight layer `l` for the current block of rows (block × fan_out).
    /// Hidden layers hold `f(z)`; the last holds the raw `z` (the head is applied on demand).
    acts: Vec<Vec<f32>>,
    /// Two ping-pong buffers for `δ` during backpropagation (block × widest layer).
    delta: [Vec<f32>; 2],
    /// Scratch for one transposed weight matrix (largest fan_in × fan_out).
    wt: Vec<f32>,
    /// Block size the scratch is currently sized for.
    rows: usize,
}

impl Mlp {
    /// A new network. Weights `W_l` are stored fan_in × fan_out row-major in one flat params Vec
    /// `[W1, b1, W2, b2, …]`.
    ///
    /// Initialisation keeps the variance of the signal roughly constant through the layers, so
    /// deep networks start neither saturated nor silent: each weight is uniform in `[−r, r]` with
    /// `r = √(6/(fan_in + fan_out))` (Glorot) for tanh/sigmoid/linear layers and `r = √(6/fan_in)`
    /// (He, which compensates for relu zeroing half its inputs) for relu/leaky relu layers. The
    /// output layer's activation is the head (tanh, sigmoid, softmax or identity), so it always
    /// uses Glorot. Biases start at 0. Weights are drawn from `rng` layer by layer in storage order.
    pub fn new(spec: &MlpSpec, rng: &mut Rng) -> Result<Mlp, ParamError> {
        spec.validate()?;
        let sizes = spec.layer_sizes();
        let mut layers = Vec::with_capacity(sizes.len() - 1);
        let mut offset = 0;
        for pair in sizes.windows(2) {
            let l = Layer { fan_in: pair[0], fan_out: pair[1], w: offset };
            offset = l.end();
            layers.push(l);
        }
        let mut params = vec![0.0f32; offset];
        let last = layers.len() - 1;
        for (li, l) in layers.iter().enumerate() {
            let (fi, fo) = (l.fan_in as f32, l.fan_out as f32);
            let r = if li < last && spec.activation.is_relu_like() {
                (6.0 / fi).sqrt()
            } else {
                (6.0 / (fi + fo)).sqrt()
            };
            for w in &mut params[l.w..l.b()] {
                *w = rng.uniform(-r, r);
            }
        }
        Ok(Mlp {
            spec: spec.clone(),
            acts: vec![Vec::new(); layers.len()],
            layers,
            params,
            delta: [Vec::new(), Vec::new()],
            wt: Vec::new(),
            rows: 0,
        })
    }

    /// The shape this network was built from.
    pub fn spec(&self) -> &MlpSpec {
        &self.spec
    }

    /// Total number of weights and biases.
    pub fn param_count(&self) -> usize {
        self.params.len()
    }

    /// All parameters, `[W1, b1, W2, b2, …]`.
    pub fn params(&self) -> &[f32] {
        &self.params
    }

    /// All parameters, mutable (optimisers update them in place).
    pub fn params_mut(&mut self) -> &mut [f32] {
        &mut self.params
    }

    /// `[inputs, h1, …, outputs]`.
    pub fn layer_sizes(&self) -> Vec<usize> {
        self.spec.layer_sizes()
    }

    /// Number of output neurons.
    pub fn outputs(&self) -> usize {
        self.layers[self.layers.len() - 1].fan_out
    }

    /// Weight from neuron `from` of layer `layer` to neuron `to` of layer `layer + 1`
    /// (layer 0 = inputs → first hidden layer). NaN if out of range.
    pub fn weight(&self, layer: usize, from: usize, to: usize) -> f32 {
        match self.layers.get(layer) {
            Some(l) if from < l.fan_in && to < l.fan_out => self.params[l.w + from * l.fan_out + to],
            _ => f32::NAN,
        }
    }

    /// Bias of neuron `neuron` in weight layer `layer` (layer 0 = first hidden layer). NaN if out
    /// of range.
    pub fn bias(&self, layer: usize, neuron: usize) -> f32 {
        match self.layers.get(layer) {
            Some(l) if neuron < l.fan_out => self.params[l.b() + neuron],
            _ => f32::NAN,
        }
    }

    /// Sets one weight by hand (the Playground lets a learner type a value, as TF Playground
    /// does). Accepts finite values up to ±[`MAX_EDITED_PARAM`]; anything else is an error and
    /// changes nothing.
    pub fn set_weight(&mut self, layer: usize, from: usize, to: usize, value: f32) -> Result<(), ParamError> {
        let i = self.weight_index(layer, from, to).ok_or_else(|| ParamError::new("weight", "no such weight in this network"))?;
        self.params[i] = check_edited(value)?;
        Ok(())
    }

    /// Sets one bias by hand; same rules as [`Mlp::set_weight`].
    pub fn set_bias(&mut self, layer: usize, neuron: usize, value: f32) -> Result<(), ParamError> {
        let i = self.bias_index(layer, neuron).ok_or_else(|| ParamError::new("bias", "no such neuron in this network"))?;
        self.params[i] = check_edited(value)?;
        Ok(())
    }

    /// Index in [`params`](Self::params) of weight `(layer, from, to)` (for gradient displays).
    pub fn weight_index(&self, layer: usize, from: usize, to: usize) -> Option<usize> {
        let l = self.layers.get(layer)?;
        (from < l.fan_in && to < l.fan_out).then(|| l.w + from * l.fan_out + to)
    }

    /// Index in [`params`](Self::params) of bias `(layer, neuron)`.
    pub fn bias_index(&self, layer: usize, neuron: usize) -> Option<usize> {
        let l = self.layers.get(layer)?;
        (neuron < l.fan_out).then(|| l.b() + neuron)
    }

    /// Whether parameter `i` is a weight (penalised by regularisation) rather than a bias.
    pub fn is_weight(&self, i: usize) -> bool {
        self.layers.iter().any(|l| (l.w..l.b()).contains(&i))
    }

    /// The regularisation penalty `R(w)`: `Σ|w|` (L1) or `½Σw²` (L2) over the weights, 0 for none.
    pub fn penalty(&self, reg: Regularization) -> f32 {
        let mut sum = 0.0f64;
        for l in &self.layers {
            let w = &self.params[l.w..l.b()];
            match reg {
                Regularization::None => {}
                Regularization::L1 => sum += w.iter().map(|&v| f64::from(v.abs())).sum::<f64>(),
                Regularization::L2 => sum += 0.5 * w.iter().map(|&v| f64::from(v * v)).sum::<f64>(),
            }
        }
        sum as f32
    }

    /// Rows that `x` (n × inputs) and, if given, `targets` really hold: a short buffer shrinks
    /// `n` instead of panicking.
    fn usable_rows(&self, x: &[f32], targets: Option<&[f32]>, n: usize) -> usize {
        let mut n = n.min(x.len() / self.spec.inputs);
        if let Some(t) = targets {
            n = n.min(t.len());
        }
        n
    }

    /// Grows the scratch to hold a block of `m` rows (never shrinks: grow once, reuse).
    fn reserve_rows(&mut self, m: usize) {
        if m <= self.rows {
            return;
        }
        let widest = self.layers.iter().map(|l| l.fan_in.max(l.fan_out)).max().unwrap_or(1);
        for (a, l) in self.acts.iter_mut().zip(&self.layers) {
            a.resize(m * l.fan_out, 0.0);
        }
        for d in &mut self.delta {
            d.resize(m * widest, 0.0);
        }
        let largest = self.layers.iter().map(|l| l.fan_in * l.fan_out).max().unwrap_or(0);
        self.wt.resize(largest, 0.0);
        self.rows = m;
    }

    /// Forward pass for one block of `m` rows (`x` = m × inputs) into `acts`.
    fn forward_block(&mut self, x: &[f32], m: usize) {
        let last = self.layers.len() - 1;
        for (li, l) in self.layers.iter().enumerate() {
            let (fi, fo) = (l.fan_in, l.fan_out);
            let (before, rest) = self.acts.split_at_mut(li);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &before[li - 1][..m * fi] };
            let out = &mut rest[0][..m * fo];
            let w = &self.params[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            // Z = A·W + b: every row starts from the bias, then the kernel adds A·W.
            for orow in out.chunks_exact_mut(fo) {
                orow.copy_from_slice(b);
            }
            gemm_acc::<false>(out, fo, m, fo, input, fi, w, fo, fi);
            if li < last {
                self.spec.activation.apply_slice(out);
            }
        }
    }

    /// Backward pass for one block whose `δ_L` is in `delta[0]`; adds the parameter gradient
    /// into `grad` (so blocks accumulate).
    fn backward_block(&mut self, x: &[f32], m: usize, grad: &mut [f32]) {
        let act = self.spec.activation;
        let mut cur = 0; // which ping-pong buffer holds δ_l
        for li in (0..self.layers.len()).rev() {
            let l = self.layers[li];
            let (fi, fo) = (l.fan_in, l.fan_out);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &self.acts[li - 1][..m * fi] };
            let (d0, d1) = self.delta.split_at_mut(1);
            let (delta, prev) = if cur == 0 { (&d0[0], &mut d1[0]) } else { (&d1[0], &mut d0[0]) };
            let delta = &delta[..m * fo];
            let (gw, gb) = grad[l.w..l.end()].split_at_mut(fi * fo);
            // ∂L/∂b = Σ_rows δ;  ∂L/∂W += Aᵀ·δ (the kernel reads A transposed in place).
            for drow in delta.chunks_exact(fo) {
                axpy(gb, 1.0, drow);
            }
            gemm_acc::<true>(gw, fo, fi, fo, input, fi, delta, fo, m);
            if li > 0 {
                // δ_{l-1} = (δ_l · Wᵀ) ⊙ f′(a_{l-1}). Wᵀ is copied once into scratch (fi·fo
                // values, small next to the m·fi·fo multiply-adds) so the product runs through
                // the same contiguous kernel.
                let w = &self.params[l.w..l.b()];
                let wt = &mut self.wt[..fi * fo];
                for (i, wrow) in w.chunks_exact(fo).enumerate() {
                    for (j, &v) in wrow.iter().enumerate() {
                        wt[j * fi + i] = v;
                    }
                }
                let prev = &mut prev[..m * fi];
                prev.fill(0.0);
                gemm_acc::<false>(prev, fi, m, fi, delta, fo, wt, fi, fo);
                act.backprop_slice(prev, input);
                cur = 1 - cur;
            }
        }
    }

    /// Inference for n rows; `out` = n × outputs, in head space (tanh value, sigmoid probability,
    /// softmax probabilities, linear value). Allocation-free after warm-up (`out` keeps its
    /// capacity).
    pub fn predict(&mut self, x: &[f32], n: usize, out: &mut Vec<f32>) {
        let n = self.usable_rows(x, None, n);
        let (d, k) = (self.spec.inputs, self.outputs());
        out.clear();
        out.resize(n * k, 0.0);
        let head = self.spec.head;
        let last = self.layers.len() - 1;
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            self.forward_block(&x[start * d..(start + m) * d], m);
            let dst = &mut out[start * k..(start + m) * k];
            dst.copy_from_slice(&self.acts[last][..m * k]);
            for row in dst.chunks_exact_mut(k) {
                head.transform_row(row);
            }
            start += m;
        }
    }

    /// Predicted class of each of the n rows into `out` (see [`Head::class_from_raw`]; all 0 for
    /// regression).
    pub fn predict_classes(&mut self, x: &[f32], n: usize, out: &mut Vec<usize>) {
        let n = self.usable_rows(x, None, n);
        let (d, k) = (self.spec.inputs, self.outputs());
        out.clear();
        let head = self.spec.head;
        let last = self.layers.len() - 1;
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            self.forward_block(&x[start * d..(start + m) * d], m);
            out.extend(self.acts[last][..m * k].chunks_exact(k).map(|z| head.class_from_raw(z)));
            start += m;
        }
    }

    /// All layer activations for n rows (for neuron thumbnails): `acts[l]` = n × size_l, row-major;
    /// `l = 0` is the input, the last is the output in head space. Allocates its result.
    pub fn activations(&mut self, x: &[f32], n: usize) -> Vec<Vec<f32>> {
        let n = self.usable_rows(x, None, n);
        let d = self.spec.inputs;
        let mut result = Vec::with_capacity(self.layers.len() + 1);
        result.push(x[..n * d].to_vec());
        for l in &self.layers {
            result.push(Vec::with_capacity(n * l.fan_out));
        }
        let head = self.spec.head;
        let k = self.outputs();
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            self.forward_block(&x[start * d..(start + m) * d], m);
            for (dst, (a, l)) in result[1..].iter_mut().zip(self.acts.iter().zip(&self.layers)) {
                dst.extend_from_slice(&a[..m * l.fan_out]);
            }
            start += m;
        }
        if let Some(out) = result.last_mut() {
            for row in out.chunks_exact_mut(k) {
                head.transform_row(row);
            }
        }
        result
    }

    /// `1/n` or `1/(n·K)`: what turns a sum of per-row losses into the mean the head defines.
    fn loss_scale(&self, n: usize) -> f32 {
        let per_row = match self.spec.head {
            Head::TanhMulti => self.outputs(),
            _ => 1,
        };
        1.0 / (n * per_row) as f32
    }

    /// Mean data loss over the n rows (targets as in a data set: class index or value) and the
    /// gradient of (data loss + reg_rate·R(w)) w.r.t. the params into `grad`
    /// (len = param_count), with R = Σ|w| (L1) or ½Σw² (L2) over the weights, never the biases.
    /// Returns the DATA loss (what charts show); NaN for n = 0.
    ///
    /// # Panics
    /// If `grad.len() != param_count()` — a programming error, never a user setting.
    pub fn loss_and_gradient(
        &mut self,
        x: &[f32],
        targets: &[f32],
        n: usize,
        reg: Regularization,
        reg_rate: f32,
        grad: &mut [f32],
    ) -> f32 {
        assert_eq!(grad.len(), self.params.len(), "gradient buffer must have param_count() entries");
        let n = self.usable_rows(x, Some(targets), n);
        grad.fill(0.0);
        let (d, k) = (self.spec.inputs, self.outputs());
        let head = self.spec.head;
        let scale = self.loss_scale(n.max(1));
        let last = self.layers.len() - 1;
        let mut sum = 0.0f64;
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            let xb = &x[start * d..(start + m) * d];
            self.forward_block(xb, m);
            // δ_L for every row of the block, straight from the head's formulas.
            let (z, delta) = (&self.acts[last][..m * k], &mut self.delta[0][..m * k]);
            for ((zr, dr), &t) in z.chunks_exact(k).zip(delta.chunks_exact_mut(k)).zip(&targets[start..start + m]) {
                sum += head.row_loss(zr, t, Some(dr), scale);
            }
            self.backward_block(xb, m, grad);
            start += m;
        }
        if reg != Regularization::None && reg_rate != 0.0 {
            for l in &self.layers {
                let (w, g) = (&self.params[l.w..l.b()], &mut grad[l.w..l.b()]);
                match reg {
                    Regularization::None => {}
                    // d|w|/dw = sign(w), taken as 0 at w = 0 (the subgradient that keeps zeros zero).
                    Regularization::L1 => g.iter_mut().zip(w).for_each(|(g, &w)| {
                        *g += reg_rate * if w > 0.0 { 1.0 } else if w < 0.0 { -1.0 } else { 0.0 }
                    }),
                    Regularization::L2 => axpy(g, reg_rate, w),
                }
            }
        }
        if n == 0 {
            return f32::NAN;
        }
        (sum * f64::from(scale)) as f32
    }

    /// Data loss only (no gradient) and the number of correct predictions (classification;
    /// 0 for regression). Loss is NaN for n = 0.
    pub fn evaluate(&mut self, x: &[f32], targets: &[f32], n: usize) -> (f32, usize) {
        let n = self.usable_rows(x, Some(targets), n);
        if n == 0 {
            return (f32::NAN, 0);
        }
        let (d, k) = (self.spec.inputs, self.outputs());
        let head = self.spec.head;
        let last = self.layers.len() - 1;
        let mut sum = 0.0f64;
        let mut correct = 0;
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            self.forward_block(&x[start * d..(start + m) * d], m);
            for (zr, &t) in self.acts[last][..m * k].chunks_exact(k).zip(&targets[start..start + m]) {
                sum += head.row_loss(zr, t, None, 1.0);
                if head.is_classifier() {
                    let truth = if k == 1 { usize::from(is_positive(t)) } else { class_index(t, k) };
                    correct += usize::from(head.class_from_raw(zr) == truth);
                }
            }
            start += m;
        }
        ((sum * f64::from(self.loss_scale(n))) as f32, correct)
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

/// Largest magnitude a hand-edited weight or bias may take.
pub const MAX_EDITED_PARAM: f32 = 1000.0;

fn check_edited(value: f32) -> Result<f32, ParamError> {
    if value.is_finite() && value.abs() <= MAX_EDITED_PARAM {
        Ok(value)
    } else {
        Err(ParamError::new("weight", format!("a weight must be a number between −{MAX_EDITED_PARAM} and {MAX_EDITED_PARAM}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kernel against the textbook triple loop, for every small shape (so every path: 4-row
    /// and 1-row panels, 8- and 4-column blocks, the scalar tail, the single-column dot, depth 0)
    /// and both layouts of A. Same summation order ⇒ exactly equal, except the dot path.
    #[test]
    fn gemm_matches_naive_loop_for_all_small_shapes() {
        let mut rng = Rng::new(99);
        for rows in 0..10 {
            for cols in 0..20 {
                for depth in 0..7 {
                    for transposed in [false, true] {
                        let (lda, ldb, ldc) = (if transposed { rows + 1 } else { depth + 2 }, cols + 3, cols + 1);
                        let a_len = if transposed { depth * lda } else { rows * lda };
                        let a: Vec<f32> = (0..a_len).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let b: Vec<f32> = (0..depth * ldb).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let c0: Vec<f32> = (0..rows * ldc).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let mut want = c0.clone();
                        for i in 0..rows {
                            for j in 0..cols {
                                let mut acc = want[i * ldc + j];
                                for k in 0..depth {
                                    let av = if transposed { a[k * lda + i] } else { a[i * lda + k] };
                                    acc += av * b[k * ldb + j];
                                }
                                want[i * ldc + j] = acc;
                            }
                        }
                        let mut got = c0.clone();
                        if transposed {
                            gemm_acc::<true>(&mut got, ldc, rows, cols, &a, lda, &b, ldb, depth);
                        } else {
                            gemm_acc::<false>(&mut got, ldc, rows, cols, &a, lda, &b, ldb, depth);
                        }
                        for (g, w) in got.iter().zip(&want) {
                            assert!((g - w).abs() <= 1e-6, "{rows}×{cols}×{depth} T={transposed}: {g} vs {w}");
                        }
                        if cols != 1 {
                            assert_eq!(got, want, "{rows}×{cols}×{depth} T={transposed}: not bit-identical");
                        }
                    }
                }
            }
        }
        // The single-column path with ldb = 1 (a contiguous column) and long rows.
        let a: Vec<f32> = (0..3 * 37).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..37).map(|i| (i as f32 * 0.11).cos()).collect();
        let mut c = vec![0.5f32; 3];
        gemm_acc::<false>(&mut c, 1, 3, 1, &a, 37, &b, 1, 37);
        for i in 0..3 {
            let want: f64 = 0.5 + (0..37).map(|k| f64::from(a[i * 37 + k]) * f64::from(b[k])).sum::<f64>();
            assert!((f64::from(c[i]) - want).abs() < 1e-5);
        }
    }

    #[test]
    fn dot_handles_every_length() {
        for n in 0..40 {
            let a: Vec<f32> = (0..n).map(|i| i as f32 * 0.5 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| 1.0 - i as f32 * 0.25).collect();
            let want: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - want).abs() <= 1e-4 * want.abs().max(1.0), "n = {n}");
        }
    }
}

