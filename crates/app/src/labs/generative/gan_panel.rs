//! The GAN panel, as in GAN Lab: the discriminator's verdict as a heatmap over the plane, the
//! real points, the generated ones with the arrows that push them (the generator's gradient),
//! the generator's warped grid; its own Play, and D, G or one round at a time; the balanced
//! default and the mode-collapse preset; D's mean verdict on real and generated points per
//! round. Drawing only: every number comes from the engine's [`GanRun`](super::gan::GanRun).

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::gan::nets::GeneratorLoss;
use perplexed_core::gan::trainer::VIEW_POINTS;

use super::draw;
use super::engine::GenEngine;
use super::gan::{FIELD, SHOWN};
use super::params::{GenParams, Shape, GAN_LRS, GAN_ROUNDS};
use super::text::GEN;
use crate::components::canvas::{now_ms, scratch, Scratch};
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::{thinned, Theme};
use crate::components::colors::{css_alpha, heatmap_rgba};
use crate::components::controls::{counter, range, select, stops};
use crate::components::format::{number, thousands};
use crate::components::frame_loop::{use_frame_loop, SLOW_REFRESH_MS};
use crate::components::lab_shell::LabState;
use crate::i18n::{fill, Label};
use crate::components::lab_shell::Look;

/// Lines of the generator's warped latent grid, and points along each.
const MANIFOLD_LINES: usize = 9;
const MANIFOLD_POINTS: usize = 48;

/// The panel; `training` says whether the diffusion model plays too (the GAN then takes half
/// the frame's budget).
pub fn panel(lab: LabState<GenParams, GenEngine>, training: RwSignal<bool>) -> impl IntoView {
    let LabState { lang, params, engine, frame } = lab;
    let set = move |f: &dyn Fn(&mut GenParams)| lab.set(f);
    let playing = RwSignal::new(false);
    let tick = RwSignal::new(0u64);
    let frames = use_frame_loop(move |f| {
        let budget = if training.get_untracked() { f.budget_ms() / 2.0 } else { f.budget_ms() };
        let Some(more) = engine.try_update_value(|e| e.gan.advance(budget, &now_ms)) else { return false };
        tick.update(|n| *n += 1);
        if !more {
            playing.set(false);
        }
        more
    });
    frames.run_while(move || playing.get());
    // A new run (new data or settings) stops the GAN — or plays it, after a preset's button;
    // the picture follows.
    let gan_version = StoredValue::new(0u64);
    let play_next = StoredValue::new(false);
    Effect::new(move |_| {
        frame.track();
        let v = engine.look(|e| e.gan.version);
        if gan_version.get_value() != v {
            gan_version.set_value(v);
            playing.set(play_next.get_value());
            play_next.set_value(false);
            tick.update(|n| *n += 1);
        }
    });

    // Redrawn a few times a second while playing, at once after a button.
    let slow = RwSignal::new(0u64);
    let last = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        tick.track();
        let now = now_ms();
        if !playing.get_untracked() || now - last.get_value() >= SLOW_REFRESH_MS {
            last.set_value(now);
            slow.update(|s| *s += 1);
        }
    });

    let canvas_ref = NodeRef::<Canvas>::new();
    let chart_ref = NodeRef::<Canvas>::new();
    let grid_scratch = StoredValue::new_local(None::<Scratch>);
    Effect::new(move |_| {
        slow.track();
        let l = lang.get();
        let Some(canvas) = canvas_ref.get() else { return };
        frames.measure_occasional(|| {
            let Some(fr) = draw::plane(&canvas) else { return };
            let th = Theme::read();
            if grid_scratch.with_value(Option::is_none) {
                grid_scratch.set_value(scratch());
            }
            engine.update_value(|e| {
                let real: Vec<f32> = e.cloud.as_ref().map(|c| c.points[..c.points.len().min(2 * VIEW_POINTS)].to_vec()).unwrap_or_default();
                let Some(t) = &mut e.gan.trainer else { return };
                // D's verdict: blue where it says "real", orange where it says "generated".
                if let Ok(field) = t.discriminator_field(-draw::LIM as f32, draw::LIM as f32, FIELD) {
                    let signed: Vec<f32> = field.iter().map(|p| 2.0 * p - 1.0).collect();
                    let mut rgba = Vec::with_capacity(FIELD * FIELD * 4);
                    heatmap_rgba(&signed, 1, false, &mut rgba);
                    grid_scratch.with_value(|s| if let Some(s) = s { fr.heatmap(&s.grid, &rgba, FIELD, "#eee") });
                    fr.border();
                }
                draw::points(&fr, &real, None, [120, 120, 120], 0.35, 1.3);
                for line in t.manifold(MANIFOLD_LINES, MANIFOLD_POINTS) {
                    fr.polyline(line.chunks_exact(2).map(|p| (f64::from(p[0]), f64::from(p[1]))), &css_alpha(th.train, 0.25), 1.0, None);
                }
                let generated = t.generated(SHOWN);
                let pushes = t.generator_gradients(SHOWN);
                let arrows: Vec<[f32; 4]> = generated.chunks_exact(2).zip(pushes.chunks_exact(2)).map(|(p, g)| [p[0], p[1], g[0], g[1]]).collect();
                draw::arrows(&fr, &arrows, 25, &css_alpha(th.train, 0.55));
                draw::points(&fr, &generated, None, th.train, 0.9, 1.8);
                if t.history().is_empty() {
                    draw::message(&fr, GEN::GanIdle.get(l));
                }
            });
            line::set_data(&canvas, "data-rounds", &engine.look(|e| e.gan.rounds()).to_string());
        });
    });

    // D's mean verdict on real and on generated points, round by round.
    Effect::new(move |_| {
        slow.track();
        let l = lang.get();
        let Some(c) = chart_ref.get() else { return };
        let th = Theme::read();
        engine.look(|e| {
            let Some(t) = &e.gan.trainer else { return };
            let h = t.history();
            let real: Vec<f32> = h.iter().map(|r| r.real).collect();
            let fake: Vec<f32> = h.iter().map(|r| r.fake).collect();
            line::draw(&c, &LineChart {
                series: vec![Series { label: GEN::GanRealName.get(l), colour: th.val, points: thinned(&real, 600) }, Series { label: GEN::GanFakeName.get(l), colour: th.train, points: thinned(&fake, 600) }],
                x_range: (0.0, t.max_steps().max(1) as f32),
                x_label: GEN::AxisRound.get(l),
                y_label: GEN::AxisVerdict.get(l),
                ..Default::default()
            });
        });
    });

    let act = move |f: fn(&mut GenEngine)| {
        playing.set(false);
        engine.update_value(f);
        tick.update(|n| *n += 1);
    };
    let read = move |f: fn(&mut GenEngine) -> String| move || {
        slow.track();
        frame.track();
        engine.try_update_value(f).unwrap_or_default()
    };
    let losses = vec![(GeneratorLoss::NonSaturating.slug(), GEN::NonSaturating), (GeneratorLoss::Minimax.slug(), GEN::Minimax)];
    let t = move |key: crate::i18n::Label| move || key.get(lang.get());

    view! {
        <section class="panel gan-panel" aria-labelledby="gen-gan">
            <h2 id="gen-gan">{t(GEN::GanTitle)}</h2>
            <p class="help">{t(GEN::GanHelp)}</p>
            <div class="row wrap">
                <button class="primary" data-testid="gan-play" aria-pressed=move || playing.get().to_string()
                    on:click=move |_| {
                        if !playing.get_untracked() && engine.look(|e| e.gan.done() && e.gan.trainer.is_some()) {
                            engine.update_value(|e| { let (c, p) = (e.cloud.clone(), e.params.clone()); e.gan.restart(c.as_ref(), &p); });
                        }
                        playing.update(|p| *p = !*p);
                        tick.update(|n| *n += 1);
                    }>{move || if playing.get() { GEN::GanPause.get(lang.get()) } else { GEN::GanPlay.get(lang.get()) }}</button>
                <button data-testid="gan-step-d" on:click=move |_| act(|e| e.gan.step_d())>{t(GEN::GanStepD)}</button>
                <button data-testid="gan-step-g" on:click=move |_| act(|e| e.gan.step_g())>{t(GEN::GanStepG)}</button>
                <button data-testid="gan-round" on:click=move |_| act(|e| e.gan.round())>{t(GEN::GanRound)}</button>
                <button data-testid="gan-reset" on:click=move |_| act(|e| { let (c, p) = (e.cloud.clone(), e.params.clone()); e.gan.restart(c.as_ref(), &p); })>{t(GEN::GanReset)}</button>
            </div>
            <div class="row wrap">
                {counter(t(GEN::GanRounds), "gan-rounds", read(|e| format!("{} / {}", thousands(e.gan.rounds() as f64), thousands(e.params.gan_rounds as f64))))}
                {counter(t(GEN::GanReal), "gan-real", read(|e| e.gan.trainer.as_ref().and_then(|t| t.history().last()).map_or("—".into(), |r| number(f64::from(r.real), 2))))}
                {counter(t(GEN::GanFake), "gan-fake", read(|e| e.gan.trainer.as_ref().and_then(|t| t.history().last()).map_or("—".into(), |r| number(f64::from(r.fake), 2))))}
                {counter(t(GEN::GanModes), "gan-modes", move || {
                    slow.track();
                    frame.track();
                    let l = lang.get();
                    engine.try_update_value(|e| {
                        let eight = e.params.target == Shape::Gaussians;
                        e.gan.coverage(eight).map_or_else(|| GEN::OnlyEight.get(l).to_owned(), |c| fill(GEN::ModesOf.get(l), &[&c.covered.to_string()]))
                    }).unwrap_or_default()
                })}
            </div>
            {move || { frame.track(); engine.look(|e| e.gan.error.clone()) }.map(|err| view! {
                <p class="banner danger" role="alert" data-testid="gan-error">{crate::components::errors::say(&err, lang.get())}</p>
            })}
            <canvas node_ref=canvas_ref data-testid="gan-canvas" class="chart-canvas gen-plane" role="img" aria-label=move || GEN::GanCanvasLabel.get(lang.get())></canvas>
            <p class="help">{t(GEN::GanLegend)}</p>
            <canvas node_ref=chart_ref data-testid="gan-chart" class="chart-canvas"></canvas>
            <div class="row wrap">
                <button data-testid="gan-collapse" on:click=move |_| { play_next.set_value(true); set(&|p| p.collapse_demo()); }>{t(GEN::GanCollapse)}</button>
                <button data-testid="gan-balanced" on:click=move |_| { play_next.set_value(true); set(&|p| p.balanced_gan()); }>{t(GEN::GanBalanced)}</button>
            </div>
            <p class="help">{t(GEN::GanCollapseText)}</p>
            {stops(lang, params, "gan_lr_d", GEN::GanLrD, GEN::GanLrDHelp, &GAN_LRS, |p| p.gan_lr_d, |p, v| p.gan_lr_d = v)}
            {stops(lang, params, "gan_lr_g", GEN::GanLrG, GEN::GanLrGHelp, &GAN_LRS, |p| p.gan_lr_g, |p, v| p.gan_lr_g = v)}
            {range(lang, "gan_k", GEN::GanK, GEN::GanKHelp, (1, 5), move || params.look(|p| p.gan_k as i64), move || params.look(|p| p.gan_k.to_string()), move |v| set(&|p| p.gan_k = v.clamp(1, 5) as usize))}
            {select(lang, "gan_loss", GEN::GanLoss, GEN::GanLossHelp, losses.into_iter().map(|(s, k)| (s, Label::from(k))).collect::<Vec<_>>(), move || params.look(|p| p.gan_loss.slug()),
                move |v| if let Some(k) = GeneratorLoss::from_slug(&v) { set(&|p| p.gan_loss = k) })}
            {stops(lang, params, "gan_rounds", GEN::GanRoundsLabel, GEN::GanRoundsHelp, &GAN_ROUNDS, |p| p.gan_rounds as f32, |p, v| p.gan_rounds = v.round() as usize)}
        </section>
    }
}
