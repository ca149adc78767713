//! The generative lab's engine room: the data cloud built from the settings, core's diffusion
//! trainer moved by the frame loop, a quality probe every [`PROBE_EVERY`] steps (the live
//! preview and the curve), and a generation — thousands of points walked back from noise one
//! reverse step at a time — that the page animates. Every number comes from
//! `perplexed_core::diffusion`.

use perplexed_core::diffusion::denoiser::DiffusionTrainer;
use perplexed_core::diffusion::quality::{Probe, Quality, PROBE_SAMPLES};
use perplexed_core::diffusion::sampler::Sampling;
use perplexed_core::diffusion::schedule::{Dissolve, Schedule};
use perplexed_core::diffusion::targets::{strokes, Cloud};
use perplexed_core::error::ParamError;
use perplexed_core::stepping::{Pacer, Stepping};

use super::gan::GanRun;
use super::params::{parse_strokes, Change, GenParams};
use crate::components::lab_shell::RunEngine;

/// Training steps between two probes of the model's quality.
pub const PROBE_EVERY: usize = 250;
/// The share of samples on the shape at which the page says the model has learned it (the
/// default spiral reaches it within its 6,000 steps: `diffusion_quality` in core's tests).
pub const LEARNED_ON_SHAPE: f64 = 0.8;
/// A generation lasts about this long on screen, whatever its number of steps.
pub const GENERATION_SECONDS: f64 = 4.0;
/// Points of the dissolving cloud shown by the forward process.
pub const SHOWN_POINTS: usize = 1500;
/// The offset of the second, independent draw the probe's best score comes from.
const SECOND_DRAW: u64 = 7919;

pub struct GenEngine {
    pub params: GenParams,
    pub cloud: Option<Cloud>,
    /// The forward process's schedule (built even when the model cannot be).
    pub schedule: Option<Schedule>,
    pub dissolve: Option<Dissolve>,
    pub trainer: Option<DiffusionTrainer>,
    pub probe: Option<Probe>,
    /// Why the data or the model could not be built (core's refusal).
    pub error: Option<ParamError>,
    /// Bumped whenever a new run starts.
    pub version: u64,
    pacer: Pacer,
    /// The last probe's samples (from the same noise each time) and every probe's quality.
    pub preview: Vec<f32>,
    pub quality: Vec<(usize, Quality)>,
    /// The step at which the samples first reached [`LEARNED_ON_SHAPE`].
    pub learned_at: Option<usize>,
    /// The generation on screen, and how many were started (each draws fresh noise).
    pub generation: Option<Sampling>,
    /// The finished generation's quality against the whole data (measured once, when it ends).
    pub generation_quality: Option<Quality>,
    generations: u64,
    generation_pacer: Pacer,
    /// The GAN on the same data.
    pub gan: GanRun,
}

impl GenEngine {
    pub fn new(params: GenParams) -> GenEngine {
        let mut e = GenEngine {
            params,
            cloud: None,
            schedule: None,
            dissolve: None,
            trainer: None,
            probe: None,
            error: None,
            version: 0,
            pacer: Pacer::default(),
            preview: Vec::new(),
            quality: Vec::new(),
            learned_at: None,
            generation: None,
            generation_quality: None,
            generations: 0,
            generation_pacer: Pacer::default(),
            gan: GanRun::default(),
        };
        e.build_data();
        e.restart_run();
        e.gan.restart(e.cloud.as_ref(), &e.params);
        e
    }

    /// The target's points (`points` of them, and a second draw for the probe's best score).
    fn draw(&self, n: usize, seed: u64) -> Result<Cloud, ParamError> {
        match self.params.target.target() {
            Some(t) => t.sample(n, seed),
            None => {
                let drawn = parse_strokes(&self.params.strokes).unwrap_or_default();
                let refs: Vec<&[(f64, f64)]> = drawn.iter().map(Vec::as_slice).collect();
                strokes(&refs, n, seed)
            }
        }
    }

    fn build_data(&mut self) {
        self.cloud = None;
        self.probe = None;
        self.dissolve = None;
        let seed = u64::from(self.params.seed);
        let built = self.draw(self.params.points, seed).and_then(|cloud| {
            let second = self.draw(PROBE_SAMPLES, seed + SECOND_DRAW)?;
            let reference = cloud.points[..cloud.points.len().min(2000)].to_vec();
            Ok((Probe::new(reference, &second.points)?, cloud))
        });
        match built {
            Ok((probe, cloud)) => {
                let shown = &cloud.points[..cloud.points.len().min(2 * SHOWN_POINTS)];
                self.dissolve = Some(Dissolve::new(shown, seed));
                self.probe = Some(probe);
                self.cloud = Some(cloud);
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn restart_run(&mut self) {
        self.version += 1;
        self.pacer.restart();
        self.trainer = None;
        self.preview.clear();
        self.quality.clear();
        self.learned_at = None;
        self.generation = None;
        self.generation_quality = None;
        self.schedule = Schedule::new(self.params.schedule, self.params.timesteps).ok();
        let Some(cloud) = &self.cloud else { return };
        match DiffusionTrainer::new(cloud.clone(), self.params.settings(), self.params.steps) {
            Ok(t) => {
                self.trainer = Some(t);
                self.error = None;
                self.measure();
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Probes the model as it is now: the preview and a point of the quality curve.
    fn measure(&mut self) {
        let (Some(t), Some(p)) = (&mut self.trainer, &self.probe) else { return };
        let (points, q) = p.measure(t);
        let step = t.losses().len();
        if self.learned_at.is_none() && q.on_shape >= LEARNED_ON_SHAPE {
            self.learned_at = Some(step);
        }
        self.preview = points;
        self.quality.push((step, q));
    }

    /// One training step, probed when one is due.
    fn train_step(&mut self) {
        let Some(t) = &mut self.trainer else { return };
        if t.done() {
            return;
        }
        t.step();
        let (steps, done) = (t.losses().len(), t.done());
        if (steps % PROBE_EVERY == 0 || done) && !t.diverged() && self.quality.last().is_none_or(|q| q.0 != steps) {
            self.measure();
        }
    }

    pub fn steps(&self) -> usize {
        self.trainer.as_ref().map_or(0, |t| t.losses().len())
    }

    pub fn finished(&self) -> bool {
        self.trainer.as_ref().is_some_and(Stepping::done)
    }

    pub fn diverged(&self) -> bool {
        self.trainer.as_ref().is_some_and(DiffusionTrainer::diverged)
    }

    pub fn last_quality(&self) -> Option<Quality> {
        self.quality.last().map(|q| q.1)
    }

    /// Starts a generation with the sampler's settings and fresh noise; `false` if the model
    /// cannot (none built, or core refused the sampler's settings — named in `error`).
    pub fn generate(&mut self) -> bool {
        let (Some(t), Some(cloud)) = (&self.trainer, &self.cloud) else { return false };
        let p = &self.params;
        self.generations += 1;
        let seed = u64::from(p.seed).wrapping_mul(1_000_003).wrapping_add(self.generations);
        match Sampling::new(p.samples, p.sampler, &t.schedule, p.ddim_steps.min(t.schedule.steps()), p.class_asked(cloud.class_count), p.guidance, seed) {
            Ok(s) => {
                self.generation = Some(s);
                self.generation_quality = None;
                self.generation_pacer.restart();
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    /// One reverse step of the generation (measured against the data when it ends); whether
    /// steps are left.
    pub fn generation_step(&mut self) -> bool {
        let (Some(t), Some(g)) = (&mut self.trainer, &mut self.generation) else { return false };
        t.sample_step(g);
        if !g.done() {
            return true;
        }
        if self.generation_quality.is_none() {
            self.generation_quality = self.cloud.as_ref().map(|c| Quality::of(&g.points, &c.points));
        }
        false
    }

    /// The generation's steps due by `now` (at a pace that lasts [`GENERATION_SECONDS`]),
    /// within `budget_ms`; whether steps are left.
    pub fn advance_generation(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Some(total) = self.generation.as_ref().filter(|g| !g.done()).map(Sampling::total) else { return false };
        let start = now();
        let per_second = (total as f64 / GENERATION_SECONDS).max(5.0);
        let mut due = self.generation_pacer.due(start, per_second);
        while due > 0 && now() - start < budget_ms {
            if !self.generation_step() {
                return false;
            }
            due -= 1;
        }
        self.generation.as_ref().is_some_and(|g| !g.done())
    }

    /// The score's arrows at step `t` for the class and guidance asked: rows of
    /// `(x, y, sx, sy)` on an `n × n` grid over `[−lim, lim]²`.
    pub fn arrows(&mut self, t: usize, n: usize, lim: f32) -> Vec<[f32; 4]> {
        let classes = self.cloud.as_ref().map_or(0, |c| c.class_count);
        let (class, w) = (self.params.class_asked(classes), self.params.guidance);
        match &mut self.trainer {
            Some(tr) if t >= 1 => tr.score_field(t.min(tr.schedule.steps()), class, w, (-lim, lim), n),
            _ => Vec::new(),
        }
    }

    /// The forward process at the slider's `t`: the shown points and their classes.
    pub fn dissolved(&self, out: &mut Vec<f32>) {
        if let (Some(d), Some(s)) = (&self.dissolve, &self.schedule) {
            d.at(s, self.params.t_shown(), out);
        }
    }
}

impl RunEngine<GenParams> for GenEngine {
    fn apply(&mut self, params: GenParams) {
        let change = params.change_from(&self.params);
        let gan_changed = params.gan_changed(&self.params);
        self.params = params;
        match change {
            Change::Nothing => {}
            Change::Pace => self.pacer.restart(),
            Change::Sampler => {
                self.generation = None;
                self.generation_quality = None;
            }
            Change::Model => self.restart_run(),
            Change::Data => {
                self.build_data();
                self.restart_run();
            }
        }
        if gan_changed {
            self.gan.restart(self.cloud.as_ref(), &self.params);
        }
    }

    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        if self.trainer.as_ref().is_none_or(Stepping::done) {
            return false;
        }
        let start = now();
        let mut due = match self.params.speed.steps_per_second() {
            None => usize::MAX,
            Some(per_second) => self.pacer.due(start, per_second),
        };
        while due > 0 && !self.finished() {
            self.train_step();
            due -= 1;
            if now() - start >= budget_ms {
                break;
            }
        }
        !self.finished()
    }

    fn step(&mut self) {
        self.train_step();
    }

    fn rebuild(&mut self) {
        self.restart_run();
    }

    fn version(&self) -> u64 {
        self.version
    }

    fn spent(&self) -> bool {
        self.finished() || self.diverged()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::generative::params::Shape;

    /// The default run on a fake clock of 60 frames a second with 6 ms of work each (the
    /// budget the page gives): it trains, probes every 250 steps, and its quality figure reaches
    /// the stated share by the end of the run (core's `diffusion_quality` measures the same).
    #[test]
    fn the_default_run_learns_the_spiral() {
        let mut e = GenEngine::new(GenParams::default());
        assert_eq!(e.quality.len(), 1, "the untrained model is probed at step 0");
        assert!(e.quality[0].1.on_shape < 0.3);
        while !e.finished() {
            e.step();
        }
        assert_eq!(e.quality.len(), 1 + 6000 / PROBE_EVERY);
        let learned = e.learned_at.expect("learned");
        assert!(learned <= 6000 && e.last_quality().is_some_and(|q| q.on_shape >= LEARNED_ON_SHAPE), "{:?}", e.quality.last());
        assert_eq!(e.preview.len(), 2 * PROBE_SAMPLES);
        // A generation runs to its end, and lands on the shape.
        assert!(e.generate());
        let total = e.generation.as_ref().map_or(0, Sampling::total);
        assert_eq!(total, 100, "DDPM: every step of T = 100");
        let mut steps = 0;
        while e.generation_step() {
            steps += 1;
        }
        assert_eq!(steps + 1, total);
        let g = e.generation.as_ref().unwrap();
        let q = Quality::of(&g.points, &e.cloud.as_ref().unwrap().points);
        assert!(q.on_shape >= 0.8, "{q:?}");
        assert_eq!(e.generation_quality, Some(q), "measured once, when it ended");
        assert_eq!(e.arrows(50, 9, 3.0).len(), 81);
    }

    #[test]
    fn a_refused_setting_is_named_and_nothing_runs() {
        let mut e = GenEngine::new(GenParams { target: Shape::Drawn, ..GenParams::default() });
        assert_eq!(e.error.as_ref().map(|m| m.field), Some("strokes"), "an empty drawing");
        assert!(!e.advance(10.0, &|| 0.0) && !e.generate());
        e.apply(GenParams { target: Shape::Drawn, strokes: "10109090.10909010".into(), ..GenParams::default() });
        assert!(e.error.is_none() && e.trainer.is_some());
        assert_eq!(e.cloud.as_ref().map(|c| c.class_count), Some(2), "each stroke a class");
        e.apply(GenParams { sampler: perplexed_core::diffusion::sampler::Method::Ddim, ddim_steps: 500, ..GenParams::default() });
        assert!(e.generate(), "DDIM's steps are capped at T");
    }

    /// The generation's pace: at 60 frames a second a DDPM run of 100 steps takes about
    /// `GENERATION_SECONDS`.
    #[test]
    fn a_generation_lasts_about_four_seconds() {
        let mut e = GenEngine::new(GenParams { steps: 100, ..GenParams::default() });
        assert!(e.generate());
        let mut frame = 0;
        while e.advance_generation(6.0, &move || frame as f64 * 1000.0 / 60.0) || frame == 0 {
            frame += 1;
            assert!(frame < 600);
        }
        let seconds = frame as f64 / 60.0;
        assert!((seconds - GENERATION_SECONDS).abs() < 0.2, "{seconds}");
    }
}

impl GenEngine {
    /// The lab's three networks as JSON (the body of a saved model, see `chart::tools`): the
    /// diffusion model's denoiser and the GAN panel's generator and discriminator, each as every
    /// parameter tensor with its name and shape (`null` for one a bad setting left unbuilt).
    pub fn model_json(&self) -> Option<String> {
        use crate::components::chart::tools::params_json;
        if self.trainer.is_none() && self.gan.trainer.is_none() {
            return None;
        }
        let or_null = |json: Option<String>| json.unwrap_or_else(|| "null".into());
        let denoiser = or_null(self.trainer.as_ref().map(|t| params_json("diffusion denoiser (MLP)", &t.denoiser.params)));
        let generator = or_null(self.gan.trainer.as_ref().map(|g| params_json("GAN generator (MLP)", &g.generator.params)));
        let discriminator = or_null(self.gan.trainer.as_ref().map(|g| params_json("GAN discriminator (MLP)", &g.discriminator.params)));
        Some(format!("{{\"type\":\"diffusion model and GAN\",\"denoiser\":{denoiser},\"generator\":{generator},\"discriminator\":{discriminator}}}"))
    }
}

#[cfg(test)]
mod model_json_tests {
    use super::*;

    /// Each saved network's tensors add up to its parameter count, and its first tensor holds
    /// the network's own first values.
    fn check(json: &serde_json::Value, params: &perplexed_core::tensor::params::Params) {
        let tensors = json["parameters"].as_array().expect("tensors");
        let total: usize = tensors.iter().map(|p| p["values"].as_array().expect("values").len()).sum();
        assert_eq!(total, params.values().len());
        let first: Vec<f32> = tensors[0]["values"].as_array().expect("values").iter().take(5).map(|v| v.as_f64().expect("a number") as f32).collect();
        assert_eq!(first, params.values()[..5].to_vec());
    }

    #[test]
    fn the_saved_tensors_are_the_three_networks_parameters() {
        let e = GenEngine::new(GenParams::default());
        let t = e.trainer.as_ref().expect("a trainer");
        let gan = e.gan.trainer.as_ref().expect("a GAN");
        let json: serde_json::Value = serde_json::from_str(&e.model_json().expect("a model")).expect("valid JSON");
        check(&json["denoiser"], &t.denoiser.params);
        assert_eq!(t.denoiser.params.values().len(), t.denoiser.parameter_count());
        check(&json["generator"], &gan.generator.params);
        check(&json["discriminator"], &gan.discriminator.params);
        assert_eq!(json["generator"]["type"], "GAN generator (MLP)");
    }
}
