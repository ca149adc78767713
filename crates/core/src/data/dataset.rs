//! # 2-D data sets
//!
//! Every point lives in the square `[−DOMAIN, DOMAIN]² = [−6, 6]²` (TF Playground's domain) so
//! one heatmap scale fits every lab. [`generate`] draws `n` points from one of eight shapes
//! with the seeded stream `Rng::stream(seed, DATA)`; the generators are our own:
//!
//! | kind | problem | clean shape (noise 0) | what `noise ∈ [0, 0.5]` does |
//! |---|---|---|---|
//! | `circle` | 2 classes | class 0 in the disc `r ≤ 2.6`, class 1 in the ring `3.4 ≤ r ≤ 5.6` | label = side of the circle `r = 3` of the *perturbed* point `p + 2.5·noise·N(0, I)`: label noise near the boundary |
//! | `xor` | 2 classes | uniform in `[−5.6, 5.6]²`, `|x₁|, |x₂| ≥ 0.3`; class 1 iff `x₁x₂ > 0` | same perturbed-coordinate rule |
//! | `gaussian` | 2 classes | blobs at `±(2.2, 2.2)`, σ = 0.5 | σ = 0.5 + 3·noise (spread) |
//! | `spiral` | 2 classes | arm `k`: `r = 5.6·u`, `θ = 3.5π·u + kπ`, point `(r sin θ, r cos θ)`, `u ∈ [0.04, 1)` | jitter `1.2·noise·N(0, I)` |
//! | `moons` | 2 classes | half circles `(cos t, sin t)` and `(1 − cos t, ½ − sin t)`, `t ∈ [0, π]`, centred and scaled ×3.4 | jitter `0.6·noise·N(0, I)` before scaling (σ ≤ 0.3, about a third of the gap between the moons) |
//! | `three` | 3 classes | blobs at radius 3.5, angles 90°, 210°, 330°, σ = 0.6 | σ = 0.6 + 3·noise |
//! | `plane` | regression | uniform points, `t = (x₁ + x₂)/12` | `t + noise·N(0,1)`, clipped to `[−1, 1]` |
//! | `multigauss` | regression | uniform points, `t = Σₖ sₖ·exp(−‖x − cₖ‖²/(2·1.3²))`, six centres on a hexagon of radius 3.6 with alternating signs `sₖ = ±1` | same target noise, clipped |
//!
//! Classes are balanced: point `i` has class `i mod K`, so counts differ by at most one.
//! Every coordinate is clamped into the domain (blobs with a large spread would leave it).
//! Generation is sequential, so for a fixed seed the first `n` points of a set of `n + m`
//! points are exactly the set of `n` points: the "points" slider adds or removes points at
//! the end instead of redrawing the whole set.
//!

use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::cell_centre;
use crate::tensor::math;

/// Half-width of the square domain `[−DOMAIN, DOMAIN]²` in which every point lives.
pub const DOMAIN: f32 = 6.0;

/// Fewest points a generated data set may have (below this a split is meaningless).
pub const MIN_POINTS: usize = 10;
/// Most points a generated data set may have (keeps one epoch well within a frame).
pub const MAX_POINTS: usize = 2000;
/// Largest noise level (0 = clean shape).
pub const MAX_NOISE: f32 = 0.5;

/// Whether targets are class indices or real values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Problem {
    /// Targets are class indices `0.0, 1.0, …`.
    #[default]
    Classification,
    /// Targets are real values in `[−1, 1]`.
    Regression,
}

impl Problem {
    /// Every variant, in display order.
    pub const ALL: [Self; 2] = [Problem::Classification, Problem::Regression];

    /// URL / UI slug: `"classification"` or `"regression"`.
    pub fn slug(self) -> &'static str {
        match self {
            Problem::Classification => "classification",
            Problem::Regression => "regression",
        }
    }

    /// Inverse of [`slug`](Self::slug); `None` for an unknown slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == s)
    }
}

/// The shape a data set is drawn from (see the table in the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetKind {
    /// Disc inside a ring (2 classes).
    Circle,
    /// Opposite quadrants share a class (2 classes).
    Xor,
    /// Two gaussian blobs (2 classes).
    Gaussian,
    /// Two interleaved spiral arms (2 classes).
    Spiral,
    /// Two interleaved half circles (2 classes).
    Moons,
    /// Three gaussian blobs at 120° (3 classes).
    ThreeClass,
    /// Regression on a tilted plane `(x₁ + x₂)/12`.
    Plane,
    /// Regression on a sum of six signed gaussian bumps.
    MultiGaussian,
}

impl DatasetKind {
    /// Every variant, in display order (classification first).
    pub const ALL: [Self; 8] = [
        DatasetKind::Circle,
        DatasetKind::Xor,
        DatasetKind::Gaussian,
        DatasetKind::Spiral,
        DatasetKind::Moons,
        DatasetKind::ThreeClass,
        DatasetKind::Plane,
        DatasetKind::MultiGaussian,
    ];

    /// URL / UI slug: "circle", "xor", "gaussian", "spiral", "moons", "three", "plane", "multigauss".
    pub fn slug(self) -> &'static str {
        match self {
            DatasetKind::Circle => "circle",
            DatasetKind::Xor => "xor",
            DatasetKind::Gaussian => "gaussian",
            DatasetKind::Spiral => "spiral",
            DatasetKind::Moons => "moons",
            DatasetKind::ThreeClass => "three",
            DatasetKind::Plane => "plane",
            DatasetKind::MultiGaussian => "multigauss",
        }
    }

    /// Inverse of [`slug`](Self::slug); `None` for an unknown slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == s)
    }

    /// Classification or regression.
    pub fn problem(self) -> Problem {
        match self {
            DatasetKind::Plane | DatasetKind::MultiGaussian => Problem::Regression,
            _ => Problem::Classification,
        }
    }

    /// Number of classes: 2, 3, or 0 for regression.
    pub fn classes(self) -> usize {
        match self {
            DatasetKind::ThreeClass => 3,
            DatasetKind::Plane | DatasetKind::MultiGaussian => 0,
            _ => 2,
        }
    }
}

/// A generated or user-edited data set. Flat buffers. The default is empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dataset {
    /// `2n` coordinates, `x₁, x₂` interleaved, all within `[−DOMAIN, DOMAIN]`.
    pub points: Vec<f32>,
    /// `n` targets: class index (`0.0, 1.0, 2.0`) for classification; value in `[−1, 1]` for regression.
    pub targets: Vec<f32>,
    /// Classification or regression.
    pub problem: Problem,
    /// Number of classes; 0 for regression.
    pub classes: usize,
    /// `n` keys in `[0, 1)`: the split ranks points by key (see [`Split`](super::split::Split)).
    pub split_keys: Vec<f32>,
}

impl Dataset {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// True when there are no points.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Coordinates `[x₁, x₂]` of point `i`.
    ///
    /// An index past the end gives `[NaN, NaN]` instead of panicking: a panic would kill the
    /// page, while a NaN point is visibly wrong and harmless.
    pub fn point(&self, i: usize) -> [f32; 2] {
        // checked_mul: `2 * i` itself must not overflow for a huge index.
        match i.checked_mul(2).and_then(|s| self.points.get(s..s.checked_add(2)?)) {
            Some(p) => [p[0], p[1]],
            None => [f32::NAN, f32::NAN],
        }
    }

    /// The points at `idx` as rows (`x₁, x₂` interleaved) and their targets: a part of a split
    /// as a model takes it. An index past the end is skipped.
    pub fn subset(&self, idx: &[usize]) -> (Vec<f32>, Vec<f32>) {
        let kept = idx.iter().filter(|&&i| i < self.targets.len());
        (kept.clone().flat_map(|&i| self.point(i)).collect(), kept.map(|&i| self.targets[i]).collect())
    }

    /// Add a user-clicked point; key drawn by the caller from its own Rng (so it is seeded too).
    ///
    /// Validates: coordinates finite and inside the domain (field `"point"`), target a class
    /// index `0..classes` for classification or a finite value in `[−1, 1]` for regression
    /// (field `"target"`), key finite in `[0, 1)` (field `"key"`). Nothing changes on error.
    pub fn push(&mut self, x1: f32, x2: f32, target: f32, key: f32) -> Result<(), ParamError> {
        for v in [x1, x2] {
            // A range test rather than `v.abs() > DOMAIN`, so that NaN is rejected too.
            if !(-DOMAIN..=DOMAIN).contains(&v) {
                return Err(ParamError::out_of_range("point", -f64::from(DOMAIN), DOMAIN.into(), v.into()));
            }
        }
        match self.problem {
            Problem::Classification => {
                let ok = target >= 0.0 && target.fract() == 0.0 && (target as usize) < self.classes;
                if !ok {
                    return Err(ParamError::not_whole("target", 0.0, self.classes.saturating_sub(1) as f64, target.into()));
                }
            }
            Problem::Regression => {
                if !(-1.0..=1.0).contains(&target) {
                    return Err(ParamError::out_of_range("target", -1.0, 1.0, target.into()));
                }
            }
        }
        if !(0.0..1.0).contains(&key) {
            return Err(ParamError::below("key", 0.0, 1.0, key.into()));
        }
        self.points.push(x1);
        self.points.push(x2);
        self.targets.push(target);
        self.split_keys.push(key);
        Ok(())
    }
}

/// Everything a generated data set depends on — and nothing else does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DataParams {
    /// Which shape.
    pub kind: DatasetKind,
    /// Number of points, `10..=2000` (URL field `"points"`).
    pub points: usize,
    /// Noise level, `0..=0.5` (URL field `"noise"`); 0 gives the clean shape.
    pub noise: f32,
    /// Seed; the data uses `Rng::stream(seed, DATA)`, the keys `Rng::stream(seed, SPLIT)`.
    pub seed: u64,
}

/// Centres of a `res × res` grid over the plane `[−DOMAIN, DOMAIN]²`, as `(x₁, x₂)` pairs, row 0
/// at the top and column 0 at the left (the order a heatmap paints):
/// `x₁ = cell_centre(−DOMAIN, DOMAIN, res, c)`, `x₂ = cell_centre(DOMAIN, −DOMAIN, res, r)`.
pub fn plane_grid(res: usize) -> Vec<f32> {
    let mut v = Vec::with_capacity(2 * res * res);
    for r in 0..res {
        let x2 = cell_centre(DOMAIN, -DOMAIN, res, r);
        for c in 0..res {
            v.push(cell_centre(-DOMAIN, DOMAIN, res, c));
            v.push(x2);
        }
    }
    v
}

/// Draw a data set (see the module docs for every shape and what noise does).
///
/// Errors: `points` outside `10..=2000` (field `"points"`), `noise` outside `[0, 0.5]` or
/// NaN (field `"noise"`).
pub fn generate(p: &DataParams) -> Result<Dataset, ParamError> {
    super::check_points_and_noise(p.points, (MIN_POINTS, MAX_POINTS), "noise", p.noise, MAX_NOISE)?;
    let n = p.points;
    let classes = p.kind.classes();
    let mut rng = Rng::stream(p.seed, streams::DATA);
    let mut points = Vec::with_capacity(2 * n);
    let mut targets = Vec::with_capacity(n);
    for i in 0..n {
        // Class i mod K: exact balance, and the class of point i never depends on n.
        let class = if classes > 0 { i % classes } else { 0 };
        let (x, t) = draw_point(p.kind, class, p.noise, &mut rng);
        points.push(x[0].clamp(-DOMAIN, DOMAIN));
        points.push(x[1].clamp(-DOMAIN, DOMAIN));
        targets.push(t);
    }
    // Keys from their own stream: the split does not move when the noise changes the number
    // of draws the shapes consume.
    let mut key_rng = Rng::stream(p.seed, streams::SPLIT);
    let split_keys = (0..n).map(|_| key_rng.next_f32()).collect();
    Ok(Dataset { points, targets, problem: p.kind.problem(), classes, split_keys })
}

/// One point of `kind` (unclamped) and its target; `class` is the wanted class for
/// classification kinds and ignored for regression.
fn draw_point(kind: DatasetKind, class: usize, noise: f32, rng: &mut Rng) -> ([f32; 2], f32) {
    match kind {
        DatasetKind::Circle => {
            // Sample the disc (class 0) or the ring (class 1) and label by the perturbed point.
            let sample = |rng: &mut Rng| {
                let region = rng.below(2);
                let (r0, r1) = if region == 0 { (0.0, 2.6) } else { (3.4, 5.6) };
                // Uniform in area: r = √(U·(r1² − r0²) + r0²), not uniform in r (which
                // would crowd the centre).
                let r = (rng.uniform(r0 * r0, r1 * r1)).sqrt();
                let a = rng.uniform(0.0, std::f32::consts::TAU);
                [r * math::cos(a), r * math::sin(a)]
            };
            let label = |q: [f32; 2]| usize::from(q[0] * q[0] + q[1] * q[1] > 9.0);
            (labelled_by_perturbation(rng, class, noise, sample, label), class as f32)
        }
        DatasetKind::Xor => {
            let sample = |rng: &mut Rng| {
                // |x| in [0.3, 5.6] with a random sign: the padding keeps clean classes apart.
                let mut c = [0.0f32; 2];
                for v in c.iter_mut() {
                    let m = rng.uniform(0.3, 5.6);
                    *v = if rng.below(2) == 0 { -m } else { m };
                }
                c
            };
            let label = |q: [f32; 2]| usize::from(q[0] * q[1] > 0.0);
            (labelled_by_perturbation(rng, class, noise, sample, label), class as f32)
        }
        DatasetKind::Gaussian => {
            let s = if class == 1 { 2.2 } else { -2.2 };
            let sigma = 0.5 + 3.0 * noise;
            ([s + sigma * rng.normal(), s + sigma * rng.normal()], class as f32)
        }
        DatasetKind::Spiral => {
            let u = rng.uniform(0.04, 1.0);
            let r = 5.6 * u;
            let theta = 3.5 * std::f32::consts::PI * u + class as f32 * std::f32::consts::PI;
            let j = 1.2 * noise;
            ([r * math::sin(theta) + j * rng.normal(), r * math::cos(theta) + j * rng.normal()], class as f32)
        }
        DatasetKind::Moons => {
            let t = rng.uniform(0.0, std::f32::consts::PI);
            let (mut x, mut y) =
                if class == 0 { (math::cos(t), math::sin(t)) } else { (1.0 - math::cos(t), 0.5 - math::sin(t)) };
            x += 0.6 * noise * rng.normal();
            y += 0.6 * noise * rng.normal();
            // The pair spans x ∈ [−1, 2], y ∈ [−0.5, 1]: centre on (0.5, 0.25), then ×3.4 fills
            // about ±5.1 horizontally.
            ([3.4 * (x - 0.5), 3.4 * (y - 0.25)], class as f32)
        }
        DatasetKind::ThreeClass => {
            // Centres at 90°, 210°, 330°: class 0 on top, 1 lower left, 2 lower right.
            let a = std::f32::consts::FRAC_PI_2 + class as f32 * (2.0 * std::f32::consts::PI / 3.0);
            let sigma = 0.6 + 3.0 * noise;
            ([3.5 * math::cos(a) + sigma * rng.normal(), 3.5 * math::sin(a) + sigma * rng.normal()], class as f32)
        }
        DatasetKind::Plane => {
            let x = [rng.uniform(-DOMAIN, DOMAIN), rng.uniform(-DOMAIN, DOMAIN)];
            let t = (x[0] + x[1]) / (2.0 * DOMAIN) + noise * rng.normal();
            (x, t.clamp(-1.0, 1.0))
        }
        DatasetKind::MultiGaussian => {
            let x = [rng.uniform(-DOMAIN, DOMAIN), rng.uniform(-DOMAIN, DOMAIN)];
            let t = multigauss_target(x) + noise * rng.normal();
            (x, t.clamp(-1.0, 1.0))
        }
    }
}

/// The clean `multigauss` surface: six bumps of height ±1 and width σ = 1.3 on a hexagon of
/// radius 3.6, signs alternating around it. Neighbouring centres are 3.6 apart (≈ 2.8σ), so
/// the bumps barely overlap and the sum stays within about ±1.05 before clipping.
fn multigauss_target(x: [f32; 2]) -> f32 {
    let mut t = 0.0f32;
    for k in 0..6 {
        let a = k as f32 * std::f32::consts::FRAC_PI_3;
        let (cx, cy) = (3.6 * math::cos(a), 3.6 * math::sin(a));
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        let d2 = (x[0] - cx).powi(2) + (x[1] - cy).powi(2);
        t += sign * math::exp(-d2 / (2.0 * 1.3 * 1.3));
    }
    t
}

/// Draw points with `sample` until the *perturbed* copy `q + 2.5·noise·N(0, I)` gets label
/// `class`, and return the unperturbed point.
///
/// This is "label noise near the boundary": a point close to the boundary may carry the label
/// of the other side, a point far from it almost never does. Rejection keeps the classes
/// exactly balanced. Each attempt succeeds with probability ≈ ½ (both regions are about equally
/// likely), so 200 failures in a row have probability ≈ 2⁻²⁰⁰; the cap only exists so no input
/// can ever loop forever, and its fallback is a clean point of the wanted class.
fn labelled_by_perturbation(
    rng: &mut Rng,
    class: usize,
    noise: f32,
    sample: impl Fn(&mut Rng) -> [f32; 2],
    label: impl Fn([f32; 2]) -> usize,
) -> [f32; 2] {
    let s = 2.5 * noise;
    for _ in 0..200 {
        let q = sample(rng);
        let perturbed = if s > 0.0 { [q[0] + s * rng.normal(), q[1] + s * rng.normal()] } else { q };
        if label(perturbed) == class {
            return q;
        }
    }
    loop {
        // Unreachable in practice (see above); without noise the label of a clean sample
        // is its region, so this terminates with probability 1 as well.
        let q = sample(rng);
        if label(q) == class {
            return q;
        }
    }
}
