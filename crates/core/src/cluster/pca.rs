//! # PCA: the directions in which the data vary most
//!
//! Principal component analysis rotates the coordinate system so that the first axis points
//! where the data spread most, the second where they spread most among directions
//! perpendicular to the first, and so on. Keeping the first few axes gives a low-dimensional
//! picture (a 2-D scatter of 6-column customer data) that loses as little spread as possible.
//!
//! ## The recipe
//!
//! With `n` points `xᵢ ∈ ℝᵈ` (rows of `n_features = d` numbers):
//!
//! 1. **Centre**: subtract the mean `x̄ = (1/n) Σᵢ xᵢ` of every column.
//! 2. **Scale (optional)**: divide every column by its standard deviation
//!    `σⱼ = √((1/n) Σᵢ (xᵢⱼ − x̄ⱼ)²)` — the population formula (`ddof = 0`), as scikit-learn's
//!    `StandardScaler`; a constant column (`σⱼ = 0`) is left unscaled (divided by 1). Without
//!    scaling, a column in shekels swamps a column in years merely by its units; with it every
//!    column counts equally (each has variance 1).
//! 3. **Covariance**: `C = (1/(n − 1)) Σᵢ zᵢ zᵢᵀ` over the centred (and scaled) rows `zᵢ` —
//!    the sample covariance (`ddof = 1`), as scikit-learn's `PCA` reports its variances. `C` is
//!    symmetric and positive semi-definite.
//! 4. **Eigen-decomposition** `C = V Λ Vᵀ`: the columns `v₁ … v_d` of the orthogonal `V` are the
//!    **principal components** (unit vectors), the eigenvalues `λ₁ ≥ … ≥ λ_d ≥ 0` are the
//!    **explained variances**: `λₖ` is the variance of the data along `vₖ`, because
//!    `Var(zᵀv) = vᵀCv = λ` for an eigenvector `v`. The **explained variance ratio**
//!    `λₖ / Σⱼ λⱼ` is the share of the total spread (`Σⱼ λⱼ = trace C`) that axis `k` carries.
//! 5. **Transform**: the coordinates of a point in the first `m` components are
//!    `(z · v₁, …, z · v_m)`, with `z` the point centred (and scaled) as in steps 1–2.
//!
//! ## Solving the eigenproblem: cyclic Jacobi in `f64`
//!
//! For the small `d` of the labs (≤ [`MAX_FEATURES`]) the cyclic Jacobi method is the robust
//! choice: it applies plane rotations `J(p, q, θ)` that zero one off-diagonal entry at a time,
//! `C ← JᵀCJ`, sweeping over all pairs `p < q` until the off-diagonal mass
//! `Σ_{p≠q} C²_pq` is below `(10⁻¹⁵)²·‖C‖²_F`. Each rotation keeps `C` symmetric and its
//! eigenvalues unchanged while moving off-diagonal mass onto the diagonal; convergence is
//! quadratic (a handful of sweeps). The product of the rotations is `V`, orthogonal to
//! rounding. Repeated eigenvalues (a round cloud) are no problem — any orthonormal basis of
//! their eigenspace is returned. For a rotation the angle comes from
//! `θ = (C_qq − C_pp)/(2C_pq)`, `t = tan φ = sign(θ)/(|θ| + √(θ² + 1))` (the smaller root of
//! `t² + 2θt − 1 = 0`, which keeps the rotation angle ≤ 45°), `c = 1/√(t² + 1)`, `s = t·c`.
//!
//! ## Sign convention
//!
//! An eigenvector is only defined up to sign (`−v` is one too). We flip each component so
//! that its entry of largest magnitude is positive (the first such entry on an exact tie) —
//! scikit-learn's `svd_flip(u_based_decision=False)`, so our components equal its
//! `components_`, not just up to sign. Tiny eigenvalues that rounding makes negative are
//! clamped to 0.
//!
//! ## Drawing the axes
//!
//! [`Pca::axis`] gives the segment `x̄ ± √λₖ·vₖ` (one standard deviation along the axis each
//! way) in the **original units**: with scaling, a direction `v` in standardised space is
//! `v ⊙ σ` in the original one.

use crate::error::ParamError;
use crate::shared::check_points;

/// Most features PCA accepts (Jacobi costs `O(d³)` per sweep; 32 is far above the labs' 6).
pub const MAX_FEATURES: usize = 32;
/// Safety cap on Jacobi sweeps; a symmetric matrix of this size converges in under 15.
pub const JACOBI_MAX_SWEEPS: usize = 64;

/// Per-column centring and scaling to unit variance (`ddof = 0`), as scikit-learn's
/// `StandardScaler`: `z = (x − mean)/std`, with `std = 1` for a constant column.
#[derive(Debug, Clone, PartialEq)]
pub struct Standardiser {
    mean: Vec<f64>,
    std: Vec<f64>,
}

impl Standardiser {
    /// Column means and standard deviations of `x` (two passes, `f64`).
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, ragged, non-finite).
    pub fn fit(x: &[f32], n_features: usize) -> Result<Standardiser, ParamError> {
        let n = check_points(x, n_features)?;
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
            for ((s, &v), m) in var.iter_mut().zip(row).zip(&mean) {
                *s += (f64::from(v) - m).powi(2);
            }
        }
        let std = var.iter().map(|s| (s / n as f64).sqrt()).map(|s| if s > 0.0 { s } else { 1.0 }).collect();
        Ok(Standardiser { mean, std })
    }

    /// Features per row.
    pub fn n_features(&self) -> usize {
        self.mean.len()
    }

    /// Column means.
    pub fn mean(&self) -> &[f64] {
        &self.mean
    }

    /// Column standard deviations (`ddof = 0`; 1 for a constant column).
    pub fn std(&self) -> &[f64] {
        &self.std
    }

    /// `z = (x − mean)/std` for every row of `x` into `out` (cleared first, reused). A trailing
    /// partial row is ignored.
    pub fn transform(&self, x: &[f32], out: &mut Vec<f32>) {
        out.clear();
        for row in x.chunks_exact(self.mean.len()) {
            out.extend(row.iter().zip(&self.mean).zip(&self.std).map(|((&v, m), s)| ((f64::from(v) - m) / s) as f32));
        }
    }

    /// `x = mean + z·std` for every row of `z` into `out` (cleared first, reused).
    pub fn inverse_transform(&self, z: &[f32], out: &mut Vec<f32>) {
        out.clear();
        for row in z.chunks_exact(self.mean.len()) {
            out.extend(row.iter().zip(&self.mean).zip(&self.std).map(|((&v, m), s)| (m + f64::from(v) * s) as f32));
        }
    }
}

/// One principal axis as a segment to draw, in the original units.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalAxis {
    /// `x̄ − √λ·v` (original units).
    pub start: Vec<f32>,
    /// `x̄ + √λ·v` (original units): the tip the component points to.
    pub end: Vec<f32>,
    /// Standard deviation along the axis, `√λ` (in standardised units when scaling).
    pub std_dev: f64,
}

/// A fitted PCA (module docs). Statistics are small (`d ≤ 32`) and kept in `f64`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    n_samples: usize,
    mean: Vec<f64>,
    scale: Option<Vec<f64>>,
    /// `d × d`, row `k` = component `k`.
    components: Vec<f64>,
    variance: Vec<f64>,
    ratio: Vec<f64>,
}

impl Pca {
    /// Fits PCA to `n ≥ 2` points; `standardise` divides every column by its standard
    /// deviation first (module docs). All `d` components are kept (they cost nothing);
    /// [`transform`](Self::transform) chooses how many to use.
    ///
    /// Errors: `"n_features"` (0 or above [`MAX_FEATURES`]), `"points"` (fewer than 2,
    /// ragged, non-finite).
    pub fn fit(x: &[f32], n_features: usize, standardise: bool) -> Result<Pca, ParamError> {
        if n_features > MAX_FEATURES {
            return Err(ParamError::out_of_range("n_features", 1.0, MAX_FEATURES as f64, n_features as f64));
        }
        let n = check_points(x, n_features)?;
        if n < 2 {
            return Err(ParamError::too_few("points", 2, n));
        }
        let d = n_features;
        let scaler = Standardiser::fit(x, d)?;
        let scale = standardise.then(|| scaler.std().to_vec());
        let ones = vec![1.0; d];
        let s = scale.as_deref().unwrap_or(&ones);
        let mean = scaler.mean().to_vec();
        // Covariance of the centred (scaled) rows, ddof = 1; upper triangle then mirrored.
        let mut cov = vec![0.0f64; d * d];
        let mut z = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            for j in 0..d {
                z[j] = (f64::from(row[j]) - mean[j]) / s[j];
            }
            for a in 0..d {
                for b in a..d {
                    cov[a * d + b] += z[a] * z[b];
                }
            }
        }
        for a in 0..d {
            for b in a..d {
                let v = cov[a * d + b] / (n - 1) as f64;
                cov[a * d + b] = v;
                cov[b * d + a] = v;
            }
        }
        let (values, vectors) = symmetric_eigen(cov, d);
        // Descending eigenvalue; stable, so equal eigenvalues keep Jacobi's order.
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
        let mut components = Vec::with_capacity(d * d);
        let mut variance = Vec::with_capacity(d);
        for &k in &order {
            // Column k of V (row-major d × d).
            let mut v: Vec<f64> = (0..d).map(|r| vectors[r * d + k]).collect();
            // Sign: largest |entry| positive; the first maximum wins a tie (np.argmax).
            let mut big = 0;
            for j in 1..d {
                if v[j].abs() > v[big].abs() {
                    big = j;
                }
            }
            if v[big] < 0.0 {
                v.iter_mut().for_each(|e| *e = -*e);
            }
            components.extend_from_slice(&v);
            variance.push(values[k].max(0.0));
        }
        let total: f64 = variance.iter().sum();
        let ratio = variance.iter().map(|&l| if total > 0.0 { l / total } else { 0.0 }).collect();
        Ok(Pca { n_samples: n, mean, scale, components, variance, ratio })
    }

    /// Features per point `d` (= number of components).
    pub fn n_features(&self) -> usize {
        self.mean.len()
    }

    /// Number of points it was fitted on.
    pub fn n_samples(&self) -> usize {
        self.n_samples
    }

    /// Column means `x̄`.
    pub fn mean(&self) -> &[f64] {
        &self.mean
    }

    /// Column standard deviations used for scaling (`ddof = 0`, 1 for a constant column);
    /// `None` without scaling.
    pub fn scale(&self) -> Option<&[f64]> {
        self.scale.as_deref()
    }

    /// All components, `d × d` row-major: row `k` is the unit vector `vₖ` (in standardised
    /// units when scaling), in decreasing order of variance.
    pub fn components(&self) -> &[f64] {
        &self.components
    }

    /// Component `k` (an empty slice for `k ≥ d`).
    pub fn component(&self, k: usize) -> &[f64] {
        let d = self.n_features();
        self.components.get(k * d..(k + 1) * d).unwrap_or(&[])
    }

    /// Explained variances `λ₁ ≥ … ≥ λ_d ≥ 0` (`ddof = 1`).
    pub fn explained_variance(&self) -> &[f64] {
        &self.variance
    }

    /// Explained variance ratios `λₖ / Σλ` (all 0 when the data have no spread at all).
    pub fn explained_variance_ratio(&self) -> &[f64] {
        &self.ratio
    }

    /// Share of the total variance carried by the first `m` components (clamped to `d`).
    pub fn cumulative_ratio(&self, m: usize) -> f64 {
        self.ratio.iter().take(m).sum()
    }

    fn check_m(&self, m: usize) -> Result<(), ParamError> {
        if m == 0 || m > self.n_features() {
            return Err(ParamError::out_of_range("n_components", 1.0, self.n_features() as f64, m as f64));
        }
        Ok(())
    }

    /// Coordinates of every row of `x` on the first `m` components into `out` (`rows × m`,
    /// cleared first, reused). Errors: `"n_components"` (0 or above `d`), `"points"` (ragged,
    /// non-finite). No rows is fine (empty output).
    pub fn transform(&self, x: &[f32], m: usize, out: &mut Vec<f32>) -> Result<(), ParamError> {
        self.check_m(m)?;
        out.clear();
        if x.is_empty() {
            return Ok(());
        }
        let d = self.n_features();
        check_points(x, d)?;
        let mut z = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            self.centre(row, &mut z);
            for k in 0..m {
                out.push(dot(&z, self.component(k)) as f32);
            }
        }
        Ok(())
    }

    /// Every row of `x` projected onto the first `m` components and mapped back to the original
    /// units: `x̄ + σ ⊙ Σₖ₌₁ᵐ (z·vₖ) vₖ` — what is left of a point when only `m` numbers are
    /// kept. With `m = d` it returns the points themselves (to rounding). Same errors as
    /// [`transform`](Self::transform).
    pub fn reconstruct(&self, x: &[f32], m: usize, out: &mut Vec<f32>) -> Result<(), ParamError> {
        self.check_m(m)?;
        out.clear();
        if x.is_empty() {
            return Ok(());
        }
        let d = self.n_features();
        check_points(x, d)?;
        let mut z = vec![0.0f64; d];
        let mut back = vec![0.0f64; d];
        for row in x.chunks_exact(d) {
            self.centre(row, &mut z);
            back.fill(0.0);
            for k in 0..m {
                let v = self.component(k);
                let t = dot(&z, v);
                for (b, &vj) in back.iter_mut().zip(v) {
                    *b += t * vj;
                }
            }
            out.extend(back.iter().enumerate().map(|(j, b)| (self.mean[j] + b * self.scale_of(j)) as f32));
        }
        Ok(())
    }

    /// Axis `k` as a segment `x̄ ± √λₖ·vₖ` in the original units (module docs); `None` for
    /// `k ≥ d`.
    pub fn axis(&self, k: usize) -> Option<PrincipalAxis> {
        let v = self.component(k);
        if v.is_empty() {
            return None;
        }
        let sd = self.variance[k].sqrt();
        let (mut start, mut end) = (Vec::with_capacity(v.len()), Vec::with_capacity(v.len()));
        for (j, &vj) in v.iter().enumerate() {
            let step = sd * vj * self.scale_of(j);
            start.push((self.mean[j] - step) as f32);
            end.push((self.mean[j] + step) as f32);
        }
        Some(PrincipalAxis { start, end, std_dev: sd })
    }

    fn scale_of(&self, j: usize) -> f64 {
        self.scale.as_ref().map_or(1.0, |s| s[j])
    }

    fn centre(&self, row: &[f32], z: &mut [f64]) {
        for (j, zj) in z.iter_mut().enumerate() {
            *zj = (f64::from(row[j]) - self.mean[j]) / self.scale_of(j);
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Eigenvalues and eigenvectors of the symmetric `n × n` matrix `a` (row-major) by cyclic
/// Jacobi (module docs). Returns `(λ, V)` with `V` row-major and eigenvector `k` in column `k`,
/// unsorted.
pub(crate) fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0.0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let frob2: f64 = a.iter().map(|x| x * x).sum();
    for _ in 0..JACOBI_MAX_SWEEPS {
        let off: f64 = (0..n)
            .flat_map(|p| (0..n).filter(move |&q| q != p).map(move |q| (p, q)))
            .map(|(p, q)| a[p * n + q].powi(2))
            .sum();
        if off <= 1e-30 * frob2 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq == 0.0 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                // For a huge θ, θ² would overflow; t ≈ 1/(2θ) there.
                let t = if theta.abs() > 1e150 {
                    0.5 / theta
                } else {
                    theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
                };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // C ← C·J (columns p, q), then C ← Jᵀ·C (rows p, q); V ← V·J.
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                // Exactly zero by construction; rounding would leave ~1e-17·‖C‖.
                a[p * n + q] = 0.0;
                a[q * n + p] = 0.0;
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let values = (0..n).map(|i| a[i * n + i]).collect();
    (values, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `V Λ Vᵀ = A` and `VᵀV = I` for a symmetric matrix with a repeated eigenvalue and a
    /// negative entry pattern (built as Q·diag(3, 1, 1, 0)·Qᵀ from a Householder Q).
    #[test]
    fn jacobi_reconstructs_the_matrix() {
        let n = 4;
        let u = [1.0f64, -2.0, 0.5, 3.0];
        let uu: f64 = u.iter().map(|x| x * x).sum();
        let q = |i: usize, j: usize| f64::from(u8::from(i == j)) - 2.0 * u[i] * u[j] / uu;
        let lam = [3.0, 1.0, 1.0, 0.0];
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] = (0..n).map(|k| q(i, k) * lam[k] * q(j, k)).sum();
            }
        }
        let (values, v) = symmetric_eigen(a.clone(), n);
        let mut sorted = values.clone();
        sorted.sort_by(|x, y| y.total_cmp(x));
        for (got, want) in sorted.iter().zip([3.0, 1.0, 1.0, 0.0]) {
            assert!((got - want).abs() < 1e-12, "eigenvalues {values:?}");
        }
        for i in 0..n {
            for j in 0..n {
                let back: f64 = (0..n).map(|k| v[i * n + k] * values[k] * v[j * n + k]).sum();
                assert!((back - a[i * n + j]).abs() < 1e-12);
                let gram: f64 = (0..n).map(|k| v[k * n + i] * v[k * n + j]).sum();
                assert!((gram - f64::from(u8::from(i == j))).abs() < 1e-12);
            }
        }
    }
}
