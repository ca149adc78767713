//! # Trainable parameters: one flat buffer, named entries
//!
//! Every weight matrix, bias, gain and embedding table of a model lives in **one** flat
//! `Vec<f32>` of values, with an equal-length flat `Vec<f32>` of gradients. A named entry
//! (name, shape, offset) says where each tensor starts. Because the buffers are flat, the
//! optimisers of [`crate::optim::optimizers`] drive any model unchanged:
//!
//! ```text
//! let (values, grads) = params.values_and_grads();   // both borrows at once
//! opt.step(values, grads);
//! ```
//!
//! ## Initialisations
//!
//! A network trains well only if its activations and gradients keep a sensible size from layer
//! to layer; the classic initialisations choose the spread of the random weights from the
//! layer's **fans** (how many inputs feed one output, and how many outputs one input feeds):
//!
//! | [`Init`] | distribution |
//! |---|---|
//! | `Zeros`, `Ones`, `Constant(c)` | every value 0, 1 or c (biases, layer-norm gains) |
//! | `Uniform(a)` | U(−a, a) |
//! | `Normal(σ)` | N(0, σ²) (GPT-2 style embeddings use σ = 0.02) |
//! | `XavierUniform` (Glorot & Bengio 2010) | U(±√(6/(fan_in + fan_out))): keeps the variance of activations *and* gradients for tanh/sigmoid layers |
//! | `HeNormal` (He et al. 2015) | N(0, 2/fan_in): relu halves the variance, so double it |
//! | `HeUniform` | U(±√(6/fan_in)), the same variance 2/fan_in |
//! | `TorchLinear` | U(±1/√fan_in): PyTorch's default for `nn.Linear`/`nn.Conv2d` weights and biases |
//!
//! Fans are read from the shape, with the engine's layouts: `[fan_in, fan_out]` for a matrix
//! used as `x·W` (the input dimension first, as in [`crate::nn`]); `[out_c, in_c, kh, kw]` for a
//! convolution kernel (fan_in = in_c·kh·kw, fan_out = out_c·kh·kw, as PyTorch); a vector of
//! length n has fan_in = fan_out = n. For a bias whose fan_in is its *layer's*, use
//! [`Params::add_with_fan_in`].
//!
//! ## Gradient tools
//!
//! [`Params::grad_norm`] is the global L2 norm `‖g‖ = √Σ gᵢ²` (summed in f64, in index order);
//! [`Params::clip_grad_norm`] rescales every gradient by `max/(‖g‖ + 10⁻⁶)` when `‖g‖ > max`
//! (PyTorch's `clip_grad_norm_`), which bounds the step without changing its direction.

use super::shape::Shape;
use crate::error::ParamError;
use crate::rng::Rng;

/// Which parameter tensor: an index into [`Params`]' entries. `Copy`, cheap to store in layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ParamId(pub(crate) u32);

impl ParamId {
    /// Position of the entry in [`Params::entries`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One named parameter tensor inside the flat buffers.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamEntry {
    /// A readable name ("conv1.weight"), shown by the labs next to per-layer statistics.
    pub name: String,
    pub shape: Shape,
    /// Where its first value is in [`Params::values`] (and its gradient in [`Params::grads`]).
    pub offset: usize,
}

impl ParamEntry {
    /// The index range of this entry in the flat buffers.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.offset..self.offset + self.shape.numel()
    }
}

/// How to fill a new parameter tensor (see the module table for the formulas).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Init {
    Zeros,
    Ones,
    Constant(f32),
    /// U(−a, a).
    Uniform(f32),
    /// N(0, σ²).
    Normal(f32),
    /// Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))).
    XavierUniform,
    /// He/Kaiming normal, N(0, 2/fan_in).
    HeNormal,
    /// He/Kaiming uniform, U(±√(6/fan_in)).
    HeUniform,
    /// PyTorch's default `nn.Linear` init, U(±1/√fan_in).
    TorchLinear,
}

/// `(fan_in, fan_out)` of a shape, by the layouts in the module docs.
pub fn fans(shape: Shape) -> (usize, usize) {
    let d = shape.dims();
    match d.len() {
        0 => (1, 1),
        1 => (d[0], d[0]),
        2 => (d[0], d[1]),
        3 => (d[1], d[2]), // a stack of [fan_in, fan_out] matrices
        _ => {
            let receptive: usize = d[2..].iter().product();
            (d[1] * receptive, d[0] * receptive)
        }
    }
}

/// All trainable parameters of a model: flat values, flat gradients, named entries.
#[derive(Debug, Clone, Default)]
pub struct Params {
    values: Vec<f32>,
    grads: Vec<f32>,
    entries: Vec<ParamEntry>,
    /// The values before the last optimiser step (see [`super::step::apply_step`]), so a step
    /// that produced non-finite values can be undone.
    pub(super) undo: Vec<f32>,
}

impl Params {
    pub fn new() -> Params {
        Params::default()
    }

    /// Adds a parameter tensor filled by `init` (fans from the shape), drawing from `rng`.
    ///
    /// Errors (field `"init"`) when the spread of `Uniform`/`Normal` or the `Constant` is not a
    /// finite number (spreads must also be ≥ 0): these may come from a learner's settings.
    pub fn add(&mut self, name: &str, shape: impl Into<Shape>, init: Init, rng: &mut Rng) -> Result<ParamId, ParamError> {
        let shape = shape.into();
        let (fan_in, _) = fans(shape);
        self.add_with_fan_in(name, shape, init, fan_in, rng)
    }

    /// As [`add`](Self::add), with `fan_in` given (a bias takes its layer's fan_in under
    /// `TorchLinear`/`He*`; fan_out, for Xavier, is still read from the shape).
    pub fn add_with_fan_in(
        &mut self,
        name: &str,
        shape: impl Into<Shape>,
        init: Init,
        fan_in: usize,
        rng: &mut Rng,
    ) -> Result<ParamId, ParamError> {
        let shape = shape.into();
        let (_, fan_out) = fans(shape);
        let check_spread = |v: f32| {
            if v.is_finite() && v >= 0.0 {
                Ok(())
            } else if !v.is_finite() {
                Err(ParamError::not_finite("init", v.into()))
            } else {
                Err(ParamError::at_least("init", 0.0, v.into()))
            }
        };
        match init {
            Init::Uniform(a) | Init::Normal(a) => check_spread(a)?,
            Init::Constant(c) if !c.is_finite() => return Err(ParamError::not_finite("init", c.into())),
            _ => {}
        }
        let fan_in = fan_in.max(1) as f32;
        let fan_out = fan_out.max(1) as f32;
        let offset = self.values.len();
        let n = shape.numel();
        let uniform = |rng: &mut Rng, a: f32| rng.uniform(-a, a);
        for _ in 0..n {
            let v = match init {
                Init::Zeros => 0.0,
                Init::Ones => 1.0,
                Init::Constant(c) => c,
                Init::Uniform(a) => uniform(rng, a),
                Init::Normal(s) => s * rng.normal(),
                Init::XavierUniform => uniform(rng, (6.0 / (fan_in + fan_out)).sqrt()),
                Init::HeNormal => (2.0 / fan_in).sqrt() * rng.normal(),
                Init::HeUniform => uniform(rng, (6.0 / fan_in).sqrt()),
                Init::TorchLinear => uniform(rng, 1.0 / fan_in.sqrt()),
            };
            self.values.push(v);
        }
        self.grads.resize(self.values.len(), 0.0);
        self.entries.push(ParamEntry { name: name.to_string(), shape, offset });
        Ok(ParamId(self.entries.len() as u32 - 1))
    }

    /// Total number of trainable values.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    /// Every named entry, in the order they were added.
    pub fn entries(&self) -> &[ParamEntry] {
        &self.entries
    }
    pub fn entry(&self, id: ParamId) -> &ParamEntry {
        &self.entries[id.index()]
    }
    /// The entry called `name`, if any (first match).
    pub fn find(&self, name: &str) -> Option<ParamId> {
        self.entries.iter().position(|e| e.name == name).map(|i| ParamId(i as u32))
    }
    /// All values, flat.
    pub fn values(&self) -> &[f32] {
        &self.values
    }
    pub fn values_mut(&mut self) -> &mut [f32] {
        &mut self.values
    }
    /// All gradients, flat (same layout as the values).
    pub fn grads(&self) -> &[f32] {
        &self.grads
    }
    pub fn grads_mut(&mut self) -> &mut [f32] {
        &mut self.grads
    }
    /// Values and gradients at once (an optimiser step needs both).
    pub fn values_and_grads(&mut self) -> (&mut [f32], &[f32]) {
        (&mut self.values, &self.grads)
    }
    /// The values of one entry.
    pub fn value(&self, id: ParamId) -> &[f32] {
        &self.values[self.entries[id.index()].range()]
    }
    pub fn value_mut(&mut self, id: ParamId) -> &mut [f32] {
        let r = self.entries[id.index()].range();
        &mut self.values[r]
    }
    /// Overwrites the values of the entry called `name` (loading weights, e.g. a reference
    /// model's in a test). Errors: `"name"` when no entry has that name, `"values"` when
    /// `values` does not hold exactly the entry's element count.
    pub fn set(&mut self, name: &str, values: &[f32]) -> Result<(), ParamError> {
        let id = self.find(name).ok_or(ParamError::unsupported("name"))?;
        let dst = self.value_mut(id);
        if dst.len() != values.len() {
            return Err(ParamError::length_mismatch("values", dst.len(), values.len()));
        }
        dst.copy_from_slice(values);
        Ok(())
    }
    /// The gradient of one entry.
    pub fn grad(&self, id: ParamId) -> &[f32] {
        &self.grads[self.entries[id.index()].range()]
    }

    /// Sets every gradient to 0 (backward *adds* into the gradients, so call this before each
    /// step, or not, to accumulate over several mini-batches).
    pub fn zero_grads(&mut self) {
        self.grads.fill(0.0);
    }

    /// Global L2 norm of the gradient, `√Σ gᵢ²` over every parameter (f64 sum, index order).
    pub fn grad_norm(&self) -> f32 {
        sum_squares(&self.grads).sqrt() as f32
    }

    /// The L2 norm of each entry's gradient, written into `out` (one value per entry, in entry
    /// order; only the common length is written): what a lab draws as per-layer gradient bars.
    pub fn grad_norm_per_entry(&self, out: &mut [f32]) {
        for (o, e) in out.iter_mut().zip(&self.entries) {
            *o = sum_squares(&self.grads[e.range()]).sqrt() as f32;
        }
    }

    /// The L2 norm of the gradient of one layer: every entry called `prefix` or starting with
    /// `prefix.` (`"lstm"` takes `lstm.weight_ih`, `lstm.bias_hh`…, not `lstm2.weight_ih`), as
    /// one vector, f64 sum in entry order. 0 when no entry matches. Allocates nothing.
    pub fn grad_norm_of_prefix(&self, prefix: &str) -> f32 {
        let in_layer = |name: &str| match name.strip_prefix(prefix) {
            Some(rest) => rest.is_empty() || rest.starts_with('.'),
            None => false,
        };
        let total: f64 = self.entries.iter().filter(|e| in_layer(&e.name)).map(|e| sum_squares(&self.grads[e.range()])).sum();
        total.sqrt() as f32
    }

    /// PyTorch's `clip_grad_norm_`: if the global norm `‖g‖` exceeds `max`, multiply every
    /// gradient by `max/(‖g‖ + 10⁻⁶)`. Returns `‖g‖` *before* clipping (what a lab plots).
    /// A `max` that is not a positive number clips nothing (validate user settings with
    /// [`validate_clip`]). A non-finite norm is returned as is and nothing is scaled: the
    /// caller reports divergence instead.
    pub fn clip_grad_norm(&mut self, max: f32) -> f32 {
        let norm = self.grad_norm();
        if max > 0.0 && norm.is_finite() && norm > max {
            let scale = max / (norm + 1e-6);
            for g in &mut self.grads {
                *g *= scale;
            }
        }
        norm
    }

    /// Copies the values aside (sized once, then reused: no allocation after the first call).
    pub(super) fn save_undo(&mut self) {
        self.undo.clear();
        self.undo.extend_from_slice(&self.values);
    }
    /// Restores the values saved by [`save_undo`](Self::save_undo).
    pub(super) fn restore_undo(&mut self) {
        if self.undo.len() == self.values.len() {
            self.values.copy_from_slice(&self.undo);
        }
    }

    /// Whether every value and every gradient is finite.
    pub fn all_finite(&self) -> bool {
        self.values.iter().chain(&self.grads).all(|v| v.is_finite())
    }
}

/// Checks a gradient-clipping threshold (field `"clip"`): a finite number above 0.
pub fn validate_clip(max: f32) -> Result<(), ParamError> {
    if max.is_finite() && max > 0.0 {
        Ok(())
    } else if !max.is_finite() {
        Err(ParamError::not_finite("clip", max.into()))
    } else {
        Err(ParamError::above("clip", 0.0, f64::INFINITY, max.into()))
    }
}

/// `Σ vᵢ²` in f64, in index order (fixed order: the same bits on every platform).
fn sum_squares(v: &[f32]) -> f64 {
    v.iter().map(|&g| f64::from(g) * f64::from(g)).sum()
}
