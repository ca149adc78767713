//! # The digits, packed: arithmetic coding with a context model
//!
//! The CNN lab downloads all 1,797 digits when it opens. As CSV they are 265 KB (53 KB gzip);
//! gzip cannot do much better on any layout of the same numbers (44 KB on the raw bytes), because
//! it only finds repeats. This format instead **predicts** each pixel from what came before it
//! and spends bits on the surprise (33 KB in all):
//!
//! ```text
//! bits(x) = −log₂ p(x | context),     context = (row, column, ⌊up/3⌋, ⌊left/3⌋)  (capped at 5)
//! ```
//!
//! where `up` and `left` are the already-decoded neighbours (0 outside the image). `p` is
//! learned while coding: each context keeps a count per value 0–16, starting at 1 and growing by
//! `STEP` each time the value occurs (halved when their sum passes `LIMIT`), so a context that
//! has seen mostly zeros soon codes a zero in a fraction of a bit. An **arithmetic coder** turns
//! those probabilities into bits within a few bits of `Σ −log₂ p` for the whole file: it narrows
//! an interval `[low, high]` to each symbol's share `[cum(s), cum(s+1)) / total` and writes out
//! the leading bits once `low` and `high` agree on them (Witten, Neal and Cleary, 1987, with
//! 32-bit integer arithmetic — exact, so native and wasm decode the same bits). Labels are coded
//! the same way with the previous label as context (the file cycles 0, 1, …, 9 for long runs).
//!
//! Layout: `PXD1`, the number of digits (u32, little-endian), then the coded bits, most
//! significant first. [`pack`] writes it, [`unpack`] reads it; `examples/pack_digits.rs`
//! regenerates `web/data/digits-8x8.bin` from the CSV, and a test checks that the shipped file
//! unpacks to exactly the CSV's digits.

use super::digits::{Digits, CLASSES, MAX_PIXEL, PIXELS, SIDE};
use crate::error::ParamError;

const MAGIC: &[u8; 4] = b"PXD1";
/// Pixel values 0..=16.
const VALUES: usize = MAX_PIXEL as usize + 1;
/// Neighbour levels in a context: `min(v / 3, 5)`.
const LEVELS: usize = 6;
/// Added to a value's count each time it is coded (2 against the starting 1: measured best of
/// 2, 4, 8, 24 — 33.3, 33.4, 34.0, 35.4 KB), and the total above which counts halve.
const STEP: u32 = 2;
const LIMIT: u32 = 1 << 16;
/// Most digits a file may declare (a guard against a corrupt count asking for gigabytes).
const MAX_DIGITS: usize = 100_000;

const TOP: u64 = (1 << 32) - 1;
const HALF: u64 = 1 << 31;
const QUARTER: u64 = 1 << 30;

/// Adaptive counts for an alphabet of `n` symbols in each of `contexts` contexts.
struct Model {
    n: usize,
    counts: Vec<u32>,
    totals: Vec<u32>,
}

impl Model {
    fn new(n: usize, contexts: usize) -> Model {
        Model { n, counts: vec![1; n * contexts], totals: vec![n as u32; contexts] }
    }

    /// `(cum(s), cum(s+1), total)` of symbol `s` in context `ctx`.
    fn interval(&self, ctx: usize, s: usize) -> (u64, u64, u64) {
        let row = &self.counts[ctx * self.n..(ctx + 1) * self.n];
        let below: u32 = row[..s].iter().sum();
        (u64::from(below), u64::from(below + row[s]), u64::from(self.totals[ctx]))
    }

    /// The symbol whose interval holds `count`, and that interval.
    fn find(&self, ctx: usize, count: u64) -> (usize, (u64, u64, u64)) {
        let row = &self.counts[ctx * self.n..(ctx + 1) * self.n];
        let mut below = 0u64;
        for (s, &c) in row.iter().enumerate() {
            if count < below + u64::from(c) {
                return (s, (below, below + u64::from(c), u64::from(self.totals[ctx])));
            }
            below += u64::from(c);
        }
        // Unreachable for a count below the total; the last symbol keeps a corrupt stream finite.
        let s = self.n - 1;
        (s, self.interval(ctx, s))
    }

    fn update(&mut self, ctx: usize, s: usize) {
        let row = &mut self.counts[ctx * self.n..(ctx + 1) * self.n];
        row[s] += STEP;
        self.totals[ctx] += STEP;
        if self.totals[ctx] > LIMIT {
            let mut total = 0;
            for c in row.iter_mut() {
                *c = c.div_ceil(2);
                total += *c;
            }
            self.totals[ctx] = total;
        }
    }
}

/// The pixel context of `(r, c)` given the pixels decoded so far (row-major).
fn pixel_context(image: &[u8], r: usize, c: usize) -> usize {
    let level = |v: u8| (usize::from(v) / 3).min(LEVELS - 1);
    let up = if r > 0 { level(image[(r - 1) * SIDE + c]) } else { 0 };
    let left = if c > 0 { level(image[r * SIDE + c - 1]) } else { 0 };
    ((r * SIDE + c) * LEVELS + up) * LEVELS + left
}

const PIXEL_CONTEXTS: usize = PIXELS * LEVELS * LEVELS;

/// Both models, as coder and decoder keep them in step.
struct Models {
    pixels: Model,
    labels: Model,
}

impl Models {
    fn new() -> Models {
        Models { pixels: Model::new(VALUES, PIXEL_CONTEXTS), labels: Model::new(CLASSES, CLASSES) }
    }
}

/// Narrows `[low, high]` to the symbol's share `[lo, hi) / total` of it: the one step coder and
/// decoder must take identically.
fn narrow(low: &mut u64, high: &mut u64, (lo, hi, total): (u64, u64, u64)) {
    let range = *high - *low + 1;
    *high = *low + range * hi / total - 1;
    *low += range * lo / total;
}

/// Where `[low, high]` lies once it no longer straddles the middle: both in the lower half, both
/// in the upper half, or both in the middle quarter (the next bit is not known yet).
#[derive(Clone, Copy)]
enum Half {
    Lower,
    Upper,
    Middle,
}

impl Half {
    /// What was taken off `low` and `high` before doubling.
    fn offset(self) -> u64 {
        match self {
            Half::Lower => 0,
            Half::Upper => HALF,
            Half::Middle => QUARTER,
        }
    }
}

/// One renormalisation step, the same in coder and decoder: when `[low, high]` lies within a
/// half (or the middle quarter), that half's offset is taken off and the interval doubled;
/// `None` once it straddles the middle (nothing to shift out).
fn rescale(low: &mut u64, high: &mut u64) -> Option<Half> {
    let half = if *high < HALF {
        Half::Lower
    } else if *low >= HALF {
        Half::Upper
    } else if *low >= QUARTER && *high < 3 * QUARTER {
        Half::Middle
    } else {
        return None;
    };
    *low = (*low - half.offset()) * 2;
    *high = (*high - half.offset()) * 2 + 1;
    Some(half)
}

struct Encoder {
    low: u64,
    high: u64,
    pending: u32,
    out: Vec<u8>,
    byte: u8,
    bits: u8,
}

impl Encoder {
    fn bit(&mut self, b: bool) {
        self.byte = (self.byte << 1) | u8::from(b);
        self.bits += 1;
        if self.bits == 8 {
            self.out.push(self.byte);
            (self.byte, self.bits) = (0, 0);
        }
    }

    fn bit_and_pending(&mut self, b: bool) {
        self.bit(b);
        for _ in 0..std::mem::take(&mut self.pending) {
            self.bit(!b);
        }
    }

    fn encode(&mut self, interval: (u64, u64, u64)) {
        narrow(&mut self.low, &mut self.high, interval);
        while let Some(half) = rescale(&mut self.low, &mut self.high) {
            match half {
                Half::Lower => self.bit_and_pending(false),
                Half::Upper => self.bit_and_pending(true),
                // Which half is not known yet: decided by a later bit, written then.
                Half::Middle => self.pending += 1,
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        self.pending += 1;
        let b = self.low >= QUARTER;
        self.bit_and_pending(b);
        while self.bits != 0 {
            self.bit(false);
        }
        self.out
    }
}

struct Decoder<'a> {
    low: u64,
    high: u64,
    value: u64,
    input: &'a [u8],
    /// Bits read so far; past the end they read as 0.
    at: usize,
}

/// Bits a decoder may read past the end of a well-formed stream (its 32-bit window).
const SLACK_BITS: usize = 64;

impl Decoder<'_> {
    fn new(input: &[u8]) -> Decoder<'_> {
        let mut d = Decoder { low: 0, high: TOP, value: 0, input, at: 0 };
        for _ in 0..32 {
            d.value = d.value * 2 + d.next_bit();
        }
        d
    }

    fn next_bit(&mut self) -> u64 {
        let (byte, shift) = (self.at / 8, 7 - self.at % 8);
        self.at += 1;
        self.input.get(byte).map_or(0, |b| u64::from((b >> shift) & 1))
    }

    /// Decodes one symbol of `model` in context `ctx`; `None` when the stream ran out.
    fn decode(&mut self, model: &Model, ctx: usize) -> Option<usize> {
        // Past the end, or a window outside the interval (only a corrupt stream gets there).
        if self.at > self.input.len() * 8 + SLACK_BITS || self.value < self.low || self.value > self.high {
            return None;
        }
        let range = self.high - self.low + 1;
        let total = u64::from(model.totals[ctx]);
        let count = ((self.value - self.low + 1) * total - 1) / range;
        let (s, interval) = model.find(ctx, count);
        narrow(&mut self.low, &mut self.high, interval);
        while let Some(half) = rescale(&mut self.low, &mut self.high) {
            self.value = (self.value - half.offset()) * 2 + self.next_bit();
        }
        Some(s)
    }
}

/// The digits in the packed format (see the module docs). Pixels are taken back to whole
/// numbers 0–16 (`x · 16`, rounded, clamped) and labels clamped to 0–9, so any `Digits` packs.
pub fn pack(digits: &Digits) -> Vec<u8> {
    let mut models = Models::new();
    let mut enc = Encoder { low: 0, high: TOP, pending: 0, out: Vec::new(), byte: 0, bits: 0 };
    let mut image = [0u8; PIXELS];
    let mut previous = 0;
    for (i, &label) in digits.labels.iter().enumerate() {
        let pixels = digits.image(i).unwrap_or(&[]);
        for (p, slot) in image.iter_mut().enumerate() {
            let v = pixels.get(p).copied().unwrap_or(0.0);
            *slot = (v * f32::from(MAX_PIXEL)).round().clamp(0.0, f32::from(MAX_PIXEL)) as u8;
        }
        for p in 0..PIXELS {
            let ctx = pixel_context(&image, p / SIDE, p % SIDE);
            let s = usize::from(image[p]);
            enc.encode(models.pixels.interval(ctx, s));
            models.pixels.update(ctx, s);
        }
        let s = usize::from(label).min(CLASSES - 1);
        enc.encode(models.labels.interval(previous, s));
        models.labels.update(previous, s);
        previous = s;
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(digits.labels.len() as u32).to_le_bytes());
    out.extend(enc.finish());
    out
}

/// Reads the packed format. Errors (field `"file"`): not this format (wrong magic), no digit,
/// more digits than `MAX_DIGITS`, or a stream that ends before the digits it declares.
pub fn unpack(bytes: &[u8]) -> Result<Digits, ParamError> {
    if bytes.len() < 8 || &bytes[..4] != MAGIC {
        return Err(ParamError::unsupported("file"));
    }
    let n = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    ParamError::check_range("file", 1.0, MAX_DIGITS as f64, n as f64)?;
    let mut models = Models::new();
    let mut dec = Decoder::new(&bytes[8..]);
    let mut digits = Digits { images: Vec::with_capacity(n * PIXELS), labels: Vec::with_capacity(n) };
    let mut image = [0u8; PIXELS];
    let mut previous = 0;
    let truncated = || ParamError::too_few("file", n, 0);
    for _ in 0..n {
        for p in 0..PIXELS {
            let ctx = pixel_context(&image, p / SIDE, p % SIDE);
            let s = dec.decode(&models.pixels, ctx).ok_or_else(truncated)?;
            models.pixels.update(ctx, s);
            image[p] = s as u8;
        }
        digits.images.extend(image.iter().map(|&v| f32::from(v) / f32::from(MAX_PIXEL)));
        let s = dec.decode(&models.labels, previous).ok_or_else(truncated)?;
        models.labels.update(previous, s);
        digits.labels.push(s as u8);
        previous = s;
    }
    Ok(digits)
}
