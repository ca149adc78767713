//! The frame of a canvas chart: the canvas prepared at the device pixel ratio and cleared, the
//! plot rectangle inside its margins, the scales from data to device pixels, and what goes
//! around the plot (border, grid lines, ticks, axis names). Charts draw inside with `px`.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::{font, tick, Text};
use crate::components::canvas::{paint_grid, prepare, theme_color, type_scale};

/// (x, y, width, height).
pub type Rect = (f64, f64, f64, f64);

/// Space between a tick label and the plot (CSS pixels).
const TICK_GAP: f64 = 4.0;

/// A data range on one axis: (value at the left or bottom edge, value at the right or top).
pub type Scale = (f64, f64);

pub struct Frame {
    pub ctx: CanvasRenderingContext2d,
    /// Canvas size in device pixels, and device pixels per CSS pixel.
    pub w: f64,
    pub h: f64,
    pub dpr: f64,
    /// The plot rectangle in device pixels.
    pub plot: Rect,
    pub x: Scale,
    pub y: Scale,
    /// The theme's foreground (CSS), read once per frame.
    pub fg: String,
}

impl Frame {
    /// The canvas prepared and cleared, the plot inside `(left, top, right, bottom)` margins
    /// (CSS pixels), both scales 0–1 until `scales` sets them. `None` while not laid out.
    pub fn new(canvas: &HtmlCanvasElement, (l, t, r, b): Rect) -> Option<Frame> {
        Frame::placed(canvas, |w, h| (l, t, w - l - r, h - t - b))
    }

    /// The same with the plot rectangle (CSS pixels) computed from the canvas's CSS size.
    ///
    /// "CSS pixels" here are the chart's own: CSS pixels over the page's
    /// [`type_scale`], so a chart on a projector is the same picture with larger text, lines and
    /// margins, as the page around it is.
    pub fn placed(canvas: &HtmlCanvasElement, place: impl Fn(f64, f64) -> Rect) -> Option<Frame> {
        let (ctx, w, h, device_ratio) = prepare(canvas)?;
        super::tools::attach(canvas);
        let dpr = device_ratio * type_scale();
        ctx.clear_rect(0.0, 0.0, w, h);
        let (x, y, pw, ph) = place(w / dpr, h / dpr);
        let fg = theme_color("--fg", "#222");
        Some(Frame { ctx, w, h, dpr, plot: (x * dpr, y * dpr, pw * dpr, ph * dpr), x: (0.0, 1.0), y: (0.0, 1.0), fg })
    }

    pub fn scales(self, x: Scale, y: Scale) -> Self {
        Frame { x, y, ..self }
    }

    /// Device pixels of a data point (y grows upwards).
    pub fn px(&self, x: f64, y: f64) -> (f64, f64) {
        let (px, py, pw, ph) = self.plot;
        let unit = |(lo, hi): Scale, v: f64| (v - lo) / (hi - lo);
        (px + unit(self.x, x) * pw, py + (1.0 - unit(self.y, y)) * ph)
    }

    /// CSS pixels to device pixels.
    pub fn css(&self, v: f64) -> f64 {
        v * self.dpr
    }

    pub fn fill_plot(&self, colour: &str) {
        let (x, y, w, h) = self.plot;
        self.ctx.set_fill_style_str(colour);
        self.ctx.fill_rect(x, y, w, h);
    }

    /// `rgba` (res × res, row 0 at the top) scaled over the plot, or `fallback` when the grid
    /// does not match `res`.
    pub fn heatmap(&self, scratch: &HtmlCanvasElement, rgba: &[u8], res: usize, fallback: &str) {
        if res > 0 && rgba.len() == res * res * 4 {
            paint_grid(&self.ctx, scratch, rgba, res, self.plot);
        } else {
            self.fill_plot(fallback);
        }
    }

    pub fn border(&self) {
        let (x, y, w, h) = self.plot;
        self.ctx.set_stroke_style_str(&self.fg);
        self.ctx.set_line_width(self.dpr);
        self.ctx.stroke_rect(x, y, w, h);
    }

    /// The left and bottom edges only.
    pub fn axis_lines(&self) {
        let (x, y, w, h) = self.plot;
        self.ctx.set_stroke_style_str(&self.fg);
        self.ctx.set_line_width(self.dpr);
        self.ctx.begin_path();
        self.ctx.move_to(x, y);
        self.ctx.line_to(x, y + h);
        self.ctx.line_to(x + w, y + h);
        self.ctx.stroke();
    }

    /// Faint lines across the plot at these heights, or down it at these places.
    pub fn grid(&self, xs: &[f64], ys: &[f64]) {
        let (x, y, w, h) = self.plot;
        self.ctx.set_stroke_style_str(&theme_color("--line", "#ccc"));
        self.ctx.set_line_width(self.dpr);
        self.ctx.begin_path();
        for &v in ys {
            let py = self.px(self.x.0, v).1;
            self.ctx.move_to(x, py);
            self.ctx.line_to(x + w, py);
        }
        for &v in xs {
            let px = self.px(v, self.y.0).0;
            self.ctx.move_to(px, y);
            self.ctx.line_to(px, y + h);
        }
        self.ctx.stroke();
    }

    /// Labels under the plot at these x values.
    pub fn x_labels(&self, labels: impl IntoIterator<Item = (f64, String)>) {
        let bottom = self.plot.1 + self.plot.3 + self.css(TICK_GAP);
        self.ctx.set_font(&font(Text::Tick, self.dpr));
        for (v, s) in labels {
            // Centred under its tick, but never cut by the canvas's edges.
            let half = self.ctx.measure_text(&s).map_or(0.0, |m| m.width()) / 2.0;
            let x = self.px(v, self.y.0).0.clamp(half + 1.0, (self.w - half - 1.0).max(half + 1.0));
            self.text(&s, (x, bottom), Text::Tick, "center", "top");
        }
    }

    /// Labels left of the plot at these y values.
    pub fn y_labels(&self, labels: impl IntoIterator<Item = (f64, String)>) {
        let left = self.plot.0 - self.css(TICK_GAP);
        for (v, s) in labels {
            self.text(&s, (left, self.px(self.x.0, v).1), Text::Tick, "right", "middle");
        }
    }

    /// Ticks at these values, written by `tick`.
    pub fn x_ticks(&self, values: &[f64]) {
        self.x_labels(values.iter().map(|&v| (v, tick(v))));
    }
    pub fn y_ticks(&self, values: &[f64]) {
        self.y_labels(values.iter().map(|&v| (v, tick(v))));
    }

    /// The x axis's name, centred `below` CSS pixels under the plot.
    pub fn x_title(&self, s: &str, below: f64, role: Text) {
        let (x, y, w, h) = self.plot;
        self.text(s, (x + w / 2.0, y + h + self.css(below)), role, "center", "top");
    }

    /// The y axis's name, turned a quarter, centred at `at` CSS pixels from the left edge.
    pub fn y_title(&self, s: &str, at: f64, role: Text) {
        let (_, y, _, h) = self.plot;
        self.ctx.save();
        let _ = self.ctx.translate(self.css(at), y + h / 2.0);
        let _ = self.ctx.rotate(-std::f64::consts::FRAC_PI_2);
        self.text(s, (0.0, 0.0), role, "center", "middle");
        self.ctx.restore();
    }

    /// Text at a device-pixel position, in the theme's foreground.
    pub fn text(&self, s: &str, (x, y): (f64, f64), role: Text, align: &str, baseline: &str) {
        self.ctx.set_fill_style_str(&self.fg);
        self.ctx.set_font(&font(role, self.dpr));
        self.ctx.set_text_align(align);
        self.ctx.set_text_baseline(baseline);
        let _ = self.ctx.fill_text(s, x, y);
    }

    /// Drawing after this stays inside the plot until `unclip`.
    pub fn clip(&self) {
        let (x, y, w, h) = self.plot;
        self.ctx.save();
        self.ctx.begin_path();
        self.ctx.rect(x, y, w, h);
        self.ctx.clip();
    }
    pub fn unclip(&self) {
        self.ctx.restore();
    }

    /// A line through data points, lifted at non-finite values; `dash` (on, off) in CSS px.
    pub fn polyline(&self, points: impl IntoIterator<Item = (f64, f64)>, colour: &str, width: f64, dash: Option<(f64, f64)>) {
        let ctx = &self.ctx;
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(self.css(width));
        let pattern = js_sys::Array::new();
        if let Some((on, off)) = dash {
            pattern.push(&self.css(on).into());
            pattern.push(&self.css(off).into());
        }
        let _ = ctx.set_line_dash(&pattern);
        ctx.begin_path();
        let mut pen_down = false;
        for (x, y) in points {
            if !(x.is_finite() && y.is_finite()) {
                pen_down = false;
                continue;
            }
            let (px, py) = self.px(x, y);
            if pen_down {
                ctx.line_to(px, py);
            } else {
                ctx.move_to(px, py);
                pen_down = true;
            }
        }
        ctx.stroke();
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }

    /// A filled dot at a data point, radius `r` CSS pixels.
    pub fn dot(&self, (x, y): (f64, f64), r: f64, colour: &str) {
        let (px, py) = self.px(x, y);
        self.ctx.set_fill_style_str(colour);
        disc(&self.ctx, px, py, self.css(r));
        self.ctx.fill();
    }
}

/// Starts a path of a circle (device pixels), to fill or stroke.
pub fn disc(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
}

/// Starts a path of a diamond reaching `r` from its centre (device pixels).
pub fn diamond(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    ctx.begin_path();
    ctx.move_to(x, y - r);
    ctx.line_to(x + r, y);
    ctx.line_to(x, y + r);
    ctx.line_to(x - r, y);
    ctx.close_path();
}
