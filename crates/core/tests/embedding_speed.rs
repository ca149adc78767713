//! Training speed in words per second, beside gensim's (`compare_gensim.py --speed`): the
//! shipped corpus, the lab's default settings (dimension 50, window 5, 5 negatives, 10 epochs),
//! one thread. Words per second = words read (the corpus's words × epochs, before subsampling)
//! / wall-clock seconds of training (vocabulary and tables already built), the definition the
//! gensim script uses. Median of 5 runs; figures in docs/EMBEDDING.md.
//!
//! ```sh
//! cargo test -p perplexed-core -j 1 --release --test embedding_speed -- --ignored --nocapture
//! ```

use std::time::Instant;

use perplexed_core::embedding::corpus::{generate, CorpusSpec, Language};
use perplexed_core::embedding::word2vec::{Architecture, Settings, Word2Vec};

const REPEATS: usize = 5;

#[test]
#[ignore = "a measurement: run in release"]
fn words_per_second() {
    for language in Language::ALL {
        let corpus = generate(&CorpusSpec { language, ..CorpusSpec::default() }).unwrap();
        for architecture in Architecture::ALL {
            let settings = Settings { architecture, ..Settings::default() };
            let mut rates: Vec<f64> = (0..REPEATS)
                .map(|_| {
                    let mut w = Word2Vec::new(&corpus.text, &settings).unwrap();
                    let start = Instant::now();
                    w.run_to_end();
                    w.words_done() as f64 / start.elapsed().as_secs_f64()
                })
                .collect();
            let runs: Vec<String> = rates.iter().map(|r| format!("{r:.0}")).collect();
            rates.sort_by(f64::total_cmp);
            println!("{}-{}: words/s median {:.0} (runs {})", language.slug(), architecture.slug(), rates[REPEATS / 2], runs.join(", "));
        }
    }
}
