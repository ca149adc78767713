//! # Tables: the data lab's real data, read, profiled and prepared
//!
//! The data scientist's first hour with a table, in four steps, each its own module:
//!
//! 1. [`csv`]: the file's text → a [`RawTable`] of text cells (RFC 4180 CSV and TSV, the
//!    delimiter detected, structured errors with line and column, limits; a slice of rows at a
//!    time);
//! 2. [`cells`]: text cells → a typed, column-major [`Table`]: numbers (`f64`, NaN missing) or
//!    categories (codes into a dictionary), the kind inferred and overridable;
//! 3. [`profile`](mod@profile): each column summarised (counts, mean, standard deviation, NumPy's quartiles, a
//!    histogram; counts of each category) and Pearson's correlation matrix of the numeric
//!    columns;
//! 4. [`prepare`]: target and features → `x` and `y` for a model: missing values dropped or
//!    filled, numbers standardised, categories one-hot encoded — every statistic learned from the
//!    training rows only (and the leaky alternative, for the lab to show why not).
//!
//! Everything that can take a while on 50,000 rows × 100 columns is a
//! [`Stepping`](crate::stepping::Stepping): [`CsvReader`] (rows), [`TableBuilder`] (columns),
//! [`Profiler`] (columns, then pairs of columns).
//!
//! A file is user input: nothing here panics on any bytes, and every refusal is a value (an enum
//! with its numbers, a line and a column) that the page turns into a sentence in the visitor's
//! language.

pub mod cells;
pub mod csv;
pub mod prepare;
pub mod profile;

pub use cells::{Column, Kind, Table, TableBuilder, Values};
pub use csv::{parse, CsvError, CsvErrorReason, CsvReader, RawTable};
pub use prepare::{MissingRule, PrepError, PrepSpec, Prepared, Preparation};
pub use profile::{profile, ColumnProfile, Profile, Profiler, Summary};
