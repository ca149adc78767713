//! The line chart (plotters): named series over a shared x-axis, optional log y-axis, vertical
//! lines at chosen x ("you are here", "best"), single marked points (the one test evaluation),
//! and a legend. Every loss, error and score curve of the labs is one of these.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::{font, plot_font, tick_compact, Text as Role, Theme};
use crate::components::canvas::prepare;
use crate::components::colors::css;
use crate::i18n::{Lang, T};

pub struct Series<'a> {
    pub label: &'a str,
    pub colour: RGBColor,
    pub points: Vec<(f32, f32)>,
}

/// A vertical line across the chart at `x`, labelled at the top.
pub struct Marker<'a> {
    pub x: f32,
    pub label: &'a str,
    pub colour: RGBColor,
}

/// One point marked with a triangle and named in the legend; `faded` draws it as an outline.
pub struct Mark<'a> {
    pub at: (f32, f32),
    pub label: &'a str,
    pub colour: RGBColor,
    pub faded: bool,
}

#[derive(Default)]
pub struct LineChart<'a> {
    pub series: Vec<Series<'a>>,
    pub markers: Vec<Marker<'a>>,
    pub marks: Vec<Mark<'a>>,
    pub x_range: (f32, f32),
    /// The x-axis counts (epochs): whole-number ticks only.
    pub x_integer: bool,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub log_y: bool,
    /// Values above this are drawn at the top edge (a degree-20 polynomial's validation error
    /// can be 10¹⁴; the interesting part of the U sits near 0.1).
    pub y_cap: Option<f32>,
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

pub fn draw(canvas: &HtmlCanvasElement, chart: &LineChart) {
    let Some((canvas_ctx, _, _, dpr)) = prepare(canvas) else { return };
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let root = backend.into_drawing_area();
    let Theme { fg, bg, grid, .. } = Theme::read();
    let _ = root.fill(&bg);
    let font = |t: Role| plot_font(t, dpr, &fg);
    let cap = chart.y_cap.filter(|c| c.is_finite() && *c > 0.0).unwrap_or(f32::INFINITY);
    let shown = |p: &(f32, f32)| p.1.is_finite() && (!chart.log_y || p.1 > 0.0);
    let lines: Vec<Vec<(f32, f32)>> =
        chart.series.iter().map(|s| s.points.iter().map(|&(x, y)| (x, y.min(cap))).filter(shown).collect()).collect();
    let marks: Vec<&Mark> = chart.marks.iter().filter(|m| shown(&m.at)).collect();
    let (y0, y1) = y_range(lines.iter().flatten().map(|p| p.1).chain(marks.iter().map(|m| m.at.1)), chart.log_y);
    let (x0, x1) = chart.x_range;
    // Integer ticks: never more labels than whole numbers in the range.
    let x_labels = if chart.x_integer { 8.min((x1 - x0).max(1.0) as usize + 1) } else { 8 };
    let width = (2.0 * dpr).round() as u32;
    let mut plot_area = None;
    let mut builder = ChartBuilder::on(&root);
    builder.margin((8.0 * dpr) as u32).x_label_area_size((34.0 * dpr) as u32).y_label_area_size((54.0 * dpr) as u32);
    macro_rules! body {
        ($ctx:expr) => {{
            let mut ctx = $ctx;
            let y_ticks = |v: &f32| tick_compact(f64::from(*v));
            let integer = |v: &f32| format!("{v:.0}");
            let mut mesh = ctx.configure_mesh();
            mesh.light_line_style(grid)
                .bold_line_style(grid)
                .axis_style(fg)
                .x_desc(chart.x_label)
                .y_desc(chart.y_label)
                .label_style(font(Role::ChartTick))
                .axis_desc_style(font(Role::ChartTitle))
                .x_labels(x_labels)
                .y_labels(5)
                .y_label_formatter(&y_ticks);
            if chart.x_integer {
                mesh.x_label_formatter(&integer);
            }
            let _ = mesh.draw();
            for m in &chart.markers {
                let c = m.colour;
                let _ = ctx.draw_series(std::iter::once(PathElement::new(vec![(m.x, y0), (m.x, y1)], c.stroke_width(width))));
                let _ = ctx.draw_series(std::iter::once(Text::new(m.label.to_owned(), (m.x, y1), font(Role::ChartMarker))));
            }
            for (s, pts) in chart.series.iter().zip(lines) {
                let c = s.colour;
                let _ = ctx.draw_series(LineSeries::new(pts, c.stroke_width(width)));
            }
            let r = (6.0 * dpr) as i32;
            for m in marks {
                let c = m.colour;
                let style = if m.faded { c.mix(0.4).stroke_width(width) } else { c.filled() };
                let at = (m.at.0.clamp(x0, x1), m.at.1);
                let _ = ctx.draw_series(std::iter::once(TriangleMarker::new(at, r, style)));
            }
            plot_area = Some(ctx.plotting_area().get_pixel_range());
        }};
    }
    if chart.log_y {
        if let Ok(ctx) = builder.build_cartesian_2d(x0..x1, (y0..y1).log_scale()) {
            body!(ctx);
        }
    } else if let Ok(ctx) = builder.build_cartesian_2d(x0..x1, y0..y1) {
        body!(ctx);
    }
    let _ = root.present();
    if let Some((xs, ys)) = plot_area {
        let entries: Vec<(&str, RGBColor, bool)> = chart
            .series
            .iter()
            .map(|s| (s.label, s.colour, false))
            .chain(chart.marks.iter().map(|m| (m.label, m.colour, true)))
            .collect();
        legend(&canvas_ctx, (f64::from(xs.end), f64::from(ys.start)), &entries, dpr, (fg, bg, grid));
    }
}

/// The key in the plot's upper right corner: a line (or a triangle, for a mark) and its name.
/// Drawn straight on the canvas because plotters measures legend text by adding a `<span>` to
/// the page and reading its size, which forces a layout of the whole page on every frame (four
/// per frame on the Playground, enough to halve its frame rate); the canvas measures text
/// without touching the page.
fn legend(ctx: &CanvasRenderingContext2d, (right, top): (f64, f64), entries: &[(&str, RGBColor, bool)], dpr: f64, (fg, bg, grid): (RGBColor, RGBColor, RGBColor)) {
    if entries.is_empty() {
        return;
    }
    let style = |c: RGBColor| css([c.0, c.1, c.2]);
    ctx.set_font(&font(Role::ChartLegend, dpr));
    let line_h = 18.0 * dpr;
    let swatch = 16.0 * dpr;
    let pad = 6.0 * dpr;
    let text_w = entries.iter().map(|(l, ..)| ctx.measure_text(l).map_or(0.0, |m| m.width())).fold(0.0, f64::max);
    let (w, h) = (pad * 3.0 + swatch + text_w, pad * 2.0 + line_h * entries.len() as f64);
    let (x, y) = (right - w - 8.0 * dpr, top + 8.0 * dpr);
    ctx.set_global_alpha(0.85);
    ctx.set_fill_style_str(&style(bg));
    ctx.fill_rect(x, y, w, h);
    ctx.set_global_alpha(1.0);
    ctx.set_stroke_style_str(&style(grid));
    ctx.set_line_width(dpr);
    ctx.stroke_rect(x, y, w, h);
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    for (i, (label, colour, triangle)) in entries.iter().enumerate() {
        let cy = y + pad + line_h * (i as f64 + 0.5);
        let sx = x + pad;
        ctx.set_fill_style_str(&style(*colour));
        ctx.set_stroke_style_str(&style(*colour));
        ctx.begin_path();
        if *triangle {
            let r = 6.0 * dpr;
            let cx = sx + swatch / 2.0;
            ctx.move_to(cx, cy - r);
            ctx.line_to(cx + r * 0.87, cy + r * 0.5);
            ctx.line_to(cx - r * 0.87, cy + r * 0.5);
            ctx.close_path();
            ctx.fill();
        } else {
            ctx.set_line_width((2.0 * dpr).round());
            ctx.move_to(sx, cy);
            ctx.line_to(sx + swatch, cy);
            ctx.stroke();
        }
        ctx.set_fill_style_str(&style(fg));
        let _ = ctx.fill_text(label, sx + swatch + pad, cy);
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
}
