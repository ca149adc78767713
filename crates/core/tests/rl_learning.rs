//! Temporal-difference control in the gridworld: Q-learning finds value iteration's policy,
//! the cliff walk separates SARSA from Q-learning as Sutton & Barto describe (Example 6.6),
//! replays and traces speed learning up, and a seed repeats a run exactly.

use perplexed_core::rl::learning::{Learner, Method, Settings, Traces};
use perplexed_core::rl::planning::{action_values, best_actions, value_iteration};
use perplexed_core::rl::world::{Action, PitRule, World, CLIFF, MAZE, TWO_GOALS};
use perplexed_core::stepping::Stepping;

fn run(world: &World, settings: Settings) -> Learner {
    let mut l = Learner::new(world, settings).unwrap();
    while !l.done() {
        l.step();
    }
    l
}

/// Moves until the greedy policy first walks from the start to the goal.
fn moves_to_solve(world: &World, settings: Settings) -> usize {
    let mut l = Learner::new(world, settings).unwrap();
    while !l.done() {
        l.step();
        if l.episodes().last().is_some_and(|e| e.solved) {
            return l.moves();
        }
    }
    usize::MAX
}

#[test]
fn q_learning_reaches_the_value_iteration_policy_on_the_maze() {
    let world = MAZE.world();
    let model = world.model();
    let (optimal, _) = value_iteration(&model, 0.9, 1e-12, 10_000);
    let q_star = action_values(&model, 0.9, &optimal);
    for seed in 1..=5 {
        // Plain one-step Q-learning, no replays.
        let l = run(&world, Settings { planning: 0, episodes: 300, seed, ..Settings::default() });
        let last = l.episodes().last().unwrap();
        assert!(last.gap < 1e-6, "seed {seed}: gap {}", last.gap);
        assert!(last.solved);
        // Along the greedy path, every move is one of value iteration's best.
        let (path, reached) = l.greedy_path();
        assert!(reached);
        for &s in &path[..path.len() - 1] {
            assert!(best_actions(&q_star[s])[l.greedy(s) as usize], "seed {seed}: state {s} goes {:?}", l.greedy(s));
        }
        // The shortest way: 14 moves (the start at the top left, the goal at the bottom right).
        assert_eq!(path.len() - 1, 14, "seed {seed}");
        assert!((l.greedy_values()[world.start()] - optimal[world.start()]).abs() < 1e-6);
    }
}

/// Sutton & Barto, Example 6.6: with ε = 0.1 Q-learning learns the shortest path along the
/// cliff's edge but falls in now and then while exploring; SARSA learns the longer, safe path
/// away from the edge and earns more per episode while it explores. Expected SARSA does at
/// least as well as SARSA.
#[test]
fn the_cliff_walk_separates_sarsa_from_q_learning() {
    let world = CLIFF.world();
    for seed in 1..=3 {
        let settings = Settings { gamma: 0.99, alpha: 0.5, epsilon: 0.1, planning: 0, episodes: 500, seed, ..Settings::default() };
        let q = run(&world, Settings { method: Method::QLearning, ..settings });
        let sarsa = run(&world, Settings { method: Method::Sarsa, ..settings });
        let expected = run(&world, Settings { method: Method::ExpectedSarsa, ..settings });
        let mean_return = |l: &Learner| l.episodes()[400..].iter().map(|e| e.return_).sum::<f64>() / 100.0;
        let rows = |l: &Learner| -> Vec<usize> { l.greedy_path().0.iter().map(|&s| world.position(s).0).collect() };
        let (q_path, q_reached) = q.greedy_path();
        assert!(q_reached && q_path.len() - 1 == 13, "seed {seed}: Q-learning's path has {} moves", q_path.len() - 1);
        // The edge: every cell between the first and the last move is on row 2, beside the cliff.
        assert!(rows(&q)[1..q_path.len() - 1].iter().all(|&r| r == 2), "seed {seed}: {:?}", rows(&q));
        let (s_path, s_reached) = sarsa.greedy_path();
        assert!(s_reached && s_path.len() - 1 > 13, "seed {seed}: SARSA's path has {} moves", s_path.len() - 1);
        // Safe: away from the edge except where it must leave the start and enter the goal.
        let middle: Vec<usize> = s_path[2..s_path.len() - 2].iter().map(|&s| world.position(s).0).collect();
        assert!(middle.iter().all(|&r| r <= 1), "seed {seed}: SARSA walks rows {middle:?}");
        let (mq, ms, me) = (mean_return(&q), mean_return(&sarsa), mean_return(&expected));
        assert!(ms > mq + 10.0, "seed {seed}: mean return over the last 100 episodes, SARSA {ms:.1} against Q-learning {mq:.1}");
        assert!(me >= ms - 5.0, "seed {seed}: Expected SARSA {me:.1}, SARSA {ms:.1}");
    }
}

#[test]
fn replays_and_traces_learn_in_fewer_moves() {
    let world = MAZE.world();
    let median = |settings: Settings| {
        let mut m: Vec<usize> = (1..=5).map(|seed| moves_to_solve(&world, Settings { seed, ..settings })).collect();
        m.sort_unstable();
        m[2]
    };
    let plain = median(Settings { planning: 0, ..Settings::default() });
    let dyna = median(Settings { planning: 10, ..Settings::default() });
    let traces = median(Settings { planning: 0, lambda: 0.9, ..Settings::default() });
    assert!(dyna * 2 < plain, "Dyna-Q {dyna} moves against {plain}");
    assert!(traces < plain, "Q(λ) {traces} moves against {plain}");
    assert!(dyna <= 600, "the page's default solves the maze in {dyna} moves (median of seeds 1–5)");
}

/// With ε = 1 the agent never exploits: its episodes stay long random walks. Q-learning learns
/// off-policy, so the greedy policy it has learned is still optimal.
#[test]
fn epsilon_one_never_exploits_yet_q_learning_learns() {
    let world = MAZE.world();
    let l = run(&world, Settings { epsilon: 1.0, planning: 0, episodes: 150, ..Settings::default() });
    let late = &l.episodes()[100..];
    let mean_moves = late.iter().map(|e| e.moves as f64).sum::<f64>() / late.len() as f64;
    assert!(mean_moves > 100.0, "random walks: {mean_moves:.0} moves an episode (the shortest is 14)");
    assert!(l.episodes().last().unwrap().gap < 1e-6, "yet the greedy policy is optimal");
}

/// Near or far (`TWO_GOALS`): a greedy agent (ε = 0) settles for the goal it found first — for
/// most seeds the near, small one; with ε = 1 it never exploits, yet Q-learning's greedy policy
/// is optimal; exploring first and exploiting later (ε from 1, ×0.98 an episode) finds the far
/// goal and then walks there. Seeds 1–10, 200 episodes; seed 1 is the page's.
#[test]
fn explore_first_then_exploit_on_two_goals() {
    let world = TWO_GOALS.world();
    let gap = |settings: Settings| run(&world, settings).episodes().last().map_or(f64::NAN, |e| e.gap);
    let count = |settings: Settings, stuck: bool| (1..=10).filter(|&seed| (gap(Settings { seed, ..settings }) > 0.4) == stuck).count();
    let greedy = Settings { epsilon: 0.0, ..Settings::default() };
    let random = Settings { epsilon: 1.0, ..Settings::default() };
    let decaying = Settings { epsilon: 1.0, decay: 0.98, ..Settings::default() };
    assert!(count(greedy, true) >= 5, "ε = 0 stuck at the near goal in {} of 10", count(greedy, true));
    assert_eq!(count(random, false), 10, "ε = 1: the greedy policy is optimal for every seed");
    assert!(count(decaying, false) >= 9, "explore then exploit: optimal in {} of 10", count(decaying, false));
    // Seed 1, as the page shows it: stuck with 3 moves to the near goal; optimal with 5.
    let g = run(&world, greedy);
    assert_eq!(g.greedy_path().0.len() - 1, 3);
    assert!((g.episodes().last().unwrap().gap - (0.9f64.powi(4) - 0.3 * 0.81)).abs() < 1e-9, "gap 0.6561 − 0.243");
    let (r, d) = (run(&world, random), run(&world, decaying));
    assert_eq!((r.greedy_path().0.len() - 1, d.greedy_path().0.len() - 1), (5, 5));
    let late_return = |l: &Learner| l.episodes()[180..].iter().map(|e| e.return_).sum::<f64>() / 20.0;
    assert!(late_return(&d) > 0.9, "explore then exploit: the far goal every time at the end ({})", late_return(&d));
    assert!(late_return(&r) < 0.8, "never exploiting: random walks end at either goal ({})", late_return(&r));
}

/// With ε = 0 Expected SARSA's target is the best action's value (the greedy policy puts all
/// its weight there, ties sharing equal values): it is Q-learning, move for move.
#[test]
fn greedy_expected_sarsa_is_q_learning() {
    let world = MAZE.world();
    let settings = Settings { epsilon: 0.0, planning: 0, episodes: 30, ..Settings::default() };
    let q = run(&world, Settings { method: Method::QLearning, ..settings });
    let e = run(&world, Settings { method: Method::ExpectedSarsa, ..settings });
    // Equal but for the last bits of the sum over tied actions.
    assert!(q.q_table().iter().zip(e.q_table()).all(|(a, b)| (a - b).abs() < 1e-12));
    let moves = |l: &Learner| l.episodes().iter().map(|e| (e.moves, e.return_)).collect::<Vec<_>>();
    assert_eq!(moves(&q), moves(&e));
}

/// The first move on `s.,.g` (γ = 0.9, α = 0.5, step −0.5, all Q at 0) is an update of one
/// pair: Q(s,a) = 0 + 0.5·(r + 0.9·max Q(s') − 0) = 0.5·r, whatever the move — −0.25 for a
/// step (or a bump), nothing else touched.
#[test]
fn one_update_by_hand() {
    let world = World::parse("s.,.g", -0.5, 1.0, PitRule::End).unwrap();
    let mut l = Learner::new(&world, Settings { alpha: 0.5, gamma: 0.9, epsilon: 0.0, planning: 0, ..Settings::default() }).unwrap();
    l.step();
    let m = l.last_move().unwrap();
    assert_eq!(m.reward, -0.5);
    let pair = m.from * 4 + m.action as usize;
    for (i, &v) in l.q_table().iter().enumerate() {
        assert_eq!(v, if i == pair { -0.25 } else { 0.0 }, "pair {i}");
    }
    assert_eq!(world.moved(0, Action::Up), 0, "a bump stays put");
}

#[test]
fn the_same_seed_gives_the_same_episodes() {
    let world = World::parse(perplexed_core::rl::world::LAKE.layout, 0.0, 1.0 / 3.0, PitRule::End).unwrap();
    let settings = Settings { method: Method::Sarsa, lambda: 0.8, traces: Traces::Accumulating, planning: 5, epsilon: 0.2, decay: 0.99, episodes: 200, seed: 4, ..Settings::default() };
    let (a, b) = (run(&world, settings), run(&world, settings));
    assert_eq!(a.episodes(), b.episodes());
    assert_eq!(a.q_table(), b.q_table());
    let c = run(&world, Settings { seed: 5, ..settings });
    assert_ne!(a.episodes(), c.episodes());
}

/// Accumulating traces overshoot: a pair visited again and again within an episode gets a
/// trace far above 1 (up to 1/(1 − γλ)), and each surprise moves it by α·δ·e — with α = 0.5,
/// λ = 1, γ = 0.99 the values blow up (seeds 1–5), and the run stops as "diverged". Replacing
/// traces (e ≤ 1) on the same runs stay within |r|max/(1 − γ) = 100.
#[test]
fn accumulating_traces_can_blow_up_and_the_run_says_so() {
    let world = MAZE.world();
    for seed in 1..=5 {
        let settings = Settings { method: Method::Sarsa, alpha: 0.5, gamma: 0.99, lambda: 1.0, epsilon: 0.3, episodes: 100, seed, ..Settings::default() };
        let blown = run(&world, Settings { traces: Traces::Accumulating, ..settings });
        assert!(blown.diverged() && blown.done(), "seed {seed}: diverged after {} episodes", blown.episodes().len());
        let bounded = run(&world, Settings { traces: Traces::Replacing, ..settings });
        assert!(!bounded.diverged(), "seed {seed}");
        assert!(bounded.q_table().iter().all(|q| q.abs() <= 1.0 / (1.0 - 0.99)), "seed {seed}: every value within |r|max/(1 − γ)");
    }
    // The page's way out (α two stops lower, 0.1) keeps the accumulating traces bounded.
    let calmer = run(&world, Settings { method: Method::Sarsa, alpha: 0.1, gamma: 0.99, lambda: 1.0, traces: Traces::Accumulating, epsilon: 0.3, episodes: 200, ..Settings::default() });
    assert!(!calmer.diverged());
}

#[test]
fn bad_settings_are_named() {
    let world = MAZE.world();
    for (s, field) in [
        (Settings { alpha: 0.0, ..Settings::default() }, "alpha"),
        (Settings { gamma: 1.0, ..Settings::default() }, "gamma"),
        (Settings { epsilon: 1.5, ..Settings::default() }, "epsilon"),
        (Settings { decay: 0.5, ..Settings::default() }, "decay"),
        (Settings { lambda: -0.1, ..Settings::default() }, "lambda"),
        (Settings { planning: 101, ..Settings::default() }, "planning"),
        (Settings { episodes: 0, ..Settings::default() }, "episodes"),
    ] {
        assert_eq!(Learner::new(&world, s).unwrap_err().field, field);
    }
}
