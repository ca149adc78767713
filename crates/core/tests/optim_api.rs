//! Optimiser settings validation, defaults, learning-rate changes without reset, `reset`, and
//! the hand-computable first steps.

use perplexed_core::optim::{OptimizerConfig, OptimizerKind};

#[test]
fn optim_slugs_and_defaults() {
    let slugs: Vec<&str> = OptimizerKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(slugs, ["sgd", "momentum", "adam"]);
    for k in OptimizerKind::ALL {
        assert_eq!(OptimizerKind::from_slug(k.slug()), Some(k));
    }
    let c = OptimizerConfig::new(OptimizerKind::Adam, 0.01);
    assert_eq!((c.lr, c.momentum, c.beta1, c.beta2, c.eps), (0.01, 0.9, 0.9, 0.999, 1e-7));
}

#[test]
fn optim_validation_names_the_field() {
    for lr in [0.0, 1e-7, 10.5, f32::NAN, f32::INFINITY, -0.1] {
        let e = OptimizerConfig::new(OptimizerKind::Sgd, lr).build(3).unwrap_err();
        assert_eq!(e.field, "lr");
        assert!(e.message.contains("learning rate"), "{}", e.message);
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
