//! The generative lab (concept 24): a diffusion model learns a 2-D shape — a spiral, two moons,
//! rings, eight Gaussians, the letter א or the learner's own drawing — live. The forward process
//! dissolves the shape as a slider moves `t`; the noise predictor trains with its loss and a
//! quality curve (the share of generated points on the shape, and of the shape covered); a
//! preview shows what the model makes now; a generation walks thousands of points back from
//! noise, step by step, under the score's arrows; a conditional model with classifier-free
//! guidance generates one class. Every number comes from `perplexed_core::diffusion`.

mod challenges;
pub mod draw;
pub mod engine;
pub mod gan;
pub mod gan_panel;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::diffusion::sampler::Method;
use perplexed_core::diffusion::schedule::ScheduleKind;
use perplexed_core::diffusion::targets::MAX_STROKES;

use crate::components::canvas::now_ms;
use crate::components::chart::line::{self, LineChart, Marker, Series};
use crate::components::chart::{thinned, Theme};
use crate::components::controls::{counter, nearest_stop, range, seed, select, stops, toggle_explained};
use crate::components::errors;
use crate::components::format::{number, percent, thousands};
use crate::components::frame_loop::{use_frame_loop, SLOW_REFRESH_MS};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::{speed_select, Transport};
use crate::i18n::{fill, Label, Lang, T};
use crate::components::lab_shell::Look;

use engine::{GenEngine, LEARNED_ON_SHAPE, SHOWN_POINTS};
use params::{parse_strokes, write_strokes, GenParams, Pace, Shape, BATCHES, DDIM_STEPS, GUIDANCES, LRS, MAX_DRAWN_POINTS, MAX_POINTS_PER_STROKE, RUN_STEPS, SAMPLE_COUNTS, TIMESTEPS, WIDTHS};
use text::GEN;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::GENERATIVE;

pub const LAB: Lab = Lab {
    slug: "generative",
    nav: T::NavGenerative,
    concepts: &[24],
    parts: &[],
    #[cfg(test)]
    validate: <GenParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: the default spiral, trained as fast as the page allows (the
/// samples reach the shape within the run: tested in `engine`).
pub const CONCEPT_PRESET: &str = "target=spiral&speed=max";

/// Points of the score's grid on a side.
const ARROW_GRID: usize = 15;
/// The loss is shown as the mean of each block of this many steps.
const LOSS_BLOCK: usize = 50;

/// The lab's page: what its own bundle (`src/bin/lab-generative.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Generative /> }.into_any()
}

fn shape_name(s: Shape) -> crate::i18n::Label {
    match s {
        Shape::Spiral => GEN::Spiral,
        Shape::Moons => GEN::Moons,
        Shape::Rings => GEN::Rings,
        Shape::Gaussians => GEN::Gaussians,
        Shape::Gaussian => GEN::Gaussian,
        Shape::Aleph => GEN::Aleph,
        Shape::Drawn => GEN::Drawn,
    }
}

/// A stop list's value as a whole number.
fn whole(v: f32) -> usize {
    v.round().max(0.0) as usize
}

#[component]
pub fn Generative() -> impl IntoView {
    let lab = lab_shell::open(&LAB, GenEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("lr", "lr"), ("width", "width"), ("depth", "depth"), ("timesteps", "timesteps"), ("batch", "batch"), ("points", "points"),
          ("strokes", "pad"), ("samples", "samples"), ("ddim_steps", "ddim_steps"), ("guidance", "guidance"), ("steps", "steps")],
    );
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);
    let (set, t) = (move |f: &dyn Fn(&mut GenParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&GenEngine) -> String| lab.read(f);

    // The generation: its own frame loop, so it animates whether or not training plays.
    let generating = RwSignal::new(false);
    let gen_tick = RwSignal::new(0u64);
    let gen_frames = use_frame_loop(move |f| {
        let Some(more) = engine.try_update_value(|e| e.advance_generation(f.budget_ms(), &now_ms)) else { return false };
        gen_tick.update(|n| *n += 1);
        if !more {
            generating.set(false);
        }
        more
    });
    gen_frames.run_while(move || generating.get());
    let generate = move || {
        if engine.try_update_value(GenEngine::generate).unwrap_or(false) {
            generating.set(true);
        }
        gen_tick.update(|n| *n += 1);
        lab.published(run);
    };
    let gen_step = move || {
        generating.set(false);
        engine.update_value(|e| {
            if e.generation.as_ref().is_none_or(|g| g.done()) {
                e.generate();
            }
            e.generation_step();
        });
        gen_tick.update(|n| *n += 1);
    };
    // G generates from anywhere on the page but a text field.
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        if ev.code() != "KeyG" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let tag = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name().to_ascii_lowercase()).unwrap_or_default();
        if !matches!(tag.as_str(), "input" | "select" | "textarea") {
            generate();
        }
    });
    on_cleanup(move || keys.remove());

    // When a run ends, a generation starts by itself: the visitor sees the noise become the shape.
    let finished_seen = StoredValue::new(0u64);
    Effect::new(move |_| {
        frame.track();
        let (finished, v, idle) = engine.look(|e| (e.finished() && !e.diverged(), e.version, e.generation.is_none()));
        if finished && idle && finished_seen.get_value() != v {
            finished_seen.set_value(v);
            generate();
        }
    });

    let forward_ref = NodeRef::<Canvas>::new();
    let schedule_ref = NodeRef::<Canvas>::new();
    let preview_ref = NodeRef::<Canvas>::new();
    let generation_ref = NodeRef::<Canvas>::new();
    let loss_ref = NodeRef::<Canvas>::new();
    let quality_ref = NodeRef::<Canvas>::new();
    let pad_ref = NodeRef::<Canvas>::new();

    // The forward process: the data at the slider's t.
    // Both depend on the run (its data and schedule), t and the canvas's size: `frame` moves
    // every training frame (and on a resize), so each keeps what it last drew.
    let scratch = StoredValue::new(Vec::<f32>::new());
    let forward_drawn = StoredValue::new(None::<(u64, usize, i32, i32)>);
    Effect::new(move |_| {
        frame.track();
        let t_now = params.look(GenParams::t_shown);
        let Some(canvas) = forward_ref.get() else { return };
        let key = (version.get(), t_now, canvas.client_width(), canvas.client_height());
        if forward_drawn.get_value() == Some(key) {
            return;
        }
        let Some(fr) = draw::plane(&canvas) else { return };
        forward_drawn.set_value(Some(key));
        let fg = Theme::read().fg;
        engine.look(|e| {
            scratch.update_value(|pts| {
                e.dissolved(pts);
                let classes = e.cloud.as_ref().map(|c| &c.classes[..c.classes.len().min(SHOWN_POINTS)]);
                draw::points(&fr, pts, classes, fg, 0.7, 1.6);
            });
        });
    });

    // The schedule: the data's and the noise's shares against t, the slider's t marked.
    let schedule_drawn = StoredValue::new(None::<(u64, usize, i32, i32, Lang)>);
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let t_now = params.look(GenParams::t_shown);
        let Some(canvas) = schedule_ref.get() else { return };
        let key = (version.get(), t_now, canvas.client_width(), canvas.client_height(), l);
        // (A canvas not laid out yet draws nothing: it is tried again.)
        if schedule_drawn.get_value() == Some(key) || key.2 == 0 {
            return;
        }
        schedule_drawn.set_value(Some(key));
        engine.look(|e| {
            let Some(s) = &e.schedule else { return };
            let th = Theme::read();
            let signal: Vec<(f32, f32)> = (0..=s.steps()).map(|t| (t as f32, s.alpha_bar(t).sqrt() as f32)).collect();
            let noise: Vec<(f32, f32)> = (0..=s.steps()).map(|t| (t as f32, (1.0 - s.alpha_bar(t)).sqrt() as f32)).collect();
            let label = format!("t = {t_now}");
            line::draw(&canvas, &LineChart {
                series: vec![Series { label: GEN::SignalName.get(l), colour: th.train, points: signal }, Series { label: GEN::NoiseName.get(l), colour: th.val, points: noise }],
                markers: vec![Marker { x: t_now as f32, label: &label, colour: th.test }],
                x_range: (0.0, s.steps() as f32),
                x_label: GEN::AxisT.get(l),
                y_label: GEN::AxisShareOf.get(l),
                ..Default::default()
            });
        });
    });

    // The slow parts (charts, preview, arrows while training) a few times a second.
    let slow = RwSignal::new(0u64);
    let last_slow = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        version.track();
        let now = now_ms();
        if !playing.get_untracked() || now - last_slow.get_value() >= SLOW_REFRESH_MS {
            last_slow.set_value(now);
            slow.update(|s| *s += 1);
        }
    });

    // The preview: the probe's points over the real shape.
    Effect::new(move |_| {
        slow.track();
        let Some(canvas) = preview_ref.get() else { return };
        frames.measure_occasional(|| {
            let Some(fr) = draw::plane(&canvas) else { return };
            let th = Theme::read();
            engine.look(|e| {
                if let Some(c) = &e.cloud {
                    draw::points(&fr, &c.points[..c.points.len().min(2 * SHOWN_POINTS)], None, [150, 150, 150], 0.35, 1.4);
                }
                draw::points(&fr, &e.preview, None, th.val, 0.85, 1.8);
                let q = e.last_quality().map_or(0.0, |q| q.on_shape);
                line::set_data(&canvas, "data-on-shape", &format!("{q:.3}"));
                line::set_data(&canvas, "data-probes", &e.quality.len().to_string());
            });
        });
    });

    // The generation (or, before one, the score at the forward slider's t), with its arrows.
    Effect::new(move |_| {
        gen_tick.track();
        slow.track();
        let (t_slider, show_arrows) = params.look(|p| (p.t_shown(), p.arrows));
        let _ = params.look(|p| (p.class, p.guidance, p.conditional));
        let l = lang.get();
        let Some(canvas) = generation_ref.get() else { return };
        frames.measure_occasional(|| {
            let Some(fr) = draw::plane(&canvas) else { return };
            let th = Theme::read();
            engine.update_value(|e| {
                let t_shown = e.generation.as_ref().map_or(t_slider, |g| g.t());
                if show_arrows {
                    let field = e.arrows(t_shown.max(1), ARROW_GRID, draw::LIM as f32);
                    draw::arrows(&fr, &field, ARROW_GRID, &crate::components::colors::css_alpha([120, 120, 120], 0.8));
                }
                match &e.generation {
                    Some(g) => {
                        draw::points(&fr, &g.points, None, th.train, 0.75, 1.6);
                        line::set_data(&canvas, "data-taken", &g.taken().to_string());
                        line::set_data(&canvas, "data-total", &g.total().to_string());
                    }
                    None => {
                        draw::message(&fr, GEN::GenIdle.get(l));
                        line::set_data(&canvas, "data-taken", "0");
                    }
                }
            });
        });
    });

    // The loss and the quality curves.
    Effect::new(move |_| {
        slow.track();
        let l = lang.get();
        frames.measure_occasional(|| engine.look(|e| draw_curves(e, l, loss_ref, quality_ref)));
    });

    // The drawing pad: the strokes in the address and the one being drawn.
    let stroke = RwSignal::new(Vec::<(f64, f64)>::new());
    let drawing = RwSignal::new(false);
    let full = RwSignal::new(false);
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let mut strokes = params.look(|p| parse_strokes(&p.strokes).unwrap_or_default());
        let current = stroke.get();
        if current.len() >= 2 {
            strokes.push(current);
        }
        if let Some(canvas) = pad_ref.get() {
            draw::pad(&canvas, &strokes, GEN::DrawPrompt.get(l));
        }
    });
    let pad_at = move |ev: &web_sys::PointerEvent| {
        let canvas = pad_ref.get_untracked()?;
        draw::pad_point(f64::from(canvas.client_width()), f64::from(canvas.client_height()), f64::from(ev.offset_x()), f64::from(ev.offset_y()))
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if let Some(p) = pad_at(&ev) {
            ev.prevent_default();
            if let Some(c) = pad_ref.get_untracked() {
                let _ = c.set_pointer_capture(ev.pointer_id());
            }
            drawing.set(true);
            stroke.set(vec![p]);
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        if let Some(p) = pad_at(&ev) {
            // A point every 2 % of the pad: the address stays short and the line smooth.
            let far = stroke.with_untracked(|s| s.last().is_none_or(|q| (q.0 - p.0).hypot(q.1 - p.1) >= 0.04));
            if far && stroke.with_untracked(Vec::len) < MAX_POINTS_PER_STROKE {
                stroke.update(|s| s.push(p));
            }
        }
    };
    let on_up = move |_| {
        if !drawing.get_untracked() {
            return;
        }
        drawing.set(false);
        let new = stroke.get_untracked();
        stroke.set(Vec::new());
        if new.len() < 2 {
            return;
        }
        let mut strokes = params.with_untracked(|p| parse_strokes(&p.strokes).unwrap_or_default());
        let total: usize = strokes.iter().map(Vec::len).sum();
        if strokes.len() >= MAX_STROKES || total + new.len() > MAX_DRAWN_POINTS {
            full.set(true);
            return;
        }
        full.set(false);
        strokes.push(new);
        let text = write_strokes(&strokes);
        set(&|p| {
            p.target = Shape::Drawn;
            p.strokes = text.clone();
        });
    };
    let undo = move || {
        full.set(false);
        let mut strokes = params.with_untracked(|p| parse_strokes(&p.strokes).unwrap_or_default());
        strokes.pop();
        let text = write_strokes(&strokes);
        set(&|p| p.strokes = text.clone());
    };
    let from_aleph = move || {
        full.set(false);
        let strokes: Vec<Vec<(f64, f64)>> = perplexed_core::diffusion::targets::ALEPH.iter().map(|s| s.iter().map(|&(x, y)| (x * 0.8, y * 0.8)).collect()).collect();
        let text = write_strokes(&strokes);
        set(&|p| {
            p.target = Shape::Drawn;
            p.strokes = text.clone();
        });
    };

    let status_banner = move || {
        frame.track();
        let (error, diverged) = engine.look(|e| (e.error.clone(), e.diverged()));
        lab_shell::run_status(lang, error, diverged, move || {
            params.update(|p| p.lr = LRS[nearest_stop(&LRS, p.lr).saturating_sub(2)]);
            run.playing.set(true);
            lab.published(run);
        })
    };

    let quality_help = move || {
        frame.track();
        let l = lang.get();
        let best = engine.look(|e| e.probe.as_ref().map(|p| p.best));
        best.map(|b| fill(GEN::QualityHelp.get(l), &[&percent(b.on_shape), &percent(b.covered), &percent(LEARNED_ON_SHAPE)]))
    };

    let model_help = move || {
        frame.track();
        let n = engine.look(|e| e.trainer.as_ref().map_or(0, |t| t.denoiser.parameter_count()));
        fill(GEN::ModelHelp.get(lang.get()), &[&thousands(n as f64)])
    };

    let t_readout = move || {
        version.track();
        let l = lang.get();
        let t_now = params.look(GenParams::t_shown);
        engine.look(|e| e.schedule.as_ref().map(|s| {
            let ab = s.alpha_bar(t_now);
            fill(GEN::TReadout.get(l), &[&number(ab, 3), &number(ab.sqrt(), 2), &number((1.0 - ab).sqrt(), 2)])
        }))
    };

    let gen_progress = move || {
        gen_tick.track();
        frame.track();
        let l = lang.get();
        engine.look(|e| e.generation.as_ref().map(|g| {
            let s = fill(GEN::GenProgress.get(l), &[&g.taken().to_string(), &g.total().to_string(), &g.t().to_string()]);
            match e.generation_quality {
                Some(q) => format!("{s} · {}", fill(GEN::GenQuality.get(l), &[&percent(q.on_shape), &percent(q.covered)])),
                None => s,
            }
        }))
    };

    // Rebuilt only when the classes on offer change (not every frame: a rebuilt select loses
    // the keyboard's focus).
    let class_choice = Memo::new(move |_| {
        frame.track();
        engine.look(|e| (e.cloud.as_ref().map_or(1, |c| c.class_count), e.params.conditional))
    });
    let class_select = move || {
        let l = lang.get();
        let (classes, conditional) = class_choice.get();
        let options = (0..=classes).map(|k| {
            let text = if k == 0 { GEN::NoClass.get(l).to_owned() } else { fill(GEN::ClassN.get(l), &[&k.to_string()]) };
            view! { <option value=k.to_string() selected=move || params.look(|p| p.class == k)>{text}</option> }
        }).collect_view();
        view! {
            <div class="control" data-control="class">
                <div class="control-head"><label for="class">{GEN::ClassLabel.get(l)}</label></div>
                <select id="class" data-testid="class" aria-describedby="class-help" disabled={!conditional}
                    prop:value=move || params.look(|p| p.class.to_string())
                    on:change=move |ev| { if let Ok(k) = event_target_value(&ev).parse::<usize>() { set(&|p| p.class = k) } }>{options}</select>
                <p class="help" id="class-help">{if conditional { GEN::ClassHelp.get(l) } else { GEN::NeedsConditional.get(l) }}</p>
            </div>
        }
    };

    let shapes: Vec<(&'static str, Label)> = Shape::ALL.into_iter().map(|s| (s.slug(), shape_name(s).into())).collect();
    let paces = vec![(Pace::Slow.slug(), GEN::PaceSlow.into()), (Pace::Normal.slug(), GEN::PaceNormal.into()), (Pace::Max.slug(), GEN::PaceMax.into())];
    let schedules = vec![(ScheduleKind::Cosine.slug(), GEN::Cosine), (ScheduleKind::Linear.slug(), GEN::Linear)];
    let samplers = vec![(Method::Ddpm.slug(), Label::new("DDPM", "DDPM")), (Method::Ddim.slug(), Label::new("DDIM", "DDIM"))];
    let is_drawn = move || params.look(|p| p.target == Shape::Drawn);

    view! {
        <article class="lab lab-generative" data-testid="lab-generative">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || { frame.track(); gen_tick.track(); engine.try_with_value(challenges::now).unwrap_or(0) })}
            <div class="transport">
                <Transport playing=playing play=play_pause step=step reset=reset step_label=Signal::derive(|| Label::from(GEN::OneStep)) />
                {speed_select(paces, GEN::SpeedHelp, move || params.look(|p| p.speed.slug()), move |v| if let Some(s) = Pace::from_slug(&v) { set(&|p| p.speed = s) })}
                {counter(t(GEN::Step.into()), "steps-done", read(|e| format!("{} / {}", thousands(e.steps() as f64), thousands(e.params.steps as f64))))}
                {counter(t(GEN::Loss.into()), "loss-now", read(|e| e.trainer.as_ref().and_then(|t| {
                    let l = t.losses();
                    (!l.is_empty()).then(|| number(f64::from(l[l.len().saturating_sub(LOSS_BLOCK)..].iter().sum::<f32>()) / l.len().min(LOSS_BLOCK) as f64, 3))
                }).unwrap_or_else(|| "—".into())))}
                {counter(t(GEN::OnShape.into()), "on-shape", read(|e| e.last_quality().map_or("—".into(), |q| percent(q.on_shape))))}
                {counter(t(GEN::Covered.into()), "covered", read(|e| e.last_quality().map_or("—".into(), |q| percent(q.covered))))}
                {counter(t(GEN::LearnedAt.into()), "learned-at", move || {
                    frame.track();
                    let l = lang.get();
                    engine.look(|e| e.learned_at).map_or(GEN::NotYet.get(l).to_owned(), |s| fill(GEN::StepUnit.get(l), &[&thousands(s as f64)]))
                })}
                <p class="help">{t(GEN::Keys.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="gen-preview">
                    <h2 id="gen-preview">{t(GEN::PreviewTitle.into())}</h2>
                    <canvas node_ref=preview_ref data-testid="preview-canvas" class="chart-canvas gen-plane" role="img" aria-label=move || GEN::PreviewLabel.get(lang.get())></canvas>
                    <p class="help">{t(GEN::PreviewHelp.into())}</p>
                </section>

                <section class="panel" aria-labelledby="gen-train">
                    <h2 id="gen-train">{t(GEN::TrainTitle.into())}</h2>
                    <canvas node_ref=quality_ref data-testid="quality-chart" class="chart-canvas"></canvas>
                    <p class="help" data-testid="quality-help">{quality_help}</p>
                    <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    <p class="help">{t(GEN::TrainHelp.into())}</p>
                </section>

                <section class="panel" aria-labelledby="gen-generate">
                    <h2 id="gen-generate">{t(GEN::GenTitle.into())}</h2>
                    <p class="help">{t(GEN::GenHelp.into())}</p>
                    <div class="row wrap">
                        <button class="primary" data-testid="generate" on:click=move |_| generate()>{t(GEN::Generate.into())}</button>
                        <button data-testid="gen-step" on:click=move |_| gen_step()>{t(GEN::GenStep.into())}</button>
                        <span class="help" data-testid="gen-progress" aria-live="polite">{gen_progress}</span>
                    </div>
                    <canvas node_ref=generation_ref data-testid="generation-canvas" class="chart-canvas gen-plane" role="img" aria-label=move || GEN::GenLabel.get(lang.get())></canvas>
                    {select(lang, "sampler", GEN::SamplerLabel, GEN::SamplerHelp, samplers, move || params.look(|p| p.sampler.slug()),
                        move |v| if let Some(m) = Method::from_slug(&v) { set(&|p| p.sampler = m) })}
                    {stops(lang, params, "ddim_steps", GEN::DdimStepsLabel, GEN::DdimStepsHelp, &DDIM_STEPS, |p| p.ddim_steps as f32, |p, v| p.ddim_steps = whole(v))}
                    {stops(lang, params, "samples", GEN::SamplesLabel, GEN::SamplesHelp, &SAMPLE_COUNTS, |p| p.samples as f32, |p, v| p.samples = whole(v))}
                    {toggle_explained(lang, "arrows", GEN::ArrowsLabel, GEN::ArrowsHelp, move || params.look(|p| p.arrows), move |v| set(&|p| p.arrows = v))}
                </section>

                <section class="panel" aria-labelledby="gen-data">
                    <h2 id="gen-data">{t(GEN::DataTitle.into())}</h2>
                    <p class="help">{t(GEN::DataHelp.into())}</p>
                    {select(lang, "target", GEN::TargetLabel, GEN::TargetHelp, shapes, move || params.look(|p| p.target.slug()),
                        move |v| if let Some(s) = Shape::from_slug(&v) { set(&|p| p.target = s) })}
                    <div class="gen-pad" hidden=move || !is_drawn()>
                        <p class="help">{t(GEN::DrawHelp.into())}</p>
                        <canvas node_ref=pad_ref data-testid="pad" class="chart-canvas gen-pad-canvas" role="img" aria-label=move || GEN::PadLabel.get(lang.get())
                            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up></canvas>
                        <div class="row wrap">
                            <button data-testid="undo-stroke" on:click=move |_| undo()>{t(GEN::UndoStroke.into())}</button>
                            <button data-testid="clear-drawing" on:click=move |_| { full.set(false); set(&|p| p.strokes = String::new()); }>{t(GEN::ClearDrawing.into())}</button>
                            <button data-testid="start-aleph" on:click=move |_| from_aleph()>{t(GEN::StartFromAleph.into())}</button>
                        </div>
                        {move || full.get().then(|| view! { <p class="banner" role="status" data-testid="drawing-full">{GEN::DrawingFull.get(lang.get())}</p> })}
                    </div>
                    {range(lang, "t", GEN::TLabel, GEN::THelp, (0, i64::try_from(perplexed_core::diffusion::schedule::MAX_STEPS).unwrap_or(1000)),
                        move || params.look(|p| p.t_shown() as i64),
                        move || params.look(|p| format!("{} / {}", p.t_shown(), p.timesteps)),
                        move |v| set(&|p| p.t = (v.max(0) as usize).min(p.timesteps)))}
                    <p class="help" data-testid="t-readout">{t_readout}</p>
                    <canvas node_ref=forward_ref data-testid="forward-canvas" class="chart-canvas gen-plane" role="img" aria-label=move || GEN::ForwardLabel.get(lang.get())></canvas>
                    <canvas node_ref=schedule_ref data-testid="schedule-chart" class="chart-canvas"></canvas>
                    {select(lang, "schedule", GEN::ScheduleLabel, GEN::ScheduleHelp, schedules, move || params.look(|p| p.schedule.slug()),
                        move |v| if let Some(k) = ScheduleKind::from_slug(&v) { set(&|p| p.schedule = k) })}
                    {stops(lang, params, "timesteps", GEN::TimestepsLabel, GEN::TimestepsHelp, &TIMESTEPS, |p| p.timesteps as f32, |p, v| { p.timesteps = whole(v); p.t = p.t.min(p.timesteps); })}
                    {stops(lang, params, "points", GEN::PointsLabel, GEN::PointsHelp, &[500.0, 1000.0, 2000.0, 5000.0], |p| p.points as f32, |p, v| p.points = whole(v))}
                </section>

                <section class="panel" aria-labelledby="gen-condition">
                    <h2 id="gen-condition">{t(GEN::CondTitle.into())}</h2>
                    <p class="help">{t(GEN::CondHelp.into())}</p>
                    {toggle_explained(lang, "conditional", GEN::ConditionalLabel, GEN::ConditionalHelp, move || params.look(|p| p.conditional), move |v| set(&|p| p.conditional = v))}
                    {class_select}
                    {stops(lang, params, "guidance", GEN::GuidanceLabel, GEN::GuidanceHelp, &GUIDANCES, |p| p.guidance, |p, v| p.guidance = v)}
                    <div class="row wrap">
                        <button data-testid="try-arm" on:click=move |_| {
                            set(&|p| { p.target = Shape::Spiral; p.conditional = true; p.class = 1; p.guidance = 3.0; p.steps = 3000; });
                            run.playing.set(true);
                        }>{t(GEN::TryArm.into())}</button>
                    </div>
                    <p class="help">{t(GEN::TryArmText.into())}</p>
                </section>

                {gan_panel::panel(lab, playing)}

                <section class="panel" aria-labelledby="gen-model">
                    <h2 id="gen-model">{t(GEN::ModelTitle.into())}</h2>
                    <p class="help" data-testid="model-help">{model_help}</p>
                    {stops(lang, params, "width", GEN::WidthLabel, GEN::WidthHelp, &WIDTHS, |p| p.width as f32, |p, v| p.width = whole(v))}
                    {range(lang, "depth", GEN::DepthLabel, GEN::DepthHelp, (1, 4), move || params.look(|p| p.depth as i64), move || params.look(|p| p.depth.to_string()), move |v| set(&|p| p.depth = v.clamp(1, 4) as usize))}
                    {stops(lang, params, "lr", GEN::LrLabel, GEN::LrHelp, &LRS, |p| p.lr, |p, v| p.lr = v)}
                    {stops(lang, params, "batch", GEN::BatchLabel, GEN::BatchHelp, &BATCHES, |p| p.batch as f32, |p, v| p.batch = whole(v))}
                    {stops(lang, params, "steps", GEN::RunStepsLabel, GEN::RunStepsHelp, &RUN_STEPS, |p| p.steps as f32, |p, v| p.steps = whole(v))}
                    {toggle_explained(lang, "fourier", GEN::FourierLabel, GEN::FourierHelp, move || params.look(|p| p.fourier), move |v| set(&|p| p.fourier = v))}
                    {seed(lang, params, GEN::SeedHelp, GEN::NewRun, |p| p.seed, |p, v| p.seed = v)}
                </section>
            </div>
        </article>
    }.into_any()
}

/// The loss (the mean of each block of [`LOSS_BLOCK`] steps) and the quality curves.
fn draw_curves(e: &GenEngine, l: Lang, loss_ref: NodeRef<Canvas>, quality_ref: NodeRef<Canvas>) {
    let Some(trainer) = &e.trainer else { return };
    let th = Theme::read();
    let x_max = e.params.steps.max(1) as f32;
    if let Some(c) = loss_ref.get() {
        let blocks = trainer.block_means(LOSS_BLOCK);
        let points: Vec<(f32, f32)> = thinned(&blocks, 600).into_iter().map(|(i, v)| ((i + 1.0) * LOSS_BLOCK as f32, v)).collect();
        line::draw(&c, &LineChart { series: vec![Series { label: GEN::LossName.get(l), colour: th.train, points }], x_range: (0.0, x_max), x_label: GEN::AxisStep.get(l), y_label: GEN::AxisLoss.get(l), log_y: true, ..Default::default() });
        line::set_data(&c, "data-points", &blocks.len().to_string());
    }
    if let Some(c) = quality_ref.get() {
        let curve = |f: fn(&perplexed_core::diffusion::quality::Quality) -> f64| e.quality.iter().map(|(s, q)| (*s as f32, (f(q) * 100.0) as f32)).collect::<Vec<_>>();
        let mut series = vec![
            Series { label: GEN::OnShapeName.get(l), colour: th.val, points: curve(|q| q.on_shape) },
            Series { label: GEN::CoveredName.get(l), colour: th.test, points: curve(|q| q.covered) },
        ];
        if let Some(p) = &e.probe {
            let flat = |v: f64| vec![(0.0, (v * 100.0) as f32), (x_max, (v * 100.0) as f32)];
            series.push(Series { label: GEN::BestOnShape.get(l), colour: [170, 170, 170], points: flat(p.best.on_shape) });
        }
        line::draw(&c, &LineChart { series, x_range: (0.0, x_max), x_label: GEN::AxisStep.get(l), y_label: GEN::AxisPercent.get(l), ..Default::default() });
        line::set_data(&c, "data-points", &e.quality.len().to_string());
    }
}
