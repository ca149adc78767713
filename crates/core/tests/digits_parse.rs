//! The digits CSV shipped with the site parses into 1,797 images scaled to [0, 1], and malformed
//! text is an error naming the line and the field, never a panic.

use perplexed_core::data::digits::{Digits, PIXELS};
use perplexed_core::data::split::Split;

const CSV: &str = include_str!("../../../web/data/digits-8x8.csv");

/// A header and `rows` lines (64 pixels, then the label).
fn table(rows: &[&str]) -> String {
    let header: Vec<String> = (0..64).map(|i| format!("p{i}")).chain(["digit".to_string()]).collect();
    let mut s = header.join(",");
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s
}

fn row(pixel: &str, label: &str) -> String {
    let mut cells = vec!["0"; 64];
    cells[10] = pixel;
    format!("{},{label}", cells.join(","))
}

#[test]
fn the_shipped_file_has_1797_digits_with_the_counts_of_the_file() {
    let d = Digits::parse(CSV).unwrap();
    assert_eq!(d.len(), 1797);
    assert_eq!(d.images.len(), 1797 * PIXELS);
    // Counted with `cut -d, -f65 | sort | uniq -c`.
    assert_eq!(d.counts_per_digit(), [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    // The first rows cycle through 0–9 (awk on lines 2–12): 0 1 2 … 9 0.
    assert_eq!(&d.labels[..11], &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
    assert_eq!(d.labels[1796], 8, "the last line ends in 8");
    assert!(d.images.iter().all(|&p| (0.0..=1.0).contains(&p)));
}

#[test]
fn the_first_image_is_the_first_line_over_16() {
    let d = Digits::parse(CSV).unwrap();
    // Line 2 starts 0,0,5,13,9,1,0,0 (top row of a 0) then 0,0,13,15,10,15,5,0.
    let first = d.image(0).unwrap();
    let top: Vec<f32> = [0, 0, 5, 13, 9, 1, 0, 0].iter().map(|&v| v as f32 / 16.0).collect();
    assert_eq!(&first[..8], &top[..]);
    assert_eq!(first[10], 13.0 / 16.0);
    assert_eq!(first[12], 10.0 / 16.0);
    assert_eq!(d.image(1797), None);
}

#[test]
fn split_keys_give_the_sites_usual_split() {
    let d = Digits::parse(CSV).unwrap();
    let s = Split::new(&d.split_keys(1), 60, 20).unwrap();
    // round(1797 · 0.6) = round(1078.2) = 1078; round(359.4) = 359; the rest 360.
    assert_eq!(s.counts(), (1078, 359, 360));
    assert_eq!(d.split_keys(1), d.split_keys(1));
    assert_ne!(d.split_keys(1), d.split_keys(2));
    let sub = d.subset(&s.val);
    assert_eq!(sub.len(), 359);
}

#[test]
fn malformed_text_names_the_line_and_the_field() {
    let good = row("3", "7");
    let ok = Digits::parse(&table(&[&good, &good])).unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok.images[10], 3.0 / 16.0);

    let err = |text: &str| Digits::parse(text).unwrap_err();

    // Wrong column count: line 3 (the header is line 1) lacks its label.
    let short = vec!["0"; 64].join(",");
    let e = err(&table(&[&good, &short]));
    assert_eq!((e.line, e.error.field), (3, "columns"));
    assert_eq!(e.to_string(), "line 3: columns has 64 values where 65 are expected");

    // A pixel of 17.
    let e = err(&table(&[&row("17", "1")]));
    assert_eq!((e.line, e.error.field), (2, "pixel"));
    assert_eq!(e.to_string(), "line 2: pixel must be between 0 and 16 (got 17)");

    // Text, a fraction, a negative number, an empty cell.
    for bad in ["abc", "2.5", "-1", ""] {
        let e = err(&table(&[&good, &row(bad, "1")]));
        assert_eq!((e.line, e.error.field), (3, "pixel"), "{bad:?}: {e}");
    }

    // A label that is not a digit.
    let e = err(&table(&[&row("0", "10")]));
    assert_eq!((e.line, e.error.field), (2, "digit"));
    let e = err(&table(&[&row("0", "x")]));
    assert_eq!((e.line, e.error.field), (2, "digit"));

    // Empty text, only blank lines, a header without rows, a wrong header.
    assert_eq!(err("").error.field, "rows");
    assert_eq!(err("\n\n  \n").error.field, "rows");
    assert_eq!(err(&table(&[])).error.field, "rows");
    assert_eq!(err("a,b,c\n1,2,3").error.field, "columns");

    // Windows line ends and a trailing newline are fine.
    let crlf = table(&[&good, &good]).replace('\n', "\r\n") + "\r\n";
    assert_eq!(Digits::parse(&crlf).unwrap().len(), 2);
}

/// A drawing reduced like the scans: 4 × 4 blocks of a 32 × 32 grid counted over 16.
#[test]
fn a_drawn_scan_is_reduced_as_the_data_sets_scans_were() {
    use perplexed_core::data::digits::from_scan;
    let mut dots = vec![false; 32 * 32];
    // Block (0, 0) fully inked: 16/16 = 1. Block (2, 5): rows 8–11, columns 20–23; ink its
    // top row (4 dots) and one more dot: 5/16 = 0.3125. Dot (31, 31) alone in block (7, 7): 1/16.
    for r in 0..4 {
        for c in 0..4 {
            dots[r * 32 + c] = true;
        }
    }
    for c in 20..24 {
        dots[8 * 32 + c] = true;
    }
    dots[10 * 32 + 21] = true;
    dots[31 * 32 + 31] = true;
    let image = from_scan(&dots);
    assert_eq!(image.len(), 64);
    assert_eq!(image[0], 1.0);
    assert_eq!(image[2 * 8 + 5], 0.3125);
    assert_eq!(image[63], 0.0625);
    assert_eq!(image.iter().filter(|&&v| v > 0.0).count(), 3);
    assert_eq!(from_scan(&[true; 10]), vec![0.0; 64], "a scan of another size is blank paper");
}
