//! # One training step, with divergence reported instead of propagated
//!
//! The pattern every lab follows after recording a forward pass on the tape:
//!
//! 1. **check the loss**: NaN or ±∞ ⇒ stop and report "diverged" (nothing is touched);
//! 2. **backward**: zero the gradients, then [`Tape::backward`] adds `∂L/∂θ` into them;
//! 3. optionally **clip** the global gradient norm ([`Params::clip_grad_norm`]);
//! 4. **check the gradients** are finite (an overflow inside backward) ⇒ else report;
//! 5. **optimiser step** `θ ← update(θ, g)`; if it produced a non-finite parameter, the step is
//!    undone (the values before it are restored) and reported.
//!
//! [`apply_step`] does all five. After a reported divergence the parameters are finite (they
//! are those of the last good step), but the optimiser's state (momentum, Adam's moments) may
//! not be: a lab stops the run, or resets the optimiser, as the Playground does.

use super::params::Params;
use super::tape::{Diverged, Tape, Var};
use crate::optim::optimizers::Optimizer;

/// What a successful step measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepReport {
    /// The loss of the forward pass (before the step).
    pub loss: f32,
    /// The global gradient norm before clipping.
    pub grad_norm: f32,
}

/// Steps 1–5 of the module docs for the forward pass recorded on `tape` with scalar `loss`.
/// `clip`: the maximum gradient norm, or `None` for no clipping (validate a learner's value
/// with [`super::params::validate_clip`]).
pub fn apply_step(
    tape: &mut Tape,
    loss: Var,
    params: &mut Params,
    opt: &mut dyn Optimizer,
    clip: Option<f32>,
) -> Result<StepReport, Diverged> {
    let value = tape.scalar(loss);
    if !value.is_finite() {
        return Err(Diverged::Loss(value));
    }
    params.zero_grads();
    tape.backward(loss, params)?;
    step_with_gradients(params, opt, clip, value)
}

/// Steps 3–5 of the module docs for gradients already in `params` (summed over several
/// backward passes, say: gradient accumulation); `loss` is what the report gives back.
pub fn step_with_gradients(params: &mut Params, opt: &mut dyn Optimizer, clip: Option<f32>, loss: f32) -> Result<StepReport, Diverged> {
    let value = loss;
    let grad_norm = match clip {
        Some(max) => params.clip_grad_norm(max),
        None => params.grad_norm(),
    };
    if !grad_norm.is_finite() {
        return Err(Diverged::Gradient);
    }
    // Keep the current values, to undo a step that overflows. (Sized once: no allocation later.)
    params.save_undo();
    let (values, grads) = params.values_and_grads();
    opt.step(values, grads);
    if !values.iter().all(|v| v.is_finite()) {
        params.restore_undo();
        return Err(Diverged::Params);
    }
    Ok(StepReport { loss: value, grad_norm })
}
