//! The generative lab's challenges (see [`crate::components::challenges`]): the spiral learned
//! sooner, a few-step sampler that still lands on the shape, and a sharp spiral — each read off
//! the probe's curve and the last generation's quality.

use perplexed_core::diffusion::sampler::Method;

use super::engine::GenEngine;
use super::params::Shape;
use crate::i18n::Label;

crate::i18n::table! {
    GC;
    Fast => "Spiral: reach 80 % of samples on the shape within 2,000 training steps.",
            "ספירלה: הגיעו ל־80% דגימות על הצורה תוך 2,000 צעדי אימון לכל היותר.";
    FewSteps => "Moons: generate with DDIM in at most 5 steps, ≥ 75 % of the points on the shape.",
                "ירחים: ייצרו עם DDIM ב־5 צעדים לכל היותר, ו־75% לפחות מהנקודות על הצורה.";
    Sharp => "Spiral: generate with DDPM, ≥ 95 % of the points on the shape.",
             "ספירלה: ייצרו עם DDPM, ו־95% לפחות מהנקודות על הצורה.";
}

/// The goals, in the order of the bits [`met`] returns.
pub const GOALS: &[Label] = &[GC::Fast, GC::FewSteps, GC::Sharp];

/// What the run shows now.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub target: Shape,
    /// The training step at which the probe first saw 80 % on the shape.
    pub learned_at: Option<usize>,
    pub sampler: Method,
    pub ddim_steps: usize,
    /// The finished generation's share of points on the shape.
    pub generated: Option<f64>,
    pub diverged: bool,
}

/// The engine's goals met now (the settings the run and the generation were made with: a
/// change of either clears what it made).
pub fn now(e: &GenEngine) -> u32 {
    let p = &e.params;
    met(&Now { target: p.target, learned_at: e.learned_at, sampler: p.sampler, ddim_steps: p.ddim_steps, generated: e.generation_quality.map(|q| q.on_shape), diverged: e.diverged() })
}

/// Which goals are met (bit `i` for `GOALS[i]`).
pub fn met(n: &Now) -> u32 {
    if n.diverged {
        return 0;
    }
    let on = n.generated.filter(|s| s.is_finite()).unwrap_or(0.0);
    let fast = n.target == Shape::Spiral && n.learned_at.is_some_and(|s| s <= 2000);
    let few = n.target == Shape::Moons && n.sampler == Method::Ddim && n.ddim_steps <= 5 && on >= 0.75;
    let sharp = n.target == Shape::Spiral && n.sampler == Method::Ddpm && on >= 0.95;
    u32::from(fast) | u32::from(few) << 1 | u32::from(sharp) << 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::labs::generative::params::GenParams;
    use crate::query::read_query;

    /// Trains from an address to the end of its run (reading the goals as it goes), then
    /// generates with the address's sampler.
    fn after(query: &str) -> (GenEngine, u32) {
        let (p, rejected) = read_query::<GenParams>(query);
        assert!(rejected.is_empty(), "{query}: {rejected:?}");
        let mut e = GenEngine::new(p);
        let mut bits = 0;
        while e.advance(1e9, &|| 0.0) {
            bits |= now(&e);
        }
        assert!(e.generate());
        while e.generation_step() {}
        let bits = bits | now(&e);
        (e, bits)
    }

    #[test]
    fn the_default_lab_meets_none() {
        let (e, bits) = after("");
        assert_eq!(bits, 0, "learned at {:?}, generated {:?}", e.learned_at, e.generation_quality);
        assert_eq!(e.steps(), 6000);
        // The default model with five DDIM steps: far from the shape.
        let (p, _) = read_query::<GenParams>("sampler=ddim&ddim_steps=5");
        let mut e = e;
        e.apply(p);
        assert!(e.generate());
        while e.generation_step() {}
        assert_eq!(now(&e), 0, "{:?}", e.generation_quality);
    }

    #[test]
    fn larger_batches_learn_the_spiral_sooner_and_sharper() {
        let (e, bits) = after("batch=512");
        assert_eq!(bits & 0b101, 0b101, "learned at {:?}, generated {:?}", e.learned_at, e.generation_quality);
    }

    #[test]
    fn the_moons_survive_five_ddim_steps() {
        let (e, bits) = after("target=moons&sampler=ddim&ddim_steps=5");
        assert_eq!(bits & 2, 2, "{:?}", e.generation_quality);
    }

    #[test]
    fn each_goal_checks_its_own_conditions() {
        let base = Now { target: Shape::Spiral, learned_at: Some(2001), sampler: Method::Ddpm, ddim_steps: 20, generated: Some(0.94), diverged: false };
        assert_eq!(met(&base), 0);
        assert_eq!(met(&Now { learned_at: Some(2000), ..base }), 1);
        assert_eq!(met(&Now { learned_at: Some(500), target: Shape::Moons, ..base }), 0);
        assert_eq!(met(&Now { generated: Some(0.95), ..base }), 4);
        assert_eq!(met(&Now { generated: Some(0.95), sampler: Method::Ddim, ..base }), 0);
        assert_eq!(met(&Now { generated: Some(0.99), diverged: true, learned_at: Some(100), ..base }), 0);
        let moons = Now { target: Shape::Moons, sampler: Method::Ddim, ddim_steps: 5, generated: Some(0.75), ..base };
        assert_eq!(met(&moons), 2);
        assert_eq!(met(&Now { ddim_steps: 6, ..moons }), 0);
        assert_eq!(met(&Now { generated: Some(0.74), ..moons }), 0);
        assert_eq!(met(&Now { generated: None, ..moons }), 0);
        assert_eq!(met(&Now { generated: Some(f64::NAN), ..moons }), 0);
        assert_eq!(met(&Now { target: Shape::Gaussian, ..moons }), 0);
    }

    #[test]
    fn the_goals_are_written_in_both_languages() {
        crate::i18n::check_table(GC::ALL, &[]);
    }
}
