//! Gradient boosting, one round on data small enough to work out by hand (arithmetic in the
//! comments): the prior, the pseudo-residuals, the stump's split and its leaf values.

use perplexed_core::data::dataset::Problem;
use perplexed_core::tree::boosting::{BoostingParams, GradientBoosting};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1.0)
}

fn one_round(problem: Problem, x: &[f32], y: &[f32], learning_rate: f32) -> GradientBoosting {
    let p = BoostingParams { problem, rounds: 1, learning_rate, max_depth: 1, ..BoostingParams::default() };
    GradientBoosting::fit(x, 1, y, &p).unwrap()
}

#[test]
fn boosting_binary_log_loss_newton_step() {
    // y = 0 0 1 1 1 at x = 1..5. Prior p̄ = 3/5 = 0.6, F₀ = ln(0.6/0.4) = ln 1.5 ≈ 0.405465.
    // Loss of the prior: (2·(−ln 0.4) + 3·(−ln 0.6))/5 = (1.832581 + 1.532477)/5 ≈ 0.673012.
    // Residuals y − p = (−0.6, −0.6, 0.4, 0.4, 0.4); the stump splits them at 2.5.
    // Newton leaf values Σr / Σp(1−p) with p(1−p) = 0.24:
    //   left  (−0.6 − 0.6)/(2·0.24) = −2.5
    //   right (0.4·3)/(3·0.24)     = 1.6667
    // With ν = 0.1: F₁ = ln 1.5 − 0.25 on the left, ln 1.5 + 0.16667 on the right.
    let (x, y) = ([1.0f32, 2.0, 3.0, 4.0, 5.0], [0.0f32, 0.0, 1.0, 1.0, 1.0]);
    let gb = one_round(Problem::Classification, &x, &y, 0.1);
    assert!(close(gb.init_scores()[0], 1.5f64.ln()));
    let loss0 = (-2.0 * 0.4f64.ln() - 3.0 * 0.6f64.ln()) / 5.0;
    assert!(close(gb.train_loss()[0], loss0), "{}", gb.train_loss()[0]);
    let tree = &gb.round_trees(0).unwrap()[0];
    let s = tree.nodes()[0].split.unwrap();
    assert_eq!(s.threshold, 2.5);
    assert!(close(tree.value(s.left).unwrap()[0], -2.5));
    assert!(close(tree.value(s.right).unwrap()[0], 5.0 / 3.0));
    let lr = f64::from(0.1f32);
    let mut raw = [0.0f64; 2];
    gb.raw_into(&[0.0, 9.0], 1, &mut raw).unwrap();
    assert!(close(raw[0], 1.5f64.ln() - 2.5 * lr) && close(raw[1], 1.5f64.ln() + 5.0 / 3.0 * lr), "{raw:?}");
    // Loss after the round: −ln(1 − σ(F)) for the two zeros, −ln σ(F) for the three ones.
    let sig = |f: f64| 1.0 / (1.0 + (-f).exp());
    let loss1 = (-2.0 * (1.0 - sig(raw[0])).ln() - 3.0 * sig(raw[1]).ln()) / 5.0;
    assert!(close(gb.train_loss()[1], loss1));
    assert!(loss1 < loss0);
    let mut proba = [0.0f32; 4];
    gb.predict_proba_into(&[0.0, 9.0], 1, &mut proba).unwrap();
    assert!((f64::from(proba[1]) - sig(raw[0])).abs() < 1e-7 && (proba[0] + proba[1] - 1.0).abs() < 1e-7);
}

#[test]
fn boosting_regression_fits_the_residuals() {
    // y = 1 2 3 10 at x = 1..4. F₀ = mean = 4; residuals (−3, −2, −1, 6); MSE₀ = (9+4+1+36)/4 = 12.5.
    // Stump on the residuals (sum of squared errors around each side's mean):
    //   1.5: {−3} | {−2, −1, 6} (mean 1):  0 + 9 + 4 + 25   = 38
    //   2.5: {−3, −2} | {−1, 6}:           0.5 + 24.5      = 25
    //   3.5: {−3, −2, −1} (mean −2) | {6}:  1 + 0 + 1 + 0   = 2   ← best
    // Leaf values −2 and 6; with ν = 0.5: F₁ = 3, 3, 3, 7; residuals −2, −1, 0, 3; MSE₁ = 14/4 = 3.5.
    let (x, y) = ([1.0f32, 2.0, 3.0, 4.0], [1.0f32, 2.0, 3.0, 10.0]);
    let gb = one_round(Problem::Regression, &x, &y, 0.5);
    assert_eq!(gb.init_scores(), &[4.0]);
    let tree = &gb.round_trees(0).unwrap()[0];
    let s = tree.nodes()[0].split.unwrap();
    assert_eq!(s.threshold, 3.5);
    assert_eq!((tree.value(s.left).unwrap()[0], tree.value(s.right).unwrap()[0]), (-2.0, 6.0));
    assert_eq!(gb.train_loss(), &[12.5, 3.5]);
    let mut out = [0.0f32; 4];
    gb.predict_into(&x, 1, &mut out).unwrap();
    assert_eq!(out, [3.0, 3.0, 3.0, 7.0]);
    gb.predict_into(&x, 0, &mut out).unwrap();
    assert_eq!(out, [4.0; 4], "after 0 rounds: the prior");
}

#[test]
fn boosting_multiclass_one_tree_per_class() {
    // y = 0 0 1 2 at x = 1..4: shares p̄ = (½, ¼, ¼), ln p̄ = (−0.6931, −1.3863, −1.3863),
    // mean −1.1552, so F₀ = ln p̄ − mean = (0.4621, −0.2310, −0.2310) and softmax(F₀) = p̄.
    // Round 1, K = 3 trees on r_k = [y = k] − p_k, leaf γ = (K−1)/K · mean r / mean p(1−p):
    //   class 0: r = (½, ½, −½, −½) → split 2.5; γ = (2/3 · ½)/(¼) = 4/3 left, −4/3 right.
    //   class 1: r = (−¼, −¼, ¾, −¼); SSE: 1.5 → 2/3, 2.5 → ½, 3.5 → 2/3: split 2.5;
    //            p(1−p) = 3/16; γ = (2/3 · −¼)/(3/16) = −8/9 left, (2/3 · ¼)/(3/16) = 8/9 right.
    //   class 2: r = (−¼, −¼, −¼, ¾): split 3.5 (both sides constant, SSE 0);
    //            γ = (2/3 · −¼)/(3/16) = −8/9 left, (2/3 · ¾)/(3/16) = 8/3 right.
    let (x, y) = ([1.0f32, 2.0, 3.0, 4.0], [0.0f32, 0.0, 1.0, 2.0]);
    let gb = one_round(Problem::Classification, &x, &y, 1.0);
    assert_eq!((gb.n_classes(), gb.trees_per_round()), (3, 3));
    let logs = [0.5f64.ln(), 0.25f64.ln(), 0.25f64.ln()];
    let mean = logs.iter().sum::<f64>() / 3.0;
    for (g, l) in gb.init_scores().iter().zip(logs) {
        assert!(close(*g, l - mean));
    }
    let want = [(2.5, 4.0 / 3.0, -4.0 / 3.0), (2.5, -8.0 / 9.0, 8.0 / 9.0), (3.5, -8.0 / 9.0, 8.0 / 3.0)];
    for (tree, (th, left, right)) in gb.round_trees(0).unwrap().iter().zip(want) {
        let s = tree.nodes()[0].split.unwrap();
        assert_eq!(s.threshold, th);
        assert!(close(tree.value(s.left).unwrap()[0], left), "{:?}", tree.value(s.left));
        assert!(close(tree.value(s.right).unwrap()[0], right), "{:?}", tree.value(s.right));
    }
    // ν = 1: at x = 4 the scores are F₀ + (−4/3, 8/9, 8/3): class 2 wins.
    let mut label = [0.0f32];
    gb.predict_into(&[4.0], 1, &mut label).unwrap();
    assert_eq!(label, [2.0]);
}

#[test]
fn residuals_are_what_is_left_to_learn() {
    // Classification, the data above: before any round p(class 1) = 0.6 everywhere, so a
    // class-0 point has 1 − p(0) = 1 − 0.4 = 0.6 left and a class-1 point 1 − 0.6 = 0.4.
    let (x, y) = ([1.0f32, 2.0, 3.0, 4.0, 5.0], [0.0f32, 0.0, 1.0, 1.0, 1.0]);
    let gb = one_round(Problem::Classification, &x, &y, 0.1);
    let mut r = Vec::new();
    gb.residuals_into(&x, &y, 0, &mut r).unwrap();
    let expected = [0.6, 0.6, 0.4, 0.4, 0.4];
    assert!(r.iter().zip(expected).all(|(a, b)| (a - b).abs() < 1e-6), "{r:?}");
    // After the round every point is a little closer to its answer.
    let mut r1 = Vec::new();
    gb.residuals_into(&x, &y, 1, &mut r1).unwrap();
    assert!(r1.iter().zip(&r).all(|(a, b)| a < b), "{r1:?} vs {r:?}");
    // Regression: y = 1 2 3 at x = 1..3, the prior is the mean 2, so |y − 2| = 1, 0, 1.
    let (x, y) = ([1.0f32, 2.0, 3.0], [1.0f32, 2.0, 3.0]);
    let gb = one_round(Problem::Regression, &x, &y, 0.5);
    gb.residuals_into(&x, &y, 0, &mut r).unwrap();
    assert_eq!(r, vec![1.0, 0.0, 1.0]);
    // A mismatched shape is an error, not a panic.
    assert!(gb.residuals_into(&x, &y[..2], 0, &mut r).is_err());
}
