//! The overfitting lab of Perplexed, as its own bundle.
//!
//! The shell (language, navigation, notices) around this lab alone. Trunk builds every bundle
//! from `index.html`, whose loader picks one from `?lab=`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use perplexed_app::labs::overfitting;
    perplexed_app::app::start(Some(&overfitting::LAB), Some(overfitting::page));
}

/// Native builds exist only so `cargo test --workspace` compiles every bundle.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a bundle of the Perplexed web page: build it with `trunk build` (see README.md).");
}
