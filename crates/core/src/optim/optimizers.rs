//! # Optimisers: turning a gradient into a parameter update
//!
//! Training minimises a loss `L(θ)` by repeatedly moving the parameters `θ` against the
//! gradient `g = ∇L(θ)` of the current mini-batch. The optimisers differ in how they turn the
//! stream of gradients `g_1, g_2, …` into steps. With learning rate `η`, at step `t`
//! (all operations element-wise, every state buffer starting at 0):
//!
//! - **SGD** (stochastic gradient descent): `θ ← θ − η·g`. Fed the gradient of the whole data
//!   set it is plain *gradient descent*: "full batch" is a property of the data, not of the rule.
//! - **Momentum** (heavy ball, PyTorch's `SGD(momentum=μ)` convention, dampening 0):
//!   `v ← μ·v + g`, `θ ← θ − η·v`. The velocity `v` averages recent gradients,
//!   so steps grow along directions that agree from batch to batch (up to `1/(1−μ)` times) and
//!   oscillations across a ravine cancel out.
//! - **Nesterov** momentum (Sutskever et al. 2013, PyTorch's `SGD(nesterov=True)`):
//!   `v ← μ·v + g`, `θ ← θ − η·(g + μ·v)`. The step uses the velocity *after* it has been
//!   updated once more — a look-ahead that brakes earlier when the slope turns, so it
//!   overshoots less than heavy-ball momentum.
//! - **AdaGrad** (Duchi, Hazan & Singer 2011, PyTorch's convention):
//!   `s ← s + g²`, `θ ← θ − η·g / (√s + ε)`. Each parameter's step shrinks with the total
//!   squared gradient it has seen: rarely-moved parameters keep large steps, but every step
//!   size decays like `1/√t`, so AdaGrad can stall before reaching a minimum.
//! - **RMSProp** (Tieleman & Hinton 2012, PyTorch's convention, not centred, no momentum):
//!   `v ← α·v + (1−α)·g²`, `θ ← θ − η·g / (√v + ε)`. AdaGrad with a *forgetting* average
//!   instead of a sum, so step sizes stop decaying. There is no bias correction: the first step
//!   is `η·g/(√(1−α)·|g|) ≈ 10·η` for `α = 0.99`.
//! - **Adam** (Kingma & Ba 2015, PyTorch's convention):
//!   ```text
//!   m ← β₁·m + (1−β₁)·g           first moment (mean of g)
//!   v ← β₂·v + (1−β₂)·g²          second moment (mean of g², element-wise)
//!   m̂ = m / (1−β₁ᵗ),  v̂ = v / (1−β₂ᵗ)   bias correction: m, v start at 0
//!   θ ← θ − η·m̂ / (√v̂ + ε)
//!   ```
//!   Dividing by `√v̂` gives every parameter its own step size of roughly `η`, whatever the scale
//!   of its gradient; `ε` (added to `√v̂`, not inside the root) avoids dividing by zero.
//! - **AdamW** (Loshchilov & Hutter 2019, PyTorch's convention): Adam plus *decoupled* weight
//!   decay `λ`: `θ ← θ·(1 − η·λ)`, then the Adam step. Adding `λ·θ` to the gradient instead
//!   (L2 regularisation) would be divided by `√v̂` and so shrink parameters with large gradients
//!   less; decoupling shrinks every parameter by the same fraction.
//! - **Lion** (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2):
//!   ```text
//!   c = β₁·m + (1−β₁)·g           interpolation of momentum and gradient
//!   θ ← θ − η·(sign(c) + λ·θ)     every parameter moves by exactly η (plus decay)
//!   m ← β₂·m + (1−β₂)·g           the momentum is updated *after* the step, with β₂
//!   ```
//!   Only the sign is used (`sign(0) = 0`), so the step size does not depend on the gradient's
//!   scale at all; Lion's learning rate is typically 3–10× smaller than Adam's.
//!
//! All state buffers are allocated once in [`OptimizerConfig::build`]; [`Optimizer::step`]
//! allocates nothing and runs one contiguous, vectorisable loop over the parameters.

use crate::error::ParamError;
use crate::shared::slug_enum;

/// Smallest learning rate accepted.
pub const MIN_LR: f32 = 1e-6;
/// Largest learning rate accepted.
pub const MAX_LR: f32 = 10.0;
/// Largest weight decay λ accepted (AdamW, Lion). The decay factor `1 − η·λ` must stay
/// meaningful; typical values are 0.01–0.1 for AdamW and 3–10× that for Lion.
pub const MAX_WEIGHT_DECAY: f32 = 1.0;

slug_enum! {
    /// Which update rule to use.
    pub enum OptimizerKind {
        /// Plain stochastic gradient descent (gradient descent when fed full-batch gradients).
        Sgd => "sgd",
        /// SGD with (heavy-ball) momentum.
        Momentum => "momentum",
        /// Adam: per-parameter step sizes from running moments of the gradient.
        Adam => "adam",
        /// SGD with Nesterov (look-ahead) momentum.
        Nesterov => "nesterov",
        /// AdaGrad: per-parameter steps shrinking with the sum of squared gradients.
        AdaGrad => "adagrad",
        /// RMSProp: per-parameter steps from a running mean of squared gradients.
        RmsProp => "rmsprop",
        /// Adam with decoupled weight decay.
        AdamW => "adamw",
        /// Lion: the sign of an interpolated momentum, with decoupled weight decay.
        Lion => "lion",
    }
}

/// Every setting of every optimiser; each kind reads the ones it needs.
///
/// The defaults (see [`OptimizerConfig::new`]) are PyTorch's wherever it has one (its SGD has
/// no default momentum; ours is the customary 0.9), except Adam's ε (see `eps`); Lion's are the
/// paper's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptimizerConfig {
    /// Which update rule.
    pub kind: OptimizerKind,
    /// Learning rate η, in `1e-6..=10`.
    pub lr: f32,
    /// Momentum μ in `[0, 1)` (Momentum, Nesterov). Default 0.9.
    pub momentum: f32,
    /// Adam's and AdamW's β₁ in `[0, 1)`. Default 0.9.
    pub beta1: f32,
    /// Adam's and AdamW's β₂ in `[0, 1)`. Default 0.999.
    pub beta2: f32,
    /// Adam's and AdamW's ε in `(0, 1]`. Default 1e-7 (Keras' and TensorFlow.js's default;
    /// PyTorch uses 1e-8, which f32 cannot add to a typical √v̂ anyway).
    pub eps: f32,
    /// RMSProp's smoothing constant α in `[0, 1)` (PyTorch's name; Keras calls it ρ).
    /// Default 0.99.
    pub alpha: f32,
    /// RMSProp's ε in `(0, 1]`, added to `√v`. Default 1e-8 (PyTorch's).
    pub rms_eps: f32,
    /// AdaGrad's ε in `(0, 1]`, added to `√s`. Default 1e-10 (PyTorch's).
    pub adagrad_eps: f32,
    /// AdamW's decoupled weight decay λ in `[0, 1]`. Default 0.01 (PyTorch's).
    pub weight_decay: f32,
    /// Lion's β₁ in `[0, 1)` (weight of the momentum in the step's sign). Default 0.9.
    pub lion_beta1: f32,
    /// Lion's β₂ in `[0, 1)` (the momentum's own averaging). Default 0.99.
    pub lion_beta2: f32,
    /// Lion's decoupled weight decay λ in `[0, 1]`. Default 0.
    pub lion_weight_decay: f32,
}

/// Checks a learning rate (field `"lr"`): finite and in `1e-6..=10`.
pub fn validate_lr(lr: f32) -> Result<(), ParamError> {
    if (MIN_LR..=MAX_LR).contains(&lr) {
        Ok(())
    } else {
        Err(ParamError::out_of_range("lr", MIN_LR.into(), MAX_LR.into(), lr.into()))
    }
}

/// The hyperparameter besides the learning rate that most shapes an optimizer's path, as the
/// gradient descent lab lets a learner edit it: `(name, value in a default configuration)`.
/// Momentum μ (Momentum, Nesterov), β₁ (Adam, AdamW, Lion), α (RMSProp); none for SGD and
/// AdaGrad.
pub fn second_hyperparameter(kind: OptimizerKind) -> Option<(&'static str, f32)> {
    let d = OptimizerConfig::new(kind, 0.01);
    match kind {
        OptimizerKind::Momentum | OptimizerKind::Nesterov => Some(("momentum", d.momentum)),
        OptimizerKind::Adam | OptimizerKind::AdamW => Some(("beta1", d.beta1)),
        OptimizerKind::Lion => Some(("beta1", d.lion_beta1)),
        OptimizerKind::RmsProp => Some(("alpha", d.alpha)),
        OptimizerKind::Sgd | OptimizerKind::AdaGrad => None,
    }
}

impl OptimizerConfig {
    /// Sets the [`second_hyperparameter`] of this configuration's kind (no effect for kinds that
    /// have none). Validated, like every field, by [`OptimizerConfig::build`].
    pub fn with_second(mut self, value: f32) -> Self {
        match self.kind {
            OptimizerKind::Momentum | OptimizerKind::Nesterov => self.momentum = value,
            OptimizerKind::Adam | OptimizerKind::AdamW => self.beta1 = value,
            OptimizerKind::Lion => self.lion_beta1 = value,
            OptimizerKind::RmsProp => self.alpha = value,
            OptimizerKind::Sgd | OptimizerKind::AdaGrad => {}
        }
        self
    }

    /// A configuration with the usual defaults: momentum 0.9; Adam/AdamW β₁ 0.9, β₂ 0.999,
    /// ε 1e-7; RMSProp α 0.99, ε 1e-8; AdaGrad ε 1e-10; AdamW weight decay 0.01; Lion β₁ 0.9,
    /// β₂ 0.99, weight decay 0.
    pub fn new(kind: OptimizerKind, lr: f32) -> Self {
        OptimizerConfig {
            kind,
            lr,
            momentum: 0.9,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-7,
            alpha: 0.99,
            rms_eps: 1e-8,
            adagrad_eps: 1e-10,
            weight_decay: 0.01,
            lion_beta1: 0.9,
            lion_beta2: 0.99,
            lion_weight_decay: 0.0,
        }
    }

    /// Checks every setting (also those the chosen kind ignores, so a bad URL value is reported
    /// even before the learner switches optimiser).
    pub fn validate(&self) -> Result<(), ParamError> {
        validate_lr(self.lr)?;
        // Range tests written as `contains` so that NaN fails them too.
        let unit = |field: &'static str, v: f32| {
            if (0.0..1.0).contains(&v) {
                Ok(())
            } else {
                Err(ParamError::below(field, 0.0, 1.0, v.into()))
            }
        };
        let epsilon = |field: &'static str, v: f32| {
            if v > 0.0 && v <= 1.0 {
                Ok(())
            } else {
                Err(ParamError::above(field, 0.0, 1.0, v.into()))
            }
        };
        let decay = |field: &'static str, v: f32| ParamError::check_range(field, 0.0, MAX_WEIGHT_DECAY.into(), v.into());
        unit("momentum", self.momentum)?;
        unit("beta1", self.beta1)?;
        unit("beta2", self.beta2)?;
        epsilon("eps", self.eps)?;
        unit("alpha", self.alpha)?;
        epsilon("rms_eps", self.rms_eps)?;
        epsilon("adagrad_eps", self.adagrad_eps)?;
        decay("weight_decay", self.weight_decay)?;
        unit("lion_beta1", self.lion_beta1)?;
        unit("lion_beta2", self.lion_beta2)?;
        decay("lion_weight_decay", self.lion_weight_decay)?;
        Ok(())
    }

    /// Validates the settings and builds the optimiser for `n_params` parameters, with its state
    /// buffers (velocity, moments) allocated here once.
    pub fn build(&self, n_params: usize) -> Result<Box<dyn Optimizer>, ParamError> {
        self.validate()?;
        let adam = |weight_decay: f32| self.adam(weight_decay, n_params);
        Ok(match self.kind {
            OptimizerKind::Sgd => Box::new(Sgd { lr: self.lr }),
            OptimizerKind::Momentum | OptimizerKind::Nesterov => Box::new(Momentum {
                lr: self.lr,
                momentum: self.momentum,
                nesterov: self.kind == OptimizerKind::Nesterov,
                velocity: vec![0.0; n_params],
            }),
            OptimizerKind::Adam => Box::new(adam(0.0)),
            OptimizerKind::AdamW => Box::new(AdamW(adam(self.weight_decay))),
            OptimizerKind::AdaGrad => Box::new(AdaGrad {
                lr: self.lr,
                eps: self.adagrad_eps,
                sum: vec![0.0; n_params],
            }),
            OptimizerKind::RmsProp => Box::new(RmsProp {
                lr: self.lr,
                alpha: self.alpha,
                eps: self.rms_eps,
                v: vec![0.0; n_params],
            }),
            OptimizerKind::Lion => Box::new(Lion {
                lr: self.lr,
                beta1: self.lion_beta1,
                beta2: self.lion_beta2,
                weight_decay: self.lion_weight_decay,
                m: vec![0.0; n_params],
            }),
        })
    }

    /// Adam itself, validated, whatever `kind` says — for a model that only ever uses Adam (the
    /// data lab's network): called directly, the other update rules stay out of its bundle.
    pub fn build_adam(&self, n_params: usize) -> Result<Adam, ParamError> {
        self.validate()?;
        Ok(self.adam(0.0, n_params))
    }

    /// Adam with decoupled weight decay `weight_decay` (0: plain Adam), state zeroed.
    fn adam(&self, weight_decay: f32, n_params: usize) -> Adam {
        Adam {
            lr: self.lr,
            beta1: self.beta1,
            beta2: self.beta2,
            eps: self.eps,
            weight_decay,
            t: 0,
            m: vec![0.0; n_params],
            v: vec![0.0; n_params],
        }
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

/// The `set_lr`, `lr`, `kind` and `clone_box` methods, identical for every rule.
macro_rules! common_methods {
    ($kind:expr) => {
        fn set_lr(&mut self, lr: f32) {
            self.lr = lr;
        }
        fn lr(&self) -> f32 {
            self.lr
        }
        fn kind(&self) -> OptimizerKind {
            $kind
        }
        fn clone_box(&self) -> Box<dyn Optimizer> {
            Box::new(self.clone())
        }
    };
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
    fn reset(&mut self) {}
    common_methods!(OptimizerKind::Sgd);
}

/// SGD with momentum: `v ← μ·v + g`, then `θ ← θ − η·v` (heavy ball) or
/// `θ ← θ − η·(g + μ·v)` (Nesterov).
#[derive(Debug, Clone)]
pub struct Momentum {
    lr: f32,
    momentum: f32,
    /// Nesterov's look-ahead step instead of the heavy ball's.
    nesterov: bool,
    velocity: Vec<f32>,
}

impl Optimizer for Momentum {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let (lr, mu) = (self.lr, self.momentum);
        let pairs = params.iter_mut().zip(grad).zip(self.velocity.iter_mut());
        // The branch is outside the loops so each loop stays a straight, vectorisable line.
        if self.nesterov {
            for ((p, &g), v) in pairs {
                *v = mu * *v + g;
                *p -= lr * (g + mu * *v);
            }
        } else {
            for ((p, &g), v) in pairs {
                *v = mu * *v + g;
                *p -= lr * *v;
            }
        }
    }
    fn reset(&mut self) {
        self.velocity.fill(0.0);
    }
    fn set_lr(&mut self, lr: f32) {
        self.lr = lr;
    }
    fn lr(&self) -> f32 {
        self.lr
    }
    fn kind(&self) -> OptimizerKind {
        if self.nesterov {
            OptimizerKind::Nesterov
        } else {
            OptimizerKind::Momentum
        }
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
    /// Decoupled weight decay λ: 0 for Adam, set by [`AdamW`].
    weight_decay: f32,
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
        //   θ ← θ·(1 − ηλ) − (η/(1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)
        // which equals θ·(1 − ηλ) − η·m̂/(√v̂ + ε) but needs one multiply per element instead of
        // two divides. For Adam λ = 0 and the decay factor is exactly 1, so θ·1 is θ, bit for bit.
        let t = i32::try_from(self.t).unwrap_or(i32::MAX);
        let bc1 = 1.0 - f64::from(self.beta1).powi(t);
        let bc2 = 1.0 - f64::from(self.beta2).powi(t);
        let step_size = (f64::from(self.lr) / bc1) as f32;
        let inv_sqrt_bc2 = (1.0 / bc2.sqrt()) as f32;
        let decay = 1.0 - self.lr * self.weight_decay;
        let (b1, b2, eps) = (self.beta1, self.beta2, self.eps);
        let (c1, c2) = (1.0 - b1, 1.0 - b2);
        for (((p, &g), m), v) in params.iter_mut().zip(grad).zip(self.m.iter_mut()).zip(self.v.iter_mut()) {
            *m = b1 * *m + c1 * g;
            *v = b2 * *v + c2 * g * g;
            *p = *p * decay - step_size * *m / (v.sqrt() * inv_sqrt_bc2 + eps);
        }
    }
    fn reset(&mut self) {
        self.t = 0;
        self.m.fill(0.0);
        self.v.fill(0.0);
    }
    common_methods!(OptimizerKind::Adam);
}

/// AdamW: Adam whose parameters first shrink by the factor `1 − η·λ` (decoupled weight decay).
#[derive(Debug, Clone)]
pub struct AdamW(Adam);

impl Optimizer for AdamW {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        self.0.step(params, grad);
    }
    fn set_lr(&mut self, lr: f32) {
        self.0.set_lr(lr);
    }
    fn lr(&self) -> f32 {
        self.0.lr()
    }
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::AdamW
    }
    fn reset(&mut self) {
        self.0.reset();
    }
    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}

/// AdaGrad: `s ← s + g²`, `θ ← θ − η·g/(√s + ε)`.
#[derive(Debug, Clone)]
pub struct AdaGrad {
    lr: f32,
    eps: f32,
    /// Running sum of squared gradients `s`.
    sum: Vec<f32>,
}

impl Optimizer for AdaGrad {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let (lr, eps) = (self.lr, self.eps);
        for ((p, &g), s) in params.iter_mut().zip(grad).zip(self.sum.iter_mut()) {
            *s += g * g;
            *p -= lr * g / (s.sqrt() + eps);
        }
    }
    fn reset(&mut self) {
        self.sum.fill(0.0);
    }
    common_methods!(OptimizerKind::AdaGrad);
}

/// RMSProp: `v ← α·v + (1−α)·g²`, `θ ← θ − η·g/(√v + ε)`.
#[derive(Debug, Clone)]
pub struct RmsProp {
    lr: f32,
    alpha: f32,
    eps: f32,
    /// Running mean of squared gradients `v`.
    v: Vec<f32>,
}

impl Optimizer for RmsProp {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let (lr, a, eps) = (self.lr, self.alpha, self.eps);
        let c = 1.0 - a;
        for ((p, &g), v) in params.iter_mut().zip(grad).zip(self.v.iter_mut()) {
            *v = a * *v + c * g * g;
            *p -= lr * g / (v.sqrt() + eps);
        }
    }
    fn reset(&mut self) {
        self.v.fill(0.0);
    }
    common_methods!(OptimizerKind::RmsProp);
}

/// Lion: `θ ← θ·(1 − ηλ) − η·sign(β₁·m + (1−β₁)·g)`, then `m ← β₂·m + (1−β₂)·g`.
#[derive(Debug, Clone)]
pub struct Lion {
    lr: f32,
    beta1: f32,
    beta2: f32,
    weight_decay: f32,
    /// Momentum `m`.
    m: Vec<f32>,
}

/// `sign(x)` with `sign(0) = 0` (as in the paper and `torch.sign`); `f32::signum` would give ±1
/// for ±0 and move a parameter whose gradient has always been exactly zero.
#[inline]
fn sign(x: f32) -> f32 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else {
        0.0
    }
}

impl Optimizer for Lion {
    fn step(&mut self, params: &mut [f32], grad: &[f32]) {
        let (lr, b1, b2) = (self.lr, self.beta1, self.beta2);
        let (c1, c2) = (1.0 - b1, 1.0 - b2);
        let decay = 1.0 - lr * self.weight_decay;
        for ((p, &g), m) in params.iter_mut().zip(grad).zip(self.m.iter_mut()) {
            let c = b1 * *m + c1 * g;
            *p = *p * decay - lr * sign(c);
            *m = b2 * *m + c2 * g;
        }
    }
    fn reset(&mut self) {
        self.m.fill(0.0);
    }
    common_methods!(OptimizerKind::Lion);
}
