//! The language lab (concept 23, prompt engineering), in two pages, each its own download
//! ([`Lab::parts`]): the attention lab's transformer trained live as a next-token model on a
//! small generated world (or the learner's text) against a bigram baseline; a prompt box whose
//! next-token probabilities change visibly with temperature, top-k, top-p and the repetition
//! penalty, and from which the model writes, a token at a time; the same questions asked six
//! ways, and letter counts asked with and without spelling first, measured over every question
//! ([`page`]). And the tokens it reads: a byte-pair tokenizer replayed merge by merge
//! ([`tokens::tokens_page`], `part=tokens`).

mod challenges;
pub mod engine;
pub mod params;
pub mod text;
pub mod tokens;

pub use tokens::tokens_page;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::attention::model::{Position, HEADS_RANGE, LAYERS_RANGE};
use perplexed_core::language::corpus::DOCUMENTS_RANGE;
use perplexed_core::language::model::{perplexity, CONTEXT_RANGE};

use crate::components::canvas::now_ms;
use crate::context::storage;
use crate::components::chart::line::{self, LineChart, Mark};
use crate::components::colors::CLASS;
use crate::components::controls::split_counts_text;
use crate::components::dom::{self, live, tag_text, El};
use crate::components::dom_controls as controls;
use crate::components::errors;
use crate::components::format::{number, rounded, share as pct, thousands};
use crate::components::frame_loop::{advance_while, use_frame_loop, SLOW_REFRESH_MS};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::training::{self, Offer, TestEvaluation, Training, TrainingParams, BATCHES, CLIPS, LEARNING_RATES, TR};
use crate::components::transport::Transport;
use crate::i18n::{fill, Label, Lang, T};

use engine::{Asked, LanguageEngine};
use perplexed_core::language::corpus::PromptVariant;
use params::{LanguageParams, Part, Source, MAX_WRITE, VOCABS, WIDTHS};
use text::LT;
use crate::components::lab_shell::Look;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::LANGUAGE;

pub const LAB: Lab = Lab {
    slug: "language",
    nav: T::NavLanguage,
    concepts: &[23],
    parts: &["tokens"],
    #[cfg(test)]
    validate: <LanguageParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: the small world's first question asked in the listed form
/// after three listed examples (`Japan → Tokyo.` … `France →`), answered greedily; the examples
/// say a capital is wanted, which `France →` alone does not (docs/LANGUAGE-MODEL.md). The
/// "ask the questions" panel then measures it over every question.
pub const CONCEPT_PRESET: &str = "prompt=Japan%20%E2%86%92%20Tokyo.%0AKenya%20%E2%86%92%20Nairobi.%0ANorway%20%E2%86%92%20Oslo.%0AFrance%20%E2%86%92&temperature=0&length=3&epochs=20";

/// Epoch limits the "stop after" slider offers (0 = until paused).
const EPOCH_STOPS: [usize; 7] = [0, 5, 10, 20, 30, 60, 200];
/// Tokens the next-token table lists.
const SHOWN_TOKENS: usize = 10;
/// Milliseconds between two written tokens: slow enough to watch the text stream in.
const WRITE_EVERY_MS: f64 = 50.0;
/// Where the lab keeps pasted text (this browser only).
pub(crate) const PASTED_KEY: &str = "perplexed.language.text";

/// The lab's page: what its own bundle (`src/bin/lab-language.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Language /> }.into_any()
}

/// One row of the next-token table: the token, the model's probability, and after the settings.
#[derive(Clone, PartialEq)]
struct NextRow {
    token: String,
    raw: f32,
    adjusted: f32,
}

#[component]
pub fn Language() -> impl IntoView {
    let lab = lab_shell::open(&LAB, LanguageEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the chart's menu: the transformer's every parameter tensor.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model().map(|m| crate::components::chart::tools::params_json("transformer language model", m.trainer().net().params()))).flatten());
    // Text pasted in an earlier visit comes back (it never left this browser).
    if let Some(saved) = storage().and_then(|s| s.get_item(PASTED_KEY).ok().flatten()) {
        engine.update_value(|e| e.paste(saved));
    }
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.runs.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("context", "context"), ("layers", "layers"), ("heads", "heads"), ("width", "width"), ("lr", "lr"), ("batch", "batch"), ("clip", "clip"), ("train", "train"),
          ("val", "val"), ("text", "paste"), ("data", "documents"), ("vocab", "vocab")],
    );
    // A Hebrew page whose address names no text opens on the Hebrew small world.
    if lang.get_untracked() == Lang::He && !crate::query::current_pairs().iter().any(|(k, _)| k == "corpus") {
        params.update(|p| p.corpus = Source::Hebrew);
    }
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);
    let (set, t) = (move |f: &dyn Fn(&mut LanguageParams)| lab.set(f), move |key: Label| lab.t(key));

    // Writing: a token every WRITE_EVERY_MS, in its own frame loop (it goes on while paused).
    let writing = RwSignal::new(false);
    let written = RwSignal::new(0u64);
    let last_written = StoredValue::new(f64::NEG_INFINITY);
    let write_frames = use_frame_loop(move |tick| {
        if tick.now() - last_written.get_value() >= WRITE_EVERY_MS {
            last_written.set_value(tick.now());
            advance_while(writing, || engine.try_update_value(|e| e.write_one() && e.writing.left > 0));
            written.update(|w| *w += 1);
        }
        writing.get_untracked()
    });
    write_frames.run_while(move || writing.get());
    let write = move || {
        engine.update_value(LanguageEngine::start_writing);
        written.update(|w| *w += 1);
        writing.set(true);
        write_frames.ensure();
    };
    // A new prompt, new settings or a new run: what was written belongs to another question.
    Effect::new(move |prev: Option<(String, u64)>| {
        let key = (params.look(|p| p.prompt.clone()), version.get());
        if prev.is_some_and(|k| k != key) {
            writing.set(false);
            engine.update_value(LanguageEngine::clear_writing);
            written.update(|w| *w += 1);
        }
        key
    });

    // Asking the ways of asking: a share of every frame, in its own loop, training paused.
    let measuring = RwSignal::new(false);
    let measured = RwSignal::new(0u64);
    let measure_frames = use_frame_loop(move |tick| {
        advance_while(measuring, || engine.try_update_value(|e| e.measure_some(&tick.within(0.9))));
        measured.update(|m| *m += 1);
        measuring.get_untracked()
    });
    measure_frames.run_while(move || measuring.get());
    let measure = move |asked: Asked| {
        run.playing.set(false);
        engine.update_value(|e| e.start_measuring(asked));
        measured.update(|m| *m += 1);
        measuring.set(true);
        measure_frames.ensure();
    };
    Effect::new(move |prev: Option<u64>| {
        let v = version.get();
        if prev.is_some_and(|p| p != v) {
            measuring.set(false);
            measured.update(|m| *m += 1);
        }
        v
    });

    // The next-token table: at once when the prompt, the settings or the text written change, a
    // few times a second while the model trains.
    let next = RwSignal::new(None::<Result<Vec<NextRow>, ()>>);
    let last_next = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        version.track();
        written.track();
        params.look(|p| (p.prompt.clone(), p.decoding()));
        let now = now_ms();
        if playing.get_untracked() && now - last_next.get_value() < SLOW_REFRESH_MS {
            return;
        }
        last_next.set_value(now);
        let rows = engine.try_update_value(|e| {
            let (raw, adjusted) = e.next_distributions()?;
            let text = e.model()?.text().clone();
            let Ok(adjusted) = adjusted else { return Some(Err(())) };
            let order = perplexed_core::shared::sorted_order(raw.len(), &|a, b| raw[b].total_cmp(&raw[a]).then(a.cmp(&b)));
            Some(Ok(order.into_iter().take(SHOWN_TOKENS).map(|i| NextRow { token: text.token_text(i as u32).to_owned(), raw: raw[i], adjusted: adjusted[i] }).collect()))
        }).flatten();
        next.set(rows);
    });

    // The perplexity curves change once an epoch.
    let curves_ref = NodeRef::<Canvas>::new();
    let drawn = StoredValue::new((u64::MAX, usize::MAX, Lang::En, false));
    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        let v = version.get();
        let Some((epochs, first_done)) = engine.try_with_value(|e| e.model().map_or((0, false), |m| (m.trainer().epoch(), !m.trainer().measuring()))) else { return };
        if drawn.get_value() == (v, epochs, l, first_done) {
            return;
        }
        drawn.set_value((v, epochs, l, first_done));
        engine.look(|e| frames.measure_occasional(|| draw_curves(e, l, curves_ref)));
    });

    let status_banner = training::status_banner(lab, run);
    let paste_needed = live(move || {
        frame.track();
        let missing = engine.look(|e| e.params.corpus == Source::Pasted && !e.has_pasted());
        missing.then(|| El::new("div").class("banner").attr("role", "status").testid("paste-needed").child(tag_text("p", "", LT::PasteNeeded.get(lang.get())))).into_iter().collect()
    });

    // The tables and the text written: data for dom::live (one builder for them all).
    let bar = |class: &'static str, p: f32| El::new("span").class(class).attr("style", format!("inline-size:{:.1}%", 100.0 * p.clamp(0.0, 1.0)));
    let next_table = live(move || {
        let l = lang.get();
        match next.get() {
            None => Vec::new(),
            Some(Err(())) => vec![tag_text("p", "help", LT::BadDecoding.get(l)).testid("next-error")],
            Some(Ok(rows)) => {
                let head = [LT::TokenCol, LT::RawName, LT::AdjustedName].iter().map(|k| k.get(l).to_owned()).collect();
                let body = rows.into_iter().map(|r| El::new("tr").children(vec![
                    tag_text("td", "lm-next-token", r.token.replace(' ', "▁")),
                    El::new("td").class("lm-p").child(bar("lm-bar raw", r.raw)).says(pct(Some(r.raw))),
                    El::new("td").class("lm-p").child(bar("lm-bar", r.adjusted)).says(pct(Some(r.adjusted))),
                ])).collect();
                vec![dom::table("lm-next", "next-tokens", head, body).attr("dir", "ltr")]
            }
        }
    });

    let written_view = live(move || {
        written.track();
        version.track();
        let (prompt, text, left, repeated) = engine.look(|e| (e.prompt(), e.written_text(), e.writing.left, e.repetition()));
        let l = lang.get();
        let pre = El::new("pre").class("lm-written").testid("written").attr("aria-live", "polite").maybe("aria-busy", writing.get().then(|| "true".into()))
            .child(tag_text("span", "lm-prompt", prompt)).child(tag_text("span", "lm-continuation", text)).child_if((left > 0).then(|| El::text("▍")));
        // The buttons that write, with the text they write (one container: dom::live).
        let button = |id: &'static str, label: crate::i18n::Label, act: Box<dyn Fn()>| El::new("button").testid(id).says(label.get(l)).on_click(act);
        vec![
            El::new("div").class("row").children(vec![
                button("write", LT::Write, Box::new(write)),
                button("write-step", LT::WriteStep, Box::new(move || { writing.set(false); engine.update_value(LanguageEngine::write_step); written.update(|w| *w += 1); })),
                button("new-sample", LT::NewSample, Box::new(move || { set(&|p| p.sample = crate::components::controls::next_seed(p.sample)); write(); })),
            ]),
            tag_text("p", "help", LT::WriteHelp.get(l)),
            tag_text("h3", "", LT::Written.get(l)),
            pre,
            tag_text("p", "help", repeated.map(|r| fill(LT::Repeated.get(l), &[&pct(Some(r as f32))])).unwrap_or_default()).testid("repeated"),
        ]
    });

    // A survey's table: each way of asking, the transformer's and the bigram's scores.
    let survey_table = move |asked: Asked, testid: &'static str| {
        measured.track();
        version.track();
        let l = lang.get();
        let names: Vec<crate::i18n::Label> = match asked {
            Asked::Questions => PromptVariant::ALL.iter().map(|&v| way_name(v)).collect(),
            Asked::Letters => vec![LT::WayDirect, LT::WaySpelled, LT::WayThinkFirst],
        };
        let examples = engine.look(|e| e.way_examples(asked));
        let state = engine.look(|e| e.measuring.as_ref().filter(|m| m.asked == asked).map(|m| (m.progress(), m.epoch, m.results())));
        let rows = names.iter().enumerate().map(|(k, name)| {
            let (p, right, bigram) = state.as_ref().and_then(|(_, _, r)| r.get(k)).filter(|(m, _)| !m.is_empty())
                .map_or((None, String::new(), String::new()), |(m, b)| (Some(m.mean_probability as f32), pct(Some(m.accuracy as f32)), pct(Some(b.mean_probability as f32))));
            El::new("tr").children(vec![
                tag_text("th", "", name.get(l)).attr("scope", "row").attr("title", examples.get(k).cloned().unwrap_or_default()),
                El::new("td").class("lm-p").child(bar("lm-bar", p.unwrap_or(0.0))).says(p.map(|v| pct(Some(v))).unwrap_or_default()),
                tag_text("td", "", right),
                tag_text("td", "", bigram),
            ])
        }).collect();
        let head = [LT::WayCol, LT::ProbCol, LT::RightCol, LT::BigramCol].iter().map(|k| k.get(l).to_owned()).collect();
        let progress = state.map(|((done, all), epoch, _)| fill(LT::Progress.get(l), &[&done.to_string(), &all.to_string(), &epoch.to_string()]));
        let listed = examples.into_iter().map(|x| El::new("li").child(El::new("pre").attr("dir", "auto").says(x))).collect();
        vec![
            dom::table("lm-next", testid, head, rows),
            tag_text("p", "help", progress.unwrap_or_default()).testid(format!("{testid}-progress")).attr("aria-live", "polite"),
            El::new("details").child(tag_text("summary", "", LT::Examples.get(l))).child(El::new("ol").class("lm-examples").attr("dir", "auto").children(listed)),
        ]
    };
    // The panels on asking (ways of asking, thinking first, what a chatbot adds) as plain data in
    // one container (dom::live), not a Leptos view type per element: 1–2 KB less to download.
    let asking = live(move || {
        let l = lang.get();
        let panel = |id: &'static str, class: &'static str, title: crate::i18n::Label, body: Vec<El>| {
            El::new("section").class(class).attr("aria-labelledby", id).child(tag_text("h2", "", title.get(l)).attr("id", id)).children(body)
        };
        let ask = |testid: &'static str, label: crate::i18n::Label, asked: Asked| {
            El::new("div").class("row").child(El::new("button").attr("type", "button").testid(testid).says(label.get(l)).on_click(move || measure(asked)))
        };
        let mut questions = vec![tag_text("p", "help", LT::AskHelp.get(l)), ask("ask-questions", LT::MeasureQuestions, Asked::Questions)];
        questions.extend(survey_table(Asked::Questions, "ways"));
        let mut letters = vec![tag_text("p", "help", LT::ThinkHelp.get(l)), ask("ask-letters", LT::MeasureLetters, Asked::Letters)];
        letters.extend(survey_table(Asked::Letters, "letters"));
        letters.push(tag_text("h3", "", LT::StrawberryTitle.get(l)));
        letters.push(tag_text("p", "help", LT::StrawberryText.get(l)));
        vec![
            panel("lm-ask", "panel", LT::AskTitle, questions),
            panel("lm-think", "panel", LT::ThinkTitle, letters),
            panel("lm-chatbot", "panel lm-wide", LT::ChatbotTitle, vec![tag_text("p", "", LT::ChatbotText.get(l))]),
        ]
    });

    let pasted = RwSignal::new(String::new());
    let train_pasted = move || {
        let text = pasted.get_untracked();
        if let Some(s) = storage() {
            // Too long for the browser's storage: it is still trained on, only not remembered.
            let _ = s.set_item(PASTED_KEY, &text);
        }
        engine.update_value(|e| e.paste(text));
        set(&|p| p.corpus = Source::Pasted);
        lab.published(run);
        run.playing.set(true);
    };

    // The controls, drawn as data (dom::live): one builder for every slider and select.
    let invalid = errors::invalid_controls();
    let decoding_controls = live(move || {
        let l = lang.get();
        params.look(|p| {
            let slider = |id: &'static str, (label, help): (crate::i18n::Label, crate::i18n::Label), bounds: (i64, i64), at: i64, shown: String, put: fn(&mut LanguageParams, i64)| {
                controls::range(id, invalid(id), label.get(l), help.get(l), bounds, at, shown, move |v| set(&|p| put(p, v)))
            };
            vec![
                slider("temperature", (LT::TemperatureLabel, LT::TemperatureHelp), (0, 40), (p.temperature * 10.0).round() as i64, number(f64::from(p.temperature), 1), |p, v| p.temperature = v as f32 / 10.0),
                tag_text("p", "help", LT::Greedy.get(l)).testid("greedy-note").flag("hidden", !p.decoding().is_greedy()),
                slider("top_k", (LT::TopKLabel, LT::TopKHelp), (0, 50), p.top_k as i64, p.top_k.to_string(), |p, v| p.top_k = v as usize),
                slider("top_p", (LT::TopPLabel, LT::TopPHelp), (1, 20), (p.top_p * 20.0).round() as i64, number(f64::from(p.top_p), 2), |p, v| p.top_p = v as f32 / 20.0),
                slider("repetition", (LT::RepetitionLabel, LT::RepetitionHelp), (10, 30), (p.repetition * 10.0).round() as i64, number(f64::from(p.repetition), 1), |p, v| p.repetition = v as f32 / 10.0),
                slider("length", (LT::LengthLabel, LT::LengthHelp), (1, MAX_WRITE as i64), p.length as i64, p.length.to_string(), |p, v| p.length = v as usize),
            ]
        })
    });
    let model_controls = live(move || {
        let l = lang.get();
        params.look(|p| {
            let count = |id: &'static str, (label, help): (crate::i18n::Label, crate::i18n::Label), (min, max): (usize, usize), now: usize, put: fn(&mut LanguageParams, usize)| {
                controls::range(id, invalid(id), label.get(l), help.get(l), (min as i64, max as i64), now as i64, now.to_string(), move |v| set(&|p| put(p, v as usize)))
            };
            let positions = [(Position::Learned, LT::PosLearned), (Position::Sinusoidal, LT::PosSinusoidal), (Position::None, LT::PosNone)]
                .iter().map(|(k, name)| (k.slug().to_owned(), name.get(l).to_owned())).collect();
            let width_at = WIDTHS.iter().position(|&w| w >= p.width).unwrap_or(WIDTHS.len() - 1) as i64;
            version.track();
            let param_count = engine.look(|e| e.model().map(|m| fill(LT::ParamCount.get(l), &[&thousands(m.trainer().net().params().len() as f64)]))).unwrap_or_default();
            let mut shown = vec![
                tag_text("p", "help", param_count).testid("param-count"),
                count("context", (LT::ContextLabel, LT::ContextHelp), CONTEXT_RANGE, p.context, |p, v| p.context = v),
                count("layers", (LT::LayersLabel, LT::LayersHelp), LAYERS_RANGE, p.layers, |p, v| p.layers = v),
                count("heads", (LT::HeadsLabel, LT::HeadsHelp), HEADS_RANGE, p.heads, |p, v| p.heads = v),
                controls::range("width", invalid("width"), LT::WidthLabel.get(l), LT::WidthHelp.get(l), (0, WIDTHS.len() as i64 - 1), width_at, p.width.to_string(),
                    move |v| set(&|p| p.width = WIDTHS[(v.max(0) as usize).min(WIDTHS.len() - 1)])),
                controls::select("position", invalid("position"), LT::PositionLabel.get(l), LT::PositionHelp.get(l), positions, p.position.slug(),
                    move |v| if let Some(k) = Position::from_slug(&v) { set(&|p| p.position = k) }),
            ];
            let offer = Offer { learning_rates: &LEARNING_RATES, batches: &BATCHES, clips: &CLIPS, epoch_stops: &EPOCH_STOPS };
            let put = move |f: &dyn Fn(&mut Training)| set(&|p| { let mut t = p.training(); f(&mut t); p.set_training(t); });
            shown.extend(training::training_controls_el(l, &p.training(), offer, (LT::LrHelp.get(l), LT::BatchHelp.get(l)), invalid, put));
            shown
        })
    });

    // The two text areas, as data (dom::live): what the learner writes is only ever a value,
    // never markup.
    let text_box = |id: &'static str, l: Lang, (label, help): (crate::i18n::Label, crate::i18n::Label), rows: &'static str, area: El| {
        let help_id = format!("{id}-help");
        El::new("div").class("control").attr("data-control", id)
            .child(El::new("div").class("control-head").child(El::new("label").attr("for", id).says(label.get(l))))
            .child(area.attr("id", id).testid(id).attr("rows", rows).attr("dir", "auto").attr("aria-describedby", help_id.clone()))
            .child(tag_text("p", "help", help.get(l)).attr("id", help_id))
    };
    let prompt_box = live(move || {
        version.track();
        let l = lang.get();
        let area = El::new("textarea").attr("placeholder", engine.look(LanguageEngine::default_prompt)).attr("value", params.look(|p| p.prompt.clone()))
            .on_value(move |v| if let Some(v) = params::typed(&v) { set(&|p| p.prompt = v.clone()) });
        vec![text_box("prompt", l, (LT::PromptLabel, LT::PromptFieldHelp), "3", area)]
    });
    let paste_box = live(move || {
        let l = lang.get();
        let area = El::new("textarea").maybe("aria-invalid", errors::is_invalid("paste")().then(|| "true".to_owned())).on_value(move |v| pasted.set(v));
        let train = El::new("button").testid("paste-train").says(LT::PasteTrain.get(l)).on_click(train_pasted);
        vec![text_box("paste", l, (LT::PasteLabel, LT::PasteHelp), "4", area).child(train)]
    });

    // The counters as data in one container (dom::live): a reactive text per counter would be a
    // view type each.
    let counters = live(move || {
        frame.track();
        let l = lang.get();
        let figures = engine.look(|e| e.model().map(|m| {
            let t = m.trainer();
            [t.epoch().to_string(), thousands(t.batches_trained() as f64), shown(m.perplexity().1), shown(m.baseline_perplexity().1)]
        }));
        let names = [(T::EpochLabel, "epoch"), (TR::Batches, "batches"), (LT::ValPerplexity, "ppl-val"), (LT::BigramPerplexity, "ppl-bigram")];
        let mut cells: Vec<El> = names.iter().enumerate().map(|(k, (name, id))| {
            let value = figures.as_ref().map_or("—".to_owned(), |f| f[k].clone());
            El::new("div").class("counter").child(tag_text("span", "counter-label", name.get(l))).child(tag_text("span", "counter-value", value).testid(*id))
        }).collect();
        cells.push(tag_text("p", "help", TR::KeysBatch.get(l)));
        cells
    });

    view! {
        <article class="lab language" data-testid="lab-language">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || { frame.track(); written.track(); engine.try_with_value(challenges::now).unwrap_or(0) })}
            {parts_nav(lang, params)}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label=Signal::derive(|| Label::from(TR::StepBatch)) />
                {training::pace_select(params, LT::SpeedHelp)}
                {counters}
            </div>
            {status_banner}
            {paste_needed}
            <div class="lab-grid two">
                <section class="panel" aria-labelledby="lm-curves">
                    <h2 id="lm-curves">{t(LT::CurvesTitle.into())}</h2>
                    <canvas node_ref=curves_ref data-testid="perplexity-chart" class="chart-canvas"></canvas>
                    <p class="help">{t(LT::CurvesHelp.into())}</p>
                    {training::test_exam(lab, run, test_result)}
                </section>

                <section class="panel" aria-labelledby="lm-prompt">
                    <h2 id="lm-prompt">{t(LT::PromptTitle.into())}</h2>
                    <p class="help">{t(LT::PromptHelp.into())}</p>
                    {prompt_box}
                    {next_table}
                    {decoding_controls}
                    {written_view}
                </section>

                <section class="panel" aria-labelledby="lm-model">
                    <h2 id="lm-model">{t(T::Model.into())}</h2>
                    {model_controls}
                </section>

                <section class="panel" aria-labelledby="lm-data">
                    <h2 id="lm-data">{t(T::Data.into())}</h2>
                    {live(move || {
                        let l = lang.get();
                        let mut shown = params.look(|p| text_controls(l, p, invalid, set));
                        shown.push(El::new("div").class("row").child(El::new("button").testid("new-data").says(T::NewData.get(l))
                            .on_click(move || set(&|p| p.data = crate::components::controls::next_seed(p.data)))));
                        shown.push(tag_text("p", "help", LT::DataSeedHelp.get(l)));
                        shown
                    })}
                    {paste_box}
                    {live(move || {
                        let l = lang.get();
                        version.track();
                        let mut shown = params.look(|p| controls::split_shares(l, (p.train, p.val), (invalid("train"), invalid("val")), move |train, val| set(&|p| { p.train = train; p.val = val; })));
                        shown.push(tag_text("p", "help", LT::SplitHelp.get(l)));
                        let counts = engine.look(|e| e.model().map(|m| split_counts_text(l, m.trainer().split().counts()))).unwrap_or_default();
                        shown.push(tag_text("p", "help", counts).attr("id", "split-counts").testid("split-counts"));
                        shown
                    })}
                </section>

                {asking}
            </div>
        </article>
    }.into_any()
}

/// The two pages as tabs (each its own bundle).
pub(crate) fn parts_nav(lang: RwSignal<Lang>, params: RwSignal<LanguageParams>) -> impl IntoView {
    let tabs = vec![(Part::Model.slug(), LT::PartModel.into()), (Part::Tokens.slug(), LT::PartTokens.into())];
    lab_shell::parts_nav(&LAB, lang, params, (LT::PartsLabel.into(), tabs), |p| p.part.slug(), |p, to| LanguageParams { part: Part::from_slug(to).unwrap_or(p.part), ..p.clone() })
}

/// The text the model learns from — its source, how many documents, the vocabulary's size —
/// on both pages (a new size retrains the model and re-learns the tokens).
pub(crate) fn text_controls(l: Lang, p: &LanguageParams, invalid: impl Fn(&'static str) -> bool, set: impl Fn(&dyn Fn(&mut LanguageParams)) + Copy + 'static) -> Vec<El> {
    let sources = [(Source::English, LT::SourceEnglish), (Source::Hebrew, LT::SourceHebrew), (Source::Pasted, LT::SourcePasted)]
        .iter().map(|(k, name)| (k.slug().to_owned(), name.get(l).to_owned())).collect();
    let vocab_at = VOCABS.iter().position(|&v| v >= p.vocab).unwrap_or(VOCABS.len() - 1) as i64;
    vec![
        controls::select("corpus", invalid("corpus"), LT::SourceLabel.get(l), LT::SourceHelp.get(l), sources, p.corpus.slug(),
            move |v| if let Some(k) = Source::from_slug(&v) { set(&|p| p.corpus = k) }),
        controls::range("documents", invalid("documents"), LT::DocumentsLabel.get(l), LT::DocumentsHelp.get(l), (DOCUMENTS_RANGE.0 as i64, DOCUMENTS_RANGE.1 as i64),
            p.documents as i64, p.documents.to_string(), move |v| set(&|p| p.documents = v as usize)),
        controls::range("vocab", invalid("vocab"), LT::VocabLabel.get(l), LT::VocabHelp.get(l), (0, VOCABS.len() as i64 - 1), vocab_at, p.vocab.to_string(),
            move |v| set(&|p| p.vocab = VOCABS[(v.max(0) as usize).min(VOCABS.len() - 1)])),
    ]
}

/// How a way of asking is named.
fn way_name(v: PromptVariant) -> crate::i18n::Label {
    match v {
        PromptVariant::ZeroShot => LT::WayZeroShot,
        PromptVariant::FewShot => LT::WayFewShot,
        PromptVariant::Reworded => LT::WayReworded,
        PromptVariant::Role => LT::WayRole,
        PromptVariant::Listed => LT::WayListed,
        PromptVariant::ListedFewShot => LT::WayListedFewShot,
    }
}

/// A perplexity as the counters show it (— when not measured yet).
fn shown(ppl: f64) -> String {
    if ppl.is_finite() { rounded(ppl, 2) } else { "—".into() }
}

/// Perplexity per epoch (log), training and validation, with the bigram's validation line.
fn draw_curves(e: &LanguageEngine, l: Lang, canvas: NodeRef<Canvas>) {
    let (Some(m), Some(c)) = (e.model(), canvas.get()) else { return };
    let (train, val) = m.perplexities();
    let points = |v: &[f64]| v.iter().enumerate().map(|(i, &p)| (i as f32, p as f32)).collect::<Vec<_>>();
    let epochs = (train.len().saturating_sub(1)).max(1) as f32;
    let mut series = line::train_val(l, points(&train), points(&val));
    let bigram = m.baseline_perplexity().1 as f32;
    series.push(line::Series { label: LT::BigramName.get(l), colour: CLASS[2], points: vec![(0.0, bigram), (epochs, bigram)] });
    let marks = e.runs.test_eval.iter().map(|te| Mark { at: (te.epoch as f32, perplexity(te.loss) as f32), label: T::TestShare.get(l), colour: CLASS[1], faded: te.spent }).collect();
    line::draw(&c, &LineChart { series, marks, x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: LT::AxisPerplexity.get(l), log_y: true, ..Default::default() });
}

/// The test's figures in words.
fn test_result(l: Lang, te: &TestEvaluation) -> String {
    fill(LT::TestResult.get(l), &[&te.epoch.to_string(), &shown(perplexity(te.loss))])
}
