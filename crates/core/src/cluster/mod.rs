//! # Clustering and projection: structure without labels
//!
//! - [`kmeans`]: Lloyd's algorithm, `k` centres alternating assign and update moves, with
//!   restarts and the sweep over `k`;
//! - [`dbscan`]: density-based clusters: core points with ≥ `min_samples` neighbours within `ε`;
//! - [`pca`]: principal component analysis, the eigenvectors of the covariance matrix;
//! - [`segments`]: the shoppers' segmentation, PCA and k-means and profiles together.
//!
//! How good a clustering is (silhouette, adjusted Rand index) is measured in
//! [`metrics`](crate::metrics).

pub mod dbscan;
pub mod kmeans;
pub mod pca;
pub mod segments;
