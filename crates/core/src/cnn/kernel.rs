//! # A kernel you can hold: convolution and pooling worked by hand
//!
//! A **kernel** is a small square of weights, `k × k`. Sliding it over an `n × n` image and,
//! at each place, multiplying the pixels under it by the weights and adding the products gives
//! a **feature map**: bright where the image looks like the kernel.
//!
//! ```text
//! y[i, j] = Σ_{u=0}^{k−1} Σ_{v=0}^{k−1} w[u, v] · x[i·s + u − p, j·s + v − p]
//! ```
//!
//! with **stride** `s` (how far the kernel jumps between places) and **zero padding** `p` (a
//! border of `p` zeros around the image, so the kernel can sit over the edge; outside the image
//! `x` is 0). Strictly this is a *cross-correlation* — a mathematician's convolution flips the
//! kernel first, `w[k−1−u, k−1−v]` — but every deep-learning framework calls it convolution,
//! and since a network *learns* its kernels the flip changes nothing; we follow the frameworks.
//!
//! The output side is
//!
//! ```text
//! n_out = ⌊(n + 2p − k) / s⌋ + 1
//! ```
//!
//! (the engine's [`conv_output_size`], the one place the formula lives). When `n + 2p < k` the
//! kernel does not fit at all: an error. When `(n + 2p − k)` is not a multiple of `s`, the
//! kernel's last jump would run past the edge, so the last `(n + 2p − k) mod s` padded rows and
//! columns are never read — [`fit_warning`] says so, as CNN Explainer does.
//!
//! **Pooling** shrinks a feature map by summarising each `m × m` window (stride `s`, no
//! padding): **max pooling** keeps the largest value ("the feature is somewhere here"),
//! **average pooling** the mean. Same output-size formula with `p = 0`.
//!
//! [`terms`] and [`pool_window`] write one output cell out in full — which pixels, which
//! weights, which products — so a page can show the arithmetic behind any cell; [`convolve`]
//! and [`pool`] add up exactly those terms, in the same order, so the numbers agree to the bit.

use crate::error::ParamError;
use crate::shared::slug_enum;
use crate::tensor::conv_output_size;

slug_enum! {
    /// The classic hand-made kernels of image processing.
    pub enum NamedKernel {
        /// The centre weight 1: the image unchanged (a sanity check).
        Identity => "identity",
        /// Every weight 1/9: the mean of the neighbourhood, a blur.
        BoxBlur => "box-blur",
        /// `[1 2 1]ᵀ[1 2 1]/16`: a blur that weighs near pixels more (binomial ≈ Gaussian).
        GaussianBlur => "gaussian-blur",
        /// 5 × centre − the four neighbours: the image plus its Laplacian edges, crisper.
        Sharpen => "sharpen",
        /// Dark on one diagonal side, bright on the other: a relief lit from the top left.
        Emboss => "emboss",
        /// −1 row above, +1 row below: responds to horizontal edges (dark above bright).
        EdgeHorizontal => "edge-horizontal",
        /// −1 column left, +1 column right: responds to vertical edges (dark left of bright).
        EdgeVertical => "edge-vertical",
        /// Sobel's `∂/∂x`: the vertical-edge kernel with the middle row doubled (less noisy).
        SobelX => "sobel-x",
        /// Sobel's `∂/∂y`: the horizontal-edge kernel with the middle column doubled.
        SobelY => "sobel-y",
        /// 8 × centre − the eight neighbours (a Laplacian): 0 on flat areas, bright on outlines.
        Outline => "outline",
        /// `[1 4 6 4 1]ᵀ[1 4 6 4 1]/256`: a wider Gaussian blur, 5 × 5.
        GaussianBlur5 => "gaussian-blur-5",
        /// The identity, 5 × 5.
        Identity5 => "identity-5",
    }
}

const NINTH: f32 = 1.0 / 9.0;
const SIXTEENTH: f32 = 1.0 / 16.0;

#[rustfmt::skip]
const IDENTITY: [f32; 9] = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
const BOX_BLUR: [f32; 9] = [NINTH; 9];
#[rustfmt::skip]
const GAUSSIAN_BLUR: [f32; 9] = [
    SIXTEENTH, 2.0 * SIXTEENTH, SIXTEENTH,
    2.0 * SIXTEENTH, 4.0 * SIXTEENTH, 2.0 * SIXTEENTH,
    SIXTEENTH, 2.0 * SIXTEENTH, SIXTEENTH,
];
#[rustfmt::skip]
const SHARPEN: [f32; 9] = [0.0, -1.0, 0.0, -1.0, 5.0, -1.0, 0.0, -1.0, 0.0];
#[rustfmt::skip]
const EMBOSS: [f32; 9] = [-2.0, -1.0, 0.0, -1.0, 1.0, 1.0, 0.0, 1.0, 2.0];
#[rustfmt::skip]
const EDGE_HORIZONTAL: [f32; 9] = [-1.0, -1.0, -1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0];
#[rustfmt::skip]
const EDGE_VERTICAL: [f32; 9] = [-1.0, 0.0, 1.0, -1.0, 0.0, 1.0, -1.0, 0.0, 1.0];
#[rustfmt::skip]
const SOBEL_X: [f32; 9] = [-1.0, 0.0, 1.0, -2.0, 0.0, 2.0, -1.0, 0.0, 1.0];
#[rustfmt::skip]
const SOBEL_Y: [f32; 9] = [-1.0, -2.0, -1.0, 0.0, 0.0, 0.0, 1.0, 2.0, 1.0];
#[rustfmt::skip]
const OUTLINE: [f32; 9] = [-1.0, -1.0, -1.0, -1.0, 8.0, -1.0, -1.0, -1.0, -1.0];

/// Binomial weights of row 4 of Pascal's triangle: `[1 4 6 4 1]`, summing to 16.
const BINOMIAL_5: [f32; 5] = [1.0, 4.0, 6.0, 4.0, 1.0];

impl NamedKernel {
    /// The kernel's side `k` (3 or 5).
    pub fn side(self) -> usize {
        match self {
            NamedKernel::GaussianBlur5 | NamedKernel::Identity5 => 5,
            _ => 3,
        }
    }

    /// The `k × k` weights, row-major.
    pub fn weights(self) -> Vec<f32> {
        match self {
            NamedKernel::Identity => IDENTITY.to_vec(),
            NamedKernel::BoxBlur => BOX_BLUR.to_vec(),
            NamedKernel::GaussianBlur => GAUSSIAN_BLUR.to_vec(),
            NamedKernel::Sharpen => SHARPEN.to_vec(),
            NamedKernel::Emboss => EMBOSS.to_vec(),
            NamedKernel::EdgeHorizontal => EDGE_HORIZONTAL.to_vec(),
            NamedKernel::EdgeVertical => EDGE_VERTICAL.to_vec(),
            NamedKernel::SobelX => SOBEL_X.to_vec(),
            NamedKernel::SobelY => SOBEL_Y.to_vec(),
            NamedKernel::Outline => OUTLINE.to_vec(),
            NamedKernel::GaussianBlur5 => {
                // Outer product of the binomial row with itself, over 16 · 16 = 256.
                let mut w = Vec::with_capacity(25);
                for a in BINOMIAL_5 {
                    for b in BINOMIAL_5 {
                        w.push(a * b / 256.0);
                    }
                }
                w
            }
            NamedKernel::Identity5 => {
                let mut w = vec![0.0; 25];
                w[12] = 1.0;
                w
            }
        }
    }
}

/// A square grid of numbers computed from an image: a convolution's or a pooling's output.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureMap {
    /// Side in cells.
    pub side: usize,
    /// `side × side` values, row-major.
    pub values: Vec<f32>,
}

impl FeatureMap {
    /// The value at `(row, col)`, `None` outside the map.
    pub fn get(&self, row: usize, col: usize) -> Option<f32> {
        (row < self.side && col < self.side).then(|| self.values[row * self.side + col])
    }
}

/// The kernel's last jump would run past the edge: the last `unused` padded rows (and as many
/// columns) are never read. Not an error — the output is well defined — but worth a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FitWarning {
    /// `(n + 2p − k) mod s`: rows (and columns) of the padded image left out at the bottom (right).
    pub unused: usize,
    /// The output side, `⌊(n + 2p − k)/s⌋ + 1`.
    pub output_side: usize,
}

/// `Some` when `(n + 2p − k) mod s ≠ 0` (see [`FitWarning`]); `None` when the kernel's jumps
/// end exactly at the edge, or when the sizes do not fit at all (that is [`convolve`]'s error).
pub fn fit_warning(side: usize, k: usize, stride: usize, padding: usize) -> Option<FitWarning> {
    let output_side = conv_output_size(side, k, stride, padding).ok()?;
    let unused = (side + 2 * padding - k) % stride;
    (unused != 0).then_some(FitWarning { unused, output_side })
}

/// One product of a convolution: a pixel (0 in the padding), the weight over it, and where the
/// pixel is in the image (`None` in the padding).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Term {
    pub pixel: f32,
    pub weight: f32,
    /// `(row, col)` in the image, or `None` for a padding zero.
    pub at: Option<(usize, usize)>,
}

impl Term {
    /// `pixel · weight`.
    pub fn product(&self) -> f32 {
        self.pixel * self.weight
    }
}

/// Checks a convolution's inputs and returns the output side. Errors: `"image"` (not `side²`
/// values), `"kernel"` (not `k²` weights, `k` = 0, or larger than the padded image),
/// `"stride"` (0), `"padding"` (`p ≥ k`: a window of padding only) — the engine's rules.
fn check_conv(image: &[f32], side: usize, kernel: &[f32], k: usize, stride: usize, padding: usize) -> Result<usize, ParamError> {
    // `checked_mul`: a side no buffer could hold is a mismatch, not an overflow.
    if side == 0 || side.checked_mul(side) != Some(image.len()) {
        return Err(ParamError::length_mismatch("image", side.saturating_mul(side), image.len()));
    }
    if k.checked_mul(k) != Some(kernel.len()) {
        return Err(ParamError::length_mismatch("kernel", k.saturating_mul(k), kernel.len()));
    }
    conv_output_size(side, k, stride, padding)
}

/// The pixel at padded-image position `(row, col)` (image position + p), 0 in the padding,
/// with its position in the image.
fn padded_pixel(image: &[f32], side: usize, padding: usize, row: usize, col: usize) -> (f32, Option<(usize, usize)>) {
    match (row.checked_sub(padding), col.checked_sub(padding)) {
        (Some(r), Some(c)) if r < side && c < side => (image[r * side + c], Some((r, c))),
        _ => (0.0, None),
    }
}

/// Calls `each(term)` for the `k²` products of output cell `(i, j)`, row by row of the kernel.
#[allow(clippy::too_many_arguments)]
fn for_each_term(
    image: &[f32],
    side: usize,
    kernel: &[f32],
    k: usize,
    stride: usize,
    padding: usize,
    (i, j): (usize, usize),
    mut each: impl FnMut(Term),
) {
    for u in 0..k {
        for v in 0..k {
            let (pixel, at) = padded_pixel(image, side, padding, i * stride + u, j * stride + v);
            each(Term { pixel, weight: kernel[u * k + v], at });
        }
    }
}

/// Slides the `k × k` `kernel` over the `side × side` `image` (the module's formula). Errors as
/// `check_conv` (fields `"image"`, `"kernel"`, `"stride"`, `"padding"`).
pub fn convolve(image: &[f32], side: usize, kernel: &[f32], k: usize, stride: usize, padding: usize) -> Result<FeatureMap, ParamError> {
    let out = check_conv(image, side, kernel, k, stride, padding)?;
    let mut values = Vec::with_capacity(out * out);
    for i in 0..out {
        for j in 0..out {
            let mut sum = 0.0f32;
            for_each_term(image, side, kernel, k, stride, padding, (i, j), |t| sum += t.product());
            values.push(sum);
        }
    }
    Ok(FeatureMap { side: out, values })
}

/// The multiply-and-add of output cell `(out_row, out_col)` written out: its `k²` terms, row by
/// row of the kernel; their products, added in this order, give [`convolve`]'s value exactly.
/// Errors as [`convolve`], and `"out_row"`/`"out_col"` outside the output.
#[allow(clippy::too_many_arguments)]
pub fn terms(
    image: &[f32],
    side: usize,
    kernel: &[f32],
    k: usize,
    stride: usize,
    padding: usize,
    out_row: usize,
    out_col: usize,
) -> Result<Vec<Term>, ParamError> {
    let out = check_conv(image, side, kernel, k, stride, padding)?;
    let last = out as f64 - 1.0;
    ParamError::check_range("out_row", 0.0, last, out_row as f64)?;
    ParamError::check_range("out_col", 0.0, last, out_col as f64)?;
    let mut list = Vec::with_capacity(k * k);
    for_each_term(image, side, kernel, k, stride, padding, (out_row, out_col), |t| list.push(t));
    Ok(list)
}

slug_enum! {
    /// How a pooling window is summarised.
    pub enum PoolKind {
        /// The largest value (the first one, row by row, on ties — as the engine).
        Max => "max",
        /// The mean of the window.
        Average => "average",
    }
}

/// One pooling window written out: its values (row by row), their positions in the map, the
/// result, and for max pooling which value won.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolWindow {
    pub values: Vec<f32>,
    /// `(row, col)` of each value in the feature map.
    pub positions: Vec<(usize, usize)>,
    /// Index into `values` of the maximum (max pooling), `None` for average pooling.
    pub chosen: Option<usize>,
    pub result: f32,
}

/// Summarises window `(i, j)` of side `window`: the result and, for max pooling, the winner's
/// index in the window. Fixed order: row by row; the mean is the sum times `1/m²`, as the engine.
fn summarise(map: &FeatureMap, kind: PoolKind, window: usize, stride: usize, (i, j): (usize, usize)) -> (f32, Option<usize>) {
    let at = |u: usize, v: usize| map.values[(i * stride + u) * map.side + j * stride + v];
    match kind {
        PoolKind::Max => {
            let (mut best, mut best_at) = (at(0, 0), 0);
            for n in 1..window * window {
                let v = at(n / window, n % window);
                if v > best {
                    (best, best_at) = (v, n);
                }
            }
            (best, Some(best_at))
        }
        PoolKind::Average => {
            let mut sum = 0.0f32;
            for n in 0..window * window {
                sum += at(n / window, n % window);
            }
            (sum * (1.0 / (window * window) as f32), None)
        }
    }
}

/// Pools `map` with `window × window` windows and `stride`. Errors: `"window"` (0 or larger than
/// the map), `"stride"` (0).
pub fn pool(map: &FeatureMap, kind: PoolKind, window: usize, stride: usize) -> Result<FeatureMap, ParamError> {
    let out = check_pool(map, window, stride)?;
    let mut values = Vec::with_capacity(out * out);
    for i in 0..out {
        for j in 0..out {
            values.push(summarise(map, kind, window, stride, (i, j)).0);
        }
    }
    Ok(FeatureMap { side: out, values })
}

/// The window behind pooled cell `(out_row, out_col)`. Errors as [`pool`], and
/// `"out_row"`/`"out_col"` outside the output.
pub fn pool_window(map: &FeatureMap, kind: PoolKind, window: usize, stride: usize, out_row: usize, out_col: usize) -> Result<PoolWindow, ParamError> {
    let out = check_pool(map, window, stride)?;
    let last = out as f64 - 1.0;
    ParamError::check_range("out_row", 0.0, last, out_row as f64)?;
    ParamError::check_range("out_col", 0.0, last, out_col as f64)?;
    let (result, chosen) = summarise(map, kind, window, stride, (out_row, out_col));
    let mut w = PoolWindow { values: Vec::new(), positions: Vec::new(), chosen, result };
    for u in 0..window {
        for v in 0..window {
            let (r, c) = (out_row * stride + u, out_col * stride + v);
            w.values.push(map.values[r * map.side + c]);
            w.positions.push((r, c));
        }
    }
    Ok(w)
}

/// The output side of pooling (the convolution formula with no padding), with pooling's field
/// names.
fn check_pool(map: &FeatureMap, window: usize, stride: usize) -> Result<usize, ParamError> {
    if map.side == 0 || map.side.checked_mul(map.side) != Some(map.values.len()) {
        return Err(ParamError::length_mismatch("map", map.side.saturating_mul(map.side), map.values.len()));
    }
    if window == 0 || window > map.side {
        return Err(ParamError::out_of_range("window", 1.0, map.side as f64, window as f64));
    }
    conv_output_size(map.side, window, stride, 0)
}

/// `image` (`side × side`) moved `dx` pixels right and `dy` pixels down (negative: left, up);
/// pixels moved in from outside are 0 (white paper), pixels moved out are lost. For the
/// translation experiment: does a one-pixel shift fool the model? An `image` that is not
/// `side²` values comes back as zeros of its length.
pub fn shifted(image: &[f32], side: usize, dx: i32, dy: i32) -> Vec<f32> {
    let mut out = vec![0.0; image.len()];
    if side.checked_mul(side) != Some(image.len()) {
        return out;
    }
    for r in 0..side {
        for c in 0..side {
            let (sr, sc) = (r as i64 - i64::from(dy), c as i64 - i64::from(dx));
            if (0..side as i64).contains(&sr) && (0..side as i64).contains(&sc) {
                out[r * side + c] = image[sr as usize * side + sc as usize];
            }
        }
    }
    out
}
