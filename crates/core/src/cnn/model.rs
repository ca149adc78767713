//! # A small convolutional network for 8 × 8 digits, and a dense baseline
//!
//! The CNN is one or two **convolution blocks** and a read-out:
//!
//! ```text
//! block:    h = pool( relu( conv_k×k(x) ) )          conv: stride 1, padding ⌊k/2⌋
//! read-out: logits = W₂·relu(W₁·flat(h) + b₁) + b₂   (with a hidden dense layer)
//!           logits = W·flat(h) + b                   (without)
//! ```
//!
//! - **Padding ⌊k/2⌋** ("same" padding) keeps the side: `⌊(n + 2⌊k/2⌋ − k)/1⌋ + 1 = n` for odd
//!   `k`, so an 8 × 8 digit gives 8 × 8 feature maps.
//! - **Pooling** 2 × 2 with stride 2 halves the side: 8 → 4, and a second block 4 → 2.
//! - **ReLU** `relu(z) = max(0, z)` after every convolution and the hidden layer.
//! - The 10 logits become probabilities by the softmax `pᵢ = e^{zᵢ}/Σⱼ e^{zⱼ}`, trained by
//!   cross-entropy `−ln p_true` (the engine's `softmax_cross_entropy`).
//!
//! **Parameters.** A convolution with `C` input channels and `F` filters of `k × k` has
//! `F·C·k² + F` parameters — independent of the image size, because the same small kernel is
//! *shared* by every position. A dense layer from `a` to `b` units has `a·b + b`. The page sets
//! the CNN beside a [`DenseSpec`] network with about as many parameters (see
//! [`DenseSpec::matching`]) to show what weight sharing buys.
//!
//! Initialisation: He-uniform `U(±√(6/fan_in))` for the convolutions and the hidden layer (each
//! is followed by ReLU, which halves the variance), PyTorch's `U(±1/√fan_in)` for the read-out
//! and the biases; all drawn from the caller's seeded generator.

use crate::data::digits::{CLASSES, PIXELS, SIDE};
use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::layers::{Conv2d, Linear};
use crate::tensor::{Init, Params, Tape, Var};

use super::kernel::FeatureMap;

/// Most convolution layers.
pub const MAX_CONV_LAYERS: usize = 2;
/// Most filters in a convolution layer.
pub const MAX_FILTERS: usize = 16;
/// Fewest and most hidden units of the dense layer (0 = no hidden layer).
pub const MIN_DENSE: usize = 8;
pub const MAX_DENSE: usize = 128;
/// Pooling window and stride.
pub const POOL: usize = 2;

slug_enum! {
    /// What follows each convolution (after its ReLU).
    pub enum Pooling {
        /// 2 × 2 max pooling, stride 2.
        Max => "max",
        /// 2 × 2 average pooling, stride 2.
        Average => "average",
        /// No pooling: the maps keep their 8 × 8 side.
        None => "none",
    }
}

/// The CNN's architecture (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CnnSpec {
    /// Convolution blocks, 1 or 2.
    pub conv_layers: usize,
    /// Filters of each block, 1–16 (`filters[1]` is ignored with one block).
    pub filters: [usize; 2],
    /// Kernel side, 3 or 5.
    pub kernel: usize,
    pub pooling: Pooling,
    /// Hidden units before the 10-way output: 0 (none) or 8–128.
    pub dense: usize,
}

impl Default for CnnSpec {
    /// The lab's default, chosen to learn in a few epochs: one block of 8 filters 3 × 3, max
    /// pooling, no hidden layer (1,370 parameters).
    fn default() -> CnnSpec {
        CnnSpec { conv_layers: 1, filters: [8, 8], kernel: 3, pooling: Pooling::Max, dense: 0 }
    }
}

/// Checks a hidden-layer size (field `"dense"`): 0 or `MIN_DENSE..=MAX_DENSE`.
fn check_dense(dense: usize) -> Result<(), ParamError> {
    if dense == 0 {
        return Ok(());
    }
    ParamError::check_range("dense", MIN_DENSE as f64, MAX_DENSE as f64, dense as f64)
}

/// `inputs·outputs + outputs`: the parameters of a dense layer.
fn dense_params(inputs: usize, outputs: usize) -> usize {
    inputs * outputs + outputs
}

/// Parameters of the read-out from `flat` features: an optional hidden layer, then 10 outputs.
fn readout_params(flat: usize, dense: usize) -> usize {
    if dense == 0 {
        dense_params(flat, CLASSES)
    } else {
        dense_params(flat, dense) + dense_params(dense, CLASSES)
    }
}

impl CnnSpec {
    /// Errors (field): `"conv_layers"` (1–2), `"filters"` (1–16), `"kernel"` (3 or 5),
    /// `"dense"` (0 or 8–128).
    pub fn validate(&self) -> Result<(), ParamError> {
        ParamError::check_range("conv_layers", 1.0, MAX_CONV_LAYERS as f64, self.conv_layers as f64)?;
        for &f in &self.filters[..self.conv_layers] {
            ParamError::check_range("filters", 1.0, MAX_FILTERS as f64, f as f64)?;
        }
        if self.kernel != 3 && self.kernel != 5 {
            return Err(ParamError::out_of_range("kernel", 3.0, 5.0, self.kernel as f64));
        }
        check_dense(self.dense)
    }

    /// Side of the maps after block `layer` (0-based): halved by each pooling.
    pub fn side_after(&self, layer: usize) -> usize {
        match self.pooling {
            Pooling::None => SIDE,
            Pooling::Max | Pooling::Average => {
                // SIDE / 2^(layer + 1), and 0 (not an overflow) for absurd layers.
                let halvings = u32::try_from(layer.saturating_add(1)).unwrap_or(u32::MAX);
                SIDE.checked_shr(halvings).unwrap_or(0)
            }
        }
    }

    /// Channels in and filters out of each block.
    fn channels(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        (0..self.conv_layers.min(MAX_CONV_LAYERS)).map(|l| (if l == 0 { 1 } else { self.filters[l - 1] }, self.filters[l]))
    }

    /// Features entering the read-out: last block's filters × side² (for a valid spec; the
    /// block count is clamped to 1–2 so an invalid one cannot panic).
    pub fn flat_features(&self) -> usize {
        let last = self.conv_layers.clamp(1, MAX_CONV_LAYERS) - 1;
        self.filters[last] * self.side_after(last).pow(2)
    }

    /// Trainable numbers: `Σ (F·C·k² + F)` over the blocks plus the read-out (module docs);
    /// 0 for a spec that does not [`validate`](Self::validate) (a page may ask before checking).
    pub fn param_count(&self) -> usize {
        if self.validate().is_err() {
            return 0;
        }
        let k2 = self.kernel * self.kernel;
        let conv: usize = self.channels().map(|(c, f)| f * c * k2 + f).sum();
        conv + readout_params(self.flat_features(), self.dense)
    }
}

/// The dense baseline: the 64 pixels, an optional hidden ReLU layer, 10 outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DenseSpec {
    /// Hidden units: 0 (none: multinomial logistic regression) or 8–128.
    pub dense: usize,
}

impl DenseSpec {
    /// Errors: `"dense"` (0 or 8–128).
    pub fn validate(&self) -> Result<(), ParamError> {
        check_dense(self.dense)
    }
    /// `64·h + h + 10·h + 10` (or `64·10 + 10` without a hidden layer); 0 for an invalid spec.
    pub fn param_count(&self) -> usize {
        if self.validate().is_err() {
            return 0;
        }
        readout_params(PIXELS, self.dense)
    }
    /// The hidden size (8–128) whose parameter count is nearest `target` (ties: the smaller):
    /// the fair comparison for a CNN of `target` parameters.
    pub fn matching(target: usize) -> DenseSpec {
        let distance = |h: usize| (DenseSpec { dense: h }.param_count()).abs_diff(target);
        let dense = (MIN_DENSE..=MAX_DENSE).min_by_key(|&h| distance(h)).unwrap_or(MIN_DENSE);
        DenseSpec { dense }
    }
}

/// Either architecture, so one trainer trains both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Architecture {
    Cnn(CnnSpec),
    Dense(DenseSpec),
}

impl From<CnnSpec> for Architecture {
    fn from(s: CnnSpec) -> Self {
        Architecture::Cnn(s)
    }
}
impl From<DenseSpec> for Architecture {
    fn from(s: DenseSpec) -> Self {
        Architecture::Dense(s)
    }
}

impl Architecture {
    pub fn validate(&self) -> Result<(), ParamError> {
        match self {
            Architecture::Cnn(s) => s.validate(),
            Architecture::Dense(s) => s.validate(),
        }
    }
    pub fn param_count(&self) -> usize {
        match self {
            Architecture::Cnn(s) => s.param_count(),
            Architecture::Dense(s) => s.param_count(),
        }
    }
}

/// A digit classifier with its parameters: convolution blocks (none for the dense baseline),
/// then the read-out. Images go in as `[n, 1, 8, 8]`.
#[derive(Debug, Clone)]
pub struct DigitNet {
    arch: Architecture,
    params: Params,
    convs: Vec<Conv2d>,
    pooling: Pooling,
    hidden: Option<Linear>,
    output: Linear,
    /// Features entering the read-out.
    flat: usize,
    /// A tape for one-image questions (probabilities, feature maps), reused between calls.
    scratch: Tape,
}

impl DigitNet {
    /// Builds and initialises the network, drawing from `rng`. Errors as the spec's `validate`.
    pub fn new(arch: impl Into<Architecture>, rng: &mut Rng) -> Result<DigitNet, ParamError> {
        let arch = arch.into();
        arch.validate()?;
        let mut params = Params::new();
        let mut convs = Vec::new();
        let (pooling, flat, dense) = match arch {
            Architecture::Cnn(spec) => {
                for (l, (c, f)) in spec.channels().enumerate() {
                    let side = if l == 0 { SIDE } else { spec.side_after(l - 1) };
                    let name = format!("conv{}", l + 1);
                    let conv = Conv2d::new(&mut params, &name, c, f, spec.kernel, 1, spec.kernel / 2, side, Init::HeUniform, rng)?;
                    convs.push(conv);
                }
                (spec.pooling, spec.flat_features(), spec.dense)
            }
            Architecture::Dense(spec) => (Pooling::None, PIXELS, spec.dense),
        };
        let (hidden, read_in) = if dense == 0 {
            (None, flat)
        } else {
            (Some(Linear::new(&mut params, "hidden", flat, dense, true, Init::HeUniform, rng)?), dense)
        };
        let output = Linear::new(&mut params, "output", read_in, CLASSES, true, Init::TorchLinear, rng)?;
        Ok(DigitNet { arch, params, convs, pooling, hidden, output, flat, scratch: Tape::new() })
    }

    pub fn architecture(&self) -> Architecture {
        self.arch
    }
    pub fn params(&self) -> &Params {
        &self.params
    }
    /// The parameters, mutable (the trainer's optimiser, a test's poisoned weight).
    pub fn params_mut(&mut self) -> &mut Params {
        &mut self.params
    }
    /// Number of convolution blocks (0 for the dense baseline).
    pub fn conv_layers(&self) -> usize {
        self.convs.len()
    }

    /// One convolution block: relu(conv(x)), and the pooled map that feeds the next block.
    fn block(&self, tape: &mut Tape, params: &Params, l: usize, x: Var) -> (Var, Var) {
        let a = self.convs[l].forward(tape, params, x);
        let a = tape.relu(a);
        let pooled = match self.pooling {
            Pooling::Max => tape.max_pool2d(a, POOL, POOL),
            Pooling::Average => tape.avg_pool2d(a, POOL, POOL),
            Pooling::None => a,
        };
        (a, pooled)
    }

    /// Records the forward pass of `n` images `x` (`[n, 1, 8, 8]`) and returns the logits
    /// `[n, 10]`. Allocates nothing once the tape has grown to this batch size.
    pub fn forward(&self, tape: &mut Tape, x: Var, n: usize) -> Var {
        let mut h = x;
        for l in 0..self.convs.len() {
            h = self.block(tape, &self.params, l, h).1;
        }
        let flat = tape.reshape(h, [n, self.flat]);
        let z = match self.hidden {
            Some(hidden) => {
                let z = hidden.forward(tape, &self.params, flat);
                tape.relu(z)
            }
            None => flat,
        };
        self.output.forward(tape, &self.params, z)
    }

    /// The probabilities of the ten digits for one `8 × 8` image (64 values in `[0, 1]`); a
    /// buffer of another size gives the uniform `0.1` each. Reuses an inner tape.
    pub fn probabilities(&mut self, image: &[f32]) -> [f32; CLASSES] {
        let mut p = [1.0 / CLASSES as f32; CLASSES];
        if image.len() != PIXELS {
            return p;
        }
        let mut tape = std::mem::take(&mut self.scratch);
        tape.reset();
        let x = tape.input([1, 1, SIDE, SIDE], image);
        let logits = self.forward(&mut tape, x, 1);
        let probs = tape.softmax(logits);
        p.copy_from_slice(tape.value(probs));
        self.scratch = tape;
        p
    }

    /// For one image: every block's feature maps after ReLU (before pooling), `maps[layer][filter]`
    /// (empty for the dense baseline or an image of the wrong size).
    pub fn feature_maps(&mut self, image: &[f32]) -> Vec<Vec<FeatureMap>> {
        if image.len() != PIXELS {
            return Vec::new();
        }
        let mut tape = std::mem::take(&mut self.scratch);
        tape.reset();
        let mut x = tape.input([1, 1, SIDE, SIDE], image);
        let mut maps = Vec::with_capacity(self.convs.len());
        for l in 0..self.convs.len() {
            let (a, pooled) = self.block(&mut tape, &self.params, l, x);
            let side = tape.shape(a).dim(2);
            let layer = tape.value(a).chunks_exact(side * side).map(|v| FeatureMap { side, values: v.to_vec() }).collect();
            maps.push(layer);
            x = pooled;
        }
        self.scratch = tape;
        maps
    }

    /// Each filter of block `layer` as its `k × k` weights (row-major). In the first block a
    /// filter sees one channel (the image), so these are its weights exactly; in the second a
    /// filter has one `k × k` slice per incoming map, and this is their **mean** over the input
    /// channels — one picture per filter, what it looks for on average. Empty for a block that
    /// does not exist.
    pub fn filters(&self, layer: usize) -> Vec<Vec<f32>> {
        let Some(conv) = self.convs.get(layer) else {
            return Vec::new();
        };
        let (k2, c) = (conv.kernel * conv.kernel, conv.in_channels);
        let w = self.params.value(conv.weight);
        w.chunks_exact(c * k2)
            .map(|filter| {
                let mut mean = vec![0.0f32; k2];
                for slice in filter.chunks_exact(k2) {
                    for (m, &v) in mean.iter_mut().zip(slice) {
                        *m += v;
                    }
                }
                mean.iter_mut().for_each(|m| *m /= c as f32);
                mean
            })
            .collect()
    }

    /// The flat index ranges of the convolution blocks' parameters (weights and biases): what
    /// transfer learning copies and freezes.
    pub fn conv_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut r = Vec::new();
        for c in &self.convs {
            r.push(self.params.entry(c.weight).range());
            r.push(self.params.entry(c.bias).range());
        }
        r
    }
}
