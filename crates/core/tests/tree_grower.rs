//! The split-by-split grower: every intermediate tree is valid, the finished tree equals the batch
//! fit bit for bit (also with random feature subsets), and both equal an independent brute-force
//! CART written here from the definitions (every threshold's weighted impurity decrease computed
//! from scratch, O(n²) per feature and node).

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams};
use perplexed_core::tree::grower::TreeGrower;

fn dataset(kind: DatasetKind, n: usize, seed: u64) -> (Vec<f32>, Vec<f32>) {
    noisy(kind, n, seed, 0.2)
}

fn noisy(kind: DatasetKind, n: usize, seed: u64, noise: f32) -> (Vec<f32>, Vec<f32>) {
    let d = generate(&DataParams { kind, points: n, noise, seed }).unwrap();
    (d.points, d.targets)
}

fn settings() -> Vec<TreeParams> {
    let base = TreeParams::default();
    vec![
        TreeParams { max_depth: Some(4), ..base },
        TreeParams { criterion: Criterion::Entropy, min_samples_leaf: 3, ..base },
        TreeParams { max_depth: Some(6), min_samples_split: 10, ..base },
        TreeParams { max_features: MaxFeatures::Count(1), seed: 11, ..base },
        TreeParams { criterion: Criterion::SquaredError, max_depth: Some(5), ..base },
    ]
}

#[test]
fn tree_grower_steps_end_in_the_batch_tree() {
    for (kind, p) in [DatasetKind::Moons, DatasetKind::ThreeClass, DatasetKind::Spiral, DatasetKind::Xor, DatasetKind::MultiGaussian]
        .into_iter()
        .zip(settings())
    {
        let (x, y) = dataset(kind, 300, 5);
        let batch = DecisionTree::fit(&x, 2, &y, &p).unwrap();
        let mut g = TreeGrower::new(&x, 2, &y, &p).unwrap();
        assert_eq!(g.tree().n_nodes(), 1, "the grower starts at the root");
        let mut out = vec![0.0f32; y.len()];
        while let Some((node, feature, threshold)) = g.next_split() {
            let split = g.step().unwrap();
            assert_eq!(split, node, "step performs the announced split");
            let t = g.tree();
            let s = t.nodes()[node].split.unwrap();
            assert_eq!((s.feature, s.threshold), (feature, threshold));
            // The two children are the newest nodes, and the partial tree is usable.
            assert_eq!((s.left, s.right), (t.n_nodes() - 2, t.n_nodes() - 1));
            assert_eq!(t.n_leaves(), g.steps() + 1);
            assert_eq!(t.nodes()[s.left].n_samples + t.nodes()[s.right].n_samples, t.nodes()[node].n_samples);
            t.predict_into(&x, &mut out).unwrap();
        }
        assert!(g.is_done() && g.step().is_none());
        assert!(g.steps() > 3, "{kind:?}: a real tree");
        assert_eq!(g.tree(), &batch, "{kind:?} {p:?}");
        assert_eq!(g.finish(), batch);
    }
}

#[test]
fn tree_grower_expands_best_first() {
    // Each step performs the pending split with the largest weighted impurity decrease: so the
    // decrease of a step is at least that of every split still waiting at that moment, i.e. of
    // every later step whose node already existed then.
    let (x, y) = dataset(DatasetKind::Circle, 400, 2);
    let mut g = TreeGrower::new(&x, 2, &y, &TreeParams { max_depth: Some(6), ..TreeParams::default() }).unwrap();
    let mut order = vec![]; // (node, improvement, number of nodes when it was split)
    while let Some(node) = g.step() {
        order.push((node, g.tree().nodes()[node].split.unwrap().improvement, g.tree().n_nodes() - 2));
    }
    for (i, &(_, imp, existing)) in order.iter().enumerate() {
        for &(later, later_imp, _) in &order[i + 1..] {
            if later < existing {
                assert!(imp >= later_imp, "step {i} gained {imp} but node {later}, already pending, gains {later_imp}");
            }
        }
    }
}

/// A candidate split of the brute force: (decrease, feature, threshold, left rows, right rows).
type Candidate = (f64, usize, f64, Vec<usize>, Vec<usize>);

/// A node of the brute-force tree.
struct Brute {
    rows: usize,
    value: Vec<f64>,
    split: Option<(usize, f64, Box<Brute>, Box<Brute>)>,
}

fn impurity(rows: &[usize], y: &[f32], criterion: Criterion, k: usize) -> (f64, Vec<f64>) {
    let n = rows.len() as f64;
    if criterion == Criterion::SquaredError {
        let mean = rows.iter().map(|&r| f64::from(y[r])).sum::<f64>() / n;
        let mse = rows.iter().map(|&r| (f64::from(y[r]) - mean).powi(2)).sum::<f64>() / n;
        return (mse, vec![mean]);
    }
    let mut p = vec![0.0; k];
    for &r in rows {
        p[y[r] as usize] += 1.0;
    }
    p.iter_mut().for_each(|c| *c /= n);
    let imp = match criterion {
        Criterion::Gini => 1.0 - p.iter().map(|q| q * q).sum::<f64>(),
        _ => -p.iter().filter(|&&q| q > 0.0).map(|q| q * q.log2()).sum::<f64>(),
    };
    (imp, p)
}

/// CART from the definitions: try every feature and every midpoint between consecutive distinct
/// values, compute the children's impurities from scratch, keep the largest decrease (the first
/// one found within 1e-12 on ties: lower feature, then lower threshold).
fn brute(x: &[f32], d: usize, y: &[f32], rows: Vec<usize>, depth: usize, p: &TreeParams, k: usize) -> Brute {
    let (imp, value) = impurity(&rows, y, p.criterion, k);
    let n = rows.len();
    let mut node = Brute { rows: n, value, split: None };
    if p.max_depth.is_some_and(|m| depth >= m) || n < p.min_samples_split || n < 2 * p.min_samples_leaf || imp <= f64::EPSILON {
        return node;
    }
    let mut best: Option<Candidate> = None;
    for f in 0..d {
        let mut sorted = rows.clone();
        sorted.sort_by(|&a, &b| x[a * d + f].total_cmp(&x[b * d + f]).then(a.cmp(&b)));
        for pos in p.min_samples_leaf..=n - p.min_samples_leaf {
            let (a, b) = (x[sorted[pos - 1] * d + f], x[sorted[pos] * d + f]);
            if b <= a + 1e-7 {
                continue;
            }
            let (l, r) = (sorted[..pos].to_vec(), sorted[pos..].to_vec());
            let (il, ir) = (impurity(&l, y, p.criterion, k).0, impurity(&r, y, p.criterion, k).0);
            let decrease = imp - (l.len() as f64 * il + r.len() as f64 * ir) / n as f64;
            if best.as_ref().is_none_or(|b| decrease > b.0 + 1e-12) {
                best = Some((decrease, f, f64::from(a) / 2.0 + f64::from(b) / 2.0, l, r));
            }
        }
    }
    if let Some((_, f, t, l, r)) = best {
        let left = brute(x, d, y, l, depth + 1, p, k);
        let right = brute(x, d, y, r, depth + 1, p, k);
        node.split = Some((f, t, Box::new(left), Box::new(right)));
    }
    node
}

fn compare(t: &DecisionTree, id: usize, b: &Brute, what: &str) -> usize {
    let n = &t.nodes()[id];
    assert_eq!(n.n_samples, b.rows, "{what}: node {id} size");
    for (g, w) in t.value(id).unwrap().iter().zip(&b.value) {
        assert!((g - w).abs() <= 1e-12, "{what}: node {id} value {g} vs {w}");
    }
    match (&n.split, &b.split) {
        (None, None) => 1,
        (Some(s), Some((f, th, l, r))) => {
            assert_eq!((s.feature, s.threshold), (*f, *th), "{what}: node {id} rule");
            1 + compare(t, s.left, l, what) + compare(t, s.right, r, what)
        }
        (s, _) => panic!("{what}: node {id}: ours {s:?}, brute force {}", if b.split.is_some() { "splits" } else { "is a leaf" }),
    }
}

#[test]
fn tree_equals_a_brute_force_cart() {
    let cases = [
        (DatasetKind::Spiral, TreeParams { max_depth: Some(6), ..TreeParams::default() }),
        (DatasetKind::ThreeClass, TreeParams { criterion: Criterion::Entropy, min_samples_leaf: 3, ..TreeParams::default() }),
        (DatasetKind::Circle, TreeParams { min_samples_split: 8, ..TreeParams::default() }),
        (DatasetKind::Plane, TreeParams { criterion: Criterion::SquaredError, max_depth: Some(6), ..TreeParams::default() }),
        (DatasetKind::MultiGaussian, TreeParams { criterion: Criterion::SquaredError, min_samples_leaf: 4, ..TreeParams::default() }),
    ];
    for (kind, p) in cases {
        // Noisy data (noise 0.5) for deep, irregular trees.
        let (x, y) = noisy(kind, 150, 9, 0.5);
        let t = DecisionTree::fit(&x, 2, &y, &p).unwrap();
        let b = brute(&x, 2, &y, (0..y.len()).collect(), 0, &p, t.n_classes());
        let nodes = compare(&t, 0, &b, &format!("{kind:?} {p:?}"));
        assert_eq!(nodes, t.n_nodes());
        assert!(nodes >= 15, "{kind:?}: {nodes} nodes is too small a test");
        println!("{kind:?}: {nodes} nodes equal");
    }
}

#[test]
fn tree_regions_hold_exactly_their_nodes_points() {
    let (x, y) = dataset(DatasetKind::Spiral, 250, 3);
    let t = DecisionTree::fit(&x, 2, &y, &TreeParams { max_depth: Some(7), ..TreeParams::default() }).unwrap();
    for (id, node) in t.nodes().iter().enumerate() {
        let r = t.region(id).unwrap();
        let inside = x.chunks_exact(2).filter(|p| r.contains(p)).count();
        assert_eq!(inside, node.n_samples, "node {id}");
    }
    // Leaf regions tile the plane: every point is in exactly one leaf's box, its own leaf's.
    let leaves: Vec<usize> = (0..t.n_nodes()).filter(|&i| t.nodes()[i].split.is_none()).collect();
    for p in x.chunks_exact(2) {
        let holders: Vec<usize> = leaves.iter().copied().filter(|&l| t.region(l).unwrap().contains(p)).collect();
        assert_eq!(holders, vec![t.leaf(p).unwrap()]);
    }
}
