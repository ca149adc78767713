//! Overfitting lab: model complexity against data (the U-curve of polynomial degree), training
//! time against validation loss (early stopping), and an honest hyperparameter search —
//! concepts 11, 21 and 22 of the thread, and the three-way split used as it should be.

mod challenges;
pub mod engine;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::curve::CurveFunction;
use perplexed_core::data::split::Role;
use perplexed_core::linear::poly::{Regime, MAX_DEGREE, MIN_TRAIN_TO_JUDGE, MIN_VAL_TO_JUDGE};

use crate::components::canvas::theme_color;
use crate::components::chart::curve::{self, CurvePlot, CurveSeries};
use crate::components::chart::line::{self, LineChart, Marker};
use crate::components::chart::{disc, hex, indexed, Frame, Text};
use crate::components::colors::css;
use crate::components::controls::{count, counter, split_counts_text, seed, range, select, toggle, split_shares};
use crate::components::errors::{self, say};
use perplexed_core::error::ParamError;
use crate::components::format::{lambda as lambda_text, mse as mse_text};
use crate::components::frame_loop::{advance_while, use_frame_loop};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};
use crate::components::lab_shell::Look;

use engine::{OverfitEngine, Search};
use params::{OverfitParams, SearchKind, LAMBDAS, SEARCH_LAMBDAS};
use text::OT;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::OVERFITTING;

pub const LAB: Lab = Lab {
    slug: "overfitting",
    nav: T::NavOverfitting,
    concepts: &[1, 11, 21, 22],
    parts: &[],
    #[cfg(test)]
    validate: <OverfitParams as crate::query::LabParams>::rejected_by,
};

/// The lab's page: what its own bundle (`src/bin/lab-overfitting.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Overfitting /> }.into_any()
}

/// Epochs trained per animation frame (the network is small).
const EPOCHS_PER_FRAME: usize = 4;
/// Search cells scored per animation frame, so the heatmap visibly fills in.
const CELLS_PER_FRAME: usize = 2;

#[component]
pub fn Overfitting() -> impl IntoView {
    let lab = lab_shell::open(&LAB, OverfitEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
    let training = RwSignal::new(false);
    let searching = RwSignal::new(false);
    let search_error = RwSignal::new(None::<ParamError>);
    // The slider that the error on screen names is marked.
    errors::provide_invalid_controls(
        move || {
            frame.track();
            let fit = engine.look(|e| e.fit_error.as_ref().map(|m| m.field));
            fit.into_iter().chain(search_error.with(|m| m.as_ref().map(|m| m.field))).collect()
        },
        &[("degree", "degree"), ("lambda", "lambda"), ("folds", "folds"), ("points", "points"), ("noise", "noise"), ("patience", "patience"), ("train", "train"), ("val", "val")],
    );
    let bump = move || lab.bump();

    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p));
        training.set(false);
        bump();
    });

    // One loop drives both the epoch training and the search.
    let frames = use_frame_loop(move |_| {
        if training.try_get_untracked().is_none() {
            return false;
        }
        advance_while(training, || engine.try_update_value(|e| e.train_epochs(EPOCHS_PER_FRAME)));
        advance_while(searching, || engine.try_update_value(|e| e.advance_search(CELLS_PER_FRAME)));
        frame.update(|f| *f += 1);
        training.get_untracked() || searching.get_untracked()
    });
    frames.run_while(move || training.get() || searching.get());

    // The training's transport: play/pause, one epoch, back to epoch 0.
    let play = move || training.update(|r| *r = !*r);
    let step = move || {
        training.set(false);
        engine.update_value(|e| {
            e.train_epochs(1);
        });
        bump();
    };
    let reset = move || {
        training.set(false);
        engine.update_value(OverfitEngine::reset_training);
        bump();
    };

    let fit_ref = NodeRef::<Canvas>::new();
    let ucurve_ref = NodeRef::<Canvas>::new();
    let net_ref = NodeRef::<Canvas>::new();
    let epochs_ref = NodeRef::<Canvas>::new();
    let search_ref = NodeRef::<Canvas>::new();
    let folds_ref = NodeRef::<Canvas>::new();

    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let p = params.get();
        engine.look(|e| {
            let points: Vec<_> = (0..e.data.len())
                .map(|i| {
                    let role = match e.split.roles.get(i) {
                        Some(Role::Train) => 0u8,
                        Some(Role::Validation) => 1,
                        _ => 2,
                    };
                    (e.data.x[i], e.data.y[i], role, None)
                })
                .collect();
            for (canvas, fit, colour) in [(fit_ref, &e.fit_curve, "#0072b2"), (net_ref, &e.net_curve, "#009e73")] {
                if let Some(c) = canvas.get() {
                    let truth = CurveSeries { ys: &e.true_curve, colour: "rgba(120,120,120,0.55)", width: 3.0, dashed: true };
                    let series = vec![truth, CurveSeries { ys: fit, colour, width: 2.5, dashed: false }];
                    curve::draw(&c, &CurvePlot { xs: &e.xs, series, points: points.clone(), show_test: p.show_test });
                }
            }
            if let Some(c) = ucurve_ref.get() {
                let mut markers = vec![Marker { x: p.degree as f32, label: OT::YouAreHere.get(l), colour: hex("#0072b2") }];
                if let Some(b) = e.best {
                    markers.push(Marker { x: b as f32, label: OT::BestValidation.get(l), colour: hex("#009e73") });
                }
                line::draw(
                    &c,
                    &LineChart {
                        series: line::train_val(l, e.sweep.iter().map(|s| (s.degree as f32, s.train_mse)).collect(), e.sweep.iter().map(|s| (s.degree as f32, s.val_mse)).collect()),
                        markers,
                        x_range: (0.0, MAX_DEGREE as f32),
                        x_label: OT::AxisDegree.get(l),
                        y_label: OT::AxisMse.get(l),
                        log_y: true,
                        // The U of the validation error fills the chart: from a tenth of its lowest
                        // point (a training error of 10⁻⁶ sits on the bottom edge) to ten times
                        // the flat line's error (a degree-20 blow-up sits on the top edge).
                        y_cap: e.sweep.first().map(|s| 10.0 * s.train_mse.max(s.val_mse).max(1e-3)),
                        y_floor: e.sweep.iter().map(|s| s.val_mse).filter(|v| v.is_finite() && *v > 0.0).min_by(f32::total_cmp).map(|v| v / 10.0),
                        ..Default::default()
                    },
                );
            }
            if let (Some(c), Some(t)) = (epochs_ref.get(), e.trainer()) {
                let h = t.history();
                let mut markers = Vec::new();
                if let Some(b) = e.best_epoch() {
                    markers.push(Marker { x: b as f32, label: OT::BestEpoch.get(l), colour: hex("#009e73") });
                }
                if let Some(s) = e.stopped_at() {
                    markers.push(Marker { x: s as f32, label: OT::StoppedHere.get(l), colour: hex("#cc79a7") });
                }
                line::draw(
                    &c,
                    &LineChart {
                        series: line::train_val(l, indexed(&h.train_loss), indexed(&h.val_loss)),
                        markers,
                        x_range: (0.0, (h.train_loss.len().max(2) - 1) as f32),
                        x_label: T::AxisEpoch.get(l),
                        y_label: OT::AxisMse.get(l),
                        log_y: true,
                        y_cap: h.train_loss.first().map(|v| 10.0 * v.max(1e-3)),
                        ..Default::default()
                    },
                );
            }
            if let Some(c) = search_ref.get() {
                draw_search(&c, e.search.as_ref(), p.search, l);
            }
            if let Some(c) = folds_ref.get() {
                draw_folds(&c, &e.fold_assignments(), e.fold_on_show(), p.folds);
            }
        });
    });

    let (set, t) = (move |f: &dyn Fn(&mut OverfitParams)| lab.set(f), move |key: crate::i18n::Label| lab.t(key));
    let read = move |f: fn(&OverfitEngine) -> String| lab.read(f);

    let functions: Vec<(&'static str, crate::i18n::Label)> = vec![
        (CurveFunction::Sine.slug(), OT::FnSine),
        (CurveFunction::Cubic.slug(), OT::FnCubic),
        (CurveFunction::Step.slug(), OT::FnStep),
    ];

    view! {
        <article class="lab overfitting" data-testid="lab-overfitting">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::met(&challenges::Now::of(e))).unwrap_or(0)
            })}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="of-data">
                    <h2 id="of-data">{t(T::Data)}</h2>
                    {select(lang, "function", OT::FunctionLabel, OT::FunctionHelp, functions,
                        move || params.look(|p| p.function.slug()),
                        move |v| if let Some(f) = CurveFunction::from_slug(&v) { set(&|p| p.function = f) })}
                    {count(lang, params, "points", T::PointsLabel, OT::OverfitPointsHelp, (5, 500), "", |p| p.points, |p, v| p.points = v)}
                    {count(lang, params, "noise", T::NoiseLabel, T::NoiseHelp, (0, 100), "%", |p| p.noise, |p, v| p.noise = v)}
                    {split_shares(lang, move || params.look(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train; p.val = val; }))}
                    <p class="help" id="split-counts" data-testid="split-counts">{move || { frame.track(); split_counts_text(lang.get(), engine.look(|e| e.split.counts())) }}</p>
                    {seed(lang, params, T::SeedHelp, T::Regenerate, |p| p.seed, |p, v| p.seed = v)}
                    {toggle(lang, "show_test", T::ShowTest, move || params.look(|p| p.show_test), move |v| set(&|p| p.show_test = v))}
                </section>

                <section class="panel" aria-labelledby="of-complexity">
                    <h2 id="of-complexity">{lab.t(OT::ComplexityTitle)}</h2>
                    <p class="help">{lab.t(OT::ComplexityHelp)}</p>
                    {count(lang, params, "degree", OT::DegreeLabel, OT::DegreeHelp, (0, MAX_DEGREE as i64), "", |p| p.degree, |p, v| p.degree = v)}
                    {range(lang, "lambda", OT::LambdaLabel, OT::LambdaHelp, (0, LAMBDAS.len() as i64 - 1),
                        move || params.look(|p| LAMBDAS.iter().position(|&l| l >= p.lambda).unwrap_or(LAMBDAS.len() - 1) as i64),
                        move || lambda_text(params.look(|p| p.lambda)),
                        move |v| set(&|p| p.lambda = LAMBDAS[(v as usize).min(LAMBDAS.len() - 1)]))}
                    <figure>
                        <figcaption>{lab.t(OT::FitTitle)}</figcaption>
                        <canvas node_ref=fit_ref data-testid="fit-plot" class="curve-canvas"></canvas>
                        <p class="help">{lab.t(OT::FitLegend)}</p>
                    </figure>
                    <div class="row wrap counters">
                        {counter(lab.t(OT::TrainMse), "mse-train", read(|e| e.current.map_or("—".into(), |c| mse_text(c.train_mse))))}
                        {counter(lab.t(OT::ValMse), "mse-val", read(|e| e.current.map_or("—".into(), |c| mse_text(c.val_mse))))}
                        {counter(lab.t(OT::BestDegree), "best-degree", read(|e| e.best.map_or("—".into(), |b| b.to_string())))}
                    </div>
                    <p class="regime" data-testid="regime" data-regime=move || { frame.track(); engine.look(|e| e.regime.map_or("", |r| r.slug())) }>
                        {move || {
                            frame.track();
                            let l = lang.get();
                            let text = match engine.look(|e| e.regime) {
                                Some(Regime::Underfitting) => OT::RegimeUnder.get(l),
                                Some(Regime::AboutRight) => OT::RegimeRight.get(l),
                                Some(Regime::Overfitting) => OT::RegimeOver.get(l),
                                None if engine.look(|e| e.too_few) => OT::RegimeTooFew.get(l),
                                None => OT::RegimeUnknown.get(l),
                            };
                            // Only the too-few sentence has places, for core's thresholds.
                            fill(text, &[&MIN_TRAIN_TO_JUDGE.to_string(), &MIN_VAL_TO_JUDGE.to_string()])
                        }}
                    </p>
                    <Show when=move || { frame.track(); engine.look(|e| e.fit_error.is_some()) }>
                        <p class="error" role="alert">{move || { frame.track(); let l = lang.get(); engine.look(|e| e.fit_error.as_ref().map(|m| say(m, l))) }}</p>
                    </Show>
                    <figure>
                        <figcaption>{lab.t(OT::UCurveTitle)}</figcaption>
                        <canvas node_ref=ucurve_ref data-testid="ucurve" class="chart-canvas"></canvas>
                        <p class="help">{lab.t(OT::UCurveHelp)}</p>
                    </figure>
                </section>

                <section class="panel" aria-labelledby="of-time">
                    <h2 id="of-time">{lab.t(OT::TimeTitle)}</h2>
                    <p class="help">{lab.t(OT::TimeHelp)}</p>
                    <div class="row wrap">
                        <Transport playing=training play step reset step_label=Label::from(T::Step)>
                            <button data-testid="restore-best"
                                disabled=move || { frame.track(); engine.look(|e| !e.has_best_params() || e.restored()) }
                                on:click=move |_| { training.set(false); engine.update_value(|e| { e.restore_best(); }); bump(); }>{lab.t(OT::RestoreBest)}</button>
                        </Transport>
                    </div>
                    {count(lang, params, "patience", OT::PatienceLabel, OT::PatienceHelp, (1, 200), "", |p| p.patience, |p, v| p.patience = v)}
                    <div class="row wrap counters">
                        {counter(t(T::EpochLabel), "epoch", read(|e| e.trainer().map_or(0, |t| t.epoch()).to_string()))}
                        {counter(t(T::TrainLoss), "loss-train", read(|e| mse_text(e.net_losses().0)))}
                        {counter(t(T::ValLoss), "loss-val", read(|e| mse_text(e.net_losses().1)))}
                        {counter(lab.t(OT::BestEpoch), "best-epoch", read(|e| e.best_epoch().map_or("—".into(), |b| b.to_string())))}
                    </div>
                    <p data-testid="stop-note" aria-live="polite">{move || {
                        frame.track();
                        let l = lang.get();
                        engine.look(|e| match (e.stopped_at(), e.best_epoch(), e.restored()) {
                            (_, Some(b), true) => fill(OT::RestoredNote.get(l), &[&b.to_string()]),
                            (Some(s), Some(b), false) => fill(OT::StoppedNote.get(l), &[&s.to_string(), &b.to_string()]),
                            _ => String::new(),
                        })
                    }}</p>
                    <figure>
                        <figcaption>{lab.t(OT::EpochsTitle)}</figcaption>
                        <canvas node_ref=epochs_ref data-testid="epochs-chart" class="chart-canvas"></canvas>
                    </figure>
                    <figure>
                        <figcaption>{lab.t(OT::NetFitTitle)}</figcaption>
                        <canvas node_ref=net_ref data-testid="net-plot" class="curve-canvas"></canvas>
                    </figure>
                </section>

                <section class="panel" aria-labelledby="of-search">
                    <h2 id="of-search">{lab.t(OT::SearchTitle)}</h2>
                    <p class="help">{lab.t(OT::SearchHelp)}</p>
                    {select(lang, "search", OT::SearchKindLabel, OT::SearchKindHelp,
                        vec![(SearchKind::Grid.slug(), OT::SearchGrid), (SearchKind::Random.slug(), OT::SearchRandom)],
                        move || params.look(|p| p.search.slug()),
                        move |v| if let Some(k) = SearchKind::from_slug(&v) { set(&|p| p.search = k) })}
                    {range(lang, "folds", OT::FoldsLabel, OT::FoldsHelp, (0, 10),
                        move || params.look(|p| p.folds as i64),
                        move || { let k = params.look(|p| p.folds); if k < 2 { OT::FoldsOff.get(lang.get()).to_owned() } else { k.to_string() } },
                        move |v| set(&|p| p.folds = if v == 1 { 2 } else { v as usize }))}
                    <div class="row wrap">
                        <button class="primary" data-testid="search-start" on:click=move |_| {
                            let r = engine.try_update_value(|e| e.start_search()).unwrap_or(Ok(()));
                            match r {
                                Ok(()) => { search_error.set(None); searching.set(true); }
                                Err(m) => search_error.set(Some(m)),
                            }
                            bump();
                        }>{lab.t(OT::SearchStart)}</button>
                        <span data-testid="search-progress">{read(|e| e.search.as_ref().map_or(String::new(), |s| format!("{} / {}", s.search.tried(), s.search.cells_in_all())))}</span>
                    </div>
                    {move || search_error.get().map(|m| view! { <p class="error" role="alert">{say(&m, lang.get())}</p> })}
                    <figure>
                        <figcaption>{lab.t(OT::SearchMapTitle)}</figcaption>
                        <canvas node_ref=search_ref data-testid="search-heatmap" class="search-canvas"></canvas>
                        <p class="help">{lab.t(OT::SearchMapHelp)}</p>
                    </figure>
                    <Show when=move || params.look(|p| p.folds >= 2)>
                        <figure>
                            <figcaption>{lab.t(OT::FoldsTitle)}</figcaption>
                            <canvas node_ref=folds_ref data-testid="folds-strip" class="folds-canvas"></canvas>
                        </figure>
                    </Show>
                    <p data-testid="search-best">{move || {
                        frame.track();
                        let l = lang.get();
                        engine.look(|e| e.search.as_ref().and_then(|s| s.search.best_cell()).map_or(String::new(), |b| {
                            fill(OT::SearchBest.get(l), &[&(b.a.round() as usize).to_string(), &lambda_text(b.b), &mse_text(b.score)])
                        }))
                    }}</p>
                    <button data-testid="search-test"
                        disabled=move || { frame.track(); searching.get() || engine.look(|e| e.search.as_ref().and_then(|s| s.search.best_cell()).is_none() || e.search_test.is_some() || e.parts.test.0.is_empty()) }
                        on:click=move |_| { engine.update_value(|e| { e.evaluate_best_on_test(); }); bump(); }>{lab.t(OT::SearchTest)}</button>
                    <p data-testid="search-test-result">{move || {
                        frame.track();
                        let l = lang.get();
                        engine.look(|e| e.search_test.map_or(String::new(), |(d, lam, mse)| {
                            fill(OT::SearchTestResult.get(l), &[&d.to_string(), &lambda_text(lam), &mse_text(mse)])
                        }))
                    }}</p>
                </section>
            </div>
        </article>
    }
}

/// The search as a heatmap: degree across, λ up (log), colour = validation error (log), the
/// best cell outlined. Random search shows its tries as dots on the same axes.
fn draw_search(canvas: &web_sys::HtmlCanvasElement, search: Option<&Search>, kind: SearchKind, lang: Lang) {
    let Some(fr) = Frame::new(canvas, (56.0, 6.0, 6.0, 30.0)) else { return };
    let nd = (MAX_DEGREE + 1) as f64;
    let nl = SEARCH_LAMBDAS.len() as f64;
    // Cells (degree, λ row) centred on whole numbers; λ rows from the bottom (small) up (large).
    let fr = fr.scales((-0.5, nd - 0.5), (-0.5, nl - 0.5));
    let (ctx, dpr, (_, _, pw, ph)) = (&fr.ctx, fr.dpr, fr.plot);
    fr.fill_plot(&theme_color("--bg", "#f4f4f4"));
    let (llo, lhi) = (SEARCH_LAMBDAS[0].ln() as f64, SEARCH_LAMBDAS[SEARCH_LAMBDAS.len() - 1].ln() as f64);
    let row = |lam: f64| (lam.ln() - llo) / (lhi - llo) * (nl - 1.0);
    let at = |deg: f64, lam: f64| fr.px(deg, row(lam));
    if let Some(s) = search {
        let finite: Vec<f32> = s.search.tried_cells().iter().map(|c| c.score).filter(|v| v.is_finite() && *v > 0.0).collect();
        let (lo, hi) = finite.iter().fold((f32::INFINITY, 0.0f32), |(a, b), &v| (a.min(v), b.max(v)));
        let colour = |score: f32| -> String {
            if !score.is_finite() || lo >= hi {
                return "#bbbbbb".into();
            }
            // Good (low error) = blue, bad = orange, on a log scale.
            let u = ((score.max(lo).ln() - lo.ln()) / (hi.ln() - lo.ln())).clamp(0.0, 1.0);
            let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * u) as u8;
            css([mix(0, 230), mix(114, 159), mix(178, 0)])
        };
        let cw = pw / nd;
        let ch = ph / nl;
        for c in s.search.tried_cells() {
            ctx.set_fill_style_str(&colour(c.score));
            let (x, y) = at(c.a as f64, c.b as f64);
            match kind {
                SearchKind::Grid => ctx.fill_rect(x - cw / 2.0, y - ch / 2.0, cw - 1.0, ch - 1.0),
                SearchKind::Random => {
                    disc(ctx, x, y, 4.5 * dpr);
                    ctx.fill();
                }
            }
        }
        if let Some(best) = s.search.best_cell() {
            let (x, y) = at(best.a as f64, best.b as f64);
            ctx.set_stroke_style_str(&fr.fg);
            ctx.set_line_width(3.0 * dpr);
            ctx.stroke_rect(x - cw / 2.0, y - ch / 2.0, cw, ch);
        }
    }
    fr.x_labels((0..=MAX_DEGREE).step_by(5).map(|d| (d as f64, d.to_string())));
    fr.x_title(OT::AxisDegree.get(lang), 16.0, Text::Title);
    fr.y_labels(SEARCH_LAMBDAS.iter().step_by(2).map(|&lam| (row(lam as f64), lambda_text(lam))));
    fr.y_title("λ", 12.0, Text::Title);
}

/// k-fold cross-validation as a strip per fold: the points of train + validation coloured by
/// fold, the fold being held out this moment drawn solid, the others faint.
fn draw_folds(canvas: &web_sys::HtmlCanvasElement, points: &[(f32, f32, usize)], on_show: Option<usize>, k: usize) {
    let Some(fr) = Frame::new(canvas, (4.0, 0.0, 4.0, 0.0)) else { return };
    if k < 2 {
        return;
    }
    // A row per fold, the first at the top.
    let fr = fr.scales((-1.0, 1.0), (k as f64, 0.0));
    for &(x, _, fold) in points {
        let held_out = Some(fold) == on_show;
        let colour = if held_out { "#d55e00" } else { "rgba(0,114,178,0.35)" };
        fr.dot((x.into(), fold as f64 + 0.5), if held_out { 4.0 } else { 3.0 }, colour);
    }
}
