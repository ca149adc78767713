//! # Every model's fingerprint: the same seed gives the same bits natively and in WebAssembly
//!
//! Every lab promises that a seed replays a run exactly, in any browser, on any machine. The
//! page runs this crate as WebAssembly (with SIMD); the tests run it natively. The promise holds
//! only if every model rounds the same way on both, which a platform's `exp`, `ln`, `sin`… (its
//! own libm, which differs from WebAssembly's in the last bit now and then), a fused
//! multiply-add or a summation order that follows the SIMD width would quietly break.
//!
//! [`crate::tensor::fingerprint`] checks the differentiable engine's layers. This module checks
//! every model family of the crate through its public API, as a lab drives it: for each
//! [`Family`], [`family_fingerprint`] makes a short seeded run — data generated, a model fitted or
//! trained a few steps, its predictions asked for — and folds the bits of what came out (losses,
//! predictions, final parameters, labels, chosen tokens) into a 64-bit FNV-1a hash, the same one
//! the engine's fingerprint uses. The test command prints every hash natively and as
//! WebAssembly under Node (`examples/engine_fingerprint.rs`, `scripts/test.sh`) and requires the
//! two outputs to be identical; one flipped bit anywhere in a family changes its hash.
//!
//! The runs are small (the whole example takes seconds) but touch each family's code paths:
//! every data generator, every activation, loss and optimizer the labs offer, both problems of
//! the models that have both.

use crate::attention::model::{NetSpec as AttentionNet, Position};
use crate::attention::tasks::{Task as AttentionTask, TaskSpec as AttentionTaskSpec};
use crate::attention::trainer::AttentionTrainer;
use crate::cluster::dbscan::{dbscan, DbscanParams};
use crate::cluster::kmeans::{fit_best, Init as KMeansInit, KMeansParams};
use crate::cluster::pca::Pca;
use crate::cnn::model::{Architecture as CnnArchitecture, CnnSpec, DenseSpec, Pooling};
use crate::cnn::trainer::{CnnTrainer, TrainSettings as CnnSettings};
use crate::data::curve::{generate_curve, CurveFunction, CurveParams};
use crate::data::digits::{Digits, CLASSES, PIXELS, SIDE};
use crate::data::dataset::{generate, DataParams, Dataset, DatasetKind, Problem};
use crate::data::features::{featurize, Feature};
use crate::data::shapes::{self, ClusterShape, ShapeParams};
use crate::data::shoppers::shoppers;
use crate::data::split::Split;
use crate::diffusion::denoiser::{DiffusionTrainer, Settings as DiffusionSettings};
use crate::diffusion::quality::energy_distance;
use crate::diffusion::sampler::{Method as Sampler, Sampling};
use crate::diffusion::schedule::ScheduleKind;
use crate::diffusion::targets::Target;
use crate::embedding::corpus::{generate as generate_sentences, CorpusSpec, Language as SentenceLanguage};
use crate::embedding::word2vec::{Architecture, Settings as Word2VecSettings, Word2Vec};
use crate::error::ParamError;
use crate::gan::{GanOptimizer, GanTrainer, GeneratorLoss, Noise, Settings as GanSettings};
use crate::language::bpe::BpeTrainer;
use crate::language::corpus::{Corpus as WorldCorpus, Language as WorldLanguage};
use crate::language::model::{LanguageModel, LmSpec, TokenText};
use crate::language::sampling::{generate as write_tokens, Decoding};
use crate::linear::logistic::{LogisticParams, LogisticSolver};
use crate::linear::poly::{degree_sweep, PolyFit};
use crate::linear::ridge::RidgeRegression;
use crate::neighbors::knn::{KnnClassifier, KnnParams, KnnRegressor, Weights};
use crate::nn::activation::Activation;
use crate::nn::loss::{Loss, Regularization};
use crate::optim::optimizers::{OptimizerConfig, OptimizerKind};
use crate::optim::surface::{minibatch_trajectory, trajectory, Surface, SurfaceKind};
use crate::rl::bandit::{BanditRace, Strategy};
use crate::rl::learning::{Learner, Method as TdMethod, Settings as TdSettings, Traces};
use crate::rl::planning::value_iteration;
use crate::rl::world::{CLIFF, MAZE};
use crate::rng::Rng;
use crate::sequence::model::NetSpec as SequenceNet;
use crate::sequence::tasks::{Corpus as SequenceCorpus, Task as SequenceTask, TaskSpec as SequenceTaskSpec};
use crate::sequence::trainer::SequenceTrainer;
use crate::shared::slug_enum;
use crate::stepping::Stepping;
use crate::tensor::fingerprint::{fnv1a, FNV_OFFSET};
use crate::tensor::layers::CellKind;
use crate::tensor::Tape;
use crate::train::minibatch::{EpochTrainer, TrainSettings};
use crate::train::trainer::{TrainConfig, Trainer};
use crate::tree::boosting::{BoostingParams, GradientBoosting};
use crate::tree::cart::{Criterion, DecisionTree, MaxFeatures, TreeParams};
use crate::tree::forest::{ForestParams, RandomForest};
use crate::workflow::models::{ModelFit, ModelKind};

slug_enum! {
    /// A model family of the crate, as the example prints it (one line each, in this order).
    pub enum Family {
        /// The data generators: 2-D data sets, curves, cluster shapes, the shoppers, point
        /// clouds, features and splits.
        Data => "data",
        /// The Playground's MLP through its trainer, classification and regression.
        Mlp => "mlp",
        /// Gradient descent on every loss surface with every optimizer.
        Descent => "descent",
        /// Polynomial ridge regression and the degree sweep.
        Poly => "poly",
        /// Logistic regression, binary and softmax (L-BFGS).
        Logistic => "logistic",
        /// Ridge regression on a table.
        Ridge => "ridge",
        /// Decision trees (Gini, entropy, squared error).
        Tree => "tree",
        /// Random forests, classification and regression.
        Forest => "forest",
        /// Gradient boosting, binary, multiclass and regression.
        Boosting => "boosting",
        /// k-means (random and k-means++ starts).
        Kmeans => "kmeans",
        /// DBSCAN.
        Dbscan => "dbscan",
        /// PCA, standardised and not.
        Pca => "pca",
        /// k-nearest neighbours, uniform and distance-weighted.
        Knn => "knn",
        /// Recurrent networks (RNN, GRU, LSTM) on the sequence tasks.
        Sequence => "sequence",
        /// The tiny transformer on the attention tasks.
        Attention => "attention",
        /// The CNN lab: convolutional networks and the dense baseline on 8×8 digits.
        Cnn => "cnn",
        /// Word2vec (skip-gram and CBOW) and the 2-D projection of its vectors.
        Embedding => "embedding",
        /// The language lab: BPE, the n-gram baseline, the transformer, sampling.
        Language => "language",
        /// Reinforcement learning: value iteration, Q-learning / SARSA / Expected SARSA, bandits.
        Rl => "rl",
        /// Diffusion: the denoiser's training, DDPM and DDIM sampling, the energy distance.
        Diffusion => "diffusion",
        /// The GAN: both players' training and the generator's samples.
        Gan => "gan",
        /// The data lab's six models through `ModelFit`, classification and regression.
        Workflow => "workflow",
    }
}

/// FNV-1a over the bits of everything a run produced (the module's text).
#[derive(Debug, Clone, Copy)]
struct Bits(u64);

impl Bits {
    fn new() -> Bits {
        Bits(FNV_OFFSET)
    }
    fn bytes(&mut self, b: &[u8]) {
        self.0 = fnv1a(self.0, b);
    }
    fn f32s(&mut self, v: &[f32]) {
        for x in v {
            self.bytes(&x.to_bits().to_le_bytes());
        }
    }
    fn f64s(&mut self, v: &[f64]) {
        for x in v {
            self.bytes(&x.to_bits().to_le_bytes());
        }
    }
    fn f64(&mut self, x: f64) {
        self.f64s(&[x]);
    }
    fn count(&mut self, n: usize) {
        self.bytes(&(n as u64).to_le_bytes());
    }
    fn counts(&mut self, v: &[usize]) {
        for &n in v {
            self.count(n);
        }
    }
    fn ids(&mut self, v: &[u32]) {
        for x in v {
            self.bytes(&x.to_le_bytes());
        }
    }
}

/// The fingerprint of `family`'s short run from `seed`.
///
/// Every setting is fixed and valid, so an `Err` means a model's API refused them — a bug the
/// caller should report, not a platform difference.
pub fn family_fingerprint(family: Family, seed: u64) -> Result<u64, ParamError> {
    let mut bits = Bits::new();
    match family {
        Family::Data => data(seed, &mut bits)?,
        Family::Mlp => mlp(seed, &mut bits)?,
        Family::Descent => descent(seed, &mut bits)?,
        Family::Poly => poly(seed, &mut bits)?,
        Family::Logistic => logistic(seed, &mut bits)?,
        Family::Ridge => ridge(seed, &mut bits)?,
        Family::Tree => tree(seed, &mut bits)?,
        Family::Forest => forest(seed, &mut bits)?,
        Family::Boosting => boosting(seed, &mut bits)?,
        Family::Kmeans => kmeans(seed, &mut bits)?,
        Family::Dbscan => density(seed, &mut bits)?,
        Family::Pca => pca(seed, &mut bits)?,
        Family::Knn => knn(seed, &mut bits)?,
        Family::Sequence => sequence(seed, &mut bits)?,
        Family::Attention => attention(seed, &mut bits)?,
        Family::Cnn => cnn(seed, &mut bits)?,
        Family::Embedding => embedding(seed, &mut bits)?,
        Family::Language => language(seed, &mut bits)?,
        Family::Rl => rl(seed, &mut bits)?,
        Family::Diffusion => diffusion(seed, &mut bits)?,
        Family::Gan => gan(seed, &mut bits)?,
        Family::Workflow => workflow(seed, &mut bits)?,
    }
    Ok(bits.0)
}

// ---------------------------------------------------------------------------------------------
// Shared inputs

/// Most steps [`run_to_end`] takes: far more than any run here needs; a guard, not a setting.
const MAX_STEPS: usize = 100_000;

/// Steps `model` until it is done (at most [`MAX_STEPS`] steps).
fn run_to_end(model: &mut impl Stepping) {
    for _ in 0..MAX_STEPS {
        if model.done() {
            break;
        }
        model.step();
    }
}

/// A 2-D data set of `kind` with 200 points and some noise.
fn dataset(kind: DatasetKind, seed: u64) -> Result<Dataset, ParamError> {
    generate(&DataParams { kind, points: 200, noise: 0.2, seed })
}

/// A table for the tabular models: `rows` rows of 4 features (normal draws, one of them
/// squared), a class from 3 made by thresholding a noisy linear score, and a noisy value.
struct Table {
    x: Vec<f32>,
    classes: Vec<f32>,
    binary: Vec<f32>,
    values: Vec<f32>,
}

const TABLE_FEATURES: usize = 4;

fn table(rows: usize, seed: u64) -> Table {
    let mut rng = Rng::stream(seed, 0x4650_5441); // "FPTA"
    let mut t = Table { x: Vec::with_capacity(rows * TABLE_FEATURES), classes: vec![], binary: vec![], values: vec![] };
    for _ in 0..rows {
        let a = rng.normal();
        let b = rng.normal();
        let c = rng.uniform(-2.0, 2.0);
        let d = a * a + 0.3 * rng.normal();
        t.x.extend([a, b, c, d]);
        let score = a + 0.5 * b - 0.4 * c + 0.3 * rng.normal();
        t.classes.push(if score < -0.5 { 0.0 } else if score < 0.5 { 1.0 } else { 2.0 });
        t.binary.push(if score < 0.0 { 0.0 } else { 1.0 });
        t.values.push(2.0 * a - b + 0.5 * d + 0.2 * rng.normal());
    }
    t
}

// ---------------------------------------------------------------------------------------------
// The families

fn data(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let mut features = Vec::new();
    for kind in DatasetKind::ALL {
        let d = dataset(kind, seed)?;
        bits.f32s(&d.points);
        bits.f32s(&d.targets);
        bits.f32s(&d.split_keys);
        let split = Split::new(&d.split_keys, 60, 20)?;
        bits.counts(&split.train);
        bits.counts(&split.test);
        featurize(&Feature::ALL, &d.points, &mut features);
        bits.f32s(&features);
    }
    for function in CurveFunction::ALL {
        let c = generate_curve(&CurveParams { function, points: 40, noise: 0.2, seed })?;
        bits.f32s(&c.x);
        bits.f32s(&c.y);
        bits.f32s(&c.split_keys);
    }
    for shape in ClusterShape::ALL {
        let c = shapes::generate(&ShapeParams { shape, points: 150, clusters: 3, spread: 0.4, seed })?;
        bits.f32s(&c.points);
        bits.counts(&c.truth);
    }
    bits.f32s(&shoppers().values);
    for target in Target::ALL {
        let cloud = target.sample(200, seed)?;
        bits.f32s(&cloud.points);
        bits.ids(&cloud.classes);
    }
    Ok(())
}

fn mlp(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    // Every activation once; cross-entropy (sigmoid and softmax heads) and MSE (tanh and linear
    // heads); every optimizer; both penalties. The sine features exercise `sin`.
    let runs = [
        (DatasetKind::Spiral, Activation::Tanh, Loss::CrossEntropy, OptimizerKind::Adam, Regularization::L2),
        (DatasetKind::ThreeClass, Activation::Relu, Loss::CrossEntropy, OptimizerKind::Momentum, Regularization::None),
        (DatasetKind::Xor, Activation::Sigmoid, Loss::Mse, OptimizerKind::RmsProp, Regularization::L1),
        (DatasetKind::ThreeClass, Activation::LeakyRelu, Loss::Mse, OptimizerKind::Nesterov, Regularization::None),
        (DatasetKind::MultiGaussian, Activation::Tanh, Loss::Mse, OptimizerKind::AdaGrad, Regularization::L2),
        (DatasetKind::Plane, Activation::Linear, Loss::Mse, OptimizerKind::Sgd, Regularization::None),
        (DatasetKind::Moons, Activation::Tanh, Loss::CrossEntropy, OptimizerKind::AdamW, Regularization::None),
        (DatasetKind::Circle, Activation::Relu, Loss::CrossEntropy, OptimizerKind::Lion, Regularization::None),
    ];
    let mut grid = Vec::new();
    for (kind, activation, loss, optimizer, reg) in runs {
        let d = dataset(kind, seed)?;
        let split = Split::new(&d.split_keys, 70, 15)?;
        let lr = if optimizer == OptimizerKind::Lion { 0.003 } else { 0.03 };
        let cfg = TrainConfig {
            features: Feature::ALL.to_vec(),
            hidden: vec![6, 4],
            activation,
            loss,
            optimizer,
            lr,
            batch: 10,
            reg,
            reg_rate: if reg == Regularization::None { 0.0 } else { 0.001 },
            seed,
        };
        let mut trainer = Trainer::new(&d, &split, &cfg)?;
        for _ in 0..5 {
            trainer.step_epoch();
        }
        let h = trainer.history();
        for curve in [&h.train_loss, &h.val_loss, &h.train_acc, &h.val_acc] {
            bits.f32s(curve);
        }
        bits.f32s(trainer.mlp().params());
        trainer.predict_grid(12, &mut grid);
        bits.f32s(&grid);
    }
    Ok(())
}

fn descent(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    for kind in SurfaceKind::ALL {
        let surface = Surface::new(kind, 10.0, seed)?;
        for optimizer in OptimizerKind::ALL {
            let cfg = OptimizerConfig::new(optimizer, 0.01);
            let run = trajectory(&surface, &cfg, surface.default_start(), 60)?;
            for p in &run.points {
                bits.f32s(p);
            }
            bits.f32s(&run.values);
        }
        let run = minibatch_trajectory(&surface, &OptimizerConfig::new(OptimizerKind::Sgd, 0.02), surface.default_start(), 60, 4, seed)?;
        for p in &run.points {
            bits.f32s(p);
        }
        bits.f32s(&surface.grid_values(16, &surface.default_window()));
    }
    Ok(())
}

fn poly(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let mut predictions = Vec::new();
    let grid: Vec<f32> = (0..41).map(|i| -1.0 + i as f32 / 20.0).collect();
    for function in CurveFunction::ALL {
        let c = generate_curve(&CurveParams { function, points: 30, noise: 0.2, seed })?;
        let split = Split::new(&c.split_keys, 60, 40)?;
        let (tx, ty) = c.subset(&split.train);
        let (vx, vy) = c.subset(&split.val);
        for (degree, lambda) in [(1, 0.0), (3, 0.0), (9, 1e-4), (15, 0.0)] {
            let fit = PolyFit::fit(&tx, &ty, degree, lambda)?;
            bits.f64s(fit.coefficients());
            fit.predict_many(&grid, &mut predictions);
            bits.f32s(&predictions);
            bits.f32s(&[fit.mse(&vx, &vy)]);
        }
        for point in degree_sweep(&tx, &ty, &vx, &vy, 12, 1e-6)? {
            bits.f32s(&[point.train_mse, point.val_mse]);
        }
    }
    Ok(())
}

fn logistic(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(150, seed);
    for (y, c) in [(&t.binary, 1.0), (&t.classes, 0.5)] {
        let mut solver = LogisticSolver::new(&t.x, TABLE_FEATURES, y, &LogisticParams { c, max_iter: 100, tol: 1e-8 })?;
        run_to_end(&mut solver);
        bits.f64s(solver.history());
        let model = solver.model();
        bits.f64s(model.coefficients());
        bits.f64s(model.intercepts());
        bits.f32s(&model.predict_proba(&t.x)?);
        bits.f32s(&model.predict(&t.x)?);
    }
    Ok(())
}

fn ridge(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(150, seed);
    for alpha in [0.0, 1.0, 100.0] {
        let model = RidgeRegression::fit(&t.x, TABLE_FEATURES, &t.values, alpha)?;
        bits.f64s(model.weights());
        bits.f64(model.intercept());
        bits.f32s(&model.predict(&t.x)?);
    }
    Ok(())
}

/// Predictions (and class probabilities) of a tree on `x`.
fn tree_outputs(model: &DecisionTree, x: &[f32], rows: usize, bits: &mut Bits) -> Result<(), ParamError> {
    let mut out = vec![0.0; rows];
    model.predict_into(x, &mut out)?;
    bits.f32s(&out);
    if model.criterion().is_classification() {
        let mut proba = vec![0.0; rows * model.n_classes()];
        model.predict_proba_into(x, &mut proba)?;
        bits.f32s(&proba);
    }
    bits.f64s(&model.feature_importances());
    Ok(())
}

fn tree(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(200, seed);
    for (criterion, y, max_features) in [
        (Criterion::Gini, &t.classes, MaxFeatures::All),
        (Criterion::Entropy, &t.classes, MaxFeatures::Sqrt),
        (Criterion::SquaredError, &t.values, MaxFeatures::Count(3)),
    ] {
        let params = TreeParams { criterion, max_depth: Some(6), max_features, seed, ..TreeParams::default() };
        let model = DecisionTree::fit(&t.x, TABLE_FEATURES, y, &params)?;
        for node in model.nodes() {
            bits.f64s(&[node.impurity, node.weighted_samples]);
            if let Some(split) = &node.split {
                bits.count(split.feature);
                bits.f64s(&[split.threshold, split.improvement]);
            }
        }
        tree_outputs(&model, &t.x, 200, bits)?;
    }
    Ok(())
}

fn forest(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(200, seed);
    for (criterion, y) in [(Criterion::Gini, &t.classes), (Criterion::Entropy, &t.binary), (Criterion::SquaredError, &t.values)] {
        let params = ForestParams { n_trees: 15, criterion, max_depth: Some(6), seed, ..ForestParams::default() };
        let model = RandomForest::fit(&t.x, TABLE_FEATURES, y, &params)?;
        let mut out = vec![0.0; 200];
        model.predict_into(&t.x, &mut out)?;
        bits.f32s(&out);
        if criterion.is_classification() {
            let mut proba = vec![0.0; 200 * model.n_classes()];
            model.predict_proba_into(&t.x, &mut proba)?;
            bits.f32s(&proba);
        }
        bits.f64s(&[model.oob_score().unwrap_or(f64::NAN)]);
    }
    Ok(())
}

fn boosting(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(200, seed);
    let runs = [(Problem::Classification, &t.binary, 1.0), (Problem::Classification, &t.classes, 0.8), (Problem::Regression, &t.values, 0.7)];
    for (problem, y, subsample) in runs {
        let params = BoostingParams { problem, rounds: 30, learning_rate: 0.2, max_depth: 2, subsample, seed, ..BoostingParams::default() };
        let mut model = GradientBoosting::new(&t.x, TABLE_FEATURES, y, &params)?;
        model.set_validation(&t.x[..50 * TABLE_FEATURES], &y[..50])?;
        run_to_end(&mut model);
        bits.f64s(model.init_scores());
        bits.f64s(model.train_loss());
        bits.f64s(model.validation_loss());
        let mut out = vec![0.0; 200];
        model.predict_into(&t.x, 30, &mut out)?;
        bits.f32s(&out);
        if problem == Problem::Classification {
            let mut proba = vec![0.0; 200 * model.n_classes()];
            model.predict_proba_into(&t.x, 30, &mut proba)?;
            bits.f32s(&proba);
        }
    }
    Ok(())
}

fn kmeans(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let points = shapes::generate(&ShapeParams { shape: ClusterShape::Blobs, points: 300, clusters: 4, spread: 0.5, seed })?.points;
    for init in KMeansInit::ALL {
        let fit = fit_best(&points, 2, &KMeansParams { k: 4, init, n_init: 3, max_iter: 50, seed })?;
        bits.f32s(fit.best.centroids());
        bits.f64s(&fit.inertias);
        bits.f64s(fit.best.inertia_history());
        bits.counts(fit.best.labels().unwrap_or_default());
    }
    Ok(())
}

fn density(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    for shape in [ClusterShape::Moons, ClusterShape::Rings, ClusterShape::Blobs] {
        let points = shapes::generate(&ShapeParams { shape, points: 300, clusters: 3, spread: 0.3, seed })?.points;
        let run = dbscan(&points, 2, &DbscanParams { eps: 0.5, min_samples: 5 })?;
        bits.ids(&run.labels().iter().map(|&l| l as u32).collect::<Vec<_>>());
        bits.counts(run.neighbour_counts());
        bits.counts(run.visit_order());
    }
    Ok(())
}

fn pca(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(120, seed);
    let mut out = Vec::new();
    for standardise in [false, true] {
        let model = Pca::fit(&t.x, TABLE_FEATURES, standardise)?;
        bits.f64s(model.components());
        bits.f64s(model.explained_variance());
        model.transform(&t.x, 2, &mut out)?;
        bits.f32s(&out);
        model.reconstruct(&t.x, 2, &mut out)?;
        bits.f32s(&out);
    }
    Ok(())
}

fn knn(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(160, seed);
    let (train, test) = t.x.split_at(120 * TABLE_FEATURES);
    for weights in Weights::ALL {
        let params = KnnParams { k: 5, weights };
        let classifier = KnnClassifier::fit(train, TABLE_FEATURES, &t.classes[..120], &params)?;
        bits.f32s(&classifier.predict_proba(test)?);
        bits.f32s(&classifier.predict(test)?);
        let regressor = KnnRegressor::fit(train, TABLE_FEATURES, &t.values[..120], &params)?;
        bits.f32s(&regressor.predict(test)?);
        for n in regressor.neighbors(&test[..TABLE_FEATURES])? {
            bits.count(n.row);
            bits.f64(n.distance);
        }
    }
    Ok(())
}

/// The curves every engine trainer records.
fn engine_history(trainer: &impl EpochTrainer, bits: &mut Bits) {
    let h = trainer.history();
    for curve in [&h.train_loss, &h.val_loss, &h.train_acc, &h.val_acc] {
        bits.f32s(curve);
    }
}

fn sequence(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let runs = [
        (SequenceTask::Sine, CellKind::Lstm, 1),
        (SequenceTask::TwoSines, CellKind::Gru, 1),
        (SequenceTask::Recall, CellKind::Rnn, 2),
        (SequenceTask::Count, CellKind::Gru, 1),
        (SequenceTask::Text, CellKind::Lstm, 1),
    ];
    for (task, cell, layers) in runs {
        let set = SequenceTaskSpec { task, length: 12, delay: 4, noise: 0.1, examples: 120, corpus: SequenceCorpus::English, seed }.generate()?;
        let settings = TrainSettings { batch: 16, seed, ..TrainSettings::default() };
        let mut trainer = SequenceTrainer::new(set, SequenceNet { cell, hidden: 8, layers }, &settings)?;
        trainer.step_epoch();
        trainer.step_epoch();
        engine_history(&trainer, bits);
        bits.f32s(trainer.net().params().values());
        bits.f32s(trainer.predictions());
        bits.f32s(trainer.gradient_through_time());
        if task == SequenceTask::Text {
            bits.counts(&trainer.continue_text(&[0, 1, 2], 10));
        }
    }
    Ok(())
}

fn attention(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let runs = [(AttentionTask::Reverse, Position::Learned, false), (AttentionTask::Sort, Position::Sinusoidal, true), (AttentionTask::Brackets, Position::None, false)];
    for (task, position, causal) in runs {
        let set = AttentionTaskSpec { task, length: 6, examples: 120, seed }.generate()?;
        let net = AttentionNet { layers: 2, heads: 2, width: 16, position, causal };
        let settings = TrainSettings { batch: 16, lr: 0.003, seed, ..TrainSettings::default() };
        let mut trainer = AttentionTrainer::new(set, net, &settings)?;
        trainer.step_epoch();
        trainer.step_epoch();
        engine_history(&trainer, bits);
        bits.f32s(trainer.net().params().values());
        bits.ids(trainer.predictions());
        if let Some(view) = trainer.inspect(0) {
            bits.f32s(&view.probabilities);
            for layer in &view.layers {
                bits.f32s(&layer.attention);
            }
        }
    }
    Ok(())
}

/// 200 synthetic 8×8 digits (the real ones are the page's data file, not the crate's): digit
/// `k` lights row `k` (0–7) or a column (8, 9) over faint noise, in whole sixteenths like the
/// file.
fn synthetic_digits(seed: u64) -> Digits {
    let mut rng = Rng::stream(seed, 0x4650_4447); // "FPDG"
    let mut digits = Digits::default();
    for i in 0..200 {
        let digit = i % CLASSES;
        for p in 0..PIXELS {
            let (row, col) = (p / SIDE, p % SIDE);
            let lit = if digit < SIDE { row == digit } else { col == 2 * (digit - SIDE) + 2 };
            let level = if lit { 12 + rng.below(5) } else { rng.below(4) };
            digits.images.push(level as f32 / 16.0);
        }
        digits.labels.push(digit as u8);
    }
    digits
}

fn cnn(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let digits = synthetic_digits(seed);
    let settings = CnnSettings { batch: 16, seed, ..CnnSettings::default() };
    let architectures: [CnnArchitecture; 3] = [
        CnnSpec { conv_layers: 2, filters: [4, 6], kernel: 3, pooling: Pooling::Max, dense: 16 }.into(),
        CnnSpec { conv_layers: 1, filters: [4, 4], kernel: 5, pooling: Pooling::Average, dense: 0 }.into(),
        DenseSpec { dense: 16 }.into(),
    ];
    for architecture in architectures {
        let mut trainer = CnnTrainer::new(&digits, architecture, &settings)?;
        trainer.step_epoch();
        trainer.step_epoch();
        let h = trainer.history();
        for curve in [&h.train_loss, &h.val_loss, &h.train_acc, &h.val_acc] {
            bits.f32s(curve);
        }
        bits.f32s(trainer.net().params().values());
        let confusion = trainer.confusion();
        for truth in 0..CLASSES {
            for predicted in 0..CLASSES {
                bits.count(confusion.get(truth, predicted) as usize);
            }
        }
    }
    Ok(())
}

fn embedding(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    for (language, architecture) in [(SentenceLanguage::English, Architecture::SkipGram), (SentenceLanguage::Hebrew, Architecture::Cbow)] {
        let corpus = generate_sentences(&CorpusSpec { language, rounds: 3, seed })?;
        let settings = Word2VecSettings { architecture, dim: 12, epochs: 2, min_count: 2, seed, ..Word2VecSettings::default() };
        let mut model = Word2Vec::new(&corpus.text, &settings)?;
        run_to_end(&mut model);
        bits.f32s(model.vectors());
        bits.f32s(model.output_vectors());
        bits.f32s(model.epoch_losses());
        for point in model.loss_curve() {
            bits.f32s(&[point.loss]);
        }
        let space = model.space();
        let ids: Vec<u32> = (0..model.vocabulary().len().min(20) as u32).collect();
        for n in space.nearest(0, 5) {
            bits.ids(&[n.id]);
            bits.f32s(&[n.cosine]);
        }
        let projection = space.project(&ids, None)?;
        bits.f32s(&projection.points);
    }
    Ok(())
}

fn language(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let corpus = WorldCorpus::generate(WorldLanguage::English, 60, seed)?;
    let mut bpe = BpeTrainer::new(&corpus.text, 80)?;
    bpe.run();
    for merge in bpe.merges() {
        bits.ids(&[merge.id]);
        bits.count(merge.count as usize);
    }
    let text = TokenText::new(bpe.tokenizer());
    let spec = LmSpec { context: 16, layers: 1, heads: 2, width: 16, position: Position::Learned };
    let settings = TrainSettings { batch: 16, lr: 0.003, seed, ..TrainSettings::default() };
    let mut model = LanguageModel::new(&corpus.text, text, spec, &settings, 2)?;
    for _ in 0..20 {
        model.step_batch();
    }
    model.trainer_mut().finish_measuring();
    let (bigram_train, bigram_val, _) = model.baseline_perplexity();
    let (train, val) = model.perplexity();
    bits.f64s(&[bigram_train, bigram_val, train, val]);
    engine_history(model.trainer(), bits);
    bits.f32s(model.trainer().net().params().values());
    let prompt = model.text().encode_prompt("the");
    let mut rng = Rng::stream(seed, 0x4650_4c4d); // "FPLM"
    for decoding in [
        Decoding::greedy(),
        Decoding::default(),
        Decoding { temperature: 0.7, top_k: 5, top_p: 0.9, repetition_penalty: 1.3 },
    ] {
        bits.ids(&write_tokens(&mut model, &prompt, 12, &decoding, &mut rng)?);
    }
    let mut baseline = model.baseline().clone();
    bits.ids(&write_tokens(&mut baseline, &prompt, 12, &Decoding::default(), &mut rng)?);
    Ok(())
}

fn rl(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let maze = MAZE.world();
    let (values, sweeps) = value_iteration(&maze.model(), 0.9, 1e-9, 1000);
    bits.f64s(&values);
    bits.count(sweeps);
    let runs = [
        (TdMethod::QLearning, 0.0, 5),
        (TdMethod::Sarsa, 0.8, 0),
        (TdMethod::ExpectedSarsa, 0.5, 2),
    ];
    for world in [maze, CLIFF.world()] {
        for (method, lambda, planning) in runs {
            let settings = TdSettings { method, lambda, traces: Traces::Accumulating, planning, episodes: 40, epsilon: 0.2, decay: 0.99, seed, ..TdSettings::default() };
            let mut learner = Learner::new(&world, settings)?;
            run_to_end(&mut learner);
            bits.f64s(learner.q_table());
            for e in learner.episodes() {
                bits.f64s(&[e.return_, e.gap, e.epsilon]);
                bits.count(e.moves);
            }
        }
    }
    let mut race = BanditRace::new(10, &[Strategy::EpsilonGreedy(0.1), Strategy::Ucb(2.0)], 20, 200, seed)?;
    run_to_end(&mut race);
    bits.f64s(race.means());
    for k in 0..2 {
        let (estimates, counts) = race.estimates(k);
        bits.f64s(estimates);
        bits.ids(counts);
        for &(a, b, c) in race.curve(k) {
            bits.f64s(&[a, b, c]);
        }
    }
    Ok(())
}

fn diffusion(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    for (target, schedule, conditional) in [(Target::Spiral, ScheduleKind::Cosine, false), (Target::Moons, ScheduleKind::Linear, true)] {
        let data = target.sample(400, seed)?;
        let settings = DiffusionSettings { width: 16, depth: 2, timesteps: 40, schedule, lr: 0.003, decay: true, batch: 32, fourier: true, conditional, seed };
        let mut trainer = DiffusionTrainer::new(data, settings, 40)?;
        run_to_end(&mut trainer);
        bits.f32s(trainer.losses());
        bits.f32s(trainer.denoiser.params.values());
        for (method, class, guidance) in [(Sampler::Ddpm, None, 0.0), (Sampler::Ddim, conditional.then_some(1), 2.0)] {
            let mut sampling = Sampling::new(100, method, &trainer.schedule, 10, class, guidance, seed)?;
            while !sampling.done() {
                trainer.sample_step(&mut sampling);
            }
            bits.f32s(&sampling.points);
            bits.f64(energy_distance(&sampling.points, &trainer.data().points[..200]));
        }
        for arrow in trainer.score_field(10, None, 0.0, (-2.0, 2.0), 5) {
            bits.f32s(&arrow);
        }
        let mut tape = Tape::new();
        let points = trainer.data().points[..40].to_vec();
        bits.f32s(&trainer.denoiser.predict(&mut tape, &points, 5, None));
    }
    Ok(())
}

fn gan(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let runs = [
        (Target::Gaussians, GeneratorLoss::NonSaturating, Noise::Gaussian, GanOptimizer::Adam),
        (Target::Rings, GeneratorLoss::Minimax, Noise::Uniform, GanOptimizer::Sgd),
    ];
    for (target, generator_loss, noise, optimizer) in runs {
        let settings = GanSettings {
            generator_width: 16,
            discriminator_width: 16,
            batch: 32,
            d_steps: 2,
            generator_loss,
            noise,
            optimizer,
            seed,
            ..GanSettings::default()
        };
        let mut trainer = GanTrainer::new(target.sample(400, seed)?, settings, 40)?;
        run_to_end(&mut trainer);
        for round in trainer.history() {
            bits.f32s(&[round.loss_d, round.loss_g, round.real, round.fake]);
        }
        bits.f32s(trainer.generator.params.values());
        bits.f32s(trainer.discriminator.params.values());
        bits.f32s(&trainer.generated(100));
        bits.f32s(&trainer.generator_gradients(20));
        bits.f32s(&trainer.discriminator_field(-3.0, 3.0, 6)?);
        bits.f64(trainer.energy_distance(100));
    }
    Ok(())
}

fn workflow(seed: u64, bits: &mut Bits) -> Result<(), ParamError> {
    let t = table(150, seed);
    let (train, test) = t.x.split_at(100 * TABLE_FEATURES);
    for kind in ModelKind::ALL {
        for (problem, classes, y) in [(Problem::Classification, 3, &t.classes), (Problem::Regression, 0, &t.values)] {
            let fitted = ModelFit::new(kind, problem, classes, train, TABLE_FEATURES, &y[..100], seed)?.finish()?;
            bits.f32s(&fitted.predict(test)?);
            if let Some(proba) = fitted.predict_proba(test)? {
                bits.f32s(&proba);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_depends_on_the_seed_alone() {
        for family in Family::ALL {
            let a = family_fingerprint(family, 1).unwrap_or_else(|e| panic!("{family:?}: {e}"));
            assert_eq!(Ok(a), family_fingerprint(family, 1), "{family:?}: the same seed, the same bits");
            assert_ne!(Ok(a), family_fingerprint(family, 2), "{family:?}: another seed, another run");
        }
    }
}
