//! Labelled controls that speak the lab's own table [`CT`].
//!
//! `components::controls` takes only the shell's table `T`; these produce the same markup
//! (class `control`, `data-control` and `data-testid` = the query parameter, `{id}-value`
//! output, a help line that describes the input) for keys of `CT`. If `controls` ever accepts
//! any table, these three can go.

use leptos::prelude::*;

use super::text::CT;
use crate::i18n::Lang;

/// A slider over `min..=max` (positions; `shown` says the value).
#[allow(clippy::too_many_arguments)]
pub fn range(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: CT,
    help: CT,
    (min, max): (i64, i64),
    position: impl Fn() -> i64 + Send + Sync + Copy + 'static,
    shown: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(i64) + 'static,
) -> impl IntoView {
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
    label: CT,
    help: CT,
    options: Vec<(&'static str, CT)>,
    current: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <label for=id>{move || label.get(lang.get())}</label>
            <select
                id=id
                data-testid=id
                aria-describedby=help_id.clone()
                prop:value=current
                on:change=move |ev| set(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(slug, text)| {
                        view! {
                            <option value=slug selected=move || current() == slug>
                                {move || text.get(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
}

/// A checkbox with its one-line explanation.
pub fn toggle(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: CT,
    help: CT,
    checked: impl Fn() -> bool + Send + Sync + Copy + 'static,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <label class="toggle">
                <input
                    type="checkbox"
                    id=id
                    data-testid=id
                    aria-describedby=help_id.clone()
                    prop:checked=checked
                    on:change=move |ev| set(event_target_checked(&ev))
                />
                <span>{move || label.get(lang.get())}</span>
            </label>
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
}
