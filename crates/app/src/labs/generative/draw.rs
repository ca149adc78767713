//! The generative lab's pictures: a square plane over `[−3, 3]²` (every target lies within
//! ±2.6, and noise `N(0, I)` mostly within ±3) with clouds of points coloured by class, the
//! target as a faint ghost under generated points, the score as an arrow field; and the drawing
//! pad. Only drawing: the points and arrows come from the engine.

use web_sys::HtmlCanvasElement;

use crate::components::chart::frame::Frame;
use crate::components::chart::plane::{named_axes, plot_rect};
use crate::components::chart::Text;
use crate::components::colors::{css_alpha, Rgb};

/// Half the plane's side.
pub const LIM: f64 = 3.0;

/// Class colours: Okabe and Ito's eight, distinguishable with any common colour-vision
/// deficiency (the eight Gaussians use them all; a drawing's further strokes cycle).
pub const PALETTE: [Rgb; 8] = [[230, 159, 0], [0, 114, 178], [0, 158, 115], [204, 121, 167], [86, 180, 233], [213, 94, 0], [240, 228, 66], [90, 90, 90]];

/// The colour of class `c`.
pub fn class_colour(c: u32) -> Rgb {
    PALETTE[c as usize % PALETTE.len()]
}

/// The plane's frame on a cleared canvas: border, ticks at −3 … 3, axis names in the corners.
pub fn plane(canvas: &HtmlCanvasElement) -> Option<Frame> {
    let fr = Frame::placed(canvas, plot_rect)?.scales((-LIM, LIM), (-LIM, LIM));
    named_axes(&fr, &[-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], ("x", "y"));
    Some(fr)
}

/// Points (flat pairs) as small discs, one path per colour: `classes` colours them (`None`: all
/// in `colour`); `r` in CSS pixels. Points off the plane are clipped.
pub fn points(fr: &Frame, pts: &[f32], classes: Option<&[u32]>, colour: Rgb, alpha: f32, r: f64) {
    let ctx = &fr.ctx;
    fr.clip();
    let r = fr.css(r);
    let groups = classes.map_or(1, |c| c.iter().copied().max().map_or(1, |m| m as usize + 1));
    for g in 0..groups {
        let fill = classes.map_or(colour, |_| class_colour(g as u32));
        ctx.set_fill_style_str(&css_alpha(fill, alpha));
        ctx.begin_path();
        for (i, p) in pts.chunks_exact(2).enumerate() {
            if classes.is_some_and(|c| c.get(i).copied() != Some(g as u32)) {
                continue;
            }
            if !(p[0].is_finite() && p[1].is_finite()) {
                continue;
            }
            let (x, y) = fr.px(f64::from(p[0]), f64::from(p[1]));
            ctx.move_to(x + r, y);
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        }
        ctx.fill();
    }
    fr.unclip();
}

/// The score field as arrows: each from its grid point along `(sx, sy)`, the longest a grid
/// cell long and the others by the square root of their share of it (the score is 100 times
/// stronger far from the data than near it; the root keeps both visible).
pub fn arrows(fr: &Frame, field: &[[f32; 4]], n: usize, colour: &str) {
    let longest = field.iter().map(|a| f64::from(a[2]).hypot(f64::from(a[3]))).filter(|v| v.is_finite()).fold(0.0, f64::max);
    if longest <= 0.0 || n < 2 {
        return;
    }
    let cell = 2.0 * LIM / (n - 1) as f64 * 0.9;
    let ctx = &fr.ctx;
    fr.clip();
    ctx.set_stroke_style_str(colour);
    ctx.set_line_width(fr.css(1.2));
    ctx.begin_path();
    for a in field {
        let (x, y, sx, sy) = (f64::from(a[0]), f64::from(a[1]), f64::from(a[2]), f64::from(a[3]));
        let m = sx.hypot(sy);
        if !m.is_finite() || m <= 0.0 {
            continue;
        }
        let len = cell * (m / longest).sqrt();
        let (ux, uy) = (sx / m, sy / m);
        let (x0, y0) = fr.px(x, y);
        let (x1, y1) = fr.px(x + ux * len, y + uy * len);
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
        // The head: two short strokes back from the tip at ±25°.
        let (dx, dy) = (x1 - x0, y1 - y0);
        let d = dx.hypot(dy);
        if d > fr.css(3.0) {
            let head = fr.css(4.0).min(d / 2.0);
            for angle in [0.44f64, -0.44] {
                let (s, c) = angle.sin_cos();
                let (hx, hy) = ((dx * c - dy * s) / d, (dx * s + dy * c) / d);
                ctx.move_to(x1, y1);
                ctx.line_to(x1 - hx * head, y1 - hy * head);
            }
        }
    }
    ctx.stroke();
    fr.unclip();
}

/// A line across the plot's middle (an empty plane: "draw a shape", "press Play").
pub fn message(fr: &Frame, text: &str) {
    let (px, py, pw, ph) = fr.plot;
    fr.text(text, (px + pw / 2.0, py + ph / 2.0), Text::Message, "center", "middle");
}

/// The drawing pad: a square over `[−1, 1]²` with the strokes drawn so far.
pub fn pad(canvas: &HtmlCanvasElement, strokes: &[Vec<(f64, f64)>], prompt: &str) -> Option<Frame> {
    let fr = Frame::placed(canvas, |w, h| {
        let side = (w - 8.0).min(h - 8.0).max(10.0);
        ((w - side) / 2.0, 4.0, side, side)
    })?
    .scales((-1.0, 1.0), (-1.0, 1.0));
    fr.border();
    for (k, s) in strokes.iter().enumerate() {
        let c = class_colour(k as u32);
        fr.polyline(s.iter().copied(), &format!("rgb({},{},{})", c[0], c[1], c[2]), 3.0, None);
    }
    if strokes.is_empty() {
        message(&fr, prompt);
    }
    Some(fr)
}

/// Pad coordinates (−1…1, y up) of a pointer at CSS offset `(x, y)` on a pad of CSS size
/// `(w, h)` (the square [`pad`] draws), if on the pad.
pub fn pad_point(w: f64, h: f64, x: f64, y: f64) -> Option<(f64, f64)> {
    let side = (w - 8.0).min(h - 8.0).max(10.0);
    let (left, top) = ((w - side) / 2.0, 4.0);
    let (u, v) = ((x - left) / side, (y - top) / side);
    ((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v)).then_some((2.0 * u - 1.0, 1.0 - 2.0 * v))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pad 208 × 208 CSS pixels is a 200-pixel square from (4, 4): its corners are (−1, 1)
    /// and (1, −1), its middle (0, 0); the margin is off the pad.
    #[test]
    fn pad_points_by_hand() {
        assert_eq!(pad_point(208.0, 208.0, 4.0, 4.0), Some((-1.0, 1.0)));
        assert_eq!(pad_point(208.0, 208.0, 204.0, 204.0), Some((1.0, -1.0)));
        assert_eq!(pad_point(208.0, 208.0, 104.0, 104.0), Some((0.0, 0.0)));
        assert_eq!(pad_point(208.0, 208.0, 1.0, 100.0), None);
        assert_eq!(class_colour(9), PALETTE[1]);
    }
}
