//! # Polynomial regression with ridge: the classic under/overfitting picture
//!
//! A polynomial of degree `d` has `d + 1` coefficients. Too few and it cannot follow the true
//! curve (**underfitting**: training *and* validation error high); too many and it follows the
//! noise of the training points (**overfitting**: training error tiny, validation error large).
//! Sweeping `d` draws the famous U-shaped validation curve.
//!
//! ## Basis: Chebyshev polynomials, not powers of x
//!
//! The model is `f̂(x) = Σₖ₌₀ᵈ cₖ·Tₖ(u)` with the Chebyshev polynomials
//!
//! ```text
//! T₀(u) = 1,   T₁(u) = u,   Tₖ₊₁(u) = 2u·Tₖ(u) − Tₖ₋₁(u)        (so Tₖ(cos θ) = cos kθ)
//! ```
//!
//! on `u = x / DOMAIN`, a **fixed** map of the curve domain `[−1, 1]` onto `[−1, 1]` (the
//! identity for [`curve`](crate::data::curve) data). Fixed rather than fitted to the training points'
//! min/max so that a coefficient, and the penalty on it, mean the same thing whichever points
//! (fold, split) it was fitted on. Every `|Tₖ(u)| ≤ 1` on the domain, so the columns of the
//! design matrix have comparable size and are far from parallel; the powers `1, x, …, x²⁰` are
//! not (`x¹⁸` and `x²⁰` nearly coincide on `[−1, 1]`). On 200 evenly spaced points the degree-20
//! design matrix has condition number ≈ 2·10⁷ in powers of `x` — ≈ 3·10¹⁴ for the normal
//! equations `AᵀA`, leaving about two correct digits in `f64` — and ≈ 3.5 in Chebyshev
//! polynomials. Outside the domain `Tₖ` grows like `(2|u|)ᵏ`: extrapolation is wild, as it is
//! for any polynomial.
//!
//! ## Ridge
//!
//! With `n` points, `A` the `n × (d+1)` matrix `Aᵢₖ = Tₖ(uᵢ)` and `λ ≥ 0`, the fit minimises
//!
//! ```text
//! ‖A c − y‖²  +  λ · Σₖ₌₁ᵈ cₖ²
//! ```
//!
//! The intercept `c₀` (the `T₀ = 1` column) is not penalised, like scikit-learn's
//! `Ridge(alpha=λ, fit_intercept=True)` on the features `T₁(u), …, T_d(u)`: shrinking the
//! curve towards a constant rather than towards zero means adding 10 to every `y` adds 10 to
//! the fit and changes nothing else.
//!
//! ## Solving it soundly
//!
//! The objective is the plain least-squares problem `‖M c − b‖²` of the augmented system
//!
//! ```text
//!     M = ⎡  A   ⎤ ,   b = ⎡ y ⎤ ,      P = [0 | I_d]  (d × (d+1): one row per penalised cₖ)
//!         ⎣ √λ·P ⎦         ⎣ 0 ⎦
//! ```
//!
//! solved by **Householder QR** in `f64` — never through `AᵀA`, which squares the condition
//! number. Householder reflections `H = I − 2vvᵀ/‖v‖²` turn `M` into `QR` column by column;
//! then `R c = Qᵀb` by back substitution. Columns after the first are taken largest remaining
//! norm first (*column pivoting*, Businger & Golub 1965), which reveals the rank: a column
//! whose remaining norm is below `RANK_RTOL = 10⁻¹⁰` of the largest column norm adds nothing
//! the others cannot express (f32 data carry 7 digits, so such a direction is rounding noise).
//!
//! **More coefficients than points.** With `λ = 0` and `d + 1 > n` (or repeated `x`) many
//! coefficient vectors fit the points equally well — exactly, in fact: the curve passes through
//! every training point. We return the one with the smallest penalty `Σₖ₌₁ᵈ cₖ²` (intercept
//! free), the **minimum-norm** solution. It is the limit of the ridge solution as `λ → 0⁺`,
//! so the λ slider is continuous at 0, and it equals what the centred least-squares
//! `numpy.linalg.lstsq` returns. It is computed by a complete orthogonal decomposition: the
//! `r` independent rows of `R` form an underdetermined system `W c′ = b′` whose minimum-norm
//! solution is `c′ = Wᵀ(WWᵀ)⁻¹b′ = Q₂ R₂⁻ᵀ b′` with `Wᵀ = Q₂R₂` (a second Householder QR).
//! With `λ > 0` the system always has full rank and the solution is unique.
//!
//! ## Reading a degree sweep
//!
//! [`degree_sweep`] fits every degree `0..=max` and records training and validation MSE;
//! [`best_degree`] is the lowest validation MSE; [`fit_regime`] labels a degree
//! underfitting / about right / overfitting by the rule documented there.

use crate::error::ParamError;
use crate::shared::slug_enum;

/// Highest polynomial degree accepted.
pub const MAX_DEGREE: usize = 20;
/// The map `u = x / DOMAIN` takes the curve domain `[−1, 1]` onto Chebyshev's `[−1, 1]`.
pub const DOMAIN: f32 = crate::data::curve::DOMAIN;
/// Relative rank tolerance of the pivoted QR (see the module docs).
pub const RANK_RTOL: f64 = 1e-10;

/// A fitted polynomial `Σ cₖ Tₖ(x / DOMAIN)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PolyFit {
    degree: usize,
    lambda: f32,
    /// Chebyshev coefficients `c₀ … c_d`, in `f64`: a high-degree interpolant can have large
    /// coefficients that cancel, and rounding them to `f32` would lose the cancellation.
    coeffs: Vec<f64>,
    rank: usize,
}

/// `T₀(u) … T_d(u)` into `out[0..=d]` by the three-term recurrence.
fn chebyshev_row(u: f64, out: &mut [f64]) {
    let mut prev = 1.0;
    let mut cur = u;
    for (k, o) in out.iter_mut().enumerate() {
        *o = match k {
            0 => 1.0,
            1 => u,
            _ => {
                let next = 2.0 * u * cur - prev;
                prev = cur;
                cur = next;
                next
            }
        };
    }
}

/// Checks the shared inputs of a fit; field names match the page's settings.
fn validate(x: &[f32], y: &[f32], degree: usize, lambda: f32) -> Result<(), ParamError> {
    if degree > MAX_DEGREE {
        return Err(ParamError::out_of_range("degree", 0.0, MAX_DEGREE as f64, degree as f64));
    }
    if !(lambda >= 0.0 && lambda.is_finite()) {
        return Err(if lambda.is_finite() {
            ParamError::at_least("lambda", 0.0, lambda.into())
        } else {
            ParamError::not_finite("lambda", lambda.into())
        });
    }
    if x.len() != y.len() {
        return Err(ParamError::length_mismatch("x", y.len(), x.len()));
    }
    if x.is_empty() {
        return Err(ParamError::too_few("x", 1, 0));
    }
    if let Some(v) = x.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("x", (*v).into()));
    }
    if let Some(v) = y.iter().find(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("y", (*v).into()));
    }
    Ok(())
}

/// Applies the Householder reflection `I − 2vvᵀ/‖v‖²` to `t` (same length as `v`).
#[inline]
fn reflect(v: &[f64], vnorm2: f64, t: &mut [f64]) {
    let s: f64 = v.iter().zip(t.iter()).map(|(a, b)| a * b).sum();
    let f = 2.0 * s / vnorm2;
    for (ti, vi) in t.iter_mut().zip(v) {
        *ti -= f * vi;
    }
}

/// Householder vector of `x`: `v = x − α e₁` with `α = −sign(x₀)‖x‖` (the sign that avoids
/// cancellation), so that `Hx = α e₁`. Returns `(α, ‖v‖²)`; `‖v‖² = 0` means `x = 0` already.
fn householder(x: &[f64], v: &mut Vec<f64>) -> (f64, f64) {
    let norm = x.iter().map(|a| a * a).sum::<f64>().sqrt();
    let alpha = if x[0] < 0.0 { norm } else { -norm };
    v.clear();
    v.extend_from_slice(x);
    v[0] -= alpha;
    (alpha, v.iter().map(|a| a * a).sum())
}

/// Least squares `min ‖M z − b‖` by Householder QR with column pivoting, column 0 kept first;
/// among all minimisers the one with the smallest `‖z[1..]‖` (see the module docs).
///
/// `m` is `rows × cols`, column-major, and is overwritten; so is `b`. Returns `(z, rank)`.
fn least_squares(m: &mut [f64], rows: usize, cols: usize, b: &mut [f64]) -> (Vec<f64>, usize) {
    let col_norm = |m: &[f64], j: usize, from: usize| -> f64 {
        m[j * rows + from..(j + 1) * rows].iter().map(|a| a * a).sum::<f64>().sqrt()
    };
    let max_norm = (0..cols).map(|j| col_norm(m, j, 0)).fold(0.0, f64::max);
    let tol = RANK_RTOL * max_norm;
    let mut perm: Vec<usize> = (0..cols).collect();
    let mut v = Vec::with_capacity(rows);
    let mut rank = 0;
    for k in 0..rows.min(cols) {
        if k > 0 {
            // Pivot: the column with the largest norm left below row k.
            let (mut best, mut best_norm) = (k, col_norm(m, k, k));
            for j in k + 1..cols {
                let nj = col_norm(m, j, k);
                if nj > best_norm {
                    (best, best_norm) = (j, nj);
                }
            }
            if best_norm <= tol {
                break;
            }
            if best != k {
                for i in 0..rows {
                    m.swap(k * rows + i, best * rows + i);
                }
                perm.swap(k, best);
            }
        }
        // Column 0 (the intercept, norm √n with n ≥ 1) is always kept, whatever the tolerance.
        let (alpha, vnorm2) = householder(&m[k * rows + k..(k + 1) * rows], &mut v);
        if vnorm2 > 0.0 {
            for j in k + 1..cols {
                reflect(&v, vnorm2, &mut m[j * rows + k..(j + 1) * rows]);
            }
            reflect(&v, vnorm2, &mut b[k..rows]);
        }
        m[k * rows + k] = alpha;
        for i in k + 1..rows {
            m[k * rows + i] = 0.0;
        }
        rank = k + 1;
    }
    let r = |i: usize, j: usize| m[j * rows + i];
    let mut z = vec![0.0; cols];
    if rank == cols {
        // Full rank: back substitution R z = Qᵀb.
        for i in (0..cols).rev() {
            let s: f64 = (i + 1..cols).map(|j| r(i, j) * z[j]).sum();
            z[i] = (b[i] - s) / r(i, i);
        }
    } else {
        // Rank r < cols. Rows 1..r do not involve z₀: they form W z′ = b′ with W the
        // (r−1) × (cols−1) block R[1..r, 1..cols], of full row rank. Its minimum-norm solution
        // is z′ = Q₂·R₂⁻ᵀ·b′ where Wᵀ = Q₂R₂.
        let (p, q) = (cols - 1, rank - 1);
        // Wᵀ, column-major p × q: column i of Wᵀ is row 1+i of R (columns 1..cols).
        let mut wt = vec![0.0; p * q];
        for i in 0..q {
            for j in i..p {
                wt[i * p + j] = r(1 + i, 1 + j);
            }
        }
        let mut vs: Vec<(Vec<f64>, f64)> = Vec::with_capacity(q);
        for k in 0..q {
            let mut vk = Vec::with_capacity(p - k);
            let (alpha, vnorm2) = householder(&wt[k * p + k..(k + 1) * p], &mut vk);
            if vnorm2 > 0.0 {
                for j in k + 1..q {
                    reflect(&vk, vnorm2, &mut wt[j * p + k..(j + 1) * p]);
                }
            }
            wt[k * p + k] = alpha;
            vs.push((vk, vnorm2));
        }
        // R₂ᵀ w = b′ (forward substitution; R₂[j][i] = wt[i·p + j] for j ≤ i).
        let mut t = vec![0.0; p];
        for i in 0..q {
            let s: f64 = (0..i).map(|j| wt[i * p + j] * t[j]).sum();
            t[i] = (b[1 + i] - s) / wt[i * p + i];
        }
        // z′ = Q₂ [w; 0] = H₀ H₁ … H_{q−1} [w; 0].
        for (k, (vk, vnorm2)) in vs.iter().enumerate().rev() {
            if *vnorm2 > 0.0 {
                reflect(vk, *vnorm2, &mut t[k..]);
            }
        }
        z[1..].copy_from_slice(&t);
        let s: f64 = (1..cols).map(|j| r(0, j) * z[j]).sum();
        z[0] = (b[0] - s) / r(0, 0);
    }
    let mut c = vec![0.0; cols];
    for (j, &pj) in perm.iter().enumerate() {
        c[pj] = z[j];
    }
    (c, rank)
}

impl PolyFit {
    /// Fits `Σₖ₌₀ᵈ cₖ Tₖ(x/DOMAIN)` to the points by ridge least squares (module docs).
    ///
    /// Any degree up to 20 is allowed whatever the number of points; with `λ = 0` and more
    /// coefficients than distinct points the minimum-norm interpolant is returned (never NaN).
    ///
    /// Errors: `"degree"` (> 20), `"lambda"` (negative, NaN or ∞), `"x"` (no points, lengths
    /// differ, a non-finite input), `"y"` (a non-finite target).
    pub fn fit(x: &[f32], y: &[f32], degree: usize, lambda: f32) -> Result<PolyFit, ParamError> {
        validate(x, y, degree, lambda)?;
        let n = x.len();
        let cols = degree + 1;
        // Penalty rows only when they do something: with λ = 0 they are zero rows.
        let pen = if lambda > 0.0 { degree } else { 0 };
        let rows = n + pen;
        let mut m = vec![0.0f64; rows * cols];
        let mut row = vec![0.0f64; cols];
        for (i, &xi) in x.iter().enumerate() {
            chebyshev_row(f64::from(xi) / f64::from(DOMAIN), &mut row);
            for (k, &t) in row.iter().enumerate() {
                m[k * rows + i] = t;
            }
        }
        let s = f64::from(lambda).sqrt();
        for k in 0..pen {
            // Row n + k penalises c_{k+1}.
            m[(k + 1) * rows + n + k] = s;
        }
        let mut b = vec![0.0f64; rows];
        for (bi, &yi) in b.iter_mut().zip(y) {
            *bi = f64::from(yi);
        }
        let (coeffs, rank) = least_squares(&mut m, rows, cols, &mut b);
        Ok(PolyFit { degree, lambda, coeffs, rank })
    }

    /// The degree `d`.
    pub fn degree(&self) -> usize {
        self.degree
    }

    /// The ridge strength λ it was fitted with.
    pub fn lambda(&self) -> f32 {
        self.lambda
    }

    /// Chebyshev coefficients `c₀ … c_d` (of `Tₖ(x / DOMAIN)`).
    pub fn coefficients(&self) -> &[f64] {
        &self.coeffs
    }

    /// Numerical rank found by the pivoted QR: `degree + 1` unless the data could not pin every
    /// coefficient down (then the minimum-norm solution was used).
    pub fn rank(&self) -> usize {
        self.rank
    }

    /// True when there were more coefficients than the data could determine (`λ = 0` and too few
    /// distinct points): the fit is the minimum-norm one and passes through every training point.
    pub fn is_underdetermined(&self) -> bool {
        self.rank < self.degree + 1
    }

    /// `f̂(x)` in `f64` by Clenshaw's recurrence `bₖ = cₖ + 2u·bₖ₊₁ − bₖ₊₂`,
    /// `f̂ = c₀ + u·b₁ − b₂` — stable, and no `Tₖ` is formed explicitly.
    fn eval(&self, x: f32) -> f64 {
        let u = f64::from(x) / f64::from(DOMAIN);
        let (mut b1, mut b2) = (0.0f64, 0.0f64);
        for &c in self.coeffs[1..].iter().rev() {
            let t = c + 2.0 * u * b1 - b2;
            b2 = b1;
            b1 = t;
        }
        self.coeffs[0] + u * b1 - b2
    }

    /// `f̂(x)`. Far outside the domain a high-degree polynomial can exceed the `f32` range; the
    /// value then saturates at `±f32::MAX` instead of becoming infinite.
    pub fn predict(&self, x: f32) -> f32 {
        (self.eval(x) as f32).clamp(-f32::MAX, f32::MAX)
    }

    /// `f̂` at every `xs`, into `out` (cleared first, reused: no allocation once it has grown).
    pub fn predict_many(&self, xs: &[f32], out: &mut Vec<f32>) {
        out.clear();
        out.extend(xs.iter().map(|&x| self.predict(x)));
    }

    /// Mean squared error `(1/n) Σ (f̂(xᵢ) − yᵢ)²` over the pairs of `x` and `y` (the shorter
    /// length if they differ), accumulated in `f64`; NaN when there are no pairs.
    pub fn mse(&self, x: &[f32], y: &[f32]) -> f32 {
        let n = x.len().min(y.len());
        if n == 0 {
            return f32::NAN;
        }
        let sum: f64 = x.iter().zip(y).map(|(&xi, &yi)| (self.eval(xi) - f64::from(yi)).powi(2)).sum();
        (sum / n as f64) as f32
    }
}

/// Training and validation error of one degree in a [`degree_sweep`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    /// Polynomial degree.
    pub degree: usize,
    /// MSE on the training points the polynomial was fitted to.
    pub train_mse: f32,
    /// MSE on the validation points; NaN when there are none.
    pub val_mse: f32,
}

/// Fits every degree `0..=max_degree` with the same λ to the training points and measures
/// both errors: the data of the U-curve chart.
///
/// Errors: as [`PolyFit::fit`] (field `"degree"` for `max_degree`), plus `"val"` when the
/// validation inputs and targets differ in length.
pub fn degree_sweep(
    train_x: &[f32],
    train_y: &[f32],
    val_x: &[f32],
    val_y: &[f32],
    max_degree: usize,
    lambda: f32,
) -> Result<Vec<SweepPoint>, ParamError> {
    validate(train_x, train_y, max_degree, lambda)?;
    if val_x.len() != val_y.len() {
        return Err(ParamError::length_mismatch("val", val_x.len(), val_y.len()));
    }
    (0..=max_degree)
        .map(|degree| {
            let fit = PolyFit::fit(train_x, train_y, degree, lambda)?;
            Ok(SweepPoint { degree, train_mse: fit.mse(train_x, train_y), val_mse: fit.mse(val_x, val_y) })
        })
        .collect()
}

/// The degree with the lowest validation MSE; on a tie the lower degree (the simpler model).
/// NaN errors are ignored; `None` when no point has a finite validation error.
pub fn best_degree(sweep: &[SweepPoint]) -> Option<usize> {
    best_point(sweep).map(|p| p.degree)
}

fn best_point(sweep: &[SweepPoint]) -> Option<&SweepPoint> {
    let mut best: Option<&SweepPoint> = None;
    for p in sweep.iter().filter(|p| p.val_mse.is_finite()) {
        let better = match best {
            None => true,
            Some(b) => p.val_mse < b.val_mse || (p.val_mse == b.val_mse && p.degree < b.degree),
        };
        if better {
            best = Some(p);
        }
    }
    best
}

slug_enum! {
    /// How well a model's flexibility matches the data (see [`fit_regime`]).
    pub enum Regime {
        /// Too simple: it misses the shape, training and validation errors both high.
        Underfitting => "underfitting",
        /// Validation error close to the best achievable.
        AboutRight => "aboutright",
        /// Too flexible: it fits the training noise, validation error well above training error.
        Overfitting => "overfitting",
    }
}

/// Relative part of the "about right" band: within 10 % of the best validation MSE…
pub const REGIME_REL_TOL: f32 = 0.10;
/// …or within 1 % of the variance of the training targets (the scale of the problem).
pub const REGIME_ABS_TOL: f32 = 0.01;

/// Fewest training points for [`fit_regime`]'s verdict to be shown: with `n` points every degree
/// from `n − 1` up passes through all of them (training error 0), so with a handful the sweep
/// shows the points more than the model. A rule of thumb, like the next one.
pub const MIN_TRAIN_TO_JUDGE: usize = 5;
/// Fewest validation points for a verdict: the validation error of one or two points is mostly
/// the noise on those points, so any degree can come out "about right" by luck.
pub const MIN_VAL_TO_JUDGE: usize = 3;

/// Whether `n_train` training and `n_val` validation points are enough to judge a fit (see
/// [`MIN_TRAIN_TO_JUDGE`] and [`MIN_VAL_TO_JUDGE`]); below them a page should say "too few
/// points to judge" rather than show [`fit_regime`]'s verdict.
pub fn enough_to_judge(n_train: usize, n_val: usize) -> bool {
    n_train >= MIN_TRAIN_TO_JUDGE && n_val >= MIN_VAL_TO_JUDGE
}

/// Labels `degree` within a sweep.
///
/// Let `d*` be the [`best_degree`], `v*` its validation MSE, and `s` the training MSE of the
/// lowest degree in the sweep (for a sweep from degree 0: the variance of the training targets,
/// since the degree-0 fit is their mean). Then, with `v` the validation MSE at `degree`:
///
/// ```text
/// v ≤ v* + max(0.1·v*, 0.01·s)   →  AboutRight     (as good as the best, within noise)
/// otherwise, degree < d*         →  Underfitting   (a more flexible model does clearly better)
/// otherwise, degree > d*         →  Overfitting    (a simpler model does clearly better)
/// ```
///
/// The absolute part keeps noise-free data sensible: there `v*` can be 10⁻¹², and a
/// degree-15 fit with MSE 10⁻⁹ is not "overfitting" in any visible sense. On the overfitting
/// side the training error keeps falling while `v` rises, so the train/validation gap widens —
/// the symptom the chart shows; on the underfitting side both errors are high and the gap is
/// small. `None` when `degree` is not in the sweep or no validation error is finite.
pub fn fit_regime(sweep: &[SweepPoint], degree: usize) -> Option<Regime> {
    let best = best_point(sweep)?;
    let here = sweep.iter().find(|p| p.degree == degree)?;
    let v = here.val_mse;
    if !v.is_finite() {
        return None;
    }
    let scale = sweep.iter().min_by_key(|p| p.degree).map_or(0.0, |p| p.train_mse);
    let scale = if scale.is_finite() { scale } else { 0.0 };
    let band = (REGIME_REL_TOL * best.val_mse).max(REGIME_ABS_TOL * scale);
    Some(if v <= best.val_mse + band {
        Regime::AboutRight
    } else if degree < best.degree {
        Regime::Underfitting
    } else {
        Regime::Overfitting
    })
}
