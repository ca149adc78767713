//! # Planning with the model: dynamic programming
//!
//! When the transitions `p(s', r | s, a)` are known, the values follow from the Bellman
//! equations without a single step of experience. A **policy** `π(a | s)` is evaluated by
//! sweeping over the states,
//!
//! ```text
//! V(s) ← Σ_a π(a|s) · Σ_{s',r} p(s',r|s,a) · (r + γ·V(s'))          (policy evaluation)
//! ```
//!
//! improved by acting greedily on those values (ties share the probability),
//!
//! ```text
//! π(s) ← argmax_a Σ_{s',r} p(s',r|s,a) · (r + γ·V(s'))               (policy improvement)
//! ```
//!
//! and **value iteration** folds the two into one sweep, `V(s) ← max_a Σ p·(r + γ·V(s'))`,
//! which converges to the optimal values `V*` (for `γ < 1`). Each sweep here is synchronous —
//! every new value computed from the previous sweep's — so one press of "one sweep" on the page
//! is exactly one application of the Bellman operator, and the sweeps match a NumPy script's
//! one for one (`tests/rl_gymnasium.rs`). Values live in `f64`: a table is at most
//! 144 states × 4 actions, and the fixture agrees to 10⁻¹⁰.
//!
//! A terminal state (a goal, a pit that ends the episode) is worth 0: nothing follows it.

use super::world::{Model, World, ACTIONS};
use crate::error::ParamError;

/// Largest discount allowed: `1/(1 − γ) ≤ 100` keeps every value finite and every sweep count
/// small enough for a page.
pub const MAX_GAMMA: f64 = 0.99;
/// Two action values closer than this are a tie.
pub const TIE: f64 = 1e-9;

/// Checks a discount factor: 0 ≤ γ ≤ 0.99 (`"gamma"`).
pub fn check_gamma(gamma: f64) -> Result<(), ParamError> {
    ParamError::check_range("gamma", 0.0, MAX_GAMMA, gamma)
}

/// A policy: for each state the probability of each action (rows of 4; zeros where nothing is
/// decided).
pub type Policy = Vec<[f64; ACTIONS]>;

/// The uniformly random policy: each action a quarter of the time in every decision state.
pub fn uniform_policy(model: &Model) -> Policy {
    (0..model.states()).map(|s| if model.is_decision(s) { [0.25; ACTIONS] } else { [0.0; ACTIONS] }).collect()
}

/// The action values `Q(s, a) = Σ p·(r + γ·V(s'))` of every state under `values`.
pub fn action_values(model: &Model, gamma: f64, values: &[f64]) -> Vec<[f64; ACTIONS]> {
    (0..model.states()).map(|s| std::array::from_fn(|a| model.backup(s, a, gamma, values))).collect()
}

/// Which actions reach the largest of `q` (within [`TIE`]).
pub fn best_actions(q: &[f64; ACTIONS]) -> [bool; ACTIONS] {
    let best = q.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    q.map(|v| v >= best - TIE)
}

/// The greedy policy on `values`: the best actions share the probability equally.
pub fn greedy_policy(model: &Model, gamma: f64, values: &[f64]) -> Policy {
    (0..model.states())
        .map(|s| {
            if !model.is_decision(s) {
                return [0.0; ACTIONS];
            }
            let best = best_actions(&std::array::from_fn(|a| model.backup(s, a, gamma, values)));
            let n = best.iter().filter(|&&b| b).count().max(1) as f64;
            best.map(|b| if b { 1.0 / n } else { 0.0 })
        })
        .collect()
}

/// One synchronous sweep of policy evaluation: `next` from `values`; the largest change.
fn evaluation_sweep(model: &Model, gamma: f64, policy: &[[f64; ACTIONS]], values: &[f64], next: &mut [f64]) -> f64 {
    let mut delta = 0.0f64;
    for s in 0..model.states() {
        let v = if model.is_decision(s) { (0..ACTIONS).filter(|&a| policy[s][a] > 0.0).map(|a| policy[s][a] * model.backup(s, a, gamma, values)).sum() } else { 0.0 };
        delta = delta.max((v - values[s]).abs());
        next[s] = v;
    }
    delta
}

/// One synchronous sweep of value iteration; the largest change.
fn optimality_sweep(model: &Model, gamma: f64, values: &[f64], next: &mut [f64]) -> f64 {
    let mut delta = 0.0f64;
    for s in 0..model.states() {
        let v = if model.is_decision(s) { (0..ACTIONS).map(|a| model.backup(s, a, gamma, values)).fold(f64::NEG_INFINITY, f64::max) } else { 0.0 };
        delta = delta.max((v - values[s]).abs());
        next[s] = v;
    }
    delta
}

/// The values of `policy`, sweeping from `start` until no value moves by more than `tolerance`
/// or `max_sweeps` were made; with the sweeps made.
pub fn evaluate_policy(model: &Model, gamma: f64, policy: &[[f64; ACTIONS]], start: &[f64], tolerance: f64, max_sweeps: usize) -> (Vec<f64>, usize) {
    let mut values = start.to_vec();
    let mut next = vec![0.0; values.len()];
    for sweep in 1..=max_sweeps {
        let delta = evaluation_sweep(model, gamma, policy, &values, &mut next);
        std::mem::swap(&mut values, &mut next);
        if delta <= tolerance {
            return (values, sweep);
        }
    }
    (values, max_sweeps)
}

/// The optimal values `V*` by value iteration from zero (sweeps until no value moves by more
/// than `tolerance`), with the sweeps made.
pub fn value_iteration(model: &Model, gamma: f64, tolerance: f64, max_sweeps: usize) -> (Vec<f64>, usize) {
    let mut values = vec![0.0; model.states()];
    let mut next = vec![0.0; values.len()];
    for sweep in 1..=max_sweeps {
        let delta = optimality_sweep(model, gamma, &values, &mut next);
        std::mem::swap(&mut values, &mut next);
        if delta <= tolerance {
            return (values, sweep);
        }
    }
    (values, max_sweeps)
}

/// What the page's planning panel last did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastStep {
    Start,
    Evaluation,
    Improvement,
    ValueIteration,
}

/// The planning panel's state: the values and the policy, moved one sweep or one improvement
/// at a time (REINFORCEjs's GridWorld DP, with synchronous sweeps).
#[derive(Debug, Clone)]
pub struct Planner {
    model: Model,
    gamma: f64,
    values: Vec<f64>,
    scratch: Vec<f64>,
    policy: Policy,
    /// Sweeps of evaluation or value iteration made.
    pub sweeps: usize,
    /// Policy improvements made.
    pub improvements: usize,
    /// The largest change of the last sweep.
    pub last_delta: f64,
    pub last: LastStep,
}

impl Planner {
    /// Values at 0 and the uniformly random policy. Errors: `"gamma"` outside 0–0.99.
    pub fn new(world: &World, gamma: f64) -> Result<Planner, ParamError> {
        check_gamma(gamma)?;
        let model = world.model();
        let n = model.states();
        Ok(Planner { policy: uniform_policy(&model), model, gamma, values: vec![0.0; n], scratch: vec![0.0; n], sweeps: 0, improvements: 0, last_delta: 0.0, last: LastStep::Start })
    }

    pub fn values(&self) -> &[f64] {
        &self.values
    }

    pub fn policy(&self) -> &[[f64; ACTIONS]] {
        &self.policy
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// One sweep of policy evaluation of the current policy; the largest change.
    pub fn evaluate_sweep(&mut self) -> f64 {
        self.last_delta = evaluation_sweep(&self.model, self.gamma, &self.policy, &self.values, &mut self.scratch);
        std::mem::swap(&mut self.values, &mut self.scratch);
        self.sweeps += 1;
        self.last = LastStep::Evaluation;
        self.last_delta
    }

    /// Greedy on the current values; whether the policy changed.
    pub fn improve(&mut self) -> bool {
        let next = greedy_policy(&self.model, self.gamma, &self.values);
        let changed = next.iter().zip(&self.policy).any(|(a, b)| a.iter().zip(b).any(|(x, y)| (x - y).abs() > 1e-12));
        self.policy = next;
        self.improvements += 1;
        self.last = LastStep::Improvement;
        changed
    }

    /// One sweep of value iteration (the policy follows, greedy on the new values); the largest
    /// change.
    pub fn value_iteration_sweep(&mut self) -> f64 {
        self.last_delta = optimality_sweep(&self.model, self.gamma, &self.values, &mut self.scratch);
        std::mem::swap(&mut self.values, &mut self.scratch);
        self.policy = greedy_policy(&self.model, self.gamma, &self.values);
        self.sweeps += 1;
        self.last = LastStep::ValueIteration;
        self.last_delta
    }

    /// The action values under the current values.
    pub fn action_values(&self) -> Vec<[f64; ACTIONS]> {
        action_values(&self.model, self.gamma, &self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rl::world::PitRule;

    /// A corridor `s..g` (1 × 4 is below the minimum side, so 2 × 4 with a wall row):
    /// `s..g,xxxx`, step reward −1, goal +10, γ = 0.9, dry floor. Value iteration by hand:
    /// sweep 1: V(2) = 10 (right into the goal), V(0) = V(1) = −1 (a step, nothing yet);
    /// sweep 2: V(1) = −1 + 0.9·10 = 8, V(0) = −1 + 0.9·(−1) = −1.9;
    /// sweep 3: V(0) = −1 + 0.9·8 = 6.2; sweep 4 changes nothing: V* = (6.2, 8, 10).
    #[test]
    fn value_iteration_by_hand_on_a_corridor() {
        let w = World::parse("s..g10,xxxx", -1.0, 1.0, PitRule::End).unwrap();
        let mut p = Planner::new(&w, 0.9).unwrap();
        p.value_iteration_sweep();
        assert_eq!(&p.values()[..3], [-1.0, -1.0, 10.0]);
        p.value_iteration_sweep();
        assert!((p.values()[0] + 1.9).abs() < 1e-12 && (p.values()[1] - 8.0).abs() < 1e-12);
        p.value_iteration_sweep();
        assert!((p.values()[0] - 6.2).abs() < 1e-12);
        assert_eq!(p.value_iteration_sweep(), 0.0, "converged after three sweeps");
        assert_eq!(p.policy()[0], [0.0, 1.0, 0.0, 0.0], "right, alone");
        let (v, sweeps) = value_iteration(&w.model(), 0.9, 0.0, 100);
        assert_eq!((v[0], sweeps), (p.values()[0], 4));
    }

    /// The same corridor under the random policy, one sweep from zero: from 2, right (¼) earns
    /// 10, the three others −1 each (¾): V(2) = 2.5 − 0.75 = 1.75; from 0 and 1 every move
    /// costs −1: V = −1. Then improvement points right everywhere (toward the goal), and policy
    /// iteration reaches value iteration's V*.
    #[test]
    fn evaluation_and_improvement_by_hand() {
        let w = World::parse("s..g10,xxxx", -1.0, 1.0, PitRule::End).unwrap();
        let mut p = Planner::new(&w, 0.9).unwrap();
        p.evaluate_sweep();
        assert_eq!(&p.values()[..3], [-1.0, -1.0, 1.75]);
        for _ in 0..10 {
            for _ in 0..200 {
                p.evaluate_sweep();
            }
            if !p.improve() {
                break;
            }
        }
        assert!((p.values()[0] - 6.2).abs() < 1e-9, "{:?}", p.values());
        assert_eq!(p.policy()[1], [0.0, 1.0, 0.0, 0.0]);
        assert_eq!(Planner::new(&w, 1.0).unwrap_err().field, "gamma");
    }

    /// Ties share the probability: in `s.,.g` (γ = 0.5, no step reward, goal +1) the start is
    /// two steps from the goal either way, so right and down tie at 0.5.
    #[test]
    fn ties_share_the_policy() {
        let w = World::parse("s.,.g", 0.0, 1.0, PitRule::End).unwrap();
        let m = w.model();
        let (v, _) = value_iteration(&m, 0.5, 0.0, 50);
        assert_eq!(v[..3], [0.5, 1.0, 1.0]);
        assert_eq!(greedy_policy(&m, 0.5, &v)[0], [0.0, 0.5, 0.5, 0.0]);
    }
}
