//! The network's public contract: slugs, head choice, validation messages, parameter layout,
//! initialisation ranges, chunked processing and robustness to short buffers.

use perplexed_core::error::ErrorKind;
use perplexed_core::data::dataset::Problem;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Loss, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec, CHUNK_ROWS};
use perplexed_core::rng::Rng;

fn spec(inputs: usize, hidden: &[usize], activation: Activation, head: Head, classes: usize) -> MlpSpec {
    MlpSpec { inputs, hidden: hidden.to_vec(), activation, head, classes }
}

#[test]
fn nn_slugs_round_trip_and_are_the_published_ones() {
    let acts: Vec<&str> = Activation::ALL.iter().map(|a| a.slug()).collect();
    assert_eq!(acts, ["relu", "tanh", "sigmoid", "linear", "leakyrelu"]);
    let losses: Vec<&str> = Loss::ALL.iter().map(|a| a.slug()).collect();
    assert_eq!(losses, ["mse", "crossentropy"]);
    let regs: Vec<&str> = Regularization::ALL.iter().map(|a| a.slug()).collect();
    assert_eq!(regs, ["none", "l1", "l2"]);
    for a in Activation::ALL {
        assert_eq!(Activation::from_slug(a.slug()), Some(a));
    }
    for l in Loss::ALL {
        assert_eq!(Loss::from_slug(l.slug()), Some(l));
    }
    for r in Regularization::ALL {
        assert_eq!(Regularization::from_slug(r.slug()), Some(r));
    }
    for h in Head::ALL {
        assert_eq!(Head::from_slug(h.slug()), Some(h));
    }
    assert_eq!(Activation::from_slug("Relu"), None);
    assert_eq!(Loss::from_slug(""), None);
}

#[test]
fn nn_head_choice_follows_problem_loss_and_classes() {
    use Problem::*;
    assert_eq!(Head::choose(Regression, Loss::Mse, 0), Ok(Head::Linear));
    let e = Head::choose(Regression, Loss::CrossEntropy, 0).unwrap_err();
    assert_eq!(e.field, "loss");
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(Head::choose(Classification, Loss::Mse, 2), Ok(Head::Tanh));
    assert_eq!(Head::choose(Classification, Loss::CrossEntropy, 2), Ok(Head::Sigmoid));
    assert_eq!(Head::choose(Classification, Loss::Mse, 3), Ok(Head::TanhMulti));
    assert_eq!(Head::choose(Classification, Loss::CrossEntropy, 3), Ok(Head::Softmax));
    assert!(Head::choose(Classification, Loss::Mse, 1).is_err());
    assert_eq!(Head::Softmax.outputs(3), 3);
    assert_eq!(Head::TanhMulti.outputs(5), 5);
    assert_eq!(Head::Sigmoid.outputs(2), 1);
    assert_eq!(Head::Tanh.outputs(2), 1);
    assert_eq!(Head::Linear.outputs(0), 1);
}

#[test]
fn nn_spec_validation_gives_readable_errors() {
    let mut rng = Rng::new(1);
    let bad = [
        (spec(0, &[4], Activation::Tanh, Head::Tanh, 2), "features"),
        (spec(65, &[4], Activation::Tanh, Head::Tanh, 2), "features"),
        (spec(2, &[4; 9], Activation::Tanh, Head::Tanh, 2), "layers"),
        (spec(2, &[4, 0], Activation::Tanh, Head::Tanh, 2), "neurons"),
        (spec(2, &[257], Activation::Tanh, Head::Tanh, 2), "neurons"),
        (spec(2, &[4], Activation::Tanh, Head::Tanh, 3), "classes"),
        (spec(2, &[4], Activation::Tanh, Head::Softmax, 1), "classes"),
    ];
    for (s, field) in bad {
        let e = Mlp::new(&s, &mut rng).unwrap_err();
        assert_eq!(e.field, field, "{s:?}");
        assert!(e.to_string().len() > 15, "message should explain: {e}");
    }
    let e = Mlp::new(&spec(2, &[4, 0], Activation::Tanh, Head::Tanh, 2), &mut rng).unwrap_err();
    assert_eq!(e.to_string(), "neurons must be between 1 and 256 (got 0)");
    // The limits themselves are accepted.
    assert!(Mlp::new(&spec(64, &[256; 8], Activation::Relu, Head::Softmax, 10), &mut rng).is_ok());
    assert!(Mlp::new(&spec(1, &[], Activation::Relu, Head::Linear, 0), &mut rng).is_ok());
}

#[test]
fn nn_layout_is_fan_in_by_fan_out_row_major_weights_then_biases() {
    let mut mlp = Mlp::new(&spec(2, &[3], Activation::Tanh, Head::Softmax, 4), &mut Rng::new(3)).unwrap();
    assert_eq!(mlp.layer_sizes(), vec![2, 3, 4]);
    assert_eq!(mlp.param_count(), 2 * 3 + 3 + 3 * 4 + 4);
    for (i, p) in mlp.params_mut().iter_mut().enumerate() {
        *p = i as f32;
    }
    // W1[i][j] at i·3 + j, b1 at 6.., W2[i][j] at 9 + i·4 + j, b2 at 21...
    assert_eq!(mlp.weight(0, 1, 2), 5.0);
    assert_eq!(mlp.bias(0, 2), 8.0);
    assert_eq!(mlp.weight(1, 2, 3), 9.0 + 11.0);
    assert_eq!(mlp.bias(1, 3), 24.0);
    assert!(mlp.weight(2, 0, 0).is_nan() && mlp.weight(0, 2, 0).is_nan() && mlp.bias(0, 3).is_nan());
    assert_eq!(mlp.weight_index(1, 2, 3), Some(20));
    assert_eq!(mlp.bias_index(1, 0), Some(21));
    assert!(mlp.is_weight(5) && !mlp.is_weight(6) && mlp.is_weight(9) && !mlp.is_weight(24));

    // Hand-computed forward pass with simple weights: x = (1, 2), linear activation.
    let mut lin = Mlp::new(&spec(2, &[2], Activation::Linear, Head::Linear, 0), &mut Rng::new(0)).unwrap();
    // W1 = [[1, 2], [3, 4]], b1 = [0.5, -0.5]; W2 = [[1], [-1]], b2 = [0.25]
    lin.params_mut().copy_from_slice(&[1.0, 2.0, 3.0, 4.0, 0.5, -0.5, 1.0, -1.0, 0.25]);
    let mut out = Vec::new();
    lin.predict(&[1.0, 2.0], 1, &mut out);
    // h = (1·1 + 2·3 + 0.5, 1·2 + 2·4 − 0.5) = (7.5, 9.5); o = 7.5 − 9.5 + 0.25 = −1.75
    assert_eq!(out, vec![-1.75]);
}

#[test]
fn nn_init_is_glorot_or_he_uniform_with_zero_biases() {
    for act in Activation::ALL {
        let mlp = Mlp::new(&spec(8, &[32, 16], act, Head::Tanh, 2), &mut Rng::new(9)).unwrap();
        let sizes = mlp.layer_sizes();
        for l in 0..sizes.len() - 1 {
            let (fi, fo) = (sizes[l], sizes[l + 1]);
            let hidden = l + 1 < sizes.len() - 1;
            let limit = if hidden && matches!(act, Activation::Relu | Activation::LeakyRelu) {
                (6.0 / fi as f32).sqrt()
            } else {
                (6.0 / (fi + fo) as f32).sqrt()
            };
            let mut max = 0.0f32;
            for i in 0..fi {
                for j in 0..fo {
                    max = max.max(mlp.weight(l, i, j).abs());
                }
            }
            assert!(max <= limit, "{act:?} layer {l}: {max} > {limit}");
            assert!(max > 0.8 * limit, "{act:?} layer {l}: weights do not fill [-r, r]");
            for j in 0..fo {
                assert_eq!(mlp.bias(l, j), 0.0);
            }
        }
    }
    // Same seed, same weights; different seed, different weights.
    let s = spec(2, &[4], Activation::Tanh, Head::Tanh, 2);
    let a = Mlp::new(&s, &mut Rng::new(5)).unwrap();
    let b = Mlp::new(&s, &mut Rng::new(5)).unwrap();
    let c = Mlp::new(&s, &mut Rng::new(6)).unwrap();
    assert_eq!(a.params(), b.params());
    assert_ne!(a.params(), c.params());
}

fn random_rows(rng: &mut Rng, n: usize, d: usize) -> Vec<f32> {
    (0..n * d).map(|_| rng.uniform(-2.0, 2.0)).collect()
}

#[test]
fn nn_chunked_processing_equals_row_by_row() {
    // n spans several blocks of CHUNK_ROWS rows: results must not depend on the blocking.
    let n = CHUNK_ROWS * 2 + 37;
    let mut rng = Rng::new(11);
    let mut mlp = Mlp::new(&spec(3, &[5, 4], Activation::Tanh, Head::Softmax, 3), &mut rng).unwrap();
    let x = random_rows(&mut rng, n, 3);
    let t: Vec<f32> = (0..n).map(|i| (i % 3) as f32).collect();
    let mut all = Vec::new();
    mlp.predict(&x, n, &mut all);
    assert_eq!(all.len(), n * 3);
    let mut one = Vec::new();
    for r in [0, CHUNK_ROWS - 1, CHUNK_ROWS, n - 1] {
        mlp.predict(&x[r * 3..r * 3 + 3], 1, &mut one);
        assert_eq!(&all[r * 3..r * 3 + 3], &one[..], "row {r}");
        let s: f32 = one.iter().sum();
        assert!((s - 1.0).abs() < 1e-6, "softmax row sums to 1");
    }
    // The gradient over all rows is the row-weighted mean of the gradients over two parts.
    let p = mlp.param_count();
    let (mut g_all, mut g_a, mut g_b) = (vec![0.0; p], vec![0.0; p], vec![0.0; p]);
    let l_all = mlp.loss_and_gradient(&x, &t, n, Regularization::None, 0.0, &mut g_all);
    let k = 300;
    let l_a = mlp.loss_and_gradient(&x[..k * 3], &t[..k], k, Regularization::None, 0.0, &mut g_a);
    let l_b = mlp.loss_and_gradient(&x[k * 3..], &t[k..], n - k, Regularization::None, 0.0, &mut g_b);
    let (wa, wb) = (k as f32 / n as f32, (n - k) as f32 / n as f32);
    assert!((l_all - (wa * l_a + wb * l_b)).abs() < 1e-5);
    for i in 0..p {
        let mix = wa * g_a[i] + wb * g_b[i];
        assert!((g_all[i] - mix).abs() < 1e-5 + 1e-4 * mix.abs(), "param {i}: {} vs {mix}", g_all[i]);
    }
    // Accuracy from evaluate equals counting predict_classes by hand.
    let (_, correct) = mlp.evaluate(&x, &t, n);
    let mut classes = Vec::new();
    mlp.predict_classes(&x, n, &mut classes);
    let by_hand = classes.iter().zip(&t).filter(|(&c, &t)| c == t as usize).count();
    assert_eq!(correct, by_hand);
}

#[test]
fn nn_activations_expose_every_layer_and_end_in_head_space() {
    let mut rng = Rng::new(2);
    let mut mlp = Mlp::new(&spec(2, &[3, 2], Activation::Relu, Head::Sigmoid, 2), &mut rng).unwrap();
    let x = random_rows(&mut rng, 7, 2);
    let acts = mlp.activations(&x, 7);
    let sizes: Vec<usize> = acts.iter().map(|a| a.len() / 7).collect();
    assert_eq!(sizes, vec![2, 3, 2, 1]);
    assert_eq!(acts[0], x);
    assert!(acts[1].iter().chain(&acts[2]).all(|&a| a >= 0.0), "relu outputs are non-negative");
    let mut out = Vec::new();
    mlp.predict(&x, 7, &mut out);
    assert_eq!(acts[3], out);
    assert!(out.iter().all(|&p| (0.0..=1.0).contains(&p)), "sigmoid head gives probabilities");
}

#[test]
fn nn_short_buffers_and_empty_input_do_not_panic() {
    let mut rng = Rng::new(4);
    let mut mlp = Mlp::new(&spec(2, &[3], Activation::Tanh, Head::Tanh, 2), &mut rng).unwrap();
    let mut out = Vec::new();
    // Claims 10 rows but holds 3 (and an odd trailing value): uses the 3.
    mlp.predict(&[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], 10, &mut out);
    assert_eq!(out.len(), 3);
    mlp.predict(&[], 0, &mut out);
    assert!(out.is_empty());
    let (loss, correct) = mlp.evaluate(&[], &[], 0);
    assert!(loss.is_nan() && correct == 0, "no rows, no loss");
    let mut grad = vec![1.0; mlp.param_count()];
    let loss = mlp.loss_and_gradient(&[0.1, 0.2], &[], 1, Regularization::None, 0.0, &mut grad);
    assert!(loss.is_nan());
    assert!(grad.iter().all(|&g| g == 0.0));
    // A malformed class index is clamped instead of indexing out of bounds.
    let mut multi = Mlp::new(&spec(2, &[3], Activation::Tanh, Head::Softmax, 3), &mut rng).unwrap();
    let mut g = vec![0.0; multi.param_count()];
    let l = multi.loss_and_gradient(&[0.1, 0.2, 0.3, 0.4], &[7.0, -1.0], 2, Regularization::L2, 0.1, &mut g);
    assert!(l.is_finite());
}

#[test]
fn nn_cross_entropy_is_finite_for_huge_logits() {
    // A network whose weights were scaled up to give logits around ±1e4 (a badly diverging run).
    for head in [Head::Sigmoid, Head::Softmax] {
        let classes = if head == Head::Sigmoid { 2 } else { 3 };
        let mut rng = Rng::new(8);
        let mut mlp = Mlp::new(&spec(2, &[4], Activation::Linear, head, classes), &mut rng).unwrap();
        for p in mlp.params_mut() {
            *p *= 100.0;
        }
        let x = random_rows(&mut rng, 20, 2);
        let t: Vec<f32> = (0..20).map(|i| (i % classes) as f32).collect();
        let mut g = vec![0.0; mlp.param_count()];
        let loss = mlp.loss_and_gradient(&x, &t, 20, Regularization::None, 0.0, &mut g);
        assert!(loss.is_finite() && loss > 10.0, "{head:?}: loss {loss}");
        assert!(g.iter().all(|v| v.is_finite()), "{head:?}: gradient finite");
    }
}

#[test]
fn nn_penalty_is_over_weights_only() {
    let mut mlp = Mlp::new(&spec(1, &[1], Activation::Linear, Head::Linear, 0), &mut Rng::new(0)).unwrap();
    // W1 = [-2], b1 = [100], W2 = [3], b2 = [-100]
    mlp.params_mut().copy_from_slice(&[-2.0, 100.0, 3.0, -100.0]);
    assert_eq!(mlp.penalty(Regularization::None), 0.0);
    assert_eq!(mlp.penalty(Regularization::L1), 5.0); // |−2| + |3|
    assert_eq!(mlp.penalty(Regularization::L2), 6.5); // ½(4 + 9)
    let mut g = vec![0.0; 4];
    // Zero data gradient: x = 0 and the target equals the output (0·W + 100)·3 − 100 = 200.
    let loss = mlp.loss_and_gradient(&[0.0], &[200.0], 1, Regularization::L2, 0.5, &mut g);
    assert_eq!(loss, 0.0);
    assert_eq!(g, vec![-1.0, 0.0, 1.5, 0.0]); // λ·w on weights, nothing on biases
    mlp.loss_and_gradient(&[0.0], &[200.0], 1, Regularization::L1, 0.5, &mut g);
    assert_eq!(g, vec![-0.5, 0.0, 0.5, 0.0]); // λ·sign(w)
}

#[test]
fn nn_hand_edited_weights_land_in_the_right_place_and_bad_values_are_refused() {
    let spec = MlpSpec { inputs: 2, hidden: vec![3], activation: Activation::Tanh, head: Head::Tanh, classes: 2 };
    let mut mlp = Mlp::new(&spec, &mut Rng::new(5)).unwrap();
    let before = mlp.params().to_vec();
    mlp.set_weight(0, 1, 2, 0.25).unwrap();
    assert_eq!(mlp.weight(0, 1, 2), 0.25);
    mlp.set_bias(1, 0, -2.0).unwrap();
    assert_eq!(mlp.bias(1, 0), -2.0);
    // exactly two numbers changed
    let changed = mlp.params().iter().zip(&before).filter(|(a, b)| a != b).count();
    assert_eq!(changed, 2);
    let snapshot = mlp.params().to_vec();
    assert!(mlp.set_weight(0, 2, 0, 1.0).is_err(), "input 2 does not exist");
    assert!(mlp.set_weight(0, 0, 0, f32::NAN).is_err());
    assert!(mlp.set_bias(1, 0, 1e9).is_err());
    assert!(mlp.set_bias(3, 0, 1.0).is_err());
    assert_eq!(mlp.params(), &snapshot[..]);
}
