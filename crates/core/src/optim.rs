//! # Optimisers: turning a gradient into a parameter update
//!
//! Training minimises a loss `L(θ)` by repeatedly moving the parameters `θ` against the
//! gradient `g = ∇L(θ)` of the current mini-batch. The optimisers differ in how they turn the
//! stream of gradients `g_1, g_2, …` into steps. With learning rate `η`, at step `t`:
//!
//! - **SGD** (stochastic gradient descent): `θ ← θ − η·g`.
//! - **Momentum** (heavy ball, PyTorch's `SGD(momentum=μ)` convention, dampening 0):
//!   `v ← μ·v + g`, `θ ← θ − η·v`, with `v_0 = 0`. The velocity `v` averages recent gradients,
//!   so steps grow along directions that agree from batch to batch (up to `1/(1−μ)` times) and
//!   oscillations across a ravine cancel out.
//! - **Adam** (Kingma & Ba 2015, PyTorch's convention):
//!   ```text
//!   m ← β₁·m + (1−β₁)·g           first moment (mean of g)
//!   v ← β₂·v + (1−β₂)·g²          second moment (mean of g², element-wise)
//!   m̂ = m / (1−β₁ᵗ),  v̂ = v / (1−β₂ᵗ)   bias correction: m, v start at 0
//!   θ ← θ − η·m̂ / (√v̂ + ε)
//!   ```
//!   Dividing by `√v̂` gives every parameter its own step size of roughly `η`, whatever the scale
//!   of its gradient; `ε` (added to `√v̂`, not inside the root) avoids dividing by zero.
//!
//! All state buffers are allocated once in [`OptimizerConfig::build`]; [`Optimizer::step`]
//! allocates nothing and runs one contiguous, vectorisable loop over the parameters.

use crate::error::ParamError;
use crate::nn::slug_enum;

/// Smallest learning rate accepted.
pub const MIN_LR: f32 = 1e-6;
/// Largest learning rate accepted.
pub const MAX_LR: f32 = 10.0;

slug_enum! {
    /// Which update rule to use.
    pub enum OptimizerKind {
        /// Plain stochastic gradient descent.
        Sgd => "sgd",
        /// SGD with (heavy-ball) momentum.
        Momentum => "momentum",
        /// Adam: per-parameter step sizes from running moments of the gradient.
        Adam => "adam",
    }
}

/// Every setting of every optimiser; each kind reads the ones it needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerConfig {
    /// Which update rule.
    pub kind: OptimizerKind,
    /// Learning rate η, in `1e-6..=10`.
    pub lr: f32,
    /// Momentum μ in `[0, 1)` (Momentum only). Default 0.9.
    pub momentum: f32,
    /// Adam's β₁ in `[0, 1)`. Default 0.9.
    pub beta1: f32,
    /// Adam's β₂ in `[0, 1)`. Default 0.999.
    pub beta2: f32,
    /// Adam's ε in `(0, 1]`. Default 1e-7 (Keras' and TensorFlow.js's default; PyTorch uses
    /// 1e-8, which f32 cannot add to a typical √v̂ anyway).
    pub eps: f32,
}

/// Checks a learning rate (field `"lr"`): finite and in `1e-6..=10`.
pub fn validate_lr(lr: f32) -> Result<(), ParamError> {
    if (MIN_LR..=MAX_LR).contains(&lr) {
        Ok(())
    } else {
        Err(ParamError::new(
            "lr",
            format!("the learning rate must be between {MIN_LR} and {MAX_LR} (got {lr})"),
        ))
    }
}

impl OptimizerConfig {
    /// A configuration with the usual defaults: momentum 0.9, β₁ 0.9, β₂ 0.999, ε 1e-7.
    pub fn new(kind: OptimizerKind, lr: f32) -> Self {
        OptimizerConfig { kind, lr, momentum: 0.9, beta1: 0.9, beta2: 0.999, eps: 1e-7 }
    }

    /// Checks every setting (also those the chosen kind ignores, so a bad URL value is reported
    /// even before the learner switches optimiser).
    pub fn validate(&self) -> Result<(), ParamError> {
        validate_lr(self.lr)?;
        let unit = |field: &'static str, name: &str, v: f32| {
            if (0.0..1.0).contains(&v) {
                Ok(())
            } else {
                Err(ParamError::new(field, format!("{name} must be at least 0 and below 1 (got {v})")))
            }
        };
        unit("momentum", "momentum", self.momentum)?;
        unit("beta1", "β₁", self.beta1)?;
        unit("beta2", "β₂", self.beta2)?;
        if !(self.eps > 0.0 && self.eps <= 1.0) {
            return Err(ParamError::new(
                "eps",
                format!("ε must be above 0 and at most 1 (got {})", self.eps),
            ));
        }
        Ok(())
    }

    /// Validates the settings and builds the optimiser for `n_params` parameters, with its state
    /// buffers (velocity, moments) allocated here once.
    pub fn build(&self, n_params: usize) -> Result<Box<dyn Optimizer>, ParamError> {
        self.validate()?;
        Ok(match self.kind {
            OptimizerKind::Sgd => Box::new(Sgd { lr: self.lr }),
            OptimizerKind::Momentum => Box::new(Momentum {
                lr: self.lr,
                momentum: self.momentum,
                velocity: vec![0.0; n_params],
            }),
            OptimizerKind::Adam => Box::new(Adam {
                lr: self.lr,
                beta1: self.beta1,
                beta2: self.beta2,
                eps: self.eps,
                t: 0,
                m: vec![0.0; n_params],
                v: vec![0.0; n_params],
            }),
        })
    }
}

/// One interface for every update rule, so the trainer and the page treat them alike.
pub trait Optimizer: std::fmt::Debug {
    /// One update of `params` from their gradient (same length; state buffers were preallocated
    /// in `build`). Only the common prefix is used if the lengths differ.
    fn step(&mut self, params: &mut [f32], grad: &[f32]);
    /// Changes the learning rate without touching the state (no reset: momentum and Adam's
    /// moments carry on, as a learner expects when moving the slider mid-run).
    fn set_lr(&mut self, lr: f32);
    /// The current learning rate.
    fn lr(&self) -> f32;
    /// Which rule this is.
    fn kind(&self) -> OptimizerKind;
    /// Forgets the state (velocity, moments, step count), as if freshly built.
    fn reset(&mut self);
    /// A boxed copy, state included (lets a trainer be cloned).
    fn clone_box(&self) -> Box<dyn Optimizer>;
}

impl Clone for Box<dyn Optimizer> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

/// Plain SGD: `θ ← θ − η·g`.
#[derive(Debug, Clone)]
pub struct Sgd {
    lr: f32,
}

impl Optimizer for Sgd {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let lr = self.lr;
        for (p, &g) in params.iter_mut().zip(grad) {
            *p -= lr * g;
        }
    }
    fn set_lr(&mut self, lr: f32) {
        self.lr = lr;
    }
    fn lr(&self) -> f32 {
        self.lr
    }
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Sgd
    }
    fn reset(&mut self) {}
    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}

/// SGD with momentum: `v ← μ·v + g`, `θ ← θ − η·v`.
#[derive(Debug, Clone)]
pub struct Momentum {
    lr: f32,
    momentum: f32,
    velocity: Vec<f32>,
}

impl Optimizer for Momentum {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let (lr, mu) = (self.lr, self.momentum);
        for ((p, &g), v) in params.iter_mut().zip(grad).zip(self.velocity.iter_mut()) {
            *v = mu * *v + g;
            *p -= lr * *v;
        }
    }
    fn set_lr(&mut self, lr: f32) {
        self.lr = lr;
    }
    fn lr(&self) -> f32 {
        self.lr
    }
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Momentum
    }
    fn reset(&mut self) {
        self.velocity.fill(0.0);
    }
    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}

/// Adam with bias correction, ε added to `√v̂`.
#[derive(Debug, Clone)]
pub struct Adam {
    lr: f32,
    beta1: f32,
    beta2: f32,
    eps: f32,
    /// Steps taken so far (t in the bias corrections).
    t: u32,
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Optimizer for Adam {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        self.t = self.t.saturating_add(1);
        // The scalars are computed once per step in f64 (βᵗ for large t needs the precision),
        // then the update is written as PyTorch does:
        //   θ ← θ − (η/(1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
        // which equals η·m̂/(√v̂ + ε) but needs one multiply per element instead of two divides.
        let t = i32::try_from(self.t).unwrap_or(i32::MAX);
        let bc1 = 1.0 - f64::from(self.beta1).powi(t);
        let bc2 = 1.0 - f64::from(self.beta2).powi(t);
        let step_size = (f64::from(self.lr) / bc1) as f32;
        let inv_sqrt_bc2 = (1.0 / bc2.sqrt()) as f32;
        let (b1, b2, eps) = (self.beta1, self.beta2, self.eps);
        let (c1, c2) = (1.0 - b1, 1.0 - b2);
        for (((p, &g), m), v) in params.iter_mut().zip(grad).zip(self.m.iter_mut()).zip(self.v.iter_mut()) {
            *m = b1 * *m + c1 * g;
            *v = b2 * *v + c2 * g * g;
            *p -= step_size * *m / (v.sqrt() * inv_sqrt_bc2 + eps);
        }
    }
    fn set_lr(&mut self, lr: f32) {
        self.lr = lr;
    }
    fn lr(&self) -> f32 {
        self.lr
    }
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Adam
    }
    fn reset(&mut self) {
        self.t = 0;
        self.m.fill(0.0);
        self.v.fill(0.0);
    }
    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}
