//! # Learning from experience: temporal-difference control
//!
//! Without the model, the agent learns action values `Q(s, a)` from the moves it makes. After
//! each move `s —a→ s'` with reward `r` it nudges `Q(s, a)` toward a target by the learning rate
//! `α`:
//!
//! ```text
//! δ = target − Q(s,a),   Q(s,a) ← Q(s,a) + α·δ
//! Q-learning:      target = r + γ · max_a' Q(s', a')                (off-policy: the best move)
//! SARSA:           target = r + γ · Q(s', a'),  a' the move it will make (on-policy)
//! Expected SARSA:  target = r + γ · Σ_a' π(a'|s') · Q(s', a')       (the average of its policy)
//! ```
//!
//! with nothing after a move that ends the episode (`target = r`). It chooses its moves
//! **ε-greedily**: a random move with probability `ε`, else the best by `Q` (ties broken at
//! random); `ε` may shrink after each episode (`ε ← ε·decay`). Exploring costs reward now;
//! never exploring (`ε = 0`) can settle on the first goal found.
//!
//! **Eligibility traces** (`λ > 0`) spread each `δ` back along the path: every pair keeps a
//! trace `e(s,a)`, set to 1 (replacing) or raised by 1 (accumulating) when visited and decayed
//! by `γλ` each move, and every pair moves by `α·δ·e(s,a)`. For Q-learning the traces are cut
//! after an exploratory move (Watkins's Q(λ)): the path behind it is not the greedy one.
//!
//! **Dyna-Q** adds planning: the agent remembers the last outcome of every pair it tried and,
//! after each real move, replays `n` remembered ones at random with a Q-learning update —
//! experience used again, at no cost in moves.
//!
//! One [`Learner::step`] is one move. Each finished episode records its return (the rewards
//! summed), its length, and how far the greedy policy on `Q` falls short of the optimum:
//! `V*(start) − V^greedy(start)`, both computed exactly with the model
//! ([`planning`](super::planning)).

use super::planning::{check_gamma, evaluate_policy, value_iteration, TIE};
use super::world::{Action, Model, World, ACTIONS};
use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::stepping::{Progress, Stepping};

slug_enum! {
    /// The update's target.
    pub enum Method {
        QLearning => "q",
        Sarsa => "sarsa",
        ExpectedSarsa => "expected",
    }
}

slug_enum! {
    /// How a visit sets the eligibility trace.
    pub enum Traces {
        /// `e ← 1`.
        Replacing => "replacing",
        /// `e ← e + 1` (can overshoot with a large α).
        Accumulating => "accumulating",
    }
}

/// Most planning updates per move.
pub const MAX_PLANNING: usize = 100;
/// Most episodes a run may ask for.
pub const MAX_EPISODES: usize = 100_000;
/// Most moves in an episode before it is cut (the agent starts again).
pub const MAX_EPISODE_MOVES: usize = 10_000;
/// Sweeps the per-episode evaluation of the greedy policy may take, and its tolerance.
const EVALUATION_SWEEPS: usize = 2_000;
const EVALUATION_TOLERANCE: f64 = 1e-7;
/// Traces below this are dropped.
const TRACE_FLOOR: f64 = 1e-6;

/// How the agent learns. The default is the page's: Q-learning with 10 Dyna replays a move,
/// which solves the maze in 200–530 moves (plain Q-learning: 1,450–1,860; seeds 1–6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub method: Method,
    /// Learning rate α, in (0, 1].
    pub alpha: f64,
    /// Discount γ, 0–0.99.
    pub gamma: f64,
    /// Exploration ε at the first episode, 0–1.
    pub epsilon: f64,
    /// ε is multiplied by this after each episode (1: constant), 0.9–1.
    pub decay: f64,
    /// Trace decay λ, 0–1 (0: one-step updates).
    pub lambda: f64,
    pub traces: Traces,
    /// Dyna-Q planning updates per move, 0–100.
    pub planning: usize,
    /// Episodes the run lasts.
    pub episodes: usize,
    /// Moves after which an episode is cut.
    pub max_moves: usize,
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { method: Method::QLearning, alpha: 0.5, gamma: 0.9, epsilon: 0.1, decay: 1.0, lambda: 0.0, traces: Traces::Replacing, planning: 10, episodes: 200, max_moves: 500, seed: 1 }
    }
}

impl Settings {
    /// Errors name the setting: `"alpha"`, `"gamma"`, `"epsilon"`, `"decay"`, `"lambda"`,
    /// `"planning"`, `"episodes"`, `"max_moves"`.
    pub fn check(&self) -> Result<(), ParamError> {
        if !(self.alpha > 0.0 && self.alpha <= 1.0) {
            return Err(ParamError::above("alpha", 0.0, 1.0, self.alpha));
        }
        check_gamma(self.gamma)?;
        ParamError::check_range("epsilon", 0.0, 1.0, self.epsilon)?;
        ParamError::check_range("decay", 0.9, 1.0, self.decay)?;
        ParamError::check_range("lambda", 0.0, 1.0, self.lambda)?;
        ParamError::check_range("planning", 0.0, MAX_PLANNING as f64, self.planning as f64)?;
        ParamError::check_range("episodes", 1.0, MAX_EPISODES as f64, self.episodes as f64)?;
        ParamError::check_range("max_moves", 1.0, MAX_EPISODE_MOVES as f64, self.max_moves as f64)?;
        Ok(())
    }
}

/// One move, as the page animates it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move {
    pub from: usize,
    /// The move chosen.
    pub action: Action,
    /// Whether it was a random (exploring) choice rather than the greedy one.
    pub explored: bool,
    /// Where the agent landed (the start again after a restarting pit).
    pub to: usize,
    pub reward: f64,
    /// The episode ended with this move (a goal, a pit that ends it, or the cut).
    pub ended: bool,
}

/// A finished episode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Episode {
    /// Rewards summed (undiscounted), as Sutton & Barto plot them.
    pub return_: f64,
    pub moves: usize,
    /// `V*(start) − V^greedy(start)` after the episode.
    pub gap: f64,
    /// Whether the greedy policy then walks from the start to a goal.
    pub solved: bool,
    /// ε during the episode.
    pub epsilon: f64,
}

/// A temporal-difference learner in a gridworld.
#[derive(Debug, Clone)]
pub struct Learner {
    world: World,
    model: Model,
    settings: Settings,
    q: Vec<f64>,
    traces: Vec<f64>,
    /// Pairs with a trace, so a move touches only them.
    traced: Vec<usize>,
    /// Dyna's memory: the last outcome of each pair tried (next, reward, terminal).
    memory: Vec<Option<(usize, f64, bool)>>,
    remembered: Vec<usize>,
    world_rng: Rng,
    agent_rng: Rng,
    planning_rng: Rng,
    state: usize,
    /// The move chosen for `state` (SARSA decides it before the update).
    next_action: Option<(Action, bool)>,
    epsilon: f64,
    episode_return: f64,
    episode_moves: usize,
    moves: usize,
    episodes: Vec<Episode>,
    last: Option<Move>,
    optimal: Vec<f64>,
    /// The greedy policy's values at the last evaluation (the next starts from them).
    greedy_values: Vec<f64>,
    /// Beyond this a value has blown up: ten times `max(|r|max, 1)/(1 − γ)`, which bounds them all.
    divergence_bound: f64,
    diverged: bool,
}

impl Learner {
    /// A learner at the start with `Q = 0`. Errors: [`Settings::check`].
    pub fn new(world: &World, settings: Settings) -> Result<Learner, ParamError> {
        settings.check()?;
        let model = world.model();
        let model_bound = model.reward_bound().max(1.0);
        let n = model.states() * ACTIONS;
        let (optimal, _) = value_iteration(&model, settings.gamma, 1e-10, 100_000);
        let mut l = Learner {
            world: world.clone(),
            model,
            settings,
            q: vec![0.0; n],
            traces: vec![0.0; n],
            traced: Vec::new(),
            memory: vec![None; n],
            remembered: Vec::new(),
            world_rng: Rng::stream(settings.seed, 1),
            agent_rng: Rng::stream(settings.seed, 2),
            planning_rng: Rng::stream(settings.seed, 3),
            state: world.start(),
            next_action: None,
            epsilon: settings.epsilon,
            episode_return: 0.0,
            episode_moves: 0,
            moves: 0,
            episodes: Vec::new(),
            last: None,
            greedy_values: vec![0.0; world.states()],
            divergence_bound: 10.0 * (model_bound / (1.0 - settings.gamma)),
            optimal,
            diverged: false,
        };
        l.greedy_values = l.greedy_policy_values();
        Ok(l)
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// `Q(s, ·)`.
    pub fn q(&self, s: usize) -> [f64; ACTIONS] {
        std::array::from_fn(|a| self.q[s * ACTIONS + a])
    }

    /// The whole table, `Q[s·4 + a]`.
    pub fn q_table(&self) -> &[f64] {
        &self.q
    }

    /// Where the agent stands.
    pub fn state(&self) -> usize {
        self.state
    }

    pub fn last_move(&self) -> Option<Move> {
        self.last
    }

    /// Moves made in all.
    pub fn moves(&self) -> usize {
        self.moves
    }

    /// Moves made in the episode under way.
    pub fn episode_moves(&self) -> usize {
        self.episode_moves
    }

    pub fn episodes(&self) -> &[Episode] {
        &self.episodes
    }

    /// ε now.
    pub fn epsilon(&self) -> f64 {
        self.epsilon
    }

    /// The optimal values `V*` (value iteration on the model).
    pub fn optimal_values(&self) -> &[f64] {
        &self.optimal
    }

    /// The values of the greedy policy on `Q`, as of the last finished episode.
    pub fn greedy_values(&self) -> &[f64] {
        &self.greedy_values
    }

    /// The updates blew up (accumulating traces with a large α can): the run stops.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The best actions at `s` by `Q` (ties within 10⁻⁹ all marked).
    pub fn best(&self, s: usize) -> [bool; ACTIONS] {
        super::planning::best_actions(&self.q(s))
    }

    /// The greedy action at `s`, lowest index among ties (the policy the gap measures).
    pub fn greedy(&self, s: usize) -> Action {
        let q = self.q(s);
        let mut best = 0;
        for a in 1..ACTIONS {
            if q[a] > q[best] + TIE {
                best = a;
            }
        }
        Action::from_index(best)
    }

    /// The greedy policy, one action per state.
    fn greedy_policy(&self) -> Vec<[f64; ACTIONS]> {
        (0..self.model.states())
            .map(|s| {
                let mut row = [0.0; ACTIONS];
                if self.model.is_decision(s) {
                    row[self.greedy(s) as usize] = 1.0;
                }
                row
            })
            .collect()
    }

    fn greedy_policy_values(&self) -> Vec<f64> {
        evaluate_policy(&self.model, self.settings.gamma, &self.greedy_policy(), &self.greedy_values, EVALUATION_TOLERANCE, EVALUATION_SWEEPS).0
    }

    /// The greedy policy's path from the start, taking each move's intended outcome: the cells
    /// visited (start first) and whether it ends on a goal. It stops at a terminal cell, at a
    /// cell seen before (a loop), or after `width·height` moves.
    pub fn greedy_path(&self) -> (Vec<usize>, bool) {
        let mut s = self.world.start();
        let mut path = vec![s];
        for _ in 0..self.world.states() {
            if !self.world.is_decision(s) {
                break;
            }
            let (n, _, terminal) = self.world.enter(self.world.moved(s, self.greedy(s)));
            if path.contains(&n) && !terminal {
                path.push(n);
                return (path, false);
            }
            path.push(n);
            s = n;
            if terminal {
                break;
            }
        }
        let reached = matches!(self.world.cell(s), super::world::Cell::Goal(_));
        (path, reached)
    }

    /// An ε-greedy choice at `s`: (action, whether it explored).
    fn choose(&mut self, s: usize) -> (Action, bool) {
        if self.agent_rng.next_f32() < self.epsilon as f32 {
            return (Action::from_index(self.agent_rng.below(ACTIONS)), true);
        }
        let best = self.best(s);
        let n = best.iter().filter(|&&b| b).count();
        let pick = if n > 1 { self.agent_rng.below(n) } else { 0 };
        let a = best.iter().enumerate().filter(|(_, &b)| b).nth(pick).map_or(0, |(i, _)| i);
        (Action::from_index(a), false)
    }

    /// `Σ_a π(a|s)·Q(s,a)` under the ε-greedy policy (ties share the greedy share).
    fn expected_value(&self, s: usize) -> f64 {
        let q = self.q(s);
        let best = self.best(s);
        let n = best.iter().filter(|&&b| b).count().max(1) as f64;
        (0..ACTIONS).map(|a| (self.epsilon / ACTIONS as f64 + if best[a] { (1.0 - self.epsilon) / n } else { 0.0 }) * q[a]).sum()
    }

    fn max_q(&self, s: usize) -> f64 {
        self.q(s).into_iter().fold(f64::NEG_INFINITY, f64::max)
    }

    /// Samples the world's answer to `a` in `s`.
    fn act(&mut self, s: usize, a: Action) -> (usize, f64, bool) {
        let outcomes = self.model.outcomes(s, a as usize);
        let u = f64::from(self.world_rng.next_f32());
        let mut acc = 0.0;
        for o in outcomes {
            acc += o.probability;
            if u < acc {
                return (o.next, o.reward, o.terminal);
            }
        }
        outcomes.last().map_or((s, 0.0, false), |o| (o.next, o.reward, o.terminal))
    }

    fn update(&mut self, pair: usize, delta: f64) {
        let alpha = self.settings.alpha;
        if self.settings.lambda <= 0.0 {
            self.q[pair] += alpha * delta;
            return;
        }
        match self.settings.traces {
            Traces::Replacing => self.traces[pair] = 1.0,
            Traces::Accumulating => self.traces[pair] += 1.0,
        }
        if !self.traced.contains(&pair) {
            self.traced.push(pair);
        }
        let fade = self.settings.gamma * self.settings.lambda;
        let (q, traces) = (&mut self.q, &mut self.traces);
        self.traced.retain(|&p| {
            q[p] += alpha * delta * traces[p];
            traces[p] *= fade;
            if traces[p] < TRACE_FLOOR {
                traces[p] = 0.0;
                false
            } else {
                true
            }
        });
    }

    fn clear_traces(&mut self) {
        for &p in &self.traced {
            self.traces[p] = 0.0;
        }
        self.traced.clear();
    }

    /// Dyna-Q: `n` remembered pairs replayed with a Q-learning update.
    fn plan(&mut self) {
        if self.remembered.is_empty() {
            return;
        }
        for _ in 0..self.settings.planning {
            let pair = self.remembered[self.planning_rng.below(self.remembered.len())];
            let Some((next, reward, terminal)) = self.memory[pair] else { continue };
            let target = reward + if terminal { 0.0 } else { self.settings.gamma * self.max_q(next) };
            self.q[pair] += self.settings.alpha * (target - self.q[pair]);
        }
    }

    /// The end of an episode: its record, ε decayed, the agent back at the start.
    fn finish_episode(&mut self) {
        self.greedy_values = self.greedy_policy_values();
        let start = self.world.start();
        let gap = (self.optimal[start] - self.greedy_values[start]).max(0.0);
        let solved = self.greedy_path().1;
        self.episodes.push(Episode { return_: self.episode_return, moves: self.episode_moves, gap, solved, epsilon: self.epsilon });
        self.epsilon *= self.settings.decay;
        self.episode_return = 0.0;
        self.episode_moves = 0;
        self.state = start;
        self.next_action = None;
        self.clear_traces();
    }

    fn check_divergence(&mut self) {
        // Every value is bounded by |r|max/(1 − γ); far beyond it the updates overshoot.
        let bound = self.divergence_bound;
        if self.q.iter().any(|v| !v.is_finite() || v.abs() > bound) {
            self.diverged = true;
        }
    }
}

impl Stepping for Learner {
    /// One move: choose, act, update (with traces and Dyna's replays), and at the episode's
    /// end its record.
    fn step(&mut self) {
        if self.done() {
            return;
        }
        let s = self.state;
        let (action, explored) = match self.next_action.take() {
            Some(chosen) => chosen,
            None => self.choose(s),
        };
        let (next, reward, terminal) = self.act(s, action);
        self.episode_return += reward;
        self.episode_moves += 1;
        self.moves += 1;
        let cut = !terminal && self.episode_moves >= self.settings.max_moves;
        // The next move is chosen before the update: SARSA's target needs it.
        let following = if terminal { None } else { Some(self.choose(next)) };
        let gamma = self.settings.gamma;
        let target = reward
            + if terminal {
                0.0
            } else {
                gamma
                    * match (self.settings.method, following) {
                        (Method::Sarsa, Some((a2, _))) => self.q[next * ACTIONS + a2 as usize],
                        (Method::ExpectedSarsa, _) => self.expected_value(next),
                        _ => self.max_q(next),
                    }
            };
        let pair = s * ACTIONS + action as usize;
        let delta = target - self.q[pair];
        self.update(pair, delta);
        // Watkins: after an exploratory move the traces behind no longer follow the greedy path.
        if self.settings.method == Method::QLearning && following.is_some_and(|(_, explored)| explored) {
            self.clear_traces();
        }
        if self.settings.planning > 0 {
            if self.memory[pair].is_none() {
                self.remembered.push(pair);
            }
            self.memory[pair] = Some((next, reward, terminal));
            self.plan();
        }
        self.last = Some(Move { from: s, action, explored, to: next, reward, ended: terminal || cut });
        self.check_divergence();
        if terminal || cut {
            self.finish_episode();
        } else {
            self.state = next;
            self.next_action = following;
        }
    }

    fn done(&self) -> bool {
        self.diverged || self.episodes.len() >= self.settings.episodes
    }

    fn progress(&self) -> Progress {
        Progress { done: self.episodes.len(), total: Some(self.settings.episodes) }
    }
}

/// Runs `learner` to the end of the episode under way (or of the run); the moves made.
pub fn finish_episode(learner: &mut Learner) -> usize {
    let before = learner.episodes().len();
    let mut moves = 0;
    while learner.episodes().len() == before && !learner.done() {
        learner.step();
        moves += 1;
    }
    moves
}
