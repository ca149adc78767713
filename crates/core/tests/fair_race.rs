//! The fair race: every optimizer at every rate, judged at its best; a diverged run never wins.

use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::stepping::Stepping;
use perplexed_core::train::fair_race::{FairRace, Winner, FAIR_EPOCHS, FAIR_RATES};

#[test]
fn each_optimizer_is_judged_at_its_best_rate_and_the_lowest_best_wins() {
    let mut race = FairRace::new(&[OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::Sgd]).unwrap();
    assert_eq!(race.kinds, vec![OptimizerKind::Sgd, OptimizerKind::Adam], "a repeated optimizer races once");
    assert_eq!(race.total(), 2 * FAIR_RATES.len());
    assert!(race.winner().is_none());
    while !race.done() {
        race.step();
    }
    assert_eq!(race.runs_done(), race.total());
    for i in 0..2 {
        let (j, best) = race.best(i).expect("some rate trains");
        for r in race.results[i].iter().map(|r| r.unwrap()) {
            assert!(best <= r, "best {best} above another rate's {r}");
        }
        // The kept curve is the best rate's run: the loss before training, then one per epoch,
        // ending at its loss.
        assert_eq!(race.best_curves[i].len(), FAIR_EPOCHS + 1);
        assert_eq!(race.best_curves[i].last().copied(), Some(best));
        assert_eq!(race.results[i][j], Some(best));
    }
    let w = race.winner().unwrap();
    let (sgd, adam) = (race.best(0).unwrap().1, race.best(1).unwrap().1);
    assert_eq!(w.loss, sgd.min(adam));
    // Plain SGD at rate 0.001 barely moves in 40 epochs; tuned, it is no longer hopeless.
    assert!(race.results[0][0].unwrap() > sgd + 0.05, "{:?}", race.results[0]);
}

/// Hand-filled results: optimizer 0 has {0.5, ∞, 0.2, …}, optimizer 1 {0.3, 0.1, ∞ …}. Best of 0 is
/// 0.2 at rate index 2, best of 1 is 0.1 at index 1, so 1 wins at rate FAIR_RATES[1] = 0.003;
/// the diverged runs (∞) are never anyone's best.
#[test]
fn the_winner_is_the_lowest_finite_best() {
    let mut race = FairRace::new(&[OptimizerKind::Sgd, OptimizerKind::Momentum]).unwrap();
    let inf = f32::INFINITY;
    race.results[0] = vec![Some(0.5), Some(inf), Some(0.2), Some(0.4), Some(inf), Some(inf)];
    race.results[1] = vec![Some(0.3), Some(0.1), Some(inf), Some(inf), Some(inf), Some(inf)];
    assert_eq!(race.best(0), Some((2, 0.2)));
    assert_eq!(race.best(1), Some((1, 0.1)));
    assert!(race.winner().is_none(), "no verdict before every run is done");
    while !race.done() {
        // Steps run for real and overwrite; put the hand-filled rows back once all have run.
        race.step();
    }
    race.results[0] = vec![Some(0.5), Some(inf), Some(0.2), Some(0.4), Some(inf), Some(inf)];
    race.results[1] = vec![Some(0.3), Some(0.1), Some(inf), Some(inf), Some(inf), Some(inf)];
    assert_eq!(race.winner(), Some(Winner { optimizer: 1, rate: 0.003, loss: 0.1 }));
    race.results[1] = vec![Some(inf); 6];
    assert_eq!(race.winner().map(|w| w.optimizer), Some(0), "an optimizer that always diverged cannot win");
}

#[test]
fn a_race_without_optimizers_is_refused() {
    assert!(FairRace::new(&[]).is_err());
}
