//! The data lab's settings: what its controls write, its reset (`Default`), its address.
//!
//! Columns are named by their 1-based number, as the table view numbers them: short in a link,
//! and free of whatever characters a learner's header holds. A learner's own file is not in the
//! address (it never leaves the browser); its settings are, and apply again when it is loaded.

use perplexed_core::table::MissingRule;

use crate::query::{boolean, by_slug, int_in, lab_params, seed, settle_split};

perplexed_core::slug_enum! {
    /// Where the table comes from: one of the site's real tables, or the learner's file.
    pub enum Source {
        Iris => "iris",
        Wine => "wine",
        BreastCancer => "breast-cancer",
        Digits => "digits",
        Own => "own",
    }
}

impl Source {
    /// The file on this site (`None`: the learner's own).
    pub fn file(self) -> Option<&'static str> {
        match self {
            Source::Iris => Some("data/iris.csv"),
            Source::Wine => Some("data/wine.csv"),
            Source::BreastCancer => Some("data/breast-cancer.csv"),
            Source::Digits => Some("data/digits-8x8.csv"),
            Source::Own => None,
        }
    }
}

perplexed_core::slug_enum! {
    /// "Success in training, failure in battle": which trap the page sets.
    pub enum Demo {
        /// The honest workflow.
        None => "none",
        /// A column that encodes the answer, unknown "in battle".
        Leak => "leak",
        /// Standardisation fitted on every row, test rows included.
        Scaling => "scaling",
        /// The test rows drawn from another region of the data.
        Shift => "shift",
    }
}

by_slug!(Source, Demo, MissingRule);

/// The models the page compares, by core's slugs.
pub const MODEL_SLUGS: [&str; 6] = ["linear", "tree", "forest", "boosting", "knn", "mlp"];

/// The k of k-fold cross-validation the page offers (0: off).
pub const FOLD_CHOICES: [usize; 4] = [0, 3, 5, 10];

/// Rows the table view shows a page.
pub const ROWS_PER_PAGE: usize = 15;
/// Columns a scatter matrix shows at most.
pub const MAX_SCATTER: usize = 4;

/// A list of 1-based column numbers (`1,4,7`, runs as `1-64`), each once, at most 100.
fn columns(s: &str) -> Option<Vec<usize>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let number = |t: &str| t.trim().parse::<usize>().ok().filter(|c| (1..=perplexed_core::table::csv::MAX_COLUMNS).contains(c));
    let mut out: Vec<usize> = Vec::new();
    for part in s.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(part)?, number(part)?),
        };
        if a > b {
            return None;
        }
        for c in a..=b {
            if out.contains(&c) {
                return None;
            }
            out.push(c);
        }
    }
    Some(out)
}

/// Column numbers as [`columns`] reads them, a run of three or more as `a-b`.
fn column_list(v: &[usize]) -> Option<String> {
    if v.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        if j >= i + 2 {
            parts.push(format!("{}-{}", v[i], v[j]));
        } else {
            parts.extend(v[i..=j].iter().map(ToString::to_string));
        }
        i = j + 1;
    }
    Some(parts.join(","))
}

/// The digits' 64 pixel columns hold a few whole numbers each near the edges (0–16, often fewer
/// than ten distinct), which kind inference reads as categories; they are intensities, so the
/// table opens with them read as numbers (the address can say otherwise).
pub const DIGITS_PIXELS: usize = 64;

/// Model slugs (`linear,tree`), each known and once; empty is no model.
fn models(s: &str) -> Option<Vec<String>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let mut out: Vec<String> = Vec::new();
    for part in s.split(',') {
        if !MODEL_SLUGS.contains(&part) || out.iter().any(|m| m == part) {
            return None;
        }
        out.push(part.to_owned());
    }
    Some(out)
}

fn list<T: ToString>(v: &[T]) -> Option<String> {
    Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(","))
}

lab_params! {
    /// Everything that defines the data lab; a link carries all of it.
    pub struct DataParams {
        table: Source = Source::Iris, Source::from_slug;
        /// The column to predict (0: the last column).
        target: usize = 0, int_in(0, perplexed_core::table::csv::MAX_COLUMNS as i64);
        /// Columns left out of the features.
        exclude: Vec<usize> = Vec::new(), columns, write |v: &Vec<usize>| column_list(v);
        /// Columns read as categories / as numbers whatever their cells look like.
        categorical: Vec<usize> = Vec::new(), columns, write |v: &Vec<usize>| column_list(v);
        numeric: Vec<usize> = Vec::new(), columns, write |v: &Vec<usize>| column_list(v);
        missing: MissingRule = MissingRule::Mean, MissingRule::from_slug;
        standardise: bool = true, boolean;
        /// Percent of rows for training and for validation; the test set gets the rest.
        train: u32 = 60, int_in(10, 90);
        val: u32 = 20, int_in(5, 80);
        stratified: bool = true, boolean;
        /// k-fold cross-validation on the training and validation rows (0: off).
        folds: usize = 0, |s: &str| s.parse().ok().filter(|k| FOLD_CHOICES.contains(k));
        models: Vec<String> = MODEL_SLUGS.iter().map(|s| s.to_string()).collect(), models, write |v: &Vec<String>| list(v);
        seed: u32 = 1, seed;
        demo: Demo = Demo::None, Demo::from_slug;
        /// The shift demonstration's column (0: the first numeric feature).
        shift_by: usize = 0, int_in(0, perplexed_core::table::csv::MAX_COLUMNS as i64);
        /// The explored column.
        column: usize = 1, int_in(1, perplexed_core::table::csv::MAX_COLUMNS as i64);
        /// The table view's order: +k by column k ascending, −k descending, 0 as read.
        sort: i32 = 0, int_in(-(perplexed_core::table::csv::MAX_COLUMNS as i64), perplexed_core::table::csv::MAX_COLUMNS as i64);
        page: usize = 1, int_in(1, 10_000);
        /// The scatter matrix's columns (empty: the first numeric features).
        scatter: Vec<usize> = Vec::new(), |s: &str| columns(s).filter(|v| v.len() <= MAX_SCATTER), write |v: &Vec<usize>| column_list(v);
    }
    settle(p, q) {
        if p.table == Source::Digits && q.raw("numeric").is_none() {
            p.numeric = (1..=DIGITS_PIXELS).collect();
        }
        settle_split(q, p.train, &mut p.val, Self::default().val);
        if p.train + p.val > 95 {
            // At least 5 % for the test set: "the test set once" needs one.
            if let Some(raw) = q.raw("val").map(str::to_owned) {
                q.reject("val", &raw);
            }
            p.val = 95 - p.train.min(90);
        }
    }
}

impl DataParams {
    /// The target's 0-based column in a table of `n_columns` (the last one by default).
    pub fn target_column(&self, n_columns: usize) -> Option<usize> {
        match self.target {
            0 => n_columns.checked_sub(1),
            t => (t <= n_columns).then(|| t - 1),
        }
    }

    /// The feature columns (0-based) of a table of `n_columns`: all but the target and the
    /// excluded ones.
    pub fn feature_columns(&self, n_columns: usize) -> Vec<usize> {
        let target = self.target_column(n_columns);
        (0..n_columns).filter(|&c| Some(c) != target && !self.exclude.contains(&(c + 1))).collect()
    }

    /// Whether a change from `old` needs the table read again (another source).
    pub fn source_changed(&self, old: &DataParams) -> bool {
        self.table != old.table
    }

    /// Whether a change from `old` needs the models fitted again.
    pub fn model_changed(&self, old: &DataParams) -> bool {
        (self.target, &self.exclude, &self.categorical, &self.numeric, self.missing, self.standardise) != (old.target, &old.exclude, &old.categorical, &old.numeric, old.missing, old.standardise)
            || (self.train, self.val, self.stratified, self.folds, &self.models, self.seed, self.demo, self.shift_by) != (old.train, old.val, old.stratified, old.folds, &old.models, old.seed, old.demo, old.shift_by)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    #[test]
    fn every_setting_survives_the_address() {
        let p = DataParams {
            table: Source::Wine,
            target: 3,
            exclude: vec![1, 5],
            categorical: vec![2],
            numeric: vec![4, 6],
            missing: MissingRule::Median,
            standardise: false,
            train: 50,
            val: 25,
            stratified: false,
            folds: 5,
            models: vec!["knn".into(), "tree".into()],
            seed: 7,
            demo: Demo::Shift,
            shift_by: 2,
            column: 4,
            sort: -3,
            page: 2,
            scatter: vec![1, 2, 3],
        };
        assert_round_trip(&p);
        assert_round_trip(&DataParams::default());
        assert_round_trip(&DataParams { models: vec![], ..DataParams::default() });
        assert_round_trip(&DataParams { table: Source::Digits, numeric: (1..=64).collect(), exclude: vec![1, 2, 4, 5, 6, 9], ..DataParams::default() });
        assert_eq!(read_query::<DataParams>(""), (DataParams::default(), vec![]));
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read_query::<DataParams>(
            "table=titanic&target=-1&exclude=0&categorical=1,1&numeric=x&missing=zero&standardise=2&train=99&val=1&stratified=maybe&folds=4&models=svm&seed=-4&demo=all&shift_by=101&column=0&sort=500&page=0&scatter=1,2,3,4,5",
        );
        assert_eq!(p, DataParams::default());
        assert_eq!(rejected.len(), 19, "{rejected:?}");
    }

    /// Runs of columns are written `a-b` and read back; a link to the digits opens with their
    /// pixels read as numbers.
    #[test]
    fn column_runs_and_the_digits_pixels() {
        assert_eq!(column_list(&[1, 2, 4, 5, 6, 9]).as_deref(), Some("1,2,4-6,9"));
        assert_eq!(columns("1,2,4-6,9"), Some(vec![1, 2, 4, 5, 6, 9]));
        assert_eq!(columns("3-3"), Some(vec![3]));
        for bad in ["6-4", "1-101", "0-3", "1-3,2", "a-b", "-"] {
            assert_eq!(columns(bad), None, "{bad}");
        }
        let (p, rejected) = read_query::<DataParams>("table=digits");
        assert!(rejected.is_empty());
        assert_eq!(p.numeric, (1..=64).collect::<Vec<_>>());
        assert!(crate::query::write_query(&crate::query::LabParams::to_query(&p)).contains("numeric=1-64"));
        assert_eq!(read_query::<DataParams>("table=digits&numeric=").0.numeric, Vec::<usize>::new());
    }

    #[test]
    fn the_test_set_keeps_at_least_five_percent() {
        let (p, rejected) = read_query::<DataParams>("train=80&val=20");
        assert_eq!((p.train, p.val), (80, 15));
        assert_eq!(rejected, vec!["val".to_string()]);
    }

    #[test]
    fn columns_follow_the_target_and_the_exclusions() {
        let p = DataParams::default();
        assert_eq!(p.target_column(5), Some(4));
        assert_eq!(p.feature_columns(5), vec![0, 1, 2, 3]);
        let q = DataParams { target: 1, exclude: vec![3], ..p.clone() };
        assert_eq!(q.target_column(5), Some(0));
        assert_eq!(q.feature_columns(5), vec![1, 3, 4]);
        assert_eq!(DataParams { target: 9, ..p }.target_column(5), None);
        assert_eq!(DataParams::default().target_column(0), None);
    }
}
