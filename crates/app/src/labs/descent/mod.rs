//! Gradient descent lab: optimizers race downhill on 2-D loss surfaces, the learning rate is
//! named for what it does (crawls, oscillates, diverges), mini-batch gradients scatter around
//! the full-batch one, and a fair race tunes every optimizer before judging — concepts 9, 10, 12
//! and 13 of the thread.

mod challenges;
pub mod engine;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::optim::optimizers::{second_hyperparameter, OptimizerKind};
use perplexed_core::optim::surface::{SurfaceKind, Verdict};

use crate::components::controls::{count, counter, nearest_stop, range, select};
use crate::components::format::number;
use crate::components::frame_loop::{advance_while, use_frame_loop};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T, optimizer_name};
use crate::components::canvas::scratch;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::{disc, hex, Frame, Text};
use crate::query;
use crate::components::lab_shell::Look;

use perplexed_core::train::fair_race::{Cell, FairRace, Verdict as FairVerdict, FAIR_EPOCHS, FAIR_RATES, FAIR_SEEDS};

use engine::{DescentEngine, CONTOUR_RES};
use params::{DescentParams, MAX_RACERS, RATES, SECONDS};
use text::{DP, DT};

fn second_label(name: &str) -> crate::i18n::Label {
    match name {
        "momentum" => DT::SecondMomentum,
        "beta1" => DT::SecondBeta1,
        _ => DT::SecondAlpha,
    }
}

/// The symbol of a second hyperparameter, as textbooks write it.
fn greek(name: &str) -> &'static str {
    match name {
        "momentum" => "μ",
        "beta1" => "β₁",
        "alpha" => "α",
        _ => "",
    }
}

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::DESCENT;

pub const LAB: Lab = Lab {
    slug: "descent",
    nav: T::NavDescent,
    concepts: &[9, 10, 12, 13],
    parts: &[],
    #[cfg(test)]
    validate: <DescentParams as crate::query::LabParams>::rejected_by,
};

/// The lab's page: what its own bundle (`src/bin/lab-descent.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Descent /> }.into_any()
}

pub(crate) const RACER_COLOURS: [&str; MAX_RACERS] = ["#0072b2", "#d55e00", "#009e73", "#cc79a7"];
/// Steps revealed per animation frame.
const STEPS_PER_FRAME: usize = 2;

fn surface_name(k: SurfaceKind) -> crate::i18n::Label {
    match k {
        SurfaceKind::Bowl => DT::SfBowl,
        SurfaceKind::Ravine => DT::SfRavine,
        SurfaceKind::Rosenbrock => DT::SfRosenbrock,
        SurfaceKind::Saddle => DT::SfSaddle,
        SurfaceKind::Himmelblau => DT::SfHimmelblau,
        SurfaceKind::Beale => DT::SfBeale,
        SurfaceKind::LinReg => DT::SfLinReg,
    }
}

fn verdict_name(v: Option<Verdict>) -> crate::i18n::Label {
    match v {
        Some(Verdict::Converged) => DT::VConverged,
        Some(Verdict::Crawling) => DT::VCrawling,
        Some(Verdict::Oscillating) => DT::VOscillating,
        Some(Verdict::Diverged) => DT::VDiverged,
        None => DT::VInvalid,
    }
}

#[component]
pub fn Descent() -> impl IntoView {
    let lab = lab_shell::open(&LAB, DescentEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    let playing = RwSignal::new(false);
    let racing = RwSignal::new(false);
    let scratch = StoredValue::new_local(scratch());
    let bump = move || lab.bump();

    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p));
        bump();
    });

    // Each frame reveals a few more steps of the race, and tunes one more cell of the fair race.
    let frames = use_frame_loop(move |_| {
        if playing.try_get_untracked().is_none() {
            return false;
        }
        advance_while(playing, || engine.try_update_value(|e| e.advance(STEPS_PER_FRAME)));
        advance_while(racing, || engine.try_update_value(|e| e.advance_fair_race(1)));
        frame.update(|f| *f += 1);
        playing.get_untracked() || racing.get_untracked()
    });
    frames.run_while(move || playing.get() || racing.get());

    let restart = move || {
        engine.update_value(|e| e.shown = 0);
        playing.set(true);
    };
    let play = move || playing.update(|p| *p = !*p);
    let step = move || {
        playing.set(false);
        engine.update_value(|e| {
            e.advance(1);
        });
        bump();
    };
    let reset = move || {
        playing.set(false);
        engine.update_value(|e| e.shown = 0);
        bump();
    };

    let surface_ref = NodeRef::<Canvas>::new();
    let slice_ref = NodeRef::<Canvas>::new();
    let chart_ref = NodeRef::<Canvas>::new();
    let fair_ref = NodeRef::<Canvas>::new();

    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let Some(scratch) = scratch.try_get_value().flatten() else { return };
        engine.look(|e| {
            if let Some(c) = surface_ref.get() {
                draw_surface(&c, &scratch.grid, e);
            }
            if let Some(c) = slice_ref.get() {
                draw_slice(&c, e, l);
            }
            if let (Some(c), Ok(s)) = (chart_ref.get(), e.surface.as_ref()) {
                let f_star = s.min_value();
                let labels: Vec<&str> = e.racers.iter().map(|r| optimizer_name(r.kind).get(l)).collect();
                let series = e
                    .racers
                    .iter()
                    .enumerate()
                    .filter_map(|(i, r)| {
                        let t = r.run.as_ref().ok()?;
                        let n = (e.shown + 1).min(t.values.len());
                        Some(Series {
                            label: labels[i],
                            colour: hex(RACER_COLOURS[i % MAX_RACERS]),
                            points: t.values[..n].iter().enumerate().map(|(k, v)| (k as f32, (v - f_star).max(1e-9))).collect(),
                        })
                    })
                    .collect();
                line::draw(
                    &c,
                    &LineChart {
                        series,
                        x_range: (0.0, e.params.steps as f32),
                        x_label: DT::AxisStep.get(l),
                        y_label: DT::AxisGap.get(l),
                        log_y: true,
                        ..Default::default()
                    },
                );
            }
            if let (Some(c), Some(race)) = (fair_ref.get(), &e.fair) {
                let series = race
                    .best_curves
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(i, c)| Series {
                        label: optimizer_name(race.kinds[i]).get(l),
                        colour: hex(RACER_COLOURS[i % MAX_RACERS]),
                        points: c.iter().enumerate().map(|(k, v)| (k as f32, *v)).collect(),
                    })
                    .collect();
                line::draw(
                    &c,
                    &LineChart {
                        series,
                        x_range: (0.0, FAIR_EPOCHS as f32),
                        x_label: T::AxisEpoch.get(l),
                        y_label: T::ValLoss.get(l),
                        ..Default::default()
                    },
                );
            }
        });
    });

    let (set, t) = (move |f: &dyn Fn(&mut DescentParams)| lab.set(f), move |key: crate::i18n::Label| lab.t(key));

    let on_surface_click = move |ev: web_sys::MouseEvent| {
        let Some(c) = surface_ref.get() else { return };
        let (w, h) = (c.client_width() as f64, c.client_height() as f64);
        let Some(win) = engine.look(|e| e.window) else { return };
        let (u, v) = (ev.offset_x() as f64 / w, ev.offset_y() as f64 / h);
        if !(0.0..=1.0).contains(&u) || !(0.0..=1.0).contains(&v) {
            return;
        }
        let x = win.x_min() as f64 + u * (win.x_max() - win.x_min()) as f64;
        let y = win.y_max() as f64 - v * (win.y_max() - win.y_min()) as f64;
        set(&|p| p.start = Some([(x * 100.0).round() as f32 / 100.0, (y * 100.0).round() as f32 / 100.0]));
        restart();
    };

    let surfaces: Vec<(&'static str, crate::i18n::Label)> = SurfaceKind::ALL.iter().map(|&s| (s.slug(), surface_name(s))).collect();

    view! {
        <article class="lab descent" data-testid="lab-descent">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::met(e.params.surface, e.shown >= e.params.steps, &e.racers.iter().map(|r| (r.kind, r.lr, r.verdict)).collect::<Vec<_>>())).unwrap_or(0)
            })}
            <section class="transport" aria-label=t(T::Training)>
                <Transport playing play step reset step_label=Label::from(DT::StepOne) />
                {counter(lab.t(DT::AxisStep), "step-count", move || { frame.track(); engine.look(|e| e.shown) })}
            </section>
            <div class="lab-grid two">
                <section class="panel">
                    <h2>{lab.t(DT::SurfaceTitle)}</h2>
                    {select(lang, "surface", DT::SurfaceLabel, DT::SurfaceHelp, surfaces,
                        move || params.look(|p| p.surface.slug()),
                        move |v| if let Some(s) = SurfaceKind::from_slug(&v) { set(&|p| { p.surface = s; p.start = None; }) })}
                    <Show when=move || params.look(|p| p.surface == SurfaceKind::Bowl)>
                        {count(lang, params, "condition", DT::ConditionLabel, DT::ConditionHelp, (1, 100), "", |p| p.condition, |p, v| p.condition = v)}
                    </Show>
                    <figure>
                        <canvas node_ref=surface_ref data-testid="surface-plot" class="surface-canvas" on:click=on_surface_click></canvas>
                        <p class="help">{lab.t(DT::SurfaceCanvasHelp)}</p>
                    </figure>
                    <Show when=move || params.look(|p| p.surface == SurfaceKind::LinReg)>
                        {range(lang, "batch", T::BatchLabel, DT::MiniBatchHelp, (0, 40),
                            move || params.look(|p| p.batch as i64),
                            move || { let b = params.look(|p| p.batch); if b == 0 { DT::FullBatch.get(lang.get()).to_owned() } else { b.to_string() } },
                            move |v| set(&|p| p.batch = v as usize))}
                    </Show>
                    {range(lang, "steps", DT::StepsLabel, DT::StepsHelp, (1, 50),
                        move || params.look(|p| (p.steps / 100).max(1) as i64),
                        move || params.look(|p| p.steps).to_string(),
                        move |v| set(&|p| p.steps = (v as usize * 100).clamp(10, 5000)))}
                    <figure>
                        <figcaption>{lab.t(DT::SliceTitle)}</figcaption>
                        <canvas node_ref=slice_ref data-testid="slice" class="chart-canvas"></canvas>
                        <p class="help">{lab.t(DT::SliceHelp)}</p>
                    </figure>
                </section>
                <section class="panel">
                    <h2>{lab.t(DT::RaceTitle)}</h2>
                    <p class="help">{lab.t(DT::RaceHelp)}</p>
                    <ol class="racers" data-testid="racers">
                        {move || params.look(|p| p.race.clone()).into_iter().enumerate().map(|(i, (kind, lr, second))| {
                            let extra = second_hyperparameter(kind);
                            let second_value = second.or(extra.map(|e| e.1)).unwrap_or(0.0);
                            let colour = RACER_COLOURS[i % MAX_RACERS];
                            let (lr_id, second_id) = (format!("racer-{i}-lr"), format!("racer-{i}-second"));
                            view! {
                                <li class="racer" style=format!("--racer: {colour}")>
                                    <div class="racer-head">
                                        <span class="swatch-dot" style=format!("background:{colour}")></span>
                                        <select data-testid=format!("racer-{i}-opt") aria-label=t(T::OptimizerLabel)
                                            on:change=move |ev| {
                                                if let Some(k) = OptimizerKind::from_slug(&event_target_value(&ev)) {
                                                    set(&|p| if let Some(r) = p.race.get_mut(i) { *r = (k, r.1, None) });
                                                }
                                            }>
                                            {OptimizerKind::ALL.into_iter().map(|o| view! {
                                                <option value=o.slug() selected={o == kind}>{move || optimizer_name(o).get(lang.get())}</option>
                                            }).collect_view()}
                                        </select>
                                        <span data-testid=format!("racer-{i}-verdict") class="verdict" aria-live="polite">
                                            {move || {
                                                frame.track();
                                                let l = lang.get();
                                                // A verdict is about the whole path: it shows once the race has run it.
                                                engine.look(|e| if e.shown < e.params.steps { DT::VRacing } else { verdict_name(e.racers.get(i).and_then(|r| r.verdict)) }.get(l))
                                            }}
                                        </span>
                                        <button class="small" data-testid=format!("racer-{i}-remove") aria-label=lab.t(DT::RemoveRacer) title=lab.t(DT::RemoveRacer)
                                            disabled=move || params.look(|p| p.race.len() <= 1)
                                            on:click=move |_| set(&|p| if p.race.len() > 1 { p.race.remove(i); })>"×"</button>
                                    </div>
                                    <div class="racer-control">
                                        <label for=lr_id.clone()>{t(T::LrLabel)}</label>
                                        <input type="range" id=lr_id min="0" max={RATES.len() - 1} step="1" data-testid=format!("racer-{i}-lr")
                                            prop:value=nearest_stop(&RATES, lr).to_string()
                                            on:input=move |ev| {
                                                if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                                                    set(&|p| if let Some(r) = p.race.get_mut(i) { r.1 = RATES[v.min(RATES.len() - 1)] });
                                                }
                                            } />
                                        <output>{query::short_float(lr)}</output>
                                    </div>
                                    {extra.map(|(name, _)| view! {
                                        <div class="racer-control">
                                            <label for=second_id.clone()>{move || second_label(name).get(lang.get())}</label>
                                            <input type="range" id=second_id min="0" max={SECONDS.len() - 1} step="1" data-testid=format!("racer-{i}-second")
                                                prop:value=nearest_stop(&SECONDS, second_value).to_string()
                                                on:input=move |ev| {
                                                    if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                                                        set(&|p| if let Some(r) = p.race.get_mut(i) { r.2 = Some(SECONDS[v.min(SECONDS.len() - 1)]) });
                                                    }
                                                } />
                                            <output>{format!("{} {}", greek(name), query::short_float(second_value))}</output>
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <button data-testid="add-racer" disabled=move || params.look(|p| p.race.len() >= MAX_RACERS)
                        on:click=move |_| set(&|p| if p.race.len() < MAX_RACERS {
                            let next = OptimizerKind::ALL.into_iter().find(|k| !p.race.iter().any(|r| r.0 == *k)).unwrap_or(OptimizerKind::Sgd);
                            p.race.push((next, 0.01, None));
                        })>{lab.t(DT::AddRacer)}</button>
                    <p class="help">{lab.t(DT::VerdictHelp)}</p>
                    <figure>
                        <figcaption>{lab.t(DT::RaceChartTitle)}</figcaption>
                        <canvas node_ref=chart_ref data-testid="race-chart" class="chart-canvas"></canvas>
                    </figure>
                    <h3>{lab.t(DT::FairTitle)}</h3>
                    <p class="help">{lab.t(DT::FairHelp)}</p>
                    <div class="row wrap">
                        <button class="primary" data-testid="fair-start" on:click=move |_| { engine.update_value(DescentEngine::start_fair_race); racing.set(true); bump(); }>{lab.t(DT::FairStart)}</button>
                        <span data-testid="fair-progress">{move || { frame.track(); engine.look(|e| e.fair.as_ref().map_or(String::new(), |r| format!("{} / {}", r.runs_done(), r.total()))) }}</span>
                    </div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label=lab.t(DT::FairTitle)>
                    <table class="fair" data-testid="fair-table">
                        <thead><tr><th>{t(T::OptimizerLabel)}</th>{move || {
                            frame.track();
                            engine.look(|e| e.fair.as_ref().map_or(FAIR_RATES.to_vec(), FairRace::all_rates))
                                .into_iter().map(|r| view! { <th>{query::short_float(r)}</th> }).collect_view()
                        }}</tr></thead>
                        <tbody>
                            {move || {
                                frame.track();
                                let l = lang.get();
                                engine.look(|e| e.fair.iter().flat_map(|r| r.kinds.iter().enumerate().map(move |(i, k)| (r, i, k))).map(|(race, i, k)| {
                                    let best = race.best(i).map(|b| race.rates(i)[b.0]);
                                    let cells = race.all_rates().into_iter().map(|rate| {
                                        let (text, title) = race.cell(i, rate).map_or_else(Default::default, |c| fair_cell(c, l));
                                        view! { <td class:best={best == Some(rate)} title=title>{text}</td> }
                                    }).collect_view();
                                    view! { <tr><th scope="row">{optimizer_name(*k).get(l)}</th>{cells}</tr> }
                                }).collect_view())
                            }}
                        </tbody>
                    </table>
                    </div>
                    <p data-testid="fair-summary">{move || {
                        frame.track();
                        let l = lang.get();
                        engine.look(|e| e.fair.as_ref().map_or(String::new(), |race| fair_summary(race, l)))
                    }}</p>
                    <figure>
                        <figcaption>{lab.t(DT::FairChartTitle)}</figcaption>
                        <canvas node_ref=fair_ref data-testid="fair-chart" class="chart-canvas"></canvas>
                    </figure>
                </section>
            </div>
        </article>
    }
}

/// A fair-race cell's text and tooltip: "mean ± sd" once every seed ran without diverging,
/// "∞ (diverged/runs)" if any diverged, "…" while its seeds run, blank before.
fn fair_cell(c: &Cell, l: Lang) -> (String, Option<String>) {
    let s = c.stats();
    if !c.complete() {
        return (if s.runs > 0 { "…".into() } else { String::new() }, None);
    }
    if s.diverged == 0 {
        return (format!("{} ± {}", number(s.mean.into(), 3), number(s.sd.into(), 3)), None);
    }
    let (d, n) = (s.diverged.to_string(), s.runs.to_string());
    (format!("∞ ({d}/{n})"), Some(fill(DT::FairDiverged.get(l), &[&d, &DP::Seeds.count(s.runs, l)])))
}

/// The fair race's verdict as a sentence (empty until it is done).
fn fair_summary(race: &FairRace, l: Lang) -> String {
    let name = |i: usize| optimizer_name(race.kinds[i]).get(l);
    let seeds = DP::Seeds.count(FAIR_SEEDS, l);
    match race.winner() {
        None => String::new(),
        Some(FairVerdict::Winner { optimizer, rate, mean, sd, runner_up }) => {
            let (rate, mean, sd) = (query::short_float(rate), number(mean.into(), 3), number(sd.into(), 3));
            match runner_up {
                Some(r) => fill(DT::FairWinner.get(l), &[name(optimizer), &rate, &mean, &sd, &seeds, name(r)]),
                None => fill(DT::FairAlone.get(l), &[name(optimizer), &rate, &mean, &sd, &seeds]),
            }
        }
        Some(FairVerdict::Tie { optimizers }) => {
            let names: Vec<&str> = optimizers.iter().map(|&i| name(i)).collect();
            let list = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{}{}{last}", rest.join(", "), DT::FairAnd.get(l)),
                _ => names.concat(),
            };
            fill(DT::FairTie.get(l), &[&list])
        }
    }
}

/// The surface as filled contours (12 bands of log(f − f*)), each racer's path so far, the
/// minima as crosses, the start as a ring, and on the regression surface the mini-batch arrows.
fn draw_surface(canvas: &web_sys::HtmlCanvasElement, scratch: &web_sys::HtmlCanvasElement, e: &DescentEngine) {
    let Some(fr) = Frame::new(canvas, (0.0, 0.0, 0.0, 0.0)) else { return };
    let (Ok(surface), Some(win)) = (e.surface.as_ref(), e.window) else { return };
    let fr = fr.scales((win.x_min().into(), win.x_max().into()), (win.y_min().into(), win.y_max().into()));
    let (ctx, w, h, dpr) = (&fr.ctx, fr.w, fr.h, fr.dpr);
    let f_star = surface.min_value();
    let logs: Vec<f32> = e.grid.iter().map(|v| (v - f_star).max(1e-6).ln()).collect();
    let (lo, hi) = logs.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
    let mut rgba = Vec::with_capacity(logs.len() * 4);
    for v in &logs {
        let u = if hi > lo { ((v - lo) / (hi - lo)).clamp(0.0, 1.0) } else { 0.0 };
        let band = (u * 12.0).floor().min(11.0) / 11.0;
        // Deep blue (low) → pale yellow (high).
        let mix = |a: f32, b: f32| (a + (b - a) * band) as u8;
        rgba.extend_from_slice(&[mix(20.0, 250.0), mix(60.0, 235.0), mix(140.0, 170.0), 255]);
    }
    fr.heatmap(scratch, &rgba, CONTOUR_RES, "#eee");
    let to_px = |p: [f32; 2]| fr.px(p[0].into(), p[1].into());
    ctx.set_stroke_style_str("#fff");
    ctx.set_line_width(2.0 * dpr);
    for m in surface.minima() {
        let (x, y) = to_px(*m);
        let r = 6.0 * dpr;
        ctx.begin_path();
        ctx.move_to(x - r, y - r);
        ctx.line_to(x + r, y + r);
        ctx.move_to(x + r, y - r);
        ctx.line_to(x - r, y + r);
        ctx.stroke();
    }
    let (sx, sy) = to_px(e.start);
    disc(ctx, sx, sy, 7.0 * dpr);
    ctx.stroke();
    for (i, r) in e.racers.iter().enumerate() {
        let Ok(t) = &r.run else { continue };
        let n = (e.shown + 1).min(t.points.len());
        fr.polyline(t.points[..n].iter().map(|p| (p[0].into(), p[1].into())), RACER_COLOURS[i % MAX_RACERS], 2.5, None);
        if let Some(p) = t.points[..n].last() {
            let (x, y) = to_px(*p);
            ctx.set_fill_style_str(RACER_COLOURS[i % MAX_RACERS]);
            disc(ctx, x, y, 5.0 * dpr);
            ctx.fill();
            ctx.stroke();
        }
    }
    // Mini-batch gradients at the first racer's point: each batch's step direction (thin)
    // scattering around the full batch's (thick).
    if let Some(p) = e.point(0) {
        if let Some((full, batches)) = e.minibatch_arrows(p) {
            let norm = (full[0].hypot(full[1])).max(batches.iter().map(|g| g[0].hypot(g[1])).fold(0.0, f32::max)).max(1e-6);
            let len = 0.18 * w.min(h);
            let (x0, y0) = to_px(p);
            let arrow = |g: [f32; 2], width: f64, colour: &str| {
                // Descent goes against the gradient; y grows upwards on screen.
                let (dx, dy) = (-(g[0] / norm) as f64 * len, (g[1] / norm) as f64 * len);
                ctx.set_stroke_style_str(colour);
                ctx.set_line_width(width * dpr);
                ctx.begin_path();
                ctx.move_to(x0, y0);
                ctx.line_to(x0 + dx, y0 + dy);
                ctx.stroke();
            };
            for g in &batches {
                arrow(*g, 1.5, "rgba(255,255,255,0.8)");
            }
            arrow(full, 4.0, "#000");
        }
    }
}

/// The loss along the first parameter through the first racer's point, with the tangent there:
/// its slope is ∂f/∂x, the gradient's first component.
fn draw_slice(canvas: &web_sys::HtmlCanvasElement, e: &DescentEngine, lang: Lang) {
    let Some(fr) = Frame::new(canvas, (40.0, 8.0, 8.0, 24.0)) else { return };
    let (Ok(s), Some(win), Some(p)) = (e.surface.as_ref(), e.window, e.point(0)) else { return };
    let n = 200;
    let along = |lo: f32, hi: f32| -> Vec<f32> { (0..n).map(|i| lo + (hi - lo) * i as f32 / (n - 1) as f32).collect() };
    // Zoom in on the point as it nears the slice's lowest place, so the curve around it keeps
    // its shape (and the tangent its point) instead of becoming a spike at the edge of the window.
    let width = win.x_max() - win.x_min();
    let lowest = along(win.x_min(), win.x_max())
        .into_iter()
        .map(|x| (x, s.value(x, p[1])))
        .filter(|(_, v)| v.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let half = lowest.map_or(width / 2.0, |(x, _)| (3.0 * (p[0] - x).abs()).clamp(width * 0.05, width / 2.0));
    let (x_lo, x_hi) = (p[0] - half, p[0] + half);
    let xs = along(x_lo, x_hi);
    let ys: Vec<f32> = xs.iter().map(|&x| s.value(x, p[1])).collect();
    let finite: Vec<f32> = ys.iter().copied().filter(|v| v.is_finite()).collect();
    let lowest_value = finite.iter().copied().fold(f32::INFINITY, f32::min);
    let here = s.value(p[0], p[1]);
    // Show up to 3× the current height so the tangent is visible, not dwarfed by far walls;
    // pad below so the point stays in sight at the bottom of the valley.
    let top = finite.iter().copied().fold(f32::NEG_INFINITY, f32::max).min(lowest_value + 3.0 * (here - lowest_value).max(1e-3)).max(here);
    let pad = 0.08 * (top - lowest_value).max(1e-3);
    let (lo, hi) = (lowest_value - pad, top + pad);
    // Also false for NaN bounds (a surface that overflowed along the slice): nothing to draw.
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return;
    }
    let fr = fr.scales((x_lo.into(), x_hi.into()), (lo.into(), hi.into()));
    // What the slice shows, for tests: the view (x from–to, loss from–to) and the point in it.
    crate::components::chart::line::set_data(canvas, "data-view", &format!("{x_lo} {x_hi} {lo} {hi}"));
    crate::components::chart::line::set_data(canvas, "data-point", &format!("{} {here}", p[0]));
    let at = |x: f32, y: f32| (f64::from(x), f64::from(y.clamp(lo - (hi - lo), hi + (hi - lo))));
    fr.border();
    fr.clip();
    fr.polyline(xs.iter().zip(&ys).map(|(&x, &y)| at(x, y)), "#0072b2", 2.0, None);
    let slope = s.gradient(p[0], p[1])[0];
    let dx = half * 0.4;
    fr.polyline([at(p[0] - dx, here - slope * dx), at(p[0] + dx, here + slope * dx)], "#d55e00", 2.0, None);
    fr.dot(at(p[0], here), 5.0, "#d55e00");
    fr.unclip();
    let (l, t, _, _) = fr.plot;
    // A slope that prints as "> −0.001" says less than "flat here", which is what it means.
    let said = if crate::components::format::rounds_to_zero(slope.into(), 3) {
        DT::SlopeFlat.get(lang).to_owned()
    } else {
        fill(DT::SlopeIs.get(lang), &[&crate::components::format::number(slope.into(), 3)])
    };
    fr.text(&said, (l + fr.css(6.0), t + fr.css(4.0)), Text::Note, "left", "top");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(losses: &[f32]) -> Cell {
        Cell { losses: losses.to_vec(), curves: Vec::new() }
    }

    #[test]
    fn a_fair_cell_reads_mean_and_spread_or_its_divergences() {
        assert_eq!(fair_cell(&cell(&[0.06, 0.07, 0.08, 0.07, 0.07]), Lang::En), ("0.070 ± 0.007".into(), None));
        let (text, title) = fair_cell(&cell(&[0.06, f32::INFINITY, 0.08, f32::INFINITY, 0.07]), Lang::En);
        assert_eq!((text.as_str(), title.as_deref()), ("∞ (2/5)", Some("2 of 5 seeds diverged")));
        let cell_he = fair_cell(&cell(&[0.06, f32::INFINITY, 0.08, f32::INFINITY, 0.07]), Lang::He);
        assert_eq!(cell_he.1.as_deref(), Some("התבדרות ב-2 מתוך 5 זרעים אקראיים"));
        assert_eq!(fair_cell(&cell(&[0.06, 0.07]), Lang::En).0, "…");
        assert_eq!(fair_cell(&Cell::default(), Lang::En).0, "");
    }

    #[test]
    fn the_fair_summary_names_a_winner_or_a_tie_in_both_languages() {
        let mut race = FairRace::new(&[OptimizerKind::Sgd, OptimizerKind::Adam]).unwrap();
        assert_eq!(fair_summary(&race, Lang::En), "", "nothing before the race is done");
        race.cells[0] = FAIR_RATES.iter().map(|_| cell(&[0.5; FAIR_SEEDS])).collect();
        race.cells[1] = FAIR_RATES.iter().map(|_| cell(&[0.2; FAIR_SEEDS])).collect();
        race.cells[1][3] = cell(&[0.09, 0.10, 0.11, 0.10, 0.10]);
        assert_eq!(
            fair_summary(&race, Lang::En),
            "After tuning, Adam wins at learning rate 0.03: validation loss 0.100 ± 0.007 over 5 seeds, ahead of SGD by more than the spread."
        );
        race.cells[0][4] = cell(&[0.095, 0.105, 0.1, 0.1, 0.1]);
        assert_eq!(fair_summary(&race, Lang::En), "After tuning, SGD and Adam are within the spread of each other: no winner.");
        assert_eq!(fair_summary(&race, Lang::He), "אחרי כוונון, SGD ו-Adam קרובים זה לזה בתוך הפיזור: אין מנצח.");
    }
}
