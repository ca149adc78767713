//! The kernel explorer's strings (they travel only in the CNN lab's bundle): its controls, the
//! names and one-line descriptions of the twelve hand-made kernels, and the sentences around the
//! arithmetic. Formulas that read the same in both languages are exempt from the language check.

use perplexed_core::cnn::kernel::NamedKernel;

crate::i18n::table! {
    KT;
    Title => "A kernel you can hold: convolution, cell by cell", "גרעין מקרוב: קונבולוציה, תא אחר תא";
    Intro => "A kernel is a small square of weights. Slide it over the image: at each place, multiply the pixels under it by the weights and add the products. That sum is one cell of the feature map.",
             "גרעין הוא ריבוע קטן של משקלים. מחליקים אותו על פני התמונה: בכל מקום כופלים את הפיקסלים שמתחתיו במשקלים ומחברים את המכפלות. הסכום הוא תא אחד במפת המאפיינים.";

    // ---- controls
    KernelLabel => "Kernel", "גרעין (מסנן)";
    KernelHelp => "A hand-made kernel from image processing, or your own weights: type them in the grid.",
                  "גרעין מוכן מעולם עיבוד התמונה, או משקלים משלכם: הקלידו אותם בטבלה.";
    ImageLabel => "Image", "תמונה";
    ImageHelp => "An 8 × 8 digit from the data set, or the digit you drew in the drawing pad.",
                 "ספרה בגודל 8 × 8 ממאגר הנתונים, או הספרה שציירתם בלוח הציור.";
    Digit0 => "The digit 0", "הספרה 0";
    Digit1 => "The digit 1", "הספרה 1";
    Digit2 => "The digit 2", "הספרה 2";
    Digit3 => "The digit 3", "הספרה 3";
    Digit4 => "The digit 4", "הספרה 4";
    Digit5 => "The digit 5", "הספרה 5";
    Digit6 => "The digit 6", "הספרה 6";
    Digit7 => "The digit 7", "הספרה 7";
    Digit8 => "The digit 8", "הספרה 8";
    Digit9 => "The digit 9", "הספרה 9";
    YourDrawing => "Your drawing", "הציור שלכם";
    StrideLabel => "Stride", "צעד";
    StrideHelp => "How many pixels the kernel jumps between places: a larger stride gives a smaller map.",
                  "בכמה פיקסלים הגרעין קופץ בין מקום למקום: צעד גדול יותר נותן מפה קטנה יותר.";
    PaddingLabel => "Padding", "ריפוד";
    PaddingHelp => "A border of zeros around the image, so the kernel can also sit over the edge. Padding 1 keeps a 3 × 3 kernel's map as large as the image.",
                   "מסגרת של אפסים סביב התמונה, כדי שהגרעין יוכל לשבת גם על השוליים. ריפוד 1 שומר על מפה של גרעין 3 × 3 בגודל התמונה.";
    PoolLabel => "Pooling", "איגום";
    PoolHelp => "How each window of the feature map is summarised: by its largest value, or by its mean.",
                "איך מסכמים כל חלון במפת המאפיינים: לפי הערך הגדול ביותר בו, או לפי הממוצע שלו.";
    PoolMax => "Max pooling", "איגום מקסימום";
    PoolAverage => "Average pooling", "איגום ממוצע";
    WindowLabel => "Pooling window", "חלון האיגום";
    WindowHelp => "The side of each pooling window. The windows do not overlap: the pooling's stride equals the window.",
                  "אורך הצלע של כל חלון איגום. החלונות לא חופפים: הצעד של האיגום שווה לגודל החלון.";

    // ---- the twelve kernels and "custom"
    Identity => "Identity (3 × 3)", "זהות (3 × 3)";
    BoxBlur => "Box blur", "טשטוש ממוצע";
    GaussianBlur => "Gaussian blur", "טשטוש גאוסי";
    Sharpen => "Sharpen", "חידוד";
    Emboss => "Emboss", "תבליט";
    EdgeHorizontal => "Horizontal edges", "קצוות אופקיים";
    EdgeVertical => "Vertical edges", "קצוות אנכיים";
    SobelX => "Sobel x (vertical edges)", "סובל x (קצוות אנכיים)";
    SobelY => "Sobel y (horizontal edges)", "סובל y (קצוות אופקיים)";
    Outline => "Outline (Laplacian)", "מתאר (לפלסיאן)";
    GaussianBlur5 => "Gaussian blur (5 × 5)", "טשטוש גאוסי (5 × 5)";
    Identity5 => "Identity (5 × 5)", "זהות (5 × 5)";
    Custom => "Custom (your weights)", "מותאם אישית (המשקלים שלכם)";
    AboutIdentity => "The centre weight is 1, all others 0: the map is the image itself. A sanity check.",
                     "המשקל המרכזי הוא 1 וכל השאר 0: המפה היא התמונה עצמה. בדיקת שפיות.";
    AboutBoxBlur => "Every weight is 1/9: each cell is the mean of its neighbourhood, a blur.",
                    "כל המשקלים הם 1/9: כל תא הוא הממוצע של הסביבה שלו, כלומר טשטוש.";
    AboutGaussianBlur => "Near pixels weigh more than far ones: a softer blur.",
                         "פיקסלים קרובים שוקלים יותר מרחוקים: טשטוש רך יותר.";
    AboutSharpen => "Five times the centre minus its four neighbours: the image with its edges pushed up.",
                    "פי חמישה המרכז פחות ארבעת השכנים שלו: התמונה, עם קצוות מודגשים.";
    AboutEmboss => "Negative on one diagonal side, positive on the other: a relief lit from the top left.",
                   "שלילי בצד אחד של האלכסון וחיובי בצד השני: תבליט שמואר משמאל למעלה.";
    AboutEdgeHorizontal => "A row of −1 above, a row of +1 below: strong where the values rise from top to bottom.",
                           "שורה של ‎−1 למעלה ושורה של ‎+1 למטה: חזק במקום שבו הערכים עולים מלמעלה למטה.";
    AboutEdgeVertical => "A column of −1 on the left, a column of +1 on the right: strong where the values rise from left to right.",
                         "עמודה של ‎−1 משמאל ועמודה של ‎+1 מימין: חזק במקום שבו הערכים עולים משמאל לימין.";
    AboutSobelX => "The vertical-edge kernel with its middle row counted twice: steadier against noise.",
                   "גרעין הקצוות האנכיים, כשהשורה האמצעית נספרת פעמיים: יציב יותר מול רעש.";
    AboutSobelY => "The horizontal-edge kernel with its middle column counted twice: steadier against noise.",
                   "גרעין הקצוות האופקיים, כשהעמודה האמצעית נספרת פעמיים: יציב יותר מול רעש.";
    AboutOutline => "Eight times the centre minus its eight neighbours: 0 on flat areas, strong on outlines.",
                    "פי שמונה המרכז פחות שמונת השכנים שלו: 0 באזורים אחידים, חזק על קווי המתאר.";
    AboutGaussianBlur5 => "A wider Gaussian blur, 5 × 5: without padding, the map loses two cells on every side.",
                          "טשטוש גאוסי רחב יותר, 5 × 5: בלי ריפוד, המפה מאבדת שני תאים בכל צד.";
    AboutIdentity5 => "The identity again, 5 × 5: the same picture, in a smaller map.",
                      "שוב זהות, הפעם 5 × 5: אותה תמונה, במפה קטנה יותר.";
    AboutCustom => "Your own weights: see what they pick out in the image.",
                   "המשקלים שלכם: בדקו מה הם מוצאים בתמונה.";

    // ---- the weights
    WeightsTitle => "The kernel's weights", "המשקלים של הגרעין";
    WeightsHelp => "Type any weight to make the kernel your own. Blue weights add the pixel under them, orange ones subtract it.",
                   "הקלידו משקל כלשהו כדי ליצור גרעין משלכם. משקלים כחולים מוסיפים את הפיקסל שמתחתיהם, וכתומים מחסירים אותו.";
    WeightAria => "Weight in row {}, column {}", "משקל בשורה {}, עמודה {}";
    WeightRefused => "Not accepted: a weight must be a number between {} and {}. It stays {}.",
                     "לא התקבל: משקל צריך להיות מספר בין {} ל־{}. הוא נשאר {}.";
    SideLabel => "Size of the kernel", "גודל הגרעין";
    SideHelp => "Changing the size keeps the kernel's centre: 3 × 3 → 5 × 5 adds a ring of zeros around it (the same response, on a map two cells smaller), 5 × 5 → 3 × 3 keeps the middle nine weights. Either way the kernel becomes your own.",
                "שינוי הגודל שומר על מרכז הגרעין: מ־3 × 3 ל־5 × 5 נוספת סביבו טבעת של אפסים (אותה תגובה, במפה קטנה בשני תאים), ומ־5 × 5 ל־3 × 3 נשארים תשעת המשקלים האמצעיים. בשני המקרים הגרעין הופך לגרעין שלכם.";
    Side3 => "3 × 3", "3 × 3";
    Side5 => "5 × 5", "5 × 5";

    // ---- the picture and the map
    InputTitle => "The image, padded", "התמונה, עם הריפוד";
    InputHelp => "Dashed cells are the padding's zeros, striped ones are never read; the outlined square is where the kernel sits for the selected cell of the feature map.",
                 "תאים במסגרת מקווקוות הם אפסי הריפוד, ותאים מפוספסים אף פעם לא נקראים; הריבוע המודגש הוא המקום שבו הגרעין יושב עבור התא הנבחר במפת המאפיינים.";
    MapTitle => "Feature map", "מפת מאפיינים";
    MapHelp => "Point at a cell, or reach it with Tab and move with the arrow keys: the window and the arithmetic follow.",
               "הצביעו על תא, או הגיעו אליו עם Tab ועברו בין התאים עם החצים: החלון והחישוב עוקבים אחריו.";
    CellAria => "Row {}, column {}: {}", "שורה {}, עמודה {}: {}";
    Loading => "Loading the digits…", "טוען את הספרות…";
    DrawFirst => "Nothing is drawn yet: draw a digit in the drawing pad, and it appears here.",
                 "עדיין לא צויר כלום: ציירו ספרה בלוח הציור, והיא תופיע כאן.";
    ArithTitle => "The selected cell, worked out", "החישוב של התא הנבחר";
    ArithHead => "Row {}, column {} of the feature map: pixel × weight at each of the {} places under the kernel, all added up (padding counts as 0).",
                 "שורה {}, עמודה {} במפת המאפיינים: פיקסל × משקל בכל אחד מ־{} המקומות שמתחת לגרעין, והכול מחובר (הריפוד נחשב 0).";
    NoFit => "The kernel cannot slide here. {}", "הגרעין לא יכול לזוז כאן. {}";

    // ---- the output size
    OutputLabel => "Side of the feature map:", "אורך הצלע של מפת המאפיינים:";
    OutputFormula => "⌊(n + 2p − k)/s⌋ + 1 = ⌊({} + 2·{} − {})/{}⌋ + 1 = {}", "⌊(n + 2p − k)/s⌋ + 1 = ⌊({} + 2·{} − {})/{}⌋ + 1 = {}";
    FitOne => "The kernel's last jump would run past the edge, so the last padded row and column are never read.",
              "הקפיצה האחרונה של הגרעין הייתה חורגת מהשוליים, ולכן השורה והעמודה האחרונות של התמונה המרופדת אף פעם לא נקראות.";
    FitMany => "The kernel's last jump would run past the edge, so the last {} padded rows and columns are never read.",
               "הקפיצה האחרונה של הגרעין הייתה חורגת מהשוליים, ולכן {} השורות והעמודות האחרונות של התמונה המרופדת אף פעם לא נקראות.";

    // ---- pooling
    PoolTitle => "Pooling: a smaller map", "איגום: מפה קטנה יותר";
    PoolIntro => "Pooling sums up each window of the feature map in one number, so the next layer sees a smaller map that still says, roughly, where the feature is.",
                 "האיגום מסכם כל חלון במפת המאפיינים במספר אחד, כך שהשכבה הבאה רואה מפה קטנה יותר שעדיין אומרת, בערך, איפה נמצא המאפיין.";
    PoolSourceTitle => "The feature map, with the pooling window", "מפת המאפיינים, עם חלון האיגום";
    PooledTitle => "The pooled map", "המפה אחרי האיגום";
    PoolSizeLabel => "Side of the pooled map:", "אורך הצלע של המפה אחרי האיגום:";
    PoolFormula => "⌊(m − w)/w⌋ + 1 = ⌊({} − {})/{}⌋ + 1 = {}", "⌊(m − w)/w⌋ + 1 = ⌊({} − {})/{}⌋ + 1 = {}";
    PoolFitOne => "The last row and column of the feature map fall in no window.",
                  "השורה והעמודה האחרונות של מפת המאפיינים לא נכנסות לאף חלון.";
    PoolFitMany => "The last {} rows and columns of the feature map fall in no window.",
                   "{} השורות והעמודות האחרונות של מפת המאפיינים לא נכנסות לאף חלון.";
    PoolArithHead => "Row {}, column {} of the pooled map:", "שורה {}, עמודה {} במפה אחרי האיגום:";
    PoolMaxWinner => "The largest value wins: the one in row {}, column {} of the feature map.",
                     "הערך הגדול ביותר מנצח: זה שבשורה {}, עמודה {} במפת המאפיינים.";
    PoolAverageNote => "The mean: the sum of the {} values divided by {}.", "הממוצע: סכום {} הערכים חלקי {}.";
    PoolError => "Pooling cannot run on this map. {}", "אי אפשר לבצע איגום על המפה הזאת. {}";

    // ---- why
    WhyTitle => "Why it matters", "למה זה חשוב";
    Why => "A filter asks one question everywhere at once: does this small patch look like me? Edge kernels light up where the ink begins, blurs smooth small differences away. A convolutional network is not given hand-made kernels: it starts from random weights and learns its own, and the trained filters further down this page are exactly such grids, found by gradient descent.",
           "מסנן שואל שאלה אחת בכל מקום בתמונה בבת אחת: האם האזור הקטן הזה דומה לי? גרעיני קצוות נדלקים במקום שבו הדיו מתחיל, וגרעיני טשטוש מחליקים הבדלים קטנים. רשת קונבולוציה לא מקבלת גרעינים מוכנים: היא מתחילה ממשקלים אקראיים ולומדת גרעינים משלה, והמסננים המאומנים בהמשך הדף הם בדיוק טבלאות כאלה, שנמצאו בירידת גרדיאנט.";
}

/// The name of a hand-made kernel.
pub fn kernel_name(k: NamedKernel) -> crate::i18n::Label {
    match k {
        NamedKernel::Identity => KT::Identity,
        NamedKernel::BoxBlur => KT::BoxBlur,
        NamedKernel::GaussianBlur => KT::GaussianBlur,
        NamedKernel::Sharpen => KT::Sharpen,
        NamedKernel::Emboss => KT::Emboss,
        NamedKernel::EdgeHorizontal => KT::EdgeHorizontal,
        NamedKernel::EdgeVertical => KT::EdgeVertical,
        NamedKernel::SobelX => KT::SobelX,
        NamedKernel::SobelY => KT::SobelY,
        NamedKernel::Outline => KT::Outline,
        NamedKernel::GaussianBlur5 => KT::GaussianBlur5,
        NamedKernel::Identity5 => KT::Identity5,
    }
}

/// What a hand-made kernel does, in one line.
pub fn kernel_about(k: NamedKernel) -> crate::i18n::Label {
    match k {
        NamedKernel::Identity => KT::AboutIdentity,
        NamedKernel::BoxBlur => KT::AboutBoxBlur,
        NamedKernel::GaussianBlur => KT::AboutGaussianBlur,
        NamedKernel::Sharpen => KT::AboutSharpen,
        NamedKernel::Emboss => KT::AboutEmboss,
        NamedKernel::EdgeHorizontal => KT::AboutEdgeHorizontal,
        NamedKernel::EdgeVertical => KT::AboutEdgeVertical,
        NamedKernel::SobelX => KT::AboutSobelX,
        NamedKernel::SobelY => KT::AboutSobelY,
        NamedKernel::Outline => KT::AboutOutline,
        NamedKernel::GaussianBlur5 => KT::AboutGaussianBlur5,
        NamedKernel::Identity5 => KT::AboutIdentity5,
    }
}

/// The image select's label for digit `d` (0–9; anything else reads as 9, which the settings
/// never hold).
pub fn digit_name(d: u8) -> crate::i18n::Label {
    const DIGITS: [crate::i18n::Label; 10] =
        [KT::Digit0, KT::Digit1, KT::Digit2, KT::Digit3, KT::Digit4, KT::Digit5, KT::Digit6, KT::Digit7, KT::Digit8, KT::Digit9];
    DIGITS[usize::from(d).min(9)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{fill, Lang};

    #[test]
    fn every_string_is_translated() {
        crate::i18n::check_table(KT::ALL, &[KT::Side3, KT::Side5, KT::OutputFormula, KT::PoolFormula]);
    }

    #[test]
    fn every_kernel_has_its_own_name_and_description() {
        let names: Vec<crate::i18n::Label> = NamedKernel::ALL.iter().map(|&k| kernel_name(k)).collect();
        let about: Vec<crate::i18n::Label> = NamedKernel::ALL.iter().map(|&k| kernel_about(k)).collect();
        for list in [&names, &about] {
            for (i, a) in list.iter().enumerate() {
                assert!(!list[i + 1..].contains(a), "{a:?} used twice");
            }
        }
        assert_eq!(digit_name(3).get(Lang::He), "הספרה 3");
    }

    #[test]
    fn the_formula_fills_in() {
        assert_eq!(fill(KT::OutputFormula.get(Lang::En), &["8", "0", "3", "1", "6"]), "⌊(n + 2p − k)/s⌋ + 1 = ⌊(8 + 2·0 − 3)/1⌋ + 1 = 6");
    }
}
