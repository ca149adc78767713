//! # The two networks, their settings and their losses
//!
//! Both players are small MLPs on the tensor engine ([`crate::tensor`]):
//!
//! ```text
//! G: z ∈ ℝᵈ → [Linear → LeakyReLU(0.2)] × depth → Linear → x ∈ ℝ²       (the generator)
//! D: x ∈ ℝ² → [Linear → LeakyReLU(0.2)] × depth → Linear → logit ℓ ∈ ℝ   (the discriminator)
//! D(x) = σ(ℓ(x)), the probability that x is real
//! ```
//!
//! The losses, all means over a batch (Goodfellow et al., 2014, with `V` their value function):
//!
//! ```text
//! L_D  = −E_x log D(x) − E_z log(1 − D(G(z)))           (= −V; 2·ln 2 ≈ 1.386 at the equilibrium D = ½)
//! L_G  = −E_z log D(G(z))                                  non-saturating (the default)
//! L_G  =  E_z log(1 − D(G(z)))                             minimax: the game's own, saturating
//! ```
//!
//! On a point `x = G(z)` with logit `ℓ`, the minimax loss has `∂/∂ℓ = −D(x)`, the
//! non-saturating one `−(1 − D(x))`: early on, when `D` confidently rejects the fakes
//! (`D(G(z)) ≈ 0`), the minimax gradient vanishes and the generator barely moves; the
//! non-saturating one is then at its largest. Same fixed point, very different start.
//!
//! **Binary cross-entropy from what the engine has.** The engine has no `log σ` node, but it has
//! a fused, overflow-free softmax cross-entropy, and a two-way softmax of `[ℓ, 0]` is
//! `[σ(ℓ), 1 − σ(ℓ)]`. So `−log D(x)` is the cross-entropy of the row `[ℓ, 0]` against class 0,
//! and `−log(1 − D(x))` against class 1: exact, and finite for every finite logit (a
//! `log(sigmoid(ℓ))` chain would give `−∞` at ℓ ≈ −90).
//!
//! **Why LeakyReLU(0.2)** in both networks: the DCGAN choice for the discriminator (a ReLU unit
//! that dies on all the real *and* fake points stops passing any gradient to the generator,
//! and `D`'s gradient with respect to `x` is the generator's only teacher); in the generator it
//! keeps the map piecewise linear, so the warped latent grid the page draws shows the folds
//! and stretches plainly, and no unit goes dead on the whole latent space. Exact in the
//! engine and in PyTorch (no approximation, unlike the engine's rational `tanh`).

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::layers::dense::Linear;
use crate::tensor::{Init, Params, Tape, Var};

/// The slope of LeakyReLU for negative inputs (DCGAN's).
pub const LEAKY_SLOPE: f32 = 0.2;
/// Allowed hidden widths and depths (both networks).
pub const WIDTH_RANGE: (usize, usize) = (4, 256);
pub const DEPTH_RANGE: (usize, usize) = (1, 4);
/// Allowed latent dimensions.
pub const LATENT_RANGE: (usize, usize) = (1, 8);
/// Allowed learning rates (both players): above it Adam's steps are bigger than the data.
pub const LR_RANGE: (f64, f64) = (1e-5, 1.0);
/// Allowed discriminator steps per generator step.
pub const D_STEPS_RANGE: (usize, usize) = (1, 5);
/// Allowed batch sizes (real points, and as many fakes).
pub const BATCH_RANGE: (usize, usize) = (8, 1024);
/// Adam's β₁ for both players: 0.5, the DCGAN value (the default 0.9 carries stale momentum
/// across a game whose target moves every step).
pub const ADAM_BETA1: f32 = 0.5;

slug_enum! {
    /// The distribution of the latent code `z`.
    pub enum Noise {
        /// `N(0, I)`.
        Gaussian => "gaussian",
        /// `U(−1, 1)` in each coordinate.
        Uniform => "uniform",
    }
}

slug_enum! {
    /// What the generator minimises (module docs).
    pub enum GeneratorLoss {
        /// `−log D(G(z))`: strong gradients while the generator is losing.
        NonSaturating => "non-saturating",
        /// `log(1 − D(G(z)))`: the game as written; its gradient vanishes while `D` wins.
        Minimax => "minimax",
    }
}

slug_enum! {
    /// The update rule of both players.
    pub enum GanOptimizer {
        /// Adam with β₁ = 0.5, β₂ = 0.999.
        Adam => "adam",
        /// Plain stochastic gradient descent, `θ ← θ − η·g`.
        Sgd => "sgd",
    }
}

impl Noise {
    /// One latent coordinate.
    pub fn draw(self, rng: &mut Rng) -> f32 {
        match self {
            Noise::Gaussian => rng.normal(),
            Noise::Uniform => rng.uniform(-1.0, 1.0),
        }
    }

    /// The latent interval the page's warped grid spans: ±2σ for the Gaussian (95 % of each
    /// coordinate), the whole ±1 for the uniform.
    pub fn grid_extent(self) -> f32 {
        match self {
            Noise::Gaussian => 2.0,
            Noise::Uniform => 1.0,
        }
    }
}

/// Everything that shapes a GAN run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Units of each hidden layer of `G`, and how many hidden layers.
    pub generator_width: usize,
    pub generator_depth: usize,
    /// Units of each hidden layer of `D`, and how many hidden layers.
    pub discriminator_width: usize,
    pub discriminator_depth: usize,
    /// `d`, the length of the latent code `z`.
    pub latent: usize,
    pub noise: Noise,
    /// Learning rates of the discriminator and of the generator.
    pub lr_d: f32,
    pub lr_g: f32,
    pub optimizer: GanOptimizer,
    /// `k`: discriminator updates per generator update.
    pub d_steps: usize,
    /// Real points per update (and as many generated ones).
    pub batch: usize,
    pub generator_loss: GeneratorLoss,
    pub seed: u64,
}

impl Default for Settings {
    /// Two 2 × 64 LeakyReLU networks, a 2-D Gaussian code, Adam (β₁ = 0.5), `k = 1`, batches of
    /// 128, the non-saturating loss, and a discriminator that learns 4× faster than the
    /// generator (`lr_d` 0.002, `lr_g` 0.0005: the two-time-scale rule of Heusel et al., 2017).
    /// With equal rates (0.001) the game circled the single Gaussian's answer with swings of
    /// ±0.2 in its mean; a faster critic keeps `D` near its best response, so `G` follows a
    /// meaningful gradient. Covers all eight Gaussians from round 500 on; the figures are in
    /// `docs/GAN.md`.
    fn default() -> Settings {
        Settings {
            generator_width: 64,
            generator_depth: 2,
            discriminator_width: 64,
            discriminator_depth: 2,
            latent: 2,
            noise: Noise::Gaussian,
            lr_d: 0.002,
            lr_g: 0.0005,
            optimizer: GanOptimizer::Adam,
            d_steps: 1,
            batch: 128,
            generator_loss: GeneratorLoss::NonSaturating,
            seed: 1,
        }
    }
}

impl Settings {
    /// **Mode collapse on demand**: the default, except that the generator learns ten times
    /// faster than the discriminator (`lr_g` 0.005, `lr_d` 0.0005). The generator then outruns
    /// its critic: every code is pushed to wherever `D` currently says "real", the whole cloud
    /// shrinks to a clump, and the clump wanders (onto a mode, between modes, to another) as `D`
    /// slowly catches up. On the eight Gaussians it covers at most 2 modes at every check, for
    /// every seed tried (`tests/gan_behaviour.rs`, `docs/GAN.md`).
    pub fn collapse_demo() -> Settings {
        Settings { lr_g: 0.005, lr_d: 0.0005, ..Settings::default() }
    }

    /// Errors name the field: `"generator_width"`, `"generator_depth"`, `"discriminator_width"`,
    /// `"discriminator_depth"`, `"latent"`, `"lr_d"`, `"lr_g"`, `"d_steps"`, `"batch"`.
    pub fn check(&self) -> Result<(), ParamError> {
        let count = |field, (lo, hi): (usize, usize), v: usize| ParamError::check_range(field, lo as f64, hi as f64, v as f64);
        count("generator_width", WIDTH_RANGE, self.generator_width)?;
        count("generator_depth", DEPTH_RANGE, self.generator_depth)?;
        count("discriminator_width", WIDTH_RANGE, self.discriminator_width)?;
        count("discriminator_depth", DEPTH_RANGE, self.discriminator_depth)?;
        count("latent", LATENT_RANGE, self.latent)?;
        // The rates are f32s: so are their bounds (1e-5 as an f32 is 9.99999975e-6).
        let (lo, hi) = (f64::from(LR_RANGE.0 as f32), f64::from(LR_RANGE.1 as f32));
        ParamError::check_range("lr_d", lo, hi, f64::from(self.lr_d))?;
        ParamError::check_range("lr_g", lo, hi, f64::from(self.lr_g))?;
        count("d_steps", D_STEPS_RANGE, self.d_steps)?;
        count("batch", BATCH_RANGE, self.batch)
    }
}

/// An MLP `inputs → width × depth (LeakyReLU) → outputs` with a linear output: the generator
/// (`d → 2`) or the discriminator (`2 → 1`, a logit). Parameters are named `hidden0.weight`,
/// `hidden0.bias`, …, `out.weight`, `out.bias`; weights `[inputs, outputs]` (`y = x·W + b`).
#[derive(Debug, Clone)]
pub struct Mlp {
    pub params: Params,
    layers: Vec<Linear>,
}

impl Mlp {
    /// A fresh network with PyTorch's default initialisation, U(±1/√fan_in).
    pub fn new(inputs: usize, width: usize, depth: usize, outputs: usize, rng: &mut Rng) -> Result<Mlp, ParamError> {
        let mut params = Params::new();
        let mut layers = Vec::with_capacity(depth + 1);
        let mut width_in = inputs;
        for k in 0..depth {
            layers.push(Linear::new(&mut params, &format!("hidden{k}"), width_in, width, true, Init::TorchLinear, rng)?);
            width_in = width;
        }
        layers.push(Linear::new(&mut params, "out", width_in, outputs, true, Init::TorchLinear, rng)?);
        Ok(Mlp { params, layers })
    }

    /// Input width.
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, |l| l.inputs)
    }

    /// Output width.
    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |l| l.outputs)
    }

    /// Records the network on `x` (`[n, inputs]`); returns `[n, outputs]`.
    pub fn forward(&self, tape: &mut Tape, x: Var) -> Var {
        let mut h = x;
        let last = self.layers.len().saturating_sub(1);
        for (k, layer) in self.layers.iter().enumerate() {
            h = layer.forward(tape, &self.params, h);
            if k < last {
                h = tape.leaky_relu(h, LEAKY_SLOPE);
            }
        }
        h
    }

    /// Trainable numbers.
    pub fn parameter_count(&self) -> usize {
        self.params.len()
    }
}

/// Which side of the binary cross-entropy a row is on: class 0 of the row `[ℓ, 0]` is "real"
/// (`−log σ(ℓ)`), class 1 "fake" (`−log(1 − σ(ℓ))`); see the module docs.
pub const REAL: u32 = 0;
pub const FAKE: u32 = 1;

/// The mean binary cross-entropy of the logits `[n, 1]` against the label `side` ([`REAL`] or
/// [`FAKE`]) for every row: the softmax cross-entropy of the rows `[ℓ, 0]`. `zeros` and
/// `targets` are the caller's buffers (reused across steps: no allocation once grown).
pub fn binary_cross_entropy(tape: &mut Tape, logits: Var, side: u32, zeros: &mut Vec<f32>, targets: &mut Vec<u32>) -> Var {
    let n = tape.shape(logits).rows();
    zeros.clear();
    zeros.resize(n, 0.0);
    targets.clear();
    targets.resize(n, side);
    let zero_column = tape.input([n, 1], zeros);
    let pairs = tape.concat_last(&[logits, zero_column]);
    tape.softmax_cross_entropy(pairs, targets)
}

/// `σ(ℓ) = 1/(1 + e^(−ℓ))` in plain arithmetic (0 or 1 at the extremes, never NaN for a finite ℓ).
pub fn sigmoid(logit: f32) -> f32 {
    1.0 / (1.0 + crate::tensor::math::exp(-logit))
}

/// The mean of `σ(ℓ)` over logits, in f64.
pub fn mean_probability(logits: &[f32]) -> f32 {
    if logits.is_empty() {
        return 0.0;
    }
    (logits.iter().map(|&l| f64::from(sigmoid(l))).sum::<f64>() / logits.len() as f64) as f32
}
