//! Challenges: a few "try this" goals per lab — "make plain SGD diverge", "validation accuracy
//! ≥ 90 % on the spiral with at most 8 neurons" — that the page checks while the learner plays,
//! and marks done the moment one is met.
//!
//! A goal is a sentence and a bit: each lab gives its goals' texts and a `met` reading that
//! returns, as a bit mask, which goals its current state meets (bit `i` for goal `i`). Reading
//! it tracks the lab's signals, so it is checked again whenever the lab's numbers change (every
//! frame while training) — the lab's own `met` function is plain arithmetic on numbers core
//! computed, tested natively. What was met stays done (a goal met once is learnt, even after
//! the learner moves on), kept in this browser only so a returning learner sees what they did;
//! *Start over* clears it.
//!
//! Drawn straight into the DOM, in the lab's heading: the list is written once per language
//! (our own sentences, escaped all the same) and then only its marks change, so a focused
//! summary or button stays focused as a goal turns done. No view type of its own and one effect:
//! every lab carries it, most of them a few KB under their download budget (the element-tree
//! builder, `dom::live`, would have cost a lab without it ~6 KB gzip).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::components::chart::tools::escaped;
use crate::i18n::{fill, Label, Lang, T};

/// Where a lab's done goals are kept (`localStorage`), as a decimal bit mask.
fn key(slug: &str) -> String {
    format!("perplexed.challenges.{slug}")
}

/// The bits of `now` that are newly met, given what was `done` before.
pub fn newly_met(done: u32, now: u32, goals: usize) -> u32 {
    now & !done & ((1u32 << goals.min(31)) - 1)
}

/// What the panel holds between checks.
struct Shown {
    done: u32,
    /// The goal that turned done last (announced), none until one does on this page.
    latest: Option<usize>,
    /// The language the list was written in.
    lang: Option<Lang>,
    holder: Option<Element>,
}

/// The panel, placed in the lab's heading: the goals as a checklist under "Try this", each
/// marked done once `met` says so, with a polite announcement for screen readers as one turns
/// done. One effect checks, keeps and shows (no view of its own: see the module's note).
pub fn panel(slug: &'static str, lang: RwSignal<Lang>, goals: &'static [Label], met: impl Fn() -> u32 + 'static) {
    let storage = crate::context::storage;
    let stored = storage().and_then(|s| s.get_item(&key(slug)).ok().flatten()).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    let shown = Rc::new(RefCell::new(Shown { done: newly_met(0, stored, goals.len()), latest: None, lang: None, holder: None }));
    Effect::new(move |_| {
        let (now, l) = (met(), lang.get());
        let mut s = shown.borrow_mut();
        let fresh = newly_met(s.done, now, goals.len());
        if fresh != 0 {
            s.done |= fresh;
            s.latest = Some(fresh.trailing_zeros() as usize);
            if let Some(st) = storage() {
                let _ = st.set_item(&key(slug), &s.done.to_string());
            }
        }
        if s.holder.is_none() {
            s.holder = place(slug, goals, &shown);
        }
        let Some(h) = s.holder.clone() else { return };
        if s.lang != Some(l) {
            // Written anew in the new language, folded or open as it was.
            let open = h.query_selector("details[open]").ok().flatten().is_some();
            h.set_inner_html(&markup(goals, l, open));
            s.lang = Some(l);
        } else if fresh == 0 {
            return;
        }
        mark(&h, goals, s.done, s.latest, l);
    });
}

/// Puts the panel's container into the lab's heading, listening for *Start over*.
fn place(slug: &'static str, goals: &'static [Label], shown: &Rc<RefCell<Shown>>) -> Option<Element> {
    let doc = web_sys::window()?.document()?;
    let head = doc.query_selector(".lab-head").ok()??;
    let holder = doc.create_element("section").ok()?;
    let _ = holder.set_attribute("data-testid", "challenges");
    holder.set_class_name("challenges-holder");
    // In the heading: on a wide screen it sits folded in the heading's corner and opens over the
    // page (style.css), so the lab's first screen is the lab's; on a narrow one, under the summary.
    let _ = head.append_child(&holder);
    let shown = Rc::clone(shown);
    let start_over = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        let hit = ev.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|e| e.get_attribute("data-testid").as_deref() == Some("challenges-reset"));
        let (true, Ok(mut s)) = (hit, shown.try_borrow_mut()) else { return };
        (s.done, s.latest) = (0, None);
        if let Some(st) = crate::context::storage() {
            let _ = st.remove_item(&key(slug));
        }
        if let (Some(h), Some(l)) = (s.holder.clone(), s.lang) {
            mark(&h, goals, 0, None, l);
        }
    });
    let _ = holder.add_event_listener_with_callback("click", start_over.as_ref().unchecked_ref());
    // It lives as long as the page.
    start_over.forget();
    Some(holder)
}

/// The checklist's markup in `l`, every goal open (see [`mark`]). Each goal's mark (✓ or ○) is
/// read out with it by a screen reader ("check mark"), so its state needs no words of its own.
pub fn markup(goals: &[Label], l: Lang, open: bool) -> String {
    let items: String = goals.iter().enumerate().map(|(i, g)| format!("<li data-testid=\"challenge-{i}\"><span class=\"mark\"></span> {}</li>", escaped(g.get(l)))).collect();
    format!(
        "<details class=\"challenges\"{}><summary data-testid=\"challenges-summary\">{}<span class=\"tally\" data-testid=\"challenges-tally\"></span></summary><ol>{items}</ol><button type=\"button\" data-testid=\"challenges-reset\">{}</button></details><span class=\"sr-only\" aria-live=\"polite\"></span>",
        if open { " open" } else { "" },
        escaped(T::TryThis.get(l)),
        escaped(T::StartOver.get(l)),
    )
}

/// The tally ("1 of 3 done") and the announcement of the goal met last, for `done` (a bit per goal).
pub fn said(goals: &[Label], done: u32, latest: Option<usize>, l: Lang) -> (String, String) {
    let count = (0..goals.len()).filter(|i| done & (1 << i) != 0).count();
    let tally = fill(T::ChallengesTally.get(l), &[&count.to_string(), &goals.len().to_string()]);
    (tally, latest.and_then(|i| goals.get(i)).map(|g| fill(T::ChallengeMet.get(l), &[g.get(l)])).unwrap_or_default())
}

/// Puts the marks into the list [`markup`] wrote: each goal done or not (`data-done`, its mark),
/// the tally, *Start over* shown when there is something to clear, the announcement.
fn mark(h: &Element, goals: &[Label], done: u32, latest: Option<usize>, l: Lang) {
    let (tally, announce) = said(goals, done, latest, l);
    let Some(details) = h.first_element_child() else { return };
    let Some(summary) = details.first_element_child() else { return };
    let Some(list) = summary.next_element_sibling() else { return };
    let items = list.children();
    for i in 0..goals.len() {
        let Some(li) = items.item(i as u32) else { continue };
        let met = done & (1 << i) != 0;
        let _ = li.set_attribute("data-done", if met { "true" } else { "false" });
        if let Some(sign) = li.first_element_child() {
            sign.set_text_content(Some(if met { "✓" } else { "○" }));
        }
    }
    if let Some(t) = summary.last_element_child() {
        t.set_text_content(Some(&tally));
    }
    if let Some(b) = list.next_element_sibling() {
        let _ = b.toggle_attribute_with_force("hidden", done == 0);
    }
    if let Some(live) = h.last_element_child() {
        live.set_text_content(Some(&announce));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOALS: &[Label] = &[Label::new("First <b>", "ראשון"), Label::new("Second", "שני")];

    #[test]
    fn a_goal_met_once_is_reported_once_and_only_goals_that_exist() {
        // Goals 0 and 2 met now, 0 already done: only 2 is new.
        assert_eq!(newly_met(0b001, 0b101, 3), 0b100);
        // Nothing new when all that is met was done.
        assert_eq!(newly_met(0b111, 0b011, 3), 0);
        // A bit past the last goal (a stale stored mask, a lab with fewer goals now) is ignored.
        assert_eq!(newly_met(0, 0b1000, 3), 0);
    }

    #[test]
    fn the_list_has_an_item_per_goal_its_text_escaped_in_either_language() {
        let html = markup(GOALS, Lang::En, false);
        assert_eq!(html.matches("<li ").count(), 2);
        assert!(html.contains("data-testid=\"challenge-0\"") && html.contains("data-testid=\"challenge-1\"") && !html.contains("challenge-2"));
        assert!(html.contains("First &lt;b&gt;"), "text, never markup");
        assert!(html.contains("Try this") && html.contains("Start over") && !html.contains(" open>"));
        assert!(markup(GOALS, Lang::He, true).contains("<details class=\"challenges\" open>"), "an open list stays open");
        assert!(markup(GOALS, Lang::He, false).contains("ראשון"));
    }

    #[test]
    fn the_tally_counts_the_goals_done_and_the_goal_met_last_is_announced() {
        assert_eq!(said(GOALS, 0b10, Some(1), Lang::En), ("1 of 2 done".to_owned(), "Challenge met: Second".to_owned()));
        assert_eq!(said(GOALS, 0b11, None, Lang::He), ("2 מתוך 2 הושלמו".to_owned(), String::new()));
        assert_eq!(said(GOALS, 0, None, Lang::En).0, "0 of 2 done");
    }
}
