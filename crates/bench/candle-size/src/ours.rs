//! W6 on perplexed-core's tensor engine, as a page would ship it (see ../README.md).
use perplexed_core::optim::optimizers::{Optimizer, OptimizerConfig, OptimizerKind};
use perplexed_core::rng::Rng;
use perplexed_core::tensor::layers::{Conv2d, Linear};
use perplexed_core::tensor::{apply_step, Init, Params, Tape};

struct Model {
    params: Params,
    conv: Conv2d,
    dense: Linear,
    tape: Tape,
    opt: Box<dyn Optimizer>,
}
static mut MODEL: Option<Model> = None;

#[no_mangle]
pub extern "C" fn alloc(bytes: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(bytes);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

#[no_mangle]
pub extern "C" fn w6_init(seed: u32) -> i32 {
    let mut rng = Rng::new(seed as u64);
    let mut params = Params::new();
    let Ok(conv) = Conv2d::new(&mut params, "conv", 1, 8, 3, 1, 1, 8, Init::TorchLinear, &mut rng) else { return -1 };
    let Ok(dense) = Linear::new(&mut params, "dense", 128, 10, true, Init::TorchLinear, &mut rng) else { return -1 };
    let Ok(opt) = OptimizerConfig::new(OptimizerKind::Sgd, 0.05).build(params.len()) else { return -1 };
    unsafe { MODEL = Some(Model { params, conv, dense, tape: Tape::new(), opt }) };
    0
}

/// One SGD step on `n` images (`n·64` pixels in [0, 1]) and labels; returns the loss.
#[no_mangle]
pub unsafe extern "C" fn w6_step(x: *const f32, y: *const u32, n: usize) -> f32 {
    #[allow(static_mut_refs)]
    let Some(m) = MODEL.as_mut() else { return f32::NAN };
    let (x, y) = (std::slice::from_raw_parts(x, n * 64), std::slice::from_raw_parts(y, n));
    let t = &mut m.tape;
    t.reset();
    let xv = t.input([n, 1, 8, 8], x);
    let c = m.conv.forward(t, &m.params, xv);
    let r = t.relu(c);
    let p = t.max_pool2d(r, 2, 2);
    let f = t.reshape(p, [n, 128]);
    let logits = m.dense.forward(t, &m.params, f);
    let loss = t.softmax_cross_entropy(logits, y);
    apply_step(t, loss, &mut m.params, m.opt.as_mut(), None).map(|r| r.loss).unwrap_or(f32::NAN)
}
