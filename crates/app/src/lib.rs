//! The Perplexed web page as a library, so its pure parts (address parsing, translations,
//! colour scales, layouts) are unit-tested natively with `cargo test -p perplexed-app`.

pub mod context;
pub mod i18n;
pub mod query;
pub mod components;
pub mod labs;
pub mod app;
pub mod view_modes;
pub mod lesson;
pub mod home_text;
#[cfg(test)] mod fuzz;

/// The whole `main` of a bundle (`src/bin/*.rs`): `lab_main!(trees)` mounts the shell around
/// the trees lab, `lab_main!()` around the home page. Native builds get a `main` that says what
/// the binary is, so `cargo test --workspace` compiles every bundle.
#[macro_export]
macro_rules! lab_main {
    () => {
        $crate::lab_main!(@main None, $crate::app::home_page);
    };
    ($lab:ident) => {
        $crate::lab_main!(@main Some((&$crate::labs::$lab::LAB, $crate::labs::$lab::HEADING)), $crate::labs::$lab::page);
    };
    // A further page of a lab (`Lab::parts`): the same lab, another page function.
    ($lab:ident, $page:ident) => {
        $crate::lab_main!(@main Some((&$crate::labs::$lab::LAB, $crate::labs::$lab::HEADING)), $crate::labs::$lab::$page);
    };
    (@main $lab:expr, $page:expr) => {
        #[cfg(target_arch = "wasm32")]
        fn main() {
            $crate::app::start($lab, $page);
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn main() {
            eprintln!("this is a bundle of the Perplexed web page: build it with `trunk build` (see README.md).");
        }
    };
}
