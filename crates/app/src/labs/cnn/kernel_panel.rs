//! The kernel explorer: a kernel you can hold.
//!
//! It teaches what one convolution does before the lab trains a network that learns its own:
//! pick (or type) a 3 × 3 or 5 × 5 kernel, see it sit on an 8 × 8 digit (or the visitor's
//! drawing), and read the multiply-and-add of any cell of the feature map written out — pixel ×
//! weight, padding zeros included — with the window outlined on the padded image. Stride and
//! padding change the map's side, shown as the formula with its numbers and a warning when the
//! kernel's last jump does not end at the edge. Max and average pooling are worked out the same
//! way on the feature map.
//!
//! Every number comes from core (`perplexed_core::cnn::kernel` and `conv_output_size`): this
//! file lays out what core returns and never recomputes it, so the arithmetic shown and the
//! map's cell are the same bits.

use leptos::prelude::*;
use perplexed_core::cnn::kernel::{convolve, fit_warning, pool, pool_window, terms, FeatureMap, PoolKind, PoolWindow};
use perplexed_core::data::digits::SIDE;
use perplexed_core::tensor::conv_output_size;
use wasm_bindgen::JsCast;

use crate::components::controls::{count, select};
use crate::components::errors::say;
use crate::components::format::number;
use crate::i18n::{fill, Lang};
use crate::components::lab_shell::Look;

use super::kernel_text::{digit_name, kernel_about, kernel_name, KT};
use super::params::{CnnParams, ImageSource, KernelChoice, DEMO_WINDOWS, MAX_PADDING, MAX_STRIDE, MAX_WEIGHT};

/// The image select's values: the digits, then the drawing (`ImageSource`'s query values).
const IMAGE_SLUGS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "drawing"];

/// What the explorer has to convolve.
#[derive(Debug, Clone, PartialEq)]
enum Picture {
    /// The digits have not arrived yet.
    Loading,
    /// The visitor chose their drawing, and it is blank.
    NothingDrawn,
    /// `SIDE × SIDE` pixels in 0..=1 (core checks the length: a wrong one is its error, shown).
    Ready(Vec<f32>),
}

impl Picture {
    /// Which case, without the pixels: what the layout depends on (so drawing a stroke redraws
    /// the grids, not the whole stage, and the focused cell keeps its focus).
    fn case(&self) -> u8 {
        match self {
            Picture::Loading => 0,
            Picture::NothingDrawn => 1,
            Picture::Ready(_) => 2,
        }
    }
}

/// The picture `source` names, from the loaded digits (one per digit) and the drawing.
fn picture(source: ImageSource, examples: Option<&Vec<Vec<f32>>>, drawing: &[f32]) -> Picture {
    match source {
        // A digit missing from the list reads as still loading, never as a panic.
        ImageSource::Digit(d) => examples.and_then(|e| e.get(usize::from(d))).map_or(Picture::Loading, |img| Picture::Ready(img.clone())),
        ImageSource::Drawing if drawing.iter().all(|&v| v == 0.0) => Picture::NothingDrawn,
        ImageSource::Drawing => Picture::Ready(drawing.to_vec()),
    }
}

fn image_slug(source: ImageSource) -> &'static str {
    match source {
        ImageSource::Digit(d) => IMAGE_SLUGS.get(usize::from(d)).copied().unwrap_or("0"),
        ImageSource::Drawing => "drawing",
    }
}

/// A typed weight, if it is one: a finite number within ±`MAX_WEIGHT` (the address's rule, so a
/// kernel on screen always survives a link). The page's own minus "−" and a decimal comma count.
fn parse_weight(text: &str) -> Option<f32> {
    let v: f32 = text.trim().replace('−', "-").replace(',', ".").parse().ok()?;
    (v.is_finite() && v.abs() <= MAX_WEIGHT).then_some(v)
}

/// Weight `i` set to `v`: a kernel the visitor edits is theirs ("custom"), the other weights kept.
/// Typing the value already there changes nothing (a named kernel stays named).
fn set_weight(p: &mut CnnParams, i: usize, v: f32) {
    if let Some(w) = p.weights.get_mut(i) {
        if *w != v {
            *w = v;
            p.kernel = KernelChoice::Custom;
        }
    }
}

/// `weights` (3 × 3 or 5 × 5) as a `to × to` kernel with the same centre: growing adds a ring of
/// zeros (the same response), shrinking keeps the middle 3 × 3.
fn resized(weights: &[f32], to: usize) -> Vec<f32> {
    let from = if weights.len() == 25 { 5 } else { 3 };
    if from == to || weights.len() != from * from {
        return weights.to_vec();
    }
    let mut out = vec![0.0; to * to];
    // The offset of the smaller kernel inside the larger one: 1 row and 1 column.
    for u in 0..3 {
        for v in 0..3 {
            if to == 5 {
                out[(u + 1) * 5 + v + 1] = weights[u * 3 + v];
            } else {
                out[u * 3 + v] = weights[(u + 1) * 5 + v + 1];
            }
        }
    }
    out
}

/// A weight as its input box shows it: ASCII minus (the browser parses it), at most four
/// decimals, no trailing zeros ("0.1111", "-1", "0.0039").
fn input_text(w: f32) -> String {
    let s = format!("{w:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s {
        "" | "-" | "-0" => "0".into(),
        s => s.into(),
    }
}

/// A number for the written-out arithmetic: the page's format at up to `decimals` decimals,
/// trailing zeros dropped ("1", "0.25", "−0.111").
fn short(v: f32, decimals: usize) -> String {
    let s = number(f64::from(v), decimals);
    if s.contains('.') && !s.contains('<') && !s.contains('>') && !s.contains('e') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// A weight in a product, in brackets when negative: "(−1)".
fn weight_factor(w: f32) -> String {
    let s = short(w, 3);
    if s.starts_with('−') || s.starts_with('>') {
        format!("({s})")
    } else {
        s
    }
}

/// A diverging colour for `v` on a map whose largest magnitude is `scale`: blue for positive,
/// orange for negative (Okabe–Ito, safe for colour-blind eyes). `--mix` (the colour's share in
/// per cent) lets the stylesheet pick black or white text, whichever is legible on that shade
/// in the current theme (style.css, "Text on a shade": at least 4.5 : 1 on every cell).
fn heat_style(v: f32, scale: f32) -> String {
    let share = if scale > 0.0 && v.is_finite() { (v.abs() / scale).min(1.0) } else { 0.0 };
    let hue = if v < 0.0 { "var(--kx-neg)" } else { "var(--kx-pos)" };
    let mix = (share * 85.0).round();
    format!("background: color-mix(in srgb, {hue} {mix}%, var(--panel)); --mix: {mix};")
}

/// A pixel (0 paper … 1 ink) as a shade of the text colour, so it reads in both themes; its
/// number in black or white as `--ink` (per cent of text colour) decides, as for heat_style.
fn ink_style(v: f32) -> String {
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.0 };
    let ink = (v * 100.0).round();
    format!("background: color-mix(in srgb, var(--fg) {ink}%, var(--panel)); --ink: {ink};")
}

fn largest_magnitude(values: &[f32]) -> f32 {
    values.iter().filter(|v| v.is_finite()).fold(0.0f32, |a, v| a.max(v.abs()))
}

/// Moves the focus to the element with `data-testid` = `id` (a grid's newly selected cell).
fn focus_testid(id: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(el)) = doc.query_selector(&format!("[data-testid=\"{id}\"]")) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// The cell an arrow key moves to from `(r, c)` on a `side × side` grid (`None`: not an arrow).
/// The grids are pictures, left to right in both languages, so → is always the next column.
fn arrow_target(key: &str, side: usize, (r, c): (usize, usize)) -> Option<(usize, usize)> {
    let last = side.saturating_sub(1);
    match key {
        "ArrowUp" => Some((r.saturating_sub(1), c)),
        "ArrowDown" => Some(((r + 1).min(last), c)),
        "ArrowLeft" => Some((r, c.saturating_sub(1))),
        "ArrowRight" => Some((r, (c + 1).min(last))),
        "Home" => Some((r, 0)),
        "End" => Some((r, last)),
        _ => None,
    }
}

/// `sel` kept inside a `side × side` map (a smaller map after a new stride keeps the selection
/// at its edge rather than losing it).
fn clamped(sel: (usize, usize), side: usize) -> Option<(usize, usize)> {
    (side > 0).then(|| (sel.0.min(side - 1), sel.1.min(side - 1)))
}

/// An interactive feature map: each cell shows its value on a diverging colour, is selected by
/// pointing at it or focusing it, and the arrow keys move the selection (one tab stop for the
/// whole map: the selected cell, a roving tabindex). Cells are rebuilt only when the map
/// changes, so moving the selection keeps the focus.
fn map_grid(
    lang: RwSignal<Lang>,
    testid: &'static str,
    prefix: &'static str,
    name: crate::i18n::Label,
    map: Memo<Option<FeatureMap>>,
    sel: RwSignal<(usize, usize)>,
    cell: Memo<Option<(usize, usize)>>,
) -> impl IntoView {
    move || {
        map.get().map(|m| {
            let side = m.side;
            let scale = largest_magnitude(&m.values);
            let cells = m
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let (r, c) = (i / side, i % side);
                    let is_sel = move || cell.get() == Some((r, c));
                    let text = number(f64::from(v), 2);
                    let aria = {
                        let text = text.clone();
                        move || fill(KT::CellAria.get(lang.get()), &[&(r + 1).to_string(), &(c + 1).to_string(), &text])
                    };
                    view! {
                        <div
                            class=move || if is_sel() { "kx-cell kx-value kx-selected" } else { "kx-cell kx-value" }
                            data-testid=format!("{prefix}-{r}-{c}")
                            role="option"
                            aria-selected=move || if is_sel() { "true" } else { "false" }
                            aria-label=aria
                            tabindex=move || if is_sel() { "0" } else { "-1" }
                            style=at_cell(r, c, &heat_style(v, scale))
                            on:mouseenter=move |_| sel.set((r, c))
                            on:focus=move |_| sel.set((r, c))
                            on:keydown=move |ev: web_sys::KeyboardEvent| {
                                if let Some(to) = arrow_target(&ev.key(), side, (r, c)) {
                                    // The arrow is this grid's: not the page's scroll, and not
                                    // the trainer's "→ steps" key listening on the window.
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                    sel.set(to);
                                    focus_testid(&format!("{prefix}-{}-{}", to.0, to.1));
                                }
                            }
                        >
                            {text}
                        </div>
                    }.into_any()
                })
                .collect_view();
            view! {
                <div class="kx-grid kx-map" dir="ltr" role="listbox" data-testid=testid data-side=side.to_string()
                    aria-label=move || name.get(lang.get()) style=format!("--kx-side: {side}")>
                    {cells}
                </div>
            }.into_any()
        })
    }
}

/// Two grids side by side, an arrow between: what goes in, what comes out (convolution, pooling).
fn before_after(lang: RwSignal<Lang>, in_title: crate::i18n::Label, input: AnyView, out_title: crate::i18n::Label, output: AnyView) -> AnyView {
    view! {
        <div class="kx-stage">
            <figure class="kx-figure">
                <figcaption>{move || in_title.get(lang.get())}</figcaption>
                {input}
            </figure>
            <div class="kx-arrow" aria-hidden="true"></div>
            <figure class="kx-figure">
                <figcaption>{move || out_title.get(lang.get())}</figcaption>
                {output}
            </figure>
        </div>
    }
    .into_any()
}

/// An output size: its label, the formula with the numbers filled in (left to right in both
/// languages), and the fit warning if there is one.
fn size_line(testid: &'static str, label: &'static str, formula: String, warning: Option<AnyView>) -> AnyView {
    view! {
        <p class="kx-size" data-testid=testid>
            <span class="kx-size-label">{label}</span>" "
            <span class="kx-formula" dir="ltr">{formula}</span>
        </p>
        {warning}
    }
    .into_any()
}

/// The inline style that puts a cell at `(r, c)` of a grid (0-based), with its shading.
fn at_cell(r: usize, c: usize, shade: &str) -> String {
    format!("grid-area: {} / {}; {shade}", r + 1, c + 1)
}

/// A grid picture that is not pointed at (the padded image, the pooling's source): its cells,
/// left to right in both languages, with a window's outline laid over them.
fn window_grid(class: &'static str, testid: &'static str, side: usize, cells: impl IntoView + 'static, outline: Option<AnyView>) -> AnyView {
    view! {
        <div class=class dir="ltr" data-testid=testid data-side=side.to_string() style=format!("--kx-side: {side}")>
            {cells}{outline}
        </div>
    }
    .into_any()
}

/// The outline of a `k × k` window whose top-left cell is `(r, c)`, laid over a grid's cells.
fn window_outline(r: usize, c: usize, k: usize, class: &'static str) -> AnyView {
    view! { <div class=class aria-hidden="true" style=format!("grid-area: {} / {} / span {k} / span {k}", r + 1, c + 1)></div> }.into_any()
}

/// The explorer's section: `examples` holds one image per digit 0–9 (64 values in 0..=1, row
/// by row) once the data has loaded; `drawing` is the visitor's drawing as the network sees it.
pub fn kernel_panel(lang: RwSignal<Lang>, params: RwSignal<CnnParams>, examples: Signal<Option<Vec<Vec<f32>>>>, drawing: Signal<Vec<f32>>) -> impl IntoView {
    let t = move |key: crate::i18n::Label| move || key.get(lang.get());

    // ---- what core computes, once per change
    let pic = Memo::new(move |_| {
        let source = params.look(|p| p.image);
        examples.with(|e| drawing.with(|d| picture(source, e.as_ref(), d)))
    });
    let case = Memo::new(move |_| pic.with(Picture::case));
    let geometry = Memo::new(move |_| params.look(|p| (p.kernel_side(), p.stride, p.padding)));
    let conv = Memo::new(move |_| {
        pic.with(|pic| match pic {
            Picture::Ready(px) => Some(params.look(|p| convolve(px, SIDE, &p.weights, p.kernel_side(), p.stride, p.padding))),
            _ => None,
        })
    });
    let fmap = Memo::new(move |_| conv.with(|c| c.as_ref().and_then(|r| r.as_ref().ok().cloned())));
    let pooling = Memo::new(move |_| params.look(|p| (p.demo_pool, p.demo_window)));
    // Pooling windows do not overlap: the pooling's stride is its window, as in the lab's network.
    let pooled_result = Memo::new(move |_| {
        let (kind, w) = pooling.get();
        fmap.with(|m| m.as_ref().map(|m| pool(m, kind, w, w)))
    });
    let pooled = Memo::new(move |_| pooled_result.with(|r| r.as_ref().and_then(|r| r.as_ref().ok().cloned())));

    // ---- the selected cells (of the feature map, of the pooled map)
    let sel = RwSignal::new((2usize, 2usize));
    let cell = Memo::new(move |_| fmap.with(|m| m.as_ref().and_then(|m| clamped(sel.get(), m.side))));
    let pool_sel = RwSignal::new((0usize, 0usize));
    let pool_cell = Memo::new(move |_| pooled.with(|m| m.as_ref().and_then(|m| clamped(pool_sel.get(), m.side))));
    // The typed weight last refused: its index and the value kept.
    let refused = RwSignal::new(None::<(usize, f32)>);

    // ---- controls
    let kernel_options: Vec<(&'static str, crate::i18n::Label)> = perplexed_core::cnn::kernel::NamedKernel::ALL
        .iter()
        .map(|&k| (k.slug(), kernel_name(k)))
        .chain([("custom", KT::Custom)])
        .collect();
    let kernel_select = select(
        lang,
        "kernel",
        KT::KernelLabel,
        KT::KernelHelp,
        kernel_options,
        move || params.look(|p| p.kernel.slug()),
        move |s| {
            if let Some(choice) = KernelChoice::from_slug(&s) {
                refused.set(None);
                params.update(|p| {
                    p.kernel = choice;
                    // A named kernel brings its weights; "custom" starts from the ones on screen.
                    if let KernelChoice::Named(k) = choice {
                        p.weights = k.weights();
                    }
                });
            }
        },
    );
    let image_options: Vec<(&'static str, crate::i18n::Label)> = (0..10u8).map(|d| (IMAGE_SLUGS[usize::from(d)], digit_name(d))).chain([("drawing", KT::YourDrawing)]).collect();
    let image_select = select(lang, "image", KT::ImageLabel, KT::ImageHelp, image_options, move || params.look(|p| image_slug(p.image)), move |s| {
        if let Some(source) = ImageSource::from_query(&s) {
            params.update(|p| p.image = source);
        }
    });
    let stride = count(lang, params, "stride", KT::StrideLabel, KT::StrideHelp, (1, MAX_STRIDE as i64), "", |p: &CnnParams| p.stride, |p, v| p.stride = v);
    let padding = count(lang, params, "padding", KT::PaddingLabel, KT::PaddingHelp, (0, MAX_PADDING as i64), "", |p: &CnnParams| p.padding, |p, v| p.padding = v);
    let pool_options: Vec<(&'static str, crate::i18n::Label)> = PoolKind::ALL
        .iter()
        .map(|&k| (k.slug(), match k { PoolKind::Max => KT::PoolMax, PoolKind::Average => KT::PoolAverage }))
        .collect();
    let pool_select = select(lang, "demo_pool", KT::PoolLabel, KT::PoolHelp, pool_options, move || params.look(|p| p.demo_pool.slug()), move |s| {
        if let Some(kind) = PoolKind::from_slug(&s) {
            params.update(|p| p.demo_pool = kind);
        }
    });
    let window = count(
        lang,
        params,
        "demo_window",
        KT::WindowLabel,
        KT::WindowHelp,
        (DEMO_WINDOWS.0 as i64, DEMO_WINDOWS.1 as i64),
        "",
        |p: &CnnParams| p.demo_window,
        |p, v| p.demo_window = v,
    );

    // ---- the weights, editable
    let side = Memo::new(move |_| geometry.get().0);
    let weight_inputs = move || {
        let k = side.get();
        let cells = (0..k * k)
            .map(|i| {
                let (r, c) = (i / k, i % k);
                let w = move || params.look(|p| p.weights.get(i).copied().unwrap_or(0.0));
                let style = move || {
                    let scale = params.look(|p| largest_magnitude(&p.weights));
                    at_cell(r, c, &heat_style(w(), scale))
                };
                let aria = move || fill(KT::WeightAria.get(lang.get()), &[&(r + 1).to_string(), &(c + 1).to_string()]);
                view! {
                    <input type="number" step="any" min=-MAX_WEIGHT max=MAX_WEIGHT
                        class=move || if refused.get().is_some_and(|(j, _)| j == i) { "kx-weight kx-refused" } else { "kx-weight" }
                        data-testid=format!("weight-{i}")
                        aria-label=aria
                        aria-describedby="kx-weights-help"
                        style=style
                        prop:value=move || input_text(w())
                        on:change=move |ev| {
                            let input = event_target::<web_sys::HtmlInputElement>(&ev);
                            match parse_weight(&input.value()) {
                                Some(v) => {
                                    refused.set(None);
                                    params.update(|p| set_weight(p, i, v));
                                }
                                None => {
                                    // Refused: the box shows the weight that still counts.
                                    let kept = w();
                                    input.set_value(&input_text(kept));
                                    refused.set(Some((i, kept)));
                                }
                            }
                        } />
                }.into_any()
            })
            .collect_view();
        view! { <div class="kx-weights" dir="ltr" data-testid="kernel-weights" style=format!("--kx-side: {k}")>{cells}</div> }.into_any()
    };
    let refusal = move || {
        refused.get().map(|(_, kept)| {
            let lang = lang.get();
            let text = fill(KT::WeightRefused.get(lang), &[&short(-MAX_WEIGHT, 0), &short(MAX_WEIGHT, 0), &short(kept, 4)]);
            view! { <p class="kx-refusal" data-testid="weight-error" role="alert">{text}</p> }.into_any()
        })
    };
    let side_button = move |to: usize, label: crate::i18n::Label| {
        view! {
            <button type="button" class="small" data-testid=format!("kernel-side-{to}")
                aria-pressed=move || if side.get() == to { "true" } else { "false" }
                on:click=move |_| {
                    refused.set(None);
                    params.update(|p| {
                        if p.kernel_side() != to {
                            p.weights = resized(&p.weights, to);
                            p.kernel = KernelChoice::Custom;
                        }
                    });
                }>{t(label)}</button>
        }.into_any()
    };
    let about = move || {
        let key = match params.look(|p| p.kernel) {
            KernelChoice::Named(k) => kernel_about(k),
            KernelChoice::Custom => KT::AboutCustom,
        };
        key.get(lang.get())
    };

    // ---- the output size, its formula and the fit warning
    let output_size = move || {
        let lang = lang.get();
        let (k, s, p) = geometry.get();
        match conv_output_size(SIDE, k, s, p) {
            Ok(n) => {
                let formula = fill(KT::OutputFormula.get(lang), &[&SIDE.to_string(), &p.to_string(), &k.to_string(), &s.to_string(), &n.to_string()]);
                let warning = fit_warning(SIDE, k, s, p).map(|w| {
                    let text = if w.unused == 1 { KT::FitOne.get(lang).to_owned() } else { fill(KT::FitMany.get(lang), &[&w.unused.to_string()]) };
                    view! { <p class="kx-warning" data-testid="fit-warning" role="status">{text}</p> }.into_any()
                });
                size_line("output-size", KT::OutputLabel.get(lang), formula, warning)
            }
            Err(e) => view! { <p class="kx-error" data-testid="output-size" role="alert">{fill(KT::NoFit.get(lang), &[&say(&e, lang)])}</p> }.into_any(),
        }
    };

    // ---- the padded image with the window
    let input_grid = move || {
        let (k, s, p) = geometry.get();
        let n = SIDE + 2 * p;
        // Rows and columns from `read` on are never under the kernel (the fit warning's cells).
        let read = conv_output_size(SIDE, k, s, p).map_or(n, |o| (o - 1) * s + k);
        let window = cell.get().map(|(r, c)| (r * s, c * s));
        let in_window = move |row: usize, col: usize| window.is_some_and(|(wr, wc)| (wr..wr + k).contains(&row) && (wc..wc + k).contains(&col));
        pic.with(|pic| {
            let Picture::Ready(px) = pic else { return None };
            let cells = (0..n * n)
                .map(|i| {
                    let (row, col) = (i / n, i % n);
                    let inside = (p..p + SIDE).contains(&row) && (p..p + SIDE).contains(&col);
                    let value = if inside { px.get((row - p) * SIDE + col - p).copied().unwrap_or(0.0) } else { 0.0 };
                    let mut class = String::from("kx-cell kx-px");
                    if !inside {
                        class.push_str(" kx-pad");
                    }
                    if row >= read || col >= read {
                        class.push_str(" kx-unread");
                    }
                    let shade = if inside { ink_style(value) } else { String::new() };
                    // Numbers only under the kernel: they are the ones the arithmetic uses.
                    let text = in_window(row, col).then(|| number(f64::from(value), 2));
                    view! { <div class=class style=at_cell(row, col, &shade)>{text}</div> }.into_any()
                })
                .collect_view();
            let outline = window.map(|(wr, wc)| window_outline(wr, wc, k, "kx-window"));
            Some(window_grid("kx-grid kx-input", "kernel-input", n, cells, outline))
        })
    };

    // ---- the selected cell's multiply-and-add, from core's terms
    let arithmetic = move || {
        let lang = lang.get();
        let (r, c) = cell.get()?;
        let value = fmap.with(|m| m.as_ref().and_then(|m| m.get(r, c)))?;
        let list = pic.with(|pic| match pic {
            Picture::Ready(px) => Some(params.look(|p| terms(px, SIDE, &p.weights, p.kernel_side(), p.stride, p.padding, r, c))),
            _ => None,
        })?;
        Some(match list {
            Ok(list) => {
                let head = fill(KT::ArithHead.get(lang), &[&(r + 1).to_string(), &(c + 1).to_string(), &list.len().to_string()]);
                let k = geometry.get().0;
                let products = list
                    .iter()
                    .enumerate()
                    .map(|(i, term)| {
                        let class = match term.at {
                            None => "kx-term kx-term-pad",
                            Some(_) if term.pixel == 0.0 || term.weight == 0.0 => "kx-term kx-term-zero",
                            Some(_) => "kx-term",
                        };
                        // "+" between products; a new line after each row of the kernel, so a
                        // 5 × 5 kernel's 25 products stay readable.
                        let plus = (i > 0).then_some(" + ");
                        let brk = (i > 0 && i % k == 0).then(|| view! { <br /> }.into_any());
                        view! {
                            {plus}
                            {brk}
                            <span class=class>{number(f64::from(term.pixel), 2)}"×"{weight_factor(term.weight)}</span>
                        }.into_any()
                    })
                    .collect_view();
                view! {
                    <p class="help">{head}</p>
                    <p class="kx-sum" dir="ltr">
                        {products}
                        <span class="kx-equals">" = "</span>
                        <strong class="kx-result" data-testid="kernel-result">{number(f64::from(value), 2)}</strong>
                    </p>
                }
                .into_any()
            }
            Err(e) => view! { <p class="kx-error">{say(&e, lang)}</p> }.into_any(),
        })
    };
    let conv_error = move || {
        let lang = lang.get();
        conv.with(|c| match c {
            Some(Err(e)) => Some(view! { <p class="kx-error" data-testid="kernel-error" role="alert">{fill(KT::NoFit.get(lang), &[&say(e, lang)])}</p> }.into_any()),
            _ => None,
        })
    };

    // ---- pooling: the window on the feature map, the pooled map, the arithmetic
    let pool_window_now = Memo::new(move |_| {
        let (kind, w) = pooling.get();
        let (r, c) = pool_cell.get()?;
        fmap.with(|m| m.as_ref().and_then(|m| pool_window(m, kind, w, w, r, c).ok()))
    });
    let pool_source = move || {
        let w = pooling.get().1;
        let pw: Option<PoolWindow> = pool_window_now.get();
        fmap.with(|m| {
            let m = m.as_ref()?;
            let side = m.side;
            let scale = largest_magnitude(&m.values);
            let winner = pw.as_ref().and_then(|pw| pw.chosen.and_then(|i| pw.positions.get(i).copied()));
            let cells = m
                .values
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let (r, c) = (i / side, i % side);
                    let class = if winner == Some((r, c)) { "kx-cell kx-value kx-winner" } else { "kx-cell kx-value" };
                    view! { <div class=class style=at_cell(r, c, &heat_style(v, scale))>{number(f64::from(v), 2)}</div> }.into_any()
                })
                .collect_view();
            let outline = pw.as_ref().and_then(|pw| pw.positions.first()).map(|&(r, c)| window_outline(r, c, w, "kx-window kx-pool-window"));
            Some(window_grid("kx-grid kx-map kx-static", "pool-source", side, cells, outline))
        })
    };
    let pool_size = move || {
        let lang = lang.get();
        let w = pooling.get().1;
        let m = fmap.with(|m| m.as_ref().map(|m| m.side))?;
        Some(match pooled_result.get()? {
            Ok(out) => {
                let formula = fill(KT::PoolFormula.get(lang), &[&m.to_string(), &w.to_string(), &w.to_string(), &out.side.to_string()]);
                let warning = fit_warning(m, w, w, 0).map(|f| {
                    let text = if f.unused == 1 { KT::PoolFitOne.get(lang).to_owned() } else { fill(KT::PoolFitMany.get(lang), &[&f.unused.to_string()]) };
                    view! { <p class="kx-warning" data-testid="pool-fit-warning" role="status">{text}</p> }.into_any()
                });
                size_line("pool-size", KT::PoolSizeLabel.get(lang), formula, warning)
            }
            Err(e) => view! { <p class="kx-error" data-testid="pool-error" role="alert">{fill(KT::PoolError.get(lang), &[&say(&e, lang)])}</p> }.into_any(),
        })
    };
    let pool_arithmetic = move || {
        let lang = lang.get();
        let (r, c) = pool_cell.get()?;
        let pw = pool_window_now.get()?;
        let head = fill(KT::PoolArithHead.get(lang), &[&(r + 1).to_string(), &(c + 1).to_string()]);
        let values = pw
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let class = if pw.chosen == Some(i) { "kx-term kx-term-winner" } else { "kx-term" };
                view! { {(i > 0).then_some(if pw.chosen.is_some() { ", " } else { " + " })}<span class=class>{number(f64::from(v), 2)}</span> }.into_any()
            })
            .collect_view();
        let result = number(f64::from(pw.result), 2);
        let (sum, note) = match pw.chosen {
            Some(i) => {
                let (wr, wc) = pw.positions.get(i).copied().unwrap_or((0, 0));
                let note = fill(KT::PoolMaxWinner.get(lang), &[&(wr + 1).to_string(), &(wc + 1).to_string()]);
                (view! { "max("{values}") = "<strong data-testid="pool-result">{result}</strong> }.into_any(), note)
            }
            None => {
                let n = pw.values.len().to_string();
                let note = fill(KT::PoolAverageNote.get(lang), &[&n, &n]);
                (view! { "("{values}") ÷ "{n.clone()}" = "<strong data-testid="pool-result">{result}</strong> }.into_any(), note)
            }
        };
        Some(view! {
            <p class="help">{head}</p>
            <p class="kx-sum" dir="ltr">{sum}</p>
            <p class="help">{note}</p>
        }.into_any())
    };

    // ---- the stage: what depends on the picture
    let stage = move || match case.get() {
        0 => view! { <p class="kx-status" data-testid="kernel-loading" role="status">{t(KT::Loading)}</p> }.into_any(),
        1 => view! { <p class="kx-status" data-testid="kernel-empty-drawing" role="status">{t(KT::DrawFirst)}</p> }.into_any(),
        _ => view! {
            {conv_error}
            {before_after(lang, KT::InputTitle, input_grid.into_any(), KT::MapTitle, map_grid(lang, "feature-map", "fm-cell", KT::MapTitle, fmap, sel, cell).into_any())}
            <p class="help">{t(KT::InputHelp)}" "{t(KT::MapHelp)}</p>
            <div class="kx-arithmetic" data-testid="kernel-arithmetic" aria-live="polite">
                <h3>{t(KT::ArithTitle)}</h3>
                {arithmetic}
            </div>
        }
        .into_any(),
    };
    let pool_stage = move || {
        (case.get() == 2).then(|| {
            view! {
                <div class="kx-pool">
                    <h3>{t(KT::PoolTitle)}</h3>
                    <p class="help">{t(KT::PoolIntro)}</p>
                    {pool_size}
                    {before_after(lang, KT::PoolSourceTitle, pool_source.into_any(), KT::PooledTitle, map_grid(lang, "pooled-map", "pool-cell", KT::PooledTitle, pooled, pool_sel, pool_cell).into_any())}
                    <div class="kx-arithmetic" data-testid="pool-arithmetic" aria-live="polite">{pool_arithmetic}</div>
                </div>
            }.into_any()
        })
    };

    view! {
        <section class="panel cnn-wide" data-testid="kernel-explorer">
            <h2>{t(KT::Title)}</h2>
            <p class="kx-intro">{t(KT::Intro)}</p>
            <div class="kx-layout">
                <div class="kx-controls">
                    {kernel_select}
                    {image_select}
                    {stride}
                    {padding}
                    {pool_select}
                    {window}
                </div>
                <div class="kx-work">
                    <div class="kx-kernel">
                        <h3>{t(KT::WeightsTitle)}</h3>
                        <div class="kx-kernel-row">
                            {weight_inputs}
                            <div class="kx-kernel-notes">
                                <p class="kx-about" data-testid="kernel-about">{about}</p>
                                <div class="kx-sides" role="group" aria-label=t(KT::SideLabel)>
                                    <span class="kx-sides-label">{t(KT::SideLabel)}</span>
                                    {side_button(3, KT::Side3)}
                                    {side_button(5, KT::Side5)}
                                </div>
                                <p class="help">{t(KT::SideHelp)}</p>
                            </div>
                        </div>
                        {refusal}
                        <p class="help" id="kx-weights-help">{t(KT::WeightsHelp)}</p>
                    </div>
                    {output_size}
                    {stage}
                </div>
            </div>
            {pool_stage}
            <div class="kx-why">
                <h3>{t(KT::WhyTitle)}</h3>
                <p>{t(KT::Why)}</p>
            </div>
        </section>
    }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use perplexed_core::cnn::kernel::NamedKernel;

    #[test]
    fn a_picture_is_loading_blank_or_ready_never_a_panic() {
        let digits: Vec<Vec<f32>> = (0..10).map(|d| vec![d as f32 / 10.0; 64]).collect();
        let blank = vec![0.0; 64];
        assert_eq!(picture(ImageSource::Digit(3), None, &blank), Picture::Loading);
        assert_eq!(picture(ImageSource::Digit(3), Some(&digits), &blank), Picture::Ready(vec![0.3; 64]));
        assert_eq!(picture(ImageSource::Digit(9), Some(&digits[..2].to_vec()), &blank), Picture::Loading, "a short list");
        assert_eq!(picture(ImageSource::Drawing, Some(&digits), &blank), Picture::NothingDrawn);
        let mut drawn = blank.clone();
        drawn[10] = 1.0;
        assert_eq!(picture(ImageSource::Drawing, None, &drawn), Picture::Ready(drawn.clone()));
        for s in [ImageSource::Digit(0), ImageSource::Digit(9), ImageSource::Drawing] {
            assert_eq!(ImageSource::from_query(image_slug(s)), Some(s));
        }
    }

    #[test]
    fn typed_weights_are_numbers_within_the_limit() {
        assert_eq!(parse_weight(" 2.5 "), Some(2.5));
        assert_eq!(parse_weight("−1"), Some(-1.0), "the page's own minus");
        assert_eq!(parse_weight("0,5"), Some(0.5));
        assert_eq!(parse_weight("100"), Some(100.0));
        for bad in ["", "abc", "1000", "-100.5", "NaN", "inf", "1e9"] {
            assert_eq!(parse_weight(bad), None, "{bad}");
        }
    }

    #[test]
    fn editing_a_named_kernel_makes_it_custom_and_keeps_the_rest() {
        let mut p = CnnParams::default();
        set_weight(&mut p, 4, -0.0); // the same value (−0 = 0): nothing changes
        assert_eq!(p.kernel, KernelChoice::Named(NamedKernel::SobelX));
        set_weight(&mut p, 4, 5.0);
        assert_eq!(p.kernel, KernelChoice::Custom);
        assert_eq!(p.weights, vec![-1.0, 0.0, 1.0, -2.0, 5.0, 2.0, -1.0, 0.0, 1.0]);
        set_weight(&mut p, 99, 1.0); // out of range: ignored, no panic
        assert_eq!(p.weights.len(), 9);
    }

    #[test]
    fn resizing_keeps_the_centre() {
        let sobel = NamedKernel::SobelX.weights();
        let big = resized(&sobel, 5);
        assert_eq!(big.len(), 25);
        assert_eq!(big.iter().filter(|&&w| w != 0.0).count(), 6);
        assert_eq!((big[6], big[12], big[18]), (-1.0, 0.0, 1.0));
        assert_eq!(resized(&big, 3), sobel, "grow then shrink is the identity");
        assert_eq!(resized(&NamedKernel::Identity5.weights(), 3), NamedKernel::Identity.weights());
        assert_eq!(resized(&sobel, 3), sobel);
        // The grown kernel gives the same values, on a map two cells smaller.
        let img: Vec<f32> = (0..64).map(|i| ((i * 7) % 17) as f32 / 16.0).collect();
        let small = convolve(&img, 8, &sobel, 3, 1, 0).unwrap();
        let large = convolve(&img, 8, &big, 5, 1, 0).unwrap();
        assert_eq!(large.side + 2, small.side);
        assert_eq!(large.get(0, 0), small.get(1, 1));
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(input_text(1.0 / 9.0), "0.1111");
        assert_eq!(input_text(-1.0), "-1");
        assert_eq!(input_text(-0.00001), "0");
        assert_eq!(input_text(1.0 / 256.0), "0.0039");
        assert_eq!(weight_factor(-1.0), "(−1)");
        assert_eq!(weight_factor(0.25), "0.25");
        assert_eq!(weight_factor(0.0), "0");
        assert_eq!(short(100.0, 0), "100");
    }

    #[test]
    fn arrows_move_within_the_grid() {
        assert_eq!(arrow_target("ArrowRight", 6, (2, 5)), Some((2, 5)), "stops at the edge");
        assert_eq!(arrow_target("ArrowLeft", 6, (2, 0)), Some((2, 0)));
        assert_eq!(arrow_target("ArrowDown", 6, (2, 3)), Some((3, 3)));
        assert_eq!(arrow_target("ArrowUp", 6, (2, 3)), Some((1, 3)));
        assert_eq!(arrow_target("a", 6, (2, 3)), None);
        assert_eq!(clamped((5, 7), 3), Some((2, 2)));
        assert_eq!(clamped((0, 0), 0), None);
    }

    #[test]
    fn the_default_view_is_the_one_the_browser_test_expects() {
        // Sobel x, stride 1, padding 0: a 6 × 6 map; stride 2: 3 × 3 with one unread row.
        assert_eq!(conv_output_size(SIDE, 3, 1, 0), Ok(6));
        assert_eq!(conv_output_size(SIDE, 3, 1, 1), Ok(8));
        assert_eq!(fit_warning(SIDE, 3, 2, 0).map(|w| (w.unused, w.output_side)), Some((1, 3)));
    }
}
