//! The sequence lab (concept 17): recurrent networks — a plain RNN, the GRU, the LSTM — trained
//! live on sequences: forecasting a noisy sine, remembering the first symbol across a delay,
//! counting, continuing a text. The page shows the learning curves (two cells can race on the
//! same task and seed), what the network predicts, its memory at every step of an example (the
//! hidden state and the gates as heatmaps), and how much of the error reaches each earlier
//! step — the vanishing gradient made visible.

mod challenges;
pub mod engine;
pub mod heat;
pub mod params;
pub mod text;
pub mod unrolled;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::sequence::model::{HIDDEN_RANGE, LAYERS_RANGE};
use perplexed_core::sequence::tasks::{Corpus, Targets, Task, COUNT_RANGE, DELAY_RANGE, LENGTH_RANGE, RECALL_SYMBOLS};
use perplexed_core::sequence::trainer::{GateTrace, Inspection};
use perplexed_core::tensor::layers::CellKind;

use crate::components::canvas::now_ms;
use crate::components::chart::line::{self, LineChart, Mark, Series};
use crate::components::chart::{indexed, Theme};
use crate::components::colors::CLASS;
use crate::components::controls::{count, counter, range, select, split_counts_text, split_shares, stops};
use crate::components::errors;
use crate::components::format::{log_loss, mse, number, rounded, share as pct, thousands};
use crate::components::frame_loop::SLOW_REFRESH_MS;
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};

use engine::SequenceEngine;
use heat::Scale;
use params::{Rival, SequenceParams, CLIPS, EXAMPLE_COUNTS, NOISES};
use crate::components::training::{TR, self, Offer, TestEvaluation, BATCHES, LEARNING_RATES};
use crate::components::lab_shell::Look;
use text::{SP, ST};

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::SEQUENCE;

pub const LAB: Lab = Lab {
    slug: "sequence",
    nav: T::NavSequence,
    concepts: &[17],
    parts: &[],
    #[cfg(test)]
    validate: <SequenceParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card opens the lab with this query (after `lab=sequence&`): the
/// classic experiment below.
pub const CONCEPT_PRESET: &str = CLASSIC;

/// The classic experiment (after Hochreiter & Schmidhuber 1997): remember a symbol through 30
/// steps of noise, an LSTM racing a plain RNN, with the settings of core's test
/// (`at_delay_thirty_the_lstm_remembers_and_the_plain_rnn_does_not`: 4,000 examples, Adam 0.003).
const CLASSIC: &str = "task=recall&delay=30&examples=4000&lr=0.003&vs=rnn&epochs=40&speed=fast";

/// Epoch limits the "stop after" slider offers (0 = until paused).
const EPOCH_STOPS: [usize; 7] = [0, 20, 50, 100, 200, 500, 1000];
/// What the training controls offer (clipping from 0.1: small enough to tame a run that explodes).
const OFFER: Offer = Offer { learning_rates: &LEARNING_RATES, batches: &BATCHES, clips: &CLIPS, epoch_stops: &EPOCH_STOPS };
/// The colour of a reference line (chance, "repeat the last value"): a grey apart from the
/// curves' colours.
const REFERENCE: crate::components::colors::Rgb = [150, 150, 150];
/// The rival network's colour: blue, apart from the validation curve's orange.
const RIVAL: crate::components::colors::Rgb = CLASS[1];
/// Time steps of the series the forecast chart shows.
const FORECAST_SPAN: usize = 150;
/// Characters the text continuation writes.
const CONTINUATION: usize = 40;

/// The lab's page: what its own bundle (`src/bin/lab-sequence.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Sequence /> }.into_any()
}

fn cell_name(c: CellKind) -> crate::i18n::Label {
    match c {
        CellKind::Rnn => ST::CellRnn,
        CellKind::Gru => ST::CellGru,
        CellKind::Lstm => ST::CellLstm,
    }
}

fn task_about(t: Task) -> crate::i18n::Label {
    match t {
        Task::Sine => ST::TaskAbout,
        Task::TwoSines => ST::TaskAboutTwo,
        Task::Recall => ST::TaskAboutRecall,
        Task::Count => ST::TaskAboutCount,
        Task::Text => ST::TaskAboutText,
    }
}

/// Recall's symbols as letters (the marker is shown as the first step's frame).
fn symbol(k: usize) -> char {
    char::from(b'A' + (k.min(25)) as u8)
}

#[component]
pub fn Sequence() -> impl IntoView {
    let lab = lab_shell::open(&LAB, SequenceEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: every parameter tensor as it is now.
    crate::components::chart::tools::offer_model(move || engine.look(|e| e.trainer().map(|t| crate::components::chart::tools::params_json("recurrent network", t.net().params()))));
    let inspection = RwSignal::new(None::<(usize, Inspection)>);
    let prompt = RwSignal::new(String::new());
    let continuation = RwSignal::new(String::new());
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.runs.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("length", "length"), ("delay", "delay"), ("hidden", "hidden"), ("layers", "layers"), ("lr", "lr"), ("batch", "batch"), ("clip", "clip"), ("train", "train"), ("val", "val")],
    );
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);

    let loss_ref = NodeRef::<Canvas>::new();
    let acc_ref = NodeRef::<Canvas>::new();
    let forecast_ref = NodeRef::<Canvas>::new();
    let grad_ref = NodeRef::<Canvas>::new();
    let state_ref = NodeRef::<Canvas>::new();
    let gate_refs: [NodeRef<Canvas>; 3] = std::array::from_fn(|_| NodeRef::new());
    let unrolled_ref = NodeRef::<Canvas>::new();
    let norm_ref = NodeRef::<Canvas>::new();
    let chosen = RwSignal::new(None::<usize>);
    let layout = StoredValue::new(unrolled::Layout::default());

    // The curves and the forecast change once an epoch: redrawn when the epoch count moves.
    let drawn = StoredValue::new((u64::MAX, usize::MAX, Lang::En));
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let v = version.get();
        let Some(epochs) = engine.try_with_value(|e| e.trainer().map_or(0, |t| t.epoch())) else { return };
        if drawn.get_value() == (v, epochs, l) {
            return;
        }
        drawn.set_value((v, epochs, l));
        engine.look(|e| frames.measure_occasional(|| {
            draw_curves(e, l, loss_ref, acc_ref);
            draw_forecast(e, l, forecast_ref);
        }));
    });

    // The example's states and gates, and the gradient through time: a few times a second
    // while training, at once when the example or the language changes.
    let last_inside = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        version.track();
        let _ = params.look(|p| p.example);
        let l = lang.get();
        let now = now_ms();
        if playing.get_untracked() && now - last_inside.get_value() < SLOW_REFRESH_MS {
            return;
        }
        last_inside.set_value(now);
        engine.update_value(|e| frames.measure_occasional(|| {
            let seen = e.inspect();
            if let (Some(c), Some((_, s))) = (state_ref.get(), &seen) {
                heat::draw(&c, &s.states, s.steps, s.hidden, Scale::Signed, (ST::AxisStep.get(l), ST::AxisUnit.get(l)));
            }
            if let Some((_, s)) = &seen {
                let gates: Vec<&Vec<f32>> = match &s.gates {
                    Some(GateTrace::Lstm { forget, input, output, .. }) => vec![forget, input, output],
                    Some(GateTrace::Gru { reset, update }) => vec![update, reset],
                    None => vec![],
                };
                for (r, g) in gate_refs.iter().zip(gates) {
                    if let Some(c) = r.get() {
                        heat::draw(&c, g, s.steps, s.hidden, Scale::Unit, (ST::AxisStep.get(l), ST::AxisUnit.get(l)));
                    }
                }
            }
            draw_gradient(e, l, grad_ref, norm_ref);
            if let Some(c) = unrolled_ref.get() {
                layout.set_value(draw_unrolled(e, &c, seen.as_ref().map(|(i, _)| *i), chosen.get_untracked(), l));
            }
            inspection.set(seen);
        }));
    });

    // The unrolled diagram follows the chosen step at once.
    Effect::new(move |_| {
        let pick = chosen.get();
        let l = lang.get_untracked();
        let i = inspection.with_untracked(|s| s.as_ref().map(|(i, _)| *i));
        if let Some(c) = unrolled_ref.get() {
            engine.look(|e| layout.set_value(draw_unrolled(e, &c, i, pick, l)));
        }
    });

    // The text's continuation: when the prompt changes, and once an epoch.
    Effect::new(move |_| {
        frame.track();
        let p = prompt.get();
        let epoch = engine.look(|e| e.trainer().map_or(0, |t| t.epoch()));
        let _ = epoch;
        let text = engine.try_update_value(|e| e.continue_text(if p.is_empty() { default_prompt(e) } else { &p }, CONTINUATION)).flatten();
        continuation.set(text.unwrap_or_default());
    });

    let (set, t) = (move |f: &dyn Fn(&mut SequenceParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&SequenceEngine) -> String| lab.read(f);
    let is_task = move |tasks: &'static [Task]| move || params.look(|p| tasks.contains(&p.task));

    let cells: Vec<(&'static str, crate::i18n::Label)> = CellKind::ALL.iter().map(|&c| (c.slug(), cell_name(c))).collect();
    let rivals: Vec<(&'static str, crate::i18n::Label)> = Rival::ALL.iter().map(|&r| (r.slug(), r.cell().map_or(ST::RivalNone, cell_name))).collect();
    let tasks: Vec<(&'static str, crate::i18n::Label)> = vec![
        (Task::Sine.slug(), ST::TaskSine),
        (Task::TwoSines.slug(), ST::TaskTwoSines),
        (Task::Recall.slug(), ST::TaskRecall),
        (Task::Count.slug(), ST::TaskCount),
        (Task::Text.slug(), ST::TaskText),
    ];
    let corpora: Vec<(&'static str, crate::i18n::Label)> = vec![(Corpus::English.slug(), ST::TextEnglish), (Corpus::Hebrew.slug(), ST::TextHebrew)];

    let status_banner = training::status_banner(lab, run);


    // The looked-at example in words: what it read and what the network answers.
    let answer = move || {
        let l = lang.get();
        let Some((i, s)) = inspection.get() else { return String::new() };
        engine.look(|e| {
            let Some(t) = e.trainer() else { return String::new() };
            let set = t.set();
            match &set.targets {
                Targets::Values(v) => fill(ST::ForecastAnswer.get(l), &[&number(f64::from(s.output.first().copied().unwrap_or(f32::NAN)), 3), &number(f64::from(v[i]), 3)]),
                Targets::Classes { labels, .. } => {
                    let best = argmax(&s.output);
                    let sure = pct(s.output.get(best).copied());
                    let truth = labels[i] as usize;
                    match set.task {
                        Task::Recall => fill(ST::RecallAnswer.get(l), &[&symbol(best).to_string(), &sure, &symbol(truth).to_string()]),
                        Task::Count => fill(ST::CountAnswer.get(l), &[&best.to_string(), &sure, &truth.to_string()]),
                        _ => {
                            let read: String = set.example(i).chunks(set.width).filter_map(|c| c.iter().position(|&v| v == 1.0)).filter_map(|k| set.vocabulary.get(k)).collect();
                            let ch = |k: usize| set.vocabulary.get(k).map_or(String::new(), |c| c.to_string());
                            fill(ST::TextAnswer.get(l), &[&read, &ch(best), &ch(truth)])
                        }
                    }
                }
            }
        })
    };

    // Recall and count: the example's steps as symbols (recall's first one marked).
    let strip = move || {
        let (i, _) = inspection.get()?;
        engine.look(|e| {
            let t = e.trainer()?;
            let set = t.set();
            let cells: Vec<String> = match set.task {
                // The marked symbol, then the noise it must be remembered through.
                Task::Recall => std::iter::once(set.example(i)[..RECALL_SYMBOLS].iter().position(|&v| v == 1.0).map_or('?', symbol).to_string())
                    .chain(std::iter::repeat_n("~".to_owned(), set.steps - 1))
                    .collect(),
                Task::Count => set.example(i).iter().map(|&b| if b > 0.5 { "1" } else { "0" }.to_owned()).collect(),
                _ => return None,
            };
            Some(view! {
                <ol class="seq-strip" dir="ltr" data-testid="example-strip">
                    {cells.into_iter().enumerate().map(|(k, c)| view! { <li class:first=k == 0 && set.task == Task::Recall>{c}</li> }.into_any()).collect_view()}
                </ol>
            }.into_any())
        })
    };

    let gate_views = move || {
        frame.track();
        let l = lang.get();
        let cell = params.look(|p| p.cell);
        let titles: &[crate::i18n::Label] = match cell {
            CellKind::Lstm => &[ST::GateForget, ST::GateInput, ST::GateOutput],
            CellKind::Gru => &[ST::GateUpdate, ST::GateReset],
            CellKind::Rnn => &[],
        };
        if titles.is_empty() {
            return view! { <p class="help" data-testid="no-gates">{ST::NoGates.get(l)}</p> }.into_any();
        }
        view! {
            <p class="help">{ST::GatesHelp.get(l)}</p>
            <div class="seq-gates">
                {titles.iter().enumerate().map(|(k, g)| view! {
                    <figure><figcaption>{g.get(l)}</figcaption>
                        <canvas node_ref=gate_refs[k] class="seq-heat" data-testid=format!("gate-{k}")></canvas></figure>
                }.into_any()).collect_view()}
            </div>
        }.into_any()
    };



    view! {
        <article class="lab sequence" data-testid="lab-sequence">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::Now::of(e).map_or(0, |n| challenges::met(&n))).unwrap_or(0)
            })}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label=Signal::derive(|| Label::from(TR::StepBatch)) />
                {training::pace_select(params, ST::SpeedHelp)}
                {counter(t(T::EpochLabel.into()), "epoch", read(|e| e.trainer().map_or("—".into(), |t| t.epoch().to_string())))}
                {counter(t(TR::Batches.into()), "batches", read(|e| e.trainer().map_or("—".into(), |t| thousands(t.batches_trained() as f64))))}
                {move || if is_task(&[Task::Sine, Task::TwoSines])() {
                    view! {
                        {counter(t(ST::ValMse.into()), "val-mse", read(|e| e.latest(false).map_or("—".into(), |m| mse(m.val_loss))))}
                        {counter(t(ST::Baseline.into()), "baseline", read(|e| e.baseline().map_or("—".into(), mse)))}
                    }.into_any()
                } else {
                    counter(t(ST::ValAcc.into()), "acc-val", read(|e| pct(e.latest(false).map(|m| m.val_acc).filter(|v| v.is_finite())))).into_any()
                }}
                <p class="help seq-keys">{t(TR::KeysBatch.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="seq-curves">
                    <h2 id="seq-curves">{t(ST::CurvesTitle.into())}</h2>
                    <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=acc_ref data-testid="acc-chart" class="chart-canvas" class:hidden=is_task(&[Task::Sine, Task::TwoSines])></canvas>
                    <p class="help">{t(ST::CurvesHelp.into())}</p>
                    {move || is_task(&[Task::Sine, Task::TwoSines])().then(|| view! {
                        <p class="help" data-testid="baseline-verdict">{move || {
                            frame.track();
                            let l = lang.get();
                            let (val, base) = engine.look(|e| (e.latest(false).map(|m| m.val_loss), e.baseline()));
                            match (val, base) {
                                (Some(v), Some(b)) if v.is_finite() => fill(if v < b { ST::Beaten.get(l) } else { ST::NotBeaten.get(l) }, &[&mse(v), &mse(b)]),
                                _ => ST::BaselineHelp.get(l).to_owned(),
                            }
                        }}</p>
                    }.into_any())}
                    {training::test_exam(lab, run, test_result)}
                </section>

                <section class="panel" aria-labelledby="seq-predict">
                    <h2 id="seq-predict">{t(ST::PredictTitle.into())}</h2>
                    {move || is_task(&[Task::Sine, Task::TwoSines])().then(|| view! {
                        <p class="help">{t(ST::ForecastHelp.into())}</p>
                    }.into_any())}
                    <canvas node_ref=forecast_ref data-testid="forecast-chart" class="chart-canvas" class:hidden=move || !is_task(&[Task::Sine, Task::TwoSines])()></canvas>
                    {move || is_task(&[Task::Text])().then(|| view! {
                        <div class="control" data-control="prompt">
                            <div class="control-head"><label for="prompt">{t(ST::PromptLabel.into())}</label></div>
                            <input id="prompt" data-testid="prompt" type="text" maxlength="60" aria-describedby="prompt-help"
                                prop:value=move || prompt.get()
                                placeholder=move || engine.look(|e| default_prompt(e).to_owned())
                                on:input=move |ev| prompt.set(event_target_value(&ev)) />
                            <p class="help" id="prompt-help">{t(ST::PromptHelp.into())}</p>
                        </div>
                        <p class="seq-continuation" data-testid="continuation" aria-live="polite">
                            <span class="help">{t(ST::Continuation.into())}": "</span>{move || continuation.get()}</p>
                    }.into_any())}
                    {count(lang, params, "example", ST::ExampleLabel, ST::ExampleHelp, (0, 49), "", |p| p.example, |p, v| p.example = v)}
                    {strip}
                    <p class="seq-answer" data-testid="example-answer" aria-live="polite">{answer}</p>
                </section>

                <section class="panel" aria-labelledby="seq-inside">
                    <h2 id="seq-inside">{t(ST::InsideTitle.into())}</h2>
                    <p class="help">{t(ST::InsideHelp.into())}</p>
                    <figure><figcaption>{t(ST::HiddenState.into())}</figcaption>
                        <canvas node_ref=state_ref class="seq-heat" data-testid="state-heatmap"></canvas></figure>
                    {gate_views}
                </section>

                <section class="panel" aria-labelledby="seq-gradient">
                    <h2 id="seq-gradient">{t(ST::GradientTitle.into())}</h2>
                    <p class="help">{t(ST::GradientHelp.into())}</p>
                    <canvas node_ref=unrolled_ref data-testid="unrolled" class="seq-unrolled" tabindex="0"
                        aria-label=t(ST::UnrolledLabel.into()) aria-describedby="unrolled-hover"
                        on:pointermove=move |ev: web_sys::PointerEvent| chosen.set(layout.with_value(|l| l.hit(f64::from(ev.offset_x()))))
                        on:pointerleave=move |_| chosen.set(None)
                        on:keydown=move |ev: web_sys::KeyboardEvent| {
                            let steps = layout.with_value(|l| l.steps);
                            let next = match (ev.key().as_str(), chosen.get_untracked()) {
                                (_, _) if steps == 0 => return,
                                ("ArrowRight", None) | ("Home", _) => 0,
                                ("ArrowLeft", None) | ("End", _) => steps - 1,
                                ("ArrowRight", Some(c)) => (c + 1).min(steps - 1),
                                ("ArrowLeft", Some(c)) => c.saturating_sub(1),
                                ("Escape", _) => { chosen.set(None); return; }
                                _ => return,
                            };
                            ev.prevent_default();
                            ev.stop_propagation();
                            chosen.set(Some(next));
                        }></canvas>
                    <p class="help hover-line" id="unrolled-hover" data-testid="unrolled-hover">{move || {
                        frame.track();
                        let l = lang.get();
                        let Some(k) = chosen.get() else { return ST::UnrolledHelp.get(l).to_owned() };
                        engine.look(|e| {
                            let Some(t) = e.trainer() else { return String::new() };
                            let g = t.gradient_through_time();
                            let steps = g.len();
                            let share = match (g.get(k), g.last()) { (Some(&a), Some(&b)) if b > 0.0 => reach(a / b), _ => "—".into() };
                            fill(ST::UnrolledStep.get(l), &[&(k + 1).to_string(), &steps.to_string(), &SP::Copies.count(steps - k, l), &share])
                        })
                    }}</p>
                    <canvas node_ref=grad_ref data-testid="gradient-chart" class="chart-canvas"></canvas>
                    <p class="help" data-testid="gradient-reach">{move || {
                        frame.track();
                        let l = lang.get();
                        let g = engine.look(|e| e.trainer().map(|t| t.gradient_through_time().to_vec())).unwrap_or_default();
                        match (g.first(), g.last()) {
                            (Some(&a), Some(&b)) if b > 0.0 && a.is_finite() => fill(ST::GradientReach.get(l), &[&reach(a / b)]),
                            _ => ST::GradientNone.get(l).to_owned(),
                        }
                    }}</p>
                    <h3>{t(ST::NormTitle.into())}</h3>
                    <p class="help">{t(ST::NormHelp.into())}</p>
                    <canvas node_ref=norm_ref data-testid="norm-chart" class="chart-canvas"></canvas>
                </section>

                <section class="panel" aria-labelledby="seq-model">
                    <h2 id="seq-model">{t(T::Model.into())}</h2>
                    <p class="help" data-testid="param-count">{move || {
                        frame.track();
                        let l = lang.get();
                        let n = engine.look(|e| e.trainer().map(|t| t.net().params().len()));
                        n.map(|n| fill(ST::ParamCount.get(l), &[&thousands(n as f64)])).unwrap_or_default()
                    }}</p>
                    {select(lang, "cell", ST::CellLabel, ST::CellHelp, cells, move || params.look(|p| p.cell.slug()),
                        move |v| if let Some(c) = CellKind::from_slug(&v) { set(&|p| p.cell = c) })}
                    {select(lang, "vs", ST::RivalLabel, ST::RivalHelp, rivals, move || params.look(|p| p.vs.slug()),
                        move |v| if let Some(r) = Rival::from_slug(&v) { set(&|p| p.vs = r) })}
                    {count(lang, params, "hidden", ST::HiddenLabel, ST::HiddenHelp, (HIDDEN_RANGE.0 as i64, HIDDEN_RANGE.1 as i64), "", |p| p.hidden, |p, v| p.hidden = v)}
                    {count(lang, params, "layers", ST::LayersLabel, ST::LayersHelp, (LAYERS_RANGE.0 as i64, LAYERS_RANGE.1 as i64), "", |p| p.layers, |p, v| p.layers = v)}
                    {training::training_controls(lang, params, OFFER, ST::LrHelp, ST::BatchHelp)}
                </section>

                <section class="panel" aria-labelledby="seq-data">
                    <h2 id="seq-data">{t(T::Data.into())}</h2>
                    {select(lang, "task", ST::TaskLabel, ST::TaskHelp, tasks, move || params.look(|p| p.task.slug()),
                        move |v| if let Some(k) = Task::from_slug(&v) { set(&|p| p.task = k) })}
                    <p class="help" data-testid="task-about">{move || task_about(params.look(|p| p.task)).get(lang.get())}</p>
                    <div class="row">
                        <button data-testid="classic" on:click=move |_| {
                            let mut q = crate::query::QueryReader::new(crate::query::parse_query(CLASSIC));
                            let classic = <SequenceParams as crate::query::LabParams>::from_query(&mut q);
                            set(&|p| *p = classic.clone());
                        }>{t(ST::Classic.into())}</button>
                    </div>
                    <p class="help">{t(ST::ClassicHelp.into())}</p>
                    {move || match params.look(|p| p.task) {
                        Task::Recall => count(lang, params, "delay", ST::DelayLabel, ST::DelayHelp, (DELAY_RANGE.0 as i64, DELAY_RANGE.1 as i64), "", |p| p.delay, |p, v| p.delay = v).into_any(),
                        Task::Count => count(lang, params, "length", ST::LengthLabel, ST::CountLengthHelp, (COUNT_RANGE.0 as i64, COUNT_RANGE.1 as i64), "", |p| p.length, |p, v| p.length = v).into_any(),
                        _ => count(lang, params, "length", ST::LengthLabel, ST::LengthHelp, (LENGTH_RANGE.0 as i64, LENGTH_RANGE.1 as i64), "", |p| p.length, |p, v| p.length = v).into_any(),
                    }}
                    {move || is_task(&[Task::Sine, Task::TwoSines])().then(|| stops(lang, params, "noise", ST::NoiseLabel, ST::NoiseHelp, &NOISES, |p| p.noise, |p, v| p.noise = v))}
                    {move || is_task(&[Task::Text])().then(|| select(lang, "text", ST::TextLabel, ST::TextHelp, corpora.clone(), move || params.look(|p| p.text.slug()),
                        move |v| if let Some(c) = Corpus::from_slug(&v) { set(&|p| p.text = c) }))}
                    {range(lang, "examples", ST::ExamplesLabel, ST::ExamplesHelp, (0, EXAMPLE_COUNTS.len() as i64 - 1),
                        move || params.look(|p| EXAMPLE_COUNTS.iter().position(|&n| n >= p.examples).unwrap_or(EXAMPLE_COUNTS.len() - 1) as i64),
                        move || params.look(|p| p.examples.to_string()),
                        move |v| set(&|p| p.examples = EXAMPLE_COUNTS[(v.max(0) as usize).min(EXAMPLE_COUNTS.len() - 1)]))}
                    <div class="row">
                        <button data-testid="new-data" on:click=move |_| set(&|p| p.data = crate::components::controls::next_seed(p.data))>{t(T::NewData.into())}</button>
                    </div>
                    <p class="help">{t(ST::DataSeedHelp.into())}</p>
                    {split_shares(lang, move || params.look(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train; p.val = val; }))}
                    <p class="help" data-testid="split-counts">{move || { frame.track(); engine.look(|e| e.trainer().map(|t| split_counts_text(lang.get(), t.split().counts()))).unwrap_or_default() }}</p>
                </section>
            </div>
        </article>
    }.into_any()
}

/// The prompt the text continuation starts from when the visitor typed none: the text's first
/// word and its space.
fn default_prompt(e: &SequenceEngine) -> &'static str {
    let text = e.params.text.text();
    let end = text.char_indices().find(|&(_, c)| c == ' ').map_or(text.len(), |(i, _)| i + 1);
    &text[..end]
}

/// A ratio as a share: "62 %", "0.4 %", or a power of ten when tiny ("10⁻⁹").
fn reach(r: f32) -> String {
    if r >= 0.001 {
        pct(Some(r))
    } else if r > 0.0 {
        format!("10^{}", r.log10().round() as i32)
    } else {
        "0".into()
    }
}

/// Index of the largest value (the first on ties).
fn argmax(p: &[f32]) -> usize {
    let mut best = 0;
    for (i, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = i;
        }
    }
    best
}

/// Loss (log) per epoch — training and validation, the rival's validation, the baseline —
/// and, for classes, accuracy with chance.
fn draw_curves(e: &SequenceEngine, l: Lang, loss_ref: NodeRef<Canvas>, acc_ref: NodeRef<Canvas>) {
    let Some(t) = e.trainer() else { return };
    let h = t.history();
    let epochs = (h.train_loss.len().saturating_sub(1)).max(1) as f32;
    let rival = e.rival().map(|r| (fill(ST::RivalVal.get(l), &[cell_name(r.net().spec().cell).get(l)]), r.history()));
    let test_colour = CLASS[2];
    if let Some(c) = loss_ref.get() {
        let mut series = line::train_val(l, indexed(&h.train_loss), indexed(&h.val_loss));
        if let Some((name, rh)) = &rival {
            series.push(Series { label: name, colour: RIVAL, points: indexed(&rh.val_loss) });
        }
        if let Some(b) = e.baseline() {
            series.push(Series { label: ST::Baseline.get(l), colour: REFERENCE, points: vec![(0.0, b), (epochs, b)] });
        }
        let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, te.loss), label: T::TestShare.get(l), colour: test_colour, faded: te.spent }).collect();
        line::draw(&c, &LineChart { series, marks, x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: T::AxisLoss.get(l), log_y: true, ..Default::default() });
    }
    let Some(chance) = t.set().chance() else { return };
    if let Some(c) = acc_ref.get() {
        let mut series = line::train_val(l, indexed(&h.train_acc), indexed(&h.val_acc));
        if let Some((name, rh)) = &rival {
            series.push(Series { label: name, colour: RIVAL, points: indexed(&rh.val_acc) });
        }
        series.push(Series { label: ST::Chance.get(l), colour: REFERENCE, points: vec![(0.0, chance), (epochs, chance)] });
        line::draw(&c, &LineChart { series, x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: T::AxisAccuracy.get(l), y_floor: Some(0.0), ..Default::default() });
    }
}

/// The series' first steps and the one-step forecasts of the validation windows among them.
fn draw_forecast(e: &SequenceEngine, l: Lang, forecast_ref: NodeRef<Canvas>) {
    let (Some(t), Some(c)) = (e.trainer(), forecast_ref.get()) else { return };
    let set = t.set();
    if set.series.is_empty() {
        return;
    }
    let span = FORECAST_SPAN.min(set.series.len());
    let truth: Vec<(f32, f32)> = set.series[..span].iter().enumerate().map(|(k, &v)| (k as f32, v)).collect();
    let predictions = t.predictions();
    // Window i forecasts step i + T; every measured window (training and validation) in time
    // order, joined by a line. Test windows are never measured: their forecasts stay unknown.
    let forecast: Vec<(f32, f32)> = (0..span.saturating_sub(set.steps)).map(|i| ((i + set.steps) as f32, predictions[i])).filter(|p| p.1.is_finite()).collect();
    let th = Theme::read();
    let series = vec![Series { label: ST::Truth.get(l), colour: th.grid, points: truth }, Series { label: ST::Forecast.get(l), colour: th.val, points: forecast }];
    line::draw(&c, &LineChart { series, x_range: (0.0, span as f32), x_label: ST::AxisStep.get(l), y_label: ST::AxisValue.get(l), ..Default::default() });
}

/// ‖∂L/∂hₜ‖ per time step after the last mini-batch, on a log scale, for each network; and the
/// largest gradient norm of each epoch (before clipping) against the clipping threshold.
fn draw_gradient(e: &SequenceEngine, l: Lang, grad_ref: NodeRef<Canvas>, norm_ref: NodeRef<Canvas>) {
    let Some(t) = e.trainer() else { return };
    // Relative to the last step's: networks whose losses differ a thousandfold compare on one
    // scale, each curve ending at 1.
    let per_step = |g: &[f32]| {
        let last = g.last().copied().unwrap_or(0.0);
        g.iter().enumerate().map(|(k, &v)| ((k + 1) as f32, if last > 0.0 { v / last } else { f32::NAN })).filter(|p| p.1 > 0.0).collect::<Vec<_>>()
    };
    let th = Theme::read();
    let name = |r: &perplexed_core::sequence::trainer::SequenceTrainer| cell_name(r.net().spec().cell).get(l);
    if let Some(c) = grad_ref.get() {
        let mut series = vec![Series { label: name(t), colour: th.val, points: per_step(t.gradient_through_time()) }];
        if let Some(r) = e.rival() {
            series.push(Series { label: name(r), colour: RIVAL, points: per_step(r.gradient_through_time()) });
        }
        let steps = t.set().steps as f32;
        line::draw(&c, &LineChart { series, x_range: (1.0, steps.max(2.0)), x_label: ST::AxisStep.get(l), y_label: ST::AxisGradient.get(l), log_y: true, ..Default::default() });
    }
    if let Some(c) = norm_ref.get() {
        // Entry 0 (before training) has no gradient: epochs from 1.
        let per_epoch = |g: &[f32]| g.iter().enumerate().skip(1).map(|(k, &v)| (k as f32, v)).filter(|p| p.1 > 0.0).collect::<Vec<_>>();
        let mut series = vec![Series { label: name(t), colour: th.val, points: per_epoch(t.grad_max()) }];
        if let Some(r) = e.rival() {
            series.push(Series { label: name(r), colour: RIVAL, points: per_epoch(r.grad_max()) });
        }
        let epochs = (t.grad_max().len().saturating_sub(1)).max(1) as f32;
        if let Some(clip) = t.settings().clip {
            series.push(Series { label: ST::ClipLine.get(l), colour: REFERENCE, points: vec![(1.0, clip), (epochs.max(2.0), clip)] });
        }
        line::draw(&c, &LineChart { series, x_range: (1.0, epochs.max(2.0)), x_label: T::AxisEpoch.get(l), y_label: ST::AxisNorm.get(l), log_y: true, ..Default::default() });
    }
}

/// The unrolled network for example `i`: its inputs as labels, the last mini-batch's gradient
/// through time as shading.
fn draw_unrolled(e: &SequenceEngine, c: &web_sys::HtmlCanvasElement, i: Option<usize>, chosen: Option<usize>, l: Lang) -> unrolled::Layout {
    let Some(t) = e.trainer() else { return unrolled::Layout::default() };
    let set = t.set();
    let labels: Vec<String> = match i {
        None => Vec::new(),
        Some(i) => {
            let steps = set.example(i).chunks(set.width);
            match set.task {
                Task::Sine | Task::TwoSines => steps.map(|s| rounded(f64::from(s[0]), 1)).collect(),
                Task::Count => steps.map(|s| if s[0] > 0.5 { "1" } else { "0" }.to_owned()).collect(),
                Task::Recall => steps.enumerate().map(|(k, s)| if k == 0 { s[..RECALL_SYMBOLS].iter().position(|&v| v == 1.0).map_or('?', symbol).to_string() } else { "~".into() }).collect(),
                Task::Text => steps.map(|s| s.iter().position(|&v| v == 1.0).and_then(|k| set.vocabulary.get(k)).map_or(String::new(), |c| if *c == ' ' { "␣".into() } else { c.to_string() })).collect(),
            }
        }
    };
    unrolled::draw(c, t.gradient_through_time(), &labels, cell_name(t.net().spec().cell).get(l), chosen)
}

/// The test's figures in words (forecasting has no accuracy).
fn test_result(l: Lang, te: &TestEvaluation) -> String {
    let mut s = fill(ST::TestResult.get(l), &[&te.epoch.to_string(), &log_loss(Some(f64::from(te.loss)))]);
    if te.accuracy.is_finite() {
        s.push_str(&fill(ST::TestAccuracy.get(l), &[&pct(Some(te.accuracy))]));
    }
    s
}
