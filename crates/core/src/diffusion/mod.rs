//! # Diffusion: learn to remove noise, then create from pure noise
//!
//! A diffusion model learns a distribution — here a cloud of points in the plane — by learning
//! to undo noise. Training dissolves real points into Gaussian noise over `T` steps (the
//! forward process) and teaches a small network to predict, at any step, the noise that was
//! added. Generating runs the film backwards: start from pure noise and remove a little
//! predicted noise at each step, until the points settle on the shape.
//!
//! | file | what it holds |
//! |---|---|
//! | [`schedule`] | the forward process: linear and cosine noise schedules, `β_t`, `ᾱ_t`, `x_t = √ᾱ_t·x_0 + √(1 − ᾱ_t)·ε`, one cloud dissolving as `t` moves |
//! | [`targets`] | the 2-D targets (spiral, moons, rings, eight Gaussians, one Gaussian) with their classes, drawn shapes, sample moments |
//! | [`denoiser`] | the noise predictor `ε_θ(x_t, t, c)` (an MLP on the tensor engine, time embedding, optional class) and its training |
//! | [`sampler`] | DDPM and DDIM sampling one step at a time, classifier-free guidance, the score field on a grid |
//! | [`quality`] | the energy distance between generated and real points |

pub mod denoiser;
pub mod quality;
pub mod sampler;
pub mod schedule;
pub mod targets;
