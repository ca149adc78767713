//! The CNN lab's settings: what its controls write, its reset (`Default`), its address. Two
//! groups: the network and its training (`layers` … `speed`), and the kernel explorer
//! (`kernel` … `demo_window`), which never retrains anything.

use perplexed_core::cnn::kernel::{NamedKernel, PoolKind};
use perplexed_core::cnn::model::{CnnSpec, Pooling, MAX_CONV_LAYERS, MAX_DENSE, MAX_FILTERS, MIN_DENSE};
use perplexed_core::cnn::trainer::{TrainSettings, MAX_BATCH};
use perplexed_core::data::digits::CLASSES;
use perplexed_core::optim::optimizers::OptimizerKind;

pub use crate::components::training::{Change, Pace};
use crate::components::training::{classify, Training, TrainingParams, LEARNING_RATES};
use crate::query::{by_slug, float_in, int_in, lab_params, seed, settle_split, short_float, QueryValue};

by_slug!(Pooling, PoolKind, Part);

perplexed_core::slug_enum! {
    /// The lab's pages, each its own download (`Lab::parts`): the network trained on the
    /// digits, and the kernel explorer.
    pub enum Part {
        Train => "train",
        Kernel => "kernel",
        Why => "why",
    }
}

/// Mini-batch sizes the slider offers.
pub const BATCHES: [usize; 10] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
/// Largest stride and padding of the kernel explorer, and its pooling windows.
pub const MAX_STRIDE: usize = 3;
pub const MAX_PADDING: usize = 2;
pub const DEMO_WINDOWS: (usize, usize) = (2, 3);
/// Most epochs the "stop after" slider offers.
pub const MAX_EPOCHS: usize = 500;
/// Largest shift of the translation experiment, in pixels.
pub const MAX_SHIFT: i32 = 2;
/// Most examples per new digit and most epochs on them in the transfer experiment.
pub const MAX_EXAMPLES: usize = 50;
pub const MAX_TARGET_EPOCHS: usize = 100;
/// Largest weight magnitude a typed kernel may hold.
pub const MAX_WEIGHT: f32 = 100.0;

/// The kernel the explorer slides: a named one, or weights the visitor typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelChoice {
    Named(NamedKernel),
    Custom,
}

impl KernelChoice {
    pub fn slug(self) -> &'static str {
        match self {
            KernelChoice::Named(k) => k.slug(),
            KernelChoice::Custom => "custom",
        }
    }
    pub fn from_slug(s: &str) -> Option<KernelChoice> {
        if s == "custom" {
            return Some(KernelChoice::Custom);
        }
        NamedKernel::from_slug(s).map(KernelChoice::Named)
    }
}
by_slug!(KernelChoice);

/// What the explorer convolves: one of the data set's digits (the first of that digit in the
/// file), or the visitor's drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSource {
    Digit(u8),
    Drawing,
}

impl ImageSource {
    pub fn from_query(s: &str) -> Option<ImageSource> {
        if s == "drawing" {
            return Some(ImageSource::Drawing);
        }
        s.parse::<u8>().ok().filter(|&d| usize::from(d) < CLASSES).map(ImageSource::Digit)
    }
}

impl QueryValue for ImageSource {
    fn query_value(&self) -> Option<String> {
        Some(match self {
            ImageSource::Digit(d) => d.to_string(),
            ImageSource::Drawing => "drawing".into(),
        })
    }
}

/// A typed kernel: 9 or 25 finite weights within ±`MAX_WEIGHT`, comma-separated.
fn parse_weights(s: &str) -> Option<Vec<f32>> {
    let w: Vec<f32> = s.split(',').map(|x| float_in(-f64::from(MAX_WEIGHT), f64::from(MAX_WEIGHT))(x.trim())).collect::<Option<_>>()?;
    (w.len() == 9 || w.len() == 25).then_some(w)
}

lab_params! {
    /// Everything that defines the CNN lab; a link carries all of it.
    pub struct CnnParams {
        /// Which page of the lab (the page loader reads it too, to pick the bundle).
        part: Part = Part::Train, Part::from_slug;
        /// Convolution blocks, 1–2.
        layers: usize = 1, int_in(1, MAX_CONV_LAYERS as i64);
        /// Filters of the first and second block, 1–16.
        filters: usize = 8, int_in(1, MAX_FILTERS as i64);
        filters2: usize = 8, int_in(1, MAX_FILTERS as i64);
        /// Kernel side of the network's convolutions: 3 or 5.
        size: usize = 3, |s| int_in(3, 5)(s).filter(|k: &usize| *k == 3 || *k == 5);
        pool: Pooling = Pooling::Max, Pooling::from_slug;
        /// Hidden units before the 10 outputs: 0 (none) or 8–128.
        dense: usize = 0, |s| int_in(0, MAX_DENSE as i64)(s).filter(|d: &usize| *d == 0 || *d >= MIN_DENSE);
        optimizer: OptimizerKind = OptimizerKind::Adam, OptimizerKind::from_slug;
        lr: f32 = 0.01, float_in(f64::from(LEARNING_RATES[0]), f64::from(LEARNING_RATES[LEARNING_RATES.len() - 1]));
        batch: usize = 32, int_in(1, MAX_BATCH as i64);
        /// Percent of the digits used for training; `val` percent for validation; the rest is test.
        train: u32 = 60, int_in(1, 100);
        val: u32 = 20, int_in(0, 100);
        /// Seed of the split (which digits go where).
        split: u32 = 1, seed;
        /// Seed of the initial weights and the batch order.
        seed: u32 = 1, seed;
        speed: Pace = Pace::Watch, Pace::from_slug;
        /// Epochs to train before stopping by itself (0: until paused).
        epochs: usize = 50, int_in(0, MAX_EPOCHS as i64);
        /// The digit whose feature maps are shown: the first validation image of this digit.
        look: usize = 2, int_in(0, CLASSES as i64 - 1);
        /// The kernel explorer: kernel, typed weights (written only for a custom kernel),
        /// stride, padding, image, and the pooling shown after it.
        kernel: KernelChoice = KernelChoice::Named(NamedKernel::SobelX), KernelChoice::from_slug;
        weights: Vec<f32> = NamedKernel::SobelX.weights(), parse_weights, write |w: &Vec<f32>| Some(w.iter().map(|v| short_float(*v)).collect::<Vec<_>>().join(","));
        stride: usize = 1, int_in(1, MAX_STRIDE as i64);
        padding: usize = 0, int_in(0, MAX_PADDING as i64);
        image: ImageSource = ImageSource::Digit(3), ImageSource::from_query;
        demo_pool: PoolKind = PoolKind::Max, PoolKind::from_slug;
        demo_window: usize = 2, int_in(DEMO_WINDOWS.0 as i64, DEMO_WINDOWS.1 as i64);
        /// "Why convolution": every validation digit moved `dx` pixels right and `dy` down.
        dx: i32 = 1, int_in(-(MAX_SHIFT as i64), MAX_SHIFT as i64);
        dy: i32 = 0, int_in(-(MAX_SHIFT as i64), MAX_SHIFT as i64);
        /// Transfer learning: training examples per new digit, and epochs on the new digits.
        per_class: usize = 5, int_in(1, MAX_EXAMPLES as i64);
        target_epochs: usize = 30, int_in(1, MAX_TARGET_EPOCHS as i64);
    }
    settle(p, q) {
        settle_split(q, p.train, &mut p.val, Self::default().val);
        // A named kernel's weights are its own; typed weights count only for "custom".
        if let KernelChoice::Named(k) = p.kernel {
            p.weights = k.weights();
        }
    }
}

impl CnnParams {
    /// The network these settings describe.
    pub fn spec(&self) -> CnnSpec {
        // The second block's filters count only when there is a second block.
        let second = if self.layers > 1 { self.filters2 } else { self.filters };
        CnnSpec { conv_layers: self.layers, filters: [self.filters, second], kernel: self.size, pooling: self.pool, dense: self.dense }
    }

    /// The training settings (the split seed kept apart: a new model keeps its data).
    pub fn train_settings(&self) -> TrainSettings {
        TrainSettings {
            train_pct: self.train,
            val_pct: self.val,
            split_seed: u64::from(self.split),
            optimizer: self.optimizer,
            lr: self.lr,
            batch: self.batch,
            seed: u64::from(self.seed),
        }
    }

    /// The explorer's kernel side (3 or 5), from its weights.
    pub fn kernel_side(&self) -> usize {
        if self.weights.len() == 25 { 5 } else { 3 }
    }
}

impl TrainingParams for CnnParams {
    fn training(&self) -> Training {
        Training { optimizer: self.optimizer, lr: self.lr, batch: self.batch, clip: None, epochs: self.epochs, seed: self.seed, speed: self.speed }
    }
    fn set_training(&mut self, t: Training) {
        (self.optimizer, self.lr, self.batch, self.epochs, self.seed, self.speed) = (t.optimizer, t.lr, t.batch, t.epochs, t.seed, t.speed);
    }

    /// What a change from `old` invalidates.
    fn change_from(&self, old: &Self) -> Option<Change> {
        classify(self, old, (self.train, self.val, self.split) != (old.train, old.val, old.split)
            || self.spec() != old.spec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query};

    fn read(q: &str) -> (CnnParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn every_setting_survives_the_address() {
        let p = CnnParams {
            part: Part::Kernel,
            layers: 2,
            filters: 4,
            filters2: 12,
            size: 5,
            pool: Pooling::Average,
            dense: 32,
            optimizer: OptimizerKind::Sgd,
            lr: 0.3,
            batch: 128,
            train: 50,
            val: 30,
            split: 9,
            seed: 42,
            speed: Pace::Fast,
            epochs: 0,
            look: 7,
            kernel: KernelChoice::Custom,
            weights: vec![0.5, -1.0, 0.0, 2.0, 1.0, 0.0, -0.25, 3.0, 1.0],
            stride: 2,
            padding: 1,
            image: ImageSource::Drawing,
            demo_pool: PoolKind::Average,
            demo_window: 3,
            dx: -2,
            dy: 1,
            per_class: 12,
            target_epochs: 40,
        };
        assert_round_trip(&p);
        assert_round_trip(&CnnParams { kernel: KernelChoice::Named(NamedKernel::GaussianBlur5), weights: NamedKernel::GaussianBlur5.weights(), image: ImageSource::Digit(0), ..CnnParams::default() });
        assert_round_trip(&CnnParams::default());
        assert_eq!(read(""), (CnnParams::default(), vec![]));
        assert_eq!(CnnParams::default().spec(), CnnSpec::default(), "the lab opens on the core's tested default network");
        assert_eq!(CnnParams::default().train_settings(), TrainSettings::default());
    }

    #[test]
    fn malformed_values_are_rejected_and_the_default_kept() {
        let (p, rejected) = read(
            "part=nope&layers=3&filters=0&filters2=17&size=4&pool=min&dense=5&optimizer=newton&lr=20&batch=0&train=0&split=-1&seed=x\
             &speed=warp&epochs=501&look=10&kernel=mexican-hat&weights=1,2,3&stride=4&padding=3&image=11&demo_pool=median&demo_window=4&dx=3&dy=-3&per_class=0&target_epochs=101",
        );
        assert_eq!(p, CnnParams::default());
        assert_eq!(
            rejected,
            [
                "batch", "demo_pool", "demo_window", "dense", "dx", "dy", "epochs", "filters", "filters2", "image", "kernel", "layers", "look", "lr",
                "optimizer", "padding", "part", "per_class", "pool", "seed", "size", "speed", "split", "stride", "target_epochs", "train", "weights"
            ]
        );
        // A weight that is not a finite number within ±100 refuses the whole kernel.
        assert_eq!(read("kernel=custom&weights=1,1,1,1,NaN,1,1,1,1").1, ["weights"]);
        assert_eq!(read("kernel=custom&weights=1,1,1,1,101,1,1,1,1").1, ["weights"]);
        // A named kernel keeps its own weights whatever the address says.
        let (p, rejected) = read("kernel=box-blur&weights=0,0,0,0,5,0,0,0,0");
        assert_eq!((p.weights, rejected.len()), (NamedKernel::BoxBlur.weights(), 0));
        // Validation beyond what training leaves is refused; the rest of the address still counts.
        let (p, rejected) = read("train=90&val=20&layers=2");
        assert_eq!((p.train, p.val, p.layers), (90, 10, 2));
        assert_eq!(rejected, ["val"]);
    }

    #[test]
    fn changes_are_told_apart() {
        let a = CnnParams::default();
        assert_eq!(a.change_from(&a), None);
        for display in [
            CnnParams { speed: Pace::Max, ..a.clone() },
            CnnParams { part: Part::Kernel, ..a.clone() },
            CnnParams { dx: 2, per_class: 9, ..a.clone() },
            CnnParams { epochs: 10, ..a.clone() },
            CnnParams { look: 5, ..a.clone() },
            CnnParams { stride: 2, ..a.clone() },
            CnnParams { kernel: KernelChoice::Custom, ..a.clone() },
            CnnParams { filters2: 3, ..a.clone() }, // unused with one block
        ] {
            assert_eq!(display.change_from(&a), Some(Change::Display), "{display:?}");
        }
        assert_eq!(CnnParams { lr: 0.1, ..a.clone() }.change_from(&a), Some(Change::LearningRate));
        for model in [
            CnnParams { filters: 4, ..a.clone() },
            CnnParams { layers: 2, ..a.clone() },
            CnnParams { batch: 8, ..a.clone() },
            CnnParams { seed: 2, ..a.clone() },
            CnnParams { split: 2, ..a.clone() },
            CnnParams { val: 10, ..a.clone() },
        ] {
            assert_eq!(model.change_from(&a), Some(Change::Model), "{model:?}");
        }
    }
}
