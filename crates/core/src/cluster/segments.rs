//! # Customer segmentation: look with PCA, group with k-means, describe, check
//!
//! The Clustering lab's real-world recipe on the [`Shoppers`] table, in four steps:
//!
//! 1. **Look**: PCA of the table (standardised or not) and every customer projected on the
//!    first two components, `t_i = (x_i − μ)/σ · [v₁ v₂]`;
//! 2. **Group**: k-means++ with `starts` restarts on the standardised columns
//!    `z_ij = (x_ij − μ_j)/σ_j` (or the raw ones), the restart of lowest inertia kept;
//! 3. **Describe**: each segment's size and centre, in the table's own units and in standard
//!    deviations from the mean ([`profile_clusters`]);
//! 4. **Check**: the adjusted Rand index of the segments found against the hidden ones.
//!
//! Without standardising, yearly spend (thousands of shekels) outweighs every other column by
//! orders of magnitude: the first component carries nearly all the variance and k-means splits
//! on spend alone, which the ARI shows.

use crate::cluster::kmeans::{fit_best, Init, KMeansParams};
use crate::cluster::pca::{Pca, Standardiser};
use crate::data::shoppers::{profile_clusters, SegmentProfile, Shoppers, N_COLUMNS};
use crate::error::ParamError;
use crate::metrics::agreement::adjusted_rand_index;

/// Lloyd iterations per start.
const MAX_ITER: usize = 300;

/// The four steps' results. A step that fails leaves its results empty and says why in `error`.
#[derive(Debug)]
pub struct Segmentation {
    pub pca: Result<Pca, ParamError>,
    /// Every customer on the first two principal components (`rows × 2`).
    pub projected: Vec<f32>,
    /// The segment k-means put every customer in (empty when it failed).
    pub labels: Vec<usize>,
    pub profiles: Vec<SegmentProfile>,
    /// Adjusted Rand index of the segments found against the hidden ones.
    pub ari: Option<f64>,
    pub error: Option<ParamError>,
}

impl Segmentation {
    /// Segments `table` into `k` groups (see the module docs), k-means seeded by `seed`.
    pub fn fit(table: &Shoppers, standardise: bool, k: usize, starts: usize, seed: u64) -> Segmentation {
        let values = &table.values;
        let pca = Pca::fit(values, N_COLUMNS, standardise);
        let mut projected = Vec::new();
        if let Ok(p) = &pca {
            if p.transform(values, 2, &mut projected).is_err() {
                projected.clear();
            }
        }
        let mut s = Segmentation { pca, projected, labels: Vec::new(), profiles: Vec::new(), ari: None, error: None };
        if let Err(e) = s.group(table, standardise, k, starts, seed) {
            s.error = Some(e);
        }
        s
    }

    /// Steps 2–4.
    fn group(&mut self, table: &Shoppers, standardise: bool, k: usize, starts: usize, seed: u64) -> Result<(), ParamError> {
        let values = &table.values;
        let mut input = Vec::with_capacity(values.len());
        if standardise {
            Standardiser::fit(values, N_COLUMNS)?.transform(values, &mut input);
        } else {
            input.extend_from_slice(values);
        }
        let params = KMeansParams { k, init: Init::PlusPlus, n_init: starts, max_iter: MAX_ITER, seed };
        let fit = fit_best(&input, N_COLUMNS, &params)?;
        let Some(labels) = fit.best.labels() else { return Ok(()) };
        self.labels = labels.to_vec();
        self.ari = adjusted_rand_index(&table.segment, &self.labels).ok();
        self.profiles = profile_clusters(values, N_COLUMNS, &self.labels)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::shoppers::shoppers;

    #[test]
    fn standardised_segments_recover_the_hidden_ones_and_raw_ones_do_not() {
        let table = shoppers();
        let s = Segmentation::fit(&table, true, 4, 10, 1);
        assert!(s.error.is_none(), "{:?}", s.error);
        assert_eq!(s.projected.len(), 2 * table.rows());
        assert_eq!(s.labels.len(), table.rows());
        assert_eq!(s.profiles.len(), 4);
        assert!(s.profiles.iter().all(|p| p.size > 0 && !p.distinctive().is_empty()));
        let standardised = s.ari.unwrap();
        assert!(standardised > 0.9, "ARI {standardised}");
        let raw = Segmentation::fit(&table, false, 4, 10, 1);
        let raw_ari = raw.ari.unwrap();
        assert!(raw_ari < standardised - 0.1, "raw {raw_ari} vs standardised {standardised}");
        let ratio = raw.pca.as_ref().unwrap().explained_variance_ratio()[0];
        assert!(ratio > 0.99, "unscaled, spend is nearly all the variance: {ratio}");
        assert_eq!(Segmentation::fit(&table, true, 1, 10, 1).profiles.len(), 1);
    }

    #[test]
    fn more_segments_than_customers_is_an_error_not_a_panic() {
        let table = shoppers();
        let s = Segmentation::fit(&table, true, table.rows() + 1, 1, 1);
        assert!(s.error.is_some() && s.labels.is_empty() && s.profiles.is_empty());
        assert!(s.pca.is_ok(), "the look at the table does not depend on k");
    }
}
