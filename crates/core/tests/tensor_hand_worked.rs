//! Small cases of the tensor engine worked by hand, with the arithmetic in the comments, plus
//! the readable errors of the settings a learner controls.

use perplexed_core::error::ErrorKind;
use perplexed_core::rng::Rng;
use perplexed_core::tensor::ops::position::{sinusoidal_at, sinusoidal_positions};
use perplexed_core::tensor::{conv_output_size, validate_clip, validate_dropout, Init, Params, Tape};

fn close(got: &[f32], want: &[f32], tol: f32) {
    assert_eq!(got.len(), want.len());
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= tol, "element {i}: got {g}, want {w} (all: {got:?})");
    }
}

/// A parameter set holding exactly `vals` under shape `shape`.
fn param(params: &mut Params, shape: &[usize], vals: &[f32]) -> perplexed_core::tensor::ParamId {
    let id = params.add("p", shape, Init::Zeros, &mut Rng::new(0)).unwrap();
    params.value_mut(id).copy_from_slice(vals);
    id
}

#[test]
fn matmul_2x2() {
    // A = [[1, 2], [3, 4]], B = [[5, 6], [7, 8]]:
    // C = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]].
    // L = Σ C, so C̄ = all ones:
    // Ā = C̄·Bᵀ: each row is (5 + 6, 7 + 8) = (11, 15);  B̄ = Aᵀ·C̄: row k is Σ_i A[i][k]: (4, 4), (6, 6).
    let mut p = Params::new();
    let a = param(&mut p, &[2, 2], &[1.0, 2.0, 3.0, 4.0]);
    let b = param(&mut p, &[2, 2], &[5.0, 6.0, 7.0, 8.0]);
    let mut t = Tape::new();
    let (av, bv) = (t.param(&p, a), t.param(&p, b));
    let c = t.matmul(av, bv);
    assert_eq!(t.value(c), &[19.0, 22.0, 43.0, 50.0]);
    let l = t.sum(c);
    t.backward(l, &mut p).unwrap();
    assert_eq!(p.grad(a), &[11.0, 15.0, 11.0, 15.0]);
    assert_eq!(p.grad(b), &[4.0, 4.0, 6.0, 6.0]);
    // A·Bᵀ = [[1·5 + 2·6, 1·7 + 2·8], [3·5 + 4·6, 3·7 + 4·8]] = [[17, 23], [39, 53]].
    let mut t = Tape::new();
    let (av, bv) = (t.param(&p, a), t.param(&p, b));
    let c = t.matmul_bt(av, bv);
    assert_eq!(t.value(c), &[17.0, 23.0, 39.0, 53.0]);
}

#[test]
fn softmax_of_three_values() {
    // softmax(1, 2, 3) = (e⁻², e⁻¹, 1)/(e⁻² + e⁻¹ + 1) = (0.135335, 0.367879, 1)/1.503214
    //                  = (0.0900306, 0.2447285, 0.6652410).
    // With L = y₂: x̄ᵢ = y₂(δᵢ₂ − yᵢ) = (−y₀y₂, −y₁y₂, y₂(1 − y₂))
    //                                 = (−0.0598924, −0.1628034, 0.2226958).
    let mut p = Params::new();
    let x = param(&mut p, &[3], &[1.0, 2.0, 3.0]);
    let mut t = Tape::new();
    let xv = t.param(&p, x);
    let y = t.softmax(xv);
    close(t.value(y), &[0.090_030_6, 0.244_728_5, 0.665_241], 1e-6);
    let pick = t.input([3], &[0.0, 0.0, 1.0]);
    let py = t.mul(y, pick);
    let l = t.sum(py);
    t.backward(l, &mut p).unwrap();
    close(p.grad(x), &[-0.059_892_4, -0.162_803_4, 0.222_695_8], 1e-6);
    // log-softmax(1, 2, 3) = x − 3 − ln 1.503214 = (−2.407606, −1.407606, −0.407606).
    let mut t = Tape::new();
    let xv = t.param(&p, x);
    let y = t.log_softmax(xv);
    close(t.value(y), &[-2.407_606, -1.407_606, -0.407_606], 1e-6);
}

#[test]
fn cross_entropy_of_a_fresh_classifier() {
    // Equal logits (0, 0, 0), target 1: L = ln(e⁰ + e⁰ + e⁰) − 0 = ln 3 = 1.0986123;
    // ∂L/∂z = p − onehot = (1/3, −2/3, 1/3).
    let mut p = Params::new();
    let z = param(&mut p, &[1, 3], &[0.0; 3]);
    let mut t = Tape::new();
    let zv = t.param(&p, z);
    let l = t.softmax_cross_entropy(zv, &[1]);
    close(&[t.scalar(l)], &[1.098_612_3], 1e-6);
    t.backward(l, &mut p).unwrap();
    close(p.grad(z), &[1.0 / 3.0, -2.0 / 3.0, 1.0 / 3.0], 1e-7);
}

#[test]
fn convolution_on_a_3x3_image() {
    // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], a 3×3 kernel of ones (a box sum), padding 1,
    // stride 1: each output is the sum of the pixels around it, e.g.
    // y[0][0] = 1 + 2 + 4 + 5 = 12, y[0][1] = 1 + 2 + 3 + 4 + 5 + 6 = 21, y[1][1] = 45.
    // Size: ⌊(3 + 2·1 − 3)/1⌋ + 1 = 3.
    let mut p = Params::new();
    let img: Vec<f32> = (1..=9).map(|v| v as f32).collect();
    let x = param(&mut p, &[1, 1, 3, 3], &img);
    let w = param(&mut p, &[1, 1, 3, 3], &[1.0; 9]);
    let b = param(&mut p, &[1], &[0.5]);
    let box_sums = [12.0, 21.0, 16.0, 27.0, 45.0, 33.0, 24.0, 39.0, 28.0];
    let mut t = Tape::new();
    let (xv, wv, bv) = (t.param(&p, x), t.param(&p, w), t.param(&p, b));
    let y = t.conv2d(xv, wv, Some(bv), 1, 1);
    assert_eq!(t.shape(y).dims(), &[1, 1, 3, 3]);
    let want: Vec<f32> = box_sums.iter().map(|v| v + 0.5).collect();
    assert_eq!(t.value(y), &want[..]);
    // L = Σ y: w̄[u][v] = Σ_{i,j} x[i + u − 1][j + v − 1] — the same box sums (the image is
    // summed over the window shifted by (u − 1, v − 1)); b̄ = 9 outputs; x̄[i][j] = the number
    // of windows covering pixel (i, j): 4 in a corner, 6 on an edge, 9 in the middle.
    let l = t.sum(y);
    t.backward(l, &mut p).unwrap();
    assert_eq!(p.grad(w), &box_sums);
    assert_eq!(p.grad(b), &[9.0]);
    assert_eq!(p.grad(x), &[4.0, 6.0, 4.0, 6.0, 9.0, 6.0, 4.0, 6.0, 4.0]);
    // Stride 2: ⌊(3 + 2 − 3)/2⌋ + 1 = 2 per side: the four corners' sums 12, 16, 24, 28.
    let mut t = Tape::new();
    let (xv, wv) = (t.param(&p, x), t.param(&p, w));
    let y = t.conv2d(xv, wv, None, 2, 1);
    assert_eq!(t.value(y), &[12.0, 16.0, 24.0, 28.0]);
    // 2×2 max pool, stride 1, on the image: window maxima 5, 6, 8, 9; average pool: 3, 4, 6, 7.
    let mut t = Tape::new();
    let xv = t.param(&p, x);
    let m = t.max_pool2d(xv, 2, 1);
    let a = t.avg_pool2d(xv, 2, 1);
    assert_eq!(t.value(m), &[5.0, 6.0, 8.0, 9.0]);
    assert_eq!(t.value(a), &[3.0, 4.0, 6.0, 7.0]);
}

#[test]
fn conv_sizes_a_learner_chooses_are_checked() {
    assert_eq!(conv_output_size(28, 5, 1, 0), Ok(24));
    assert_eq!(conv_output_size(5, 3, 2, 1), Ok(3));
    assert_eq!(conv_output_size(32, 2, 2, 0), Ok(16));
    assert_eq!(conv_output_size(4, 4, 1, 0), Ok(1));
    let e = conv_output_size(5, 0, 1, 0).unwrap_err();
    assert_eq!((e.field, e.to_string().as_str()), ("kernel", "kernel must be at least 1 (got 0)"));
    assert_eq!(conv_output_size(5, 3, 0, 0).unwrap_err().field, "stride");
    let e = conv_output_size(5, 3, 1, 3).unwrap_err();
    assert_eq!(e.to_string(), "padding must be at least 0 and below 3 (got 3)");
    let e = conv_output_size(5, 8, 1, 1).unwrap_err();
    assert_eq!(e.to_string(), "kernel must be between 1 and 7 (got 8)");
}

#[test]
fn layer_norm_of_one_row() {
    // x = (1, 2, 3): μ = 2, σ² = ((−1)² + 0 + 1²)/3 = 2/3 (biased), r = 1/√(2/3 + 10⁻⁵) = 1.2247357;
    // y = (−1.2247357, 0, 1.2247357)·γ + β with γ = (1, 2, 1), β = (0, 0.5, 0).
    let mut p = Params::new();
    let x = param(&mut p, &[1, 3], &[1.0, 2.0, 3.0]);
    let g = param(&mut p, &[3], &[1.0, 2.0, 1.0]);
    let b = param(&mut p, &[3], &[0.0, 0.5, 0.0]);
    let mut t = Tape::new();
    let (xv, gv, bv) = (t.param(&p, x), t.param(&p, g), t.param(&p, b));
    let y = t.layer_norm(xv, gv, bv);
    close(t.value(y), &[-1.224_735_7, 0.5, 1.224_735_7], 2e-6);
}

#[test]
fn causal_mask_gives_exact_zeros_to_the_future() {
    let mut t = Tape::new();
    let s = t.input([1, 3, 3], &[0.3, 9.0, -2.0, 1.0, 2.0, 50.0, -1.0, 0.0, 1.0]);
    let m = t.causal_mask(s);
    let p = t.softmax(m);
    let v = t.value(p);
    // Row 0 sees only itself: (1, 0, 0); row 1 sees two: softmax(1, 2) = (0.268941, 0.731059, 0).
    assert_eq!(&v[0..3], &[1.0, 0.0, 0.0]);
    close(&v[3..6], &[0.268_941_4, 0.731_058_6, 0.0], 1e-6);
    assert_eq!(v[5], 0.0);
}

#[test]
fn clip_grad_norm_hand_worked() {
    // g = (3, 4, 0): ‖g‖ = √(9 + 16) = 5 > 1 ⇒ scale 1/(5 + 10⁻⁶): g ≈ (0.6, 0.8, 0), returns 5.
    let mut p = Params::new();
    let a = param(&mut p, &[2], &[0.0, 0.0]);
    let b = param(&mut p, &[1], &[0.0]);
    p.grads_mut().copy_from_slice(&[3.0, 4.0, 0.0]);
    let mut per = [0.0f32; 2];
    p.grad_norm_per_entry(&mut per);
    assert_eq!(per, [5.0, 0.0]);
    assert_eq!(p.clip_grad_norm(1.0), 5.0);
    close(p.grads(), &[0.6, 0.8, 0.0], 1e-6);
    close(&[p.grad_norm()], &[1.0], 1e-6);
    // Under the threshold nothing changes.
    p.grads_mut().copy_from_slice(&[0.3, 0.4, 0.0]);
    assert_eq!(p.clip_grad_norm(1.0), 0.5);
    assert_eq!(p.grads(), &[0.3, 0.4, 0.0]);
    assert!(validate_clip(1.0).is_ok());
    assert_eq!(validate_clip(0.0).unwrap_err().field, "clip");
    assert!(matches!(validate_clip(f32::NAN).unwrap_err().kind, ErrorKind::NotFinite { .. }));
    let _ = (a, b);
}

#[test]
fn embedding_gathers_rows_and_scatters_adjoints() {
    // Table rows (10, 11), (20, 21), (30, 31); ids (2, 0, 2): y = (30, 31, 10, 11, 30, 31).
    // L = Σ y: row 2 was used twice ⇒ its adjoint is (2, 2); row 0 once, row 1 never.
    let mut p = Params::new();
    let e = param(&mut p, &[3, 2], &[10.0, 11.0, 20.0, 21.0, 30.0, 31.0]);
    let mut t = Tape::new();
    let ev = t.param(&p, e);
    let y = t.embedding(ev, &[2, 0, 2], &[1, 3]);
    assert_eq!(t.shape(y).dims(), &[1, 3, 2]);
    assert_eq!(t.value(y), &[30.0, 31.0, 10.0, 11.0, 30.0, 31.0]);
    let l = t.sum(y);
    t.backward(l, &mut p).unwrap();
    assert_eq!(p.grad(e), &[1.0, 1.0, 0.0, 0.0, 2.0, 2.0]);
}

#[test]
fn dropout_rate_and_modes() {
    let mut rng = Rng::new(3);
    let mut t = Tape::new();
    let data: Vec<f32> = (0..1000).map(|i| 1.0 + i as f32 * 0.001).collect();
    let x = t.input([1000], &data);
    // Evaluation mode and p = 0 are the identity: the same node comes back.
    assert_eq!(t.dropout(x, 0.5, false, &mut rng).unwrap(), x);
    assert_eq!(t.dropout(x, 0.0, true, &mut rng).unwrap(), x);
    let y = t.dropout(x, 0.25, true, &mut rng).unwrap();
    let v = t.value(y);
    let dropped = v.iter().filter(|&&v| v == 0.0).count();
    assert!((200..300).contains(&dropped), "{dropped} of 1000 dropped at p = 0.25");
    for (&y, &x) in v.iter().zip(&data) {
        assert!(y == 0.0 || y == x * (1.0 / 0.75), "kept values are scaled by 1/(1 − p)");
    }
    for bad in [1.0, -0.1, f32::NAN] {
        assert_eq!(validate_dropout(bad).unwrap_err().field, "dropout");
        assert!(t.dropout(x, bad, true, &mut rng).is_err());
    }
}

#[test]
fn sinusoidal_positions_hand_worked() {
    // d = 4: PE[pos] = (sin pos, cos pos, sin(pos/100), cos(pos/100)) since 10000^(2/4) = 100.
    let mut pe = [0.0f32; 12];
    sinusoidal_positions(4, &mut pe);
    assert_eq!(&pe[0..4], &[0.0, 1.0, 0.0, 1.0]);
    close(&pe[4..8], &[1f32.sin(), 1f32.cos(), 0.01f32.sin(), 0.01f32.cos()], 1e-7);
    close(&pe[8..12], &[2f32.sin(), 2f32.cos(), 0.02f32.sin(), 0.02f32.cos()], 1e-7);
    let mut row = [0.0f32; 4];
    sinusoidal_at(2.0, &mut row);
    assert_eq!(row, pe[8..12]);
}

#[test]
fn initialisations_follow_their_formulas() {
    let mut rng = Rng::new(11);
    let mut p = Params::new();
    // Xavier on [100, 50]: bound √(6/150) = 0.2; He normal on [200, 10]: σ = √(2/200) = 0.1.
    let x = p.add("x", [100, 50], Init::XavierUniform, &mut rng).unwrap();
    let h = p.add("h", [200, 10], Init::HeNormal, &mut rng).unwrap();
    let t = p.add("t", [400, 8], Init::TorchLinear, &mut rng).unwrap();
    let c = p.add("conv", [8, 3, 5, 5], Init::HeUniform, &mut rng).unwrap();
    let o = p.add("gain", [4], Init::Ones, &mut rng).unwrap();
    assert!(p.value(x).iter().all(|v| v.abs() <= 0.2) && p.value(x).iter().any(|v| v.abs() > 0.19));
    let std = (p.value(h).iter().map(|v| v * v).sum::<f32>() / 2000.0).sqrt();
    assert!((std - 0.1).abs() < 0.005, "He normal std {std}");
    assert!(p.value(t).iter().all(|v| v.abs() <= 0.05)); // 1/√400
    assert!(p.value(c).iter().all(|v| v.abs() <= (6.0f32 / 75.0).sqrt())); // fan_in 3·5·5
    assert_eq!(p.value(o), &[1.0; 4]);
    assert_eq!(p.entries()[3].name, "conv");
    assert_eq!(p.find("gain"), Some(o));
    assert_eq!(p.len(), 5000 + 2000 + 3200 + 600 + 4);
    assert_eq!(p.add("bad", [2], Init::Normal(f32::NAN), &mut rng).unwrap_err().field, "init");
    assert!(p.add("bad", [2], Init::Uniform(-1.0), &mut rng).is_err());
    assert!(p.all_finite());
}
