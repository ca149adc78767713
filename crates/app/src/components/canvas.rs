//! Canvas plumbing: a crisp backing store on high-density screens, painting an RGBA grid
//! scaled up to fill a plot (≤ 0.1 ms for 64², where drawing cells one by one costs ~10 ms), and
//! layers that keep a picture between frames until what it shows changes.
//!
//! Why layers: Chromium records canvas drawing and rasterises it when the frame is committed, so
//! its cost never shows in the lab's own timing. Measured on the project's headless Chromium
//! (software raster, 602² canvas): 1,000 data points drawn one by one cost 20 ms of raster,
//! copying the same picture from a kept layer 0.2 ms. A 60 Hz frame has 16.7 ms in all.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The 2-D context, with the backing store resized to the element's CSS size × device pixel
/// ratio. Returns the context and the size in *device* pixels, or `None` while not laid out.
pub fn prepare(canvas: &HtmlCanvasElement) -> Option<(CanvasRenderingContext2d, f64, f64, f64)> {
    let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).clamp(1.0, 3.0);
    let css_w = canvas.client_width() as f64;
    let css_h = canvas.client_height() as f64;
    if css_w <= 0.0 || css_h <= 0.0 {
        return None;
    }
    let (w, h) = ((css_w * dpr).round(), (css_h * dpr).round());
    if canvas.width() != w as u32 || canvas.height() != h as u32 {
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
    }
    let ctx = context(canvas)?;
    Some((ctx, w, h, dpr))
}

pub fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Paints `rgba` (res×res) into the rectangle (x, y, w, h) of `ctx`, smoothly scaled.
/// `scratch` is a reusable off-screen canvas.
pub fn paint_grid(
    ctx: &CanvasRenderingContext2d,
    scratch: &HtmlCanvasElement,
    rgba: &[u8],
    res: usize,
    (x, y, w, h): (f64, f64, f64, f64),
) {
    if res == 0 || rgba.len() != res * res * 4 {
        return;
    }
    if scratch.width() != res as u32 {
        scratch.set_width(res as u32);
        scratch.set_height(res as u32);
    }
    let Some(sctx) = context(scratch) else { return };
    let Ok(image) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), res as u32, res as u32)
    else {
        return;
    };
    let _ = sctx.put_image_data(&image, 0.0, 0.0);
    ctx.set_image_smoothing_enabled(true);
    let _ = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(scratch, x, y, w, h);
}

/// A detached canvas.
fn detached_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()
}

/// The off-screen canvases a lab draws through: one to scale grids up with, and two layers, for
/// the data points and for marks a lab adds on top of them. Clones share the canvases.
#[derive(Clone)]
pub struct Scratch {
    pub grid: HtmlCanvasElement,
    pub points: Layer,
    pub marks: Layer,
}

pub fn scratch() -> Option<Scratch> {
    Some(Scratch { grid: detached_canvas()?, points: Layer::new()?, marks: Layer::new()? })
}

/// A picture kept off screen and copied onto a canvas each frame; redrawn only when its key —
/// a hash of everything it shows, see [`key_of`] — changes, or the canvas's size does.
#[derive(Clone)]
pub struct Layer {
    canvas: HtmlCanvasElement,
    key: Rc<Cell<Option<u64>>>,
}

impl Layer {
    fn new() -> Option<Layer> {
        Some(Layer { canvas: detached_canvas()?, key: Rc::new(Cell::new(None)) })
    }

    /// Puts the picture onto `ctx` (a canvas of `w` × `h` device pixels): from the layer when
    /// `key` matches the picture kept, else drawn anew by `paint` into the layer first. With no
    /// key (a picture that changes every frame, such as an animation) `paint` draws straight
    /// onto `ctx`, as copying would only add work.
    pub fn show(&self, ctx: &CanvasRenderingContext2d, (w, h): (f64, f64), key: Option<u64>, paint: impl FnOnce(&CanvasRenderingContext2d)) {
        let Some(key) = key else {
            self.key.set(None);
            paint(ctx);
            return;
        };
        // A change of colours (repaint_layers) makes every kept picture stale.
        let key = key_of([key, PAINT_EPOCH.with(Cell::get)]);
        let (cw, ch) = (w as u32, h as u32);
        let resized = self.canvas.width() != cw || self.canvas.height() != ch;
        if resized || self.key.get() != Some(key) {
            if resized {
                self.canvas.set_width(cw);
                self.canvas.set_height(ch);
            }
            let Some(lctx) = context(&self.canvas) else {
                paint(ctx);
                return;
            };
            lctx.clear_rect(0.0, 0.0, w, h);
            paint(&lctx);
            self.key.set(Some(key));
        }
        let _ = ctx.draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0);
    }
}

thread_local! {
    /// Mixed into every layer's key: bumped when the theme's colours change.
    static PAINT_EPOCH: Cell<u64> = const { Cell::new(0) };
}

/// Makes every kept layer draw anew on its next show, and the theme's colours be read again
/// (after the theme changed).
pub fn repaint_layers() {
    PAINT_EPOCH.with(|e| e.set(e.get() + 1));
}

/// A layer's key: a hash (FNV-1a over 64-bit words) of what it shows. Not a defence against
/// anyone, only a change detector, so the smallest good hash serves.
pub fn key_of(words: impl IntoIterator<Item = u64>) -> u64 {
    words.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, w| (h ^ w).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Reads a computed style of the page's root: a CSS custom property (theme colours live in CSS
/// so dark mode is one media query) or a property such as its `font-size`.
/// Values are kept for a second: reading one calls `getComputedStyle`, which makes the browser
/// recompute the page's styles whenever the DOM changed since — every frame while a lab trains,
/// a dozen times a frame. A change of theme or of presenter mode (`view_modes`) reads them anew
/// at once (repaint_layers); a change of the system's theme shows within the second.
pub fn theme_color(name: &str, fallback: &str) -> String {
    /// When read (ms), in which epoch of PAINT_EPOCH, and name → value.
    type Kept = (f64, u64, Vec<(String, String)>);
    thread_local! {
        static KEPT: RefCell<Kept> = const { RefCell::new((f64::NEG_INFINITY, 0, Vec::new())) };
    }
    let now = now_ms();
    let epoch = PAINT_EPOCH.with(Cell::get);
    KEPT.with_borrow_mut(|(read_at, read_in, values)| {
        // Kept a second, or until the theme changes (repaint_layers).
        if now - *read_at > 1000.0 || *read_in != epoch {
            *read_at = now;
            *read_in = epoch;
            values.clear();
        }
        if let Some((_, v)) = values.iter().find(|(n, _)| n == name) {
            return v.clone();
        }
        let v = read_theme_color(name).unwrap_or_else(|| fallback.to_owned());
        values.push((name.to_owned(), v.clone()));
        v
    })
}

fn read_theme_color(name: &str) -> Option<String> {
    let w = web_sys::window()?;
    let style = w.get_computed_style(&w.document()?.document_element()?).ok().flatten()?;
    let v = style.get_property_value(name).ok()?.trim().to_owned();
    (!v.is_empty()).then_some(v)
}

/// The page's type scale: its root font size over the 15 px it has on a phone
/// (`font-size: clamp(15px, 0.55vw + 10px, 21px)` in the stylesheet), so 1 at 375 px, ≈1.14 at
/// 1280 px and ≈1.37 at 1920 px. Charts draw in units of 1/scale CSS pixels, so their text,
/// lines and margins grow with the page's text on a projector. Kept for a second, as
/// [`theme_color`] is.
pub fn type_scale() -> f64 {
    let root_px: Option<f64> = theme_color("font-size", "15px").trim().trim_end_matches("px").parse().ok();
    root_px.map_or(1.0, |px| (px / 15.0).clamp(1.0, 1.5))
}

/// Milliseconds from the page's high-resolution clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_content_and_order() {
        // FNV-1a of no words is its offset basis; one word: (basis ^ 1) × prime, mod 2⁶⁴.
        assert_eq!(key_of([]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(key_of([1]), (0xcbf2_9ce4_8422_2325u64 ^ 1).wrapping_mul(0x0000_0100_0000_01b3));
        assert_ne!(key_of([1, 2]), key_of([2, 1]));
        assert_ne!(key_of([1, 2]), key_of([1, 2, 0]));
    }
}
