//! How the page is shown, whatever the lab: a classroom's needs, in the shell.
//!
//! - **Theme**: light or dark. The system's until the visitor picks one with the header's switch
//!   (or D); the choice is remembered in this browser, and `web/theme.js` puts it on the root
//!   (`data-theme`) before the first paint. After a switch every picture redraws in the new
//!   colours ([`redraw_everything`]).
//! - **Presenter mode** (P, or `present=1` in the address, which a teacher's link keeps): large
//!   type and stronger lines for a projector, and a spot that follows the pointer so a class
//!   sees where the teacher points (`data-present` on the root; style.css does the rest).
//! - **One panel full-screen** (F): the panel under the pointer, or the one holding the focus.
//! - **The keys** (?): the footer's list of every key, brought into view and marked.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::AppContext;
use crate::i18n::T;
use crate::query;

const THEME_KEY: &str = "perplexed.theme";
/// Sent on the window by web/theme.js when the system's theme changes (and no theme is chosen).
const THEME_EVENT: &str = "perplexed-theme";

pub(crate) fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn root() -> Option<web_sys::Element> {
    document()?.document_element()
}

/// Whether the page is dark now: the visitor's choice, else the system's.
fn is_dark() -> bool {
    match root().and_then(|r| r.get_attribute("data-theme")).as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

fn choose_theme(dark: bool) {
    let theme = if dark { "dark" } else { "light" };
    if let Some(r) = root() {
        let _ = r.set_attribute("data-theme", theme);
    }
    if let Some(s) = crate::context::storage() {
        let _ = s.set_item(THEME_KEY, theme);
    }
    redraw_everything();
}

/// After new colours or a new type size: every picture is drawn again. Kept layers and the
/// colours read from CSS are dropped (canvas::repaint_layers), then a window resize event, which
/// every lab already follows by redrawing all its pictures at their size.
pub(crate) fn redraw_everything() {
    crate::components::canvas::repaint_layers();
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new("resize")) {
        let _ = w.dispatch_event(&e);
    }
}

/// `present=1` in the address.
pub fn present_in_address() -> bool {
    query::current_value("present").as_deref() == Some("1")
}

/// The shell's keys, by physical key (`KeyboardEvent.code`), so they work on a Hebrew layout.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    Theme,
    Present,
    FullScreen,
    Shortcuts,
    /// A lesson's next or previous step (a presentation clicker sends these).
    LessonStep(bool),
}

fn key_for(code: &str, key: &str) -> Option<Key> {
    match (code, key) {
        (_, "?") => Some(Key::Shortcuts),
        ("KeyD", _) => Some(Key::Theme),
        ("KeyP", _) => Some(Key::Present),
        ("KeyF", _) => Some(Key::FullScreen),
        ("PageDown", _) => Some(Key::LessonStep(true)),
        ("PageUp", _) => Some(Key::LessonStep(false)),
        _ => None,
    }
}

/// Full screen for the panel under `pointer` (the last place the pointer was), else the one
/// holding the focus, else the first; or back, if a panel is full-screen already.
fn toggle_full_screen(pointer: (i32, i32)) {
    let Some(doc) = document() else { return };
    if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
        return;
    }
    let panel_of = |el: Option<web_sys::Element>| el.and_then(|e| e.closest(".panel").ok().flatten());
    let panel = panel_of(doc.element_from_point(pointer.0 as f32, pointer.1 as f32))
        .or_else(|| panel_of(doc.active_element()))
        .or_else(|| doc.query_selector(".panel").ok().flatten());
    if let Some(p) = panel {
        let _ = p.request_fullscreen();
    }
}

/// The header's switches once built: what [`Parts::show`] updates when the language or a state
/// changes.
struct Parts {
    theme: web_sys::Element,
    present: web_sys::Element,
    keys: web_sys::Element,
    spot: web_sys::Element,
}

/// A new `tag` with `attrs` (and `text`), appended to `parent`.
pub(crate) fn add(parent: &web_sys::Element, tag: &str, attrs: &[(&str, &str)], text: &str) -> Option<web_sys::Element> {
    let e = document()?.create_element(tag).ok()?;
    for (k, v) in attrs {
        let _ = e.set_attribute(k, v);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    parent.append_child(&e).ok()?;
    Some(e)
}

/// `act` on every click of `e`, for the page's lifetime (the shell is never unmounted).
pub(crate) fn on_click(e: &web_sys::Element, act: impl FnMut() + 'static) {
    let c = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(act);
    let _ = e.add_event_listener_with_callback("click", c.as_ref().unchecked_ref());
    c.forget();
}

/// The page's list of keys: the footer's line ([`T::Keyboard`]), which `?` brings into view.
fn key_list() -> Option<web_sys::HtmlElement> {
    document()?.query_selector("[data-testid=keys]").ok().flatten()?.dyn_into().ok()
}

impl Parts {
    /// Builds the switches into `holder`. Written with the DOM directly rather than as a Leptos
    /// view: every page carries the shell, and this costs a fraction of the download.
    fn build(holder: &web_sys::Element, flip_theme: impl FnMut() + 'static, flip_present: impl FnMut() + 'static, flip_keys: impl FnMut() + 'static) -> Option<Parts> {
        let button = |testid: &str, class: &str, text: &str| add(holder, "button", &[("class", class), ("data-testid", testid)], text);
        let theme = button("theme", "switch", "")?;
        let present = button("present", "switch wide", "")?;
        let keys = button("shortcuts", "switch wide", "?")?;
        let spot = add(holder, "div", &[("class", "pointer-spot"), ("aria-hidden", "true")], "")?;
        on_click(&theme, flip_theme);
        on_click(&present, flip_present);
        on_click(&keys, flip_keys);
        Some(Parts { theme, present, keys, spot })
    }

    /// The texts in `lang`, the switches' states, and the list of keys marked when shown (it
    /// comes into view and takes the focus, so a screen reader reads it).
    fn show(&self, lang: crate::i18n::Lang, dark: bool, present: bool, open: bool) {
        let set = |e: &web_sys::Element, k: &str, v: &str| {
            let _ = e.set_attribute(k, v);
        };
        let yes_no = |b: bool| if b { "true" } else { "false" };
        self.theme.set_text_content(Some(T::Theme.get(lang)));
        set(&self.theme, "title", T::ThemeLabel.get(lang));
        set(&self.theme, "aria-pressed", yes_no(dark));
        self.present.set_text_content(Some(T::Present.get(lang)));
        set(&self.present, "title", T::PresentLabel.get(lang));
        set(&self.present, "aria-pressed", yes_no(present));
        set(&self.keys, "title", T::Shortcuts.get(lang));
        set(&self.keys, "aria-label", T::Shortcuts.get(lang));
        set(&self.keys, "aria-expanded", yes_no(open));
        if let Some(list) = key_list() {
            let shown = list.has_attribute("data-shown");
            if open && !shown {
                let _ = list.set_attribute("data-shown", "");
                list.scroll_into_view();
                let _ = list.focus();
            } else if !open && shown {
                let _ = list.remove_attribute("data-shown");
            }
        }
    }
}

/// What the switches share: their elements (once built), and the states that are not signals
/// (nothing else in the page reads them).
struct Switches {
    parts: OnceCell<Parts>,
    dark: Cell<bool>,
    open: Cell<bool>,
    pointer: Cell<(i32, i32)>,
    lang: RwSignal<crate::i18n::Lang>,
    present: RwSignal<bool>,
}

impl Switches {
    fn show(&self) {
        if let Some(parts) = self.parts.get() {
            parts.show(self.lang.get_untracked(), self.dark.get(), self.present.get_untracked(), self.open.get());
        }
    }
    fn flip_theme(&self) {
        self.dark.set(!self.dark.get());
        choose_theme(self.dark.get());
        self.show();
    }
    fn flip_present(&self) {
        self.present.update(|p| *p = !*p);
    }
    fn open_keys(&self, open: bool) {
        self.open.set(open);
        self.show();
    }
    /// A key anywhere on the page (not while typing in a field).
    fn key(&self, ev: &web_sys::KeyboardEvent) {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        if ev.code() == "Escape" {
            self.open_keys(false);
            return;
        }
        let tag = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
        if matches!(tag.as_str(), "input" | "select" | "textarea") {
            return;
        }
        match key_for(&ev.code(), &ev.key()) {
            Some(Key::Theme) => self.flip_theme(),
            Some(Key::Present) => self.flip_present(),
            Some(Key::FullScreen) => toggle_full_screen(self.pointer.get()),
            Some(Key::Shortcuts) => self.open_keys(!self.open.get()),
            // Only while a lesson plays: otherwise the keys scroll the page as usual.
            Some(Key::LessonStep(forward)) if crate::lesson::playing().is_some() => {
                ev.prevent_default();
                crate::lesson::bar::step_by(forward);
            }
            Some(Key::LessonStep(_)) | None => {}
        }
    }
    /// The pointer moved: kept for F, and the spot follows it in presenter mode.
    fn pointer_at(&self, ev: &web_sys::MouseEvent) {
        self.pointer.set((ev.client_x(), ev.client_y()));
        if self.present.get_untracked() {
            if let Some(s) = self.parts.get().and_then(|p| p.spot.dyn_ref::<web_sys::HtmlElement>()) {
                let _ = s.style().set_property("transform", &format!("translate({}px, {}px)", ev.client_x(), ev.client_y()));
            }
        }
    }
}

/// `act` on every `event` of `target`, for the page's lifetime (the shell is never unmounted).
pub(crate) fn listen<E: JsCast>(target: &web_sys::EventTarget, event: &str, act: impl Fn(&E) + 'static) {
    let c = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        if let Ok(ev) = ev.dyn_into::<E>() {
            act(&ev);
        }
    });
    let _ = target.add_event_listener_with_callback(event, c.as_ref().unchecked_ref());
    c.forget();
}

/// The header's switches (theme, presenter mode, the list of keys), the pointer spot, and the
/// shell's keys; `also` runs after them, on the page and whenever the language changes (the
/// lesson's bar, in the same effect: each effect of its own costs every page download). Plain DOM and plain cells rather than a Leptos view and signals: every page
/// carries the shell, and this way it costs a fraction of the download (one effect follows the
/// language and presenter mode).
pub fn view_switches(ctx: AppContext, also: Option<Box<dyn Fn()>>) -> impl IntoView {
    let state = Rc::new(Switches {
        parts: OnceCell::new(),
        dark: Cell::new(is_dark()),
        open: Cell::new(false),
        pointer: Cell::new((0, 0)),
        lang: ctx.lang,
        present: ctx.present,
    });
    if let Some(w) = web_sys::window() {
        let s = state.clone();
        listen(&w, "keydown", move |ev: &web_sys::KeyboardEvent| s.key(ev));
        let s = state.clone();
        listen(&w, "pointermove", move |ev: &web_sys::MouseEvent| s.pointer_at(ev));
        let s = state.clone();
        listen(&w, THEME_EVENT, move |_: &web_sys::Event| {
            s.dark.set(is_dark());
            s.show();
            redraw_everything();
        });
    }
    Effect::new(move |_| {
        let present = state.present.get();
        state.lang.track();
        if let Some(r) = root() {
            if r.has_attribute("data-present") != present {
                let _ = if present { r.set_attribute("data-present", "") } else { r.remove_attribute("data-present") };
                // Type grows or shrinks: the pictures are redrawn for their new size.
                redraw_everything();
            }
        }
        // Built on the first run, after the header is on the page.
        if state.parts.get().is_none() {
            let holder = document().and_then(|d| d.query_selector("[data-testid=view-switches]").ok().flatten());
            let (a, b, c) = (state.clone(), state.clone(), state.clone());
            if let Some(parts) = holder.and_then(|h| Parts::build(&h, move || a.flip_theme(), move || b.flip_present(), move || c.open_keys(!c.open.get()))) {
                let _ = state.parts.set(parts);
            }
        }
        state.show();
        if let Some(also) = &also {
            also();
        }
    });
    view! { <span class="view-switches" data-testid="view-switches"></span> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_physical_key() {
        // D, P and F on a Hebrew layout type ג, פ and כ: the physical key decides.
        assert_eq!(key_for("KeyD", "ג"), Some(Key::Theme));
        assert_eq!(key_for("KeyP", "פ"), Some(Key::Present));
        assert_eq!(key_for("KeyF", "כ"), Some(Key::FullScreen));
        // `?` by what it types (Shift and a key that differs between layouts).
        assert_eq!(key_for("Slash", "?"), Some(Key::Shortcuts));
        assert_eq!(key_for("KeyR", "r"), None, "R is the transport's");
        assert_eq!(key_for("PageDown", ""), Some(Key::LessonStep(true)));
        assert_eq!(key_for("PageUp", ""), Some(Key::LessonStep(false)));
    }
}
