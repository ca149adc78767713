//! The embedding lab (concept 18): word2vec trained live on a generated corpus in English or
//! Hebrew (or on text the learner pastes). Words become vectors, and directions carry meaning:
//! the page shows the vectors' 2-D projection moving as they learn (labelled points easing into
//! place, neighbours on hover), the similarity heatmap of a word set, the analogy `a − b + c`
//! with its parallelogram and an honest verdict, the live loss and the analogy test per epoch,
//! one-hot against learned vectors, and the corpus itself — its vocabulary, counts and
//! subsampling. Every number comes from `perplexed_core::embedding`.

mod challenges;
pub mod engine;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::embedding::corpus::{MAX_ROUNDS, MIN_WORDS};
use perplexed_core::embedding::space::Neighbour;
use perplexed_core::embedding::word2vec::{Architecture, MAX_DIM};

use crate::components::canvas::now_ms;
use crate::context::storage;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::{Frame, Text as ChartText, Theme};
use crate::components::colors::{css, css_alpha, CLASS};
use crate::components::controls::{count, counter, nearest_stop, range, seed, select, stops, toggle_explained};
use crate::components::errors;
use crate::components::format::{rounded, share as pct, thousands};
use crate::components::frame_loop::SLOW_REFRESH_MS;
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::{speed_select, Transport};
use crate::i18n::{fill, Label, Lang, T};
use crate::labs::attention::matrix::{self, Scale};
use crate::components::lab_shell::Look;

use engine::EmbeddingEngine;
use params::{three_words, word as read_word, EmbeddingParams, Pace, Shown, Source, LEARNING_RATES, SAMPLES};
use text::EM;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::EMBEDDING;

pub const LAB: Lab = Lab {
    slug: "embedding",
    nav: T::NavEmbedding,
    concepts: &[18],
    parts: &[],
    #[cfg(test)]
    validate: <EmbeddingParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: the royalty analogy on the default run, at the normal pace.
pub const CONCEPT_PRESET: &str = "analogy=king,man,woman&show=gender&speed=normal";

/// Neighbours listed for a word.
const NEIGHBOURS: usize = 8;
/// Numbers of a word's vector the "why vectors" panel prints.
const VECTOR_NUMBERS: usize = 8;
/// Words of the vocabulary table.
const VOCAB_ROWS: usize = 10;
/// Example sentences shown.
const EXAMPLES: usize = 3;
/// Where the page keeps pasted text (this browser only).
const PASTED_KEY: &str = "perplexed.embedding.text";
/// Share of the remaining way a point moves each frame while playing: points ease into place.
const EASE: f32 = 0.25;

/// The lab's page: what its own bundle (`src/bin/lab-embedding.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Embedding /> }.into_any()
}

fn shown_name(s: Shown) -> crate::i18n::Label {
    match s {
        Shown::Gender => EM::ShowGender,
        Shown::Capital => EM::ShowCapital,
        Shown::Plural => EM::ShowPlural,
        Shown::Tense => EM::ShowTense,
        Shown::Opposite => EM::ShowOpposite,
        Shown::Frequent => EM::ShowFrequent,
    }
}

/// What the projection last drew: the ids, where their points are now (eased toward the
/// projection), the half-width of the picture, and each label's place in CSS pixels for
/// pointing.
#[derive(Default, Clone)]
struct Drawn {
    ids: Vec<u32>,
    at: Vec<(f32, f32)>,
    extent: f32,
    hits: Vec<(u32, f64, f64)>,
}

#[component]
pub fn Embedding() -> impl IntoView {
    let lab = lab_shell::open(&LAB, EmbeddingEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
    // Text pasted in an earlier visit comes back (it never left this browser).
    if let Some(saved) = storage().and_then(|s| s.get_item(PASTED_KEY).ok().flatten()) {
        engine.update_value(|e| e.paste(saved));
    }
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("dim", "dim"), ("context", "window"), ("negatives", "negatives"), ("lr", "lr"), ("sample", "sample"), ("min_count", "min_count"), ("vocabulary", "min_count"),
          ("epochs", "epochs"), ("rounds", "rounds"), ("text_words", "paste"), ("text_bytes", "paste")],
    );
    // A Hebrew page whose address names no text opens on the Hebrew corpus (a preset analogy
    // in its Hebrew words): the words are the lesson, and they should be the reader's own.
    if lang.get_untracked() == Lang::He && !crate::query::current_pairs().iter().any(|(k, _)| k == "corpus") {
        params.update(|p| p.switch_corpus(Source::Hebrew));
    }
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);
    let hovered = RwSignal::new(None::<u32>);
    // Read-outs made of many elements follow the training a few times a second.
    let slow = RwSignal::new(0u64);
    let last_slow = StoredValue::new(f64::NEG_INFINITY);

    let space_ref = NodeRef::<Canvas>::new();
    let heat_ref = NodeRef::<Canvas>::new();
    let loss_ref = NodeRef::<Canvas>::new();
    let acc_ref = NodeRef::<Canvas>::new();
    let drawn = StoredValue::new(Drawn::default());

    // The projection: every frame while playing (the points ease toward it), at once after a
    // change of what it shows.
    Effect::new(move |_| {
        frame.track();
        version.track();
        hovered.track();
        // A pause redraws too: the points settle where they belong.
        playing.track();
        let l = lang.get();
        let _ = params.look(|p| (p.show, p.pin, p.analogy.clone()));
        let ease = playing.get_untracked();
        frames.measure_render(|| draw_space(engine, space_ref, drawn, hovered.get_untracked(), ease, l));
        let now = now_ms();
        if !ease || now - last_slow.get_value() >= SLOW_REFRESH_MS {
            last_slow.set_value(now);
            slow.update(|s| *s += 1);
        }
    });

    // The heatmap and the curves, a few times a second.
    Effect::new(move |_| {
        slow.track();
        let l = lang.get();
        params.look(|p| p.show);
        frames.measure_occasional(|| {
            engine.update_value(|e| draw_heatmap(e, heat_ref));
            engine.look(|e| draw_curves(e, l, loss_ref, acc_ref));
        });
    });

    let (set, t) = (move |f: &dyn Fn(&mut EmbeddingParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&EmbeddingEngine) -> String| lab.read(f);

    let status_banner = move || {
        frame.track();
        let (error, diverged, pasted_missing) = engine.look(|e| (e.error.clone(), e.diverged(), e.params.corpus == Source::Pasted && !e.has_pasted()));
        if pasted_missing {
            return Some(view! { <div class="banner" role="status" data-testid="paste-needed"><p>{EM::PasteNeeded.get(lang.get())}</p></div> }.into_any());
        }
        lab_shell::run_status(lang, error, diverged, move || {
            params.update(|p| p.lr = LEARNING_RATES[nearest_stop(&LEARNING_RATES, p.lr).saturating_sub(2)]);
            run.playing.set(true);
            lab.published(run);
        })
    };

    // The words whose neighbours are listed: the one pointed at, else the chosen one.
    let neighbours = move || {
        slow.track();
        let l = lang.get();
        let chosen = params.look(|p| p.word.clone());
        let rows = engine.try_update_value(|e| {
            let id = hovered.get().or_else(|| e.id(&chosen))?;
            let word = e.word(id).to_owned();
            let near = e.space()?.nearest(id, NEIGHBOURS);
            Some((word, near.into_iter().map(|n| (e.word(n.id).to_owned(), n.cosine)).collect::<Vec<_>>()))
        }).flatten();
        match rows {
            Some((word, near)) => view! {
                <h3 data-testid="neighbours-title">{fill(EM::NeighboursOf.get(l), &[&word])}</h3>
                {neighbour_table("neighbours", l, near)}
            }.into_any(),
            None => view! { <p class="help" data-testid="neighbours-title">{fill(EM::NotInVocabulary.get(l), &[&chosen])}</p> }.into_any(),
        }
    };

    let analogy_inputs = move || {
        let l = lang.get();
        let labels = [EM::FirstWord, EM::SecondWord, EM::ThirdWord];
        (0..3).map(|k| {
            let id = ["analogy-a", "analogy-b", "analogy-c"][k];
            view! {
                <label class="analogy-word"><span>{labels[k].get(l)}</span>
                    <input type="text" data-testid=id size="10" autocomplete="off" spellcheck="false"
                        prop:value=move || params.look(|p| p.analogy[k].clone())
                        on:change=move |ev| match read_word(&event_target_value(&ev)) {
                            Some(w) => set(&|p| p.analogy[k] = w.clone()),
                            // Not a word: redraw, which puts the current one back.
                            None => params.update(|_| {}),
                        } />
                </label>
            }
        }).collect_view()
    };

    let presets = move || {
        let names = ["preset-royalty", "preset-capital", "preset-tense"];
        params.look(|p| p.presets()).into_iter().zip(names).map(|((words, _), id)| {
            let text = format!("{} − {} + {}", words[0], words[1], words[2]);
            let q = words.join(",");
            view! { <button data-testid=id on:click=move |_| if let Some(a) = three_words(&q) { set(&|p| p.analogy = a.clone()) }>{text}</button> }
        }).collect_view()
    };

    let analogy_result = move || {
        slow.track();
        let l = lang.get();
        params.look(|p| p.analogy.clone());
        let Some(result) = engine.try_update_value(|e| e.analogy().map(|a| {
            let answers: Vec<(String, f32)> = a.answers.iter().map(|n| (e.word(n.id).to_owned(), n.cosine)).collect();
            (a, answers)
        })) else { return view! { <p></p> }.into_any() };
        match result {
            Err(missing) => view! { <p class="banner" data-testid="analogy-verdict" data-verdict="missing">{fill(EM::Missing.get(l), &[&missing.join(", ")])}</p> }.into_any(),
            Ok((a, answers)) => {
                let top = answers.first().map(|(w, _)| w.clone()).unwrap_or_default();
                let (verdict, class_name, text) = match (&a.expected, a.expected_rank) {
                    (Some(exp), _) if *exp == top => ("right", "verdict right", fill(EM::Right.get(l), &[exp])),
                    (Some(exp), Some((rank, cos))) => ("wrong", "verdict wrong", fill(EM::Wrong.get(l), &[exp, &rank.to_string(), &rounded(f64::from(cos), 3)])),
                    (Some(exp), None) => ("wrong", "verdict wrong", fill(EM::Wrong.get(l), &[exp, "—", "—"])),
                    (None, _) => ("none", "verdict", EM::NoExpected.get(l).to_owned()),
                };
                view! {
                    <h3>{EM::Answers.get(l)}</h3>
                    {neighbour_table("analogy-answers", l, answers)}
                    <p class=class_name data-testid="analogy-verdict" data-verdict=verdict aria-live="polite">{text}</p>
                }.into_any()
            }
        }
    };

    let why_vectors = move || {
        slow.track();
        let l = lang.get();
        let chosen = params.look(|p| p.word.clone());
        engine.try_update_value(|e| {
            let id = e.id(&chosen)?;
            let m = e.model.as_ref()?;
            let (v, d, epoch) = (m.vocabulary().len(), m.dim(), m.epoch());
            let numbers: Vec<String> = m.vector(id).iter().take(VECTOR_NUMBERS).map(|&x| rounded(f64::from(x), 2)).collect();
            let start: Vec<(String, f32)> = e.initial_space()?.nearest(id, 5).into_iter().map(|n| (e.word(n.id).to_owned(), n.cosine)).collect();
            let now: Vec<(String, f32)> = e.space()?.nearest(id, 5).into_iter().map(|n: Neighbour| (e.word(n.id).to_owned(), n.cosine)).collect();
            Some(view! {
                <p data-testid="one-hot">{fill(EM::OneHot.get(l), &[&thousands(v as f64), &thousands(v as f64)])}</p>
                <p>{fill(EM::Learned.get(l), &[&d.to_string(), &chosen])}</p>
                <p class="vector" dir="ltr" data-testid="vector">{format!("({}{})", numbers.join(", "), if d > VECTOR_NUMBERS { ", …" } else { "" })}</p>
                <div class="row wrap">
                    <div><h3>{EM::AtStart.get(l)}</h3>{neighbour_table("neighbours-start", l, start)}</div>
                    <div><h3>{fill(EM::AtNow.get(l), &[&epoch.to_string()])}</h3>{neighbour_table("neighbours-now", l, now)}</div>
                </div>
            }.into_any())
        }).flatten()
    };

    let corpus_facts = move || {
        frame.track();
        version.track();
        let l = lang.get();
        engine.look(|e| {
            let (Some(text), Some(m)) = (&e.text, &e.model) else { return view! { <p></p> }.into_any() };
            let vocab = m.vocabulary();
            let s = m.settings();
            let stats = fill(EM::Stats.get(l), &[&thousands(text.sentence_count() as f64), &thousands(text.word_count() as f64), &thousands(text.distinct_words() as f64), &thousands(vocab.len() as f64), &s.min_count.to_string()]);
            let examples = (0..EXAMPLES.min(text.sentence_count())).map(|i| view! { <li>{text.sentence_text(i)}</li> }).collect_view();
            let rows = (0..VOCAB_ROWS.min(vocab.len()) as u32).map(|id| view! {
                <tr><td>{vocab.word(id).to_owned()}</td><td>{thousands(vocab.counts()[id as usize] as f64)}</td>
                    <td>{pct(Some(vocab.keep_probability(id, s.sample) as f32))}</td><td>{pct(Some(vocab.noise_probability(id) as f32))}</td></tr>
            }).collect_view();
            view! {
                <p data-testid="corpus-stats">{stats}</p>
                <p class="help">{EM::Examples.get(l)}</p>
                <ul class="examples" data-testid="corpus-examples">{examples}</ul>
                <h3>{EM::VocabTitle.get(l)}</h3>
                <table class="vocab" data-testid="vocabulary">
                    <thead><tr><th>{EM::WordCol.get(l)}</th><th>{EM::CountCol.get(l)}</th><th>{EM::KeepCol.get(l)}</th><th>{EM::NoiseCol.get(l)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="help">{EM::VocabHelp.get(l)}</p>
            }.into_any()
        })
    };

    let pasted = RwSignal::new(String::new());
    let train_pasted = move || {
        let text = pasted.get_untracked();
        if let Some(s) = storage() {
            // Too long for the browser's storage: it is still trained on, only not remembered.
            let _ = s.set_item(PASTED_KEY, &text);
        }
        engine.update_value(|e| e.paste(text));
        set(&|p| { p.corpus = Source::Pasted; p.show = Shown::Frequent; });
        lab.published(run);
        run.playing.set(true);
    };

    let sources: Vec<(&'static str, crate::i18n::Label)> = vec![(Source::English.slug(), EM::SourceEnglish), (Source::Hebrew.slug(), EM::SourceHebrew), (Source::Pasted.slug(), EM::SourcePasted)];
    let models: Vec<(&'static str, crate::i18n::Label)> = vec![(Architecture::SkipGram.slug(), EM::SkipGram), (Architecture::Cbow.slug(), EM::Cbow)];
    let shown: Vec<(&'static str, crate::i18n::Label)> = Shown::ALL.iter().map(|&s| (s.slug(), shown_name(s))).collect();
    let paces: Vec<(&'static str, Label)> = vec![(Pace::Slow.slug(), EM::PaceSlow.into()), (Pace::Normal.slug(), EM::PaceNormal.into()), (Pace::Max.slug(), T::SpeedMax.into())];

    view! {
        <article class="lab embedding" data-testid="lab-embedding">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
                frame.track();
                engine.try_with_value(|e| challenges::Now::of(e).map_or(0, |n| challenges::met(&n))).unwrap_or(0)
            })}
            <div class="transport" role="group">
                <Transport playing play=play_pause step reset step_label=Signal::derive(|| Label::from(EM::StepWords)) />
                {speed_select(paces, EM::SpeedHelp, move || params.look(|p| p.speed.slug()), move |v| if let Some(s) = Pace::from_slug(&v) { set(&|p| p.speed = s) })}
                {counter(t(T::EpochLabel.into()), "epoch", read(|e| e.model.as_ref().map_or("—".into(), |m| m.epoch().to_string())))}
                {counter(t(EM::WordsRead.into()), "words", read(|e| e.model.as_ref().map_or("—".into(), |m| thousands(m.words_done() as f64))))}
                {counter(t(EM::WordsPerSecond.into()), "wps", read(|e| e.words_per_second().map_or("—".into(), thousands)))}
                {counter(t(EM::Alpha.into()), "alpha", read(|e| e.model.as_ref().map_or("—".into(), |m| rounded(f64::from(m.alpha()), 4))))}
                {counter(t(EM::LossNow.into()), "loss", read(|e| e.model.as_ref().and_then(|m| m.loss_curve().last()).map_or("—".into(), |p| rounded(f64::from(p.loss), 3))))}
                {counter(t(EM::TestAccuracy.into()), "analogy-acc", read(|e| e.scores.last().map_or("—".into(), |&(_, a)| pct(Some(a as f32)))))}
                <p class="help">{t(EM::Keys.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel emb-wide" aria-labelledby="emb-space">
                    <h2 id="emb-space">{t(EM::SpaceTitle.into())}</h2>
                    <p class="help">{move || fill(EM::SpaceHelp.get(lang.get()), &[&params.look(|p| p.dim).to_string()])}</p>
                    <canvas node_ref=space_ref data-testid="projection" class="chart-canvas emb-space"
                        on:pointermove=move |ev: web_sys::PointerEvent| {
                            let (x, y) = (f64::from(ev.offset_x()), f64::from(ev.offset_y()));
                            let near = drawn.with_value(|d| d.hits.iter()
                                .map(|&(id, hx, hy)| (id, (hx - x).hypot(hy - y)))
                                .filter(|&(_, dist)| dist < 24.0)
                                .min_by(|a, b| a.1.total_cmp(&b.1))
                                .map(|(id, _)| id));
                            if hovered.get_untracked() != near { hovered.set(near) }
                        }
                        on:pointerleave=move |_| hovered.set(None)></canvas>
                    <div class="row wrap">
                        {select(lang, "show", EM::ShowLabel, EM::ShowHelp, shown, move || params.look(|p| p.show.slug()),
                            move |v| if let Some(s) = Shown::from_slug(&v) { set(&|p| p.show = s) })}
                        {toggle_explained(lang, "pin", EM::PinLabel, EM::PinHelp, move || params.look(|p| p.pin), move |on| set(&|p| p.pin = on))}
                    </div>
                    <div class="control" data-control="word">
                        <div class="control-head"><label for="word">{t(EM::WordLabel.into())}</label></div>
                        <input type="text" id="word" data-testid="word" autocomplete="off" spellcheck="false" aria-describedby="word-help"
                            prop:value=move || params.look(|p| p.word.clone())
                            on:change=move |ev| match read_word(&event_target_value(&ev)) {
                                Some(w) => set(&|p| p.word = w.clone()),
                                None => params.update(|_| {}),
                            } />
                        <p class="help" id="word-help">{t(EM::WordHelp.into())}</p>
                    </div>
                    {neighbours}
                </section>

                <section class="panel" aria-labelledby="emb-analogy">
                    <h2 id="emb-analogy">{t(EM::AnalogyTitle.into())}</h2>
                    <p class="help">{t(EM::AnalogyHelp.into())}</p>
                    <div class="row wrap analogy">{analogy_inputs}</div>
                    <div class="row wrap">{presets}</div>
                    {analogy_result}
                    <p class="help">{t(EM::Parallelogram.into())}</p>
                    <p class="help" data-testid="why-wrong">{t(EM::WhyWrong.into())}</p>
                </section>

                <section class="panel" aria-labelledby="emb-heat">
                    <h2 id="emb-heat">{t(EM::HeatTitle.into())}</h2>
                    <canvas node_ref=heat_ref data-testid="similarity" class="chart-canvas emb-heat"></canvas>
                    <p class="help">{t(EM::HeatHelp.into())}</p>
                </section>

                <section class="panel" aria-labelledby="emb-curves">
                    <h2 id="emb-curves">{t(EM::CurvesTitle.into())}</h2>
                    <canvas node_ref=loss_ref data-testid="loss-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=acc_ref data-testid="acc-chart" class="chart-canvas"></canvas>
                    <p class="help">{move || { version.track(); let n = engine.look(|e| e.questions.len()); fill(EM::CurvesHelp.get(lang.get()), &[&n.to_string()]) }}</p>
                </section>

                <section class="panel" aria-labelledby="emb-why">
                    <h2 id="emb-why">{t(EM::WhyTitle.into())}</h2>
                    {why_vectors}
                </section>

                <section class="panel" aria-labelledby="emb-model">
                    <h2 id="emb-model">{t(T::Training.into())}</h2>
                    {select(lang, "model", EM::ModelLabel, EM::ModelHelp, models, move || params.look(|p| p.model.slug()),
                        move |v| if let Some(k) = Architecture::from_slug(&v) { set(&|p| p.model = k) })}
                    {count(lang, params, "dim", EM::DimLabel, EM::DimHelp, (2, MAX_DIM as i64), "", |p| p.dim, |p, v| p.dim = v)}
                    {count(lang, params, "window", EM::WindowLabel, EM::WindowHelp, (1, 10), "", |p| p.window, |p, v| p.window = v)}
                    {count(lang, params, "negatives", EM::NegativesLabel, EM::NegativesHelp, (1, 20), "", |p| p.negatives, |p, v| p.negatives = v)}
                    {stops(lang, params, "lr", T::LrLabel, EM::LrHelp, &LEARNING_RATES, |p| p.lr, |p, v| p.lr = v)}
                    {toggle_explained(lang, "decay", EM::DecayLabel, EM::DecayHelp, move || params.look(|p| p.decay), move |on| set(&|p| p.decay = on))}
                    {range(lang, "sample", EM::SampleLabel, EM::SampleHelp, (0, SAMPLES.len() as i64 - 1),
                        move || params.look(|p| nearest_stop(&SAMPLES, p.sample) as i64),
                        move || params.look(|p| if p.sample > 0.0 { crate::query::short_float(p.sample) } else { EM::SampleOff.get(lang.get()).to_owned() }),
                        move |v| set(&|p| p.sample = SAMPLES[(v.max(0) as usize).min(SAMPLES.len() - 1)]))}
                    {count(lang, params, "min_count", EM::MinCountLabel, EM::MinCountHelp, (1, 50), "", |p| p.min_count, |p, v| p.min_count = v)}
                    {count(lang, params, "epochs", EM::EpochsLabel, EM::EpochsHelp, (1, 50), "", |p| p.epochs, |p, v| p.epochs = v)}
                    {seed(lang, params, EM::SeedHelp, EM::NewVectors, |p| p.seed, |p, v| p.seed = v)}
                </section>

                <section class="panel" aria-labelledby="emb-corpus">
                    <h2 id="emb-corpus">{t(EM::CorpusTitle.into())}</h2>
                    {select(lang, "corpus", EM::SourceLabel, EM::SourceHelp, sources, move || params.look(|p| p.corpus.slug()),
                        move |v| if let Some(s) = Source::from_slug(&v) { set(&|p| p.switch_corpus(s)) })}
                    <p class="help" data-testid="corpus-about">{t(EM::CorpusAbout.into())}</p>
                    {count(lang, params, "rounds", EM::RoundsLabel, EM::RoundsHelp, (1, MAX_ROUNDS as i64), "", |p| p.rounds, |p, v| p.rounds = v)}
                    <div class="row">
                        <button data-testid="new-data" on:click=move |_| set(&|p| p.data = crate::components::controls::next_seed(p.data))>{t(T::NewData.into())}</button>
                    </div>
                    <p class="help">{t(EM::DataSeedHelp.into())}</p>
                    {corpus_facts}
                    <div class="control" data-control="paste">
                        <div class="control-head"><label for="paste">{t(EM::PasteLabel.into())}</label></div>
                        <textarea id="paste" data-testid="paste" rows="4" aria-describedby="paste-help"
                            aria-invalid=move || errors::is_invalid("paste")().then_some("true")
                            prop:value=move || pasted.get()
                            on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                        <p class="help" id="paste-help">{move || format!("{} ({})", EM::PasteHelp.get(lang.get()), MIN_WORDS)}</p>
                        <button data-testid="paste-train" on:click=move |_| train_pasted()>{t(EM::PasteTrain.into())}</button>
                    </div>
                </section>
            </div>
        </article>
    }.into_any()
}

/// A list of words with their cosines.
fn neighbour_table(testid: &'static str, l: Lang, rows: Vec<(String, f32)>) -> AnyView {
    let body = rows.into_iter().map(|(w, c)| view! {
        <tr><td>{w}</td><td class="num">{rounded(f64::from(c), 3)}</td></tr>
    }).collect_view();
    view! {
        <table class="neighbours" data-testid=testid>
            <thead><tr><th>{EM::WordCol.get(l)}</th><th>{EM::CosineCol.get(l)}</th></tr></thead>
            <tbody>{body}</tbody>
        </table>
    }.into_any()
}

/// The projection of the shown words and the analogy's four: the points ease toward core's
/// PCA picture while playing (at once otherwise); each pair joined by a thin line, the
/// analogy's two offsets drawn as arrows (a parallelogram when it works).
fn draw_space(engine: StoredValue<EmbeddingEngine, LocalStorage>, canvas: NodeRef<Canvas>, drawn: StoredValue<Drawn>, hovered: Option<u32>, ease: bool, l: Lang) {
    let Some(c) = canvas.get() else { return };
    let Some(picture) = engine.try_update_value(|e| {
        let shown = e.shown_ids();
        let pairs = e.params.show != Shown::Frequent;
        let analogy = e.analogy().ok();
        let mut ids = shown.clone();
        let mut quad = None;
        if let Some(a) = &analogy {
            let top = a.answers.first().map(|n| n.id);
            for id in a.ids.into_iter().chain(top) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            quad = top.map(|t| (a.ids, t));
        }
        let p = e.project(&ids)?;
        let words: Vec<String> = ids.iter().map(|&i| e.word(i).to_owned()).collect();
        Some((ids, shown.len(), pairs, quad, p, words))
    }).flatten() else {
        if let Some(fr) = Frame::new(&c, (8.0, 8.0, 8.0, 8.0)) { fr.border() }
        return;
    };
    let (ids, n_shown, pairs, quad, p, words) = picture;
    let target: Vec<(f32, f32)> = p.points.chunks_exact(2).map(|xy| (xy[0], xy[1])).collect();
    let target_extent = target.iter().fold(1e-3f32, |m, &(x, y)| m.max(x.abs()).max(y.abs())) * 1.15;
    let mut d = drawn.get_value();
    if d.ids != ids || !ease {
        d.ids = ids.clone();
        d.at = target.clone();
        d.extent = target_extent;
    } else {
        for (a, b) in d.at.iter_mut().zip(&target) {
            a.0 += (b.0 - a.0) * EASE;
            a.1 += (b.1 - a.1) * EASE;
        }
        d.extent += (target_extent - d.extent) * EASE;
    }
    let Some(fr) = Frame::placed(&c, |w, h| (34.0, 8.0, w - 42.0, h - 40.0)) else { return };
    let (pw, ph) = (fr.plot.2.max(1.0), fr.plot.3.max(1.0));
    let e = f64::from(d.extent);
    let (ex, ey) = (e * (pw / ph).max(1.0), e * (ph / pw).max(1.0));
    let fr = fr.scales((-ex, ex), (-ey, ey));
    fr.border();
    let th = Theme::read();
    fr.x_title(&fill(EM::AxisPc.get(l), &["1", &pct(Some(p.variance_ratio[0] as f32))]), 6.0, ChartText::Title);
    fr.y_title(&fill(EM::AxisPc.get(l), &["2", &pct(Some(p.variance_ratio[1] as f32))]), 12.0, ChartText::Title);
    let at = |i: usize| d.at.get(i).map_or((0.0, 0.0), |&(x, y)| (f64::from(x), f64::from(y)));
    fr.clip();
    // Each pair (x, y) of the relation: a thin line from x to y.
    if pairs {
        for k in (0..n_shown.saturating_sub(1)).step_by(2) {
            fr.polyline([at(k), at(k + 1)], &css_alpha(th.fg, 0.25), 1.0, None);
        }
    }
    // The analogy x − y + z ≈ w: y → x and z → w, the same offset when it works.
    if let Some(([x, y, z], w)) = quad {
        let pos = |id: u32| ids.iter().position(|&i| i == id).map(at);
        if let (Some(px), Some(py), Some(pz), Some(pw)) = (pos(x), pos(y), pos(z), pos(w)) {
            let colour = css(CLASS[2]);
            fr.polyline([py, px], &colour, 2.0, None);
            fr.polyline([pz, pw], &colour, 2.0, None);
            fr.polyline([py, pz], &colour, 1.0, Some((4.0, 3.0)));
            fr.polyline([px, pw], &colour, 1.0, Some((4.0, 3.0)));
        }
    }
    let scale = c.client_width() as f64 / c.width().max(1) as f64;
    let mut hits = Vec::with_capacity(ids.len());
    for (k, &id) in ids.iter().enumerate() {
        let colour = if k >= n_shown { CLASS[2] } else if pairs { CLASS[k % 2] } else { CLASS[1] };
        let big = hovered == Some(id);
        fr.dot(at(k), if big { 5.0 } else { 3.0 }, &css(colour));
        let (px, py) = fr.px(at(k).0, at(k).1);
        fr.text(&words[k], (px + fr.css(5.0), py - fr.css(3.0)), if big { ChartText::NoteBold } else { ChartText::Note }, "left", "bottom");
        hits.push((id, px * scale, py * scale));
    }
    fr.unclip();
    // Paused, the labels' places are written on the canvas (for the browser tests to point
    // at a word); while playing they would rewrite the attribute every frame for nothing.
    if !ease {
        let places: Vec<String> = hits.iter().zip(&words).map(|(&(_, x, y), w)| format!("{w}:{x:.0}:{y:.0}")).collect();
        line::set_data(&c, "data-places", &places.join(" "));
    }
    line::set_data(&c, "data-words", &ids.len().to_string());
    d.hits = hits;
    drawn.set_value(d);
}

/// The cosines of the shown words, as a grid.
fn draw_heatmap(e: &mut EmbeddingEngine, canvas: NodeRef<Canvas>) {
    let Some(c) = canvas.get() else { return };
    let ids = e.shown_ids();
    let labels: Vec<String> = ids.iter().map(|&i| e.word(i).to_owned()).collect();
    let Some(space) = e.space() else { return };
    let values = space.similarities(&ids);
    matrix::draw(&c, &values, (ids.len(), ids.len()), Scale::Signed, (&labels, &labels), None);
}

/// The loss every 5,000 words (against epochs) and the analogy test's accuracy per epoch.
fn draw_curves(e: &EmbeddingEngine, l: Lang, loss_ref: NodeRef<Canvas>, acc_ref: NodeRef<Canvas>) {
    let Some(m) = &e.model else { return };
    let per_epoch = (m.total_words() as f64 / m.settings().epochs.max(1) as f64).max(1.0);
    let epochs = m.settings().epochs as f32;
    let th = Theme::read();
    if let Some(c) = loss_ref.get() {
        let points = m.loss_curve().iter().map(|p| ((p.words as f64 / per_epoch) as f32, p.loss)).collect();
        line::draw(&c, &LineChart { series: vec![Series { label: EM::LossName.get(l), colour: th.train, points }], x_range: (0.0, epochs), x_fractional: true, x_label: T::AxisEpoch.get(l), y_label: T::AxisLoss.get(l), ..Default::default() });
    }
    if let Some(c) = acc_ref.get() {
        let points = e.scores.iter().map(|&(ep, a)| (ep as f32, a as f32)).collect();
        line::draw(&c, &LineChart { series: vec![Series { label: EM::AccuracyName.get(l), colour: th.val, points }], x_range: (0.0, epochs), x_label: T::AxisEpoch.get(l), y_label: T::AxisAccuracy.get(l), y_floor: Some(0.0), ..Default::default() });
    }
}
