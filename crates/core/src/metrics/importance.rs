//! # Permutation importance: how much does the model need each column?
//!
//! Shuffle one feature's column — the values stay, their link to the rows is broken — and
//! score the fitted model again. The loss of score is that feature's importance:
//!
//! ```text
//! importance_{j,r} = s(y, f(X)) − s(y, f(X with column j permuted by π_{j,r}))
//! mean_j = (1/R) Σ_r importance_{j,r},      std_j = √((1/R) Σ_r (importance_{j,r} − mean_j)²)
//! ```
//!
//! for `R` repeats with different permutations (Breiman 2001; scikit-learn's
//! `permutation_importance`, whose population standard deviation we use). The score `s` is
//! "higher is better" (accuracy, R², minus an error); a feature the model ignores scores 0 up to
//! chance, and a negative value means shuffling happened to help. It measures what *this model*
//! uses, on *these rows* (best: held-out rows), not what is true of the world: two correlated
//! columns can share or hide each other's importance.
//!
//! The model is any closure `predict(x) -> predictions` over a whole `n × n_features` buffer,
//! and the score any closure `score(truth, predictions) -> f64`; a NaN score gives a NaN
//! importance for that feature, never a panic.
//!
//! ## Steps and permutations
//!
//! [`PermutationImportance`] does one (feature, repeat) per [`step`](Stepping::step) — one
//! prediction of the whole table — features in order, so the page can show the bars filling in.
//! The permuted column is `x′[i][j] = x[π(i)][j]`. Seeded permutations are uniform
//! (Fisher–Yates, [`Rng::shuffle`]) from `Rng::stream(seed, IMPORTANCE_STREAM)`, drawn in step
//! order: the same seed gives the same importances. [`importance_with_permutations`] takes
//! the permutations instead — that is how the check against scikit-learn feeds in exactly the
//! permutations NumPy drew (`tests/tabular_importance.rs`).

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::check_points;
use crate::stepping::{Progress, Stepping};

/// Stream id of the permutations (`"PERM"`).
pub const IMPORTANCE_STREAM: u64 = 0x5045_524D;

/// Importances per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Importances {
    /// Score of the model on the unshuffled table.
    pub baseline: f64,
    /// `n_features × n_repeats`, row-major: baseline − score with that permutation.
    pub raw: Vec<f64>,
    /// Mean over repeats, per feature.
    pub mean: Vec<f64>,
    /// Population standard deviation over repeats, per feature.
    pub std: Vec<f64>,
}

#[derive(Debug, Clone)]
enum Permutations {
    Seeded(Rng),
    /// Feature-major: entry `j·n_repeats + r` permutes column `j` in repeat `r`.
    Given(Vec<Vec<usize>>),
}

/// Permutation importance computed one (feature, repeat) per step (module docs).
pub struct PermutationImportance<P, S>
where
    P: FnMut(&[f32]) -> Vec<f32>,
    S: FnMut(&[f32], &[f32]) -> f64,
{
    x: Vec<f32>,
    shuffled: Vec<f32>,
    n_features: usize,
    n_rows: usize,
    y: Vec<f32>,
    predict: P,
    score: S,
    permutations: Permutations,
    n_repeats: usize,
    baseline: f64,
    /// `baseline − score` of every step done, in step order (feature-major).
    raw: Vec<f64>,
    order: Vec<usize>,
}

fn check_common(x: &[f32], n_features: usize, y: &[f32], n_repeats: usize) -> Result<usize, ParamError> {
    let n = check_points(x, n_features)?;
    if y.len() != n {
        return Err(ParamError::length_mismatch("y", n, y.len()));
    }
    if n_repeats == 0 {
        return Err(ParamError::at_least("n_repeats", 1.0, 0.0));
    }
    Ok(n)
}

impl<P, S> PermutationImportance<P, S>
where
    P: FnMut(&[f32]) -> Vec<f32>,
    S: FnMut(&[f32], &[f32]) -> f64,
{
    /// Scores the model on the unshuffled table (one prediction) and prepares `n_repeats`
    /// seeded permutations per feature.
    ///
    /// Errors: `"n_features"` (0), `"points"` (empty, not whole rows, NaN or infinite), `"y"`
    /// (length), `"n_repeats"` (0).
    pub fn new(x: &[f32], n_features: usize, y: &[f32], n_repeats: usize, seed: u64, predict: P, score: S) -> Result<Self, ParamError> {
        check_common(x, n_features, y, n_repeats)?;
        Ok(Self::start(x, n_features, y, n_repeats, Permutations::Seeded(Rng::stream(seed, IMPORTANCE_STREAM)), predict, score))
    }

    /// As [`new`](Self::new), with given permutations instead of seeded ones: feature-major,
    /// `permutations[j·n_repeats + r]` permutes column `j` in repeat `r`.
    ///
    /// Errors: those of [`new`](Self::new), and `"permutations"` (not `n_features · n_repeats`
    /// of them, or one that is not a permutation of `0..n`).
    pub fn with_permutations(
        x: &[f32],
        n_features: usize,
        y: &[f32],
        n_repeats: usize,
        permutations: Vec<Vec<usize>>,
        predict: P,
        score: S,
    ) -> Result<Self, ParamError> {
        let n = check_common(x, n_features, y, n_repeats)?;
        if permutations.len() != n_features * n_repeats {
            return Err(ParamError::length_mismatch("permutations", n_features * n_repeats, permutations.len()));
        }
        let mut seen = vec![false; n];
        for p in &permutations {
            if p.len() != n {
                return Err(ParamError::length_mismatch("permutations", n, p.len()));
            }
            seen.fill(false);
            for &i in p {
                if i >= n || seen[i] {
                    return Err(ParamError::out_of_range("permutations", 0.0, (n - 1) as f64, i as f64));
                }
                seen[i] = true;
            }
        }
        Ok(Self::start(x, n_features, y, n_repeats, Permutations::Given(permutations), predict, score))
    }

    fn start(x: &[f32], n_features: usize, y: &[f32], n_repeats: usize, permutations: Permutations, mut predict: P, mut score: S) -> Self {
        let baseline = score(y, &predict(x));
        let n_rows = x.len() / n_features;
        PermutationImportance {
            x: x.to_vec(),
            shuffled: x.to_vec(),
            n_features,
            n_rows,
            y: y.to_vec(),
            predict,
            score,
            permutations,
            n_repeats,
            baseline,
            raw: Vec::with_capacity(n_features * n_repeats),
            order: (0..n_rows).collect(),
        }
    }

    /// Score on the unshuffled table.
    pub fn baseline(&self) -> f64 {
        self.baseline
    }

    /// Features whose every repeat is done (their importances are final).
    pub fn features_done(&self) -> usize {
        self.raw.len() / self.n_repeats
    }

    /// The importances so far: `mean` and `std` of the finished features, `raw` of every step.
    pub fn importances(&self) -> Importances {
        let r = self.n_repeats;
        let (mut mean, mut std) = (Vec::new(), Vec::new());
        for repeats in self.raw.chunks_exact(r) {
            let m = repeats.iter().sum::<f64>() / r as f64;
            let var = repeats.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / r as f64;
            mean.push(m);
            std.push(var.sqrt());
        }
        Importances { baseline: self.baseline, raw: self.raw.clone(), mean, std }
    }

    /// Runs the remaining steps and returns the importances.
    pub fn finish(mut self) -> Importances {
        while !self.done() {
            self.step();
        }
        self.importances()
    }
}

impl<P, S> Stepping for PermutationImportance<P, S>
where
    P: FnMut(&[f32]) -> Vec<f32>,
    S: FnMut(&[f32], &[f32]) -> f64,
{
    /// One (feature, repeat): permute the column, predict the table, score, restore.
    fn step(&mut self) {
        if self.done() {
            return;
        }
        let unit = self.raw.len();
        let j = unit / self.n_repeats;
        let d = self.n_features;
        let perm: &[usize] = match &mut self.permutations {
            Permutations::Seeded(rng) => {
                // A fresh uniform permutation: shuffle from the identity every time.
                for (i, o) in self.order.iter_mut().enumerate() {
                    *o = i;
                }
                rng.shuffle(&mut self.order);
                &self.order
            }
            Permutations::Given(all) => &all[unit],
        };
        for (i, &from) in perm.iter().enumerate() {
            self.shuffled[i * d + j] = self.x[from * d + j];
        }
        let predicted = (self.predict)(&self.shuffled);
        let s = (self.score)(&self.y, &predicted);
        self.raw.push(self.baseline - s);
        for i in 0..self.n_rows {
            self.shuffled[i * d + j] = self.x[i * d + j];
        }
    }

    fn done(&self) -> bool {
        self.raw.len() == self.n_features * self.n_repeats
    }

    fn progress(&self) -> Progress {
        Progress { done: self.raw.len(), total: Some(self.n_features * self.n_repeats) }
    }
}

/// Permutation importance with `n_repeats` seeded permutations per feature, run to the end.
/// Errors as [`PermutationImportance::new`].
pub fn permutation_importance<P, S>(
    x: &[f32],
    n_features: usize,
    y: &[f32],
    n_repeats: usize,
    seed: u64,
    predict: P,
    score: S,
) -> Result<Importances, ParamError>
where
    P: FnMut(&[f32]) -> Vec<f32>,
    S: FnMut(&[f32], &[f32]) -> f64,
{
    Ok(PermutationImportance::new(x, n_features, y, n_repeats, seed, predict, score)?.finish())
}

/// Permutation importance with given permutations (feature-major, see
/// [`PermutationImportance::with_permutations`]), run to the end. Errors as there.
pub fn importance_with_permutations<P, S>(
    x: &[f32],
    n_features: usize,
    y: &[f32],
    n_repeats: usize,
    permutations: Vec<Vec<usize>>,
    predict: P,
    score: S,
) -> Result<Importances, ParamError>
where
    P: FnMut(&[f32]) -> Vec<f32>,
    S: FnMut(&[f32], &[f32]) -> f64,
{
    Ok(PermutationImportance::with_permutations(x, n_features, y, n_repeats, permutations, predict, score)?.finish())
}
