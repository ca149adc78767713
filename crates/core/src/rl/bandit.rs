//! # The multi-armed bandit: explore or exploit, in one state
//!
//! `k` slot machines ("arms"), each paying a reward drawn around its own hidden mean `μ_a`
//! (normal, variance 1; the means themselves drawn from a standard normal — Sutton & Barto's
//! 10-armed testbed). A player pulls one arm at a time and keeps the sample average of what
//! each paid, `Q(a) = (rewards from a) / N(a)`. Which arm next?
//!
//! ```text
//! ε-greedy:  a random arm with probability ε, else argmax_a Q(a)
//! UCB:       argmax_a [ Q(a) + c·√(ln t / N(a)) ],  every arm once first
//! ```
//!
//! UCB explores the arms it is least sure of, not at random. The price of learning is the
//! **regret**: `Σ_t (μ* − μ_{a_t})`, what the pulls cost against always pulling the best arm.
//! A run plays many bandits at once (`runs`) with the same draws for every player, so the
//! averaged curves are smooth and the players compared on equal luck.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};

/// Most arms, runs and pulls a run may ask for.
pub const MAX_ARMS: usize = 20;
pub const MAX_RUNS: usize = 2_000;
pub const MAX_PULLS: usize = 10_000;

/// How a player picks an arm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Strategy {
    /// A random arm with probability ε, else the best estimate (ties at random).
    EpsilonGreedy(f64),
    /// The upper confidence bound with exploration weight `c`.
    Ucb(f64),
}

/// One player on one bandit: its estimates and counts.
#[derive(Debug, Clone)]
struct Player {
    estimates: Vec<f64>,
    counts: Vec<u32>,
}

/// Players racing on `runs` bandits, one pull each per step.
#[derive(Debug, Clone)]
pub struct BanditRace {
    arms: usize,
    strategies: Vec<Strategy>,
    pulls: usize,
    /// Each bandit's arm means.
    means: Vec<Vec<f64>>,
    /// `players[run][strategy]`.
    players: Vec<Vec<Player>>,
    /// One reward stream per run, shared by the players (the same luck for each).
    reward_rngs: Vec<Rng>,
    choice_rngs: Vec<Rng>,
    t: usize,
    /// Per player: (average reward, average cumulative regret, share of best-arm pulls) after
    /// each pull.
    curves: Vec<Vec<(f64, f64, f64)>>,
    regret: Vec<f64>,
}

impl BanditRace {
    /// Errors: `"arms"` (2–20), `"runs"` (1–2,000), `"pulls"` (1–10,000), `"epsilon"` (0–1),
    /// `"ucb_c"` (0–10).
    pub fn new(arms: usize, strategies: &[Strategy], runs: usize, pulls: usize, seed: u64) -> Result<BanditRace, ParamError> {
        ParamError::check_range("arms", 2.0, MAX_ARMS as f64, arms as f64)?;
        ParamError::check_range("runs", 1.0, MAX_RUNS as f64, runs as f64)?;
        ParamError::check_range("pulls", 1.0, MAX_PULLS as f64, pulls as f64)?;
        for s in strategies {
            match *s {
                Strategy::EpsilonGreedy(e) => ParamError::check_range("epsilon", 0.0, 1.0, e)?,
                Strategy::Ucb(c) => ParamError::check_range("ucb_c", 0.0, 10.0, c)?,
            }
        }
        let mut mean_rng = Rng::stream(seed, 10);
        let means: Vec<Vec<f64>> = (0..runs).map(|_| (0..arms).map(|_| f64::from(mean_rng.normal())).collect()).collect();
        let fresh = Player { estimates: vec![0.0; arms], counts: vec![0; arms] };
        Ok(BanditRace {
            arms,
            strategies: strategies.to_vec(),
            pulls,
            means,
            players: vec![vec![fresh; strategies.len()]; runs],
            reward_rngs: (0..runs as u64).map(|r| Rng::stream(seed, 1000 + r)).collect(),
            choice_rngs: (0..strategies.len() as u64).map(|k| Rng::stream(seed, 20 + k)).collect(),
            t: 0,
            curves: vec![Vec::with_capacity(pulls); strategies.len()],
            regret: vec![0.0; strategies.len()],
        })
    }

    pub fn arms(&self) -> usize {
        self.arms
    }

    pub fn strategies(&self) -> &[Strategy] {
        &self.strategies
    }

    /// Pulls made by each player on each bandit.
    pub fn pulls_made(&self) -> usize {
        self.t
    }

    /// The first bandit's arm means (the one the page draws).
    pub fn means(&self) -> &[f64] {
        &self.means[0]
    }

    /// Player `k`'s estimates and counts on the first bandit.
    pub fn estimates(&self, k: usize) -> (&[f64], &[u32]) {
        let p = &self.players[0][k];
        (&p.estimates, &p.counts)
    }

    /// Player `k`'s curves: after each pull, the reward averaged over the bandits, the
    /// cumulative regret averaged over them, and the share of them where the best arm was pulled.
    pub fn curve(&self, k: usize) -> &[(f64, f64, f64)] {
        &self.curves[k]
    }

    fn choose(strategy: Strategy, p: &Player, t: usize, rng: &mut Rng) -> usize {
        let arms = p.estimates.len();
        let argmax = |score: &dyn Fn(usize) -> f64, rng: &mut Rng| {
            let best = (0..arms).map(score).fold(f64::NEG_INFINITY, f64::max);
            let ties: Vec<usize> = (0..arms).filter(|&a| score(a) >= best - 1e-12).collect();
            ties[if ties.len() > 1 { rng.below(ties.len()) } else { 0 }]
        };
        match strategy {
            Strategy::EpsilonGreedy(e) => {
                if f64::from(rng.next_f32()) < e {
                    rng.below(arms)
                } else {
                    argmax(&|a| p.estimates[a], rng)
                }
            }
            Strategy::Ucb(c) => {
                if let Some(untried) = p.counts.iter().position(|&n| n == 0) {
                    return untried;
                }
                let ln_t = crate::tensor::math::ln64((t + 1) as f64);
                argmax(&|a| p.estimates[a] + c * (ln_t / f64::from(p.counts[a])).sqrt(), rng)
            }
        }
    }
}

impl Stepping for BanditRace {
    /// One pull by every player on every bandit.
    fn step(&mut self) {
        if self.done() {
            return;
        }
        let runs = self.means.len();
        let mut sums = vec![(0.0f64, 0.0f64, 0usize); self.strategies.len()];
        for run in 0..runs {
            // One noise draw per arm for this pull, shared by the players: equal luck.
            let noise: Vec<f64> = (0..self.arms).map(|_| f64::from(self.reward_rngs[run].normal())).collect();
            let means = &self.means[run];
            let best = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            for (k, &strategy) in self.strategies.iter().enumerate() {
                let p = &mut self.players[run][k];
                let a = Self::choose(strategy, p, self.t, &mut self.choice_rngs[k]);
                let reward = means[a] + noise[a];
                p.counts[a] += 1;
                p.estimates[a] += (reward - p.estimates[a]) / f64::from(p.counts[a]);
                sums[k].0 += reward;
                sums[k].1 += best - means[a];
                sums[k].2 += usize::from(means[a] >= best);
            }
        }
        for (k, (reward, regret, best)) in sums.into_iter().enumerate() {
            self.regret[k] += regret / runs as f64;
            self.curves[k].push((reward / runs as f64, self.regret[k], best as f64 / runs as f64));
        }
        self.t += 1;
    }

    fn done(&self) -> bool {
        self.t >= self.pulls
    }

    fn progress(&self) -> Progress {
        Progress { done: self.t, total: Some(self.pulls) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UCB tries every arm once before comparing; with one bandit its first `k` pulls are arms
    /// 0, 1, …, k−1 in order, and each estimate is then that single reward.
    #[test]
    fn ucb_tries_every_arm_first() {
        let mut race = BanditRace::new(5, &[Strategy::Ucb(2.0)], 1, 10, 7).unwrap();
        for _ in 0..5 {
            race.step();
        }
        assert_eq!(race.estimates(0).1, [1, 1, 1, 1, 1]);
        assert!(race.estimates(0).0.iter().all(|e| *e != 0.0));
    }

    /// Sutton & Barto's figure 2.4, in miniature: over 400 bandits of 10 arms and 1,000 pulls,
    /// UCB (c = 2) gathers less regret than ε-greedy (ε = 0.1), and both far less than pure
    /// greed (ε = 0), which sticks with its first good-looking arm.
    #[test]
    fn ucb_beats_epsilon_greedy_and_greed_gets_stuck() {
        let mut race = BanditRace::new(10, &[Strategy::EpsilonGreedy(0.0), Strategy::EpsilonGreedy(0.1), Strategy::Ucb(2.0)], 400, 1000, 1).unwrap();
        while !race.done() {
            race.step();
        }
        let regret: Vec<f64> = (0..3).map(|k| race.curve(k).last().unwrap().1).collect();
        let best: Vec<f64> = (0..3).map(|k| race.curve(k).last().unwrap().2).collect();
        assert!(regret[2] < regret[1] && regret[1] < regret[0], "regret greedy / ε / UCB: {regret:?}");
        assert!(best[0] < 0.5 && best[1] > 0.7 && best[2] > 0.7, "best-arm share {best:?}");
        assert!(BanditRace::new(1, &[], 1, 1, 1).is_err());
    }
}
