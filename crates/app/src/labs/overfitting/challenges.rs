//! The Overfitting lab's challenges (see [`crate::components::challenges`]): the polynomial's
//! degree, the ridge penalty λ and the U-curve, each checked on the numbers the page shows.

use perplexed_core::linear::poly::Regime;

use super::engine::OverfitEngine;
use crate::i18n::Label;

crate::i18n::table! {
    OC;
    Overfit => "Overfit with the degree: get the verdict “Overfitting” with a validation error at least 10× the training error.",
               "התאמת יתר בעזרת הדרגה: הגיעו לאבחנה „התאמת יתר” עם שגיאת ולידציה גדולה פי 10 לפחות משגיאת האימון.";
    Ridge => "Tame a high degree with λ: with at most 30 points and at least 20 % noise, at degree ≥ 15, raise λ until the validation error is below 0.5.",
             "רסנו דרגה גבוהה בעזרת λ: עם 30 נקודות לכל היותר ורעש של 20% לפחות, בדרגה 15 ומעלה, הגדילו את λ עד ששגיאת הוולידציה יורדת מתחת ל-0.5.";
    Bottom => "Move the bottom of the U: with λ = 0, change the data until the best degree on validation is 8 or more, then set the degree to it.",
              "הזיזו את תחתית ה-U: עם λ = 0, שנו את הנתונים עד שהדרגה הטובה ביותר בוולידציה היא 8 לפחות, ואז קבעו את הדרגה עליה.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[OC::Overfit, OC::Ridge, OC::Bottom];

/// Most points, fewest percent of noise, for the λ goal: data on which a high degree runs wild.
pub const RIDGE_MAX_POINTS: usize = 30;
pub const RIDGE_MIN_NOISE: u32 = 20;

/// What the lab shows now, as the challenges read it: the settings the numbers were computed
/// for (the engine's own) and the numbers.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub points: usize,
    pub noise: u32,
    pub degree: usize,
    pub lambda: f32,
    /// The verdict under the fit; `None` when there are too few points to judge.
    pub regime: Option<Regime>,
    /// Training and validation MSE of the chosen degree (NaN without a fit).
    pub train_mse: f32,
    pub val_mse: f32,
    /// The degree with the lowest validation error on the U-curve.
    pub best: Option<usize>,
}

impl Now {
    /// Reads the engine: its settings and what it computed for them.
    pub fn of(e: &OverfitEngine) -> Now {
        let p = &e.params;
        let (train_mse, val_mse) = e.current.map_or((f32::NAN, f32::NAN), |c| (c.train_mse, c.val_mse));
        Now { points: p.points, noise: p.noise, degree: p.degree, lambda: p.lambda, regime: e.regime, train_mse, val_mse, best: e.best }
    }
}

/// Which goals the lab meets now (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    let finite = n.train_mse.is_finite() && n.val_mse.is_finite();
    let judged = finite && n.regime.is_some();
    let overfit = judged && n.regime == Some(Regime::Overfitting) && n.val_mse >= 10.0 * n.train_mse;
    let ridge = judged
        && n.points <= RIDGE_MAX_POINTS
        && n.noise >= RIDGE_MIN_NOISE
        && n.degree >= 15
        && n.lambda > 0.0
        && n.val_mse < 0.5;
    let bottom = judged && n.lambda == 0.0 && n.best.is_some_and(|b| b >= 8 && b == n.degree);
    u32::from(overfit) | u32::from(ridge) << 1 | u32::from(bottom) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::overfitting::params::OverfitParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// The lab from an address, its network trained `epochs` epochs as the page's play button
    /// does, and the challenges read off it.
    fn after(query: &str, epochs: usize) -> u32 {
        let mut reader = QueryReader::new(parse_query(query));
        let mut e = OverfitEngine::new(OverfitParams::from_query(&mut reader));
        assert!(reader.rejected.is_empty(), "{query}: {:?}", reader.rejected);
        let mut trained = 0;
        while trained < epochs && e.train_epochs(4) {
            trained += 4;
        }
        met(&Now::of(&e))
    }

    #[test]
    fn the_default_lab_meets_none() {
        assert_eq!(after("", 0), 0);
        assert_eq!(after("", 400), 0, "training the network changes none of the goals' numbers");
    }

    #[test]
    fn a_higher_degree_overfits() {
        // Degree 5 on the default 30 points: training error 0.06, validation error 0.78.
        assert_eq!(after("degree=5", 0), 1);
        // Degree 4 overfits too, but its validation error is under 10× its training error.
        assert_eq!(after("degree=4", 0), 0);
    }

    #[test]
    fn lambda_tames_degree_15() {
        assert_eq!(after("degree=15&lambda=10", 0) & 2, 2);
        // Without λ, or with too little, the validation error is far above 0.5.
        assert_eq!(after("degree=15", 0) & 2, 0);
        assert_eq!(after("degree=15&lambda=1", 0) & 2, 0);
        // More points make λ unnecessary: the goal asks for the default's few, noisy points.
        assert_eq!(after("degree=15&lambda=10&points=31", 0) & 2, 0);
    }

    #[test]
    fn more_points_move_the_bottom_of_the_u() {
        // 100 points: the validation error is lowest at degree 8.
        assert_eq!(after("points=100&degree=8", 0) & 4, 4);
        assert_eq!(after("points=100&degree=7", 0) & 4, 0, "the degree must sit at the bottom");
        assert_eq!(after("points=100&degree=8&lambda=0.001", 0) & 4, 0, "λ = 0 only");
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { points: 30, noise: 20, degree: 5, lambda: 0.0, regime: Some(Regime::Overfitting), train_mse: 0.05, val_mse: 0.5, best: Some(3) };
        assert_eq!(met(&base), 1);
        assert_eq!(met(&Now { val_mse: 0.49, ..base }), 0, "just under 10×");
        assert_eq!(met(&Now { regime: Some(Regime::AboutRight), ..base }), 0);
        assert_eq!(met(&Now { regime: None, ..base }), 0, "too few points to judge");
        assert_eq!(met(&Now { val_mse: f32::NAN, ..base }), 0);
        assert_eq!(met(&Now { train_mse: f32::INFINITY, val_mse: f32::INFINITY, ..base }), 0);
        let ridge = Now { degree: 15, lambda: 10.0, val_mse: 0.49, train_mse: 0.13, ..base };
        assert_eq!(met(&ridge), 2);
        assert_eq!(met(&Now { val_mse: 0.5, ..ridge }), 0);
        assert_eq!(met(&Now { degree: 14, ..ridge }), 0);
        assert_eq!(met(&Now { lambda: 0.0, ..ridge }), 0);
        assert_eq!(met(&Now { points: 31, ..ridge }), 0);
        assert_eq!(met(&Now { noise: 19, ..ridge }), 0);
        assert_eq!(met(&Now { regime: None, ..ridge }), 0);
        let bottom = Now { degree: 8, best: Some(8), regime: Some(Regime::AboutRight), train_mse: 0.13, val_mse: 0.11, ..base };
        assert_eq!(met(&bottom), 4);
        assert_eq!(met(&Now { degree: 7, best: Some(7), ..bottom }), 0, "7 is not 8 or more");
        assert_eq!(met(&Now { degree: 9, ..bottom }), 0);
        assert_eq!(met(&Now { lambda: 1e-6, ..bottom }), 0);
        assert_eq!(met(&Now { best: None, ..bottom }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(OC::ALL, &[]);
    }
}
