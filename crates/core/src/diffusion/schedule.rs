//! # The forward process: dissolving data into noise
//!
//! A diffusion model is taught by destroying data step by step and learning to undo each step.
//! The forward process adds a little Gaussian noise at every step `t = 1 … T`,
//!
//! ```text
//! q(x_t | x_{t−1}) = N(√(1 − β_t)·x_{t−1}, β_t·I)
//! ```
//!
//! and the steps compose in closed form: with `α_t = 1 − β_t` and `ᾱ_t = α_1·α_2·…·α_t`,
//!
//! ```text
//! x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε,   ε ~ N(0, I)
//! ```
//!
//! so a training example at any `t` costs one draw. `ᾱ_t` falls from ≈ 1 (the data) to ≈ 0
//! (pure noise). Two schedules of `β`:
//!
//! - **linear** (Ho et al., 2020): `β_t` evenly from `10⁻⁴` to `0.02` over 1,000 steps; with
//!   fewer steps both ends are scaled by `1000/T` (Nichol & Dhariwal's rule), so `ᾱ_T` still
//!   reaches ≈ 0;
//! - **cosine** (Nichol & Dhariwal, 2021): `ᾱ_t = f(t)/f(0)`, `f(t) = cos²(π/2 · (t/T + s)/(1 + s))`
//!   with `s = 0.008`, `β_t = 1 − ᾱ_t/ᾱ_{t−1}` clipped at 0.999 — the noise comes in more
//!   evenly, and the data is not destroyed in the first tenth of the steps.
//!
//! The reverse step's variance `σ_t² = β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t)` (the posterior's) is
//! here too. Everything is in `f64` with `cos` from [`crate::tensor::math`] (IEEE operations
//! only), so the same schedule comes out natively and in WebAssembly.

use crate::error::ParamError;
use crate::shared::slug_enum;
use crate::tensor::math::sin_cos64;

/// Fewest and most steps a schedule may have.
pub const MIN_STEPS: usize = 10;
pub const MAX_STEPS: usize = 1000;
/// The cosine schedule's offset `s`, and the cap on every `β_t`.
const COSINE_OFFSET: f64 = 0.008;
const MAX_BETA: f64 = 0.999;

slug_enum! {
    /// How `β_t` grows over the steps.
    pub enum ScheduleKind {
        Linear => "linear",
        Cosine => "cosine",
    }
}

/// `β_t`, `α_t` and `ᾱ_t` for `t = 1 … T` (stored at index `t − 1`).
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub kind: ScheduleKind,
    betas: Vec<f64>,
    alpha_bars: Vec<f64>,
}

impl Schedule {
    /// Errors: `"timesteps"` outside 10–1,000.
    pub fn new(kind: ScheduleKind, steps: usize) -> Result<Schedule, ParamError> {
        ParamError::check_range("timesteps", MIN_STEPS as f64, MAX_STEPS as f64, steps as f64)?;
        let betas: Vec<f64> = match kind {
            ScheduleKind::Linear => {
                let scale = 1000.0 / steps as f64;
                let (lo, hi) = (1e-4 * scale, 0.02 * scale);
                (0..steps).map(|i| (lo + (hi - lo) * i as f64 / (steps - 1) as f64).min(MAX_BETA)).collect()
            }
            ScheduleKind::Cosine => {
                let f = |t: f64| {
                    let (_, c) = sin_cos64(std::f64::consts::FRAC_PI_2 * (t / steps as f64 + COSINE_OFFSET) / (1.0 + COSINE_OFFSET));
                    c * c
                };
                let f0 = f(0.0);
                (1..=steps).map(|t| (1.0 - (f(t as f64) / f0) / (f((t - 1) as f64) / f0)).clamp(0.0, MAX_BETA)).collect()
            }
        };
        let mut alpha_bars = Vec::with_capacity(steps);
        let mut product = 1.0;
        for b in &betas {
            product *= 1.0 - b;
            alpha_bars.push(product);
        }
        Ok(Schedule { kind, betas, alpha_bars })
    }

    /// `T`.
    pub fn steps(&self) -> usize {
        self.betas.len()
    }

    /// `β_t` for `t` in `1..=T`.
    pub fn beta(&self, t: usize) -> f64 {
        self.betas[t.clamp(1, self.steps()) - 1]
    }

    /// `α_t = 1 − β_t`.
    pub fn alpha(&self, t: usize) -> f64 {
        1.0 - self.beta(t)
    }

    /// `ᾱ_t`, with `ᾱ_0 = 1` (the data itself).
    pub fn alpha_bar(&self, t: usize) -> f64 {
        if t == 0 { 1.0 } else { self.alpha_bars[t.min(self.steps()) - 1] }
    }

    /// The posterior's variance `β̃_t = β_t·(1 − ᾱ_{t−1})/(1 − ᾱ_t)` (0 at `t = 1`, and at
    /// `t = 0`, where there is nothing left to undo).
    pub fn posterior_variance(&self, t: usize) -> f64 {
        if t == 0 {
            return 0.0;
        }
        self.beta(t) * (1.0 - self.alpha_bar(t - 1)) / (1.0 - self.alpha_bar(t)).max(1e-20)
    }

    /// `x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε`, point by point (`x0` and `eps` flat, same length).
    pub fn noised(&self, x0: &[f32], t: usize, eps: &[f32], out: &mut Vec<f32>) {
        let ab = self.alpha_bar(t);
        let (a, b) = (ab.sqrt() as f32, (1.0 - ab).sqrt() as f32);
        out.clear();
        out.extend(x0.iter().zip(eps).map(|(&x, &e)| a * x + b * e));
    }
}

/// The forward process as a picture for every `t`: one fixed noise draw `ε` per point (from
/// `seed`), so that moving `t` morphs the same cloud smoothly from the data (`t = 0`) into noise
/// (`t = T`) instead of redrawing it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dissolve {
    x0: Vec<f32>,
    eps: Vec<f32>,
}

impl Dissolve {
    pub fn new(x0: &[f32], seed: u64) -> Dissolve {
        let mut rng = crate::rng::Rng::stream(seed, 5);
        Dissolve { x0: x0.to_vec(), eps: (0..x0.len()).map(|_| rng.normal()).collect() }
    }

    /// The cloud at step `t` of `schedule`.
    pub fn at(&self, schedule: &Schedule, t: usize, out: &mut Vec<f32>) {
        schedule.noised(&self.x0, t, &self.eps, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// t = 0 is the data itself; t = T is the noise draw (to within √ᾱ_T); in between, every
    /// point lies on the segment's path x_t = a·x_0 + b·ε with a² + b² = 1 (a = √ᾱ_t).
    #[test]
    fn the_dissolve_morphs_one_cloud() {
        let s = Schedule::new(ScheduleKind::Cosine, 100).unwrap();
        let x0: Vec<f32> = (0..200).map(|i| (i as f32 * 0.37).sin() * 2.0).collect();
        let d = Dissolve::new(&x0, 4);
        let mut out = Vec::new();
        d.at(&s, 0, &mut out);
        assert_eq!(out, x0);
        d.at(&s, 100, &mut out);
        assert!(out.iter().zip(&d.eps).all(|(a, b)| (a - b).abs() < 1e-3));
        d.at(&s, 50, &mut out);
        let (a, b) = (s.alpha_bar(50).sqrt() as f32, (1.0 - s.alpha_bar(50)).sqrt() as f32);
        assert!(out.iter().zip(x0.iter().zip(&d.eps)).all(|(o, (x, e))| (o - (a * x + b * e)).abs() < 1e-6));
        assert_eq!(d, Dissolve::new(&x0, 4));
    }

    /// The linear schedule at T = 1000 is Ho et al.'s: β₁ = 10⁻⁴, β₁₀₀₀ = 0.02, evenly spaced
    /// (β₅₀₀ = 10⁻⁴ + 0.0199·499/999); ᾱ_T = Π(1 − β_t) ≈ exp(−Σβ) = exp(−10.05) ≈ 4·10⁻⁵.
    /// At T = 100 the ends are ×10: β from 10⁻³ to 0.2, and ᾱ_T is as small.
    #[test]
    fn the_linear_schedule_by_hand() {
        let s = Schedule::new(ScheduleKind::Linear, 1000).unwrap();
        assert!((s.beta(1) - 1e-4).abs() < 1e-15 && (s.beta(1000) - 0.02).abs() < 1e-15);
        assert!((s.beta(500) - (1e-4 + 0.0199 * 499.0 / 999.0)).abs() < 1e-15);
        let sum: f64 = (1..=1000).map(|t| s.beta(t)).sum();
        assert!((sum - 10.05).abs() < 1e-9, "Σβ = (10⁻⁴ + 0.02)/2 · 1000 = 10.05");
        assert!(s.alpha_bar(1000) < (-10.05f64).exp() && s.alpha_bar(1000) > 3e-5, "{}", s.alpha_bar(1000));
        let short = Schedule::new(ScheduleKind::Linear, 100).unwrap();
        assert!((short.beta(1) - 1e-3).abs() < 1e-15 && (short.beta(100) - 0.2).abs() < 1e-12);
        assert!(short.alpha_bar(100) < 1e-4);
        assert_eq!(Schedule::new(ScheduleKind::Linear, 5).unwrap_err().field, "timesteps");
    }

    /// The cosine schedule: ᾱ_t = f(t)/f(0) exactly (f as in the docs), ᾱ_{T/2} near ½ (the
    /// offset moves it a little below), β capped at 0.999 at the very end.
    #[test]
    fn the_cosine_schedule_follows_its_formula() {
        let s = Schedule::new(ScheduleKind::Cosine, 200).unwrap();
        let f = |t: f64| ((t / 200.0 + 0.008) / 1.008 * std::f64::consts::FRAC_PI_2).cos().powi(2);
        for t in [1, 50, 100, 150, 199] {
            assert!((s.alpha_bar(t) - f(t as f64) / f(0.0)).abs() < 1e-9, "t = {t}");
        }
        assert!((s.alpha_bar(100) - 0.4938).abs() < 1e-3, "{}", s.alpha_bar(100));
        assert!(s.beta(200) <= 0.999 && s.alpha_bar(200) < 1e-3);
        assert!((1..200).all(|t| s.alpha_bar(t + 1) < s.alpha_bar(t)), "noise only ever grows");
        assert_eq!(s.posterior_variance(1), 0.0);
    }
}
