//! The one animation loop every lab runs: a closure called once per animation frame with what
//! that frame may spend, started on demand, stopped when the closure says it is done, and gone
//! with the lab. The frame budget, the measured cost of drawing and the visitor's
//! `prefers-reduced-motion` live here, so no lab decides them on its own.
//!
//! The budget listens to two things. What the lab's drawing costs, measured around it; and
//! whether frames arrive on time, because part of the cost is out of the page's sight: the
//! browser rasterises canvas drawing after the frame's code has run. When a frame comes late
//! (a missed refresh), the work's ceiling shrinks by a quarter; while frames are on time it
//! grows back by 0.1 ms a frame — so a slow machine trades epochs per second for a smooth page.
//!
//! ```ignore
//! let frames = use_frame_loop(move |f: &Tick| {
//!     engine.update_value(|e| e.advance(f.budget_ms(), &now_ms));
//!     still_running()
//! });
//! frames.ensure(); // after any change that needs frames
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::components::canvas::now_ms;

/// Work per animation frame (the lab's work + its drawing), leaving the rest of the 16.7 ms of a
/// 60 Hz frame to the browser. The work gets what drawing does not use, within the bounds below.
pub const FRAME_WORK_MS: f64 = 8.0;
pub const MIN_WORK_MS: f64 = 1.0;
pub const MAX_WORK_MS: f64 = 6.0;
/// A refresh interval longer than this (1.5 × a 60 Hz refresh) means a frame was missed.
pub const LATE_FRAME_MS: f64 = 25.0;
/// Pictures that cost a pass over the model (thumbnails, diagrams, side charts) refresh this
/// often while a model trains: the eye does not follow them at 60 Hz.
pub const SLOW_REFRESH_MS: f64 = 150.0;

/// What one animation frame (one tick of the loop) gives the lab's work.
#[derive(Debug, Clone, Copy)]
pub struct Tick {
    started: f64,
    budget_ms: f64,
    reduced_motion: bool,
}

impl Tick {
    /// When the frame began (ms, `performance.now()`).
    pub fn started(&self) -> f64 {
        self.started
    }
    /// The clock, for work that checks it as it goes.
    pub fn now(&self) -> f64 {
        now_ms()
    }
    /// Milliseconds of work this frame may spend: [`FRAME_WORK_MS`] less what drawing took
    /// lately, within [`MIN_WORK_MS`]..=[`MAX_WORK_MS`].
    pub fn budget_ms(&self) -> f64 {
        self.budget_ms
    }
    /// Whether time is left of `share` × the budget (a lab splitting its frame between jobs).
    pub fn within(&self, share: f64) -> impl Fn() -> bool {
        let deadline = self.started + share * self.budget_ms;
        move || now_ms() < deadline
    }
    /// Whether the visitor asked the system for less motion.
    pub fn reduced_motion(&self) -> bool {
        self.reduced_motion
    }
}

/// The budget left to work after `render_ms` of drawing, within the work's ceiling `cap`.
fn budget(render_ms: f64, cap: f64) -> f64 {
    (FRAME_WORK_MS - render_ms).min(cap).clamp(MIN_WORK_MS, MAX_WORK_MS)
}

/// The work's next ceiling after a frame that came `interval_ms` after the one before: a
/// quarter less after a missed refresh, 0.1 ms more after one on time.
fn next_cap(cap: f64, interval_ms: f64) -> f64 {
    if interval_ms > LATE_FRAME_MS { cap * 0.75 } else { cap + 0.1 }.clamp(MIN_WORK_MS, MAX_WORK_MS)
}

type Work = Rc<RefCell<Box<dyn FnMut(&Tick) -> bool>>>;

/// A lab's frame loop; all handles, so it is `Copy`. Created by [`use_frame_loop`].
#[derive(Clone, Copy)]
pub struct FrameLoop {
    work: StoredValue<Work, LocalStorage>,
    looping: StoredValue<bool>,
    /// Smoothed milliseconds the lab's per-frame drawing takes, and its occasional drawing (a
    /// diagram refreshed a few times a second, counted at a quarter).
    render_ms: StoredValue<f64>,
    occasional_ms: StoredValue<f64>,
    /// The work's ceiling, from whether frames arrive on time, and when the last frame began
    /// (`None` when the loop (re)starts: a pause is not a late frame).
    cap_ms: StoredValue<f64>,
    last_started: StoredValue<Option<f64>>,
    reduced_motion: StoredValue<bool>,
}

/// Makes the lab's frame loop: `work` runs once per animation frame while the loop runs and
/// answers whether to keep going. Nothing runs until [`FrameLoop::ensure`]; the loop stops when
/// `work` answers `false`, and for good when the lab (the reactive owner) is disposed.
pub fn use_frame_loop(work: impl FnMut(&Tick) -> bool + 'static) -> FrameLoop {
    let work: Work = Rc::new(RefCell::new(Box::new(work)));
    FrameLoop {
        work: StoredValue::new_local(work),
        looping: StoredValue::new(false),
        render_ms: StoredValue::new(0.0),
        occasional_ms: StoredValue::new(0.0),
        cap_ms: StoredValue::new(MAX_WORK_MS),
        last_started: StoredValue::new(None),
        reduced_motion: StoredValue::new(prefers_reduced_motion()),
    }
}

impl FrameLoop {
    /// Starts the loop unless it runs already (call it after any change that needs frames).
    pub fn ensure(self) {
        if self.looping.try_get_value() != Some(false) {
            return;
        }
        self.looping.set_value(true);
        self.schedule();
    }

    fn schedule(self) {
        request_animation_frame(move || {
            // The lab was closed (its handles are gone), or the page stopped on a panic.
            if crate::components::recovery::broken() {
                return;
            }
            let Some(work) = self.work.try_get_value() else { return };
            let started = now_ms();
            if let Some(last) = self.last_started.get_value() {
                self.cap_ms.update_value(|cap| *cap = next_cap(*cap, started - last));
            }
            self.last_started.set_value(Some(started));
            let render = self.render_ms.get_value() + self.occasional_ms.get_value() / 4.0;
            let budget_ms = budget(render, self.cap_ms.get_value());
            let frame = Tick { started, budget_ms, reduced_motion: self.reduced_motion.get_value() };
            let more = (work.borrow_mut())(&frame);
            if more && self.looping.try_get_value().is_some() {
                self.schedule();
            } else {
                self.looping.try_set_value(false);
                self.last_started.try_set_value(None);
            }
        });
    }

    /// Keeps the loop running whenever `on` (read reactively: playing, training…) is true.
    pub fn run_while(self, on: impl Fn() -> bool + 'static) {
        Effect::new(move |_| {
            if on() {
                self.ensure();
            }
        });
    }

    /// Runs the lab's per-frame drawing and counts its time against the work's budget.
    pub fn measure_render<R>(self, draw: impl FnOnce() -> R) -> R {
        Self::measure(self.render_ms, draw)
    }

    /// Runs drawing done a few times a second; a quarter of its time counts per frame.
    pub fn measure_occasional<R>(self, draw: impl FnOnce() -> R) -> R {
        Self::measure(self.occasional_ms, draw)
    }

    fn measure<R>(into: StoredValue<f64>, draw: impl FnOnce() -> R) -> R {
        let started = now_ms();
        let r = draw();
        if let Some(v) = into.try_get_value() {
            into.set_value(0.8 * v + 0.2 * (now_ms() - started));
        }
        r
    }
}

/// One job of a frame that runs while `on` is set: does `work` and clears `on` when `work`
/// answers that nothing is left (or could not run: the lab is gone).
pub fn advance_while(on: RwSignal<bool>, work: impl FnOnce() -> Option<bool>) {
    if on.get_untracked() && !work().unwrap_or(false) {
        on.set(false);
    }
}

/// The visitor's `prefers-reduced-motion: reduce`, read once per lab.
fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_is_what_drawing_leaves_within_bounds() {
        assert_eq!(budget(0.0, MAX_WORK_MS), MAX_WORK_MS);
        assert_eq!(budget(3.0, MAX_WORK_MS), 5.0);
        assert_eq!(budget(20.0, MAX_WORK_MS), MIN_WORK_MS);
        // The ceiling from late frames wins over what drawing leaves.
        assert_eq!(budget(0.0, 2.5), 2.5);
        assert_eq!(budget(0.0, 0.2), MIN_WORK_MS);
    }

    #[test]
    fn late_frames_shrink_the_ceiling_and_frames_on_time_regrow_it() {
        // 6 → 4.5 → 3.375 after two missed refreshes (33 ms apart at 60 Hz).
        let cap = next_cap(next_cap(MAX_WORK_MS, 33.3), 33.3);
        assert!((cap - 3.375).abs() < 1e-12, "{cap}");
        // Never below the floor however slow the machine.
        let floor = (0..50).fold(MAX_WORK_MS, |c, _| next_cap(c, 50.0));
        assert_eq!(floor, MIN_WORK_MS);
        // On time (16.7 ms): back up by 0.1 ms a frame, to the ceiling and no further.
        assert!((next_cap(3.375, 16.7) - 3.475).abs() < 1e-12);
        let regrown = (0..100).fold(MIN_WORK_MS, |c, _| next_cap(c, 16.7));
        assert_eq!(regrown, MAX_WORK_MS);
    }
}
