//! Decision trees on data small enough to work out by hand; the arithmetic is in the comments.

use perplexed_core::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams};

fn params(criterion: Criterion, max_depth: Option<usize>) -> TreeParams {
    TreeParams { criterion, max_depth, ..TreeParams::default() }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12
}

#[test]
fn tree_gini_and_entropy_of_a_three_point_node() {
    // Classes [0, 0, 1] on x = 0, 1, 2: p = (2/3, 1/3).
    //   Gini    = 1 − (2/3)² − (1/3)² = 1 − 4/9 − 1/9 = 4/9
    //   entropy = −(2/3)·log₂(2/3) − (1/3)·log₂(1/3) = log₂3 − 2/3 ≈ 0.918296 bits
    // The only useful threshold is between x = 1 and x = 2: (1 + 2)/2 = 1.5, both children pure,
    // so the decrease is the whole impurity (the root holds all the weight: W_t/W = 1).
    let (x, y) = ([0.0f32, 1.0, 2.0], [0.0f32, 0.0, 1.0]);
    let gini = DecisionTree::fit(&x, 1, &y, &params(Criterion::Gini, None)).unwrap();
    let root = gini.nodes()[0];
    assert!(close(root.impurity, 4.0 / 9.0), "{}", root.impurity);
    let s = root.split.unwrap();
    assert_eq!((s.feature, s.threshold), (0, 1.5));
    assert!(close(s.improvement, 4.0 / 9.0));
    assert_eq!(gini.value(0).unwrap(), &[2.0 / 3.0, 1.0 / 3.0]);
    assert_eq!(gini.class_counts(0).unwrap(), &[2.0, 1.0]);
    assert_eq!(gini.n_leaves(), 2);

    let entropy = DecisionTree::fit(&x, 1, &y, &params(Criterion::Entropy, None)).unwrap();
    let h = 3f64.log2() - 2.0 / 3.0;
    assert!(close(entropy.nodes()[0].impurity, h), "{}", entropy.nodes()[0].impurity);
    assert!(close(entropy.nodes()[0].split.unwrap().improvement, h));
}

#[test]
fn tree_picks_the_largest_impurity_decrease_and_the_lower_threshold_on_ties() {
    // x = 1..6, classes [0, 0, 1, 0, 1, 1]; root Gini = 1 − ½² − ½² = 0.5. Weighted child Gini
    // (W_L·G_L + W_R·G_R)/W for each threshold:
    //   1.5: L = {0}       → 0;         R = {0,1,0,1,1} → 1 − 0.4² − 0.6² = 0.48;  5/6·0.48 = 0.40
    //   2.5: L = {0,0}     → 0;         R = {1,0,1,1}   → 1 − ¼² − ¾² = 0.375;     4/6·0.375 = 0.25
    //   3.5: L = {0,0,1}   → 4/9;       R = {0,1,1}     → 4/9;                     = 0.444…
    //   4.5: L = {0,0,1,0} → 0.375;     R = {1,1}       → 0;                       4/6·0.375 = 0.25
    //   5.5: L = {0,0,1,0,1} → 0.48;    R = {1}         → 0;                       5/6·0.48 = 0.40
    // 2.5 and 4.5 tie at 0.25 (decrease 0.5 − 0.25 = 0.25): the first one found, 2.5, wins.
    let x = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
    let y = [0.0f32, 0.0, 1.0, 0.0, 1.0, 1.0];
    let t = DecisionTree::fit(&x, 1, &y, &params(Criterion::Gini, Some(1))).unwrap();
    let s = t.nodes()[0].split.unwrap();
    assert_eq!(s.threshold, 2.5);
    assert!(close(s.improvement, 0.25));
    // Children: left {0,0} pure; right {1,0,1,1} with Gini 0.375 — weighted 4/6 of the weight.
    assert_eq!(t.nodes()[s.left].n_samples, 2);
    assert!(close(t.nodes()[s.right].impurity, 0.375));
    assert_eq!(t.value(s.right).unwrap(), &[0.25, 0.75]);
}

#[test]
fn tree_regression_on_four_points() {
    // x = 1, 2, 3, 4; y = 1, 1, 2, 8. Root mean 3, MSE = (4 + 4 + 1 + 25)/4 = 8.5.
    //   1.5: L {1} → 0;  R {1,2,8}: mean 11/3, MSE = ((8/3)² + (5/3)² + (13/3)²)/3 = 258/27;
    //        weighted 3/4·258/27 = 7.1667
    //   2.5: L {1,1} → 0;  R {2,8}: mean 5, MSE 9;  weighted 2/4·9 = 4.5
    //   3.5: L {1,1,2}: mean 4/3, MSE = (1/9 + 1/9 + 4/9)/3 = 2/9;  R {8} → 0;  weighted 3/4·2/9 = 1/6
    // Best: 3.5, decrease 8.5 − 1/6 = 8.3333; leaves predict 4/3 and 8.
    let (x, y) = ([1.0f32, 2.0, 3.0, 4.0], [1.0f32, 1.0, 2.0, 8.0]);
    let t = DecisionTree::fit(&x, 1, &y, &params(Criterion::SquaredError, Some(1))).unwrap();
    assert!(close(t.nodes()[0].impurity, 8.5));
    assert_eq!(t.value(0).unwrap(), &[3.0]);
    let s = t.nodes()[0].split.unwrap();
    assert_eq!(s.threshold, 3.5);
    assert!(close(s.improvement, 8.5 - 1.0 / 6.0));
    assert!(close(t.value(s.left).unwrap()[0], 4.0 / 3.0));
    assert!(close(t.nodes()[s.left].impurity, 2.0 / 9.0));
    let mut out = [0.0f32; 2];
    t.predict_into(&[0.0, 100.0], &mut out).unwrap();
    assert_eq!(out, [4.0 / 3.0, 8.0]);

    // With min_samples_leaf = 2 only 2.5 leaves two points on each side.
    let p = TreeParams { min_samples_leaf: 2, ..params(Criterion::SquaredError, Some(1)) };
    let t = DecisionTree::fit(&x, 1, &y, &p).unwrap();
    assert_eq!(t.nodes()[0].split.unwrap().threshold, 2.5);
    assert!(close(t.nodes()[0].split.unwrap().improvement, 8.5 - 4.5));
}

#[test]
fn tree_asks_about_the_informative_feature() {
    // Rows (x0, x1) = (0,0) (1,1) (2,1) (3,0), classes 0 1 1 0. Along x0 the classes read
    // 0 1 1 0: the best x0 split (0.5 or 2.5) leaves a 1/3-mixed child, weighted Gini
    // 3/4·(1 − (1/3)² − (2/3)²) = 1/3. x1 separates them perfectly at (0 + 1)/2 = 0.5.
    let x = [0.0f32, 0.0, 1.0, 1.0, 2.0, 1.0, 3.0, 0.0];
    let y = [0.0f32, 1.0, 1.0, 0.0];
    let t = DecisionTree::fit(&x, 2, &y, &params(Criterion::Gini, None)).unwrap();
    let s = t.nodes()[0].split.unwrap();
    assert_eq!((s.feature, s.threshold), (1, 0.5));
    assert_eq!(t.n_nodes(), 3);
    assert_eq!(t.feature_importances(), vec![0.0, 1.0]);
}

#[test]
fn tree_solves_xor_through_a_split_that_gains_nothing() {
    // XOR: no first question lowers the Gini of 0.5 (every split leaves 50/50 children), but a
    // zero-gain split is still taken, and the second level separates the classes.
    let x = [-1.0f32, -1.0, -1.0, 1.0, 1.0, -1.0, 1.0, 1.0];
    let y = [1.0f32, 0.0, 0.0, 1.0];
    let t = DecisionTree::fit(&x, 2, &y, &params(Criterion::Gini, Some(2))).unwrap();
    assert_eq!(t.nodes()[0].split.unwrap().improvement, 0.0);
    assert_eq!(t.n_leaves(), 4);
    let mut out = [0.0f32; 4];
    t.predict_into(&x, &mut out).unwrap();
    assert_eq!(out, y);
}

#[test]
fn tree_threshold_is_the_f64_midpoint_of_f32_neighbours() {
    // 0.1 and 0.2 are not representable; the f32 values are 0.100000001490116… and
    // 0.200000002980232…, and the threshold is their exact midpoint in f64, not an f32.
    let (a, b) = (0.1f32, 0.2f32);
    let t = DecisionTree::fit(&[a, b], 1, &[0.0, 1.0], &TreeParams::default()).unwrap();
    let th = t.nodes()[0].split.unwrap().threshold;
    assert_eq!(th, f64::from(a) / 2.0 + f64::from(b) / 2.0);
    assert_ne!(th, f64::from((a + b) / 2.0));
    // Values closer than 1e-7 count as equal: no split, one leaf.
    let t = DecisionTree::fit(&[0.0, 5e-8], 1, &[0.0, 1.0], &TreeParams::default()).unwrap();
    assert_eq!(t.n_nodes(), 1);
    assert_eq!(t.value(0).unwrap(), &[0.5, 0.5]);
}

#[test]
fn tree_region_of_a_node_is_the_box_of_its_rules() {
    // Root: x0 ≤ 1.5; its right child: x1 ≤ 2.5. The right child's left child covers
    // 1.5 < x0, x1 ≤ 2.5.
    let x = [1.0f32, 0.0, 2.0, 2.0, 2.0, 3.0, 1.0, 3.0];
    let y = [0.0f32, 1.0, 2.0, 0.0];
    let t = DecisionTree::fit(&x, 2, &y, &TreeParams { max_features: MaxFeatures::All, ..TreeParams::default() }).unwrap();
    let root = t.nodes()[0].split.unwrap();
    assert_eq!((root.feature, root.threshold), (0, 1.5));
    let right = t.nodes()[root.right].split.unwrap();
    assert_eq!((right.feature, right.threshold), (1, 2.5));
    let r = t.region(right.left).unwrap();
    assert_eq!(r.lower, vec![1.5, f64::NEG_INFINITY]);
    assert_eq!(r.upper, vec![f64::INFINITY, 2.5]);
    assert!(r.contains(&[2.0, 2.0]) && !r.contains(&[1.0, 2.0]) && !r.contains(&[2.0, 3.0]));
    assert_eq!(t.region(0).unwrap().lower, vec![f64::NEG_INFINITY; 2]);
    assert!(t.region(99).is_none());
    let mut path = vec![];
    t.path(&[2.0, 2.0], &mut path);
    assert_eq!(path, vec![0, root.right, right.left]);
}
