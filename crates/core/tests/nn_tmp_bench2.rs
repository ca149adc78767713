use perplexed_core::nn::*;
use perplexed_core::rng::Rng;
use std::time::Instant;
fn t(name: &str, inputs: usize, hidden: Vec<usize>, act: Activation) {
    let spec = MlpSpec { inputs, hidden, activation: act, head: Head::Linear, classes: 0 };
    let mut mlp = Mlp::new(&spec, &mut Rng::new(1)).unwrap();
    let x: Vec<f32> = (0..10000 * inputs).map(|i| (i % 97) as f32 * 0.01 - 0.5).collect();
    let mut out = Vec::new();
    mlp.predict(&x, 10000, &mut out);
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        for _ in 0..20 { mlp.predict(&x, 10000, &mut out); }
        best = best.min(start.elapsed().as_secs_f64() / 20.0 * 1e6);
    }
    println!("{name}: {best:.0} us");
}
#[test]
fn bench2() {
    t("64->64 linear ->1", 64, vec![64], Activation::Linear);
    t("64->64 relu ->1", 64, vec![64], Activation::Relu);
    t("64->1", 64, vec![], Activation::Linear);
    t("2->64 linear->1", 2, vec![64], Activation::Linear);
    t("2->64->64 relu->1", 2, vec![64, 64], Activation::Relu);
    t("2->64->64 tanh->1", 2, vec![64, 64], Activation::Tanh);
}
