//! Mini-batches on the linear-regression surface: the sampler's epochs, gradients that average
//! to the full-batch gradient, a scatter that shrinks as the batch grows, and stochastic descent.

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::optim::surface::{minibatch_trajectory, trajectory, BatchSampler, Surface, SurfaceKind};

fn linreg(seed: u64) -> Surface {
    Surface::new(SurfaceKind::LinReg, 10.0, seed).unwrap()
}

#[test]
fn surface_sampler_epochs_are_seeded_permutations() {
    for batch in [1, 3, 7, 8, 13, 39, 40] {
        let mut s = BatchSampler::new(40, batch, 5);
        assert_eq!(s.batch_size(), batch);
        assert_eq!(s.batches_per_epoch(), 40usize.div_ceil(batch));
        let mut epochs = Vec::new();
        for _ in 0..3 {
            let mut seen = Vec::new();
            for k in 0..s.batches_per_epoch() {
                let b = s.next_batch().to_vec();
                let want = if k + 1 < s.batches_per_epoch() { batch } else { 40 - batch * k };
                assert_eq!(b.len(), want, "batch {batch}, #{k}");
                seen.extend(b);
            }
            let mut sorted = seen.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..40).collect::<Vec<_>>(), "each point once per epoch");
            epochs.push(seen);
        }
        assert!(epochs[0] != epochs[1] && epochs[1] != epochs[2], "reshuffled every epoch");
        // Same seed, same stream; another seed, another.
        let mut again = BatchSampler::new(40, batch, 5);
        assert_eq!(again.next_batch(), &epochs[0][..batch]);
        let mut other = BatchSampler::new(40, batch, 6);
        let first: Vec<usize> = (0..s.batches_per_epoch()).flat_map(|_| other.next_batch().to_vec()).collect();
        assert_ne!(first, epochs[0]);
    }
    // Clamped like the trainer's slider; no data, no batches.
    assert_eq!(BatchSampler::new(40, 0, 0).batch_size(), 1);
    assert_eq!(BatchSampler::new(40, 1000, 0).batch_size(), 40);
    let mut empty = BatchSampler::new(0, 8, 0);
    assert_eq!(empty.batches_per_epoch(), 0);
    assert!(empty.next_batch().is_empty());
    // The surface's own sampler draws from its data.
    assert_eq!(linreg(1).batch_sampler(16, 2).batches_per_epoch(), 3);
    assert_eq!(Surface::new(SurfaceKind::Beale, 10.0, 0).unwrap().batch_sampler(16, 2).batches_per_epoch(), 0);
}

#[test]
fn surface_minibatch_gradients_average_to_the_full_gradient() {
    // Over one epoch every point is in exactly one batch, so Σ_B |B|·g_B = (2)Σᵢ rᵢ(xᵢ, 1) = n·∇f:
    // the size-weighted mean of an epoch's mini-batch gradients is the full gradient (equal
    // weights when the batch size divides n). Each g_B is rounded to f32 once: tolerance 1e-5.
    for seed in [0, 3] {
        let s = linreg(seed);
        let m = s.minima()[0];
        let start = s.default_start();
        for &(w, b) in &[(start[0], start[1]), (m[0], m[1]), (4.0, 1.0), (-1.5, -3.0)] {
            let full = s.gradient(w, b);
            for batch in [1, 4, 7, 13, 40] {
                let mut sampler = s.batch_sampler(batch, seed + 10);
                for _epoch in 0..2 {
                    let mut sum = [0.0f64; 2];
                    for _ in 0..sampler.batches_per_epoch() {
                        let idx = sampler.next_batch();
                        let g = s.minibatch_gradient(w, b, idx);
                        for k in 0..2 {
                            sum[k] += f64::from(g[k]) * idx.len() as f64 / 40.0;
                        }
                    }
                    for k in 0..2 {
                        let tol = 1e-5 * (1.0 + f64::from(full[k].abs()));
                        assert!((sum[k] - f64::from(full[k])).abs() <= tol,
                            "seed {seed}, batch {batch} at ({w}, {b}): mean {sum:?} vs full {full:?}");
                    }
                }
                if batch == 40 {
                    let g = s.minibatch_gradient(w, b, sampler.next_batch());
                    assert!((g[0] - full[0]).abs() <= 1e-5 * (1.0 + full[0].abs()));
                    assert!((g[1] - full[1]).abs() <= 1e-5 * (1.0 + full[1].abs()));
                }
            }
        }
    }
}

#[test]
fn surface_minibatch_scatter_shrinks_with_the_batch_size() {
    // For a uniformly random batch of b of the n points (drawn without replacement, as one batch
    // of a shuffled epoch is), E|g_B − ∇f|² = (n − b)/(b·(n − 1))·σ², σ² = mean |gᵢ − ∇f|² over
    // single points — so the arrows' scatter shrinks like 1/b and vanishes at b = n. Measured
    // over 400 epochs' batches (≥ 400 samples a size): within 15% of the formula.
    let s = linreg(11);
    let [w, b] = s.default_start();
    let full = s.gradient(w, b);
    let sq = |g: [f32; 2]| (f64::from(g[0] - full[0])).powi(2) + (f64::from(g[1] - full[1])).powi(2);
    let sigma2 = (0..40).map(|i| sq(s.minibatch_gradient(w, b, &[i]))).sum::<f64>() / 40.0;
    let mut last = f64::INFINITY;
    for batch in [1usize, 2, 4, 5, 8, 10, 20, 40] {
        let mut sampler = s.batch_sampler(batch, 1);
        let count = 400 * sampler.batches_per_epoch();
        let mean = (0..count).map(|_| sq(s.minibatch_gradient(w, b, sampler.next_batch()))).sum::<f64>() / count as f64;
        let theory = (40 - batch) as f64 / (batch as f64 * 39.0) * sigma2;
        if batch < 40 {
            assert!((mean / theory - 1.0).abs() < 0.15, "b = {batch}: {mean} vs {theory}");
        } else {
            assert!(mean < 1e-10 * sigma2, "full batch scatter {mean}");
        }
        assert!(mean < last, "b = {batch}");
        last = mean;
    }
}

#[test]
fn surface_minibatch_gradient_edge_cases() {
    let s = linreg(2);
    assert_eq!(s.minibatch_gradient(1.0, 1.0, &[]), [0.0, 0.0]);
    assert_eq!(s.minibatch_gradient(1.0, 1.0, &[3, 5, 999, 40]), s.minibatch_gradient(1.0, 1.0, &[3, 5]));
    // One point: 2·r·(x, 1).
    let (xs, ys) = s.data();
    let r = f64::from(0.5 * xs[7] + 0.25 - ys[7]);
    let g = s.minibatch_gradient(0.5, 0.25, &[7]);
    assert!((f64::from(g[0]) - 2.0 * r * f64::from(xs[7])).abs() < 1e-6 && (f64::from(g[1]) - 2.0 * r).abs() < 1e-6);
    // Formula surfaces have no data: any batch gives the exact gradient.
    let bowl = Surface::new(SurfaceKind::Bowl, 10.0, 0).unwrap();
    assert_eq!(bowl.minibatch_gradient(1.0, 2.0, &[0, 1]), bowl.gradient(1.0, 2.0));
    assert_eq!(bowl.minibatch_gradient(1.0, 2.0, &[]), bowl.gradient(1.0, 2.0));
}

#[test]
fn surface_minibatch_descent() {
    let s = linreg(4);
    let m = s.minima()[0];
    let cfg = OptimizerConfig::new(OptimizerKind::Sgd, 0.05);
    // Batch = all points: the full-batch trajectory (up to f32 rounding of the two gradient
    // formulas, which the contraction of GD keeps from growing).
    let full = trajectory(&s, &cfg, s.default_start(), 300).unwrap();
    let whole = minibatch_trajectory(&s, &cfg, s.default_start(), 300, 40, 1).unwrap();
    for (a, b) in full.points.iter().zip(&whole.points) {
        assert!((a[0] - b[0]).abs() < 1e-5 && (a[1] - b[1]).abs() < 1e-5, "{a:?} vs {b:?}");
    }
    // Batches of 4: noisy but converging; a seeded, reproducible walk that hovers around the
    // minimum (a noise ball), its average close to it.
    let sgd = minibatch_trajectory(&s, &cfg, s.default_start(), 2000, 4, 1).unwrap();
    assert_eq!(sgd, minibatch_trajectory(&s, &cfg, s.default_start(), 2000, 4, 1).unwrap());
    assert_ne!(sgd.points, minibatch_trajectory(&s, &cfg, s.default_start(), 2000, 4, 2).unwrap().points);
    let tail = &sgd.points[1000..];
    let mean = tail.iter().fold([0.0f32; 2], |a, p| [a[0] + p[0], a[1] + p[1]]).map(|v| v / tail.len() as f32);
    let d = |p: [f32; 2]| (p[0] - m[0]).hypot(p[1] - m[1]);
    assert!(d(mean) < 0.05, "mean of the tail {mean:?}, minimum {m:?}");
    let spread = tail.iter().map(|&p| d(p)).fold(0.0, f32::max);
    assert!(spread > 1e-3 && spread < 0.5, "noise ball radius {spread}");
    // Formula surfaces: mini-batch descent is full-batch descent, bit for bit.
    let h = Surface::new(SurfaceKind::Himmelblau, 10.0, 0).unwrap();
    let cfg = OptimizerConfig::new(OptimizerKind::Adam, 0.05);
    assert_eq!(
        minibatch_trajectory(&h, &cfg, h.default_start(), 200, 4, 1).unwrap(),
        trajectory(&h, &cfg, h.default_start(), 200).unwrap()
    );
}
