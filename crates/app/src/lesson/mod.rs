//! Lessons a teacher plans and links: an ordered list of steps, each a lab in chosen settings
//! with a note in the teacher's words and, if wanted, some controls hidden; played as a sequence
//! of slides that are live labs.
//!
//! - [`code`]: the lesson written into the address (`lesson=<code>&step=<n>`), compactly.
//! - [`bar`]: on a lab's page, the lesson's bar (the step, its note, previous and next) and the
//!   header's "add this state as a step".
//! - [`editor`]: the page where the steps are put in order, annotated and linked (`?edit=lesson`,
//!   part of the home page's download).
//!
//! The lesson being written is kept in this browser only (localStorage), like everything else a
//! visitor makes; the link carries the whole lesson, so nothing is stored anywhere else.

pub mod bar;
pub mod code;
pub mod editor;

use std::cell::RefCell;

use code::{Lesson, Step};

use crate::i18n::Lang;
use crate::context::storage;
use crate::query;

/// Where the lesson being written is kept (its code, with the controls each step offers).
pub const DRAFT_KEY: &str = "perplexed.lesson";
/// Steps added in the labs since the editor last opened: one address a line (see [`add_step`]).
/// The labs only append here, so they need no encoder; the editor takes them into the lesson.
pub const NEW_STEPS_KEY: &str = "perplexed.lesson.new";
/// The name, in a new step's line, of the controls its page offered (`id␟label␞…`).
const OFFERED: &str = "~offered";

thread_local! {
    /// The lab's settings at their defaults, as the address writes them (set by the lab).
    static DEFAULTS: RefCell<Vec<(&'static str, String)>> = const { RefCell::new(Vec::new()) };
    /// The lesson being played: its code and the step shown (from 0), once read.
    static PLAYING: RefCell<Option<(String, usize)>> = RefCell::new(in_address());
}

/// The lab's settings at their defaults (a step keeps only those that differ).
pub fn set_defaults(defaults: Vec<(&'static str, String)>) {
    DEFAULTS.with(|d| *d.borrow_mut() = defaults);
}

/// The settings of `address` that differ from the lab's defaults.
pub fn changed_from_defaults(address: &[(String, String)]) -> Vec<(String, String)> {
    DEFAULTS.with(|d| changed_settings(address, &d.borrow()))
}

/// A setting's default value.
pub fn default_value(name: &str) -> Option<String> {
    DEFAULTS.with(|d| d.borrow().iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()))
}

/// The lesson being played (its code, the step from 0).
pub fn playing() -> Option<(String, usize)> {
    PLAYING.with(|p| p.borrow().clone())
}

/// A new lesson state: another step (the address said one past the end), or none (left, or
/// damaged).
pub fn set_playing(now: Option<(String, usize)>) {
    PLAYING.with(|p| *p.borrow_mut() = now);
}

/// What the lab's address keeps of the lesson being played: `lesson` and `step`.
pub fn playing_in_address() -> Vec<(&'static str, String)> {
    playing().map(|(code, at)| vec![("lesson", code), ("step", (at + 1).to_string())]).unwrap_or_default()
}

/// The lesson being played, from the address: its code and the step shown (from 0).
fn in_address() -> Option<(String, usize)> {
    let code = query::current_value("lesson").filter(|c| !c.is_empty())?;
    let step = query::current_value("step").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1) - 1;
    Some((code, step))
}

/// The address (a query, from `?`) that opens step `at` of `lesson`, whose code is `code`: the
/// step's lab in its settings, the language, presenter mode if on, and the lesson itself.
pub fn step_address(lesson: &Lesson, code: &str, at: usize, lang: Lang, present: bool) -> String {
    let Some(step) = lesson.steps.get(at) else { return "?".into() };
    let mut pairs: Vec<(&str, String)> = vec![("lab", step.lab.clone())];
    pairs.extend(step.settings.iter().map(|(k, v)| (k.as_str(), v.clone())));
    pairs.push(("lang", lang.code().to_owned()));
    if present {
        pairs.push(("present", "1".into()));
    }
    pairs.push(("lesson", code.to_owned()));
    pairs.push(("step", (at + 1).to_string()));
    format!("?{}", query::write_query(&pairs))
}

/// The settings of the address that differ from the lab's `defaults` (the shell's own keys left
/// out): what a step keeps.
pub fn changed_settings(address: &[(String, String)], defaults: &[(&'static str, String)]) -> Vec<(String, String)> {
    const SHELL: [&str; 5] = ["lab", "lang", "present", "lesson", "step"];
    address
        .iter()
        .filter(|(k, v)| !SHELL.contains(&k.as_str()) && !defaults.iter().any(|(dk, dv)| dk == k && dv == v))
        .cloned()
        .collect()
}

/// The lesson being written (an empty one when there is none, or when what is kept is damaged).
pub fn draft() -> Lesson {
    storage()
        .and_then(|s| s.get_item(DRAFT_KEY).ok().flatten())
        .and_then(|c| code::decode(&c).ok())
        .unwrap_or_default()
}

/// Keeps the lesson being written.
pub fn keep_draft(lesson: &Lesson) {
    if let Some(s) = storage() {
        let _ = s.set_item(DRAFT_KEY, &code::encode(lesson));
    }
}

/// The steps added in the labs and not yet taken into the lesson, as lines.
fn new_step_lines() -> String {
    storage().and_then(|s| s.get_item(NEW_STEPS_KEY).ok().flatten()).unwrap_or_default()
}

/// Adds the lab `lab`, as the address `address` shows it, with the controls its page `offered`,
/// as the next step of the lesson being written; returns how many steps the lesson then has.
pub fn add_step(lab: &str, address: &[(String, String)], offered: &[(String, String)]) -> usize {
    let settings = changed_from_defaults(address);
    let mut lines = new_step_lines();
    lines.push_str(&step_line(lab, &settings, offered));
    if let Some(s) = storage() {
        let _ = s.set_item(NEW_STEPS_KEY, &lines);
    }
    draft().steps.len() + lines.lines().count()
}

/// A new step as one line: its address, with the controls offered under [`OFFERED`].
fn step_line(lab: &str, settings: &[(String, String)], offered: &[(String, String)]) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("lab", lab.to_owned())];
    pairs.extend(settings.iter().map(|(k, v)| (k.as_str(), v.clone())));
    pairs.push((OFFERED, offered.iter().map(|(id, label)| format!("{id}\u{1f}{label}")).collect::<Vec<_>>().join("\u{1e}")));
    query::write_query(&pairs) + "\n"
}

/// A step as a lab's line wrote it.
fn step_of_line(line: &str) -> Option<Step> {
    let pairs = query::parse_query(line);
    let lab = pairs.iter().find(|(k, _)| k == "lab")?.1.clone();
    let offered = pairs.iter().find(|(k, _)| k == OFFERED).map(|(_, v)| {
        v.split('\u{1e}').filter_map(|c| c.split_once('\u{1f}')).map(|(id, label)| (id.to_owned(), label.to_owned())).collect()
    });
    let settings = pairs.into_iter().filter(|(k, _)| k != "lab" && k != OFFERED).collect();
    Some(Step { lab, settings, offered: offered.unwrap_or_default(), ..Step::default() })
}

/// The lesson being written with the steps added since, taken in (the editor's start).
pub fn draft_with_new_steps() -> Lesson {
    let mut lesson = draft();
    let lines = new_step_lines();
    if !lines.is_empty() {
        lesson.steps.extend(lines.lines().filter_map(step_of_line));
        lesson.steps.truncate(code::MAX_STEPS);
        keep_draft(&lesson);
        if let Some(s) = storage() {
            let _ = s.remove_item(NEW_STEPS_KEY);
        }
    }
    lesson
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_keeps_only_the_settings_that_differ_from_the_defaults() {
        let address: Vec<(String, String)> = [("lab", "playground"), ("dataset", "spiral"), ("lr", "0.03"), ("noise", "0"), ("lang", "he"), ("present", "1"), ("lesson", "AAA"), ("step", "2")]
            .iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect();
        let defaults = vec![("dataset", "circle".to_owned()), ("lr", "0.03".to_owned()), ("noise", "0".to_owned())];
        assert_eq!(changed_settings(&address, &defaults), vec![("dataset".to_owned(), "spiral".to_owned())]);
    }

    #[test]
    fn a_step_address_opens_its_lab_in_its_settings_with_the_lesson() {
        let lesson = Lesson {
            title: String::new(),
            steps: vec![
                Step { lab: "playground".into(), ..Step::default() },
                Step { lab: "descent".into(), settings: vec![("surface".into(), "ravine".into()), ("racers".into(), "sgd:0.1,adam:0.1".into())], ..Step::default() },
            ],
        };
        let code = code::encode(&lesson);
        let q = step_address(&lesson, &code, 1, Lang::He, true);
        assert_eq!(q, format!("?lab=descent&surface=ravine&racers=sgd%3A0.1,adam%3A0.1&lang=he&present=1&lesson={code}&step=2"));
        assert_eq!(step_address(&lesson, &code, 7, Lang::En, false), "?");
    }

    /// The lesson the README links to (a test there opens it in the browser).
    fn readme_lesson() -> Lesson {
        let step = |lab: &str, settings: &str, note: &str, hidden: &[&str]| Step {
            lab: lab.into(),
            settings: query::parse_query(settings),
            note: note.into(),
            hidden: hidden.iter().map(|&h| h.into()).collect(),
            offered: Vec::new(),
        };
        Lesson {
            title: "Learning, step by step".into(),
            steps: vec![
                step("playground", "dataset=xor&layers=8,4", "A small network learns XOR. Press Play and watch the boundary bend around the four corners.", &[]),
                step("playground", "dataset=spiral&layers=8,8,8,8&activation=relu&optimizer=adam&lr=0.01", "A spiral needs depth: four layers of eight. Remove layers until it fails.", &["lr"]),
                step("descent", "surface=rosenbrock&race=sgd:0.001,momentum:0.001,adam:0.02,lion:0.003&steps=2000", "Four optimizers race down the same curved valley. Which one reaches the bottom first?", &[]),
                step("overfitting", "function=sine&points=20&noise=25&degree=15", "Degree 15 on 20 points: the training error is tiny, the validation error is not.", &[]),
            ],
        }
    }

    #[test]
    fn the_readme_shows_a_lesson_link_this_code_writes() {
        let lesson = readme_lesson();
        let link = format!("http://127.0.0.1:8080/{}", step_address(&lesson, &code::encode(&lesson), 0, Lang::En, false));
        let readme = include_str!("../../../../README.md");
        assert!(readme.contains(&link), "the README should show {link}");
    }

    #[test]
    fn a_step_added_in_a_lab_reaches_the_editor_whole() {
        let settings = vec![("dataset".to_owned(), "spiral".to_owned()), ("prompt".to_owned(), "שלום & = ?\nעוד".to_owned())];
        let offered = vec![("lr".to_owned(), "Learning rate".to_owned()), ("noise".to_owned(), "רעש (%)".to_owned())];
        let line = step_line("playground", &settings, &offered);
        // One line, whatever the settings hold.
        assert_eq!(line.lines().count(), 1);
        let step = step_of_line(line.trim_end()).expect("a step");
        assert_eq!(step, Step { lab: "playground".into(), settings, offered, ..Step::default() });
        assert_eq!(step_of_line("dataset=spiral"), None, "a line without its lab is no step");
    }
}
