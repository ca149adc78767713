//! The GAN's contract with the page: settings checked field by field, same seed ⇒ same bits,
//! a divergence stopping the run instead of spreading NaN, the stepping contract, and views of
//! the promised shapes.

mod common;

use perplexed_core::diffusion::targets::{Cloud, Target};
use perplexed_core::gan::{GanOptimizer, GanTrainer, GeneratorLoss, Noise, Settings};
use perplexed_core::stepping::{Progress, Stepping};

fn gan(settings: Settings, steps: usize) -> GanTrainer {
    GanTrainer::new(Target::Gaussians.sample(1000, 1).unwrap(), settings, steps).unwrap()
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// Every history value and every generated point, as bits.
fn fingerprint(g: &mut GanTrainer) -> Vec<u32> {
    let mut out: Vec<u32> = g.history().iter().flat_map(|r| [r.loss_d, r.loss_g, r.real, r.fake]).map(f32::to_bits).collect();
    out.extend(bits(&g.generated(300)));
    out.extend(bits(&g.generator_gradients(50)));
    out.extend(bits(&g.discriminator_field(-3.0, 3.0, 8).unwrap()));
    out
}

#[test]
fn the_same_seed_gives_the_same_bits_and_another_seed_does_not() {
    let run = |seed: u64, loss: GeneratorLoss, noise: Noise| {
        let mut g = gan(Settings { seed, generator_loss: loss, noise, d_steps: 2, ..Settings::default() }, 150);
        while !g.done() {
            g.step();
        }
        fingerprint(&mut g)
    };
    for (loss, noise) in [(GeneratorLoss::NonSaturating, Noise::Gaussian), (GeneratorLoss::Minimax, Noise::Uniform)] {
        let a = run(4, loss, noise);
        assert_eq!(a, run(4, loss, noise), "{loss:?} {noise:?}");
        let b = run(5, loss, noise);
        assert_ne!(a[..600], b[..600], "the histories of seeds 4 and 5 should differ");
    }
    // Views change nothing: calling them between rounds gives the same run.
    let mut quiet = gan(Settings::default(), 40);
    let mut watched = gan(Settings::default(), 40);
    while !quiet.done() {
        quiet.step();
        watched.step();
        watched.generated(100);
        watched.generator_gradients(100);
        watched.discriminator_field(-2.0, 2.0, 16).unwrap();
        watched.manifold(8, 16);
    }
    assert_eq!(fingerprint(&mut quiet), fingerprint(&mut watched));
}

#[test]
fn each_bad_setting_is_named() {
    let d = Settings::default();
    assert_eq!(d.check(), Ok(()));
    assert_eq!(Settings::collapse_demo().check(), Ok(()));
    let cases: Vec<(Settings, &str)> = vec![
        (Settings { generator_width: 0, ..d }, "generator_width"),
        (Settings { generator_width: 1000, ..d }, "generator_width"),
        (Settings { generator_depth: 0, ..d }, "generator_depth"),
        (Settings { generator_depth: 9, ..d }, "generator_depth"),
        (Settings { discriminator_width: 0, ..d }, "discriminator_width"),
        (Settings { discriminator_depth: 0, ..d }, "discriminator_depth"),
        (Settings { latent: 0, ..d }, "latent"),
        (Settings { latent: 99, ..d }, "latent"),
        (Settings { lr_d: 0.0, ..d }, "lr_d"),
        (Settings { lr_d: 50.0, ..d }, "lr_d"),
        (Settings { lr_d: f32::NAN, ..d }, "lr_d"),
        (Settings { lr_g: 0.0, ..d }, "lr_g"),
        (Settings { lr_g: f32::INFINITY, ..d }, "lr_g"),
        (Settings { d_steps: 0, ..d }, "d_steps"),
        (Settings { d_steps: 6, ..d }, "d_steps"),
        (Settings { batch: 0, ..d }, "batch"),
        (Settings { batch: 100_000, ..d }, "batch"),
    ];
    let data = Target::Gaussians.sample(100, 1).unwrap();
    for (s, field) in cases {
        assert_eq!(s.check().map_err(|e| e.field), Err(field), "{s:?}");
        assert_eq!(GanTrainer::new(data.clone(), s, 10).err().map(|e| e.field), Some(field));
    }
    assert_eq!(GanTrainer::new(data.clone(), d, 0).err().map(|e| e.field), Some("steps"));
    let empty = Cloud { points: vec![], classes: vec![], class_count: 1 };
    assert_eq!(GanTrainer::new(empty, d, 10).err().map(|e| e.field), Some("points"));
    let bad = Cloud { points: vec![0.0, f32::NAN, 1.0, 1.0], classes: vec![0, 0], class_count: 1 };
    assert_eq!(GanTrainer::new(bad, d, 10).err().map(|e| e.field), Some("points"));
    // The setters check too, and change nothing on a bad value.
    let mut g = gan(d, 10);
    assert_eq!(g.set_lr_d(0.0).map_err(|e| e.field), Err("lr_d"));
    assert_eq!(g.set_lr_g(2.0).map_err(|e| e.field), Err("lr_g"));
    assert_eq!(g.set_d_steps(0).map_err(|e| e.field), Err("d_steps"));
    assert_eq!(*g.settings(), d);
    assert_eq!(g.set_lr_g(0.003), Ok(()));
    assert_eq!(g.settings().lr_g, 0.003);
    // Batches given by hand: wrong shapes are errors, not panics.
    assert!(g.d_backward(&[0.0; 3], &[0.0; 4]).is_err());
    assert!(g.d_backward(&[0.0; 4], &[0.0; 3]).is_err());
    assert!(g.g_backward(&[]).is_err());
    assert!(g.g_backward(&[f32::NAN, 0.0]).is_err());
    assert!(g.discriminator_field(1.0, -1.0, 8).is_err());
    assert!(g.discriminator_field(f32::NAN, 1.0, 8).is_err());
    assert!(!g.diverged());
}

/// Plain SGD at the largest allowed rate (1.0) blows the discriminator's weights up within a
/// few hundred rounds (seed 1): the run stops as diverged, the history keeps only finite
/// values, and the views still show finite numbers (the parameters of the last good update).
#[test]
fn a_diverging_run_stops_and_spreads_no_nan() {
    let s = Settings { optimizer: GanOptimizer::Sgd, lr_d: 1.0, lr_g: 1.0, ..Settings::default() };
    let mut g = gan(s, 5000);
    while !g.done() {
        g.step();
    }
    eprintln!("SGD at lr 1: diverged after {} rounds", g.history().len());
    assert!(g.diverged());
    assert!(g.history().len() < 5000);
    assert!(g.history().iter().all(|r| [r.loss_d, r.loss_g, r.real, r.fake].iter().all(|v| v.is_finite())));
    let before = g.progress();
    g.step();
    assert_eq!(g.progress(), before, "a diverged run does not step");
    assert!(g.step_d().is_none() && g.step_g().is_none());
    assert!(g.discriminator_field(-3.0, 3.0, 16).unwrap().iter().all(|v| v.is_finite()));
    assert!(g.generator_gradients(100).iter().all(|v| v.is_finite()));
}

#[test]
fn the_stepping_contract_holds() {
    let mut g = gan(Settings { d_steps: 3, ..Settings::default() }, 25);
    assert_eq!(g.progress(), Progress { done: 0, total: Some(25) });
    assert_eq!(common::run_to_end(&mut g, 100), 25);
    assert_eq!(g.history().len(), 25);
}

#[test]
fn views_have_the_promised_shapes() {
    let mut g = gan(Settings::default(), 10);
    let field = g.discriminator_field(-3.0, 3.0, 32).unwrap();
    assert_eq!(field.len(), 32 * 32);
    assert!(field.iter().all(|p| (0.0..=1.0).contains(p)));
    assert_eq!(g.discriminator_field(-3.0, 3.0, 100_000).unwrap().len(), 256 * 256, "clamped");
    assert_eq!(g.generated(5000).len(), 2 * 2000, "clamped to the fixed codes");
    assert_eq!(g.generator_gradients(7).len(), 14);
    // The first points are the same whatever n is.
    let ten = g.generated(10);
    assert_eq!(ten[..], g.generated(500)[..20]);
    // Latent 2: 2 × lines polylines; latent 1: one; latent 3: none.
    let grid = g.manifold(9, 20);
    assert_eq!(grid.len(), 18);
    assert!(grid.iter().all(|l| l.len() == 40 && l.iter().all(|v| v.is_finite())));
    let mut one = gan(Settings { latent: 1, ..Settings::default() }, 10);
    assert_eq!(one.manifold(9, 20).iter().map(Vec::len).collect::<Vec<_>>(), [40]);
    let mut three = gan(Settings { latent: 3, ..Settings::default() }, 10);
    assert!(three.manifold(9, 20).is_empty());
    assert_eq!(three.generated(4).len(), 8);
    // The field's orientation: row 0 is the top (y = hi). A discriminator trained a little on
    // the eight Gaussians likes the ring more than the centre.
    let mut t = gan(Settings::default(), 10);
    for _ in 0..100 {
        t.step_d();
    }
    let f = t.discriminator_field(-1.5, 1.5, 3).unwrap();
    assert!(f[4] < f[1], "centre {} vs top middle (on the ring at (0, 1)) {}", f[4], f[1]);
    assert!(g.energy_distance(500).is_finite());
}
