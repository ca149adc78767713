//! Training with the layers allocates nothing once warmed up: an LSTM sequence model and a
//! 2-block causal transformer language model, each step re-recorded on the same tape with the
//! layers' `forward_into` (which refill the caller's output `Vec`s), backward, clipping, an
//! Adam step and the per-layer gradient norms a lab draws. Counted by a per-thread counting
//! allocator, as `tests/tensor_training.rs` does for the engine's operations.
//!
//! The same models, trained twice from the same seed, give bit-identical losses, gradient norms
//! and parameters.

use perplexed_core::optim::optimizers::{Optimizer, OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{
    BlockOut, CellKind, Embedding, LayerNorm, Linear, Recurrent, RecurrentOut, TransformerBlock,
};
use perplexed_core::tensor::{apply_step, Init, Params, Tape, Var};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

const VOCAB: usize = 9;
const BATCH: usize = 2;
const SEQ: usize = 6;

fn tokens(rng: &mut Rng) -> (Vec<u32>, Vec<u32>) {
    let ids: Vec<u32> = (0..BATCH * SEQ).map(|_| rng.below(VOCAB) as u32).collect();
    let targets = ids.iter().map(|&i| (i + 1) % VOCAB as u32).collect();
    (ids, targets)
}

/// Embedding → LSTM → linear read-out of every step → cross-entropy.
struct LstmModel {
    embed: Embedding,
    lstm: Recurrent,
    head: Linear,
    ids: Vec<u32>,
    targets: Vec<u32>,
    out: RecurrentOut,
}

impl LstmModel {
    fn new(params: &mut Params, rng: &mut Rng) -> LstmModel {
        let embed = Embedding::new(params, "lstm_model.embed", VOCAB, 5, rng).unwrap();
        let lstm = Recurrent::new(params, "lstm_model.lstm", CellKind::Lstm, 5, 8, rng).unwrap();
        let head = Linear::new(params, "lstm_model.head", 8, VOCAB, true, Init::TorchLinear, rng).unwrap();
        let (ids, targets) = tokens(rng);
        LstmModel { embed, lstm, head, ids, targets, out: RecurrentOut::with_capacity(SEQ) }
    }
    fn forward(&mut self, t: &mut Tape, p: &Params) -> Var {
        let x = self.embed.forward(t, p, &self.ids, &[BATCH, SEQ]);
        self.lstm.forward_into(t, p, x, None, &mut self.out);
        let logits = self.head.forward(t, p, self.out.outputs);
        t.softmax_cross_entropy(logits, &self.targets)
    }
}

/// Embedding → 2 causal pre-norm blocks → layer norm → linear → cross-entropy.
struct TransformerModel {
    embed: Embedding,
    blocks: [TransformerBlock; 2],
    norm: LayerNorm,
    head: Linear,
    ids: Vec<u32>,
    targets: Vec<u32>,
    outs: [BlockOut; 2],
}

impl TransformerModel {
    fn new(params: &mut Params, rng: &mut Rng) -> TransformerModel {
        let (width, heads) = (8, 2);
        let embed = Embedding::new(params, "gpt.embed", VOCAB, width, rng).unwrap();
        let blocks = [
            TransformerBlock::new(params, "gpt.block0", width, heads, 4 * width, rng).unwrap(),
            TransformerBlock::new(params, "gpt.block1", width, heads, 4 * width, rng).unwrap(),
        ];
        let norm = LayerNorm::new(params, "gpt.ln_f", width).unwrap();
        let head = Linear::new(params, "gpt.head", width, VOCAB, true, Init::TorchLinear, rng).unwrap();
        let (ids, targets) = tokens(rng);
        let outs = [BlockOut::with_heads(heads), BlockOut::with_heads(heads)];
        TransformerModel { embed, blocks, norm, head, ids, targets, outs }
    }
    fn forward(&mut self, t: &mut Tape, p: &Params) -> Var {
        let mut x = self.embed.forward(t, p, &self.ids, &[BATCH, SEQ]);
        for (block, out) in self.blocks.iter().zip(&mut self.outs) {
            block.forward_into(t, p, x, true, out);
            x = out.out;
        }
        let x = self.norm.forward(t, p, x);
        let logits = self.head.forward(t, p, x);
        t.softmax_cross_entropy(logits, &self.targets)
    }
}

const LAYERS: [&str; 7] = [
    "lstm_model.embed",
    "lstm_model.lstm",
    "lstm_model.head",
    "gpt.embed",
    "gpt.block0",
    "gpt.block1",
    "gpt.head",
];

#[test]
fn training_the_layer_models_allocates_nothing_after_warm_up() {
    // The counter works (so a zero below means something).
    let b = allocations();
    let v = std::hint::black_box(vec![1u8; 10]);
    assert!(allocations() > b);
    drop(v);

    let mut rng = Rng::new(11);
    let mut params = Params::new();
    let mut lstm = LstmModel::new(&mut params, &mut rng);
    let mut gpt = TransformerModel::new(&mut params, &mut rng);
    let mut opt: Box<dyn Optimizer> = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).unwrap();
    let mut tape = Tape::new();
    let mut norms = [0.0f32; LAYERS.len()];
    let mut step = |tape: &mut Tape, params: &mut Params| {
        tape.reset();
        let l1 = lstm.forward(tape, params);
        let l2 = gpt.forward(tape, params);
        let loss = tape.add(l1, l2);
        let report = apply_step(tape, loss, params, opt.as_mut(), Some(1.0)).unwrap();
        for (n, layer) in norms.iter_mut().zip(LAYERS) {
            *n = params.grad_norm_of_prefix(layer);
        }
        report.loss
    };
    step(&mut tape, &mut params); // warm-up: the arenas and the output Vecs reach their sizes
    let first = step(&mut tape, &mut params);
    let before = allocations();
    let mut last = 0.0;
    for _ in 0..20 {
        last = step(&mut tape, &mut params);
    }
    assert_eq!(allocations() - before, 0, "a re-recorded step allocated");
    assert!(last < first, "the models learn: {first} → {last}");
    assert!(norms.iter().all(|&n| n > 0.0 && n.is_finite()), "every layer gets a gradient: {norms:?}");
    assert!(tape.len() > 200, "the models record many operations ({} nodes)", tape.len());
}

#[test]
fn same_seed_gives_bit_identical_training() {
    let run = |seed: u64| {
        let mut rng = Rng::new(seed);
        let mut params = Params::new();
        let mut lstm = LstmModel::new(&mut params, &mut rng);
        let mut gpt = TransformerModel::new(&mut params, &mut rng);
        let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).unwrap();
        let mut tape = Tape::new();
        let mut bits = Vec::new();
        for _ in 0..10 {
            tape.reset();
            let l1 = lstm.forward(&mut tape, &params);
            let l2 = gpt.forward(&mut tape, &params);
            let loss = tape.add(l1, l2);
            let report = apply_step(&mut tape, loss, &mut params, opt.as_mut(), Some(1.0)).unwrap();
            bits.push(report.loss.to_bits());
            bits.push(report.grad_norm.to_bits());
        }
        bits.extend(params.values().iter().map(|v| v.to_bits()));
        bits
    };
    let a = run(3);
    assert_eq!(a, run(3), "same seed, different bits");
    assert_ne!(a, run(4), "another seed should give another run");
}
