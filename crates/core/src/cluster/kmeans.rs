//! # k-means: find k groups by alternating two moves
//!
//! Given `n` points `x₁ … xₙ` (rows of `n_features` numbers) and a number of clusters `k`,
//! k-means looks for `k` centres `μ₁ … μ_k` and an assignment `c(i)` of every point to one
//! centre that make the **inertia** (within-cluster sum of squares) small:
//!
//! ```text
//! inertia = Σᵢ ‖xᵢ − μ_c(i)‖²
//! ```
//!
//! ## Lloyd's algorithm: two moves, each of which can only lower the inertia
//!
//! 1. **Assign**: every point joins its nearest centre, `c(i) = argmin_c ‖xᵢ − μ_c‖²`
//!    (on a tie the lowest centre index, like scikit-learn). For fixed centres no other
//!    assignment has a smaller inertia, so this move never raises it.
//! 2. **Update**: every centre moves to the mean of its points, `μ_c = (1/|C|) Σ_{i∈C} xᵢ`.
//!    For fixed assignments the mean minimises `Σ_{i∈C} ‖xᵢ − μ‖²` (the derivative
//!    `−2 Σ (xᵢ − μ)` vanishes there), so this move never raises it either.
//!
//! Inertia is bounded below by 0 and there are finitely many assignments, so the alternation
//! stops: it has **converged** when an assignment that follows an update changes no label
//! (the centres are then the means of their points and every point is at its nearest centre).
//! It converges to a *local* minimum that depends on the initial centres, hence restarts.
//!
//! [`KMeans`] is a state machine the page steps one move at a time ([`KMeans::assign`],
//! [`KMeans::update`], or [`KMeans::step`] for "whichever comes next"), recording the inertia
//! after every move. Centres are stored as `f32` (what the page draws); distances and means are
//! accumulated in `f64`. Rounding a mean to `f32` does not break "never rises": the sum of
//! squares is `|C|·Σⱼ (μⱼ − meanⱼ)² + const`, minimised coordinate by coordinate by the `f32`
//! nearest to the mean, which is what rounding picks.
//!
//! ### An empty cluster
//!
//! If no point chose centre `c`, the mean of its points is undefined. We follow scikit-learn's
//! rule: the point that is **farthest from its own centre** is moved into the empty cluster and
//! becomes its centre (the old cluster's mean is computed without it). This lowers the inertia
//! by at least that point's squared distance. With several empty clusters, empty clusters in
//! increasing index take the farthest points in decreasing distance (ties: lowest point index).
//! A point is only taken from a cluster that keeps at least one other point, so one fix never
//! empties another cluster (scikit-learn does not check this; the case needs a singleton
//! cluster whose point is the farthest). These two cases, and the order among the farthest
//! points when several clusters are empty at once (unspecified in scikit-learn), are the only
//! places where the two can differ. The update reports
//! which clusters were re-seeded ([`KMeans::reseeded`]) so the page can flash them.
//!
//! ## Initialisation
//!
//! * [`Init::Random`]: `k` distinct points chosen uniformly at random. A random ordering of the
//!   points is drawn lazily (Fisher–Yates) and the first `k` points at pairwise different
//!   positions become the centres; without repeated points that is a uniform `k`-subset.
//! * [`Init::PlusPlus`] (k-means++, Arthur & Vassilvitskii 2007): the first centre is a uniform
//!   point; each next centre is point `i` with probability
//!
//!   ```text
//!   P(i) = D(xᵢ)² / Σⱼ D(xⱼ)²,     D(x) = distance from x to the nearest centre chosen so far
//!   ```
//!
//!   ("D² sampling"): far-away points are likely, points on a centre impossible. This is the
//!   classic one-candidate version; scikit-learn's default tries `2 + ln k` candidates per step
//!   and keeps the greedy best, so its seeds differ (its `init=array` path is what we compare).
//!   [`kmeanspp_probabilities`] exposes `P` so the page can draw it.
//!
//! `k` must not exceed the number of *distinct* points: `k` centres at `k` different places
//! are needed for `k` non-empty clusters.
//!
//! ## Restarts
//!
//! [`fit_best`] runs `n_init` restarts to convergence and keeps the one with the lowest final
//! inertia (the earliest on a tie). Restart `r` draws from [`restart_rng`]`(seed, r)`: the
//! `r`-th 64-bit word of `Rng::stream(seed, KMEANS_INIT_STREAM)` seeds its own generator, so
//! restart `r` is the same run whatever `n_init` is (raising `n_init` from 3 to 5 keeps
//! runs 0–2).
//!
//! ## Judging a clustering
//!
//! * **Elbow**: inertia always falls as `k` grows (more centres, shorter distances); the `k`
//!   after which it falls slowly is a natural choice. [`KSweep`] computes inertia and
//!   silhouette for `k = 1, 2, …` one restart per call, so the page can spread it over frames.
//! * The silhouette and the comparison with known groups (adjusted Rand index, purity) are
//!   metrics: see [`metrics::silhouette`](crate::metrics::silhouette) and
//!   [`metrics::agreement`](crate::metrics::agreement). The lab's 2-D shapes are data:
//!   [`data::shapes`](crate::data::shapes).

use crate::error::ParamError;
use crate::metrics::silhouette::{check_sample_size, sample_indices, silhouette_of_rows};
use crate::rng::Rng;
use crate::shared::{cell_centre, check_points, dist2};
use crate::shared::slug_enum;
use crate::stepping::{Progress, Stepping};

/// Largest number of clusters accepted.
pub const MAX_K: usize = 20;
/// Largest iteration cap accepted by [`fit_best`] and [`KSweep`].
pub const MAX_ITER: usize = 1000;
/// Largest number of restarts accepted.
pub const MAX_N_INIT: usize = 100;
/// Stream id of initial centres and restarts (continues the ids of
/// [`rng::streams`](crate::rng::streams) and [`search`](crate::train::search); 20–29 are clustering's).
pub const KMEANS_INIT_STREAM: u64 = 21;
/// Largest grid resolution of [`KMeans::predict_grid`] (the cap of the other heatmaps).
pub const MAX_GRID_RES: usize = crate::optim::surface::MAX_GRID_RES;

slug_enum! {
    /// How the first centres are chosen (see the module docs).
    pub enum Init {
        /// `k` distinct points chosen uniformly at random.
        Random => "random",
        /// k-means++: D² sampling.
        PlusPlus => "kmeanspp",
    }
}

slug_enum! {
    /// One of Lloyd's two moves.
    pub enum Move {
        /// Every point joins its nearest centre.
        Assign => "assign",
        /// Every centre moves to the mean of its points.
        Update => "update",
    }
}

/// Number of distinct rows (positions), by a lexicographic sort of row indices. `-0.0` and
/// `0.0` are the same position.
pub(crate) fn count_distinct(x: &[f32], d: usize) -> usize {
    let n = x.len() / d;
    let row = |i: usize| &x[i * d..(i + 1) * d];
    let cmp = |a: usize, b: usize| {
        for (p, q) in row(a).iter().zip(row(b)) {
            // Adding 0.0 turns −0.0 into +0.0, so total_cmp sees them as equal.
            let o = (p + 0.0).total_cmp(&(q + 0.0));
            if o.is_ne() {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b));
    1 + order.windows(2).filter(|w| cmp(w[0], w[1]).is_ne()).count()
}

fn check_k(k: usize, distinct: usize) -> Result<(), ParamError> {
    if k == 0 || k > MAX_K {
        return Err(ParamError::out_of_range("k", 1.0, MAX_K as f64, k as f64));
    }
    if k > distinct {
        return Err(ParamError::needs_points("k", k, distinct));
    }
    Ok(())
}

/// Uniform in `[0, 1)` with 53 random bits (`Rng::next_f32` has only 24, too coarse to pick
/// one point among thousands by its probability mass).
#[inline]
fn unit_f64(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

// ---------------------------------------------------------------------------------------------
// Initialisation
// ---------------------------------------------------------------------------------------------

/// `Init::Random`: the first `k` pairwise-distinct points of a lazily drawn random order.
/// Needs `k ≤ distinct points` (checked by the caller), which guarantees termination.
fn init_random(x: &[f32], d: usize, k: usize, rng: &mut Rng) -> Vec<f32> {
    let n = x.len() / d;
    let mut order: Vec<usize> = (0..n).collect();
    let mut centres: Vec<f32> = Vec::with_capacity(k * d);
    for i in 0..n {
        // Step i of Fisher–Yates from the front: a uniform pick among the not yet drawn.
        let j = i + rng.below(n - i);
        order.swap(i, j);
        let p = &x[order[i] * d..(order[i] + 1) * d];
        if !centres.chunks_exact(d).any(|c| dist2(c, p) == 0.0) {
            centres.extend_from_slice(p);
            if centres.len() == k * d {
                break;
            }
        }
    }
    centres
}

/// `Init::PlusPlus`: D² sampling (module docs). Needs `k ≤ distinct points`.
fn init_plus_plus(x: &[f32], d: usize, k: usize, rng: &mut Rng) -> Vec<f32> {
    let n = x.len() / d;
    let first = rng.below(n);
    let mut centres: Vec<f32> = x[first * d..(first + 1) * d].to_vec();
    let mut nearest: Vec<f64> = x.chunks_exact(d).map(|p| dist2(p, &centres[..d])).collect();
    while centres.len() < k * d {
        let total: f64 = nearest.iter().sum();
        let target = unit_f64(rng) * total;
        // Walk the cumulative sum: point i owns the interval [Σ_{j<i} D², Σ_{j≤i} D²), so a
        // point on a centre (D² = 0) owns an empty interval and is never picked.
        let mut acc = 0.0;
        let mut pick = None;
        for (i, &w) in nearest.iter().enumerate() {
            acc += w;
            if acc > target {
                pick = Some(i);
                break;
            }
        }
        // Rounding can leave `acc` a hair below `target` at the end: take the last point
        // with positive weight (one exists because k ≤ distinct points).
        let pick = pick.or_else(|| nearest.iter().rposition(|&w| w > 0.0)).unwrap_or(0);
        let c = x[pick * d..(pick + 1) * d].to_vec();
        for (w, p) in nearest.iter_mut().zip(x.chunks_exact(d)) {
            *w = w.min(dist2(p, &c));
        }
        centres.extend_from_slice(&c);
    }
    centres
}

/// The k-means++ probabilities `P(i) = D(xᵢ)² / Σⱼ D(xⱼ)²` of picking each point as the next
/// centre, given the centres chosen so far (`centres`: rows of `n_features`, possibly none).
///
/// With no centre yet every point has `1/n`. When every point already sits on a centre the
/// sum is 0 and every probability is 0 (there is nothing left to pick). Errors: as the data
/// checks of [`KMeans::new`], plus `"centroids"` when `centres` is not whole rows or not finite.
pub fn kmeanspp_probabilities(x: &[f32], n_features: usize, centres: &[f32]) -> Result<Vec<f64>, ParamError> {
    let n = check_points(x, n_features)?;
    check_centroid_rows(centres, n_features)?;
    if centres.is_empty() {
        return Ok(vec![1.0 / n as f64; n]);
    }
    let mut p: Vec<f64> = x
        .chunks_exact(n_features)
        .map(|row| centres.chunks_exact(n_features).map(|c| dist2(row, c)).fold(f64::INFINITY, f64::min))
        .collect();
    let total: f64 = p.iter().sum();
    for v in p.iter_mut() {
        *v = if total > 0.0 { *v / total } else { 0.0 };
    }
    Ok(p)
}

fn check_centroid_rows(c: &[f32], d: usize) -> Result<(), ParamError> {
    if !c.chunks_exact(d).remainder().is_empty() {
        return Err(ParamError::not_whole_rows("centroids", c.len(), d));
    }
    if c.iter().any(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("centroids", c.iter().copied().find(|v| !v.is_finite()).map_or(f64::NAN, f64::from)));
    }
    Ok(())
}

/// The generator of restart `r` for `seed`: `Rng::new(w_r)` where `w_r` is the `r`-th word of
/// `Rng::stream(seed, KMEANS_INIT_STREAM)`. Restart `r` is the same whatever `n_init` is.
pub fn restart_rng(seed: u64, restart: usize) -> Rng {
    let mut master = Rng::stream(seed, KMEANS_INIT_STREAM);
    for _ in 0..restart {
        master.next_u64();
    }
    Rng::new(master.next_u64())
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

/// A k-means run the page steps one move at a time (see the module docs).
///
/// Owns a copy of the points, so the page can keep it in a signal without lifetimes. Cloning
/// it snapshots the run ("step back" = keep the previous clone).
#[derive(Debug, Clone, PartialEq)]
pub struct KMeans {
    n_features: usize,
    k: usize,
    init: Option<Init>,
    points: Vec<f32>,
    /// `k × n_features`, row-major.
    centroids: Vec<f32>,
    /// Cluster of every point; meaningful once `assigned`.
    labels: Vec<usize>,
    assigned: bool,
    /// `‖xᵢ − μ_labels[i]‖²` for the current labels and centres (inertia terms).
    dist2: Vec<f64>,
    /// Points per cluster for the current labels.
    sizes: Vec<usize>,
    history: Vec<f64>,
    moves: Vec<Move>,
    iterations: usize,
    last_changed: usize,
    last_shift: f64,
    reseeded: Vec<usize>,
    /// Set by a quiet assignment right after an update; cleared by any move that changes
    /// a label or a centre.
    converged: bool,
    /// Scratch for the means: `k × n_features` sums.
    sums: Vec<f64>,
}

impl KMeans {
    /// Starts a run: validates, copies the points and chooses `k` initial centres with `init`,
    /// drawing from `rng` (use [`restart_rng`]`(seed, 0)` for "seed `seed`"). No point is
    /// assigned yet: the first move is [`Move::Assign`].
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, ragged, non-finite), `"k"` (0, above
    /// [`MAX_K`], or more than the number of distinct points).
    pub fn new(x: &[f32], n_features: usize, k: usize, init: Init, rng: &mut Rng) -> Result<KMeans, ParamError> {
        check_points(x, n_features)?;
        check_k(k, count_distinct(x, n_features))?;
        let centroids = match init {
            Init::Random => init_random(x, n_features, k, rng),
            Init::PlusPlus => init_plus_plus(x, n_features, k, rng),
        };
        Ok(Self::from_parts(x, n_features, centroids, Some(init)))
    }

    /// Starts a run from given centres (`k × n_features`, row-major): centres the learner
    /// clicked, or the same start as another implementation for a comparison.
    ///
    /// Centres may coincide or lie away from every point (that cluster will be empty after the
    /// first assignment and re-seeded by the update). Errors: the data checks of
    /// [`new`](Self::new); `"centroids"` (no centre, more than [`MAX_K`], ragged, non-finite).
    pub fn with_centroids(x: &[f32], n_features: usize, centroids: &[f32]) -> Result<KMeans, ParamError> {
        check_points(x, n_features)?;
        check_centroid_rows(centroids, n_features)?;
        let k = centroids.len() / n_features;
        if k == 0 || k > MAX_K {
            return Err(ParamError::out_of_range("centroids", 1.0, MAX_K as f64, k as f64));
        }
        Ok(Self::from_parts(x, n_features, centroids.to_vec(), None))
    }

    fn from_parts(x: &[f32], d: usize, centroids: Vec<f32>, init: Option<Init>) -> KMeans {
        let n = x.len() / d;
        let k = centroids.len() / d;
        KMeans {
            n_features: d,
            k,
            init,
            points: x.to_vec(),
            centroids,
            labels: vec![0; n],
            assigned: false,
            dist2: vec![0.0; n],
            sizes: vec![0; k],
            history: Vec::new(),
            moves: Vec::new(),
            iterations: 0,
            last_changed: 0,
            last_shift: 0.0,
            reseeded: Vec::new(),
            converged: false,
            sums: vec![0.0; k * d],
        }
    }

    /// **Assign move**: every point joins its nearest centre (ties: lowest index). Returns the
    /// number of points whose cluster changed (all `n` on the first assignment). Counts one
    /// Lloyd iteration. Allocation-free.
    pub fn assign(&mut self) -> usize {
        let d = self.n_features;
        let mut changed = 0;
        self.sizes.fill(0);
        for (i, p) in self.points.chunks_exact(d).enumerate() {
            let (best, best_d) = nearest_centre(&self.centroids, d, p);
            if !self.assigned || self.labels[i] != best {
                changed += 1;
            }
            self.labels[i] = best;
            self.dist2[i] = best_d;
            self.sizes[best] += 1;
        }
        if changed > 0 {
            self.converged = false;
        } else if self.moves.last() == Some(&Move::Update) {
            self.converged = true;
        }
        self.assigned = true;
        self.iterations += 1;
        self.last_changed = changed;
        self.record(Move::Assign);
        changed
    }

    /// **Update move**: every centre moves to the mean of its points; an empty cluster takes
    /// the farthest point instead (module docs). Returns the total distance the centres moved,
    /// `Σ_c ‖μ_c(new) − μ_c(old)‖`. Before any assignment there is nothing to average: the
    /// centres stay and 0 is returned. Allocation-free unless a cluster is empty.
    pub fn update(&mut self) -> f64 {
        let d = self.n_features;
        self.reseeded.clear();
        if !self.assigned {
            self.last_shift = 0.0;
            return 0.0;
        }
        self.sums.fill(0.0);
        for (p, &l) in self.points.chunks_exact(d).zip(&self.labels) {
            for (s, &v) in self.sums[l * d..(l + 1) * d].iter_mut().zip(p) {
                *s += f64::from(v);
            }
        }
        // Empty clusters, in increasing index, each take the farthest point still available.
        for e in 0..self.k {
            if self.sizes[e] > 0 {
                continue;
            }
            let mut far: Option<usize> = None;
            for (i, &dd) in self.dist2.iter().enumerate() {
                let l = self.labels[i];
                // Only from a cluster that keeps another point; strict > keeps the lowest index.
                if self.sizes[l] >= 2 && far.is_none_or(|f| dd > self.dist2[f]) {
                    far = Some(i);
                }
            }
            let Some(p) = far else { continue };
            let old = self.labels[p];
            for j in 0..d {
                let v = f64::from(self.points[p * d + j]);
                self.sums[old * d + j] -= v;
                self.sums[e * d + j] = v;
            }
            self.sizes[old] -= 1;
            self.sizes[e] = 1;
            self.labels[p] = e;
            // Distance 0 to its new centre: it cannot be chosen again.
            self.dist2[p] = 0.0;
            self.reseeded.push(e);
        }
        let mut shift = 0.0;
        for c in 0..self.k {
            if self.sizes[c] == 0 {
                // No point could be spared (see above): the centre stays where it is.
                continue;
            }
            let inv = 1.0 / self.sizes[c] as f64;
            let mut moved = 0.0;
            for j in 0..d {
                let new = (self.sums[c * d + j] * inv) as f32;
                moved += (f64::from(new) - f64::from(self.centroids[c * d + j])).powi(2);
                self.centroids[c * d + j] = new;
            }
            shift += moved.sqrt();
        }
        for (i, p) in self.points.chunks_exact(d).enumerate() {
            let l = self.labels[i];
            self.dist2[i] = dist2(p, &self.centroids[l * d..(l + 1) * d]);
        }
        if shift > 0.0 || !self.reseeded.is_empty() {
            self.converged = false;
        }
        self.last_shift = shift;
        self.record(Move::Update);
        shift
    }

    fn record(&mut self, m: Move) {
        self.moves.push(m);
        self.history.push(self.dist2.iter().sum());
    }

    /// The move that comes next: `Assign` at the start and after an update, `Update` after an
    /// assignment.
    pub fn next_move(&self) -> Move {
        match self.moves.last() {
            Some(Move::Assign) => Move::Update,
            _ => Move::Assign,
        }
    }

    /// Makes the next move ([`next_move`](Self::next_move)) and returns which it was.
    pub fn step(&mut self) -> Move {
        let m = self.next_move();
        match m {
            Move::Assign => {
                self.assign();
            }
            Move::Update => {
                self.update();
            }
        }
        m
    }

    /// True once an assignment that directly followed an update changed no label: the centres
    /// are the means of their clusters and every point is at its nearest centre. It stays true
    /// while further moves change nothing (they cannot: the next update recomputes the same
    /// means, bit for bit).
    pub fn converged(&self) -> bool {
        self.converged
    }

    /// Steps until [`converged`](Self::converged) or until `max_iter` Lloyd iterations
    /// (assignments) have been made in total. A run stopped by the cap ends on its last
    /// assignment, so the labels belong to the final centres (scikit-learn does one extra
    /// assignment for the same reason). Returns whether it converged.
    pub fn run_to_convergence(&mut self, max_iter: usize) -> bool {
        while !self.converged && self.iterations < max_iter {
            self.step();
        }
        self.converged
    }

    /// Number of clusters `k`.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Features per point.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Always false: a run has at least one point.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// How the centres were initialised; `None` for [`with_centroids`](Self::with_centroids).
    pub fn init(&self) -> Option<Init> {
        self.init
    }

    /// The points (a copy of the input, row-major).
    pub fn points(&self) -> &[f32] {
        &self.points
    }

    /// The centres, `k × n_features`, row-major.
    pub fn centroids(&self) -> &[f32] {
        &self.centroids
    }

    /// Centre `c` (an empty slice for `c ≥ k`).
    pub fn centroid(&self, c: usize) -> &[f32] {
        let d = self.n_features;
        self.centroids.get(c * d..(c + 1) * d).unwrap_or(&[])
    }

    /// The cluster of every point; `None` before the first assignment.
    pub fn labels(&self) -> Option<&[usize]> {
        self.assigned.then_some(&self.labels[..])
    }

    /// Points per cluster for the current labels (all 0 before the first assignment).
    pub fn cluster_sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// True when the run has converged with every point exactly on its centre (inertia 0):
    /// inertia is never negative, so no other start can find a lower one. Exact zero is the
    /// right test: a centre is the mean of identical `f32` points summed in `f64` (exact for
    /// fewer than 2²⁹ points) and divided by their count, which gives the point back bit for bit.
    pub fn every_point_on_its_centre(&self) -> bool {
        self.converged && self.inertia() == Some(0.0)
    }

    /// Inertia `Σᵢ ‖xᵢ − μ_c(i)‖²` after the last move; `None` before the first assignment.
    pub fn inertia(&self) -> Option<f64> {
        self.history.last().copied()
    }

    /// Inertia after every move so far, in order; [`moves`](Self::moves) says which move each
    /// entry followed. Never increases (module docs).
    pub fn inertia_history(&self) -> &[f64] {
        &self.history
    }

    /// Every move made so far, in order.
    pub fn moves(&self) -> &[Move] {
        &self.moves
    }

    /// Lloyd iterations so far (= assignments; scikit-learn's `n_iter_` for a converged run).
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Points that changed cluster in the last assignment.
    pub fn last_changed(&self) -> usize {
        self.last_changed
    }

    /// Total distance the centres moved in the last update.
    pub fn last_shift(&self) -> f64 {
        self.last_shift
    }

    /// Clusters that were empty and re-seeded at a far point by the last update.
    pub fn reseeded(&self) -> &[usize] {
        &self.reseeded
    }

    /// Nearest centre of every row of `points` (rows of `n_features`; a trailing partial row is
    /// ignored) into `out` (cleared first, reused). Ties: lowest index. A row with NaN gets 0.
    pub fn predict(&self, points: &[f32], out: &mut Vec<usize>) {
        out.clear();
        out.extend(points.chunks_exact(self.n_features).map(|p| nearest_centre(&self.centroids, self.n_features, p).0));
    }

    /// Nearest centre over a `res × res` grid of `[−6, 6]²` for region colouring, with the cell
    /// layout of the other labs' heatmaps: row 0 at the top (`x₂ = +6`), column 0 at the left,
    /// cell centres `x₁ = −6 + 12(c + ½)/res`, `x₂ = 6 − 12(r + ½)/res`. Only for 2-D points:
    /// with another `n_features`, `out` is left empty. `res` is clamped to [`MAX_GRID_RES`].
    pub fn predict_grid(&self, res: usize, out: &mut Vec<usize>) {
        out.clear();
        if self.n_features != 2 {
            return;
        }
        let res = res.min(MAX_GRID_RES);
        let dom = crate::data::dataset::DOMAIN;
        out.reserve(res * res);
        for r in 0..res {
            let x2 = cell_centre(dom, -dom, res, r);
            for c in 0..res {
                let x1 = cell_centre(-dom, dom, res, c);
                out.push(nearest_centre(&self.centroids, 2, &[x1, x2]).0);
            }
        }
    }
}

/// The nearest centre to `p` and its squared distance; on a tie the lowest index (strict `<`,
/// like scikit-learn's argmin). A NaN distance never wins, so a NaN point gets centre 0.
fn nearest_centre(centroids: &[f32], d: usize, p: &[f32]) -> (usize, f64) {
    let mut best = 0;
    let mut best_d = f64::INFINITY;
    for (c, mu) in centroids.chunks_exact(d).enumerate() {
        let dd = dist2(p, mu);
        if dd < best_d {
            best = c;
            best_d = dd;
        }
    }
    (best, best_d)
}

// ---------------------------------------------------------------------------------------------
// Restarts and sweeps
// ---------------------------------------------------------------------------------------------

/// Settings of a complete k-means fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KMeansParams {
    /// Number of clusters, `1..=MAX_K` and at most the number of distinct points.
    pub k: usize,
    /// How the centres start.
    pub init: Init,
    /// Restarts, `1..=MAX_N_INIT`; the lowest final inertia wins.
    pub n_init: usize,
    /// Lloyd iterations per restart at most, `1..=MAX_ITER`.
    pub max_iter: usize,
    /// Seed of [`restart_rng`].
    pub seed: u64,
}

impl Default for KMeansParams {
    /// k = 3, k-means++, 10 restarts, 300 iterations (scikit-learn's cap), seed 1.
    fn default() -> Self {
        KMeansParams { k: 3, init: Init::PlusPlus, n_init: 10, max_iter: 300, seed: 1 }
    }
}

impl KMeansParams {
    fn check_counts(&self) -> Result<(), ParamError> {
        if !(1..=MAX_N_INIT).contains(&self.n_init) {
            return Err(ParamError::out_of_range("n_init", 1.0, MAX_N_INIT as f64, self.n_init as f64));
        }
        if !(1..=MAX_ITER).contains(&self.max_iter) {
            return Err(ParamError::out_of_range("max_iter", 1.0, MAX_ITER as f64, self.max_iter as f64));
        }
        Ok(())
    }
}

/// The result of [`fit_best`]: the winning run and what every restart reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Restarts {
    /// The run with the lowest final inertia, stepped to convergence (or to `max_iter`).
    pub best: KMeans,
    /// Its restart index (restarts are numbered from 0).
    pub best_restart: usize,
    /// Final inertia of every restart, in order.
    pub inertias: Vec<f64>,
    /// Whether every restart converged within `max_iter`.
    pub converged: Vec<bool>,
}

/// Runs `n_init` restarts to convergence and keeps the lowest final inertia (the earliest on
/// a tie). Costs `n_init` whole runs (≈ 30 ms for 10 restarts on 2,000 2-D points natively):
/// a page that must stay responsive runs the restarts one per frame itself, with
/// [`KMeans::new`] and [`restart_rng`]`(seed, r)`, and gets the same result.
///
/// Errors: as [`KMeans::new`], plus `"n_init"` and `"max_iter"` out of range.
pub fn fit_best(x: &[f32], n_features: usize, p: &KMeansParams) -> Result<Restarts, ParamError> {
    p.check_counts()?;
    let mut best: Option<(KMeans, usize)> = None;
    let mut inertias = Vec::with_capacity(p.n_init);
    let mut converged = Vec::with_capacity(p.n_init);
    for r in 0..p.n_init {
        let mut run = KMeans::new(x, n_features, p.k, p.init, &mut restart_rng(p.seed, r))?;
        converged.push(run.run_to_convergence(p.max_iter));
        let inertia = run.inertia().unwrap_or(f64::INFINITY);
        inertias.push(inertia);
        if best.as_ref().is_none_or(|(b, _)| inertia < b.inertia().unwrap_or(f64::INFINITY)) {
            best = Some((run, r));
        }
    }
    let (best, best_restart) = best.ok_or_else(|| ParamError::too_few("n_init", 1, 0))?;
    Ok(Restarts { best, best_restart, inertias, converged })
}

/// One `k` of an elbow / silhouette sweep.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KSweepPoint {
    /// Number of clusters.
    pub k: usize,
    /// Final inertia of the best restart.
    pub inertia: f64,
    /// Silhouette score of that clustering on the sweep's subsample; `None` for `k = 1` or
    /// when the subsample holds fewer than 2 or more than `m − 1` clusters (undefined then).
    pub silhouette: Option<f32>,
    /// Lloyd iterations of the best restart.
    pub iterations: usize,
    /// Whether the best restart converged within `max_iter`.
    pub converged: bool,
}

/// Inertia and silhouette for `k = 1, 2, …, k_max`, computed a piece at a time so a page can
/// spread the sweep over animation frames: [`step_restart`](Self::step_restart) runs one
/// restart of the current `k` (one k-means run to convergence: about 1–4 ms for 2,000 2-D
/// points natively), [`step`](Self::step) finishes the current `k` (`n_init` runs).
///
/// The result equals [`fit_best`] for every `k` (same restarts, same tie rule).
/// Every `k` uses the same `init`, `n_init`, `max_iter` and `seed`, and the silhouette is
/// measured on one fixed subsample of at most `silhouette_sample` points (drawn once from
/// `Rng::stream(seed, SILHOUETTE_STREAM)`; all points when there are fewer), so the curve is
/// not jittered by a different sample per `k`. The sweep stops early at the number of distinct
/// points (no more clusters can be non-empty).
#[derive(Debug, Clone)]
pub struct KSweep {
    points: Vec<f32>,
    n_features: usize,
    params: KMeansParams,
    k_last: usize,
    sample: Vec<usize>,
    done: Vec<KSweepPoint>,
    /// Next restart of the `k` in progress, and its best run so far (with "converged").
    restart: usize,
    best: Option<(KMeans, bool)>,
}

impl KSweep {
    /// Validates and prepares the sweep (nothing is fitted yet). `params.k` is ignored.
    ///
    /// Errors: the data checks of [`KMeans::new`], `"k_max"` (0 or above [`MAX_K`]),
    /// `"n_init"`, `"max_iter"`, `"sample_size"` (below 2).
    pub fn new(
        x: &[f32],
        n_features: usize,
        k_max: usize,
        params: &KMeansParams,
        silhouette_sample: usize,
    ) -> Result<KSweep, ParamError> {
        let n = check_points(x, n_features)?;
        params.check_counts()?;
        if k_max == 0 || k_max > MAX_K {
            return Err(ParamError::out_of_range("k_max", 1.0, MAX_K as f64, k_max as f64));
        }
        check_sample_size(silhouette_sample)?;
        let k_last = k_max.min(count_distinct(x, n_features));
        let sample = sample_indices(n, silhouette_sample, params.seed);
        Ok(KSweep {
            points: x.to_vec(),
            n_features,
            params: *params,
            k_last,
            sample,
            done: Vec::new(),
            restart: 0,
            best: None,
        })
    }

    /// Runs one restart of the current `k`. Returns the `k`'s point when that was its last
    /// restart, else `None` (also once the sweep is finished: see
    /// [`is_finished`](Self::is_finished)).
    pub fn step_restart(&mut self) -> Option<KSweepPoint> {
        let k = self.done.len() + 1;
        if k > self.k_last {
            return None;
        }
        // Cannot fail: the data, the counts and k ≤ distinct points were checked in `new`.
        let mut run = KMeans::new(
            &self.points,
            self.n_features,
            k,
            self.params.init,
            &mut restart_rng(self.params.seed, self.restart),
        )
        .ok()?;
        let converged = run.run_to_convergence(self.params.max_iter);
        let inertia = run.inertia().unwrap_or(f64::INFINITY);
        if self.best.as_ref().is_none_or(|(b, _)| inertia < b.inertia().unwrap_or(f64::INFINITY)) {
            self.best = Some((run, converged));
        }
        self.restart += 1;
        if self.restart < self.params.n_init {
            return None;
        }
        self.restart = 0;
        let (best, converged) = self.best.take()?;
        let silhouette = if k >= 2 {
            best.labels()
                .and_then(|labels| silhouette_of_rows(&self.points, self.n_features, labels, &self.sample).ok())
        } else {
            None
        };
        let point = KSweepPoint {
            k,
            inertia: best.inertia().unwrap_or(f64::NAN),
            silhouette,
            iterations: best.iterations(),
            converged,
        };
        self.done.push(point);
        Some(point)
    }

    /// Finishes the current `k` (its remaining restarts) and returns its point; `None` once
    /// the sweep is finished.
    pub fn step(&mut self) -> Option<KSweepPoint> {
        while !self.is_finished() {
            if let Some(point) = self.step_restart() {
                return Some(point);
            }
        }
        None
    }

    /// Every `k` computed so far.
    pub fn points(&self) -> &[KSweepPoint] {
        &self.done
    }

    /// The largest `k` the sweep will reach (`k_max`, or fewer when there are fewer distinct
    /// points).
    pub fn k_last(&self) -> usize {
        self.k_last
    }

    /// True when every `k` is done.
    pub fn is_finished(&self) -> bool {
        self.done.len() >= self.k_last
    }

    /// Indices of the points the silhouettes are measured on (ascending).
    pub fn sample(&self) -> &[usize] {
        &self.sample
    }

    /// The `k` of highest silhouette among those computed so far (the smallest `k` on a tie);
    /// `None` before `k = 2` is done.
    pub fn best_silhouette_k(&self) -> Option<usize> {
        self.done
            .iter()
            .filter_map(|p| p.silhouette.map(|v| (p.k, v)))
            .fold(None, |best: Option<(usize, f32)>, (k, v)| if best.is_none_or(|b| v > b.1) { Some((k, v)) } else { best })
            .map(|(k, _)| k)
    }
}

/// The whole sweep at once (see [`KSweep`]).
pub fn k_sweep(
    x: &[f32],
    n_features: usize,
    k_max: usize,
    params: &KMeansParams,
    silhouette_sample: usize,
) -> Result<Vec<KSweepPoint>, ParamError> {
    let mut s = KSweep::new(x, n_features, k_max, params, silhouette_sample)?;
    while s.step().is_some() {}
    Ok(s.done)
}

impl Stepping for KMeans {
    /// One of Lloyd's moves, assign or update ([`KMeans::step`]); none once converged.
    fn step(&mut self) {
        if !self.converged() {
            KMeans::step(self);
        }
    }
    fn done(&self) -> bool {
        self.converged()
    }
    /// Moves made; how many it takes depends on the data.
    fn progress(&self) -> Progress {
        Progress { done: self.moves().len(), total: None }
    }
}

impl Stepping for KSweep {
    /// One restart of the `k` in progress ([`KSweep::step_restart`]).
    fn step(&mut self) {
        if !self.is_finished() {
            self.step_restart();
        }
    }
    fn done(&self) -> bool {
        self.is_finished()
    }
    /// Restarts run, out of `k_last × n_init`.
    fn progress(&self) -> Progress {
        let n_init = self.params.n_init;
        Progress { done: self.done.len() * n_init + self.restart, total: Some(self.k_last * n_init) }
    }
}
