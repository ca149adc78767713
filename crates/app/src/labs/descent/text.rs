//! The Gradient descent lab's own strings (they travel only in its bundle); shared words
//! (optimizers, learning rate, play, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::plurals! {
    DP;
    Seeds => ["{} seed", "{} seeds"], ["זרע אקראי אחד", "שני זרעים אקראיים", "{} זרעים אקראיים"];
}

crate::i18n::table! {
    DT;
    StepOne => "One step", "צעד אחד";
    SurfaceTitle => "The loss surface", "משטח ההפסד";
    SurfaceLabel => "Surface", "משטח";
    SurfaceHelp => "Each is a classic test of optimizers; the last is the real loss of a two-parameter linear regression.",
                   "כל אחד מהם הוא מבחן קלאסי לאופטימייזרים; האחרון הוא ההפסד האמיתי של רגרסיה ליניארית עם שני פרמטרים.";
    SfBowl => "Bowl (adjustable condition)", "קערה (מספר מצב מתכוונן)";
    SfRavine => "Narrow ravine", "ערוץ צר";
    SfRosenbrock => "Rosenbrock's banana valley", "עמק הבננה של רוזנברוק";
    SfSaddle => "Saddle between two minima", "אוכף בין שני מינימומים";
    SfHimmelblau => "Himmelblau (four minima)", "הימלבלאו (ארבעה מינימומים)";
    SfBeale => "Beale", "בייל";
    SfLinReg => "Linear regression loss (w, b)", "הפסד של רגרסיה ליניארית (w,‏ b)";
    ConditionLabel => "Condition number κ", "מספר מצב κ";
    ConditionHelp => "How much steeper one direction is than the other: 1 is a round bowl, 100 a long narrow valley.",
                     "פי כמה כיוון אחד תלול מהשני: 1 היא קערה עגולה, 100 עמק ארוך וצר.";
    SurfaceCanvasHelp => "Dark is low loss; crosses mark the minima. Click anywhere to start every racer there.",
                         "כהה פירושו הפסד נמוך; איקסים מסמנים את המינימומים. לחצו בכל מקום כדי להתחיל ממנו את כל המתחרים.";
    MiniBatchHelp => "Points per gradient. White arrows: each mini-batch's step; black: the full batch's. Small batches scatter, their path is noisy.",
                     "נקודות לכל גרדיאנט. חצים לבנים: הצעד של כל מיני-באץ'; שחור: של הבאץ' המלא. באצ'ים קטנים מתפזרים, והמסלול שלהם רועש.";
    FullBatch => "full batch", "באץ' מלא";
    StepsLabel => "Steps", "צעדים";
    StepsHelp => "How many updates each racer takes.", "כמה עדכונים כל מתחרה מבצע.";
    SliceTitle => "One direction at a time: the derivative", "כיוון אחד בכל פעם: הנגזרת";
    SliceHelp => "The loss along the first parameter through the blue racer's point. The orange tangent's slope is the derivative; the gradient is this slope in every direction at once.",
                 "ההפסד לאורך הפרמטר הראשון, דרך הנקודה של המתחרה הכחול. השיפוע של המשיק הכתום הוא הנגזרת; הגרדיאנט הוא השיפוע הזה בכל הכיוונים בבת אחת.";
    SlopeIs => "slope ∂f/∂x = {}", "שיפוע ∂f/∂x = {}";
    SlopeFlat => "slope ∂f/∂x ≈ 0: flat here", "שיפוע ∂f/∂x ≈ 0: שטוח כאן";
    RaceTitle => "The race", "המרוץ";
    RaceHelp => "Up to four optimizers, each with its own learning rate, from the same start.", "עד ארבעה אופטימייזרים, כל אחד עם קצב למידה משלו, מאותה נקודת התחלה.";
    SecondMomentum => "Momentum μ: how much of the last step carries over", "תנע μ: כמה מהצעד הקודם ממשיך הלאה";
    SecondBeta1 => "β₁: how long the average of gradients remembers", "β₁: כמה זמן ממוצע הגרדיאנטים זוכר";
    SecondAlpha => "α: how long the average of squared gradients remembers", "α: כמה זמן ממוצע ריבועי הגרדיאנטים זוכר";
    AddRacer => "Add an optimizer", "הוספת אופטימייזר";
    RemoveRacer => "Remove this optimizer", "הסרת האופטימייזר";
    VConverged => "converged", "התכנס";
    VCrawling => "crawling: step too small", "זוחל: צעד קטן מדי";
    VOscillating => "oscillating: step too large", "מתנדנד: צעד גדול מדי";
    VDiverged => "diverged", "התבדר";
    VInvalid => "invalid setting", "הגדרה לא תקינה";
    VRacing => "racing…", "במרוץ…";
    VerdictHelp => "The verdict names what the learning rate did. Raise a crawling one, lower an oscillating or diverging one.",
                   "הפסיקה מתארת מה קצב הלמידה עשה. העלו קצב זוחל, הורידו קצב מתנדנד או מתבדר.";
    RaceChartTitle => "Gap to the lowest loss, f − f*, per step (a difference in loss, not a distance)", "הפער מההפסד הנמוך ביותר, f − f*, בכל צעד (הפרש בהפסד, לא מרחק)";
    AxisStep => "step", "צעד";
    AxisGap => "loss gap f − f*", "פער הפסד f − f*";
    FairTitle => "A fair race on a real task", "מרוץ הוגן על משימה אמיתית";
    FairHelp => "Claims like \"beats Adam\" mean little unless both were tuned and run more than once. Each optimizer trains the Playground's network (8 + 4 neurons, two moons) at six learning rates with five seeds each (other starting weights and batch order), shown as mean ± standard deviation; a seed that diverges disqualifies its rate, a best rate at the edge of the range extends it, and a winner must lead by more than the spread.",
                "טענות כמו \"מנצח את Adam\" אומרות מעט אם לא כווננו את שניהם והריצו כל אחד יותר מפעם אחת. כל אופטימייזר מאמן את הרשת של מגרש המשחקים (8 + 4 נוירונים, שני ירחים) בשישה קצבי למידה, עם חמישה זרעים אקראיים לכל קצב (משקלים התחלתיים וסדר באצ'ים שונים), והתוצאה מוצגת כממוצע ± סטיית תקן; ריצה שמתבדרת פוסלת את הקצב שלה, קצב מיטבי בקצה הטווח מרחיב אותו, ומנצח חייב להקדים את האחרים ביותר מהפיזור.";
    FairStart => "Run the learning-rate sweep", "הרצת סריקת קצבי הלמידה";
    FairWinner => "After tuning, {} wins at learning rate {}: validation loss {} ± {} over {}, ahead of {} by more than the spread.",
                  "אחרי כוונון, {} מנצח בקצב למידה {}: הפסד ולידציה {} ± {} על פני {}, ומקדים את {} ביותר מהפיזור.";
    FairAlone => "After tuning, {} is the only optimizer with a result: learning rate {}, validation loss {} ± {} over {}.",
                 "אחרי כוונון, {} הוא האופטימייזר היחיד עם תוצאה: קצב למידה {}, הפסד ולידציה {} ± {} על פני {}.";
    FairTie => "After tuning, {} are within the spread of each other: no winner.", "אחרי כוונון, {} קרובים זה לזה בתוך הפיזור: אין מנצח.";
    FairAnd => " and ", " ו-";
    FairDiverged => "{} of {} diverged", "התבדרות ב-{} מתוך {}";
    FairChartTitle => "Validation loss of each optimizer at its best learning rate", "הפסד הוולידציה של כל אופטימייזר בקצב הלמידה הטוב ביותר שלו";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_translated() {
        crate::i18n::check_table(DT::ALL, &[]);
    }

    #[test]
    fn counted_nouns_agree_with_their_number() {
        crate::i18n::check_plurals(DP::ALL, DP::forms);
    }
}
