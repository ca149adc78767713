//! The lab's head: title, the transport with its counters, and the banners for a diverged or invalid model.

use super::*;
use crate::components::lab_shell::Look;

#[component]
pub(super) fn Header(ui: Ui) -> impl IntoView {
    let Ui { lp: lp @ Loop { params, running, snap, .. }, lang, .. } = ui;
    view! {
        {lab_shell::lab_head(HEADING, lang)}
        {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || {
            let dataset = lp.engine.try_with_value(|e| e.params.dataset).unwrap_or(DatasetKind::Circle);
            snap.with(|s| challenges::met(&challenges::Now {
                dataset, sizes: &s.sizes, epoch: s.epoch, train_loss: s.train_loss, val_loss: s.val_loss, val_score: s.val_score,
            }))
        })}

        <section class="transport" aria-label=ui.t(T::Training)>
            <Transport playing=running play=move || running.update(|r| *r = !*r) step=move || step(lp) reset=move || reset(lp)
                step_label=Label::from(T::Step) icons=true />
            {speed_select(
                Speed::ALL.into_iter().map(|v| (v.slug(), match v {
                    Speed::Batch => PT::SpeedBatch.into(),
                    Speed::Watch => PT::SpeedWatch.into(),
                    Speed::One => PT::SpeedOne.into(),
                    Speed::Five => PT::SpeedFive.into(),
                    Speed::TwentyFive => PT::SpeedTwentyFive.into(),
                    Speed::Max => T::SpeedMax.into(),
                })).collect(),
                PT::SpeedHelp,
                move || params.look(|p| p.speed.slug()),
                move |v| if let Some(v) = Speed::from_slug(&v) { ui.set(&|p| p.speed = v) },
            )}
            {counter(ui, T::EpochLabel, "epoch", None, move || snap.with(|s| s.epoch), None)}
            {counter(ui, T::TrainLoss, "loss-train", None, move || snap.with(|s| format_loss(s.train_loss)),
                Some(("score-train", (move || snap.with(|s| format_score(s.train_score, s.regression, lang.get()))).into_any())))}
            {counter(ui, T::ValLoss, "loss-val", None,
                move || snap.with(|s| if s.counts.1 == 0 { T::NoValidation.get(lang.get()).to_owned() } else { format_loss(s.val_loss) }),
                Some(("score-val", (move || snap.with(|s| format_score(s.val_score, s.regression, lang.get()))).into_any())))}
            {counter(ui, PT::Parameters, "param-count", Some(PT::ParamCountHelp.into()), move || snap.with(|s| s.param_count), None)}
        </section>

        <Show when=move || snap.with(|s| s.diverged)>
            <div class="banner danger" role="alert" data-testid="diverged">
                <p>{ui.t(T::Diverged)}</p>
                <button data-testid="fix-divergence" on:click=move |_| {
                    params.update(|p| p.lr = 0.03_f32.min(p.lr / 100.0).max(1e-5));
                    reset(lp);
                }>{ui.t(T::FixDivergence)}</button>
            </div>
        </Show>
        <Show when=move || snap.with(|s| s.error.is_some())>
            <div class="banner danger" role="alert" data-testid="model-error">
                {move || { let l = lang.get(); fill(T::InvalidModel.get(l), &[&snap.with(|s| s.error.as_ref().map(|m| say(m, l)).unwrap_or_default())]) }}
            </div>
        </Show>
    }
}

/// One of the transport's numbers: a label, a value and, under a loss, the score that goes with it.
fn counter(ui: Ui, label: impl Into<Label>, id: &'static str, title: Option<Label>, value: impl IntoView + 'static, sub: Option<(&'static str, AnyView)>) -> impl IntoView {
    view! {
        <div class="counter">
            <span class="counter-label">{ui.t(label)}</span>
            <span class="counter-value" data-testid=id title=move || title.map(|k| k.get(ui.lang.get()))>{value}</span>
            {sub.map(|(id, score)| view! { <span class="counter-sub" data-testid=id>{score}</span> })}
        </div>
    }
}
