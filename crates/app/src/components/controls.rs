//! Labelled controls with a one-line explanation under each: a range slider with its value,
//! a select, a toggle. Each carries `data-testid` = its query parameter's name, is reachable
//! with Tab, and is described for screen readers by its help line. A control that the lab's
//! current error names is marked `aria-invalid="true"` and drawn in the danger colour (see
//! [`errors::is_invalid`](super::errors::is_invalid)).

use std::sync::Arc;

use leptos::prelude::*;

use super::errors::is_invalid;

// Each control is a thin generic wrapper around a function that is not generic: the closures a
// lab passes are boxed, so the control's view (its markup, attributes and event handlers) is
// compiled once for the whole site instead of once per call — a lab with twenty sliders would
// otherwise download twenty copies of the slider.
type Read<T> = Arc<dyn Fn() -> T + Send + Sync>;
type Write<T> = Box<dyn Fn(T)>;
use crate::i18n::{Label, Lang, T};

/// A slider over `min..=max` (integers: slider positions, not necessarily the value itself —
/// a log scale maps positions to values in `shown`).
#[allow(clippy::too_many_arguments)]
pub fn range(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Label>,
    help: impl Into<Label>,
    bounds: (i64, i64),
    position: impl Fn() -> i64 + Send + Sync + Copy + 'static,
    shown: impl Fn() -> String + Send + Sync + 'static,
    set: impl Fn(i64) + 'static,
) -> impl IntoView {
    range_erased(lang, id, (label.into(), help.into()), bounds, Arc::new(position), Arc::new(shown), Box::new(set))
}

#[inline(never)]
fn range_erased(lang: RwSignal<Lang>, id: &'static str, (label, help): (Label, Label), (min, max): (i64, i64), position: Read<i64>, shown: Read<String>, set: Write<i64>) -> AnyView {
    let help_id = format!("{id}-help");
    let invalid = is_invalid(id);
    view! {
        <div class="control" data-control=id class:invalid=invalid>
            <div class="control-head">
                <label for=id>{move || label.get(lang.get())}</label>
                <output for=id data-testid=format!("{id}-value")>{move || shown()}</output>
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
                aria-invalid=move || invalid().then_some("true")
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<i64>() {
                        set(v.clamp(min, max));
                    }
                }
            />
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
    .into_any()
}

/// A slider over a whole-number setting of `params` (`get` reads it, `put` writes it), shown
/// as the number and its `unit` ("%" or nothing): points, depth, rounds, patience…
#[allow(clippy::too_many_arguments)]
pub fn count<P: Send + Sync + 'static, N: Copy + TryInto<i64> + TryFrom<i64> + std::fmt::Display + 'static>(
    lang: RwSignal<Lang>, params: RwSignal<P>, id: &'static str, label: impl Into<Label>, help: impl Into<Label>,
    (min, max): (i64, i64), unit: &'static str, get: fn(&P) -> N, put: fn(&mut P, N),
) -> impl IntoView {
    let position = move || params.with(|p| get(p).try_into().unwrap_or(min));
    let set = move |v: i64| if let Ok(n) = N::try_from(v) { params.update(|p| put(p, n)) };
    range(lang, id, label, help, (min, max), position, move || format!("{}{unit}", params.with(get)), set)
}

/// A slider over a fixed list of `stops` (learning rates, regularisation rates…), shown as
/// the value; a value between stops (from a link) shows at the nearest one.
#[allow(clippy::too_many_arguments)]
pub fn stops<P: Send + Sync + 'static>(
    lang: RwSignal<Lang>, params: RwSignal<P>, id: &'static str, label: impl Into<Label>, help: impl Into<Label>,
    stops: &'static [f32], get: fn(&P) -> f32, put: fn(&mut P, f32),
) -> impl IntoView {
    let position = move || params.with(|p| nearest_stop(stops, get(p)) as i64);
    let set = move |v: i64| params.update(|p| put(p, stops[(v.max(0) as usize).min(stops.len() - 1)]));
    range(lang, id, label, help, (0, stops.len() as i64 - 1), position, move || crate::query::short_float(params.with(get)), set)
}

/// The seed of a lab's randomness: a number box (anything but a whole number from 0 to 2³²−1
/// puts the current seed back) and a button, named by `button`, that moves to another seed.
pub fn seed<P: Send + Sync + 'static>(
    lang: RwSignal<Lang>, params: RwSignal<P>, help: impl Into<Label>, button: impl Into<Label>, get: fn(&P) -> u32, put: fn(&mut P, u32),
) -> impl IntoView {
    let (help, button): (Label, Label) = (help.into(), button.into());
    view! {
        <div class="control" data-control="seed">
            <div class="control-head"><label for="seed">{move || T::SeedLabel.get(lang.get())}</label></div>
            <div class="row">
                <input type="number" id="seed" data-testid="seed" min="0" max="4294967295" aria-describedby="seed-help"
                    prop:value=move || params.with(get).to_string()
                    on:change=move |ev| {
                        match event_target_value(&ev).trim().parse::<u32>() {
                            Ok(v) => params.update(|p| put(p, v)),
                            // Not a seed: redraw, which puts the current one back in the box.
                            Err(_) => params.update(|_| {}),
                        }
                    } />
                <button data-testid="regenerate" title=move || T::RegenerateHelp.get(lang.get())
                    on:click=move |_| params.update(|p| put(p, next_seed(get(p))))>{move || button.get(lang.get())}</button>
            </div>
            <p class="help" id="seed-help">{move || help.get(lang.get())}</p>
        </div>
    }
}

/// Another seed, far from this one (a step of a 64-bit linear congruential generator).
pub fn next_seed(seed: u32) -> u32 {
    let x = u64::from(seed).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (x >> 33) as u32
}

/// A number the lab reports (epochs, leaves, accuracy) under its name; `testid` names the value.
pub fn counter(label: impl IntoView + 'static, testid: &'static str, value: impl IntoView + 'static) -> impl IntoView {
    counter_erased(label.into_any(), testid, value.into_any())
}

#[inline(never)]
fn counter_erased(label: AnyView, testid: &'static str, value: AnyView) -> AnyView {
    view! { <div class="counter"><span class="counter-label">{label}</span><span class="counter-value" data-testid=testid>{value}</span></div> }.into_any()
}

/// "N training, N validation, N test points" for the split's counts.
pub fn split_counts_text(lang: Lang, (train, val, test): (usize, usize, usize)) -> String {
    crate::i18n::fill(T::SplitCounts.get(lang), &[&train.to_string(), &val.to_string(), &test.to_string()])
}

/// A drop-down of `(slug, label)` options.
pub fn select(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Label>,
    help: impl Into<Label>,
    options: Vec<(&'static str, impl Into<Label>)>,
    current: impl Fn() -> &'static str + Send + Sync + Copy + 'static,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    let options = options.into_iter().map(|(slug, text)| (slug, text.into())).collect();
    select_erased(lang, id, (label.into(), help.into()), options, Arc::new(current), Box::new(set))
}

#[inline(never)]
fn select_erased(lang: RwSignal<Lang>, id: &'static str, (label, help): (Label, Label), options: Vec<(&'static str, Label)>, current: Read<&'static str>, set: Write<String>) -> AnyView {
    let help_id = format!("{id}-help");
    let invalid = is_invalid(id);
    let now = current.clone();
    view! {
        <div class="control" data-control=id class:invalid=invalid>
            <label for=id>{move || label.get(lang.get())}</label>
            <select
                id=id
                data-testid=id
                aria-describedby=help_id.clone()
                aria-invalid=move || invalid().then_some("true")
                prop:value=move || now()
                on:change=move |ev| set(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(slug, text)| {
                        let current = current.clone();
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
    .into_any()
}

/// A checkbox.
pub fn toggle(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Label>,
    checked: impl Fn() -> bool + Send + Sync + Copy + 'static,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    toggle_erased(lang, id, label.into(), Arc::new(checked), Box::new(set))
}

#[inline(never)]
fn toggle_erased(lang: RwSignal<Lang>, id: &'static str, label: Label, checked: Read<bool>, set: Write<bool>) -> AnyView {
    view! {
        <label class="toggle" data-control=id>
            <input
                type="checkbox"
                data-testid=id
                prop:checked=move || checked()
                on:change=move |ev| set(event_target_checked(&ev))
            />
            <span>{move || label.get(lang.get())}</span>
        </label>
    }
    .into_any()
}

/// A checkbox with a one-line explanation under it (described by it for screen readers).
pub fn toggle_explained(
    lang: RwSignal<Lang>,
    id: &'static str,
    label: impl Into<Label>,
    help: impl Into<Label>,
    checked: impl Fn() -> bool + Send + Sync + Copy + 'static,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    toggle_explained_erased(lang, id, (label.into(), help.into()), Arc::new(checked), Box::new(set))
}

#[inline(never)]
fn toggle_explained_erased(lang: RwSignal<Lang>, id: &'static str, (label, help): (Label, Label), checked: Read<bool>, set: Write<bool>) -> AnyView {
    let help_id = format!("{id}-help");
    view! {
        <div class="control" data-control=id>
            <label class="toggle">
                <input
                    type="checkbox"
                    id=id
                    data-testid=id
                    aria-describedby=help_id.clone()
                    prop:checked=move || checked()
                    on:change=move |ev| set(event_target_checked(&ev))
                />
                <span>{move || label.get(lang.get())}</span>
            </label>
            <p class="help" id=help_id>{move || help.get(lang.get())}</p>
        </div>
    }
    .into_any()
}

/// The training and validation shares of a three-way split (the rest is the test set), as two
/// sliders (`train`, `val`): the validation slider's top follows the training share, so the two
/// never add up to more than 100 %. The lab shows the counts they give in an element with
/// `id="split-counts"`, which describes the validation slider.
pub fn split_shares(
    lang: RwSignal<Lang>,
    shares: impl Fn() -> (u32, u32) + Send + Sync + Copy + 'static,
    set: impl Fn(u32, u32) + Copy + 'static,
) -> impl IntoView {
    let val_invalid = is_invalid("val");
    view! {
        {range(lang, "train", T::TrainShare, T::SplitHelp, (1, 100),
            move || i64::from(shares().0),
            move || format!("{}%", shares().0),
            move |v| {
                let train = v as u32;
                set(train, shares().1.min(100 - train));
            })}
        <div class="control" data-control="val" class:invalid=val_invalid>
            <div class="control-head">
                <label for="val">{move || T::ValShare.get(lang.get())}</label>
                <output data-testid="val-value">{move || format!("{}%", shares().1)}</output>
            </div>
            <input type="range" id="val" data-testid="val" min="0" step="1" aria-describedby="split-counts"
                aria-invalid=move || val_invalid().then_some("true")
                max=move || 100 - shares().0
                prop:value=move || shares().1.to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u32>() {
                        let train = shares().0;
                        set(train, v.min(100 - train));
                    }
                } />
        </div>
    }
}

/// The slider position (index into `stops`) nearest to `value` on a log scale.
pub fn nearest_stop(stops: &[f32], value: f32) -> usize {
    let key = |v: f32| if v > 0.0 { v.ln() } else { f32::NEG_INFINITY };
    let mut best = 0;
    for (i, &s) in stops.iter().enumerate() {
        let d = |x: f32| if x <= 0.0 || value <= 0.0 { if x == value { 0.0 } else { f32::INFINITY } } else { (key(x) - key(value)).abs() };
        if d(s) < d(stops[best]) {
            best = i;
        }
    }
    best
}
