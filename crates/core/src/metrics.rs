//! # Metrics: how good are the predictions?
//!
//! - **Confusion matrix** (classification): `C[i][j]` = number of points whose true class is `i`
//!   and predicted class is `j`. The diagonal holds the correct predictions, so
//!   `accuracy = Σ_i C[i][i] / Σ_ij C[i][j]`. Row `i` shows where the points of class `i` went
//!   (its diagonal share is the *recall* of class `i`); column `j` shows where the predictions
//!   "class `j`" came from (its diagonal share is the *precision* of class `j`).
//! - **Coefficient of determination** (regression):
//!   `R² = 1 − SS_res / SS_tot`, with `SS_res = Σ (y_i − ŷ_i)²` (what the model leaves
//!   unexplained) and `SS_tot = Σ (y_i − ȳ)²` (the spread around the mean). `R² = 1` is perfect,
//!   `0` is no better than always predicting the mean, negative is worse than that.
//!
//! Sums are accumulated in `f64` so a few thousand points lose no precision.

/// Counts of (true class, predicted class) pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfusionMatrix {
    /// Number of classes K.
    pub classes: usize,
    /// K × K counts, row-major: row = true class, column = predicted class.
    pub counts: Vec<u32>,
}

impl ConfusionMatrix {
    /// An all-zero K × K matrix.
    pub fn new(classes: usize) -> Self {
        ConfusionMatrix { classes, counts: vec![0; classes * classes] }
    }

    /// Builds the matrix from paired true and predicted classes (pairs with a class ≥ K are
    /// ignored rather than panicking).
    pub fn from_pairs(classes: usize, truth: &[usize], predicted: &[usize]) -> Self {
        let mut cm = Self::new(classes);
        for (&t, &p) in truth.iter().zip(predicted) {
            cm.add(t, p);
        }
        cm
    }

    /// Records one prediction; ignored if either class is out of range.
    pub fn add(&mut self, truth: usize, predicted: usize) {
        if truth < self.classes && predicted < self.classes {
            self.counts[truth * self.classes + predicted] += 1;
        }
    }

    /// Number of points of class `truth` predicted as `predicted` (0 if out of range).
    pub fn get(&self, truth: usize, predicted: usize) -> u32 {
        if truth < self.classes && predicted < self.classes {
            self.counts[truth * self.classes + predicted]
        } else {
            0
        }
    }

    /// Total number of points recorded.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&c| u64::from(c)).sum()
    }

    /// Number of correct predictions (the diagonal).
    pub fn correct(&self) -> u64 {
        (0..self.classes).map(|i| u64::from(self.get(i, i))).sum()
    }

    /// Fraction of correct predictions; NaN when the matrix is empty (no points, no accuracy).
    pub fn accuracy(&self) -> f32 {
        let total = self.total();
        if total == 0 {
            return f32::NAN;
        }
        (self.correct() as f64 / total as f64) as f32
    }

    /// Recall of class `c`: `C[c][c] / Σ_j C[c][j]`; NaN if no point has class `c`.
    pub fn recall(&self, c: usize) -> f32 {
        let row: u64 = (0..self.classes).map(|j| u64::from(self.get(c, j))).sum();
        ratio(self.get(c, c), row)
    }

    /// Precision of class `c`: `C[c][c] / Σ_i C[i][c]`; NaN if nothing was predicted as `c`.
    pub fn precision(&self, c: usize) -> f32 {
        let col: u64 = (0..self.classes).map(|i| u64::from(self.get(i, c))).sum();
        ratio(self.get(c, c), col)
    }
}

fn ratio(num: u32, den: u64) -> f32 {
    if den == 0 {
        f32::NAN
    } else {
        (f64::from(num) / den as f64) as f32
    }
}

/// Coefficient of determination `R² = 1 − SS_res/SS_tot` of predictions `pred` against `truth`
/// (paired up to the shorter length).
///
/// Edge cases: NaN for no points; when every true value is the same (`SS_tot = 0`) the ratio is
/// undefined, and the result is 1 for a perfect prediction and 0 otherwise (scikit-learn's
/// convention), so the page never shows ±∞.
pub fn r_squared(pred: &[f32], truth: &[f32]) -> f32 {
    let n = pred.len().min(truth.len());
    if n == 0 {
        return f32::NAN;
    }
    let (pred, truth) = (&pred[..n], &truth[..n]);
    let mean = truth.iter().map(|&y| f64::from(y)).sum::<f64>() / n as f64;
    let mut ss_res = 0.0f64;
    let mut ss_tot = 0.0f64;
    for (&p, &y) in pred.iter().zip(truth) {
        let (p, y) = (f64::from(p), f64::from(y));
        ss_res += (y - p) * (y - p);
        ss_tot += (y - mean) * (y - mean);
    }
    if ss_tot == 0.0 {
        return if ss_res == 0.0 { 1.0 } else { 0.0 };
    }
    (1.0 - ss_res / ss_tot) as f32
}
