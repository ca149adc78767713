//! # Layer normalisation as a layer (Ba, Kiros & Hinton 2016)
//!
//! Each row `x` (the last axis, of length `width`) is brought to mean 0 and variance 1, then
//! scaled and shifted by a learnable gain `γ` and bias `β`:
//!
//! ```text
//! μ = (1/d) Σ xⱼ      σ² = (1/d) Σ (xⱼ − μ)²      y = γ ⊙ (x − μ)/√(σ² + ε) + β     (ε = 10⁻⁵)
//! ```
//!
//! It keeps the scale of activations steady through deep stacks (a transformer normalises
//! before each sub-layer) and, unlike batch norm, treats every example — every token — on its
//! own. `γ` starts at 1 and `β` at 0, so a fresh layer is a plain standardisation (PyTorch's
//! `nn.LayerNorm`). The maths and its backward are [`crate::tensor::ops::norm`].

use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::params::{Init, ParamId, Params};
use crate::tensor::tape::{Tape, Var};

/// Layer norm over the last axis with a learnable gain and bias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerNorm {
    /// `name.gain`, `[width]`, starts at 1.
    pub gain: ParamId,
    /// `name.bias`, `[width]`, starts at 0.
    pub bias: ParamId,
    pub width: usize,
}

impl LayerNorm {
    /// Adds `name.gain` (ones) and `name.bias` (zeros), both `[width]`. Errors (`"width"`) on 0.
    pub fn new(params: &mut Params, name: &str, width: usize) -> Result<LayerNorm, ParamError> {
        if width == 0 {
            return Err(ParamError::at_least("width", 1.0, 0.0));
        }
        // Constant initialisations draw nothing: any generator will do.
        let mut unused = Rng::new(0);
        let gain = params.add(&format!("{name}.gain"), [width], Init::Ones, &mut unused)?;
        let bias = params.add(&format!("{name}.bias"), [width], Init::Zeros, &mut unused)?;
        Ok(LayerNorm { gain, bias, width })
    }

    /// The normalised `x` (`[…, width]`), same shape.
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var) -> Var {
        let gain = tape.param(params, self.gain);
        let bias = tape.param(params, self.bias);
        tape.layer_norm(x, gain, bias)
    }
}
