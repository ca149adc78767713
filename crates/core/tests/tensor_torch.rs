//! The engine's layers against PyTorch: the same weights, inputs and loss give the same
//! outputs and the same gradients.
//!
//! `tests/fixtures/torch/make_fixtures.py` fixed small seeded weights, ran PyTorch's own
//! modules (`nn.Conv2d`, `nn.LSTM`, `nn.GRU`, `nn.MultiheadAttention`, `nn.LayerNorm`,
//! `F.logsigmoid`…) in float64 and wrote the weights (in the engine's layout and names), the
//! inputs, the outputs, the loss and every gradient (see the fixture README for the versions
//! and how to regenerate). Each test loads the weights by name with [`Params::set`], runs the
//! engine in f32 and compares.
//!
//! **Error measure.** Per value, `|ours − torch| / max(|torch|, 10⁻²·max|torch|)`: relative,
//! except that values a hundred times smaller than the largest of their tensor are measured
//! against that hundredth (a gradient of 10⁻⁹ next to gradients of 1 is zero for any purpose,
//! and its relative error is f32 noise). The worst over every output and gradient of a case is
//! printed (`--nocapture`), stated in each test's doc, and must stay below [`TOL`]; f32
//! rounding through a few dozen operations accounts for ~10⁻⁶–10⁻⁵, and the crate's rational
//! tanh (relative error < 5.5·10⁻⁷) for less. A wrong gate order, a missing transpose or a
//! wrong mask gives errors of order 1.
//!
//! One gradient is zero in exact arithmetic: the attention's **key bias**. It adds `q·b_k` to
//! every score of a query's row, and a softmax ignores a constant added to a whole row. PyTorch
//! gives ~10⁻¹⁷ and the engine ~10⁻⁹ (rounding); a tensor that PyTorch gives as all zeros is
//! checked to stay below [`ZERO_TOL`] instead.

use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{CellKind, Conv2d, Embedding, Linear, Recurrent, TransformerBlock};
use perplexed_core::tensor::{Init, Params, Tape, Var};
use serde_json::Value;

/// The largest error accepted (see the module docs for the measure).
const TOL: f64 = 1e-4;
/// The largest value accepted where PyTorch's whole tensor is 0 (up to 10⁻¹⁶).
const ZERO_TOL: f32 = 1e-6;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/torch/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().expect("a list of numbers").iter().map(|x| x.as_f64().unwrap()).collect()
}

/// `{"shape": [...], "values": [...]}` → (shape, f32 values).
fn tensor(v: &Value) -> (Vec<usize>, Vec<f32>) {
    let shape = v["shape"].as_array().unwrap().iter().map(|d| d.as_u64().unwrap() as usize).collect();
    let values = numbers(&v["values"]).into_iter().map(|x| x as f32).collect();
    (shape, values)
}

fn ids(v: &Value) -> Vec<u32> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u32).collect()
}

/// Loads every fixture parameter into `params` by name, and checks that the fixture names
/// every parameter of the model (a renamed tensor would otherwise keep its random init).
fn set_params(params: &mut Params, fixture: &Value) {
    let given = fixture["params"].as_object().unwrap();
    for (name, t) in given {
        let (shape, values) = tensor(t);
        let id = params.find(name).unwrap_or_else(|| panic!("the model has no {name}"));
        assert_eq!(params.entry(id).shape.dims(), shape, "{name}: shape");
        params.set(name, &values).unwrap();
    }
    for e in params.entries() {
        assert!(given.contains_key(&e.name), "the fixture does not give {}", e.name);
    }
}

/// Collects the worst error of a case over several comparisons.
struct Compare {
    case: &'static str,
    worst: f64,
    where_: String,
}

impl Compare {
    fn new(case: &'static str) -> Compare {
        Compare { case, worst: 0.0, where_: String::new() }
    }
    /// Compares `ours` with the reference `{"shape", "values"}`.
    fn tensor(&mut self, what: &str, ours: &[f32], reference: &Value) {
        self.values(what, ours, &numbers(&reference["values"]));
    }
    fn values(&mut self, what: &str, ours: &[f32], reference: &[f64]) {
        assert_eq!(ours.len(), reference.len(), "{}: {what}: {} values vs {}", self.case, ours.len(), reference.len());
        let largest = reference.iter().fold(0.0f64, |m, r| m.max(r.abs()));
        if largest < 1e-12 {
            // A gradient that is zero in exact arithmetic (the key bias: see the module docs).
            let ours_largest = ours.iter().fold(0.0f32, |m, a| m.max(a.abs()));
            assert!(ours_largest < ZERO_TOL, "{}: {what}: should be 0, ours up to {ours_largest:e}", self.case);
            return;
        }
        for (i, (&a, &r)) in ours.iter().zip(reference).enumerate() {
            let err = (f64::from(a) - r).abs() / r.abs().max(1e-2 * largest).max(1e-30);
            assert!(err < TOL, "{}: {what}[{i}]: ours {a:e}, torch {r:e} (error {err:.2e})", self.case);
            if err > self.worst {
                self.worst = err;
                self.where_ = format!("{what}[{i}]");
            }
        }
    }
    /// Compares every parameter gradient of the fixture.
    fn param_grads(&mut self, params: &Params, fixture: &Value) {
        for (name, g) in fixture["grads"].as_object().unwrap() {
            if let Some(id) = params.find(name) {
                self.tensor(&format!("∂L/∂{name}"), params.grad(id), g);
            }
        }
    }
    fn done(self) -> f64 {
        eprintln!("{:<12} worst error {:.2e} at {}", self.case, self.worst, self.where_);
        self.worst
    }
}

/// Runs backward from `loss` into freshly zeroed gradients.
fn backward(tape: &mut Tape, loss: Var, params: &mut Params) {
    params.zero_grads();
    tape.backward(loss, params).unwrap();
}

/// (a) conv 3×3×8 pad 1 → relu → max pool 2 → linear 128→10 → mean cross-entropy, on four
/// 8×8 digits of `/work/shared/data/digits-8x8.csv` (pixels/16). Worst error 6.6e-6 (∂L/∂conv.weight).
#[test]
fn cnn_on_digits_matches_torch() {
    let f = load("cnn.json");
    let mut rng = Rng::new(0);
    let mut params = Params::new();
    let conv = Conv2d::new(&mut params, "conv", 1, 8, 3, 1, 1, 8, Init::TorchLinear, &mut rng).unwrap();
    let fc = Linear::new(&mut params, "fc", 128, 10, true, Init::TorchLinear, &mut rng).unwrap();
    set_params(&mut params, &f);
    let (x_shape, x) = tensor(&f["inputs"]["x"]);
    let targets = ids(&f["inputs"]["targets"]);

    let mut tape = Tape::new();
    let xv = tape.input_with_grad(x_shape.as_slice(), &x);
    let c = conv.forward(&mut tape, &params, xv);
    let r = tape.relu(c);
    let m = tape.max_pool2d(r, 2, 2);
    let flat = tape.reshape(m, [4, 128]);
    let logits = fc.forward(&mut tape, &params, flat);
    let loss = tape.softmax_cross_entropy(logits, &targets);
    backward(&mut tape, loss, &mut params);

    let mut cmp = Compare::new("cnn");
    cmp.tensor("logits", tape.value(logits), &f["outputs"]["logits"]);
    cmp.values("loss", &[tape.scalar(loss)], &[f["loss"].as_f64().unwrap()]);
    cmp.param_grads(&params, &f);
    cmp.tensor("∂L/∂x", tape.grad(xv), &f["grads"]["x"]);
    cmp.done();
}

/// (b), (c), (f): one recurrent fixture; the LSTM (`c₀ = 0`) and the plain RNN start from a
/// given `h₀`, the GRU from 0.
fn recurrent_matches_torch(kind: CellKind, case: &'static str) -> f64 {
    let f = load(&format!("{}.json", kind.slug()));
    let mut rng = Rng::new(0);
    let mut params = Params::new();
    let cell = Recurrent::new(&mut params, &format!("rnn.{}", kind.slug()), kind, 3, 4, &mut rng).unwrap();
    set_params(&mut params, &f);
    let (x_shape, x) = tensor(&f["inputs"]["x"]);
    let (p_shape, projection) = tensor(&f["inputs"]["projection"]);

    let mut tape = Tape::new();
    let xv = tape.input_with_grad(x_shape.as_slice(), &x);
    let h0 = f["inputs"].get("h0").map(|h| {
        let (shape, values) = tensor(h);
        tape.input_with_grad(shape.as_slice(), &values)
    });
    let out = cell.forward(&mut tape, &params, xv, h0);
    let pv = tape.input(p_shape.as_slice(), &projection);
    let weighted = tape.mul(out.outputs, pv);
    let loss = tape.sum(weighted);
    backward(&mut tape, loss, &mut params);

    let mut cmp = Compare::new(case);
    cmp.tensor("outputs", tape.value(out.outputs), &f["outputs"]["outputs"]);
    cmp.tensor("last", tape.value(out.last), &f["outputs"]["last"]);
    cmp.values("loss", &[tape.scalar(loss)], &[f["loss"].as_f64().unwrap()]);
    cmp.param_grads(&params, &f);
    cmp.tensor("∂L/∂x", tape.grad(xv), &f["grads"]["x"]);
    if let Some(h0) = h0 {
        cmp.tensor("∂L/∂h0", tape.grad(h0), &f["grads"]["h0"]);
    }
    cmp.done()
}

/// (b) `nn.LSTM` over 12 steps (batch 2, inputs 3, hidden 4, given h₀), loss = Σ outputs ⊙ R.
/// Worst error 1.5e-5 (∂L/∂x).
#[test]
fn lstm_matches_torch() {
    recurrent_matches_torch(CellKind::Lstm, "lstm");
}

/// (c) `nn.GRU` over 12 steps (batch 2, inputs 3, hidden 4, h₀ = 0), loss = Σ outputs ⊙ R.
/// Worst error 9.9e-6 (∂L/∂x).
#[test]
fn gru_matches_torch() {
    recurrent_matches_torch(CellKind::Gru, "gru");
}

/// (f) `nn.RNN` (tanh) over 12 steps (batch 2, inputs 3, hidden 4, given h₀), loss = Σ outputs ⊙ R.
/// Worst error 1.5e-5 (∂L/∂weight_hh).
#[test]
fn plain_rnn_matches_torch() {
    recurrent_matches_torch(CellKind::Rnn, "rnn");
}

/// (d) A causal pre-norm block (batch 2, t 5, width 8, 2 heads, mlp 16, GELU tanh) against
/// `nn.LayerNorm` + `nn.MultiheadAttention` + `nn.Linear`/`nn.GELU(approximate='tanh')`, loss =
/// Σ y ⊙ R; the per-head attention matrices too. Worst error 1.2e-5 (∂L/∂fc2.weight).
#[test]
fn transformer_block_matches_torch() {
    let f = load("transformer.json");
    let mut rng = Rng::new(0);
    let mut params = Params::new();
    let block = TransformerBlock::new(&mut params, "block", 8, 2, 16, &mut rng).unwrap();
    set_params(&mut params, &f);
    let (x_shape, x) = tensor(&f["inputs"]["x"]);
    let (p_shape, projection) = tensor(&f["inputs"]["projection"]);

    let mut tape = Tape::new();
    let xv = tape.input_with_grad(x_shape.as_slice(), &x);
    let out = block.forward(&mut tape, &params, xv, true);
    let pv = tape.input(p_shape.as_slice(), &projection);
    let weighted = tape.mul(out.out, pv);
    let loss = tape.sum(weighted);
    backward(&mut tape, loss, &mut params);

    let mut cmp = Compare::new("transformer");
    cmp.tensor("y", tape.value(out.out), &f["outputs"]["y"]);
    cmp.tensor("attention weights", tape.value(out.attention.weights_all_heads), &f["outputs"]["attention_weights"]);
    cmp.values("loss", &[tape.scalar(loss)], &[f["loss"].as_f64().unwrap()]);
    cmp.param_grads(&params, &f);
    cmp.tensor("∂L/∂x", tape.grad(xv), &f["grads"]["x"]);
    cmp.done();
}

/// (e) Skip-gram with negative sampling (Mikolov et al. 2013): for a centre word `c` with
/// vector `v_c` (table `sg.centre`), its observed context word `o` and `K` sampled negatives
/// `k` (vectors `u`, table `sg.context`),
///
/// ```text
/// L = −ln σ(u_o·v_c) − Σₖ ln σ(−u_k·v_c)          (averaged over the triples)
/// ```
///
/// Built from engine operations: both embeddings, `mul` + `sum_last` for the dot products, a
/// sign (+1 for the context word, −1 for negatives), and `−ln σ(s)` as the cross-entropy of
/// the logit pair `(s, 0)` with class 0 (`softmax(s, 0)₀ = eˢ/(eˢ + 1) = σ(s)`), which is
/// stable for any `s`. Against `F.logsigmoid`. Worst error 1.1e-6.
#[test]
fn skip_gram_negative_sampling_matches_torch() {
    let f = load("skipgram.json");
    let mut rng = Rng::new(0);
    let mut params = Params::new();
    let centre = Embedding::new(&mut params, "sg.centre", 7, 4, &mut rng).unwrap();
    let context = Embedding::new(&mut params, "sg.context", 7, 4, &mut rng).unwrap();
    set_params(&mut params, &f);
    let (centres, contexts, negatives) = (ids(&f["inputs"]["centre"]), ids(&f["inputs"]["context"]), ids(&f["inputs"]["negatives"]));
    let n = centres.len();
    let k = negatives.len() / n;
    // Row j of triple i: the context word (j = 0) or negative j − 1, each against v_c.
    let mut centre_ids = Vec::new();
    let mut other_ids = Vec::new();
    let mut signs = Vec::new();
    for i in 0..n {
        for j in 0..=k {
            centre_ids.push(centres[i]);
            other_ids.push(if j == 0 { contexts[i] } else { negatives[i * k + j - 1] });
            signs.push(if j == 0 { 1.0 } else { -1.0 });
        }
    }
    let rows = n * (k + 1);

    let mut tape = Tape::new();
    let v = centre.forward(&mut tape, &params, &centre_ids, &[n, k + 1]); // [n, K+1, d]
    let u = context.forward(&mut tape, &params, &other_ids, &[n, k + 1]);
    let products = tape.mul(u, v);
    let dots = tape.sum_last(products); // u·v_c, [n, K+1]
    let sign = tape.input([n, k + 1], &signs);
    let s = tape.mul(dots, sign);
    let s = tape.reshape(s, [rows, 1]);
    let zero = tape.input([rows, 1], &vec![0.0; rows]);
    let pair = tape.concat_last(&[s, zero]); // logits (s, 0)
    let mean_per_row = tape.softmax_cross_entropy(pair, &vec![0; rows]); // mean of −ln σ(s)
    let loss = tape.scale(mean_per_row, (k + 1) as f32); // the sum over a triple's rows
    backward(&mut tape, loss, &mut params);

    let mut cmp = Compare::new("skip-gram");
    cmp.values("loss", &[tape.scalar(loss)], &[f["loss"].as_f64().unwrap()]);
    cmp.param_grads(&params, &f);
    cmp.done();
}
