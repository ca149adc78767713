//! Colours: a palette safe for colour-blind viewers (Okabe–Ito) and the scales that turn a
//! model's output into a heatmap pixel. Display only — the numbers come from core.

pub type Rgb = [u8; 3];

/// Class colours: orange, blue, bluish green (Okabe–Ito), distinguishable with any common
/// colour-vision deficiency.
pub const CLASS: [Rgb; 3] = [[230, 159, 0], [0, 114, 178], [0, 158, 115]];
pub const NEGATIVE: Rgb = CLASS[0];
pub const POSITIVE: Rgb = CLASS[1];
pub const NEUTRAL: Rgb = [245, 245, 245];

pub fn css(c: Rgb) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

pub fn css_alpha(c: Rgb, a: f32) -> String {
    format!("rgba({},{},{},{a:.3})", c[0], c[1], c[2])
}

/// `a` moved a share `t` (0..=1) of the way to `b`.
pub fn mix(a: Rgb, b: Rgb, t: f32) -> Rgb {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round() as u8;
    [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
}

/// A value in [-1, 1] on a diverging scale: orange ← light grey → blue. `NaN` is grey.
pub fn signed(v: f32, discretize: bool) -> Rgb {
    if !v.is_finite() {
        return [170, 170, 170];
    }
    let v = v.clamp(-1.0, 1.0);
    if discretize {
        let c = if v < 0.0 { NEGATIVE } else { POSITIVE };
        return mix(NEUTRAL, c, 0.45);
    }
    // 0.6 keeps even confident regions light enough for the points on top to stand out.
    if v < 0.0 {
        mix(NEUTRAL, NEGATIVE, -v * 0.6)
    } else {
        mix(NEUTRAL, POSITIVE, v * 0.6)
    }
}

/// Class probabilities: the winning class's colour, stronger the surer the model is.
pub fn classes(probs: &[f32], discretize: bool) -> Rgb {
    let (best, p) = probs
        .iter()
        .copied()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |acc, (i, p)| if p > acc.1 { (i, p) } else { acc });
    if !p.is_finite() {
        return [170, 170, 170];
    }
    let k = probs.len().max(2) as f32;
    let confidence = if discretize { 0.75 } else { ((p - 1.0 / k) / (1.0 - 1.0 / k)).clamp(0.0, 1.0) };
    mix(NEUTRAL, CLASS[best % CLASS.len()], confidence * 0.6)
}

/// RGBA pixels for a res×res grid of model outputs (`per_point` values per cell).
pub fn heatmap_rgba(values: &[f32], per_point: usize, discretize: bool, out: &mut Vec<u8>) {
    out.clear();
    for cell in values.chunks_exact(per_point.max(1)) {
        let c = if per_point <= 1 { signed(cell[0], discretize) } else { classes(cell, discretize) };
        out.extend_from_slice(&[c[0], c[1], c[2], 255]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_scale_ends_and_middle() {
        assert_eq!(signed(0.0, false), NEUTRAL);
        assert_ne!(signed(-1.0, false), signed(1.0, false));
        assert_eq!(signed(f32::NAN, false), [170, 170, 170]);
        assert_eq!(signed(0.2, true), signed(0.9, true));
    }

    #[test]
    fn class_colour_follows_the_winner() {
        let c = classes(&[0.1, 0.8, 0.1], true);
        assert_eq!(c, classes(&[0.0, 1.0, 0.0], true));
        assert_eq!(classes(&[1.0 / 3.0; 3], false), NEUTRAL);
    }

    #[test]
    fn heatmap_has_four_bytes_per_cell() {
        let mut out = Vec::new();
        heatmap_rgba(&[0.0, 0.5, 0.5, 0.0, 1.0, 0.0], 3, false, &mut out);
        assert_eq!(out.len(), 8);
    }
}
