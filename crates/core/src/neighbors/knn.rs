//! # k-nearest neighbours: the answer of the closest training rows
//!
//! To predict a row `q`, find the `k` training rows nearest to it in Euclidean distance
//! `d(q, xᵢ) = √(Σⱼ (qⱼ − xᵢⱼ)²)` and let them answer:
//!
//! ```text
//! classifier:  P(c | q) = Σ_{i ∈ N_k(q)} wᵢ·[yᵢ = c] / Σ wᵢ,     ŷ = argmax_c P(c | q)
//! regressor:   ŷ = Σ_{i ∈ N_k(q)} wᵢ·yᵢ / Σ wᵢ
//! ```
//!
//! with weights `wᵢ = 1` ([`Weights::Uniform`]) or `wᵢ = 1/d(q, xᵢ)` ([`Weights::Distance`]:
//! nearer neighbours count more). When some neighbours sit exactly on `q` (`d = 0`) those alone
//! answer, each with weight 1 and the others 0 — scikit-learn's rule, which avoids `1/0`.
//!
//! ## Ties, exactly as scikit-learn
//!
//! - **A tied vote** (two classes with the same total weight) goes to the smallest class index:
//!   scikit-learn takes `argmax` of the class probabilities, which returns the first maximum
//!   (checked by `fixtures/sklearn/make_fixtures.py` on a constructed tie).
//! - **Equal distances** at the `k`-th place: we keep the training row that comes first. Which
//!   row scikit-learn keeps depends on its search algorithm (a partial sort); data with distinct
//!   distances — any continuous table — give both the same neighbours.
//!
//! ## Cost and precision
//!
//! Brute force: `n_train · n_features` multiply-adds per row asked, with the squared distances
//! summed in `f64` over eight independent lanes (the loop vectorises). The `k` best so far are
//! kept in a sorted list and most rows are rejected by one comparison with the current `k`-th.
//! Measured natively: 5,000 rows asked of 5,000 stored × 30 features, `k = 5`, in
//! `docs/TABULAR-MODELS.md`. Predictions can be made a block of rows at a time.

use crate::error::ParamError;
use crate::metrics::scores::class_indices;
use crate::shared::{check_points, check_rows, slug_enum};

slug_enum! {
    /// How much each of the `k` neighbours counts.
    pub enum Weights {
        /// Every neighbour counts 1.
        Uniform => "uniform",
        /// A neighbour counts `1/distance` (rows on the question itself: see the module docs).
        Distance => "distance",
    }
}

/// Settings of a k-NN model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KnnParams {
    /// Number of neighbours asked, from 1 to the number of training rows.
    pub k: usize,
    pub weights: Weights,
}

impl Default for KnnParams {
    /// scikit-learn's defaults: 5 neighbours, uniform weights.
    fn default() -> Self {
        KnnParams { k: 5, weights: Weights::Uniform }
    }
}

/// The stored training table and the neighbour search over it.
#[derive(Debug, Clone, PartialEq)]
struct Table {
    x: Vec<f32>,
    n_features: usize,
    n_rows: usize,
    params: KnnParams,
}

/// Squared Euclidean distance in `f64`, eight independent partial sums so that the loop
/// vectorises (one running sum would force the additions into sequence).
#[inline]
#[allow(clippy::needless_range_loop)] // one index runs over both chunks and the lanes
fn squared_distance(a: &[f32], b: &[f32]) -> f64 {
    const LANES: usize = 8;
    let mut acc = [0.0f64; LANES];
    let (ca, cb) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let mut tail = 0.0f64;
    for (p, q) in ca.remainder().iter().zip(cb.remainder()) {
        let d = f64::from(*p) - f64::from(*q);
        tail += d * d;
    }
    for (pa, pb) in ca.zip(cb) {
        // Fixed-size views: no bounds checks inside, so the lanes map onto vector registers.
        let (Ok(pa), Ok(pb)) = (<&[f32; LANES]>::try_from(pa), <&[f32; LANES]>::try_from(pb)) else { continue };
        for l in 0..LANES {
            let d = f64::from(pa[l]) - f64::from(pb[l]);
            acc[l] += d * d;
        }
    }
    acc.iter().sum::<f64>() + tail
}

/// One neighbour: its training row and its distance to the question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbor {
    pub row: usize,
    pub distance: f64,
}

impl Table {
    fn new(x: &[f32], n_features: usize, params: KnnParams) -> Result<Table, ParamError> {
        let n_rows = check_points(x, n_features)?;
        if params.k == 0 || params.k > n_rows {
            return Err(ParamError::out_of_range("k", 1.0, n_rows as f64, params.k as f64));
        }
        Ok(Table { x: x.to_vec(), n_features, n_rows, params })
    }

    /// Checks a block of rows asked and returns their number.
    fn check_query(&self, x: &[f32]) -> Result<usize, ParamError> {
        check_rows(x, self.n_features)
    }

    /// The `k` nearest training rows to `q`, nearest first (equal distances: lower row first),
    /// into `best` (cleared first). Squared distances while searching, distances at the end.
    fn nearest(&self, q: &[f32], best: &mut Vec<Neighbor>) {
        let k = self.params.k;
        best.clear();
        for (row, xi) in self.x.chunks_exact(self.n_features).enumerate() {
            let d2 = squared_distance(q, xi);
            if best.len() == k {
                // Strictly nearer than the current k-th, or it stays out (ties: earlier row).
                if d2 >= best[k - 1].distance {
                    continue;
                }
                best.pop();
            }
            let at = best.partition_point(|b| b.distance <= d2);
            best.insert(at, Neighbor { row, distance: d2 });
        }
        for b in best.iter_mut() {
            b.distance = b.distance.sqrt();
        }
    }

    /// The neighbours' weights (module docs), into `w`.
    fn weights(&self, best: &[Neighbor], w: &mut Vec<f64>) {
        w.clear();
        match self.params.weights {
            Weights::Uniform => w.extend(best.iter().map(|_| 1.0)),
            Weights::Distance => {
                if best.iter().any(|b| b.distance == 0.0) {
                    w.extend(best.iter().map(|b| if b.distance == 0.0 { 1.0 } else { 0.0 }));
                } else {
                    w.extend(best.iter().map(|b| 1.0 / b.distance));
                }
            }
        }
    }

    fn neighbors(&self, q: &[f32]) -> Result<Vec<Neighbor>, ParamError> {
        if q.len() != self.n_features {
            return Err(ParamError::length_mismatch("points", self.n_features, q.len()));
        }
        self.check_query(q)?;
        let mut best = Vec::with_capacity(self.params.k + 1);
        self.nearest(q, &mut best);
        Ok(best)
    }
}

/// k-NN classifier (module docs). Classes are `0..n_classes` with `n_classes` = largest
/// training label + 1; a class with no training row always has probability 0.
#[derive(Debug, Clone, PartialEq)]
pub struct KnnClassifier {
    table: Table,
    labels: Vec<usize>,
    n_classes: usize,
}

impl KnnClassifier {
    /// Stores the table `x` (`n × n_features`, row-major) with class labels `y`.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length, not a class index), `"k"` (0 or more than the rows).
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &KnnParams) -> Result<KnnClassifier, ParamError> {
        let table = Table::new(x, n_features, *params)?;
        if y.len() != table.n_rows {
            return Err(ParamError::length_mismatch("y", table.n_rows, y.len()));
        }
        let labels = class_indices(y, "y")?;
        let n_classes = labels.iter().copied().max().unwrap_or(0) + 1;
        Ok(KnnClassifier { table, labels, n_classes })
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.table.n_features
    }

    pub fn params(&self) -> KnnParams {
        self.table.params
    }

    /// The `k` nearest training rows to one row `q`, nearest first, with their distances.
    /// Errors: `"points"` (not `n_features` finite numbers).
    pub fn neighbors(&self, q: &[f32]) -> Result<Vec<Neighbor>, ParamError> {
        self.table.neighbors(q)
    }

    /// Class probabilities of every row of `x` (any number of whole rows: a block of a larger
    /// table is fine) into `out`, `rows × n_classes`, row-major.
    ///
    /// Errors: `"points"` (not whole rows, NaN or infinite), `"out"` (wrong length).
    pub fn predict_proba_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        self.predict_both(x, Some(out), None)
    }

    /// The most probable class of every row of `x` (ties: the smallest class) into `out`,
    /// one per row. Errors as [`predict_proba_into`](Self::predict_proba_into).
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        self.predict_both(x, None, Some(out))
    }

    /// [`predict_into`](Self::predict_into) into a new vector.
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        let mut out = vec![0.0; self.table.check_query(x)?];
        self.predict_into(x, &mut out)?;
        Ok(out)
    }

    /// [`predict_proba_into`](Self::predict_proba_into) into a new vector.
    pub fn predict_proba(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        let mut out = vec![0.0; self.table.check_query(x)? * self.n_classes];
        self.predict_proba_into(x, &mut out)?;
        Ok(out)
    }

    fn predict_both(&self, x: &[f32], mut proba: Option<&mut [f32]>, mut classes: Option<&mut [f32]>) -> Result<(), ParamError> {
        let rows = self.table.check_query(x)?;
        let k = self.n_classes;
        if let Some(p) = proba.as_deref() {
            if p.len() != rows * k {
                return Err(ParamError::length_mismatch("out", rows * k, p.len()));
            }
        }
        if let Some(c) = classes.as_deref() {
            if c.len() != rows {
                return Err(ParamError::length_mismatch("out", rows, c.len()));
            }
        }
        let (mut best, mut w) = (Vec::with_capacity(self.table.params.k + 1), Vec::new());
        let mut votes = vec![0.0f64; k];
        for (r, q) in x.chunks_exact(self.table.n_features).enumerate() {
            self.table.nearest(q, &mut best);
            self.table.weights(&best, &mut w);
            votes.fill(0.0);
            for (b, &wi) in best.iter().zip(&w) {
                votes[self.labels[b.row]] += wi;
            }
            let total: f64 = votes.iter().sum();
            let total = if total == 0.0 { 1.0 } else { total };
            if let Some(p) = proba.as_deref_mut() {
                for (o, &v) in p[r * k..(r + 1) * k].iter_mut().zip(&votes) {
                    *o = (v / total) as f32;
                }
            }
            if let Some(c) = classes.as_deref_mut() {
                // First maximum: a tie goes to the smallest class (module docs).
                let mut top = 0;
                for (class, &v) in votes.iter().enumerate() {
                    if v > votes[top] {
                        top = class;
                    }
                }
                c[r] = top as f32;
            }
        }
        Ok(())
    }
}

/// k-NN regressor (module docs): the (weighted) mean of the neighbours' targets.
#[derive(Debug, Clone, PartialEq)]
pub struct KnnRegressor {
    table: Table,
    targets: Vec<f64>,
}

impl KnnRegressor {
    /// Stores the table `x` (`n × n_features`, row-major) with real targets `y`.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length, NaN or infinite), `"k"` (0 or more than the rows).
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &KnnParams) -> Result<KnnRegressor, ParamError> {
        let table = Table::new(x, n_features, *params)?;
        if y.len() != table.n_rows {
            return Err(ParamError::length_mismatch("y", table.n_rows, y.len()));
        }
        if let Some(&v) = y.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::not_finite("y", v.into()));
        }
        Ok(KnnRegressor { table, targets: y.iter().map(|&v| f64::from(v)).collect() })
    }

    pub fn n_features(&self) -> usize {
        self.table.n_features
    }

    pub fn params(&self) -> KnnParams {
        self.table.params
    }

    /// The `k` nearest training rows to one row `q`; see [`KnnClassifier::neighbors`].
    pub fn neighbors(&self, q: &[f32]) -> Result<Vec<Neighbor>, ParamError> {
        self.table.neighbors(q)
    }

    /// Prediction for every row of `x` (any number of whole rows) into `out`, one per row,
    /// averaged in `f64` and rounded once. Errors: `"points"`, `"out"` (wrong length).
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let rows = self.table.check_query(x)?;
        if out.len() != rows {
            return Err(ParamError::length_mismatch("out", rows, out.len()));
        }
        let (mut best, mut w) = (Vec::with_capacity(self.table.params.k + 1), Vec::new());
        for (q, o) in x.chunks_exact(self.table.n_features).zip(out.iter_mut()) {
            self.table.nearest(q, &mut best);
            self.table.weights(&best, &mut w);
            let (mut num, mut den) = (0.0f64, 0.0f64);
            for (b, &wi) in best.iter().zip(&w) {
                num += wi * self.targets[b.row];
                den += wi;
            }
            *o = (num / den) as f32;
        }
        Ok(())
    }

    /// [`predict_into`](Self::predict_into) into a new vector.
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        let mut out = vec![0.0; self.table.check_query(x)?];
        self.predict_into(x, &mut out)?;
        Ok(out)
    }
}
