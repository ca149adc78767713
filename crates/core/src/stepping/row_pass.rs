//! # A row pass: a picture computed a band of rows per frame
//!
//! A picture of the plane (a model's heatmap) recomputed a band of rows per frame, so a costly
//! model spreads its grid over several frames instead of stalling one. The band adapts: it
//! doubles while a band takes under 0.5 ms and halves above 2 ms, so each frame does about as
//! much as its budget allows. A model that changes mid-pass marks the picture stale; the next
//! pass starts when the current one ends (the picture is never half old, half new for long).

use std::ops::Range;

/// Where the current pass is, and whether another is due.
#[derive(Debug, Clone)]
pub struct RowPass {
    next: usize,
    band: usize,
    running: bool,
    stale: bool,
}

impl Default for RowPass {
    fn default() -> Self {
        RowPass { next: 0, band: 8, running: false, stale: true }
    }
}

impl RowPass {
    /// The picture no longer shows the model: a pass is due.
    pub fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Drops the pass under way (the model is gone or replaced); one starts again when due.
    pub fn cancel(&mut self) {
        self.next = 0;
        self.running = false;
    }

    /// Starts a pass if one is due and none is under way; true if it just started (the caller
    /// may size its buffers for the new model then).
    pub fn begin(&mut self) -> bool {
        if self.stale && self.next == 0 {
            self.stale = false;
            self.running = true;
            return true;
        }
        false
    }

    /// Work is left: a pass under way, or one due.
    pub fn busy(&self) -> bool {
        self.running || self.stale
    }

    /// Hands `work` bands of rows out of `rows` until the pass ends or `budget_ms` (by `now`)
    /// is spent, starting a pass first if one is due. Returns true when no pass is under way.
    pub fn advance(&mut self, rows: usize, budget_ms: f64, now: &dyn Fn() -> f64, mut work: impl FnMut(Range<usize>)) -> bool {
        self.begin();
        if !self.running {
            return true;
        }
        let start = now();
        let mut band = self.band.max(1);
        while self.next < rows {
            let t0 = now();
            let end = (self.next + band).min(rows);
            work(self.next..end);
            self.next = end;
            let took = now() - t0;
            if took < 0.5 && band < rows {
                band *= 2;
            } else if took > 2.0 && band > 1 {
                band /= 2;
            }
            if now() - start >= budget_ms {
                break;
            }
        }
        self.band = band;
        if self.next >= rows {
            self.next = 0;
            self.running = false;
        }
        !self.running
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A clock that advances 1 ms per reading: bands stay between the 0.5 and 2 ms bounds.
    fn clock() -> impl Fn() -> f64 {
        let t = Cell::new(0.0);
        move || {
            t.set(t.get() + 1.0);
            t.get()
        }
    }

    #[test]
    fn a_pass_covers_every_row_once_across_frames() {
        let mut pass = RowPass::default();
        let now = clock();
        let mut seen = vec![0u32; 100];
        let mut frames = 0;
        while pass.busy() {
            pass.advance(100, 3.0, &now, |r| r.for_each(|i| seen[i] += 1));
            frames += 1;
            assert!(frames < 100, "the pass never ends");
        }
        assert!(frames > 1, "a 3 ms budget spreads 100 rows over frames");
        assert!(seen.iter().all(|&c| c == 1), "{seen:?}");
        assert!(pass.advance(100, 3.0, &now, |_| panic!("no pass is due")));
    }

    #[test]
    fn a_change_mid_pass_waits_for_the_pass_to_end_then_starts_another() {
        let mut pass = RowPass::default();
        let now = clock();
        let mut rows = 0;
        pass.advance(100, 3.0, &now, |r| rows += r.len());
        assert!(pass.busy() && rows < 100);
        pass.invalidate();
        assert!(!pass.begin(), "no new pass while one is under way");
        while !pass.advance(100, 3.0, &now, |r| rows += r.len()) {}
        assert_eq!(rows, 100);
        assert!(pass.busy(), "the change is still owed a pass");
        assert!(pass.begin());
        pass.cancel();
        assert!(!pass.busy());
    }
}
