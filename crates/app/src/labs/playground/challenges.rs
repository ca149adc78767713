//! The Playground's challenges (see [`crate::components::challenges`]): what a learner can try
//! with its controls, each checked on the numbers the page shows.

use perplexed_core::data::dataset::DatasetKind;

use crate::i18n::Label;

crate::i18n::table! {
    PC;
    Spiral => "Spiral: validation accuracy ≥ 90 % with at most 8 hidden neurons in all.",
              "ספירלה: דיוק של 90% לפחות על סט האימות, עם 8 נוירונים חבויים לכל היותר בסך הכול.";
    XorFlat => "XOR with no hidden layer at all: validation accuracy ≥ 95 % (the features hold the trick).",
               "XOR בלי אף שכבה חבויה: דיוק של 95% לפחות על סט האימות (הטריק נמצא במאפיינים).";
    Overfit => "Overfit on purpose: after 200 epochs, a validation loss at least twice the training loss and 0.1 above it.",
               "התאמת יתר בכוונה: אחרי 200 אפוקים, הפסד אימות גדול לפחות פי שניים מהפסד האימון, והפער ביניהם 0.1 לפחות.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[PC::Spiral, PC::XorFlat, PC::Overfit];

/// What the run shows now, as the challenges read it.
pub struct Now<'a> {
    pub dataset: DatasetKind,
    /// Input, hidden and output widths (core's `layer_sizes`); empty with no model.
    pub sizes: &'a [usize],
    pub epoch: usize,
    pub train_loss: f32,
    pub val_loss: f32,
    /// Validation accuracy (classification).
    pub val_score: Option<f32>,
}

/// Which goals the run meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let hidden = n.sizes.get(1..n.sizes.len().saturating_sub(1)).unwrap_or(&[]);
    let accuracy = n.val_score.filter(|a| a.is_finite()).unwrap_or(0.0);
    let spiral = n.dataset == DatasetKind::Spiral && !n.sizes.is_empty() && hidden.iter().sum::<usize>() <= 8 && accuracy >= 0.9;
    let xor = n.dataset == DatasetKind::Xor && n.sizes.len() == 2 && accuracy >= 0.95;
    let overfit = n.epoch >= 200 && n.train_loss.is_finite() && n.val_loss.is_finite() && n.val_loss >= 2.0 * n.train_loss && n.val_loss - n.train_loss >= 0.1;
    u32::from(spiral) | u32::from(xor) << 1 | u32::from(overfit) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::playground::engine::Engine;
    use crate::labs::playground::params::PlaygroundParams;
    use crate::query::{parse_query, LabParams, QueryReader};
    use perplexed_core::data::split::Role;

    /// Trains the Playground from an address for `epochs` and reads the challenges off it.
    fn after(query: &str, epochs: usize) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = Engine::new(PlaygroundParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        for _ in 0..epochs {
            e.step();
        }
        let (train, val) = (e.metrics(Role::Train).expect("train metrics"), e.metrics(Role::Validation).expect("validation metrics"));
        let sizes = e.trainer().map(|t| t.mlp().layer_sizes()).unwrap_or_default();
        met(&Now { dataset: e.params.dataset, sizes: &sizes, epoch: e.epoch(), train_loss: train.loss, val_loss: val.loss, val_score: val.accuracy })
    }

    #[test]
    fn the_default_lab_meets_none_and_each_goal_can_be_met() {
        assert_eq!(after("", 200), 0, "the defaults must leave every goal to the learner");
        // The spiral with x1, x2, sin x1, sin x2 and one layer of 8: a solution a learner can find.
        assert_eq!(after("dataset=spiral&features=x1,x2,sinx1,sinx2&layers=8&lr=0.03", 400) & 1, 1);
        // XOR is one product away from linear.
        assert_eq!(after("dataset=xor&features=x1x2&layers=", 100) & 2, 2);
        // Few noisy points, a wide network, no regularization: memorized.
        assert_eq!(after("dataset=spiral&noise=50&points=50&train=30&val=40&layers=32,32&lr=0.03", 200) & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { dataset: DatasetKind::Spiral, sizes: &[2, 8, 2], epoch: 10, train_loss: 0.1, val_loss: 0.15, val_score: Some(0.92) };
        assert_eq!(met(&base), 1);
        // Nine hidden neurons are one too many.
        assert_eq!(met(&Now { sizes: &[2, 5, 4, 2], ..base }), 0);
        // No validation set: no accuracy to check.
        assert_eq!(met(&Now { val_score: None, ..base }), 0);
        // XOR needs no hidden layer at all.
        assert_eq!(met(&Now { dataset: DatasetKind::Xor, sizes: &[1, 2], val_score: Some(0.96), ..base }), 2);
        assert_eq!(met(&Now { dataset: DatasetKind::Xor, sizes: &[1, 2, 2], val_score: Some(0.96), ..base }), 0);
        // Overfitting is read only after 200 epochs, and never on NaN.
        assert_eq!(met(&Now { dataset: DatasetKind::Circle, epoch: 200, train_loss: 0.1, val_loss: 0.25, ..base }), 4);
        // Twice a tiny loss is still a tiny gap: not overfitting to see.
        assert_eq!(met(&Now { dataset: DatasetKind::Circle, epoch: 200, train_loss: 0.001, val_loss: 0.003, ..base }), 0);
        assert_eq!(met(&Now { dataset: DatasetKind::Circle, epoch: 199, train_loss: 0.1, val_loss: 0.25, ..base }), 0);
        assert_eq!(met(&Now { dataset: DatasetKind::Circle, epoch: 300, train_loss: f32::NAN, val_loss: 0.2, ..base }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(PC::ALL, &[]);
    }
}
