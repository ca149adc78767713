//! The RL lab's settings: what its controls write, its reset (`Default`), its address. Three
//! groups: the world (`world` … `pits`), the learner (`method` … `seed`), and the pace.

use perplexed_core::rl::learning::{Method, Settings, Traces, MAX_EPISODES, MAX_EPISODE_MOVES, MAX_PLANNING};
use perplexed_core::rl::world::{PitRule, World, MAX_REWARD, MAZE};

use crate::query::{by_slug, float_in, int_in, lab_params, seed, short_float};

perplexed_core::slug_enum! {
    /// How fast the agent moves while playing.
    pub enum Pace {
        /// 4 moves a second: every choice can be followed.
        Slow => "slow",
        /// 30 moves a second.
        Normal => "normal",
        /// 150 moves a second: the default, the maze solved in a few seconds.
        Fast => "fast",
        /// As many moves as each frame's budget allows.
        Max => "max",
    }
}

impl Pace {
    /// Moves a second (`None`: as fast as the frame allows).
    pub fn moves_per_second(self) -> Option<f64> {
        match self {
            Pace::Slow => Some(4.0),
            Pace::Normal => Some(30.0),
            Pace::Fast => Some(150.0),
            Pace::Max => None,
        }
    }
}

perplexed_core::slug_enum! {
    /// What a click on the grid puts there.
    pub enum Tool {
        Wall => "wall",
        Start => "start",
        Goal => "goal",
        Pit => "pit",
        Empty => "empty",
    }
}

by_slug!(Pace, Tool, Method, Traces, PitRule);

/// The values the sliders offer.
pub const ALPHAS: [f32; 7] = [0.01, 0.05, 0.1, 0.2, 0.5, 0.8, 1.0];
pub const GAMMAS: [f32; 7] = [0.0, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99];
pub const EPSILONS: [f32; 9] = [0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0];
pub const DECAYS: [f32; 5] = [0.9, 0.95, 0.99, 0.999, 1.0];
pub const LAMBDAS: [f32; 7] = [0.0, 0.3, 0.5, 0.8, 0.9, 0.95, 1.0];
pub const SUCCESSES: [f32; 6] = [1.0 / 3.0, 0.5, 0.6, 0.8, 0.9, 1.0];
pub const STEP_REWARDS: [f32; 7] = [-1.0, -0.1, -0.04, -0.01, 0.0, 0.01, 0.1];
/// Rewards a goal or pit may be given from the page.
pub const CELL_REWARDS: [f32; 11] = [-100.0, -10.0, -5.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 5.0, 10.0];

/// The bandit's ε-greedy player and UCB's exploration weight `c`.
pub const BANDIT_EPSILONS: [f32; 6] = [0.01, 0.05, 0.1, 0.2, 0.3, 0.5];
pub const UCB_CS: [f32; 6] = [0.25, 0.5, 1.0, 2.0, 3.0, 5.0];

/// A layout the address may carry: one that core builds a world from, as core writes it.
pub fn layout(s: &str) -> Option<String> {
    World::parse(s, 0.0, 1.0, PitRule::End).ok().map(|w| w.layout())
}

/// A number from the address as its decimal (0.01, not f32's 0.0099999997…).
pub fn decimal(v: f32) -> f64 {
    short_float(v).parse().unwrap_or(f64::from(v))
}

lab_params! {
    /// Everything that defines the RL lab; a link carries all of it.
    pub struct RlParams {
        /// The grid, as core's layout text (`s...,.x.p,...g`).
        world: String = MAZE.layout.to_owned(), layout, write |w: &String| Some(w.clone());
        /// The reward of a move that enters no goal or pit.
        step: f32 = MAZE.step_reward as f32, float_in(-MAX_REWARD, MAX_REWARD);
        /// Probability that the intended move happens (1: a dry floor).
        success: f32 = 1.0, float_in(0.0, 1.0);
        pits: PitRule = PitRule::End, PitRule::from_slug;
        method: Method = Method::QLearning, Method::from_slug;
        alpha: f32 = 0.5, float_in(0.001, 1.0);
        gamma: f32 = 0.9, float_in(0.0, 0.99);
        epsilon: f32 = 0.1, float_in(0.0, 1.0);
        decay: f32 = 1.0, float_in(0.9, 1.0);
        lambda: f32 = 0.0, float_in(0.0, 1.0);
        traces: Traces = Traces::Replacing, Traces::from_slug;
        /// Dyna-Q's replays a move.
        planning: usize = 10, int_in(0, MAX_PLANNING as i64);
        episodes: usize = 200, int_in(1, MAX_EPISODES as i64);
        /// Moves after which an episode is cut.
        moves: usize = 500, int_in(10, MAX_EPISODE_MOVES as i64);
        seed: u32 = 1, seed;
        speed: Pace = Pace::Fast, Pace::from_slug;
        /// The bandit warm-up: arms, the ε-greedy player's ε, UCB's `c`.
        arms: usize = 10, int_in(2, perplexed_core::rl::bandit::MAX_ARMS as i64);
        bandit_epsilon: f32 = 0.1, float_in(0.0, 1.0);
        ucb: f32 = 2.0, float_in(0.0, 10.0);
    }
}

impl RlParams {
    /// The world these settings describe (core's refusal names the setting).
    pub fn world(&self) -> Result<World, perplexed_core::ParamError> {
        // 1/3 from the address is FrozenLake's third, exactly.
        let success = if (self.success - 1.0 / 3.0).abs() < 1e-6 { 1.0 / 3.0 } else { decimal(self.success) };
        World::parse(&self.world, decimal(self.step), success, self.pits)
    }

    pub fn settings(&self) -> Settings {
        Settings {
            method: self.method,
            alpha: decimal(self.alpha),
            gamma: decimal(self.gamma),
            epsilon: decimal(self.epsilon),
            decay: decimal(self.decay),
            lambda: decimal(self.lambda),
            traces: self.traces,
            planning: self.planning,
            episodes: self.episodes,
            max_moves: self.moves,
            seed: u64::from(self.seed),
        }
    }

    /// Takes a preset's world and rules (the learner's settings stay, but the cliff walk asks
    /// for γ = 0.99 and no replays, as Sutton & Barto ran it).
    pub fn load(&mut self, preset: &perplexed_core::rl::world::Preset) {
        self.world = preset.layout.to_owned();
        self.step = preset.step_reward as f32;
        self.success = preset.success as f32;
        self.pits = preset.pits;
    }

    /// What a change from `old` invalidates.
    pub fn change_from(&self, old: &RlParams) -> Change {
        if (&self.world, self.step, self.success, self.pits) != (&old.world, old.step, old.success, old.pits) {
            Change::World
        } else if self.settings() != old.settings() {
            Change::Learner
        } else if self.speed != old.speed {
            Change::Pace
        } else {
            Change::Nothing
        }
    }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// The pace starts over.
    Pace,
    /// A new learner in the same world (the planner stays).
    Learner,
    /// A new world: a new planner and a new learner.
    World,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};
    use perplexed_core::rl::world::{CLIFF, LAKE};

    /// Addresses that open a preset by hand: the cliff walk with Sutton & Barto's γ and no replays,
    /// the lake with its third (written as a link would carry it).
    fn preset_query(name: &str) -> &'static str {
        match name {
            "cliff" => "world=............,............,............,sp-100p-100p-100p-100p-100p-100p-100p-100p-100p-100g0&step=-1&pits=restart&gamma=0.99&planning=0&episodes=500",
            "lake" => "world=s...,.p0.p0,...p0,p0..g&step=0&success=0.3333333&alpha=0.1&episodes=2000",
            _ => "",
        }
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = RlParams {
            world: "s.x,.pg".into(),
            step: -0.04,
            success: 0.8,
            pits: PitRule::Restart,
            method: Method::ExpectedSarsa,
            alpha: 0.1,
            gamma: 0.95,
            epsilon: 0.3,
            decay: 0.99,
            lambda: 0.9,
            traces: Traces::Accumulating,
            planning: 0,
            episodes: 1000,
            moves: 200,
            seed: 7,
            speed: Pace::Max,
            arms: 5,
            bandit_epsilon: 0.2,
            ucb: 1.0,
        };
        assert_round_trip(&p);
        assert_round_trip(&RlParams::default());
        assert_eq!(read_query::<RlParams>(""), (RlParams::default(), vec![]));
        assert!(RlParams::default().world().is_ok());
        let d = RlParams::default().settings();
        assert_eq!(d, Settings { seed: 1, ..Settings::default() }, "the lab opens on core's defaults");
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read_query::<RlParams>("world=s..,.q.&step=x&success=2&pits=fly&method=dqn&alpha=0&gamma=1&epsilon=-1&decay=0.5&lambda=2&traces=dutch&planning=101&episodes=0&moves=5&seed=-1&speed=warp&arms=1&bandit_epsilon=2&ucb=-1");
        assert_eq!(p, RlParams::default());
        assert_eq!(rejected.len(), 19, "{rejected:?}");
        assert_eq!(read_query::<RlParams>("world=s..,...").1, ["world"], "no goal: not a world");
    }

    #[test]
    fn presets_load_their_worlds() {
        for (name, preset) in [("cliff", CLIFF), ("lake", LAKE)] {
            let (p, rejected) = read_query::<RlParams>(preset_query(name));
            assert!(rejected.is_empty(), "{name}: {rejected:?}");
            let w = p.world().unwrap();
            assert_eq!(w, preset.world(), "{name}");
            let mut q = RlParams::default();
            q.load(&preset);
            assert_eq!(q.world().unwrap(), preset.world());
        }
        let mut a = RlParams::default();
        assert_eq!(a.change_from(&a.clone()), Change::Nothing);
        let old = a.clone();
        a.epsilon = 0.2;
        assert_eq!(a.change_from(&old), Change::Learner);
        a.step = -1.0;
        assert_eq!(a.change_from(&old), Change::World);
    }
}
