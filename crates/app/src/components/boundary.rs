//! The decision-boundary plot: the model's output painted over [-6, 6]², the data drawn on top
//! by role — training points filled, validation points as rings, test points (only when asked)
//! as hollow diamonds — with points that change role easing into their new look.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use perplexed_core::data::dataset::DOMAIN;
use perplexed_core::data::split::Role;

use super::canvas::{paint_grid, prepare, theme_color};
use super::colors::{css_alpha, heatmap_rgba, signed, CLASS};

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

pub fn draw(canvas: &HtmlCanvasElement, scratch: &HtmlCanvasElement, plot: &BoundaryPlot) {
    let Some((ctx, w, h, dpr)) = prepare(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, w, h);
    let (px, py, pw, ph) = plot_rect(w / dpr, h / dpr);
    let (px, py, pw, ph) = (px * dpr, py * dpr, pw * dpr, ph * dpr);
    let mut rgba = Vec::with_capacity(plot.res * plot.res * 4);
    heatmap_rgba(plot.grid, plot.per_point, plot.discretize, &mut rgba);
    if rgba.len() == plot.res * plot.res * 4 {
        paint_grid(&ctx, scratch, &rgba, plot.res, (px, py, pw, ph));
    } else {
        ctx.set_fill_style_str("#eee");
        ctx.fill_rect(px, py, pw, ph);
    }
    draw_axes(&ctx, (px, py, pw, ph), dpr);
    let to_px = |x1: f32, x2: f32| {
        let d = DOMAIN as f64;
        (px + (x1 as f64 + d) / (2.0 * d) * pw, py + (d - x2 as f64) / (2.0 * d) * ph)
    };
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
                        draw_point(&ctx, x, y, r, old, colour, 1.0 - t, plot.show_test);
                    }
                    if pass == p.role {
                        let halo = (1.0 - t) * 3.0 * r;
                        ctx.set_stroke_style_str(&css_alpha(colour, (0.6 * (1.0 - t)) as f32));
                        ctx.set_line_width(1.5 * dpr);
                        ctx.begin_path();
                        let _ = ctx.arc(x, y, r + halo, 0.0, std::f64::consts::TAU);
                        ctx.stroke();
                        draw_point(&ctx, x, y, r, p.role, colour, t, plot.show_test);
                    }
                }
                _ if pass == p.role => draw_point(&ctx, x, y, r, p.role, colour, 1.0, plot.show_test),
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
            ctx.begin_path();
            let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
            ctx.fill();
            ctx.stroke();
        }
        Role::Validation => {
            ctx.set_fill_style_str(&css_alpha([255, 255, 255], alpha * 0.9));
            ctx.set_stroke_style_str(&css_alpha(colour, alpha));
            ctx.set_line_width(r * 0.55);
            ctx.begin_path();
            let _ = ctx.arc(x, y, r * 0.9, 0.0, std::f64::consts::TAU);
            ctx.fill();
            ctx.stroke();
        }
        Role::Test if show_test => {
            ctx.set_stroke_style_str(&css_alpha(colour, alpha));
            ctx.set_fill_style_str(&css_alpha([20, 20, 20], alpha * 0.5));
            ctx.set_line_width(r * 0.45);
            ctx.begin_path();
            ctx.move_to(x, y - r * 1.2);
            ctx.line_to(x + r * 1.2, y);
            ctx.line_to(x, y + r * 1.2);
            ctx.line_to(x - r * 1.2, y);
            ctx.close_path();
            ctx.fill();
            ctx.stroke();
        }
        Role::Test => {}
    }
}

/// The frame, the ticks at −6, −3, 0, 3, 6 and the axis names of the ±6 plane in `rect`
/// (device pixels). Every lab that draws the plane uses it.
pub fn draw_axes(ctx: &CanvasRenderingContext2d, (px, py, pw, ph): (f64, f64, f64, f64), dpr: f64) {
    let fg = theme_color("--fg", "#222");
    ctx.set_stroke_style_str(&fg);
    ctx.set_line_width(dpr);
    ctx.stroke_rect(px, py, pw, ph);
    ctx.set_fill_style_str(&fg);
    ctx.set_font(&format!("{}px sans-serif", (11.0 * dpr).round()));
    let d = DOMAIN as f64;
    for tick in [-6.0, -3.0, 0.0, 3.0, 6.0] {
        let x = px + (tick + d) / (2.0 * d) * pw;
        let y = py + (d - tick) / (2.0 * d) * ph;
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        let _ = ctx.fill_text(&format!("{tick}"), x, py + ph + 4.0 * dpr);
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        let _ = ctx.fill_text(&format!("{tick}"), px - 4.0 * dpr, y);
    }
    // Axis names in the corners, where they never collide with tick labels.
    ctx.set_font(&format!("italic {}px serif", (13.0 * dpr).round()));
    ctx.set_text_align("right");
    ctx.set_text_baseline("bottom");
    let _ = ctx.fill_text("x₁", px + pw - 3.0 * dpr, py + ph - 3.0 * dpr);
    ctx.set_text_align("left");
    ctx.set_text_baseline("top");
    let _ = ctx.fill_text("x₂", px + 3.0 * dpr, py + 3.0 * dpr);
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
