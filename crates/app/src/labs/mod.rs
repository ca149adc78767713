//! The lab registry: one entry per lab, in one list. It drives the navigation, the home page's
//! concept map and the browser test that visits every lab — a new lab registered here is
//! linked and tested for free.
//!
//! Each lab is also its own download: `src/bin/lab-<slug>.rs` mounts the shell around that
//! lab's `page()` alone, so a visitor's browser fetches the code of the page they open and
//! nothing else (the home page is `src/bin/home.rs`). The loader (`web/loader.js`) picks the
//! bundle from `?lab=`; a test keeps its list, the binaries and this registry in step.

use crate::home_text::HT;

pub mod attention;
pub mod clustering;
pub mod cnn;
pub mod data;
pub mod descent;
pub mod embedding;
pub mod generative;
pub mod headings;
pub mod language;
pub mod overfitting;
pub mod playground;
pub mod rl;
pub mod sequence;
pub mod trees;

pub use crate::components::lab_shell::Lab;

/// Every lab, in the order the navigation shows them.
pub static LABS: &[Lab] = &[playground::LAB, descent::LAB, overfitting::LAB, trees::LAB, clustering::LAB, cnn::LAB, sequence::LAB, attention::LAB, embedding::LAB, language::LAB, rl::LAB, generative::LAB, data::LAB];

pub fn find(slug: &str) -> Option<&'static Lab> {
    LABS.iter().find(|l| l.slug == slug)
}

/// A lab's title and summary, by its slug: for the pages that list every lab (the home page,
/// the lesson editor); a lab's own page names its `HEADING` alone.
pub fn heading(slug: &str) -> Option<&'static crate::components::lab_shell::Heading> {
    Some(match slug {
        "playground" => playground::HEADING,
        "descent" => descent::HEADING,
        "overfitting" => overfitting::HEADING,
        "trees" => trees::HEADING,
        "clustering" => clustering::HEADING,
        "cnn" => cnn::HEADING,
        "sequence" => sequence::HEADING,
        "attention" => attention::HEADING,
        "embedding" => embedding::HEADING,
        "language" => language::HEADING,
        "rl" => rl::HEADING,
        "generative" => generative::HEADING,
        "data" => data::HEADING,
        _ => return None,
    })
}

/// One concept of the thread, explained in a sentence and linked to a lab in a preset that
/// shows it.
pub struct Concept {
    /// The thread's numbering (it has no item 20).
    pub number: u8,
    pub title: crate::i18n::Label,
    pub text: crate::i18n::Label,
    pub lab: &'static str,
    /// Query parameters (after `lab=`) that set the lab up to show this concept.
    pub preset: &'static str,
}

/// The concepts the existing labs teach, in the thread's order.
pub static CONCEPTS: &[Concept] = &[
    Concept { number: 1, title: HT::C1Title, text: HT::C1Text, lab: "playground", preset: "dataset=gaussian&noise=30&train=50&val=25&show_test=true" },
    Concept { number: 2, title: HT::C2Title, text: HT::C2Text, lab: "playground", preset: "dataset=circle&features=x1sq,x2sq&layers=&activation=linear" },
    Concept { number: 3, title: HT::C3Title, text: HT::C3Text, lab: "playground", preset: "dataset=plane&problem=regression&loss=mse&layers=3" },
    Concept { number: 4, title: HT::C4Title, text: HT::C4Text, lab: "playground", preset: "dataset=xor&layers=8,4" },
    Concept { number: 5, title: HT::C5Title, text: HT::C5Text, lab: "clustering", preset: clustering::CONCEPT_PRESET },
    Concept { number: 6, title: HT::C6Title, text: HT::C6Text, lab: "rl", preset: rl::CONCEPT_PRESET },
    Concept { number: 7, title: HT::C7Title, text: HT::C7Text, lab: "playground", preset: "dataset=circle&layers=4,2&activation=tanh" },
    Concept { number: 8, title: HT::C8Title, text: HT::C8Text, lab: "playground", preset: "dataset=spiral&layers=8,8,8,8&activation=relu&optimizer=adam&lr=0.01" },
    Concept { number: 9, title: HT::C9Title, text: HT::C9Text, lab: "playground", preset: "dataset=three&loss=crossentropy&layers=6" },
    Concept { number: 10, title: HT::C10Title, text: HT::C10Text, lab: "descent", preset: "surface=bowl&condition=20&race=sgd:0.0003,sgd:0.05,sgd:0.099,sgd:0.12&steps=100" },
    Concept { number: 11, title: HT::C11Title, text: HT::C11Text, lab: "playground", preset: "dataset=moons&layers=5,3&noise=15&speed=watch" },
    Concept { number: 12, title: HT::C12Title, text: HT::C12Text, lab: "playground", preset: "dataset=gaussian&batch=1&optimizer=sgd&lr=0.03&speed=batch" },
    Concept { number: 13, title: HT::C13Title, text: HT::C13Text, lab: "descent", preset: "surface=rosenbrock&race=sgd:0.001,momentum:0.001,adam:0.02,lion:0.003&steps=2000" },
    Concept { number: 14, title: HT::C14Title, text: HT::C14Text, lab: "playground", preset: "dataset=spiral&layers=16,16&activation=relu&lr=0.01" },
    Concept { number: 15, title: HT::C15Title, text: HT::C15Text, lab: "cnn", preset: cnn::CONCEPT_PRESET },
    Concept { number: 16, title: HT::C16Title, text: HT::C16Text, lab: "attention", preset: attention::CONCEPT_PRESET },
    Concept { number: 17, title: HT::C17Title, text: HT::C17Text, lab: "sequence", preset: sequence::CONCEPT_PRESET },
    Concept { number: 18, title: HT::C18Title, text: HT::C18Text, lab: "embedding", preset: embedding::CONCEPT_PRESET },
    Concept { number: 19, title: HT::C19Title, text: HT::C19Text, lab: "trees", preset: trees::CONCEPT_PRESET },
    Concept { number: 21, title: HT::C21Title, text: HT::C21Text, lab: "playground", preset: "dataset=spiral&noise=20&lr=1&optimizer=sgd" },
    Concept { number: 22, title: HT::C22Title, text: HT::C22Text, lab: "overfitting", preset: "function=sine&points=20&noise=25&degree=15" },
    Concept { number: 23, title: HT::C23Title, text: HT::C23Text, lab: "language", preset: language::CONCEPT_PRESET },
    Concept { number: 24, title: HT::C24Title, text: HT::C24Text, lab: "generative", preset: generative::CONCEPT_PRESET },
    Concept { number: 25, title: HT::C25Title, text: HT::C25Text, lab: "data", preset: data::CONCEPT_PRESET },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::playground::params::PlaygroundParams;
    use crate::query::{parse_query, LabParams, QueryReader};

    /// A preset must show what its card promises: each trains (natively, through the same
    /// engine the page uses) to the stated validation score within the stated epochs.
    #[test]
    fn concept_presets_teach_what_they_claim() {
        use crate::labs::playground::engine::Engine;
        use perplexed_core::data::split::Role;
        // (concept, epochs, minimum validation accuracy — or R² for regression)
        let expectations = [(1, 200, 0.75), (2, 300, 0.9), (3, 300, 0.9), (4, 400, 0.9), (7, 400, 0.9), (8, 600, 0.85), (9, 200, 0.95), (11, 400, 0.85), (12, 100, 0.9), (14, 600, 0.85)];
        for (number, epochs, min_score) in expectations {
            let c = CONCEPTS.iter().find(|c| c.number == number).unwrap();
            let mut r = QueryReader::new(parse_query(c.preset));
            let p = PlaygroundParams::from_query(&mut r);
            let mut e = Engine::new(p);
            for _ in 0..epochs {
                e.step();
            }
            let m = e.metrics(Role::Validation).unwrap();
            let score = m.accuracy.or(m.r2).unwrap();
            assert!(!e.diverged(), "concept {number} diverged");
            assert!(score >= min_score, "concept {number} ({}): validation score {score:.3} < {min_score} after {epochs} epochs", c.preset);
        }
    }

    /// The home page lists the concepts as the thread numbers them, and the cards about pace
    /// open at the pace their lesson needs: ten epochs a second, one mini-batch a frame.
    #[test]
    fn concepts_follow_the_thread_and_set_their_pace() {
        assert!(CONCEPTS.windows(2).all(|w| w[0].number < w[1].number), "{:?}", CONCEPTS.iter().map(|c| c.number).collect::<Vec<_>>());
        use crate::labs::playground::params::Speed;
        let speed = |n: u8| {
            let c = CONCEPTS.iter().find(|c| c.number == n).unwrap();
            PlaygroundParams::from_query(&mut QueryReader::new(parse_query(c.preset))).speed
        };
        assert_eq!(speed(11), Speed::Watch, "epoch: the counter ticks ten times a second");
        assert_eq!(speed(12), Speed::Batch, "mini-batch");
        assert_eq!(PlaygroundParams::default().speed, Speed::Watch, "a visitor's first Play can be followed");
    }

    #[test]
    fn slugs_are_unique_and_url_safe() {
        for (i, a) in LABS.iter().enumerate() {
            assert!(a.slug.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}", a.slug);
            assert!(LABS[i + 1..].iter().all(|b| b.slug != a.slug));
        }
    }

    #[test]
    fn every_concept_links_to_a_registered_lab_with_a_valid_preset() {
        for c in CONCEPTS {
            let Some(lab) = find(c.lab) else { panic!("concept {} → {}: no such lab", c.number, c.lab) };
            let rejected = (lab.validate)(c.preset);
            assert!(rejected.is_empty(), "concept {} preset rejected {:?}", c.number, rejected);
            assert!(LABS.iter().any(|l| l.concepts.contains(&c.number)), "concept {} taught by no lab", c.number);
        }
    }
}

/// The registry, the bundles and the page's loader must agree: a lab missing from any of them
/// would be unreachable or would open the home page instead.
#[cfg(test)]
mod bundle_tests {
    use super::LABS;

    const INDEX_HTML: &str = include_str!("../../../../index.html");
    const LOADER: &str = include_str!("../../../../web/loader.js");

    #[test]
    fn every_lab_has_a_bundle_a_trunk_link_and_a_place_in_the_loader() {
        let loader_line = LOADER.lines().find(|l| l.contains("const LABS = [")).expect("loader list in web/loader.js");
        let list = &loader_line[loader_line.find('[').unwrap() + 1..loader_line.find(']').unwrap()];
        let loader: Vec<&str> = list.split(',').map(|s| s.trim().trim_matches('"')).filter(|s| !s.is_empty()).collect();
        let registry: Vec<&str> = LABS.iter().map(|l| l.slug).collect();
        assert_eq!(loader, registry, "web/loader.js's list differs from LABS");
        // Each lab's further pages: their list in the loader, and their bundles below.
        let parts_line = LOADER.lines().find(|l| l.contains("const PARTS = {")).expect("parts map in web/loader.js");
        for lab in LABS {
            for part in lab.parts {
                assert!(parts_line.contains(&format!("\"{}\": [\"{part}\"", lab.slug)) || parts_line.contains(&format!("\"{part}\"")), "web/loader.js's PARTS lacks {}/{part}", lab.slug);
            }
        }
        let parts = LABS.iter().flat_map(|l| l.parts.iter().map(move |p| format!("lab-{}-{p}", l.slug)));
        for slug in registry.iter().map(|s| format!("lab-{s}")).chain(parts).chain(["home".to_string()]) {
            let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/bin/{slug}.rs"));
            assert!(bin.exists(), "missing bundle {}", bin.display());
            assert!(INDEX_HTML.contains(&format!("data-bin=\"{slug}\"")), "index.html builds no bundle {slug}");
        }
    }
}
