//! The output panel: the boundary and its legend, adding points, the loss chart, the test set and the confusion matrix.

use super::*;
use crate::components::format::number;
use crate::components::lab_shell::Look;

#[component]
pub(super) fn OutputPanel(ui: Ui) -> impl IntoView {
    let Ui { lp: lp @ Loop { engine, params, snap, .. }, lang, hover, cursor, boundary_ref, chart_ref, .. } = ui;
    let add_class = RwSignal::new(1usize);
    let add_point = move |x1: f32, x2: f32| {
        let regression = params.with_untracked(|p| p.problem == Problem::Regression);
        let class = add_class.get_untracked();
        let target = if regression { if class == 0 { -1.0 } else { 1.0 } } else { class as f32 };
        engine.update_value(|e| {
            let _ = e.add_point(x1, x2, target);
        });
        lp.publish();
    };
    let on_boundary_click = move |ev: web_sys::MouseEvent| {
        let Some(c) = boundary_ref.get() else { return };
        if let Some((x1, x2)) = plane::at_pointer(&c, &ev) {
            add_point(x1, x2);
        }
    };
    // The keyboard's way to add a point: arrows move a cursor over the plane (Shift for small
    // steps), Enter or Space adds a point there, a digit picks the class.
    let on_plane_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let at = cursor.get_untracked().unwrap_or((0.0, 0.0));
        let handled = if let Some(moved) = plane::cursor_moved(at, &key, ev.shift_key()) {
            cursor.set(Some(moved));
            true
        } else if key == "Enter" || key == " " {
            add_point(at.0, at.1);
            cursor.set(Some(at));
            true
        } else if let Some(c) = key.parse::<usize>().ok().filter(|&d| d >= 1) {
            let regression = params.with_untracked(|p| p.problem == Problem::Regression);
            let classes = if regression { 2 } else { params.with_untracked(|p| p.dataset.classes()).max(2) };
            if c <= classes {
                add_class.set(c - 1);
            }
            true
        } else {
            false
        };
        if handled {
            // Space and → are also the page's shortcuts; here they belong to the plane.
            ev.prevent_default();
            ev.stop_propagation();
        }
    };

    view! {
    <section class="panel output-panel" aria-labelledby="pg-output">
        <h2 id="pg-output">{ui.t(PT::Output)}</h2>
        <figure class="chart loss-chart">
            <figcaption>{ui.t(PT::LossChartTitle)}</figcaption>
            <canvas node_ref=chart_ref data-testid="loss-chart" class="chart-canvas"></canvas>
        </figure>
        <figure class="boundary">
            <figcaption>
                {move || match hover.get() {
                    Some(Hit::Neuron { layer, index }) if layer > 0 => fill(PT::BoundaryNeuron.get(lang.get()), &[&(index + 1).to_string(), &layer.to_string()]),
                    _ => T::BoundaryTitle.get(lang.get()).to_owned(),
                }}
            </figcaption>
            <canvas node_ref=boundary_ref data-testid="boundary" class="boundary-canvas" tabindex="0"
                aria-label=ui.t(T::BoundaryTitle) aria-describedby="plane-keys"
                on:click=on_boundary_click
                on:keydown=on_plane_key
                on:focus=move |_| cursor.update(|c| { c.get_or_insert((0.0, 0.0)); })
                on:blur=move |_| cursor.set(None)></canvas>
            <p class="hover-line" data-testid="plane-cursor" aria-live="polite">
                {move || cursor.get().map(|(x1, x2)| fill(PT::PlaneCursor.get(lang.get()), &[&number(x1.into(), 1), &number(x2.into(), 1)]))}
            </p>
            {move || legend(lang.get(), params.look(|p| (p.problem == Problem::Regression, p.dataset.classes())))}
        </figure>
        <div class="row wrap">
            {toggle(lang, "show_test", T::ShowTest, move || params.look(|p| p.show_test), move |v| ui.set(&|p| p.show_test = v))}
            {toggle(lang, "discretize", PT::Discretize, move || params.look(|p| p.discretize), move |v| ui.set(&|p| p.discretize = v))}
        </div>
        <div class="row wrap add-class" data-control="add-class" role="radiogroup" aria-label=ui.t(PT::AddClass) data-testid="add-class">
            <span>{ui.t(PT::AddClass)}</span>
            {move || {
                let regression = params.look(|p| p.problem == Problem::Regression);
                let k = if regression { 2 } else { params.look(|p| p.dataset.classes()).max(2) };
                (0..k).map(|c| {
                    let label = move || if regression {
                        fill(PT::AddValue.get(lang.get()), &[if c == 0 { "−1" } else { "+1" }])
                    } else {
                        fill(T::ClassName.get(lang.get()), &[&(c + 1).to_string()])
                    };
                    view! {
                        <button class="swatch" role="radio" data-testid=format!("add-class-{c}")
                            aria-checked=move || (add_class.get() == c).to_string()
                            style=format!("--swatch:{}", css(CLASS[c % CLASS.len()]))
                            on:click=move |_| add_class.set(c)>{label}</button>
                    }
                }).collect_view()
            }}
        </div>
        <p class="help">{ui.t(PT::BoundaryHelp)}</p>
        <p class="help" id="plane-keys">{ui.t(PT::PlaneKeys)}</p>
        <div class="test-exam" data-control="test-eval">
            <button data-testid="test-eval"
                disabled=move || snap.with(|s| s.counts.2 == 0 || s.error.is_some())
                on:click=move |_| {
                    engine.update_value(|e| { e.evaluate_test(); });
                    lp.publish();
                }>{ui.t(T::EvaluateTest)}</button>
            <p class="help">{move || snap.with(|s| if s.counts.2 == 0 { T::NoTest.get(lang.get()) } else { T::EvaluateTestHelp.get(lang.get()) })}</p>
            {move || snap.with(|s| s.test.clone()).map(|r| {
                let regression = snap.with_untracked(|s| s.regression);
                let score = move || format_score(if regression { r.r2 } else { r.accuracy }, regression, lang.get());
                view! {
                    <div class="test-result" class:spent=r.spent>
                        <p>
                            // The loss is said once, by its own span (browser tests read it).
                            {move || fill(PT::TestResult.get(lang.get()), &[&r.epoch.to_string()])}
                            " "
                            <span data-testid="loss-test">{format_loss(r.metrics_loss)}</span>
                            {move || (!score().is_empty()).then_some(", ")}
                            <span data-testid="score-test">{score}</span>
                        </p>
                        {r.spent.then(|| view! { <p class="spent-note" data-testid="test-spent">{move || T::TestSpent.get(lang.get())}</p> })}
                        <p class="help" data-testid="test-peeks">{move || fill(T::TestPeeks.get(lang.get()), &[&P::Times.count(snap.with(|s| s.test_peeks) as usize, lang.get())])}</p>
                    </div>
                }
            })}
        </div>
        <Show when=move || snap.with(|s| s.confusion.is_some())>
            <figure class="confusion">
                <figcaption>{ui.t(T::ConfusionTitle)}</figcaption>
                <table data-testid="confusion">
                    <thead>
                        <tr>
                            <th scope="col">{ui.t(T::ConfusionAxes)}</th>
                            {move || {
                                let k = snap.with(|s| s.confusion.as_ref().map_or(0, |c| c.0));
                                (0..k).map(|c| view! { <th scope="col" style=format!("color:{}", css(CLASS[c % CLASS.len()]))>{c + 1}</th> }).collect_view()
                            }}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let (k, counts) = snap.with(|s| s.confusion.clone()).unwrap_or((0, Vec::new()));
                            (0..k).map(|r| view! {
                                <tr>
                                    <th scope="row" style=format!("color:{}", css(CLASS[r % CLASS.len()]))>{r + 1}</th>
                                    {(0..k).map(|c| {
                                        let v = counts.get(r * k + c).copied().unwrap_or(0);
                                        view! { <td class:diag={r == c}>{v}</td> }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
                <p class="help">{ui.t(T::ConfusionHelp)}</p>
            </figure>
        </Show>
    </section>
    }
}

/// The colour key under the boundary: a diverging bar for scores and values, swatches for
/// three or more classes.
fn legend(lang: Lang, (regression, classes): (bool, usize)) -> impl IntoView {
    use crate::components::colors::signed;
    if !regression && classes > 2 {
        let items = (0..classes)
            .map(|c| {
                view! {
                    <span class="legend-swatch" style=format!("--swatch:{}", css(CLASS[c % CLASS.len()]))>
                        {fill(T::ClassName.get(lang), &[&(c + 1).to_string()])}
                    </span>
                }
            })
            .collect_view();
        return view! { <div class="legend" data-testid="legend">{items}<span class="help">{PT::LegendClasses.get(lang)}</span></div> }.into_any();
    }
    let stops = [-1.0f32, -0.5, 0.0, 0.5, 1.0].map(|v| css(signed(v, false))).join(",");
    let (low, high) = if regression { ("−1", "+1") } else { (PT::LegendClass1.get(lang), PT::LegendClass2.get(lang)) };
    view! {
        <div class="legend" data-testid="legend">
            <span>{low}</span>
            <span class="legend-bar" style=format!("background:linear-gradient(to right,{stops})")></span>
            <span>{high}</span>
            <span class="help">{if regression { PT::LegendValue.get(lang) } else { PT::LegendScore.get(lang) }}</span>
        </div>
    }
    .into_any()
}
