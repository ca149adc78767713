//! The kernel you can hold, worked by hand: convolution with padding and stride, the output-size
//! formula and its warning, each cell's multiply-and-add, pooling windows, named kernels and
//! image shifts. The arithmetic is in the comments.

use perplexed_core::cnn::kernel::{
    convolve, fit_warning, pool, pool_window, shifted, terms, FeatureMap, FitWarning, NamedKernel, PoolKind,
};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::Tape;

/// 1 2 3 / 4 5 6 / 7 8 9
const NINE: [f32; 9] = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0];

#[test]
fn sobel_x_on_a_ramp_without_padding() {
    // (−1·1 + 0·2 + 1·3) + (−2·4 + 0·5 + 2·6) + (−1·7 + 0·8 + 1·9) = 2 + 4 + 2 = 8:
    // the image brightens by 1 per column, Sobel weighs that 1 + 2 + 1 = 4 times, twice over.
    let w = NamedKernel::SobelX.weights();
    let y = convolve(&NINE, 3, &w, 3, 1, 0).unwrap();
    assert_eq!(y, FeatureMap { side: 1, values: vec![8.0] });
}

#[test]
fn padding_puts_zeros_around_the_image_and_terms_show_them() {
    let w = NamedKernel::SobelX.weights();
    // ⌊(3 + 2 − 3)/1⌋ + 1 = 3: "same" padding keeps the side.
    let y = convolve(&NINE, 3, &w, 3, 1, 1).unwrap();
    assert_eq!(y.side, 3);
    // Corner (0, 0): kernel row 0 lies on the padding; row 1: −2·0 + 0·1 + 2·2 = 4;
    // row 2: −1·0 + 0·4 + 1·5 = 5. Total 9.
    assert_eq!(y.get(0, 0), Some(9.0));
    let t = terms(&NINE, 3, &w, 3, 1, 1, 0, 0).unwrap();
    assert_eq!(t.len(), 9);
    assert_eq!(t.iter().filter(|t| t.at.is_none()).count(), 5, "3 above the image, 2 left of it");
    assert_eq!(t[5].at, Some((0, 1)));
    assert_eq!((t[5].pixel, t[5].weight), (2.0, 2.0));
    // The terms add up to the cell, bit for bit, in their order.
    for i in 0..3 {
        for j in 0..3 {
            let sum = terms(&NINE, 3, &w, 3, 1, 1, i, j).unwrap().iter().fold(0.0f32, |s, t| s + t.product());
            assert_eq!(sum.to_bits(), y.get(i, j).unwrap().to_bits());
        }
    }
    // Centre (1, 1) sees the whole image: 8, as without padding.
    assert_eq!(y.get(1, 1), Some(8.0));
    assert_eq!(terms(&NINE, 3, &w, 3, 1, 1, 3, 0).unwrap_err().field, "out_row");
    assert_eq!(terms(&NINE, 3, &w, 3, 1, 1, 0, 9).unwrap_err().field, "out_col");
}

#[test]
fn identity_and_blurs_do_what_their_names_say() {
    let id = convolve(&NINE, 3, &NamedKernel::Identity.weights(), 3, 1, 1).unwrap();
    assert_eq!(id.values, NINE.to_vec());
    let id5 = convolve(&NINE, 3, &NamedKernel::Identity5.weights(), 5, 1, 2).unwrap();
    assert_eq!(id5.values, NINE.to_vec());
    // The box blur of the 3 × 3 image at its centre: (1 + … + 9)/9 = 45/9 = 5.
    let b = convolve(&NINE, 3, &NamedKernel::BoxBlur.weights(), 3, 1, 0).unwrap();
    assert!((b.values[0] - 5.0).abs() < 1e-6);
    // Gaussian: (1·1 + 2·2 + 1·3 + 2·4 + 4·5 + 2·6 + 1·7 + 2·8 + 1·9)/16 = 80/16 = 5.
    let g = convolve(&NINE, 3, &NamedKernel::GaussianBlur.weights(), 3, 1, 0).unwrap();
    assert_eq!(g.values, vec![5.0]);
    // Sharpen at the centre: 5·5 − (2 + 4 + 6 + 8) = 5; the Laplacian outline: 8·5 − 40 = 0
    // (a linear ramp has no curvature).
    assert_eq!(convolve(&NINE, 3, &NamedKernel::Sharpen.weights(), 3, 1, 0).unwrap().values, vec![5.0]);
    assert_eq!(convolve(&NINE, 3, &NamedKernel::Outline.weights(), 3, 1, 0).unwrap().values, vec![0.0]);
    // Sobel y: the image brightens by 3 per row: (7 + 16 + 9) − (1 + 4 + 3) = 24.
    assert_eq!(convolve(&NINE, 3, &NamedKernel::SobelY.weights(), 3, 1, 0).unwrap().values, vec![24.0]);
}

#[test]
fn named_kernels_have_their_sizes_and_sums() {
    for k in NamedKernel::ALL {
        let w = k.weights();
        assert_eq!(w.len(), k.side() * k.side(), "{k:?}");
        assert_eq!(NamedKernel::from_slug(k.slug()), Some(k));
        let sum: f32 = w.iter().sum();
        let expected = match k {
            // Edge detectors and the Laplacian see nothing on a flat image.
            NamedKernel::EdgeHorizontal | NamedKernel::EdgeVertical | NamedKernel::SobelX | NamedKernel::SobelY | NamedKernel::Outline => 0.0,
            // Everything else keeps a flat image's brightness.
            _ => 1.0,
        };
        assert!((sum - expected).abs() < 1e-6, "{k:?} sums to {sum}");
    }
    assert_eq!(NamedKernel::GaussianBlur5.side(), 5);
    // The 5 × 5 Gaussian's centre: 6·6/256.
    assert_eq!(NamedKernel::GaussianBlur5.weights()[12], 36.0 / 256.0);
}

#[test]
fn stride_and_the_fit_warning() {
    // 5 × 5, k 3, s 2, p 0: (5 − 3) = 2 is a multiple of 2 → ⌊2/2⌋ + 1 = 2, no warning.
    let img: Vec<f32> = (0..25).map(|v| v as f32).collect();
    let y = convolve(&img, 5, &NamedKernel::Identity.weights(), 3, 2, 0).unwrap();
    // Identity picks the window centres (1,1), (1,3), (3,1), (3,3): 6, 8, 16, 18.
    assert_eq!(y.values, vec![6.0, 8.0, 16.0, 18.0]);
    assert_eq!(fit_warning(5, 3, 2, 0), None);
    // 6 × 6, k 3, s 2: (6 − 3) = 3, 3 mod 2 = 1 → the last column and row are never read.
    assert_eq!(fit_warning(6, 3, 2, 0), Some(FitWarning { unused: 1, output_side: 2 }));
    // An 8 × 8 digit, k 3, s 2, p 1: (8 + 2 − 3) = 7 → 4 outputs, 1 padded row unused.
    assert_eq!(fit_warning(8, 3, 2, 1), Some(FitWarning { unused: 1, output_side: 4 }));
    // s 1 always fits.
    assert_eq!(fit_warning(8, 5, 1, 2), None);
    // A kernel that does not fit is an error, not a warning.
    assert_eq!(fit_warning(2, 5, 1, 1), None);
}

#[test]
fn impossible_settings_are_errors_naming_the_field() {
    let w = NamedKernel::SobelX.weights();
    let field = |r: Result<FeatureMap, perplexed_core::ParamError>| r.unwrap_err().field;
    assert_eq!(field(convolve(&NINE, 3, &w, 3, 0, 0)), "stride");
    assert_eq!(field(convolve(&NINE, 3, &w, 3, 1, 3)), "padding");
    assert_eq!(field(convolve(&NINE, 3, &[], 0, 1, 0)), "kernel");
    assert_eq!(field(convolve(&NINE, 3, &w, 2, 1, 0)), "kernel", "9 weights for a 2 × 2 kernel");
    // 2 + 2·1 = 4 < 5: a 5 × 5 kernel cannot sit on a padded 2 × 2 image.
    assert_eq!(field(convolve(&[0.0; 4], 2, &NamedKernel::Identity5.weights(), 5, 1, 1)), "kernel");
    assert_eq!(field(convolve(&NINE[..8], 3, &w, 3, 1, 0)), "image");
    assert_eq!(field(convolve(&[], 0, &w, 3, 1, 0)), "image");
}

#[test]
fn the_hand_convolution_agrees_with_the_engines() {
    let mut rng = Rng::new(5);
    let img: Vec<f32> = (0..64).map(|_| rng.next_f32()).collect();
    for (k, stride, pad) in [(3, 1, 1), (5, 1, 2), (3, 2, 1), (3, 1, 0)] {
        let w: Vec<f32> = (0..k * k).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let mine = convolve(&img, 8, &w, k, stride, pad).unwrap();
        let mut tape = Tape::new();
        let x = tape.input([1, 1, 8, 8], &img);
        let wv = tape.input([1, 1, k, k], &w);
        let y = tape.conv2d(x, wv, None, stride, pad);
        assert_eq!(tape.shape(y).dim(2), mine.side);
        for (a, b) in mine.values.iter().zip(tape.value(y)) {
            assert!((a - b).abs() < 1e-5, "k {k} s {stride} p {pad}: {a} vs {b}");
        }
    }
}

#[test]
fn pooling_by_hand() {
    // 1 2 3 4 / 5 6 7 8 / 9 10 11 12 / 13 14 15 16
    let map = FeatureMap { side: 4, values: (1..=16).map(|v| v as f32).collect() };
    let max = pool(&map, PoolKind::Max, 2, 2).unwrap();
    assert_eq!(max, FeatureMap { side: 2, values: vec![6.0, 8.0, 14.0, 16.0] });
    // Means: (1 + 2 + 5 + 6)/4 = 3.5, (3 + 4 + 7 + 8)/4 = 5.5, 11.5, 13.5.
    let avg = pool(&map, PoolKind::Average, 2, 2).unwrap();
    assert_eq!(avg.values, vec![3.5, 5.5, 11.5, 13.5]);
    let w = pool_window(&map, PoolKind::Max, 2, 2, 0, 1).unwrap();
    assert_eq!(w.values, vec![3.0, 4.0, 7.0, 8.0]);
    assert_eq!(w.positions, vec![(0, 2), (0, 3), (1, 2), (1, 3)]);
    assert_eq!((w.chosen, w.result), (Some(3), 8.0));
    let w = pool_window(&map, PoolKind::Average, 2, 2, 1, 1).unwrap();
    assert_eq!((w.chosen, w.result), (None, 13.5));
    // Ties: the first, row by row (as the engine's max pool).
    let flat = FeatureMap { side: 2, values: vec![1.0; 4] };
    assert_eq!(pool_window(&flat, PoolKind::Max, 2, 2, 0, 0).unwrap().chosen, Some(0));
    // 3 × 3 windows with stride 1 on 4 × 4: ⌊(4 − 3)/1⌋ + 1 = 2.
    assert_eq!(pool(&map, PoolKind::Max, 3, 1).unwrap().values, vec![11.0, 12.0, 15.0, 16.0]);
    assert_eq!(pool(&map, PoolKind::Max, 0, 2).unwrap_err().field, "window");
    assert_eq!(pool(&map, PoolKind::Max, 5, 2).unwrap_err().field, "window");
    assert_eq!(pool(&map, PoolKind::Max, 2, 0).unwrap_err().field, "stride");
    assert_eq!(pool_window(&map, PoolKind::Max, 2, 2, 2, 0).unwrap_err().field, "out_row");
    let broken = FeatureMap { side: 3, values: vec![0.0; 4] };
    assert_eq!(pool(&broken, PoolKind::Max, 2, 2).unwrap_err().field, "map");
}

#[test]
fn shifting_moves_pixels_and_fills_with_white() {
    // One right: 0 1 2 / 0 4 5 / 0 7 8.
    assert_eq!(shifted(&NINE, 3, 1, 0), vec![0.0, 1.0, 2.0, 0.0, 4.0, 5.0, 0.0, 7.0, 8.0]);
    // One up: 4 5 6 / 7 8 9 / 0 0 0.
    assert_eq!(shifted(&NINE, 3, 0, -1), vec![4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 0.0, 0.0, 0.0]);
    assert_eq!(shifted(&NINE, 3, 0, 0), NINE.to_vec());
    assert_eq!(shifted(&NINE, 3, 5, 0), vec![0.0; 9], "moved out entirely");
    assert_eq!(shifted(&NINE, 3, i32::MIN, i32::MAX), vec![0.0; 9], "no overflow");
}
