//! The plane [-6, 6]² every 2-D lab draws on: its square frame with ticks and axis names, and
//! the decision-boundary plot — the model's output painted as a heatmap, the data on top by
//! role (training points filled, validation points as rings, test points, only when asked, as
//! hollow diamonds), with points that change role easing into their new look.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use perplexed_core::data::dataset::DOMAIN;
use perplexed_core::data::split::Role;

use super::frame::{diamond, disc, Frame};
use super::Text;
use crate::components::canvas::{key_of, Scratch};
use crate::components::colors::{css_alpha, heatmap_rgba, signed, CLASS};

/// One data point as drawn.
#[derive(Debug, Clone, Copy)]
pub struct DrawnPoint {
    pub x1: f32,
    pub x2: f32,
    /// Class index, or the value for regression.
    pub target: f32,
    pub role: Role,
    /// The role it had before the last split change and how far the change has animated (0–1).
    pub previous: Option<(Role, f64)>,
}

pub struct BoundaryPlot<'a> {
    /// res² × per_point model outputs, row 0 at the top.
    pub grid: &'a [f32],
    pub res: usize,
    pub per_point: usize,
    pub discretize: bool,
    pub regression: bool,
    pub show_test: bool,
    pub points: &'a [DrawnPoint],
}

/// Space around the plot for tick labels (CSS pixels).
pub const MARGIN_LEFT: f64 = 28.0;
pub const MARGIN_BOTTOM: f64 = 22.0;

/// The plot rectangle in CSS pixels for a canvas of the given CSS size.
pub fn plot_rect(css_w: f64, css_h: f64) -> (f64, f64, f64, f64) {
    let size = (css_w - MARGIN_LEFT - 4.0).min(css_h - MARGIN_BOTTOM - 4.0).max(10.0);
    (MARGIN_LEFT, 4.0, size, size)
}

/// Data coordinates of a CSS-pixel position, if it lies inside the plot.
pub fn to_data(css_w: f64, css_h: f64, x: f64, y: f64) -> Option<(f32, f32)> {
    let (px, py, w, h) = plot_rect(css_w, css_h);
    let (u, v) = ((x - px) / w, (y - py) / h);
    if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
        return None;
    }
    let d = DOMAIN as f64;
    Some(((-d + 2.0 * d * u) as f32, (d - 2.0 * d * v) as f32))
}

/// Data coordinates under the mouse on a plane's canvas (in the chart's units: see
/// [`Frame::placed`]), if it is over the plot.
pub fn at_pointer(canvas: &HtmlCanvasElement, ev: &web_sys::MouseEvent) -> Option<(f32, f32)> {
    let k = crate::components::canvas::type_scale();
    let css = |v: i32| f64::from(v) / k;
    to_data(css(canvas.client_width()), css(canvas.client_height()), css(ev.offset_x()), css(ev.offset_y()))
}

/// The plane's frame on a prepared, cleared canvas: the square plot, data scales of ±6.
pub fn frame(canvas: &HtmlCanvasElement) -> Option<Frame> {
    let d = f64::from(DOMAIN);
    Some(Frame::placed(canvas, plot_rect)?.scales((-d, d), (-d, d)))
}

/// Draws the boundary plot and returns its frame, for a lab to draw more on top. The points
/// come from `scratch.points`, redrawn only when they (or the canvas) change.
pub fn draw(canvas: &HtmlCanvasElement, scratch: &Scratch, plot: &BoundaryPlot) -> Option<Frame> {
    let fr = frame(canvas)?;
    let mut rgba = Vec::with_capacity(plot.res * plot.res * 4);
    heatmap_rgba(plot.grid, plot.per_point, plot.discretize, &mut rgba);
    fr.heatmap(&scratch.grid, &rgba, plot.res, "#eee");
    axes(&fr);
    scratch.points.show(&fr.ctx, (fr.w, fr.h), points_key(plot, &fr), |ctx| draw_points(ctx, &fr, plot));
    Some(fr)
}

/// What the points layer shows, or `None` while a split change animates (every frame differs).
fn points_key(plot: &BoundaryPlot, fr: &Frame) -> Option<u64> {
    if plot.points.iter().any(|p| p.previous.is_some_and(|(old, t)| old != p.role && t < 1.0)) {
        return None;
    }
    let points = plot.points.iter().flat_map(|p| {
        [u64::from(p.x1.to_bits()) << 32 | u64::from(p.x2.to_bits()), u64::from(p.target.to_bits()) << 8 | p.role as u64]
    });
    let look = [fr.w.to_bits(), fr.h.to_bits(), fr.dpr.to_bits(), fr.plot.0.to_bits(), u64::from(plot.regression), u64::from(plot.show_test)];
    Some(key_of(points.chain(look)))
}

fn draw_points(ctx: &CanvasRenderingContext2d, fr: &Frame, plot: &BoundaryPlot) {
    let dpr = fr.dpr;
    let to_px = |x1: f32, x2: f32| fr.px(f64::from(x1), f64::from(x2));
    let r = (3.6 * dpr).max(2.0);
    // Test points first so the training points stay on top.
    for pass in [Role::Test, Role::Validation, Role::Train] {
        for p in plot.points.iter().filter(|p| p.role == pass || p.previous.is_some_and(|(old, _)| old == pass && p.role != pass)) {
            let colour = if plot.regression { signed(p.target, false) } else { CLASS[(p.target as usize) % CLASS.len()] };
            let (x, y) = to_px(p.x1, p.x2);
            match p.previous {
                Some((old, t)) if old != p.role && t < 1.0 => {
                    // Cross-fade: the old look fades out while the new one grows in, with a
                    // brief halo so the eye catches which points moved.
                    if pass == old {
                        draw_point(ctx, x, y, r, old, colour, 1.0 - t, plot.show_test);
                    }
                    if pass == p.role {
                        let halo = (1.0 - t) * 3.0 * r;
                        ctx.set_stroke_style_str(&css_alpha(colour, (0.6 * (1.0 - t)) as f32));
                        ctx.set_line_width(1.5 * dpr);
                        disc(ctx, x, y, r + halo);
                        ctx.stroke();
                        draw_point(ctx, x, y, r, p.role, colour, t, plot.show_test);
                    }
                }
                _ if pass == p.role => draw_point(ctx, x, y, r, p.role, colour, 1.0, plot.show_test),
                _ => {}
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_point(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64, role: Role, colour: [u8; 3], alpha: f64, show_test: bool) {
    let alpha = alpha.clamp(0.0, 1.0) as f32;
    match role {
        Role::Train => {
            ctx.set_fill_style_str(&css_alpha(colour, alpha));
            ctx.set_stroke_style_str(&css_alpha([255, 255, 255], alpha));
            ctx.set_line_width(r * 0.35);
            disc(ctx, x, y, r);
            ctx.fill();
            ctx.stroke();
        }
        Role::Validation => {
            ctx.set_fill_style_str(&css_alpha([255, 255, 255], alpha * 0.9));
            ctx.set_stroke_style_str(&css_alpha(colour, alpha));
            ctx.set_line_width(r * 0.55);
            disc(ctx, x, y, r * 0.9);
            ctx.fill();
            ctx.stroke();
        }
        Role::Test if show_test => {
            ctx.set_stroke_style_str(&css_alpha(colour, alpha));
            ctx.set_fill_style_str(&css_alpha([20, 20, 20], alpha * 0.5));
            ctx.set_line_width(r * 0.45);
            diamond(ctx, x, y, r * 1.2);
            ctx.fill();
            ctx.stroke();
        }
        Role::Test => {}
    }
}

/// The border, the ticks at −6, −3, 0, 3, 6 and the axis names of the plane's frame.
pub fn axes(fr: &Frame) {
    named_axes(fr, &[-6.0, -3.0, 0.0, 3.0, 6.0], ("x₁", "x₂"));
}

/// The border, `ticks` on both axes, and the axes' names in the plot's corners, where they
/// never collide with tick labels.
pub fn named_axes(fr: &Frame, ticks: &[f64], (x_name, y_name): (&str, &str)) {
    fr.border();
    fr.x_ticks(ticks);
    fr.y_ticks(ticks);
    let (px, py, pw, ph) = fr.plot;
    let inset = fr.css(3.0);
    fr.text(x_name, (px + pw - inset, py + ph - inset), Text::PlaneName, "right", "bottom");
    fr.text(y_name, (px + inset, py + inset), Text::PlaneName, "left", "top");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_to_data_maps_corners_and_rejects_the_margin() {
        let (px, py, w, h) = plot_rect(400.0, 400.0);
        let (x1, x2) = to_data(400.0, 400.0, px, py).unwrap();
        assert!((x1 + 6.0).abs() < 1e-4 && (x2 - 6.0).abs() < 1e-4);
        let (x1, x2) = to_data(400.0, 400.0, px + w / 2.0, py + h / 2.0).unwrap();
        assert!(x1.abs() < 1e-4 && x2.abs() < 1e-4);
        assert_eq!(to_data(400.0, 400.0, 2.0, 2.0), None);
    }
}

/// The keyboard cursor of a plane (adding a point without a mouse): a ring with a cross at a
/// data point, dark over a white halo so it shows on any heatmap colour.
pub fn draw_cursor(fr: &Frame, (x1, x2): (f32, f32)) {
    let (x, y) = fr.px(f64::from(x1), f64::from(x2));
    let ctx = &fr.ctx;
    let r = fr.css(8.0);
    for (colour, width) in [("#fff", fr.css(4.0)), (fr.fg.as_str(), fr.css(1.6))] {
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(width);
        disc(ctx, x, y, r);
        ctx.stroke();
        ctx.begin_path();
        ctx.move_to(x - 1.8 * r, y);
        ctx.line_to(x - 0.5 * r, y);
        ctx.move_to(x + 0.5 * r, y);
        ctx.line_to(x + 1.8 * r, y);
        ctx.move_to(x, y - 1.8 * r);
        ctx.line_to(x, y - 0.5 * r);
        ctx.move_to(x, y + 0.5 * r);
        ctx.line_to(x, y + 1.8 * r);
        ctx.stroke();
    }
}

/// One arrow-key move of a plane's keyboard cursor: `step` data units (a tenth with Shift),
/// kept inside the plane. `None` for a key that does not move it.
pub fn cursor_moved((x1, x2): (f32, f32), key: &str, fine: bool) -> Option<(f32, f32)> {
    let step = if fine { 0.1 } else { 0.5 };
    let (dx, dy) = match key {
        "ArrowLeft" => (-step, 0.0),
        "ArrowRight" => (step, 0.0),
        "ArrowUp" => (0.0, step),
        "ArrowDown" => (0.0, -step),
        _ => return None,
    };
    let clamp = |v: f32| v.clamp(-DOMAIN, DOMAIN);
    Some((clamp(x1 + dx), clamp(x2 + dy)))
}

#[cfg(test)]
mod cursor_tests {
    use super::*;

    #[test]
    fn the_keyboard_cursor_moves_in_data_units_and_stays_on_the_plane() {
        assert_eq!(cursor_moved((0.0, 0.0), "ArrowRight", false), Some((0.5, 0.0)));
        assert_eq!(cursor_moved((0.0, 0.0), "ArrowUp", true), Some((0.0, 0.1)));
        assert_eq!(cursor_moved((DOMAIN, -DOMAIN), "ArrowRight", false), Some((DOMAIN, -DOMAIN)));
        assert_eq!(cursor_moved((0.0, -DOMAIN), "ArrowDown", false), Some((0.0, -DOMAIN)));
        assert_eq!(cursor_moved((0.0, 0.0), "Enter", false), None);
    }
}
