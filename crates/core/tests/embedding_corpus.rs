//! The embedding lab's text: pasted text cut into words (any Unicode, never a panic), the
//! shipped corpus (seeded, its relation words where the analogies need them, clean Hebrew), the
//! vocabulary's counts, subsampling and noise distribution worked by hand, the analogy set.

use perplexed_core::embedding::corpus::{
    analogy_questions, generate, questions_file, relations, CorpusSpec, Language, RelationKind, Text, Vocabulary, DEFAULT_ROUNDS,
    MAX_SENTENCE, MAX_TEXT_BYTES, MIN_WORDS,
};
use perplexed_core::rng::Rng;

fn sentences(t: &Text) -> Vec<String> {
    (0..t.sentence_count()).map(|i| t.sentence_text(i)).collect()
}

const FILLER: &str = " one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";

#[test]
fn pasted_text_becomes_lowercase_words_in_sentences() {
    let t = Text::parse(&format!("Hello, World! Don't STOP… the cat's toy; «Quoted» (brackets)\nnew line{FILLER}")).unwrap();
    let s = sentences(&t);
    assert_eq!(s[0], "hello world");
    assert_eq!(s[1], "dont stop");
    assert_eq!(s[2], "the cats toy");
    assert_eq!(s[3], "quoted brackets");
    assert!(s[4].starts_with("new line one two"));
}

#[test]
fn hebrew_letters_are_kept_and_niqqud_dropped() {
    let t = Text::parse(&format!("שָׁלוֹם עוֹלָם. הַמֶּלֶךְ והמלכה! צ׳יפס, צה\"ל{FILLER}")).unwrap();
    let s = sentences(&t);
    assert_eq!(s[0], "שלום עולם");
    assert_eq!(s[1], "המלך והמלכה");
    assert!(s[2].starts_with("ציפס צהל one"), "{}", s[2]);
    // A pointed and an unpointed spelling are one word.
    let t = Text::parse(&format!("מֶלֶךְ מלך{FILLER}")).unwrap();
    assert_eq!(t.sentence(0)[0], t.sentence(0)[1]);
}

#[test]
fn too_little_or_too_much_text_is_a_readable_error() {
    let e = Text::parse("just a few words").unwrap_err();
    assert_eq!(e.field, "text_words");
    assert_eq!(e.to_string(), format!("text_words needs at least {MIN_WORDS} (there are 4)"));
    assert_eq!(Text::parse("").unwrap_err().field, "text_words");
    assert_eq!(Text::parse("!!! ??? ... 🙂🙂").unwrap_err().field, "text_words");
    let e = Text::parse(&"a ".repeat(MAX_TEXT_BYTES / 2 + 1)).unwrap_err();
    assert_eq!(e.field, "text_bytes");
}

#[test]
fn a_text_without_punctuation_is_cut_into_bounded_sentences() {
    let t = Text::parse(&"word ".repeat(2500)).unwrap();
    assert_eq!(t.sentence_count(), 3);
    assert_eq!(t.sentence(0).len(), MAX_SENTENCE);
    assert_eq!(t.sentence(2).len(), 500);
    assert_eq!(t.distinct_words(), 1);
}

/// Random strings drawn from every plane of Unicode (surrogates excluded, since a `&str` cannot
/// hold them), combining marks, right-to-left marks and control characters: parsing never
/// panics, and every word it keeps is non-empty lowercase text without spaces or punctuation.
#[test]
fn any_unicode_is_parsed_without_panicking() {
    let mut rng = Rng::new(18);
    let specials = ['\u{200F}', '\u{202E}', '\u{0301}', '\u{05B8}', '\0', '\u{FEFF}', 'İ', 'ẞ', 'ß', '\u{1F600}', '\'', '׳', '.', '\n'];
    for round in 0..300 {
        let len = rng.below(400);
        let s: String = (0..len)
            .map(|_| match rng.below(4) {
                0 => specials[rng.below(specials.len())],
                1 => char::from_u32(0x05D0 + rng.below(27) as u32).unwrap_or('x'),
                2 => char::from_u32(0x20 + rng.below(0x60) as u32).unwrap_or('x'),
                _ => loop {
                    if let Some(c) = char::from_u32(rng.below(0x110000) as u32) {
                        break c;
                    }
                },
            })
            .collect();
        match Text::parse(&s) {
            Ok(t) => {
                for i in 0..t.sentence_count() {
                    for &w in t.sentence(i) {
                        let word = t.word(w);
                        assert!(!word.is_empty() && !word.chars().any(|c| c.is_whitespace() || c == '.' || c == '\''), "round {round}: {word:?}");
                    }
                }
            }
            Err(e) => assert_eq!(e.field, "text_words", "round {round}"),
        }
    }
}

#[test]
fn the_shipped_corpus_is_seeded() {
    let a = generate(&CorpusSpec::default()).unwrap();
    let b = generate(&CorpusSpec::default()).unwrap();
    assert_eq!(a, b);
    let c = generate(&CorpusSpec { seed: 2, ..CorpusSpec::default() }).unwrap();
    assert_ne!(a.text, c.text);
    assert_eq!(a.text.sentence_count(), c.text.sentence_count(), "the seed shuffles and picks templates, not how many sentences");
    assert_eq!(generate(&CorpusSpec { rounds: 0, ..CorpusSpec::default() }).unwrap_err().field, "rounds");
}

/// The sizes the docs quote, and every pair word where the analogies need it: at least three
/// sentences per round (attribute, own, link), as a separate word.
#[test]
fn every_relation_word_appears_often_enough_in_both_languages() {
    for language in Language::ALL {
        let corpus = generate(&CorpusSpec { language, ..CorpusSpec::default() }).unwrap();
        let t = &corpus.text;
        println!("{language:?}: {} sentences, {} words, {} different", t.sentence_count(), t.word_count(), t.distinct_words());
        let vocab = Vocabulary::build(t, 1).unwrap();
        for r in &corpus.relations {
            assert!(r.pairs.len() >= 9, "{:?}", r.kind);
            for (x, y) in &r.pairs {
                for w in [x, y] {
                    let count = vocab.id(w).map(|id| vocab.counts()[id as usize]).unwrap_or(0);
                    assert!(count >= 3 * DEFAULT_ROUNDS as u64, "{language:?} {w}: {count}");
                }
            }
        }
        assert_eq!(corpus.relations.iter().map(|r| r.kind).collect::<Vec<_>>(), RelationKind::ALL.to_vec());
    }
}

/// Hebrew words are Hebrew letters only (no niqqud, no Latin), and no two relation words
/// collide with each other across relations.
#[test]
fn the_hebrew_corpus_is_clean() {
    let corpus = generate(&CorpusSpec { language: Language::Hebrew, ..CorpusSpec::default() }).unwrap();
    let t = &corpus.text;
    for i in 0..t.distinct_words() as u32 {
        assert!(t.word(i).chars().all(|c| ('\u{05D0}'..='\u{05EA}').contains(&c)), "{:?}", t.word(i));
    }
    for language in Language::ALL {
        let mut all: Vec<&String> = Vec::new();
        let rels = relations(language);
        for r in &rels {
            for (x, y) in &r.pairs {
                all.push(x);
                all.push(y);
            }
        }
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "{language:?}: a word in two pairs");
    }
}

#[test]
fn the_analogy_set_crosses_every_pair_of_a_relation() {
    let rels = relations(Language::English);
    let q = analogy_questions(&rels);
    let expected: usize = rels.iter().map(|r| r.pairs.len() * (r.pairs.len() - 1)).sum();
    assert_eq!(q.len(), expected);
    assert_eq!(expected, 396);
    let king = q.iter().find(|q| q.a == "man" && q.b == "woman" && q.c == "king").unwrap();
    assert_eq!(king.expected, "queen");
    let file = questions_file(&q);
    assert!(file.starts_with(": gender\nman woman king queen\n"), "{}", &file[..60]);
    assert_eq!(file.lines().filter(|l| l.starts_with(": ")).count(), 5);
}

/// Counts `a`: 4, `b`: 3, `c`: 2, `d`: 1; `min_count` 2 drops `d`.
///
/// Subsampling with `t = 0.25` and `N = 9`: `t·N = 2.25`, so for `a` (`count 4`)
/// `keep = (√(4/2.25) + 1)·2.25/4 = (1.3333 + 1)·0.5625 = 1.3125 → 1`, and with `t = 0.05`
/// (`t·N = 0.45`): `(√(4/0.45) + 1)·0.45/4 = (2.9814 + 1)·0.1125 = 0.44791`.
///
/// Noise: `4^0.75 = 2.8284`, `3^0.75 = 2.2795`, `2^0.75 = 1.6818`; sum 6.7897, so
/// `P_n(a) = 0.41658` (its frequency is 4/9 = 0.444: the power flattens).
#[test]
fn vocabulary_subsampling_and_noise_by_hand() {
    let t = Text::parse("b a c a d b a c b a one two three four five six seven eight nine ten eleven twelve").unwrap();
    let v = Vocabulary::build(&t, 2).unwrap();
    assert_eq!(v.words(), ["a", "b", "c"]);
    assert_eq!(v.counts(), [4, 3, 2]);
    assert_eq!(v.total(), 9);
    assert_eq!(v.id("d"), None);
    assert_eq!(v.from_text(t.id("d").unwrap()), perplexed_core::embedding::corpus::DROPPED);
    assert_eq!(v.keep_probability(0, 0.25), 1.0);
    assert!((v.keep_probability(0, 0.05) - 0.447_913).abs() < 1e-5, "{}", v.keep_probability(0, 0.05));
    assert_eq!(v.keep_probability(0, 0.0), 1.0);
    assert!((v.noise_probability(0) - 0.416_58).abs() < 1e-4, "{}", v.noise_probability(0));
    let total: f64 = (0..3).map(|i| v.noise_probability(i)).sum();
    assert!((total - 1.0).abs() < 1e-12);
    // Equal counts keep the order of first appearance; min_count out of range is an error.
    let v1 = Vocabulary::build(&t, 1).unwrap();
    assert_eq!(&v1.words()[3..6], ["d", "one", "two"]);
    assert_eq!(Vocabulary::build(&t, 0).unwrap_err().field, "min_count");
    assert_eq!(Vocabulary::build(&t, 5).unwrap_err().field, "vocabulary");
}
