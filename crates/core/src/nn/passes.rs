//! # Forward and backward passes
//!
//! ## Backpropagation (the chain rule, layer by layer)
//!
//! Write `δ_l = ∂L/∂z_l` (n × fan_out). The head gives `δ_L` directly (formulas above). Then,
//! going backwards:
//!
//! ```text
//! ∂L/∂W_l = a_{l-1}ᵀ · δ_l              (fan_in × fan_out, summed over rows)
//! ∂L/∂b_l = Σ_rows δ_l
//! δ_{l-1} = (δ_l · W_lᵀ) ⊙ f′(a_{l-1})  (⊙ = element-wise product)
//! ```
//!
//! ## Memory layout and speed
//!
//! All parameters live in one flat `Vec<f32>`: `[W_1, b_1, W_2, b_2, …]`, each `W_l` stored
//! fan_in × fan_out row-major, so `W_l[i][j]` (input `i` → neuron `j`) is at `i·fan_out + j`.
//! Rows are processed in blocks of [`CHUNK_ROWS`] so the scratch buffers stay small and in
//! cache; scratch grows once and is reused, so training steps and predictions allocate nothing
//! after the first call. The products and activations run through the explicit-SIMD kernels of
//! the `kernels` module (`src/kernels.rs`), in one of two layouts:
//!
//! - **Training: rows in lanes.** Activations are stored one sample per row, and every product
//!   (`A·W`, `Aᵀ·δ`, and `δ·Wᵀ` through a transposed copy of `W`) runs through one
//!   register-blocked kernel whose innermost loop is over contiguous output neurons: 4 rows × 8
//!   neurons of the result stay in SIMD registers while the shared dimension is summed.
//! - **Inference (`predict`, `evaluate`, `activations`): points in lanes.** A playground network
//!   is often 2 → 4 → 2 → 1: vectorised over its ≤ 4 neurons, most SIMD lanes would idle and
//!   every tanh would run one value at a time. So forward passes store each layer one *neuron*
//!   per row (`width × points`, blocks of [`LANE_CHUNK`] points), and each SIMD lane carries a
//!   different *point* through the whole network: every width fills the lanes, and the
//!   activation is applied to 4 points at once, in registers, before the layer's only store.
//!   Neighbouring points of a heatmap also tend to switch the same relu units off, so after a
//!   relu layer the kernel skips the inputs that are 0 at all 16 points of a strip (≈ 40 % of
//!   them for a trained 2-64-64-1 network over the 100 × 100 grid).
//!
//! Both layouts sum every output in the same order (bias, then the products in increasing
//! input index, no fused multiply-add), so they agree bit for bit with each other and with a
//! plain scalar reference of every kernel (`Mlp::set_reference_kernels`, used by the tests):
//! `evaluate` gives exactly the loss `loss_and_gradient` reports, and a neuron map exactly the
//! heatmap value. (Skipping a zero input leaves every sum unchanged; only a bias of exactly
//! −0.0, which training never produces, could turn an output of −0.0 into +0.0.) Runs still
//! differ in the last bits between native and wasm, because `exp` and `ln` come from different
//! libm implementations; within one platform they are bit-for-bit reproducible.


use super::kernels;
use super::activation::*;
use super::loss::*;
use super::mlp::*;

impl Mlp {

    /// Forward pass for one block of `m` rows (`x` = m × inputs) into `acts`, rows in lanes.
    pub(super) fn forward_block(&mut self, x: &[f32], m: usize) {
        if self.reference {
            return self.forward_block_reference(x, m);
        }
        let last = self.layers.len() - 1;
        for (li, l) in self.layers.iter().enumerate() {
            let (fi, fo) = (l.fan_in, l.fan_out);
            let (before, rest) = self.acts.split_at_mut(li);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &before[li - 1][..m * fi] };
            let out = &mut rest[0][..m * fo];
            let w = &self.params[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            // Z = A·W + b: every row starts from the bias, then the kernel adds A·W.
            for orow in out.chunks_exact_mut(fo) {
                orow.copy_from_slice(b);
            }
            kernels::gemm_acc::<false>(out, fo, m, fo, input, fi, w, fo, fi);
            if li < last {
                self.spec.activation.apply_slice(out);
            }
        }
    }

    /// The scalar reference of [`forward_block`](Self::forward_block): the textbook loop
    /// `z_ij = b_j + Σ_k a_ik·w_kj`, one value at a time.
    pub(super) fn forward_block_reference(&mut self, x: &[f32], m: usize) {
        let last = self.layers.len() - 1;
        let act = self.spec.activation;
        for (li, l) in self.layers.iter().enumerate() {
            let (fi, fo) = (l.fan_in, l.fan_out);
            let (before, rest) = self.acts.split_at_mut(li);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &before[li - 1][..m * fi] };
            let out = &mut rest[0][..m * fo];
            let w = &self.params[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            for i in 0..m {
                for j in 0..fo {
                    let mut z = b[j];
                    for k in 0..fi {
                        z += input[i * fi + k] * w[k * fo + j];
                    }
                    out[i * fo + j] = if li < last { act.apply(z) } else { z };
                }
            }
        }
    }

    /// Copies every weight matrix into the points-in-lanes kernel's panel order (`packed`).
    /// Called once per forward-only call, before its blocks: Σ fan_in·fan_out copies, small
    /// next to the n·Σ fan_in·fan_out multiply-adds of the pass.
    pub(super) fn pack_weights(&mut self) {
        if self.reference {
            return;
        }
        self.finite_layers = 0;
        for (li, l) in self.layers.iter().enumerate() {
            let w = &self.params[l.w..l.b()];
            kernels::pack_weights(&mut self.packed[l.w..l.b()], w, l.fan_in, l.fan_out);
            if w.iter().all(|v| v.is_finite()) {
                self.finite_layers |= 1 << li;
            }
        }
    }

    /// Forward pass for one block of `m` rows, points in lanes (see the module docs): the input
    /// block is transposed into `lanes[0]`, padded with zero points to whole point blocks, and
    /// each layer writes `lanes[l + 1]` (fan_out × `ld`) with its activation applied. Needs
    /// [`pack_weights`](Self::pack_weights) first. The last layer gives raw `z`, or tanh(z) when `tanh_head` is set (the tanh
    /// heads' transform, fused). Output `(point p, neuron j)` is at `lanes[L][j·ld + p]`.
    pub(super) fn forward_lanes(&mut self, x: &[f32], m: usize, tanh_head: bool) {
        let (d, ld) = (self.spec.inputs, self.ld);
        let np = m.div_ceil(kernels::POINT_BLOCK) * kernels::POINT_BLOCK;
        kernels::points_to_lanes(&mut self.lanes[0], ld, np, x, m, d);
        let last = self.layers.len() - 1;
        for (li, l) in self.layers.iter().enumerate() {
            let (before, after) = self.lanes.split_at_mut(li + 1);
            let (inp, out) = (&before[li], &mut after[0]);
            let (fi, fo) = (l.fan_in, l.fan_out);
            let w = &self.packed[l.w..l.b()];
            let b = &self.params[l.b()..l.end()];
            // Inputs that are 0 over a whole strip can be skipped after relu layers (exact
            // zeros are common there, never after the others) if the weights are finite.
            let skip = li > 0 && self.spec.activation == Activation::Relu && self.finite_layers & (1 << li) != 0;
            let live = skip.then_some(&mut self.live[..]);
            let f = if li < last {
                self.spec.activation.kernel()
            } else if tanh_head {
                KernelAct::Tanh
            } else {
                KernelAct::Ident
            };
            match f {
                KernelAct::Ident => kernels::dense_points_in_lanes::<kernels::Ident>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Relu => kernels::dense_points_in_lanes::<kernels::Relu>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Leaky => kernels::dense_points_in_lanes::<kernels::Leaky>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Tanh => kernels::dense_points_in_lanes::<kernels::Tanh>(out, inp, ld, np, w, b, fi, fo, live),
                KernelAct::Sigmoid => kernels::dense_points_in_lanes::<kernels::Sigmoid>(out, inp, ld, np, w, b, fi, fo, live),
            }
        }
    }

    /// Forward pass for one block of `m` rows (points in lanes, or the scalar reference) for
    /// the forward-only methods. Returns the buffer holding the outputs and its strides: output
    /// `j` of row `p` is `buf[p·rs + j·cs]`. The outputs are raw `z`, except tanh(z) when
    /// `tanh_head` is set and the fast kernels run (the caller knows which from `reference`).
    pub(super) fn forward_out(&mut self, x: &[f32], m: usize, tanh_head: bool) -> (&[f32], usize, usize) {
        let last = self.layers.len() - 1;
        if self.reference {
            self.forward_block_reference(x, m);
            (&self.acts[last], self.outputs(), 1)
        } else {
            self.forward_lanes(x, m, tanh_head);
            (&self.lanes[last + 1], 1, self.ld)
        }
    }

    /// Backward pass for one block whose `δ_L` is in `delta[0]`; adds the parameter gradient
    /// into `grad` (so blocks accumulate).
    pub(super) fn backward_block(&mut self, x: &[f32], m: usize, grad: &mut [f32]) {
        if self.reference {
            return self.backward_block_reference(x, m, grad);
        }
        let act = self.spec.activation;
        let mut cur = 0; // which ping-pong buffer holds δ_l
        for li in (0..self.layers.len()).rev() {
            let l = self.layers[li];
            let (fi, fo) = (l.fan_in, l.fan_out);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &self.acts[li - 1][..m * fi] };
            let (d0, d1) = self.delta.split_at_mut(1);
            let (delta, prev) = if cur == 0 { (&d0[0], &mut d1[0]) } else { (&d1[0], &mut d0[0]) };
            let delta = &delta[..m * fo];
            let (gw, gb) = grad[l.w..l.end()].split_at_mut(fi * fo);
            // ∂L/∂b = Σ_rows δ;  ∂L/∂W += Aᵀ·δ (the kernel reads A transposed in place).
            for drow in delta.chunks_exact(fo) {
                axpy(gb, 1.0, drow);
            }
            kernels::gemm_acc::<true>(gw, fo, fi, fo, input, fi, delta, fo, m);
            if li > 0 {
                // δ_{l-1} = (δ_l · Wᵀ) ⊙ f′(a_{l-1}). Wᵀ is copied once into scratch (fi·fo
                // values, small next to the m·fi·fo multiply-adds) so the product runs through
                // the same contiguous kernel.
                let w = &self.params[l.w..l.b()];
                let wt = &mut self.wt[..fi * fo];
                for (i, wrow) in w.chunks_exact(fo).enumerate() {
                    for (j, &v) in wrow.iter().enumerate() {
                        wt[j * fi + i] = v;
                    }
                }
                let prev = &mut prev[..m * fi];
                prev.fill(0.0);
                kernels::gemm_acc::<false>(prev, fi, m, fi, delta, fo, wt, fi, fo);
                act.backprop_slice(prev, input);
                cur = 1 - cur;
            }
        }
    }

    /// The scalar reference of [`backward_block`](Self::backward_block): the three formulas of
    /// the module docs as textbook loops.
    pub(super) fn backward_block_reference(&mut self, x: &[f32], m: usize, grad: &mut [f32]) {
        let act = self.spec.activation;
        let mut cur = 0;
        for li in (0..self.layers.len()).rev() {
            let l = self.layers[li];
            let (fi, fo) = (l.fan_in, l.fan_out);
            let input: &[f32] = if li == 0 { &x[..m * fi] } else { &self.acts[li - 1][..m * fi] };
            let (d0, d1) = self.delta.split_at_mut(1);
            let (delta, prev) = if cur == 0 { (&d0[0], &mut d1[0]) } else { (&d1[0], &mut d0[0]) };
            let delta = &delta[..m * fo];
            let (gw, gb) = grad[l.w..l.end()].split_at_mut(fi * fo);
            for i in 0..m {
                for j in 0..fo {
                    gb[j] += delta[i * fo + j];
                }
            }
            for k in 0..fi {
                for j in 0..fo {
                    let mut g = gw[k * fo + j];
                    for i in 0..m {
                        g += input[i * fi + k] * delta[i * fo + j];
                    }
                    gw[k * fo + j] = g;
                }
            }
            if li > 0 {
                let w = &self.params[l.w..l.b()];
                for i in 0..m {
                    for k in 0..fi {
                        let mut s = 0.0;
                        for j in 0..fo {
                            s += delta[i * fo + j] * w[k * fo + j];
                        }
                        prev[i * fi + k] = act.backprop_one(s, input[i * fi + k]);
                    }
                }
                cur = 1 - cur;
            }
        }
    }

    /// Inference for n rows; `out` = n × outputs, in head space (tanh value, sigmoid probability,
    /// softmax probabilities, linear value). Allocation-free after warm-up (`out` keeps its
    /// capacity).
    pub fn predict(&mut self, x: &[f32], n: usize, out: &mut Vec<f32>) {
        let n = self.usable_rows(x, None, n);
        let (d, k) = (self.spec.inputs, self.outputs());
        out.clear();
        out.reserve(n * k);
        let head = self.spec.head;
        // The tanh heads' transform is element-wise: fuse it into the last layer's kernel.
        let fused = !self.reference && matches!(head, Head::Tanh | Head::TanhMulti);
        self.pack_weights();
        let chunk = self.block_rows();
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, fused);
            let from = out.len();
            if k == 1 && rs == 1 {
                out.extend_from_slice(&z[..m]);
            } else {
                for p in 0..m {
                    out.extend((0..k).map(|j| z[p * rs + j * cs]));
                }
            }
            if !fused && head != Head::Linear {
                for row in out[from..].chunks_exact_mut(k) {
                    head.transform_row(row);
                }
            }
            start += m;
        }
    }

    /// Predicted class of each of the n rows into `out` (see [`Head::class_from_raw`]; all 0 for
    /// regression).
    pub fn predict_classes(&mut self, x: &[f32], n: usize, out: &mut Vec<usize>) {
        let n = self.usable_rows(x, None, n);
        let (d, k) = (self.spec.inputs, self.outputs());
        out.clear();
        let head = self.spec.head;
        self.pack_weights();
        let chunk = self.block_rows();
        let mut row = [0.0f32; MAX_WIDTH];
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, false);
            out.extend((0..m).map(|p| head.class_from_raw(output_row(z, p, rs, cs, k, &mut row))));
            start += m;
        }
    }

    /// All layer activations for n rows (for neuron thumbnails): `acts[l]` = n × size_l, row-major;
    /// `l = 0` is the input, the last is the output in head space. Allocates its result.
    pub fn activations(&mut self, x: &[f32], n: usize) -> Vec<Vec<f32>> {
        let n = self.usable_rows(x, None, n);
        let d = self.spec.inputs;
        let mut result = Vec::with_capacity(self.layers.len() + 1);
        result.push(x[..n * d].to_vec());
        for l in &self.layers {
            result.push(Vec::with_capacity(n * l.fan_out));
        }
        let head = self.spec.head;
        let k = self.outputs();
        self.pack_weights();
        let chunk = self.block_rows();
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let xb = &x[start * d..(start + m) * d];
            if self.reference {
                self.forward_block_reference(xb, m);
                for (dst, (a, l)) in result[1..].iter_mut().zip(self.acts.iter().zip(&self.layers)) {
                    dst.extend_from_slice(&a[..m * l.fan_out]);
                }
            } else {
                self.forward_lanes(xb, m, false);
                let ld = self.ld;
                for (dst, (a, l)) in result[1..].iter_mut().zip(self.lanes[1..].iter().zip(&self.layers)) {
                    for p in 0..m {
                        dst.extend((0..l.fan_out).map(|j| a[j * ld + p]));
                    }
                }
            }
            start += m;
        }
        if let Some(out) = result.last_mut() {
            for row in out.chunks_exact_mut(k) {
                head.transform_row(row);
            }
        }
        result
    }

    /// `1/n` or `1/(n·K)`: what turns a sum of per-row losses into the mean the head defines.
    pub(super) fn loss_scale(&self, n: usize) -> f32 {
        let per_row = match self.spec.head {
            Head::TanhMulti => self.outputs(),
            _ => 1,
        };
        1.0 / (n * per_row) as f32
    }

    /// Mean data loss over the n rows (targets as in a data set: class index or value) and the
    /// gradient of (data loss + reg_rate·R(w)) w.r.t. the params into `grad`
    /// (len = param_count), with R = Σ|w| (L1) or ½Σw² (L2) over the weights, never the biases.
    /// Returns the DATA loss (what charts show); NaN for n = 0.
    ///
    /// # Panics
    /// If `grad.len() != param_count()` — a programming error, never a user setting.
    pub fn loss_and_gradient(
        &mut self,
        x: &[f32],
        targets: &[f32],
        n: usize,
        reg: Regularization,
        reg_rate: f32,
        grad: &mut [f32],
    ) -> f32 {
        assert_eq!(grad.len(), self.params.len(), "gradient buffer must have param_count() entries");
        let n = self.usable_rows(x, Some(targets), n);
        grad.fill(0.0);
        let (d, k) = (self.spec.inputs, self.outputs());
        let head = self.spec.head;
        let scale = self.loss_scale(n.max(1));
        let last = self.layers.len() - 1;
        let mut sum = 0.0f64;
        let mut start = 0;
        while start < n {
            let m = CHUNK_ROWS.min(n - start);
            self.reserve_rows(m);
            let xb = &x[start * d..(start + m) * d];
            self.forward_block(xb, m);
            // δ_L for every row of the block, straight from the head's formulas.
            let (z, delta) = (&self.acts[last][..m * k], &mut self.delta[0][..m * k]);
            for ((zr, dr), &t) in z.chunks_exact(k).zip(delta.chunks_exact_mut(k)).zip(&targets[start..start + m]) {
                sum += head.row_loss(zr, t, Some(dr), scale);
            }
            self.backward_block(xb, m, grad);
            start += m;
        }
        if reg != Regularization::None && reg_rate != 0.0 {
            for l in &self.layers {
                let (w, g) = (&self.params[l.w..l.b()], &mut grad[l.w..l.b()]);
                match reg {
                    Regularization::None => {}
                    // d|w|/dw = sign(w), taken as 0 at w = 0 (the subgradient that keeps zeros zero).
                    Regularization::L1 => g.iter_mut().zip(w).for_each(|(g, &w)| {
                        *g += reg_rate * if w > 0.0 { 1.0 } else if w < 0.0 { -1.0 } else { 0.0 }
                    }),
                    Regularization::L2 => axpy(g, reg_rate, w),
                }
            }
        }
        if n == 0 {
            return f32::NAN;
        }
        (sum * f64::from(scale)) as f32
    }

    /// Data loss only (no gradient) and the number of correct predictions (classification;
    /// 0 for regression). Loss is NaN for n = 0.
    pub fn evaluate(&mut self, x: &[f32], targets: &[f32], n: usize) -> (f32, usize) {
        let n = self.usable_rows(x, Some(targets), n);
        if n == 0 {
            return (f32::NAN, 0);
        }
        let (d, k) = (self.spec.inputs, self.outputs());
        let head = self.spec.head;
        let mut sum = 0.0f64;
        let mut correct = 0;
        self.pack_weights();
        let chunk = self.block_rows();
        let mut row = [0.0f32; MAX_WIDTH];
        let mut start = 0;
        while start < n {
            let m = chunk.min(n - start);
            self.reserve_block(m);
            let (z, rs, cs) = self.forward_out(&x[start * d..(start + m) * d], m, false);
            for (p, &t) in targets[start..start + m].iter().enumerate() {
                let zr = output_row(z, p, rs, cs, k, &mut row);
                sum += head.row_loss(zr, t, None, 1.0);
                if head.is_classifier() {
                    let truth = if k == 1 { usize::from(is_positive(t)) } else { class_index(t, k) };
                    correct += usize::from(head.class_from_raw(zr) == truth);
                }
            }
            start += m;
        }
        ((sum * f64::from(self.loss_scale(n))) as f32, correct)
    }
}

/// Outputs `0..k` of row `p` in a buffer with row stride `rs` and output stride `cs`: the
/// slice itself when they are adjacent (`cs = 1`), else gathered into `scratch`.
pub(super) fn output_row<'a>(z: &'a [f32], p: usize, rs: usize, cs: usize, k: usize, scratch: &'a mut [f32; MAX_WIDTH]) -> &'a [f32] {
    if cs == 1 {
        &z[p * rs..p * rs + k]
    } else {
        for (j, v) in scratch[..k].iter_mut().enumerate() {
            *v = z[p * rs + j * cs];
        }
        &scratch[..k]
    }
}
