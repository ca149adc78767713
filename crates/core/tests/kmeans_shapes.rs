//! The Clustering lab's 2-D data sets (`kmeans::shapes`): validation, the domain, determinism
//! and the prefix property, and that each shape has the structure it promises.

use perplexed_core::cluster::kmeans::{fit_best, KMeansParams};
use perplexed_core::cluster::pca::Pca;
use perplexed_core::data::shapes::{generate, ClusterShape, ShapeParams, MAX_CLUSTERS};
use perplexed_core::metrics::agreement::adjusted_rand_index;

fn params(shape: ClusterShape, points: usize, clusters: usize, spread: f32, seed: u64) -> ShapeParams {
    ShapeParams { shape, points, clusters, spread, seed }
}

#[test]
fn shapes_reject_invalid_settings() {
    let ok = ShapeParams::default();
    let field = |p: ShapeParams| generate(&p).unwrap_err().field;
    assert_eq!(field(ShapeParams { points: 9, ..ok }), "points");
    assert_eq!(field(ShapeParams { points: 2001, ..ok }), "points");
    assert_eq!(field(ShapeParams { clusters: 0, ..ok }), "clusters");
    assert_eq!(field(ShapeParams { clusters: MAX_CLUSTERS + 1, ..ok }), "clusters");
    assert_eq!(field(ShapeParams { spread: -0.01, ..ok }), "spread");
    assert_eq!(field(ShapeParams { spread: 1.01, ..ok }), "spread");
    assert_eq!(field(ShapeParams { spread: f32::NAN, ..ok }), "spread");
    for shape in ClusterShape::ALL {
        for (points, clusters, spread) in [(10, 1, 0.0), (2000, MAX_CLUSTERS, 1.0)] {
            assert!(generate(&params(shape, points, clusters, spread, 0)).is_ok(), "{shape:?} extremes");
        }
        assert_eq!(ClusterShape::from_slug(shape.slug()), Some(shape));
    }
}

#[test]
fn shapes_stay_in_the_domain_are_seeded_and_grow_at_the_end() {
    for shape in ClusterShape::ALL {
        for seed in 0..5 {
            let p = params(shape, 400, 1 + seed as usize, 0.2 * seed as f32, seed);
            let d = generate(&p).unwrap();
            assert_eq!(d.points.len(), 800);
            assert_eq!(d.truth.len(), 400);
            assert!(d.points.iter().all(|v| (-6.0..=6.0).contains(v)), "{shape:?}: a point left [−6, 6]²");
            assert!(d.truth.iter().all(|&g| g < d.groups));
            let want_groups = match shape {
                ClusterShape::Moons => 2,
                ClusterShape::Uniform => 1,
                _ => p.clusters,
            };
            assert_eq!(d.groups, want_groups);
            // Same seed, same data; more points add at the end.
            assert_eq!(d, generate(&p).unwrap());
            let more = generate(&ShapeParams { points: 700, ..p }).unwrap();
            assert_eq!(&more.points[..800], &d.points[..], "{shape:?}: prefix property");
            assert_eq!(&more.truth[..400], &d.truth[..]);
            let other = generate(&ShapeParams { seed: p.seed + 100, ..p }).unwrap();
            assert_ne!(other.points, d.points);
        }
    }
}

#[test]
fn shapes_have_the_structure_they_promise() {
    // Tight blobs: k-means with the true k finds them (ARI ≥ 0.95), for every count.
    for clusters in 2..=MAX_CLUSTERS {
        let d = generate(&params(ClusterShape::Blobs, 600, clusters, 0.0, clusters as u64)).unwrap();
        let fit = fit_best(&d.points, 2, &KMeansParams { k: clusters, ..KMeansParams::default() }).unwrap();
        let ari = adjusted_rand_index(&d.truth, fit.best.labels().unwrap()).unwrap();
        assert!(ari >= 0.95, "{clusters} blobs: ARI {ari}");
    }
    // Anisotropic blobs are cigars: within one blob the first principal axis carries
    // 2.2² / (2.2² + 0.45²) ≈ 96 % of the variance; a round blob about half.
    let share = |shape: ClusterShape| {
        let d = generate(&params(shape, 900, 3, 0.4, 7)).unwrap();
        let g0: Vec<f32> =
            d.points.chunks_exact(2).zip(&d.truth).filter(|(_, &g)| g == 0).flat_map(|(p, _)| p.to_vec()).collect();
        Pca::fit(&g0, 2, false).unwrap().explained_variance_ratio()[0]
    };
    let (aniso, round) = (share(ClusterShape::Anisotropic), share(ClusterShape::Blobs));
    assert!(aniso > 0.9, "anisotropic blob: first axis {aniso}");
    assert!(round < 0.65, "round blob: first axis {round}");
    // Rings: ring j has radius 5.2·(j+1)/c; with spread 0 every point is exactly on it.
    let d = generate(&params(ClusterShape::Rings, 300, 3, 0.0, 1)).unwrap();
    for (p, &g) in d.points.chunks_exact(2).zip(&d.truth) {
        let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
        assert!((r - 5.2 * (g + 1) as f32 / 3.0).abs() < 1e-4, "ring {g}: radius {r}");
    }
    // Uniform noise: one group, points fill the square [−5.5, 5.5]² (every quadrant about a
    // quarter: 500 ± 4·√(2000·¼·¾) ≈ 500 ± 78).
    let d = generate(&params(ClusterShape::Uniform, 2000, 4, 0.5, 3)).unwrap();
    assert!(d.truth.iter().all(|&g| g == 0));
    let mut quadrant = [0usize; 4];
    for p in d.points.chunks_exact(2) {
        assert!(p[0].abs() <= 5.5 && p[1].abs() <= 5.5);
        quadrant[usize::from(p[0] > 0.0) * 2 + usize::from(p[1] > 0.0)] += 1;
    }
    assert!(quadrant.iter().all(|&q| (422..=578).contains(&q)), "{quadrant:?}");
    // Moons are data::generate's moons.
    let d = generate(&params(ClusterShape::Moons, 200, 1, 0.4, 9)).unwrap();
    let m = perplexed_core::data::dataset::generate(&perplexed_core::data::dataset::DataParams {
        kind: perplexed_core::data::dataset::DatasetKind::Moons,
        points: 200,
        noise: 0.2,
        seed: 9,
    })
    .unwrap();
    assert_eq!(d.points, m.points);
}

/// Golden values: the bit patterns of the first two points of every shape for seed 42. A seed
/// in a shared URL must give the same data forever; if this fails the generator changed, which
/// is a breaking change, not a test to update casually.
#[test]
fn shapes_golden_values_are_bit_stable() {
    let golden: [(ClusterShape, [u32; 4]); 5] = [
        (ClusterShape::Blobs, [3220394440, 1074305382, 1079060410, 3228759846]),
        (ClusterShape::Anisotropic, [3203093692, 1076357122, 1079689211, 3232019990]),
        (ClusterShape::Moons, [1059070848, 1076623045, 3222572786, 1063525409]),
        (ClusterShape::Rings, [1066801813, 3214880899, 1081053152, 1024549472]),
        (ClusterShape::Uniform, [3220415736, 1076006148, 1082284754, 1057040872]),
    ];
    for (shape, bits) in golden {
        let d = generate(&params(shape, 10, 3, 0.5, 42)).unwrap();
        let got: Vec<u32> = d.points[..4].iter().map(|v| v.to_bits()).collect();
        assert_eq!(got, bits, "{shape:?}");
    }
}
