//! Properties of the newest families on random settings, valid and not (issue 23): the
//! diffusion model, the GAN and reinforcement learning. For every validator, a setting inside
//! its stated range is accepted and one outside (including NaN and ±∞) is refused with an error
//! naming the field; nothing panics; a model built from valid settings gives finite numbers (or
//! says it diverged). The ranges are written here again from the documentation, so a validator
//! that drifts from what the page promises fails.
//!
//! `proptest` draws the cases (48 to 96 a property, a fixed seed per run of the test binary is
//! not needed: a failure prints the case and shrinks it).

use perplexed_core::diffusion::denoiser::{DiffusionTrainer, Settings as DiffusionSettings};
use perplexed_core::diffusion::quality::{energy_distance, share_near, Quality};
use perplexed_core::diffusion::sampler::{Method, Sampling};
use perplexed_core::diffusion::schedule::{Schedule, ScheduleKind};
use perplexed_core::diffusion::targets::{strokes, Target};
use perplexed_core::gan::nets::{GanOptimizer, GeneratorLoss, Noise, Settings as GanSettings};
use perplexed_core::gan::trainer::GanTrainer;
use perplexed_core::rl::learning::{Learner, Method as RlMethod, Settings as RlSettings, Traces};
use perplexed_core::rl::world::{PitRule, World};
use perplexed_core::stepping::Stepping;
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A rate as a learner might type it: ordinary values, the edges, and what no rate is.
fn rate() -> impl Strategy<Value = f32> {
    prop_oneof![
        Just(0.0f32), Just(-0.01), Just(f32::NAN), Just(f32::INFINITY), Just(f32::NEG_INFINITY), Just(1e-6), Just(1e-5),
        Just(0.0005), Just(0.003), Just(0.1), Just(0.5), Just(1.0), Just(2.0), 1e-6f32..1.5,
    ]
}

fn within(v: usize, (lo, hi): (usize, usize)) -> bool {
    (lo..=hi).contains(&v)
}

fn schedule_kind() -> impl Strategy<Value = ScheduleKind> {
    prop_oneof![Just(ScheduleKind::Linear), Just(ScheduleKind::Cosine)]
}

fn target() -> impl Strategy<Value = Target> {
    prop::sample::select(Target::ALL.to_vec())
}

proptest! {
    #![proptest_config(config(64))]

    /// Schedules: T in 10…1,000 or `"timesteps"`; ᾱ in [0, 1] and falling, β̃ finite and ≥ 0
    /// at every t — even 0 and past T, which the samplers never ask for but a caller may.
    #[test]
    fn schedules_accept_their_range_and_stay_in_bounds(kind in schedule_kind(), steps in 0usize..1300, probe in 0usize..1500) {
        match Schedule::new(kind, steps) {
            Err(e) => {
                prop_assert!(!(10..=1000).contains(&steps), "{steps} refused");
                prop_assert_eq!(e.field, "timesteps");
            }
            Ok(s) => {
                prop_assert!((10..=1000).contains(&steps));
                for t in [0, 1, probe % (steps + 3), steps, steps + 1, probe] {
                    let (ab, v) = (s.alpha_bar(t), s.posterior_variance(t));
                    prop_assert!((0.0..=1.0).contains(&ab), "ᾱ({t}) = {ab}");
                    prop_assert!(v.is_finite() && v >= 0.0, "β̃({t}) = {v}");
                    prop_assert!(s.alpha_bar(t + 1) <= ab);
                }
            }
        }
    }

    /// Targets: 16–20,000 points or `"points"`; every point finite, every class below the count.
    #[test]
    fn targets_draw_finite_points(t in target(), n in 0usize..3000, seed in any::<u64>()) {
        match t.sample(n, seed) {
            Err(e) => {
                prop_assert!(n < 16);
                prop_assert_eq!(e.field, "points");
            }
            Ok(c) => {
                prop_assert_eq!(c.len(), n);
                prop_assert!(c.points.iter().all(|v| v.is_finite()));
                prop_assert!(c.classes.iter().all(|&k| (k as usize) < c.class_count));
            }
        }
    }

    /// A drawing of any strokes — none, dots, NaN, ±∞, huge numbers, too many — is a target or
    /// an error naming the strokes (or the points); never a panic, never a non-finite point.
    #[test]
    fn any_drawing_is_a_target_or_refused(
        raw in prop::collection::vec(prop::collection::vec((prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(1e300), -2.0f64..2.0], -2.0f64..2.0), 0..12), 0..20),
        n in 0usize..400,
    ) {
        let refs: Vec<&[(f64, f64)]> = raw.iter().map(Vec::as_slice).collect();
        match strokes(&refs, n, 3) {
            Err(e) => prop_assert!(e.field == "strokes" || e.field == "points", "{}", e.field),
            Ok(c) => {
                prop_assert!(c.points.iter().all(|v| v.is_finite()), "{:?}", &c.points[..c.points.len().min(8)]);
                prop_assert_eq!(c.class_count, raw.len());
            }
        }
    }

    /// The quality measures take any clouds, NaN included, without panicking; on finite ones
    /// the shares are in [0, 1] and the energy distance ≥ 0.
    #[test]
    fn quality_measures_never_panic(
        a in prop::collection::vec(prop_oneof![Just(f32::NAN), -3.0f32..3.0], 0..80),
        b in prop::collection::vec(-3.0f32..3.0, 0..80),
        r in 0.0f32..1.0,
    ) {
        let (near, d) = (share_near(&a, &b, r), energy_distance(&a, &b));
        let q = Quality::of(&a, &b);
        if a.iter().all(|v| v.is_finite()) {
            prop_assert!((0.0..=1.0).contains(&near) && d >= 0.0 && (0.0..=1.0).contains(&q.covered));
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// The diffusion model: settings in range build and train (finite losses, finite
    /// predictions); out of range, the error names the field. Then any sampler settings are
    /// refused by name or give finite points.
    #[test]
    fn diffusion_settings_are_checked_and_valid_ones_stay_finite(
        width in 0usize..300, depth in 0usize..6, timesteps in 0usize..1100, kind in schedule_kind(), lr in rate(),
        batch in 0usize..1100, fourier in any::<bool>(), conditional in any::<bool>(), seed in any::<u64>(),
        t in target(), samples in 0usize..60, ddim in any::<bool>(), ddim_steps in 0usize..1100, class in prop::option::of(0u32..20),
        guidance in prop_oneof![Just(f32::NAN), Just(-1.0f32), Just(11.0), 0.0f32..10.0],
    ) {
        let s = DiffusionSettings { width, depth, timesteps, schedule: kind, lr, decay: true, batch, fourier, conditional, seed };
        let valid = within(width, (8, 256)) && within(depth, (1, 4)) && within(timesteps, (10, 1000)) && within(batch, (8, 1024))
            && lr.is_finite() && (1e-5..=0.1).contains(&lr);
        let data = t.sample(64, seed).map_err(|e| TestCaseError::fail(e.field))?;
        match DiffusionTrainer::new(data, s, 3) {
            Err(e) => {
                prop_assert!(!valid, "refused a valid setting: {}", e.field);
                prop_assert!(["width", "depth", "timesteps", "lr", "batch"].contains(&e.field), "{}", e.field);
            }
            Ok(mut tr) => {
                prop_assert!(valid, "accepted {s:?}");
                while !tr.done() {
                    tr.step();
                }
                prop_assert!(tr.diverged() || tr.losses().iter().all(|l| l.is_finite()));
                let x = [0.3f32, -0.2, 5.0, 5.0];
                prop_assert!(tr.predict(&x, 1 + (seed as usize % timesteps), class).iter().all(|v| v.is_finite()));
                let method = if ddim { Method::Ddim } else { Method::Ddpm };
                let schedule = tr.schedule.clone();
                match Sampling::new(samples, method, &schedule, ddim_steps, class, guidance, seed) {
                    Err(e) => prop_assert!(["samples", "ddim_steps", "guidance"].contains(&e.field), "{}", e.field),
                    Ok(mut sampling) => {
                        prop_assert!(samples >= 1 && (0.0..=10.0).contains(&guidance));
                        // A few reverse steps (a whole DDPM run at T = 1,000 is needless here).
                        for _ in 0..5 {
                            tr.sample_step(&mut sampling);
                        }
                        prop_assert!(sampling.points.iter().all(|v| v.is_finite()));
                    }
                }
                let field = tr.score_field(timesteps + 7, class, 1.0, (-3.0, 3.0), 5);
                prop_assert!(field.iter().all(|a| a.iter().all(|v| v.is_finite())));
            }
        }
    }

    /// The GAN: the same for its settings, its rounds and its views.
    #[test]
    fn gan_settings_are_checked_and_valid_ones_stay_finite(
        gw in 0usize..300, gd in 0usize..6, dw in 0usize..300, dd in 0usize..6, latent in 0usize..10, uniform in any::<bool>(),
        lr_d in rate(), lr_g in rate(), sgd in any::<bool>(), d_steps in 0usize..7, batch in 0usize..1100, minimax in any::<bool>(),
        seed in any::<u64>(), t in target(), field_n in 0usize..300, shown in 0usize..3000,
    ) {
        let s = GanSettings {
            generator_width: gw, generator_depth: gd, discriminator_width: dw, discriminator_depth: dd, latent,
            noise: if uniform { Noise::Uniform } else { Noise::Gaussian }, lr_d, lr_g,
            optimizer: if sgd { GanOptimizer::Sgd } else { GanOptimizer::Adam }, d_steps, batch,
            generator_loss: if minimax { GeneratorLoss::Minimax } else { GeneratorLoss::NonSaturating }, seed,
        };
        let lr_ok = |v: f32| v.is_finite() && (1e-5..=1.0).contains(&v);
        let valid = within(gw, (4, 256)) && within(gd, (1, 4)) && within(dw, (4, 256)) && within(dd, (1, 4)) && within(latent, (1, 8))
            && lr_ok(lr_d) && lr_ok(lr_g) && within(d_steps, (1, 5)) && within(batch, (8, 1024));
        let data = t.sample(64, seed).map_err(|e| TestCaseError::fail(e.field))?;
        match GanTrainer::new(data, s, 3) {
            Err(e) => {
                prop_assert!(!valid, "refused a valid setting: {}", e.field);
                let fields = ["generator_width", "generator_depth", "discriminator_width", "discriminator_depth", "latent", "lr_d", "lr_g", "d_steps", "batch"];
                prop_assert!(fields.contains(&e.field), "{}", e.field);
            }
            Ok(mut g) => {
                prop_assert!(valid, "accepted {s:?}");
                while !g.done() {
                    g.step();
                }
                prop_assert!(g.diverged() || g.history().iter().all(|r| r.loss_d.is_finite() && r.loss_g.is_finite()));
                if let Ok(field) = g.discriminator_field(-3.0, 3.0, field_n) {
                    prop_assert!(field.iter().all(|p| (0.0..=1.0).contains(p)));
                }
                prop_assert!(g.generated(shown).iter().all(|v| v.is_finite()));
                prop_assert!(g.generator_gradients(shown).iter().all(|v| v.is_finite()));
                prop_assert!(g.manifold(5, 9).iter().flatten().all(|v| v.is_finite()));
            }
        }
    }
}

/// A layout as typed: the layout's own letters, digits, signs and separators, and now and then
/// anything at all.
fn layout() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(vec!['s', 'x', '.', 'g', 'p', '-', '0', '1', '5', '9', ',', ',', 'e', '.']), 0..90).prop_map(|v| v.into_iter().collect()),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(config(96))]

    /// Reinforcement learning: any layout text is a world or refused by name; a learner with
    /// any settings is built or refused by name; valid ones learn with finite Q-values (or say
    /// they diverged).
    #[test]
    fn rl_worlds_and_learners_never_panic(
        text in layout(), step in prop_oneof![Just(f64::NAN), -2000.0f64..2000.0], success in prop_oneof![Just(f64::NAN), -0.5f64..1.5],
        restart in any::<bool>(), method in 0usize..3, alpha in prop_oneof![Just(f64::NAN), -0.5f64..1.5], gamma in prop_oneof![Just(f64::INFINITY), -0.5f64..1.5],
        epsilon in -0.5f64..1.5, decay in 0.5f64..1.2, lambda in -0.5f64..1.5, accumulating in any::<bool>(), planning in 0usize..120,
        episodes in 0usize..5, max_moves in 0usize..40, seed in any::<u64>(),
    ) {
        let pits = if restart { PitRule::Restart } else { PitRule::End };
        let Ok(world) = World::parse(&text, step, success, pits) else { return Ok(()) };
        let settings = RlSettings {
            method: [RlMethod::QLearning, RlMethod::Sarsa, RlMethod::ExpectedSarsa][method],
            alpha, gamma, epsilon, decay, lambda,
            traces: if accumulating { Traces::Accumulating } else { Traces::Replacing },
            planning, episodes, max_moves, seed,
        };
        match Learner::new(&world, settings) {
            Err(e) => prop_assert!(!e.field.is_empty()),
            Ok(mut l) => {
                for _ in 0..60 {
                    if l.done() {
                        break;
                    }
                    l.step();
                }
                prop_assert!(l.diverged() || l.q_table().iter().all(|q| q.is_finite()));
            }
        }
    }
}
