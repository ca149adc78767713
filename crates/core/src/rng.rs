//! # Seeded random numbers: xoshiro256** seeded by SplitMix64
//!
//! Every random choice in Perplexed (data points, the train/validation/test split, initial
//! weights, mini-batch order) comes from an explicit [`Rng`] built from a `u64` seed. The
//! generator is written here rather than taken from a crate so that the streams are
//! **bit-stable forever**: a seed shared in a URL today must give the same data set and the
//! same training run after any dependency upgrade.
//!
//! ## The generator
//!
//! * **SplitMix64** (Steele, Lea & Flood 2014) turns a seed into well-mixed 64-bit words:
//!   `z += 0x9E3779B97F4A7C15; z = (z ^ (z >> 30))·0xBF58476D1CE4E5B9;
//!   z = (z ^ (z >> 27))·0x94D049BB133111EB; return z ^ (z >> 31)`.
//!   Four consecutive outputs fill the state of the main generator (never all zero).
//! * **xoshiro256\*\*** (Blackman & Vigna 2018) produces the stream: output
//!   `rotl(s1·5, 7)·9`, then the state is advanced by xor-shifts and a rotation.
//!   Period 2²⁵⁶ − 1, passes BigCrush, a few nanoseconds per draw.
//!
//! ## Independent streams
//!
//! [`Rng::stream`]`(seed, id)` derives one generator per *purpose* (see [`streams`]):
//! the state seed is `mix(seed) ^ mix(id ⊕ 0xD1B54A32D192ED03)`, where `mix` is the SplitMix64
//! finaliser. Because each purpose has its own stream, changing the network (which consumes
//! `INIT` draws) can never change the data set (which consumes `DATA` draws).
//!
//! ## Derived distributions
//!
//! * [`Rng::next_f32`]: the top 24 bits of a draw times 2⁻²⁴ — every value is an exact multiple
//!   of 2⁻²⁴ in `[0, 1)`, so no rounding can ever produce 1.0.
//! * [`Rng::normal`]: Box–Muller, `z = √(−2 ln u₁)·cos(2π u₂)` with 53-bit `u₁ ∈ (0, 1]`,
//!   `u₂ ∈ [0, 1)`, computed in `f64` and rounded to `f32` (one standard normal per two draws;
//!   the sine partner is not cached so the state is just the four words).
//! * [`Rng::below`]: Lemire's multiply-shift with rejection — unbiased for every `n`.
//! * [`Rng::shuffle`]: Fisher–Yates, every permutation equally likely.

/// Stream ids for [`Rng::stream`]: one independent stream per purpose, so that e.g. a new
/// network architecture (more `INIT` draws) leaves the data set and its split untouched.
pub mod streams {
    /// Data set coordinates, labels and noise.
    pub const DATA: u64 = 1;
    /// The split keys that rank points into train / validation / test.
    pub const SPLIT: u64 = 2;
    /// Initial weights of a network.
    pub const INIT: u64 = 3;
    /// Mini-batch order, reshuffled every epoch.
    pub const BATCHES: u64 = 4;
}

/// The SplitMix64 increment (2⁶⁴ / golden ratio): consecutive states are far apart.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64 output function (the "finaliser"): a bijection on `u64` with good avalanche, so
/// nearby seeds (0, 1, 2…) give unrelated outputs.
#[inline]
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A seeded pseudo-random generator (xoshiro256\*\* seeded by SplitMix64).
///
/// Cheap to clone: cloning forks the stream (both copies produce the same sequence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose whole sequence is determined by `seed`.
    ///
    /// The four state words are four successive SplitMix64 outputs starting from `seed`, which
    /// is the seeding recommended by xoshiro's authors (it can never give the all-zero state
    /// in practice, and we guard against it anyway).
    pub fn new(seed: u64) -> Self {
        let mut z = seed;
        let mut s = [0u64; 4];
        for w in s.iter_mut() {
            z = z.wrapping_add(GOLDEN_GAMMA);
            *w = mix64(z);
        }
        if s == [0; 4] {
            // The all-zero state is a fixed point of xoshiro; unreachable from SplitMix64 in
            // practice, but a constant fallback costs nothing and keeps the period guarantee.
            s[0] = GOLDEN_GAMMA;
        }
        Rng { s }
    }

    /// Independent stream derived from this seed + a stream id (data, split, init, batches…),
    /// so changing the model never changes the data.
    ///
    /// The derived seed is `mix(seed) ^ mix(stream ^ 0xD1B54A32D192ED03)`: both inputs go
    /// through the finaliser so that `(seed, stream)` and `(stream, seed)` differ, and so that
    /// stream 0 is not simply `Rng::new(seed)`.
    pub fn stream(seed: u64, stream: u64) -> Self {
        Rng::new(mix64(seed) ^ mix64(stream ^ 0xD1B5_4A32_D192_ED03))
    }

    /// The next 64 random bits (xoshiro256\*\*).
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `[0, 1)` with 24 random bits (the full precision of an `f32` mantissa).
    ///
    /// The top bits are used because xoshiro's low bits are its weakest.
    #[inline]
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 * (1.0 / (1u32 << 24) as f32)
    }

    /// Uniform in `[0, 1)` with 53 random bits; used internally where `f64` precision matters
    /// (the logarithm in Box–Muller).
    #[inline]
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `[lo, hi)`: `lo + (hi − lo)·u` with `u` from [`next_f32`](Self::next_f32).
    ///
    /// Because of `f32` rounding the result can equal `hi` when `hi − lo` is large compared to
    /// the spacing of floats near `hi`; callers that need a strict bound clamp. If `lo > hi`
    /// the roles swap (the formula still interpolates); no panic.
    #[inline]
    pub fn uniform(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.next_f32()
    }

    /// A standard normal sample (mean 0, variance 1) by Box–Muller.
    ///
    /// `z = √(−2 ln u₁)·cos(2π u₂)` with `u₁ = 1 − U ∈ (0, 1]` (so `ln` is finite) and
    /// `u₂ ∈ [0, 1)`, both 53-bit. Computed in `f64` and rounded once to `f32`: a last-bit
    /// difference between platform `ln`/`cos` implementations almost never survives that
    /// rounding, which keeps native and WebAssembly runs identical in practice.
    /// |z| ≤ √(2·53·ln 2) ≈ 8.57, so it is always finite.
    pub fn normal(&mut self) -> f32 {
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        let r = (-2.0 * u1.ln()).sqrt();
        (r * (std::f64::consts::TAU * u2).cos()) as f32
    }

    /// Uniform integer in `0..n`, exactly unbiased (Lemire 2019, "Fast random integer generation
    /// in an interval").
    ///
    /// Multiply a 64-bit draw by `n` as a 128-bit product: the high word is the candidate; the
    /// low word tells whether the draw fell in the small over-represented region
    /// (`low < 2⁶⁴ mod n`), in which case it is redrawn. Expected draws < 1 + n/2⁶⁴.
    /// `n = 0` has no valid answer; it returns 0 rather than panicking (the caller's range
    /// is empty, so any index it uses will be checked there).
    #[inline]
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let n = n as u64;
        let mut m = (self.next_u64() as u128) * (n as u128);
        let mut low = m as u64;
        if low < n {
            // threshold = 2⁶⁴ mod n, computed without 128-bit division.
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                m = (self.next_u64() as u128) * (n as u128);
                low = m as u64;
            }
        }
        (m >> 64) as usize
    }

    /// Shuffle in place, every permutation equally likely (Fisher–Yates, from the back:
    /// position `i` swaps with a uniform `j ∈ 0..=i`).
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values of the published SplitMix64 (seed 1234567) — guards the seeding code.
    #[test]
    fn splitmix_reference() {
        let mut z: u64 = 1234567;
        let mut out = [0u64; 3];
        for o in out.iter_mut() {
            z = z.wrapping_add(GOLDEN_GAMMA);
            *o = mix64(z);
        }
        assert_eq!(out, [6457827717110365317, 3203168211198807973, 9817491932198370423]);
    }

    /// Reference output of xoshiro256** from the state {1, 2, 3, 4} (Vigna's reference C code).
    #[test]
    fn xoshiro_reference() {
        let mut r = Rng { s: [1, 2, 3, 4] };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, vec![11520, 0, 1509978240, 1215971899390074240]);
    }
}
