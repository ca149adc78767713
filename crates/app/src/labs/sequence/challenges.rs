//! The sequence lab's challenges (see [`crate::components::challenges`]): beat the naive
//! forecast, watch a plain RNN's gradient vanish, and race an LSTM against it across a long gap.

use perplexed_core::sequence::tasks::Task;
use perplexed_core::tensor::layers::CellKind;

use super::engine::SequenceEngine;
use crate::i18n::Label;

crate::i18n::table! {
    SC;
    TwoSines => "Forecast two sines at once with a validation MSE under half that of “repeat the last value”.",
                "חזו שני סינוסים יחד עם MSE בוולידציה שקטן מחצי ה-MSE של „חזרה על הערך האחרון”.";
    Vanish => "Remember the first symbol with a plain RNN and watch the gradient vanish: the first step receives under 0.1 % of what the last one does.",
              "במשימה „לזכור את הסמל הראשון”, עם RNN פשוטה, צפו בגרדיאנט הנעלם: הצעד הראשון מקבל פחות מ-0.1% ממה שהצעד האחרון מקבל.";
    Race => "Remember the first symbol through a delay of at least 30: an LSTM at validation accuracy ≥ 90 % while a plain RNN racing it stays under 40 %.",
            "זכרו את הסמל הראשון לאורך השהיה של 30 לפחות: LSTM עם דיוק של 90% לפחות בוולידציה, בזמן שרשת RNN פשוטה במרוץ מולה נשארת מתחת ל-40%.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[SC::TwoSines, SC::Vanish, SC::Race];

/// What the run shows now, as the challenges read it (all of it as the trainers were built).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    pub task: Task,
    /// Steps per sequence (recall: the delay + 1).
    pub steps: usize,
    pub cell: CellKind,
    /// The racing network's cell, if any.
    pub rival: Option<CellKind>,
    pub epoch: usize,
    pub val_loss: f32,
    /// "Repeat the last value"'s validation MSE (forecasting).
    pub baseline: Option<f32>,
    pub val_acc: f32,
    pub rival_acc: f32,
    /// ‖∂L/∂h₁‖ ÷ ‖∂L/∂h_T‖ after the last mini-batch (NaN before one).
    pub reach: f32,
}

impl Now {
    /// The numbers off the engine (none without a trainer).
    pub fn of(e: &SequenceEngine) -> Option<Now> {
        let t = e.trainer()?;
        let latest = e.latest(false)?;
        let g = t.gradient_through_time();
        let reach = match (g.first(), g.last()) {
            (Some(&a), Some(&b)) if b > 0.0 => a / b,
            _ => f32::NAN,
        };
        Some(Now {
            task: t.set().task,
            steps: t.set().steps,
            cell: t.net().spec().cell,
            rival: e.rival().map(|r| r.net().spec().cell),
            epoch: t.epoch(),
            val_loss: latest.val_loss,
            baseline: e.baseline(),
            val_acc: latest.val_acc,
            rival_acc: e.latest(true).map_or(f32::NAN, |m| m.val_acc),
            reach,
        })
    }
}

/// Which goals the run meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let sines = n.task == Task::TwoSines && n.epoch >= 1 && n.val_loss.is_finite() && n.baseline.is_some_and(|b| b.is_finite() && n.val_loss < 0.5 * b);
    let vanish = n.task == Task::Recall && n.cell == CellKind::Rnn && n.reach.is_finite() && n.reach > 0.0 && n.reach < 0.001;
    let race = n.task == Task::Recall && n.steps > 30 && n.epoch >= 1 && n.cell == CellKind::Lstm && n.rival == Some(CellKind::Rnn)
        && n.val_acc.is_finite() && n.rival_acc.is_finite() && n.val_acc >= 0.9 && n.rival_acc < 0.4;
    u32::from(sines) | u32::from(vanish) << 1 | u32::from(race) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::run_to_end;
    use crate::query::understood;

    /// Trains the lab from an address (at full speed, up to its `epochs`) and reads the goals.
    fn after(query: &str) -> u32 {
        let mut e = SequenceEngine::new(understood(query));
        assert!(e.runs.error.is_none(), "{query}");
        run_to_end(&mut e);
        met(&Now::of(&e).expect("a trainer"))
    }

    #[test]
    fn the_default_lab_meets_none() {
        // The default sine, 20 epochs (ten seconds of watching).
        assert_eq!(after("epochs=20&speed=max"), 0, "the defaults must leave every goal to the learner");
    }

    #[test]
    fn two_sines_beat_the_naive_forecast() {
        assert_eq!(after("task=two-sines&epochs=20&speed=max") & 1, 1);
    }

    #[test]
    fn a_plain_rnn_loses_the_gradient_over_a_long_delay() {
        assert_eq!(after("task=recall&delay=30&cell=rnn&epochs=1&speed=max") & 2, 2);
        // The LSTM's cell carries it.
        assert_eq!(after("task=recall&delay=30&epochs=1&speed=max") & 2, 0);
    }

    #[test]
    fn the_race_over_thirty_steps_is_won_by_the_lstm() {
        // docs/SEQUENCE-RECALL.md, rows 18 and 20 (seed 1): LSTM 1.00, RNN 0.25 at epoch 20.
        assert_eq!(after("task=recall&delay=30&examples=2000&lr=0.003&vs=rnn&epochs=20&speed=max") & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let sines = Now { task: Task::TwoSines, steps: 20, cell: CellKind::Lstm, rival: None, epoch: 10, val_loss: 0.049, baseline: Some(0.1), val_acc: f32::NAN, rival_acc: f32::NAN, reach: 0.5 };
        assert_eq!(met(&sines), 1);
        assert_eq!(met(&Now { val_loss: 0.05, ..sines }), 0, "exactly half is not under half");
        assert_eq!(met(&Now { task: Task::Sine, ..sines }), 0);
        assert_eq!(met(&Now { val_loss: f32::NAN, ..sines }), 0);
        assert_eq!(met(&Now { epoch: 0, ..sines }), 0);
        let vanish = Now { task: Task::Recall, steps: 31, cell: CellKind::Rnn, rival: None, epoch: 0, val_loss: 1.3, baseline: None, val_acc: 0.25, rival_acc: f32::NAN, reach: 0.0009 };
        assert_eq!(met(&vanish), 2);
        assert_eq!(met(&Now { reach: 0.001, ..vanish }), 0);
        assert_eq!(met(&Now { reach: f32::NAN, ..vanish }), 0, "no mini-batch yet");
        assert_eq!(met(&Now { cell: CellKind::Gru, ..vanish }), 0);
        let race = Now { task: Task::Recall, steps: 31, cell: CellKind::Lstm, rival: Some(CellKind::Rnn), epoch: 40, val_loss: 0.1, baseline: None, val_acc: 0.9, rival_acc: 0.39, reach: 0.01 };
        assert_eq!(met(&race), 4);
        assert_eq!(met(&Now { steps: 30, ..race }), 0, "a delay of 29");
        assert_eq!(met(&Now { val_acc: 0.89, ..race }), 0);
        assert_eq!(met(&Now { rival_acc: 0.4, ..race }), 0);
        assert_eq!(met(&Now { rival: Some(CellKind::Gru), ..race }), 0);
        assert_eq!(met(&Now { rival: None, rival_acc: f32::NAN, ..race }), 0);
        assert_eq!(met(&Now { val_acc: f32::NAN, ..race }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(SC::ALL, &[]);
    }
}
