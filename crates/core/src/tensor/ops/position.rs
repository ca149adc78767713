//! # Sinusoidal position and time embeddings (Vaswani et al. 2017)
//!
//! Attention by itself ignores order; adding a position code to each token restores it. The
//! fixed sinusoidal code of position `pos` in `d` dimensions is
//!
//! ```text
//! PE[pos, 2i]     = sin(pos / 10000^(2i/d))
//! PE[pos, 2i + 1] = cos(pos / 10000^(2i/d))
//! ```
//!
//! — a sine and a cosine per frequency, the frequencies geometric from 1 down to 1/10000, so
//! nearby positions have similar codes and a fixed offset is a rotation (a linear map) of the
//! code. Diffusion models use the same code for the (real-valued) time step `t`.
//!
//! These are plain buffers, not tape operations: they have no parameters, and a lab adds them
//! with [`Tape::input`](crate::tensor::tape::Tape::input) + [`Tape::add`](crate::tensor::tape::Tape::add).
//! Computed in f64 with the crate's own `exp`/`sin`/`cos` ([`crate::tensor::math`]) and rounded
//! once to f32: the same bits on every platform.

use crate::tensor::math::{exp64, sin_cos64};

/// `ln 10000`.
const LN_10000: f64 = 9.210_340_371_976_184;

/// Writes the code of position (or time) `pos` into `out` (its length is `d`).
pub fn sinusoidal_at(pos: f64, out: &mut [f32]) {
    let d = out.len() as f64;
    for (j, o) in out.iter_mut().enumerate() {
        let i2 = (j - j % 2) as f64;
        let angle = pos * exp64(-LN_10000 * i2 / d);
        let (s, c) = sin_cos64(angle);
        *o = if j % 2 == 0 { s } else { c } as f32;
    }
}

/// Writes the codes of positions `0, 1, 2, …` into `out`, one row of `d` values each
/// (`out.len() / d` rows; a trailing partial row is left as it is; `d = 0` writes nothing).
pub fn sinusoidal_positions(d: usize, out: &mut [f32]) {
    if d == 0 {
        return;
    }
    for (pos, row) in out.chunks_exact_mut(d).enumerate() {
        sinusoidal_at(pos as f64, row);
    }
}
