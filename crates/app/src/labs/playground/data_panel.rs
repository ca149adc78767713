//! The data panel: the data set, its noise, size and seed, and the three-way split.

use super::*;
use crate::components::lab_shell::Look;

#[component]
pub(super) fn DataPanel(ui: Ui) -> impl IntoView {
    let Ui { lp: Loop { params, snap, .. }, lang, .. } = ui;
    let datasets: Vec<(&'static str, crate::i18n::Label)> = DatasetKind::ALL.iter().map(|&d| (d.slug(), dataset_name(d))).collect();
    view! {
    <section class="panel data-panel" aria-labelledby="pg-data">
        <h2 id="pg-data">{ui.t(T::Data)}</h2>
        <div class="thumbs" data-control="dataset" role="group" aria-label=ui.t(T::DatasetLabel)>
            {DatasetKind::ALL.into_iter().map(|kind| {
                let name = dataset_name(kind);
                view! {
                    <DatasetThumb kind name lang
                        selected=Signal::derive(move || params.look(|p| p.dataset == kind))
                        pick=move || ui.set(&|p| *p = p.clone().with_dataset(kind)) />
                }
            }).collect_view()}
        </div>
        {select(lang, "dataset", T::DatasetLabel, T::DatasetHelp, datasets,
            move || params.look(|p| p.dataset.slug()),
            move |v| if let Some(d) = DatasetKind::from_slug(&v) { ui.set(&|p| *p = p.clone().with_dataset(d)) })}
        {count(lang, params, "noise", T::NoiseLabel, T::NoiseHelp, (0, 50), "%", |p| p.noise, |p, v| p.noise = v)}
        {range(lang, "points", T::PointsLabel, T::PointsHelp, (1, 100),
            move || params.look(|p| (p.points / 20).max(1) as i64),
            move || params.look(|p| p.points).to_string(),
            move |v| ui.set(&|p| p.points = (v as usize * 20).max(params::POINTS_RANGE.0)))}
        {seed(lang, params, T::SeedHelp, T::Regenerate, |p| p.seed, |p, v| p.seed = v)}

        <h3>{ui.t(PT::SplitLabel)}</h3>
        {split_shares(lang, move || params.look(|p| (p.train, p.val)), move |train, val| ui.set(&|p| { p.train = train; p.val = val; }))}
        <div class="split-bar" id="split-counts" data-testid="split-bar" role="img"
            aria-label=move || split_counts_text(lang.get(), snap.with(|s| s.counts))>
            {move || {
                let (a, b, c) = snap.with(|s| s.counts);
                let total = (a + b + c).max(1) as f64;
                view! {
                    <span class="seg seg-train" style=format!("flex-grow:{}", a as f64 / total) data-testid="count-train">{a}</span>
                    <span class="seg seg-val" style=format!("flex-grow:{}", b as f64 / total) data-testid="count-val">{b}</span>
                    <span class="seg seg-test" style=format!("flex-grow:{}", c as f64 / total) data-testid="count-test">{c}</span>
                }
            }}
        </div>
        <p class="help">{move || split_counts_text(lang.get(), snap.with(|s| s.counts))}</p>
    </section>
    }
}

/// A data set as a picture: its points, noise-free, on a small canvas; a click picks it.
#[component]
fn DatasetThumb(
    kind: DatasetKind,
    name: crate::i18n::Label,
    lang: RwSignal<Lang>,
    selected: Signal<bool>,
    pick: impl Fn() + 'static,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let d = perplexed_core::data::dataset::DOMAIN as f64;
        let Some(fr) = Frame::new(&c, (0.0, 0.0, 0.0, 0.0)) else { return };
        let fr = fr.scales((-d, d), (-d, d));
        let Ok(data) = generate(&DataParams { kind, points: 160, noise: 0.0, seed: 1 }) else { return };
        fr.fill_plot("#f5f5f5");
        for i in 0..data.len() {
            let [x1, x2] = data.point(i);
            let t = data.targets[i];
            let colour = if data.problem == Problem::Regression {
                crate::components::colors::signed(t, false)
            } else {
                CLASS[t as usize % CLASS.len()]
            };
            fr.ctx.set_fill_style_str(&css(colour));
            let (x, y) = fr.px(x1.into(), x2.into());
            fr.ctx.fill_rect(x - 1.5, y - 1.5, 3.0, 3.0);
        }
    });
    view! {
        <button class="thumb" data-testid=format!("dataset-{}", kind.slug())
            aria-pressed=move || selected.get().to_string()
            title=move || name.get(lang.get())
            aria-label=move || name.get(lang.get())
            on:click=move |_| pick()>
            <canvas node_ref=canvas class="thumb-canvas"></canvas>
        </button>
    }
}

