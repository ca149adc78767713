//! The words the lab uses for a learning rate: on the bowl ½(x² + κy²) plain gradient descent
//! multiplies x by (1 − η) and y by (1 − ηκ) per step, so η ≪ 1/κ crawls, η just under 2/κ
//! oscillates (1 − ηκ close to −1), η = 1/κ converges, and η > 2/κ diverges.

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::optim::surface::{trajectory, verdict, Surface, SurfaceKind, Verdict};

#[test]
fn gradient_descent_on_the_bowl_gets_the_right_word_for_each_learning_rate() {
    let kappa = 10.0;
    let bowl = Surface::new(SurfaceKind::Bowl, kappa, 1).unwrap();
    let start = bowl.default_start();
    let run = |lr: f32, steps| {
        let t = trajectory(&bowl, &OptimizerConfig::new(OptimizerKind::Sgd, lr), start, steps).unwrap();
        verdict(&bowl, &t)
    };
    // η = 1e-4: after 100 steps x has shrunk by (1 − 1e-4)^100 ≈ 0.99 — crawling.
    assert_eq!(run(1e-4, 100), Verdict::Crawling);
    // η = 0.199: y flips sign each step (1 − 1.99 = −0.99): after 40 steps |y| = 0.99^40 ≈ 0.67,
    // so f ≈ ½·10·0.45 ≈ 2.2 of the starting 8.1 — not converged, and every step reverses.
    assert_eq!(run(0.199, 40), Verdict::Oscillating);
    // η = 0.1 = 1/κ: y is solved in one step, x shrinks by 0.9 per step: 0.9^200 ≈ 7e-10.
    assert_eq!(run(0.1, 200), Verdict::Converged);
    // η = 0.25 > 2/κ: |1 − 2.5| = 1.5 per step, escapes.
    assert_eq!(run(0.25, 400), Verdict::Diverged);
}
