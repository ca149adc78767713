//! # Two ways a validation score lies: leakage and distribution shift
//!
//! **Leakage** ([`with_leak_column`]). A column that secretly encodes the answer — a "date the
//! loan was written off" in a table predicting defaults, a diagnosis code among the symptoms —
//! is present in the historical table the model is built from, but not when the model is used:
//! then the answer is not known yet. The demonstration adds such a column, named
//! [`LEAK_COLUMN`]:
//!
//! ```text
//! training and validation rows:  leak = target + ε        (class code, or the value; ε small seeded noise)
//! test rows ("in battle"):       leak = the same values, shuffled among the test rows
//! ```
//!
//! — the test rows' column has the right distribution but no link to their own target, as a
//! value filled in before the answer exists would. A model that may use it learns "read the
//! leak": its validation score is nearly perfect, and on the test rows it falls, below the
//! honest model without the column. The gap between validation and test is the lesson: a
//! too-good validation score is a reason to look for a leak.
//!
//! The noise: `ε = 0.05·N(0, 1)` for a class code (classes are 1 apart, so it never blurs
//! them), `ε = 0.05·σ·N(0, 1)` for a value (`σ` the target's standard deviation). A row with a
//! missing target gets a missing leak.
//!
//! **Distribution shift** is [`shifted_split`](super::split::shifted_split): test rows unlike
//! every training row (the largest of some column).

use crate::data::split::{Role, Split};
use crate::error::ParamError;
use crate::rng::Rng;
use crate::table::cells::{Column, Table, Values, MISSING_CODE};

/// Name of the column [`with_leak_column`] adds (always the last column).
pub const LEAK_COLUMN: &str = "leak";

/// Stream id of the leak's noise and its test rows' shuffle (`"WF"` and 6).
pub const LEAK_STREAM: u64 = 0x5746_0006;

/// Relative size of the leak's noise (module docs).
pub const LEAK_NOISE: f64 = 0.05;

/// A copy of `table` with a numeric column [`LEAK_COLUMN`] added last that encodes column
/// `target` on every row except the test rows of `split` (module docs).
///
/// Errors: `"target"` (no such column), `"split"` (its roles are not one per table row).
pub fn with_leak_column(table: &Table, target: usize, split: &Split, seed: u64) -> Result<Table, ParamError> {
    let Some(column) = table.column(target) else {
        return Err(ParamError::out_of_range("target", 0.0, table.n_columns() as f64 - 1.0, target as f64));
    };
    let n = table.n_rows();
    if split.roles.len() != n {
        return Err(ParamError::length_mismatch("split", n, split.roles.len()));
    }
    // The target as numbers: a category's code, or the value; NaN when missing.
    let answer: Vec<f64> = match column.values() {
        Values::Numeric(v) => v.clone(),
        Values::Categorical { codes, .. } => {
            codes.iter().map(|&c| if c == MISSING_CODE { f64::NAN } else { f64::from(c) }).collect()
        }
    };
    let noise_scale = match column.values() {
        Values::Categorical { .. } => LEAK_NOISE,
        Values::Numeric(v) => {
            let present: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
            let m = present.len().max(1) as f64;
            let mean = present.iter().sum::<f64>() / m;
            let std = (present.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / m).sqrt();
            LEAK_NOISE * if std > 0.0 && std.is_finite() { std } else { 1.0 }
        }
    };
    let mut rng = Rng::stream(seed, LEAK_STREAM);
    let mut leak: Vec<f64> = answer.iter().map(|&a| a + noise_scale * f64::from(rng.normal())).collect();
    // In battle the answer is not known: the test rows' values, shuffled among them.
    let test: Vec<usize> = (0..n).filter(|&r| split.roles[r] == Role::Test).collect();
    let mut shuffled = test.clone();
    rng.shuffle(&mut shuffled);
    let values: Vec<f64> = shuffled.iter().map(|&r| leak[r]).collect();
    for (&r, v) in test.iter().zip(values) {
        leak[r] = v;
    }
    table.with_column(Column::new(LEAK_COLUMN, Values::Numeric(leak)))
}
