//! One chart family for every lab. `frame` prepares a canvas (backing store at the device pixel
//! ratio), places the plot rectangle and maps data to pixels, and draws axes, ticks and titles;
//! `tools` is what a reader does with any chart (save, pin a run to compare, read it as text),
//! `models` writes the models the labs save as JSON;
//! `line` is the line chart (series, thinning, "best"/"you" lines, point marks, legend,
//! log axis); `bars` fills a frame with bars; `curve` is the 1-D regression picture (fixed axes,
//! dashed truth, data by role); `plane` is the ±6 plane with its heatmap and the data by role.
//!
//! Canvas text size and tick formatting are decided here and nowhere else: every chart asks
//! `font` for a `Text` role and `tick` for a number (the line chart labels its round ticks by their step).
//! Text is drawn left-to-right with absolute alignment ("left"/"right", never "start"/"end"),
//! and the stylesheet keeps canvases `direction: ltr`, so a Hebrew page mirrors its layout but
//! not its plots, and "−6" never reads "6−".

pub mod bars;
pub mod curve;
pub mod frame;
pub mod line;
pub mod models;
pub mod plane;
pub mod tools;

use super::canvas::theme_color;
use super::colors::Rgb;

pub use frame::{diamond, disc, Frame};

/// What a piece of canvas text is; its font follows from that alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Numbers along a frame's axes.
    Tick,
    /// A frame's axis names.
    Title,
    /// Notes and names inside a plot ("slope is …", principal axes, PCA titles).
    Note,
    NoteBold,
    /// The number inside a k-means centre.
    Badge,
    /// A line across an empty plot ("click to add points").
    Message,
    /// x₁ and x₂ in the corners of the plane.
    PlaneName,
    /// The line chart: its ticks, axis names, "best"/"you" labels and legend.
    ChartTick,
    ChartTitle,
    ChartMarker,
    ChartLegend,
}

/// (CSS prefix, size in chart pixels, family) of a role. Chart pixels are CSS pixels over the
/// page's type scale (≥ 1.13 from 1280 px up), so the smallest here, 11, is ≥ 12.5 CSS px there.
fn spec(t: Text) -> (&'static str, f64, &'static str) {
    match t {
        Text::Tick | Text::Title | Text::ChartMarker => ("", 11.0, "sans-serif"),
        Text::Note | Text::ChartTick | Text::ChartLegend => ("", 12.0, "sans-serif"),
        Text::NoteBold => ("bold ", 12.0, "sans-serif"),
        Text::Badge => ("bold ", 11.0, "sans-serif"),
        Text::Message => ("", 15.0, "sans-serif"),
        Text::PlaneName => ("italic ", 13.0, "serif"),
        Text::ChartTitle => ("", 13.0, "sans-serif"),
    }
}

/// The CSS font of a role on a canvas of pixel ratio `dpr`.
pub fn font(t: Text, dpr: f64) -> String {
    let (prefix, px, family) = spec(t);
    format!("{prefix}{}px {family}", (px * dpr).round())
}

/// A tick of a frame: the shortest form of the number ("−6", "0.5", "25").
pub fn tick(v: f64) -> String {
    format!("{v}")
}

/// "#rrggbb" as a colour; anything else is mid grey.
pub fn hex(css: &str) -> Rgb {
    let hex = css.trim().trim_start_matches('#');
    let digit = |i: usize, width: usize| hex.get(i..i + width).and_then(|h| u8::from_str_radix(h, 16).ok());
    // `#rgb` (and `#rgba`) is what a CSS minifier makes of `#rrggbb` when it can: #fff is white.
    let rgb = match hex.len() {
        3 | 4 => [digit(0, 1), digit(1, 1), digit(2, 1)].map(|d| d.map(|v| v * 17)),
        _ => [digit(0, 2), digit(2, 2), digit(4, 2)],
    };
    rgb.map(|c| c.unwrap_or(128))
}

/// The theme's chart colours (from CSS, so dark mode is one media query).
pub struct Theme {
    pub fg: Rgb,
    pub bg: Rgb,
    pub grid: Rgb,
    pub train: Rgb,
    pub val: Rgb,
    pub test: Rgb,
}

impl Theme {
    pub fn read() -> Self {
        let c = |name: &str, fallback: &str| hex(&theme_color(name, fallback));
        Theme {
            fg: c("--fg-hex", "#222222"),
            bg: c("--panel-hex", "#ffffff"),
            grid: c("--grid-hex", "#dddddd"),
            train: c("--train-hex", "#1d232b"),
            val: c("--val-hex", "#d55e00"),
            test: c("--test-hex", "#cc79a7"),
        }
    }
}

/// At most this many points on a long run's line (a loss curve of thousands of epochs).
pub const MAX_POINTS: usize = 600;

/// Values against their index (epoch, step, round), at most `max_points` of them: a long run
/// is thinned, not truncated, and keeps its last point. Non-finite values are left out.
pub fn thinned<T: Copy + Into<f64>>(values: &[T], max_points: usize) -> Vec<(f32, f32)> {
    let stride = values.len().div_ceil(max_points.max(1)).max(1);
    let at = |(i, v): (usize, &T)| (i as f32, (*v).into() as f32);
    let mut pts: Vec<(f32, f32)> = values.iter().enumerate().step_by(stride).map(at).filter(|p| p.1.is_finite()).collect();
    if let Some(last) = values.iter().enumerate().next_back().map(at) {
        if last.1.is_finite() && pts.last().map(|p| p.0) != Some(last.0) {
            pts.push(last);
        }
    }
    pts
}

/// Every value against its index.
pub fn indexed<T: Copy + Into<f64>>(values: &[T]) -> Vec<(f32, f32)> {
    thinned(values, usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_the_last_point_and_bounds_the_count() {
        let v: Vec<f32> = (0..5000).map(|i| i as f32).collect();
        let t = thinned(&v, 600);
        assert!(t.len() <= 601);
        assert_eq!(t.last(), Some(&(4999.0, 4999.0)));
        assert_eq!(indexed(&[1.0f32, f32::NAN, 2.0]), vec![(0.0, 1.0), (2.0, 2.0)]);
        assert_eq!(indexed(&[0.5f64, 1.5]).len(), 2);
    }

    #[test]
    fn colours_parse_or_fall_back() {
        assert_eq!(hex("#0a0B0c"), [10, 11, 12]);
        assert_eq!(hex("nonsense"), [128, 128, 128]);
        // The release build's CSS minifier turns #ffffff into #fff: still white, not salmon.
        assert_eq!(hex("#fff"), [255, 255, 255]);
        assert_eq!(hex(" #1a2 "), [0x11, 0xaa, 0x22]);
    }

    #[test]
    fn ticks_read_short() {
        assert_eq!(tick(-6.0), "-6");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(font(Text::Tick, 2.0), "22px sans-serif");
        assert_eq!(font(Text::PlaneName, 1.0), "italic 13px serif");
    }
}
