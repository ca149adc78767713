//! The real tables the workflow tests share (web/data), read and prepared as the data lab
//! does: `table::parse`, a split, a `Preparation` fitted on the training rows.

#![allow(dead_code)]

use perplexed_core::data::split::Split;
use perplexed_core::table::cells::Table;
use perplexed_core::table::csv::parse;
use perplexed_core::table::prepare::{PrepSpec, Prepared, Preparation};

pub const IRIS: &str = include_str!("../../../../web/data/iris.csv");
pub const WINE: &str = include_str!("../../../../web/data/wine.csv");
pub const BREAST_CANCER: &str = include_str!("../../../../web/data/breast-cancer.csv");

pub fn table(text: &str) -> Table {
    Table::from_raw(parse(text).unwrap())
}

/// `target` (by name) from every other column.
pub fn spec(table: &Table, target: &str) -> PrepSpec {
    let t = table.find(target).unwrap();
    PrepSpec::new(t, (0..table.n_columns()).filter(|&c| c != t).collect())
}

/// Train, validation and test rows prepared with statistics of the training rows.
pub struct Parts {
    pub prep: Preparation,
    pub train: Prepared,
    pub val: Prepared,
    pub test: Prepared,
}

impl Parts {
    pub fn n_classes(&self) -> usize {
        self.prep.classes().len()
    }
}

pub fn prepare(table: &Table, spec: &PrepSpec, split: &Split) -> Parts {
    let prep = Preparation::fit(table, spec, &split.train).unwrap();
    Parts {
        train: prep.transform(table, &split.train).unwrap(),
        val: prep.transform(table, &split.val).unwrap(),
        test: prep.transform(table, &split.test).unwrap(),
        prep,
    }
}
