//! The CNN lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T). The kernel explorer's
//! strings are in `kernel_text.rs`.

crate::i18n::table! {
    CT;
    DataAttribution => "1,797 hand-written digits, 8 × 8 pixels with 17 shades (E. Alpaydin and C. Kaynak, UCI Machine Learning Repository, CC BY 4.0), fetched from this site when the lab opens.",
                       "‏1,797 ספרות בכתב יד, 8 × 8 פיקסלים ב-17 גוונים (E. Alpaydin ו-C. Kaynak, מאגר UCI ללמידת מכונה, רישיון CC BY 4.0), שנטענות מהאתר הזה כשהמעבדה נפתחת.";
    PartsLabel => "Pages of this lab", "העמודים של המעבדה הזאת";
    PartTrain => "Train a CNN on digits", "אימון רשת CNN על ספרות";
    PartKernel => "A kernel you can hold", "גרעין שאפשר לגעת בו";
    PartWhy => "Why convolution?", "למה קונבולוציה?";
    RaceTitle => "Same task, two networks", "אותה משימה, שתי רשתות";
    RaceHelp => "The CNN of the first page and a dense network with about as many parameters (every pixel with its own weight), trained on the same digits, the same split, the same way, for 20 epochs.",
                "רשת ה-CNN מהעמוד הראשון ורשת צפופה עם מספר פרמטרים דומה (לכל פיקסל משקל משלו), מאומנות על אותן ספרות, באותה חלוקה ובאותה דרך, במשך 20 אפוקים.";
    RaceEpochs => "Epochs (of 20)", "אפוקים (מתוך 20)";
    RaceNetwork => "Network", "רשת";
    RaceParams => "Parameters", "פרמטרים";
    RaceVal => "Validation accuracy", "דיוק בוולידציה";
    RaceShifted => "Digits moved ({}, {})", "ספרות מוזזות ({}, {})";
    NetCnn => "CNN", "רשת CNN";
    NetDense => "Dense network", "רשת צפופה";
    AxisValAccuracy => "validation accuracy", "דיוק בוולידציה";
    DxLabel => "Move right (pixels)", "הזזה ימינה (פיקסלים)";
    DxHelp => "Every validation digit moved this many pixels right (negative: left); the networks never saw a moved digit.",
              "כל ספרת ולידציה מוזזת במספר הפיקסלים הזה ימינה (שלילי: שמאלה); הרשתות מעולם לא ראו ספרה מוזזת.";
    DyLabel => "Move down (pixels)", "הזזה למטה (פיקסלים)";
    DyHelp => "The same, down (negative: up).", "אותו דבר, למטה (שלילי: למעלה).";
    AsItIs => "As it is", "כמו שהיא";
    Moved => "Moved", "מוזזת";
    ShiftHelp => "A dense network learned a weight for each pixel position, so a stroke one pixel over lands on weights that never saw it. A filter slides: it finds its stroke anywhere, and pooling forgives a pixel or two.",
                 "רשת צפופה למדה משקל לכל מיקום של פיקסל, ולכן קו שזז בפיקסל אחד נופל על משקלים שמעולם לא ראו אותו. מסנן מחליק: הוא מוצא את הקו שלו בכל מקום, והאיגום סולח על פיקסל או שניים.";
    TransferTitle => "Transfer learning: reuse what was learned", "למידת העברה: שימוש חוזר במה שכבר נלמד";
    TransferHelp => "First a CNN learns the digits 0–4 (10 epochs). Then the digits 5–9 are learned from only a few examples each, three ways: from scratch; with the first network's filters copied and frozen (only the read-out learns); and with them copied and fine-tuned.",
                   "קודם רשת CNN לומדת את הספרות 0–4 (10 אפוקים). אחר כך הספרות 5–9 נלמדות מכמה דוגמאות בלבד לכל אחת, בשלוש דרכים: מאפס; עם המסננים של הרשת הראשונה מועתקים ומוקפאים (רק שכבת הפלט לומדת); ועם המסננים מועתקים ומכווננים.";
    PerClassLabel => "Examples of each new digit", "דוגמאות מכל ספרה חדשה";
    PerClassHelp => "How many training images of each of 5–9; every other image of them validates.", "כמה תמונות אימון מכל אחת מהספרות 5–9; כל שאר התמונות שלהן משמשות לוולידציה.";
    TargetEpochsLabel => "Epochs on the new digits", "אפוקים על הספרות החדשות";
    TargetEpochsHelp => "How long the three networks train on the few examples.", "כמה זמן שלוש הרשתות מתאמנות על הדוגמאות המעטות.";
    TransferRun => "Run the experiment", "הרצת הניסוי";
    TransferIdle => "Not run yet.", "הניסוי עוד לא רץ.";
    TransferSource => "Learning 0–4: epoch {} of {}", "לומדת 0–4: אפוק {} מתוך {}";
    TransferTarget => "Learning 5–9: epoch {} of {}", "לומדת 5–9: אפוק {} מתוך {}";
    TransferDone => "Done. Validation accuracy on 5–9: from scratch {}, frozen filters {}, fine-tuned {}.", "הסתיים. דיוק בוולידציה על 5–9: מאפס {}, מסננים מוקפאים {}, מכווננים {}.";
    FromScratch => "from scratch", "מאפס";
    Frozen => "filters copied, frozen", "מסננים מועתקים, מוקפאים";
    FineTuned => "filters copied, fine-tuned", "מסננים מועתקים, מכווננים";
    FiltersSource => "Filters learned on 0–4 (reused)", "מסננים שנלמדו על 0–4 (בשימוש חוזר)";
    FiltersScratch => "Filters learned from scratch on the few 5–9", "מסננים שנלמדו מאפס על מעט הדוגמאות של 5–9";
    ToKernel => "How does one filter work? Slide a kernel yourself →", "איך מסנן אחד עובד? החליקו גרעין בעצמכם ←";
    OwnTitle => "Your own image", "תמונה משלכם";
    OwnHelp => "Draw anything here, then choose \"your drawing\" as the image above: the kernel slides over it.",
               "ציירו כאן מה שתרצו, ואז בחרו \"הציור שלכם\" כתמונה למעלה: הגרעין יחליק עליו.";
    Loading => "Loading the 1,797 digits…", "טוענים את 1,797 הספרות…";
    DataFailed => "The digits could not be loaded: {}", "לא ניתן היה לטעון את הספרות: {}";
    NoAnswer => "the site did not answer (are you offline?)", "האתר לא ענה (אולי אין חיבור לרשת?)";
    Refused => "the site answered with status {}", "האתר ענה בקוד {}";
    BadFile => "the file is damaged ({})", "הקובץ פגום ({})";
    Retry => "Try again", "לנסות שוב";
    SpeedHelp => "How fast the network trains while playing: one mini-batch a frame (slow motion), 2 or 10 epochs a second, or as fast as this computer can.",
                 "באיזו מהירות הרשת מתאמנת בזמן ההפעלה: מיני-באץ' אחד לפריים (הילוך איטי), 2 או 10 אפוקים בשנייה, או הכי מהר שהמחשב הזה יכול.";
    TrainAcc => "Training accuracy", "דיוק באימון";
    ValAcc => "Validation accuracy", "דיוק בוולידציה";
    CurvesTitle => "Learning, epoch by epoch", "הלמידה, אפוק אחר אפוק";
    CurvesHelp => "Measured on all training and validation digits after each epoch. Validation digits are never trained on: their accuracy is what the network would score on new handwriting.",
                  "נמדד על כל ספרות האימון והוולידציה אחרי כל אפוק. על ספרות הוולידציה הרשת אף פעם לא מתאמנת: הדיוק עליהן הוא מה שהרשת תשיג על כתב יד חדש.";
    TestResult => "Test set at epoch {}: accuracy {}, loss {}", "סט המבחן באפוק {}: דיוק {}, הפסד {}";
    DrawTitle => "Draw a digit", "ציירו ספרה";
    DrawHelp => "Draw one digit, large, filling the box, with a mouse, a finger or a pen. The network sees it as the data set's digits were made: each 4 × 4 block of dots becomes one of 8 × 8 pixels. Your drawing stays in this browser.",
                "ציירו ספרה אחת, גדולה, שממלאת את הריבוע, בעכבר, באצבע או בעט. הרשת רואה אותה כמו שנוצרו הספרות במאגר: כל משבצת של 4 × 4 נקודות הופכת לאחד מ-8 × 8 פיקסלים. הציור נשאר בדפדפן הזה.";
    PadLabel => "Drawing pad, 32 × 32 dots", "משטח ציור, 32 × 32 נקודות";
    Clear => "Clear", "ניקוי";
    Undo => "Undo stroke", "ביטול קו";
    SeenLabel => "What the network sees (8 × 8)", "מה שהרשת רואה (8 × 8)";
    DrawFirst => "Draw a digit to see what the network reads.", "ציירו ספרה כדי לראות מה הרשת קוראת.";
    Verdict => "It reads {} ({} sure)", "היא קוראת {} (בוודאות של {})";
    InsideTitle => "Inside the network: its filters and what they see", "בתוך הרשת: המסננים שלה ומה שהם רואים";
    InsideHelp => "Each filter is a small kernel the network learned by itself (blue weights add, orange subtract). Sliding it over the digit gives a feature map: dark where the digit looks like the filter. They change as it trains.",
                 "כל מסנן הוא גרעין קטן שהרשת למדה בעצמה (משקלים כחולים מוסיפים, כתומים מחסירים). החלקתו על הספרה נותנת מפת מאפיינים: כהה במקום שבו הספרה דומה למסנן. הם משתנים בזמן האימון.";
    LookLabel => "Digit to look at:", "ספרה להתבונן בה:";
    LayerTitle => "Convolution layer {}", "שכבת קונבולוציה {}";
    FiltersHelp => "Learned filters:", "המסננים שנלמדו:";
    Filters2Help => "Learned filters (each one's mean over the maps it reads):", "המסננים שנלמדו (הממוצע של כל אחד על פני המפות שהוא קורא):";
    MapsHelp => "Their feature maps for this digit (after ReLU, before pooling):", "מפות המאפיינים שלהם עבור הספרה הזאת (אחרי ReLU, לפני האיגום):";
    ParamCount => "{} parameters to learn.", "{} פרמטרים ללמידה.";
    LayersLabel => "Convolution layers", "שכבות קונבולוציה";
    LayersHelp => "A second layer combines the first one's maps: strokes into shapes.", "שכבה שנייה משלבת את המפות של הראשונה: קווים לצורות.";
    FiltersLabel => "Filters in layer 1", "מסננים בשכבה 1";
    FiltersCountHelp => "How many patterns the first layer can look for.", "כמה דפוסים השכבה הראשונה יכולה לחפש.";
    Filters2Label => "Filters in layer 2", "מסננים בשכבה 2";
    Filters2CountHelp => "How many combinations the second layer can look for.", "כמה צירופים השכבה השנייה יכולה לחפש.";
    SizeLabel => "Kernel size", "גודל הגרעין";
    SizeHelp => "How much of the image one filter sees at a time.", "כמה מהתמונה מסנן אחד רואה בכל פעם.";
    Size3 => "3 × 3", "3 × 3";
    Size5 => "5 × 5", "5 × 5";
    PoolLabel => "Pooling after each layer", "איגום אחרי כל שכבה";
    PoolHelp => "2 × 2 windows summarised by their largest value or their mean: half the side, and a pixel's shift matters less.",
                "חלונות של 2 × 2 שמסוכמים בערך הגדול ביותר או בממוצע: חצי מהצלע, ותזוזה של פיקסל משנה פחות.";
    PoolMax => "Max pooling", "איגום מקסימום";
    PoolAverage => "Average pooling", "איגום ממוצע";
    PoolNone => "No pooling", "ללא איגום";
    DenseLabel => "Dense layer before the output", "שכבה צפופה לפני הפלט";
    DenseHelp => "Hidden units between the maps and the ten outputs; none means the maps vote for the digits directly.",
                 "יחידות נסתרות בין המפות לעשרת הפלטים; בלי שכבה כזאת המפות מצביעות ישירות על הספרות.";
    DenseNone => "none", "ללא";
    BatchHelp => "Digits per update: at 32, an epoch over 1,078 training digits is 34 updates.", "ספרות בכל עדכון: ב-32, אפוק על 1,078 ספרות אימון הוא 34 עדכונים.";
    Reshuffle => "Deal the digits again", "חלוקה מחדש של הספרות";
    ReshuffleHelp => "Another random split into training, validation and test digits (the network starts again).",
                     "חלוקה אקראית אחרת לספרות אימון, ולידציה ומבחן (הרשת מתחילה מחדש).";
    MistakesTitle => "Its most frequent mistakes (validation)", "הטעויות הנפוצות ביותר שלה (ולידציה)";
    MistakeCaption => "a {} read as {} (×{})", "{} שנקרא כ-{} (×{})";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        crate::i18n::check_table(CT::ALL, &[CT::Size3, CT::Size5]);
    }
}
