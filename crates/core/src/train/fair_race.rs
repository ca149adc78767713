//! # A fair race of optimizers: tune each one over several seeds, then judge
//!
//! Comparing optimizers at one shared learning rate judges the rate, not the optimizer: plain
//! SGD at a rate tuned for Adam crawls, Adam at a rate tuned for SGD may diverge. The fair race
//! gives every optimizer the same network and data, tries each at every rate of its grid (which
//! starts as [`FAIR_RATES`], a log grid, ×√10 ≈ 3.16 per stop rounded to 1 and 3), and judges
//! each at its **best** rate only. The network is the Playground's (two inputs, tanh layers of 8
//! and 4) on 200 two-moons points with 20 % noise, split 60 / 40; `L_val` is the validation
//! cross-entropy after [`FAIR_EPOCHS`] epochs.
//!
//! **Seeds.** One seed decides a run's initial weights and batch order, and one run can be lucky.
//! Every cell (optimizer o, rate η) is therefore trained with the [`FAIR_SEEDS`] seeds
//! `s = 1 … S` (S = 5; the data stay fixed). A run that diverges (or ends non-finite) counts as
//! diverged; over the `n` seeds that did not, with final losses `x₁ … xₙ`:
//!
//! ```text
//! mean = (x₁ + … + xₙ) / n
//! sd   = √( Σ (xₖ − mean)² / (n − 1) )       (sample standard deviation; 0 when n = 1)
//! ```
//!
//! A cell is **eligible** once all S seeds ran and none diverged. An optimizer's best rate is
//! its eligible cell with the lowest mean; a cell where any seed diverged never is.
//!
//! **The edge.** A best rate at the first or last rate tried so far may only mean the grid
//! stopped too early. Then the optimizer's grid grows by one stop beyond that edge
//! ([`FAIR_EXTENSIONS_DOWN`]: 0.0003 then 0.0001; [`FAIR_EXTENSIONS_UP`]: 1 then 3), at most
//! [`FAIR_MAX_EXTENSIONS`] per side and never outside [`FAIR_RATE_LIMITS`], and the new cell is
//! trained before that optimizer is done. [`total`](FairRace::total) counts the runs of the
//! grids as they stand, so it grows with each extension and never falls below the runs done.
//!
//! **The verdict.** With `b` the optimizer of lowest best mean and `r` the runner-up (second
//! lowest), `b` wins only if
//!
//! ```text
//! mean_r − mean_b > max(sd_b, sd_r)
//! ```
//!
//! i.e. by more than the larger spread; otherwise it is a tie between `b` and every optimizer
//! `o` with `mean_o − mean_b ≤ max(sd_b, sd_o)`. An optimizer without an eligible cell takes no
//! part; one alone with an eligible cell wins. See [`judge`].
//!
//! One [`step`](Stepping::step) is one training run (one seed of one cell), optimizer by
//! optimizer, so a page spreads the race over frames. Everything is seeded: the same race gives
//! the same numbers.

use crate::data::dataset::{generate, DataParams, Dataset, DatasetKind};
use crate::data::features::Feature;
use crate::data::split::Split;
use crate::error::ParamError;
use crate::nn::activation::Activation;
use crate::nn::loss::{Loss, Regularization};
use crate::optim::optimizers::OptimizerKind;
use crate::stepping::{Progress, Stepping};
use crate::train::trainer::{EpochOutcome, TrainConfig, Trainer};

/// The learning rates every optimizer starts with.
pub const FAIR_RATES: [f32; 6] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
/// The stops tried, in order, when the best rate is the grid's lowest.
pub const FAIR_EXTENSIONS_DOWN: [f32; 2] = [0.0003, 0.0001];
/// The stops tried, in order, when the best rate is the grid's highest.
pub const FAIR_EXTENSIONS_UP: [f32; 2] = [1.0, 3.0];
/// Extensions per side, at most.
pub const FAIR_MAX_EXTENSIONS: usize = 2;
/// No rate outside this interval is ever tried.
pub const FAIR_RATE_LIMITS: (f32, f32) = (1e-5, 3.0);
/// Epochs per run.
pub const FAIR_EPOCHS: usize = 40;
/// Seeds per cell (optimizer × rate).
pub const FAIR_SEEDS: usize = 5;

/// The runs of one cell (optimizer × rate) so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// Final validation loss of each seed run so far, in seed order (`∞` if it diverged).
    pub losses: Vec<f32>,
    /// Validation loss per epoch of each seed that did not diverge.
    pub curves: Vec<Vec<f32>>,
}

impl Cell {
    /// Mean, spread and divergences of the runs so far.
    pub fn stats(&self) -> CellStats {
        CellStats::of(&self.losses)
    }

    /// Every seed ran.
    pub fn complete(&self) -> bool {
        self.losses.len() >= FAIR_SEEDS
    }

    /// Complete and no seed diverged: it may be its optimizer's best.
    pub fn eligible(&self) -> bool {
        self.complete() && self.stats().diverged == 0
    }

    /// The mean validation curve over the seeds that did not diverge (empty if none).
    pub fn mean_curve(&self) -> Vec<f32> {
        let len = self.curves.iter().map(Vec::len).min().unwrap_or(0);
        (0..len)
            .map(|k| (self.curves.iter().map(|c| c[k] as f64).sum::<f64>() / self.curves.len() as f64) as f32)
            .collect()
    }
}

/// A cell's summary: the mean and sample standard deviation of the final validation loss over
/// the runs that did not diverge, and how many runs there were and how many diverged.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CellStats {
    /// Mean over the finite runs; `∞` if there is none.
    pub mean: f32,
    /// Sample standard deviation (n − 1) over the finite runs; 0 with fewer than two.
    pub sd: f32,
    /// Runs so far.
    pub runs: usize,
    /// Runs that diverged (non-finite final loss).
    pub diverged: usize,
}

impl CellStats {
    /// The summary of final losses (non-finite ones count as diverged); computed in `f64`.
    pub fn of(losses: &[f32]) -> CellStats {
        let finite: Vec<f64> = losses.iter().filter(|v| v.is_finite()).map(|&v| v as f64).collect();
        let n = finite.len();
        let diverged = losses.len() - n;
        if n == 0 {
            return CellStats { mean: f32::INFINITY, sd: 0.0, runs: losses.len(), diverged };
        }
        let mean = finite.iter().sum::<f64>() / n as f64;
        let sd = if n < 2 { 0.0 } else { (finite.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() };
        CellStats { mean: mean as f32, sd: sd as f32, runs: losses.len(), diverged }
    }
}

/// The race's verdict, once every run is done.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// `optimizer` (index into `kinds`) at its best `rate` beats the runner-up by more than the
    /// larger of their two standard deviations; `runner_up` is `None` when no other optimizer
    /// has an eligible cell.
    Winner { optimizer: usize, rate: f32, mean: f32, sd: f32, runner_up: Option<usize> },
    /// No optimizer is ahead by more than the spread: the best and all within that margin of it,
    /// lowest mean first.
    Tie { optimizers: Vec<usize> },
}

/// The verdict over each optimizer's best `(rate, stats)` (`None`: no eligible cell): see the
/// module doc for the margin rule. `None` if no optimizer has a best.
pub fn judge(bests: &[Option<(f32, CellStats)>]) -> Option<Verdict> {
    let mut ranked: Vec<(usize, f32, CellStats)> =
        bests.iter().enumerate().filter_map(|(i, b)| b.map(|(rate, s)| (i, rate, s))).collect();
    ranked.sort_by(|a, b| a.2.mean.total_cmp(&b.2.mean).then(a.0.cmp(&b.0)));
    let &(optimizer, rate, best) = ranked.first()?;
    let within = |s: &CellStats| s.mean - best.mean <= best.sd.max(s.sd);
    match ranked.get(1) {
        Some((_, _, runner_up)) if within(runner_up) => {
            Some(Verdict::Tie { optimizers: ranked.iter().filter(|r| within(&r.2)).map(|r| r.0).collect() })
        }
        runner_up => Some(Verdict::Winner { optimizer, rate, mean: best.mean, sd: best.sd, runner_up: runner_up.map(|r| r.0) }),
    }
}

/// The rate to add to a grid (`rates`, ascending) whose best cell is at index `best`: one stop
/// beyond the edge it sits on, if it sits on one, that side has had fewer than
/// [`FAIR_MAX_EXTENSIONS`] and the stop lies within [`FAIR_RATE_LIMITS`]. `None` otherwise.
pub fn extension(rates: &[f32], best: Option<usize>) -> Option<f32> {
    let best = best?;
    let (lo, hi) = FAIR_RATE_LIMITS;
    let next = |stops: &[f32], taken: usize| stops.get(taken).copied().filter(|_| taken < FAIR_MAX_EXTENSIONS);
    let candidate = if best + 1 == rates.len() {
        next(&FAIR_EXTENSIONS_UP, rates.iter().filter(|&&r| r > FAIR_RATES[FAIR_RATES.len() - 1]).count())
    } else if best == 0 {
        next(&FAIR_EXTENSIONS_DOWN, rates.iter().filter(|&&r| r < FAIR_RATES[0]).count())
    } else {
        None
    };
    candidate.filter(|r| (lo..=hi).contains(r) && !rates.contains(r))
}

/// The race: its optimizers, each one's grid of rates and cells, and the mean validation curve
/// of each one's best cell.
#[derive(Debug, Clone)]
pub struct FairRace {
    /// The optimizers, each once, in the order given.
    pub kinds: Vec<OptimizerKind>,
    /// `cells[optimizer][k]`: the runs at rate `rates(optimizer)[k]`.
    pub cells: Vec<Vec<Cell>>,
    /// Mean validation loss per epoch (over its seeds) of each optimizer's best cell so far
    /// (empty until one is eligible).
    pub best_curves: Vec<Vec<f32>>,
    rates: Vec<Vec<f32>>,
    runs_done: usize,
    data: Dataset,
    split: Split,
}

impl FairRace {
    /// A race between `kinds` (repeats count once), nothing run yet.
    pub fn new(kinds: &[OptimizerKind]) -> Result<FairRace, ParamError> {
        let mut unique: Vec<OptimizerKind> = Vec::new();
        for &k in kinds {
            if !unique.contains(&k) {
                unique.push(k);
            }
        }
        if unique.is_empty() {
            return Err(ParamError::too_few("optimizers", 1, 0));
        }
        let data = generate(&DataParams { kind: DatasetKind::Moons, points: 200, noise: 0.2, seed: 7 })?;
        let split = Split::new(&data.split_keys, 60, 40)?;
        Ok(FairRace {
            cells: vec![vec![Cell::default(); FAIR_RATES.len()]; unique.len()],
            best_curves: vec![Vec::new(); unique.len()],
            rates: vec![FAIR_RATES.to_vec(); unique.len()],
            kinds: unique,
            runs_done: 0,
            data,
            split,
        })
    }

    /// Optimizer `i`'s rates so far, ascending (empty for an unknown `i`).
    pub fn rates(&self, i: usize) -> &[f32] {
        self.rates.get(i).map_or(&[], Vec::as_slice)
    }

    /// Every rate some optimizer tried or will try, ascending, each once: the table's columns.
    pub fn all_rates(&self) -> Vec<f32> {
        let mut all: Vec<f32> = self.rates.iter().flatten().copied().collect();
        all.sort_by(f32::total_cmp);
        all.dedup();
        all
    }

    /// Optimizer `i`'s cell at `rate`, if its grid has that rate.
    pub fn cell(&self, i: usize, rate: f32) -> Option<&Cell> {
        let k = self.rates(i).iter().position(|&r| r == rate)?;
        self.cells.get(i)?.get(k)
    }

    /// Runs in all as the grids stand: Σ over optimizers of rates × [`FAIR_SEEDS`]. Grows when a
    /// grid is extended.
    pub fn total(&self) -> usize {
        self.rates.iter().map(Vec::len).sum::<usize>() * FAIR_SEEDS
    }

    /// Runs finished.
    pub fn runs_done(&self) -> usize {
        self.runs_done
    }

    /// `(index into rates(i), stats)` of optimizer `i`'s eligible cell with the lowest mean.
    pub fn best(&self, i: usize) -> Option<(usize, CellStats)> {
        self.cells
            .get(i)?
            .iter()
            .enumerate()
            .filter(|(_, c)| c.eligible())
            .map(|(k, c)| (k, c.stats()))
            .min_by(|a, b| a.1.mean.total_cmp(&b.1.mean))
    }

    /// The verdict ([`judge`] over every optimizer's best), once every run is done; `None` before,
    /// or if no optimizer has an eligible cell.
    pub fn winner(&self) -> Option<Verdict> {
        if !self.done() {
            return None;
        }
        let bests: Vec<Option<(f32, CellStats)>> =
            (0..self.kinds.len()).map(|i| self.best(i).map(|(k, s)| (self.rates[i][k], s))).collect();
        judge(&bests)
    }

    /// The next run: the first optimizer with an unfinished cell, that cell, and the seed.
    fn next_run(&self) -> Option<(usize, usize, u64)> {
        self.cells.iter().enumerate().find_map(|(i, row)| {
            let k = row.iter().position(|c| !c.complete())?;
            Some((i, k, row[k].losses.len() as u64 + 1))
        })
    }

    /// After optimizer `i`'s grid is complete: extend it if its best sits on an edge.
    fn extend(&mut self, i: usize) {
        if self.cells[i].iter().any(|c| !c.complete()) {
            return;
        }
        let Some(rate) = extension(&self.rates[i], self.best(i).map(|b| b.0)) else { return };
        let at = self.rates[i].partition_point(|&r| r < rate);
        self.rates[i].insert(at, rate);
        self.cells[i].insert(at, Cell::default());
    }

    /// The final validation loss of `kind` at `lr` with `seed` after [`FAIR_EPOCHS`], with its
    /// curve; `∞` and no curve if it diverged or could not start.
    fn run(&self, kind: OptimizerKind, lr: f32, seed: u64) -> (f32, Vec<f32>) {
        let cfg = TrainConfig {
            features: vec![Feature::X1, Feature::X2],
            hidden: vec![8, 4],
            activation: Activation::Tanh,
            loss: Loss::CrossEntropy,
            optimizer: kind,
            lr,
            batch: 10,
            reg: Regularization::None,
            reg_rate: 0.0,
            seed,
        };
        let Ok(mut t) = Trainer::new(&self.data, &self.split, &cfg) else { return (f32::INFINITY, Vec::new()) };
        for _ in 0..FAIR_EPOCHS {
            if t.step_epoch() == EpochOutcome::Diverged {
                return (f32::INFINITY, Vec::new());
            }
        }
        let curve = t.history().val_loss.clone();
        match curve.last() {
            Some(v) if v.is_finite() => (*v, curve),
            _ => (f32::INFINITY, Vec::new()),
        }
    }
}

impl Stepping for FairRace {
    /// One run: the next seed of the current cell (optimizer by optimizer, rate by rate); when an
    /// optimizer's grid is complete, it may grow by one rate at an edge.
    fn step(&mut self) {
        let Some((i, k, seed)) = self.next_run() else { return };
        let (loss, curve) = self.run(self.kinds[i], self.rates[i][k], seed);
        let cell = &mut self.cells[i][k];
        cell.losses.push(loss);
        if loss.is_finite() {
            cell.curves.push(curve);
        }
        self.runs_done += 1;
        if let Some((b, _)) = self.best(i) {
            self.best_curves[i] = self.cells[i][b].mean_curve();
        }
        self.extend(i);
    }
    fn done(&self) -> bool {
        self.next_run().is_none()
    }
    fn progress(&self) -> Progress {
        Progress { done: self.runs_done, total: Some(self.total()) }
    }
}
