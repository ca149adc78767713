//! # The operations, one family per file, each with its forward and backward side by side
//!
//! Every operation is a method on [`Tape`](super::tape::Tape) that computes its value at once
//! and records a node; its backward step (the chain rule for that operation) sits right below
//! it in the same file, as a `backward_*` function that the tape's backward walk calls (through `ops::backward`).
//!
//! | file | operations |
//! |---|---|
//! | [`elementwise`] | `add`, `sub`, `mul` (same shape, suffix broadcast, scalar), `scale` |
//! | [`reduce`] | `sum`, `mean`, `sum_last` |
//! | [`shape`] | `reshape`, `transpose_last2`, `split_heads`/`merge_heads`, `concat_last`, `slice_last`, `select_time`, `stack_time` |
//! | [`activation`] | `relu`, `leaky_relu`, `tanh`, `sigmoid`, `gelu` |
//! | [`softmax`] | `softmax`, `log_softmax`, `causal_mask`, `scaled_softmax` (attention's weights) |
//! | [`loss`] | `softmax_cross_entropy`, `mse` |
//! | [`matmul`] | `matmul` (2-D, batched, shared right factor), `matmul_bt` (`A·Bᵀ`), `matmul_bias` (`A·W + b`) |
//! | [`conv`] | `conv2d`, `max_pool2d`, `avg_pool2d`, and `conv_output_size` |
//! | [`gather`] | `embedding` |
//! | [`norm`] | `layer_norm` |
//! | [`dropout`] | `dropout` |
//! | [`attention`] | `attention` (scaled dot-product, optionally causal) |
//! | [`position`] | sinusoidal position / time embeddings (plain buffers, no gradient) |
//!
//! **Summation order.** Every sum runs in a fixed order (increasing index; matrix products in
//! [`crate::nn`]'s `gemm_acc` order), every multiply and add is rounded separately (no fused
//! multiply-add), and `exp`/`ln`/`tanh` are the crate's own ([`super::math`]), so a run is
//! bit-identical natively and in WebAssembly.
//!
//! **Speed.** Matrix products and convolutions (im2col) go through the SIMD `gemm_acc`; the
//! relu/tanh/sigmoid forwards through its 4-lane element-wise kernels. The other element-wise
//! loops are plain `zip`s over contiguous slices, which the compiler vectorises at the core
//! crate's opt-level 3 without changing any result (they are independent per element).

pub mod activation;
pub mod attention;
pub mod conv;
pub mod dropout;
pub mod elementwise;
pub mod gather;
pub mod loss;
pub mod matmul;
pub mod norm;
pub mod position;
pub mod reduce;
pub mod shape;
pub mod softmax;

use super::tape::{Back, Op};

/// The backward step of one node: dispatches to the operation's own `backward_*`.
pub(crate) fn backward(b: &mut Back, op: Op) {
    match op {
        Op::Input | Op::Param(_) | Op::Reshape => {}
        Op::Add(x, y) => elementwise::backward_add(b, x, y, 1.0),
        Op::Sub(x, y) => elementwise::backward_add(b, x, y, -1.0),
        Op::Mul(x, y) => elementwise::backward_mul(b, x, y),
        Op::Scale(x, c) => elementwise::backward_scale(b, x, c),
        Op::Sum(x) => reduce::backward_sum(b, x, 1.0),
        Op::Mean(x) => {
            let n = b.shape(x).numel().max(1) as f32;
            reduce::backward_sum(b, x, 1.0 / n)
        }
        Op::SumLast(x) => reduce::backward_sum_last(b, x),
        Op::TransposeLast2(x) => shape::backward_transpose_last2(b, x),
        Op::SplitHeads(x, h) => shape::backward_split_heads(b, x, h),
        Op::MergeHeads(x, h) => shape::backward_merge_heads(b, x, h),
        Op::Concat { list, count } => shape::backward_concat(b, list, count),
        Op::SliceLast { a, start } => shape::backward_slice_last(b, a, start),
        Op::SelectTime { a, t } => shape::backward_select_time(b, a, t),
        Op::StackTime { list, count } => shape::backward_stack_time(b, list, count),
        Op::Relu(x) => activation::backward_relu(b, x),
        Op::LeakyRelu(x, alpha) => activation::backward_leaky_relu(b, x, alpha),
        Op::Tanh(x) => activation::backward_tanh(b, x),
        Op::Sigmoid(x) => activation::backward_sigmoid(b, x),
        Op::Gelu(x) => activation::backward_gelu(b, x),
        Op::Softmax(x) => softmax::backward_softmax(b, x),
        Op::LogSoftmax(x) => softmax::backward_log_softmax(b, x),
        Op::CausalMask(x) => softmax::backward_causal_mask(b, x),
        Op::ScaledSoftmax { x, c, causal } => softmax::backward_scaled_softmax(b, x, c, causal),
        Op::SoftmaxCrossEntropy { logits, probs, targets } => loss::backward_softmax_ce(b, logits, probs, targets),
        Op::Mse(x, y) => loss::backward_mse(b, x, y),
        Op::MatMul(x, y) => matmul::backward_matmul(b, x, y),
        Op::MatMulBt(x, y) => matmul::backward_matmul_bt(b, x, y),
        Op::MatMulBias(x, w, bias) => matmul::backward_matmul_bias(b, x, w, bias),
        Op::Conv2d { x, w, b: bias, stride, pad, cols } => conv::backward_conv2d(b, x, w, bias, stride, pad, cols),
        Op::MaxPool { x, argmax } => conv::backward_max_pool(b, x, argmax),
        Op::AvgPool { x, kernel, stride } => conv::backward_avg_pool(b, x, kernel, stride),
        Op::Embedding { table, ids } => gather::backward_embedding(b, table, ids),
        Op::LayerNorm { x, gain, bias, stats } => norm::backward_layer_norm(b, x, gain, bias, stats),
        Op::Dropout { x, mask } => dropout::backward_dropout(b, x, mask),
    }
}
