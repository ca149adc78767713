//! # Deterministic elementary functions: `exp`, `ln`, `ln(1 + x)`, `sin`, `cos`, in f32 and f64
//!
//! The standard library's `f32::exp`, `f32::ln`, `f64::sin`… call the *platform's* libm
//! natively (glibc, Apple's libm, MSVC's CRT) and Rust's port of musl in WebAssembly. Those
//! agree to within an ulp or so, but not bit for bit, and the engine promises that the same
//! seed gives a bit-identical run everywhere. The functions here use only `+ − × ÷`, `floor` and
//! bit manipulation — operations IEEE 754 defines exactly — so every platform computes the same
//! bits. (`tanh` comes from [`crate::nn::activation::tanh`], built the same way.)
//!
//! All follow the textbook recipe: **range reduction** to a small interval, where a short
//! polynomial is accurate, and **reconstruction** with an exact scaling.
//!
//! - `exp(x) = 2ᵏ · eʳ` with `k = round(x / ln 2)` and `r = x − k·ln 2 ∈ [−½ln 2, ½ln 2]`
//!   (ln 2 split in a high part with trailing zero bits, so `k·ln2_hi` is exact — Cody & Waite);
//!   `eʳ` by its Taylor series to degree 7 (truncation < 6·10⁻⁹ relative).
//! - `ln(x) = e·ln 2 + ln m` with `x = m·2ᵉ`, `m ∈ [√½, √2)`, and
//!   `ln m = 2·atanh(f) = 2(f + f³/3 + f⁵/5 + …)` with `f = (m − 1)/(m + 1)`, `|f| ≤ 0.172`.
//! - `sin`, `cos` (f64, for the position embeddings): reduction by `π/2` in three parts, then
//!   the Taylor series on `|r| ≤ π/4`; the f32 [`sin`] and [`cos`] (the data generators' angles,
//!   the Playground's sine features) are those rounded once.
//! - `ln64`, `ln_1p64` (f64, for the losses and probabilities of logistic regression and the
//!   Playground's heads): `ln`'s recipe with a longer series; `ln(1 + x)` as `x·ln(u)/(u − 1)`.
//!
//! Measured against the standard library's `f64` functions over wide grids
//! (`tests/tensor_math.rs`): relative error of `exp` ≤ 9.2·10⁻⁸ on [−87, 88.5], of `ln`
//! ≤ 2.0·10⁻⁷ on [10⁻³⁰, 10³⁰] (f32's own rounding is 6·10⁻⁸); `exp64` ≤ 2.2·10⁻¹⁶ relative on
//! [−30, 30]; `sin_cos64` ≤ 1.2·10⁻¹⁶ absolute for |x| ≤ 10⁴.

/// `log₂ e`.
const LOG2E: f32 = std::f32::consts::LOG2_E;
/// `ln 2` = `LN2_HI + LN2_LO`; `LN2_HI` has 16 significant bits, so `k·LN2_HI` is exact for
/// `|k| < 256` (musl's `expf` constants).
const LN2_HI: f32 = f32::from_bits(0x3f31_7200);
const LN2_LO: f32 = f32::from_bits(0x35bf_be8e);

/// `2ⁱ` for `i ∈ [−126, 127]`, built from its bits.
#[inline(always)]
fn pow2(i: i32) -> f32 {
    f32::from_bits(((i + 127) as u32) << 23)
}

/// `eˣ`, bit-identical on every platform; relative error ≤ 9.2·10⁻⁸.
/// `exp(−∞) = 0` exactly (the causal mask relies on it), overflow gives `+∞`, NaN stays NaN.
#[inline]
pub fn exp(x: f32) -> f32 {
    if x.is_nan() {
        return x;
    }
    if x > 88.722_84 {
        return f32::INFINITY;
    }
    if x < -103.972_08 {
        return 0.0;
    }
    // Nearest integer to x/ln 2 (floor(y + ½) is exact arithmetic on every platform).
    let k = (x * LOG2E + 0.5).floor();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // eʳ, Taylor to degree 7 by Horner's rule.
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0 + r * (1.0 / 24.0 + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    let k = k as i32;
    // 2ᵏ in one or two exact factors (k runs from −150 to 128).
    if k > 127 {
        p * pow2(127) * pow2(k - 127)
    } else if k < -126 {
        p * pow2(-126) * pow2(k + 126)
    } else {
        p * pow2(k)
    }
}

/// `v[i] = exp(v[i] − m)` in place (a softmax row minus its maximum), bit-identical to [`exp`]
/// per element, 4 values at a time where it can: when all four arguments lie in `[−87, 88]`
/// (so `k ∈ [−125, 127]`: no overflow, no subnormal result, no NaN) the lanes run [`exp`]'s own
/// steps — the same rounding of `x·log₂e + ½`, the same split of `ln 2`, the same Horner
/// polynomial, one exact multiply by `2ᵏ` built from its bits; any other group of four (and the
/// tail) takes the scalar function. Softmax arguments are ≤ 0 and rarely below −87, so rows
/// nearly always take the lanes.
pub(crate) fn exp_minus_in_place(v: &mut [f32], m: f32) {
    use crate::nn::kernels::F4;
    let c = F4::splat;
    let mut chunks = v.chunks_exact_mut(4);
    for q in &mut chunks {
        let a = [q[0] - m, q[1] - m, q[2] - m, q[3] - m];
        if !a.iter().all(|x| (-87.0..=88.0).contains(x)) {
            for (o, x) in q.iter_mut().zip(a) {
                *o = exp(x);
            }
            continue;
        }
        let x = F4::new(a[0], a[1], a[2], a[3]);
        let k = c(0.5).mul_add(x, c(LOG2E)).floor();
        let r = x.sub(k.mul(c(LN2_HI))).sub(k.mul(c(LN2_LO)));
        let mut p = c(1.0 / 5040.0);
        for a in [1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0] {
            p = c(a).mul_add(r, p);
        }
        q.copy_from_slice(&p.mul(k.pow2_int()).to_array());
    }
    for o in chunks.into_remainder() {
        *o = exp(*o - m);
    }
}

/// Natural logarithm, bit-identical on every platform; relative error ≤ 2.0·10⁻⁷.
/// `ln(0) = −∞`, `ln(+∞) = +∞`, negative or NaN ⇒ NaN.
#[inline]
pub fn ln(x: f32) -> f32 {
    if x.is_nan() || x < 0.0 {
        return f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    if x == f32::INFINITY {
        return x;
    }
    let (mut x, mut e) = (x, 0i32);
    if x < f32::MIN_POSITIVE {
        // Subnormal: scale into the normal range first (exact).
        x *= pow2(23);
        e = -23;
    }
    let bits = x.to_bits();
    e += ((bits >> 23) as i32) - 127;
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000); // m ∈ [1, 2)
    if m > std::f32::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let f = (m - 1.0) / (m + 1.0);
    let s = f * f;
    let series = 2.0 * f * (1.0 + s * (1.0 / 3.0 + s * (1.0 / 5.0 + s * (1.0 / 7.0 + s * (1.0 / 9.0)))));
    let e = e as f32;
    e * LN2_HI + (series + e * LN2_LO)
}

/// `ln 2` in f64 split as fdlibm does: the high part ends in 32 zero bits, so `k·LN2_HI_64` is
/// exact for every exponent `k` [`exp64`] and [`ln64`] meet.
const LN2_HI_64: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO_64: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

/// `eˣ` in f64 (the position embeddings' frequencies, the f64 losses and probabilities), same
/// recipe as [`exp`] with a degree-13 series (truncation < 2·10⁻¹⁷). Over the whole f64 range:
/// `exp64(−∞) = 0` (and 0 below −745.14), subnormal results below −708.4, `+∞` above 709.78,
/// NaN stays NaN.
pub fn exp64(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x > 709.782_712_893_384 {
        return f64::INFINITY;
    }
    if x < -745.133_219_101_941_2 {
        return 0.0;
    }
    let k = (x * std::f64::consts::LOG2_E + 0.5).floor();
    let r = (x - k * LN2_HI_64) - k * LN2_LO_64;
    let mut p = 1.0;
    for n in (1..=13).rev() {
        p = 1.0 + p * r / f64::from(n);
    }
    // 2ᵏ in one or two exact factors (k runs from −1075 to 1024).
    let pow2 = |i: i64| f64::from_bits(((i + 1023) as u64) << 52);
    let k = k as i64;
    if k > 1023 {
        p * pow2(1023) * pow2(k - 1023)
    } else if k < -1022 {
        p * pow2(-1022) * pow2(k + 1022)
    } else {
        p * pow2(k)
    }
}

/// `(sin x, cos x)` in f64 for |x| ≤ 10⁶ (absolute error ≈ 10⁻¹⁵·max(1, |x|·10⁻⁴)).
pub fn sin_cos64(x: f64) -> (f64, f64) {
    // π/2 in three parts (each with trailing zero bits, fdlibm's constants), so q·PIO2_1 and
    // q·PIO2_2 are exact for the quotients q this range needs.
    const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5440_0000);
    const PIO2_2: f64 = f64::from_bits(0x3dd0_b461_1a60_0000);
    const PIO2_3: f64 = f64::from_bits(0x3ba3_198a_2e00_0000);
    let q = (x * std::f64::consts::FRAC_2_PI + 0.5).floor();
    let r = ((x - q * PIO2_1) - q * PIO2_2) - q * PIO2_3;
    let s = r * r;
    // Taylor series on |r| ≤ π/4 by Horner's rule, to degree 17 for sin and 18 for cos
    // (truncation < 10⁻¹⁷): sin r = r(1 − r²/(2·3)(1 − r²/(4·5)(1 − …))), cos likewise.
    let (mut sin, mut cos) = (1.0, 1.0);
    for n in (1..=9).rev() {
        let n = f64::from(n);
        if n <= 8.0 {
            sin = 1.0 - sin * s / ((2.0 * n) * (2.0 * n + 1.0));
        }
        cos = 1.0 - cos * s / ((2.0 * n - 1.0) * (2.0 * n));
    }
    let (sin, c) = (r * sin, cos);
    match (q as i64).rem_euclid(4) {
        0 => (sin, c),
        1 => (c, -sin),
        2 => (-sin, -c),
        _ => (-c, sin),
    }
}

/// `sin x` in f32: [`sin_cos64`] rounded once to f32, bit-identical on every platform (the
/// data generators' angles and the Playground's `sin` features; |x| ≤ 10⁶).
#[inline]
pub fn sin(x: f32) -> f32 {
    sin_cos64(f64::from(x)).0 as f32
}

/// `cos x` in f32, as [`sin`].
#[inline]
pub fn cos(x: f32) -> f32 {
    sin_cos64(f64::from(x)).1 as f32
}

/// Natural logarithm in f64, bit-identical on every platform; [`ln`]'s recipe with the
/// `atanh` series to `f²⁵` (truncation < 10⁻¹⁸ relative). `ln(0) = −∞`, `ln(+∞) = +∞`,
/// negative or NaN ⇒ NaN.
pub fn ln64(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x == f64::INFINITY {
        return x;
    }
    let (mut x, mut e) = (x, 0i64);
    if x < f64::MIN_POSITIVE {
        // Subnormal: scale into the normal range first (exact).
        x *= f64::from_bits((1023 + 54) << 52);
        e = -54;
    }
    let bits = x.to_bits();
    e += ((bits >> 52) as i64) - 1023;
    let mut m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000); // m ∈ [1, 2)
    if m > std::f64::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln m = 2·atanh(f) = 2f(1 + f²/3 + f⁴/5 + …), |f| ≤ 0.172, f² ≤ 0.0295.
    let f = (m - 1.0) / (m + 1.0);
    let s = f * f;
    let mut series = 0.0;
    for k in (1..=12).rev() {
        series = s * (1.0 / f64::from(2 * k + 1) + series);
    }
    let e = e as f64;
    e * LN2_HI_64 + (2.0 * f * (1.0 + series) + e * LN2_LO_64)
}

/// `ln(1 + x)` in f64, accurate for tiny `x` too (`x·ln(u)/(u − 1)` with `u = 1 + x`, which
/// cancels the rounding of `u`: Goldberg 1991, theorem 4); bit-identical on every platform.
/// `x = −1` ⇒ `−∞`, `x < −1` or NaN ⇒ NaN.
pub fn ln_1p64(x: f64) -> f64 {
    let u = 1.0 + x;
    if u == 1.0 || x.is_nan() {
        x
    } else if u == f64::INFINITY || u <= 0.0 {
        ln64(u)
    } else {
        ln64(u) * (x / (u - 1.0))
    }
}

/// `σ(z) = 1/(1 + e^{−z})` in f64 without overflow (`e^z/(1 + e^z)` for negative `z`): the
/// probabilities of logistic regression and of gradient boosting.
#[inline]
pub fn sigmoid64(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + exp64(-z))
    } else {
        let e = exp64(z);
        e / (1.0 + e)
    }
}

/// `softplus(z) = ln(1 + e^z)` in f64, finite for every finite `z`: `max(z, 0) + ln(1 + e^{−|z|})`
/// (the log-losses of logistic regression, gradient boosting and word2vec).
#[inline]
pub fn softplus64(z: f64) -> f64 {
    z.max(0.0) + ln_1p64(exp64(-z.abs()))
}

/// `ln(1 + x)` in f32: [`ln_1p64`] rounded once.
#[inline]
pub fn ln_1p(x: f32) -> f32 {
    ln_1p64(f64::from(x)) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 4-lane softmax exponential equals the scalar `exp` bit for bit, across its whole
    /// lane range, at the edges of it, and for the groups that fall back (NaN, ±∞, < −87).
    #[test]
    fn exp_lanes_equal_the_scalar_exp() {
        let mut v: Vec<f32> = (0..200_000).map(|i| -104.0 + i as f32 * 0.00097).collect();
        v.extend([-87.0, -87.000_01, 88.0, 88.000_01, 0.0, -0.0, f32::NAN, f32::INFINITY, f32::NEG_INFINITY, -1e-30, 1e-30, -120.0]);
        for m in [0.0f32, 3.5, -2.25] {
            let mut out = v.clone();
            exp_minus_in_place(&mut out, m);
            for (&x, &o) in v.iter().zip(&out) {
                let want = exp(x - m);
                assert!(o.to_bits() == want.to_bits() || (o.is_nan() && want.is_nan()), "exp({x} - {m}): {o} vs {want}");
            }
        }
    }
}
