//! Decision trees against scikit-learn (`fixtures/gen_trees_reference.py`; scikit-learn and NumPy
//! versions in the JSON): `DecisionTreeClassifier` (Gini, entropy) and `DecisionTreeRegressor`
//! (squared error) on continuous random data (2, 3 and 4 features, 200–240 points, f32), with
//! depths 4 … unlimited and various minimum sizes — 11 trees of 19 to 113 nodes.
//!
//! Every case was checked by the generator to give the same tree for scikit-learn's
//! random_state 0..29, i.e. no tie between splits decided anything, so the greedy CART tree is
//! unique and ours must be *the same tree*:
//!
//! * node by node (matched by walking both trees from the root, left with left): the same leaf /
//!   split status, the same feature, the **bit-identical** threshold (both compute `a/2 + b/2` in
//!   f64 from the same f32 values), the same point count and weight;
//! * impurity and value (class fractions or mean) within `1e-12` (f64 on both sides; only the
//!   summation order differs — classification counts are exact integers);
//! * `feature_importances_` within `1e-12`;
//! * predictions on 100 test points: identical classes, probabilities and regression values
//!   within `1e-6·max(1, |ref|)` (ours are returned as f32: relative rounding 6e-8).

use perplexed_core::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams};
use serde_json::Value;

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn f32s(v: &Value) -> Vec<f32> {
    floats(v).into_iter().map(|x| x as f32).collect()
}

fn fixture() -> Value {
    let json: Value = serde_json::from_str(include_str!("fixtures/trees_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some() && json["sklearn_version"].as_str().is_some());
    json
}

/// `(x, n_features, y)` of a named data set of the fixture.
fn dataset(json: &Value, name: &str) -> (Vec<f32>, usize, Vec<f32>) {
    let d = &json["data"][name];
    let y = if d["y"].is_null() { vec![] } else { f32s(&d["y"]) };
    (f32s(&d["x"]), d["n_features"].as_u64().unwrap() as usize, y)
}

#[derive(Default)]
struct Worst {
    impurity: f64,
    value: f64,
    importance: f64,
    prediction: f64,
    nodes: usize,
}

/// Walks both trees from the root; panics on the first difference.
fn compare_node(what: &str, ours: &DecisionTree, me: usize, sk: &Value, them: usize, worst: &mut Worst) {
    let n = &ours.nodes()[me];
    let int = |k: &str| sk[k][them].as_i64().unwrap();
    let num = |k: &str| sk[k][them].as_f64().unwrap();
    let at = format!("{what}, sklearn node {them}");
    worst.nodes += 1;
    assert_eq!(n.n_samples as i64, int("n_node_samples"), "{at}: n_samples");
    assert_eq!(n.weighted_samples, num("weighted_n_node_samples"), "{at}: weight");
    let di = (n.impurity - num("impurity")).abs();
    assert!(di <= 1e-12, "{at}: impurity {} vs {}", n.impurity, num("impurity"));
    worst.impurity = worst.impurity.max(di);
    let want = floats(&sk["value"][them]);
    let got = ours.value(me).unwrap();
    assert_eq!(got.len(), want.len(), "{at}: outputs");
    for (g, w) in got.iter().zip(&want) {
        let d = (g - w).abs();
        assert!(d <= 1e-12 * w.abs().max(1.0), "{at}: value {got:?} vs {want:?}");
        worst.value = worst.value.max(d);
    }
    let (left, right) = (int("children_left"), int("children_right"));
    match n.split {
        None => assert_eq!(left, -1, "{at}: we have a leaf, sklearn splits on x{} ≤ {}", int("feature"), num("threshold")),
        Some(s) => {
            assert!(left >= 0, "{at}: sklearn has a leaf, we split on x{} ≤ {}", s.feature, s.threshold);
            assert_eq!(s.feature as i64, int("feature"), "{at}: feature");
            // Bit patterns: serde_json's default float parsing may be one ulp off.
            let bits = sk["threshold_bits"][them].as_u64().unwrap();
            assert_eq!(s.threshold.to_bits(), bits, "{at}: threshold {} vs {}", s.threshold, f64::from_bits(bits));
            compare_node(what, ours, s.left, sk, left as usize, worst);
            compare_node(what, ours, s.right, sk, right as usize, worst);
        }
    }
}

#[test]
fn tree_equals_sklearn_decision_trees_node_by_node() {
    let json = fixture();
    let cases = json["trees"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    let mut worst = Worst::default();
    for c in cases {
        assert_eq!(c["random_state_invariant"], Value::Bool(true));
        let (x, d, y) = dataset(&json, c["data"].as_str().unwrap());
        let (xt, dt, _) = dataset(&json, c["test"].as_str().unwrap());
        assert_eq!(d, dt);
        let criterion = Criterion::from_slug(c["criterion"].as_str().unwrap()).unwrap();
        let params = TreeParams {
            criterion,
            max_depth: c["max_depth"].as_u64().map(|v| v as usize),
            min_samples_split: c["min_samples_split"].as_u64().unwrap() as usize,
            min_samples_leaf: c["min_samples_leaf"].as_u64().unwrap() as usize,
            max_features: MaxFeatures::All,
            seed: 7,
        };
        let what = format!("{} {:?}", c["data"], params);
        let tree = DecisionTree::fit(&x, d, &y, &params).unwrap();
        let sk = &c["nodes"];
        assert_eq!(tree.n_nodes(), sk["feature"].as_array().unwrap().len(), "{what}: node count");
        compare_node(&what, &tree, 0, sk, 0, &mut worst);

        for (g, w) in tree.feature_importances().iter().zip(floats(&c["feature_importances"])) {
            assert!((g - w).abs() <= 1e-12, "{what}: importances {:?} vs {}", tree.feature_importances(), c["feature_importances"]);
            worst.importance = worst.importance.max((g - w).abs());
        }

        let n = xt.len() / d;
        let mut pred = vec![0.0; n];
        tree.predict_into(&xt, &mut pred).unwrap();
        for (i, (g, w)) in pred.iter().zip(floats(&c["predict"])).enumerate() {
            let dev = (f64::from(*g) - w).abs();
            assert!(dev <= 1e-6 * w.abs().max(1.0), "{what}: test point {i}: {g} vs {w}");
            if criterion.is_classification() {
                assert_eq!(f64::from(*g), w, "{what}: test point {i}: class");
            }
            worst.prediction = worst.prediction.max(dev);
        }
        if criterion.is_classification() {
            let k = tree.n_classes();
            let mut proba = vec![0.0; n * k];
            tree.predict_proba_into(&xt, &mut proba).unwrap();
            let want: Vec<f64> = c["predict_proba"].as_array().unwrap().iter().flat_map(floats).collect();
            for (g, w) in proba.iter().zip(&want) {
                let dev = (f64::from(*g) - w).abs();
                assert!(dev <= 1e-6, "{what}: probabilities {g} vs {w}");
                worst.prediction = worst.prediction.max(dev);
            }
        }
    }
    println!(
        "trees: {} nodes compared; max |Δ| impurity {:.1e}, value {:.1e}, importances {:.1e}, test predictions {:.1e}",
        worst.nodes, worst.impurity, worst.value, worst.importance, worst.prediction
    );
}
