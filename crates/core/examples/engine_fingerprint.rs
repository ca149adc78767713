//! Prints the engine's training fingerprint for seeds 1–3 (see `perplexed_core::tensor::fingerprint`),
//! then one line per model family and seed (see `perplexed_core::fingerprint`), always in the
//! same order. The test command runs this natively and as WebAssembly and requires identical
//! output:
//!
//! ```text
//! cargo run --release -p perplexed-core --example engine_fingerprint
//! ```

use perplexed_core::fingerprint::{family_fingerprint, Family};
use perplexed_core::tensor::fingerprint::training_fingerprint;

/// Seeds of the per-family runs.
const FAMILY_SEEDS: [u64; 5] = [1, 2, 3, 4, 5];

fn main() {
    for seed in 1..=3 {
        let f = training_fingerprint(seed);
        let first = f.losses.first().copied().unwrap_or(f32::NAN);
        let last = f.losses.last().copied().unwrap_or(f32::NAN);
        println!("seed {seed}: {:016x} (losses {first:.6} … {last:.6})", f.hash);
    }
    for family in Family::ALL {
        for seed in FAMILY_SEEDS {
            match family_fingerprint(family, seed) {
                Ok(hash) => println!("{} seed {seed}: {hash:016x}", family.slug()),
                // Printed, not hidden: the two outputs then differ or show the error, and the
                // test command fails either way.
                Err(e) => println!("{} seed {seed}: error: {e}", family.slug()),
            }
        }
    }
}
