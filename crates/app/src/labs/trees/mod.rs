//! The Trees lab: a decision tree grown split by split (its diagram and the box of the plane each
//! node covers), a random forest grown tree by tree (small multiples, the vote at the pointer,
//! the out-of-bag score), gradient boosting round by round (loss curves, shrinking residuals),
//! and all three against the Playground's network on the same split — concepts 4 and 19.

pub mod diagram;
mod challenges;
pub mod engine;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::dataset::DOMAIN;
use perplexed_core::data::split::Role;
use perplexed_core::stepping::Stepping;
use perplexed_core::tree::cart::Criterion;
use perplexed_core::tree::compare::ModelComparison;

use crate::components::canvas::{key_of, now_ms, scratch, theme_color, Scratch};
use crate::components::chart::line::{self, LineChart};
use crate::components::chart::plane::{self, BoundaryPlot, DrawnPoint};
use crate::components::chart::{bars, disc, indexed, Frame, Text};
use crate::components::colors::{css, css_alpha, heatmap_rgba, CLASS};
use crate::components::format::{log_loss as loss_text, number, share as pct};
use crate::components::frame_loop::{use_frame_loop, SLOW_REFRESH_MS};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::{speed_select, Transport};
use crate::i18n::{fill, Label, Lang, P, T, dataset_name};

use diagram::TreeDiagram;
use engine::{TreesEngine, GRID_RES, THUMBS, THUMB_RES};
use params::{datasets, ModelKind, Pace, TreesParams, LEARNING_RATES, MAX_DEPTH, POINTS_RANGE, SUBSAMPLE_RANGE};
use text::{TP, TT};
use crate::components::controls::{count, counter, split_counts_text, seed, range, select, stops, toggle, toggle_explained, split_shares};
use crate::components::errors::{self, say};
use crate::components::lab_shell::Look;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::TREES;

pub const LAB: Lab = Lab {
    slug: "trees",
    nav: T::NavTrees,
    concepts: &[4, 19],
    parts: &[],
    #[cfg(test)]
    validate: <TreesParams as crate::query::LabParams>::rejected_by,
};

/// The lab's page: what its own bundle (`src/bin/lab-trees.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Trees /> }.into_any()
}

/// The home page's concept card opens the lab with this query (after `lab=trees&`): a tree
/// growing on XOR, where the first question alone helps nothing and the second ones solve it.
pub const CONCEPT_PRESET: &str = "model=tree&dataset=xor&noise=10&depth=0";

fn depth_text(d: usize, lang: Lang) -> String {
    if d == 0 {
        TT::Unlimited.get(lang).to_owned()
    } else {
        d.to_string()
    }
}

#[component]
pub fn Trees() -> impl IntoView {
    let lab = lab_shell::open(&LAB, TreesEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
    let version = RwSignal::new(0u64);
    let playing = RwSignal::new(true);
    let hovered_node = RwSignal::new(None::<usize>);
    let pointer = RwSignal::new(None::<(f32, f32)>);
    let scratch = StoredValue::new_local(scratch());
    let model_kind = Memo::new(move |_| params.look(|p| p.model));
    // The slider the model error names is marked; each model has its own depth slider.
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.error().map(|m| m.field).into_iter().collect()) },
        &[("max_depth", "depth"), ("max_depth", "forest_depth"), ("max_depth", "boost_depth"), ("n_trees", "trees"), ("rounds", "rounds"),
          ("learning_rate", "lr"), ("subsample", "subsample"), ("min_samples_leaf", "min_leaf"), ("max_features", "forest_features")],
    );

    let publish = move || lab.publish(version, |e| e.version);

    // One loop: grow while playing (half the frame's budget), fit the comparison (all of it,
    // at most), and refresh the heatmap a band at a time (half).
    let frames = use_frame_loop(move |f| {
        let Some(play) = playing.try_get_untracked() else { return false };
        let budget = f.budget_ms();
        let result = engine.try_update_value(|e| {
            let more = play && e.advance(budget / 2.0, &now_ms);
            let comparing = e.advance_comparison(budget, &now_ms);
            let grid_done = e.refresh_grid(budget / 2.0, &now_ms);
            (more, comparing || !grid_done || e.grid_busy(), e.version)
        });
        let Some((more, busy, v)) = result else { return false };
        if play && !more {
            playing.set(false);
        }
        if version.get_untracked() != v {
            version.set(v);
        }
        frame.update(|f| *f += 1);
        (play && more) || busy
    });
    let ensure_loop = move || frames.ensure();

    Effect::new(move |prev: Option<()>| {
        let p = params.get();
        let before = engine.look(|e| e.version);
        engine.update_value(|e| e.apply(p));
        if prev.is_some() && engine.look(|e| e.version) != before {
            hovered_node.set(None);
            playing.set(true);
        }
        publish();
        ensure_loop();
    });
    frames.run_while(move || playing.get());

    let play_pause = move || {
        if !playing.get_untracked() && engine.look(TreesEngine::is_complete) {
            engine.update_value(TreesEngine::rebuild);
            hovered_node.set(None);
        }
        playing.update(|p| *p = !*p);
        publish();
        ensure_loop();
    };
    let step = move || {
        playing.set(false);
        engine.update_value(|e| {
            e.step();
        });
        publish();
        ensure_loop();
    };
    let reset = move || {
        playing.set(false);
        hovered_node.set(None);
        engine.update_value(TreesEngine::rebuild);
        publish();
        ensure_loop();
    };

    let boundary_ref = NodeRef::<Canvas>::new();
    let loss_ref = NodeRef::<Canvas>::new();
    let residual_ref = NodeRef::<Canvas>::new();
    let thumb_refs: [NodeRef<Canvas>; THUMBS] = std::array::from_fn(|_| NodeRef::new());

    // Redraw the canvases when anything they show changes. The charts beside the plane (the
    // forest's thumbnails, boosting's loss curves and residuals) cost a few milliseconds each;
    // while the model grows they are redrawn about seven times a second, as the Playground does
    // with its costlier pictures, and always once growth stops.
    let last_side_draw = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let p = params.get();
        let hn = hovered_node.get();
        let pt = pointer.get();
        let Some(scratch) = scratch.try_get_value().flatten() else { return };
        let now = now_ms();
        let side_due = !playing.get_untracked() || now - last_side_draw.get_value() >= SLOW_REFRESH_MS;
        if side_due {
            last_side_draw.set_value(now);
        }
        engine.look(|e| {
            if let Some(c) = boundary_ref.get() {
                // Boosting's residual rings change every round: they follow at the side charts' pace.
                frames.measure_render(|| draw_boundary(&c, &scratch, e, &p, hn, pt, last_side_draw.get_value().to_bits()));
            }
            if !side_due {
                return;
            }
            frames.measure_occasional(|| match p.model {
                ModelKind::Forest => {
                    for (i, r) in thumb_refs.iter().enumerate() {
                        if let Some(c) = r.get() {
                            draw_thumb(&c, &scratch.grid, e.thumbs.get(i).map(Vec::as_slice), e.grid_classes);
                        }
                    }
                }
                ModelKind::Boosting => {
                    if let (Some(c), Some(b)) = (loss_ref.get(), e.boosting()) {
                        line::draw(
                            &c,
                            &LineChart {
                                series: line::train_val(l, indexed(b.train_loss()), indexed(b.validation_loss())),
                                x_range: (0.0, b.rounds_done().max(1) as f32),
                                x_label: TT::AxisRound.get(l),
                                y_label: TT::AxisLogLoss.get(l),
                                log_y: true,
                                ..Default::default()
                            },
                        );
                    }
                    if let Some(c) = residual_ref.get() {
                        draw_residuals(&c, &e.residuals, l);
                    }
                }
                ModelKind::Tree => {}
            });
        });
    });

    let diagram_nodes = Memo::new(move |_| {
        version.track();
        model_kind.track();
        engine.try_with_value(TreesEngine::diagram).unwrap_or_default()
    });

    let on_plot_move = move |ev: web_sys::MouseEvent| {
        let Some(c) = boundary_ref.get() else { return };
        let at = plane::at_pointer(&c, &ev);
        if pointer.get_untracked() != at {
            pointer.set(at);
        }
        if model_kind.get_untracked() == ModelKind::Tree {
            let leaf = at.and_then(|(a, b)| engine.look(|e| e.tree().and_then(|t| t.leaf(&[a, b]))));
            if hovered_node.get_untracked() != leaf {
                hovered_node.set(leaf);
            }
        }
    };
    let on_plot_leave = move |_| {
        pointer.set(None);
        if model_kind.get_untracked() == ModelKind::Tree {
            hovered_node.set(None);
        }
    };

    let (set, t) = (move |f: &dyn Fn(&mut TreesParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&TreesEngine) -> String| lab.read(f);

    let dataset_options: Vec<(&'static str, Label)> = datasets().map(|d| (d.slug(), Label::from(dataset_name(d)))).collect();
    let model_options: Vec<(&'static str, Label)> = vec![
        (ModelKind::Tree.slug(), TT::ModelTree.into()),
        (ModelKind::Forest.slug(), TT::ModelForest.into()),
        (ModelKind::Boosting.slug(), TT::ModelBoosting.into()),
    ];
    let criterion_options = move || -> Vec<(&'static str, Label)> {
        vec![(Criterion::Gini.slug(), TT::CritGini.into()), (Criterion::Entropy.slug(), TT::CritEntropy.into())]
    };
    let criterion_control = move || {
        select(lang, "criterion", TT::CriterionLabel, TT::CriterionHelp, criterion_options(),
            move || params.look(|p| p.criterion.slug()),
            move |v| { if let Some(c) = Criterion::from_slug(&v).filter(|c| c.is_classification()) { set(&|p| p.criterion = c) } })
    };
    let min_leaf_control = move || {
        count(lang, params, "min_leaf", TT::MinLeafLabel, TT::MinLeafHelp, (1, 50), "", |p| p.min_leaf, |p, v| p.min_leaf = v)
    };

    let model_controls = move || match model_kind.get() {
        ModelKind::Tree => view! {
            <div data-testid="tree-controls">
                {criterion_control()}
                {range(lang, "depth", TT::DepthLabel, TT::DepthHelp, (0, MAX_DEPTH as i64),
                    move || params.look(|p| p.depth as i64),
                    move || depth_text(params.look(|p| p.depth), lang.get()),
                    move |v| set(&|p| p.depth = v as usize))}
                {min_leaf_control()}
                {count(lang, params, "features", TT::FeaturesLabel, TT::FeaturesHelp, (1, 2), "", |p| p.features, |p, v| p.features = v)}
            </div>
        }
        .into_any(),
        ModelKind::Forest => view! {
            <div data-testid="forest-controls">
                {count(lang, params, "trees", TT::TreesLabel, TT::TreesHelp, (1, perplexed_core::tree::forest::MAX_TREES as i64), "", |p| p.trees, |p, v| p.trees = v)}
                {toggle_explained(lang, "bootstrap", TT::BootstrapLabel, TT::BootstrapHelp,
                    move || params.look(|p| p.bootstrap),
                    move |v| set(&|p| p.bootstrap = v))}
                {count(lang, params, "forest_features", TT::FeaturesLabel, TT::ForestFeaturesHelp, (1, 2), "", |p| p.forest_features, |p, v| p.forest_features = v)}
                {range(lang, "forest_depth", TT::DepthLabel, TT::ForestDepthHelp, (0, MAX_DEPTH as i64),
                    move || params.look(|p| p.forest_depth as i64),
                    move || depth_text(params.look(|p| p.forest_depth), lang.get()),
                    move |v| set(&|p| p.forest_depth = v as usize))}
                {criterion_control()}
                {min_leaf_control()}
            </div>
        }
        .into_any(),
        ModelKind::Boosting => view! {
            <div data-testid="boosting-controls">
                {count(lang, params, "rounds", TT::RoundsLabel, TT::RoundsHelp, (1, perplexed_core::tree::boosting::MAX_ROUNDS as i64), "", |p| p.rounds, |p, v| p.rounds = v)}
                {stops(lang, params, "lr", TT::LrLabel, TT::LrHelp, &LEARNING_RATES, |p| p.lr, |p, v| p.lr = v)}
                {count(lang, params, "boost_depth", TT::BoostDepthLabel, TT::BoostDepthHelp, (1, 8), "", |p| p.boost_depth, |p, v| p.boost_depth = v)}
                {count(lang, params, "subsample", TT::SubsampleLabel, TT::SubsampleHelp, (SUBSAMPLE_RANGE.0 as i64, SUBSAMPLE_RANGE.1 as i64), "%", |p| p.subsample, |p, v| p.subsample = v)}
            </div>
        }
        .into_any(),
    };

    let counters = move || match model_kind.get() {
        ModelKind::Tree => view! {
            {counter(t(TT::Leaves.into()), "leaves", read(|e| e.tree().map_or(0, |t| t.n_leaves()).to_string()))}
            {counter(t(TT::DepthNow.into()), "tree-depth", read(|e| e.tree().map_or(0, |t| t.depth()).to_string()))}
        }
        .into_any(),
        ModelKind::Forest => view! {
            {counter(t(TT::OobScore.into()), "oob", read(|e| {
                    e.forest().and_then(|f| f.oob_score()).map_or("—".into(), |s| pct(Some(s as f32)))
                }))}
        }
        .into_any(),
        ModelKind::Boosting => view! {
            {counter(t(T::TrainLoss.into()), "loss-train", read(|e| loss_text(e.boosting().and_then(|b| b.train_loss().last().copied()))))}
            {counter(t(T::ValLoss.into()), "loss-val", read(|e| loss_text(e.boosting().and_then(|b| b.validation_loss().last().copied()))))}
        }
        .into_any(),
    };

    let model_views = move || match model_kind.get() {
        ModelKind::Tree => view! {
            <section class="panel" aria-labelledby="tr-diagram">
                <h2 id="tr-diagram">{t(TT::DiagramTitle.into())}</h2>
                <p class="help">{t(TT::DiagramHelp.into())}</p>
                <TreeDiagram nodes=diagram_nodes hovered=hovered_node lang=lang />
                <p class="hover-line trees-node-detail" data-testid="node-detail" aria-live="polite">{move || {
                    version.track();
                    let l = lang.get();
                    match hovered_node.get() {
                        Some(id) => diagram_nodes.with(|ns| ns.get(id).map(|n| diagram::node_text(n, l))).unwrap_or_default(),
                        None => TT::NodeNone.get(l).to_owned(),
                    }
                }}</p>
            </section>
        }
        .into_any(),
        ModelKind::Forest => view! {
            <section class="panel" aria-labelledby="tr-thumbs">
                <h2 id="tr-thumbs">{t(TT::ThumbsTitle.into())}</h2>
                <div class="trees-thumbs">
                    {thumb_refs.iter().enumerate().map(|(i, r)| view! {
                        <canvas node_ref=*r class="thumb-canvas" data-testid=format!("forest-tree-{i}")></canvas>
                    }).collect_view()}
                </div>
                <p class="help">{t(TT::ThumbsHelp.into())}</p>
                <h3>{t(TT::VotesTitle.into())}</h3>
                <div data-testid="votes" aria-live="polite">{move || {
                    frame.track();
                    let l = lang.get();
                    let at = pointer.get();
                    match at.and_then(|(a, b)| engine.look(|e| e.votes(a, b)).map(|v| (a, b, v))) {
                        None => view! { <p class="help">{TT::VotesHover.get(l)}</p> }.into_any(),
                        Some((a, b, v)) => {
                            let total = v.total.max(1) as f64;
                            view! {
                                <p>{fill(TT::VotesAt.get(l), &[&number(a.into(), 2), &number(b.into(), 2), &TP::Trees.count(v.total, l)])}</p>
                                <div class="trees-votes">
                                    {v.per_class.iter().enumerate().filter(|(_, &n)| n > 0).map(|(k, &n)| {
                                        let style = format!("flex-grow:{};background:{}", n as f64 / total, css(CLASS[k % CLASS.len()]));
                                        let title = fill(T::ClassName.get(l), &[&(k + 1).to_string()]);
                                        view! { <span style=style title=title.clone() data-testid=format!("votes-{k}")>{format!("{title}: {n}")}</span> }
                                    }).collect_view()}
                                </div>
                            }.into_any()
                        }
                    }
                }}</div>
            </section>
        }
        .into_any(),
        ModelKind::Boosting => view! {
            <section class="panel" aria-labelledby="tr-loss">
                <h2 id="tr-loss">{t(TT::LossTitle.into())}</h2>
                <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                <p class="help">{t(TT::LossHelp.into())}</p>
                <h3>{t(TT::ResidualTitle.into())}</h3>
                <canvas node_ref=residual_ref data-testid="residual-histogram" class="trees-residuals"></canvas>
                <p class="help">{t(TT::ResidualHelp.into())}</p>
            </section>
        }
        .into_any(),
    };

    let step_label = Signal::derive(move || {
        Label::from(match model_kind.get() {
            ModelKind::Tree => TT::StepSplit,
            ModelKind::Forest => TT::StepTree,
            ModelKind::Boosting => TT::StepRound,
        })
    });
    let progress_label = move || match model_kind.get() {
        ModelKind::Tree => TT::Splits.get(lang.get()),
        ModelKind::Forest => TT::TreesNow.get(lang.get()),
        ModelKind::Boosting => TT::RoundsNow.get(lang.get()),
    };

    let compare_rows = move || {
        frame.track();
        let l = lang.get();
        let names = [TT::ModelTree.get(l), TT::ModelForest.get(l), TT::ModelBoosting.get(l), TT::NetName.get(l)];
        let rows = engine.look(|e| e.compare.as_ref().map(|c| c.rows().clone()).unwrap_or_default());
        names
            .into_iter()
            .zip(rows)
            .enumerate()
            .map(|(i, (name, row))| {
                let (val, ms, test, err) = match row {
                    Some(r) => (pct(r.val_acc), fill(TT::Ms.get(l), &[&number(r.fit_ms, 1)]), pct(r.test_acc), r.error),
                    None => ("—".into(), "—".into(), "—".into(), None),
                };
                view! {
                    <tr data-testid=format!("compare-{i}")>
                        <th scope="row">{name}</th>
                        <td data-testid=format!("compare-{i}-val")>{val}{err.map(|m| view! { <span class="error">" " {say(&m, l)}</span> })}</td>
                        <td data-testid=format!("compare-{i}-ms")>{ms}</td>
                        <td data-testid=format!("compare-{i}-test")>{test}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <article class="lab trees" data-testid="lab-trees">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::met(&challenges::Now::of(e))).unwrap_or(0)
            })}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label />
                {speed_select(
                    Pace::ALL.into_iter().map(|v| (v.slug(), match v {
                        Pace::Slow => TT::PaceSlow.into(),
                        Pace::Normal => TT::PaceNormal.into(),
                        Pace::Fast => TT::PaceFast.into(),
                        Pace::Max => T::SpeedMax.into(),
                    })).collect(),
                    TT::SpeedHelp,
                    move || params.look(|p| p.speed.slug()),
                    move |v| if let Some(v) = Pace::from_slug(&v) { set(&|p| p.speed = v) },
                )}
                {counter(progress_label, "progress", read(|e| e.progress().to_string()))}
                {counter(t(TT::TrainAcc.into()), "acc-train", read(|e| pct(e.train_acc)))}
                {counter(t(TT::ValAcc.into()), "acc-val", read(|e| pct(e.val_acc)))}
                {counters}
                {move || (model_kind.get() == ModelKind::Forest).then(|| view! {
                    <p class="help trees-oob" data-testid="oob-help">{move || {
                        frame.track();
                        let none = engine.look(|e| e.forest().is_some_and(|f| !f.params().bootstrap));
                        if none { TT::OobNone.get(lang.get()) } else { TT::OobHelp.get(lang.get()) }
                    }}</p>
                })}
                <p class="help trees-keys">{t(TT::KeysHelp.into())}</p>
            </div>
            {move || {
                frame.track();
                engine.look(|e| e.error().cloned()).map(|m| view! {
                    <div class="banner danger" role="alert" data-testid="model-error">
                        <p>{move || fill(T::InvalidModel.get(lang.get()), &[&say(&m, lang.get())])}</p>
                    </div>
                })
            }}
            {move || {
                frame.track();
                engine.look(|e| e.boosting().is_some_and(|b| b.diverged())).then(|| view! {
                    <div class="banner danger" role="alert" data-testid="diverged"><p>{t(TT::BoostDiverged.into())}</p></div>
                })
            }}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="tr-data">
                    <h2 id="tr-data">{t(T::Data.into())}</h2>
                    {select(lang, "dataset", T::DatasetLabel, T::DatasetHelp, dataset_options,
                        move || params.look(|p| p.dataset.slug()),
                        move |v| { if let Some(d) = datasets().find(|d| d.slug() == v) { set(&|p| p.dataset = d) } })}
                    {count(lang, params, "noise", T::NoiseLabel, T::NoiseHelp, (0, 50), "%", |p| p.noise, |p, v| p.noise = v)}
                    {count(lang, params, "points", T::PointsLabel, T::PointsHelp, (POINTS_RANGE.0 as i64, POINTS_RANGE.1 as i64), "", |p| p.points, |p, v| p.points = v)}
                    {split_shares(lang, move || params.look(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train; p.val = val; }))}
                    <p class="help" id="split-counts" data-testid="split-counts">{move || { frame.track(); split_counts_text(lang.get(), engine.look(|e| e.split.counts())) }}</p>
                    {seed(lang, params, T::SeedHelp, T::Regenerate, |p| p.seed, |p, v| p.seed = v)}
                </section>

                <section class="panel" aria-labelledby="tr-model">
                    <h2 id="tr-model">{t(T::Model.into())}</h2>
                    {select(lang, "model", TT::ModelLabel, TT::ModelHelp, model_options,
                        move || params.look(|p| p.model.slug()),
                        move |v| { if let Some(m) = ModelKind::from_slug(&v) { set(&|p| p.model = m) } })}
                    <h3>{t(TT::SettingsTitle.into())}</h3>
                    {model_controls}
                </section>

                <section class="panel" aria-labelledby="tr-boundary">
                    <h2 id="tr-boundary">{t(T::BoundaryTitle.into())}</h2>
                    <canvas node_ref=boundary_ref data-testid="boundary" class="boundary-canvas trees-boundary"
                        on:mousemove=on_plot_move on:mouseleave=on_plot_leave></canvas>
                    <p class="help">{t(TT::BoundaryHelp.into())}</p>
                    {move || (model_kind.get() == ModelKind::Tree).then(|| view! { <p class="help">{t(TT::RegionHelp.into())}</p> })}
                    {move || { frame.track(); engine.look(|e| e.validation_error.clone()) }.map(|m| view! {
                        <p class="help">{move || fill(TT::ValidationRefused.get(lang.get()), &[&say(&m, lang.get())])}</p>
                    })}
                    {toggle(lang, "show_test", T::ShowTest, move || params.look(|p| p.show_test), move |v| set(&|p| p.show_test = v))}
                </section>

                {model_views}

                <section class="panel trees-wide" aria-labelledby="tr-compare">
                    <h2 id="tr-compare">{t(TT::CompareTitle.into())}</h2>
                    <p class="help">{t(TT::CompareHelp.into())}</p>
                    <div class="row wrap">
                        <button class="primary" data-testid="compare-run"
                            disabled=move || { frame.track(); engine.look(|e| e.compare.as_ref().is_some_and(|c| !c.done())) }
                            on:click=move |_| {
                                engine.update_value(TreesEngine::start_comparison);
                                publish();
                                ensure_loop();
                            }>{t(TT::CompareRun.into())}</button>
                        <span data-testid="compare-status" aria-live="polite">{move || {
                            frame.track();
                            let l = lang.get();
                            engine.look(|e| match &e.compare {
                                Some(c) if !c.done() => TT::CompareRunning.get(l),
                                Some(_) if e.compare_stale => TT::CompareStale.get(l),
                                _ => "",
                            })
                        }}</span>
                    </div>
                    <table class="trees-compare" data-testid="compare-table">
                        <thead><tr>
                            <th scope="col">{t(TT::CompareModel.into())}</th>
                            <th scope="col">{t(TT::CompareVal.into())}</th>
                            <th scope="col">{t(TT::CompareTime.into())}</th>
                            <th scope="col">{t(TT::CompareTest.into())}</th>
                        </tr></thead>
                        <tbody>{compare_rows}</tbody>
                    </table>
                    <div class="test-exam" data-control="test-eval">
                        <button data-testid="test-eval"
                            disabled=move || { frame.track(); !engine.look(TreesEngine::can_evaluate_test) }
                            on:click=move |_| {
                                engine.update_value(|e| { e.evaluate_test(); });
                                publish();
                            }>{t(TT::TestOnce.into())}</button>
                        <p class="help">{move || {
                            frame.track();
                            if engine.look(|e| e.test.is_empty()) { T::NoTest.get(lang.get()) } else { TT::TestOnceHelp.get(lang.get()) }
                        }}</p>
                        {move || {
                            frame.track();
                            let (tested, stale, peeks) = engine.look(|e| (e.compare.as_ref().is_some_and(ModelComparison::tested), e.compare_stale, e.test_peeks));
                            let spent = (tested && stale).then(|| view! { <p class="spent-note" data-testid="test-spent">{move || T::TestSpent.get(lang.get())}</p> });
                            let peeks = (peeks > 0).then(|| view! { <p class="help" data-testid="test-peeks">{move || fill(T::TestPeeks.get(lang.get()), &[&P::Times.count(peeks as usize, lang.get())])}</p> });
                            view! { {spent} {peeks} }
                        }}
                    </div>
                </section>

                <section class="panel trees-wide" aria-labelledby="tr-libs" data-testid="libs">
                    <h2 id="tr-libs">{t(TT::LibsTitle.into())}</h2>
                    <p>{t(TT::LibsIntro.into())}</p>
                    <ul>
                        <li>{t(TT::LibsXgb.into())}</li>
                        <li>{t(TT::LibsLgbm.into())}</li>
                        <li>{t(TT::LibsCat.into())}</li>
                    </ul>
                </section>
            </div>
        </article>
    }
}

/// The heatmap with the points, and on top what the model adds: the box of the hovered node
/// (tree), the pointer (forest), rings as large as each training point's residual (boosting).
fn draw_boundary(
    canvas: &web_sys::HtmlCanvasElement,
    scratch: &Scratch,
    e: &TreesEngine,
    p: &TreesParams,
    hovered: Option<usize>,
    pointer: Option<(f32, f32)>,
    rings_drawn_at: u64,
) {
    let points: Vec<DrawnPoint> = (0..e.data.len())
        .map(|i| {
            let [x1, x2] = e.data.point(i);
            DrawnPoint { x1, x2, target: e.data.targets[i], role: e.split.roles.get(i).copied().unwrap_or(Role::Test), previous: None }
        })
        .collect();
    let Some(fr) = plane::draw(
        canvas,
        scratch,
        &BoundaryPlot {
            grid: &e.grid,
            res: GRID_RES,
            per_point: e.grid_classes,
            discretize: false,
            regression: false,
            show_test: p.show_test,
            points: &points,
        },
    ) else {
        return;
    };
    let (ctx, dpr, (px, py, pw, ph), fg) = (&fr.ctx, fr.dpr, fr.plot, &fr.fg);
    let d = DOMAIN as f64;
    let to_px = |x1: f64, x2: f64| fr.px(x1.clamp(-d, d), x2.clamp(-d, d));
    if p.model == ModelKind::Boosting && e.residuals.len() == e.split.train.len() {
        scratch.marks.show(ctx, (fr.w, fr.h), Some(key_of([rings_drawn_at])), |ctx| {
            ctx.set_line_width(1.2 * dpr);
            for (&i, &r) in e.split.train.iter().zip(&e.residuals) {
                let [x1, x2] = e.data.point(i);
                let (x, y) = to_px(x1 as f64, x2 as f64);
                let class = CLASS[(e.data.targets[i] as usize) % CLASS.len()];
                ctx.set_stroke_style_str(&css_alpha(class, 0.8));
                disc(ctx, x, y, (3.6 + 14.0 * r.clamp(0.0, 1.0) as f64) * dpr);
                ctx.stroke();
            }
        });
    }
    if let Some(region) = hovered.and_then(|n| e.region(n)) {
        let (x0, y0) = to_px(region.lower.first().copied().unwrap_or(-d), region.upper.get(1).copied().unwrap_or(d));
        let (x1, y1) = to_px(region.upper.first().copied().unwrap_or(d), region.lower.get(1).copied().unwrap_or(-d));
        // Dim everything outside the box, then outline it.
        ctx.set_fill_style_str("rgba(0,0,0,0.32)");
        ctx.fill_rect(px, py, pw, y0 - py);
        ctx.fill_rect(px, y1, pw, py + ph - y1);
        ctx.fill_rect(px, y0, x0 - px, y1 - y0);
        ctx.fill_rect(x1, y0, px + pw - x1, y1 - y0);
        ctx.set_stroke_style_str(fg);
        ctx.set_line_width(2.5 * dpr);
        ctx.stroke_rect(x0, y0, x1 - x0, y1 - y0);
    }
    // The next split, dashed, before it happens: the line x_j = θ across its node's box.
    if let Some((region, feature, threshold)) = e.next_split() {
        let lo = |j: usize| region.lower.get(j).copied().unwrap_or(-d).max(-d);
        let hi = |j: usize| region.upper.get(j).copied().unwrap_or(d).min(d);
        let ends = if feature == 0 { [(threshold, lo(1)), (threshold, hi(1))] } else { [(lo(0), threshold), (hi(0), threshold)] };
        fr.polyline(ends, fg, 2.0, Some((6.0, 4.0)));
    }
    if let (ModelKind::Forest, Some((a, b))) = (p.model, pointer) {
        let (x, y) = to_px(a as f64, b as f64);
        ctx.set_stroke_style_str(fg);
        ctx.set_line_width(2.0 * dpr);
        disc(ctx, x, y, 7.0 * dpr);
        ctx.move_to(x - 11.0 * dpr, y);
        ctx.line_to(x + 11.0 * dpr, y);
        ctx.move_to(x, y - 11.0 * dpr);
        ctx.line_to(x, y + 11.0 * dpr);
        ctx.stroke();
    }
}

/// One tree of the forest as a small heatmap (grey until it is grown).
fn draw_thumb(canvas: &web_sys::HtmlCanvasElement, scratch: &web_sys::HtmlCanvasElement, grid: Option<&[f32]>, classes: usize) {
    let Some(fr) = Frame::new(canvas, (0.0, 0.0, 0.0, 0.0)) else { return };
    let mut rgba = Vec::with_capacity(THUMB_RES * THUMB_RES * 4);
    if let Some(g) = grid {
        heatmap_rgba(g, classes.max(1), false, &mut rgba);
    }
    fr.heatmap(scratch, &rgba, THUMB_RES, &theme_color("--line", "#ddd"));
}

/// A histogram of the training residuals over [0, 1] in ten bins.
fn draw_residuals(canvas: &web_sys::HtmlCanvasElement, residuals: &[f32], lang: Lang) {
    let Some(fr) = Frame::new(canvas, (40.0, 8.0, 8.0, 30.0)) else { return };
    const BINS: usize = 10;
    let mut counts = [0.0f64; BINS];
    for &r in residuals.iter().filter(|r| r.is_finite()) {
        counts[((r.clamp(0.0, 1.0) * BINS as f32) as usize).min(BINS - 1)] += 1.0;
    }
    let max = counts.iter().copied().fold(1.0, f64::max);
    let fr = fr.scales((0.0, 1.0), (0.0, max));
    let accent = theme_color("--accent", "#0072b2");
    bars::draw(&fr, &counts, (0.0, 1.0), &|_| accent.clone());
    fr.axis_lines();
    fr.x_ticks(&[0.0, 0.5, 1.0]);
    fr.x_title(TT::AxisResidual.get(lang), 15.0, Text::Title);
    fr.y_ticks(&[0.0, max]);
    fr.y_title(TT::AxisCount.get(lang), 12.0, Text::Title);
}
