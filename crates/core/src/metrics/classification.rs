//! # Classification metrics
//!
//! - **Confusion matrix** (classification): `C[i][j]` = number of points whose true class is `i`
//!   and predicted class is `j`. The diagonal holds the correct predictions, so
//!   `accuracy = Σ_i C[i][i] / Σ_ij C[i][j]`. Row `i` shows where the points of class `i` went
//!   (its diagonal share is the *recall* of class `i`); column `j` shows where the predictions
//!   "class `j`" came from (its diagonal share is the *precision* of class `j`).

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

/// Accuracy of class labels stored as numbers (a data set's targets `0.0, 1.0, …`, a model's
/// `predict_into` output) against the true ones: the [`ConfusionMatrix`] accuracy
/// `Σ_i C[i][i] / Σ_ij C[i][j]` over the pairs (paired up to the shorter length).
///
/// A true label is truncated to its class (`1.0 → 1`); a prediction that names no class
/// (NaN, negative, `≥ classes`) is left out of the count, as [`ConfusionMatrix::add`] leaves
/// it out. `None` when there are no true labels or no pair was counted. `classes` below 1
/// counts as 1.
pub fn label_accuracy(classes: usize, truth: &[f32], predicted: &[f32]) -> Option<f32> {
    if truth.is_empty() {
        return None;
    }
    let mut cm = ConfusionMatrix::new(classes.max(1));
    for (&t, &p) in truth.iter().zip(predicted) {
        let p = if p.is_finite() && p >= 0.0 { p as usize } else { usize::MAX };
        cm.add(t as usize, p);
    }
    let a = cm.accuracy();
    a.is_finite().then_some(a)
}
