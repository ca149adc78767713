//! The CNN lab's third page, "why convolution" (`part=why`, its own download): the same task
//! learned by the CNN and by a dense network of about as many parameters, side by side, then
//! every validation digit moved a pixel or two — which of the two still reads it? — and transfer
//! learning: filters learned on the digits 0–4 reused for 5–9 learned from a few examples, against
//! a network that starts from scratch. Every number comes from core ([`CnnTrainer`],
//! [`DenseSpec::matching`], [`CnnTrainer::evaluate_shifted`], [`TransferRun`]).

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::cnn::kernel::shifted;
use perplexed_core::cnn::model::{DenseSpec, MAX_CONV_LAYERS};
use perplexed_core::cnn::trainer::CnnTrainer;
use perplexed_core::cnn::transfer::{Phase, TransferRun, TransferSettings};
use perplexed_core::data::digits::{Digits, SIDE};
use perplexed_core::data::digits_pack::unpack;
use perplexed_core::data::split::Role;
use perplexed_core::error::ParamError;
use perplexed_core::stepping::{step_within, Pacer, Stepping};

use crate::components::canvas::now_ms;
use crate::components::chart::indexed;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::colors::CLASS;
use crate::components::controls::{count, counter};
use crate::components::errors::say;
use crate::components::format::share as pct;
use crate::components::frame_loop::use_frame_loop;
use crate::components::lab_shell;
use crate::components::transport::Transport;
use crate::components::training::TR;
use crate::i18n::{fill, Label, Lang, T};
use crate::components::lab_shell::Look;

use super::engine::DataFailure;
use super::params::{CnnParams, Part, MAX_EXAMPLES, MAX_SHIFT, MAX_TARGET_EPOCHS};
use super::pixels::{self, Palette};
use super::text::CT;
use super::{failure_text, fetch_bytes, parts_nav, DATA_URL, LAB, TILE_COLUMNS};

/// Epochs the two networks race for.
pub const RACE_EPOCHS: usize = 20;
/// Source epochs of the transfer experiment (on the digits 0–4).
const SOURCE_EPOCHS: usize = 10;

/// When shifted scores were measured: (epochs both networks completed, dx, dy).
type ShiftKey = (usize, i32, i32);

/// The page's engine room: the race, the shifted scores, the transfer experiment.
pub struct WhyEngine {
    params: CnnParams,
    digits: Option<Digits>,
    pub failure: Option<DataFailure>,
    cnn: Option<CnnTrainer>,
    dense: Option<CnnTrainer>,
    pub error: Option<ParamError>,
    pacer: Pacer,
    /// Validation accuracy of (CNN, dense) with every digit moved by (dx, dy), and the epochs
    /// and shift it was measured at.
    shifted_scores: Option<(ShiftKey, (f32, f32))>,
    pub transfer: Option<TransferRun>,
}

impl WhyEngine {
    pub fn new(params: CnnParams) -> WhyEngine {
        WhyEngine { params, digits: None, failure: None, cnn: None, dense: None, error: None, pacer: Pacer::default(), shifted_scores: None, transfer: None }
    }

    pub fn set_data(&mut self, packed: &[u8]) {
        match unpack(packed) {
            Ok(d) => {
                self.digits = Some(d);
                self.failure = None;
                self.rebuild();
            }
            Err(e) => self.failure = Some(DataFailure::File(e)),
        }
    }

    /// New settings: a new race when the network or its training changed; a new shift is
    /// measured when next asked; the transfer experiment waits for its button.
    pub fn apply(&mut self, params: CnnParams) {
        let retrain = (params.spec(), params.train_settings()) != (self.params.spec(), self.params.train_settings());
        let transfer_changed = (params.per_class, params.target_epochs) != (self.params.per_class, self.params.target_epochs);
        self.params = params;
        if retrain {
            self.rebuild();
        }
        if retrain || transfer_changed {
            self.transfer = None;
        }
    }

    /// The race from the start: the CNN of the settings and the dense network nearest its size.
    pub fn rebuild(&mut self) {
        self.pacer.restart();
        self.shifted_scores = None;
        let Some(d) = &self.digits else { return };
        let spec = self.params.spec();
        let settings = self.params.train_settings();
        let built = CnnTrainer::new(d, spec, &settings).and_then(|c| Ok((c, CnnTrainer::new(d, DenseSpec::matching(spec.param_count()), &settings)?)));
        match built {
            Ok((c, n)) => {
                (self.cnn, self.dense, self.error) = (Some(c), Some(n), None);
            }
            Err(e) => {
                (self.cnn, self.dense, self.error) = (None, None, Some(e));
            }
        }
    }

    /// Starts the transfer experiment with the page's network, split and training settings.
    pub fn start_transfer(&mut self) {
        let Some(d) = &self.digits else { return };
        let settings = TransferSettings {
            spec: self.params.spec(),
            train: self.params.train_settings(),
            per_class: self.params.per_class,
            source_epochs: SOURCE_EPOCHS,
            target_epochs: self.params.target_epochs,
        };
        match TransferRun::new(d, &settings) {
            Ok(run) => self.transfer = Some(run),
            Err(e) => self.error = Some(e),
        }
    }

    /// This frame's work: the race at the page's pace (both networks step alike), the transfer
    /// experiment as fast as the rest of the budget allows. Whether work remains.
    pub fn advance(&mut self, racing: bool, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let mut more = false;
        if racing {
            if let (Some(c), Some(n)) = (&mut self.cnn, &mut self.dense) {
                let open = |t: &CnnTrainer| !t.done() && t.epoch() < RACE_EPOCHS;
                if open(c) || open(n) {
                    let per_epoch = (c.batches_per_epoch() + 12) as f64;
                    let due = match self.params.speed.epochs_per_second() {
                        Some(per_second) => self.pacer.due(now(), per_second * per_epoch),
                        None => usize::MAX,
                    };
                    for t in [c, n] {
                        if open(t) && due > 0 {
                            step_within(&mut Capped(t), due, budget_ms / 4.0, now);
                        }
                    }
                    more = true;
                }
            }
        }
        if let Some(run) = &mut self.transfer {
            if !run.done() {
                step_within(run, usize::MAX, budget_ms / 2.0, now);
                more = true;
            }
        }
        more
    }

    pub fn race(&self) -> Option<(&CnnTrainer, &CnnTrainer)> {
        Some((self.cnn.as_ref()?, self.dense.as_ref()?))
    }

    /// Validation accuracy of (CNN, dense) with every digit moved by the settings' shift,
    /// measured again when the epoch or the shift changed.
    pub fn shifted_scores(&mut self) -> Option<(f32, f32)> {
        let (dx, dy) = (self.params.dx, self.params.dy);
        let (c, n) = (self.cnn.as_mut()?, self.dense.as_mut()?);
        let key = (c.epoch().min(n.epoch()), dx, dy);
        if self.shifted_scores.is_none_or(|(k, _)| k != key) {
            let scores = (c.evaluate_shifted(Role::Validation, dx, dy).1, n.evaluate_shifted(Role::Validation, dx, dy).1);
            self.shifted_scores = Some((key, scores));
        }
        self.shifted_scores.map(|(_, s)| s)
    }

    /// The first validation image of the digit looked at, as it is and as shifted.
    pub fn example(&self) -> Option<(Vec<f32>, Vec<f32>)> {
        let (c, d) = (self.cnn.as_ref()?, self.digits.as_ref()?);
        let i = c.split().val.iter().copied().find(|&i| d.labels.get(i).is_some_and(|&l| usize::from(l) == self.params.look))?;
        let img = d.image(i)?;
        Some((img.to_vec(), shifted(img, SIDE, self.params.dx, self.params.dy)))
    }
}

/// A trainer that stops stepping at the race's last epoch.
struct Capped<'a>(&'a mut CnnTrainer);

impl Stepping for Capped<'_> {
    fn step(&mut self) {
        self.0.step();
    }
    fn done(&self) -> bool {
        self.0.done() || self.0.epoch() >= RACE_EPOCHS
    }
    fn progress(&self) -> perplexed_core::stepping::Progress {
        self.0.progress()
    }
}

/// Validation accuracy per epoch of named runs, on one chart.
fn draw_accuracy(canvas: &web_sys::HtmlCanvasElement, runs: &[(&str, &CnnTrainer)], epochs: usize, l: Lang) {
    let series = runs.iter().enumerate().map(|(i, (label, t))| Series { label, colour: CLASS[(i + 1) % CLASS.len()], points: indexed(&t.history().val_acc) }).collect();
    line::draw(canvas, &LineChart { series, x_range: (0.0, epochs.max(1) as f32), x_label: T::AxisEpoch.get(l), y_label: CT::AxisValAccuracy.get(l), ..Default::default() });
}

#[component]
pub fn CnnWhy() -> impl IntoView {
    let (ctx, initial) = lab_shell::open_lab::<CnnParams>();
    let lang = ctx.lang;
    let params = RwSignal::new(CnnParams { part: Part::Why, ..initial });
    lab_shell::follow_address(&LAB, params, lang);
    let engine = StoredValue::new_local(WhyEngine::new(params.get_untracked()));
    let frame = RwSignal::new(0u64);
    let racing = RwSignal::new(true);
    let bump = move || frame.update(|f| *f += 1);

    let frames = use_frame_loop(move |f| {
        let Some(race) = racing.try_get_untracked() else {
            return false;
        };
        let Some((more, race_over)) = engine.try_update_value(|e| {
            let more = e.advance(race, f.budget_ms(), &now_ms);
            (more, e.race().is_some_and(|(c, n)| [c, n].iter().all(|t| t.done() || t.epoch() >= RACE_EPOCHS)))
        }) else {
            return false;
        };
        if race && race_over {
            racing.set(false);
        }
        bump();
        more
    });
    leptos::task::spawn_local(async move {
        let result = fetch_bytes(DATA_URL).await;
        let applied = engine.try_update_value(|e| match result {
            Ok(bytes) => e.set_data(&bytes),
            Err(status) => e.failure = Some(DataFailure::Download(status)),
        });
        if applied.is_some() {
            bump();
            frames.ensure();
        }
    });
    Effect::new(move |_| {
        let p = params.get();
        engine.update_value(|e| e.apply(p));
        bump();
        frames.ensure();
    });
    frames.run_while(move || racing.get());

    let race_ref = NodeRef::<Canvas>::new();
    let transfer_ref = NodeRef::<Canvas>::new();
    let original_ref = NodeRef::<Canvas>::new();
    let moved_ref = NodeRef::<Canvas>::new();
    let source_filters: [NodeRef<Canvas>; MAX_CONV_LAYERS] = std::array::from_fn(|_| NodeRef::new());
    let scratch_filters: [NodeRef<Canvas>; MAX_CONV_LAYERS] = std::array::from_fn(|_| NodeRef::new());

    Effect::new(move |_| {
        frame.track();
        let l = lang.get();
        engine.update_value(|e| {
            if let (Some(c), Some((cnn, dense))) = (race_ref.get(), e.race()) {
                draw_accuracy(&c, &[(CT::NetCnn.get(l), cnn), (CT::NetDense.get(l), dense)], RACE_EPOCHS, l);
            }
            if let Some((original, moved)) = e.example() {
                if let Some(c) = original_ref.get() {
                    pixels::draw(&c, &original, SIDE, Palette::Ink);
                }
                if let Some(c) = moved_ref.get() {
                    pixels::draw(&c, &moved, SIDE, Palette::Ink);
                }
            }
            if let Some(run) = &e.transfer {
                if let Some(c) = transfer_ref.get() {
                    let mut runs = vec![(CT::FromScratch.get(l), run.scratch())];
                    runs.extend(run.transferred().map(|t| (CT::Frozen.get(l), t)));
                    runs.extend(run.fine_tuned().map(|t| (CT::FineTuned.get(l), t)));
                    draw_accuracy(&c, &runs, e.params.target_epochs, l);
                }
                for layer in 0..e.params.layers {
                    let side = e.params.size;
                    if let Some(c) = source_filters[layer].get() {
                        pixels::draw_tiles(&c, &run.source().net().filters(layer), side, TILE_COLUMNS, Palette::Signed);
                    }
                    if let Some(c) = scratch_filters[layer].get() {
                        pixels::draw_tiles(&c, &run.scratch().net().filters(layer), side, TILE_COLUMNS, Palette::Signed);
                    }
                }
            }
        });
    });

    let t = move |k: crate::i18n::Label| move || k.get(lang.get());
    let read = move |f: fn(&mut WhyEngine) -> String| {
        move || {
            frame.track();
            engine.try_update_value(f).unwrap_or_default()
        }
    };
    let reset = move || {
        engine.update_value(WhyEngine::rebuild);
        racing.set(false);
        bump();
    };
    let play = move || {
        racing.update(|r| *r = !*r);
        frames.ensure();
    };
    let step = move || {
        racing.set(false);
        engine.update_value(|e| {
            if let (Some(c), Some(n)) = (&mut e.cnn, &mut e.dense) {
                c.step_batch();
                n.step_batch();
            }
        });
        bump();
    };

    let status = move || {
        frame.track();
        let l = lang.get();
        engine.look(|e| {
            if let Some(f) = &e.failure {
                return Some(view! { <div class="banner danger" role="alert" data-testid="data-failed"><p>{failure_text(f, l)}</p></div> }.into_any());
            }
            if let Some(m) = &e.error {
                return Some(view! { <div class="banner danger" role="alert" data-testid="model-error"><p>{fill(T::InvalidModel.get(l), &[&say(m, l)])}</p></div> }.into_any());
            }
            e.digits.is_none().then(|| view! { <div class="banner" role="status" data-testid="data-loading"><p>{CT::Loading.get(l)}</p></div> }.into_any())
        })
    };

    let transfer_status = move || {
        frame.track();
        let l = lang.get();
        engine.look(|e| match &e.transfer {
            None => CT::TransferIdle.get(l).to_owned(),
            Some(run) => match run.phase() {
                Phase::Source => fill(CT::TransferSource.get(l), &[&run.source().epoch().to_string(), &SOURCE_EPOCHS.to_string()]),
                Phase::Target => fill(CT::TransferTarget.get(l), &[&run.scratch().epoch().to_string(), &e.params.target_epochs.to_string()]),
                Phase::Finished => {
                    let last = |t: Option<&CnnTrainer>| pct(t.and_then(|t| t.history().val_acc.last().copied()));
                    fill(CT::TransferDone.get(l), &[&last(Some(run.scratch())), &last(run.transferred()), &last(run.fine_tuned())])
                }
            },
        })
    };

    let layer_filters = move || {
        let n = params.look(|p| p.layers);
        (0..n)
            .map(|layer| {
                let filters = params.look(|p| if layer == 0 { p.filters } else { p.filters2 });
                let aspect = pixels::aspect(filters, TILE_COLUMNS);
                view! {
                    <div class="cnn-why-filters">
                        <p class="help">{move || fill(CT::LayerTitle.get(lang.get()), &[&(layer + 1).to_string()])}</p>
                        <div class="cnn-why-pair">
                            <figure><figcaption>{t(CT::FiltersSource)}</figcaption>
                                <canvas node_ref=source_filters[layer] class="cnn-tiles" style=aspect.clone() data-testid=format!("source-filters-{layer}") dir="ltr"></canvas></figure>
                            <figure><figcaption>{t(CT::FiltersScratch)}</figcaption>
                                <canvas node_ref=scratch_filters[layer] class="cnn-tiles" style=aspect data-testid=format!("scratch-filters-{layer}") dir="ltr"></canvas></figure>
                        </div>
                    </div>
                }
                .into_any()
            })
            .collect_view()
    };

    view! {
        <article class="lab cnn" data-testid="lab-cnn" data-part="why">
            {lab_shell::lab_head(super::HEADING, lang)}
            {parts_nav(lang, params)}
            {status}
            <div class="lab-grid two">
                <section class="panel cnn-wide" aria-labelledby="cnn-race">
                    <h2 id="cnn-race">{t(CT::RaceTitle)}</h2>
                    <p class="help">{t(CT::RaceHelp)}</p>
                    <div class="transport" role="group">
                        <Transport playing=racing play step reset step_label=Signal::derive(|| Label::from(TR::StepBatch)) />
                        {counter(t(CT::RaceEpochs), "race-epoch", read(|e| e.race().map_or("—".into(), |(c, n)| c.epoch().min(n.epoch()).to_string())))}
                    </div>
                    <div class="cnn-scroll"><table class="cnn-race" data-testid="race-table">
                        <thead><tr>
                            <th scope="col">{t(CT::RaceNetwork)}</th>
                            <th scope="col">{t(CT::RaceParams)}</th>
                            <th scope="col">{t(CT::RaceVal)}</th>
                            <th scope="col">{move || { let l = lang.get(); let (dx, dy) = params.look(|p| (p.dx, p.dy)); fill(CT::RaceShifted.get(l), &[&dx.to_string(), &dy.to_string()]) }}</th>
                        </tr></thead>
                        <tbody>
                            <tr data-testid="race-cnn">
                                <th scope="row">{t(CT::NetCnn)}</th>
                                <td data-testid="race-cnn-params">{read(|e| e.race().map_or("—".into(), |(c, _)| c.net().params().len().to_string()))}</td>
                                <td data-testid="race-cnn-val">{read(|e| pct(e.race().and_then(|(c, _)| c.history().val_acc.last().copied())))}</td>
                                <td data-testid="race-cnn-shifted">{read(|e| pct(e.shifted_scores().map(|s| s.0)))}</td>
                            </tr>
                            <tr data-testid="race-dense">
                                <th scope="row">{t(CT::NetDense)}</th>
                                <td data-testid="race-dense-params">{read(|e| e.race().map_or("—".into(), |(_, n)| n.net().params().len().to_string()))}</td>
                                <td data-testid="race-dense-val">{read(|e| pct(e.race().and_then(|(_, n)| n.history().val_acc.last().copied())))}</td>
                                <td data-testid="race-dense-shifted">{read(|e| pct(e.shifted_scores().map(|s| s.1)))}</td>
                            </tr>
                        </tbody>
                    </table></div>
                    <canvas node_ref=race_ref data-testid="race-chart" class="chart-canvas"></canvas>
                    <div class="cnn-why-shift">
                        <div>
                            {count(lang, params, "dx", CT::DxLabel, CT::DxHelp, (-(MAX_SHIFT as i64), MAX_SHIFT as i64), "", |p| p.dx, |p, v| p.dx = v)}
                            {count(lang, params, "dy", CT::DyLabel, CT::DyHelp, (-(MAX_SHIFT as i64), MAX_SHIFT as i64), "", |p| p.dy, |p, v| p.dy = v)}
                        </div>
                        <figure><figcaption>{t(CT::AsItIs)}</figcaption><canvas node_ref=original_ref class="cnn-digit small" data-testid="shift-original" dir="ltr"></canvas></figure>
                        <figure><figcaption>{t(CT::Moved)}</figcaption><canvas node_ref=moved_ref class="cnn-digit small" data-testid="shift-moved" dir="ltr"></canvas></figure>
                    </div>
                    <p class="help">{t(CT::ShiftHelp)}</p>
                </section>

                <section class="panel cnn-wide" aria-labelledby="cnn-transfer">
                    <h2 id="cnn-transfer">{t(CT::TransferTitle)}</h2>
                    <p class="help">{t(CT::TransferHelp)}</p>
                    <div class="row wrap">
                        {count(lang, params, "per_class", CT::PerClassLabel, CT::PerClassHelp, (1, MAX_EXAMPLES as i64), "", |p| p.per_class, |p, v| p.per_class = v)}
                        {count(lang, params, "target_epochs", CT::TargetEpochsLabel, CT::TargetEpochsHelp, (1, MAX_TARGET_EPOCHS as i64), "", |p| p.target_epochs, |p, v| p.target_epochs = v)}
                    </div>
                    <div class="row wrap">
                        <button class="primary" data-testid="transfer-run"
                            disabled=move || { frame.track(); engine.look(|e| e.digits.is_none() || e.transfer.as_ref().is_some_and(|r| !r.done())) }
                            on:click=move |_| { engine.update_value(WhyEngine::start_transfer); bump(); frames.ensure(); }>{t(CT::TransferRun)}</button>
                        <span data-testid="transfer-status" aria-live="polite">{transfer_status}</span>
                    </div>
                    <canvas node_ref=transfer_ref data-testid="transfer-chart" class="chart-canvas"></canvas>
                    {layer_filters}
                </section>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKED: &[u8] = include_bytes!("../../../../../web/data/digits-8x8.bin");

    fn ready(params: CnnParams) -> WhyEngine {
        let mut e = WhyEngine::new(params);
        e.set_data(PACKED);
        e
    }

    #[test]
    fn the_race_pits_the_cnn_against_a_dense_network_of_its_size() {
        let mut e = ready(CnnParams { speed: super::super::params::Pace::Max, ..CnnParams::default() });
        let (c, n) = e.race().unwrap();
        assert_eq!(c.net().params().len(), 1370);
        // 64·h + h + 10·h + 10 nearest 1,370: h = 18 gives 1,360.
        assert_eq!(n.net().params().len(), 1360);
        let mut frames = 0;
        while e.advance(true, 1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 10, "max pace: each frame trains as much as the budget allows");
        }
        let (c, n) = e.race().unwrap();
        assert_eq!((c.epoch(), n.epoch()), (RACE_EPOCHS, RACE_EPOCHS), "both stop at the race's end");
        let (cv, nv) = (*c.history().val_acc.last().unwrap(), *n.history().val_acc.last().unwrap());
        // No shift: the shifted scores are the plain ones.
        e.apply(CnnParams { dx: 0, dy: 0, ..e.params.clone() });
        assert_eq!(e.shifted_scores(), Some((cv, nv)));
        // One pixel right: both lose, the CNN less (core's cnn_training test measures the same).
        e.apply(CnnParams { dx: 1, ..e.params.clone() });
        let (cs, ns) = e.shifted_scores().unwrap();
        assert!(cs < cv && ns < nv && cs > ns, "CNN {cv} → {cs}, dense {nv} → {ns}");
        let (original, moved) = e.example().unwrap();
        assert_eq!(moved, shifted(&original, SIDE, 1, 0));
    }

    #[test]
    fn the_transfer_experiment_runs_on_request_and_resets_with_its_settings() {
        let mut e = ready(CnnParams { per_class: 3, target_epochs: 2, ..CnnParams::default() });
        assert!(e.transfer.is_none(), "only on request");
        e.start_transfer();
        while e.advance(false, 1e9, &|| 0.0) {}
        let run = e.transfer.as_ref().unwrap();
        assert!(run.done());
        assert_eq!(run.target_split().train.len(), 3 * 5);
        assert_eq!(run.scratch().epoch(), 2);
        assert!(run.transferred().is_some() && run.fine_tuned().is_some());
        e.apply(CnnParams { per_class: 4, ..e.params.clone() });
        assert!(e.transfer.is_none(), "new settings, a new experiment to run");
    }

    #[test]
    fn a_damaged_download_is_reported_not_trained() {
        let mut e = WhyEngine::new(CnnParams::default());
        e.set_data(b"not the digits");
        assert!(matches!(e.failure, Some(DataFailure::File(_))));
        assert!(e.race().is_none());
        e.start_transfer();
        assert!(e.transfer.is_none());
        assert!(!e.advance(true, 5.0, &|| 0.0));
    }
}
