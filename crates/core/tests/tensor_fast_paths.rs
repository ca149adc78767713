//! The engine's fast paths must give the same bits as the plain code they replace (the
//! fingerprint promises bit-identical runs). Here: the adjoints are zeroed lazily during
//! `backward` (not in one sweep before it), and the arena keeps stale values across `reset`,
//! so a reused tape must give exactly what a fresh one gives, with zeros where nothing flowed.

use perplexed_core::rng::Rng;
use perplexed_core::tensor::{Init, Params, Tape, Var};

struct Rec {
    x: Var,
    dead: Var,
    h: Var,
    loss: Var,
    after: Var,
}

fn record(t: &mut Tape, p: &Params, ids: &[perplexed_core::tensor::ParamId], shift: f32) -> Rec {
    let x = t.input([3, 4], &[0.5 + shift, -1.0, 2.0, 0.25, 1.5, -0.75, 0.1, 3.0, -2.0, 0.6, 0.9, -0.3]);
    let xt = t.tanh(x); // data only
    let w = t.param(p, ids[0]);
    let b = t.param(p, ids[1]);
    let z = t.matmul(xt, w);
    let z = t.add(z, b);
    let dead = t.tanh(z); // depends on parameters, but the loss does not use it
    let h = t.tanh(z);
    let hh = t.mul(h, h);
    let s = t.sum(hh);
    let loss = t.add(s, s);
    let after = t.tanh(z); // recorded after the loss
    Rec { x, dead, h, loss, after }
}

#[test]
fn a_reused_tape_gives_the_same_adjoints_as_a_fresh_one_with_zeros_where_nothing_flowed() {
    let mut rng = Rng::new(5);
    let mut p = Params::new();
    let ids = [
        p.add("w", [4, 5], Init::XavierUniform, &mut rng).unwrap(),
        p.add("b", [5], Init::Uniform(0.5), &mut rng).unwrap(),
    ];
    let mut reused = Tape::new();
    // Fill the arena with unrelated adjoints first (a bigger, different recording).
    for round in 0..3 {
        let big = reused.input([64], &vec![1.0; 64]);
        let wv = reused.param(&p, ids[0]);
        let s1 = reused.sum(wv);
        let s2 = reused.sum(big);
        let l = reused.add(s1, s2);
        p.zero_grads();
        reused.backward(l, &mut p).unwrap();
        reused.reset();

        let r = record(&mut reused, &p, &ids, round as f32);
        p.zero_grads();
        reused.backward(r.loss, &mut p).unwrap();
        let got_params = p.grads().to_vec();

        let mut fresh = Tape::new();
        let f = record(&mut fresh, &p, &ids, round as f32);
        p.zero_grads();
        fresh.backward(f.loss, &mut p).unwrap();
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got_params), bits(p.grads()), "parameter gradients, round {round}");
        for (a, b) in [(r.x, f.x), (r.dead, f.dead), (r.h, f.h), (r.loss, f.loss), (r.after, f.after)] {
            assert_eq!(bits(reused.grad(a)), bits(fresh.grad(b)), "round {round}");
        }
        assert!(reused.grad(r.x).iter().all(|&g| g.to_bits() == 0), "data input");
        assert!(reused.grad(r.dead).iter().all(|&g| g.to_bits() == 0), "unused branch");
        assert!(reused.grad(r.after).iter().all(|&g| g.to_bits() == 0), "node after the loss");
        assert!(reused.grad(r.h).iter().any(|&g| g != 0.0));
        reused.reset();
    }
}

/// `scaled_softmax` (attention's weights in one node) equals `scale` → `causal_mask` →
/// `softmax` bit for bit, values and adjoints, causal or not, with as many or more keys than
/// queries.
#[test]
fn scaled_softmax_equals_scale_mask_softmax_bit_for_bit() {
    let mut rng = Rng::new(11);
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    for (tq, tk) in [(5, 5), (3, 7), (1, 1), (4, 6)] {
        for causal in [true, false] {
            let shape = [2, tq, tk];
            let x: Vec<f32> = (0..2 * tq * tk).map(|i| rng.uniform(-4.0, 4.0) * if i % 7 == 3 { 20.0 } else { 1.0 }).collect();
            let up: Vec<f32> = (0..2 * tq * tk).map(|_| rng.uniform(-1.0, 1.0)).collect();
            let c = 0.25_f32.sqrt();
            let run = |fused: bool| {
                let mut t = Tape::new();
                let mut p = Params::new();
                let a = t.input_with_grad(shape, &x);
                let y = if fused {
                    t.scaled_softmax(a, c, causal)
                } else {
                    let s = t.scale(a, c);
                    let m = if causal { t.causal_mask(s) } else { s };
                    t.softmax(m)
                };
                let w = t.input(shape, &up);
                let yw = t.mul(y, w);
                let l = t.sum(yw);
                t.backward(l, &mut p).unwrap();
                (bits(t.value(y)), bits(t.grad(a)))
            };
            assert_eq!(run(true), run(false), "t_q {tq}, t_k {tk}, causal {causal}");
        }
    }
}
