//! # Targets: the 2-D point clouds a generative model learns to make
//!
//! Each target is a distribution in the plane, about unit scale (a diffusion model's noise is
//! `N(0, I)`, so the data should live on the same scale), drawn from `Rng::stream(seed, 1)`:
//!
//! | target | recipe |
//! |---|---|
//! | `spiral` | two arms, angle `θ = 3π·√u`, radius `θ/(3π)·2`, arm `k` turned by `kπ`, jitter `0.04·N(0, I)` |
//! | `moons` | two interleaved half circles (scikit-learn's `make_moons`), centred and scaled by 0.9, jitter 0.05 |
//! | `rings` | two concentric circles of radius 0.6 and 1.5, jitter 0.04 |
//! | `gaussians` | eight Gaussians of σ = 0.1 on a circle of radius 1.5 (the GAN literature's test of mode collapse) |
//! | `gaussian` | one Gaussian with mean `(0.5, −0.3)` and covariance `[[0.5, 0.3], [0.3, 0.4]]`, where the ideal denoiser is known in closed form |
//! | `aleph` | the Hebrew letter א drawn as three strokes (the diagonal, the arm above, the leg below), points along them, jitter 0.03 before scaling |
//!
//! A shape the learner draws becomes a target the same way as the letter ([`strokes`]): points
//! spread along the strokes in proportion to their length, jittered, then centred and scaled so
//! that their root-mean-square distance from the centre is 1; each stroke is a class.
//!
//! Every point carries a class — which arm, moon, ring or Gaussian it came from — for the
//! class-conditional model. Sines and cosines go through [`crate::tensor::math`], so native and
//! WebAssembly runs draw the same points.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::math::sin_cos64;

use std::f64::consts::PI;

/// Fewest and most points a target may have.
pub const MIN_POINTS: usize = 16;
pub const MAX_POINTS: usize = 20_000;

slug_enum! {
    /// Which distribution (table in the module docs).
    pub enum Target {
        Spiral => "spiral",
        Moons => "moons",
        Rings => "rings",
        Gaussians => "gaussians",
        Gaussian => "gaussian",
        Aleph => "aleph",
    }
}

/// The letter א as three strokes in a 2 × 2 box: the diagonal from the top left, the arm that
/// rises from it to the upper right, the leg that falls from it to the lower left.
pub const ALEPH: [&[(f64, f64)]; 3] = [
    &[(-0.85, 1.0), (0.85, -1.0)],
    &[(0.2, 0.05), (0.55, 0.45), (0.62, 1.0)],
    &[(-0.2, -0.05), (-0.55, -0.45), (-0.62, -1.0)],
];
/// The jitter of a point off its stroke, before scaling.
pub const STROKE_JITTER: f64 = 0.03;
/// Most strokes a drawn shape may have, and points a stroke.
pub const MAX_STROKES: usize = 16;
pub const MAX_STROKE_POINTS: usize = 2000;

/// `n` points along `strokes` (polylines), each stroke a class: a point picks a place uniformly
/// along the total length, is jittered by `STROKE_JITTER·N(0, I)`, and the cloud is centred and
/// scaled to a root-mean-square radius of 1. Errors: `"points"` (16–20,000), `"strokes"` (none,
/// more than 16, one of more than 2,000 points, a coordinate that is not finite, or no length
/// at all: a single dot).
pub fn strokes(strokes: &[&[(f64, f64)]], n: usize, seed: u64) -> Result<Cloud, ParamError> {
    ParamError::check_range("points", MIN_POINTS as f64, MAX_POINTS as f64, n as f64)?;
    if strokes.is_empty() || strokes.len() > MAX_STROKES || strokes.iter().any(|s| s.len() > MAX_STROKE_POINTS || s.iter().any(|p| !p.0.is_finite() || !p.1.is_finite())) {
        return Err(ParamError::unsupported("strokes"));
    }
    // Every segment with its stroke and its length; a lone point is a stroke of length 0.
    let mut segments: Vec<Segment> = Vec::new();
    for (k, s) in strokes.iter().enumerate() {
        for w in s.windows(2) {
            let len = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
            if len > 0.0 {
                segments.push((k as u32, w[0], w[1], len));
            }
        }
    }
    let total: f64 = segments.iter().map(|s| s.3).sum();
    if segments.is_empty() || total <= 0.0 {
        return Err(ParamError::unsupported("strokes"));
    }
    let mut rng = Rng::stream(seed, 1);
    let mut raw = Vec::with_capacity(2 * n);
    let mut classes = Vec::with_capacity(n);
    for _ in 0..n {
        let mut at = f64::from(rng.next_f32()) * total;
        let mut chosen = segments[segments.len() - 1];
        for s in &segments {
            if at < s.3 {
                chosen = *s;
                break;
            }
            at -= s.3;
        }
        let (k, a, b, len) = chosen;
        let f = (at / len).clamp(0.0, 1.0);
        raw.push(a.0 + (b.0 - a.0) * f + STROKE_JITTER * f64::from(rng.normal()));
        raw.push(a.1 + (b.1 - a.1) * f + STROKE_JITTER * f64::from(rng.normal()));
        classes.push(k);
    }
    let (mx, my) = (raw.iter().step_by(2).sum::<f64>() / n as f64, raw.iter().skip(1).step_by(2).sum::<f64>() / n as f64);
    let rms = (raw.chunks_exact(2).map(|p| (p[0] - mx).powi(2) + (p[1] - my).powi(2)).sum::<f64>() / n as f64).sqrt().max(1e-9);
    let points = raw.chunks_exact(2).flat_map(|p| [((p[0] - mx) / rms) as f32, ((p[1] - my) / rms) as f32]).collect();
    Ok(Cloud { points, classes, class_count: strokes.len() })
}

/// A piece of a drawing: its stroke (the class), its two ends and its length.
type Segment = (u32, (f64, f64), (f64, f64), f64);

/// The single Gaussian's mean and covariance (row-major 2 × 2).
pub const GAUSSIAN_MEAN: [f64; 2] = [0.5, -0.3];
pub const GAUSSIAN_COVARIANCE: [f64; 4] = [0.5, 0.3, 0.3, 0.4];

/// A cloud of points with their classes.
#[derive(Debug, Clone, PartialEq)]
pub struct Cloud {
    /// `x₀, y₀, x₁, y₁, …`
    pub points: Vec<f32>,
    pub classes: Vec<u32>,
    /// How many classes the target has.
    pub class_count: usize,
}

impl Cloud {
    pub fn len(&self) -> usize {
        self.classes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.classes.is_empty()
    }

    /// A cloud from points the learner gives (a drawn shape): one class. Errors: `"points"`
    /// (fewer than 16, an odd count, a value that is not finite).
    pub fn from_points(points: Vec<f32>) -> Result<Cloud, ParamError> {
        if !points.len().is_multiple_of(2) || points.iter().any(|v| !v.is_finite()) {
            return Err(ParamError::unsupported("points"));
        }
        if points.len() / 2 < MIN_POINTS {
            return Err(ParamError::too_few("points", MIN_POINTS, points.len() / 2));
        }
        let n = points.len() / 2;
        Ok(Cloud { points, classes: vec![0; n], class_count: 1 })
    }
}

impl Target {
    /// How many classes the target's points fall into.
    pub fn class_count(self) -> usize {
        match self {
            Target::Spiral | Target::Moons | Target::Rings => 2,
            Target::Gaussians => 8,
            Target::Gaussian => 1,
            Target::Aleph => ALEPH.len(),
        }
    }

    /// `n` points (16–20,000). Errors: `"points"`.
    pub fn sample(self, n: usize, seed: u64) -> Result<Cloud, ParamError> {
        ParamError::check_range("points", MIN_POINTS as f64, MAX_POINTS as f64, n as f64)?;
        if self == Target::Aleph {
            return strokes(&ALEPH, n, seed);
        }
        let mut rng = Rng::stream(seed, 1);
        let mut points = Vec::with_capacity(2 * n);
        let mut classes = Vec::with_capacity(n);
        let k = self.class_count();
        for i in 0..n {
            let class = (i % k) as u32;
            let (x, y) = self.point(class, &mut rng);
            points.push(x as f32);
            points.push(y as f32);
            classes.push(class);
        }
        Ok(Cloud { points, classes, class_count: k })
    }

    fn point(self, class: u32, rng: &mut Rng) -> (f64, f64) {
        let mut normal = || f64::from(rng.normal());
        match self {
            Target::Spiral => {
                let u = f64::from(rng.next_f32());
                let theta = 3.0 * PI * u.sqrt();
                let r = theta / (3.0 * PI) * 2.0;
                let (s, c) = sin_cos64(theta + PI * f64::from(class));
                let mut normal = || f64::from(rng.normal());
                (r * c + 0.04 * normal(), r * s + 0.04 * normal())
            }
            Target::Moons => {
                let (s, c) = sin_cos64(PI * f64::from(rng.next_f32()));
                let (x, y) = if class == 0 { (c, s) } else { (1.0 - c, 0.5 - s) };
                let mut normal = || f64::from(rng.normal());
                // Centred (the moons span x −1…2, y −0.5…1) and brought to unit scale.
                (0.9 * (x - 0.5) + 0.05 * normal(), 0.9 * (y - 0.25) + 0.05 * normal())
            }
            Target::Rings => {
                let (s, c) = sin_cos64(2.0 * PI * f64::from(rng.next_f32()));
                let r = if class == 0 { 0.6 } else { 1.5 };
                let mut normal = || f64::from(rng.normal());
                (r * c + 0.04 * normal(), r * s + 0.04 * normal())
            }
            Target::Gaussians => {
                let (s, c) = sin_cos64(2.0 * PI * f64::from(class) / 8.0);
                (1.5 * c + 0.1 * normal(), 1.5 * s + 0.1 * normal())
            }
            // Drawn along its strokes by `sample`.
            Target::Aleph => (0.0, 0.0),
            Target::Gaussian => {
                // x = μ + L·z with L the Cholesky factor of Σ: L = [[√0.5, 0], [0.3/√0.5, √(0.4 − 0.18)]].
                let (z1, z2) = (normal(), normal());
                let l11 = GAUSSIAN_COVARIANCE[0].sqrt();
                let l21 = GAUSSIAN_COVARIANCE[2] / l11;
                let l22 = (GAUSSIAN_COVARIANCE[3] - l21 * l21).sqrt();
                (GAUSSIAN_MEAN[0] + l11 * z1, GAUSSIAN_MEAN[1] + l21 * z1 + l22 * z2)
            }
        }
    }
}

/// Mean and covariance (row-major 2 × 2, divided by n) of flat 2-D points.
pub fn moments(points: &[f32]) -> ([f64; 2], [f64; 4]) {
    let n = (points.len() / 2).max(1) as f64;
    let (mut mx, mut my) = (0.0, 0.0);
    for p in points.chunks_exact(2) {
        mx += f64::from(p[0]);
        my += f64::from(p[1]);
    }
    let (mx, my) = (mx / n, my / n);
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for p in points.chunks_exact(2) {
        let (dx, dy) = (f64::from(p[0]) - mx, f64::from(p[1]) - my);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    ([mx, my], [sxx / n, sxy / n, sxy / n, syy / n])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An L drawn as one stroke, (0,0) → (0,3) → (4,3): lengths 3 and 4, so 3/7 of the points lie
    /// on the first leg; every point is within a few jitters of the strokes (in the scaled units,
    /// 0.03/rms); a dot alone is not a shape.
    #[test]
    fn a_drawn_shape_becomes_a_target() {
        let l: &[(f64, f64)] = &[(0.0, 0.0), (0.0, 3.0), (4.0, 3.0)];
        let c = strokes(&[l], 7000, 2).unwrap();
        assert_eq!(c.class_count, 1);
        // Undo the scaling to check the points against the strokes.
        let raw: Vec<(f64, f64)> = {
            let n = 7000.0;
            let pts: Vec<(f64, f64)> = c.points.chunks_exact(2).map(|p| (f64::from(p[0]), f64::from(p[1]))).collect();
            // The first leg is the points whose x (scaled) is leftmost: count those near x_min.
            let xmin = pts.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
            let on_first = pts.iter().filter(|p| p.0 < xmin + 0.1).count() as f64 / n;
            assert!((on_first - 3.0 / 7.0).abs() < 0.03, "{on_first}");
            pts
        };
        assert_eq!(raw.len(), 7000);
        assert!(strokes(&[&[(1.0, 1.0)]], 100, 1).is_err(), "a dot");
        assert!(strokes(&[&[(0.0, 0.0), (f64::NAN, 1.0)]], 100, 1).is_err());
        assert!(strokes(&[], 100, 1).is_err());
        assert_eq!(strokes(&[l], 100, 5).unwrap(), strokes(&[l], 100, 5).unwrap());
    }

    #[test]
    fn targets_are_about_unit_scale_and_repeat_with_their_seed() {
        for t in Target::ALL {
            let c = t.sample(4000, 3).unwrap();
            assert_eq!((c.len(), c.class_count), (4000, t.class_count()));
            let (m, cov) = moments(&c.points);
            assert!(m[0].abs() < 0.7 && m[1].abs() < 0.7, "{t:?} mean {m:?}");
            assert!(cov[0] > 0.1 && cov[0] < 2.5 && cov[3] > 0.1 && cov[3] < 2.5, "{t:?} {cov:?}");
            assert_eq!(c, t.sample(4000, 3).unwrap());
            assert_ne!(c.points, t.sample(4000, 4).unwrap().points);
        }
        // The Gaussian's sample moments are its own (4,000 points: standard errors ≈ 0.01).
        let (m, cov) = moments(&Target::Gaussian.sample(4000, 1).unwrap().points);
        for (a, b) in m.iter().zip(GAUSSIAN_MEAN).chain(cov.iter().zip(GAUSSIAN_COVARIANCE)) {
            assert!((a - b).abs() < 0.04, "{m:?} {cov:?}");
        }
        assert!(Target::Spiral.sample(3, 1).is_err());
        let aleph = Target::Aleph.sample(3000, 1).unwrap();
        let (m, cov) = moments(&aleph.points);
        assert!(m[0].abs() < 1e-6 && m[1].abs() < 1e-6, "centred: {m:?}");
        assert!((cov[0] + cov[3] - 1.0).abs() < 1e-6, "root-mean-square radius 1: {cov:?}");
        let diagonal: Vec<f32> = aleph.points.chunks_exact(2).zip(&aleph.classes).filter(|(_, &k)| k == 0).flat_map(|(p, _)| [p[0], p[1]]).collect();
        let (_, d) = moments(&diagonal);
        assert!(d[1] < -0.3, "stroke 0, the diagonal, runs from the top left down to the right: {d:?}");
        assert_eq!(aleph.class_count, 3);
        assert!(Cloud::from_points(vec![0.0; 10]).is_err());
    }
}
