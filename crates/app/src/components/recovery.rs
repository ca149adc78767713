//! When something goes wrong anyway. Nothing a visitor does should panic — settings are
//! validated, sliders clamped, divergence shown as a state — but if a panic ever happens, the
//! WebAssembly stops for good (release builds abort on panic) and the page would freeze
//! where it was, with no word of why. Instead the panic hook, after logging the panic to the
//! console as before, puts a panel over the page: *something went wrong — reload keeps your
//! settings*. They are: every setting is in the address (`lab_shell::follow_address`), and a
//! lesson or a challenge is kept in the browser's storage as it changes. The panel is built with
//! plain DOM calls, in the page's language (read from `<html lang>`), its reload a plain link
//! to the same address (no code of the stopped page has to run), and the panic's message as
//! text under "details" for a bug report. Every frame loop stops at once (`broken`), so a
//! stopped page does not keep failing on each frame.
//!
//! Tests reach it through a window event, `perplexed:test-panic`, which panics on purpose
//! (a visitor's page never sends it).

use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

use crate::i18n::{Lang, T};

/// Set by the first panic: the page is stopped.
static BROKEN: AtomicBool = AtomicBool::new(false);

/// True once a panic has happened: nothing should run any more.
pub fn broken() -> bool {
    BROKEN.load(Ordering::Relaxed)
}

/// Installs the panic hook (and the test's event). Called once by `app::start`.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if !BROKEN.swap(true, Ordering::SeqCst) {
            show(&info.to_string());
        }
    }));
    if let Some(window) = web_sys::window() {
        let on_event = Closure::<dyn Fn()>::new(|| panic!("a panic asked for by a test (the perplexed:test-panic event)"));
        let _ = window.add_event_listener_with_callback("perplexed:test-panic", on_event.as_ref().unchecked_ref());
        on_event.forget();
    }
}

/// Puts the recovery panel over the page.
fn show(details: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = doc.document_element().and_then(|e| e.get_attribute("lang")).and_then(|c| Lang::from_code(&c)).unwrap_or(Lang::En);
    let href = doc.location().and_then(|l| l.href().ok()).unwrap_or_default();
    let element = |tag: &str, text: &str| {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let build = || -> Option<web_sys::Element> {
        let panel = doc.create_element("div").ok()?;
        panel.set_class_name("crashed");
        panel.set_attribute("role", "alertdialog").ok()?;
        panel.set_attribute("aria-labelledby", "crashed-title").ok()?;
        panel.set_attribute("data-testid", "crashed").ok()?;
        let title = element("h2", T::CrashedTitle.get(lang))?;
        title.set_id("crashed-title");
        let reload = element("a", T::CrashedReload.get(lang))?;
        reload.set_class_name("button primary");
        reload.set_attribute("href", &href).ok()?;
        reload.set_attribute("data-testid", "crashed-reload").ok()?;
        let (body, summary, pre) = (element("p", T::CrashedBody.get(lang))?, element("summary", T::CrashedDetails.get(lang))?, element("pre", details)?);
        let more = doc.create_element("details").ok()?;
        more.append_with_node_2(&summary, &pre).ok()?;
        panel.append_with_node_4(&title, &body, &reload, &more).ok()?;
        doc.body()?.append_child(&panel).ok()?;
        Some(reload)
    };
    if let Some(reload) = build() {
        if let Ok(link) = reload.dyn_into::<web_sys::HtmlElement>() {
            let _ = link.focus();
        }
    }
}
