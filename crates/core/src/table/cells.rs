//! # From text cells to typed columns
//!
//! A CSV cell is text; a column of a [`Table`] is either **numeric** (`f64`, a missing value as
//! NaN) or **categorical** (an index into the column's dictionary of values, a missing value as
//! [`MISSING_CODE`]). The store is column-major: one flat buffer per column.
//!
//! Each cell is trimmed first. Then, case-insensitively:
//!
//! - a **missing** value is one of [`MISSING_MARKERS`]: `""`, `NA`, `N/A`, `NaN`, `null`, `?`;
//! - a **number** is `[+|-] digits [. digits] [(e|E) [+|-] digits]` with at least one digit
//!   before or after the point (`1e3`, `-2.5`, `+4`, `.5`, `5.` are numbers; `1,5`, `1 000`,
//!   `0x10`, `inf` are not), and finite (`1e999` is not).
//!
//! The kind of a column is inferred ([`infer_kind`]):
//!
//! - **categorical** when some non-missing cell is not a number — one `1,5` among a thousand
//!   numbers makes the column categorical, so nothing is silently thrown away and the profile
//!   shows the odd value among the categories;
//! - **categorical** too when its values are few whole numbers: every value whole, at most
//!   [`FEW_DISTINCT`] = 10 distinct, and each appearing twice on average (non-missing cells
//!   ≥ 2 × distinct). A class code `0/1/2`, a rating from 1 to 5 or a count of children is shown
//!   as counts of each value and one-hot encoded, and a target of this kind makes a
//!   classification problem; the average-of-two condition keeps a tiny table of whole
//!   measurements numeric;
//! - **numeric** otherwise (a column with no value at all is numeric, every cell missing).
//!
//! The kind can be overridden ([`Table::set_kind`]); the conversion always starts from the
//! column as it was read, so switching back and forth loses nothing. Categorical → numeric parses
//! each category: a category that is not a number becomes missing and is counted as
//! [`Column::unparsed`]. Numeric → categorical names each value by its shortest exact decimal
//! (`5.10` in the file becomes the category `5.1`).
//!
//! Dictionary order is first appearance, top to bottom. Building a table is one column per
//! [`Stepping::step`] of a [`TableBuilder`].

use std::collections::HashMap;

use crate::error::ParamError;
use crate::shared::slug_enum;
use crate::stepping::{Progress, Stepping};

use super::csv::RawTable;

/// The code of a missing value in a categorical column.
pub const MISSING_CODE: u32 = u32::MAX;

/// Cells that mean "no value", compared case-insensitively after trimming.
pub const MISSING_MARKERS: [&str; 6] = ["", "NA", "N/A", "NaN", "null", "?"];

/// Whole-number columns with at most this many distinct values are inferred categorical.
pub const FEW_DISTINCT: usize = 10;

slug_enum! {
    /// What a column holds.
    pub enum Kind {
        /// Numbers: a mean, a histogram, standardised as a feature.
        Numeric => "numeric",
        /// Values from a list: counts of each, one-hot encoded as a feature.
        Categorical => "categorical",
    }
}

/// A column's cells.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// One number per row; NaN is missing.
    Numeric(Vec<f64>),
    /// One code per row into `categories` (first appearance order); [`MISSING_CODE`] is missing.
    Categorical { codes: Vec<u32>, categories: Vec<String> },
}

impl Values {
    pub fn kind(&self) -> Kind {
        match self {
            Values::Numeric(_) => Kind::Numeric,
            Values::Categorical { .. } => Kind::Categorical,
        }
    }
    /// Rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Numeric(v) => v.len(),
            Values::Categorical { codes, .. } => codes.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether row `row` has no value (a row out of range counts as missing).
    pub fn is_missing(&self, row: usize) -> bool {
        match self {
            Values::Numeric(v) => v.get(row).is_none_or(|x| x.is_nan()),
            Values::Categorical { codes, .. } => codes.get(row).is_none_or(|&c| c == MISSING_CODE),
        }
    }
    /// The cell as text: a number by its shortest exact decimal, a category by its name, `None`
    /// when missing.
    pub fn text(&self, row: usize) -> Option<String> {
        match self {
            Values::Numeric(v) => v.get(row).filter(|x| !x.is_nan()).map(|x| x.to_string()),
            Values::Categorical { codes, categories } => {
                codes.get(row).and_then(|&c| categories.get(c as usize)).cloned()
            }
        }
    }
}

/// A named, typed column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    name: String,
    /// The column as read, in its inferred kind.
    inferred: Values,
    /// The column in an overridden kind, if it was overridden.
    overridden: Option<Values>,
    /// Cells of the overridden numeric column that were neither missing nor numbers.
    unparsed: usize,
}

impl Column {
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The kind in use (inferred or set).
    pub fn kind(&self) -> Kind {
        self.values().kind()
    }
    /// The kind the cells suggested.
    pub fn inferred_kind(&self) -> Kind {
        self.inferred.kind()
    }
    pub fn values(&self) -> &Values {
        self.overridden.as_ref().unwrap_or(&self.inferred)
    }
    /// The numbers, when numeric.
    pub fn numbers(&self) -> Option<&[f64]> {
        match self.values() {
            Values::Numeric(v) => Some(v),
            Values::Categorical { .. } => None,
        }
    }
    /// Codes and dictionary, when categorical.
    pub fn categories(&self) -> Option<(&[u32], &[String])> {
        match self.values() {
            Values::Categorical { codes, categories } => Some((codes, categories)),
            Values::Numeric(_) => None,
        }
    }
    /// Cells that are neither missing nor numbers in a column set to numeric: they count as
    /// missing (0 unless the kind was overridden).
    pub fn unparsed(&self) -> usize {
        self.unparsed
    }
    /// A column made by code rather than read from a file (a derived or demonstration column):
    /// `values` is its kind as read, with no override.
    pub fn new(name: impl Into<String>, values: Values) -> Column {
        Column { name: name.into(), inferred: values, overridden: None, unparsed: 0 }
    }
}

/// A table: named, typed columns of equal length.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    columns: Vec<Column>,
    n_rows: usize,
}

impl Table {
    /// Types every column of `raw` at once ([`TableBuilder`] run to the end).
    pub fn from_raw(raw: RawTable) -> Table {
        TableBuilder::new(raw).finish()
    }
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }
    pub fn n_columns(&self) -> usize {
        self.columns.len()
    }
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }
    pub fn column(&self, column: usize) -> Option<&Column> {
        self.columns.get(column)
    }
    /// The index of the column called `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
    /// Column names in order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.columns.iter().map(|c| c.name.as_str())
    }
    /// Indices of the numeric columns.
    pub fn numeric_columns(&self) -> Vec<usize> {
        (0..self.columns.len()).filter(|&i| self.columns[i].kind() == Kind::Numeric).collect()
    }

    /// A table of `columns` made by code. Errors: field `"columns"` when they differ in length
    /// (the first column's length is expected).
    pub fn from_columns(columns: Vec<Column>) -> Result<Table, ParamError> {
        let n_rows = columns.first().map_or(0, |c| c.values().len());
        if let Some(c) = columns.iter().find(|c| c.values().len() != n_rows) {
            return Err(ParamError::length_mismatch("columns", n_rows, c.values().len()));
        }
        Ok(Table { columns, n_rows })
    }

    /// A copy of this table with `column` added last. Errors: field `"columns"` when its length
    /// is not the table's number of rows.
    pub fn with_column(&self, column: Column) -> Result<Table, ParamError> {
        if column.values().len() != self.n_rows {
            return Err(ParamError::length_mismatch("columns", self.n_rows, column.values().len()));
        }
        let mut columns = self.columns.clone();
        columns.push(column);
        Ok(Table { columns, n_rows: self.n_rows })
    }

    /// Treats `column` as `kind` (see the module docs for the conversions). Setting the inferred
    /// kind restores the column as read. Errors: field `"column"` out of range.
    pub fn set_kind(&mut self, column: usize, kind: Kind) -> Result<(), ParamError> {
        let n = self.columns.len();
        let Some(col) = self.columns.get_mut(column) else {
            return Err(ParamError::out_of_range("column", 0.0, n as f64 - 1.0, column as f64));
        };
        if kind == col.inferred.kind() {
            col.overridden = None;
            col.unparsed = 0;
            return Ok(());
        }
        let (values, unparsed) = match &col.inferred {
            Values::Categorical { codes, categories } => {
                let numbers: Vec<Option<f64>> = categories.iter().map(|c| parse_number(c)).collect();
                let mut unparsed = 0;
                let v = codes
                    .iter()
                    .map(|&c| match numbers.get(c as usize) {
                        Some(Some(x)) => *x,
                        Some(None) => {
                            unparsed += 1;
                            f64::NAN
                        }
                        None => f64::NAN,
                    })
                    .collect();
                (Values::Numeric(v), unparsed)
            }
            Values::Numeric(v) => {
                let texts: Vec<Option<String>> = v.iter().map(|x| (!x.is_nan()).then(|| x.to_string())).collect();
                (categorise(texts.iter().map(|t| t.as_deref())), 0)
            }
        };
        col.overridden = Some(values);
        col.unparsed = unparsed;
        Ok(())
    }
}

/// Whether a (trimmed or untrimmed) cell is one of the [`MISSING_MARKERS`].
pub fn is_missing(cell: &str) -> bool {
    let t = cell.trim();
    MISSING_MARKERS.iter().any(|m| t.eq_ignore_ascii_case(m))
}

/// The number a (trimmed or untrimmed) cell holds, by the grammar in the module docs: `None`
/// for anything else, including a non-finite value.
pub fn parse_number(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let b = t.as_bytes();
    let digits_from = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_end = digits_from(i);
    let mut digits = int_end - i;
    i = int_end;
    if b.get(i) == Some(&b'.') {
        let frac_end = digits_from(i + 1);
        digits += frac_end - (i + 1);
        i = frac_end;
    }
    if digits == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_end = digits_from(i);
        if exp_end == i {
            return None;
        }
        i = exp_end;
    }
    if i != b.len() {
        return None;
    }
    // Rust's parser is correctly rounded, like every other serious one: the same text gives the
    // same f64 as NumPy's.
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// The kind [`infer_kind`] would give, and the cells typed in that kind, for one column's cells.
fn type_column(cells: &mut dyn Iterator<Item = &str>) -> Values {
    // One dictionary of the distinct trimmed texts: each is parsed as a number once, however
    // many times it appears.
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut texts: Vec<&str> = Vec::new();
    let mut codes: Vec<u32> = Vec::new();
    for cell in cells {
        let t = cell.trim();
        if is_missing(t) {
            codes.push(MISSING_CODE);
            continue;
        }
        let code = *index.entry(t).or_insert_with(|| {
            texts.push(t);
            (texts.len() - 1) as u32
        });
        codes.push(code);
    }
    let numbers: Option<Vec<f64>> = texts.iter().map(|t| parse_number(t)).collect();
    let categorical = |codes: Vec<u32>| Values::Categorical { codes, categories: texts.iter().map(|t| t.to_string()).collect() };
    let Some(numbers) = numbers else {
        return categorical(codes);
    };
    let present = codes.iter().filter(|&&c| c != MISSING_CODE).count();
    if few_whole_numbers(&numbers, present) {
        return categorical(codes);
    }
    Values::Numeric(codes.iter().map(|&c| numbers.get(c as usize).copied().unwrap_or(f64::NAN)).collect())
}

/// Every value whole, at most [`FEW_DISTINCT`] distinct values (the dictionary's numbers may
/// repeat a value: `1` and `1.0`), and `present ≥ 2 × distinct`.
fn few_whole_numbers(dictionary: &[f64], present: usize) -> bool {
    if dictionary.is_empty() || dictionary.iter().any(|x| x.fract() != 0.0) {
        return false;
    }
    let mut distinct: Vec<f64> = Vec::new();
    for &x in dictionary {
        if !distinct.contains(&x) {
            distinct.push(x);
            if distinct.len() > FEW_DISTINCT {
                return false;
            }
        }
    }
    present >= 2 * distinct.len()
}

/// Codes in first-appearance order for texts (`None` is missing).
fn categorise<'a>(texts: impl Iterator<Item = Option<&'a str>>) -> Values {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut categories: Vec<String> = Vec::new();
    let codes = texts
        .map(|t| match t {
            None => MISSING_CODE,
            Some(t) => *index.entry(t).or_insert_with(|| {
                categories.push(t.to_string());
                (categories.len() - 1) as u32
            }),
        })
        .collect();
    Values::Categorical { codes, categories }
}

/// The kind a column of cells is inferred to have (see the module docs).
pub fn infer_kind<'a>(cells: impl IntoIterator<Item = &'a str>) -> Kind {
    type_column(&mut cells.into_iter()).kind()
}

/// Types a [`RawTable`] one column per step, so 100 columns of 50,000 cells never hold a frame.
#[derive(Debug, Clone)]
pub struct TableBuilder {
    raw: RawTable,
    columns: Vec<Column>,
}

impl TableBuilder {
    pub fn new(raw: RawTable) -> Self {
        Self { columns: Vec::with_capacity(raw.n_columns()), raw }
    }
    /// Types the columns left and returns the table.
    pub fn finish(mut self) -> Table {
        while !self.done() {
            self.step();
        }
        Table { columns: self.columns, n_rows: self.raw.n_rows() }
    }
}

impl Stepping for TableBuilder {
    /// Types one column.
    fn step(&mut self) {
        let c = self.columns.len();
        let Some(name) = self.raw.names().get(c) else { return };
        let inferred = type_column(&mut self.raw.column_cells(c));
        self.columns.push(Column { name: name.clone(), inferred, overridden: None, unparsed: 0 });
    }
    fn done(&self) -> bool {
        self.columns.len() >= self.raw.n_columns()
    }
    fn progress(&self) -> Progress {
        Progress { done: self.columns.len(), total: Some(self.raw.n_columns()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_by_the_grammar() {
        for (text, want) in [
            ("1e3", Some(1000.0)),
            ("-2.5", Some(-2.5)),
            ("+4", Some(4.0)),
            (" .5 ", Some(0.5)),
            ("5.", Some(5.0)),
            ("-1.5E-2", Some(-0.015)),
            ("007", Some(7.0)),
        ] {
            assert_eq!(parse_number(text), want, "{text:?}");
        }
        for text in ["1,5", "1 000", "0x10", "inf", "NaN", "", ".", "+", "1e", "1e+", "e5", "--1", "1.2.3", "1e999", "½"] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn missing_markers_ignore_case_and_spaces() {
        for text in ["", "  ", "na", "N/a", "nan", "NULL", " ? "] {
            assert!(is_missing(text), "{text:?}");
        }
        for text in ["0", "none", "-", "n.a."] {
            assert!(!is_missing(text), "{text:?}");
        }
    }

    #[test]
    fn few_whole_numbers_by_hand() {
        // 0/1 in 4 cells: 2 distinct, 4 ≥ 2·2.
        assert!(few_whole_numbers(&[0.0, 1.0], 4));
        // ... in 3 cells: 3 < 4, a tiny table stays numeric.
        assert!(!few_whole_numbers(&[0.0, 1.0], 3));
        // 1 and 1.0 are one value.
        assert!(few_whole_numbers(&[1.0, 1.0, 2.0], 4));
        assert!(!few_whole_numbers(&[0.5, 1.0], 100));
        let eleven: Vec<f64> = (0..11).map(f64::from).collect();
        assert!(!few_whole_numbers(&eleven, 1000));
        assert!(few_whole_numbers(&eleven[..10], 1000));
    }
}
