//! The one stepping contract: every animated model advances by units of work, reports its
//! progress, ends, and ignores steps once it has ended; `step_within` drives any of them.

mod common;

use std::cell::Cell;

use common::{curve_trainer as trainer, run_to_end};

use perplexed_core::cluster::kmeans::{Init, KMeans, KMeansParams, KSweep};
use perplexed_core::data::curve::{generate_curve, CurveFunction, CurveParams};
use perplexed_core::data::dataset::{generate, DataParams, DatasetKind, Problem};
use perplexed_core::rng::Rng;
use perplexed_core::stepping::{step_within, Progress, Stepping};
use perplexed_core::train::early_stop::{EarlyStopRun, EarlyStopping};
use perplexed_core::train::search::{CellSearch, GridSearch, PolyObjective, RandomSearch, SearchRange, SearchRun};
use perplexed_core::train::trainer::{EpochOutcome, Trainer};
use perplexed_core::tree::boosting::{BoostingParams, GradientBoosting};
use perplexed_core::tree::cart::TreeParams;
use perplexed_core::tree::forest::{ForestParams, RandomForest};
use perplexed_core::tree::grower::TreeGrower;

/// Two moons, 120 points, as (x, n_features = 2, y).
fn moons() -> (Vec<f32>, Vec<f32>) {
    let d = generate(&DataParams { kind: DatasetKind::Moons, points: 120, noise: 0.2, seed: 4 }).unwrap();
    (d.points, d.targets)
}

#[test]
fn step_within_follows_the_callers_clock() {
    let (x, y) = moons();
    let mut g = TreeGrower::new(&x, 2, &y, &TreeParams::default()).unwrap();
    let clock = Cell::new(0.0);
    // Every call of the clock advances it 4 ms: the start, then one reading after each step.
    let now = || {
        let t = clock.get();
        clock.set(t + 4.0);
        t
    };
    assert_eq!(step_within(&mut g, 100, 10.0, &now), 3, "4, 8, 12 ms: the third step passes 10 ms");
    assert_eq!(g.progress(), Progress { done: 3, total: None });
    assert_eq!(step_within(&mut g, 2, 1e9, &now), 2, "max_steps caps a frame");
    let taken = step_within(&mut g, usize::MAX, f64::INFINITY, &now);
    assert!(g.done());
    assert_eq!(g.progress().done, 5 + taken);
    assert_eq!(step_within(&mut g, 10, 1e9, &now), 0, "nothing to do once done");
}

#[test]
fn the_tree_grower_steps_split_by_split() {
    let (x, y) = moons();
    let mut g = TreeGrower::new(&x, 2, &y, &TreeParams { max_depth: Some(4), ..TreeParams::default() }).unwrap();
    let splits = run_to_end(&mut g, 1000);
    assert_eq!(g.tree().n_leaves(), splits + 1, "every split adds one leaf");
}

#[test]
fn the_forest_steps_tree_by_tree() {
    let (x, y) = moons();
    let p = ForestParams { n_trees: 6, ..ForestParams::default() };
    let mut f = RandomForest::new(&x, 2, &y, &p).unwrap();
    assert_eq!(f.progress(), Progress { done: 0, total: Some(6) });
    assert_eq!(run_to_end(&mut f, 100), 6);
}

#[test]
fn boosting_steps_round_by_round() {
    let (x, y) = moons();
    let p = BoostingParams { problem: Problem::Classification, rounds: 7, ..BoostingParams::default() };
    let mut b = GradientBoosting::new(&x, 2, &y, &p).unwrap();
    assert_eq!(run_to_end(&mut b, 100), 7);
    assert_eq!(b.progress(), Progress { done: 7, total: Some(7) });
}

#[test]
fn k_means_steps_move_by_move_until_it_converges() {
    let (x, _) = moons();
    let mut k = KMeans::new(&x, 2, 3, Init::PlusPlus, &mut Rng::new(9)).unwrap();
    let moves = run_to_end(&mut k, 1000);
    assert!(k.converged());
    assert_eq!(k.moves().len(), moves);
}

#[test]
fn the_k_sweep_steps_restart_by_restart() {
    let (x, _) = moons();
    let p = KMeansParams { n_init: 3, ..KMeansParams::default() };
    let mut s = KSweep::new(&x, 2, 4, &p, 50).unwrap();
    assert_eq!(s.progress(), Progress { done: 0, total: Some(12) });
    assert_eq!(run_to_end(&mut s, 100), 12);
    assert_eq!(s.points().len(), 4);
}

#[test]
fn searches_step_try_by_try() {
    let d = generate_curve(&CurveParams { function: CurveFunction::Sine, points: 40, noise: 0.2, seed: 3 }).unwrap();
    let objective = PolyObjective::kfold(&d.x, &d.y, 4, 1).unwrap();
    let grid = GridSearch::new(vec![1.0, 3.0, 5.0], vec![1e-3, 1e-1]).unwrap();
    let mut run = SearchRun { search: grid, objective: objective.clone() };
    assert_eq!(run_to_end(&mut run, 100), 6);
    assert_eq!(run.search.cells().len(), 6);
    let random = RandomSearch::new(SearchRange::linear(0.0, 8.0), SearchRange::log(1e-4, 1.0), 5, 2).unwrap();
    let mut run = SearchRun { search: random, objective };
    assert_eq!(run_to_end(&mut run, 100), 5);
    assert!(run.search.best().is_some());
    // Chosen at run time (a page's grid-or-random switch): the same tries, the same best.
    let boxed: Box<dyn CellSearch> = Box::new(GridSearch::new(vec![1.0, 3.0, 5.0], vec![1e-3, 1e-1]).unwrap());
    let mut dynamic = SearchRun { search: boxed, objective: PolyObjective::kfold(&d.x, &d.y, 4, 1).unwrap() };
    let grid = GridSearch::new(vec![1.0, 3.0, 5.0], vec![1e-3, 1e-1]).unwrap();
    let mut fixed = SearchRun { search: grid, objective: PolyObjective::kfold(&d.x, &d.y, 4, 1).unwrap() };
    assert_eq!(run_to_end(&mut dynamic, 100), run_to_end(&mut fixed, 100));
    assert_eq!(dynamic.search.tried_cells(), fixed.search.cells());
    assert_eq!(dynamic.search.best_cell(), fixed.search.best());
    assert_eq!(dynamic.progress(), Progress { done: 6, total: Some(6) });
}

#[test]
fn a_trainer_steps_epoch_by_epoch_and_ends_only_by_diverging() {
    let mut t = trainer(&[4], 1, 0.01);
    for e in 1..=3 {
        t.step();
        assert_eq!(t.progress(), Progress { done: e, total: None });
    }
    assert!(!t.done());
    // A learning rate of 10 on MSE sends the loss to the runaway guard.
    let mut wild = trainer(&[8, 8], 1, 10.0);
    run_to_end(&mut wild, 5000);
    assert!(wild.diverged());
}

/// The loop the overfitting page ran before `EarlyStopRun` existed, as a reference.
fn hand_loop(mut t: Trainer, mut es: EarlyStopping, max_epochs: usize) -> (Trainer, EarlyStopping, Option<usize>) {
    es.observe_trainer(&t);
    let mut stopped_at = None;
    while stopped_at.is_none() {
        if t.epoch() >= max_epochs || t.step_epoch() == EpochOutcome::Diverged {
            stopped_at = Some(t.epoch());
            break;
        }
        es.observe_trainer(&t);
        if es.should_stop() {
            stopped_at = Some(t.epoch());
        }
    }
    (t, es, stopped_at)
}

#[test]
fn an_early_stop_run_stops_where_the_hand_written_loop_stopped() {
    let (t, es, stopped) = hand_loop(trainer(&[32, 32], 1, 0.01), EarlyStopping::new(20).unwrap(), 2000);
    let mut run = EarlyStopRun::new(trainer(&[32, 32], 1, 0.01), EarlyStopping::new(20).unwrap(), 2000);
    assert_eq!(run.progress(), Progress { done: 0, total: Some(2000) });
    // In frames of 7 epochs, as the page asks for them.
    let mut frames = 0;
    while run.train_epochs(7) {
        frames += 1;
        assert!(frames < 1000);
    }
    assert!(run.is_over() && run.done());
    assert_eq!(run.stopped_at(), stopped);
    let best = es.best_epoch().unwrap();
    assert_eq!(run.stopper().best_epoch(), Some(best));
    assert_eq!(stopped, Some(best + 20), "stops `patience` epochs after the best");
    assert_eq!(run.trainer().mlp().params(), t.mlp().params(), "bit for bit the same run");
    assert!(!run.train_epochs(5), "nothing more once stopped");
    assert_eq!(run.trainer().epoch(), t.epoch());
    // Rolling back ends the run with the best parameters.
    run.restore_best().unwrap();
    assert!(run.restored());
    assert_eq!(run.trainer().mlp().params(), es.best_params().unwrap());
}

#[test]
fn an_early_stop_run_ends_at_max_epochs_and_can_be_restored_early() {
    // Patience far beyond the budget: the epoch limit ends the run, one call after the last
    // epoch (that call trains nothing and records the stop).
    let mut run = EarlyStopRun::new(trainer(&[4], 2, 0.01), EarlyStopping::new(10_000).unwrap(), 12);
    let steps = run_to_end(&mut run, 100);
    assert_eq!(steps, 13);
    assert_eq!(run.stopped_at(), Some(12));
    assert_eq!(run.progress(), Progress { done: 12, total: Some(12) });

    // Restoring mid-run ends it; restoring before any finite loss is an error and changes nothing.
    let mut run = EarlyStopRun::new(trainer(&[4], 2, 0.01), EarlyStopping::new(50).unwrap(), 500);
    assert!(run.train_epochs(5));
    run.restore_best().unwrap();
    assert!(run.done() && run.stopped_at().is_none());
    let epoch = run.trainer().epoch();
    run.step();
    assert_eq!(run.trainer().epoch(), epoch);
}
