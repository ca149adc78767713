//! The RL lab (concept 6): an agent learns a gridworld from rewards and penalties. The world is
//! editable (walls, the start, goals and pits with their rewards, a cost per move, a slippery
//! floor; a maze, the cliff walk and the slippery lake as presets); the agent learns by
//! Q-learning, SARSA or Expected SARSA (with traces and Dyna-Q), drawn as four Q-value triangles
//! a cell with its best moves as arrows; beside it, dynamic programming solves the same world
//! with the rules, sweep by sweep; curves of return, moves and the gap to the optimum per
//! episode. Every number comes from `perplexed_core::rl`.

mod challenges;
pub mod bandit_panel;
pub mod draw;
pub mod engine;
pub mod params;
pub mod text;

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::rl::learning::{Method, Traces, MAX_PLANNING};
use perplexed_core::rl::world::{Cell, PitRule, World, CLIFF, LAKE, MAZE, TWO_GOALS};

use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::Theme;
use crate::components::controls::{count, counter, nearest_stop, range, seed, select, stops};
use crate::components::errors;
use crate::components::format::{number, thousands};
use crate::components::lab_shell::{self, Lab, LabState};
use crate::components::transport::{speed_select, Transport};
use crate::i18n::{fill, Label, Lang, T};
use crate::components::lab_shell::Look;

use draw::{Geometry, Overlay};
use engine::{PlanAction, RlEngine};
use params::{decimal, Pace, RlParams, Tool, ALPHAS, CELL_REWARDS, DECAYS, EPSILONS, GAMMAS, LAMBDAS, STEP_REWARDS, SUCCESSES};
use text::RL;

/// Its title and summary (`labs::headings`).
pub const HEADING: &crate::components::lab_shell::Heading = &crate::labs::headings::RL;

pub const LAB: Lab = Lab {
    slug: "rl",
    nav: T::NavRl,
    concepts: &[6],
    parts: &[],
    #[cfg(test)]
    validate: <RlParams as crate::query::LabParams>::rejected_by,
};

/// The home page's concept card: the default maze at the default pace (solved in a few
/// seconds; tested in `engine`).
pub const CONCEPT_PRESET: &str = "speed=fast&method=q&planning=10";

/// The lab's page: what its own bundle (`src/bin/lab-rl.rs`) mounts in the shell.
pub fn page() -> AnyView {
    view! { <Rl /> }.into_any()
}

/// Where an edit places `tool` at `s` with a goal's or pit's `reward`: the new layout, or why
/// core refused it (the start or the last goal removed).
pub fn edited(world: &str, s: usize, tool: Tool, reward: f64) -> Result<String, &'static str> {
    let w = World::parse(world, 0.0, 1.0, PitRule::End).map_err(|_| "world")?;
    let cell = match tool {
        Tool::Wall => Cell::Wall,
        Tool::Start => Cell::Start,
        Tool::Goal => Cell::Goal(reward),
        Tool::Pit => Cell::Pit(reward),
        Tool::Empty => Cell::Empty,
    };
    w.with_cell(s, cell).map(|w| w.layout()).map_err(|e| e.field)
}

/// The layout at another size (cells keep their place).
pub fn resized(world: &str, width: usize, height: usize) -> Option<String> {
    World::parse(world, 0.0, 1.0, PitRule::End).ok()?.resized(width, height).ok().map(|w| w.layout())
}

fn tool_name(t: Tool) -> crate::i18n::Label {
    match t {
        Tool::Wall => RL::ToolWall,
        Tool::Start => RL::ToolStart,
        Tool::Goal => RL::ToolGoal,
        Tool::Pit => RL::ToolPit,
        Tool::Empty => RL::ToolEmpty,
    }
}

#[component]
pub fn Rl() -> impl IntoView {
    let lab = lab_shell::open(&LAB, RlEngine::new);
    let LabState { lang, params, engine, frame } = lab;
    // "Save the model (JSON)" in the charts' menus: the model as it is at that moment.
    crate::components::chart::tools::offer_model(move || engine.try_with_value(|e| e.model_json()).flatten());
    errors::provide_invalid_controls(
        move || { frame.track(); engine.look(|e| e.error.as_ref().map(|m| m.field).into_iter().collect()) },
        &[("lr", "alpha"), ("gamma", "gamma"), ("epsilon", "epsilon"), ("decay", "decay"), ("trace_lambda", "lambda"), ("planning", "planning"),
          ("episodes", "episodes"), ("max_moves", "moves"), ("step_reward", "step"), ("slip", "success")],
    );
    let run = lab.run();
    let (playing, version, frames) = (run.playing, run.version, run.frames);
    let (play_pause, step, reset) = lab.actions(run);
    let (set, t) = (move |f: &dyn Fn(&mut RlParams)| lab.set(f), move |key: Label| lab.t(key));
    let read = move |f: fn(&RlEngine) -> String| lab.read(f);

    // The editor: what a click places, a new goal's or pit's reward, the keyboard's cell.
    let tool = RwSignal::new(Tool::Wall);
    let cell_reward = RwSignal::new(1.0f32);
    let cursor = RwSignal::new(None::<usize>);
    let refused = RwSignal::new(None::<&'static str>);
    let planned = RwSignal::new(0u64);

    let grid_ref = NodeRef::<Canvas>::new();
    let plan_ref = NodeRef::<Canvas>::new();
    let return_ref = NodeRef::<Canvas>::new();
    let moves_ref = NodeRef::<Canvas>::new();
    let gap_ref = NodeRef::<Canvas>::new();
    let geometry = StoredValue::new(None::<Geometry>);

    // The agent's grid, every frame it moves.
    Effect::new(move |_| {
        frame.track();
        version.track();
        let c = cursor.get();
        frames.measure_render(|| {
            let Some(canvas) = grid_ref.get() else { return };
            let fg = Theme::read().fg;
            let drawn = engine.look(|e| {
                let (w, l) = (e.world.as_ref()?, e.learner.as_ref()?);
                let trail: Vec<usize> = e.trail.iter().copied().collect();
                let (path, reached) = l.greedy_path();
                let g = draw::draw(&canvas, w, Overlay::Learner { q: l.q_table(), agent: l.state(), trail: &trail, path: &path }, c, fg);
                Some((g, path.len().saturating_sub(1), reached))
            });
            geometry.set_value(drawn.and_then(|d| d.0));
            // What a test (or a screen reader's user) can read: the greedy path's length and
            // whether it reaches a goal.
            if let Some((_, moves, reached)) = drawn {
                line::set_data(&canvas, "data-greedy", &format!("{moves}:{reached}"));
            }
        });
    });

    // The planner's grid, after each of its buttons and each new world.
    Effect::new(move |_| {
        planned.track();
        version.track();
        lang.track();
        let Some(canvas) = plan_ref.get() else { return };
        let fg = Theme::read().fg;
        engine.look(|e| {
            if let (Some(w), Some(p)) = (&e.world, &e.planner) {
                draw::draw(&canvas, w, Overlay::Planner { values: p.values(), policy: p.policy() }, None, fg);
            }
        });
    });

    // The curves, a few times a second.
    let slow = RwSignal::new(0u64);
    let last_slow = StoredValue::new(f64::NEG_INFINITY);
    Effect::new(move |_| {
        frame.track();
        version.track();
        let now = crate::components::canvas::now_ms();
        if !playing.get_untracked() || now - last_slow.get_value() >= crate::components::frame_loop::SLOW_REFRESH_MS {
            last_slow.set_value(now);
            slow.update(|s| *s += 1);
        }
    });
    Effect::new(move |_| {
        slow.track();
        let l = lang.get();
        frames.measure_occasional(|| engine.look(|e| draw_curves(e, l, return_ref, moves_ref, gap_ref)));
    });

    let place = move |s: usize| {
        let (world, chosen, reward) = (params.with_untracked(|p| p.world.clone()), tool.get_untracked(), f64::from(cell_reward.get_untracked()));
        match edited(&world, s, chosen, reward) {
            Ok(layout) => {
                refused.set(None);
                set(&|p| p.world = layout.clone());
            }
            Err(field) => refused.set(Some(field)),
        }
    };

    // The cell under the pointer, as last drawn.
    let cell_at = move |ev: &web_sys::MouseEvent| geometry.get_value().and_then(|g| g.hit(f64::from(ev.offset_x()), f64::from(ev.offset_y())));

    // The cell pointed at (or framed by the keyboard): its Q-values, and what the planner knows.
    let hovered = RwSignal::new(None::<usize>);
    let on_move = move |ev: web_sys::MouseEvent| {
        let hit = cell_at(&ev);
        if hovered.get_untracked() != hit {
            hovered.set(hit);
        }
    };
    let cell_text = move || {
        frame.track();
        let l = lang.get();
        let s = hovered.get().or(cursor.get())?;
        engine.look(|e| {
            let (w, learner) = (e.world.as_ref()?, e.learner.as_ref()?);
            let (r, c) = w.position(s);
            let q = learner.q(s);
            let arrows = ["↑", "→", "↓", "←"];
            let qs: Vec<String> = (0..4).map(|a| format!("{} {}", arrows[a], number(q[a], 3))).collect();
            Some(fill(RL::CellReadout.get(l), &[&(r + 1).to_string(), &(c + 1).to_string(), &format!("\u{2066}{}\u{2069}", qs.join("  ")), &number(learner.optimal_values()[s], 3)]))
        })
    };

    let on_pointer = move |ev: web_sys::MouseEvent| {
        if let Some(s) = cell_at(&ev) {
            cursor.set(Some(s));
            place(s);
        }
    };

    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some((w, h)) = engine.look(|e| e.world.as_ref().map(|w| (w.width(), w.height()))) else { return };
        let here = cursor.get_untracked().unwrap_or(0).min(w * h - 1);
        let (r, c) = (here / w, here % w);
        let moved = match ev.key().as_str() {
            "ArrowUp" => Some(r.saturating_sub(1) * w + c),
            "ArrowDown" => Some((r + 1).min(h - 1) * w + c),
            // The grid is drawn left to right in both languages: the arrows follow the picture.
            "ArrowLeft" => Some(r * w + c.saturating_sub(1)),
            "ArrowRight" => Some(r * w + (c + 1).min(w - 1)),
            _ => None,
        };
        if let Some(s) = moved {
            ev.prevent_default();
            ev.stop_propagation();
            cursor.set(Some(s));
            return;
        }
        match ev.key().as_str() {
            "Enter" | " " => {
                ev.prevent_default();
                ev.stop_propagation();
                place(here);
                cursor.set(Some(here));
            }
            k @ ("1" | "2" | "3" | "4" | "5") => {
                ev.stop_propagation();
                let i = k.parse::<usize>().unwrap_or(1) - 1;
                tool.set(Tool::ALL[i.min(Tool::ALL.len() - 1)]);
            }
            _ => {}
        }
    };

    let status_banner = move || {
        frame.track();
        let (error, diverged) = engine.look(|e| (e.error.clone(), e.diverged()));
        lab_shell::run_status(lang, error, diverged, move || {
            params.update(|p| p.alpha = ALPHAS[nearest_stop(&ALPHAS, p.alpha).saturating_sub(2)]);
            run.playing.set(true);
            lab.published(run);
        })
    };

    let refused_note = move || {
        let l = lang.get();
        refused.get().map(|field| {
            let what = if field == "start" { RL::NoStart } else { RL::NoGoal };
            view! { <p class="banner" role="status" data-testid="edit-refused">{fill(RL::EditRefused.get(l), &[what.get(l)])}</p> }
        })
    };

    let tools = move || {
        let l = lang.get();
        Tool::ALL.into_iter().enumerate().map(|(i, k)| {
            let id = format!("tool-{}", k.slug());
            view! {
                <button data-testid=id aria-pressed=move || (tool.get() == k).to_string() class:primary=move || tool.get() == k
                    on:click=move |_| tool.set(k)>{format!("{} {}", i + 1, tool_name(k).get(l))}</button>
            }
        }).collect_view()
    };

    let presets = move || {
        let l = lang.get();
        [(MAZE, RL::PresetMaze), (CLIFF, RL::PresetCliff), (LAKE, RL::PresetLake), (TWO_GOALS, RL::PresetTwoGoals)].into_iter().map(|(preset, name)| {
            let id = format!("preset-{}", preset.name);
            view! { <button data-testid=id on:click=move |_| set(&|p| p.load(&preset))>{name.get(l)}</button> }
        }).collect_view()
    };

    let size_control = move |id: &'static str, label: crate::i18n::Label, width: bool| {
        let current = move || engine.look(|e| e.world.as_ref().map_or(8, |w| if width { w.width() } else { w.height() }));
        range(lang, id, label, RL::SizeHelp, (4, 12), move || { frame.track(); current() as i64 },
            move || { frame.track(); current().to_string() },
            move |v| {
                let (w, h) = engine.look(|e| e.world.as_ref().map_or((8, 8), |w| (w.width(), w.height())));
                let (nw, nh) = if width { (v as usize, h) } else { (w, v as usize) };
                if let Some(layout) = params.with_untracked(|p| resized(&p.world, nw, nh)) {
                    set(&|p| p.world = layout.clone());
                }
            })
    };

    let try_button = move |id: &'static str, label: crate::i18n::Label, change: fn(&mut RlParams)| {
        view! { <button data-testid=id on:click=move |_| { set(&|p| change(p)); run.playing.set(true); }>{move || label.get(lang.get())}</button> }
    };

    let plan_button = move |id: &'static str, label: crate::i18n::Label, action: PlanAction| {
        view! { <button data-testid=id on:click=move |_| { engine.update_value(|e| e.plan(action)); planned.update(|n| *n += 1); }>{move || label.get(lang.get())}</button> }
    };
    let plan_read = move |f: fn(&RlEngine) -> String| move || { planned.track(); version.track(); engine.look(f) };

    let paces = vec![(Pace::Slow.slug(), RL::PaceSlow.into()), (Pace::Normal.slug(), RL::PaceNormal.into()), (Pace::Fast.slug(), RL::PaceFast.into()), (Pace::Max.slug(), RL::PaceMax.into())];
    let methods = vec![(Method::QLearning.slug(), Label::new("Q-learning", "Q-learning")), (Method::Sarsa.slug(), Label::new("SARSA", "SARSA")), (Method::ExpectedSarsa.slug(), Label::new("Expected SARSA", "Expected SARSA"))];
    let trace_kinds = vec![(Traces::Replacing.slug(), RL::TracesReplacing), (Traces::Accumulating.slug(), RL::TracesAccumulating)];
    let pit_rules = vec![(PitRule::End.slug(), RL::PitsEnd), (PitRule::Restart.slug(), RL::PitsRestart)];

    view! {
        <article class="lab lab-rl" data-testid="lab-rl">
            {lab_shell::lab_head(HEADING, lang)}
            {crate::components::challenges::panel(LAB.slug, lang, challenges::GOALS, move || { frame.track(); engine.try_with_value(challenges::now).unwrap_or(0) })}
            <div class="transport">
                <Transport playing=playing play=play_pause step=step reset=reset step_label=Signal::derive(|| Label::from(RL::OneMove)) />
                {speed_select(paces, RL::SpeedHelp, move || params.look(|p| p.speed.slug()), move |v| if let Some(s) = Pace::from_slug(&v) { set(&|p| p.speed = s) })}
                {counter(t(RL::Episode.into()), "episode", read(|e| e.learner.as_ref().map_or("—".into(), |l| format!("{} / {}", l.episodes().len(), l.settings().episodes))))}
                {counter(t(RL::Moves.into()), "moves-made", read(|e| e.learner.as_ref().map_or("—".into(), |l| thousands(l.moves() as f64))))}
                {counter(t(RL::EpsilonNow.into()), "epsilon-now", read(|e| e.learner.as_ref().map_or("—".into(), |l| format!("{}%", number(l.epsilon() * 100.0, 1)))))}
                {counter(t(RL::LastReturn.into()), "last-return", read(|e| e.learner.as_ref().and_then(|l| l.episodes().last()).map_or("—".into(), |ep| number(ep.return_, 2))))}
                {counter(t(RL::GapNow.into()), "gap-last", read(|e| e.learner.as_ref().and_then(|l| l.episodes().last()).map_or("—".into(), |ep| number(ep.gap, 3))))}
                {counter(t(RL::SolvedAt.into()), "solved", move || {
                    frame.track();
                    let l = lang.get();
                    engine.look(|e| e.solved_at).map_or(RL::NotYet.get(l).to_owned(), |m| fill(RL::MovesUnit.get(l), &[&thousands(m as f64)]))
                })}
                <p class="help">{t(RL::Keys.into())}</p>
            </div>
            {status_banner}
            <div class="lab-grid two">
                <section class="panel rl-wide" aria-labelledby="rl-world">
                    <h2 id="rl-world">{t(RL::WorldTitle.into())}</h2>
                    <p class="help">{t(RL::WorldHelp.into())}</p>
                    <canvas node_ref=grid_ref data-testid="grid" class="chart-canvas rl-grid" tabindex="0" dir="ltr"
                        aria-label=move || RL::GridLabel.get(lang.get())
                        style=move || { frame.track(); engine.look(|e| e.world.as_ref().map_or(String::new(), |w| format!("aspect-ratio: {} / {}", w.width(), w.height()))) }
                        on:click=on_pointer on:keydown=on_key on:mousemove=on_move on:mouseleave=move |_| hovered.set(None)></canvas>
                    <p class="help">{t(RL::Legend.into())}</p>
                    <p class="help hover-line" data-testid="cell-readout" aria-live="polite">{cell_text}</p>
                    <div class="row wrap" role="group" aria-label=move || RL::ToolLabel.get(lang.get())>
                        <span>{t(RL::ToolLabel.into())}</span>{tools}
                    </div>
                    {refused_note}
                    {range(lang, "cell-reward", RL::CellRewardLabel, RL::CellRewardHelp, (0, CELL_REWARDS.len() as i64 - 1),
                        move || nearest_stop(&CELL_REWARDS, cell_reward.get()) as i64,
                        move || draw::reward_text(f64::from(cell_reward.get())),
                        move |v| cell_reward.set(CELL_REWARDS[(v.max(0) as usize).min(CELL_REWARDS.len() - 1)]))}
                    <div class="row wrap"><span>{t(RL::PresetsLabel.into())}</span>{presets}</div>
                </section>

                <section class="panel" aria-labelledby="rl-curves">
                    <h2 id="rl-curves">{t(RL::CurvesTitle.into())}</h2>
                    <canvas node_ref=return_ref data-testid="return-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=moves_ref data-testid="moves-chart" class="chart-canvas"></canvas>
                    <canvas node_ref=gap_ref data-testid="gap-chart" class="chart-canvas"></canvas>
                    <p class="help">{t(RL::CurvesHelp.into())}</p>
                </section>

                <section class="panel" aria-labelledby="rl-learn">
                    <h2 id="rl-learn">{t(RL::LearnTitle.into())}</h2>
                    <p class="help">{t(RL::LearnHelp.into())}</p>
                    {select(lang, "method", RL::MethodLabel, RL::MethodHelp, methods, move || params.look(|p| p.method.slug()),
                        move |v| if let Some(m) = Method::from_slug(&v) { set(&|p| p.method = m) })}
                    {stops(lang, params, "alpha", RL::AlphaLabel, RL::AlphaHelp, &ALPHAS, |p| p.alpha, |p, v| p.alpha = v)}
                    {stops(lang, params, "gamma", RL::GammaLabel, RL::GammaHelp, &GAMMAS, |p| p.gamma, |p, v| p.gamma = v)}
                    {stops(lang, params, "epsilon", RL::EpsilonLabel, RL::EpsilonHelp, &EPSILONS, |p| p.epsilon, |p, v| p.epsilon = v)}
                    {stops(lang, params, "decay", RL::DecayLabel, RL::DecayHelp, &DECAYS, |p| p.decay, |p, v| p.decay = v)}
                    {stops(lang, params, "lambda", RL::LambdaLabel, RL::LambdaHelp, &LAMBDAS, |p| p.lambda, |p, v| p.lambda = v)}
                    {select(lang, "traces", RL::TracesLabel, RL::TracesHelp, trace_kinds, move || params.look(|p| p.traces.slug()),
                        move |v| if let Some(k) = Traces::from_slug(&v) { set(&|p| p.traces = k) })}
                    {count(lang, params, "planning", RL::PlanningLabel, RL::PlanningHelp, (0, MAX_PLANNING as i64), "", |p| p.planning, |p, v| p.planning = v)}
                    {count(lang, params, "episodes", RL::EpisodesLabel, RL::EpisodesHelp, (10, 5000), "", |p| p.episodes, |p, v| p.episodes = v)}
                    {count(lang, params, "moves", RL::MaxMovesLabel, RL::MaxMovesHelp, (10, 2000), "", |p| p.moves, |p, v| p.moves = v)}
                    {seed(lang, params, RL::SeedHelp, RL::NewRun, |p| p.seed, |p, v| p.seed = v)}
                </section>

                <section class="panel" aria-labelledby="rl-explore">
                    <h2 id="rl-explore">{t(RL::ExploreTitle.into())}</h2>
                    <p class="help">{t(RL::ExploreHelp.into())}</p>
                    <div class="row wrap">{try_button("try-greedy", RL::TryGreedy, |p| near_or_far(p, 0.0, 1.0))}</div>
                    <p class="help">{t(RL::TryGreedyText.into())}</p>
                    <div class="row wrap">{try_button("try-random", RL::TryRandom, |p| near_or_far(p, 1.0, 1.0))}</div>
                    <p class="help">{t(RL::TryRandomText.into())}</p>
                    <div class="row wrap">{try_button("try-decay", RL::TryDecay, |p| near_or_far(p, 1.0, 0.98))}</div>
                    <p class="help">{t(RL::TryDecayText.into())}</p>
                    <div class="row wrap">
                        {try_button("try-cliff-q", RL::TryCliffQ, |p| { p.load(&CLIFF); p.method = Method::QLearning; p.epsilon = 0.1; p.decay = 1.0; p.gamma = 0.99; p.planning = 0; p.lambda = 0.0; p.episodes = 500; })}
                        {try_button("try-cliff-sarsa", RL::TryCliffSarsa, |p| { p.load(&CLIFF); p.method = Method::Sarsa; p.epsilon = 0.1; p.decay = 1.0; p.gamma = 0.99; p.planning = 0; p.lambda = 0.0; p.episodes = 500; })}
                    </div>
                    <p class="help">{t(RL::TryCliffText.into())}</p>
                </section>

                <section class="panel" aria-labelledby="rl-plan">
                    <h2 id="rl-plan">{t(RL::PlanTitle.into())}</h2>
                    <p class="help">{t(RL::PlanHelp.into())}</p>
                    <div class="row wrap">
                        {plan_button("plan-evaluate", RL::Evaluate, PlanAction::Evaluate)}
                        {plan_button("plan-improve", RL::Improve, PlanAction::Improve)}
                        {plan_button("plan-iterate", RL::Iterate, PlanAction::Iterate)}
                        {plan_button("plan-solve", RL::Solve, PlanAction::Solve)}
                        {plan_button("plan-reset", RL::PlanReset, PlanAction::Reset)}
                    </div>
                    <canvas node_ref=plan_ref data-testid="plan-grid" class="chart-canvas rl-grid" dir="ltr"
                        aria-label=move || RL::PlanGrid.get(lang.get())
                        style=move || { frame.track(); engine.look(|e| e.world.as_ref().map_or(String::new(), |w| format!("aspect-ratio: {} / {}", w.width(), w.height()))) }></canvas>
                    <div class="row wrap">
                        {counter(t(RL::Sweeps.into()), "plan-sweeps", plan_read(|e| e.planner.as_ref().map_or("—".into(), |p| p.sweeps.to_string())))}
                        {counter(t(RL::Improvements.into()), "plan-improvements", plan_read(|e| e.planner.as_ref().map_or("—".into(), |p| p.improvements.to_string())))}
                        {counter(t(RL::Change.into()), "plan-delta", plan_read(|e| e.planner.as_ref().map_or("—".into(), |p| number(p.last_delta, 4))))}
                        {counter(t(RL::StartValue.into()), "plan-start", plan_read(|e| match (&e.world, &e.planner) { (Some(w), Some(p)) => number(p.values()[w.start()], 4), _ => "—".into() }))}
                    </div>
                </section>

                {bandit_panel::panel(lang, params)}

                <section class="panel" aria-labelledby="rl-world-rules">
                    <h2 id="rl-world-rules">{t(RL::RulesTitle.into())}</h2>
                    {size_control("width", RL::WidthLabel, true)}
                    {size_control("height", RL::HeightLabel, false)}
                    {stops(lang, params, "step", RL::StepLabel, RL::StepHelp, &STEP_REWARDS, |p| p.step, |p, v| p.step = v)}
                    {range(lang, "success", RL::SuccessLabel, RL::SuccessHelp, (0, SUCCESSES.len() as i64 - 1),
                        move || params.look(|p| nearest_stop(&SUCCESSES, p.success) as i64),
                        move || params.look(|p| if (p.success - 1.0 / 3.0).abs() < 1e-6 { "1/3".to_owned() } else { number(decimal(p.success), 2) }),
                        move |v| set(&|p| p.success = SUCCESSES[(v.max(0) as usize).min(SUCCESSES.len() - 1)]))}
                    {select(lang, "pits", RL::PitsLabel, RL::PitsHelp, pit_rules, move || params.look(|p| p.pits.slug()),
                        move |v| if let Some(r) = PitRule::from_slug(&v) { set(&|p| p.pits = r) })}
                </section>
            </div>
        </article>
    }.into_any()
}

/// The explore-or-exploit lessons: Q-learning on the near-or-far corridor with exploration `ε`
/// shrinking by `decay` an episode (the other settings the lab's defaults, as core's test ran
/// them: `rl_learning::explore_first_then_exploit_on_two_goals`).
fn near_or_far(p: &mut RlParams, epsilon: f32, decay: f32) {
    let keep = (p.speed, p.seed);
    *p = RlParams { epsilon, decay, speed: keep.0, seed: keep.1, ..RlParams::default() };
    p.load(&TWO_GOALS);
}

/// Return, moves and the gap to the optimum, one point per episode.
fn draw_curves(e: &RlEngine, l: Lang, return_ref: NodeRef<Canvas>, moves_ref: NodeRef<Canvas>, gap_ref: NodeRef<Canvas>) {
    let Some(learner) = &e.learner else { return };
    let episodes = learner.episodes();
    let x_max = learner.settings().episodes.max(1) as f32;
    let th = Theme::read();
    let series = |f: fn(&perplexed_core::rl::learning::Episode) -> f64| episodes.iter().enumerate().map(|(i, ep)| ((i + 1) as f32, f(ep) as f32)).collect::<Vec<_>>();
    let charts: [(NodeRef<Canvas>, crate::i18n::Label, crate::i18n::Label, fn(&perplexed_core::rl::learning::Episode) -> f64, [u8; 3]); 3] = [
        (return_ref, RL::ReturnName, RL::AxisReturn, |ep| ep.return_, th.train),
        (moves_ref, RL::MovesName, RL::AxisMoves, |ep| ep.moves as f64, th.val),
        (gap_ref, RL::GapName, RL::AxisGap, |ep| ep.gap, th.test),
    ];
    for (canvas, name, axis, f, colour) in charts {
        if let Some(c) = canvas.get() {
            line::draw(&c, &LineChart { series: vec![Series { label: name.get(l), colour, points: series(f) }], x_range: (0.0, x_max), x_label: RL::AxisEpisode.get(l), y_label: axis.get(l), ..Default::default() });
            line::set_data(&c, "data-points", &episodes.len().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_go_through_core() {
        let start = MAZE.layout;
        let walled = edited(start, 1, Tool::Wall, 0.0).unwrap();
        assert!(walled.starts_with("sx..x"), "{walled}");
        assert_eq!(edited(start, 0, Tool::Empty, 0.0), Err("start"));
        assert_eq!(edited(start, 63, Tool::Pit, -1.0), Err("goal"), "the only goal");
        let goal = edited(start, 2, Tool::Goal, 5.0).unwrap();
        assert!(goal.starts_with("s.g5.x"), "{goal}");
        assert_eq!(resized(start, 4, 4).map(|l| l.split(',').count()), Some(4));
    }

    /// The explore-or-exploit buttons show what their sentences say (seed 1, the page's).
    #[test]
    fn the_explore_buttons_tell_their_lessons() {
        use crate::components::lab_shell::RunEngine;
        let outcome = |epsilon: f32, decay: f32| {
            let mut p = RlParams { speed: params::Pace::Max, ..RlParams::default() };
            near_or_far(&mut p, epsilon, decay);
            let mut e = engine::RlEngine::new(p);
            while e.advance(1e9, &|| 0.0) {}
            let l = e.learner.as_ref().unwrap();
            let late = l.episodes()[180..].iter().map(|ep| ep.return_).sum::<f64>() / 20.0;
            (l.greedy_path().0.len() - 1, late)
        };
        assert_eq!(outcome(0.0, 1.0).0, 3, "greed walks to the near goal");
        let (random, decaying) = (outcome(1.0, 1.0), outcome(1.0, 0.98));
        assert_eq!((random.0, decaying.0), (5, 5), "the arrows find the far goal");
        assert!(decaying.1 > 0.9 && random.1 < decaying.1, "{random:?} {decaying:?}");
    }
}
