//! # Language: the language lab's maths
//!
//! A language model never sees letters: it sees **tokens**, pieces of text from a fixed
//! vocabulary, each with a number (its id). This folder holds the steps from raw text to
//! those numbers and onwards.
//!
//! | file | what it holds |
//! |---|---|
//! | [`bpe`] | byte-pair encoding, character level: a trainer that learns merges one at a time (the same merges, in the same order, as Hugging Face `tokenizers`) and the tokenizer that applies them to any text, with each token's place in it |

pub mod bpe;
