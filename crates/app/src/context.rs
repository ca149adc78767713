//! What the shell gives every page: the language, the notice line and presenter mode. Its own module so the
//! labs and the shared components reach it without importing the shell (`app`), which imports
//! the labs.

use leptos::prelude::*;

use crate::i18n::Lang;
use crate::query::Rejected;

/// What every lab can reach: the language, and the notice line.
#[derive(Clone, Copy)]
pub struct AppContext {
    pub lang: RwSignal<Lang>,
    /// Parameters of the current address that were not understood.
    pub rejected: RwSignal<Vec<Rejected>>,
    /// Presenter mode (`view_modes`): kept in the address as `present=1`.
    pub present: RwSignal<bool>,
}

impl AppContext {
    pub fn new(lang: Lang) -> Self {
        AppContext { lang: RwSignal::new(lang), rejected: RwSignal::new(Vec::new()), present: RwSignal::new(false) }
    }

    /// The shell's context, or a detached one (English, no notice) for a lab mounted alone.
    pub fn current() -> Self {
        use_context::<AppContext>().unwrap_or_else(|| AppContext::new(Lang::En))
    }

    /// Shows (or clears) the notice for a lab's address.
    pub fn report_rejected(&self, rejected: Vec<Rejected>) {
        self.rejected.set(rejected);
    }
}

/// This browser's storage for the site (the language, the theme, pasted text, the lesson being
/// written); none in a privacy mode that refuses it.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
