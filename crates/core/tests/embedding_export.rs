//! Writes the shipped corpus and its analogy test set for the gensim comparison
//! (`tests/fixtures/embedding/compare_gensim.py` reads them):
//!
//! ```sh
//! cargo test -p perplexed-core -j 1 --test embedding_export -- --ignored
//! ```
//!
//! The files are kept in the repository so the comparison can be rerun without Rust; a test
//! that is not ignored checks that they still equal what the generator writes.

use perplexed_core::embedding::corpus::{analogy_questions, generate, questions_file, CorpusSpec, Language};

fn dir() -> String {
    format!("{}/tests/fixtures/embedding", env!("CARGO_MANIFEST_DIR"))
}

fn files(language: Language) -> (String, String) {
    let corpus = generate(&CorpusSpec { language, ..CorpusSpec::default() }).unwrap();
    (corpus.text.to_lines(), questions_file(&analogy_questions(&corpus.relations)))
}

#[test]
#[ignore = "writes the fixture files"]
fn export_corpus() {
    for language in Language::ALL {
        let (text, questions) = files(language);
        std::fs::write(format!("{}/corpus-{}.txt", dir(), language.slug()), text).unwrap();
        std::fs::write(format!("{}/questions-{}.txt", dir(), language.slug()), questions).unwrap();
    }
}

#[test]
fn the_exported_files_are_the_generators() {
    for language in Language::ALL {
        let (text, questions) = files(language);
        let read = |name: &str| std::fs::read_to_string(format!("{}/{name}-{}.txt", dir(), language.slug())).unwrap();
        assert!(read("corpus") == text, "corpus-{}.txt is stale: rerun the ignored export", language.slug());
        assert_eq!(read("questions"), questions, "questions-{}.txt is stale", language.slug());
    }
}
