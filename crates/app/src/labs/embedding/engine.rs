//! The embedding lab's engine room: the text (the shipped corpus or pasted text), core's
//! word2vec trainer, the pace in words a second, and what the page asks of them — the current
//! space, a word set's projection, the analogy, the test set's accuracy per epoch. It computes
//! nothing itself: every number comes from `perplexed-core`.

use std::collections::VecDeque;

use perplexed_core::embedding::corpus::{analogy_questions, generate, Question, Relation, RelationKind, Text};
use perplexed_core::embedding::space::{Neighbour, Projection, Space};
use perplexed_core::embedding::word2vec::{Word2Vec, STEP_WORDS};
use perplexed_core::error::ParamError;
use perplexed_core::stepping::{Pacer, Stepping};

use super::params::{Change, EmbeddingParams, Shown, Source};
use crate::components::lab_shell::RunEngine;

/// Words the pacer counts in one unit (its rate is `words per second / UNIT_WORDS`).
const UNIT_WORDS: usize = 100;
/// Words the "most frequent" set shows.
pub const FREQUENT: usize = 24;
/// Answers the analogy lists.
pub const ANSWERS: usize = 5;
/// How long the words-per-second read-out averages over (ms).
const RATE_WINDOW_MS: f64 = 1000.0;

/// The analogy `x − y + z` as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Analogy {
    /// The three words' ids (`x`, `y`, `z`).
    pub ids: [u32; 3],
    /// The top answers, question words excluded.
    pub answers: Vec<Neighbour>,
    /// The answer the shipped corpus expects, when the question is one of its own.
    pub expected: Option<String>,
    /// Where the expected word ranks (1 = first) among all words, and its cosine.
    pub expected_rank: Option<(usize, f32)>,
}

pub struct EmbeddingEngine {
    pub params: EmbeddingParams,
    /// What the learner pasted (stays in this tab).
    pasted: Option<String>,
    pub text: Option<Text>,
    pub relations: Vec<Relation>,
    pub questions: Vec<Question>,
    pub model: Option<Word2Vec>,
    /// Why the text or the model could not be built (core's refusal).
    pub error: Option<ParamError>,
    /// Bumped whenever a new run starts (pictures keyed on it redraw).
    pub version: u64,
    pacer: Pacer,
    /// The current space, for the words read when it was made.
    space: Option<(u64, Space)>,
    initial: Option<Space>,
    /// The analogy test's accuracy after each epoch (epoch 0: before training).
    pub scores: Vec<(usize, f64)>,
    /// (time ms, words read) over the last second: the words-per-second read-out.
    rate: VecDeque<(f64, u64)>,
    /// The last projection: the next starts from its axes (and keeps them when pinned).
    pub projection: Option<Projection>,
}

/// Core's field names in the page's terms: `alpha` is the learning-rate control, and
/// word2vec's `window` is a context window (the CNN's `window` is a pooling window).
fn in_page_terms(mut e: ParamError) -> ParamError {
    e.field = match e.field {
        "alpha" | "min_alpha" => "lr",
        "window" => "context",
        f => f,
    };
    e
}

impl EmbeddingEngine {
    pub fn new(params: EmbeddingParams) -> EmbeddingEngine {
        let mut e = EmbeddingEngine {
            params,
            pasted: None,
            text: None,
            relations: Vec::new(),
            questions: Vec::new(),
            model: None,
            error: None,
            version: 0,
            pacer: Pacer::default(),
            space: None,
            initial: None,
            scores: Vec::new(),
            rate: VecDeque::new(),
            projection: None,
        };
        e.build_text();
        e.rebuild();
        e
    }

    /// The learner's text: kept, and trained on when the page reads pasted text.
    pub fn paste(&mut self, text: String) {
        self.pasted = Some(text);
        if self.params.corpus == Source::Pasted {
            self.build_text();
            self.rebuild();
        }
    }

    pub fn has_pasted(&self) -> bool {
        self.pasted.is_some()
    }

    /// The text from the settings: the generated corpus, or the pasted text cut into words.
    fn build_text(&mut self) {
        self.text = None;
        self.relations.clear();
        self.questions.clear();
        let built = match self.params.corpus_spec() {
            Some(spec) => generate(&spec).map(|c| {
                self.relations = c.relations;
                c.text
            }),
            // A link cannot carry pasted text: nothing to train until some is pasted.
            None => Text::parse(self.pasted.as_deref().unwrap_or("")),
        };
        match built {
            Ok(t) => {
                self.questions = analogy_questions(&self.relations);
                self.text = Some(t);
                self.error = None;
            }
            Err(e) => self.error = Some(in_page_terms(e)),
        }
    }

    fn restart_run(&mut self) {
        self.version += 1;
        self.pacer.restart();
        self.space = None;
        self.initial = None;
        self.scores.clear();
        self.rate.clear();
        self.projection = None;
        self.model = None;
        let Some(text) = &self.text else { return };
        match Word2Vec::new(text, &self.params.settings()) {
            Ok(m) => {
                let initial = m.initial_space();
                self.scores.push((0, initial.evaluate(m.vocabulary(), &self.questions).accuracy()));
                self.initial = Some(initial);
                self.model = Some(m);
                self.error = None;
            }
            Err(e) => self.error = Some(in_page_terms(e)),
        }
    }

    /// After training moved: the test's accuracy at a finished epoch, the words-per-second
    /// samples.
    fn after_training(&mut self, now: f64) {
        self.score_epoch();
        let Some(m) = &self.model else { return };
        self.rate.push_back((now, m.words_done()));
        while self.rate.front().is_some_and(|&(t, _)| now - t > RATE_WINDOW_MS) {
            self.rate.pop_front();
        }
    }

    /// The analogy test's accuracy once an epoch is finished.
    fn score_epoch(&mut self) {
        let Some(m) = &self.model else { return };
        let epoch = m.epoch();
        if self.scores.last().is_some_and(|&(e, _)| e < epoch) {
            let acc = m.space().evaluate(m.vocabulary(), &self.questions).accuracy();
            self.scores.push((epoch, acc));
        }
    }

    /// Words read per second over the last second of playing (`None` before two samples).
    pub fn words_per_second(&self) -> Option<f64> {
        let (&(t0, w0), &(t1, w1)) = (self.rate.front()?, self.rate.back()?);
        (t1 > t0).then(|| (w1 - w0) as f64 * 1000.0 / (t1 - t0))
    }

    /// The vectors now, unit-normalised (made once per change of the vectors).
    pub fn space(&mut self) -> Option<&Space> {
        let m = self.model.as_ref()?;
        let words = m.words_done();
        if self.space.as_ref().is_none_or(|(w, _)| *w != words) {
            self.space = Some((words, m.space()));
        }
        self.space.as_ref().map(|(_, s)| s)
    }

    /// The vectors before training.
    pub fn initial_space(&self) -> Option<&Space> {
        self.initial.as_ref()
    }

    /// The vocabulary id of `word`.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.model.as_ref()?.vocabulary().id(word)
    }

    pub fn word(&self, id: u32) -> &str {
        self.model.as_ref().map_or("", |m| m.vocabulary().word(id))
    }

    /// The words the projection and the heatmap show: a relation's pairs (both words of each,
    /// in pair order) or the most frequent words, those in the vocabulary.
    pub fn shown_ids(&self) -> Vec<u32> {
        let Some(m) = &self.model else { return Vec::new() };
        let kind = match self.params.show {
            Shown::Gender => RelationKind::Gender,
            Shown::Capital => RelationKind::Capital,
            Shown::Plural => RelationKind::Plural,
            Shown::Tense => RelationKind::Tense,
            Shown::Opposite => RelationKind::Opposite,
            Shown::Frequent => return (0..m.vocabulary().len().min(FREQUENT) as u32).collect(),
        };
        let vocab = m.vocabulary();
        let ids: Vec<u32> = self.relations.iter().filter(|r| r.kind == kind).flat_map(|r| r.pairs.iter()).flat_map(|(x, y)| [vocab.id(x), vocab.id(y)]).flatten().collect();
        if ids.len() >= 3 { ids } else { (0..vocab.len().min(FREQUENT) as u32).collect() }
    }

    /// The analogy of the settings, or the words of it the vocabulary lacks.
    pub fn analogy(&mut self) -> Result<Analogy, Vec<String>> {
        let words = self.params.analogy.clone();
        let ids: Vec<Option<u32>> = words.iter().map(|w| self.id(w)).collect();
        let missing: Vec<String> = words.iter().zip(&ids).filter(|(_, id)| id.is_none()).map(|(w, _)| w.clone()).collect();
        let (Some(x), Some(y), Some(z)) = (ids[0], ids[1], ids[2]) else { return Err(missing) };
        // x − y + z = z − y + x: the corpus asks it as `y : z :: x : d` (man : woman :: king :
        // queen) or `y : x :: z : d`, and either knows its answer.
        let expected = self
            .questions
            .iter()
            .find(|q| q.a == words[1] && ((q.b == words[0] && q.c == words[2]) || (q.b == words[2] && q.c == words[0])))
            .map(|q| q.expected.clone());
        let expected_id = expected.as_deref().and_then(|w| self.id(w));
        let Some(space) = self.space() else { return Err(missing) };
        // x − y + z is core's `y : x :: z : ?`.
        let answers = space.analogy(y, x, z, ANSWERS);
        let expected_rank = expected_id.and_then(|e| {
            let all = space.analogy(y, x, z, space.len());
            all.iter().position(|n| n.id == e).map(|r| (r + 1, all[r].cosine))
        });
        Ok(Analogy { ids: [x, y, z], answers, expected, expected_rank })
    }

    /// The 2-D picture of `ids`: PCA from the last picture's axes, or on them when pinned.
    pub fn project(&mut self, ids: &[u32]) -> Option<Projection> {
        let pin = self.params.pin;
        let previous = self.projection.clone();
        let space = self.space()?;
        let p = match (&previous, pin) {
            (Some(prev), true) => space.project_on(ids, prev),
            _ => space.project(ids, previous.as_ref()),
        }
        .ok()?;
        self.projection = Some(p.clone());
        Some(p)
    }

    /// Whether the run trained every epoch.
    pub fn finished(&self) -> bool {
        self.model.as_ref().is_some_and(Stepping::done)
    }

    pub fn diverged(&self) -> bool {
        self.model.as_ref().is_some_and(Word2Vec::diverged)
    }
}

impl RunEngine<EmbeddingParams> for EmbeddingEngine {
    fn apply(&mut self, params: EmbeddingParams) {
        let change = params.change_from(&self.params);
        self.params = params;
        match change {
            Change::Display => {}
            Change::Pace => self.pacer.restart(),
            Change::Model => self.rebuild(),
            Change::Text => {
                self.build_text();
                self.rebuild();
            }
        }
    }

    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        if self.model.as_ref().is_none_or(Stepping::done) {
            return false;
        }
        let start = now();
        // Words due this frame (unlimited at the fastest pace, which the budget alone stops).
        let mut left = match self.params.speed.words_per_second() {
            None => usize::MAX,
            Some(per_second) => self.pacer.due(start, per_second / UNIT_WORDS as f64) * UNIT_WORDS,
        };
        // Whole sentences, at most a step's worth at a time, so that every finished epoch is
        // scored on its own.
        while left > 0 && now() - start < budget_ms {
            let Some(m) = self.model.as_mut().filter(|m| !m.done()) else { break };
            let read = m.step_words(left.min(STEP_WORDS)).words;
            left = left.saturating_sub(read.max(1));
            self.score_epoch();
        }
        self.after_training(now());
        !self.finished()
    }

    fn step(&mut self) {
        if let Some(m) = &mut self.model {
            m.step();
        }
        self.after_training(crate::components::canvas::now_ms());
    }

    fn rebuild(&mut self) {
        self.restart_run();
    }

    fn version(&self) -> u64 {
        self.version
    }

    fn spent(&self) -> bool {
        self.finished() || self.diverged()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::embedding::params::Pace;

    #[test]
    fn the_default_run_answers_the_royalty_analogy_and_stops_at_the_end() {
        let mut e = EmbeddingEngine::new(EmbeddingParams { speed: Pace::Max, ..EmbeddingParams::default() });
        assert_eq!(e.scores.len(), 1, "the test before training");
        let before = e.analogy().unwrap();
        assert_ne!(before.answers.first().map(|n| e.word(n.id).to_owned()).as_deref(), Some("queen"), "random vectors do not know");
        let mut frames = 0;
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 1000);
        }
        assert!(e.finished() && e.spent());
        let a = e.analogy().unwrap();
        assert_eq!(e.word(a.answers[0].id), "queen");
        assert_eq!(a.expected.as_deref(), Some("queen"));
        assert_eq!(a.expected_rank.map(|r| r.0), Some(1));
        assert_eq!(e.scores.len(), 11, "epoch 0 and each of 10");
        assert!(e.scores.last().is_some_and(|&(_, acc)| acc > 0.8), "{:?}", e.scores);
        let ids = e.shown_ids();
        assert_eq!(ids.len(), 18, "nine gender pairs");
        assert_eq!(e.project(&ids).map(|p| p.points.len()), Some(36));
    }

    #[test]
    fn the_pace_reads_so_many_words_a_second() {
        let mut e = EmbeddingEngine::new(EmbeddingParams::default());
        for frame in 0..=60 {
            let now = frame as f64 * 1000.0 / 60.0;
            e.advance(1000.0, &move || now);
        }
        let read = e.model.as_ref().map_or(0, Word2Vec::words_done);
        assert!((38_000..=42_000).contains(&read), "{read} words in a second at the normal pace");
        assert!(e.words_per_second().is_some_and(|r| (30_000.0..50_000.0).contains(&r)));
    }

    #[test]
    fn pasted_text_and_what_core_refuses() {
        let mut e = EmbeddingEngine::new(EmbeddingParams { corpus: Source::Pasted, ..EmbeddingParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("text_words"), "a link cannot carry pasted text");
        assert!(!e.advance(5.0, &|| 0.0));
        e.paste("the cat sat on the mat. the dog sat on the log. ".repeat(10));
        assert!(e.error.is_none() && e.model.is_some(), "{:?}", e.error);
        e.apply(EmbeddingParams { corpus: Source::Pasted, min_count: 1000, ..EmbeddingParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("vocabulary"));
        assert!(e.analogy().is_err());
        e.apply(EmbeddingParams::default());
        assert!(e.error.is_none() && e.model.is_some());
        let mut he = EmbeddingEngine::new(EmbeddingParams { corpus: Source::Hebrew, analogy: ["מלך".into(), "גבר".into(), "אישה".into()], ..EmbeddingParams::default() });
        assert_eq!(he.analogy().map(|a| a.expected), Ok(Some("מלכה".to_owned())));
        let missing = EmbeddingEngine::new(EmbeddingParams { analogy: ["king".into(), "man".into(), "zebra".into()], ..EmbeddingParams::default() }).analogy();
        assert_eq!(missing, Err(vec!["zebra".to_owned()]));
    }
}

impl EmbeddingEngine {
    /// The word vectors as JSON (the body of a saved model, see `chart::tools`): each word of the
    /// vocabulary with its vector (word2vec's input vectors, the embeddings).
    pub fn model_json(&self) -> Option<String> {
        use crate::components::chart::tools::{json_numbers, json_string};
        let m = self.model.as_ref()?;
        let d = m.dim();
        let rows: Vec<String> = m.vocabulary().words().iter().enumerate()
            .map(|(i, w)| format!("{{\"word\":{},\"vector\":{}}}", json_string(w), json_numbers(m.vectors().get(i * d..(i + 1) * d).unwrap_or(&[]).iter().copied())))
            .collect();
        Some(format!("{{\"type\":\"word2vec (skip-gram, negative sampling)\",\"dimensions\":{d},\"words\":[{}]}}", rows.join(",")))
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;

    /// Every word of the vocabulary with a vector of the model's width, and the word the model
    /// numbers `i` carrying row `i` of its embeddings.
    #[test]
    fn the_saved_vectors_are_the_words_embeddings() {
        let e = EmbeddingEngine::new(EmbeddingParams::default());
        let m = e.model.as_ref().expect("a model");
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("vectors")).expect("valid JSON");
        let d = m.dim();
        assert_eq!(json["dimensions"].as_u64(), Some(d as u64));
        let words = json["words"].as_array().expect("words");
        assert_eq!(words.len(), m.vocabulary().words().len());
        for i in [0, words.len() / 2, words.len() - 1] {
            assert_eq!(words[i]["word"].as_str(), Some(m.vocabulary().word(i as u32)));
            let v: Vec<f32> = words[i]["vector"].as_array().expect("a vector").iter().map(|x| x.as_f64().expect("a number") as f32).collect();
            assert_eq!(v, m.vectors()[i * d..(i + 1) * d].to_vec());
        }
    }
}
