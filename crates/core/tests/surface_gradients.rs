//! Every surface's analytic gradient against central finite differences of its value, at many
//! points: a 30 × 30 grid over each default window (shifted off the grid lines, so no point sits
//! on a symmetry axis), 300 seeded random points of a window three times larger, and the
//! minima and starts. Bowl for several κ, linear regression for several data seeds.
//!
//! Central differences in f64 with `h = 1e-5·max(1, |coordinate|)`: the truncation error is
//! `h²·|f'''|/6` and the rounding error about `2⁻⁵²·|f|/h`; on these windows both stay below
//! `1e-7·(1 + |∇f| + |f|)` (measured: at most 6e-8, Rosenbrock; the quadratics 5e-11), so the
//! tolerance `1e-6·(1 + |∇f| + |f|)` has a margin of over 15 and still catches a wrong factor or
//! sign anywhere (those are errors of order |∇f|).

use perplexed_core::optim::surface::{Surface, SurfaceKind};
use perplexed_core::rng::Rng;

fn surfaces() -> Vec<Surface> {
    let mut v = Vec::new();
    for kind in SurfaceKind::ALL {
        v.push(Surface::new(kind, 10.0, 1).unwrap());
    }
    for kappa in [1.0, 3.7, 100.0] {
        v.push(Surface::new(SurfaceKind::Bowl, kappa, 0).unwrap());
    }
    for seed in [2, 99, u64::MAX] {
        v.push(Surface::new(SurfaceKind::LinReg, 10.0, seed).unwrap());
    }
    v
}

/// Largest scaled deviation `|∇f − FD| / (1 + |∇f| + |f|)` over the points.
fn worst_fd_error(s: &Surface, points: &[[f64; 2]]) -> f64 {
    let mut worst = 0.0f64;
    for &[x, y] in points {
        let g = s.gradient_f64(x, y);
        let f = s.value_f64(x, y);
        let (hx, hy) = (1e-5 * x.abs().max(1.0), 1e-5 * y.abs().max(1.0));
        let fd = [
            (s.value_f64(x + hx, y) - s.value_f64(x - hx, y)) / (2.0 * hx),
            (s.value_f64(x, y + hy) - s.value_f64(x, y - hy)) / (2.0 * hy),
        ];
        let scale = 1.0 + g[0].abs().max(g[1].abs()) + f.abs();
        for k in 0..2 {
            let e = (g[k] - fd[k]).abs() / scale;
            assert!(
                e <= 1e-6,
                "{:?}: ∂f/∂{} at ({x}, {y}) = {}, finite difference {}",
                s.kind(),
                ["x", "y"][k],
                g[k],
                fd[k]
            );
            worst = worst.max(e);
        }
    }
    worst
}

#[test]
fn surface_gradients_match_finite_differences() {
    let mut rng = Rng::new(20230);
    for s in surfaces() {
        let w = s.default_window();
        let mut points = Vec::new();
        for r in 0..30 {
            for c in 0..30 {
                let [x, y] = w.cell_centre(30, r, c);
                points.push([f64::from(x) + 0.0123, f64::from(y) - 0.0071]);
            }
        }
        let (cx, cy) = ((w.x_min() + w.x_max()) / 2.0, (w.y_min() + w.y_max()) / 2.0);
        let (hw, hh) = (1.5 * (w.x_max() - w.x_min()), 1.5 * (w.y_max() - w.y_min()));
        for _ in 0..300 {
            let x = rng.uniform(cx - hw, cx + hw);
            let y = rng.uniform(cy - hh, cy + hh);
            points.push([f64::from(x), f64::from(y)]);
        }
        for &[x, y] in s.minima().iter().chain([s.default_start()].iter()) {
            points.push([f64::from(x), f64::from(y)]);
        }
        let worst = worst_fd_error(&s, &points);
        println!("{:>10} κ={:<5} worst scaled FD error {worst:.1e}", s.kind().slug(), s.condition());
    }
}

#[test]
fn surface_f32_interface_is_the_f64_maths_rounded_once() {
    let mut rng = Rng::new(5);
    for s in surfaces() {
        for _ in 0..200 {
            let (x, y) = (rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0));
            let (xd, yd) = (f64::from(x), f64::from(y));
            assert_eq!(s.value(x, y), s.value_f64(xd, yd) as f32);
            let g = s.gradient_f64(xd, yd);
            assert_eq!(s.gradient(x, y), [g[0] as f32, g[1] as f32]);
        }
    }
}

#[test]
fn surface_linreg_value_and_gradient_are_the_mse_over_the_data() {
    // The surface computes the MSE from five moments of the data; here it is recomputed the
    // long way, point by point, from the data the surface exposes.
    let mut rng = Rng::new(8);
    for seed in [0, 1, 42] {
        let s = Surface::new(SurfaceKind::LinReg, 10.0, seed).unwrap();
        let (xs, ys) = s.data();
        assert_eq!(xs.len(), 40);
        let n = xs.len() as f64;
        for _ in 0..100 {
            let (w, b) = (f64::from(rng.uniform(-5.0, 8.0)), f64::from(rng.uniform(-6.0, 5.0)));
            let (mut mse, mut gw, mut gb) = (0.0, 0.0, 0.0);
            for (&x, &y) in xs.iter().zip(ys) {
                let r = w * f64::from(x) + b - f64::from(y);
                mse += r * r / n;
                gw += 2.0 * r * f64::from(x) / n;
                gb += 2.0 * r / n;
            }
            let v = s.value_f64(w, b);
            assert!((v - mse).abs() <= 1e-12 * (1.0 + mse), "MSE {v} vs {mse}");
            let g = s.gradient_f64(w, b);
            assert!((g[0] - gw).abs() <= 1e-12 * (1.0 + gw.abs()), "∂/∂w {} vs {gw}", g[0]);
            assert!((g[1] - gb).abs() <= 1e-12 * (1.0 + gb.abs()), "∂/∂b {} vs {gb}", g[1]);
        }
    }
}
