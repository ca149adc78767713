//! # The sequence network: recurrent layers, then a read-out of the last state
//!
//! One or two recurrent layers of the same cell ([`CellKind`]: RNN, GRU or LSTM) read the
//! sequence; a linear read-out turns the top layer's last hidden state into the answer:
//!
//! ```text
//! h¹ₜ = cell₁(xₜ, h¹ₜ₋₁),   h²ₜ = cell₂(h¹ₜ, h²ₜ₋₁),   ŷ = W·h_T + b
//! ```
//!
//! — a number (forecasting, mean squared error) or one score per class (softmax
//! cross-entropy). Initialisation is PyTorch's, except that an LSTM's forget-gate biases
//! `b_if` start at `1 + U(±1/√h)`: a forget gate near `σ(1) ≈ 0.73` lets memory and gradient
//! through from the start (`FORGET_BIAS`).
//!
//! The layers are the engine's [`Recurrent`], whose gradients are checked against finite
//! differences and PyTorch (`tests/tensor_torch.rs`).

use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::layers::{CellKind, Linear, Recurrent, RecurrentOut};
use crate::tensor::params::{Init, Params};
use crate::tensor::tape::{Tape, Var};

/// Bounds of the network's sizes (inclusive).
pub const HIDDEN_RANGE: (usize, usize) = (1, 64);
pub const LAYERS_RANGE: (usize, usize) = (1, 2);
/// Added to every LSTM forget-gate bias at initialisation (see the module docs).
pub const FORGET_BIAS: f32 = 1.0;

/// The network's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetSpec {
    pub cell: CellKind,
    /// Hidden units per layer, 1–64.
    pub hidden: usize,
    /// Recurrent layers, 1–2.
    pub layers: usize,
}

impl Default for NetSpec {
    /// The lab's default: one LSTM layer of 16 units.
    fn default() -> NetSpec {
        NetSpec { cell: CellKind::Lstm, hidden: 16, layers: 1 }
    }
}

impl NetSpec {
    /// Errors: `"hidden"`, `"layers"` out of range.
    pub fn validate(&self) -> Result<(), ParamError> {
        ParamError::check_range("hidden", HIDDEN_RANGE.0 as f64, HIDDEN_RANGE.1 as f64, self.hidden as f64)?;
        ParamError::check_range("layers", LAYERS_RANGE.0 as f64, LAYERS_RANGE.1 as f64, self.layers as f64)
    }

    /// Trainable numbers for `inputs` per step and `outputs` answers:
    /// per layer `G·h·(in + h + 2)` (`G` gate blocks, two biases), then `h·out + out`.
    pub fn param_count(&self, inputs: usize, outputs: usize) -> usize {
        let (g, h) = (self.cell.gate_blocks(), self.hidden);
        let first = g * h * (inputs + h + 2);
        let more = (self.layers - 1) * g * h * (h + h + 2);
        first + more + h * outputs + outputs
    }
}

/// The recurrent layers and the read-out, their parameters in one [`Params`].
#[derive(Debug, Clone)]
pub struct SequenceNet {
    spec: NetSpec,
    params: Params,
    layers: Vec<Recurrent>,
    head: Linear,
    /// Each layer's recorded steps, refilled by every forward pass (no allocation once grown).
    outs: Vec<RecurrentOut>,
}

impl SequenceNet {
    /// Layers `rnn1`(, `rnn2`) of the spec's cell and the read-out `head`, PyTorch's
    /// initialisations, drawn from `rng`. Errors: the spec's, `"inputs"`/`"outputs"` of 0.
    pub fn new(spec: NetSpec, inputs: usize, outputs: usize, rng: &mut Rng) -> Result<SequenceNet, ParamError> {
        spec.validate()?;
        if outputs == 0 {
            return Err(ParamError::at_least("outputs", 1.0, 0.0));
        }
        let mut params = Params::new();
        let mut layers = Vec::with_capacity(spec.layers);
        for l in 0..spec.layers {
            let width = if l == 0 { inputs } else { spec.hidden };
            layers.push(Recurrent::new(&mut params, &format!("rnn{}", l + 1), spec.cell, width, spec.hidden, rng)?);
        }
        // The LSTM's forget gates start mostly open, σ(1) ≈ 0.73 instead of σ(0) = 0.5 (Gers et
        // al. 2000; Jozefowicz et al. 2015; Keras's `unit_forget_bias`): the cell then keeps
        // (and passes back) more of what it holds from the first steps on.
        if spec.cell == CellKind::Lstm {
            for layer in &layers {
                for b in &mut params.value_mut(layer.bias_ih)[spec.hidden..2 * spec.hidden] {
                    *b += FORGET_BIAS;
                }
            }
        }
        let head = Linear::new(&mut params, "head", spec.hidden, outputs, true, Init::TorchLinear, rng)?;
        let outs = (0..spec.layers).map(|_| RecurrentOut::with_capacity(0)).collect();
        Ok(SequenceNet { spec, params, layers, head, outs })
    }

    pub fn spec(&self) -> NetSpec {
        self.spec
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    pub fn params_mut(&mut self) -> &mut Params {
        &mut self.params
    }

    /// Records the network on `tape` for `x` (`[batch, steps, inputs]`): the read-out's output
    /// `[batch, outputs]`. The top layer's steps are then in [`top`](Self::top).
    pub fn forward(&mut self, tape: &mut Tape, x: Var) -> Var {
        let mut input = x;
        for (layer, out) in self.layers.iter().zip(self.outs.iter_mut()) {
            layer.forward_into(tape, &self.params, input, None, out);
            input = out.outputs;
        }
        let last = self.outs.last().map_or(x, |o| o.last);
        self.head.forward(tape, &self.params, last)
    }

    /// The top layer's record from the last [`forward`](Self::forward): hidden states and gates
    /// per step.
    pub fn top(&self) -> Option<&RecurrentOut> {
        self.outs.last()
    }
}
