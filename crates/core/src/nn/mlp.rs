//! # The network: shape, parameters, scratch
//!
//! A network of shape `inputs → h₁ → … → h_L → outputs` holds, per layer `l`, a weight matrix
//! `W_l` (fan_in × fan_out) and a bias vector `b_l`, all in one flat buffer
//! `[W_1, b_1, W_2, b_2, …]`, each `W_l` row-major so `W_l[i][j]` (input `i` → neuron `j`) is
//! at `i·fan_out + j`. [`Mlp::new`] initialises the weights from the seeded generator (He for
//! relu-like activations, `N(0, 2/fan_in)`; Glorot otherwise, `N(0, 2/(fan_in + fan_out))`) and
//! the biases at 0. Parameters can be read and hand-edited one by one (the page's weight
//! editor), and the scratch buffers the passes need grow once and are reused.

use crate::error::ParamError;
use crate::rng::Rng;
use super::kernels;
use super::activation::Activation;
use super::loss::{Head, Regularization};

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
            return Err(ParamError::out_of_range("features", 1.0, MAX_INPUTS as f64, self.inputs as f64));
        }
        if self.hidden.len() > MAX_HIDDEN_LAYERS {
            return Err(ParamError::out_of_range("layers", 0.0, MAX_HIDDEN_LAYERS as f64, self.hidden.len() as f64));
        }
        if let Some(&w) = self.hidden.iter().find(|&&w| !(1..=MAX_WIDTH).contains(&w)) {
            return Err(ParamError::out_of_range("neurons", 1.0, MAX_WIDTH as f64, w as f64));
        }
        let ok = match self.head {
            Head::Linear => true,
            Head::Tanh | Head::Sigmoid => self.classes == 2,
            Head::Softmax | Head::TanhMulti => (2..=MAX_WIDTH).contains(&self.classes),
        };
        if !ok {
            return Err(ParamError::unsupported("classes"));
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
pub(super) struct Layer {
    pub(super) fan_in: usize,
    pub(super) fan_out: usize,
    /// Offset of `W` (fan_in × fan_out, row-major); the bias follows at `w + fan_in·fan_out`.
    pub(super) w: usize,
}

impl Layer {
    pub(super) fn b(&self) -> usize {
        self.w + self.fan_in * self.fan_out
    }
    pub(super) fn end(&self) -> usize {
        self.b() + self.fan_out
    }
}

/// A dense network with its parameters and its reusable scratch buffers.
#[derive(Debug, Clone)]
pub struct Mlp {
    pub(super) spec: MlpSpec,
    pub(super) layers: Vec<Layer>,
    pub(super) params: Vec<f32>,
    /// `acts[l]`: output of weight layer `l` for the current block of rows (block × fan_out).
    /// Hidden layers hold `f(z)`; the last holds the raw `z` (the head is applied on demand).
    pub(super) acts: Vec<Vec<f32>>,
    /// Two ping-pong buffers for `δ` during backpropagation (block × widest layer).
    pub(super) delta: [Vec<f32>; 2],
    /// Scratch for one transposed weight matrix (largest fan_in × fan_out).
    pub(super) wt: Vec<f32>,
    /// The weights in the panel order of the points-in-lanes kernel (`W_l` at the same offset
    /// as in `params`; the bias slots are unused), refreshed at the start of every forward-only
    /// call by [`pack_weights`](Self::pack_weights).
    pub(super) packed: Vec<f32>,
    /// Bit `l` set: every weight of layer `l` is finite, so the points-in-lanes kernel may skip
    /// inputs that are 0 over a strip (see `kernels::dense_points_in_lanes`).
    pub(super) finite_layers: u32,
    /// Scratch of the points-in-lanes kernel: the inputs that are live in a strip.
    pub(super) live: Vec<u32>,
    /// Points-in-lanes buffers of the forward-only passes: `lanes[0]` = the input block
    /// transposed (inputs × `ld`), `lanes[l + 1]` = the output of weight layer `l`
    /// (fan_out × `ld`), one neuron per row.
    pub(super) lanes: Vec<Vec<f32>>,
    /// Row stride of `lanes`: the block size rounded up to whole point blocks.
    pub(super) ld: usize,
    /// Block size the scratch is currently sized for.
    pub(super) rows: usize,
    /// Run the plain scalar reference kernels instead of the SIMD ones (tests only).
    pub(super) reference: bool,
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
        let i = self.weight_index(layer, from, to).ok_or_else(|| ParamError::unsupported("weight"))?;
        self.params[i] = check_edited(value)?;
        Ok(())
    }

    /// Sets one bias by hand; same rules as [`Mlp::set_weight`].
    pub fn set_bias(&mut self, layer: usize, neuron: usize, value: f32) -> Result<(), ParamError> {
        let i = self.bias_index(layer, neuron).ok_or_else(|| ParamError::unsupported("bias"))?;
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
    pub(super) fn usable_rows(&self, x: &[f32], targets: Option<&[f32]>, n: usize) -> usize {
        let mut n = n.min(x.len() / self.spec.inputs);
        if let Some(t) = targets {
            n = n.min(t.len());
        }
        n
    }

    /// Grows the scratch to hold a block of `m` rows (never shrinks: grow once, reuse).
    pub(super) fn reserve_rows(&mut self, m: usize) {
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
    pub(super) fn reserve_lanes(&mut self, m: usize) {
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
    pub(super) fn block_rows(&self) -> usize {
        if self.reference {
            CHUNK_ROWS
        } else {
            LANE_CHUNK
        }
    }
    pub(super) fn reserve_block(&mut self, m: usize) {
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
    }}

/// Largest magnitude a hand-edited weight or bias may take.
pub const MAX_EDITED_PARAM: f32 = 1000.0;

pub(super) fn check_edited(value: f32) -> Result<f32, ParamError> {
    if value.is_finite() && value.abs() <= MAX_EDITED_PARAM {
        Ok(value)
    } else {
        Err(ParamError::out_of_range("weight", -f64::from(MAX_EDITED_PARAM), MAX_EDITED_PARAM.into(), value.into()))
    }
}
