//! The CNN lab (concept 15), in two pages, each its own download ([`Lab::parts`]): a small
//! convolutional network trained live on 1,797 hand-written digits — its loss and accuracy, its
//! learned filters and the feature maps of a digit drawn as they change, the validation mistakes
//! it makes, a digit the visitor draws read by it ([`page`]) — and a kernel you can hold:
//! convolution and pooling worked out cell by cell ([`kernel_page`], `part=kernel`). Together
//! they would exceed one page's 350 KB budget; apart, the explorer's page carries no trainer.
//!
//! The digits are fetched from this site when the lab opens (`data/digits-8x8.bin`, copied
//! beside the page by Trunk, packed by [`digits_pack`](perplexed_core::data::digits_pack) to
//! 33 KB where the CSV gzips to 53 KB): kept out of the WebAssembly, so the page itself starts
//! sooner, and nothing is asked of any other origin.

mod challenges;
pub mod engine;
pub mod kernel_panel;
pub mod kernel_text;
pub mod pad;
pub mod params;
pub mod pixels;
pub mod text;
pub mod why;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cnn::model::{Pooling, MAX_CONV_LAYERS, MAX_FILTERS};
use perplexed_core::data::digits::{CLASSES, SIDE};

use crate::components::canvas::now_ms;
use crate::components::chart::indexed;
use crate::components::chart::line::{self, LineChart, Mark};
use crate::components::colors::CLASS;
use crate::components::controls::{counter, split_counts_text};
use crate::components::dom::{live, tag_text, El};
use crate::components::dom_controls as controls;
use crate::components::files::fetch_bytes;
use crate::components::errors::{self, say};
use crate::components::format::{log_loss, share as pct, thousands};
use crate::components::frame_loop::SLOW_REFRESH_MS;
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};

use engine::{CnnEngine, DataFailure, DataState, MISTAKES_SHOWN};
use params::{CnnParams, Part, BATCHES};
use crate::components::training::{TR, self, Offer, TestEvaluation, Training, TrainingParams, LEARNING_RATES};
use pixels::Palette;
use text::CT;
use crate::components::lab_shell::Look;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::CNN;

pub const LAB: Lab = Lab {
    slug: "cnn",
    nav: T::NavCnn,
    concepts: &[15],
    parts: &["kernel", "why"],
    #[cfg(test)]
    validate: <CnnParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card opens the lab with this query (after `lab=cnn&`): the default
/// network at a watchable pace, showing the feature maps of a 2.
pub const CONCEPT_PRESET: &str = "speed=watch&look=2";

/// Where the digits are, relative to the page.
const DATA_URL: &str = "data/digits-8x8.bin";
/// Hidden-layer sizes the slider offers (0 = none).
const DENSE_STOPS: [usize; 6] = [0, 8, 16, 32, 64, 128];
/// Epoch limits the "stop after" slider offers (0 = until paused).
const EPOCH_STOPS: [usize; 7] = [0, 10, 20, 50, 100, 200, 500];
/// What the training controls offer (no clipping: the CNN's gradients stay tame; batches up to 512).
const OFFER: Offer = Offer { learning_rates: &LEARNING_RATES, batches: &BATCHES, clips: &[], epoch_stops: &EPOCH_STOPS };
/// Tiles per row for a layer's filters and maps.
const TILE_COLUMNS: usize = 8;

/// The lab's page: what its own bundle (`src/bin/lab-cnn.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Cnn /> }.into_any()
}

/// The lab's second page, the kernel explorer (`src/bin/lab-cnn-kernel.rs`, `part=kernel`).
pub fn kernel_page() -> AnyView {
    view! { <CnnKernel /> }.into_any()
}

/// The lab's third page, why convolution (`src/bin/lab-cnn-why.rs`, `part=why`).
pub fn why_page() -> AnyView {
    view! { <why::CnnWhy /> }.into_any()
}

/// The three pages as tabs (each its own bundle).
fn parts_nav(lang: RwSignal<Lang>, params: RwSignal<CnnParams>) -> impl IntoView {
    let tabs = vec![(Part::Train.slug(), CT::PartTrain.into()), (Part::Kernel.slug(), CT::PartKernel.into()), (Part::Why.slug(), CT::PartWhy.into())];
    lab_shell::parts_nav(&LAB, lang, params, (CT::PartsLabel.into(), tabs), |p| p.part.slug(), |p, to| CnnParams { part: Part::from_slug(to).unwrap_or(p.part), ..p.clone() })
}

/// What to tell the visitor when the digits did not arrive.
fn failure_text(f: &DataFailure, l: Lang) -> String {
    let detail = match f {
        DataFailure::Download(0) => CT::NoAnswer.get(l).to_owned(),
        DataFailure::Download(status) => fill(CT::Refused.get(l), &[&status.to_string()]),
        DataFailure::File(error) => fill(CT::BadFile.get(l), &[&say(error, l)]),
    };
    fill(CT::DataFailed.get(l), &[&detail])
}

/// The kernel explorer's page: the lab's settings and address, one example of each digit from
/// the same download as the training page (the browser's cache serves it to the second page
/// opened), and a drawing pad whose drawing the explorer can convolve.
#[component]
pub fn CnnKernel() -> impl IntoView {
    let (ctx, initial) = lab_shell::open_lab::<CnnParams>();
    let lang = ctx.lang;
    let params = RwSignal::new(CnnParams { part: Part::Kernel, ..initial });
    lab_shell::follow_address(&LAB, params, lang);
    let examples = RwSignal::new(None::<Vec<Vec<f32>>>);
    let failed = RwSignal::new(None::<DataFailure>);
    let drawing = RwSignal::new(vec![0.0f32; SIDE * SIDE]);
    leptos::task::spawn_local(async move {
        let outcome = match fetch_bytes(DATA_URL).await {
            Ok(bytes) => perplexed_core::data::digits_pack::unpack(&bytes).map(|d| engine::examples(&d)).map_err(DataFailure::File),
            Err(status) => Err(DataFailure::Download(status)),
        };
        match outcome {
            Ok(e) => { examples.try_set(Some(e)); }
            Err(f) => { failed.try_set(Some(f)); }
        }
    });
    let t = move |k: crate::i18n::Label| move || k.get(lang.get());
    view! {
        <article class="lab cnn" data-testid="lab-cnn" data-part="kernel">
            {lab_shell::lab_head(HEADING, lang)}
            {parts_nav(lang, params)}
            {move || failed.get().map(|f| view! { <div class="banner danger" role="alert" data-testid="data-failed"><p>{failure_text(&f, lang.get())}</p></div> }.into_any())}
            <div class="lab-grid two">
                {kernel_panel::kernel_panel(lang, params, examples.into(), drawing.into())}
                <section class="panel" aria-labelledby="cnn-own">
                    <h2 id="cnn-own">{t(CT::OwnTitle)}</h2>
                    <p class="help">{t(CT::OwnHelp)}</p>
                    {pad::drawing_pad(lang, drawing)}
                </section>
            </div>
        </article>
    }.into_any()
}

/// Fetches the digits (same origin) and hands them to the engine; a failure is recorded there.
fn load_digits(engine: StoredValue<CnnEngine, LocalStorage>, done: impl Fn() + 'static) {
    leptos::task::spawn_local(async move {
        let result = fetch_bytes(DATA_URL).await;
        let applied = engine.try_update_value(|e| match result {
            Ok(text) => e.set_data(&text),
            Err(status) => e.set_failed(status),
        });
        if applied.is_some() {
            done();
        }
    });
}

#[component]
pub fn Cnn() -> impl IntoView {
    let lab = lab_shell::open(&LAB, CnnEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: every parameter tensor as it is now.
    crate::components::chart::tools::offer_model(move || engine.look(|e| e.trainer().map(|t| crate::components::chart::tools::params_json("convolutional network", t.net().params()))));
    let examples = RwSignal::new(None::<Vec<Vec<f32>>>);
    let drawing = RwSignal::new(vec![0.0f32; SIDE * SIDE]);
    let probs = RwSignal::new(None::<[f32; CLASSES]>);
    let look_probs = RwSignal::new(None::<[f32; CLASSES]>);
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.runs.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("conv_layers", "layers"), ("filters", "filters"), ("kernel", "size"), ("dense", "dense"), ("lr", "lr"), ("batch", "batch"), ("train", "train"), ("val", "val")],
    );

    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let publish = move || lab.published(run);
    let (play_pause, step, reset) = lab.actions(run);

    load_digits(engine, move || {
        examples.set(engine.look(|e| e.examples.clone()));
        publish();
        frames.ensure();
    });

    let loss_ref = NodeRef::<Canvas>::new();
    let acc_ref = NodeRef::<Canvas>::new();
    let filter_refs: [NodeRef<Canvas>; MAX_CONV_LAYERS] = std::array::from_fn(|_| NodeRef::new());
    let map_refs: [NodeRef<Canvas>; MAX_CONV_LAYERS] = std::array::from_fn(|_| NodeRef::new());
    let look_ref = NodeRef::<Canvas>::new();
    let seen_ref = NodeRef::<Canvas>::new();
    let mistake_refs: [NodeRef<Canvas>; MISTAKES_SHOWN] = std::array::from_fn(|_| NodeRef::new());

    // The curves change once an epoch: redrawn when the epoch count (or the language) moves.
    let drawn_curves = StoredValue::new((u64::MAX, usize::MAX, Lang::En));
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let v = version.get();
        let Some(epochs) = engine.try_with_value(|e| e.trainer().map_or(0, |t| t.epoch())) else { return };
        if drawn_curves.get_value() == (v, epochs, l) {
            return;
        }
        drawn_curves.set_value((v, epochs, l));
        engine.look(|e| frames.measure_occasional(|| draw_curves(e, l, loss_ref, acc_ref)));
    });

    // Filters, feature maps and the drawing's probabilities: a pass over the network each, a
    // few times a second while training, at once when anything they show changes otherwise.
    let last_pictures = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        let look = params.look(|p| p.look);
        let image = drawing.get();
        let layers = params.look(|p| p.layers);
        let now = now_ms();
        if playing.get_untracked() && now - last_pictures.get_value() < SLOW_REFRESH_MS {
            return;
        }
        last_pictures.set_value(now);
        engine.update_value(|e| {
            frames.measure_occasional(|| {
                for (l, r) in filter_refs.iter().enumerate().take(layers) {
                    if let Some(c) = r.get() {
                        let tiles = e.filters(l);
                        let side = e.params.size;
                        pixels::draw_tiles(&c, &tiles, side, TILE_COLUMNS, Palette::Signed);
                    }
                }
                let look_image = e.look_image(look).map(|(_, v)| v.to_vec());
                if let (Some(c), Some(img)) = (look_ref.get(), &look_image) {
                    pixels::draw(&c, img, SIDE, Palette::Ink);
                }
                if let Some(img) = &look_image {
                    let maps = e.feature_maps(img);
                    for (l, r) in map_refs.iter().enumerate().take(layers) {
                        if let (Some(c), Some(layer)) = (r.get(), maps.get(l)) {
                            let side = layer.first().map_or(0, |m| m.side);
                            let tiles: Vec<&[f32]> = layer.iter().map(|m| m.values.as_slice()).collect();
                            pixels::draw_tiles(&c, &tiles, side, TILE_COLUMNS, Palette::InkToMax);
                        }
                    }
                    look_probs.set(e.probabilities(img));
                }
                if let Some(c) = seen_ref.get() {
                    pixels::draw(&c, &image, SIDE, Palette::Ink);
                }
                let drawn = image.iter().any(|&v| v > 0.0);
                probs.set(if drawn { e.probabilities(&image) } else { None });
            });
        });
    });

    // The worst mistakes, once an epoch.
    Effect::new(move |_| {
        frame.track();
        version.track();
        engine.update_value(|e| {
            let worst: Vec<(usize, usize, usize, usize)> = e.mistakes().map(|m| m.worst.iter().map(|w| (w.truth, w.predicted, w.count, w.example)).collect()).unwrap_or_default();
            for (i, r) in mistake_refs.iter().enumerate() {
                if let (Some(c), Some(&(_, _, _, example))) = (r.get(), worst.get(i)) {
                    if let Some((img, _)) = e.image(example) {
                        pixels::draw(&c, img, SIDE, Palette::Ink);
                    }
                }
            }
        });
    });

    let (set, t) = (move |f: &dyn Fn(&mut CnnParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&CnnEngine) -> String| lab.read(f);

    // The model's controls, drawn as data (dom::live): one builder for every slider and select.
    let invalid = errors::invalid_controls();
    let model_controls = live(move || {
        let l = lang.get();
        params.look(|p| {
            let count = |id: &'static str, (label, help): (crate::i18n::Label, crate::i18n::Label), max: usize, now: usize, put: fn(&mut CnnParams, usize)| {
                controls::range(id, invalid(id), label.get(l), help.get(l), (1, max as i64), now as i64, now.to_string(), move |v| set(&|p| put(p, v as usize)))
            };
            let options = |list: &[(&str, crate::i18n::Label)]| list.iter().map(|(v, name)| ((*v).to_owned(), name.get(l).to_owned())).collect();
            let pools = options(&[(Pooling::Max.slug(), CT::PoolMax), (Pooling::Average.slug(), CT::PoolAverage), (Pooling::None.slug(), CT::PoolNone)]);
            let dense_at = DENSE_STOPS.iter().position(|&d| d >= p.dense).unwrap_or(DENSE_STOPS.len() - 1) as i64;
            let mut shown = vec![count("layers", (CT::LayersLabel, CT::LayersHelp), MAX_CONV_LAYERS, p.layers, |p, v| p.layers = v),
                count("filters", (CT::FiltersLabel, CT::FiltersCountHelp), MAX_FILTERS, p.filters, |p, v| p.filters = v)];
            if p.layers > 1 {
                shown.push(count("filters2", (CT::Filters2Label, CT::Filters2CountHelp), MAX_FILTERS, p.filters2, |p, v| p.filters2 = v));
            }
            shown.extend([
                controls::select("size", invalid("size"), CT::SizeLabel.get(l), CT::SizeHelp.get(l), options(&[("3", CT::Size3), ("5", CT::Size5)]), if p.size == 5 { "5" } else { "3" },
                    move |v| if let Ok(k) = v.parse::<usize>() { set(&|p| p.size = k) }),
                controls::select("pool", invalid("pool"), CT::PoolLabel.get(l), CT::PoolHelp.get(l), pools, p.pool.slug(),
                    move |v| if let Some(k) = Pooling::from_slug(&v) { set(&|p| p.pool = k) }),
                controls::range("dense", invalid("dense"), CT::DenseLabel.get(l), CT::DenseHelp.get(l), (0, DENSE_STOPS.len() as i64 - 1), dense_at,
                    if p.dense == 0 { CT::DenseNone.get(l).to_owned() } else { p.dense.to_string() }, move |v| set(&|p| p.dense = DENSE_STOPS[(v.max(0) as usize).min(DENSE_STOPS.len() - 1)])),
            ]);
            let put = move |f: &dyn Fn(&mut Training)| set(&|p| { let mut t = p.training(); f(&mut t); p.set_training(t); });
            shown.extend(training::training_controls_el(l, &p.training(), OFFER, (T::LrHelp.get(l), CT::BatchHelp.get(l)), invalid, put));
            shown
        })
    });

    let status_banner = move || {
        frame.track();
        let l = lang.get();
        let (state, error, diverged) = engine.look(|e| (e.state.clone(), e.runs.error.clone(), e.runs.diverged()));
        match state {
            DataState::Loading => Some(view! { <div class="banner" role="status" data-testid="data-loading"><p>{CT::Loading.get(l)}</p></div> }.into_any()),
            DataState::Failed(f) => {
                Some(view! {
                    <div class="banner danger" role="alert" data-testid="data-failed">
                        <p>{failure_text(&f, l)}</p>
                        <button on:click=move |_| load_digits(engine, move || { examples.set(engine.look(|e| e.examples.clone())); publish(); frames.ensure(); })>{CT::Retry.get(l)}</button>
                    </div>
                }.into_any())
            }
            DataState::Ready => lab_shell::run_status(lang, error, diverged, move || training::fix_divergence(lab, run)),
        }
    };

    // The probability bars and the confusion matrix as data (dom::live): a Leptos view per bar,
    // row and cell is a view type each, ~2 KB of download.
    let prob_bars = move |source: RwSignal<Option<[f32; CLASSES]>>, prefix: &'static str| {
        live(move || {
            let p = source.get();
            let best = p.map(|p| argmax(&p));
            (0..CLASSES)
                .map(|d| {
                    let v = p.map_or(0.0, |p| p[d]);
                    El::new("div").class(if best == Some(d) { "cnn-bar best" } else { "cnn-bar" }).testid(format!("{prefix}-{d}")).attr("data-p", format!("{v:.4}"))
                        .child(tag_text("span", "cnn-bar-digit", d.to_string()))
                        .child(El::new("span").class("cnn-bar-track").child(El::new("span").class("cnn-bar-fill").attr("style", format!("inline-size:{:.1}%", 100.0 * v.clamp(0.0, 1.0)))))
                        .child(tag_text("span", "cnn-bar-value", if p.is_some() { pct(Some(v)) } else { "—".into() }))
                })
                .collect()
        })
    };

    let confusion_rows = live(move || {
        frame.track();
        version.track();
        let l = lang.get();
        let cells = engine.try_update_value(|e| e.mistakes().map(|m| (0..CLASSES).map(|r| (0..CLASSES).map(|c| m.matrix.get(r, c)).collect::<Vec<_>>()).collect::<Vec<_>>())).flatten();
        let Some(cells) = cells else {
            return vec![tag_text("p", "help", T::NoValidation.get(l))];
        };
        let max = cells.iter().enumerate().flat_map(|(r, row)| row.iter().enumerate().filter(move |(c, _)| *c != r).map(|(_, &v)| v)).max().unwrap_or(0).max(1);
        let head = std::iter::once(tag_text("th", "corner", T::ConfusionAxes.get(l)).attr("scope", "col"))
            .chain((0..CLASSES).map(|c| El::new("th").attr("scope", "col").says(c.to_string())))
            .collect();
        let body = cells.into_iter().enumerate().map(|(r, row)| {
            let tds = row.into_iter().enumerate().map(|(c, v)| {
                let style = if v == 0 { String::new() } else if c == r {
                    "background:color-mix(in srgb, var(--accent) 22%, transparent)".to_owned()
                } else {
                    // --mix: black or white text, whichever reads on this shade (style.css).
                    let mix = 20 + 60 * v / max;
                    format!("background:color-mix(in srgb, {} {mix}%, transparent); --mix: {mix}", crate::components::colors::css(CLASS[0]))
                };
                El::new("td").attr("style", style).testid(format!("confusion-{r}-{c}")).says(if v == 0 { String::new() } else { v.to_string() })
            }).collect();
            El::new("tr").child(El::new("th").attr("scope", "row").says(r.to_string())).children(tds)
        }).collect();
        vec![El::new("div").class("cnn-scroll").child(
            El::new("table").class("cnn-confusion").testid("confusion").attr("dir", "ltr")
                .child(El::new("thead").child(El::new("tr").children(head)))
                .child(El::new("tbody").children(body)),
        )]
    });

    let mistakes_list = move || {
        frame.track();
        version.track();
        let l = lang.get();
        let worst: Vec<(usize, usize, usize)> = engine.try_update_value(|e| e.mistakes().map(|m| m.worst.iter().map(|w| (w.truth, w.predicted, w.count)).collect())).flatten().unwrap_or_default();
        mistake_refs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let item = worst.get(i).copied();
                view! {
                    <figure class="cnn-mistake" class:hidden=item.is_none() data-testid=format!("mistake-{i}")>
                        <canvas node_ref=*r class="cnn-digit small" dir="ltr"></canvas>
                        <figcaption>{item.map(|(t, p, n)| fill(CT::MistakeCaption.get(l), &[&t.to_string(), &p.to_string(), &n.to_string()]))}</figcaption>
                    </figure>
                }.into_any()
            })
            .collect_view()
    };

    let layer_views = move || {
        let n = params.look(|p| p.layers);
        let l = lang.get();
        (0..n)
            .map(|layer| {
                let filters = params.look(|p| if layer == 0 { p.filters } else { p.filters2 });
                let aspect = pixels::aspect(filters, TILE_COLUMNS);
                let title = fill(CT::LayerTitle.get(l), &[&(layer + 1).to_string()]);
                view! {
                    <div class="cnn-layer" data-testid=format!("layer-{layer}")>
                        <h3>{title}</h3>
                        <p class="help">{if layer == 0 { CT::FiltersHelp.get(l) } else { CT::Filters2Help.get(l) }}</p>
                        <canvas node_ref=filter_refs[layer] class="cnn-tiles" style=aspect.clone() data-testid=format!("filters-{layer}") dir="ltr"></canvas>
                        <p class="help">{CT::MapsHelp.get(l)}</p>
                        <canvas node_ref=map_refs[layer] class="cnn-tiles" style=aspect data-testid=format!("maps-{layer}") dir="ltr"></canvas>
                    </div>
                }.into_any()
            })
            .collect_view()
    };

    view! {
        <article class="lab cnn" data-testid="lab-cnn">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| e.trainer().map_or(0, |t| challenges::met(t.net().architecture().param_count(), t.settings().train_pct, e.accuracies()))).unwrap_or(0)
            })}
            {parts_nav(lang, params)}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label=Signal::derive(|| Label::from(TR::StepBatch)) />
                {training::pace_select(params, CT::SpeedHelp)}
                {counter(t(T::EpochLabel.into()), "epoch", read(|e| e.trainer().map_or("—".into(), |t| t.epoch().to_string())))}
                {counter(t(TR::Batches.into()), "batches", read(|e| e.trainer().map_or("—".into(), |t| thousands(t.batches_trained() as f64))))}
                {counter(t(CT::TrainAcc.into()), "acc-train", read(|e| pct(e.accuracies().0)))}
                {counter(t(CT::ValAcc.into()), "acc-val", read(|e| pct(e.accuracies().1)))}
                <p class="help cnn-keys">{t(TR::KeysBatch.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="cnn-curves">
                    <h2 id="cnn-curves">{t(CT::CurvesTitle.into())}</h2>
                    <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=acc_ref data-testid="acc-chart" class="chart-canvas"></canvas>
                    <p class="help">{t(CT::CurvesHelp.into())}</p>
                    {training::test_exam(lab, run, test_result)}
                </section>

                <section class="panel" aria-labelledby="cnn-draw">
                    <h2 id="cnn-draw">{t(CT::DrawTitle.into())}</h2>
                    <p class="help">{t(CT::DrawHelp.into())}</p>
                    <div class="cnn-draw-row">
                        {pad::drawing_pad(lang, drawing)}
                        <div class="cnn-seen">
                            <p class="help">{t(CT::SeenLabel.into())}</p>
                            <canvas node_ref=seen_ref class="cnn-digit" data-testid="draw-seen" dir="ltr"></canvas>
                        </div>
                    </div>
                    <p class="cnn-verdict" data-testid="draw-verdict" aria-live="polite">{move || {
                        let l = lang.get();
                        match probs.get() {
                            None => CT::DrawFirst.get(l).to_owned(),
                            Some(p) => { let d = argmax(&p); fill(CT::Verdict.get(l), &[&d.to_string(), &pct(Some(p[d]))]) }
                        }
                    }}</p>
                    <div class="cnn-bars" data-testid="draw-bars">{prob_bars(probs, "prob")}</div>
                </section>

                <section class="panel cnn-wide" aria-labelledby="cnn-inside">
                    <h2 id="cnn-inside">{t(CT::InsideTitle.into())}</h2>
                    <p class="help">{t(CT::InsideHelp.into())}" "<a data-testid="to-kernel" href=move || {
                        let mut all = vec![("lab", LAB.slug.to_owned())];
                        all.extend(params.look(|p| crate::query::LabParams::to_query(&CnnParams { part: Part::Kernel, ..p.clone() })));
                        all.push(("lang", lang.get().code().to_owned()));
                        format!("?{}", crate::query::write_query(&all))
                    }>{t(CT::ToKernel.into())}</a></p>
                    {live(move || {
                        let (l, look) = (lang.get(), params.look(|p| p.look));
                        let buttons = (0..CLASSES).map(|d| El::new("button").attr("role", "radio").testid(format!("look-{d}")).attr("aria-checked", (look == d).to_string())
                            .maybe("class", (look == d).then(|| "pressed".to_owned())).says(d.to_string()).on_click(move || set(&|p| p.look = d))).collect();
                        vec![El::new("div").class("row wrap cnn-look").attr("role", "radiogroup").attr("aria-label", CT::LookLabel.get(l))
                            .child(El::new("span").says(CT::LookLabel.get(l))).children(buttons)]
                    })}
                    <div class="cnn-inside-grid">
                        <figure class="cnn-look-image">
                            <canvas node_ref=look_ref class="cnn-digit" data-testid="look-image" dir="ltr"></canvas>
                            <figcaption>{move || {
                                let l = lang.get();
                                match look_probs.get() {
                                    Some(p) => { let d = argmax(&p); fill(CT::Verdict.get(l), &[&d.to_string(), &pct(Some(p[d]))]) }
                                    None => String::new(),
                                }
                            }}</figcaption>
                        </figure>
                        <div class="cnn-layers">{layer_views}</div>
                    </div>
                </section>

                <section class="panel" aria-labelledby="cnn-model">
                    <h2 id="cnn-model">{t(T::Model.into())}</h2>
                    <p class="help" data-testid="param-count">{move || {
                        let l = lang.get();
                        let spec = params.look(CnnParams::spec);
                        fill(CT::ParamCount.get(l), &[&thousands(spec.param_count() as f64)])
                    }}</p>
                    {model_controls}
                </section>

                <section class="panel" aria-labelledby="cnn-data">
                    <h2 id="cnn-data">{t(T::Data.into())}</h2>
                    <p class="help" data-testid="data-attribution">{t(CT::DataAttribution.into())}</p>
                    {live(move || {
                        let l = lang.get();
                        // The counts change with the run (a new split, the digits arriving).
                        version.track();
                        let mut shown = params.look(|p| controls::split_shares(l, (p.train, p.val), (invalid("train"), invalid("val")), move |train, val| set(&|p| { p.train = train; p.val = val; })));
                        let counts = engine.look(|e| e.trainer().map(|t| split_counts_text(l, t.counts()))).unwrap_or_default();
                        shown.push(tag_text("p", "help", counts).attr("id", "split-counts").testid("split-counts"));
                        shown.push(El::new("button").testid("reshuffle").says(CT::Reshuffle.get(l)).on_click(move || set(&|p| p.split = crate::components::controls::next_seed(p.split))));
                        shown.push(tag_text("p", "help", CT::ReshuffleHelp.get(l)));
                        shown
                    })}
                    <h3>{t(T::ConfusionTitle.into())}</h3>
                    <p class="help">{t(T::ConfusionHelp.into())}</p>
                    {confusion_rows}
                    <h3>{t(CT::MistakesTitle.into())}</h3>
                    <div class="cnn-mistakes" data-testid="mistakes">{mistakes_list}</div>
                </section>

            </div>
        </article>
    }.into_any()
}

/// Index of the largest value (the first on ties).
fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = i;
        }
    }
    best
}

/// Loss (log scale) and accuracy per epoch, training and validation, and the test mark.
fn draw_curves(e: &CnnEngine, l: Lang, loss_ref: NodeRef<Canvas>, acc_ref: NodeRef<Canvas>) {
    let Some(t) = e.trainer() else { return };
    let h = t.history();
    let epochs = (h.train_loss.len().saturating_sub(1)).max(1) as f32;
    let test_colour = CLASS[2];
    if let Some(c) = loss_ref.get() {
        let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, te.loss), label: T::TestShare.get(l), colour: test_colour, faded: te.spent }).collect();
        line::draw(&c, &LineChart {
            series: line::train_val(l, indexed(&h.train_loss), indexed(&h.val_loss)),
            marks,
            x_range: (0.0, epochs),
            x_label: T::AxisEpoch.get(l),
            y_label: T::AxisLoss.get(l),
            log_y: true,
            ..Default::default()
        });
    }
    if let Some(c) = acc_ref.get() {
        let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, te.accuracy), label: T::TestShare.get(l), colour: test_colour, faded: te.spent }).collect();
        line::draw(&c, &LineChart {
            series: line::train_val(l, indexed(&h.train_acc), indexed(&h.val_acc)),
            marks,
            x_range: (0.0, epochs),
            x_label: T::AxisEpoch.get(l),
            y_label: T::AxisAccuracy.get(l),
            ..Default::default()
        });
    }
}

/// The test's figures in words.
fn test_result(l: Lang, te: &TestEvaluation) -> String {
    fill(CT::TestResult.get(l), &[&te.epoch.to_string(), &pct(Some(te.accuracy)), &log_loss(Some(f64::from(te.loss)))])
}
