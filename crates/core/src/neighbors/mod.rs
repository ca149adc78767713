//! # Neighbours: predict from the training points nearest to the question
//!
//! - [`knn`]: k-nearest neighbours, a classifier (vote of the `k` nearest labels) and a
//!   regressor (mean of the `k` nearest targets), uniform or distance-weighted, by brute-force
//!   Euclidean distance — matched prediction for prediction with scikit-learn's
//!   `KNeighborsClassifier` / `KNeighborsRegressor(algorithm="brute")`.
//!
//! k-NN has no training phase: "fitting" stores the table, and every prediction compares the
//! question with every stored row (`O(n_train · n_features)` per row asked). A page predicts a
//! large table a block of rows at a time (every `predict_into` takes any number of whole rows),
//! so the cost spreads over frames.

pub mod knn;
