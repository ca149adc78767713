//! W6–W8 (docs/ENGINE-BENCH.md) in candle (`candle-core` + `candle-nn`), the Rust peer of the
//! engine: the same data, batch order and models as `perplexed-bench`'s `src/engine.rs`, timed
//! the same way, printing the same table and JSON rows. Built natively or for `wasm32-wasip1`
//! with `+simd128` and run under node with `crates/bench/run-wasm.mjs` (it takes the same
//! arguments as perplexed-bench: `--data` is accepted and ignored, `--real-data DIR` holds
//! `digits-8x8.csv`).
//!
//! candle-nn provides `conv2d`, `linear`, `embedding`, `layer_norm`, `lstm` (its own LSTM cell,
//! gates i, f, g, o) and `AdamW`; attention is written by hand (`matmul`, a causal mask,
//! `softmax_last_dim`). Adam for W7 is candle-nn's AdamW with weight decay 0.

use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{AdamW, Optimizer, ParamsAdamW, VarBuilder, VarMap, SGD, RNN};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

type R<T> = candle_core::Result<T>;

const W8_TEXT: &str = include_str!("../../data/w8-text.txt");
const W8_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n.,;:'!?-()";

struct Args {
    real_data: PathBuf,
    json: Option<PathBuf>,
    repeats: usize,
    rep_ms: f64,
    warmup_ms: f64,
    only: Vec<String>,
    note: Option<String>,
}

fn parse_args() -> Args {
    let mut a = Args { real_data: PathBuf::from("../shared/data"), json: None, repeats: 11, rep_ms: 150.0, warmup_ms: 400.0, only: vec![], note: None };
    let mut it = std::env::args().skip(1);
    while let Some(f) = it.next() {
        let mut val = || it.next().expect("a flag needs a value");
        match f.as_str() {
            "--data" | "--seed" => {
                val();
            }
            "--real-data" => a.real_data = PathBuf::from(val()),
            "--json" => a.json = Some(PathBuf::from(val())),
            "--repeats" => a.repeats = val().parse().expect("--repeats N"),
            "--rep-ms" => a.rep_ms = val().parse().expect("--rep-ms MS"),
            "--warmup-ms" => a.warmup_ms = val().parse().expect("--warmup-ms MS"),
            "--quick" => {
                a.repeats = 3;
                a.rep_ms = 30.0;
                a.warmup_ms = 50.0;
            }
            "--only" => a.only = val().split(',').map(|s| s.trim().to_ascii_uppercase()).collect(),
            "--note" => a.note = Some(val()),
            other => panic!("unknown argument {other}"),
        }
    }
    a
}

struct Mulberry32(u32);
impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6D2B_79F5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        ((t ^ (t >> 14)) as f64) / 4_294_967_296.0
    }
}

#[derive(Clone, Copy)]
struct Stats {
    min: f64,
    median: f64,
    max: f64,
}

/// perplexed-bench's `measure`: warm up, calibrate, time the repeats; `f` returns the work done.
fn measure(a: &Args, mut f: impl FnMut() -> usize) -> Stats {
    let t0 = Instant::now();
    let mut calls = 0usize;
    while calls < 2 || t0.elapsed().as_secs_f64() * 1e3 < a.warmup_ms {
        f();
        calls += 1;
    }
    let k = (calls / 4).max(1);
    let t1 = Instant::now();
    for _ in 0..k {
        f();
    }
    let per = t1.elapsed().as_secs_f64() / k as f64;
    let iters = ((a.rep_ms * 1e-3 / per.max(1e-9)).ceil() as usize).max(1);
    let mut s = Vec::new();
    for _ in 0..a.repeats.max(1) {
        let t = Instant::now();
        let mut work = 0;
        for _ in 0..iters {
            work += f();
        }
        s.push(work as f64 / t.elapsed().as_secs_f64());
    }
    s.sort_by(|x, y| x.total_cmp(y));
    let n = s.len();
    Stats { min: s[0], median: if n % 2 == 1 { s[n / 2] } else { 0.5 * (s[n / 2 - 1] + s[n / 2]) }, max: s[n - 1] }
}

/// Times `step` (one training step on a batch, returning its loss) over `batches` in turn, and
/// keeps every loss for the sanity line; the first error ends the run.
fn train_steps(a: &Args, batches: &[(Tensor, Tensor)], mut step: impl FnMut(&Tensor, &Tensor) -> R<f32>) -> R<(Stats, Vec<f32>)> {
    let (mut k, mut losses, mut err) = (0usize, Vec::new(), None);
    let st = measure(a, || {
        let (bx, by) = &batches[k % batches.len()];
        k += 1;
        match step(bx, by) {
            Ok(l) => losses.push(l),
            Err(e) => err = Some(e),
        }
        1
    });
    match err {
        Some(e) => Err(e),
        None => Ok((st, losses)),
    }
}

fn falls(l: &[f32], n: usize) -> (f32, f32) {
    let n = n.min(l.len()).max(1);
    let m = |s: &[f32]| s.iter().sum::<f32>() / s.len().max(1) as f32;
    (m(&l[..n]), m(&l[l.len() - n..]))
}

fn adam(vars: Vec<candle_core::Var>, lr: f64, wd: f64) -> R<AdamW> {
    AdamW::new(vars, ParamsAdamW { lr, beta1: 0.9, beta2: 0.999, eps: 1e-7, weight_decay: wd })
}

struct Row {
    workload: String,
    optimizer: &'static str,
    unit: &'static str,
    st: Stats,
}

fn main() {
    let a = parse_args();
    if let Err(e) = run(&a) {
        eprintln!("candle bench: {e}");
        std::process::exit(1);
    }
}

fn run(a: &Args) -> R<()> {
    let wants = |id: &str| a.only.is_empty() || a.only.iter().any(|o| o == id);
    let dev = Device::Cpu;
    let mut rows: Vec<Row> = Vec::new();
    let mut checks: Vec<String> = Vec::new();

    if wants("W6") {
        let text = std::fs::read_to_string(a.real_data.join("digits-8x8.csv")).map_err(candle_core::Error::wrap)?;
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for line in text.lines().skip(1) {
            let v: Vec<f32> = line.split(',').map(|s| s.trim().parse::<f32>().unwrap_or(0.0)).collect();
            x.extend(v[..64].iter().map(|p| p / 16.0));
            y.push(v[64] as u32);
        }
        let nb = y.len() / 32;
        let batches: Vec<(Tensor, Tensor)> = (0..nb)
            .map(|k| Ok((Tensor::from_slice(&x[k * 2048..(k + 1) * 2048], (32, 1, 8, 8), &dev)?, Tensor::from_slice(&y[k * 32..(k + 1) * 32], 32, &dev)?)))
            .collect::<R<_>>()?;
        let vm = VarMap::new();
        let vb = VarBuilder::from_varmap(&vm, DType::F32, &dev);
        let cfg = candle_nn::Conv2dConfig { padding: 1, stride: 1, ..Default::default() };
        let conv = candle_nn::conv2d(1, 8, 3, cfg, vb.pp("conv"))?;
        let dense = candle_nn::linear(128, 10, vb.pp("dense"))?;
        let mut opt = SGD::new(vm.all_vars(), 0.05)?;
        let (st, losses) = train_steps(a, &batches, |bx, by| {
            let h = conv.forward(bx)?.relu()?.max_pool2d(2)?.flatten_from(1)?;
            let loss = candle_nn::loss::cross_entropy(&dense.forward(&h)?, by)?;
            opt.backward_step(&loss)?;
            loss.to_scalar::<f32>()
        })?;
        rows.push(Row { workload: "W6 CNN conv8-pool-dense10".into(), optimizer: "sgd", unit: "steps/s", st });
        let (l0, l1) = falls(&losses, nb);
        checks.push(format!("W6: {} steps, mean batch loss first {nb} steps {l0:.4} → last {nb} {l1:.4}", losses.len()));
    }

    if wants("W7") {
        let mut rng = Mulberry32(7);
        let series: Vec<f32> = (0..2000).map(|t| ((2.0 * std::f64::consts::PI * t as f64 / 25.0).sin() + 0.1 * (2.0 * rng.next() - 1.0)) as f32).collect();
        let batches: Vec<(Tensor, Tensor)> = (0..123)
            .map(|k| {
                let (mut x, mut t) = (Vec::new(), Vec::new());
                for j in 0..16 {
                    let i = ((k * 16 + j) * 7) % 1980;
                    x.extend_from_slice(&series[i..i + 20]);
                    t.push(series[i + 20]);
                }
                Ok((Tensor::from_vec(x, (16, 20, 1), &dev)?, Tensor::from_vec(t, (16, 1), &dev)?))
            })
            .collect::<R<_>>()?;
        let vm = VarMap::new();
        let vb = VarBuilder::from_varmap(&vm, DType::F32, &dev);
        let lstm = candle_nn::lstm(1, 32, candle_nn::LSTMConfig::default(), vb.pp("lstm"))?;
        let head = candle_nn::linear(32, 1, vb.pp("head"))?;
        let mut opt = adam(vm.all_vars(), 0.01, 0.0)?;
        let (st, losses) = train_steps(a, &batches, |bx, by| {
            let states = lstm.seq(bx)?;
            let h = states.last().expect("20 steps").h();
            let loss = candle_nn::loss::mse(&head.forward(h)?, by)?;
            opt.backward_step(&loss)?;
            loss.to_scalar::<f32>()
        })?;
        rows.push(Row { workload: "W7 LSTM 32, seq 20 (candle_nn::lstm)".into(), optimizer: "adam", unit: "steps/s", st });
        let (l0, l1) = falls(&losses, 20);
        checks.push(format!("W7: {} steps, mean batch MSE first 20 steps {l0:.4} → last 20 {l1:.4}", losses.len()));
    }

    if wants("W8") || wants("W8S") {
        let ids: Vec<u32> = W8_TEXT.chars().map(|c| W8_ALPHABET.chars().position(|a| a == c).unwrap_or(52) as u32).collect();
        let span = ids.len() - 33;
        let batches: Vec<(Tensor, Tensor)> = (0..64)
            .map(|k| {
                let (mut x, mut t) = (Vec::new(), Vec::new());
                for j in 0..16 {
                    let s = ((k * 16 + j) * 97) % span;
                    x.extend_from_slice(&ids[s..s + 32]);
                    t.extend_from_slice(&ids[s + 1..s + 33]);
                }
                Ok((Tensor::from_vec(x, (16, 32), &dev)?, Tensor::from_vec(t, 16 * 32, &dev)?))
            })
            .collect::<R<_>>()?;
        let vm = VarMap::new();
        let vb = VarBuilder::from_varmap(&vm, DType::F32, &dev);
        let m = Gpt::new(vb, &dev)?;
        let mut opt = adam(vm.all_vars(), 3e-3, 0.01)?;
        if wants("W8") {
            let (st, losses) = train_steps(a, &batches, |bx, by| {
                let logits = m.forward(bx)?.reshape((16 * 32, 64))?;
                let loss = candle_nn::loss::cross_entropy(&logits, by)?;
                opt.backward_step(&loss)?;
                loss.to_scalar::<f32>()
            })?;
            rows.push(Row { workload: "W8 transformer 2 blocks, ctx 32".into(), optimizer: "adamw", unit: "steps/s", st });
            let (l0, l1) = falls(&losses, 20);
            checks.push(format!("W8: {} steps, mean CE first 20 steps {l0:.4} → last 20 {l1:.4} (ln 64 = 4.159)", losses.len()));
        }
        let mut text = String::new();
        let mut err = None;
        let st = measure(a, || {
            let r = (|| -> R<String> {
                let mut seq = vec![ids[0]];
                for _ in 0..32 {
                    let from = seq.len().saturating_sub(32);
                    let ctx = Tensor::from_slice(&seq[from..], (1, seq.len() - from), &dev)?;
                    let logits = m.forward(&ctx)?; // [1, t, 64]
                    let t = logits.dim(1)?;
                    let next = logits.narrow(1, t - 1, 1)?.flatten_all()?.argmax(0)?.to_scalar::<u32>()?;
                    seq.push(next);
                }
                Ok(seq.iter().map(|&i| W8_ALPHABET.chars().nth(i as usize).unwrap_or('?')).collect())
            })();
            match r {
                Ok(s) => text = s,
                Err(e) => err = Some(e),
            }
            32
        });
        if let Some(e) = err {
            return Err(e);
        }
        rows.push(Row { workload: "W8 sampling, 32 tokens, full forward".into(), optimizer: "-", unit: "tokens/s", st });
        checks.push(format!("W8 sampling: {:?}", text.replace('\n', "⏎")));
    }

    let engine = format!(
        "candle-0.11 {}{}",
        if cfg!(target_arch = "wasm32") { if cfg!(target_feature = "simd128") { "wasm32-wasip1+simd128" } else { "wasm32-wasip1 (no simd128)" } } else { "native" },
        a.note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
    );
    let fmt = |v: f64| if v >= 100.0 { format!("{v:.0}") } else { format!("{v:.1}") };
    println!("engine: {engine}");
    println!("| workload | optimizer | median | min | max | unit |\n|---|---|---:|---:|---:|---|");
    for r in &rows {
        println!("| {} | {} | {} | {} | {} | {} |", r.workload, r.optimizer, fmt(r.st.median), fmt(r.st.min), fmt(r.st.max), r.unit);
    }
    println!("\nsanity (the engine must learn, not only be fast):");
    for c in &checks {
        println!("  {c}");
    }
    if let Some(p) = &a.json {
        let mut s = String::from("[\n");
        for (i, r) in rows.iter().enumerate() {
            let _ = writeln!(
                s,
                "  {{\"workload\": \"{}\", \"engine\": \"{engine}\", \"optimizer\": \"{}\", \"median\": {}, \"unit\": \"{}\", \"min\": {}, \"max\": {}}}{}",
                r.workload,
                r.optimizer,
                r.st.median,
                r.unit,
                r.st.min,
                r.st.max,
                if i + 1 < rows.len() { "," } else { "" }
            );
        }
        s.push_str("]\n");
        std::fs::write(p, s).map_err(candle_core::Error::wrap)?;
        println!("wrote {}", p.display());
    }
    Ok(())
}

/// The W8 transformer: embedding + learned positions, 2 pre-norm blocks, final LN, untied head.
struct Block {
    ln1: candle_nn::LayerNorm,
    qkv: candle_nn::Linear,
    proj: candle_nn::Linear,
    ln2: candle_nn::LayerNorm,
    fc1: candle_nn::Linear,
    fc2: candle_nn::Linear,
}

struct Gpt {
    tok: candle_nn::Embedding,
    pos: Tensor,
    blocks: Vec<Block>,
    ln_f: candle_nn::LayerNorm,
    out: candle_nn::Linear,
    mask: Tensor,
}

impl Gpt {
    fn new(vb: VarBuilder, dev: &Device) -> R<Gpt> {
        let d = 32;
        let ln = |vb: VarBuilder| candle_nn::layer_norm(d, 1e-5, vb);
        let tok = candle_nn::embedding(64, d, vb.pp("tok"))?;
        let pos = vb.get_with_hints((32, d), "pos", candle_nn::Init::Randn { mean: 0.0, stdev: 0.02 })?;
        let blocks = (0..2)
            .map(|i| {
                let vb = vb.pp(format!("b{i}"));
                Ok(Block {
                    ln1: ln(vb.pp("ln1"))?,
                    qkv: candle_nn::linear(d, 3 * d, vb.pp("qkv"))?,
                    proj: candle_nn::linear(d, d, vb.pp("proj"))?,
                    ln2: ln(vb.pp("ln2"))?,
                    fc1: candle_nn::linear(d, 4 * d, vb.pp("fc1"))?,
                    fc2: candle_nn::linear(4 * d, d, vb.pp("fc2"))?,
                })
            })
            .collect::<R<_>>()?;
        let mask: Vec<f32> = (0..32 * 32).map(|i| if i % 32 > i / 32 { f32::NEG_INFINITY } else { 0.0 }).collect();
        Ok(Gpt { tok, pos, blocks, ln_f: ln(vb.pp("ln_f"))?, out: candle_nn::linear(d, 64, vb.pp("out"))?, mask: Tensor::from_vec(mask, (32, 32), dev)? })
    }

    /// Logits `[n, t, 64]` for ids `[n, t]`.
    fn forward(&self, ids: &Tensor) -> R<Tensor> {
        let (n, t) = ids.dims2()?;
        let d = 32;
        let mut x = self.tok.forward(ids)?.broadcast_add(&self.pos.narrow(0, 0, t)?)?;
        let mask = self.mask.narrow(0, 0, t)?.narrow(1, 0, t)?;
        for b in &self.blocks {
            let qkv = b.qkv.forward(&b.ln1.forward(&x)?)?; // [n, t, 3d]
            let heads = |i: usize| qkv.narrow(2, i * d, d)?.reshape((n, t, 2, 16))?.transpose(1, 2)?.contiguous();
            let (q, k, v) = (heads(0)?, heads(1)?, heads(2)?);
            let scores = (q.matmul(&k.t()?)? * 0.25)?.broadcast_add(&mask)?;
            let att = candle_nn::ops::softmax_last_dim(&scores)?;
            let a = att.matmul(&v)?.transpose(1, 2)?.reshape((n, t, d))?;
            x = (x + b.proj.forward(&a)?)?;
            let m = b.fc2.forward(&b.fc1.forward(&b.ln2.forward(&x)?)?.gelu()?)?;
            x = (x + m)?;
        }
        self.out.forward(&self.ln_f.forward(&x)?)
    }
}
