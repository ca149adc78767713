//! # Compute kernels of the neural network: explicit 4-lane SIMD
//!
//! Everything [`crate::nn`] computes reduces to two shapes of work: dense products
//! `Z = A·W + b` (and the two products of backpropagation) and element-wise functions
//! (activations and their derivatives). This module holds the fast versions of both; `nn`
//! holds the mathematics and a plain scalar *reference* of every kernel (selectable at run time,
//! used by the parity tests).
//!
//! ## The SIMD unit: [`F4`]
//!
//! Four `f32` lanes, written with explicit intrinsics (`core::arch::wasm32` `simd128` in
//! WebAssembly, SSE on x86-64, plain arrays elsewhere). Explicit, because auto-vectorisation
//! proved unreliable: at the page's opt-level "z" the loop vectoriser is off, and even at
//! opt-level 3 the same loop sometimes compiled to scalar code.
//!
//! ## Two layouts, one summation order
//!
//! - **Rows in lanes (training).** Activations are stored one sample per row (`n × width`),
//!   and [`gemm_acc`] keeps a 4-row × 8-column block of the result in registers while it sums
//!   over the shared dimension: the lanes hold 4 *neighbouring output neurons*. This suits the
//!   training products, whose weight-gradient `Aᵀ·δ` is summed over the rows of a small batch.
//! - **Points in lanes (inference).** A layer 2 → 4 or 4 → 2 has at most 4 output neurons, so
//!   vectorising over neurons leaves lanes idle, and a tanh per neuron per point runs one value
//!   at a time. For forward passes over many points (a 100 × 100 heatmap) [`dense_points_in_lanes`]
//!   turns the layout around: each layer's activations are stored one *neuron* per row
//!   (`width × points`), so a lane holds the same neuron at 4 different points. Every layer width
//!   then fills the lanes, and the activation (tanh included) is applied 4 points at a time to
//!   the accumulators while they are still in registers. After a relu layer, inputs that are 0
//!   at every point of a 16-point strip are skipped (see [`dense_points_in_lanes`]).
//!
//! Both layouts compute every output as `((b + a₀w₀) + a₁w₁) + …` — bias first, then the
//! products in increasing order of the shared index, each multiply and add rounded separately
//! (no fused multiply-add). Floating-point addition is not associative, so this fixed order is
//! what makes the two layouts, the scalar reference and every platform agree bit for bit.
//!
//! ## Element-wise functions
//!
//! [`Elementwise`] gives each activation a 4-lane and a scalar form that perform the same
//! operations in the same order, so a buffer can be processed 4 values at a time with a scalar
//! tail and still equal the scalar function exactly. `tanh` is the rational approximation of
//! [`crate::nn::activation::tanh`]; the hidden-layer sigmoid uses the identity `σ(z) = ½ + ½·tanh(z/2)`,
//! so it needs no `exp` and shares the vectorised tanh.

/// Four f32 lanes, the SIMD unit of the kernels below.
mod lanes {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    mod imp {
        use core::arch::wasm32::*;

        #[derive(Clone, Copy)]
        pub struct F4(v128);

        impl F4 {
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                F4(f32x4_splat(x))
            }
            #[inline(always)]
            pub fn new(a: f32, b: f32, c: f32, d: f32) -> F4 {
                F4(f32x4(a, b, c, d))
            }
            /// Four values from `p`.
            /// # Safety
            /// `p` must be valid for reading 4 f32 (no alignment needed: v128.load is 1-aligned).
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(unsafe { v128_load(p as *const v128) })
            }
            /// `*p` in all four lanes (one `v128.load32_splat`).
            /// # Safety
            /// `p` must be valid for reading 1 f32.
            #[inline(always)]
            pub unsafe fn load_splat_ptr(p: *const f32) -> F4 {
                F4(unsafe { v128_load32_splat(p as *const u32) })
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                unsafe { v128_store(p as *mut v128, self.0) }
            }
            /// `self + a·b`, rounded after the multiply and after the add.
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                F4(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
            }
            #[inline(always)]
            pub fn sub(self, o: F4) -> F4 {
                F4(f32x4_sub(self.0, o.0))
            }
            #[inline(always)]
            pub fn mul(self, o: F4) -> F4 {
                F4(f32x4_mul(self.0, o.0))
            }
            #[inline(always)]
            pub fn div(self, o: F4) -> F4 {
                F4(f32x4_div(self.0, o.0))
            }
            /// `if self < o { o } else { self }` per lane (one instruction; a NaN in `self` stays).
            #[inline(always)]
            pub fn pmax(self, o: F4) -> F4 {
                F4(f32x4_pmax(self.0, o.0))
            }
            /// `if o < self { o } else { self }` per lane (one instruction; a NaN in `self` stays).
            #[inline(always)]
            pub fn pmin(self, o: F4) -> F4 {
                F4(f32x4_pmin(self.0, o.0))
            }
            /// All-ones lanes where `self <= o`, zero elsewhere (false for NaN).
            #[inline(always)]
            pub fn le(self, o: F4) -> F4 {
                F4(f32x4_le(self.0, o.0))
            }
            /// All-ones lanes where `self < o`, zero elsewhere (false for NaN).
            #[inline(always)]
            pub fn lt(self, o: F4) -> F4 {
                F4(f32x4_lt(self.0, o.0))
            }
            /// Rounded down to an integer, per lane.
            #[inline(always)]
            pub fn floor(self) -> F4 {
                F4(f32x4_floor(self.0))
            }
            /// `2ᵏ` per lane for integer-valued lanes `k ∈ [−126, 127]`, built from its bits.
            #[inline(always)]
            pub fn pow2_int(self) -> F4 {
                F4(i32x4_shl(i32x4_add(i32x4_trunc_sat_f32x4(self.0), i32x4_splat(127)), 23))
            }
            /// `if mask { x } else { y }` per lane, for a mask from a comparison.
            #[inline(always)]
            pub fn select(mask: F4, x: F4, y: F4) -> F4 {
                F4(v128_bitselect(x.0, y.0, mask.0))
            }
            /// Whether any bit of the four vectors is set (false iff all 16 values are +0.0).
            #[inline(always)]
            pub fn any_bits(a: F4, b: F4, c: F4, d: F4) -> bool {
                v128_any_true(v128_or(v128_or(a.0, b.0), v128_or(c.0, d.0)))
            }
            /// `(a0 a2 b0 b2, a1 a3 b1 b3)`: two interleaved pairs split into their two streams.
            #[inline(always)]
            pub fn deinterleave(a: F4, b: F4) -> (F4, F4) {
                (F4(i32x4_shuffle::<0, 2, 4, 6>(a.0, b.0)), F4(i32x4_shuffle::<1, 3, 5, 7>(a.0, b.0)))
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                [
                    f32x4_extract_lane::<0>(self.0),
                    f32x4_extract_lane::<1>(self.0),
                    f32x4_extract_lane::<2>(self.0),
                    f32x4_extract_lane::<3>(self.0),
                ]
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    mod imp {
        use core::arch::x86_64::*;

        #[derive(Clone, Copy)]
        pub struct F4(__m128);

        // SAFETY (every `unsafe` block below that is not about a pointer): SSE and SSE2 are part
        // of the x86-64 baseline, so these instructions are always present.
        impl F4 {
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                F4(unsafe { _mm_set1_ps(x) })
            }
            #[inline(always)]
            pub fn new(a: f32, b: f32, c: f32, d: f32) -> F4 {
                F4(unsafe { _mm_setr_ps(a, b, c, d) })
            }
            /// # Safety
            /// `p` must be valid for reading 4 f32 (`loadu`: no alignment needed).
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(unsafe { _mm_loadu_ps(p) })
            }
            /// # Safety
            /// `p` must be valid for reading 1 f32.
            #[inline(always)]
            pub unsafe fn load_splat_ptr(p: *const f32) -> F4 {
                F4(unsafe { _mm_load1_ps(p) })
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                unsafe { _mm_storeu_ps(p, self.0) }
            }
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                F4(unsafe { _mm_add_ps(self.0, _mm_mul_ps(a.0, b.0)) })
            }
            #[inline(always)]
            pub fn sub(self, o: F4) -> F4 {
                F4(unsafe { _mm_sub_ps(self.0, o.0) })
            }
            #[inline(always)]
            pub fn mul(self, o: F4) -> F4 {
                F4(unsafe { _mm_mul_ps(self.0, o.0) })
            }
            #[inline(always)]
            pub fn div(self, o: F4) -> F4 {
                F4(unsafe { _mm_div_ps(self.0, o.0) })
            }
            /// `if self < o { o } else { self }`: `maxps(o, self)` returns its second operand
            /// unless the first is greater, NaN included.
            #[inline(always)]
            pub fn pmax(self, o: F4) -> F4 {
                F4(unsafe { _mm_max_ps(o.0, self.0) })
            }
            /// `if o < self { o } else { self }`.
            #[inline(always)]
            pub fn pmin(self, o: F4) -> F4 {
                F4(unsafe { _mm_min_ps(o.0, self.0) })
            }
            #[inline(always)]
            pub fn le(self, o: F4) -> F4 {
                F4(unsafe { _mm_cmple_ps(self.0, o.0) })
            }
            #[inline(always)]
            pub fn lt(self, o: F4) -> F4 {
                F4(unsafe { _mm_cmplt_ps(self.0, o.0) })
            }
            /// Rounded down to an integer (for |x| < 2³¹): truncated toward zero, then one less
            /// where that rose above `x` (SSE2 has no floor instruction).
            #[inline(always)]
            pub fn floor(self) -> F4 {
                let t = F4(unsafe { _mm_cvtepi32_ps(_mm_cvttps_epi32(self.0)) });
                t.sub(F4::select(self.lt(t), F4::splat(1.0), F4::splat(0.0)))
            }
            #[inline(always)]
            pub fn pow2_int(self) -> F4 {
                F4(unsafe {
                    _mm_castsi128_ps(_mm_slli_epi32::<23>(_mm_add_epi32(_mm_cvttps_epi32(self.0), _mm_set1_epi32(127))))
                })
            }
            #[inline(always)]
            pub fn select(mask: F4, x: F4, y: F4) -> F4 {
                F4(unsafe { _mm_or_ps(_mm_and_ps(mask.0, x.0), _mm_andnot_ps(mask.0, y.0)) })
            }
            #[inline(always)]
            pub fn any_bits(a: F4, b: F4, c: F4, d: F4) -> bool {
                unsafe {
                    let or = _mm_castps_si128(_mm_or_ps(_mm_or_ps(a.0, b.0), _mm_or_ps(c.0, d.0)));
                    _mm_movemask_epi8(_mm_cmpeq_epi32(or, _mm_setzero_si128())) != 0xFFFF
                }
            }
            #[inline(always)]
            pub fn deinterleave(a: F4, b: F4) -> (F4, F4) {
                unsafe { (F4(_mm_shuffle_ps::<0b10_00_10_00>(a.0, b.0)), F4(_mm_shuffle_ps::<0b11_01_11_01>(a.0, b.0))) }
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                let mut out = [0.0f32; 4];
                // SAFETY: `out` has room for 4 f32.
                unsafe { self.store_ptr(out.as_mut_ptr()) };
                out
            }
        }
    }

    #[cfg(not(any(all(target_arch = "wasm32", target_feature = "simd128"), target_arch = "x86_64")))]
    mod imp {
        #[derive(Clone, Copy)]
        pub struct F4([f32; 4]);

        impl F4 {
            #[inline(always)]
            fn map2(self, o: F4, f: impl Fn(f32, f32) -> f32) -> F4 {
                F4(core::array::from_fn(|i| f(self.0[i], o.0[i])))
            }
            #[inline(always)]
            pub fn splat(x: f32) -> F4 {
                F4([x; 4])
            }
            #[inline(always)]
            pub fn new(a: f32, b: f32, c: f32, d: f32) -> F4 {
                F4([a, b, c, d])
            }
            /// # Safety
            /// `p` must be valid for reading 4 f32.
            #[inline(always)]
            pub unsafe fn load_ptr(p: *const f32) -> F4 {
                F4(core::array::from_fn(|i| unsafe { p.add(i).read_unaligned() }))
            }
            /// # Safety
            /// `p` must be valid for reading 1 f32.
            #[inline(always)]
            pub unsafe fn load_splat_ptr(p: *const f32) -> F4 {
                F4([unsafe { p.read_unaligned() }; 4])
            }
            /// # Safety
            /// `p` must be valid for writing 4 f32.
            #[inline(always)]
            pub unsafe fn store_ptr(self, p: *mut f32) {
                for (i, v) in self.0.into_iter().enumerate() {
                    unsafe { p.add(i).write_unaligned(v) };
                }
            }
            #[inline(always)]
            pub fn mul_add(self, a: F4, b: F4) -> F4 {
                self.add(a.mul(b))
            }
            #[inline(always)]
            fn add(self, o: F4) -> F4 {
                self.map2(o, |a, b| a + b)
            }
            #[inline(always)]
            pub fn sub(self, o: F4) -> F4 {
                self.map2(o, |a, b| a - b)
            }
            #[inline(always)]
            pub fn mul(self, o: F4) -> F4 {
                self.map2(o, |a, b| a * b)
            }
            #[inline(always)]
            pub fn div(self, o: F4) -> F4 {
                self.map2(o, |a, b| a / b)
            }
            #[inline(always)]
            pub fn pmax(self, o: F4) -> F4 {
                self.map2(o, |a, b| if a < b { b } else { a })
            }
            #[inline(always)]
            pub fn pmin(self, o: F4) -> F4 {
                self.map2(o, |a, b| if b < a { b } else { a })
            }
            #[inline(always)]
            pub fn le(self, o: F4) -> F4 {
                self.map2(o, |a, b| f32::from_bits(if a <= b { u32::MAX } else { 0 }))
            }
            #[inline(always)]
            pub fn lt(self, o: F4) -> F4 {
                self.map2(o, |a, b| f32::from_bits(if a < b { u32::MAX } else { 0 }))
            }
            #[inline(always)]
            pub fn floor(self) -> F4 {
                F4(self.0.map(f32::floor))
            }
            #[inline(always)]
            pub fn pow2_int(self) -> F4 {
                F4(self.0.map(|k| f32::from_bits(((k as i32 + 127) as u32) << 23)))
            }
            #[inline(always)]
            pub fn select(mask: F4, x: F4, y: F4) -> F4 {
                F4(core::array::from_fn(|i| if mask.0[i].to_bits() != 0 { x.0[i] } else { y.0[i] }))
            }
            #[inline(always)]
            pub fn any_bits(a: F4, b: F4, c: F4, d: F4) -> bool {
                [a, b, c, d].iter().any(|v| v.0.iter().any(|x| x.to_bits() != 0))
            }
            #[inline(always)]
            pub fn deinterleave(a: F4, b: F4) -> (F4, F4) {
                (F4([a.0[0], a.0[2], b.0[0], b.0[2]]), F4([a.0[1], a.0[3], b.0[1], b.0[3]]))
            }
            #[inline(always)]
            pub fn to_array(self) -> [f32; 4] {
                self.0
            }
        }
    }

    pub use imp::F4;
}
pub(crate) use lanes::F4;

// ---------------------------------------------------------------------------------------------
// Element-wise functions
// ---------------------------------------------------------------------------------------------

/// An element-wise function with a 4-lane form and a scalar form that agree bit for bit (same
/// operations in the same order; the lane operations are exactly rounded IEEE operations).
pub(crate) trait Elementwise {
    /// A rational polynomial (tanh, sigmoid) rather than one or two instructions: it holds
    /// several intermediate values per lane, so its kernel blocks keep fewer accumulators.
    const POLYNOMIAL: bool = false;
    fn f4(x: F4) -> F4;
    fn f1(x: f32) -> f32;
}

/// Identity (linear layers, raw logits).
pub(crate) struct Ident;
/// `max(0, z)` written as a comparison, `if 0 < z { z } else { 0 }` (NaN ↦ 0, −0 ↦ +0). Why not
/// `f32::max`: its NaN rule differs from wasm's `f32.max` instruction, so in WebAssembly it
/// becomes a call to libm's `fmaxf` per element, which made relu layers several times slower
/// than the matrix work. The 4-lane form is one `pmax` (`maxps`), with the same NaN rule.
pub(crate) struct Relu;
/// `z` for `z > 0`, else `0.01·z`, written `max(0.01·z, z)`: for `z > 0` the larger is `z`, for
/// `z ≤ 0` it is `0.01·z` (NaN stays NaN).
pub(crate) struct Leaky;
/// The rational tanh of [`crate::nn::activation::tanh`].
pub(crate) struct Tanh;
/// `σ(z) = ½ + ½·tanh(z/2)`.
pub(crate) struct Sigmoid;

impl Elementwise for Ident {
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        x
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        x
    }
}

impl Elementwise for Relu {
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        F4::splat(0.0).pmax(x)
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        if 0.0 < x {
            x
        } else {
            0.0
        }
    }
}

impl Elementwise for Leaky {
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        F4::splat(crate::nn::activation::LEAKY_SLOPE).mul(x).pmax(x)
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        let s = crate::nn::activation::LEAKY_SLOPE * x;
        if s < x {
            x
        } else {
            s
        }
    }
}

/// Coefficients of the rational tanh `x·P(x²)/Q(x²)` (P of degree 3, Q of degree 4, Q(0) = 1), and
/// the clamp beyond which it returns exactly ±1 (see [`crate::nn::activation::tanh`] for how they were
/// obtained and checked).
pub(crate) mod tanh_coeffs {
    pub const P0: f32 = 0.999_999_8;
    pub const P1: f32 = 0.128_857_9;
    pub const P2: f32 = 2.908_43e-3;
    pub const P3: f32 = 1.097_393_7e-5;
    pub const Q1: f32 = 0.462_189_32;
    pub const Q2: f32 = 2.364_066_8e-2;
    pub const Q3: f32 = 2.326_812_5e-4;
    pub const Q4: f32 = 2.315_285_5e-7;
    pub const CLAMP: f32 = 7.709_463;
}

impl Elementwise for Tanh {
    const POLYNOMIAL: bool = true;
    /// The same Horner scheme as [`crate::nn::activation::tanh`], 4 lanes at once. The clamp uses
    /// `pmax`/`pmin`, which keep a NaN input (like `f32::clamp`) and are one instruction each.
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        use tanh_coeffs::*;
        let c = F4::splat;
        let x = x.pmax(c(-CLAMP)).pmin(c(CLAMP));
        let t = x.mul(x);
        // `c(a).mul_add(p, t)` is `a + p·t`, i.e. the scalar `p * t + a`.
        let mut p = c(P3);
        for a in [P2, P1, P0] {
            p = c(a).mul_add(p, t);
        }
        let mut q = c(Q4);
        for b in [Q3, Q2, Q1, 1.0] {
            q = c(b).mul_add(q, t);
        }
        p.mul(x).div(q)
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        crate::nn::activation::tanh(x)
    }
}

impl Elementwise for Sigmoid {
    const POLYNOMIAL: bool = true;
    #[inline(always)]
    fn f4(x: F4) -> F4 {
        let h = F4::splat(0.5);
        h.mul_add(h, Tanh::f4(h.mul(x)))
    }
    #[inline(always)]
    fn f1(x: f32) -> f32 {
        0.5 + 0.5 * crate::nn::activation::tanh(0.5 * x)
    }
}

/// `v[i] = F(v[i])` for a whole buffer: 4 lanes at a time, then the scalar form for the tail.
#[inline]
pub(crate) fn map_in_place<F: Elementwise>(v: &mut [f32]) {
    let mut chunks = v.chunks_exact_mut(4);
    for c in &mut chunks {
        // SAFETY: `c` holds exactly 4 f32.
        unsafe { F::f4(F4::load_ptr(c.as_ptr())).store_ptr(c.as_mut_ptr()) };
    }
    for x in chunks.into_remainder() {
        *x = F::f1(*x);
    }
}

/// A derivative step of backpropagation: `δ ⊙= f′(a)`, with f′ written through the output `a`.
pub(crate) trait Backprop {
    fn f4(d: F4, a: F4) -> F4;
    fn f1(d: f32, a: f32) -> f32;
}

/// tanh: `δ·(1 − a²)`.
pub(crate) struct TanhPrime;
/// sigmoid: `δ·(a·(1 − a))`.
pub(crate) struct SigmoidPrime;
/// relu: `0 if a ≤ 0 else δ` (NaN `a` keeps δ).
pub(crate) struct ReluPrime;
/// leaky relu: `0.01·δ if a ≤ 0 else δ`.
pub(crate) struct LeakyPrime;

impl Backprop for TanhPrime {
    #[inline(always)]
    fn f4(d: F4, a: F4) -> F4 {
        d.mul(F4::splat(1.0).sub(a.mul(a)))
    }
    #[inline(always)]
    fn f1(d: f32, a: f32) -> f32 {
        d * (1.0 - a * a)
    }
}

impl Backprop for SigmoidPrime {
    #[inline(always)]
    fn f4(d: F4, a: F4) -> F4 {
        d.mul(a.mul(F4::splat(1.0).sub(a)))
    }
    #[inline(always)]
    fn f1(d: f32, a: f32) -> f32 {
        d * (a * (1.0 - a))
    }
}

impl Backprop for ReluPrime {
    #[inline(always)]
    fn f4(d: F4, a: F4) -> F4 {
        F4::select(a.le(F4::splat(0.0)), F4::splat(0.0), d)
    }
    #[inline(always)]
    fn f1(d: f32, a: f32) -> f32 {
        if a <= 0.0 {
            0.0
        } else {
            d
        }
    }
}

impl Backprop for LeakyPrime {
    #[inline(always)]
    fn f4(d: F4, a: F4) -> F4 {
        F4::select(a.le(F4::splat(0.0)), d.mul(F4::splat(crate::nn::activation::LEAKY_SLOPE)), d)
    }
    #[inline(always)]
    fn f1(d: f32, a: f32) -> f32 {
        if a <= 0.0 {
            d * crate::nn::activation::LEAKY_SLOPE
        } else {
            d
        }
    }
}

/// `delta[i] = B(delta[i], a[i])` over the common length, 4 lanes at a time.
#[inline]
pub(crate) fn backprop_in_place<B: Backprop>(delta: &mut [f32], a: &[f32]) {
    let n = delta.len().min(a.len());
    let (delta, a) = (&mut delta[..n], &a[..n]);
    let mut dc = delta.chunks_exact_mut(4);
    let mut ac = a.chunks_exact(4);
    for (d, x) in (&mut dc).zip(&mut ac) {
        // SAFETY: `d` and `x` hold exactly 4 f32 each.
        unsafe { B::f4(F4::load_ptr(d.as_ptr()), F4::load_ptr(x.as_ptr())).store_ptr(d.as_mut_ptr()) };
    }
    for (d, &x) in dc.into_remainder().iter_mut().zip(ac.remainder()) {
        *d = B::f1(*d, x);
    }
}

// ---------------------------------------------------------------------------------------------
// Rows in lanes: the general matrix kernel (training)
// ---------------------------------------------------------------------------------------------

/// Rows of `C` one register block covers. With two 4-lane vectors per row (8 columns) that is
/// 8 accumulators, plus 2 for the row of `B` and 1 broadcast: 11 of the 16 SIMD registers of
/// x86-64 (and of V8's wasm backend there), so nothing spills.
const MR: usize = 4;
/// 4-lane vectors per row of a register block (VB = 2: 8 columns).
const VB: usize = 2;

/// The matrix kernel behind the training passes:
///
/// `C[i][j] += Σ_k A(i, k) · B[k][j]`  for `i < rows`, `j < cols`, `k < depth`,
///
/// with `C` row-major (row stride `ldc`), `B` row-major (row stride `ldb`), and `A` row-major
/// with row stride `lda` — or, when `A_T` is true, `A(i, k) = a[k·lda + i]`, i.e. the
/// transpose of a stored matrix, read in place without copying (used for `Aᵀ·δ`).
///
/// Why this shape: a block of 4 rows × 8 columns of `C` stays in SIMD registers for the whole
/// k-loop, each `B` row segment loaded once serves 4 rows, and the innermost work is 4-lane
/// multiply-adds over contiguous columns. Compared with updating a whole output row per `k`
/// (a load and a store of `C` per multiply-add), memory traffic drops several-fold. The last
/// `cols mod 4` columns (a 1-output head, the 2 left over from 10 classes) are vectorised the
/// other way: 4 rows per vector, one column at a time. Every `C[i][j]` sums its terms in
/// increasing `k` on every path.
#[allow(clippy::too_many_arguments)]
pub(crate) fn gemm_acc<const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    rows: usize,
    cols: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    let mut i0 = 0;
    while i0 + MR <= rows {
        gemm_panel::<MR, A_T>(c, ldc, i0, cols, a, lda, b, ldb, depth);
        i0 += MR;
    }
    while i0 < rows {
        gemm_panel::<1, A_T>(c, ldc, i0, cols, a, lda, b, ldb, depth);
        i0 += 1;
    }
}

/// `R` rows of [`gemm_acc`] starting at row `i0`: blocks of 8 columns, then one of 4, then
/// the last `< 4` columns.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn gemm_panel<const R: usize, const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    cols: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    let mut j0 = 0;
    while j0 + 4 * VB <= cols {
        gemm_block::<R, VB, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth);
        j0 += 4 * VB;
    }
    if j0 + 4 <= cols {
        gemm_block::<R, 1, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth);
        j0 += 4;
    }
    if j0 == cols {
        return;
    }
    if R == 4 {
        match cols - j0 {
            1 => gemm_tail4::<1, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth),
            2 => gemm_tail4::<2, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth),
            _ => gemm_tail4::<3, A_T>(c, ldc, i0, j0, a, lda, b, ldb, depth),
        }
    } else {
        for r in 0..R {
            for j in j0..cols {
                let mut acc = c[(i0 + r) * ldc + j];
                for k in 0..depth {
                    acc += a_at::<A_T>(a, lda, i0 + r, k) * b[k * ldb + j];
                }
                c[(i0 + r) * ldc + j] = acc;
            }
        }
    }
}

/// `A(i, k)`, row-major or transposed.
#[inline(always)]
fn a_at<const A_T: bool>(a: &[f32], lda: usize, i: usize, k: usize) -> f32 {
    if A_T {
        a[k * lda + i]
    } else {
        a[i * lda + k]
    }
}

/// One `R × 4V` block of `C` at `(i0, j0)`, accumulated in registers over all `k`.
///
/// The hot loop indexes through raw pointers: every index it can touch is bounds-checked once,
/// up front, by the three asserts (the largest index of each matrix is below its length, and
/// all indices are monotone in `r`, `v` and `k`). Per-element checks inside the loop cost more
/// instructions than the multiply-adds themselves.
#[inline(always)]
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn gemm_block<const R: usize, const V: usize, const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    j0: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    let w = 4 * V;
    assert!((i0 + R - 1) * ldc + j0 + w <= c.len(), "gemm: C too short");
    if depth == 0 {
        return;
    }
    assert!((depth - 1) * ldb + j0 + w <= b.len(), "gemm: B too short");
    let (a_r, a_k) = if A_T { (1, lda) } else { (lda, 1) };
    assert!(i0 * a_r + (R - 1) * a_r + (depth - 1) * a_k < a.len(), "gemm: A too short");
    let (ap, bp, cp) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
    // SAFETY: every offset below is at most the one checked by the asserts above.
    unsafe {
        let mut acc = [[F4::splat(0.0); V]; R];
        for r in 0..R {
            for v in 0..V {
                acc[r][v] = F4::load_ptr(cp.add((i0 + r) * ldc + j0 + 4 * v));
            }
        }
        for k in 0..depth {
            let brow = bp.add(k * ldb + j0);
            let bv: [F4; V] = core::array::from_fn(|v| F4::load_ptr(brow.add(4 * v)));
            let acol = ap.add(i0 * a_r + k * a_k);
            for r in 0..R {
                let s = F4::load_splat_ptr(acol.add(r * a_r));
                for v in 0..V {
                    acc[r][v] = acc[r][v].mul_add(s, bv[v]);
                }
            }
        }
        for r in 0..R {
            for v in 0..V {
                acc[r][v].store_ptr(cp.add((i0 + r) * ldc + j0 + 4 * v));
            }
        }
    }
}

/// The last `T < 4` columns of 4 rows, with the 4 rows in the lanes: for each `k`, the column
/// `A(i0..i0+4, k)` (contiguous when `A_T`, gathered otherwise) times the broadcast `B[k][j]`.
#[inline(always)]
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn gemm_tail4<const T: usize, const A_T: bool>(
    c: &mut [f32],
    ldc: usize,
    i0: usize,
    j0: usize,
    a: &[f32],
    lda: usize,
    b: &[f32],
    ldb: usize,
    depth: usize,
) {
    assert!((i0 + 3) * ldc + j0 + T <= c.len(), "gemm: C too short");
    if depth == 0 {
        return;
    }
    assert!((depth - 1) * ldb + j0 + T <= b.len(), "gemm: B too short");
    let (a_r, a_k) = if A_T { (1, lda) } else { (lda, 1) };
    assert!(i0 * a_r + 3 * a_r + (depth - 1) * a_k < a.len(), "gemm: A too short");
    let mut acc: [F4; T] = core::array::from_fn(|t| {
        let at = |r: usize| c[(i0 + r) * ldc + j0 + t];
        F4::new(at(0), at(1), at(2), at(3))
    });
    let (ap, bp) = (a.as_ptr(), b.as_ptr());
    // SAFETY: every offset below is at most the one checked by the asserts above.
    unsafe {
        for k in 0..depth {
            let acol = ap.add(i0 * a_r + k * a_k);
            let av = if A_T {
                F4::load_ptr(acol)
            } else {
                F4::new(*acol, *acol.add(a_r), *acol.add(2 * a_r), *acol.add(3 * a_r))
            };
            let brow = bp.add(k * ldb + j0);
            for t in 0..T {
                acc[t] = acc[t].mul_add(av, F4::load_splat_ptr(brow.add(t)));
            }
        }
    }
    for t in 0..T {
        for (r, v) in acc[t].to_array().into_iter().enumerate() {
            c[(i0 + r) * ldc + j0 + t] = v;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Points in lanes: one dense layer over many points (inference)
// ---------------------------------------------------------------------------------------------

/// Points a block of [`dense_points_in_lanes`] covers; the point count must be a multiple.
pub(crate) const POINT_BLOCK: usize = 16;

/// Copies a layer's weights `w` (fan_in × fan_out, row-major as stored) into the order
/// [`dense_points_in_lanes`] reads them: panels of 4 neurons (then one panel of the last
/// `fo mod 4`), each panel input-major, so the kernel's weight pointer advances by a constant
/// and one panel's `R` weights for input `k` are adjacent: neuron `j0 + r` of the panel that
/// starts at `j0` (holding `R` neurons) has its weight for input `k` at `j0·fi + k·R + r`.
pub(crate) fn pack_weights(dst: &mut [f32], w: &[f32], fi: usize, fo: usize) {
    let (dst, w) = (&mut dst[..fi * fo], &w[..fi * fo]);
    let mut j0 = 0;
    while j0 < fo {
        let r = (fo - j0).min(4);
        for k in 0..fi {
            for i in 0..r {
                // Element by element: a slice copy of 1–4 values would be a memcpy call in wasm.
                dst[j0 * fi + k * r + i] = w[k * fo + j0 + i];
            }
        }
        j0 += r;
    }
}

/// Transposes a block of `m` points (`x`: m × d, one point per row) into the points-in-lanes
/// layout (`xt[k·ld + p]` = feature `k` of point `p`), with zero points from `m` up to `np`.
/// Two features (the playground's x₁, x₂) split 4 points at a time with two lane shuffles.
pub(crate) fn points_to_lanes(xt: &mut [f32], ld: usize, np: usize, x: &[f32], m: usize, d: usize) {
    assert!(m <= np && np <= ld && x.len() >= m * d && xt.len() >= d * ld, "points: buffers too short");
    let mut p = 0;
    if d == 2 {
        let (xp, tp) = (x.as_ptr(), xt.as_mut_ptr());
        while p + 4 <= m {
            // SAFETY: p + 4 ≤ m, so x[2p .. 2p + 8] and xt[p .. p + 4], xt[ld + p .. ld + p + 4]
            // are within the asserted lengths.
            unsafe {
                let (x1, x2) = F4::deinterleave(F4::load_ptr(xp.add(2 * p)), F4::load_ptr(xp.add(2 * p + 4)));
                x1.store_ptr(tp.add(p));
                x2.store_ptr(tp.add(ld + p));
            }
            p += 4;
        }
    }
    for (q, point) in x[p * d..m * d].chunks_exact(d).enumerate() {
        for (k, &v) in point.iter().enumerate() {
            xt[k * ld + p + q] = v;
        }
    }
    for k in 0..d {
        for v in &mut xt[k * ld + m..k * ld + np] {
            *v = 0.0;
        }
    }
}

/// One dense layer with its activation, in the points-in-lanes layout:
///
/// `out[j·ld + p] = F(b[j] + Σ_k w[k][j] · inp[k·ld + p])`  for `j < fo`, `p < np`,
///
/// where `inp` holds the layer's input one neuron per row (`fi` rows of stride `ld`), `wp` is
/// the weight matrix in the order of [`pack_weights`], and `np` is a multiple of
/// [`POINT_BLOCK`] (the caller pads the points with zeros).
///
/// The work goes in strips of 16 points: for each strip, all output neurons, 4 at a time
/// (4 neurons × 8 points = 8 accumulators, or 4 × 4 when `F` is a polynomial) and then the
/// last 1–3 neurons. The strip's inputs (`fi × 16` values) and the weights stay in L1 cache
/// while every neuron of the strip is computed. Each accumulator starts from the broadcast
/// bias, sums its products in increasing `k`, and gets `F` applied in registers before its
/// only store.
///
/// **Skipping dead inputs.** A relu unit outputs exactly 0 on a whole half-space of inputs,
/// and the points of a heatmap strip are neighbours, so for a given strip many inputs are 0
/// at all 16 points (about 40 % of a trained 2-64-64-1 network's first-layer units over the
/// 100 × 100 grid). When a scratch list `live` (room for `fi` entries) is given, each strip
/// first lists the inputs that are not all `+0.0` there and sums over that list only: a term `w·(+0)` is `±0`, and adding `±0`
/// leaves every sum unchanged except possibly the sign of an exact zero (only reachable with a
/// bias of exactly −0). The caller passes a list only after relu layers, and only when all
/// weights are finite, since `∞·0` would be NaN.
///
/// Not inlined: a small function of its own lets V8's register allocator keep the loop
/// counters and pointers in registers.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn dense_points_in_lanes<F: Elementwise>(
    out: &mut [f32],
    inp: &[f32],
    ld: usize,
    np: usize,
    wp: &[f32],
    b: &[f32],
    fi: usize,
    fo: usize,
    live: Option<&mut [u32]>,
) {
    // Every index the blocks touch is below these bounds (checked once for the whole layer).
    assert!(np / POINT_BLOCK * POINT_BLOCK == np && np <= ld, "points: bad block count");
    assert!(fi >= 1 && wp.len() >= fi * fo && b.len() >= fo, "points: weights too short");
    assert!(inp.len() >= fi * ld && out.len() >= fo * ld, "points: buffers too short");
    let skip_zero_inputs = live.is_some();
    let live = match live {
        Some(l) => &mut l[..fi],
        None => &mut [],
    };
    let mut p0 = 0;
    while p0 < np {
        let mut n = 0;
        if skip_zero_inputs {
            for k in 0..fi {
                // SAFETY: k < fi and p0 + 16 ≤ np ≤ ld: the strip's row of input k is in bounds.
                let any = unsafe {
                    let row = inp.as_ptr().add(k * ld + p0);
                    F4::any_bits(F4::load_ptr(row), F4::load_ptr(row.add(4)), F4::load_ptr(row.add(8)), F4::load_ptr(row.add(12)))
                };
                // Branch-free append: write always, advance only for a live input.
                live[n] = k as u32;
                n += usize::from(any);
            }
        }
        // SAFETY (both calls): p0 + 16 ≤ np and the blocks stay within the asserted bounds.
        if skip_zero_inputs && n < fi {
            unsafe { strip::<F, true>(out, inp, ld, wp, b, fi, fo, p0, &live[..n]) };
        } else {
            unsafe { strip::<F, false>(out, inp, ld, wp, b, fi, fo, p0, &[]) };
        }
        p0 += POINT_BLOCK;
    }
}

/// All `fo` neurons of one 16-point strip from `p0`; with `SPARSE`, the sums run over the
/// inputs listed in `live` (increasing) instead of all `fi`.
///
/// # Safety
/// `p0 + 16 ≤ ld`, every entry of `live` is below `fi`, and the buffers satisfy the asserts of
/// [`dense_points_in_lanes`].
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn strip<F: Elementwise, const SPARSE: bool>(
    out: &mut [f32],
    inp: &[f32],
    ld: usize,
    wp: &[f32],
    b: &[f32],
    fi: usize,
    fo: usize,
    p0: usize,
    live: &[u32],
) {
    let mut j0 = 0;
    // SAFETY (every call below): j0 + R ≤ fo and p0 + 16 ≤ ld, as the caller guarantees.
    unsafe {
        while j0 + 4 <= fo {
            if !F::POLYNOMIAL {
                pil_block::<F, SPARSE, 4, 2>(out, inp, ld, wp, b, fi, j0, p0, live);
                pil_block::<F, SPARSE, 4, 2>(out, inp, ld, wp, b, fi, j0, p0 + 8, live);
            } else {
                // A polynomial F holds several values per accumulator: fewer accumulators
                // per block keep it within the registers.
                for q in 0..4 {
                    pil_block::<F, SPARSE, 4, 1>(out, inp, ld, wp, b, fi, j0, p0 + 4 * q, live);
                }
            }
            j0 += 4;
        }
        let (reps, width) = if F::POLYNOMIAL { (2, 8) } else { (1, 16) };
        for q in 0..reps {
            let p = p0 + width * q;
            match (fo - j0, !F::POLYNOMIAL) {
                (1, true) => pil_block::<F, SPARSE, 1, 4>(out, inp, ld, wp, b, fi, j0, p, live),
                (2, true) => pil_block::<F, SPARSE, 2, 4>(out, inp, ld, wp, b, fi, j0, p, live),
                (3, true) => pil_block::<F, SPARSE, 3, 4>(out, inp, ld, wp, b, fi, j0, p, live),
                (1, false) => pil_block::<F, SPARSE, 1, 2>(out, inp, ld, wp, b, fi, j0, p, live),
                (2, false) => pil_block::<F, SPARSE, 2, 2>(out, inp, ld, wp, b, fi, j0, p, live),
                (3, false) => pil_block::<F, SPARSE, 3, 2>(out, inp, ld, wp, b, fi, j0, p, live),
                _ => {}
            }
        }
    }
}

/// `R` neurons from `j0` × `4V` points from `p` of [`dense_points_in_lanes`].
///
/// # Safety
/// As for [`strip`], with `j0 + R ≤ fo` and `p + 4V ≤ ld`.
#[inline(always)]
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
unsafe fn pil_block<F: Elementwise, const SPARSE: bool, const R: usize, const V: usize>(
    out: &mut [f32],
    inp: &[f32],
    ld: usize,
    wp: &[f32],
    b: &[f32],
    fi: usize,
    j0: usize,
    p: usize,
    live: &[u32],
) {
    let (ip, op) = (inp.as_ptr(), out.as_mut_ptr());
    // SAFETY: the caller guarantees every offset below is in bounds (the panel of `R` neurons
    // from `j0` occupies `wp[j0·fi .. (j0 + R)·fi]`, input `k`'s weights at `k·R`).
    unsafe {
        let wq = wp.as_ptr().add(j0 * fi);
        let mut acc: [[F4; V]; R] = core::array::from_fn(|r| [F4::splat(b[j0 + r]); V]);
        let step = |acc: &mut [[F4; V]; R], k: usize| {
            let row = ip.add(k * ld + p);
            let x: [F4; V] = core::array::from_fn(|v| F4::load_ptr(row.add(4 * v)));
            for r in 0..R {
                let s = F4::load_splat_ptr(wq.add(k * R + r));
                for v in 0..V {
                    acc[r][v] = acc[r][v].mul_add(s, x[v]);
                }
            }
        };
        if SPARSE {
            for &k in live {
                step(&mut acc, k as usize);
            }
        } else {
            for k in 0..fi {
                step(&mut acc, k);
            }
        }
        for r in 0..R {
            let dst = op.add((j0 + r) * ld + p);
            for v in 0..V {
                F::f4(acc[r][v]).store_ptr(dst.add(4 * v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    /// The kernel against the textbook triple loop, for every small shape (so every path: 4-row
    /// and 1-row panels, 8- and 4-column blocks, the column tails, depth 0) and both layouts of
    /// A. Same summation order ⇒ bit-identical.
    #[test]
    fn gemm_matches_naive_loop_for_all_small_shapes() {
        let mut rng = Rng::new(99);
        for rows in 0..10 {
            for cols in 0..20 {
                for depth in 0..7 {
                    for transposed in [false, true] {
                        let (lda, ldb, ldc) = (if transposed { rows + 1 } else { depth + 2 }, cols + 3, cols + 1);
                        let a_len = if transposed { depth * lda } else { rows * lda };
                        let a: Vec<f32> = (0..a_len).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let b: Vec<f32> = (0..depth * ldb).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let c0: Vec<f32> = (0..rows * ldc).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let mut want = c0.clone();
                        for i in 0..rows {
                            for j in 0..cols {
                                let mut acc = want[i * ldc + j];
                                for k in 0..depth {
                                    let av = if transposed { a[k * lda + i] } else { a[i * lda + k] };
                                    acc += av * b[k * ldb + j];
                                }
                                want[i * ldc + j] = acc;
                            }
                        }
                        let mut got = c0.clone();
                        if transposed {
                            gemm_acc::<true>(&mut got, ldc, rows, cols, &a, lda, &b, ldb, depth);
                        } else {
                            gemm_acc::<false>(&mut got, ldc, rows, cols, &a, lda, &b, ldb, depth);
                        }
                        assert_eq!(got, want, "{rows}×{cols}×{depth} T={transposed}: not bit-identical");
                    }
                }
            }
        }
    }

    /// The points-in-lanes layer against the textbook loop, for every small width, with each
    /// activation: bit-identical.
    #[test]
    fn points_in_lanes_matches_naive_loop() {
        fn check<F: Elementwise>(rng: &mut Rng) {
            for fi in 1..7 {
                for fo in 1..11 {
                    for np in [16, 32, 48] {
                        let ld = np + 5;
                        let inp: Vec<f32> = (0..fi * ld).map(|_| rng.uniform(-3.0, 3.0)).collect();
                        let w: Vec<f32> = (0..fi * fo).map(|_| rng.uniform(-2.0, 2.0)).collect();
                        let b: Vec<f32> = (0..fo).map(|_| rng.uniform(-1.0, 1.0)).collect();
                        let mut out = vec![f32::NAN; fo * ld];
                        let mut wp = vec![f32::NAN; fi * fo];
                        pack_weights(&mut wp, &w, fi, fo);
                        dense_points_in_lanes::<F>(&mut out, &inp, ld, np, &wp, &b, fi, fo, None);
                        for j in 0..fo {
                            for p in 0..np {
                                let mut z = b[j];
                                for k in 0..fi {
                                    z += inp[k * ld + p] * w[k * fo + j];
                                }
                                let want = F::f1(z);
                                assert_eq!(out[j * ld + p].to_bits(), want.to_bits(), "{fi}→{fo}, point {p}");
                            }
                        }
                    }
                }
            }
        }
        let mut rng = Rng::new(5);
        check::<Ident>(&mut rng);
        check::<Relu>(&mut rng);
        check::<Leaky>(&mut rng);
        check::<Tanh>(&mut rng);
        check::<Sigmoid>(&mut rng);
    }

    /// Skipping inputs that are 0 over a strip changes nothing: relu-like inputs (a third of
    /// them 0 everywhere, a third 0 on some strips) through the sparse path equal the textbook
    /// loop bit for bit.
    #[test]
    fn points_in_lanes_skips_dead_inputs_exactly() {
        let mut rng = Rng::new(8);
        for fi in [1, 3, 8, 17, 64] {
            for fo in [1, 2, 4, 7, 64] {
                let (np, ld) = (48, 53);
                let mut inp = vec![0.0f32; fi * ld];
                for k in 0..fi {
                    for p in 0..np {
                        let v = rng.uniform(-1.0, 1.0);
                        inp[k * ld + p] = match k % 3 {
                            0 => 0.0,
                            1 if p / 16 == 1 => 0.0,
                            _ => if v > 0.0 { v } else { 0.0 },
                        };
                    }
                }
                let w: Vec<f32> = (0..fi * fo).map(|_| rng.uniform(-2.0, 2.0)).collect();
                let b: Vec<f32> = (0..fo).map(|_| rng.uniform(-1.0, 1.0)).collect();
                let mut wp = vec![f32::NAN; fi * fo];
                pack_weights(&mut wp, &w, fi, fo);
                let mut live = vec![0u32; fi];
                let mut out = vec![f32::NAN; fo * ld];
                dense_points_in_lanes::<Relu>(&mut out, &inp, ld, np, &wp, &b, fi, fo, Some(&mut live));
                for j in 0..fo {
                    for p in 0..np {
                        let mut z = b[j];
                        for k in 0..fi {
                            z += inp[k * ld + p] * w[k * fo + j];
                        }
                        assert_eq!(out[j * ld + p].to_bits(), Relu::f1(z).to_bits(), "{fi}→{fo}, point {p}");
                    }
                }
            }
        }
    }

    /// Each function's 4-lane form equals its scalar form bit for bit, on ordinary values, on
    /// the clamp edges, on ±0, ±∞ and NaN.
    #[test]
    fn lanes_equal_scalar_forms() {
        let mut vals: Vec<f32> = (-4000..=4000).map(|i| i as f32 * 0.005).collect();
        vals.extend([0.0, -0.0, 7.905_311, -7.905_311, 30.0, -30.0, 1e-40, -1e-40, f32::INFINITY, f32::NEG_INFINITY, f32::NAN]);
        vals.resize(vals.len().div_ceil(4) * 4, 0.25);
        fn same<F: Elementwise>(vals: &[f32]) {
            let mut v = vals.to_vec();
            map_in_place::<F>(&mut v);
            for (&x, &y) in vals.iter().zip(&v) {
                let want = F::f1(x);
                assert!(y.to_bits() == want.to_bits() || (y.is_nan() && want.is_nan()), "f({x}) = {y} vs {want}");
            }
        }
        same::<Ident>(&vals);
        same::<Relu>(&vals);
        same::<Leaky>(&vals);
        same::<Tanh>(&vals);
        same::<Sigmoid>(&vals);
        fn same_bp<B: Backprop>(vals: &[f32]) {
            let mut d: Vec<f32> = vals.iter().map(|x| 1.5 - x).collect();
            let d0 = d.clone();
            backprop_in_place::<B>(&mut d, vals);
            for ((&a, &g0), &g) in vals.iter().zip(&d0).zip(&d) {
                let want = B::f1(g0, a);
                assert!(g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()), "f′ at {a}");
            }
        }
        same_bp::<TanhPrime>(&vals);
        same_bp::<SigmoidPrime>(&vals);
        same_bp::<ReluPrime>(&vals);
        same_bp::<LeakyPrime>(&vals);
    }
}
