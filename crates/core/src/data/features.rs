//! # Input features
//!
//! becomes linearly separable in `(x₁², x₂²)`.
//!
//! ## The split

/// An input feature computed from a point `(x₁, x₂)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// `x₁`
    X1,
    /// `x₂`
    X2,
    /// `x₁²`
    X1Squared,
    /// `x₂²`
    X2Squared,
    /// `x₁·x₂`
    X1X2,
    /// `sin x₁`
    SinX1,
    /// `sin x₂`
    SinX2,
}

impl Feature {
    /// Every feature, in TF Playground's display order.
    pub const ALL: [Self; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// URL slug: "x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2".
    pub fn slug(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1sq",
            Feature::X2Squared => "x2sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sinx1",
            Feature::SinX2 => "sinx2",
        }
    }

    /// Inverse of [`slug`](Self::slug); `None` for an unknown slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == s)
    }

    /// Display label with Unicode sub/superscripts: "x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂".
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Squared => "x₁²",
            Feature::X2Squared => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin x₁",
            Feature::SinX2 => "sin x₂",
        }
    }

    /// The feature's value at `(x1, x2)`.
    #[inline]
    pub fn apply(self, x1: f32, x2: f32) -> f32 {
        match self {
            Feature::X1 => x1,
            Feature::X2 => x2,
            Feature::X1Squared => x1 * x1,
            Feature::X2Squared => x2 * x2,
            Feature::X1X2 => x1 * x2,
            Feature::SinX1 => crate::tensor::math::sin(x1),
            Feature::SinX2 => crate::tensor::math::sin(x2),
        }
    }
}

/// out = n × features.len(), row-major.
///
/// `points` holds `x₁, x₂` interleaved (`n = points.len() / 2`; a trailing odd value is
/// ignored). `out` is cleared first and reused, so calling this every frame does not allocate
/// once `out` has grown.
pub fn featurize(features: &[Feature], points: &[f32], out: &mut Vec<f32>) {
    out.clear();
    out.reserve(points.len() / 2 * features.len());
    for p in points.chunks_exact(2) {
        for f in features {
            out.push(f.apply(p[0], p[1]));
        }
    }
}
