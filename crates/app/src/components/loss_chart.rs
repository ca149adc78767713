//! The loss chart: training and validation loss per epoch, and the one test evaluation marked
//! where it happened. Drawn with plotters on a canvas (axes, ticks, labels).

use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

use super::canvas::{prepare, theme_color};

/// What the chart shows; all labels already translated.
pub struct LossChart<'a> {
    pub train: &'a [f32],
    pub val: &'a [f32],
    /// (epoch, loss, spent)
    pub test: Option<(usize, f32, bool)>,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub train_label: &'a str,
    pub val_label: &'a str,
    pub test_label: &'a str,
}

/// At most this many points per line: a long run is thinned, not truncated.
const MAX_POINTS: usize = 600;

fn thinned(values: &[f32]) -> Vec<(usize, f32)> {
    let stride = values.len().div_ceil(MAX_POINTS).max(1);
    let mut pts: Vec<(usize, f32)> =
        values.iter().copied().enumerate().step_by(stride).filter(|(_, v)| v.is_finite()).collect();
    if let Some((i, &v)) = values.iter().enumerate().next_back() {
        if v.is_finite() && pts.last().map(|p| p.0) != Some(i) {
            pts.push((i, v));
        }
    }
    pts
}

fn rgb(css: &str) -> RGBColor {
    // Accepts "#rrggbb"; anything else falls back to mid grey.
    let hex = css.trim().trim_start_matches('#');
    let p = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(128);
    RGBColor(p(0), p(2), p(4))
}

pub fn draw(canvas: &HtmlCanvasElement, chart: &LossChart) {
    let Some((_, _, _, dpr)) = prepare(canvas) else { return };
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let root = backend.into_drawing_area();
    let fg = rgb(&theme_color("--fg-hex", "#222222"));
    let bg = rgb(&theme_color("--panel-hex", "#ffffff"));
    let grid = rgb(&theme_color("--grid-hex", "#dddddd"));
    let train_c = rgb(&theme_color("--train-hex", "#444444"));
    let val_c = rgb(&theme_color("--val-hex", "#d55e00"));
    let test_c = rgb(&theme_color("--test-hex", "#cc79a7"));
    let _ = root.fill(&bg);

    let train = thinned(chart.train);
    let val = thinned(chart.val);
    let epochs = chart.train.len().max(2) - 1;
    let mut y_max = train.iter().chain(val.iter()).map(|p| p.1).fold(0.0f32, f32::max);
    if let Some((_, l, _)) = chart.test {
        if l.is_finite() {
            y_max = y_max.max(l);
        }
    }
    let y_max = if y_max > 0.0 { y_max * 1.08 } else { 1.0 };
    let font = |px: f64| ("sans-serif", (px * dpr) as u32).into_font().color(&fg);

    let Ok(mut ctx) = ChartBuilder::on(&root)
        .margin((8.0 * dpr) as u32)
        .x_label_area_size((34.0 * dpr) as u32)
        .y_label_area_size((46.0 * dpr) as u32)
        .build_cartesian_2d(0usize..epochs, 0f32..y_max)
    else {
        return;
    };
    let _ = ctx
        .configure_mesh()
        .light_line_style(grid)
        .bold_line_style(grid)
        .axis_style(fg)
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .x_labels(6)
        .y_labels(5)
        .y_label_formatter(&|v| format!("{v:.2}"))
        .draw();
    let width = (2.0 * dpr).round() as u32;
    if let Ok(s) = ctx.draw_series(LineSeries::new(train, train_c.stroke_width(width))) {
        s.label(chart.train_label).legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 16, y)], train_c.stroke_width(width))
        });
    }
    if let Ok(s) = ctx.draw_series(LineSeries::new(val, val_c.stroke_width(width))) {
        s.label(chart.val_label).legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 16, y)], val_c.stroke_width(width))
        });
    }
    if let Some((epoch, loss, spent)) = chart.test {
        if loss.is_finite() {
            let r = (6.0 * dpr) as i32;
            let style = if spent { test_c.mix(0.4).stroke_width(width) } else { test_c.filled() };
            let label = chart.test_label.to_owned();
            if let Ok(s) = ctx.draw_series(std::iter::once(TriangleMarker::new((epoch.min(epochs), loss), r, style))) {
                s.label(label).legend(move |(x, y)| TriangleMarker::new((x + 8, y), r, test_c.filled()));
            }
        }
    }
    let _ = ctx
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(bg.mix(0.85))
        .border_style(grid)
        .label_font(font(12.0))
        .draw();
    let _ = root.present();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_the_last_point_and_bounds_the_count() {
        let v: Vec<f32> = (0..5000).map(|i| i as f32).collect();
        let t = thinned(&v);
        assert!(t.len() <= MAX_POINTS + 1);
        assert_eq!(t.last(), Some(&(4999, 4999.0)));
        assert_eq!(thinned(&[1.0, f32::NAN, 2.0]), vec![(0, 1.0), (2, 2.0)]);
    }

    #[test]
    fn colours_parse_or_fall_back() {
        assert_eq!(rgb("#0a0B0c"), RGBColor(10, 11, 12));
        assert_eq!(rgb("nonsense"), RGBColor(128, 128, 128));
    }
}
