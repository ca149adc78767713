//! Too large a learning rate diverges, and the run says so instead of returning NaN.

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::optim::surface::{minibatch_trajectory, trajectory, Outcome, Surface, SurfaceKind, Trajectory, ESCAPE_BOUND, MAX_STEPS};

/// Everything recorded is finite and inside the bound, values match points.
fn assert_clean(t: &Trajectory, s: &Surface, what: &str) {
    assert_eq!(t.points.len(), t.values.len(), "{what}");
    for (p, &v) in t.points.iter().zip(&t.values) {
        assert!(p.iter().all(|c| c.is_finite() && c.abs() <= ESCAPE_BOUND), "{what}: point {p:?}");
        assert!(v.is_finite(), "{what}: value {v} at {p:?}");
        assert_eq!(v, s.value(p[0], p[1]), "{what}");
    }
}

#[test]
fn surface_gd_diverges_just_above_two_over_kappa() {
    // On ½(x² + κy²), GD multiplies y by (1 − ηκ) each step: stable for η < 2/κ, growing by
    // |1 − ηκ| = 1.1 a step at η = 2.1/κ — from |y| ≤ 2.5 past 1e4 in under 100 steps.
    for kappa in [1.0f32, 10.0, 100.0] {
        let s = Surface::new(SurfaceKind::Bowl, kappa, 0).unwrap();
        let ok = trajectory(&s, &OptimizerConfig::new(OptimizerKind::Sgd, 1.9 / kappa), s.default_start(), 500).unwrap();
        assert_eq!(ok.outcome, Outcome::Finished, "κ = {kappa}");
        assert_eq!(ok.steps(), 500);
        assert_clean(&ok, &s, "stable");
        let bad = trajectory(&s, &OptimizerConfig::new(OptimizerKind::Sgd, 2.1 / kappa), s.default_start(), 500).unwrap();
        assert_eq!(bad.outcome, Outcome::Diverged, "κ = {kappa}");
        assert_eq!(bad.outcome.slug(), "diverged");
        assert!(bad.diverged() && bad.steps() < 110, "κ = {kappa}: {} steps", bad.steps());
        assert_clean(&bad, &s, "diverging");
        // The loss grows on the way out: that is what the page shows before "diverged".
        assert!(bad.values.last().unwrap() > &(100.0 * bad.values[0]));
    }
}

#[test]
fn surface_fast_blow_up_is_caught_before_nan() {
    // Rosenbrock's quartic term makes an overshooting step land where the next gradient is
    // ~10⁶ times larger: from the standard start, GD at η = 0.01 leaves any bound within a few
    // steps. The overflowing point is never recorded.
    let s = Surface::new(SurfaceKind::Rosenbrock, 10.0, 0).unwrap();
    for (rule, lr) in [(OptimizerKind::Sgd, 0.01), (OptimizerKind::Momentum, 0.01), (OptimizerKind::Nesterov, 0.01)] {
        let t = trajectory(&s, &OptimizerConfig::new(rule, lr), s.default_start(), 1000).unwrap();
        assert!(t.diverged(), "{rule:?}");
        println!("{rule:?}: diverged after {} steps", t.steps());
        assert!(t.steps() < 50, "{rule:?}: {} steps", t.steps());
        assert_clean(&t, &s, rule.slug());
    }
}

#[test]
fn surface_no_rule_ever_returns_nan() {
    // Every surface × rule × learning rate from the smallest to the largest allowed: whatever
    // happens, the trajectory is clean, and a finished one has every step.
    for kind in SurfaceKind::ALL {
        let s = Surface::new(kind, 100.0, 4).unwrap();
        for rule in OptimizerKind::ALL {
            for lr in [1e-6, 1e-3, 0.1, 1.0, 10.0] {
                let cfg = OptimizerConfig::new(rule, lr);
                let t = trajectory(&s, &cfg, s.default_start(), 400).unwrap();
                let what = format!("{kind:?}/{rule:?}/η={lr}");
                assert_clean(&t, &s, &what);
                if t.outcome == Outcome::Finished {
                    assert_eq!(t.steps(), 400, "{what}");
                }
                let mb = minibatch_trajectory(&s, &cfg, s.default_start(), 200, 3, 9).unwrap();
                assert_clean(&mb, &s, &what);
            }
        }
    }
    // A start far out on Beale (values ~1e20, gradients ~1e22): SGD escapes at once, cleanly.
    let s = Surface::new(SurfaceKind::Beale, 10.0, 0).unwrap();
    let t = trajectory(&s, &OptimizerConfig::new(OptimizerKind::Sgd, 10.0), [9000.0, -9000.0], 10).unwrap();
    assert!(t.diverged() && t.steps() == 0);
    assert_clean(&t, &s, "far start");
}

#[test]
fn surface_trajectory_checks_its_settings() {
    let s = Surface::new(SurfaceKind::Bowl, 10.0, 0).unwrap();
    let cfg = OptimizerConfig::new(OptimizerKind::Adam, 0.1);
    for start in [[f32::NAN, 0.0], [0.0, f32::INFINITY], [2e4, 0.0], [0.0, -1e5]] {
        let e = trajectory(&s, &cfg, start, 10).unwrap_err();
        assert_eq!(e.field, "start", "{start:?}");
        assert!(e.to_string().starts_with("start must be between"), "{e}");
    }
    let e = trajectory(&s, &OptimizerConfig::new(OptimizerKind::Adam, 50.0), [1.0, 1.0], 10).unwrap_err();
    assert_eq!(e.field, "lr");
    let mut bad = cfg;
    bad.lion_beta2 = 1.0;
    assert_eq!(minibatch_trajectory(&s, &bad, [1.0, 1.0], 10, 4, 0).unwrap_err().field, "lion_beta2");
    // Zero steps: just the start. Absurd step counts are clamped, not an allocation failure.
    let t = trajectory(&s, &cfg, [1.0, 2.0], 0).unwrap();
    assert_eq!((t.points.clone(), t.values.clone(), t.outcome), (vec![[1.0, 2.0]], vec![s.value(1.0, 2.0)], Outcome::Finished));
    let t = trajectory(&s, &cfg, [1.0, 2.0], usize::MAX).unwrap();
    assert_eq!(t.steps(), MAX_STEPS);
}
