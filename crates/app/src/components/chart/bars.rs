//! Bars in a frame: one per slot of equal width across the plot, standing on the bottom of the
//! y scale (a histogram's bins, a share per component).

use super::frame::{Frame, Rect};

/// Draws `heights` (in the frame's y units) and returns each bar's rectangle (device pixels).
/// Each side of a slot stays empty for `inset.0` of the slot plus `inset.1` CSS pixels.
pub fn draw(fr: &Frame, heights: &[f64], inset: (f64, f64), colour: &dyn Fn(usize) -> String) -> Vec<Rect> {
    let (x, _, w, _) = fr.plot;
    let slot = w / heights.len().max(1) as f64;
    let base = fr.px(0.0, fr.y.0).1;
    let side = |s: f64| s * inset.0 + fr.css(inset.1);
    heights
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let top = fr.px(0.0, v).1;
            let rect = (x + slot * i as f64 + side(slot), top, slot - 2.0 * side(slot), base - top);
            fr.ctx.set_fill_style_str(&colour(i));
            fr.ctx.fill_rect(rect.0, rect.1, rect.2, rect.3);
            rect
        })
        .collect()
}
