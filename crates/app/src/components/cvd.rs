//! The colour-blindness check of the page's palettes (tests only: nothing here is downloaded).
//!
//! A colour as a person with a colour-vision deficiency sees it is simulated with the matrices of
//! Machado, Oliveira & Fernandes (2009) at full severity, applied to linear RGB:
//! `rgb_seen = M · rgb_linear`, where `rgb_linear = ((c + 0.055) / 1.055)^2.4` for each sRGB
//! channel `c > 0.04045` (and `c / 12.92` below). Two colours stay apart when their distance in
//! CIELab (ΔE*ab, D65) is at least [`APART`].
//!
//! Checked for the three common deficiencies — protanopia, deuteranopia (together about 6 % of
//! men) and tritanopia — on every palette whose colours share one picture. The simulation itself
//! is checked against colorspacious, the Python library scientists use for it
//! (`crates/app/fixtures/make_cvd_reference.py`, colorspacious 1.1.2).

/// ΔE*ab below which two colours of one picture count as confusable. 2.3 is the smallest
/// difference people notice side by side; 15 asks for a difference seen at a glance between
/// thin lines, not just between large patches.
const APART: f64 = 15.0;

#[derive(Clone, Copy, Debug)]
enum Vision {
    Normal,
    Protanopia,
    Deuteranopia,
    Tritanopia,
}

/// Machado et al. 2009, Table 1, severity 1.0.
fn matrix(v: Vision) -> Option<[[f64; 3]; 3]> {
    match v {
        Vision::Normal => None,
        Vision::Protanopia => Some([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
        Vision::Deuteranopia => Some([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
        Vision::Tritanopia => Some([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
    }
}

fn to_linear(c: f64) -> f64 {
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

fn from_linear(c: f64) -> f64 {
    if c <= 0.0031308 { 12.92 * c } else { 1.055 * c.powf(1.0 / 2.4) - 0.055 }
}

/// An sRGB colour (0..1 a channel) as `v` sees it, clipped to what a screen can show.
fn seen(rgb: [f64; 3], v: Vision) -> [f64; 3] {
    let Some(m) = matrix(v) else { return rgb };
    let lin = rgb.map(to_linear);
    let row = |r: [f64; 3]| from_linear((r[0] * lin[0] + r[1] * lin[1] + r[2] * lin[2]).clamp(0.0, 1.0));
    [row(m[0]), row(m[1]), row(m[2])]
}

/// CIELab (D65) of an sRGB colour: linear RGB → XYZ (IEC 61966-2-1) → L*a*b*.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(to_linear);
    let xyz = [
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    ];
    let f = |t: f64| if t > (6.0f64 / 29.0).powi(3) { t.cbrt() } else { t / (3.0 * (6.0f64 / 29.0).powi(2)) + 4.0 / 29.0 };
    let [fx, fy, fz] = xyz.map(f);
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

fn rgb1(hex: &str) -> [f64; 3] {
    super::chart::hex(hex).map(|c| f64::from(c) / 255.0)
}

/// The closest two colours of `colours` as `v` sees them: (ΔE, first, second).
fn closest(colours: &[&str], v: Vision) -> (f64, usize, usize) {
    let labs: Vec<[f64; 3]> = colours.iter().map(|c| lab(seen(rgb1(c), v))).collect();
    let mut worst = (f64::INFINITY, 0, 0);
    for i in 0..labs.len() {
        for j in i + 1..labs.len() {
            let d = distance(labs[i], labs[j]);
            if d < worst.0 {
                worst = (d, i, j);
            }
        }
    }
    worst
}

const VISIONS: [(Vision, &str); 4] =
    [(Vision::Normal, "normal"), (Vision::Protanopia, "protanopia"), (Vision::Deuteranopia, "deuteranopia"), (Vision::Tritanopia, "tritanopia")];

fn hex_of(c: super::colors::Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// A CSS custom property of the stylesheet in the light theme (`:root`), or in the dark one
/// (its own value, else the light theme's, which it inherits).
fn css_var(name: &str, dark: bool) -> String {
    const STYLE: &str = include_str!("../../../../web/style.css");
    let block = |start: &str| {
        let from = STYLE.find(start).expect("the theme's block");
        &STYLE[from..from + STYLE[from..].find('}').expect("its end")]
    };
    let find = |block: &str| block.find(&format!("--{name}:")).map(|at| block[at + name.len() + 3..].split(';').next().unwrap_or("").trim().to_owned());
    let light = find(block(":root {")).expect("the variable in the light theme");
    if dark { find(block(":root[data-theme=\"dark\"] {")).unwrap_or(light) } else { light }
}

/// The palettes the page draws with, from the code and the stylesheet themselves.
fn palettes() -> Vec<(&'static str, Vec<String>)> {
    use super::colors::{CLASS, NEUTRAL};
    let lines = |dark: bool| {
        let mut v: Vec<String> = ["train-hex", "val-hex", "test-hex"].iter().map(|n| css_var(n, dark)).collect();
        v.push(hex_of(CLASS[2]));
        v.push(hex_of(CLASS[1]));
        v.push(css_var("panel-hex", dark));
        v
    };
    let mut classes: Vec<String> = CLASS.iter().map(|&c| hex_of(c)).collect();
    classes.push(hex_of(NEUTRAL));
    vec![
        ("lines-light", lines(false)),
        ("lines-dark", lines(true)),
        ("classes", classes),
        ("racers", crate::labs::descent::RACER_COLOURS.iter().map(|s| s.to_string()).collect()),
        ("clusters", crate::labs::clustering::draw::CLUSTER[..8].iter().map(|&c| hex_of(c)).collect()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> serde_json::Value {
        serde_json::from_str(include_str!("../../fixtures/cvd_reference.json")).expect("the fixture is JSON")
    }

    fn triple(v: &serde_json::Value) -> [f64; 3] {
        let a = v.as_array().expect("three numbers");
        [0, 1, 2].map(|i| a[i].as_f64().expect("a number"))
    }

    #[test]
    fn the_simulation_agrees_with_colorspacious() {
        let r = reference();
        let mut checked = 0;
        for (name, entry) in r["palettes"].as_object().expect("palettes") {
            let colours: Vec<&str> = entry["colours"].as_array().expect("colours").iter().map(|c| c.as_str().expect("hex")).collect();
            for (v, person) in VISIONS {
                for (c, want) in colours.iter().zip(entry["seen"][person].as_array().expect("seen")) {
                    let got = seen(rgb1(c), v);
                    let (rgb, want_lab) = (triple(&want["rgb"]), triple(&want["lab"]));
                    assert!(distance(got, rgb) < 2e-3, "{name} {c} as {person}: {got:?}, colorspacious {rgb:?}");
                    assert!(distance(lab(got), want_lab) < 0.05, "{name} {c} as {person}: Lab {:?}, colorspacious {want_lab:?}", lab(got));
                    checked += 1;
                }
            }
        }
        assert!(checked >= 100, "{checked} colours checked");
    }

    #[test]
    fn the_fixture_holds_the_palettes_the_page_draws_with() {
        let r = reference();
        for (name, colours) in palettes() {
            let fixture: Vec<&str> = r["palettes"][name]["colours"].as_array().unwrap_or_else(|| panic!("{name} in the fixture")).iter().map(|c| c.as_str().unwrap_or("")).collect();
            assert_eq!(colours, fixture, "{name} changed: run crates/app/fixtures/make_cvd_reference.py");
        }
    }

    #[test]
    fn every_palette_stays_apart_for_the_three_common_deficiencies() {
        for (name, colours) in palettes() {
            let colours: Vec<&str> = colours.iter().map(String::as_str).collect();
            for (v, person) in VISIONS {
                let (d, i, j) = closest(&colours, v);
                assert!(d >= APART, "{name} as {person}: {} and {} only ΔE {d:.1} apart", colours[i], colours[j]);
            }
        }
    }

    #[test]
    fn the_check_catches_red_against_green() {
        // The classic confusion: ΔE 120 apart for normal vision, 7 for deuteranopia.
        let red_green = ["#d62728", "#2ca02c"];
        assert!(closest(&red_green, Vision::Normal).0 > 100.0);
        assert!(closest(&red_green, Vision::Deuteranopia).0 < APART);
    }
}
