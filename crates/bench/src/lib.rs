//! # perplexed-bench — the workloads W1–W5 of `PERFORMANCE.md` and K1–K4, shared by the harness
//!
//! The data files, the networks and one epoch of training through `perplexed-core`'s public API,
//! used by the `perplexed-bench` binary (the timed harness, native and as wasm under node) and by
//! the criterion benches in `benches/` (the native second view). See `src/main.rs` for what is
//! measured and how.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Regularization};
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::optim::optimizers::{Optimizer, OptimizerConfig, OptimizerKind};
use perplexed_core::cluster::kmeans::{fit_best, KMeansParams};
use perplexed_core::data::shapes::{self, ShapeParams};
use perplexed_core::rng::{streams, Rng};

/// Seed of every initial network (the timings do not depend on it; the sanity losses do).
pub const SEED: u64 = 1;

/// Epochs of the sanity check of a training workload: after timing it, each harness (ours and
/// `tfjs/run-tfjs.mjs`, which has the same numbers) trains a fresh copy of the network from the
/// same initial weights for this many epochs, untimed, and prints the training loss before and
/// after. The timed run's own epoch count depends on the engine's speed (ours ran W2 with Adam
/// for 5,427 epochs in one round, TF.js wasm for 115), and Adam at lr 0.01 does not stay at its
/// minimum for thousands of epochs in either engine (docs/PERFORMANCE.md, "W2 with Adam: why
/// the engines parted"), so only a common budget compares like with like.
pub fn sanity_epochs(id: &str) -> usize {
    match id {
        "W1" | "W2" => 100,
        _ => 10,
    }
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/// Rows of numbers from a CSV file; a first line that is not numeric is taken as a header.
pub fn read_csv(path: &Path) -> Result<Vec<Vec<f64>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parsed: Result<Vec<f64>, _> = line.split(',').map(|c| c.trim().parse::<f64>()).collect();
        match parsed {
            Ok(r) => rows.push(r),
            Err(_) if i == 0 => {} // header
            Err(e) => return Err(format!("{}:{}: {e}", path.display(), i + 1)),
        }
    }
    Ok(rows)
}

/// Features (row-major) and stored targets of one data file.
pub struct Set {
    pub x: Vec<f32>,
    pub y: Vec<f32>,
    pub n: usize,
    pub d: usize,
    /// Whether a network trained on this set starts with its first layer fitted to the inputs'
    /// scale (`Mlp::scale_inputs` with [`column_rms`], as the page's trainer does): true for the
    /// spiral, whose inputs span ±5 (root mean square 2.07 and 2.01), false for the digits, already in
    /// [0, 1]. See [`Run::with_seed`].
    pub scale_inputs: bool,
}

/// A spiral point as read from a file, in f64: `(x, y, label ±1)`.
pub type RawPoint = (f64, f64, f64);

/// One training workload: id, display name, network, batch size, data.
pub type TrainingWorkload<'a> = (&'static str, &'static str, fn() -> MlpSpec, usize, &'a Set);

/// A spiral file (`x,y,label`, label ±1) with the label mapped −1 → 0, +1 → 1 (see module docs).
pub fn load_spiral(path: &Path) -> Result<(Set, Vec<RawPoint>), String> {
    let rows = read_csv(path)?;
    let mut set = Set { x: vec![], y: vec![], n: rows.len(), d: 2, scale_inputs: true };
    let mut raw = vec![];
    for (i, r) in rows.iter().enumerate() {
        if r.len() != 3 || (r[2] != 1.0 && r[2] != -1.0) {
            return Err(format!("{}: row {} is not x,y,±1", path.display(), i + 1));
        }
        set.x.extend([r[0] as f32, r[1] as f32]);
        set.y.push(if r[2] > 0.0 { 1.0 } else { 0.0 });
        raw.push((r[0], r[1], r[2]));
    }
    Ok((set, raw))
}

/// The digits file: 64 features then the label 0–9, no header.
pub fn load_digits(path: &Path) -> Result<Set, String> {
    let rows = read_csv(path)?;
    let mut set = Set { x: Vec::with_capacity(rows.len() * 64), y: vec![], n: rows.len(), d: 64, scale_inputs: false };
    for (i, r) in rows.iter().enumerate() {
        let ok = r.len() == 65
            && r[..64].iter().all(|v| (0.0..=1.0).contains(v) && (v * 16.0).fract() == 0.0)
            && (0.0..=9.0).contains(&r[64])
            && r[64].fract() == 0.0;
        if !ok {
            return Err(format!("{}: row {} is not 64 sixteenths in [0,1] and a label 0–9", path.display(), i + 1));
        }
        set.x.extend(r[..64].iter().map(|&v| v as f32));
        set.y.push(r[64] as f32);
    }
    Ok(set)
}

/// The 500 spiral points of `PERFORMANCE.md`, unshuffled, as `(x, y, label)` in f64:
/// for label +1 (phase 0) then −1 (phase π), for i in 0..250: r = 5·i/250,
/// t = 1.75·2π·i/250 + phase, point (r·sin t, r·cos t).
pub fn spiral_formula() -> Vec<RawPoint> {
    let mut pts = Vec::with_capacity(500);
    for (label, phase) in [(1.0, 0.0), (-1.0, std::f64::consts::PI)] {
        for i in 0..250 {
            let r = 5.0 * i as f64 / 250.0;
            let t = 1.75 * 2.0 * std::f64::consts::PI * i as f64 / 250.0 + phase;
            pts.push((r * t.sin(), r * t.cos(), label));
        }
    }
    pts
}

/// How many file points (train + test) match a distinct formula point of the same label within
/// 1e-9, and the largest coordinate difference among the matches.
pub fn check_spiral(file_points: &[RawPoint]) -> (usize, usize, f64) {
    let formula = spiral_formula();
    let mut used = vec![false; formula.len()];
    let (mut matched, mut max_diff) = (0, 0.0f64);
    for &(x, y, l) in file_points {
        let best = formula
            .iter()
            .enumerate()
            .filter(|(j, p)| !used[*j] && p.2 == l)
            .map(|(j, p)| (j, (p.0 - x).abs().max((p.1 - y).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((j, diff)) = best {
            if diff < 1e-9 {
                used[j] = true;
                matched += 1;
                max_diff = max_diff.max(diff);
            }
        }
    }
    (matched, file_points.len().max(formula.len()), max_diff)
}

/// Root mean square of each column of a row-major `n × d` matrix, summed in f64 (what the page's
/// trainer passes to `Mlp::scale_inputs`).
pub fn column_rms(x: &[f32], d: usize) -> Vec<f32> {
    let mut sum = vec![0.0f64; d];
    for row in x.chunks_exact(d) {
        for (s, &v) in sum.iter_mut().zip(row) {
            *s += f64::from(v) * f64::from(v);
        }
    }
    let n = (x.len() / d.max(1)).max(1) as f64;
    sum.into_iter().map(|s| (s / n).sqrt() as f32).collect()
}

/// The W4 grid: 100 × 100 points, x = −6 + 12·i/99 (outer i), y = 6 − 12·j/99 (inner j).
pub fn grid_points() -> Vec<f32> {
    let mut g = Vec::with_capacity(20_000);
    for i in 0..100 {
        for j in 0..100 {
            g.push((-6.0 + 12.0 * i as f64 / 99.0) as f32);
            g.push((6.0 - 12.0 * j as f64 / 99.0) as f32);
        }
    }
    g
}

/// Finds the data folder: `--data`, then `$PERPLEXED_BENCH_DATA`, then `../shared/bench-data`
/// relative to the current directory and to the workspace root (native builds only).
pub fn data_dir(arg: &Option<PathBuf>) -> Result<PathBuf, String> {
    let mut candidates: Vec<PathBuf> = vec![];
    if let Some(d) = arg {
        candidates.push(d.clone());
    } else {
        if let Ok(d) = std::env::var("PERPLEXED_BENCH_DATA") {
            candidates.push(d.into());
        }
        candidates.push("../shared/bench-data".into());
        // CARGO_MANIFEST_DIR is crates/bench; the workspace root is two levels up.
        candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/bench-data"));
    }
    candidates
        .iter()
        .find(|d| d.join("spiral_train.csv").is_file())
        .cloned()
        .ok_or_else(|| format!("bench data not found (tried {candidates:?}); pass --data DIR"))
}

// ---------------------------------------------------------------------------------------------
// Training through the public API
// ---------------------------------------------------------------------------------------------

/// A network, its optimiser and a gradient buffer: what one workload trains.
pub struct Run {
    pub mlp: Mlp,
    pub opt: Box<dyn Optimizer>,
    pub grad: Vec<f32>,
    pub batch: usize,
}

impl Run {
    /// A fresh network from [`SEED`] with the workload's optimiser, to be trained on `set`.
    pub fn new(spec: MlpSpec, kind: OptimizerKind, batch: usize, set: &Set) -> Result<Run, String> {
        Run::with_seed(spec, kind, batch, SEED, set)
    }

    /// The same from another seed (`perplexed-bench --seed`, for sanity checks only).
    ///
    /// The initial weights are [`shared_init`]'s — the very values `tfjs/run-tfjs.mjs` starts
    /// TensorFlow.js from — so every engine of the side-by-side run starts from the same point;
    /// then, if `set.scale_inputs`, the first layer is fitted to the inputs' scale as the page
    /// does (`Mlp::scale_inputs`; run-tfjs.mjs does the same division). Without that fit, W2
    /// with Adam lands on a plateau on some draws, in every engine (docs/PERFORMANCE.md, "W2
    /// with Adam: why the engines parted").
    pub fn with_seed(spec: MlpSpec, kind: OptimizerKind, batch: usize, seed: u64, set: &Set) -> Result<Run, String> {
        Run::with_init(spec, kind, batch, seed, set, Init::Shared, set.scale_inputs)
    }

    /// The same with the initial draws and the input fit chosen (the parity tool compares them).
    pub fn with_init(spec: MlpSpec, kind: OptimizerKind, batch: usize, seed: u64, set: &Set, init: Init, scale: bool) -> Result<Run, String> {
        let mut mlp = Mlp::new(&spec, &mut Rng::stream(seed, streams::INIT)).map_err(|e| e.to_string())?;
        if init == Init::Shared {
            let p = shared_init(&mlp.layer_sizes(), spec.activation, seed);
            mlp.params_mut().copy_from_slice(&p);
        }
        if scale {
            mlp.scale_inputs(&column_rms(&set.x, set.d));
        }
        let mut cfg = OptimizerConfig::new(kind, if kind == OptimizerKind::Adam { 0.01 } else { 0.03 });
        cfg.beta1 = 0.9;
        cfg.beta2 = 0.999;
        cfg.eps = 1e-7;
        let opt = cfg.build(mlp.param_count()).map_err(|e| e.to_string())?;
        let grad = vec![0.0; mlp.param_count()];
        Ok(Run { mlp, opt, grad, batch })
    }

    /// One epoch in file order; returns the number of optimiser steps.
    pub fn epoch(&mut self, s: &Set) -> usize {
        let mut start = 0;
        let mut steps = 0;
        while start < s.n {
            let m = self.batch.min(s.n - start);
            let loss = self.mlp.loss_and_gradient(
                &s.x[start * s.d..(start + m) * s.d],
                &s.y[start..start + m],
                m,
                Regularization::None,
                0.0,
                &mut self.grad,
            );
            black_box(loss);
            self.opt.step(self.mlp.params_mut(), &self.grad);
            start += m;
            steps += 1;
        }
        steps
    }
}

/// Where a bench network's initial weights come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    /// [`shared_init`]: the draws run-tfjs.mjs gives TensorFlow.js (the bench's default).
    Shared,
    /// `Mlp::new`'s own draws from `Rng::stream(seed, INIT)` (same distribution, other values).
    Engine,
}

/// The initial parameters run-tfjs.mjs's `makeNet` gives TensorFlow.js, in `Mlp`'s flat layout
/// `[W1, b1, W2, b2, …]` (each `W` fan_in × fan_out row-major, as TF.js's `[fi, fo]` tensors):
/// its mulberry32 generator seeded with `seed`, each weight `(2u − 1)·r` computed in f64 and
/// rounded to f32, with `Mlp::new`'s ranges — r = √(6/fan_in) for relu-like hidden layers,
/// √(6/(fan_in + fan_out)) otherwise and for the output layer — layer by layer in storage order;
/// biases 0. Same distribution as `Mlp::new`, and bit for bit the same values on both sides.
pub fn shared_init(sizes: &[usize], activation: Activation, seed: u64) -> Vec<f32> {
    let mut s = seed as u32;
    let mut rand = move || {
        s = s.wrapping_add(0x6d2b_79f5);
        let mut t = s;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    };
    let mut p = Vec::new();
    for l in 0..sizes.len() - 1 {
        let (fi, fo) = (sizes[l] as f64, sizes[l + 1] as f64);
        let last = l + 2 == sizes.len();
        let r = if !last && matches!(activation, Activation::Relu | Activation::LeakyRelu) { (6.0 / fi).sqrt() } else { (6.0 / (fi + fo)).sqrt() };
        for _ in 0..sizes[l] * sizes[l + 1] {
            p.push(((2.0 * rand() - 1.0) * r) as f32);
        }
        p.extend(std::iter::repeat_n(0.0f32, sizes[l + 1]));
    }
    p
}

pub fn spec(inputs: usize, hidden: &[usize], activation: Activation, head: Head, classes: usize) -> MlpSpec {
    MlpSpec { inputs, hidden: hidden.to_vec(), activation, head, classes }
}

pub fn w1_spec() -> MlpSpec {
    spec(2, &[4, 2], Activation::Tanh, Head::Tanh, 2)
}
pub fn w2_spec() -> MlpSpec {
    spec(2, &[64, 64], Activation::Relu, Head::Tanh, 2)
}
pub fn w3_spec() -> MlpSpec {
    spec(64, &[128], Activation::Relu, Head::Softmax, 10)
}

// ---------------------------------------------------------------------------------------------
// FLOP counts (PERFORMANCE.md's counting)
// ---------------------------------------------------------------------------------------------

/// FLOPs of a training step: 6·batch·Σ fan_in·fan_out (forward 2, backward 4).
pub fn step_flops(batch: usize, sizes: &[usize]) -> f64 {
    6.0 * batch as f64 * sizes.windows(2).map(|w| (w[0] * w[1]) as f64).sum::<f64>()
}
/// FLOPs of a forward pass over n rows: 2·n·Σ fan_in·fan_out.
pub fn forward_flops(n: usize, sizes: &[usize]) -> f64 {
    2.0 * n as f64 * sizes.windows(2).map(|w| (w[0] * w[1]) as f64).sum::<f64>()
}

// ---------------------------------------------------------------------------------------------
// Clustering (K1–K4): the k-means lab's work, timed here rather than in unit tests
// ---------------------------------------------------------------------------------------------

/// The 2,000 2-D points of K1 and K2: eight blobs, spread 1.0, seed 5.
pub fn kmeans_points() -> Result<Vec<f32>, String> {
    let p = ShapeParams { points: 2000, clusters: 8, spread: 1.0, seed: 5, ..ShapeParams::default() };
    Ok(shapes::generate(&p).map_err(|e| e.to_string())?.points)
}

/// K3 and K4's data: 2,000 points in five blobs (spread 0.5, seed 8) and the labels of the
/// best of `KMeansParams::default()`'s restarts with k = 5.
pub fn silhouette_case() -> Result<(Vec<f32>, Vec<usize>), String> {
    let p = ShapeParams { points: 2000, clusters: 5, spread: 0.5, seed: 8, ..ShapeParams::default() };
    let x = shapes::generate(&p).map_err(|e| e.to_string())?.points;
    let fit = fit_best(&x, 2, &KMeansParams { k: 5, ..KMeansParams::default() }).map_err(|e| e.to_string())?;
    let labels = fit.best.labels().ok_or("k-means left no labels")?.to_vec();
    Ok((x, labels))
}
