//! The Trees lab's challenges (see [`crate::components::challenges`]): a tree's depth against
//! overfitting, and a forest's vote, each checked on the numbers the page shows once the model
//! is fully grown.

use super::engine::TreesEngine;
use super::params::ModelKind;
use crate::i18n::Label;

crate::i18n::table! {
    TC;
    Overfit => "Overfit one tree: let it grow with no depth limit to 100 % training accuracy and a validation accuracy at least 15 points lower.",
               "התאמת יתר של עץ אחד: תנו לו לגדול ללא הגבלת עומק, עד דיוק של 100% באימון ודיוק בוולידציה נמוך ממנו ב-15 נקודות לפחות.";
    Shallow => "Keep it shallow: with noise ≥ 40 %, reach validation accuracy ≥ 85 % with a single tree of maximum depth 3 or less.",
               "שמרו על עץ רדוד: עם רעש של 40% לפחות, הגיעו לדיוק של 85% לפחות בוולידציה עם עץ יחיד שעומקו המרבי 3 לכל היותר.";
    Forest => "Let the trees vote: with noise ≥ 40 %, reach validation accuracy ≥ 90 % with a random forest of at least 50 trees with no depth limit, at 100 % training accuracy.",
              "תנו לעצים להצביע: עם רעש של 40% לפחות, הגיעו לדיוק של 90% לפחות בוולידציה עם יער אקראי של 50 עצים לפחות ללא הגבלת עומק, שדיוקו באימון 100%.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[TC::Overfit, TC::Shallow, TC::Forest];

/// Accuracies are shares of a few dozen points: a share equal to a threshold must count, whatever
/// the rounding of the division.
const TOLERANCE: f32 = 1e-4;

/// What the lab shows now, as the challenges read it: the settings the model was grown with
/// (the engine's own) and its scores.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub model: ModelKind,
    /// Percent, as the noise slider shows it.
    pub noise: u32,
    /// The single tree's maximum depth (0 = no limit).
    pub depth: usize,
    /// The forest's trees and their maximum depth (0 = no limit).
    pub trees: usize,
    pub forest_depth: usize,
    /// The model is fully grown (its scores are then those of the finished model).
    pub complete: bool,
    pub train_acc: Option<f32>,
    pub val_acc: Option<f32>,
}

impl Now {
    /// Reads the engine: its settings and the scores of the model they grew.
    pub fn of(e: &TreesEngine) -> Now {
        let p = &e.params;
        Now {
            model: p.model,
            noise: p.noise,
            depth: p.depth,
            trees: p.trees,
            forest_depth: p.forest_depth,
            complete: e.error().is_none() && e.is_complete(),
            train_acc: e.train_acc,
            val_acc: e.val_acc,
        }
    }
}

/// Which goals the lab meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let (Some(train), Some(val)) = (n.train_acc.filter(|a| a.is_finite()), n.val_acc.filter(|a| a.is_finite())) else { return 0 };
    if !n.complete {
        return 0;
    }
    let at_least = |a: f32, share: f32| a >= share - TOLERANCE;
    let tree = n.model == ModelKind::Tree;
    let overfit = tree && n.depth == 0 && at_least(train, 1.0) && at_least(train - val, 0.15);
    let shallow = tree && n.noise >= 40 && (1..=3).contains(&n.depth) && at_least(val, 0.85);
    let forest = n.model == ModelKind::Forest && n.noise >= 40 && n.trees >= 50 && n.forest_depth == 0 && at_least(train, 1.0) && at_least(val, 0.9);
    u32::from(overfit) | u32::from(shallow) << 1 | u32::from(forest) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::trees::params::{Pace, TreesParams};
    use crate::query::{parse_query, LabParams, QueryReader};

    /// The lab from an address, grown as the page's play button grows it (frame by frame, at
    /// the fastest pace) for at most `frames` frames, and the challenges read off it.
    fn after(query: &str, frames: usize) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let p = TreesParams::from_query(&mut reader);
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        let mut e = TreesEngine::new(TreesParams { speed: Pace::Max, ..p });
        crate::labs::trees::engine::grow(&mut e, frames);
        met(&Now::of(&e))
    }

    const GROWN: usize = 10_000;

    #[test]
    fn the_default_lab_meets_none() {
        // Fully grown, the default tree fits the moons with 100 % on both sets: no gap.
        assert_eq!(after("", GROWN), 0);
        assert_eq!(after("", 3), 0, "a tree still growing is not judged");
        assert_eq!(after("model=forest", GROWN), 0, "the default forest, on the default noise");
    }

    #[test]
    fn a_deep_tree_overfits_noisy_moons() {
        // Noise 50 %: 100 % on training, 81.7 % on validation.
        assert_eq!(after("noise=50", GROWN), 1);
        assert_eq!(after("noise=50", 3), 0, "only once it is fully grown");
        assert_eq!(after("noise=50&depth=8", GROWN), 0, "a depth limit, even one it never reaches, is not 'no limit'");
    }

    #[test]
    fn a_shallow_tree_holds_up_on_noise() {
        // Depth 2 on moons at 50 % noise: 86.7 % on validation.
        assert_eq!(after("noise=50&depth=2", GROWN), 2);
        assert_eq!(after("noise=50&depth=4", GROWN), 0, "depth 4 is deeper than asked (and scores 81.7 %)");
    }

    #[test]
    fn a_forest_of_deep_trees_votes_the_noise_away() {
        // Moons at 45 %, seed 2: each tree fits its sample (100 %), the vote 93.3 % on validation.
        assert_eq!(after("noise=45&seed=2&model=forest", GROWN), 4);
        assert_eq!(after("noise=45&seed=2&model=forest&trees=20", GROWN), 0, "too few trees");
        assert_eq!(after("noise=45&seed=2&model=forest", 3), 0, "a forest still growing is not judged");
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { model: ModelKind::Tree, noise: 50, depth: 0, trees: 100, forest_depth: 0, complete: true, train_acc: Some(1.0), val_acc: Some(0.85) };
        assert_eq!(met(&base), 1);
        assert_eq!(met(&Now { val_acc: Some(0.86), ..base }), 0, "a gap of 14 points");
        assert_eq!(met(&Now { train_acc: Some(0.99), val_acc: Some(0.5), ..base }), 0, "not 100 % on training");
        assert_eq!(met(&Now { complete: false, ..base }), 0);
        assert_eq!(met(&Now { val_acc: None, ..base }), 0);
        assert_eq!(met(&Now { val_acc: Some(f32::NAN), ..base }), 0);
        let shallow = Now { depth: 3, noise: 40, train_acc: Some(0.9), val_acc: Some(51.0 / 60.0), ..base };
        assert_eq!(met(&shallow), 2);
        assert_eq!(met(&Now { val_acc: Some(50.0 / 60.0), ..shallow }), 0);
        assert_eq!(met(&Now { depth: 4, ..shallow }), 0);
        assert_eq!(met(&Now { noise: 39, ..shallow }), 0);
        assert_eq!(met(&Now { model: ModelKind::Forest, ..shallow }), 0);
        let forest = Now { model: ModelKind::Forest, noise: 40, trees: 50, val_acc: Some(54.0 / 60.0), ..base };
        assert_eq!(met(&forest), 4);
        assert_eq!(met(&Now { val_acc: Some(53.0 / 60.0), ..forest }), 0);
        assert_eq!(met(&Now { trees: 49, ..forest }), 0);
        assert_eq!(met(&Now { forest_depth: 6, ..forest }), 0);
        assert_eq!(met(&Now { train_acc: Some(0.99), ..forest }), 0);
        assert_eq!(met(&Now { noise: 35, ..forest }), 0);
        assert_eq!(met(&Now { model: ModelKind::Boosting, ..forest }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(TC::ALL, &[]);
    }
}
