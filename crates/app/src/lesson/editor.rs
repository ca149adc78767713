//! The lesson editor (`?edit=lesson`, in the home page's download): the steps gathered with the
//! labs' *+ Step*, each with its lab and settings, a note in the teacher's words and the
//! controls to hide; moved up and down or removed; a title; and the link that holds it all, its
//! length shown. Everything is kept in this browser as it is typed.

use leptos::prelude::*;

use super::code::{self, Lesson, MAX_NOTE, MAX_TITLE};
use crate::context::AppContext;
use crate::i18n::{fill, Lang};

crate::i18n::table! {
    LE;
    Title => "Your lesson", "השיעור שלכם";
    How => "Open any lab, set it up as the class should see it, and press \"+ Step\" in the header; do it again for the next step, in any lab. Here you put the steps in order, write a note for each, choose controls to hide, and copy the link: the whole lesson is in it. Nothing leaves this browser until you share the link.",
           "פתחו מעבדה כלשהי, כוונו אותה כפי שהכיתה צריכה לראות אותה, ולחצו על \"+ שלב\" בכותרת; חזרו על כך לשלב הבא, בכל מעבדה. כאן מסדרים את השלבים, כותבים הערה לכל אחד, בוחרים פקדים להסתרה ומעתיקים את הקישור: כל השיעור נמצא בו. שום דבר לא יוצא מהדפדפן הזה עד שתשתפו את הקישור.";
    Empty => "No steps yet: open a lab and press \"+ Step\".", "עדיין אין שלבים: פתחו מעבדה ולחצו על \"+ שלב\".";
    TitleLabel => "Title (optional)", "כותרת (לא חובה)";
    Defaults => "the lab's defaults", "ברירות המחדל של המעבדה";
    Open => "Open this step", "לפתיחת השלב";
    NoteLabel => "Note shown with this step", "הערה שמוצגת עם השלב";
    NoteHelp => "A sentence or two in your words: what to look at, what to try.", "משפט או שניים במילים שלכם: על מה להסתכל, מה לנסות.";
    Hide => "Hide in this step:", "להסתיר בשלב הזה:";
    Up => "Move up", "הזזה למעלה";
    Down => "Move down", "הזזה למטה";
    Remove => "Remove", "הסרה";
    Play => "Play the lesson", "הצגת השיעור";
    Copy => "Copy the link", "העתקת הקישור";
    Copied => "Copied: {} characters.", "הועתק: {} תווים.";
    LinkLabel => "The lesson's link", "הקישור לשיעור";
    Clear => "Start a new lesson", "שיעור חדש";
}

/// The link of `lesson` from its first step, on this site (the controls each step offered, kept
/// for the editor, stay out of it).
fn link(lesson: &Lesson, lang: Lang) -> String {
    let mut shared = lesson.clone();
    for s in &mut shared.steps {
        s.offered.clear();
    }
    let code = code::encode(&shared);
    let here = web_sys::window().and_then(|w| {
        let l = w.location();
        Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
    });
    format!("{}{}", here.unwrap_or_default(), super::step_address(&shared, &code, 0, lang, false))
}

fn lab_name(slug: &str, l: Lang) -> String {
    crate::labs::heading(slug).map_or_else(|| slug.to_owned(), |h| h.title.get(l).to_owned())
}

/// The editor's page.
pub fn lesson_editor() -> AnyView {
    let lang = AppContext::current().lang;
    let lesson = RwSignal::new(super::draft_with_new_steps());
    // A structural change (order, steps, what is hidden) redraws the list; a note or the title
    // is only kept, so the field being typed in stays as it is.
    let change = move |f: &dyn Fn(&mut Lesson)| {
        lesson.update(|l| f(l));
        lesson.with_untracked(super::keep_draft);
    };
    let keep = move |f: &dyn Fn(&mut Lesson)| {
        lesson.update_untracked(|l| f(l));
        lesson.with_untracked(super::keep_draft);
    };
    let shown_link = RwSignal::new(None::<String>);
    let t = move |k: crate::i18n::Label| move || k.get(lang.get());

    let steps = move || {
        let l = lang.get();
        let all = lesson.get();
        let n = all.steps.len();
        if n == 0 {
            return view! { <p class="help" data-testid="lesson-empty">{LE::Empty.get(l)}</p> }.into_any();
        }
        let code = code::encode(&all);
        let items = all.steps.iter().enumerate().map(|(i, s)| {
            let k = i + 1;
            let settings = if s.settings.is_empty() { LE::Defaults.get(l).to_owned() } else { s.settings.iter().map(|(a, b)| format!("{a}={b}")).collect::<Vec<_>>().join(" · ") };
            let open = super::step_address(&all, &code, i, l, false);
            // The controls the step's page offered, and any the lesson hides that it did not list.
            let mut offered = s.offered.clone();
            for h in &s.hidden {
                if !offered.iter().any(|(id, _)| id == h) {
                    offered.push((h.clone(), h.clone()));
                }
            }
            let boxes = offered.into_iter().map(|(id, label)| {
                let checked = s.hidden.contains(&id);
                let testid = format!("lesson-hide-{k}-{id}");
                let toggle_id = id.clone();
                view! {
                    <label class="toggle chip">
                        <input type="checkbox" data-testid=testid prop:checked=checked on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let id = toggle_id.clone();
                            change(&|les| if let Some(step) = les.steps.get_mut(i) {
                                step.hidden.retain(|h| *h != id);
                                if on { step.hidden.push(id.clone()); }
                            });
                        } />
                        {label}
                    </label>
                }
            }).collect_view();
            view! {
                <li class="lesson-step-card" data-testid=format!("lesson-step-{k}")>
                    <h3><span class="lesson-number">{k}</span>" "{lab_name(&s.lab, l)}</h3>
                    <p class="help" dir="ltr">{settings}</p>
                    <a href=open data-testid=format!("lesson-open-{k}")>{LE::Open.get(l)}</a>
                    <label for=format!("note-{k}")>{LE::NoteLabel.get(l)}</label>
                    <textarea id=format!("note-{k}") data-testid=format!("lesson-note-{k}") rows="2" dir="auto" maxlength=MAX_NOTE.to_string()
                        prop:value=s.note.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); keep(&|les| if let Some(step) = les.steps.get_mut(i) { step.note = v.chars().take(MAX_NOTE).collect(); }); }></textarea>
                    <p class="help">{LE::NoteHelp.get(l)}</p>
                    <div class="row wrap" role="group" aria-label=LE::Hide.get(l)><span>{LE::Hide.get(l)}</span>{boxes}</div>
                    <div class="row">
                        <button data-testid=format!("lesson-up-{k}") disabled=i == 0 on:click=move |_| change(&|les| if i > 0 { les.steps.swap(i - 1, i) })>{LE::Up.get(l)}</button>
                        <button data-testid=format!("lesson-down-{k}") disabled=k == n on:click=move |_| change(&|les| if i + 1 < les.steps.len() { les.steps.swap(i, i + 1) })>{LE::Down.get(l)}</button>
                        <button data-testid=format!("lesson-remove-{k}") on:click=move |_| change(&|les| if i < les.steps.len() { les.steps.remove(i); })>{LE::Remove.get(l)}</button>
                    </div>
                </li>
            }
        }).collect_view();
        view! { <ol class="lesson-steps" data-testid="lesson-steps">{items}</ol> }.into_any()
    };

    let copy = move |_| {
        let l = lang.get_untracked();
        let url = lesson.with_untracked(|les| link(les, l));
        // Shown first: the clipboard exists only on a secure origin (https or this machine), and
        // the link in its field can always be copied by hand.
        shown_link.set(Some(url.clone()));
        let navigator = web_sys::window().map(|w| w.navigator());
        if let Some(n) = navigator.filter(|n| js_sys::Reflect::get(n, &"clipboard".into()).is_ok_and(|c| !c.is_undefined())) {
            let _ = n.clipboard().write_text(&url);
        }
    };
    let play = move || lesson.with(|les| les.steps.is_empty().then(String::new).unwrap_or_else(|| link(les, lang.get())));

    view! {
        <section class="lesson-editor" data-testid="lesson-editor">
            <h2>{t(LE::Title)}</h2>
            <p class="help">{t(LE::How)}</p>
            <div class="control">
                <label for="lesson-title-input">{t(LE::TitleLabel)}</label>
                <input type="text" id="lesson-title-input" data-testid="lesson-title-input" dir="auto" maxlength=MAX_TITLE.to_string()
                    prop:value=move || lesson.with_untracked(|l| l.title.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); keep(&|les| les.title = v.chars().take(MAX_TITLE).collect()); } />
            </div>
            {steps}
            <div class="row">
                <button data-testid="lesson-copy" on:click=copy disabled=move || lesson.with(|l| l.steps.is_empty())>{t(LE::Copy)}</button>
                <a data-testid="lesson-play" href=play hidden=move || lesson.with(|l| l.steps.is_empty())>{t(LE::Play)}</a>
                <button data-testid="lesson-clear" on:click=move |_| { change(&|les| *les = Lesson::default()); shown_link.set(None); }>{t(LE::Clear)}</button>
            </div>
            {move || shown_link.get().map(|url| {
                let l = lang.get();
                let length = fill(LE::Copied.get(l), &[&url.chars().count().to_string()]);
                view! {
                    <label for="lesson-link">{LE::LinkLabel.get(l)}</label>
                    <input type="text" id="lesson-link" data-testid="lesson-link" readonly dir="ltr" prop:value=url />
                    <p class="help" data-testid="lesson-link-length" role="status">{length}</p>
                }
            })}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_string_in_both_languages() {
        crate::i18n::check_table(super::LE::ALL, &[]);
    }
}
