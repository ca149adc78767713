//! # Regression metrics
//!
//! - **Coefficient of determination** (regression):
//!   `R² = 1 − SS_res / SS_tot`, with `SS_res = Σ (y_i − ŷ_i)²` (what the model leaves
//!   unexplained) and `SS_tot = Σ (y_i − ȳ)²` (the spread around the mean). `R² = 1` is perfect,
//!   `0` is no better than always predicting the mean, negative is worse than that.
//!
//! Sums are accumulated in `f64` so a few thousand points lose no precision.

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
