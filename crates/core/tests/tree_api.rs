//! DecisionTree's contract: invalid settings and data are an `Err` naming the field (never a
//! panic), degenerate data gives a sane tree, the limits hold, and feature draws are seeded.

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::ParamError;
use perplexed_core::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams, MAX_CLASSES};
use perplexed_core::tree::grower::TreeGrower;

fn field(r: Result<DecisionTree, ParamError>) -> &'static str {
    r.unwrap_err().field
}

fn moons(n: usize) -> (Vec<f32>, Vec<f32>) {
    let d = generate(&DataParams { kind: DatasetKind::Moons, points: n, noise: 0.3, seed: 4 }).unwrap();
    (d.points, d.targets)
}

#[test]
fn tree_rejects_invalid_settings_and_data_with_the_field_name() {
    let (x, y) = (vec![0.0f32, 1.0, 2.0, 3.0], vec![0.0f32, 1.0]);
    let p = TreeParams::default();
    let fit = |x: &[f32], d: usize, y: &[f32], p: TreeParams| DecisionTree::fit(x, d, y, &p);
    assert_eq!(field(fit(&x, 2, &y, TreeParams { max_depth: Some(0), ..p })), "max_depth");
    assert_eq!(field(fit(&x, 2, &y, TreeParams { min_samples_split: 1, ..p })), "min_samples_split");
    assert_eq!(field(fit(&x, 2, &y, TreeParams { min_samples_leaf: 0, ..p })), "min_samples_leaf");
    assert_eq!(field(fit(&x, 2, &y, TreeParams { max_features: MaxFeatures::Count(0), ..p })), "max_features");
    assert_eq!(field(fit(&x, 2, &y, TreeParams { max_features: MaxFeatures::Count(3), ..p })), "max_features");
    assert_eq!(field(fit(&x, 0, &y, p)), "n_features");
    assert_eq!(field(fit(&x[..3], 2, &y, p)), "x");
    assert_eq!(field(fit(&[], 2, &[], p)), "x");
    assert_eq!(field(fit(&[0.0, f32::NAN, 2.0, 3.0], 2, &y, p)), "x");
    assert_eq!(field(fit(&[0.0, f32::INFINITY, 2.0, 3.0], 2, &y, p)), "x");
    assert_eq!(field(fit(&x, 2, &[0.0], p)), "y");
    for bad in [0.5, -1.0, f32::NAN, MAX_CLASSES as f32] {
        let e = fit(&x, 2, &[0.0, bad], p).unwrap_err();
        assert_eq!(e.field, "y");
        assert!(e.to_string().contains("whole number"), "{e}");
    }
    let reg = TreeParams { criterion: Criterion::SquaredError, ..p };
    assert_eq!(field(fit(&x, 2, &[0.0, f32::NAN], reg)), "y");
    assert!(fit(&x, 2, &[0.5, -7.25], reg).is_ok(), "regression takes any finite target");
    assert!(TreeGrower::new(&x, 2, &y, &TreeParams { max_depth: Some(0), ..p }).is_err());
    // Messages are readable sentences with the offending value.
    let e = fit(&x, 2, &y, TreeParams { max_features: MaxFeatures::Count(3), ..p }).unwrap_err();
    assert!(e.to_string().contains("between 1 and 2") && e.to_string().contains('3'), "{e}");
}

#[test]
fn tree_degenerate_data_gives_a_single_leaf() {
    // One point; one class; all points equal: nothing to split, no panic, sane predictions.
    let one = DecisionTree::fit(&[1.0, 2.0], 2, &[1.0], &TreeParams::default()).unwrap();
    assert_eq!((one.n_nodes(), one.n_classes()), (1, 2));
    assert_eq!(one.value(0).unwrap(), &[0.0, 1.0]);
    let same_class = DecisionTree::fit(&[0.0, 1.0, 2.0], 1, &[0.0, 0.0, 0.0], &TreeParams::default()).unwrap();
    assert_eq!(same_class.n_nodes(), 1);
    assert_eq!(same_class.predict_row(&[5.0]), 0.0);
    let same_x = DecisionTree::fit(&[3.0, 3.0, 3.0, 3.0], 1, &[0.0, 1.0, 1.0, 0.0], &TreeParams::default()).unwrap();
    assert_eq!(same_x.n_nodes(), 1);
    assert_eq!(same_x.value(0).unwrap(), &[0.5, 0.5]);
    assert_eq!(same_x.predict_row(&[3.0]), 0.0, "ties between classes go to the lower index");
    assert_eq!(same_x.feature_importances(), vec![0.0]);
    let flat = DecisionTree::fit(&[0.0, 1.0], 1, &[2.5, 2.5], &TreeParams { criterion: Criterion::SquaredError, ..TreeParams::default() });
    assert_eq!(flat.unwrap().n_nodes(), 1);
}

#[test]
fn tree_predictions_check_shapes_and_survive_nan() {
    let (x, y) = moons(200);
    let t = DecisionTree::fit(&x, 2, &y, &TreeParams { max_depth: Some(3), ..TreeParams::default() }).unwrap();
    let mut out = vec![0.0f32; 3];
    assert_eq!(t.predict_into(&x[..5], &mut out).unwrap_err().field, "x");
    assert_eq!(t.predict_into(&x[..4], &mut out).unwrap_err().field, "out");
    assert_eq!(t.predict_proba_into(&x[..6], &mut out).unwrap_err().field, "out");
    let mut proba = vec![0.0f32; 6];
    t.predict_proba_into(&x[..6], &mut proba).unwrap();
    for p in proba.chunks(2) {
        assert!((p[0] + p[1] - 1.0).abs() < 1e-6);
    }
    // A NaN feature fails every `≤` and goes right; nothing panics.
    assert!(t.leaf(&[f32::NAN, f32::NAN]).is_some());
    assert!(t.predict_row(&[f32::NAN, 0.0]).is_finite());
    assert!(t.leaf(&[1.0]).is_none() && t.predict_row(&[1.0]).is_nan());
    assert!(t.value(t.n_nodes()).is_none() && t.class_counts(t.n_nodes()).is_none());
}

#[test]
fn tree_respects_depth_and_minimum_sizes() {
    let (x, y) = moons(400);
    for (depth, split, leaf) in [(Some(1), 2, 1), (Some(3), 2, 7), (None, 40, 1), (None, 2, 15)] {
        let p = TreeParams { max_depth: depth, min_samples_split: split, min_samples_leaf: leaf, ..TreeParams::default() };
        let t = DecisionTree::fit(&x, 2, &y, &p).unwrap();
        assert!(t.n_nodes() > 1);
        assert!(t.depth() <= depth.unwrap_or(usize::MAX));
        if let Some(d) = depth {
            assert_eq!(t.depth(), d, "noisy moons need every allowed level");
        }
        for n in t.nodes() {
            assert!(n.n_samples >= leaf);
            if n.split.is_some() {
                assert!(n.n_samples >= split);
            }
        }
    }
    // Unlimited depth and no minimum: grown until every leaf is pure.
    let full = DecisionTree::fit(&x, 2, &y, &TreeParams::default()).unwrap();
    let mut out = vec![0.0; y.len()];
    full.predict_into(&x, &mut out).unwrap();
    assert_eq!(out, y, "an unlimited tree memorises distinct training points");
    let imp = full.feature_importances();
    assert!((imp.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

#[test]
fn tree_feature_draws_are_seeded() {
    // Four features (two copies of the moons' coordinates with noise) so one draw per node
    // matters. Same seed ⇒ identical tree; another seed ⇒ another tree.
    let (x2, y) = moons(300);
    let x: Vec<f32> = x2.chunks(2).flat_map(|p| [p[0], p[1], p[0] * 0.5 + p[1], p[1] - p[0]]).collect();
    let p = TreeParams { max_features: MaxFeatures::Count(1), max_depth: Some(6), seed: 3, ..TreeParams::default() };
    let a = DecisionTree::fit(&x, 4, &y, &p).unwrap();
    assert_eq!(a, DecisionTree::fit(&x, 4, &y, &p).unwrap());
    assert_ne!(a, DecisionTree::fit(&x, 4, &y, &TreeParams { seed: 4, ..p }).unwrap());
    // Trying every feature needs no random number: the seed is irrelevant.
    let all = TreeParams { max_features: MaxFeatures::All, ..p };
    assert_eq!(DecisionTree::fit(&x, 4, &y, &all).unwrap(), DecisionTree::fit(&x, 4, &y, &TreeParams { seed: 99, ..all }).unwrap());
    assert_eq!(MaxFeatures::Sqrt.resolve(4), Ok(2));
    assert_eq!(MaxFeatures::Log2.resolve(9), Ok(3));
    assert_eq!(MaxFeatures::Sqrt.resolve(2), Ok(1));
}

#[test]
fn tree_criterion_slugs_round_trip() {
    for c in Criterion::ALL {
        assert_eq!(Criterion::from_slug(c.slug()), Some(c));
    }
    assert_eq!(Criterion::from_slug("mae"), None);
    assert!(Criterion::Gini.is_classification() && !Criterion::SquaredError.is_classification());
}
