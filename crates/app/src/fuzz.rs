//! Address fuzzing (issue 23): every lab's settings read from hundreds of random and hostile
//! query strings — wrong types, huge, negative and non-finite numbers, empty and very long
//! lists, duplicates, unknown keys, broken percent escapes (invalid UTF-8), 10 KB values,
//! right-to-left text and markup — because a link is typed, pasted and mangled by people, and the
//! page must never panic, go blank or silently do something else than the link says.
//!
//! For each lab, `PERPLEXED_FUZZ_CASES` (default 200) strings are made from the lab's own keys
//! (read from its defaults' address, so a new setting is fuzzed without touching this file) and
//! some unknown ones, by a generator seeded from `PERPLEXED_FUZZ_SEED` (default
//! [`DEFAULT_SEED`]): the same seed gives the same strings, and a failure prints its seed and
//! its exact query. For each string:
//!
//! 1. Reading it does not panic.
//! 2. The notice names exactly what was ignored: every rejected name is one of the lab's keys
//!    present in the string; a key of the lab whose value was *not* used as given (compared by
//!    its number, list or spelling after the lab writes it back) is rejected. Unknown keys are
//!    ignored without a notice — the address's documented contract (`query.rs`), which the
//!    browser tests hold too (`doesNotMatch(notice, /unknownparam/)`): the shell's own keys
//!    (`lang`, `present`, `lesson`, …) and keys of older links are no error.
//! 3. The settings read round-trip: written and read again, they are the same, nothing rejected.
//! 4. The lab's engine, built from them, runs a few frames on a fake clock without a panic, and
//!    what it shows (losses, accuracies, positions) is finite unless it says it diverged or
//!    refused the settings with an error.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use perplexed_core::rng::Rng;

use crate::components::lab_shell::RunEngine;
use crate::query::{parse_query, read_query, write_query, LabParams};

/// The seed when `PERPLEXED_FUZZ_SEED` is not set (the number).
pub const DEFAULT_SEED: u64 = 23;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

fn fuzz_seed() -> u64 {
    env_number("PERPLEXED_FUZZ_SEED", DEFAULT_SEED)
}

fn fuzz_cases() -> usize {
    env_number("PERPLEXED_FUZZ_CASES", 200) as usize
}

/// Keys no lab has: typos, other case, the shell's own keys, empty and hostile names.
const UNKNOWN_KEYS: &[&str] = &[
    "unknownparam", "LR", "Seed", "lr ", " seed", "lang", "present", "lesson", "step", "lab", "part2", "hide2", "", "%FF", "%", "k%zz",
    "שלום", "🙂", "__proto__", "constructor", "a[b]", "<b>",
];

/// Values that are no value of any setting, or of a setting only by accident.
const NASTY: &[&str] = &[
    // wrong types
    "abc", "1.2.3", "true", "false", "yes", "null", "undefined", "[]", "{}", "0x10", "1e", "--1", "+", "1_000",
    // huge, tiny, negative, zero
    "1e308", "-1e308", "1e-308", "99999999999999999999", "-99999999999999999999", "4294967296", "18446744073709551616", "-1", "-0", "0",
    "-0.0", "0.0000001", "2147483648", "-2147483649", "1e39",
    // not finite
    "NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "-inf", "+inf",
    // empty
    "", " ", "%20", "+", ",", ",,,", ", ,", "1,", ",1", "1,,2",
    // broken escapes, invalid UTF-8
    "%FF%FE", "%C3", "%", "%zz", "%2", "%E2%82", "%00", "%0A", "%C0%AF", "%ED%A0%80",
    // text: right-to-left, emoji, marks
    "שלום", "א,ב,ג", "%E2%80%8F1", "\u{200F}2", "🙂", "1🙂", "Ⅻ", "١٢", "ＩＩ",
    // markup and script
    "<img src=x onerror=alert(1)>", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "javascript:alert(1)", "\"'><script>",
    // delimiters inside a value
    "1&2", "a=b", "1#2", "%26x%3D1", "%23top", "1%2C2",
];

/// Small plausible numbers and words, so mixtures of good and bad happen, and numbers at and
/// just past the usual ends of a range, so accepted extremes reach the engines.
const PLAUSIBLE: &[&str] = &[
    "1", "2", "3", "4", "5", "8", "10", "16", "32", "50", "100", "0.1", "0.01", "0.5", "1,2", "4,2", "2,2,2", "true", "1", "0", "0.99", "0.999",
    "6", "7", "63", "64", "65", "99", "101", "255", "256", "500", "501", "1000", "2000", "2001", "10000", "1e-5", "10", "0.0001", "64,64,64",
];

/// A seeded maker of query strings for one lab.
struct Gen {
    rng: Rng,
    keys: Vec<String>,
    /// Each key's value in the defaults' address (a valid value of that key).
    valid: Vec<(String, String)>,
}

impl Gen {
    fn new(seed: u64, lab: u64, valid: Vec<(String, String)>) -> Gen {
        Gen { rng: Rng::stream(seed, lab), keys: valid.iter().map(|(k, _)| k.clone()).collect(), valid }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.below(items.len())]
    }

    fn chance(&mut self, p: f32) -> bool {
        self.rng.next_f32() < p
    }

    /// A value for `key`: mostly hostile, sometimes valid, sometimes a valid one bent.
    fn value(&mut self, key: &str) -> String {
        let valid = self.valid.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        match self.rng.below(12) {
            // A valid value, as the lab writes it (any key's default: valid here or not).
            0 | 1 => valid.unwrap_or_else(|| self.pick(PLAUSIBLE).to_string()),
            2 => self.pick(PLAUSIBLE).to_string(),
            3 => {
                let i = self.rng.below(self.valid.len().max(1));
                self.valid.get(i).map(|(_, v)| v.clone()).unwrap_or_default()
            }
            // A valid value bent: padded, upper-cased, doubled, signed, scaled.
            4 => {
                let v = valid.unwrap_or_else(|| "1".into());
                match self.rng.below(6) {
                    0 => format!("%20{v}%20"),
                    1 => v.to_uppercase(),
                    2 => format!("{v},{v}"),
                    3 => format!("-{v}"),
                    4 => format!("{v}0000000"),
                    _ => encode(&v),
                }
            }
            // 10 KB: one long value, a long list, a long number.
            5 => match self.rng.below(4) {
                0 => "a".repeat(10_240),
                1 => vec!["1"; 5_120].join(","),
                2 => "9".repeat(10_240),
                _ => "%FF".repeat(3_414),
            },
            // A very long list of plausible numbers.
            6 => (0..self.rng.below(400) + 7).map(|i| (i % 17).to_string()).collect::<Vec<_>>().join(","),
            _ => self.pick(NASTY).to_string(),
        }
    }

    /// One query string: 1–6 keys, mostly the lab's, each with a value; sometimes a key twice.
    fn query(&mut self) -> String {
        let n = 1 + self.rng.below(6);
        let mut parts = Vec::new();
        for _ in 0..n {
            let key = if self.chance(0.8) && !self.keys.is_empty() {
                let i = self.rng.below(self.keys.len());
                self.keys[i].clone()
            } else {
                self.pick(UNKNOWN_KEYS).to_string()
            };
            let value = self.value(&key);
            parts.push(match self.rng.below(20) {
                0 => key.clone(),            // no `=` at all
                1 => format!("{key}="),      // empty value
                _ => format!("{key}={value}"),
            });
            if self.chance(0.15) {
                let again = self.value(&key);
                parts.push(format!("{key}={again}"));
            }
        }
        let mut q = parts.join("&");
        if self.chance(0.05) {
            q = format!("?{q}&&");
        }
        q
    }
}

/// Percent-encodes every byte but letters and digits (a value as a browser might send it).
fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// Whether `given` (as the address held it) and `written` (as the lab writes what it read) are
/// the same setting: the same text, the same number, the same true/false, or lists of such
/// (order and repeats aside: some lists are kept in a canonical order, each item once).
fn same_value(given: &str, written: &str) -> bool {
    let (g, w) = (given.trim(), written.trim());
    if g == w || same_scalar(g, w) {
        return true;
    }
    if g.contains(',') || w.contains(',') {
        let items = |s: &str| {
            let mut v: Vec<String> = s.split(',').map(|x| canonical(x.trim())).collect();
            v.sort();
            v.dedup();
            v
        };
        return items(g) == items(w);
    }
    false
}

fn same_scalar(g: &str, w: &str) -> bool {
    if g == w {
        return true;
    }
    match (g.parse::<f64>(), w.parse::<f64>()) {
        (Ok(a), Ok(b)) => a == b || (a as f32) == (b as f32),
        _ => matches!((g, w), ("1", "true") | ("0", "false")),
    }
}

fn canonical(s: &str) -> String {
    match s.parse::<f64>() {
        Ok(v) => format!("{}", v as f32),
        Err(_) => match s {
            "1" => "true".into(),
            "0" => "false".into(),
            _ => s.to_owned(),
        },
    }
}

/// A clock that moves 0.25 ms each time it is read, and a frame's length between frames: a
/// frame's time budget runs out after a bounded number of readings whatever the machine's
/// speed (reproducible, and quick in a debug build), while a paced lab sees frames go by.
struct FakeClock(Cell<f64>);

impl FakeClock {
    fn new() -> FakeClock {
        FakeClock(Cell::new(0.0))
    }
    fn now(&self) -> f64 {
        let t = self.0.get() + 0.25;
        self.0.set(t);
        t
    }
    fn next_frame(&self) {
        self.0.set(self.0.get() + 100.0);
    }
}

/// Finite, or a message naming what was not.
fn finite(what: &str, values: impl IntoIterator<Item = f32>) -> Result<(), String> {
    match values.into_iter().find(|v| !v.is_finite()) {
        Some(v) => Err(format!("{what} shows {v}")),
        None => Ok(()),
    }
}

/// What one lab's fuzz needs: its keys beyond the defaults' address (settings written only when
/// set), settings whose value may deliberately be overridden by another's, and how its engine is
/// run and checked.
struct Lab<P> {
    slug: &'static str,
    /// Keys the defaults' address leaves out (written only when not empty).
    extra_keys: &'static [&'static str],
    /// Keys whose reader spells a valid value its own way (`g0000000` is the goal `g0`; words
    /// are lower-cased; `layers=0` is no hidden layer, written empty; a racer's `adam:0.10000`
    /// is `adam:0.1`): for these, a value is used as given when it reads, alone, to the same
    /// setting as in the whole address.
    canonical: &'static [&'static str],
    /// Builds the engine and runs a few frames; `Err` names a shown number that is not finite.
    engine: fn(&P) -> Result<(), String>,
    /// Build the engine for one case in this many (the big labs), every string is still parsed.
    engine_every: usize,
}

/// Fuzzes one lab; returns its failures (each with its query) and the strings tried.
fn fuzz_lab<P: LabParams + PartialEq + std::fmt::Debug + Clone>(lab: &Lab<P>, seed: u64, index: u64) -> (Vec<String>, usize) {
    let started = Instant::now();
    let default_query = P::default().to_query();
    let mut valid: Vec<(String, String)> = default_query.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    for k in lab.extra_keys {
        valid.push((k.to_string(), String::new()));
    }
    let known: Vec<String> = valid.iter().map(|(k, _)| k.clone()).collect();
    let mut gen = Gen::new(seed, index, valid);
    let mut failures = Vec::new();
    let cases = fuzz_cases();
    for case in 0..cases {
        let query = gen.query();
        let fail = |failures: &mut Vec<String>, what: String| {
            failures.push(format!("lab={} case {case} (PERPLEXED_FUZZ_SEED={seed}): {what}\n    query: {}", lab.slug, shorten(&query)));
        };
        let read = catch_unwind(AssertUnwindSafe(|| read_query::<P>(&query)));
        let Ok((params, rejected)) = read else {
            fail(&mut failures, "reading the address panicked".into());
            continue;
        };
        // 2. The notice names exactly what was ignored.
        let pairs = parse_query(&query);
        let written = params.to_query();
        for name in &rejected {
            if !pairs.iter().any(|(k, _)| k == name) {
                fail(&mut failures, format!("rejected `{name}`, which the address does not hold"));
            }
            if !known.contains(name) {
                fail(&mut failures, format!("rejected `{name}`, which is not one of the lab's keys"));
            }
        }
        for key in &known {
            let Some((_, given)) = pairs.iter().rev().find(|(k, _)| k == key) else { continue };
            if rejected.contains(key) {
                continue;
            }
            let now = written.iter().find(|(k, _)| *k == key.as_str()).map(|(_, v)| v.as_str()).unwrap_or("");
            let alone = || {
                let (p, r) = read_query::<P>(&write_query(&[(key.as_str(), given.clone())]));
                let w = p.to_query().into_iter().find(|(k, _)| *k == key.as_str()).map(|(_, v)| v).unwrap_or_default();
                r.is_empty() && w == now
            };
            if !same_value(given, now) && !(lab.canonical.contains(&key.as_str()) && alone()) {
                fail(&mut failures, format!("`{key}={}` was taken as `{key}={}` without a notice", shorten(given), shorten(now)));
            }
        }
        // 3. Round trip.
        let again = write_query(&written);
        match catch_unwind(AssertUnwindSafe(|| read_query::<P>(&again))) {
            Ok((back, back_rejected)) => {
                if back != params || !back_rejected.is_empty() {
                    fail(&mut failures, format!("does not round-trip: {} gives {back_rejected:?}", shorten(&again)));
                }
            }
            Err(_) => fail(&mut failures, format!("reading its own address panicked: {}", shorten(&again))),
        }
        // 4. The engine.
        if case % lab.engine_every == 0 {
            match catch_unwind(AssertUnwindSafe(|| (lab.engine)(&params))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => fail(&mut failures, format!("engine: {e}")),
                Err(_) => fail(&mut failures, format!("the engine panicked on {params:?}").chars().take(600).collect()),
            }
        }
    }
    eprintln!("fuzz: lab={} {cases} addresses in {:.1} s (seed {seed})", lab.slug, started.elapsed().as_secs_f64());
    (failures, cases)
}

/// A query or value shortened for a message (10 KB values are the point, not to be printed).
fn shorten(s: &str) -> String {
    if s.chars().count() <= 300 {
        s.to_owned()
    } else {
        format!("{}…[{} chars]", s.chars().take(300).collect::<String>(), s.chars().count())
    }
}

/// Frames a run-by-run engine is advanced, each with 8 ms of the fake clock.
const FRAMES: usize = 3;

/// Runs `FRAMES` frames, then one step by hand (the Step button), so something has trained
/// whatever the pace.
fn frames<P, E: RunEngine<P>>(e: &mut E) {
    frames_only(e);
    e.step();
}

/// `FRAMES` frames alone (the embedding and data labs' Step reads the browser's clock, which a
/// native test does not have).
fn frames_only<P, E: RunEngine<P>>(e: &mut E) {
    let clock = FakeClock::new();
    for _ in 0..FRAMES {
        let now = || clock.now();
        e.advance(8.0, &now);
        clock.next_frame();
    }
}

/// The engines, one function each: built from the fuzzed settings, run a few frames, what they
/// show checked.
mod engines {
    use super::*;
    use crate::components::training::TrainsRuns;
    use crate::labs;
    use perplexed_core::train::minibatch::EpochTrainer;

    /// A run-by-run lab of the shared trainer: its history finite unless it diverged or refused
    /// (from epoch `from`: the language model's entry 0 has no training loss by design, NaN,
    /// drawn as a gap — see core's `LanguageModel::perplexities`).
    fn runs<E: TrainsRuns>(e: &E) -> Result<(), String> {
        runs_from(e, 0)
    }

    fn runs_from<E: TrainsRuns>(e: &E, from: usize) -> Result<(), String> {
        let r = e.runs();
        if r.error.is_some() || r.diverged() {
            return Ok(());
        }
        if let Some(t) = r.trainer() {
            finite("the training loss", t.history().train_loss.iter().skip(from).copied())?;
        }
        Ok(())
    }

    pub fn playground(p: &labs::playground::params::PlaygroundParams) -> Result<(), String> {
        let mut e = labs::playground::engine::Engine::new(p.clone());
        let clock = FakeClock::new();
        for _ in 0..FRAMES {
            e.advance(p.speed, 8.0, || clock.now());
            clock.next_frame();
        }
        e.step();
        if e.error().is_some() || e.diverged() {
            return Ok(());
        }
        if let Some(t) = e.trainer() {
            finite("the training loss", t.history().train_loss.iter().copied())?;
        }
        // The read-outs under the plots (the training part is never empty).
        if let Some(m) = e.metrics(perplexed_core::data::split::Role::Train) {
            finite("the training metrics", [m.loss].into_iter().chain(m.accuracy).chain(m.r2))?;
        }
        Ok(())
    }

    pub fn descent(p: &labs::descent::params::DescentParams) -> Result<(), String> {
        let mut e = labs::descent::engine::DescentEngine::new(p.clone());
        for _ in 0..FRAMES {
            e.advance(5);
        }
        finite("the start", e.start)?;
        for (i, racer) in e.racers.iter().enumerate() {
            // A racer that escapes is shown as diverged (its verdict), not as a number.
            if racer.verdict == Some(perplexed_core::optim::surface::Verdict::Diverged) {
                continue;
            }
            if let Some(point) = e.point(i) {
                finite("a racer's position", point)?;
            }
        }
        Ok(())
    }

    pub fn overfitting(p: &labs::overfitting::params::OverfitParams) -> Result<(), String> {
        let mut e = labs::overfitting::engine::OverfitEngine::new(p.clone());
        e.train_epochs(3);
        if e.fit_error.is_none() {
            finite("the fitted curve", e.fit_curve.iter().copied())?;
        }
        if e.run.is_ok() && e.trainer().is_some_and(|t| !t.diverged()) {
            let (a, b) = e.net_losses();
            finite("the network's loss", [a, b].into_iter().filter(|v| !v.is_nan()))?;
        }
        Ok(())
    }

    pub fn trees(p: &labs::trees::params::TreesParams) -> Result<(), String> {
        let mut e = labs::trees::engine::TreesEngine::new(p.clone());
        let clock = FakeClock::new();
        for _ in 0..FRAMES {
            e.advance(8.0, &|| clock.now());
            clock.next_frame();
        }
        e.step();
        if e.error().is_some() {
            return Ok(());
        }
        finite("the training accuracy", e.train_acc)
    }

    pub fn clustering(p: &labs::clustering::params::ClusterParams) -> Result<(), String> {
        let mut e = labs::clustering::engine::ClusterEngine::new(p.clone());
        let mut now = 0.0;
        for _ in 0..FRAMES {
            now += 1000.0;
            e.step(now);
        }
        finite("a point", e.points.iter().copied())?;
        finite("a centre", e.shown_centroids(now))?;
        finite("the silhouette", e.run_silhouette)
    }

    const DIGITS: &[u8] = include_bytes!("../../../web/data/digits-8x8.bin");

    pub fn cnn(p: &labs::cnn::params::CnnParams) -> Result<(), String> {
        let mut e = labs::cnn::engine::CnnEngine::new(p.clone());
        e.set_data(DIGITS);
        frames(&mut e);
        runs(&e)
    }

    pub fn sequence(p: &labs::sequence::params::SequenceParams) -> Result<(), String> {
        let mut e = labs::sequence::engine::SequenceEngine::new(p.clone());
        frames(&mut e);
        runs(&e)?;
        if let Some(latest) = e.latest(false).filter(|_| !e.runs().diverged()) {
            finite("the latest training loss", [latest.train_loss])?;
        }
        finite("the baseline", e.baseline())
    }

    pub fn attention(p: &labs::attention::params::AttentionParams) -> Result<(), String> {
        let mut e = labs::attention::engine::AttentionEngine::new(p.clone());
        frames(&mut e);
        runs(&e)
    }

    pub fn embedding(p: &labs::embedding::params::EmbeddingParams) -> Result<(), String> {
        let mut e = labs::embedding::engine::EmbeddingEngine::new(p.clone());
        frames_only(&mut e);
        if e.error.is_some() || e.diverged() {
            return Ok(());
        }
        finite("an analogy score", e.scores.iter().map(|(_, s)| *s as f32))
    }

    pub fn language(p: &labs::language::params::LanguageParams) -> Result<(), String> {
        // The tokens page first: the same settings, a tokenizer and nothing to train.
        let _tokens = labs::language::tokens::TokensEngine::new(p.clone());
        let mut e = labs::language::engine::LanguageEngine::new(p.clone());
        frames(&mut e);
        runs_from(&e, 1)
    }

    pub fn rl(p: &labs::rl::params::RlParams) -> Result<(), String> {
        let mut e = labs::rl::engine::RlEngine::new(p.clone());
        frames(&mut e);
        if e.error.is_some() || e.diverged() {
            return Ok(());
        }
        // The Q-value triangles of every cell, and the planner's values.
        if let (Some(world), Some(learner)) = (&e.world, &e.learner) {
            finite("a Q-value", (0..world.states()).flat_map(|s| learner.q(s)).map(|v| v as f32))?;
        }
        if let Some(planner) = &e.planner {
            finite("a state's value", planner.values().iter().map(|v| *v as f32))?;
        }
        Ok(())
    }

    pub fn generative(p: &labs::generative::params::GenParams) -> Result<(), String> {
        let mut e = labs::generative::engine::GenEngine::new(p.clone());
        frames(&mut e);
        if e.error.is_some() || e.diverged() {
            return Ok(());
        }
        finite("the preview", e.preview.iter().copied())?;
        finite("the quality", e.quality.iter().flat_map(|(_, q)| [q.on_shape, q.covered, q.energy]).map(|v| v as f32))
    }

    pub fn data(p: &labs::data::params::DataParams) -> Result<(), String> {
        let mut e = labs::data::engine::DataEngine::new(p.clone());
        if let Some(source) = e.take_wanted() {
            if let Some(file) = source.file() {
                let path = format!("{}/../../web/{file}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&path).map_err(|err| format!("{path}: {err}"))?;
                e.load(source, file, bytes);
            }
        }
        frames_only(&mut e);
        Ok(())
    }
}

#[test]
fn fuzzed_addresses_never_panic_and_are_reported() {
    let seed = fuzz_seed();
    let started = Instant::now();
    eprintln!("fuzz: PERPLEXED_FUZZ_SEED={seed}, {} addresses per lab", fuzz_cases());
    // A panic is caught and reported with its query; the default hook still prints where.
    let mut failures = Vec::new();
    let mut tried = 0;
    macro_rules! fuzz {
        ($i:expr, $lab:expr) => {{
            let (f, n) = fuzz_lab(&$lab, seed, $i);
            failures.extend(f);
            tried += n;
        }};
    }
    fuzz!(0, Lab { slug: "playground", extra_keys: &["hide"], canonical: &["layers"], engine: engines::playground, engine_every: 1 });
    fuzz!(1, Lab { slug: "descent", extra_keys: &[], canonical: &["race"], engine: engines::descent, engine_every: 1 });
    fuzz!(2, Lab { slug: "overfitting", extra_keys: &[], canonical: &[], engine: engines::overfitting, engine_every: 1 });
    fuzz!(3, Lab { slug: "trees", extra_keys: &[], canonical: &[], engine: engines::trees, engine_every: 1 });
    fuzz!(4, Lab { slug: "clustering", extra_keys: &["pts"], canonical: &[], engine: engines::clustering, engine_every: 1 });
    fuzz!(5, Lab { slug: "cnn", extra_keys: &[], canonical: &[], engine: engines::cnn, engine_every: 1 });
    fuzz!(6, Lab { slug: "sequence", extra_keys: &[], canonical: &[], engine: engines::sequence, engine_every: 1 });
    fuzz!(7, Lab { slug: "attention", extra_keys: &[], canonical: &[], engine: engines::attention, engine_every: 4 });
    fuzz!(8, Lab { slug: "embedding", extra_keys: &[], canonical: &["analogy", "word"], engine: engines::embedding, engine_every: 1 });
    fuzz!(9, Lab { slug: "language", extra_keys: &[], canonical: &[], engine: engines::language, engine_every: 5 });
    fuzz!(10, Lab { slug: "rl", extra_keys: &[], canonical: &["world"], engine: engines::rl, engine_every: 1 });
    fuzz!(11, Lab { slug: "generative", extra_keys: &["strokes"], canonical: &[], engine: engines::generative, engine_every: 3 });
    fuzz!(12, Lab { slug: "data", extra_keys: &[], canonical: &[], engine: engines::data, engine_every: 1 });
    for f in &failures {
        eprintln!("{}", f.lines().next().unwrap_or_default());
    }
    eprintln!("fuzz: {tried} addresses in {:.1} s, {} failures", started.elapsed().as_secs_f64(), failures.len());
    assert!(failures.is_empty(), "{} of {tried} fuzzed addresses failed (rerun with PERPLEXED_FUZZ_SEED={seed}):\n{}", failures.len(), failures.iter().take(40).cloned().collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_generator_is_reproducible_and_hostile() {
    let valid = vec![("lr".to_string(), "0.03".to_string()), ("layers".to_string(), "4,2".to_string())];
    let a: Vec<String> = { let mut g = Gen::new(7, 0, valid.clone()); (0..50).map(|_| g.query()).collect() };
    let b: Vec<String> = { let mut g = Gen::new(7, 0, valid.clone()); (0..50).map(|_| g.query()).collect() };
    let c: Vec<String> = { let mut g = Gen::new(8, 0, valid); (0..50).map(|_| g.query()).collect() };
    assert_eq!(a, b, "the same seed, the same addresses");
    assert_ne!(a, c);
    assert!(a.iter().any(|q| q.contains("lr=")) && a.iter().any(|q| q.contains("layers=")));
    assert!(same_value("x2,x1", "x1,x2") && same_value("-0", "0") && same_value("0.1", "0.1") && same_value("1", "true"));
    assert!(!same_value("5", "4") && !same_value("4,2", "4") && !same_value("abc", ""));
}

use crate::query::lab_params;

lab_params! {
    /// A lab's settings with a planted bug: `n` above 50 is cut to 50 without a notice.
    pub struct Planted {
        n: u32 = 5, crate::query::int_in(0, 100);
        w: u32 = 1, crate::query::int_in(0, 100);
    }
    settle(p, _q) {
        if p.n > 50 {
            p.n = 50;
        }
    }
}

#[test]
fn the_fuzz_finds_a_setting_changed_without_a_notice() {
    let lab = Lab::<Planted> { slug: "planted", extra_keys: &[], canonical: &[], engine: |_| Ok(()), engine_every: 1 };
    let (failures, _) = fuzz_lab(&lab, DEFAULT_SEED, 0);
    assert!(failures.iter().any(|f| f.contains("`n=") && f.contains("taken as `n=50` without a notice")), "{failures:?}");
    assert!(failures.iter().all(|f| f.contains("`n=")), "only the planted bug: {failures:?}");
}
