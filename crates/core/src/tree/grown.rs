//! # One of the three tree models, grown a unit at a time
//!
//! The Trees lab grows one model at a time and treats the three alike: a single
//! [`DecisionTree`] split by split ([`TreeGrower`]), a [`RandomForest`] tree by tree, or
//! [`GradientBoosting`] round by round. [`GrownModel`] is that choice: it predicts (class
//! probabilities and labels of the model as grown so far), steps through [`Stepping`], and
//! tallies the forest's vote at a point,
//!
//! ```text
//! votes_c(x) = #{ t : tree t's leaf for x says class c }.
//! ```

use crate::data::dataset::Problem;
use crate::error::ParamError;
use crate::stepping::{Progress, Stepping};
use crate::tree::boosting::{BoostingParams, GradientBoosting};
use crate::tree::cart::{DecisionTree, TreeParams};
use crate::tree::forest::{ForestParams, RandomForest};
use crate::tree::grower::TreeGrower;

/// Which model to grow, with its settings.
#[derive(Clone, Debug, PartialEq)]
pub enum GrownSetup {
    Tree(TreeParams),
    Forest(ForestParams),
    Boosting(BoostingParams),
}

/// The model being grown.
pub enum GrownModel {
    Tree(TreeGrower),
    Forest(RandomForest),
    Boosting(GradientBoosting),
}

/// The forest's trees' votes at one point: per class, and in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Votes {
    pub per_class: Vec<usize>,
    pub total: usize,
}

impl GrownModel {
    /// A model of the chosen kind on the classification rows `x` (`n_features` columns) and
    /// labels `y`, nothing grown yet.
    pub fn new(setup: &GrownSetup, x: &[f32], n_features: usize, y: &[f32]) -> Result<GrownModel, ParamError> {
        match setup {
            GrownSetup::Tree(p) => TreeGrower::new(x, n_features, y, p).map(GrownModel::Tree),
            GrownSetup::Forest(p) => RandomForest::new(x, n_features, y, p).map(GrownModel::Forest),
            GrownSetup::Boosting(p) => {
                GradientBoosting::new(x, n_features, y, &BoostingParams { problem: Problem::Classification, ..*p })
                    .map(GrownModel::Boosting)
            }
        }
    }

    /// Classes the model tells apart.
    pub fn n_classes(&self) -> usize {
        match self {
            GrownModel::Tree(g) => g.tree().n_classes(),
            GrownModel::Forest(f) => f.n_classes(),
            GrownModel::Boosting(b) => b.n_classes(),
        }
    }

    /// Class probabilities of each row of `x`, `n_classes` per row, by the model as grown so far.
    pub fn predict_proba_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        match self {
            GrownModel::Tree(g) => g.tree().predict_proba_into(x, out),
            GrownModel::Forest(f) => f.predict_proba_into(x, out),
            GrownModel::Boosting(b) => b.predict_proba_into(x, b.rounds_done(), out),
        }
    }

    /// The predicted class of each row of `x`.
    pub fn predict_into(&self, x: &[f32], out: &mut [f32]) -> Result<(), ParamError> {
        match self {
            GrownModel::Tree(g) => g.tree().predict_into(x, out),
            GrownModel::Forest(f) => f.predict_into(x, out),
            GrownModel::Boosting(b) => b.predict_into(x, b.rounds_done(), out),
        }
    }

    /// The single tree as grown so far.
    pub fn tree(&self) -> Option<&DecisionTree> {
        match self {
            GrownModel::Tree(g) => Some(g.tree()),
            _ => None,
        }
    }

    /// The forest votes at `row`, per class (`None` for the other models or a malformed row).
    pub fn votes(&self, row: &[f32]) -> Option<Votes> {
        let GrownModel::Forest(f) = self else { return None };
        let labels = f.votes(row).ok()?;
        let mut per_class = vec![0; f.n_classes()];
        for c in &labels {
            if let Some(slot) = per_class.get_mut(*c as usize) {
                *slot += 1;
            }
        }
        Some(Votes { per_class, total: labels.len() })
    }
}

impl Stepping for GrownModel {
    /// A split, a tree or a round.
    fn step(&mut self) {
        match self {
            GrownModel::Tree(g) => Stepping::step(g),
            GrownModel::Forest(f) => Stepping::step(f),
            GrownModel::Boosting(b) => Stepping::step(b),
        }
    }
    fn done(&self) -> bool {
        match self {
            GrownModel::Tree(g) => g.done(),
            GrownModel::Forest(f) => f.done(),
            GrownModel::Boosting(b) => b.done(),
        }
    }
    fn progress(&self) -> Progress {
        match self {
            GrownModel::Tree(g) => g.progress(),
            GrownModel::Forest(f) => f.progress(),
            GrownModel::Boosting(b) => b.progress(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::cart::{Criterion, MaxFeatures};

    /// Four points in the corners, XOR-labelled: (−1,−1)→0, (1,1)→0, (−1,1)→1, (1,−1)→1.
    fn xor() -> (Vec<f32>, Vec<f32>) {
        (vec![-1.0, -1.0, 1.0, 1.0, -1.0, 1.0, 1.0, -1.0], vec![0.0, 0.0, 1.0, 1.0])
    }

    fn tree_setup() -> GrownSetup {
        GrownSetup::Tree(TreeParams {
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: MaxFeatures::All,
            seed: 1,
        })
    }

    #[test]
    fn a_tree_grown_to_the_end_separates_xor_and_steps_count_its_splits() {
        let (x, y) = xor();
        let mut m = GrownModel::new(&tree_setup(), &x, 2, &y).unwrap();
        assert_eq!(m.progress().done, 0);
        while !m.done() {
            m.step();
        }
        // XOR needs one split, then one more in each half: three splits, four pure leaves.
        assert_eq!(m.progress().done, 3);
        let mut labels = vec![0.0; 4];
        m.predict_into(&x, &mut labels).unwrap();
        assert_eq!(labels, y);
        assert!(m.tree().is_some() && m.votes(&[0.0, 0.0]).is_none());
    }

    #[test]
    fn the_forest_vote_counts_add_up_to_its_trees() {
        let (x, y) = xor();
        let setup = GrownSetup::Forest(ForestParams {
            n_trees: 7,
            criterion: Criterion::Gini,
            max_depth: None,
            min_samples_split: 2,
            min_samples_leaf: 1,
            max_features: MaxFeatures::All,
            bootstrap: true,
            seed: 3,
        });
        let mut m = GrownModel::new(&setup, &x, 2, &y).unwrap();
        for _ in 0..7 {
            m.step();
        }
        assert!(m.done());
        let v = m.votes(&[-1.0, -1.0]).unwrap();
        assert_eq!(v.total, 7);
        assert_eq!(v.per_class.iter().sum::<usize>(), 7);
        assert!(m.votes(&[1.0]).is_none(), "a row of the wrong width is refused, not a panic");
    }
}
