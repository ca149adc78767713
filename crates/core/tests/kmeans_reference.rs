//! k-means, silhouette and adjusted Rand index against scikit-learn
//! (`fixtures/gen_clustering_reference.py`; NumPy and scikit-learn versions in the JSON).
//!
//! * `KMeans(init=<centres>, n_init=1, algorithm="lloyd", tol=0)` on 2-D blobs, 5-D blobs and
//!   uniform noise, k from 2 to 8, plus a start with one centre far from every point (its
//!   cluster is empty after the first assignment and is re-seeded at the farthest point):
//!   labels and iteration count equal, inertia and centres to rounding.
//! * `silhouette_score` / `silhouette_samples` for six labelings (a singleton cluster, labels
//!   that are not `0..k`).
//! * `adjusted_rand_score` for five pairs.
//!
//! Tolerances. The data are f32 values; scikit-learn computes in f64 with f64 centres, we keep
//! centres as f32 (rounded means: relative error ≤ 6·10⁻⁸ per coordinate), so centres get
//! `1e-6·max(1, |c|)` (about 8 f32 ulps). Inertia is *stationary* at the mean — moving a
//! centre by δ from the mean raises the cluster's sum of squares by only `|C|·δ²` — so rounding
//! the centres changes it at second order: measured ≈ 10⁻¹⁴ relative; `1e-10` relative still
//! catches any real difference. Silhouettes are f32 results of f64 sums: `2e-7` absolute
//! (a few f32 ulps of values ≤ 1). ARI is exact integer pair counting on both sides: `1e-12`.

use perplexed_core::cluster::kmeans::KMeans;
use perplexed_core::metrics::agreement::adjusted_rand_index;
use perplexed_core::metrics::silhouette::{silhouette_samples, silhouette_score};
use serde_json::Value;

fn json() -> Value {
    let v: Value = serde_json::from_str(include_str!("fixtures/clustering_reference.json")).unwrap();
    assert!(v["numpy_version"].as_str().is_some() && v["sklearn_version"].as_str().is_some());
    v
}

fn f32s(v: &Value) -> Vec<f32> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// The stored data set a case names: its rows and features per row.
fn data(j: &Value, case: &Value) -> (Vec<f32>, usize) {
    let set = &j["data"][case["data"].as_str().unwrap()];
    (f32s(&set["x"]), set["n_features"].as_u64().unwrap() as usize)
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect()
}

#[test]
fn kmeans_from_the_same_centres_matches_sklearn_lloyd() {
    let j = json();
    let cases = j["kmeans"].as_array().unwrap();
    assert_eq!(cases.len(), 8);
    let (mut worst_inertia, mut worst_centre) = (0.0f64, 0.0f64);
    let mut saw_reseed = false;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let (x, d) = data(&j, c);
        let init = f32s(&c["init"]);
        let mut km = KMeans::with_centroids(&x, d, &init).unwrap();
        assert!(km.run_to_convergence(300), "{name}: did not converge");
        assert_eq!(km.labels().unwrap(), &usizes(&c["labels"])[..], "{name}: labels");
        assert_eq!(km.iterations() as u64, c["n_iter"].as_u64().unwrap(), "{name}: iterations");
        let want = c["inertia"].as_f64().unwrap();
        let got = km.inertia().unwrap();
        let rel = (got - want).abs() / want;
        assert!(rel <= 1e-10, "{name}: inertia {got}, sklearn {want}");
        worst_inertia = worst_inertia.max(rel);
        for (g, w) in km.centroids().iter().zip(f64s(&c["centers"])) {
            let diff = (f64::from(*g) - w).abs();
            assert!(diff <= 1e-6 * w.abs().max(1.0), "{name}: centre {g} vs {w}");
            worst_centre = worst_centre.max(diff);
        }
        if name.contains("empty cluster") {
            // Replay the start: the far centre (index 3) is re-seeded by the first update.
            let mut again = KMeans::with_centroids(&x, d, &init).unwrap();
            again.assign();
            assert_eq!(again.cluster_sizes()[3], 0);
            again.update();
            assert_eq!(again.reseeded(), &[3]);
            assert_eq!(again.cluster_sizes()[3], 1);
            saw_reseed = true;
        }
    }
    assert!(saw_reseed);
    println!("k-means vs sklearn: inertia max rel. dev. {worst_inertia:.2e}, centres max |dev| {worst_centre:.2e}");
}

#[test]
fn silhouette_matches_sklearn() {
    let j = json();
    let cases = j["silhouette"].as_array().unwrap();
    assert_eq!(cases.len(), 6);
    let (mut worst_score, mut worst_sample) = (0.0f64, 0.0f64);
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let (x, d) = data(&j, c);
        let labels = usizes(&c["labels"]);
        let score = f64::from(silhouette_score(&x, d, &labels).unwrap());
        let want = c["score"].as_f64().unwrap();
        assert!((score - want).abs() <= 2e-7, "{name}: score {score}, sklearn {want}");
        worst_score = worst_score.max((score - want).abs());
        let samples = silhouette_samples(&x, d, &labels).unwrap();
        for (i, (g, w)) in samples.iter().zip(f64s(&c["samples"])).enumerate() {
            let diff = (f64::from(*g) - w).abs();
            assert!(diff <= 2e-7, "{name}: s({i}) = {g}, sklearn {w}");
            worst_sample = worst_sample.max(diff);
        }
        if name.contains("singleton") {
            assert_eq!(samples[17], 0.0, "a point alone in its cluster has silhouette 0");
        }
    }
    println!("silhouette vs sklearn: score max |dev| {worst_score:.2e}, per point max |dev| {worst_sample:.2e}");
}

#[test]
fn adjusted_rand_index_matches_sklearn() {
    let j = json();
    let cases = j["ari"].as_array().unwrap();
    assert_eq!(cases.len(), 5);
    let mut worst = 0.0f64;
    for c in cases {
        let name = c["name"].as_str().unwrap();
        let got = adjusted_rand_index(&usizes(&c["a"]), &usizes(&c["b"])).unwrap();
        let want = c["ari"].as_f64().unwrap();
        assert!((got - want).abs() <= 1e-12, "{name}: {got}, sklearn {want}");
        worst = worst.max((got - want).abs());
    }
    println!("ARI vs sklearn: max |dev| {worst:.2e}");
}
