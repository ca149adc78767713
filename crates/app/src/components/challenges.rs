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

use leptos::prelude::*;

use crate::components::dom::{live, El};
use crate::i18n::{fill, Label, Lang, T};

/// Where a lab's done goals are kept (`localStorage`), as a decimal bit mask.
fn key(slug: &str) -> String {
    format!("perplexed.challenges.{slug}")
}

/// The bits of `now` that are newly met, given what was `done` before.
pub fn newly_met(done: u32, now: u32, goals: usize) -> u32 {
    now & !done & ((1u32 << goals.min(31)) - 1)
}

/// The panel: the goals as a checklist under "Try this", each marked done once `met` says so,
/// with a polite announcement for screen readers as one turns done.
pub fn panel(slug: &'static str, lang: RwSignal<Lang>, goals: &'static [Label], met: impl Fn() -> u32 + 'static) -> impl IntoView {
    let stored = crate::context::storage().and_then(|s| s.get_item(&key(slug)).ok().flatten()).and_then(|v| v.parse::<u32>().ok()).unwrap_or(0);
    let done = RwSignal::new(newly_met(0, stored, goals.len()));
    // The goal that turned done last (announced), none until one does on this page.
    let latest = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        let fresh = newly_met(done.get_untracked(), met(), goals.len());
        if fresh != 0 {
            let all = done.get_untracked() | fresh;
            done.set(all);
            latest.set(Some(fresh.trailing_zeros() as usize));
            if let Some(s) = crate::context::storage() {
                let _ = s.set_item(&key(slug), &all.to_string());
            }
        }
    });
    live(move || render(goals, done.get(), latest.get(), lang.get(), move || {
        done.set(0);
        latest.set(None);
        if let Some(s) = crate::context::storage() {
            let _ = s.remove_item(&key(slug));
        }
    }))
}

/// The checklist as the page shows it.
fn render(goals: &'static [Label], done: u32, latest: Option<usize>, l: Lang, start_over: impl Fn() + 'static) -> Vec<El> {
    let count = done.count_ones() as usize;
    let items = goals.iter().enumerate().map(|(i, goal)| {
        let met = done & (1 << i) != 0;
        El::new("li")
            .testid(format!("challenge-{i}"))
            .attr("data-done", if met { "true" } else { "false" })
            .maybe("class", met.then(|| "done".to_owned()))
            .child(El::new("span").class("mark").attr("aria-hidden", "true").says(if met { "✓" } else { "○" }))
            .child(El::new("span").says(goal.get(l)))
            .child(El::new("span").class("sr-only").says(if met { T::ChallengeDone.get(l) } else { T::ChallengeOpen.get(l) }))
    }).collect();
    let summary = El::new("summary")
        .testid("challenges-summary")
        .says(T::TryThis.get(l))
        .child(El::new("span").class("tally").testid("challenges-tally").says(fill(T::ChallengesTally.get(l), &[&count.to_string(), &goals.len().to_string()])));
    let details = El::new("details")
        .class("challenges")
        .attr("data-all-done", if count == goals.len() { "true" } else { "false" })
        .child(summary)
        .child(El::new("ol").children(items))
        .child_if((count > 0).then(|| El::new("button").class("ghost").testid("challenges-reset").says(T::StartOver.get(l)).on_click(start_over)));
    let said = latest.and_then(|i| goals.get(i)).map(|g| fill(T::ChallengeMet.get(l), &[g.get(l)])).unwrap_or_default();
    vec![El::new("section").testid("challenges").attr("aria-label", T::TryThis.get(l)).child(details).child(El::new("span").class("sr-only").attr("aria-live", "polite").says(said))]
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_checklist_says_which_goals_are_done_in_both_languages() {
        const GOALS: &[Label] = &[Label::new("First", "ראשון"), Label::new("Second", "שני")];
        let tree = render(GOALS, 0b10, Some(1), Lang::En, || {});
        let page = El::new("div").children(tree);
        assert_eq!(page.find("challenge-0").and_then(|e| e.attr_of("data-done")), Some("false"));
        assert_eq!(page.find("challenge-1").and_then(|e| e.attr_of("data-done")), Some("true"));
        assert!(page.find("challenges-tally").map(|e| e.all_text()).unwrap_or_default().contains('1'));
        assert!(page.all_text().contains("Second"));
        assert!(page.find("challenges-reset").is_some());
        let he = El::new("div").children(render(GOALS, 0, None, Lang::He, || {}));
        assert!(he.all_text().contains("ראשון"));
        assert!(he.find("challenges-reset").is_none(), "nothing to start over");
    }
}
