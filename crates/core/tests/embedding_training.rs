//! Word2vec on the shipped corpus: king − man + woman ranks queen first in English and Hebrew
//! from the fixed seed, the analogy accuracy within 5 points of gensim's recorded figure
//! (`tests/fixtures/embedding/gensim-reference.json`, made by `compare_gensim.py`), the loss
//! falling and the learning rate decaying, determinism, and chunked stepping equal to one run.

use perplexed_core::embedding::corpus::{analogy_questions, generate, Corpus, CorpusSpec, Language, Question, Text};
use perplexed_core::embedding::word2vec::{Architecture, Settings, Word2Vec};
use perplexed_core::stepping::{step_within, Stepping};
use serde_json::Value;

fn corpus(language: Language) -> Corpus {
    generate(&CorpusSpec { language, ..CorpusSpec::default() }).unwrap()
}

fn trained(corpus: &Corpus, settings: Settings) -> (Word2Vec, Vec<Question>) {
    let mut w = Word2Vec::new(&corpus.text, &settings).unwrap();
    w.run_to_end();
    (w, analogy_questions(&corpus.relations))
}

/// Rank (1 = first) of `expected` among the answers to `a : b :: c : ?`, and the top three.
fn rank(w: &Word2Vec, [a, b, c, expected]: [&str; 4]) -> (Option<usize>, Vec<(String, f32)>) {
    let v = w.vocabulary();
    let id = |s: &str| v.id(s).unwrap_or_else(|| panic!("{s} not in the vocabulary"));
    let answers = w.space().analogy(id(a), id(b), id(c), 10);
    let top = answers.iter().take(3).map(|n| (v.word(n.id).to_string(), n.cosine)).collect();
    (answers.iter().position(|n| n.id == id(expected)).map(|p| p + 1), top)
}

const PRESETS_EN: [[&str; 4]; 3] = [["man", "king", "woman", "queen"], ["france", "paris", "italy", "rome"], ["walk", "walked", "swim", "swam"]];
const PRESETS_HE: [[&str; 4]; 3] = [["גבר", "מלך", "אישה", "מלכה"], ["צרפת", "פריז", "איטליה", "רומא"], ["הולך", "הלך", "שוחה", "שחה"]];

/// The lab's three presets from the default settings and seed, in both languages: all three
/// rank the expected word first (king − man + woman → queen is the issue's requirement).
#[test]
fn king_minus_man_plus_woman_ranks_queen_first_in_both_languages() {
    for (language, presets) in [(Language::English, PRESETS_EN), (Language::Hebrew, PRESETS_HE)] {
        let (w, _) = trained(&corpus(language), Settings::default());
        for p in presets {
            let (r, top) = rank(&w, p);
            println!("{language:?} {} − {} + {}: {} ranks {r:?}; top {top:?}", p[1], p[0], p[2], p[3]);
            assert_eq!(r, Some(1), "{language:?} {p:?}: {top:?}");
        }
    }
}

fn gensim_mean(key: &str) -> f64 {
    let path = format!("{}/tests/fixtures/embedding/gensim-reference.json", env!("CARGO_MANIFEST_DIR"));
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["results"][key]["mean_accuracy"].as_f64().unwrap()
}

/// Seeds averaged on our side; gensim's figure is the mean of its 10 seeds.
const OUR_SEEDS: [u64; 3] = [1, 2, 3];

/// The same corpus, settings and analogy set as gensim 4.4 (`workers=1`): our mean accuracy
/// over three seeds is within 5 points of gensim's mean over ten, for both architectures and
/// both languages with the lab's settings, and for skip-gram after 3 epochs, where neither
/// side is near 100 % (the figures are in docs/EMBEDDING.md).
#[test]
fn analogy_accuracy_is_within_5_points_of_gensim() {
    let cases = [(Architecture::SkipGram, 10, ""), (Architecture::Cbow, 10, ""), (Architecture::SkipGram, 3, "-3-epochs")];
    for language in Language::ALL {
        let c = corpus(language);
        for (architecture, epochs, suffix) in cases {
            let accuracies: Vec<f64> = OUR_SEEDS
                .iter()
                .map(|&seed| {
                    let (w, q) = trained(&c, Settings { architecture, seed, epochs, ..Settings::default() });
                    let score = w.space().evaluate(w.vocabulary(), &q);
                    assert_eq!((score.asked, score.skipped), (396, 0));
                    println!("  {language:?} {architecture:?} {epochs} epochs, seed {seed}: {:.4} {:?}", score.accuracy(), score.by_relation);
                    score.accuracy()
                })
                .collect();
            let ours = accuracies.iter().sum::<f64>() / accuracies.len() as f64;
            let theirs = gensim_mean(&format!("{}-{}{suffix}", language.slug(), architecture.slug()));
            println!("{language:?} {architecture:?} {epochs} epochs: ours {:.1} %, gensim {:.1} %", 100.0 * ours, 100.0 * theirs);
            assert!((ours - theirs).abs() <= 0.05, "{language:?} {architecture:?} {epochs} epochs: ours {ours}, gensim {theirs}");
        }
    }
}

/// The loss per example falls epoch after epoch, the learning rate decays linearly in steps of
/// 10,000 words, and the words read are `epochs · N`.
#[test]
fn the_loss_falls_and_the_learning_rate_decays_in_steps() {
    let c = corpus(Language::English);
    let settings = Settings { epochs: 4, ..Settings::default() };
    let mut w = Word2Vec::new(&c.text, &settings).unwrap();
    assert_eq!(w.alpha(), 0.025);
    w.step_words(c.text.word_count() * 2);
    // Half way, 114,180 words of 228,360 read: α counts whole steps of 10,000 words, so the
    // last sentence used 0.025 − 0.0249·110,000/228,360 = 0.013006.
    assert!((w.alpha() - 0.013_006).abs() < 1e-6, "{}", w.alpha());
    w.run_to_end();
    let losses = w.epoch_losses();
    println!("epoch losses {losses:?}; curve points {}", w.loss_curve().len());
    assert_eq!(losses.len(), 4);
    assert!(losses.windows(2).all(|p| p[1] < p[0]), "{losses:?}");
    assert!(losses[0] > 2.0 && losses[3] < 1.5, "{losses:?}");
    // The last step: 0.025 − 0.0249·220,000/228,360 = 0.0010116.
    assert!((w.alpha() - 0.001_011_6).abs() < 1e-6, "{}", w.alpha());
    assert_eq!(w.words_done(), 4 * c.text.word_count() as u64);
    assert_eq!(w.progress().total, Some(4 * c.text.word_count()));
    assert!(w.done());
    let curve = w.loss_curve();
    assert!(curve.len() >= 4 * c.text.word_count() / 5000 - 1);
    assert!(curve.first().unwrap().loss > curve.last().unwrap().loss);
}

fn small(seed: u64, architecture: Architecture) -> Settings {
    Settings { dim: 10, epochs: 2, seed, architecture, ..Settings::default() }
}

#[test]
fn the_same_seed_gives_the_same_vectors() {
    let c = corpus(Language::Hebrew);
    for architecture in Architecture::ALL {
        let (a, _) = trained(&c, small(7, architecture));
        let (b, _) = trained(&c, small(7, architecture));
        assert_eq!(a.vectors(), b.vectors());
        assert_eq!(a.output_vectors(), b.output_vectors());
        assert_eq!(a.epoch_losses(), b.epoch_losses());
        let (other, _) = trained(&c, small(8, architecture));
        assert_ne!(a.vectors(), other.vectors());
    }
}

/// One word per call (one sentence each), the page's `Stepping::step` under a frame budget, and
/// one long run: the same vectors, loss curve and epoch losses, bit for bit.
#[test]
fn stepping_in_chunks_gives_the_same_vectors_as_one_run() {
    let c = corpus(Language::English);
    for architecture in Architecture::ALL {
        let (whole, _) = trained(&c, small(3, architecture));
        let mut tiny = Word2Vec::new(&c.text, &small(3, architecture)).unwrap();
        let mut calls = 0;
        while !tiny.done() {
            let report = tiny.step_words(1);
            assert!(report.words >= 1 && report.words <= 20, "{report:?}");
            calls += 1;
        }
        assert_eq!(calls, 2 * c.text.sentence_count());
        let mut framed = Word2Vec::new(&c.text, &small(3, architecture)).unwrap();
        let clock = std::cell::Cell::new(0.0);
        while !framed.done() {
            step_within(&mut framed, 3, 16.0, &|| {
                clock.set(clock.get() + 1.0);
                clock.get()
            });
        }
        for other in [&tiny, &framed] {
            assert_eq!(other.vectors(), whole.vectors());
            assert_eq!(other.output_vectors(), whole.output_vectors());
            assert_eq!(other.loss_curve(), whole.loss_curve());
            assert_eq!(other.epoch_losses(), whole.epoch_losses());
        }
    }
}

/// "Why vectors": before training a word's neighbours are chance; after, king's nearest words
/// include queen.
#[test]
fn neighbours_at_epoch_0_and_after_training() {
    let (w, _) = trained(&corpus(Language::English), Settings::default());
    let v = w.vocabulary();
    let king = v.id("king").unwrap();
    let names = |s: &perplexed_core::embedding::space::Space| s.nearest(king, 5).iter().map(|n| v.word(n.id).to_string()).collect::<Vec<_>>();
    let before = names(&w.initial_space());
    let after = names(&w.space());
    println!("king's neighbours at epoch 0: {before:?}; after: {after:?}");
    assert!(!before.contains(&"queen".to_string()));
    assert!(after[..3].contains(&"queen".to_string()), "{after:?}");
    assert!(w.space().cosine(king, v.id("queen").unwrap()) > 0.7);
}

#[test]
fn pasted_text_trains_and_bad_settings_are_errors() {
    let text = Text::parse(&"The quick brown fox jumps over the lazy dog. The lazy dog sleeps in the sun. ".repeat(30)).unwrap();
    let mut w = Word2Vec::new(&text, &Settings { dim: 8, epochs: 3, ..Settings::default() }).unwrap();
    w.run_to_end();
    assert!(!w.diverged());
    assert!(w.vectors().iter().all(|v| v.is_finite()));
    assert_eq!(w.vocabulary().words()[0], "the");

    let bad = |s: Settings| Word2Vec::new(&text, &s).unwrap_err().field;
    let d = Settings::default();
    assert_eq!(bad(Settings { dim: 1, ..d }), "dim");
    assert_eq!(bad(Settings { dim: 101, ..d }), "dim");
    assert_eq!(bad(Settings { window: 0, ..d }), "window");
    assert_eq!(bad(Settings { negatives: 0, ..d }), "negatives");
    assert_eq!(bad(Settings { alpha: 0.0, ..d }), "alpha");
    assert_eq!(bad(Settings { alpha: f32::NAN, ..d }), "alpha");
    assert_eq!(bad(Settings { min_alpha: 0.5, ..d }), "min_alpha");
    assert_eq!(bad(Settings { sample: -1.0, ..d }), "sample");
    assert_eq!(bad(Settings { epochs: 0, ..d }), "epochs");
    assert_eq!(bad(Settings { min_count: 1000, ..d }), "vocabulary");
    let e = Word2Vec::new(&text, &Settings { dim: 200, ..d }).unwrap_err();
    assert_eq!(e.to_string(), "dim must be between 2 and 100 (got 200)");
}

/// The figures of docs/EMBEDDING.md: our accuracy over the ten seeds gensim's figure uses, with
/// the lab's settings and with 3 epochs (where neither side has saturated), and the corpus and
/// vocabulary sizes.
///
/// ```sh
/// cargo test -p perplexed-core -j 1 --release --test embedding_training -- --ignored --nocapture
/// ```
#[test]
#[ignore = "a measurement for the docs"]
fn accuracy_over_ten_seeds() {
    for language in Language::ALL {
        let c = corpus(language);
        let v = perplexed_core::embedding::corpus::Vocabulary::build(&c.text, 5).unwrap();
        println!(
            "{language:?}: {} sentences, {} words, {} different, vocabulary {} (min_count 5)",
            c.text.sentence_count(),
            c.text.word_count(),
            c.text.distinct_words(),
            v.len()
        );
        for (label, epochs, architectures) in [("lab settings", 10, &Architecture::ALL[..]), ("3 epochs", 3, &[Architecture::SkipGram][..])] {
            for &architecture in architectures {
                let mut acc = Vec::new();
                let mut queen_first = 0;
                for seed in 1..=10 {
                    let (w, q) = trained(&c, Settings { architecture, seed, epochs, ..Settings::default() });
                    acc.push(w.space().evaluate(w.vocabulary(), &q).accuracy());
                    let presets = if language == Language::English { PRESETS_EN } else { PRESETS_HE };
                    queen_first += usize::from(rank(&w, presets[0]).0 == Some(1));
                }
                let mean = acc.iter().sum::<f64>() / acc.len() as f64;
                let per_seed: Vec<String> = acc.iter().map(|a| format!("{:.3}", a)).collect();
                println!("  {label} {architecture:?}: mean {:.2} %, queen first {queen_first}/10; {}", 100.0 * mean, per_seed.join(" "));
            }
        }
    }
}

