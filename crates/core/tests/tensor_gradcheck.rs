//! Finite-difference gradient check of EVERY tensor operation, on random shapes and values
//! (seeded).
//!
//! For an operation's output `y`, the test loss is a random projection `L = Σᵢ rᵢ·yᵢ` (`r`
//! uniform in [−1, 1], seeded), so every output element's adjoint is exercised with a different
//! weight. Every input of the operation is a parameter; the analytic gradient
//! (`Tape::backward`) of each parameter value is compared with the central difference
//! `(L(θ + h) − L(θ − h)) / (θ₊ − θ₋)`, with `L` evaluated through the f32 forward pass and
//! summed and differenced in f64, and `θ₊ − θ₋` the step actually taken in f32.
//!
//! Tolerance, per value: `|fd − analytic| ≤ 1e-2·max(|fd|, |analytic|) + 1e-3`, `h = 1e-2`.
//! Why: one f32 forward evaluation of an O(1)–O(10) loss carries an absolute rounding error of
//! a few 10⁻⁶; the difference divides it by `2h`, giving noise up to ~5·10⁻⁴ → the absolute
//! floor. Truncation `h²/6·L‴` is ~10⁻⁵ for these smooth functions. The relative term absorbs
//! the rational tanh's ~10⁻⁶ relative error and the analytic gradient's own f32 rounding. Kinks
//! (relu at 0, max-pool ties) are kept further than `h` away by construction: relu/leaky inputs
//! have |x| ≥ 0.05 and pooled images hold distinct values 0.05 apart. A wrong derivative (a
//! missing factor, a transposed index, a lost broadcast sum) gives errors of tens of percent.
//!
//! Worst relative error observed (values whose gradient magnitude exceeds 10⁻², `cargo test
//! --test tensor_gradcheck -- --nocapture` prints them), per family:
//!
//! | family | worst |
//! |---|---|
//! | add / sub / mul / scale, same shape and broadcast | 1.1e-4 |
//! | sum / mean / sum_last | 6.6e-5 |
//! | reshape, transpose, heads, concat / slice / time steps | 1.3e-3 |
//! | relu, leaky relu, tanh, sigmoid, GELU | 2.4e-4 (GELU) |
//! | softmax, log-softmax, causal mask | 9.3e-5 |
//! | softmax cross-entropy, MSE | 7.4e-6 |
//! | matmul (2-D, shared, batched), matmul_bt | 5.0e-4 |
//! | conv2d (kernel 2–3, stride 1–3, padding 0–2) | 7.9e-4 |
//! | max / average pooling | 1.2e-4 |
//! | embedding | 4.7e-7 |
//! | layer norm | 1.5e-4 |
//! | dropout | 4.4e-6 |
//! | attention (plain and causal, 2 heads) | 2.8e-4 |

use perplexed_core::rng::Rng;
use perplexed_core::tensor::{Init, ParamId, Params, Tape, Var};

#[path = "common/gradcheck.rs"]
mod gradcheck;
use gradcheck::values;

/// `n` distinct values 0.05 apart in random order, centred on 0 (no max-pool ties within h).
fn distinct(rng: &mut Rng, n: usize) -> Vec<f32> {
    let mut v: Vec<f32> = (0..n).map(|i| (i as f32 - n as f32 / 2.0) * 0.05).collect();
    rng.shuffle(&mut v);
    v
}

struct Case {
    params: Params,
    rng: Rng,
}

impl Case {
    fn new(seed: u64) -> Case {
        Case { params: Params::new(), rng: Rng::new(seed) }
    }
    /// A parameter of `shape` with values uniform in ±[0.05, 1].
    fn p(&mut self, shape: &[usize]) -> ParamId {
        let n: usize = shape.iter().product();
        let v = values(&mut self.rng, n, 0.05, 1.0);
        self.with(shape, &v)
    }
    fn with(&mut self, shape: &[usize], v: &[f32]) -> ParamId {
        let id = self.params.add(&format!("p{}", self.params.entries().len()), shape, Init::Zeros, &mut self.rng).unwrap();
        self.params.value_mut(id).copy_from_slice(v);
        id
    }
    fn dim(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.rng.below(hi - lo + 1)
    }
}

/// [`gradcheck::check`] for a case's parameters and generator.
fn check(name: &str, case: Case, build: impl Fn(&mut Tape, &Params) -> Var) -> f64 {
    gradcheck::check(name, case.params, case.rng, build)
}

#[test]
fn elementwise_and_broadcast() {
    for seed in 0..3 {
        let mut c = Case::new(seed);
        let (m, n) = (c.dim(1, 5), c.dim(1, 6));
        let (a, b, bias, s) = (c.p(&[m, n]), c.p(&[m, n]), c.p(&[n]), c.p(&[1]));
        check("add/sub/mul same shape", c, move |t, p| {
            let (a, b) = (t.param(p, a), t.param(p, b));
            let x = t.add(a, b);
            let y = t.mul(x, a);
            t.sub(y, b)
        });
        let mut c = Case::new(seed + 10);
        let (bt, tt, d) = (c.dim(1, 3), c.dim(1, 4), c.dim(1, 5));
        let (x, pos, bias2, sc) = (c.p(&[bt, tt, d]), c.p(&[tt, d]), c.p(&[d]), c.p(&[1]));
        check("broadcast suffix + scalar", c, move |t, p| {
            let (x, pos, b2, s) = (t.param(p, x), t.param(p, pos), t.param(p, bias2), t.param(p, sc));
            let y = t.add(x, pos);
            let y = t.mul(y, b2);
            let y = t.sub(y, b2);
            let y = t.mul(y, s);
            let y = t.add(y, s);
            t.scale(y, -1.5)
        });
        let _ = (bias, s);
    }
}

#[test]
fn reductions() {
    let mut c = Case::new(1);
    let (a, b) = (c.p(&[3, 4, 5]), c.p(&[3, 4]));
    check("sum / mean / sum_last", c, move |t, p| {
        let a = t.param(p, a);
        let b = t.param(p, b);
        let s = t.sum_last(a); // [3, 4]
        let s = t.mul(s, b);
        let total = t.sum(s);
        let m = t.mean(a);
        let both = t.mul(total, m);
        t.reshape(both, [1])
    });
}

#[test]
fn shape_operations() {
    let mut c = Case::new(2);
    let (bs, tt, h, d) = (2, c.dim(2, 4), 2, c.dim(1, 3));
    let (x, w) = (c.p(&[bs, tt, h * d]), c.p(&[bs, h, tt, d]));
    check("split/merge heads, transpose", c, move |t, p| {
        let x = t.param(p, x);
        let w = t.param(p, w);
        let heads = t.split_heads(x, h); // [b, h, t, d]
        let y = t.mul(heads, w);
        let tr = t.transpose_last2(y); // [b, h, d, t]
        let back = t.transpose_last2(tr);
        let y = t.mul(back, y);
        let m = t.merge_heads(y);
        let r = t.reshape(m, [bs * tt, h * d]);
        t.mul(r, r)
    });
    let mut c = Case::new(3);
    let (bs, tt, f) = (c.dim(1, 3), c.dim(2, 4), c.dim(2, 5));
    let (x, g) = (c.p(&[bs, tt, f]), c.p(&[bs, 2]));
    check("concat / slice / time steps", c, move |t, p| {
        let x = t.param(p, x);
        let g = t.param(p, g);
        let mut steps = Vec::new();
        for s in 0..tt {
            let xs = t.select_time(x, s); // [b, f]
            let cat = t.concat_last(&[xs, g, xs]); // [b, 2f + 2]
            let part = t.slice_last(cat, 1, f + 1); // [b, f + 1]
            let sq = t.mul(part, part);
            steps.push(sq);
        }
        t.stack_time(&steps)
    });
}

#[test]
fn activations() {
    for (k, name) in ["relu", "leaky_relu", "tanh", "sigmoid", "gelu"].iter().enumerate() {
        let mut c = Case::new(20 + k as u64);
        let (m, n) = (c.dim(2, 5), c.dim(2, 6));
        let v = values(&mut c.rng, m * n, 0.05, 2.5);
        let a = c.with(&[m, n], &v);
        check(name, c, move |t, p| {
            let a = t.param(p, a);
            match k {
                0 => t.relu(a),
                1 => t.leaky_relu(a, 0.1),
                2 => t.tanh(a),
                3 => t.sigmoid(a),
                _ => t.gelu(a),
            }
        });
    }
}

#[test]
fn softmax_family_and_mask() {
    let mut c = Case::new(30);
    let (m, n) = (c.dim(2, 4), c.dim(2, 7));
    let a = c.p(&[m, n]);
    check("softmax", c, move |t, p| {
        let a = t.param(p, a);
        t.softmax(a)
    });
    let mut c = Case::new(31);
    let a = c.p(&[3, 5]);
    check("log_softmax", c, move |t, p| {
        let a = t.param(p, a);
        t.log_softmax(a)
    });
    let mut c = Case::new(32);
    let (tq, tk) = (3, 5);
    let a = c.p(&[2, tq, tk]);
    check("causal_mask → softmax", c, move |t, p| {
        let a = t.param(p, a);
        let m = t.causal_mask(a);
        t.softmax(m)
    });
}

#[test]
fn losses() {
    let mut c = Case::new(40);
    let (m, k) = (c.dim(2, 6), c.dim(2, 5));
    let z = c.p(&[m, k]);
    let targets: Vec<u32> = (0..m).map(|i| (i * 7 % k) as u32).collect();
    check("softmax_cross_entropy", c, move |t, p| {
        let z = t.param(p, z);
        let l = t.softmax_cross_entropy(z, &targets);
        t.reshape(l, [1])
    });
    let mut c = Case::new(41);
    let (a, b) = (c.p(&[3, 4]), c.p(&[3, 4]));
    check("mse", c, move |t, p| {
        let (a, b) = (t.param(p, a), t.param(p, b));
        t.mse(a, b)
    });
}

#[test]
fn matrix_products() {
    for seed in 0..3 {
        let mut c = Case::new(50 + seed);
        let (m, k, n) = (c.dim(1, 6), c.dim(1, 6), c.dim(1, 10));
        let (a, b) = (c.p(&[m, k]), c.p(&[k, n]));
        check("matmul 2-D", c, move |t, p| {
            let (a, b) = (t.param(p, a), t.param(p, b));
            t.matmul(a, b)
        });
        let mut c = Case::new(60 + seed);
        let (bs, tt, k, n) = (c.dim(1, 3), c.dim(1, 5), c.dim(1, 5), c.dim(1, 9));
        let (a, w, bb) = (c.p(&[bs, tt, k]), c.p(&[k, n]), c.p(&[bs, n, tt]));
        check("matmul shared / batched", c, move |t, p| {
            let (a, w, bb) = (t.param(p, a), t.param(p, w), t.param(p, bb));
            let y = t.matmul(a, w); // [b, t, n]
            t.matmul(y, bb) // [b, t, t]
        });
        let mut c = Case::new(70 + seed);
        let (bs, h, tq, tk, d) = (c.dim(1, 2), c.dim(1, 3), c.dim(1, 5), c.dim(1, 6), c.dim(1, 5));
        let (q, kk, w) = (c.p(&[bs, h, tq, d]), c.p(&[bs, h, tk, d]), c.p(&[tk, d]));
        check("matmul_bt batched / shared", c, move |t, p| {
            let (q, kk, w) = (t.param(p, q), t.param(p, kk), t.param(p, w));
            let s = t.matmul_bt(q, kk); // [b, h, tq, tk]
            let u = t.matmul_bt(q, w); // [b, h, tq, tk]
            t.mul(s, u)
        });
    }
}

#[test]
fn convolution_and_pooling() {
    for (seed, (k, stride, pad)) in [(3, 1, 0), (3, 2, 1), (3, 1, 2), (2, 3, 0), (2, 2, 1)].into_iter().enumerate() {
        let mut c = Case::new(80 + seed as u64);
        let (n, ch, o, h, w) = (c.dim(1, 2), c.dim(1, 3), c.dim(1, 4), c.dim(4, 6), c.dim(3, 7));
        let (x, wt, b) = (c.p(&[n, ch, h, w]), c.p(&[o, ch, k, k]), c.p(&[o]));
        check(&format!("conv2d k{k} s{stride} p{pad}"), c, move |t, p| {
            let (x, wt, b) = (t.param(p, x), t.param(p, wt), t.param(p, b));
            t.conv2d(x, wt, Some(b), stride, pad)
        });
    }
    for (seed, (kernel, stride)) in [(2, 2), (3, 1), (2, 1)].into_iter().enumerate() {
        let mut c = Case::new(90 + seed as u64);
        let (n, ch, h, w) = (c.dim(1, 2), c.dim(1, 3), c.dim(4, 6), c.dim(4, 7));
        let v = distinct(&mut c.rng, n * ch * h * w);
        let x = c.with(&[n, ch, h, w], &v);
        check(&format!("max_pool2d k{kernel} s{stride}"), c, move |t, p| {
            let x = t.param(p, x);
            t.max_pool2d(x, kernel, stride)
        });
        let mut c = Case::new(95 + seed as u64);
        let x = c.p(&[n, ch, h, w]);
        check(&format!("avg_pool2d k{kernel} s{stride}"), c, move |t, p| {
            let x = t.param(p, x);
            t.avg_pool2d(x, kernel, stride)
        });
    }
}

#[test]
fn embedding_layer_norm_dropout() {
    let mut c = Case::new(100);
    let (vocab, d) = (5, c.dim(2, 6));
    let table = c.p(&[vocab, d]);
    let ids = vec![3u32, 1, 3, 0, 4, 3];
    check("embedding", c, move |t, p| {
        let e = t.param(p, table);
        let y = t.embedding(e, &ids, &[2, 3]);
        t.mul(y, y)
    });
    let mut c = Case::new(101);
    let (rows, d) = (c.dim(1, 4), c.dim(2, 8));
    let (x, g, b) = (c.p(&[rows, d]), c.p(&[d]), c.p(&[d]));
    check("layer_norm", c, move |t, p| {
        let (x, g, b) = (t.param(p, x), t.param(p, g), t.param(p, b));
        t.layer_norm(x, g, b)
    });
    let mut c = Case::new(102);
    let x = c.p(&[4, 6]);
    check("dropout p=0.3", c, move |t, p| {
        let x = t.param(p, x);
        // The same seed on every evaluation: the same mask.
        let mut rng = Rng::new(5);
        let y = t.dropout(x, 0.3, true, &mut rng).unwrap();
        t.mul(y, y)
    });
}

#[test]
fn attention_block() {
    for causal in [false, true] {
        let mut c = Case::new(110 + causal as u64);
        let (bs, tt, h, d) = (c.dim(1, 2), c.dim(2, 4), 2, c.dim(1, 3));
        let (x, wq, wk, wv) = (c.p(&[bs, tt, h * d]), c.p(&[h * d, h * d]), c.p(&[h * d, h * d]), c.p(&[h * d, h * d]));
        check(if causal { "attention causal" } else { "attention" }, c, move |t, p| {
            let x = t.param(p, x);
            let (wq, wk, wv) = (t.param(p, wq), t.param(p, wk), t.param(p, wv));
            let (q, k, v) = (t.matmul(x, wq), t.matmul(x, wk), t.matmul(x, wv));
            let (q, k, v) = (t.split_heads(q, h), t.split_heads(k, h), t.split_heads(v, h));
            let a = t.attention(q, k, v, causal);
            t.merge_heads(a.out)
        });
    }
}
