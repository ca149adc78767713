//! A units × time heatmap on the charts' frame: one cell per hidden unit (row) and time step
//! (column), for the hidden state (diverging: orange < 0 < blue) and the gates (0 white → 1
//! dark). Display only: the values come from core's `Inspection`.

use web_sys::HtmlCanvasElement;

use crate::components::chart::line::linear_ticks;
use crate::components::chart::{Frame, Text};
use crate::components::colors::{css, mix, signed, NEUTRAL, POSITIVE};

/// How values map to colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// −1 … 1 on the diverging scale (a hidden state: `tanh` keeps it there).
    Signed,
    /// 0 … 1 from white to the accent (a gate).
    Unit,
}

/// Draws `values` (`steps` rows of `units`, as core lays them out: row `t`, column unit) with
/// time along x (steps 1…T) and units along y (1 at the top).
pub fn draw(canvas: &HtmlCanvasElement, values: &[f32], steps: usize, units: usize, scale: Scale, (x_label, y_label): (&str, &str)) {
    let Some(f) = Frame::new(canvas, (40.0, 6.0, 8.0, 34.0)) else { return };
    if steps == 0 || units == 0 || values.len() != steps * units {
        return;
    }
    let f = f.scales((0.5, steps as f64 + 0.5), (units as f64 + 0.5, 0.5));
    let (_, _, pw, ph) = f.plot;
    let (cw, ch) = (pw / steps as f64, ph / units as f64);
    for t in 0..steps {
        for u in 0..units {
            let v = values[t * units + u];
            let colour = match scale {
                Scale::Signed => signed(v, false),
                Scale::Unit if v.is_finite() => mix(NEUTRAL, POSITIVE, v.clamp(0.0, 1.0)),
                Scale::Unit => [170, 170, 170],
            };
            let (x, y) = f.px(t as f64 + 0.5, u as f64 + 0.5);
            f.ctx.set_fill_style_str(&css(colour));
            // A hair wider than the cell: no seams between cells at fractional pixels.
            f.ctx.fill_rect(x, y, cw + 0.5, ch + 0.5);
        }
    }
    f.border();
    let (xt, _) = linear_ticks(1.0, steps as f64, 6);
    f.x_ticks(&xt.into_iter().filter(|v| v.fract() == 0.0).collect::<Vec<_>>());
    let (yt, _) = linear_ticks(1.0, units as f64, 4);
    f.y_ticks(&yt.into_iter().filter(|v| v.fract() == 0.0).collect::<Vec<_>>());
    f.x_title(x_label, 18.0, Text::Title);
    f.y_title(y_label, 10.0, Text::Title);
}
