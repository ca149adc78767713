//! # Decoding: from the model's next-token distribution to the token it writes
//!
//! A language model gives scores `ℓᵢ` (logits) or probabilities `pᵢ` for every token of the
//! vocabulary; **decoding** turns them into one token. The page shows the distribution *after*
//! every transform below, as bars, and then draws from it. In the order they apply (the order
//! of Hugging Face `transformers`' `generate`):
//!
//! 1. **Repetition penalty** `θ ≥ 1` (Keskar et al. 2019, CTRL): the logit of every token
//!    already in the context is made less likely, `ℓ ← ℓ/θ` if `ℓ > 0`, else `ℓ ← ℓ·θ`.
//!    `θ = 1` is off.
//! 2. **Temperature** `T`: `pᵢ = exp(ℓᵢ/T) / Σⱼ exp(ℓⱼ/T)`. `T = 1` keeps the model's own
//!    distribution, `T < 1` sharpens it, `T > 1` flattens it. As `T → 0` all the mass goes to
//!    the largest logit, so **`T < 10⁻³` (and `T = 0`) is defined as greedy decoding**: the
//!    distribution is one-hot on the argmax (the first of equal maxima, i.e. the lowest token
//!    id), and nothing else applies.
//! 3. **Top-k** (`k ≥ 1`; `0` is off): keep the `k` most probable tokens, renormalise.
//!    Exactly `k` are kept: among equal probabilities the lower token id wins (`transformers`
//!    keeps every token tied with the `k`-th, so it can keep more).
//! 4. **Top-p**, nucleus sampling (Holtzman et al. 2020; `p ∈ (0, 1]`, `1` is off): sort by
//!    probability (ties: lower id first) and keep the **smallest** prefix whose cumulative
//!    probability is `≥ p` — at least one token — then renormalise. This is `transformers`'
//!    rule (it removes, from the least probable up, the tokens whose cumulative probability
//!    stays `≤ 1 − p`). A prefix counts as reaching `p` within 10⁻⁹, so rounding in the softmax
//!    cannot add a token to a hand-worked example.
//!
//! A **draw** inverts the cumulative distribution at a uniform `u ∈ [0, 1)` from the seeded
//! [`Rng`]: the first token whose cumulative probability exceeds `u`.
//!
//! **Repetition** is measured by [`repeated_ngram_share`]: the share of a text's n-grams that
//! already occurred earlier in it (greedy decoding of a small model tends to loop: the share
//! climbs towards 1).

use super::prompting::NextToken;
use crate::error::ParamError;
use crate::rng::Rng;
use std::collections::BTreeSet;

/// Temperatures below this are greedy decoding.
pub const GREEDY_BELOW: f32 = 1e-3;
/// Bounds of the settings (inclusive).
pub const TEMPERATURE_MAX: f32 = 5.0;
pub const REPETITION_PENALTY_RANGE: (f32, f32) = (1.0, 5.0);
/// Tolerance of the top-p cumulative test.
const TOP_P_SLACK: f64 = 1e-9;

/// How to turn a distribution into a token (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decoding {
    /// `0…5`; below [`GREEDY_BELOW`] greedy.
    pub temperature: f32,
    /// Tokens kept, `0` = all.
    pub top_k: usize,
    /// Cumulative probability kept, `(0, 1]`; `1` = all.
    pub top_p: f32,
    /// `1…5`; `1` = off.
    pub repetition_penalty: f32,
}

impl Default for Decoding {
    /// The model's own distribution: `T = 1`, nothing cut, no penalty.
    fn default() -> Self {
        Decoding { temperature: 1.0, top_k: 0, top_p: 1.0, repetition_penalty: 1.0 }
    }
}

impl Decoding {
    /// Greedy decoding: always the most probable token.
    pub fn greedy() -> Self {
        Decoding { temperature: 0.0, ..Decoding::default() }
    }

    /// Whether the temperature means greedy decoding.
    pub fn is_greedy(&self) -> bool {
        self.temperature < GREEDY_BELOW
    }

    /// Errors: `"temperature"`, `"top_p"`, `"repetition_penalty"` out of range.
    pub fn validate(&self) -> Result<(), ParamError> {
        ParamError::check_range("temperature", 0.0, TEMPERATURE_MAX.into(), self.temperature.into())?;
        if !(self.top_p > 0.0 && self.top_p <= 1.0) {
            return Err(ParamError::above("top_p", 0.0, 1.0, self.top_p.into()));
        }
        let (lo, hi) = REPETITION_PENALTY_RANGE;
        ParamError::check_range("repetition_penalty", lo.into(), hi.into(), self.repetition_penalty.into())
    }

    /// The distribution after the transforms, from logits. `context` holds the tokens the
    /// repetition penalty counts as already written.
    ///
    /// Errors: those of [`validate`](Self::validate); `"scores"` when empty, when a logit is
    /// NaN or `+∞`, or when every logit is `−∞` (nothing can be drawn).
    pub fn from_logits(&self, logits: &[f32], context: &[u32]) -> Result<Vec<f32>, ParamError> {
        self.validate()?;
        if logits.is_empty() {
            return Err(ParamError::too_few("scores", 1, 0));
        }
        if let Some(&bad) = logits.iter().find(|v| v.is_nan() || **v == f32::INFINITY) {
            return Err(ParamError::not_finite("scores", bad.into()));
        }
        let mut l: Vec<f64> = logits.iter().map(|&v| f64::from(v)).collect();
        if l.iter().all(|v| *v == f64::NEG_INFINITY) {
            return Err(ParamError::unsupported("scores"));
        }
        if self.repetition_penalty != 1.0 {
            let theta = f64::from(self.repetition_penalty);
            let seen: BTreeSet<usize> = context.iter().map(|&t| t as usize).filter(|&t| t < l.len()).collect();
            for t in seen {
                l[t] = if l[t] > 0.0 { l[t] / theta } else { l[t] * theta };
            }
        }
        let mut p = vec![0.0f64; l.len()];
        if self.is_greedy() {
            p[argmax_f64(&l)] = 1.0;
            return Ok(p.iter().map(|&x| x as f32).collect());
        }
        let t = f64::from(self.temperature);
        let top = l.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for (pi, &li) in p.iter_mut().zip(&l) {
            *pi = crate::tensor::math::exp64((li - top) / t);
        }
        normalise(&mut p);
        if self.top_k > 0 && self.top_k < p.len() {
            let order = by_probability(&p);
            for &i in &order[self.top_k..] {
                p[i] = 0.0;
            }
            normalise(&mut p);
        }
        if self.top_p < 1.0 {
            let order = by_probability(&p);
            let target = f64::from(self.top_p) - TOP_P_SLACK;
            let mut cumulative = 0.0;
            let mut kept = order.len();
            for (rank, &i) in order.iter().enumerate() {
                cumulative += p[i];
                if cumulative >= target {
                    kept = rank + 1;
                    break;
                }
            }
            for &i in &order[kept..] {
                p[i] = 0.0;
            }
            normalise(&mut p);
        }
        Ok(p.iter().map(|&x| x as f32).collect())
    }

    /// As [`from_logits`](Self::from_logits) with `ℓᵢ = ln pᵢ` (a probability 0 is `−∞`, never
    /// drawn): temperature then raises each probability to `1/T` and renormalises.
    ///
    /// Errors: also `"scores"` when a probability is negative or not finite.
    pub fn from_probabilities(&self, probabilities: &[f32], context: &[u32]) -> Result<Vec<f32>, ParamError> {
        if let Some(&bad) = probabilities.iter().find(|p| !p.is_finite()) {
            return Err(ParamError::not_finite("scores", bad.into()));
        }
        if let Some(&bad) = probabilities.iter().find(|p| **p < 0.0) {
            return Err(ParamError::at_least("scores", 0.0, bad.into()));
        }
        let logits: Vec<f32> = probabilities.iter().map(|&p| crate::tensor::math::ln(p)).collect();
        self.from_logits(&logits, context)
    }
}

/// Indices by decreasing probability, ties by increasing index.
fn by_probability(p: &[f64]) -> Vec<usize> {
    crate::shared::sorted_order(p.len(), &|a, b| p[b].total_cmp(&p[a]).then(a.cmp(&b)))
}

fn normalise(p: &mut [f64]) {
    let sum: f64 = p.iter().sum();
    if sum > 0.0 {
        p.iter_mut().for_each(|x| *x /= sum);
    }
}

fn argmax_f64(values: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in values.iter().enumerate() {
        if v > values[best] {
            best = i;
        }
    }
    best
}

/// The index of the largest value, the first of equal maxima (NaN is never the largest);
/// 0 for an empty slice.
pub fn argmax(values: &[f32]) -> usize {
    let mut best: Option<usize> = None;
    for (i, &v) in values.iter().enumerate() {
        match best {
            _ if v.is_nan() => {}
            Some(b) if v <= values[b] => {}
            _ => best = Some(i),
        }
    }
    best.unwrap_or(0)
}

/// One token drawn from `distribution` (non-negative weights; they need not sum to 1): the
/// first index whose cumulative weight exceeds `u · total`, `u` uniform in `[0, 1)` from `rng`.
/// Zero weights are never drawn; with no positive weight, 0.
pub fn draw(distribution: &[f32], rng: &mut Rng) -> usize {
    let total: f64 = distribution.iter().filter(|p| **p > 0.0).map(|&p| f64::from(p)).sum();
    let u = f64::from(rng.next_f32()) * total;
    let mut cumulative = 0.0;
    let mut last_positive = 0;
    for (i, &p) in distribution.iter().enumerate() {
        if p > 0.0 {
            cumulative += f64::from(p);
            last_positive = i;
            if cumulative > u {
                return i;
            }
        }
    }
    last_positive // only when rounding left u at the very top
}

/// Writes `steps` tokens after `prompt`, each from the model's distribution given everything
/// before it, decoded by `decoding` (greedy takes the argmax and draws nothing). Returns the
/// new tokens only.
///
/// Errors: those of [`Decoding::from_probabilities`] (a model giving a bad distribution).
pub fn generate<M: NextToken + ?Sized>(
    model: &mut M,
    prompt: &[u32],
    steps: usize,
    decoding: &Decoding,
    rng: &mut Rng,
) -> Result<Vec<u32>, ParamError> {
    let mut context = prompt.to_vec();
    for _ in 0..steps {
        let token = next_token(model, &context, decoding, rng)?;
        context.push(token);
    }
    Ok(context.split_off(prompt.len()))
}

/// One step of [`generate`]: the token `model` writes after `context` (the page writes one a
/// frame, so that the text streams in).
pub fn next_token<M: NextToken + ?Sized>(model: &mut M, context: &[u32], decoding: &Decoding, rng: &mut Rng) -> Result<u32, ParamError> {
    let p = decoding.from_probabilities(&model.next_distribution(context), context)?;
    let token = if decoding.is_greedy() { argmax(&p) } else { draw(&p, rng) };
    Ok(token as u32)
}

/// The share of `tokens`' n-grams (`n ≥ 1`) that already occurred earlier in it: `0` when every
/// n-gram is new, near `1` when the text loops. `0` when there is no n-gram (`n = 0` or the text
/// is shorter than `n`).
pub fn repeated_ngram_share(tokens: &[u32], n: usize) -> f64 {
    if n == 0 || tokens.len() < n {
        return 0.0;
    }
    let mut seen = BTreeSet::new();
    let grams = tokens.windows(n);
    let total = grams.len();
    let repeated = grams.filter(|g| !seen.insert(*g)).count();
    repeated as f64 / total as f64
}
