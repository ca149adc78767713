//! What a reader can do with a chart besides look at it, the same on every chart of every lab:
//!
//! - **save** its picture (PNG) and, for a line chart, the numbers it draws (CSV), from a small
//!   menu in the chart's corner; and the lab's model (JSON) where the lab offers one
//!   ([`offer_model`]);
//! - **pin** the run a line chart shows as "A": every line chart of the page then draws A's lines
//!   dashed under the new run's (A/B: SGD against Adam, λ = 0 against 0.01), and the menu names
//!   A's settings (those that differ from the lab's defaults) and links to them — the seed is
//!   one of them, so A can be run again;
//! - **read** it as text: a line chart's label says what it shows now (its axes and each line's
//!   last value), and a polite live region repeats it, at most every 8 s, while it changes.
//!
//! Files are named for what is in them: `perplexed-<lab>-<chart>-<settings that differ from the
//! lab's defaults>-seed-<seed>.<ext>`.
//!
//! Why here and in plain DOM: every chart is drawn through the chart family, so no lab wires
//! anything; the menus are `<details>` (the browser opens and closes them, by mouse and by
//! keyboard) with one delegated listener per page, so every download pays for this once.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement};

use crate::components::canvas::{context, theme_color};
use crate::components::files::{save, save_png};
use crate::components::format::{number, DASH};
use crate::i18n::{fill, Lang};
use crate::query;

crate::i18n::table! {
    CH;
    Menu => "Save or compare this chart", "שמירה או השוואה של התרשים";
    Png => "Save the picture (PNG)", "שמירת התמונה (PNG)";
    Csv => "Save the numbers (CSV)", "שמירת המספרים (CSV)";
    Json => "Save the model (JSON)", "שמירת המודל (JSON)";
    Pin => "Pin this run as A, to compare the next with it", "הצמדת הריצה הזאת כ-A, להשוואה עם הבאה";
    Unpin => "Unpin run A", "ביטול ההצמדה של ריצה A";
    OpenA => "Open run A again", "פתיחת ריצה A מחדש";
    PinnedAs => "Run A: {}", "ריצה A: {}";
    Defaults => "the lab's defaults", "ברירות המחדל של המעבדה";
    Legend => "A (pinned)", "A (מוצמדת)";
    Says => "{} against {}. Last values ({} {}): {}.", "{} לפי {}. ערכים אחרונים ({} {}): {}.";
    RunA => "Run A: {}.", "ריצה A: {}.";
}

/// What a line chart showed last: its axes, and each line's name and points.
#[derive(Clone, Default, Debug, PartialEq)]
pub struct Shown {
    pub x_label: String,
    pub y_label: String,
    pub series: Vec<(String, Vec<(f32, f32)>)>,
}

/// A line chart on the page: its `data-testid`, what it showed last, and when its live region
/// last spoke (ms).
struct Chart {
    id: String,
    shown: Shown,
    spoken_at: f64,
}

/// A pinned run: its address and what each line chart showed when it was pinned.
struct Pin {
    address: Vec<(String, String)>,
    /// Its settings that differ from the lab's defaults.
    settings: Vec<(String, String)>,
    charts: Vec<(String, Shown)>,
}

thread_local! {
    static CHARTS: RefCell<Vec<Chart>> = const { RefCell::new(Vec::new()) };
    static PIN: RefCell<Option<Pin>> = const { RefCell::new(None) };
    /// The lab's model as JSON, when it offers one.
    static MODEL: RefCell<Option<Box<dyn Fn() -> Option<String>>>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
}

/// The page's language, as the shell wrote it on `<html lang>` (charts are drawn outside any
/// component, so they read it where the page shows it).
pub fn lang() -> Lang {
    document().and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang")).and_then(|c| Lang::from_code(&c)).unwrap_or(Lang::En)
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// The lab offers its model for saving: `body` writes it as JSON as it is at that moment (none
/// while there is no model yet); the file wraps it with the settings ([`model_json`]).
pub fn offer_model(body: impl Fn() -> Option<String> + 'static) {
    MODEL.with(|m| *m.borrow_mut() = Some(Box::new(body)));
}

/// A line chart `id` drew `shown` (over `pinned`, the pinned run's lines, in `lang`): kept for
/// its CSV and for pinning, and said as its text.
pub fn record(canvas: &HtmlCanvasElement, id: &str, shown: Shown, pinned: Option<&Shown>, lang: Lang) {
    if id.is_empty() {
        return;
    }
    let text = description(&shown, pinned, lang);
    CHARTS.with(|c| {
        let mut charts = c.borrow_mut();
        let at = match charts.iter().position(|c| c.id == id) {
            Some(at) => at,
            None => {
                charts.push(Chart { id: id.to_owned(), shown: Shown::default(), spoken_at: f64::NEG_INFINITY });
                charts.len() - 1
            }
        };
        let chart = &mut charts[at];
        chart.shown = shown;
        if canvas.get_attribute("aria-label").as_deref() == Some(text.as_str()) {
            return;
        }
        let _ = canvas.set_attribute("aria-label", &text);
        let _ = canvas.set_attribute("role", "img");
        // The live region speaks the change at most every 8 s: a training run changes its
        // numbers sixty times a second.
        let now = js_sys::Date::now();
        if now - chart.spoken_at >= 8000.0 {
            if let Some(live) = canvas.next_element_sibling().filter(is_tools).and_then(|row| row.last_element_child()) {
                live.set_text_content(Some(&text));
                chart.spoken_at = now;
            }
        }
    });
}

/// What the pinned run showed on the chart `id`, if a run is pinned.
pub fn pinned(id: &str) -> Option<Shown> {
    PIN.with(|p| p.borrow().as_ref()?.charts.iter().find(|(i, _)| i == id).map(|(_, s)| s.clone()))
}

/// The chart's text: its axes and each line's last value (and the pinned run's), the values as
/// the page prints a loss (three decimals, "< 0.001" for what rounds to zero).
pub fn description(shown: &Shown, pinned: Option<&Shown>, lang: Lang) -> String {
    let last_x = shown.series.iter().filter_map(|(_, p)| p.last()).map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
    let at = if last_x.is_finite() { last_x.to_string() } else { DASH.into() };
    let mut text = fill(CH::Says.get(lang), &[&shown.y_label, &shown.x_label, &shown.x_label, &at, &last_values(shown)]);
    if let Some(a) = pinned {
        text.push(' ');
        text.push_str(&fill(CH::RunA.get(lang), &[&last_values(a)]));
    }
    text
}

/// "training 0.231, validation 0.305": each line's name and last value.
fn last_values(shown: &Shown) -> String {
    let mut out = String::new();
    for (name, points) in &shown.series {
        if let Some(&(_, y)) = points.last() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&format!("{name} {}", number(y.into(), 3)));
        }
    }
    out
}

fn is_tools(e: &Element) -> bool {
    e.class_name() == "chart-tools"
}

/// Text made safe to put into markup: what a learner typed into the address (a pinned run's
/// settings) is shown, never run.
pub(crate) fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Gives a chart its menu (once; a chart drawn again keeps it, as wide as the chart), unless it
/// is too small to be a chart of its own (a kernel's cell, a thumbnail). The menu is a
/// `<details>`: the browser opens and closes it, by mouse and by keyboard, with no code here.
/// Its button sits in the chart's lower left corner, which every chart leaves empty (the line
/// chart's margins meet there); the live region that reads the chart out sits beside it.
pub fn attach(canvas: &HtmlCanvasElement) {
    let width = canvas.client_width();
    if width < 160 {
        return;
    }
    let style = format!("width:{width}px");
    if let Some(row) = canvas.next_element_sibling().filter(is_tools) {
        if row.get_attribute("style").as_deref() != Some(style.as_str()) {
            let _ = row.set_attribute("style", &style);
        }
        return;
    }
    // A menu left behind by this chart's earlier canvas (a panel shown again) goes.
    let stale = canvas.previous_element_sibling().filter(|row| is_tools(row) && row.previous_element_sibling().is_none_or(|c| c.tag_name() != "CANVAS"));
    if let Some(stale) = stale {
        stale.remove();
    }
    let Some(row) = document().and_then(|d| d.create_element("div").ok()) else { return };
    row.set_class_name("chart-tools");
    let _ = row.set_attribute("style", &style);
    let id = escaped(&canvas.get_attribute("data-testid").unwrap_or_default());
    // Outside the `<details>`, which hides what it holds while closed, the live region.
    row.set_inner_html(&format!("<details><summary data-testid=\"{id}-menu\">⋯</summary><div class=\"chart-menu\"></div></details><span class=\"sr-only\" aria-live=\"polite\"></span>"));
    let _ = canvas.after_with_node_1(&row);
    fill_menu(&row);
    listen();
}

/// Writes a chart's menu in the page's language, with what the chart offers now (its label, and
/// the items: a line chart's numbers, the lab's model, pinning or the pinned run).
fn fill_menu(row: &Element) {
    let Some(summary) = row.first_element_child().and_then(|details| details.first_element_child()) else { return };
    let Some(menu) = summary.next_element_sibling() else { return };
    let l = lang();
    let _ = summary.set_attribute("aria-label", CH::Menu.get(l));
    let _ = summary.set_attribute("title", CH::Menu.get(l));
    let id = row.previous_element_sibling().and_then(|c| c.get_attribute("data-testid")).unwrap_or_default();
    let is_line = CHARTS.with(|c| c.borrow().iter().any(|c| c.id == id));
    let pin = PIN.with(|p| p.borrow().as_ref().map(|p| (p.address.clone(), settings_text(&p.settings))));
    let has_model = MODEL.with(|m| m.borrow().is_some());
    let items = [("png", CH::Png, true), ("csv", CH::Csv, is_line), ("json", CH::Json, has_model), ("pin", CH::Pin, is_line && pin.is_none()), ("unpin", CH::Unpin, pin.is_some())];
    let mut html = String::new();
    for (act, text, offered) in items {
        if offered {
            html.push_str(&format!("<button type=\"button\" data-chart-act=\"{act}\" data-testid=\"chart-{act}\">{}</button>", text.get(l)));
        }
    }
    if let Some((address, settings)) = pin {
        let said = if settings.is_empty() { CH::Defaults.get(l).to_owned() } else { settings };
        let pairs: Vec<(&str, String)> = address.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        html.push_str(&format!(
            "<p data-testid=\"chart-pinned\">{}</p><a data-testid=\"chart-open-a\" href=\"?{}\">{}</a>",
            escaped(&fill(CH::PinnedAs.get(l), &[&said])),
            escaped(&query::write_query(&pairs)),
            CH::OpenA.get(l)
        ));
    }
    menu.set_inner_html(&html);
}

/// The page's one listener, made once: a click on a chart's menu button writes the menu afresh
/// (the language, the pin may have changed), a click on an item does it and closes the menu.
fn listen() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(doc) = document() else { return };
    let on_click = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
        let Some(row) = target.closest(".chart-tools").ok().flatten() else { return };
        if target.tag_name() == "SUMMARY" {
            fill_menu(&row);
            return;
        }
        let (Some(act), Some(canvas)) = (target.get_attribute("data-chart-act"), row.previous_element_sibling().and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())) else { return };
        if let Some(details) = row.first_element_child() {
            let _ = details.remove_attribute("open");
        }
        do_act(&act, &canvas);
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    // It lives as long as the page.
    on_click.forget();
}

fn do_act(what: &str, canvas: &HtmlCanvasElement) {
    let id = canvas.get_attribute("data-testid").unwrap_or_default();
    match what {
        "png" => {
            save_picture(&file_name(&id, "png"), canvas);
        }
        "csv" => {
            let text = CHARTS.with(|c| c.borrow().iter().find(|c| c.id == id).map(|c| csv(&c.shown, pinned(&id).as_ref()))).unwrap_or_default();
            save(&file_name(&id, "csv"), "text/csv", text.as_bytes());
        }
        "json" => {
            if let Some(body) = MODEL.with(|m| m.borrow().as_ref().map(|f| f())) {
                save(&file_name("model", "json"), "application/json", model_json(body.as_deref().unwrap_or("null")).as_bytes());
            }
        }
        "pin" => {
            let charts = CHARTS.with(|c| c.borrow().iter().map(|c| (c.id.clone(), c.shown.clone())).collect());
            let address = query::current_pairs();
            let settings = crate::lesson::changed_from_defaults(&address);
            PIN.with(|p| *p.borrow_mut() = Some(Pin { address, settings, charts }));
            // A paused lab draws nothing by itself: every chart is drawn again, with A.
            crate::view_modes::redraw_everything();
        }
        _ => {
            PIN.with(|p| *p.borrow_mut() = None);
            crate::view_modes::redraw_everything();
        }
    }
}

/// The chart's picture on the panel's colour (a canvas is transparent where nothing is drawn,
/// which a slide or an image viewer shows as black or as a checkerboard).
fn save_picture(name: &str, canvas: &HtmlCanvasElement) -> bool {
    let flat = document().and_then(|d| d.create_element("canvas").ok()).and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok());
    let Some(flat) = flat else { return save_png(name, canvas) };
    flat.set_width(canvas.width());
    flat.set_height(canvas.height());
    let Some(ctx) = context(&flat) else { return save_png(name, canvas) };
    ctx.set_fill_style_str(&theme_color("--panel-hex", "#ffffff"));
    ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    let _ = ctx.draw_image_with_html_canvas_element(canvas, 0.0, 0.0);
    save_png(name, &flat)
}

fn settings_text(settings: &[(String, String)]) -> String {
    settings.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ")
}

/// `perplexed-<lab>-<chart>-<changed settings>-seed-<seed>.<ext>`, from the page's address.
fn file_name(chart: &str, ext: &str) -> String {
    let address = query::current_pairs();
    let lab = address.iter().find(|(k, _)| k == "lab").map(|(_, v)| v.as_str()).unwrap_or_default();
    let mut settings = crate::lesson::changed_from_defaults(&address);
    let seed = match settings.iter().position(|(k, _)| k == "seed") {
        Some(at) => Some(settings.remove(at).1),
        None => crate::lesson::default_value("seed"),
    };
    file_name_of(lab, chart, &settings, seed.as_deref(), ext)
}

/// A model as JSON: `{"settings": {the address's settings, the lab's among them}, "model":
/// <body>}` — the settings say which model it is (its layers, its activation, its seed).
pub fn model_json(body: &str) -> String {
    let mut out = String::from("{\"settings\":{");
    for (i, (k, v)) in query::current_pairs().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{}:{}", json_string(k), json_string(v)));
    }
    out.push_str("},\"model\":");
    out.push_str(body);
    out.push('}');
    out
}

/// A network of the differentiable engine as JSON (the body of [`model_json`]): `kind`, then
/// each named parameter tensor with its shape and its values, row-major as the engine keeps them.
pub fn params_json(kind: &str, params: &perplexed_core::tensor::params::Params) -> String {
    let mut out = format!("{{\"type\":{},\"parameters\":[", json_string(kind));
    for (i, entry) in params.entries().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let shape = json_numbers(entry.shape.dims().iter().map(|&d| d as f32));
        let values = json_numbers(params.values()[entry.range()].iter().copied());
        out.push_str(&format!("{{\"name\":{},\"shape\":{shape},\"values\":{values}}}", json_string(&entry.name)));
    }
    out.push_str("]}");
    out
}

/// A JSON string (quotes, backslashes and control characters escaped).
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number a JSON file can hold, written as Rust prints it (the shortest text that reads back
/// the same value) — `f32` for the engine's tensors, `f64` where core keeps `f64`.
pub trait JsonNumber: std::fmt::Display + Copy {
    fn is_finite(self) -> bool;
}

impl JsonNumber for f32 {
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
}

impl JsonNumber for f64 {
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
}

/// A number as JSON (a value that is not finite, which JSON cannot write, as `null`).
pub fn json_number<N: JsonNumber>(v: N) -> String {
    if v.is_finite() { v.to_string() } else { "null".into() }
}

/// Numbers as a JSON list (each as [`json_number`]).
pub fn json_numbers<N: JsonNumber>(values: impl Iterator<Item = N>) -> String {
    let mut out = String::from("[");
    for (i, v) in values.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json_number(v));
    }
    out.push(']');
    out
}

/// The file name from its parts, in letters, digits, '.', '_' and '-' only, at most 150
/// characters before the extension.
pub fn file_name_of(lab: &str, chart: &str, settings: &[(String, String)], seed: Option<&str>, ext: &str) -> String {
    let mut name = format!("perplexed-{lab}-{}", chart.strip_suffix("-chart").unwrap_or(chart));
    for (k, v) in settings {
        name.push_str(&format!("-{k}_{v}"));
    }
    if let Some(s) = seed {
        name.push_str(&format!("-seed-{s}"));
    }
    let mut safe = String::new();
    for c in name.chars().take(150) {
        safe.push(if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '_' });
    }
    format!("{safe}.{ext}")
}

/// The numbers of a line chart: one row per x, one column per line (and per pinned line),
/// blank where a line has no point at that x.
pub fn csv(shown: &Shown, pinned: Option<&Shown>) -> String {
    let mut columns: Vec<(String, &[(f32, f32)])> = shown.series.iter().map(|(n, p)| (n.clone(), p.as_slice())).collect();
    if let Some(a) = pinned {
        columns.extend(a.series.iter().map(|(n, p)| (format!("A: {n}"), p.as_slice())));
    }
    let mut out = field(&shown.x_label);
    for (name, _) in &columns {
        out.push(',');
        out.push_str(&field(&format!("{name} ({})", shown.y_label)));
    }
    out.push('\n');
    // The columns merged in order of x (each one's x grows): the row's x is the smallest x
    // not yet written, and each column at that x gives its value.
    let mut next = vec![0usize; columns.len()];
    loop {
        let mut x = f32::INFINITY;
        for ((_, points), &at) in columns.iter().zip(&next) {
            if let Some(p) = points.get(at) {
                x = x.min(p.0);
            }
        }
        if !x.is_finite() {
            return out;
        }
        out.push_str(&x.to_string());
        for ((_, points), at) in columns.iter().zip(next.iter_mut()) {
            out.push(',');
            if let Some(&(_, y)) = points.get(*at).filter(|p| p.0 == x) {
                *at += 1;
                if y.is_finite() {
                    out.push_str(&y.to_string());
                }
            }
        }
        out.push('\n');
    }
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Shown {
        Shown {
            x_label: "epoch".into(),
            y_label: "loss".into(),
            series: vec![("training".into(), vec![(0.0, 1.0), (1.0, 0.5), (2.0, 0.25)]), ("validation".into(), vec![(0.0, 1.25), (2.0, f32::NAN)])],
        }
    }

    #[test]
    fn words_in_both_languages() {
        crate::i18n::check_table(CH::ALL, &[]);
    }

    #[test]
    fn csv_has_a_row_per_x_and_a_column_per_line() {
        let text = csv(&chart(), None);
        // x = 0, 1, 2; validation has no point at 1 and a NaN (left blank) at 2.
        assert_eq!(text, "epoch,training (loss),validation (loss)\n0,1,1.25\n1,0.5,\n2,0.25,\n");
        let a = Shown { series: vec![("training".into(), vec![(0.0, 2.0), (3.0, 0.125)])], ..chart() };
        let text = csv(&chart(), Some(&a));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "epoch,training (loss),validation (loss),A: training (loss)");
        assert_eq!(lines[1], "0,1,1.25,2");
        // A ran longer: its x = 3 is a row of its own.
        assert_eq!(lines[4], "3,,,0.125");
        // A name with a comma or a quote is quoted.
        let odd = Shown { x_label: "step, \"k\"".into(), ..chart() };
        assert!(csv(&odd, None).starts_with("\"step, \"\"k\"\"\","));
    }

    #[test]
    fn file_names_say_lab_chart_settings_and_seed() {
        let s = vec![("lr".to_owned(), "0.3".to_owned()), ("act".to_owned(), "re lu/é".to_owned())];
        assert_eq!(file_name_of("playground", "loss-chart", &s, Some("7"), "png"), "perplexed-playground-loss-lr_0.3-act_re_lu__-seed-7.png");
        assert_eq!(file_name_of("descent", "curve", &[], None, "csv"), "perplexed-descent-curve.csv");
        let long: Vec<(String, String)> = (0..40).map(|i| (format!("k{i}"), "v".repeat(9))).collect();
        assert!(file_name_of("data", "roc", &long, Some("1"), "csv").len() <= 154);
    }

    #[test]
    fn descriptions_name_axes_and_last_values() {
        let text = description(&chart(), None, Lang::En);
        assert_eq!(text, "loss against epoch. Last values (epoch 2): training 0.250, validation —.");
        let a = Shown { series: vec![("training".into(), vec![(5.0, 0.125)])], ..chart() };
        assert!(description(&chart(), Some(&a), Lang::He).ends_with("ריצה A: training 0.125."));
        // A value that rounds to zero is not said to be zero.
        let tiny = Shown { series: vec![("training".into(), vec![(7.0, 2e-5)])], ..chart() };
        assert!(description(&tiny, None, Lang::En).ends_with("(epoch 7): training < 0.001."));
        assert_eq!(escaped("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn json_escapes_and_writes_null_for_what_it_cannot_write() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
        assert_eq!(json_string("שלום"), "\"שלום\"");
        assert_eq!(json_numbers([0.5, -2.0, f32::NAN, f32::INFINITY].into_iter()), "[0.5,-2,null,null]");
        assert_eq!(json_numbers(std::iter::empty::<f32>()), "[]");
    }

    #[test]
    fn an_engine_network_is_saved_tensor_by_tensor() {
        use perplexed_core::rng::Rng;
        use perplexed_core::tensor::params::{Init, Params};
        let mut p = Params::new();
        let mut rng = Rng::new(1);
        p.add("dense.weight", [2, 3], Init::Zeros, &mut rng).expect("a tensor");
        p.add("dense.bias", [3], Init::Zeros, &mut rng).expect("a tensor");
        p.set("dense.weight", &[1.0, 2.0, 3.0, 4.0, 5.0, 6.5]).expect("six values");
        p.set("dense.bias", &[-1.0, 0.0, 0.25]).expect("three values");
        assert_eq!(
            params_json("test net", &p),
            "{\"type\":\"test net\",\"parameters\":[{\"name\":\"dense.weight\",\"shape\":[2,3],\"values\":[1,2,3,4,5,6.5]},\
             {\"name\":\"dense.bias\",\"shape\":[3],\"values\":[-1,0,0.25]}]}"
        );
    }

    #[test]
    fn settings_read_as_a_list() {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(settings_text(&[pair("opt", "sgd"), pair("lr", "0.1")]), "opt = sgd, lr = 0.1");
    }
}
