//! # The three-way split: train, validation, test
//!
//! are training points, the next `round(n·val/100)` validation, the rest test. Because it
//! is a ranking and not a coin flip per point, moving a slider by one percent changes the role
//! of only the ~1 % of points at a boundary, and the page can animate exactly those.


use crate::error::ParamError;

/// The part of the split a point belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Used to compute gradients.
    Train,
    /// Watched during training (early stopping, model choice).
    Validation,
    /// Held out until the end.
    Test,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Self; 3] = [Role::Train, Role::Validation, Role::Test];

    /// URL / UI slug: "train", "val", "test".
    pub fn slug(self) -> &'static str {
        match self {
            Role::Train => "train",
            Role::Validation => "val",
            Role::Test => "test",
        }
    }

    /// Inverse of [`slug`](Self::slug); `None` for an unknown slug.
    pub fn from_slug(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.slug() == s)
    }
}

/// A train / validation / test split of `n` points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// Role of every point, indexed like the data set.
    pub roles: Vec<Role>,
    /// Indices of training points, ascending.
    pub train: Vec<usize>,
    /// Indices of validation points, ascending.
    pub val: Vec<usize>,
    /// Indices of test points, ascending.
    pub test: Vec<usize>,
}

/// `round(n·pct/100)` with halves rounded up, in integers so no float can misround it.
fn round_pct(n: usize, pct: u32) -> usize {
    ((n as u64 * pct as u64 * 2 + 100) / 200) as usize
}

impl Split {
    /// train_pct in 1..=100, val_pct in 0..=100-train_pct; test gets the rest.
    /// Points are ranked by split_keys (ties by index); the first round(n*train/100) are train, the next
    /// round(n*val/100) validation, the rest test; train ≥ 1 point when n ≥ 1.  Index lists ascending.
    /// Because it is a ranking, moving a slider changes the role of only the points at the boundary
    /// (the page animates exactly those), and adding one point changes at most a couple of roles.
    ///
    /// Rounding is half-up. Two clamps keep the counts possible: train is at least 1 (when
    /// n ≥ 1), and validation is cut to `n − train` when the two roundings together overshoot
    /// (e.g. n = 10, 45 % + 55 % → 5 + 6 > 10 becomes 5 + 5). Keys are compared with
    /// `f32::total_cmp`, so even NaN keys give a valid split. Errors: field `"train"` or `"val"`.
    pub fn new(keys: &[f32], train_pct: u32, val_pct: u32) -> Result<Split, ParamError> {
        if !(1..=100).contains(&train_pct) {
            return Err(ParamError::out_of_range("train", 1.0, 100.0, train_pct.into()));
        }
        if val_pct > 100 - train_pct {
            return Err(ParamError::out_of_range("val", 0.0, (100 - train_pct).into(), val_pct.into()));
        }
        let n = keys.len();
        let n_train = if n == 0 { 0 } else { round_pct(n, train_pct).max(1) };
        let n_val = round_pct(n, val_pct).min(n - n_train);

        // Stable sort by key: equal keys keep index order, which is the tie rule.
        let order = crate::shared::sorted_order(n, &|a, b| keys[a].total_cmp(&keys[b]));

        let mut roles = vec![Role::Test; n];
        for (rank, &i) in order.iter().enumerate() {
            roles[i] = if rank < n_train {
                Role::Train
            } else if rank < n_train + n_val {
                Role::Validation
            } else {
                Role::Test
            };
        }
        let mut split = Split {
            train: Vec::with_capacity(n_train),
            val: Vec::with_capacity(n_val),
            test: Vec::with_capacity(n - n_train - n_val),
            roles,
        };
        // Walking indices in order makes every list ascending without another sort.
        for (i, r) in split.roles.iter().enumerate() {
            match r {
                Role::Train => split.train.push(i),
                Role::Validation => split.val.push(i),
                Role::Test => split.test.push(i),
            }
        }
        Ok(split)
    }

    /// Every one of `n` points a training point.
    pub fn all_train(n: usize) -> Split {
        Split { roles: vec![Role::Train; n], train: (0..n).collect(), val: Vec::new(), test: Vec::new() }
    }

    /// The split [`Split::new`] makes, or, should it refuse the shares, every point a training
    /// point: a page that validated its shares already still always has a split to show.
    pub fn new_or_all_train(keys: &[f32], train_pct: u32, val_pct: u32) -> Split {
        Split::new(keys, train_pct, val_pct).unwrap_or_else(|_| Split::all_train(keys.len()))
    }

    /// `(train, validation, test)` point counts.
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.train.len(), self.val.len(), self.test.len())
    }
}
