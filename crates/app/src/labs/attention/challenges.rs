//! The attention lab's challenges (see [`crate::components::challenges`]): see reversing fail
//! without positions, learn to sort, and reverse a long question with a single head.

use perplexed_core::attention::model::{NetSpec, Position};
use perplexed_core::attention::tasks::Task;

use super::engine::AttentionEngine;
use crate::i18n::Label;

crate::i18n::table! {
    AC;
    NoPosition => "Reverse with no position code and no mask: after 5 epochs, 0 % of the validation questions all right.",
                  "היפוך בלי קידוד מיקום ובלי מסכה: אחרי 5 אפוקים, 0% משאלות הוולידציה נענו נכון במלואן.";
    Sort => "Sort: at least 95 % of the validation questions all right.",
            "מיון: לפחות 95% משאלות הוולידציה נענו נכון במלואן.";
    OneHead => "Reverse 16 numbers with one layer of one head: at least 95 % of the validation questions all right.",
               "היפוך של 16 מספרים עם שכבה אחת וראש אחד: לפחות 95% משאלות הוולידציה נענו נכון במלואן.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[AC::NoPosition, AC::Sort, AC::OneHead];

/// What the run shows now, as the challenges read it (as the trainer was built).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    pub task: Option<Task>,
    /// Numbers in the question.
    pub length: usize,
    pub net: NetSpec,
    pub epoch: usize,
    /// Validation questions entirely right (the last measured epoch).
    pub exact: Option<f32>,
}

impl Now {
    pub fn of(e: &AttentionEngine) -> Option<Now> {
        let t = e.trainer()?;
        Some(Now { task: t.set().task, length: t.set().length, net: t.net().spec(), epoch: t.epoch(), exact: e.accuracies().0 })
    }
}

/// Which goals the run meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let exact = n.exact.filter(|a| a.is_finite() && n.epoch >= 1);
    let reverse = n.task == Some(Task::Reverse);
    let blind = reverse && n.net.position == Position::None && !n.net.causal && n.epoch >= 5 && exact.is_some_and(|a| a < 0.005);
    let sort = n.task == Some(Task::Sort) && exact.is_some_and(|a| a >= 0.95);
    let one = reverse && n.length >= 16 && n.net.layers == 1 && n.net.heads == 1 && exact.is_some_and(|a| a >= 0.95);
    u32::from(blind) | u32::from(sort) << 1 | u32::from(one) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::run_to_end;
    use crate::query::understood;

    /// Trains the lab from an address (at full speed, up to its `epochs`) and reads the goals.
    fn after(query: &str) -> u32 {
        let mut e = AttentionEngine::new(understood(query));
        assert!(e.runs.error.is_none(), "{query}");
        run_to_end(&mut e);
        met(&Now::of(&e).expect("a trainer"))
    }

    #[test]
    fn the_default_lab_meets_none() {
        // Reverse-8 with learned positions, trained to its own stop (50 epochs).
        assert_eq!(after("speed=max"), 0, "the defaults must leave every goal to the learner");
    }

    #[test]
    fn each_goal_can_be_met() {
        assert_eq!(after("position=none&epochs=5&speed=max") & 1, 1);
        assert_eq!(after("task=sort&epochs=30&speed=max") & 2, 2);
        assert_eq!(after("length=16&layers=1&heads=1&epochs=30&speed=max") & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let none = NetSpec { position: Position::None, ..NetSpec::default() };
        let blind = Now { task: Some(Task::Reverse), length: 8, net: none, epoch: 5, exact: Some(0.0) };
        assert_eq!(met(&blind), 1);
        assert_eq!(met(&Now { epoch: 4, ..blind }), 0, "too soon to say");
        assert_eq!(met(&Now { exact: Some(0.01), ..blind }), 0);
        assert_eq!(met(&Now { exact: None, ..blind }), 0, "nothing measured");
        assert_eq!(met(&Now { net: NetSpec { causal: true, ..none }, ..blind }), 0, "the mask tells some order");
        assert_eq!(met(&Now { net: NetSpec::default(), ..blind }), 0, "learned positions");
        let sort = Now { task: Some(Task::Sort), length: 8, net: NetSpec::default(), epoch: 20, exact: Some(0.95) };
        assert_eq!(met(&sort), 2);
        assert_eq!(met(&Now { exact: Some(0.949), ..sort }), 0);
        assert_eq!(met(&Now { exact: Some(f32::NAN), ..sort }), 0);
        let single = NetSpec { layers: 1, heads: 1, ..NetSpec::default() };
        let one = Now { task: Some(Task::Reverse), length: 16, net: single, epoch: 20, exact: Some(0.96) };
        assert_eq!(met(&one), 4);
        assert_eq!(met(&Now { length: 14, ..one }), 0);
        assert_eq!(met(&Now { net: NetSpec { heads: 2, ..single }, ..one }), 0);
        assert_eq!(met(&Now { net: NetSpec { layers: 2, ..single }, ..one }), 0);
        assert_eq!(met(&Now { exact: Some(0.94), ..one }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(AC::ALL, &[]);
    }
}
