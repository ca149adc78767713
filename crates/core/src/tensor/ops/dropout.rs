//! # Dropout (Srivastava et al. 2014), inverted
//!
//! During training each element is kept with probability `1 − p` and zeroed otherwise; kept
//! elements are scaled by `1/(1 − p)` so the expected value of every element is unchanged and
//! nothing needs rescaling at evaluation time ("inverted" dropout, as PyTorch):
//!
//! ```text
//! mᵢ = 1/(1 − p) with probability 1 − p, else 0        y = m ⊙ x        x̄ += m ⊙ ȳ
//! ```
//!
//! The mask is drawn from the caller's seeded [`Rng`] (one `next_f32` per element, in index
//! order: element `i` is dropped when `uᵢ < p`), so a run is reproducible. In evaluation mode,
//! or with `p = 0`, dropout is the identity and records nothing.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::tensor::tape::{Back, Op, Tape, Var};

/// Checks a dropout rate (field `"dropout"`): in `[0, 1)` (p = 1 would drop everything).
pub fn validate_dropout(p: f32) -> Result<(), ParamError> {
    if (0.0..1.0).contains(&p) {
        Ok(())
    } else {
        Err(ParamError::below("dropout", 0.0, 1.0, p.into()))
    }
}

impl Tape {
    /// Inverted dropout with rate `p` when `training`, else the identity (returns `x`).
    /// Errors when `p` is not in `[0, 1)` (see [`validate_dropout`]).
    pub fn dropout(&mut self, x: Var, p: f32, training: bool, rng: &mut Rng) -> Result<Var, ParamError> {
        validate_dropout(p)?;
        if !training || p == 0.0 {
            return Ok(x);
        }
        let n = self.shape(x).numel();
        let mask = self.aux_f.len();
        let keep = 1.0 / (1.0 - p);
        for _ in 0..n {
            let m = if rng.next_f32() < p { 0.0 } else { keep };
            self.aux_f.push(m);
        }
        let rx = self.range(x);
        let y = self.push_overwritten(Op::Dropout { x, mask }, self.shape(x), self.needs_grad(x));
        let r = self.range(y);
        let Tape { vals, aux_f, .. } = self;
        let (src, out) = vals.split_at_mut(r.start);
        for ((o, &v), &m) in out[..r.len()].iter_mut().zip(&src[rx]).zip(&aux_f[mask..mask + n]) {
            *o = v * m;
        }
        Ok(y)
    }
}

pub(crate) fn backward_dropout(b: &mut Back, x: Var, mask: usize) {
    let dy = b.dy;
    let m = &b.aux_f[mask..mask + dy.len()];
    for ((g, &d), &m) in b.grad(x).iter_mut().zip(dy).zip(m) {
        *g += d * m;
    }
}
