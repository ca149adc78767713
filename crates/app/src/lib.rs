//! The Perplexed web page as a library, so its pure parts (address parsing, translations,
//! colour scales, layouts) are unit-tested natively with `cargo test -p perplexed-app`.

pub mod i18n;
pub mod query;
pub mod components;
pub mod labs;
pub mod app;
