//! The trainer's contract: validation, batch clamping, learning-rate changes, the grid layout
//! and display scales, neuron maps, metrics and confusion matrices, and allocation-free epochs.

use perplexed_core::error::ErrorKind;
use perplexed_core::data::dataset::{generate, DataParams, DatasetKind};
use perplexed_core::data::features::Feature;
use perplexed_core::data::split::{Role, Split};
use perplexed_core::nn::activation::Activation;
use perplexed_core::nn::loss::{Head, Loss, Regularization};
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::train::trainer::{EpochOutcome, TrainConfig, Trainer};

#[path = "common/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::allocations;

fn cfg(loss: Loss) -> TrainConfig {
    TrainConfig {
        features: vec![Feature::X1, Feature::X2],
        hidden: vec![4, 3],
        activation: Activation::Tanh,
        loss,
        optimizer: OptimizerKind::Sgd,
        lr: 0.03,
        batch: 10,
        reg: Regularization::None,
        reg_rate: 0.0,
        seed: 1,
    }
}

fn data(kind: DatasetKind) -> perplexed_core::data::dataset::Dataset {
    generate(&DataParams { kind, points: 100, noise: 0.0, seed: 2 }).unwrap()
}

#[test]
fn train_outcome_slugs() {
    assert_eq!(EpochOutcome::ALL.map(|o| o.slug()), ["trained", "diverged"]);
    assert_eq!(EpochOutcome::from_slug("diverged"), Some(EpochOutcome::Diverged));
}

#[test]
fn train_rejects_bad_settings_with_the_right_field() {
    let d = data(DatasetKind::Circle);
    let split = Split::new(&d.split_keys, 70, 15).unwrap();
    let field = |c: TrainConfig| Trainer::new(&d, &split, &c).unwrap_err().field;
    assert_eq!(field(TrainConfig { features: vec![], ..cfg(Loss::Mse) }), "features");
    assert_eq!(field(TrainConfig { hidden: vec![300], ..cfg(Loss::Mse) }), "neurons");
    assert_eq!(field(TrainConfig { hidden: vec![2; 9], ..cfg(Loss::Mse) }), "layers");
    assert_eq!(field(TrainConfig { lr: 0.0, ..cfg(Loss::Mse) }), "lr");
    assert_eq!(field(TrainConfig { lr: 11.0, ..cfg(Loss::Mse) }), "lr");
    assert_eq!(field(TrainConfig { reg_rate: 10.5, ..cfg(Loss::Mse) }), "reg_rate");
    assert_eq!(field(TrainConfig { reg_rate: f32::NAN, ..cfg(Loss::Mse) }), "reg_rate");

    let plane = data(DatasetKind::Plane);
    let psplit = Split::new(&plane.split_keys, 70, 15).unwrap();
    let e = Trainer::new(&plane, &psplit, &cfg(Loss::CrossEntropy)).unwrap_err();
    assert_eq!((e.field, &e.kind), ("loss", &ErrorKind::Unsupported));

    // A split of another data set, and a split without training points.
    let other = Split::new(&d.split_keys[..50], 70, 15).unwrap();
    assert_eq!(Trainer::new(&d, &other, &cfg(Loss::Mse)).unwrap_err().field, "split");
    let none = Split { roles: vec![Role::Test; 100], train: vec![], val: vec![], test: (0..100).collect() };
    assert_eq!(Trainer::new(&d, &none, &cfg(Loss::Mse)).unwrap_err().field, "train");
}

#[test]
fn train_batch_is_clamped_and_full_batch_is_one_exact_step() {
    let d = data(DatasetKind::Gaussian);
    let split = Split::new(&d.split_keys, 70, 15).unwrap();
    let n_train = split.counts().0;
    assert_eq!(Trainer::new(&d, &split, &TrainConfig { batch: 0, ..cfg(Loss::Mse) }).unwrap().batch_size(), 1);
    let mut full = Trainer::new(&d, &split, &TrainConfig { batch: 1_000_000, ..cfg(Loss::Mse) }).unwrap();
    assert_eq!(full.batch_size(), n_train);

    // Full batch SGD: one epoch = θ − lr·∇L(θ) over every training row (row order only changes
    // the summation order, so equal up to rounding).
    let mut rows = Vec::new();
    let pts: Vec<f32> = split.train.iter().flat_map(|&i| d.point(i)).collect();
    perplexed_core::data::features::featurize(&[Feature::X1, Feature::X2], &pts, &mut rows);
    let targets: Vec<f32> = split.train.iter().map(|&i| d.targets[i]).collect();
    let mut mlp = full.mlp().clone();
    let mut grad = vec![0.0; mlp.param_count()];
    mlp.loss_and_gradient(&rows, &targets, n_train, Regularization::None, 0.0, &mut grad);
    let expected: Vec<f32> = mlp.params().iter().zip(&grad).map(|(p, g)| p - 0.03 * g).collect();
    full.step_epoch();
    for (a, b) in full.mlp().params().iter().zip(&expected) {
        assert!((a - b).abs() < 1e-6, "{a} vs {b}");
    }
}

#[test]
fn train_set_lr_changes_the_rate_without_reset() {
    let d = data(DatasetKind::Xor);
    let split = Split::new(&d.split_keys, 70, 15).unwrap();
    let c = TrainConfig { optimizer: OptimizerKind::Momentum, ..cfg(Loss::Mse) };
    let mut a = Trainer::new(&d, &split, &c).unwrap();
    let mut b = Trainer::new(&d, &split, &c).unwrap();
    for _ in 0..3 {
        a.step_epoch();
        b.step_epoch();
    }
    let before = a.mlp().params().to_vec();
    assert_eq!(a.set_lr(0.0).unwrap_err().field, "lr");
    assert_eq!(a.optimizer().lr(), 0.03, "a rejected value changes nothing");
    a.set_lr(0.03).unwrap(); // same value: must be a no-op for the run
    assert_eq!(a.mlp().params(), &before[..], "no re-initialisation");
    assert_eq!(a.epoch(), 3, "history kept");
    a.step_epoch();
    b.step_epoch();
    assert_eq!(a.mlp().params(), b.mlp().params(), "momentum state survived set_lr");
    a.set_lr(0.3).unwrap();
    assert_eq!((a.optimizer().lr(), a.config().lr), (0.3, 0.3));
    a.step_epoch();
    assert_eq!(a.epoch(), 5);
}

#[test]
fn train_grid_layout_rows_from_the_top_columns_from_the_left() {
    // No hidden layer, linear head: output = w1·x1 + w2·x2 + b, so the grid shows coordinates.
    let d = data(DatasetKind::Plane);
    let split = Split::new(&d.split_keys, 70, 15).unwrap();
    let mut t = Trainer::new(&d, &split, &TrainConfig { hidden: vec![], ..cfg(Loss::Mse) }).unwrap();
    assert_eq!(t.head(), Head::Linear);
    assert_eq!(t.outputs_per_point(), 1);
    let res = 4;
    let mut grid = Vec::new();
    t.mlp_mut().params_mut().copy_from_slice(&[1.0, 0.0, 0.0]); // output = x1
    t.predict_grid(res, &mut grid);
    assert_eq!(grid.len(), res * res);
    // x1 = −6 + 12(c + 0.5)/4 = −4.5, −1.5, 1.5, 4.5 along every row.
    for r in 0..res {
        assert_eq!(&grid[r * res..(r + 1) * res], &[-4.5, -1.5, 1.5, 4.5]);
    }
    t.mlp_mut().params_mut().copy_from_slice(&[0.0, 1.0, 0.0]); // output = x2
    t.predict_grid(res, &mut grid);
    // x2 = 6 − 12(r + 0.5)/4 = 4.5 at the top row, −4.5 at the bottom.
    for (r, want) in [4.5, 1.5, -1.5, -4.5].into_iter().enumerate() {
        assert!(grid[r * res..(r + 1) * res].iter().all(|&v| v == want), "row {r}");
    }
    assert_eq!(t.predict_point(-4.5, 4.5), vec![4.5]);
    assert_eq!(t.predict_point(3.0, -2.0), vec![-2.0]);

    // Neuron maps: layer 0 = the features, last = the output (same as the grid).
    let maps = t.neuron_maps(res);
    assert_eq!(maps.len(), 2);
    assert_eq!(maps[0].len(), 2);
    assert_eq!(maps[0][0][..4], [-4.5, -1.5, 1.5, 4.5]);
    assert_eq!(maps[0][1][..4], [4.5; 4]);
    assert_eq!(maps[1], vec![grid.clone()]);
    // A different resolution re-featurizes the grid.
    t.predict_grid(2, &mut grid);
    assert_eq!(grid, vec![3.0, 3.0, -3.0, -3.0]);
}

#[test]
fn train_grid_scales_per_head() {
    let two = data(DatasetKind::Moons);
    let three = data(DatasetKind::ThreeClass);
    for (d, loss) in [(&two, Loss::Mse), (&two, Loss::CrossEntropy), (&three, Loss::Mse), (&three, Loss::CrossEntropy)] {
        let split = Split::new(&d.split_keys, 70, 15).unwrap();
        let mut t = Trainer::new(d, &split, &cfg(loss)).unwrap();
        for _ in 0..3 {
            t.step_epoch();
        }
        let k = t.outputs_per_point();
        let mut grid = Vec::new();
        t.predict_grid(10, &mut grid);
        assert_eq!(grid.len(), 100 * k);
        let head = t.head();
        match head {
            Head::Tanh | Head::Sigmoid => {
                assert_eq!(k, 1);
                assert!(grid.iter().all(|v| (-1.0..=1.0).contains(v)), "{head:?}: signed score");
            }
            Head::Softmax => {
                for row in grid.chunks(k) {
                    assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-5, "probabilities sum to 1");
                }
            }
            Head::TanhMulti => assert!(grid.iter().all(|v| (0.0..=1.0).contains(v))),
            Head::Linear => unreachable!(),
        }
        // The point query and the output neuron's map agree with the grid at a cell centre.
        let p = t.predict_point(-6.0 + 12.0 * 3.5 / 10.0, 6.0 - 12.0 * 7.5 / 10.0);
        let cell = 7 * 10 + 3;
        for j in 0..k {
            assert!((p[j] - grid[cell * k + j]).abs() < 1e-6);
        }
        let maps = t.neuron_maps(10);
        let out = maps.last().unwrap();
        assert_eq!(out.len(), k);
        assert_eq!(out[0][cell], grid[cell * k]);
        // Binary: the sign of the score is the predicted class; confusion agrees with metrics.
        let cm = t.confusion(Role::Train).unwrap();
        let m = t.metrics(Role::Train);
        assert_eq!(cm.classes, d.classes);
        assert_eq!(cm.total() as usize, m.count);
        assert_eq!(cm.accuracy(), m.accuracy.unwrap());
    }
}

#[test]
fn train_epochs_and_grids_do_not_allocate_after_warm_up() {
    let d = data(DatasetKind::Spiral);
    let split = Split::new(&d.split_keys, 70, 15).unwrap();
    let c = TrainConfig { optimizer: OptimizerKind::Adam, reg: Regularization::L2, reg_rate: 0.001, ..cfg(Loss::CrossEntropy) };
    let mut t = Trainer::new(&d, &split, &c).unwrap();
    let mut grid = Vec::new();
    t.step_epoch();
    t.predict_grid(50, &mut grid);
    let before = allocations();
    for _ in 0..20 {
        assert_eq!(t.step_epoch(), EpochOutcome::Trained);
        t.predict_grid(50, &mut grid);
    }
    assert_eq!(allocations() - before, 0);
}

#[test]
fn a_point_added_by_hand_keeps_the_network_and_its_history() {
    let mut d = data(DatasetKind::Circle);
    let split = Split::new(&d.split_keys, 60, 20).unwrap();
    let mut t = Trainer::new(&d, &split, &cfg(Loss::CrossEntropy)).unwrap();
    for _ in 0..5 {
        t.step_epoch();
    }
    let params = t.mlp().params().to_vec();
    let history = t.history().train_loss.len();
    let before = t.metrics(Role::Train).count + t.metrics(Role::Validation).count + t.metrics(Role::Test).count;
    // A key of 0.0 sorts first, so the new point is certainly a training point.
    d.push(0.5, -0.5, 1.0, 0.0).unwrap();
    let split = Split::new(&d.split_keys, 60, 20).unwrap();
    t.set_data(&d, &split).unwrap();
    // The same network, the same epoch count, one more point in the split.
    assert_eq!(t.mlp().params(), params.as_slice(), "weights untouched");
    assert_eq!(t.epoch(), 5);
    assert_eq!(t.history().train_loss.len(), history);
    let after = t.metrics(Role::Train).count + t.metrics(Role::Validation).count + t.metrics(Role::Test).count;
    assert_eq!(after, before + 1);
    assert_eq!(t.counts(), split.counts());
    // Training goes on from there.
    assert_eq!(t.step_epoch(), EpochOutcome::Trained);
    assert_eq!(t.epoch(), 6);
    assert_ne!(t.mlp().params(), params.as_slice());

    // Another problem's data set is refused and nothing changes.
    let reg = generate(&DataParams { kind: DatasetKind::Plane, points: 100, noise: 0.0, seed: 2 }).unwrap();
    let reg_split = Split::new(&reg.split_keys, 60, 20).unwrap();
    let kept = t.mlp().params().to_vec();
    let err = t.set_data(&reg, &reg_split).unwrap_err();
    assert_eq!(err.field, "classes");
    assert_eq!(t.counts(), split.counts());
    assert_eq!(t.mlp().params(), kept.as_slice());
    // So is a split of another data set.
    assert_eq!(t.set_data(&d, &reg_split).unwrap_err().field, "split");
}
