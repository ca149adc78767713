//! # Dense layers: fully connected and convolutional
//!
//! - [`Linear`]: `y = x·W + b`, `W` of shape `[in, out]` (rows of `x` are examples; leading
//!   axes of `x` — batch, time — are kept);
//! - [`Conv2d`]: the NCHW convolution of [`crate::tensor::ops::conv`], weights `[out, in, k, k]`.
//!
//! Initialisation follows PyTorch's defaults ([`Init::TorchLinear`], U(±1/√fan_in) for weights
//! and biases), unless another is chosen.

use crate::tensor::ops::conv::conv_output_size;
use crate::tensor::params::{Init, ParamId, Params};
use crate::tensor::tape::{Tape, Var};
use crate::error::ParamError;
use crate::rng::Rng;

/// A fully connected layer `y = x·W + b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linear {
    pub weight: ParamId,
    pub bias: Option<ParamId>,
    pub inputs: usize,
    pub outputs: usize,
}

impl Linear {
    /// Adds `name.weight` (`[inputs, outputs]`, `init`) and, with `bias`, `name.bias`
    /// (`[outputs]`, PyTorch's U(±1/√inputs)) to `params`.
    pub fn new(
        params: &mut Params,
        name: &str,
        inputs: usize,
        outputs: usize,
        bias: bool,
        init: Init,
        rng: &mut Rng,
    ) -> Result<Linear, ParamError> {
        if inputs == 0 || outputs == 0 {
            return Err(ParamError::at_least("units", 1.0, 0.0));
        }
        let weight = params.add(&format!("{name}.weight"), [inputs, outputs], init, rng)?;
        let bias = if bias {
            Some(params.add_with_fan_in(&format!("{name}.bias"), [outputs], Init::TorchLinear, inputs, rng)?)
        } else {
            None
        };
        Ok(Linear { weight, bias, inputs, outputs })
    }

    /// `x·W (+ b)` for `x` of shape `[…, inputs]`.
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var) -> Var {
        let w = tape.param(params, self.weight);
        match self.bias {
            // One node for product and bias (bit-identical to matmul then add).
            Some(b) => {
                let b = tape.param(params, b);
                tape.matmul_bias(x, w, b)
            }
            None => tape.matmul(x, w),
        }
    }
}

/// A 2-D convolution layer (NCHW) with bias.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conv2d {
    pub weight: ParamId,
    pub bias: ParamId,
    pub in_channels: usize,
    pub out_channels: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
}

impl Conv2d {
    /// Adds `name.weight` (`[out, in, k, k]`, `init`) and `name.bias` (`[out]`, PyTorch's
    /// U(±1/√(in·k·k))). Errors on zero channels, or a kernel/stride/padding that
    /// [`conv_output_size`] rejects for an image of side `input_side`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        params: &mut Params,
        name: &str,
        in_channels: usize,
        out_channels: usize,
        kernel: usize,
        stride: usize,
        padding: usize,
        input_side: usize,
        init: Init,
        rng: &mut Rng,
    ) -> Result<Conv2d, ParamError> {
        if in_channels == 0 || out_channels == 0 {
            return Err(ParamError::at_least("channels", 1.0, 0.0));
        }
        conv_output_size(input_side, kernel, stride, padding)?;
        let weight = params.add(&format!("{name}.weight"), [out_channels, in_channels, kernel, kernel], init, rng)?;
        let fan_in = in_channels * kernel * kernel;
        let bias = params.add_with_fan_in(&format!("{name}.bias"), [out_channels], Init::TorchLinear, fan_in, rng)?;
        Ok(Conv2d { weight, bias, in_channels, out_channels, kernel, stride, padding })
    }

    /// The output side for an input side (`⌊(H + 2p − k)/s⌋ + 1`).
    pub fn output_side(&self, input_side: usize) -> Result<usize, ParamError> {
        conv_output_size(input_side, self.kernel, self.stride, self.padding)
    }

    /// The convolution of `x` (`[n, in, h, w]`).
    pub fn forward(&self, tape: &mut Tape, params: &Params, x: Var) -> Var {
        let w = tape.param(params, self.weight);
        let b = tape.param(params, self.bias);
        tape.conv2d(x, w, Some(b), self.stride, self.padding)
    }
}
