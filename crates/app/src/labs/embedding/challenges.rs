//! The embedding lab's challenges (see [`crate::components::challenges`]): read off the analogy
//! test the page scores after every epoch.

use super::engine::EmbeddingEngine;
use super::params::Source;
use crate::i18n::Label;

crate::i18n::table! {
    EC;
    FewDims => "Analogy test ≥ 75 % with at most 10 dimensions.", "מבחן האנלוגיות: 75% לפחות, עם 10 ממדים לכל היותר.";
    English => "English corpus: get the analogy test to ≥ 97 % (the default run reaches about 92 %).",
               "קורפוס באנגלית: הגיעו ל-97% לפחות במבחן האנלוגיות (ההרצה עם ברירות המחדל מגיעה לבערך 92%).";
    Fast => "Analogy test ≥ 90 % after at most 2 epochs.", "מבחן האנלוגיות: 90% לפחות אחרי 2 אפוקים לכל היותר.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[EC::FewDims, EC::English, EC::Fast];

/// What the run shows now, as the challenges read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    pub english: bool,
    /// The trained vectors' length.
    pub dim: usize,
    /// The last finished epoch and the analogy test's accuracy after it.
    pub score: Option<(usize, f64)>,
}

impl Now {
    pub fn of(e: &EmbeddingEngine) -> Option<Now> {
        let m = e.model.as_ref()?;
        Some(Now { english: e.params.corpus == Source::English, dim: m.settings().dim, score: e.scores.last().copied() })
    }
}

/// Which goals the run meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    // Epoch 0 is the random start: it meets nothing.
    let Some((epoch, acc)) = n.score.filter(|&(e, a)| e >= 1 && a.is_finite()) else { return 0 };
    u32::from(n.dim <= 10 && acc >= 0.75) | u32::from(n.english && acc >= 0.97) << 1 | u32::from(epoch <= 2 && acc >= 0.9) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::embedding::params::EmbeddingParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// Trains word2vec from an address to the end of its epochs; the goals met at each epoch,
    /// or-ed as the page keeps them.
    fn after(query: &str) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = EmbeddingEngine::new(EmbeddingParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        assert!(e.error.is_none(), "{query}");
        let mut done = 0;
        // A frame of 50 ms at the fastest pace: several frames an epoch.
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        while e.advance(50.0, &now) {
            done |= met(&Now::of(&e).expect("a model"));
        }
        done | met(&Now::of(&e).expect("a model"))
    }

    #[test]
    fn the_default_lab_meets_none() {
        assert_eq!(after("speed=max"), 0, "the defaults must leave every goal to the learner");
    }

    #[test]
    fn each_goal_can_be_met() {
        // 10 dimensions: 78.8 %.
        assert_eq!(after("dim=10&speed=max") & 1, 1);
        // Subsampling off: 99.0 %.
        assert_eq!(after("sample=0&speed=max") & 2, 2);
        // A learning rate four times word2vec's over two epochs: 90.9 %.
        assert_eq!(after("epochs=2&lr=0.1&speed=max") & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let few = Now { english: true, dim: 10, score: Some((10, 0.75)) };
        assert_eq!(met(&few), 1);
        assert_eq!(met(&Now { dim: 11, ..few }), 0);
        assert_eq!(met(&Now { score: Some((10, 0.749)), ..few }), 0);
        let english = Now { english: true, dim: 50, score: Some((10, 0.97)) };
        assert_eq!(met(&english), 2);
        assert_eq!(met(&Now { english: false, ..english }), 0, "the Hebrew corpus is easier");
        assert_eq!(met(&Now { score: Some((10, 0.969)), ..english }), 0);
        let fast = Now { english: true, dim: 50, score: Some((2, 0.9)) };
        assert_eq!(met(&fast), 4);
        assert_eq!(met(&Now { score: Some((3, 0.95)), ..fast }), 0);
        assert_eq!(met(&Now { score: Some((2, 0.89)), ..fast }), 0);
        // Before training, and never on NaN.
        assert_eq!(met(&Now { score: Some((0, 1.0)), ..few }), 0);
        assert_eq!(met(&Now { score: Some((5, f64::NAN)), ..few }), 0);
        assert_eq!(met(&Now { score: None, ..few }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(EC::ALL, &[]);
    }
}
