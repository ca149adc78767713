//! # Embedding: a learnable vector per token
//!
//! A vocabulary of `V` tokens (characters, words, item ids) is turned into vectors by a table
//! `E` of shape `[V, d]`: token `i` is represented by row `i`,
//!
//! ```text
//! y = E[id]          (the same as onehot(id)·E, without building the one-hot vector)
//! ```
//!
//! Training moves the rows of tokens that play similar roles close together (word2vec's
//! famous analogies). Only the rows of the tokens in the batch receive a gradient:
//! `Ē[idᵢ] += ȳᵢ` (see [`crate::tensor::ops::gather`]).
//!
//! Initialisation: N(0, 1), PyTorch's default for `nn.Embedding`.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::params::{Init, ParamId, Params};
use crate::tensor::tape::{Tape, Var};

/// A `[vocab, dim]` table of learnable token vectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedding {
    /// `name.weight`, `[vocab, dim]`.
    pub table: ParamId,
    pub vocab: usize,
    pub dim: usize,
}

impl Embedding {
    /// Adds `name.weight` (`[vocab, dim]`, N(0, 1)). Errors (`"vocab"`, `"dim"`) on a zero size.
    pub fn new(params: &mut Params, name: &str, vocab: usize, dim: usize, rng: &mut Rng) -> Result<Embedding, ParamError> {
        if vocab == 0 {
            return Err(ParamError::at_least("vocab", 1.0, 0.0));
        }
        if dim == 0 {
            return Err(ParamError::at_least("dim", 1.0, 0.0));
        }
        let table = params.add(&format!("{name}.weight"), [vocab, dim], Init::Normal(1.0), rng)?;
        Ok(Embedding { table, vocab, dim })
    }

    /// The vectors of `ids` (laid out as `ids_shape`, at most 3 axes): shape `ids_shape + [dim]`.
    ///
    /// # Panics
    /// If an id is not below `vocab` or `ids_shape` does not hold `ids.len()` values (ids come
    /// from the lab's own tokenizer: a programmer error).
    pub fn forward(&self, tape: &mut Tape, params: &Params, ids: &[u32], ids_shape: &[usize]) -> Var {
        let table = tape.param(params, self.table);
        tape.embedding(table, ids, ids_shape)
    }
}
