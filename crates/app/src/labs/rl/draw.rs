//! The RL lab's grid pictures: the world's cells (walls, the start, goals and pits with their
//! rewards), and on top either the learner's Q-values (four triangles a cell, arrows for its
//! best moves, the agent and its trail) or the planner's values (a colour and a number a cell,
//! the policy's arrows). Drawing only: the numbers come from core.

use perplexed_core::rl::planning::best_actions;
use perplexed_core::rl::world::{Action, Cell, World, ACTIONS};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::components::canvas::prepare;
use crate::components::colors::{css, css_alpha, signed, Rgb};

/// Where the grid sits on the canvas, in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub x0: f64,
    pub y0: f64,
    pub cell: f64,
    pub width: usize,
    pub height: usize,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl Geometry {
    pub fn new(w: f64, h: f64, width: usize, height: usize, dpr: f64) -> Geometry {
        let margin = 4.0 * dpr;
        let cell = ((w - 2.0 * margin) / width.max(1) as f64).min((h - 2.0 * margin) / height.max(1) as f64).max(1.0);
        let (gw, gh) = (cell * width as f64, cell * height as f64);
        Geometry { x0: (w - gw) / 2.0, y0: (h - gh) / 2.0, cell, width, height, dpr }
    }

    /// The top-left corner of state `s`.
    pub fn corner(&self, s: usize) -> (f64, f64) {
        let (r, c) = (s / self.width.max(1), s % self.width.max(1));
        (self.x0 + c as f64 * self.cell, self.y0 + r as f64 * self.cell)
    }

    pub fn centre(&self, s: usize) -> (f64, f64) {
        let (x, y) = self.corner(s);
        (x + self.cell / 2.0, y + self.cell / 2.0)
    }

    /// The state under a point given in CSS pixels, if any.
    pub fn hit(&self, css_x: f64, css_y: f64) -> Option<usize> {
        let (x, y) = (css_x * self.dpr - self.x0, css_y * self.dpr - self.y0);
        if x < 0.0 || y < 0.0 {
            return None;
        }
        let (c, r) = ((x / self.cell) as usize, (y / self.cell) as usize);
        (c < self.width && r < self.height).then_some(r * self.width + c)
    }
}

/// What is drawn over the cells.
pub enum Overlay<'a> {
    /// The learner: `Q[s·4 + a]`, the agent's cell, its trail (oldest first), and the greedy
    /// policy's path from the start.
    Learner { q: &'a [f64], agent: usize, trail: &'a [usize], path: &'a [usize] },
    /// The planner: the values and the policy.
    Planner { values: &'a [f64], policy: &'a [[f64; ACTIONS]] },
}

const WALL: Rgb = [70, 74, 82];
const GOAL: Rgb = [0, 158, 115];
const PIT: Rgb = [213, 94, 0];
const AGENT: Rgb = [20, 24, 30];
/// The greedy path: purple, apart from the value scale's blue and orange and the goal's green.
const PATH: Rgb = [150, 70, 190];

/// A reward as the page writes numbers: `+1`, `−100`, `0.5`.
pub fn reward_text(r: f64) -> String {
    let s = crate::components::format::number(r, 2);
    // Whole rewards without decimals: +1, −100.
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if r > 0.0 { format!("+{s}") } else { s }
}

fn fill_rect(ctx: &CanvasRenderingContext2d, (x, y, w, h): (f64, f64, f64, f64), colour: &str) {
    ctx.set_fill_style_str(colour);
    ctx.fill_rect(x, y, w, h);
}

fn arrow(ctx: &CanvasRenderingContext2d, (cx, cy): (f64, f64), a: Action, length: f64, width: f64, colour: &str) {
    let (dr, dc) = a.delta();
    let (dx, dy) = (dc as f64, dr as f64);
    let (ex, ey) = (cx + dx * length, cy + dy * length);
    ctx.set_stroke_style_str(colour);
    ctx.set_fill_style_str(colour);
    ctx.set_line_width(width);
    ctx.begin_path();
    ctx.move_to(cx, cy);
    ctx.line_to(ex - dx * width * 1.5, ey - dy * width * 1.5);
    ctx.stroke();
    let head = width * 2.6;
    ctx.begin_path();
    ctx.move_to(ex, ey);
    ctx.line_to(ex - dx * head * 1.4 - dy * head, ey - dy * head * 1.4 + dx * head);
    ctx.line_to(ex - dx * head * 1.4 + dy * head, ey - dy * head * 1.4 - dx * head);
    ctx.close_path();
    ctx.fill();
}

/// The grid with `overlay`, a frame around `cursor` (keyboard editing); its geometry.
pub fn draw(canvas: &HtmlCanvasElement, world: &World, overlay: Overlay, cursor: Option<usize>, fg: Rgb) -> Option<Geometry> {
    let (ctx, w, h, dpr) = prepare(canvas)?;
    ctx.clear_rect(0.0, 0.0, w, h);
    let g = Geometry::new(w, h, world.width(), world.height(), dpr);
    let cell = g.cell;
    // The colour scale: the largest value in absolute terms is full colour.
    let scale = match &overlay {
        Overlay::Learner { q, .. } => q.iter().fold(1e-9f64, |m, v| m.max(v.abs())),
        Overlay::Planner { values, .. } => values.iter().fold(1e-9f64, |m, v| m.max(v.abs())),
    };
    let font = |px: f64, bold: bool| format!("{}{}px system-ui, sans-serif", if bold { "600 " } else { "" }, (px * dpr).round());
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    for s in 0..world.states() {
        let (x, y) = g.corner(s);
        let (cx, cy) = g.centre(s);
        match world.cell(s) {
            Cell::Wall => {
                fill_rect(&ctx, (x, y, cell, cell), &css(WALL));
                continue;
            }
            Cell::Goal(r) | Cell::Pit(r) => {
                let colour = if matches!(world.cell(s), Cell::Goal(_)) { GOAL } else { PIT };
                fill_rect(&ctx, (x, y, cell, cell), &css_alpha(colour, 0.85));
                ctx.set_fill_style_str("#ffffff");
                ctx.set_font(&font((cell / dpr * 0.28).clamp(9.0, 18.0), true));
                let _ = ctx.fill_text(&reward_text(r), cx, cy);
                continue;
            }
            _ => {}
        }
        match &overlay {
            Overlay::Learner { q, .. } => {
                let corners = [(x, y), (x + cell, y), (x + cell, y + cell), (x, y + cell)];
                // Up: the top edge; right, down, left around the cell.
                for a in 0..ACTIONS {
                    let (p1, p2) = (corners[a], corners[(a + 1) % 4]);
                    ctx.set_fill_style_str(&css(signed((q[s * ACTIONS + a] / scale) as f32, false)));
                    ctx.begin_path();
                    ctx.move_to(p1.0, p1.1);
                    ctx.line_to(p2.0, p2.1);
                    ctx.line_to(cx, cy);
                    ctx.close_path();
                    ctx.fill();
                }
                let row: [f64; ACTIONS] = std::array::from_fn(|a| q[s * ACTIONS + a]);
                let best = best_actions(&row);
                // Arrows only where one move stands out (all tied: nothing learnt here yet).
                if best.iter().filter(|&&b| b).count() < ACTIONS {
                    for a in Action::ALL {
                        if best[a as usize] {
                            arrow(&ctx, (cx, cy), a, cell * 0.3, (cell * 0.045).max(1.5 * dpr), &css_alpha(fg, 0.85));
                        }
                    }
                }
            }
            Overlay::Planner { values, policy } => {
                fill_rect(&ctx, (x, y, cell, cell), &css(signed((values[s] / scale) as f32, false)));
                for a in Action::ALL {
                    let p = policy[s][a as usize];
                    if p > 0.0 {
                        arrow(&ctx, (cx, cy), a, cell * (0.14 + 0.26 * p), (cell * 0.035).max(1.2 * dpr), &css_alpha(fg, 0.7));
                    }
                }
                ctx.set_fill_style_str(&css(fg));
                ctx.set_font(&font((cell / dpr * 0.22).clamp(8.0, 15.0), false));
                let _ = ctx.fill_text(&crate::components::format::number(values[s], 2), cx, cy + cell * 0.3);
            }
        }
        if world.cell(s) == Cell::Start {
            ctx.set_fill_style_str(&css(fg));
            ctx.set_font(&font((cell / dpr * 0.22).clamp(8.0, 14.0), true));
            let _ = ctx.fill_text("S", x + cell * 0.16, y + cell * 0.18);
        }
    }
    // Grid lines.
    ctx.set_stroke_style_str(&css_alpha(fg, 0.25));
    ctx.set_line_width(dpr);
    for r in 0..=world.height() {
        ctx.begin_path();
        ctx.move_to(g.x0, g.y0 + r as f64 * cell);
        ctx.line_to(g.x0 + cell * world.width() as f64, g.y0 + r as f64 * cell);
        ctx.stroke();
    }
    for c in 0..=world.width() {
        ctx.begin_path();
        ctx.move_to(g.x0 + c as f64 * cell, g.y0);
        ctx.line_to(g.x0 + c as f64 * cell, g.y0 + cell * world.height() as f64);
        ctx.stroke();
    }
    if let Overlay::Learner { agent, trail, path, .. } = overlay {
        // The way the arrows lead from the start, under the agent.
        if path.len() > 1 {
            ctx.set_stroke_style_str(&css_alpha(PATH, 0.75));
            ctx.set_line_width((cell * 0.1).max(3.0 * dpr));
            ctx.set_line_join("round");
            ctx.begin_path();
            for (k, &s) in path.iter().enumerate() {
                let (x, y) = g.centre(s);
                if k == 0 { ctx.move_to(x, y) } else { ctx.line_to(x, y) }
            }
            ctx.stroke();
        }
        // The trail, fading toward its oldest cell.
        for (k, pair) in trail.windows(2).enumerate() {
            let alpha = 0.15 + 0.6 * (k + 1) as f32 / trail.len().max(1) as f32;
            let (a, b) = (g.centre(pair[0]), g.centre(pair[1]));
            ctx.set_stroke_style_str(&css_alpha(AGENT, alpha));
            ctx.set_line_width((cell * 0.06).max(2.0 * dpr));
            ctx.begin_path();
            ctx.move_to(a.0, a.1);
            ctx.line_to(b.0, b.1);
            ctx.stroke();
        }
        let (ax, ay) = g.centre(agent);
        ctx.set_fill_style_str(&css(AGENT));
        ctx.begin_path();
        let _ = ctx.arc(ax, ay, cell * 0.18, 0.0, std::f64::consts::TAU);
        ctx.fill();
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(2.0 * dpr);
        ctx.stroke();
    }
    if let Some(s) = cursor.filter(|&s| s < world.states()) {
        let (x, y) = g.corner(s);
        ctx.set_stroke_style_str(&css(fg));
        ctx.set_line_width(3.0 * dpr);
        ctx.stroke_rect(x + 1.5 * dpr, y + 1.5 * dpr, cell - 3.0 * dpr, cell - 3.0 * dpr);
    }
    Some(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_finds_its_cell() {
        // 200 × 100 device pixels at 2 per CSS pixel, a 4 × 2 grid with 8 px margins: cells of
        // min((200 − 16)/4, (100 − 16)/2) = min(46, 42) = 42 px; the grid (168 × 84) centred at
        // x0 = (200 − 168)/2 = 16, y0 = (100 − 84)/2 = 8.
        let g = Geometry::new(200.0, 100.0, 4, 2, 2.0);
        assert_eq!(g.cell, 42.0);
        assert_eq!((g.x0, g.y0), (16.0, 8.0));
        assert_eq!(g.hit(10.0, 6.0), Some(0), "(20, 12) device px: the first cell");
        assert_eq!(g.hit(85.0, 40.0), Some(7), "(170, 80): column (170 − 16)/42 = 3, row (80 − 8)/42 = 1");
        assert_eq!(g.hit(95.0, 40.0), None, "x 190 is past the grid's right edge at 184");
        assert_eq!(g.hit(1.0, 1.0), None);
        assert_eq!(reward_text(1.0), "+1");
    }
}
