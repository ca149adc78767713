//! Numbers as the labs print them, all through one function, [`number`]:
//!
//! * a dash for a value that is missing or not finite;
//! * exactly zero is "0";
//! * a value that would round to zero at the decimals asked for is not zero, so it says so:
//!   `0.0004` at three decimals is "< 0.001" (and `-0.0004` is "> −0.001"), never "0.000";
//! * negatives carry the typographic minus "−" (U+2212), and a negative that rounds to zero
//!   never prints as "-0.00" ([`rounded`], for places such as a tree's split rule where a floor
//!   would read oddly, prints it as "0.00");
//! * whole parts are grouped by thousands, "12,345.6"; from a million up, scientific, "1.23e6".
//!
//! Every other function here is a thin wrapper that picks the decimals.

use crate::i18n::{fill, Lang, T};
use crate::query::short_float;

/// What a missing or non-finite number prints as.
pub const DASH: &str = "—";

/// The typographic minus sign.
const MINUS: char = '−';

/// From this magnitude up a number prints in scientific notation.
const SCIENTIFIC_FROM: f64 = 1e6;

/// `v` with `decimals` decimals for a visitor: see the module's rules. Exactly 0 is "0"; a
/// non-zero value that would round to zero prints as "< 0.001" (or "> −0.001") at three
/// decimals, "< 0.01" at two, "< 1" at none.
pub fn number(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return DASH.into();
    }
    if v == 0.0 {
        return "0".into();
    }
    if rounds_to_zero(v, decimals) {
        let unit = format!("{:.decimals$}", 10f64.powi(-(decimals as i32)));
        return if v > 0.0 { format!("< {unit}") } else { format!("> {MINUS}{unit}") };
    }
    rounded(v, decimals)
}

/// [`number`] of a value that may be missing.
pub fn number_opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| DASH.into(), |v| number(v, decimals))
}

/// `v` rounded to `decimals` decimals with no floor for tiny values: what rounds to zero prints
/// as zero without a sign ("0.00", never "-0.00"); negatives carry "−"; thousands grouped.
pub fn rounded(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return DASH.into();
    }
    let abs = v.abs();
    let digits = if abs >= SCIENTIFIC_FROM { format!("{abs:.2e}") } else { grouped(&format!("{abs:.decimals$}")) };
    if v < 0.0 && !rounds_to_zero(v, decimals) {
        format!("{MINUS}{digits}")
    } else {
        digits
    }
}

/// A number for an `<input type="number">`: ASCII minus (the browser must parse it), but no
/// "-0.000".
pub fn editable(v: f64, decimals: usize) -> String {
    if !v.is_finite() || rounds_to_zero(v, decimals) {
        format!("{:.decimals$}", 0.0)
    } else {
        format!("{v:.decimals$}")
    }
}

/// Whether `v` prints as nothing but zeros at `decimals` decimals.
pub fn rounds_to_zero(v: f64, decimals: usize) -> bool {
    format!("{:.decimals$}", v.abs()).chars().all(|c| c == '0' || c == '.')
}

/// Separates the whole part of a plain decimal string by thousands: "16279.5" → "16,279.5".
fn grouped(digits: &str) -> String {
    let (whole, rest) = digits.split_at(digits.find('.').unwrap_or(digits.len()));
    let mut out = String::with_capacity(digits.len() + whole.len() / 3);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push_str(rest);
    out
}

/// A loss: three decimals.
pub fn loss(v: f32) -> String {
    number(v.into(), 3)
}

/// A mean squared error: three decimals (scientific only from a million up).
pub fn mse(v: f32) -> String {
    number(v.into(), 3)
}

/// A log-loss: four decimals.
pub fn log_loss(v: Option<f64>) -> String {
    number_opt(v, 4)
}

/// A penalty weight: "0", else its shortest form.
pub fn lambda(v: f32) -> String {
    if v == 0.0 {
        "0".into()
    } else {
        short_float(v)
    }
}

/// A share (0..1) as a percentage with one decimal: `0.9375` → `93.8%`.
pub fn share(v: Option<f32>) -> String {
    v.filter(|v| v.is_finite()).map_or(DASH.into(), |v| format!("{}%", number(f64::from(v) * 100.0, 1)))
}

/// A share (0..1) as a whole percentage: `0.4804` → `48%`.
pub fn percent(v: f64) -> String {
    if v.is_finite() {
        format!("{}%", number(100.0 * v, 0))
    } else {
        DASH.into()
    }
}

/// A model's score in words: "R² 0.912" for regression, "accuracy 93.8%" otherwise; nothing
/// when there is none.
pub fn score(v: Option<f32>, regression: bool, lang: Lang) -> String {
    match v {
        Some(v) if v.is_finite() && regression => fill(T::RSquared.get(lang), &[&number(v.into(), 3)]),
        Some(v) if v.is_finite() => fill(T::Accuracy.get(lang), &[&share(Some(v))]),
        _ => String::new(),
    }
}

/// A whole number with thousands separated: `16279` → `16,279`, `-1234` → `−1,234`.
pub fn thousands(v: f64) -> String {
    rounded(v, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_non_finite_print_a_dash() {
        assert_eq!(number(f64::NAN, 2), DASH);
        assert_eq!(number(f64::INFINITY, 2), DASH);
        assert_eq!(number(f64::NEG_INFINITY, 0), DASH);
        assert_eq!(rounded(f64::NAN, 2), DASH);
        assert_eq!(number_opt(None, 2), DASH);
        assert_eq!(number_opt(Some(0.987), 2), "0.99");
        assert_eq!(loss(f32::NAN), DASH);
        assert_eq!(mse(f32::INFINITY), DASH);
        assert_eq!(log_loss(None), DASH);
        assert_eq!(percent(f64::NAN), DASH);
    }

    #[test]
    fn exact_zero_is_zero() {
        assert_eq!(number(0.0, 3), "0");
        assert_eq!(number(-0.0, 3), "0", "negative zero has no sign");
        assert_eq!(mse(0.0), "0", "was 0.00e0");
        assert_eq!(log_loss(Some(0.0)), "0");
    }

    #[test]
    fn a_tiny_value_is_not_printed_as_zero() {
        // 0.0004 rounds to 0.000 at three decimals, but it is not zero: the floor says so.
        assert_eq!(number(0.0004, 3), "< 0.001");
        assert_eq!(loss(0.0004), "< 0.001", "a loss beside R² 0.997 is not 0.000");
        assert_eq!(mse(3.0e-31), "< 0.001", "was 3.00e-31");
        assert_eq!(log_loss(Some(0.00042)), "0.0004", "four decimals keep it: was 4.20e-4");
        assert_eq!(log_loss(Some(0.00004)), "< 0.0001");
        assert_eq!(number(0.004, 2), "< 0.01");
        assert_eq!(number(-0.004, 2), "> −0.01");
        assert_eq!(number(0.4, 0), "< 1");
        // 0.0006 rounds up to 0.001: a number, not a floor.
        assert_eq!(number(0.0006, 3), "0.001");
    }

    #[test]
    fn negative_zero_after_rounding_has_no_sign() {
        // -0.001 at two decimals is -0.00 to Rust's formatter; a visitor reads 0.00.
        assert_eq!(rounded(-0.001, 2), "0.00");
        assert_eq!(rounded(-0.0004, 3), "0.000");
        assert_eq!(rounded(-0.2, 0), "0");
        assert!(!number(-0.0001, 3).contains("-0"));
        assert_eq!(editable(-0.0001, 3), "0.000");
        assert_eq!(editable(-1.5, 3), "-1.500", "an input keeps the ASCII minus the browser parses");
    }

    #[test]
    fn negatives_carry_the_typographic_minus() {
        assert_eq!(number(-0.25, 3), "−0.250");
        assert_eq!(rounded(-1.234, 2), "−1.23");
        assert_eq!(number(-1234.5, 1), "−1,234.5");
        assert!(!number(-0.25, 3).contains('-'), "no ASCII hyphen-minus");
    }

    #[test]
    fn ordinary_and_large_values() {
        assert_eq!(number(0.12345, 3), "0.123");
        assert_eq!(number(999.0, 3), "999.000");
        assert_eq!(mse(1234.0), "1,234.000");
        assert_eq!(number(16279.4, 0), "16,279");
        assert_eq!(number(2_500_000.0, 3), "2.50e6");
        assert_eq!(number(-2_500_000.0, 3), "−2.50e6");
        assert_eq!(log_loss(Some(std::f64::consts::LN_2)), "0.6931");
        assert_eq!(loss(0.25), "0.250");
    }

    #[test]
    fn lambdas() {
        assert_eq!(lambda(0.0), "0");
        assert_eq!(lambda(0.03), "0.03");
        assert_eq!(lambda(10.0), "10");
    }

    #[test]
    fn shares_and_percentages() {
        assert_eq!(share(Some(0.9375)), "93.8%");
        assert_eq!(share(Some(1.0)), "100.0%");
        assert_eq!(share(Some(0.0)), "0%");
        assert_eq!(share(Some(0.0001)), "< 0.1%");
        assert_eq!(share(None), DASH);
        assert_eq!(share(Some(f32::NAN)), DASH);
        assert_eq!(percent(0.4804), "48%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn scores_in_words() {
        assert_eq!(score(Some(0.9375), false, Lang::En), fill(T::Accuracy.get(Lang::En), &["93.8%"]));
        assert_eq!(score(Some(0.9123), true, Lang::En), fill(T::RSquared.get(Lang::En), &["0.912"]));
        assert_eq!(score(Some(-0.5), true, Lang::En), fill(T::RSquared.get(Lang::En), &["−0.500"]));
        assert_eq!(score(None, false, Lang::En), "");
        assert_eq!(score(Some(f32::NAN), true, Lang::He), "");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(16279.0), "16,279");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(999_999.0), "999,999");
        assert_eq!(thousands(-1234.0), "−1,234");
        assert_eq!(thousands(-0.2), "0");
    }
}
