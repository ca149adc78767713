//! The Clustering lab's settings: what its controls write, its reset, its address.

use perplexed_core::cluster::kmeans::Init;
use perplexed_core::data::dataset::{DOMAIN, MAX_POINTS, MIN_POINTS};
use perplexed_core::data::shapes::{ClusterShape, MAX_CLUSTERS};

use crate::query::{boolean, float_in, int_in, lab_params, seed, short_float, QueryValue};

/// Largest k of the k-means slider (and of the elbow sweep).
pub const K_MAX: usize = 10;
/// Largest number of points a learner can draw (each costs about 12 characters of address).
pub const MAX_DRAWN: usize = 300;
/// Largest number of shopper segments offered.
pub const SHOP_K_MAX: usize = 8;
/// The ε slider moves in steps of 1/20; this many steps.
pub const EPS_STEPS: i64 = 60;
/// Smallest and largest ε accepted (the slider's ends, 1/20 and EPS_STEPS/20).
pub const MIN_EPS: f64 = 0.05;
pub const MAX_EPS: f64 = 3.0;
/// Largest restart number accepted from an address.
pub const MAX_RESTART: u32 = 9999;
/// Largest "points for a dense neighbourhood".
pub const MAX_MIN_PTS: usize = 30;

/// Where the points come from: one of core's shapes, or drawn by the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Shape(ClusterShape),
    Drawn,
}

impl Source {
    /// Every source, in the order the drop-down lists them.
    pub fn all() -> Vec<Source> {
        ClusterShape::ALL.iter().map(|&s| Source::Shape(s)).chain([Source::Drawn]).collect()
    }
    pub fn slug(self) -> &'static str {
        match self {
            Source::Shape(s) => s.slug(),
            Source::Drawn => "drawn",
        }
    }
    pub fn from_slug(s: &str) -> Option<Self> {
        if s == "drawn" {
            Some(Source::Drawn)
        } else {
            ClusterShape::from_slug(s).map(Source::Shape)
        }
    }
}

impl QueryValue for Source {
    fn query_value(&self) -> Option<String> {
        Some(self.slug().to_owned())
    }
}

lab_params! {
    pub struct ClusterParams {
        data: Source = Source::Shape(ClusterShape::Blobs), Source::from_slug;
        /// Points drawn from a shape, `MIN_POINTS..=MAX_POINTS`.
        points: usize = 300, int_in(MIN_POINTS as i64, MAX_POINTS as i64);
        /// Groups of blobs, stretched blobs and rings, `1..=MAX_CLUSTERS`.
        clusters: usize = 3, int_in(1, MAX_CLUSTERS as i64);
        /// Spread of every group, in percent (0–100).
        spread: u32 = 30, int_in(0, 100);
        /// Seed of the data (and of the elbow sweep's starts).
        seed: u32 = 1, seed;
        /// Points the learner placed (used when `data` is `Drawn`; kept while another source is
        /// shown, so switching back finds them again). Coordinates rounded to 0.01.
        drawn("pts"): Vec<[f32; 2]> = Vec::new(), parse_drawn, write write_drawn;
        k: usize = 3, int_in(1, K_MAX as i64);
        init: Init = Init::PlusPlus, Init::from_slug;
        /// Which start of k-means: restart `r` of `seed` (core's `restart_rng`).
        restart: u32 = 0, int_in(0, i64::from(MAX_RESTART));
        /// DBSCAN's ε.
        eps: f32 = 0.6, float_in(MIN_EPS, MAX_EPS);
        /// DBSCAN's points for a dense neighbourhood.
        min_pts: usize = 5, int_in(1, MAX_MIN_PTS as i64);
        /// Draw the principal axes of the points.
        axes: bool = false, boolean;
        /// Shoppers: standardise the columns before PCA and k-means.
        standardise: bool = true, boolean;
        /// Shoppers: number of segments.
        shop_k: usize = 4, int_in(1, SHOP_K_MAX as i64);
    }
}

/// A coordinate as the lab stores it: rounded to hundredths (what the address keeps).
pub fn round_coord(v: f64) -> f32 {
    ((v * 100.0).round() / 100.0).clamp(-(DOMAIN as f64), DOMAIN as f64) as f32
}

/// The ε slider's position for a value, and the value at a position (positions 1..=EPS_STEPS).
pub fn eps_position(eps: f32) -> i64 {
    ((eps * 20.0).round() as i64).clamp(1, EPS_STEPS)
}
pub fn eps_at(position: i64) -> f32 {
    // A correctly rounded division gives the same f32 as parsing "0.6" etc.
    position.clamp(1, EPS_STEPS) as f32 / 20.0
}

fn parse_drawn(s: &str) -> Option<Vec<[f32; 2]>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let values: Vec<f32> = s
        .split(',')
        .map(|v| v.trim().parse::<f32>().ok().filter(|x| x.is_finite() && x.abs() <= DOMAIN))
        .collect::<Option<_>>()?;
    if !values.len().is_multiple_of(2) || values.len() > 2 * MAX_DRAWN {
        return None;
    }
    Some(values.chunks_exact(2).map(|c| [c[0], c[1]]).collect())
}

impl ClusterParams {
    /// The points changed (everything computed from them is redone).
    pub fn data_changed(&self, old: &Self) -> bool {
        if self.data != old.data {
            return true;
        }
        match self.data {
            Source::Drawn => self.drawn != old.drawn,
            Source::Shape(_) => {
                (self.points, self.clusters, self.spread, self.seed) != (old.points, old.clusters, old.spread, old.seed)
            }
        }
    }

}

/// Drawn points as `x,y,x,y…` (left out when there are none).
fn write_drawn(drawn: &[[f32; 2]]) -> Option<String> {
    (!drawn.is_empty()).then(|| drawn.iter().flat_map(|p| [short_float(p[0]), short_float(p[1])]).collect::<Vec<_>>().join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{assert_round_trip, read_query, write_query, LabParams};

    fn read(q: &str) -> (ClusterParams, Vec<String>) {
        read_query(q)
    }

    #[test]
    fn round_trip_keeps_every_setting() {
        let p = ClusterParams {
            data: Source::Drawn,
            points: 1234,
            clusters: 7,
            spread: 85,
            seed: 4_000_000_000,
            drawn: vec![[-1.25, 3.5], [0.01, -6.0], [5.99, 0.0]],
            k: 9,
            init: Init::Random,
            restart: 17,
            eps: eps_at(7),
            min_pts: 12,
            axes: true,
            standardise: false,
            shop_k: 6,
        };
        assert_round_trip(&p);
        // Every ε the slider can produce reads back as itself.
        for pos in 1..=EPS_STEPS {
            let q = ClusterParams { eps: eps_at(pos), ..ClusterParams::default() };
            let (back, _) = read(&write_query(&q.to_query()));
            assert_eq!(back.eps, q.eps, "position {pos}");
            assert_eq!(eps_position(back.eps), pos);
        }
        // The defaults write no point list and read back as the defaults.
        let d = ClusterParams::default();
        assert!(d.to_query().iter().all(|(k, _)| *k != "pts"));
        assert_eq!(read(&write_query(&d.to_query())), (d, vec![]));
    }

    #[test]
    fn every_bad_value_is_rejected_and_its_default_kept() {
        let (p, names) = read(
            "data=spiral&points=5&clusters=9&spread=101&seed=-1&k=11&init=farthest&restart=10000\
             &eps=0&min_pts=0&axes=maybe&standardise=2&shop_k=9",
        );
        assert_eq!(p, ClusterParams::default());
        assert_eq!(
            names,
            ["axes", "clusters", "data", "eps", "init", "k", "min_pts", "points", "restart", "seed", "shop_k", "spread", "standardise"]
        );
        for bad in ["k=0", "k=3.5", "k=", "eps=NaN", "eps=3.5", "eps=inf", "points=2001", "seed=abc", "spread=-5"] {
            let (p, names) = read(bad);
            assert_eq!(p, ClusterParams::default(), "{bad}");
            assert_eq!(names.len(), 1, "{bad}");
        }
    }

    #[test]
    fn drawn_points_are_whole_pairs_inside_the_plane_and_not_too_many() {
        let (p, names) = read("data=drawn&pts=1,2,-3.5,4");
        assert!(names.is_empty());
        assert_eq!(p.data, Source::Drawn);
        assert_eq!(p.drawn, vec![[1.0, 2.0], [-3.5, 4.0]]);
        let (p, names) = read("data=drawn&pts=");
        assert!(names.is_empty() && p.drawn.is_empty());
        let too_many = vec!["1"; 2 * MAX_DRAWN + 2].join(",");
        for bad in ["1,2,3", "1,x", "7,0", "0,-6.5", "1,,2", "NaN,1", too_many.as_str()] {
            let (p, names) = read(&format!("data=drawn&pts={bad}"));
            assert_eq!(names, ["pts"], "{bad}");
            assert!(p.drawn.is_empty(), "{bad}");
            assert_eq!(p.data, Source::Drawn, "the source itself was fine");
        }
        let most = vec!["1"; 2 * MAX_DRAWN].join(",");
        assert_eq!(read(&format!("pts={most}")).0.drawn.len(), MAX_DRAWN);
    }

    #[test]
    fn coordinates_are_rounded_and_kept_in_the_plane() {
        assert_eq!(round_coord(1.23456), 1.23);
        assert_eq!(round_coord(-7.0), -6.0);
        assert_eq!(round_coord(0.005), 0.01);
    }

    #[test]
    fn the_points_change_only_with_what_draws_them() {
        let a = ClusterParams::default();
        assert!(!ClusterParams { k: 7, eps: 1.0, restart: 3, ..a.clone() }.data_changed(&a));
        assert!(ClusterParams { spread: 80, ..a.clone() }.data_changed(&a));
        // Drawn points matter only while they are shown.
        assert!(!ClusterParams { drawn: vec![[1.0, 1.0]], ..a.clone() }.data_changed(&a));
        let drawn = ClusterParams { data: Source::Drawn, ..a.clone() };
        assert!(ClusterParams { drawn: vec![[1.0, 1.0]], ..drawn.clone() }.data_changed(&drawn));
        assert!(!ClusterParams { points: 50, ..drawn.clone() }.data_changed(&drawn));
    }

    #[test]
    fn every_source_has_a_slug_that_reads_back() {
        let all = Source::all();
        assert_eq!(all.len(), ClusterShape::ALL.len() + 1);
        for s in all {
            assert_eq!(Source::from_slug(s.slug()), Some(s));
        }
        assert_eq!(Source::from_slug("spiral"), None);
    }
}
