//! Playground lab: a small neural network trains on 2-D points while you change its data, its
//! shape and its hyperparameters — TensorFlow Playground's controls, plus a real three-way split,
//! cross-entropy and softmax, optimizers, a confusion matrix, and a test set kept for the end.
//!
//! Structure: `params` (what the controls write, and the address), `engine` (owns the core
//! objects, rebuilds what a change invalidates), this file (the view and the frame loop).

pub mod engine;
pub mod params;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Role;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;

use crate::components::canvas::{now_ms, scratch_canvas};
use crate::components::chart::line::{self, LineChart, Mark};
use crate::components::chart::plane::{self, BoundaryPlot, DrawnPoint};
use crate::components::chart::{thinned, Frame, Theme, MAX_POINTS};
use crate::components::colors::{css, CLASS};
use crate::components::controls::{nearest_stop, range, select, toggle, split_shares};
use crate::components::format::{loss as format_loss, score as format_score};
use crate::components::frame_loop::{use_frame_loop, Tick, SLOW_REFRESH_MS};
use crate::components::lab_shell::{self, Lab};
use crate::components::transport::Transport;
use crate::components::network::{self, Diagram, Hit, Layout};
use crate::i18n::{fill, Label, Lang, T, dataset_name, optimizer_name};
use crate::query;

use engine::{Engine, TestEvaluation, GRID_RES, NEURON_RES, SPLIT_ANIMATION_MS};
use params::{parse_layers, PlaygroundParams, Speed, BATCH_RANGE, HIDEABLE, LEARNING_RATES, MAX_HIDDEN_LAYERS, MAX_NEURONS, REG_RATES};

pub const LAB: Lab = Lab {
    slug: "playground",
    title: T::PlaygroundTitle,
    nav: T::NavPlayground,
    summary: T::PlaygroundSummary,
    concepts: &[1, 2, 3, 4, 7, 8, 9, 11, 12, 14, 21],
    #[cfg(test)]
    validate: <PlaygroundParams as crate::query::LabParams>::rejected_by,
};

/// The lab's page: what its own bundle (`src/bin/lab-playground.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Playground /> }.into_any()
}

/// Time per frame for the heatmap of a large network (spread over frames); training gets the
/// frame loop's budget (what drawing leaves). Thumbnails, the network diagram, R² and the
/// confusion matrix refresh every `SLOW_REFRESH_MS` while training.
const GRID_BUDGET_MS: f64 = 2.0;

/// What the numbers on the page show, recomputed once per frame from the engine.
#[derive(Debug, Clone, Default, PartialEq)]
struct Snapshot {
    epoch: usize,
    train_loss: f32,
    val_loss: f32,
    train_score: Option<f32>,
    val_score: Option<f32>,
    diverged: bool,
    error: Option<String>,
    param_count: usize,
    counts: (usize, usize, usize),
    /// (classes, counts row = truth) on the validation set.
    confusion: Option<(usize, Vec<u32>)>,
    test: Option<TestEvaluation>,
    test_peeks: u32,
    sizes: Vec<usize>,
    regression: bool,
}

/// What the numbers show. `full` measures every part of the split again (after an edit, a
/// reset, a new point); otherwise the losses come from the history the trainer already keeps,
/// and the costlier extras (R², confusion matrix) are carried over from `previous`.
fn snapshot(e: &mut Engine, full: bool, previous: &Snapshot) -> Snapshot {
    let regression = e.is_regression();
    let last = |v: &[f32]| v.last().copied().unwrap_or(f32::NAN);
    let (train_loss, val_loss, train_score, val_score, confusion) = if full {
        let train = e.metrics(Role::Train);
        let val = e.metrics(Role::Validation);
        let score = |m: &perplexed_core::train::trainer::Metrics| if regression { m.r2 } else { m.accuracy };
        (
            train.as_ref().map_or(f32::NAN, |m| m.loss),
            val.as_ref().map_or(f32::NAN, |m| m.loss),
            train.as_ref().and_then(score),
            val.as_ref().and_then(score),
            e.confusion(Role::Validation).map(|c| (c.classes, c.counts.clone())),
        )
    } else {
        let h = e.trainer().map(|t| t.history());
        let acc = |v: Option<&Vec<f32>>| v.map(|v| last(v)).filter(|a| a.is_finite());
        (
            h.map_or(f32::NAN, |h| last(&h.train_loss)),
            h.map_or(f32::NAN, |h| last(&h.val_loss)),
            if regression { previous.train_score } else { acc(h.map(|h| &h.train_acc)) },
            if regression { previous.val_score } else { acc(h.map(|h| &h.val_acc)) },
            previous.confusion.clone(),
        )
    };
    Snapshot {
        epoch: e.epoch(),
        train_loss,
        val_loss,
        train_score,
        val_score,
        diverged: e.diverged(),
        error: e.error().map(str::to_owned),
        param_count: e.trainer().map_or(0, |t| t.mlp().param_count()),
        counts: e.split.counts(),
        confusion,
        test: e.test_eval.clone(),
        test_peeks: e.test_peeks,
        sizes: e.trainer().map_or_else(Vec::new, |t| t.mlp().layer_sizes()),
        regression,
    }
}

/// Handles the frame work and the page's handlers need; all `Copy`.
#[derive(Clone, Copy)]
struct Loop {
    engine: StoredValue<Engine, LocalStorage>,
    params: RwSignal<PlaygroundParams>,
    running: RwSignal<bool>,
    snap: RwSignal<Snapshot>,
    /// Bumped when the plots must redraw; `diagram` when the network diagram must.
    frame: RwSignal<u64>,
    diagram: RwSignal<u64>,
    /// When the thumbnails and the costlier numbers were last refreshed.
    last_maps: StoredValue<f64>,
    last_extras: StoredValue<f64>,
}

impl Loop {
    /// Recomputes what the page shows after a change (an edit, a reset, a step): everything,
    /// now, so the picture matches at once.
    fn publish(self) {
        self.engine.try_update_value(|e| e.refresh_all(now_ms));
        self.show(true, true);
    }

    /// Copies the engine's state into the signals the page reads.
    fn show(self, full: bool, maps: bool) {
        let previous = self.snap.get_untracked();
        let Some(s) = self.engine.try_update_value(|e| snapshot(e, full, &previous)) else { return };
        if full {
            self.last_extras.set_value(now_ms());
        }
        if s.diverged {
            self.running.set(false);
        }
        self.snap.set(s);
        self.frame.update(|f| *f += 1);
        if maps {
            self.diagram.update(|f| *f += 1);
        }
    }

    fn animating(self) -> bool {
        self.engine
            .try_with_value(|e| e.previous_roles.as_ref().is_some_and(|(_, t)| now_ms() - t < SPLIT_ANIMATION_MS))
            .unwrap_or(false)
    }

    /// One animation frame: train within what the frame has left after drawing, advance the
    /// heatmap by a band, refresh thumbnails and the costlier numbers a few times a second.
    /// Answers whether there is more to animate.
    fn frame(self, f: &Tick) -> bool {
        let Some(running) = self.running.try_get_untracked() else { return false };
        let now = f.started();
        if running {
            let speed = self.params.with_untracked(|p| p.speed);
            self.engine.try_update_value(|e| e.advance(speed, f.budget_ms(), now_ms));
        }
        let maps_due = now - self.last_maps.get_value() >= SLOW_REFRESH_MS;
        if maps_due {
            self.last_maps.set_value(now);
        }
        self.engine.try_update_value(|e| e.refresh_views(GRID_BUDGET_MS, maps_due, now_ms));
        let extras_due = now - self.last_extras.get_value() >= SLOW_REFRESH_MS;
        self.show(extras_due || !running, maps_due || !running);
        let grid_pending = self.engine.try_with_value(|e| e.grid_pending()).unwrap_or(false);
        (running && self.running.get_untracked()) || self.animating() || grid_pending
    }
}

#[component]
pub fn Playground() -> impl IntoView {
    let (ctx, initial) = lab_shell::open_lab::<PlaygroundParams>();
    let lang = ctx.lang;

    let params = RwSignal::new(initial.clone());
    let engine = StoredValue::new_local(Engine::new(initial));
    let running = RwSignal::new(false);
    let snap = RwSignal::new(Snapshot::default());
    let frame = RwSignal::new(0u64);
    let diagram = RwSignal::new(0u64);
    let lp = Loop {
        engine,
        params,
        running,
        snap,
        frame,
        diagram,
        last_maps: StoredValue::new(0.0),
        last_extras: StoredValue::new(0.0),
    };
    let frames = use_frame_loop(move |f| lp.frame(f));
    let hover = RwSignal::new(None::<Hit>);
    let editing = RwSignal::new(None::<Hit>);
    let edit_error = RwSignal::new(None::<String>);
    let add_class = RwSignal::new(1usize);
    let layers_text = RwSignal::new(String::new());
    let layers_error = RwSignal::new(false);
    let layout = StoredValue::new(Layout::default());

    // Settings → engine: rebuild what the change invalidates, then show it.
    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p.clone(), now_ms()));
        layers_text.set(p.layers.iter().map(usize::to_string).collect::<Vec<_>>().join(","));
        layers_error.set(false);
        editing.set(None);
        lp.publish();
        frames.ensure();
    });

    // Settings → address, at most a few times a second while a slider is dragged (browsers
    // throttle rapid history updates).
    lab_shell::follow_address(&LAB, params);

    Effect::new(move |_| {
        if running.get() {
            frames.ensure();
        }
    });


    // Canvases.
    let boundary_ref = NodeRef::<Canvas>::new();
    let chart_ref = NodeRef::<Canvas>::new();
    let network_ref = NodeRef::<Canvas>::new();
    let scratch = StoredValue::new_local(scratch_canvas());

    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let p = params.get();
        let hovered = hover.get();
        let Some(scratch) = scratch.try_get_value().flatten() else { return };
        frames.measure_render(|| engine.try_with_value(|e| {
            if let Some(c) = boundary_ref.get() {
                let now = now_ms();
                let previous = e.previous_roles.as_ref().filter(|(_, t)| now - t < SPLIT_ANIMATION_MS);
                let points: Vec<DrawnPoint> = (0..e.data.len())
                    .map(|i| {
                        let [x1, x2] = e.data.point(i);
                        DrawnPoint {
                            x1,
                            x2,
                            target: e.data.targets[i],
                            role: e.split.roles[i],
                            previous: previous.and_then(|(roles, t)| {
                                roles.get(i).map(|&r| (r, ((now - t) / SPLIT_ANIMATION_MS).clamp(0.0, 1.0)))
                            }),
                        }
                    })
                    .collect();
                let neuron = match hovered {
                    Some(Hit::Neuron { layer, index }) => e.neuron_maps.get(layer).and_then(|l| l.get(index)),
                    _ => None,
                };
                let plot = match neuron {
                    Some(map) => BoundaryPlot {
                        grid: map,
                        res: NEURON_RES,
                        per_point: 1,
                        discretize: p.discretize,
                        regression: e.is_regression(),
                        show_test: p.show_test,
                        points: &points,
                    },
                    None => BoundaryPlot {
                        grid: &e.grid,
                        res: GRID_RES,
                        per_point: e.outputs_per_point(),
                        discretize: p.discretize,
                        regression: e.is_regression(),
                        show_test: p.show_test,
                        points: &points,
                    },
                };
                plane::draw(&c, &scratch, &plot);
            }
            if let Some(c) = chart_ref.get() {
                let (train, val) = e
                    .trainer()
                    .map(|t| (t.history().train_loss.as_slice(), t.history().val_loss.as_slice()))
                    .unwrap_or((&[], &[]));
                let test = Theme::read().test;
                let marks = e.test_eval.as_ref().map(|t| Mark { at: (t.epoch as f32, t.metrics_loss), label: T::TestShare.get(l), colour: test, faded: t.spent });
                line::draw(
                    &c,
                    &LineChart {
                        series: line::train_val(l, thinned(train, MAX_POINTS), thinned(val, MAX_POINTS)),
                        marks: marks.into_iter().collect(),
                        x_range: (0.0, (train.len().max(2) - 1) as f32),
                        x_integer: true,
                        x_label: T::AxisEpoch.get(l),
                        y_label: T::AxisLoss.get(l),
                        ..Default::default()
                    },
                );
            }
        }));
    });

    // The network diagram: thousands of lines for a wide network, so it redraws a few times a
    // second while training rather than every frame.
    Effect::new(move |_| {
        diagram.track();
        lang.track();
        let p = params.get();
        let hovered = hover.get();
        let Some(scratch) = scratch.try_get_value().flatten() else { return };
        frames.measure_occasional(|| engine.try_with_value(|e| {
            if let (Some(c), Some(t)) = (network_ref.get(), e.trainer()) {
                let mlp = t.mlp();
                let weight = |l: usize, i: usize, j: usize| mlp.weight(l, i, j);
                let diagram = Diagram {
                    sizes: mlp.layer_sizes(),
                    weight: &weight,
                    maps: &e.neuron_maps,
                    map_res: NEURON_RES,
                    input_labels: p.features.iter().map(|f| f.label().to_owned()).collect(),
                    highlight: hovered,
                };
                if let Some(l) = network::draw(&c, &scratch, &diagram) {
                    layout.set_value(l);
                }
            }
        }));
    });

    // Redraw when the window changes size (canvases follow their CSS size).
    let resize = window_event_listener(ev::resize, move |_| {
        frame.update(|f| *f += 1);
        diagram.update(|f| *f += 1);
    });
    on_cleanup(move || resize.remove());

    let set = move |f: &dyn Fn(&mut PlaygroundParams)| params.update(|p| f(p));
    let t = move |key: T| move || key.get(lang.get());

    // ---- event handlers that need the engine
    let on_boundary_click = move |ev: web_sys::MouseEvent| {
        let Some(c) = boundary_ref.get() else { return };
        let Some((x1, x2)) = plane::to_data(c.client_width() as f64, c.client_height() as f64, ev.offset_x() as f64, ev.offset_y() as f64) else {
            return;
        };
        let regression = params.with_untracked(|p| p.problem == Problem::Regression);
        let class = add_class.get_untracked();
        let target = if regression { if class == 0 { -1.0 } else { 1.0 } } else { class as f32 };
        engine.update_value(|e| {
            let _ = e.add_point(x1, x2, target);
        });
        lp.publish();
    };

    let on_network_move = move |ev: web_sys::MouseEvent| {
        let hit = layout.with_value(|l| l.hit(ev.offset_x() as f64, ev.offset_y() as f64));
        if hover.get_untracked() != hit {
            hover.set(hit);
        }
    };

    let hover_text = move || {
        let l = lang.get();
        let h = hover.get()?;
        frame.track();
        engine
            .try_with_value(|e| {
                let t = e.trainer()?;
                let mlp = t.mlp();
                let sizes = mlp.layer_sizes();
                let name = |layer: usize, i: usize| -> String {
                    if layer == 0 {
                        params.with_untracked(|p| p.features.get(i).map_or_else(|| format!("x{}", i + 1), |f| f.label().to_owned()))
                    } else if layer + 1 == sizes.len() {
                        format!("{} {}", T::OutputLayer.get(l), i + 1)
                    } else {
                        format!("h{layer},{}", i + 1)
                    }
                };
                Some(match h {
                    Hit::Weight { layer, from, to } => fill(
                        T::WeightHover.get(l),
                        &[&name(layer, from), &name(layer + 1, to), &format!("{:.3}", mlp.weight(layer, from, to))],
                    ),
                    Hit::Neuron { layer: 0, index } => name(0, index),
                    Hit::Neuron { layer, index } => fill(
                        T::NeuronHover.get(l),
                        &[&(index + 1).to_string(), &layer.to_string(), &format!("{:.3}", mlp.bias(layer - 1, index))],
                    ),
                })
            })
            .flatten()
    };

    // ---- option lists
    let datasets: Vec<(&'static str, T)> = DatasetKind::ALL.iter().map(|&d| (d.slug(), dataset_name(d))).collect();
    let activations: Vec<(&'static str, T)> = Activation::ALL
        .iter()
        .map(|a| {
            let t = match a {
                Activation::Relu => T::ActRelu,
                Activation::Tanh => T::ActTanh,
                Activation::Sigmoid => T::ActSigmoid,
                Activation::Linear => T::ActLinear,
                Activation::LeakyRelu => T::ActLeaky,
            };
            (a.slug(), t)
        })
        .collect();
    let losses = vec![(Loss::Mse.slug(), T::LossMse), (Loss::CrossEntropy.slug(), T::LossCe)];
    let optimizers: Vec<(&'static str, T)> = OptimizerKind::ALL.iter().map(|&o| (o.slug(), optimizer_name(o))).collect();
    let regs = vec![
        (Regularization::None.slug(), T::RegNone),
        (Regularization::L1.slug(), T::RegL1),
        (Regularization::L2.slug(), T::RegL2),
    ];

    view! {
        <article class="lab playground" data-testid="lab-playground">
            <style>
                {move || params.with(|p| p.hide.iter().map(|id| if *id == "help" {
                    ".playground .help{display:none}".to_owned()
                } else {
                    format!(".playground [data-control=\"{id}\"]{{display:none}}")
                }).collect::<String>())}
            </style>
            <header class="lab-head">
                <h1>{t(T::PlaygroundTitle)}</h1>
                <p class="lab-summary">{t(T::PlaygroundSummary)}</p>
            </header>

            <section class="transport" aria-label=t(T::Training)>
                <Transport playing=running play=move || running.update(|r| *r = !*r) step=move || step(lp) reset=move || reset(lp)
                    step_label=Label::from(T::Step) icons=true />
                <div class="control speed" data-control="speed">
                    <label for="speed">{t(T::SpeedLabel)}</label>
                    <select id="speed" data-testid="speed" title=t(T::SpeedHelp)
                        prop:value=move || params.with(|p| p.speed.slug())
                        on:change=move |ev| if let Some(v) = Speed::from_slug(&event_target_value(&ev)) { set(&|p| p.speed = v) }>
                        {Speed::ALL.into_iter().map(|v| {
                            let text = match v {
                                Speed::Batch => T::SpeedBatch,
                                Speed::One => T::SpeedOne,
                                Speed::Five => T::SpeedFive,
                                Speed::TwentyFive => T::SpeedTwentyFive,
                                Speed::Max => T::SpeedMax,
                            };
                            view! { <option value=v.slug() selected=move || params.with(|p| p.speed == v)>{move || text.get(lang.get())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="counter">
                    <span class="counter-label">{t(T::EpochLabel)}</span>
                    <span class="counter-value" data-testid="epoch">{move || snap.with(|s| s.epoch)}</span>
                </div>
                <div class="counter">
                    <span class="counter-label">{t(T::TrainLoss)}</span>
                    <span class="counter-value" data-testid="loss-train">{move || snap.with(|s| format_loss(s.train_loss))}</span>
                    <span class="counter-sub" data-testid="score-train">{move || snap.with(|s| format_score(s.train_score, s.regression, lang.get()))}</span>
                </div>
                <div class="counter">
                    <span class="counter-label">{t(T::ValLoss)}</span>
                    <span class="counter-value" data-testid="loss-val">
                        {move || snap.with(|s| if s.counts.1 == 0 { T::NoValidation.get(lang.get()).to_owned() } else { format_loss(s.val_loss) })}
                    </span>
                    <span class="counter-sub" data-testid="score-val">{move || snap.with(|s| format_score(s.val_score, s.regression, lang.get()))}</span>
                </div>
                <div class="counter">
                    <span class="counter-label">{t(T::Parameters)}</span>
                    <span class="counter-value" data-testid="param-count" title=t(T::ParamCountHelp)>
                        {move || snap.with(|s| s.param_count)}
                    </span>
                </div>
            </section>

            <Show when=move || snap.with(|s| s.diverged)>
                <div class="banner danger" role="alert" data-testid="diverged">
                    <p>{t(T::Diverged)}</p>
                    <button data-testid="fix-divergence" on:click=move |_| {
                        params.update(|p| p.lr = 0.03_f32.min(p.lr / 100.0).max(1e-5));
                        reset(lp);
                    }>{t(T::FixDivergence)}</button>
                </div>
            </Show>
            <Show when=move || snap.with(|s| s.error.is_some())>
                <div class="banner danger" role="alert" data-testid="model-error">
                    {move || fill(T::InvalidModel.get(lang.get()), &[&snap.with(|s| s.error.clone().unwrap_or_default())])}
                </div>
            </Show>

            <div class="lab-grid">
                <section class="panel data-panel" aria-labelledby="pg-data">
                    <h2 id="pg-data">{t(T::Data)}</h2>
                    <div class="thumbs" data-control="dataset" role="group" aria-label=t(T::DatasetLabel)>
                        {DatasetKind::ALL.into_iter().map(|kind| {
                            let name = dataset_name(kind);
                            view! {
                                <DatasetThumb kind name lang
                                    selected=Signal::derive(move || params.with(|p| p.dataset == kind))
                                    pick=move || set(&|p| *p = p.clone().with_dataset(kind)) />
                            }
                        }).collect_view()}
                    </div>
                    {select(lang, "dataset", T::DatasetLabel, T::DatasetHelp, datasets,
                        move || params.with(|p| p.dataset.slug()),
                        move |v| if let Some(d) = DatasetKind::from_slug(&v) { set(&|p| *p = p.clone().with_dataset(d)) })}
                    {range(lang, "noise", T::NoiseLabel, T::NoiseHelp, (0, 50),
                        move || params.with(|p| p.noise as i64),
                        move || format!("{}%", params.with(|p| p.noise)),
                        move |v| set(&|p| p.noise = v as u32))}
                    {range(lang, "points", T::PointsLabel, T::PointsHelp, (1, 100),
                        move || params.with(|p| (p.points / 20).max(1) as i64),
                        move || params.with(|p| p.points).to_string(),
                        move |v| set(&|p| p.points = (v as usize * 20).max(params::POINTS_RANGE.0)))}
                    <div class="control" data-control="seed">
                        <div class="control-head">
                            <label for="seed">{t(T::SeedLabel)}</label>
                        </div>
                        <div class="row">
                            <input type="number" id="seed" data-testid="seed" min="0" max="4294967295"
                                prop:value=move || params.with(|p| p.seed).to_string()
                                aria-describedby="seed-help"
                                on:change=move |ev| {
                                    match event_target_value(&ev).trim().parse::<u32>() {
                                        Ok(v) => set(&|p| p.seed = v),
                                        // Not a seed: put the current one back in the box.
                                        Err(_) => params.update(|_| {}),
                                    }
                                } />
                            <button data-testid="regenerate" title=t(T::RegenerateHelp)
                                on:click=move |_| set(&|p| p.seed = next_seed(p.seed))>
                                {t(T::Regenerate)}
                            </button>
                        </div>
                        <p class="help" id="seed-help">{t(T::SeedHelp)}</p>
                    </div>

                    <h3>{t(T::SplitLabel)}</h3>
                    {split_shares(lang, move || params.with(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train; p.val = val; }))}
                    <div class="split-bar" id="split-counts" data-testid="split-bar" role="img"
                        aria-label=move || snap.with(|s| fill(T::SplitCounts.get(lang.get()), &[&s.counts.0.to_string(), &s.counts.1.to_string(), &s.counts.2.to_string()]))>
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
                    <p class="help">{move || snap.with(|s| fill(T::SplitCounts.get(lang.get()), &[&s.counts.0.to_string(), &s.counts.1.to_string(), &s.counts.2.to_string()]))}</p>
                </section>

                <section class="panel model-panel" aria-labelledby="pg-model">
                    <h2 id="pg-model">{t(T::Model)}</h2>
                    {select(lang, "problem", T::ProblemLabel, T::ProblemHelp,
                        vec![(Problem::Classification.slug(), T::Classification), (Problem::Regression.slug(), T::Regression)],
                        move || params.with(|p| p.problem.slug()),
                        move |v| if let Some(pr) = Problem::from_slug(&v) { set(&|p| *p = p.clone().with_problem(pr)) })}
                    <div class="control" data-control="features">
                        <span class="label" id="features-label">{t(T::FeaturesLabel)}</span>
                        <div class="features" data-testid="features" role="group" aria-labelledby="features-label">
                            {Feature::ALL.iter().map(|&f| {
                                let on = move || params.with(|p| p.features.contains(&f));
                                view! {
                                    <button class="feature" class:on=on data-testid=format!("feature-{}", f.slug())
                                        aria-pressed=move || on().to_string()
                                        on:click=move |_| set(&|p| {
                                            if p.features.contains(&f) {
                                                if p.features.len() > 1 { p.features.retain(|x| *x != f); }
                                            } else {
                                                p.features = Feature::ALL.into_iter().filter(|x| *x == f || p.features.contains(x)).collect();
                                            }
                                        })>
                                        {f.label()}
                                    </button>
                                }
                            }).collect_view()}
                        </div>
                        <p class="help">{t(T::FeaturesHelp)}</p>
                    </div>
                    <div class="control" data-control="layers">
                        <div class="control-head">
                            <label for="layers">{t(T::LayersLabel)}</label>
                            <span class="row">
                                <button class="small" data-testid="remove-layer" aria-label=t(T::RemoveLayer) title=t(T::RemoveLayer)
                                    disabled=move || params.with(|p| p.layers.is_empty())
                                    on:click=move |_| set(&|p| { p.layers.pop(); })>"−"</button>
                                <button class="small" data-testid="add-layer" aria-label=t(T::AddLayer) title=t(T::AddLayer)
                                    disabled=move || params.with(|p| p.layers.len() >= MAX_HIDDEN_LAYERS)
                                    on:click=move |_| set(&|p| if p.layers.len() < MAX_HIDDEN_LAYERS { let w = p.layers.last().copied().unwrap_or(4); p.layers.push(w) })>"+"</button>
                            </span>
                        </div>
                        <input type="text" id="layers" data-testid="layers" inputmode="numeric" aria-describedby="layers-help"
                            class:invalid=move || layers_error.get()
                            prop:value=move || layers_text.get()
                            on:change=move |ev| {
                                let text = event_target_value(&ev);
                                match parse_layers(text.trim()) {
                                    Some(l) => { layers_error.set(false); set(&|p| p.layers = l.clone()); }
                                    None => { layers_text.set(text); layers_error.set(true); }
                                }
                            } />
                        <div class="layer-steppers">
                            {move || params.with(|p| p.layers.clone()).into_iter().enumerate().map(|(i, w)| {
                                let n = (i + 1).to_string();
                                let n2 = n.clone();
                                view! {
                                    <span class="stepper">
                                        <button class="small" data-testid=format!("layer-{i}-minus")
                                            aria-label=move || fill(T::FewerNeurons.get(lang.get()), &[&n])
                                            disabled={w <= 1}
                                            on:click=move |_| set(&|p| if let Some(x) = p.layers.get_mut(i) { *x = (*x).saturating_sub(1).max(1) })>"−"</button>
                                        <span class="stepper-value">{w}</span>
                                        <button class="small" data-testid=format!("layer-{i}-plus")
                                            aria-label=move || fill(T::MoreNeurons.get(lang.get()), &[&n2])
                                            disabled={w >= MAX_NEURONS}
                                            on:click=move |_| set(&|p| if let Some(x) = p.layers.get_mut(i) { *x = (*x + 1).min(MAX_NEURONS) })>"+"</button>
                                    </span>
                                }
                            }).collect_view()}
                        </div>
                        <p class="help" id="layers-help">
                            {move || if layers_error.get() { T::LayersInvalid.get(lang.get()) } else { T::LayersHelp.get(lang.get()) }}
                        </p>
                    </div>
                    <figure class="network">
                        <figcaption>{t(T::NetworkTitle)}</figcaption>
                        <canvas node_ref=network_ref data-testid="network" class="network-canvas"
                            on:mousemove=on_network_move
                            on:mouseleave=move |_| hover.set(None)
                            on:click=move |ev| {
                                let hit = layout.with_value(|l| l.hit(ev.offset_x() as f64, ev.offset_y() as f64));
                                edit_error.set(None);
                                editing.set(hit.filter(|h| !matches!(h, Hit::Neuron { layer: 0, .. })));
                            }></canvas>
                        <p class="hover-line" data-testid="network-hover" aria-live="polite">{hover_text}</p>
                        {move || editing.get().map(|hit| {
                            let current = engine.try_with_value(|e| e.trainer().map(|t| match hit {
                                Hit::Weight { layer, from, to } => t.mlp().weight(layer, from, to),
                                Hit::Neuron { layer, index } => t.mlp().bias(layer.saturating_sub(1), index),
                            })).flatten().unwrap_or(0.0);
                            let label = match hit { Hit::Weight { .. } => T::EditWeight, Hit::Neuron { .. } => T::EditBias };
                            view! {
                                <div class="weight-editor row wrap" data-testid="weight-editor">
                                    <label for="weight-input">{move || label.get(lang.get())}</label>
                                    <input type="number" id="weight-input" data-testid="weight-input" step="0.1"
                                        prop:value=format!("{current:.3}")
                                        on:change=move |ev| {
                                            let parsed = event_target_value(&ev).trim().parse::<f32>();
                                            let result = match parsed {
                                                Err(_) => Err(T::EditInvalid.get(lang.get_untracked()).to_owned()),
                                                Ok(v) => engine.try_update_value(|e| match hit {
                                                    Hit::Weight { layer, from, to } => e.set_weight(layer, from, to, v),
                                                    Hit::Neuron { layer, index } => e.set_bias(layer.saturating_sub(1), index, v),
                                                }).unwrap_or(Ok(())),
                                            };
                                            match result {
                                                Ok(()) => { edit_error.set(None); lp.publish(); }
                                                Err(_) => edit_error.set(Some(T::EditInvalid.get(lang.get_untracked()).to_owned())),
                                            }
                                        } />
                                    <button class="small" data-testid="weight-editor-close" on:click=move |_| editing.set(None)>{t(T::Dismiss)}</button>
                                    {move || edit_error.get().map(|m| view! { <span class="error" role="alert">{m}</span> })}
                                </div>
                            }
                        })}
                        <p class="help">{t(T::NetworkHelp)}</p>
                    </figure>
                    {select(lang, "activation", T::ActivationLabel, T::ActivationHelp, activations,
                        move || params.with(|p| p.activation.slug()),
                        move |v| if let Some(a) = Activation::from_slug(&v) { set(&|p| p.activation = a) })}
                    {select(lang, "loss", T::LossLabel, T::LossHelp, losses,
                        move || params.with(|p| p.loss.slug()),
                        move |v| if let Some(l) = Loss::from_slug(&v) {
                            set(&|p| p.loss = if p.problem == Problem::Regression { Loss::Mse } else { l })
                        })}
                    {select(lang, "optimizer", T::OptimizerLabel, T::OptimizerHelp, optimizers,
                        move || params.with(|p| p.optimizer.slug()),
                        move |v| if let Some(o) = OptimizerKind::from_slug(&v) { set(&|p| p.optimizer = o) })}
                    {range(lang, "lr", T::LrLabel, T::LrHelp, (0, LEARNING_RATES.len() as i64 - 1),
                        move || params.with(|p| nearest_stop(&LEARNING_RATES, p.lr) as i64),
                        move || query::short_float(params.with(|p| p.lr)),
                        move |v| set(&|p| p.lr = LEARNING_RATES[(v as usize).min(LEARNING_RATES.len() - 1)]))}
                    {range(lang, "batch", T::BatchLabel, T::BatchHelp, (BATCH_RANGE.0 as i64, 100),
                        move || params.with(|p| p.batch as i64),
                        move || params.with(|p| p.batch).to_string(),
                        move |v| set(&|p| p.batch = v as usize))}
                    {select(lang, "reg", T::RegLabel, T::RegHelp, regs,
                        move || params.with(|p| p.reg.slug()),
                        move |v| if let Some(r) = Regularization::from_slug(&v) { set(&|p| p.reg = r) })}
                    {range(lang, "reg_rate", T::RegRateLabel, T::RegRateHelp, (0, REG_RATES.len() as i64 - 1),
                        move || params.with(|p| nearest_stop(&REG_RATES, p.reg_rate) as i64),
                        move || query::short_float(params.with(|p| p.reg_rate)),
                        move |v| set(&|p| p.reg_rate = REG_RATES[(v as usize).min(REG_RATES.len() - 1)]))}
                </section>

                <section class="panel output-panel" aria-labelledby="pg-output">
                    <h2 id="pg-output">{t(T::Output)}</h2>
                    <figure class="boundary">
                        <figcaption>
                            {move || match hover.get() {
                                Some(Hit::Neuron { layer, index }) if layer > 0 => fill(T::BoundaryNeuron.get(lang.get()), &[&(index + 1).to_string(), &layer.to_string()]),
                                _ => T::BoundaryTitle.get(lang.get()).to_owned(),
                            }}
                        </figcaption>
                        <canvas node_ref=boundary_ref data-testid="boundary" class="boundary-canvas" on:click=on_boundary_click></canvas>
                        {move || legend(lang.get(), params.with(|p| (p.problem == Problem::Regression, p.dataset.classes())))}
                    </figure>
                    <div class="row wrap">
                        {toggle(lang, "show_test", T::ShowTest, move || params.with(|p| p.show_test), move |v| set(&|p| p.show_test = v))}
                        {toggle(lang, "discretize", T::Discretize, move || params.with(|p| p.discretize), move |v| set(&|p| p.discretize = v))}
                    </div>
                    <div class="row wrap add-class" data-control="add-class" role="radiogroup" aria-label=t(T::AddClass) data-testid="add-class">
                        <span>{t(T::AddClass)}</span>
                        {move || {
                            let regression = params.with(|p| p.problem == Problem::Regression);
                            let k = if regression { 2 } else { params.with(|p| p.dataset.classes()).max(2) };
                            (0..k).map(|c| {
                                let label = move || if regression {
                                    fill(T::AddValue.get(lang.get()), &[if c == 0 { "−1" } else { "+1" }])
                                } else {
                                    fill(T::ClassName.get(lang.get()), &[&(c + 1).to_string()])
                                };
                                view! {
                                    <button class="swatch" role="radio" data-testid=format!("add-class-{c}")
                                        aria-checked=move || (add_class.get() == c).to_string()
                                        style=format!("--swatch:{}", css(CLASS[c % CLASS.len()]))
                                        on:click=move |_| add_class.set(c)>{label}</button>
                                }
                            }).collect_view()
                        }}
                    </div>
                    <p class="help">{t(T::BoundaryHelp)}</p>
                    <figure class="chart">
                        <figcaption>{t(T::LossChartTitle)}</figcaption>
                        <canvas node_ref=chart_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    </figure>
                    <div class="test-exam" data-control="test-eval">
                        <button data-testid="test-eval"
                            disabled=move || snap.with(|s| s.counts.2 == 0 || s.error.is_some())
                            on:click=move |_| {
                                engine.update_value(|e| { e.evaluate_test(); });
                                lp.publish();
                            }>{t(T::EvaluateTest)}</button>
                        <p class="help">{move || snap.with(|s| if s.counts.2 == 0 { T::NoTest.get(lang.get()) } else { T::EvaluateTestHelp.get(lang.get()) })}</p>
                        {move || snap.with(|s| s.test.clone()).map(|r| {
                            let regression = snap.with_untracked(|s| s.regression);
                            view! {
                                <div class="test-result" class:spent=r.spent>
                                    <p>
                                        {move || fill(T::TestResult.get(lang.get()), &[&format_loss(r.metrics_loss), &r.epoch.to_string()])}
                                        " "
                                        <span data-testid="loss-test">{format_loss(r.metrics_loss)}</span>
                                        " "
                                        <span data-testid="score-test">{move || format_score(if regression { r.r2 } else { r.accuracy }, regression, lang.get())}</span>
                                    </p>
                                    {r.spent.then(|| view! { <p class="spent-note" data-testid="test-spent">{move || T::TestSpent.get(lang.get())}</p> })}
                                    <p class="help" data-testid="test-peeks">{move || fill(T::TestPeeks.get(lang.get()), &[&snap.with(|s| s.test_peeks).to_string()])}</p>
                                </div>
                            }
                        })}
                    </div>
                    <Show when=move || snap.with(|s| s.confusion.is_some())>
                        <figure class="confusion">
                            <figcaption>{t(T::ConfusionTitle)}</figcaption>
                            <table data-testid="confusion">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || format!("{} ↓ / {} →", T::Truth.get(lang.get()), T::Predicted.get(lang.get()))}</th>
                                        {move || {
                                            let k = snap.with(|s| s.confusion.as_ref().map_or(0, |c| c.0));
                                            (0..k).map(|c| view! { <th scope="col" style=format!("color:{}", css(CLASS[c % CLASS.len()]))>{c + 1}</th> }).collect_view()
                                        }}
                                    </tr>
                                </thead>
                                <tbody>
                                    {move || {
                                        let (k, counts) = snap.with(|s| s.confusion.clone()).unwrap_or((0, Vec::new()));
                                        (0..k).map(|r| view! {
                                            <tr>
                                                <th scope="row" style=format!("color:{}", css(CLASS[r % CLASS.len()]))>{r + 1}</th>
                                                {(0..k).map(|c| {
                                                    let v = counts.get(r * k + c).copied().unwrap_or(0);
                                                    view! { <td class:diag={r == c}>{v}</td> }
                                                }).collect_view()}
                                            </tr>
                                        }).collect_view()
                                    }}
                                </tbody>
                            </table>
                            <p class="help">{t(T::ConfusionHelp)}</p>
                        </figure>
                    </Show>
                </section>
            </div>
            <details class="panel classroom" data-testid="classroom">
                <summary>{t(T::Classroom)}</summary>
                <p class="help">{t(T::ClassroomHelp)}</p>
                <div class="classroom-grid">
                    {HIDEABLE.into_iter().map(|id| {
                        view! {
                            <label class="toggle">
                                <input type="checkbox" data-testid=format!("hide-{id}")
                                    prop:checked=move || params.with(|p| p.hide.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        set(&|p| {
                                            let mut chosen: Vec<&'static str> = p.hide.iter().copied().filter(|h| *h != id).collect();
                                            if on { chosen.push(id); }
                                            p.hide = HIDEABLE.into_iter().filter(|h| chosen.contains(h)).collect();
                                        });
                                    } />
                                <span>{move || hide_label(id).get(lang.get())}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </details>
        </article>
    }
}

/// The name shown next to a control's "hide" box in the classroom panel.
fn hide_label(id: &str) -> T {
    match id {
        "dataset" => T::DatasetLabel,
        "noise" => T::NoiseLabel,
        "points" => T::PointsLabel,
        "seed" => T::SeedLabel,
        "train" => T::TrainShare,
        "val" => T::ValShare,
        "problem" => T::ProblemLabel,
        "features" => T::FeaturesLabel,
        "layers" => T::LayersLabel,
        "activation" => T::ActivationLabel,
        "loss" => T::LossLabel,
        "optimizer" => T::OptimizerLabel,
        "lr" => T::LrLabel,
        "batch" => T::BatchLabel,
        "reg" => T::RegLabel,
        "reg_rate" => T::RegRateLabel,
        "show_test" => T::ShowTest,
        "discretize" => T::Discretize,
        "add-class" => T::AddClass,
        "test-eval" => T::EvaluateTest,
        "play" => T::PlayControls,
        _ => T::Explanations,
    }
}

/// A data set as a picture: its points, noise-free, on a small canvas; a click picks it.
#[component]
fn DatasetThumb(
    kind: DatasetKind,
    name: T,
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

/// The colour key under the boundary: a diverging bar for scores and values, swatches for
/// three or more classes.
fn legend(lang: Lang, (regression, classes): (bool, usize)) -> impl IntoView {
    use crate::components::colors::signed;
    if !regression && classes > 2 {
        let items = (0..classes)
            .map(|c| {
                view! {
                    <span class="legend-swatch" style=format!("--swatch:{}", css(CLASS[c % CLASS.len()]))>
                        {fill(T::ClassName.get(lang), &[&(c + 1).to_string()])}
                    </span>
                }
            })
            .collect_view();
        return view! { <div class="legend" data-testid="legend">{items}<span class="help">{T::LegendClasses.get(lang)}</span></div> }.into_any();
    }
    let stops = [-1.0f32, -0.5, 0.0, 0.5, 1.0].map(|v| css(signed(v, false))).join(",");
    let (low, high) = if regression { ("−1", "+1") } else { (T::LegendClass1.get(lang), T::LegendClass2.get(lang)) };
    view! {
        <div class="legend" data-testid="legend">
            <span>{low}</span>
            <span class="legend-bar" style=format!("background:linear-gradient(to right,{stops})")></span>
            <span>{high}</span>
            <span class="help">{if regression { T::LegendValue.get(lang) } else { T::LegendScore.get(lang) }}</span>
        </div>
    }
    .into_any()
}

fn step(lp: Loop) {
    lp.running.set(false);
    lp.engine.try_update_value(Engine::step);
    lp.publish();
}

fn reset(lp: Loop) {
    lp.running.set(false);
    lp.engine.try_update_value(Engine::reset);
    lp.publish();
}

/// The next seed for "new data": a fixed scramble of the current one, so a sequence of clicks
/// is itself reproducible.
fn next_seed(seed: u32) -> u32 {
    let x = (seed as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (x >> 33) as u32
}
