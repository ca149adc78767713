//! Optimiser settings validation, defaults, learning-rate changes without reset, `reset`, and
//! the hand-computable first steps.

use perplexed_core::error::ErrorKind;
use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};

#[test]
fn optim_slugs_and_defaults() {
    let slugs: Vec<&str> = OptimizerKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(slugs, ["sgd", "momentum", "adam", "nesterov", "adagrad", "rmsprop", "adamw", "lion"]);
    for k in OptimizerKind::ALL {
        assert_eq!(OptimizerKind::from_slug(k.slug()), Some(k));
    }
    let c = OptimizerConfig::new(OptimizerKind::Adam, 0.01);
    assert_eq!((c.lr, c.momentum, c.beta1, c.beta2, c.eps), (0.01, 0.9, 0.9, 0.999, 1e-7));
    // PyTorch's defaults for the newer rules; Lion's from Chen et al. 2023.
    assert_eq!((c.alpha, c.rms_eps, c.adagrad_eps), (0.99, 1e-8, 1e-10));
    assert_eq!(c.weight_decay, 0.01);
    assert_eq!((c.lion_beta1, c.lion_beta2, c.lion_weight_decay), (0.9, 0.99, 0.0));
    for k in OptimizerKind::ALL {
        let opt = OptimizerConfig::new(k, 0.01).build(2).unwrap();
        assert_eq!(opt.kind(), k);
        assert_eq!(opt.clone_box().kind(), k);
    }
}

#[test]
fn optim_validation_names_the_field() {
    for lr in [0.0, 1e-7, 10.5, f32::NAN, f32::INFINITY, -0.1] {
        let e = OptimizerConfig::new(OptimizerKind::Sgd, lr).build(3).unwrap_err();
        assert_eq!(e.field, "lr");
        assert!(matches!(e.kind, ErrorKind::OutOfRange { .. }), "{e}");
    }
    for lr in [1e-6, 10.0, 0.03] {
        assert!(OptimizerConfig::new(OptimizerKind::Sgd, lr).build(3).is_ok());
    }
    let mut c = OptimizerConfig::new(OptimizerKind::Adam, 0.01);
    c.beta1 = 1.0;
    assert_eq!(c.build(3).unwrap_err().field, "beta1");
    c.beta1 = 0.9;
    c.beta2 = -0.1;
    assert_eq!(c.build(3).unwrap_err().field, "beta2");
    c.beta2 = 0.999;
    c.eps = 0.0;
    assert_eq!(c.build(3).unwrap_err().field, "eps");
    c.eps = f32::NAN;
    assert_eq!(c.build(3).unwrap_err().field, "eps");
    let mut m = OptimizerConfig::new(OptimizerKind::Momentum, 0.01);
    m.momentum = 1.5;
    assert_eq!(m.build(3).unwrap_err().field, "momentum");

    // Each of the newer settings: a bad value names its field, a boundary value is accepted.
    type Set = fn(&mut OptimizerConfig, f32);
    let cases: [(&str, Set, &[f32], &[f32]); 7] = [
        ("alpha", |c, v| c.alpha = v, &[1.0, -0.01, f32::NAN], &[0.0, 0.999]),
        ("rms_eps", |c, v| c.rms_eps = v, &[0.0, -1e-8, 1.5, f32::NAN], &[1e-12, 1.0]),
        ("adagrad_eps", |c, v| c.adagrad_eps = v, &[0.0, 2.0, f32::INFINITY], &[1e-10, 1.0]),
        ("weight_decay", |c, v| c.weight_decay = v, &[-0.01, 1.01, f32::NAN], &[0.0, 1.0]),
        ("lion_beta1", |c, v| c.lion_beta1 = v, &[1.0, -0.5, f32::NAN], &[0.0, 0.99]),
        ("lion_beta2", |c, v| c.lion_beta2 = v, &[1.0, f32::NEG_INFINITY], &[0.0, 0.999]),
        ("lion_weight_decay", |c, v| c.lion_weight_decay = v, &[-1.0, 2.0, f32::NAN], &[0.0, 1.0]),
    ];
    for (field, set, bad, good) in cases {
        for &v in bad {
            // Validated whatever the kind, so a bad URL value shows before the learner switches.
            let mut c = OptimizerConfig::new(OptimizerKind::Sgd, 0.01);
            set(&mut c, v);
            let e = c.build(3).unwrap_err();
            assert_eq!(e.field, field, "{field} = {v}");
            assert!(e.to_string().contains(&format!("(got {v})")), "{e}");
        }
        for &v in good {
            let mut c = OptimizerConfig::new(OptimizerKind::Lion, 0.01);
            set(&mut c, v);
            assert!(c.build(3).is_ok(), "{field} = {v}");
        }
    }
}

#[test]
fn optim_first_steps_by_hand() {
    // SGD: p = 1 − 0.5·0.2 = 0.9.
    let mut p = [1.0f32];
    let mut sgd = OptimizerConfig::new(OptimizerKind::Sgd, 0.5).build(1).unwrap();
    sgd.step(&mut p, &[0.2]);
    assert_eq!(p, [0.9]);
    // Momentum μ = 0.9, lr = 0.1, g = 1 twice: v1 = 1, p = −0.1; v2 = 1.9, p = −0.1 − 0.19 = −0.29.
    let mut p = [0.0f32];
    let mut mom = OptimizerConfig::new(OptimizerKind::Momentum, 0.1).build(1).unwrap();
    mom.step(&mut p, &[1.0]);
    assert!((p[0] + 0.1).abs() < 1e-7);
    mom.step(&mut p, &[1.0]);
    assert!((p[0] + 0.29).abs() < 1e-7);
    // Adam's first step: m̂ = g, v̂ = g², so Δp = −lr·g/(|g| + ε) ≈ −lr·sign(g) whatever |g|.
    for g in [1e-3f32, 0.5, -40.0] {
        let mut p = [0.0f32];
        let mut adam = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(1).unwrap();
        adam.step(&mut p, &[g]);
        let want = -0.01 * f64::from(g) / (f64::from(g.abs()) + 1e-7);
        assert!((f64::from(p[0]) - want).abs() < 1e-8, "g = {g}: {} vs {want}", p[0]);
    }
}

#[test]
fn optim_newer_rules_first_steps_by_hand() {
    let one = |kind: OptimizerKind, lr: f32, grads: &[f32]| {
        let mut p = [0.0f32];
        let mut opt = OptimizerConfig::new(kind, lr).build(1).unwrap();
        for &g in grads {
            opt.step(&mut p, &[g]);
        }
        p[0]
    };
    // Nesterov μ = 0.9, lr = 0.1, g = 1 twice: v1 = 1, step g + μv = 1.9, p = −0.19;
    // v2 = 1.9, step 1 + 1.71 = 2.71, p = −0.19 − 0.271 = −0.461 (heavy ball: −0.29).
    assert!((one(OptimizerKind::Nesterov, 0.1, &[1.0]) + 0.19).abs() < 1e-7);
    assert!((one(OptimizerKind::Nesterov, 0.1, &[1.0, 1.0]) + 0.461).abs() < 1e-6);
    // AdaGrad lr = 0.1, g = 3 then 4: s = 9, Δ = −0.1·3/3 = −0.1; s = 25, Δ = −0.1·4/5 = −0.08.
    assert!((one(OptimizerKind::AdaGrad, 0.1, &[3.0]) + 0.1).abs() < 1e-7);
    assert!((one(OptimizerKind::AdaGrad, 0.1, &[3.0, 4.0]) + 0.18).abs() < 1e-6);
    // RMSProp α = 0.99, lr = 0.01, first step: √v = 0.1·|g|, Δ = −0.01·g/(0.1|g|) = −0.1·sign g.
    for g in [1e-2f32, 2.0, -30.0] {
        let want = -0.1 * f64::from(g.signum());
        assert!((f64::from(one(OptimizerKind::RmsProp, 0.01, &[g])) - want).abs() < 1e-6, "g = {g}");
    }
    // AdamW: from p = 2 with g = 0, Adam's step is 0 and only the decay acts:
    // p = 2·(1 − 0.1·0.01) = 1.998.
    let mut p = [2.0f32];
    let mut adamw = OptimizerConfig::new(OptimizerKind::AdamW, 0.1).build(1).unwrap();
    adamw.step(&mut p, &[0.0]);
    assert!((p[0] - 1.998).abs() < 1e-6, "{}", p[0]);
    // Lion: every step moves by exactly lr whatever |g|; a zero gradient (c = 0) does not move.
    assert_eq!(one(OptimizerKind::Lion, 0.01, &[1e-6]), -0.01);
    assert_eq!(one(OptimizerKind::Lion, 0.01, &[-40.0]), 0.01);
    assert_eq!(one(OptimizerKind::Lion, 0.01, &[0.0, 0.0, 0.0]), 0.0);
    // Lion's sign follows c = β₁m + (1−β₁)g, not g: after g = 1 (m = 0.01), a g = −0.05 gives
    // c = 0.009 − 0.005 > 0, so the second step still goes down.
    assert!((one(OptimizerKind::Lion, 0.01, &[1.0, -0.05]) + 0.02).abs() < 1e-7);
    // Lion with decay, g = 0: p = 1·(1 − 0.1·0.5) = 0.95.
    let mut c = OptimizerConfig::new(OptimizerKind::Lion, 0.1);
    c.lion_weight_decay = 0.5;
    let mut p = [1.0f32];
    c.build(1).unwrap().step(&mut p, &[0.0]);
    assert!((p[0] - 0.95).abs() < 1e-7);
}

#[test]
fn optim_every_rule_resets_and_keeps_state_on_set_lr() {
    // For every rule: reset makes the next steps equal to a fresh optimizer's, and clone_box
    // carries the state.
    let grads = [[0.3f32, -0.7], [0.1, 0.2], [-0.4, 0.05]];
    for kind in OptimizerKind::ALL {
        let mut fresh = OptimizerConfig::new(kind, 0.01).build(2).unwrap();
        let mut used = fresh.clone();
        let mut scratch = [1.0f32, 1.0];
        for g in &grads {
            used.step(&mut scratch, g);
        }
        let copy = used.clone();
        used.reset();
        let (mut a, mut b) = ([0.5f32, -0.5], [0.5f32, -0.5]);
        for g in &grads {
            fresh.step(&mut a, g);
            used.step(&mut b, g);
        }
        assert_eq!(a, b, "{kind:?}: reset");
        let (mut c1, mut c2) = ([0.5f32, -0.5], [0.5f32, -0.5]);
        let mut copy2 = copy.clone();
        copy.clone().step(&mut c1, &grads[0]);
        copy2.step(&mut c2, &grads[0]);
        assert_eq!(c1, c2, "{kind:?}: clone");
        copy2.set_lr(0.02);
        assert_eq!((copy2.lr(), copy2.kind()), (0.02, kind));
    }
}

#[test]
fn optim_set_lr_keeps_state_and_reset_clears_it() {
    // Momentum: after set_lr the velocity carries on (v2 = 0.9·1 + 1 = 1.9).
    let mut p = [0.0f32];
    let mut mom = OptimizerConfig::new(OptimizerKind::Momentum, 0.1).build(1).unwrap();
    mom.step(&mut p, &[1.0]);
    mom.set_lr(1.0);
    assert_eq!(mom.lr(), 1.0);
    mom.step(&mut p, &[1.0]);
    assert!((p[0] - (-0.1 - 1.9)).abs() < 1e-6, "{}", p[0]);
    // reset: the next step is a first step again (v = g).
    mom.reset();
    let before = p[0];
    mom.step(&mut p, &[1.0]);
    assert!((p[0] - (before - 1.0)).abs() < 1e-6);

    // Adam: a fresh optimizer and one whose lr was changed after step 1 agree on the moments:
    // the step-2 update is exactly proportional to the lr.
    let g = [0.3f32, -0.7];
    let mut a = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(2).unwrap();
    let mut b = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(2).unwrap();
    let (mut pa, mut pb) = ([0.0f32; 2], [0.0f32; 2]);
    a.step(&mut pa, &g);
    b.step(&mut pb, &g);
    b.set_lr(0.02);
    let (sa, sb) = (pa, pb);
    a.step(&mut pa, &[0.1, 0.2]);
    b.step(&mut pb, &[0.1, 0.2]);
    for i in 0..2 {
        let (da, db) = (pa[i] - sa[i], pb[i] - sb[i]);
        assert!((db - 2.0 * da).abs() < 1e-7, "no reset: twice the lr, twice the step");
    }
    // A cloned optimizer carries its state.
    let mut c = b.clone();
    let (mut pc, mut pb2) = (pb, pb);
    c.step(&mut pc, &[0.5, 0.5]);
    b.step(&mut pb2, &[0.5, 0.5]);
    assert_eq!(pc, pb2);
}

#[test]
fn optim_second_hyperparameter_lands_in_its_field_and_is_validated() {
    use perplexed_core::optim::optimizers::second_hyperparameter;
    assert_eq!(second_hyperparameter(OptimizerKind::Sgd), None);
    assert_eq!(second_hyperparameter(OptimizerKind::Momentum), Some(("momentum", 0.9)));
    let c = OptimizerConfig::new(OptimizerKind::Momentum, 0.1).with_second(0.5);
    assert_eq!(c.momentum, 0.5);
    let c = OptimizerConfig::new(OptimizerKind::Lion, 0.1).with_second(0.8);
    assert_eq!((c.lion_beta1, c.beta1), (0.8, 0.9));
    let c = OptimizerConfig::new(OptimizerKind::RmsProp, 0.1).with_second(0.5);
    assert_eq!(c.alpha, 0.5);
    // A momentum of 1 never forgets: refused when built, with the field named.
    let bad = OptimizerConfig::new(OptimizerKind::Nesterov, 0.1).with_second(1.0);
    assert_eq!(bad.build(2).err().map(|e| e.field), Some("momentum"));
    // SGD has none: the value is ignored.
    assert_eq!(OptimizerConfig::new(OptimizerKind::Sgd, 0.1).with_second(7.0), OptimizerConfig::new(OptimizerKind::Sgd, 0.1));
}

/// `build_adam` is the Adam that `build` boxes: the same steps, bit for bit, and the same
/// validation (the data lab's network holds it unboxed).
#[test]
fn optim_build_adam_steps_as_the_boxed_adam() {
    use perplexed_core::optim::optimizers::Optimizer;
    let config = OptimizerConfig::new(OptimizerKind::Adam, 0.05);
    let mut boxed = config.build(3).unwrap();
    let mut plain = config.build_adam(3).unwrap();
    let (mut a, mut b) = (vec![0.5f32, -1.0, 2.0], vec![0.5f32, -1.0, 2.0]);
    for step in 0..5 {
        let grad: Vec<f32> = a.iter().map(|p| 2.0 * p + step as f32 * 0.1).collect();
        boxed.step(&mut a, &grad);
        plain.step(&mut b, &grad);
        assert_eq!(a.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), b.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
    }
    assert_ne!(a, vec![0.5f32, -1.0, 2.0]);
    let e = OptimizerConfig::new(OptimizerKind::Adam, f32::NAN).build_adam(3).unwrap_err();
    assert_eq!(e.field, "lr");
}
