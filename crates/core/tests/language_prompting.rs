//! Measuring prompts: teacher forcing worked by hand on a toy model, the prompt/answer token
//! boundary, and the measurement run on the n-gram baseline with a character-level encoding
//! (no tokenizer needed) — which shows what an n-gram cannot do.

use perplexed_core::language::corpus::{Corpus, Language, PromptVariant, DEFAULT_DOCUMENTS};
use perplexed_core::language::ngram::NGram;
use perplexed_core::language::prompting::{answer_probability, compare_prompts, compare_spelling, split_tokens, NextToken};

/// A toy model over the tokens a, b, c (0, 1, 2) whose distribution depends on the context's
/// length: (0.5, 0.3, 0.2) after an even number of tokens, (0.1, 0.1, 0.8) after an odd one.
struct Parity;

impl NextToken for Parity {
    fn vocab(&self) -> usize {
        3
    }
    fn next_distribution(&mut self, context: &[u32]) -> Vec<f32> {
        if context.len().is_multiple_of(2) {
            vec![0.5, 0.3, 0.2]
        } else {
            vec![0.1, 0.1, 0.8]
        }
    }
}

fn abc(s: &str) -> Vec<u32> {
    s.chars().map(|c| c as u32 - 'a' as u32).collect()
}

#[test]
fn teacher_forcing_worked_by_hand() {
    // Prompt "ab" (2 tokens), answer "ac": P(a | 2 tokens) · P(c | 3 tokens) = 0.5 · 0.8 = 0.4;
    // greedy writes a (0.5 is the largest), then c (0.8): right.
    let s = answer_probability(&mut Parity, &abc, "ab", "ac");
    assert!((s.probability - 0.4).abs() < 1e-7 && s.greedy_right, "{s:?}");
    assert_eq!(s.token_probabilities.len(), 2);
    // Answer "bc": 0.3 · 0.8 = 0.24, but greedy writes a first: wrong.
    let s = answer_probability(&mut Parity, &abc, "ab", "bc");
    assert!((s.probability - 0.24).abs() < 1e-7 && !s.greedy_right, "{s:?}");
    // The prompt's length shifts the parity: after "abc", P(a) · P(a) = 0.1 · 0.5.
    let s = answer_probability(&mut Parity, &abc, "abc", "aa");
    assert!((s.probability - 0.05).abs() < 1e-7 && !s.greedy_right);
    // Nothing to answer: probability 1.
    assert_eq!(answer_probability(&mut Parity, &abc, "ab", "").probability, 1.0);
    // A token past the model's vocabulary has probability 0, never a panic.
    let s = answer_probability(&mut Parity, &abc, "ab", "z");
    assert_eq!((s.probability, s.greedy_right), (0.0, false));
}

#[test]
fn a_merge_across_the_boundary_falls_back_to_encoding_apart() {
    // An encoder that writes "ab" as one token (9): "xa" + "b" together are x, ab — the
    // prompt's own tokens (x, a) are not a prefix, so the answer is encoded alone.
    let merging = |s: &str| -> Vec<u32> {
        let mut out = Vec::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == 'a' && chars.get(i + 1) == Some(&'b') {
                out.push(9);
                i += 2;
            } else {
                out.push(chars[i] as u32 - 'a' as u32);
                i += 1;
            }
        }
        out
    };
    assert_eq!(split_tokens(&merging, "xa", "b"), (vec![23, 0], vec![1]));
    // Without a merge the joint encoding is cut after the prompt's tokens.
    assert_eq!(split_tokens(&merging, "xb", "ab"), (vec![23, 1], vec![9]));
}

fn char_model(language: Language, order: usize) -> (Corpus, NGram, Vec<char>) {
    let corpus = Corpus::generate(language, DEFAULT_DOCUMENTS, 1).unwrap();
    let mut chars: Vec<char> = corpus.text.chars().collect();
    for q in &corpus.questions {
        chars.extend(q.few_shot.chars().chain(q.role.chars()).chain(q.reworded.chars()));
    }
    for s in &corpus.spelling {
        chars.extend(s.spelled.chars());
    }
    chars.sort_unstable();
    chars.dedup();
    let train: Vec<u32> = corpus.train_text.chars().map(|c| chars.binary_search(&c).unwrap() as u32).collect();
    let model = NGram::fit(&train, chars.len(), order).unwrap();
    (corpus, model, chars)
}

/// The n-gram reads only its last `n − 1` characters, and every Q/A prompt ends in `? A:` (or
/// `? ת:`), both listed ones in the same `subject →`: the examples, the wording and the role
/// line before are out of its sight. So every
/// variant gives exactly the same probability — the lab's point that a model must *read* its
/// context to be prompted. And the right answer's probability cannot depend on the question:
/// two facts with the same answer get the same probability.
#[test]
fn an_ngram_cannot_be_prompted_every_variant_scores_the_same() {
    for language in Language::ALL {
        for order in [3, 4] {
            let (corpus, mut model, chars) = char_model(language, order);
            let encode = |s: &str| -> Vec<u32> { s.chars().map(|c| chars.binary_search(&c).unwrap_or(0) as u32).collect() };
            for (label, held_out) in [("held-out", true), ("asked in training", false)] {
                let questions: Vec<_> = corpus.questions.iter().filter(|q| q.held_out == held_out).cloned().collect();
                let scores = compare_prompts(&mut model, &questions, &encode);
                let line: Vec<String> = scores
                    .iter()
                    .map(|(v, s)| format!("{} {:.4} ({:.0} % right)", v.slug(), s.mean_probability, 100.0 * s.accuracy))
                    .collect();
                println!("{language:?}, {order}-gram, {} {label} questions: {}", questions.len(), line.join(", "));
                // The Q/A prompts all end in `? A:`; the two listed ones in the same `subject →`.
                let score = |v: PromptVariant| &scores.iter().find(|(w, _)| *w == v).unwrap().1;
                let same_end = [
                    (PromptVariant::ZeroShot, PromptVariant::FewShot),
                    (PromptVariant::ZeroShot, PromptVariant::Reworded),
                    (PromptVariant::ZeroShot, PromptVariant::Role),
                    (PromptVariant::Listed, PromptVariant::ListedFewShot),
                ];
                for (first, variant) in same_end {
                    let (zero, s) = (score(first), score(variant));
                    for (i, (a, b)) in zero.probabilities.iter().zip(&s.probabilities).enumerate() {
                        assert!(
                            (a - b).abs() <= 1e-12 * a.max(1e-30),
                            "{language:?} {order}-gram, {:?}: {first:?} {a:e} vs {variant:?} {b:e}",
                            questions[i].subject
                        );
                    }
                }
            }
            // Same answer, same probability, whatever the question.
            let qs = &corpus.questions;
            let mut pairs = 0;
            for (i, a) in qs.iter().enumerate() {
                for b in &qs[i + 1..] {
                    if a.answer == b.answer && a.relation == b.relation && pairs < 20 {
                        pairs += 1;
                        let pa = answer_probability(&mut model, &encode, &a.zero_shot, &a.continuation()).probability;
                        let pb = answer_probability(&mut model, &encode, &b.zero_shot, &b.continuation()).probability;
                        assert!((pa - pb).abs() <= 1e-12 * pa, "{} / {}: {pa:e} vs {pb:e}", a.subject, b.subject);
                    }
                }
            }
            assert!(pairs >= 10);
        }
    }
}

/// What an n-gram does get from the prompt: the kind of answer the last characters announce.
/// After `? A:` a capital, a colour, a name and a sum are all possible, so the right answer's
/// probability is low; an answer the corpus writes more often (sums are half the facts) gets
/// more. Asking for the count after a spelled word puts the letter right before the answer
/// (` r:`), the only context a 4-gram sees — it still cannot count.
#[test]
fn letter_counts_on_held_out_words_with_an_ngram() {
    for language in Language::ALL {
        let (corpus, mut model, chars) = char_model(language, 4);
        let encode = |s: &str| -> Vec<u32> { s.chars().map(|c| chars.binary_search(&c).unwrap_or(0) as u32).collect() };
        let held: Vec<_> = corpus.held_out_spelling().cloned().collect();
        let trained: Vec<_> = corpus.spelling.iter().filter(|s| !s.held_out).cloned().collect();
        for (label, items) in [("held-out words", &held), ("training words", &trained)] {
            let c = compare_spelling(&mut model, items, &encode);
            println!(
                "{language:?}, 4-gram, {} {label}: direct {:.4} ({:.0} % right), spelled {:.4} ({:.0} % right), model spells first {:.2e} ({:.0} % right)",
                items.len(),
                c.direct.mean_probability,
                100.0 * c.direct.accuracy,
                c.spelled.mean_probability,
                100.0 * c.spelled.accuracy,
                c.think_first.mean_probability,
                100.0 * c.think_first.accuracy,
            );
            assert_eq!((c.direct.len(), c.spelled.len(), c.think_first.len()), (items.len(), items.len(), items.len()));
            for p in [&c.direct, &c.spelled, &c.think_first] {
                assert!(p.probabilities.iter().all(|&x| x > 0.0 && x < 1.0), "smoothing: never 0");
            }
        }
        // Counting is out of reach: with the spelling given, the 4-gram reads only the letter's
        // label before the answer (` r:`), so every word asked about the same letter gets the
        // same distribution of counts — whatever its spelling says. (Its answer is the count
        // most common after that letter in the corpus: right often, by statistics, not by
        // counting.)
        let c = compare_spelling(&mut model, &held, &encode);
        let ones = held.iter().filter(|s| s.count == 1).count() as f64 / held.len() as f64;
        println!("  held-out items whose count is 1: {:.0} %; spelled, right {:.0} %", 100.0 * ones, 100.0 * c.spelled.accuracy);
        let mut same_letter = 0;
        for (i, a) in held.iter().enumerate() {
            for b in held[i + 1..].iter().filter(|b| b.letter == a.letter && b.count != a.count) {
                assert_eq!(model.next_distribution(&encode(&a.spelled)), model.next_distribution(&encode(&b.spelled)), "{} / {}", a.word, b.word);
                same_letter += 1;
            }
        }
        assert!(same_letter >= 3, "{language:?}: {same_letter} pairs of words with one letter and different counts");
        // What the spelled prompt does give an n-gram: the letter's label right before the
        // answer makes "a number" certain, where after `A:` a spelling could follow too — a
        // higher probability for the right count, without more counts right.
        assert!(c.spelled.mean_probability > c.direct.mean_probability, "{} vs {}", c.spelled.mean_probability, c.direct.mean_probability);
    }
}

#[test]
fn compare_prompts_lists_every_variant_in_order() {
    let (corpus, mut model, chars) = char_model(Language::English, 2);
    let encode = |s: &str| -> Vec<u32> { s.chars().map(|c| chars.binary_search(&c).unwrap_or(0) as u32).collect() };
    let scores = compare_prompts(&mut model, &corpus.questions[..10], &encode);
    assert_eq!(scores.iter().map(|s| s.0).collect::<Vec<_>>(), PromptVariant::ALL.to_vec());
    for (_, s) in &scores {
        assert_eq!(s.len(), 10);
        let mean = s.probabilities.iter().sum::<f64>() / 10.0;
        assert!((s.mean_probability - mean).abs() < 1e-15);
    }
    assert!(compare_prompts(&mut model, &[], &encode).iter().all(|(_, s)| s.is_empty() && s.mean_probability == 0.0));
}
