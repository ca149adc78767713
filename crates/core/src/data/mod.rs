//! # Data: what the labs learn from
//!
//! Every 2-D point lives in `[−DOMAIN, DOMAIN]² = [−6, 6]²`, so one heatmap scale fits every lab,
//! and every set is drawn from an explicit seed.
//!
//! - [`dataset`]: the Playground's eight 2-D shapes (classification and regression);
//! - [`features`]: the inputs a network sees, computed from `(x₁, x₂)`;
//! - [`split`]: the three-way train / validation / test split by ranked keys;
//! - [`curve`]: 1-D noisy curves `y = f(x) + ε` for the overfitting lab;
//! - [`digits`]: the 8 × 8 hand-written digits of the CNN lab, and [`digits_pack`], their compact download;
//! - [`shapes`]: 2-D shapes for clustering (blobs, anisotropic blobs, moons, rings, noise);
//! - [`shoppers`]: the clustering lab's small table of shoppers, and how to describe a segment.

pub mod curve;
pub mod dataset;
pub mod digits;
pub mod digits_pack;
pub mod features;
pub mod shapes;
pub mod shoppers;
pub mod split;

use crate::error::ParamError;

/// The checks every generator starts with: a point count (field `"points"`) in
/// `min_points..=max_points` and a noise level or spread (field `noise_field`) in
/// `0..=max_noise` (NaN fails).
pub(crate) fn check_points_and_noise(
    points: usize,
    (min_points, max_points): (usize, usize),
    noise_field: &'static str,
    noise: f32,
    max_noise: f32,
) -> Result<(), ParamError> {
    ParamError::check_range("points", min_points as f64, max_points as f64, points as f64)?;
    ParamError::check_range(noise_field, 0.0, f64::from(max_noise), f64::from(noise))
}
