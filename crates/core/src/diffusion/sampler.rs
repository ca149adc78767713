//! # The reverse process: from noise back to the shape
//!
//! Sampling starts from pure noise `x_T ~ N(0, I)` and walks back one step at a time with the
//! trained `ε_θ`:
//!
//! ```text
//! DDPM (Ho et al.):  x_{t−1} = (x_t − β_t/√(1 − ᾱ_t)·ε_θ(x_t, t)) / √α_t + σ_t·z,   z ~ N(0, I), σ_t² = β̃_t
//! DDIM (Song et al., η = 0), from t to an earlier s:
//!                    x̂_0 = (x_t − √(1 − ᾱ_t)·ε_θ) / √ᾱ_t,   x_s = √ᾱ_s·x̂_0 + √(1 − ᾱ_s)·ε_θ
//! ```
//!
//! DDPM takes all `T` steps and adds fresh noise each time; DDIM (its `x̂_0` kept in `[−4, 4]²`)
//! is deterministic and may skip:
//! 10 evenly spaced steps instead of 100 give nearly the same picture. With a class-conditional
//! model, **classifier-free guidance** mixes the two predictions,
//! `ε̃ = (1 + w)·ε_θ(x, t, c) − w·ε_θ(x, t, ∅)`: `w = 0` is the plain conditional model, larger
//! `w` pushes the points harder toward their class (tighter, less varied).
//!
//! The direction each point is pushed, `−ε_θ(x, t)/√(1 − ᾱ_t)`, is the **score** `∇ log p_t(x)`
//! (Vincent's identity): the page draws it as an arrow field that changes with `t`.

use super::denoiser::Denoiser;
use super::schedule::Schedule;
use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::Tape;

slug_enum! {
    /// Which sampler.
    pub enum Method {
        Ddpm => "ddpm",
        Ddim => "ddim",
    }
}

/// Most points a sampling run may move.
pub const MAX_SAMPLES: usize = 20_000;
/// The box `[−4, 4]²` the estimate `x̂_0` is kept in (every target lies within ±2.6).
pub const X0_LIMIT: f64 = 4.0;
/// DDIM's first step is the last with `ᾱ_t` at least this.
pub const DDIM_MIN_ALPHA_BAR: f64 = 1e-3;
/// Largest guidance weight.
pub const MAX_GUIDANCE: f32 = 10.0;

/// A sampling run, one reverse step at a time (for the page to animate).
#[derive(Debug, Clone)]
pub struct Sampling {
    pub method: Method,
    /// The points now (flat pairs).
    pub points: Vec<f32>,
    /// The steps to visit, from `T` down (DDIM: evenly spaced, `T` first).
    steps: Vec<usize>,
    /// How many of `steps` were taken.
    taken: usize,
    /// The class asked for (a conditional model), and the guidance weight `w`.
    pub class: Option<u32>,
    pub guidance: f32,
    rng: Rng,
}

impl Sampling {
    /// `n` points of pure noise. DDIM visits `ddim_steps` steps of the schedule's `T` (DDPM all).
    /// Errors: `"samples"` (1–20,000), `"ddim_steps"` (1–T), `"guidance"` (0–10).
    pub fn new(n: usize, method: Method, schedule: &Schedule, ddim_steps: usize, class: Option<u32>, guidance: f32, seed: u64) -> Result<Sampling, ParamError> {
        ParamError::check_range("samples", 1.0, MAX_SAMPLES as f64, n as f64)?;
        ParamError::check_range("guidance", 0.0, f64::from(MAX_GUIDANCE), f64::from(guidance))?;
        let t_max = schedule.steps();
        let steps: Vec<usize> = match method {
            Method::Ddpm => (1..=t_max).rev().collect(),
            Method::Ddim => {
                ParamError::check_range("ddim_steps", 1.0, t_max as f64, ddim_steps as f64)?;
                // DDIM divides by √ᾱ_t: where ᾱ_t is all but 0 (the cosine schedule's last,
                // clipped step: ᾱ_T ≈ 2·10⁻⁷) the network's error would come out ×1,000. It
                // starts at the last step with ᾱ ≥ 10⁻³ instead — noise there is pure noise to
                // within √ᾱ ≤ 3 % — then t_k = round(t_top·k/S) for k = S … 1, evenly spaced.
                let top = (1..=t_max).rev().find(|&t| schedule.alpha_bar(t) >= DDIM_MIN_ALPHA_BAR).unwrap_or(1);
                let mut v: Vec<usize> = (1..=ddim_steps.min(top)).rev().map(|k| ((top * k) as f64 / ddim_steps.min(top) as f64).round().max(1.0) as usize).collect();
                v.dedup();
                v
            }
        };
        let mut rng = Rng::stream(seed, 4);
        let points = (0..2 * n).map(|_| rng.normal()).collect();
        Ok(Sampling { method, points, steps, taken: 0, class, guidance, rng })
    }

    /// The step the points are at now (`T` at the start, 0 at the end).
    pub fn t(&self) -> usize {
        self.steps.get(self.taken).copied().unwrap_or(0)
    }

    /// Reverse steps in all, and taken.
    pub fn total(&self) -> usize {
        self.steps.len()
    }

    pub fn taken(&self) -> usize {
        self.taken
    }

    pub fn done(&self) -> bool {
        self.taken >= self.steps.len()
    }

    /// One reverse step for every point.
    pub fn step(&mut self, model: &mut Denoiser, tape: &mut Tape, schedule: &Schedule) {
        let Some(&t) = self.steps.get(self.taken) else { return };
        let eps = guided(model, tape, &self.points, t, self.class, self.guidance);
        let ab = schedule.alpha_bar(t);
        match self.method {
            Method::Ddpm => {
                let (beta, alpha) = (schedule.beta(t), schedule.alpha(t));
                let k = beta / (1.0 - ab).sqrt();
                let inv = 1.0 / alpha.sqrt();
                let sigma = schedule.posterior_variance(t).sqrt();
                for (x, e) in self.points.iter_mut().zip(&eps) {
                    let mean = inv * (f64::from(*x) - k * f64::from(*e));
                    let noise = if t > 1 { sigma * f64::from(self.rng.normal()) } else { 0.0 };
                    *x = (mean + noise) as f32;
                }
            }
            Method::Ddim => {
                let s = self.steps.get(self.taken + 1).copied().unwrap_or(0);
                let ab_s = schedule.alpha_bar(s);
                let (sa, sb) = (ab.sqrt(), (1.0 - ab).sqrt());
                for (x, e) in self.points.iter_mut().zip(&eps) {
                    // At t = T, ᾱ is nearly 0 and dividing by √ᾱ magnifies the network's error
                    // a hundredfold: x̂_0 is kept in the box the data lives in, as DDPM's
                    // reference code clips its images ("clip_denoised").
                    let x0 = ((f64::from(*x) - sb * f64::from(*e)) / sa).clamp(-X0_LIMIT, X0_LIMIT);
                    *x = (ab_s.sqrt() * x0 + (1.0 - ab_s).sqrt() * f64::from(*e)) as f32;
                }
            }
        }
        self.taken += 1;
    }

    /// Runs to the end.
    pub fn finish(&mut self, model: &mut Denoiser, tape: &mut Tape, schedule: &Schedule) {
        while !self.done() {
            self.step(model, tape, schedule);
        }
    }
}

/// `ε̃ = (1 + w)·ε_θ(x, t, c) − w·ε_θ(x, t, ∅)` (just `ε_θ(x, t, c)` when `w = 0` or there is
/// no class).
pub fn guided(model: &mut Denoiser, tape: &mut Tape, x: &[f32], t: usize, class: Option<u32>, w: f32) -> Vec<f32> {
    let conditional = model.predict(tape, x, t, class);
    if w == 0.0 || class.is_none() || !model.is_conditional() {
        return conditional;
    }
    let unconditional = model.predict(tape, x, t, None);
    conditional.iter().zip(&unconditional).map(|(c, u)| (1.0 + w) * c - w * u).collect()
}

/// The score on an `n × n` grid over `[lo, hi]²` at step `t`: rows of `(x, y, sx, sy)`, row by
/// row from the bottom left — the arrow field the page draws. `n` is kept within 2–64.
#[allow(clippy::too_many_arguments)]
pub fn score_field(model: &mut Denoiser, tape: &mut Tape, schedule: &Schedule, t: usize, class: Option<u32>, w: f32, (lo, hi): (f32, f32), n: usize) -> Vec<[f32; 4]> {
    let n = n.clamp(2, 64);
    let step = (hi - lo) / (n - 1) as f32;
    let grid: Vec<f32> = (0..n * n).flat_map(|k| [lo + (k % n) as f32 * step, lo + (k / n) as f32 * step]).collect();
    let s = score(model, tape, schedule, &grid, t, class, w);
    grid.chunks_exact(2).zip(s.chunks_exact(2)).map(|(p, v)| [p[0], p[1], v[0], v[1]]).collect()
}

/// The score `−ε_θ(x, t)/√(1 − ᾱ_t)` at each point: where the model pushes it.
pub fn score(model: &mut Denoiser, tape: &mut Tape, schedule: &Schedule, x: &[f32], t: usize, class: Option<u32>, w: f32) -> Vec<f32> {
    let s = (1.0 - schedule.alpha_bar(t)).sqrt().max(1e-6) as f32;
    guided(model, tape, x, t, class, w).into_iter().map(|e| -e / s).collect()
}
