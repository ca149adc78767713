//! The CNN lab (concept 15): a kernel you can hold — convolution and pooling worked out cell by
//! cell — and a small convolutional network trained live on 1,797 hand-written digits, its
//! filters and feature maps drawn as they learn, a digit you draw read by it.

pub mod kernel_panel;
pub mod kernel_text;
pub mod params;
pub mod text;

use leptos::prelude::*;

use crate::components::lab_shell::{self, Lab};
use crate::i18n::T;

use params::CnnParams;

pub const LAB: Lab = Lab {
    slug: "cnn",
    title: T::CnnTitle,
    nav: T::NavCnn,
    summary: T::CnnSummary,
    concepts: &[15],
    #[cfg(test)]
    validate: <CnnParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card opens the lab with this query (after `lab=cnn&`).
pub const CONCEPT_PRESET: &str = "speed=watch&look=2";

/// The lab's page: what its own bundle (`src/bin/lab-cnn.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Cnn /> }.into_any()
}

#[component]
pub fn Cnn() -> impl IntoView {
    let (ctx, initial) = lab_shell::open_lab::<CnnParams>();
    let params = RwSignal::new(initial);
    lab_shell::follow_address(&LAB, params, ctx.lang);
    let examples = Signal::derive(|| None::<Vec<Vec<f32>>>);
    let drawing = Signal::derive(|| vec![0.0f32; 64]);
    view! {
        <article class="lab cnn" data-testid="lab-cnn">
            {lab_shell::lab_head(&LAB, ctx.lang)}
            <div class="lab-grid two">
                {kernel_panel::kernel_panel(ctx.lang, params, examples, drawing)}
            </div>
        </article>
    }
}
