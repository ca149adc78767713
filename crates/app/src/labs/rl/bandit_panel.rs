//! The RL lab's warm-up: the multi-armed bandit — one state, many slot machines, explore or
//! exploit in its purest form. Three players (pure greed, ε-greedy, UCB) pull arms of the same
//! 200 bandits with the same luck; the page animates the pulls and draws each player's regret
//! and share of best-arm pulls, and the first bandit's arms as each player sees them. Every
//! number comes from `perplexed_core::rl::bandit`.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::rl::bandit::{BanditRace, Strategy, MAX_ARMS};
use perplexed_core::stepping::{step_within, Stepping};

use super::params::{decimal, RlParams, BANDIT_EPSILONS, UCB_CS};
use super::text::RL;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::colors::CLASS;
use crate::components::controls::{count, stops};
use crate::components::format::number;
use crate::components::frame_loop::use_frame_loop;
use crate::i18n::{fill, Lang};
use crate::components::lab_shell::Look;

/// Bandits played at once (the curves average over them) and pulls a race lasts.
pub const RUNS: usize = 200;
pub const PULLS: usize = 1000;
/// Most pulls a frame (1,000 pulls in about a second at 60 frames a second).
const PULLS_PER_FRAME: usize = 17;

/// The race the settings describe: greed, ε-greedy and UCB on `RUNS` bandits.
pub fn race(p: &RlParams) -> Option<BanditRace> {
    BanditRace::new(p.arms, &[Strategy::EpsilonGreedy(0.0), Strategy::EpsilonGreedy(decimal(p.bandit_epsilon)), Strategy::Ucb(decimal(p.ucb))], RUNS, PULLS, u64::from(p.seed)).ok()
}

pub fn panel(lang: RwSignal<Lang>, params: RwSignal<RlParams>) -> AnyView {
    let race_value = StoredValue::new_local(params.with_untracked(race));
    let running = RwSignal::new(false);
    let drawn = RwSignal::new(0u64);
    let regret_ref = NodeRef::<Canvas>::new();
    let best_ref = NodeRef::<Canvas>::new();

    let frames = use_frame_loop(move |tick| {
        if !running.get_untracked() {
            return false;
        }
        let more = race_value.try_update_value(|r| match r {
            Some(r) => {
                step_within(r, PULLS_PER_FRAME, tick.budget_ms().min(6.0), &crate::components::canvas::now_ms);
                !r.done()
            }
            None => false,
        });
        drawn.update(|d| *d += 1);
        if more != Some(true) {
            running.set(false);
        }
        more == Some(true)
    });
    frames.run_while(move || running.get());

    // New settings: a new race, shown from its start.
    Effect::new(move |prev: Option<()>| {
        params.look(|p| (p.arms, p.bandit_epsilon, p.ucb, p.seed));
        if prev.is_some() {
            race_value.set_value(params.with_untracked(race));
            running.set(true);
        }
        drawn.update(|d| *d += 1);
    });

    let names = move |l: Lang| {
        let eps = params.with_untracked(|p| number(decimal(p.bandit_epsilon), 2));
        let c = params.with_untracked(|p| number(decimal(p.ucb), 1));
        [RL::Greedy.get(l).to_owned(), fill(RL::EpsilonGreedy.get(l), &[&eps]), fill(RL::Ucb.get(l), &[&c])]
    };

    Effect::new(move |_| {
        drawn.track();
        let l = lang.get();
        let labels = names(l);
        race_value.with_value(|r| {
            let Some(r) = r else { return };
            for (canvas, k, y_label) in [(regret_ref, 1usize, RL::AxisRegret), (best_ref, 2, RL::AxisBestShare)] {
                let Some(c) = canvas.get() else { continue };
                let series = (0..3).map(|p| Series {
                    label: &labels[p],
                    colour: [[120, 120, 120], CLASS[0], CLASS[1]][p],
                    points: r.curve(p).iter().enumerate().map(|(t, v)| ((t + 1) as f32, if k == 1 { v.1 } else { v.2 * 100.0 } as f32)).collect(),
                }).collect();
                line::draw(&c, &LineChart { series, x_range: (0.0, PULLS as f32), x_label: RL::AxisPull.get(l), y_label: y_label.get(l), y_floor: Some(0.0), ..Default::default() });
                line::set_data(&c, "data-points", &r.pulls_made().to_string());
            }
        });
    });

    let summary = move || {
        drawn.track();
        let l = lang.get();
        let labels = names(l);
        race_value.with_value(|r| {
            let r = r.as_ref()?;
            let rows = (0..3).map(|p| {
                let last = r.curve(p).last().copied().unwrap_or((0.0, 0.0, 0.0));
                view! { <tr data-testid=format!("bandit-row-{p}")><td>{labels[p].clone()}</td><td class="num">{number(last.1, 1)}</td><td class="num">{format!("{}%", number(last.2 * 100.0, 0))}</td></tr> }
            }).collect_view();
            Some(view! {
                <table class="rl-table" data-testid="bandit-table">
                    <thead><tr><th>{RL::Player.get(l)}</th><th>{RL::RegretCol.get(l)}</th><th>{RL::BestCol.get(l)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="help" data-testid="bandit-pulls">{fill(RL::PullsMade.get(l), &[&r.pulls_made().to_string(), &PULLS.to_string(), &RUNS.to_string()])}</p>
            })
        })
    };

    view! {
        <section class="panel" aria-labelledby="rl-bandit">
            <h2 id="rl-bandit">{move || RL::BanditTitle.get(lang.get())}</h2>
            <p class="help">{move || RL::BanditHelp.get(lang.get())}</p>
            <div class="row wrap">
                <button class="primary" data-testid="bandit-run" on:click=move |_| {
                    race_value.set_value(params.with_untracked(race));
                    running.set(true);
                    drawn.update(|d| *d += 1);
                }>{move || RL::BanditRun.get(lang.get())}</button>
            </div>
            {count(lang, params, "arms", RL::ArmsLabel, RL::ArmsHelp, (2, MAX_ARMS as i64), "", |p| p.arms, |p, v| p.arms = v)}
            {stops(lang, params, "bandit_epsilon", RL::BanditEpsilonLabel, RL::BanditEpsilonHelp, &BANDIT_EPSILONS, |p| p.bandit_epsilon, |p, v| p.bandit_epsilon = v)}
            {stops(lang, params, "ucb", RL::UcbLabel, RL::UcbHelp, &UCB_CS, |p| p.ucb, |p, v| p.ucb = v)}
            <canvas node_ref=regret_ref data-testid="regret-chart" class="chart-canvas"></canvas>
            <canvas node_ref=best_ref data-testid="best-arm-chart" class="chart-canvas"></canvas>
            {summary}
            <p class="help">{move || RL::BanditLesson.get(lang.get())}</p>
        </section>
    }.into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the panel's closing sentence says, on the race the page opens with: after 1,000
    /// pulls greed has the most regret, UCB the least.
    #[test]
    fn the_default_race_tells_the_lesson() {
        let mut r = race(&RlParams::default()).unwrap();
        while !r.done() {
            r.step();
        }
        let regret: Vec<f64> = (0..3).map(|p| r.curve(p).last().unwrap().1).collect();
        assert!(regret[2] < regret[1] && regret[1] < regret[0], "greedy, ε-greedy, UCB: {regret:?}");
        assert!(race(&RlParams { arms: 1, ..RlParams::default() }).is_none());
    }
}
