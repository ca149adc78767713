//! Play / pause, one step and reset: the buttons every lab has, and the keys a teacher uses in
//! front of a class (Space play/pause, → one step, R reset), wired to the same three actions.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::context::AppContext;
use crate::i18n::{Label, T};

/// The transport buttons (`data-testid` `reset`, `play`, `step`) and the lab's keyboard.
///
/// The keys follow the physical key (`KeyboardEvent.code`), so R resets whatever the layout
/// types there (`ר` on a Hebrew keyboard); they are left alone while the visitor types, holds a
/// modifier, or is on a control that owns the key (a slider's arrows, a button's Space). The
/// keyboard handler goes with the lab.
#[component]
pub fn Transport<P, S, R>(
    /// Whether the lab plays: the play button then reads Pause and is pressed.
    #[prop(into)]
    playing: Signal<bool>,
    /// Play / pause (the button and Space).
    play: P,
    /// One step (the button and →).
    step: S,
    /// Back to the start (the button and R).
    reset: R,
    /// The step button's words (what one step is in this lab).
    #[prop(into)]
    step_label: Signal<Label>,
    /// The reset button's words; "Reset" unless given.
    #[prop(optional, into)]
    reset_label: Option<Label>,
    /// When true, play and step are disabled (the keys still answer).
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    /// Icons instead of words on reset and step (the words become their tooltips).
    #[prop(optional)]
    icons: bool,
    /// More buttons after the three.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    P: Fn() + Copy + 'static,
    S: Fn() + Copy + 'static,
    R: Fn() + Copy + 'static,
{
    let lang = AppContext::current().lang;
    keys(play, step, reset);
    let reset_label = reset_label.unwrap_or_else(|| T::Reset.into());
    let disabled = move || disabled.is_some_and(|d| d.get());
    let play_text = move || if playing.get() { T::Pause.get(lang.get()) } else { T::Play.get(lang.get()) };
    let reset_text = move || reset_label.get(lang.get());
    let step_text = move || step_label.get().get(lang.get());
    let (reset_face, step_face, play_icon) = if icons {
        (
            view! { <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M12 5V1L7 6l5 5V7a6 6 0 1 1-6 6H4a8 8 0 1 0 8-8z"/></svg> }.into_any(),
            view! { <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M5 4v16l11-8zM17 4h3v16h-3z"/></svg> }.into_any(),
            Some(move || if playing.get() {
                view! { <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M6 5h4v14H6zM14 5h4v14h-4z"/></svg> }.into_any()
            } else {
                view! { <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path fill="currentColor" d="M7 4v16l13-8z"/></svg> }.into_any()
            }),
        )
    } else {
        (reset_text.into_any(), step_text.into_any(), None)
    };
    view! {
        <span class="transport-buttons" data-control="play">
            <button class:play=icons data-testid="reset" title=reset_text aria-label=reset_text on:click=move |_| reset()>
                {reset_face}
            </button>
            <button class="primary" class:play=icons data-testid="play" aria-pressed=move || playing.get().to_string()
                disabled=disabled on:click=move |_| play()>
                {play_icon}
                {play_text}
            </button>
            <button class:play=icons data-testid="step" title=step_text aria-label=step_text disabled=disabled on:click=move |_| step()>
                {step_face}
            </button>
            {children.map(|c| c())}
        </span>
    }
}

/// The transport's pace control (`data-testid="speed"`): how fast the lab animates, from the
/// lab's own `(slug, words)` options — an epoch per frame, three splits a second, as fast as
/// possible — with `help` as its tooltip. Changing it never restarts what is running.
pub fn speed_select(
    options: Vec<(&'static str, Label)>,
    help: impl Into<Label>,
    current: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let lang = AppContext::current().lang;
    let help: Label = help.into();
    view! {
        <div class="control speed" data-control="speed">
            <label for="speed">{move || T::SpeedLabel.get(lang.get())}</label>
            <select id="speed" data-testid="speed" title=move || help.get(lang.get()) prop:value=current
                on:change=move |ev| set(event_target_value(&ev))>
                {options.into_iter().map(|(slug, words)| view! {
                    <option value=slug selected=move || current() == slug>{move || words.get(lang.get())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// What a key press asks of the transport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    PlayPause,
    Step,
    Reset,
}

/// The transport's key for a physical key (`KeyboardEvent.code`) pressed on an element named
/// `tag`: Space is a button's or a link's own key there.
fn key_for(code: &str, tag: &str) -> Option<Key> {
    match code {
        "Space" if tag != "button" && tag != "a" => Some(Key::PlayPause),
        "ArrowRight" => Some(Key::Step),
        "KeyR" => Some(Key::Reset),
        _ => None,
    }
}

fn keys(play: impl Fn() + 'static, step: impl Fn() + 'static, reset: impl Fn() + 'static) {
    let handle = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
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
        match key_for(&ev.code(), &tag) {
            Some(Key::PlayPause) => {
                ev.prevent_default();
                play();
            }
            Some(Key::Step) => {
                ev.prevent_default();
                step();
            }
            Some(Key::Reset) => reset(),
            None => {}
        }
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_physical_key() {
        assert_eq!(key_for("KeyR", "body"), Some(Key::Reset), "R on any layout (ר in Hebrew)");
        assert_eq!(key_for("ArrowRight", "body"), Some(Key::Step));
        assert_eq!(key_for("Space", "body"), Some(Key::PlayPause));
        assert_eq!(key_for("Space", "button"), None, "a focused button owns Space");
        assert_eq!(key_for("Space", "a"), None);
        assert_eq!(key_for("KeyT", "body"), None);
    }
}
