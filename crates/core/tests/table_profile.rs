//! Typed columns and their profiles: kind inference (bad numbers, missing markers, few whole
//! numbers), overriding a kind, quantiles and histograms by hand, category counts, the
//! correlation matrix against NumPy, and the profiler in steps against the one-shot profile.

use perplexed_core::stepping::{Progress, Stepping};
use perplexed_core::table::cells::{Kind, Table, TableBuilder, Values, MISSING_CODE};
use perplexed_core::table::csv::parse;
use perplexed_core::table::profile::{
    category_counts, histogram, histogram_bins, pearson, profile, profile_column, quantile_sorted, Profiler, Summary,
};

fn table(text: &str) -> Table {
    Table::from_raw(parse(text).unwrap())
}

fn column_text(name: &str, cells: &[&str]) -> String {
    let mut s = format!("{name}\n");
    for c in cells {
        s.push_str(c);
        s.push('\n');
    }
    s
}

#[test]
fn numbers_and_missing_markers() {
    let t = table(&column_text("x", &["1", "NA", "-2.5", "?", "1e3", " null ", "+4", "N/A", "nan", "\"\"", ".5"]));
    let col = t.column(0).unwrap();
    assert_eq!(col.kind(), Kind::Numeric);
    let v = col.numbers().unwrap();
    assert_eq!(v.len(), 11);
    let present: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
    assert_eq!(present, [1.0, -2.5, 1000.0, 4.0, 0.5]);
    let p = profile_column(&t, 0).unwrap();
    assert_eq!((p.count, p.missing, p.distinct), (5, 6, 5));
}

/// One value that is not a number (a decimal comma) makes the whole column categorical — not an
/// error, and nothing lost: the value is a category the profile shows. Set to numeric, that cell
/// becomes missing and is counted as unparsed.
#[test]
fn a_bad_number_makes_the_column_categorical_until_set_numeric() {
    let mut t = table("x;y\n1.5;a\n2.25;b\n1,5;c\n3;d\nNA;e\n");
    assert_eq!(t.column(0).unwrap().kind(), Kind::Categorical);
    let (codes, categories) = t.column(0).unwrap().categories().unwrap();
    assert_eq!(categories, ["1.5", "2.25", "1,5", "3"]);
    assert_eq!(codes, [0, 1, 2, 3, MISSING_CODE]);

    t.set_kind(0, Kind::Numeric).unwrap();
    let col = t.column(0).unwrap();
    assert_eq!((col.kind(), col.inferred_kind()), (Kind::Numeric, Kind::Categorical));
    let v = col.numbers().unwrap();
    assert_eq!((v[0], v[1], v[3]), (1.5, 2.25, 3.0));
    assert!(v[2].is_nan() && v[4].is_nan());
    assert_eq!(col.unparsed(), 1, "1,5 was not a number; NA was simply missing");
    let p = profile_column(&t, 0).unwrap();
    assert_eq!((p.count, p.missing), (3, 2));

    // Back to the inferred kind: the column as read, nothing lost.
    t.set_kind(0, Kind::Categorical).unwrap();
    assert_eq!(t.column(0).unwrap().categories().unwrap().1, ["1.5", "2.25", "1,5", "3"]);
    assert_eq!(t.column(0).unwrap().unparsed(), 0);
    assert!(t.set_kind(2, Kind::Numeric).is_err(), "no column 2");
}

#[test]
fn few_whole_numbers_are_categorical_and_numbers_can_become_categories() {
    // 0/1/2 in 10 cells: whole, 3 distinct ≤ 10, 10 ≥ 2·3 → categorical (a class code).
    let mut t = table(&column_text("code", &["0", "1", "2", "1", "0", "2", "2", "1", "0", "1"]));
    assert_eq!(t.column(0).unwrap().kind(), Kind::Categorical);
    assert_eq!(t.column(0).unwrap().categories().unwrap().1, ["0", "1", "2"]);
    t.set_kind(0, Kind::Numeric).unwrap();
    assert_eq!(t.column(0).unwrap().numbers().unwrap(), [0.0, 1.0, 2.0, 1.0, 0.0, 2.0, 2.0, 1.0, 0.0, 1.0]);

    // The same three values in 5 cells: 5 < 2·3 → numeric (a tiny table of whole measurements).
    assert_eq!(table(&column_text("m", &["0", "1", "2", "1", "0"])).column(0).unwrap().kind(), Kind::Numeric);
    // 11 distinct whole numbers → numeric.
    let many: Vec<String> = (0..44).map(|i| (i % 11).to_string()).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(table(&column_text("m", &many)).column(0).unwrap().kind(), Kind::Numeric);

    // Numeric → categorical names each value by its shortest exact decimal.
    let mut t = table(&column_text("x", &["5.10", "1e3", "NA", "5.1", "0.25"]));
    assert_eq!(t.column(0).unwrap().kind(), Kind::Numeric);
    t.set_kind(0, Kind::Categorical).unwrap();
    let (codes, categories) = t.column(0).unwrap().categories().unwrap();
    assert_eq!(categories, ["5.1", "1000", "0.25"]);
    assert_eq!(codes, [0, 1, MISSING_CODE, 0, 2]);
    assert_eq!(t.column(0).unwrap().values().text(1), Some("1000".to_string()));
    assert_eq!(t.column(0).unwrap().values().text(2), None);
}

#[test]
fn a_column_with_no_value_is_numeric_and_all_nan() {
    let t = table("a,b\nNA,1\n,2\n?,3\n");
    assert_eq!(t.column(0).unwrap().kind(), Kind::Numeric);
    let p = profile_column(&t, 0).unwrap();
    assert_eq!((p.count, p.missing, p.distinct), (0, 3, 0));
    let Summary::Numeric(s) = p.summary else { panic!("numeric") };
    assert!(s.mean.is_nan() && s.std.is_nan() && s.min.is_nan() && s.median.is_nan());
    assert!(s.histogram.counts.is_empty() && s.histogram.edges.is_empty());
}

#[test]
fn mean_std_and_quartiles_by_hand() {
    // 1, 2, 4, 7: mean 14/4 = 3.5; squared deviations 6.25 + 2.25 + 0.25 + 12.25 = 21; s = √(21/3) = √7.
    // Quartiles (NumPy linear, h = (n − 1)p = 3p):
    //   q1: h = 0.75 → 1 + 0.75·(2 − 1) = 1.75;  median: h = 1.5 → 2 + 0.5·(4 − 2) = 3;
    //   q3: h = 2.25 → 4 + 0.25·(7 − 4) = 4.75 — numpy.percentile([1, 2, 4, 7], [25, 50, 75]).
    let t = table(&column_text("x", &["4", "NA", "1", "7.0", "2"]));
    let p = profile_column(&t, 0).unwrap();
    let Summary::Numeric(s) = p.summary else { panic!("numeric") };
    assert_eq!((s.mean, s.std), (3.5, 7f64.sqrt()));
    assert_eq!((s.min, s.q1, s.median, s.q3, s.max), (1.0, 1.75, 3.0, 4.75, 7.0));

    // More cases of the rule on sorted values.
    let v = [10.0, 20.0, 30.0];
    assert_eq!(quantile_sorted(&v, 0.0), 10.0);
    assert_eq!(quantile_sorted(&v, 1.0), 30.0);
    assert_eq!(quantile_sorted(&v, 0.25), 15.0, "h = 0.5");
    assert_eq!(quantile_sorted(&v, 0.9), 28.0, "h = 1.8 → 20 + 0.8·10 (from the upper end: 30 − 0.2·10)");
    assert_eq!(quantile_sorted(&[5.0], 0.3), 5.0);
    // From the nearer end, as NumPy does: h = 0.75 between 0.1 and 1.3 is 1.3 − 1.2·0.25 = 1.0,
    // where 0.1 + 1.2·0.75 rounds to 0.9999999999999999; the median of 0.1 and 0.8 is 0.45, not
    // 0.45000000000000007 (numpy.quantile gives 1.0 and 0.45).
    assert_eq!(quantile_sorted(&[0.1, 1.3], 0.75), 1.0);
    assert_eq!(quantile_sorted(&[0.1, 0.8], 0.5), 0.45);
    assert!(quantile_sorted(&[], 0.5).is_nan());
    assert!(quantile_sorted(&v, 1.5).is_nan());

    // A constant column: std exactly 0 (Σx/n would miss 0.1 by an ulp), one bin.
    let t = table(&column_text("c", &["0.1", "0.1", "0.1"]));
    let Summary::Numeric(s) = profile_column(&t, 0).unwrap().summary else { panic!("numeric") };
    assert_eq!((s.mean, s.std), (0.1, 0.0));
    assert_eq!((s.histogram.edges.as_slice(), s.histogram.counts.as_slice()), (&[0.1, 0.1][..], &[3][..]));
}

#[test]
fn histogram_bins_and_counts_by_hand() {
    // 0…9: q1 = 2.25, q3 = 6.75, IQR 4.5; FD width 2·4.5·10^(−1/3) = 4.18; 9 / 4.18 = 2.2 → 3 bins,
    // clamped up to 5. Edges 0, 1.8, 3.6, 5.4, 7.2, 9: two values in each bin, 9 in the closed last.
    let v: Vec<f64> = (0..10).map(f64::from).collect();
    assert_eq!(histogram_bins(&v), 5);
    let h = histogram(&v, 5);
    assert_eq!(h.counts, [2, 2, 2, 2, 2]);
    assert_eq!((h.edges[0], h.edges[5], h.edges.len()), (0.0, 9.0, 6));

    // 0…999 and three outliers at 3000 (n = 1003): q1 = 250.5 (h = 250.5), q3 = 751.5, IQR 501;
    // width = 1002 · 1003^(−1/3) = 1002 / 10.00999 = 100.10; 3000 / 100.10 = 29.97 → 30 bins.
    let mut v: Vec<f64> = (0..1000).map(f64::from).collect();
    v.extend([3000.0; 3]);
    assert_eq!(histogram_bins(&v), 30);
    let h = histogram(&v, 30);
    // Bins of width 100: [0, 100) … [900, 1000) hold 100 each, then empty up to the last, [2900, 3000].
    assert_eq!(&h.counts[..10], &[100; 10]);
    assert_eq!(&h.counts[10..29], &[0; 19]);
    assert_eq!(h.counts[29], 3);

    // IQR 0 → Sturges: 900 zeros and 100 ones: q1 = q3 = 0; ⌈log₂ 1000⌉ + 1 = 10 + 1 = 11 bins.
    let mut v = vec![0.0; 900];
    v.extend([1.0; 100]);
    assert_eq!(histogram_bins(&v), 11);
    let h = histogram(&v, 11);
    assert_eq!((h.counts[0], h.counts[10], h.counts.iter().sum::<usize>()), (900, 100, 1000));
    // Far-out values: FD asks for thousands of bins, clamped to 40.
    let mut v: Vec<f64> = (0..100).map(f64::from).collect();
    v.push(1e9);
    assert_eq!(histogram_bins(&v), 40);
    assert_eq!(histogram_bins(&[2.0, 2.0]), 1);
    assert_eq!(histogram_bins(&[]), 0);
}

#[test]
fn categories_most_frequent_first_ties_by_first_appearance() {
    let t = table(&column_text("c", &["b", "a", "b", "c", "a", "d", "NA", " c ", "a"]));
    let p = profile_column(&t, 0).unwrap();
    assert_eq!((p.count, p.missing, p.distinct), (8, 1, 4));
    // a: 3; b: 2 and c: 2 (" c " is trimmed), b first; d: 1. Codes: b 0, a 1, c 2, d 3.
    assert_eq!(p.summary, Summary::Categorical(vec![(1, 3), (0, 2), (2, 2), (3, 1)]));
    assert_eq!(category_counts(&[2, 2, 0, 1, 1], 3), [(1, 2), (2, 2), (0, 1)]);
    assert_eq!(category_counts(&[], 2), Vec::<(u32, usize)>::new());
}

#[test]
fn pearson_by_hand_and_where_it_is_undefined() {
    // x = 1, 2, 3; y = 2, 4, 7: x̄ = 2, ȳ = 13/3; dx = −1, 0, 1; dy = −7/3, −1/3, 8/3;
    // Σdxdy = 7/3 + 8/3 = 5; Σdx² = 2; Σdy² = (49 + 1 + 64)/9 = 114/9; r = 5 / √(2 · 114/9) = 0.99339.
    let (r, n) = pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 7.0]);
    assert!((r - 5.0 / (2.0 * 114.0 / 9.0f64).sqrt()).abs() < 1e-14, "{r}");
    assert_eq!(n, 3);
    // Pairwise complete: the NaN rows of either side are skipped.
    let (r2, n2) = pearson(&[1.0, f64::NAN, 2.0, 3.0, 9.0], &[2.0, 5.0, 4.0, 7.0, f64::NAN]);
    assert_eq!((r2.to_bits(), n2), (r.to_bits(), 3));
    assert!(pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0]).0.is_nan(), "constant x");
    assert!(pearson(&[1.0], &[2.0]).0.is_nan(), "one row");
    // dx = ∓½, dy = ±1: r = −1 / (√½ · √2), −1 up to the rounding of the two roots.
    assert!((pearson(&[1.0, 2.0], &[5.0, 3.0]).0 + 1.0).abs() < 1e-15);
}

/// corr.csv (pairwise complete, with a constant column) against NumPy's corrcoef, from
/// fixtures/table/reference.json.
#[test]
fn the_correlation_matrix_matches_numpy() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/table");
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/reference.json")).unwrap()).unwrap();
    let t = table(&std::fs::read_to_string(format!("{dir}/corr.csv")).unwrap());
    let p = profile(&t);
    let names: Vec<&str> = p.correlation.columns.iter().map(|&c| t.column(c).unwrap().name()).collect();
    let want = &reference["corr_fixture"];
    let want_names: Vec<&str> = want["columns"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(names, want_names);
    assert_eq!(names, ["height", "weight", "constant", "shoe"], "`note` is categorical");
    for (i, row) in want["r"].as_array().unwrap().iter().enumerate() {
        for (j, w) in row.as_array().unwrap().iter().enumerate() {
            let got = p.correlation.get(i, j).unwrap();
            match w.as_f64() {
                None => assert!(got.is_nan(), "({i}, {j}): {got}"),
                Some(w) => assert!((got - w).abs() < 1e-12, "({i}, {j}): {got} vs NumPy {w}"),
            }
        }
    }
    // height has one missing cell, weight one, shoe one, in different rows: 12 − 2 rows in common.
    assert_eq!(p.correlation.rows_used[1], 10);
    assert_eq!(p.correlation.rows_used[0], 11, "height with itself: its 11 values");
}

#[test]
fn the_profiler_in_steps_gives_the_one_shot_profile() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/table");
    let raw = parse(&std::fs::read_to_string(format!("{dir}/corr.csv")).unwrap()).unwrap();
    let mut builder = TableBuilder::new(raw);
    assert_eq!(builder.progress(), Progress { done: 0, total: Some(5) });
    builder.step();
    assert_eq!(builder.progress().done, 1);
    let t = builder.finish();
    let one_shot = profile(&t);

    let mut profiler = Profiler::new(t.clone());
    // 5 columns, then 4·5/2 = 10 pairs of the 4 numeric columns (diagonal included).
    assert_eq!(profiler.progress(), Progress { done: 0, total: Some(15) });
    let mut steps = 0;
    while !profiler.done() {
        profiler.step();
        steps += 1;
        if steps == 5 {
            assert_eq!(profiler.columns_done().len(), 5);
        }
    }
    assert_eq!(steps, 15);
    profiler.step();
    assert_eq!(profiler.progress(), Progress { done: 15, total: Some(15) }, "a step once done does nothing");
    let (back, stepped) = profiler.finish();
    // The table comes back as it went in (NaN ≠ NaN, so compare it as text).
    let text = |t: &Table| -> Vec<Option<String>> {
        t.columns().iter().flat_map(|c| (0..t.n_rows()).map(|r| c.values().text(r))).collect()
    };
    assert_eq!(text(&back), text(&t));
    // NaN ≠ NaN: compare the matrix bit for bit, the rest as values.
    assert_eq!(stepped.columns, one_shot.columns);
    assert_eq!(stepped.correlation.columns, one_shot.correlation.columns);
    assert_eq!(stepped.correlation.rows_used, one_shot.correlation.rows_used);
    let bits = |r: &[f64]| r.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&stepped.correlation.r), bits(&one_shot.correlation.r));
    assert!(matches!(t.column(4).unwrap().values(), Values::Categorical { .. }));
}
