//! The kernel explorer (stub: being written on branch `kernel`).

use leptos::prelude::*;

use crate::i18n::Lang;

use super::params::CnnParams;

/// The explorer's section: `examples` holds one image per digit 0–9 (64 values in 0..=1, row
/// by row) once the data has loaded; `drawing` is the visitor's drawing as the network sees it.
pub fn kernel_panel(lang: RwSignal<Lang>, params: RwSignal<CnnParams>, examples: Signal<Option<Vec<Vec<f32>>>>, drawing: Signal<Vec<f32>>) -> impl IntoView {
    let _ = (lang, params, examples, drawing);
    view! { <section class="panel cnn-wide" data-testid="kernel-explorer"></section> }
}
