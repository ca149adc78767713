//! A fixed 3 → 4 → 3 → K network (weights given in `fixtures/gen_nn_reference.py`) against an
//! independent NumPy (float64) implementation: head-space outputs, data loss, the full gradient
//! (regularisation included) and the number of correct predictions.
//!
//! Cases: tanh/MSE(±1), relu/sigmoid-BCE + L2, sigmoid/softmax-CE + L1, tanh/softmax-CE,
//! leaky relu/linear-MSE + L2, linear/multi-tanh MSE, and two with logits in the hundreds
//! (sigmoid-BCE and softmax-CE + L2) where a naive log(sigmoid) would give −inf.
//!
//! Tolerance `|rust − numpy| ≤ 2e-5·|numpy| + 2e-6·s` where `s` is the size of the quantity
//! (max |value| over the vector, or the loss): f32 carries 6e-8 relative per operation and a
//! handful of roundings accumulate through 3 layers; the fast tanh adds < 6e-7 relative.
//! Inputs and parameters are multiples of 1/64, exact in both f32 and f64.

use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::rng::Rng;
use serde_json::Value;

fn floats(v: &Value) -> Vec<f32> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number") as f32).collect()
}

fn floats64(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

fn close(what: &str, case: &str, got: &[f32], want: &[f64]) -> f64 {
    assert_eq!(got.len(), want.len(), "{case}: {what} length");
    let size = want.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-30);
    let mut worst = 0.0f64;
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let diff = (f64::from(g) - w).abs();
        assert!(
            diff <= 2e-5 * w.abs() + 2e-6 * size,
            "{case}: {what}[{i}] = {g} but NumPy says {w} (diff {diff:.3e})"
        );
        worst = worst.max(diff / size);
    }
    worst
}

#[test]
fn nn_matches_numpy_reference() {
    let text = include_str!("fixtures/nn_reference.json");
    let json: Value = serde_json::from_str(text).expect("valid JSON");
    assert!(json["numpy_version"].as_str().is_some(), "fixture records the NumPy version");
    let cases = json["cases"].as_array().expect("cases");
    assert!(cases.len() >= 6);
    let mut worst = 0.0f64;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let activation = Activation::from_slug(c["activation"].as_str().unwrap()).unwrap();
        let head = Head::from_slug(c["head"].as_str().unwrap()).unwrap();
        let reg = Regularization::from_slug(c["reg"].as_str().unwrap()).unwrap();
        let reg_rate = c["reg_rate"].as_f64().unwrap() as f32;
        let hidden: Vec<usize> =
            c["hidden"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        let spec = MlpSpec {
            inputs: c["inputs"].as_u64().unwrap() as usize,
            hidden,
            activation,
            head,
            classes: c["classes"].as_u64().unwrap() as usize,
        };
        let n = c["n"].as_u64().unwrap() as usize;
        let mut mlp = Mlp::new(&spec, &mut Rng::new(0)).unwrap();
        let params = floats(&c["params"]);
        assert_eq!(mlp.param_count(), params.len(), "{name}: parameter layout");
        mlp.params_mut().copy_from_slice(&params);
        let x = floats(&c["x"]);
        let t = floats(&c["targets"]);

        let mut out = Vec::new();
        mlp.predict(&x, n, &mut out);
        worst = worst.max(close("outputs", name, &out, &floats64(&c["outputs"])));

        let mut grad = vec![0.0; mlp.param_count()];
        let loss = mlp.loss_and_gradient(&x, &t, n, reg, reg_rate, &mut grad);
        let want_loss = c["loss"].as_f64().unwrap();
        assert!(loss.is_finite(), "{name}: loss must be finite");
        worst = worst.max(close("loss", name, &[loss], &[want_loss]));
        worst = worst.max(close("grad", name, &grad, &floats64(&c["grad"])));

        let (eval_loss, correct) = mlp.evaluate(&x, &t, n);
        assert_eq!(eval_loss, loss, "{name}: evaluate and loss_and_gradient agree");
        assert_eq!(correct as u64, c["correct"].as_u64().unwrap(), "{name}: correct count");
    }
    println!("NumPy reference: {} cases, max error relative to size {worst:.3e}", cases.len());
}
