//! The generative lab's settings: what its controls write, its reset (`Default`), its address.
//! Four groups: the data (`target`, `strokes`, `points`), the model and its training (`width` …
//! `seed`, the pace), the forward process's `t`, and generation (`sampler` … `arrows`).

use perplexed_core::diffusion::denoiser::{Settings, BATCH_RANGE, DEPTH_RANGE, WIDTH_RANGE};
use perplexed_core::diffusion::sampler::{Method, MAX_GUIDANCE};
use perplexed_core::diffusion::schedule::{ScheduleKind, MAX_STEPS, MIN_STEPS};
use perplexed_core::diffusion::targets::{Target, MAX_STROKES};
use perplexed_core::gan::nets::{GeneratorLoss, Settings as GanSettings, D_STEPS_RANGE};

use crate::query::{boolean, by_slug, float_in, int_in, lab_params, seed};

perplexed_core::slug_enum! {
    /// What the model learns to make: one of core's targets, or the learner's drawing.
    pub enum Shape {
        Spiral => "spiral",
        Moons => "moons",
        Rings => "rings",
        Gaussians => "gaussians",
        Gaussian => "gaussian",
        Aleph => "aleph",
        Drawn => "drawn",
    }
}

impl Shape {
    /// Core's target (`None`: the drawing).
    pub fn target(self) -> Option<Target> {
        match self {
            Shape::Spiral => Some(Target::Spiral),
            Shape::Moons => Some(Target::Moons),
            Shape::Rings => Some(Target::Rings),
            Shape::Gaussians => Some(Target::Gaussians),
            Shape::Gaussian => Some(Target::Gaussian),
            Shape::Aleph => Some(Target::Aleph),
            Shape::Drawn => None,
        }
    }
}

perplexed_core::slug_enum! {
    /// How fast training runs while playing.
    pub enum Pace {
        /// 10 steps a second: each step's loss can be followed.
        Slow => "slow",
        /// 60 steps a second.
        Normal => "normal",
        /// As many steps as each frame's budget allows: the default.
        Max => "max",
    }
}

impl Pace {
    pub fn steps_per_second(self) -> Option<f64> {
        match self {
            Pace::Slow => Some(10.0),
            Pace::Normal => Some(60.0),
            Pace::Max => None,
        }
    }
}

by_slug!(Shape, Pace, ScheduleKind, Method, GeneratorLoss);

/// The values the sliders offer.
pub const LRS: [f32; 6] = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1];
pub const WIDTHS: [f32; 6] = [8.0, 16.0, 32.0, 64.0, 128.0, 256.0];
pub const TIMESTEPS: [f32; 7] = [10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0];
pub const BATCHES: [f32; 6] = [16.0, 32.0, 64.0, 128.0, 256.0, 512.0];
pub const RUN_STEPS: [f32; 7] = [500.0, 1000.0, 2000.0, 4000.0, 6000.0, 10_000.0, 20_000.0];
pub const GUIDANCES: [f32; 8] = [0.0, 0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0];
pub const DDIM_STEPS: [f32; 6] = [2.0, 5.0, 10.0, 20.0, 50.0, 100.0];
pub const SAMPLE_COUNTS: [f32; 5] = [200.0, 500.0, 1000.0, 2000.0, 5000.0];
/// The GAN's learning rates and run lengths.
pub const GAN_LRS: [f32; 8] = [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05];
pub const GAN_ROUNDS: [f32; 6] = [500.0, 1000.0, 2000.0, 3000.0, 5000.0, 10_000.0];

/// A drawing's points are stored on a 100 × 100 grid over the pad's square `[−1, 1]²`: each
/// point is four digits `xxyy` (y upwards), a stroke is its points run together, and strokes are
/// separated by `.` — about 40 characters for a short stroke, so a drawing fits in a link.
pub const GRID: f64 = 99.0;
/// Most points a stroke keeps, and in all.
pub const MAX_POINTS_PER_STROKE: usize = 200;
pub const MAX_DRAWN_POINTS: usize = 600;

/// A pad coordinate (−1…1) as its two digits.
pub fn grid_digits(v: f64) -> u32 {
    ((v.clamp(-1.0, 1.0) + 1.0) / 2.0 * GRID).round() as u32
}

/// The strokes an address holds (`None`: not a drawing — a bad digit, a ragged point, a stroke
/// of one point, too many strokes or points). The empty text is no strokes.
pub fn parse_strokes(s: &str) -> Option<Vec<Vec<(f64, f64)>>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let mut strokes = Vec::new();
    let mut total = 0;
    for part in s.split('.') {
        let bytes = part.as_bytes();
        if bytes.len() < 8 || bytes.len() % 4 != 0 || !bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let digit = |i: usize| f64::from((bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0'));
        let stroke: Vec<(f64, f64)> = (0..bytes.len() / 4).map(|k| (digit(4 * k) / GRID * 2.0 - 1.0, digit(4 * k + 2) / GRID * 2.0 - 1.0)).collect();
        total += stroke.len();
        if stroke.len() > MAX_POINTS_PER_STROKE {
            return None;
        }
        strokes.push(stroke);
    }
    (strokes.len() <= MAX_STROKES && total <= MAX_DRAWN_POINTS).then_some(strokes)
}

/// Strokes as the address writes them (points snapped to the grid).
pub fn write_strokes(strokes: &[Vec<(f64, f64)>]) -> String {
    strokes.iter().map(|s| s.iter().map(|&(x, y)| format!("{:02}{:02}", grid_digits(x), grid_digits(y))).collect::<String>()).collect::<Vec<_>>().join(".")
}

/// A drawing the address may carry: one [`parse_strokes`] reads, as written back.
fn drawing(s: &str) -> Option<String> {
    parse_strokes(s).map(|strokes| write_strokes(&strokes))
}

lab_params! {
    /// Everything that defines the generative lab; a link carries all of it.
    pub struct GenParams {
        target: Shape = Shape::Spiral, Shape::from_slug;
        /// The learner's drawing (see [`parse_strokes`]); used when `target` is `drawn`.
        strokes: String = String::new(), drawing, write |s: &String| (!s.is_empty()).then(|| s.clone());
        /// Real points the model learns from.
        points: usize = 2000, int_in(200, 5000);
        width: usize = 64, int_in(WIDTH_RANGE.0 as i64, WIDTH_RANGE.1 as i64);
        depth: usize = 3, int_in(DEPTH_RANGE.0 as i64, DEPTH_RANGE.1 as i64);
        timesteps: usize = 100, int_in(MIN_STEPS as i64, MAX_STEPS as i64);
        schedule: ScheduleKind = ScheduleKind::Cosine, ScheduleKind::from_slug;
        lr: f32 = 0.003, float_in(1e-5, 0.1);
        batch: usize = 128, int_in(BATCH_RANGE.0 as i64, BATCH_RANGE.1 as i64);
        /// Training steps of a run (the learning rate falls to a tenth over them).
        steps: usize = 6000, int_in(100, 50_000);
        fourier: bool = true, boolean;
        conditional: bool = false, boolean;
        seed: u32 = 1, seed;
        speed: Pace = Pace::Max, Pace::from_slug;
        /// The forward process's step, shown dissolving the data.
        t: usize = 30, int_in(0, MAX_STEPS as i64);
        sampler: Method = Method::Ddpm, Method::from_slug;
        ddim_steps: usize = 20, int_in(1, MAX_STEPS as i64);
        samples: usize = 1000, int_in(100, 5000);
        /// The class generated (0: none — the unconditional model; k: the k-th class).
        class: usize = 0, int_in(0, MAX_STROKES as i64);
        guidance: f32 = 0.0, float_in(0.0, f64::from(MAX_GUIDANCE));
        /// The score's arrows over the generated points.
        arrows: bool = true, boolean;
        /// The GAN: the discriminator's and the generator's learning rates, D's updates per
        /// round, the generator's loss, and the rounds of a run.
        gan_lr_d: f32 = GanSettings::default().lr_d, float_in(1e-5, 0.1);
        gan_lr_g: f32 = GanSettings::default().lr_g, float_in(1e-5, 0.1);
        gan_k: usize = 1, int_in(D_STEPS_RANGE.0 as i64, D_STEPS_RANGE.1 as i64);
        gan_loss: GeneratorLoss = GeneratorLoss::NonSaturating, GeneratorLoss::from_slug;
        gan_rounds: usize = 3000, int_in(100, 20_000);
    }
}

impl GenParams {
    /// Core's training settings.
    pub fn settings(&self) -> Settings {
        Settings {
            width: self.width,
            depth: self.depth,
            timesteps: self.timesteps,
            schedule: self.schedule,
            lr: self.lr,
            decay: true,
            batch: self.batch,
            fourier: self.fourier,
            conditional: self.conditional,
            seed: u64::from(self.seed),
        }
    }

    /// Core's GAN settings: its defaults with the panel's rates, `k`, loss and the lab's seed.
    pub fn gan_settings(&self) -> GanSettings {
        GanSettings { lr_d: self.gan_lr_d, lr_g: self.gan_lr_g, d_steps: self.gan_k, generator_loss: self.gan_loss, seed: u64::from(self.seed), ..GanSettings::default() }
    }

    /// The GAN's rates as core's mode-collapse demonstration sets them (the generator ten times
    /// faster than the discriminator), on the eight Gaussians.
    pub fn collapse_demo(&mut self) {
        let c = GanSettings::collapse_demo();
        (self.target, self.gan_lr_d, self.gan_lr_g, self.gan_k, self.gan_loss) = (Shape::Gaussians, c.lr_d, c.lr_g, c.d_steps, c.generator_loss);
    }

    /// The GAN's rates back to core's balanced default.
    pub fn balanced_gan(&mut self) {
        let d = GanSettings::default();
        (self.gan_lr_d, self.gan_lr_g, self.gan_k, self.gan_loss) = (d.lr_d, d.lr_g, d.d_steps, d.generator_loss);
    }

    /// Whether a change from `old` needs a new GAN run (new data, or the GAN's own settings).
    pub fn gan_changed(&self, old: &GenParams) -> bool {
        self.change_from(old) == Change::Data || (self.gan_settings(), self.gan_rounds) != (old.gan_settings(), old.gan_rounds)
    }

    /// The forward slider's step, within the schedule's.
    pub fn t_shown(&self) -> usize {
        self.t.min(self.timesteps)
    }

    /// The class asked of the sampler (`None`: no class, or a class the data does not have).
    pub fn class_asked(&self, classes: usize) -> Option<u32> {
        (self.conditional && self.class >= 1 && self.class <= classes).then(|| (self.class - 1) as u32)
    }

    /// What a change from `old` invalidates.
    pub fn change_from(&self, old: &GenParams) -> Change {
        if (self.target, &self.strokes, self.points, self.seed) != (old.target, &old.strokes, old.points, old.seed) {
            Change::Data
        } else if (self.settings(), self.steps) != (old.settings(), old.steps) {
            Change::Model
        } else if self.speed != old.speed {
            Change::Pace
        } else if (self.sampler, self.ddim_steps, self.samples, self.class, self.guidance) != (old.sampler, old.ddim_steps, old.samples, old.class, old.guidance) {
            Change::Sampler
        } else {
            Change::Nothing
        }
    }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Only what is shown (`t`, the arrows).
    Nothing,
    Pace,
    /// The next generation's settings: the one on screen is dropped.
    Sampler,
    /// A new model on the same data.
    Model,
    /// New data, and a new model.
    Data,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    #[test]
    fn every_setting_survives_the_address() {
        let p = GenParams {
            target: Shape::Drawn,
            strokes: "00009999.10205030".into(),
            points: 1000,
            width: 32,
            depth: 2,
            timesteps: 200,
            schedule: ScheduleKind::Linear,
            lr: 0.01,
            batch: 64,
            steps: 2000,
            fourier: false,
            conditional: true,
            seed: 9,
            speed: Pace::Slow,
            t: 150,
            sampler: Method::Ddim,
            ddim_steps: 10,
            samples: 500,
            class: 2,
            guidance: 3.0,
            arrows: false,
            gan_lr_d: 0.001,
            gan_lr_g: 0.005,
            gan_k: 3,
            gan_loss: GeneratorLoss::Minimax,
            gan_rounds: 5000,
        };
        assert_round_trip(&p);
        assert_round_trip(&GenParams::default());
        assert_eq!(read_query::<GenParams>(""), (GenParams::default(), vec![]));
        let d = GenParams::default().settings();
        assert_eq!(d, Settings { seed: 1, ..Settings::default() }, "the lab opens on core's defaults");
        assert_eq!(GenParams::default().gan_settings(), GanSettings::default(), "and the GAN on its");
        // Every stop of the rate sliders is a rate core accepts (0.1 as an f32 is above 0.1 as
        // an f64: core once refused the slider's last stop).
        for lr in LRS {
            assert!(GenParams { lr, ..GenParams::default() }.settings().check().is_ok(), "{lr}");
        }
        for lr in GAN_LRS {
            assert!(GenParams { gan_lr_d: lr, gan_lr_g: lr, ..GenParams::default() }.gan_settings().check().is_ok(), "{lr}");
        }
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read_query::<GenParams>(
            "target=cat&strokes=12&points=10&width=0&depth=9&timesteps=5&schedule=sigmoid&lr=0&batch=0&steps=1&fourier=maybe&conditional=2&seed=-1&speed=warp&t=-3&sampler=euler&ddim_steps=0&samples=1&class=99&guidance=11&arrows=x&gan_lr_d=0&gan_lr_g=1&gan_k=9&gan_loss=wasserstein&gan_rounds=1",
        );
        assert_eq!(p, GenParams::default());
        assert_eq!(rejected.len(), 26, "{rejected:?}");
    }

    /// The drawing's text: two strokes by hand. `0000` is (−1, −1) and `9999` (1, 1); `4950` is
    /// (49/99·2 − 1, 50/99·2 − 1) = (−0.0101, 0.0101).
    #[test]
    fn strokes_read_and_write_by_hand() {
        let s = parse_strokes("00009999.49509950").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0], vec![(-1.0, -1.0), (1.0, 1.0)]);
        assert!((s[1][0].0 + 0.0101).abs() < 1e-4 && (s[1][0].1 - 0.0101).abs() < 1e-4);
        assert_eq!(write_strokes(&s), "00009999.49509950");
        assert_eq!(parse_strokes(""), Some(vec![]));
        for bad in ["0000", "000099", "0000999a", "00009999..00009999", "0000 9999"] {
            assert_eq!(parse_strokes(bad), None, "{bad}");
        }
        let too_many = vec!["00009999"; MAX_STROKES + 1].join(".");
        assert_eq!(parse_strokes(&too_many), None);
        let long: String = "0000".repeat(MAX_POINTS_PER_STROKE + 1);
        assert_eq!(parse_strokes(&long), None);
    }

    #[test]
    fn changes_are_told_apart() {
        let a = GenParams::default();
        assert_eq!(a.change_from(&a.clone()), Change::Nothing);
        assert_eq!(GenParams { t: 3, arrows: false, ..a.clone() }.change_from(&a), Change::Nothing);
        assert_eq!(GenParams { guidance: 2.0, ..a.clone() }.change_from(&a), Change::Sampler);
        assert_eq!(GenParams { lr: 0.01, ..a.clone() }.change_from(&a), Change::Model);
        assert_eq!(GenParams { steps: 100, ..a.clone() }.change_from(&a), Change::Model);
        assert_eq!(GenParams { target: Shape::Moons, ..a.clone() }.change_from(&a), Change::Data);
        assert_eq!(GenParams { class: 2, ..a.clone() }.class_asked(2), None, "not a conditional model");
        let c = GenParams { class: 2, conditional: true, ..a.clone() };
        assert_eq!((c.class_asked(2), c.class_asked(1)), (Some(1), None));
        let g = GenParams { gan_k: 2, ..a.clone() };
        assert_eq!(g.change_from(&a), Change::Nothing, "the GAN's settings leave the diffusion model alone");
        assert!(g.gan_changed(&a) && GenParams { target: Shape::Moons, ..a.clone() }.gan_changed(&a) && !GenParams { lr: 0.01, ..a.clone() }.gan_changed(&a));
    }
}
