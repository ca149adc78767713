//! The line chart: named series over a shared x-axis, optional log y-axis, vertical lines at
//! chosen x ("you are here", "best"), single marked points (the one test evaluation), and a
//! legend. Every loss, error and score curve of the labs is one of these, drawn on the same
//! [`Frame`] as every other chart.
//!
//! Ticks fall on round numbers: steps of 1, 2 or 5 × 10ᵏ, at most `n` of them (linear); whole
//! powers of ten, or 1-2-5 within each decade when the range spans less than two (log).

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::frame::Frame;
use super::tools;
use super::{font, Text as Role, Theme};
use crate::components::colors::{css, css_alpha, Rgb};
use crate::i18n::{Lang, T};

pub struct Series<'a> {
    pub label: &'a str,
    pub colour: Rgb,
    pub points: Vec<(f32, f32)>,
}

/// A vertical line across the chart at `x`, labelled at the top.
pub struct Marker<'a> {
    pub x: f32,
    pub label: &'a str,
    pub colour: Rgb,
}

/// One point marked with a triangle and named in the legend; `faded` draws it as an outline.
pub struct Mark<'a> {
    pub at: (f32, f32),
    pub label: &'a str,
    pub colour: Rgb,
    pub faded: bool,
}

#[derive(Default)]
pub struct LineChart<'a> {
    pub series: Vec<Series<'a>>,
    pub markers: Vec<Marker<'a>>,
    pub marks: Vec<Mark<'a>>,
    pub x_range: (f32, f32),
    /// The x-axis is a measure, not a count: ticks may fall between whole numbers. Every chart of
    /// the labs counts something (epochs, steps, rounds, degrees, k), so the default is whole
    /// ticks only.
    pub x_fractional: bool,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub log_y: bool,
    /// Values above this are drawn at the top edge (a degree-20 polynomial's validation error
    /// can be 10¹⁴; the interesting part of the U sits near 0.1).
    pub y_cap: Option<f32>,
    /// Values below this are drawn at the bottom edge (a polynomial through every training
    /// point has a training error of 10⁻⁶, which would squash the U into a line).
    pub y_floor: Option<f32>,
}

/// The usual pair: training and validation curves, in the theme's colours.
pub fn train_val(lang: Lang, train: Vec<(f32, f32)>, val: Vec<(f32, f32)>) -> Vec<Series<'static>> {
    let th = Theme::read();
    vec![Series { label: T::TrainShare.get(lang), colour: th.train, points: train }, Series { label: T::ValShare.get(lang), colour: th.val, points: val }]
}

/// The y-range that shows every finite value (positive values only on a log axis), padded.
pub fn y_range(values: impl Iterator<Item = f32>, log: bool) -> (f32, f32) {
    let vals = values.filter(|v| v.is_finite() && (!log || *v > 0.0));
    let (lo, hi) = vals.fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        return if log { (1e-3, 1.0) } else { (0.0, 1.0) };
    }
    if log {
        let lo = lo.max(hi * 1e-8).max(1e-12);
        (lo / 1.5, hi * 1.5)
    } else {
        let pad = ((hi - lo) * 0.08).max(1e-6);
        ((lo - pad).min(0.0), hi + pad)
    }
}

/// Round tick values in `lo..=hi`: the smallest step of 1, 2 or 5 × 10ᵏ giving at most `n`.
pub fn linear_ticks(lo: f64, hi: f64, n: usize) -> (Vec<f64>, f64) {
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) || n < 2 {
        return (vec![lo], 1.0);
    }
    let unit = 10f64.powf((span / n as f64).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * unit).find(|s| (span / s).floor() + 1.0 <= n as f64).unwrap_or(10.0 * unit);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    // Multiplying (not adding up) keeps 0.1 × 3 from drifting to 0.30000000000000004.
    ((first..=last).map(|k| k as f64 * step).collect(), step)
}

/// Ticks of a log axis over the exponents `lo..=hi` (log₁₀ of the values): the whole powers of
/// ten inside, with 2 and 5 of each decade added when fewer than three powers fall inside.
pub fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    let powers: Vec<i32> = (lo.ceil() as i32..=hi.floor() as i32).collect();
    let stride = powers.len().div_ceil(6).max(1);
    if powers.len() >= 3 {
        return powers.iter().step_by(stride).map(|&p| f64::from(p)).collect();
    }
    let one_two_five: Vec<f64> = (lo.floor() as i32..=hi.floor() as i32)
        .flat_map(|p| [1.0, 2.0, 5.0].map(|m: f64| f64::from(p) + m.log10()))
        .filter(|v| (lo..=hi).contains(v))
        .collect();
    if one_two_five.len() >= 2 {
        return one_two_five;
    }
    // Less than a decade: round values in between, as on a linear axis.
    let (values, _) = linear_ticks(10f64.powf(lo), 10f64.powf(hi), 4);
    values.into_iter().filter(|v| *v > 0.0).map(f64::log10).collect()
}

/// A linear tick's label: as many decimals as the step needs ("0.25", "4000"); powers of ten
/// beyond 10⁵ or below 10⁻³, where digits stop being readable.
fn step_label(v: f64, step: f64) -> String {
    if v != 0.0 && !(1e-3..1e5).contains(&step) {
        return format!("{v:.0e}");
    }
    let decimals = (-step.log10().floor()).clamp(0.0, 6.0) as usize;
    format!("{v:.decimals$}")
}

/// A log tick's label from its exponent: plain digits from 0.001 to 10000 ("0.05", "100"),
/// powers of ten beyond ("1e-6").
fn log_label(exponent: f64) -> String {
    let v = 10f64.powf(exponent);
    if (-3.0..=4.0).contains(&exponent.floor()) {
        // Three significant digits, trailing zeros dropped: 0.35, 0.002, 200.
        let decimals = (2.0 - exponent.floor()).max(0.0) as usize;
        let s = format!("{v:.decimals$}");
        if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s }
    } else {
        format!("{v:.0e}")
    }
}

pub fn draw(canvas: &HtmlCanvasElement, chart: &LineChart) {
    // Right margin: room for half of the last x label, centred on the plot's edge.
    let Some(fr) = Frame::new(canvas, (62.0, 8.0, 16.0, 42.0)) else { return };
    let Theme { fg, bg, grid, .. } = Theme::read();
    let cap = chart.y_cap.filter(|c| c.is_finite() && *c > 0.0).unwrap_or(f32::INFINITY);
    let floor = chart.y_floor.filter(|f| f.is_finite() && *f < cap).unwrap_or(f32::NEG_INFINITY);
    let shown = |p: &(f32, f32)| p.1.is_finite() && (!chart.log_y || p.1 > 0.0);
    let kept = |points: &[(f32, f32)]| -> Vec<(f32, f32)> { points.iter().map(|&(x, y)| (x, y.clamp(floor, cap))).filter(shown).collect() };
    let lines: Vec<Vec<(f32, f32)>> = chart.series.iter().map(|s| kept(&s.points)).collect();
    // A pinned run (tools): its lines, dashed under this run's, on the same axes.
    let id = canvas.get_attribute("data-testid").unwrap_or_default();
    let pin = tools::pinned(&id);
    let pinned: Vec<Vec<(f32, f32)>> = pin.iter().flat_map(|a| a.series.iter().map(|(_, p)| kept(p))).collect();
    set_data(canvas, "data-pinned", &pinned.len().to_string());
    // How many points the chart was handed: a long run's histories are thinned, and the soak
    // (scripts/soak.mjs) checks that this stays bounded.
    set_data(canvas, "data-points", &lines.iter().map(Vec::len).sum::<usize>().to_string());
    let marks: Vec<&Mark> = chart.marks.iter().filter(|m| shown(&m.at)).collect();
    let (y0, y1) = y_range(lines.iter().chain(&pinned).flatten().map(|p| p.1).chain(marks.iter().map(|m| m.at.1)), chart.log_y);
    // The shown range, readable by a test and by the tools a reader's browser offers.
    set_data(canvas, "data-y-range", &format!("{y0} {y1}"));
    // On a log axis the frame works in exponents: y ↦ log₁₀ y.
    let y_of = |v: f32| if chart.log_y { f64::from(v).log10() } else { f64::from(v) };
    let pinned_end = pinned.iter().flatten().map(|p| f64::from(p.0)).fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1) = (f64::from(chart.x_range.0), f64::from(chart.x_range.1).max(pinned_end));
    let x1 = if x1 > x0 { x1 } else { x0 + 1.0 };
    let fr = fr.scales((x0, x1), (y_of(y0), y_of(y1)));
    let ctx = &fr.ctx;
    fr.fill_plot(&css(bg));

    // Ticks and the grid through them; whole numbers only on a counted axis.
    let (mut xs, x_step) = linear_ticks(x0, x1, 8);
    if !chart.x_fractional {
        xs.retain(|v| v.fract() == 0.0);
    }
    let x_step = if chart.x_fractional { x_step } else { x_step.max(1.0) };
    let (ys, y_step) = if chart.log_y { (log_ticks(fr.y.0, fr.y.1), 0.0) } else { linear_ticks(fr.y.0, fr.y.1, 5) };
    ctx.set_stroke_style_str(&css(grid));
    ctx.set_line_width(fr.dpr);
    ctx.begin_path();
    let (px, py, pw, ph) = fr.plot;
    for &v in &ys {
        let y = fr.px(x0, v).1.round() + 0.5;
        ctx.move_to(px, y);
        ctx.line_to(px + pw, y);
    }
    for &v in &xs {
        let x = fr.px(v, fr.y.0).0.round() + 0.5;
        ctx.move_to(x, py);
        ctx.line_to(x, py + ph);
    }
    ctx.stroke();
    fr.axis_lines();
    fr.x_labels(xs.iter().map(|&v| (v, step_label(v, x_step))));
    fr.y_labels(ys.iter().map(|&v| (v, if chart.log_y { log_label(v) } else { step_label(v, y_step) })));
    fr.x_title(chart.x_label, 20.0, Role::ChartTitle);
    fr.y_title(chart.y_label, 12.0, Role::ChartTitle);

    fr.clip();
    let width = (2.0 * fr.dpr).round() / fr.dpr;
    for m in &chart.markers {
        let x = f64::from(m.x);
        fr.polyline([(x, fr.y.0), (x, fr.y.1)], &css(m.colour), width, None);
    }
    for (i, pts) in pinned.iter().enumerate() {
        let colour = chart.series.get(i).map_or(fg, |s| s.colour);
        fr.polyline(pts.iter().map(|&(x, y)| (f64::from(x), y_of(y))), &css_alpha(colour, 0.55), width, Some((6.0, 4.0)));
    }
    for (s, pts) in chart.series.iter().zip(&lines) {
        fr.polyline(pts.iter().map(|&(x, y)| (f64::from(x), y_of(y))), &css(s.colour), width, None);
    }
    let r = 6.0 * fr.dpr;
    for m in &marks {
        let (x, y) = fr.px(f64::from(m.at.0).clamp(x0, x1), y_of(m.at.1));
        triangle(ctx, x, y, r);
        if m.faded {
            ctx.set_stroke_style_str(&css_alpha(m.colour, 0.4));
            ctx.set_line_width(width * fr.dpr);
            ctx.stroke();
        } else {
            ctx.set_fill_style_str(&css(m.colour));
            ctx.fill();
        }
    }
    fr.unclip();
    let lang = tools::lang();
    let a_label = tools::CH::Legend.get(lang);
    let entries: Vec<(&str, Rgb, Entry)> = chart
        .series
        .iter()
        .map(|s| (s.label, s.colour, Entry::Line))
        .chain(chart.marks.iter().map(|m| (m.label, m.colour, Entry::Mark)))
        .chain((!pinned.is_empty()).then_some((a_label, fg, Entry::Dashed)))
        .collect();
    // The legend goes to the right-hand corner (top, else bottom) that hides fewer data points.
    let drawn: Vec<(f64, f64)> = lines.iter().flatten().map(|&(x, y)| fr.px(f64::from(x), y_of(y))).collect();
    let (legend_left, legend_top, legend_bottom) = legend(ctx, (px + pw, py, ph), &entries, fr.dpr, (fg, bg, grid), &drawn);
    // Marker labels at the top, each a line lower than any earlier one it would touch ("you
    // are here" and "best" often share an x), and below the legend where they would run into it.
    let mut placed: Vec<f64> = Vec::new();
    ctx.set_font(&font(Role::ChartMarker, fr.dpr));
    for m in &chart.markers {
        let x = fr.px(f64::from(m.x), fr.y.1).0;
        let width = ctx.measure_text(m.label).map_or(fr.css(90.0), |t| t.width());
        // Near the right edge the label goes to the left of its line.
        let (tx, align) = if x + fr.css(4.0) + width > px + pw { (x - fr.css(4.0), "right") } else { (x + fr.css(4.0), "left") };
        let right_end = if align == "left" { tx + width } else { tx };
        let row = placed.iter().filter(|&&other| (other - x).abs() < fr.css(90.0)).count();
        placed.push(x);
        let mut y = py + fr.css(2.0 + 14.0 * row as f64);
        if right_end > legend_left && y < legend_bottom && y + fr.css(14.0) > legend_top {
            y = legend_bottom + fr.css(2.0 + 14.0 * row as f64);
        }
        fr.text(m.label, (tx, y), Role::ChartMarker, align, "top");
    }
    let series = chart.series.iter().map(|s| (s.label.to_owned(), s.points.clone())).collect();
    tools::record(canvas, &id, tools::Shown { x_label: chart.x_label.to_owned(), y_label: chart.y_label.to_owned(), series }, pin.as_ref(), lang);
}

/// What a legend entry's swatch is.
#[derive(Clone, Copy, PartialEq)]
enum Entry {
    Line,
    Mark,
    /// A pinned run's lines.
    Dashed,
}

/// A triangle path pointing up, centred at (x, y), reaching `r` from its centre.
fn triangle(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    ctx.move_to(x, y - r);
    ctx.line_to(x + r * 0.87, y + r * 0.5);
    ctx.line_to(x - r * 0.87, y + r * 0.5);
    ctx.close_path();
}

/// The key in the plot's upper right corner — or its lower right, when fewer of the `drawn`
/// points (device pixels) fall under it there (an accuracy curve near 100 % would hide behind
/// a key at the top): a line (or a triangle, for a mark) and its name, one entry per line — or,
/// on a chart too short for a column (it would cover more than 40 % of the plot's height), all
/// in one row.
/// Text is measured by the canvas, never by the page: measuring through a `<span>` (as
/// plotters did) forced a layout of the whole page per chart per frame, enough to halve the
/// Playground's frame rate.
/// Returns the box's left edge, top and bottom (device pixels).
fn legend(
    ctx: &CanvasRenderingContext2d,
    (right, top, plot_h): (f64, f64, f64),
    entries: &[(&str, Rgb, Entry)],
    dpr: f64,
    (fg, bg, grid): (Rgb, Rgb, Rgb),
    drawn: &[(f64, f64)],
) -> (f64, f64, f64) {
    if entries.is_empty() {
        return (right, top, top);
    }
    let style = |c: Rgb| css(c);
    ctx.set_font(&font(Role::ChartLegend, dpr));
    let line_h = 18.0 * dpr;
    let swatch = 16.0 * dpr;
    let pad = 6.0 * dpr;
    let widths: Vec<f64> = entries.iter().map(|(l, ..)| ctx.measure_text(l).map_or(0.0, |m| m.width())).collect();
    let column_h = pad * 2.0 + line_h * entries.len() as f64;
    let in_a_row = entries.len() > 1 && column_h > 0.4 * plot_h;
    let entry_w = |t: f64| swatch + pad + t;
    let (w, h) = if in_a_row {
        (pad + widths.iter().map(|&t| entry_w(t) + pad * 2.0).sum::<f64>() - pad, pad * 2.0 + line_h)
    } else {
        (pad * 3.0 + swatch + widths.iter().copied().fold(0.0, f64::max), column_h)
    };
    let margin = if in_a_row { 4.0 } else { 8.0 } * dpr;
    let x = right - w - 8.0 * dpr;
    let hidden = |y: f64| drawn.iter().filter(|&&(px, py)| px >= x && px <= x + w && py >= y && py <= y + h).count();
    let (upper, lower) = (top + margin, top + plot_h - h - margin);
    let y = if lower > upper && hidden(lower) < hidden(upper) { lower } else { upper };
    ctx.set_global_alpha(0.85);
    ctx.set_fill_style_str(&style(bg));
    ctx.fill_rect(x, y, w, h);
    ctx.set_global_alpha(1.0);
    ctx.set_stroke_style_str(&style(grid));
    ctx.set_line_width(dpr);
    ctx.stroke_rect(x, y, w, h);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    let mut sx = x + pad;
    for (i, ((label, colour, kind), text_w)) in entries.iter().zip(&widths).enumerate() {
        let cy = if in_a_row { y + pad + line_h * 0.5 } else { y + pad + line_h * (i as f64 + 0.5) };
        if !in_a_row {
            sx = x + pad;
        }
        ctx.set_fill_style_str(&style(*colour));
        ctx.set_stroke_style_str(&style(*colour));
        if *kind == Entry::Mark {
            triangle(ctx, sx + swatch / 2.0, cy, 6.0 * dpr);
            ctx.fill();
        } else {
            let dash = js_sys::Array::new();
            if *kind == Entry::Dashed {
                dash.push(&(4.0 * dpr).into());
                dash.push(&(3.0 * dpr).into());
            }
            let _ = ctx.set_line_dash(&dash);
            ctx.begin_path();
            ctx.set_line_width((2.0 * dpr).round());
            ctx.move_to(sx, cy);
            ctx.line_to(sx + swatch, cy);
            ctx.stroke();
        }
        ctx.set_fill_style_str(&style(fg));
        let _ = ctx.fill_text(label, sx + swatch + pad, cy);
        sx += entry_w(*text_w) + pad * 2.0;
    }
    (x, y, y + h)
}


/// Sets a data attribute of a chart's canvas when it changed (a write per frame would dirty the
/// page's style for nothing).
pub fn set_data(canvas: &HtmlCanvasElement, name: &str, value: &str) {
    if canvas.get_attribute(name).as_deref() != Some(value) {
        let _ = canvas.set_attribute(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_finite_values_and_survive_nan() {
        let v = [0.5, f32::NAN, 4.0];
        let (lo, hi) = y_range(v.into_iter(), false);
        assert!(lo <= 0.0 && hi >= 4.0);
        let (lo, hi) = y_range(v.into_iter(), true);
        assert!(lo > 0.0 && lo < 0.5 && hi > 4.0);
        assert_eq!(y_range([f32::NAN].into_iter(), true), (1e-3, 1.0));
    }

    #[test]
    fn linear_ticks_are_round_and_inside() {
        // 0..1 in at most 5: steps of 0.1 give 11 > 5, 0.2 gives 6 > 5, 0.5 gives 3.
        let (t, step) = linear_ticks(0.0, 1.0, 5);
        assert_eq!((t, step), (vec![0.0, 0.5, 1.0], 0.5));
        // -0.07..0.93 in at most 8: 0.1 → 10 ticks, 0.2 → -0.0, 0.2, …, 0.8 (5).
        let (t, step) = linear_ticks(-0.07, 0.93, 8);
        assert_eq!(step, 0.2);
        assert_eq!(t.iter().map(|v| step_label(*v, step)).collect::<Vec<_>>(), ["0.0", "0.2", "0.4", "0.6", "0.8"]);
        // 0..300 epochs in at most 8: 50s.
        assert_eq!(linear_ticks(0.0, 300.0, 8).0, vec![0.0, 50.0, 100.0, 150.0, 200.0, 250.0, 300.0]);
        // A collapsed range still yields one tick rather than dividing by zero.
        assert_eq!(linear_ticks(2.0, 2.0, 5).0, vec![2.0]);
        // Inertia in thousands reads as digits; a million steps as a power of ten.
        assert_eq!(step_label(4000.0, 2000.0), "4000");
        assert_eq!(step_label(2e6, 1e6), "2e6");
        assert_eq!(step_label(0.0, 1e6), "0");
    }

    #[test]
    fn log_labels_read_as_numbers_in_the_middle_range() {
        assert_eq!(log_label(2.0), "100");
        assert_eq!(log_label(-1.0), "0.1");
        assert_eq!(log_label(5f64.log10() - 2.0), "0.05");
        assert_eq!(log_label(-3.0), "0.001");
        assert_eq!(log_label(-6.0), "1e-6");
        assert_eq!(log_label(5.0), "1e5");
        // Between the 1-2-5 stops: three significant digits, no trailing zeros.
        assert_eq!(log_label(0.35f64.log10()), "0.35");
        assert_eq!(log_label(250f64.log10()), "250");
    }

    #[test]
    fn log_ticks_take_powers_or_one_two_five() {
        // 10⁻⁴ … 10¹: the powers −4 … 1.
        assert_eq!(log_ticks(-4.2, 1.3), vec![-4.0, -3.0, -2.0, -1.0, 0.0, 1.0]);
        // 0.03 … 0.9 holds no power of ten: 0.05, 0.1? no (0.1 = 10⁻¹ is inside): 0.05, 0.1, 0.2, 0.5.
        let t: Vec<f64> = log_ticks(0.03f64.log10(), 0.9f64.log10()).iter().map(|e| (10f64.powf(*e) * 1000.0).round() / 1000.0).collect();
        assert_eq!(t, vec![0.05, 0.1, 0.2, 0.5]);
        // Twenty decades: at most six labels.
        assert!(log_ticks(-12.0, 8.0).len() <= 6);
        // 0.3 … 0.8 is less than a decade and holds one 1-2-5 stop (0.5): round linear values
        // instead, steps of 0.1 (at most 4 ticks would need 0.2: 0.4, 0.6, 0.8).
        let t: Vec<f64> = log_ticks(0.3f64.log10(), 0.8f64.log10()).iter().map(|e| (10f64.powf(*e) * 1000.0).round() / 1000.0).collect();
        assert!(t.len() >= 2, "{t:?}");
        assert_eq!(t, vec![0.4, 0.6, 0.8]);
    }
}
