//! Playground lab: a small neural network trains on 2-D points while you change its data, its
//! shape and its hyperparameters — TensorFlow Playground's controls, plus a real three-way split,
//! cross-entropy and softmax, optimizers, a confusion matrix, and a test set kept for the end.
//!
//! Structure: `params` (what the controls write, and the address), `engine` (owns the core
//! objects, rebuilds what a change invalidates), this file (the view and the frame loop).

mod challenges;
mod data_panel;
pub mod engine;
mod header;
mod model_panel;
mod output_panel;
pub mod params;
pub mod text;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::dataset::{generate, DataParams, DatasetKind, Problem};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::Role;
use perplexed_core::error::ParamError;
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;

use crate::components::canvas::{now_ms, scratch};
use crate::components::chart::line::{self, LineChart, Mark};
use crate::components::chart::plane::{self, BoundaryPlot, DrawnPoint};
use crate::components::chart::{thinned, tools, Frame, Theme, MAX_POINTS};
use crate::components::colors::{css, CLASS};
use crate::components::controls::{count, seed, range, select, split_counts_text, stops, toggle, split_shares};
use crate::components::errors::{self, say};
use crate::components::format::{loss as format_loss, score as format_score};
use crate::components::frame_loop::{use_frame_loop, Tick, SLOW_REFRESH_MS};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::{speed_select, Transport};
use crate::components::network::{self, Diagram, Hit, Layout};
use crate::i18n::{fill, Label, Lang, P, T, dataset_name, optimizer_name};

use data_panel::DataPanel;
use header::Header;
use model_panel::ModelPanel;
use output_panel::OutputPanel;
use engine::{Engine, TestEvaluation, GRID_RES, NEURON_RES, SPLIT_ANIMATION_MS};
use params::{parse_layers, PlaygroundParams, Speed, BATCH_RANGE, HIDEABLE, LEARNING_RATES, MAX_HIDDEN_LAYERS, MAX_NEURONS, REG_RATES};
use text::PT;
use crate::components::lab_shell::Look;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::PLAYGROUND;

pub const LAB: Lab = Lab {
    slug: "playground",
    nav: T::NavPlayground,
    concepts: &[1, 2, 3, 4, 7, 8, 9, 11, 12, 14, 21],
    parts: &[],
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
    error: Option<ParamError>,
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
        error: e.error().cloned(),
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
        // The heatmap's share shrinks with the frame's budget on a machine that falls behind.
        let grid_ms = GRID_BUDGET_MS.min(f.budget_ms() / 2.0);
        self.engine.try_update_value(|e| e.refresh_views(grid_ms, maps_due, now_ms));
        let extras_due = now - self.last_extras.get_value() >= SLOW_REFRESH_MS;
        self.show(extras_due || !running, maps_due || !running);
        let grid_pending = self.engine.try_with_value(|e| e.grid_pending()).unwrap_or(false);
        (running && self.running.get_untracked()) || self.animating() || grid_pending
    }
}

/// What the panels share: the loop's handles, the page's own signals and its canvases; all `Copy`.
#[derive(Clone, Copy)]
struct Ui {
    lp: Loop,
    lang: RwSignal<Lang>,
    hover: RwSignal<Option<Hit>>,
    /// The plane's keyboard cursor (data coordinates), shown while the plane has the focus.
    cursor: RwSignal<Option<(f32, f32)>>,
    editing: RwSignal<Option<Hit>>,
    layers_text: RwSignal<String>,
    layers_error: RwSignal<bool>,
    layout: StoredValue<Layout>,
    boundary_ref: NodeRef<Canvas>,
    chart_ref: NodeRef<Canvas>,
    network_ref: NodeRef<Canvas>,
}

impl Ui {
    fn set(self, f: &dyn Fn(&mut PlaygroundParams)) {
        self.lp.params.update(|p| f(p));
    }

    fn t(self, key: impl Into<Label>) -> impl Fn() -> &'static str + Copy + 'static {
        let key: Label = key.into();
        move || key.get(self.lang.get())
    }
}

#[component]
pub fn Playground() -> impl IntoView {
    let LabState { lang, params, engine, frame } = lab_shell::open(&LAB, Engine::new);
    let running = RwSignal::new(false);
    let snap = RwSignal::new(Snapshot::default());
    // The control that the model error names is marked.
    errors::provide_invalid_controls(
        move || snap.with(|s| s.error.as_ref().map(|m| m.field).into_iter().collect()),
        &[("lr", "lr"), ("loss", "loss"), ("reg_rate", "reg"), ("points", "points"), ("noise", "noise"), ("train", "train"), ("val", "val")],
    );
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
    // "Save the model (JSON)" in the charts' menus: the network as it is at that moment.
    tools::offer_model(move || engine.try_with_value(|e| e.trainer().map(|t| crate::components::chart::models::network_json(t.mlp()))).flatten());
    let hover = RwSignal::new(None::<Hit>);
    let cursor = RwSignal::new(None::<(f32, f32)>);
    let editing = RwSignal::new(None::<Hit>);
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

    frames.run_while(move || running.get());


    // Canvases.
    let boundary_ref = NodeRef::<Canvas>::new();
    let chart_ref = NodeRef::<Canvas>::new();
    let network_ref = NodeRef::<Canvas>::new();
    let scratch = StoredValue::new_local(scratch());

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
                if let (Some(fr), Some(at)) = (plane::draw(&c, &scratch, &plot), cursor.get()) {
                    plane::draw_cursor(&fr, at);
                }
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
                if let Some(l) = network::draw(&c, &scratch.grid, &diagram) {
                    layout.set_value(l);
                }
            }
        }));
    });

    // The diagram, too, follows a resize of the window (open() redraws the rest).
    let resize = window_event_listener(ev::resize, move |_| diagram.update(|f| *f += 1));
    on_cleanup(move || resize.remove());

    let ui = Ui { lp, lang, hover, cursor, editing, layers_text, layers_error, layout, boundary_ref, chart_ref, network_ref };

    view! {
        <article class="lab playground" data-testid="lab-playground">
            <style>
                {move || params.look(|p| p.hide.iter().map(|id| if *id == "help" {
                    ".playground .help{display:none}".to_owned()
                } else {
                    format!(".playground [data-control=\"{id}\"]{{display:none}}")
                }).collect::<String>())}
            </style>
            <Header ui />

            <div class="lab-grid">
                <DataPanel ui />

                <ModelPanel ui />

                <OutputPanel ui />
            </div>
            <details class="panel classroom" data-testid="classroom">
                <summary>{ui.t(PT::Classroom)}</summary>
                <p class="help">{ui.t(PT::ClassroomHelp)}</p>
                <div class="classroom-grid">
                    {HIDEABLE.into_iter().map(|id| {
                        view! {
                            <label class="toggle">
                                <input type="checkbox" data-testid=format!("hide-{id}")
                                    prop:checked=move || params.look(|p| p.hide.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ui.set(&|p| {
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
fn hide_label(id: &str) -> Label {
    match id {
        "dataset" => T::DatasetLabel.into(),
        "noise" => T::NoiseLabel.into(),
        "points" => T::PointsLabel.into(),
        "seed" => T::SeedLabel.into(),
        "train" => T::TrainShare.into(),
        "val" => T::ValShare.into(),
        "problem" => PT::ProblemLabel.into(),
        "features" => PT::FeaturesLabel.into(),
        "layers" => PT::LayersLabel.into(),
        "activation" => PT::ActivationLabel.into(),
        "loss" => PT::LossLabel.into(),
        "optimizer" => T::OptimizerLabel.into(),
        "lr" => T::LrLabel.into(),
        "batch" => T::BatchLabel.into(),
        "reg" => PT::RegLabel.into(),
        "reg_rate" => PT::RegRateLabel.into(),
        "show_test" => T::ShowTest.into(),
        "discretize" => PT::Discretize.into(),
        "add-class" => PT::AddClass.into(),
        "test-eval" => T::EvaluateTest.into(),
        "play" => PT::PlayControls.into(),
        _ => PT::Explanations.into(),
    }
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
