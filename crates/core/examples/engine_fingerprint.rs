//! Prints the engine's training fingerprint for seeds 1–3 (see `perplexed_core::tensor::fingerprint`).
//! The test command runs this natively and as WebAssembly and requires identical output:
//!
//! ```text
//! cargo run --release -p perplexed-core --example engine_fingerprint
//! ```

use perplexed_core::tensor::fingerprint::training_fingerprint;

fn main() {
    for seed in 1..=3 {
        let f = training_fingerprint(seed);
        let first = f.losses.first().copied().unwrap_or(f32::NAN);
        let last = f.losses.last().copied().unwrap_or(f32::NAN);
        println!("seed {seed}: {:016x} (losses {first:.6} … {last:.6})", f.hash);
    }
}
