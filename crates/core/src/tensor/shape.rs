//! # Shapes: up to four dimensions, row-major, no heap
//!
//! A tensor of shape `[d₀, d₁, …]` is a flat buffer of `d₀·d₁·…` values in **row-major**
//! order: the last index varies fastest, so element `(i, j, k)` of a `[a, b, c]` tensor sits at
//! `(i·b + j)·c + k`. The engine's conventions:
//!
//! | data | shape |
//! |---|---|
//! | a batch of feature rows | `[batch, features]` |
//! | a batch of sequences | `[batch, time, features]` |
//! | attention heads | `[batch, heads, time, head_dim]` |
//! | images (NCHW) | `[batch, channels, height, width]` |
//!
//! [`Shape`] is `Copy` (four `usize` and a rank), so recording an operation never allocates.

use std::fmt;

/// The most dimensions a tensor can have (NCHW images need four).
pub const MAX_RANK: usize = 4;

/// A row-major shape of rank 0 (a scalar) to [`MAX_RANK`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    dims: [usize; MAX_RANK],
    rank: u8,
}

impl Shape {
    /// The shape with these dimensions.
    ///
    /// # Panics
    /// If there are more than [`MAX_RANK`] dimensions: shapes are chosen by lab code, never
    /// typed by a learner, so this is a programmer error.
    pub fn new(dims: &[usize]) -> Shape {
        assert!(dims.len() <= MAX_RANK, "a tensor has at most {MAX_RANK} dimensions, got {}", dims.len());
        let mut d = [1; MAX_RANK];
        d[..dims.len()].copy_from_slice(dims);
        Shape { dims: d, rank: dims.len() as u8 }
    }
    /// A single number (rank 0, one element).
    pub fn scalar() -> Shape {
        Shape { dims: [1; MAX_RANK], rank: 0 }
    }
    /// Number of dimensions.
    #[inline]
    pub fn rank(&self) -> usize {
        self.rank as usize
    }
    /// The dimensions, outermost first.
    #[inline]
    pub fn dims(&self) -> &[usize] {
        &self.dims[..self.rank as usize]
    }
    /// Dimension `i` (panics if `i ≥ rank`).
    #[inline]
    pub fn dim(&self, i: usize) -> usize {
        self.dims()[i]
    }
    /// Number of elements: the product of the dimensions (1 for a scalar).
    #[inline]
    pub fn numel(&self) -> usize {
        self.dims().iter().product()
    }
    /// The last dimension (1 for a scalar): the length of one "row".
    #[inline]
    pub fn last(&self) -> usize {
        if self.rank == 0 {
            1
        } else {
            self.dims[self.rank as usize - 1]
        }
    }
    /// Number of rows: all elements divided by the last dimension.
    #[inline]
    pub fn rows(&self) -> usize {
        self.dims()[..self.rank().saturating_sub(1)].iter().product()
    }
    /// This shape with the last dimension replaced by `n` (a scalar becomes `[n]`).
    pub fn with_last(&self, n: usize) -> Shape {
        let mut s = *self;
        if s.rank == 0 {
            s.rank = 1;
        }
        s.dims[s.rank as usize - 1] = n;
        s
    }
}

impl fmt::Debug for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.dims())
    }
}

impl From<&[usize]> for Shape {
    fn from(d: &[usize]) -> Shape {
        Shape::new(d)
    }
}

impl<const N: usize> From<[usize; N]> for Shape {
    fn from(d: [usize; N]) -> Shape {
        Shape::new(&d)
    }
}
