//! What a lab is to the registry ([`Lab`]) and what every lab wires the same way: its settings
//! read from the address when it opens, and the address that follows them afterwards.

use leptos::prelude::*;

use crate::context::AppContext;
use crate::i18n::{Label, Lang, T};
use crate::query::{self, LabParams, QueryReader};

/// A lab: its address, its name and what it teaches — one entry of the registry
/// (`labs::LABS`). The page itself is not here: each lab's bundle mounts its own `page()`, so
/// the registry every bundle carries pulls no lab's code into another's download.
pub struct Lab {
    /// `?lab=<slug>`
    pub slug: &'static str,
    /// A short name for the navigation bar.
    pub nav: Label,
    /// Numbers of the thread's concepts it teaches (see `labs::CONCEPTS`).
    pub concepts: &'static [u8],
    /// Further pages of the lab besides its main one, each its own download
    /// (`src/bin/lab-<slug>-<part>.rs`, opened by `?lab=<slug>&part=<part>`): a lab whose
    /// pages together would exceed one download's budget splits along its lessons.
    pub parts: &'static [&'static str],
    /// The parameters of a preset query the lab does not understand (`<Params as
    /// LabParams>::rejected_by`): the registry's tests check every concept preset with it.
    #[cfg(test)]
    pub validate: fn(&str) -> Vec<query::Rejected>,
}

/// Keeps the address equal to the lab's settings: `?lab=<slug>&…` from `params`, rewritten at
/// most every 120 ms while a slider is dragged (browsers throttle rapid history updates), and
/// without history entries (a reload or a shared link restores the settings; Back leaves the
/// lab).
pub fn follow_address<P: LabParams + Clone + Send + Sync + 'static>(lab: &'static Lab, params: RwSignal<P>, lang: RwSignal<Lang>) {
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let written_lang = StoredValue::new(None::<Lang>);
    let present = AppContext::current().present;
    crate::lesson::set_defaults(P::default().to_query());
    Effect::new(move |_| {
        let mut all = vec![("lab", lab.slug.to_owned())];
        all.extend(params.with(P::to_query));
        // The language too, so a shared link opens in the language it was shared from, and
        // presenter mode, so a teacher's link opens ready for the projector.
        let l = lang.get();
        all.push(("lang", l.code().to_owned()));
        if present.get() {
            all.push(("present", "1".to_owned()));
        }
        // A lesson being played stays in the address while the learner changes its step.
        all.extend(crate::lesson::playing_in_address());
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        let query = query::write_query(&all);
        // A switch of language is written at once (a reload right after it must keep it);
        // settings, which change many times a second under a dragged slider, after a pause.
        if written_lang.get_value() != Some(l) {
            written_lang.set_value(Some(l));
            query::replace_query(&query);
            return;
        }
        let handle = set_timeout_with_handle(move || query::replace_query(&query), std::time::Duration::from_millis(120)).ok();
        timer.set_value(handle);
    });
}

/// Opens a lab: the shell's context (a detached one, provided to the lab's components, if the
/// lab is mounted without the shell) and the lab's settings read from the address; whatever the
/// address held that they did not understand goes to the shell's notice.
pub fn open_lab<P: LabParams>() -> (AppContext, P) {
    let ctx = use_context::<AppContext>().unwrap_or_else(|| {
        // Mounted without the shell: a detached context, shared with the lab's children.
        let ctx = AppContext::new(Lang::En);
        provide_context(ctx);
        ctx
    });
    let mut reader = QueryReader::new(query::current_pairs());
    let params = P::from_query(&mut reader);
    ctx.report_rejected(reader.rejected);
    (ctx, params)
}

/// Reads a lab's engine (untracked, as `with_value`) or settings (tracked, as `with`) through
/// one shared reading path: `with_value` and `with` are compiled anew, arena lookup and lock
/// included, for every closure they are given — the data lab's 55 engine reads alone cost about
/// 3 KB gzip that way. Here only the closure is the caller's own.
pub trait Look<T> {
    fn look<R>(&self, f: impl FnOnce(&T) -> R) -> R;
}

impl<T: 'static> Look<T> for StoredValue<T, LocalStorage> {
    #[inline(always)]
    fn look<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.read_value())
    }
}

impl<T: Send + Sync + 'static> Look<T> for RwSignal<T> {
    #[inline(always)]
    fn look<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        f(&self.read())
    }
}

/// What every lab opens with: the shell's language, the lab's settings (read from the address,
/// which then follows them), its engine built from them, and `frame`, the counter its pictures
/// and read-outs track — bumped by the lab after a change, and by a resize of the window.
pub struct LabState<P: Send + Sync + 'static, E: 'static> {
    pub lang: RwSignal<Lang>,
    pub params: RwSignal<P>,
    pub engine: StoredValue<E, LocalStorage>,
    pub frame: RwSignal<u64>,
}

impl<P: Send + Sync + 'static, E: 'static> Clone for LabState<P, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P: Send + Sync + 'static, E: 'static> Copy for LabState<P, E> {}

/// Opens `lab` (see [`open_lab`]) with its engine made from the settings by `engine`.
pub fn open<P, E>(lab: &'static Lab, engine: impl FnOnce(P) -> E) -> LabState<P, E>
where
    P: LabParams + Clone + Send + Sync + 'static,
{
    let (ctx, initial) = open_lab::<P>();
    let params = RwSignal::new(initial.clone());
    let state = LabState { lang: ctx.lang, params, engine: StoredValue::new_local(engine(initial)), frame: RwSignal::new(0) };
    follow_address(lab, params, ctx.lang);
    // A resize, or new colours or type size (view_modes sends a resize then).
    let resize = window_event_listener(leptos::ev::resize, move |_| state.bump());
    on_cleanup(move || resize.remove());
    state
}

impl<P: Send + Sync + 'static, E: 'static> LabState<P, E> {
    /// Pictures and read-outs that track `frame` redraw.
    pub fn bump(self) {
        self.frame.update(|f| *f += 1);
    }
    /// After the engine changed: `version` takes the engine's run counter (`of`) if it moved
    /// (pictures keyed on the run redraw), and the read-outs follow ([`bump`](Self::bump)).
    pub fn publish(self, version: RwSignal<u64>, of: fn(&E) -> u64) {
        if let Some(v) = self.engine.try_with_value(of) {
            if version.get_untracked() != v {
                version.set(v);
            }
        }
        self.bump();
    }
    /// Changes the settings (the engine follows through the lab's effect on `params`).
    pub fn set(self, f: &dyn Fn(&mut P)) {
        self.params.update(|p| f(p));
    }
    /// A text from any table, in the page's language as it changes.
    pub fn t(self, key: impl Into<Label>) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let key: Label = key.into();
        move || key.get(self.lang.get())
    }
    /// What `f` reads from the engine, read again whenever `frame` moves.
    pub fn read(self, f: fn(&E) -> String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || {
            self.frame.track();
            self.engine.try_with_value(f).unwrap_or_default()
        }
    }
}

/// A lab's pages as tabs ([`Lab::parts`]): links to the same settings on another page (a new
/// page load: that page's own bundle), the current one marked. `tabs` names each page by its
/// `part` slug; `part_of` reads the shown page's slug from the settings, `with_part` gives the
/// settings on another page.
pub fn parts_nav<P: LabParams + Clone + Send + Sync + 'static>(
    lab: &'static Lab,
    lang: RwSignal<Lang>,
    params: RwSignal<P>,
    (aria, tabs): (Label, Vec<(&'static str, Label)>),
    part_of: fn(&P) -> &'static str,
    with_part: fn(&P, &'static str) -> P,
) -> AnyView {
    let link = move |to: &'static str| {
        let mut all = vec![("lab", lab.slug.to_owned())];
        all.extend(params.with(|p| with_part(p, to).to_query()));
        all.push(("lang", lang.get().code().to_owned()));
        format!("?{}", query::write_query(&all))
    };
    let tabs = tabs.into_iter().map(|(to, name)| {
        let current = move || params.with(|p| part_of(p) == to);
        view! {
            <a class="lab-tab" href=move || link(to) data-testid=format!("part-{to}")
                aria-current=move || current().then_some("page")>{move || name.get(lang.get())}</a>
        }
    }).collect_view();
    view! { <nav class="lab-tabs" aria-label=move || aria.get(lang.get())>{tabs}</nav> }.into_any()
}

/// The lab's title and one-line summary, in the page's language.
pub fn lab_head(heading: &'static Heading, lang: RwSignal<Lang>) -> impl IntoView {
    view! {
        <header class="lab-head">
            <h1>{move || heading.title.get(lang.get())}</h1>
            <p class="lab-summary">{move || heading.summary.get(lang.get())}</p>
        </header>
    }
}

/// A lab's title and summary (`labs::headings`): apart from [`Lab`], which every bundle's
/// navigation carries for every lab, so that a lab's page carries its own heading only.
pub struct Heading {
    pub title: Label,
    pub summary: Label,
}

/// What a lab that trains run by run asks of its engine: the wiring of [`LabState::run`] —
/// settings applied, frames of training, Play, one step and reset — is then the same in every
/// such lab (the CNN and sequence labs).
pub trait RunEngine<P>: 'static {
    /// Applies new settings (a new run when they change the model).
    fn apply(&mut self, params: P);
    /// Trains for this frame within `budget_ms`; whether training goes on.
    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool;
    /// One step by hand (a mini-batch).
    fn step(&mut self);
    /// A fresh run from the current settings.
    fn rebuild(&mut self);
    /// Bumped whenever a new run starts (pictures keyed on it redraw).
    fn version(&self) -> u64;
    /// Play must start a new run (the last diverged, or reached its epoch limit).
    fn spent(&self) -> bool;
    /// Nothing to train yet (data on its way): stopping then does not pause Play.
    fn waiting(&self) -> bool {
        false
    }
}

/// Trains a run-by-run engine to the end of its run, at full speed (tests).
#[cfg(test)]
pub fn run_to_end<P, E: RunEngine<P>>(e: &mut E) {
    while e.advance(1e9, &|| 0.0) {}
}

/// The transport of a run-by-run lab, from [`LabState::run`].
#[derive(Clone, Copy)]
pub struct Run {
    /// Whether the lab plays.
    pub playing: RwSignal<bool>,
    /// The engine's run counter as last published.
    pub version: RwSignal<u64>,
    /// The lab's frame loop (ensure it after a change that should start it).
    pub frames: crate::components::frame_loop::FrameLoop,
}

impl<P: Clone + Send + Sync + 'static, E: RunEngine<P>> LabState<P, E> {
    /// Wires the engine to the page: each frame trains while playing (a finished run stops
    /// Play), a change of settings is applied (one that starts a new run plays it), and
    /// [`Run::publish`] keeps the read-outs and pictures in step.
    pub fn run(self) -> Run {
        let playing = RwSignal::new(true);
        let version = RwSignal::new(0u64);
        let (engine, frame) = (self.engine, self.frame);
        let frames = crate::components::frame_loop::use_frame_loop(move |f| {
            let Some(play) = playing.try_get_untracked() else { return false };
            if !play {
                return false;
            }
            let Some((more, waiting)) = engine.try_update_value(|e| (e.advance(f.budget_ms(), &crate::components::canvas::now_ms), e.waiting())) else {
                return false;
            };
            if !more && !waiting {
                playing.set(false);
            }
            frame.update(|f| *f += 1);
            more
        });
        frames.run_while(move || playing.get());
        let run = Run { playing, version, frames };
        let params = self.params;
        Effect::new(move |prev: Option<()>| {
            let p = params.get();
            let before = engine.with_value(E::version);
            engine.update_value(|e| e.apply(p));
            if prev.is_some() && engine.with_value(E::version) != before {
                playing.set(true);
            }
            self.publish(version, E::version);
            frames.ensure();
        });
        run
    }

    /// After the engine changed by hand: the run counter and the read-outs follow.
    pub fn published(self, run: Run) {
        self.publish(run.version, E::version);
    }

    /// Play / pause (a spent run starts again), one step (pauses), reset (pauses): the
    /// transport's three actions.
    pub fn actions(self, run: Run) -> (impl Fn() + Copy + 'static, impl Fn() + Copy + 'static, impl Fn() + Copy + 'static) {
        let engine = self.engine;
        let play_pause = move || {
            if !run.playing.get_untracked() && engine.with_value(E::spent) {
                engine.update_value(E::rebuild);
            }
            run.playing.update(|p| *p = !*p);
            self.published(run);
        };
        let step = move || {
            run.playing.set(false);
            engine.update_value(E::step);
            self.published(run);
        };
        let reset = move || {
            run.playing.set(false);
            engine.update_value(E::rebuild);
            self.published(run);
        };
        (play_pause, step, reset)
    }
}

/// The notice above a lab when its model cannot be built (core refused a setting: named in the
/// page's language) or its training diverged — with the way out: `fix` lowers the learning rate
/// and starts again.
pub fn run_status(lang: RwSignal<Lang>, error: Option<perplexed_core::error::ParamError>, diverged: bool, fix: impl Fn() + 'static) -> Option<AnyView> {
    let l = lang.get();
    if let Some(m) = error {
        let text = crate::i18n::fill(T::InvalidModel.get(l), &[&crate::components::errors::say(&m, l)]);
        return Some(view! { <div class="banner danger" role="alert" data-testid="model-error"><p>{text}</p></div> }.into_any());
    }
    diverged.then(|| view! {
        <div class="banner danger" role="alert" data-testid="diverged">
            <p>{T::Diverged.get(l)}</p>
            <button data-testid="fix-divergence" on:click=move |_| fix()>{T::FixDivergence.get(l)}</button>
        </div>
    }.into_any())
}
