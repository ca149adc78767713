//! Clustering lab: k-means stepped one move at a time (assign, update) with its regions and
//! inertia, the elbow and the silhouette for choosing k, DBSCAN on the same points where k-means
//! fails, and a table of shoppers drawn with PCA and segmented in words — concept 5 of the
//! thread (unsupervised learning), and PCA from its "not covered" list.

mod challenges;
mod data_panel;
mod dbscan_panel;
pub mod draw;
pub mod engine;
mod kmeans_panel;
pub mod params;
mod shop_panel;
mod sweep_panel;
pub mod text;

use leptos::ev;
use leptos::prelude::*;

use perplexed_core::cluster::kmeans::Init;
use perplexed_core::data::shapes::ClusterShape;

use crate::components::canvas::now_ms;
use crate::components::errors;
use crate::components::format::{number_opt, rounded, thousands};
use crate::components::frame_loop::{use_frame_loop, FrameLoop};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::i18n::{fill, Lang, T};
use crate::components::lab_shell::Look;

use data_panel::DataPanel;
use dbscan_panel::DbscanPanel;
use engine::ClusterEngine;
use kmeans_panel::KmeansPanel;
use params::{ClusterParams, Source, MAX_DRAWN};
use shop_panel::ShopPanel;
use sweep_panel::SweepPanel;
use text::CT;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::CLUSTERING;

pub const LAB: Lab = Lab {
    slug: "clustering",
    nav: T::NavClustering,
    concepts: &[5],
    parts: &[],
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

/// Time between two moves while playing: the glide, then a pause to see the result.
const PLAY_INTERVAL_MS: f64 = 750.0;

fn source_name(s: Source) -> crate::i18n::Label {
    match s {
        Source::Shape(ClusterShape::Blobs) => CT::ShBlobs,
        Source::Shape(ClusterShape::Anisotropic) => CT::ShAniso,
        Source::Shape(ClusterShape::Moons) => CT::ShMoons,
        Source::Shape(ClusterShape::Rings) => CT::ShRings,
        Source::Shape(ClusterShape::Uniform) => CT::ShUniform,
        Source::Drawn => CT::ShDrawn,
    }
}

fn init_name(i: Init) -> crate::i18n::Label {
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
    number_opt(v, 2)
}

/// A column's value as the table prints it.
fn cell(v: f32, slug: &str, decimals: u8) -> String {
    if slug == "yearly_spend" {
        thousands(f64::from(v))
    } else {
        rounded(f64::from(v), usize::from(decimals))
    }
}

/// Drawing mode without a point yet: the plot says so, the errors need not.
fn drawn_and_empty(e: &ClusterEngine) -> bool {
    e.params.data == Source::Drawn && e.is_empty()
}


/// What the panels share: the settings, the engine, the loop and the revisions that tell each
/// picture and text when to read the engine again.
#[derive(Clone, Copy)]
struct Shared {
    lang: RwSignal<Lang>,
    params: RwSignal<ClusterParams>,
    engine: StoredValue<ClusterEngine, LocalStorage>,
    frames: FrameLoop,
    frame: RwSignal<u64>,
    km_rev: RwSignal<u64>,
    sweep_rev: RwSignal<u64>,
    data_rev: RwSignal<u64>,
    shop_rev: RwSignal<u64>,
    playing: RwSignal<bool>,
    converging: RwSignal<bool>,
    next_move_at: StoredValue<f64>,
}

impl Shared {
    /// A text in the page's language, followed as it changes.
    fn t(self, key: crate::i18n::Label) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || key.get(self.lang.get())
    }

    fn set(self, f: impl FnOnce(&mut ClusterParams)) {
        self.params.update(f);
    }

    /// What `f` reads from the engine, read again when one of `revs` moves or the language changes.
    fn read<const N: usize, R>(
        self,
        revs: [RwSignal<u64>; N],
        f: impl Fn(&ClusterEngine, Lang) -> R + Copy + Send + Sync + 'static,
    ) -> impl Fn() -> R + Copy + Send + Sync + 'static {
        move || {
            revs.iter().for_each(|r| r.track());
            let l = self.lang.get();
            self.engine.look(|e| f(e, l))
        }
    }

    fn is_drawn(self) -> bool {
        self.params.look(|p| p.data == Source::Drawn)
    }

    /// A drawn point, while there is room for it.
    fn add_point(self, x1: f32, x2: f32) {
        self.set(|p| {
            if p.drawn.len() < MAX_DRAWN {
                p.drawn.push([x1, x2]);
            }
        })
    }
}

#[component]
pub fn Clustering() -> impl IntoView {
    let LabState { lang, params, engine, frame } = lab_shell::open(&LAB, ClusterEngine::new);
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
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
    frames.run_while(move || playing.get() || converging.get());
    // Every chart, not only the plane (which open() redraws), follows a resize.
    let resize = window_event_listener(ev::resize, move |_| bump_all());
    on_cleanup(move || resize.remove());
    // The sliders that the errors on screen name are marked (the errors the panels show).
    errors::provide_invalid_controls(
        move || {
            [km_rev, sweep_rev, data_rev].iter().for_each(|r| r.track());
            engine.look(|e| {
                let shown = [e.km.as_ref().err(), e.sweep.as_ref().err(), e.db.as_ref().err()];
                if drawn_and_empty(e) { Vec::new() } else { shown.into_iter().flatten().map(|m| m.field).collect() }
            })
        },
        &[("k", "k"), ("eps", "eps"), ("min_samples", "min_pts"), ("points", "points"), ("clusters", "clusters"), ("spread", "spread")],
    );
    let sh = Shared { lang, params, engine, frames, frame, km_rev, sweep_rev, data_rev, shop_rev, playing, converging, next_move_at };

    view! {
        <article class="lab clustering" data-testid="lab-clustering">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                km_rev.track();
                data_rev.track();
                engine.try_with_value(|e| challenges::met(&challenges::Now::of(e))).unwrap_or(0)
            })}
            <div class="lab-grid two cl-grid">
                <KmeansPanel sh />
                <DataPanel sh />
                <DbscanPanel sh />
                <SweepPanel sh />
                <ShopPanel sh />
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
        assert_eq!(score(Some(-0.001)), "> −0.01", "an agreement just below chance is neither −0.00 nor 0");
    }

    #[test]
    fn every_source_and_init_has_a_name() {
        let names: Vec<crate::i18n::Label> = Source::all().into_iter().map(source_name).collect();
        for (i, a) in names.iter().enumerate() {
            assert!(names[i + 1..].iter().all(|b| b != a));
        }
        assert_ne!(init_name(Init::Random), init_name(Init::PlusPlus));
    }
}
