//! Small square pictures of numbers: a digit (ink on paper), a learned filter (blue positive,
//! orange negative, white zero), a feature map (ink from zero to its largest value). Each cell
//! is one filled square, crisp at any size — the reader should count pixels, not see a blur.
//! Several pictures of a kind (a layer's filters, its maps) share one canvas as tiles.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::components::canvas::{prepare, theme_color};
use crate::components::colors::{css, mix, NEGATIVE, NEUTRAL, POSITIVE};

/// How values become colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Palette {
    /// 0 = paper, 1 = full ink (the digits' scale).
    Ink,
    /// Ink from 0 up to the largest value of the picture (a ReLU feature map).
    InkToMax,
    /// Signed, scaled by the largest magnitude: blue positive, orange negative.
    Signed,
}

/// Paints `values` (`side × side`, row by row) over the whole canvas.
pub fn draw(canvas: &HtmlCanvasElement, values: &[f32], side: usize, palette: Palette) {
    draw_tiles(canvas, std::slice::from_ref(&values), side, 1, palette);
}

/// Paints each picture of `tiles` (each `side × side`) in a grid of `columns`, a small gap
/// between them. The canvas's CSS gives it the grid's aspect ratio ([`aspect`]).
pub fn draw_tiles<V: AsRef<[f32]>>(canvas: &HtmlCanvasElement, tiles: &[V], side: usize, columns: usize, palette: Palette) {
    let Some((ctx, w, h, dpr)) = prepare(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, w, h);
    if tiles.is_empty() || side == 0 || columns == 0 {
        return;
    }
    let rows = tiles.len().div_ceil(columns);
    let gap = if tiles.len() > 1 { (4.0 * dpr).round() } else { 0.0 };
    let tw = (w - gap * (columns - 1) as f64) / columns as f64;
    let th = (h - gap * (rows - 1) as f64) / rows as f64;
    let colours = Colours { ink: theme_color("--fg", "#222"), paper: theme_color("--panel", "#fff"), line: theme_color("--line", "#ddd") };
    for (i, tile) in tiles.iter().enumerate() {
        let (r, c) = (i / columns, i % columns);
        let rect = (c as f64 * (tw + gap), r as f64 * (th + gap), tw, th);
        paint(&ctx, rect, tile.as_ref(), side, palette, &colours);
    }
}

/// The CSS aspect ratio of a grid of `n` tiles in `columns`.
pub fn aspect(n: usize, columns: usize) -> String {
    let rows = n.max(1).div_ceil(columns.max(1));
    format!("aspect-ratio: {} / {}", columns.max(1).min(n.max(1)), rows)
}

struct Colours {
    ink: String,
    paper: String,
    line: String,
}

/// One picture inside `rect` (device pixels), framed by a hairline.
fn paint(ctx: &CanvasRenderingContext2d, (x0, y0, w, h): (f64, f64, f64, f64), values: &[f32], side: usize, palette: Palette, colours: &Colours) {
    ctx.set_fill_style_str(&colours.paper);
    ctx.fill_rect(x0, y0, w, h);
    if values.len() == side * side {
        let finite = || values.iter().copied().filter(|v| v.is_finite());
        let scale = match palette {
            Palette::Ink => 1.0,
            Palette::InkToMax => finite().fold(0.0f32, f32::max),
            Palette::Signed => finite().fold(0.0f32, |m, v| m.max(v.abs())),
        };
        let (cw, ch) = (w / side as f64, h / side as f64);
        for (i, &v) in values.iter().enumerate() {
            let (r, c) = (i / side, i % side);
            // Whole device pixels, each cell reaching the next one's edge: no seams.
            let (x, y) = ((x0 + c as f64 * cw).floor(), (y0 + r as f64 * ch).floor());
            let (x1, y1) = ((x0 + (c + 1) as f64 * cw).floor(), (y0 + (r + 1) as f64 * ch).floor());
            match palette {
                Palette::Ink | Palette::InkToMax => {
                    let a = if scale > 0.0 && v.is_finite() { (v / scale).clamp(0.0, 1.0) } else { 0.0 };
                    if a > 0.0 {
                        ctx.set_global_alpha(f64::from(a));
                        ctx.set_fill_style_str(&colours.ink);
                        ctx.fill_rect(x, y, x1 - x, y1 - y);
                        ctx.set_global_alpha(1.0);
                    }
                }
                Palette::Signed => {
                    // Full strength at the largest magnitude (the heatmaps' `signed` keeps 60 %
                    // of it for the points drawn on top; a filter has nothing on top).
                    let t = if scale > 0.0 && v.is_finite() { (v / scale).clamp(-1.0, 1.0) } else { 0.0 };
                    let colour = if t < 0.0 { mix(NEUTRAL, NEGATIVE, -t) } else { mix(NEUTRAL, POSITIVE, t) };
                    ctx.set_fill_style_str(&css(colour));
                    ctx.fill_rect(x, y, x1 - x, y1 - y);
                }
            }
        }
    }
    ctx.set_stroke_style_str(&colours.line);
    ctx.set_line_width(1.0);
    ctx.stroke_rect(x0 + 0.5, y0 + 0.5, w - 1.0, h - 1.0);
}
