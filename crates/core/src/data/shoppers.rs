//! # Shoppers: a small customer table with hidden segments
//!
//! The Clustering lab's "real-world" example: 200 customers of a supermarket chain, six
//! numbers each, drawn from four hidden **segments**. k-means on the standardised table should
//! find the segments again, and [`profile_clusters`] turns a found cluster into structured
//! words ("much older than average, visits far more often, small baskets…") that the page
//! phrases in English and Hebrew.
//!
//! ## Columns
//!
//! Each column has a stable slug (for translation tables) and a unit slug:
//!
//! | # | slug | unit | meaning |
//! |---|---|---|---|
//! | 0 | `age` | `years` | age of the customer |
//! | 1 | `yearly_spend` | `ils_per_year` | money spent in a year, in shekels |
//! | 2 | `visits_per_month` | `visits_per_month` | shopping trips per month |
//! | 3 | `basket_value` | `ils` | average spend per trip, in shekels |
//! | 4 | `online_share` | `percent` | share of orders placed online |
//! | 5 | `promo_share` | `percent` | share of items bought on promotion |
//!
//! ## The recipe (fixed seed [`SHOPPERS_SEED`], stream `DATA`)
//!
//! 1. The 200 segment labels (60, 55, 35 and 50 of segments 0–3) are shuffled (Fisher–Yates),
//!    so the table is not sorted by segment.
//! 2. For every row in order, age, visits, basket value, online share and promo share are drawn
//!    from independent normals `mean + std·N(0, 1)` with the segment's parameters:
//!
//!    | segment | age | visits/month | basket ₪ | online % | promo % |
//!    |---|---|---|---|---|---|
//!    | 0 `young_online_bargain_hunters` | 26 ± 4 | 6 ± 1.5 | 110 ± 30 | 75 ± 10 | 55 ± 10 |
//!    | 1 `families_weekly_shop` | 41 ± 6 | 4.5 ± 1 | 650 ± 120 | 30 ± 12 | 30 ± 8 |
//!    | 2 `rare_big_spenders` | 55 ± 9 | 1.2 ± 0.4 | 1200 ± 250 | 15 ± 8 | 8 ± 4 |
//!    | 3 `daily_top_up_regulars` | 68 ± 7 | 18 ± 4 | 55 ± 18 | 5 ± 4 | 20 ± 8 |
//!
//! 3. Yearly spend is *derived*, as in a real shop: `12 · visits · basket · e^{0.1·N(0,1)}`
//!    (±10 % of multiplicative noise). It is therefore correlated with the other columns,
//!    which is what makes PCA worthwhile here.
//! 4. Values are clamped to plausible ranges (age 18–90, visits 0.3–40, basket ₪15–5,000,
//!    shares 0–100 %) and rounded as a shop would print them: age, shekels and percentages to
//!    whole numbers, visits to one decimal ([`Column::decimals`]).
//!
//! ## Describing a cluster
//!
//! A cluster is described column by column by its mean in the original units and its
//! **z-score** against the whole table, `z = (cluster mean − table mean) / table std`
//! (`ddof = 0`, as [`Standardiser`]). The z-score is put in words by fixed thresholds:
//! `|z| < 0.5` typical, `0.5 ≤ |z| < 1.5` higher / lower, `|z| ≥ 1.5` much higher / much lower.
//! With standardised columns, the k-means centroid *is* the vector of these z-scores.

use crate::cluster::pca::Standardiser;
use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::check_points;
use crate::shared::slug_enum;

/// One column of the table: stable slug, unit slug, and the decimals its values are rounded to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Stable identifier, e.g. `"yearly_spend"` (the page translates it).
    pub slug: &'static str,
    /// Unit identifier, e.g. `"ils_per_year"` (the page translates it).
    pub unit: &'static str,
    /// Decimals the values carry (0 or 1).
    pub decimals: u8,
}

/// The columns, in table order (module docs).
pub const COLUMNS: [Column; 6] = [
    Column { slug: "age", unit: "years", decimals: 0 },
    Column { slug: "yearly_spend", unit: "ils_per_year", decimals: 0 },
    Column { slug: "visits_per_month", unit: "visits_per_month", decimals: 1 },
    Column { slug: "basket_value", unit: "ils", decimals: 0 },
    Column { slug: "online_share", unit: "percent", decimals: 0 },
    Column { slug: "promo_share", unit: "percent", decimals: 0 },
];

/// Number of columns.
pub const N_COLUMNS: usize = COLUMNS.len();
/// Number of customers.
pub const ROWS: usize = 200;
/// The fixed seed of the table (its data stream is `Rng::stream(SHOPPERS_SEED, DATA)`).
pub const SHOPPERS_SEED: u64 = 72_024;

/// How one hidden segment is drawn. Parameters are for the drawn columns in the order age,
/// visits per month, basket value, online share, promo share (yearly spend is derived).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SegmentRecipe {
    /// Stable identifier of the segment (the page translates it).
    pub slug: &'static str,
    /// Number of customers in it.
    pub size: usize,
    /// Means of age, visits, basket, online %, promo %.
    pub mean: [f32; 5],
    /// Standard deviations of the same.
    pub std: [f32; 5],
}

/// The four hidden segments (module docs); sizes add up to [`ROWS`].
pub const SEGMENTS: [SegmentRecipe; 4] = [
    SegmentRecipe {
        slug: "young_online_bargain_hunters",
        size: 60,
        mean: [26.0, 6.0, 110.0, 75.0, 55.0],
        std: [4.0, 1.5, 30.0, 10.0, 10.0],
    },
    SegmentRecipe {
        slug: "families_weekly_shop",
        size: 55,
        mean: [41.0, 4.5, 650.0, 30.0, 30.0],
        std: [6.0, 1.0, 120.0, 12.0, 8.0],
    },
    SegmentRecipe {
        slug: "rare_big_spenders",
        size: 35,
        mean: [55.0, 1.2, 1200.0, 15.0, 8.0],
        std: [9.0, 0.4, 250.0, 8.0, 4.0],
    },
    SegmentRecipe {
        slug: "daily_top_up_regulars",
        size: 50,
        mean: [68.0, 18.0, 55.0, 5.0, 20.0],
        std: [7.0, 4.0, 18.0, 4.0, 8.0],
    },
];

/// The customer table.
#[derive(Debug, Clone, PartialEq)]
pub struct Shoppers {
    /// `ROWS × N_COLUMNS` values, row-major, in the units of [`COLUMNS`].
    pub values: Vec<f32>,
    /// The hidden segment of every row (index into [`SEGMENTS`]).
    pub segment: Vec<usize>,
}

impl Shoppers {
    /// Number of customers.
    pub fn rows(&self) -> usize {
        self.segment.len()
    }

    /// Row `i` (an empty slice past the end).
    pub fn row(&self, i: usize) -> &[f32] {
        self.values.get(i * N_COLUMNS..(i + 1) * N_COLUMNS).unwrap_or(&[])
    }

    /// All values of column `j` (empty for `j ≥ N_COLUMNS`).
    pub fn column(&self, j: usize) -> Vec<f32> {
        if j >= N_COLUMNS {
            return Vec::new();
        }
        self.values.chunks_exact(N_COLUMNS).map(|r| r[j]).collect()
    }
}

fn round_to(v: f32, decimals: u8) -> f32 {
    let f = 10f32.powi(i32::from(decimals));
    (v * f).round() / f
}

/// Builds the table by the recipe in the module docs. Deterministic: every call returns the
/// same 200 rows.
pub fn shoppers() -> Shoppers {
    let mut rng = Rng::stream(SHOPPERS_SEED, streams::DATA);
    let mut segment: Vec<usize> =
        SEGMENTS.iter().enumerate().flat_map(|(s, r)| std::iter::repeat_n(s, r.size)).collect();
    rng.shuffle(&mut segment);
    let mut values = Vec::with_capacity(segment.len() * N_COLUMNS);
    for &s in &segment {
        let r = &SEGMENTS[s];
        let mut draw = |j: usize| r.mean[j] + r.std[j] * rng.normal();
        let age = draw(0).clamp(18.0, 90.0);
        let visits = draw(1).clamp(0.3, 40.0);
        let basket = draw(2).clamp(15.0, 5000.0);
        let online = draw(3).clamp(0.0, 100.0);
        let promo = draw(4).clamp(0.0, 100.0);
        let visits = round_to(visits, COLUMNS[2].decimals);
        let basket = round_to(basket, COLUMNS[3].decimals);
        // exp in f64 (the engine's, the same bits everywhere), rounded once.
        let noise = crate::tensor::math::exp64(0.1 * f64::from(rng.normal())) as f32;
        let spend = 12.0 * visits * basket * noise;
        let row = [age, spend, visits, basket, online, promo];
        for (v, c) in row.iter().zip(&COLUMNS) {
            values.push(round_to(*v, c.decimals));
        }
    }
    Shoppers { values, segment }
}

slug_enum! {
    /// A z-score in words (thresholds [`TYPICAL_Z`] and [`MUCH_Z`]).
    pub enum Level {
        /// `z ≤ −1.5`.
        MuchLower => "much_lower",
        /// `−1.5 < z ≤ −0.5`.
        Lower => "lower",
        /// `|z| < 0.5`.
        Typical => "typical",
        /// `0.5 ≤ z < 1.5`.
        Higher => "higher",
        /// `z ≥ 1.5`.
        MuchHigher => "much_higher",
    }
}

/// Below this `|z|` a value is typical (half a standard deviation from the mean).
pub const TYPICAL_Z: f32 = 0.5;
/// From this `|z|` on a value is much higher / lower.
pub const MUCH_Z: f32 = 1.5;

/// The [`Level`] of a z-score; NaN is `Typical` (nothing to say).
pub fn level_of(z: f32) -> Level {
    let a = z.abs();
    if a.is_nan() || a < TYPICAL_Z {
        Level::Typical
    } else if z > 0.0 {
        if a >= MUCH_Z {
            Level::MuchHigher
        } else {
            Level::Higher
        }
    } else if a >= MUCH_Z {
        Level::MuchLower
    } else {
        Level::Lower
    }
}

/// One column of a cluster's description.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trait {
    /// Column index (for the shoppers table, into [`COLUMNS`]).
    pub column: usize,
    /// The cluster's value (mean), in the column's original units.
    pub value: f32,
    /// Its z-score against the whole table.
    pub z: f32,
    /// The z-score in words.
    pub level: Level,
}

/// One column per feature of a centroid given in **original units**, compared with the table
/// statistics of `scaler` (module docs). Errors: `"centroid"` when its length differs from
/// the scaler's features or a value is not finite.
pub fn describe(centroid: &[f32], scaler: &Standardiser) -> Result<Vec<Trait>, ParamError> {
    check_centroid(centroid, scaler)?;
    Ok(centroid
        .iter()
        .enumerate()
        .map(|(j, &v)| {
            let z = ((f64::from(v) - scaler.mean()[j]) / scaler.std()[j]) as f32;
            Trait { column: j, value: v, z, level: level_of(z) }
        })
        .collect())
}

/// As [`describe`] for a centroid in **standardised** units (what k-means on the
/// standardised table returns): the z-scores are the centroid itself, the values
/// `mean + z·std`.
pub fn describe_standardised(centroid_z: &[f32], scaler: &Standardiser) -> Result<Vec<Trait>, ParamError> {
    check_centroid(centroid_z, scaler)?;
    Ok(centroid_z
        .iter()
        .enumerate()
        .map(|(j, &z)| {
            let value = (scaler.mean()[j] + f64::from(z) * scaler.std()[j]) as f32;
            Trait { column: j, value, z, level: level_of(z) }
        })
        .collect())
}

fn check_centroid(c: &[f32], scaler: &Standardiser) -> Result<(), ParamError> {
    if c.len() != scaler.n_features() {
        return Err(ParamError::length_mismatch("centroid", scaler.n_features(), c.len()));
    }
    if c.iter().any(|v| !v.is_finite()) {
        return Err(ParamError::not_finite("centroid", c.iter().copied().find(|v| !v.is_finite()).map_or(f64::NAN, f64::from)));
    }
    Ok(())
}

/// A found cluster in words.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentProfile {
    /// The cluster's label.
    pub cluster: usize,
    /// Its number of points.
    pub size: usize,
    /// Its share of all points.
    pub share: f32,
    /// One trait per column, in column order (empty for an empty cluster).
    pub traits: Vec<Trait>,
}

impl SegmentProfile {
    /// The non-typical traits, largest `|z|` first (column order on a tie): what sets the
    /// cluster apart, in the order to say it.
    pub fn distinctive(&self) -> Vec<Trait> {
        let mut t: Vec<Trait> = self.traits.iter().copied().filter(|t| t.level != Level::Typical).collect();
        t.sort_by(|a, b| b.z.abs().total_cmp(&a.z.abs()));
        t
    }
}

/// Profiles every cluster `0..=max(labels)` of a table `x` (original units, rows of
/// `n_features`): its size, share, and per column the cluster mean against the table's mean
/// and standard deviation. Works for any labelling (k-means on raw or standardised columns,
/// the hidden segments themselves).
///
/// Errors: the data checks of [`Standardiser::fit`]; `"labels"` when their number differs
/// from the rows or a label is not below the number of rows.
pub fn profile_clusters(x: &[f32], n_features: usize, labels: &[usize]) -> Result<Vec<SegmentProfile>, ParamError> {
    let n = check_points(x, n_features)?;
    if labels.len() != n {
        return Err(ParamError::length_mismatch("labels", n, labels.len()));
    }
    // Labels index the profiles: a label ≥ n would ask for more (empty) clusters than points.
    if let Some(&big) = labels.iter().find(|&&l| l >= n) {
        return Err(ParamError::out_of_range("labels", 0.0, n.saturating_sub(1) as f64, big as f64));
    }
    let scaler = Standardiser::fit(x, n_features)?;
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    let mut sums = vec![0.0f64; k * n_features];
    let mut sizes = vec![0usize; k];
    for (row, &l) in x.chunks_exact(n_features).zip(labels) {
        sizes[l] += 1;
        for (s, &v) in sums[l * n_features..(l + 1) * n_features].iter_mut().zip(row) {
            *s += f64::from(v);
        }
    }
    (0..k)
        .map(|c| {
            let traits = if sizes[c] == 0 {
                Vec::new()
            } else {
                let centroid: Vec<f32> =
                    sums[c * n_features..(c + 1) * n_features].iter().map(|s| (s / sizes[c] as f64) as f32).collect();
                describe(&centroid, &scaler)?
            };
            Ok(SegmentProfile { cluster: c, size: sizes[c], share: (sizes[c] as f64 / n as f64) as f32, traits })
        })
        .collect()
}
