//! What the GAN learns, with the seeds stated and every figure printed (`--nocapture`) and
//! written into `docs/GAN.md`.

use perplexed_core::diffusion::targets::{moments, Target, GAUSSIAN_COVARIANCE, GAUSSIAN_MEAN};
use perplexed_core::gan::modes::eight_gaussians_coverage;
use perplexed_core::gan::{GanTrainer, GeneratorLoss, Settings};
use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;

fn run(target: Target, settings: Settings, steps: usize, mut each: impl FnMut(&mut GanTrainer)) -> GanTrainer {
    let data = target.sample(4000, settings.seed).unwrap();
    let mut gan = GanTrainer::new(data, settings, steps).unwrap();
    while !gan.done() {
        gan.step();
        each(&mut gan);
    }
    assert!(!gan.diverged());
    gan
}

/// One Gaussian `N((0.5, −0.3), [[0.5, 0.3], [0.3, 0.4]])`, default settings, seeds 1–3, 3,000
/// rounds. A GAN does not settle: it circles its answer. So the generated moments (2,000 points)
/// are taken every 100 rounds from round 1,000 on: their average over the snapshots must be
/// within 0.1 of the target's mean and of each covariance entry, and every single snapshot
/// within 0.3 — the size of the swings, printed.
#[test]
fn the_default_learns_one_gaussian() {
    for seed in 1..=3 {
        let (mut snapshots, mut eds) = (Vec::new(), Vec::new());
        run(Target::Gaussian, Settings { seed, ..Settings::default() }, 3000, |gan| {
            let k = gan.history().len();
            if k >= 1000 && k % 100 == 0 {
                let (m, c) = moments(&gan.generated(2000));
                snapshots.push([m[0], m[1], c[0], c[1], c[3]]);
                eds.push(gan.energy_distance(1000));
            }
        });
        let target = [GAUSSIAN_MEAN[0], GAUSSIAN_MEAN[1], GAUSSIAN_COVARIANCE[0], GAUSSIAN_COVARIANCE[1], GAUSSIAN_COVARIANCE[3]];
        let n = snapshots.len() as f64;
        let average: Vec<f64> = (0..5).map(|j| snapshots.iter().map(|s| s[j]).sum::<f64>() / n).collect();
        let swing = snapshots.iter().flat_map(|s| s.iter().zip(&target).map(|(a, b)| (a - b).abs())).fold(0.0, f64::max);
        let last = snapshots[snapshots.len() - 1];
        let median_ed = {
            let mut e = eds.clone();
            e.sort_by(f64::total_cmp);
            e[e.len() / 2]
        };
        eprintln!(
            "one Gaussian, seed {seed}: average of 21 snapshots mean ({:.3}, {:.3}) covariance ({:.3}, {:.3}, {:.3}); at 3,000 ({:.3}, {:.3}) ({:.3}, {:.3}, {:.3}); largest snapshot deviation {swing:.3}; median energy distance {median_ed:.4}",
            average[0], average[1], average[2], average[3], average[4], last[0], last[1], last[2], last[3], last[4]
        );
        for (j, (a, b)) in average.iter().zip(&target).enumerate() {
            assert!((a - b).abs() < 0.1, "seed {seed}: moment {j}: average {a} vs {b}");
        }
        assert!(swing < 0.3, "seed {seed}: a snapshot {swing} off");
    }
}

/// The eight Gaussians, default settings, seeds 1–3: after 2,000 rounds every mode is covered
/// (`modes.rs`' definition, 2,000 points) and under 30 % of the points are off-mode (the
/// data's own share is 1.1 %: a generator from a connected latent space draws bridges).
#[test]
fn the_default_covers_all_eight_modes() {
    for seed in 1..=3 {
        let mut gan = run(Target::Gaussians, Settings { seed, ..Settings::default() }, 2000, |_| {});
        let c = eight_gaussians_coverage(&gan.generated(2000));
        let ed = gan.energy_distance(1000);
        let last = gan.history()[1999];
        eprintln!(
            "eight Gaussians, default, seed {seed}: {} modes covered {:?}, off-mode {:.1} %, energy distance {ed:.4}, D(x) {:.3}, D(G(z)) {:.3}, L_D {:.3}",
            c.covered,
            c.per_mode,
            100.0 * c.off_mode,
            last.real,
            last.fake,
            last.loss_d
        );
        assert_eq!(c.covered, 8, "seed {seed}: {c:?}");
        assert!(c.off_mode < 0.3, "seed {seed}: {c:?}");
    }
}

/// `Settings::collapse_demo()` (the generator ten times faster than the discriminator), seeds
/// 1–3, checked every 250 rounds up to 3,000: never more than 2 modes covered, and the cloud's
/// spread (trace of the covariance; the data's is 2.27) has a median below 0.5 — a clump, not
/// a ring. The default, checked the same way, covers all 8 from round 500 on.
#[test]
fn the_collapse_preset_collapses() {
    for seed in 1..=3 {
        let (mut covered, mut spread) = (Vec::new(), Vec::new());
        run(Target::Gaussians, Settings { seed, ..Settings::collapse_demo() }, 3000, |gan| {
            if gan.history().len() % 250 == 0 {
                let g = gan.generated(1000);
                covered.push(eight_gaussians_coverage(&g).covered);
                let (_, c) = moments(&g);
                spread.push(c[0] + c[3]);
            }
        });
        let mut sorted = spread.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        eprintln!("collapse demo, seed {seed}: modes covered every 250 rounds {covered:?}, spread median {median:.3} (max {:.2})", sorted[sorted.len() - 1]);
        assert!(covered.iter().all(|&c| c <= 2), "seed {seed}: {covered:?}");
        assert!(median < 0.5, "seed {seed}: {spread:?}");
    }
    let mut covered = Vec::new();
    run(Target::Gaussians, Settings::default(), 3000, |gan| {
        if gan.history().len() % 250 == 0 {
            covered.push(eight_gaussians_coverage(&gan.generated(1000)).covered);
        }
    });
    eprintln!("default, seed 1, the same checks: {covered:?}");
    assert!(covered[1..].iter().all(|&c| c == 8), "{covered:?}");
}

/// Goodfellow's saturating loss: once `D` confidently rejects the fakes, the minimax gradient
/// `D(x)·∇logit` vanishes where the non-saturating `(1 − D(x))·∇logit` is at its largest. A
/// fresh default GAN on the eight Gaussians, 200 updates of `D` alone (seed 1): the mean arrow
/// is measured under both losses on the same 500 points.
#[test]
fn the_minimax_gradient_vanishes_while_the_discriminator_wins() {
    let data = Target::Gaussians.sample(4000, 1).unwrap();
    let mut gan = GanTrainer::new(data, Settings::default(), 10).unwrap();
    for _ in 0..200 {
        gan.step_d().unwrap();
    }
    let mean_length = |gan: &mut GanTrainer| {
        let a = gan.generator_gradients(500);
        a.chunks_exact(2).map(|v| f64::from(v[0].hypot(v[1]))).sum::<f64>() / 500.0
    };
    let ns = mean_length(&mut gan);
    gan.set_generator_loss(GeneratorLoss::Minimax);
    let mm = mean_length(&mut gan);
    let mut rng = Rng::new(2);
    let z: Vec<f32> = (0..1000).map(|_| rng.normal()).collect();
    let report = gan.d_backward(&Target::Gaussians.sample(500, 2).unwrap().points, &z).unwrap();
    eprintln!("after 200 D updates: D(x) {:.3}, D(G(z)) {:.3}; mean arrow non-saturating {ns:.4}, minimax {mm:.4} (ratio {:.3})", report.real, report.fake, mm / ns);
    assert!(mm < 0.1 * ns, "{mm} vs {ns}");
}

/// Native speed of the default (release build, one core): printed, not asserted — a
/// measurement, not a test, so it runs only when asked:
/// `cargo test --release -p perplexed-core --test gan_behaviour -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement (printed, nothing asserted): run with --ignored"]
fn speed_of_the_default() {
    let data = Target::Gaussians.sample(4000, 1).unwrap();
    let mut gan = GanTrainer::new(data, Settings::default(), 2000).unwrap();
    let start = std::time::Instant::now();
    while !gan.done() {
        gan.step();
    }
    let train = start.elapsed().as_secs_f64();
    let start = std::time::Instant::now();
    for _ in 0..100 {
        std::hint::black_box(gan.discriminator_field(-3.0, 3.0, 32).unwrap());
        std::hint::black_box(gan.generated(500));
        std::hint::black_box(gan.generator_gradients(500));
        std::hint::black_box(gan.manifold(16, 64));
    }
    let views = start.elapsed().as_secs_f64() / 100.0;
    eprintln!("default: {:.0} rounds/s; one frame of views (32×32 field, 500 points, 500 arrows, 32 lines × 64) {:.2} ms", 2000.0 / train, 1000.0 * views);
}
