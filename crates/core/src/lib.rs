//! # perplexed-core
//!
//! Every model, data set and metric that the Perplexed labs animate. Pure Rust with no web
//! crates: it compiles and tests natively, and the page (`perplexed-app`) only calls it.
//!
//! One folder per family, so the tree shows the architecture:
//!
//! | family | what it holds |
//! |---|---|
//! | [`data`] | 2-D generators, features, the three-way split, curves, clustering shapes, tables |
//! | [`nn`] | the Playground's fast MLP on flat buffers, with its SIMD kernels |
//! | [`optim`] | optimizers (SGD … Lion) and 2-D loss surfaces |
//! | [`train`] | the trainer, early stopping, cross-validation, hyperparameter search, the optimizers' fair race |
//! | [`linear`] | polynomial ridge regression, logistic regression (binary and softmax, L2, L-BFGS), ridge regression on tables |
//! | [`neighbors`] | k-nearest neighbours: classifier and regressor, uniform or distance-weighted |
//! | [`tree`] | decision trees (CART), random forests, gradient boosting, and the four-model comparison |
//! | [`cluster`] | k-means, DBSCAN, PCA, the shoppers' segmentation |
//! | [`metrics`] | confusion matrix, R², silhouette, adjusted Rand index |
//! | [`cnn`] | convolution by hand (named kernels, padding, stride, pooling), a small CNN on 8×8 digits, its trainer and a dense baseline |
//! | [`sequence`] | recurrent networks (RNN, GRU, LSTM) on seeded tasks: forecasting, recall after a delay, counting, text; the gradient through time |
//! | [`attention`] | a tiny transformer on seeded question-and-slots tasks (copy, reverse, sort, brackets, lookup); attention matrices and scores per head |
//! | [`diffusion`] | diffusion models on 2-D point clouds: noise schedules, a noise predictor on the tensor engine with a time embedding and optional class, DDPM and DDIM sampling with classifier-free guidance, the energy distance |
//! | [`gan`] | generative adversarial networks on 2-D point clouds: a generator and a discriminator on the tensor engine, the non-saturating and minimax losses, D's heatmap, the generator's arrows and warped latent grid, mode coverage |
//! | [`embedding`] | word2vec (skip-gram and CBOW with negative sampling) on a generated English or Hebrew corpus or pasted text; neighbours, analogies, a 2-D projection |
//! | [`language`] | the language lab: a BPE tokenizer (character level, identical to Hugging Face `tokenizers`), the small-world corpus in English and Hebrew, an n-gram baseline, a tiny transformer as a language model, sampling, prompts measured |
//! | [`rl`] | reinforcement learning in a gridworld: the world as a Markov decision process, dynamic programming (policy evaluation, improvement, value iteration), Q-learning / SARSA / Expected SARSA with eligibility traces and Dyna-Q, a multi-armed bandit |
//! | [`table`] | the data lab's real tables: CSV/TSV read a slice of rows at a time with structured errors, typed columns (numeric or categorical, inferred and overridable), per-column profiles and the correlation matrix, preparation (missing values, standardisation, one-hot) fitted on the training rows only |
//! | [`tensor`] | a differentiable engine: tensors, a tape, operations with forward and backward side by side, layers |
//! | [`workflow`] | the data lab's workflow on a prepared table: random, stratified and shifted splits, k folds, six models fitted a step at a time, evaluation, permutation importance, the leakage demonstration |
//!
//! Beside the families: [`rng`] (the seeded generator), [`error`] (`ParamError`),
//! [`fingerprint`] (every family's seeded run hashed, compared natively and in WebAssembly), [`shared`]
//! (helpers several families use: `slug_enum!`, point checks, grid geometry) and [`stepping`]
//! (the one contract every animated model offers the page, and the row pass that spreads a
//! heatmap over frames).
//!
//! Conventions that hold across the crate:
//! - numbers live in flat `f32` buffers with explicit shapes (row-major, one sample per row);
//! - randomness comes from an explicit, seeded [`rng::Rng`] — never a global — so the same
//!   seed and settings give a bit-identical run;
//! - invalid settings are an `Err(ParamError)` whose message a learner can read;
//! - a diverging run reports "diverged" instead of propagating NaN.

pub mod error;
pub mod fingerprint;
pub mod rng;
pub mod shared;
pub mod stepping;

pub mod attention;
pub mod cluster;
pub mod cnn;
pub mod data;
pub mod diffusion;
pub mod embedding;
pub mod gan;
pub mod language;
pub mod linear;
pub mod metrics;
pub mod neighbors;
pub mod nn;
pub mod optim;
pub mod rl;
pub mod sequence;
pub mod table;
pub mod tensor;
pub mod train;
pub mod tree;
pub mod workflow;

pub use error::ParamError;
