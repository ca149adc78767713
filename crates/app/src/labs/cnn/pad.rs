//! The drawing pad: a 32 × 32 grid of dots drawn with a mouse, a finger or a pen, reduced to
//! the 8 × 8 image the network sees exactly as the data set's scans were
//! ([`from_scan`](perplexed_core::data::digits::from_scan)). Clear and undo (a stroke at a
//! time); the drawing never leaves the page.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::digits::{from_scan, SCAN_SIDE};

use crate::components::canvas::{prepare, theme_color};
use crate::i18n::Lang;

use super::text::CT;

/// The pen's radius in dots: a stroke about three dots wide, as the scanned digits' strokes.
const PEN_RADIUS: f32 = 1.6;
/// Strokes kept for undo.
const UNDO_DEPTH: usize = 50;

/// The pad, its buttons, and `image`, kept equal to the drawing as the network sees it.
pub fn drawing_pad(lang: RwSignal<Lang>, image: RwSignal<Vec<f32>>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let dots = StoredValue::new(vec![false; SCAN_SIDE * SCAN_SIDE]);
    let undo = StoredValue::new(Vec::<Vec<bool>>::new());
    let last = StoredValue::new(None::<(f32, f32)>);
    let drawing = StoredValue::new(false);
    let can_undo = RwSignal::new(false);

    let redraw = move || {
        if let Some(c) = canvas.get() {
            dots.with_value(|d| paint(&c, d));
        }
        image.set(dots.with_value(|d| from_scan(d)));
        can_undo.set(undo.with_value(|u| !u.is_empty()));
    };
    // The grid in dots under the pointer.
    let at = move |ev: &web_sys::PointerEvent| -> Option<(f32, f32)> {
        let c = canvas.get()?;
        let r = c.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return None;
        }
        let x = (f64::from(ev.client_x()) - r.left()) / r.width() * SCAN_SIDE as f64;
        let y = (f64::from(ev.client_y()) - r.top()) / r.height() * SCAN_SIDE as f64;
        Some((x as f32, y as f32))
    };
    let ink_to = move |p: (f32, f32)| {
        let from = last.get_value().unwrap_or(p);
        dots.update_value(|d| stroke(d, from, p));
        last.set_value(Some(p));
        redraw();
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        ev.prevent_default();
        let Some(p) = at(&ev) else { return };
        if let Some(c) = canvas.get() {
            // Keep receiving the stroke when the pen leaves the pad mid-line.
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        undo.update_value(|u| {
            if u.len() == UNDO_DEPTH {
                u.remove(0);
            }
            u.push(dots.get_value());
        });
        drawing.set_value(true);
        last.set_value(None);
        ink_to(p);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if drawing.get_value() {
            if let Some(p) = at(&ev) {
                ink_to(p);
            }
        }
    };
    let on_up = move |_ev: web_sys::PointerEvent| {
        drawing.set_value(false);
        last.set_value(None);
    };
    let clear = move |_| {
        if dots.with_value(|d| d.iter().any(|&x| x)) {
            undo.update_value(|u| u.push(dots.get_value()));
        }
        dots.set_value(vec![false; SCAN_SIDE * SCAN_SIDE]);
        redraw();
    };
    let undo_stroke = move |_| {
        if let Some(previous) = undo.try_update_value(|u| u.pop()).flatten() {
            dots.set_value(previous);
            redraw();
        }
    };
    // Paint once laid out, and again on a resize or a theme change.
    Effect::new(move |_| {
        if canvas.get().is_some() {
            request_animation_frame(redraw);
        }
    });
    let t = move |k: crate::i18n::Label| move || k.get(lang.get());
    view! {
        <div class="cnn-pad-wrap">
            <canvas node_ref=canvas class="cnn-pad" data-testid="draw-pad" dir="ltr"
                aria-label=t(CT::PadLabel) role="img"
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up></canvas>
            <div class="row">
                <button data-testid="draw-clear" on:click=clear>{t(CT::Clear)}</button>
                <button data-testid="draw-undo" disabled=move || !can_undo.get() on:click=undo_stroke>{t(CT::Undo)}</button>
            </div>
        </div>
    }.into_any()
}

/// Inks the dots within `PEN_RADIUS` of the segment `from`–`to` (in dots).
fn stroke(dots: &mut [bool], from: (f32, f32), to: (f32, f32)) {
    let length = ((to.0 - from.0).powi(2) + (to.1 - from.1).powi(2)).sqrt();
    // Stamps half a dot apart: a quick stroke stays a line, not a row of beads.
    let stamps = (length * 2.0).ceil().max(1.0) as usize;
    for s in 0..=stamps {
        let f = s as f32 / stamps as f32;
        let (x, y) = (from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f);
        let lo = |v: f32| (v - PEN_RADIUS).floor().max(0.0) as usize;
        let hi = |v: f32| ((v + PEN_RADIUS).ceil().max(0.0) as usize).min(SCAN_SIDE);
        for r in lo(y)..hi(y) {
            for c in lo(x)..hi(x) {
                let (dx, dy) = (c as f32 + 0.5 - x, r as f32 + 0.5 - y);
                if dx * dx + dy * dy <= PEN_RADIUS * PEN_RADIUS {
                    dots[r * SCAN_SIDE + c] = true;
                }
            }
        }
    }
}

/// The dots in ink, with the 8 × 8 blocks the network sees marked by faint lines.
fn paint(canvas: &web_sys::HtmlCanvasElement, dots: &[bool]) {
    let Some((ctx, w, h, _)) = prepare(canvas) else { return };
    ctx.set_fill_style_str(&theme_color("--panel", "#fff"));
    ctx.fill_rect(0.0, 0.0, w, h);
    let (cw, ch) = (w / SCAN_SIDE as f64, h / SCAN_SIDE as f64);
    ctx.set_fill_style_str(&theme_color("--fg", "#222"));
    for (i, _) in dots.iter().enumerate().filter(|(_, &d)| d) {
        let (r, c) = (i / SCAN_SIDE, i % SCAN_SIDE);
        ctx.fill_rect((c as f64 * cw).floor(), (r as f64 * ch).floor(), cw.ceil(), ch.ceil());
    }
    ctx.set_stroke_style_str(&theme_color("--line", "#ddd"));
    ctx.set_line_width(1.0);
    ctx.begin_path();
    for k in 1..8 {
        let (x, y) = ((k as f64 * w / 8.0).round() + 0.5, (k as f64 * h / 8.0).round() + 0.5);
        ctx.move_to(x, 0.0);
        ctx.line_to(x, h);
        ctx.move_to(0.0, y);
        ctx.line_to(w, y);
    }
    ctx.stroke();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_inks_a_continuous_line_three_dots_wide() {
        let mut dots = vec![false; SCAN_SIDE * SCAN_SIDE];
        stroke(&mut dots, (4.5, 16.5), (27.5, 16.5));
        // Every column the line crosses has ink in rows 15–17, none in rows 14 or 18.
        for c in 4..28 {
            assert!((15..=17).all(|r| dots[r * SCAN_SIDE + c]), "column {c}");
            assert!(!dots[14 * SCAN_SIDE + c] && !dots[18 * SCAN_SIDE + c], "column {c}");
        }
        // A point off the pad inks nothing out of bounds and never panics.
        stroke(&mut dots, (-40.0, -3.0), (90.0, 400.0));
    }
}
