//! The data lab's challenges (see [`crate::components::challenges`]): a leak caught, one
//! feature that is enough, and the scaling a distance needs — each read off the models' scores.

use perplexed_core::workflow::ModelKind;

use super::engine::DataEngine;
use super::fit::headline;
use super::params::{Demo, Source};
use crate::i18n::Label;

crate::i18n::table! {
    DC;
    Leak => "Spot a leak: a model with ≥ 99 % on validation and a test score at least 20 points lower.",
            "זהו דליפה: מודל עם 99% לפחות באימות, וציון מבחן נמוך ממנו ב־20 נקודות לפחות.";
    OneFeature => "Iris with a single feature: validation accuracy ≥ 95 %.",
                  "אירוס עם מאפיין אחד בלבד: דיוק של 95% לפחות באימות.";
    Scaling => "Wine: switch standardising off and get k-NN's validation accuracy below 80 %.",
               "יין: כבו את תקנון המספרים והביאו את הדיוק של k-NN באימות אל מתחת ל־80%.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[DC::Leak, DC::OneFeature, DC::Scaling];

/// What the models show now, as the challenges read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Now {
    /// The table the models were fitted on (none loaded yet: `None`).
    pub table: Option<Source>,
    pub demo: Demo,
    pub standardise: bool,
    /// Features the honest models read (after one-hot encoding).
    pub features: usize,
    /// The honest variant's best validation score.
    pub best_val: Option<f64>,
    /// The honest k-NN's validation score.
    pub knn_val: Option<f64>,
    /// The trap variant's (validation, test) scores of the model that fell furthest.
    pub trap: Option<(f64, f64)>,
}

/// Reads the engine: the settings the models were fitted with and their scores.
pub fn now(e: &DataEngine) -> Now {
    let m = e.models.as_ref().filter(|m| m.error.is_none());
    let honest = m.and_then(|m| m.honest());
    let score = |r: &super::fit::ModelResult, test: bool| if test { r.test.as_ref() } else { r.val.as_ref() }.and_then(headline).filter(|s| s.is_finite());
    let trap = m.filter(|m| m.variants.len() == 2).and_then(|m| {
        m.variants[0].results.iter().filter_map(|r| Some((score(r, false)?, score(r, true)?))).max_by(|a, b| (a.0 - a.1).total_cmp(&(b.0 - b.1)))
    });
    Now {
        table: e.loaded.as_ref().map(|l| l.source),
        demo: m.map_or(Demo::None, |m| m.demo),
        standardise: e.params.standardise,
        features: honest.map_or(0, |v| v.train.n_features),
        best_val: honest.and_then(|v| v.best()).and_then(|k| honest.and_then(|v| score(&v.results[k], false))),
        knn_val: honest.and_then(|v| v.results.iter().find(|r| r.kind == ModelKind::Knn)).and_then(|r| score(r, false)),
        trap,
    }
}

/// Which goals the models meet now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let leak = n.demo == Demo::Leak && n.trap.is_some_and(|(val, test)| val >= 0.99 && test <= val - 0.2);
    let one = n.table == Some(Source::Iris) && n.features == 1 && n.best_val.is_some_and(|s| s >= 0.95);
    let scaling = n.table == Some(Source::Wine) && !n.standardise && n.demo == Demo::None && n.knn_val.is_some_and(|s| s < 0.8);
    u32::from(leak) | u32::from(one) << 1 | u32::from(scaling) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::data::params::DataParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// Loads the address's table, fits every model to the end (as the page's frames do), scores
    /// the test set, and reads the challenges.
    fn after(query: &str) -> (Now, u32) {
        let mut reader = QueryReader::new(parse_query(query));
        let p = DataParams::from_query(&mut reader);
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        let file = p.table.file().expect("a built-in table");
        let bytes = std::fs::read(format!("{}/../../web/{file}", env!("CARGO_MANIFEST_DIR"))).expect("the table");
        let mut e = DataEngine::new(p.clone());
        e.load(p.table, file, bytes);
        while e.advance(1e9, &|| 0.0) {}
        if let Some(m) = e.models.as_mut() {
            m.reveal_test();
        }
        while e.advance(1e9, &|| 0.0) {}
        let n = now(&e);
        (n, met(&n))
    }

    #[test]
    fn the_default_lab_meets_none() {
        let (n, bits) = after("");
        assert_eq!(bits, 0, "{n:?}");
        assert!(n.best_val.is_some() && n.features == 4, "{n:?}");
    }

    #[test]
    fn each_goal_can_be_met() {
        let (n, bits) = after("table=breast-cancer&demo=leak&models=tree");
        assert_eq!(bits & 1, 1, "{n:?}");
        // Petal width alone tells the three irises apart.
        let (n, bits) = after("exclude=1-3");
        assert_eq!(bits & 2, 2, "{n:?}");
        let (n, bits) = after("table=wine&standardise=false");
        assert_eq!(bits & 4, 4, "{n:?}");
        // With standardising, k-NN is fine on wine: the goal is the scaling, not the table.
        let (n, bits) = after("table=wine");
        assert_eq!(bits, 0, "{n:?}");
        assert!(n.knn_val.is_some_and(|s| s >= 0.9), "{n:?}");
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { table: Some(Source::Iris), demo: Demo::None, standardise: true, features: 4, best_val: Some(0.97), knn_val: Some(0.95), trap: None };
        assert_eq!(met(&base), 0);
        let leak = Now { demo: Demo::Leak, trap: Some((0.99, 0.79)), ..base };
        assert_eq!(met(&leak), 1);
        assert_eq!(met(&Now { trap: Some((0.98, 0.5)), ..leak }), 0, "validation not fooled enough");
        assert_eq!(met(&Now { trap: Some((1.0, 0.81)), ..leak }), 0, "the test fell less than 20 points");
        assert_eq!(met(&Now { demo: Demo::Scaling, ..leak }), 0, "another trap");
        let one = Now { features: 1, best_val: Some(0.95), ..base };
        assert_eq!(met(&one), 2);
        assert_eq!(met(&Now { best_val: Some(0.94), ..one }), 0);
        assert_eq!(met(&Now { features: 2, ..one }), 0);
        assert_eq!(met(&Now { table: Some(Source::Wine), ..one }), 0);
        assert_eq!(met(&Now { best_val: None, ..one }), 0);
        let wine = Now { table: Some(Source::Wine), standardise: false, knn_val: Some(0.79), ..base };
        assert_eq!(met(&wine), 4);
        assert_eq!(met(&Now { knn_val: Some(0.8), ..wine }), 0);
        assert_eq!(met(&Now { standardise: true, ..wine }), 0);
        assert_eq!(met(&Now { knn_val: None, ..wine }), 0, "k-NN not scored yet");
        assert_eq!(met(&Now { table: None, ..wine }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(DC::ALL, &[]);
    }
}
