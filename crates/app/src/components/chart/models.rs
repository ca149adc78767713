//! Models as JSON — the body of "Save the model (JSON)" in the charts' menus (see
//! `tools::offer_model`), for the models more than one lab fits: a decision tree node by node,
//! a forest, gradient boosting, the fully connected network of `nn`, and any model the data lab
//! fits. Written by hand
//! rather than with serde: the page would pay for serde's code in every lab that saves one.

use perplexed_core::linear::logistic::LogisticRegression;
use perplexed_core::nn::mlp::Mlp;
use perplexed_core::tree::boosting::GradientBoosting;
use perplexed_core::tree::cart::DecisionTree;
use perplexed_core::tree::forest::RandomForest;
use perplexed_core::workflow::{Fitted, FittedParts};

use super::tools::{json_number, json_numbers};

/// A decision tree's nodes as JSON, in id order (the root first) — for a split, the feature
/// asked about (its index: 0 = x₁, 1 = x₂ in the trees lab; the data lab lists its features),
/// the threshold (a point with `x ≤ threshold` goes left) and the two children's ids; for
/// every node, its training points and its prediction (class shares, or the mean for
/// regression; for boosting, the leaf's step).
fn nodes_json(t: &DecisionTree) -> String {
    let nodes: Vec<String> = t.nodes().iter().enumerate().map(|(i, n)| {
        let value = json_numbers(t.value(i).unwrap_or(&[]).iter().copied());
        match n.split {
            Some(s) => format!("{{\"feature\":{},\"threshold\":{},\"left\":{},\"right\":{},\"samples\":{},\"value\":{value}}}", s.feature, s.threshold, s.left, s.right, n.n_samples),
            None => format!("{{\"samples\":{},\"value\":{value}}}", n.n_samples),
        }
    }).collect();
    format!("[{}]", nodes.join(","))
}

/// One decision tree: `{"type":"decision tree","nodes":[…]}` (the nodes as [`nodes_json`]).
pub fn tree_json(t: &DecisionTree) -> String {
    format!("{{\"type\":\"decision tree\",\"nodes\":{}}}", nodes_json(t))
}

/// A random forest: each tree's nodes; its answer is the trees' mean class shares (or values).
pub fn forest_json(f: &RandomForest) -> String {
    let trees: Vec<String> = f.trees().iter().map(|t| format!("{{\"nodes\":{}}}", nodes_json(t))).collect();
    format!("{{\"type\":\"random forest\",\"trees\":[{}]}}", trees.join(","))
}

/// Gradient boosting: its start scores, shrinkage and rounds of trees. The score of a point
/// for output `k` is `init[k] + learning_rate × Σ_m (leaf value of rounds[m][k])` — the
/// log-odds of class 1 for two classes, one score per class (softmax) for more, the value for
/// regression (`classes` = 0).
pub fn boosting_json(b: &GradientBoosting) -> String {
    let rounds: Vec<String> = (0..b.rounds_done()).filter_map(|m| b.round_trees(m)).map(|round| {
        let trees: Vec<String> = round.iter().map(|t| format!("{{\"nodes\":{}}}", nodes_json(t))).collect();
        format!("[{}]", trees.join(","))
    }).collect();
    format!(
        "{{\"type\":\"gradient boosting\",\"classes\":{},\"learning_rate\":{},\"init\":{},\"rounds\":[{}]}}",
        b.n_classes(),
        b.params().learning_rate,
        json_numbers(b.init_scores().iter().copied()),
        rounds.join(",")
    )
}

/// The network's parameters as JSON, for the charts' "Save the model": its layer sizes
/// (inputs, hidden layers, outputs), then for each weight layer its weights — one row per neuron
/// of the layer below, one number per neuron of the layer above — and its biases.
pub fn network_json(mlp: &Mlp) -> String {
    let sizes = mlp.layer_sizes();
    let mut out = format!("{{\"type\":\"multilayer perceptron\",\"layer_sizes\":{},\"layers\":[", json_numbers(sizes.iter().map(|&n| n as f32)));
    for (l, pair) in sizes.windows(2).enumerate() {
        let (below, above) = (pair[0], pair[1]);
        if l > 0 {
            out.push(',');
        }
        out.push_str("{\"weights\":[");
        for from in 0..below {
            if from > 0 {
                out.push(',');
            }
            out.push_str(&json_numbers((0..above).map(|to| mlp.weight(l, from, to))));
        }
        out.push_str("],\"biases\":");
        out.push_str(&json_numbers((0..above).map(|n| mlp.bias(l, n))));
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// Logistic regression: one row of coefficients per score (one row, class `classes[1]`
/// against `classes[0]`, for two classes; one per class, softmax, for more) and its intercept —
/// scikit-learn's `coef_` and `intercept_`.
fn logistic_json(m: &LogisticRegression) -> String {
    let d = m.n_features();
    let rows: Vec<String> = m.coefficients().chunks(d.max(1)).map(|row| json_numbers(row.iter().copied())).collect();
    format!(
        "{{\"type\":\"logistic regression\",\"classes\":{},\"coefficients\":[{}],\"intercepts\":{}}}",
        json_numbers(m.classes().iter().map(|&c| c as f32)),
        rows.join(","),
        json_numbers(m.intercepts().iter().copied())
    )
}

/// A model of the data lab, whichever kind it is (see `FittedParts`): what it needs to predict,
/// given the features as the data lab prepared them.
pub fn fitted_json(f: &Fitted) -> String {
    match f.parts() {
        FittedParts::Logistic(m) => logistic_json(m),
        FittedParts::Ridge(m) => format!(
            "{{\"type\":\"ridge regression\",\"weights\":{},\"intercept\":{}}}",
            json_numbers(m.weights().iter().copied()),
            json_number(m.intercept())
        ),
        FittedParts::Tree(t) => tree_json(t),
        FittedParts::Forest(m) => forest_json(m),
        FittedParts::Boosting(m) => boosting_json(m),
        // Nothing is learned but the rows themselves (the prepared table's training rows).
        FittedParts::Knn { k } => format!("{{\"type\":\"k-nearest neighbours\",\"k\":{k},\"neighbours\":\"the training rows of the prepared table\"}}"),
        FittedParts::Mlp { mlp, y_mean, y_std } => format!(
            "{{\"type\":\"network\",\"network\":{},\"target_mean\":{},\"target_std\":{}}}",
            network_json(mlp),
            json_number(y_mean),
            json_number(y_std)
        ),
    }
}

/// The leaf a row reaches in a saved tree's nodes ([`nodes_json`]), walked as a reader of the
/// file would: left when the row's feature is at most the threshold (the tests that redo a
/// saved model's predictions from its file).
#[cfg(test)]
pub(crate) fn saved_leaf<'a>(nodes: &'a serde_json::Value, row: &[f32]) -> &'a serde_json::Value {
    let mut i = 0;
    while let Some(f) = nodes[i]["feature"].as_u64() {
        let threshold = nodes[i]["threshold"].as_f64().expect("a threshold");
        i = if f64::from(row[f as usize]) <= threshold { nodes[i]["left"].as_u64() } else { nodes[i]["right"].as_u64() }.expect("a child") as usize;
    }
    &nodes[i]
}

#[cfg(test)]
mod tests {
    use perplexed_core::nn::activation::Activation;
    use perplexed_core::nn::loss::Head;
    use perplexed_core::nn::mlp::{Mlp, MlpSpec};
    use perplexed_core::rng::Rng;

    #[test]
    fn the_saved_network_holds_every_weight_where_it_belongs() {
        let spec = MlpSpec { inputs: 2, hidden: vec![3], activation: Activation::Tanh, head: Head::Sigmoid, classes: 2 };
        let mut mlp = Mlp::new(&spec, &mut Rng::new(1)).expect("a valid network");
        // Hand-set values, so the JSON can be read against them: W₀[1][2] = 0.5, b₀[0] = -1.25,
        // W₁[2][0] = 2, everything else as initialised.
        mlp.set_weight(0, 1, 2, 0.5).expect("in range");
        mlp.set_bias(0, 0, -1.25).expect("in range");
        mlp.set_weight(1, 2, 0, 2.0).expect("in range");
        let json = super::network_json(&mlp);
        assert!(json.starts_with("{\"type\":\"multilayer perceptron\",\"layer_sizes\":[2,3,1],\"layers\":[{\"weights\":[["), "{json}");
        // Layer 0: two rows of three; its second row ends in 0.5; biases start at -1.25.
        let row = format!("[{},{},0.5]", mlp.weight(0, 1, 0), mlp.weight(0, 1, 1));
        assert!(json.contains(&row), "{json} lacks {row}");
        assert!(json.contains("],\"biases\":[-1.25,"), "{json}");
        // Layer 1: three rows of one, the last [2]; one bias.
        assert!(json.contains(&format!("{{\"weights\":[[{}],[{}],[2]],\"biases\":[{}]}}]}}", mlp.weight(1, 0, 0), mlp.weight(1, 1, 0), mlp.bias(1, 0))), "{json}");
        // Every bracket closes.
        assert_eq!(json.matches('[').count(), json.matches(']').count());
        assert_eq!(json.matches('{').count(), json.matches('}').count());
    }
}
