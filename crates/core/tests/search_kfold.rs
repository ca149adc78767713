//! k-fold cross-validation: folds are disjoint, cover every point, have sizes within one, are
//! seeded, and the polynomial objective averages exactly the per-fold validation errors.

use perplexed_core::data::curve::{generate_curve, CurveFunction, CurveParams};
use perplexed_core::linear::poly::PolyFit;
use perplexed_core::train::search::{KFold, PolyObjective};

#[test]
fn search_kfold_folds_are_disjoint_covering_and_balanced() {
    for (n, k) in [(10, 2), (10, 3), (23, 5), (100, 7), (20, 20), (501, 20)] {
        let f = KFold::new(n, k, 42).unwrap();
        assert_eq!((f.len(), f.k()), (n, k));
        let mut seen = vec![0usize; n];
        let mut sizes = Vec::new();
        for i in 0..k {
            let (train, val) = f.fold(i);
            assert_eq!(train.len() + val.len(), n, "n = {n}, k = {k}, fold {i}");
            assert!(train.windows(2).all(|w| w[0] < w[1]) && val.windows(2).all(|w| w[0] < w[1]), "ascending");
            // Disjoint within the round: no point both trains and validates.
            assert!(val.iter().all(|v| train.binary_search(v).is_err()));
            for &v in &val {
                seen[v] += 1;
                assert_eq!(f.assignments()[v], i);
            }
            sizes.push(val.len());
        }
        // Across rounds: every point is validated exactly once (disjoint folds covering 0..n).
        assert!(seen.iter().all(|&c| c == 1), "n = {n}, k = {k}: {seen:?}");
        let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(hi - lo <= 1 && *lo >= 1, "n = {n}, k = {k}: sizes {sizes:?}");
    }
}

#[test]
fn search_kfold_is_seeded_and_validated() {
    let a = KFold::new(50, 5, 1).unwrap();
    assert_eq!(a, KFold::new(50, 5, 1).unwrap());
    assert_ne!(a, KFold::new(50, 5, 2).unwrap());
    // Shuffled: fold 0 is not simply the first ten points.
    assert_ne!(a.fold(0).1, (0..10).collect::<Vec<_>>());
    assert_eq!(KFold::new(50, 1, 1).unwrap_err().field, "folds");
    assert_eq!(KFold::new(50, 21, 1).unwrap_err().field, "folds");
    let e = KFold::new(4, 5, 1).unwrap_err();
    assert_eq!(e.field, "folds");
    assert!(e.to_string().contains("at least 5 points"), "{e}");
    // A round past the last: nothing to validate, no panic.
    let (train, val) = a.fold(5);
    assert_eq!((train.len(), val.len()), (50, 0));
    // fold_into reuses its buffers.
    let (mut t, mut v) = (Vec::with_capacity(50), Vec::with_capacity(50));
    let (pt, pv) = (t.as_ptr(), v.as_ptr());
    for i in 0..5 {
        a.fold_into(i, &mut t, &mut v);
        assert_eq!((t.clone(), v.clone()), a.fold(i));
    }
    assert_eq!((t.as_ptr(), v.as_ptr()), (pt, pv));
}

#[test]
fn search_poly_objective_averages_the_folds() {
    let d = generate_curve(&CurveParams { function: CurveFunction::Sine, points: 40, noise: 0.1, seed: 5 }).unwrap();
    let mut obj = PolyObjective::kfold(&d.x, &d.y, 4, 11).unwrap();
    let folds = KFold::new(40, 4, 11).unwrap();
    for (degree, lam) in [(1usize, 0.0f32), (5, 1e-3), (9, 0.1)] {
        // By hand: fit on three folds, MSE on the fourth, mean of the four.
        let mut sum = 0.0f64;
        for i in 0..4 {
            let (train, val) = folds.fold(i);
            let (tx, ty) = d.subset(&train);
            let (vx, vy) = d.subset(&val);
            sum += f64::from(PolyFit::fit(&tx, &ty, degree, lam).unwrap().mse(&vx, &vy));
        }
        let want = (sum / 4.0) as f32;
        assert_eq!(obj.score(degree as f32, lam), want, "degree {degree}, λ {lam}");
        // Degrees are rounded to the nearest whole number.
        assert_eq!(obj.score(degree as f32 + 0.3, lam), want);
    }
    // Hold-out: the validation MSE of one fit.
    let (tx, ty, vx, vy) = (&d.x[..30], &d.y[..30], &d.x[30..], &d.y[30..]);
    let mut hold = PolyObjective::holdout(tx, ty, vx, vy).unwrap();
    assert_eq!(hold.score(4.0, 0.01), PolyFit::fit(tx, ty, 4, 0.01).unwrap().mse(vx, vy));
    // Out-of-range settings: degree clamped to 0..=20, an invalid λ scores NaN.
    assert_eq!(hold.score(35.0, 0.01), hold.score(20.0, 0.01));
    assert_eq!(hold.score(-3.0, 0.01), hold.score(0.0, 0.01));
    assert!(hold.score(4.0, -1.0).is_nan() && obj.score(4.0, f32::NAN).is_nan());
    // Construction errors.
    assert_eq!(PolyObjective::holdout(tx, &ty[..3], vx, vy).unwrap_err().field, "train");
    assert_eq!(PolyObjective::holdout(tx, ty, &[], &[]).unwrap_err().field, "val");
    assert_eq!(PolyObjective::kfold(&d.x[..3], &d.y[..3], 4, 0).unwrap_err().field, "folds");
}
