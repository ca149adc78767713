//! What every lab wires the same way: the address that follows its settings, and the keys a
//! teacher uses in front of a class (Space play/pause, → one step, R reset).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::AppContext;
use crate::i18n::Lang;
use crate::query::{self, QueryReader};

/// Keeps the address equal to the lab's settings: `?lab=<slug>&…` from `pairs`, rewritten at
/// most every 120 ms while a slider is dragged (browsers throttle rapid history updates), and
/// without history entries (a reload or a shared link restores the settings; Back leaves the
/// lab).
pub fn follow_address(slug: &'static str, pairs: impl Fn() -> Vec<(&'static str, String)> + 'static) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let mut all = vec![("lab", slug.to_owned())];
        all.extend(pairs());
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || query::replace_query(&query::write_query(&all)),
            std::time::Duration::from_millis(120),
        )
        .ok();
        timer.set_value(handle);
    });
}

/// The lab's answers to the keyboard: Space (`play_pause`), → (`step`), R (`reset`) — unless
/// the visitor is typing, holds a modifier, or is on a control that owns the key (a slider's
/// arrows, a button's Space). Removed with the lab.
pub fn lab_keys(play_pause: impl Fn() + 'static, step: impl Fn() + 'static, reset: impl Fn() + 'static) {
    let keys = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let tag = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| el.tag_name().to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(tag.as_str(), "input" | "select" | "textarea") {
            return;
        }
        match ev.key().as_str() {
            " " if tag != "button" && tag != "a" => {
                ev.prevent_default();
                play_pause();
            }
            "ArrowRight" => {
                ev.prevent_default();
                step();
            }
            "r" | "R" => reset(),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());
}

/// Opens a lab: the shell's context (a detached one if the lab is mounted without the shell)
/// and the lab's settings read from the address by `parse`; whatever the address held that
/// `parse` did not understand goes to the shell's notice.
pub fn open_lab<P>(parse: impl FnOnce(&mut QueryReader) -> P) -> (AppContext, P) {
    let ctx = use_context::<AppContext>()
        .unwrap_or(AppContext { lang: RwSignal::new(Lang::En), rejected: RwSignal::new(Vec::new()) });
    let mut reader = QueryReader::new(query::current_pairs());
    let params = parse(&mut reader);
    ctx.report_rejected(reader.rejected);
    (ctx, params)
}
