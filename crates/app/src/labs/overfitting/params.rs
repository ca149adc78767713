//! The Overfitting lab's settings: what its controls write, its reset, its address.

use perplexed_core::data::curve::CurveFunction;

use crate::query::{LabParams, boolean, int_in, short_float, QueryReader};

/// Ridge strengths offered by the λ slider (0 = plain least squares).
pub const LAMBDAS: [f32; 9] = [0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0];
/// The λ axis of the grid search (log-spaced; 0 cannot sit on a log axis).
pub const SEARCH_LAMBDAS: [f32; 8] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0];

/// How the search picks the cells it tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Grid,
    Random,
}

impl SearchKind {
    pub fn slug(self) -> &'static str {
        match self {
            SearchKind::Grid => "grid",
            SearchKind::Random => "random",
        }
    }
    pub fn from_slug(s: &str) -> Option<Self> {
        [SearchKind::Grid, SearchKind::Random].into_iter().find(|k| k.slug() == s)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OverfitParams {
    pub function: CurveFunction,
    pub points: usize,
    /// Percent of the function's range, 0–100.
    pub noise: u32,
    pub train: u32,
    pub val: u32,
    pub degree: usize,
    pub lambda: f32,
    pub seed: u32,
    pub show_test: bool,
    /// Early-stopping patience, in epochs.
    pub patience: usize,
    pub search: SearchKind,
    /// 0 = score on the validation split; 2–10 = k-fold cross-validation on train + validation.
    pub folds: usize,
}

impl Default for OverfitParams {
    fn default() -> Self {
        Self {
            function: CurveFunction::Sine,
            points: 30,
            noise: 20,
            train: 60,
            val: 20,
            degree: 3,
            lambda: 0.0,
            seed: 1,
            show_test: false,
            patience: 30,
            search: SearchKind::Grid,
            folds: 0,
        }
    }
}

impl OverfitParams {
    /// The data changed (everything downstream is rebuilt).
    pub fn data_changed(&self, old: &Self) -> bool {
        (self.function, self.points, self.noise, self.seed, self.train, self.val)
            != (old.function, old.points, old.noise, old.seed, old.train, old.val)
    }

}

impl LabParams for OverfitParams {
    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("function", self.function.slug().to_owned()),
            ("points", self.points.to_string()),
            ("noise", self.noise.to_string()),
            ("train", self.train.to_string()),
            ("val", self.val.to_string()),
            ("degree", self.degree.to_string()),
            ("lambda", short_float(self.lambda)),
            ("seed", self.seed.to_string()),
            ("show_test", self.show_test.to_string()),
            ("patience", self.patience.to_string()),
            ("search", self.search.slug().to_owned()),
            ("folds", self.folds.to_string()),
        ]
    }

    fn from_query(q: &mut QueryReader) -> Self {
        let d = Self::default();
        let function = q.read("function", d.function, CurveFunction::from_slug);
        let points = q.read("points", d.points, |s| int_in(5, 500)(s).map(|v| v as usize));
        let noise = q.read("noise", d.noise, |s| int_in(0, 100)(s).map(|v| v as u32));
        let train = q.read("train", d.train, |s| int_in(1, 100)(s).map(|v| v as u32));
        let val = q.read("val", d.val.min(100 - train), |s| int_in(0, 100 - train as i64)(s).map(|v| v as u32));
        let degree = q.read("degree", d.degree, |s| int_in(0, 20)(s).map(|v| v as usize));
        let lambda = q.read("lambda", d.lambda, |s| {
            s.parse::<f32>().ok().filter(|v| v.is_finite() && (0.0..=10.0).contains(v))
        });
        let seed = q.read("seed", d.seed, |s| s.parse::<u32>().ok());
        let show_test = q.read("show_test", d.show_test, boolean);
        let patience = q.read("patience", d.patience, |s| int_in(1, 200)(s).map(|v| v as usize));
        let search = q.read("search", d.search, SearchKind::from_slug);
        let folds = q.read("folds", d.folds, |s| int_in(0, 10)(s).filter(|v| *v != 1).map(|v| v as usize));
        Self { function, points, noise, train, val, degree, lambda, seed, show_test, patience, search, folds }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{parse_query, write_query};

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
        let mut r = QueryReader::new(parse_query(&write_query(&p.to_query())));
        assert_eq!(OverfitParams::from_query(&mut r), p);
        assert!(r.rejected.is_empty());
        let mut r = QueryReader::new(parse_query("degree=21&folds=1&function=cosine&lambda=-1"));
        let q = OverfitParams::from_query(&mut r);
        assert_eq!(q, OverfitParams::default());
        let mut names: Vec<_> = r.rejected.iter().map(|x| x.name.as_str()).collect();
        names.sort();
        assert_eq!(names, ["degree", "folds", "function", "lambda"]);
    }

    #[test]
    fn data_changes_are_told_apart_from_model_changes() {
        let a = OverfitParams::default();
        assert!(!OverfitParams { degree: 9, ..a.clone() }.data_changed(&a));
        assert!(OverfitParams { noise: 50, ..a.clone() }.data_changed(&a));
    }
}
