//! A training step of the CNN lab allocates nothing once warmed up — mini-batches and the
//! measurements at each epoch's end alike — so a page can train for minutes without feeding the
//! garbage-free WebAssembly heap. Counted by the per-thread counting allocator.

use perplexed_core::cnn::model::{CnnSpec, Pooling};
use perplexed_core::cnn::trainer::{CnnTrainer, TrainSettings};
use perplexed_core::data::digits::Digits;
use perplexed_core::stepping::Stepping;

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

const CSV: &str = include_str!("../../../web/data/digits-8x8.csv");

#[test]
fn training_steps_allocate_nothing_after_the_first_epoch() {
    let b = allocations();
    let v = std::hint::black_box(vec![1u8; 10]);
    assert!(allocations() > b, "the counter counts");
    drop(v);

    let digits = Digits::parse(CSV).unwrap();
    for spec in [
        CnnSpec::default(),
        CnnSpec { conv_layers: 2, filters: [4, 8], kernel: 5, pooling: Pooling::Average, dense: 16 },
    ] {
        let mut t = CnnTrainer::new(&digits, spec, &TrainSettings::default()).unwrap();
        t.step_epoch(); // warm-up: the tapes reach their largest sizes
        let before = allocations();
        // An epoch through `step`: its mini-batches, then ⌈1078/128⌉ + ⌈359/128⌉ = 12
        // measuring chunks.
        for _ in 0..2 * (t.batches_per_epoch() + 12) + 5 {
            t.step();
        }
        assert_eq!(allocations() - before, 0, "{spec:?}: a training step allocated");
        assert_eq!(t.epoch(), 3);
    }
}
