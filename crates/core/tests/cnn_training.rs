//! The CNN lab's training, natively: the default CNN learns the digits, a dense network with as
//! many parameters is its baseline, a one-pixel shift tests both, the same seed gives the same
//! bits, bad settings name their field, and a diverging run keeps finite parameters.

use std::time::Instant;

use perplexed_core::cnn::model::{Architecture, CnnSpec, DenseSpec, DigitNet, Pooling};
use perplexed_core::cnn::trainer::{CnnTrainer, TrainSettings};
use perplexed_core::data::digits::Digits;
use perplexed_core::data::split::Role;
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::rng::Rng;
use perplexed_core::stepping::{step_within, Stepping};

const CSV: &str = include_str!("../../../web/data/digits-8x8.csv");
const EPOCHS: usize = 20;

fn digits() -> Digits {
    Digits::parse(CSV).unwrap()
}

/// Trains `EPOCHS` epochs; returns the trainer, the first epoch with validation accuracy ≥ 95 %
/// and the mean time per epoch in ms.
fn train(arch: impl Into<Architecture>, settings: &TrainSettings) -> (CnnTrainer, Option<usize>, f64) {
    let mut t = CnnTrainer::new(&digits(), arch, settings).unwrap();
    let start = Instant::now();
    let mut crossed = None;
    for _ in 0..EPOCHS {
        t.step_epoch();
        if crossed.is_none() && t.history().val_acc[t.epoch()] >= 0.95 {
            crossed = Some(t.epoch());
        }
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / EPOCHS as f64;
    (t, crossed, ms)
}

#[test]
fn the_default_cnn_reaches_95_percent_and_tolerates_shifts_better_than_a_dense_baseline() {
    let settings = TrainSettings::default();
    let spec = CnnSpec::default();
    assert_eq!(spec.param_count(), 1370, "8·9 + 8 = 80 in the convolution, 8·4·4·10 + 10 = 1290 in the read-out");
    let (mut cnn, crossed, cnn_ms) = train(spec, &settings);
    assert_eq!(cnn.net().params().len(), spec.param_count());
    assert_eq!(cnn.counts(), (1078, 359, 360));
    assert_eq!(cnn.batches_per_epoch(), 34, "⌈1078/32⌉");
    assert!(!cnn.diverged());
    let h = cnn.history().clone();
    println!(
        "CNN ({} params): val acc ≥ 95 % at epoch {crossed:?}; after {EPOCHS}: train loss {:.4} acc {:.4}, val loss {:.4} acc {:.4}; {cnn_ms:.1} ms/epoch",
        spec.param_count(),
        h.train_loss[EPOCHS],
        h.train_acc[EPOCHS],
        h.val_loss[EPOCHS],
        h.val_acc[EPOCHS]
    );
    assert!(crossed.is_some(), "the default CNN must reach 95 % validation accuracy within {EPOCHS} epochs: {:?}", h.val_acc);

    let dense = DenseSpec::matching(spec.param_count());
    let (mut mlp, mlp_crossed, mlp_ms) = train(dense, &settings);
    let hd = mlp.history().clone();
    println!(
        "dense baseline (hidden {}, {} params): val acc ≥ 95 % at epoch {mlp_crossed:?}; after {EPOCHS}: val loss {:.4} acc {:.4}; {mlp_ms:.1} ms/epoch",
        dense.dense,
        dense.param_count(),
        hd.val_loss[EPOCHS],
        hd.val_acc[EPOCHS]
    );
    assert!(dense.param_count().abs_diff(spec.param_count()) < 80, "a fair comparison");
    assert!(hd.val_acc[EPOCHS] > 0.8, "the baseline learns too");

    // The translation experiment: every validation image moved one pixel. The shared kernels
    // still find the strokes one pixel over (only the read-out's weights are tied to places),
    // so the CNN keeps more of its accuracy than the dense network, whose every weight is.
    let (mut cnn_sum, mut mlp_sum) = (0.0, 0.0);
    for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
        let (_, c) = cnn.evaluate_shifted(Role::Validation, dx, dy);
        let (_, d) = mlp.evaluate_shifted(Role::Validation, dx, dy);
        println!("shift ({dx:+}, {dy:+}): CNN val acc {c:.4}, dense val acc {d:.4}");
        assert!(c.is_finite() && d.is_finite());
        (cnn_sum, mlp_sum) = (cnn_sum + c, mlp_sum + d);
    }
    println!("mean over the four shifts: CNN {:.4}, dense {:.4}", cnn_sum / 4.0, mlp_sum / 4.0);
    assert!(cnn_sum > mlp_sum, "the CNN is the more shift-tolerant");

    let (test_loss, test_acc) = cnn.evaluate(Role::Test);
    println!("CNN on the test set (once): loss {test_loss:.4}, accuracy {test_acc:.4}");
    let cm = cnn.confusion();
    assert_eq!(cm.total(), 359);
    assert!((cm.accuracy() - h.val_acc[EPOCHS]).abs() < 1e-6);
    let worst = cnn.most_confused(3);
    println!("most confused (true → predicted ×count, example): {worst:?}");
    for w in &worst {
        assert_ne!(w.truth, w.predicted);
        assert_eq!(cm.get(w.truth, w.predicted) as usize, w.count);
        assert_eq!(digits().labels[w.example] as usize, w.truth);
    }
    assert!(worst.windows(2).all(|p| p[0].count >= p[1].count));
}

#[test]
fn a_mini_batch_or_a_measuring_chunk_is_the_unit_of_work() {
    let mut t = CnnTrainer::new(&digits(), CnnSpec::default(), &TrainSettings::default()).unwrap();
    assert_eq!(t.counts(), (1078, 359, 360));
    assert_eq!(t.epoch(), 0);
    assert_eq!(t.history().train_loss.len(), 1, "entry 0 before training");
    for _ in 0..17 {
        t.step();
    }
    assert_eq!(t.epoch(), 0);
    assert_eq!(t.epoch_progress(), 17.0 * 32.0 / 1078.0);
    assert_eq!(t.progress().done, 17);
    for _ in 17..34 {
        t.step();
    }
    // ⌈1078/32⌉ = 34 mini-batches train the epoch; its measurement follows, spread out:
    // ⌈1078/128⌉ = 9 chunks of training images, then ⌈359/128⌉ = 3 of validation images.
    assert!(t.measuring(), "34 mini-batches end the epoch's training");
    assert_eq!((t.epoch(), t.epoch_progress()), (0, 1.0));
    for chunk in 0..12 {
        assert!(t.measuring(), "chunk {chunk}");
        t.step();
        assert_eq!(t.progress().done, 34, "measuring trains nothing");
    }
    assert!(!t.measuring());
    assert_eq!(t.epoch(), 1, "34 batches and 12 measuring chunks make an epoch");
    assert_eq!(t.epoch_progress(), 0.0);
    assert!(!t.done());
    let h = t.history();
    assert!(h.train_loss[1] < h.train_loss[0]);

    // Spread out or at once, the same epochs: the same chunks added up in the same order.
    let mut at_once = CnnTrainer::new(&digits(), CnnSpec::default(), &TrainSettings::default()).unwrap();
    at_once.step_epoch();
    at_once.step_epoch();
    for _ in 0..34 + 12 {
        t.step();
    }
    assert_eq!(t.history(), at_once.history());
    assert_eq!(t.net().params().values(), at_once.net().params().values());
    assert_eq!(t.evaluate(perplexed_core::data::split::Role::Validation).0, t.history().val_loss[2], "as evaluate measures it");

    // What a frame costs: no step is much more than a mini-batch (printed, not asserted).
    let (mut slowest, mut batch_ms) = (0.0f64, Vec::new());
    for _ in 0..34 + 12 {
        let measuring = t.measuring();
        let start = Instant::now();
        t.step();
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        slowest = slowest.max(ms);
        if !measuring {
            batch_ms.push(ms);
        }
    }
    let mean = batch_ms.iter().sum::<f64>() / batch_ms.len() as f64;
    println!("one mini-batch of 32: {mean:.3} ms on average; the slowest step of an epoch (measuring chunks included): {slowest:.3} ms");
    assert_eq!(t.epoch(), 3);

    // The page's driver: as many steps as fit a frame's budget (a fake clock, 1 ms a step).
    let clock = std::cell::Cell::new(0.0);
    let taken = step_within(&mut Ticking { trainer: &mut t, clock: &clock }, 100, 10.0, &|| clock.get());
    assert_eq!(taken, 10);
    assert_eq!(t.progress().done, 3 * 34 + 10);
}

/// A trainer whose every step moves a fake clock by 1 ms.
struct Ticking<'a> {
    trainer: &'a mut CnnTrainer,
    clock: &'a std::cell::Cell<f64>,
}

impl Stepping for Ticking<'_> {
    fn step(&mut self) {
        self.trainer.step();
        self.clock.set(self.clock.get() + 1.0);
    }
    fn done(&self) -> bool {
        self.trainer.done()
    }
    fn progress(&self) -> perplexed_core::stepping::Progress {
        self.trainer.progress()
    }
}

#[test]
fn same_seed_same_bits_other_seed_other_bits() {
    let run = |seed: u64| {
        let settings = TrainSettings { seed, ..TrainSettings::default() };
        let spec = CnnSpec { conv_layers: 2, filters: [4, 6], kernel: 3, pooling: Pooling::Average, dense: 16 };
        let mut t = CnnTrainer::new(&digits(), spec, &settings).unwrap();
        for _ in 0..2 {
            t.step_epoch();
        }
        let h = t.history();
        let mut bits: Vec<u32> = [&h.train_loss, &h.train_acc, &h.val_loss, &h.val_acc].iter().flat_map(|v| v.iter().map(|x| x.to_bits())).collect();
        bits.extend(t.net().params().values().iter().map(|v| v.to_bits()));
        bits
    };
    let a = run(1);
    assert_eq!(a, run(1));
    assert_ne!(a, run(2));
}

#[test]
fn every_invalid_setting_names_its_field() {
    let d = digits();
    let ok = CnnSpec::default();
    let s = TrainSettings::default();
    let field = |arch: Architecture, s: &TrainSettings| CnnTrainer::new(&d, arch, s).unwrap_err().field;
    let cnn = |f: &dyn Fn(&mut CnnSpec)| {
        let mut spec = ok;
        f(&mut spec);
        Architecture::Cnn(spec)
    };
    assert_eq!(field(cnn(&|c| c.conv_layers = 0), &s), "conv_layers");
    assert_eq!(field(cnn(&|c| c.conv_layers = 3), &s), "conv_layers");
    assert_eq!(field(cnn(&|c| c.filters = [0, 8]), &s), "filters");
    assert_eq!(field(cnn(&|c| c.filters = [17, 8]), &s), "filters");
    assert_eq!(field(cnn(&|c| *c = CnnSpec { conv_layers: 2, filters: [8, 0], ..*c }), &s), "filters");
    assert_eq!(field(cnn(&|c| c.kernel = 4), &s), "kernel");
    assert_eq!(field(cnn(&|c| c.kernel = 7), &s), "kernel");
    assert_eq!(field(cnn(&|c| c.dense = 7), &s), "dense");
    assert_eq!(field(cnn(&|c| c.dense = 129), &s), "dense");
    assert_eq!(field(DenseSpec { dense: 3 }.into(), &s), "dense");
    let a: Architecture = ok.into();
    assert_eq!(field(a, &TrainSettings { lr: 0.0, ..s }), "lr");
    assert_eq!(field(a, &TrainSettings { lr: f32::NAN, ..s }), "lr");
    assert_eq!(field(a, &TrainSettings { batch: 0, ..s }), "batch");
    assert_eq!(field(a, &TrainSettings { batch: 100_000, ..s }), "batch");
    assert_eq!(field(a, &TrainSettings { train_pct: 0, ..s }), "train");
    assert_eq!(field(a, &TrainSettings { train_pct: 90, val_pct: 20, ..s }), "val");
    assert_eq!(CnnTrainer::new(&Digits::default(), a, &s).unwrap_err().field, "data");
    let mut bad = d.clone();
    bad.labels[0] = 10;
    assert_eq!(CnnTrainer::new(&bad, a, &s).unwrap_err().field, "data");
    bad.images.pop();
    assert_eq!(CnnTrainer::new(&bad, a, &s).unwrap_err().field, "data");
    // Asking an invalid spec its size never panics: 0.
    assert_eq!(CnnSpec { conv_layers: 0, ..ok }.param_count(), 0);
    assert_eq!(CnnSpec { conv_layers: 9, ..ok }.param_count(), 0);
    assert_eq!(CnnSpec { filters: [usize::MAX, 1], ..ok }.param_count(), 0);
    assert_eq!(DenseSpec { dense: usize::MAX }.param_count(), 0);
    assert_eq!(ok.side_after(usize::MAX), 0);
    // 64·18 + 18 + 18·10 + 10 = 1,360: the dense network nearest the default CNN's 1,370.
    assert_eq!(DenseSpec::matching(1370), DenseSpec { dense: 18 });
    assert_eq!(DenseSpec { dense: 18 }.param_count(), 1360);
    // Everything the page offers builds, and its parameter count is the spec's.
    let mut rng = Rng::new(1);
    for conv_layers in 1..=2 {
        for kernel in [3, 5] {
            for pooling in Pooling::ALL {
                for dense in [0, 8, 128] {
                    let spec = CnnSpec { conv_layers, filters: [16, 16], kernel, pooling, dense };
                    let net = DigitNet::new(spec, &mut rng).unwrap();
                    assert_eq!(net.params().len(), spec.param_count(), "{spec:?}");
                }
            }
        }
    }
}

#[test]
fn divergence_stops_the_run_with_finite_parameters() {
    // Momentum at lr 10 overshoots: the training loss runs away above 1.5 × its start.
    let s = TrainSettings { optimizer: OptimizerKind::Momentum, lr: 10.0, ..TrainSettings::default() };
    let mut t = CnnTrainer::new(&digits(), CnnSpec::default(), &s).unwrap();
    for _ in 0..20 {
        t.step_epoch();
    }
    println!("momentum at lr 10: diverged {} after {} epochs, train loss {:?}", t.diverged(), t.epoch(), t.history().train_loss);
    assert!(t.diverged(), "lr 10 with momentum must diverge");
    assert!(t.done());
    assert!(t.net().params().values().iter().all(|v| v.is_finite()));
    assert!(t.history().train_loss.iter().all(|v| v.is_finite()));
    // Plain SGD at lr 10 does not explode here: its first steps kill the ReLUs (every unit
    // negative for every image), the network then predicts one constant and the loss sits
    // near ln 10 — not a divergence by the rules, but never a NaN either.
    let s = TrainSettings { optimizer: OptimizerKind::Sgd, lr: 10.0, ..TrainSettings::default() };
    let mut sgd = CnnTrainer::new(&digits(), CnnSpec::default(), &s).unwrap();
    for _ in 0..5 {
        sgd.step_epoch();
    }
    println!("SGD at lr 10: diverged {}, val acc {:?}", sgd.diverged(), sgd.history().val_acc);
    assert!(sgd.net().params().values().iter().all(|v| v.is_finite()));
    assert!(sgd.history().val_loss.iter().all(|v| v.is_finite()));

    let before = t.progress().done;
    t.step();
    assert_eq!(t.progress().done, before, "nothing trains once diverged");

    // A poisoned weight: the next batch loss is NaN; the last good parameters come back.
    let mut t = CnnTrainer::new(&digits(), CnnSpec::default(), &TrainSettings::default()).unwrap();
    t.step();
    let good = t.net().params().values().to_vec();
    t.net_mut().params_mut().values_mut()[0] = f32::NAN;
    t.step();
    assert!(t.diverged());
    assert_eq!(t.net().params().values(), &good[..]);
}

#[test]
fn a_drawn_digit_gets_ten_probabilities_and_feature_maps() {
    let d = digits();
    let spec = CnnSpec { conv_layers: 2, filters: [4, 6], kernel: 5, pooling: Pooling::Max, dense: 0 };
    let mut t = CnnTrainer::new(&d, spec, &TrainSettings::default()).unwrap();
    t.step_epoch();
    let image = d.image(0).unwrap().to_vec();
    let p = t.net_mut().probabilities(&image);
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-5);
    assert_eq!(t.net_mut().probabilities(&[0.0; 3]), [0.1; 10], "a wrong-sized drawing never panics");
    let maps = t.net_mut().feature_maps(&image);
    assert_eq!(maps.len(), 2);
    assert_eq!((maps[0].len(), maps[0][0].side), (4, 8), "same padding keeps 8 × 8");
    assert_eq!((maps[1].len(), maps[1][0].side), (6, 4), "after one 2 × 2 pooling");
    assert!(maps.iter().flatten().flat_map(|m| &m.values).all(|&v| v >= 0.0), "after ReLU");
    let f = t.net().filters(0);
    assert_eq!((f.len(), f[0].len()), (4, 25));
    let conv1 = t.net().params().find("conv1.weight").unwrap();
    assert_eq!(&f[1][..], &t.net().params().value(conv1)[25..50]);
    assert_eq!(t.net().filters(1).len(), 6, "averaged over the 4 input maps");
    assert!(t.net().filters(2).is_empty());
}
