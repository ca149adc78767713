//! # Logistic regression: class probabilities from a weighted sum
//!
//! Each class `k` gets a score that is linear in the features, `z_k = w_k·x + b_k`, and the
//! scores become probabilities:
//!
//! ```text
//! two classes:   P(class 1 | x) = σ(z) = 1/(1 + e^(−z))           (one weight vector w, one b)
//! K ≥ 3 classes: P(k | x) = softmax(z)_k = e^(z_k) / Σ_j e^(z_j)   (multinomial: K vectors)
//! ```
//!
//! ## What is minimised
//!
//! scikit-learn's `LogisticRegression(C, penalty="l2", solver="lbfgs", fit_intercept=True)`:
//!
//! ```text
//! C · Σᵢ ℓᵢ  +  ½ ‖W‖²        ℓᵢ = −ln P(yᵢ | xᵢ)  (the log-loss),  intercepts not penalised
//! ```
//!
//! Smaller `C` = stronger penalty = smaller weights and softer probabilities. We report it
//! divided by `C·n`, `F = (1/n) Σ ℓᵢ + ‖W‖²/(2Cn)` (same minimiser; `F` is the mean log-loss
//! plus the penalty's share, and starts at `ln K` with all weights zero). With two classes the
//! model is the sigmoid one (one vector), as scikit-learn — not a two-class softmax, whose
//! penalty would count the weights twice. With `K ≥ 3` the softmax has one vector per class;
//! the penalty makes the solution unique (`Σ_k w_k = 0` at the optimum), and because the
//! intercepts are not penalised and only their differences matter we report them with mean 0,
//! as scikit-learn's solver, started from zero, ends.
//!
//! The gradient is `∂F/∂w_k = (1/n) Σᵢ (P(k|xᵢ) − [yᵢ = k])·xᵢ + w_k/(Cn)` — prediction minus
//! truth, times the input — and `F` is convex, so the only stationary point is the minimum.
//!
//! ## How it is solved: L-BFGS with a strong-Wolfe line search, in `f64`
//!
//! L-BFGS (Nocedal & Wright, *Numerical Optimization*, alg. 7.4–7.5; the method of scikit-
//! learn's default solver) steps along `−H·∇F`, where `H` approximates the inverse Hessian
//! from the last 10 steps `s` and gradient changes `y` (two-loop recursion), and a line
//! search (alg. 3.5–3.6, cubic interpolation, `c₁ = 10⁻⁴`, `c₂ = 0.9`) picks a step length
//! that lowers `F` enough and flattens the slope enough (strong Wolfe conditions, which keep
//! `s·y > 0` so `H` stays positive definite). Each [`step`](LogisticSolver::step) is one such
//! iteration, so the page can animate the fit.
//!
//! **Preconditioning by an exact change of variables.** Table columns come in any units (a
//! price in thousands beside a share in `[0, 1]`), which makes plain L-BFGS crawl. The solver
//! therefore works in coordinates where that does not matter, without changing the problem:
//!
//! 1. *centring*: `w·x + b = w·(x − μ) + b′` with `b′ = b + w·μ`; since `b` is not penalised,
//!    the objective in `(w, b′)` is the same function, and the intercept no longer fights the
//!    weights of columns whose mean is far from 0;
//! 2. *diagonal scaling*: each coordinate `θⱼ` is replaced by `φⱼ = √hⱼ·θⱼ`, with `hⱼ` the
//!    Hessian's diagonal at zero (`c₀·Var(xⱼ) + 1/(Cn)` for a weight, `c₀` for an intercept,
//!    `c₀ = ¼` for the sigmoid and `(1/K)(1 − 1/K)` for the softmax), so every direction starts
//!    with curvature 1.
//!
//! The minimiser in `φ` maps back to the same `(w, b)`; centred arithmetic also keeps the
//! gradient's sums free of cancellation. **Rounding**: near the minimum a step lowers `F` by
//! about `‖∇F‖²/2`, far below the rounding of a sum of `n` losses, so the line search treats
//! differences of `F` within `10⁻¹³·|F|` as equal and lets the slopes decide (Hager & Zhang's
//! "approximate Wolfe" idea); that is what lets it reach a gradient of `10⁻¹⁰`, where SciPy's
//! L-BFGS stops on its relative decrease of `F`. **Stopping**: converged when
//! `max |∂F/∂φⱼ| ≤ tol` — the gradient in these unit-free coordinates (default `10⁻¹⁰`) — or
//! after `max_iter` iterations, or when the line search can no longer lower `F` (rounding
//! level reached: [`SolverStatus::Stalled`]). All arithmetic is `f64`; features are read as
//! `f32` and widened.

use std::collections::VecDeque;

use crate::error::ParamError;
use crate::metrics::scores::class_indices;
use crate::shared::{check_points, check_rows, slug_enum};
use crate::stepping::{Progress, Stepping};
use crate::tensor::math::{self, sigmoid64 as sigmoid, softplus64 as softplus};

/// Settings of a logistic regression fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogisticParams {
    /// Inverse penalty strength `C > 0` (scikit-learn's `C`): large = weak penalty.
    pub c: f64,
    /// Most L-BFGS iterations (each is one step of the animation).
    pub max_iter: usize,
    /// Converged when the largest gradient entry in standardised coordinates is at most this.
    pub tol: f64,
}

impl Default for LogisticParams {
    /// `C = 1` (scikit-learn's default), 1,000 iterations at most, `tol = 10⁻¹⁰`.
    fn default() -> Self {
        LogisticParams { c: 1.0, max_iter: 1000, tol: 1e-10 }
    }
}

slug_enum! {
    /// Where the solver is.
    pub enum SolverStatus {
        /// Still iterating.
        Running => "running",
        /// The gradient is below `tol`: this is the minimum.
        Converged => "converged",
        /// `max_iter` iterations were used up first.
        MaxIterations => "maxiter",
        /// The line search could not lower the objective any more (rounding level): the
        /// result is as good as `f64` gets here, but the gradient did not reach `tol`.
        Stalled => "stalled",
    }
}

/// Number of step pairs L-BFGS remembers (scikit-learn's / SciPy's default).
pub const MEMORY: usize = 10;
/// Sufficient decrease constant of the line search.
const C1: f64 = 1e-4;
/// Curvature constant of the line search (the usual value for quasi-Newton methods).
const C2: f64 = 0.9;
/// Most objective evaluations within one line search.
const MAX_EVALS: usize = 30;
/// Differences of `F` below this share of `|F|` are rounding: `F` sums `n` terms, each with a
/// relative error of about 10⁻¹⁶. Near the minimum a step lowers `F` by about `‖∇F‖²/2` —
/// 10⁻²⁰ at a gradient of 10⁻¹⁰, far below what the sum resolves — so comparisons of values
/// allow this much, and the slopes (gradients are accurate to about 10⁻¹⁵) decide instead
/// (the "approximate Wolfe" idea of Hager & Zhang 2005).
const F_NOISE: f64 = 1e-13;

/// The data term and its gradient: everything fixed during the fit.
#[derive(Debug, Clone)]
struct Objective {
    x: Vec<f32>,
    n_features: usize,
    n_rows: usize,
    /// Compact class of every row, `0..n_outputs` (binary: 0 / 1).
    labels: Vec<usize>,
    /// 1 for the sigmoid model, K for the softmax.
    n_outputs: usize,
    mean: Vec<f64>,
    /// `1/(C·n)`, the penalty's weight in `F`.
    inv_cn: f64,
}

/// Per-evaluation buffers, reused.
#[derive(Debug, Clone, Default)]
struct Scratch {
    centred: Vec<f64>,
    scores: Vec<f64>,
    theta: Vec<f64>,
    grad_theta: Vec<f64>,
}

#[inline]
#[allow(clippy::needless_range_loop)] // one index runs over both chunks and the lanes
fn dot(w: &[f64], x: &[f64]) -> f64 {
    // Four independent partial sums so the loop vectorises.
    let mut acc = [0.0f64; 4];
    let (cw, cx) = (w.chunks_exact(4), x.chunks_exact(4));
    let mut tail = 0.0;
    for (a, b) in cw.remainder().iter().zip(cx.remainder()) {
        tail += a * b;
    }
    for (a, b) in cw.zip(cx) {
        for l in 0..4 {
            acc[l] += a[l] * b[l];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Softmax of `scores` in place (shifted by the maximum: no overflow); returns `ln Σ e^z`.
#[inline]
fn softmax_in_place(scores: &mut [f64]) -> f64 {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = math::exp64(*s - max);
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
    max + math::ln64(sum)
}

impl Objective {
    /// `F(θ)` and `∇F(θ)` in the centred coordinates `θ = [W (n_outputs × d), b′ (n_outputs)]`.
    fn value_and_gradient(&self, theta: &[f64], grad: &mut [f64], s: &mut Scratch) -> f64 {
        let (d, m) = (self.n_features, self.n_outputs);
        grad.fill(0.0);
        let (w, b) = theta.split_at(m * d);
        let (gw, gb) = grad.split_at_mut(m * d);
        s.centred.resize(d, 0.0);
        s.scores.resize(m, 0.0);
        let mut loss = 0.0;
        for (row, &y) in self.x.chunks_exact(d).zip(&self.labels) {
            for ((c, &v), &mu) in s.centred.iter_mut().zip(row).zip(&self.mean) {
                *c = f64::from(v) - mu;
            }
            for (o, z) in s.scores.iter_mut().enumerate() {
                *z = dot(&w[o * d..(o + 1) * d], &s.centred) + b[o];
            }
            // Turn the scores into residuals P − truth, adding the row's loss.
            if m == 1 {
                let (z, t) = (s.scores[0], y as f64);
                loss += softplus(z) - t * z;
                s.scores[0] = sigmoid(z) - t;
            } else {
                let z_true = s.scores[y];
                loss += softmax_in_place(&mut s.scores) - z_true;
                s.scores[y] -= 1.0;
            }
            for (o, &r) in s.scores.iter().enumerate() {
                gb[o] += r;
                for (g, &c) in gw[o * d..(o + 1) * d].iter_mut().zip(&s.centred) {
                    *g += r * c;
                }
            }
        }
        let inv_n = 1.0 / self.n_rows as f64;
        for g in gb.iter_mut() {
            *g *= inv_n;
        }
        let mut norm2 = 0.0;
        for (g, &wj) in gw.iter_mut().zip(w) {
            *g = *g * inv_n + self.inv_cn * wj;
            norm2 += wj * wj;
        }
        loss * inv_n + 0.5 * self.inv_cn * norm2
    }

    /// `F` and `∇_φ F` at `φ = scale ⊙ θ`.
    fn at(&self, phi: &[f64], scale: &[f64], grad_phi: &mut [f64], s: &mut Scratch) -> f64 {
        let mut theta = std::mem::take(&mut s.theta);
        let mut grad = std::mem::take(&mut s.grad_theta);
        theta.clear();
        theta.extend(phi.iter().zip(scale).map(|(p, h)| p / h));
        grad.resize(theta.len(), 0.0);
        let f = self.value_and_gradient(&theta, &mut grad, s);
        for ((gp, g), h) in grad_phi.iter_mut().zip(&grad).zip(scale) {
            *gp = g / h;
        }
        s.theta = theta;
        s.grad_theta = grad;
        f
    }
}

/// A point tried by the line search.
#[derive(Debug, Clone)]
struct Trial {
    alpha: f64,
    f: f64,
    slope: f64,
    phi: Vec<f64>,
    grad: Vec<f64>,
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn vdot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits a logistic regression one L-BFGS iteration per [`step`](Self::step) (module docs).
#[derive(Debug, Clone)]
pub struct LogisticSolver {
    objective: Objective,
    /// The original labels of the compact classes, increasing.
    classes: Vec<usize>,
    /// Largest training label + 1: the width of `predict_proba`.
    n_classes: usize,
    params: LogisticParams,
    scale: Vec<f64>,
    phi: Vec<f64>,
    f: f64,
    grad: Vec<f64>,
    memory: VecDeque<(Vec<f64>, Vec<f64>, f64)>,
    scratch: Scratch,
    iterations: usize,
    evaluations: usize,
    history: Vec<f64>,
    status: SolverStatus,
}

impl LogisticSolver {
    /// Checks the data and settings and evaluates the start (all weights 0); no iteration yet.
    ///
    /// `x` is `n × n_features`, row-major; `y` holds class indices `0.0, 1.0, …`. The classes
    /// are those present in `y` (two: the sigmoid model; more: softmax); a class below the
    /// largest with no row gets probability 0, as in scikit-learn, which only knows the classes
    /// it saw.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length, not a class index, fewer than two classes present), `"c"` (not above 0 or not
    /// finite), `"max_iter"` (0), `"tol"` (not above 0).
    pub fn new(x: &[f32], n_features: usize, y: &[f32], params: &LogisticParams) -> Result<LogisticSolver, ParamError> {
        if !params.c.is_finite() {
            return Err(ParamError::not_finite("c", params.c));
        }
        if params.c <= 0.0 {
            return Err(ParamError::above("c", 0.0, f64::INFINITY, params.c));
        }
        if params.max_iter == 0 {
            return Err(ParamError::at_least("max_iter", 1.0, 0.0));
        }
        if params.tol.is_nan() || params.tol <= 0.0 {
            return Err(ParamError::above("tol", 0.0, f64::INFINITY, params.tol));
        }
        let n = check_points(x, n_features)?;
        if y.len() != n {
            return Err(ParamError::length_mismatch("y", n, y.len()));
        }
        let raw = class_indices(y, "y")?;
        let n_classes = raw.iter().copied().max().unwrap_or(0) + 1;
        let mut seen = vec![false; n_classes];
        for &c in &raw {
            seen[c] = true;
        }
        let classes: Vec<usize> = (0..n_classes).filter(|&c| seen[c]).collect();
        if classes.len() < 2 {
            return Err(ParamError::needs_two_classes("y"));
        }
        let mut compact = vec![0usize; n_classes];
        for (i, &c) in classes.iter().enumerate() {
            compact[c] = i;
        }
        let labels: Vec<usize> = raw.iter().map(|&c| compact[c]).collect();
        let n_outputs = if classes.len() == 2 { 1 } else { classes.len() };

        let d = n_features;
        let mut mean = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += f64::from(v);
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let mut var = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for ((s, &v), &m) in var.iter_mut().zip(row).zip(&mean) {
                *s += (f64::from(v) - m).powi(2);
            }
        }
        var.iter_mut().for_each(|s| *s /= n as f64);
        let inv_cn = 1.0 / (params.c * n as f64);
        let k = classes.len() as f64;
        let c0 = if n_outputs == 1 { 0.25 } else { (1.0 / k) * (1.0 - 1.0 / k) };
        let mut scale = Vec::with_capacity(n_outputs * (d + 1));
        for _ in 0..n_outputs {
            scale.extend(var.iter().map(|v| (c0 * v + inv_cn).sqrt()));
        }
        scale.extend((0..n_outputs).map(|_| c0.sqrt()));

        let objective = Objective { x: x.to_vec(), n_features: d, n_rows: n, labels, n_outputs, mean, inv_cn };
        let mut scratch = Scratch::default();
        let phi = vec![0.0; scale.len()];
        let mut grad = vec![0.0; scale.len()];
        let f = objective.at(&phi, &scale, &mut grad, &mut scratch);
        let status = if max_abs(&grad) <= params.tol { SolverStatus::Converged } else { SolverStatus::Running };
        Ok(LogisticSolver {
            objective,
            classes,
            n_classes,
            params: *params,
            scale,
            phi,
            f,
            grad,
            memory: VecDeque::with_capacity(MEMORY),
            scratch,
            iterations: 0,
            evaluations: 1,
            history: vec![f],
            status,
        })
    }

    /// The search direction `−H·∇F` by the two-loop recursion (`−∇F` with no memory).
    fn direction(&self) -> Vec<f64> {
        let mut q = self.grad.clone();
        let mut alphas = Vec::with_capacity(self.memory.len());
        for (s, y, rho) in self.memory.iter().rev() {
            let a = rho * vdot(s, &q);
            for (qi, yi) in q.iter_mut().zip(y) {
                *qi -= a * yi;
            }
            alphas.push(a);
        }
        if let Some((s, y, _)) = self.memory.back() {
            let gamma = vdot(s, y) / vdot(y, y);
            q.iter_mut().for_each(|v| *v *= gamma);
        }
        for ((s, y, rho), a) in self.memory.iter().zip(alphas.iter().rev()) {
            let beta = rho * vdot(y, &q);
            for (qi, si) in q.iter_mut().zip(s) {
                *qi += (a - beta) * si;
            }
        }
        q.iter_mut().for_each(|v| *v = -*v);
        q
    }

    fn try_step(&mut self, dir: &[f64], alpha: f64) -> Trial {
        let phi: Vec<f64> = self.phi.iter().zip(dir).map(|(p, d)| p + alpha * d).collect();
        let mut grad = vec![0.0; phi.len()];
        let f = self.objective.at(&phi, &self.scale, &mut grad, &mut self.scratch);
        self.evaluations += 1;
        Trial { alpha, f, slope: vdot(&grad, dir), phi, grad }
    }

    /// A step length satisfying the strong Wolfe conditions (N&W alg. 3.5), or failing that
    /// the best point with sufficient decrease found; `None` if no point lowered `F`.
    fn line_search(&mut self, dir: &[f64], slope0: f64) -> Option<Trial> {
        let f0 = self.f;
        let noise = F_NOISE * f0.abs();
        let armijo = |t: &Trial| t.f <= f0 + C1 * t.alpha * slope0 + noise;
        let wolfe = |t: &Trial| t.slope.abs() <= -C2 * slope0;
        let mut prev = Trial { alpha: 0.0, f: f0, slope: slope0, phi: Vec::new(), grad: Vec::new() };
        let mut alpha = 1.0;
        for i in 0..MAX_EVALS {
            let t = self.try_step(dir, alpha);
            if !t.f.is_finite() || !armijo(&t) || (i > 0 && t.f > prev.f + noise) {
                return self.zoom(dir, f0, slope0, prev, t);
            }
            if wolfe(&t) {
                return Some(t);
            }
            if t.slope >= 0.0 {
                return self.zoom(dir, f0, slope0, t, prev);
            }
            alpha *= 2.0;
            prev = t;
        }
        Some(prev).filter(|p| p.alpha > 0.0)
    }

    /// N&W alg. 3.6: shrinks `[lo, hi]` (lo satisfies sufficient decrease and has the lower
    /// `F`) by safeguarded cubic interpolation until a strong Wolfe point is found.
    fn zoom(&mut self, dir: &[f64], f0: f64, slope0: f64, mut lo: Trial, mut hi: Trial) -> Option<Trial> {
        let noise = F_NOISE * f0.abs();
        for _ in 0..MAX_EVALS {
            let (a, b) = (lo.alpha, hi.alpha);
            let width = (b - a).abs();
            if width <= 1e-16 * a.abs().max(b.abs()) {
                break;
            }
            // Minimiser of the cubic through both ends' values and slopes (N&W eq. 3.59),
            // kept at least 10 % of the interval away from either end; else the midpoint.
            let mut alpha = 0.5 * (a + b);
            if hi.f.is_finite() {
                let d1 = lo.slope + hi.slope - 3.0 * (lo.f - hi.f) / (a - b);
                let disc = d1 * d1 - lo.slope * hi.slope;
                if disc >= 0.0 {
                    let d2 = (b - a).signum() * disc.sqrt();
                    let cubic = b - (b - a) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2.0 * d2);
                    let (low, high) = (a.min(b) + 0.1 * width, a.max(b) - 0.1 * width);
                    if cubic.is_finite() && cubic >= low && cubic <= high {
                        alpha = cubic;
                    }
                }
            }
            let t = self.try_step(dir, alpha);
            if !t.f.is_finite() || t.f > f0 + C1 * alpha * slope0 + noise || t.f > lo.f + noise {
                hi = t;
            } else {
                if t.slope.abs() <= -C2 * slope0 {
                    return Some(t);
                }
                if t.slope * (hi.alpha - lo.alpha) >= 0.0 {
                    hi = lo;
                }
                lo = t;
            }
        }
        // No strong Wolfe point: accept the best point with sufficient decrease, if any.
        Some(lo).filter(|t| t.alpha > 0.0 && t.f <= f0 + noise && t.slope > slope0)
    }

    /// One L-BFGS iteration: a direction, a line search along it, and the memory update.
    fn iterate(&mut self) {
        let mut dir = self.direction();
        let mut slope0 = vdot(&self.grad, &dir);
        if slope0.is_nan() || slope0 >= 0.0 {
            // Not a descent direction (rounding in the memory): start again from −∇F.
            self.memory.clear();
            dir = self.grad.iter().map(|g| -g).collect();
            slope0 = -vdot(&self.grad, &self.grad);
        }
        let Some(t) = self.line_search(&dir, slope0) else {
            self.status = SolverStatus::Stalled;
            return;
        };
        let s: Vec<f64> = t.phi.iter().zip(&self.phi).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = t.grad.iter().zip(&self.grad).map(|(a, b)| a - b).collect();
        let sy = vdot(&s, &y);
        // Keep the pair only with positive curvature (a strong Wolfe step guarantees it up to
        // rounding), so H stays positive definite.
        if sy > 1e-16 * vdot(&y, &y) && sy > 0.0 {
            if self.memory.len() == MEMORY {
                self.memory.pop_front();
            }
            self.memory.push_back((s, y, 1.0 / sy));
        }
        self.phi = t.phi;
        self.grad = t.grad;
        self.f = t.f;
        self.iterations += 1;
        self.history.push(self.f);
        self.status = if max_abs(&self.grad) <= self.params.tol {
            SolverStatus::Converged
        } else if self.iterations >= self.params.max_iter {
            SolverStatus::MaxIterations
        } else {
            SolverStatus::Running
        };
    }

    /// The objective `F = (1/n) Σ ℓᵢ + ‖W‖²/(2Cn)` now (module docs).
    pub fn objective(&self) -> f64 {
        self.f
    }

    /// The mean log-loss on the training rows now: `F` without the penalty.
    pub fn mean_log_loss(&self) -> f64 {
        let m = self.objective.n_outputs * self.objective.n_features;
        let norm2: f64 = self.phi[..m].iter().zip(&self.scale).map(|(p, h)| (p / h).powi(2)).sum();
        self.f - 0.5 * self.objective.inv_cn * norm2
    }

    /// `F` at the start and after every iteration.
    pub fn history(&self) -> &[f64] {
        &self.history
    }

    /// Largest gradient entry in the standardised coordinates (compared with `tol`).
    pub fn gradient_max(&self) -> f64 {
        max_abs(&self.grad)
    }

    pub fn status(&self) -> SolverStatus {
        self.status
    }

    /// L-BFGS iterations done.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// Evaluations of `F` and its gradient (the start, plus the line searches' trials).
    pub fn evaluations(&self) -> usize {
        self.evaluations
    }

    /// The model at the current iterate (usable at any point of the animation).
    pub fn model(&self) -> LogisticRegression {
        let (d, m) = (self.objective.n_features, self.objective.n_outputs);
        let theta: Vec<f64> = self.phi.iter().zip(&self.scale).map(|(p, h)| p / h).collect();
        let (w, b_centred) = theta.split_at(m * d);
        let mut intercepts: Vec<f64> =
            (0..m).map(|o| b_centred[o] - vdot(&w[o * d..(o + 1) * d], &self.objective.mean)).collect();
        if m > 1 {
            // Only differences of softmax intercepts matter; report them with mean 0.
            let shift = intercepts.iter().sum::<f64>() / m as f64;
            intercepts.iter_mut().for_each(|b| *b -= shift);
        }
        LogisticRegression {
            n_features: d,
            n_classes: self.n_classes,
            classes: self.classes.clone(),
            coefficients: w.to_vec(),
            intercepts,
            iterations: self.iterations,
            status: self.status,
            objective: self.f,
        }
    }
}

impl Stepping for LogisticSolver {
    /// One L-BFGS iteration (a direction and its line search).
    fn step(&mut self) {
        if !self.done() {
            self.iterate();
        }
    }

    fn done(&self) -> bool {
        self.status != SolverStatus::Running
    }

    fn progress(&self) -> Progress {
        Progress { done: self.iterations, total: None }
    }
}

/// A fitted logistic regression (module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticRegression {
    n_features: usize,
    n_classes: usize,
    classes: Vec<usize>,
    coefficients: Vec<f64>,
    intercepts: Vec<f64>,
    iterations: usize,
    status: SolverStatus,
    objective: f64,
}

impl LogisticRegression {
    /// Fits by running a [`LogisticSolver`] to its end. Errors as [`LogisticSolver::new`].
    pub fn fit(x: &[f32], n_features: usize, y: &[f32], params: &LogisticParams) -> Result<LogisticRegression, ParamError> {
        let mut solver = LogisticSolver::new(x, n_features, y, params)?;
        while !solver.done() {
            solver.step();
        }
        Ok(solver.model())
    }

    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Width of [`predict_proba_into`](Self::predict_proba_into): largest training label + 1.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The classes seen in training, increasing (two: sigmoid model; more: softmax).
    pub fn classes(&self) -> &[usize] {
        &self.classes
    }

    /// Weights, row-major `rows × n_features`: one row (class `classes()[1]` against
    /// `classes()[0]`) for two classes, one row per class in `classes()` otherwise —
    /// scikit-learn's `coef_`.
    pub fn coefficients(&self) -> &[f64] {
        &self.coefficients
    }

    /// One intercept per row of [`coefficients`](Self::coefficients) — scikit-learn's
    /// `intercept_` (softmax intercepts with mean 0).
    pub fn intercepts(&self) -> &[f64] {
        &self.intercepts
    }

    /// L-BFGS iterations the fit took.
    pub fn iterations(&self) -> usize {
        self.iterations
    }

    /// True when the gradient reached `tol`.
    pub fn converged(&self) -> bool {
        self.status == SolverStatus::Converged
    }

    pub fn status(&self) -> SolverStatus {
        self.status
    }

    /// The objective `F` at the fitted weights.
    pub fn objective(&self) -> f64 {
        self.objective
    }

    fn check_query(&self, x: &[f32]) -> Result<usize, ParamError> {
        check_rows(x, self.n_features)
    }

    /// Probabilities of the seen classes for one row, in `f64`, into `p` (`classes().len()`).
    fn row_proba(&self, row: &[f32], p: &mut [f64]) {
        let d = self.n_features;
        let xr: Vec<f64> = row.iter().map(|&v| f64::from(v)).collect();
        if self.classes.len() == 2 {
            let z = dot(&self.coefficients, &xr) + self.intercepts[0];
            p[1] = sigmoid(z);
            p[0] = sigmoid(-z);
        } else {
            for (o, pk) in p.iter_mut().enumerate() {
                *pk = dot(&self.coefficients[o * d..(o + 1) * d], &xr) + self.intercepts[o];
            }
            softmax_in_place(p);
        }
    }

    /// Class probabilities in `f64`, `rows × n_classes` (classes not seen in training: 0).
    /// Errors: `"points"` (not whole rows, NaN or infinite).
    pub fn predict_proba_f64(&self, x: &[f32]) -> Result<Vec<f64>, ParamError> {
        let rows = self.check_query(x)?;
        let k = self.n_classes;
        let mut out = vec![0.0; rows * k];
        let mut p = vec![0.0; self.classes.len()];
        for (row, o) in x.chunks_exact(self.n_features).zip(out.chunks_exact_mut(k)) {
            self.row_proba(row, &mut p);
            for (&c, &v) in self.classes.iter().zip(&p) {
                o[c] = v;
            }
        }
        Ok(out)
    }

    /// Class probabilities of every row of `x` into `out` (`rows × n_classes`, row-major).
    /// Errors: `"points"`, `"out"` (wrong length).
    pub fn predict_proba_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let p = self.predict_proba_f64(x)?;
        if out.len() != p.len() {
            return Err(ParamError::length_mismatch("out", p.len(), out.len()));
        }
        for (o, v) in out.iter_mut().zip(p) {
            *o = v as f32;
        }
        Ok(())
    }

    /// The most probable class of every row (ties: the smallest class) into `out`, one per row.
    /// Errors: `"points"`, `"out"` (wrong length).
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        let rows = self.check_query(x)?;
        if out.len() != rows {
            return Err(ParamError::length_mismatch("out", rows, out.len()));
        }
        let mut p = vec![0.0; self.classes.len()];
        for (row, o) in x.chunks_exact(self.n_features).zip(out.iter_mut()) {
            if self.classes.len() == 2 {
                // The sign of the score decides, as scikit-learn's `decision_function > 0`
                // (σ(z) and σ(−z) can round to the same 0.5 for a tiny z ≠ 0).
                let xr: Vec<f64> = row.iter().map(|&v| f64::from(v)).collect();
                let z = dot(&self.coefficients, &xr) + self.intercepts[0];
                *o = self.classes[usize::from(z > 0.0)] as f32;
                continue;
            }
            self.row_proba(row, &mut p);
            let mut top = 0;
            for (i, &v) in p.iter().enumerate() {
                if v > p[top] {
                    top = i;
                }
            }
            *o = self.classes[top] as f32;
        }
        Ok(())
    }

    /// [`predict_into`](Self::predict_into) into a new vector.
    pub fn predict(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        let mut out = vec![0.0; self.check_query(x)?];
        self.predict_into(x, &mut out)?;
        Ok(out)
    }

    /// [`predict_proba_into`](Self::predict_proba_into) into a new vector.
    pub fn predict_proba(&self, x: &[f32]) -> Result<Vec<f32>, ParamError> {
        Ok(self.predict_proba_f64(x)?.into_iter().map(|v| v as f32).collect())
    }
}
