//! # Mode coverage: does the generator make every part of the data, or only some?
//!
//! **Mode collapse** is a generator that wins by making only a few kinds of point — one or two
//! of the eight Gaussians, say — and moving on to another when the discriminator catches up.
//! The energy distance sees it only as "far"; coverage names it. For the eight Gaussians
//! (centres `c_k = 1.5·(cos 2πk/8, sin 2πk/8)`, σ = 0.1, as in
//! [`crate::diffusion::targets::Target::Gaussians`]), following the unrolled-GAN and VEEGAN papers:
//!
//! ```text
//! a point is on mode k      ⇔  ‖x − c_k‖ < 3σ = 0.3            (the discs are 1.15 apart: at most one)
//! mode k is covered         ⇔  #{x on mode k} ≥ ¼ · n/8        (a quarter of its fair share, 1/32 of the points)
//! off-mode share            =  #{x on no mode} / n
//! ```
//!
//! The data itself covers all 8 with an off-mode share of `e^(−9/2)` ≈ 1.1 % (the mass of a 2-D
//! Gaussian beyond 3σ). A collapsed generator covers 1–3 modes; a generator that smears the
//! points between modes covers many, but with a large off-mode share — so both numbers are shown.

use crate::tensor::math::sin_cos64;

/// How far (in σ) from a mode's centre a point still counts as on it.
pub const MODE_RADIUS_SIGMAS: f32 = 3.0;
/// The share of its fair share of points a mode needs to count as covered.
pub const COVERED_FRACTION_OF_FAIR_SHARE: f32 = 0.25;
/// The eight Gaussians' ring radius and spread (those of the target).
pub const EIGHT_RING_RADIUS: f64 = 1.5;
pub const EIGHT_SIGMA: f32 = 0.1;

/// What [`coverage`] counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Points on each mode (module docs).
    pub per_mode: Vec<usize>,
    /// Modes that received at least their share.
    pub covered: usize,
    /// Share of points on no mode, 0–1.
    pub off_mode: f64,
    /// Points counted.
    pub points: usize,
}

/// The eight centres `1.5·(cos 2πk/8, sin 2πk/8)`, computed as the target computes them.
pub fn eight_gaussian_centres() -> [[f32; 2]; 8] {
    let mut c = [[0.0; 2]; 8];
    for (k, centre) in c.iter_mut().enumerate() {
        let (s, co) = sin_cos64(2.0 * std::f64::consts::PI * k as f64 / 8.0);
        *centre = [(EIGHT_RING_RADIUS * co) as f32, (EIGHT_RING_RADIUS * s) as f32];
    }
    c
}

/// Coverage of `points` (flat pairs) over `centres`: a point is on the first mode within
/// `radius`; a mode is covered with at least `min_fraction · n/modes` points.
pub fn coverage(points: &[f32], centres: &[[f32; 2]], radius: f32, min_fraction: f32) -> Coverage {
    let n = points.len() / 2;
    let mut per_mode = vec![0usize; centres.len()];
    let mut off = 0usize;
    let r2 = radius * radius;
    for p in points.chunks_exact(2) {
        let hit = centres.iter().position(|c| {
            let (dx, dy) = (p[0] - c[0], p[1] - c[1]);
            dx * dx + dy * dy < r2
        });
        match hit {
            Some(k) => per_mode[k] += 1,
            None => off += 1,
        }
    }
    let need = f64::from(min_fraction) * n as f64 / centres.len().max(1) as f64;
    let covered = per_mode.iter().filter(|&&c| c > 0 && c as f64 >= need).count();
    Coverage { per_mode, covered, off_mode: if n == 0 { 0.0 } else { off as f64 / n as f64 }, points: n }
}

/// [`coverage`] on the eight Gaussians with the module's definition.
pub fn eight_gaussians_coverage(points: &[f32]) -> Coverage {
    coverage(points, &eight_gaussian_centres(), MODE_RADIUS_SIGMAS * EIGHT_SIGMA, COVERED_FRACTION_OF_FAIR_SHARE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diffusion::targets::Target;

    /// The data covers all eight modes with ≈ 1.1 % off-mode; all its points on mode 3 only
    /// is one mode; no point is off-mode 100 %.
    #[test]
    fn the_data_covers_every_mode_and_one_mode_is_one() {
        let data = Target::Gaussians.sample(8000, 1).unwrap();
        let c = eight_gaussians_coverage(&data.points);
        assert_eq!(c.covered, 8, "{c:?}");
        assert!((c.off_mode - (-4.5f64).exp()).abs() < 0.005, "{c:?}");
        let one: Vec<f32> = data.points.chunks_exact(2).zip(&data.classes).filter(|(_, &k)| k == 3).flat_map(|(p, _)| [p[0], p[1]]).collect();
        let c = eight_gaussians_coverage(&one);
        assert_eq!(c.covered, 1);
        assert!(c.per_mode[3] > 0 && c.per_mode.iter().enumerate().all(|(k, &m)| k == 3 || m == 0), "{c:?}");
        let centre = eight_gaussians_coverage(&[0.0; 200]);
        assert_eq!((centre.covered, centre.off_mode), (0, 1.0));
        assert_eq!(eight_gaussians_coverage(&[]).covered, 0);
    }
}
