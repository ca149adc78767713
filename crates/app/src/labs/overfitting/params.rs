//! The Overfitting lab's settings: what its controls write, its reset, its address.

use perplexed_core::data::curve::CurveFunction;

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed, settle_split};

/// Ridge strengths offered by the λ slider (0 = plain least squares).
pub const LAMBDAS: [f32; 9] = [0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0];
/// The λ axis of the grid search (log-spaced; 0 cannot sit on a log axis).
pub const SEARCH_LAMBDAS: [f32; 8] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0];

perplexed_core::slug_enum! {
    /// How the search picks the cells it tries.
    pub enum SearchKind {
        Grid => "grid",
        Random => "random",
    }
}
by_slug!(SearchKind);

lab_params! {
    pub struct OverfitParams {
        function: CurveFunction = CurveFunction::Sine, CurveFunction::from_slug;
        points: usize = 30, int_in(5, 500);
        /// Percent of the function's range, 0–100.
        noise: u32 = 20, int_in(0, 100);
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        degree: usize = 3, int_in(0, 20);
        lambda: f32 = 0.0, float_in(0.0, 10.0);
        seed: u32 = 1, seed;
        show_test: bool = false, boolean;
        /// Early-stopping patience, in epochs.
        patience: usize = 30, int_in(1, 200);
        search: SearchKind = SearchKind::Grid, SearchKind::from_slug;
        /// 0 = score on the validation split; 2–10 = k-fold cross-validation on train + validation.
        folds: usize = 0, |s| int_in(0, 10)(s).filter(|v: &usize| *v != 1);
    }
    settle(p, q) { settle_split(q, p.train, &mut p.val, Self::default().val) }
}

impl OverfitParams {
    /// The data changed (everything downstream is rebuilt).
    pub fn data_changed(&self, old: &Self) -> bool {
        (self.function, self.points, self.noise, self.seed, self.train, self.val)
            != (old.function, old.points, old.noise, old.seed, old.train, old.val)
    }

}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    #[test]
    fn round_trip_and_rejections() {
        let p = OverfitParams {
            function: CurveFunction::Step,
            points: 120,
            noise: 45,
            train: 50,
            val: 30,
            degree: 17,
            lambda: 0.001,
            seed: 9,
            show_test: true,
            patience: 12,
            search: SearchKind::Random,
            folds: 5,
        };
        assert_round_trip(&p);
        let (q, names) = read_query::<OverfitParams>("degree=21&folds=1&function=cosine&lambda=-1");
        assert_eq!(q, OverfitParams::default());
        assert_eq!(names, ["degree", "folds", "function", "lambda"]);
    }

    #[test]
    fn data_changes_are_told_apart_from_model_changes() {
        let a = OverfitParams::default();
        assert!(!OverfitParams { degree: 9, ..a.clone() }.data_changed(&a));
        assert!(OverfitParams { noise: 50, ..a.clone() }.data_changed(&a));
    }
}
