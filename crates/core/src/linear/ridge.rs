//! # Ridge regression: least squares with a small penalty, by the normal equations
//!
//! A linear model `ŷ = b + w·x` fitted by minimising, as scikit-learn's `Ridge(alpha)`,
//!
//! ```text
//! Σᵢ (yᵢ − b − w·xᵢ)²  +  α‖w‖²          (the intercept b is not penalised)
//! ```
//!
//! With `α = 0` this is ordinary least squares (`LinearRegression`). Because `b` is free, the
//! minimiser centres everything first: with `x̄`, `ȳ` the training means and `Xc`, `yc` the
//! centred data,
//!
//! ```text
//! (Xcᵀ Xc + α I) w = Xcᵀ yc,        b = ȳ − w·x̄
//! ```
//!
//! — `d` equations for `d` weights, solved by a Cholesky factorisation `LLᵀ` in `f64` (the
//! matrix is symmetric and, with `α > 0`, positive definite). Why a small `α` by default in
//! the data lab: one-hot encoding every category of a column makes those columns sum to 1, the
//! same as the intercept, so `XcᵀXc` is singular and plain least squares has no unique answer;
//! `α = 10⁻³` picks the smallest-norm one and changes a well-posed fit by about `α/n` of itself.
//!
//! **Cost and steps.** Forming `XcᵀXc` costs `n·d²` multiply-adds, the factorisation `d³/3`.
//! [`RidgeSolver`] accumulates the products a block of rows per [`step`](Stepping::step) (about
//! [`PRODUCTS_PER_STEP`] multiply-adds each) and solves in the last step, so 5,000 rows × 256
//! features never hold a frame. Centring happens before squaring (the sums of a column in
//! thousands would otherwise cancel): the means are one pass at construction.

use crate::error::ParamError;
use crate::shared::{check_points, check_rows};
use crate::stepping::{Progress, Stepping};

/// Multiply-adds of `XcᵀXc` one step accumulates: about 2 ms natively.
pub const PRODUCTS_PER_STEP: usize = 2_000_000;

/// Largest `α` accepted.
pub const MAX_ALPHA: f64 = 1e6;

/// A fitted ridge regression (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct RidgeRegression {
    weights: Vec<f64>,
    intercept: f64,
    alpha: f64,
}

impl RidgeRegression {
    /// Fits by running a [`RidgeSolver`] to its end. Errors as [`RidgeSolver::new`], and
    /// `"x"` when the equations have no unique solution (`α = 0` on collinear columns).
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], alpha: f64) -> Result<RidgeRegression, ParamError> {
        let mut solver = RidgeSolver::new(x, n_features, y, alpha)?;
        while !solver.done() {
            solver.step();
        }
        solver.result().cloned().ok_or(ParamError::unsupported("x"))
    }

    /// `w`, one per feature (scikit-learn's `coef_`).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// `b` (scikit-learn's `intercept_`).
    pub fn intercept(&self) -> f64 {
        self.intercept
    }

    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    pub fn n_features(&self) -> usize {
        self.weights.len()
    }

    /// `b + w·x` of every row, in `f64`. Errors: `"points"` (not whole rows, NaN or infinite).
    pub fn predict_f64(&self, x: &[f32]) -> Result<Vec<f64>, ParamError> {
        check_rows(x, self.weights.len())?;
        Ok(x.chunks_exact(self.weights.len())
            .map(|row| self.intercept + row.iter().zip(&self.weights).map(|(&v, w)| f64::from(v) * w).sum::<f64>())
            .collect())
    }

    /// [`predict_f64`](Self::predict_f64) rounded to `f32`.
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        Ok(self.predict_f64(x)?.into_iter().map(|v| v as f32).collect())
    }
}

/// Accumulates the normal equations a block of rows per step, then solves them (module docs).
#[derive(Debug, Clone)]
pub struct RidgeSolver {
    x: Vec<f32>,
    n_features: usize,
    n_rows: usize,
    mean_x: Vec<f64>,
    centred_y: Vec<f64>,
    mean_y: f64,
    alpha: f64,
    /// `XcᵀXc` so far (upper triangle used), `d × d`.
    gram: Vec<f64>,
    /// `Xcᵀyc` so far.
    moment: Vec<f64>,
    rows_done: usize,
    rows_per_step: usize,
    /// The finished fit; `None` before the last step, or when the solve failed.
    result: Option<RidgeRegression>,
    finished: bool,
}

impl RidgeSolver {
    /// Checks the data and computes the means; no row accumulated yet.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length, NaN or infinite), `"alpha"` (negative, above [`MAX_ALPHA`] or NaN).
    pub fn new(x: &[f32], n_features: usize, y: &[f32], alpha: f64) -> Result<RidgeSolver, ParamError> {
        ParamError::check_range("alpha", 0.0, MAX_ALPHA, alpha)?;
        let n = check_points(x, n_features)?;
        if y.len() != n {
            return Err(ParamError::length_mismatch("y", n, y.len()));
        }
        if let Some(&v) = y.iter().find(|v| !v.is_finite()) {
            return Err(ParamError::not_finite("y", v.into()));
        }
        let d = n_features;
        let mut mean_x = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for (m, &v) in mean_x.iter_mut().zip(row) {
                *m += f64::from(v);
            }
        }
        mean_x.iter_mut().for_each(|m| *m /= n as f64);
        let mean_y = y.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
        let centred_y = y.iter().map(|&v| f64::from(v) - mean_y).collect();
        Ok(RidgeSolver {
            x: x.to_vec(),
            n_features: d,
            n_rows: n,
            mean_x,
            centred_y,
            mean_y,
            alpha,
            gram: vec![0.0; d * d],
            moment: vec![0.0; d],
            rows_done: 0,
            rows_per_step: (PRODUCTS_PER_STEP / (d * d)).max(1),
            result: None,
            finished: false,
        })
    }

    /// Adds the next block of rows to `XcᵀXc` and `Xcᵀyc`.
    fn accumulate(&mut self) {
        let d = self.n_features;
        let end = (self.rows_done + self.rows_per_step).min(self.n_rows);
        let mut centred = vec![0.0f64; d];
        for r in self.rows_done..end {
            for ((c, &v), m) in centred.iter_mut().zip(&self.x[r * d..(r + 1) * d]).zip(&self.mean_x) {
                *c = f64::from(v) - m;
            }
            let yc = self.centred_y[r];
            for i in 0..d {
                let ci = centred[i];
                self.moment[i] += ci * yc;
                // The upper triangle only: the matrix is symmetric.
                for (g, &cj) in self.gram[i * d + i..(i + 1) * d].iter_mut().zip(&centred[i..]) {
                    *g += ci * cj;
                }
            }
        }
        self.rows_done = end;
    }

    /// Solves `(XcᵀXc + αI) w = Xcᵀyc` by Cholesky; `None` when the matrix is not positive
    /// definite (to rounding).
    fn solve(&self) -> Option<RidgeRegression> {
        let d = self.n_features;
        // L, lower triangular, row-major, from the upper triangle of the regularised matrix.
        let mut l = vec![0.0f64; d * d];
        // The largest diagonal entry: the scale of "rounding level" below.
        let scale = (0..d).map(|i| self.gram[i * d + i]).fold(0.0f64, f64::max).max(self.alpha);
        for j in 0..d {
            let mut diag = self.gram[j * d + j] + self.alpha;
            for k in 0..j {
                diag -= l[j * d + k] * l[j * d + k];
            }
            // With α > 0 the matrix is positive definite: only a pivot that rounding made
            // non-positive fails. With α = 0 a pivot at rounding level means collinear columns.
            let floor = if self.alpha > 0.0 { 0.0 } else { 1e-12 * scale };
            if diag.is_nan() || diag <= floor || diag.is_infinite() {
                return None;
            }
            let ljj = diag.sqrt();
            l[j * d + j] = ljj;
            for i in j + 1..d {
                let mut v = self.gram[j * d + i];
                for k in 0..j {
                    v -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = v / ljj;
            }
        }
        // L z = Xcᵀyc, then Lᵀ w = z.
        let mut z = vec![0.0f64; d];
        for i in 0..d {
            let s: f64 = (0..i).map(|k| l[i * d + k] * z[k]).sum();
            z[i] = (self.moment[i] - s) / l[i * d + i];
        }
        let mut w = vec![0.0f64; d];
        for i in (0..d).rev() {
            let s: f64 = (i + 1..d).map(|k| l[k * d + i] * w[k]).sum();
            w[i] = (z[i] - s) / l[i * d + i];
        }
        if w.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let intercept = self.mean_y - w.iter().zip(&self.mean_x).map(|(a, b)| a * b).sum::<f64>();
        Some(RidgeRegression { weights: w, intercept, alpha: self.alpha })
    }

    /// The fit, once done; `None` before, or when the equations had no unique solution.
    pub fn result(&self) -> Option<&RidgeRegression> {
        self.result.as_ref()
    }

    /// Steps in all: the row blocks and the solve.
    pub fn total_steps(&self) -> usize {
        self.n_rows.div_ceil(self.rows_per_step) + 1
    }
}

impl Stepping for RidgeSolver {
    /// A block of rows into the sums, or, once all are in, the solve.
    fn step(&mut self) {
        if self.finished {
            return;
        }
        if self.rows_done < self.n_rows {
            self.accumulate();
        } else {
            self.result = self.solve();
            self.finished = true;
        }
    }
    fn done(&self) -> bool {
        self.finished
    }
    fn progress(&self) -> Progress {
        let blocks = self.rows_done.div_ceil(self.rows_per_step);
        Progress { done: blocks + usize::from(self.finished), total: Some(self.total_steps()) }
    }
}
