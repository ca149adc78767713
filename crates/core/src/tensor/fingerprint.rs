//! # The engine's fingerprint: one number that says "the same bits everywhere"
//!
//! A lab promises that the same seed gives the same run — in this browser tab, in another, on
//! a phone. That holds only if every operation of the engine rounds the same way on every
//! platform: native x86-64 (where the tests run) and WebAssembly with SIMD (what the page runs).
//! The engine is built for it (fixed summation orders, no fused multiply-add, `exp`/`ln`/`tanh`
//! from exactly rounded IEEE operations, see [`crate::tensor`]); this module checks it.
//!
//! [`training_fingerprint`] trains three small models that together use every layer family —
//! a convolutional network (conv 3×3 → ReLU → max-pool → linear, SGD), an LSTM sequence model
//! (embedding → LSTM → linear, Adam, gradient clipping) and a causal transformer language model
//! (embedding → 2 pre-norm blocks → layer norm → linear, AdamW) — for a few steps from one seed,
//! and folds the bits of every loss and every final parameter into a 64-bit FNV-1a hash:
//!
//! ```text
//! h ← 0xcbf29ce484222325;  for each byte b:  h ← (h ⊕ b) · 0x100000001b3  (mod 2⁶⁴)
//! ```
//!
//! The test command runs it natively and as WebAssembly (`examples/engine_fingerprint.rs`,
//! built for `wasm32-wasip1` with `simd128` and run under Node, the engine Chromium uses) and
//! requires the two outputs to be identical. One flipped bit anywhere changes the hash.

use super::layers::{BlockOut, CellKind, Conv2d, Embedding, LayerNorm, Linear, Recurrent, RecurrentOut, TransformerBlock};
use super::{apply_step, Init, Params, Tape};
use crate::optim::optimizers::{OptimizerConfig, OptimizerKind};
use crate::rng::Rng;

/// Training steps per model.
pub const STEPS: usize = 8;

/// What one fingerprint run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Fingerprint {
    /// FNV-1a over the bits of every loss and every final parameter, in a fixed order.
    pub hash: u64,
    /// The losses of every step: the CNN's, then the LSTM's, then the transformer's.
    pub losses: Vec<f32>,
}

/// FNV-1a's starting value (its "offset basis").
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Folds bytes into an FNV-1a hash (also used by [`crate::fingerprint`]).
pub(crate) fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Trains the three models from `seed` and fingerprints the result (see the module's text).
/// Every setting is fixed and valid, so it cannot fail; a model that diverged would show as a
/// NaN loss, which hashes like any other value.
pub fn training_fingerprint(seed: u64) -> Fingerprint {
    let mut losses = Vec::with_capacity(3 * STEPS);
    let mut hash = FNV_OFFSET;
    for model in 0..3u64 {
        let mut rng = Rng::stream(seed, model);
        let params = match model {
            0 => cnn(&mut rng, &mut losses),
            1 => lstm(&mut rng, &mut losses),
            _ => transformer(&mut rng, &mut losses),
        };
        for v in params.values() {
            hash = fnv1a(hash, &v.to_bits().to_le_bytes());
        }
    }
    for l in &losses {
        hash = fnv1a(hash, &l.to_bits().to_le_bytes());
    }
    Fingerprint { hash, losses }
}

/// Conv 3×3 (4 filters, padding 1) → ReLU → max-pool 2 → linear 4·4·4 → 3, on 8×8 images of
/// noise, SGD.
fn cnn(rng: &mut Rng, losses: &mut Vec<f32>) -> Params {
    let (batch, side, classes) = (6, 8, 3);
    let mut params = Params::new();
    let conv = Conv2d::new(&mut params, "conv", 1, 4, 3, 1, 1, side, Init::HeUniform, rng).expect("fixed sizes");
    let dense = Linear::new(&mut params, "dense", 4 * 4 * 4, classes, true, Init::TorchLinear, rng).expect("fixed sizes");
    let images: Vec<f32> = (0..batch * side * side).map(|_| rng.uniform(0.0, 1.0)).collect();
    let labels: Vec<u32> = (0..batch).map(|_| rng.below(classes) as u32).collect();
    let mut opt = OptimizerConfig::new(OptimizerKind::Sgd, 0.05).build(params.len()).expect("valid rate");
    let mut tape = Tape::new();
    for _ in 0..STEPS {
        tape.reset();
        let x = tape.input([batch, 1, side, side], &images);
        let h = conv.forward(&mut tape, &params, x);
        let h = tape.relu(h);
        let h = tape.max_pool2d(h, 2, 2);
        let h = tape.reshape(h, [batch, 4 * 4 * 4]);
        let logits = dense.forward(&mut tape, &params, h);
        let loss = tape.softmax_cross_entropy(logits, &labels);
        losses.push(apply_step(&mut tape, loss, &mut params, opt.as_mut(), None).map_or(f32::NAN, |r| r.loss));
    }
    params
}

/// Embedding (vocabulary 7, width 4) → LSTM of 6 → linear to the next token, Adam, clipping at 1.
fn lstm(rng: &mut Rng, losses: &mut Vec<f32>) -> Params {
    let (vocab, batch, steps) = (7, 3, 5);
    let mut params = Params::new();
    let embed = Embedding::new(&mut params, "embed", vocab, 4, rng).expect("fixed sizes");
    let cell = Recurrent::new(&mut params, "lstm", CellKind::Lstm, 4, 6, rng).expect("fixed sizes");
    let head = Linear::new(&mut params, "head", 6, vocab, true, Init::TorchLinear, rng).expect("fixed sizes");
    let ids: Vec<u32> = (0..batch * steps).map(|_| rng.below(vocab) as u32).collect();
    let next: Vec<u32> = ids.iter().map(|&i| (i + 1) % vocab as u32).collect();
    let mut opt = OptimizerConfig::new(OptimizerKind::Adam, 0.01).build(params.len()).expect("valid rate");
    let (mut tape, mut out) = (Tape::new(), RecurrentOut::with_capacity(steps));
    for _ in 0..STEPS {
        tape.reset();
        let x = embed.forward(&mut tape, &params, &ids, &[batch, steps]);
        cell.forward_into(&mut tape, &params, x, None, &mut out);
        let logits = head.forward(&mut tape, &params, out.outputs);
        let loss = tape.softmax_cross_entropy(logits, &next);
        losses.push(apply_step(&mut tape, loss, &mut params, opt.as_mut(), Some(1.0)).map_or(f32::NAN, |r| r.loss));
    }
    params
}

/// Embedding (vocabulary 9, width 8) → 2 causal pre-norm blocks (2 heads, MLP 16) → layer norm
/// → linear, AdamW.
fn transformer(rng: &mut Rng, losses: &mut Vec<f32>) -> Params {
    let (vocab, batch, context, width, heads) = (9, 2, 6, 8, 2);
    let mut params = Params::new();
    let embed = Embedding::new(&mut params, "embed", vocab, width, rng).expect("fixed sizes");
    let blocks = [
        TransformerBlock::new(&mut params, "block0", width, heads, 2 * width, rng).expect("fixed sizes"),
        TransformerBlock::new(&mut params, "block1", width, heads, 2 * width, rng).expect("fixed sizes"),
    ];
    let norm = LayerNorm::new(&mut params, "ln_f", width).expect("fixed sizes");
    let head = Linear::new(&mut params, "head", width, vocab, true, Init::TorchLinear, rng).expect("fixed sizes");
    let ids: Vec<u32> = (0..batch * context).map(|_| rng.below(vocab) as u32).collect();
    let next: Vec<u32> = ids.iter().map(|&i| (i * 2 + 1) % vocab as u32).collect();
    let mut opt = OptimizerConfig::new(OptimizerKind::AdamW, 3e-3).build(params.len()).expect("valid rate");
    let (mut tape, mut outs) = (Tape::new(), [BlockOut::with_heads(heads), BlockOut::with_heads(heads)]);
    for _ in 0..STEPS {
        tape.reset();
        let mut x = embed.forward(&mut tape, &params, &ids, &[batch, context]);
        for (block, out) in blocks.iter().zip(&mut outs) {
            block.forward_into(&mut tape, &params, x, true, out);
            x = out.out;
        }
        let x = norm.forward(&mut tape, &params, x);
        let logits = head.forward(&mut tape, &params, x);
        let loss = tape.softmax_cross_entropy(logits, &next);
        losses.push(apply_step(&mut tape, loss, &mut params, opt.as_mut(), Some(1.0)).map_or(f32::NAN, |r| r.loss));
    }
    params
}
