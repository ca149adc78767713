//! # 1-D regression curves: the data of the overfitting lab
//!
//! A learner fits a curve `ŷ = f̂(x)` to noisy samples of a hidden *true function* `f` and
//! watches what happens when the model is too simple (underfitting), about right, or so
//! flexible that it chases the noise (overfitting). Everything lives on the interval
//! `x ∈ [−DOMAIN, DOMAIN] = [−1, 1]`.
//!
//! ## True functions
//!
//! | function | `f(x)` | range on `[−1, 1]` | what it teaches |
//! |---|---|---|---|
//! | `sine` | `sin(πx)` — one full period | `[−1, 1]` | smooth but not a polynomial: the best degree grows with the data |
//! | `cubic` | `4x³ − 3x` (the Chebyshev polynomial `T₃`) | `[−1, 1]` | exactly a cubic: degree 3 is *the* right answer |
//! | `step` | `−1` for `x < 0`, `+1` for `x ≥ 0` | `[−1, 1]` | a jump no polynomial can follow: wiggles (Gibbs) at every degree |
//!
//! ## Sampling
//!
//! Point `i` is drawn from `Rng::stream(seed, DATA)` as
//!
//! ```text
//! xᵢ ~ Uniform[−1, 1)
//! yᵢ = f(xᵢ) + σ·zᵢ,   zᵢ ~ N(0, 1),   σ = noise · (max f − min f) = 2·noise
//! ```
//!
//! so `noise` is the standard deviation of the noise *relative to the function's range*
//! (`noise = 0.1` on a function spanning 2 units gives σ = 0.2). Every point consumes the same
//! draws (one for `x`, two for the normal `z`, drawn even when `noise = 0`), which gives two
//! stability properties the page relies on:
//!
//! * **prefix-stable** — the first `n` points of a set of `n + m` are exactly the set of `n`
//!   points, so the "points" slider adds or removes points at the end;
//! * **noise-stable** — changing `noise` moves every `yᵢ` along its own fixed `zᵢ`: the same
//!   points, just further from the curve; the `xᵢ` never move.
//!
//! Split keys `kᵢ ∈ [0, 1)` come from `Rng::stream(seed, SPLIT)`, exactly as in
//! [`split`](crate::data::split): [`Split::new`](crate::data::split::Split::new) ranks points by key.

use crate::data::dataset::{Dataset, Problem};
use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;
use crate::tensor::math;

/// Half-width of the interval `[−DOMAIN, DOMAIN]` on which every curve is sampled.
pub const DOMAIN: f32 = 1.0;
/// Fewest points a curve data set may have.
pub const MIN_POINTS: usize = 5;
/// Most points a curve data set may have.
pub const MAX_POINTS: usize = 500;
/// Largest noise level (standard deviation relative to the function's range).
pub const MAX_NOISE: f32 = 1.0;

slug_enum! {
    /// The hidden function the samples come from (see the table in the module docs).
    pub enum CurveFunction {
        /// `sin(πx)`.
        Sine => "sine",
        /// `4x³ − 3x`.
        Cubic => "cubic",
        /// `sign(x)` with `f(0) = +1`.
        Step => "step",
    }
}

impl CurveFunction {
    /// `max f − min f` over `[−1, 1]`: the scale the noise level is relative to.
    pub fn range(self) -> f32 {
        // All three span [−1, 1]; kept per function so a new one cannot silently reuse it.
        match self {
            CurveFunction::Sine | CurveFunction::Cubic | CurveFunction::Step => 2.0,
        }
    }
}

/// The noise-free value `f(x)` of a true function (also outside `[−1, 1]`, by the same formula).
#[inline]
pub fn true_value(function: CurveFunction, x: f32) -> f32 {
    match function {
        CurveFunction::Sine => math::sin(std::f32::consts::PI * x),
        CurveFunction::Cubic => x * (4.0 * x * x - 3.0),
        CurveFunction::Step => {
            if x < 0.0 {
                -1.0
            } else {
                1.0
            }
        }
    }
}

/// Everything a curve data set depends on — and nothing else does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurveParams {
    /// The true function.
    pub function: CurveFunction,
    /// Number of points, `5..=500` (URL field `"points"`).
    pub points: usize,
    /// Noise standard deviation relative to the function's range, `0..=1` (URL field `"noise"`).
    pub noise: f32,
    /// Seed; `x` and the noise use `Rng::stream(seed, DATA)`, the keys `Rng::stream(seed, SPLIT)`.
    pub seed: u64,
}

/// A sampled curve: `n` inputs, `n` noisy targets and `n` split keys.
#[derive(Debug, Clone, PartialEq)]
pub struct CurveData {
    /// Inputs in `[−1, 1)`, in generation order (not sorted).
    pub x: Vec<f32>,
    /// Noisy targets `f(x) + σz`.
    pub y: Vec<f32>,
    /// Keys in `[0, 1)` for [`Split::new`](crate::data::split::Split::new).
    pub split_keys: Vec<f32>,
}

impl CurveData {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.x.len()
    }

    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.x.is_empty()
    }

    /// The `(x, y)` values of the points `idx` (e.g. `split.train`), in that order. Indices past
    /// the end are skipped rather than panicking.
    pub fn subset(&self, idx: &[usize]) -> (Vec<f32>, Vec<f32>) {
        let mut xs = Vec::with_capacity(idx.len());
        let mut ys = Vec::with_capacity(idx.len());
        for &i in idx {
            if let (Some(&x), Some(&y)) = (self.x.get(i), self.y.get(i)) {
                xs.push(x);
                ys.push(y);
            }
        }
        (xs, ys)
    }

    /// The curve as a 2-D regression [`Dataset`] so a network can be trained on it with the
    /// [`Trainer`](crate::train::trainer::Trainer): point `i` is `(x₁, x₂) = (xᵢ, 0)`, target `yᵢ`, same
    /// split key. Use the feature `x₁` only. With large noise the targets can leave the
    /// `[−1, 1]` range that drawn regression sets keep; they are not clipped (clipping would
    /// change the noise the lab is about).
    pub fn to_dataset(&self) -> Dataset {
        let mut points = Vec::with_capacity(2 * self.len());
        for &x in &self.x {
            points.push(x);
            points.push(0.0);
        }
        Dataset {
            points,
            targets: self.y.clone(),
            problem: Problem::Regression,
            classes: 0,
            split_keys: self.split_keys.clone(),
        }
    }
}

/// Sample a curve data set (see the module docs for the formulas and stability properties).
///
/// Errors: `points` outside `5..=500` (field `"points"`), `noise` outside `[0, 1]` or NaN
/// (field `"noise"`).
pub fn generate_curve(p: &CurveParams) -> Result<CurveData, ParamError> {
    super::check_points_and_noise(p.points, (MIN_POINTS, MAX_POINTS), "noise", p.noise, MAX_NOISE)?;
    let n = p.points;
    let sigma = p.noise * p.function.range();
    let mut rng = Rng::stream(p.seed, streams::DATA);
    let mut x = Vec::with_capacity(n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        // `uniform` can round up to `hi` for wide ranges; clamp keeps x inside the domain.
        let xi = rng.uniform(-DOMAIN, DOMAIN).clamp(-DOMAIN, DOMAIN);
        // Drawn even when σ = 0, so the noise slider never reshuffles later points.
        let z = rng.normal();
        x.push(xi);
        y.push(true_value(p.function, xi) + sigma * z);
    }
    let mut key_rng = Rng::stream(p.seed, streams::SPLIT);
    let split_keys = (0..n).map(|_| key_rng.next_f32()).collect();
    Ok(CurveData { x, y, split_keys })
}
