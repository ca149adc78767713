//! The Clustering lab's challenges (see [`crate::components::challenges`]): where k-means goes
//! wrong — the wrong k, a bad start, a shape it cannot cut — and DBSCAN gets it right, each
//! checked on the agreement (adjusted Rand index) the page shows once k-means has converged.

use perplexed_core::data::shapes::ClusterShape;

use super::engine::ClusterEngine;
use super::params::Source;
use crate::i18n::Label;

crate::i18n::table! {
    CC;
    WrongK => "Find a k that k-means gets wrong: on round blobs, run it to convergence with a k other than the number of groups, an agreement below 0.6 and DBSCAN’s at least 0.9.",
              "מצאו k ש-k-means טועה בו: על כתמים עגולים, הריצו אותו עד התכנסות עם k שונה ממספר הקבוצות, כך שההתאמה שלו נמוכה מ-0.6 וההתאמה של DBSCAN היא 0.9 לפחות.";
    BadStart => "Right k, wrong clusters: on round blobs with k equal to the number of groups, find a start that converges to an agreement below 0.6.",
                "k נכון, אשכולות שגויים: על כתמים עגולים, עם k ששווה למספר הקבוצות, מצאו התחלה שמתכנסת להתאמה נמוכה מ-0.6.";
    Rings => "Rings: converge k-means with k equal to the number of rings (agreement below 0.2), and tune DBSCAN to an agreement of at least 0.95.",
             "טבעות: הריצו את k-means עד התכנסות עם k ששווה למספר הטבעות (התאמה נמוכה מ-0.2), וכווננו את DBSCAN להתאמה של 0.95 לפחות.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[CC::WrongK, CC::BadStart, CC::Rings];

/// What the lab shows now, as the challenges read it: the settings the run was made with (the
/// engine's own) and the agreements, read only once k-means has converged.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    /// The generated shape; `None` for drawn points.
    pub shape: Option<ClusterShape>,
    /// How many groups the generator drew the points from.
    pub groups: usize,
    pub k: usize,
    pub converged: bool,
    /// Adjusted Rand index of k-means and of DBSCAN against the true groups.
    pub km_agreement: Option<f64>,
    pub db_agreement: Option<f64>,
}

impl Now {
    /// Reads the engine. The agreements (a pass over the points) are computed only for a
    /// converged run, the only one the goals judge.
    pub fn of(e: &ClusterEngine) -> Now {
        let p = &e.params;
        let shape = match p.data {
            Source::Shape(s) => Some(s),
            Source::Drawn => None,
        };
        let groups = match shape {
            Some(ClusterShape::Moons) => 2,
            Some(ClusterShape::Uniform) | None => 1,
            Some(_) => p.clusters,
        };
        let converged = e.converged();
        let (km_agreement, db_agreement) = if converged { e.agreement().unwrap_or((None, None)) } else { (None, None) };
        Now { shape, groups, k: p.k, converged, km_agreement, db_agreement }
    }
}

/// Which goals the lab meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let finite = |a: Option<f64>| a.filter(|v| v.is_finite());
    let (Some(km), true) = (finite(n.km_agreement), n.converged) else { return 0 };
    let db = finite(n.db_agreement);
    let blobs = n.shape == Some(ClusterShape::Blobs);
    let wrong_k = blobs && n.k != n.groups && km < 0.6 && db.is_some_and(|d| d >= 0.9);
    let bad_start = blobs && n.k == n.groups && km < 0.6;
    let rings = n.shape == Some(ClusterShape::Rings) && n.k == n.groups && km < 0.2 && db.is_some_and(|d| d >= 0.95);
    u32::from(wrong_k) | u32::from(bad_start) << 1 | u32::from(rings) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::clustering::params::ClusterParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// The lab from an address; k-means run to convergence as the page's button does (a few
    /// moves a frame) if `converge`, and the challenges read off it.
    fn after(query: &str, converge: bool) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = ClusterEngine::new(ClusterParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        if converge {
            let mut frames = 0;
            let moves = std::cell::Cell::new(0);
            while !e.converge(0.0, &|| {
                moves.set(moves.get() + 1);
                moves.get() % 4 != 0
            }) {
                frames += 1;
                assert!(frames < 1000);
            }
        }
        met(&Now::of(&e))
    }

    #[test]
    fn the_default_lab_meets_none() {
        assert_eq!(after("", false), 0);
        // Converged on the default blobs, k-means finds the three groups exactly.
        assert_eq!(after("", true), 0);
    }

    #[test]
    fn a_wrong_k_merges_or_splits_groups() {
        // k = 2 merges two blobs (agreement 0.57), k = 6 splits them (0.58); DBSCAN gets 0.97.
        assert_eq!(after("k=2", true), 1);
        assert_eq!(after("k=6", true), 1);
        assert_eq!(after("k=4", true), 0, "one blob cut in two still agrees at 0.87");
        assert_eq!(after("k=2", false), 0, "not before convergence");
    }

    #[test]
    fn a_bad_start_ends_in_a_bad_clustering() {
        // Random starting centres, the first new start: two centres in one blob (agreement 0.44).
        assert_eq!(after("init=random&restart=1", true), 2);
        assert_eq!(after("init=random&restart=2", true), 0);
    }

    #[test]
    fn dbscan_follows_the_rings_k_means_cannot() {
        // Two rings: k-means cuts them in halves (−0.00), DBSCAN with ε = 1 finds both (1.00).
        assert_eq!(after("data=rings&clusters=2&k=2&eps=1", true), 4);
        // ε = 0.6 breaks them into many pieces.
        assert_eq!(after("data=rings&clusters=2&k=2", true), 0);
        assert_eq!(after("data=rings&clusters=2&k=3&eps=1", true), 0, "k must be the number of rings");
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { shape: Some(ClusterShape::Blobs), groups: 3, k: 2, converged: true, km_agreement: Some(0.57), db_agreement: Some(0.9) };
        assert_eq!(met(&base), 1);
        assert_eq!(met(&Now { km_agreement: Some(0.6), ..base }), 0);
        assert_eq!(met(&Now { db_agreement: Some(0.89), ..base }), 0);
        assert_eq!(met(&Now { db_agreement: None, ..base }), 0);
        assert_eq!(met(&Now { converged: false, ..base }), 0);
        assert_eq!(met(&Now { km_agreement: Some(f64::NAN), ..base }), 0);
        assert_eq!(met(&Now { shape: Some(ClusterShape::Anisotropic), ..base }), 0);
        assert_eq!(met(&Now { shape: None, ..base }), 0);
        // The right k with a bad outcome is the second goal, DBSCAN or not.
        assert_eq!(met(&Now { k: 3, db_agreement: None, ..base }), 2);
        let rings = Now { shape: Some(ClusterShape::Rings), groups: 2, k: 2, converged: true, km_agreement: Some(0.19), db_agreement: Some(0.95) };
        assert_eq!(met(&rings), 4);
        assert_eq!(met(&Now { km_agreement: Some(0.2), ..rings }), 0);
        assert_eq!(met(&Now { db_agreement: Some(0.94), ..rings }), 0);
        assert_eq!(met(&Now { k: 3, ..rings }), 0);
        assert_eq!(met(&Now { shape: Some(ClusterShape::Moons), ..rings }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(CC::ALL, &[]);
    }
}
