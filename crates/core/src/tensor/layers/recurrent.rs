//! # Recurrent layers: a plain RNN, the GRU and the LSTM
//!
//! A recurrent layer reads a sequence `x₁, x₂, …, x_T` one step at a time and carries a
//! **hidden state** `hₜ` (a vector of `hidden` numbers) from step to step: its memory of what
//! it has read. The same weights are used at every step.
//!
//! **Plain RNN** (Elman 1990):
//!
//! ```text
//! hₜ = tanh(W_ih·xₜ + b_ih + W_hh·hₜ₋₁ + b_hh)
//! ```
//!
//! Its gradient through time is a product of `T` Jacobians: it vanishes (or explodes) over long
//! sequences, so a plain RNN forgets quickly. The gated cells fix that with an additive path.
//!
//! **LSTM** (Hochreiter & Schmidhuber 1997; with the forget gate of Gers et al. 2000). Four
//! gates, in PyTorch's order `i, f, g, o`; `σ` is the logistic sigmoid, `⊙` the element-wise
//! product:
//!
//! ```text
//! iₜ = σ(W_ii·xₜ + b_ii + W_hi·hₜ₋₁ + b_hi)      input gate: how much new to write
//! fₜ = σ(W_if·xₜ + b_if + W_hf·hₜ₋₁ + b_hf)      forget gate: how much of the cell to keep
//! gₜ = tanh(W_ig·xₜ + b_ig + W_hg·hₜ₋₁ + b_hg)   candidate: what to write
//! oₜ = σ(W_io·xₜ + b_io + W_ho·hₜ₋₁ + b_ho)      output gate: how much of the cell to show
//! cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ                        the cell: an additive memory
//! hₜ = oₜ ⊙ tanh(cₜ)
//! ```
//!
//! Along the cell, `∂cₜ/∂cₜ₋₁ = fₜ`: while the forget gate stays near 1 the gradient flows
//! back through many steps undiminished.
//!
//! **GRU** (Cho et al. 2014), PyTorch's formulation and gate order `r, z, n`:
//!
//! ```text
//! rₜ = σ(W_ir·xₜ + b_ir + W_hr·hₜ₋₁ + b_hr)             reset gate
//! zₜ = σ(W_iz·xₜ + b_iz + W_hz·hₜ₋₁ + b_hz)             update gate
//! nₜ = tanh(W_in·xₜ + b_in + rₜ ⊙ (W_hn·hₜ₋₁ + b_hn))    candidate
//! hₜ = (1 − zₜ) ⊙ nₜ + zₜ ⊙ hₜ₋₁                        computed as nₜ + zₜ ⊙ (hₜ₋₁ − nₜ)
//! ```
//!
//! ## Layout and initialisation
//!
//! With `G` gates (1, 3 or 4) the gates' weights sit side by side, in the order above:
//! `name.weight_ih` `[inputs, G·hidden]`, `name.weight_hh` `[hidden, G·hidden]`,
//! `name.bias_ih` and `name.bias_hh` `[G·hidden]`. The engine multiplies rows (`x·W`), so these
//! are the transposes of PyTorch's `weight_ih_l0` `[G·hidden, inputs]` and `weight_hh_l0`; the
//! two biases are PyTorch's (the GRU needs `b_hn` apart, inside `r ⊙ (…)`). Every weight and
//! bias starts U(±1/√hidden), PyTorch's default.
//!
//! ## Computation
//!
//! The input part `x·W_ih + b_ih` of every step is one matrix product over the whole sequence
//! (`[batch, T, inputs] → [batch, T, G·hidden]`); each step then adds `hₜ₋₁·W_hh + b_hh` and
//! slices the gates apart with `slice_last`. The initial state is `h₀` if given, else zeros
//! (and `c₀ = 0` for the LSTM).

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::params::{Init, ParamId, Params};
use crate::tensor::shape::Shape;
use crate::tensor::tape::{Op, Tape, Var};

slug_enum! {
    /// Which recurrent cell (see the module docs for the equations).
    pub enum CellKind {
        /// `hₜ = tanh(W_ih·xₜ + W_hh·hₜ₋₁ + b)`: no gates, forgets quickly.
        Rnn => "rnn",
        /// Gated recurrent unit: reset and update gates.
        Gru => "gru",
        /// Long short-term memory: input, forget and output gates and a cell state.
        Lstm => "lstm",
    }
}

impl CellKind {
    /// How many blocks of `hidden` columns the weights have: 1 (RNN), 3 (GRU: r, z, n) or
    /// 4 (LSTM: i, f, g, o).
    pub fn gate_blocks(self) -> usize {
        match self {
            CellKind::Rnn => 1,
            CellKind::Gru => 3,
            CellKind::Lstm => 4,
        }
    }
}

/// The gate activations of one time step (`[batch, hidden]` each), for a lab that draws them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateVars {
    Lstm {
        /// `iₜ`, how much of the candidate is written.
        input: Var,
        /// `fₜ`, how much of the old cell is kept.
        forget: Var,
        /// `gₜ`, the candidate written into the cell.
        candidate: Var,
        /// `oₜ`, how much of the cell is shown as `hₜ`.
        output: Var,
        /// `cₜ`, the cell state after the step.
        cell: Var,
    },
    Gru {
        /// `rₜ`, how much of `hₜ₋₁` the candidate sees.
        reset: Var,
        /// `zₜ`, how much of `hₜ₋₁` is kept.
        update: Var,
        /// `nₜ`, the candidate state.
        candidate: Var,
    },
}

/// What a recurrent layer's forward pass recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurrentOut {
    /// Every step's hidden state, `[batch, time, hidden]` (feed this to the next layer).
    pub outputs: Var,
    /// The last hidden state `h_T`, `[batch, hidden]` (a sequence classifier reads this).
    pub last: Var,
    /// `hₜ` per step (`[batch, hidden]` each), for the lab's heatmap of the state over time.
    pub states: Vec<Var>,
    /// The gates per step; empty for the plain RNN.
    pub gates: Vec<GateVars>,
}

impl RecurrentOut {
    /// An output to refill with [`Recurrent::forward_into`], with room for `steps` time steps
    /// (its handles are placeholders until then).
    pub fn with_capacity(steps: usize) -> RecurrentOut {
        RecurrentOut { outputs: Var(0), last: Var(0), states: Vec::with_capacity(steps), gates: Vec::with_capacity(steps) }
    }
}

/// A recurrent layer (one direction, one layer) of RNN, GRU or LSTM cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrent {
    pub kind: CellKind,
    /// `name.weight_ih`, `[inputs, G·hidden]`.
    pub weight_ih: ParamId,
    /// `name.weight_hh`, `[hidden, G·hidden]`.
    pub weight_hh: ParamId,
    /// `name.bias_ih`, `[G·hidden]`.
    pub bias_ih: ParamId,
    /// `name.bias_hh`, `[G·hidden]`.
    pub bias_hh: ParamId,
    pub inputs: usize,
    pub hidden: usize,
}

impl Recurrent {
    /// Adds `name.weight_ih`, `name.weight_hh`, `name.bias_ih`, `name.bias_hh` (layouts in the
    /// module docs), all U(±1/√hidden). Errors (`"inputs"`, `"hidden"`) on a zero size.
    pub fn new(
        params: &mut Params,
        name: &str,
        kind: CellKind,
        inputs: usize,
        hidden: usize,
        rng: &mut Rng,
    ) -> Result<Recurrent, ParamError> {
        if inputs == 0 {
            return Err(ParamError::at_least("inputs", 1.0, 0.0));
        }
        if hidden == 0 {
            return Err(ParamError::at_least("hidden", 1.0, 0.0));
        }
        let width = kind.gate_blocks() * hidden;
        // PyTorch's bound 1/√hidden; sqrt is exactly rounded (IEEE), the same on every platform.
        let init = Init::Uniform(1.0 / (hidden as f32).sqrt());
        let weight_ih = params.add(&format!("{name}.weight_ih"), [inputs, width], init, rng)?;
        let weight_hh = params.add(&format!("{name}.weight_hh"), [hidden, width], init, rng)?;
        let bias_ih = params.add(&format!("{name}.bias_ih"), [width], init, rng)?;
        let bias_hh = params.add(&format!("{name}.bias_hh"), [width], init, rng)?;
        Ok(Recurrent { kind, weight_ih, weight_hh, bias_ih, bias_hh, inputs, hidden })
    }

    /// Runs the cell over `x` (`[batch, time, inputs]`) from `h0` (`[batch, hidden]`, zeros if
    /// `None`). Allocates the returned `Vec`s; a training loop uses
    /// [`forward_into`](Self::forward_into).
    ///
    /// # Panics
    /// If `x` is not `[batch, time ≥ 1, inputs]` or `h0` not `[batch, hidden]` (shapes come from
    /// the lab's code: a programmer error).
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var, h0: Option<Var>) -> RecurrentOut {
        let steps = tape.shape(x).dims().get(1).copied().unwrap_or(0);
        let mut out = RecurrentOut::with_capacity(steps);
        self.forward_into(tape, params, x, h0, &mut out);
        out
    }

    /// As [`forward`](Self::forward), refilling `out` (its `Vec`s keep their capacity, so a
    /// re-recorded step allocates nothing).
    pub fn forward_into(&self, tape: &mut Tape, params: &Params, x: Var, h0: Option<Var>, out: &mut RecurrentOut) {
        let sx = tape.shape(x);
        assert!(
            sx.rank() == 3 && sx.dim(1) >= 1 && sx.last() == self.inputs,
            "recurrent: x must be [batch, time ≥ 1, {}], got {sx:?}",
            self.inputs
        );
        let (batch, steps, hs) = (sx.dim(0), sx.dim(1), self.hidden);
        let state_shape = Shape::new(&[batch, hs]);
        out.states.clear();
        out.gates.clear();

        let w_ih = tape.param(params, self.weight_ih);
        let w_hh = tape.param(params, self.weight_hh);
        let b_ih = tape.param(params, self.bias_ih);
        let b_hh = tape.param(params, self.bias_hh);
        // The input half of every gate, for all steps at once: [batch, time, G·hidden].
        let xw = tape.matmul(x, w_ih);
        let xw = tape.add(xw, b_ih);

        // A data node, zero-filled by `push`: h₀ (and c₀) when none is given.
        let zeros = |tape: &mut Tape| tape.push(Op::Input, state_shape, false);
        let mut h = match h0 {
            Some(h0) => {
                assert_eq!(tape.shape(h0), state_shape, "recurrent: h0 must be [batch, hidden]");
                h0
            }
            None => zeros(tape),
        };
        let mut cell = if self.kind == CellKind::Lstm { Some(zeros(tape)) } else { None };

        for t in 0..steps {
            let x_part = tape.select_time(xw, t); // W_ih·xₜ + b_ih, [batch, G·hidden]
            let h_part = tape.matmul(h, w_hh);
            let h_part = tape.add(h_part, b_hh); // W_hh·hₜ₋₁ + b_hh
            h = match self.kind {
                CellKind::Rnn => {
                    let z = tape.add(x_part, h_part);
                    tape.tanh(z)
                }
                CellKind::Lstm => {
                    let z = tape.add(x_part, h_part);
                    let block = |tape: &mut Tape, k: usize| tape.slice_last(z, k * hs, hs);
                    let (zi, zf, zg, zo) = (block(tape, 0), block(tape, 1), block(tape, 2), block(tape, 3));
                    let input = tape.sigmoid(zi);
                    let forget = tape.sigmoid(zf);
                    let candidate = tape.tanh(zg);
                    let output = tape.sigmoid(zo);
                    let kept = tape.mul(forget, cell.expect("an LSTM has a cell"));
                    let written = tape.mul(input, candidate);
                    let c = tape.add(kept, written);
                    cell = Some(c);
                    let shown = tape.tanh(c);
                    out.gates.push(GateVars::Lstm { input, forget, candidate, output, cell: c });
                    tape.mul(output, shown)
                }
                CellKind::Gru => {
                    let xb = |tape: &mut Tape, k: usize| tape.slice_last(x_part, k * hs, hs);
                    let hb = |tape: &mut Tape, k: usize| tape.slice_last(h_part, k * hs, hs);
                    let (xr, xz, xn) = (xb(tape, 0), xb(tape, 1), xb(tape, 2));
                    let (hr, hz, hn) = (hb(tape, 0), hb(tape, 1), hb(tape, 2));
                    let zr = tape.add(xr, hr);
                    let reset = tape.sigmoid(zr);
                    let zz = tape.add(xz, hz);
                    let update = tape.sigmoid(zz);
                    let gated = tape.mul(reset, hn);
                    let zn = tape.add(xn, gated);
                    let candidate = tape.tanh(zn);
                    // (1 − z) ⊙ n + z ⊙ h = n + z ⊙ (h − n): one node fewer, no constant 1.
                    let towards_old = tape.sub(h, candidate);
                    let kept = tape.mul(update, towards_old);
                    out.gates.push(GateVars::Gru { reset, update, candidate });
                    tape.add(candidate, kept)
                }
            };
            out.states.push(h);
        }
        out.outputs = tape.stack_time(&out.states);
        out.last = h;
    }
}
