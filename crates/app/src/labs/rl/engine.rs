//! The RL lab's engine room: the world built from the settings, core's planner (dynamic
//! programming, moved by the buttons) and learner (temporal-difference control, moved by the
//! frame loop at the chosen pace), and the agent's recent trail for the picture. Every number
//! comes from `perplexed_core::rl`.

use std::collections::VecDeque;

use perplexed_core::error::ParamError;
use perplexed_core::rl::learning::Learner;
use perplexed_core::rl::planning::Planner;
use perplexed_core::rl::world::World;
use perplexed_core::stepping::{Pacer, Stepping};

use super::params::{decimal, Change, RlParams};
use crate::components::lab_shell::RunEngine;

/// Cells of the agent's trail the picture keeps.
pub const TRAIL: usize = 24;
/// Most value-iteration sweeps of "solve".
const SOLVE_SWEEPS: usize = 10_000;

/// Core's field names in the page's terms: `alpha` is the learning-rate control, and `lambda`
/// the traces' decay (the overfitting lab's λ is a ridge strength).
fn in_page_terms(mut e: ParamError) -> ParamError {
    e.field = match e.field {
        "alpha" => "lr",
        "lambda" => "trace_lambda",
        f => f,
    };
    e
}

pub struct RlEngine {
    pub params: RlParams,
    pub world: Option<World>,
    pub learner: Option<Learner>,
    pub planner: Option<Planner>,
    /// Why the world or the learner could not be built (core's refusal).
    pub error: Option<ParamError>,
    /// Bumped whenever a new run starts.
    pub version: u64,
    pacer: Pacer,
    /// The agent's last cells, newest last (cleared when an episode ends).
    pub trail: VecDeque<usize>,
    /// The moves made when the greedy policy first reached a goal.
    pub solved_at: Option<usize>,
}

impl RlEngine {
    pub fn new(params: RlParams) -> RlEngine {
        let mut e = RlEngine { params, world: None, learner: None, planner: None, error: None, version: 0, pacer: Pacer::default(), trail: VecDeque::new(), solved_at: None };
        e.build_world();
        e.restart_run();
        e
    }

    fn build_world(&mut self) {
        self.world = None;
        self.planner = None;
        match self.params.world() {
            Ok(w) => {
                self.planner = Planner::new(&w, decimal(self.params.gamma)).ok();
                self.world = Some(w);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn restart_run(&mut self) {
        self.version += 1;
        self.pacer.restart();
        self.trail.clear();
        self.solved_at = None;
        self.learner = None;
        let Some(w) = &self.world else { return };
        match Learner::new(w, self.params.settings()) {
            Ok(l) => {
                self.trail.push_back(l.state());
                self.learner = Some(l);
                self.error = None;
            }
            Err(e) => self.error = Some(in_page_terms(e)),
        }
    }

    /// One move, with the trail and the first solution recorded.
    fn one_move(&mut self) {
        let Some(l) = &mut self.learner else { return };
        if l.done() {
            return;
        }
        l.step();
        let ended = l.last_move().is_some_and(|m| m.ended);
        if ended {
            self.trail.clear();
        }
        self.trail.push_back(l.state());
        while self.trail.len() > TRAIL {
            self.trail.pop_front();
        }
        if self.solved_at.is_none() && ended && l.episodes().last().is_some_and(|e| e.solved) {
            self.solved_at = Some(l.moves());
        }
    }

    pub fn finished(&self) -> bool {
        self.learner.as_ref().is_some_and(Stepping::done)
    }

    pub fn diverged(&self) -> bool {
        self.learner.as_ref().is_some_and(Learner::diverged)
    }

    /// The planner's buttons: one evaluation sweep, one improvement, one value-iteration sweep,
    /// value iteration to the end, back to zero and the random policy.
    pub fn plan(&mut self, action: PlanAction) {
        if action == PlanAction::Reset || self.planner.is_none() {
            self.planner = self.world.as_ref().and_then(|w| Planner::new(w, decimal(self.params.gamma)).ok());
            if action == PlanAction::Reset {
                return;
            }
        }
        let Some(p) = &mut self.planner else { return };
        match action {
            PlanAction::Evaluate => {
                p.evaluate_sweep();
            }
            PlanAction::Improve => {
                p.improve();
            }
            PlanAction::Iterate => {
                p.value_iteration_sweep();
            }
            PlanAction::Solve => {
                for _ in 0..SOLVE_SWEEPS {
                    if p.value_iteration_sweep() < 1e-10 {
                        break;
                    }
                }
            }
            PlanAction::Reset => {}
        }
    }
}

/// What a button of the planning panel does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanAction {
    Evaluate,
    Improve,
    Iterate,
    Solve,
    Reset,
}

impl RunEngine<RlParams> for RlEngine {
    fn apply(&mut self, params: RlParams) {
        let change = params.change_from(&self.params);
        let gamma_changed = params.gamma != self.params.gamma;
        self.params = params;
        match change {
            Change::Nothing => {}
            Change::Pace => self.pacer.restart(),
            Change::Learner => {
                if gamma_changed {
                    self.plan(PlanAction::Reset);
                }
                self.restart_run();
            }
            Change::World => {
                self.build_world();
                self.restart_run();
            }
        }
    }

    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        if self.learner.as_ref().is_none_or(Stepping::done) {
            return false;
        }
        let start = now();
        let mut due = match self.params.speed.moves_per_second() {
            None => usize::MAX,
            Some(per_second) => self.pacer.due(start, per_second),
        };
        while due > 0 && !self.finished() {
            self.one_move();
            due -= 1;
            if now() - start >= budget_ms {
                break;
            }
        }
        !self.finished()
    }

    fn step(&mut self) {
        self.one_move();
    }

    fn rebuild(&mut self) {
        self.restart_run();
    }

    fn version(&self) -> u64 {
        self.version
    }

    fn spent(&self) -> bool {
        self.finished() || self.diverged()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::rl::params::Pace;

    /// The default lab at its default pace (150 moves a second) solves the maze within 10 s
    /// of play: at most 1,500 moves (frames at 60 per second on a fake clock).
    #[test]
    fn the_default_maze_is_solved_within_ten_seconds_of_play() {
        let mut e = RlEngine::new(RlParams::default());
        let mut frame = 0;
        while e.solved_at.is_none() {
            frame += 1;
            let now = frame as f64 * 1000.0 / 60.0;
            e.advance(12.0, &move || now);
            assert!(frame < 600, "not solved after 10 s");
        }
        let moves = e.solved_at.unwrap_or(0);
        assert!(moves <= 1500, "{moves}");
        assert_eq!(Pace::Fast.moves_per_second(), Some(150.0));
        let (path, reached) = e.learner.as_ref().unwrap().greedy_path();
        assert!(reached && path.len() >= 15);
    }

    #[test]
    fn the_planner_solves_and_resets() {
        let mut e = RlEngine::new(RlParams::default());
        e.plan(PlanAction::Evaluate);
        assert_eq!(e.planner.as_ref().unwrap().sweeps, 1);
        e.plan(PlanAction::Solve);
        let p = e.planner.as_ref().unwrap();
        let start = e.world.as_ref().unwrap().start();
        let optimal = e.learner.as_ref().unwrap().optimal_values()[start];
        assert!((p.values()[start] - optimal).abs() < 1e-9);
        e.plan(PlanAction::Reset);
        assert_eq!(e.planner.as_ref().unwrap().sweeps, 0);
    }

    #[test]
    fn a_world_core_refuses_is_named_and_nothing_runs() {
        let mut e = RlEngine::new(RlParams { alpha: 0.001, ..RlParams::default() });
        assert!(e.learner.is_some());
        e.apply(RlParams { world: "s..,...".into(), ..RlParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("goal"));
        assert!(!e.advance(10.0, &|| 0.0));
        e.apply(RlParams::default());
        assert!(e.error.is_none() && e.learner.is_some());
    }
}

impl RlEngine {
    /// The learner's Q-table as JSON (the body of a saved model, see `chart::tools`): for each
    /// state (the grid's cells, row by row, `width` to a row) the value of each move.
    pub fn model_json(&self) -> Option<String> {
        use crate::components::chart::tools::json_numbers;
        let (w, l) = (self.world.as_ref()?, self.learner.as_ref()?);
        let rows: Vec<String> = l.q_table().chunks(perplexed_core::rl::world::ACTIONS).map(|q| json_numbers(q.iter().copied())).collect();
        Some(format!("{{\"type\":\"tabular Q-values\",\"width\":{},\"actions\":[\"up\",\"right\",\"down\",\"left\"],\"q\":[{}]}}", w.width(), rows.join(",")))
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;
    use perplexed_core::rl::world::Action;

    /// A row per state, four values a row in the order named, and the best of them is the move
    /// the learner's greedy policy takes there.
    #[test]
    fn the_saved_table_gives_the_greedy_moves() {
        let mut e = RlEngine::new(RlParams::default());
        while !e.finished() {
            e.step();
        }
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("a table")).expect("valid JSON");
        let l = e.learner.as_ref().expect("a learner");
        let rows = json["q"].as_array().expect("rows");
        assert_eq!(rows.len(), e.world.as_ref().expect("a world").states());
        let names = ["up", "right", "down", "left"];
        assert_eq!(json["actions"], serde_json::json!(names));
        let mut checked = 0;
        for (s, row) in rows.iter().enumerate() {
            let q: Vec<f64> = row.as_array().expect("a row").iter().map(|v| v.as_f64().expect("a number")).collect();
            let best = (0..4).fold(0, |b, a| if q[a] > q[b] { a } else { b });
            // Ties (unvisited states) leave the choice to the learner's own tie-break.
            if q.iter().filter(|&&v| v == q[best]).count() == 1 {
                assert_eq!(Action::ALL[best], l.greedy(s), "state {s}: {q:?}");
                checked += 1;
            }
        }
        assert!(checked > 5, "only {checked} states with a clear best move");
    }
}
