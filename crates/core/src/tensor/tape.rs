//! # The tape: an arena that records the forward pass and replays it backwards
//!
//! Every operation called on a [`Tape`] computes its result at once (the forward pass) and
//! appends a node saying what it was and which nodes it read. [`Tape::backward`] then walks
//! the nodes from the loss back to the start, and each node hands its gradient to its inputs by
//! the chain rule: for `y = f(a, b)`,
//!
//! ```text
//! ā += ȳ · ∂y/∂a,    b̄ += ȳ · ∂y/∂b        (x̄ = ∂L/∂x, "the adjoint of x")
//! ```
//!
//! Walking in reverse order guarantees that when a node is reached, every node that used it
//! has already added its share, so its adjoint is complete.
//!
//! ## Memory: arenas, reused
//!
//! Nothing is allocated per node. The tape owns a few flat buffers:
//!
//! - `nodes: Vec<Node>` — the operations, in recording order; a [`Var`] is an index into it;
//! - `vals: Vec<f32>` — every node's value, one after the other (a node stores its offset);
//! - `grads: Vec<f32>` — the adjoints, with the same offsets as the values;
//! - `aux_f: Vec<f32>`, `aux_u: Vec<u32>` — what an operation saves for its backward pass
//!   (softmax probabilities, dropout masks, layer-norm statistics, max-pool argmax indices,
//!   convolution patches,
//!   token ids, class targets, lists of inputs);
//! - `scratch: Vec<f32>` — temporary space (transposed matrices, im2col patches).
//!
//! [`Tape::reset`] sets their lengths to 0 and keeps their capacity, so recording the same step
//! again allocates nothing once the first step has sized them (`tests/tensor_training.rs`).
//!
//! `vals` itself keeps its length across a reset (its used part ends at `top`): most
//! operations write every element of their result, so zero-filling a node's room first (a
//! `memset` over the whole forward pass, ~7 % of a transformer step) is wasted work. Such
//! operations take their room with `push_overwritten` and find the previous step's numbers
//! there, which they overwrite; only the ones that accumulate into their output (matrix
//! products) take it zero-filled with `push`.
//!
//! ## Which nodes get gradients
//!
//! [`Tape::input`] records data (no gradient); [`Tape::param`] records a copy of a parameter
//! (its adjoint is added to [`Params::grads`] by `backward`); [`Tape::input_with_grad`] records
//! data whose adjoint is wanted (saliency maps). A node *needs a gradient* when one of its
//! inputs does; nodes that depend only on data are skipped by `backward`.
//!
//! ## Programmer errors
//!
//! Operations check the shapes of their inputs with `assert!`: a mismatch is a bug in the lab
//! code that builds the model (shapes come from the code, not from a learner), and panics with
//! a message naming the operation. Settings a learner controls (kernel sizes, strides, dropout
//! rates) are validated by functions that return `Err(ParamError)` — see
//! [`super::ops::conv::conv_output_size`] and [`super::ops::dropout::validate_dropout`].

use super::ops;
use super::params::{ParamId, Params};
use super::shape::Shape;

/// A handle to a recorded value: the index of its node on the tape. `Copy`; valid until the
/// tape is [`reset`](Tape::reset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Var(pub(crate) u32);

impl Var {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node computed from which inputs (and where its saved data is).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Op {
    Input,
    Param(ParamId),
    /// Same values, another shape: shares its input's storage (value and gradient).
    Reshape,
    Add(Var, Var),
    Sub(Var, Var),
    Mul(Var, Var),
    Scale(Var, f32),
    Sum(Var),
    Mean(Var),
    SumLast(Var),
    TransposeLast2(Var),
    SplitHeads(Var, usize),
    MergeHeads(Var, usize),
    /// Inputs listed in `aux_u[list .. list + count]`.
    Concat { list: usize, count: usize },
    SliceLast { a: Var, start: usize },
    SelectTime { a: Var, t: usize },
    /// Inputs listed in `aux_u[list .. list + count]`.
    StackTime { list: usize, count: usize },
    Relu(Var),
    LeakyRelu(Var, f32),
    Tanh(Var),
    Sigmoid(Var),
    Gelu(Var),
    Softmax(Var),
    LogSoftmax(Var),
    CausalMask(Var),
    /// `softmax(c·x + M)`, `M` the causal mask if `causal`.
    ScaledSoftmax { x: Var, c: f32, causal: bool },
    /// Probabilities saved at `aux_f[probs..]`, targets at `aux_u[targets..]`.
    SoftmaxCrossEntropy { logits: Var, probs: usize, targets: usize },
    Mse(Var, Var),
    MatMul(Var, Var),
    MatMulBt(Var, Var),
    /// `A·W + b` (input, weight, bias).
    MatMulBias(Var, Var, Var),
    /// The forward pass's im2col matrix is saved at `aux_f[cols..]` when `w` needs a gradient.
    Conv2d { x: Var, w: Var, b: Option<Var>, stride: usize, pad: usize, cols: usize },
    /// Argmax (flat index into the input) of each output at `aux_u[argmax..]`.
    MaxPool { x: Var, argmax: usize },
    AvgPool { x: Var, kernel: usize, stride: usize },
    /// Row ids at `aux_u[ids..]`.
    Embedding { table: Var, ids: usize },
    /// Per-row mean and 1/σ at `aux_f[stats..]` (two values per row).
    LayerNorm { x: Var, gain: Var, bias: Var, stats: usize },
    /// The mask (0 or 1/(1−p) per element) at `aux_f[mask..]`.
    Dropout { x: Var, mask: usize },
}

/// One recorded operation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub op: Op,
    pub shape: Shape,
    /// Offset of the value (and of the adjoint) in the arenas.
    pub off: usize,
    /// Whether any parameter influences this value (else backward skips it).
    pub needs_grad: bool,
}

/// The loss (or a gradient) was not a finite number: the step must not be applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Diverged {
    /// The loss itself is NaN or ±∞ (after the forward pass).
    Loss(f32),
    /// The loss was finite but a gradient is not (an overflow inside the backward pass).
    Gradient,
    /// The optimiser step produced a non-finite parameter; the step was undone.
    Params,
}

impl std::fmt::Display for Diverged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Diverged::Loss(v) => write!(f, "diverged: the loss is {v}"),
            Diverged::Gradient => write!(f, "diverged: a gradient is not finite"),
            Diverged::Params => write!(f, "diverged: a parameter would become infinite"),
        }
    }
}

/// The recorded forward pass of one step (see the module docs).
#[derive(Debug, Default, Clone)]
pub struct Tape {
    pub(crate) nodes: Vec<Node>,
    /// The values; only `vals[..top]` belongs to this recording (see the module docs).
    pub(crate) vals: Vec<f32>,
    pub(crate) top: usize,
    pub(crate) grads: Vec<f32>,
    pub(crate) aux_f: Vec<f32>,
    pub(crate) aux_u: Vec<u32>,
    pub(crate) scratch: Vec<f32>,
    /// How much of `grads` the last [`backward`](Tape::backward) made valid (0 before it):
    /// `grads` itself keeps its length across [`reset`](Tape::reset), so its contents need not
    /// be zeroed twice (see [`Back::grad`]).
    pub(crate) grads_len: usize,
}

impl Tape {
    pub fn new() -> Tape {
        Tape::default()
    }

    /// Forgets every node, keeping the buffers' capacity: the next recording of the same step
    /// allocates nothing. Every [`Var`] from before is invalid afterwards.
    pub fn reset(&mut self) {
        self.nodes.clear();
        self.top = 0;
        self.grads_len = 0;
        self.aux_f.clear();
        self.aux_u.clear();
    }

    /// Number of recorded nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Records data (no gradient flows into it).
    ///
    /// # Panics
    /// If `data.len()` differs from the shape's element count (a programmer error).
    pub fn input(&mut self, shape: impl Into<Shape>, data: &[f32]) -> Var {
        let shape = shape.into();
        assert_eq!(data.len(), shape.numel(), "input: {} values for shape {shape:?}", data.len());
        let v = self.push_overwritten(Op::Input, shape, false);
        let r = self.range(v);
        self.vals[r].copy_from_slice(data);
        v
    }

    /// Records data whose gradient is wanted, though it is not a parameter (a saliency map
    /// `∂L/∂pixel`, an adversarial example): after [`backward`](Self::backward), read its
    /// adjoint with [`grad`](Self::grad). Nothing is added to any `Params`.
    ///
    /// # Panics
    /// As [`input`](Self::input).
    pub fn input_with_grad(&mut self, shape: impl Into<Shape>, data: &[f32]) -> Var {
        let v = self.input(shape, data);
        self.nodes[v.index()].needs_grad = true;
        v
    }

    /// Records parameter `id` of `params` (its values are copied onto the tape; at
    /// [`backward`](Self::backward) its adjoint is added to `params.grads`).
    pub fn param(&mut self, params: &Params, id: ParamId) -> Var {
        let e = params.entry(id);
        let v = self.push_overwritten(Op::Param(id), e.shape, true);
        let r = self.range(v);
        self.vals[r].copy_from_slice(params.value(id));
        v
    }

    /// The value of `v` (row-major, see [`shape`](Self::shape)).
    pub fn value(&self, v: Var) -> &[f32] {
        &self.vals[self.range(v)]
    }
    /// The single value of a one-element node (a loss).
    pub fn scalar(&self, v: Var) -> f32 {
        self.value(v)[0]
    }
    pub fn shape(&self, v: Var) -> Shape {
        self.nodes[v.index()].shape
    }
    /// The adjoint `∂L/∂v` after [`backward`](Self::backward) (zeros for nodes that need no
    /// gradient; empty before backward).
    pub fn grad(&self, v: Var) -> &[f32] {
        let r = self.range(v);
        if self.grads_len >= r.end {
            &self.grads[r]
        } else {
            &[]
        }
    }
    /// Whether `v` depends on a parameter.
    pub fn needs_grad(&self, v: Var) -> bool {
        self.nodes[v.index()].needs_grad
    }

    /// Backpropagation from the scalar `loss`: seeds `∂L/∂L = 1`, walks the tape in reverse
    /// applying each operation's chain rule, and **adds** each parameter's adjoint to
    /// `params.grads` (zero them first with [`Params::zero_grads`] unless accumulating).
    ///
    /// A non-finite loss is reported as [`Diverged::Loss`] and nothing is touched: NaN is never
    /// propagated into the gradients.
    ///
    /// # Panics
    /// If `loss` has more than one element (a programmer error).
    pub fn backward(&mut self, loss: Var, params: &mut Params) -> Result<(), Diverged> {
        let ln = self.nodes[loss.index()];
        assert_eq!(ln.shape.numel(), 1, "backward: the loss must be a single number, got shape {:?}", ln.shape);
        let value = self.vals[ln.off];
        if !value.is_finite() {
            return Err(Diverged::Loss(value));
        }
        // The adjoints are zeroed lazily, from the top of the arena down, just ahead of their
        // first use: everything at or above `zeroed` is zero or holds this pass's sums, and
        // every write goes through `Back::grad`, which first lowers `zeroed` to the start of
        // the adjoint it hands out (nodes' inputs always lie below them). The same memory is
        // zeroed once as before, but while it is about to be used (cache-hot), not in one sweep
        // over the whole arena ahead of the pass. The sums are unchanged bit for bit.
        let len = self.top;
        if self.grads.len() < len {
            self.grads.resize(len, 0.0);
        }
        self.grads[ln.off..len].fill(0.0);
        let mut zeroed = ln.off;
        self.grads[ln.off] = 1.0;
        let Tape { nodes, vals, grads, aux_f, aux_u, scratch, .. } = self;
        let (vals, grads) = (&vals[..len], &mut grads[..len]);
        for i in (0..=loss.index()).rev() {
            let node = nodes[i];
            if !node.needs_grad || matches!(node.op, Op::Input | Op::Reshape) {
                continue;
            }
            let n = node.shape.numel();
            if node.off < zeroed {
                // Nothing used this node (a branch that does not reach the loss): its adjoint is 0.
                grads[node.off..zeroed].fill(0.0);
                zeroed = node.off;
            }
            let (lo, hi) = grads.split_at_mut(node.off);
            let dy = &hi[..n];
            if let Op::Param(id) = node.op {
                let range = params.entry(id).range();
                for (g, &d) in params.grads_mut()[range].iter_mut().zip(dy) {
                    *g += d;
                }
                continue;
            }
            let mut b = Back {
                nodes,
                vals,
                lo,
                zeroed: &mut zeroed,
                dy,
                y: &vals[node.off..node.off + n],
                shape: node.shape,
                aux_f,
                aux_u,
                scratch,
            };
            ops::backward(&mut b, node.op);
        }
        grads[..zeroed].fill(0.0);
        self.grads_len = len;
        Ok(())
    }

    // ----- helpers for the operations -------------------------------------------------------

    /// Appends a node with room for its value (zero-filled) and returns its handle.
    pub(crate) fn push(&mut self, op: Op, shape: Shape, needs_grad: bool) -> Var {
        let v = self.push_overwritten(op, shape, needs_grad);
        let r = self.range(v);
        self.vals[r].fill(0.0);
        v
    }

    /// As [`push`](Self::push), but the room holds whatever an earlier recording left there:
    /// for operations that write **every** element of their result (else a step would depend
    /// on the one before it).
    pub(crate) fn push_overwritten(&mut self, op: Op, shape: Shape, needs_grad: bool) -> Var {
        let off = self.top;
        self.top = off + shape.numel();
        if self.vals.len() < self.top {
            self.vals.resize(self.top, 0.0);
        }
        self.nodes.push(Node { op, shape, off, needs_grad });
        Var(self.nodes.len() as u32 - 1)
    }

    /// Appends a node that shares `a`'s storage (a reshape).
    pub(crate) fn push_alias(&mut self, a: Var, shape: Shape) -> Var {
        let na = self.nodes[a.index()];
        self.nodes.push(Node { op: Op::Reshape, shape, off: na.off, needs_grad: na.needs_grad });
        Var(self.nodes.len() as u32 - 1)
    }

    /// Index range of `v`'s value in the arenas.
    pub(crate) fn range(&self, v: Var) -> std::ops::Range<usize> {
        let n = &self.nodes[v.index()];
        n.off..n.off + n.shape.numel()
    }

    /// All values before `out` (where its inputs are), and `out`'s own value to write.
    pub(crate) fn src_out(&mut self, out: Var) -> (&[f32], &mut [f32]) {
        let r = self.range(out);
        let (src, rest) = self.vals.split_at_mut(r.start);
        (src, &mut rest[..r.len()])
    }
}

/// What one node's backward step can see: every value, its own adjoint `dy`, the adjoints of
/// all earlier nodes (`lo`, where its inputs' are), its saved data and scratch space.
pub(crate) struct Back<'a> {
    pub nodes: &'a [Node],
    pub vals: &'a [f32],
    pub lo: &'a mut [f32],
    /// `lo[zeroed..]` is zeroed (or holds this pass's sums); below it, stale values.
    zeroed: &'a mut usize,
    pub dy: &'a [f32],
    /// This node's value.
    pub y: &'a [f32],
    pub shape: Shape,
    pub aux_f: &'a [f32],
    pub aux_u: &'a [u32],
    pub scratch: &'a mut Vec<f32>,
}

impl<'a> Back<'a> {
    pub fn val(&self, v: Var) -> &'a [f32] {
        let n = &self.nodes[v.index()];
        &self.vals[n.off..n.off + n.shape.numel()]
    }
    pub fn shape(&self, v: Var) -> Shape {
        self.nodes[v.index()].shape
    }
    pub fn needs(&self, v: Var) -> bool {
        self.nodes[v.index()].needs_grad
    }
    /// The adjoint of input `v` (to add into).
    pub fn grad(&mut self, v: Var) -> &mut [f32] {
        let n = &self.nodes[v.index()];
        let (start, end) = (n.off, n.off + n.shape.numel());
        if start < *self.zeroed {
            // First use of this part of the arena in this pass: zero it (and any unused
            // adjoints between it and what is already zeroed) in one contiguous fill.
            self.lo[start..*self.zeroed].fill(0.0);
            *self.zeroed = start;
        }
        &mut self.lo[start..end]
    }
    /// Scratch space of `len` values (contents unspecified), taken out of the tape so the
    /// adjoints can be borrowed at the same time; give it back with [`put_scratch`](Self::put_scratch).
    pub fn take_scratch(&mut self, len: usize) -> Vec<f32> {
        let mut s = std::mem::take(self.scratch);
        if s.len() < len {
            s.resize(len, 0.0);
        }
        s
    }
    pub fn put_scratch(&mut self, s: Vec<f32>) {
        *self.scratch = s;
    }
}
