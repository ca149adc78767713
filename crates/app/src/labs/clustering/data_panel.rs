//! The data panel: the points (a shape, or drawn by hand), k and the start, the inertia of the
//! run so far, its silhouette and its agreement with DBSCAN.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cluster::kmeans::Init;
use perplexed_core::data::shapes::ClusterShape;

use crate::components::chart::hex;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::controls::{count, seed, select, toggle_explained};
use crate::components::format::number;
use crate::i18n::{fill, P};
use crate::components::lab_shell::Look;

use super::params::{round_coord, Source, K_MAX, MAX_DRAWN};
use super::text::CT;
use super::{init_name, score, source_name, Shared};

#[component]
pub(super) fn DataPanel(sh: Shared) -> impl IntoView {
    let Shared { lang, params, engine, km_rev, data_rev, .. } = sh;
    let inertia_ref = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        km_rev.track();
        let l = lang.get();
        let Some(c) = inertia_ref.get() else { return };
        let points: Vec<(f32, f32)> = engine.look(|e| {
            e.km.as_ref().map_or(Vec::new(), |km| {
                km.inertia_history().iter().enumerate().map(|(i, &v)| (i as f32 / 2.0 + 1.0, v as f32)).collect()
            })
        });
        let last = points.last().map_or(2.0, |p| p.0.max(2.0));
        line::draw(
            &c,
            &LineChart {
                series: vec![Series { label: CT::SeriesInertia.get(l), colour: hex("#0072b2"), points }],
                x_range: (1.0, last),
                x_label: CT::AxisIteration.get(l),
                y_label: CT::AxisInertia.get(l),
                ..Default::default()
            },
        );
    });

    let t = move |key: crate::i18n::Label| sh.t(key);
    let is_drawn = move || sh.is_drawn();
    let typed_x1 = RwSignal::new(String::from("0"));
    let typed_x2 = RwSignal::new(String::from("0"));
    let typed_invalid = RwSignal::new(false);
    let add_typed = move || {
        let read = |s: RwSignal<String>| s.with(|v| v.trim().replace('−', "-").parse::<f64>().ok()).filter(|v| v.is_finite() && v.abs() <= 6.0);
        match (read(typed_x1), read(typed_x2)) {
            (Some(a), Some(b)) => {
                typed_invalid.set(false);
                sh.add_point(round_coord(a), round_coord(b));
            }
            _ => typed_invalid.set(true),
        }
    };
    let coord = move |id: &'static str, label: crate::i18n::Label, typed: RwSignal<String>| {
        view! {
            <label for=id>{t(label)}</label>
            <input type="number" id=id data-testid=id min="-6" max="6" step="0.1"
                class:invalid=move || typed_invalid.get()
                prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
        }
    };
    let sources: Vec<(&'static str, crate::i18n::Label)> = Source::all().into_iter().map(|s| (s.slug(), source_name(s))).collect();
    let inits: Vec<(&'static str, crate::i18n::Label)> = Init::ALL.iter().map(|&i| (i.slug(), init_name(i))).collect();
    let shape_is = move |f: fn(ClusterShape) -> bool| move || params.look(|p| matches!(p.data, Source::Shape(s) if f(s)));
    let run_silhouette_text =
        sh.read([km_rev], |e, l| e.run_silhouette.map_or(String::new(), |s| fill(CT::RunSilhouette.get(l), &[&number(s.into(), 2)])));
    let agreement_text = sh.read([km_rev, data_rev], |e, l| {
        e.agreement().map_or(String::new(), |(km, db)| fill(CT::Agreement.get(l), &[&score(km), &score(db)]))
    });
    let drawn_count = move || {
        let l = lang.get();
        fill(CT::DrawnCount.get(l), &[&P::Points.count(params.look(|p| p.drawn.len()), l), &MAX_DRAWN.to_string()])
    };

    view! {
        <section class="panel" aria-labelledby="cl-data">
            <h2 id="cl-data">{t(CT::DataTitle)}</h2>
            {select(lang, "data", CT::DataLabel, CT::DataHelp, sources,
                move || params.look(|p| p.data.slug()),
                move |v| if let Some(s) = Source::from_slug(&v) { sh.set(|p| p.data = s) })}
            <Show when=move || !is_drawn()>
                {count(sh.lang, sh.params, "points", CT::PointsLabel, CT::PointsHelp, (10, 2000), "", |p| p.points, |p, v| p.points = v)}
            </Show>
            <Show when=shape_is(|s| matches!(s, ClusterShape::Blobs | ClusterShape::Anisotropic | ClusterShape::Rings))>
                {count(sh.lang, sh.params, "clusters", CT::GroupsLabel, CT::GroupsHelp, (1, 8), "", |p| p.clusters, |p, v| p.clusters = v)}
            </Show>
            <Show when=shape_is(|s| s != ClusterShape::Uniform)>
                {count(lang, params, "spread", CT::SpreadLabel, CT::SpreadHelp, (0, 100), "%", |p| p.spread, |p, v| p.spread = v)}
            </Show>
            {seed(lang, params, CT::SeedHelp, CT::NewData, |p| p.seed, |p, v| p.seed = v)}
            <Show when=is_drawn>
                <div class="control cl-draw" data-control="pts">
                    <p class="help">{t(CT::DrawHelp)}</p>
                    <div class="row wrap">
                        {coord("point-x1", CT::CoordX1, typed_x1)}
                        {coord("point-x2", CT::CoordX2, typed_x2)}
                    </div>
                    <div class="row wrap">
                        <button data-testid="add-point" disabled=move || params.look(|p| p.drawn.len() >= MAX_DRAWN)
                            on:click=move |_| add_typed()>{t(CT::AddPoint)}</button>
                        <button data-testid="undo-point" disabled=move || params.look(|p| p.drawn.is_empty())
                            on:click=move |_| sh.set(|p| { p.drawn.pop(); })>{t(CT::UndoPoint)}</button>
                        <button data-testid="clear-points" disabled=move || params.look(|p| p.drawn.is_empty())
                            on:click=move |_| sh.set(|p| p.drawn.clear())>{t(CT::ClearPoints)}</button>
                    </div>
                    <Show when=move || typed_invalid.get()>
                        <p class="error" role="alert">{t(CT::CoordInvalid)}</p>
                    </Show>
                    <p class="help" data-testid="drawn-count" aria-live="polite">{drawn_count}</p>
                </div>
            </Show>
            {count(sh.lang, sh.params, "k", CT::KLabel, CT::KHelp, (1, K_MAX as i64), "", |p| p.k, |p, v| p.k = v)}
            {select(lang, "init", CT::InitLabel, CT::InitHelp, inits,
                move || params.look(|p| p.init.slug()),
                move |v| if let Some(i) = Init::from_slug(&v) { sh.set(|p| p.init = i) })}
            {toggle_explained(lang, "axes", CT::AxesToggle, CT::AxesHelp, move || params.look(|p| p.axes), move |v| sh.set(|p| p.axes = v))}
            <figure>
                <figcaption>{t(CT::InertiaTitle)}</figcaption>
                <canvas node_ref=inertia_ref data-testid="inertia-chart" class="chart-canvas"></canvas>
                <p class="help">{t(CT::InertiaHelp)}</p>
            </figure>
            <p data-testid="run-silhouette">{run_silhouette_text}</p>
            <Show when=shape_is(|s| s == ClusterShape::Uniform)>
                <p class="cl-lesson" data-testid="uniform-lesson">{t(CT::UniformLesson)}</p>
            </Show>
            <p data-testid="agreement">{agreement_text}</p>
        </section>
    }
}
