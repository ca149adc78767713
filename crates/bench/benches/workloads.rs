//! W1–W4 of the shared `PERFORMANCE.md`, natively with criterion — the second view next to the
//! wasm-under-node figures of `bench.sh` (which are the ones compared with TensorFlow.js).
//!
//! `cargo bench -p perplexed-bench` (add `-- W2` to filter). The data folder is found like the
//! harness finds it (`$PERPLEXED_BENCH_DATA`, else `../shared/bench-data` next to the workspace).
//! Criterion reports time per iteration; the throughput line gives steps/s (W1–W3, one iteration
//! = one epoch) or grids/s (W4). W5 is W2's epoch plus two evaluations and a W2 grid, so it adds
//! nothing a native view needs; the harness times it.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use perplexed_bench::{
    data_dir, grid_points, load_digits, load_spiral, w1_spec, w2_spec, w3_spec, Run, Set,
    TrainingWorkload,
};
use perplexed_core::optim::optimizers::OptimizerKind;

fn data() -> (Set, Set) {
    let dir = data_dir(&None).unwrap_or_else(|e| panic!("{e}"));
    let (train, _) = load_spiral(&dir.join("spiral_train.csv")).unwrap_or_else(|e| panic!("{e}"));
    let digits = load_digits(&dir.join("digits_random.csv")).unwrap_or_else(|e| panic!("{e}"));
    (train, digits)
}

fn workloads(c: &mut Criterion) {
    let (train, digits) = data();
    let grid = grid_points();
    let training: [TrainingWorkload; 3] = [
        ("W1", "W1 2-4-2-1", w1_spec, 10, &train),
        ("W2", "W2 2-64-64-1", w2_spec, 32, &train),
        ("W3", "W3 64-128-10", w3_spec, 64, &digits),
    ];
    for (_, name, make, batch, set) in training {
        let steps = set.n.div_ceil(batch) as u64;
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Elements(steps));
        for (kind, slug) in [(OptimizerKind::Sgd, "sgd"), (OptimizerKind::Adam, "adam")] {
            let mut run = Run::new(make(), kind, batch, set).unwrap();
            g.bench_function(format!("{slug} epoch"), |b| {
                b.iter(|| black_box(run.epoch(set)))
            });
        }
        g.finish();
    }

    // W4: the grid through SGD-trained W1 and W2 nets (50 epochs, as the harness's W4-only run).
    let mut g = c.benchmark_group("W4 grid");
    g.throughput(Throughput::Elements(1));
    for (name, make, batch) in [
        ("W1 net", w1_spec as fn() -> _, 10),
        ("W2 net", w2_spec, 32),
    ] {
        let mut run = Run::new(make(), OptimizerKind::Sgd, batch, &train).unwrap();
        for _ in 0..50 {
            run.epoch(&train);
        }
        let mut out: Vec<f32> = Vec::with_capacity(10_000);
        g.bench_function(name, |b| {
            b.iter(|| {
                run.mlp.predict(&grid, 10_000, &mut out);
                black_box(out[0])
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    // Small: about 2 s per benchmark, 10 benchmarks.
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    targets = workloads
}
criterion_main!(benches);
