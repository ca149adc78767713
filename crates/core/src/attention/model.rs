//! # A tiny transformer: tokens and positions in, one answer token per slot out
//!
//! Each token becomes a vector (a learned embedding), its position is added (a learned table,
//! the fixed sinusoids, or nothing), `layers` pre-norm transformer blocks let the positions
//! exchange information, and a final layer norm and a linear read-out turn each **slot**'s
//! vector into scores over the vocabulary:
//!
//! ```text
//! x⁰ᵢ = E[tokenᵢ] + Pᵢ                              P: learned [t, width], sinusoidal, or 0
//! hˡ = xˡ⁻¹ + MHA(LN₁(xˡ⁻¹)),   xˡ = hˡ + MLP(LN₂(hˡ))      l = 1 … layers
//! zⱼ = W·LN(x^L_{slot j}) + b                        scores over the vocabulary, per slot
//! ```
//!
//! Attention alone is blind to order: permuting the question permutes its outputs the same way.
//! The position code `P` is what lets a slot ask for "the token 3 places before me"; the
//! **causal mask** (a position sees only itself and earlier ones) is another, weaker source of
//! order: a position can tell how many tokens it sees.
//!
//! The blocks are the engine's [`TransformerBlock`] (checked against PyTorch in
//! `tests/tensor_torch.rs`), with the classic perceptron width `4·width`. Initialisation is
//! PyTorch's: embeddings and the learned position table N(0, 1), linear layers U(±1/√fan_in),
//! layer norms γ = 1, β = 0.

use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::slug_enum;
use crate::tensor::layers::{BlockOut, Embedding, LayerNorm, Linear, TransformerBlock};
use crate::tensor::ops::position::sinusoidal_positions;
use crate::tensor::params::{Init, ParamId, Params};
use crate::tensor::tape::{Tape, Var};

slug_enum! {
    /// How a token learns where it stands.
    pub enum Position {
        /// Not at all: only the causal mask (if on) tells positions apart.
        None => "none",
        /// A learned vector per position, `[t, width]`, N(0, 1) at first.
        Learned => "learned",
        /// The fixed sinusoids of Vaswani et al. (2017), [`sinusoidal_positions`].
        Sinusoidal => "sinusoidal",
    }
}

/// Bounds of the network's sizes (inclusive).
pub const LAYERS_RANGE: (usize, usize) = (1, 3);
pub const HEADS_RANGE: (usize, usize) = (1, 4);
pub const WIDTH_RANGE: (usize, usize) = (16, 64);
/// The perceptron of every block widens to `MLP_FACTOR · width`.
pub const MLP_FACTOR: usize = 4;

/// The network's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetSpec {
    /// Transformer blocks, 1–3.
    pub layers: usize,
    /// Attention heads per block, 1–4; must divide `width`.
    pub heads: usize,
    /// Width of every token's vector, 16–64.
    pub width: usize,
    pub position: Position,
    /// Whether a position may look only at itself and earlier ones.
    pub causal: bool,
}

impl Default for NetSpec {
    /// The lab's default: two blocks of two heads, width 32, learned positions, no mask.
    fn default() -> NetSpec {
        NetSpec { layers: 2, heads: 2, width: 32, position: Position::Learned, causal: false }
    }
}

fn check_usize(field: &'static str, (lo, hi): (usize, usize), got: usize) -> Result<(), ParamError> {
    ParamError::check_range(field, lo as f64, hi as f64, got as f64)
}

impl NetSpec {
    /// Errors: `"layers"`, `"heads"`, `"width"` out of range; `"heads"` (`Unsupported`) when it
    /// does not divide `width`.
    pub fn validate(&self) -> Result<(), ParamError> {
        check_usize("layers", LAYERS_RANGE, self.layers)?;
        check_usize("heads", HEADS_RANGE, self.heads)?;
        check_usize("width", WIDTH_RANGE, self.width)?;
        if !self.width.is_multiple_of(self.heads) {
            return Err(ParamError::unsupported("heads"));
        }
        Ok(())
    }

    /// Trainable numbers for a vocabulary of `vocab` tokens and rows of `steps` tokens
    /// (`w` = width, `V` = vocab):
    ///
    /// ```text
    /// V·w  (embedding)  +  t·w  (learned positions only)
    /// + layers · (12w² + 13w)       per block: 2 layer norms 4w, Q K V O 4(w² + w),
    ///                               perceptron w·4w + 4w + 4w·w + w
    /// + 2w  (final layer norm)  +  w·V + V  (read-out)
    /// ```
    pub fn param_count(&self, vocab: usize, steps: usize) -> usize {
        let w = self.width;
        let positions = if self.position == Position::Learned { steps * w } else { 0 };
        let block = 12 * w * w + 13 * w;
        vocab * w + positions + self.layers * block + 2 * w + w * vocab + vocab
    }
}

/// The transformer, its parameters in one [`Params`].
#[derive(Debug, Clone)]
pub struct TinyTransformer {
    spec: NetSpec,
    params: Params,
    vocab: usize,
    steps: usize,
    slots: usize,
    embedding: Embedding,
    /// `positions.weight`, `[steps, width]`, with [`Position::Learned`].
    positions: Option<ParamId>,
    /// The sinusoidal codes `[steps, width]`, with [`Position::Sinusoidal`] (else empty).
    sinusoids: Vec<f32>,
    blocks: Vec<TransformerBlock>,
    norm: LayerNorm,
    head: Linear,
    /// Token plus position vectors of the last forward pass, `[batch, steps, width]`.
    embedded: Var,
    /// Each block's record of the last forward pass (no allocation once grown).
    outs: Vec<BlockOut>,
}

impl TinyTransformer {
    /// `embedding`, (`positions`), `block1`…, `norm` and `head`, drawn from `rng` in that
    /// order. `slots`: how many of the `steps` positions (the last ones) are read out. Errors:
    /// the spec's; `"vocab"`, `"steps"` of 0; `"slots"` not in `1..=steps`.
    pub fn new(spec: NetSpec, vocab: usize, steps: usize, slots: usize, rng: &mut Rng) -> Result<TinyTransformer, ParamError> {
        spec.validate()?;
        if steps == 0 {
            return Err(ParamError::at_least("steps", 1.0, 0.0));
        }
        check_usize("slots", (1, steps), slots)?;
        let w = spec.width;
        let mut params = Params::new();
        let embedding = Embedding::new(&mut params, "embedding", vocab, w, rng)?;
        let positions = match spec.position {
            Position::Learned => Some(params.add("positions.weight", [steps, w], Init::Normal(1.0), rng)?),
            _ => None,
        };
        let mut sinusoids = Vec::new();
        if spec.position == Position::Sinusoidal {
            sinusoids.resize(steps * w, 0.0);
            sinusoidal_positions(w, &mut sinusoids);
        }
        let mut blocks = Vec::with_capacity(spec.layers);
        for l in 0..spec.layers {
            blocks.push(TransformerBlock::new(&mut params, &format!("block{}", l + 1), w, spec.heads, MLP_FACTOR * w, rng)?);
        }
        let norm = LayerNorm::new(&mut params, "norm", w)?;
        let head = Linear::new(&mut params, "head", w, vocab, true, Init::TorchLinear, rng)?;
        let outs = (0..spec.layers).map(|_| BlockOut::with_heads(spec.heads)).collect();
        Ok(TinyTransformer { spec, params, vocab, steps, slots, embedding, positions, sinusoids, blocks, norm, head, embedded: Var(0), outs })
    }

    pub fn spec(&self) -> NetSpec {
        self.spec
    }
    pub fn params(&self) -> &Params {
        &self.params
    }
    pub fn params_mut(&mut self) -> &mut Params {
        &mut self.params
    }
    pub fn vocab(&self) -> usize {
        self.vocab
    }
    /// Tokens per row.
    pub fn steps(&self) -> usize {
        self.steps
    }
    /// Slots read out per row (the last ones).
    pub fn slots(&self) -> usize {
        self.slots
    }

    /// Records the network on `tape` for `batch` rows of `tokens` (`[batch, steps]`): the slots'
    /// scores, `[batch · slots, vocab]` (row `b·slots + j`: slot `j` of row `b`). The
    /// intermediate values are then in [`embedded`](Self::embedded) and
    /// [`blocks_out`](Self::blocks_out).
    ///
    /// # Panics
    /// If `tokens` is not `batch · steps` ids below the vocabulary (the lab's own data: a
    /// programmer error).
    pub fn forward(&mut self, tape: &mut Tape, tokens: &[u32], batch: usize) -> Var {
        let (t, w) = (self.steps, self.spec.width);
        let mut x = self.embedding.forward(tape, &self.params, tokens, &[batch, t]);
        // The position code `[t, w]` broadcasts over the batch.
        if let Some(p) = self.positions {
            let p = tape.param(&self.params, p);
            x = tape.add(x, p);
        } else if !self.sinusoids.is_empty() {
            let p = tape.input([t, w], &self.sinusoids);
            x = tape.add(x, p);
        }
        self.embedded = x;
        for (block, out) in self.blocks.iter().zip(self.outs.iter_mut()) {
            block.forward_into(tape, &self.params, x, self.spec.causal, out);
            x = out.out;
        }
        // Only the slots are read out: each row's last `slots` vectors, one after another.
        let flat = tape.reshape(x, [batch, t * w]);
        let slots = tape.slice_last(flat, (t - self.slots) * w, self.slots * w);
        let rows = tape.reshape(slots, [batch * self.slots, w]);
        let normed = self.norm.forward(tape, &self.params, rows);
        self.head.forward(tape, &self.params, normed)
    }

    /// Token plus position vectors of the last forward pass, `[batch, steps, width]`.
    pub fn embedded(&self) -> Var {
        self.embedded
    }

    /// Every block's record of the last forward pass: its output and attention matrices.
    pub fn blocks_out(&self) -> &[BlockOut] {
        &self.outs
    }

    /// Block `layer`'s values `V = LN₁(x)·W_v + b_v` and what each head gathers with them,
    /// `Σⱼ aᵢⱼ·vⱼ` (its slice of columns `h·d … (h+1)·d`), for the last forward pass, which must
    /// have been of **one** row: (`V`, gathered), both `[steps, width]`, given the block's
    /// attention matrices `attention` (`[heads, steps, steps]`). Recomputed on `tape` from the
    /// block's input, as [`scores`](Self::scores) is; the gathered rows times `W_o` plus `b_o`
    /// are the attention sub-layer's output. Empty past the last block.
    pub fn values(&self, tape: &mut Tape, layer: usize, attention: &[f32]) -> (Vec<f32>, Vec<f32>) {
        let Some(block) = self.blocks.get(layer) else { return (Vec::new(), Vec::new()) };
        let input = if layer == 0 { self.embedded } else { self.outs[layer - 1].out };
        let normed = block.norm_attention.forward(tape, &self.params, input);
        let v = block.attention.value.forward(tape, &self.params, normed);
        let (t, w, heads) = (self.steps, self.spec.width, self.spec.heads);
        let d = w / heads;
        let v = tape.value(v).to_vec();
        let mut gathered = vec![0.0f32; t * w];
        if attention.len() == heads * t * t && v.len() == t * w {
            for h in 0..heads {
                for i in 0..t {
                    let row = &attention[(h * t + i) * t..(h * t + i + 1) * t];
                    let out = &mut gathered[i * w + h * d..i * w + (h + 1) * d];
                    for (j, &a) in row.iter().enumerate() {
                        for (o, &vj) in out.iter_mut().zip(&v[j * w + h * d..j * w + (h + 1) * d]) {
                            *o += a * vj;
                        }
                    }
                }
            }
        }
        (v, gathered)
    }

    /// Block `layer`'s scaled query·key scores `Qₖ·Kₖᵀ/√d` (before the mask and the softmax)
    /// for the last forward pass, which must have been of **one** row: `[heads, steps, steps]`,
    /// `−∞` where the causal mask hides a key. Recomputes `LN₁`, `Q` and `K` on `tape` from the
    /// block's input (the engine's attention keeps only the weights). Empty past the last block.
    pub fn scores(&self, tape: &mut Tape, layer: usize) -> Vec<f32> {
        let Some(block) = self.blocks.get(layer) else { return Vec::new() };
        let input = if layer == 0 { self.embedded } else { self.outs[layer - 1].out };
        let normed = block.norm_attention.forward(tape, &self.params, input);
        let q = block.attention.query.forward(tape, &self.params, normed);
        let k = block.attention.key.forward(tape, &self.params, normed);
        let (t, w, heads) = (self.steps, self.spec.width, self.spec.heads);
        let d = w / heads;
        let scale = 1.0 / (d as f32).sqrt();
        let (q, k) = (tape.value(q), tape.value(k));
        let mut out = vec![0.0; heads * t * t];
        for h in 0..heads {
            for i in 0..t {
                for j in 0..t {
                    out[(h * t + i) * t + j] = if self.spec.causal && j > i {
                        f32::NEG_INFINITY
                    } else {
                        let qi = &q[i * w + h * d..i * w + (h + 1) * d];
                        let kj = &k[j * w + h * d..j * w + (h + 1) * d];
                        qi.iter().zip(kj).map(|(a, b)| a * b).sum::<f32>() * scale
                    };
                }
            }
        }
        out
    }
}
