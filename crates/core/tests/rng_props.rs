//! Properties of the seeded generator `perplexed_core::rng::Rng`: determinism, bit-stable golden
//! values, distribution moments, unbiased `below`, `shuffle` as a uniform permutation, and
//! independence of the per-purpose streams.
//!
//! Every test uses fixed seeds, so it is deterministic; the statistical thresholds are chosen so
//! that a *correct* generator would fail them with probability below 10⁻⁴ on a random seed —
//! i.e. they detect bugs (bias, wrong scaling, correlated streams), not bad luck.

use perplexed_core::rng::{streams, Rng};

fn take(r: &mut Rng, k: usize) -> Vec<u64> {
    (0..k).map(|_| r.next_u64()).collect()
}

#[test]
fn same_seed_same_sequence() {
    let mut a = Rng::new(2024);
    let mut b = Rng::new(2024);
    assert_eq!(take(&mut a, 1000), take(&mut b, 1000));
    let mut a = Rng::stream(7, streams::INIT);
    let mut b = Rng::stream(7, streams::INIT);
    for _ in 0..1000 {
        assert_eq!(a.next_f32().to_bits(), b.next_f32().to_bits());
        assert_eq!(a.normal().to_bits(), b.normal().to_bits());
        assert_eq!(a.below(37), b.below(37));
    }
}

#[test]
fn clone_forks_the_stream() {
    let mut a = Rng::new(5);
    a.next_u64();
    let mut b = a.clone();
    assert_eq!(take(&mut a, 100), take(&mut b, 100));
}

/// Golden values: these exact numbers are part of the project's contract (seeds in shared URLs
/// must reproduce the same data forever). If this test fails, the generator changed — that is a
/// breaking change, not a test to update casually.
#[test]
fn golden_values_are_bit_stable() {
    let mut r = Rng::new(0);
    assert_eq!(take(&mut r, 3), GOLDEN_NEW0.to_vec());
    let mut r = Rng::stream(42, streams::DATA);
    assert_eq!(take(&mut r, 3), GOLDEN_STREAM42_DATA.to_vec());
    let mut r = Rng::new(1);
    let f: Vec<u32> = (0..3).map(|_| r.next_f32().to_bits()).collect();
    assert_eq!(f, GOLDEN_F32_SEED1.to_vec());
}

const GOLDEN_NEW0: [u64; 3] = [11091344671253066420, 13793997310169335082, 1900383378846508768];
const GOLDEN_STREAM42_DATA: [u64; 3] = [6031294510772534197, 13482654537693714485, 16054682814276802763];
/// Bit patterns of the first three `next_f32()` of `Rng::new(1)`.
const GOLDEN_F32_SEED1: [u32; 3] = [1060369071, 1057307477, 1058207895];

#[test]
fn different_seeds_and_streams_differ() {
    let base = take(&mut Rng::new(1), 64);
    assert_ne!(base, take(&mut Rng::new(2), 64));
    let ids = [streams::DATA, streams::SPLIT, streams::INIT, streams::BATCHES, 0, 99];
    let seqs: Vec<Vec<u64>> = ids.iter().map(|&s| take(&mut Rng::stream(1, s), 1000)).collect();
    for i in 0..seqs.len() {
        assert_ne!(seqs[i], base, "stream {} equals Rng::new(seed)", ids[i]);
        for j in i + 1..seqs.len() {
            // Not merely different: no 64-bit word in common at any position (a shifted copy of
            // the same stream would share words).
            let common = seqs[i].iter().filter(|w| seqs[j].contains(w)).count();
            assert_eq!(common, 0, "streams {} and {} overlap", ids[i], ids[j]);
        }
    }
    // Seed and stream id are not interchangeable.
    assert_ne!(take(&mut Rng::stream(1, 2), 8), take(&mut Rng::stream(2, 1), 8));
    // Neighbouring seeds of the same stream differ too.
    assert_ne!(take(&mut Rng::stream(1, 3), 8), take(&mut Rng::stream(2, 3), 8));
}

/// Streams are uncorrelated: Pearson correlation of 10⁵ paired uniforms. For independent
/// samples r ~ N(0, 1/N), SE = 0.0032; threshold 0.02 ≈ 6 SE.
#[test]
fn streams_are_uncorrelated() {
    let n = 100_000;
    for (s1, s2) in [(streams::DATA, streams::SPLIT), (streams::INIT, streams::BATCHES)] {
        let mut a = Rng::stream(11, s1);
        let mut b = Rng::stream(11, s2);
        let (mut sa, mut sb, mut sab, mut saa, mut sbb) = (0f64, 0f64, 0f64, 0f64, 0f64);
        for _ in 0..n {
            let x = a.next_f32() as f64;
            let y = b.next_f32() as f64;
            sa += x;
            sb += y;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        let nf = n as f64;
        let cov = sab / nf - (sa / nf) * (sb / nf);
        let r = cov / ((saa / nf - (sa / nf).powi(2)) * (sbb / nf - (sb / nf).powi(2))).sqrt();
        assert!(r.abs() < 0.02, "correlation {r}");
    }
}

#[test]
fn next_f32_is_in_unit_interval_with_24_bits() {
    let mut r = Rng::new(3);
    for _ in 0..100_000 {
        let x = r.next_f32();
        assert!((0.0..1.0).contains(&x));
        // Exactly a multiple of 2⁻²⁴.
        let scaled = x * 16_777_216.0;
        assert_eq!(scaled, scaled.trunc());
    }
}

/// uniform(−2, 3): mean ½, variance 5²/12 = 2.0833. With N = 10⁶: SE(mean) = √(2.083/N) =
/// 0.0014, SE(var) = √((μ₄ − σ⁴)/N) = √((625/80 − 4.34)/N) = 0.0019. Thresholds ≈ 7 SE.
#[test]
fn uniform_mean_and_variance() {
    let mut r = Rng::new(17);
    let n = 1_000_000;
    let (mut s, mut s2) = (0f64, 0f64);
    for _ in 0..n {
        let x = r.uniform(-2.0, 3.0);
        assert!((-2.0..=3.0).contains(&x));
        s += x as f64;
        s2 += (x as f64) * (x as f64);
    }
    let mean = s / n as f64;
    let var = s2 / n as f64 - mean * mean;
    assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
    assert!((var - 25.0 / 12.0).abs() < 0.015, "variance {var}");
}

/// Standard normal: N = 10⁶; mean 0 (SE 0.001), variance 1 (SE √2/1000 = 0.0014), share within
/// one σ 0.6827 (SE 0.00047), share beyond 3σ 0.0027 (SE 0.00005). Thresholds ≥ 6 SE.
#[test]
fn normal_moments() {
    let mut r = Rng::new(99);
    let n = 1_000_000;
    let (mut s, mut s2, mut within1, mut beyond3) = (0f64, 0f64, 0usize, 0usize);
    for _ in 0..n {
        let z = r.normal() as f64;
        assert!(z.is_finite());
        s += z;
        s2 += z * z;
        if z.abs() < 1.0 {
            within1 += 1;
        }
        if z.abs() > 3.0 {
            beyond3 += 1;
        }
    }
    let mean = s / n as f64;
    let var = s2 / n as f64 - mean * mean;
    assert!(mean.abs() < 0.007, "mean {mean}");
    assert!((var - 1.0).abs() < 0.01, "variance {var}");
    let p1 = within1 as f64 / n as f64;
    assert!((p1 - 0.682_689).abs() < 0.003, "P(|z|<1) = {p1}");
    let p3 = beyond3 as f64 / n as f64;
    assert!((p3 - 0.002_700).abs() < 0.0004, "P(|z|>3) = {p3}");
}

/// Pearson chi-square statistic of observed counts against equal expected counts.
fn chi_square(counts: &[usize]) -> f64 {
    let total: usize = counts.iter().sum();
    let e = total as f64 / counts.len() as f64;
    counts.iter().map(|&c| (c as f64 - e).powi(2) / e).sum()
}

/// below(n) over 700,000 draws per n: chi-square with n − 1 degrees of freedom must stay below
/// its 99.99 % quantile (stated per n below; from the chi-square table).
#[test]
fn below_is_unbiased_chi_square() {
    // (n, 99.99 % quantile of chi-square with n − 1 dof)
    for (n, threshold) in [(2usize, 15.14), (3, 18.42), (7, 27.86), (10, 33.72), (37, 70.0)] {
        let mut r = Rng::new(n as u64);
        let mut counts = vec![0usize; n];
        for _ in 0..700_000 {
            let k = r.below(n);
            assert!(k < n);
            counts[k] += 1;
        }
        let chi = chi_square(&counts);
        assert!(chi < threshold, "n = {n}: chi-square {chi} ≥ {threshold}");
    }
}

/// The case where a naive `next_u64() % n` is badly biased: n ≈ ⅔·2⁶⁴. Modulo would map
/// [0, 2⁶⁴ − n) ≈ the lower half of 0..n twice, so P(k < n/2) ≈ ⅔. Unbiased: ½ (SE 0.0016 for
/// 10⁵ draws; threshold 0.01).
#[test]
#[cfg(target_pointer_width = "64")]
fn below_is_unbiased_for_huge_n() {
    let n = 0xAAAA_AAAA_AAAA_AAABu64 as usize;
    let mut r = Rng::new(8);
    let mut low = 0usize;
    let draws = 100_000;
    for _ in 0..draws {
        let k = r.below(n);
        assert!(k < n);
        if k < n / 2 {
            low += 1;
        }
    }
    let p = low as f64 / draws as f64;
    assert!((p - 0.5).abs() < 0.01, "P(k < n/2) = {p}");
}

#[test]
fn below_degenerate_sizes_do_not_panic() {
    let mut r = Rng::new(1);
    assert_eq!(r.below(1), 0);
    assert_eq!(r.below(0), 0);
}

#[test]
fn shuffle_is_a_permutation() {
    let mut r = Rng::new(12);
    for len in [0usize, 1, 2, 5, 100, 1001] {
        let mut v: Vec<usize> = (0..len).collect();
        r.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..len).collect::<Vec<_>>());
        if len >= 100 {
            assert_ne!(v, sorted, "a 100-element shuffle left everything in place");
        }
    }
}

/// All 4! = 24 orders of 4 elements are equally likely: 240,000 shuffles, chi-square with 23 dof
/// below its 99.99 % quantile 56.0. Also every element lands at every position ≈ equally often.
#[test]
fn shuffle_is_uniform_over_permutations() {
    let mut r = Rng::new(4);
    let mut counts = vec![0usize; 24];
    let mut position = [[0usize; 4]; 4];
    for _ in 0..240_000 {
        let mut v = [0u8, 1, 2, 3];
        r.shuffle(&mut v);
        // Lehmer code of the permutation → index 0..24.
        let mut idx = 0;
        for i in 0..4 {
            let smaller_after = (i + 1..4).filter(|&j| v[j] < v[i]).count();
            idx = idx * (4 - i) + smaller_after;
        }
        counts[idx] += 1;
        for (pos, &e) in v.iter().enumerate() {
            position[e as usize][pos] += 1;
        }
    }
    let chi = chi_square(&counts);
    assert!(chi < 56.0, "chi-square {chi}");
    for row in position {
        // 60,000 expected, SE ≈ 212; threshold 1,500 ≈ 7 SE.
        for c in row {
            assert!((c as i64 - 60_000).abs() < 1_500, "{row:?}");
        }
    }
}

