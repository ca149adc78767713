//! Splitting a table's rows: stratified shares within one row of exact for every class (and
//! rows with a missing target still assigned), plain random splits as `Split::new` counts them,
//! the shifted split's test rows the largest of their column, k folds that partition the rows
//! (stratified: every class's count per fold within one), and the refusals.

use perplexed_core::data::split::{Role, Split};
use perplexed_core::error::ErrorKind;
use perplexed_core::table::cells::{Column, Table, Values};
use perplexed_core::workflow::{shifted_split, split_rows, stratified_folds, SplitSpec};

use super::data::{table, BREAST_CANCER, IRIS, WINE};

/// Every row in exactly one list, lists ascending, roles agreeing with the lists.
fn check_partition(split: &Split, n: usize) {
    assert_eq!(split.roles.len(), n);
    for (list, role) in [(&split.train, Role::Train), (&split.val, Role::Validation), (&split.test, Role::Test)] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "ascending");
        assert!(list.iter().all(|&r| split.roles[r] == role));
    }
    assert_eq!(split.train.len() + split.val.len() + split.test.len(), n);
}

/// A categorical column of `counts[c]` rows of class `c`, interleaved, and `missing` rows
/// without a value.
fn class_table(counts: &[usize], missing: usize) -> Table {
    let mut codes = Vec::new();
    let mut left = counts.to_vec();
    while left.iter().any(|&c| c > 0) {
        for (c, l) in left.iter_mut().enumerate() {
            if *l > 0 {
                codes.push(c as u32);
                *l -= 1;
            }
        }
    }
    codes.extend(std::iter::repeat_n(u32::MAX, missing));
    let categories = (0..counts.len()).map(|c| format!("class {c}")).collect();
    let n = codes.len();
    Table::from_columns(vec![
        Column::new("x", Values::Numeric((0..n).map(|i| i as f64).collect())),
        Column::new("y", Values::Categorical { codes, categories }),
    ])
    .unwrap()
}

#[test]
fn stratified_shares_are_within_one_row_of_exact_for_every_class() {
    // Unbalanced classes, including tiny ones, and missing targets.
    let counts = [97, 41, 13, 5, 2, 1];
    let t = class_table(&counts, 7);
    let codes = match t.column(1).unwrap().values() {
        Values::Categorical { codes, .. } => codes.clone(),
        Values::Numeric(_) => unreachable!(),
    };
    let mut worst = 0.0f64;
    for (train_pct, val_pct) in [(60, 20), (70, 15), (50, 50), (80, 0), (33, 33), (1, 99), (100, 0)] {
        for seed in 0..3 {
            let split = split_rows(&t, 1, &SplitSpec { train_pct, val_pct, stratified: true, seed }).unwrap();
            check_partition(&split, t.n_rows());
            let groups = counts.iter().enumerate().map(|(c, &n)| (c as u32, n)).chain([(u32::MAX, 7)]);
            for (code, n_c) in groups {
                let rows: Vec<usize> = (0..t.n_rows()).filter(|&r| codes[r] == code).collect();
                assert_eq!(rows.len(), n_c);
                let count = |role| rows.iter().filter(|&&r| split.roles[r] == role).count() as f64;
                let exact = |pct: u32| n_c as f64 * f64::from(pct) / 100.0;
                let test_pct = 100 - train_pct - val_pct;
                for (got, want) in [(count(Role::Train), exact(train_pct)), (count(Role::Validation), exact(val_pct)), (count(Role::Test), exact(test_pct))] {
                    worst = worst.max((got - want).abs());
                    assert!((got - want).abs() <= 1.0, "{train_pct}/{val_pct} class {code}: {got} vs {want}");
                }
            }
        }
    }
    println!("largest distance from the exact share: {worst} rows");
}

#[test]
fn stratified_iris_keeps_its_thirds_and_a_random_split_counts_like_split_new() {
    let t = table(IRIS);
    let target = t.find("class").unwrap();
    let split = split_rows(&t, target, &SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed: 4 }).unwrap();
    // 50 per class: 30 / 10 / 10 each.
    assert_eq!(split.counts(), (90, 30, 30));
    let random = split_rows(&t, target, &SplitSpec { train_pct: 60, val_pct: 20, stratified: false, seed: 4 }).unwrap();
    check_partition(&random, 150);
    assert_eq!(random.counts(), (90, 30, 30));
    assert_ne!(random, split, "the stratified split is not the random one");
    // Seeded: the same seed gives the same split, another seed another.
    assert_eq!(split, split_rows(&t, target, &SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed: 4 }).unwrap());
    assert_ne!(split, split_rows(&t, target, &SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed: 5 }).unwrap());
    // A numeric target ignores `stratified`.
    let alcohol = table(WINE);
    let a = alcohol.find("alcohol").unwrap();
    let s1 = split_rows(&alcohol, a, &SplitSpec { train_pct: 70, val_pct: 10, stratified: true, seed: 1 }).unwrap();
    let s2 = split_rows(&alcohol, a, &SplitSpec { train_pct: 70, val_pct: 10, stratified: false, seed: 1 }).unwrap();
    assert_eq!(s1, s2);
}

#[test]
fn the_shifted_split_tests_on_the_largest_values() {
    let t = table(BREAST_CANCER);
    let by = t.find("mean_radius").unwrap();
    let radius = t.column(by).unwrap().numbers().unwrap().to_vec();
    let split = shifted_split(&t, by, 20, 25, 3).unwrap();
    check_partition(&split, t.n_rows());
    let n = t.n_rows();
    assert_eq!(split.test.len(), (n * 25 + 50) / 100);
    assert_eq!(split.val.len(), (n * 20 + 50) / 100);
    let smallest_test = split.test.iter().map(|&r| radius[r]).fold(f64::INFINITY, f64::min);
    let largest_other = split.train.iter().chain(&split.val).map(|&r| radius[r]).fold(f64::NEG_INFINITY, f64::max);
    assert!(smallest_test >= largest_other, "{smallest_test} < {largest_other}");

    // Missing values never go to test, even when test would want them.
    let values = vec![5.0, f64::NAN, 1.0, f64::NAN, 3.0, 2.0];
    let small = Table::from_columns(vec![Column::new("v", Values::Numeric(values))]).unwrap();
    let s = shifted_split(&small, 0, 0, 99, 0).unwrap();
    assert_eq!(s.test, vec![0, 2, 4, 5]);
    assert!(s.roles[1] != Role::Test && s.roles[3] != Role::Test);
}

#[test]
fn folds_partition_the_rows_and_stratified_folds_keep_the_classes() {
    // Rows are any indices: 3 classes of 50, 30 and 7 rows.
    let rows: Vec<usize> = (0..87).map(|i| 1000 + 3 * i).collect();
    let labels: Vec<f32> = (0..87).map(|i| if i % 3 == 0 && i < 21 { 2.0 } else if i % 2 == 0 { 0.0 } else { 1.0 }).collect();
    for k in [2, 5, 7] {
        for labelled in [false, true] {
            let folds = stratified_folds(&rows, labelled.then_some(&labels[..]), k, 9).unwrap();
            assert_eq!(folds.len(), k);
            let mut seen = vec![0; rows.len()];
            for (train, val) in &folds {
                assert_eq!(train.len() + val.len(), rows.len());
                assert!(train.iter().all(|r| !val.contains(r)));
                for r in val {
                    seen[rows.iter().position(|x| x == r).unwrap()] += 1;
                }
            }
            assert!(seen.iter().all(|&s| s == 1), "every row in exactly one validation fold");
            let sizes: Vec<usize> = folds.iter().map(|(_, v)| v.len()).collect();
            assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1, "{sizes:?}");
            if labelled {
                for class in [0.0, 1.0, 2.0] {
                    let per_fold: Vec<usize> = folds
                        .iter()
                        .map(|(_, v)| v.iter().filter(|r| labels[rows.iter().position(|x| x == *r).unwrap()] == class).count())
                        .collect();
                    let spread = per_fold.iter().max().unwrap() - per_fold.iter().min().unwrap();
                    assert!(spread <= 1, "class {class}, k = {k}: {per_fold:?}");
                }
            }
        }
    }
    // Unlabelled folds are train::search::KFold's.
    let plain = stratified_folds(&rows, None, 5, 9).unwrap();
    let kfold = perplexed_core::train::search::KFold::new(rows.len(), 5, 9).unwrap();
    for (i, (_, val)) in plain.iter().enumerate() {
        let (_, positions) = kfold.fold(i);
        assert_eq!(val, &positions.iter().map(|&p| rows[p]).collect::<Vec<_>>());
    }
}

#[test]
fn bad_settings_are_errors() {
    let t = table(IRIS);
    let target = t.find("class").unwrap();
    let spec = |train_pct, val_pct| SplitSpec { train_pct, val_pct, stratified: true, seed: 0 };
    assert_eq!(split_rows(&t, target, &spec(0, 20)).unwrap_err().field, "train");
    assert_eq!(split_rows(&t, target, &spec(101, 0)).unwrap_err().field, "train");
    assert_eq!(split_rows(&t, target, &spec(80, 30)).unwrap_err().field, "val");
    assert_eq!(split_rows(&t, 99, &spec(60, 20)).unwrap_err().field, "target");
    let e = shifted_split(&t, target, 10, 20, 0).unwrap_err();
    assert_eq!((e.field, e.kind), ("by", ErrorKind::Unsupported), "a categorical column cannot be ordered");
    assert_eq!(shifted_split(&t, 99, 10, 20, 0).unwrap_err().field, "by");
    assert_eq!(shifted_split(&t, 0, 10, 0, 0).unwrap_err().field, "test");
    assert_eq!(shifted_split(&t, 0, 10, 100, 0).unwrap_err().field, "test");
    assert_eq!(shifted_split(&t, 0, 80, 20, 0).unwrap_err().field, "val");
    let rows: Vec<usize> = (0..10).collect();
    assert_eq!(stratified_folds(&rows, None, 1, 0).unwrap_err().field, "folds");
    assert_eq!(stratified_folds(&rows, None, 11, 0).unwrap_err().field, "folds");
    assert_eq!(stratified_folds(&rows[..3], Some(&[0.0, 1.0, 0.0]), 4, 0).unwrap_err().field, "folds");
    assert_eq!(stratified_folds(&rows, Some(&[0.0; 9]), 2, 0).unwrap_err().field, "labels");
    assert_eq!(stratified_folds(&rows, Some(&[f32::NAN; 10]), 2, 0).unwrap_err().field, "labels");
    // An empty table splits into nothing, without complaint.
    let empty = Table::from_columns(vec![Column::new("v", Values::Numeric(Vec::new()))]).unwrap();
    assert_eq!(split_rows(&empty, 0, &spec(60, 20)).unwrap().counts(), (0, 0, 0));
}
