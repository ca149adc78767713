//! The CNN lab's challenges (see [`crate::components::challenges`]).

use crate::i18n::Label;

crate::i18n::table! {
    CC;
    Small => "Validation accuracy ≥ 90 % with at most 400 parameters.", "דיוק של 90% לפחות בוולידציה עם 400 פרמטרים לכל היותר.";
    Few => "Train on at most 10 % of the digits: validation accuracy ≥ 90 %.", "אמנו על 10% מהספרות לכל היותר: דיוק של 90% לפחות בוולידציה.";
    Overfit => "Overfit: training accuracy 100 %, validation at least 10 points lower.", "התאמת יתר: דיוק של 100% באימון, ובוולידציה נמוך ממנו ב-10 נקודות לפחות.";
}

pub const GOALS: &[Label] = &[CC::Small, CC::Few, CC::Overfit];

/// Which goals are met (bit `i` for `GOALS[i]`), from the trained network's parameter count
/// and training share, and the last (training, validation) accuracies.
pub fn met(params: usize, train_pct: u32, (train, val): (Option<f32>, Option<f32>)) -> u32 {
    let (Some(train), Some(val)) = (train, val) else { return 0 };
    u32::from(params <= 400 && val >= 0.9) | u32::from(train_pct <= 10 && val >= 0.9) << 1 | u32::from(train >= 1.0 && train - val >= 0.1) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::cnn::engine::CnnEngine;
    use crate::labs::cnn::params::CnnParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    const PACKED: &[u8] = include_bytes!("../../../../../web/data/digits-8x8.bin");

    /// Trains the lab from an address (at full speed, up to its `epochs`) and reads the goals
    /// as the page does.
    fn after(query: &str) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = CnnEngine::new(CnnParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        e.set_data(PACKED);
        while e.advance(1e9, &|| 0.0) {}
        let t = e.trainer().expect("a trainer");
        met(t.net().architecture().param_count(), t.settings().train_pct, e.accuracies())
    }

    #[test]
    fn the_default_lab_meets_none_and_each_goal_can_be_met() {
        // The default network (1,370 parameters), trained to its own stop (50 epochs).
        assert_eq!(after("speed=max"), 0, "the defaults must leave every goal to the learner");
        // Two filters: 350 parameters.
        assert_eq!(after("filters=2&epochs=30&speed=max") & 1, 1);
        assert_eq!(after("train=10&epochs=50&speed=max") & 2, 2);
        assert_eq!(after("train=5&epochs=50&speed=max") & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        assert_eq!(met(400, 60, (Some(0.95), Some(0.9))), 1);
        assert_eq!(met(401, 60, (Some(0.95), Some(0.9))), 0);
        assert_eq!(met(350, 60, (Some(0.95), Some(0.89))), 0);
        assert_eq!(met(1370, 10, (Some(0.95), Some(0.9))), 2);
        assert_eq!(met(1370, 11, (Some(0.95), Some(0.9))), 0);
        assert_eq!(met(1370, 60, (Some(1.0), Some(0.9))), 4);
        assert_eq!(met(1370, 60, (Some(1.0), Some(0.91))), 0);
        assert_eq!(met(1370, 60, (Some(0.99), Some(0.8))), 0, "not all of the training digits");
        // Nothing measured (or NaN, which `accuracies` leaves out): nothing met.
        assert_eq!(met(180, 5, (None, Some(0.99))), 0);
        assert_eq!(met(180, 5, (Some(1.0), None)), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(CC::ALL, &[]);
    }
}
