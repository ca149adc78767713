//! DBSCAN by hand (core / border / noise on a line, the inclusive radius, the point counting
//! itself, "first cluster found wins"), its invalid inputs, and the lab's point: it finds the
//! moons and rings k-means cannot.

use perplexed_core::cluster::dbscan::{dbscan, DbscanParams, PointKind, NOISE};
use perplexed_core::cluster::kmeans::{fit_best, KMeansParams};
use perplexed_core::data::shapes::{generate, ClusterShape, ShapeParams};
use perplexed_core::metrics::agreement::adjusted_rand_index;

fn run(x: &[f32], d: usize, eps: f32, min_samples: usize) -> perplexed_core::cluster::dbscan::Dbscan {
    dbscan(x, d, &DbscanParams { eps, min_samples }).unwrap()
}

#[test]
fn dbscan_core_border_noise_by_hand() {
    // 1-D, ε = 1, min_samples = 3 (the point itself counts):
    //   N(0) = {0, 1}        → 2: not core, but 1 is core     → border
    //   N(1) = {0, 1, 2}     → 3: core
    //   N(2) = {1, 2, 3}     → 3: core
    //   N(3) = {2, 3}        → 2: border (2 is core)
    //   N(6) = {6}           → 1: noise (no core within 1)
    //   N(9) = {9, 10}       → border;  N(10) = {9, 10, 11} → core;  N(11) = {10, 11} → border
    // Clusters in index order: 1 is the first core point → cluster 0 = {0, 1, 2, 3};
    // 10 → cluster 1 = {9, 10, 11}.
    let x = [0.0, 1.0, 2.0, 3.0, 6.0, 9.0, 10.0, 11.0];
    let r = run(&x, 1, 1.0, 3);
    assert_eq!(r.labels(), &[0, 0, 0, 0, NOISE, 1, 1, 1]);
    use PointKind::{Border as B, Core as C, Noise as N};
    assert_eq!(r.kinds(), &[B, C, C, B, N, B, C, B]);
    assert_eq!(r.neighbour_counts(), &[2, 3, 3, 2, 1, 2, 3, 2]);
    assert_eq!(r.core_indices(), vec![1, 2, 6]);
    assert_eq!((r.n_clusters(), r.n_noise()), (2, 1));
    // For the Rand index the noise point (4) becomes group n_clusters = 2.
    assert_eq!(r.labels_noise_as_group(), vec![0, 0, 0, 0, 2, 1, 1, 1]);
    // Breadth-first from point 1: itself, then its neighbours 0 and 2 (in coordinate order),
    // then 3 through core 2; cluster 1 from 6: 6, then 5 and 7.
    assert_eq!(r.visit_order(), &[1, 0, 2, 3, 6, 5, 7]);
    // With min_samples = 4 nothing is core: everything is noise.
    let r = run(&x, 1, 1.0, 4);
    assert!(r.labels().iter().all(|&l| l == NOISE) && r.n_clusters() == 0);
    // With min_samples = 1 every point is core (it counts itself): 6 is a cluster of its own.
    let r = run(&x, 1, 1.0, 1);
    assert_eq!(r.labels(), &[0, 0, 0, 0, 1, 2, 2, 2]);
    assert!(r.kinds().iter().all(|k| *k == PointKind::Core));
}

#[test]
fn dbscan_radius_is_inclusive() {
    // Points 0, 0.5 and 0.25 on the x-axis. At ε = 0.5 the outer two are exactly ε apart
    // (0.5 and 0.25 are exact in binary): neighbours, so every point sees all 3 → all core.
    let x = [0.0, 0.0, 0.5, 0.0, 0.25, 0.0];
    let r = run(&x, 2, 0.5, 3);
    assert_eq!(r.labels(), &[0, 0, 0]);
    assert_eq!(r.neighbour_counts(), &[3, 3, 3]);
    // A hair below: 0 and 0.5 no longer see each other (2 points each → border of the core
    // point 0.25, which still sees all three).
    let r = run(&x, 2, 0.499_99, 3);
    assert_eq!(r.neighbour_counts(), &[2, 2, 3]);
    assert_eq!(r.kinds(), &[PointKind::Border, PointKind::Border, PointKind::Core]);
}

#[test]
fn dbscan_border_point_joins_the_first_cluster_found() {
    // 1-D, ε = 0.95, min_samples = 4. A = 0, 0.3, 0.6, 0.9; B = 2.7, 3.0, 3.3, 3.6; m = 1.8.
    // N(0.9) = {0, 0.3, 0.6, 0.9, 1.8} (|1.8 − 0.9| = 0.9 ≤ 0.95) → 5: core.
    // N(2.7) = {1.8, 2.7, 3.0, 3.3, 3.6} → 5: core.
    // N(1.8) = {0.9, 1.8, 2.7} → 3 < 4: m is a border point of both A and B.
    // It joins whichever cluster is found first, i.e. whose first core point has the lower
    // index; m itself comes first in the list but, not being core, never starts a cluster.
    let a = [0.0f32, 0.3, 0.6, 0.9];
    let b = [2.7f32, 3.0, 3.3, 3.6];
    let a_first: Vec<f32> = [1.8].iter().chain(&a).chain(&b).copied().collect();
    let r = run(&a_first, 1, 0.95, 4);
    assert_eq!(r.kinds()[0], PointKind::Border);
    assert_eq!(r.labels(), &[0, 0, 0, 0, 0, 1, 1, 1, 1]);
    let b_first: Vec<f32> = [1.8].iter().chain(&b).chain(&a).copied().collect();
    let r = run(&b_first, 1, 0.95, 4);
    assert_eq!(r.labels(), &[0, 0, 0, 0, 0, 1, 1, 1, 1], "now B is cluster 0 and m joins B");
}

#[test]
fn dbscan_degenerate_inputs_never_panic() {
    // All points identical: one cluster if min_samples ≤ n, else all noise.
    let same = [2.0f32; 20];
    assert!(run(&same, 2, 0.1, 10).labels().iter().all(|&l| l == 0));
    assert!(run(&same, 2, 0.1, 11).labels().iter().all(|&l| l == NOISE));
    // One point; huge ε; huge min_samples.
    assert_eq!(run(&[1.0, 1.0], 2, 0.5, 1).labels(), &[0]);
    assert_eq!(run(&[0.0, 1.0, 5.0], 1, f32::MAX, 2).labels(), &[0, 0, 0]);
    assert_eq!(run(&[0.0, 1.0, 5.0], 1, 1.0, usize::MAX).labels(), &[NOISE; 3]);
    let field = |x: &[f32], d: usize, eps: f32, m: usize| {
        dbscan(x, d, &DbscanParams { eps, min_samples: m }).unwrap_err().field
    };
    assert_eq!(field(&[0.0, 1.0], 1, 0.0, 2), "eps");
    assert_eq!(field(&[0.0, 1.0], 1, -1.0, 2), "eps");
    assert_eq!(field(&[0.0, 1.0], 1, f32::NAN, 2), "eps");
    assert_eq!(field(&[0.0, 1.0], 1, f32::INFINITY, 2), "eps");
    assert_eq!(field(&[0.0, 1.0], 1, 0.5, 0), "min_samples");
    assert_eq!(field(&[], 2, 0.5, 2), "points");
    assert_eq!(field(&[0.0, f32::NAN], 2, 0.5, 2), "points");
    assert_eq!(field(&[0.0, 1.0, 2.0], 2, 0.5, 2), "points");
    assert_eq!(field(&[0.0, 1.0], 0, 0.5, 2), "n_features");
}

#[test]
fn dbscan_finds_moons_and_rings_that_kmeans_cannot() {
    let ari_clustered = |truth: &[usize], labels: &[i32]| {
        // ARI over the points DBSCAN clustered (noise left out), and the noise share.
        let keep: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] != NOISE).collect();
        let t: Vec<usize> = keep.iter().map(|&i| truth[i]).collect();
        let l: Vec<usize> = keep.iter().map(|&i| labels[i] as usize).collect();
        (adjusted_rand_index(&t, &l).unwrap(), 1.0 - keep.len() as f64 / labels.len() as f64)
    };
    for (shape, clusters, eps) in [(ClusterShape::Moons, 2, 0.6), (ClusterShape::Rings, 2, 0.6)] {
        let d = generate(&ShapeParams { shape, points: 600, clusters, spread: 0.2, seed: 4 }).unwrap();
        let db = dbscan(&d.points, 2, &DbscanParams { eps, min_samples: 5 }).unwrap();
        assert_eq!(db.n_clusters(), 2, "{shape:?}");
        let (ari, noise) = ari_clustered(&d.truth, db.labels());
        assert!(ari >= 0.99 && noise < 0.02, "{shape:?}: DBSCAN ARI {ari}, noise {noise}");
        let km = fit_best(&d.points, 2, &KMeansParams { k: 2, ..KMeansParams::default() }).unwrap();
        let km_ari = adjusted_rand_index(&d.truth, km.best.labels().unwrap()).unwrap();
        assert!(km_ari < 0.5, "{shape:?}: k-means ARI {km_ari} — it should fail here");
    }
    // On uniform noise with a small ε, most points are noise: no structure to find.
    let d = generate(&ShapeParams { shape: ClusterShape::Uniform, points: 300, ..ShapeParams::default() }).unwrap();
    let db = dbscan(&d.points, 2, &DbscanParams { eps: 0.4, min_samples: 5 }).unwrap();
    assert!(db.n_noise() > 200, "{} noise points", db.n_noise());
}

#[test]
fn dbscan_grid_finds_exactly_the_brute_force_neighbours() {
    // Points on a lattice of step 0.05 (many pairs exactly ε apart, many on cell borders) and
    // random points, in 1, 2 and 3 dimensions: every neighbour count equals an all-pairs count
    // with the same f64 test ‖p − q‖² ≤ ε².
    let mut rng = perplexed_core::rng::Rng::new(17);
    for d in 1..=3usize {
        for lattice in [true, false] {
            let x: Vec<f32> = (0..300 * d)
                .map(|_| if lattice { (rng.below(80) as f32 - 40.0) * 0.05 } else { rng.uniform(-2.0, 2.0) })
                .collect();
            for eps in [0.05f32, 0.1, 0.15, 0.25, 0.3, 1.0, 10.0] {
                let r = run(&x, d, eps, 4);
                let e2 = f64::from(eps) * f64::from(eps);
                for (i, p) in x.chunks_exact(d).enumerate() {
                    let brute = x
                        .chunks_exact(d)
                        .filter(|q| {
                            p.iter().zip(*q).map(|(a, b)| (f64::from(*a) - f64::from(*b)).powi(2)).sum::<f64>() <= e2
                        })
                        .count();
                    assert_eq!(r.neighbour_counts()[i], brute, "d = {d}, lattice {lattice}, ε = {eps}, point {i}");
                }
            }
        }
    }
    // An ε far below the data's scale (cell indices beyond 10¹²) falls back to one cell.
    let r = run(&[0.0, 1e-30, 1.0], 1, 1e-30, 2);
    assert_eq!(r.labels(), &[0, 0, NOISE]);
}
