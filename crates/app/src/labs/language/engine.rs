//! The language lab's engine room: the text (the small world or pasted text), its tokenizer,
//! the transformer's run with its pace and one-time test, and the text being written. It
//! computes nothing itself: every number comes from `perplexed-core`.

use perplexed_core::error::ParamError;
use perplexed_core::language::bpe::{BpeTrainer, Tokenizer};
use perplexed_core::language::corpus::{Corpus, PromptVariant, PASTED_CHARS_RANGE};
use perplexed_core::language::prompting::{PromptScore, Survey};
use perplexed_core::language::model::{LanguageModel, TokenText};
use perplexed_core::language::ngram::NGram;
use perplexed_core::language::sampling::{next_token, repeated_ngram_share};
use perplexed_core::rng::Rng;

use super::params::{LanguageParams, Source};
use crate::components::training::{Built, Runs, TrainsRuns};

/// The baseline's order: a bigram (the previous token predicts the next).
pub const BASELINE_ORDER: usize = 2;

/// The text and the tokenizer learned on it.
pub struct Text {
    pub corpus: Corpus,
    pub bpe: BpeTrainer,
}

/// What the text and its tokens were made from: a change means new ones.
type TextKey = (Source, usize, u32, usize, u64);

/// The text (the small world, or pasted text) and the tokenizer learned on it, remade when
/// their settings change: what both of the lab's pages start from.
#[derive(Default)]
pub struct TextSource {
    pub text: Option<Text>,
    key: Option<TextKey>,
    /// Why there is no text (pasted text missing or out of range, a vocabulary core refused).
    pub error: Option<ParamError>,
    /// What the learner pasted (stays in this tab).
    pasted: Option<String>,
    /// Bumped whenever a new text is pasted.
    pasted_version: u64,
}

impl TextSource {
    /// Keeps `text`; it is used when the settings ask for pasted text.
    pub fn paste(&mut self, text: String) {
        self.pasted = Some(text);
        self.pasted_version += 1;
    }

    pub fn has_pasted(&self) -> bool {
        self.pasted.is_some()
    }

    /// New text and tokens when what they are made from changed.
    pub fn ensure(&mut self, p: &LanguageParams) {
        let key = (p.corpus, p.documents, p.data, p.vocab, if p.corpus == Source::Pasted { self.pasted_version } else { 0 });
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        let corpus = match p.corpus_spec() {
            Some(spec) => spec.generate(),
            // A link cannot carry pasted text: nothing to train until some is pasted.
            None => match &self.pasted {
                Some(text) => Corpus::from_text(text),
                None => Err(ParamError::too_few("text", PASTED_CHARS_RANGE.0, 0)),
            },
        };
        let made = corpus.and_then(|corpus| {
            let mut bpe = BpeTrainer::new(&corpus.text, p.vocab)?;
            bpe.run();
            Ok(Text { corpus, bpe })
        });
        (self.text, self.error) = match made {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(e)),
        };
    }

    /// The tokenizer after the first `merges` merges (all of them if more), to replay how the
    /// vocabulary grew.
    pub fn tokenizer_after(&self, merges: usize) -> Option<Tokenizer> {
        self.text.as_ref().map(|t| t.bpe.tokenizer_after(merges))
    }

    /// Merges the tokenizer made.
    pub fn merges(&self) -> usize {
        self.text.as_ref().map_or(0, |t| t.bpe.merges().len())
    }
}

/// The text being written after the prompt, a token at a time.
#[derive(Default)]
pub struct Writing {
    /// The prompt's tokens (a line break first, as every line of the corpus starts after one).
    pub prompt: Vec<u32>,
    /// The tokens written after it so far.
    pub written: Vec<u32>,
    /// Tokens still to write.
    pub left: usize,
    rng: Option<Rng>,
}

/// What a survey asks: the small world's questions every way, or letter counts three ways.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Questions,
    Letters,
}

/// A measurement of the ways of asking, on the transformer and on the bigram, a question at a
/// time (see [`Survey`]).
pub struct Measuring {
    pub asked: Asked,
    /// The epoch the transformer had completed when asked.
    pub epoch: usize,
    pub model: Survey,
    pub bigram: Survey,
    /// The tokens prompts are encoded with, and the bigram asked: copied once when the
    /// measurement starts (the transformer itself is borrowed for each step).
    text: TokenText,
    baseline: NGram,
}

impl Measuring {
    /// (questions done, questions in all).
    pub fn progress(&self) -> (usize, usize) {
        let (done, all) = self.model.progress();
        let ways = all.checked_div(self.model.questions()).unwrap_or(1).max(1);
        (done / ways, self.model.questions())
    }

    /// Each way's scores so far, (transformer, bigram).
    pub fn results(&self) -> Vec<(PromptScore, PromptScore)> {
        self.model.results().into_iter().zip(self.bigram.results()).collect()
    }
}

pub struct LanguageEngine {
    pub params: LanguageParams,
    /// The run, its pace and its one-time test.
    pub runs: Runs<LanguageModel>,
    pub source: TextSource,
    pub writing: Writing,
    /// The last measurement of the ways of asking (under way or done).
    pub measuring: Option<Measuring>,
}

impl LanguageEngine {
    pub fn new(params: LanguageParams) -> LanguageEngine {
        let mut e = LanguageEngine { params, runs: Runs::default(), source: TextSource::default(), writing: Writing::default(), measuring: None };
        crate::components::training::rebuild(&mut e);
        e
    }

    pub fn model(&self) -> Option<&LanguageModel> {
        self.runs.trainer()
    }

    /// The learner's text: kept, and trained on when the page reads pasted text.
    pub fn paste(&mut self, text: String) {
        self.source.paste(text);
        if self.params.corpus == Source::Pasted {
            crate::components::training::rebuild(self);
        }
    }

    pub fn has_pasted(&self) -> bool {
        self.source.has_pasted()
    }

    pub fn text(&self) -> Option<&Text> {
        self.source.text.as_ref()
    }

    /// The prompt the page asks: the learner's, or the corpus's first question.
    pub fn prompt(&self) -> String {
        if !self.params.prompt.is_empty() {
            return self.params.prompt.clone();
        }
        self.default_prompt()
    }

    /// The corpus's first question in its plain form (nothing for pasted text).
    pub fn default_prompt(&self) -> String {
        self.text().and_then(|t| t.corpus.questions.first()).map(|q| q.prompt(PromptVariant::ZeroShot).to_owned()).unwrap_or_default()
    }

    /// What the model reads for its next token: the prompt, then what it wrote after it.
    pub fn context(&self) -> Vec<u32> {
        let Some(m) = self.model() else { return Vec::new() };
        let mut context = if self.writing.prompt.is_empty() { m.text().encode_prompt(&self.prompt()) } else { self.writing.prompt.clone() };
        context.extend_from_slice(&self.writing.written);
        context
    }

    /// The model's next-token distribution after the context, and after the decoding's
    /// transforms (`Err`: settings core refuses).
    pub fn next_distributions(&mut self) -> Option<(Vec<f32>, Result<Vec<f32>, ParamError>)> {
        let context = self.context();
        let decoding = self.params.decoding();
        let m = self.runs.trainer_mut()?;
        let raw = m.next_distribution(&context);
        let adjusted = decoding.from_probabilities(&raw, &context);
        Some((raw, adjusted))
    }

    /// Starts writing `length` tokens after the prompt (from the sample seed).
    pub fn start_writing(&mut self) {
        let Some(m) = self.model() else { return };
        let prompt = m.text().encode_prompt(&self.prompt());
        self.writing = Writing { prompt, written: Vec::new(), left: self.params.length, rng: Some(Rng::new(u64::from(self.params.sample))) };
    }

    /// One more token after what is written (starting after the prompt if nothing is).
    pub fn write_step(&mut self) {
        if self.writing.rng.is_none() {
            self.start_writing();
        }
        self.writing.left = 1;
        self.write_one();
    }

    /// The share of the written text's 3-token runs that already occurred in it: near 1 when
    /// the model loops.
    pub fn repetition(&self) -> Option<f64> {
        (self.writing.written.len() >= 3).then(|| repeated_ngram_share(&self.writing.written, 3))
    }

    /// Forgets what was written (the prompt or the model changed).
    pub fn clear_writing(&mut self) {
        self.writing = Writing::default();
    }

    /// Writes the next token, if any is left; whether one was written.
    pub fn write_one(&mut self) -> bool {
        if self.writing.left == 0 {
            return false;
        }
        let context = self.context();
        let decoding = self.params.decoding();
        let (Some(m), Some(rng)) = (self.runs.trainer_mut(), self.writing.rng.as_mut()) else { return false };
        match next_token(m, &context, &decoding, rng) {
            Ok(token) => {
                self.writing.written.push(token);
                self.writing.left -= 1;
                true
            }
            Err(_) => {
                self.writing.left = 0;
                false
            }
        }
    }

    /// Starts measuring the ways of asking on the model as it is now: the small world's
    /// questions (every [`PromptVariant`]) or letter counts on words the text never has.
    pub fn start_measuring(&mut self, asked: Asked) {
        let (Some(m), Some(t)) = (self.model(), self.source.text.as_ref()) else { return };
        let survey = match asked {
            Asked::Questions => Survey::of_prompts(&t.corpus.questions, &PromptVariant::ALL),
            Asked::Letters => Survey::of_spelling(&t.corpus.held_out_spelling().cloned().collect::<Vec<_>>()),
        };
        self.measuring = Some(Measuring { asked, epoch: m.trainer().epoch(), model: survey.clone(), bigram: survey, text: m.text().clone(), baseline: m.baseline().clone() });
    }

    /// The first question as every way asks it (what the survey's rows mean).
    pub fn way_examples(&self, asked: Asked) -> Vec<String> {
        let Some(t) = self.text() else { return Vec::new() };
        match asked {
            Asked::Questions => t.corpus.questions.first().map(|q| PromptVariant::ALL.iter().map(|&v| q.prompt(v).to_owned()).collect()).unwrap_or_default(),
            Asked::Letters => t.corpus.held_out_spelling().next().map(|i| vec![i.direct.clone(), i.spelled.clone(), i.think_first.clone()]).unwrap_or_default(),
        }
    }

    /// Asks questions of the measurement under way until `more()` says stop; whether any is left.
    pub fn measure_some(&mut self, more: &dyn Fn() -> bool) -> bool {
        let (Some(run), Some(m)) = (self.runs.trainer_mut(), self.measuring.as_mut()) else { return false };
        let Measuring { model, bigram, text, baseline, .. } = m;
        let encode = |s: &str| text.encode_prompt(s);
        while !model.done() && more() {
            model.step(run, &encode);
            bigram.step(baseline, &encode);
        }
        !model.done()
    }

    /// The written tokens as text.
    /// (Decoded after the prompt, so that a word's leading space — ▁, which a decoder drops at
    /// the start of a text — is kept.)
    pub fn written_text(&self) -> String {
        let Some(m) = self.model() else { return String::new() };
        let before = m.text().decode(&self.writing.prompt);
        let whole = m.text().decode(&[self.writing.prompt.as_slice(), &self.writing.written].concat());
        whole.strip_prefix(before.as_str()).map_or_else(|| m.text().decode(&self.writing.written), str::to_owned)
    }
}

impl TrainsRuns for LanguageEngine {
    type Params = LanguageParams;
    type Trainer = LanguageModel;
    fn runs(&self) -> &Runs<LanguageModel> {
        &self.runs
    }
    fn runs_mut(&mut self) -> &mut Runs<LanguageModel> {
        &mut self.runs
    }
    fn params(&self) -> &LanguageParams {
        &self.params
    }
    fn params_mut(&mut self) -> &mut LanguageParams {
        &mut self.params
    }
    fn on_restart(&mut self) {
        self.source.ensure(&self.params);
        self.clear_writing();
        self.measuring = None;
    }
    fn build(&self) -> Option<Built<LanguageModel>> {
        if let Some(e) = &self.source.error {
            return Some(Err(e.clone()));
        }
        let t = self.text()?;
        let p = &self.params;
        Some(LanguageModel::new(&t.corpus.text, TokenText::new(t.bpe.tokenizer()), p.lm_spec(), &p.train_settings(), BASELINE_ORDER).map(|m| (m, None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::components::training::Pace;
    use perplexed_core::language::sampling::generate;
    use perplexed_core::train::minibatch::EpochTrainer;

    #[test]
    fn the_default_beats_the_bigram_within_a_few_epochs_and_stops_at_the_limit() {
        let mut e = LanguageEngine::new(LanguageParams { speed: Pace::Max, epochs: 5, ..LanguageParams::default() });
        let bigram = e.model().map(|m| m.baseline_perplexity().1).unwrap();
        let mut frames = 0;
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 5);
        }
        assert!(e.runs.finished(5));
        let (_, val) = e.model().unwrap().perplexity();
        assert!(val < bigram, "after 5 epochs: {val:.2} against the bigram's {bigram:.2}");
    }

    #[test]
    fn a_frame_trains_a_few_windows_not_a_whole_batch() {
        let mut e = LanguageEngine::new(LanguageParams::default());
        // The first frames measure the untrained model, two windows a step; then training.
        e.advance(0.0, &|| 0.0);
        let m = e.model().unwrap();
        assert!(m.trainer().measuring(), "one step of the first measurement");
        let per_epoch = m.steps_per_epoch();
        // 1,177 windows: 706 for training in 23 batches of 32 (16 steps each, the last 1 in 2 … ), 235 validation windows 2 a step.
        assert!((300..=600).contains(&per_epoch), "{per_epoch} steps an epoch");
    }

    #[test]
    fn writing_token_by_token_is_what_core_generates() {
        let mut e = LanguageEngine::new(LanguageParams { temperature: 0.8, top_k: 20, length: 12, sample: 5, ..LanguageParams::default() });
        for _ in 0..30 {
            e.step();
        }
        e.start_writing();
        let prompt = e.writing.prompt.clone();
        while e.write_one() {}
        assert_eq!(e.writing.written.len(), 12);
        let d = e.params.decoding();
        let m = e.runs.trainer_mut().unwrap();
        let expected = generate(m, &prompt, 12, &d, &mut Rng::new(5)).unwrap();
        assert_eq!(e.writing.written, expected);
        assert!(!e.written_text().is_empty());
        assert_eq!(e.repetition(), Some(repeated_ngram_share(&expected, 3)));
        // A step writes one more token: the same as writing 13 at once.
        e.write_step();
        let m = e.runs.trainer_mut().unwrap();
        assert_eq!(e.writing.written, generate(m, &prompt, 13, &d, &mut Rng::new(5)).unwrap());
    }

    #[test]
    fn the_prompt_defaults_to_the_corpus_first_question_and_hebrew_has_its_own() {
        let e = LanguageEngine::new(LanguageParams::default());
        assert!(e.prompt().starts_with("Q:") && e.prompt().ends_with("A:"), "{}", e.prompt());
        let he = LanguageEngine::new(LanguageParams { corpus: Source::Hebrew, ..LanguageParams::default() });
        assert!(he.prompt().starts_with("ש:"), "{}", he.prompt());
        let (raw, adjusted) = LanguageEngine::new(LanguageParams { top_k: 3, ..LanguageParams::default() }).next_distributions().unwrap();
        assert!((raw.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        assert_eq!(adjusted.unwrap().iter().filter(|&&p| p > 0.0).count(), 3);
    }

    #[test]
    fn measuring_the_ways_of_asking_a_few_questions_a_frame() {
        let mut e = LanguageEngine::new(LanguageParams { documents: 300, ..LanguageParams::default() });
        e.start_measuring(Asked::Questions);
        let m = e.measuring.as_ref().unwrap();
        let questions = m.progress().1;
        assert_eq!(m.progress(), (0, e.text().unwrap().corpus.questions.len()));
        // Ten steps a frame: every way asked about the same questions so far.
        let steps = std::cell::Cell::new(0);
        assert!(e.measure_some(&|| { steps.set(steps.get() + 1); steps.get() <= 10 }));
        let results = e.measuring.as_ref().unwrap().results();
        assert_eq!(results.len(), PromptVariant::ALL.len());
        assert!(results.iter().all(|(m, b)| m.len() == 1 && b.len() == 1));
        while e.measure_some(&|| true) {}
        let done = e.measuring.as_ref().unwrap();
        assert_eq!(done.progress(), (questions, questions));
        // Untrained, the transformer is no better than chance; the bigram knows the answers' words.
        assert!(done.results().iter().all(|(m, _)| m.mean_probability < 0.01));
        e.start_measuring(Asked::Letters);
        assert_eq!(e.measuring.as_ref().unwrap().results().len(), 3);
    }

    /// The concept card's preset: after its 20 epochs the examples make the capital the likely
    /// continuation — far likelier than after `France →` alone — and greedy decoding writes it.
    #[test]
    fn the_concept_card_preset_answers_with_the_capital() {
        use perplexed_core::language::prompting::answer_probability;
        let (params, rejected) = crate::query::read_query::<LanguageParams>(super::super::CONCEPT_PRESET);
        assert!(rejected.is_empty(), "{rejected:?}");
        assert!(params.prompt.ends_with("France →") && params.prompt.lines().count() == 4, "{:?}", params.prompt);
        let mut e = LanguageEngine::new(LanguageParams { speed: Pace::Max, ..params });
        while e.advance(1e9, &|| 0.0) {}
        assert_eq!(e.model().map(|m| m.trainer().epoch()), Some(20));
        e.start_writing();
        while e.write_one() {}
        assert!(e.written_text().starts_with(" Paris"), "{:?}", e.written_text());
        let text = e.model().unwrap().text().clone();
        let encode = |s: &str| text.encode_prompt(s);
        let m = e.runs.trainer_mut().unwrap();
        let with_examples = answer_probability(m, &encode, &e.params.prompt.clone(), " Paris.").probability;
        let alone = answer_probability(m, &encode, "France →", " Paris.").probability;
        assert!(with_examples > 1.5 * alone, "P(Paris) {with_examples:.3} after the examples, {alone:.3} alone");
    }

    #[test]
    fn pasted_text_and_what_core_refuses() {
        let mut e = LanguageEngine::new(LanguageParams { corpus: Source::Pasted, ..LanguageParams::default() });
        assert_eq!(e.runs.error.as_ref().map(|m| m.field), Some("text"), "a link cannot carry pasted text");
        assert!(!e.advance(5.0, &|| 0.0));
        e.paste("short".into());
        assert_eq!(e.runs.error.as_ref().map(|m| m.field), Some("text"));
        e.paste("The cat sat on the mat. The dog sat on the log.\n".repeat(60));
        assert!(e.runs.error.is_none() && e.model().is_some(), "{:?}", e.runs.error);
        assert_eq!(e.prompt(), "", "pasted text has no questions");
        e.apply(LanguageParams { corpus: Source::Pasted, heads: 3, ..LanguageParams::default() });
        assert_eq!(e.runs.error.as_ref().map(|m| m.field), Some("heads"));
    }
}
