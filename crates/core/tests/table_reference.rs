//! The three real tables the data lab ships (web/data): shapes, column kinds, class counts, and
//! every numeric column's profile against NumPy (fixtures/table/reference.json, written by
//! fixtures/table/gen_reference.py; the NumPy version is recorded in the JSON).

use perplexed_core::table::cells::{Kind, Table};
use perplexed_core::table::csv::{parse_bytes, Delimiter};
use perplexed_core::table::profile::{pearson, profile, Summary};

fn load(name: &str) -> Table {
    let path = format!("{}/../../web/data/{name}.csv", env!("CARGO_MANIFEST_DIR"));
    let raw = parse_bytes(std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(raw.delimiter(), Delimiter::Comma);
    assert!(raw.warnings().is_empty(), "{name}: {:?}", raw.warnings());
    Table::from_raw(raw)
}

fn reference() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/table/reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `(rows, columns)`, every column numeric but the last, `class`, and its counts by name.
fn check_shape(t: &Table, rows: usize, columns: usize, classes: &[(&str, usize)]) {
    assert_eq!((t.n_rows(), t.n_columns()), (rows, columns));
    for (i, c) in t.columns().iter().enumerate() {
        let want = if i + 1 == columns { Kind::Categorical } else { Kind::Numeric };
        assert_eq!(c.kind(), want, "column {i} {}", c.name());
    }
    assert_eq!(t.columns().last().unwrap().name(), "class");
    let p = profile(t);
    let Summary::Categorical(counts) = &p.columns[columns - 1].summary else { panic!("class is categorical") };
    let (_, names) = t.columns().last().unwrap().categories().unwrap();
    let named: Vec<(&str, usize)> = counts.iter().map(|&(code, n)| (names[code as usize].as_str(), n)).collect();
    assert_eq!(named, classes);
    assert!(p.columns.iter().all(|c| c.missing == 0));
}

#[test]
fn the_three_tables_have_their_shapes_and_kinds() {
    check_shape(&load("iris"), 150, 5, &[("setosa", 50), ("versicolor", 50), ("virginica", 50)]);
    check_shape(&load("wine"), 178, 14, &[("class_1", 71), ("class_0", 59), ("class_2", 48)]);
    check_shape(&load("breast-cancer"), 569, 31, &[("benign", 357), ("malignant", 212)]);
}

/// Means and standard deviations to 1e-12 relative (NumPy sums pairwise, we in order);
/// min, quartiles and max bit for bit (the same sorted values and the same interpolation);
/// the histogram's bin count and counts exactly.
#[test]
fn every_numeric_profile_matches_numpy() {
    let reference = reference();
    let mut checked = 0;
    for name in ["iris", "wine", "breast-cancer"] {
        let t = load(name);
        let p = profile(&t);
        let want = &reference["tables"][name];
        assert_eq!(want["rows"].as_u64(), Some(t.n_rows() as u64));
        let numeric = want["numeric"].as_object().unwrap();
        assert_eq!(numeric.len(), t.n_columns() - 1, "{name}: NumPy's numeric columns are ours");
        for (c, column) in t.columns().iter().enumerate() {
            let Summary::Numeric(s) = &p.columns[c].summary else { continue };
            let w = &numeric[column.name()];
            let f = |k: &str| w[k].as_f64().unwrap();
            let close = |got: f64, want: f64, what: &str| {
                assert!((got - want).abs() <= 1e-12 * want.abs(), "{name}.{} {what}: {got} vs NumPy {want}", column.name());
            };
            close(s.mean, f("mean"), "mean");
            close(s.std, f("std"), "std");
            // Bit for bit, from the hex of NumPy's bits: serde_json's default number parser can
            // be an ulp off (it read 12.362499999999999 as 12.3625).
            for (got, key) in [(s.min, "min"), (s.q1, "q1"), (s.median, "median"), (s.q3, "q3"), (s.max, "max")] {
                let want = u64::from_str_radix(w["bits"][key].as_str().unwrap(), 16).unwrap();
                assert_eq!(got.to_bits(), want, "{name}.{} {key}: {got} vs NumPy {}", column.name(), f64::from_bits(want));
            }
            let bins = w["bins"].as_u64().unwrap() as usize;
            assert_eq!(s.histogram.counts.len(), bins, "{name}.{} bins (FD before the clamp: {})", column.name(), w["fd_bins"]);
            let counts: Vec<usize> = w["counts"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
            assert_eq!(s.histogram.counts, counts, "{name}.{} histogram", column.name());
            assert_eq!(p.columns[c].count, t.n_rows());
            checked += 1;
        }
    }
    assert_eq!(checked, 4 + 13 + 30);
}

#[test]
fn the_iris_correlations_match_numpy() {
    let reference = reference();
    let t = load("iris");
    let p = profile(&t);
    assert_eq!(p.correlation.columns, [0, 1, 2, 3]);
    for (i, row) in reference["iris_corr"].as_array().unwrap().iter().enumerate() {
        for (j, w) in row.as_array().unwrap().iter().enumerate() {
            let got = p.correlation.get(i, j).unwrap();
            let want = w.as_f64().unwrap();
            assert!((got - want).abs() < 1e-12, "({i}, {j}): {got} vs NumPy {want}");
        }
    }
    // Complete columns take the one-pass path: the same bits as the general two-pass pearson.
    for i in 0..4 {
        for j in 0..4 {
            let (x, y) = (t.column(i).unwrap().numbers().unwrap(), t.column(j).unwrap().numbers().unwrap());
            let want = if i == j { 1.0 } else { pearson(x, y).0 };
            assert_eq!(p.correlation.get(i, j).unwrap().to_bits(), want.to_bits(), "({i}, {j})");
        }
    }
    // Petal length and width move together (r ≈ 0.963); sepal width goes its own way.
    assert!(p.correlation.get(2, 3).unwrap() > 0.96);
    assert!(p.correlation.get(0, 1).unwrap() < 0.0);
}
