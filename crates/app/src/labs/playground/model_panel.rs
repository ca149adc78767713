//! The model panel: problem, features, layers, the network diagram with its weight editor, and the training settings.

use super::*;
use crate::components::format::{editable, number};
use wasm_bindgen::JsCast;
use crate::components::lab_shell::Look;

#[component]
pub(super) fn ModelPanel(ui: Ui) -> impl IntoView {
    let Ui { lp: lp @ Loop { engine, params, frame, snap, .. }, lang, hover, editing, layers_text, layers_error, layout, network_ref, .. } = ui;
    // Whether the typed value was refused; the notice is worded at view time, in the page's language.
    let edit_error = RwSignal::new(false);
    let on_network_move = move |ev: web_sys::MouseEvent| {
        let hit = layout.with_value(|l| l.hit(ev.offset_x() as f64, ev.offset_y() as f64));
        if hover.get_untracked() != hit {
            hover.set(hit);
        }
    };

    // The keyboard's way in: arrows walk the biases and weights (`network::keyboard_order`),
    // the selection shows as the hover does, Enter opens the editor on it.
    let on_network_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        let items = network::keyboard_order(&snap.with_untracked(|s| s.sizes.clone()));
        let handled = match key.as_str() {
            "Enter" | " " => {
                if let Some(h) = hover.get_untracked().filter(|h| !matches!(h, Hit::Neuron { layer: 0, .. })) {
                    edit_error.set(false);
                    editing.set(Some(h));
                    // The editor exists after this render; focus it then.
                    request_animation_frame(move || {
                        if let Some(el) = document().get_element_by_id("weight-input") {
                            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                                let _ = input.focus();
                                input.select();
                            }
                        }
                    });
                }
                true
            }
            "Escape" => {
                hover.set(None);
                editing.set(None);
                true
            }
            _ => match network::keyboard_step(&items, hover.get_untracked(), &key) {
                Some(h) => {
                    hover.set(Some(h));
                    true
                }
                None => false,
            },
        };
        if handled {
            // The page's own shortcuts (Space, →) must not act on a key the diagram used.
            ev.prevent_default();
            ev.stop_propagation();
        }
    };

    let hover_text = move || {
        let l = lang.get();
        let h = hover.get()?;
        frame.track();
        engine
            .try_with_value(|e| {
                let t = e.trainer()?;
                let mlp = t.mlp();
                let sizes = mlp.layer_sizes();
                let name = |layer: usize, i: usize| -> String {
                    if layer == 0 {
                        params.with_untracked(|p| p.features.get(i).map_or_else(|| format!("x{}", i + 1), |f| f.label().to_owned()))
                    } else if layer + 1 == sizes.len() {
                        format!("{} {}", PT::OutputLayer.get(l), i + 1)
                    } else {
                        format!("h{layer},{}", i + 1)
                    }
                };
                Some(match h {
                    Hit::Weight { layer, from, to } => fill(
                        PT::WeightHover.get(l),
                        &[&name(layer, from), &name(layer + 1, to), &number(mlp.weight(layer, from, to).into(), 3)],
                    ),
                    Hit::Neuron { layer: 0, index } => name(0, index),
                    Hit::Neuron { layer, index } => fill(
                        PT::NeuronHover.get(l),
                        &[&(index + 1).to_string(), &layer.to_string(), &number(mlp.bias(layer - 1, index).into(), 3)],
                    ),
                })
            })
            .flatten()
    };
    let activations: Vec<(&'static str, crate::i18n::Label)> = Activation::ALL
        .iter()
        .map(|a| {
            let t = match a {
                Activation::Relu => PT::ActRelu,
                Activation::Tanh => PT::ActTanh,
                Activation::Sigmoid => PT::ActSigmoid,
                Activation::Linear => PT::ActLinear,
                Activation::LeakyRelu => PT::ActLeaky,
            };
            (a.slug(), t)
        })
        .collect();
    let losses = vec![(Loss::Mse.slug(), PT::LossMse), (Loss::CrossEntropy.slug(), PT::LossCe)];
    let optimizers: Vec<(&'static str, crate::i18n::Label)> = OptimizerKind::ALL.iter().map(|&o| (o.slug(), optimizer_name(o))).collect();
    let regs = vec![
        (Regularization::None.slug(), PT::RegNone),
        (Regularization::L1.slug(), PT::RegL1),
        (Regularization::L2.slug(), PT::RegL2),
    ];

    view! {
    <section class="panel model-panel" aria-labelledby="pg-model">
        <h2 id="pg-model">{ui.t(T::Model)}</h2>
        <div class="control" data-control="features">
            <span class="label" id="features-label">{ui.t(PT::FeaturesLabel)}</span>
            <div class="features" data-testid="features" role="group" aria-labelledby="features-label">
                {Feature::ALL.iter().map(|&f| {
                    let on = move || params.look(|p| p.features.contains(&f));
                    view! {
                        <button class="feature" class:on=on data-testid=format!("feature-{}", f.slug())
                            aria-pressed=move || on().to_string()
                            on:click=move |_| ui.set(&|p| {
                                if p.features.contains(&f) {
                                    if p.features.len() > 1 { p.features.retain(|x| *x != f); }
                                } else {
                                    p.features = Feature::ALL.into_iter().filter(|x| *x == f || p.features.contains(x)).collect();
                                }
                            })>
                            {f.label()}
                        </button>
                    }
                }).collect_view()}
            </div>
            <p class="help">{ui.t(PT::FeaturesHelp)}</p>
        </div>
        <div class="control layers-head" data-control="layers">
            <div class="control-head">
                <span class="label" id="layers-label">{ui.t(PT::LayersLabel)}</span>
                <span class="row">
                    <button class="small" data-testid="remove-layer" aria-label=ui.t(PT::RemoveLayer) title=ui.t(PT::RemoveLayer)
                        disabled=move || params.look(|p| p.layers.is_empty())
                        on:click=move |_| ui.set(&|p| { p.layers.pop(); })>"−"</button>
                    <button class="small" data-testid="add-layer" aria-label=ui.t(PT::AddLayer) title=ui.t(PT::AddLayer)
                        disabled=move || params.look(|p| p.layers.len() >= MAX_HIDDEN_LAYERS)
                        on:click=move |_| ui.set(&|p| if p.layers.len() < MAX_HIDDEN_LAYERS { let w = p.layers.last().copied().unwrap_or(4); p.layers.push(w) })>"+"</button>
                </span>
            </div>
            <div class="layer-steppers" role="group" aria-labelledby="layers-label">
                {move || params.look(|p| p.layers.clone()).into_iter().enumerate().map(|(i, w)| {
                    let n = (i + 1).to_string();
                    let n2 = n.clone();
                    view! {
                        <span class="stepper">
                            <button class="small" data-testid=format!("layer-{i}-minus")
                                aria-label=move || fill(PT::FewerNeurons.get(lang.get()), &[&n])
                                disabled={w <= 1}
                                on:click=move |_| ui.set(&|p| if let Some(x) = p.layers.get_mut(i) { *x = (*x).saturating_sub(1).max(1) })>"−"</button>
                            <span class="stepper-value">{w}</span>
                            <button class="small" data-testid=format!("layer-{i}-plus")
                                aria-label=move || fill(PT::MoreNeurons.get(lang.get()), &[&n2])
                                disabled={w >= MAX_NEURONS}
                                on:click=move |_| ui.set(&|p| if let Some(x) = p.layers.get_mut(i) { *x = (*x + 1).min(MAX_NEURONS) })>"+"</button>
                        </span>
                    }
                }).collect_view()}
            </div>
        </div>
        <figure class="network">
            <canvas node_ref=network_ref data-testid="network" class="network-canvas" tabindex="0"
                aria-label=ui.t(PT::NetworkTitle) aria-describedby="network-keys"
                on:keydown=on_network_key
                on:mousemove=on_network_move
                on:mouseleave=move |_| hover.set(None)
                on:click=move |ev| {
                    let hit = layout.with_value(|l| l.hit(ev.offset_x() as f64, ev.offset_y() as f64));
                    edit_error.set(false);
                    editing.set(hit.filter(|h| !matches!(h, Hit::Neuron { layer: 0, .. })));
                }></canvas>
            <p class="hover-line" data-testid="network-hover" aria-live="polite">{hover_text}</p>
            {move || editing.get().map(|hit| {
                let current = engine.try_with_value(|e| e.trainer().map(|t| match hit {
                    Hit::Weight { layer, from, to } => t.mlp().weight(layer, from, to),
                    Hit::Neuron { layer, index } => t.mlp().bias(layer.saturating_sub(1), index),
                })).flatten().unwrap_or(0.0);
                let label = match hit { Hit::Weight { .. } => PT::EditWeight, Hit::Neuron { .. } => PT::EditBias };
                view! {
                    <div class="weight-editor row wrap" data-testid="weight-editor">
                        <label for="weight-input">{move || label.get(lang.get())}</label>
                        <input type="number" id="weight-input" data-testid="weight-input" step="0.1"
                            prop:value=editable(current.into(), 3)
                            on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Escape" {
                                // Back to the diagram, where the arrows go on from this item.
                                editing.set(None);
                                hover.set(Some(hit));
                                if let Some(c) = network_ref.get_untracked() { let _ = c.focus(); }
                            }
                            on:change=move |ev| {
                                let parsed = event_target_value(&ev).trim().parse::<f32>();
                                let result = match parsed {
                                    Err(_) => Err(()),
                                    Ok(v) => engine.try_update_value(|e| match hit {
                                        Hit::Weight { layer, from, to } => e.set_weight(layer, from, to, v),
                                        Hit::Neuron { layer, index } => e.set_bias(layer.saturating_sub(1), index, v),
                                    }).unwrap_or(Ok(())).map_err(|_| ()),
                                };
                                match result {
                                    Ok(()) => { edit_error.set(false); lp.publish(); }
                                    Err(()) => edit_error.set(true),
                                }
                            } />
                        <button class="small" data-testid="weight-editor-close" on:click=move |_| editing.set(None)>{ui.t(T::Dismiss)}</button>
                        {move || edit_error.get().then(|| view! { <span class="error" role="alert">{PT::EditInvalid.get(lang.get())}</span> })}
                    </div>
                }
            })}
            <p class="help">{ui.t(PT::NetworkHelp)}</p>
            <p class="help" id="network-keys">{ui.t(PT::NetworkKeys)}</p>
        </figure>
        {select(lang, "problem", PT::ProblemLabel, PT::ProblemHelp,
            vec![(Problem::Classification.slug(), PT::Classification), (Problem::Regression.slug(), PT::Regression)],
            move || params.look(|p| p.problem.slug()),
            move |v| if let Some(pr) = Problem::from_slug(&v) { ui.set(&|p| *p = p.clone().with_problem(pr)) })}
        <div class="control" data-control="layers">
            <label for="layers">{ui.t(PT::LayersText)}</label>
            <input type="text" id="layers" data-testid="layers" inputmode="numeric" aria-describedby="layers-help"
                class:invalid=move || layers_error.get()
                prop:value=move || layers_text.get()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    match parse_layers(text.trim()) {
                        Some(l) => { layers_error.set(false); ui.set(&|p| p.layers = l.clone()); }
                        None => { layers_text.set(text); layers_error.set(true); }
                    }
                } />
            <p class="help" id="layers-help">
                {move || if layers_error.get() { PT::LayersInvalid.get(lang.get()) } else { PT::LayersHelp.get(lang.get()) }}
            </p>
        </div>
        {select(lang, "activation", PT::ActivationLabel, PT::ActivationHelp, activations,
            move || params.look(|p| p.activation.slug()),
            move |v| if let Some(a) = Activation::from_slug(&v) { ui.set(&|p| p.activation = a) })}
        {select(lang, "loss", PT::LossLabel, PT::LossHelp, losses,
            move || params.look(|p| p.loss.slug()),
            move |v| if let Some(l) = Loss::from_slug(&v) {
                ui.set(&|p| p.loss = if p.problem == Problem::Regression { Loss::Mse } else { l })
            })}
        {select(lang, "optimizer", T::OptimizerLabel, T::OptimizerHelp, optimizers,
            move || params.look(|p| p.optimizer.slug()),
            move |v| if let Some(o) = OptimizerKind::from_slug(&v) { ui.set(&|p| p.optimizer = o) })}
        {stops(lang, params, "lr", T::LrLabel, T::LrHelp, &LEARNING_RATES, |p| p.lr, |p, v| p.lr = v)}
        {count(lang, params, "batch", T::BatchLabel, PT::BatchHelp, (BATCH_RANGE.0 as i64, 100), "", |p| p.batch, |p, v| p.batch = v)}
        {select(lang, "reg", PT::RegLabel, PT::RegHelp, regs,
            move || params.look(|p| p.reg.slug()),
            move |v| if let Some(r) = Regularization::from_slug(&v) { ui.set(&|p| p.reg = r) })}
        {stops(lang, params, "reg_rate", PT::RegRateLabel, PT::RegRateHelp, &REG_RATES, |p| p.reg_rate, |p, v| p.reg_rate = v)}
    </section>
    }
}

