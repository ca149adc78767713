//! The tensor engine training real models: re-recording a step allocates nothing after the
//! warm-up, the same seed gives bit-identical runs, divergence is reported with the parameters
//! left finite, and a small MLP built from engine operations learns XOR-like data.
//!
//! Two models exercise most operations: a CNN (conv → relu → max pool → avg pool → linear →
//! dropout → softmax cross-entropy) and a tiny language model (embedding + sinusoidal positions
//! → layer norm → causal 2-head attention → GELU → residual → a tanh recurrence over time with
//! gates sliced from one product → tied output embedding → cross-entropy).

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{Conv2d, Linear};
use perplexed_core::tensor::ops::position::sinusoidal_positions;
use perplexed_core::tensor::{apply_step, Diverged, Init, ParamId, Params, Tape, Var};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

// ----- model 1: a small CNN ----------------------------------------------------------------

const IMG: usize = 8;
const BATCH: usize = 4;
const CLASSES: usize = 5;

struct Cnn {
    conv: Conv2d,
    fc: Linear,
    x: Vec<f32>,
    y: Vec<u32>,
    dropout_rng: Rng,
}

impl Cnn {
    fn new(seed: u64, params: &mut Params) -> Cnn {
        let mut rng = Rng::new(seed);
        let conv = Conv2d::new(params, "conv", 1, 3, 3, 1, 1, IMG, Init::HeNormal, &mut rng).unwrap();
        // conv keeps 8×8, max pool 2 → 4×4, avg pool 2 stride 1 → 3×3: 3 channels × 9 = 27.
        let fc = Linear::new(params, "fc", 27, CLASSES, true, Init::XavierUniform, &mut rng).unwrap();
        let x = (0..BATCH * IMG * IMG).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let y = (0..BATCH).map(|i| (i % CLASSES) as u32).collect();
        Cnn { conv, fc, x, y, dropout_rng: Rng::new(seed ^ 0xD0), }
    }
    fn forward(&mut self, t: &mut Tape, p: &Params) -> Var {
        let x = t.input([BATCH, 1, IMG, IMG], &self.x);
        let c = self.conv.forward(t, p, x);
        let r = t.relu(c);
        let m = t.max_pool2d(r, 2, 2);
        let a = t.avg_pool2d(m, 2, 1);
        let flat = t.reshape(a, [BATCH, 27]);
        let z = self.fc.forward(t, p, flat);
        let z = t.dropout(z, 0.1, true, &mut self.dropout_rng).unwrap();
        t.softmax_cross_entropy(z, &self.y)
    }
}

// ----- model 2: a tiny causal language model -----------------------------------------------

const VOCAB: usize = 7;
const SEQ: usize = 5;
const D: usize = 8;
const HEADS: usize = 2;

struct Lm {
    embed: ParamId,
    ln_gain: ParamId,
    ln_bias: ParamId,
    qkv: Linear,
    proj: Linear,
    gates: Linear,
    recur: ParamId,
    positions: Vec<f32>,
    ids: Vec<u32>,
    targets: Vec<u32>,
    steps: Vec<Var>,
}

impl Lm {
    fn new(seed: u64, params: &mut Params) -> Lm {
        let mut rng = Rng::new(seed);
        let embed = params.add("embed", [VOCAB, D], Init::Normal(0.3), &mut rng).unwrap();
        let ln_gain = params.add("ln.gain", [D], Init::Ones, &mut rng).unwrap();
        let ln_bias = params.add("ln.bias", [D], Init::Zeros, &mut rng).unwrap();
        let qkv = Linear::new(params, "qkv", D, 3 * D, false, Init::XavierUniform, &mut rng).unwrap();
        let proj = Linear::new(params, "proj", D, D, true, Init::XavierUniform, &mut rng).unwrap();
        let gates = Linear::new(params, "gates", D, 2 * D, true, Init::XavierUniform, &mut rng).unwrap();
        let recur = params.add("recur", [D, D], Init::XavierUniform, &mut rng).unwrap();
        let mut positions = vec![0.0; SEQ * D];
        sinusoidal_positions(D, &mut positions);
        let ids: Vec<u32> = (0..2 * SEQ).map(|i| (i * 3 % VOCAB) as u32).collect();
        let targets: Vec<u32> = ids.iter().map(|&i| (i + 1) % VOCAB as u32).collect();
        Lm { embed, ln_gain, ln_bias, qkv, proj, gates, recur, positions, ids, targets, steps: Vec::with_capacity(SEQ) }
    }
    fn forward(&mut self, t: &mut Tape, p: &Params) -> Var {
        let table = t.param(p, self.embed);
        let e = t.embedding(table, &self.ids, &[2, SEQ]); // [2, SEQ, D]
        let pos = t.input([SEQ, D], &self.positions);
        let x = t.add(e, pos);
        let (g, b) = (t.param(p, self.ln_gain), t.param(p, self.ln_bias));
        let h = t.layer_norm(x, g, b);
        let qkv = self.qkv.forward(t, p, h); // [2, SEQ, 3D]
        let q = t.slice_last(qkv, 0, D);
        let k = t.slice_last(qkv, D, D);
        let v = t.slice_last(qkv, 2 * D, D);
        let (q, k, v) = (t.split_heads(q, HEADS), t.split_heads(k, HEADS), t.split_heads(v, HEADS));
        let att = t.attention(q, k, v, true);
        let merged = t.merge_heads(att.out);
        let o = self.proj.forward(t, p, merged);
        let o = t.gelu(o);
        let x = t.add(x, o); // residual
        // A gated tanh recurrence over time: h_t = σ(a_t) ⊙ tanh(c_t + h_{t−1}·U).
        let gates = self.gates.forward(t, p, x); // [2, SEQ, 2D]
        let u = t.param(p, self.recur);
        self.steps.clear();
        let mut prev: Option<Var> = None;
        for s in 0..SEQ {
            let gs = t.select_time(gates, s); // [2, 2D]
            let a = t.slice_last(gs, 0, D);
            let c = t.slice_last(gs, D, D);
            let c = match prev {
                Some(hp) => {
                    let r = t.matmul(hp, u);
                    t.add(c, r)
                }
                None => c,
            };
            let (a, c) = (t.sigmoid(a), t.tanh(c));
            let hs = t.mul(a, c);
            prev = Some(hs);
            self.steps.push(hs);
        }
        let hseq = t.stack_time(&self.steps); // [2, SEQ, D]
        let both = t.concat_last(&[hseq, x]); // [2, SEQ, 2D]
        let left = t.slice_last(both, 0, D);
        let right = t.slice_last(both, D, D);
        let mixed = t.add(left, right);
        let logits = t.matmul_bt(mixed, table); // tied output embedding: [2, SEQ, VOCAB]
        t.softmax_cross_entropy(logits, &self.targets)
    }
}

/// Runs `steps` Adam steps; returns the losses.
fn train<M>(model: &mut M, params: &mut Params, steps: usize, forward: impl Fn(&mut M, &mut Tape, &Params) -> Var) -> Vec<f32> {
    let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).unwrap();
    let mut tape = Tape::new();
    (0..steps)
        .map(|_| {
            tape.reset();
            let loss = forward(model, &mut tape, params);
            apply_step(&mut tape, loss, params, opt.as_mut(), Some(5.0)).unwrap().loss
        })
        .collect()
}

#[test]
fn rerecording_a_step_allocates_nothing_after_warm_up() {
    // The counter works (so a zero below means something).
    let b = allocations();
    let v = std::hint::black_box(vec![1u8; 10]);
    assert!(allocations() > b);
    drop(v);

    let mut params = Params::new();
    let mut cnn = Cnn::new(1, &mut params);
    let mut lm = Lm::new(2, &mut params);
    let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).unwrap();
    let mut tape = Tape::new();
    let mut per_entry = vec![0.0; params.entries().len()];
    let mut step = |tape: &mut Tape, params: &mut Params| {
        tape.reset();
        let l1 = cnn.forward(tape, params);
        let l2 = lm.forward(tape, params);
        let loss = tape.add(l1, l2);
        let r = apply_step(tape, loss, params, opt.as_mut(), Some(1.0)).unwrap();
        params.grad_norm_per_entry(&mut per_entry);
        r.loss
    };
    // Warm-up: the arenas and scratch grow to their final sizes here.
    step(&mut tape, &mut params);
    let before = allocations();
    let mut last = 0.0;
    for _ in 0..5 {
        last = step(&mut tape, &mut params);
    }
    assert_eq!(allocations() - before, 0, "a re-recorded step allocated");
    assert!(last.is_finite());
    assert!(tape.len() > 80, "the models exercise many operations ({} nodes)", tape.len());
}

#[test]
fn same_seed_gives_bit_identical_runs() {
    let run = |seed: u64| {
        let mut params = Params::new();
        let mut cnn = Cnn::new(seed, &mut params);
        let mut lm = Lm::new(seed + 1, &mut params);
        let mut losses = train(&mut cnn, &mut params, 20, |m, t, p| m.forward(t, p));
        losses.extend(train(&mut lm, &mut params, 20, |m, t, p| m.forward(t, p)));
        let bits: Vec<u32> = losses.iter().chain(params.values()).map(|v| v.to_bits()).collect();
        (bits, losses)
    };
    let (a, losses) = run(5);
    let (b, _) = run(5);
    assert_eq!(a, b, "same seed, different bits");
    let (c, _) = run(6);
    assert_ne!(a, c, "another seed should give another run");
    // Both models learn something in 20 steps.
    assert!(losses[19] < losses[0] && losses[39] < losses[20], "{losses:?}");
}

#[test]
fn divergence_is_reported_and_parameters_stay_finite() {
    // Linear regression on inputs of size ~100 with SGD at η = 10: each step multiplies the error
    // by about 1 − 2η·x² ≈ −2·10⁵, so the loss overflows within a few steps.
    let mut rng = Rng::new(9);
    let mut params = Params::new();
    let lin = Linear::new(&mut params, "lin", 3, 1, true, Init::TorchLinear, &mut rng).unwrap();
    let x: Vec<f32> = (0..24).map(|_| rng.uniform(50.0, 150.0)).collect();
    let y: Vec<f32> = (0..8).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let mut opt = OptimizerConfig::new(OptimizerKind::Sgd, 10.0).build(params.len()).unwrap();
    let mut tape = Tape::new();
    let mut outcome = None;
    for step in 0..100 {
        tape.reset();
        let xv = tape.input([8, 3], &x);
        let yv = tape.input([8, 1], &y);
        let pred = lin.forward(&mut tape, &params, xv);
        let loss = tape.mse(pred, yv);
        if let Err(e) = apply_step(&mut tape, loss, &mut params, opt.as_mut(), None) {
            outcome = Some((step, e));
            break;
        }
    }
    let (step, e) = outcome.expect("a learning rate of 10 on inputs of 100 must diverge");
    assert!(step < 20, "diverged only at step {step}");
    assert!(matches!(e, Diverged::Loss(_) | Diverged::Gradient | Diverged::Params), "{e:?}");
    assert!(params.values().iter().all(|v| v.is_finite()), "parameters must stay finite: {:?}", params.values());
    assert!(e.to_string().starts_with("diverged"));
    // backward itself refuses a non-finite loss and leaves the gradients untouched.
    params.grads_mut().fill(0.25);
    tape.reset();
    let nan = tape.input([1], &[f32::NAN]);
    let w = tape.param(&params, lin.weight);
    let s = tape.sum(w);
    let bad = tape.mul(s, nan);
    assert!(matches!(tape.backward(bad, &mut params), Err(Diverged::Loss(v)) if v.is_nan()));
    assert!(params.grads().iter().all(|&g| g == 0.25));
}

#[test]
fn an_mlp_from_engine_ops_learns_xor() {
    // XOR-like quadrants: class 1 where x₁·x₂ > 0, points at least 0.1 from the axes.
    let mut rng = Rng::new(21);
    let n = 64;
    let mut x = Vec::with_capacity(2 * n);
    let mut y = Vec::with_capacity(n);
    for _ in 0..n {
        let a = rng.uniform(0.1, 1.0) * if rng.next_f32() < 0.5 { -1.0 } else { 1.0 };
        let b = rng.uniform(0.1, 1.0) * if rng.next_f32() < 0.5 { -1.0 } else { 1.0 };
        x.extend([a, b]);
        y.push(u32::from(a * b > 0.0));
    }
    let mut params = Params::new();
    let l1 = Linear::new(&mut params, "l1", 2, 16, true, Init::XavierUniform, &mut rng).unwrap();
    let l2 = Linear::new(&mut params, "l2", 16, 16, true, Init::XavierUniform, &mut rng).unwrap();
    let l3 = Linear::new(&mut params, "l3", 16, 2, true, Init::XavierUniform, &mut rng).unwrap();
    let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.02).build(params.len()).unwrap();
    let mut tape = Tape::new();
    let mut losses = Vec::new();
    for _ in 0..400 {
        tape.reset();
        let xv = tape.input([n, 2], &x);
        let h = l1.forward(&mut tape, &params, xv);
        let h = tape.tanh(h);
        let h = l2.forward(&mut tape, &params, h);
        let h = tape.relu(h);
        let z = l3.forward(&mut tape, &params, h);
        let loss = tape.softmax_cross_entropy(z, &y);
        losses.push(apply_step(&mut tape, loss, &mut params, opt.as_mut(), None).unwrap().loss);
    }
    let (first, last) = (losses[0], *losses.last().unwrap());
    assert!(last < first / 10.0, "loss {first} → {last}: not a tenfold fall");
}
