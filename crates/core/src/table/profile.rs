//! # Profiling a table: each column summarised, and how the numeric columns move together
//!
//! For every column: `count` (values present), `missing`, `distinct` (among the values present).
//!
//! A **numeric** column adds
//!
//! - the mean `x̄ = Σ xᵢ / n` and the sample standard deviation `s = √(Σ (xᵢ − x̄)² / (n − 1))`
//!   (two passes in `f64`; NaN when `n < 2`; exactly 0 for a constant column);
//! - min, the quartiles and max. Quantiles follow NumPy's default (`method="linear"`, Hyndman and
//!   Fan's type 7): on the sorted values `x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎`, the quantile `p` is at position
//!   `h = (n − 1)·p` and `q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎)`, interpolated the way NumPy does
//!   it so the results agree to the bit ([`quantile_sorted`]);
//! - a histogram of equal-width bins from min to max. The number of bins is Freedman–Diaconis',
//!   `⌈(max − min) / (2·IQR·n^(−1/3))⌉` (what `numpy.histogram_bin_edges(x, "fd")` gives),
//!   clamped to 5–40; when the interquartile range is 0, Sturges' `⌈log₂ n⌉ + 1`, clamped the
//!   same way; a constant column is one bin. The edges are NumPy's `linspace(min, max, bins + 1)`
//!   and a value `v` falls in bin `k` when `edgeₖ ≤ v < edgeₖ₊₁`, the last bin closed: the same
//!   counts as `numpy.histogram(x, bins, (min, max))`.
//!
//! A **categorical** column adds the count of each category, most frequent first, ties in order of
//! first appearance.
//!
//! The **correlation matrix** holds Pearson's `r` for every pair of numeric columns, each pair
//! over the rows where both are present ("pairwise complete"):
//!
//! ```text
//! r = Σ (xᵢ − x̄)(yᵢ − ȳ) / √(Σ (xᵢ − x̄)² · Σ (yᵢ − ȳ)²)
//! ```
//!
//! with the means over those same rows, clamped to `[−1, 1]` as `numpy.corrcoef` does. It is NaN
//! where undefined: fewer than two common rows, or a column constant on them (the diagonal too).
//!
//! A [`Profiler`] does the work in units a page can spread over frames: one column, then one
//! pair of numeric columns, per [`Stepping::step`]. Sorting goes through the crate's one shared
//! sort ([`sorted_order`]).

use crate::shared::sorted_order;
use crate::stepping::{Progress, Stepping};

use super::cells::{Table, Values, MISSING_CODE};

/// Histogram bins: Freedman–Diaconis or Sturges, clamped to this range.
pub const MIN_BINS: usize = 5;
pub const MAX_BINS: usize = 40;

/// Equal-width bins: `edges.len() == counts.len() + 1` (both empty when there is no value).
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub edges: Vec<f64>,
    pub counts: Vec<usize>,
}

/// The summary of a numeric column's present values (NaN throughout when there are none).
#[derive(Debug, Clone, PartialEq)]
pub struct NumericSummary {
    pub mean: f64,
    /// Sample standard deviation (`n − 1`).
    pub std: f64,
    pub min: f64,
    /// First quartile (25 %).
    pub q1: f64,
    pub median: f64,
    /// Third quartile (75 %).
    pub q3: f64,
    pub max: f64,
    pub histogram: Histogram,
}

/// What a column's summary holds beyond the counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Summary {
    Numeric(NumericSummary),
    /// `(category code, count)`, most frequent first, ties by first appearance.
    Categorical(Vec<(u32, usize)>),
}

/// One column's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnProfile {
    /// Values present.
    pub count: usize,
    pub missing: usize,
    /// Distinct values among those present.
    pub distinct: usize,
    pub summary: Summary,
}

/// Pearson's r between the numeric columns, pairwise complete.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    /// The table's numeric columns, in order: row and column `i` of the matrix is `columns[i]`.
    pub columns: Vec<usize>,
    /// `p × p`, row-major; NaN where undefined.
    pub r: Vec<f64>,
    /// `p × p`, row-major: the rows each pair was computed on.
    pub rows_used: Vec<usize>,
}

impl Correlation {
    /// `r` between the `i`-th and `j`-th numeric columns.
    pub fn get(&self, i: usize, j: usize) -> Option<f64> {
        let p = self.columns.len();
        (i < p && j < p).then(|| self.r.get(i * p + j).copied()).flatten()
    }
}

/// A table's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub columns: Vec<ColumnProfile>,
    pub correlation: Correlation,
}

/// `values` in increasing order (NaN, were there any, last), through the shared sort.
pub(crate) fn sorted(values: &[f64]) -> Vec<f64> {
    sorted_order(values.len(), &|a, b| values[a].total_cmp(&values[b])).into_iter().map(|i| values[i]).collect()
}

/// NumPy's `_lerp`: `a + t·(b − a)`, computed from the nearer end (`b − (b − a)·(1 − t)` when
/// `t ≥ ½`) so that the result is monotone and exact at both ends.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// The quantile `p ∈ [0, 1]` of increasingly sorted values, NumPy's `linear` method (module
/// docs). NaN for no values or `p` outside `[0, 1]`.
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let h = (n - 1) as f64 * p;
    let below = h.floor();
    let i = below as usize;
    let (Some(&a), b) = (sorted.get(i), sorted.get(i + 1)) else { return f64::NAN };
    match b {
        Some(&b) => lerp(a, b, h - below),
        None => a,
    }
}

/// Bins for a histogram of increasingly sorted, present values (module docs): Freedman–Diaconis
/// clamped to [`MIN_BINS`]–[`MAX_BINS`], Sturges when the IQR is 0, 1 for a constant column, 0
/// for none.
pub fn histogram_bins(sorted: &[f64]) -> usize {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else { return 0 };
    if min == max {
        return 1;
    }
    let n = sorted.len() as f64;
    let iqr = quantile_sorted(sorted, 0.75) - quantile_sorted(sorted, 0.25);
    let bins = if iqr > 0.0 {
        let width = 2.0 * iqr * n.powf(-1.0 / 3.0);
        ((max - min) / width).ceil()
    } else {
        n.log2().ceil() + 1.0
    };
    // `as` saturates: an enormous ratio is still a number of bins, then clamped.
    (bins as usize).clamp(MIN_BINS, MAX_BINS)
}

/// The equal-width histogram of increasingly sorted values with `bins` bins from the first to
/// the last value (module docs). A constant column is one bin `[v, v]`.
pub fn histogram(sorted: &[f64], bins: usize) -> Histogram {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Histogram { edges: Vec::new(), counts: Vec::new() };
    };
    if bins == 0 {
        return Histogram { edges: Vec::new(), counts: Vec::new() };
    }
    if min == max {
        return Histogram { edges: vec![min, max], counts: vec![sorted.len()] };
    }
    // numpy.linspace: k·step + start, the last edge exactly the stop.
    let step = (max - min) / bins as f64;
    let mut edges: Vec<f64> = (0..=bins).map(|k| k as f64 * step + min).collect();
    if let Some(last) = edges.last_mut() {
        *last = max;
    }
    let mut counts = vec![0usize; bins];
    // The values are sorted: walk the bins alongside, bin k holding edgeₖ ≤ v < edgeₖ₊₁.
    let mut k = 0;
    for &v in sorted {
        while k + 1 < bins && edges.get(k + 1).is_some_and(|&e| v >= e) {
            k += 1;
        }
        if let Some(c) = counts.get_mut(k) {
            *c += 1;
        }
    }
    Histogram { edges, counts }
}

/// The numeric summary of present values (NaN dropped inside).
pub fn summarise_numbers(values: &[f64]) -> (NumericSummary, usize) {
    let present: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    let sorted = sorted(&present);
    let n = sorted.len();
    let distinct = match sorted.first() {
        None => 0,
        Some(_) => 1 + sorted.windows(2).filter(|w| w[0] != w[1]).count(),
    };
    let (min, max) = match (sorted.first(), sorted.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (f64::NAN, f64::NAN),
    };
    let (mean, std) = if n == 0 {
        (f64::NAN, f64::NAN)
    } else if min == max {
        // Exact for a constant column: Σx/n can miss the value by an ulp (0.1 · 3 / 3).
        (min, if n > 1 { 0.0 } else { f64::NAN })
    } else {
        let mean = present.iter().sum::<f64>() / n as f64;
        let ss: f64 = present.iter().map(|x| (x - mean) * (x - mean)).sum();
        (mean, if n > 1 { (ss / (n - 1) as f64).sqrt() } else { f64::NAN })
    };
    let summary = NumericSummary {
        mean,
        std,
        min,
        q1: quantile_sorted(&sorted, 0.25),
        median: quantile_sorted(&sorted, 0.5),
        q3: quantile_sorted(&sorted, 0.75),
        max,
        histogram: histogram(&sorted, histogram_bins(&sorted)),
    };
    (summary, distinct)
}

/// Counts of each category code, most frequent first, ties by code (= first appearance).
pub fn category_counts(codes: &[u32], n_categories: usize) -> Vec<(u32, usize)> {
    let mut counts = vec![0usize; n_categories];
    for &c in codes {
        if let Some(slot) = counts.get_mut(c as usize) {
            *slot += 1;
        }
    }
    // Stable: equal counts keep code order.
    let order = sorted_order(n_categories, &|a, b| counts[b].cmp(&counts[a]));
    order.into_iter().filter(|&c| counts[c] > 0).map(|c| (c as u32, counts[c])).collect()
}

/// The profile of `table`'s column `column` (`None` when there is no such column).
pub fn profile_column(table: &Table, column: usize) -> Option<ColumnProfile> {
    let values = table.column(column)?.values();
    Some(match values {
        Values::Numeric(v) => {
            let (summary, distinct) = summarise_numbers(v);
            let count = v.iter().filter(|x| !x.is_nan()).count();
            ColumnProfile { count, missing: v.len() - count, distinct, summary: Summary::Numeric(summary) }
        }
        Values::Categorical { codes, categories } => {
            let counts = category_counts(codes, categories.len());
            let missing = codes.iter().filter(|&&c| c == MISSING_CODE).count();
            ColumnProfile {
                count: codes.len() - missing,
                missing,
                distinct: counts.len(),
                summary: Summary::Categorical(counts),
            }
        }
    })
}

/// Pearson's r of `x` and `y` over the rows where both are present, and how many rows that is
/// (module docs). NaN for fewer than two rows or a constant side.
pub fn pearson(x: &[f64], y: &[f64]) -> (f64, usize) {
    let pairs = || x.iter().zip(y).filter(|(a, b)| !a.is_nan() && !b.is_nan());
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0usize);
    let (mut x_varies, mut y_varies) = (false, false);
    let mut first: Option<(f64, f64)> = None;
    for (&a, &b) in pairs() {
        sx += a;
        sy += b;
        n += 1;
        match first {
            None => first = Some((a, b)),
            Some((a0, b0)) => {
                x_varies |= a != a0;
                y_varies |= b != b0;
            }
        }
    }
    if n < 2 || !x_varies || !y_varies {
        return (f64::NAN, n);
    }
    let (mx, my) = (sx / n as f64, sy / n as f64);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (&a, &b) in pairs() {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    ((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0), n)
}

/// A numeric column's mean and `Σ (x − x̄)²` when it has no missing value. Two such columns have
/// every row in common, so their `r` needs one pass instead of [`pearson`]'s two, with the same
/// arithmetic in the same order — the same bits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Moments {
    mean: f64,
    ss: f64,
    varies: bool,
}

fn moments(x: &[f64]) -> Option<Moments> {
    let &first = x.first()?;
    if x.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sum = 0.0;
    for &a in x {
        sum += a;
    }
    let mean = sum / x.len() as f64;
    let mut ss = 0.0;
    for &a in x {
        ss += (a - mean) * (a - mean);
    }
    Some(Moments { mean, ss, varies: x.iter().any(|&a| a != first) })
}

/// One entry of the matrix: [`pearson`] (in one pass when both columns are complete), and
/// exactly 1 on the diagonal where it is defined (`s / (√s · √s)` can miss 1 by an ulp).
fn pair(x: &[f64], y: &[f64], mx: Option<Moments>, my: Option<Moments>, diagonal: bool) -> (f64, usize) {
    let (r, rows) = match (mx, my) {
        (Some(a), Some(b)) if x.len() == y.len() => {
            let n = x.len();
            if n < 2 || !a.varies || !b.varies {
                (f64::NAN, n)
            } else {
                let mut sxy = 0.0;
                for (&p, &q) in x.iter().zip(y) {
                    sxy += (p - a.mean) * (q - b.mean);
                }
                ((sxy / (a.ss.sqrt() * b.ss.sqrt())).clamp(-1.0, 1.0), n)
            }
        }
        _ => pearson(x, y),
    };
    (if diagonal && !r.is_nan() { 1.0 } else { r }, rows)
}

/// Profiles a table in units: one column a step, then one pair `(i, j)`, `i ≤ j`, of numeric
/// columns a step (the diagonal included: it is NaN for a constant column). Owns the table while
/// it works; [`finish`](Profiler::finish) hands it back.
#[derive(Debug, Clone)]
pub struct Profiler {
    table: Table,
    columns: Vec<ColumnProfile>,
    numeric: Vec<usize>,
    /// Per numeric column, found in its column step.
    moments: Vec<Option<Moments>>,
    r: Vec<f64>,
    rows_used: Vec<usize>,
    /// Pairs done, in the order (0,0), (0,1) … (0,p−1), (1,1) …
    pairs_done: usize,
    /// The next pair.
    next: (usize, usize),
}

impl Profiler {
    pub fn new(table: Table) -> Self {
        let numeric = table.numeric_columns();
        let p = numeric.len();
        Self {
            columns: Vec::with_capacity(table.n_columns()),
            moments: Vec::with_capacity(p),
            numeric,
            r: vec![f64::NAN; p * p],
            rows_used: vec![0; p * p],
            pairs_done: 0,
            next: (0, 0),
            table,
        }
    }
    /// The table being profiled.
    pub fn table(&self) -> &Table {
        &self.table
    }
    /// Column profiles done so far.
    pub fn columns_done(&self) -> &[ColumnProfile] {
        &self.columns
    }
    fn n_pairs(&self) -> usize {
        let p = self.numeric.len();
        p * (p + 1) / 2
    }
    /// Finishes the work and returns the table and its profile.
    pub fn finish(mut self) -> (Table, Profile) {
        while !self.done() {
            self.step();
        }
        let correlation = Correlation { columns: self.numeric, r: self.r, rows_used: self.rows_used };
        (self.table, Profile { columns: self.columns, correlation })
    }
}

impl Stepping for Profiler {
    fn step(&mut self) {
        let c = self.columns.len();
        if c < self.table.n_columns() {
            if let Some(profile) = profile_column(&self.table, c) {
                self.columns.push(profile);
            }
            if let Some(x) = self.table.column(c).and_then(|col| col.numbers()) {
                self.moments.push(moments(x));
            }
            return;
        }
        if self.done() {
            return;
        }
        let p = self.numeric.len();
        let (i, j) = self.next;
        let column = |k: usize| self.numeric.get(k).and_then(|&c| self.table.column(c)?.numbers());
        if let (Some(x), Some(y)) = (column(i), column(j)) {
            let moment = |k: usize| self.moments.get(k).copied().flatten();
            let (r, rows) = pair(x, y, moment(i), moment(j), i == j);
            for (a, b) in [(i, j), (j, i)] {
                if let Some(slot) = self.r.get_mut(a * p + b) {
                    *slot = r;
                }
                if let Some(slot) = self.rows_used.get_mut(a * p + b) {
                    *slot = rows;
                }
            }
        }
        self.pairs_done += 1;
        self.next = if j + 1 < p { (i, j + 1) } else { (i + 1, i + 1) };
    }
    fn done(&self) -> bool {
        self.columns.len() >= self.table.n_columns() && self.pairs_done >= self.n_pairs()
    }
    /// Units: columns, then pairs of numeric columns.
    fn progress(&self) -> Progress {
        Progress { done: self.columns.len() + self.pairs_done, total: Some(self.table.n_columns() + self.n_pairs()) }
    }
}

/// The correlation matrix of `table`'s numeric columns at once (module docs).
pub fn correlation(table: &Table) -> Correlation {
    let numeric = table.numeric_columns();
    let p = numeric.len();
    let mut r = vec![f64::NAN; p * p];
    let mut rows_used = vec![0; p * p];
    let columns: Vec<&[f64]> = numeric.iter().filter_map(|&c| table.column(c)?.numbers()).collect();
    let moments: Vec<Option<Moments>> = columns.iter().map(|x| moments(x)).collect();
    for (i, x) in columns.iter().enumerate() {
        for (j, y) in columns.iter().enumerate().skip(i) {
            let (value, rows) = pair(x, y, moments[i], moments[j], i == j);
            for at in [i * p + j, j * p + i] {
                r[at] = value;
                rows_used[at] = rows;
            }
        }
    }
    Correlation { columns: numeric, r, rows_used }
}

/// The whole profile at once: every column, then the correlation matrix — what a [`Profiler`]
/// gives in steps.
pub fn profile(table: &Table) -> Profile {
    let columns = (0..table.n_columns()).filter_map(|c| profile_column(table, c)).collect();
    Profile { columns, correlation: correlation(table) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lerp_is_exact_at_both_ends() {
        assert_eq!(lerp(0.1, 0.7, 0.0), 0.1);
        assert_eq!(lerp(0.1, 0.7, 1.0), 0.7);
        assert_eq!(lerp(1.0, 3.0, 0.25), 1.5);
        assert_eq!(lerp(1.0, 3.0, 0.75), 2.5);
    }
}
