//! # Training: the two-player game, one round at a time
//!
//! A round (one [`Stepping::step`]) is `k` discriminator updates, then one generator update:
//!
//! ```text
//! repeat k times:  x ~ data (batch b), z ~ p(z) (b),   θ_D ← update(θ_D, ∇_θD L_D)      G fixed
//! once:            z ~ p(z) (b),                        θ_G ← update(θ_G, ∇_θG L_G)      D fixed
//! ```
//!
//! Each player has its own optimiser (Adam with β₁ = 0.5, or SGD) and its own learning rate.
//!
//! **The generator's gradient passes through the discriminator.** The two networks keep their
//! parameters apart (an update of one must never touch the other), so the chain rule is split
//! at the generated points `x = G(z)`: `D`'s tape takes `x` as an input whose gradient is
//! wanted and gives `g = ∂L_G/∂x`; `G`'s tape then backpropagates the surrogate `Σ x ⊙ g`,
//! whose gradient with respect to `θ_G` is exactly `(∂x/∂θ_G)ᵀ·g = ∂L_G/∂θ_G`. The same `g`,
//! per point and negated, is the arrow the page draws on each generated point.
//!
//! A loss or gradient that is not finite, or an update that would make a parameter infinite,
//! stops the run: [`GanTrainer::diverged`] is set, nothing is recorded, and the parameters
//! stay those of the last good update.

use super::nets::{binary_cross_entropy, mean_probability, GanOptimizer, GeneratorLoss, Mlp, Settings, ADAM_BETA1, FAKE, REAL};
use crate::diffusion::targets::Cloud;
use crate::error::ParamError;
use crate::optim::optimizers::{Optimizer, OptimizerConfig, OptimizerKind};
use crate::rng::Rng;
use crate::stepping::{Progress, Stepping};
use crate::tensor::{step_with_gradients, Diverged, Tape};

/// How many latent codes are drawn once, at construction, for the page's views: the same codes
/// every frame, so the page shows the same points moving as training goes.
pub const VIEW_POINTS: usize = 2000;

/// What one discriminator update measured (before the update).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DReport {
    /// `L_D` of the batch.
    pub loss: f32,
    /// Mean `D(x)` over the real points, and mean `D(G(z))` over the generated ones.
    pub real: f32,
    pub fake: f32,
}

/// What one generator update measured (before the update).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GReport {
    /// `L_G` of the batch (with the run's generator loss).
    pub loss: f32,
    /// Mean `D(G(z))` over the batch.
    pub fake: f32,
}

/// One round of the history: the means over its `k` discriminator updates and its generator update.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Round {
    pub loss_d: f32,
    pub loss_g: f32,
    /// Mean `D(x)` on real points and mean `D(G(z))` on generated ones, over the round's
    /// discriminator batches (measured before each update).
    pub real: f32,
    pub fake: f32,
}

/// Why an update on given batches did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum StepError {
    /// A batch of the wrong shape (nothing was done).
    Batch(ParamError),
    /// Not finite: the run has stopped (see [`GanTrainer::diverged`]).
    Diverged(Diverged),
}

/// A GAN learning a cloud of points: both networks, both optimisers, the history.
#[derive(Debug)]
pub struct GanTrainer {
    pub(super) settings: Settings,
    pub generator: Mlp,
    pub discriminator: Mlp,
    data: Cloud,
    optimizer_g: Box<dyn Optimizer>,
    optimizer_d: Box<dyn Optimizer>,
    /// `G`'s and `D`'s tapes (the generator update needs both at once), and one for the views.
    pub(super) tape_g: Tape,
    pub(super) tape_d: Tape,
    pub(super) tape_view: Tape,
    rng: Rng,
    history: Vec<Round>,
    max_steps: usize,
    diverged: bool,
    /// `VIEW_POINTS` latent codes, drawn once.
    pub(super) view_latent: Vec<f32>,
    // Buffers reused every update (no allocation once grown).
    real: Vec<f32>,
    latent: Vec<f32>,
    fake: Vec<f32>,
    upstream: Vec<f32>,
    pub(super) zeros: Vec<f32>,
    pub(super) targets: Vec<u32>,
}

impl GanTrainer {
    /// A fresh game on `data` for `max_steps` rounds. Errors: [`Settings::check`]; `"points"`
    /// for a cloud of fewer than 2 points or with a value that is not finite; `"steps"` for 0.
    pub fn new(data: Cloud, settings: Settings, max_steps: usize) -> Result<GanTrainer, ParamError> {
        settings.check()?;
        if data.len() < 2 || data.points.len() != 2 * data.len() {
            return Err(ParamError::too_few("points", 2, data.len()));
        }
        if data.points.iter().any(|v| !v.is_finite()) {
            return Err(ParamError::unsupported("points"));
        }
        if max_steps == 0 {
            return Err(ParamError::at_least("steps", 1.0, 0.0));
        }
        let s = settings;
        let generator = Mlp::new(s.latent, s.generator_width, s.generator_depth, 2, &mut Rng::stream(s.seed, 10))?;
        let discriminator = Mlp::new(2, s.discriminator_width, s.discriminator_depth, 1, &mut Rng::stream(s.seed, 11))?;
        let optimizer_g = build_optimizer(s.optimizer, s.lr_g, generator.params.len())?;
        let optimizer_d = build_optimizer(s.optimizer, s.lr_d, discriminator.params.len())?;
        let mut view_rng = Rng::stream(s.seed, 13);
        let view_latent = (0..VIEW_POINTS * s.latent).map(|_| s.noise.draw(&mut view_rng)).collect();
        Ok(GanTrainer {
            settings,
            generator,
            discriminator,
            data,
            optimizer_g,
            optimizer_d,
            tape_g: Tape::new(),
            tape_d: Tape::new(),
            tape_view: Tape::new(),
            rng: Rng::stream(s.seed, 12),
            history: Vec::new(),
            max_steps,
            diverged: false,
            view_latent,
            real: Vec::new(),
            latent: Vec::new(),
            fake: Vec::new(),
            upstream: Vec::new(),
            zeros: Vec::new(),
            targets: Vec::new(),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn data(&self) -> &Cloud {
        &self.data
    }

    /// One [`Round`] per step taken.
    pub fn history(&self) -> &[Round] {
        &self.history
    }

    pub fn max_steps(&self) -> usize {
        self.max_steps
    }

    /// A loss, gradient or parameter stopped being finite: the run has stopped.
    pub fn diverged(&self) -> bool {
        self.diverged
    }

    /// The discriminator's learning rate from the next update on (Adam's moments carry on).
    /// Errors: `"lr_d"` outside [`super::nets::LR_RANGE`] (nothing changes).
    pub fn set_lr_d(&mut self, lr: f32) -> Result<(), ParamError> {
        Settings { lr_d: lr, ..self.settings }.check()?;
        self.settings.lr_d = lr;
        self.optimizer_d.set_lr(lr);
        Ok(())
    }

    /// The generator's learning rate from the next update on. Errors: `"lr_g"`.
    pub fn set_lr_g(&mut self, lr: f32) -> Result<(), ParamError> {
        Settings { lr_g: lr, ..self.settings }.check()?;
        self.settings.lr_g = lr;
        self.optimizer_g.set_lr(lr);
        Ok(())
    }

    /// `k`, discriminator updates per round, from the next round on. Errors: `"d_steps"`.
    pub fn set_d_steps(&mut self, k: usize) -> Result<(), ParamError> {
        Settings { d_steps: k, ..self.settings }.check()?;
        self.settings.d_steps = k;
        Ok(())
    }

    /// The generator's loss from the next update on (the page's switch between the two).
    pub fn set_generator_loss(&mut self, loss: GeneratorLoss) {
        self.settings.generator_loss = loss;
    }

    /// Fills `self.latent` with `n` fresh codes.
    fn draw_latent(&mut self, n: usize) {
        self.latent.clear();
        for _ in 0..n * self.settings.latent {
            self.latent.push(self.settings.noise.draw(&mut self.rng));
        }
    }

    /// One discriminator update on a fresh batch; `None` once the run has diverged.
    pub fn step_d(&mut self) -> Option<DReport> {
        if self.diverged {
            return None;
        }
        let b = self.settings.batch;
        self.draw_latent(b);
        let n = self.data.len();
        let mut real = std::mem::take(&mut self.real);
        real.clear();
        for _ in 0..b {
            let i = self.rng.below(n);
            real.extend_from_slice(&self.data.points[2 * i..2 * i + 2]);
        }
        let latent = std::mem::take(&mut self.latent);
        let report = self.step_d_on(&real, &latent).ok();
        self.real = real;
        self.latent = latent;
        report
    }

    /// One generator update on fresh codes; `None` once the run has diverged.
    pub fn step_g(&mut self) -> Option<GReport> {
        if self.diverged {
            return None;
        }
        self.draw_latent(self.settings.batch);
        let latent = std::mem::take(&mut self.latent);
        let report = self.step_g_on(&latent).ok();
        self.latent = latent;
        report
    }

    /// `L_D` and its gradient (left in `discriminator.params`' gradients) on the real points
    /// `real` (flat pairs) and the fakes `G(z)` of the codes `z` (flat, `latent` a row); no update.
    pub fn d_backward(&mut self, real: &[f32], z: &[f32]) -> Result<DReport, StepError> {
        check_batch("real", real, 2)?;
        check_batch("z", z, self.settings.latent)?;
        self.generate_into_fake(z);
        let (nr, nf) = (real.len() / 2, self.fake.len() / 2);
        let tape = &mut self.tape_d;
        tape.reset();
        let xr = tape.input([nr, 2], real);
        let xf = tape.input([nf, 2], &self.fake);
        let logits_real = self.discriminator.forward(tape, xr);
        let logits_fake = self.discriminator.forward(tape, xf);
        let loss_real = binary_cross_entropy(tape, logits_real, REAL, &mut self.zeros, &mut self.targets);
        let loss_fake = binary_cross_entropy(tape, logits_fake, FAKE, &mut self.zeros, &mut self.targets);
        let loss = tape.add(loss_real, loss_fake);
        let report = DReport { loss: tape.scalar(loss), real: mean_probability(tape.value(logits_real)), fake: mean_probability(tape.value(logits_fake)) };
        self.discriminator.params.zero_grads();
        tape.backward(loss, &mut self.discriminator.params).map_err(StepError::Diverged)?;
        Ok(report)
    }

    /// One discriminator update on given batches (as [`d_backward`](Self::d_backward)); a
    /// divergence stops the run.
    pub fn step_d_on(&mut self, real: &[f32], z: &[f32]) -> Result<DReport, StepError> {
        if self.diverged {
            return Err(StepError::Diverged(Diverged::Loss(f32::NAN)));
        }
        let outcome = self
            .d_backward(real, z)
            .and_then(|report| step_with_gradients(&mut self.discriminator.params, self.optimizer_d.as_mut(), None, report.loss).map(|_| report).map_err(StepError::Diverged));
        self.note(outcome)
    }

    /// `L_G` and its gradient (left in `generator.params`' gradients) for the codes `z`; no update.
    pub fn g_backward(&mut self, z: &[f32]) -> Result<GReport, StepError> {
        check_batch("z", z, self.settings.latent)?;
        let n = z.len() / self.settings.latent;
        // G's forward pass, kept on its tape for the backward pass below.
        let tape_g = &mut self.tape_g;
        tape_g.reset();
        let zv = tape_g.input([n, self.settings.latent], z);
        let x = self.generator.forward(tape_g, zv);
        self.fake.clear();
        self.fake.extend_from_slice(tape_g.value(x));
        // D's tape gives ∂L_G/∂x at the generated points.
        let (loss_value, fake_score) =
            point_gradients(&mut self.tape_d, &mut self.discriminator, &self.fake, self.settings.generator_loss, &mut self.zeros, &mut self.targets, &mut self.upstream)
                .map_err(StepError::Diverged)?;
        // G's tape takes it from there: the surrogate Σ x ⊙ g has ∂/∂θ_G = ∂L_G/∂θ_G.
        let tape_g = &mut self.tape_g;
        let g = tape_g.input([n, 2], &self.upstream);
        let weighted = tape_g.mul(x, g);
        let surrogate = tape_g.sum(weighted);
        self.generator.params.zero_grads();
        tape_g.backward(surrogate, &mut self.generator.params).map_err(StepError::Diverged)?;
        Ok(GReport { loss: loss_value, fake: fake_score })
    }

    /// One generator update on given codes (as [`g_backward`](Self::g_backward)); a divergence
    /// stops the run.
    pub fn step_g_on(&mut self, z: &[f32]) -> Result<GReport, StepError> {
        if self.diverged {
            return Err(StepError::Diverged(Diverged::Loss(f32::NAN)));
        }
        let outcome = self
            .g_backward(z)
            .and_then(|report| step_with_gradients(&mut self.generator.params, self.optimizer_g.as_mut(), None, report.loss).map(|_| report).map_err(StepError::Diverged));
        self.note(outcome)
    }

    /// Marks the run diverged on a divergence.
    fn note<T>(&mut self, outcome: Result<T, StepError>) -> Result<T, StepError> {
        if let Err(StepError::Diverged(_)) = outcome {
            self.diverged = true;
        }
        outcome
    }

    /// `G(z)` for flat codes into `self.fake` (values only).
    pub(super) fn generate_into_fake(&mut self, z: &[f32]) {
        let n = z.len() / self.settings.latent.max(1);
        let tape = &mut self.tape_g;
        tape.reset();
        let zv = tape.input([n, self.settings.latent], z);
        let x = self.generator.forward(tape, zv);
        self.fake.clear();
        self.fake.extend_from_slice(tape.value(x));
        tape.reset();
    }
}

/// Records `D` on `points` (flat pairs) on `tape`; returns the batch's generator loss `loss`
/// and mean `D(x)`, and leaves `∂L_G/∂x` (per point, flat; `L_G` a mean) in `out`. `D`'s own
/// gradients are written too (unused: they are zeroed before every discriminator update).
#[allow(clippy::too_many_arguments)] // the trainer's buffers, borrowed apart from the networks
pub(super) fn point_gradients(
    tape: &mut Tape,
    discriminator: &mut Mlp,
    points: &[f32],
    loss: GeneratorLoss,
    zeros: &mut Vec<f32>,
    targets: &mut Vec<u32>,
    out: &mut Vec<f32>,
) -> Result<(f32, f32), Diverged> {
    let n = points.len() / 2;
    tape.reset();
    let x = tape.input_with_grad([n, 2], points);
    let logits = discriminator.forward(tape, x);
    let loss = match loss {
        GeneratorLoss::NonSaturating => binary_cross_entropy(tape, logits, REAL, zeros, targets),
        GeneratorLoss::Minimax => {
            let rejected = binary_cross_entropy(tape, logits, FAKE, zeros, targets);
            tape.scale(rejected, -1.0)
        }
    };
    let value = tape.scalar(loss);
    let score = mean_probability(tape.value(logits));
    tape.backward(loss, &mut discriminator.params)?;
    out.clear();
    out.extend_from_slice(tape.grad(x));
    if !out.iter().all(|v| v.is_finite()) {
        return Err(Diverged::Gradient);
    }
    Ok((value, score))
}

/// A flat batch of rows of `width`: not empty, whole rows, every value finite.
fn check_batch(field: &'static str, values: &[f32], width: usize) -> Result<(), StepError> {
    if values.is_empty() {
        return Err(StepError::Batch(ParamError::too_few(field, 1, 0)));
    }
    if !values.len().is_multiple_of(width) {
        return Err(StepError::Batch(ParamError::not_whole_rows(field, values.len(), width)));
    }
    if values.iter().any(|v| !v.is_finite()) {
        return Err(StepError::Batch(ParamError::unsupported(field)));
    }
    Ok(())
}

fn build_optimizer(kind: GanOptimizer, lr: f32, n: usize) -> Result<Box<dyn Optimizer>, ParamError> {
    match kind {
        GanOptimizer::Adam => OptimizerConfig { beta1: ADAM_BETA1, ..OptimizerConfig::new(OptimizerKind::Adam, lr) }.build(n),
        GanOptimizer::Sgd => OptimizerConfig::new(OptimizerKind::Sgd, lr).build(n),
    }
}

impl Stepping for GanTrainer {
    /// One round: `k` discriminator updates, then one generator update; its means are recorded.
    fn step(&mut self) {
        if self.done() {
            return;
        }
        let k = self.settings.d_steps;
        let (mut loss_d, mut real, mut fake) = (0.0f64, 0.0f64, 0.0f64);
        for _ in 0..k {
            let Some(r) = self.step_d() else { return };
            loss_d += f64::from(r.loss);
            real += f64::from(r.real);
            fake += f64::from(r.fake);
        }
        let Some(g) = self.step_g() else { return };
        let k = k as f64;
        self.history.push(Round { loss_d: (loss_d / k) as f32, loss_g: g.loss, real: (real / k) as f32, fake: (fake / k) as f32 });
    }

    fn done(&self) -> bool {
        self.diverged || self.history.len() >= self.max_steps
    }

    fn progress(&self) -> Progress {
        Progress { done: self.history.len(), total: Some(self.max_steps) }
    }
}
