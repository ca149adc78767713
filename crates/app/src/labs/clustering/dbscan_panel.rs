//! The DBSCAN panel: the same points grouped by density, with ε and the minimum of neighbours.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cluster::dbscan::PointKind;

use crate::components::controls::{count, range};
use crate::components::format::number;
use crate::components::errors::say;
use crate::i18n::{fill, P};

use super::draw::{draw_dbscan, Look};
use super::params::{eps_at, eps_position, EPS_STEPS, MAX_MIN_PTS};
use super::text::{CP, CT};
use super::{drawn_and_empty, Shared};
use crate::components::lab_shell::Look as _;

#[component]
pub(super) fn DbscanPanel(sh: Shared) -> impl IntoView {
    let Shared { lang, params, engine, data_rev, .. } = sh;
    let db_ref = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        data_rev.track();
        let Some(c) = db_ref.get() else { return };
        engine.look(|e| {
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
    let db_text = sh.read([data_rev], |e, l| match &e.db {
        Err(_) if drawn_and_empty(e) => String::new(),
        Err(m) => fill(CT::DbError.get(l), &[&say(m, l)]),
        Ok(d) => {
            let n = d.n_clusters();
            if n == 0 {
                return CT::DbNone.get(l).to_owned();
            }
            let clusters = if n == 1 { CT::DbOne.get(l).to_owned() } else { fill(CT::DbMany.get(l), &[&CP::Clusters.count(n, l)]) };
            let noise = match d.n_noise() {
                0 => CT::NoiseNone.get(l).to_owned(),
                1 => CT::NoiseOne.get(l).to_owned(),
                m => fill(CT::NoiseMany.get(l), &[&P::Points.count(m, l)]),
            };
            format!("{clusters} {noise}")
        }
    });

    view! {
        <section class="panel" aria-labelledby="cl-db">
            <h2 id="cl-db">{sh.t(CT::DbTitle)}</h2>
            <p class="help">{sh.t(CT::DbIntro)}</p>
            <figure>
                <canvas node_ref=db_ref data-testid="dbscan-plot" class="cl-plane" role="img" aria-label=sh.t(CT::DbTitle)></canvas>
                <figcaption class="help">{sh.t(CT::DbHelp)}</figcaption>
            </figure>
            <p class="cl-summary" data-testid="dbscan-summary" aria-live="polite">{db_text}</p>
            {range(lang, "eps", CT::EpsLabel, CT::EpsHelp, (1, EPS_STEPS),
                move || params.look(|p| eps_position(p.eps)),
                move || number(params.look(|p| p.eps).into(), 2),
                move |v| sh.set(|p| p.eps = eps_at(v)))}
            {count(sh.lang, sh.params, "min_pts", CT::MinPtsLabel, CT::MinPtsHelp, (1, MAX_MIN_PTS as i64), "", |p| p.min_pts, |p, v| p.min_pts = v)}
        </section>
    }
}
