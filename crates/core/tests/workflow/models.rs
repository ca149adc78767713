//! The data lab's six models through `ModelFit`: every kind fits iris (via `table::parse` and a
//! `Preparation`) to at least 0.9 validation accuracy and a wine column to a positive R²; the
//! same seed gives bit-identical predictions; probabilities have `n_classes` columns summing to
//! 1 even when a class has no training row; large tables are subsampled to `MAX_FIT_ROWS`
//! keeping the class shares; bad inputs are errors; permutation importance a feature per step.
//! The per-step times on 5,000 × 30 are printed (`--nocapture`), never asserted.

use std::time::Instant;

use perplexed_core::data::dataset::Problem;
use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;
use perplexed_core::table::cells::Table;
use perplexed_core::workflow::models::subsample_rows;
use perplexed_core::workflow::{evaluate, importance_run, split_rows, Fitted, FittedParts, ModelFit, ModelKind, SplitSpec, MAX_FIT_ROWS};

use super::data::{prepare, spec, table, Parts, IRIS, WINE};

fn parts(t: &Table, target: &str, seed: u64) -> Parts {
    let target_column = t.find(target).unwrap();
    let split = split_rows(t, target_column, &SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed }).unwrap();
    prepare(t, &spec(t, target), &split)
}

fn fit(kind: ModelKind, problem: Problem, p: &Parts, seed: u64) -> Fitted {
    let k = if problem == Problem::Classification { p.n_classes() } else { 0 };
    ModelFit::new(kind, problem, k, &p.train.x, p.train.n_features, &p.train.y, seed).unwrap().finish().unwrap()
}

#[test]
fn every_model_learns_iris_and_a_wine_column() {
    let iris = parts(&table(IRIS), "class", 1);
    let wine = parts(&table(WINE), "alcohol", 1);
    for kind in ModelKind::ALL {
        let f = fit(kind, Problem::Classification, &iris, 0);
        let e = evaluate(&f, &iris.val.x, &iris.val.y, 3).unwrap().classification.unwrap();
        let r = fit(kind, Problem::Regression, &wine, 0);
        let rv = evaluate(&r, &wine.val.x, &wine.val.y, 0).unwrap().regression.unwrap();
        println!("{:>8}: iris validation accuracy {:.3}, wine alcohol validation R² {:.3}", kind.slug(), e.accuracy, rv.r2);
        assert!(e.accuracy >= 0.9, "{kind:?} on iris: {}", e.accuracy);
        assert!(rv.r2 > 0.0, "{kind:?} on wine: {}", rv.r2);
        assert_eq!(e.confusion.iter().sum::<u32>() as usize, iris.val.y.len());
        assert!(r.predict_proba(&wine.val.x).unwrap().is_none());
    }
}

#[test]
fn the_same_seed_gives_bit_identical_predictions() {
    let iris = parts(&table(IRIS), "class", 2);
    let wine = parts(&table(WINE), "alcohol", 2);
    for kind in ModelKind::ALL {
        for (problem, p) in [(Problem::Classification, &iris), (Problem::Regression, &wine)] {
            let a = fit(kind, problem, p, 7);
            let b = fit(kind, problem, p, 7);
            let bits = |f: &Fitted| -> Vec<u32> {
                let mut v: Vec<u32> = f.predict(&p.test.x).unwrap().iter().map(|x| x.to_bits()).collect();
                v.extend(f.predict_proba(&p.test.x).unwrap().unwrap_or_default().iter().map(|x| x.to_bits()));
                v
            };
            assert_eq!(bits(&a), bits(&b), "{kind:?} {problem:?}");
        }
    }
}

/// The network's answer for one row worked out from its weights alone (tanh hidden layers,
/// linear outputs): what a reader of the saved weights would compute.
fn network_by_hand(mlp: &perplexed_core::nn::mlp::Mlp, row: &[f32]) -> Vec<f32> {
    let sizes = mlp.layer_sizes();
    let mut a = row.to_vec();
    for l in 0..sizes.len() - 1 {
        let last = l == sizes.len() - 2;
        a = (0..sizes[l + 1])
            .map(|to| {
                let z = mlp.bias(l, to) + a.iter().enumerate().map(|(from, v)| v * mlp.weight(l, from, to)).sum::<f32>();
                if last { z } else { z.tanh() }
            })
            .collect();
    }
    a
}

/// What `Fitted::parts` hands over is the model that predicts: each kind's own model gives the
/// fitted model's answers (the linear model through its coefficients, the network through its
/// weights and the target's scale, written out here by hand).
#[test]
fn the_parts_are_the_model_that_predicts() {
    let iris = parts(&table(IRIS), "class", 4);
    let wine = parts(&table(WINE), "alcohol", 4);
    for kind in ModelKind::ALL {
        for (problem, p) in [(Problem::Classification, &iris), (Problem::Regression, &wine)] {
            let f = fit(kind, problem, p, 3);
            let x = &p.val.x;
            let d = p.val.n_features;
            let want = f.predict(x).unwrap();
            let mut got = vec![0.0f32; want.len()];
            match f.parts() {
                FittedParts::Logistic(m) => {
                    // Three classes: one row of coefficients per class, the largest score wins.
                    let c = m.coefficients();
                    for (g, row) in got.iter_mut().zip(x.chunks(d)) {
                        let scores: Vec<f64> = (0..m.classes().len()).map(|k| m.intercepts()[k] + row.iter().enumerate().map(|(j, &v)| f64::from(v) * c[k * d + j]).sum::<f64>()).collect();
                        *g = (0..scores.len()).fold(0, |b, k| if scores[k] > scores[b] { k } else { b }) as f32;
                    }
                }
                FittedParts::Ridge(m) => {
                    for (g, row) in got.iter_mut().zip(x.chunks(d)) {
                        *g = (m.intercept() + row.iter().zip(m.weights()).map(|(&v, w)| f64::from(v) * w).sum::<f64>()) as f32;
                    }
                }
                FittedParts::Tree(m) => m.predict_into(x, &mut got).unwrap(),
                FittedParts::Forest(m) => m.predict_into(x, &mut got).unwrap(),
                FittedParts::Boosting(m) => m.predict_into(x, m.rounds_done(), &mut got).unwrap(),
                FittedParts::Knn { k } => {
                    assert_eq!(k, 5);
                    got.clone_from(&want);
                }
                FittedParts::Mlp { mlp, y_mean, y_std } => {
                    for (g, row) in got.iter_mut().zip(x.chunks(d)) {
                        let out = network_by_hand(mlp, row);
                        *g = if problem == Problem::Regression { out[0] * y_std + y_mean } else { (0..out.len()).fold(0, |b, k| if out[k] > out[b] { k } else { b }) as f32 };
                    }
                }
            }
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() <= 1e-3 * (1.0 + w.abs()), "{kind:?} {problem:?}: {g} vs {w}");
            }
        }
    }
}

#[test]
fn probabilities_have_every_class_even_one_never_trained_on() {
    // Classes 0 and 2 only, n_classes = 4: the models know classes up to 2 at most.
    let mut rng = Rng::new(3);
    let x: Vec<f32> = (0..60 * 2).map(|_| rng.normal()).collect();
    let y: Vec<f32> = x.chunks(2).map(|r| if r[0] > 0.0 { 2.0 } else { 0.0 }).collect();
    for kind in ModelKind::ALL {
        let f = ModelFit::new(kind, Problem::Classification, 4, &x, 2, &y, 1).unwrap().finish().unwrap();
        let p = f.predict_proba(&x).unwrap().unwrap();
        assert_eq!(p.len(), 60 * 4, "{kind:?}");
        for row in p.chunks(4) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4 && row[1] == 0.0 && row[3] == 0.0, "{kind:?}: {row:?}");
        }
        let e = evaluate(&f, &x, &y, 4).unwrap().classification.unwrap();
        assert_eq!((e.n_classes, e.confusion.len(), e.per_class.len()), (4, 16, 4));
        assert!(e.auc.is_none(), "four classes: no ROC");
    }
}

#[test]
fn large_tables_are_subsampled_keeping_the_class_shares() {
    // 8,000 rows, classes in shares 70 / 25 / 5 %.
    let n = 8_000;
    let mut rng = Rng::new(5);
    let y: Vec<f32> = (0..n).map(|i| if i % 20 == 0 { 2.0 } else if i % 4 == 1 { 1.0 } else { 0.0 }).collect();
    let x: Vec<f32> = y.iter().flat_map(|&c| [c + rng.normal(), rng.normal()]).collect();
    let m = ModelFit::new(ModelKind::Knn, Problem::Classification, 3, &x, 2, &y, 0).unwrap();
    assert_eq!(m.rows_used(), MAX_FIT_ROWS);
    let r = ModelFit::new(ModelKind::Linear, Problem::Regression, 0, &x, 2, &x[..n], 0).unwrap();
    assert_eq!(r.rows_used(), MAX_FIT_ROWS);
    let small = ModelFit::new(ModelKind::Knn, Problem::Classification, 3, &x[..2000], 2, &y[..1000], 0).unwrap();
    assert_eq!(small.rows_used(), 1000);
    // The rows kept: each class within one row of its exact share of 5,000.
    let kept = subsample_rows(&y, Problem::Classification, 0).unwrap();
    assert_eq!(kept.len(), MAX_FIT_ROWS);
    assert!(kept.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
    let share = |rows: &mut dyn Iterator<Item = f32>, c: f32| rows.filter(|&v| v == c).count() as f64;
    for c in [0.0, 1.0, 2.0] {
        let all = share(&mut y.iter().copied(), c);
        let got = share(&mut kept.iter().map(|&r| y[r]), c);
        let exact = all * MAX_FIT_ROWS as f64 / n as f64;
        println!("class {c}: {all} of {n} rows, {got} kept (exact share {exact})");
        assert!((got - exact).abs() <= 1.0);
    }
    // Seeded: the same seed keeps the same rows; regression keeps a plain random 5,000.
    assert_eq!(subsample_rows(&y, Problem::Classification, 0), Some(kept));
    assert_eq!(subsample_rows(&y, Problem::Regression, 0).map(|k| k.len()), Some(MAX_FIT_ROWS));
    assert_eq!(subsample_rows(&y[..MAX_FIT_ROWS], Problem::Classification, 0), None);
}

#[test]
fn bad_inputs_are_errors_never_panics() {
    let x = [0.0f32, 1.0, 2.0, 3.0, 4.0, 5.0];
    let y = [0.0f32, 1.0, 0.0];
    let c = Problem::Classification;
    for kind in ModelKind::ALL {
        let err = |x: &[f32], d, y: &[f32], k, p| ModelFit::new(kind, p, k, x, d, y, 0).unwrap_err().field;
        assert_eq!(err(&[], 2, &[], 2, c), "points");
        assert_eq!(err(&x, 0, &y, 2, c), "n_features");
        assert_eq!(err(&x[..5], 2, &y, 2, c), "points");
        assert_eq!(err(&x, 2, &y[..2], 2, c), "y");
        assert_eq!(err(&[0.0, f32::NAN, 2.0, 3.0, 4.0, 5.0], 2, &y, 2, c), "points");
        assert_eq!(err(&x, 2, &[0.0, f32::INFINITY, 1.0], 0, Problem::Regression), "y");
        assert_eq!(err(&x, 2, &y, 1, c), "n_classes");
        assert_eq!(err(&x, 2, &y, 65, c), "n_classes");
        assert_eq!(err(&x, 2, &[0.0, 2.0, 1.0], 2, c), "y");
        assert_eq!(err(&x, 2, &[0.0, 0.5, 1.0], 2, c), "y");
        assert_eq!(err(&x, 2, &[1.0, 1.0, 1.0], 2, c), "y");
        assert_eq!(err(&x, 2, &y, 2, Problem::Regression), "n_classes");
        // A fitted model refuses bad questions.
        let f = ModelFit::new(kind, c, 2, &x, 2, &y, 0).unwrap().finish().unwrap();
        assert_eq!(f.predict(&[1.0, 2.0, 3.0]).unwrap_err().field, "points");
        assert_eq!(f.predict(&[1.0, f32::NAN]).unwrap_err().field, "points");
        assert_eq!(f.predict_proba(&[1.0]).unwrap_err().field, "points");
        assert!(f.predict(&[]).unwrap().is_empty());
        assert_eq!(evaluate(&f, &[], &[], 2).unwrap_err().field, "points");
        assert_eq!(evaluate(&f, &x, &y[..2], 2).unwrap_err().field, "y");
        assert_eq!(evaluate(&f, &x, &[0.0, 3.0, 1.0], 2).unwrap_err().field, "y");
        assert_eq!(evaluate(&f, &x, &y, 0).unwrap_err().field, "n_classes");
        assert_eq!(importance_run(&f, &x, &y, 0, 0).err().unwrap().field, "n_repeats");
    }
    // The network takes at most 64 features.
    let wide = vec![0.5f32; 2 * 65];
    assert_eq!(ModelFit::new(ModelKind::Mlp, c, 2, &wide, 65, &[0.0, 1.0], 0).unwrap_err().field, "features");
    assert!(!ModelKind::Mlp.accepts_features(65) && ModelKind::Forest.accepts_features(65));
    // Slugs round-trip.
    for kind in ModelKind::ALL {
        assert_eq!(ModelKind::from_slug(kind.slug()), Some(kind));
    }
}

#[test]
fn permutation_importance_finds_the_feature_the_model_uses() {
    // Class = sign of feature 1; features 0 and 2 are noise.
    let mut rng = Rng::new(8);
    let x: Vec<f32> = (0..300 * 3).map(|_| rng.normal()).collect();
    let y: Vec<f32> = x.chunks(3).map(|r| f32::from(u8::from(r[1] > 0.0))).collect();
    let f = ModelFit::new(ModelKind::Tree, Problem::Classification, 2, &x[..600], 3, &y[..200], 0).unwrap().finish().unwrap();
    let mut run = importance_run(&f, &x[600..], &y[200..], 1, 0).unwrap();
    let mut steps = 0;
    while !run.done() {
        run.step();
        steps += 1;
        assert_eq!(run.features_done(), steps, "one feature per step with one repeat");
    }
    let imp = run.importances();
    println!("importances {:?}, baseline accuracy {:.3}", imp.mean, imp.baseline);
    assert!(imp.mean[1] > 0.3 && imp.mean[0].abs() < 0.05 && imp.mean[2].abs() < 0.05, "{:?}", imp.mean);
}

/// One step of every model on `MAX_FIT_ROWS` × 30 features: the slowest step and the total,
/// printed. A benchmark, not an assertion.
#[test]
fn step_times_on_the_largest_table() {
    let (n, d) = (MAX_FIT_ROWS, 30);
    let mut rng = Rng::new(11);
    let x: Vec<f32> = (0..n * d).map(|_| rng.normal()).collect();
    let score: Vec<f32> = x.chunks(d).map(|r| r[0] + 0.5 * r[1] * r[2] - r[3] + 0.3 * rng.normal()).collect();
    let classes: Vec<f32> = score.iter().map(|&s| if s < -0.7 { 0.0 } else if s < 0.7 { 1.0 } else { 2.0 }).collect();
    for (problem, y, k) in [(Problem::Classification, &classes, 3), (Problem::Regression, &score, 0)] {
        for kind in ModelKind::ALL {
            let start = Instant::now();
            let mut m = ModelFit::new(kind, problem, k, &x, d, y, 0).unwrap();
            let setup = start.elapsed().as_secs_f64() * 1e3;
            let mut times = Vec::new();
            while !m.done() {
                let t = Instant::now();
                m.step();
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let total: f64 = times.iter().sum();
            let mut sorted = times.clone();
            sorted.sort_by(f64::total_cmp);
            println!(
                "{:>14} {:>8}: set-up {setup:6.1} ms, {:4} steps, median {:6.2} ms, slowest {:6.2} ms, total {:7.1} ms",
                problem.slug(),
                kind.slug(),
                times.len(),
                sorted[sorted.len() / 2],
                sorted[sorted.len() - 1],
                total
            );
            assert!(m.fitted().is_some());
        }
    }
}
