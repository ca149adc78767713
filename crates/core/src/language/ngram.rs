//! # The n-gram baseline: the next token from the last `n − 1`, with Kneser–Ney smoothing
//!
//! An n-gram model assumes the next token depends only on the `n − 1` before it, and
//! estimates that from counts: `P(w | h) ≈ c(h w) / c(h)`. Raw counts give probability 0 to
//! every pair the training text lacks — and one 0 makes a text's probability 0 and its
//! perplexity infinite — so the counts are **smoothed**.
//!
//! ## Interpolated Kneser–Ney (Kneser & Ney 1995; Chen & Goodman 1998)
//!
//! Every seen count gives up a **discount** `D` (`0 < D ≤ 1`), and what it gives up is shared
//! out by the shorter context's distribution:
//!
//! ```text
//! P(w | h) = max(c(h w) − D, 0) / c(h)  +  D · N₁₊(h •) / c(h) · P(w | h′)
//! ```
//!
//! `h′` is `h` without its oldest token; `N₁₊(h •)` the number of different tokens seen after
//! `h`. The recursion ends in the uniform distribution `1/V` (below the unigram level), so
//! every token of the vocabulary keeps a probability above 0. An unseen context `h` (c(h) = 0)
//! hands over entirely: `P(w | h) = P(w | h′)`.
//!
//! The Kneser–Ney idea is which counts the **lower** levels use: not how often `h′ w` occurs but
//! in how many different contexts, `N₁₊(• h′ w)` (the **continuation count**) — "Francisco" is
//! frequent but follows only "San", so it should not be a likely guess after a new word. The
//! highest level uses the raw counts. The first tokens of the stream count as following a
//! "start" token, so every token that occurs has a continuation count of at least 1.
//!
//! `D` is estimated per level from the counts of counts, `D = n₁ / (n₁ + 2 n₂)` (Ney, Essen &
//! Kneser 1994; `n_r` = how many grams have count `r`), clamped to `0.1…0.9`; a fixed `D` can be
//! given instead ([`NGram::fit_with_discount`]). This is the standard strong baseline: what a
//! neural model has to beat.
//!
//! ## Perplexity
//!
//! `PPL = exp(−(1/N) Σₜ ln P(xₜ | xₜ₋ₙ₊₁ … xₜ₋₁))` over a stream (the first tokens use the
//! shorter history there is). A model that spreads its probability uniformly has `PPL = V`.
//!
//! Counts are held in sorted tables and looked up by binary search: deterministic, compact
//! (every gram is one packed `u128`), no hashing.

use crate::error::ParamError;

/// Bounds of `n` (inclusive).
pub const ORDER_RANGE: (usize, usize) = (1, 4);
/// The lab's default: the bigram.
pub const DEFAULT_ORDER: usize = 2;
/// Bounds of an estimated discount.
pub const DISCOUNT_CLAMP: (f64, f64) = (0.1, 0.9);

/// Up to four token ids packed into one key, oldest in the highest bits (one level's keys all
/// have the same length, so no length is needed).
fn pack(tokens: &[u32]) -> u128 {
    tokens.iter().fold(0u128, |key, &t| (key << 32) | u128::from(t))
}

/// The contexts of one order `k` (length `k − 1`) with the tokens seen after each.
#[derive(Debug, Clone, PartialEq, Default)]
struct Level {
    /// Packed contexts, sorted.
    contexts: Vec<u128>,
    /// Per context: the sum of its followers' counts, and its followers' range in `followers`.
    spans: Vec<(f64, usize, usize)>,
    /// `(token, count)`, sorted by token within a context.
    followers: Vec<(u32, u32)>,
    discount: f64,
}

impl Level {
    /// From `(context, token)` pairs, each counted once per occurrence.
    fn from_pairs(mut pairs: Vec<(u128, u32)>) -> Level {
        crate::shared::sort_by_shared(&mut pairs, &|a, b| a.cmp(b));
        let mut level = Level::default();
        let mut i = 0;
        while i < pairs.len() {
            let (context, token) = pairs[i];
            let mut j = i;
            while j < pairs.len() && pairs[j] == (context, token) {
                j += 1;
            }
            let count = (j - i) as u32;
            if level.contexts.last() != Some(&context) {
                level.contexts.push(context);
                level.spans.push((0.0, level.followers.len(), 0));
            }
            if let Some(span) = level.spans.last_mut() {
                span.0 += f64::from(count);
                span.2 += 1;
            }
            level.followers.push((token, count));
            i = j;
        }
        level
    }

    /// `D = n₁ / (n₁ + 2 n₂)`, clamped; 0.5 when nothing has count 1 or 2.
    fn estimated_discount(&self) -> f64 {
        let n1 = self.followers.iter().filter(|f| f.1 == 1).count() as f64;
        let n2 = self.followers.iter().filter(|f| f.1 == 2).count() as f64;
        if n1 + 2.0 * n2 == 0.0 {
            0.5
        } else {
            (n1 / (n1 + 2.0 * n2)).clamp(DISCOUNT_CLAMP.0, DISCOUNT_CLAMP.1)
        }
    }

    /// The context's total and followers, if it was seen.
    fn find(&self, context: &[u32]) -> Option<(f64, &[(u32, u32)])> {
        let i = self.contexts.binary_search(&pack(context)).ok()?;
        let (total, start, len) = self.spans[i];
        Some((total, &self.followers[start..start + len]))
    }
}

/// An n-gram language model with interpolated Kneser–Ney smoothing (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct NGram {
    order: usize,
    vocab: usize,
    /// `levels[k − 1]` holds order `k`: raw counts for `k = n`, continuation counts below.
    levels: Vec<Level>,
}

impl NGram {
    /// Fits an `order`-gram model on `stream`, the discount of each level estimated from its
    /// counts. An empty stream gives the uniform model.
    ///
    /// Errors: `"order"` out of [`ORDER_RANGE`], `"vocab"` below 1, `"tokens"` when an id is not
    /// below `vocab`.
    pub fn fit(stream: &[u32], vocab: usize, order: usize) -> Result<NGram, ParamError> {
        Self::fit_inner(stream, vocab, order, None)
    }

    /// As [`fit`](Self::fit) with the same discount `D` at every level.
    ///
    /// Errors: also `"discount"` outside `(0, 1]`.
    pub fn fit_with_discount(stream: &[u32], vocab: usize, order: usize, discount: f64) -> Result<NGram, ParamError> {
        if !(discount > 0.0 && discount <= 1.0) {
            return Err(ParamError::above("discount", 0.0, 1.0, discount));
        }
        Self::fit_inner(stream, vocab, order, Some(discount))
    }

    fn fit_inner(stream: &[u32], vocab: usize, order: usize, discount: Option<f64>) -> Result<NGram, ParamError> {
        let (lo, hi) = ORDER_RANGE;
        ParamError::check_range("order", lo as f64, hi as f64, order as f64)?;
        if vocab == 0 || vocab > u32::MAX as usize {
            return Err(ParamError::out_of_range("vocab", 1.0, f64::from(u32::MAX), vocab as f64));
        }
        if let Some(&bad) = stream.iter().find(|&&t| t as usize >= vocab) {
            return Err(ParamError::out_of_range("tokens", 0.0, (vocab - 1) as f64, f64::from(bad)));
        }
        // Raw counts at every order: `(context, token)` for each position with enough history.
        let raw = |k: usize| -> Vec<(u128, u32)> {
            (k - 1..stream.len()).map(|i| (pack(&stream[i + 1 - k..i]), stream[i])).collect()
        };
        let mut levels = vec![Level::default(); order];
        levels[order - 1] = Level::from_pairs(raw(order));
        // Below the top: one count per distinct longer gram that ends in the gram, plus one for
        // the stream's first gram (it follows the start).
        for k in (1..order).rev() {
            let longer = Level::from_pairs(raw(k + 1));
            let keep_bits = 32 * (k - 1) as u32;
            let mask = if keep_bits == 0 { 0 } else { (1u128 << keep_bits) - 1 };
            let mut pairs: Vec<(u128, u32)> =
                longer.contexts.iter().zip(&longer.spans).flat_map(|(&context, &(_, start, len))| {
                    longer.followers[start..start + len].iter().map(move |&(token, _)| (context & mask, token))
                })
                .collect();
            if stream.len() >= k {
                pairs.push((pack(&stream[..k - 1]), stream[k - 1]));
            }
            levels[k - 1] = Level::from_pairs(pairs);
        }
        for level in &mut levels {
            level.discount = discount.unwrap_or_else(|| level.estimated_discount());
        }
        Ok(NGram { order, vocab, levels })
    }

    /// `n`.
    pub fn order(&self) -> usize {
        self.order
    }

    /// The vocabulary size `V`.
    pub fn vocab(&self) -> usize {
        self.vocab
    }

    /// The discount `D` of each order `1…n`.
    pub fn discounts(&self) -> Vec<f64> {
        self.levels.iter().map(|l| l.discount).collect()
    }

    /// The contexts seen at each order `1…n` (order 1 has one, the empty context, once fitted).
    pub fn contexts(&self) -> Vec<usize> {
        self.levels.iter().map(|l| l.contexts.len()).collect()
    }

    /// The part of `context` the model reads: its last `n − 1` tokens.
    fn window<'a>(&self, context: &'a [u32]) -> &'a [u32] {
        &context[context.len().saturating_sub(self.order - 1)..]
    }

    /// `P(token | context)`, in `f64`. Only the last `n − 1` tokens of `context` matter. A token
    /// outside the vocabulary is scored as one never seen.
    pub fn probability(&self, context: &[u32], token: u32) -> f64 {
        let window = self.window(context);
        let mut p = 1.0 / self.vocab as f64;
        for (k, level) in self.levels.iter().enumerate() {
            // Order k + 1 reads the last k tokens; a shorter history stops the recursion.
            if k > window.len() {
                break;
            }
            if let Some((total, followers)) = level.find(&window[window.len() - k..]) {
                let d = level.discount;
                let count = followers.binary_search_by_key(&token, |f| f.0).map_or(0.0, |i| f64::from(followers[i].1));
                p = ((count - d).max(0.0) + d * followers.len() as f64 * p) / total;
            }
        }
        p
    }

    /// `P(· | context)` over the whole vocabulary; sums to 1.
    pub fn distribution(&self, context: &[u32]) -> Vec<f32> {
        let window = self.window(context);
        let mut p = vec![1.0 / self.vocab as f64; self.vocab];
        for (k, level) in self.levels.iter().enumerate() {
            if k > window.len() {
                break;
            }
            if let Some((total, followers)) = level.find(&window[window.len() - k..]) {
                let d = level.discount;
                let passed_down = d * followers.len() as f64 / total;
                p.iter_mut().for_each(|x| *x *= passed_down);
                for &(token, count) in followers {
                    p[token as usize] += (f64::from(count) - d).max(0.0) / total;
                }
            }
        }
        // Exact in real numbers; the division removes the last rounding.
        let sum: f64 = p.iter().sum();
        p.iter().map(|&x| (x / sum) as f32).collect()
    }

    /// Mean cross-entropy of `stream` in nats per token: `−(1/N) Σₜ ln P(xₜ | history)`, each
    /// token's history being the tokens before it in `stream`. 0 for an empty stream.
    pub fn cross_entropy(&self, stream: &[u32]) -> f64 {
        if stream.is_empty() {
            return 0.0;
        }
        let total: f64 = (0..stream.len()).map(|t| -crate::tensor::math::ln64(self.probability(&stream[..t], stream[t]))).sum();
        total / stream.len() as f64
    }

    /// `exp(cross_entropy)`: 1 for an empty stream.
    pub fn perplexity(&self, stream: &[u32]) -> f64 {
        crate::tensor::math::exp64(self.cross_entropy(stream))
    }
}
