//! Properties of the data lab's workflow on small random tables and settings (issue 21): the
//! splits never panic, are `Ok` exactly for valid settings and then partition the rows
//! (stratified: every class within one row of its exact shares); k folds partition the rows;
//! every model kind fits or names the problem, and a fitted model answers finite predictions,
//! probability rows summing to 1, and evaluations in range.

use perplexed_core::data::dataset::Problem;
use perplexed_core::data::split::Role;
use perplexed_core::table::cells::{Column, Table, Values, MISSING_CODE};
use perplexed_core::workflow::{evaluate, shifted_split, split_rows, stratified_folds, with_leak_column, ModelFit, ModelKind, SplitSpec};
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A table of `n` rows: a numeric column (with gaps) and a categorical one of up to 4 classes
/// (with gaps).
fn table() -> impl Strategy<Value = Table> {
    (0usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(prop_oneof![8 => -10.0f64..10.0, 1 => Just(f64::NAN)], n),
            prop::collection::vec(prop_oneof![8 => 0u32..4, 1 => Just(MISSING_CODE)], n),
        )
            .prop_map(|(numbers, codes)| {
                let categories = (0..4).map(|c| format!("c{c}")).collect();
                Table::from_columns(vec![
                    Column::new("number", Values::Numeric(numbers)),
                    Column::new("class", Values::Categorical { codes, categories }),
                ])
                .unwrap()
            })
    })
}

fn pct() -> impl Strategy<Value = u32> {
    prop_oneof![1 => Just(0u32), 1 => Just(100), 1 => 101u32..200, 8 => 0u32..=100]
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn splits_are_ok_exactly_for_valid_settings(
        t in table(), train_pct in pct(), val_pct in pct(), stratified in any::<bool>(), seed in any::<u64>(), target in 0usize..3,
    ) {
        let spec = SplitSpec { train_pct, val_pct, stratified, seed };
        let valid = target < 2 && (1..=100).contains(&train_pct) && val_pct <= 100 - train_pct;
        match split_rows(&t, target, &spec) {
            Err(e) => prop_assert!(!valid, "refused a valid spec: {e}"),
            Ok(s) => {
                prop_assert!(valid);
                let n = t.n_rows();
                prop_assert_eq!(s.roles.len(), n);
                prop_assert_eq!(s.train.len() + s.val.len() + s.test.len(), n);
                prop_assert!(n == 0 || !s.train.is_empty(), "no training row");
                if stratified && target == 1 {
                    let Values::Categorical { codes, .. } = t.column(1).unwrap().values() else { unreachable!() };
                    for code in [0, 1, 2, 3, MISSING_CODE] {
                        let rows: Vec<usize> = (0..n).filter(|&r| codes[r] == code).collect();
                        let train = rows.iter().filter(|&&r| s.roles[r] == Role::Train).count() as f64;
                        let exact = rows.len() as f64 * f64::from(train_pct) / 100.0;
                        // The one exception: a training row forced when rounding left none.
                        prop_assert!((train - exact).abs() <= 1.0 || train == 1.0, "class {code}: {train} vs {exact}");
                    }
                }
                // The leak demonstration takes any valid split of the table.
                let leaky = with_leak_column(&t, target, &s, seed).unwrap();
                prop_assert_eq!(leaky.n_columns(), 3);
            }
        }
        // Shifted: `train_pct` as the validation share, `val_pct` as the test share; column 0
        // is the numeric one.
        let valid_shift = target == 0 && (1..=99).contains(&val_pct) && train_pct <= 99 - val_pct;
        match shifted_split(&t, target, train_pct, val_pct, seed) {
            Err(e) => prop_assert!(!valid_shift, "refused a valid shift: {e}"),
            Ok(s) => {
                prop_assert!(valid_shift);
                prop_assert_eq!(s.train.len() + s.val.len() + s.test.len(), t.n_rows());
            }
        }
    }

    #[test]
    fn folds_partition_any_rows(n in 0usize..30, k in 0usize..25, labelled in any::<bool>(), seed in any::<u64>()) {
        let rows: Vec<usize> = (0..n).map(|i| i * 7).collect();
        let labels: Vec<f32> = (0..n).map(|i| (i % 3) as f32).collect();
        match stratified_folds(&rows, labelled.then_some(&labels[..]), k, seed) {
            Err(e) => prop_assert!(!(2..=20).contains(&k) || k > n, "{e}"),
            Ok(folds) => {
                prop_assert_eq!(folds.len(), k);
                let mut count = vec![0; n];
                for (train, val) in &folds {
                    prop_assert_eq!(train.len() + val.len(), n);
                    prop_assert!(!val.is_empty());
                    for r in val {
                        count[r / 7] += 1;
                    }
                }
                prop_assert!(count.iter().all(|&c| c == 1));
            }
        }
    }
}

/// A row of features: ordinary numbers mostly, now and then what a pasted CSV can hold.
fn cell() -> impl Strategy<Value = f32> {
    prop_oneof![200 => -3.0f32..3.0, 1 => Just(f32::NAN), 1 => Just(f32::INFINITY)]
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_model_fits_or_names_the_problem(
        kind in prop::sample::select(ModelKind::ALL.to_vec()),
        n in 0usize..30, d in 0usize..4, skew in prop_oneof![8 => Just(0i32), 1 => Just(-1), 1 => Just(1)],
        regression in any::<bool>(), n_classes in 0usize..5, seed in 0u64..4,
        cells in prop::collection::vec(cell(), 120), labels in prop::collection::vec(0u8..5, 31),
    ) {
        let x = &cells[..n * d];
        let m = (n as i32 + skew).max(0) as usize;
        let y: Vec<f32> = labels[..m].iter().map(|&l| f32::from(l)).collect();
        let problem = if regression { Problem::Regression } else { Problem::Classification };
        let k = if regression { 0 } else { n_classes };
        match ModelFit::new(kind, problem, k, x, d, &y, seed) {
            Err(e) => prop_assert!(!e.field.is_empty()),
            Ok(fit) => {
                let f = fit.finish().unwrap();
                let p = f.predict(x).unwrap();
                prop_assert!(p.iter().all(|v| v.is_finite()), "{p:?}");
                if let Some(proba) = f.predict_proba(x).unwrap() {
                    for row in proba.chunks(k) {
                        let sum: f32 = row.iter().sum();
                        prop_assert!(row.iter().all(|v| (0.0..=1.0).contains(v)) && (sum - 1.0).abs() < 1e-4, "{row:?}");
                    }
                    prop_assert!(p.iter().all(|&c| c.fract() == 0.0 && (c as usize) < k));
                }
                let e = evaluate(&f, x, &y, k).unwrap();
                if let Some(c) = e.classification {
                    prop_assert!((0.0..=1.0).contains(&c.accuracy) && (0.0..=1.0).contains(&c.macro_avg.f1));
                    prop_assert_eq!(c.confusion.iter().sum::<u32>() as usize, y.len());
                }
                if let Some(r) = e.regression {
                    prop_assert!(r.mae.is_finite() && r.rmse.is_finite());
                }
            }
        }
    }
}
