//! The Clustering lab's engine room: the points, a k-means run stepped one move at a time (and
//! the glide of its centres), the elbow / silhouette sweep computed a restart at a time, DBSCAN
//! on the same points, the principal axes of the points, and the shoppers table with its PCA and
//! segments. It orchestrates `perplexed-core`; every number comes from there. Time is passed in
//! (milliseconds), so all of it runs natively in tests.

use perplexed_core::cluster::dbscan::{dbscan, Dbscan, DbscanParams};
use perplexed_core::cluster::kmeans::{restart_rng, KMeans, KMeansParams, KSweep, Move};
use perplexed_core::cluster::segments::Segmentation;
use perplexed_core::cluster::pca::{Pca, PrincipalAxis};
use perplexed_core::data::shapes::{generate, ClusterShape, ShapeParams};
use perplexed_core::data::shoppers::{shoppers, Shoppers};
use perplexed_core::metrics::agreement::adjusted_rand_index;
use perplexed_core::metrics::silhouette::{silhouette_score_sampled, DEFAULT_SILHOUETTE_SAMPLE};

use perplexed_core::error::ParamError;

use super::params::{ClusterParams, Source, K_MAX};

/// What a result holds before its first build (overwritten at once by the constructors): no
/// points to work on yet.
fn not_built() -> ParamError {
    ParamError::too_few("points", 1, 0)
}

/// Cells per side of the region map under the k-means plot.
pub const GRID_RES: usize = 96;
/// How long the centres take to glide to their new places after an update.
pub const GLIDE_MS: f64 = 300.0;
/// How long the points that changed cluster in an assignment stay ringed.
pub const FLASH_MS: f64 = 700.0;
/// Starts per k of the elbow sweep (the best is kept).
pub const SWEEP_STARTS: usize = 3;
/// Starts of the shoppers' k-means.
pub const SHOP_STARTS: usize = 10;
/// Lloyd iterations "run to convergence" allows (scikit-learn's default cap).
pub const CONVERGE_CAP: usize = 300;
/// Lloyd iterations per start in the sweep and the shoppers' fit.
const MAX_ITER: usize = 300;

/// Centres on their way from `from` to the run's current centres.
#[derive(Debug, Clone)]
pub struct Glide {
    pub from: Vec<f32>,
    pub start: f64,
}

/// The shoppers table and its segmentation (PCA, segments, profiles, ARI).
pub struct Shop {
    pub table: Shoppers,
    pub seg: Segmentation,
}

impl Shop {
    fn new(standardise: bool, k: usize) -> Self {
        let table = shoppers();
        let seg = Segmentation::fit(&table, standardise, k, SHOP_STARTS, 1);
        Shop { table, seg }
    }

    fn refit(&mut self, standardise: bool, k: usize) {
        self.seg = Segmentation::fit(&self.table, standardise, k, SHOP_STARTS, 1);
    }
}

pub struct ClusterEngine {
    pub params: ClusterParams,
    /// `x₁, x₂` interleaved.
    pub points: Vec<f32>,
    /// The group every point was drawn from, for shapes that have groups.
    pub truth: Option<Vec<usize>>,
    pub data_error: Option<ParamError>,
    pub km: Result<KMeans, ParamError>,
    pub glide: Option<Glide>,
    /// The labels before the last assignment and when it happened (to ring the points that
    /// changed cluster).
    pub flash: Option<(Vec<usize>, f64)>,
    /// Silhouette of the run, once it has converged.
    pub run_silhouette: Option<f32>,
    pub sweep: Result<KSweep, ParamError>,
    pub db: Result<Dbscan, ParamError>,
    /// How many times DBSCAN has run (it runs only when its inputs change).
    pub dbscan_runs: usize,
    /// Principal axes of the points (empty when PCA cannot be fitted, e.g. one point).
    pub axes: Vec<PrincipalAxis>,
    pub shop: Shop,
}

impl ClusterEngine {
    pub fn new(params: ClusterParams) -> Self {
        let shop = Shop::new(params.standardise, params.shop_k);
        let mut e = ClusterEngine {
            params,
            points: Vec::new(),
            truth: None,
            data_error: None,
            km: Err(not_built()),
            glide: None,
            flash: None,
            run_silhouette: None,
            sweep: Err(not_built()),
            db: Err(not_built()),
            dbscan_runs: 0,
            axes: Vec::new(),
            shop,
        };
        e.rebuild_data();
        e
    }

    /// Applies new settings, redoing only what they invalidate (DBSCAN runs again only when
    /// the points, ε or the neighbourhood count change).
    pub fn apply(&mut self, params: ClusterParams) {
        let old = std::mem::replace(&mut self.params, params);
        let p = self.params.clone();
        if p.data_changed(&old) {
            self.rebuild_data();
        } else {
            if (p.k, p.init, p.restart, p.seed) != (old.k, old.init, old.restart, old.seed) {
                self.rebuild_kmeans();
            }
            if (p.init, p.seed) != (old.init, old.seed) {
                self.rebuild_sweep();
            }
            if (p.eps, p.min_pts) != (old.eps, old.min_pts) {
                self.rebuild_dbscan();
            }
        }
        if (p.standardise, p.shop_k) != (old.standardise, old.shop_k) {
            self.shop.refit(p.standardise, p.shop_k);
        }
    }

    fn rebuild_data(&mut self) {
        let p = &self.params;
        self.data_error = None;
        match p.data {
            Source::Drawn => {
                self.points = p.drawn.iter().flat_map(|q| [q[0], q[1]]).collect();
                self.truth = None;
            }
            Source::Shape(shape) => {
                let sp = ShapeParams {
                    shape,
                    points: p.points,
                    clusters: p.clusters,
                    spread: p.spread as f32 / 100.0,
                    seed: u64::from(p.seed),
                };
                match generate(&sp) {
                    Ok(d) => {
                        self.points = d.points;
                        self.truth = (shape != ClusterShape::Uniform).then_some(d.truth);
                    }
                    Err(e) => {
                        self.points.clear();
                        self.truth = None;
                        self.data_error = Some(e);
                    }
                }
            }
        }
        self.axes = Pca::fit(&self.points, 2, false)
            .map(|pca| (0..2).filter_map(|k| pca.axis(k)).collect())
            .unwrap_or_default();
        self.rebuild_kmeans();
        self.rebuild_sweep();
        self.rebuild_dbscan();
    }

    /// A fresh run from start `restart` of `seed` (also "back to the start").
    pub fn rebuild_kmeans(&mut self) {
        let p = &self.params;
        let mut rng = restart_rng(u64::from(p.seed), p.restart as usize);
        self.km = KMeans::new(&self.points, 2, p.k, p.init, &mut rng);
        self.glide = None;
        self.flash = None;
        self.run_silhouette = None;
    }

    fn rebuild_sweep(&mut self) {
        let p = &self.params;
        let kp = KMeansParams { k: 1, init: p.init, n_init: SWEEP_STARTS, max_iter: MAX_ITER, seed: u64::from(p.seed) };
        self.sweep = KSweep::new(&self.points, 2, K_MAX, &kp, DEFAULT_SILHOUETTE_SAMPLE);
    }

    fn rebuild_dbscan(&mut self) {
        let p = &self.params;
        self.db = dbscan(&self.points, 2, &DbscanParams { eps: p.eps, min_samples: p.min_pts });
        self.dbscan_runs += 1;
    }

    /// Makes the next move of k-means at time `now` (a glide finishes at once). `None` when
    /// there is no run (its error is in `km`).
    pub fn step(&mut self, now: f64) -> Option<Move> {
        let km = self.km.as_mut().ok()?;
        self.glide = None;
        let centres = km.centroids().to_vec();
        let labels = km.labels().map(<[usize]>::to_vec);
        let m = km.step();
        match m {
            Move::Update => self.glide = Some(Glide { from: centres, start: now }),
            // The first assignment colours every point: nothing to ring.
            Move::Assign => self.flash = labels.map(|l| (l, now)),
        }
        self.after_move();
        Some(m)
    }

    /// Steps towards convergence while `more()` allows (at least one move). Returns true
    /// when there is nothing left to do (converged, at the iteration cap, or no run).
    pub fn converge(&mut self, now: f64, more: &dyn Fn() -> bool) -> bool {
        let Ok(km) = self.km.as_mut() else { return true };
        let from = km.centroids().to_vec();
        let mut moved = false;
        while !km.converged() && km.iterations() < CONVERGE_CAP {
            km.step();
            moved = true;
            if !more() {
                break;
            }
        }
        let done = km.converged() || km.iterations() >= CONVERGE_CAP;
        if moved {
            self.glide = Some(Glide { from, start: now });
            self.flash = None;
        }
        self.after_move();
        done
    }

    fn after_move(&mut self) {
        let Ok(km) = &self.km else { return };
        if km.converged() && self.run_silhouette.is_none() {
            if let Some(labels) = km.labels() {
                self.run_silhouette =
                    silhouette_score_sampled(&self.points, 2, labels, DEFAULT_SILHOUETTE_SAMPLE, u64::from(self.params.seed))
                        .ok();
            }
        }
    }

    pub fn converged(&self) -> bool {
        self.km.as_ref().is_ok_and(KMeans::converged)
    }

    /// Glide progress in `[0, 1]` (1 when no glide), eased so the centres start and stop softly.
    fn glide_fraction(&self, now: f64) -> f64 {
        self.glide.as_ref().map_or(1.0, |g| {
            let t = ((now - g.start) / GLIDE_MS).clamp(0.0, 1.0);
            t * t * (3.0 - 2.0 * t)
        })
    }

    /// The centres as drawn at `now` (on their way during a glide).
    pub fn shown_centroids(&self, now: f64) -> Vec<f32> {
        let Ok(km) = &self.km else { return Vec::new() };
        let to = km.centroids();
        match &self.glide {
            Some(g) if g.from.len() == to.len() => {
                let f = self.glide_fraction(now) as f32;
                g.from.iter().zip(to).map(|(a, b)| a + (b - a) * f).collect()
            }
            _ => to.to_vec(),
        }
    }

    /// The nearest shown centre of every cell of the region map (core's `predict_grid`, on the
    /// gliding centres while they move). Empty without a run.
    pub fn region_grid(&self, now: f64, out: &mut Vec<usize>) {
        out.clear();
        let Ok(km) = &self.km else { return };
        if self.glide_active(now) {
            let shown = self.shown_centroids(now);
            // A one-point run only to ask core which shown centre is nearest each cell.
            if let Ok(painter) = KMeans::with_centroids(&[0.0, 0.0], 2, &shown) {
                painter.predict_grid(GRID_RES, out);
            }
        } else {
            km.predict_grid(GRID_RES, out);
        }
    }

    pub fn glide_active(&self, now: f64) -> bool {
        self.glide.as_ref().is_some_and(|g| now - g.start < GLIDE_MS)
    }

    pub fn flash_active(&self, now: f64) -> bool {
        self.flash.as_ref().is_some_and(|(_, t)| now - t < FLASH_MS)
    }

    /// Whether something is still moving on the k-means plot at `now`.
    pub fn animating(&self, now: f64) -> bool {
        self.glide_active(now) || self.flash_active(now)
    }

    /// How strongly point `i` is ringed at `now` (it changed cluster in the last assignment):
    /// from 1 just after the move down to 0.
    pub fn flash_strength(&self, i: usize, now: f64) -> f64 {
        let (Some((before, t)), Ok(km)) = (&self.flash, &self.km) else { return 0.0 };
        let Some(after) = km.labels() else { return 0.0 };
        if before.get(i) == after.get(i) {
            return 0.0;
        }
        (1.0 - (now - t) / FLASH_MS).clamp(0.0, 1.0)
    }

    /// Runs sweep restarts while `more()` allows (at least one). Returns true when a value of
    /// k was completed (the charts need redrawing).
    pub fn sweep_step(&mut self, more: &dyn Fn() -> bool) -> bool {
        let Ok(s) = self.sweep.as_mut() else { return false };
        let mut completed = false;
        while !s.is_finished() {
            completed |= s.step_restart().is_some();
            if !more() {
                break;
            }
        }
        completed
    }

    pub fn sweep_finished(&self) -> bool {
        self.sweep.as_ref().map_or(true, KSweep::is_finished)
    }

    /// The k with the highest silhouette so far.
    pub fn best_silhouette_k(&self) -> Option<usize> {
        self.sweep.as_ref().ok()?.best_silhouette_k()
    }

    /// Adjusted Rand index of k-means (once assigned) and of DBSCAN (noise counted as one more
    /// group) against the groups the points were drawn from; `None` for shapes without groups
    /// (uniform noise) and drawn points.
    pub fn agreement(&self) -> Option<(Option<f64>, Option<f64>)> {
        let truth = self.truth.as_ref()?;
        let km = self.km.as_ref().ok().and_then(KMeans::labels).and_then(|l| adjusted_rand_index(truth, l).ok());
        let db = self.db.as_ref().ok().and_then(|d| adjusted_rand_index(truth, &d.labels_noise_as_group()).ok());
        Some((km, db))
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.points.len() / 2
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse_query, LabParams, QueryReader};
    use perplexed_core::cluster::kmeans::Init;

    fn from(query: &str) -> ClusterEngine {
        let mut r = QueryReader::new(parse_query(query));
        let p = ClusterParams::from_query(&mut r);
        assert!(r.rejected.is_empty(), "{query}: {:?}", r.rejected);
        ClusterEngine::new(p)
    }

    #[test]
    fn moves_alternate_centres_glide_and_inertia_never_rises() {
        let mut e = from("");
        assert_eq!(e.len(), 300);
        let start = e.km.as_ref().unwrap().centroids().to_vec();
        let mut now = 0.0;
        let mut moves = Vec::new();
        for _ in 0..12 {
            now += 1000.0;
            moves.push(e.step(now).unwrap());
            if moves.last() == Some(&Move::Update) {
                // The glide starts at the old centres and ends at the new ones.
                let g = e.glide.clone().unwrap();
                assert_eq!(e.shown_centroids(now), g.from);
                assert!(e.glide_active(now + 100.0) && !e.glide_active(now + GLIDE_MS));
                assert_eq!(e.shown_centroids(now + GLIDE_MS), e.km.as_ref().unwrap().centroids());
            }
        }
        assert!(moves.iter().enumerate().all(|(i, &m)| m == if i % 2 == 0 { Move::Assign } else { Move::Update }));
        let km = e.km.as_ref().unwrap();
        assert_ne!(km.centroids(), &start[..], "the centres moved");
        let h = km.inertia_history();
        assert!(h.windows(2).all(|w| w[1] <= w[0] + 1e-9), "{h:?}");
        // Back to the start: the same first centres again.
        e.rebuild_kmeans();
        assert_eq!(e.km.as_ref().unwrap().centroids(), &start[..]);
        assert!(e.km.as_ref().unwrap().inertia_history().is_empty());
    }

    #[test]
    fn points_that_change_cluster_are_ringed_for_a_moment() {
        let mut e = from("data=uniform&k=6&init=random");
        e.step(0.0);
        assert!(e.flash.is_none(), "the first assignment rings nothing");
        e.step(10.0);
        e.step(20.0);
        let changed = (0..e.len()).filter(|&i| e.flash_strength(i, 20.0) > 0.99).count();
        assert_eq!(changed, e.km.as_ref().unwrap().last_changed());
        assert!(changed > 0);
        assert!((0..e.len()).all(|i| e.flash_strength(i, 20.0 + FLASH_MS) == 0.0));
    }

    #[test]
    fn running_to_convergence_in_pieces_gets_there_and_measures_the_silhouette() {
        let mut e = from("clusters=4&k=4&spread=20");
        let mut frames = 0;
        while !e.converge(0.0, &|| false) {
            frames += 1;
            assert!(frames < 2 * CONVERGE_CAP);
        }
        assert!(e.converged());
        let s = e.run_silhouette.unwrap();
        assert!(s > 0.6, "four separate blobs: silhouette {s}");
        // Uniform noise: k-means still returns four clusters, but a worse silhouette.
        let mut u = from(super::super::CONCEPT_PRESET);
        while !u.converge(0.0, &|| true) {}
        let labels = u.km.as_ref().unwrap().labels().unwrap();
        assert_eq!((0..4).filter(|c| labels.contains(c)).count(), 4);
        let su = u.run_silhouette.unwrap();
        assert!(su < s - 0.15, "noise {su} vs blobs {s}");
        assert!(u.agreement().is_none(), "uniform noise has no groups to agree with");
    }

    #[test]
    fn regions_cover_the_grid_and_follow_the_gliding_centres() {
        let mut e = from("k=3");
        let mut grid = Vec::new();
        e.region_grid(0.0, &mut grid);
        assert_eq!(grid.len(), GRID_RES * GRID_RES);
        assert!((0..3).all(|c| grid.contains(&c)));
        e.step(0.0);
        e.step(0.0);
        let mut mid = Vec::new();
        e.region_grid(GLIDE_MS / 2.0, &mut mid);
        let mut end = Vec::new();
        e.region_grid(GLIDE_MS, &mut end);
        assert_eq!(mid.len(), end.len());
        assert_ne!(grid, end, "the regions moved with the centres");
    }

    #[test]
    fn dbscan_runs_only_when_its_inputs_change() {
        let mut e = from("data=moons&points=400&spread=20&eps=0.6&min_pts=5");
        let runs = e.dbscan_runs;
        assert_eq!(e.db.as_ref().unwrap().n_clusters(), 2, "DBSCAN finds the two moons");
        let (km, db) = e.agreement().unwrap();
        assert!(km.is_none(), "k-means has not assigned yet");
        assert!(db.unwrap() > 0.9);
        let mut p = e.params.clone();
        p.k = 5;
        p.restart = 2;
        p.shop_k = 3;
        e.apply(p.clone());
        assert_eq!(e.dbscan_runs, runs, "k-means settings leave DBSCAN alone");
        p.eps = 0.3;
        e.apply(p.clone());
        assert_eq!(e.dbscan_runs, runs + 1);
        p.points = 500;
        e.apply(p);
        assert_eq!(e.dbscan_runs, runs + 2);
        assert_eq!(e.len(), 500);
    }

    #[test]
    fn the_sweep_fills_in_one_start_at_a_time() {
        let mut e = from("clusters=4&spread=10");
        let mut calls = 0;
        while !e.sweep_finished() {
            e.sweep_step(&|| false);
            calls += 1;
        }
        assert_eq!(calls, K_MAX * SWEEP_STARTS);
        let s = e.sweep.as_ref().unwrap();
        assert_eq!(s.points().len(), K_MAX);
        assert!(s.points().windows(2).all(|w| w[1].inertia <= w[0].inertia + 1e-6));
        assert_eq!(e.best_silhouette_k(), Some(4), "four tight blobs: the silhouette peaks at 4");
        // A new init restarts the sweep; a new k does not.
        let mut p = e.params.clone();
        p.k = 7;
        e.apply(p.clone());
        assert!(e.sweep_finished());
        p.init = Init::Random;
        e.apply(p);
        assert!(!e.sweep_finished());
    }

    #[test]
    fn too_few_drawn_points_give_readable_errors_not_panics() {
        let mut e = from("data=drawn&k=3");
        assert!(e.is_empty());
        assert_eq!(e.km.as_ref().unwrap_err(), &ParamError::too_few("points", 1, 0));
        assert!(e.db.is_err() && e.sweep.is_err());
        assert_eq!(e.step(0.0), None);
        assert!(e.converge(0.0, &|| true));
        assert!(e.sweep_finished() && !e.sweep_step(&|| true));
        let mut grid = vec![1];
        e.region_grid(0.0, &mut grid);
        assert!(grid.is_empty() && e.shown_centroids(0.0).is_empty() && e.axes.is_empty());
        let mut p = e.params.clone();
        p.drawn = vec![[1.0, 1.0], [1.0, 1.0]];
        e.apply(p.clone());
        let msg = e.km.as_ref().unwrap_err();
        assert_eq!(msg, &ParamError::needs_points("k", 3, 1));
        p.drawn = vec![[1.0, 1.0], [-2.0, 3.0], [4.0, -4.0], [0.5, 0.5]];
        e.apply(p);
        assert!(e.km.is_ok() && e.db.is_ok() && e.axes.len() == 2);
        assert!(e.agreement().is_none());
    }
}

impl ClusterEngine {
    /// k-means as JSON (the body of a saved model, see `chart::tools`): its centres, the points in
    /// each, the inertia and the iterations run.
    pub fn model_json(&self) -> Option<String> {
        use crate::components::chart::tools::json_numbers;
        let km = self.km.as_ref().ok()?;
        let centres: Vec<String> = (0..km.k()).map(|c| json_numbers(km.centroid(c).iter().copied())).collect();
        let sizes = json_numbers(km.cluster_sizes().iter().map(|&n| n as f32));
        let inertia = km.inertia().filter(|v| v.is_finite()).map_or("null".to_owned(), |v| v.to_string());
        Some(format!("{{\"type\":\"k-means\",\"k\":{},\"iterations\":{},\"inertia\":{inertia},\"sizes\":{sizes},\"centroids\":[{}]}}", km.k(), km.iterations(), centres.join(",")))
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;

    /// After convergence each saved centre is the mean of the points assigned to it (k-means'
    /// fixed point, recomputed here from the points), and the sizes count them.
    #[test]
    fn the_saved_centres_are_the_means_of_their_clusters() {
        let mut e = ClusterEngine::new(ClusterParams::default());
        if let Ok(km) = &mut e.km {
            assert!(km.run_to_convergence(300), "k-means converges");
        }
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("k-means")).expect("valid JSON");
        let km = e.km.as_ref().expect("k-means");
        let labels = km.labels().expect("assigned");
        let k = json["k"].as_u64().expect("k") as usize;
        let centres = json["centroids"].as_array().expect("centres");
        assert_eq!(centres.len(), k);
        for (c, centre) in centres.iter().enumerate() {
            let members: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == c).collect();
            assert_eq!(json["sizes"][c].as_u64(), Some(members.len() as u64));
            for (f, v) in centre.as_array().expect("a centre").iter().enumerate() {
                let d = centre.as_array().map_or(0, Vec::len);
                let mean = members.iter().map(|&i| f64::from(km.points()[i * d + f])).sum::<f64>() / members.len().max(1) as f64;
                assert!((v.as_f64().expect("a number") - mean).abs() < 1e-3, "centre {c}, feature {f}: {v} against the mean {mean}");
            }
        }
    }
}
