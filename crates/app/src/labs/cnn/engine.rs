//! The CNN lab's engine room: owns the digits (once fetched), the trainer from `perplexed-core`
//! and what the page asks of it — pace, the one-time test, the confusion of the validation
//! images. It computes nothing itself: every number comes from core.

use perplexed_core::cnn::kernel::FeatureMap;
use perplexed_core::cnn::trainer::{CnnTrainer, Confusion};
use perplexed_core::data::digits::{Digits, CLASSES};
use perplexed_core::data::digits_pack::unpack;
use perplexed_core::error::ParamError;
use perplexed_core::metrics::classification::ConfusionMatrix;

use super::params::CnnParams;
use crate::components::training::{self, Built, Runs, TrainsRuns};

/// How many of the most frequent mistakes the page shows.
pub const MISTAKES_SHOWN: usize = 6;

/// Whether the digits are here yet.
#[derive(Debug, Clone, PartialEq)]
pub enum DataState {
    Loading,
    /// The download or the file failed: what to tell the visitor (English and Hebrew are the
    /// page's job; this is the detail — a status, or the CSV's line and problem).
    Failed(DataFailure),
    Ready,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DataFailure {
    /// The request failed or answered with this HTTP status (0: no answer).
    Download(u16),
    /// The file arrived but is not the packed digits (damaged, or another file).
    File(ParamError),
}

/// The validation images' confusion, computed once per epoch (it reads all of them).
#[derive(Debug, Clone)]
pub struct Mistakes {
    pub epoch: usize,
    pub matrix: ConfusionMatrix,
    pub worst: Vec<Confusion>,
}

pub struct CnnEngine {
    pub params: CnnParams,
    pub state: DataState,
    digits: Option<Digits>,
    /// The run, its pace and its one-time test.
    pub runs: Runs<CnnTrainer>,
    /// The first image of each digit in the file (for the kernel explorer), once loaded.
    pub examples: Option<Vec<Vec<f32>>>,
    mistakes: Option<Mistakes>,
}

impl CnnEngine {
    /// An engine waiting for its data.
    pub fn new(params: CnnParams) -> CnnEngine {
        CnnEngine { params, state: DataState::Loading, digits: None, runs: Runs::default(), examples: None, mistakes: None }
    }

    /// The packed digits have arrived: unpack them and start a run, or record why not.
    pub fn set_data(&mut self, packed: &[u8]) {
        match unpack(packed) {
            Ok(d) => {
                self.examples = Some(examples(&d));
                self.digits = Some(d);
                self.state = DataState::Ready;
                training::rebuild(self);
            }
            Err(e) => self.state = DataState::Failed(DataFailure::File(e)),
        }
    }

    /// The download failed with this status (0: no answer at all).
    pub fn set_failed(&mut self, status: u16) {
        self.state = DataState::Failed(DataFailure::Download(status));
    }

    pub fn trainer(&self) -> Option<&CnnTrainer> {
        self.runs.trainer()
    }

    /// The last recorded (train, validation) accuracy.
    pub fn accuracies(&self) -> (Option<f32>, Option<f32>) {
        let Some(t) = self.trainer() else {
            return (None, None);
        };
        let h = t.history();
        let last = |v: &Vec<f32>| v.last().copied().filter(|x| x.is_finite());
        (last(&h.train_acc), last(&h.val_acc))
    }

    /// The ten probabilities the network gives `image` (64 values in 0..=1).
    pub fn probabilities(&mut self, image: &[f32]) -> Option<[f32; CLASSES]> {
        self.runs.trainer_mut().map(|t| t.net_mut().probabilities(image))
    }

    /// The feature maps of every block for `image` (after ReLU, before pooling).
    pub fn feature_maps(&mut self, image: &[f32]) -> Vec<Vec<FeatureMap>> {
        self.runs.trainer_mut().map(|t| t.net_mut().feature_maps(image)).unwrap_or_default()
    }

    /// The learned filters of block `layer` (the mean over input channels in the second).
    pub fn filters(&self, layer: usize) -> Vec<Vec<f32>> {
        self.trainer().map(|t| t.net().filters(layer)).unwrap_or_default()
    }

    /// The first validation image of `digit` (the first training image if the validation set
    /// has none): its index in the data set and its pixels.
    pub fn look_image(&self, digit: usize) -> Option<(usize, &[f32])> {
        let (t, d) = (self.trainer()?, self.digits.as_ref()?);
        let split = t.split();
        let i = split.val.iter().chain(&split.train).copied().find(|&i| d.labels.get(i).is_some_and(|&l| usize::from(l) == digit))?;
        Some((i, d.image(i)?))
    }

    /// Image `i` of the data set and its label.
    pub fn image(&self, i: usize) -> Option<(&[f32], u8)> {
        let d = self.digits.as_ref()?;
        Some((d.image(i)?, *d.labels.get(i)?))
    }

    /// The validation confusion and the worst mistakes, recomputed when an epoch has passed.
    pub fn mistakes(&mut self) -> Option<&Mistakes> {
        let t = self.runs.trainer_mut()?;
        if t.split().val.is_empty() {
            return None;
        }
        let epoch = t.epoch();
        if self.mistakes.as_ref().is_none_or(|m| m.epoch != epoch) {
            let matrix = t.confusion();
            let worst = t.most_confused(MISTAKES_SHOWN);
            self.mistakes = Some(Mistakes { epoch, matrix, worst });
        }
        self.mistakes.as_ref()
    }
}

/// The first image of each digit 0–9 in the file (a blank page for a digit it lacks): the
/// kernel explorer's pictures.
pub fn examples(d: &Digits) -> Vec<Vec<f32>> {
    (0..CLASSES as u8).map(|digit| d.labels.iter().position(|&l| l == digit).and_then(|i| d.image(i)).map_or_else(|| vec![0.0; 64], <[f32]>::to_vec)).collect()
}

impl TrainsRuns for CnnEngine {
    type Params = CnnParams;
    type Trainer = CnnTrainer;
    fn runs(&self) -> &Runs<CnnTrainer> {
        &self.runs
    }
    fn runs_mut(&mut self) -> &mut Runs<CnnTrainer> {
        &mut self.runs
    }
    fn params(&self) -> &CnnParams {
        &self.params
    }
    fn params_mut(&mut self) -> &mut CnnParams {
        &mut self.params
    }
    /// Nothing until the digits are here.
    fn build(&self) -> Option<Built<CnnTrainer>> {
        let digits = self.digits.as_ref()?;
        Some(CnnTrainer::new(digits, self.params.spec(), &self.params.train_settings()).map(|t| (t, None)))
    }
    fn on_restart(&mut self) {
        self.mistakes = None;
    }
    /// The digits are on their way: their arrival starts the loop again.
    fn waiting(&self) -> bool {
        self.runs.trainer().is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::lab_shell::RunEngine;
    use crate::components::training::Pace;

    const PACKED: &[u8] = include_bytes!("../../../../../web/data/digits-8x8.bin");

    fn ready(params: CnnParams) -> CnnEngine {
        let mut e = CnnEngine::new(params);
        e.set_data(PACKED);
        assert_eq!(e.state, DataState::Ready);
        e
    }

    #[test]
    fn a_bad_file_is_reported_and_nothing_trains() {
        let mut e = CnnEngine::new(CnnParams::default());
        assert!(!e.advance(5.0, &|| 0.0), "nothing to train before the data");
        // An HTML error page where the digits should be, then a file cut short.
        e.set_data(b"<!doctype html><p>Not found</p>");
        assert!(matches!(e.state, DataState::Failed(DataFailure::File(_))), "{:?}", e.state);
        e.set_data(&PACKED[..PACKED.len() / 3]);
        assert!(matches!(e.state, DataState::Failed(DataFailure::File(_))), "{:?}", e.state);
        assert!(e.trainer().is_none());
        assert!(!e.advance(5.0, &|| 0.0));
    }

    #[test]
    fn the_pace_decides_how_much_a_frame_trains() {
        // Batch: one step a frame.
        let mut e = ready(CnnParams { speed: Pace::Batch, ..CnnParams::default() });
        e.advance(100.0, &|| 0.0);
        assert_eq!(e.trainer().map(|t| t.batches_trained()), Some(1));
        // Watch: two epochs a second = 2 × (34 + 12) steps a second, whatever the frame rate:
        // 1 s of 60 Hz frames (the first only starts the clock) brings 92 steps due: two
        // epochs of 34 mini-batches and 12 measuring chunks each.
        let mut e = ready(CnnParams::default());
        for frame in 0..=60 {
            let now = frame as f64 * 1000.0 / 60.0;
            e.advance(1000.0, &move || now);
        }
        let t = e.trainer().unwrap();
        assert_eq!(t.epoch(), 2, "two epochs in a second");
        assert_eq!(t.batches_trained(), 2 * 34);
    }

    #[test]
    fn training_stops_by_itself_after_the_epochs_asked_for() {
        let mut e = ready(CnnParams { epochs: 2, speed: Pace::Max, ..CnnParams::default() });
        let mut frames = 0;
        // A clock that never moves: each frame trains until the epoch limit stops it.
        while e.advance(1e9, &|| 0.0) {
            frames += 1;
            assert!(frames < 5);
        }
        assert_eq!(e.trainer().map(|t| (t.epoch(), t.measuring())), Some((2, false)), "exactly two epochs, measured");
        assert!(e.runs.finished(e.params.epochs));
        // 0: until paused (one mini-batch a frame here: a clock that never moves would let
        // "as fast as possible" train forever).
        e.apply(CnnParams { epochs: 0, speed: Pace::Batch, ..e.params.clone() });
        assert!(!e.runs.finished(e.params.epochs));
        assert!(e.advance(1.0, &|| 0.0));
    }

    #[test]
    fn changes_rebuild_only_what_they_must() {
        let mut e = ready(CnnParams::default());
        for _ in 0..40 {
            e.step();
        }
        let v = e.runs.version;
        e.apply(CnnParams { stride: 2, look: 4, ..e.params.clone() });
        assert_eq!((e.runs.version, e.trainer().unwrap().batches_trained()), (v, 40), "display settings keep the run");
        e.apply(CnnParams { lr: 0.001, ..e.params.clone() });
        assert_eq!((e.runs.version, e.trainer().unwrap().settings().lr), (v, 0.001), "a new learning rate keeps training");
        e.apply(CnnParams { filters: 4, ..e.params.clone() });
        assert_eq!((e.runs.version, e.trainer().unwrap().batches_trained()), (v + 1, 0), "a new network starts again");
    }

    #[test]
    fn the_test_is_spent_by_any_change_to_the_model() {
        let mut e = ready(CnnParams::default());
        e.step();
        e.runs.evaluate_test();
        let t = e.runs.test_eval.unwrap();
        assert!((0.0..=1.0).contains(&t.accuracy) && !t.spent && e.runs.test_peeks == 1);
        e.apply(CnnParams { look: 3, ..e.params.clone() });
        assert!(!e.runs.test_eval.unwrap().spent, "looking at another digit changes no model");
        e.apply(CnnParams { lr: 0.1, ..e.params.clone() });
        assert!(e.runs.test_eval.unwrap().spent);
        // No test images: nothing to evaluate, nothing counted.
        let mut e = ready(CnnParams { train: 80, val: 20, ..CnnParams::default() });
        assert!(!e.runs.can_evaluate_test());
        e.runs.evaluate_test();
        assert_eq!((e.runs.test_eval, e.runs.test_peeks), (None, 0));
    }

    #[test]
    fn what_the_pictures_read_comes_from_the_trained_network() {
        let mut e = ready(CnnParams::default());
        let (i, img) = e.look_image(2).map(|(i, v)| (i, v.to_vec())).unwrap();
        assert_eq!(e.image(i).unwrap().1, 2);
        assert!(e.trainer().unwrap().split().val.contains(&i), "a validation image");
        let p = e.probabilities(&img).unwrap();
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
        assert_eq!(e.filters(0).len(), 8);
        assert_eq!(e.feature_maps(&img)[0].len(), 8);
        assert_eq!(e.examples.as_ref().unwrap().len(), 10);
        let m = e.mistakes().unwrap();
        assert_eq!(m.matrix.total(), 359);
    }

    /// The home page's card promises a network that learns to read digits: its preset reaches
    /// 90 % validation accuracy within 3 epochs (the browser test times it from Play).
    #[test]
    fn the_concept_card_preset_learns_the_digits() {
        use crate::query::{parse_query, LabParams, QueryReader};
        let mut q = QueryReader::new(parse_query(super::super::CONCEPT_PRESET));
        let p = CnnParams::from_query(&mut q);
        assert!(q.rejected.is_empty());
        let mut e = ready(p);
        for _ in 0..3 * 34 {
            e.step();
        }
        let (_, val) = e.accuracies();
        assert!(val.is_some_and(|v| v >= 0.9), "validation accuracy {val:?} after 3 epochs");
        assert!(e.look_image(e.params.look).is_some());
    }
}
