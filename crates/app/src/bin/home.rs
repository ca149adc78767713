//! Perplexed's home page: the map of the thread's concepts and the list of labs.
//!
//! The shell (language, navigation, notices) around the home page. Trunk builds every bundle
//! from `index.html`, whose loader picks one from `?lab=` (this one when there is none, or an
//! unknown one).

#[cfg(target_arch = "wasm32")]
fn main() {
    perplexed_app::app::start(None, None);
}

/// Native builds exist only so `cargo test --workspace` compiles every bundle.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a bundle of the Perplexed web page: build it with `trunk build` (see README.md).");
}
