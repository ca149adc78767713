//! Clustering lab: k-means stepped one move at a time (assign, update) with its regions and
//! inertia, the elbow and the silhouette for choosing k, DBSCAN on the same points where k-means
//! fails, and a table of shoppers drawn with PCA and segmented in words — concept 5 of the
//! thread (unsupervised learning), and PCA from its "not covered" list.

pub mod draw;
pub mod engine;
pub mod params;
pub mod text;

use leptos::ev;
use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cluster::dbscan::PointKind;
use perplexed_core::cluster::kmeans::{Init, KMeans, Move};
use perplexed_core::data::shapes::ClusterShape;
use perplexed_core::data::shoppers::COLUMNS;

use crate::components::canvas::{now_ms, scratch_canvas};
use crate::components::chart::line::{self, LineChart, Marker, Series};
use crate::components::chart::{hex, plane};
use crate::components::colors::css;
use crate::components::controls::{range, select, toggle_explained};
use crate::components::format::{fixed_opt, percent, thousands};
use crate::components::frame_loop::use_frame_loop;
use crate::components::lab_shell::{self, Lab};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};

use draw::{cluster_colour, draw_dbscan, draw_kmeans, draw_pca, draw_variance, KmPlot, Look, PcaPlot};
use engine::{ClusterEngine, GRID_RES, SWEEP_STARTS};
use params::{eps_at, eps_position, round_coord, ClusterParams, Source, EPS_STEPS, K_MAX, MAX_DRAWN, MAX_MIN_PTS, MAX_RESTART, SHOP_K_MAX};
use text::{column_mean, column_names, trait_phrase, CT};

pub const LAB: Lab = Lab {
    slug: "clustering",
    title: T::ClusteringTitle,
    nav: T::NavClustering,
    summary: T::ClusteringSummary,
    concepts: &[5],
    #[cfg(test)]
    validate: <ClusterParams as crate::query::LabParams>::rejected_by,
};

/// The lab's page: what its own bundle (`src/bin/lab-clustering.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Clustering /> }.into_any()
}

/// The home page's concept card opens the lab with this query (after `lab=clustering&`):
/// uniform noise, where k-means still "finds" four clusters.
pub const CONCEPT_PRESET: &str = "data=uniform&k=4";

/// Points of a chart line.
type Curve = Vec<(f32, f32)>;

/// Time between two moves while playing: the glide, then a pause to see the result.
const PLAY_INTERVAL_MS: f64 = 750.0;
/// Rows of the shoppers table shown.
const TABLE_ROWS: usize = 8;

fn source_name(s: Source) -> CT {
    match s {
        Source::Shape(ClusterShape::Blobs) => CT::ShBlobs,
        Source::Shape(ClusterShape::Anisotropic) => CT::ShAniso,
        Source::Shape(ClusterShape::Moons) => CT::ShMoons,
        Source::Shape(ClusterShape::Rings) => CT::ShRings,
        Source::Shape(ClusterShape::Uniform) => CT::ShUniform,
        Source::Drawn => CT::ShDrawn,
    }
}

fn init_name(i: Init) -> CT {
    match i {
        Init::Random => CT::InitRandom,
        Init::PlusPlus => CT::InitPlusPlus,
    }
}

/// Principal component `k` (from 0) in short: "PC1".
fn pc_name(l: Lang, k: usize) -> String {
    fill(CT::PcShort.get(l), &[&(k + 1).to_string()])
}

/// A silhouette or an agreement score: two decimals.
fn score(v: Option<f64>) -> String {
    fixed_opt(v, 2)
}

/// A column's value as the table prints it.
fn cell(v: f32, slug: &str, decimals: u8) -> String {
    if slug == "yearly_spend" {
        thousands(f64::from(v))
    } else {
        format!("{:.*}", usize::from(decimals), v)
    }
}

/// Drawing mode without a point yet: the plot says so, the errors need not.
fn drawn_and_empty(e: &ClusterEngine) -> bool {
    e.params.data == Source::Drawn && e.is_empty()
}

#[component]
pub fn Clustering() -> impl IntoView {
    let (ctx, initial) = lab_shell::open_lab::<ClusterParams>();
    let lang = ctx.lang;

    let params = RwSignal::new(initial.clone());
    let engine = StoredValue::new_local(ClusterEngine::new(initial));
    let scratch = StoredValue::new_local(scratch_canvas());
    let frame = RwSignal::new(0u64);
    let km_rev = RwSignal::new(0u64);
    let sweep_rev = RwSignal::new(0u64);
    let data_rev = RwSignal::new(0u64);
    let shop_rev = RwSignal::new(0u64);
    let playing = RwSignal::new(false);
    let converging = RwSignal::new(false);
    let next_move_at = StoredValue::new(0.0);
    // Whether the plane was animating at the last frame.
    let was_animating = StoredValue::new(false);

    // One frame: a move when playing (or many when converging, within the budget), sweep
    // restarts within the budget, then a redraw. Stops when nothing is left to do.
    let frames = use_frame_loop(move |f| {
        let (Some(playing_now), Some(converging_now)) = (playing.try_get_untracked(), converging.try_get_untracked()) else {
            return false;
        };
        let start = f.started();
        let more = f.within(1.0);
        let mut km_changed = false;
        if converging_now {
            let done = engine.try_update_value(|e| e.converge(start, &more)).unwrap_or(true);
            km_changed = true;
            if done {
                converging.set(false);
            }
        } else if playing_now && start >= next_move_at.get_value() {
            let moved = engine.try_update_value(|e| e.step(start)).flatten();
            let converged = engine.try_with_value(ClusterEngine::converged).unwrap_or(true);
            if moved.is_none() || converged {
                playing.set(false);
            }
            next_move_at.set_value(start + PLAY_INTERVAL_MS);
            km_changed = true;
        }
        let completed = engine.try_update_value(|e| !e.sweep_finished() && e.sweep_step(&more)).unwrap_or(false);
        let (sweeping, animating) = engine.try_with_value(|e| (!e.sweep_finished(), e.animating(now_ms()))).unwrap_or((false, false));
        if km_changed {
            km_rev.update(|v| *v += 1);
        }
        if completed {
            sweep_rev.update(|v| *v += 1);
        }
        // Redraw the plane only while something on it moves (and once more when it stops).
        let was = was_animating.get_value();
        was_animating.set_value(animating);
        if km_changed || animating || was {
            frame.update(|f| *f += 1);
        }
        playing.get_untracked() || converging.get_untracked() || sweeping || animating
    });
    let bump_all = move || {
        for s in [frame, km_rev, sweep_rev, data_rev, shop_rev] {
            s.update(|v| *v += 1);
        }
    };

    // A change redraws only what it affects (the charts and the table are not free).
    let last = StoredValue::new(None::<ClusterParams>);
    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p.clone()));
        match last.get_value() {
            None => bump_all(),
            Some(o) => {
                let data = p.data_changed(&o);
                let bump = |s: RwSignal<u64>| s.update(|v| *v += 1);
                if data || (p.k, p.init, p.restart, p.seed) != (o.k, o.init, o.restart, o.seed) {
                    bump(km_rev);
                    bump(frame);
                }
                if data || (p.k, p.init, p.seed) != (o.k, o.init, o.seed) {
                    bump(sweep_rev);
                }
                if data || (p.eps, p.min_pts) != (o.eps, o.min_pts) {
                    bump(data_rev);
                }
                if (p.standardise, p.shop_k) != (o.standardise, o.shop_k) {
                    bump(shop_rev);
                }
            }
        }
        last.set_value(Some(p));
        frames.ensure();
    });
    let show_axes = Memo::new(move |_| params.with(|p| p.axes));
    let chosen_k = Memo::new(move |_| params.with(|p| p.k));
    lab_shell::follow_address(&LAB, params);
    Effect::new(move |_| {
        if playing.get() || converging.get() {
            frames.ensure();
        }
    });

    let step_once = move || {
        playing.set(false);
        converging.set(false);
        engine.update_value(|e| {
            e.step(now_ms());
        });
        km_rev.update(|v| *v += 1);
        frames.ensure();
    };
    let play_pause = move || {
        converging.set(false);
        if playing.get_untracked() {
            playing.set(false);
        } else if !engine.with_value(ClusterEngine::converged) {
            next_move_at.set_value(0.0);
            playing.set(true);
        }
    };
    let back_to_start = move || {
        playing.set(false);
        converging.set(false);
        engine.update_value(ClusterEngine::rebuild_kmeans);
        km_rev.update(|v| *v += 1);
        frames.ensure();
    };

    let km_ref = NodeRef::<Canvas>::new();
    let inertia_ref = NodeRef::<Canvas>::new();
    let db_ref = NodeRef::<Canvas>::new();
    let elbow_ref = NodeRef::<Canvas>::new();
    let sil_ref = NodeRef::<Canvas>::new();
    let pca_ref = NodeRef::<Canvas>::new();
    let var_ref = NodeRef::<Canvas>::new();

    // ---- drawing: each picture redraws when what it shows changes
    Effect::new(move |_| {
        frame.track();
        km_rev.track();
        let l = lang.get();
        let show_axes = show_axes.get();
        let Some(c) = km_ref.get() else { return };
        let now = now_ms();
        scratch.with_value(|s| {
            let Some(scratch) = s else { return };
            engine.with_value(|e| {
                let mut regions = Vec::new();
                e.region_grid(now, &mut regions);
                let centroids = e.shown_centroids(now);
                let glide_from = e.glide.as_ref().filter(|_| e.glide_active(now)).map(|g| g.from.as_slice());
                let labels = e.km.as_ref().ok().and_then(KMeans::labels);
                let look = |i: usize| labels.and_then(|l| l.get(i)).map_or(Look::Unassigned, |&c| Look::Cluster(c));
                let flashing = e.flash_active(now);
                let ring = |i: usize| if flashing { e.flash_strength(i, now) } else { 0.0 };
                let empty = (e.is_empty() && e.params.data == Source::Drawn).then(|| CT::NoPoints.get(l));
                draw_kmeans(
                    &c,
                    scratch,
                    &KmPlot {
                        points: &e.points,
                        look: &look,
                        ring: &ring,
                        regions: &regions,
                        res: GRID_RES,
                        centroids: &centroids,
                        glide_from,
                        axes: if show_axes { &e.axes } else { &[] },
                        axis_names: [pc_name(l, 0), pc_name(l, 1)],
                        empty_text: empty,
                    },
                );
            });
        });
    });
    Effect::new(move |_| {
        km_rev.track();
        let l = lang.get();
        let Some(c) = inertia_ref.get() else { return };
        let points: Vec<(f32, f32)> = engine.with_value(|e| {
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
    Effect::new(move |_| {
        sweep_rev.track();
        let l = lang.get();
        let k = chosen_k.get() as f32;
        let (inertia, silhouette): (Curve, Curve) = engine.with_value(|e| {
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
    Effect::new(move |_| {
        data_rev.track();
        let Some(c) = db_ref.get() else { return };
        engine.with_value(|e| {
            let db = e.db.as_ref().ok();
            let look = |i: usize| match db {
                None => Look::Unassigned,
                Some(d) => match (d.kinds().get(i), d.labels().get(i)) {
                    (Some(PointKind::Core), Some(&l)) if l >= 0 => Look::Core(l as usize),
                    (Some(PointKind::Border), Some(&l)) if l >= 0 => Look::Border(l as usize),
                    _ => Look::Noise,
                },
            };
            draw_dbscan(&c, &e.points, &look);
        });
    });
    Effect::new(move |_| {
        shop_rev.track();
        let l = lang.get();
        engine.with_value(|e| {
            let shop = &e.shop;
            let Ok(pca) = &shop.pca else { return };
            let ratios = pca.explained_variance_ratio();
            if let Some(c) = pca_ref.get() {
                let loadings = COLUMNS
                    .iter()
                    .enumerate()
                    .map(|(j, col)| {
                        let name = column_names(col.slug).map_or(col.slug, |(_, short)| short.get(l));
                        (pca.component(0).get(j).copied().unwrap_or(0.0), pca.component(1).get(j).copied().unwrap_or(0.0), name)
                    })
                    .collect();
                let axis = |k: usize| fill(CT::AxisPc.get(l), &[&(k + 1).to_string(), &percent(ratios.get(k).copied().unwrap_or(0.0))]);
                draw_pca(
                    &c,
                    &PcaPlot { projected: &shop.projected, labels: &shop.labels, loadings, x_label: axis(0), y_label: axis(1) },
                );
            }
            if let Some(c) = var_ref.get() {
                draw_variance(&c, ratios, CT::AxisVariance.get(l), &|k| pc_name(l, k));
            }
        });
    });
    let resize = window_event_listener(ev::resize, move |_| bump_all());
    on_cleanup(move || resize.remove());

    let set = move |f: &dyn Fn(&mut ClusterParams)| params.update(|p| f(p));
    let t = move |key: CT| move || key.get(lang.get());
    let km_read = move |f: fn(&ClusterEngine, Lang) -> String| {
        move || {
            km_rev.track();
            let l = lang.get();
            engine.with_value(|e| f(e, l))
        }
    };
    let is_drawn = move || params.with(|p| p.data == Source::Drawn);

    // ---- the plane takes clicks as new points when drawing
    let add_point = move |x1: f32, x2: f32| {
        set(&|p| {
            if p.drawn.len() < MAX_DRAWN {
                p.drawn.push([x1, x2]);
            }
        })
    };
    let on_plane_click = move |ev: web_sys::MouseEvent| {
        if !is_drawn() {
            return;
        }
        let Some(c) = km_ref.get() else { return };
        let at = plane::to_data(c.client_width() as f64, c.client_height() as f64, ev.offset_x() as f64, ev.offset_y() as f64);
        if let Some((x1, x2)) = at {
            add_point(round_coord(f64::from(x1)), round_coord(f64::from(x2)));
        }
    };
    let typed_x1 = RwSignal::new(String::from("0"));
    let typed_x2 = RwSignal::new(String::from("0"));
    let typed_invalid = RwSignal::new(false);
    let add_typed = move || {
        let read = |s: RwSignal<String>| s.with(|v| v.trim().replace('−', "-").parse::<f64>().ok()).filter(|v| v.is_finite() && v.abs() <= 6.0);
        match (read(typed_x1), read(typed_x2)) {
            (Some(a), Some(b)) => {
                typed_invalid.set(false);
                add_point(round_coord(a), round_coord(b));
            }
            _ => typed_invalid.set(true),
        }
    };

    let sources: Vec<(&'static str, CT)> = Source::all().into_iter().map(|s| (s.slug(), source_name(s))).collect();
    let inits: Vec<(&'static str, CT)> = Init::ALL.iter().map(|&i| (i.slug(), init_name(i))).collect();
    let shape_is = move |f: fn(ClusterShape) -> bool| move || params.with(|p| matches!(p.data, Source::Shape(s) if f(s)));

    // ---- texts read from the engine
    let move_text = km_read(|e, l| match &e.km {
        Err(_) => String::new(),
        Ok(km) => match km.moves().last() {
            None => fill(CT::MoveNone.get(l), &[&km.k().to_string(), km.init().map_or("", |i| init_name(i).get(l))]),
            Some(Move::Assign) => fill(CT::MoveAssign.get(l), &[&km.last_changed().to_string()]),
            Some(Move::Update) => {
                let mut s = fill(CT::MoveUpdate.get(l), &[&format!("{:.2}", km.last_shift())]);
                if !km.reseeded().is_empty() {
                    let list: Vec<String> = km.reseeded().iter().map(|c| (c + 1).to_string()).collect();
                    s.push(' ');
                    s.push_str(&fill(CT::Reseeded.get(l), &[&list.join(", ")]));
                }
                s
            }
        },
    });
    let move_slug = move || {
        km_rev.track();
        engine.with_value(|e| e.km.as_ref().ok().and_then(|k| k.moves().last().map(|m| m.slug())).unwrap_or("none"))
    };
    let status_text = km_read(|e, l| match &e.km {
        Err(_) => String::new(),
        Ok(km) if km.converged() => fill(CT::Converged.get(l), &[&km.iterations().to_string()]),
        Ok(km) => match km.next_move() {
            Move::Assign => CT::NextAssign.get(l).to_owned(),
            Move::Update => CT::NextUpdate.get(l).to_owned(),
        },
    });
    let km_error = km_read(|e, l| match &e.km {
        Err(m) if !drawn_and_empty(e) && !m.is_empty() => fill(CT::KmError.get(l), &[m]),
        _ => String::new(),
    });
    let iteration_text = km_read(|e, _| e.km.as_ref().map_or("—".into(), |k| k.iterations().to_string()));
    let inertia_text = km_read(|e, _| e.km.as_ref().ok().and_then(KMeans::inertia).map_or("—".into(), |v| format!("{v:.1}")));
    let start_text = move || {
        let l = lang.get();
        params.with(|p| fill(CT::StartInfo.get(l), &[&p.restart.to_string(), &p.seed.to_string()]))
    };
    let run_silhouette_text =
        km_read(|e, l| e.run_silhouette.map_or(String::new(), |s| fill(CT::RunSilhouette.get(l), &[&format!("{s:.2}")])));
    let agreement_text = move || {
        km_rev.track();
        data_rev.track();
        let l = lang.get();
        engine.with_value(|e| e.agreement().map_or(String::new(), |(km, db)| fill(CT::Agreement.get(l), &[&score(km), &score(db)])))
    };
    let db_text = move || {
        data_rev.track();
        let l = lang.get();
        engine.with_value(|e| match &e.db {
            Err(m) if drawn_and_empty(e) || m.is_empty() => String::new(),
            Err(m) => fill(CT::DbError.get(l), &[m]),
            Ok(d) => {
                let n = d.n_clusters();
                if n == 0 {
                    return CT::DbNone.get(l).to_owned();
                }
                let clusters = if n == 1 { CT::DbOne.get(l).to_owned() } else { fill(CT::DbMany.get(l), &[&n.to_string()]) };
                let noise = match d.n_noise() {
                    0 => CT::NoiseNone.get(l).to_owned(),
                    1 => CT::NoiseOne.get(l).to_owned(),
                    m => fill(CT::NoiseMany.get(l), &[&m.to_string()]),
                };
                format!("{clusters} {noise}")
            }
        })
    };
    let sweep_text = move || {
        sweep_rev.track();
        data_rev.track();
        let l = lang.get();
        engine.with_value(|e| match &e.sweep {
            Err(m) if drawn_and_empty(e) || m.is_empty() => String::new(),
            Err(m) => fill(CT::SweepError.get(l), &[m]),
            Ok(s) if s.is_finished() => {
                let mut text = fill(CT::SweepDone.get(l), &[&s.k_last().to_string()]);
                if let Some(k) = e.best_silhouette_k() {
                    text.push(' ');
                    text.push_str(&fill(CT::SweepBest.get(l), &[&k.to_string()]));
                }
                text
            }
            Ok(s) => fill(CT::SweepProgress.get(l), &[&s.points().len().to_string(), &s.k_last().to_string()]),
        })
    };
    let drawn_count = move || {
        let l = lang.get();
        fill(CT::DrawnCount.get(l), &[&params.with(|p| p.drawn.len()).to_string(), &MAX_DRAWN.to_string()])
    };

    // ---- shoppers texts and table
    let shop_segments = move || {
        shop_rev.track();
        let l = lang.get();
        engine.with_value(|e| {
            e.shop
                .profiles
                .iter()
                .filter(|p| p.size > 0)
                .map(|p| {
                    let head = fill(CT::SegmentHead.get(l), &[&(p.cluster + 1).to_string(), &p.size.to_string(), &percent(f64::from(p.share))]);
                    let words: Vec<&str> = p
                        .distinctive()
                        .iter()
                        .filter_map(|tr| COLUMNS.get(tr.column).and_then(|c| trait_phrase(c.slug, tr.level)))
                        .map(|k| k.get(l))
                        .collect();
                    let words = if words.is_empty() { CT::SegmentTypical.get(l).to_owned() } else { words.join(", ") };
                    let means: Vec<String> = p
                        .traits
                        .iter()
                        .filter_map(|tr| {
                            let col = COLUMNS.get(tr.column)?;
                            Some(fill(column_mean(col.slug)?.get(l), &[&cell(tr.value, col.slug, col.decimals)]))
                        })
                        .collect();
                    let colour = css(cluster_colour(p.cluster));
                    view! {
                        <li class="cl-segment" data-testid=format!("segment-{}", p.cluster + 1)>
                            <span class="cl-chip" style=format!("--chip: {colour}")></span>
                            <strong>{head}</strong>": "{words}
                            <div class="help">{fill(CT::SegmentMeans.get(l), &[&means.join(" · ")])}</div>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let shop_table = move || {
        shop_rev.track();
        let l = lang.get();
        engine.with_value(|e| {
            let shop = &e.shop;
            let heads = COLUMNS
                .iter()
                .map(|c| view! { <th scope="col">{column_names(c.slug).map_or(c.slug, |(h, _)| h.get(l))}</th> })
                .collect_view();
            let rows = (0..TABLE_ROWS.min(shop.table.rows()))
                .map(|i| {
                    let cells = shop
                        .table
                        .row(i)
                        .iter()
                        .zip(COLUMNS.iter())
                        .map(|(&v, c)| view! { <td>{cell(v, c.slug, c.decimals)}</td> })
                        .collect_view();
                    let segment = shop.labels.get(i).map(|&s| {
                        let colour = css(cluster_colour(s));
                        view! { <span class="cl-chip" style=format!("--chip: {colour}")></span>{(s + 1).to_string()} }
                    });
                    view! { <tr>{cells}<td>{segment}</td></tr> }
                })
                .collect_view();
            view! {
                <caption>{fill(CT::TableCaption.get(l), &[&TABLE_ROWS.to_string(), &shop.table.rows().to_string()])}</caption>
                <thead><tr>{heads}<th scope="col">{CT::ColSegment.get(l)}</th></tr></thead>
                <tbody>{rows}</tbody>
            }
        })
    };
    let shop_notes = move || {
        shop_rev.track();
        let l = lang.get();
        engine.with_value(|e| {
            let s = &e.shop;
            let mut out = Vec::new();
            if let Err(m) = &s.pca {
                out.push(fill(CT::PcaError.get(l), &[m]));
            }
            if let Some(m) = &s.error {
                out.push(fill(CT::ShopError.get(l), &[m]));
            }
            out.join(" ")
        })
    };
    let var_help = move || {
        shop_rev.track();
        let l = lang.get();
        engine.with_value(|e| e.shop.pca.as_ref().map_or(String::new(), |p| fill(CT::VarHelp.get(l), &[&percent(p.cumulative_ratio(2))])))
    };

    view! {
        <article class="lab clustering" data-testid="lab-clustering">
            <header class="lab-head">
                <h1>{move || T::ClusteringTitle.get(lang.get())}</h1>
                <p class="lab-summary">{move || T::ClusteringSummary.get(lang.get())}</p>
            </header>
            <div class="lab-grid two cl-grid">
                <section class="panel cl-kmeans" aria-labelledby="cl-km">
                    <h2 id="cl-km">{t(CT::KmTitle)}</h2>
                    <p class="help">{t(CT::KmIntro)}</p>
                    <div class="transport cl-transport" role="group" aria-label=t(CT::KmTitle)>
                        <Transport playing play=play_pause step=step_once reset=back_to_start
                            step_label=Label::from(CT::StepMove) reset_label=Label::from(CT::Reset)
                            disabled=Signal::derive(move || { km_rev.track(); engine.with_value(|e| e.km.is_err()) })>
                        <button data-testid="converge"
                            disabled=move || { km_rev.track(); engine.with_value(|e| e.km.is_err() || e.converged()) }
                            on:click=move |_| { playing.set(false); converging.set(true); }>{t(CT::Converge)}</button>
                        <button data-testid="restart" aria-describedby="restart-help"
                            on:click=move |_| set(&|p| p.restart = if p.restart >= MAX_RESTART { 0 } else { p.restart + 1 })>{t(CT::Restart)}</button>
                        </Transport>
                    </div>
                    <p class="help" id="restart-help">{t(CT::RestartHelp)}</p>
                    <div class="row wrap counters">
                        <div class="counter"><span class="counter-label">{t(CT::Iteration)}</span>
                            <span class="counter-value" data-testid="iteration">{iteration_text}</span></div>
                        <div class="counter"><span class="counter-label">{t(CT::Inertia)}</span>
                            <span class="counter-value" data-testid="inertia">{inertia_text}</span></div>
                        <div class="counter"><span class="counter-label">{t(CT::StartNumber)}</span>
                            <span class="counter-value" data-testid="start-info">{start_text}</span></div>
                    </div>
                    <p class="cl-move" data-testid="move-label" data-move=move_slug aria-live="polite">{move_text}</p>
                    <p class="cl-status" data-testid="kmeans-status">{status_text}</p>
                    <figure>
                        <canvas node_ref=km_ref data-testid="kmeans-plot" class="cl-plane" role="img" aria-label=t(CT::KmTitle)
                            class:drawing=is_drawn on:click=on_plane_click></canvas>
                        <figcaption class="help">{t(CT::PlotHelp)}</figcaption>
                    </figure>
                    <p class="error" role="alert" data-testid="kmeans-error">{km_error}</p>
                    <p class="help">{t(CT::Keys)}</p>
                </section>

                <section class="panel" aria-labelledby="cl-data">
                    <h2 id="cl-data">{t(CT::DataTitle)}</h2>
                    {select(lang, "data", CT::DataLabel, CT::DataHelp, sources,
                        move || params.with(|p| p.data.slug()),
                        move |v| if let Some(s) = Source::from_slug(&v) { set(&|p| p.data = s) })}
                    <Show when=move || !is_drawn()>
                        {range(lang, "points", CT::PointsLabel, CT::PointsHelp, (10, 2000),
                            move || params.with(|p| p.points as i64),
                            move || params.with(|p| p.points).to_string(),
                            move |v| set(&|p| p.points = v as usize))}
                    </Show>
                    <Show when=shape_is(|s| matches!(s, ClusterShape::Blobs | ClusterShape::Anisotropic | ClusterShape::Rings))>
                        {range(lang, "clusters", CT::GroupsLabel, CT::GroupsHelp, (1, 8),
                            move || params.with(|p| p.clusters as i64),
                            move || params.with(|p| p.clusters).to_string(),
                            move |v| set(&|p| p.clusters = v as usize))}
                    </Show>
                    <Show when=shape_is(|s| s != ClusterShape::Uniform)>
                        {range(lang, "spread", CT::SpreadLabel, CT::SpreadHelp, (0, 100),
                            move || params.with(|p| p.spread as i64),
                            move || format!("{}%", params.with(|p| p.spread)),
                            move |v| set(&|p| p.spread = v as u32))}
                    </Show>
                    <div class="control" data-control="seed">
                        <div class="control-head"><label for="seed">{t(CT::SeedLabel)}</label></div>
                        <div class="row">
                            <input type="number" id="seed" data-testid="seed" min="0" aria-describedby="seed-help"
                                prop:value=move || params.with(|p| p.seed).to_string()
                                on:change=move |ev| {
                                    match event_target_value(&ev).trim().parse::<u32>() {
                                        Ok(v) => set(&|p| p.seed = v),
                                        Err(_) => params.update(|_| {}),
                                    }
                                } />
                            <button data-testid="regenerate" on:click=move |_| set(&|p| p.seed = p.seed.wrapping_mul(2654435761).wrapping_add(1))>{t(CT::NewData)}</button>
                        </div>
                        <p class="help" id="seed-help">{t(CT::SeedHelp)}</p>
                    </div>
                    <Show when=is_drawn>
                        <div class="control cl-draw" data-control="pts">
                            <p class="help">{t(CT::DrawHelp)}</p>
                            <div class="row wrap">
                                <label for="point-x1">{t(CT::CoordX1)}</label>
                                <input type="number" id="point-x1" data-testid="point-x1" min="-6" max="6" step="0.1"
                                    class:invalid=move || typed_invalid.get()
                                    prop:value=move || typed_x1.get() on:input=move |ev| typed_x1.set(event_target_value(&ev)) />
                                <label for="point-x2">{t(CT::CoordX2)}</label>
                                <input type="number" id="point-x2" data-testid="point-x2" min="-6" max="6" step="0.1"
                                    class:invalid=move || typed_invalid.get()
                                    prop:value=move || typed_x2.get() on:input=move |ev| typed_x2.set(event_target_value(&ev)) />
                            </div>
                            <div class="row wrap">
                                <button data-testid="add-point" disabled=move || params.with(|p| p.drawn.len() >= MAX_DRAWN)
                                    on:click=move |_| add_typed()>{t(CT::AddPoint)}</button>
                                <button data-testid="undo-point" disabled=move || params.with(|p| p.drawn.is_empty())
                                    on:click=move |_| set(&|p| { p.drawn.pop(); })>{t(CT::UndoPoint)}</button>
                                <button data-testid="clear-points" disabled=move || params.with(|p| p.drawn.is_empty())
                                    on:click=move |_| set(&|p| p.drawn.clear())>{t(CT::ClearPoints)}</button>
                            </div>
                            <Show when=move || typed_invalid.get()>
                                <p class="error" role="alert">{t(CT::CoordInvalid)}</p>
                            </Show>
                            <p class="help" data-testid="drawn-count" aria-live="polite">{drawn_count}</p>
                        </div>
                    </Show>
                    {range(lang, "k", CT::KLabel, CT::KHelp, (1, K_MAX as i64),
                        move || params.with(|p| p.k as i64),
                        move || params.with(|p| p.k).to_string(),
                        move |v| set(&|p| p.k = v as usize))}
                    {select(lang, "init", CT::InitLabel, CT::InitHelp, inits,
                        move || params.with(|p| p.init.slug()),
                        move |v| if let Some(i) = Init::from_slug(&v) { set(&|p| p.init = i) })}
                    {toggle_explained(lang, "axes", CT::AxesToggle, CT::AxesHelp, move || params.with(|p| p.axes), move |v| set(&|p| p.axes = v))}
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

                <section class="panel" aria-labelledby="cl-db">
                    <h2 id="cl-db">{t(CT::DbTitle)}</h2>
                    <p class="help">{t(CT::DbIntro)}</p>
                    <figure>
                        <canvas node_ref=db_ref data-testid="dbscan-plot" class="cl-plane" role="img" aria-label=t(CT::DbTitle)></canvas>
                        <figcaption class="help">{t(CT::DbHelp)}</figcaption>
                    </figure>
                    <p class="cl-summary" data-testid="dbscan-summary" aria-live="polite">{db_text}</p>
                    {range(lang, "eps", CT::EpsLabel, CT::EpsHelp, (1, EPS_STEPS),
                        move || params.with(|p| eps_position(p.eps)),
                        move || format!("{:.2}", params.with(|p| p.eps)),
                        move |v| set(&|p| p.eps = eps_at(v)))}
                    {range(lang, "min_pts", CT::MinPtsLabel, CT::MinPtsHelp, (1, MAX_MIN_PTS as i64),
                        move || params.with(|p| p.min_pts as i64),
                        move || params.with(|p| p.min_pts).to_string(),
                        move |v| set(&|p| p.min_pts = v as usize))}
                </section>

                <section class="panel" aria-labelledby="cl-choose">
                    <h2 id="cl-choose">{t(CT::ChooseTitle)}</h2>
                    <p class="help">{move || fill(CT::ChooseHelp.get(lang.get()), &[&SWEEP_STARTS.to_string()])}</p>
                    <p data-testid="sweep-progress" aria-live="polite">{sweep_text}</p>
                    <figure>
                        <figcaption>{t(CT::ElbowTitle)}</figcaption>
                        <canvas node_ref=elbow_ref data-testid="elbow-chart" class="chart-canvas"></canvas>
                    </figure>
                    <figure>
                        <figcaption>{t(CT::SilTitle)}</figcaption>
                        <canvas node_ref=sil_ref data-testid="silhouette-chart" class="chart-canvas"></canvas>
                    </figure>
                </section>

                <section class="panel cl-wide" aria-labelledby="cl-shop">
                    <h2 id="cl-shop">{t(CT::ShopTitle)}</h2>
                    <p class="help">{t(CT::ShopIntro)}</p>
                    <div class="cl-shop-controls">
                        {toggle_explained(lang, "standardise", CT::StdLabel, CT::StdHelp,
                            move || params.with(|p| p.standardise), move |v| set(&|p| p.standardise = v))}
                        {range(lang, "shop_k", CT::ShopKLabel, CT::ShopKHelp, (1, SHOP_K_MAX as i64),
                            move || params.with(|p| p.shop_k as i64),
                            move || params.with(|p| p.shop_k).to_string(),
                            move |v| set(&|p| p.shop_k = v as usize))}
                    </div>
                    <div class="cl-table-wrap">
                        <table class="cl-table" data-testid="shop-table">{shop_table}</table>
                    </div>
                    <div class="cl-shop-plots">
                        <figure>
                            <figcaption>{t(CT::PcaTitle)}</figcaption>
                            <canvas node_ref=pca_ref data-testid="shop-pca" class="cl-pca" role="img" aria-label=t(CT::PcaTitle)></canvas>
                            <p class="help">{t(CT::PcaHelp)}</p>
                        </figure>
                        <figure>
                            <figcaption>{t(CT::VarTitle)}</figcaption>
                            <canvas node_ref=var_ref data-testid="shop-variance" class="cl-variance"></canvas>
                            <p class="help">{var_help}</p>
                        </figure>
                    </div>
                    <h3>{t(CT::SegmentsTitle)}</h3>
                    <ul class="cl-segments" data-testid="shop-segments">{shop_segments}</ul>
                    <p data-testid="shop-ari">{move || {
                        shop_rev.track();
                        let l = lang.get();
                        engine.with_value(|e| e.shop.ari.map_or(String::new(), |a| fill(CT::ShopAri.get(l), &[&format!("{a:.2}")])))
                    }}</p>
                    <p class="error" role="alert" data-testid="shop-error">{shop_notes}</p>
                </section>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::LabParams;

    #[test]
    fn the_concept_preset_is_understood_and_shows_uniform_noise() {
        assert!(ClusterParams::rejected_by(CONCEPT_PRESET).is_empty());
        let mut r = crate::query::QueryReader::new(crate::query::parse_query(CONCEPT_PRESET));
        let p = ClusterParams::from_query(&mut r);
        assert_eq!(p.data, Source::Shape(ClusterShape::Uniform));
        assert_eq!(p.k, 4);
        assert_eq!(ClusterParams::rejected_by("k=99").len(), 1, "rejections are reported");
    }

    #[test]
    fn numbers_are_printed_for_people() {
        assert_eq!(cell(16.4, "visits_per_month", 1), "16.4");
        assert_eq!(cell(16279.0, "yearly_spend", 0), "16,279");
        assert_eq!(score(None), "—");
        assert_eq!(score(Some(0.987)), "0.99");
    }

    #[test]
    fn every_source_and_init_has_a_name() {
        let names: Vec<CT> = Source::all().into_iter().map(source_name).collect();
        for (i, a) in names.iter().enumerate() {
            assert!(names[i + 1..].iter().all(|b| b != a));
        }
        assert_ne!(init_name(Init::Random), init_name(Init::PlusPlus));
    }
}
