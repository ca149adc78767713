//! Preparation fitted on the training rows only: the rule itself (test rows changed beyond
//! recognition leave every fitted statistic bit-identical; the leaky fit does not), imputation,
//! standardisation and one-hot encoding by hand, dropped rows with their reasons, and refusals.

use perplexed_core::data::dataset::Problem;
use perplexed_core::data::split::Split;
use perplexed_core::rng::Rng;
use perplexed_core::table::cells::{Kind, Table};
use perplexed_core::table::csv::parse;
use perplexed_core::table::prepare::{
    DropReason, FittedFeature, MissingRule, PrepError, PrepSpec, Preparation, MAX_CATEGORIES,
};

fn table(text: &str) -> Table {
    Table::from_raw(parse(text).unwrap())
}

/// Ten rows; the training rows are 1–5, the others are validation/test rows.
///
/// ```text
/// row  height colour size label
///  0   100.5  green  NA   yes    test: a colour never seen in training
///  1   1      red    10   yes    train
///  2   2      blue   20   no     train
///  3   4      red    NA   no     train
///  4   NA     red    30   yes    train
///  5   7      blue   40   no     train
///  6   5.5    red    50   yes    test
///  7   3      purple 60   maybe  test: a class never seen in training
///  8   2.5    blue   70   NA     test: no target
///  9   0.5    (none) 80   no     test: colour missing
/// ```
const SMALL: &str = "height,colour,size,label\n100.5,green,NA,yes\n1,red,10,yes\n2,blue,20,no\n4,red,NA,no\nNA,red,30,yes\n\
                     7,blue,40,no\n5.5,red,50,yes\n3,purple,60,maybe\n2.5,blue,70,NA\n0.5,,80,no\n";
const TRAIN: [usize; 5] = [1, 2, 3, 4, 5];
const OTHERS: [usize; 5] = [0, 6, 7, 8, 9];

fn spec(missing: MissingRule) -> PrepSpec {
    PrepSpec { target: 3, features: vec![0, 1, 2], missing, standardise: true }
}

fn numeric(f: &FittedFeature) -> (f64, f64, f64) {
    match f {
        FittedFeature::Numeric { fill, mean, std, .. } => (*fill, *mean, *std),
        FittedFeature::OneHot { .. } => panic!("numeric expected"),
    }
}

#[test]
fn mean_imputation_standardisation_and_one_hot_by_hand() {
    let t = table(SMALL);
    assert_eq!(t.column(2).unwrap().kind(), Kind::Numeric, "8 whole values in 9 cells: 9 < 2·8, numeric");
    let prep = Preparation::fit(&t, &spec(MissingRule::Mean), &TRAIN).unwrap();
    assert_eq!(prep.problem(), Problem::Classification);
    assert_eq!(prep.classes(), ["yes", "no"], "first appearance in the training rows");
    assert_eq!(prep.feature_names(), ["height", "colour=red", "colour=blue", "size"]);
    assert_eq!(prep.rows_fitted(), 5);
    assert!(!prep.is_leaky());

    // height in training: 1, 2, 4, NA, 7. Fill = mean of the present (1 + 2 + 4 + 7)/4 = 3.5.
    // Filled: 1, 2, 4, 3.5, 7: μ = 17.5/5 = 3.5; Σ(x − μ)² = 6.25 + 2.25 + 0.25 + 0 + 12.25 = 21;
    // σ = √(21/5) = √4.2 (population).
    let (fill, mean, std) = numeric(&prep.features()[0]);
    assert_eq!((fill, mean, std), (3.5, 3.5, 4.2f64.sqrt()));
    // size: 10, 20, NA, 30, 40. Fill 25; filled 10, 20, 25, 30, 40: μ = 25, Σ = 225 + 25 + 0 + 25 + 225 = 500, σ = √100 = 10.
    assert_eq!(numeric(&prep.features()[2]), (25.0, 25.0, 10.0));
    // colour: red, blue, red, red, blue → [red, blue], red the most frequent (3).
    assert_eq!(
        prep.features()[1],
        FittedFeature::OneHot { column: 1, fill: Some("red".into()), categories: vec!["red".into(), "blue".into()] }
    );

    let out = prep.transform(&t, &OTHERS).unwrap();
    assert_eq!(out.n_features, 4);
    assert_eq!(out.rows, [0, 6, 9]);
    assert_eq!(out.dropped, [(7, DropReason::UnseenClass), (8, DropReason::MissingTarget)]);
    let s = 4.2f64.sqrt();
    #[rustfmt::skip]
    let want = [
        // row 0: (100.5 − 3.5)/σ; green never seen → 0, 0; size missing → 25 → 0.
        ((100.5 - 3.5) / s) as f32, 0.0, 0.0, 0.0,
        // row 6: (5.5 − 3.5)/σ; red; (50 − 25)/10 = 2.5.
        ((5.5 - 3.5) / s) as f32, 1.0, 0.0, 2.5,
        // row 9: (0.5 − 3.5)/σ; colour missing → red; (80 − 25)/10 = 5.5.
        ((0.5 - 3.5) / s) as f32, 1.0, 0.0, 5.5,
    ];
    assert_eq!(out.x, want);
    assert_eq!(out.y, [0.0, 0.0, 1.0], "yes, yes, no");

    // The training rows themselves: standardised values average 0.
    let train = prep.transform(&t, &TRAIN).unwrap();
    let height: f32 = (0..5).map(|r| train.x[r * 4]).sum();
    assert!(height.abs() < 1e-6, "{height}");
    assert_eq!(train.x[3 * 4], 0.0, "row 4's missing height is the mean, 0 once standardised");
}

#[test]
fn median_and_most_frequent_by_hand() {
    let t = table(SMALL);
    // Median of 1, 2, 4, 7: h = 1.5 → 2 + 0.5·(4 − 2) = 3. Filled 1, 2, 4, 3, 7: μ = 17/5 = 3.4.
    let prep = Preparation::fit(&t, &spec(MissingRule::Median), &TRAIN).unwrap();
    let (fill, mean, std) = numeric(&prep.features()[0]);
    assert_eq!(fill, 3.0);
    assert!((mean - 3.4).abs() < 1e-15);
    // Σ(x − 3.4)² = 5.76 + 1.96 + 0.36 + 0.16 + 12.96 = 21.2; σ = √(21.2/5) = √4.24.
    assert!((std - 4.24f64.sqrt()).abs() < 1e-14, "{std}");
    assert_eq!(numeric(&prep.features()[2]).0, 25.0, "median of 10, 20, 30, 40: h = 1.5 → 25");
    // Most frequent of 1, 2, 4, 7: all once, the first (1) wins.
    let prep = Preparation::fit(&t, &spec(MissingRule::MostFrequent), &TRAIN).unwrap();
    assert_eq!(numeric(&prep.features()[0]).0, 1.0);
    // Categorical features take the most frequent category whatever the rule.
    let FittedFeature::OneHot { fill, .. } = &prep.features()[1] else { panic!() };
    assert_eq!(fill.as_deref(), Some("red"));
}

#[test]
fn dropping_rows_fits_on_complete_rows_and_says_which_were_dropped() {
    let t = table(SMALL);
    let prep = Preparation::fit(&t, &spec(MissingRule::DropRows), &TRAIN).unwrap();
    // Rows 3 (size) and 4 (height) are incomplete: fitted on 1, 2, 5.
    assert_eq!(prep.rows_fitted(), 3);
    // height 1, 2, 7: μ = 10/3; size 10, 20, 40: μ = 70/3.
    let (fill, mean, _) = numeric(&prep.features()[0]);
    assert!(fill.is_nan());
    assert_eq!(mean, 10.0 / 3.0);
    assert_eq!(numeric(&prep.features()[2]).1, 70.0 / 3.0);
    let FittedFeature::OneHot { fill, .. } = &prep.features()[1] else { panic!() };
    assert_eq!(fill, &None);
    let out = prep.transform(&t, &OTHERS).unwrap();
    assert_eq!(out.rows, [6]);
    assert_eq!(
        out.dropped,
        [
            (0, DropReason::MissingFeature { column: 2 }),
            (7, DropReason::UnseenClass),
            (8, DropReason::MissingTarget),
            (9, DropReason::MissingFeature { column: 1 }),
        ]
    );
    assert_eq!(out.x.len(), 4, "a dropped row leaves nothing behind in x");
}

#[test]
fn a_numeric_target_is_regression_in_its_own_units() {
    let t = table(SMALL);
    let spec = PrepSpec { target: 2, features: vec![0, 1], missing: MissingRule::Mean, standardise: false };
    let prep = Preparation::fit(&t, &spec, &TRAIN).unwrap();
    assert_eq!(prep.problem(), Problem::Regression);
    assert!(prep.classes().is_empty());
    // Rows 1, 2, 4, 5 have a size; without standardisation μ = 0, σ = 1; fill = (1 + 2 + 7)/3.
    assert_eq!(prep.rows_fitted(), 4);
    assert_eq!(numeric(&prep.features()[0]), (10.0 / 3.0, 0.0, 1.0));
    let out = prep.transform(&t, &[6, 0, 9]).unwrap();
    assert_eq!(out.y, [50.0, 80.0]);
    assert_eq!(out.dropped, [(0, DropReason::MissingTarget)]);
    assert_eq!(out.x, [5.5, 1.0, 0.0, 0.5, 1.0, 0.0]);
}

#[test]
fn refusals_are_values() {
    let t = table(SMALL);
    let fit = |spec: PrepSpec, rows: &[usize]| Preparation::fit(&t, &spec, rows).unwrap_err();
    let base = spec(MissingRule::Mean);
    assert_eq!(fit(PrepSpec { target: 9, ..base.clone() }, &TRAIN), PrepError::NoSuchColumn { column: 9, n_columns: 4 });
    assert_eq!(fit(PrepSpec { features: vec![], ..base.clone() }, &TRAIN), PrepError::NoFeatures);
    assert_eq!(fit(PrepSpec { features: vec![0, 3], ..base.clone() }, &TRAIN), PrepError::TargetAsFeature { column: 3 });
    assert_eq!(fit(PrepSpec { features: vec![0, 1, 0], ..base.clone() }, &TRAIN), PrepError::RepeatedFeature { column: 0 });
    assert_eq!(fit(base.clone(), &[]), PrepError::NoTrainingRows);
    assert_eq!(fit(base.clone(), &[1, 10]), PrepError::NoSuchRow { row: 10, n_rows: 10 });
    assert_eq!(fit(base.clone(), &[8]), PrepError::NoCompleteRows, "row 8 has no target");
    assert_eq!(fit(base.clone(), &[1, 4]), PrepError::OneClass { column: 3 }, "yes and yes");
    assert_eq!(fit(base.clone(), &[0, 3]), PrepError::NoValues { column: 2 }, "size is missing in rows 0 and 3");
    assert_eq!(fit(PrepSpec { missing: MissingRule::DropRows, ..base.clone() }, &[3, 4]), PrepError::NoCompleteRows);

    // A kind changed after fitting.
    let prep = Preparation::fit(&t, &base, &TRAIN).unwrap();
    let mut changed = t.clone();
    changed.set_kind(0, Kind::Categorical).unwrap();
    assert_eq!(prep.transform(&changed, &[1]), Err(PrepError::KindChanged { column: 0 }));
    assert_eq!(prep.transform(&t, &[10]), Err(PrepError::NoSuchRow { row: 10, n_rows: 10 }));

    // An identifier-like column: one category per row.
    let mut text = String::from("id,y\n");
    for i in 0..=MAX_CATEGORIES {
        text.push_str(&format!("id{i},{}\n", ["a", "b"][i % 2]));
    }
    let t = table(&text);
    let rows: Vec<usize> = (0..t.n_rows()).collect();
    assert_eq!(
        Preparation::fit(&t, &PrepSpec::new(1, vec![0]), &rows),
        Err(PrepError::TooManyCategories { column: 0, found: 51, limit: 50 })
    );
}

/// A seeded table of 200 rows: two numeric features (one with gaps), a colour, a class.
fn generated(rng_seed: u64) -> (Vec<[String; 4]>, Split) {
    let mut rng = Rng::new(rng_seed);
    let colours = ["red", "green", "blue", "grey"];
    let rows: Vec<[String; 4]> = (0..200)
        .map(|i| {
            let a = rng.normal() * 2.0 + 5.0;
            let b = if i % 9 == 4 { "NA".to_string() } else { format!("{:.3}", rng.uniform(-1.0, 1.0)) };
            let colour = colours[rng.below(4)].to_string();
            let class = if a + rng.normal() > 5.0 { "high" } else { "low" };
            [format!("{a:.4}"), b, colour, class.to_string()]
        })
        .collect();
    let keys: Vec<f32> = (0..200).map(|_| rng.next_f32()).collect();
    (rows, Split::new(&keys, 60, 20).unwrap())
}

fn to_csv(rows: &[[String; 4]]) -> String {
    let mut s = String::from("a,b,colour,class\n");
    for r in rows {
        s.push_str(&r.join(","));
        s.push('\n');
    }
    s
}

/// Every fitted number as its bits, every fitted name as itself.
fn fingerprint(p: &Preparation) -> Vec<String> {
    let mut out: Vec<String> = p.classes().to_vec();
    out.extend(p.feature_names().iter().cloned());
    for f in p.features() {
        match f {
            FittedFeature::Numeric { column, fill, mean, std } => {
                out.push(format!("{column} {:x} {:x} {:x}", fill.to_bits(), mean.to_bits(), std.to_bits()));
            }
            FittedFeature::OneHot { column, fill, categories } => out.push(format!("{column} {fill:?} {categories:?}")),
        }
    }
    out
}

/// The rule the lab teaches: what is learned must not depend on the validation and test rows.
/// Change those rows beyond recognition — numbers scaled by 1000 and shifted, colours never seen,
/// gaps, classes swapped — and the fitted statistics stay bit-identical for every missing-value
/// rule; the leaky fit moves (so this test can fail).
#[test]
fn changing_only_the_test_rows_changes_nothing_that_was_fitted() {
    let (rows, split) = generated(21);
    assert_eq!(split.counts(), (120, 40, 40));
    let mut changed = rows.clone();
    for &r in split.val.iter().chain(&split.test) {
        let row = &mut changed[r];
        let a: f64 = row[0].parse().unwrap();
        row[0] = format!("{:.4}", a * 1000.0 + 12345.5);
        row[1] = if r % 2 == 0 { "?".into() } else { "-999.5".into() };
        row[2] = format!("ultraviolet{}", r % 3);
        row[3] = if row[3] == "high" { "low".into() } else { "high".into() };
    }
    let (original, altered) = (table(&to_csv(&rows)), table(&to_csv(&changed)));
    // The dictionaries differ (new colours, first appearances moved): matching is by name.
    assert_ne!(
        original.column(2).unwrap().categories().unwrap().1,
        altered.column(2).unwrap().categories().unwrap().1
    );
    for missing in MissingRule::ALL {
        for standardise in [true, false] {
            let spec = PrepSpec { target: 3, features: vec![0, 1, 2], missing, standardise };
            let honest = Preparation::fit(&original, &spec, &split.train).unwrap();
            let again = Preparation::fit(&altered, &spec, &split.train).unwrap();
            assert_eq!(fingerprint(&honest), fingerprint(&again), "{missing:?}, standardise {standardise}");
            // And so the training rows' matrices are bit-identical too.
            let (x1, x2) = (honest.transform(&original, &split.train).unwrap(), again.transform(&altered, &split.train).unwrap());
            let bits = |x: &[f32]| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&x1.x), bits(&x2.x));
            assert_eq!(x1.y, x2.y);

            let leaky = Preparation::fit_on_all_rows_leaky(&original, &spec).unwrap();
            let leaky_again = Preparation::fit_on_all_rows_leaky(&altered, &spec).unwrap();
            assert!(leaky.is_leaky());
            assert_ne!(fingerprint(&leaky), fingerprint(&leaky_again), "the leaky fit sees the test rows");
        }
    }
    // The test rows' unseen colours are encoded as all zeros.
    let prep = Preparation::fit(&altered, &PrepSpec::new(3, vec![2]), &split.train).unwrap();
    assert_eq!(prep.n_features(), 4);
    let out = prep.transform(&altered, &split.test).unwrap();
    assert!(out.x.iter().all(|&v| v == 0.0));
    assert_eq!(out.rows.len(), 40);
}
