//! Grid and random search: the planted optimum is found, the incremental API behaves as the
//! page uses it, failed cells never win, and random search is seeded and prefix-stable.

use perplexed_core::data::curve::{generate_curve, CurveFunction, CurveParams};
use perplexed_core::data::split::Split;
use perplexed_core::train::search::{axis_values, GridSearch, PolyObjective, RandomSearch, SearchRange};

/// Planted bowl with its minimum at a = 3, b = 10⁻²: (a − 3)² + (log₁₀ b + 2)².
fn bowl(a: f32, b: f32) -> f32 {
    (a - 3.0).powi(2) + (b.log10() + 2.0).powi(2)
}

#[test]
fn search_grid_finds_the_planted_optimum_a_few_cells_per_frame() {
    let a: Vec<f32> = (0..=6).map(|i| i as f32).collect();
    let b = axis_values(1e-4, 1.0, 5, true).unwrap(); // 1e-4, 1e-3, 1e-2, 1e-1, 1
    assert_eq!(b.len(), 5);
    for (got, want) in b.iter().zip([1e-4f32, 1e-3, 1e-2, 1e-1, 1.0]) {
        assert!((got / want - 1.0).abs() < 1e-6, "{got} vs {want}");
    }
    let mut g = GridSearch::new(a, b).unwrap();
    assert_eq!((g.total(), g.done(), g.best()), (35, 0, None));
    assert_eq!(g.pending(), Some((0.0, 1e-4)));
    // Three cells per "frame": 12 frames, the last one short.
    let mut frames = 0;
    while !g.is_finished() {
        let did = g.run(3, bowl);
        assert!(did == 3 || (did == 2 && g.is_finished()), "frame {frames}: {did} cells");
        frames += 1;
    }
    assert_eq!(frames, 12);
    assert_eq!(g.run(3, bowl), 0);
    assert!(g.next_cell(bowl).is_none() && g.pending().is_none() && g.record(0.0).is_none());
    let best = g.best().unwrap();
    assert_eq!((best.a, best.index), (3.0, 3 * 5 + 2));
    assert!((best.b / 1e-2 - 1.0).abs() < 1e-6);
    assert!(best.score < 1e-9);
    // Row-major cells; score_at reads the heatmap.
    assert_eq!(g.cells().len(), 35);
    assert_eq!(g.score_at(3, 2), best.score);
    assert_eq!(g.score_at(0, 0), bowl(0.0, 1e-4));
    assert!(g.score_at(7, 0).is_nan());
}

#[test]
fn search_failed_cells_never_win_and_ties_keep_the_first() {
    let mut g = GridSearch::new(vec![0.0, 1.0, 2.0], vec![5.0]).unwrap();
    // The page may score cells itself (e.g. a training run over many frames) and record them.
    assert_eq!(g.pending(), Some((0.0, 5.0)));
    g.record(f32::NAN).unwrap();
    assert_eq!(g.best(), None, "a NaN cell is not a best");
    g.record(0.5).unwrap();
    g.record(0.5).unwrap();
    assert_eq!(g.best().unwrap().a, 1.0, "a tie keeps the earlier cell");
    let mut g = GridSearch::new(vec![0.0, 1.0], vec![0.0]).unwrap();
    g.run(10, |a, _| if a == 0.0 { f32::NEG_INFINITY } else { 2.0 });
    assert_eq!(g.best().unwrap().a, 1.0, "−∞ is a failed cell too");
    // Invalid axes.
    assert_eq!(GridSearch::new(vec![], vec![1.0]).unwrap_err().field, "a");
    assert_eq!(GridSearch::new(vec![1.0], vec![f32::NAN]).unwrap_err().field, "b");
    assert_eq!(GridSearch::new(vec![0.0; 101], vec![1.0]).unwrap_err().field, "a");
    assert_eq!(axis_values(0.0, 1.0, 3, true).unwrap_err().field, "axis");
    assert_eq!(axis_values(1.0, 0.0, 3, false).unwrap_err().field, "axis");
    assert_eq!(axis_values(0.0, 1.0, 0, false).unwrap_err().field, "axis");
    assert_eq!(axis_values(0.0, 20.0, 21, false).unwrap(), (0..=20).map(|i| i as f32).collect::<Vec<_>>());
    assert_eq!(axis_values(2.0, 5.0, 1, false).unwrap(), vec![2.0]);
}

#[test]
fn search_random_is_seeded_prefix_stable_and_in_range() {
    let (ra, rb) = (SearchRange::linear(-0.5, 20.5), SearchRange::log(1e-6, 1.0));
    let run = |n: usize, seed: u64| {
        let mut r = RandomSearch::new(ra, rb, n, seed).unwrap();
        while r.run(7, bowl) > 0 {}
        r
    };
    let a = run(200, 3);
    assert_eq!(a.cells(), run(200, 3).cells(), "same seed, same cells and scores");
    assert_ne!(a.cells()[0], run(200, 4).cells()[0], "another seed, other cells");
    // Prefix-stable: a 50-cell search is the start of the 200-cell one.
    assert_eq!(&a.cells()[..50], run(50, 3).cells());
    assert_eq!((a.done(), a.total(), a.is_finished()), (200, 200, true));
    assert!(a.cells().iter().all(|c| (-0.5..=20.5).contains(&c.a) && (1e-6..=1.0).contains(&c.b)));
    // Log-uniform: ln b is uniform, so each decade holds ~1/6 of the samples and half lie
    // below the geometric middle 10⁻³. Binomial(200, ½) is within 100 ± 25 with
    // probability > 99.9 %; a linear draw would put only 0.1 % below 10⁻³.
    let below = a.cells().iter().filter(|c| c.b < 1e-3).count();
    assert!((75..=125).contains(&below), "{below} of 200 below 1e-3");
    let low_a = a.cells().iter().filter(|c| c.a < 10.0).count();
    assert!((75..=125).contains(&low_a), "{low_a} of 200 with a < 10");
    // With 200 cells the bowl's minimum (3, 1e-2) is approached: the best cell is within a
    // score of 0.5 (a within ~0.7, b within ~0.7 decades).
    let best = a.best().unwrap();
    assert!(best.score < 0.5, "best {best:?}");
    assert!(a.cells().iter().all(|c| c.score >= best.score));
}

#[test]
fn search_random_validates_its_ranges() {
    let ok = SearchRange::linear(0.0, 1.0);
    assert_eq!(RandomSearch::new(SearchRange::log(0.0, 1.0), ok, 10, 0).unwrap_err().field, "a");
    assert_eq!(RandomSearch::new(ok, SearchRange::linear(2.0, 1.0), 10, 0).unwrap_err().field, "b");
    assert_eq!(RandomSearch::new(ok, SearchRange::linear(0.0, f32::INFINITY), 10, 0).unwrap_err().field, "b");
    assert_eq!(RandomSearch::new(ok, ok, 0, 0).unwrap_err().field, "n");
    assert_eq!(RandomSearch::new(ok, ok, 10_001, 0).unwrap_err().field, "n");
    // A degenerate range is allowed: every draw is that value.
    let mut r = RandomSearch::new(SearchRange::linear(4.0, 4.0), ok, 3, 0).unwrap();
    r.run(3, |_, _| 0.0);
    assert!(r.cells().iter().all(|c| c.a == 4.0));
}

#[test]
fn search_degree_lambda_grid_on_the_sine_picks_a_middle_degree() {
    // 5-fold CV on 60 training points of a noisy sine; degrees 0..=15 × λ ∈ {0, 1e-6 … 1}.
    let d = generate_curve(&CurveParams { function: CurveFunction::Sine, points: 80, noise: 0.1, seed: 21 }).unwrap();
    let split = Split::new(&d.split_keys, 75, 25).unwrap();
    let (tx, ty) = d.subset(&split.train);
    let mut obj = PolyObjective::kfold(&tx, &ty, 5, 21).unwrap();
    let mut lambdas = vec![0.0];
    lambdas.extend(axis_values(1e-6, 1.0, 7, true).unwrap());
    let degrees = axis_values(0.0, 15.0, 16, false).unwrap();
    let mut g = GridSearch::new(degrees, lambdas).unwrap();
    while g.run(16, |a, b| obj.score(a, b)) > 0 {}
    let best = g.best().unwrap();
    println!("best: degree {}, λ {}, CV MSE {}", best.a, best.b, best.score);
    assert!((3.0..=11.0).contains(&best.a), "{best:?}");
    // The CV error of the best is near the noise variance σ² = 0.2² = 0.04 (it cannot go
    // below it on average), far below a constant's (the sine's variance ≈ 0.5).
    assert!(best.score < 0.07, "{best:?}");
    assert!(g.score_at(0, 0) > 5.0 * best.score);
    // Random search over the same space finds a comparable cell (seeded).
    let mut r = RandomSearch::new(SearchRange::linear(-0.5, 15.5), SearchRange::log(1e-6, 1.0), 60, 21).unwrap();
    while r.run(10, |a, b| obj.score(a, b)) > 0 {}
    let rb = r.best().unwrap();
    println!("random best: degree {}, λ {}, CV MSE {}", rb.a.round(), rb.b, rb.score);
    assert!(rb.score < 1.2 * best.score, "{rb:?} vs grid {best:?}");
}
