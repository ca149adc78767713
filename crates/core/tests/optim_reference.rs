//! Every optimizer (SGD, momentum, Nesterov, AdaGrad, RMSProp, Adam, AdamW, Lion), eight steps
//! from fixed parameters with a fixed gradient sequence that changes every step, against float64
//! reference trajectories from `fixtures/gen_optim_reference.py`: `torch.optim` (torch 2.15.0)
//! for every rule it has, cross-checked there against NumPy implementations written from the
//! papers; Lion (not in torch.optim) against the NumPy implementation of Chen et al. 2023,
//! Algorithm 2. Versions are in the JSON, and each case names its reference.
//!
//! Tolerance `|rust − reference| ≤ 1e-5·|reference| + 1e-6`: f32 rounds each operation to 6e-8
//! relative, eight steps of a few operations each stay well inside 1e-6; the absolute part
//! covers parameters that pass near 0. Tiny gradients (1e-8, where Adam's ε = 1e-7 dominates
//! √v̂ and RMSProp's ε = 1e-8 is comparable to √v) are in the sequence, so ε's placement
//! (outside the square root) is tested too; an always-zero gradient checks that Lion's
//! `sign(0) = 0` leaves that parameter alone. AdamW and Lion run with non-zero weight decay.

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use serde_json::Value;

fn floats(v: &Value) -> Vec<f32> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

#[test]
fn optim_matches_reference_trajectories() {
    let json: Value = serde_json::from_str(include_str!("fixtures/optim_reference.json")).unwrap();
    assert!(json["numpy_version"].as_str().is_some());
    println!("references: numpy {}, torch {}", json["numpy_version"], json["torch_version"]);
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
        let f = |key: &str| c[key].as_f64().unwrap_or_else(|| panic!("{name}: no {key}")) as f32;
        cfg.alpha = f("alpha");
        cfg.rms_eps = f("rms_eps");
        cfg.adagrad_eps = f("adagrad_eps");
        cfg.weight_decay = f("weight_decay");
        cfg.lion_beta1 = f("lion_beta1");
        cfg.lion_beta2 = f("lion_beta2");
        cfg.lion_weight_decay = f("lion_weight_decay");
        let mut opt = cfg.build(p0.len()).unwrap();
        assert_eq!(opt.kind(), kind);
        let mut p = p0.clone();
        let mut case_worst = 0.0f64;
        let steps = c["trajectory"].as_array().unwrap().len();
        assert!(steps >= 5 && steps == grads.len(), "{name}: {steps} steps");
        for (step, (g, want)) in grads.iter().zip(c["trajectory"].as_array().unwrap()).enumerate() {
            opt.step(&mut p, g);
            for (i, (&got, want)) in p.iter().zip(want.as_array().unwrap()).enumerate() {
                let want = want.as_f64().unwrap();
                let diff = (f64::from(got) - want).abs();
                assert!(
                    diff <= 1e-5 * want.abs() + 1e-6,
                    "{name} step {}: param {i} = {got}, reference {want}",
                    step + 1
                );
                case_worst = case_worst.max(diff);
            }
        }
        println!("{name:16} max |rust − ref| = {case_worst:.2e}  ({})", c["reference"].as_str().unwrap());
        worst = worst.max(case_worst);
    }
    for k in OptimizerKind::ALL {
        assert!(kinds_seen.contains(&k), "{k:?} not covered");
    }
    println!("optimizer reference: max |rust − reference| = {worst:.3e}");
}
