//! Perplexed: a guide for the perplexed to machine learning, live in the browser.
//!
//! The page is a shell (language, navigation, notices) around a registry of labs; every lab's
//! maths lives in `perplexed-core`, and this crate only shows it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(perplexed_app::app::App);
}

/// Native builds exist only to run the unit tests of the pure parts.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("perplexed-app is a web page: build it with `trunk build` (see README.md).");
}
