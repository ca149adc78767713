//! # perplexed-bench — the fixed workloads W1–W8 of `PERFORMANCE.md`
//!
//! Measures the training engine of `perplexed-core` on exactly the work the peers in
//! `shared/PERFORMANCE.md` were measured on, through the engine's public API only
//! (`Mlp::loss_and_gradient`, `Optimizer::step`, `Mlp::predict`, `Mlp::evaluate`):
//!
//! | id | network | batch | one unit of work | reported as |
//! |---|---|---|---|---|
//! | W1 | 2 → 4 → 2 → 1, tanh, tanh head + MSE vs ±1 | 10 | one epoch of 250 spiral points (25 steps) | steps/s |
//! | W2 | 2 → 64 → 64 → 1, relu, tanh head + MSE vs ±1 | 32 | one epoch (8 steps, the last has 26 rows) | steps/s |
//! | W3 | 64 → 128 → 10, relu, softmax + cross-entropy | 64 | one epoch of 1,797 digits (29 steps) | steps/s |
//! | W4 | forward pass of the W1 / W2 net over the 100 × 100 grid into one reused f32 buffer | — | one grid | µs per grid |
//! | W5 | one Playground frame with the W2 net: one epoch + train and validation loss + W4 grid | — | one frame | ms per frame |
//! | W6–W8 | the tensor engine: CNN, LSTM, transformer steps and W8 sampling (`src/engine.rs`, docs/ENGINE-BENCH.md) | 32 / 16 / 16 | one step; 32 sampled tokens | steps/s; tokens/s |
//! | K1 | one k-means step (assign + update), 2,000 2-D points, k = 10 (a frame needs ≪ 1 ms) | — | one step | µs per call |
//! | K2 | k-means++ initialisation and a run to convergence on K1's points | — | one fit | ms per call |
//! | K3 | exact silhouette score of 2,000 points in five clusters | — | one score | ms per call |
//! | K4 | the same score on a seeded 500-point sample (must be well faster than K3) | — | one score | ms per call |
//! | E1 | word2vec skip-gram on the embedding lab's English corpus: dimension 50, window 5, 5 negatives (docs/EMBEDDING.md, beside gensim) | — | one `step_words(2000)` (whole sentences) | words/s |
//!
//! Optimisers: SGD (lr 0.03) and Adam (lr 0.01, β₁ 0.9, β₂ 0.999, ε 1e-7); no shuffling (file
//! order), no regularisation, f32. K1–K4 (the clustering lab) need no data file; they were
//! wall-clock assertions in `crates/core/tests/kmeans_props.rs` until a benchmark took them.
//!
//! **Targets.** The spiral files label the arms ±1. `perplexed-core`'s [`Head::Tanh`] takes the
//! data-set convention — a class index 0/1 — and trains its tanh output against ±1 internally,
//! so the harness maps −1 → 0 and +1 → 1: the loss is the same MSE against ±1 the peers used.
//!
//! **Initial weights.** Those of TensorFlow.js's side, bit for bit (`perplexed_bench::shared_init`,
//! the mulberry32 draws of `tfjs/run-tfjs.mjs` with `Mlp::new`'s ranges), and for the spiral
//! workloads with the first layer fitted to the inputs' scale as the page does
//! (`Mlp::scale_inputs`): see `Run::with_seed` and docs/PERFORMANCE.md ("W2 with Adam: why the
//! engines parted"). The sanity lines' first losses are therefore the same in every engine.
//!
//! **Timing.** `std::time::Instant` (monotonic; under WASI it is `clock_time_get`, which node
//! serves from its high-resolution clock). Each workload is first run for a warm-up period
//! (which also lets V8 tier the wasm up to its optimising compiler), then calibrated so one
//! repeat lasts about `--rep-ms`, then repeated `--repeats` times; min / median / max are
//! over the repeats. The weights keep training across repeats, as they would on the page.
//!
//! **Data.** The CSV files in `shared/bench-data` are the reference. The spiral files are
//! checked against a re-implementation of the formula in `PERFORMANCE.md` and the result is
//! printed; the benchmark runs on the files either way.

mod engine;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use perplexed_bench::{
    check_spiral, data_dir, forward_flops, grid_points, load_digits, load_spiral, sanity_epochs, step_flops, w1_spec,
    w2_spec, w3_spec, Run, TrainingWorkload,
};
use perplexed_bench::{kmeans_points, silhouette_case};
use perplexed_core::cluster::kmeans::{restart_rng, Init, KMeans};
use perplexed_core::metrics::silhouette::{silhouette_score, silhouette_score_sampled};
use perplexed_core::nn::mlp::Mlp;
use perplexed_core::optim::optimizers::OptimizerKind;

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

/// Settings from the command line.
#[derive(Debug, Clone)]
struct Args {
    data: Option<PathBuf>,
    /// The folder of `digits-8x8.csv` (W6); default `shared/data`.
    real_data: Option<PathBuf>,
    json: Option<PathBuf>,
    repeats: usize,
    rep_ms: f64,
    warmup_ms: f64,
    only: Vec<String>,
    note: Option<String>,
    seed: u64,
    /// Train and print the fixed-budget sanity lines (`--no-sanity` skips them).
    sanity: bool,
}

const USAGE: &str = "perplexed-bench [--data DIR] [--json PATH] [--repeats N] [--rep-ms MS] \
[--warmup-ms MS] [--quick] [--only W1,W2,...]

  --data DIR     folder with spiral_train.csv, spiral_test.csv, digits_random.csv
                 (default: ../shared/bench-data from the workspace root)
  --real-data DIR folder with digits-8x8.csv for W6 (default: ../shared/data)
  --json PATH    also write [{workload, engine, optimizer, median, unit, min, max}]
  --repeats N    timed repeats per workload after the warm-up (default 11)
  --rep-ms MS    target duration of one repeat (default 150)
  --warmup-ms MS warm-up per workload (default 400)
  --quick        3 repeats of 30 ms, 50 ms warm-up (a smoke test, not a measurement)
  --only LIST    comma-separated workload ids to run (W1..W8, W8S = W8 sampling only, K1..K4, E1)
  --note TEXT    appended to the engine name, e.g. the build profile (\"opt3\")
  --seed N       seed of the initial networks (default 1; timings do not depend on it)
  --no-sanity    skip the sanity lines' untimed fixed-budget training (side-by-side rounds 2+)";

fn parse_args(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args { data: None, real_data: None, json: None, repeats: 11, rep_ms: 150.0, warmup_ms: 400.0, only: vec![], note: None, seed: perplexed_bench::SEED, sanity: true };
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        let number = |name: &str, v: String| v.parse::<f64>().ok().filter(|x| *x > 0.0 && x.is_finite()).ok_or_else(|| format!("{name}: not a positive number: {v}"));
        match flag.as_str() {
            "--data" => a.data = Some(PathBuf::from(value("--data")?)),
            "--real-data" => a.real_data = Some(PathBuf::from(value("--real-data")?)),
            "--json" => a.json = Some(PathBuf::from(value("--json")?)),
            "--repeats" => a.repeats = number("--repeats", value("--repeats")?)?.round() as usize,
            "--rep-ms" => a.rep_ms = number("--rep-ms", value("--rep-ms")?)?,
            "--warmup-ms" => a.warmup_ms = number("--warmup-ms", value("--warmup-ms")?)?,
            "--quick" => {
                a.repeats = 3;
                a.rep_ms = 30.0;
                a.warmup_ms = 50.0;
            }
            "--only" => {
                a.only = value("--only")?.split(',').map(|s| s.trim().to_ascii_uppercase()).collect()
            }
            "--note" => a.note = Some(value("--note")?),
            "--seed" => a.seed = value("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--no-sanity" => a.sanity = false,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n\n{USAGE}")),
        }
    }
    Ok(a)
}


// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

/// What one call of a workload closure counts, and how it is reported.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    /// The closure returns optimiser steps; report steps per second.
    StepsPerSec,
    /// The closure returns generated tokens; report tokens per second.
    TokensPerSec,
    /// One call returns the words it read; report words per second.
    WordsPerSec,
    /// One call = one grid; report microseconds per call.
    MicrosPerGrid,
    /// One call = one frame; report milliseconds per call.
    MillisPerFrame,
    /// One call = one step of an algorithm; report microseconds per call.
    MicrosPerCall,
    /// One call = one fit or score; report milliseconds per call.
    MillisPerCall,
}

impl Unit {
    fn label(self) -> &'static str {
        match self {
            Unit::StepsPerSec => "steps/s",
            Unit::TokensPerSec => "tokens/s",
            Unit::WordsPerSec => "words/s",
            Unit::MicrosPerGrid => "µs/grid",
            Unit::MillisPerFrame => "ms/frame",
            Unit::MicrosPerCall => "µs/call",
            Unit::MillisPerCall => "ms/call",
        }
    }
    fn json(self) -> &'static str {
        match self {
            Unit::StepsPerSec => "steps/s",
            Unit::TokensPerSec => "tokens/s",
            Unit::WordsPerSec => "words/s",
            Unit::MicrosPerGrid => "us/grid",
            Unit::MillisPerFrame => "ms/frame",
            Unit::MicrosPerCall => "us/call",
            Unit::MillisPerCall => "ms/call",
        }
    }
}

/// min / median / max of the repeats, in the workload's unit.
#[derive(Debug, Clone, Copy)]
struct Stats {
    min: f64,
    median: f64,
    max: f64,
}

fn stats(mut v: Vec<f64>) -> Stats {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) };
    Stats { min: v[0], median, max: v[n - 1] }
}

/// Warm up, calibrate the number of calls per repeat, then time `repeats` repeats.
fn measure(a: &Args, unit: Unit, mut f: impl FnMut() -> usize) -> Stats {
    // Warm-up: at least two calls and `warmup_ms` — V8 tiers hot wasm functions up while this runs.
    let t0 = Instant::now();
    let mut calls = 0usize;
    while calls < 2 || t0.elapsed().as_secs_f64() * 1e3 < a.warmup_ms {
        black_box(f());
        calls += 1;
    }
    // Calibrate on already-warm calls, so the early slow ones do not shrink the repeats.
    let k = (calls / 4).max(1);
    let t1 = Instant::now();
    for _ in 0..k {
        black_box(f());
    }
    let per_call = t1.elapsed().as_secs_f64() / k as f64;
    let iters = ((a.rep_ms * 1e-3 / per_call.max(1e-9)).ceil() as usize).max(1);

    let mut samples = Vec::with_capacity(a.repeats);
    for _ in 0..a.repeats.max(1) {
        let t = Instant::now();
        let mut work = 0usize;
        for _ in 0..iters {
            work += f();
        }
        let dt = t.elapsed().as_secs_f64();
        samples.push(match unit {
            Unit::StepsPerSec | Unit::TokensPerSec | Unit::WordsPerSec => work as f64 / dt,
            Unit::MicrosPerGrid | Unit::MicrosPerCall => dt * 1e6 / iters as f64,
            Unit::MillisPerFrame | Unit::MillisPerCall => dt * 1e3 / iters as f64,
        });
    }
    stats(samples)
}

/// One line of the result table.
struct Row {
    workload: String,
    optimizer: &'static str,
    unit: Unit,
    stats: Stats,
    /// Dense-matmul FLOPs per unit of work (PERFORMANCE.md's counting), for the GFLOP/s column.
    flops: f64,
}

impl Row {
    fn gflops(&self) -> f64 {
        let s = self.stats.median;
        match self.unit {
            Unit::StepsPerSec => self.flops * s / 1e9,
            Unit::TokensPerSec | Unit::WordsPerSec => self.flops * s / 1e9,
            Unit::MicrosPerGrid | Unit::MicrosPerCall => self.flops / (s * 1e-6) / 1e9,
            Unit::MillisPerFrame | Unit::MillisPerCall => self.flops / (s * 1e-3) / 1e9,
        }
    }
}


fn engine() -> String {
    if cfg!(target_arch = "wasm32") {
        let simd = if cfg!(target_feature = "simd128") { "+simd128" } else { " (no simd128)" };
        format!("wasm32-wasip1{simd}")
    } else {
        format!("native-{}", std::env::consts::ARCH)
    }
}

/// The optimiser's name in the tables and the JSON ("sgd", "adam").
fn slug(kind: OptimizerKind) -> &'static str {
    kind.slug()
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

fn main() {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    if let Err(msg) = run(&args) {
        eprintln!("perplexed-bench: {msg}");
        std::process::exit(1);
    }
}

fn run(a: &Args) -> Result<(), String> {
    let wants = |id: &str| a.only.is_empty() || a.only.iter().any(|o| o == id);
    let dir = data_dir(&a.data)?;
    let (train, raw_train) = load_spiral(&dir.join("spiral_train.csv"))?;
    let (val, raw_test) = load_spiral(&dir.join("spiral_test.csv"))?;
    let digits = load_digits(&dir.join("digits_random.csv"))?;
    let grid = grid_points();
    let engine = match &a.note {
        Some(n) => format!("{} ({n})", engine()),
        None => engine(),
    };

    println!("perplexed-bench · engine {engine} · data {}", dir.display());
    let all: Vec<_> = raw_train.iter().chain(&raw_test).copied().collect();
    let (matched, total, max_diff) = check_spiral(&all);
    println!(
        "spiral files vs formula: {matched}/{total} points match (max |Δ| {max_diff:.1e}){}",
        if matched == total { "" } else { "  ← MISMATCH: the files are used as given" }
    );
    println!(
        "data: spiral train {} / test {} (labels ±1 → class 0/1 for the tanh head), digits {} × {}",
        train.n, val.n, digits.n, digits.d
    );
    println!(
        "timing: warm-up {} ms, {} repeats of ~{} ms each; min / median / max over repeats\n",
        a.warmup_ms, a.repeats, a.rep_ms
    );

    let mut rows: Vec<Row> = Vec::new();
    let mut checks: Vec<String> = Vec::new();
    let mut timed_ends: Vec<String> = Vec::new();
    let mut trained_w1: Option<Mlp> = None;
    let mut trained_w2: Option<Mlp> = None;

    // W1–W3: training steps.
    let training: [TrainingWorkload; 3] = [
        ("W1", "W1 playground 2-4-2-1", w1_spec, 10, &train),
        ("W2", "W2 wide 2-64-64-1", w2_spec, 32, &train),
        ("W3", "W3 digits-mlp 64-128-10", w3_spec, 64, &digits),
    ];
    for (id, name, make, batch, set) in training {
        // W1 and W2 also provide the trained nets of W4.
        let needed = wants(id) || (id != "W3" && wants("W4"));
        if !needed {
            continue;
        }
        for kind in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            let mut run = Run::with_seed(make(), kind, batch, a.seed, set)?;
            let (loss0, _) = run.mlp.evaluate(&set.x, &set.y, set.n);
            let mut epochs = 0usize;
            if wants(id) {
                let st = measure(a, Unit::StepsPerSec, || {
                    epochs += 1;
                    run.epoch(set)
                });
                rows.push(Row {
                    workload: name.to_string(),
                    optimizer: slug(kind),
                    unit: Unit::StepsPerSec,
                    stats: st,
                    flops: step_flops(batch, &run.mlp.layer_sizes()),
                });
                let (loss1, correct) = run.mlp.evaluate(&set.x, &set.y, set.n);
                timed_ends.push(format!(
                    "{id} {:<4} timed run: {epochs} epochs, training loss {loss0:.4} → {loss1:.4}, training accuracy {:.1} %",
                    slug(kind),
                    100.0 * correct as f64 / set.n as f64
                ));
                if a.sanity {
                    // The same budget from the same start in every engine (untimed).
                    let mut check = Run::with_seed(make(), kind, batch, a.seed, set)?;
                    let budget = sanity_epochs(id);
                    for _ in 0..budget {
                        check.epoch(set);
                    }
                    let (loss1, correct) = check.mlp.evaluate(&set.x, &set.y, set.n);
                    checks.push(format!(
                        "{id} {:<4}: {budget} epochs, training loss {loss0:.4} → {loss1:.4}, training accuracy {:.1} %",
                        slug(kind),
                        100.0 * correct as f64 / set.n as f64
                    ));
                }
            } else {
                // W4 alone: give its nets a little training so they are not at their init.
                for _ in 0..50 {
                    run.epoch(set);
                }
            }
            if kind == OptimizerKind::Sgd {
                match id {
                    "W1" => trained_w1 = Some(run.mlp.clone()),
                    "W2" => trained_w2 = Some(run.mlp.clone()),
                    _ => {}
                }
            }
        }
    }

    // W4: forward passes over the grid into one reused buffer.
    if wants("W4") {
        let mut out: Vec<f32> = Vec::with_capacity(10_000);
        for (name, net) in [("W4 grid, W1 net", trained_w1.as_mut()), ("W4 grid, W2 net", trained_w2.as_mut())] {
            let Some(net) = net else { continue };
            let st = measure(a, Unit::MicrosPerGrid, || {
                net.predict(&grid, 10_000, &mut out);
                black_box(out[0]);
                1
            });
            rows.push(Row {
                workload: name.to_string(),
                optimizer: "-",
                unit: Unit::MicrosPerGrid,
                stats: st,
                flops: forward_flops(10_000, &net.layer_sizes()),
            });
        }
    }

    // W5: one frame of the Playground lab with the W2 net.
    if wants("W5") {
        for kind in [OptimizerKind::Sgd, OptimizerKind::Adam] {
            let mut run = Run::with_seed(w2_spec(), kind, 32, a.seed, &train)?;
            let mut out: Vec<f32> = Vec::with_capacity(10_000);
            let sizes = run.mlp.layer_sizes();
            let st = measure(a, Unit::MillisPerFrame, || {
                run.epoch(&train);
                let (lt, _) = run.mlp.evaluate(&train.x, &train.y, train.n);
                let (lv, _) = run.mlp.evaluate(&val.x, &val.y, val.n);
                run.mlp.predict(&grid, 10_000, &mut out);
                black_box((lt, lv, out[0]));
                1
            });
            let frame_flops = 8.0 * step_flops(32, &sizes)
                + forward_flops(train.n + val.n, &sizes)
                + forward_flops(10_000, &sizes);
            rows.push(Row {
                workload: "W5 frame, W2 net".to_string(),
                optimizer: slug(kind),
                unit: Unit::MillisPerFrame,
                stats: st,
                flops: frame_flops,
            });
        }
    }

    clustering(a, &wants, &mut rows, &mut checks)?;
    if wants("E1") {
        embedding(a, &mut rows, &mut checks)?;
    }

    // W6–W8: the differentiable engine (src/engine.rs).
    engine::run(a, &wants, &mut rows, &mut checks)?;

    print!("{}", table(&engine, &rows));
    if !checks.is_empty() {
        println!("\nsanity (the engine must learn, not only be fast):");
        for c in &checks {
            println!("  {c}");
        }
    }
    if !timed_ends.is_empty() {
        println!("\nwhere the timed runs' training got to (engines of different speeds run different numbers of epochs):");
        for c in &timed_ends {
            println!("  {c}");
        }
    }
    if let Some(path) = &a.json {
        std::fs::write(path, json(&engine, &rows)).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("\nwrote {}", path.display());
    }
    Ok(())
}

/// K1–K4: the clustering lab's per-frame step, a whole fit, and the exact and sampled
/// silhouette scores (no data file; the targets are printed with the sanity lines).
fn clustering(a: &Args, wants: &dyn Fn(&str) -> bool, rows: &mut Vec<Row>, checks: &mut Vec<String>) -> Result<(), String> {
    let err = |e: perplexed_core::ParamError| e.to_string();
    let mut row = |workload: &str, unit: Unit, stats: Stats| {
        rows.push(Row { workload: workload.to_string(), optimizer: "-", unit, stats, flops: 0.0 });
        stats.median
    };
    if wants("K1") || wants("K2") {
        let points = kmeans_points()?;
        if wants("K1") {
            let mut km = KMeans::new(&points, 2, 10, Init::PlusPlus, &mut restart_rng(5, 0)).map_err(err)?;
            let st = measure(a, Unit::MicrosPerCall, || {
                km.assign();
                km.update();
                1
            });
            let us = row("K1 k-means step, 2000 points, k = 10", Unit::MicrosPerCall, st);
            let verdict = if us < 1e3 { "within" } else { "OVER" };
            checks.push(format!("K1: a k-means step takes {} µs (median), {verdict} a frame's 1 ms", fmt_num(us)));
        }
        if wants("K2") {
            let mut iterations = 0;
            let mut fit = || -> Result<usize, String> {
                let mut km = KMeans::new(&points, 2, 10, Init::PlusPlus, &mut restart_rng(6, 0)).map_err(err)?;
                km.run_to_convergence(300);
                iterations = km.iterations();
                Ok(1)
            };
            fit()?;
            let st = measure(a, Unit::MillisPerCall, || fit().unwrap_or(1));
            row("K2 k-means++ init + run to convergence", Unit::MillisPerCall, st);
            checks.push(format!("K2: k-means++ on K1's points converges in {iterations} iterations"));
        }
    }
    if wants("K3") || wants("K4") {
        let (x, labels) = silhouette_case()?;
        let exact = silhouette_score(&x, 2, &labels).map_err(err)?;
        let sampled = silhouette_score_sampled(&x, 2, &labels, 500, 1).map_err(err)?;
        let mut k3 = None;
        if wants("K3") {
            let st = measure(a, Unit::MillisPerCall, || {
                black_box(silhouette_score(&x, 2, &labels).ok());
                1
            });
            k3 = Some(row("K3 silhouette, exact, 2000 points", Unit::MillisPerCall, st));
        }
        if wants("K4") {
            let st = measure(a, Unit::MillisPerCall, || {
                black_box(silhouette_score_sampled(&x, 2, &labels, 500, 1).ok());
                1
            });
            let k4 = row("K4 silhouette, 500-point sample", Unit::MillisPerCall, st);
            let speedup = k3.map_or(String::new(), |k3| format!(", {:.1}× faster than exact", k3 / k4));
            checks.push(format!("K3/K4: silhouette exact {exact:.4}, sampled {sampled:.4}{speedup}"));
        }
    }
    Ok(())
}

/// E1: word2vec on the embedding lab's English corpus with the lab's settings, a chunk of
/// sentences per call as the page trains it; a run that reaches its last epoch starts again
/// (the rebuild, a few milliseconds per 5.7 million words, is inside the timing).
fn embedding(a: &Args, rows: &mut Vec<Row>, checks: &mut Vec<String>) -> Result<(), String> {
    use perplexed_core::embedding::corpus::{generate, CorpusSpec};
    use perplexed_core::embedding::word2vec::{Settings, Word2Vec, STEP_WORDS};
    use perplexed_core::stepping::Stepping as _;
    let err = |e: perplexed_core::ParamError| e.to_string();
    let corpus = generate(&CorpusSpec::default()).map_err(err)?;
    let timed = Settings { epochs: 100, ..Settings::default() };
    let mut w = Word2Vec::new(&corpus.text, &timed).map_err(err)?;
    let st = measure(a, Unit::WordsPerSec, || {
        if w.done() {
            if let Ok(fresh) = Word2Vec::new(&corpus.text, &timed) {
                w = fresh;
            }
        }
        w.step_words(STEP_WORDS).words
    });
    rows.push(Row { workload: "E1 word2vec skip-gram, d 50, window 5, 5 negatives".to_string(), optimizer: "-", unit: Unit::WordsPerSec, stats: st, flops: 0.0 });
    // Sanity: the lab's default run, untimed, answers king − man + woman.
    let mut lab = Word2Vec::new(&corpus.text, &Settings::default()).map_err(err)?;
    lab.run_to_end();
    let v = lab.vocabulary();
    let id = |s: &str| v.id(s).ok_or_else(|| format!("{s} is not in the vocabulary"));
    let top = lab.space().analogy(id("man")?, id("king")?, id("woman")?, 1);
    let answer = top.first().map_or("nothing", |n| v.word(n.id));
    checks.push(format!(
        "E1: {} words × {} epochs; king − man + woman → {answer} (last epoch's loss {:.3})",
        corpus.text.word_count(),
        lab.settings().epochs,
        lab.epoch_losses().last().copied().unwrap_or(f32::NAN)
    ));
    Ok(())
}

/// Human-readable numbers: no decimals for big ones, three significant-ish for small ones.
fn fmt_num(v: f64) -> String {
    if v >= 1000.0 {
        let s = format!("{v:.0}");
        // thousands separators for readability
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// The result table (Markdown, so it can be pasted into docs).
fn table(engine: &str, rows: &[Row]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "engine: {engine}");
    let _ = writeln!(s, "| workload | optimizer | median | min | max | unit | GFLOP/s (median) |");
    let _ = writeln!(s, "|---|---|---:|---:|---:|---|---:|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.workload,
            r.optimizer,
            fmt_num(r.stats.median),
            fmt_num(r.stats.min),
            fmt_num(r.stats.max),
            r.unit.label(),
            if r.flops > 0.0 { format!("{:.2}", r.gflops()) } else { "-".to_string() }
        );
    }
    s
}

/// `[{workload, engine, optimizer, median, unit, min, max}]`, hand-written (no dependencies).
fn json(engine: &str, rows: &[Row]) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut s = String::from("[\n");
    for (i, r) in rows.iter().enumerate() {
        let _ = writeln!(
            s,
            "  {{\"workload\": \"{}\", \"engine\": \"{}\", \"optimizer\": \"{}\", \"median\": {}, \"unit\": \"{}\", \"min\": {}, \"max\": {}}}{}",
            esc(&r.workload),
            esc(engine),
            r.optimizer,
            r.stats.median,
            r.unit.json(),
            r.stats.min,
            r.stats.max,
            if i + 1 < rows.len() { "," } else { "" }
        );
    }
    s.push_str("]\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use perplexed_bench::spiral_formula;

    #[test]
    fn spiral_formula_shape() {
        let p = spiral_formula();
        assert_eq!(p.len(), 500);
        // i = 0 is the origin for both arms; i = 1 of the +1 arm: r = 0.02, t = 3.5π/250.
        assert_eq!((p[0].0, p[0].1), (0.0, 0.0));
        let t = 1.75 * 2.0 * std::f64::consts::PI / 250.0;
        assert!((p[1].0 - 0.02 * t.sin()).abs() < 1e-15 && (p[1].1 - 0.02 * t.cos()).abs() < 1e-15);
        // The −1 arm is the +1 arm rotated by π: (x, y) → (−x, −y).
        assert!((p[251].0 + p[1].0).abs() < 1e-12 && (p[251].1 + p[1].1).abs() < 1e-12);
        // The check accepts the formula itself, in any order.
        let mut shuffled = p.clone();
        shuffled.reverse();
        assert_eq!(check_spiral(&shuffled).0, 500);
    }

    #[test]
    fn grid_layout() {
        let g = grid_points();
        assert_eq!(g.len(), 20_000);
        assert_eq!((g[0], g[1]), (-6.0, 6.0)); // i = 0, j = 0
        assert_eq!((g[2], g[3]), (-6.0, (6.0 - 12.0 / 99.0f64) as f32)); // inner j moves y
        assert_eq!((g[19_998], g[19_999]), (6.0, -6.0));
    }

    #[test]
    fn flop_counts_match_performance_md() {
        assert_eq!(step_flops(10, &[2, 4, 2, 1]), 1_080.0);
        assert_eq!(step_flops(32, &[2, 64, 64, 1]), 823_296.0);
        assert_eq!(step_flops(64, &[64, 128, 10]), 3_637_248.0);
        assert_eq!(forward_flops(10_000, &[2, 4, 2, 1]), 360_000.0);
        assert_eq!(forward_flops(10_000, &[2, 64, 64, 1]), 85_760_000.0);
    }

    #[test]
    fn median_and_args() {
        let s = stats(vec![3.0, 1.0, 2.0]);
        assert_eq!((s.min, s.median, s.max), (1.0, 2.0, 3.0));
        assert_eq!(stats(vec![4.0, 1.0, 2.0, 3.0]).median, 2.5);
        let a = parse_args(["--quick", "--only", "w1,W4"].map(String::from).into_iter()).unwrap();
        assert_eq!((a.repeats, a.only.clone()), (3, vec!["W1".to_string(), "W4".to_string()]));
        assert!(parse_args(["--bogus".to_string()].into_iter()).is_err());
        assert!(parse_args(["--repeats".to_string()].into_iter()).is_err());
    }
}
