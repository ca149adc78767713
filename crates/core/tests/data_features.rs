//! `featurize`: hand-worked values, layout, buffer reuse.

use perplexed_core::data::features::{featurize, Feature};

/// Expected values as f64 (hand-worked to 9 digits), compared within f32 rounding.
fn close(a: &[f32], b: &[f64]) {
    assert_eq!(a.len(), b.len(), "{a:?} vs {b:?}");
    for (&x, &y) in a.iter().zip(b) {
        assert!((x as f64 - y).abs() <= 1e-6 * (1.0 + y.abs()), "{a:?} vs {b:?}");
    }
}

/// Two points (1, 2) and (−0.5, 3), all seven features, worked by hand:
///   (1, 2):    x₁ = 1,    x₂ = 2, x₁² = 1,    x₂² = 4, x₁x₂ = 1·2 = 2,
///              sin 1 = 0.841470985, sin 2 = 0.909297427
///   (−0.5, 3): x₁ = −0.5, x₂ = 3, x₁² = 0.25, x₂² = 9, x₁x₂ = −0.5·3 = −1.5,
///              sin(−0.5) = −0.479425539, sin 3 = 0.141120008
#[test]
fn all_features_hand_worked() {
    let points = [1.0, 2.0, -0.5, 3.0];
    let mut out = Vec::new();
    featurize(&Feature::ALL, &points, &mut out);
    close(
        &out,
        &[
            1.0, 2.0, 1.0, 4.0, 2.0, 0.841_470_985, 0.909_297_427, //
            -0.5, 3.0, 0.25, 9.0, -1.5, -0.479_425_539, 0.141_120_008,
        ],
    );
}

/// Order of `features` is the column order: [x₁x₂, x₁] of (3, −4) and (0.5, 0.5)
/// = [3·(−4), 3, 0.5·0.5, 0.5] = [−12, 3, 0.25, 0.5]; repeated features are allowed.
#[test]
fn column_order_follows_the_feature_list() {
    let mut out = vec![99.0; 3]; // stale content must be cleared
    featurize(&[Feature::X1X2, Feature::X1], &[3.0, -4.0, 0.5, 0.5], &mut out);
    close(&out, &[-12.0, 3.0, 0.25, 0.5]);
    featurize(&[Feature::X2Squared, Feature::X2Squared], &[0.0, -1.5], &mut out);
    close(&out, &[2.25, 2.25]); // (−1.5)² = 2.25, twice
}

#[test]
fn degenerate_inputs() {
    let mut out = vec![1.0];
    featurize(&[], &[1.0, 2.0], &mut out);
    assert!(out.is_empty());
    featurize(&Feature::ALL, &[], &mut out);
    assert!(out.is_empty());
    // A trailing lone coordinate is ignored, not a panic: one row of one feature.
    featurize(&[Feature::X2], &[1.0, 2.0, 3.0], &mut out);
    close(&out, &[2.0]);
}

#[test]
fn apply_matches_featurize() {
    let pts: Vec<f32> = (0..40).map(|i| -6.0 + 0.3 * i as f32).collect();
    let mut out = Vec::new();
    featurize(&Feature::ALL, &pts, &mut out);
    assert_eq!(out.len(), 20 * 7);
    for (row, p) in pts.chunks(2).enumerate() {
        for (c, f) in Feature::ALL.iter().enumerate() {
            assert_eq!(out[row * 7 + c].to_bits(), f.apply(p[0], p[1]).to_bits());
        }
    }
}
