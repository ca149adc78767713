//! The two ways a validation score lies, on real tables. **Leakage**: breast cancer with the
//! `leak` column — validation accuracy ≥ 0.99, and the test accuracy clearly below the honest
//! model's (a margin of 0.15). **Shift**: a tree predicting breast-cancer `mean_area` with the
//! largest `mean_radius` rows as the test set cannot predict beyond the areas it saw, so its test
//! R² falls below its validation R². Figures printed with `--nocapture`.

use perplexed_core::data::dataset::Problem;
use perplexed_core::data::split::Role;
use perplexed_core::table::cells::Values;
use perplexed_core::workflow::{evaluate, shifted_split, split_rows, with_leak_column, ModelFit, ModelKind, SplitSpec, LEAK_COLUMN};

use super::data::{prepare, spec, table, BREAST_CANCER};

fn accuracy(kind: ModelKind, p: &super::data::Parts, x: &[f32], y: &[f32]) -> f64 {
    let f = ModelFit::new(kind, Problem::Classification, p.n_classes(), &p.train.x, p.train.n_features, &p.train.y, 0)
        .unwrap()
        .finish()
        .unwrap();
    evaluate(&f, x, y, p.n_classes()).unwrap().classification.unwrap().accuracy
}

#[test]
fn a_leaked_column_makes_validation_perfect_and_the_test_worse() {
    let t = table(BREAST_CANCER);
    let target = t.find("class").unwrap();
    let split = split_rows(&t, target, &SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed: 3 }).unwrap();
    let leaky = with_leak_column(&t, target, &split, 5).unwrap();
    assert_eq!(leaky.n_columns(), t.n_columns() + 1);
    assert_eq!(leaky.find(LEAK_COLUMN), Some(t.n_columns()));
    // The column is the class code plus a little noise outside the test rows.
    let leak = leaky.column(t.n_columns()).unwrap().numbers().unwrap();
    let Values::Categorical { codes, .. } = t.column(target).unwrap().values() else { panic!("categorical target") };
    for r in split.train.iter().chain(&split.val) {
        assert!((leak[*r] - f64::from(codes[*r])).abs() < 0.3);
    }
    let far_on_test = split.test.iter().filter(|&&r| (leak[r] - f64::from(codes[r])).abs() > 0.5).count();
    assert!(far_on_test > split.test.len() / 5, "{far_on_test} of {} test rows lost their link", split.test.len());
    assert_eq!(split.roles.iter().filter(|&&r| r == Role::Test).count(), split.test.len());

    let honest = prepare(&t, &spec(&t, "class"), &split);
    let leaked = prepare(&leaky, &spec(&leaky, "class"), &split);
    for kind in [ModelKind::Tree, ModelKind::Linear, ModelKind::Boosting] {
        let (hv, ht) = (accuracy(kind, &honest, &honest.val.x, &honest.val.y), accuracy(kind, &honest, &honest.test.x, &honest.test.y));
        let (lv, lt) = (accuracy(kind, &leaked, &leaked.val.x, &leaked.val.y), accuracy(kind, &leaked, &leaked.test.x, &leaked.test.y));
        println!("{:>8}: honest validation {hv:.3} test {ht:.3}; with the leak validation {lv:.3} test {lt:.3}", kind.slug());
        if kind == ModelKind::Tree {
            assert!(lv >= 0.99, "validation with the leak: {lv}");
            assert!(lt < ht - 0.15, "test with the leak {lt} vs honest {ht}");
        }
    }
}

#[test]
fn a_shifted_test_set_scores_below_validation() {
    let t = table(BREAST_CANCER);
    let by = t.find("mean_radius").unwrap();
    let split = shifted_split(&t, by, 20, 20, 1).unwrap();
    let target = "mean_area";
    let mut s = spec(&t, target);
    // Predict the area from the texture and smoothness columns, not from the radius itself.
    s.features.retain(|&c| !t.column(c).unwrap().name().contains("radius") && !t.column(c).unwrap().name().contains("perimeter") && !t.column(c).unwrap().name().contains("area"));
    let p = prepare(&t, &s, &split);
    for kind in ModelKind::ALL {
        let f = ModelFit::new(kind, Problem::Regression, 0, &p.train.x, p.train.n_features, &p.train.y, 0).unwrap().finish().unwrap();
        let val = evaluate(&f, &p.val.x, &p.val.y, 0).unwrap().regression.unwrap();
        let test = evaluate(&f, &p.test.x, &p.test.y, 0).unwrap().regression.unwrap();
        println!("{:>8}: validation R² {:.3} RMSE {:.1}; shifted test R² {:.3} RMSE {:.1}", kind.slug(), val.r2, val.rmse, test.r2, test.rmse);
        if kind == ModelKind::Tree {
            assert!(test.r2 < val.r2, "tree: test {} vs validation {}", test.r2, val.r2);
            assert!(test.rmse > val.rmse, "tree: the errors grow on the shifted rows");
        }
    }
}
