//! # parity_w2 — W2's training trajectory on our engine, for a step-by-step comparison with TF.js
//!
//! Issue 13: W2 (2 → 64 → 64 → 1, relu, tanh head + MSE vs ±1, batch 32, file order) with Adam
//! (lr 0.01, β₁ 0.9, β₂ 0.999, ε 1e-7) did not learn in our engine while TensorFlow.js learned
//! it from the same kind of initialisation. This binary trains W2 as the bench does
//! (`perplexed_bench::Run`) and writes, as JSON, everything needed to replay the same run in
//! TF.js and compare it step by step:
//!
//! - `sizes`, `init` — the layer sizes and the initial parameters in our flat layout
//!   `[W1, b1, W2, b2, W3, b3]`, each `W` fan_in × fan_out row-major (TF.js's `[fi, fo]` layout);
//! - `batch`, `x`, `y` — the batch size and the training rows in file order (`y` as ±1);
//! - per optimiser (`sgd`, `adam`): `step_loss` (the batch loss each step returned, before the
//!   update), `grad1` (the gradient of the first step), `params_after` (the parameters after the
//!   steps listed in `--dump-steps`) and `epoch_loss` / `epoch_acc` (training loss and accuracy
//!   on all 250 rows after each epoch).
//!
//! It also prints where each run ended: how many rows are misclassified and how many of those sit
//! where the tanh head is saturated (exactly ±1, so their gradient is exactly 0).
//!
//! `crates/bench/tfjs/parity-w2-adam.mjs` reads the file, loads the same weights and batches into
//! TF.js and prints where the two runs part (what it showed: docs/PERFORMANCE.md, "W2 with Adam:
//! why the engines parted"). Usage:
//!
//! ```text
//! cargo run -p perplexed-bench --release --bin parity_w2 -- [--seed N] [--epochs E] \
//!     [--dump-steps 1,2,10] [--init shared|engine] [--plain] [--data DIR] --json PATH
//!   --init shared   the bench's initial weights (default): perplexed_bench::shared_init, the
//!                   draws run-tfjs.mjs gives TF.js
//!   --init engine   Mlp::new's own draws (the bench's weights until 2026-12-06)
//!   --plain         without the first layer's fit to the inputs' scale (Mlp::scale_inputs),
//!                   as the bench was until 2026-12-06
//! ```

use std::path::PathBuf;

use perplexed_bench::{data_dir, load_spiral, w2_spec, Init, Run};
use perplexed_core::nn::loss::Regularization;
use perplexed_core::optim::optimizers::OptimizerKind;

fn list(v: &[f32]) -> String {
    let mut s = String::with_capacity(v.len() * 12 + 2);
    s.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        // `{:?}` prints the shortest decimal that reads back as the same f32 (and NaN as NaN,
        // which is not JSON: a NaN here means the run diverged, and the reader should fail).
        s.push_str(&format!("{x:?}"));
    }
    s.push(']');
    s
}

/// The raw output z of every row, computed in f64 from the parameters (2 → h → h → 1, relu).
fn raw_outputs(sizes: &[usize], p: &[f32], x: &[f32]) -> Vec<f64> {
    let mut out = vec![];
    for row in x.chunks_exact(sizes[0]) {
        let mut h: Vec<f64> = row.iter().map(|&v| f64::from(v)).collect();
        let mut o = 0;
        for l in 0..sizes.len() - 1 {
            let (fi, fo) = (sizes[l], sizes[l + 1]);
            let mut z: Vec<f64> = (0..fo).map(|j| f64::from(p[o + fi * fo + j])).collect();
            for (i, &hi) in h.iter().enumerate() {
                for (j, zj) in z.iter_mut().enumerate() {
                    *zj += hi * f64::from(p[o + i * fo + j]);
                }
            }
            if l + 2 < sizes.len() {
                z.iter_mut().for_each(|v| *v = v.max(0.0));
            }
            h = z;
            o += fi * fo + fo;
        }
        out.push(h[0]);
    }
    out
}

/// Where the run ended: misclassified rows, and how many of them sit where tanh is exactly ±1 in
/// our engine (|z| ≥ 7.7095, the clamp of the rational tanh) and in f32 (|z| ≥ 9.011), so that
/// their gradient `2(o − t)(1 − o²)` is exactly 0; and the largest full-batch gradient entry.
fn plateau(run: &mut Run, sizes: &[usize], x: &[f32], y: &[f32], n: usize) -> String {
    let z = raw_outputs(sizes, run.mlp.params(), x);
    let wrong: Vec<f64> = z.iter().zip(y).filter(|(z, t)| (**z > 0.0) != (**t > 0.5)).map(|(z, _)| z.abs()).collect();
    let ours = wrong.iter().filter(|a| **a >= 7.7095).count();
    let f32sat = wrong.iter().filter(|a| **a >= 9.011).count();
    let mut g = vec![0.0; run.mlp.param_count()];
    run.mlp.loss_and_gradient(x, y, n, Regularization::None, 0.0, &mut g);
    let gmax = g.iter().fold(0.0f32, |m, v| m.max(v.abs()));
    format!(
        "{} rows misclassified, {} of them at |z| ≥ 7.7095 (our tanh = ±1 exactly), {} at |z| ≥ 9.011 (f32 tanh = ±1); full-batch max |g| {gmax:.2e}",
        wrong.len(),
        ours,
        f32sat
    )
}

fn main() -> Result<(), String> {
    let mut seed = perplexed_bench::SEED;
    let mut epochs = 200usize;
    let mut dump: Vec<usize> = vec![1, 2, 10];
    let mut data: Option<PathBuf> = None;
    let mut json: Option<PathBuf> = None;
    let mut init = Init::Shared;
    let mut scale = true;
    let mut it = std::env::args().skip(1);
    while let Some(f) = it.next() {
        let mut value = || it.next().ok_or(format!("{f} needs a value"));
        match f.as_str() {
            "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--epochs" => epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--dump-steps" => {
                dump = value()?.split(',').map(|s| s.trim().parse().map_err(|e| format!("--dump-steps: {e}"))).collect::<Result<_, _>>()?
            }
            "--data" => data = Some(value()?.into()),
            "--json" => json = Some(value()?.into()),
            "--plain" => scale = false,
            "--init" => match value()?.as_str() {
                "shared" => init = Init::Shared,
                "engine" => init = Init::Engine,
                v => return Err(format!("--init must be shared or engine, not {v}")),
            },
            _ => return Err(format!("unknown argument {f}")),
        }
    }
    let dir = data_dir(&data)?;
    let (train, _) = load_spiral(&dir.join("spiral_train.csv"))?;
    let batch = 32;

    let mut out = String::from("{\n");
    let first = Run::with_init(w2_spec(), OptimizerKind::Sgd, batch, seed, &train, init, scale)?;
    let setup = format!("{}{}", if init == Init::Shared { "shared" } else { "engine" }, if scale { "+scaled" } else { "" });
    out.push_str(&format!("\"init_from\":\"{setup}\","));
    out.push_str(&format!("\"seed\":{seed},\"batch\":{batch},\"epochs\":{epochs},\n"));
    out.push_str(&format!("\"sizes\":[{}],\n", first.mlp.layer_sizes().iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",")));
    out.push_str(&format!("\"init\":{},\n", list(first.mlp.params())));
    out.push_str(&format!("\"x\":{},\n", list(&train.x)));
    let pm: Vec<f32> = train.y.iter().map(|&t| if t > 0.5 { 1.0 } else { -1.0 }).collect();
    out.push_str(&format!("\"y\":{},\n", list(&pm)));
    out.push_str(&format!("\"dump_steps\":[{}],\n", dump.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",")));

    for (k, kind) in [OptimizerKind::Sgd, OptimizerKind::Adam].into_iter().enumerate() {
        let mut run = Run::with_init(w2_spec(), kind, batch, seed, &train, init, scale)?;
        assert_eq!(run.mlp.params(), first.mlp.params(), "same seed, same initial weights");
        let (loss0, _) = run.mlp.evaluate(&train.x, &train.y, train.n);
        let (mut step_loss, mut epoch_loss, mut epoch_acc) = (vec![], vec![], vec![]);
        let mut grad1 = vec![];
        let mut dumps = vec![];
        let mut step = 0usize;
        for _ in 0..epochs {
            let mut start = 0;
            while start < train.n {
                let m = batch.min(train.n - start);
                let l = run.mlp.loss_and_gradient(
                    &train.x[start * 2..(start + m) * 2],
                    &train.y[start..start + m],
                    m,
                    Regularization::None,
                    0.0,
                    &mut run.grad,
                );
                step_loss.push(l);
                if step == 0 {
                    grad1 = run.grad.clone();
                }
                run.opt.step(run.mlp.params_mut(), &run.grad);
                step += 1;
                if dump.contains(&step) {
                    dumps.push(format!("\"{step}\":{}", list(run.mlp.params())));
                }
                start += m;
            }
            let (l, c) = run.mlp.evaluate(&train.x, &train.y, train.n);
            epoch_loss.push(l);
            epoch_acc.push(c as f32 / train.n as f32);
        }
        let name = if kind == OptimizerKind::Adam { "adam" } else { "sgd" };
        eprintln!("ours {name:<4} at the end: {}", plateau(&mut run, &first.mlp.layer_sizes(), &train.x, &train.y, train.n));
        out.push_str(&format!(
            "\"{name}\":{{\"step_loss\":{},\n\"grad1\":{},\n\"params_after\":{{{}}},\n\"epoch_loss\":{},\n\"epoch_acc\":{}}}{}\n",
            list(&step_loss),
            list(&grad1),
            dumps.join(",\n"),
            list(&epoch_loss),
            list(&epoch_acc),
            if k == 0 { "," } else { "" }
        ));
        let last = epoch_loss.len().saturating_sub(1);
        eprintln!(
            "ours {name:<4} seed {seed} init {}: training loss {:.4} → {:.4} after {epochs} epochs, accuracy {:.1} %",
            setup,
            loss0,
            epoch_loss.get(last).copied().unwrap_or(f32::NAN),
            100.0 * epoch_acc.get(last).copied().unwrap_or(f32::NAN)
        );
    }
    out.push_str("}\n");
    match json {
        Some(p) => std::fs::write(&p, out).map_err(|e| format!("cannot write {}: {e}", p.display()))?,
        None => print!("{out}"),
    }
    Ok(())
}
