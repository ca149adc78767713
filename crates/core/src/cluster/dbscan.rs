//! # DBSCAN: clusters as dense regions, of any shape
//!
//! k-means draws straight borders halfway between centres, so it cannot find two interleaved
//! moons or a ring around a disc. DBSCAN (Ester, Kriegel, Sander & Xu 1996) instead grows
//! clusters through regions where points are packed densely, whatever their shape, and leaves
//! points in sparse regions out as **noise**. Two settings:
//!
//! * `eps` (ε): the radius of a point's neighbourhood, `N(p) = { q : ‖p − q‖ ≤ ε }`. A point
//!   counts itself: `p ∈ N(p)`.
//! * `min_samples`: how many points (itself included) a neighbourhood needs to be dense.
//!
//! Every point is then one of three kinds:
//!
//! * **core**: `|N(p)| ≥ min_samples`;
//! * **border**: not core, but within `ε` of a core point;
//! * **noise**: neither (label `−1`).
//!
//! A cluster is a maximal set of core points linked by chains of core points each within `ε`
//! of the next, plus the border points within `ε` of any of them. A border point near two
//! clusters joins the one found **first**; we find clusters exactly as scikit-learn does, so
//! its labels are reproduced exactly: points are scanned in index order, and each core point
//! not yet labelled starts a new cluster (numbered 0, 1, …) that is flooded from it; the flood
//! labels every unlabelled point it reaches and continues only through core points.
//!
//! Labels do not depend on the order in which a flood visits points (the set it reaches is
//! fixed), so we flood breadth-first: [`Dbscan::visit_order`] then lists the points in a
//! growing wave from each cluster's first core point, which the page can animate.
//!
//! ## Cost
//!
//! Neighbourhoods are found on a grid: space is cut into square cells of side `1.001·ε` over
//! the first two coordinates (one for 1-D data), so a point's neighbours can only lie in its
//! own cell or the eight around it; only points there are measured (distances in `f64`, other
//! coordinates included). The `0.1 %` margin keeps rounding in `x/side` from ever putting two
//! points within `ε` two cells apart; should a cell index exceed 10¹² (an absurdly small `ε`
//! for the data's size) the grid falls back to a single cell, i.e. to comparing all pairs —
//! slow, never wrong.
//!
//! Neighbour lists are not stored (with a large `ε` they would take `n²` memory): the counts
//! are found in one pass and each core point's neighbours are found again when the flood
//! reaches it; the flood stops as soon as every point has a label.
//!
//! Measured natively on 2,000 points (two shared, busy cores): about 1–2.5 ms for
//! `ε = 0.1 … 0.3`, 4–12 ms for `ε = 0.6 … 2` (neighbourhoods of hundreds of points, all
//! measured twice), ≈ 7 ms when `ε` spans the whole data set (the counting pass compares all
//! `n²` pairs; the flood stops after the first scan). Fine when a slider moves; not per frame.

use crate::error::ParamError;
use crate::shared::{check_points, dist2};
use crate::shared::slug_enum;
use std::collections::VecDeque;

/// The label of a noise point.
pub const NOISE: i32 = -1;

slug_enum! {
    /// The role a point plays in DBSCAN (module docs).
    pub enum PointKind {
        /// At least `min_samples` points within `eps` (itself included).
        Core => "core",
        /// Not core, but within `eps` of a core point.
        Border => "border",
        /// Neither: belongs to no cluster.
        Noise => "noise",
    }
}

/// Settings of a DBSCAN run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DbscanParams {
    /// Neighbourhood radius ε, finite and > 0.
    pub eps: f32,
    /// Points (itself included) a neighbourhood needs for its centre to be core, ≥ 1.
    pub min_samples: usize,
}

impl Default for DbscanParams {
    /// ε = 0.5, 5 points (scikit-learn's defaults; the lab's [−6, 6]² makes ε = 0.5 a sensible
    /// start for a few hundred points).
    fn default() -> Self {
        DbscanParams { eps: 0.5, min_samples: 5 }
    }
}

/// The result of [`dbscan`].
#[derive(Debug, Clone, PartialEq)]
pub struct Dbscan {
    labels: Vec<i32>,
    kinds: Vec<PointKind>,
    neighbours: Vec<usize>,
    visit_order: Vec<usize>,
    n_clusters: usize,
}

impl Dbscan {
    /// Cluster of every point (`0, 1, …` in order of discovery), [`NOISE`] = −1 for noise —
    /// scikit-learn's `labels_`.
    pub fn labels(&self) -> &[i32] {
        &self.labels
    }

    /// The labels with noise counted as one more group, `n_clusters()`: what a comparison with
    /// known groups (the adjusted Rand index) needs, where every point must be in some group.
    pub fn labels_noise_as_group(&self) -> Vec<usize> {
        self.labels.iter().map(|&l| if l == NOISE { self.n_clusters } else { l as usize }).collect()
    }

    /// Core, border or noise, for every point.
    pub fn kinds(&self) -> &[PointKind] {
        &self.kinds
    }

    /// Whether point `i` is a core point (false for an index past the end).
    pub fn is_core(&self, i: usize) -> bool {
        self.kinds.get(i) == Some(&PointKind::Core)
    }

    /// Indices of the core points, ascending — scikit-learn's `core_sample_indices_`.
    pub fn core_indices(&self) -> Vec<usize> {
        (0..self.kinds.len()).filter(|&i| self.is_core(i)).collect()
    }

    /// `|N(p)|` of every point (itself included).
    pub fn neighbour_counts(&self) -> &[usize] {
        &self.neighbours
    }

    /// Every clustered point in the order the floods labelled it (breadth-first from each
    /// cluster's first core point, clusters in order); noise points are not in it.
    pub fn visit_order(&self) -> &[usize] {
        &self.visit_order
    }

    /// Number of clusters found.
    pub fn n_clusters(&self) -> usize {
        self.n_clusters
    }

    /// Number of noise points.
    pub fn n_noise(&self) -> usize {
        self.labels.iter().filter(|&&l| l == NOISE).count()
    }
}

/// Cell indices beyond this are not trusted to `f64` rounding (module docs); the grid then
/// falls back to a single cell.
const MAX_CELL_INDEX: f64 = 1e12;

/// Neighbourhood queries on a grid of square cells of side `1.001·ε` over the first two
/// coordinates (module docs).
struct Neighbourhoods {
    d: usize,
    eps2: f64,
    /// The rows sorted by cell (`n × d`), so a query scans contiguous memory.
    rows: Vec<f32>,
    /// Original index of every sorted row.
    index: Vec<usize>,
    /// Sorted position of every original index.
    position: Vec<usize>,
    /// Distinct-cell number of every sorted row.
    cell_of_row: Vec<usize>,
    /// For every distinct cell, the three runs of sorted rows that can hold its neighbours
    /// (one per column `cx − 1, cx, cx + 1`, each spanning rows `cy − 1 ..= cy + 1`).
    runs: Vec<[(usize, usize); 3]>,
}

impl Neighbourhoods {
    fn new(x: &[f32], d: usize, eps: f32) -> Self {
        let n = x.len() / d;
        let eps = f64::from(eps);
        // Slightly larger than ε, so that rounding never puts two neighbours two cells apart.
        let side = 1.001 * eps;
        let far = x.iter().enumerate().filter(|(k, _)| k % d < 2).fold(0.0f64, |m, (_, &v)| m.max(f64::from(v).abs()));
        let one_cell = far / side > MAX_CELL_INDEX;
        let cell = |v: f32| (f64::from(v) / side).floor() as i64;
        let mut order: Vec<(i64, i64, usize)> = x
            .chunks_exact(d)
            .enumerate()
            .map(|(i, r)| match (one_cell, d) {
                (true, _) => (0, 0, i),
                (false, 1) => (cell(r[0]), 0, i),
                (false, _) => (cell(r[0]), cell(r[1]), i),
            })
            .collect();
        order.sort_unstable();
        let cells: Vec<(i64, i64)> = order.iter().map(|&(a, b, _)| (a, b)).collect();
        let mut rows = Vec::with_capacity(n * d);
        let mut position = vec![0; n];
        let mut cell_of_row = Vec::with_capacity(n);
        let mut runs = Vec::new();
        for (k, &(cx, cy, i)) in order.iter().enumerate() {
            rows.extend_from_slice(&x[i * d..(i + 1) * d]);
            position[i] = k;
            if k == 0 || cells[k - 1] != (cx, cy) {
                // A new cell: find its neighbour runs once (binary searches on the sorted
                // cells; |cx|, |cy| ≤ 10¹² + 1, so ±1 cannot overflow).
                runs.push([cx - 1, cx, cx + 1].map(|kx| {
                    (cells.partition_point(|&c| c < (kx, cy - 1)), cells.partition_point(|&c| c <= (kx, cy + 1)))
                }));
            }
            cell_of_row.push(runs.len() - 1);
        }
        let index = order.iter().map(|&(_, _, i)| i).collect();
        Neighbourhoods { d, eps2: eps * eps, rows, index, position, cell_of_row, runs }
    }

    /// Calls `f(q)` for every `q` with `‖x_p − x_q‖ ≤ ε`, `p` itself included.
    fn for_each(&self, p: usize, mut f: impl FnMut(usize)) {
        let d = self.d;
        let at = self.position[p];
        let row = &self.rows[at * d..(at + 1) * d];
        for &(lo, hi) in &self.runs[self.cell_of_row[at]] {
            let block = &self.rows[lo * d..hi * d];
            if d == 2 {
                // The lab's case, spelled out so the compiler keeps both coordinates in
                // registers; the same f64 arithmetic as `dist2`.
                let (px, py) = (f64::from(row[0]), f64::from(row[1]));
                for (q, other) in block.chunks_exact(2).enumerate() {
                    let (dx, dy) = (f64::from(other[0]) - px, f64::from(other[1]) - py);
                    if dx * dx + dy * dy <= self.eps2 {
                        f(self.index[lo + q]);
                    }
                }
            } else {
                for (q, other) in block.chunks_exact(d).enumerate() {
                    if dist2(row, other) <= self.eps2 {
                        f(self.index[lo + q]);
                    }
                }
            }
        }
    }
}

/// Runs DBSCAN on `n` points (rows of `n_features`).
///
/// Errors: `"n_features"` (0), `"points"` (empty, ragged, non-finite), `"eps"` (not a finite
/// number > 0), `"min_samples"` (0).
pub fn dbscan(x: &[f32], n_features: usize, p: &DbscanParams) -> Result<Dbscan, ParamError> {
    let n = check_points(x, n_features)?;
    if !(p.eps > 0.0 && p.eps.is_finite()) {
        return Err(if p.eps.is_finite() {
            ParamError::above("eps", 0.0, f64::INFINITY, p.eps.into())
        } else {
            ParamError::not_finite("eps", p.eps.into())
        });
    }
    if p.min_samples == 0 {
        return Err(ParamError::at_least("min_samples", 1.0, 0.0));
    }
    let hood = Neighbourhoods::new(x, n_features, p.eps);
    let mut neighbours = vec![0usize; n];
    for (i, count) in neighbours.iter_mut().enumerate() {
        hood.for_each(i, |_| *count += 1);
    }
    let core: Vec<bool> = neighbours.iter().map(|&c| c >= p.min_samples).collect();

    let mut labels = vec![NOISE; n];
    let mut visit_order = Vec::with_capacity(n);
    let mut queue = VecDeque::new();
    let mut cluster: i32 = 0;
    for seed in 0..n {
        if visit_order.len() == n {
            // Every point has its label; nothing is left to flood.
            break;
        }
        if labels[seed] != NOISE || !core[seed] {
            continue;
        }
        // Label on enqueue, so no point is queued twice (the queue stays ≤ n long).
        labels[seed] = cluster;
        visit_order.push(seed);
        queue.push_back(seed);
        while let Some(q) = queue.pop_front() {
            if !core[q] || visit_order.len() == n {
                // A border point joins, but the cluster does not grow through it.
                continue;
            }
            hood.for_each(q, |r| {
                if labels[r] == NOISE {
                    labels[r] = cluster;
                    visit_order.push(r);
                    queue.push_back(r);
                }
            });
        }
        cluster += 1;
    }
    let kinds = (0..n)
        .map(|i| {
            if core[i] {
                PointKind::Core
            } else if labels[i] != NOISE {
                PointKind::Border
            } else {
                PointKind::Noise
            }
        })
        .collect();
    Ok(Dbscan { labels, kinds, neighbours, visit_order, n_clusters: cluster as usize })
}
