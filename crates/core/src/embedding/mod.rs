//! # Word embeddings: word2vec trained live, and king − man + woman ≈ queen
//!
//! A word's meaning shows in the company it keeps. Word2vec gives every word a vector of `d`
//! numbers and trains them so that words appearing in similar contexts end up pointing in
//! similar directions. Its objective for a centre word `c`, a context word `o` and `K` noise
//! words `k` (skip-gram with negative sampling) is to maximise
//!
//! ```text
//! log σ(v_c·u_o) + Σ_k log σ(−v_c·u_k)
//! ```
//!
//! Compared with a **one-hot** code (word `i` is the `i`-th unit vector of length `V`: every two
//! words equally unrelated, cosine 0), the learnt vectors are short (`d ≪ V`) and their
//! geometry carries meaning: near neighbours are related words, and some relations become
//! directions, so `v(king) − v(man) + v(woman)` lands near `v(queen)`.
//!
//! | file | what it holds |
//! |---|---|
//! | [`corpus`] | the shipped English and Hebrew corpus with five relations, pasted text cut into words, the vocabulary (counts, `min_count`), subsampling `keep(w)`, the noise distribution `count^0.75`, the analogy test set |
//! | [`word2vec`] | [`word2vec::Word2Vec`]: skip-gram and CBOW with negative sampling as word2vec.c and gensim train them, a few sentences per step; the exact loss and gradients of one example, and the trainer's own update of one example (`sgd_step`) |
//! | [`space`] | cosine similarity, nearest neighbours, analogies `b − a + c` with the question words excluded, the test set's accuracy, the similarity matrix, the 2-D PCA picture |
//!
//! Measurements against gensim 4.4 (accuracy on the analogy set, words per second) are in
//! `docs/EMBEDDING.md`.

pub mod corpus;
pub mod space;
pub mod word2vec;
