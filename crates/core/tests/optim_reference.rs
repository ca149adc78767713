//! SGD, momentum and Adam, five steps from fixed parameters with a fixed gradient sequence,
//! against NumPy (float64) trajectories written from the published update rules
//! (`fixtures/gen_optim_reference.py`, version in the JSON).
//!
//! Tolerance `|rust − numpy| ≤ 1e-5·|numpy| + 1e-6`: f32 rounds each operation to 6e-8
//! relative, five steps of a few operations each stay well inside 1e-6; the absolute part covers
//! parameters that pass near 0. Adam's tiny gradients (1e-8, where ε = 1e-7 dominates √v̂)
//! are in the sequence, so ε's placement (outside the square root) is tested too.

use perplexed_core::optim::{OptimizerConfig, OptimizerKind};
use serde_json::Value;

fn floats(v: &Value) -> Vec<f32> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

#[test]
fn optim_matches_numpy_reference_trajectories() {
    let json: Value = serde_json::from_str(include_str!("fixtures/optim_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some());
    let p0 = floats(&json["params0"]);
    let grads: Vec<Vec<f32>> = json["grads"].as_array().unwrap().iter().map(floats).collect();
    let cases = json["cases"].as_array().unwrap();
    let mut kinds_seen = Vec::new();
    let mut worst = 0.0f64;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let kind = OptimizerKind::from_slug(c["kind"].as_str().unwrap()).unwrap();
        kinds_seen.push(kind);
        let mut cfg = OptimizerConfig::new(kind, c["lr"].as_f64().unwrap() as f32);
        cfg.momentum = c["momentum"].as_f64().unwrap() as f32;
        cfg.beta1 = c["beta1"].as_f64().unwrap() as f32;
        cfg.beta2 = c["beta2"].as_f64().unwrap() as f32;
        cfg.eps = c["eps"].as_f64().unwrap() as f32;
        let mut opt = cfg.build(p0.len()).unwrap();
        assert_eq!(opt.kind(), kind);
        let mut p = p0.clone();
        for (step, (g, want)) in grads.iter().zip(c["trajectory"].as_array().unwrap()).enumerate() {
            opt.step(&mut p, g);
            for (i, (&got, want)) in p.iter().zip(want.as_array().unwrap()).enumerate() {
                let want = want.as_f64().unwrap();
                let diff = (f64::from(got) - want).abs();
                assert!(
                    diff <= 1e-5 * want.abs() + 1e-6,
                    "{name} step {}: param {i} = {got}, NumPy {want}",
                    step + 1
                );
                worst = worst.max(diff);
            }
        }
    }
    for k in OptimizerKind::ALL {
        assert!(kinds_seen.contains(&k), "{k:?} not covered");
    }
    println!("optimizer reference: max |rust − numpy| = {worst:.3e}");
}
