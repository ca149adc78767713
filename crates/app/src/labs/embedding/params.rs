//! The embedding lab's settings: what its controls write, its reset (`Default`), its address.
//! Three groups: the corpus (`corpus`, `rounds`, `data`), word2vec's training (`model` …
//! `seed`), and what the page shows (`analogy`, `word`, `show`, `pin`, `speed`).

use perplexed_core::embedding::corpus::{CorpusSpec, Language, DEFAULT_ROUNDS, MAX_ROUNDS};
use perplexed_core::embedding::word2vec::{Architecture, Settings, MAX_DIM};

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed};

perplexed_core::slug_enum! {
    /// Where the text comes from.
    pub enum Source {
        /// The shipped corpus in English.
        English => "en",
        /// The shipped corpus in Hebrew.
        Hebrew => "he",
        /// Text the learner pasted (kept in the browser; the address says only that).
        Pasted => "pasted",
    }
}

perplexed_core::slug_enum! {
    /// How fast the page reads the corpus while playing, in words a second.
    pub enum Pace {
        /// 10,000 words a second: every point's path can be followed.
        Slow => "slow",
        /// 40,000 words a second: the default run (570,900 words) in about 14 s.
        Normal => "normal",
        /// As many words as each frame's budget allows.
        Max => "max",
    }
}

impl Pace {
    /// Words a second (`None`: as fast as the frame allows).
    pub fn words_per_second(self) -> Option<f64> {
        match self {
            Pace::Slow => Some(10_000.0),
            Pace::Normal => Some(40_000.0),
            Pace::Max => None,
        }
    }
}

perplexed_core::slug_enum! {
    /// Which words the projection and the heatmap show.
    pub enum Shown {
        Gender => "gender",
        Capital => "capital",
        Plural => "plural",
        Tense => "tense",
        Opposite => "opposite",
        /// The most frequent words (the only choice that means something for pasted text).
        Frequent => "frequent",
    }
}

by_slug!(Source, Pace, Shown, Architecture);

/// Learning rates the slider offers (word2vec's default 0.025 among them).
pub const LEARNING_RATES: [f32; 8] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];
/// Subsampling thresholds (0: off; word2vec's default 10⁻³).
pub const SAMPLES: [f32; 5] = [0.0, 0.00001, 0.0001, 0.001, 0.01];
/// Longest word of the analogy or the looked-at word in the address.
pub const MAX_WORD_CHARS: usize = 40;

/// A word from the address: one to 40 characters, no spaces or commas; lowercased as the
/// corpus is.
pub fn word(s: &str) -> Option<String> {
    let w = s.trim();
    (!w.is_empty() && w.chars().count() <= MAX_WORD_CHARS && !w.contains([',', ' '])).then(|| w.to_lowercase())
}

/// Three words `x,y,z` for `x − y + z`.
pub fn three_words(s: &str) -> Option<[String; 3]> {
    let parts: Vec<String> = s.split(',').map(word).collect::<Option<_>>()?;
    <[String; 3]>::try_from(parts).ok()
}

lab_params! {
    /// Everything that defines the embedding lab; a link carries all of it.
    pub struct EmbeddingParams {
        corpus: Source = Source::English, Source::from_slug;
        /// Rounds of the generated corpus (each gives every pair's sentences once).
        rounds: usize = DEFAULT_ROUNDS, int_in(1, MAX_ROUNDS as i64);
        /// Seed of the generated corpus's sentences.
        data: u32 = 1, seed;
        model: Architecture = Architecture::SkipGram, Architecture::from_slug;
        dim: usize = 50, int_in(2, MAX_DIM as i64);
        window: usize = 5, int_in(1, 10);
        negatives: usize = 5, int_in(1, 20);
        lr: f32 = 0.025, float_in(0.0001, 1.0);
        /// The learning rate falls linearly to 0.0001 over the run (word2vec's schedule).
        decay: bool = true, boolean;
        /// Subsampling threshold `t` (0: off).
        sample: f32 = 0.001, float_in(0.0, 0.1);
        min_count: usize = 5, int_in(1, 1000);
        epochs: usize = 10, int_in(1, 200);
        seed: u32 = 1, seed;
        /// The analogy `x − y + z`, as three words.
        analogy: [String; 3] = ["king".into(), "man".into(), "woman".into()], three_words, write |a: &[String; 3]| Some(a.join(","));
        /// The word whose neighbours are listed (hovering another shows its own).
        word: String = "king".into(), word, write |w: &String| Some(w.clone());
        show: Shown = Shown::Gender, Shown::from_slug;
        /// The projection keeps its axes instead of following the vectors.
        pin: bool = false, boolean;
        speed: Pace = Pace::Normal, Pace::from_slug;
    }
}

impl EmbeddingParams {
    /// The shipped corpus to generate (`None`: pasted text).
    pub fn corpus_spec(&self) -> Option<CorpusSpec> {
        let language = match self.corpus {
            Source::English => Language::English,
            Source::Hebrew => Language::Hebrew,
            Source::Pasted => return None,
        };
        Some(CorpusSpec { language, rounds: self.rounds, seed: u64::from(self.data) })
    }

    pub fn settings(&self) -> Settings {
        let d = Settings::default();
        Settings {
            architecture: self.model,
            dim: self.dim,
            window: self.window,
            negatives: self.negatives,
            alpha: self.lr,
            // Without decay the rate stays at α₀ all run.
            min_alpha: if self.decay { d.min_alpha.min(self.lr) } else { self.lr },
            // The decimal the address holds (0.001, not f32's 0.0010000000474…).
            sample: crate::query::short_float(self.sample).parse().unwrap_or(f64::from(self.sample)),
            min_count: self.min_count,
            epochs: self.epochs,
            seed: u64::from(self.seed),
        }
    }

    /// The presets' analogies in the corpus's language: royalty, capitals, tenses — with the
    /// answer each should give.
    pub fn presets(&self) -> [([&'static str; 3], &'static str); 3] {
        match self.corpus {
            Source::Hebrew => [(["מלך", "גבר", "אישה"], "מלכה"), (["פריז", "צרפת", "איטליה"], "רומא"), (["הלך", "הולך", "שוחה"], "שחה")],
            _ => [(["king", "man", "woman"], "queen"), (["paris", "france", "italy"], "rome"), (["walked", "walk", "swim"], "swam")],
        }
    }

    /// Moves to another text, taking the analogy and the looked-at word along when they are a
    /// preset's (king − man + woman becomes מלך − גבר + אישה), and the words shown to the most
    /// frequent for pasted text (it has no relations).
    pub fn switch_corpus(&mut self, to: Source) {
        let from = self.presets();
        self.corpus = to;
        let into = self.presets();
        for (f, t) in from.iter().zip(&into) {
            if self.analogy.iter().zip(f.0).all(|(a, b)| a == b) {
                self.analogy = t.0.map(str::to_owned);
            }
            let words = f.0.iter().chain([&f.1]).zip(t.0.iter().chain([&t.1]));
            if let Some((_, w)) = words.into_iter().find(|(a, _)| **a == self.word) {
                self.word = (*w).to_owned();
            }
        }
        if to == Source::Pasted {
            self.show = Shown::Frequent;
        } else if self.show == Shown::Frequent {
            self.show = Shown::Gender;
        }
    }

    /// What a change from `old` invalidates: the text, the model, or only the picture.
    pub fn change_from(&self, old: &EmbeddingParams) -> Change {
        if (self.corpus, self.rounds, self.data) != (old.corpus, old.rounds, old.data) {
            Change::Text
        } else if self.settings() != old.settings() {
            Change::Model
        } else if self.speed != old.speed {
            Change::Pace
        } else {
            Change::Display
        }
    }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// What the page looks at: nothing retrains.
    Display,
    /// The pace starts over.
    Pace,
    /// A new run on the same text.
    Model,
    /// A new text, then a new run.
    Text,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (EmbeddingParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = EmbeddingParams {
            corpus: Source::Hebrew,
            rounds: 80,
            data: 3,
            model: Architecture::Cbow,
            dim: 20,
            window: 3,
            negatives: 10,
            lr: 0.05,
            decay: false,
            sample: 0.0001,
            min_count: 2,
            epochs: 30,
            seed: 9,
            analogy: ["מלך".into(), "גבר".into(), "אישה".into()],
            word: "מלכה".into(),
            show: Shown::Capital,
            pin: true,
            speed: Pace::Max,
        };
        assert_round_trip(&p);
        assert_round_trip(&EmbeddingParams::default());
        assert_eq!(read(""), (EmbeddingParams::default(), vec![]));
        assert_eq!(EmbeddingParams::default().settings(), Settings::default(), "the lab opens on the core's measured defaults");
        assert_eq!(EmbeddingParams::default().corpus_spec(), Some(CorpusSpec::default()));
        assert_eq!(read("analogy=Paris,France,Italy").0.analogy, ["paris", "france", "italy"], "lowercased as the corpus is");
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "corpus=fr&rounds=0&data=x&model=glove&dim=1&window=11&negatives=0&lr=2&decay=maybe&sample=0.5&min_count=0&epochs=201\
             &seed=-1&analogy=king,man&word=&show=all&pin=2&speed=warp",
        );
        assert_eq!(p, EmbeddingParams::default());
        assert_eq!(
            rejected,
            ["analogy", "corpus", "data", "decay", "dim", "epochs", "lr", "min_count", "model", "negatives", "pin", "rounds", "sample", "seed", "show", "speed", "window", "word"]
        );
        assert_eq!(three_words("a,b,c,d"), None);
        assert_eq!(three_words("a,,c"), None);
        assert_eq!(word(&"x".repeat(41)), None);
    }

    #[test]
    fn changes_are_told_apart() {
        let a = EmbeddingParams::default();
        assert_eq!(a.change_from(&a), Change::Display);
        for display in [EmbeddingParams { word: "queen".into(), ..a.clone() }, EmbeddingParams { pin: true, ..a.clone() }, EmbeddingParams { show: Shown::Tense, ..a.clone() }] {
            assert_eq!(display.change_from(&a), Change::Display);
        }
        assert_eq!(EmbeddingParams { speed: Pace::Max, ..a.clone() }.change_from(&a), Change::Pace);
        for model in [EmbeddingParams { dim: 10, ..a.clone() }, EmbeddingParams { decay: false, ..a.clone() }, EmbeddingParams { model: Architecture::Cbow, ..a.clone() }] {
            assert_eq!(model.change_from(&a), Change::Model);
        }
        assert_eq!(EmbeddingParams { corpus: Source::Hebrew, ..a.clone() }.change_from(&a), Change::Text);
    }

    #[test]
    fn a_preset_follows_the_corpus_into_the_other_language() {
        let mut p = EmbeddingParams { analogy: ["walked".into(), "walk".into(), "swim".into()], word: "queen".into(), ..EmbeddingParams::default() };
        p.switch_corpus(Source::Hebrew);
        assert_eq!((p.analogy.clone(), p.word.as_str()), (["הלך".to_owned(), "הולך".into(), "שוחה".into()], "מלכה"));
        p.switch_corpus(Source::English);
        assert_eq!(p.analogy, ["walked", "walk", "swim"]);
        let mut own = EmbeddingParams { analogy: ["cat".into(), "cats".into(), "dog".into()], ..EmbeddingParams::default() };
        own.switch_corpus(Source::Pasted);
        assert_eq!((own.analogy[0].as_str(), own.show), ("cat", Shown::Frequent), "the learner's own words stay");
        own.switch_corpus(Source::Hebrew);
        assert_eq!(own.show, Shown::Gender);
    }
}
