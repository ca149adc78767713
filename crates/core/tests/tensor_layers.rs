//! The layers of `tensor::layers`: their contracts (validated sizes, parameter names and
//! initialisations, what the outputs hold) and a finite-difference gradient check of each.
//!
//! The gradient check is `tests/tensor_gradcheck.rs`'s, unchanged: the test loss is a seeded
//! random projection `L = Σᵢ rᵢ·yᵢ` of the layer's output, every parameter *and the input* is
//! perturbed by `h = 10⁻²`, and the central difference must satisfy
//! `|fd − analytic| ≤ 10⁻²·max(|fd|, |analytic|) + 10⁻³` for every value. Parameters are
//! redrawn uniform in ±[0.05, 1] (so gains and biases are not at their trivial 1 and 0), halved
//! for the recurrent cells and the transformer block (see the comments there).
//!
//! Worst relative error observed (values with gradient magnitude above 10⁻²; `cargo test
//! --test tensor_layers -- --nocapture` prints them):
//!
//! | layer | shapes | worst |
//! |---|---|---|
//! | Embedding | vocab 5, dim 3, ids [2, 3] with repeats | 0 (a copy: exact) |
//! | LayerNorm | x [2, 3, 6] | 1.5e-4 |
//! | Recurrent RNN, 5 steps | batch 2, inputs 3, hidden 4, given h₀, weights ±[0.025, 0.5] | 6.5e-4 |
//! | Recurrent GRU, 5 steps, given h₀ / h₀ = 0 | the same | 1.3e-3 / 5.6e-4 |
//! | Recurrent LSTM, 5 steps, given h₀ / h₀ = 0 | the same | 6.9e-4 / 8.9e-4 |
//! | MultiHeadAttention, not causal / causal | batch 2, t 4, width 6, 2 heads | 1.8e-3 / 1.8e-3 |
//! | TransformerBlock, causal | batch 2, t 4, width 8, 2 heads, mlp 12, weights ±[0.025, 0.5] | 2.0e-3 |

use perplexed_core::error::ErrorKind;
use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{
    CellKind, Embedding, GateVars, LayerNorm, MultiHeadAttention, Recurrent, TransformerBlock,
};
use perplexed_core::tensor::{Init, ParamId, Params, Tape};

#[path = "common/gradcheck.rs"]
mod gradcheck;
use gradcheck::values;
use gradcheck::check;

/// Redraws every parameter value in ±[0.05, 1].
fn redraw(params: &mut Params, rng: &mut Rng) {
    let v = values(rng, params.len(), 0.05, 1.0);
    params.values_mut().copy_from_slice(&v);
}

/// An input tensor that is a parameter, so its gradient is checked too.
fn input_param(params: &mut Params, rng: &mut Rng, shape: &[usize]) -> ParamId {
    params.add(&format!("input{}", params.entries().len()), shape, Init::Uniform(1.0), rng).unwrap()
}

// ----- finite-difference checks --------------------------------------------------------------

#[test]
fn gradcheck_embedding() {
    let mut rng = Rng::new(1);
    let mut params = Params::new();
    let emb = Embedding::new(&mut params, "emb", 5, 3, &mut rng).unwrap();
    redraw(&mut params, &mut rng);
    let ids = [4u32, 0, 4, 2, 1, 4];
    check("embedding", params, rng, move |t, p| emb.forward(t, p, &ids, &[2, 3]));
}

#[test]
fn gradcheck_layer_norm() {
    let mut rng = Rng::new(2);
    let mut params = Params::new();
    let ln = LayerNorm::new(&mut params, "ln", 6).unwrap();
    let x = input_param(&mut params, &mut rng, &[2, 3, 6]);
    redraw(&mut params, &mut rng);
    check("layer norm", params, rng, move |t, p| {
        let x = t.param(p, x);
        ln.forward(t, p, x)
    });
}

fn gradcheck_recurrent(kind: CellKind, with_h0: bool, seed: u64) -> f64 {
    let (batch, steps, inputs, hidden) = (2, 5, 3, 4);
    let mut rng = Rng::new(seed);
    let mut params = Params::new();
    let cell = Recurrent::new(&mut params, "rnn", kind, inputs, hidden, &mut rng).unwrap();
    let x = input_param(&mut params, &mut rng, &[batch, steps, inputs]);
    let h0 = input_param(&mut params, &mut rng, &[batch, hidden]);
    redraw(&mut params, &mut rng);
    // Recurrent weights of ±1 over 5 steps saturate the gates; ±0.5 keeps every path alive.
    for v in params.values_mut() {
        *v *= 0.5;
    }
    let name = format!("recurrent {} over {steps} steps{}", kind.slug(), if with_h0 { "" } else { ", h0 = 0" });
    check(&name, params, rng, move |t, p| {
        let x = t.param(p, x);
        let h0 = if with_h0 { Some(t.param(p, h0)) } else { None };
        let out = cell.forward(t, p, x, h0);
        // The outputs hold every state; add `last` to the last step's so `last` is checked too.
        let last_step = t.select_time(out.outputs, steps - 1);
        let both = t.add(out.last, last_step);
        let all = t.reshape(out.outputs, [batch, steps * hidden]);
        t.concat_last(&[all, both])
    })
}

#[test]
fn gradcheck_recurrent_each_cell() {
    gradcheck_recurrent(CellKind::Rnn, true, 3);
    gradcheck_recurrent(CellKind::Gru, true, 4);
    gradcheck_recurrent(CellKind::Lstm, true, 5);
    gradcheck_recurrent(CellKind::Lstm, false, 6);
    gradcheck_recurrent(CellKind::Gru, false, 7);
}

#[test]
fn gradcheck_multi_head_attention() {
    for causal in [false, true] {
        let mut rng = Rng::new(8 + u64::from(causal));
        let mut params = Params::new();
        let mha = MultiHeadAttention::new(&mut params, "attn", 6, 2, &mut rng).unwrap();
        let x = input_param(&mut params, &mut rng, &[2, 4, 6]);
        redraw(&mut params, &mut rng);
        let name = format!("multi-head attention{}", if causal { ", causal" } else { "" });
        check(&name, params, rng, move |t, p| {
            let x = t.param(p, x);
            mha.forward(t, p, x, causal).out
        });
    }
}

#[test]
fn gradcheck_transformer_block() {
    let mut rng = Rng::new(10);
    let mut params = Params::new();
    let block = TransformerBlock::new(&mut params, "block", 8, 2, 12, &mut rng).unwrap();
    let x = input_param(&mut params, &mut rng, &[2, 4, 8]);
    redraw(&mut params, &mut rng);
    // At ±1 the block's activations reach ~10 and the f32 noise of the loss, divided by 2h,
    // gives ~10⁻⁴ absolute error: 1.2e-2 relative on gradients just above 10⁻² (it grows when
    // h shrinks, so it is rounding, not truncation). At ±0.5 the check sees the derivative.
    for v in params.values_mut() {
        *v *= 0.5;
    }
    check("transformer block, causal", params, rng, move |t, p| {
        let x = t.param(p, x);
        block.forward(t, p, x, true).out
    });
}

// ----- contracts -------------------------------------------------------------------------------

fn names(params: &Params) -> Vec<&str> {
    params.entries().iter().map(|e| e.name.as_str()).collect()
}

#[test]
fn bad_sizes_are_errors_not_panics() {
    let mut rng = Rng::new(0);
    let mut p = Params::new();
    assert!(Embedding::new(&mut p, "e", 0, 3, &mut rng).is_err());
    assert!(Embedding::new(&mut p, "e", 3, 0, &mut rng).is_err());
    assert!(LayerNorm::new(&mut p, "ln", 0).is_err());
    for kind in CellKind::ALL {
        assert!(Recurrent::new(&mut p, "r", kind, 0, 4, &mut rng).is_err());
        assert!(Recurrent::new(&mut p, "r", kind, 3, 0, &mut rng).is_err());
    }
    let e = MultiHeadAttention::new(&mut p, "a", 6, 4, &mut rng).unwrap_err();
    assert_eq!((e.field, e.kind), ("heads", ErrorKind::Unsupported));
    assert!(MultiHeadAttention::new(&mut p, "a", 6, 0, &mut rng).is_err());
    assert!(MultiHeadAttention::new(&mut p, "a", 0, 1, &mut rng).is_err());
    assert!(TransformerBlock::new(&mut p, "b", 6, 4, 8, &mut rng).is_err());
    assert!(TransformerBlock::new(&mut p, "b", 6, 2, 0, &mut rng).is_err());
    // A rejected layer adds nothing.
    assert!(p.is_empty(), "{:?}", names(&p));
}

#[test]
fn parameter_names_shapes_and_initialisations() {
    let mut rng = Rng::new(3);
    let mut p = Params::new();
    let emb = Embedding::new(&mut p, "emb", 50, 20, &mut rng).unwrap();
    let table = p.value(emb.table);
    let mean = table.iter().sum::<f32>() / table.len() as f32;
    let var = table.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / table.len() as f32;
    assert!(mean.abs() < 0.1 && (var - 1.0).abs() < 0.15, "N(0, 1): mean {mean}, variance {var}");

    let ln = LayerNorm::new(&mut p, "ln", 4).unwrap();
    assert_eq!(p.value(ln.gain), [1.0; 4]);
    assert_eq!(p.value(ln.bias), [0.0; 4]);

    let lstm = Recurrent::new(&mut p, "lstm", CellKind::Lstm, 3, 16, &mut rng).unwrap();
    for id in [lstm.weight_ih, lstm.weight_hh, lstm.bias_ih, lstm.bias_hh] {
        assert!(p.value(id).iter().all(|v| v.abs() <= 0.25), "U(±1/√16)");
        assert!(p.value(id).iter().any(|v| v.abs() > 0.2));
    }
    assert_eq!(p.entry(lstm.weight_ih).shape.dims(), [3, 64]);
    assert_eq!(p.entry(lstm.weight_hh).shape.dims(), [16, 64]);
    let gru = Recurrent::new(&mut p, "gru", CellKind::Gru, 3, 4, &mut rng).unwrap();
    assert_eq!(p.entry(gru.bias_hh).shape.dims(), [12]);

    let before = p.entries().len();
    TransformerBlock::new(&mut p, "block", 8, 2, 16, &mut rng).unwrap();
    assert_eq!(
        names(&p)[before..],
        [
            "block.ln1.gain", "block.ln1.bias",
            "block.attn.q.weight", "block.attn.q.bias", "block.attn.k.weight", "block.attn.k.bias",
            "block.attn.v.weight", "block.attn.v.bias", "block.attn.out.weight", "block.attn.out.bias",
            "block.ln2.gain", "block.ln2.bias",
            "block.fc1.weight", "block.fc1.bias", "block.fc2.weight", "block.fc2.bias",
        ]
    );
    assert_eq!(
        names(&p)[..2],
        ["emb.weight", "ln.gain"],
    );
    assert_eq!(CellKind::from_slug("gru"), Some(CellKind::Gru));
    assert_eq!(CellKind::Lstm.slug(), "lstm");
}

#[test]
fn recurrent_outputs_states_and_gates() {
    let mut rng = Rng::new(4);
    let mut p = Params::new();
    let (batch, steps, hidden) = (2, 6, 5);
    let x: Vec<f32> = (0..batch * steps * 3).map(|_| rng.uniform(-1.0, 1.0)).collect();
    for kind in CellKind::ALL {
        let cell = Recurrent::new(&mut p, kind.slug(), kind, 3, hidden, &mut rng).unwrap();
        let mut t = Tape::new();
        let xv = t.input([batch, steps, 3], &x);
        let out = cell.forward(&mut t, &p, xv, None);
        assert_eq!(t.shape(out.outputs).dims(), [batch, steps, hidden]);
        assert_eq!(t.shape(out.last).dims(), [batch, hidden]);
        assert_eq!(out.states.len(), steps);
        assert_eq!(out.last, out.states[steps - 1]);
        // outputs[:, s, :] is states[s].
        for (s, &h) in out.states.iter().enumerate() {
            for b in 0..batch {
                let row = &t.value(out.outputs)[(b * steps + s) * hidden..(b * steps + s + 1) * hidden];
                assert_eq!(row, &t.value(h)[b * hidden..(b + 1) * hidden]);
            }
        }
        // Every state is a tanh (or a convex mix of tanhs): inside (−1, 1).
        assert!(t.value(out.outputs).iter().all(|v| v.abs() < 1.0));
        match kind {
            CellKind::Rnn => assert!(out.gates.is_empty()),
            CellKind::Lstm => {
                assert_eq!(out.gates.len(), steps);
                for g in &out.gates {
                    let GateVars::Lstm { input, forget, output, candidate, cell } = *g else { panic!("{g:?}") };
                    for v in [input, forget, output] {
                        assert!(t.value(v).iter().all(|&s| s > 0.0 && s < 1.0), "a sigmoid gate");
                    }
                    assert!(t.value(candidate).iter().all(|&s| s.abs() < 1.0));
                    assert_eq!(t.shape(cell).dims(), [batch, hidden]);
                }
            }
            CellKind::Gru => {
                assert_eq!(out.gates.len(), steps);
                assert!(matches!(out.gates[0], GateVars::Gru { .. }));
            }
        }
        // forward_into reuses the Vecs and records the same values.
        let mut again = out.clone();
        t.reset();
        let xv = t.input([batch, steps, 3], &x);
        cell.forward_into(&mut t, &p, xv, None, &mut again);
        let mut fresh = Tape::new();
        let xf = fresh.input([batch, steps, 3], &x);
        let reference = cell.forward(&mut fresh, &p, xf, None);
        assert_eq!(t.value(again.outputs), fresh.value(reference.outputs));
        assert_eq!(again.states.len(), steps);
    }
}

#[test]
fn attention_weights_per_head_are_the_heads_matrices() {
    let mut rng = Rng::new(5);
    let mut p = Params::new();
    let (batch, t_len, width, heads) = (2, 5, 6, 3);
    let mha = MultiHeadAttention::new(&mut p, "attn", width, heads, &mut rng).unwrap();
    let x: Vec<f32> = (0..batch * t_len * width).map(|_| rng.uniform(-1.0, 1.0)).collect();
    for causal in [false, true] {
        let mut t = Tape::new();
        let xv = t.input([batch, t_len, width], &x);
        let out = mha.forward(&mut t, &p, xv, causal);
        assert_eq!(t.shape(out.out).dims(), [batch, t_len, width]);
        assert_eq!(out.weights.len(), heads);
        let all = t.value(out.weights_all_heads).to_vec();
        for (k, &w) in out.weights.iter().enumerate() {
            assert_eq!(t.shape(w).dims(), [batch, t_len, t_len]);
            let w = t.value(w);
            for b in 0..batch {
                let n = t_len * t_len;
                assert_eq!(w[b * n..(b + 1) * n], all[(b * heads + k) * n..(b * heads + k + 1) * n]);
                for i in 0..t_len {
                    let row = &w[b * n + i * t_len..b * n + (i + 1) * t_len];
                    let s: f32 = row.iter().sum();
                    assert!((s - 1.0).abs() < 1e-5, "a row sums to {s}");
                    if causal {
                        assert!(row[i + 1..].iter().all(|&v| v == 0.0), "no weight on the future");
                    }
                }
            }
        }
    }
}

#[test]
fn causal_block_output_does_not_depend_on_the_future() {
    let mut rng = Rng::new(6);
    let mut p = Params::new();
    let block = TransformerBlock::new(&mut p, "b", 8, 2, 16, &mut rng).unwrap();
    let (t_len, width) = (5, 8);
    let x: Vec<f32> = (0..t_len * width).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let mut changed = x.clone();
    for v in &mut changed[(t_len - 1) * width..] {
        *v += 1.0; // change only the last position
    }
    let run = |data: &[f32]| {
        let mut t = Tape::new();
        let xv = t.input([1, t_len, width], data);
        let out = block.forward(&mut t, &p, xv, true);
        t.value(out.out).to_vec()
    };
    let (a, b) = (run(&x), run(&changed));
    assert_eq!(a[..(t_len - 1) * width], b[..(t_len - 1) * width], "earlier positions saw the last one");
    assert_ne!(a[(t_len - 1) * width..], b[(t_len - 1) * width..]);
}

#[test]
fn gradient_norm_by_layer_and_loading_values() {
    let mut rng = Rng::new(7);
    let mut p = Params::new();
    let lstm = Recurrent::new(&mut p, "lstm", CellKind::Lstm, 2, 3, &mut rng).unwrap();
    let lstm2 = Recurrent::new(&mut p, "lstm2", CellKind::Lstm, 3, 3, &mut rng).unwrap();
    p.grads_mut().fill(0.0);
    let r = p.entry(lstm.weight_ih).range();
    p.grads_mut()[r.start] = 3.0;
    let r = p.entry(lstm.bias_hh).range();
    p.grads_mut()[r.start] = 4.0;
    let r = p.entry(lstm2.weight_hh).range();
    p.grads_mut()[r.start] = 100.0;
    assert_eq!(p.grad_norm_of_prefix("lstm"), 5.0, "lstm2's entries are not lstm's");
    assert_eq!(p.grad_norm_of_prefix("lstm2"), 100.0);
    assert_eq!(p.grad_norm_of_prefix("lstm.weight_ih"), 3.0);
    assert_eq!(p.grad_norm_of_prefix("nothing"), 0.0);

    p.set("lstm.bias_ih", &[0.5; 12]).unwrap();
    assert_eq!(p.value(lstm.bias_ih), [0.5; 12]);
    assert_eq!(p.set("lstm.bias_ih", &[0.5; 11]).unwrap_err().kind, ErrorKind::LengthMismatch { expected: 12, got: 11 });
    assert_eq!(p.set("nope", &[]).unwrap_err().field, "name");
}
