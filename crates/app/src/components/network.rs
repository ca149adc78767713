//! The network diagram: one column per layer, each neuron a small map of its own output over
//! the plane, each weight a line coloured by sign (blue positive, orange negative) and as thick
//! as it is strong. Drawn on one canvas — a 64-wide network has thousands of weights, far too
//! many DOM nodes — with a hit-test so hovering still names every weight and neuron.

use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::canvas::{paint_grid, prepare, theme_color};
use super::colors::{css_alpha, heatmap_rgba, NEGATIVE, POSITIVE};

/// A neuron's square on the canvas (device pixels).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    pub layer: usize,
    pub index: usize,
    pub x: f64,
    pub y: f64,
    pub size: f64,
}

/// What was drawn where, for hover.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub nodes: Vec<NodeBox>,
    pub dpr: f64,
}

/// A line from one point to another (CSS pixels).
type Segment = ((f64, f64), (f64, f64));

/// What the pointer is over.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Hit {
    Neuron { layer: usize, index: usize },
    Weight { layer: usize, from: usize, to: usize },
}

/// Places `sizes` (neurons per layer) in a w×h area: columns evenly spaced, each column centred.
pub fn layout(sizes: &[usize], w: f64, h: f64, label_room: f64) -> Vec<NodeBox> {
    let columns = sizes.len().max(1) as f64;
    let widest = sizes.iter().copied().max().unwrap_or(1).max(1) as f64;
    let pitch_x = (w - label_room) / columns;
    let pitch_y = h / widest;
    // Up to 64 px: on a projector the neurons' pictures grow with the diagram.
    let size = (pitch_y * 0.8).min(pitch_x * 0.45).clamp(3.0, 64.0);
    let mut nodes = Vec::new();
    for (layer, &n) in sizes.iter().enumerate() {
        let pitch = pitch_y.min(size * 1.5);
        let top = (h - pitch * n as f64) / 2.0;
        let x = label_room + pitch_x * (layer as f64 + 0.5) - size / 2.0;
        for index in 0..n {
            let y = top + pitch * (index as f64 + 0.5) - size / 2.0;
            nodes.push(NodeBox { layer, index, x, y, size });
        }
    }
    nodes
}

/// Distance from point p to segment a–b.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 { (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0) } else { 0.0 };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

impl Layout {
    /// What lies under (x, y) in CSS pixels: a neuron first, else the nearest weight within 4 px.
    pub fn hit(&self, x: f64, y: f64) -> Option<Hit> {
        let (x, y) = (x * self.dpr, y * self.dpr);
        if let Some(n) = self.nodes.iter().find(|n| x >= n.x && x <= n.x + n.size && y >= n.y && y <= n.y + n.size) {
            return Some(Hit::Neuron { layer: n.layer, index: n.index });
        }
        let mut best: Option<(f64, Hit)> = None;
        let layers = self.nodes.last().map_or(0, |n| n.layer);
        for layer in 0..layers {
            let from: Vec<&NodeBox> = self.nodes.iter().filter(|n| n.layer == layer).collect();
            let to: Vec<&NodeBox> = self.nodes.iter().filter(|n| n.layer == layer + 1).collect();
            let (Some(f0), Some(t0)) = (from.first(), to.first()) else { continue };
            if x < f0.x + f0.size || x > t0.x {
                continue;
            }
            for a in &from {
                for b in &to {
                    let d = segment_distance((x, y), a.right_mid(), b.left_mid());
                    if d <= 4.0 * self.dpr && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, Hit::Weight { layer, from: a.index, to: b.index }));
                    }
                }
            }
        }
        best.map(|(_, h)| h)
    }
}

impl NodeBox {
    fn right_mid(&self) -> (f64, f64) {
        (self.x + self.size, self.y + self.size / 2.0)
    }
    fn left_mid(&self) -> (f64, f64) {
        (self.x, self.y + self.size / 2.0)
    }
}

/// Everything the diagram needs; weights are read through `weight(layer, from, to)`.
pub struct Diagram<'a> {
    pub sizes: Vec<usize>,
    pub weight: &'a dyn Fn(usize, usize, usize) -> f32,
    /// [layer][neuron] → res² outputs.
    pub maps: &'a [Vec<Vec<f32>>],
    pub map_res: usize,
    pub input_labels: Vec<String>,
    pub highlight: Option<Hit>,
}

pub fn draw(canvas: &HtmlCanvasElement, scratch: &HtmlCanvasElement, d: &Diagram) -> Option<Layout> {
    let (ctx, w, h, dpr) = prepare(canvas)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let label_room = 44.0 * dpr;
    let nodes = layout(&d.sizes, w, h, label_room);
    draw_edges(&ctx, &nodes, d, dpr);
    let fg = theme_color("--fg", "#222");
    ctx.set_font(&super::chart::font(super::chart::Text::Note, dpr * super::canvas::type_scale()));
    ctx.set_text_align("right");
    ctx.set_text_baseline("middle");
    let mut rgba = Vec::new();
    for n in &nodes {
        let map = d.maps.get(n.layer).and_then(|l| l.get(n.index));
        match map {
            Some(values) if n.size >= 8.0 * dpr && values.len() == d.map_res * d.map_res => {
                heatmap_rgba(values, 1, false, &mut rgba);
                paint_grid(&ctx, scratch, &rgba, d.map_res, (n.x, n.y, n.size, n.size));
            }
            _ => {
                ctx.set_fill_style_str(&theme_color("--panel", "#fff"));
                ctx.fill_rect(n.x, n.y, n.size, n.size);
            }
        }
        let highlighted = d.highlight == Some(Hit::Neuron { layer: n.layer, index: n.index });
        ctx.set_stroke_style_str(if highlighted { "#000" } else { "#888" });
        ctx.set_line_width(if highlighted { 3.0 * dpr } else { dpr });
        ctx.stroke_rect(n.x, n.y, n.size, n.size);
        if n.layer == 0 {
            if let Some(label) = d.input_labels.get(n.index) {
                ctx.set_fill_style_str(&fg);
                let _ = ctx.fill_text(label, n.x - 6.0 * dpr, n.y + n.size / 2.0);
            }
        }
    }
    Some(Layout { nodes, dpr })
}

/// Strength levels the lines are drawn in: each (sign, level) is one canvas path with one
/// stroke, so a 64×64 layer costs 16 strokes, not 4,096.
const LEVELS: usize = 8;

fn draw_edges(ctx: &CanvasRenderingContext2d, nodes: &[NodeBox], d: &Diagram, dpr: f64) {
    let layers = d.sizes.len();
    let edges: usize = d.sizes.windows(2).map(|p| p[0] * p[1]).sum();
    // Past a few hundred lines individual widths turn into noise: draw them thin and let
    // opacity carry the strength.
    let detailed = edges <= 600;
    let largest = (0..layers.saturating_sub(1))
        .flat_map(|l| (0..d.sizes[l]).flat_map(move |i| (0..d.sizes[l + 1]).map(move |j| (l, i, j))))
        .map(|(l, i, j)| (d.weight)(l, i, j).abs())
        .filter(|v| v.is_finite())
        .fold(1e-6f32, f32::max);
    let mut starts = Vec::with_capacity(layers);
    let mut start = 0;
    for &n in &d.sizes {
        starts.push(start);
        start += n;
    }
    // buckets[sign * LEVELS + level] = segments
    let mut buckets: Vec<Vec<Segment>> = vec![Vec::new(); 2 * LEVELS];
    let mut highlighted = None;
    for l in 0..layers.saturating_sub(1) {
        for i in 0..d.sizes[l] {
            for j in 0..d.sizes[l + 1] {
                let w = (d.weight)(l, i, j);
                if !w.is_finite() {
                    continue;
                }
                let a = nodes[starts[l] + i].right_mid();
                let b = nodes[starts[l + 1] + j].left_mid();
                if d.highlight == Some(Hit::Weight { layer: l, from: i, to: j }) {
                    highlighted = Some((w, a, b));
                }
                let strength = (w.abs() / largest).clamp(0.0, 1.0);
                let level = ((strength * LEVELS as f32) as usize).min(LEVELS - 1);
                buckets[usize::from(w >= 0.0) * LEVELS + level].push((a, b));
            }
        }
    }
    for (k, segments) in buckets.iter().enumerate() {
        if segments.is_empty() {
            continue;
        }
        let colour = if k >= LEVELS { POSITIVE } else { NEGATIVE };
        let strength = ((k % LEVELS) as f32 + 0.5) / LEVELS as f32;
        let alpha = if detailed { 0.25 + 0.75 * strength } else { 0.05 + 0.6 * strength };
        let width = if detailed { 0.5 + 5.0 * strength as f64 } else { 1.0 };
        ctx.set_stroke_style_str(&css_alpha(colour, alpha));
        ctx.set_line_width(width * dpr);
        ctx.begin_path();
        for (a, b) in segments {
            ctx.move_to(a.0, a.1);
            ctx.line_to(b.0, b.1);
        }
        ctx.stroke();
    }
    if let Some((w, a, b)) = highlighted {
        ctx.set_stroke_style_str(&css_alpha(if w < 0.0 { NEGATIVE } else { POSITIVE }, 1.0));
        ctx.set_line_width(4.0 * dpr);
        ctx.begin_path();
        ctx.move_to(a.0, a.1);
        ctx.line_to(b.0, b.1);
        ctx.stroke();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_fits_every_neuron_inside_the_area() {
        let sizes = [2, 64, 64, 1];
        let nodes = layout(&sizes, 600.0, 300.0, 40.0);
        assert_eq!(nodes.len(), 131);
        for n in &nodes {
            assert!(n.x >= 40.0 && n.x + n.size <= 600.0, "{n:?}");
            assert!(n.y >= -0.01 && n.y + n.size <= 300.01, "{n:?}");
        }
    }

    #[test]
    fn hit_finds_neurons_and_weights() {
        let nodes = layout(&[1, 1], 200.0, 100.0, 0.0);
        let l = Layout { nodes: nodes.clone(), dpr: 1.0 };
        let n = nodes[1];
        assert_eq!(l.hit(n.x + 1.0, n.y + 1.0), Some(Hit::Neuron { layer: 1, index: 0 }));
        let (a, b) = (nodes[0].right_mid(), nodes[1].left_mid());
        let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0 + 2.0);
        assert_eq!(l.hit(mid.0, mid.1), Some(Hit::Weight { layer: 0, from: 0, to: 0 }));
        assert_eq!(l.hit(mid.0, mid.1 + 30.0), None);
    }
}

/// Everything a keyboard can select in a diagram of `sizes` (neurons per layer, inputs first),
/// in reading order: each neuron after the inputs, its bias first, then the weights coming into
/// it from the layer before. The arrow keys walk this list.
pub fn keyboard_order(sizes: &[usize]) -> Vec<Hit> {
    let mut items = Vec::new();
    for (layer, pair) in sizes.windows(2).enumerate() {
        for to in 0..pair[1] {
            items.push(Hit::Neuron { layer: layer + 1, index: to });
            items.extend((0..pair[0]).map(|from| Hit::Weight { layer, from, to }));
        }
    }
    items
}

/// The selection after a key in [`keyboard_order`]: next / previous (either arrow pair), first,
/// last; `None` for a key that does not move it. With nothing selected, any move selects the first.
pub fn keyboard_step(items: &[Hit], current: Option<Hit>, key: &str) -> Option<Hit> {
    let last = items.len().checked_sub(1)?;
    let at = current.and_then(|h| items.iter().position(|x| *x == h));
    let i = match (key, at) {
        ("ArrowDown" | "ArrowRight" | "ArrowUp" | "ArrowLeft", None) | ("Home", _) => 0,
        ("ArrowDown" | "ArrowRight", Some(i)) => (i + 1).min(last),
        ("ArrowUp" | "ArrowLeft", Some(i)) => i.saturating_sub(1),
        ("End", _) => last,
        _ => return None,
    };
    items.get(i).copied()
}

#[cfg(test)]
mod keyboard_tests {
    use super::*;

    #[test]
    fn the_keyboard_walks_each_neuron_then_its_incoming_weights() {
        // 2 inputs → 1 hidden neuron → 1 output: bias of h1, w(x1→h1), w(x2→h1), bias of the
        // output, w(h1→out) — 5 items, which is 2·1 + 1·1 weights plus 2 biases.
        let items = keyboard_order(&[2, 1, 1]);
        assert_eq!(
            items,
            vec![
                Hit::Neuron { layer: 1, index: 0 },
                Hit::Weight { layer: 0, from: 0, to: 0 },
                Hit::Weight { layer: 0, from: 1, to: 0 },
                Hit::Neuron { layer: 2, index: 0 },
                Hit::Weight { layer: 1, from: 0, to: 0 },
            ]
        );
        assert_eq!(keyboard_order(&[2, 4, 2, 1]).len(), 2 * 4 + 4 * 2 + 2 + 4 + 2 + 1);
        assert_eq!(keyboard_step(&items, None, "ArrowDown"), Some(items[0]));
        assert_eq!(keyboard_step(&items, Some(items[0]), "ArrowRight"), Some(items[1]));
        assert_eq!(keyboard_step(&items, Some(items[4]), "ArrowDown"), Some(items[4]), "stays at the end");
        assert_eq!(keyboard_step(&items, Some(items[0]), "ArrowUp"), Some(items[0]));
        assert_eq!(keyboard_step(&items, Some(items[2]), "End"), Some(items[4]));
        assert_eq!(keyboard_step(&items, Some(items[2]), "Home"), Some(items[0]));
        assert_eq!(keyboard_step(&items, Some(items[2]), "x"), None);
        assert_eq!(keyboard_step(&[], None, "ArrowDown"), None);
    }
}
