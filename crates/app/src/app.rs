//! The shell around the labs: header with navigation and the language switch, the notice
//! line for links that were not understood, and the page for the current `?lab=`.

use leptos::prelude::*;

use crate::context::{storage, AppContext};
use crate::home_text::HT;
use crate::i18n::{fill, Lang, T};
use crate::components::lab_shell::Heading;
use crate::labs::{Lab, CONCEPTS, LABS};
use crate::query;

const LANG_KEY: &str = "perplexed.lang";

/// The remembered choice, else the browser's language, else English.
fn initial_lang() -> Lang {
    if let Some(l) = query::current_value("lang").and_then(|v| Lang::from_code(&v)) {
        return l;
    }
    if let Some(l) = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten()).and_then(|v| Lang::from_code(&v)) {
        return l;
    }
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::from_code(&l))
        .unwrap_or_default()
}

fn current_lab_slug() -> String {
    query::current_value("lab").unwrap_or_default()
}

/// The whole page: the shell around one lab's page, or around the home page when `lab` is
/// `None` (also for an unknown `?lab=`, with a notice).
#[component]
pub fn App(lab: Option<(&'static Lab, &'static Heading)>, page: fn() -> AnyView) -> impl IntoView {
    let ctx = AppContext { present: RwSignal::new(crate::view_modes::present_in_address()), ..AppContext::new(initial_lang()) };
    let lang = ctx.lang;
    provide_context(ctx);

    Effect::new(move |_| {
        let l = lang.get();
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", l.code());
            let _ = root.set_attribute("dir", l.dir());
        }
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, l.code());
        }
        // Each lab names itself in the tab (and in a projector's window list).
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            match lab {
                Some((_, heading)) => d.set_title(&format!("{} — {}", heading.title.get(l), T::AppName.get(l))),
                None => d.set_title(&format!("{} — {}", T::AppName.get(l), T::Tagline.get(l))),
            }
        }
    });

    // This bundle shows one page; every link to another lab is an ordinary navigation that
    // loads that lab's own bundle (see `labs`). Back/forward therefore reload, and the labs
    // only ever *replace* the address, so there is no history state to restore here.
    let here = lab.map(|(l, _)| l.slug);
    let page = page();

    view! {
        <a class="skip" href="#main">{move || T::SkipToContent.get(lang.get())}</a>
        <header class="top">
            <a class="brand" href="./" data-testid="brand">
                <span class="brand-name">{move || T::AppName.get(lang.get())}</span>
                <span class="brand-tag">{move || T::Tagline.get(lang.get())}</span>
            </a>
            <nav aria-label="labs">
                {LABS
                    .iter()
                    .map(|lab| {
                        let slug = lab.slug;
                        view! {
                            <a
                                href=format!("?lab={slug}")
                                data-testid=format!("nav-{slug}")
                                aria-current=(here == Some(slug)).then_some("page")
                            >
                                {move || lab.nav.get(lang.get())}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <button
                class="lang"
                data-testid="lang"
                lang=move || lang.get().other().code()
                aria-label=move || T::LangSwitchLabel.get(lang.get())
                on:click=move |_| lang.update(|l| *l = l.other())
            >
                {move || T::LangSwitch.get(lang.get())}
            </button>
            {crate::view_modes::view_switches(ctx, here.map(|slug| crate::lesson::bar::lesson_bar(ctx, slug)))}
        </header>
        <div class="lesson-holder" data-testid="lesson-holder"></div>
        <NoticeLine />
        <main id="main">{page}</main>
        <footer>
            <p class="keys" data-testid="keys" tabindex="-1">{move || T::Keyboard.get(lang.get())}</p>
            <p>{move || T::Privacy.get(lang.get())}</p>
        </footer>
    }
}

/// The notice for parameters that were not understood (`data-testid="notice"`).
#[component]
fn NoticeLine() -> impl IntoView {
    let Some(ctx) = use_context::<AppContext>() else { return ().into_any() };
    let lang = ctx.lang;
    let rejected = ctx.rejected;
    view! {
        <Show when=move || !rejected.with(Vec::is_empty)>
            <div class="notice" role="status" data-testid="notice">
                <span>
                    {move || {
                        let list = rejected
                            .get()
                            .iter()
                            .map(|r| format!("{}={}", r.name, r.raw))
                            .collect::<Vec<_>>()
                            .join(", ");
                        fill(T::BadAddress.get(lang.get()), &[&list])
                    }}
                </span>
                <button on:click=move |_| rejected.set(Vec::new())>{move || T::Dismiss.get(lang.get())}</button>
            </div>
        </Show>
    }
    .into_any()
}

/// The home bundle's page (`lab_main!()`): the map, with a notice when `?lab=` names no lab.
/// Only the home bundle refers to it, so no lab downloads the map and its strings.
pub fn home_page() -> AnyView {
    if query::current_value("edit").as_deref() == Some("lesson") {
        return crate::lesson::editor::lesson_editor();
    }
    let slug = current_lab_slug();
    let unknown = (!slug.is_empty()).then_some(slug);
    view! { <Home unknown /> }.into_any()
}

/// The map of concepts, each linked to the lab that teaches it, in a preset that shows it.
#[component]
fn Home(unknown: Option<String>) -> impl IntoView {
    let lang = use_context::<AppContext>().map_or_else(|| RwSignal::new(Lang::En), |c| c.lang);
    view! {
        <section class="home" data-testid="home">
            {unknown.map(|slug| view! {
                <p class="notice" role="status" data-testid="notice">{move || fill(HT::UnknownLab.get(lang.get()), &[&slug])}</p>
            })}
            <p class="intro">{move || HT::HomeIntro.get(lang.get())}</p>
            <h2>{move || HT::ConceptsMap.get(lang.get())}</h2>
            <ol class="concepts">
                {CONCEPTS
                    .iter()
                    .map(|c| {
                        let link = format!("?lab={}&{}", c.lab, c.preset);
                        view! {
                            <li class="concept" data-testid=format!("concept-{}", c.number)>
                                <span class="concept-number">{c.number}</span>
                                <h3>{move || c.title.get(lang.get())}</h3>
                                <p>{move || c.text.get(lang.get())}</p>
                                <a href=link>
                                    {move || HT::OpenLab.get(lang.get())}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <h2>{move || HT::Labs.get(lang.get())}</h2>
            <ul class="lab-cards">
                {LABS
                    .iter()
                    .map(|lab| {
                        let slug = lab.slug;
                        let heading = crate::labs::heading(slug);
                        view! {
                            <li class="lab-card" data-testid=format!("lab-card-{slug}")>
                                <a href=format!("?lab={slug}")>
                                    <h3>{move || heading.map_or("", |h| h.title.get(lang.get()))}</h3>
                                </a>
                                <p>{move || heading.map_or("", |h| h.summary.get(lang.get()))}</p>
                                <p class="concept-tags">
                                    {move || HT::ConceptsTaught.get(lang.get())}": "
                                    {lab.concepts.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(" · ")}
                                </p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// Mounts the page: the entry point of every bundle (`src/bin/*.rs`), with its one lab (and
/// that lab's page) or none for the home page.
pub fn start(lab: Option<(&'static Lab, &'static Heading)>, page: fn() -> AnyView) {
    // A panic, if one ever happens, logs itself and shows how to recover (components::recovery).
    crate::components::recovery::install();
    // index.html's loading state has done its job.
    if let Some(loading) = document().get_element_by_id("loading") {
        loading.remove();
    }
    leptos::mount::mount_to_body(move || view! { <App lab page /> });
}
