//! The fingerprint that the test command compares between native code and WebAssembly
//! (`scripts/test.sh`): it must be a function of the seed alone, differ between seeds, and come
//! from models that actually train (a fingerprint of NaNs would match everywhere and prove
//! nothing).

use perplexed_core::tensor::fingerprint::{training_fingerprint, STEPS};

#[test]
fn the_fingerprint_depends_on_the_seed_alone_and_comes_from_learning_models() {
    let a = training_fingerprint(1);
    assert_eq!(a, training_fingerprint(1), "the same seed, the same bits");
    assert_ne!(a.hash, training_fingerprint(2).hash, "another seed, another run");
    assert_eq!(a.losses.len(), 3 * STEPS);
    assert!(a.losses.iter().all(|l| l.is_finite()), "{:?}", a.losses);
    for (model, run) in a.losses.chunks(STEPS).enumerate() {
        assert!(run[STEPS - 1] < run[0], "model {model} learns: {run:?}");
    }
}
