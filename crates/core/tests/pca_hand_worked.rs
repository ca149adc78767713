//! PCA on cases worked out by hand (arithmetic in the comments), its degenerate inputs, and
//! properties on random data: orthonormal components, `C v = λ v`, exact reconstruction.

use perplexed_core::cluster::pca::{Pca, Standardiser, MAX_FEATURES};
use perplexed_core::rng::Rng;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn pca_axis_aligned_cross() {
    // Points (2, 0), (−2, 0), (0, 1), (0, −1): mean (0, 0).
    // Covariance (ddof = 1): Σx²/3 = (4 + 4)/3 = 8/3, Σy²/3 = (1 + 1)/3 = 2/3, Σxy = 0.
    // λ = 8/3, 2/3; components e₁, e₂; ratios 0.8, 0.2.
    let x = [2.0, 0.0, -2.0, 0.0, 0.0, 1.0, 0.0, -1.0];
    let p = Pca::fit(&x, 2, false).unwrap();
    assert!(close(p.explained_variance()[0], 8.0 / 3.0, 1e-12) && close(p.explained_variance()[1], 2.0 / 3.0, 1e-12));
    assert!(close(p.explained_variance_ratio()[0], 0.8, 1e-12) && close(p.cumulative_ratio(2), 1.0, 1e-12));
    assert_eq!(p.component(0), &[1.0, 0.0]);
    assert_eq!(p.component(1), &[0.0, 1.0]);
    // Transform: (2, 0) → (2, 0); (0, −1) → (0, −1).
    let mut out = Vec::new();
    p.transform(&x, 2, &mut out).unwrap();
    assert_eq!(out, vec![2.0, 0.0, -2.0, 0.0, 0.0, 1.0, 0.0, -1.0]);
    p.transform(&x, 1, &mut out).unwrap();
    assert_eq!(out, vec![2.0, -2.0, 0.0, 0.0]);
    // Axis 0 spans mean ± √(8/3)·e₁ = ±1.63299…
    let a = p.axis(0).unwrap();
    assert!(close(f64::from(a.end[0]), (8.0f64 / 3.0).sqrt(), 1e-6) && a.end[1] == 0.0);
    assert!(close(f64::from(a.start[0]), -(8.0f64 / 3.0).sqrt(), 1e-6));
    assert!(p.axis(2).is_none() && p.component(2).is_empty());
}

#[test]
fn pca_points_on_a_diagonal_line() {
    // (1, 1), (2, 2), (3, 3): mean (2, 2); centred (−1,−1), (0,0), (1,1).
    // C = [[2, 2], [2, 2]]/2 = [[1, 1], [1, 1]] → λ = 2 along (1, 1)/√2, λ = 0 across.
    let x = [1.0, 1.0, 2.0, 2.0, 3.0, 3.0];
    let p = Pca::fit(&x, 2, false).unwrap();
    assert!(close(p.explained_variance()[0], 2.0, 1e-12) && close(p.explained_variance()[1], 0.0, 1e-12));
    assert!(close(p.explained_variance_ratio()[0], 1.0, 1e-12));
    let h = std::f64::consts::FRAC_1_SQRT_2;
    assert!(close(p.component(0)[0], h, 1e-12) && close(p.component(0)[1], h, 1e-12), "{:?}", p.component(0));
    // The second is ±(1, −1)/√2; whichever, its largest-|entry| is positive.
    let v = p.component(1);
    assert!(close(v[0].abs(), h, 1e-12) && close(v[0], -v[1], 1e-12));
    let big = if v[0].abs() >= v[1].abs() { v[0] } else { v[1] };
    assert!(big > 0.0);
    // Coordinates on the first axis: ±√2 and 0; reconstructing from one component is exact
    // (the points lie on the line).
    let mut t = Vec::new();
    p.transform(&x, 1, &mut t).unwrap();
    assert!(close(f64::from(t[0]), -std::f64::consts::SQRT_2, 1e-6) && t[1].abs() < 1e-6);
    let mut back = Vec::new();
    p.reconstruct(&x, 1, &mut back).unwrap();
    for (b, o) in back.iter().zip(&x) {
        assert!((b - o).abs() < 1e-6);
    }
    // A point off the line loses its across-component: (3, 1) → its projection (2, 2).
    p.reconstruct(&[3.0, 1.0], 1, &mut back).unwrap();
    assert!((back[0] - 2.0).abs() < 1e-6 && (back[1] - 2.0).abs() < 1e-6, "{back:?}");
}

#[test]
fn pca_standardised_columns_by_hand() {
    // x₁ = 1, 2, 3, 4: mean 2.5, deviations ±1.5, ±0.5 → std (ddof 0) = √(5/4).
    // x₂ = 100, 300, 200, 400: mean 250, deviations −150, 50, −50, 150 → std = √12500.
    // z₁ = (−3, −1, 1, 3)/√5, z₂ = (−3, 1, −1, 3)/√5; correlation r = Σz₁z₂/4 = (9−1−1+9)/20 = 0.8.
    // Covariance of z (ddof 1) = (4/3)·[[1, r], [r, 1]] → λ = (4/3)(1 ± r) = 2.4 and 0.2666…,
    // ratios 0.9 and 0.1. (The λ sum to d·n/(n−1) = 8/3, not d: scaler ddof 0, PCA ddof 1,
    // exactly as StandardScaler → PCA in scikit-learn.)
    let x = [1.0, 100.0, 2.0, 300.0, 3.0, 200.0, 4.0, 400.0];
    let p = Pca::fit(&x, 2, true).unwrap();
    let s = p.scale().unwrap();
    assert!(close(s[0], 1.25f64.sqrt(), 1e-12) && close(s[1], 12500f64.sqrt(), 1e-9));
    assert!(close(p.explained_variance()[0], 2.4, 1e-12) && close(p.explained_variance()[1], 4.0 / 15.0, 1e-12));
    assert!(close(p.explained_variance_ratio()[0], 0.9, 1e-12));
    let h = std::f64::consts::FRAC_1_SQRT_2;
    assert!(close(p.component(0)[0], h, 1e-12) && close(p.component(0)[1], h, 1e-12));
    // Unscaled, x₂ (variance 50000/3) dominates: the first axis is almost e₂.
    let raw = Pca::fit(&x, 2, false).unwrap();
    assert!(raw.component(0)[1] > 0.9999 && raw.explained_variance_ratio()[0] > 0.9999);
    // The axis of the scaled fit, in original units: mean ± √2.4·(v ⊙ σ).
    let a = p.axis(0).unwrap();
    let step = [2.4f64.sqrt() * h * s[0], 2.4f64.sqrt() * h * s[1]];
    assert!(close(f64::from(a.end[0]), 2.5 + step[0], 1e-5) && close(f64::from(a.end[1]), 250.0 + step[1], 1e-3));
}

#[test]
fn pca_degenerate_data_gives_zeros_not_nan() {
    // Every point the same: no spread, ratios 0 (not 0/0), components the identity.
    let same = [3.0f32, -1.0, 3.0, -1.0, 3.0, -1.0];
    for scale in [false, true] {
        let p = Pca::fit(&same, 2, scale).unwrap();
        assert_eq!(p.explained_variance(), &[0.0, 0.0]);
        assert_eq!(p.explained_variance_ratio(), &[0.0, 0.0]);
        assert_eq!(p.components(), &[1.0, 0.0, 0.0, 1.0]);
        let mut out = Vec::new();
        p.transform(&same, 2, &mut out).unwrap();
        assert!(out.iter().all(|v| *v == 0.0));
    }
    // A constant column with scaling: divided by 1, no NaN anywhere.
    let x = [1.0, 5.0, 2.0, 5.0, 4.0, 5.0];
    let p = Pca::fit(&x, 2, true).unwrap();
    assert_eq!(p.scale().unwrap()[1], 1.0);
    assert!(p.components().iter().chain(p.explained_variance()).all(|v| v.is_finite()));
    assert!(close(p.explained_variance_ratio()[0], 1.0, 1e-12));
}

#[test]
fn pca_rejects_invalid_input() {
    let field = |x: &[f32], d: usize| Pca::fit(x, d, false).unwrap_err().field;
    assert_eq!(field(&[1.0, 2.0], 2), "points", "one point has no spread");
    assert_eq!(field(&[], 2), "points");
    assert_eq!(field(&[1.0, 2.0, 3.0], 2), "points");
    assert_eq!(field(&[1.0, f32::NAN, 3.0, 4.0], 2), "points");
    assert_eq!(field(&[1.0, 2.0], 0), "n_features");
    assert_eq!(field(&vec![0.0; 2 * (MAX_FEATURES + 1)], MAX_FEATURES + 1), "n_features");
    let p = Pca::fit(&[0.0, 0.0, 1.0, 2.0, 3.0, 1.0], 2, false).unwrap();
    let mut out = Vec::new();
    assert_eq!(p.transform(&[1.0, 2.0], 0, &mut out).unwrap_err().field, "n_components");
    assert_eq!(p.transform(&[1.0, 2.0], 3, &mut out).unwrap_err().field, "n_components");
    assert_eq!(p.transform(&[1.0, 2.0, 3.0], 1, &mut out).unwrap_err().field, "points");
    assert_eq!(p.reconstruct(&[f32::NAN, 2.0], 1, &mut out).unwrap_err().field, "points");
    p.transform(&[], 2, &mut out).unwrap();
    assert!(out.is_empty());
    assert_eq!(Standardiser::fit(&[], 3).unwrap_err().field, "points");
}

#[test]
fn pca_properties_on_random_data() {
    // Random correlated data in 1–8 dimensions: components orthonormal, C·v = λ·v, variances
    // descending and summing to the trace, full reconstruction returns the points, and the
    // transformed coordinates are uncorrelated with variances λ.
    for seed in 0..40u64 {
        let mut rng = Rng::new(seed);
        let d = 1 + (seed as usize % 8);
        let n = 5 + (seed as usize * 13) % 200;
        let mix: Vec<f32> = (0..d * d).map(|_| rng.normal() * rng.uniform(0.1, 3.0)).collect();
        let mut x = Vec::with_capacity(n * d);
        for _ in 0..n {
            let z: Vec<f32> = (0..d).map(|_| rng.normal()).collect();
            for r in 0..d {
                x.push((0..d).map(|c| mix[r * d + c] * z[c]).sum::<f32>() + 10.0 * r as f32);
            }
        }
        let scale = seed % 2 == 1;
        let p = Pca::fit(&x, d, scale).unwrap();
        let lam = p.explained_variance();
        assert!(lam.windows(2).all(|w| w[0] >= w[1]) && lam.iter().all(|&l| l >= 0.0));
        // Covariance recomputed independently (in f64, same centring and scaling).
        let sd: Vec<f64> = p.scale().map_or(vec![1.0; d], |s| s.to_vec());
        let z: Vec<f64> = x
            .chunks_exact(d)
            .flat_map(|r| (0..d).map(|j| (f64::from(r[j]) - p.mean()[j]) / sd[j]).collect::<Vec<_>>())
            .collect();
        let cov = |a: usize, b: usize| z.chunks_exact(d).map(|r| r[a] * r[b]).sum::<f64>() / (n - 1) as f64;
        let trace: f64 = (0..d).map(|a| cov(a, a)).sum();
        assert!(close(lam.iter().sum::<f64>(), trace, 1e-10 * trace.max(1.0)), "seed {seed}: Σλ ≠ trace");
        for k in 0..d {
            let v = p.component(k);
            for k2 in 0..d {
                let dotp: f64 = v.iter().zip(p.component(k2)).map(|(a, b)| a * b).sum();
                assert!(close(dotp, f64::from(u8::from(k == k2)), 1e-12), "seed {seed}: VᵀV ≠ I");
            }
            for a in 0..d {
                let cv: f64 = (0..d).map(|b| cov(a, b) * v[b]).sum();
                assert!(close(cv, lam[k] * v[a], 1e-10 * lam[0].max(1.0)), "seed {seed}: Cv ≠ λv");
            }
        }
        // Scores: uncorrelated, with variances λ (f32 outputs: relative 1e-4).
        let mut t = Vec::new();
        p.transform(&x, d, &mut t).unwrap();
        for a in 0..d {
            for b in 0..d {
                let c = t.chunks_exact(d).map(|r| f64::from(r[a]) * f64::from(r[b])).sum::<f64>() / (n - 1) as f64;
                let want = if a == b { lam[a] } else { 0.0 };
                assert!(close(c, want, 1e-4 * lam[0].max(1.0)), "seed {seed}: score covariance ({a},{b}) = {c}");
            }
        }
        let mut back = Vec::new();
        p.reconstruct(&x, d, &mut back).unwrap();
        for (b, o) in back.iter().zip(&x) {
            assert!((b - o).abs() <= 1e-4 * o.abs().max(1.0), "seed {seed}: reconstruction {b} vs {o}");
        }
    }
}
