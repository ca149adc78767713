//! The gridworld's transition model and its dynamic programming against Gymnasium 1.4.0:
//! FrozenLake-v1 4 × 4 (slippery) and CliffWalking-v1, whose `P[s][a]` and whose values under
//! value iteration and under the random policy (computed with NumPy from that `P`) are in
//! `fixtures/rl/gymnasium_reference.json` (script, versions and Gymnasium's rules quoted in
//! `fixtures/rl/README.md`).

use perplexed_core::rl::planning::{action_values, best_actions, evaluate_policy, uniform_policy, value_iteration};
use perplexed_core::rl::world::{Action, PitRule, World};
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/rl/gymnasium_reference.json");

/// Gymnasium's action number → ours (its order differs per environment).
fn action_map(names: &[Value]) -> Vec<Action> {
    names
        .iter()
        .map(|n| match n.as_str().unwrap() {
            "Up" => Action::Up,
            "Right" => Action::Right,
            "Down" => Action::Down,
            "Left" => Action::Left,
            other => panic!("action {other}"),
        })
        .collect()
}

/// Our world for a Gymnasium map: FrozenLake's holes are pits worth 0 that end the episode
/// and its goal +1, the ice slippery (a third each way); CliffWalking's cliff is −100 and back
/// to the start, every step −1, and the goal −1 (the last step's cost, no bonus).
fn world_for(env: &Value) -> World {
    let rows: Vec<&str> = env["map"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    let frozen = env["id"].as_str().unwrap().starts_with("FrozenLake");
    let cell = |c: char| match (c, frozen) {
        ('S', _) => "s",
        ('F', true) | ('.', false) => ".",
        ('H', true) => "p0",
        ('G', true) => "g1",
        ('C', false) => "p-100",
        ('G', false) => "g-1",
        _ => panic!("cell {c}"),
    };
    let layout: Vec<String> = rows.iter().map(|r| r.chars().map(cell).collect()).collect();
    if frozen {
        World::parse(&layout.join(","), 0.0, 1.0 / 3.0, PitRule::End).unwrap()
    } else {
        World::parse(&layout.join(","), -1.0, 1.0, PitRule::Restart).unwrap()
    }
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// The states whose values both sides define alike: every state where the agent acts in our
/// world. Gymnasium also lists moves out of terminal cells (FrozenLake: a self-loop worth 0,
/// like ours; CliffWalking's goal: moves as if the agent stood there, so its V*(47) = −1
/// where ours is 0 — an episode never goes on from the goal in either).
fn compared(world: &World) -> Vec<usize> {
    (0..world.states()).filter(|&s| world.is_decision(s)).collect()
}

#[test]
fn transitions_equal_gymnasiums() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    for env in fixture["envs"].as_array().unwrap() {
        let world = world_for(env);
        let actions = action_map(env["actions"].as_array().unwrap());
        assert_eq!(world.states(), env["nS"].as_u64().unwrap() as usize);
        assert_eq!(world.start(), env["start_state"].as_u64().unwrap() as usize);
        let p = env["P"].as_array().unwrap();
        let mut checked = 0;
        for s in compared(&world) {
            for (g, &a) in actions.iter().enumerate() {
                // Gymnasium lists a bump twice when two slips land alike: merge as ours does.
                let mut theirs: Vec<(usize, f64, bool, f64)> = Vec::new();
                for t in p[s][g].as_array().unwrap() {
                    let t = t.as_array().unwrap();
                    let (prob, next, reward, end) = (t[0].as_f64().unwrap(), t[1].as_u64().unwrap() as usize, t[2].as_f64().unwrap(), t[3].as_bool().unwrap());
                    match theirs.iter_mut().find(|o| (o.0, o.1, o.2) == (next, reward, end)) {
                        Some(o) => o.3 += prob,
                        None => theirs.push((next, reward, end, prob)),
                    }
                }
                let ours = world.outcomes(s, a);
                assert_eq!(ours.len(), theirs.len(), "{} s={s} a={a:?}: {ours:?} vs {theirs:?}", env["id"]);
                for o in &ours {
                    let t = theirs.iter().find(|t| (t.0, t.1, t.2) == (o.next, o.reward, o.terminal)).unwrap_or_else(|| panic!("{} s={s} a={a:?}: {o:?} not in {theirs:?}", env["id"]));
                    assert!((t.3 - o.probability).abs() < 1e-15, "{} s={s} a={a:?}", env["id"]);
                }
                checked += 1;
            }
        }
        assert!(checked >= 40, "{checked}");
    }
}

#[test]
fn value_iteration_equals_numpy_on_gymnasiums_model() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    for env in fixture["envs"].as_array().unwrap() {
        let world = world_for(env);
        let model = world.model();
        let actions = action_map(env["actions"].as_array().unwrap());
        for (gamma_key, result) in env["results"].as_object().unwrap() {
            let gamma: f64 = gamma_key.parse().unwrap();
            let vi = &result["value_iteration"];
            let expected = numbers(&vi["V"]);
            let (values, sweeps) = value_iteration(&model, gamma, 1e-12, 100_000);
            let theirs = vi["sweeps"].as_u64().unwrap() as usize;
            assert!(sweeps.abs_diff(theirs) <= 1, "{} γ={gamma}: {sweeps} sweeps against {theirs}", env["id"]);
            for s in compared(&world) {
                assert!((values[s] - expected[s]).abs() < 1e-10, "{} γ={gamma} V*({s}) = {} against {}", env["id"], values[s], expected[s]);
            }
            // Their greedy action (lowest of their ties) is among our best.
            let q = action_values(&model, gamma, &values);
            for s in compared(&world) {
                let g = vi["greedy_action"][s].as_u64().unwrap() as usize;
                assert!(best_actions(&q[s])[actions[g] as usize], "{} γ={gamma} s={s}: {:?} not best in {:?}", env["id"], actions[g], q[s]);
            }
        }
        // The random policy, one sweep from zero and to convergence (γ = 0.9).
        let random = &env["results"]["0.9"]["uniform_random_policy_evaluation"];
        let policy = uniform_policy(&model);
        let zero = vec![0.0; world.states()];
        let (one, _) = evaluate_policy(&model, 0.9, &policy, &zero, 0.0, 1);
        let (all, _) = evaluate_policy(&model, 0.9, &policy, &zero, 1e-12, 100_000);
        let (one_theirs, all_theirs) = (numbers(&random["V_after_1_sweep"]), numbers(&random["V_converged"]));
        for s in compared(&world) {
            assert!((one[s] - one_theirs[s]).abs() < 1e-12, "{} s={s}: {} against {}", env["id"], one[s], one_theirs[s]);
            assert!((all[s] - all_theirs[s]).abs() < 1e-9, "{} s={s}: {} against {}", env["id"], all[s], all_theirs[s]);
        }
    }
}
