//! A 1-D regression picture: the true function (faint), the data by role (training filled,
//! validation rings, test diamonds when shown), and fitted curves on top. The y-axis is fixed
//! so a wild high-degree polynomial leaves the frame instead of squashing everything else.

use web_sys::HtmlCanvasElement;

use super::frame::{diamond, disc, Frame};

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
    let Some(fr) = Frame::new(canvas, MARGIN) else { return };
    let fr = fr.scales((-1.0, 1.0), (Y_RANGE.0.into(), Y_RANGE.1.into()));
    let (ctx, dpr) = (&fr.ctx, fr.dpr);
    let y_ticks = [-2.0, -1.0, 0.0, 1.0, 2.0];
    fr.grid(&[], &y_ticks);
    fr.y_ticks(&y_ticks);
    fr.x_ticks(&[-1.0, -0.5, 0.0, 0.5, 1.0]);
    fr.border();
    fr.clip();
    for s in &plot.series {
        // Far-off values are clamped so a line leaving the frame still exits the right way.
        let pts = plot.xs.iter().zip(s.ys).map(|(&x, &y)| (f64::from(x), f64::from(y.clamp(-1e3, 1e3))));
        fr.polyline(pts, s.colour, s.width, s.dashed.then_some((6.0, 4.0)));
    }
    let rad = 4.0 * dpr;
    for &(x, y, role, highlight) in &plot.points {
        if role == 2 && !plot.show_test {
            continue;
        }
        let (px, py) = fr.px(x.into(), y.into());
        let colour = highlight.unwrap_or(match role {
            0 => "#0072b2",
            1 => "#d55e00",
            _ => "#cc79a7",
        });
        if role == 2 {
            diamond(ctx, px, py, rad * 1.2);
        } else {
            disc(ctx, px, py, rad);
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
    fr.unclip();
}
