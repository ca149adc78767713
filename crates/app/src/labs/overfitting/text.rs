//! The Overfitting lab's own strings (they travel only in its bundle); shared words (data set,
//! noise, training, play, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    OT;
    FunctionLabel => "True function", "הפונקציה האמיתית";
    FunctionHelp => "The pattern behind the data, drawn dashed. The model never sees it, only noisy samples.",
                    "הדפוס שמאחורי הנתונים, מצויר בקו מקווקו. המודל לעולם לא רואה אותו, רק דגימות רועשות.";
    FnSine => "Sine wave", "גל סינוס";
    FnCubic => "Cubic", "פולינום ממעלה שלישית";
    FnStep => "Step", "מדרגה";
    OverfitPointsHelp => "Few points make overfitting easy; many points shrink the gap between training and validation error.",
                         "מעט נקודות מקלות על התאמת יתר; הרבה נקודות מצמצמות את הפער בין שגיאת האימון לשגיאת הוולידציה.";
    ComplexityTitle => "Model complexity", "מורכבות המודל";
    ComplexityHelp => "A polynomial of degree d can bend d − 1 times. Move the degree and watch both errors.",
                      "פולינום מדרגה d יכול להתכופף d − 1 פעמים. הזיזו את הדרגה ועקבו אחרי שתי השגיאות.";
    DegreeLabel => "Polynomial degree", "דרגת הפולינום";
    DegreeHelp => "0 is a flat line, 1 a straight line, 20 bends almost anywhere.", "0 הוא קו שטוח, 1 קו ישר, ו-20 מתכופף כמעט בכל מקום.";
    LambdaLabel => "Ridge penalty λ", "עונש רידג' λ";
    LambdaHelp => "Penalises large coefficients: a high degree with some λ behaves like a simpler curve.",
                  "מעניש מקדמים גדולים: דרגה גבוהה עם מעט λ מתנהגת כמו עקומה פשוטה יותר.";
    FitTitle => "The data and the fitted curve", "הנתונים והעקומה המותאמת";
    FitLegend => "Dashed: the true function. Blue line: the fit. Filled dots train it, orange rings validate it.",
                 "מקווקו: הפונקציה האמיתית. קו כחול: ההתאמה. נקודות מלאות מאמנות אותה, טבעות כתומות בודקות אותה.";
    TrainMse => "Training error (MSE)", "שגיאת אימון (MSE)";
    ValMse => "Validation error (MSE)", "שגיאת ולידציה (MSE)";
    BestDegree => "Best degree on validation", "הדרגה הטובה ביותר בוולידציה";
    RegimeUnder => "Underfitting: the curve is too simple to follow the pattern; both errors are high.",
                   "תת-התאמה: העקומה פשוטה מכדי לעקוב אחרי הדפוס; שתי השגיאות גבוהות.";
    RegimeRight => "About right: the validation error is close to the best this data allows.",
                   "בערך נכון: שגיאת הוולידציה קרובה לטובה ביותר שהנתונים האלה מאפשרים.";
    RegimeOver => "Overfitting: the curve chases the noise; training error is low, validation error climbs.",
                  "התאמת יתר: העקומה רודפת אחרי הרעש; שגיאת האימון נמוכה ושגיאת הוולידציה מטפסת.";
    RegimeUnknown => "Give the validation set some points to judge the fit.", "הקצו נקודות לסט הוולידציה כדי לשפוט את ההתאמה.";
    RegimeTooFew => "Too few points to judge the fit: it takes at least {} training and {} validation points, or the errors say more about those few points than about the curve.",
                    "מעט מדי נקודות כדי לשפוט את ההתאמה: צריך לפחות {} נקודות אימון ו-{} נקודות ולידציה, אחרת השגיאות מספרות יותר על הנקודות המעטות האלה מאשר על העקומה.";
    UCurveTitle => "Error against degree (the U-curve)", "שגיאה לפי דרגה (עקומת ה-U)";
    UCurveHelp => "Every degree refitted on each change. Training error only falls; validation error falls, then rises.",
                  "כל דרגה מותאמת מחדש בכל שינוי. שגיאת האימון רק יורדת; שגיאת הוולידציה יורדת ואז עולה.";
    YouAreHere => "you", "אתם כאן";
    BestValidation => "best", "הכי טוב";
    AxisDegree => "degree", "דרגה";
    AxisMse => "MSE", "MSE";
    TimeTitle => "Training time and early stopping", "זמן אימון ועצירה מוקדמת";
    TimeHelp => "A network with 32 + 32 neurons learns the same points epoch by epoch. Training loss keeps falling; validation loss turns up when it starts memorising.",
                "רשת עם 32 + 32 נוירונים לומדת את אותן נקודות, אפוק אחרי אפוק. הפסד האימון ממשיך לרדת; הפסד הוולידציה מתחיל לעלות כשהרשת מתחילה לשנן.";
    RestoreBest => "Restore the best weights", "שחזור המשקלים הטובים ביותר";
    PatienceLabel => "Patience (epochs)", "סבלנות (אפוקים)";
    PatienceHelp => "Stop after this many epochs without a new best validation loss.", "עצירה אחרי מספר כזה של אפוקים בלי שיא חדש בהפסד הוולידציה.";
    BestEpoch => "best epoch", "האפוק הטוב ביותר";
    StoppedHere => "stopped", "נעצר";
    StoppedNote => "Early stopping at epoch {}: validation loss last improved at epoch {}.", "עצירה מוקדמת באפוק {}: הפסד הוולידציה השתפר לאחרונה באפוק {}.";
    RestoredNote => "Restored the weights of epoch {}, where validation loss was lowest.", "שוחזרו המשקלים של אפוק {}, שבו הפסד הוולידציה היה הנמוך ביותר.";
    EpochsTitle => "Loss per epoch", "הפסד לפי אפוק";
    NetFitTitle => "What the network has learned", "מה הרשת למדה";
    SearchTitle => "Hyperparameter search", "חיפוש היפר-פרמטרים";
    SearchHelp => "Try many degree × λ settings, keep the one with the lowest validation error, and only then score it once on the test set.",
                  "נסו הרבה צירופים של דרגה × λ, שמרו את זה עם שגיאת הוולידציה הנמוכה ביותר, ורק אז בדקו אותו פעם אחת על סט המבחן.";
    SearchKindLabel => "Search", "חיפוש";
    SearchKindHelp => "Grid tries every combination; random tries as many random ones, which often finds good regions faster.",
                      "חיפוש שיטתי מנסה כל צירוף בטבלה; חיפוש אקראי מנסה אותו מספר של צירופים אקראיים, ולעתים קרובות מוצא אזורים טובים מהר יותר.";
    SearchGrid => "Grid", "שיטתי (Grid search)";
    SearchRandom => "Random", "אקראי";
    FoldsLabel => "Cross-validation folds", "קפלים בתיקוף צולב";
    FoldsHelp => "Off: score on the validation split. k: split train + validation into k folds, each takes a turn as the held-out part, average the k errors.",
                 "כבוי: ציון לפי סט הוולידציה. k: חלוקת האימון והוולידציה ל-k קפלים, כל קפל בתורו מוחזק בצד, וממוצע של k השגיאות.";
    FoldsOff => "off", "כבוי";
    SearchStart => "Run the search", "הרצת החיפוש";
    SearchMapTitle => "Validation error of each setting", "שגיאת הוולידציה של כל הגדרה";
    SearchMapHelp => "Blue: low error, orange: high. The outlined cell is the best so far.", "כחול: שגיאה נמוכה, כתום: גבוהה. התא המסומן הוא הטוב ביותר עד כה.";
    FoldsTitle => "The folds (the orange one is held out now)", "הקפלים (הכתום מוחזק בצד כרגע)";
    SearchBest => "Best so far: degree {}, λ = {}, validation error {}", "הטוב ביותר עד כה: דרגה {}, λ = {}, שגיאת ולידציה {}";
    SearchTest => "Evaluate the chosen setting on the test set", "הערכת ההגדרה שנבחרה על סט המבחן";
    SearchTestResult => "Test error of degree {}, λ = {} (refitted on training + validation): {}. This number is the honest estimate; do not tune further against it.",
                        "שגיאת המבחן של דרגה {}, λ = {} (מותאם מחדש על אימון + ולידציה): {}. זה האומדן ההוגן; אל תמשיכו לכוונן מולו.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_translated() {
        // Names of methods and symbols read the same in both languages.
        crate::i18n::check_table(OT::ALL, &[OT::AxisMse]);
    }
}
