//! The language lab's second page (`part=tokens`, its own download): the tokenizer the model
//! reads through. Byte-pair encoding learned on the lab's text, replayed merge by merge; any
//! typed text, in English or Hebrew, cut into coloured tokens with their ids; the merge table.
//! It trains no model, so it carries no transformer.

use leptos::prelude::*;

use perplexed_core::language::bpe::UNKNOWN_ID;

use super::engine::TextSource;
use super::params::{LanguageParams, Source};
use super::text::LT;
use super::{parts_nav, text_controls, PASTED_KEY, LAB};
use crate::components::dom::live;
use crate::components::dom_controls as controls;
use crate::components::format::thousands;
use crate::components::frame_loop::use_frame_loop;
use crate::components::lab_shell::{self, LabState};
use crate::i18n::{fill, Label, Lang, T};
use crate::components::lab_shell::Look;

/// Merges the merge table lists (the latest applied).
const SHOWN_MERGES: usize = 8;
/// The replay of the merges lasts about this many frames.
const REPLAY_FRAMES: usize = 150;

/// The page's engine: the text and its tokenizer, nothing to train.
pub struct TokensEngine {
    pub params: LanguageParams,
    pub source: TextSource,
}

impl TokensEngine {
    pub fn new(params: LanguageParams) -> TokensEngine {
        let mut e = TokensEngine { params, source: TextSource::default() };
        e.source.ensure(&e.params);
        e
    }

    pub fn apply(&mut self, params: LanguageParams) {
        self.params = params;
        self.source.ensure(&self.params);
    }
}

/// A token of the typed text as the page shows it.
#[derive(Clone, PartialEq)]
struct Piece {
    text: String,
    id: u32,
}

/// The page: what its own bundle (`src/bin/lab-language-tokens.rs`) mounts in the shell.
pub fn tokens_page() -> AnyView {
    view! { <LanguageTokens /> }.into_any()
}

#[component]
pub fn LanguageTokens() -> impl IntoView {
    let lab = lab_shell::open(&LAB, TokensEngine::new);
    let LabState { lang, params, engine, .. } = lab;
    if let Some(saved) = crate::context::storage().and_then(|s| s.get_item(PASTED_KEY).ok().flatten()) {
        engine.update_value(|e| {
            e.source.paste(saved);
            e.source.ensure(&e.params.clone());
        });
    }
    if lang.get_untracked() == Lang::He && !crate::query::current_pairs().iter().any(|(k, _)| k == "corpus") {
        params.update(|p| p.corpus = Source::Hebrew);
    }
    // The text follows the settings; `made` counts the texts made, for the views that read it.
    let made = RwSignal::new(0u64);
    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p));
        made.update(|m| *m += 1);
    });
    let (set, t) = (move |f: &dyn Fn(&mut LanguageParams)| lab.set(f), move |key: Label| lab.t(key));

    let replay = RwSignal::new(None::<usize>);
    let replay_frames = use_frame_loop(move |_| {
        let Some(k) = replay.get_untracked() else { return false };
        let total = engine.look(|e| e.source.merges());
        let next_k = k + total.div_ceil(REPLAY_FRAMES).max(1);
        if next_k >= total {
            replay.set(None);
            set(&|p| p.merges = LanguageParams::default().merges);
            return false;
        }
        replay.set(Some(next_k));
        true
    });
    replay_frames.run_while(move || replay.get().is_some());
    let merges_shown = move || {
        made.track();
        let total = engine.look(|e| e.source.merges());
        replay.get().unwrap_or_else(|| params.look(|p| p.merges)).min(total)
    };
    let typed = move || {
        let text = params.look(|p| p.text.clone());
        if text.is_empty() { LT::TypedDefault.get(lang.get()).to_owned() } else { text }
    };
    let pieces = Memo::new(move |_| {
        let k = merges_shown();
        let text = typed();
        engine.look(|e| e.source.tokenizer_after(k).map(|tok| tok.encode(&text).into_iter().map(|t| Piece { text: t.text, id: t.id }).collect::<Vec<_>>())).unwrap_or_default()
    });

    let failure = move || {
        made.track();
        let l = lang.get();
        engine.look(|e| e.source.error.as_ref().map(|m| crate::components::errors::say(m, l))).map(|text| view! {
            <div class="banner" role="status" data-testid="text-error"><p>{text}</p></div>
        })
    };

    let token_views = move || {
        let l = lang.get();
        let list = pieces.get();
        let chars = typed().chars().count();
        let boxes = list.iter().enumerate().map(|(i, p)| {
            let unknown = p.id == UNKNOWN_ID;
            view! {
                <li class=format!("lm-token tint-{}", i % 6) class:unknown=unknown>
                    <span class="lm-token-text">{p.text.replace(' ', "▁")}</span>
                    <span class="lm-token-id">{p.id}</span>
                </li>
            }
        }).collect_view();
        view! {
            <ol class="lm-tokens" dir="auto" data-testid="tokens">{boxes}</ol>
            <p class="help" data-testid="token-count">{fill(LT::TokenCount.get(l), &[&chars.to_string(), &list.len().to_string()])}</p>
        }
    };

    let merge_table = move || {
        let l = lang.get();
        let k = merges_shown();
        let (rows, stats) = engine.look(|e| {
            let Some(t) = &e.source.text else { return (Vec::new(), None) };
            let vocab = t.bpe.vocab();
            let name = |id: u32| vocab.get(id as usize).cloned().unwrap_or_default();
            let merges = t.bpe.merges();
            let from = k.saturating_sub(SHOWN_MERGES);
            let rows = merges[from..k.min(merges.len())].iter().enumerate().map(|(j, m)| (from + j + 1, format!("{} + {}", name(m.pair.0), name(m.pair.1)), m.token.clone(), m.count)).collect::<Vec<_>>();
            (rows, Some((t.bpe.vocab_size(), t.bpe.alphabet_size(), merges.len())))
        });
        view! {
            <p class="help" data-testid="vocab-stats">{stats.map(|(v, a, m)| fill(LT::VocabStats.get(l), &[&thousands(v as f64), &a.to_string(), &thousands(m as f64)]))}</p>
            <table class="lm-merges" dir="ltr" data-testid="merge-table">
                <caption>{LT::MergeTable.get(l)}</caption>
                <thead><tr><th>{LT::RankCol.get(l)}</th><th>{LT::PairCol.get(l)}</th><th>{LT::TokenCol.get(l)}</th><th>{LT::CountCol.get(l)}</th></tr></thead>
                <tbody>{rows.into_iter().map(|(rank, pair, token, count)| view! {
                    <tr><td>{rank}</td><td>{pair}</td><td>{token}</td><td>{thousands(count as f64)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        }
    };

    let invalid = crate::components::errors::invalid_controls();

    view! {
        <article class="lab language" data-testid="lab-language" data-part="tokens">
            {lab_shell::lab_head(super::HEADING, lang)}
            {parts_nav(lang, params)}
            {failure}
            <div class="lab-grid two">
                <section class="panel lm-wide" aria-labelledby="lm-tokens">
                    <h2 id="lm-tokens">{t(LT::TokensTitle.into())}</h2>
                    <p class="help">{t(LT::TokensHelp.into())}</p>
                    <div class="control" data-control="text">
                        <div class="control-head"><label for="typed">{t(LT::TypedLabel.into())}</label></div>
                        <input type="text" id="typed" data-testid="typed" dir="auto" aria-describedby="typed-help"
                            prop:value=typed
                            on:input=move |ev| { let v = event_target_value(&ev); if let Some(v) = super::params::typed(&v) { set(&|p| p.text = v.clone()) } } />
                        <p class="help" id="typed-help">{t(LT::TypedHelp.into())}</p>
                    </div>
                    {token_views}
                    {live(move || {
                        let (l, shown) = (lang.get(), merges_shown());
                        vec![controls::range("merges", false, LT::MergesLabel.get(l), LT::MergesHelp.get(l), (0, 2000), shown as i64, shown.to_string(),
                            move |v| { replay.set(None); let v = (v.max(0) as usize).min(engine.look(|e| e.source.merges())); set(&|p| p.merges = v) })]
                    })}
                    <div class="row">
                        <button data-testid="replay" on:click=move |_| { replay.set(Some(0)); replay_frames.ensure(); }>{t(LT::Replay.into())}</button>
                    </div>
                    {merge_table}
                </section>
                <section class="panel" aria-labelledby="lm-vocab">
                    <h2 id="lm-vocab">{t(T::Data.into())}</h2>
                    {live(move || { let l = lang.get(); params.look(|p| text_controls(l, p, invalid, set)) })}
                </section>
                <section class="panel" aria-labelledby="lm-strawberry">
                    <h2 id="lm-strawberry">{t(LT::StrawberryTitle.into())}</h2>
                    <p class="help">{t(LT::StrawberryText.into())}</p>
                </section>
            </div>
        </article>
    }.into_any()
}
