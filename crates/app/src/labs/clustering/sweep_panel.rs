//! The panel for choosing k: the elbow (inertia by k) and the silhouette by k, swept a few
//! restarts per frame.

use leptos::html::Canvas;
use leptos::prelude::*;

use crate::components::chart::hex;
use crate::components::chart::line::{self, LineChart, Marker, Series};
use crate::components::errors::say;
use crate::i18n::fill;
use crate::components::lab_shell::Look;

use super::engine::SWEEP_STARTS;
use super::params::K_MAX;
use super::text::CT;
use super::{drawn_and_empty, Shared};

/// Points of a chart line.
type Curve = Vec<(f32, f32)>;

#[component]
pub(super) fn SweepPanel(sh: Shared) -> impl IntoView {
    let Shared { lang, params, engine, sweep_rev, data_rev, .. } = sh;
    let chosen_k = Memo::new(move |_| params.look(|p| p.k));
    let elbow_ref = NodeRef::<Canvas>::new();
    let sil_ref = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        sweep_rev.track();
        let l = lang.get();
        let k = chosen_k.get() as f32;
        let (inertia, silhouette): (Curve, Curve) = engine.look(|e| {
            e.sweep.as_ref().map_or((Vec::new(), Vec::new()), |s| {
                (
                    s.points().iter().map(|p| (p.k as f32, p.inertia as f32)).collect(),
                    s.points().iter().filter_map(|p| p.silhouette.map(|v| (p.k as f32, v))).collect(),
                )
            })
        });
        let marker = || vec![Marker { x: k, label: CT::YourK.get(l), colour: hex("#d55e00") }];
        let charts = [(elbow_ref, CT::SeriesInertia, "#0072b2", inertia, CT::AxisInertia), (sil_ref, CT::SeriesSilhouette, "#009e73", silhouette, CT::AxisSilhouette)];
        for (canvas, name, colour, points, y_label) in charts {
            if let Some(c) = canvas.get() {
                let series = vec![Series { label: name.get(l), colour: hex(colour), points }];
                line::draw(&c, &LineChart { series, markers: marker(), x_range: (1.0, K_MAX as f32), x_label: CT::AxisK.get(l), y_label: y_label.get(l), ..Default::default() });
            }
        }
    });
    let sweep_text = sh.read([sweep_rev, data_rev], |e, l| match &e.sweep {
        Err(_) if drawn_and_empty(e) => String::new(),
        Err(m) => fill(CT::SweepError.get(l), &[&say(m, l)]),
        Ok(s) if s.is_finished() => {
            let mut text = fill(CT::SweepDone.get(l), &[&s.k_last().to_string()]);
            if let Some(k) = e.best_silhouette_k() {
                text.push(' ');
                text.push_str(&fill(CT::SweepBest.get(l), &[&k.to_string()]));
            }
            text
        }
        Ok(s) => fill(CT::SweepProgress.get(l), &[&s.points().len().to_string(), &s.k_last().to_string()]),
    });
    let chart = move |title: crate::i18n::Label, node: NodeRef<Canvas>, id: &'static str| {
        view! {
            <figure>
                <figcaption>{sh.t(title)}</figcaption>
                <canvas node_ref=node data-testid=id class="chart-canvas"></canvas>
            </figure>
        }
    };

    view! {
        <section class="panel" aria-labelledby="cl-choose">
            <h2 id="cl-choose">{sh.t(CT::ChooseTitle)}</h2>
            <p class="help">{move || fill(CT::ChooseHelp.get(lang.get()), &[&SWEEP_STARTS.to_string()])}</p>
            <p data-testid="sweep-progress" aria-live="polite">{sweep_text}</p>
            {chart(CT::ElbowTitle, elbow_ref, "elbow-chart")}
            {chart(CT::SilTitle, sil_ref, "silhouette-chart")}
        </section>
    }
}
