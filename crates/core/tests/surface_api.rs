//! Surface construction and validation, windows, the contour grid's layout, seeded data.

use perplexed_core::optim::surface::{Outcome, Surface, SurfaceKind, Window, LINREG_X_MAX, MAX_GRID_RES};

#[test]
fn surface_slugs_and_validation() {
    let slugs: Vec<&str> = SurfaceKind::ALL.iter().map(|k| k.slug()).collect();
    assert_eq!(slugs, ["bowl", "ravine", "rosenbrock", "saddle", "himmelblau", "beale", "linreg"]);
    for k in SurfaceKind::ALL {
        assert_eq!(SurfaceKind::from_slug(k.slug()), Some(k));
    }
    assert_eq!(SurfaceKind::from_slug("banana"), None);
    assert_eq!(Outcome::ALL.map(|o| o.slug()), ["finished", "diverged"]);
    // κ is checked for every kind (a bad URL value shows at once), NaN included.
    for kind in [SurfaceKind::Bowl, SurfaceKind::Beale] {
        for bad in [0.0, 0.99, 100.5, f32::NAN, f32::INFINITY, -3.0] {
            let e = Surface::new(kind, bad, 0).unwrap_err();
            assert_eq!(e.field, "condition");
            assert!(e.to_string().starts_with("condition must be between 1 and 100"), "{e}");
        }
        for ok in [1.0, 100.0, 42.5] {
            assert!(Surface::new(kind, ok, 0).is_ok());
        }
    }
    let bowl = Surface::new(SurfaceKind::Bowl, 25.0, 0).unwrap();
    assert_eq!((bowl.kind(), bowl.condition()), (SurfaceKind::Bowl, 25.0));
    assert_eq!(bowl.value(0.0, 2.0), 50.0); // ½·κ·y²
    assert_eq!(bowl.gradient(3.0, 2.0), [3.0, 50.0]);
    assert_eq!(bowl.data(), (&[][..], &[][..]));
    assert_eq!(bowl.n_points(), 0);
}

#[test]
fn surface_windows_frame_the_start_and_the_minima() {
    let mut surfaces: Vec<Surface> = SurfaceKind::ALL.iter().map(|&k| Surface::new(k, 10.0, 0).unwrap()).collect();
    for seed in 1..20 {
        surfaces.push(Surface::new(SurfaceKind::LinReg, 10.0, seed).unwrap());
    }
    for s in &surfaces {
        let w = s.default_window();
        let inside = |p: [f32; 2]| (w.x_min()..=w.x_max()).contains(&p[0]) && (w.y_min()..=w.y_max()).contains(&p[1]);
        assert!(inside(s.default_start()), "{:?}", s.kind());
        for &m in s.minima() {
            assert!(inside(m), "{:?}: {m:?}", s.kind());
        }
        // The start is not already at a minimum: there is a walk to watch.
        let far = s.minima().iter().all(|m| (m[0] - s.default_start()[0]).hypot(m[1] - s.default_start()[1]) > 1.0);
        assert!(far, "{:?}", s.kind());
        // Same constructor call, same window (for Window::new too).
        assert_eq!(Window::new(w.x_min(), w.x_max(), w.y_min(), w.y_max()).unwrap(), w);
    }
    for (a, b, c, d) in [(1.0, 1.0, 0.0, 1.0), (0.0, 1.0, 2.0, -2.0), (f32::NAN, 1.0, 0.0, 1.0), (0.0, f32::INFINITY, 0.0, 1.0)] {
        let e = Window::new(a, b, c, d).unwrap_err();
        assert_eq!(e.field, "window");
    }
}

#[test]
fn surface_grid_is_row_major_with_row_zero_at_the_top() {
    let s = Surface::new(SurfaceKind::Saddle, 10.0, 0).unwrap();
    let w = Window::new(-1.0, 3.0, 10.0, 12.0).unwrap();
    let res = 8;
    let g = s.grid_values(res, &w);
    assert_eq!(g.len(), res * res);
    // Cell centres: x = −1 + 4(c + ½)/8, y = 12 − 2(r + ½)/8.
    assert_eq!(w.cell_centre(res, 0, 0), [-0.75, 11.875]);
    assert_eq!(w.cell_centre(res, res - 1, res - 1), [2.75, 10.125]);
    for r in 0..res {
        for c in 0..res {
            let [x, y] = w.cell_centre(res, r, c);
            assert_eq!(g[r * res + c], s.value(x, y));
        }
    }
    // ¼y⁴ dominates for y ≥ 10: the top row (largest y) holds the largest value of each column.
    for c in 0..res {
        assert!(g[c] > g[(res - 1) * res + c]);
    }
    assert!(s.grid_values(0, &w).is_empty());
    assert_eq!(s.grid_values(MAX_GRID_RES + 500, &w).len(), MAX_GRID_RES * MAX_GRID_RES);
    // Every default grid is finite (the page's colour scale needs no special case).
    for kind in SurfaceKind::ALL {
        let s = Surface::new(kind, 100.0, 0).unwrap();
        assert!(s.grid_values(64, &s.default_window()).iter().all(|v| v.is_finite()), "{kind:?}");
    }
}

#[test]
fn surface_linreg_data_is_seeded() {
    let a = Surface::new(SurfaceKind::LinReg, 10.0, 9).unwrap();
    assert_eq!(a, Surface::new(SurfaceKind::LinReg, 10.0, 9).unwrap());
    let b = Surface::new(SurfaceKind::LinReg, 10.0, 10).unwrap();
    assert_ne!(a.data(), b.data());
    // κ does not touch the data.
    assert_eq!(a.data(), Surface::new(SurfaceKind::LinReg, 77.0, 9).unwrap().data());
    let (xs, ys) = a.data();
    assert_eq!((xs.len(), ys.len(), a.n_points()), (40, 40, 40));
    assert!(xs.iter().all(|x| (0.0..LINREG_X_MAX).contains(x)));
    // Residuals from the true line y = 2x − 1 look like N(0, 0.5²).
    let res: Vec<f64> = xs.iter().zip(ys).map(|(&x, &y)| f64::from(y - (2.0 * x - 1.0))).collect();
    let mean = res.iter().sum::<f64>() / 40.0;
    let sd = (res.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / 39.0).sqrt();
    assert!(mean.abs() < 0.3 && (0.3..0.75).contains(&sd), "mean {mean}, sd {sd}");
    // The seed is ignored by the formula surfaces.
    assert_eq!(Surface::new(SurfaceKind::Beale, 10.0, 1).unwrap(), Surface::new(SurfaceKind::Beale, 10.0, 2).unwrap());
}
