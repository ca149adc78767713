//! # How close are two clouds? The energy distance
//!
//! To say how well generated points match the target, compare the two samples with the
//! **energy distance** (Székely & Rizzo):
//!
//! ```text
//! D²(X, Y) = 2·E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖
//! ```
//!
//! It is 0 exactly when the two distributions are equal, and grows as they differ — in place,
//! in spread or in shape. In a sentence: "how much farther apart a generated point and a real
//! one are, on average, than two real points or two generated ones". Computed here on every
//! pair (`O(n·m)`), with the within-sample means over distinct pairs.
//!
//! The energy distance sees where the mass is, but at a few hundred points its noise (±0.01)
//! hides fine detail: a blurred spiral and a sharp one score alike. So the page leads with two
//! shares anyone can check by eye ([`share_near`]): how many samples land **on the shape**
//! (within 0.1 of a real point) and how much of the shape they **cover**.

use super::denoiser::DiffusionTrainer;
use super::sampler::{Method, Sampling};
use crate::error::ParamError;

/// Mean distance between the points of `a` and `b` (flat pairs); `same` leaves out a point's
/// distance to itself.
fn mean_distance(a: &[f32], b: &[f32], same: bool) -> f64 {
    let (n, m) = (a.len() / 2, b.len() / 2);
    let mut total = 0.0f64;
    for i in 0..n {
        let (x, y) = (a[2 * i], a[2 * i + 1]);
        let mut row = 0.0f32;
        for j in 0..m {
            let (dx, dy) = (x - b[2 * j], y - b[2 * j + 1]);
            row += (dx * dx + dy * dy).sqrt();
        }
        total += f64::from(row);
    }
    let pairs = if same { n * n.saturating_sub(1) } else { n * m };
    if pairs == 0 { 0.0 } else { total / pairs as f64 }
}

/// The energy distance `D²` between two clouds of flat 2-D points (0 for an empty one).
pub fn energy_distance(a: &[f32], b: &[f32]) -> f64 {
    if a.len() < 4 || b.len() < 4 {
        return 0.0;
    }
    (2.0 * mean_distance(a, b, false) - mean_distance(a, a, true) - mean_distance(b, b, true)).max(0.0)
}

/// How far from a real point a generated one may land and still be "on the shape" (the
/// targets are about unit scale, their points jittered by 0.03–0.1).
pub const NEAR: f32 = 0.1;

/// The share of `a`'s points that have a point of `b` within `radius`. With `a` the generated
/// points and `b` the real ones it says how many samples land **on the shape** (precision); the
/// other way round, how much of the shape the samples **cover** (recall). Mode collapse scores
/// well on the first and badly on the second; a blur, badly on the first.
pub fn share_near(a: &[f32], b: &[f32], radius: f32) -> f64 {
    let n = a.len() / 2;
    if n == 0 {
        return 0.0;
    }
    let r2 = radius * radius;
    let near = a.chunks_exact(2).filter(|p| b.chunks_exact(2).any(|q| (p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) <= r2)).count();
    near as f64 / n as f64
}

/// Points a probe generates, DDIM steps it takes, and the seed of its fixed noise.
pub const PROBE_SAMPLES: usize = 500;
pub const PROBE_STEPS: usize = 20;
const PROBE_SEED: u64 = 0x5eed;

/// What a probe measures of a set of generated points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quality {
    /// Share of the samples within [`NEAR`] of a real point.
    pub on_shape: f64,
    /// Share of the real points within [`NEAR`] of a sample.
    pub covered: f64,
    /// The energy distance to the real points.
    pub energy: f64,
}

impl Quality {
    pub fn of(generated: &[f32], real: &[f32]) -> Quality {
        Quality { on_shape: share_near(generated, real, NEAR), covered: share_near(real, generated, NEAR), energy: energy_distance(generated, real) }
    }
}

/// The running measure of a training run's quality: every so often, generate [`PROBE_SAMPLES`]
/// points with DDIM in [`PROBE_STEPS`] steps **from the same noise each time** (so the curve
/// moves with the model, not with the draw) and compare them with a fixed set of real points.
///
/// A real sample of the same size, drawn independently, is not perfect either (a few of its
/// points fall in gaps, a few real points have no neighbour in it): [`best`](Probe::best) is its
/// score, the line the page draws above the curve — what a perfect model would show.
#[derive(Debug, Clone)]
pub struct Probe {
    reference: Vec<f32>,
    pub best: Quality,
}

impl Probe {
    /// `reference`: real points the samples are compared with; `second`: an independent draw of
    /// [`PROBE_SAMPLES`] points of the same target. Errors: `"points"` when either has fewer
    /// than 2 points.
    pub fn new(reference: Vec<f32>, second: &[f32]) -> Result<Probe, ParamError> {
        if reference.len() < 4 || second.len() < 4 {
            return Err(ParamError::too_few("points", 2, reference.len().min(second.len()) / 2));
        }
        let best = Quality::of(second, &reference);
        Ok(Probe { reference, best })
    }

    /// Generates with the trainer's model as it is now; the points and their quality.
    pub fn measure(&self, trainer: &mut DiffusionTrainer) -> (Vec<f32>, Quality) {
        let steps = PROBE_STEPS.min(trainer.schedule.steps());
        let Ok(mut sampling) = Sampling::new(PROBE_SAMPLES, Method::Ddim, &trainer.schedule, steps, None, 0.0, PROBE_SEED) else {
            return (Vec::new(), Quality { on_shape: 0.0, covered: 0.0, energy: f64::NAN });
        };
        while !sampling.done() {
            trainer.sample_step(&mut sampling);
        }
        let q = Quality::of(&sampling.points, &self.reference);
        (sampling.points, q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two points against two points, by hand: X = {(0,0), (2,0)}, Y = {(0,1), (2,1)}.
    /// E‖X − Y‖ = (1 + √5 + √5 + 1)/4 = (1 + √5)/2 ≈ 1.618; over distinct pairs
    /// E‖X − X′‖ = E‖Y − Y′‖ = 2; so D² = 3.236 − 4 = −0.764: with so few points the unbiased
    /// estimate can fall below 0, and is reported as 0. A cloud against itself is 0; a copy
    /// shifted by 1 is far.
    #[test]
    fn equal_clouds_are_at_zero_and_a_shift_is_seen() {
        let x = [0.0, 0.0, 2.0, 0.0];
        let y = [0.0, 1.0, 2.0, 1.0];
        assert!((mean_distance(&x, &y, false) - (1.0 + 5f64.sqrt()) / 2.0).abs() < 1e-6);
        assert_eq!(mean_distance(&x, &x, true), 2.0);
        assert_eq!(energy_distance(&x, &y), 0.0, "clipped");
        let grid: Vec<f32> = (0..100).flat_map(|i| [(i % 10) as f32 * 0.2, (i / 10) as f32 * 0.2]).collect();
        let shifted: Vec<f32> = grid.iter().enumerate().map(|(k, v)| if k % 2 == 0 { v + 1.0 } else { *v }).collect();
        assert!(energy_distance(&grid, &shifted) > 0.5);
        assert!(energy_distance(&grid, &grid) < 0.05, "{}", energy_distance(&grid, &grid));
    }
}
