//! The data lab (concept 25, with concepts 1–3 on real data): the data scientist's work on a
//! real table — read it (a built-in table or the learner's own CSV, parsed in the browser and
//! never sent anywhere), explore it (each column's type, summary and histogram, the
//! correlations, a scatter matrix), prepare it (target, features, missing values, one-hot,
//! standardising — fitted on the training rows only), split it, compare models on validation,
//! and meet the test set once; then the traps where success in training is failure in battle
//! (a leaking column, scaling fitted on every row, a shifted test set). Every number comes from
//! `perplexed_core::table` and `perplexed_core::workflow`.

pub mod challenges;
pub mod draw;
pub mod engine;
pub mod explore;
pub mod fit;
pub mod models_panel;
pub mod params;
pub mod text;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use perplexed_core::table::{CsvError, CsvErrorReason};

use crate::components::dom::{live, tag_text, El};
use crate::components::errors;
use crate::components::files::{fetch_bytes, read_file};
use crate::components::format::thousands;
use crate::components::lab_shell::{self, Lab, LabState, Run, Look};
use crate::i18n::{fill, Lang, T};

use engine::{DataEngine, LoadFailure};
use params::{DataParams, Source};
use text::DT;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::DATA;

pub const LAB: Lab = Lab {
    slug: "data",
    nav: T::NavData,
    concepts: &[25],
    parts: &[],
    #[cfg(test)]
    validate: <DataParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: the leak on breast cancer — validation says 100 %, the test
/// set says otherwise (tested in `fit`).
pub const CONCEPT_PRESET: &str = "table=breast-cancer&demo=leak";

/// The lab's page: what its own bundle (`src/bin/lab-data.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <DataLab /> }.into_any()
}

pub type DataLabState = LabState<DataParams, DataEngine>;

/// A built-in table's name and where it comes from.
fn source_name(s: Source) -> crate::i18n::Label {
    match s {
        Source::Iris => DT::Iris,
        Source::Wine => DT::Wine,
        Source::BreastCancer => DT::BreastCancer,
        Source::Digits => DT::Digits,
        Source::Own => DT::OwnFile,
    }
}

fn attribution(s: Source) -> crate::i18n::Label {
    match s {
        Source::Iris => DT::IrisSource,
        Source::Wine => DT::WineSource,
        Source::BreastCancer => DT::BreastCancerSource,
        Source::Digits => DT::DigitsSource,
        Source::Own => DT::OwnSource,
    }
}

/// A refused file in a sentence: where (line, column) and why.
pub fn csv_error_text(e: &CsvError, l: Lang) -> String {
    use CsvErrorReason as R;
    let (line, column) = (e.line.to_string(), e.column.to_string());
    match &e.reason {
        R::Empty => DT::ErrEmpty.get(l).to_owned(),
        R::OnlyHeader => DT::ErrOnlyHeader.get(l).to_owned(),
        R::Ragged { expected, found } => fill(DT::ErrRagged.get(l), &[&line, &found.to_string(), &expected.to_string()]),
        R::UnterminatedQuote => fill(DT::ErrUnterminated.get(l), &[&line, &column]),
        R::TextAfterQuote => fill(DT::ErrTextAfterQuote.get(l), &[&line, &column]),
        R::InvalidUtf8 => fill(DT::ErrUtf8.get(l), &[&line, &column]),
        R::NulByte => fill(DT::ErrNul.get(l), &[&line, &column]),
        R::TooManyRows { limit } => fill(DT::ErrRows.get(l), &[&line, &thousands(*limit as f64)]),
        R::TooManyColumns { limit, found } => fill(DT::ErrColumns.get(l), &[&found.to_string(), &limit.to_string()]),
        R::TooManyBytes { limit, found } => fill(DT::ErrBytes.get(l), &[&thousands(*found as f64), &thousands(*limit as f64)]),
    }
}

/// Starts downloading the table the engine wants, if any; the run plays when it is in.
fn fetch_wanted(lab: DataLabState, run: Run) {
    let Some(Some(source)) = lab.engine.try_update_value(DataEngine::take_wanted) else { return };
    let Some(url) = source.file() else { return };
    leptos::task::spawn_local(async move {
        let result = fetch_bytes(url).await;
        let name = url.rsplit('/').next().unwrap_or(url).to_owned();
        let applied = lab.engine.try_update_value(|e| match result {
            Ok(bytes) => e.load(source, &name, bytes),
            Err(status) => e.download_failed(status),
        });
        if applied.is_some() {
            run.playing.set(true);
            run.frames.ensure();
            lab.published(run);
        }
    });
}

/// Reads a learner's bytes as their table (the address says `table=own` once it is in).
fn load_own(lab: DataLabState, run: Run, name: String, bytes: Vec<u8>) {
    lab.engine.update_value(|e| e.load(Source::Own, &name, bytes));
    run.playing.set(true);
    run.frames.ensure();
    lab.published(run);
}

#[component]
pub fn DataLab() -> impl IntoView {
    let lab = lab_shell::open(&LAB, DataEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.models.as_ref().and_then(|m| m.error_field()).into_iter().collect()) },
        &[("train", "train"), ("val", "val"), ("target", "target"), ("features", "features"), ("models", "models")],
    );
    let run = lab.run();
    let t = move |key: crate::i18n::Label| move || key.get(lang.get());

    // The table on screen changes only when a new one is complete (a new version).
    let table_version = Memo::new(move |_| {
        frame.track();
        engine.look(|e| (e.version, e.loaded.as_ref().map(|l| l.source)))
    });
    // The engine asks for a download after a change of source (and when the lab opens).
    Effect::new(move |_| {
        frame.track();
        fetch_wanted(lab, run);
    });
    // A table that came in names the source in the address.
    Effect::new(move |_| {
        if let (_, Some(source)) = table_version.get() {
            if params.with_untracked(|p| p.table != source) {
                params.update(|p| p.table = source);
            }
        }
    });

    let choose = move |s: Source| {
        if params.with_untracked(|p| p.table == s) && engine.look(|e| e.loaded.as_ref().is_some_and(|l| l.source == s)) {
            return;
        }
        // A new table: its own columns, so the column settings start afresh.
        let numeric = if s == Source::Digits { (1..=params::DIGITS_PIXELS).collect() } else { Vec::new() };
        params.update(|p| *p = DataParams { table: s, numeric: numeric.clone(), seed: p.seed, train: p.train, val: p.val, stratified: p.stratified, models: p.models.clone(), ..DataParams::default() });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            if let Some((name, bytes)) = read_file(file).await {
                load_own(lab, run, name, bytes);
            }
        });
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
        leptos::task::spawn_local(async move {
            if let Some((name, bytes)) = read_file(file).await {
                load_own(lab, run, name, bytes);
            }
        });
    };
    let pasted = RwSignal::new(String::new());
    let read_pasted = move || {
        let text = pasted.get_untracked();
        load_own(lab, run, DT::PastedName.get(lang.get_untracked()).to_owned(), text.into_bytes());
    };

    // What is happening to the table: its download, its reading (with the stage and a bar), a
    // refusal (and which table stays), a missing own file; then what the table is.
    let status = live(move || {
        frame.track();
        let l = lang.get();
        engine.look(|e| {
            let mut shown = Vec::new();
            if let Some(ld) = &e.loading {
                let (stage, share) = ld.stage();
                let what = [DT::StageRows, DT::StageTypes, DT::StageProfile][stage].get(l);
                let pct = ((stage as f64 + share) / 3.0 * 100.0).round();
                shown.push(El::new("div").class("row wrap").attr("role", "status").testid("load-progress").attr("data-stage", stage.to_string())
                    .child(El::new("progress").attr("max", "100").attr("value", pct.to_string()))
                    .child(tag_text("span", "", fill(DT::Loading.get(l), &[&ld.name, what, &format!("{pct}")]))));
            } else if e.fetching || e.wanted.is_some() {
                shown.push(tag_text("p", "help", DT::Fetching.get(l)).attr("role", "status").testid("load-progress").attr("data-stage", "fetch"));
            }
            shown
        })
    });
    // Kept apart from the progress, which changes every frame: an alert is built once.
    let refusal = live(move || {
        frame.track();
        let l = lang.get();
        let own = params.look(|p| p.table == Source::Own);
        engine.look(|e| {
            let mut shown = Vec::new();
            if let Some(f) = &e.failure {
                let text = match f {
                    LoadFailure::File { name, error } => fill(DT::FileRefused.get(l), &[name, &csv_error_text(error, l)]),
                    LoadFailure::Download(0) => DT::DownloadNoAnswer.get(l).to_owned(),
                    LoadFailure::Download(s) => fill(DT::DownloadRefused.get(l), &[&s.to_string()]),
                };
                let kept = e.loaded.as_ref().map(|ld| tag_text("p", "", fill(DT::KeptTable.get(l), &[&ld.name])));
                shown.push(El::new("div").class("banner danger").attr("role", "alert").testid("load-error").child(tag_text("p", "", text)).child_if(kept));
            }
            if own && e.loaded.is_none() && e.loading.is_none() {
                shown.push(El::new("div").class("banner").attr("role", "status").testid("own-missing").child(tag_text("p", "", DT::OwnMissing.get(l))));
            }
            shown
        })
    });
    let summary = move || {
        let _ = table_version.get();
        frame.track();
        let l = lang.get();
        engine.look(|e| e.loaded.as_ref().map(|ld| {
            let numeric = ld.table.numeric_columns().len();
            let missing: usize = ld.profile.columns.iter().map(|c| c.missing).sum();
            fill(DT::TableSummary.get(l), &[&ld.name, &thousands(ld.table.n_rows() as f64), &ld.table.n_columns().to_string(), &numeric.to_string(), &(ld.table.n_columns() - numeric).to_string(), &thousands(missing as f64)])
        }))
    };
    let warnings = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let items = engine.look(|e| e.loaded.as_ref().map(|ld| ld.warnings.iter().map(|w| tag_text("li", "", fill(DT::HeaderRenamed.get(l), &[&w.column.to_string(), &w.given, &w.renamed]))).collect())).unwrap_or_default();
        vec![El::new("ul").class("help").testid("header-warnings").children(items)]
    });

    // The built-in tables, the one on screen pressed.
    let sources = live(move || {
        frame.track();
        let l = lang.get();
        let on_screen = engine.look(|e| e.loaded.as_ref().map(|ld| ld.source));
        let buttons = Source::ALL.into_iter().filter(|s| *s != Source::Own).map(|s| {
            El::new("button").class("choice").testid(format!("table-{}", s.slug())).attr("aria-pressed", (on_screen == Some(s)).to_string()).says(source_name(s).get(l)).on_click(move || choose(s))
        }).collect();
        vec![
            El::new("div").class("row wrap").attr("role", "group").attr("aria-label", DT::BuiltIn.get(l)).children(buttons),
            tag_text("p", "help", on_screen.map_or("", |s| attribution(s).get(l))).testid("attribution"),
        ]
    });

    view! {
        <article class="lab lab-data" data-testid="lab-data">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || { frame.track(); engine.try_with_value(|e| challenges::met(&challenges::now(e))).unwrap_or(0) })}
            <section class="panel" aria-labelledby="data-in">
                <h2 id="data-in">{t(DT::InTitle)}</h2>
                <p class="help">{t(DT::InHelp)}</p>
                {sources}
                <div class="drop-zone" class:dragging=move || dragging.get() data-testid="drop-zone"
                    on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=on_drop>
                    <label for="file-input">{t(DT::DropHere)}</label>
                    <input type="file" id="file-input" data-testid="file-input" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" on:change=on_file />
                </div>
                <details class="paste">
                    <summary data-testid="paste-open">{t(DT::PasteTitle)}</summary>
                    <label for="paste-text" class="help">{t(DT::PasteHelp)}</label>
                    <textarea id="paste-text" data-testid="paste-text" rows="6" spellcheck="false" dir="ltr"
                        prop:value=move || pasted.get() on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                    <button data-testid="paste-read" on:click=move |_| read_pasted()>{t(DT::PasteRead)}</button>
                </details>
                <p class="help">{t(DT::Private)}</p>
                {status}
                {refusal}
                <p class="table-summary" data-testid="table-summary" aria-live="polite">{summary}</p>
                {warnings}
            </section>
            {explore::panel(lab, table_version)}
            {models_panel::panel(lab, run, table_version)}
        </article>
    }.into_any()
}
