//! The language lab's challenges (see [`crate::components::challenges`]), read off its counters.

use super::engine::LanguageEngine;
use crate::i18n::Label;

crate::i18n::table! {
    LC;
    Small => "With 1 block and 1 head, get validation perplexity below half the bigram's.",
             "עם בלוק אחד וראש אחד, הורידו את הפרפלקסיטי בוולידציה אל מתחת לחצי מזו של הביגרם.";
    Loop => "Make it loop: after 5+ epochs, write 30+ tokens with ≥ 30 % repeated runs.",
            "גרמו לו להיתקע בלולאה: אחרי 5 אפוקים לפחות, כתבו 30 טוקנים לפחות עם 30% רצפים חוזרים לפחות.";
    Overfit => "Overfit: training perplexity below 2, validation perplexity above the bigram's.",
               "התאמת יתר: פרפלקסיטי באימון מתחת ל־2, ובוולידציה מעל זו של הביגרם.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[LC::Small, LC::Loop, LC::Overfit];

/// What the page shows now.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub epoch: usize,
    pub layers: usize,
    pub heads: usize,
    pub train: f64,
    pub val: f64,
    pub bigram: f64,
    /// Tokens written, and the share of their 3-token runs seen before.
    pub written: usize,
    pub repeated: f64,
}

/// The engine's goals met now.
pub fn now(e: &LanguageEngine) -> u32 {
    let Some(m) = e.model() else { return 0 };
    let (train, val) = m.perplexity();
    met(&Now {
        epoch: m.trainer().epoch(),
        layers: e.params.layers,
        heads: e.params.heads,
        train,
        val,
        bigram: m.baseline_perplexity().1,
        written: e.writing.written.len(),
        repeated: e.repetition().unwrap_or(0.0),
    })
}

/// Which goals are met (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let ok = n.epoch >= 1 && n.train.is_finite() && n.val.is_finite() && n.bigram.is_finite();
    let small = ok && n.layers == 1 && n.heads == 1 && n.val < 0.5 * n.bigram;
    let looped = n.epoch >= 5 && n.written >= 30 && n.repeated >= 0.3;
    let overfit = ok && n.train < 2.0 && n.val > n.bigram;
    u32::from(small) | u32::from(looped) << 1 | u32::from(overfit) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::language::params::LanguageParams;
    use crate::query::read_query;

    /// Trains from an address until its epochs are done (as the page does), then writes.
    fn after(query: &str) -> (LanguageEngine, u32) {
        let (p, rejected) = read_query::<LanguageParams>(query);
        assert!(rejected.is_empty(), "{query}: {rejected:?}");
        let mut e = LanguageEngine::new(p);
        while e.advance(1e9, &|| 0.0) {}
        let trained = now(&e);
        e.start_writing();
        while e.write_one() {}
        let bits = trained | now(&e);
        (e, bits)
    }

    #[test]
    fn the_default_lab_meets_none() {
        let (e, bits) = after("");
        assert_eq!(e.model().map(|m| m.trainer().epoch()), Some(30));
        assert_eq!(bits, 0);
        // Greedy, the default model answers without looping.
        let (p, _) = read_query::<LanguageParams>("temperature=0");
        let mut e = e;
        e.apply(p);
        e.start_writing();
        while e.write_one() {}
        assert_eq!(now(&e), 0, "{:?}", e.repetition());
    }

    #[test]
    fn a_small_greedy_model_beats_the_bigram_and_loops() {
        let (e, bits) = after("layers=1&heads=1&epochs=10&temperature=0");
        assert_eq!(bits & 0b011, 0b011, "{:?} {:?}", e.model().map(|m| (m.perplexity(), m.baseline_perplexity())), e.repetition());
    }

    #[test]
    fn a_small_text_is_overfit() {
        let (e, bits) = after("documents=50&epochs=60");
        assert_eq!(bits & 4, 4, "{:?}", e.model().map(|m| (m.perplexity(), m.baseline_perplexity())));
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { epoch: 10, layers: 2, heads: 2, train: 2.5, val: 3.0, bigram: 6.7, written: 30, repeated: 0.1 };
        assert_eq!(met(&base), 0);
        let small = Now { layers: 1, heads: 1, ..base };
        assert_eq!(met(&small), 1);
        assert_eq!(met(&Now { val: 3.35, ..small }), 0);
        assert_eq!(met(&Now { heads: 2, ..small }), 0);
        assert_eq!(met(&Now { epoch: 0, ..small }), 0);
        assert_eq!(met(&Now { val: f64::NAN, ..small }), 0);
        let looped = Now { repeated: 0.3, ..base };
        assert_eq!(met(&looped), 2);
        assert_eq!(met(&Now { written: 29, ..looped }), 0);
        assert_eq!(met(&Now { epoch: 4, ..looped }), 0, "an untrained model loops for nothing");
        assert_eq!(met(&Now { repeated: 0.29, ..looped }), 0);
        let overfit = Now { train: 1.9, val: 7.0, ..base };
        assert_eq!(met(&overfit), 4);
        assert_eq!(met(&Now { train: 2.0, ..overfit }), 0);
        assert_eq!(met(&Now { val: 6.7, ..overfit }), 0);
        assert_eq!(met(&Now { train: f64::NAN, ..overfit }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(LC::ALL, &[]);
    }
}
