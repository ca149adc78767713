//! On a lab's page, the two ends of a lesson:
//!
//! - **Writing one**: the header's *+ Step* keeps the lab as it is now (its settings that differ
//!   from the defaults, and the controls it offers, for the editor to hide) as the next step of
//!   the lesson being written, and says which step it became, with a link to the editor.
//! - **Playing one** (`lesson=` in the address): a bar under the header with the lesson's title,
//!   "step 3 of 12", the teacher's note, and the previous and next steps (the buttons, or
//!   PageUp / PageDown — what a presentation clicker sends; → stays the lab's own step, see
//!   `view_modes`). The controls the step hides are hidden. A damaged code is named in the
//!   notice and the lab opens as it would without it.
//!
//! Every lab's download carries this, so it is lean: plain DOM from a fixed template (the
//! teacher's words always go in as text, never as markup), one delegated click listener, no
//! effect or signal of its own (the view switches' effect calls [`Bar::show`]).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::{GetUntracked, Update};
use wasm_bindgen::JsCast;

use super::code::{self, Lesson};
use crate::context::AppContext;
use crate::i18n::{fill, T};
use crate::query::{self, Rejected};
use crate::view_modes::{add, document, listen};

/// The bar's markup: no text in it, the texts are set by [`Bar::show`].
const BAR: &str = r#"<section class="lesson-bar" data-testid="lesson-bar" aria-labelledby="lesson-title"><h2 id="lesson-title" data-testid="lesson-title" dir="auto"></h2><span class="lesson-step" data-testid="lesson-step" aria-live="polite"></span><p class="lesson-note" data-testid="lesson-note" dir="auto"></p><div class="row lesson-nav"><button data-testid="lesson-prev"></button><button data-testid="lesson-next"></button><button data-testid="lesson-leave"></button></div></section>"#;
/// The line that says a step was added.
const ADDED: &str = r#"<p class="lesson-added" role="status" data-testid="lesson-added"><span data-testid="lesson-added-text"></span> <a data-testid="lesson-edit"></a></p>"#;

/// The lesson being played: what it is, its code, the step shown.
struct Playing {
    lesson: Lesson,
    code: String,
    at: usize,
}

pub struct Bar {
    ctx: AppContext,
    lab: &'static str,
    playing: RefCell<Option<Playing>>,
    holder: RefCell<Option<web_sys::Element>>,
    add: RefCell<Option<web_sys::Element>>,
    /// Steps in the lesson being written, once one was added here.
    added: RefCell<Option<usize>>,
}

thread_local! {
    static BAR_NOW: RefCell<Option<Rc<Bar>>> = const { RefCell::new(None) };
}

/// PageDown / PageUp (`view_modes` hears them): the next or the previous step, if a lesson plays.
pub fn step_by(forward: bool) {
    if let Some(bar) = BAR_NOW.with(|b| b.borrow().clone()) {
        let at = bar.playing.borrow().as_ref().map(|p| p.at);
        if let Some(at) = at {
            bar.go(if forward { at + 1 } else { at.wrapping_sub(1) });
        }
    }
}

/// The element with test id `id` inside `holder`.
fn find(holder: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
    holder.query_selector(&format!("[data-testid={id}]")).ok().flatten()
}

fn say(holder: &web_sys::Element, id: &str, text: &str) {
    if let Some(e) = find(holder, id) {
        e.set_text_content(Some(text));
    }
}

impl Bar {
    /// Opens step `at` of the lesson (a new page: the step's own lab and settings).
    fn go(&self, at: usize) {
        let playing = self.playing.borrow();
        let Some(p) = playing.as_ref().filter(|p| at < p.lesson.steps.len()) else { return };
        let address = super::step_address(&p.lesson, &p.code, at, self.ctx.lang.get_untracked(), self.ctx.present.get_untracked());
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(&address);
        }
    }

    /// Adds the lab as it is now to the lesson being written.
    fn add_step(self: &Rc<Self>) {
        let n = super::add_step(self.lab, &query::current_pairs(), &offered_controls());
        if let Some(h) = self.holder.borrow().as_ref() {
            if self.added.borrow().is_none() {
                let _ = h.insert_adjacent_html("beforeend", ADDED);
            }
        }
        *self.added.borrow_mut() = Some(n);
        self.show();
    }

    /// Out of the lesson: the bar and what it hid go, and the address forgets the lesson.
    fn leave(&self) {
        super::set_playing(None);
        *self.playing.borrow_mut() = None;
        if let Some(h) = self.holder.borrow().as_ref() {
            for id in ["lesson-bar", "lesson-hidden"] {
                if let Some(e) = find(h, id) {
                    e.remove();
                }
            }
        }
        let kept: Vec<(String, String)> = query::current_pairs().into_iter().filter(|(k, _)| k != "lesson" && k != "step").collect();
        query::replace_query(&query::write_query(&kept.iter().map(|(k, v)| (k.as_str(), v.clone())).collect::<Vec<_>>()));
    }

    /// On the first call, builds the header's button and, when a lesson plays, its bar; then the
    /// texts in the page's language.
    pub fn show(self: &Rc<Self>) {
        if self.holder.borrow().is_none() {
            self.build();
        }
        let l = self.ctx.lang.get_untracked();
        if let Some(add) = self.add.borrow().as_ref() {
            add.set_text_content(Some(T::LessonAdd.get(l)));
            let _ = add.set_attribute("title", T::LessonAddLabel.get(l));
        }
        let holder = self.holder.borrow();
        let Some(h) = holder.as_ref() else { return };
        if let Some(n) = *self.added.borrow() {
            say(h, "lesson-added-text", &fill(T::LessonAdded.get(l), &[&n.to_string()]));
            say(h, "lesson-edit", T::LessonEdit.get(l));
            if let Some(link) = find(h, "lesson-edit") {
                let _ = link.set_attribute("href", &format!("./?edit=lesson&lang={}", l.code()));
            }
        }
        if let Some(p) = self.playing.borrow().as_ref() {
            say(h, "lesson-title", if p.lesson.title.is_empty() { T::LessonLabel.get(l) } else { &p.lesson.title });
            say(h, "lesson-step", &fill(T::LessonStep.get(l), &[&(p.at + 1).to_string(), &p.lesson.steps.len().to_string()]));
            say(h, "lesson-prev", T::LessonPrev.get(l));
            say(h, "lesson-next", T::LessonNext.get(l));
            say(h, "lesson-leave", T::LessonLeave.get(l));
        }
    }

    fn build(self: &Rc<Self>) {
        let Some(doc) = document() else { return };
        let Some(h) = doc.query_selector("[data-testid=lesson-holder]").ok().flatten() else { return };
        let switches = doc.query_selector("[data-testid=view-switches]").ok().flatten();
        if let Some(b) = switches.and_then(|s| add(&s, "button", &[("class", "switch wide"), ("data-testid", "lesson-add")], "")) {
            *self.add.borrow_mut() = Some(b);
        }
        if let Some(p) = self.playing.borrow().as_ref() {
            h.set_inner_html(BAR);
            let step = &p.lesson.steps[p.at];
            say(&h, "lesson-note", &step.note);
            let disable = |id: &str, off: bool| if let (true, Some(b)) = (off, find(&h, id)) { let _ = b.set_attribute("disabled", ""); };
            disable("lesson-prev", p.at == 0);
            disable("lesson-next", p.at + 1 == p.lesson.steps.len());
            // The controls this step hides (ids reduced to letters, digits, - and _).
            let hidden: Vec<String> = step.hidden.iter().map(|id| format!("[data-control=\"{}\"]", id.replace(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'), ""))).collect();
            if !hidden.is_empty() {
                let _ = add(&h, "style", &[("data-testid", "lesson-hidden")], &format!("{}{{display:none!important}}", hidden.join(",")));
            }
        }
        // One listener for the header's button and the bar's three.
        let me = self.clone();
        let act = move |id: &str| match id {
            "lesson-add" => me.add_step(),
            "lesson-leave" => me.leave(),
            "lesson-prev" | "lesson-next" => step_by(id == "lesson-next"),
            _ => {}
        };
        let act = Rc::new(act);
        for target in [Some(h.clone()), self.add.borrow().clone()].into_iter().flatten() {
            let act = act.clone();
            listen(&target, "click", move |ev: &web_sys::Event| {
                let hit = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("button").ok().flatten());
                if let Some(id) = hit.and_then(|b| b.get_attribute("data-testid")) {
                    act(&id);
                }
            });
        }
        *self.holder.borrow_mut() = Some(h);
    }
}

/// The controls on the page, by `data-control` id, with their labels (the editor's "hide").
fn offered_controls() -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    let Some(list) = document().and_then(|d| d.query_selector_all("main [data-control]").ok()) else { return found };
    for i in 0..list.length() {
        let Some(el) = list.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Some(id) = el.get_attribute("data-control") else { continue };
        let label = el.query_selector("label, .control-head span").ok().flatten().and_then(|l| l.text_content()).map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).unwrap_or_else(|| id.clone());
        if !found.iter().any(|(f, _)| *f == id) && found.len() < 60 {
            found.push((id, label));
        }
    }
    found
}

/// The lesson in the address, read: the lesson and the step, or the notice says why not.
fn read_playing(ctx: AppContext) -> Option<Playing> {
    let (code, at) = super::playing()?;
    let reject = |name: &str, raw: &str| {
        let shown: String = raw.chars().take(24).collect();
        let raw = if shown.len() < raw.len() { format!("{shown}…") } else { shown };
        ctx.rejected.update(|r| r.push(Rejected { name: name.into(), raw }));
    };
    match code::decode(&code) {
        Ok(lesson) if !lesson.steps.is_empty() => {
            let last = lesson.steps.len() - 1;
            if at > last {
                reject("step", &(at + 1).to_string());
                super::set_playing(Some((code.clone(), last)));
            }
            Some(Playing { lesson, code, at: at.min(last) })
        }
        _ => {
            reject("lesson", &code);
            super::set_playing(None);
            None
        }
    }
}

/// The lesson's part of a lab's page: what the view switches' effect runs after them (built
/// on its first run, when the page is mounted; the texts again on every change of language).
pub fn lesson_bar(ctx: AppContext, lab: &'static str) -> Box<dyn Fn()> {
    let bar = Rc::new(Bar { ctx, lab, playing: RefCell::new(read_playing(ctx)), holder: RefCell::new(None), add: RefCell::new(None), added: RefCell::new(None) });
    BAR_NOW.with(|b| *b.borrow_mut() = Some(bar.clone()));
    Box::new(move || bar.show())
}
