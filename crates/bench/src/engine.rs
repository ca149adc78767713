//! # W6–W8: the differentiable engine (`perplexed_core::tensor`) on the workloads of issue 13
//!
//! The exact models of `shared/PERFORMANCE.md`, section "W6–W8", recorded on a [`Tape`] and
//! stepped with [`apply_step`] (no clipping), so every step pays what a lab's step pays: the
//! forward recording, the backward sweep, the finiteness checks and the optimiser.
//!
//! | id | data | model | loss, optimiser | batch |
//! |---|---|---|---|---|
//! | W6 | `shared/data/digits-8x8.csv`, pixels / 16, file order, 56 batches | conv 3×3 ×8 pad 1 → ReLU → max-pool 2 → 128 → dense 10 | softmax CE, SGD 0.05 | 32 |
//! | W7 | noisy sine windows (below), 123 batches | LSTM 32 (gates i, f, g, o), last h → dense 1 | MSE, Adam 0.01 | 16 |
//! | W8 | `crates/bench/data/w8-text.txt`, 64 symbols, 64 batches | emb 32 + learned positions, 2 pre-norm blocks (2-head causal attention, MLP 32→128→32 GELU), LN, dense 64 | CE at all 32 positions, AdamW 3e-3 | 16 |
//!
//! W8 sampling: greedy generation of 32 tokens from a one-character prompt, one full forward
//! pass over the last ≤ 32 tokens per token (no cache), batch 1; reported as tokens/s.
//!
//! The data are generated identically by the peers (`tfjs/run-tfjs-engine.mjs`,
//! `tfjs/run-convnetjs.mjs`, `candle/src/main.rs`): the same mulberry32 noise, the same batch
//! order. The models use the engine's layers: `Conv2d`, `Linear`, `Recurrent` (`CellKind::Lstm`),
//! `Embedding`, `LayerNorm`, `TransformerBlock` (pre-norm, `MultiHeadAttention`, GELU MLP), with
//! their allocation-free `forward_into`.

use super::{measure, Args, Row, Stats, Unit};
use perplexed_core::optim::optimizers::{Optimizer, OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{BlockOut, CellKind, Conv2d, Embedding, LayerNorm, Linear, Recurrent, RecurrentOut, TransformerBlock};
use perplexed_core::tensor::{apply_step, Init, ParamId, Params, Tape, Var};
use std::path::Path;

/// The W8 corpus (shared with the peers).
pub const W8_TEXT: &str = include_str!("../data/w8-text.txt");
/// The 64 symbols of W8; anything else (digits…) becomes a space.
pub const W8_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n.,;:'!?-()";

/// mulberry32, the peers' noise source (one `u32` state; same numbers in JS and Rust).
pub struct Mulberry32(u32);
impl Mulberry32 {
    pub fn new(seed: u32) -> Self {
        Mulberry32(seed)
    }
    /// Uniform in [0, 1).
    pub fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        ((t ^ (t >> 14)) as f64) / 4_294_967_296.0
    }
}

/// W6 data: 1,797 × 64 pixels / 16 and labels, from the headered `digits-8x8.csv`.
pub fn load_digits_8x8(path: &Path) -> Result<(Vec<f32>, Vec<u32>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate().skip(1) {
        let v: Vec<f32> = line.split(',').map(|s| s.trim().parse::<f32>()).collect::<Result<_, _>>().map_err(|e| format!("{}: line {}: {e}", path.display(), i + 1))?;
        if v.len() != 65 {
            return Err(format!("{}: line {} has {} columns, not 65", path.display(), i + 1, v.len()));
        }
        x.extend(v[..64].iter().map(|p| p / 16.0));
        y.push(v[64] as u32);
    }
    Ok((x, y))
}

pub const W7_SERIES: usize = 2000;
pub const W7_LEN: usize = 20;
pub const W7_BATCH: usize = 16;
pub const W7_BATCHES: usize = 123;

/// W7 data: `y_t = sin(2πt/25) + 0.1·(2u − 1)`, u from mulberry32(7); window `i` is
/// `y[i..i+20]` with target `y[i+20]`; row `j` of batch `k` is window `((16k + j)·7) mod 1980`.
/// Returns per batch (`[16·20]` inputs, `[16]` targets).
pub fn w7_batches() -> Vec<(Vec<f32>, Vec<f32>)> {
    let mut rng = Mulberry32::new(7);
    let y: Vec<f32> = (0..W7_SERIES)
        .map(|t| ((2.0 * std::f64::consts::PI * t as f64 / 25.0).sin() + 0.1 * (2.0 * rng.next() - 1.0)) as f32)
        .collect();
    let windows = W7_SERIES - W7_LEN;
    (0..W7_BATCHES)
        .map(|k| {
            let (mut x, mut t) = (Vec::new(), Vec::new());
            for j in 0..W7_BATCH {
                let i = ((k * W7_BATCH + j) * 7) % windows;
                x.extend_from_slice(&y[i..i + W7_LEN]);
                t.push(y[i + W7_LEN]);
            }
            (x, t)
        })
        .collect()
}

pub const W8_CTX: usize = 32;
pub const W8_BATCH: usize = 16;
pub const W8_BATCHES: usize = 64;
pub const W8_VOCAB: usize = 64;
pub const W8_D: usize = 32;

pub fn w8_ids() -> Vec<u32> {
    W8_TEXT
        .chars()
        .map(|c| W8_ALPHABET.chars().position(|a| a == c).unwrap_or(52) as u32)
        .collect()
}

/// W8 batches: sequence `j` of batch `k` starts at `((16k + j)·97) mod (len − 33)`; inputs are
/// its 32 ids, targets the next 32.
pub fn w8_batches(ids: &[u32]) -> Vec<(Vec<u32>, Vec<u32>)> {
    let span = ids.len() - W8_CTX - 1;
    (0..W8_BATCHES)
        .map(|k| {
            let (mut x, mut t) = (Vec::new(), Vec::new());
            for j in 0..W8_BATCH {
                let s = ((k * W8_BATCH + j) * 97) % span;
                x.extend_from_slice(&ids[s..s + W8_CTX]);
                t.extend_from_slice(&ids[s + 1..s + W8_CTX + 1]);
            }
            (x, t)
        })
        .collect()
}

/// Mean of the first and of the last `n` losses (the sanity line: loss must fall).
fn falls(losses: &[f32], n: usize) -> (f32, f32) {
    let n = n.min(losses.len()).max(1);
    let mean = |s: &[f32]| s.iter().sum::<f32>() / s.len().max(1) as f32;
    (mean(&losses[..n]), mean(&losses[losses.len() - n..]))
}

fn opt(kind: OptimizerKind, lr: f32, n: usize) -> Result<Box<dyn Optimizer>, String> {
    OptimizerConfig::new(kind, lr).build(n).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// W6
// ---------------------------------------------------------------------------------------------

pub struct W6 {
    pub params: Params,
    conv: Conv2d,
    dense: Linear,
    tape: Tape,
    opt: Box<dyn Optimizer>,
}

impl W6 {
    pub fn new(seed: u64) -> Result<W6, String> {
        let e = |e: perplexed_core::ParamError| e.to_string();
        let mut rng = Rng::new(seed);
        let mut params = Params::new();
        let conv = Conv2d::new(&mut params, "conv", 1, 8, 3, 1, 1, 8, Init::TorchLinear, &mut rng).map_err(e)?;
        let dense = Linear::new(&mut params, "dense", 128, 10, true, Init::TorchLinear, &mut rng).map_err(e)?;
        let opt = opt(OptimizerKind::Sgd, 0.05, params.len())?;
        Ok(W6 { params, conv, dense, tape: Tape::new(), opt })
    }
    /// One step on `x` (`[32·64]`) and labels `y`; returns the loss.
    pub fn step(&mut self, x: &[f32], y: &[u32]) -> f32 {
        let n = y.len();
        let t = &mut self.tape;
        t.reset();
        let xv = t.input([n, 1, 8, 8], x);
        let c = self.conv.forward(t, &self.params, xv);
        let r = t.relu(c);
        let p = t.max_pool2d(r, 2, 2);
        let f = t.reshape(p, [n, 128]);
        let logits = self.dense.forward(t, &self.params, f);
        let loss = t.softmax_cross_entropy(logits, y);
        apply_step(t, loss, &mut self.params, self.opt.as_mut(), None).map(|r| r.loss).unwrap_or(f32::NAN)
    }
}

// ---------------------------------------------------------------------------------------------
// W7
// ---------------------------------------------------------------------------------------------

pub struct W7 {
    params: Params,
    lstm: Recurrent,
    head: Linear,
    tape: Tape,
    opt: Box<dyn Optimizer>,
    out: RecurrentOut,
}

pub const W7_H: usize = 32;

impl W7 {
    pub fn new(seed: u64) -> Result<W7, String> {
        let e = |e: perplexed_core::ParamError| e.to_string();
        let mut rng = Rng::new(seed);
        let mut params = Params::new();
        let lstm = Recurrent::new(&mut params, "lstm", CellKind::Lstm, 1, W7_H, &mut rng).map_err(e)?;
        let head = Linear::new(&mut params, "head", W7_H, 1, true, Init::TorchLinear, &mut rng).map_err(e)?;
        let opt = opt(OptimizerKind::Adam, 0.01, params.len())?;
        Ok(W7 { params, lstm, head, tape: Tape::new(), opt, out: RecurrentOut::with_capacity(W7_LEN) })
    }
    pub fn step(&mut self, x: &[f32], y: &[f32]) -> f32 {
        let n = y.len();
        let t = &mut self.tape;
        t.reset();
        let xv = t.input([n, W7_LEN, 1], x);
        let target = t.input([n, 1], y);
        self.lstm.forward_into(t, &self.params, xv, None, &mut self.out);
        let pred = self.head.forward(t, &self.params, self.out.last);
        let loss = t.mse(pred, target);
        apply_step(t, loss, &mut self.params, self.opt.as_mut(), None).map(|r| r.loss).unwrap_or(f32::NAN)
    }
}

// ---------------------------------------------------------------------------------------------
// W8
// ---------------------------------------------------------------------------------------------

pub struct W8 {
    params: Params,
    tok: Embedding,
    pos: ParamId,
    blocks: Vec<TransformerBlock>,
    outs: Vec<BlockOut>,
    ln_f: LayerNorm,
    out: Linear,
    tape: Tape,
    opt: Box<dyn Optimizer>,
}

impl W8 {
    pub fn new(seed: u64) -> Result<W8, String> {
        let e = |e: perplexed_core::ParamError| e.to_string();
        let mut rng = Rng::new(seed);
        let mut params = Params::new();
        let d = W8_D;
        let tok = Embedding::new(&mut params, "tok", W8_VOCAB, d, &mut rng).map_err(e)?;
        let pos = params.add("pos", [W8_CTX, d], Init::Normal(0.02), &mut rng).map_err(e)?;
        let blocks = (0..2)
            .map(|i| TransformerBlock::new(&mut params, &format!("b{i}"), d, 2, 4 * d, &mut rng).map_err(e))
            .collect::<Result<Vec<_>, _>>()?;
        let ln_f = LayerNorm::new(&mut params, "ln_f", d).map_err(e)?;
        let out = Linear::new(&mut params, "out", d, W8_VOCAB, true, Init::TorchLinear, &mut rng).map_err(e)?;
        let opt = opt(OptimizerKind::AdamW, 3e-3, params.len())?;
        let outs = (0..2).map(|_| BlockOut::with_heads(2)).collect();
        Ok(W8 { params, tok, pos, blocks, outs, ln_f, out, tape: Tape::new(), opt })
    }

    /// The logits `[n, t, 64]` of `ids` (`n` sequences of `t ≤ 32`), recorded on the tape.
    fn forward(&mut self, ids: &[u32], n: usize, tlen: usize) -> Var {
        let d = W8_D;
        let t = &mut self.tape;
        let p = &self.params;
        let mut x = self.tok.forward(t, p, ids, &[n, tlen]);
        let pos_all = t.param(p, self.pos);
        let pos = if tlen == W8_CTX {
            pos_all
        } else {
            // The first `tlen` rows of the table: [32, d] → [1, 32·d] → [1, tlen·d] → [tlen, d].
            let flat = t.reshape(pos_all, [1, W8_CTX * d]);
            let first = t.slice_last(flat, 0, tlen * d);
            t.reshape(first, [tlen, d])
        };
        x = t.add(x, pos);
        for (blk, out) in self.blocks.iter().zip(self.outs.iter_mut()) {
            blk.forward_into(t, p, x, true, out);
            x = out.out;
        }
        let x = self.ln_f.forward(t, p, x);
        self.out.forward(t, p, x)
    }

    pub fn step(&mut self, x: &[u32], y: &[u32]) -> f32 {
        self.tape.reset();
        let logits = self.forward(x, W8_BATCH, W8_CTX);
        let loss = self.tape.softmax_cross_entropy(logits, y);
        apply_step(&mut self.tape, loss, &mut self.params, self.opt.as_mut(), None).map(|r| r.loss).unwrap_or(f32::NAN)
    }

    /// Greedy generation of `count` tokens after `prompt`, a full forward pass per token.
    pub fn sample(&mut self, prompt: &[u32], count: usize, out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(prompt);
        for _ in 0..count {
            let from = out.len().saturating_sub(W8_CTX);
            let ctx: Vec<u32> = out[from..].to_vec();
            self.tape.reset();
            let logits = self.forward(&ctx, 1, ctx.len());
            let v = self.tape.value(logits);
            let last = &v[(ctx.len() - 1) * W8_VOCAB..ctx.len() * W8_VOCAB];
            let mut best = 0;
            for (i, &l) in last.iter().enumerate() {
                if l > last[best] {
                    best = i;
                }
            }
            out.push(best as u32);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The runner
// ---------------------------------------------------------------------------------------------

/// Dense FLOPs per step (2 per multiply-add, forward + 2× backward ≈ 3× forward), for GFLOP/s.
fn w6_flops() -> f64 {
    3.0 * 2.0 * 32.0 * (64.0 * 8.0 * 9.0 + 128.0 * 10.0)
}
fn w7_flops() -> f64 {
    3.0 * 2.0 * 16.0 * (20.0 * (1.0 + 32.0) * 128.0 + 32.0)
}
fn w8_forward_flops(n: f64, t: f64) -> f64 {
    let d = 32.0;
    let per_block = t * (d * 3.0 * d + d * d + d * 4.0 * d * 2.0) + 2.0 * t * t * d;
    2.0 * n * (2.0 * per_block + t * d * 64.0)
}

pub fn run(a: &Args, wants: &dyn Fn(&str) -> bool, rows: &mut Vec<Row>, checks: &mut Vec<String>) -> Result<(), String> {
    let mut row = |workload: &str, optimizer: &'static str, unit: Unit, stats: Stats, flops: f64| {
        rows.push(Row { workload: workload.to_string(), optimizer, unit, stats, flops });
    };
    if wants("W6") {
        let path = real_data_dir(a).join("digits-8x8.csv");
        let (x, y) = load_digits_8x8(&path)?;
        let batches = y.len() / 32;
        let mut m = W6::new(a.seed)?;
        let (mut k, mut losses) = (0usize, Vec::new());
        let st = measure(a, Unit::StepsPerSec, || {
            let b = k % batches;
            losses.push(m.step(&x[b * 32 * 64..(b + 1) * 32 * 64], &y[b * 32..(b + 1) * 32]));
            k += 1;
            1
        });
        row("W6 CNN conv8-pool-dense10", "sgd", Unit::StepsPerSec, st, w6_flops());
        let (l0, l1) = falls(&losses, batches);
        checks.push(format!("W6: {} steps ({} epochs), mean batch loss first epoch {l0:.4} → last {batches} steps {l1:.4}", losses.len(), losses.len() / batches));
    }
    if wants("W7") {
        let data = w7_batches();
        let mut m = W7::new(a.seed)?;
        let (mut k, mut losses) = (0usize, Vec::new());
        let st = measure(a, Unit::StepsPerSec, || {
            let (x, y) = &data[k % data.len()];
            losses.push(m.step(x, y));
            k += 1;
            1
        });
        row("W7 LSTM 32, seq 20", "adam", Unit::StepsPerSec, st, w7_flops());
        let (l0, l1) = falls(&losses, 20);
        checks.push(format!("W7: {} steps, mean batch MSE first 20 steps {l0:.4} → last 20 {l1:.4} (noise floor 0.0033)", losses.len()));
    }
    if wants("W8") || wants("W8S") {
        let ids = w8_ids();
        let data = w8_batches(&ids);
        let mut m = W8::new(a.seed)?;
        let (mut k, mut losses) = (0usize, Vec::new());
        if wants("W8") {
            let st = measure(a, Unit::StepsPerSec, || {
                let (x, y) = &data[k % data.len()];
                losses.push(m.step(x, y));
                k += 1;
                1
            });
            row("W8 transformer 2 blocks, ctx 32", "adamw", Unit::StepsPerSec, st, w8_forward_flops(16.0, 32.0) * 3.0);
            let (l0, l1) = falls(&losses, 20);
            checks.push(format!("W8: {} steps, mean CE first 20 steps {l0:.4} → last 20 {l1:.4} (ln 64 = 4.159)", losses.len()));
        }
        let mut out = Vec::new();
        let flops: f64 = (0..32).map(|i| w8_forward_flops(1.0, ((i + 1) as f64).min(32.0))).sum::<f64>() / 32.0;
        let st = measure(a, Unit::TokensPerSec, || {
            m.sample(&ids[..1], 32, &mut out);
            32
        });
        row("W8 sampling, 32 tokens, full forward", "-", Unit::TokensPerSec, st, flops);
        let text: String = out.iter().map(|&i| W8_ALPHABET.chars().nth(i as usize).unwrap_or('?')).collect();
        checks.push(format!("W8 sampling: {:?}", text.replace('\n', "⏎")));
    }
    Ok(())
}

/// Where `digits-8x8.csv` is: `--real-data DIR`, else `shared/data` beside the bench data.
fn real_data_dir(a: &Args) -> std::path::PathBuf {
    if let Some(d) = &a.real_data {
        return d.clone();
    }
    let bench = perplexed_bench::data_dir(&a.data).unwrap_or_else(|_| std::path::PathBuf::from("../shared/bench-data"));
    bench.join("../data")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mulberry32_matches_the_js_peers() {
        // The first three draws of mulberry32(7) in node (run-tfjs-engine.mjs's generator).
        let mut r = Mulberry32::new(7);
        assert_eq!([r.next(), r.next(), r.next()], [0.011704753153026104, 0.06195825757458806, 0.97690763277933]);
    }

    #[test]
    fn batches_have_the_documented_shapes() {
        let w7 = w7_batches();
        assert_eq!(w7.len(), W7_BATCHES);
        assert!(w7.iter().all(|(x, y)| x.len() == 16 * 20 && y.len() == 16));
        let ids = w8_ids();
        assert!(ids.iter().all(|&i| (i as usize) < W8_VOCAB) && W8_ALPHABET.chars().count() == W8_VOCAB);
        let w8 = w8_batches(&ids);
        assert_eq!(w8.len(), W8_BATCHES);
        // Targets are the inputs shifted by one.
        assert!(w8.iter().all(|(x, y)| x.len() == 512 && x[1..32] == y[..31]));
    }

    #[test]
    fn every_model_learns_in_a_few_steps() {
        let (x, y) = w7_batches().swap_remove(0);
        let mut m = W7::new(1).unwrap();
        let first = m.step(&x, &y);
        let last = (0..30).map(|_| m.step(&x, &y)).last().unwrap();
        assert!(last < first, "W7 {first} → {last}");
        let (x, y) = w8_batches(&w8_ids()).swap_remove(0);
        let mut m = W8::new(1).unwrap();
        let first = m.step(&x, &y);
        let last = (0..10).map(|_| m.step(&x, &y)).last().unwrap();
        assert!(last < first, "W8 {first} → {last}");
        let mut out = Vec::new();
        m.sample(&[0], 5, &mut out);
        assert_eq!(out.len(), 6);
        let mut m = W6::new(1).unwrap();
        let x: Vec<f32> = (0..32 * 64).map(|i| ((i * 7) % 17) as f32 / 16.0).collect();
        let y: Vec<u32> = (0..32).map(|i| i % 10).collect();
        let first = m.step(&x, &y);
        let last = (0..30).map(|_| m.step(&x, &y)).last().unwrap();
        assert!(last < first, "W6 {first} → {last}");
    }
}
