//! # Seeded random numbers: xoshiro256** seeded by SplitMix64
//!
//! Every random choice in Perplexed (data points, the train/validation/test split, initial
//! weights, mini-batch order) comes from an explicit [`Rng`] built from a `u64` seed. The
//! streams are **bit-stable forever**: a seed shared in a URL today must give the same data set
//! and the same training run after any dependency upgrade. `tests/rng_fixture.rs` holds the
//! first draws of every method, seed and stream, recorded before the generator came from a
//! crate, and fails if any of them changes.
//!
//! ## The generator
//!
//! [`rand_xoshiro::Xoshiro256StarStar`], whose output sequence is fixed by its specification
//! (Blackman & Vigna 2018, checked against the reference C code in this module's tests):
//! output `rotl(s1·5, 7)·9`, then the state advances by xor-shifts and a rotation. Period
//! 2²⁵⁶ − 1, passes BigCrush, a few nanoseconds per draw. Its `seed_from_u64` fills the four
//! state words with four successive **SplitMix64** outputs (Steele, Lea & Flood 2014), the
//! seeding its authors recommend — exactly what this module did by hand before.
//!
//! No entropy from the system is ever used (`rand` without default features: no `getrandom`):
//! seeds are always explicit, and `wasm32-unknown-unknown` has no system generator anyway.
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
//! * [`Rng::next_f32`]: `rand`'s standard `f32`, the top 24 bits of a draw times 2⁻²⁴ — every
//!   value is an exact multiple of 2⁻²⁴ in `[0, 1)`, so no rounding can ever produce 1.0.
//! * [`Rng::uniform`], [`Rng::normal`], [`Rng::below`], [`Rng::shuffle`] stay written here:
//!   `rand`'s counterparts give other values or are slower; each one's doc gives the figure.

use rand::RngExt as _;
use rand_xoshiro::rand_core::{Rng as _, SeedableRng as _};
use rand_xoshiro::{SplitMix64, Xoshiro256StarStar};

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

/// SplitMix64 output function (the "finaliser") of `z`: a bijection on `u64` with good
/// avalanche, so nearby seeds (0, 1, 2…) give unrelated outputs. It is the first output of a
/// SplitMix64 whose state is `z − γ` (the generator adds γ before mixing).
#[inline]
fn mix64(z: u64) -> u64 {
    SplitMix64::seed_from_u64(z.wrapping_sub(GOLDEN_GAMMA)).next_u64()
}

/// A seeded pseudo-random generator (xoshiro256\*\* seeded by SplitMix64).
///
/// Cheap to clone: cloning forks the stream (both copies produce the same sequence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    x: Xoshiro256StarStar,
}

impl Rng {
    /// A generator whose whole sequence is determined by `seed`.
    ///
    /// The four state words are four successive SplitMix64 outputs starting from `seed`
    /// (`Xoshiro256StarStar::seed_from_u64`), the seeding recommended by xoshiro's authors. They
    /// are never all zero (SplitMix64's outputs at four distinct states are distinct).
    pub fn new(seed: u64) -> Self {
        Rng { x: Xoshiro256StarStar::seed_from_u64(seed) }
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
        self.x.next_u64()
    }

    /// Uniform in `[0, 1)` with 24 random bits (the full precision of an `f32` mantissa):
    /// `rand`'s standard `f32`, the top 24 bits of a draw times 2⁻²⁴ (xoshiro's low bits are
    /// its weakest).
    #[inline]
    pub fn next_f32(&mut self) -> f32 {
        self.x.random::<f32>()
    }

    /// Uniform in `[0, 1)` with 53 random bits (`rand`'s standard `f64`); used internally where
    /// `f64` precision matters (the logarithm in Box–Muller).
    #[inline]
    fn next_f64(&mut self) -> f64 {
        self.x.random::<f64>()
    }

    /// Uniform in `[lo, hi)`: `lo + (hi − lo)·u` with `u` from [`next_f32`](Self::next_f32).
    ///
    /// Written here, not `rand`'s `random_range(lo..hi)`: that one builds its float from 23
    /// bits and another formula, and gave a different value for 1,300 of 2,560 draws
    /// (320 seeds × 8, range −3..5) — every data set would move.
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
    /// Written here: `rand` has no normal distribution (it lives in `rand_distr`, a further
    /// crate, whose ziggurat method draws different values), and every initial network and
    /// noisy data set is made of these draws.
    ///
    /// `z = √(−2 ln u₁)·cos(2π u₂)` with `u₁ = 1 − U ∈ (0, 1]` (so `ln` is finite) and
    /// `u₂ ∈ [0, 1)`, both 53-bit. Computed in `f64` and rounded once to `f32`: a last-bit
    /// difference between platform `ln`/`cos` implementations almost never survives that
    /// rounding, which keeps native and WebAssembly runs identical in practice.
    /// |z| ≤ √(2·53·ln 2) ≈ 8.57, so it is always finite.
    pub fn normal(&mut self) -> f32 {
        let u1 = 1.0 - self.next_f64();
        let u2 = self.next_f64();
        // The engine's own ln and cos (exact IEEE operations): the same bits natively and in
        // WebAssembly, and no second copy of the platform's maths library in the page.
        let r = (-2.0 * crate::tensor::math::ln64(u1)).sqrt();
        (r * crate::tensor::math::sin_cos64(std::f64::consts::TAU * u2).1) as f32
    }

    /// Uniform integer in `0..n`, exactly unbiased (Lemire 2019, "Fast random integer generation
    /// in an interval").
    ///
    /// Written here for speed: `rand`'s `Uniform::new(0u64, n)` gives the same values (same
    /// method) but computes `2⁶⁴ mod n` on every call — 40.1 ns against 13.0 ns per draw
    /// natively (10⁶ draws, `n` from 1 to 5,000, median of 15); `random_range(0..n)` is
    /// Canon's method on 32-bit words, which gives other values (rarely, and differently on
    /// wasm32 and native).
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
    ///
    /// Written here, not `rand`'s `SliceRandom::shuffle`: that one draws its indices
    /// differently and permuted 320 of 320 ten-element slices otherwise (every mini-batch
    /// order and cross-validation fold would change); it was also slower here, 513 µs against
    /// 252 µs for 10⁵ elements natively.
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

    /// Reference values of the published SplitMix64 (seed 1234567) — guards the seeding, and
    /// `mix64` as SplitMix64's output.
    #[test]
    fn splitmix_reference() {
        let mut z: u64 = 1234567;
        let mut out = [0u64; 3];
        for o in out.iter_mut() {
            z = z.wrapping_add(GOLDEN_GAMMA);
            *o = mix64(z);
        }
        let expected = [6457827717110365317, 3203168211198807973, 9817491932198370423];
        assert_eq!(out, expected);
        let mut s = SplitMix64::seed_from_u64(1234567);
        assert_eq!([s.next_u64(), s.next_u64(), s.next_u64()], expected);
    }

    /// Reference output of xoshiro256** from the state {1, 2, 3, 4} (Vigna's reference C code).
    #[test]
    fn xoshiro_reference() {
        let mut bytes = [0u8; 32];
        for (i, w) in [1u64, 2, 3, 4].iter().enumerate() {
            bytes[8 * i..8 * i + 8].copy_from_slice(&w.to_le_bytes());
        }
        let mut r = Rng { x: Xoshiro256StarStar::from_seed(bytes) };
        let got: Vec<u64> = (0..4).map(|_| r.next_u64()).collect();
        assert_eq!(got, vec![11520, 0, 1509978240, 1215971899390074240]);
    }
}
