//! The language lab's settings: what its controls write, its reset (`Default`), its address.
//! Four groups: the text and its tokens (`corpus` … `merges`), the transformer and its training
//! (`context` … `epochs`), the prompt and how the model's next token is chosen (`prompt` …
//! `sample`), and what the page shows (`speed`).

use perplexed_core::attention::model::{NetSpec, Position, HEADS_RANGE, LAYERS_RANGE, WIDTH_RANGE};
use perplexed_core::language::bpe::VOCAB_RANGE;
use perplexed_core::language::corpus::{CorpusSpec, Language, DEFAULT_DOCUMENTS, DOCUMENTS_RANGE};
use perplexed_core::language::model::{LmSpec, CONTEXT_RANGE};
use perplexed_core::language::sampling::{Decoding, REPETITION_PENALTY_RANGE, TEMPERATURE_MAX};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::train::minibatch::TrainSettings;

pub use crate::components::training::{Change, Pace};
use crate::components::training::{classify, TrainingParams, LEARNING_RATES};
use crate::query::{by_slug, float_in, int_in, lab_params, seed, settle_split};

perplexed_core::slug_enum! {
    /// Where the text comes from.
    pub enum Source {
        /// The small world, in English.
        English => "en",
        /// The small world, in Hebrew.
        Hebrew => "he",
        /// Text the learner pasted (kept in the browser; the address says only that).
        Pasted => "pasted",
    }
}

perplexed_core::slug_enum! {
    /// The lab's pages, each its own download (`Lab::parts`): the model (training, the prompt,
    /// the ways of asking), and the tokens (the tokenizer replayed merge by merge).
    pub enum Part {
        Model => "model",
        Tokens => "tokens",
    }
}

by_slug!(Source, Part);

/// Widths the slider offers (every one divisible by 1, 2 and 4 heads).
pub const WIDTHS: [usize; 4] = [16, 32, 48, 64];
/// Vocabulary sizes the slider offers.
pub const VOCABS: [usize; 9] = [30, 60, 100, 200, 300, 500, 800, 1200, 2000];
/// Most epochs the "stop after" slider offers.
pub const MAX_EPOCHS: usize = 500;
/// Longest text the address carries for the typed text and the prompt (characters).
pub const MAX_TYPED: usize = 300;
/// Most tokens one "Write" adds.
pub const MAX_WRITE: usize = 200;

/// Typed text from the address: at most [`MAX_TYPED`] characters, no control characters but
/// line breaks.
pub fn typed(s: &str) -> Option<String> {
    (s.chars().count() <= MAX_TYPED && !s.chars().any(|c| c.is_control() && c != '\n')).then(|| s.to_owned())
}

fn write_typed(s: &String) -> Option<String> {
    Some(s.clone())
}

lab_params! {
    /// Everything that defines the language lab; a link carries all of it (not pasted text).
    pub struct LanguageParams {
        part: Part = Part::Model, Part::from_slug;
        corpus: Source = Source::English, Source::from_slug;
        /// Documents of the generated small world (about 80 characters each).
        documents: usize = DEFAULT_DOCUMENTS, int_in(DOCUMENTS_RANGE.0 as i64, DOCUMENTS_RANGE.1 as i64);
        /// Seed of the generated text.
        data: u32 = 1, seed;
        /// The tokenizer's vocabulary size (`<unk>` included; the line break is one more).
        vocab: usize = 300, int_in(VOCAB_RANGE.0 as i64, VOCAB_RANGE.1 as i64);
        /// Merges the tokens panel applies to the typed text (beyond the trained ones: all).
        merges: usize = VOCAB_RANGE.1, int_in(0, VOCAB_RANGE.1 as i64);
        /// The text the tokens panel cuts into tokens.
        text: String = String::new(), typed, write write_typed;
        /// Tokens a window holds: what the model reads at most.
        context: usize = 64, int_in(CONTEXT_RANGE.0 as i64, CONTEXT_RANGE.1 as i64);
        layers: usize = 2, int_in(LAYERS_RANGE.0 as i64, LAYERS_RANGE.1 as i64);
        heads: usize = 2, int_in(HEADS_RANGE.0 as i64, HEADS_RANGE.1 as i64);
        width: usize = 32, int_in(WIDTH_RANGE.0 as i64, WIDTH_RANGE.1 as i64);
        position: Position = Position::Learned, Position::from_slug;
        optimizer: OptimizerKind = OptimizerKind::Adam, OptimizerKind::from_slug;
        lr: f32 = 0.01, float_in(f64::from(LEARNING_RATES[0]), f64::from(LEARNING_RATES[LEARNING_RATES.len() - 1]));
        batch: usize = 32, int_in(1, 256);
        /// Largest gradient norm (0: no clipping).
        clip: f32 = 1.0, float_in(0.0, 100.0);
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        split: u32 = 1, seed;
        seed: u32 = 1, seed;
        /// Epochs to train before stopping by itself (0: until paused).
        epochs: usize = 30, int_in(0, MAX_EPOCHS as i64);
        /// The prompt (empty: the corpus's first question).
        prompt: String = String::new(), typed, write write_typed;
        temperature: f32 = 1.0, float_in(0.0, f64::from(TEMPERATURE_MAX));
        /// Tokens kept (0: all).
        top_k: usize = 0, int_in(0, VOCAB_RANGE.1 as i64);
        /// Cumulative probability kept (1: all).
        top_p: f32 = 1.0, float_in(0.01, 1.0);
        repetition: f32 = 1.0, float_in(f64::from(REPETITION_PENALTY_RANGE.0), f64::from(REPETITION_PENALTY_RANGE.1));
        /// Tokens one "Write" adds.
        length: usize = 30, int_in(1, MAX_WRITE as i64);
        /// Seed of the sampled tokens.
        sample: u32 = 1, seed;
        speed: Pace = Pace::Max, Pace::from_slug;
    }
    settle(p, q) {
        settle_split(q, p.train, &mut p.val, Self::default().val);
    }
}

impl LanguageParams {
    /// The small world to generate (`None`: pasted text).
    pub fn corpus_spec(&self) -> Option<CorpusSpec> {
        let language = match self.corpus {
            Source::English => Language::English,
            Source::Hebrew => Language::Hebrew,
            Source::Pasted => return None,
        };
        Some(CorpusSpec { language, documents: self.documents, seed: u64::from(self.data) })
    }

    pub fn lm_spec(&self) -> LmSpec {
        LmSpec { context: self.context, layers: self.layers, heads: self.heads, width: self.width, position: self.position }
    }

    pub fn net_spec(&self) -> NetSpec {
        self.lm_spec().net()
    }

    pub fn train_settings(&self) -> TrainSettings {
        TrainSettings {
            train_pct: self.train,
            val_pct: self.val,
            split_seed: u64::from(self.split),
            optimizer: self.optimizer,
            lr: self.lr,
            batch: self.batch,
            clip: (self.clip > 0.0).then_some(self.clip),
            seed: u64::from(self.seed),
        }
    }

    pub fn decoding(&self) -> Decoding {
        Decoding { temperature: self.temperature, top_k: self.top_k, top_p: self.top_p, repetition_penalty: self.repetition }
    }

    /// The text and its tokenizer: a change here re-learns the tokens.
    pub fn text_key(&self) -> (Source, usize, u32, usize) {
        (self.corpus, self.documents, self.data, self.vocab)
    }
}

impl TrainingParams for LanguageParams {
    crate::components::training::clipped_training!();

    /// What a change from `old` invalidates.
    fn change_from(&self, old: &Self) -> Option<Change> {
        classify(self, old, self.text_key() != old.text_key()
            || self.lm_spec() != old.lm_spec()
            || (self.train, self.val, self.split) != (old.train, old.val, old.split))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (LanguageParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = LanguageParams {
            part: Part::Tokens,
            corpus: Source::Hebrew,
            documents: 800,
            data: 3,
            vocab: 500,
            merges: 40,
            text: "כמה פעמים מופיעה האות ר במילה תות?\nstrawberry & co".into(),
            context: 32,
            layers: 3,
            heads: 4,
            width: 48,
            position: Position::Sinusoidal,
            optimizer: OptimizerKind::AdamW,
            lr: 0.003,
            batch: 16,
            clip: 0.0,
            train: 70,
            val: 15,
            split: 2,
            seed: 9,
            epochs: 0,
            prompt: "ש: מהי בירת צרפת? ת:".into(),
            temperature: 0.7,
            top_k: 10,
            top_p: 0.9,
            repetition: 1.3,
            length: 80,
            sample: 4,
            speed: Pace::Watch,
        };
        assert_round_trip(&p);
        assert_round_trip(&LanguageParams::default());
        assert_eq!(read(""), (LanguageParams::default(), vec![]));
        let d = LanguageParams::default();
        assert_eq!(d.lm_spec(), LmSpec::default(), "the lab opens on the core's tested model");
        assert_eq!(d.train_settings(), TrainSettings::default());
        assert_eq!(d.decoding(), Decoding::default());
        assert_eq!(d.corpus_spec(), Some(CorpusSpec::default()));
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let long = "x".repeat(MAX_TYPED + 1);
        let (p, rejected) = read(&format!(
            "part=chat&corpus=fr&documents=10&data=x&vocab=20&merges=-1&text={long}&context=65&layers=9&heads=5&width=8&position=rotary&optimizer=newton\
             &lr=20&batch=0&clip=-1&train=0&split=-2&seed=1.5&epochs=501&prompt={long}&temperature=6&top_k=-1&top_p=0&repetition=0.5\
             &length=0&sample=q&speed=warp"
        ));
        assert_eq!(p, LanguageParams::default());
        assert_eq!(
            rejected,
            [
                "batch", "clip", "context", "corpus", "data", "documents", "epochs", "heads", "layers", "length", "lr", "merges", "optimizer", "part", "position",
                "prompt", "repetition", "sample", "seed", "speed", "split", "temperature", "text", "top_k", "top_p", "train", "vocab", "width"
            ]
        );
    }

    #[test]
    fn changes_are_told_apart() {
        let a = LanguageParams::default();
        assert_eq!(a.change_from(&a), None);
        for display in [
            LanguageParams { speed: Pace::Fast, ..a.clone() },
            LanguageParams { prompt: "Q: What colour is grass? A:".into(), ..a.clone() },
            LanguageParams { temperature: 0.0, ..a.clone() },
            LanguageParams { merges: 3, ..a.clone() },
            LanguageParams { part: Part::Tokens, ..a.clone() },
            LanguageParams { text: "hello".into(), ..a.clone() },
            LanguageParams { epochs: 10, ..a.clone() },
        ] {
            assert_eq!(display.change_from(&a), Some(Change::Display), "{display:?}");
        }
        assert_eq!(LanguageParams { lr: 0.1, ..a.clone() }.change_from(&a), Some(Change::LearningRate));
        for model in [
            LanguageParams { corpus: Source::Hebrew, ..a.clone() },
            LanguageParams { vocab: 100, ..a.clone() },
            LanguageParams { context: 32, ..a.clone() },
            LanguageParams { heads: 4, ..a.clone() },
            LanguageParams { data: 2, ..a.clone() },
        ] {
            assert_eq!(model.change_from(&a), Some(Change::Model), "{model:?}");
        }
    }
}
