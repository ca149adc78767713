//! # Language models: the language lab's maths
//!
//! A language model never sees letters: it sees **tokens**, pieces of text from a fixed
//! vocabulary, each with a number (its id). It gives the probability of the next token given
//! the ones before, `P(xₜ | x₁ … xₜ₋₁)`; a text's probability is the product of those, and a
//! model is judged by its **perplexity** on text it did not train on,
//! `exp(−(1/N) Σₜ ln P(xₜ | x<ₜ))` — the number of equally likely tokens it is, on average, as
//! unsure as.
//!
//! | file | what it holds |
//! |---|---|
//! | [`bpe`] | byte-pair encoding, character level: a trainer that learns merges one at a time (the same merges, in the same order, as Hugging Face `tokenizers`) and the tokenizer that applies them to any text, with each token's place in it |
//! | [`corpus`] | the generated small-world corpus (English and Hebrew) with its questions and spelling items, or a pasted text; the split |
//! | [`model`] | the attention lab's transformer, causal, as a next-token model on windows of the token stream; its n-gram baseline scored on the same windows; the model asked for the next token after any context |
//! | [`world`] | the world's facts, wordings, role lines, spelling words (held-out ones apart) and Genesis 1:1–5 |
//! | [`ngram`] | the n-gram baseline (n = 1–4) with interpolated Kneser–Ney smoothing; perplexity |
//! | [`sampling`] | temperature, top-k, top-p, repetition penalty, the distribution after them, a seeded draw; repetition measured |
//! | [`prompting`] | the [`prompting::NextToken`] contract; a right answer's probability under a prompt (teacher forcing), prompts compared, letter counts asked directly or after spelling |

pub mod bpe;
pub mod corpus;
pub mod model;
pub mod ngram;
pub mod prompting;
pub mod sampling;
pub mod world;
