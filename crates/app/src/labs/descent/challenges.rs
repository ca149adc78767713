//! The Gradient descent lab's challenges (see [`crate::components::challenges`]): what the
//! learning rate does, read from each racer's verdict once the race has run its whole path.

use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::optim::surface::{SurfaceKind, Verdict};

use crate::i18n::Label;

crate::i18n::table! {
    DC;
    Diverge => "Make plain SGD diverge.", "גרמו ל-SGD הפשוט להתבדר.";
    Oscillate => "Make plain SGD oscillate: bouncing across the valley to the last step, neither diverging nor converging.",
                 "גרמו ל-SGD הפשוט לתנוד: לקפוץ מצד לצד של העמק עד הצעד האחרון, בלי להתבדר ובלי להתכנס.";
    Ravine => "On the narrow ravine, make momentum converge where plain SGD with the same learning rate does not.",
              "בערוץ הצר, גרמו למומנטום להתכנס במקום שבו SGD הפשוט, עם אותו קצב למידה, לא מתכנס.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[DC::Diverge, DC::Oscillate, DC::Ravine];

/// Which goals the race meets (bit `i` for `GOALS[i]`): `racers` are each racer's optimizer,
/// learning rate and verdict; nothing counts until the race is `finished` (its verdicts are
/// about whole paths, and the page shows them only then).
pub fn met(surface: SurfaceKind, finished: bool, racers: &[(OptimizerKind, f32, Option<Verdict>)]) -> u32 {
    if !finished {
        return 0;
    }
    let sgd = |v: Verdict| racers.iter().any(|r| r.0 == OptimizerKind::Sgd && r.2 == Some(v));
    let ravine = surface == SurfaceKind::Ravine
        && racers.iter().any(|m| {
            m.0 == OptimizerKind::Momentum && m.2 == Some(Verdict::Converged) && racers.iter().any(|s| s.0 == OptimizerKind::Sgd && s.1 == m.1 && s.2.is_some_and(|v| v != Verdict::Converged))
        });
    u32::from(sgd(Verdict::Diverged)) | u32::from(sgd(Verdict::Oscillating)) << 1 | u32::from(ravine) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::descent::engine::DescentEngine;
    use crate::labs::descent::params::DescentParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// The race an address sets up, run to its end as Play does, read by the challenges.
    fn race(query: &str) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = DescentEngine::new(DescentParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        assert_eq!(met(e.params.surface, e.shown >= e.params.steps, &[]), 0, "nothing before the race is run");
        while e.advance(8) {}
        let racers: Vec<_> = e.racers.iter().map(|r| (r.kind, r.lr, r.verdict)).collect();
        met(e.params.surface, e.shown >= e.params.steps, &racers)
    }

    #[test]
    fn the_default_race_meets_none_and_each_goal_can_be_met() {
        assert_eq!(race(""), 0, "the defaults must leave every goal to the learner");
        // κ = 10: SGD is stable below 2/10; 0.21 is just past it.
        assert_eq!(race("race=sgd:0.21"), 1);
        // κ = 100 and 0.02 = 2/100: the steep direction's factor 1 − 0.02·100 = −1, a bounce for ever.
        assert_eq!(race("race=sgd:0.02&condition=100"), 2);
        // The ravine: SGD at 0.01 crawls along the floor, momentum at 0.01 gathers speed.
        assert_eq!(race("surface=ravine&race=sgd:0.01,momentum:0.01"), 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        use OptimizerKind::{Adam, Momentum, Sgd};
        use Verdict::{Converged, Crawling, Diverged, Oscillating};
        assert_eq!(met(SurfaceKind::Bowl, true, &[(Sgd, 0.3, Some(Diverged))]), 1);
        // Adam diverging is not plain SGD diverging; nor is a race still running.
        assert_eq!(met(SurfaceKind::Bowl, true, &[(Adam, 2.0, Some(Diverged))]), 0);
        assert_eq!(met(SurfaceKind::Bowl, false, &[(Sgd, 0.3, Some(Diverged))]), 0);
        assert_eq!(met(SurfaceKind::Bowl, true, &[(Sgd, 0.19, Some(Oscillating))]), 2);
        let ravine = [(Sgd, 0.01, Some(Crawling)), (Momentum, 0.01, Some(Converged))];
        assert_eq!(met(SurfaceKind::Ravine, true, &ravine), 4);
        // Another surface, another rate for SGD, or SGD converging too: not the point made.
        assert_eq!(met(SurfaceKind::Bowl, true, &ravine), 0);
        assert_eq!(met(SurfaceKind::Ravine, true, &[(Sgd, 0.02, Some(Crawling)), (Momentum, 0.01, Some(Converged))]), 0);
        assert_eq!(met(SurfaceKind::Ravine, true, &[(Sgd, 0.01, Some(Converged)), (Momentum, 0.01, Some(Converged))]), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(DC::ALL, &[]);
    }
}
