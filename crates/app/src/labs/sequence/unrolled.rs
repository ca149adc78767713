//! The network unrolled over time: one box per step, the same cell each time, the state passed
//! right to the next box, the answer read after the last. A step's box is shaded by how much of
//! the error at the answer reaches it (`‖∂L/∂hₜ‖` over the last step's, on a log scale from
//! 10⁻⁶ to 1), so the vanishing gradient is the boxes fading to the left. A chosen step (hover,
//! or the arrow keys) outlines the boxes its input passes through on the way to the answer.
//! Display only: the gradient comes from core.

use web_sys::HtmlCanvasElement;

use crate::components::canvas::{prepare, theme_color, type_scale};
use crate::components::chart::{font, Text};
use crate::components::colors::{css, mix, NEUTRAL, POSITIVE};

/// Decades of the shading scale: a share of 10⁻⁶ or less is white.
const DECADES: f32 = 6.0;
/// Margins and the answer's column (CSS px).
const SIDE: f64 = 10.0;
const ANSWER: f64 = 34.0;

/// Where the boxes are, for hit-testing a pointer (CSS px of the canvas).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Layout {
    pub steps: usize,
    left: f64,
    pitch: f64,
}

impl Layout {
    /// The step (0-based) under `x`, if any.
    pub fn hit(&self, x: f64) -> Option<usize> {
        if self.steps == 0 || self.pitch <= 0.0 || x < self.left {
            return None;
        }
        let k = ((x - self.left) / self.pitch) as usize;
        (k < self.steps).then_some(k)
    }
}

/// Shade of a share `r` of the last step's gradient: log-scaled over [`DECADES`].
fn shade(r: f32) -> f32 {
    if r.is_finite() && r > 0.0 {
        ((r.log10() + DECADES) / DECADES).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Draws the unrolled network; `grads` is `‖∂L/∂hₜ‖` per step (zeros before training),
/// `inputs` a short label per step (`x₁ …`), `chosen` the step picked. Returns the layout.
pub fn draw(canvas: &HtmlCanvasElement, grads: &[f32], inputs: &[String], cell: &str, chosen: Option<usize>) -> Layout {
    let steps = grads.len();
    let Some((ctx, w, h, ratio)) = prepare(canvas) else { return Layout::default() };
    let dpr = ratio * type_scale();
    ctx.clear_rect(0.0, 0.0, w, h);
    if steps == 0 {
        return Layout::default();
    }
    let (cw, ch) = (w / dpr, h / dpr);
    let pitch = ((cw - 2.0 * SIDE - ANSWER) / steps as f64).max(1.0);
    let box_w = (pitch * 0.72).max(1.0);
    let (top, box_h) = (ch * 0.22, ch * 0.38);
    let last = grads.last().copied().unwrap_or(0.0);
    let fg = theme_color("--fg", "#222");
    let accent = theme_color("--accent", "#0072b2");
    let px = |v: f64| v * dpr;
    ctx.set_line_width(px(1.0));
    // Every box is shaded by the gradient reaching it; the chosen step's path is outlined.
    for (t, &g) in grads.iter().enumerate() {
        let x = SIDE + t as f64 * pitch;
        let share = if last > 0.0 { g / last } else { 0.0 };
        ctx.set_fill_style_str(&css(mix(NEUTRAL, POSITIVE, 0.85 * shade(share))));
        ctx.fill_rect(px(x), px(top), px(box_w), px(box_h));
        let on_path = chosen.is_some_and(|c| t >= c);
        ctx.set_stroke_style_str(if on_path { &accent } else { &fg });
        ctx.set_line_width(px(if on_path { 2.5 } else { 1.0 }));
        ctx.stroke_rect(px(x), px(top), px(box_w), px(box_h));
        // hₜ to the next box (or to the answer).
        let (y, x0) = (top + box_h / 2.0, x + box_w);
        let x1 = if t + 1 < steps { x + pitch } else { SIDE + steps as f64 * pitch + 4.0 };
        ctx.begin_path();
        ctx.move_to(px(x0), px(y));
        ctx.line_to(px(x1), px(y));
        ctx.stroke();
        // xₜ below, when there is room for it.
        if pitch >= 14.0 || t == 0 || t + 1 == steps || chosen == Some(t) {
            ctx.set_fill_style_str(&fg);
            ctx.set_font(&font(Text::Tick, dpr));
            ctx.set_text_align("center");
            ctx.set_text_baseline("top");
            let label = inputs.get(t).map_or("", String::as_str);
            let _ = ctx.fill_text(label, px(x + box_w / 2.0), px(top + box_h + 6.0));
        }
    }
    // The answer, read from the last state.
    let ax = SIDE + steps as f64 * pitch + 6.0;
    ctx.set_fill_style_str(&fg);
    ctx.set_font(&font(Text::NoteBold, dpr));
    ctx.set_text_align("left");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text("ŷ", px(ax), px(top + box_h / 2.0));
    ctx.set_font(&font(Text::Note, dpr));
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text(cell, px(SIDE), px(top - 4.0));
    Layout { steps, left: SIDE, pitch }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shading_is_log_scaled_and_safe() {
        assert_eq!(shade(1.0), 1.0);
        assert!((shade(1e-3) - 0.5).abs() < 1e-6, "three decades of six: half");
        assert_eq!(shade(1e-9), 0.0);
        assert_eq!(shade(0.0), 0.0);
        assert_eq!(shade(f32::NAN), 0.0);
        assert_eq!(shade(5.0), 1.0, "an earlier step can receive more than the last: full shade");
    }

    #[test]
    fn a_pointer_finds_its_step() {
        let l = Layout { steps: 10, left: 10.0, pitch: 20.0 };
        assert_eq!(l.hit(5.0), None);
        assert_eq!(l.hit(10.0), Some(0));
        assert_eq!(l.hit(29.9), Some(0));
        assert_eq!(l.hit(30.0), Some(1));
        assert_eq!(l.hit(209.0), Some(9));
        assert_eq!(l.hit(210.0), None);
        assert_eq!(Layout::default().hit(50.0), None);
    }
}
