//! Canvas plumbing: a crisp backing store on high-density screens, and painting an RGBA grid
//! scaled up to fill a plot (≤ 0.1 ms for 64², where drawing cells one by one costs ~10 ms).

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

/// A detached canvas to paint grids through.
pub fn scratch_canvas() -> Option<HtmlCanvasElement> {
    web_sys::window()?.document()?.create_element("canvas").ok()?.dyn_into::<HtmlCanvasElement>().ok()
}

/// Reads a CSS custom property (theme colours live in CSS so dark mode is one media query).
pub fn theme_color(name: &str, fallback: &str) -> String {
    web_sys::window()
        .and_then(|w| {
            let root = w.document()?.document_element()?;
            let style = w.get_computed_style(&root).ok().flatten()?;
            let v = style.get_property_value(name).ok()?;
            let v = v.trim().to_owned();
            (!v.is_empty()).then_some(v)
        })
        .unwrap_or_else(|| fallback.to_owned())
}

/// Milliseconds from the page's high-resolution clock.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}
