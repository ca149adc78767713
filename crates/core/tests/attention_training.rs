//! The attention trainer: the whole transformer's gradient against finite differences, reverse-8
//! learnt with positions and not without, heads that attend to the mirrored position, the
//! parameter count, divergence, determinism, the page's views (inspection, mean attention), and a
//! mini-batch trained in small steps (gradient accumulation) taking the whole batch's step.

use std::time::Instant;

use perplexed_core::attention::model::{NetSpec, Position, TinyTransformer};
use perplexed_core::attention::tasks::{Task, TaskSpec, VOCAB};
use perplexed_core::attention::trainer::{default_settings, AttentionTrainer, Pacing, TrainSettings, NOT_MEASURED};
use perplexed_core::data::split::Role;
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;
use perplexed_core::tensor::Tape;

fn trainer(task: TaskSpec, net: NetSpec, settings: TrainSettings) -> AttentionTrainer {
    AttentionTrainer::new(task.generate().unwrap(), net, &settings).unwrap()
}

fn last(v: &[f32]) -> f32 {
    *v.last().unwrap()
}

/// The budget of the reverse-8 comparisons: this many epochs of the lab's defaults.
const EPOCHS: usize = 10;

/// Trains for at most `EPOCHS` epochs, stopping at `stop` exact-sequence validation accuracy;
/// returns (epochs, seconds, accuracy).
fn train_reverse(net: NetSpec, stop: f32) -> (usize, f32, AttentionTrainer) {
    let mut t = trainer(TaskSpec::default(), net, default_settings());
    let start = Instant::now();
    let mut epochs = 0;
    while epochs < EPOCHS && last(&t.history().val_acc) < stop {
        t.step_epoch();
        epochs += 1;
    }
    (epochs, start.elapsed().as_secs_f32(), t)
}

#[test]
fn the_whole_transformer_gradient_matches_finite_differences() {
    // Two blocks of two heads, width 16, on 2 rows of 5 tokens with 2 slots, every position
    // mode, causal or not: the slots' cross-entropy against the tape's gradient, every third
    // parameter nudged by ±h, (L(θ+h) − L(θ−h)) / 2h in f64.
    let tokens = [3u32, 0, 4, 1, 1, 2, 2, 0, 1, 1];
    let targets = [4u32, 0, 2, 3];
    for position in Position::ALL {
        for causal in [false, true] {
            let spec = NetSpec { layers: 2, heads: 2, width: 16, position, causal };
            let mut net = TinyTransformer::new(spec, 5, 5, 2, &mut Rng::new(11)).unwrap();
            let loss_of = |net: &mut TinyTransformer, tape: &mut Tape| {
                tape.reset();
                let logits = net.forward(tape, &tokens, 2);
                let loss = tape.softmax_cross_entropy(logits, &targets);
                (loss, f64::from(tape.scalar(loss)))
            };
            let mut tape = Tape::new();
            let (loss, _) = loss_of(&mut net, &mut tape);
            let mut params = net.params().clone();
            params.zero_grads();
            tape.backward(loss, &mut params).unwrap();
            let analytic = params.grads().to_vec();
            let h = 1e-2f32;
            let mut worst = 0.0f64;
            let mut checked = 0;
            for i in (0..analytic.len()).step_by(3) {
                let base = net.params().values()[i];
                net.params_mut().values_mut()[i] = base + h;
                let (_, up) = loss_of(&mut net, &mut tape);
                net.params_mut().values_mut()[i] = base - h;
                let (_, down) = loss_of(&mut net, &mut tape);
                net.params_mut().values_mut()[i] = base;
                let step = f64::from(base + h) - f64::from(base - h);
                let numeric = (up - down) / step;
                let an = f64::from(analytic[i]);
                let scale = numeric.abs().max(an.abs());
                assert!((numeric - an).abs() <= 1e-2 * scale + 2e-4, "{position:?} causal {causal}, parameter {i}: numeric {numeric:.6e}, tape {an:.6e}");
                if scale > 1e-2 {
                    worst = worst.max((numeric - an).abs() / scale);
                }
                checked += 1;
            }
            println!("{position:?}, causal {causal}: {checked} of {} parameters, worst relative error {worst:.2e}", analytic.len());
        }
    }
}

#[test]
fn parameter_counts_follow_the_formula() {
    // The default (width 32, 2 blocks, learned positions) on reverse-8 (28 tokens, 16 per row):
    // 28·32 + 16·32 + 2·(12·32² + 13·32) + 2·32 + 32·28 + 28 = 896 + 512 + 25,408 + 64 + 924.
    assert_eq!(NetSpec::default().param_count(VOCAB, 16), 27_804);
    for position in Position::ALL {
        for (layers, heads, width) in [(1, 1, 16), (2, 4, 32), (3, 2, 64)] {
            let spec = NetSpec { layers, heads, width, position, causal: false };
            let net = TinyTransformer::new(spec, VOCAB, 9, 1, &mut Rng::new(1)).unwrap();
            assert_eq!(net.params().len(), spec.param_count(VOCAB, 9), "{spec:?}");
        }
    }
}

#[test]
fn the_default_transformer_learns_to_reverse_eight_numbers() {
    let (epochs, seconds, t) = train_reverse(NetSpec::default(), 0.95);
    let (exact, token) = (last(&t.history().val_acc), last(t.token_accuracy().1));
    println!(
        "reverse-8, default model ({} parameters, {} batches of {} per epoch): validation exact {exact:.3}, per token {token:.3} after {epochs} epochs, {seconds:.2} s",
        t.net().params().len(),
        t.batches_per_epoch(),
        t.batch_size()
    );
    assert!(exact >= 0.95, "{exact} after {EPOCHS} epochs");
    assert!(t.split().val.iter().all(|&i| t.predictions()[i * 8] != NOT_MEASURED));
    assert!(t.split().test.iter().all(|&i| t.predictions()[i * 8] == NOT_MEASURED), "the test set is not peeked at");
}

#[test]
fn without_positions_reverse_fails_and_the_mask_alone_tells_some_order() {
    // No positions and no mask: every slot is the same blank token attending to the same set,
    // so all slots give the same answer — at best the row's most frequent number.
    let plain = NetSpec { position: Position::None, ..NetSpec::default() };
    let (_, seconds, t) = train_reverse(plain, 2.0);
    let (exact, token) = (last(&t.history().val_acc), last(t.token_accuracy().1));
    println!("reverse-8, no positions, no mask, {EPOCHS} epochs ({seconds:.1} s): validation exact {exact:.3}, per token {token:.3}");
    assert!(exact < 0.2, "{exact}");
    // Identical slots: every validation row's predictions are one number repeated.
    let p = t.predictions();
    assert!(t.split().val.iter().all(|&i| p[i * 8..i * 8 + 8].iter().all(|&v| v == p[i * 8])));

    // With the mask, slot j sees j + 1 slots more than the question: it can count them.
    let (_, seconds, t) = train_reverse(NetSpec { causal: true, ..plain }, 2.0);
    let (exact, token) = (last(&t.history().val_acc), last(t.token_accuracy().1));
    println!("reverse-8, no positions, causal mask, {EPOCHS} epochs ({seconds:.1} s): validation exact {exact:.3}, per token {token:.3}");
    assert!((0.0..=1.0).contains(&exact) && (0.0..=1.0).contains(&token));
}

#[test]
fn trained_heads_attend_to_the_mirrored_position() {
    // Slot j answers x_{n−1−j}: averaged over the validation rows, some head of some block must
    // put most of slot j's attention on position n − 1 − j.
    let mut t = trainer(TaskSpec::default(), NetSpec::default(), default_settings());
    for _ in 0..3 {
        t.step_epoch();
    }
    let spec = t.net().spec();
    let (n, steps, first) = (t.set().length, t.set().steps, t.set().first_slot());
    let mean = t.mean_attention(Role::Validation);
    assert_eq!(mean.len(), spec.layers * spec.heads * steps * steps);
    let mut weakest = 1.0f32;
    for j in 0..n {
        let (mut best, mut at) = (0.0f32, (0, 0));
        for l in 0..spec.layers {
            for h in 0..spec.heads {
                let m = mean[((l * spec.heads + h) * steps + first + j) * steps + (n - 1 - j)];
                if m > best {
                    (best, at) = (m, (l + 1, h + 1));
                }
            }
        }
        println!("slot {j}: {best:.3} of its attention on position {} (block {}, head {})", n - 1 - j, at.0, at.1);
        weakest = weakest.min(best);
    }
    println!("validation exact {:.3}; weakest slot {weakest:.3}", last(&t.history().val_acc));
    assert!(weakest >= 0.5, "{weakest}");
}

#[test]
fn inspecting_a_row_gives_every_intermediate_value_and_attention_that_sums_to_one() {
    for causal in [false, true] {
        let spec = NetSpec { layers: 3, heads: 4, width: 16, position: Position::Sinusoidal, causal };
        let task = TaskSpec { task: Task::Lookup, length: 6, examples: 200, seed: 2 };
        let mut t = trainer(task, spec, default_settings());
        t.step_epoch();
        let seen = t.inspect(5).unwrap();
        let (steps, w, heads) = (9, 16, 4);
        assert_eq!((seen.steps, seen.slots, seen.width, seen.heads, seen.vocab), (steps, 1, w, heads, VOCAB));
        assert_eq!(seen.tokens, t.set().example(5));
        assert_eq!(seen.embedded.len(), steps * w);
        assert_eq!(seen.layers.len(), 3);
        let mut input = seen.embedded.clone();
        for layer in &seen.layers {
            assert_eq!(layer.attention.len(), heads * steps * steps);
            assert_eq!((layer.after_attention.len(), layer.after_mlp.len()), (steps * w, steps * w));
            for (r, row) in layer.attention.chunks_exact(steps).enumerate() {
                let i = r % steps;
                assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5, "row {r} sums to 1");
                if causal {
                    assert!(row[i + 1..].iter().all(|&v| v == 0.0), "no look ahead");
                }
            }
            // softmax of the scores is the attention.
            for (s, a) in layer.scores.chunks_exact(steps).zip(layer.attention.chunks_exact(steps)) {
                let m = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let e: Vec<f64> = s.iter().map(|&v| f64::from(v - m).exp()).collect();
                let total: f64 = e.iter().sum();
                for (e, &a) in e.iter().zip(a) {
                    assert!((e / total - f64::from(a)).abs() < 1e-5, "softmax(scores) = attention");
                }
            }
            // What the heads gather, through the output projection and the residual, is the
            // attention sub-layer's result: x + Σⱼ aᵢⱼvⱼ·W_o + b_o = h (W_o is [width, width]).
            let l = seen.layers.iter().position(|x| std::ptr::eq(x, layer)).unwrap();
            let params = t.net().params();
            let w_o = params.value(params.find(&format!("block{}.attn.out.weight", l + 1)).unwrap());
            let b_o = params.value(params.find(&format!("block{}.attn.out.bias", l + 1)).unwrap());
            assert_eq!((layer.values.len(), layer.gathered.len()), (steps * w, steps * w));
            for i in 0..steps {
                for c in 0..w {
                    let mixed: f32 = (0..w).map(|k| layer.gathered[i * w + k] * w_o[k * w + c]).sum::<f32>() + b_o[c];
                    let h = input[i * w + c] + mixed;
                    assert!((h - layer.after_attention[i * w + c]).abs() < 1e-4, "position {i}, feature {c}: {h} vs {}", layer.after_attention[i * w + c]);
                }
            }
            assert!(layer.after_attention != input && layer.after_mlp != layer.after_attention);
            input.clone_from(&layer.after_mlp);
        }
        assert_eq!((seen.logits.len(), seen.probabilities.len(), seen.predicted.len()), (VOCAB, VOCAB, 1));
        assert!((seen.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-5);
        assert!(t.inspect(t.set().len()).is_none());
    }
}

#[test]
fn clipping_bounds_each_step() {
    // SGD moves θ by lr·g; clipped to ‖g‖ ≤ 0.01 the step's length is at most 0.1 · 0.01.
    let settings = TrainSettings { optimizer: OptimizerKind::Sgd, lr: 0.1, clip: Some(0.01), ..default_settings() };
    let mut t = trainer(TaskSpec { examples: 200, ..TaskSpec::default() }, NetSpec::default(), settings);
    let before = t.net().params().values().to_vec();
    t.step_batch();
    let moved: f64 = before.iter().zip(t.net().params().values()).map(|(a, b)| f64::from(a - b).powi(2)).sum::<f64>().sqrt();
    assert!(moved <= 0.1 * 0.01 * 1.0001 && moved > 0.0, "moved {moved}");
}

#[test]
fn a_runaway_learning_rate_is_reported_as_diverged_and_nothing_becomes_nan() {
    let settings = TrainSettings { optimizer: OptimizerKind::Sgd, lr: 10.0, clip: None, ..default_settings() };
    let mut t = trainer(TaskSpec::default(), NetSpec::default(), settings);
    for _ in 0..500 {
        if t.done() {
            break;
        }
        t.step();
    }
    assert!(t.diverged(), "lr 10 without clipping diverges");
    assert!(t.net().params().values().iter().all(|v| v.is_finite()));
    assert!(t.history().train_loss.iter().chain(&t.history().val_loss).all(|v| v.is_finite()));
    let epoch = t.epoch();
    t.step();
    t.step_epoch();
    assert_eq!(t.epoch(), epoch, "a diverged run stays stopped");
}

#[test]
fn the_same_settings_give_the_same_bits_whether_stepped_by_epoch_or_spread() {
    let task = TaskSpec { examples: 500, ..TaskSpec::default() };
    let make = || trainer(task, NetSpec { causal: true, ..NetSpec::default() }, default_settings());
    let (mut a, mut b) = (make(), make());
    for _ in 0..3 {
        a.step_epoch();
    }
    while b.epoch() < 3 {
        b.step();
    }
    assert_eq!(a.history(), b.history());
    assert_eq!(a.token_accuracy(), b.token_accuracy());
    assert_eq!(a.net().params().values(), b.net().params().values());
    assert_eq!(a.predictions(), b.predictions());
    let c = trainer(task, NetSpec::default(), TrainSettings { seed: 2, ..default_settings() });
    assert_ne!(c.net().params().values(), make().net().params().values());
}

#[test]
fn the_test_set_is_measured_only_on_request_and_bad_settings_are_refused() {
    let task = TaskSpec { examples: 200, ..TaskSpec::default() };
    let mut t = trainer(task, NetSpec::default(), default_settings());
    let (loss, exact, token) = t.evaluate_tokens(Role::Test);
    assert!(loss.is_finite() && (0.0..=1.0).contains(&exact) && (0.0..=1.0).contains(&token));
    assert!(t.set_lr(0.0).is_err() && t.set_lr(0.01).is_ok());
    let set = task.generate().unwrap();
    let refuse = |net: NetSpec, s: TrainSettings| AttentionTrainer::new(set.clone(), net, &s).err().map(|e| e.field);
    let ok = default_settings();
    assert_eq!(refuse(NetSpec { heads: 3, ..NetSpec::default() }, ok), Some("heads"));
    assert_eq!(refuse(NetSpec { width: 8, ..NetSpec::default() }, ok), Some("width"));
    assert_eq!(refuse(NetSpec { layers: 4, ..NetSpec::default() }, ok), Some("layers"));
    assert_eq!(refuse(NetSpec::default(), TrainSettings { lr: 0.0, ..ok }), Some("lr"));
    assert_eq!(refuse(NetSpec::default(), TrainSettings { batch: 0, ..ok }), Some("batch"));
    assert_eq!(refuse(NetSpec::default(), TrainSettings { batch: 257, ..ok }), Some("batch"));
    assert_eq!(refuse(NetSpec::default(), TrainSettings { clip: Some(-1.0), ..ok }), Some("clip"));
    assert_eq!(refuse(NetSpec::default(), TrainSettings { train_pct: 0, ..ok }), Some("train"));
}

/// A mini-batch of 32 trained 5 rows a step, the chunks' gradients weighted by their share and
/// added up, takes the step the whole batch takes at once. With plain SGD (whose step scales
/// with the gradient, unlike Adam's) a wrong weighting — a sum instead of a mean, say — would
/// move the weights 6.4× as far.
#[test]
fn a_batch_trained_in_chunks_takes_the_whole_batch_step() {
    let set = TaskSpec { examples: 300, ..TaskSpec::default() }.generate().unwrap();
    let settings = TrainSettings { optimizer: OptimizerKind::Sgd, lr: 0.1, clip: None, ..default_settings() };
    let mut whole = AttentionTrainer::new(set.clone(), NetSpec::default(), &settings).unwrap();
    let chunked_pacing = Pacing { rows_per_step: 5, training_loss_from_batches: false };
    let mut chunked = AttentionTrainer::with_pacing(set, NetSpec::default(), &settings, chunked_pacing).unwrap();
    let start = whole.net().params().values().to_vec();
    // One batch: 32 rows in 7 steps (6 × 5 + 2); the optimiser steps on the seventh.
    for k in 1..=7 {
        chunked.step();
        assert_eq!(chunked.batches_trained(), usize::from(k == 7), "after step {k}");
    }
    whole.step_batch();
    for _ in 0..2 {
        whole.step_batch();
        chunked.step_batch();
    }
    let (a, b) = (whole.net().params().values(), chunked.net().params().values());
    let moved: f32 = a.iter().zip(&start).map(|(x, s)| (x - s).abs()).fold(0.0, f32::max);
    let worst: f32 = a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
    assert!(moved > 1e-3, "three SGD steps move the weights: {moved}");
    assert!(worst < 1e-4 * moved.max(1.0), "largest difference {worst} (weights moved up to {moved})");
    // 180 training rows in batches of 32: 6 batches, 6 × 7 training steps; then 180 training
    // and 60 validation rows measured 5 at a time.
    assert_eq!(chunked.steps_per_epoch(), 6 * 7 + 36 + 12);
}

/// Training loss from batches: the untrained model's validation loss is measured over the first
/// steps (no training meanwhile), there is no training loss before the first batch, and an
/// epoch's training loss is the mean of its batches' losses — close to a separate pass's.
#[test]
fn training_loss_from_batches_skips_the_second_pass() {
    let set = TaskSpec { examples: 300, ..TaskSpec::default() }.generate().unwrap();
    let pacing = Pacing { rows_per_step: 8, training_loss_from_batches: true };
    let mut t = AttentionTrainer::with_pacing(set.clone(), NetSpec::default(), &default_settings(), pacing).unwrap();
    assert!(t.history().val_loss[0].is_nan() && t.measuring());
    // 60 validation rows, 8 a step: 8 steps.
    for _ in 0..8 {
        t.step();
    }
    assert!(!t.measuring() && t.batches_trained() == 0);
    assert!(t.history().train_loss[0].is_nan());
    let initial = t.history().val_loss[0];
    assert!((initial - (VOCAB as f32).ln()).abs() < 0.5, "untrained: {initial} against ln {VOCAB}");
    // 6 batches of 32 in 4 steps each, then 8 measuring steps.
    assert_eq!(t.steps_per_epoch(), 6 * 4 + 8);
    t.step_epoch();
    let h = t.history();
    assert_eq!(h.train_loss.len(), 2);
    assert!(h.train_loss[1].is_finite() && h.train_loss[1] < initial, "{:?}", h.train_loss);
    assert!(h.train_acc[1].is_nan(), "no training accuracy without a pass");
}
