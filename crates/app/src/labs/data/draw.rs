//! The data lab's pictures: a column's histogram or category counts, the scatter matrix, the
//! confusion matrix and the importances. Display only: the counts, edges, scores and matrices
//! come from core (`table::profile`, `workflow`).

use web_sys::HtmlCanvasElement;

use crate::components::chart::{bars, Frame, Text};
use crate::components::canvas::theme_color;
use crate::components::colors::{css, css_alpha, Rgb};
use crate::labs::clustering::draw::cluster_colour;

/// Colour of class `k` (the clustering lab's colour-blind-safe palette).
pub fn class_colour(k: usize) -> Rgb {
    cluster_colour(k)
}

/// A numeric column's histogram: bins from core's `Histogram`, edges as ticks at both ends and
/// the middle.
pub fn histogram(canvas: &HtmlCanvasElement, edges: &[f64], counts: &[usize], (x_name, y_name): (&str, &str)) {
    let Some(fr) = Frame::new(canvas, (44.0, 10.0, 12.0, 34.0)) else { return };
    if counts.is_empty() || edges.len() != counts.len() + 1 {
        return;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let fr = fr.scales((0.0, counts.len() as f64), (0.0, max));
    let accent = theme_color("--accent", "#0072b2");
    let heights: Vec<f64> = counts.iter().map(|&c| c as f64).collect();
    bars::draw(&fr, &heights, (0.0, 0.5), &|_| accent.clone());
    fr.axis_lines();
    let n = counts.len() as f64;
    let at = |k: usize| (k as f64, short(edges[k]));
    fr.x_labels([at(0), at(counts.len() / 2), (n, short(edges[counts.len()]))]);
    fr.x_title(x_name, 16.0, Text::Title);
    fr.y_ticks(&[0.0, max]);
    fr.y_title(y_name, 12.0, Text::Title);
}

/// A categorical column's counts, most frequent first (at most `MAX_BARS`, the rest summed in
/// the last bar's label by the caller).
pub fn category_bars(canvas: &HtmlCanvasElement, counts: &[(String, usize)], y_name: &str) {
    let Some(fr) = Frame::new(canvas, (44.0, 16.0, 8.0, 34.0)) else { return };
    if counts.is_empty() {
        return;
    }
    let max = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1) as f64;
    let fr = fr.scales((0.0, counts.len() as f64), (0.0, max));
    let colours: Vec<String> = (0..counts.len()).map(|k| css(class_colour(k))).collect();
    let rects = bars::draw(&fr, &counts.iter().map(|c| c.1 as f64).collect::<Vec<_>>(), (0.12, 0.0), &|k| colours[k].clone());
    for (k, (x, y, w, _)) in rects.into_iter().enumerate() {
        fr.text(&counts[k].1.to_string(), (x + w / 2.0, y - fr.css(2.0)), Text::Tick, "center", "bottom");
    }
    fr.axis_lines();
    fr.x_labels(counts.iter().enumerate().map(|(k, (name, _))| (k as f64 + 0.5, clipped(name, 12))));
    fr.y_ticks(&[0.0, max]);
    fr.y_title(y_name, 12.0, Text::Title);
}

/// Most bars a category chart shows.
pub const MAX_BARS: usize = 12;

/// The scatter matrix of `columns` (each a column of numbers, NaN missing): histograms-free
/// pairwise scatter plots, a name on the diagonal; points coloured by `class` (`None`: one
/// colour). At most `max_points` rows are drawn (every k-th).
pub fn scatter_matrix(canvas: &HtmlCanvasElement, columns: &[(&str, &[f64])], class: &dyn Fn(usize) -> Option<usize>, max_points: usize) {
    let Some(fr) = Frame::new(canvas, (4.0, 4.0, 4.0, 4.0)) else { return };
    let k = columns.len();
    if k == 0 {
        return;
    }
    let (x0, y0, w, h) = fr.plot;
    let (cw, ch) = (w / k as f64, h / k as f64);
    let ranges: Vec<(f64, f64)> = columns.iter().map(|(_, v)| {
        let (lo, hi) = v.iter().filter(|x| x.is_finite()).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
        if lo.is_finite() && hi > lo { (lo, hi) } else if lo.is_finite() { (lo - 0.5, lo + 0.5) } else { (0.0, 1.0) }
    }).collect();
    let n = columns[0].1.len();
    let stride = n.div_ceil(max_points.max(1)).max(1);
    let line = theme_color("--line", "#ccc");
    let r = fr.css(1.6);
    // The classes present among the drawn rows, each with its colour (`None`: no class).
    // (Marked in a table of classes rather than sorted and deduplicated: one sort fewer in the
    // bundle.)
    let mut present: Vec<bool> = Vec::new();
    let mut unclassed = false;
    for c in (0..n).step_by(stride).map(class) {
        match c {
            Some(k) => {
                if present.len() <= k {
                    present.resize(k + 1, false);
                }
                present[k] = true;
            }
            None => unclassed = true,
        }
    }
    let classes = unclassed.then_some(None).into_iter().chain(present.iter().enumerate().filter(|(_, &on)| on).map(|(k, _)| Some(k)));
    let palette: Vec<(Option<usize>, String)> = classes.into_iter().map(|c| (c, css_alpha(c.map_or([90, 90, 90], class_colour), 0.7))).collect();
    for i in 0..k {
        for j in 0..k {
            let (cx, cy) = (x0 + j as f64 * cw, y0 + i as f64 * ch);
            fr.ctx.set_stroke_style_str(&line);
            fr.ctx.set_line_width(fr.css(1.0));
            fr.ctx.stroke_rect(cx + 1.0, cy + 1.0, cw - 2.0, ch - 2.0);
            if i == j {
                fr.text(&clipped(columns[i].0, 16), (cx + cw / 2.0, cy + ch / 2.0), Text::Note, "center", "middle");
                continue;
            }
            let (xs, ys) = (columns[j].1, columns[i].1);
            let ((xl, xh), (yl, yh)) = (ranges[j], ranges[i]);
            let pad = fr.css(5.0);
            // One fill colour per class, set once for all its points (a colour string per point
            // made the matrix the page's slowest drawing on a 50,000-row table).
            for (colour, css_colour) in &palette {
                fr.ctx.set_fill_style_str(css_colour);
                for row in (0..n).step_by(stride) {
                    if class(row) != *colour {
                        continue;
                    }
                    let (x, y) = (xs[row], ys[row]);
                    if !x.is_finite() || !y.is_finite() {
                        continue;
                    }
                    let px = cx + pad + (x - xl) / (xh - xl) * (cw - 2.0 * pad);
                    let py = cy + ch - pad - (y - yl) / (yh - yl) * (ch - 2.0 * pad);
                    fr.ctx.fill_rect(px - r / 2.0, py - r / 2.0, r, r);
                }
            }
        }
    }
}

/// A confusion matrix (`n × n`, row = truth): cells shaded by their share of the row, with the
/// count written in each; class names along both sides.
pub fn confusion(canvas: &HtmlCanvasElement, counts: &[u32], names: &[String], (truth, predicted): (&str, &str)) {
    let n = names.len();
    let Some(fr) = Frame::new(canvas, (64.0, 8.0, 8.0, 40.0)) else { return };
    if n == 0 || counts.len() != n * n {
        return;
    }
    let fr = fr.scales((0.0, n as f64), (0.0, n as f64));
    let (x0, y0, w, h) = fr.plot;
    let (cw, ch) = (w / n as f64, h / n as f64);
    let accent: Rgb = [0, 114, 178];
    for t in 0..n {
        let row_total: u32 = counts[t * n..(t + 1) * n].iter().sum();
        for p in 0..n {
            let c = counts[t * n + p];
            let share = if row_total > 0 { f64::from(c) / f64::from(row_total) } else { 0.0 };
            fr.ctx.set_fill_style_str(&css_alpha(accent, (0.08 + 0.85 * share) as f32));
            fr.ctx.fill_rect(x0 + p as f64 * cw, y0 + t as f64 * ch, cw - 1.0, ch - 1.0);
            if cw >= fr.css(14.0) && ch >= fr.css(10.0) {
                let colour = if share > 0.55 { "#fff".to_owned() } else { fr.fg.clone() };
                fr.ctx.set_fill_style_str(&colour);
                fr.ctx.set_font(&crate::components::chart::font(Text::Tick, fr.dpr));
                fr.ctx.set_text_align("center");
                fr.ctx.set_text_baseline("middle");
                let _ = fr.ctx.fill_text(&c.to_string(), x0 + (p as f64 + 0.5) * cw, y0 + (t as f64 + 0.5) * ch);
            }
        }
    }
    let every = if n > 6 { 2 } else { 1 };
    fr.x_labels((0..n).filter(|k| k % every == 0).map(|k| (k as f64 + 0.5, clipped(&names[k], 8))));
    fr.y_labels((0..n).filter(|k| k % every == 0).map(|k| (n as f64 - k as f64 - 0.5, clipped(&names[k], 8))));
    fr.x_title(predicted, 18.0, Text::Title);
    fr.y_title(truth, 10.0, Text::Title);
}

/// Horizontal bars, one per feature, longest first: the drop in score when the feature's values
/// are shuffled (its permutation importance), with the spread over repeats as a whisker.
pub fn importances(canvas: &HtmlCanvasElement, rows: &[(String, f64, f64)], x_name: &str) {
    let Some(fr) = Frame::new(canvas, (110.0, 6.0, 14.0, 34.0)) else { return };
    if rows.is_empty() {
        return;
    }
    let max = rows.iter().map(|r| (r.1 + r.2).abs()).fold(1e-9, f64::max);
    let min = rows.iter().map(|r| r.1 - r.2).fold(0.0, f64::min);
    let fr = fr.scales((min, max), (0.0, rows.len() as f64));
    let (_, y0, _, h) = fr.plot;
    let slot = h / rows.len() as f64;
    let accent = theme_color("--accent", "#0072b2");
    for (k, (name, mean, std)) in rows.iter().enumerate() {
        let top = y0 + k as f64 * slot + slot * 0.15;
        let (a, _) = fr.px(0.0, 0.0);
        let (b, _) = fr.px(*mean, 0.0);
        fr.ctx.set_fill_style_str(&accent);
        fr.ctx.fill_rect(a.min(b), top, (b - a).abs().max(1.0), slot * 0.7);
        let (lo, _) = fr.px(mean - std, 0.0);
        let (hi, _) = fr.px(mean + std, 0.0);
        fr.ctx.set_stroke_style_str(&fr.fg);
        fr.ctx.begin_path();
        fr.ctx.move_to(lo, top + slot * 0.35);
        fr.ctx.line_to(hi, top + slot * 0.35);
        fr.ctx.stroke();
        fr.text(&clipped(name, 16), (fr.plot.0 - fr.css(4.0), top + slot * 0.35), Text::Tick, "right", "middle");
    }
    fr.axis_lines();
    fr.x_ticks(&[min, 0.0, max].iter().copied().filter(|v| v.is_finite()).map(|v| (v * 1000.0).round() / 1000.0).collect::<Vec<_>>());
    fr.x_title(x_name, 18.0, Text::Title);
}

/// A number short enough for a tick (4 significant digits).
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
    let s = format!("{v:.digits$}");
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s }
}

/// At most `n` characters, an ellipsis for the rest.
pub fn clipped(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n.saturating_sub(1)).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_short() {
        assert_eq!(short(0.0), "0");
        assert_eq!(short(5.1), "5.1");
        assert_eq!(short(1234.5678), "1235");
        assert_eq!(short(0.012345), "0.01235");
        assert_eq!(short(-2.5), "-2.5");
        assert_eq!(clipped("alcalinity_of_ash", 8), "alcalin…");
        assert_eq!(clipped("ash", 8), "ash");
    }
}
