//! The GAN beside the diffusion model: core's generator and discriminator trained on the same
//! target, moved by the panel's own frame loop (or a button at a time: D alone, G alone, one
//! round), and what the panel draws of them. Every number comes from `perplexed_core::gan`.

use perplexed_core::diffusion::targets::Cloud;
use perplexed_core::error::ParamError;
use perplexed_core::gan::modes::{eight_gaussians_coverage, Coverage};
use perplexed_core::gan::trainer::GanTrainer;
use perplexed_core::stepping::{Pacer, Stepping};

use super::params::GenParams;

/// Rounds a second while the GAN plays (slow enough to watch the arrows and the heatmap chase
/// each other; the default run of 3,000 rounds lasts about 25 s).
pub const ROUNDS_PER_SECOND: f64 = 120.0;
/// Generated points (and arrows) the panel shows.
pub const SHOWN: usize = 500;
/// The heatmap's cells on a side.
pub const FIELD: usize = 40;

/// A GAN run on the lab's data.
#[derive(Default)]
pub struct GanRun {
    pub trainer: Option<GanTrainer>,
    pub error: Option<ParamError>,
    /// Bumped whenever a new run starts.
    pub version: u64,
    pacer: Pacer,
}

impl GanRun {
    /// A fresh run on `cloud` with the panel's settings (`None`: no data to learn).
    pub fn restart(&mut self, cloud: Option<&Cloud>, params: &GenParams) {
        self.version += 1;
        self.pacer.restart();
        self.trainer = None;
        self.error = None;
        let Some(cloud) = cloud else { return };
        match GanTrainer::new(cloud.clone(), params.gan_settings(), params.gan_rounds) {
            Ok(t) => self.trainer = Some(t),
            Err(e) => self.error = Some(e),
        }
    }

    pub fn rounds(&self) -> usize {
        self.trainer.as_ref().map_or(0, |t| t.history().len())
    }

    pub fn done(&self) -> bool {
        self.trainer.as_ref().is_none_or(Stepping::done)
    }

    pub fn diverged(&self) -> bool {
        self.trainer.as_ref().is_some_and(GanTrainer::diverged)
    }

    /// The rounds due by `now` within `budget_ms`; whether rounds are left.
    pub fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Some(t) = self.trainer.as_mut().filter(|t| !t.done()) else { return false };
        let start = now();
        let mut due = self.pacer.due(start, ROUNDS_PER_SECOND);
        while due > 0 && !t.done() && now() - start < budget_ms {
            t.step();
            due -= 1;
        }
        !t.done()
    }

    /// One round by hand (`k` updates of D, then one of G).
    pub fn round(&mut self) {
        if let Some(t) = self.trainer.as_mut().filter(|t| !t.done()) {
            t.step();
        }
    }

    /// One update of the discriminator alone, or of the generator alone.
    pub fn step_d(&mut self) {
        if let Some(t) = &mut self.trainer {
            t.step_d();
        }
    }
    pub fn step_g(&mut self) {
        if let Some(t) = &mut self.trainer {
            t.step_g();
        }
    }

    /// For the eight Gaussians, how many modes the shown points cover.
    pub fn coverage(&mut self, eight_gaussians: bool) -> Option<Coverage> {
        if !eight_gaussians {
            return None;
        }
        let t = self.trainer.as_mut()?;
        Some(eight_gaussians_coverage(&t.generated(perplexed_core::gan::trainer::VIEW_POINTS)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::generative::params::Shape;
    use perplexed_core::diffusion::targets::Target;

    /// The panel's two buttons on the eight Gaussians (seed 1, 2,000 rounds as core's test ran
    /// them): the default covers all eight modes, the collapse demo at most two.
    #[test]
    fn the_default_covers_the_modes_and_the_collapse_demo_does_not() {
        let cloud = Target::Gaussians.sample(2000, 1).unwrap();
        let covered = |params: GenParams| {
            let mut g = GanRun::default();
            g.restart(Some(&cloud), &params);
            while !g.done() {
                g.round();
            }
            g.coverage(true).unwrap().covered
        };
        let balanced = GenParams { target: Shape::Gaussians, gan_rounds: 2000, ..GenParams::default() };
        assert_eq!(covered(balanced.clone()), 8);
        let mut collapse = balanced;
        collapse.collapse_demo();
        assert!(covered(collapse) <= 2);
    }

    #[test]
    fn a_refused_setting_is_named() {
        let cloud = Target::Spiral.sample(200, 1).unwrap();
        let mut g = GanRun::default();
        g.restart(Some(&cloud), &GenParams { gan_lr_d: 5.0, ..GenParams::default() });
        assert_eq!(g.error.as_ref().map(|e| e.field), Some("lr_d"));
        assert!(!g.advance(10.0, &|| 0.0) && g.done());
        g.restart(None, &GenParams::default());
        assert!(g.trainer.is_none() && g.error.is_none());
    }
}
