//! PCA against scikit-learn (`fixtures/gen_clustering_reference.py`; versions in the JSON):
//! `PCA()` on raw data and `StandardScaler() → PCA()` on 6-D correlated data, a 2-D ellipse and
//! 5-D blobs. Compared: mean, scaler standard deviations (`ddof = 0`), explained variance
//! (`ddof = 1`) and its ratio, the components — equal up to sign, *and* with our sign
//! convention equal outright, since scikit-learn ≥ 1.5 flips them the same way (largest
//! |entry| positive) — and the first ten rows transformed onto two components.
//!
//! Tolerances. Both sides compute in f64 from the same f32 data (scikit-learn by an SVD or an
//! eigen-solver of the covariance, we by Jacobi on the covariance), so agreement is limited by
//! the conditioning of each eigenvector: a component's error is about `ε·‖C‖/gap` with `gap`
//! the distance to the nearest other eigenvalue. The raw 6-D case is the hardest here: its
//! eigenvalues span 10⁶ (λ₆/λ₁ ≈ 9·10⁻⁷) and its closest pair is only 2.6·10⁻⁴·λ₁ apart, which
//! allows ≈ 10⁻¹⁶/2.6·10⁻⁴ ≈ 4·10⁻¹³ per component; measured ≈ 3·10⁻¹³. Variances and ratios:
//! `1e-12` relative to the largest; components: `1e-10` absolute (unit vectors). Transforms are f32
//! outputs: `2e-7·max(1, |ref|)` (a few ulps).

use perplexed_core::cluster::pca::Pca;
use serde_json::Value;

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn pca_matches_sklearn() {
    let j: Value = serde_json::from_str(include_str!("fixtures/clustering_reference.json")).unwrap();
    assert!(j["sklearn_version"].as_str().is_some());
    let cases = j["pca"].as_array().unwrap();
    assert_eq!(cases.len(), 4);
    let (mut w_var, mut w_comp, mut w_sign, mut w_tf) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let d = c["n_features"].as_u64().unwrap() as usize;
        let x: Vec<f32> = f64s(&c["x"]).into_iter().map(|v| v as f32).collect();
        let scale = c["scale"].as_bool().unwrap();
        let p = Pca::fit(&x, d, scale).unwrap();

        for (g, w) in p.mean().iter().zip(f64s(&c["mean"])) {
            assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{name}: mean {g} vs {w}");
        }
        match (p.scale(), c["scaler_scale"].as_array()) {
            (Some(s), Some(_)) => {
                for (g, w) in s.iter().zip(f64s(&c["scaler_scale"])) {
                    assert!((g - w).abs() <= 1e-12 * w, "{name}: std {g} vs {w}");
                }
            }
            (None, None) => {}
            _ => panic!("{name}: scaling mismatch"),
        }

        let var = f64s(&c["explained_variance"]);
        let top = var[0];
        for (k, (g, w)) in p.explained_variance().iter().zip(&var).enumerate() {
            let dev = (g - w).abs() / top;
            assert!(dev <= 1e-12, "{name}: λ{k} = {g}, sklearn {w}");
            w_var = w_var.max(dev);
        }
        for (k, (g, w)) in p.explained_variance_ratio().iter().zip(f64s(&c["explained_variance_ratio"])).enumerate() {
            assert!((g - w).abs() <= 1e-12, "{name}: ratio {k} = {g}, sklearn {w}");
        }

        let comps = f64s(&c["components"]);
        for k in 0..d {
            let ours = p.component(k);
            let theirs = &comps[k * d..(k + 1) * d];
            // Up to sign: compare with the better-aligned sign …
            let dotp: f64 = ours.iter().zip(theirs).map(|(a, b)| a * b).sum();
            let s = dotp.signum();
            let up_to_sign = ours.iter().zip(theirs).map(|(a, b)| (a - s * b).abs()).fold(0.0, f64::max);
            assert!(up_to_sign <= 1e-10, "{name}: component {k} {ours:?} vs {theirs:?}");
            w_comp = w_comp.max(up_to_sign);
            // … and outright: the sign conventions are the same.
            let outright = ours.iter().zip(theirs).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
            assert!(outright <= 1e-10, "{name}: component {k} has the opposite sign");
            w_sign = w_sign.max(outright);
            let norm: f64 = ours.iter().map(|a| a * a).sum();
            assert!((norm - 1.0).abs() < 1e-12);
        }

        let mut out = Vec::new();
        p.transform(&x[..10 * d], 2, &mut out).unwrap();
        for (g, w) in out.iter().zip(f64s(&c["transform2_first10"])) {
            let dev = (f64::from(*g) - w).abs();
            assert!(dev <= 2e-7 * w.abs().max(1.0), "{name}: transform {g} vs {w}");
            w_tf = w_tf.max(dev / w.abs().max(1.0));
        }
    }
    println!(
        "PCA vs sklearn: variance max dev (rel. to λ₁) {w_var:.2e}, components max |dev| {w_comp:.2e} \
         (same sign convention: {w_sign:.2e}), transform max rel. dev {w_tf:.2e}"
    );
}
