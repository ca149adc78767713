//! The attention lab (concept 16): a tiny transformer trained from scratch in the tab on tasks
//! whose answers need a position to find another — copy, reverse, sort, matching brackets, a
//! key look-up. The page shows the learning curves, one question with the model's answers,
//! the attention matrix of every head of every layer (they sharpen as it learns) with one
//! query's scores and softmax in numbers, why position matters (measured), and the question's
//! vectors at every stage of one forward pass.

mod challenges;
pub mod engine;
pub mod matrix;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::attention::model::{Position, HEADS_RANGE, LAYERS_RANGE};
use perplexed_core::attention::tasks::{token_name, Task, LENGTH_RANGE};
use perplexed_core::attention::trainer::Inspection;

use crate::components::canvas::now_ms;
use crate::components::chart::line::{self, LineChart, Mark, Series};
use crate::components::chart::indexed;
use crate::components::colors::CLASS;
use crate::components::controls::{count, counter, range, select, split_counts_text, split_shares, toggle};
use crate::components::errors;
use crate::components::format::{log_loss, rounded, share as pct, thousands};
use crate::components::frame_loop::SLOW_REFRESH_MS;
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};

use engine::AttentionEngine;
use matrix::Scale;
use params::{AttentionParams, EXAMPLE_COUNTS, WIDTHS};
use crate::components::training::{TR, self, Offer, TestEvaluation, BATCHES, CLIPS, LEARNING_RATES};
use text::AT;
use crate::components::lab_shell::Look;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::ATTENTION;

pub const LAB: Lab = Lab {
    slug: "attention",
    nav: T::NavAttention,
    concepts: &[16],
    parts: &[],
    #[cfg(test)]
    validate: <AttentionParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: reverse 8 numbers with the default transformer, at a pace
/// the eye can follow.
pub const CONCEPT_PRESET: &str = "task=reverse&length=8&speed=watch";

/// Epoch limits the "stop after" slider offers (0 = until paused).
const EPOCH_STOPS: [usize; 7] = [0, 10, 20, 50, 100, 200, 1000];
/// Most heads drawn (layers × heads).
const MAX_PICTURES: usize = 12;
/// Numbers of a head's value vectors the query table shows.
const VALUE_NUMBERS: usize = 4;
/// Most forward-pass stages drawn: the embedding, two per block, the read-out.
const MAX_STAGES: usize = 8;

/// The lab's page: what its own bundle (`src/bin/lab-attention.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Attention /> }.into_any()
}

fn task_name(t: Task) -> crate::i18n::Label {
    match t {
        Task::Copy => AT::TaskCopy,
        Task::Reverse => AT::TaskReverse,
        Task::Sort => AT::TaskSort,
        Task::Brackets => AT::TaskBrackets,
        Task::Lookup => AT::TaskLookup,
    }
}

fn task_about(t: Task) -> crate::i18n::Label {
    match t {
        Task::Copy => AT::AboutCopy,
        Task::Reverse => AT::AboutReverse,
        Task::Sort => AT::AboutSort,
        Task::Brackets => AT::AboutBrackets,
        Task::Lookup => AT::AboutLookup,
    }
}

#[component]
pub fn Attention() -> impl IntoView {
    let lab = lab_shell::open(&LAB, AttentionEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: every parameter tensor as it is now.
    crate::components::chart::tools::offer_model(move || engine.look(|e| e.trainer().map(|t| crate::components::chart::tools::params_json("transformer", t.net().params()))));
    let inspection = RwSignal::new(None::<(usize, Inspection)>);
    // The head whose numbers are shown: (layer, head).
    let focus = RwSignal::new((0usize, 0usize));
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.runs.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("length", "length"), ("layers", "layers"), ("heads", "heads"), ("width", "width"), ("lr", "lr"), ("batch", "batch"), ("clip", "clip"), ("train", "train"), ("val", "val")],
    );
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);

    let loss_ref = NodeRef::<Canvas>::new();
    let acc_ref = NodeRef::<Canvas>::new();
    let head_refs: [NodeRef<Canvas>; MAX_PICTURES] = std::array::from_fn(|_| NodeRef::new());
    let stage_refs: [NodeRef<Canvas>; MAX_STAGES] = std::array::from_fn(|_| NodeRef::new());
    let layouts = StoredValue::new([matrix::Layout::default(); MAX_PICTURES]);

    // The curves change once an epoch.
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
        engine.look(|e| frames.measure_occasional(|| draw_curves(e, l, loss_ref, acc_ref)));
    });

    // The row's attention pictures and forward-pass stages: a few times a second while training,
    // at once when the row or the chosen position changes.
    let last_inside = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        version.track();
        let (_, query) = params.look(|p| (p.example, p.query));
        let now = now_ms();
        if playing.get_untracked() && now - last_inside.get_value() < SLOW_REFRESH_MS {
            return;
        }
        last_inside.set_value(now);
        engine.update_value(|e| frames.measure_occasional(|| {
            let seen = e.inspect();
            if let Some((_, s)) = &seen {
                let labels: Vec<String> = s.tokens.iter().map(|&t| token_name(t)).collect();
                let q = query.min(s.steps.saturating_sub(1));
                let mut k = 0;
                let mut placed = [matrix::Layout::default(); MAX_PICTURES];
                for layer in &s.layers {
                    for h in 0..s.heads {
                        if let (Some(c), Some(m)) = (head_refs.get(k).and_then(|r| r.get()), layer.attention.get(h * s.steps * s.steps..(h + 1) * s.steps * s.steps)) {
                            placed[k] = matrix::draw(&c, m, (s.steps, s.steps), Scale::Unit, (&labels, &labels), Some(q));
                        }
                        k += 1;
                    }
                }
                layouts.set_value(placed);
                draw_stages(s, &labels, &stage_refs);
            }
            inspection.set(seen);
        }));
    });

    let (set, t) = (move |f: &dyn Fn(&mut AttentionParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&AttentionEngine) -> String| lab.read(f);

    let tasks: Vec<(&'static str, crate::i18n::Label)> = Task::ALL.iter().map(|&k| (k.slug(), task_name(k))).collect();
    let positions: Vec<(&'static str, crate::i18n::Label)> = vec![(Position::Learned.slug(), AT::PosLearned), (Position::Sinusoidal.slug(), AT::PosSinusoidal), (Position::None.slug(), AT::PosNone)];

    let status_banner = training::status_banner(lab, run);

    // The question, its slots with the model's answers, right or wrong.
    let question = move || {
        let l = lang.get();
        let Some((i, s)) = inspection.get() else { return view! { <p></p> }.into_any() };
        let (targets, first) = engine.look(|e| e.trainer().map(|t| (t.set().answer(i).to_vec(), t.set().first_slot()))).unwrap_or_default();
        let right = s.predicted.iter().zip(&targets).filter(|(a, b)| a == b).count();
        let cells = s.tokens.iter().enumerate().map(|(pos, &tok)| {
            let slot = pos.checked_sub(first).filter(|&j| j < s.slots);
            let (answer, sure, ok) = match slot {
                Some(j) => {
                    let p = s.probabilities.get(j * s.vocab + s.predicted[j] as usize).copied();
                    (token_name(s.predicted[j]), pct(p), targets.get(j) == Some(&s.predicted[j]))
                }
                None => (String::new(), String::new(), false),
            };
            view! {
                <li class:slot=slot.is_some() class:right=slot.is_some() && ok class:wrong=slot.is_some() && !ok>
                    <span class="att-token">{token_name(tok)}</span>
                    <span class="att-answer">{answer}</span>
                    <span class="att-sure">{sure}</span>
                </li>
            }.into_any()
        }).collect_view();
        let said: Vec<String> = s.predicted.iter().map(|&t| token_name(t)).collect();
        let truth: Vec<String> = targets.iter().map(|&t| token_name(t)).collect();
        view! {
            <ol class="att-row" dir="ltr" data-testid="example-tokens">{cells}</ol>
            <p class="att-verdict" data-testid="example-answer" aria-live="polite">{fill(AT::Answers.get(l), &[&said.join(" "), &truth.join(" "), &right.to_string(), &s.slots.to_string()])}</p>
        }.into_any()
    };

    let head_views = move || {
        let l = lang.get();
        let (layers, heads) = params.look(|p| (p.layers, p.heads));
        (0..layers * heads).filter(|&k| k < MAX_PICTURES).map(|k| {
            let (layer, head) = (k / heads, k % heads);
            view! {
                <figure class="att-head" class:focused=move || focus.get() == (layer, head)>
                    <figcaption>{fill(AT::HeadName.get(l), &[&(layer + 1).to_string(), &(head + 1).to_string()])}</figcaption>
                    <canvas node_ref=head_refs[k] class="att-matrix" data-testid=format!("head-{layer}-{head}")
                        on:click=move |_| focus.set((layer, head))
                        on:pointermove=move |ev: web_sys::PointerEvent| {
                            if let Some(r) = layouts.with_value(|l| l[k].row_at(f64::from(ev.offset_y()))) {
                                focus.set((layer, head));
                                if params.with_untracked(|p| p.query) != r { set(&|p| p.query = r) }
                            }
                        }></canvas>
                </figure>
            }.into_any()
        }).collect_view()
    };

    // The chosen query's scores and softmax for the focused head, in numbers.
    let query_table = move || {
        let l = lang.get();
        let Some((_, s)) = inspection.get() else { return view! { <p></p> }.into_any() };
        let (layer, head) = focus.get();
        let Some(trace) = s.layers.get(layer).filter(|_| head < s.heads) else {
            return view! { <p class="help">{AT::PickHead.get(l)}</p> }.into_any();
        };
        let q = params.look(|p| p.query).min(s.steps.saturating_sub(1));
        let base = head * s.steps * s.steps + q * s.steps;
        // The head's slice of a value row (or of what it gathers): its first few numbers.
        let d = s.width / s.heads.max(1);
        let shown_d = d.min(VALUE_NUMBERS);
        let numbers = |v: &[f32], row: usize| -> String {
            let start = row * s.width + head * d;
            let mut text: Vec<String> = v.get(start..start + shown_d).unwrap_or(&[]).iter().map(|&x| rounded(f64::from(x), 2)).collect();
            if d > shown_d {
                text.push("…".into());
            }
            text.join(" ")
        };
        let rows = (0..s.steps).map(|k| {
            let score = trace.scores.get(base + k).copied().unwrap_or(f32::NAN);
            let weight = trace.attention.get(base + k).copied().unwrap_or(f32::NAN);
            let shown = if score.is_finite() { rounded(f64::from(score), 2) } else { AT::Masked.get(l).to_owned() };
            let bar = format!("inline-size:{:.1}%", 100.0 * weight.clamp(0.0, 1.0));
            view! {
                <tr><td>{k}</td><td>{token_name(s.tokens[k])}</td><td>{shown}</td>
                    <td class="att-weight"><span class="att-bar" style=bar></span>{pct(Some(weight))}</td>
                    <td class="att-value">{numbers(&trace.values, k)}</td></tr>
            }.into_any()
        }).collect_view();
        let gathered = numbers(&trace.gathered, q);
        view! {
            <h3 data-testid="query-title">{fill(AT::QueryTitle.get(l), &[&q.to_string(), &token_name(s.tokens[q]), &(layer + 1).to_string(), &(head + 1).to_string()])}</h3>
            <div class="att-scroll"><table class="att-table" data-testid="query-table" dir="ltr">
                <thead><tr><th>{AT::KeyCol.get(l)}</th><th>{AT::TokenCol.get(l)}</th><th>{AT::ScoreCol.get(l)}</th><th>{AT::WeightCol.get(l)}</th>
                    <th>{fill(AT::ValueCol.get(l), &[&shown_d.to_string(), &d.to_string()])}</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th colspan="4">{AT::GatheredRow.get(l)}</th><td class="att-value" data-testid="gathered">{gathered}</td></tr></tfoot>
            </table></div>
        }.into_any()
    };

    let stage_views = move || {
        let l = lang.get();
        let layers = params.look(|p| p.layers);
        let mut titles = vec![AT::StageEmbed.get(l).to_owned()];
        for b in 1..=layers {
            titles.push(fill(AT::StageAttention.get(l), &[&b.to_string()]));
            titles.push(fill(AT::StageMlp.get(l), &[&b.to_string()]));
        }
        titles.push(AT::StageLogits.get(l).to_owned());
        titles.into_iter().enumerate().take(MAX_STAGES).map(|(k, title)| view! {
            <figure class="att-stage"><figcaption>{title}</figcaption>
                <canvas node_ref=stage_refs[k] class="att-tensor" data-testid=format!("stage-{k}")></canvas></figure>
        }.into_any()).collect_view()
    };

    let try_button = move |id: &'static str, label: crate::i18n::Label, position: Position, causal: bool| view! {
        <button data-testid=id on:click=move |_| set(&|p| { p.position = position; p.causal = causal; p.task = Task::Reverse; })>{t(label.into())}</button>
    };

    view! {
        <article class="lab attention" data-testid="lab-attention">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::Now::of(e).map_or(0, |n| challenges::met(&n))).unwrap_or(0)
            })}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label=Signal::derive(|| Label::from(TR::StepBatch)) />
                {training::pace_select(params, AT::SpeedHelp)}
                {counter(t(T::EpochLabel.into()), "epoch", read(|e| e.trainer().map_or("—".into(), |t| t.epoch().to_string())))}
                {counter(t(TR::Batches.into()), "batches", read(|e| e.trainer().map_or("—".into(), |t| thousands(t.batches_trained() as f64))))}
                {counter(t(AT::ValExact.into()), "acc-val", read(|e| pct(e.accuracies().0)))}
                {counter(t(AT::ValToken.into()), "token-val", read(|e| pct(e.accuracies().1)))}
                <p class="help att-keys">{t(TR::KeysBatch.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="att-curves">
                    <h2 id="att-curves">{t(AT::CurvesTitle.into())}</h2>
                    <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=acc_ref data-testid="acc-chart" class="chart-canvas"></canvas>
                    <p class="help">{t(AT::CurvesHelp.into())}</p>
                    {training::test_exam(lab, run, test_result)}
                </section>

                <section class="panel" aria-labelledby="att-example">
                    <h2 id="att-example">{t(AT::ExampleTitle.into())}</h2>
                    <p class="help">{t(AT::ExampleHelp.into())}</p>
                    {count(lang, params, "example", AT::ExampleLabel, AT::ExampleSliderHelp, (0, 49), "", |p| p.example, |p, v| p.example = v)}
                    {question}
                    <h3>{t(AT::PositionTitle.into())}</h3>
                    <p class="help">{t(AT::PositionHelp.into())}</p>
                    <p class="help" data-testid="position-measured">{t(AT::Measured.into())}</p>
                    <div class="row wrap">
                        {try_button("try-none", AT::TryNone, Position::None, false)}
                        {try_button("try-mask", AT::TryMask, Position::None, true)}
                        {try_button("try-learned", AT::TryLearned, Position::Learned, false)}
                    </div>
                </section>

                <section class="panel att-wide" aria-labelledby="att-heads">
                    <h2 id="att-heads">{t(AT::HeadsTitle.into())}</h2>
                    <p class="help">{t(AT::HeadsHelp.into())}</p>
                    <div class="att-heads">{head_views}</div>
                    {move || {
                        let steps = engine.look(|e| e.trainer().map_or(1, |t| t.set().steps));
                        count(lang, params, "query", AT::QueryLabel, AT::QueryHelp, (0, steps as i64 - 1), "", |p| p.query, |p, v| p.query = v)
                    }}
                    {query_table}
                </section>

                <section class="panel att-wide" aria-labelledby="att-inside">
                    <h2 id="att-inside">{t(AT::InsideTitle.into())}</h2>
                    <p class="help">{t(AT::InsideHelp.into())}</p>
                    <div class="att-stages">{stage_views}</div>
                </section>

                <section class="panel" aria-labelledby="att-model">
                    <h2 id="att-model">{t(T::Model.into())}</h2>
                    <p class="help" data-testid="param-count">{move || {
                        frame.track();
                        let l = lang.get();
                        engine.look(|e| e.trainer().map(|t| fill(AT::ParamCount.get(l), &[&thousands(t.net().params().len() as f64)]))).unwrap_or_default()
                    }}</p>
                    {count(lang, params, "layers", AT::LayersLabel, AT::LayersHelp, (LAYERS_RANGE.0 as i64, LAYERS_RANGE.1 as i64), "", |p| p.layers, |p, v| p.layers = v)}
                    {count(lang, params, "heads", AT::HeadsLabel, AT::HeadsCountHelp, (HEADS_RANGE.0 as i64, HEADS_RANGE.1 as i64), "", |p| p.heads, |p, v| p.heads = v)}
                    {range(lang, "width", AT::WidthLabel, AT::WidthHelp, (0, WIDTHS.len() as i64 - 1),
                        move || params.look(|p| WIDTHS.iter().position(|&w| w >= p.width).unwrap_or(WIDTHS.len() - 1) as i64),
                        move || params.look(|p| p.width.to_string()),
                        move |v| set(&|p| p.width = WIDTHS[(v.max(0) as usize).min(WIDTHS.len() - 1)]))}
                    {select(lang, "position", AT::PositionLabel, AT::PositionCodeHelp, positions, move || params.look(|p| p.position.slug()),
                        move |v| if let Some(k) = Position::from_slug(&v) { set(&|p| p.position = k) })}
                    {toggle(lang, "causal", AT::CausalLabel, move || params.look(|p| p.causal), move |on| set(&|p| p.causal = on))}
                    <p class="help">{t(AT::CausalHelp.into())}</p>
                    {training::training_controls(lang, params, Offer { learning_rates: &LEARNING_RATES, batches: &BATCHES, clips: &CLIPS, epoch_stops: &EPOCH_STOPS }, AT::LrHelp, AT::BatchHelp)}
                </section>

                <section class="panel" aria-labelledby="att-data">
                    <h2 id="att-data">{t(T::Data.into())}</h2>
                    {select(lang, "task", AT::TaskLabel, AT::TaskHelp, tasks, move || params.look(|p| p.task.slug()),
                        move |v| if let Some(k) = Task::from_slug(&v) { set(&|p| p.task = k) })}
                    <p class="help" data-testid="task-about">{move || task_about(params.look(|p| p.task)).get(lang.get())}</p>
                    {count(lang, params, "length", AT::LengthLabel, AT::LengthHelp, (LENGTH_RANGE.0 as i64, LENGTH_RANGE.1 as i64), "", |p| p.length, |p, v| p.length = v)}
                    {range(lang, "examples", AT::ExamplesLabel, AT::ExamplesHelp, (0, EXAMPLE_COUNTS.len() as i64 - 1),
                        move || params.look(|p| EXAMPLE_COUNTS.iter().position(|&n| n >= p.examples).unwrap_or(EXAMPLE_COUNTS.len() - 1) as i64),
                        move || params.look(|p| p.examples.to_string()),
                        move |v| set(&|p| p.examples = EXAMPLE_COUNTS[(v.max(0) as usize).min(EXAMPLE_COUNTS.len() - 1)]))}
                    <div class="row">
                        <button data-testid="new-data" on:click=move |_| set(&|p| p.data = crate::components::controls::next_seed(p.data))>{t(T::NewData.into())}</button>
                    </div>
                    <p class="help">{t(AT::DataSeedHelp.into())}</p>
                    {split_shares(lang, move || params.look(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train; p.val = val; }))}
                    <p class="help" data-testid="split-counts">{move || { frame.track(); engine.look(|e| e.trainer().map(|t| split_counts_text(lang.get(), t.split().counts()))).unwrap_or_default() }}</p>
                </section>
            </div>
        </article>
    }.into_any()
}

/// Loss (log) per epoch, training and validation; exact-sequence accuracy, training and
/// validation, with the validation per-answer accuracy.
fn draw_curves(e: &AttentionEngine, l: Lang, loss_ref: NodeRef<Canvas>, acc_ref: NodeRef<Canvas>) {
    let Some(t) = e.trainer() else { return };
    let h = t.history();
    let epochs = (h.train_loss.len().saturating_sub(1)).max(1) as f32;
    let test_colour = CLASS[2];
    if let Some(c) = loss_ref.get() {
        let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, te.loss), label: T::TestShare.get(l), colour: test_colour, faded: te.spent }).collect();
        line::draw(&c, &LineChart { series: line::train_val(l, indexed(&h.train_loss), indexed(&h.val_loss)), marks, x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: T::AxisLoss.get(l), log_y: true, ..Default::default() });
    }
    if let Some(c) = acc_ref.get() {
        let mut series = line::train_val(l, indexed(&h.train_acc), indexed(&h.val_acc));
        series.push(Series { label: AT::TokenName.get(l), colour: CLASS[1], points: indexed(t.token_accuracy().1) });
        let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, te.accuracy), label: T::TestShare.get(l), colour: test_colour, faded: te.spent }).collect();
        line::draw(&c, &LineChart { series, marks, x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: T::AxisAccuracy.get(l), y_floor: Some(0.0), ..Default::default() });
    }
}

/// The row's vectors at every stage: the embedding, each block's two residual outputs, the
/// read-out's probabilities at the slots.
fn draw_stages(s: &Inspection, labels: &[String], refs: &[NodeRef<Canvas>; MAX_STAGES]) {
    let mut tensors: Vec<(&[f32], usize, usize, Scale)> = vec![(&s.embedded, s.steps, s.width, Scale::Signed)];
    for layer in &s.layers {
        tensors.push((&layer.after_attention, s.steps, s.width, Scale::Signed));
        tensors.push((&layer.after_mlp, s.steps, s.width, Scale::Signed));
    }
    tensors.push((&s.probabilities, s.slots, s.vocab, Scale::Unit));
    let slot_labels = &labels[labels.len().saturating_sub(s.slots)..];
    for (k, (values, rows, cols, scale)) in tensors.into_iter().enumerate().take(MAX_STAGES) {
        if let Some(c) = refs[k].get() {
            let rows_named = if scale == Scale::Unit { slot_labels } else { labels };
            matrix::draw(&c, values, (rows, cols), scale, (rows_named, &[]), None);
        }
    }
}

/// The test's figures in words.
fn test_result(l: Lang, te: &TestEvaluation) -> String {
    fill(AT::TestResult.get(l), &[&te.epoch.to_string(), &log_loss(Some(f64::from(te.loss))), &pct(Some(te.accuracy))])
}
