//! The word2vec loss `L = −log σ(v_c·u_o) − Σ_k log σ(−v_c·u_k)` and its gradients: against
//! PyTorch's autograd (`tests/fixtures/embedding/sgns.json`, made by `make_sgns_fixture.py`),
//! against finite differences, and worked by hand; and the trainer's own step (σ from word2vec.c's
//! table) against `−α·gradient`.

use perplexed_core::embedding::word2vec::{sgd_step, sgns_loss_and_gradients, sigmoid, softplus};
use serde_json::Value;

/// Largest error accepted against PyTorch, `|ours − torch| / max(|torch|, 10⁻²·max|torch|)`.
/// Both compute in f64 from the same f32 inputs, so the errors are ~10⁻¹⁵; a sign or a missing
/// term gives errors of order 1.
const TOL: f64 = 1e-5;

fn fixture() -> Value {
    let path = format!("{}/tests/fixtures/embedding/sgns.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn f32s(v: &Value) -> Vec<f32> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// The worst error of `ours` against `reference` by the measure of [`TOL`].
fn worst(ours: &[f64], reference: &[f64]) -> f64 {
    assert_eq!(ours.len(), reference.len());
    let scale = reference.iter().fold(0.0f64, |m, v| m.max(v.abs())) * 1e-2;
    ours.iter().zip(reference).map(|(o, r)| (o - r).abs() / r.abs().max(scale).max(1e-300)).fold(0.0, f64::max)
}

#[test]
fn loss_and_gradients_match_pytorch() {
    let f = fixture();
    let mut worst_all = 0.0f64;
    for ex in f["examples"].as_array().unwrap() {
        let name = ex["name"].as_str().unwrap();
        let g = sgns_loss_and_gradients(&f32s(&ex["centre"]), &f32s(&ex["context"]), &f32s(&ex["negatives"])).unwrap();
        let errors = [
            worst(&[g.loss], &[ex["loss"].as_f64().unwrap()]),
            worst(&g.centre, &f64s(&ex["grad_centre"])),
            worst(&g.context, &f64s(&ex["grad_context"])),
        ];
        // A negative drawn twice: torch's gradient per row equals ours per row.
        let negatives = worst(&g.negatives, &f64s(&ex["grad_negatives"]));
        let e = errors.iter().copied().fold(negatives, f64::max);
        println!("{name}: worst error {e:.2e}, loss {:.6}", g.loss);
        assert!(e <= TOL, "{name}: {errors:?} {negatives}");
        worst_all = worst_all.max(e);
    }
    println!("worst over all examples: {worst_all:.2e}");
}

/// CBOW's `h` is the mean of the context vectors: the loss is SGNS's with `h` for `v_c`, and
/// each context vector's exact gradient is `∂L/∂h / m`.
#[test]
fn cbow_loss_and_gradients_match_pytorch() {
    let f = &fixture()["cbow"];
    let d = f["dim"].as_u64().unwrap() as usize;
    let contexts = f32s(&f["contexts"]);
    let m = contexts.len() / d;
    let h: Vec<f32> = (0..d).map(|j| (contexts.chunks_exact(d).map(|c| f64::from(c[j])).sum::<f64>() / m as f64) as f32).collect();
    let g = sgns_loss_and_gradients(&h, &f32s(&f["target"]), &f32s(&f["negatives"])).unwrap();
    let per_context: Vec<f64> = (0..m).flat_map(|_| g.centre.iter().map(|v| v / m as f64)).collect();
    // h is rounded to f32 here (torch keeps it in f64): errors of ~10⁻⁷ are that rounding.
    let e = [
        worst(&[g.loss], &[f["loss"].as_f64().unwrap()]),
        worst(&per_context, &f64s(&f["grad_contexts"])),
        worst(&g.context, &f64s(&f["grad_target"])),
        worst(&g.negatives, &f64s(&f["grad_negatives"])),
    ];
    println!("cbow: {e:?}");
    assert!(e.iter().all(|&x| x <= TOL), "{e:?}");
}

/// Central differences `(L(x + h) − L(x − h)) / 2h` for every number of every input.
#[test]
fn gradients_match_finite_differences() {
    let f = fixture();
    let ex = &f["examples"][0];
    let (centre, context, negatives) = (f32s(&ex["centre"]), f32s(&ex["context"]), f32s(&ex["negatives"]));
    let g = sgns_loss_and_gradients(&centre, &context, &negatives).unwrap();
    // h = 2⁻¹⁰ keeps x ± h exact in f32 for |x| < 2¹³ (the inputs are below 2).
    let h = 1.0 / 1024.0;
    let loss = |c: &[f32], o: &[f32], n: &[f32]| sgns_loss_and_gradients(c, o, n).unwrap().loss;
    let mut worst_error = 0.0f64;
    for (which, analytic) in [(0, &g.centre), (1, &g.context), (2, &g.negatives)] {
        for i in 0..analytic.len() {
            let mut inputs = [centre.clone(), context.clone(), negatives.clone()];
            inputs[which][i] += h;
            let up = loss(&inputs[0], &inputs[1], &inputs[2]);
            inputs[which][i] -= 2.0 * h;
            let down = loss(&inputs[0], &inputs[1], &inputs[2]);
            let numeric = (up - down) / (2.0 * f64::from(h));
            // The truncation error of a central difference is h²/6·L''' ≈ 10⁻⁷ here.
            let err = (numeric - analytic[i]).abs();
            worst_error = worst_error.max(err);
            assert!(err < 1e-5, "input {which}, number {i}: numeric {numeric}, analytic {}", analytic[i]);
        }
    }
    println!("worst |numeric − analytic| = {worst_error:.2e}");
}

/// One centre word, one context word, one negative, in two dimensions:
///
/// ```text
/// v_c = (1, 2),  u_o = (2, −1),  u_k = (1, −0.5)
/// s_o = 1·2 + 2·(−1) = 0          σ(0) = ½,  −log σ(0) = ln 2
/// s_k = 1·1 + 2·(−0.5) = 0        −log σ(−0) = ln 2
/// L = 2 ln 2 = 1.3862944
/// ∂L/∂u_o = −(1 − ½)·v_c = (−0.5, −1)
/// ∂L/∂u_k =        ½ ·v_c = (0.5, 1)
/// ∂L/∂v_c = −½·u_o + ½·u_k = (−1 + 0.5, 0.5 − 0.25) = (−0.5, 0.25)
/// ```
#[test]
fn one_centre_one_context_one_negative_by_hand() {
    let g = sgns_loss_and_gradients(&[1.0, 2.0], &[2.0, -1.0], &[1.0, -0.5]).unwrap();
    assert!((g.loss - 2.0 * std::f64::consts::LN_2).abs() < 1e-15, "{}", g.loss);
    assert_eq!(g.scores, vec![0.0, 0.0]);
    assert_eq!(g.context, vec![-0.5, -1.0]);
    assert_eq!(g.negatives, vec![0.5, 1.0]);
    assert_eq!(g.centre, vec![-0.5, 0.25]);

    // With s_o = 2 instead (u_o = (2, 0)): σ(2) = 0.880797, the context pulls less.
    let g = sgns_loss_and_gradients(&[1.0, 2.0], &[2.0, 0.0], &[1.0, -0.5]).unwrap();
    let s2 = 1.0 / (1.0 + (-2.0f64).exp());
    assert!((g.loss - (-(s2.ln()) + std::f64::consts::LN_2)).abs() < 1e-12);
    assert!((g.context[0] + (1.0 - s2)).abs() < 1e-12 && (g.context[1] + 2.0 * (1.0 - s2)).abs() < 1e-12);
}

#[test]
fn softplus_and_sigmoid_stay_finite_at_the_extremes() {
    assert_eq!(softplus(-1000.0), 0.0);
    assert_eq!(softplus(1000.0), 1000.0);
    assert!((softplus(0.0) - std::f64::consts::LN_2).abs() < 1e-16);
    assert_eq!(sigmoid(-1000.0), 0.0);
    assert_eq!(sigmoid(1000.0), 1.0);
    // A score of 40 for the true word: loss e⁻⁴⁰, not 0 − log(1) rounding to garbage.
    let g = sgns_loss_and_gradients(&[4.0, 4.0], &[5.0, 5.0], &[]).unwrap();
    assert!(g.loss > 0.0 && g.loss < 1e-17, "{}", g.loss);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    assert_eq!(sgns_loss_and_gradients(&[], &[], &[]).unwrap_err().field, "centre");
    assert_eq!(sgns_loss_and_gradients(&[1.0, 2.0], &[1.0], &[]).unwrap_err().field, "context");
    assert_eq!(sgns_loss_and_gradients(&[1.0, 2.0], &[1.0, 0.0], &[1.0]).unwrap_err().field, "negatives");
    assert_eq!(sgns_loss_and_gradients(&[f32::NAN, 2.0], &[1.0, 0.0], &[]).unwrap_err().field, "centre");
}

/// The trainer's step on the fixture's first example (centre, context, 3 negatives) moves every
/// vector by `−α·∂L/∂·` of the exact maths above, up to the σ table: its step is 12/1000 and
/// σ' ≤ ¼, so σ is off by at most 0.003, and each moved number by at most `α·0.003·|x|` per
/// term. A wrong sign or a missing term is off by `α·|∂L/∂x|`, one to two orders more.
#[test]
fn the_trainers_step_is_minus_alpha_times_the_gradient() {
    let f = fixture();
    let ex = &f["examples"][0];
    let (centre, context, negatives) = (f32s(&ex["centre"]), f32s(&ex["context"]), f32s(&ex["negatives"]));
    let d = centre.len();
    let exact = sgns_loss_and_gradients(&centre, &context, &negatives).unwrap();
    let alpha = 0.1f32;
    let mut hidden = centre.clone();
    let mut output: Vec<f32> = context.iter().chain(&negatives).copied().collect();
    let before = output.clone();
    let loss = sgd_step(&mut hidden, &mut output, 0, &[1, 2, 3], alpha).unwrap();
    assert!((f64::from(loss) - exact.loss).abs() < 0.012 * 4.0, "{loss} vs {}", exact.loss);
    let a = f64::from(alpha);
    let mut worst = 0.0f64;
    for j in 0..d {
        let moved = f64::from(hidden[j]) - f64::from(centre[j]);
        let bound: f64 = a * 0.003 * (0..4).map(|r| f64::from(before[r * d + j]).abs()).sum::<f64>() + 1e-7;
        assert!((moved + a * exact.centre[j]).abs() <= bound, "v_c[{j}]: {moved} vs {}", -a * exact.centre[j]);
        worst = worst.max((moved + a * exact.centre[j]).abs());
    }
    let grads: Vec<f64> = exact.context.iter().chain(&exact.negatives).copied().collect();
    for i in 0..4 * d {
        let moved = f64::from(output[i]) - f64::from(before[i]);
        let bound = a * 0.003 * f64::from(centre[i % d]).abs() + 1e-7;
        assert!((moved + a * grads[i]).abs() <= bound, "row {}, {}: {moved} vs {}", i / d, i % d, -a * grads[i]);
        worst = worst.max((moved + a * grads[i]).abs());
    }
    println!("worst |step − (−α·gradient)| = {worst:.2e}");
}

/// A negative equal to the true word is skipped (word2vec.c and gensim), and a score beyond ±6
/// gets no update (gensim) while its loss is still counted exactly.
#[test]
fn the_trainers_step_skips_the_true_word_as_a_negative_and_scores_beyond_six() {
    // Scores 0: only the true word's row moves, by g·v with g = α·(1 − ½).
    let mut hidden = vec![1.0, 2.0];
    let mut output = vec![0.0, 0.0, 0.0, 0.0];
    let loss = sgd_step(&mut hidden, &mut output, 0, &[0, 0], 0.5).unwrap();
    assert_eq!(output, vec![0.25, 0.5, 0.0, 0.0]);
    assert!((loss - std::f32::consts::LN_2).abs() < 1e-2, "{loss}");
    assert_eq!(hidden, vec![1.0, 2.0], "u_o was 0, so v_c's step α·(1 − σ)·u_o is 0");
    // v·u = 8 > 6: no update; the loss is softplus(−8) = 3.35e−4.
    let mut hidden = vec![4.0, 4.0];
    let mut output = vec![1.0, 1.0];
    let loss = sgd_step(&mut hidden, &mut output, 0, &[], 0.5).unwrap();
    assert_eq!((hidden, output), (vec![4.0, 4.0], vec![1.0, 1.0]));
    assert!((f64::from(loss) - softplus(-8.0)).abs() < 1e-9);
    assert_eq!(sgd_step(&mut [1.0], &mut [0.0], 1, &[], 0.1).unwrap_err().field, "target");
    assert_eq!(sgd_step(&mut [1.0], &mut [0.0], 0, &[3], 0.1).unwrap_err().field, "negatives");
    assert_eq!(sgd_step(&mut [1.0, 1.0], &mut [0.0; 3], 0, &[], 0.1).unwrap_err().field, "output");
}
