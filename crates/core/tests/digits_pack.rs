//! The packed digits: exactly the CSV's digits, smaller than gzip makes the CSV, and a damaged
//! file is an error, never a panic or a wrong digit passed off as right.

use perplexed_core::data::digits::Digits;
use perplexed_core::data::digits_pack::{pack, unpack};
use perplexed_core::rng::Rng;

const CSV: &str = include_str!("../../../web/data/digits-8x8.csv");
const SHIPPED: &[u8] = include_bytes!("../../../web/data/digits-8x8.bin");

#[test]
fn the_shipped_file_is_the_csv() {
    let digits = Digits::parse(CSV).unwrap();
    let unpacked = unpack(SHIPPED).expect("the shipped file unpacks (rerun examples/pack_digits.rs after changing the CSV)");
    assert_eq!(unpacked, digits, "every pixel and label equal to the CSV's");
    assert_eq!(pack(&digits), SHIPPED, "and packing the CSV gives the shipped bytes");
    // 1,797 × 65 values in 33 KB: about 2.2 bits each, against 53.6 KB for the CSV gzipped.
    println!("packed: {} bytes for {} digits ({:.2} bits per value)", SHIPPED.len(), digits.len(), SHIPPED.len() as f64 * 8.0 / (digits.len() * 65) as f64);
    assert!(SHIPPED.len() < 35 * 1024, "{} bytes", SHIPPED.len());
}

#[test]
fn small_and_odd_inputs_round_trip() {
    // One digit: a blank page labelled 0; then every pixel 16 labelled 9; then a ramp.
    let mut d = Digits { images: vec![0.0; 64], labels: vec![0] };
    d.images.extend(std::iter::repeat_n(1.0, 64));
    d.labels.push(9);
    d.images.extend((0..64).map(|i| (i % 17) as f32 / 16.0));
    d.labels.push(4);
    let packed = pack(&d);
    assert_eq!(&packed[..4], b"PXD1");
    assert_eq!(u32::from_le_bytes(packed[4..8].try_into().unwrap()), 3);
    assert_eq!(unpack(&packed).unwrap(), d);
    // Random digits (the worst case for the model) still come back exactly.
    let mut rng = Rng::new(5);
    let n = 40;
    let random = Digits {
        images: (0..n * 64).map(|_| (rng.below(17)) as f32 / 16.0).collect(),
        labels: (0..n).map(|_| rng.below(10) as u8).collect(),
    };
    assert_eq!(unpack(&pack(&random)).unwrap(), random);
}

#[test]
fn damaged_files_are_errors_not_panics() {
    assert_eq!(unpack(b"").unwrap_err().field, "file");
    assert_eq!(unpack(b"PXD2\x01\0\0\0abc").unwrap_err().field, "file", "another format");
    assert_eq!(unpack(b"PXD1\0\0\0\0").unwrap_err().field, "file", "no digit");
    assert_eq!(unpack(b"PXD1\xff\xff\xff\xff").unwrap_err().field, "file", "an absurd count");
    // Cut short: the digits it declares cannot all be read.
    assert_eq!(unpack(&SHIPPED[..SHIPPED.len() / 2]).unwrap_err().field, "file");
    // Flipped bytes and random noise: an error or some digits, never a panic, every value valid.
    let mut rng = Rng::new(11);
    for round in 0..200 {
        let mut bytes = SHIPPED[..2000].to_vec();
        bytes[4..8].copy_from_slice(&20u32.to_le_bytes());
        let at = 8 + rng.below(bytes.len() - 8);
        bytes[at] ^= 1 + rng.below(255) as u8;
        if round % 2 == 1 {
            bytes[8..].iter_mut().for_each(|b| *b = rng.below(256) as u8);
        }
        if let Ok(d) = unpack(&bytes) {
            assert_eq!((d.len(), d.images.len()), (20, 20 * 64));
            assert!(d.images.iter().all(|v| (0.0..=1.0).contains(v)) && d.labels.iter().all(|&l| l <= 9));
        }
    }
}
