//! The survey the language page runs a question at a time: once done, exactly what
//! `compare_prompts` and `compare_spelling` give at once; part-way, every way of asking covers
//! the same questions.

use perplexed_core::language::corpus::{Corpus, Language, PromptVariant};
use perplexed_core::language::ngram::NGram;
use perplexed_core::language::prompting::{compare_prompts, compare_spelling, Survey};

/// A character-level trigram of the small world: fast, and it reads the prompt's last characters.
fn char_model() -> (Corpus, NGram, impl Fn(&str) -> Vec<u32>) {
    let corpus = Corpus::generate(Language::English, 300, 2).unwrap();
    let mut chars: Vec<char> = corpus.text.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    let vocab = chars.len();
    let encode = move |s: &str| -> Vec<u32> { s.chars().map(|c| chars.binary_search(&c).unwrap_or(0) as u32).collect() };
    let model = NGram::fit(&encode(&corpus.train_text), vocab, 3).unwrap();
    (corpus, model, encode)
}

#[test]
fn a_finished_survey_is_the_measurement_at_once() {
    let (corpus, mut model, encode) = char_model();
    let questions = &corpus.questions[..24];
    let at_once = compare_prompts(&mut model, questions, &encode);
    let variants: Vec<PromptVariant> = at_once.iter().map(|(v, _)| *v).collect();
    let mut survey = Survey::of_prompts(questions, &variants);
    assert_eq!((survey.questions(), survey.progress()), (24, (0, 24 * variants.len())));
    let mut steps = 0;
    while !survey.done() {
        survey.step(&mut model, &encode);
        steps += 1;
    }
    assert_eq!(steps, 24 * variants.len());
    for ((_, whole), spread) in at_once.iter().zip(survey.results()) {
        assert_eq!(whole, &spread);
    }
    let items = &corpus.spelling[..10];
    let spelling = compare_spelling(&mut model, items, &encode);
    let mut survey = Survey::of_spelling(items);
    while !survey.done() {
        survey.step(&mut model, &encode);
    }
    assert_eq!(survey.results(), vec![spelling.direct, spelling.spelled, spelling.think_first]);
}

#[test]
fn part_way_every_way_has_the_same_questions() {
    let (corpus, mut model, encode) = char_model();
    let mut survey = Survey::of_prompts(&corpus.questions[..10], &[PromptVariant::ZeroShot, PromptVariant::FewShot, PromptVariant::Listed]);
    // 3 ways: after 7 steps, questions 1 and 2 are done by every way, question 3 by one.
    for _ in 0..7 {
        survey.step(&mut model, &encode);
    }
    let results = survey.results();
    assert!(results.iter().all(|r| r.len() == 2), "{:?}", results.iter().map(|r| r.len()).collect::<Vec<_>>());
    let at_once = compare_prompts(&mut model, &corpus.questions[..2], &encode);
    assert_eq!(results[1], at_once.iter().find(|(v, _)| *v == PromptVariant::FewShot).unwrap().1);
    // Nothing asked: empty scores, and a step after the end does nothing.
    assert!(Survey::of_prompts(&[], &[PromptVariant::ZeroShot]).done());
}
