//! Numbers as the labs print them: a dash for a value that is missing or not finite, a fixed
//! number of decimals, scientific notation where fixed decimals would show only zeros.

use crate::i18n::{fill, Lang, T};
use crate::query::short_float;

/// What a missing or non-finite number prints as.
pub const DASH: &str = "—";

/// `v` with `decimals` decimals, or [`DASH`] unless finite.
pub fn fixed(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        format!("{v:.decimals$}")
    } else {
        DASH.into()
    }
}

/// [`fixed`] of a value that may be missing.
pub fn fixed_opt(v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| DASH.into(), |v| fixed(v, decimals))
}

/// A loss: three decimals.
pub fn loss(v: f32) -> String {
    fixed(v.into(), 3)
}

/// A mean squared error: three decimals, scientific from 1000 up and below 0.001.
pub fn mse(v: f32) -> String {
    if !v.is_finite() {
        DASH.into()
    } else if !(0.001..1000.0).contains(&v) {
        format!("{v:.2e}")
    } else {
        format!("{v:.3}")
    }
}

/// A log-loss: four decimals, scientific below 0.001 (but 0 is 0).
pub fn log_loss(v: Option<f64>) -> String {
    match v.filter(|v| v.is_finite()) {
        None => DASH.into(),
        Some(v) if v != 0.0 && v.abs() < 1e-3 => format!("{v:.2e}"),
        Some(v) => format!("{v:.4}"),
    }
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
    v.filter(|v| v.is_finite()).map_or(DASH.into(), |v| format!("{:.1}%", v * 100.0))
}

/// A share (0..1) as a whole percentage: `0.4804` → `48%`.
pub fn percent(v: f64) -> String {
    format!("{:.0}%", 100.0 * v)
}

/// A model's score in words: "R² 0.912" for regression, "accuracy 93.8%" otherwise; nothing
/// when there is none.
pub fn score(v: Option<f32>, regression: bool, lang: Lang) -> String {
    match v {
        Some(v) if v.is_finite() && regression => fill(T::RSquared.get(lang), &[&format!("{v:.3}")]),
        Some(v) if v.is_finite() => fill(T::Accuracy.get(lang), &[&format!("{:.1}%", v * 100.0)]),
        _ => String::new(),
    }
}

/// A whole number with thousands separated: `16279` → `16,279`, `-1234` → `−1,234`.
pub fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 && digits != "0" {
        format!("−{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_and_the_dash() {
        assert_eq!(fixed(0.12345, 3), "0.123");
        assert_eq!(fixed(f64::NAN, 2), DASH);
        assert_eq!(fixed(f64::INFINITY, 2), DASH);
        assert_eq!(fixed_opt(None, 2), DASH);
        assert_eq!(fixed_opt(Some(0.987), 2), "0.99");
    }

    #[test]
    fn losses() {
        assert_eq!(loss(0.25), "0.250");
        assert_eq!(loss(0.1234), "0.123");
        assert_eq!(loss(f32::NAN), DASH);
        assert_eq!(loss(f32::INFINITY), DASH);
    }

    #[test]
    fn mean_squared_errors() {
        assert_eq!(mse(0.5), "0.500");
        assert_eq!(mse(999.0), "999.000");
        assert_eq!(mse(1234.0), "1.23e3");
        assert_eq!(mse(0.0005), "5.00e-4");
        assert_eq!(mse(0.0), "0.00e0");
        assert_eq!(mse(f32::NAN), DASH);
    }

    #[test]
    fn log_losses() {
        assert_eq!(log_loss(None), DASH);
        assert_eq!(log_loss(Some(f64::NAN)), DASH);
        assert_eq!(log_loss(Some(0.0)), "0.0000");
        assert_eq!(log_loss(Some(std::f64::consts::LN_2)), "0.6931");
        assert_eq!(log_loss(Some(0.00042)), "4.20e-4");
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
        assert_eq!(share(None), DASH);
        assert_eq!(share(Some(f32::NAN)), DASH);
        assert_eq!(percent(0.4804), "48%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn scores_in_words() {
        assert_eq!(score(Some(0.9375), false, Lang::En), fill(T::Accuracy.get(Lang::En), &["93.8%"]));
        assert_eq!(score(Some(0.9123), true, Lang::En), fill(T::RSquared.get(Lang::En), &["0.912"]));
        assert_eq!(score(None, false, Lang::En), "");
        assert_eq!(score(Some(f32::NAN), true, Lang::He), "");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(16279.0), "16,279");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_000_000.0), "1,000,000");
        assert_eq!(thousands(-1234.0), "−1,234");
        assert_eq!(thousands(-0.2), "0");
    }
}
