//! Readable errors for invalid settings.
//!
//! Every constructor that takes user-controlled settings validates them once and returns
//! `Err(ParamError)` instead of panicking: a panic in WebAssembly kills the whole page.
//!
//! An error is data, not a sentence: the setting's code name and an [`ErrorKind`] with the
//! numbers involved. The page turns that into a sentence in the visitor's language (with the
//! setting's readable name); the English [`Display`](fmt::Display) here is for native tests and
//! logs, and is derived from the kind so the numbers have one source.

use std::fmt;

/// What is wrong with a setting, with the numbers a reader needs to fix it. Grouped by meaning,
/// not by call site: each variant is one sentence template on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// A number outside its allowed interval. `max` is `f64::INFINITY` when there is no upper
    /// limit; an `_open` end is excluded ("above 0" rather than "at least 0").
    OutOfRange { min: f64, max: f64, got: f64, min_open: bool, max_open: bool },
    /// A class label: a whole number from `min` to `max` (1.5 is in range but not a class).
    NotWhole { min: f64, max: f64, got: f64 },
    /// NaN or infinite where a real number is needed.
    NotFinite { got: f64 },
    /// At least `need` items (points, features, restarts…) are needed, there are `got`.
    TooFew { need: usize, got: usize },
    /// A count of `need` (clusters, folds) needs as many different points; there are `got`.
    NeedsPoints { need: usize, got: usize },
    /// Two lists that go together have different lengths.
    LengthMismatch { expected: usize, got: usize },
    /// A flat list of `len` numbers that does not cut into rows of `width`.
    NotWholeRows { len: usize, width: usize },
    /// An interval whose ends are not finite or not in increasing order.
    EmptyInterval { low: f64, high: f64 },
    /// Classification, but every point has the same class.
    NeedsTwoClasses,
    /// A choice that the other settings rule out (a loss for the wrong problem, a weight the
    /// network does not have, a result asked for before it exists).
    Unsupported,
}

/// A setting out of its allowed range, or an impossible combination of settings.
///
/// `field` is the parameter's code name (the same name as its URL query parameter where there is
/// one); the page maps it to a readable name in the visitor's language.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub field: &'static str,
    pub kind: ErrorKind,
}

impl ParamError {
    pub fn new(field: &'static str, kind: ErrorKind) -> Self {
        Self { field, kind }
    }
    /// `got` must lie in `min..=max`.
    pub fn out_of_range(field: &'static str, min: f64, max: f64, got: f64) -> Self {
        Self::new(field, ErrorKind::OutOfRange { min, max, got, min_open: false, max_open: false })
    }
    /// `got` must be at least `min`, with no upper limit.
    pub fn at_least(field: &'static str, min: f64, got: f64) -> Self {
        Self::out_of_range(field, min, f64::INFINITY, got)
    }
    /// `got` must be above `min` and at most `max` (`f64::INFINITY`: no upper limit).
    pub fn above(field: &'static str, min: f64, max: f64, got: f64) -> Self {
        Self::new(field, ErrorKind::OutOfRange { min, max, got, min_open: true, max_open: false })
    }
    /// `got` must be at least `min` and below `max`.
    pub fn below(field: &'static str, min: f64, max: f64, got: f64) -> Self {
        Self::new(field, ErrorKind::OutOfRange { min, max, got, min_open: false, max_open: true })
    }
    pub fn not_whole(field: &'static str, min: f64, max: f64, got: f64) -> Self {
        Self::new(field, ErrorKind::NotWhole { min, max, got })
    }
    pub fn not_finite(field: &'static str, got: f64) -> Self {
        Self::new(field, ErrorKind::NotFinite { got })
    }
    pub fn too_few(field: &'static str, need: usize, got: usize) -> Self {
        Self::new(field, ErrorKind::TooFew { need, got })
    }
    pub fn needs_points(field: &'static str, need: usize, got: usize) -> Self {
        Self::new(field, ErrorKind::NeedsPoints { need, got })
    }
    pub fn length_mismatch(field: &'static str, expected: usize, got: usize) -> Self {
        Self::new(field, ErrorKind::LengthMismatch { expected, got })
    }
    pub fn not_whole_rows(field: &'static str, len: usize, width: usize) -> Self {
        Self::new(field, ErrorKind::NotWholeRows { len, width })
    }
    pub fn empty_interval(field: &'static str, low: f64, high: f64) -> Self {
        Self::new(field, ErrorKind::EmptyInterval { low, high })
    }
    pub fn needs_two_classes(field: &'static str) -> Self {
        Self::new(field, ErrorKind::NeedsTwoClasses)
    }
    pub fn unsupported(field: &'static str) -> Self {
        Self::new(field, ErrorKind::Unsupported)
    }
    /// `Ok` when `got` lies in `min..=max` (NaN never does), else [`ParamError::out_of_range`]:
    /// the check most settings need, written once.
    pub fn check_range(field: &'static str, min: f64, max: f64, got: f64) -> Result<(), Self> {
        if (min..=max).contains(&got) {
            Ok(())
        } else {
            Err(Self::out_of_range(field, min, max, got))
        }
    }
}

/// A number as a reader wants it: at most 6 significant digits, so an `f32` setting widened to
/// `f64` shows as `0.1`, not `0.10000000149011612`; whole numbers without a decimal point.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    if v == v.trunc() && v.abs() < 1e15 {
        return format!("{v:.0}");
    }
    let magnitude = v.abs().log10().floor() as i32;
    let decimals = (5 - magnitude).clamp(0, 15) as usize;
    let s = format!("{v:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The allowed interval of an [`ErrorKind::OutOfRange`] in English ("between 1 and 10").
fn interval(min: f64, max: f64, min_open: bool, max_open: bool) -> String {
    let (lo, hi) = (number(min), number(max));
    match (max.is_finite(), min_open, max_open) {
        (false, false, _) => format!("at least {lo}"),
        (false, true, _) => format!("above {lo}"),
        (true, false, false) => format!("between {lo} and {hi}"),
        (true, true, false) => format!("above {lo} and at most {hi}"),
        (true, false, true) => format!("at least {lo} and below {hi}"),
        (true, true, true) => format!("above {lo} and below {hi}"),
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = self.field;
        match self.kind {
            ErrorKind::OutOfRange { min, max, got, min_open, max_open } => {
                write!(f, "{field} must be {} (got {})", interval(min, max, min_open, max_open), number(got))
            }
            ErrorKind::NotWhole { min, max, got } => write!(
                f,
                "{field} must be a whole number from {} to {} (got {})",
                number(min),
                number(max),
                number(got)
            ),
            ErrorKind::NotFinite { got } => write!(f, "{field} must be a finite number (got {})", number(got)),
            ErrorKind::TooFew { need, got } => write!(f, "{field} needs at least {need} (there are {got})"),
            ErrorKind::NeedsPoints { need, got } => {
                write!(f, "{field} = {need} needs at least {need} points at different places (there are only {got})")
            }
            ErrorKind::LengthMismatch { expected, got } => {
                write!(f, "{field} has {got} values where {expected} are expected")
            }
            ErrorKind::NotWholeRows { len, width } => {
                write!(f, "{field} has {len} numbers, which do not split into rows of {width}")
            }
            ErrorKind::EmptyInterval { low, high } => write!(
                f,
                "{field} needs finite ends with the low end below the high end (got {} to {})",
                number(low),
                number(high)
            ),
            ErrorKind::NeedsTwoClasses => write!(f, "{field} needs points of at least two classes"),
            ErrorKind::Unsupported => write!(f, "{field} cannot be used with the other settings"),
        }
    }
}

impl std::error::Error for ParamError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_the_setting_that_was_typed() {
        assert_eq!(number(f64::from(0.1f32)), "0.1");
        assert_eq!(number(0.0001), "0.0001");
        assert_eq!(number(50.0), "50");
        assert_eq!(number(-6.0), "-6");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn the_english_sentence_comes_from_the_kind() {
        let e = ParamError::out_of_range("lr", 0.0001, 10.0, 50.0);
        assert_eq!(e.to_string(), "lr must be between 0.0001 and 10 (got 50)");
        assert_eq!(ParamError::at_least("max_depth", 1.0, 0.0).to_string(), "max_depth must be at least 1 (got 0)");
        assert_eq!(ParamError::above("eps", 0.0, f64::INFINITY, -1.0).to_string(), "eps must be above 0 (got -1)");
        assert_eq!(
            ParamError::below("momentum", 0.0, 1.0, 1.0).to_string(),
            "momentum must be at least 0 and below 1 (got 1)"
        );
    }
}
