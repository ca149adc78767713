//! # forest — our random forest's fitting time, for the side-by-side run against scikit-learn
//!
//! The workload of issue #6: a random forest of **100 trees, depth ≤ 8**, fitted to **1,000 2-D
//! points** (two noisy moons from `perplexed_core::data`, noise 0.3), with the classifier's usual
//! settings — Gini, `⌊√2⌋ = 1` feature tried per split, bootstrap on — exactly what
//! `RandomForestClassifier(n_estimators=100, max_depth=8, n_jobs=1)` fits with its defaults.
//! One timed unit is one `RandomForest::fit` (checking the data, sorting the features and
//! fitting all 100 trees), like one `.fit()` call in Python.
//!
//! `crates/bench/forest.sh` drives it: it writes the data set once (`--write-data`), then
//! alternates scikit-learn (`crates/bench/sklearn/forest_bench.py`) and this binary
//! (`--data … --repeats k`) round after round, so both see the same machine load.
//!
//! ```text
//! forest --write-data PATH [--points N] [--seed S]   write x1,x2,label rows (CSV with header)
//! forest --data PATH [--repeats K] [--warmup W]      time K fits after W untimed ones; print JSON
//! ```
//! Each fit uses a different seed (`repeat index`), as the Python side uses `random_state`.

use std::hint::black_box;
use std::time::Instant;

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::tree::cart::MaxFeatures;
use perplexed_core::tree::forest::{ForestParams, RandomForest};

/// The forest of the workload.
fn params(seed: u64) -> ForestParams {
    ForestParams { n_trees: 100, max_depth: Some(8), max_features: MaxFeatures::Sqrt, bootstrap: true, seed, ..ForestParams::default() }
}

fn write_data(path: &str, points: usize, seed: u64) -> Result<(), String> {
    let d = generate(&DataParams { kind: DatasetKind::Moons, points, noise: 0.3, seed }).map_err(|e| e.to_string())?;
    let mut csv = String::from("x1,x2,label\n");
    for (p, t) in d.points.chunks_exact(2).zip(&d.targets) {
        // `{}` prints the shortest decimal that reads back as the same f32: Python and Rust fit
        // bit-identical data.
        csv.push_str(&format!("{},{},{}\n", p[0], p[1], t));
    }
    std::fs::write(path, csv).map_err(|e| format!("cannot write {path}: {e}"))
}

fn read_data(path: &str) -> Result<(Vec<f32>, Vec<f32>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let (mut x, mut y) = (Vec::new(), Vec::new());
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let v: Vec<f32> = line.split(',').map(|c| c.trim().parse::<f32>()).collect::<Result<_, _>>().map_err(|e| format!("{path}: {e}"))?;
        if v.len() != 3 {
            return Err(format!("{path}: expected x1,x2,label, got {line}"));
        }
        x.extend([v[0], v[1]]);
        y.push(v[2]);
    }
    Ok((x, y))
}

fn time_fits(path: &str, repeats: usize, warmup: usize) -> Result<String, String> {
    let (x, y) = read_data(path)?;
    for w in 0..warmup {
        black_box(RandomForest::fit(&x, 2, &y, &params(1000 + w as u64)).map_err(|e| e.to_string())?);
    }
    let mut seconds = Vec::with_capacity(repeats);
    let mut oob = Vec::with_capacity(repeats);
    for r in 0..repeats {
        let t = Instant::now();
        let forest = black_box(RandomForest::fit(&x, 2, &y, &params(r as u64)).map_err(|e| e.to_string())?);
        seconds.push(t.elapsed().as_secs_f64());
        oob.push(forest.oob_score().unwrap_or(f64::NAN));
    }
    // Not compared with scikit-learn, for the page's budget: class probabilities of the last
    // forest over a 100 × 100 grid of the plane (the lab's heatmap), median of 5.
    let forest = RandomForest::fit(&x, 2, &y, &params(0)).map_err(|e| e.to_string())?;
    let grid: Vec<f32> = (0..100 * 100).flat_map(|i| [-6.0 + 0.12 * (i % 100) as f32, -6.0 + 0.12 * (i / 100) as f32]).collect();
    let mut proba = vec![0.0f32; 2 * 100 * 100];
    let mut grid_seconds: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            forest.predict_proba_into(&grid, &mut proba).map(|_| t.elapsed().as_secs_f64())
        })
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    grid_seconds.sort_by(f64::total_cmp);
    let list = |v: &[f64]| v.iter().map(|s| format!("{s:.6}")).collect::<Vec<_>>().join(", ");
    Ok(format!(
        "{{\"engine\": \"perplexed-core\", \"points\": {}, \"trees\": 100, \"max_depth\": 8, \"seconds\": [{}], \"oob_score\": [{}], \"grid_100x100_seconds\": {:.6}}}",
        y.len(),
        list(&seconds),
        list(&oob),
        grid_seconds[2]
    ))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str);
    let number = |flag: &str, default: usize| -> Result<usize, String> {
        get(flag).map_or(Ok(default), |v| v.parse().map_err(|e| format!("{flag}: {e}")))
    };
    if let Some(path) = get("--write-data") {
        return write_data(path, number("--points", 1000)?, number("--seed", 1)? as u64);
    }
    if let Some(path) = get("--data") {
        println!("{}", time_fits(path, number("--repeats", 5)?.max(1), number("--warmup", 1)?)?);
        return Ok(());
    }
    Err("usage: forest --write-data PATH [--points N] [--seed S] | forest --data PATH [--repeats K] [--warmup W]".into())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSV written for scikit-learn reads back as exactly the f32 data we generate, so both
    /// sides fit the same numbers; and the workload is the forest of the issue.
    #[test]
    fn forest_bench_data_round_trips_bit_for_bit() {
        let path = std::env::temp_dir().join(format!("forest-bench-{}.csv", std::process::id()));
        let path = path.to_str().unwrap();
        write_data(path, 1000, 1).unwrap();
        let (x, y) = read_data(path).unwrap();
        std::fs::remove_file(path).ok();
        let d = generate(&DataParams { kind: DatasetKind::Moons, points: 1000, noise: 0.3, seed: 1 }).unwrap();
        assert_eq!(x.iter().map(|v| v.to_bits()).collect::<Vec<_>>(), d.points.iter().map(|v| v.to_bits()).collect::<Vec<_>>());
        assert_eq!(y, d.targets);
        let p = params(0);
        assert_eq!((p.n_trees, p.max_depth, p.max_features, p.bootstrap), (100, Some(8), MaxFeatures::Sqrt, true));
    }
}
