//! A general line chart (plotters): several named series over a shared x-axis, optional log
//! y-axis, and vertical markers (e.g. "you are here", "best"). Used by the U-curve and the
//! epochs chart of the Overfitting lab.

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::canvas::{prepare, theme_color};

pub struct Series<'a> {
    pub label: &'a str,
    pub colour: RGBColor,
    pub points: Vec<(f32, f32)>,
}

pub struct Marker<'a> {
    pub x: f32,
    pub label: &'a str,
    pub colour: RGBColor,
}

pub struct LineChart<'a> {
    pub series: Vec<Series<'a>>,
    pub markers: Vec<Marker<'a>>,
    pub x_range: (f32, f32),
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub log_y: bool,
    /// Values above this are drawn at the top edge (a degree-20 polynomial's validation error
    /// can be 10¹⁴; the interesting part of the U sits near 0.1).
    pub y_cap: Option<f32>,
}

pub fn hex(css: &str) -> RGBColor {
    let hex = css.trim().trim_start_matches('#');
    let p = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(128);
    RGBColor(p(0), p(2), p(4))
}

/// The y-range that shows every finite value (positive values only on a log axis), padded.
pub fn y_range(series: &[Series], log: bool) -> (f32, f32) {
    let vals = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|v| v.is_finite() && (!log || *v > 0.0));
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
    let Some((_, _, _, dpr)) = prepare(canvas) else { return };
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let root = backend.into_drawing_area();
    let fg = hex(&theme_color("--fg-hex", "#222222"));
    let bg = hex(&theme_color("--panel-hex", "#ffffff"));
    let grid = hex(&theme_color("--grid-hex", "#dddddd"));
    let _ = root.fill(&bg);
    let font = |px: f64| ("sans-serif", (px * dpr) as u32).into_font().color(&fg);
    let cap = chart.y_cap.filter(|c| c.is_finite() && *c > 0.0).unwrap_or(f32::INFINITY);
    let capped: Vec<Series> = chart
        .series
        .iter()
        .map(|s| Series { label: s.label, colour: s.colour, points: s.points.iter().map(|&(x, y)| (x, y.min(cap))).collect() })
        .collect();
    let (y0, y1) = y_range(&capped, chart.log_y);
    let width = (2.0 * dpr).round() as u32;
    let mut builder = ChartBuilder::on(&root);
    builder.margin((8.0 * dpr) as u32).x_label_area_size((34.0 * dpr) as u32).y_label_area_size((54.0 * dpr) as u32);
    macro_rules! body {
        ($ctx:expr) => {{
            let mut ctx = $ctx;
            let _ = ctx
                .configure_mesh()
                .light_line_style(grid)
                .bold_line_style(grid)
                .axis_style(fg)
                .x_desc(chart.x_label)
                .y_desc(chart.y_label)
                .label_style(font(12.0))
                .axis_desc_style(font(13.0))
                .x_labels(8)
                .y_labels(5)
                .y_label_formatter(&|v| if v.abs() >= 1000.0 || (v.abs() < 0.01 && *v != 0.0) { format!("{v:.0e}") } else { format!("{v:.2}") })
                .draw();
            for m in &chart.markers {
                let c = m.colour;
                let _ = ctx.draw_series(std::iter::once(PathElement::new(vec![(m.x, y0), (m.x, y1)], c.stroke_width(width))));
                let _ = ctx.draw_series(std::iter::once(Text::new(m.label.to_owned(), (m.x, y1), font(11.0))));
            }
            for s in &capped {
                let c = s.colour;
                let pts: Vec<(f32, f32)> = s.points.iter().copied().filter(|p| p.1.is_finite() && (!chart.log_y || p.1 > 0.0)).collect();
                if let Ok(a) = ctx.draw_series(LineSeries::new(pts, c.stroke_width(width))) {
                    a.label(s.label).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(width)));
                }
            }
            let _ = ctx
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(bg.mix(0.85))
                .border_style(grid)
                .label_font(font(12.0))
                .draw();
        }};
    }
    let (x0, x1) = chart.x_range;
    if chart.log_y {
        if let Ok(ctx) = builder.build_cartesian_2d(x0..x1, (y0..y1).log_scale()) {
            body!(ctx);
        }
    } else if let Ok(ctx) = builder.build_cartesian_2d(x0..x1, y0..y1) {
        body!(ctx);
    }
    let _ = root.present();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_finite_values_and_survive_nan() {
        let s = vec![Series { label: "a", colour: RGBColor(0, 0, 0), points: vec![(0.0, 0.5), (1.0, f32::NAN), (2.0, 4.0)] }];
        let (lo, hi) = y_range(&s, false);
        assert!(lo <= 0.0 && hi >= 4.0);
        let (lo, hi) = y_range(&s, true);
        assert!(lo > 0.0 && lo < 0.5 && hi > 4.0);
        let empty = vec![Series { label: "b", colour: RGBColor(0, 0, 0), points: vec![(0.0, f32::NAN)] }];
        assert_eq!(y_range(&empty, true), (1e-3, 1.0));
    }
}
