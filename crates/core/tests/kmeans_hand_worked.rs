//! k-means, silhouette, ARI and purity on cases small enough to work out by hand (the
//! arithmetic is in the comments), plus every invalid input.

use perplexed_core::error::ErrorKind;
use perplexed_core::cluster::kmeans::{fit_best, k_sweep, kmeanspp_probabilities, restart_rng, Init, KMeans, KMeansParams, KSweep, Move, MAX_K};
use perplexed_core::metrics::agreement::{adjusted_rand_index, purity};
use perplexed_core::metrics::silhouette::{silhouette_samples, silhouette_score, silhouette_score_sampled};
use perplexed_core::rng::Rng;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

#[test]
fn kmeans_lloyd_by_hand_on_four_points_on_a_line() {
    // Points 0, 2, 10, 12 (1-D), start centres μ₀ = 0, μ₁ = 2.
    let x = [0.0, 2.0, 10.0, 12.0];
    let mut km = KMeans::with_centroids(&x, 1, &[0.0, 2.0]).unwrap();
    assert_eq!(km.labels(), None);
    assert_eq!(km.inertia(), None);
    assert_eq!(km.next_move(), Move::Assign);

    // Assign: 0 → μ₀ (0); 2 → μ₁ (0); 10 → μ₁ (|10−2| = 8 < 10); 12 → μ₁ (10 < 12).
    // Inertia 0 + 0 + 8² + 10² = 164.
    assert_eq!(km.assign(), 4, "the first assignment counts every point as changed");
    assert_eq!(km.labels().unwrap(), &[0, 1, 1, 1]);
    assert_eq!(km.cluster_sizes(), &[1, 3]);
    assert_eq!(km.inertia(), Some(164.0));

    // Update: μ₀ = 0, μ₁ = (2 + 10 + 12)/3 = 8. Inertia 0 + 6² + 2² + 4² = 56. Shift |8 − 2| = 6.
    assert_eq!(km.step(), Move::Update);
    assert_eq!(km.centroids(), &[0.0, 8.0]);
    assert_eq!(km.inertia(), Some(56.0));
    assert_eq!(km.last_shift(), 6.0);
    assert!(!km.converged());

    // Assign: 2 is now nearer μ₀ (|2−0| = 2 < |2−8| = 6). Labels 0,0,1,1; inertia 0+4+4+16 = 24.
    assert_eq!(km.assign(), 1);
    assert_eq!(km.labels().unwrap(), &[0, 0, 1, 1]);
    assert_eq!(km.inertia(), Some(24.0));
    // Update: μ₀ = 1, μ₁ = 11; inertia 1 + 1 + 1 + 1 = 4.
    km.update();
    assert_eq!(km.centroids(), &[1.0, 11.0]);
    assert_eq!(km.inertia(), Some(4.0));
    // Assign: nothing changes → converged after 3 Lloyd iterations.
    assert_eq!(km.assign(), 0);
    assert!(km.converged());
    assert_eq!(km.iterations(), 3);
    assert_eq!(km.inertia_history(), &[164.0, 56.0, 24.0, 4.0, 4.0]);
    assert_eq!(km.moves(), &[Move::Assign, Move::Update, Move::Assign, Move::Update, Move::Assign]);
    // Converged runs stay put.
    assert!(km.run_to_convergence(100));
    assert_eq!(km.iterations(), 3);
}

#[test]
fn kmeans_assign_twice_is_not_convergence() {
    // Two assignments in a row change nothing the second time, but the centres are still the
    // initial picks, not means: not converged until an update has been followed by a quiet
    // assignment.
    let x = [0.0, 2.0, 10.0, 12.0];
    let mut km = KMeans::with_centroids(&x, 1, &[0.0, 2.0]).unwrap();
    km.assign();
    assert_eq!(km.assign(), 0);
    assert!(!km.converged());
    assert!(km.run_to_convergence(100));
    assert_eq!(km.centroids(), &[1.0, 11.0]);
}

#[test]
fn kmeans_empty_cluster_takes_the_farthest_point() {
    // Points 0, 1, 10; centres μ₀ = 0, μ₁ = 50 (far from everything), μ₂ = 1.
    // Assign: 0 → μ₀; 1 → μ₂; 10 → μ₂ (|10−1| = 9 < |10−0| = 10 < |10−50| = 40).
    // Cluster 1 is empty; squared distances to own centres 0, 0, 81 → inertia 81.
    let mut km = KMeans::with_centroids(&[0.0, 1.0, 10.0], 1, &[0.0, 50.0, 1.0]).unwrap();
    km.assign();
    assert_eq!(km.cluster_sizes(), &[1, 0, 2]);
    assert_eq!(km.inertia(), Some(81.0));
    // Update: the farthest point (10, distance² 81, from cluster 2 which keeps point 1) moves
    // into cluster 1 and becomes its centre; μ₂ = 1, μ₀ = 0. Inertia 0.
    km.update();
    assert_eq!(km.reseeded(), &[1]);
    assert_eq!(km.labels().unwrap(), &[0, 2, 1]);
    assert_eq!(km.centroids(), &[0.0, 10.0, 1.0]);
    assert_eq!(km.inertia(), Some(0.0));
    assert_eq!(km.assign(), 0);
    assert!(km.converged());
}

#[test]
fn kmeans_empty_cluster_never_empties_a_singleton() {
    // Points 0, 1, 40; centres μ₀ = 0.5, μ₁ = 20, μ₂ = 100.
    // Assign: 0, 1 → μ₀ (d² = 0.25 each); 40 → μ₁ (d² = 400, vs 3600 to μ₂). Cluster 2 empty.
    // The farthest point is 40, but it is alone in cluster 1: taking it would empty cluster 1.
    // So the farthest point of a cluster with ≥ 2 points is taken: 0 and 1 tie at 0.25, the
    // lower index wins → point 0 becomes cluster 2, μ₂ = 0, μ₀ = 1, μ₁ = 40.
    let mut km = KMeans::with_centroids(&[0.0, 1.0, 40.0], 1, &[0.5, 20.0, 100.0]).unwrap();
    km.assign();
    assert_eq!(km.cluster_sizes(), &[2, 1, 0]);
    km.update();
    assert_eq!(km.reseeded(), &[2]);
    assert_eq!(km.labels().unwrap(), &[2, 0, 1]);
    assert_eq!(km.centroids(), &[1.0, 40.0, 0.0]);
    assert_eq!(km.cluster_sizes(), &[1, 1, 1]);
}

#[test]
fn kmeans_update_before_any_assignment_does_nothing() {
    let mut km = KMeans::with_centroids(&[0.0, 1.0], 1, &[0.0]).unwrap();
    assert_eq!(km.update(), 0.0);
    assert_eq!(km.centroids(), &[0.0]);
    assert!(km.inertia_history().is_empty());
}

#[test]
fn kmeans_ties_go_to_the_lowest_centre_and_grid_layout() {
    // 0 is equidistant from −1 and 1: centre 0 wins, as in scikit-learn, in the assignment
    // move and in predict.
    let mut km = KMeans::with_centroids(&[0.0, 0.0, 5.0, 0.0], 2, &[-1.0, 0.0, 1.0, 0.0]).unwrap();
    km.assign();
    assert_eq!(km.labels().unwrap(), &[0, 1]);
    let mut out = Vec::new();
    km.predict(&[0.0, 0.0, 0.9, 3.0, -7.0, 1.0, 0.5], &mut out);
    assert_eq!(out, vec![0, 1, 0], "a trailing partial row is ignored");
    // Grid res 2: cell centres x₁ ∈ {−3, 3} (columns), x₂ ∈ {3, −3} (rows, top first).
    let km = KMeans::with_centroids(&[0.0, 0.0, 5.0, 0.0], 2, &[0.0, 3.0, 0.0, -3.0]).unwrap();
    km.predict_grid(2, &mut out);
    assert_eq!(out, vec![0, 0, 1, 1], "top row nearest the upper centre");
    let km = KMeans::with_centroids(&[0.0, 0.0, 5.0, 0.0], 2, &[-3.0, 0.0, 3.0, 0.0]).unwrap();
    km.predict_grid(2, &mut out);
    assert_eq!(out, vec![0, 1, 0, 1], "left column nearest the left centre");
    // Only for 2-D points.
    let km1 = KMeans::with_centroids(&[0.0, 1.0], 1, &[0.0]).unwrap();
    km1.predict_grid(4, &mut out);
    assert!(out.is_empty());
}

#[test]
fn kmeanspp_probabilities_by_hand() {
    // Points 0, 1, 3, 7 with one centre at 0: D² = 0, 1, 9, 49, sum 59.
    let x = [0.0, 1.0, 3.0, 7.0];
    let p = kmeanspp_probabilities(&x, 1, &[0.0]).unwrap();
    for (g, w) in p.iter().zip([0.0, 1.0 / 59.0, 9.0 / 59.0, 49.0 / 59.0]) {
        assert!(close(*g, w), "{p:?}");
    }
    // Centres 0 and 7: D² = 0, 1, min(9, 16) = 9, 0 → 0.1, 0.9.
    let p = kmeanspp_probabilities(&x, 1, &[0.0, 7.0]).unwrap();
    for (g, w) in p.iter().zip([0.0, 0.1, 0.9, 0.0]) {
        assert!(close(*g, w), "{p:?}");
    }
    // No centre yet: uniform. Every point on a centre: all zero, no NaN.
    assert_eq!(kmeanspp_probabilities(&x, 1, &[]).unwrap(), vec![0.25; 4]);
    assert_eq!(kmeanspp_probabilities(&[2.0, 2.0], 1, &[2.0]).unwrap(), vec![0.0, 0.0]);
    assert_eq!(kmeanspp_probabilities(&x, 1, &[f32::NAN]).unwrap_err().field, "centroids");
    assert_eq!(kmeanspp_probabilities(&x, 2, &[0.0]).unwrap_err().field, "centroids");
}

#[test]
fn silhouette_by_hand() {
    // Points 0, 1 (cluster 0) and 4, 5 (cluster 1), 1-D.
    // Point 0: a = 1, b = (4 + 5)/2 = 4.5 → s = 3.5/4.5 = 7/9.
    // Point 1: a = 1, b = (3 + 4)/2 = 3.5 → s = 2.5/3.5 = 5/7. Points 4 and 5 mirror 1 and 0.
    // Mean (7/9 + 5/7)/2 = 47/63.
    let x = [0.0, 1.0, 4.0, 5.0];
    let s = silhouette_samples(&x, 1, &[0, 0, 1, 1]).unwrap();
    let want = [7.0 / 9.0, 5.0 / 7.0, 5.0 / 7.0, 7.0 / 9.0];
    for (g, w) in s.iter().zip(want) {
        assert!((f64::from(*g) - w).abs() < 1e-7, "{s:?}");
    }
    let score = f64::from(silhouette_score(&x, 1, &[0, 0, 1, 1]).unwrap());
    assert!((score - 47.0 / 63.0).abs() < 1e-7);
    // A bad clustering is negative: {0, 4} and {1, 5}.
    // Point 0: a = 4, b = (1 + 5)/2 = 3 → s = (3 − 4)/4 = −0.25.
    let s = silhouette_samples(&x, 1, &[0, 1, 0, 1]).unwrap();
    assert!((f64::from(s[0]) + 0.25).abs() < 1e-7, "{s:?}");
    // Singleton cluster: s = 0. Labels need not be 0..k.
    let s = silhouette_samples(&x, 1, &[7, 7, 7, 42]).unwrap();
    assert_eq!(s[3], 0.0);
    // Points on top of each other: a = 0 and b = 0 → 0, never NaN.
    let s = silhouette_samples(&[1.0, 1.0, 1.0], 1, &[0, 0, 1]).unwrap();
    assert!(s.iter().all(|v| *v == 0.0), "{s:?}");
    // The sampled score with a sample at least as large as the data is the exact score.
    let exact = silhouette_score(&x, 1, &[0, 0, 1, 1]).unwrap();
    assert_eq!(silhouette_score_sampled(&x, 1, &[0, 0, 1, 1], 4, 9).unwrap(), exact);
    assert_eq!(silhouette_score_sampled(&x, 1, &[0, 0, 1, 1], 100, 9).unwrap(), exact);
}

#[test]
fn ari_and_purity_by_hand() {
    // truth 0,0,1,1 vs predicted 0,0,1,2. Contingency: (0,0) = 2, (1,1) = 1, (1,2) = 1.
    // Σn²ᵢⱼ = 6, n = 4: ordered pairs together in both tp = 6 − 4 = 2.
    // Rows a = (2, 2), columns b = (2, 1, 1): fp = Σ nᵢⱼ·bⱼ − 6 = 4 + 1 + 1 − 6 = 0,
    // fn = Σ nᵢⱼ·aᵢ − 6 = 4 + 2 + 2 − 6 = 2, tn = 16 − 0 − 2 − 6 = 8.
    // ARI = 2·(2·8 − 2·0)/((2 + 2)(2 + 8) + (2 + 0)(0 + 8)) = 32/56 = 4/7.
    assert!(close(adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap(), 4.0 / 7.0));
    // Renaming clusters changes nothing; identical partitions give 1, also trivial ones.
    assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 3, 3]).unwrap(), 1.0);
    assert_eq!(adjusted_rand_index(&[0, 0, 0], &[1, 1, 1]).unwrap(), 1.0);
    // Purity: clusters {0,1,2} (truth 0,0,1 → 2 right) and {3} (truth 1 → 1 right) → 3/4.
    assert_eq!(purity(&[0, 0, 1, 1], &[0, 0, 0, 1]).unwrap(), 0.75);
    assert_eq!(purity(&[0, 0, 1, 1], &[0, 0, 1, 2]).unwrap(), 1.0);
    assert_eq!(adjusted_rand_index(&[0, 1], &[0]).unwrap_err().field, "labels");
    assert_eq!(purity(&[], &[]).unwrap_err().field, "labels");
}

#[test]
fn kmeans_rejects_invalid_input_with_the_field_name() {
    let x = [0.0, 0.0, 1.0, 1.0, 2.0, 2.0];
    let mut rng = Rng::new(1);
    let field = |r: Result<KMeans, perplexed_core::ParamError>| r.unwrap_err().field;
    assert_eq!(field(KMeans::new(&x, 2, 0, Init::PlusPlus, &mut rng)), "k");
    assert_eq!(field(KMeans::new(&x, 2, 4, Init::PlusPlus, &mut rng)), "k", "k > n");
    assert_eq!(field(KMeans::new(&x, 2, MAX_K + 1, Init::Random, &mut rng)), "k");
    assert_eq!(field(KMeans::new(&[], 2, 1, Init::Random, &mut rng)), "points");
    assert_eq!(field(KMeans::new(&x[..5], 2, 1, Init::Random, &mut rng)), "points");
    assert_eq!(field(KMeans::new(&x, 0, 1, Init::Random, &mut rng)), "n_features");
    assert_eq!(field(KMeans::new(&[0.0, f32::NAN], 2, 1, Init::Random, &mut rng)), "points");
    assert_eq!(field(KMeans::new(&[0.0, f32::INFINITY], 1, 1, Init::Random, &mut rng)), "points");
    // All points identical: one cluster works, two cannot be non-empty.
    let same = [3.0f32; 10];
    let e = KMeans::new(&same, 2, 2, Init::PlusPlus, &mut rng).unwrap_err();
    assert_eq!(e.field, "k");
    assert_eq!(e.kind, ErrorKind::NeedsPoints { need: 2, got: 1 }, "{e}");
    let mut one = KMeans::new(&same, 2, 1, Init::PlusPlus, &mut rng).unwrap();
    assert!(one.run_to_convergence(10));
    assert_eq!(one.inertia(), Some(0.0));
    // −0.0 and 0.0 are one place.
    assert_eq!(field(KMeans::new(&[0.0, -0.0], 1, 2, Init::Random, &mut rng)), "k");
    // Given centres.
    assert_eq!(KMeans::with_centroids(&x, 2, &[]).unwrap_err().field, "centroids");
    assert_eq!(KMeans::with_centroids(&x, 2, &[1.0]).unwrap_err().field, "centroids");
    assert_eq!(KMeans::with_centroids(&x, 2, &[1.0, f32::NAN]).unwrap_err().field, "centroids");
    assert_eq!(KMeans::with_centroids(&x, 2, &[0.0; 2 * (MAX_K + 1)]).unwrap_err().field, "centroids");
    // Coinciding centres are allowed: the second one's cluster is empty and gets re-seeded.
    let mut dup = KMeans::with_centroids(&x, 2, &[1.0, 1.0, 1.0, 1.0]).unwrap();
    assert!(dup.run_to_convergence(50));
    assert!(dup.cluster_sizes().iter().all(|&s| s > 0));
    // Restarts and sweeps.
    let p = KMeansParams { k: 2, ..KMeansParams::default() };
    assert_eq!(fit_best(&x, 2, &KMeansParams { n_init: 0, ..p }).unwrap_err().field, "n_init");
    assert_eq!(fit_best(&x, 2, &KMeansParams { max_iter: 0, ..p }).unwrap_err().field, "max_iter");
    assert_eq!(fit_best(&x, 2, &KMeansParams { k: 9, ..p }).unwrap_err().field, "k");
    assert_eq!(KSweep::new(&x, 2, 0, &p, 100).unwrap_err().field, "k_max");
    assert_eq!(KSweep::new(&x, 2, MAX_K + 1, &p, 100).unwrap_err().field, "k_max");
    assert_eq!(KSweep::new(&x, 2, 3, &p, 1).unwrap_err().field, "sample_size");
    // Silhouette.
    assert_eq!(silhouette_score(&x, 2, &[0, 0, 0]).unwrap_err().field, "labels", "one cluster");
    assert_eq!(silhouette_score(&x, 2, &[0, 1, 2]).unwrap_err().field, "labels", "n clusters");
    assert_eq!(silhouette_score(&x, 2, &[0, 1]).unwrap_err().field, "labels", "length");
    assert_eq!(silhouette_score_sampled(&x, 2, &[0, 1, 1], 1, 0).unwrap_err().field, "sample_size");
    assert_eq!(silhouette_score_sampled(&x, 2, &[0, 1], 5, 0).unwrap_err().field, "labels");
}

#[test]
fn kmeans_random_init_never_picks_the_same_place_twice() {
    // Five rows but only three places: k = 3 must take all three, in some order.
    let x = [0.0, 0.0, 0.0, 1.0, 2.0];
    for seed in 0..200 {
        let km = KMeans::new(&x, 1, 3, Init::Random, &mut restart_rng(seed, 0)).unwrap();
        let mut c = km.centroids().to_vec();
        c.sort_by(f32::total_cmp);
        assert_eq!(c, vec![0.0, 1.0, 2.0], "seed {seed}");
        let km = KMeans::new(&x, 1, 3, Init::PlusPlus, &mut restart_rng(seed, 0)).unwrap();
        let mut c = km.centroids().to_vec();
        c.sort_by(f32::total_cmp);
        assert_eq!(c, vec![0.0, 1.0, 2.0], "k-means++ seed {seed}");
    }
}

#[test]
fn kmeans_sweep_stops_at_the_number_of_distinct_points() {
    // Three places: k = 1, 2, 3 only, and k = 3 has inertia 0.
    let x = [0.0, 0.0, 5.0, 5.0, 9.0];
    let sweep = k_sweep(&x, 1, 10, &KMeansParams::default(), 100).unwrap();
    assert_eq!(sweep.len(), 3);
    assert_eq!(sweep[2].inertia, 0.0);
    assert_eq!(sweep[0].silhouette, None, "no silhouette for one cluster");
    assert!(sweep[1].silhouette.is_some());
    // k = 1: the mean of 0, 0, 5, 5, 9 is 3.8; inertia 2·3.8² + 2·1.2² + 5.2² = 28.88 + 2.88 + 27.04 = 58.8.
    assert!((sweep[0].inertia - 58.8).abs() < 1e-4, "{}", sweep[0].inertia);
}
