//! # Cross-validation and hyperparameter search
//!
//! Hyperparameters (a polynomial's degree, the ridge strength λ, a learning rate…) are not
//! learned by gradient descent: they are *chosen*, by trying values and keeping the one with
//! the lowest **validation** error. Choosing on the training error would always pick the most
//! flexible model; choosing on the test set would spend it, so it no longer measures anything.
//!
//! ## k-fold cross-validation
//!
//! One validation set of a few points gives a noisy score. [`KFold`] shuffles the `n` points
//! once (seeded) and deals them into `k` folds of sizes `⌊n/k⌋` or `⌈n/k⌉`; round `i` trains on
//! every fold but `i` and validates on fold `i`. Every point is validated exactly once, and the
//! score is the mean validation error over the `k` rounds:
//!
//! ```text
//! CV(h) = (1/k) Σᵢ₌₁ᵏ MSE(model fitted with h on the data without fold i, fold i)
//! ```
//!
//! ## Grid search and random search
//!
//! Both try cells `(a, b)` of two hyperparameters and keep the lowest score.
//!
//! * [`GridSearch`] tries every pair of two lists of values (`|A|·|B|` cells, row by row).
//! * [`RandomSearch`] draws `n` cells uniformly from two ranges — or **log-uniformly**,
//!   `exp(U[ln lo, ln hi])`, for scale parameters like λ or a learning rate, where 0.001 → 0.01
//!   matters as much as 0.1 → 1. With the same budget it tries `n` distinct values of each
//!   axis instead of `√n`, which wins when one axis matters much more than the other
//!   (Bergstra & Bengio 2012).
//!
//! Both are **incremental**: the page calls [`next_cell`](GridSearch::next_cell) a few times per
//! animation frame (or asks for [`pending`](GridSearch::pending) parameters and later
//! [`record`](GridSearch::record)s a score that took many frames to compute, like a training
//! run), and draws the heatmap as it fills. A NaN or infinite score marks a failed cell: it is
//! recorded but can never be the best. On equal scores the earlier cell stays best.
//!
//! [`PolyObjective`] is a ready score for the degree × λ search of polynomial regression:
//! hold-out validation MSE, or the k-fold mean above. [`SearchRun`] pairs a search with its
//! objective, so a page can step it one try at a time like every animated model.

use crate::error::ParamError;
use crate::linear::poly::{PolyFit, MAX_DEGREE};
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};

/// Stream id of the k-fold shuffle (continues the ids of [`rng::streams`](crate::rng::streams)).
pub const FOLDS_STREAM: u64 = 5;
/// Stream id of random-search samples.
pub const SEARCH_STREAM: u64 = 6;
/// Fewest folds.
pub const MIN_FOLDS: usize = 2;
/// Most folds.
pub const MAX_FOLDS: usize = 20;
/// Most values on one grid axis.
pub const MAX_AXIS_VALUES: usize = 100;
/// Most cells a random search may draw.
pub const MAX_RANDOM_CELLS: usize = 10_000;

/// A seeded partition of `n` points into `k` folds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KFold {
    k: usize,
    /// Fold of every point.
    fold_of: Vec<usize>,
}

impl KFold {
    /// Shuffles `0..n` with `Rng::stream(seed, FOLDS_STREAM)` and gives fold `i` the shuffled
    /// positions `⌊i·n/k⌋ .. ⌊(i+1)·n/k⌋`: sizes differ by at most one.
    ///
    /// Errors: field `"folds"` (the overfitting lab's name for `k`) when `k` is outside `2..=20`
    /// or larger than `n` (a fold would be empty).
    pub fn new(n: usize, k: usize, seed: u64) -> Result<KFold, ParamError> {
        if !(MIN_FOLDS..=MAX_FOLDS).contains(&k) {
            return Err(ParamError::out_of_range("folds", MIN_FOLDS as f64, MAX_FOLDS as f64, k as f64));
        }
        if k > n {
            return Err(ParamError::needs_points("folds", k, n));
        }
        let mut order: Vec<usize> = (0..n).collect();
        Rng::stream(seed, FOLDS_STREAM).shuffle(&mut order);
        let mut fold_of = vec![0; n];
        for f in 0..k {
            // u64 products: n·k cannot overflow for any realistic n, but costs nothing to guard.
            let lo = (f as u64 * n as u64 / k as u64) as usize;
            let hi = ((f as u64 + 1) * n as u64 / k as u64) as usize;
            for &i in &order[lo..hi] {
                fold_of[i] = f;
            }
        }
        Ok(KFold { k, fold_of })
    }

    /// Number of folds.
    pub fn k(&self) -> usize {
        self.k
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.fold_of.len()
    }

    /// True when there are no points (impossible after a successful `new`).
    pub fn is_empty(&self) -> bool {
        self.fold_of.is_empty()
    }

    /// The fold of every point (`0..k`), indexed like the data.
    pub fn assignments(&self) -> &[usize] {
        &self.fold_of
    }

    /// `(train indices, validation indices)` of round `i`, both ascending. An `i ≥ k` has no
    /// points to validate on: it gives every point as training and an empty validation list
    /// (visibly empty, no panic).
    pub fn fold(&self, i: usize) -> (Vec<usize>, Vec<usize>) {
        let mut train = Vec::new();
        let mut val = Vec::new();
        self.fold_into(i, &mut train, &mut val);
        (train, val)
    }

    /// Like [`fold`](Self::fold), into reused buffers (cleared first): no allocation once they
    /// have grown.
    pub fn fold_into(&self, i: usize, train: &mut Vec<usize>, val: &mut Vec<usize>) {
        train.clear();
        val.clear();
        for (p, &f) in self.fold_of.iter().enumerate() {
            if f == i {
                val.push(p);
            } else {
                train.push(p);
            }
        }
    }
}

/// One evaluated cell of a search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Position in evaluation order (for a grid: `ia·|B| + ib`).
    pub index: usize,
    /// First hyperparameter.
    pub a: f32,
    /// Second hyperparameter.
    pub b: f32,
    /// Validation error (lower is better); NaN/∞ for a failed cell.
    pub score: f32,
}

/// Evaluated cells and the best so far; shared by both searches.
#[derive(Debug, Clone, Default, PartialEq)]
struct Tracker {
    cells: Vec<Cell>,
    best: Option<usize>,
}

impl Tracker {
    fn record(&mut self, a: f32, b: f32, score: f32) -> Cell {
        let cell = Cell { index: self.cells.len(), a, b, score };
        // Strictly lower only: an equal score keeps the earlier cell. NaN compares false.
        let better = score.is_finite() && self.best.is_none_or(|i| score < self.cells[i].score);
        if better {
            self.best = Some(cell.index);
        }
        self.cells.push(cell);
        cell
    }

    fn best(&self) -> Option<Cell> {
        self.best.map(|i| self.cells[i])
    }
}

/// Checks one list of grid values (field `field`).
fn check_axis(field: &'static str, values: &[f32]) -> Result<(), ParamError> {
    if values.is_empty() || values.len() > MAX_AXIS_VALUES {
        return Err(ParamError::out_of_range(field, 1.0, MAX_AXIS_VALUES as f64, values.len() as f64));
    }
    if let Some(v) = values.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite(field, (*v).into()));
    }
    Ok(())
}

/// `count` values from `lo` to `hi` inclusive, evenly spaced — or, with `log`, evenly spaced
/// in `ln` (a geometric sequence, e.g. `1e-4, 1e-3, …, 1`), which needs `0 < lo, hi`.
/// `count = 1` gives `[lo]`. Errors: field `"axis"`.
pub fn axis_values(lo: f32, hi: f32, count: usize, log: bool) -> Result<Vec<f32>, ParamError> {
    check_range("axis", lo, hi, log)?;
    if count == 0 || count > MAX_AXIS_VALUES {
        return Err(ParamError::out_of_range("axis", 1.0, MAX_AXIS_VALUES as f64, count as f64));
    }
    let (l, h) = if log { (f64::from(lo).ln(), f64::from(hi).ln()) } else { (f64::from(lo), f64::from(hi)) };
    Ok((0..count)
        .map(|i| {
            // Endpoints exact: t = 0 gives lo, t = 1 gives hi, with no rounding drift.
            if i == 0 {
                return lo;
            }
            if i + 1 == count {
                return hi;
            }
            let v = l + (h - l) * i as f64 / (count - 1) as f64;
            (if log { v.exp() } else { v }) as f32
        })
        .collect())
}

/// An exhaustive search over every pair of two lists of values, one cell at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct GridSearch {
    a: Vec<f32>,
    b: Vec<f32>,
    tracker: Tracker,
}

impl GridSearch {
    /// Cells in row-major order: `(a[0], b[0]), (a[0], b[1]), …`.
    ///
    /// Errors: field `"a"` or `"b"` for an empty list, more than 100 values, or a non-finite one.
    pub fn new(a: Vec<f32>, b: Vec<f32>) -> Result<GridSearch, ParamError> {
        check_axis("a", &a)?;
        check_axis("b", &b)?;
        let total = a.len() * b.len();
        Ok(GridSearch { a, b, tracker: Tracker { cells: Vec::with_capacity(total), best: None } })
    }

    /// The first axis.
    pub fn a_values(&self) -> &[f32] {
        &self.a
    }

    /// The second axis.
    pub fn b_values(&self) -> &[f32] {
        &self.b
    }

    /// Number of cells, `|A|·|B|`.
    pub fn total(&self) -> usize {
        self.a.len() * self.b.len()
    }

    /// Cells evaluated so far.
    pub fn done(&self) -> usize {
        self.tracker.cells.len()
    }

    /// True once every cell has a score.
    pub fn is_finished(&self) -> bool {
        self.done() >= self.total()
    }

    /// `(a, b)` of the next cell to evaluate; `None` when finished.
    pub fn pending(&self) -> Option<(f32, f32)> {
        let i = self.done();
        (i < self.total()).then(|| (self.a[i / self.b.len()], self.b[i % self.b.len()]))
    }

    /// Records the score of the [`pending`](Self::pending) cell and moves on; `None` (nothing
    /// recorded) when finished.
    pub fn record(&mut self, score: f32) -> Option<Cell> {
        let (a, b) = self.pending()?;
        Some(self.tracker.record(a, b, score))
    }

    /// Evaluates the next cell with `objective(a, b)` (a validation error) and records it.
    pub fn next_cell(&mut self, mut objective: impl FnMut(f32, f32) -> f32) -> Option<Cell> {
        let (a, b) = self.pending()?;
        Some(self.tracker.record(a, b, objective(a, b)))
    }

    /// Evaluates up to `max_cells` cells (a frame's budget); returns how many it did.
    pub fn run(&mut self, max_cells: usize, mut objective: impl FnMut(f32, f32) -> f32) -> usize {
        let mut n = 0;
        while n < max_cells && self.next_cell(&mut objective).is_some() {
            n += 1;
        }
        n
    }

    /// The lowest finite score so far.
    pub fn best(&self) -> Option<Cell> {
        self.tracker.best()
    }

    /// Every evaluated cell, in evaluation order.
    pub fn cells(&self) -> &[Cell] {
        &self.tracker.cells
    }

    /// Score of grid cell `(ia, ib)`; NaN while it is not evaluated yet (or out of range).
    pub fn score_at(&self, ia: usize, ib: usize) -> f32 {
        if ia >= self.a.len() || ib >= self.b.len() {
            return f32::NAN;
        }
        self.tracker.cells.get(ia * self.b.len() + ib).map_or(f32::NAN, |c| c.score)
    }
}

/// One axis of a random search: values from `[lo, hi)`, uniform or log-uniform.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchRange {
    /// Lower end.
    pub lo: f32,
    /// Upper end (≥ `lo`).
    pub hi: f32,
    /// Uniform in `ln v` (both ends must then be > 0).
    pub log: bool,
}

impl SearchRange {
    /// Uniform on `[lo, hi)`.
    pub fn linear(lo: f32, hi: f32) -> SearchRange {
        SearchRange { lo, hi, log: false }
    }

    /// Log-uniform on `[lo, hi)`.
    pub fn log(lo: f32, hi: f32) -> SearchRange {
        SearchRange { lo, hi, log: true }
    }

    /// One value: `lo + (hi − lo)·U`, or `exp(ln lo + (ln hi − ln lo)·U)`, with `U ∈ [0, 1)`
    /// (computed in `f64`, clamped to `[lo, hi]` against the last rounding).
    fn sample(&self, rng: &mut Rng) -> f32 {
        let u = f64::from(rng.next_f32());
        let v = if self.log {
            let (l, h) = (f64::from(self.lo).ln(), f64::from(self.hi).ln());
            (l + (h - l) * u).exp()
        } else {
            f64::from(self.lo) + (f64::from(self.hi) - f64::from(self.lo)) * u
        };
        (v as f32).clamp(self.lo, self.hi)
    }
}

fn check_range(field: &'static str, lo: f32, hi: f32, log: bool) -> Result<(), ParamError> {
    if !(lo.is_finite() && hi.is_finite() && lo <= hi) {
        return Err(ParamError::empty_interval(field, lo.into(), hi.into()));
    }
    if log && lo <= 0.0 {
        return Err(ParamError::above(field, 0.0, f64::INFINITY, lo.into()));
    }
    Ok(())
}

/// `n` cells drawn at random from two ranges, one cell at a time.
#[derive(Debug, Clone, PartialEq)]
pub struct RandomSearch {
    a: SearchRange,
    b: SearchRange,
    n: usize,
    rng: Rng,
    /// The drawn but not yet recorded cell.
    next: Option<(f32, f32)>,
    tracker: Tracker,
}

impl RandomSearch {
    /// Cell `i` is `(a, b)` drawn in that order from `Rng::stream(seed, SEARCH_STREAM)`:
    /// prefix-stable, so a longer search with the same seed starts with the same cells.
    ///
    /// Errors: field `"a"` / `"b"` (non-finite ends, `lo > hi`, a log range not above 0),
    /// `"n"` (outside `1..=10000`).
    pub fn new(a: SearchRange, b: SearchRange, n: usize, seed: u64) -> Result<RandomSearch, ParamError> {
        check_range("a", a.lo, a.hi, a.log)?;
        check_range("b", b.lo, b.hi, b.log)?;
        if !(1..=MAX_RANDOM_CELLS).contains(&n) {
            return Err(ParamError::out_of_range("n", 1.0, MAX_RANDOM_CELLS as f64, n as f64));
        }
        let mut rng = Rng::stream(seed, SEARCH_STREAM);
        let next = Some((a.sample(&mut rng), b.sample(&mut rng)));
        Ok(RandomSearch { a, b, n, rng, next, tracker: Tracker { cells: Vec::with_capacity(n), best: None } })
    }

    /// Number of cells to draw.
    pub fn total(&self) -> usize {
        self.n
    }

    /// Cells evaluated so far.
    pub fn done(&self) -> usize {
        self.tracker.cells.len()
    }

    /// True once all `n` cells have a score.
    pub fn is_finished(&self) -> bool {
        self.done() >= self.n
    }

    /// `(a, b)` of the next cell; `None` when finished.
    pub fn pending(&self) -> Option<(f32, f32)> {
        if self.is_finished() {
            None
        } else {
            self.next
        }
    }

    /// Records the score of the [`pending`](Self::pending) cell and draws the next one.
    pub fn record(&mut self, score: f32) -> Option<Cell> {
        let (a, b) = self.pending()?;
        let cell = self.tracker.record(a, b, score);
        self.next = Some((self.a.sample(&mut self.rng), self.b.sample(&mut self.rng)));
        Some(cell)
    }

    /// Evaluates the next cell with `objective(a, b)` and records it.
    pub fn next_cell(&mut self, mut objective: impl FnMut(f32, f32) -> f32) -> Option<Cell> {
        let (a, b) = self.pending()?;
        self.record(objective(a, b))
    }

    /// Evaluates up to `max_cells` cells; returns how many it did.
    pub fn run(&mut self, max_cells: usize, mut objective: impl FnMut(f32, f32) -> f32) -> usize {
        let mut n = 0;
        while n < max_cells && self.next_cell(&mut objective).is_some() {
            n += 1;
        }
        n
    }

    /// The lowest finite score so far.
    pub fn best(&self) -> Option<Cell> {
        self.tracker.best()
    }

    /// Every evaluated cell, in evaluation order.
    pub fn cells(&self) -> &[Cell] {
        &self.tracker.cells
    }
}

/// How a [`PolyObjective`] validates.
#[derive(Debug, Clone, PartialEq)]
enum Validation {
    /// A fixed validation set.
    Holdout { val_x: Vec<f32>, val_y: Vec<f32> },
    /// k-fold cross-validation over the training points.
    KFold(KFold),
}

/// Validation MSE of a polynomial of degree `a` with ridge `λ = b`: the score of a degree × λ
/// search.
#[derive(Debug, Clone, PartialEq)]
pub struct PolyObjective {
    x: Vec<f32>,
    y: Vec<f32>,
    validation: Validation,
    /// Reused index and row buffers of the k-fold rounds.
    train_idx: Vec<usize>,
    val_idx: Vec<usize>,
    fx: Vec<f32>,
    fy: Vec<f32>,
    vx: Vec<f32>,
    vy: Vec<f32>,
}

fn check_xy(field: &'static str, x: &[f32], y: &[f32]) -> Result<(), ParamError> {
    if x.len() != y.len() {
        return Err(ParamError::length_mismatch(field, x.len(), y.len()));
    }
    if x.is_empty() {
        return Err(ParamError::too_few(field, 1, 0));
    }
    Ok(())
}

impl PolyObjective {
    /// Fit on `(train_x, train_y)`, score on `(val_x, val_y)`. Errors: field `"train"` / `"val"`
    /// (lengths differ or no points).
    pub fn holdout(train_x: &[f32], train_y: &[f32], val_x: &[f32], val_y: &[f32]) -> Result<PolyObjective, ParamError> {
        check_xy("train", train_x, train_y)?;
        check_xy("val", val_x, val_y)?;
        Ok(Self::with(train_x, train_y, Validation::Holdout { val_x: val_x.to_vec(), val_y: val_y.to_vec() }))
    }

    /// Mean validation MSE over the `k` folds of [`KFold::new`]`(n, k, seed)` of these points.
    /// Errors: field `"train"` (lengths differ or no points), `"folds"` (as `KFold::new`).
    pub fn kfold(x: &[f32], y: &[f32], k: usize, seed: u64) -> Result<PolyObjective, ParamError> {
        check_xy("train", x, y)?;
        let folds = KFold::new(x.len(), k, seed)?;
        Ok(Self::with(x, y, Validation::KFold(folds)))
    }

    fn with(x: &[f32], y: &[f32], validation: Validation) -> PolyObjective {
        PolyObjective {
            x: x.to_vec(),
            y: y.to_vec(),
            validation,
            train_idx: Vec::new(),
            val_idx: Vec::new(),
            fx: Vec::new(),
            fy: Vec::new(),
            vx: Vec::new(),
            vy: Vec::new(),
        }
    }

    /// The score of degree `a` and `λ = b`. The degree is rounded to the nearest whole number
    /// and clamped to `0..=20` (so a random search can draw it from a continuous range, e.g.
    /// `[−0.5, 20.5)` for every degree equally often). A λ the fit rejects (negative, NaN)
    /// or a failed fit scores NaN: the cell shows as invalid and is never the best.
    pub fn score(&mut self, a: f32, b: f32) -> f32 {
        let degree = if a.is_nan() { 0 } else { a.round().clamp(0.0, MAX_DEGREE as f32) as usize };
        match &self.validation {
            Validation::Holdout { val_x, val_y } => match PolyFit::fit(&self.x, &self.y, degree, b) {
                Ok(fit) => fit.mse(val_x, val_y),
                Err(_) => f32::NAN,
            },
            Validation::KFold(folds) => {
                let mut total = 0.0f64;
                for i in 0..folds.k() {
                    folds.fold_into(i, &mut self.train_idx, &mut self.val_idx);
                    gather(&self.x, &self.y, &self.train_idx, &mut self.fx, &mut self.fy);
                    gather(&self.x, &self.y, &self.val_idx, &mut self.vx, &mut self.vy);
                    match PolyFit::fit(&self.fx, &self.fy, degree, b) {
                        Ok(fit) => total += f64::from(fit.mse(&self.vx, &self.vy)),
                        Err(_) => return f32::NAN,
                    }
                }
                (total / folds.k() as f64) as f32
            }
        }
    }
}

/// `(x[i], y[i])` for every `i` in `idx`, into reused buffers.
fn gather(x: &[f32], y: &[f32], idx: &[usize], out_x: &mut Vec<f32>, out_y: &mut Vec<f32>) {
    out_x.clear();
    out_y.clear();
    out_x.extend(idx.iter().map(|&i| x[i]));
    out_y.extend(idx.iter().map(|&i| y[i]));
}

/// A search that tries cells one at a time: [`GridSearch`] or [`RandomSearch`] — or either,
/// chosen at run time, as a `Box<dyn CellSearch>`.
pub trait CellSearch {
    /// Scores the next cell with `objective` and records it; `None` once finished.
    fn try_next(&mut self, objective: &mut dyn FnMut(f32, f32) -> f32) -> Option<Cell>;
    /// Cells tried so far.
    fn tried(&self) -> usize;
    /// Cells in all.
    fn cells_in_all(&self) -> usize;
    /// The cells tried, in order.
    fn tried_cells(&self) -> &[Cell];
    /// The best cell so far (lowest score).
    fn best_cell(&self) -> Option<Cell>;
}

impl<S: CellSearch + ?Sized> CellSearch for Box<S> {
    fn try_next(&mut self, objective: &mut dyn FnMut(f32, f32) -> f32) -> Option<Cell> {
        (**self).try_next(objective)
    }
    fn tried(&self) -> usize {
        (**self).tried()
    }
    fn cells_in_all(&self) -> usize {
        (**self).cells_in_all()
    }
    fn tried_cells(&self) -> &[Cell] {
        (**self).tried_cells()
    }
    fn best_cell(&self) -> Option<Cell> {
        (**self).best_cell()
    }
}

impl CellSearch for GridSearch {
    fn try_next(&mut self, objective: &mut dyn FnMut(f32, f32) -> f32) -> Option<Cell> {
        self.next_cell(objective)
    }
    fn tried(&self) -> usize {
        self.done()
    }
    fn cells_in_all(&self) -> usize {
        self.total()
    }
    fn tried_cells(&self) -> &[Cell] {
        self.cells()
    }
    fn best_cell(&self) -> Option<Cell> {
        self.best()
    }
}

impl CellSearch for RandomSearch {
    fn try_next(&mut self, objective: &mut dyn FnMut(f32, f32) -> f32) -> Option<Cell> {
        self.next_cell(objective)
    }
    fn tried(&self) -> usize {
        self.done()
    }
    fn cells_in_all(&self) -> usize {
        self.total()
    }
    fn tried_cells(&self) -> &[Cell] {
        self.cells()
    }
    fn best_cell(&self) -> Option<Cell> {
        self.best()
    }
}

/// A degree × λ search with the objective that scores it, stepped one try at a time.
#[derive(Debug, Clone)]
pub struct SearchRun<S> {
    /// The search: its cells, its best.
    pub search: S,
    /// The score of a cell.
    pub objective: PolyObjective,
}

impl<S: CellSearch> Stepping for SearchRun<S> {
    /// Scores one more cell.
    fn step(&mut self) {
        let objective = &mut self.objective;
        self.search.try_next(&mut |a, b| objective.score(a, b));
    }
    fn done(&self) -> bool {
        self.search.tried() >= self.search.cells_in_all()
    }
    /// Cells tried, out of all of them.
    fn progress(&self) -> Progress {
        Progress { done: self.search.tried(), total: Some(self.search.cells_in_all()) }
    }
}
