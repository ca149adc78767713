//! A matrix as a grid of coloured cells with a label per row and column: an attention matrix
//! (query rows × key columns, 0 white → 1 dark) or a tensor of the forward pass (positions ×
//! features, diverging around 0, scaled to its largest magnitude). Display only: the values
//! come from core's `Inspection`.

use web_sys::HtmlCanvasElement;

use crate::components::canvas::{prepare, theme_color, type_scale};
use crate::components::chart::{font, Text};
use crate::components::colors::{css, mix, signed, NEUTRAL, POSITIVE};

/// How values map to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// 0 … 1, white to blue (attention weights, probabilities).
    Unit,
    /// Diverging around 0, ±(largest magnitude) at full colour (activations).
    Signed,
}

/// The grid's geometry (CSS px), for hit-testing a pointer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Layout {
    pub rows: usize,
    top: f64,
    cell_h: f64,
}

impl Layout {
    /// The row under `y`, if any.
    pub fn row_at(&self, y: f64) -> Option<usize> {
        if self.rows == 0 || self.cell_h <= 0.0 || y < self.top {
            return None;
        }
        let r = ((y - self.top) / self.cell_h) as usize;
        (r < self.rows).then_some(r)
    }
}

/// The colour of `v` on `scale` (`max`: the magnitude drawn at full colour).
fn colour(v: f32, scale: Scale, max: f32) -> String {
    css(match scale {
        Scale::Unit if v.is_finite() => mix(NEUTRAL, POSITIVE, v.clamp(0.0, 1.0)),
        Scale::Signed if v.is_finite() => signed(if max > 0.0 { v / max } else { 0.0 }, false),
        _ => [170, 170, 170],
    })
}

/// Draws `values` (`rows × cols`, row-major); labels at the left and top when there is room
/// (every one, or every other); `marked` outlines a row. Returns the layout.
pub fn draw(canvas: &HtmlCanvasElement, values: &[f32], (rows, cols): (usize, usize), scale: Scale, (row_labels, col_labels): (&[String], &[String]), marked: Option<usize>) -> Layout {
    let Some((ctx, w, h, ratio)) = prepare(canvas) else { return Layout::default() };
    let dpr = ratio * type_scale();
    ctx.clear_rect(0.0, 0.0, w, h);
    if rows == 0 || cols == 0 || values.len() != rows * cols {
        return Layout::default();
    }
    let (cw, ch) = (w / dpr, h / dpr);
    let (left, top) = (if row_labels.is_empty() { 4.0 } else { 24.0 }, if col_labels.is_empty() { 4.0 } else { 16.0 });
    let (cell_w, cell_h) = ((cw - left - 4.0) / cols as f64, (ch - top - 4.0) / rows as f64);
    let max = values.iter().filter(|v| v.is_finite()).fold(0.0f32, |m, v| m.max(v.abs()));
    let px = |v: f64| v * dpr;
    for r in 0..rows {
        for c in 0..cols {
            ctx.set_fill_style_str(&colour(values[r * cols + c], scale, max));
            // A hair wider than the cell: no seams at fractional pixels.
            ctx.fill_rect(px(left + c as f64 * cell_w), px(top + r as f64 * cell_h), px(cell_w) + 0.5, px(cell_h) + 0.5);
        }
    }
    let fg = theme_color("--fg", "#222");
    ctx.set_stroke_style_str(&fg);
    ctx.set_line_width(px(1.0));
    ctx.stroke_rect(px(left), px(top), px(cell_w * cols as f64), px(cell_h * rows as f64));
    if let Some(r) = marked.filter(|&r| r < rows) {
        ctx.set_stroke_style_str(&theme_color("--accent", "#0072b2"));
        ctx.set_line_width(px(2.5));
        ctx.stroke_rect(px(left), px(top + r as f64 * cell_h), px(cell_w * cols as f64), px(cell_h));
    }
    ctx.set_fill_style_str(&fg);
    ctx.set_font(&font(Text::Tick, dpr));
    let every = |room: f64| if room >= 11.0 { 1 } else if room >= 6.0 { 2 } else { usize::MAX };
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    let step = every(cell_h);
    for (r, label) in row_labels.iter().enumerate().take(rows).filter(|(r, _)| step != usize::MAX && r % step == 0) {
        let _ = ctx.fill_text(label, px(left - 3.0), px(top + (r as f64 + 0.5) * cell_h));
    }
    ctx.set_text_align("center");
    ctx.set_text_baseline("bottom");
    let step = every(cell_w);
    for (c, label) in col_labels.iter().enumerate().take(cols).filter(|(c, _)| step != usize::MAX && c % step == 0) {
        let _ = ctx.fill_text(label, px(left + (c as f64 + 0.5) * cell_w), px(top - 2.0));
    }
    Layout { rows, top, cell_h }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_finds_its_row() {
        let l = Layout { rows: 4, top: 16.0, cell_h: 10.0 };
        assert_eq!(l.row_at(10.0), None);
        assert_eq!(l.row_at(16.0), Some(0));
        assert_eq!(l.row_at(45.9), Some(2));
        assert_eq!(l.row_at(56.0), None);
        assert_eq!(Layout::default().row_at(20.0), None);
    }
}
