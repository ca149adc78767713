//! "No allocation per step": a trajectory allocates its two output buffers once, whatever the
//! number of steps; mini-batch sampling, mini-batch gradients and a reused contour grid allocate
//! nothing. Counted by a per-thread counting allocator (as in `nn_alloc.rs`).

use perplexed_core::optim::optimizers::{OptimizerConfig, OptimizerKind};
use perplexed_core::optim::surface::{minibatch_trajectory, trajectory, Surface, SurfaceKind};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::count;



#[test]
fn surface_descent_allocates_nothing_per_step() {
    assert!(count(|| drop(std::hint::black_box(vec![1u8; 10]))) > 0, "the counter counts");
    let s = Surface::new(SurfaceKind::LinReg, 10.0, 0).unwrap();
    for kind in OptimizerKind::ALL {
        let cfg = OptimizerConfig::new(kind, 0.01);
        let short = count(|| drop(trajectory(&s, &cfg, s.default_start(), 10).unwrap()));
        let long = count(|| drop(trajectory(&s, &cfg, s.default_start(), 5000).unwrap()));
        assert_eq!(short, long, "{kind:?}: allocations grow with the number of steps");
        let short = count(|| drop(minibatch_trajectory(&s, &cfg, s.default_start(), 10, 4, 0).unwrap()));
        let long = count(|| drop(minibatch_trajectory(&s, &cfg, s.default_start(), 5000, 4, 0).unwrap()));
        assert_eq!(short, long, "{kind:?}: mini-batch allocations grow with the number of steps");
    }
    let mut sampler = s.batch_sampler(7, 1);
    let n = count(|| {
        for _ in 0..100 {
            let b = sampler.next_batch();
            std::hint::black_box(s.minibatch_gradient(1.0, 1.0, b));
        }
    });
    assert_eq!(n, 0);
    let mut out = Vec::new();
    s.grid_values_into(100, &s.default_window(), &mut out);
    assert_eq!(count(|| s.grid_values_into(100, &s.default_window(), &mut out)), 0);
    assert_eq!(count(|| s.grid_values_into(50, &s.default_window(), &mut out)), 0);
}
