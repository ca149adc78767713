//! The Gradient descent lab's settings: the surface, the start, the racers, the address.

use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::optim::surface::SurfaceKind;

use crate::query::{int_in, lab_params, seed, short_float};

/// Learning rates offered per racer (log-spaced).
pub const RATES: [f32; 15] = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.02, 0.05, 0.1, 0.15, 0.19, 0.21, 0.3, 0.5, 1.0, 2.0];
pub const MAX_RACERS: usize = 4;
/// Values offered for each optimizer's second hyperparameter (momentum, β₁ or α).
pub const SECONDS: [f32; 7] = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999];

/// One racer: its optimizer, learning rate, and (where the optimizer has one) its second
/// hyperparameter; `None` = the optimizer's default.
pub type RacerSpec = (OptimizerKind, f32, Option<f32>);

lab_params! {
    pub struct DescentParams {
        surface: SurfaceKind = SurfaceKind::Bowl, SurfaceKind::from_slug;
        condition: u32 = 10, int_in(1, 100);
        /// Where every racer starts; `None` = the surface's standard start.
        start: Option<[f32; 2]> = None, parse_start, write write_start;
        race: Vec<RacerSpec> = vec![(OptimizerKind::Sgd, 0.1, None), (OptimizerKind::Momentum, 0.02, None), (OptimizerKind::Adam, 0.1, None)],
            parse_race, write write_race;
        steps: usize = 200, int_in(10, 5000);
        /// Mini-batch size on the linear-regression surface; 0 = the full batch.
        batch: usize = 0, int_in(0, 40);
        seed: u32 = 1, seed;
    }
}

/// `adam:0.01,momentum:0.05:0.8`: optimizer, learning rate, optional second hyperparameter.
pub fn parse_race(s: &str) -> Option<Vec<RacerSpec>> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut fields = part.split(':');
        let kind = OptimizerKind::from_slug(fields.next()?.trim())?;
        let lr: f32 = fields.next()?.trim().parse().ok().filter(|v: &f32| v.is_finite() && (1e-6..=10.0).contains(v))?;
        let second = match fields.next() {
            None => None,
            Some(v) => Some(v.trim().parse::<f32>().ok().filter(|v| (0.0..1.0).contains(v))?),
        };
        if fields.next().is_some() {
            return None;
        }
        out.push((kind, lr, second));
    }
    (!out.is_empty() && out.len() <= MAX_RACERS).then_some(out)
}

fn parse_start(s: &str) -> Option<Option<[f32; 2]>> {
    if s.is_empty() {
        return Some(None);
    }
    let (a, b) = s.split_once(',')?;
    let (x, y): (f32, f32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (x.is_finite() && y.is_finite() && x.abs() <= 100.0 && y.abs() <= 100.0).then_some(Some([x, y]))
}

fn write_race(race: &[RacerSpec]) -> Option<String> {
    let racer = |(k, lr, second): &RacerSpec| match second {
        Some(v) => format!("{}:{}:{}", k.slug(), short_float(*lr), short_float(*v)),
        None => format!("{}:{}", k.slug(), short_float(*lr)),
    };
    Some(race.iter().map(racer).collect::<Vec<_>>().join(","))
}

fn write_start(start: &Option<[f32; 2]>) -> Option<String> {
    Some(start.map_or(String::new(), |[x, y]| format!("{},{}", short_float(x), short_float(y))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    #[test]
    fn round_trip_and_rejections() {
        let p = DescentParams {
            surface: SurfaceKind::Rosenbrock,
            condition: 40,
            start: Some([-1.5, 2.0]),
            race: vec![(OptimizerKind::Lion, 0.003, Some(0.8)), (OptimizerKind::RmsProp, 0.01, None)],
            steps: 900,
            batch: 5,
            seed: 8,
        };
        assert_round_trip(&p);
        let (q, names) = read_query::<DescentParams>("race=sgd:0,adam:x&start=1&surface=moon&steps=3");
        assert_eq!(q, DescentParams::default());
        assert_eq!(names, ["race", "start", "steps", "surface"]);
        assert_eq!(parse_race("sgd:0.1,sgd:0.2,sgd:0.3,sgd:0.4,sgd:0.5"), None, "at most four racers");
        assert_eq!(parse_race("momentum:0.1:1"), None, "momentum 1 never forgets");
        assert_eq!(parse_race("adam:0.1:0.5:3"), None);
    }
}
