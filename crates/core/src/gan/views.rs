//! # What the page draws, every frame
//!
//! All views are deterministic functions of the current parameters (no random draw: the codes
//! are the fixed [`VIEW_POINTS`] drawn at construction) and run on their own tape, so calling
//! them never changes training. Each costs one forward pass (the arrows one backward too) over
//! a few hundred points or a 32 × 32 grid: well under a millisecond natively.
//!
//! | view | what |
//! |---|---|
//! | [`discriminator_field`](GanTrainer::discriminator_field) | `D(x)` on an `n × n` grid of cell centres: GAN Lab's heatmap |
//! | [`generated`](GanTrainer::generated) | `G(z_i)` for the first `n` fixed codes |
//! | [`generator_gradients`](GanTrainer::generator_gradients) | `−∂ℓ/∂x` at each `x = G(z_i)`: where the generator loss pushes each point |
//! | [`manifold`](GanTrainer::manifold) | the image under `G` of the latent grid's lines (latent of 1 or 2 dimensions) |
//! | [`energy_distance`](GanTrainer::energy_distance) | how far the generated cloud is from the data |
//!
//! A diverged run's last good parameters can be huge enough that `D` or `G` overflows on some
//! inputs; the views never hand such a value on: a probability that is not finite is shown as
//! ½ ("cannot tell"), a generated coordinate is kept within ±[`VIEW_LIMIT`] (NaN as 0), an
//! arrow that is not finite as no arrow (0, 0). Always finite, and only ever in a run that
//! [`GanTrainer::diverged`] already reports.
//!
//! The arrows use the per-point loss `ℓ(x) = −log D(x)` (non-saturating) or `log(1 − D(x))`
//! (minimax), not the batch mean, so their length does not depend on how many are drawn:
//!
//! ```text
//! −∂ℓ/∂x = (1 − D(x))·∇ₓlogit(x)     non-saturating
//! −∂ℓ/∂x =       D(x) ·∇ₓlogit(x)     minimax: ≈ 0 where D is sure the point is fake
//! ```

use super::trainer::{point_gradients, GanTrainer, VIEW_POINTS};
use crate::diffusion::quality::energy_distance;
use crate::error::ParamError;
use crate::shared::cell_centre;

/// Most cells per side of [`GanTrainer::discriminator_field`].
pub const MAX_FIELD: usize = 256;
/// Most lines per direction, and points per line, of [`GanTrainer::manifold`].
pub const MAX_MANIFOLD_LINES: usize = 64;
pub const MAX_MANIFOLD_POINTS: usize = 256;
/// Generated coordinates are shown within ±this (only a diverged run comes near it).
pub const VIEW_LIMIT: f32 = 1e3;

/// A coordinate the page can draw (see the module docs).
fn drawable(v: f32) -> f32 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-VIEW_LIMIT, VIEW_LIMIT)
    }
}

impl GanTrainer {
    /// `D(x)` over the square `[lo, hi]²` cut into `n × n` cells (`n` clamped to 1–256), at the
    /// cell centres: row-major, row 0 at the top (`y` near `hi`), column 0 at `x` near `lo`.
    /// Errors: `"interval"` when the ends are not finite or `lo ≥ hi`.
    pub fn discriminator_field(&mut self, lo: f32, hi: f32, n: usize) -> Result<Vec<f32>, ParamError> {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(ParamError::empty_interval("interval", lo.into(), hi.into()));
        }
        let n = n.clamp(1, MAX_FIELD);
        let grid: Vec<f32> = (0..n * n).flat_map(|k| [cell_centre(lo, hi, n, k % n), cell_centre(hi, lo, n, k / n)]).collect();
        let tape = &mut self.tape_view;
        tape.reset();
        let x = tape.input([n * n, 2], &grid);
        let logits = self.discriminator.forward(tape, x);
        let field = tape.value(logits).iter().map(|&l| if l.is_nan() { 0.5 } else { super::nets::sigmoid(l) }).collect();
        tape.reset();
        Ok(field)
    }

    /// `G(z_i)` for the first `n` fixed codes (`n` clamped to `VIEW_POINTS`), flat pairs (kept
    /// within ±[`VIEW_LIMIT`]).
    pub fn generated(&mut self, n: usize) -> Vec<f32> {
        let n = n.min(VIEW_POINTS);
        let d = self.settings.latent;
        let codes = std::mem::take(&mut self.view_latent);
        let points = self.map_codes(&codes[..n * d], n);
        self.view_latent = codes;
        points
    }

    /// `G` of `n` codes (flat, `latent` a row) on the view tape.
    fn map_codes(&mut self, codes: &[f32], n: usize) -> Vec<f32> {
        if n == 0 {
            return Vec::new();
        }
        let tape = &mut self.tape_view;
        tape.reset();
        let z = tape.input([n, self.settings.latent], codes);
        let x = self.generator.forward(tape, z);
        let points = tape.value(x).iter().map(|&v| drawable(v)).collect();
        tape.reset();
        points
    }

    /// `−∂ℓ/∂x` (module docs) at `x = G(z_i)` for the first `n` fixed codes: flat pairs, one
    /// arrow per point of [`generated`](Self::generated). Zeros if a value is not finite (a
    /// diverged run's view; never NaN).
    pub fn generator_gradients(&mut self, n: usize) -> Vec<f32> {
        let points = self.generated(n);
        let n = points.len() / 2;
        if n == 0 {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(2 * n);
        let loss = self.settings.generator_loss;
        let ok = point_gradients(&mut self.tape_view, &mut self.discriminator, &points, loss, &mut self.zeros, &mut self.targets, &mut out);
        self.tape_view.reset();
        if ok.is_err() {
            return vec![0.0; 2 * n];
        }
        // The batch loss is a mean: ×n gives each point's own loss gradient; negated, the push.
        let scale = -(n as f32);
        out.iter_mut().for_each(|g| *g *= scale);
        out
    }

    /// The generator's image of the latent grid, as polylines (flat pairs each): for a latent of
    /// one dimension, one line through `points_per_line` codes evenly spaced over
    /// `[−e, e]` ([`super::nets::Noise::grid_extent`]); for two, `lines` lines of constant
    /// `z₂` (each across `z₁`), then `lines` of constant `z₁`; for more, none (the warped grid is
    /// a picture of a 1- or 2-D latent space). `lines` is clamped to 2–64, `points_per_line` to 2–256.
    pub fn manifold(&mut self, lines: usize, points_per_line: usize) -> Vec<Vec<f32>> {
        let (lines, m) = (lines.clamp(2, MAX_MANIFOLD_LINES), points_per_line.clamp(2, MAX_MANIFOLD_POINTS));
        let e = self.settings.noise.grid_extent();
        let at = |i: usize, count: usize| -e + 2.0 * e * i as f32 / (count - 1) as f32;
        match self.settings.latent {
            1 => {
                let codes: Vec<f32> = (0..m).map(|i| at(i, m)).collect();
                vec![self.map_codes(&codes, m)]
            }
            2 => {
                let mut out = Vec::with_capacity(2 * lines);
                for across in [0usize, 1] {
                    for j in 0..lines {
                        let fixed = at(j, lines);
                        let codes: Vec<f32> = (0..m).flat_map(|i| if across == 0 { [at(i, m), fixed] } else { [fixed, at(i, m)] }).collect();
                        out.push(self.map_codes(&codes, m));
                    }
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// The energy distance ([`crate::diffusion::quality`]) between the first `n` generated view
    /// points and the first `n` data points (`n` clamped to both counts; the data of the
    /// targets is in random order).
    pub fn energy_distance(&mut self, n: usize) -> f64 {
        let n = n.min(VIEW_POINTS).min(self.data().len());
        let generated = self.generated(n);
        energy_distance(&generated, &self.data().points[..2 * n])
    }
}
