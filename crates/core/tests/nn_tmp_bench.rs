use perplexed_core::nn::*;
use perplexed_core::optim::*;
use perplexed_core::rng::Rng;
use std::time::Instant;
fn run(name: &str, inputs: usize, hidden: Vec<usize>, act: Activation, head: Head, classes: usize, n: usize, batch: usize, kind: OptimizerKind, lr: f32) {
    let spec = MlpSpec { inputs, hidden, activation: act, head, classes };
    let mut rng = Rng::new(1);
    let mut mlp = Mlp::new(&spec, &mut rng).unwrap();
    let x: Vec<f32> = (0..n * inputs).map(|_| rng.uniform(-1.0, 1.0)).collect();
    let t: Vec<f32> = (0..n).map(|i| (i % classes.max(2)) as f32).collect();
    let mut g = vec![0.0; mlp.param_count()];
    let mut opt = OptimizerConfig::new(kind, lr).build(mlp.param_count()).unwrap();
    let steps = 20000usize / (batch / 8 + 1) ;
    let start = Instant::now();
    let mut s = 0;
    for k in 0..steps {
        let off = (k * batch) % (n - batch + 1);
        mlp.loss_and_gradient(&x[off * inputs..], &t[off..], batch, Regularization::None, 0.0, &mut g);
        opt.step(mlp.params_mut(), &g);
        s += 1;
    }
    let el = start.elapsed().as_secs_f64();
    println!("{name}: {:.0} steps/s", s as f64 / el);
}
#[test]
fn bench() {
    run("W1 sgd", 2, vec![4, 2], Activation::Tanh, Head::Tanh, 2, 250, 10, OptimizerKind::Sgd, 0.03);
    run("W2 sgd", 2, vec![64, 64], Activation::Relu, Head::Tanh, 2, 250, 32, OptimizerKind::Sgd, 0.03);
    run("W3 sgd", 64, vec![128], Activation::Relu, Head::Softmax, 10, 1797, 64, OptimizerKind::Sgd, 0.03);
    run("W3 adam", 64, vec![128], Activation::Relu, Head::Softmax, 10, 1797, 64, OptimizerKind::Adam, 0.01);
    for hidden in [vec![4usize, 2], vec![64, 64]] {
        let act = if hidden[0] == 4 { Activation::Tanh } else { Activation::Relu };
        let spec = MlpSpec { inputs: 2, hidden, activation: act, head: Head::Tanh, classes: 2 };
        let mut mlp = Mlp::new(&spec, &mut Rng::new(1)).unwrap();
        let x: Vec<f32> = (0..20000).map(|i| (i % 97) as f32 * 0.1 - 5.0).collect();
        let mut out = Vec::new();
        mlp.predict(&x, 10000, &mut out);
        let start = Instant::now();
        for _ in 0..50 { mlp.predict(&x, 10000, &mut out); }
        println!("W4 grid {:?}: {:.1} us", spec.hidden, start.elapsed().as_secs_f64() / 50.0 * 1e6);
    }
}
