//! Core's [`ParamError`]s as sentences in the page's language, and the control they name marked
//! invalid.
//!
//! Core says what is wrong as data (a setting's code name and an [`ErrorKind`] with its
//! numbers); this is the one place that words it. Labs keep the error itself and call [`say`] at
//! view time, so switching language re-translates a notice that is already on screen.

use leptos::prelude::*;
use perplexed_core::error::{number, ErrorKind, ParamError};

use crate::i18n::{fill, Label, Lang, P};

crate::i18n::table! {
    E;
    // ---- one template per kind; the first `{}` is always the setting's readable name
    Between => "{} must be between {} and {} (got {}).", "הערך של {} צריך להיות בין {} ל־{} (התקבל {}).";
    AtLeast => "{} must be at least {} (got {}).", "הערך של {} צריך להיות לפחות {} (התקבל {}).";
    Above => "{} must be above {} (got {}).", "הערך של {} צריך להיות גדול מ־{} (התקבל {}).";
    AboveAtMost => "{} must be above {} and at most {} (got {}).",
                   "הערך של {} צריך להיות גדול מ־{} ולכל היותר {} (התקבל {}).";
    AtLeastBelow => "{} must be at least {} and below {} (got {}).",
                    "הערך של {} צריך להיות לפחות {} וקטן מ־{} (התקבל {}).";
    AboveBelow => "{} must be above {} and below {} (got {}).",
                  "הערך של {} צריך להיות גדול מ־{} וקטן מ־{} (התקבל {}).";
    NotWhole => "{} must be a whole number from {} to {} (got {}).",
                "הערך של {} צריך להיות מספר שלם בין {} ל־{} (התקבל {}).";
    NotFinite => "{} must be a finite number (got {}).", "הערך של {} צריך להיות מספר סופי (התקבל {}).";
    // Counts come as counted nouns ("1 point", "נקודה אחת"), so no verb here agrees with one.
    TooFew => "{}: at least {} needed (got {}).", "{}: צריך לפחות {}, אבל יש {}.";
    NeedsPoints => "With {} at {}, there must be at least {} at different places (got {}).",
                   "כש{} הוא {}, צריך לפחות {} במקומות שונים, אבל יש רק {}.";
    LengthMismatch => "{}: {} needed (got {}).", "{}: צריך {}, אבל יש {}.";
    NotWholeRows => "{}: {} cannot be split into rows of {}.", "{}: אי אפשר לחלק {} לשורות של {}.";
    EmptyInterval => "{} needs finite ends with the low end below the high end (got {} to {}).",
                     "{}: הקצוות צריכים להיות מספרים סופיים, והתחתון קטן מהעליון (התקבל {} עד {}).";
    NeedsTwoClasses => "{}: classification needs points of at least two classes.",
                       "{}: סיווג צריך נקודות משתי מחלקות לפחות.";
    Unsupported => "{} cannot be used with the other settings.", "{}: הבחירה הזאת לא מתאימה לשאר ההגדרות.";
    NotANumber => "not a number", "לא מספר";
}

/// Readable names of core's field code names. Core's names follow its parameters, and two
/// families share some (`eps` is Adam's ε and DBSCAN's radius, both ε); code names not listed
/// (internal shapes a visitor cannot set) read as [`SETTING`] — never the code name, English.
const FIELDS: &[(&[&str], Label)] = &[
    (&["lr", "learning_rate"], Label::new("the learning rate", "קצב הלמידה")),
    (&["points"], Label::new("the number of points", "מספר הנקודות")),
    (&["k", "k_max", "centroids", "centroid"], Label::new("the number of clusters", "מספר האשכולות")),
    (&["clusters"], Label::new("the number of groups", "מספר הקבוצות")),
    (&["max_depth"], Label::new("the depth", "העומק")),
    (&["noise"], Label::new("the noise", "הרעש")),
    (&["spread"], Label::new("the spread", "הפיזור")),
    (&["rounds"], Label::new("the number of rounds", "מספר הסבבים")),
    (&["n_trees"], Label::new("the number of trees", "מספר העצים")),
    (&["eps", "rms_eps", "adagrad_eps"], Label::new("epsilon ε", "אפסילון ε")),
    (&["min_samples"], Label::new("the minimum points", "מינימום הנקודות")),
    (&["folds"], Label::new("the number of folds", "מספר הקיפולים")),
    (&["condition"], Label::new("the condition number", "מספר המצב")),
    (&["start"], Label::new("the starting point", "נקודת ההתחלה")),
    (&["momentum"], Label::new("the momentum", "המומנטום")),
    (&["beta1", "lion_beta1"], Label::new("β₁", "β₁")),
    (&["beta2", "lion_beta2"], Label::new("β₂", "β₂")),
    (&["alpha"], Label::new("the decay α", "מקדם הדעיכה α")),
    (&["weight_decay", "lion_weight_decay"], Label::new("the weight decay", "דעיכת המשקלים")),
    (&["features"], Label::new("the input features", "מאפייני הקלט")),
    (&["n_features", "row"], Label::new("the number of features", "מספר המאפיינים")),
    (&["layers"], Label::new("the number of hidden layers", "מספר השכבות הנסתרות")),
    (&["neurons"], Label::new("the number of neurons in a layer", "מספר הנוירונים בשכבה")),
    (&["classes"], Label::new("the number of classes", "מספר המחלקות")),
    (&["weight"], Label::new("the weight", "המשקל")),
    (&["bias"], Label::new("the bias", "ההטיה")),
    (&["loss"], Label::new("the loss function", "פונקציית ההפסד")),
    (&["subsample"], Label::new("the subsample share", "חלק הדגימה")),
    (&["min_samples_split"], Label::new("the minimum points to split a node", "מינימום הנקודות לפיצול צומת")),
    (&["min_samples_leaf"], Label::new("the minimum points in a leaf", "מינימום הנקודות בעלה")),
    (&["max_features"], Label::new("the features tried per split", "מספר המאפיינים שנבדקים בכל פיצול")),
    (&["train"], Label::new("the training set", "קבוצת האימון")),
    (&["val"], Label::new("the validation set", "קבוצת האימות")),
    (&["reg_rate"], Label::new("the regularization rate", "קצב הרגולריזציה")),
    (&["patience"], Label::new("the patience", "הסבלנות")),
    (&["degree"], Label::new("the degree", "המעלה")),
    (&["lambda"], Label::new("the ridge strength λ", "עוצמת הריסון λ")),
    (&["point"], Label::new("the point", "הנקודה")),
    (&["target"], Label::new("the target", "ערך המטרה")),
    (&["x"], Label::new("the inputs", "הקלטים")),
    (&["y"], Label::new("the targets", "ערכי המטרה")),
    (&["labels"], Label::new("the labels", "התוויות")),
    (&["n_init"], Label::new("the number of restarts", "מספר ההרצות מחדש")),
    (&["n_components"], Label::new("the number of components", "מספר הרכיבים")),
    (&["sample_size"], Label::new("the sample size", "גודל המדגם")),
    (&["batch"], Label::new("the batch size", "גודל הבאץ'")),
    (&["conv_layers"], Label::new("the number of convolution blocks", "מספר בלוקי הקונבולוציה")),
    (&["filters"], Label::new("the number of filters", "מספר המסננים")),
    (&["kernel"], Label::new("the kernel", "הגרעין")),
    (&["dense"], Label::new("the hidden layer", "השכבה הנסתרת")),
    (&["window"], Label::new("the pooling window", "חלון האיגום")),
    (&["stride"], Label::new("the stride", "הצעד")),
    (&["padding"], Label::new("the padding", "הריפוד")),
    (&["image"], Label::new("the image", "התמונה")),
    (&["file"], Label::new("the file", "הקובץ")),
    (&["length"], Label::new("the sequence length", "אורך הרצף")),
    (&["delay"], Label::new("the delay", "ההשהיה")),
    (&["hidden"], Label::new("the number of hidden units", "מספר היחידות הנסתרות")),
    (&["clip"], Label::new("the gradient clipping", "סף קיטום הגרדיאנט")),
    (&["examples"], Label::new("the number of examples", "מספר הדוגמאות")),
    (&["heads"], Label::new("the number of heads", "מספר הראשים")),
    (&["width"], Label::new("the width", "הרוחב")),
    // The embedding lab (its engine renames core's `alpha` to `lr` and `window` to `context`).
    (&["dim"], Label::new("the number of dimensions", "מספר הממדים")),
    (&["context"], Label::new("the context window", "חלון ההקשר")),
    (&["negatives"], Label::new("the number of negatives", "מספר הדוגמאות השליליות")),
    (&["sample"], Label::new("the subsampling threshold", "סף הדילול")),
    (&["min_count"], Label::new("the minimum count", "מינימום המופעים")),
    (&["epochs"], Label::new("the number of epochs", "מספר האפוקים")),
    (&["text_bytes"], Label::new("the pasted text's size in bytes", "גודל הטקסט שהודבק בבתים")),
    (&["text_words"], Label::new("the pasted text's words", "המילים בטקסט שהודבק")),
    (&["vocabulary"], Label::new("the vocabulary (words seen at least the minimum count)", "אוצר המילים (מילים שמופיעות לפחות מינימום המופעים)")),
    (&["words"], Label::new("the words shown", "המילים שמוצגות")),
    // The RL lab (its engine renames core's `alpha` to `lr` and `lambda` to `trace_lambda`).
    (&["world"], Label::new("the grid", "הלוח")),
    (&["goal"], Label::new("the goals", "המטרות")),
    (&["step_reward"], Label::new("the reward per move", "התגמול לכל צעד")),
    (&["slip"], Label::new("the chance the move goes as intended", "הסיכוי שהצעד יתבצע כמתוכנן")),
    (&["gamma"], Label::new("the discount γ", "מקדם ההיוון γ")),
    (&["epsilon"], Label::new("the exploration ε", "החקירה ε")),
    (&["decay"], Label::new("the decay of ε", "הדעיכה של ε")),
    (&["trace_lambda"], Label::new("the trace decay λ", "דעיכת העקבות λ")),
    (&["planning"], Label::new("the replays per move", "מספר השחזורים לכל צעד")),
    (&["episodes"], Label::new("the number of episodes", "מספר האפיזודות")),
    (&["max_moves"], Label::new("the moves before an episode is cut", "מספר הצעדים עד שאפיזודה נקטעת")),
    // The generative lab.
    (&["depth"], Label::new("the number of hidden layers", "מספר השכבות הנסתרות")),
    (&["timesteps"], Label::new("the number of noise steps T", "מספר צעדי הרעש")),
    (&["strokes"], Label::new("the drawing (draw at least one line)", "הציור (ציירו לפחות קו אחד)")),
    (&["samples"], Label::new("the number of points generated", "מספר הנקודות המיוצרות")),
    (&["ddim_steps"], Label::new("the number of DDIM steps", "מספר הצעדים של הדגימה המהירה")),
    (&["guidance"], Label::new("the guidance w", "עוצמת ההכוונה")),
    (&["steps"], Label::new("the number of training steps", "מספר צעדי האימון")),
    (&["lr_d"], Label::new("the discriminator's learning rate", "קצב הלמידה של המבחין")),
    (&["lr_g"], Label::new("the generator's learning rate", "קצב הלמידה של המחולל")),
    (&["d_steps"], Label::new("the discriminator's updates per round", "עדכוני המבחין בכל סבב")),
];
const SETTING: Label = Label::new("this setting", "הפרמטר");

fn name(field: &str) -> Label {
    FIELDS.iter().find(|(codes, _)| codes.contains(&field)).map_or(SETTING, |&(_, label)| label)
}

/// A number for a sentence in `lang`: core's rounding (which keeps what was typed), with words
/// for "not a number" (core's `NaN` is English), ∞ for infinities, and the page's minus sign
/// "−" like every other number (a typed "-0" is 0).
fn num(v: f64, lang: Lang) -> String {
    if v.is_nan() {
        E::NotANumber.get(lang).to_owned()
    } else if v.is_infinite() {
        if v > 0.0 { "∞" } else { "−∞" }.to_owned()
    } else {
        let s = number(v);
        match s.strip_prefix('-') {
            Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
            Some(rest) => format!("−{rest}"),
            None => s,
        }
    }
}

/// `e` as a sentence in `lang`, e.g. "The learning rate must be between 0.0001 and 10 (got 50)."
pub fn say(e: &ParamError, lang: Lang) -> String {
    let field = name(e.field).get(lang);
    let n = |v: f64| num(v, lang);
    let (template, args): (crate::i18n::Label, Vec<String>) = match e.kind {
        ErrorKind::OutOfRange { min, max, got, min_open, max_open } => {
            let template = match (max.is_finite(), min_open, max_open) {
                (false, false, _) => E::AtLeast,
                (false, true, _) => E::Above,
                (true, false, false) => E::Between,
                (true, true, false) => E::AboveAtMost,
                (true, false, true) => E::AtLeastBelow,
                (true, true, true) => E::AboveBelow,
            };
            let bounds = if max.is_finite() { vec![n(min), n(max)] } else { vec![n(min)] };
            (template, bounds.into_iter().chain([n(got)]).collect())
        }
        ErrorKind::NotWhole { min, max, got } => (E::NotWhole, vec![n(min), n(max), n(got)]),
        ErrorKind::NotFinite { got } => (E::NotFinite, vec![n(got)]),
        ErrorKind::TooFew { need, got } => (E::TooFew, vec![need.to_string(), got.to_string()]),
        ErrorKind::NeedsPoints { need, got } => (E::NeedsPoints, vec![need.to_string(), P::Points.count(need, lang), got.to_string()]),
        ErrorKind::LengthMismatch { expected, got } => (E::LengthMismatch, vec![P::Values.count(expected, lang), got.to_string()]),
        ErrorKind::NotWholeRows { len, width } => (E::NotWholeRows, vec![P::Numbers.count(len, lang), width.to_string()]),
        ErrorKind::EmptyInterval { low, high } => (E::EmptyInterval, vec![n(low), n(high)]),
        ErrorKind::NeedsTwoClasses => (E::NeedsTwoClasses, vec![]),
        ErrorKind::Unsupported => (E::Unsupported, vec![]),
    };
    let args: Vec<&str> = std::iter::once(field).chain(args.iter().map(String::as_str)).collect();
    capitalised(fill(template.get(lang), &args))
}

/// English sentences open with the field's name ("the learning rate …"); Hebrew has no case.
fn capitalised(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_lowercase() => c.to_ascii_uppercase().to_string() + chars.as_str(),
        _ => s,
    }
}

/// The controls a lab's current errors name (their `data-testid`s): the shared controls in
/// [`controls`](super::controls) read it from the context and mark themselves
/// `aria-invalid="true"` with the `invalid` class. A lab without one marks nothing.
#[derive(Clone, Copy)]
pub struct InvalidControls(pub Signal<Vec<&'static str>>);

/// Provides [`InvalidControls`] for a lab: `fields` gives the field code names of the errors
/// now shown, `controls` maps the ones the lab has a control for to that control's testid (a
/// field may map to several, e.g. one depth slider per model, of which one is on the page).
pub fn provide_invalid_controls(
    fields: impl Fn() -> Vec<&'static str> + Send + Sync + 'static,
    controls: &'static [(&'static str, &'static str)],
) {
    let ids = Signal::derive(move || {
        let named = |f: &'static str| controls.iter().filter(move |(field, _)| *field == f).map(|&(_, id)| id);
        fields().into_iter().flat_map(named).collect()
    });
    provide_context(InvalidControls(ids));
}

/// Whether the control `id` is named by a shown error (false outside a lab that says).
pub fn is_invalid(id: &'static str) -> impl Fn() -> bool + Copy + Send + Sync + 'static {
    let ids = use_context::<InvalidControls>();
    move || ids.is_some_and(|InvalidControls(ids)| ids.with(|v| v.contains(&id)))
}

/// Whether a shown error names the control `id`, for a page drawn as data
/// ([`dom::live`](super::dom::live)): asked inside the render, so a new error redraws it.
pub fn invalid_controls() -> impl Fn(&str) -> bool + Copy + 'static {
    let ids = use_context::<InvalidControls>();
    move |id| ids.is_some_and(|InvalidControls(ids)| ids.with(|v| v.contains(&id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::check_table;

    /// One error of every kind (and every interval shape), with a non-finite number among them.
    fn one_of_each(field: &'static str) -> Vec<ParamError> {
        vec![
            ParamError::out_of_range(field, 0.0001, 10.0, 50.0),
            ParamError::at_least(field, 1.0, 0.0),
            ParamError::above(field, 0.0, f64::INFINITY, -1.0),
            ParamError::above(field, 0.0, 1.0, f64::NAN),
            ParamError::below(field, 0.0, 1.0, 1.0),
            ParamError::new(field, ErrorKind::OutOfRange { min: 0.0, max: 1.0, got: 1.0, min_open: true, max_open: true }),
            ParamError::not_whole(field, 0.0, 9.0, 1.5),
            ParamError::not_finite(field, f64::INFINITY),
            ParamError::too_few(field, 2, 1),
            ParamError::needs_points(field, 5, 3),
            ParamError::length_mismatch(field, 4, 3),
            ParamError::not_whole_rows(field, 7, 2),
            ParamError::empty_interval(field, 3.0, -1.0),
            ParamError::needs_two_classes(field),
            ParamError::unsupported(field),
        ]
    }

    const SAMPLE_FIELDS: &[&str] =
        &["lr", "points", "k", "max_depth", "noise", "rounds", "n_trees", "eps", "min_samples", "folds", "beta1", "lambda", "x"];

    #[test]
    fn the_table_has_both_languages() {
        check_table(E::ALL, &[]);
        // Every field's name in both languages: Hebrew letters, or Greek ones (β₁ reads alike).
        for (codes, label) in FIELDS.iter().chain([&(&[][..], SETTING)]) {
            let he = label.get(Lang::He);
            assert!(!label.get(Lang::En).is_empty() && !he.chars().any(|c| c.is_ascii_alphabetic()), "{codes:?}");
            assert!(he.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c) || ('\u{0370}'..='\u{03FF}').contains(&c)), "{codes:?}");
        }
    }

    #[test]
    fn every_kind_renders_in_both_languages_with_its_numbers() {
        for e in one_of_each("lr") {
            let (en, he) = (say(&e, Lang::En), say(&e, Lang::He));
            assert!(en.starts_with("The learning rate") || en.starts_with("With the learning rate"), "{en}");
            assert!(he.contains("קצב הלמידה"), "{he}");
            assert!(!en.contains("{}") && !he.contains("{}"), "{en} / {he}");
            assert!(en.ends_with('.') && he.ends_with('.'), "{en} / {he}");
        }
        let e = ParamError::out_of_range("lr", 0.0001, 10.0, 50.0);
        assert_eq!(say(&e, Lang::En), "The learning rate must be between 0.0001 and 10 (got 50).");
        assert_eq!(say(&e, Lang::He), "הערך של קצב הלמידה צריך להיות בין 0.0001 ל־10 (התקבל 50).");
        let e = ParamError::needs_points("k", 5, 3);
        assert_eq!(say(&e, Lang::He), "כשמספר האשכולות הוא 5, צריך לפחות 5 נקודות במקומות שונים, אבל יש רק 3.");
        // One point is "נקודה אחת", never "1 נקודות"; English needs no "is/are" to agree with it.
        let e = ParamError::needs_points("k", 1, 0);
        assert_eq!(say(&e, Lang::He), "כשמספר האשכולות הוא 1, צריך לפחות נקודה אחת במקומות שונים, אבל יש רק 0.");
        assert_eq!(say(&e, Lang::En), "With the number of clusters at 1, there must be at least 1 point at different places (got 0).");
        let e = ParamError::length_mismatch("x", 1, 3);
        assert_eq!(say(&e, Lang::En), "The inputs: 1 value needed (got 3).");
    }

    #[test]
    fn hebrew_has_no_latin_letters() {
        for field in SAMPLE_FIELDS.iter().chain(&["some_internal_name"]) {
            for e in one_of_each(field) {
                let he = say(&e, Lang::He);
                assert!(!he.chars().any(|c| c.is_ascii_alphabetic()), "{field}: {he}");
                assert!(he.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c)), "{field}: {he}");
            }
        }
    }

    #[test]
    fn a_field_without_a_name_reads_as_this_setting_never_as_its_code_name() {
        let e = ParamError::at_least("some_internal_name", 1.0, 0.0);
        assert_eq!(say(&e, Lang::En), "This setting must be at least 1 (got 0).");
        let e = ParamError::at_least("some_internal_name", 1.0, -2.5);
        assert_eq!(say(&e, Lang::En), "This setting must be at least 1 (got −2.5).", "the page's minus sign");
        let e = ParamError::at_least("some_internal_name", 1.0, -0.0);
        assert_eq!(say(&e, Lang::En), "This setting must be at least 1 (got 0).", "no −0");
        assert!(!say(&e, Lang::He).contains("some_internal_name"));
        assert!(say(&e, Lang::He).contains("הפרמטר"));
    }

    #[test]
    fn every_field_core_names_on_a_lab_control_has_a_name() {
        for field in ["lr", "learning_rate", "points", "k", "clusters", "max_depth", "noise", "spread", "rounds", "n_trees", "eps", "min_samples", "folds", "condition", "degree", "lambda", "patience", "subsample", "min_samples_leaf", "max_features", "features", "layers", "neurons", "loss", "train", "val", "batch", "conv_layers", "filters", "kernel", "dense", "window", "stride", "padding", "image", "file", "length", "delay", "hidden", "clip", "examples", "heads", "width"] {
            assert_ne!(name(field), SETTING, "{field}");
        }
    }
}
