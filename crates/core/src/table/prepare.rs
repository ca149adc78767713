//! # Preparing a table for a model, fitted on the training rows only
//!
//! A model needs a matrix of numbers `x` (one row per sample) and a target `y`. Getting there
//! learns a few statistics from the data — a mean to fill a gap with, a mean and a spread to
//! standardise with, the list of categories to one-hot encode — and **those statistics must come
//! from the training rows only**. Learned from every row, they carry a little of the validation
//! and test rows into training (leakage), and the test score stops being an honest estimate.
//! [`Preparation::fit`] takes the training rows explicitly; [`Preparation::fit_on_all_rows_leaky`]
//! is the mistake, kept for the lab's leakage demonstration.
//!
//! The steps, in order:
//!
//! 1. **Rows fitted on**: the training rows whose target is present; with
//!    [`MissingRule::DropRows`] also every feature present.
//! 2. **The problem** follows from the target's kind ([`problem_for`]): categorical →
//!    classification, numeric → regression. Whole-number columns with few values (class codes,
//!    ratings) are already inferred categorical ([`super::cells`]), so a learner who sets such a
//!    target to numeric asks for regression. Classes are the target's categories in the order
//!    they first appear among the rows fitted on; at least two are needed.
//! 3. **Missing feature values**: drop the row, or fill with the mean, the median (NumPy's linear
//!    quantile ½) or the most frequent value (ties: first appearance) of the rows fitted on. A
//!    categorical feature has no mean or median: with those rules it is filled with its most
//!    frequent category.
//! 4. **Numeric features** are standardised, `x' = (x − μ) / σ`, with `μ` and the population
//!    `σ = √(Σ (x − μ)² / n)` of the filled training values (as scikit-learn's `StandardScaler`
//!    after a `SimpleImputer`). A column constant on the training rows gets `σ = 1`, so it
//!    becomes 0 there instead of a division by zero. Without standardisation `μ = 0`, `σ = 1`.
//! 5. **Categorical features** are one-hot encoded: one 0/1 feature per category present in the
//!    rows fitted on (first-appearance order), named `column=category`. A validation or test
//!    row with a category never seen in training gets all zeros — the model has nothing learned
//!    about it, and nothing about it was learned from that row.
//! 6. **The target**: a class index `0, 1, …` (classification) or the value itself, not
//!    standardised, in its own units (regression). A row whose target is missing, or whose class
//!    never appears in training, cannot be scored and is dropped, with its reason.
//!
//! Categories are matched by name, not by the table's codes: the codes follow first appearance
//! in the whole file, which test rows can change.

use crate::data::dataset::Problem;
use crate::shared::{slug_enum, sorted_order};

use super::cells::{Kind, Table, Values, MISSING_CODE};
use super::profile::{quantile_sorted, sorted};

/// At most this many categories in a one-hot encoded feature (an identifier column would give
/// one feature per row).
pub const MAX_CATEGORIES: usize = 50;
/// At most this many features after one-hot encoding: 50,000 rows × 256 `f32` is 51 MB.
pub const MAX_FEATURES: usize = 256;

slug_enum! {
    /// What to do with a missing feature value.
    pub enum MissingRule {
        /// Drop the row (in training and at every transform).
        DropRows => "drop",
        /// Fill with the training mean (categorical: the most frequent category).
        Mean => "mean",
        /// Fill with the training median (categorical: the most frequent category).
        Median => "median",
        /// Fill with the training rows' most frequent value.
        MostFrequent => "most-frequent",
    }
}

/// Which columns to use and how.
#[derive(Debug, Clone, PartialEq)]
pub struct PrepSpec {
    /// The column to predict.
    pub target: usize,
    /// The columns to predict from, in the order their features appear.
    pub features: Vec<usize>,
    pub missing: MissingRule,
    /// Standardise numeric features.
    pub standardise: bool,
}

impl PrepSpec {
    /// `target` from `features`, filling gaps with the mean and standardising.
    pub fn new(target: usize, features: Vec<usize>) -> Self {
        Self { target, features, missing: MissingRule::Mean, standardise: true }
    }
}

/// Why a preparation cannot be fitted or applied; columns and rows are 0-based indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrepError {
    NoSuchColumn { column: usize, n_columns: usize },
    NoSuchRow { row: usize, n_rows: usize },
    /// No feature column chosen.
    NoFeatures,
    /// The target is also among the features.
    TargetAsFeature { column: usize },
    /// A feature column chosen twice.
    RepeatedFeature { column: usize },
    /// No training rows given.
    NoTrainingRows,
    /// No training row is left once rows with a missing target (or, dropping rows, any missing
    /// value) are set aside.
    NoCompleteRows,
    /// A feature with no value at all in the training rows.
    NoValues { column: usize },
    /// A classification target with one class in the training rows.
    OneClass { column: usize },
    /// A categorical feature with more than `limit` categories in the training rows.
    TooManyCategories { column: usize, found: usize, limit: usize },
    /// More than `limit` features after one-hot encoding.
    TooManyFeatures { found: usize, limit: usize },
    /// The column's kind changed since the preparation was fitted.
    KindChanged { column: usize },
}

/// What was learned for one feature column.
#[derive(Debug, Clone, PartialEq)]
pub enum FittedFeature {
    /// `x' = (x − mean) / std`, a missing `x` filled with `fill` first (NaN when rows are
    /// dropped instead).
    Numeric { column: usize, fill: f64, mean: f64, std: f64 },
    /// One 0/1 feature per category; a missing value is `fill` (`None` when rows are dropped).
    OneHot { column: usize, fill: Option<String>, categories: Vec<String> },
}

impl FittedFeature {
    /// The table column.
    pub fn column(&self) -> usize {
        match self {
            FittedFeature::Numeric { column, .. } | FittedFeature::OneHot { column, .. } => *column,
        }
    }
    /// Features it makes.
    pub fn width(&self) -> usize {
        match self {
            FittedFeature::Numeric { .. } => 1,
            FittedFeature::OneHot { categories, .. } => categories.len(),
        }
    }
}

/// Why a row was left out of a transform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    MissingTarget,
    /// A class that never appears in the training rows.
    UnseenClass,
    /// A missing feature value while dropping rows (`column` is the first such).
    MissingFeature { column: usize },
}

/// Rows ready for a model.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// `rows.len() × n_features`, row-major.
    pub x: Vec<f32>,
    /// One target per kept row: a class index or a value.
    pub y: Vec<f32>,
    pub n_features: usize,
    pub feature_names: Vec<String>,
    /// The table rows kept, in the order asked.
    pub rows: Vec<usize>,
    /// The rows left out, with why.
    pub dropped: Vec<(usize, DropReason)>,
}

/// The statistics learned from the training rows, ready to transform any rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Preparation {
    spec: PrepSpec,
    target_kind: Kind,
    problem: Problem,
    classes: Vec<String>,
    features: Vec<FittedFeature>,
    feature_names: Vec<String>,
    rows_fitted: usize,
    leaky: bool,
}

/// The problem a target of this kind makes: classification for categorical, regression for
/// numeric.
pub fn problem_for(kind: Kind) -> Problem {
    match kind {
        Kind::Categorical => Problem::Classification,
        Kind::Numeric => Problem::Regression,
    }
}

impl Preparation {
    /// Learns every statistic from `train_rows` of `table` (the module docs list them).
    pub fn fit(table: &Table, spec: &PrepSpec, train_rows: &[usize]) -> Result<Self, PrepError> {
        Self::fit_rows(table, spec, train_rows, false)
    }

    /// **Wrong on purpose**: learns the statistics from every row of the table, validation and
    /// test rows included. The leakage demonstration compares it with [`fit`](Self::fit).
    pub fn fit_on_all_rows_leaky(table: &Table, spec: &PrepSpec) -> Result<Self, PrepError> {
        let all: Vec<usize> = (0..table.n_rows()).collect();
        Self::fit_rows(table, spec, &all, true)
    }

    fn fit_rows(table: &Table, spec: &PrepSpec, train_rows: &[usize], leaky: bool) -> Result<Self, PrepError> {
        let n_columns = table.n_columns();
        let n_rows = table.n_rows();
        let column = |c: usize| table.column(c).ok_or(PrepError::NoSuchColumn { column: c, n_columns });
        let target = column(spec.target)?;
        if spec.features.is_empty() {
            return Err(PrepError::NoFeatures);
        }
        for (i, &c) in spec.features.iter().enumerate() {
            column(c)?;
            if c == spec.target {
                return Err(PrepError::TargetAsFeature { column: c });
            }
            if spec.features.get(..i).unwrap_or_default().contains(&c) {
                return Err(PrepError::RepeatedFeature { column: c });
            }
        }
        if train_rows.is_empty() {
            return Err(PrepError::NoTrainingRows);
        }
        if let Some(&row) = train_rows.iter().find(|&&r| r >= n_rows) {
            return Err(PrepError::NoSuchRow { row, n_rows });
        }

        let features: Vec<&Values> =
            spec.features.iter().filter_map(|&c| table.column(c)).map(|c| c.values()).collect();
        let used: Vec<usize> = train_rows
            .iter()
            .copied()
            .filter(|&r| !target.values().is_missing(r))
            .filter(|&r| spec.missing != MissingRule::DropRows || features.iter().all(|v| !v.is_missing(r)))
            .collect();
        if used.is_empty() {
            return Err(PrepError::NoCompleteRows);
        }

        let problem = problem_for(target.kind());
        let classes = match target.values() {
            Values::Categorical { codes, categories } => {
                let (seen, _) = first_appearance(codes, &used);
                if seen.len() < 2 {
                    return Err(PrepError::OneClass { column: spec.target });
                }
                seen.iter().filter_map(|&c| categories.get(c as usize).cloned()).collect()
            }
            Values::Numeric(_) => Vec::new(),
        };

        let mut fitted = Vec::with_capacity(spec.features.len());
        let mut feature_names = Vec::new();
        for (&c, values) in spec.features.iter().zip(&features) {
            let name = table.column(c).map_or("", |col| col.name());
            let feature = fit_feature(c, values, &used, spec)?;
            match &feature {
                FittedFeature::Numeric { .. } => feature_names.push(name.to_string()),
                FittedFeature::OneHot { categories, .. } => {
                    feature_names.extend(categories.iter().map(|k| format!("{name}={k}")));
                }
            }
            fitted.push(feature);
        }
        if feature_names.len() > MAX_FEATURES {
            return Err(PrepError::TooManyFeatures { found: feature_names.len(), limit: MAX_FEATURES });
        }
        Ok(Self {
            spec: spec.clone(),
            target_kind: target.kind(),
            problem,
            classes,
            features: fitted,
            feature_names,
            rows_fitted: used.len(),
            leaky,
        })
    }

    /// `x` and `y` for `rows` of `table` (a table of the same columns: the one fitted on, or the
    /// same file read again), with the statistics learned at fitting.
    pub fn transform(&self, table: &Table, rows: &[usize]) -> Result<Prepared, PrepError> {
        let n_columns = table.n_columns();
        let n_rows = table.n_rows();
        let values_of = |c: usize, kind: Kind| {
            let col = table.column(c).ok_or(PrepError::NoSuchColumn { column: c, n_columns })?;
            if col.kind() != kind {
                return Err(PrepError::KindChanged { column: c });
            }
            Ok(col.values())
        };
        let target = values_of(self.spec.target, self.target_kind)?;
        if let Some(&row) = rows.iter().find(|&&r| r >= n_rows) {
            return Err(PrepError::NoSuchRow { row, n_rows });
        }

        // Per feature: the table's values, and for a one-hot feature each table code's slot.
        let mut columns = Vec::with_capacity(self.features.len());
        for feature in &self.features {
            let (column, slots) = match feature {
                FittedFeature::Numeric { column, .. } => (values_of(*column, Kind::Numeric)?, Vec::new()),
                FittedFeature::OneHot { column, categories: fitted, .. } => {
                    let values = values_of(*column, Kind::Categorical)?;
                    let slots = match values {
                        Values::Categorical { categories, .. } => slots_by_name(categories, fitted),
                        Values::Numeric(_) => Vec::new(),
                    };
                    (values, slots)
                }
            };
            columns.push((column, slots));
        }
        let class_of: Vec<Option<usize>> = match target {
            Values::Categorical { categories, .. } => slots_by_name(categories, &self.classes),
            Values::Numeric(_) => Vec::new(),
        };

        let n_features = self.n_features();
        let mut out = Prepared {
            x: Vec::with_capacity(rows.len() * n_features),
            y: Vec::with_capacity(rows.len()),
            n_features,
            feature_names: self.feature_names.clone(),
            rows: Vec::with_capacity(rows.len()),
            dropped: Vec::new(),
        };
        'rows: for &r in rows {
            let y = match target {
                Values::Numeric(v) => match v.get(r) {
                    Some(&t) if !t.is_nan() => t as f32,
                    _ => {
                        out.dropped.push((r, DropReason::MissingTarget));
                        continue;
                    }
                },
                Values::Categorical { codes, .. } => match codes.get(r) {
                    None | Some(&MISSING_CODE) => {
                        out.dropped.push((r, DropReason::MissingTarget));
                        continue;
                    }
                    Some(&code) => match class_of.get(code as usize) {
                        Some(&Some(class)) => class as f32,
                        _ => {
                            out.dropped.push((r, DropReason::UnseenClass));
                            continue;
                        }
                    },
                },
            };
            let start = out.x.len();
            for (feature, (values, slots)) in self.features.iter().zip(&columns) {
                match (feature, values) {
                    (FittedFeature::Numeric { column, fill, mean, std }, Values::Numeric(v)) => {
                        let mut x = v.get(r).copied().unwrap_or(f64::NAN);
                        if x.is_nan() {
                            if self.spec.missing == MissingRule::DropRows {
                                out.x.truncate(start);
                                out.dropped.push((r, DropReason::MissingFeature { column: *column }));
                                continue 'rows;
                            }
                            x = *fill;
                        }
                        out.x.push(((x - mean) / std) as f32);
                    }
                    (FittedFeature::OneHot { column, fill, categories }, Values::Categorical { codes, .. }) => {
                        let code = codes.get(r).copied().unwrap_or(MISSING_CODE);
                        let slot = if code == MISSING_CODE {
                            if self.spec.missing == MissingRule::DropRows {
                                out.x.truncate(start);
                                out.dropped.push((r, DropReason::MissingFeature { column: *column }));
                                continue 'rows;
                            }
                            fill.as_ref().and_then(|f| categories.iter().position(|k| k == f))
                        } else {
                            slots.get(code as usize).copied().flatten()
                        };
                        // An unseen category: every slot stays 0.
                        out.x.extend((0..categories.len()).map(|k| if Some(k) == slot { 1.0 } else { 0.0 }));
                    }
                    // Kinds were checked above.
                    _ => {}
                }
            }
            out.y.push(y);
            out.rows.push(r);
        }
        Ok(out)
    }

    pub fn spec(&self) -> &PrepSpec {
        &self.spec
    }
    /// Classification or regression, from the target's kind.
    pub fn problem(&self) -> Problem {
        self.problem
    }
    /// The classes, in the order of their indices in `y` (empty for regression).
    pub fn classes(&self) -> &[String] {
        &self.classes
    }
    /// What was learned per feature column, in the spec's order.
    pub fn features(&self) -> &[FittedFeature] {
        &self.features
    }
    pub fn feature_names(&self) -> &[String] {
        &self.feature_names
    }
    pub fn n_features(&self) -> usize {
        self.feature_names.len()
    }
    /// Rows the statistics were learned from.
    pub fn rows_fitted(&self) -> usize {
        self.rows_fitted
    }
    /// Whether this was fitted on every row ([`fit_on_all_rows_leaky`](Self::fit_on_all_rows_leaky)).
    pub fn is_leaky(&self) -> bool {
        self.leaky
    }
}

/// Learns one feature column's statistics from the rows `used`.
fn fit_feature(column: usize, values: &Values, used: &[usize], spec: &PrepSpec) -> Result<FittedFeature, PrepError> {
    match values {
        Values::Numeric(v) => {
            let present: Vec<f64> = used.iter().filter_map(|&r| v.get(r).copied()).filter(|x| !x.is_nan()).collect();
            if present.is_empty() {
                return Err(PrepError::NoValues { column });
            }
            let fill = match spec.missing {
                MissingRule::DropRows => f64::NAN,
                MissingRule::Mean => present.iter().sum::<f64>() / present.len() as f64,
                MissingRule::Median => quantile_sorted(&sorted(&present), 0.5),
                MissingRule::MostFrequent => most_frequent(&present),
            };
            let (mean, std) = if spec.standardise {
                let filled: Vec<f64> =
                    used.iter().map(|&r| v.get(r).copied().filter(|x| !x.is_nan()).unwrap_or(fill)).collect();
                mean_and_population_std(&filled)
            } else {
                (0.0, 1.0)
            };
            Ok(FittedFeature::Numeric { column, fill, mean, std })
        }
        Values::Categorical { codes, categories } => {
            let (seen, counts) = first_appearance(codes, used);
            if seen.is_empty() {
                return Err(PrepError::NoValues { column });
            }
            if seen.len() > MAX_CATEGORIES {
                return Err(PrepError::TooManyCategories { column, found: seen.len(), limit: MAX_CATEGORIES });
            }
            let names: Vec<String> = seen.iter().filter_map(|&c| categories.get(c as usize).cloned()).collect();
            let fill = match spec.missing {
                MissingRule::DropRows => None,
                // The most frequent; `max_by_key` would keep the last of a tie, so search by hand.
                _ => {
                    let mut best = 0;
                    for (i, &n) in counts.iter().enumerate() {
                        if n > counts.get(best).copied().unwrap_or(0) {
                            best = i;
                        }
                    }
                    names.get(best).cloned()
                }
            };
            Ok(FittedFeature::OneHot { column, fill, categories: names })
        }
    }
}

/// The categories (codes) present in `rows`, in order of first appearance there, and how many
/// times each appears.
fn first_appearance(codes: &[u32], rows: &[usize]) -> (Vec<u32>, Vec<usize>) {
    let mut seen: Vec<u32> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    // Position of each code in `seen`, by code (the dictionary can be large; the rows' codes few).
    let mut slot_of: Vec<Option<usize>> = Vec::new();
    for &r in rows {
        let Some(&code) = codes.get(r) else { continue };
        if code == MISSING_CODE {
            continue;
        }
        let c = code as usize;
        if slot_of.len() <= c {
            slot_of.resize(c + 1, None);
        }
        match slot_of.get(c).copied().flatten() {
            Some(s) => {
                if let Some(n) = counts.get_mut(s) {
                    *n += 1;
                }
            }
            None => {
                if let Some(entry) = slot_of.get_mut(c) {
                    *entry = Some(seen.len());
                }
                seen.push(code);
                counts.push(1);
            }
        }
    }
    (seen, counts)
}

/// For each category of a table's dictionary, its position in `names` (matched by name).
fn slots_by_name(dictionary: &[String], names: &[String]) -> Vec<Option<usize>> {
    dictionary.iter().map(|d| names.iter().position(|n| n == d)).collect()
}

/// The most frequent value, ties going to the one that appears first.
fn most_frequent(values: &[f64]) -> f64 {
    // Stable sort by value: equal values stay in order of appearance, so each run starts with
    // its first appearance.
    let order = sorted_order(values.len(), &|a, b| values[a].total_cmp(&values[b]));
    let mut best: Option<(usize, usize, f64)> = None; // (count, first position, value)
    let mut i = 0;
    while let Some(&start) = order.get(i) {
        let value = values[start];
        let mut count = 0;
        while order.get(i).is_some_and(|&k| values[k].total_cmp(&value).is_eq()) {
            count += 1;
            i += 1;
        }
        let better = match best {
            None => true,
            Some((c, first, _)) => count > c || (count == c && start < first),
        };
        if better {
            best = Some((count, start, value));
        }
    }
    best.map_or(f64::NAN, |(_, _, v)| v)
}

/// Mean and population standard deviation; a constant column gets `σ = 1` (and its value as the
/// mean, exactly), as does a spread too small or too large to divide by.
fn mean_and_population_std(values: &[f64]) -> (f64, f64) {
    let Some(&first) = values.first() else { return (0.0, 1.0) };
    if values.iter().all(|&x| x == first) {
        return (first, 1.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let std = (values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt();
    (mean, if std > 0.0 && std.is_finite() { std } else { 1.0 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_frequent_ties_go_to_the_first_seen() {
        // 3 and 1 both appear twice; 3 appears first.
        assert_eq!(most_frequent(&[3.0, 1.0, 2.0, 1.0, 3.0]), 3.0);
        assert_eq!(most_frequent(&[3.0, 1.0, 1.0, 3.0, 1.0]), 1.0);
        assert_eq!(most_frequent(&[5.0]), 5.0);
        assert!(most_frequent(&[]).is_nan());
    }

    #[test]
    fn population_std_by_hand() {
        // 1, 2, 3, 4: μ = 2.5, Σ(x − μ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, σ = √(5/4).
        assert_eq!(mean_and_population_std(&[1.0, 2.0, 3.0, 4.0]), (2.5, 1.25f64.sqrt()));
        assert_eq!(mean_and_population_std(&[0.1, 0.1, 0.1]), (0.1, 1.0));
    }

    #[test]
    fn first_appearance_counts() {
        let codes = [2, 0, MISSING_CODE, 2, 1, 0, 2];
        // Rows 6, 5, 4, 3: codes 2, 0, 1, 2.
        assert_eq!(first_appearance(&codes, &[6, 5, 4, 3]), (vec![2, 0, 1], vec![2, 1, 1]));
        assert_eq!(first_appearance(&codes, &[2, 99]), (vec![], vec![]));
    }
}
