//! The Clustering lab's pictures: the k-means plane (regions, points, centres, principal axes),
//! DBSCAN's plane, the shoppers seen through PCA, and the explained-variance bars. Display only:
//! positions, colours and labels of numbers that come from the engine.

use std::f64::consts::TAU;

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use perplexed_core::cluster::pca::PrincipalAxis;

use crate::components::chart::{bars, diamond, disc, font, plane, Frame, Text};
use crate::components::colors::{css, css_alpha, Rgb, NEUTRAL};

/// Ten cluster colours: Okabe–Ito's seven (without black), then violet, brown and teal — the
/// first eight tell apart with any common colour-vision deficiency.
pub const CLUSTER: [Rgb; 10] = [
    [230, 159, 0],
    [0, 114, 178],
    [0, 158, 115],
    [204, 121, 167],
    [86, 180, 233],
    [213, 94, 0],
    [240, 228, 66],
    [120, 94, 240],
    [153, 102, 51],
    [17, 119, 119],
];
/// Points not yet assigned.
pub const UNASSIGNED: Rgb = [150, 150, 150];
/// DBSCAN's noise.
pub const NOISE_COLOUR: Rgb = [105, 105, 105];

pub fn cluster_colour(c: usize) -> Rgb {
    CLUSTER[c % CLUSTER.len()]
}

fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// How one point looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Look {
    Unassigned,
    Cluster(usize),
    /// DBSCAN: a core point of a cluster.
    Core(usize),
    /// DBSCAN: a border point of a cluster.
    Border(usize),
    Noise,
}

/// The k-means plane.
pub struct KmPlot<'a> {
    /// `x₁, x₂` interleaved.
    pub points: &'a [f32],
    pub look: &'a dyn Fn(usize) -> Look,
    /// How strongly each point is ringed (it just changed cluster), 0–1.
    pub ring: &'a dyn Fn(usize) -> f64,
    /// Nearest-centre label of every cell, `res × res`, row 0 at the top (may be empty).
    pub regions: &'a [usize],
    pub res: usize,
    /// Centres as drawn now, and where they come from during a glide.
    pub centroids: &'a [f32],
    pub glide_from: Option<&'a [f32]>,
    pub axes: &'a [PrincipalAxis],
    /// Names of the principal axes ("PC1", "PC2").
    pub axis_names: [String; 2],
    /// A line written across an empty plane ("click to add points").
    pub empty_text: Option<&'a str>,
}

/// Point radius (device pixels): smaller as the plane fills up.
fn point_radius(n: usize, dpr: f64) -> f64 {
    let css = if n > 1200 {
        2.4
    } else if n > 500 {
        3.0
    } else {
        3.8
    };
    css * dpr
}

/// Device pixels of a point of the plane.
fn at(fr: &Frame, x1: f32, x2: f32) -> (f64, f64) {
    fr.px(x1.into(), x2.into())
}

/// Points drawn alike: kind (0 noise, 1 filled, 2 hollow), colour, positions.
type Group = (u8, Rgb, Vec<(f64, f64)>);

/// Paints many points, one path per look and colour (a few fills for thousands of points:
/// the k-means plane redraws every frame of a glide). Noise goes first, so clusters stay on top.
fn draw_points(ctx: &CanvasRenderingContext2d, at: &[(f64, f64)], look: &dyn Fn(usize) -> Look, r: f64) {
    let mut groups: Vec<Group> = Vec::new();
    for (i, &p) in at.iter().enumerate() {
        let (kind, colour) = match look(i) {
            Look::Noise => (0, NOISE_COLOUR),
            Look::Unassigned => (1, UNASSIGNED),
            Look::Cluster(c) | Look::Core(c) => (1, cluster_colour(c)),
            Look::Border(c) => (2, cluster_colour(c)),
        };
        match groups.iter_mut().find(|g| g.0 == kind && g.1 == colour) {
            Some(g) => g.2.push(p),
            None => groups.push((kind, colour, vec![p])),
        }
    }
    groups.sort_by_key(|g| g.0);
    for (kind, colour, list) in &groups {
        ctx.begin_path();
        match kind {
            0 => {
                let a = r * 0.85;
                for &(x, y) in list {
                    ctx.move_to(x - a, y - a);
                    ctx.line_to(x + a, y + a);
                    ctx.move_to(x - a, y + a);
                    ctx.line_to(x + a, y - a);
                }
                ctx.set_stroke_style_str(&css(*colour));
                ctx.set_line_width(r * 0.45);
                ctx.stroke();
            }
            1 => {
                for &(x, y) in list {
                    ctx.move_to(x + r, y);
                    let _ = ctx.arc(x, y, r, 0.0, TAU);
                }
                ctx.set_fill_style_str(&css(*colour));
                ctx.fill();
                ctx.set_stroke_style_str("rgba(255,255,255,0.9)");
                ctx.set_line_width(r * 0.3);
                ctx.stroke();
            }
            _ => {
                let rb = r * 0.65;
                for &(x, y) in list {
                    ctx.move_to(x + rb, y);
                    let _ = ctx.arc(x, y, rb, 0.0, TAU);
                }
                ctx.set_fill_style_str("rgba(255,255,255,0.85)");
                ctx.fill();
                ctx.set_stroke_style_str(&css(*colour));
                ctx.set_line_width(r * 0.45);
                ctx.stroke();
            }
        }
    }
}

/// A centre: a diamond in its cluster's colour, outlined, with its number.
fn draw_centre(ctx: &CanvasRenderingContext2d, x: f64, y: f64, c: usize, dpr: f64) {
    diamond(ctx, x, y, 9.0 * dpr);
    ctx.set_fill_style_str(&css(cluster_colour(c)));
    ctx.fill();
    ctx.set_stroke_style_str("#111");
    ctx.set_line_width(2.0 * dpr);
    ctx.stroke();
    ctx.set_fill_style_str("#111");
    ctx.set_font(&font(Text::Badge, dpr));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(&(c + 1).to_string(), x, y + 0.5 * dpr);
}

fn arrow(ctx: &CanvasRenderingContext2d, (x0, y0): (f64, f64), (x1, y1): (f64, f64), head: f64) {
    ctx.begin_path();
    ctx.move_to(x0, y0);
    ctx.line_to(x1, y1);
    ctx.stroke();
    let a = (y1 - y0).atan2(x1 - x0);
    ctx.begin_path();
    ctx.move_to(x1, y1);
    ctx.line_to(x1 - head * (a - 0.45).cos(), y1 - head * (a - 0.45).sin());
    ctx.line_to(x1 - head * (a + 0.45).cos(), y1 - head * (a + 0.45).sin());
    ctx.close_path();
    ctx.fill();
}

pub fn draw_kmeans(canvas: &HtmlCanvasElement, scratch: &HtmlCanvasElement, plot: &KmPlot) {
    let Some(fr) = plane::frame(canvas) else { return };
    let (ctx, dpr, (px, py, pw, ph)) = (&fr.ctx, fr.dpr, fr.plot);
    let rgba: Vec<u8> = plot.regions.iter().flat_map(|&c| {
        let [r, g, b] = mix(NEUTRAL, cluster_colour(c), 0.32);
        [r, g, b, 255]
    }).collect();
    fr.heatmap(scratch, &rgba, plot.res, &css(NEUTRAL));
    plane::axes(&fr);
    let n = plot.points.len() / 2;
    let r = point_radius(n, dpr);
    let pts: Vec<(f64, f64)> = plot.points.chunks_exact(2).map(|p| at(&fr, p[0], p[1])).collect();
    draw_points(ctx, &pts, plot.look, r);
    for (i, &(x, y)) in pts.iter().enumerate() {
        let ring = (plot.ring)(i);
        if ring > 0.0 {
            let colour = if let Look::Cluster(c) = (plot.look)(i) { cluster_colour(c) } else { UNASSIGNED };
            ctx.set_stroke_style_str(&css_alpha(colour, ring as f32));
            ctx.set_line_width(1.6 * dpr);
            disc(ctx, x, y, r + (1.0 + 2.0 * ring) * r);
            ctx.stroke();
        }
    }
    // Principal axes: mean ± one standard deviation along each.
    let fg = &fr.fg;
    for (k, a) in plot.axes.iter().enumerate() {
        if a.start.len() < 2 || a.end.len() < 2 {
            continue;
        }
        let from = at(&fr, a.start[0], a.start[1]);
        let to = at(&fr, a.end[0], a.end[1]);
        ctx.set_stroke_style_str(fg);
        ctx.set_fill_style_str(fg);
        ctx.set_line_width(2.5 * dpr);
        arrow(ctx, from, to, 9.0 * dpr);
        let name = plot.axis_names.get(k).map_or("", String::as_str);
        fr.text(name, (to.0 + 4.0 * dpr, to.1 - 2.0 * dpr), Text::NoteBold, "left", "bottom");
    }
    // Centres, with the path of a glide.
    if let Some(from) = plot.glide_from.filter(|f| f.len() == plot.centroids.len()) {
        ctx.set_stroke_style_str("rgba(17,17,17,0.6)");
        ctx.set_line_width(1.5 * dpr);
        let _ = ctx.set_line_dash(&js_sys::Array::of2(&(4.0 * dpr).into(), &(3.0 * dpr).into()));
        for (a, b) in from.chunks_exact(2).zip(plot.centroids.chunks_exact(2)) {
            let (x0, y0) = at(&fr, a[0], a[1]);
            let (x1, y1) = at(&fr, b[0], b[1]);
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x1, y1);
            ctx.stroke();
        }
        let _ = ctx.set_line_dash(&js_sys::Array::new());
    }
    for (c, mu) in plot.centroids.chunks_exact(2).enumerate() {
        let (x, y) = at(&fr, mu[0], mu[1]);
        draw_centre(ctx, x, y, c, dpr);
    }
    if let Some(text) = plot.empty_text {
        fr.text(text, (px + pw / 2.0, py + ph / 2.0), Text::Message, "center", "middle");
    }
}

/// DBSCAN's plane: no regions (DBSCAN does not divide the plane), points by kind.
pub fn draw_dbscan(canvas: &HtmlCanvasElement, points: &[f32], look: &dyn Fn(usize) -> Look) {
    let Some(fr) = plane::frame(canvas) else { return };
    fr.fill_plot(&css(NEUTRAL));
    plane::axes(&fr);
    let pts: Vec<(f64, f64)> = points.chunks_exact(2).map(|p| at(&fr, p[0], p[1])).collect();
    draw_points(&fr.ctx, &pts, look, point_radius(points.len() / 2, fr.dpr));
}

/// The customers on the first two principal components, with the columns as arrows.
pub struct PcaPlot<'a> {
    /// `rows × 2`.
    pub projected: &'a [f32],
    /// Segment of every row (may be empty: grey points).
    pub labels: &'a [usize],
    /// Per column: its entries in components 1 and 2, and its short name.
    pub loadings: Vec<(f64, f64, &'a str)>,
    pub x_label: String,
    pub y_label: String,
}

pub fn draw_pca(canvas: &HtmlCanvasElement, plot: &PcaPlot) {
    let Some(fr) = Frame::new(canvas, (30.0, 8.0, 8.0, 30.0)) else { return };
    let (dpr, (l, t, pw, ph)) = (fr.dpr, fr.plot);
    if pw <= 0.0 || ph <= 0.0 {
        return;
    }
    fr.fill_plot(&css(NEUTRAL));
    let (cx, cy) = (l + pw / 2.0, t + ph / 2.0);
    // One scale for both axes, so distances in the picture are honest.
    let reach = plot
        .projected
        .chunks_exact(2)
        .fold((0.0f64, 0.0f64), |(a, b), p| (a.max(f64::from(p[0]).abs()), b.max(f64::from(p[1]).abs())));
    let scale = (pw / 2.0 / (reach.0 * 1.08).max(1e-9)).min(ph / 2.0 / (reach.1 * 1.08).max(1e-9));
    let (sx, sy) = (pw / 2.0 / scale, ph / 2.0 / scale);
    let fr = fr.scales((-sx, sx), (-sy, sy));
    fr.grid(&[0.0], &[0.0]);
    let rad = 3.4 * dpr;
    let pts: Vec<(f64, f64)> = plot.projected.chunks_exact(2).map(|p| at(&fr, p[0], p[1])).collect();
    let look = |i: usize| plot.labels.get(i).map_or(Look::Unassigned, |&c| Look::Cluster(c));
    draw_points(&fr.ctx, &pts, &look, rad);
    // Loadings: a unit component's entries are at most 1 in size; the longest arrow reaches
    // 85 % of the way to the nearer edge.
    let longest = plot.loadings.iter().map(|(a, b, _)| a.hypot(*b)).fold(1e-9, f64::max);
    let len = 0.85 * (pw.min(ph) / 2.0) / longest;
    let ctx = &fr.ctx;
    ctx.set_stroke_style_str(&fr.fg);
    ctx.set_fill_style_str(&fr.fg);
    ctx.set_line_width(1.8 * dpr);
    for &(a, b, _) in &plot.loadings {
        arrow(ctx, (cx, cy), (cx + a * len, cy - b * len), 7.0 * dpr);
    }
    // Names last, on a halo of the background, so points and arrows never hide them.
    ctx.set_font(&font(Text::NoteBold, dpr));
    ctx.set_text_baseline("middle");
    ctx.set_line_join("round");
    ctx.set_line_width(3.5 * dpr);
    ctx.set_stroke_style_str(&css(NEUTRAL));
    for &(a, b, name) in &plot.loadings {
        let (x, y) = (cx + a * len + a.signum() * 4.0 * dpr, cy - b * len - b.signum() * 6.0 * dpr);
        ctx.set_text_align(if a >= 0.0 { "left" } else { "right" });
        let _ = ctx.stroke_text(name, x, y);
        let _ = ctx.fill_text(name, x, y);
    }
    fr.x_title(&plot.x_label, 8.0, Text::Note);
    fr.y_title(&plot.y_label, 12.0, Text::Note);
}

/// Explained variance ratio per component as bars, each with its percentage.
pub fn draw_variance(canvas: &HtmlCanvasElement, ratios: &[f64], y_label: &str, name: &dyn Fn(usize) -> String) {
    let Some(fr) = Frame::new(canvas, (44.0, 18.0, 8.0, 24.0)) else { return };
    if fr.plot.2 <= 0.0 || fr.plot.3 <= 0.0 || ratios.is_empty() {
        return;
    }
    let fr = fr.scales((0.0, ratios.len() as f64), (0.0, 100.0));
    let pcts = [0.0, 25.0, 50.0, 75.0, 100.0];
    fr.grid(&[], &pcts);
    fr.y_ticks(&pcts);
    let heights: Vec<f64> = ratios.iter().map(|v| 100.0 * v.clamp(0.0, 1.0)).collect();
    let colour = |k: usize| (if k < 2 { "#0072b2" } else { "#8aa8c4" }).to_owned();
    for (k, (x, y, w, _)) in bars::draw(&fr, &heights, (0.18, 0.0), &colour).into_iter().enumerate() {
        fr.text(&crate::components::format::percent(ratios[k]), (x + w / 2.0, y - fr.css(2.0)), Text::Tick, "center", "bottom");
    }
    fr.x_labels((0..ratios.len()).map(|k| (k as f64 + 0.5, name(k))));
    fr.y_title(y_label, 10.0, Text::Title);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_colours_are_distinct_and_wrap() {
        for (i, a) in CLUSTER.iter().enumerate() {
            assert!(CLUSTER[i + 1..].iter().all(|b| b != a));
            assert_ne!(*a, UNASSIGNED);
            assert_ne!(*a, NOISE_COLOUR);
        }
        assert_eq!(cluster_colour(12), CLUSTER[2]);
    }
}
