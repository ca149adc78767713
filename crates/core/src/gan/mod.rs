//! # GAN: a generator learns to fool a discriminator
//!
//! A generative adversarial network (Goodfellow et al., 2014) learns a distribution — here a
//! cloud of points in the plane — through a game between two networks. The **generator** `G`
//! turns random codes `z ~ p(z)` into points; the **discriminator** `D` gives each point the
//! probability `D(x)` that it came from the data. `D` learns to tell the two apart, `G` learns
//! to make `D` say "real":
//!
//! ```text
//! min_G max_D  V(D, G) = E_x[log D(x)] + E_z[log(1 − D(G(z)))]
//! ```
//!
//! For a fixed `G` the best `D` is `p_data/(p_data + p_G)`, and against it `G` minimises the
//! Jensen–Shannon divergence between the data and its own distribution: the game's end is
//! `p_G = p_data` with `D = ½` everywhere (and `L_D = 2·ln 2`). In practice the game can
//! oscillate, or the generator can settle on a few modes: **mode collapse**, measured in [`modes`].
//!
//! | file | what it holds |
//! |---|---|
//! | [`nets`] | the settings (with the default and the mode-collapse preset), the two MLPs on the tensor engine, the losses |
//! | [`trainer`] | the game, one round at a time: `k` updates of `D`, one of `G`; the history; divergence |
//! | [`views`] | `D`'s heatmap, the generated points from fixed codes, the generator's arrows, the warped latent grid, the energy distance |
//! | [`modes`] | mode coverage on the eight Gaussians |
//!
//! The data are [`crate::diffusion::targets`]' clouds (spiral, moons, rings, eight Gaussians,
//! one Gaussian, א, drawn shapes).

pub mod modes;
pub mod nets;
pub mod trainer;
pub mod views;

pub use nets::{GanOptimizer, GeneratorLoss, Noise, Settings};
pub use trainer::{GanTrainer, Round};
