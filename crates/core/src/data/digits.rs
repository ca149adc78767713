//! # Hand-written digits: 8 × 8 grey images of 0–9
//!
//! The UCI "Optical Recognition of Handwritten Digits" set (E. Alpaydin, C. Kaynak, 1998), the
//! test-set copy distributed with scikit-learn (CC BY 4.0): 1,797 digits written by people, scanned and
//! reduced to 8 × 8 blocks. Each pixel counts the inked dots of a 4 × 4 block of the 32 × 32
//! scan, so it is a whole number from 0 (white) to 16 (fully inked).
//!
//! The CSV has a header row `p0,p1,…,p63,digit` and one digit per line: 64 pixels row by row
//! (pixel `(r, c)` is column `p{8r + c}`), then the label. [`Digits::parse`] scales every
//! pixel to `[0, 1]`,
//!
//! ```text
//! x = pixel / 16
//! ```
//!
//! so a network's inputs have the size its initialisation expects.
//!
//! Text that is not such a table is an error naming the line (1 = the header) and the
//! setting-like field at fault (`"columns"`, `"pixel"`, `"digit"`, `"rows"`), never a panic:
//! a learner may one day load their own file.
//!
//! A digit drawn on a page becomes an input the same way the scans did ([`from_scan`]): a
//! 32 × 32 grid of inked / blank dots, each 4 × 4 block counted and divided by 16.
//!
//! The rows are split into train / validation / test like every data set of the site
//! ([`crate::data::split`]): by ranked keys drawn from the seed's `SPLIT` stream
//! ([`Digits::split_keys`]).

use std::fmt;

use crate::error::ParamError;
use crate::rng::{streams, Rng};

/// Side of the scan a digit was reduced from, and of the block one pixel counts.
pub const SCAN_SIDE: usize = 32;
pub const BLOCK: usize = SCAN_SIDE / SIDE;

/// A 32 × 32 scan (`true` = inked dot, row by row) reduced as the data set's digits were: pixel
/// `(r, c)` = inked dots in block `(r, c)` / 16, in `[0, 1]`. A scan of another size gives
/// blank paper (64 zeros).
pub fn from_scan(dots: &[bool]) -> Vec<f32> {
    let mut image = vec![0.0; PIXELS];
    if dots.len() != SCAN_SIDE * SCAN_SIDE {
        return image;
    }
    for (i, _) in dots.iter().enumerate().filter(|(_, &d)| d) {
        let (r, c) = (i / SCAN_SIDE / BLOCK, i % SCAN_SIDE / BLOCK);
        image[r * SIDE + c] += 1.0;
    }
    image.iter_mut().for_each(|v| *v /= (BLOCK * BLOCK) as f32);
    image
}

/// Side of an image in pixels.
pub const SIDE: usize = 8;
/// Pixels in an image (`SIDE²`).
pub const PIXELS: usize = SIDE * SIDE;
/// Largest pixel value in the file (16 of the 16 dots of a block inked).
pub const MAX_PIXEL: u8 = 16;
/// The ten classes 0–9.
pub const CLASSES: usize = 10;

/// Images and their labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Digits {
    /// `n × 64` pixels in `[0, 1]` (file value / 16), row-major, one image after the other.
    pub images: Vec<f32>,
    /// The digit each image shows, 0–9.
    pub labels: Vec<u8>,
}

/// What is wrong with a CSV, and where: `line` counts from 1, the header being line 1.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvError {
    pub line: usize,
    pub error: ParamError,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

impl std::error::Error for CsvError {}

/// Columns in a line: 64 pixels and the digit.
const COLUMNS: usize = PIXELS + 1;

/// One cell as a whole number in `0..=max`; `field` names it in the error.
fn whole_number(cell: &str, field: &'static str, max: u8) -> Result<u8, ParamError> {
    let cell = cell.trim();
    if let Ok(v) = cell.parse::<u8>() {
        return if v <= max { Ok(v) } else { Err(ParamError::out_of_range(field, 0.0, max.into(), v.into())) };
    }
    // Not a small whole number: say what it is instead, a fraction, a big or negative number,
    // or no number at all (text, an empty cell → NaN in the message).
    match cell.parse::<f64>() {
        Ok(v) if v.is_finite() && v == v.trunc() => Err(ParamError::out_of_range(field, 0.0, max.into(), v)),
        Ok(v) if v.is_finite() => Err(ParamError::not_whole(field, 0.0, max.into(), v)),
        Ok(v) => Err(ParamError::not_finite(field, v)),
        Err(_) => Err(ParamError::not_finite(field, f64::NAN)),
    }
}

impl Digits {
    /// Reads the CSV described in the module docs. Blank lines are skipped (a trailing newline
    /// is normal); Windows line ends are accepted.
    ///
    /// Errors, with the line: `"rows"` (no digit at all), `"columns"` (a line without 65
    /// cells, the header included), `"pixel"` (not a whole number from 0 to 16), `"digit"`
    /// (not a whole number from 0 to 9).
    pub fn parse(text: &str) -> Result<Digits, CsvError> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty());
        let Some((header_line, header)) = lines.next() else {
            return Err(CsvError { line: 1, error: ParamError::too_few("rows", 1, 0) });
        };
        let header_cells = header.split(',').count();
        if header_cells != COLUMNS {
            let error = ParamError::length_mismatch("columns", COLUMNS, header_cells);
            return Err(CsvError { line: header_line, error });
        }
        let mut digits = Digits::default();
        for (line, text) in lines {
            let at = |error| CsvError { line, error };
            let cells = text.split(',').count();
            if cells != COLUMNS {
                return Err(at(ParamError::length_mismatch("columns", COLUMNS, cells)));
            }
            let mut cells = text.split(',');
            for cell in cells.by_ref().take(PIXELS) {
                let v = whole_number(cell, "pixel", MAX_PIXEL).map_err(at)?;
                digits.images.push(f32::from(v) / f32::from(MAX_PIXEL));
            }
            let label = cells.next().unwrap_or("");
            digits.labels.push(whole_number(label, "digit", CLASSES as u8 - 1).map_err(at)?);
        }
        if digits.is_empty() {
            return Err(CsvError { line: header_line + 1, error: ParamError::too_few("rows", 1, 0) });
        }
        Ok(digits)
    }

    /// Number of images.
    pub fn len(&self) -> usize {
        self.labels.len()
    }
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Image `i` (64 values in `[0, 1]`, row-major), or `None` past the end.
    pub fn image(&self, i: usize) -> Option<&[f32]> {
        self.images.get(i * PIXELS..(i + 1) * PIXELS)
    }

    /// How many images show each digit.
    pub fn counts_per_digit(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &l in &self.labels {
            if let Some(c) = counts.get_mut(usize::from(l)) {
                *c += 1;
            }
        }
        counts
    }

    /// One key per image from `Rng::stream(seed, SPLIT)`, for [`crate::data::split::Split::new`]:
    /// the same seed always gives the same split, whatever the model.
    pub fn split_keys(&self, seed: u64) -> Vec<f32> {
        let mut rng = Rng::stream(seed, streams::SPLIT);
        (0..self.len()).map(|_| rng.next_f32()).collect()
    }

    /// The images and labels at `indices` (out-of-range indices are skipped), in that order.
    pub fn subset(&self, indices: &[usize]) -> Digits {
        let mut out = Digits::default();
        for &i in indices {
            if let Some(img) = self.image(i) {
                out.images.extend_from_slice(img);
                out.labels.push(self.labels[i]);
            }
        }
        out
    }
}
