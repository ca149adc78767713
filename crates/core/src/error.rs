//! Readable errors for invalid settings.
//!
//! Every constructor that takes user-controlled settings validates them once and returns
//! `Err(ParamError)` instead of panicking: a panic in WebAssembly kills the whole page.

use std::fmt;

/// A setting out of its allowed range, or an impossible combination of settings.
///
/// `field` names the parameter (the same name as its URL query parameter where there is one),
/// `message` says in plain English what is wrong and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    pub field: &'static str,
    pub message: String,
}

impl ParamError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self { field, message: message.into() }
    }
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ParamError {}
