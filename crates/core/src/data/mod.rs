//! # Data: what the labs learn from
//!
//! Every 2-D point lives in `[−DOMAIN, DOMAIN]² = [−6, 6]²`, so one heatmap scale fits every lab,
//! and every set is drawn from an explicit seed.
//!
//! - [`dataset`]: the Playground's eight 2-D shapes (classification and regression);
//! - [`features`]: the inputs a network sees, computed from `(x₁, x₂)`;
//! - [`split`]: the three-way train / validation / test split by ranked keys;
//! - [`curve`]: 1-D noisy curves `y = f(x) + ε` for the overfitting lab;
//! - [`shapes`]: 2-D shapes for clustering (blobs, anisotropic blobs, moons, rings, noise);
//! - [`shoppers`]: the clustering lab's small table of shoppers, and how to describe a segment.

pub mod curve;
pub mod dataset;
pub mod features;
pub mod shapes;
pub mod shoppers;
pub mod split;
