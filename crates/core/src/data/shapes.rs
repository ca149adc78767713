//! # 2-D data sets for clustering, in `[−6, 6]²`
//!
//! Drawn from `Rng::stream(seed, DATA)` like every data set of the page. Point `i` belongs to
//! group `i mod groups` and points are drawn one after another, so for a fixed seed the first
//! `n` points of a set of `n + m` are the set of `n` points (the "points" slider adds or
//! removes points at the end). `spread ∈ [0, 1]` is one slider for every shape:
//!
//! | shape | groups | recipe |
//! |---|---|---|
//! | `blobs` | `clusters` | centres by best-candidate sampling (of 24 uniform candidates in `[−4.5, 4.5]²`, the one farthest from the centres so far: spread out, never stacked); points `centre + σ·N(0, I)`, `σ = 0.25 + 1.25·spread` |
//! | `aniso` | `clusters` | the same centres; every blob stretched along one shared random direction: standard deviations `2.2σ` along it and `0.45σ` across, so they lie side by side like cigars — k-means's classic failure |
//! | `moons` | 2 | [`dataset`](crate::data::dataset)'s two moons with `noise = 0.5·spread` (its jitter `0.6·noise` before the ×3.4 scaling) |
//! | `rings` | `clusters` | concentric rings of radius `5.2·(j + 1)/clusters`, uniform angle, radial jitter `0.45·spread·N(0, 1)` |
//! | `uniform` | 1 | uniform in `[−5.5, 5.5]²` — no structure at all; `spread` and `clusters` are ignored |
//!
//! Every coordinate is clamped into the domain. Centres (blobs) and the direction (aniso) are
//! drawn first, so they do not depend on the number of points. Sines and cosines are the engine's
//! ([`crate::tensor::math::sin`]: exact `f64` arithmetic rounded once to `f32`), so native and
//! WebAssembly runs give the same bits.

use crate::data::dataset::{DataParams, DatasetKind, DOMAIN, MAX_NOISE, MAX_POINTS, MIN_POINTS};
use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;
use crate::tensor::math;

/// Largest `clusters` accepted (blobs, anisotropic blobs, rings).
pub const MAX_CLUSTERS: usize = 8;

slug_enum! {
    /// A 2-D shape for the clustering lab (table in the module docs).
    pub enum ClusterShape {
        /// Round gaussian blobs.
        Blobs => "blobs",
        /// Elongated, parallel blobs.
        Anisotropic => "aniso",
        /// Two interleaved half circles.
        Moons => "moons",
        /// Concentric rings.
        Rings => "rings",
        /// Uniform noise, no groups.
        Uniform => "uniform",
    }
}

/// Everything a clustering data set depends on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeParams {
    /// Which shape.
    pub shape: ClusterShape,
    /// Number of points, `10..=2000` (as [`dataset`](crate::data::dataset)).
    pub points: usize,
    /// Number of groups for blobs, anisotropic blobs and rings, `1..=MAX_CLUSTERS`
    /// (checked for every shape, used by those three).
    pub clusters: usize,
    /// Spread of every group, `0..=1` (module table).
    pub spread: f32,
    /// Seed of `Rng::stream(seed, DATA)`.
    pub seed: u64,
}

impl Default for ShapeParams {
    /// 300 points in 3 blobs, spread 0.3, seed 1.
    fn default() -> Self {
        ShapeParams { shape: ClusterShape::Blobs, points: 300, clusters: 3, spread: 0.3, seed: 1 }
    }
}

/// A generated clustering data set with the groups it was drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterData {
    /// `2n` coordinates, `x₁, x₂` interleaved.
    pub points: Vec<f32>,
    /// The group every point was drawn from (`0..groups`); all 0 for `uniform`.
    pub truth: Vec<usize>,
    /// Number of groups the shape has.
    pub groups: usize,
}

/// Draws a data set (module docs). Errors: `"points"` outside `10..=2000`, `"clusters"`
/// outside `1..=8`, `"spread"` outside `[0, 1]` or NaN.
pub fn generate(p: &ShapeParams) -> Result<ClusterData, ParamError> {
    super::check_points_and_noise(p.points, (MIN_POINTS, MAX_POINTS), "spread", p.spread, 1.0)?;
    ParamError::check_range("clusters", 1.0, MAX_CLUSTERS as f64, p.clusters as f64)?;
    if p.shape == ClusterShape::Moons {
        let d = crate::data::dataset::generate(&DataParams {
            kind: DatasetKind::Moons,
            points: p.points,
            noise: MAX_NOISE * p.spread,
            seed: p.seed,
        })?;
        let truth = d.targets.iter().map(|&t| t as usize).collect();
        return Ok(ClusterData { points: d.points, truth, groups: 2 });
    }
    let mut rng = Rng::stream(p.seed, streams::DATA);
    let n = p.points;
    let c = p.clusters;
    let mut points = Vec::with_capacity(2 * n);
    let mut truth = Vec::with_capacity(n);
    let sigma = 0.25 + 1.25 * p.spread;
    match p.shape {
        ClusterShape::Blobs | ClusterShape::Anisotropic => {
            let centres = blob_centres(c, &mut rng);
            let angle =
                if p.shape == ClusterShape::Anisotropic { rng.uniform(0.0, std::f32::consts::PI) } else { 0.0 };
            let (along, across) =
                if p.shape == ClusterShape::Anisotropic { (2.2 * sigma, 0.45 * sigma) } else { (sigma, sigma) };
            let (cos, sin) = (math::cos(angle), math::sin(angle));
            for i in 0..n {
                let g = i % c;
                let (u, v) = (along * rng.normal(), across * rng.normal());
                points.push(centres[g][0] + cos * u - sin * v);
                points.push(centres[g][1] + sin * u + cos * v);
                truth.push(g);
            }
        }
        ClusterShape::Rings => {
            for i in 0..n {
                let g = i % c;
                let radius = 5.2 * (g + 1) as f32 / c as f32 + 0.45 * p.spread * rng.normal();
                let a = rng.uniform(0.0, std::f32::consts::TAU);
                points.push(radius * math::cos(a));
                points.push(radius * math::sin(a));
                truth.push(g);
            }
        }
        ClusterShape::Uniform => {
            for _ in 0..n {
                points.push(rng.uniform(-5.5, 5.5));
                points.push(rng.uniform(-5.5, 5.5));
                truth.push(0);
            }
        }
        // Drawn by `data::generate` above.
        ClusterShape::Moons => {}
    }
    for v in points.iter_mut() {
        *v = v.clamp(-DOMAIN, DOMAIN);
    }
    let groups = match p.shape {
        ClusterShape::Uniform => 1,
        _ => c,
    };
    Ok(ClusterData { points, truth, groups })
}

/// `count` centres by best-candidate sampling (Mitchell 1991): the first uniform in
/// `[−4.5, 4.5]²`, each next the one of 24 uniform candidates farthest from those chosen.
fn blob_centres(count: usize, rng: &mut Rng) -> Vec<[f32; 2]> {
    let mut centres: Vec<[f32; 2]> = Vec::with_capacity(count);
    for _ in 0..count {
        let mut best = [0.0f32; 2];
        let mut best_gap = -1.0f32;
        for _ in 0..24 {
            let cand = [rng.uniform(-4.5, 4.5), rng.uniform(-4.5, 4.5)];
            let gap = centres
                .iter()
                .map(|c| (c[0] - cand[0]).powi(2) + (c[1] - cand[1]).powi(2))
                .fold(f32::INFINITY, f32::min);
            if gap > best_gap {
                best = cand;
                best_gap = gap;
            }
            if centres.is_empty() {
                break;
            }
        }
        centres.push(best);
    }
    centres
}
