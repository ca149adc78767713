//! The data lab's workflow (`perplexed_core::workflow`) in one test binary: the splits, the six
//! models behind `ModelFit`, the evaluation against scikit-learn, and the two traps. One binary
//! instead of four: each test file is a crate of its own, and linking them dominates a cold run.

#[path = "workflow/data.rs"]
mod data;
#[path = "workflow/demos.rs"]
mod demos;
#[path = "workflow/models.rs"]
mod models;
#[path = "workflow/reference.rs"]
mod reference;
#[path = "workflow/split.rs"]
mod split;
