//! The shared controls' markup (`components::controls`: label, value, one-line help,
//! `data-control`, `data-testid` = the query parameter) for labels from either the lab's table or
//! the shell's. The shared helpers take only the shell's table; these take [`Txt`].

use leptos::prelude::*;

use crate::i18n::Lang;

use super::text::Txt;

/// A slider over `min..=max` positions, showing `shown`.
#[allow(clippy::too_many_arguments)]
pub fn range(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Txt>,
    help: impl Into<Txt>,
    (min, max): (i64, i64),
    position: impl Fn() -> i64 + Send + Sync + Copy + 'static,
    shown: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(i64) + 'static,
) -> impl IntoView {
    let (label, help) = (label.into(), help.into());
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <div class="control-head">
                <label for=id>{move || label.get(lang.get())}</label>
                <output for=id data-testid=format!("{id}-value")>{shown}</output>
            </div>
            <input
                type="range"
                id=id
                data-testid=id
                min=min
                max=max
                step=1
                prop:value=move || position().to_string()
                aria-describedby=help_id.clone()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<i64>() {
                        set(v.clamp(min, max));
                    }
                }
            />
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
}

/// A drop-down of `(slug, label)` options.
pub fn select(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Txt>,
    help: impl Into<Txt>,
    options: Vec<(&'static str, Txt)>,
    current: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let (label, help) = (label.into(), help.into());
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <label for=id>{move || label.get(lang.get())}</label>
            <select id=id data-testid=id aria-describedby=help_id.clone() prop:value=current on:change=move |ev| set(event_target_value(&ev))>
                {options
                    .into_iter()
                    .map(|(slug, text)| {
                        view! { <option value=slug selected=move || current() == slug>{move || text.get(lang.get())}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
}

/// A checkbox with a help line.
pub fn toggle(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Txt>,
    help: Option<Txt>,
    checked: impl Fn() -> bool + Send + Sync + Copy + 'static,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    let label = label.into();
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <label class="toggle">
                <input type="checkbox" data-testid=id aria-describedby=help_id.clone() prop:checked=checked on:change=move |ev| set(event_target_checked(&ev)) />
                <span>{move || label.get(lang.get())}</span>
            </label>
            {help.map(|h| view! { <p class="help" id=help_id.clone()>{move || h.get(lang.get())}</p> })}
        </div>
    }
}
