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
/// The plain network (no Fourier features) after 3,000 steps passes with both samplers; with the
/// features (the default) DDPM after 6,000 steps does, and DDIM's big steps come out too narrow
/// (variance 0.29 for 0.40: [`perplexed_core::diffusion::denoiser::FOURIER`] says why).
#[test]
fn samples_have_the_targets_mean_and_covariance() {
    let target = Target::Gaussian.sample(2000, 7).unwrap();
    for (fourier, steps, methods) in [(false, 3000, &[Method::Ddpm, Method::Ddim][..]), (true, 6000, &[Method::Ddpm][..])] {
        let mut tr = trained(Settings { fourier, ..Settings::default() }, steps);
        for &method in methods {
            let mut s = Sampling::new(4000, method, &tr.schedule, 20, None, 0.0, 11).unwrap();
            let noise = s.points.clone();
            let schedule = tr.schedule.clone();
            let (model, tape) = tr.parts();
            s.finish(model, tape, &schedule);
            let (m, c) = moments(&s.points);
            println!("Fourier {fourier}, {method:?}: mean {m:?}, covariance {c:?}; energy distance {:.4} (noise: {:.4})", energy_distance(&s.points[..4000], &target.points), energy_distance(&noise[..4000], &target.points));
            for k in 0..2 {
                assert!((m[k] - MU[k]).abs() < 0.05, "{fourier} {method:?} mean {m:?}");
            }
            for k in 0..4 {
                assert!((c[k] - S[k]).abs() < 0.06, "{fourier} {method:?} covariance {c:?}");
            }
            assert!(energy_distance(&s.points[..4000], &target.points) < 0.01);
            assert!(energy_distance(&noise[..4000], &target.points) > 0.1);
        }
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

/// The class of the real point nearest each sample, and the share that is `class`.
fn share_of_class(samples: &[f32], data: &perplexed_core::diffusion::targets::Cloud, class: u32) -> f64 {
    let right = samples.chunks_exact(2).filter(|p| {
        let mut best = (f32::INFINITY, u32::MAX);
        for (q, &c) in data.points.chunks_exact(2).zip(&data.classes) {
            let d = (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2);
            if d < best.0 {
                best = (d, c);
            }
        }
        best.1 == class
    });
    right.count() as f64 / (samples.len() / 2) as f64
}

/// Classifier-free guidance, `ε̃ = (1 + w)·ε_θ(x, t, c) − w·ε_θ(x, t, ∅)`, samples from
/// `p(x | c)·p(c | x)^w`: it pushes points away from where another class is likely. On the
/// spiral (a class-conditional model, 3,000 steps, arm 0 asked for, seed 5) the samples keep to
/// the arm asked for and to the shape more often as w grows (measured: w = 0: 95.3 % on arm 0,
/// 91.9 % on the shape; w = 3: 99.9 % and 99.7 %). Where the classes never overlap — the eight
/// Gaussians, σ = 0.1 and 1.15 apart — `p(c | x)` is already 1 on the mode asked for, and even
/// w = 6 changes little (on the mode and on the shape: 100 % and 99.9 % at both w = 0 and 6).
#[test]
fn guidance_keeps_samples_to_their_class() {
    use perplexed_core::diffusion::quality::{share_near, NEAR};
    let run = |target: Target, ws: &[f32]| {
        let data = target.sample(2000, 1).unwrap();
        let mut tr = DiffusionTrainer::new(data.clone(), Settings { conditional: true, ..Settings::default() }, 3000).unwrap();
        while !tr.done() {
            tr.step();
        }
        let schedule = tr.schedule.clone();
        ws.iter().map(|&w| {
            let mut s = Sampling::new(1000, Method::Ddpm, &schedule, 1, Some(0), w, 5).unwrap();
            let (model, tape) = tr.parts();
            s.finish(model, tape, &schedule);
            (w, share_of_class(&s.points, &data, 0), share_near(&s.points, &data.points, NEAR))
        }).collect::<Vec<_>>()
    };
    let spiral = run(Target::Spiral, &[0.0, 3.0]);
    let gaussians = run(Target::Gaussians, &[0.0, 6.0]);
    println!("(w, share on the class asked for, share on the shape): spiral {spiral:?}; eight Gaussians {gaussians:?}");
    assert!(spiral[0].1 < spiral[1].1 && spiral[1].1 >= 0.99, "guidance keeps to the arm: {spiral:?}");
    assert!(spiral[0].2 < spiral[1].2 && spiral[1].2 >= 0.95, "and to the shape: {spiral:?}");
    assert!(gaussians[0].1 >= 0.99 && gaussians[0].2 >= 0.95, "the class alone steers: {gaussians:?}");
    assert!(gaussians[1].1 >= 0.99, "{gaussians:?}");
}
