//! Decoding: temperature → 0 is greedy, top-k keeps exactly k, top-p worked by hand and checked
//! against Hugging Face's rule, draws follow the transformed distribution (chi-square), the
//! repetition penalty and the repetition measure, generation from the n-gram baseline.

use perplexed_core::language::corpus::{Corpus, Language};
use perplexed_core::language::ngram::NGram;
use perplexed_core::language::sampling::{argmax, draw, generate, repeated_ngram_share, Decoding};
use perplexed_core::rng::Rng;

fn random_logits(rng: &mut Rng, n: usize) -> Vec<f32> {
    (0..n).map(|_| 3.0 * rng.normal()).collect()
}

fn with(temperature: f32, top_k: usize, top_p: f32) -> Decoding {
    Decoding { temperature, top_k, top_p, ..Decoding::default() }
}

fn assert_close(got: &[f32], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((f64::from(*g) - w).abs() < 1e-6, "{got:?} vs {want:?}");
    }
}

#[test]
fn temperature_towards_zero_is_greedy() {
    let mut rng = Rng::new(11);
    for trial in 0..500 {
        let n = 2 + rng.below(60);
        let logits = random_logits(&mut rng, n);
        let best = argmax(&logits);
        for t in [0.0, 1e-4, 9.9e-4] {
            let p = with(t, 0, 1.0).from_logits(&logits, &[]).unwrap();
            assert!(p.iter().enumerate().all(|(i, &x)| x == if i == best { 1.0 } else { 0.0 }), "trial {trial}, T = {t}");
        }
        // Just above the threshold the softmax itself is already (almost) one-hot when the top
        // two logits are apart: the limit is continuous.
        let mut sorted = logits.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        if sorted[0] - sorted[1] > 0.05 {
            let p = with(1e-3, 0, 1.0).from_logits(&logits, &[]).unwrap();
            assert!(p[best] > 0.999_999, "trial {trial}: {}", p[best]);
        }
    }
    // Equal maxima: the lower token id.
    let p = Decoding::greedy().from_logits(&[1.0, 3.0, 3.0, 0.0], &[]).unwrap();
    assert_eq!(p, vec![0.0, 1.0, 0.0, 0.0]);
}

#[test]
fn temperature_raises_probabilities_to_one_over_t() {
    // T = 2 on (0.64, 0.36): √ gives (0.8, 0.6), renormalised (0.8/1.4, 0.6/1.4).
    let p = with(2.0, 0, 1.0).from_probabilities(&[0.64, 0.36], &[]).unwrap();
    assert_close(&p, &[0.8 / 1.4, 0.6 / 1.4]);
    // T = 1 gives the distribution back; T = ½ squares it.
    let q = [0.1f32, 0.2, 0.3, 0.4];
    assert_close(&Decoding::default().from_probabilities(&q, &[]).unwrap(), &[0.1, 0.2, 0.3, 0.4]);
    assert_close(&with(0.5, 0, 1.0).from_probabilities(&q, &[]).unwrap(), &[0.01 / 0.3, 0.04 / 0.3, 0.09 / 0.3, 0.16 / 0.3]);
    // A probability 0 stays 0 at any temperature.
    let p = with(4.0, 0, 1.0).from_probabilities(&[0.0, 0.5, 0.5], &[]).unwrap();
    assert_eq!(p[0], 0.0);
}

#[test]
fn top_k_keeps_exactly_k_of_the_most_probable() {
    let mut rng = Rng::new(12);
    for _ in 0..300 {
        let n = 2 + rng.below(30);
        let logits = random_logits(&mut rng, n);
        let k = 1 + rng.below(n);
        let p = with(1.0, k, 1.0).from_logits(&logits, &[]).unwrap();
        let kept: Vec<usize> = (0..n).filter(|&i| p[i] > 0.0).collect();
        assert_eq!(kept.len(), k);
        // Every kept logit is at least every dropped one.
        let lowest_kept = kept.iter().map(|&i| logits[i]).fold(f32::INFINITY, f32::min);
        assert!((0..n).filter(|i| !kept.contains(i)).all(|i| logits[i] <= lowest_kept));
        assert!((p.iter().map(|&x| f64::from(x)).sum::<f64>() - 1.0).abs() < 1e-5);
    }
    // Ties: exactly k, the lower ids.
    let p = with(1.0, 2, 1.0).from_probabilities(&[0.25, 0.25, 0.25, 0.25], &[]).unwrap();
    assert_close(&p, &[0.5, 0.5, 0.0, 0.0]);
    // k = 0 and k ≥ V keep everything.
    for k in [0, 4, 10] {
        assert!(with(1.0, k, 1.0).from_probabilities(&[0.25; 4], &[]).unwrap().iter().all(|&x| x > 0.0));
    }
}

#[test]
fn top_p_keeps_the_smallest_set_reaching_p_worked_by_hand() {
    // Probabilities (0.1, 0.5, 0.15, 0.25). By size: 0.5 (id 1), 0.25 (id 3), 0.15 (id 2), 0.1.
    // Cumulative: 0.5, 0.75, 0.9, 1.0.
    let q = [0.1f32, 0.5, 0.15, 0.25];
    let top_p = |p: f32| with(1.0, 0, p).from_probabilities(&q, &[]).unwrap();
    // p = 0.4: 0.5 ≥ 0.4 already → id 1 alone.
    assert_close(&top_p(0.4), &[0.0, 1.0, 0.0, 0.0]);
    // p = 0.7 and p = 0.75 (reached exactly): ids 1 and 3, renormalised by 0.75.
    for p in [0.7, 0.75] {
        assert_close(&top_p(p), &[0.0, 0.5 / 0.75, 0.0, 0.25 / 0.75]);
    }
    // p = 0.76: 0.75 falls short → add id 2; divided by 0.9.
    assert_close(&top_p(0.76), &[0.0, 0.5 / 0.9, 0.15 / 0.9, 0.25 / 0.9]);
    // A tiny p still keeps one token; p = 1 keeps all.
    assert_close(&top_p(1e-6), &[0.0, 1.0, 0.0, 0.0]);
    assert_close(&top_p(1.0), &[0.1, 0.5, 0.15, 0.25]);
}

#[test]
fn top_p_keeps_what_hugging_face_keeps() {
    // transformers' TopPLogitsWarper: sort ascending, remove tokens whose cumulative
    // probability is ≤ 1 − p, always keep the last (most probable).
    let mut rng = Rng::new(13);
    for _ in 0..300 {
        let n = 2 + rng.below(40);
        let logits = random_logits(&mut rng, n);
        let p = 0.05 + 0.9 * rng.next_f32();
        let base: Vec<f64> = Decoding::default().from_logits(&logits, &[]).unwrap().iter().map(|&x| f64::from(x)).collect();
        let mut ascending: Vec<usize> = (0..n).collect();
        ascending.sort_by(|&a, &b| base[a].total_cmp(&base[b]).then(b.cmp(&a)));
        let mut cumulative = 0.0;
        let mut hf_kept = vec![true; n];
        for (rank, &i) in ascending.iter().enumerate() {
            cumulative += base[i];
            if cumulative <= 1.0 - f64::from(p) && rank + 1 < n {
                hf_kept[i] = false;
            }
        }
        let ours = with(1.0, 0, p).from_logits(&logits, &[]).unwrap();
        let ours_kept: Vec<bool> = ours.iter().map(|&x| x > 0.0).collect();
        assert_eq!(ours_kept, hf_kept, "p = {p}, distribution {base:?}");
    }
}

#[test]
fn draws_follow_the_transformed_distribution() {
    let mut rng = Rng::new(14);
    // Logits of spread 0.6, so that several tokens survive the cuts.
    let logits: Vec<f32> = random_logits(&mut rng, 12).iter().map(|l| 0.2 * l).collect();
    let decoding = Decoding { temperature: 0.8, top_k: 8, top_p: 0.95, repetition_penalty: 1.3 };
    let context = [2u32, 5];
    let p = decoding.from_logits(&logits, &context).unwrap();
    let draws = 60_000;
    let mut counts = vec![0usize; p.len()];
    for _ in 0..draws {
        counts[draw(&p, &mut rng)] += 1;
    }
    let kept: Vec<usize> = (0..p.len()).filter(|&i| p[i] > 0.0).collect();
    assert!((0..p.len()).filter(|i| !kept.contains(i)).all(|i| counts[i] == 0), "a removed token was drawn");
    let chi2: f64 = kept
        .iter()
        .map(|&i| {
            let expected = draws as f64 * f64::from(p[i]);
            (counts[i] as f64 - expected).powi(2) / expected
        })
        .sum();
    let df = (kept.len() - 1) as f64;
    // χ² with df degrees of freedom has mean df and sd √(2df); beyond df + 6√(2df) has
    // probability far below 10⁻⁴ for these df. The seed is fixed, so this is deterministic.
    println!("kept {} tokens, χ² = {chi2:.2} with {df} degrees of freedom; p = {p:?}; counts = {counts:?}", kept.len());
    assert!(chi2 < df + 6.0 * (2.0 * df).sqrt());
}

#[test]
fn the_repetition_penalty_divides_positive_logits_and_multiplies_negative_ones() {
    // Logits (2, −1, 0.5), tokens 0 and 1 already written, θ = 2 → (1, −2, 0.5).
    let decoding = Decoding { repetition_penalty: 2.0, ..Decoding::default() };
    let p = decoding.from_logits(&[2.0, -1.0, 0.5], &[0, 1, 1]).unwrap();
    let z: f64 = [1.0f64, -2.0, 0.5].iter().map(|l| l.exp()).sum();
    assert_close(&p, &[1.0f64.exp() / z, (-2.0f64).exp() / z, 0.5f64.exp() / z]);
    // Greedy decoding with a penalty changes its mind: token 0 (logit 2) was the argmax; once
    // written, 2/5 = 0.4 falls below token 2's 0.5.
    let greedy = Decoding { temperature: 0.0, repetition_penalty: 5.0, ..Decoding::default() };
    assert_eq!(argmax(&greedy.from_logits(&[2.0, -1.0, 0.5], &[0]).unwrap()), 2);
}

#[test]
fn repetition_is_the_share_of_ngrams_seen_before() {
    // 1 2 3 1 2 3: bigrams 12 23 31 12 23 → the last two repeat: 2/5. Unigrams: 3 of 6.
    let t = [1, 2, 3, 1, 2, 3];
    assert!((repeated_ngram_share(&t, 2) - 0.4).abs() < 1e-12);
    assert!((repeated_ngram_share(&t, 1) - 0.5).abs() < 1e-12);
    assert_eq!(repeated_ngram_share(&t, 4), 0.0, "trigrams… 4-grams 1231 2312 3123: all new");
    assert_eq!(repeated_ngram_share(&t, 7), 0.0);
    assert_eq!(repeated_ngram_share(&t, 0), 0.0);
    assert_eq!(repeated_ngram_share(&[5; 10], 3), 7.0 / 8.0);
}

#[test]
fn greedy_generation_from_the_ngram_loops_more_than_sampling() {
    let c = Corpus::generate(Language::English, 600, 1).unwrap();
    let mut vocab: Vec<char> = c.text.chars().collect();
    vocab.sort_unstable();
    vocab.dedup();
    let encode = |s: &str| -> Vec<u32> { s.chars().map(|ch| vocab.binary_search(&ch).unwrap_or(0) as u32).collect() };
    let decode = |t: &[u32]| -> String { t.iter().map(|&i| vocab[i as usize]).collect() };
    let mut model = NGram::fit(&encode(&c.train_text), vocab.len(), 3).unwrap();
    let prompt = encode("Q: What is the capital of Spain? A:");
    let mut rng = Rng::new(1);
    let greedy = generate(&mut model, &prompt, 300, &Decoding::greedy(), &mut rng).unwrap();
    let again = generate(&mut model, &prompt, 300, &Decoding::greedy(), &mut Rng::new(99)).unwrap();
    assert_eq!(greedy, again, "greedy decoding draws nothing");
    let sampled = generate(&mut model, &prompt, 300, &Decoding::default(), &mut Rng::new(1)).unwrap();
    assert_eq!(sampled, generate(&mut model, &prompt, 300, &Decoding::default(), &mut Rng::new(1)).unwrap());
    let penalised = Decoding { temperature: 0.0, repetition_penalty: 1.5, ..Decoding::default() };
    let unlooped = generate(&mut model, &prompt, 300, &penalised, &mut rng).unwrap();
    let (g, s, u) = (repeated_ngram_share(&greedy, 8), repeated_ngram_share(&sampled, 8), repeated_ngram_share(&unlooped, 8));
    println!("trigram, 300 characters; repeated 8-grams: greedy {g:.3}, sampled (T = 1) {s:.3}, greedy with penalty 1.5 {u:.3}");
    println!("greedy:  {:?}", decode(&greedy[..120]));
    println!("sampled: {:?}", decode(&sampled[..120]));
    assert!(g > 0.5 && g > s, "greedy loops");
}

#[test]
fn the_settings_and_scores_are_checked() {
    let ok = [0.5f32, 0.5];
    for (d, field) in [
        (with(-1.0, 0, 1.0), "temperature"),
        (with(6.0, 0, 1.0), "temperature"),
        (with(f32::NAN, 0, 1.0), "temperature"),
        (with(1.0, 0, 0.0), "top_p"),
        (with(1.0, 0, 1.5), "top_p"),
        (Decoding { repetition_penalty: 0.5, ..Decoding::default() }, "repetition_penalty"),
    ] {
        assert_eq!(d.from_probabilities(&ok, &[]).unwrap_err().field, field);
    }
    let d = Decoding::default();
    assert_eq!(d.from_logits(&[], &[]).unwrap_err().field, "scores");
    assert_eq!(d.from_logits(&[1.0, f32::NAN], &[]).unwrap_err().field, "scores");
    assert_eq!(d.from_logits(&[f32::NEG_INFINITY; 3], &[]).unwrap_err().field, "scores");
    assert_eq!(d.from_probabilities(&[0.0, 0.0], &[]).unwrap_err().field, "scores");
    assert_eq!(d.from_probabilities(&[-0.1, 1.1], &[]).unwrap_err().field, "scores");
    // Context ids past the vocabulary are ignored by the penalty.
    assert!(Decoding { repetition_penalty: 2.0, ..d }.from_probabilities(&ok, &[7, 1]).is_ok());
    // A draw from nothing positive is 0, never a panic.
    assert_eq!(draw(&[0.0, 0.0], &mut Rng::new(1)), 0);
    assert_eq!(draw(&[], &mut Rng::new(1)), 0);
    assert_eq!(argmax(&[]), 0);
    assert_eq!(argmax(&[f32::NAN, 1.0]), 1);
}
