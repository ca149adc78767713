//! # Splitting a table's rows: random, stratified, shifted, and k folds
//!
//! The rows of a table are dealt into three roles (see [`crate::data::split`]): **train** (the
//! model learns from them), **validation** (models and settings are chosen on them) and
//! **test** (looked at once, at the end). Three ways to deal them:
//!
//! - **random** ([`split_rows`], not stratified): every row gets a seeded uniform key and the
//!   rows are ranked by it, [`Split::new`]'s rule — the first `round(n·train%)` train, the next
//!   `round(n·val%)` validation, the rest test (halves rounded up);
//! - **stratified** ([`split_rows`] with `stratified`, a categorical target): the same rule
//!   *within each class*, so every class has the overall shares. For a class of `n_c` rows,
//!
//!   ```text
//!   train_c = round(n_c·train%),   val_c = min(round(n_c·val%), n_c − train_c),   test_c = the rest
//!   ```
//!
//!   each within one row of the exact share (`|train_c − n_c·train%| ≤ ½`, `|val_c − n_c·val%|
//!   ≤ ½` unless the clamp cuts it, and then by less than one; test is what remains). The totals
//!   can then differ from a random split's by up to one row per class. Rows whose target is
//!   missing form a group of their own, split the same way: they still get a role, and
//!   [`Preparation`](crate::table::prepare::Preparation) leaves them out later
//!   (`DropReason::MissingTarget`), so the page can show them greyed. If rounding leaves no
//!   training row at all (tiny classes, a small train share), the first row of the largest
//!   group becomes a training row;
//! - **shifted** ([`shifted_split`]): the test rows are the `test%` of rows with the *largest*
//!   values of one numeric column, the rest a random train / validation split — the distribution
//!   shift of a model deployed on customers bigger than any it was trained on. Missing values
//!   never go to test (their size is unknown).
//!
//! **k folds** ([`stratified_folds`]): without labels, [`KFold`]'s seeded shuffle and deal. With
//! labels, each class's rows are shuffled (seeded) and the classes, one after the other, are
//! dealt round-robin onto the folds, continuing where the last class stopped: every row is in
//! exactly one validation fold, every class's count differs by at most one between folds, and
//! so does every fold's size.

use crate::data::split::Split;
use crate::error::ParamError;
use crate::rng::Rng;
use crate::shared::sorted_order;
use crate::table::cells::{Table, Values, MISSING_CODE};
use crate::train::search::{KFold, MAX_FOLDS, MIN_FOLDS};

/// Stream id of the random keys of a split (`"WF"` and 1).
pub const SPLIT_STREAM: u64 = 0x5746_0001;
/// Stream id of the stratified folds' shuffles.
pub const FOLD_STREAM: u64 = 0x5746_0002;

/// How to split a table's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitSpec {
    /// Share of rows for training, 1 to 100 %.
    pub train_pct: u32,
    /// Share of rows for validation, 0 to `100 − train_pct` %; test gets the rest.
    pub val_pct: u32,
    /// Keep every class's shares (categorical targets; ignored for numeric ones).
    pub stratified: bool,
    pub seed: u64,
}

impl Default for SplitSpec {
    /// 60 / 20 / 20, stratified.
    fn default() -> Self {
        SplitSpec { train_pct: 60, val_pct: 20, stratified: true, seed: 0 }
    }
}

/// `round(n·pct/100)` with halves rounded up, in integers (the rule of [`Split::new`]).
fn round_pct(n: usize, pct: u32) -> usize {
    ((n as u64 * u64::from(pct) * 2 + 100) / 200) as usize
}

fn check_shares(train_pct: u32, val_pct: u32) -> Result<(), ParamError> {
    if !(1..=100).contains(&train_pct) {
        return Err(ParamError::out_of_range("train", 1.0, 100.0, train_pct.into()));
    }
    if val_pct > 100 - train_pct {
        return Err(ParamError::out_of_range("val", 0.0, (100 - train_pct).into(), val_pct.into()));
    }
    Ok(())
}

fn check_column(table: &Table, column: usize, field: &'static str) -> Result<(), ParamError> {
    if column >= table.n_columns() {
        return Err(ParamError::out_of_range(field, 0.0, table.n_columns() as f64 - 1.0, column as f64));
    }
    Ok(())
}

/// A [`Split`] from every row's role given as 0 (train), 1 (validation) or 2 (test).
fn split_from_roles(roles: &[u8]) -> Split {
    use crate::data::split::Role;
    let mut split = Split { roles: Vec::with_capacity(roles.len()), train: Vec::new(), val: Vec::new(), test: Vec::new() };
    for (i, &r) in roles.iter().enumerate() {
        let role = match r {
            0 => {
                split.train.push(i);
                Role::Train
            }
            1 => {
                split.val.push(i);
                Role::Validation
            }
            _ => {
                split.test.push(i);
                Role::Test
            }
        };
        split.roles.push(role);
    }
    split
}

/// Three-way split of the table's rows (module docs: random, or stratified by the categorical
/// column `target`). Index lists ascending.
///
/// Errors: `"target"` (no such column), `"train"` (outside 1–100), `"val"` (above
/// `100 − train`).
pub fn split_rows(table: &Table, target: usize, spec: &SplitSpec) -> Result<Split, ParamError> {
    check_column(table, target, "target")?;
    check_shares(spec.train_pct, spec.val_pct)?;
    let n = table.n_rows();
    let mut rng = Rng::stream(spec.seed, SPLIT_STREAM);
    let keys: Vec<f32> = (0..n).map(|_| rng.next_f32()).collect();
    let codes = match table.column(target).map(|c| c.values()) {
        Some(Values::Categorical { codes, .. }) if spec.stratified => codes,
        _ => return Split::new(&keys, spec.train_pct, spec.val_pct),
    };
    // Groups: one per category code, missing targets last; rows in each ranked by their key.
    let mut group_of_code: Vec<Option<usize>> = Vec::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut missing: Vec<usize> = Vec::new();
    for (row, &code) in codes.iter().enumerate() {
        if code == MISSING_CODE {
            missing.push(row);
            continue;
        }
        let c = code as usize;
        if group_of_code.len() <= c {
            group_of_code.resize(c + 1, None);
        }
        let g = match group_of_code[c] {
            Some(g) => g,
            None => {
                groups.push(Vec::new());
                group_of_code[c] = Some(groups.len() - 1);
                groups.len() - 1
            }
        };
        groups[g].push(row);
    }
    if !missing.is_empty() {
        groups.push(missing);
    }
    let mut roles = vec![2u8; n];
    let mut n_train = 0;
    for group in &mut groups {
        let order = sorted_order(group.len(), &|a, b| keys[group[a]].total_cmp(&keys[group[b]]));
        let ranked: Vec<usize> = order.iter().map(|&i| group[i]).collect();
        let n_c = ranked.len();
        let train_c = round_pct(n_c, spec.train_pct);
        let val_c = round_pct(n_c, spec.val_pct).min(n_c - train_c);
        for (rank, &row) in ranked.iter().enumerate() {
            roles[row] = if rank < train_c {
                0
            } else if rank < train_c + val_c {
                1
            } else {
                2
            };
        }
        n_train += train_c;
        *group = ranked;
    }
    if n_train == 0 {
        // Rounding left nothing to learn from: the best-ranked row of the largest group trains.
        let mut largest: Option<&Vec<usize>> = None;
        for g in &groups {
            if largest.is_none_or(|l| g.len() > l.len()) {
                largest = Some(g);
            }
        }
        if let Some(&row) = largest.and_then(|g| g.first()) {
            roles[row] = 0;
        }
    }
    Ok(split_from_roles(&roles))
}

/// Distribution-shift split (module docs): test = the `test_pct` % of rows with the largest
/// values of numeric column `by` (ties: the earlier row first; missing values never), then a
/// seeded random split of the other rows with `round(n·val_pct)` validation rows (at most all
/// but one of them) and the rest training.
///
/// Errors: `"by"` (no such column, or not numeric), `"test"` (outside 1–99), `"val"` (above
/// `99 − test`: training keeps at least 1 %).
pub fn shifted_split(table: &Table, by: usize, val_pct: u32, test_pct: u32, seed: u64) -> Result<Split, ParamError> {
    check_column(table, by, "by")?;
    let Some(values) = table.column(by).and_then(|c| c.numbers()) else {
        return Err(ParamError::unsupported("by"));
    };
    if !(1..=99).contains(&test_pct) {
        return Err(ParamError::out_of_range("test", 1.0, 99.0, test_pct.into()));
    }
    if val_pct > 99 - test_pct {
        return Err(ParamError::out_of_range("val", 0.0, (99 - test_pct).into(), val_pct.into()));
    }
    let n = table.n_rows();
    let present: Vec<usize> = (0..n).filter(|&r| !values[r].is_nan()).collect();
    // Largest first; a stable sort keeps equal values in row order.
    let order = sorted_order(present.len(), &|a, b| values[present[b]].total_cmp(&values[present[a]]));
    let n_test = round_pct(n, test_pct).min(present.len());
    let mut roles = vec![0u8; n];
    for &i in &order[..n_test] {
        roles[present[i]] = 2;
    }
    let mut rest: Vec<usize> = (0..n).filter(|&r| roles[r] != 2).collect();
    Rng::stream(seed, SPLIT_STREAM).shuffle(&mut rest);
    let n_val = round_pct(n, val_pct).min(rest.len().saturating_sub(1));
    for &row in &rest[..n_val] {
        roles[row] = 1;
    }
    Ok(split_from_roles(&roles))
}

/// `k` (train rows, validation rows) pairs, one per fold.
pub type Folds = Vec<(Vec<usize>, Vec<usize>)>;

/// `k` (train, validation) pairs of `rows` (module docs), stratified by `labels` when given
/// (`labels[i]` is the class of `rows[i]`). Each list keeps the order of `rows`.
///
/// Errors: `"folds"` (outside 2–20, or more than the rows), `"labels"` (length, NaN or
/// infinite).
pub fn stratified_folds(rows: &[usize], labels: Option<&[f32]>, k: usize, seed: u64) -> Result<Folds, ParamError> {
    let n = rows.len();
    let fold_of: Vec<usize> = match labels {
        None => KFold::new(n, k, seed)?.assignments().to_vec(),
        Some(labels) => {
            if !(MIN_FOLDS..=MAX_FOLDS).contains(&k) {
                return Err(ParamError::out_of_range("folds", MIN_FOLDS as f64, MAX_FOLDS as f64, k as f64));
            }
            if k > n {
                return Err(ParamError::needs_points("folds", k, n));
            }
            if labels.len() != n {
                return Err(ParamError::length_mismatch("labels", n, labels.len()));
            }
            if let Some(&v) = labels.iter().find(|v| !v.is_finite()) {
                return Err(ParamError::not_finite("labels", v.into()));
            }
            // Positions grouped by class (classes in increasing order), each group shuffled.
            let by_class = sorted_order(n, &|a, b| labels[a].total_cmp(&labels[b]));
            let mut rng = Rng::stream(seed, FOLD_STREAM);
            let mut dealt = Vec::with_capacity(n);
            let mut start = 0;
            while start < n {
                let class = labels[by_class[start]];
                let mut end = start;
                while end < n && labels[by_class[end]] == class {
                    end += 1;
                }
                let mut group = by_class[start..end].to_vec();
                rng.shuffle(&mut group);
                dealt.extend(group);
                start = end;
            }
            let mut fold_of = vec![0; n];
            for (turn, &pos) in dealt.iter().enumerate() {
                fold_of[pos] = turn % k;
            }
            fold_of
        }
    };
    Ok((0..k)
        .map(|f| {
            let (mut train, mut val) = (Vec::new(), Vec::new());
            for (&row, &g) in rows.iter().zip(&fold_of) {
                if g == f {
                    val.push(row);
                } else {
                    train.push(row);
                }
            }
            (train, val)
        })
        .collect())
}
