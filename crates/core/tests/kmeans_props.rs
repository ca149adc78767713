//! Properties of k-means over many seeds: inertia never rises, same seed ⇒ bit-identical run,
//! k-means++ follows the D² distribution and random initialisation is uniform (chi-square
//! tests), restarts are reproducible and keep the best, sweeps are incremental, and a step is
//! fast enough for an animation frame.
//!
//! The statistical tests use fixed seeds, so they are deterministic; their thresholds are the
//! chi-square quantiles at p = 10⁻⁴ (a correct sampler would fail on one seed set in 10,000),
//! and each test also checks its own power: the same counts must *reject* a plausible wrong
//! sampler (uniform instead of D², D instead of D²).

use perplexed_core::cluster::kmeans::{fit_best, k_sweep, restart_rng, Init, KMeans, KMeansParams, KSweep};
use perplexed_core::data::shapes::{generate, ClusterShape, ShapeParams};
use perplexed_core::metrics::silhouette::{silhouette_score, silhouette_score_sampled};
use perplexed_core::rng::Rng;

fn chi_square(counts: &[f64], expected: &[f64]) -> f64 {
    counts.iter().zip(expected).map(|(o, e)| (o - e).powi(2) / e).sum()
}

#[test]
fn kmeans_inertia_never_rises_over_many_seeds() {
    let mut runs = 0;
    let mut reseeds = 0;
    let mut moves = 0;
    for seed in 0..400u64 {
        let shape = ClusterShape::ALL[(seed % 5) as usize];
        let data = generate(&ShapeParams {
            shape,
            points: 10 + (seed as usize * 37) % 500,
            clusters: 1 + (seed as usize % 8),
            spread: (seed % 11) as f32 / 10.0,
            seed,
        })
        .unwrap();
        let k = 1 + (seed as usize % 10);
        let init = if seed % 2 == 0 { Init::PlusPlus } else { Init::Random };
        let mut starts = vec![KMeans::new(&data.points, 2, k, init, &mut restart_rng(seed, 0)).unwrap()];
        // A start with centres anywhere in [−20, 20]², many far from every point: empty
        // clusters and their re-seeding are exercised too.
        let mut r = Rng::new(seed);
        let centres: Vec<f32> = (0..2 * k).map(|_| r.uniform(-20.0, 20.0)).collect();
        starts.push(KMeans::with_centroids(&data.points, 2, &centres).unwrap());
        for mut km in starts {
            while !km.converged() && km.iterations() < 300 {
                km.step();
                if !km.reseeded().is_empty() {
                    reseeds += 1;
                }
            }
            let h = km.inertia_history();
            for (t, w) in h.windows(2).enumerate() {
                assert!(
                    w[1] <= w[0],
                    "seed {seed} {shape:?} k={k}: inertia rose at move {} ({} → {})",
                    t + 1,
                    w[0],
                    w[1]
                );
            }
            assert!(km.converged(), "seed {seed}: no convergence in 300 iterations");
            moves += h.len();
            runs += 1;
        }
    }
    assert!(reseeds > 50, "empty clusters were re-seeded only {reseeds} times");
    println!("{runs} runs, {moves} moves, {reseeds} re-seeding updates: inertia never rose");
}

#[test]
fn kmeans_same_seed_gives_a_bit_identical_run() {
    let data = generate(&ShapeParams { points: 800, clusters: 5, spread: 0.6, ..ShapeParams::default() }).unwrap();
    for init in Init::ALL {
        let p = KMeansParams { k: 6, init, n_init: 4, max_iter: 300, seed: 99 };
        let a = fit_best(&data.points, 2, &p).unwrap();
        let b = fit_best(&data.points, 2, &p).unwrap();
        assert_eq!(a, b);
        let bits = |k: &KMeans| k.centroids().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a.best), bits(&b.best));
        let hb = |k: &KMeans| k.inertia_history().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(hb(&a.best), hb(&b.best));
        // Another seed starts elsewhere.
        let c = KMeans::new(&data.points, 2, 6, init, &mut restart_rng(100, 0)).unwrap();
        let d = KMeans::new(&data.points, 2, 6, init, &mut restart_rng(99, 0)).unwrap();
        assert_ne!(c.centroids(), d.centroids());
    }
}

#[test]
fn kmeanspp_second_centre_follows_the_d_squared_distribution() {
    // Points 0, 1, 3, 7. First centre uniform (1/4 each); given first centre i, the second is
    // j with probability (xⱼ − xᵢ)² / Σₘ (xₘ − xᵢ)². E.g. first 0: 1/59, 9/59, 49/59.
    let x = [0.0f32, 1.0, 3.0, 7.0];
    let n_runs = 40_000;
    let mut counts = [[0.0f64; 4]; 4];
    for seed in 0..n_runs {
        let km = KMeans::new(&x, 1, 2, Init::PlusPlus, &mut restart_rng(seed, 0)).unwrap();
        let idx = |v: f32| x.iter().position(|&p| p == v).unwrap();
        counts[idx(km.centroids()[0])][idx(km.centroids()[1])] += 1.0;
    }
    let expected_with = |weight: &dyn Fn(f32) -> f64| {
        let mut e = Vec::new();
        for i in 0..4 {
            let w: Vec<f64> = (0..4).map(|j| if j == i { 0.0 } else { weight((x[j] - x[i]).abs()) }).collect();
            let total: f64 = w.iter().sum();
            for (j, wj) in w.iter().enumerate() {
                if j != i {
                    e.push(n_runs as f64 / 4.0 * wj / total);
                }
            }
        }
        e
    };
    let observed: Vec<f64> =
        (0..4).flat_map(|i| (0..4).filter(move |&j| j != i).map(move |j| (i, j))).map(|(i, j)| counts[i][j]).collect();
    for (i, row) in counts.iter().enumerate() {
        assert_eq!(row[i], 0.0, "a centre was picked twice");
    }
    // 12 cells, 11 degrees of freedom: χ²₁₁ quantile at 1 − 10⁻⁴ is 37.37.
    let d2 = chi_square(&observed, &expected_with(&|d| f64::from(d * d)));
    assert!(d2 < 37.37, "χ² = {d2} against D² sampling");
    // Power: the same counts reject "uniform among the others" and "proportional to D".
    let uniform = chi_square(&observed, &expected_with(&|_| 1.0));
    let linear = chi_square(&observed, &expected_with(&|d| f64::from(d)));
    assert!(uniform > 1000.0 && linear > 1000.0, "χ² uniform {uniform}, linear {linear}");
    println!("k-means++ second centre: χ² = {d2:.1} (D²), {uniform:.0} (uniform), {linear:.0} (∝ D)");
}

#[test]
fn kmeans_random_init_picks_uniform_distinct_points() {
    // Five distinct points, k = 2: all 20 ordered pairs equally likely (1000 expected each).
    let x = [0.0f32, 1.0, 3.0, 7.0, 15.0];
    let n_runs = 20_000;
    let mut counts = [0.0f64; 25];
    for seed in 0..n_runs {
        let km = KMeans::new(&x, 1, 2, Init::Random, &mut restart_rng(seed, 0)).unwrap();
        let idx = |v: f32| x.iter().position(|&p| p == v).unwrap();
        counts[idx(km.centroids()[0]) * 5 + idx(km.centroids()[1])] += 1.0;
    }
    let observed: Vec<f64> = (0..25).filter(|c| c / 5 != c % 5).map(|c| counts[c]).collect();
    assert!((0..5).all(|i| counts[i * 5 + i] == 0.0));
    let expected = vec![n_runs as f64 / 20.0; 20];
    // 19 degrees of freedom: quantile at 1 − 10⁻⁴ is 50.80.
    let chi = chi_square(&observed, &expected);
    assert!(chi < 50.8, "χ² = {chi} against uniform pairs");
    // Power: D² weighting would be rejected by these counts.
    let mut d2_expected = Vec::new();
    for i in 0..5 {
        let w: Vec<f64> = (0..5).map(|j| f64::from((x[j] - x[i]).powi(2))).collect();
        let total: f64 = w.iter().sum();
        for j in (0..5).filter(|&j| j != i) {
            d2_expected.push(n_runs as f64 / 5.0 * w[j] / total);
        }
    }
    assert!(chi_square(&observed, &d2_expected) > 1000.0);
    println!("random init: χ² = {chi:.1} against uniform ordered pairs");
}

#[test]
fn kmeans_converged_run_is_a_fixed_point() {
    let data =
        generate(&ShapeParams { points: 500, clusters: 4, spread: 0.5, seed: 3, ..ShapeParams::default() }).unwrap();
    let mut km = KMeans::new(&data.points, 2, 5, Init::PlusPlus, &mut restart_rng(3, 0)).unwrap();
    assert!(km.run_to_convergence(300));
    let (labels, centres, inertia) = (km.labels().unwrap().to_vec(), km.centroids().to_vec(), km.inertia());
    for _ in 0..4 {
        km.step();
        assert_eq!(km.labels().unwrap(), &labels[..]);
        assert_eq!(km.centroids(), &centres[..]);
        assert_eq!(km.inertia(), inertia);
        assert!(km.converged());
    }
    // The iteration cap stops a run early, on an assignment.
    let mut capped = KMeans::new(&data.points, 2, 8, Init::Random, &mut restart_rng(5, 0)).unwrap();
    let conv = capped.run_to_convergence(2);
    assert_eq!(capped.iterations(), 2);
    assert!(!conv || capped.converged());
    assert_eq!(capped.moves().last(), Some(&perplexed_core::cluster::kmeans::Move::Assign));
}

#[test]
fn kmeans_restarts_are_reproducible_and_keep_the_best() {
    let data =
        generate(&ShapeParams { points: 600, clusters: 6, spread: 0.7, seed: 11, ..ShapeParams::default() }).unwrap();
    let p = KMeansParams { k: 6, init: Init::Random, n_init: 5, max_iter: 300, seed: 4 };
    let five = fit_best(&data.points, 2, &p).unwrap();
    let three = fit_best(&data.points, 2, &KMeansParams { n_init: 3, ..p }).unwrap();
    // Restart r is the same run whatever n_init is.
    assert_eq!(&five.inertias[..3], &three.inertias[..]);
    // The best is the first lowest final inertia…
    let min = five.inertias.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(five.best.inertia(), Some(min));
    assert_eq!(five.best_restart, five.inertias.iter().position(|&v| v == min).unwrap());
    // …and is restart `best_restart` replayed alone.
    let mut alone = KMeans::new(&data.points, 2, 6, Init::Random, &mut restart_rng(4, five.best_restart)).unwrap();
    alone.run_to_convergence(300);
    assert_eq!(alone, five.best);
    assert!(five.converged.iter().all(|&c| c));
    // Random restarts do differ from each other on this data (otherwise the test proves little).
    assert!(five.inertias.iter().any(|&v| v != min));
}

#[test]
fn kmeans_sweep_steps_one_k_at_a_time_and_shows_the_elbow() {
    let data =
        generate(&ShapeParams { points: 600, clusters: 4, spread: 0.1, seed: 2, ..ShapeParams::default() }).unwrap();
    let p = KMeansParams { n_init: 10, ..KMeansParams::default() };
    let whole = k_sweep(&data.points, 2, 10, &p, 300).unwrap();
    let mut sweep = KSweep::new(&data.points, 2, 10, &p, 300).unwrap();
    assert_eq!(sweep.sample().len(), 300);
    let mut stepped = Vec::new();
    while let Some(pt) = sweep.step() {
        stepped.push(pt);
        assert_eq!(sweep.points().len(), stepped.len());
    }
    assert!(sweep.is_finished() && sweep.step().is_none() && sweep.step_restart().is_none());
    assert_eq!(stepped, whole);
    // Restart by restart: a point exactly every n_init calls, the same points.
    let mut fine = KSweep::new(&data.points, 2, 10, &p, 300).unwrap();
    let mut calls = 0;
    let mut points = Vec::new();
    while !fine.is_finished() {
        calls += 1;
        if let Some(pt) = fine.step_restart() {
            assert_eq!(calls % p.n_init, 0);
            points.push(pt);
        }
    }
    assert_eq!(calls, 10 * p.n_init);
    assert_eq!(points, whole);
    // Each k's point is fit_best's result for that k.
    for pt in &whole {
        let fit = fit_best(&data.points, 2, &KMeansParams { k: pt.k, ..p }).unwrap();
        assert_eq!(fit.best.inertia(), Some(pt.inertia));
    }
    assert_eq!(whole.len(), 10);
    for w in whole.windows(2) {
        assert!(w[1].inertia <= w[0].inertia, "inertia rose from k = {} to {}", w[0].k, w[1].k);
    }
    // Four tight blobs: the silhouette peaks at k = 4, and the inertia drops sharply until 4.
    let best = whole
        .iter()
        .filter(|p| p.silhouette.is_some())
        .max_by(|a, b| a.silhouette.unwrap().total_cmp(&b.silhouette.unwrap()))
        .unwrap();
    assert_eq!(best.k, 4);
    assert_eq!(sweep.best_silhouette_k(), Some(4), "the sweep names the same k as the maximum above");
    assert_eq!(KSweep::new(&data.points, 2, 10, &p, 300).unwrap().best_silhouette_k(), None, "nothing computed yet");
    // The elbow: from k = 3 to 4 the inertia falls more than fivefold, after 4 by less than
    // a fifth per step (splitting a round blob gains little).
    let inertia: Vec<f64> = whole.iter().map(|p| p.inertia).collect();
    assert!(inertia[3] < 0.2 * inertia[2], "no elbow at 4: {inertia:?}");
    assert!(inertia[4..].iter().zip(&inertia[3..]).all(|(b, a)| *b > 0.8 * a), "elbow not at 4: {inertia:?}");
    assert!(whole.iter().all(|p| p.converged));
}

#[test]
fn silhouette_subsample_is_seeded_and_close_to_the_exact_score() {
    let data =
        generate(&ShapeParams { points: 2000, clusters: 5, spread: 0.5, seed: 8, ..ShapeParams::default() }).unwrap();
    let fit = fit_best(&data.points, 2, &KMeansParams { k: 5, ..KMeansParams::default() }).unwrap();
    let labels = fit.best.labels().unwrap();
    let exact = silhouette_score(&data.points, 2, labels).unwrap();
    let a = silhouette_score_sampled(&data.points, 2, labels, 500, 1).unwrap();
    assert_eq!(a, silhouette_score_sampled(&data.points, 2, labels, 500, 1).unwrap());
    let b = silhouette_score_sampled(&data.points, 2, labels, 500, 2).unwrap();
    assert_ne!(a, b, "another seed draws another sample");
    // The standard error of a 500-point mean of values in [−1, 1] with spread ≈ 0.15 is
    // ≈ 0.007; 0.04 is more than five of them.
    assert!((a - exact).abs() < 0.04 && (b - exact).abs() < 0.04, "exact {exact}, sampled {a}, {b}");
    println!("silhouette of 2000 points: exact {exact:.4}; 500-point samples {a:.4}, {b:.4}");
}

/// At inertia 0 the page must not say that a new start may do better; elsewhere it may.
#[test]
fn every_point_on_its_centre_only_when_the_inertia_is_exactly_zero() {
    // Three places, two of them repeated (1.1 and 0.3 are not exact in binary: their means must
    // still come back bit for bit), and k = 3: every point ends on its centre.
    let x = [1.1f32, 0.3, 1.1, 0.3, 1.1, 0.3, -2.0, 5.0, 4.0, 4.0, 4.0, 4.0];
    let mut km = KMeans::with_centroids(&x, 2, &[1.1, 0.3, -2.0, 5.0, 4.0, 4.0]).unwrap();
    assert!(!km.every_point_on_its_centre(), "not before it has converged");
    km.run_to_convergence(50);
    assert_eq!(km.inertia(), Some(0.0));
    assert!(km.every_point_on_its_centre());
    // Two clusters for three places: some point is off its centre.
    let mut km = KMeans::new(&x, 2, 2, Init::PlusPlus, &mut restart_rng(1, 0)).unwrap();
    km.run_to_convergence(50);
    assert!(km.converged() && km.inertia().unwrap() > 0.0);
    assert!(!km.every_point_on_its_centre());
}
