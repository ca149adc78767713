//! # Loss surfaces: where gradient descent can be watched
//!
//! A model with two parameters `θ = (x, y)` has a loss `f(x, y)` that can be drawn as a map:
//! contour lines join points of equal loss, and the gradient `∇f = (∂f/∂x, ∂f/∂y)` is
//! perpendicular to them, pointing uphill. Every optimiser of [`crate::optim`] walks such a map
//! one step at a time using only `∇f` at the current point; [`trajectory`] records the walk.
//!
//! The surfaces, each a classic test of what makes optimisation hard:
//!
//! - **Bowl** `f = ½(x² + κ·y²)`, minimum `(0, 0)`. The Hessian is `diag(1, κ)`: κ is the
//!   *condition number*. Gradient descent is stable only for `η < 2/κ` (the steep direction),
//!   and then shrinks the error in the shallow direction by `1 − η` per step at best, so it
//!   needs on the order of κ steps. The slider runs κ over `1..=100`.
//! - **Ravine** `f = ½(a·u² + c·v²)` with `u = (x + y)/√2` along the floor and
//!   `v = (x − y)/√2` across it, `a = 0.2`, `c = 20` (condition 100), minimum `(0, 0)`. Like
//!   the bowl but turned 45°: the per-coordinate step sizes of AdaGrad, RMSProp and Adam cannot
//!   line up with a diagonal ravine, while momentum still cancels the zig-zag across it.
//! - **Rosenbrock** `f = (1 − x)² + 100·(y − x²)²`, minimum `(1, 1)`, standard start
//!   `(−1.2, 1)`: a curved, flat-bottomed banana valley (Rosenbrock 1960). Finding the valley
//!   is easy, following it to the end is slow.
//! - **Saddle** `f = ½x² + ¼y⁴ − ½y²`, a saddle point at `(0, 0)` (Hessian `diag(1, −1)`) with
//!   minima at `(0, ±1)`, `f = −¼`. Started near the ridge `y = 0`, descent first slides
//!   towards the saddle, where the gradient vanishes, then escapes at a rate `(1 + η)` per step
//!   (exactly on the ridge it never escapes).
//! - **Himmelblau** `f = (x² + y − 11)² + (x + y² − 7)²` (Himmelblau 1972): four minima, all
//!   with `f = 0`, at `(3, 2)`, `(−2.805118, 3.131313)`, `(−3.779310, −3.283186)`,
//!   `(3.584428, −1.848127)`; which one is reached depends on the start and the optimiser.
//! - **Beale** `f = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²` (Beale 1958),
//!   minimum `(3, ½)`: sharp walls, flat plateaus and gradients that span five orders of
//!   magnitude — a showcase for per-parameter step sizes.
//! - **Linear regression** ("linreg"): the true loss of the model `ŷ = w·x + b` on a small
//!   seeded data set `yᵢ = 2·xᵢ − 1 + 0.5·εᵢ` (`xᵢ ∈ [0, 2)` uniform, `εᵢ` standard normal,
//!   40 points), as a function of the parameters `(w, b)` = `(x, y)` on the map:
//!   ```text
//!   f(w, b) = (1/n) Σᵢ (w·xᵢ + b − yᵢ)²                       mean squared error
//!   ∇f      = (2/n) Σᵢ rᵢ·(xᵢ, 1),  rᵢ = w·xᵢ + b − yᵢ       residual times input
//!   ```
//!   A paraboloid whose tilted, elongated contours come from the inputs not being centred
//!   (`E[x] ≠ 0` couples `w` and `b`); its minimum is the least-squares fit. A **mini-batch**
//!   `B` gives the gradient `(2/|B|) Σ_{i∈B} rᵢ·(xᵢ, 1)`, an unbiased but noisy estimate of
//!   `∇f`: averaged over the batches of one epoch (weighted by batch size) it is exactly `∇f`.
//!
//! Values and gradients are computed in `f64` from the `f32` coordinates and rounded once; the
//! gradients are analytic (the tests check them against finite differences).
//!
//! **Divergence.** With too large a learning rate the steps overshoot and grow. A trajectory
//! stops, reported as [`Outcome::Diverged`], as soon as a point leaves the square
//! `|x|, |y| ≤ ESCAPE_BOUND` or its value is not finite; only finite points inside the bound
//! are recorded, so the page never receives NaN.

use crate::error::ParamError;
use crate::optim::optimizers::OptimizerConfig;
use crate::rng::{streams, Rng};
use crate::shared::{cell_centre, slug_enum};

/// Smallest condition number κ of the bowl.
pub const MIN_CONDITION: f32 = 1.0;
/// Largest condition number κ of the bowl.
pub const MAX_CONDITION: f32 = 100.0;
/// The bowl's condition number unless the learner moves the slider.
pub const DEFAULT_CONDITION: f32 = 10.0;
/// Number of data points of the linear-regression surface.
pub const LINREG_POINTS: usize = 40;
/// Slope `w` of the line the linear-regression data is drawn around.
pub const LINREG_TRUE_W: f32 = 2.0;
/// Intercept `b` of the line the linear-regression data is drawn around.
pub const LINREG_TRUE_B: f32 = -1.0;
/// Standard deviation of the noise added to the linear-regression targets.
pub const LINREG_NOISE: f32 = 0.5;
/// The linear-regression inputs are uniform in `[0, LINREG_X_MAX)`.
pub const LINREG_X_MAX: f32 = 2.0;
/// Largest grid resolution of [`Surface::grid_values`]; larger requests are clamped (a typo in
/// a URL must not allocate gigabytes).
pub const MAX_GRID_RES: usize = 1024;
/// Largest number of steps of one [`trajectory`]; larger requests are clamped.
pub const MAX_STEPS: usize = 100_000;
/// A point with `|x|` or `|y|` above this has escaped: the run has diverged. At this distance
/// every surface's value (at most ~1e32, Beale) and gradient are still finite in `f32`, so no
/// recorded point can carry an infinite value; and it is over a thousand times the size of
/// any default window, so no sensible run is cut short.
pub const ESCAPE_BOUND: f32 = 1e4;

slug_enum! {
    /// Which loss surface.
    pub enum SurfaceKind {
        /// `½(x² + κy²)`, condition number κ from the slider.
        Bowl => "bowl",
        /// A quadratic ravine of condition 100, turned 45°.
        Ravine => "ravine",
        /// Rosenbrock's banana valley.
        Rosenbrock => "rosenbrock",
        /// A saddle point between two minima.
        Saddle => "saddle",
        /// Himmelblau's function: four minima.
        Himmelblau => "himmelblau",
        /// Beale's function.
        Beale => "beale",
        /// Mean squared error of a two-parameter linear regression on a small data set.
        LinReg => "linreg",
    }
}

slug_enum! {
    /// How a [`Trajectory`] ended.
    pub enum Outcome {
        /// All requested steps were taken.
        Finished => "finished",
        /// A point escaped beyond [`ESCAPE_BOUND`] or its value was not finite; the run stopped.
        Diverged => "diverged",
    }
}

/// The ravine's curvature along its floor.
const RAVINE_FLOOR: f64 = 0.2;
/// The ravine's curvature across its floor.
const RAVINE_WALLS: f64 = 20.0;

/// A rectangle of the `(x, y)` plane: what a contour plot shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    x_min: f32,
    x_max: f32,
    y_min: f32,
    y_max: f32,
}

impl Window {
    /// `[x_min, x_max] × [y_min, y_max]`; every bound finite and each minimum below its maximum
    /// (field `"window"` otherwise).
    pub fn new(x_min: f32, x_max: f32, y_min: f32, y_max: f32) -> Result<Self, ParamError> {
        let all_finite = [x_min, x_max, y_min, y_max].iter().all(|v| v.is_finite());
        if !all_finite || x_min >= x_max || y_min >= y_max {
            // Name the interval that is wrong: x when it is, else y.
            let x_ok = x_min.is_finite() && x_max.is_finite() && x_min < x_max;
            let (low, high) = if x_ok { (y_min, y_max) } else { (x_min, x_max) };
            return Err(ParamError::empty_interval("window", low.into(), high.into()));
        }
        Ok(Window { x_min, x_max, y_min, y_max })
    }
    /// Left edge.
    pub fn x_min(&self) -> f32 {
        self.x_min
    }
    /// Right edge.
    pub fn x_max(&self) -> f32 {
        self.x_max
    }
    /// Bottom edge.
    pub fn y_min(&self) -> f32 {
        self.y_min
    }
    /// Top edge.
    pub fn y_max(&self) -> f32 {
        self.y_max
    }
    /// Centre of cell `(row, col)` of a `res × res` grid over the window, row 0 at the top:
    /// `x = x_min + (col + ½)·w/res`, `y = y_max − (row + ½)·h/res`.
    pub fn cell_centre(&self, res: usize, row: usize, col: usize) -> [f32; 2] {
        let n = res.max(1);
        let x = cell_centre(f64::from(self.x_min), f64::from(self.x_max), n, col);
        let y = cell_centre(f64::from(self.y_max), f64::from(self.y_min), n, row);
        [x as f32, y as f32]
    }
}

/// A loss surface `f(x, y)` with its analytic gradient, ready to be drawn and descended.
///
/// For [`SurfaceKind::LinReg`] it owns the seeded data set; the other kinds are formulas.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    kind: SurfaceKind,
    /// κ of the bowl (validated for every kind, used by the bowl only).
    condition: f64,
    /// Linear-regression inputs `xᵢ` (empty for the other kinds).
    xs: Vec<f32>,
    /// Linear-regression targets `yᵢ` (empty for the other kinds).
    ys: Vec<f32>,
    /// Means `[x², x, x·y, y, y²]` over the data: the MSE is a quadratic in `(w, b)` whose
    /// coefficients are these, so value and full gradient cost O(1) instead of O(n).
    moments: [f64; 5],
    /// Global minima (all of them for Himmelblau and the saddle).
    minima: Vec<[f32; 2]>,
}

impl Surface {
    /// The surface `kind`; `condition` is the bowl's κ in `1..=100` (checked for every kind, so a
    /// bad URL value is reported at once); `seed` draws the linear-regression data set
    /// (from `Rng::stream(seed, DATA)`; ignored by the other kinds).
    pub fn new(kind: SurfaceKind, condition: f32, seed: u64) -> Result<Self, ParamError> {
        if !(MIN_CONDITION..=MAX_CONDITION).contains(&condition) {
            return Err(ParamError::out_of_range("condition", MIN_CONDITION.into(), MAX_CONDITION.into(), condition.into()));
        }
        let mut s = Surface {
            kind,
            condition: f64::from(condition),
            xs: Vec::new(),
            ys: Vec::new(),
            moments: [0.0; 5],
            minima: Vec::new(),
        };
        s.minima = match kind {
            SurfaceKind::Bowl | SurfaceKind::Ravine => vec![[0.0, 0.0]],
            SurfaceKind::Rosenbrock => vec![[1.0, 1.0]],
            SurfaceKind::Saddle => vec![[0.0, 1.0], [0.0, -1.0]],
            // Refined by Newton's method in f64 (tests/surface_minima.rs checks ∇f ≈ 0 there).
            SurfaceKind::Himmelblau => vec![
                [3.0, 2.0],
                [-2.805_118, 3.131_312_6],
                [-3.779_310_2, -3.283_186],
                [3.584_428_3, -1.848_126_5],
            ],
            SurfaceKind::Beale => vec![[3.0, 0.5]],
            SurfaceKind::LinReg => {
                s.draw_data(seed);
                vec![s.least_squares()]
            }
        };
        Ok(s)
    }

    /// Draws the linear-regression points and their moments.
    fn draw_data(&mut self, seed: u64) {
        let mut rng = Rng::stream(seed, streams::DATA);
        let mut m = [0.0f64; 5];
        for _ in 0..LINREG_POINTS {
            let x = rng.uniform(0.0, LINREG_X_MAX);
            let y = LINREG_TRUE_W * x + LINREG_TRUE_B + LINREG_NOISE * rng.normal();
            let (xd, yd) = (f64::from(x), f64::from(y));
            for (acc, v) in m.iter_mut().zip([xd * xd, xd, xd * yd, yd, yd * yd]) {
                *acc += v;
            }
            self.xs.push(x);
            self.ys.push(y);
        }
        self.moments = m.map(|v| v / LINREG_POINTS as f64);
    }

    /// The least-squares `(w, b)`: where `∇f = 0`, i.e. the normal equations
    /// `w·E[x²] + b·E[x] = E[xy]`, `w·E[x] + b = E[y]`, solved by Cramer's rule. The
    /// determinant is the variance of the inputs, positive for 40 distinct draws.
    fn least_squares(&self) -> [f32; 2] {
        let [mxx, mx, mxy, my, _] = self.moments;
        let w = (mxy - mx * my) / (mxx - mx * mx);
        [w as f32, (my - w * mx) as f32]
    }

    /// Which surface this is.
    pub fn kind(&self) -> SurfaceKind {
        self.kind
    }

    /// The bowl's condition number κ.
    pub fn condition(&self) -> f32 {
        self.condition as f32
    }

    /// The linear-regression data `(xs, ys)`; empty slices for the other kinds.
    pub fn data(&self) -> (&[f32], &[f32]) {
        (&self.xs, &self.ys)
    }

    /// Number of data points a mini-batch can draw from (0 for the formula surfaces).
    pub fn n_points(&self) -> usize {
        self.xs.len()
    }

    /// Every global minimum `(x, y)` (four for Himmelblau, two for the saddle, else one).
    pub fn minima(&self) -> &[[f32; 2]] {
        &self.minima
    }

    /// The value at the minima.
    pub fn min_value(&self) -> f32 {
        let [x, y] = self.minima[0];
        self.value(x, y)
    }

    /// The window the page shows first: the interesting region around the minima and the start.
    pub fn default_window(&self) -> Window {
        let (x0, x1, y0, y1) = match self.kind {
            SurfaceKind::Bowl | SurfaceKind::Ravine => (-3.0, 3.0, -3.0, 3.0),
            SurfaceKind::Rosenbrock => (-2.0, 2.0, -1.0, 3.0),
            SurfaceKind::Saddle => (-2.5, 2.5, -2.5, 2.5),
            SurfaceKind::Himmelblau => (-5.0, 5.0, -5.0, 5.0),
            SurfaceKind::Beale => (-4.5, 4.5, -4.5, 4.5),
            SurfaceKind::LinReg => {
                let [w, b] = self.minima[0];
                (w - 3.0, w + 3.0, b - 3.0, b + 3.0)
            }
        };
        Window { x_min: x0, x_max: x1, y_min: y0, y_max: y1 }
    }

    /// The standard starting point: Rosenbrock's `(−1.2, 1)`; for the others a point that shows
    /// the surface's difficulty (far along the shallow direction of the bowl and the ravine,
    /// next to the saddle's ridge, on Beale's steep side).
    pub fn default_start(&self) -> [f32; 2] {
        match self.kind {
            SurfaceKind::Bowl => [-2.5, 1.0],
            SurfaceKind::Ravine => [-2.5, -1.8],
            SurfaceKind::Rosenbrock => [-1.2, 1.0],
            SurfaceKind::Saddle => [-2.0, 0.05],
            SurfaceKind::Himmelblau => [0.0, 0.0],
            SurfaceKind::Beale => [1.0, 1.5],
            SurfaceKind::LinReg => {
                let [w, b] = self.minima[0];
                [w - 2.5, b + 2.5]
            }
        }
    }

    /// `f(x, y)` in `f64` (used by [`value`](Self::value) and by the gradient tests).
    pub fn value_f64(&self, x: f64, y: f64) -> f64 {
        match self.kind {
            SurfaceKind::Bowl => 0.5 * (x * x + self.condition * y * y),
            SurfaceKind::Ravine => {
                let (u, v) = ravine_uv(x, y);
                0.5 * (RAVINE_FLOOR * u * u + RAVINE_WALLS * v * v)
            }
            SurfaceKind::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
            SurfaceKind::Saddle => 0.5 * x * x + 0.25 * y.powi(4) - 0.5 * y * y,
            SurfaceKind::Himmelblau => (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2),
            SurfaceKind::Beale => {
                let [t1, t2, t3] = beale_terms(x, y);
                t1 * t1 + t2 * t2 + t3 * t3
            }
            SurfaceKind::LinReg => {
                let [mxx, mx, mxy, my, myy] = self.moments;
                // E[(w·x + b − y)²] expanded over the moments.
                x * x * mxx + 2.0 * x * y * mx + y * y - 2.0 * x * mxy - 2.0 * y * my + myy
            }
        }
    }

    /// The analytic gradient `(∂f/∂x, ∂f/∂y)` in `f64`.
    pub fn gradient_f64(&self, x: f64, y: f64) -> [f64; 2] {
        match self.kind {
            SurfaceKind::Bowl => [x, self.condition * y],
            SurfaceKind::Ravine => {
                // Chain rule through the rotation: ∂u/∂x = ∂u/∂y = 1/√2, ∂v/∂x = −∂v/∂y = 1/√2.
                let (u, v) = ravine_uv(x, y);
                let (gu, gv) = (RAVINE_FLOOR * u, RAVINE_WALLS * v);
                let r = std::f64::consts::FRAC_1_SQRT_2;
                [r * (gu + gv), r * (gu - gv)]
            }
            SurfaceKind::Rosenbrock => {
                let d = y - x * x;
                [-2.0 * (1.0 - x) - 400.0 * x * d, 200.0 * d]
            }
            SurfaceKind::Saddle => [x, y * y * y - y],
            SurfaceKind::Himmelblau => {
                let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
                [4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b]
            }
            SurfaceKind::Beale => {
                let [t1, t2, t3] = beale_terms(x, y);
                let (y2, y3) = (y * y, y * y * y);
                [
                    2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y3 - 1.0)),
                    2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2),
                ]
            }
            SurfaceKind::LinReg => {
                let [mxx, mx, mxy, my, _] = self.moments;
                [2.0 * (x * mxx + y * mx - mxy), 2.0 * (x * mx + y - my)]
            }
        }
    }

    /// `f(x, y)`, computed in `f64` and rounded once (∞ only far outside any window).
    pub fn value(&self, x: f32, y: f32) -> f32 {
        self.value_f64(f64::from(x), f64::from(y)) as f32
    }

    /// The analytic gradient `∇f(x, y)`, computed in `f64` and rounded once.
    pub fn gradient(&self, x: f32, y: f32) -> [f32; 2] {
        self.gradient_f64(f64::from(x), f64::from(y)).map(|g| g as f32)
    }

    /// The gradient of the MSE over the data points `batch` only (linear regression):
    /// `(2/|B|) Σ_{i∈B} rᵢ·(xᵢ, 1)` at `(w, b)`. Indices past the data are skipped; an empty
    /// batch gives `[0, 0]` (no data, no direction). The formula surfaces have no data to
    /// sample, so for them every "mini-batch" is the whole thing: the exact gradient.
    pub fn minibatch_gradient(&self, w: f32, b: f32, batch: &[usize]) -> [f32; 2] {
        if self.kind != SurfaceKind::LinReg {
            return self.gradient(w, b);
        }
        let (w, b) = (f64::from(w), f64::from(b));
        let (mut gw, mut gb, mut n) = (0.0f64, 0.0f64, 0usize);
        for &i in batch {
            if let (Some(&x), Some(&y)) = (self.xs.get(i), self.ys.get(i)) {
                let r = w * f64::from(x) + b - f64::from(y);
                gw += r * f64::from(x);
                gb += r;
                n += 1;
            }
        }
        if n == 0 {
            return [0.0, 0.0];
        }
        let scale = 2.0 / n as f64;
        [(gw * scale) as f32, (gb * scale) as f32]
    }

    /// A seeded mini-batch sampler over this surface's data points (see [`BatchSampler`]).
    pub fn batch_sampler(&self, batch_size: usize, seed: u64) -> BatchSampler {
        BatchSampler::new(self.n_points(), batch_size, seed)
    }

    /// Values at the cell centres of a `res × res` grid over `window` (see
    /// [`Window::cell_centre`]), row-major with row 0 at the top (largest `y`); `res` is clamped
    /// to [`MAX_GRID_RES`]. For a filled contour plot.
    pub fn grid_values(&self, res: usize, window: &Window) -> Vec<f32> {
        let mut out = Vec::new();
        self.grid_values_into(res, window, &mut out);
        out
    }

    /// [`grid_values`](Self::grid_values) into a reused buffer (no allocation once it is large
    /// enough).
    pub fn grid_values_into(&self, res: usize, window: &Window, out: &mut Vec<f32>) {
        let res = res.min(MAX_GRID_RES);
        out.clear();
        out.reserve(res * res);
        for row in 0..res {
            for col in 0..res {
                let [x, y] = window.cell_centre(res, row, col);
                out.push(self.value(x, y));
            }
        }
    }
}

/// The ravine's rotated coordinates: `u` along the floor, `v` across it.
fn ravine_uv(x: f64, y: f64) -> (f64, f64) {
    let r = std::f64::consts::FRAC_1_SQRT_2;
    (r * (x + y), r * (x - y))
}

/// Beale's three residuals `cₖ − x + x·yᵏ` for `c = 1.5, 2.25, 2.625`.
fn beale_terms(x: f64, y: f64) -> [f64; 3] {
    [1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y]
}

/// Seeded mini-batches of data-point indices, reshuffled every epoch (the trainer's scheme):
/// an epoch is one pass over a fresh permutation of `0..n` cut into consecutive batches of
/// `batch_size`, the last one smaller when `batch_size` does not divide `n`.
#[derive(Debug, Clone)]
pub struct BatchSampler {
    order: Vec<usize>,
    batch: usize,
    /// Position of the next batch in `order`; 0 means a new epoch (reshuffle first).
    pos: usize,
    rng: Rng,
}

impl BatchSampler {
    /// A sampler over `n` points; `batch_size` is clamped to `1..=n` (like the trainer's batch
    /// slider, not an error). The order comes from `Rng::stream(seed, BATCHES)`.
    pub fn new(n: usize, batch_size: usize, seed: u64) -> Self {
        BatchSampler {
            order: (0..n).collect(),
            batch: batch_size.clamp(1, n.max(1)),
            pos: 0,
            rng: Rng::stream(seed, streams::BATCHES),
        }
    }

    /// The batch size after clamping.
    pub fn batch_size(&self) -> usize {
        self.batch
    }

    /// Batches per epoch: `⌈n / batch_size⌉` (0 without data).
    pub fn batches_per_epoch(&self) -> usize {
        self.order.len().div_ceil(self.batch)
    }

    /// The next batch's indices (empty without data). Allocation-free.
    pub fn next_batch(&mut self) -> &[usize] {
        let n = self.order.len();
        if n == 0 {
            return &[];
        }
        if self.pos == 0 {
            self.rng.shuffle(&mut self.order);
        }
        let start = self.pos;
        let end = (start + self.batch).min(n);
        self.pos = if end == n { 0 } else { end };
        &self.order[start..end]
    }
}

/// A recorded descent on a surface.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    /// The start, then the point after each step: all finite and inside [`ESCAPE_BOUND`].
    pub points: Vec<[f32; 2]>,
    /// `f` at each point (same length).
    pub values: Vec<f32>,
    /// Whether every step was taken or the run diverged (then the next point, the one that
    /// escaped, is not recorded).
    pub outcome: Outcome,
}

impl Trajectory {
    /// Steps actually taken (`points.len() − 1`).
    pub fn steps(&self) -> usize {
        self.points.len() - 1
    }
    /// The last recorded point.
    pub fn end(&self) -> [f32; 2] {
        self.points[self.points.len() - 1]
    }
    /// True if the run diverged.
    pub fn diverged(&self) -> bool {
        self.outcome == Outcome::Diverged
    }
}

/// Runs `steps` steps (clamped to [`MAX_STEPS`]) of the optimiser `cfg` from `start` on
/// `surface`, with the exact (full-batch) gradient: `θ ← optimiser step(θ, ∇f(θ))`, through the
/// same [`crate::optim::optimizers::Optimizer`] trait the trainer uses. Stops early, reporting
/// [`Outcome::Diverged`], if a point escapes. Errors: invalid optimiser settings, or a start
/// (field `"start"`) that is not finite or outside [`ESCAPE_BOUND`].
pub fn trajectory(
    surface: &Surface,
    cfg: &OptimizerConfig,
    start: [f32; 2],
    steps: usize,
) -> Result<Trajectory, ParamError> {
    run(surface, cfg, start, steps, |p| surface.gradient(p[0], p[1]))
}

/// Like [`trajectory`] but each step uses the gradient of the next mini-batch of `batch_size`
/// points from a [`BatchSampler`] seeded with `seed`: stochastic gradient descent on the
/// linear-regression surface (a batch of all the points is the full gradient again). On the
/// formula surfaces, which have no data, it is identical to [`trajectory`].
pub fn minibatch_trajectory(
    surface: &Surface,
    cfg: &OptimizerConfig,
    start: [f32; 2],
    steps: usize,
    batch_size: usize,
    seed: u64,
) -> Result<Trajectory, ParamError> {
    let mut sampler = surface.batch_sampler(batch_size, seed);
    run(surface, cfg, start, steps, |p| {
        let batch = sampler.next_batch();
        surface.minibatch_gradient(p[0], p[1], batch)
    })
}

/// Inside the escape square (false for NaN).
fn inside(p: [f32; 2]) -> bool {
    p.iter().all(|v| (-ESCAPE_BOUND..=ESCAPE_BOUND).contains(v))
}

/// The descent loop shared by [`trajectory`] and [`minibatch_trajectory`].
fn run(
    surface: &Surface,
    cfg: &OptimizerConfig,
    start: [f32; 2],
    steps: usize,
    mut grad_at: impl FnMut([f32; 2]) -> [f32; 2],
) -> Result<Trajectory, ParamError> {
    let mut opt = cfg.build(2)?;
    if !inside(start) {
        // Report the coordinate that is outside (NaN is outside too).
        let bad = if inside([start[0], 0.0]) { start[1] } else { start[0] };
        return Err(ParamError::out_of_range("start", -f64::from(ESCAPE_BOUND), ESCAPE_BOUND.into(), bad.into()));
    }
    let steps = steps.min(MAX_STEPS);
    // The only allocations: the two output buffers, sized once for the whole run.
    let mut points = Vec::with_capacity(steps + 1);
    let mut values = Vec::with_capacity(steps + 1);
    points.push(start);
    values.push(surface.value(start[0], start[1]));
    let mut p = start;
    let mut outcome = Outcome::Finished;
    for _ in 0..steps {
        let g = grad_at(p);
        opt.step(&mut p, &g);
        let v = surface.value(p[0], p[1]);
        if !inside(p) || !v.is_finite() {
            outcome = Outcome::Diverged;
            break;
        }
        points.push(p);
        values.push(v);
    }
    Ok(Trajectory { points, values, outcome })
}

slug_enum! {
    /// What a learning rate did to a run, in the words the lab shows.
    pub enum Verdict {
        /// Reached the minimum's neighbourhood.
        Converged => "converged",
        /// Still far away and moving steadily: the steps are too small.
        Crawling => "crawling",
        /// Bouncing back and forth across the valley: the steps are too large to settle.
        Oscillating => "oscillating",
        /// Escaped: the steps grow without bound.
        Diverged => "diverged",
    }
}

/// Share of the last steps that must reverse direction for a run to count as oscillating.
pub const OSCILLATION_SHARE: f32 = 0.5;
/// How many final steps are inspected for oscillation.
pub const OSCILLATION_WINDOW: usize = 20;
/// Converged: the gap `f − f*` shrank below this fraction of the starting gap.
pub const CONVERGED_GAP: f32 = 1e-3;

/// Names what happened to a run: diverged (it escaped), converged (`f − f*` below
/// [`CONVERGED_GAP`] of the starting gap), oscillating (at least [`OSCILLATION_SHARE`] of the last
/// [`OSCILLATION_WINDOW`] steps point against the step before them: `Δθ_t · Δθ_{t−1} < 0`), or
/// else crawling.
pub fn verdict(surface: &Surface, run: &Trajectory) -> Verdict {
    if run.diverged() {
        return Verdict::Diverged;
    }
    let f_star = surface.min_value();
    let gap0 = run.values.first().map_or(f32::INFINITY, |v| v - f_star);
    let gap = run.values.last().map_or(f32::INFINITY, |v| v - f_star);
    if gap <= CONVERGED_GAP * gap0.max(1e-12) || gap <= 1e-7 {
        return Verdict::Converged;
    }
    let p = &run.points;
    let n = p.len();
    if n >= 3 {
        let start = n.saturating_sub(OSCILLATION_WINDOW + 1).max(1);
        let mut reversals = 0;
        let mut counted = 0;
        for t in start + 1..n {
            let a = [p[t - 1][0] - p[t - 2][0], p[t - 1][1] - p[t - 2][1]];
            let b = [p[t][0] - p[t - 1][0], p[t][1] - p[t - 1][1]];
            counted += 1;
            if a[0] * b[0] + a[1] * b[1] < 0.0 {
                reversals += 1;
            }
        }
        if counted > 0 && reversals as f32 >= OSCILLATION_SHARE * counted as f32 {
            return Verdict::Oscillating;
        }
    }
    Verdict::Crawling
}
