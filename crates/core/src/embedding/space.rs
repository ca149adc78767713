//! # The space of word vectors: neighbours, analogies, a 2-D picture
//!
//! Only directions matter when comparing word vectors, so everything here works with the
//! **cosine similarity**
//!
//! ```text
//! cos(a, b) = a·b / (‖a‖·‖b‖)        1: same direction, 0: unrelated, −1: opposite
//! ```
//!
//! computed as a dot product of unit vectors `â = a/‖a‖` (normalised once, in [`Space::new`]).
//!
//! **Nearest neighbours** of a word are the words of highest cosine, the word itself left out.
//!
//! **Analogy** `a : b :: c : ?` (man : king :: woman : ?) is answered by 3CosAdd (Mikolov et al.
//! 2013; gensim's `most_similar(positive=[b, c], negative=[a])`):
//!
//! ```text
//! answer = argmax_{w ∉ {a, b, c}} cos(w, b̂ − â + ĉ)
//! ```
//!
//! The three question words are excluded, as in word2vec's and gensim's evaluation: without
//! that rule the nearest word to `king − man + woman` is very often `king` itself, and the
//! "analogy" would say nothing. [`Space::evaluate`] asks every question of a test set and counts
//! the top answers that are right (questions with a word outside the vocabulary are skipped, as
//! gensim does).
//!
//! **Similarity heatmap**: the matrix of cosines of a word set, [`Space::similarities`].
//!
//! **Projection**: the two principal components of the unit vectors of a word set (centred,
//! the covariance `C = (1/(n−1)) Σ (x − x̄)(x − x̄)ᵀ`, its two leading eigenvectors by subspace
//! iteration: `Q ← orth(C·Q)` until the pair stops turning, then the 2 × 2 problem `QᵀCQ` solved
//! exactly, which orders and aligns them). [`Space::project`] can start from the previous
//! frame's axes, so a picture updated while the vectors learn converges in a few iterations and
//! keeps its orientation (each axis's sign is kept pointing the same way as the previous one's;
//! without a previous frame, the axis's largest entry is made positive, scikit-learn's rule).
//! The cluster family's PCA ([`crate::cluster::pca`]) is exact but takes at most 32 features;
//! word vectors have up to 100.

use crate::error::ParamError;

use super::corpus::{Question, RelationKind, Vocabulary};

/// A word and its cosine similarity to what was asked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    pub id: u32,
    pub cosine: f32,
}

/// Unit-normalised word vectors, one row per vocabulary word.
#[derive(Debug, Clone, PartialEq)]
pub struct Space {
    dim: usize,
    unit: Vec<f32>,
}

/// How a test set went.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalogyScore {
    /// Questions whose top answer is the expected word.
    pub correct: usize,
    /// Questions asked (all four words in the vocabulary).
    pub asked: usize,
    /// Questions skipped because a word is not in the vocabulary.
    pub skipped: usize,
    /// Per relation, in order of first appearance: (relation, correct, asked).
    pub by_relation: Vec<(RelationKind, usize, usize)>,
    /// Every question's top answer (`None` when skipped), in the test set's order.
    pub answers: Vec<Option<Neighbour>>,
}

impl AnalogyScore {
    /// `correct / asked` (0 when nothing was asked).
    pub fn accuracy(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            self.correct as f64 / self.asked as f64
        }
    }
}

/// A 2-D picture of a word set: each word's coordinates on the two principal axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `[n, 2]`, in the order of the ids asked.
    pub points: Vec<f32>,
    /// The two axes, `[2, dim]`, unit length.
    pub axes: Vec<f64>,
    /// The variance along each axis.
    pub variance: [f64; 2],
    /// Each axis's share of the total variance.
    pub variance_ratio: [f64; 2],
}

/// Largest number of subspace iterations of one projection.
pub const PROJECTION_ITERATIONS: usize = 500;

impl Space {
    /// Normalises every row of `vectors` (`[n, dim]`); a zero row stays zero (cosine 0 with
    /// everything).
    pub fn new(vectors: &[f32], dim: usize) -> Space {
        let dim = dim.max(1);
        let mut unit = vectors.to_vec();
        for row in unit.chunks_exact_mut(dim) {
            let norm = row.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>().sqrt();
            if norm > 0.0 && norm.is_finite() {
                row.iter_mut().for_each(|v| *v = (f64::from(*v) / norm) as f32);
            } else {
                row.fill(0.0);
            }
        }
        unit.truncate(unit.len() / dim * dim);
        Space { dim, unit }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Words in the space.
    pub fn len(&self) -> usize {
        self.unit.len() / self.dim
    }

    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Word `id`'s unit vector (empty when out of range).
    pub fn unit(&self, id: u32) -> &[f32] {
        let d = self.dim;
        self.unit.get(id as usize * d..id as usize * d + d).unwrap_or(&[])
    }

    /// `cos(v_i, v_j)` (0 when an id is out of range).
    pub fn cosine(&self, i: u32, j: u32) -> f32 {
        dot(self.unit(i), self.unit(j))
    }

    /// The `k` words most similar to `query` (any direction; normalised here), highest first,
    /// leaving out `exclude`. Ties keep the lower id first.
    pub fn nearest_to(&self, query: &[f32], k: usize, exclude: &[u32]) -> Vec<Neighbour> {
        let norm = query.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>().sqrt();
        let q: Vec<f32> = if norm > 0.0 && norm.is_finite() { query.iter().map(|&v| (f64::from(v) / norm) as f32).collect() } else { vec![0.0; query.len()] };
        let mut best: Vec<Neighbour> = Vec::with_capacity(k + 1);
        for (id, row) in self.unit.chunks_exact(self.dim).enumerate() {
            let id = id as u32;
            if exclude.contains(&id) {
                continue;
            }
            let cosine = dot(&q, row);
            if best.len() == k && best.last().is_none_or(|w| cosine <= w.cosine) {
                continue;
            }
            let at = best.partition_point(|w| w.cosine >= cosine);
            best.insert(at, Neighbour { id, cosine });
            best.truncate(k);
        }
        best
    }

    /// The `k` nearest neighbours of word `id`, itself left out.
    pub fn nearest(&self, id: u32, k: usize) -> Vec<Neighbour> {
        self.nearest_to(self.unit(id), k, &[id])
    }

    /// `a : b :: c : ?` — the `k` words nearest to `b̂ − â + ĉ`, the three question words left
    /// out (see the module docs).
    pub fn analogy(&self, a: u32, b: u32, c: u32, k: usize) -> Vec<Neighbour> {
        let target: Vec<f32> = (0..self.dim).map(|j| {
            let at = |w: u32| self.unit(w).get(j).copied().unwrap_or(0.0);
            at(b) - at(a) + at(c)
        }).collect();
        self.nearest_to(&target, k, &[a, b, c])
    }

    /// Asks every question of `questions`, words looked up in `vocab` (see [`AnalogyScore`]).
    pub fn evaluate(&self, vocab: &Vocabulary, questions: &[Question]) -> AnalogyScore {
        let mut score = AnalogyScore { correct: 0, asked: 0, skipped: 0, by_relation: Vec::new(), answers: Vec::with_capacity(questions.len()) };
        for q in questions {
            let ids = [vocab.id(&q.a), vocab.id(&q.b), vocab.id(&q.c), vocab.id(&q.expected)];
            let [Some(a), Some(b), Some(c), Some(d)] = ids else {
                score.skipped += 1;
                score.answers.push(None);
                continue;
            };
            let top = self.analogy(a, b, c, 1).first().copied();
            let right = top.is_some_and(|t| t.id == d);
            score.asked += 1;
            score.correct += usize::from(right);
            match score.by_relation.iter_mut().find(|(k, _, _)| *k == q.kind) {
                Some(entry) => {
                    entry.1 += usize::from(right);
                    entry.2 += 1;
                }
                None => score.by_relation.push((q.kind, usize::from(right), 1)),
            }
            score.answers.push(top);
        }
        score
    }

    /// The cosines of every pair of `ids`, `[n, n]` row-major (1 on the diagonal for a non-zero
    /// vector).
    pub fn similarities(&self, ids: &[u32]) -> Vec<f32> {
        let mut out = Vec::with_capacity(ids.len() * ids.len());
        for &i in ids {
            for &j in ids {
                out.push(self.cosine(i, j));
            }
        }
        out
    }

    /// The 2-D principal-component picture of the words `ids` (see the module docs), starting
    /// from `previous`'s axes when given (and of this dimension).
    ///
    /// Errors: `"words"` (fewer than 3 ids, or an id outside the space).
    pub fn project(&self, ids: &[u32], previous: Option<&Projection>) -> Result<Projection, ParamError> {
        if ids.len() < 3 {
            return Err(ParamError::too_few("words", 3, ids.len()));
        }
        if let Some(&bad) = ids.iter().find(|&&i| i as usize >= self.len()) {
            return Err(ParamError::out_of_range("words", 0.0, self.len() as f64 - 1.0, f64::from(bad)));
        }
        let d = self.dim;
        let n = ids.len();
        let mut mean = vec![0.0f64; d];
        for &i in ids {
            for (m, &v) in mean.iter_mut().zip(self.unit(i)) {
                *m += f64::from(v) / n as f64;
            }
        }
        let centred: Vec<f64> = ids.iter().flat_map(|&i| self.unit(i).iter().zip(&mean).map(|(&v, m)| f64::from(v) - m).collect::<Vec<_>>()).collect();
        let mut cov = vec![0.0f64; d * d];
        for row in centred.chunks_exact(d) {
            for p in 0..d {
                let rp = row[p] / (n as f64 - 1.0);
                for q in p..d {
                    cov[p * d + q] += rp * row[q];
                }
            }
        }
        for p in 0..d {
            for q in 0..p {
                cov[p * d + q] = cov[q * d + p];
            }
        }
        let total: f64 = (0..d).map(|p| cov[p * d + p]).sum();
        let (axes, variance) = if d == 1 {
            (vec![1.0, 0.0], [total, 0.0])
        } else {
            leading_pair(&cov, d, previous.filter(|p| p.axes.len() == 2 * d).map(|p| &p.axes[..]))
        };
        let mut points = Vec::with_capacity(2 * n);
        for row in centred.chunks_exact(d) {
            for k in 0..2 {
                points.push(row.iter().zip(&axes[k * d..k * d + d]).map(|(x, a)| x * a).sum::<f64>() as f32);
            }
        }
        let ratio = |v: f64| if total > 0.0 { v / total } else { 0.0 };
        Ok(Projection { points, axes, variance, variance_ratio: [ratio(variance[0]), ratio(variance[1])] })
    }

    /// The words `ids` placed on `pinned`'s axes as they are (centred on these words' mean, no
    /// turning): the picture a learner gets after pinning the axes, where words move against
    /// fixed directions. The variances are those along the pinned axes.
    ///
    /// Errors: `"words"` (fewer than 3 ids, or an id outside the space), `"axes"` (not two
    /// axes of this dimension).
    pub fn project_on(&self, ids: &[u32], pinned: &Projection) -> Result<Projection, ParamError> {
        if ids.len() < 3 {
            return Err(ParamError::too_few("words", 3, ids.len()));
        }
        if let Some(&bad) = ids.iter().find(|&&i| i as usize >= self.len()) {
            return Err(ParamError::out_of_range("words", 0.0, self.len() as f64 - 1.0, f64::from(bad)));
        }
        let d = self.dim;
        if pinned.axes.len() != 2 * d {
            return Err(ParamError::length_mismatch("axes", 2 * d, pinned.axes.len()));
        }
        let n = ids.len();
        let mut mean = vec![0.0f64; d];
        for &i in ids {
            for (m, &v) in mean.iter_mut().zip(self.unit(i)) {
                *m += f64::from(v) / n as f64;
            }
        }
        let mut points = Vec::with_capacity(2 * n);
        let (mut variance, mut total) = ([0.0f64; 2], 0.0f64);
        for &i in ids {
            let row: Vec<f64> = self.unit(i).iter().zip(&mean).map(|(&v, m)| f64::from(v) - m).collect();
            total += row.iter().map(|x| x * x).sum::<f64>() / (n as f64 - 1.0);
            for (var, axis) in variance.iter_mut().zip(pinned.axes.chunks_exact(d)) {
                let c = row.iter().zip(axis).map(|(x, a)| x * a).sum::<f64>();
                *var += c * c / (n as f64 - 1.0);
                points.push(c as f32);
            }
        }
        let ratio = |v: f64| if total > 0.0 { v / total } else { 0.0 };
        Ok(Projection { points, axes: pinned.axes.clone(), variance, variance_ratio: [ratio(variance[0]), ratio(variance[1])] })
    }
}

#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The two leading eigenvectors (`[2, d]`) and eigenvalues of the symmetric `c` (`d ≥ 2`).
fn leading_pair(c: &[f64], d: usize, start: Option<&[f64]>) -> (Vec<f64>, [f64; 2]) {
    // Start: the previous axes, or the two coordinate axes of largest variance.
    let mut q = match start {
        Some(s) => s.to_vec(),
        None => {
            let mut order: Vec<usize> = (0..d).collect();
            order.sort_by(|&p, &r| c[r * d + r].total_cmp(&c[p * d + p]));
            let mut q = vec![0.0; 2 * d];
            q[order[0]] = 1.0;
            q[d + order[1]] = 1.0;
            // A little of every coordinate so no eigenvector is orthogonal to the start.
            q.iter_mut().enumerate().for_each(|(i, v)| *v += 1e-3 * (1.0 + (i % 7) as f64));
            q
        }
    };
    orthonormalise(&mut q, d);
    let mut next = vec![0.0; 2 * d];
    for _ in 0..PROJECTION_ITERATIONS {
        for k in 0..2 {
            for p in 0..d {
                next[k * d + p] = (0..d).map(|r| c[p * d + r] * q[k * d + r]).sum();
            }
        }
        orthonormalise(&mut next, d);
        // Converged when the plane stops turning: |cos| between old and new axes ≈ 1.
        let turn: f64 = (0..2).map(|k| 1.0 - (0..d).map(|p| q[k * d + p] * next[k * d + p]).sum::<f64>().abs()).sum();
        std::mem::swap(&mut q, &mut next);
        if turn < 1e-12 {
            break;
        }
    }
    // Rayleigh–Ritz on the plane: B = QᵀCQ (2×2), rotate Q by B's eigenvectors.
    let cq = |k: usize, p: usize| -> f64 { (0..d).map(|r| c[p * d + r] * q[k * d + r]).sum() };
    let mut b = [[0.0f64; 2]; 2];
    for (k, row) in b.iter_mut().enumerate() {
        for (l, v) in row.iter_mut().enumerate() {
            *v = (0..d).map(|p| q[l * d + p] * cq(k, p)).sum();
        }
    }
    let (b00, b01, b11) = (b[0][0], 0.5 * (b[0][1] + b[1][0]), b[1][1]);
    let (cs, sn) = half_angle(2.0 * b01, b00 - b11);
    let l0 = cs * cs * b00 + 2.0 * cs * sn * b01 + sn * sn * b11;
    let l1 = sn * sn * b00 - 2.0 * cs * sn * b01 + cs * cs * b11;
    let mut axes = vec![0.0; 2 * d];
    for p in 0..d {
        axes[p] = cs * q[p] + sn * q[d + p];
        axes[d + p] = -sn * q[p] + cs * q[d + p];
    }
    let mut values = [l0.max(0.0), l1.max(0.0)];
    if values[1] > values[0] {
        values.swap(0, 1);
        let (first, second) = axes.split_at_mut(d);
        first.swap_with_slice(second);
    }
    for k in 0..2 {
        let axis = &mut axes[k * d..k * d + d];
        let flip = match start {
            Some(s) => axis.iter().zip(&s[k * d..k * d + d]).map(|(a, b)| a * b).sum::<f64>() < 0.0,
            None => {
                let big = axis.iter().copied().fold(0.0f64, |m, v| if v.abs() > m.abs() { v } else { m });
                big < 0.0
            }
        };
        if flip {
            axis.iter_mut().for_each(|v| *v = -*v);
        }
    }
    (axes, values)
}

/// Gram–Schmidt on the two rows of `q` (`[2, d]`); a row that vanishes becomes a unit
/// coordinate vector orthogonal to the other.
fn orthonormalise(q: &mut [f64], d: usize) {
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    let n0 = norm(&q[..d]);
    if n0 > 1e-300 {
        q[..d].iter_mut().for_each(|v| *v /= n0);
    } else {
        q[..d].fill(0.0);
        q[0] = 1.0;
    }
    let proj: f64 = (0..d).map(|p| q[p] * q[d + p]).sum();
    for p in 0..d {
        q[d + p] -= proj * q[p];
    }
    let n1 = norm(&q[d..]);
    if n1 > 1e-300 {
        q[d..].iter_mut().for_each(|v| *v /= n1);
    } else {
        // Any unit vector orthogonal to the first row.
        let j = (0..d).min_by(|&a, &b| q[a].abs().total_cmp(&q[b].abs())).unwrap_or(0);
        q[d..].fill(0.0);
        q[d + j] = 1.0;
        let proj: f64 = q[j];
        for p in 0..d {
            q[d + p] -= proj * q[p];
        }
        let n1 = norm(&q[d..]).max(1e-300);
        q[d..].iter_mut().for_each(|v| *v /= n1);
    }
}

/// `(cos θ, sin θ)` of `θ = ½·atan2(y, x)` (the Jacobi rotation that diagonalises a symmetric
/// 2×2 matrix), from square roots and divisions alone — exactly rounded IEEE operations, so the
/// projection has the same bits natively and in WebAssembly (whose `atan2`, `cos` and `sin` come
/// from another libm). With `c = cos 2θ = x/r`, `s = sin 2θ = y/r`: `cos θ = √((1 + c)/2) ≥ 0`
/// and `sin θ = s/(2 cos θ)`, or, when `c < 0` (so `1 + c` would cancel), `sin θ = ±√((1 − c)/2)`
/// with the sign of `s` and `cos θ = s/(2 sin θ)`. `(1, 0)` when `x = y = 0`.
fn half_angle(y: f64, x: f64) -> (f64, f64) {
    let r = (x * x + y * y).sqrt();
    if r == 0.0 || !r.is_finite() {
        return (1.0, 0.0);
    }
    let (c, s) = (x / r, y / r);
    if c >= 0.0 {
        let cs = (0.5 * (1.0 + c)).sqrt();
        (cs, s / (2.0 * cs))
    } else {
        let sn = (0.5 * (1.0 - c)).sqrt().copysign(y);
        (s / (2.0 * sn), sn)
    }
}

#[cfg(test)]
mod pinned_tests {
    use super::*;

    #[test]
    fn the_half_angle_matches_atan2() {
        let mut worst = 0.0f64;
        for i in 0..400 {
            let phi = -3.14 + i as f64 * 0.0157;
            for r in [1e-6, 1.0, 3e5] {
                let (y, x) = (r * phi.sin(), r * phi.cos());
                let theta = 0.5 * y.atan2(x);
                let (cs, sn) = half_angle(y, x);
                worst = worst.max((cs - theta.cos()).abs()).max((sn - theta.sin()).abs());
            }
        }
        assert!(worst < 1e-14, "{worst:e}");
        assert_eq!(half_angle(0.0, 0.0), (1.0, 0.0));
        assert_eq!(half_angle(0.0, -2.0), (0.0, 1.0));
    }


    /// On its own axes a picture places the words where `project` did; after the vectors move,
    /// the pinned picture keeps the axes while a fresh projection turns them.
    #[test]
    fn pinned_axes_place_words_without_turning() {
        let vectors: Vec<f32> = (0..6 * 4).map(|i| ((i * 7919 % 13) as f32 - 6.0) / 6.0).collect();
        let space = Space::new(&vectors, 4);
        let ids = [0, 1, 2, 3, 4];
        let free = space.project(&ids, None).unwrap();
        let pinned = space.project_on(&ids, &free).unwrap();
        for (a, b) in free.points.iter().zip(&pinned.points) {
            assert!((a - b).abs() < 1e-5, "{a} {b}");
        }
        assert!((free.variance_ratio[0] - pinned.variance_ratio[0]).abs() < 1e-6);
        let moved: Vec<f32> = vectors.iter().enumerate().map(|(i, v)| if i % 5 == 0 { -v } else { *v }).collect();
        let later = Space::new(&moved, 4).project_on(&ids, &free).unwrap();
        assert_eq!(later.axes, free.axes);
        assert!(space.project_on(&ids[..2], &free).is_err());
        assert!(Space::new(&vectors[..18], 3).project_on(&[0, 1, 2], &free).is_err(), "axes of another dimension");
    }
}
