//! The GAN's gradients against central differences: `∂L_D/∂θ_D`, `∂L_G/∂θ_G` for both
//! generator losses (the latter passed through `D` at the generated points and back through
//! `G`), and the page's arrows `−∂ℓ/∂x` at generated points.
//!
//! The networks are those of a default run after 300 rounds on the eight Gaussians (so `D` is
//! no longer trivial). The reference is independent of the engine: the test reads the weights
//! and evaluates both MLPs and the losses itself **in f64**, and takes
//! `(f(θ + h) − f(θ − h))/2h` with `h = 10⁻⁶` (rounding ≈ 10⁻¹⁰, truncation ≈ h²). The engine's
//! f32 gradients must agree within `10⁻³·|g| + 10⁻⁵`; a wrong chain rule is off by the gradient
//! itself. Where a LeakyReLU kink lies inside ±h the two one-sided differences disagree and
//! the engine's derivative must equal one of them: it happens — a default run put one of 100
//! generated points within 10⁻⁶ of a kink of `D` (one-sided slopes 0.53 and 0.61), and the
//! count is printed. Every third
//! parameter of each network is checked; the worst error (as a share of the tolerance) is
//! printed (`--nocapture`).

use perplexed_core::diffusion::targets::Target;
use perplexed_core::gan::nets::{GeneratorLoss, Mlp, LEAKY_SLOPE};
use perplexed_core::gan::{GanTrainer, Settings};
use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;

const H: f64 = 1e-6;
const REL: f64 = 1e-3;
const ABS: f64 = 1e-5;

fn trained() -> GanTrainer {
    let data = Target::Gaussians.sample(2000, 1).unwrap();
    let mut gan = GanTrainer::new(data, Settings::default(), 300).unwrap();
    while !gan.done() {
        gan.step();
    }
    gan
}

/// A batch of 32 real points and 32 codes (latent 2), drawn from seed 9.
fn batch() -> (Vec<f32>, Vec<f32>) {
    let real = Target::Gaussians.sample(32, 9).unwrap().points;
    let mut rng = Rng::new(9);
    let z = (0..64).map(|_| rng.normal()).collect();
    (real, z)
}

/// An MLP evaluated in f64 from flat values laid out as `net`'s parameters (pairs of
/// `[in, out]` weight and `[out]` bias, in order).
fn forward64(net: &Mlp, values: &[f64], x: &[f64]) -> Vec<f64> {
    let entries = net.params.entries();
    let layers = entries.len() / 2;
    let mut h = x.to_vec();
    for (k, pair) in entries.chunks_exact(2).enumerate() {
        let (w, b) = (&pair[0], &pair[1]);
        let (inputs, outputs) = (w.shape.dims()[0], w.shape.dims()[1]);
        let rows = h.len() / inputs;
        let mut y = vec![0.0; rows * outputs];
        for r in 0..rows {
            for o in 0..outputs {
                let mut s = values[b.offset + o];
                for i in 0..inputs {
                    s += h[r * inputs + i] * values[w.offset + i * outputs + o];
                }
                y[r * outputs + o] = if k + 1 < layers && s <= 0.0 { f64::from(LEAKY_SLOPE) * s } else { s };
            }
        }
        h = y;
    }
    h
}

fn values64(net: &Mlp) -> Vec<f64> {
    net.params.values().iter().map(|&v| f64::from(v)).collect()
}

fn wide(v: &[f32]) -> Vec<f64> {
    v.iter().map(|&x| f64::from(x)).collect()
}

/// `log(1 + eᵗ)`, stable.
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let (mut s, mut n) = (0.0, 0.0);
    for x in v {
        s += x;
        n += 1.0;
    }
    s / n
}

/// `L_D = mean −log σ(ℓ(x)) + mean −log(1 − σ(ℓ(G(z))))`, all in f64.
fn loss_d64(gan: &GanTrainer, g: &[f64], d: &[f64], real: &[f64], z: &[f64]) -> f64 {
    let fake = forward64(&gan.generator, g, z);
    let lr = forward64(&gan.discriminator, d, real);
    let lf = forward64(&gan.discriminator, d, &fake);
    mean(lr.iter().map(|&l| softplus(-l))) + mean(lf.iter().map(|&l| softplus(l)))
}

/// The per-point generator loss of a logit.
fn point_loss(l: f64, loss: GeneratorLoss) -> f64 {
    match loss {
        GeneratorLoss::NonSaturating => softplus(-l),
        GeneratorLoss::Minimax => -softplus(l),
    }
}

fn loss_g64(gan: &GanTrainer, g: &[f64], d: &[f64], z: &[f64], loss: GeneratorLoss) -> f64 {
    let fake = forward64(&gan.generator, g, z);
    mean(forward64(&gan.discriminator, d, &fake).into_iter().map(|l| point_loss(l, loss)))
}

/// The error of `analytic` against the differences of `f(θ + h)`, `f(θ)`, `f(θ − h)`, as a share
/// of the tolerance: the central difference, except at a LeakyReLU kink inside ±h (the two
/// one-sided differences disagree), where the engine's derivative is one of the two sides
/// (it takes slope α at exactly 0) and must match that side.
fn compare(a: f64, plus: f64, centre: f64, minus: f64) -> f64 {
    let tolerance = REL * a.abs() + ABS;
    let (right, left) = ((plus - centre) / H, (centre - minus) / H);
    let central = (plus - minus) / (2.0 * H);
    if (right - left).abs() > tolerance {
        KINKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return (a - right).abs().min((a - left).abs()) / tolerance;
    }
    (central - a).abs() / tolerance
}

/// Kinks met (printed: they should be rare).
static KINKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Every third entry of `analytic` against the central difference of `f` in that coordinate
/// of `at`; returns the worst error as a share of the tolerance.
fn check(name: &str, analytic: &[f32], at: &[f64], f: &dyn Fn(&[f64]) -> f64) -> f64 {
    assert_eq!(analytic.len(), at.len());
    assert!(analytic.iter().any(|g| g.abs() > 1e-2), "{name}: gradient trivially small");
    let mut worst = 0.0f64;
    let mut x = at.to_vec();
    let centre = f(at);
    for i in (0..at.len()).step_by(3) {
        x[i] = at[i] + H;
        let plus = f(&x);
        x[i] = at[i] - H;
        let minus = f(&x);
        x[i] = at[i];
        let err = compare(f64::from(analytic[i]), plus, centre, minus);
        assert!(err <= 1.0, "{name}[{i}]: analytic {:e}, differences {plus:e} {minus:e}", analytic[i]);
        worst = worst.max(err);
    }
    eprintln!("{name}: {} of {} checked, worst |error| / tolerance {worst:.3}", at.len().div_ceil(3), at.len());
    worst
}

#[test]
fn the_discriminator_loss_gradient_matches_central_differences() {
    let mut gan = trained();
    let (real, z) = batch();
    let report = gan.d_backward(&real, &z).unwrap();
    let (g, d, real64, z64) = (values64(&gan.generator), values64(&gan.discriminator), wide(&real), wide(&z));
    let reference = loss_d64(&gan, &g, &d, &real64, &z64);
    assert!((f64::from(report.loss) - reference).abs() < 1e-5, "L_D {} vs {reference}", report.loss);
    let analytic = gan.discriminator.params.grads().to_vec();
    check("∂L_D/∂θ_D", &analytic, &d, &|d| loss_d64(&gan, &g, d, &real64, &z64));
}

#[test]
fn both_generator_losses_pass_their_gradient_through_the_discriminator() {
    let mut gan = trained();
    let (_, z) = batch();
    let z64 = wide(&z);
    for (loss, name) in [(GeneratorLoss::NonSaturating, "∂L_G/∂θ_G non-saturating"), (GeneratorLoss::Minimax, "∂L_G/∂θ_G minimax")] {
        gan.set_generator_loss(loss);
        let report = gan.g_backward(&z).unwrap();
        let (g, d) = (values64(&gan.generator), values64(&gan.discriminator));
        let reference = loss_g64(&gan, &g, &d, &z64, loss);
        assert!((f64::from(report.loss) - reference).abs() < 1e-5, "{name}: L_G {} vs {reference}", report.loss);
        let analytic = gan.generator.params.grads().to_vec();
        check(name, &analytic, &g, &|g| loss_g64(&gan, g, &d, &z64, loss));
    }
}

/// The arrow on each of 100 generated points is `−∂ℓ/∂x` of the per-point loss (its length
/// independent of how many points are drawn), for both losses.
#[test]
fn the_arrows_are_minus_the_point_loss_gradient() {
    let mut gan = trained();
    for loss in [GeneratorLoss::NonSaturating, GeneratorLoss::Minimax] {
        gan.set_generator_loss(loss);
        let points = gan.generated(100);
        let arrows = gan.generator_gradients(100);
        assert_eq!(arrows.len(), points.len());
        // An arrow does not depend on how many are drawn (up to the rounding of ×n after a mean).
        for (a, b) in gan.generator_gradients(10).iter().zip(&arrows) {
            assert!((a - b).abs() <= 1e-5 * (1.0 + b.abs()), "{a} vs {b}");
        }
        let d = values64(&gan.discriminator);
        let mut worst = 0.0f64;
        for (p, a) in points.chunks_exact(2).zip(arrows.chunks_exact(2)) {
            let minus_arrow = [-a[0], -a[1]];
            let w = check_quiet(&minus_arrow, &wide(p), &|x| point_loss(forward64(&gan.discriminator, &d, x)[0], loss));
            worst = worst.max(w);
        }
        assert!(arrows.iter().any(|v| v.abs() > 1e-2), "arrows trivially small");
        eprintln!("arrows ({loss:?}): 100 points, worst |error| / tolerance {worst:.3}; kinks met so far in this binary: {}", KINKS.load(std::sync::atomic::Ordering::Relaxed));
    }
}

/// As [`check`], every coordinate, without printing.
fn check_quiet(analytic: &[f32], at: &[f64], f: &dyn Fn(&[f64]) -> f64) -> f64 {
    let mut worst = 0.0f64;
    let mut x = at.to_vec();
    let centre = f(at);
    for i in 0..at.len() {
        x[i] = at[i] + H;
        let plus = f(&x);
        x[i] = at[i] - H;
        let minus = f(&x);
        x[i] = at[i];
        let err = compare(f64::from(analytic[i]), plus, centre, minus);
        assert!(err <= 1.0, "at {at:?}: analytic {:e}", analytic[i]);
        worst = worst.max(err);
    }
    worst
}
