//! W6 on candle, as a page would ship it (see ../README.md).
use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Optimizer, VarBuilder, VarMap, SGD};

struct Model {
    conv: candle_nn::Conv2d,
    dense: candle_nn::Linear,
    opt: SGD,
}
static mut MODEL: Option<Model> = None;

#[no_mangle]
pub extern "C" fn alloc(bytes: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(bytes);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

fn init() -> candle_core::Result<Model> {
    let vm = VarMap::new();
    let vb = VarBuilder::from_varmap(&vm, DType::F32, &Device::Cpu);
    let cfg = candle_nn::Conv2dConfig { padding: 1, stride: 1, ..Default::default() };
    let conv = candle_nn::conv2d(1, 8, 3, cfg, vb.pp("conv"))?;
    let dense = candle_nn::linear(128, 10, vb.pp("dense"))?;
    let opt = SGD::new(vm.all_vars(), 0.05)?;
    Ok(Model { conv, dense, opt })
}

#[no_mangle]
pub extern "C" fn w6_init(_seed: u32) -> i32 {
    match init() {
        Ok(m) => {
            unsafe { MODEL = Some(m) };
            0
        }
        Err(_) => -1,
    }
}

/// One SGD step on `n` images (`n·64` pixels in [0, 1]) and labels; returns the loss.
#[no_mangle]
pub unsafe extern "C" fn w6_step(x: *const f32, y: *const u32, n: usize) -> f32 {
    #[allow(static_mut_refs)]
    let Some(m) = MODEL.as_mut() else { return f32::NAN };
    let (x, y) = (std::slice::from_raw_parts(x, n * 64), std::slice::from_raw_parts(y, n));
    let r = (|| -> candle_core::Result<f32> {
        let xv = Tensor::from_slice(x, (n, 1, 8, 8), &Device::Cpu)?;
        let yv = Tensor::from_slice(y, n, &Device::Cpu)?;
        let h = m.conv.forward(&xv)?.relu()?.max_pool2d(2)?.flatten_from(1)?;
        let loss = candle_nn::loss::cross_entropy(&m.dense.forward(&h)?, &yv)?;
        m.opt.backward_step(&loss)?;
        loss.to_scalar::<f32>()
    })();
    r.unwrap_or(f32::NAN)
}
