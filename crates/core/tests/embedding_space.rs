//! The space of word vectors: cosines and neighbours by hand, an analogy whose nearest vector
//! is a question word (excluded, as word2vec's evaluation does), the similarity matrix, and the
//! 2-D projection against the cluster family's exact PCA.

use perplexed_core::cluster::pca::Pca;
use perplexed_core::embedding::corpus::{Question, RelationKind, Text, Vocabulary};
use perplexed_core::embedding::space::Space;
use perplexed_core::rng::Rng;

/// Five words in 2-D: 0 = (1, 0), 1 = (0, 1), 2 = (1, 1), 3 = (−1, 0), 4 = (3, 4).
fn plane() -> Space {
    Space::new(&[1.0, 0.0, 0.0, 1.0, 1.0, 1.0, -1.0, 0.0, 3.0, 4.0], 2)
}

#[test]
fn cosines_and_neighbours_by_hand() {
    let s = plane();
    assert_eq!(s.len(), 5);
    // Unit vectors: (1,1)/√2, (3,4)/5.
    assert!((s.cosine(0, 2) - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    assert_eq!(s.cosine(0, 3), -1.0);
    assert!((s.cosine(0, 4) - 0.6).abs() < 1e-6);
    // Neighbours of word 2 = (1,1)/√2: word 4 (cos = (3 + 4)/(5√2) = 0.98995), then 0 and 1
    // (0.70711 each, the lower id first), then 3 (−0.70711).
    let n = s.nearest(2, 10);
    let ids: Vec<u32> = n.iter().map(|x| x.id).collect();
    assert_eq!(ids, vec![4, 0, 1, 3]);
    assert!((n[0].cosine - 0.989_95).abs() < 1e-5);
    assert_eq!(s.nearest(2, 1).len(), 1);
}

/// `a : b :: c : ?` with a = 0 (1, 0), b = 2 (1, 1), c = 1 (0, 1): `b̂ − â + ĉ` =
/// (0.7071 − 1 + 0, 0.7071 + 1) = (−0.2929, 1.7071), whose nearest word is c itself
/// (cos 0.98560) and then b (cos 0.58578); both are excluded, so the answer is word 4 (3, 4),
/// cos = (−0.2929·3 + 1.7071·4)/(5·1.7320) = 0.68698, ahead of word 3 (−1, 0) at 0.16910.
#[test]
fn analogy_excludes_the_question_words() {
    let s = plane();
    let all = s.nearest_to(&[-0.292_893_2, 1.707_106_8], 5, &[]);
    assert_eq!(all[0].id, 1, "without the rule the answer would be c itself");
    let a = s.analogy(0, 2, 1, 3);
    let ids: Vec<u32> = a.iter().map(|x| x.id).collect();
    assert_eq!(ids, vec![4, 3]);
    assert!((a[0].cosine - 0.686_98).abs() < 1e-4, "{}", a[0].cosine);
    assert!((a[1].cosine - 0.169_10).abs() < 1e-4, "{}", a[1].cosine);
}

#[test]
fn evaluate_counts_right_answers_and_skips_unknown_words() {
    let text = Text::parse("x y z w v x y z w v x y z w v x y z w v x y z w v").unwrap();
    let vocab = Vocabulary::build(&text, 1).unwrap();
    // Vocabulary order x, y, z, w, v (equal counts: first appearance) = the plane's words 0–4.
    let s = plane();
    let q = |a: &str, b: &str, c: &str, d: &str| Question { kind: RelationKind::Gender, a: a.into(), b: b.into(), c: c.into(), expected: d.into() };
    let questions = [q("x", "z", "y", "v"), q("x", "z", "y", "w"), q("x", "z", "nope", "v")];
    let score = s.evaluate(&vocab, &questions);
    assert_eq!((score.correct, score.asked, score.skipped), (1, 2, 1));
    assert_eq!(score.by_relation, vec![(RelationKind::Gender, 1, 2)]);
    assert_eq!(score.accuracy(), 0.5);
    assert_eq!(score.answers[0].map(|n| n.id), Some(4));
    assert_eq!(score.answers[2], None);
}

#[test]
fn the_similarity_matrix_is_symmetric_with_ones_on_the_diagonal() {
    let s = plane();
    let m = s.similarities(&[0, 2, 4]);
    assert_eq!(m.len(), 9);
    for i in 0..3 {
        assert!((m[i * 3 + i] - 1.0).abs() < 1e-6);
        for j in 0..3 {
            assert_eq!(m[i * 3 + j], m[j * 3 + i]);
        }
    }
    // A zero vector has cosine 0 with everything, itself included.
    let z = Space::new(&[0.0, 0.0, 1.0, 0.0], 2);
    assert_eq!(z.similarities(&[0, 1]), vec![0.0, 0.0, 0.0, 1.0]);
}

/// For dimensions the cluster family's exact PCA (Jacobi) accepts, the projection's axes are its
/// first two components (same sign rule) and the variances its first two explained variances.
#[test]
fn the_projection_matches_the_exact_pca() {
    let mut rng = Rng::new(5);
    for (dim, n) in [(2, 5), (8, 40), (32, 60)] {
        // Stretched along a few directions so the two leading eigenvalues are distinct.
        let vectors: Vec<f32> = (0..n * dim).map(|i| rng.normal() * (1.0 + 3.0 / (1 + i % dim) as f32)).collect();
        let s = Space::new(&vectors, dim);
        let ids: Vec<u32> = (0..n as u32).collect();
        let p = s.project(&ids, None).unwrap();
        let units: Vec<f32> = ids.iter().flat_map(|&i| s.unit(i).to_vec()).collect();
        let pca = Pca::fit(&units, dim, false).unwrap();
        for k in 0..2 {
            let cos: f64 = (0..dim).map(|j| p.axes[k * dim + j] * pca.component(k)[j]).sum();
            assert!((cos - 1.0).abs() < 1e-6, "dim {dim}, axis {k}: cos {cos}");
            let ev = pca.explained_variance()[k];
            assert!((p.variance[k] - ev).abs() < 1e-8 * ev.max(1.0), "dim {dim}: {} vs {ev}", p.variance[k]);
            assert!((p.variance_ratio[k] - pca.explained_variance_ratio()[k]).abs() < 1e-8);
        }
        let mut out = Vec::new();
        pca.transform(&units, 2, &mut out).unwrap();
        for (a, b) in p.points.iter().zip(&out) {
            assert!((a - b).abs() < 1e-5, "{a} vs {b}");
        }
    }
}

/// Started from the previous frame's axes, a projection of slightly moved vectors keeps its
/// orientation (no axis flips sign), and 100 dimensions work.
#[test]
fn a_projection_started_from_the_last_one_keeps_its_orientation() {
    let mut rng = Rng::new(9);
    let (dim, n) = (100, 80);
    let vectors: Vec<f32> = (0..n * dim).map(|i| rng.normal() * (1.0 + 4.0 / (1 + i % dim) as f32)).collect();
    let ids: Vec<u32> = (0..n as u32).collect();
    let first = Space::new(&vectors, dim).project(&ids, None).unwrap();
    let moved: Vec<f32> = vectors.iter().map(|v| v + 0.05 * rng.normal()).collect();
    let second = Space::new(&moved, dim).project(&ids, Some(&first)).unwrap();
    for k in 0..2 {
        let cos: f64 = (0..dim).map(|j| first.axes[k * dim + j] * second.axes[k * dim + j]).sum();
        assert!(cos > 0.9, "axis {k}: {cos}");
    }
    assert!(second.variance[0] >= second.variance[1]);
    assert_eq!(Space::new(&vectors, dim).project(&[1, 2], None).unwrap_err().field, "words");
    assert_eq!(Space::new(&vectors, dim).project(&[1, 2, 500], None).unwrap_err().field, "words");
}
