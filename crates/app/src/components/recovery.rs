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

/// Puts the recovery panel over the page: one piece of markup (every text in it escaped, the
/// panic's message too), its reload link focused.
fn show(details: &str) {
    use crate::components::chart::tools::escaped;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let lang = doc.document_element().and_then(|e| e.get_attribute("lang")).and_then(|c| Lang::from_code(&c)).unwrap_or(Lang::En);
    let href = doc.location().and_then(|l| l.href().ok()).unwrap_or_default();
    let (Ok(panel), Some(body)) = (doc.create_element("div"), doc.body()) else { return };
    panel.set_class_name("crashed");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "crashed-title");
    let _ = panel.set_attribute("data-testid", "crashed");
    panel.set_inner_html(&format!(
        "<h2 id=\"crashed-title\">{}</h2><p>{}</p><a class=\"button primary\" href=\"{}\" data-testid=\"crashed-reload\">{}</a><details><summary>{}</summary><pre>{}</pre></details>",
        escaped(T::CrashedTitle.get(lang)),
        escaped(T::CrashedBody.get(lang)),
        escaped(&href),
        escaped(T::CrashedReload.get(lang)),
        escaped(T::CrashedDetails.get(lang)),
        escaped(details)
    ));
    let _ = body.append_child(&panel);
    if let Some(link) = panel.first_element_child().and_then(|h| h.next_element_sibling()).and_then(|p| p.next_element_sibling()) {
        if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
            let _ = link.focus();
        }
    }
}
