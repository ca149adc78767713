//! The diffusion model where the answer is known: on a 2-D Gaussian target `N(μ, Σ)` the best
//! possible noise prediction has a closed form,
//!
//! ```text
//! ε*(x_t, t) = E[ε | x_t] = √(1 − ᾱ_t)·Σ_t⁻¹·(x_t − √ᾱ_t·μ),   Σ_t = ᾱ_t·Σ + (1 − ᾱ_t)·I
//! ```
//!
//! (`x_t` and `ε` are jointly Gaussian with `Cov(ε, x_t) = √(1 − ᾱ_t)·I`). The trained network
//! must come close to it, and its samples must have the target's mean and covariance.

use perplexed_core::diffusion::denoiser::{DiffusionTrainer, Settings};
use perplexed_core::diffusion::quality::energy_distance;
use perplexed_core::diffusion::sampler::{Method, Sampling};
use perplexed_core::diffusion::schedule::ScheduleKind;
use perplexed_core::diffusion::targets::{moments, Target, GAUSSIAN_COVARIANCE as S, GAUSSIAN_MEAN as MU};
use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;

/// ε* at `x` for `ᾱ`.
fn optimal(ab: f64, x: [f64; 2]) -> [f64; 2] {
    let (a, b, c, d) = (ab * S[0] + 1.0 - ab, ab * S[1], ab * S[2], ab * S[3] + 1.0 - ab);
    let det = a * d - b * c;
    let (r0, r1) = (x[0] - ab.sqrt() * MU[0], x[1] - ab.sqrt() * MU[1]);
    let k = (1.0 - ab).sqrt() / det;
    [k * (d * r0 - b * r1), k * (-c * r0 + a * r1)]
}

fn trained(settings: Settings, steps: usize) -> DiffusionTrainer {
    let data = Target::Gaussian.sample(4000, 1).unwrap();
    let mut t = DiffusionTrainer::new(data, settings, steps).unwrap();
    while !t.done() {
        t.step();
    }
    assert!(!t.diverged());
    t
}

/// 3,000 steps of the default settings (3 × 64 GELU, cosine schedule with T = 100, Adam 0.003
/// falling to 0.0003, batches of 128): at every step t tried, the network's prediction is off
/// the ideal one by less than 1 % of the noise's size (measured 0.3–0.9 %).
#[test]
fn the_trained_denoiser_comes_close_to_the_optimal_one() {
    let mut tr = trained(Settings::default(), 3000);
    let fresh = Target::Gaussian.sample(1000, 99).unwrap();
    let mut rng = Rng::new(5);
    let mut report = Vec::new();
    for t in [5, 25, 50, 75, 95] {
        let ab = tr.schedule.alpha_bar(t);
        let eps: Vec<f32> = (0..2000).map(|_| rng.normal()).collect();
        let mut xt = Vec::new();
        tr.schedule.noised(&fresh.points, t, &eps, &mut xt);
        let predicted = tr.predict(&xt, t, None);
        let (mut err, mut floor) = (0.0, 0.0);
        for i in 0..1000 {
            let star = optimal(ab, [f64::from(xt[2 * i]), f64::from(xt[2 * i + 1])]);
            for d in 0..2 {
                err += (f64::from(predicted[2 * i + d]) - star[d]).powi(2);
                floor += (f64::from(eps[2 * i + d]) - star[d]).powi(2);
            }
        }
        // Per point, against the noise's own size E‖ε‖² = 2.
        report.push((t, err / 1000.0 / 2.0, floor / 1000.0 / 2.0));
    }
    println!("t, E‖ε̂ − ε*‖² / E‖ε‖² (the network's excess), E‖ε − ε*‖² / E‖ε‖² (what no network can remove): {report:?}");
    for (t, excess, floor) in &report {
        assert!(*excess < 0.01, "t = {t}: the network is off the ideal denoiser by {:.2} % of the noise (all: {report:?})", excess * 100.0);
        assert!(excess < floor || *t > 90, "t = {t}: below the irreducible error");
    }
}

/// 4,000 samples by DDPM (100 steps) and by DDIM (20 steps) from the same trained model: mean
/// within 0.05 and covariance within 0.06 of the target's (sample-to-sample spread alone is
/// ≈ 0.01–0.02), and an energy distance to real points below 0.01 where pure noise is at 0.26.
#[test]
fn samples_have_the_targets_mean_and_covariance() {
    let mut tr = trained(Settings::default(), 3000);
    let target = Target::Gaussian.sample(2000, 7).unwrap();
    for (method, steps) in [(Method::Ddpm, 0), (Method::Ddim, 20)] {
        let mut s = Sampling::new(4000, method, &tr.schedule, steps.max(1), None, 0.0, 11).unwrap();
        let noise = s.points.clone();
        let schedule = tr.schedule.clone();
        let (model, tape) = tr.parts();
        s.finish(model, tape, &schedule);
        let (m, c) = moments(&s.points);
        println!("{method:?}: mean {m:?}, covariance {c:?}; energy distance {:.4} (noise: {:.4})", energy_distance(&s.points[..4000], &target.points), energy_distance(&noise[..4000], &target.points));
        for k in 0..2 {
            assert!((m[k] - MU[k]).abs() < 0.05, "{method:?} mean {m:?}");
        }
        for k in 0..4 {
            assert!((c[k] - S[k]).abs() < 0.06, "{method:?} covariance {c:?}");
        }
        assert!(energy_distance(&s.points[..4000], &target.points) < 0.01);
        assert!(energy_distance(&noise[..4000], &target.points) > 0.1);
    }
}

/// The score field of the trained model at a moderate step points toward the mean: for the
/// Gaussian the ideal score is −Σ_t⁻¹·(x − √ᾱ·μ), so at each grid point the arrow and the way to
/// √ᾱ·μ agree in direction (positive dot product) wherever the point is more than 0.5 away.
#[test]
fn the_score_field_points_toward_the_data() {
    let mut tr = trained(Settings::default(), 1500);
    let schedule = tr.schedule.clone();
    let t = 30;
    let ab = schedule.alpha_bar(t).sqrt() as f32;
    let (model, tape) = tr.parts();
    let field = perplexed_core::diffusion::sampler::score_field(model, tape, &schedule, t, None, 0.0, (-3.0, 3.0), 9);
    assert_eq!(field.len(), 81);
    assert_eq!((field[0][0], field[0][1], field[80][0], field[80][1]), (-3.0, -3.0, 3.0, 3.0));
    let (cx, cy) = (ab * MU[0] as f32, ab * MU[1] as f32);
    for [x, y, sx, sy] in field {
        let (dx, dy) = (cx - x, cy - y);
        if dx.hypot(dy) > 0.5 {
            assert!(sx * dx + sy * dy > 0.0, "at ({x}, {y}) the arrow ({sx}, {sy}) points away from the data");
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_samples() {
    let settings = Settings { schedule: ScheduleKind::Linear, timesteps: 50, ..Settings::default() };
    let run = || {
        let mut tr = trained(settings, 100);
        let mut s = Sampling::new(200, Method::Ddpm, &tr.schedule, 1, None, 0.0, 3).unwrap();
        let schedule = tr.schedule.clone();
        let (model, tape) = tr.parts();
        s.finish(model, tape, &schedule);
        (tr.losses().to_vec(), s.points)
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let mut other = trained(Settings { seed: 2, ..settings }, 100);
    assert_ne!(other.losses(), &a.0[..]);
    assert!(other.predict(&[0.0, 0.0], 10, None).iter().all(|v| v.is_finite()));
}

/// Classifier-free guidance on the eight Gaussians: a class-conditional model asked for one
/// mode puts its samples there, and guidance (w = 3) pulls them tighter around it than no
/// guidance (w = 0) — less variety, more "typical" points, as guidance does to images.
#[test]
fn guidance_pushes_samples_toward_their_class() {
    let data = Target::Gaussians.sample(4000, 1).unwrap();
    let mut tr = DiffusionTrainer::new(data, Settings { conditional: true, ..Settings::default() }, 3000).unwrap();
    while !tr.done() {
        tr.step();
    }
    let schedule = tr.schedule.clone();
    // Mode 2 sits at angle 2π·2/8 = π/2, radius 1.5: (0, 1.5).
    let (cx, cy) = (0.0f32, 1.5f32);
    let mut found = Vec::new();
    for w in [0.0, 3.0] {
        let mut s = Sampling::new(1000, Method::Ddpm, &schedule, 1, Some(2), w, 5).unwrap();
        let (model, tape) = tr.parts();
        s.finish(model, tape, &schedule);
        let distances: Vec<f32> = s.points.chunks_exact(2).map(|p| (p[0] - cx).hypot(p[1] - cy)).collect();
        let near = distances.iter().filter(|&&d| d < 0.5).count() as f64 / 1000.0;
        let mean = distances.iter().map(|&d| f64::from(d)).sum::<f64>() / 1000.0;
        found.push((w, near, mean));
    }
    println!("(w, share within 0.5 of the mode asked for, mean distance to it): {found:?}; the data's own mean distance is σ·√(π/2) = 0.125");
    assert!(found[0].1 > 0.95, "the class alone steers: {found:?}");
    assert!(found[1].1 > 0.95 && found[1].2 < 0.9 * found[0].2, "guidance pulls tighter: {found:?}");
}
