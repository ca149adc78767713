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
//! `tanh` itself is a rational approximation (relative error < 5.5·10⁻⁷, see [`tanh`]): in
//! WebAssembly the libm call would cost more than the matrix work. A hidden sigmoid is computed
//! through the identity `σ(z) = ½ + ½·tanh(z/2)`, so it vectorises the same way (absolute error
//! < 2·10⁻⁷; the sigmoid *head* uses the exact-in-the-tails [`sigmoid`], since its loss needs
//! tiny probabilities to keep their relative precision).
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
//! Rows are processed in blocks of [`CHUNK_ROWS`] so the scratch buffers stay small and in
//! cache; scratch grows once and is reused, so training steps and predictions allocate nothing
//! after the first call. The products and activations run through the explicit-SIMD kernels of
//! the `kernels` module (`src/kernels.rs`), in one of two layouts:
//!
//! - **Training: rows in lanes.** Activations are stored one sample per row, and every product
//!   (`A·W`, `Aᵀ·δ`, and `δ·Wᵀ` through a transposed copy of `W`) runs through one
//!   register-blocked kernel whose innermost loop is over contiguous output neurons: 4 rows × 8
//!   neurons of the result stay in SIMD registers while the shared dimension is summed.
//! - **Inference (`predict`, `evaluate`, `activations`): points in lanes.** A playground network
//!   is often 2 → 4 → 2 → 1: vectorised over its ≤ 4 neurons, most SIMD lanes would idle and
//!   every tanh would run one value at a time. So forward passes store each layer one *neuron*
//!   per row (`width × points`, blocks of [`LANE_CHUNK`] points), and each SIMD lane carries a
//!   different *point* through the whole network: every width fills the lanes, and the
//!   activation is applied to 4 points at once, in registers, before the layer's only store.
//!   Neighbouring points of a heatmap also tend to switch the same relu units off, so after a
//!   relu layer the kernel skips the inputs that are 0 at all 16 points of a strip (≈ 40 % of
//!   them for a trained 2-64-64-1 network over the 100 × 100 grid).
//!
//! Both layouts sum every output in the same order (bias, then the products in increasing
//! input index, no fused multiply-add), so they agree bit for bit with each other and with a
//! plain scalar reference of every kernel (`Mlp::set_reference_kernels`, used by the tests):
//! `evaluate` gives exactly the loss `loss_and_gradient` reports, and a neuron map exactly the
//! heatmap value. (Skipping a zero input leaves every sum unchanged; only a bias of exactly
//! −0.0, which training never produces, could turn an output of −0.0 into +0.0.) Runs still
//! differ in the last bits between native and wasm, because `exp` and `ln` come from different
//! libm implementations; within one platform they are bit-for-bit reproducible.

use crate::data::Problem;
use crate::error::ParamError;
use crate::kernels::{self, Elementwise};
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

/// Rows processed per block by training (and by the scalar reference). Small enough that a
/// block's activations for a 256-wide network stay in L2 cache, large enough that per-block
/// overhead is negligible.
pub const CHUNK_ROWS: usize = 256;

/// Points per block of the forward-only passes (`predict`, `evaluate`, `activations`), which
/// keep one neuron per row ("points in lanes"): a 100 × 100 heatmap is 10 blocks.
pub const LANE_CHUNK: usize = 256;

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
    fn apply_slice(self, v: &mut [f32]) {
        match self {
            Activation::Relu => kernels::map_in_place::<kernels::Relu>(v),
            Activation::Tanh => kernels::map_in_place::<kernels::Tanh>(v),
            Activation::Sigmoid => kernels::map_in_place::<kernels::Sigmoid>(v),
            Activation::Linear => {}
            Activation::LeakyRelu => kernels::map_in_place::<kernels::Leaky>(v),
        }
    }

    /// `delta ⊙= f′(a)` for a whole buffer, 4 lanes at a time.
    fn backprop_slice(self, delta: &mut [f32], a: &[f32]) {
        match self {
            Activation::Linear => {}
            Activation::Tanh => kernels::backprop_in_place::<kernels::TanhPrime>(delta, a),
            Activation::Sigmoid => kernels::backprop_in_place::<kernels::SigmoidPrime>(delta, a),
            Activation::Relu => kernels::backprop_in_place::<kernels::ReluPrime>(delta, a),
            Activation::LeakyRelu => kernels::backprop_in_place::<kernels::LeakyPrime>(delta, a),
        }
    }

    /// `δ·f′(a)` for one value, the scalar form of [`backprop_slice`](Self::backprop_slice).
    fn backprop_one(self, d: f32, a: f32) -> f32 {
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
    fn kernel(self) -> KernelAct {
        match self {
            Activation::Relu => KernelAct::Relu,
            Activation::Tanh => KernelAct::Tanh,
            Activation::Sigmoid => KernelAct::Sigmoid,
            Activation::Linear => KernelAct::Ident,
            Activation::LeakyRelu => KernelAct::Leaky,
        }
    }

    /// Relu-like activations get He initialisation, the others Glorot (see [`Mlp::new`]).
    fn is_relu_like(self) -> bool {
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

/// Largest value of a row (−∞ for an empty row), with comparisons rather than `f32::max`
/// (whose NaN rule becomes a libm call in wasm, see the relu of the kernels). A NaN entry
/// propagates through the softmax, which is what we want.
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
    kernels::Relu::f1(u) + (-u.abs()).exp().ln_1p()
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
                let s = match delta {
                    Some(g) => {
                        // Each e^{z_k − m} once (exp is a libm call): kept in `g`, then scaled.
                        let mut s = 0.0f32;
                        for (&zk, gk) in z.iter().zip(g.iter_mut()) {
                            *gk = (zk - m).exp();
                            s += *gk;
                        }
                        let inv = 1.0 / s;
                        for (k, gk) in g.iter_mut().enumerate() {
                            *gk = (*gk * inv - if k == c { 1.0 } else { 0.0 }) * scale;
                        }
                        s
                    }
                    None => z.iter().map(|&v| (v - m).exp()).sum(),
                };
                f64::from(m + s.ln() - z[c])
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
    /// The weights in the panel order of the points-in-lanes kernel (`W_l` at the same offset
    /// as in `params`; the bias slots are unused), refreshed at the start of every forward-only
    /// call by [`pack_weights`](Self::pack_weights).
    packed: Vec<f32>,
    /// Bit `l` set: every weight of layer `l` is finite, so the points-in-lanes kernel may skip
    /// inputs that are 0 over a strip (see `kernels::dense_points_in_lanes`).
    finite_layers: u32,
    /// Scratch of the points-in-lanes kernel: the inputs that are live in a strip.
    live: Vec<u32>,
    /// Points-in-lanes buffers of the forward-only passes: `lanes[0]` = the input block
    /// transposed (inputs × `ld`), `lanes[l + 1]` = the output of weight layer `l`
    /// (fan_out × `ld`), one neuron per row.
    lanes: Vec<Vec<f32>>,
    /// Row stride of `lanes`: the block size rounded up to whole point blocks.
    ld: usize,
    /// Block size the scratch is currently sized for.
    rows: usize,
    /// Run the plain scalar reference kernels instead of the SIMD ones (tests only).
    reference: bool,
}

/// The element-wise function a points-in-lanes layer applies (one kernel instantiation each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KernelAct {
    Ident,
    Relu,
    Leaky,
    Tanh,
    Sigmoid,
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
        let layers_len = layers.len();
        Ok(Mlp {
            spec: spec.clone(),
            acts: vec![Vec::new(); layers.len()],
            layers,
            params,
            delta: [Vec::new(), Vec::new()],
            wt: Vec::new(),
            lanes: vec![Vec::new(); layers_len + 1],
            packed: vec![0.0; offset],
            finite_layers: 0,
            live: vec![0; sizes.iter().copied().max().unwrap_or(1)],
            ld: 0,
            rows: 0,
            reference: false,
        })
    }

    /// Fits the first layer's initial weights to the scale of the inputs. Glorot and He assume
    /// inputs of unit variance, but the labs' inputs are not: `x₁` spans ±6 (root mean square
    /// ≈ 3.5) and `x₁²` reaches 36. Left alone, the first layer's sums come out several times too
    /// large, wide relu networks start with a saturated tanh head, and Adam at 0.01 stalls on
    /// 2 of 5 seeds of the W2 spiral (loss ≈ 1.1 after 300 epochs; ≤ 0.01 on all 5 with this).
    /// Weights from input `j` are divided by `rms[j]`, the root mean square of that input over
    /// the training rows, so `Σ wⱼ·xⱼ` has the variance the initialisation intended. An entry
    /// that is not finite and positive leaves its input's weights unchanged; entries beyond
    /// the number of inputs are ignored. Call it once, before training.
    pub fn scale_inputs(&mut self, rms: &[f32]) {
        let first = self.layers[0];
        for (j, &s) in rms.iter().enumerate().take(first.fan_in) {
            if s.is_finite() && s > 0.0 {
                let row = first.w + j * first.fan_out;
                for w in &mut self.params[row..row + first.fan_out] {
                    *w /= s;
                }
            }
        }
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

    /// Grows the points-in-lanes buffers to hold a block of `m` points (never shrinks).
    fn reserve_lanes(&mut self, m: usize) {
        let ld = m.div_ceil(kernels::POINT_BLOCK) * kernels::POINT_BLOCK;
        if ld <= self.ld {
            return;
        }
        let widths = core::iter::once(self.spec.inputs).chain(self.layers.iter().map(|l| l.fan_out));
        for (buf, width) in self.lanes.iter_mut().zip(widths) {
            buf.resize(width * ld, 0.0);
        }
        self.ld = ld;
    }

    /// Rows per block of a forward-only pass, and the scratch for a block of `m` of them.
    fn block_rows(&self) -> usize {
        if self.reference {
            CHUNK_ROWS
        } else {
            LANE_CHUNK
        }
    }
    fn reserve_block(&mut self, m: usize) {
        if self.reference {
            self.reserve_rows(m)
        } else {
            self.reserve_lanes(m)
        }
    }

    /// Selects the plain scalar reference kernels (textbook loops, one value at a time) instead
    /// of the SIMD ones, for tests that compare the two. Not for production use: it is slow.
    #[doc(hidden)]
    pub fn set_reference_kernels(&mut self, on: bool) {
        self.reference = on;
    }

    /// Forward pass for one block of `m` rows (`x` = m × inputs) into `acts`, rows in lanes.
    fn forward_block(&mut self, x: &[f32], m: usize) {
        if self.reference {
            return self.forward_block_reference(x, m);
        }
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
            kernels::gemm_acc::<false>(out, fo, m, fo, input, fi, w, fo, fi);
            if li < last {
                self.spec.activation.apply_slice(out);
            }
        }
    }

    /// The scalar reference of [`forward_block`](Self::forward_block): the textbook loop
    /// `z_ij = b_j + Σ_k a_ik·w_kj`, one value at a time.
    fn forward_block_reference(&mut self, x: &[f32], m: usize) {
        let last = self.layers.len() - 1;
        let act = self.spec.activation;
        for (li, l) in self.layers.iter().enumerate() {
            let (fi, fo) = (l.fan_in, l.fan_out);
            let (before, rest) = self.acts.split_at_mut(li);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &before[li - 1][..m * fi] };
            let out = &mut rest[0][..m * fo];
            let w = &self.params[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            for i in 0..m {
                for j in 0..fo {
                    let mut z = b[j];
                    for k in 0..fi {
                        z += input[i * fi + k] * w[k * fo + j];
                    }
                    out[i * fo + j] = if li < last { act.apply(z) } else { z };
                }
            }
        }
    }

    /// Copies every weight matrix into the points-in-lanes kernel's panel order (`packed`).
    /// Called once per forward-only call, before its blocks: Σ fan_in·fan_out copies, small
    /// next to the n·Σ fan_in·fan_out multiply-adds of the pass.
    fn pack_weights(&mut self) {
        if self.reference {
            return;
        }
        self.finite_layers = 0;
        for (li, l) in self.layers.iter().enumerate() {
            let w = &self.params[l.w..l.b()];
            kernels::pack_weights(&mut self.packed[l.w..l.b()], w, l.fan_in, l.fan_out);
            if w.iter().all(|v| v.is_finite()) {
                self.finite_layers |= 1 << li;
            }
        }
    }

    /// Forward pass for one block of `m` rows, points in lanes (see the module docs): the input
    /// block is transposed into `lanes[0]`, padded with zero points to whole point blocks, and
    /// each layer writes `lanes[l + 1]` (fan_out × `ld`) with its activation applied. Needs
    /// [`pack_weights`](Self::pack_weights) first. The last layer gives raw `z`, or tanh(z) when `tanh_head` is set (the tanh
    /// heads' transform, fused). Output `(point p, neuron j)` is at `lanes[L][j·ld + p]`.
    fn forward_lanes(&mut self, x: &[f32], m: usize, tanh_head: bool) {
        let (d, ld) = (self.spec.inputs, self.ld);
        let np = m.div_ceil(kernels::POINT_BLOCK) * kernels::POINT_BLOCK;
        kernels::points_to_lanes(&mut self.lanes[0], ld, np, x, m, d);
        let last = self.layers.len() - 1;
        for (li, l) in self.layers.iter().enumerate() {
            let (before, after) = self.lanes.split_at_mut(li + 1);
            let (inp, out) = (&before[li], &mut after[0]);
            let (fi, fo) = (l.fan_in, l.fan_out);
            let w = &self.packed[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            // Inputs that are 0 over a whole strip can be skipped after relu layers (exact
            // zeros are common there, never after the others) if the weights are finite.
            let skip = li > 0 && self.spec.activation == Activation::Relu && self.finite_layers & (1 << li) != 0;
            let live = skip.then_some(&mut self.live[..]);
            let f = if li < last {
                self.spec.activation.kernel()
            } else if tanh_head {
                KernelAct::Tanh
            } else {
                KernelAct::Ident
            };
            match f {
                KernelAct::Ident => kernels::dense_points_in_lanes::<kernels::Ident>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Relu => kernels::dense_points_in_lanes::<kernels::Relu>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Leaky => kernels::dense_points_in_lanes::<kernels::Leaky>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Tanh => kernels::dense_points_in_lanes::<kernels::Tanh>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Sigmoid => kernels::dense_points_in_lanes::<kernels::Sigmoid>(out, inp, ld, np, w, b, fi, fo, live),
            }
        }
    }

    /// Forward pass for one block of `m` rows (points in lanes, or the scalar reference) for
    /// the forward-only methods. Returns the buffer holding the outputs and its strides: output
    /// `j` of row `p` is `buf[p·rs + j·cs]`. The outputs are raw `z`, except tanh(z) when
    /// `tanh_head` is set and the fast kernels run (the caller knows which from `reference`).
    fn forward_out(&mut self, x: &[f32], m: usize, tanh_head: bool) -> (&[f32], usize, usize) {
        let last = self.layers.len() - 1;
        if self.reference {
            self.forward_block_reference(x, m);
            (&self.acts[last], self.outputs(), 1)
        } else {
            self.forward_lanes(x, m, tanh_head);
            (&self.lanes[last + 1], 1, self.ld)
        }
    }

    /// Backward pass for one block whose `δ_L` is in `delta[0]`; adds the parameter gradient
    /// into `grad` (so blocks accumulate).
    fn backward_block(&mut self, x: &[f32], m: usize, grad: &mut [f32]) {
        if self.reference {
            return self.backward_block_reference(x, m, grad);
        }
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
            kernels::gemm_acc::<true>(gw, fo, fi, fo, input, fi, delta, fo, m);
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
                kernels::gemm_acc::<false>(prev, fi, m, fi, delta, fo, wt, fi, fo);
                act.backprop_slice(prev, input);
                cur = 1 - cur;
            }
        }
    }

    /// The scalar reference of [`backward_block`](Self::backward_block): the three formulas of
    /// the module docs as textbook loops.
    fn backward_block_reference(&mut self, x: &[f32], m: usize, grad: &mut [f32]) {
        let act = self.spec.activation;
        let mut cur = 0;
        for li in (0..self.layers.len()).rev() {
            let l = self.layers[li];
            let (fi, fo) = (l.fan_in, l.fan_out);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &self.acts[li - 1][..m * fi] };
            let (d0, d1) = self.delta.split_at_mut(1);
            let (delta, prev) = if cur == 0 { (&d0[0], &mut d1[0]) } else { (&d1[0], &mut d0[0]) };
            let delta = &delta[..m * fo];
            let (gw, gb) = grad[l.w..l.end()].split_at_mut(fi * fo);
            for i in 0..m {
                for j in 0..fo {
                    gb[j] += delta[i * fo + j];
                }
            }
            for k in 0..fi {
                for j in 0..fo {
                    let mut g = gw[k * fo + j];
                    for i in 0..m {
                        g += input[i * fi + k] * delta[i * fo + j];
                    }
                    gw[k * fo + j] = g;
                }
            }
            if li > 0 {
                let w = &self.params[l.w..l.b()];
                for i in 0..m {
                    for k in 0..fi {
                        let mut s = 0.0;
                        for j in 0..fo {
                            s += delta[i * fo + j] * w[k * fo + j];
                        }
                        prev[i * fi + k] = act.backprop_one(s, input[i * fi + k]);
                    }
                }
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
        out.reserve(n * k);
        let head = self.spec.head;
        // The tanh heads' transform is element-wise: fuse it into the last layer's kernel.
        let fused = !self.reference && matches!(head, Head::Tanh | Head::TanhMulti);
        self.pack_weights();
        let chunk = self.block_rows();
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, fused);
            let from = out.len();
            if k == 1 && rs == 1 {
                out.extend_from_slice(&z[..m]);
            } else {
                for p in 0..m {
                    out.extend((0..k).map(|j| z[p * rs + j * cs]));
                }
            }
            if !fused && head != Head::Linear {
                for row in out[from..].chunks_exact_mut(k) {
                    head.transform_row(row);
                }
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
        self.pack_weights();
        let chunk = self.block_rows();
        let mut row = [0.0f32; MAX_WIDTH];
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, false);
            out.extend((0..m).map(|p| head.class_from_raw(output_row(z, p, rs, cs, k, &mut row))));
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
        self.pack_weights();
        let chunk = self.block_rows();
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let xb = &x[start * d..(start + m) * d];
            if self.reference {
                self.forward_block_reference(xb, m);
                for (dst, (a, l)) in result[1..].iter_mut().zip(self.acts.iter().zip(&self.layers)) {
                    dst.extend_from_slice(&a[..m * l.fan_out]);
                }
            } else {
                self.forward_lanes(xb, m, false);
                let ld = self.ld;
                for (dst, (a, l)) in result[1..].iter_mut().zip(self.lanes[1..].iter().zip(&self.layers)) {
                    for p in 0..m {
                        dst.extend((0..l.fan_out).map(|j| a[j * ld + p]));
                    }
                }
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
        let mut sum = 0.0f64;
        let mut correct = 0;
        self.pack_weights();
        let chunk = self.block_rows();
        let mut row = [0.0f32; MAX_WIDTH];
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, false);
            for (p, &t) in targets[start..start + m].iter().enumerate() {
                let zr = output_row(z, p, rs, cs, k, &mut row);
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

/// Outputs `0..k` of row `p` in a buffer with row stride `rs` and output stride `cs`: the
/// slice itself when they are adjacent (`cs = 1`), else gathered into `scratch`.
fn output_row<'a>(z: &'a [f32], p: usize, rs: usize, cs: usize, k: usize, scratch: &'a mut [f32; MAX_WIDTH]) -> &'a [f32] {
    if cs == 1 {
        &z[p * rs..p * rs + k]
    } else {
        for (j, v) in scratch[..k].iter_mut().enumerate() {
            *v = z[p * rs + j * cs];
        }
        &scratch[..k]
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
