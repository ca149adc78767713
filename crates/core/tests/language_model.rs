//! The language lab's model: the transformer beats the n-gram baseline, prompts are measured on
//! it, sampling at temperature → 0 is greedy decoding, and asking for the next token after a
//! context gives what the full window gives there.

use perplexed_core::language::bpe::BpeTrainer;
use perplexed_core::language::corpus::{Corpus, Language, PromptVariant, Question, DEFAULT_DOCUMENTS, FEW_SHOT_EXAMPLES};
use perplexed_core::language::model::{LanguageModel, LmSpec, TokenText};
use perplexed_core::language::prompting::{compare_prompts, NextToken};
use perplexed_core::language::sampling::{generate, Decoding};
use perplexed_core::rng::Rng;
use perplexed_core::train::minibatch::{EpochTrainer, TrainSettings};

/// Tokenizer vocabulary of the tests (the lab's default).
const VOCAB: usize = 300;

fn corpus(language: Language) -> Corpus {
    Corpus::generate(language, DEFAULT_DOCUMENTS, 1).unwrap()
}

fn model(corpus: &Corpus, spec: LmSpec) -> LanguageModel {
    let mut bpe = BpeTrainer::new(&corpus.text, VOCAB).unwrap();
    bpe.run();
    let settings = TrainSettings::default();
    LanguageModel::new(&corpus.text, TokenText::new(bpe.tokenizer()), spec, &settings, 2).unwrap()
}

fn train(m: &mut LanguageModel, epochs: usize) {
    while m.epoch() < epochs && !m.diverged() {
        m.step_batch();
    }
    assert!(!m.diverged());
}

/// Trains the lab's default model on the default corpus for `epochs` epochs and returns it with
/// the bigram's validation perplexity and the epoch the transformer first went below it.
fn trained(language: Language, epochs: usize) -> (Corpus, LanguageModel, f64, Option<usize>) {
    let c = corpus(language);
    let mut m = model(&c, LmSpec::default());
    let (_, bigram, _) = m.baseline_perplexity();
    // The untrained model's measurement is spread over the first steps; finish it now.
    m.trainer_mut().finish_measuring();
    let (_, start) = m.perplexity();
    // Untrained, the transformer is about as unsure as the vocabulary is large.
    assert!(start > 0.5 * m.text().vocab() as f64, "{language:?}: untrained perplexity {start:.1} of {} tokens", m.text().vocab());
    let mut crossed = None;
    for epoch in 1..=epochs {
        train(&mut m, epoch);
        if crossed.is_none() && m.perplexity().1 < bigram {
            crossed = Some(epoch);
        }
    }
    let (train_ppl, val_ppl) = m.perplexity();
    eprintln!(
        "{language:?}: bigram {bigram:.2}; transformer {start:.1} → {val_ppl:.2} (training {train_ppl:.2}) after {epochs} epochs, below the bigram from epoch {crossed:?}; {} windows of {} tokens",
        m.trainer().set().len(),
        m.spec().context
    );
    assert!(val_ppl < bigram, "{language:?}: transformer {val_ppl:.2} against the bigram's {bigram:.2}");
    (c, m, bigram, crossed)
}

/// Epochs the prompt measurements train for: about 28 s natively, under a minute in the page.
const EPOCHS: usize = 20;
/// What three listed examples must do on the country questions, over the listed prompt alone:
/// multiply the right answer's mean probability by at least this much …
const FEW_SHOT_RATIO: f64 = 1.5;
/// … and add at least this much to it.
const FEW_SHOT_GAIN: f64 = 0.1;

/// The small world's questions asked every way of `c` to the trained `m`: each variant's mean
/// probability of the right answer is far above the bigram's (which reads only the prompt's last
/// token), and on the country questions three listed examples of the relation first raise it
/// well above the listed prompt alone (`France →` does not say whether a capital, a language or
/// a continent is wanted; `Peru → Lima.` … before it does). What Q/A examples do is printed, not
/// asserted: a Q/A question already names its relation (docs/LANGUAGE-MODEL.md).
fn prompts_measured(language: Language, c: &Corpus, m: &mut LanguageModel) {
    let text = m.text().clone();
    let encode = |s: &str| text.encode_prompt(s);
    let scores = compare_prompts(m, &c.questions, &encode);
    let mut bigram = m.baseline().clone();
    let base = compare_prompts(&mut bigram, &c.questions, &encode);
    let figures: Vec<String> = scores.iter().zip(&base).map(|((v, s), (_, b))| format!("{}: mean P {:.3} (bigram {:.4}), right {:.0} %", v.slug(), s.mean_probability, b.mean_probability, 100.0 * s.accuracy)).collect();
    eprintln!("{language:?}: {} questions — {}", c.questions.len(), figures.join("; "));
    for ((v, s), (_, b)) in scores.iter().zip(&base) {
        assert!(s.mean_probability > 5.0 * b.mean_probability, "{language:?}, {}: {}", v.slug(), figures.join("; "));
        assert!(s.accuracy > 0.1, "{language:?}, {}: {}", v.slug(), figures.join("; "));
    }
    let countries: Vec<Question> = c.questions.iter().filter(|q| q.relation.is_country()).cloned().collect();
    let country_scores = compare_prompts(m, &countries, &encode);
    let on = |v: PromptVariant| country_scores.iter().find(|(w, _)| *w == v).map(|(_, s)| (s.mean_probability, s.accuracy)).unwrap_or((f64::NAN, f64::NAN));
    let ((listed, listed_right), (listed_few, listed_few_right)) = (on(PromptVariant::Listed), on(PromptVariant::ListedFewShot));
    let ((zero, zero_right), (few, few_right)) = (on(PromptVariant::ZeroShot), on(PromptVariant::FewShot));
    let message = format!(
        "{language:?}, {} country questions: listed {listed:.3} ({:.0} % right), listed after {FEW_SHOT_EXAMPLES} listed examples {listed_few:.3} ({:.0} % right), ×{:.2}; Q/A zero-shot {zero:.3} ({:.0} %), few-shot {few:.3} ({:.0} %)",
        countries.len(),
        100.0 * listed_right,
        100.0 * listed_few_right,
        listed_few / listed,
        100.0 * zero_right,
        100.0 * few_right
    );
    eprintln!("{message}");
    assert!(listed_few >= FEW_SHOT_RATIO * listed && listed_few - listed >= FEW_SHOT_GAIN, "{message}");
}

/// The Hebrew model: below the bigram within ten epochs, and after [`EPOCHS`] its answers
/// measured under every prompt ([`prompts_measured`]).
#[test]
fn the_transformer_beats_the_bigram_in_hebrew_within_ten_epochs_and_reads_listed_examples() {
    let (c, mut m, _, crossed) = trained(Language::Hebrew, EPOCHS);
    assert!(crossed.is_some_and(|e| e <= 10), "below the bigram by epoch 10: {crossed:?}");
    prompts_measured(Language::Hebrew, &c, &mut m);
}

/// The same in English.
#[test]
fn the_transformer_beats_the_bigram_in_english_and_answers_the_questions_far_better() {
    let (c, mut m, _, crossed) = trained(Language::English, EPOCHS);
    assert!(crossed.is_some_and(|e| e <= 10), "below the bigram by epoch 10: {crossed:?}");
    prompts_measured(Language::English, &c, &mut m);
}

#[test]
fn sampling_at_temperature_zero_is_greedy_decoding() {
    let c = corpus(Language::English);
    let mut m = model(&c, LmSpec { context: 16, ..LmSpec::default() });
    train(&mut m, 3);
    let prompt = m.text().encode_prompt("Q: What is the capital of France? A:");
    let greedy = generate(&mut m, &prompt, 12, &Decoding::greedy(), &mut Rng::new(1)).unwrap();
    for t in [0.0, 1e-4] {
        let cold = Decoding { temperature: t, ..Decoding::greedy() };
        let written = generate(&mut m, &prompt, 12, &cold, &mut Rng::new(7)).unwrap();
        assert_eq!(written, greedy, "temperature {t}");
    }
    let hot = Decoding { temperature: 1.5, ..Decoding::greedy() };
    let runs: Vec<Vec<u32>> = (0..5).map(|s| generate(&mut m, &prompt, 12, &hot, &mut Rng::new(s)).unwrap()).collect();
    assert!(runs.iter().any(|r| *r != greedy), "at temperature 1.5 some sample differs from greedy decoding");
}

#[test]
fn the_next_token_after_a_context_is_what_the_whole_window_gives_there() {
    let c = corpus(Language::Hebrew);
    let mut m = model(&c, LmSpec { context: 16, ..LmSpec::default() });
    train(&mut m, 2);
    let row = m.trainer().split().val[0];
    let window = m.trainer().set().example(row).to_vec();
    let seen = m.trainer_mut().inspect(row).unwrap();
    let vocab = m.vocab();
    for j in [0, 5, 15] {
        let alone = m.next_distribution(&window[..=j]);
        let full = &seen.probabilities[j * vocab..(j + 1) * vocab];
        let worst = alone.iter().zip(full).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
        assert!(worst < 1e-5, "position {j}: largest difference {worst}");
        assert!((alone.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
    // A context longer than the window: only its last 16 tokens count.
    let mut long = vec![m.text().line_break(); 40];
    long.extend_from_slice(&window);
    assert_eq!(m.next_distribution(&long), m.next_distribution(&window));
}

#[test]
fn lines_become_line_breaks_and_prompts_start_after_one() {
    let c = corpus(Language::English);
    let m = model(&c, LmSpec { context: 16, ..LmSpec::default() });
    let t = m.text();
    let ids = t.encode_text("Paris is the capital of France.\nQ: What is red? A: a tomato.\n");
    assert_eq!(ids.iter().filter(|&&i| i == t.line_break()).count(), 2);
    assert_eq!(t.decode(&ids), "Paris is the capital of France.\nQ: What is red? A: a tomato.\n");
    let prompt = t.encode_prompt("Q: What is red? A:");
    assert_eq!(prompt[0], t.line_break());
    assert_eq!(t.token_text(t.line_break()), "⏎");
    assert_eq!(t.vocab(), t.tokenizer().vocab_size() + 1);
}

#[test]
fn settings_the_model_cannot_take_are_refused_by_name() {
    let c = corpus(Language::English);
    let mut bpe = BpeTrainer::new(&c.text, 100).unwrap();
    bpe.run();
    let text = TokenText::new(bpe.tokenizer());
    let s = TrainSettings::default();
    let field = |corpus: &str, spec: LmSpec| LanguageModel::new(corpus, text.clone(), spec, &s, 2).err().map(|e| e.field);
    assert_eq!(field(&c.text, LmSpec { context: 4, ..LmSpec::default() }), Some("context"));
    assert_eq!(field(&c.text, LmSpec { context: 65, ..LmSpec::default() }), Some("context"));
    assert_eq!(field(&c.text, LmSpec { heads: 3, ..LmSpec::default() }), Some("heads"));
    assert_eq!(field("a short text.\n", LmSpec::default()), Some("data"));
    assert_eq!(field(&c.text, LmSpec::default()), None);
}
