//! Data set generation: validation, determinism, domain, targets, class balance, clean shapes at
//! noise 0, what noise does, `Dataset::push`, and the enum slugs of `data.rs`.

use perplexed_core::error::ErrorKind;
use perplexed_core::data::dataset::{generate, DataParams, Dataset, DatasetKind, Problem, DOMAIN};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Role;
use perplexed_core::rng::{streams, Rng};

fn params(kind: DatasetKind, points: usize, noise: f32, seed: u64) -> DataParams {
    DataParams { kind, points, noise, seed }
}

fn gen(kind: DatasetKind, points: usize, noise: f32, seed: u64) -> Dataset {
    generate(&params(kind, points, noise, seed)).expect("valid params")
}

/// Bit-level view so that the comparison also distinguishes −0.0 / 0.0 and would catch NaN.
fn bits(d: &Dataset) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
    let b = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    (b(&d.points), b(&d.targets), b(&d.split_keys))
}

#[test]
fn rejects_out_of_range_params_with_readable_errors() {
    for points in [0usize, 9, 2001, usize::MAX] {
        let e = generate(&params(DatasetKind::Circle, points, 0.1, 1)).unwrap_err();
        assert_eq!(e.field, "points");
        assert!(matches!(e.kind, ErrorKind::OutOfRange { min: 10.0, max: 2000.0, .. }), "{e}");
    }
    for noise in [-0.01f32, 0.5001, 1.0, f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let e = generate(&params(DatasetKind::Spiral, 100, noise, 1)).unwrap_err();
        assert_eq!(e.field, "noise", "noise {noise}");
    }
    // The limits themselves are valid.
    for (points, noise) in [(10, 0.0), (2000, 0.5)] {
        for kind in DatasetKind::ALL {
            assert!(generate(&params(kind, points, noise, 3)).is_ok());
        }
    }
}

#[test]
fn every_kind_gives_n_points_in_the_domain_with_valid_targets() {
    for kind in DatasetKind::ALL {
        for &(n, noise, seed) in &[(10, 0.0, 0u64), (11, 0.5, 1), (333, 0.25, 2), (2000, 0.5, 3), (2000, 0.0, 4)] {
            let d = gen(kind, n, noise, seed);
            assert_eq!(d.len(), n);
            assert!(!d.is_empty());
            assert_eq!(d.points.len(), 2 * n);
            assert_eq!(d.split_keys.len(), n);
            assert_eq!(d.problem, kind.problem());
            assert_eq!(d.classes, kind.classes());
            for &x in &d.points {
                assert!(x.is_finite() && x.abs() <= DOMAIN, "{kind:?}: coordinate {x}");
            }
            for &k in &d.split_keys {
                assert!((0.0..1.0).contains(&k));
            }
            for &t in &d.targets {
                match kind.problem() {
                    Problem::Classification => {
                        assert!(t == t.trunc() && t >= 0.0 && (t as usize) < d.classes, "{kind:?}: {t}")
                    }
                    Problem::Regression => assert!(t.is_finite() && t.abs() <= 1.0, "{kind:?}: {t}"),
                }
            }
        }
    }
}

#[test]
fn kinds_report_problem_and_classes() {
    use DatasetKind::*;
    for (k, p, c) in [
        (Circle, Problem::Classification, 2),
        (Xor, Problem::Classification, 2),
        (Gaussian, Problem::Classification, 2),
        (Spiral, Problem::Classification, 2),
        (Moons, Problem::Classification, 2),
        (ThreeClass, Problem::Classification, 3),
        (Plane, Problem::Regression, 0),
        (MultiGaussian, Problem::Regression, 0),
    ] {
        assert_eq!((k.problem(), k.classes()), (p, c), "{k:?}");
    }
}

#[test]
fn classes_are_balanced() {
    for kind in DatasetKind::ALL.into_iter().filter(|k| k.classes() > 0) {
        for n in [10usize, 11, 12, 13, 101, 2000] {
            let d = gen(kind, n, 0.5, n as u64);
            let k = d.classes;
            let mut counts = vec![0usize; k];
            for &t in &d.targets {
                counts[t as usize] += 1;
            }
            // Exactly ⌊n/K⌋ or ⌈n/K⌉ per class.
            for &c in &counts {
                assert!(c == n / k || c == n.div_ceil(k), "{kind:?} n={n}: {counts:?}");
            }
        }
    }
}

#[test]
fn same_params_give_bit_identical_data() {
    for kind in DatasetKind::ALL {
        let p = params(kind, 500, 0.3, 77);
        let a = generate(&p).unwrap();
        let b = generate(&p).unwrap();
        assert_eq!(a, b);
        assert_eq!(bits(&a), bits(&b));
    }
}

#[test]
fn different_seed_gives_different_data_and_keys() {
    for kind in DatasetKind::ALL {
        let a = gen(kind, 200, 0.1, 1);
        let b = gen(kind, 200, 0.1, 2);
        assert_ne!(a.points, b.points, "{kind:?}");
        assert_ne!(a.split_keys, b.split_keys, "{kind:?}");
    }
}

/// The data depends on DataParams only: no hidden global state, no dependence on what else was
/// generated or drawn before, nor on other streams of the same seed being consumed.
#[test]
fn data_depends_only_on_params() {
    let p = params(DatasetKind::Moons, 300, 0.2, 5);
    let first = generate(&p).unwrap();
    // Generate other things, draw from every stream of the same seed, then again.
    for kind in DatasetKind::ALL {
        let _ = gen(kind, 1000, 0.5, 5);
    }
    for s in [streams::DATA, streams::SPLIT, streams::INIT, streams::BATCHES] {
        let mut r = Rng::stream(5, s);
        for _ in 0..10_000 {
            r.next_u64();
        }
    }
    let again = generate(&p).unwrap();
    assert_eq!(bits(&first), bits(&again));
    // And a fresh thread (nothing thread-local either).
    let other = std::thread::spawn(move || generate(&p).unwrap()).join().unwrap();
    assert_eq!(bits(&first), bits(&other));
}

/// Generation is sequential: the n-point set is a prefix of the (n + m)-point set, so the
/// "points" slider adds points instead of redrawing everything. Split keys are a prefix too.
#[test]
fn smaller_set_is_a_prefix_of_a_larger_one() {
    for kind in DatasetKind::ALL {
        let small = gen(kind, 100, 0.3, 9);
        let big = gen(kind, 400, 0.3, 9);
        assert_eq!(small.points[..], big.points[..200], "{kind:?}");
        assert_eq!(small.targets[..], big.targets[..100], "{kind:?}");
        assert_eq!(small.split_keys[..], big.split_keys[..100], "{kind:?}");
    }
}

/// Leave-one-out 1-nearest-neighbour accuracy: a shape-agnostic measure of "learnable".
fn one_nn_accuracy(d: &Dataset) -> f64 {
    let n = d.len();
    let mut correct = 0;
    for i in 0..n {
        let p = d.point(i);
        let mut best = (f32::INFINITY, 0usize);
        for j in (0..n).filter(|&j| j != i) {
            let q = d.point(j);
            let dist = (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2);
            if dist < best.0 {
                best = (dist, j);
            }
        }
        if d.targets[best.1] == d.targets[i] {
            correct += 1;
        }
    }
    correct as f64 / n as f64
}

/// Noise 0 gives clean shapes: each classification set obeys its defining rule exactly (or,
/// for spiral/moons, is perfectly separated by nearest neighbours), and the plane is exact.
#[test]
fn noise_zero_gives_clean_learnable_sets() {
    for seed in [1u64, 2, 3] {
        let rule = |kind: DatasetKind, p: [f32; 2]| -> f32 {
            match kind {
                DatasetKind::Circle => (p[0] * p[0] + p[1] * p[1] > 9.0) as u8 as f32,
                DatasetKind::Xor => (p[0] * p[1] > 0.0) as u8 as f32,
                DatasetKind::Gaussian => (p[0] + p[1] > 0.0) as u8 as f32,
                DatasetKind::ThreeClass => {
                    // Nearest of the three centres at 90°, 210°, 330°, radius 3.5.
                    let mut best = (f32::INFINITY, 0);
                    for c in 0..3 {
                        let a = std::f32::consts::FRAC_PI_2 + c as f32 * 2.0 * std::f32::consts::PI / 3.0;
                        let d = (p[0] - 3.5 * a.cos()).powi(2) + (p[1] - 3.5 * a.sin()).powi(2);
                        if d < best.0 {
                            best = (d, c);
                        }
                    }
                    best.1 as f32
                }
                _ => unreachable!(),
            }
        };
        for kind in [DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gaussian, DatasetKind::ThreeClass] {
            let d = gen(kind, 600, 0.0, seed);
            for i in 0..d.len() {
                assert_eq!(rule(kind, d.point(i)), d.targets[i], "{kind:?} point {i}: {:?}", d.point(i));
            }
        }
        for kind in [DatasetKind::Spiral, DatasetKind::Moons] {
            let acc = one_nn_accuracy(&gen(kind, 400, 0.0, seed));
            assert!(acc >= 0.995, "{kind:?}: 1-NN accuracy {acc}");
        }
        let d = gen(DatasetKind::Plane, 300, 0.0, seed);
        for i in 0..d.len() {
            let p = d.point(i);
            assert!((d.targets[i] - (p[0] + p[1]) / 12.0).abs() < 1e-6);
        }
        // multigauss: a smooth surface with both signs and a real spread.
        let d = gen(DatasetKind::MultiGaussian, 1000, 0.0, seed);
        let mean = d.targets.iter().sum::<f32>() / 1000.0;
        let sd = (d.targets.iter().map(|t| (t - mean).powi(2)).sum::<f32>() / 1000.0).sqrt();
        assert!(d.targets.iter().any(|&t| t > 0.8) && d.targets.iter().any(|&t| t < -0.8));
        assert!(sd > 0.2, "multigauss spread {sd}");
        assert!(one_nn_regression_error(&d) < 0.05);
    }
}

/// Mean absolute error of predicting each target by its nearest neighbour's (smoothness).
fn one_nn_regression_error(d: &Dataset) -> f32 {
    let n = d.len();
    let mut err = 0.0;
    for i in 0..n {
        let p = d.point(i);
        let j = (0..n)
            .filter(|&j| j != i)
            .min_by(|&a, &b| {
                let da = (p[0] - d.point(a)[0]).powi(2) + (p[1] - d.point(a)[1]).powi(2);
                let db = (p[0] - d.point(b)[0]).powi(2) + (p[1] - d.point(b)[1]).powi(2);
                da.total_cmp(&db)
            })
            .unwrap();
        err += (d.targets[i] - d.targets[j]).abs();
    }
    err / n as f32
}

/// Noise makes the sets harder in the documented way, monotonically.
#[test]
fn noise_makes_sets_harder() {
    for kind in [DatasetKind::Circle, DatasetKind::Xor, DatasetKind::Gaussian, DatasetKind::Spiral, DatasetKind::Moons, DatasetKind::ThreeClass] {
        let clean = one_nn_accuracy(&gen(kind, 600, 0.0, 4));
        let mid = one_nn_accuracy(&gen(kind, 600, 0.2, 4));
        let hard = one_nn_accuracy(&gen(kind, 600, 0.5, 4));
        assert!(clean > hard && clean >= mid, "{kind:?}: {clean} {mid} {hard}");
        eprintln!("{kind:?}: 1-NN accuracy {clean:.3} / {mid:.3} / {hard:.3} at noise 0 / 0.2 / 0.5");
        assert!(hard < 0.97, "{kind:?}: noise 0.5 still 1-NN separable ({hard})");
    }
    // Circle: label noise only near the boundary: with noise 0.2 (perturbation σ = 0.5) a
    // point more than 2 units (4σ) from the circle r = 3 keeps its geometric label.
    let d = gen(DatasetKind::Circle, 2000, 0.2, 8);
    let mut flipped_near = 0;
    for i in 0..d.len() {
        let p = d.point(i);
        let r = (p[0] * p[0] + p[1] * p[1]).sqrt();
        let geometric = (r > 3.0) as u8 as f32;
        if d.targets[i] != geometric {
            assert!((r - 3.0).abs() < 2.0, "far point flipped at r = {r}");
            flipped_near += 1;
        }
    }
    assert!(flipped_near > 0, "noise 0.2 flipped no label");
    // Regression: target noise, points unchanged in distribution.
    let clean = gen(DatasetKind::Plane, 500, 0.0, 3);
    let noisy = gen(DatasetKind::Plane, 500, 0.3, 3);
    let resid: f32 = (0..500)
        .map(|i| {
            let p = noisy.point(i);
            (noisy.targets[i] - ((p[0] + p[1]) / 12.0).clamp(-1.0, 1.0)).abs()
        })
        .sum::<f32>()
        / 500.0;
    assert!(resid > 0.1, "plane target noise too small: {resid}");
    assert_eq!(clean.len(), noisy.len());
}

#[test]
fn point_accessor() {
    let d = gen(DatasetKind::Xor, 10, 0.0, 1);
    assert_eq!(d.point(3), [d.points[6], d.points[7]]);
    // Past the end: NaN, not a panic.
    assert!(d.point(10)[0].is_nan() && d.point(usize::MAX / 2)[1].is_nan());
}

#[test]
fn push_validates_and_appends() {
    let mut d = gen(DatasetKind::ThreeClass, 10, 0.0, 1);
    let before = d.clone();
    // Invalid: each leaves the set unchanged, with the right field.
    let bad: [(f32, f32, f32, f32, &str); 11] = [
        (6.1, 0.0, 0.0, 0.5, "point"),
        (0.0, -6.01, 0.0, 0.5, "point"),
        (f32::NAN, 0.0, 0.0, 0.5, "point"),
        (0.0, f32::INFINITY, 0.0, 0.5, "point"),
        (0.0, 0.0, 3.0, 0.5, "target"),
        (0.0, 0.0, -1.0, 0.5, "target"),
        (0.0, 0.0, 0.5, 0.5, "target"),
        (0.0, 0.0, f32::NAN, 0.5, "target"),
        (0.0, 0.0, 1.0, 1.0, "key"),
        (0.0, 0.0, 1.0, -0.1, "key"),
        (0.0, 0.0, 1.0, f32::NAN, "key"),
    ];
    for (x1, x2, t, k, field) in bad {
        let e = d.push(x1, x2, t, k).unwrap_err();
        assert_eq!(e.field, field, "({x1}, {x2}, {t}, {k})");
        assert_eq!(d, before);
    }
    // Valid, including the domain edge.
    d.push(6.0, -6.0, 2.0, 0.0).unwrap();
    d.push(0.5, 0.25, 0.0, 0.999).unwrap();
    assert_eq!(d.len(), 12);
    assert_eq!(d.point(10), [6.0, -6.0]);
    assert_eq!(&d.targets[10..], &[2.0, 0.0]);
    assert_eq!(&d.split_keys[10..], &[0.0, 0.999]);

    let mut r = gen(DatasetKind::Plane, 10, 0.0, 1);
    assert_eq!(r.push(0.0, 0.0, 1.5, 0.5).unwrap_err().field, "target");
    r.push(0.0, 0.0, -0.75, 0.5).unwrap();
    r.push(0.0, 0.0, 1.0, 0.5).unwrap();
    assert_eq!(r.len(), 12);
}

#[test]
fn slugs_round_trip_and_are_exact() {
    let kinds: Vec<&str> = DatasetKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(kinds, ["circle", "xor", "gaussian", "spiral", "moons", "three", "plane", "multigauss"]);
    for k in DatasetKind::ALL {
        assert_eq!(DatasetKind::from_slug(k.slug()), Some(k));
    }
    assert_eq!(Problem::ALL.map(|p| p.slug()), ["classification", "regression"]);
    for p in Problem::ALL {
        assert_eq!(Problem::from_slug(p.slug()), Some(p));
    }
    assert_eq!(Feature::ALL.map(|f| f.slug()), ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"]);
    assert_eq!(Feature::ALL.map(|f| f.label()), ["x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"]);
    for f in Feature::ALL {
        assert_eq!(Feature::from_slug(f.slug()), Some(f));
    }
    assert_eq!(Role::ALL.map(|r| r.slug()), ["train", "val", "test"]);
    for r in Role::ALL {
        assert_eq!(Role::from_slug(r.slug()), Some(r));
    }
    for bad in ["", "Circle", "three-class", "x1^2", "validation", " spiral"] {
        assert_eq!(DatasetKind::from_slug(bad), None);
        assert_eq!(Feature::from_slug(bad), None);
        assert_eq!(Role::from_slug(bad), None);
        assert_eq!(Problem::from_slug(bad), None);
    }
}

#[test]
fn subset_gives_rows_and_targets_in_the_order_asked_and_skips_what_is_not_there() {
    // Three points (1,2)→0, (3,4)→1, (5,6)→0; ask for 2, 0 and 7 (past the end).
    let d = Dataset {
        points: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        targets: vec![0.0, 1.0, 0.0],
        problem: Problem::Classification,
        classes: 2,
        split_keys: vec![0.1, 0.2, 0.3],
    };
    assert_eq!(d.subset(&[2, 0, 7]), (vec![5.0, 6.0, 1.0, 2.0], vec![0.0, 0.0]));
    assert_eq!(d.subset(&[]), (vec![], vec![]));
}
