//! The k-means panel: the transport (step, play, converge, restart), the counters, the move just
//! made and the plane with its regions, which takes clicks as new points when drawing.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cluster::kmeans::{KMeans, Move};

use crate::components::canvas::{now_ms, scratch};
use crate::components::controls::counter;
use crate::components::format::number;
use crate::components::chart::plane;
use crate::components::transport::Transport;
use crate::components::errors::say;
use crate::i18n::{fill, Label};

use super::draw::{draw_kmeans, KmPlot, Look};
use super::engine::{ClusterEngine, GRID_RES};
use super::params::{round_coord, Source, MAX_RESTART};
use super::text::{CP, CT};
use super::{drawn_and_empty, init_name, pc_name, Shared};
use crate::components::lab_shell::Look as _;

#[component]
pub(super) fn KmeansPanel(sh: Shared) -> impl IntoView {
    let Shared { lang, params, engine, frames, frame, km_rev, playing, converging, next_move_at, .. } = sh;
    let scratch = StoredValue::new_local(scratch());
    let show_axes = Memo::new(move |_| params.look(|p| p.axes));
    let km_ref = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        frame.track();
        km_rev.track();
        let l = lang.get();
        let show_axes = show_axes.get();
        let Some(c) = km_ref.get() else { return };
        let now = now_ms();
        scratch.with_value(|s| {
            let Some(scratch) = s else { return };
            engine.look(|e| {
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
                    &scratch.grid,
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
        } else if !engine.look(ClusterEngine::converged) {
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
    let on_plane_click = move |ev: web_sys::MouseEvent| {
        if !sh.is_drawn() {
            return;
        }
        let Some(c) = km_ref.get() else { return };
        let at = plane::at_pointer(&c, &ev);
        if let Some((x1, x2)) = at {
            sh.add_point(round_coord(f64::from(x1)), round_coord(f64::from(x2)));
        }
    };

    let t = move |key: crate::i18n::Label| sh.t(key);
    let km_read = move |f: fn(&ClusterEngine, crate::i18n::Lang) -> String| sh.read([km_rev], f);
    let move_text = km_read(|e, l| match &e.km {
        Err(_) => String::new(),
        Ok(km) => match km.moves().last() {
            None => fill(CT::MoveNone.get(l), &[&CP::Centres.count(km.k(), l), km.init().map_or("", |i| init_name(i).get(l))]),
            Some(Move::Assign) => fill(CT::MoveAssign.get(l), &[&km.last_changed().to_string()]),
            Some(Move::Update) => {
                let mut s = fill(CT::MoveUpdate.get(l), &[&number(km.last_shift(), 2)]);
                if !km.reseeded().is_empty() {
                    let list: Vec<String> = km.reseeded().iter().map(|c| (c + 1).to_string()).collect();
                    s.push(' ');
                    s.push_str(&fill(CT::Reseeded.get(l), &[&list.join(", ")]));
                }
                s
            }
        },
    });
    let move_slug = sh.read([km_rev], |e, _| e.km.as_ref().ok().and_then(|k| k.moves().last().map(|m| m.slug())).unwrap_or("none"));
    let status_text = km_read(|e, l| match &e.km {
        Err(_) => String::new(),
        // At inertia 0 no start can do better, so the page does not suggest one.
        Ok(km) if km.every_point_on_its_centre() => fill(CT::ConvergedExact.get(l), &[&CP::Iterations.count(km.iterations(), l)]),
        Ok(km) if km.converged() => fill(CT::Converged.get(l), &[&CP::Iterations.count(km.iterations(), l)]),
        Ok(km) => match km.next_move() {
            Move::Assign => CT::NextAssign.get(l).to_owned(),
            Move::Update => CT::NextUpdate.get(l).to_owned(),
        },
    });
    let km_error = km_read(|e, l| match &e.km {
        Err(m) if !drawn_and_empty(e) => fill(CT::KmError.get(l), &[&say(m, l)]),
        _ => String::new(),
    });
    let iteration_text = km_read(|e, _| e.km.as_ref().map_or("—".into(), |k| k.iterations().to_string()));
    let inertia_text = km_read(|e, _| e.km.as_ref().ok().and_then(KMeans::inertia).map_or("—".into(), |v| number(v, 1)));
    let start_text = move || {
        let l = lang.get();
        params.look(|p| fill(CT::StartInfo.get(l), &[&p.restart.to_string(), &p.seed.to_string()]))
    };

    view! {
        <section class="panel cl-kmeans" aria-labelledby="cl-km">
            <h2 id="cl-km">{t(CT::KmTitle)}</h2>
            <p class="help">{t(CT::KmIntro)}</p>
            <div class="transport cl-transport" role="group" aria-label=t(CT::KmTitle)>
                <Transport playing play=play_pause step=step_once reset=back_to_start
                    step_label=Label::from(CT::StepMove) reset_label=Label::from(CT::Reset)
                    disabled=Signal::derive(sh.read([km_rev], |e, _| e.km.is_err()))>
                <button data-testid="converge"
                    disabled=sh.read([km_rev], |e, _| e.km.is_err() || e.converged())
                    on:click=move |_| { playing.set(false); converging.set(true); }>{t(CT::Converge)}</button>
                <button data-testid="restart" aria-describedby="restart-help"
                    on:click=move |_| sh.set(|p| p.restart = if p.restart >= MAX_RESTART { 0 } else { p.restart + 1 })>{t(CT::Restart)}</button>
                </Transport>
            </div>
            <p class="help" id="restart-help">{t(CT::RestartHelp)}</p>
            <div class="row wrap counters">
                {counter(t(CT::Iteration), "iteration", iteration_text)}
                {counter(t(CT::Inertia), "inertia", inertia_text)}
                {counter(t(CT::StartNumber), "start-info", start_text)}
            </div>
            <p class="cl-move" data-testid="move-label" data-move=move_slug aria-live="polite">{move_text}</p>
            <p class="cl-status" data-testid="kmeans-status">{status_text}</p>
            <figure>
                <canvas node_ref=km_ref data-testid="kmeans-plot" class="cl-plane" role="img" aria-label=t(CT::KmTitle)
                    class:drawing=move || sh.is_drawn() on:click=on_plane_click></canvas>
                <figcaption class="help">{t(CT::PlotHelp)}</figcaption>
            </figure>
            <p class="error" role="alert" data-testid="kmeans-error">{km_error}</p>
            <p class="help">{t(CT::Keys)}</p>
        </section>
    }
}
