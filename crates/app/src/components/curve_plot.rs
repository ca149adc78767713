//! A 1-D regression picture: the true function (faint), the data by role (training filled,
//! validation rings, test diamonds when shown), and fitted curves on top. The y-axis is fixed
//! so a wild high-degree polynomial leaves the frame instead of squashing everything else.

use web_sys::HtmlCanvasElement;

use super::canvas::{prepare, theme_color};

pub struct CurveSeries<'a> {
    pub ys: &'a [f32],
    pub colour: &'a str,
    pub width: f64,
    pub dashed: bool,
}

/// (x, y, role: 0 train, 1 validation, 2 test, optional highlight colour)
pub type CurvePoint<'a> = (f32, f32, u8, Option<&'a str>);

pub struct CurvePlot<'a> {
    pub xs: &'a [f32],
    pub series: Vec<CurveSeries<'a>>,
    pub points: Vec<CurvePoint<'a>>,
    pub show_test: bool,
}

/// Visible y range.
pub const Y_RANGE: (f32, f32) = (-2.5, 2.5);
const MARGIN: (f64, f64, f64, f64) = (30.0, 8.0, 8.0, 22.0); // left, top, right, bottom (CSS px)

pub fn draw(canvas: &HtmlCanvasElement, plot: &CurvePlot) {
    let Some((ctx, w, h, dpr)) = prepare(canvas) else { return };
    ctx.clear_rect(0.0, 0.0, w, h);
    let (l, t, r, b) = (MARGIN.0 * dpr, MARGIN.1 * dpr, MARGIN.2 * dpr, MARGIN.3 * dpr);
    let (pw, ph) = (w - l - r, h - t - b);
    let fg = theme_color("--fg", "#222");
    let grid = theme_color("--line", "#ddd");
    let to_px = |x: f32, y: f32| {
        let u = (x as f64 + 1.0) / 2.0;
        let v = ((Y_RANGE.1 - y) / (Y_RANGE.1 - Y_RANGE.0)) as f64;
        (l + u * pw, t + v * ph)
    };
    // Axes and ticks.
    ctx.set_stroke_style_str(&grid);
    ctx.set_line_width(dpr);
    ctx.set_fill_style_str(&fg);
    ctx.set_font(&format!("{}px sans-serif", (11.0 * dpr).round()));
    for yv in [-2.0f32, -1.0, 0.0, 1.0, 2.0] {
        let (_, y) = to_px(-1.0, yv);
        ctx.begin_path();
        ctx.move_to(l, y);
        ctx.line_to(l + pw, y);
        ctx.stroke();
        ctx.set_text_align("right");
        ctx.set_text_baseline("middle");
        let _ = ctx.fill_text(&format!("{yv}"), l - 4.0 * dpr, y);
    }
    for xv in [-1.0f32, -0.5, 0.0, 0.5, 1.0] {
        let (x, _) = to_px(xv, 0.0);
        ctx.set_text_align("center");
        ctx.set_text_baseline("top");
        let _ = ctx.fill_text(&format!("{xv}"), x, t + ph + 4.0 * dpr);
    }
    ctx.set_stroke_style_str(&fg);
    ctx.stroke_rect(l, t, pw, ph);
    ctx.save();
    ctx.begin_path();
    ctx.rect(l, t, pw, ph);
    ctx.clip();
    for s in &plot.series {
        ctx.set_stroke_style_str(s.colour);
        ctx.set_line_width(s.width * dpr);
        let dash = js_sys::Array::new();
        if s.dashed {
            dash.push(&(6.0 * dpr).into());
            dash.push(&(4.0 * dpr).into());
        }
        let _ = ctx.set_line_dash(&dash);
        ctx.begin_path();
        let mut pen_down = false;
        for (&x, &y) in plot.xs.iter().zip(s.ys) {
            if !y.is_finite() {
                pen_down = false;
                continue;
            }
            // Clamp far-off values so a line leaving the frame still exits in the right direction.
            let (px, py) = to_px(x, y.clamp(-1e3, 1e3));
            if pen_down {
                ctx.line_to(px, py);
            } else {
                ctx.move_to(px, py);
                pen_down = true;
            }
        }
        ctx.stroke();
    }
    let _ = ctx.set_line_dash(&js_sys::Array::new());
    let rad = 4.0 * dpr;
    for &(x, y, role, highlight) in &plot.points {
        if role == 2 && !plot.show_test {
            continue;
        }
        let (px, py) = to_px(x, y);
        let colour = highlight.unwrap_or(match role {
            0 => "#0072b2",
            1 => "#d55e00",
            _ => "#cc79a7",
        });
        ctx.begin_path();
        if role == 2 {
            ctx.move_to(px, py - rad * 1.2);
            ctx.line_to(px + rad * 1.2, py);
            ctx.line_to(px, py + rad * 1.2);
            ctx.line_to(px - rad * 1.2, py);
            ctx.close_path();
        } else {
            let _ = ctx.arc(px, py, rad, 0.0, std::f64::consts::TAU);
        }
        if role == 0 {
            ctx.set_fill_style_str(colour);
            ctx.fill();
            ctx.set_stroke_style_str("#fff");
            ctx.set_line_width(1.2 * dpr);
            ctx.stroke();
        } else {
            ctx.set_fill_style_str("#fff");
            ctx.fill();
            ctx.set_stroke_style_str(colour);
            ctx.set_line_width(2.2 * dpr);
            ctx.stroke();
        }
    }
    ctx.restore();
}
