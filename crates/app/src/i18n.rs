//! Every string a visitor reads, in English and Hebrew.
//!
//! One table, one key per string: a key cannot exist without both translations (the macro
//! requires both), and a test checks that no Hebrew entry was left in English by mistake.
//! Hebrew switches the document to `dir="rtl"`; plots keep their mathematical orientation.
//! Strings with `{}` take arguments through [`fill`].

/// The page's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    He,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::He => "he",
        }
    }
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.to_ascii_lowercase();
        if s.starts_with("he") || s.starts_with("iw") {
            Some(Lang::He)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
    pub fn dir(self) -> &'static str {
        match self {
            Lang::En => "ltr",
            Lang::He => "rtl",
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::He,
            Lang::He => Lang::En,
        }
    }
}

/// Declares a table of translatable strings: `table! { Name; Key => "English", "עברית"; … }`
/// makes `Name::Key`, a [`Label`] constant, read with `Name::Key.get(lang)`. The shell's table is
/// [`T`]; a lab whose words no other page uses declares its own table in its folder
/// (`labs/<slug>/text.rs`). Check a table with [`check_table`] in a test.
///
/// Constants, not an enum with a `get` that matches on it: such a `get` is one function holding
/// every entry, so a bundle that names one entry of a table downloads all of them. A constant is
/// a pair of strings that only the bundles naming it carry (the Playground's page does not carry
/// the data lab's words through the shared table, nor the shell's words it never shows).
macro_rules! table {
    ($name:ident; $($key:ident => $en:expr, $he:expr;)*) => {
        /// A table of translatable strings (see `table!`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        #[allow(non_upper_case_globals, dead_code)]
        impl $name {
            $(pub const $key: $crate::i18n::Label = $crate::i18n::Label::new($en, $he);)*
            /// Every entry with its name, for the table's test.
            #[cfg(test)]
            pub const ALL: &'static [(&'static str, $crate::i18n::Label)] = &[$((stringify!($key), $crate::i18n::Label::new($en, $he)),)*];
        }
    };
}

/// A string in both languages: every entry of every [`table!`] is one, and the shared controls
/// take them, so a lab labels them with its own table's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Label {
    en: &'static str,
    he: &'static str,
}

impl Label {
    pub const fn new(en: &'static str, he: &'static str) -> Self {
        Label { en, he }
    }
    /// The text in `lang`. Not inlined: a call passes one pointer to the constant, as small as
    /// the call it replaces at each of the hundreds of places that name a string.
    #[inline(never)]
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::He => self.he,
        }
    }
}
#[allow(unused_imports)] // used by labs with their own table
pub(crate) use table;

/// Declares counted nouns: `plurals! { Name; Key => ["{} point", "{} points"], ["נקודה אחת",
/// "שתי נקודות", "{} נקודות"]; … }` makes `enum Name` with `Name::Key.count(n, lang)`, the noun
/// with its number in the right form ("1 point", "5 points", "נקודה אחת", "שתי נקודות", "5
/// נקודות"). English has a form for one and one for every other count (0 included); Hebrew one
/// for one (the noun, then "אחד/אחת" agreeing with it, no numeral), one for two (the dual, as
/// "פעמיים", or "שני/שתי" before the noun) and one for the rest (the numeral before the noun). A
/// sentence takes the whole phrase through a `{}`, so it must read right whatever the count:
/// word it so that no verb agrees with the noun. Check a table with [`check_plurals`].
macro_rules! plurals {
    ($name:ident; $($key:ident => [$en1:expr, $en:expr], [$he1:expr, $he2:expr, $he:expr];)*) => {
        /// A counted noun.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key,)* }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key,)*];
            /// The noun's forms.
            pub fn forms(self) -> $crate::i18n::Forms {
                match self {
                    $($name::$key => $crate::i18n::Forms { en: [$en1, $en], he: [$he1, $he2, $he] },)*
                }
            }
            /// `n` of this noun in `lang`: "1 point", "5 points", "נקודה אחת".
            #[allow(dead_code)] // a table declared in a test is only checked
            pub fn count(self, n: usize, lang: $crate::i18n::Lang) -> String {
                self.forms().count(n, lang)
            }
        }
    };
}
#[allow(unused_imports)] // used by labs with their own counted nouns
pub(crate) use plurals;

/// A counted noun's forms (see [`plurals!`]): English one and other, Hebrew one, two and other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Forms {
    pub en: [&'static str; 2],
    pub he: [&'static str; 3],
}

impl Forms {
    /// The form for `n` in `lang`, with `n` in place of its `{}`.
    pub fn count(self, n: usize, lang: Lang) -> String {
        let form = match (lang, n) {
            (Lang::En, 1) => self.en[0],
            (Lang::En, _) => self.en[1],
            (Lang::He, 1) => self.he[0],
            (Lang::He, 2) => self.he[1],
            (Lang::He, _) => self.he[2],
        };
        fill(form, &[&n.to_string()])
    }
}

/// The checks every table of counted nouns must pass, at the counts 0, 1, 2 and 5 in both
/// languages: each count shows its numeral except the Hebrew one (and the Hebrew two where it is
/// in words), English one differs from English many ("1 points" is caught), Hebrew one says
/// "אחד/אחת" after the noun and never "1" ("1 פעמים" is caught), the other counts are written in
/// the same form as 5 (so 0 is "0 points", not "0 point").
#[cfg(test)]
pub fn check_plurals<K: Copy + std::fmt::Debug>(all: &[K], forms: fn(K) -> Forms) {
    for &k in all {
        let f = forms(k);
        let en = |n: usize| f.count(n, Lang::En);
        let he = |n: usize| f.count(n, Lang::He);
        assert!(en(1).starts_with("1 ") || en(1).contains(" 1 "), "{k:?}: {}", en(1));
        assert_ne!(en(1).replace('1', "5"), en(5), "{k:?}: English one and many are the same form");
        for n in [0, 2, 5] {
            assert_eq!(en(n), en(5).replace('5', &n.to_string()), "{k:?} at {n}");
            assert!(!has_hebrew(&en(n)), "{k:?}: {}", en(n));
        }
        assert!(!he(1).contains('1') && (he(1).ends_with(" אחד") || he(1).ends_with(" אחת")), "{k:?}: {}", he(1));
        assert!(!he(1).contains(" אחד ") && !he(1).contains(" אחת "), "{k:?}: אחד/אחת comes last: {}", he(1));
        assert!(he(2).contains('2') || he(2).starts_with("שני ") || he(2).starts_with("שתי ") || he(2).ends_with("יים"), "{k:?}: {}", he(2));
        assert_eq!(he(0), he(5).replace('5', "0"), "{k:?}: zero takes the plural");
        assert!(he(5).starts_with("5 ") && has_hebrew(&he(5)), "{k:?}: the numeral before the noun: {}", he(5));
    }
}

/// Whether `s` has a Hebrew letter.
#[cfg(test)]
pub(crate) fn has_hebrew(s: &str) -> bool {
    s.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c))
}

/// The checks every table must pass (call it from a test with the table's `ALL` and the entries
/// exempt from the language check — names of methods and symbols, and the switch that
/// names the other language): no empty entry, the same number of `{}`, Hebrew in every Hebrew
/// entry and none in the English one.
#[cfg(test)]
pub fn check_table(all: &[(&str, Label)], same_in_both: &[Label]) {
    for (name, k) in all {
        let (he, en) = (k.get(Lang::He), k.get(Lang::En));
        assert!(!he.is_empty() && !en.is_empty(), "{name} empty");
        assert_eq!(en.matches("{}").count(), he.matches("{}").count(), "{name}: placeholders differ");
        if !same_in_both.contains(k) {
            assert!(has_hebrew(he), "{name}: Hebrew entry has no Hebrew: {he}");
            assert!(!has_hebrew(en), "{name}: English entry has Hebrew: {en}");
        }
    }
}

/// The name of a data set, for every lab that offers the Playground's data sets.
pub fn dataset_name(d: perplexed_core::data::dataset::DatasetKind) -> Label {
    use perplexed_core::data::dataset::DatasetKind;
    match d {
        DatasetKind::Circle => T::DsCircle,
        DatasetKind::Xor => T::DsXor,
        DatasetKind::Gaussian => T::DsGaussian,
        DatasetKind::Spiral => T::DsSpiral,
        DatasetKind::Moons => T::DsMoons,
        DatasetKind::ThreeClass => T::DsThree,
        DatasetKind::Plane => T::DsPlane,
        DatasetKind::MultiGaussian => T::DsMultiGauss,
    }
}

/// The name of an optimizer, for every lab that offers them.
pub fn optimizer_name(k: perplexed_core::optim::optimizers::OptimizerKind) -> Label {
    use perplexed_core::optim::optimizers::OptimizerKind;
    match k {
        OptimizerKind::Sgd => T::OptSgd,
        OptimizerKind::Momentum => T::OptMomentum,
        OptimizerKind::Nesterov => T::OptNesterov,
        OptimizerKind::AdaGrad => T::OptAdaGrad,
        OptimizerKind::RmsProp => T::OptRmsProp,
        OptimizerKind::Adam => T::OptAdam,
        OptimizerKind::AdamW => T::OptAdamW,
        OptimizerKind::Lion => T::OptLion,
    }
}

/// Replaces each `{}` in `text` by the next argument.
pub fn fill(text: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut args = args.iter();
    let mut rest = text;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

plurals! {
    P;
    Points => ["{} point", "{} points"], ["נקודה אחת", "שתי נקודות", "{} נקודות"];
    Times => ["{} time", "{} times"], ["פעם אחת", "פעמיים", "{} פעמים"];
    Values => ["{} value", "{} values"], ["ערך אחד", "שני ערכים", "{} ערכים"];
    Numbers => ["{} number", "{} numbers"], ["מספר אחד", "שני מספרים", "{} מספרים"];
}

table! {
    T;
    // ---- shell
    AppName => "Perplexed", "מורה נבוכים";
    Tagline => "a guide for the perplexed to machine learning, live in your browser",
               "מדריך ללמידת מכונה שרץ כאן, בדפדפן שלכם";
    Home => "Home", "דף הבית";
    LangSwitch => "עברית", "English";
    LangSwitchLabel => "Switch the page to Hebrew", "החלפת השפה לאנגלית";
    Dismiss => "Dismiss", "סגירה";
    CrashedTitle => "Something went wrong", "משהו השתבש";
    CrashedBody => "The lab stopped because of an error in the page — ours, not yours. Reload keeps your settings: they are all in the address, and your lesson and challenges are kept in this browser.",
                   "המעבדה נעצרה בגלל שגיאה בדף — שלנו, לא שלכם. טעינה מחדש שומרת על ההגדרות: כולן בכתובת, והשיעור והאתגרים שלכם שמורים בדפדפן הזה.";
    CrashedReload => "Reload", "טעינה מחדש";
    CrashedDetails => "What went wrong (for a bug report)", "מה השתבש (לדיווח על תקלה)";
    BadAddress => "Some settings in this link were not understood and were replaced by their defaults: {}.",
                  "חלק מההגדרות בקישור לא הובנו והוחלפו בברירות המחדל: {}.";
    Keyboard => "Keys: Space play/pause · → one step (an epoch, a move, a split) · R reset · D dark/light · P presenter mode · F panel under the pointer full-screen · PageDown / PageUp a lesson's next / previous step · ? this list",
                "מקשים: רווח הפעלה/השהיה · → צעד אחד (אפוק, מהלך, פיצול) · R איפוס · D כהה/בהיר · P מצב מצגת · F הלוח שמתחת לסמן במסך מלא · PageDown / PageUp השלב הבא / הקודם בשיעור · ? הרשימה הזאת";
    TryThis => "Try this", "נסו בעצמכם";
    ChallengesTally => "{} of {} done", "{} מתוך {} הושלמו";
    ChallengeMet => "Challenge met: {}", "האתגר הושלם: {}";
    StartOver => "Start over", "להתחיל מחדש";
    Theme => "Dark", "כהה";
    ThemeLabel => "Dark theme (D)", "מצב כהה (D)";
    Present => "Present", "מצגת";
    PresentLabel => "Presenter mode: large type, a spot on the pointer (P)", "מצב מצגת: אותיות גדולות וסימון של הסמן (P)";
    Shortcuts => "Keyboard shortcuts", "קיצורי מקלדת";
    LessonAdd => "+ Step", "+ שלב";
    LessonAddLabel => "Add this lab, as it is now, as the next step of your lesson", "הוספת המעבדה, כפי שהיא עכשיו, כשלב הבא בשיעור שלכם";
    LessonAdded => "Added as step {} of your lesson.", "נוסף כשלב {} בשיעור שלכם.";
    LessonEdit => "Edit the lesson", "לעריכת השיעור";
    LessonLabel => "Lesson", "שיעור";
    LessonStep => "Step {} of {}", "שלב {} מתוך {}";
    LessonPrev => "← Previous", "→ הקודם";
    LessonNext => "Next →", "הבא ←";
    LessonLeave => "Leave the lesson", "יציאה מהשיעור";
    Privacy => "Everything runs in your browser: no data leaves this page.",
               "הכול רץ בדפדפן שלכם: שום נתון לא יוצא מהדף.";
    SkipToContent => "Skip to content", "דילוג לתוכן";

    // ---- Gradient descent lab

    // ---- Overfitting lab

    NavPlayground => "Playground", "מגרש משחקים";
    NavDescent => "Gradient descent", "ירידה במורד הגרדיאנט";
    NavOverfitting => "Overfitting", "התאמת יתר";
    NavTrees => "Trees", "עצים";
    NavClustering => "Clustering", "חלוקה לאשכולות";
    NavCnn => "CNN", "רשתות CNN";
    NavSequence => "Sequences", "רצפים";
    NavAttention => "Attention", "קשב";
    NavEmbedding => "Embeddings", "הטמעות מילים";
    NavLanguage => "Language model", "מודל שפה";
    NavRl => "Reinforcement", "למידת חיזוק";
    NavGenerative => "Generative", "מודלים יוצרים";
    NavData => "Data", "נתונים";

    // ---- Playground lab
    Data => "Data", "נתונים";
    Model => "Model", "מודל";
    Training => "Training", "אימון";
    DatasetLabel => "Data set", "מערך נתונים";
    DatasetHelp => "Which points to learn. Classification sets have classes; regression sets have a number at each point.",
                   "אילו נקודות ללמוד. במערכי סיווג יש קטגוריות; במערכי רגרסיה יש מספר בכל נקודה.";
    DsCircle => "Circle", "מעגל";
    DsXor => "Exclusive or", "XOR (או בלעדי)";
    DsGaussian => "Two Gaussians", "שני גאוסיאנים";
    DsSpiral => "Spiral", "ספירלה";
    DsMoons => "Two moons", "שני ירחים";
    DsThree => "Three classes", "שלוש קטגוריות";
    DsPlane => "Plane (regression)", "מישור (רגרסיה)";
    DsMultiGauss => "Gaussian bumps (regression)", "גבעות גאוסיאניות (רגרסיה)";
    NoiseLabel => "Noise", "רעש";
    NoiseHelp => "How messy the data is. With noise, a perfect training score means memorising.",
                 "כמה הנתונים מבולגנים. עם רעש, ציון מושלם באימון פירושו שינון.";
    PointsLabel => "Points", "נקודות";
    PointsHelp => "How many points the data set has in all, before the split.", "כמה נקודות יש במערך כולו, לפני החלוקה.";
    Regenerate => "New data", "נתונים חדשים";
    RegenerateHelp => "Draw new points (a new seed).", "הגרלת נקודות חדשות (זרע חדש).";
    SeedLabel => "Seed", "זרע אקראיות";
    SeedHelp => "The same seed gives the same data, the same starting weights and the same batches: the run repeats exactly.",
                "אותו זרע נותן אותם נתונים, אותם משקלים התחלתיים ואותם באצ'ים: הריצה חוזרת בדיוק.";
    SplitHelp => "Training points teach the model, validation points tell you how to tune it, test points stay hidden until the final exam.",
                 "נקודות האימון מלמדות את המודל, נקודות הוולידציה עוזרות לכוונן אותו, ונקודות המבחן נשארות מוסתרות עד המבחן הסופי.";
    TrainShare => "Training", "אימון";
    ValShare => "Validation", "ולידציה";
    TestShare => "Test", "מבחן";
    SplitCounts => "{} training · {} validation · {} test", "{} אימון · {} ולידציה · {} מבחן";
    OptimizerLabel => "Optimizer", "אופטימייזר";
    OptimizerHelp => "How each step uses the gradient: plain SGD, with momentum, or per-weight step sizes (AdaGrad, RMSProp, Adam); Lion steps by the sign only.",
                     "איך כל צעד משתמש בגרדיאנט: SGD פשוט, עם תנע, או גודל צעד לכל משקל (AdaGrad,‏ RMSProp,‏ Adam); Lion צועד רק לפי הסימן.";
    OptSgd => "SGD", "SGD";
    OptMomentum => "SGD with momentum", "SGD עם תנע";
    OptAdam => "Adam", "Adam";
    OptNesterov => "Nesterov momentum", "תנע נסטרוב";
    OptAdaGrad => "AdaGrad", "AdaGrad";
    OptRmsProp => "RMSProp", "RMSProp";
    OptAdamW => "AdamW (decoupled weight decay)", "AdamW (דעיכת משקלים מנותקת)";
    OptLion => "Lion (sign of momentum)", "Lion (סימן התנע)";
    LrLabel => "Learning rate", "קצב למידה";
    LrHelp => "How far each step goes. Too small crawls; too large overshoots and diverges. Changing it keeps the network.",
              "כמה רחוק הולך כל צעד. קטן מדי זוחל; גדול מדי מחטיא ומתבדר. שינוי שלו שומר על הרשת.";
    BatchLabel => "Batch size", "גודל באץ'";
    AxisAccuracy => "accuracy", "דיוק";
    NewData => "New data", "נתונים חדשים";
    Play => "Play", "הפעלה";
    Pause => "Pause", "השהיה";
    Step => "Step one epoch", "אפוק אחד";
    Reset => "Reset", "איפוס";
    SpeedLabel => "Speed", "מהירות";
    SpeedMax => "As fast as possible", "הכי מהר שאפשר";
    EpochLabel => "Epoch", "אפוק";
    TrainLoss => "Training loss", "הפסד אימון";
    ValLoss => "Validation loss", "הפסד ולידציה";
    Accuracy => "accuracy {}", "דיוק {}";
    RSquared => "R² {}", "R² {}";
    AxisEpoch => "epoch", "אפוק";
    AxisLoss => "loss", "הפסד";
    AxisX1 => "x₁", "x₁";
    AxisX2 => "x₂", "x₂";
    BoundaryTitle => "What the model predicts", "מה המודל חוזה";
    ShowTest => "Show test data", "הצגת נתוני המבחן";
    ClassName => "class {}", "קטגוריה {}";
    Diverged => "Training diverged: instead of falling, the loss blew up or stayed far above where it started. Each step overshoots — the learning rate is too large for this network. Lower it, then reset.",
                "האימון התבדר: במקום לרדת, ההפסד התפוצץ או נשאר גבוה בהרבה מנקודת ההתחלה. כל צעד מחטיא את היעד — קצב הלמידה גדול מדי לרשת הזאת. הקטינו אותו ואפסו.";
    FixDivergence => "Lower the learning rate and reset", "הקטנת קצב הלמידה ואיפוס";
    InvalidModel => "This model cannot be built: {}", "אי אפשר לבנות את המודל הזה: {}";
    EvaluateTest => "Evaluate on test", "הערכה על סט המבחן";
    EvaluateTestHelp => "The final exam: use it once, when you have finished tuning.", "המבחן הסופי: השתמשו בו פעם אחת, כשסיימתם לכוונן.";
    TestSpent => "Spent: you changed the model after looking at the test set. Tuning against the test set turns it into a second validation set, and its score stops predicting how the model does on new data.",
                 "שרוף: שיניתם את המודל אחרי שהצצתם בסט המבחן. כוונון מול סט המבחן הופך אותו לעוד סט ולידציה, והציון שלו מפסיק לנבא איך המודל יצליח על נתונים חדשים.";
    TestPeeks => "Test set looked at {}", "הציצו בסט המבחן {}";
    NoValidation => "no validation points", "אין נקודות ולידציה";
    NoTest => "No test points: give the test set a share of the data first.", "אין נקודות מבחן: הקצו קודם חלק מהנתונים לסט המבחן.";
    ConfusionTitle => "Confusion matrix (validation)", "מטריצת בלבול (ולידציה)";
    ConfusionHelp => "Rows: the true class; columns: what the model said. The diagonal is right.",
                      "שורות: הקטגוריה האמיתית; עמודות: מה שהמודל אמר. האלכסון הוא התשובות הנכונות.";
    // The confusion matrix's corner: rows are the true class, columns the prediction; the
    // arrow points the way the columns run (right to left in Hebrew).
    ConfusionAxes => "true ↓ / predicted →", "אמת ↓ / חזוי ←";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hebrew_entry_is_hebrew_unless_it_is_a_proper_name_or_symbol() {
        // Names of methods and symbols read the same in both languages.
        let same_in_both = [T::OptSgd, T::OptAdam, T::AxisX1, T::AxisX2, T::RSquared, T::LangSwitch, T::OptAdaGrad, T::OptRmsProp];
        check_table(T::ALL, &same_in_both);
    }

    /// The check itself must be able to fail.
    #[test]
    #[should_panic(expected = "has no Hebrew")]
    fn a_hebrew_entry_left_in_english_is_caught() {
        table! { Broken; Oops => "Oops", "Oops"; }
        check_table(Broken::ALL, &[]);
    }

    #[test]
    fn counted_nouns_agree_with_their_number_in_both_languages() {
        check_plurals(P::ALL, P::forms);
        // The reviewer's cases, spelled out.
        assert_eq!(P::Times.count(1, Lang::En), "1 time");
        assert_eq!(P::Times.count(0, Lang::En), "0 times");
        assert_eq!(P::Times.count(1, Lang::He), "פעם אחת");
        assert_eq!(P::Times.count(2, Lang::He), "פעמיים");
        assert_eq!(P::Times.count(5, Lang::He), "5 פעמים");
        assert_eq!(P::Points.count(1, Lang::En), "1 point");
        assert_eq!(P::Points.count(1, Lang::He), "נקודה אחת");
        assert_eq!(P::Points.count(2, Lang::He), "שתי נקודות");
        assert_eq!(fill(T::TestPeeks.get(Lang::He), &[&P::Times.count(1, Lang::He)]), "הציצו בסט המבחן פעם אחת");
    }

    /// The plural check must be able to fail: "1 points" and "1 פעמים" are caught.
    #[test]
    #[should_panic(expected = "same form")]
    fn an_english_plural_for_one_is_caught() {
        plurals! { Broken; Oops => ["{} points", "{} points"], ["נקודה אחת", "שתי נקודות", "{} נקודות"]; }
        check_plurals(Broken::ALL, Broken::forms);
    }

    #[test]
    #[should_panic(expected = "Oops")]
    fn a_hebrew_numeral_for_one_is_caught() {
        plurals! { Broken; Oops => ["{} time", "{} times"], ["{} פעמים", "פעמיים", "{} פעמים"]; }
        check_plurals(Broken::ALL, Broken::forms);
    }

    #[test]
    fn fill_replaces_in_order() {
        assert_eq!(fill("{} of {}", &["3", "7"]), "3 of 7");
        assert_eq!(fill("none", &["x"]), "none");
        assert_eq!(fill("{} and {}", &["a"]), "a and ");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("he-IL"), Some(Lang::He));
        assert_eq!(Lang::from_code("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::He.dir(), "rtl");
    }
}
