//! # Embedding lookup (gather)
//!
//! An embedding table `E` of shape `[vocabulary, d]` turns integer ids into vectors: row `i` of
//! the output is row `idsᵢ` of `E` — the same as multiplying a one-hot vector by `E`, without
//! building it. Backward scatters the adjoints back:
//!
//! ```text
//! y[i, :] = E[idsᵢ, :]            Ē[idsᵢ, :] += ȳ[i, :]   for i = 0, 1, 2, … (in this order)
//! ```
//!
//! An id that occurs several times collects the sum of its rows' adjoints, always added in
//! increasing `i`, so the result is the same on every run and platform.

use crate::tensor::shape::Shape;
use crate::tensor::tape::{Back, Op, Tape, Var};

impl Tape {
    /// Rows `ids` of `table` (`[vocabulary, d]`): output shape `ids_shape + [d]` (e.g. ids of
    /// shape `[batch, time]` give `[batch, time, d]`).
    ///
    /// # Panics
    /// If an id is not below the vocabulary size, or `ids_shape` does not hold `ids.len()`
    /// values: ids come from the lab's own tokenizer, so either is a programmer error.
    pub fn embedding(&mut self, table: Var, ids: &[u32], ids_shape: &[usize]) -> Var {
        let st = self.shape(table);
        assert!(st.rank() == 2, "embedding: the table must be [vocabulary, d], got {st:?}");
        let (vocab, d) = (st.dim(0), st.dim(1));
        assert_eq!(ids_shape.iter().product::<usize>(), ids.len(), "embedding: ids shape {ids_shape:?} for {} ids", ids.len());
        assert!(ids.iter().all(|&i| (i as usize) < vocab), "embedding: an id is not below the vocabulary size {vocab}");
        let mut dims = [0usize; 4];
        dims[..ids_shape.len()].copy_from_slice(ids_shape);
        dims[ids_shape.len()] = d;
        let at = self.aux_u.len();
        self.aux_u.extend_from_slice(ids);
        let rt = self.range(table);
        let y = self.push_overwritten(Op::Embedding { table, ids: at }, Shape::new(&dims[..ids_shape.len() + 1]), self.needs_grad(table));
        let r = self.range(y);
        let Tape { vals, aux_u, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        for (o, &id) in out[..r.len()].chunks_exact_mut(d).zip(&aux_u[at..at + ids.len()]) {
            let s = rt.start + id as usize * d;
            o.copy_from_slice(&src[s..s + d]);
        }
        y
    }
}

pub(crate) fn backward_embedding(b: &mut Back, table: Var, ids: usize) {
    let d = b.shape(table).dim(1);
    let dy = b.dy;
    let count = dy.len() / d.max(1);
    let ids = &b.aux_u[ids..ids + count];
    let g = b.grad(table);
    for (row, &id) in dy.chunks_exact(d).zip(ids) {
        for (g, &v) in g[id as usize * d..(id as usize + 1) * d].iter_mut().zip(row) {
            *g += v;
        }
    }
}
