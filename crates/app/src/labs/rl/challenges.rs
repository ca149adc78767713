//! The RL lab's challenges (see [`crate::components::challenges`]): a faster first solve, and
//! the cliff walked safely, then along its edge — each read off the learner's episodes.

use perplexed_core::rl::learning::Episode;
use perplexed_core::rl::world::{CLIFF, MAZE};

use super::engine::RlEngine;
use crate::i18n::Label;

crate::i18n::table! {
    RC;
    Maze => "Simple maze: a greedy path to the goal within 250 moves.",
            "מבוך פשוט: מסלול חמדני עד היעד תוך 250 צעדים לכל היותר.";
    Safe => "Cliff walk, ε ≥ 0.1 with no decay: mean return ≥ −25 over the last 100 episodes.",
            "הליכה על הצוק, ε של 0.1 לפחות בלי דעיכה: תגמול מצטבר ממוצע של 25− לפחות ב־100 האפיזודות האחרונות.";
    Edge => "Cliff walk: mean return ≥ −13 over the last 100 episodes (the shortest path, every time).",
            "הליכה על הצוק: תגמול מצטבר ממוצע של 13− לפחות ב־100 האפיזודות האחרונות (המסלול הקצר ביותר, בכל פעם).";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[RC::Maze, RC::Safe, RC::Edge];

/// Episodes the cliff goals average.
const LAST: usize = 100;

/// What the run shows now.
pub struct Now<'a> {
    pub maze: bool,
    pub cliff: bool,
    pub epsilon: f64,
    pub decay: f64,
    pub solved_at: Option<usize>,
    pub episodes: &'a [Episode],
    pub diverged: bool,
}

/// The engine's goals met now (the world and settings the learner runs with).
pub fn now(e: &RlEngine) -> u32 {
    let Some(l) = &e.learner else { return 0 };
    let layout = l.world().layout();
    let s = l.settings();
    met(&Now { maze: layout == MAZE.layout, cliff: layout == CLIFF.layout, epsilon: s.epsilon, decay: s.decay, solved_at: e.solved_at, episodes: l.episodes(), diverged: e.diverged() })
}

/// Which goals are met (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    if n.diverged {
        return 0;
    }
    let maze = n.maze && n.solved_at.is_some_and(|m| m <= 250);
    let mean = (n.cliff && n.episodes.len() >= LAST).then(|| n.episodes[n.episodes.len() - LAST..].iter().map(|e| e.return_).sum::<f64>() / LAST as f64).filter(|m| m.is_finite());
    let safe = mean.is_some_and(|m| m >= -25.0) && n.epsilon >= 0.1 && n.decay >= 1.0;
    let edge = mean.is_some_and(|m| m >= -13.0);
    u32::from(maze) | u32::from(safe) << 1 | u32::from(edge) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::rl::params::RlParams;
    use crate::query::read_query;

    const CLIFF_QUERY: &str = "world=............,............,............,sp-100p-100p-100p-100p-100p-100p-100p-100p-100p-100g0&step=-1&pits=restart&gamma=0.99&episodes=300";

    /// Runs an address's learner to its last episode, checking the goals after every move.
    fn after(query: &str) -> u32 {
        let (p, rejected) = read_query::<RlParams>(query);
        assert!(rejected.is_empty(), "{query}: {rejected:?}");
        let mut e = RlEngine::new(p);
        let mut bits = 0;
        while !e.finished() {
            e.step();
            bits |= now(&e);
        }
        bits
    }

    #[test]
    fn the_default_lab_meets_none() {
        assert_eq!(after(""), 0);
        // The cliff as its preset loads it, with the default learner: Q-learning walks the edge and falls.
        assert_eq!(after(CLIFF_QUERY), 0);
        assert_eq!(after(&format!("{CLIFF_QUERY}&planning=0")), 0);
    }

    #[test]
    fn each_goal_can_be_met() {
        // Ten times the replays: the first solve in about half the moves.
        assert_eq!(after("planning=100") & 1, 1);
        // SARSA learns the safe way, exploration included.
        assert_eq!(after(&format!("{CLIFF_QUERY}&method=sarsa&planning=0")) & 2, 2);
        // Letting ε decay: no more random steps off the edge.
        assert_eq!(after(&format!("{CLIFF_QUERY}&planning=0&decay=0.95")) & 4, 4);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let ep = |r: f64| Episode { return_: r, moves: 13, gap: 0.0, solved: true, epsilon: 0.1 };
        let safe_run: Vec<Episode> = (0..120).map(|_| ep(-25.0)).collect();
        let base = Now { maze: true, cliff: false, epsilon: 0.1, decay: 1.0, solved_at: Some(251), episodes: &[], diverged: false };
        assert_eq!(met(&base), 0);
        assert_eq!(met(&Now { solved_at: Some(250), ..base }), 1);
        assert_eq!(met(&Now { solved_at: Some(250), maze: false, ..base }), 0);
        assert_eq!(met(&Now { solved_at: Some(250), diverged: true, ..base }), 0);
        let cliff = Now { maze: false, cliff: true, solved_at: Some(100), episodes: &safe_run, ..base };
        assert_eq!(met(&cliff), 2);
        assert_eq!(met(&Now { decay: 0.99, ..cliff }), 0, "ε decayed: not the safe path's lesson");
        assert_eq!(met(&Now { epsilon: 0.05, ..cliff }), 0);
        assert_eq!(met(&Now { episodes: &safe_run[..99], ..cliff }), 0, "fewer than 100 episodes");
        // An early fall counts only while among the last 100.
        let mut fell = safe_run.clone();
        fell[15].return_ = -125.0;
        assert_eq!(met(&Now { episodes: &fell, ..cliff }), 2);
        fell[119].return_ = -125.0;
        assert_eq!(met(&Now { episodes: &fell, ..cliff }), 0);
        let edge: Vec<Episode> = (0..100).map(|_| ep(-13.0)).collect();
        assert_eq!(met(&Now { episodes: &edge, decay: 0.95, ..cliff }), 4);
        assert_eq!(met(&Now { episodes: &edge, ..cliff }), 6);
        let short: Vec<Episode> = (0..100).map(|i| ep(if i == 0 { -14.0 } else { -13.0 })).collect();
        assert_eq!(met(&Now { episodes: &short, decay: 0.95, ..cliff }), 0);
        assert_eq!(met(&Now { episodes: &edge, cliff: false, ..cliff }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(RC::ALL, &[]);
    }
}
