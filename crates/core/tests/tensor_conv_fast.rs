//! The fast paths of `tensor::ops::conv` against straightforward references:
//!
//! - `max_pool2d` (the specialised kernel 2 / stride 2 loop and the general one) gives the same
//!   bits as the textbook loop — the first maximum scanning row by row wins ties, a NaN never
//!   displaces a number and a NaN in first place stays — and its backward sends each adjoint to
//!   that same position;
//! - `conv2d` on a batch (one im2col matrix and one product for all images) gives, image by
//!   image, the same bits as the batch of one, forward and for the input's gradient.

use perplexed_core::rng::Rng;
use perplexed_core::tensor::{Params, Tape};

/// The textbook max pooling: output values and the flat index of each window's first maximum.
fn reference_pool(x: &[f32], planes: usize, h: usize, w: usize, k: usize, s: usize) -> (Vec<f32>, Vec<usize>) {
    let (oh, ow) = ((h - k) / s + 1, (w - k) / s + 1);
    let (mut y, mut at) = (Vec::new(), Vec::new());
    for p in 0..planes {
        for i in 0..oh {
            for j in 0..ow {
                let mut best = p * h * w + i * s * w + j * s;
                for u in 0..k {
                    for v in 0..k {
                        let idx = p * h * w + (i * s + u) * w + j * s + v;
                        if x[idx] > x[best] {
                            best = idx;
                        }
                    }
                }
                y.push(x[best]);
                at.push(best);
            }
        }
    }
    (y, at)
}

/// Values from a small set (many ties), optionally with NaN and ±∞ mixed in.
fn tied_values(rng: &mut Rng, n: usize, specials: bool) -> Vec<f32> {
    (0..n)
        .map(|_| {
            let r = rng.below(if specials { 9 } else { 6 });
            match r {
                0..=5 => r as f32 - 2.0,
                6 => f32::NAN,
                7 => f32::INFINITY,
                _ => f32::NEG_INFINITY,
            }
        })
        .collect()
}

const GEOMETRIES: [(usize, usize, usize, usize, usize, usize); 7] = [
    // (n, c, h, w, kernel, stride)
    (3, 2, 8, 8, 2, 2),
    (2, 3, 7, 9, 2, 2),
    (2, 2, 6, 6, 3, 3),
    (2, 2, 7, 7, 3, 1),
    (1, 2, 9, 8, 3, 2),
    (2, 1, 5, 6, 1, 1),
    (1, 1, 4, 4, 4, 1),
];

#[test]
fn max_pool_forward_matches_the_textbook_loop_bit_for_bit() {
    let mut rng = Rng::new(11);
    for (n, c, h, w, k, s) in GEOMETRIES {
        for specials in [false, true] {
            for _ in 0..20 {
                let x = tied_values(&mut rng, n * c * h * w, specials);
                let mut tape = Tape::new();
                let xv = tape.input([n, c, h, w], &x);
                let y = tape.max_pool2d(xv, k, s);
                let (want, _) = reference_pool(&x, n * c, h, w, k, s);
                let got: Vec<u32> = tape.value(y).iter().map(|v| v.to_bits()).collect();
                let want: Vec<u32> = want.iter().map(|v| v.to_bits()).collect();
                assert_eq!(got, want, "geometry {:?}, specials {specials}", (n, c, h, w, k, s));
            }
        }
    }
}

#[test]
fn max_pool_backward_sends_each_adjoint_to_the_first_maximum() {
    let mut rng = Rng::new(12);
    for (n, c, h, w, k, s) in GEOMETRIES {
        for _ in 0..20 {
            let x = tied_values(&mut rng, n * c * h * w, false);
            let mut tape = Tape::new();
            let xv = tape.input_with_grad([n, c, h, w], &x);
            let y = tape.max_pool2d(xv, k, s);
            let shape = tape.shape(y);
            let r: Vec<f32> = (0..shape.numel()).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let rv = tape.input(shape, &r);
            let p = tape.mul(y, rv);
            let loss = tape.sum(p);
            tape.backward(loss, &mut Params::new()).unwrap();
            let (_, at) = reference_pool(&x, n * c, h, w, k, s);
            let mut want = vec![0.0f32; x.len()];
            for (&i, &d) in at.iter().zip(&r) {
                want[i] += d;
            }
            let got: Vec<u32> = tape.grad(xv).iter().map(|v| v.to_bits()).collect();
            let want: Vec<u32> = want.iter().map(|v| v.to_bits()).collect();
            assert_eq!(got, want, "geometry {:?}", (n, c, h, w, k, s));
        }
    }
}

#[test]
fn a_batched_convolution_equals_its_images_one_at_a_time() {
    let mut rng = Rng::new(13);
    // (n, c, h, w, o, k, stride, pad)
    for (n, c, h, w, o, k, s, p) in
        [(5, 1, 8, 8, 8, 3, 1, 1), (3, 2, 7, 6, 3, 3, 2, 1), (4, 3, 6, 6, 5, 2, 1, 0), (2, 2, 9, 9, 4, 5, 2, 2), (2, 2, 5, 7, 3, 5, 1, 2), (2, 3, 4, 6, 2, 1, 1, 0)]
    {
        let image = c * h * w;
        let x: Vec<f32> = (0..n * image).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let wt: Vec<f32> = (0..o * c * k * k).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let b: Vec<f32> = (0..o).map(|_| rng.uniform(-1.0, 1.0)).collect();
        // The loss weights depend on the position within an image only, so the per-image
        // runs see the same adjoints.
        let run = |x: &[f32], batch: usize| {
            let mut tape = Tape::new();
            let xv = tape.input_with_grad([batch, c, h, w], x);
            let wv = tape.input_with_grad([o, c, k, k], &wt);
            let bv = tape.input_with_grad([o], &b);
            let y = tape.conv2d(xv, wv, Some(bv), s, p);
            let per = tape.shape(y).numel() / batch;
            let r: Vec<f32> = (0..batch * per).map(|i| ((i % per) as f32 * 0.37).sin()).collect();
            let rv = tape.input(tape.shape(y), &r);
            let q = tape.mul(y, rv);
            let loss = tape.sum(q);
            tape.backward(loss, &mut Params::new()).unwrap();
            (tape.value(y).to_vec(), tape.grad(xv).to_vec(), tape.grad(wv).to_vec())
        };
        let (y, gx, gw) = run(&x, n);
        // Against the definition (in f64), so the im2col fast paths are checked too.
        let (oh, ow) = ((h + 2 * p - k) / s + 1, (w + 2 * p - k) / s + 1);
        for (idx, &got) in y.iter().enumerate() {
            let (ni, oi, i, j) = (idx / (o * oh * ow), idx / (oh * ow) % o, idx / ow % oh, idx % ow);
            let mut want = b[oi] as f64;
            for ci in 0..c {
                for u in 0..k {
                    for v in 0..k {
                        let (yy, xx) = ((i * s + u) as isize - p as isize, (j * s + v) as isize - p as isize);
                        if yy >= 0 && xx >= 0 && (yy as usize) < h && (xx as usize) < w {
                            want += wt[((oi * c + ci) * k + u) * k + v] as f64
                                * x[ni * image + (ci * h + yy as usize) * w + xx as usize] as f64;
                        }
                    }
                }
            }
            assert!((got as f64 - want).abs() <= 1e-5 * (1.0 + want.abs()), "y[{idx}] = {got}, want {want}");
        }
        let per_y = y.len() / n;
        let mut gw_sum = vec![0.0f64; gw.len()];
        for i in 0..n {
            let (y1, gx1, gw1) = run(&x[i * image..(i + 1) * image], 1);
            let bits = |v: &[f32]| v.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&y[i * per_y..(i + 1) * per_y]), bits(&y1), "forward, image {i}");
            assert_eq!(bits(&gx[i * image..(i + 1) * image]), bits(&gx1), "input gradient, image {i}");
            for (s, g) in gw_sum.iter_mut().zip(&gw1) {
                *s += *g as f64;
            }
        }
        for (g, s) in gw.iter().zip(&gw_sum) {
            assert!((*g as f64 - s).abs() <= 1e-4 * (1.0 + s.abs()), "weight gradient {g} vs {s}");
        }
    }
}
