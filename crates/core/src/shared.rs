//! # Helpers shared across families
//!
//! Small pieces that several model families need and none of them owns:
//!
//! - `slug_enum!`: a settings enum with `ALL`, `slug` and `from_slug` (the URL names);
//! - point checks: `check_points` validates a row-major buffer of `n × d` finite numbers, and
//!   `dist2` is the squared Euclidean distance `‖a − b‖² = Σ_j (a_j − b_j)²` in `f64`;
//! - grid geometry: [`cell_centre`] places cell `i` of `res` equal cells over `[lo, hi]` at
//!   `lo + (hi − lo)/res · (i + ½)`, the sample point of every heatmap;
//! - sorting where speed does not matter ([`sorted_order`], [`sort_by_shared`]): every call
//!   shares one compiled copy of the standard library's stable sort. Each `sort_by` call site
//!   with its own element type or comparator otherwise compiles its own copy, 5–10 KB of
//!   WebAssembly each — 63 KB in the language lab's download, from ten set-up sorts.

use std::cmp::Ordering;

use crate::error::ParamError;

/// The indices `0..n` in the stable order `cmp` gives (equal items keep index order). Not for
/// hot loops: the comparator is called through a pointer.
#[inline(never)]
pub fn sorted_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `items` stably by `cmp`, through [`sorted_order`].
pub fn sort_by_shared<T>(items: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| slots[i].take()));
}

/// Declares a settings enum with the crate's usual helpers: `ALL`, `slug` and `from_slug`.
/// Slugs are what the page puts in its URL, so they never change once published. Exported: the
/// page declares its own settings enums with it.
#[macro_export]
macro_rules! slug_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $slug:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every variant, in the order the page lists them.
            pub const ALL: [Self; [$($slug),+].len()] = [$(Self::$variant),+];

            /// The lowercase English name used in URLs.
            pub fn slug(self) -> &'static str {
                match self { $(Self::$variant => $slug),+ }
            }

            /// The variant whose [`slug`](Self::slug) is `s`, if any.
            pub fn from_slug(s: &str) -> Option<Self> {
                match s { $($slug => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use slug_enum;


/// Checks a row-major data buffer and returns the number of rows `n ≥ 1`.
///
/// Errors: `"n_features"` (0), `"points"` (empty, length not a multiple of `n_features`,
/// a non-finite value).
pub(crate) fn check_points(x: &[f32], n_features: usize) -> Result<usize, ParamError> {
    if n_features == 0 {
        return Err(ParamError::too_few("n_features", 1, 0));
    }
    if x.is_empty() {
        return Err(ParamError::too_few("points", 1, 0));
    }
    check_rows(x, n_features)
}

/// Checks rows a fitted model is asked about: whole rows of finite numbers; their number (0
/// rows is a question with no answers, not an error).
///
/// Errors: `"n_features"` (0), `"points"` (length not a multiple of `n_features`, a non-finite
/// value).
pub(crate) fn check_rows(x: &[f32], n_features: usize) -> Result<usize, ParamError> {
    if n_features == 0 {
        return Err(ParamError::too_few("n_features", 1, 0));
    }
    if !x.chunks_exact(n_features).remainder().is_empty() {
        return Err(ParamError::not_whole_rows("points", x.len(), n_features));
    }
    if let Some(pos) = x.iter().position(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("points", x[pos].into()));
    }
    Ok(x.len() / n_features)
}

/// Squared Euclidean distance in `f64` (`f32 → f64` differences are exact).
#[inline]
pub(crate) fn dist2(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&p, &q)| (f64::from(p) - f64::from(q)).powi(2)).sum()
}

/// A coordinate type of a grid: `f32` (the page's plane) or `f64` (a loss surface's window).
pub trait Coordinate:
    Copy + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self> + std::ops::Mul<Output = Self> + std::ops::Div<Output = Self>
{
    /// `i` as a coordinate (exact for every index a grid can have).
    fn of_index(i: usize) -> Self;
    /// `½`.
    const HALF: Self;
}

impl Coordinate for f32 {
    fn of_index(i: usize) -> Self {
        i as f32
    }
    const HALF: Self = 0.5;
}

impl Coordinate for f64 {
    fn of_index(i: usize) -> Self {
        i as f64
    }
    const HALF: Self = 0.5;
}

/// Centre of cell `i` of `res` equal cells over `[lo, hi]`: `lo + (hi − lo)/res · (i + ½)`.
/// With `lo > hi` the cells run downwards, which is how a heatmap's rows go (row 0 at the top:
/// `cell_centre(top, bottom, res, row)`).
#[inline]
pub fn cell_centre<T: Coordinate>(lo: T, hi: T, res: usize, i: usize) -> T {
    lo + (hi - lo) / T::of_index(res) * (T::of_index(i) + T::HALF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_centres_by_hand() {
        // 4 cells over [−6, 6] are 3 wide: centres −4.5, −1.5, 1.5, 4.5.
        let xs: Vec<f32> = (0..4).map(|i| cell_centre(-6.0, 6.0, 4, i)).collect();
        assert_eq!(xs, [-4.5, -1.5, 1.5, 4.5]);
        // Rows run from the top down.
        assert_eq!(cell_centre(6.0f32, -6.0, 4, 0), 4.5);
        assert_eq!(cell_centre(10.0f64, 12.0, 8, 7), 11.875);
    }

    #[test]
    fn the_plane_formula_is_the_one_the_labs_wrote() {
        // Bit for bit the former `-D + (2D/res)(c + ½)` and `D − (2D/res)(r + ½)`.
        const D: f32 = 6.0;
        for res in [1, 3, 7, 50, 100, 101, 333, 1024] {
            let step = 2.0 * D / res as f32;
            for i in 0..res {
                assert_eq!(cell_centre(-D, D, res, i).to_bits(), (-D + step * (i as f32 + 0.5)).to_bits());
                assert_eq!(cell_centre(D, -D, res, i).to_bits(), (D - step * (i as f32 + 0.5)).to_bits());
            }
        }
    }

    #[test]
    fn points_are_checked() {
        assert_eq!(check_points(&[1.0, 2.0, 3.0, 4.0], 2), Ok(2));
        assert!(check_points(&[1.0, 2.0, 3.0], 2).is_err());
        assert!(check_points(&[f32::NAN, 0.0], 2).is_err());
        assert!(check_points(&[], 2).is_err());
        assert_eq!(dist2(&[0.0, 0.0], &[3.0, 4.0]), 25.0);
    }
}
