//! The fast `tanh` near and beyond its clamp, exhaustively: every f32 in [4, 16] (where tanh is
//! within 7·10⁻⁴ of 1 and the rational approximation meets its clamp) gives a value in (0, 1],
//! exactly 1 from the clamp on, and the same through the 4-lane kernels as one at a time.

use perplexed_core::nn::activation::{tanh, Activation};
use perplexed_core::nn::loss::Head;
use perplexed_core::nn::mlp::{Mlp, MlpSpec};
use perplexed_core::rng::Rng;

#[test]
fn simd_tanh_never_exceeds_one_and_saturates_exactly() {
    let (lo, hi) = (4.0f32.to_bits(), 16.0f32.to_bits());
    let mut first_one = None;
    for bits in lo..=hi {
        let x = f32::from_bits(bits);
        let y = tanh(x);
        assert!(y > 0.999 && y <= 1.0, "tanh({x}) = {y}");
        assert_eq!(tanh(-x), -y, "odd at {x}");
        if y == 1.0 && first_one.is_none() {
            first_one = Some(x);
        }
        if let Some(c) = first_one {
            if x > c + 0.2 {
                assert_eq!(y, 1.0, "saturated beyond the clamp, at {x}");
            }
        }
    }
    let c = first_one.expect("tanh reaches 1");
    assert!((7.5..8.0).contains(&c), "reaches 1 at {c}");
    for x in [8.0f32, 9.0, 100.0, 1e30, f32::INFINITY] {
        assert_eq!(tanh(x), 1.0);
        assert_eq!(tanh(-x), -1.0);
    }
}

#[test]
fn simd_tanh_network_outputs_equal_the_scalar_function() {
    // A 1 → 1 linear layer with weight 1 and bias 0 feeds each value straight into the tanh head:
    // the kernel's 4-lane tanh must give exactly `nn::tanh` (values across every regime, padded
    // to a partial point block).
    let spec = MlpSpec { inputs: 1, hidden: vec![], activation: Activation::Tanh, head: Head::Tanh, classes: 2 };
    let mut mlp = Mlp::new(&spec, &mut Rng::new(1)).unwrap();
    mlp.params_mut().copy_from_slice(&[1.0, 0.0]);
    let mut x: Vec<f32> = (-2000..=2000).map(|i| i as f32 * 0.005).collect();
    x.extend([0.0, -0.0, 1e-30, -1e-30, 7.709_463, -7.709_463, 7.709_462, 20.0, f32::INFINITY, f32::NEG_INFINITY]);
    let mut out = Vec::new();
    mlp.predict(&x, x.len(), &mut out);
    for (&v, &y) in x.iter().zip(&out) {
        let z = 0.0 + 1.0 * v; // what the layer computes (−0 becomes +0)
        assert_eq!(y.to_bits(), tanh(z).to_bits(), "tanh({v})");
    }
}
