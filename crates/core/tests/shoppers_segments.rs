//! The shoppers table: its recipe, that k-means finds the hidden segments again, what PCA
//! shows of it, and the structured description of a cluster.

use perplexed_core::cluster::kmeans::{fit_best, Init, KMeansParams};
use perplexed_core::cluster::pca::{Pca, Standardiser};
use perplexed_core::data::shoppers::{describe, describe_standardised, level_of, profile_clusters, shoppers, Level, COLUMNS, N_COLUMNS, ROWS, SEGMENTS};
use perplexed_core::metrics::agreement::{adjusted_rand_index, purity};

fn standardised() -> (perplexed_core::data::shoppers::Shoppers, Standardiser, Vec<f32>) {
    let t = shoppers();
    let s = Standardiser::fit(&t.values, N_COLUMNS).unwrap();
    let mut z = Vec::new();
    s.transform(&t.values, &mut z);
    (t, s, z)
}

#[test]
fn shoppers_table_follows_its_recipe() {
    let t = shoppers();
    assert_eq!(t, shoppers(), "the table is deterministic");
    assert_eq!(t.rows(), ROWS);
    assert_eq!(t.values.len(), ROWS * N_COLUMNS);
    assert_eq!(SEGMENTS.iter().map(|s| s.size).sum::<usize>(), ROWS);
    for (s, recipe) in SEGMENTS.iter().enumerate() {
        assert_eq!(t.segment.iter().filter(|&&g| g == s).count(), recipe.size, "{}", recipe.slug);
    }
    // Shuffled: the first 60 rows are not all segment 0.
    assert!(t.segment[..60].iter().any(|&g| g != 0));
    // Slugs are unique and stable.
    let slugs: Vec<&str> = COLUMNS.iter().map(|c| c.slug).collect();
    assert_eq!(slugs, ["age", "yearly_spend", "visits_per_month", "basket_value", "online_share", "promo_share"]);
    for i in 0..ROWS {
        let r = t.row(i);
        for (v, c) in r.iter().zip(&COLUMNS) {
            let scaled = v * 10f32.powi(i32::from(c.decimals));
            assert!(
                (scaled - scaled.round()).abs() < 1e-3,
                "row {i} {}: {v} not rounded to {} decimals",
                c.slug,
                c.decimals
            );
        }
        assert!((18.0..=90.0).contains(&r[0]) && (0.3..=40.0).contains(&r[2]) && (15.0..=5000.0).contains(&r[3]));
        assert!((0.0..=100.0).contains(&r[4]) && (0.0..=100.0).contains(&r[5]));
        // Spend = 12·visits·basket·e^{0.1·N}: inside the 4σ band e^{±0.4} ≈ [0.67, 1.49].
        let ratio = r[1] / (12.0 * r[2] * r[3]);
        assert!((0.67..=1.5).contains(&ratio), "row {i}: spend {} vs visits·basket", r[1]);
    }
    assert!(t.row(ROWS).is_empty() && t.column(N_COLUMNS).is_empty());
    // Golden rows: the table is part of the page's content (texts may quote it), so a change
    // of the recipe, the seed or the generator must be deliberate.
    assert_eq!(t.row(0), &[71.0, 16279.0, 16.4, 77.0, 0.0, 17.0]);
    assert_eq!(t.row(2), &[31.0, 11542.0, 7.2, 135.0, 72.0, 51.0]);
    assert_eq!(&t.segment[..3], &[3, 3, 0]);
    assert_eq!(t.column(0)[3], t.row(3)[0]);
}

#[test]
fn shoppers_kmeans_with_the_true_k_recovers_the_segments() {
    let (t, _, z) = standardised();
    for seed in 0..5 {
        let p = KMeansParams { k: SEGMENTS.len(), init: Init::PlusPlus, n_init: 10, max_iter: 300, seed };
        let fit = fit_best(&z, N_COLUMNS, &p).unwrap();
        let labels = fit.best.labels().unwrap();
        let ari = adjusted_rand_index(&t.segment, labels).unwrap();
        let pur = purity(&t.segment, labels).unwrap();
        assert!(ari >= 0.9 && pur >= 0.95, "seed {seed}: ARI {ari}, purity {pur}");
    }
    // Without restarts a single random start can end in a poor local minimum; at least one of
    // these seeds does, which is the lab's argument for restarts.
    let worst = (0..8)
        .map(|seed| {
            let p = KMeansParams { k: 4, init: Init::Random, n_init: 1, max_iter: 300, seed };
            let fit = fit_best(&z, N_COLUMNS, &p).unwrap();
            adjusted_rand_index(&t.segment, fit.best.labels().unwrap()).unwrap()
        })
        .fold(1.0f64, f64::min);
    assert!(worst < 0.9, "every single random start found the segments (worst ARI {worst})");
}

#[test]
fn shoppers_pca_two_components_carry_most_of_the_standardised_spread() {
    let t = shoppers();
    let p = Pca::fit(&t.values, N_COLUMNS, true).unwrap();
    let two = p.cumulative_ratio(2);
    // Measured 0.821 (0.480 + 0.341): stated as at least 75 %.
    assert!(two >= 0.75, "first two components explain {two}");
    assert!(p.cumulative_ratio(N_COLUMNS) > 0.999_999);
    // Without scaling, yearly spend (std ≈ ₪12,000) swamps every other column: one component
    // is almost all of the "variance", and it is essentially the spend axis.
    let raw = Pca::fit(&t.values, N_COLUMNS, false).unwrap();
    assert!(raw.explained_variance_ratio()[0] > 0.99);
    assert!(raw.component(0)[1] > 0.99, "first raw component {:?}", raw.component(0));
}

#[test]
fn shoppers_segment_profiles_say_what_the_recipe_says() {
    let t = shoppers();
    let profiles = profile_clusters(&t.values, N_COLUMNS, &t.segment).unwrap();
    assert_eq!(profiles.len(), 4);
    let level = |seg: usize, slug: &str| {
        let j = COLUMNS.iter().position(|c| c.slug == slug).unwrap();
        profiles[seg].traits[j].level
    };
    // Recipe: young online bargain hunters are young, online, on promotion.
    assert!(matches!(level(0, "age"), Level::Lower | Level::MuchLower));
    assert!(matches!(level(0, "online_share"), Level::Higher | Level::MuchHigher));
    assert!(matches!(level(0, "promo_share"), Level::Higher | Level::MuchHigher));
    // Families: big yearly spend.
    assert!(matches!(level(1, "yearly_spend"), Level::Higher | Level::MuchHigher));
    // Rare big spenders: huge baskets, few visits, hardly any promotions.
    assert_eq!(level(2, "basket_value"), Level::MuchHigher);
    assert!(matches!(level(2, "visits_per_month"), Level::Lower | Level::MuchLower));
    assert!(matches!(level(2, "promo_share"), Level::Lower | Level::MuchLower));
    // Daily top-up regulars: old, in the shop all the time, small baskets, offline.
    assert!(matches!(level(3, "age"), Level::Higher | Level::MuchHigher));
    assert_eq!(level(3, "visits_per_month"), Level::MuchHigher);
    assert!(matches!(level(3, "online_share"), Level::Lower | Level::MuchLower));
    // Most distinctive first: for the big spenders it is the basket.
    assert_eq!(COLUMNS[profiles[2].distinctive()[0].column].slug, "basket_value");
    let shares: f32 = profiles.iter().map(|p| p.share).sum();
    assert!((shares - 1.0).abs() < 1e-6);
    assert_eq!(profiles[2].size, 35);
}

#[test]
fn shoppers_describe_standardised_and_raw_centroids_agree() {
    let (t, s, z) = standardised();
    let fit = fit_best(&z, N_COLUMNS, &KMeansParams { k: 4, ..KMeansParams::default() }).unwrap();
    let km = &fit.best;
    for c in 0..4 {
        let from_z = describe_standardised(km.centroid(c), &s).unwrap();
        let mut raw = Vec::new();
        s.inverse_transform(km.centroid(c), &mut raw);
        let from_raw = describe(&raw, &s).unwrap();
        for (a, b) in from_z.iter().zip(&from_raw) {
            assert_eq!(a.column, b.column);
            assert!((a.z - b.z).abs() < 1e-4 && (a.value - b.value).abs() <= 1e-4 * a.value.abs().max(1.0));
            assert_eq!(a.level, b.level);
        }
    }
    // The profile of k-means' own clusters says the same as its centroids.
    let prof = profile_clusters(&t.values, N_COLUMNS, km.labels().unwrap()).unwrap();
    for (c, profile) in prof.iter().enumerate() {
        let from_z = describe_standardised(km.centroid(c), &s).unwrap();
        for (a, b) in from_z.iter().zip(&profile.traits) {
            assert!((a.z - b.z).abs() < 1e-4, "cluster {c} column {}: {} vs {}", a.column, a.z, b.z);
        }
    }
}

#[test]
fn shoppers_levels_and_errors() {
    // Thresholds: |z| < 0.5 typical, from 0.5 higher/lower, from 1.5 much.
    assert_eq!(level_of(0.0), Level::Typical);
    assert_eq!(level_of(0.49), Level::Typical);
    assert_eq!(level_of(-0.49), Level::Typical);
    assert_eq!(level_of(0.5), Level::Higher);
    assert_eq!(level_of(-0.5), Level::Lower);
    assert_eq!(level_of(1.49), Level::Higher);
    assert_eq!(level_of(1.5), Level::MuchHigher);
    assert_eq!(level_of(-3.0), Level::MuchLower);
    assert_eq!(level_of(f32::NAN), Level::Typical);
    assert_eq!(Level::from_slug("much_higher"), Some(Level::MuchHigher));

    let (t, s, _) = standardised();
    assert_eq!(describe(&[1.0, 2.0], &s).unwrap_err().field, "centroid");
    assert_eq!(describe(&[f32::NAN; N_COLUMNS], &s).unwrap_err().field, "centroid");
    assert_eq!(profile_clusters(&t.values, N_COLUMNS, &t.segment[1..]).unwrap_err().field, "labels");
    let mut huge = t.segment.clone();
    huge[0] = usize::MAX;
    assert_eq!(profile_clusters(&t.values, N_COLUMNS, &huge).unwrap_err().field, "labels");
    assert_eq!(profile_clusters(&[], N_COLUMNS, &[]).unwrap_err().field, "points");
    // An empty cluster (label 2 unused) has size 0 and no traits.
    let labels: Vec<usize> = (0..ROWS).map(|i| if i % 2 == 0 { 0 } else { 3 }).collect();
    let p = profile_clusters(&t.values, N_COLUMNS, &labels).unwrap();
    assert_eq!(p.len(), 4);
    assert_eq!((p[2].size, p[2].traits.len()), (0, 0));
}
