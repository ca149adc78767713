//! Transfer learning runs: a CNN trained on digits 0–4 lends its frozen filters to a network
//! that learns 5–9 from 5 examples per class, beside one trained from scratch on the same
//! examples and one that fine-tunes the copied filters. The three learning curves are printed;
//! the frozen filters must stay put, the fine-tuned ones must move.

use perplexed_core::cnn::transfer::{Phase, TransferRun, TransferSettings};
use perplexed_core::data::digits::Digits;
use perplexed_core::stepping::Stepping;

const CSV: &str = include_str!("../../../web/data/digits-8x8.csv");

#[test]
fn transfer_and_scratch_both_learn_the_new_digits() {
    let digits = Digits::parse(CSV).unwrap();
    let settings = TransferSettings::default();
    let mut run = TransferRun::new(&digits, &settings).unwrap();
    assert_eq!(run.phase(), Phase::Source);
    let target = run.target_split();
    assert_eq!(target.train.len(), 5 * 5, "5 examples of each of 5–9");
    assert!(target.train.iter().chain(&target.val).all(|&i| digits.labels[i] >= 5));
    assert!(run.source().split().train.iter().all(|&i| digits.labels[i] < 5));
    let total = run.progress().total.unwrap();

    let mut steps = 0;
    while !run.done() && steps < 10 * total {
        run.step();
        steps += 1;
    }
    assert!(run.done());
    assert_eq!(run.progress().done, total, "one step per mini-batch, as announced");
    let source_acc = *run.source().history().val_acc.last().unwrap();
    let transferred = run.transferred().unwrap();
    let (scratch_curve, transfer_curve) = (&run.scratch().history().val_acc, &transferred.history().val_acc);
    let tuned_curve = &run.fine_tuned().unwrap().history().val_acc;
    println!("source (0–4) validation accuracy after {} epochs: {source_acc:.4}", settings.source_epochs);
    println!("target 5–9 from 5 examples each, validation accuracy per epoch:");
    println!("  from scratch: {:?}", scratch_curve.iter().map(|a| format!("{a:.3}")).collect::<Vec<_>>());
    println!("  transferred:  {:?}", transfer_curve.iter().map(|a| format!("{a:.3}")).collect::<Vec<_>>());
    println!("  fine-tuned:   {:?}", tuned_curve.iter().map(|a| format!("{a:.3}")).collect::<Vec<_>>());
    assert_eq!(tuned_curve.len(), settings.target_epochs + 1);
    assert_eq!(scratch_curve.len(), settings.target_epochs + 1);
    assert_eq!(transfer_curve.len(), settings.target_epochs + 1);
    assert!(scratch_curve.iter().chain(transfer_curve).chain(tuned_curve).all(|a| a.is_finite()));
    assert!(source_acc > 0.9, "the source task is learned");

    // The transferred network's filters are still the source's.
    let name = "conv1.weight";
    let id = |t: &perplexed_core::cnn::trainer::CnnTrainer| t.net().params().find(name).unwrap();
    let source_w = run.source().net().params().value(id(run.source()));
    assert_eq!(transferred.net().params().value(id(transferred)), source_w);
    let tuned = run.fine_tuned().unwrap();
    assert_ne!(tuned.net().params().value(id(tuned)), source_w, "fine-tuning moves them");
}

#[test]
fn bad_transfer_settings_name_their_field() {
    let digits = Digits::parse(CSV).unwrap();
    let d = TransferSettings::default();
    let field = |s: TransferSettings| TransferRun::new(&digits, &s).unwrap_err().field;
    assert_eq!(field(TransferSettings { per_class: 0, ..d }), "per_class");
    assert_eq!(field(TransferSettings { per_class: 101, ..d }), "per_class");
    assert_eq!(field(TransferSettings { source_epochs: 0, ..d }), "source_epochs");
    assert_eq!(field(TransferSettings { target_epochs: 1000, ..d }), "target_epochs");
    let mut bad = d;
    bad.spec.kernel = 4;
    assert_eq!(field(bad), "kernel");
}
