//! The Trees lab's own strings (they travel only in its bundle); shared words (data set, noise,
//! play, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::plurals! {
    TP;
    Trees => ["{} tree", "{} trees"], ["עץ אחד", "שני עצים", "{} עצים"];
    TrainingPoints => ["{} training point", "{} training points"], ["נקודת אימון אחת", "שתי נקודות אימון", "{} נקודות אימון"];
}

crate::i18n::table! {
    TT;
    ModelLabel => "Model", "מודל";
    ModelHelp => "One tree asks yes/no questions; a forest lets many trees vote; boosting adds small trees that fix the errors so far.",
                 "עץ אחד שואל שאלות של כן/לא; יער נותן להרבה עצים להצביע; בוסטינג מוסיף עצים קטנים שמתקנים את הטעויות עד כה.";
    ModelTree => "Single decision tree", "עץ החלטה יחיד";
    ModelForest => "Random forest", "יער אקראי";
    ModelBoosting => "Gradient boosting", "בוסטינג גרדיאנט (Gradient boosting)";
    SettingsTitle => "Settings of the model", "הגדרות המודל";
    CriterionLabel => "Split criterion", "מדד הפיצול";
    CriterionHelp => "How mixed a node is: Gini is the chance that two random points in it disagree, entropy the bits needed to name a point's class.",
                     "כמה צומת מעורבב: ג'יני הוא הסיכוי ששתי נקודות אקראיות בו שייכות לקטגוריות שונות, ואנטרופיה היא מספר הביטים הדרוש כדי לנקוב בקטגוריה של נקודה.";
    CritGini => "Gini impurity", "אי-טוהר ג'יני";
    CritEntropy => "Entropy", "אנטרופיה";
    DepthLabel => "Maximum depth", "עומק מרבי";
    DepthHelp => "How many questions deep a tree may go. With no limit it splits until every leaf is pure, noise included.",
                 "כמה שאלות לעומק העץ רשאי לרדת. בלי הגבלה הוא מתפצל עד שכל עלה טהור, כולל הרעש.";
    Unlimited => "no limit", "ללא הגבלה";
    MinLeafLabel => "Minimum points per leaf", "מספר נקודות מזערי בעלה";
    MinLeafHelp => "A split must leave at least this many training points on each side; larger values give a smoother boundary.",
                   "פיצול חייב להשאיר לפחות כמה נקודות אימון כאלה בכל צד; ערכים גדולים יותר נותנים גבול חלק יותר.";
    FeaturesLabel => "Features tried per split", "מאפיינים שנבדקים בכל פיצול";
    FeaturesHelp => "Of x₁ and x₂, how many each node may choose from. With 1, a random one: a weaker tree, but unlike its neighbours.",
                    "מתוך x₁ ו-x₂, מכמה מאפיינים כל צומת רשאי לבחור. עם 1, מאפיין אקראי: עץ חלש יותר, אבל שונה מהעצים שלצדו.";
    TreesLabel => "Number of trees", "מספר העצים";
    TreesHelp => "More trees average away more of the noise. Past a point they stop helping, but adding trees alone does not overfit.",
                 "יותר עצים ממצעים יותר מהרעש. מנקודה מסוימת הם מפסיקים לעזור, אבל הוספת עצים לבדה לא גורמת להתאמת יתר.";
    BootstrapLabel => "Bootstrap: each tree learns from its own random sample", "Bootstrap: כל עץ לומד מדגימה אקראית משלו";
    BootstrapHelp => "Each tree draws as many training points as there are, with replacement: some twice, about a third not at all.",
                     "כל עץ מגריל נקודות אימון כמספרן, עם החזרה: חלקן פעמיים, וכשליש כלל לא.";
    ForestFeaturesHelp => "With 1 the trees disagree more, and their average is smoother.", "עם 1 העצים חלוקים יותר ביניהם, והממוצע שלהם חלק יותר.";
    ForestDepthHelp => "Each deep tree overfits on its own; the vote cancels much of it.", "כל עץ עמוק מתאים את עצמו יתר על המידה לבדו; ההצבעה מבטלת חלק גדול מזה.";
    RoundsLabel => "Rounds", "סבבים";
    RoundsHelp => "How many small trees are added, one after another, each fitted to what the model still gets wrong.",
                  "כמה עצים קטנים מתווספים, בזה אחר זה, וכל אחד מותאם למה שהמודל עדיין טועה בו.";
    LrLabel => "Learning rate", "קצב למידה";
    LrHelp => "How much of each tree's correction is kept. Small rates need more rounds but generalise better; above 0.3 the loss can jump.",
              "כמה מהתיקון של כל עץ נשמר. קצב קטן דורש יותר סבבים אבל מכליל טוב יותר; מעל 0.3 ההפסד עלול לקפוץ.";
    BoostDepthLabel => "Depth of each tree", "העומק של כל עץ";
    BoostDepthHelp => "1 = stumps, a single question each. Deeper trees learn interactions sooner, and overfit sooner.",
                      "‏1 = גדמים, שאלה אחת לכל עץ. עצים עמוקים יותר לומדים אינטראקציות מהר יותר, ומגיעים מהר יותר להתאמת יתר.";
    SubsampleLabel => "Subsample", "תת-דגימה";
    SubsampleHelp => "Share of the training points each round sees, drawn afresh: randomness that, like a forest's bootstrap, curbs overfitting.",
                     "החלק מנקודות האימון שכל סבב רואה, בהגרלה חדשה בכל פעם: אקראיות שמרסנת התאמת יתר, כמו ה-bootstrap של היער.";
    StepSplit => "One split", "פיצול אחד";
    StepTree => "One tree", "עץ אחד";
    StepRound => "One round", "סבב אחד";
    SpeedHelp => "How fast the model grows while playing: slow is one split (or 3 trees, 10 rounds) a second, normal three times that, fast ten times.",
                 "באיזו מהירות המודל גדל בזמן ההפעלה: איטי הוא פיצול אחד (או 3 עצים, 10 סבבים) בשנייה, רגיל פי שלושה, מהיר פי עשרה.";
    PaceSlow => "Slow", "איטי";
    PaceNormal => "Normal", "רגיל";
    PaceFast => "Fast", "מהיר";
    ZoomGroup => "Zoom of the tree diagram", "התקרבות בתרשים העץ";
    ZoomIn => "Zoom in", "התקרבות";
    ZoomOut => "Zoom out", "התרחקות";
    ZoomFit => "Fit", "התאמה לחלון";
    KeysHelp => "Keyboard: Space play/pause · → one step · R reset", "מקלדת: רווח הפעלה/השהיה · → צעד אחד · R איפוס";
    Splits => "Splits", "פיצולים";
    Leaves => "Leaves", "עלים";
    DepthNow => "Depth", "עומק";
    TreesNow => "Trees", "עצים";
    RoundsNow => "Rounds", "סבבים";
    TrainAcc => "Training accuracy", "דיוק באימון";
    ValAcc => "Validation accuracy", "דיוק בוולידציה";
    OobScore => "Out-of-bag score", "ציון Out-of-bag";
    OobHelp => "Out-of-bag: each point is judged only by the trees whose bootstrap left it out — a free estimate of accuracy on unseen data.",
               "Out-of-bag: כל נקודה נשפטת רק על ידי העצים שה-bootstrap שלהם השמיט אותה — אומדן חינמי לדיוק על נתונים שלא נראו.";
    OobNone => "Turn bootstrap on for an out-of-bag score.", "הפעילו bootstrap כדי לקבל ציון Out-of-bag.";
    BoundaryHelp => "Background: the class the model picks, paler where it is unsure. Filled dots train it, rings validate it.",
                    "הרקע: הקטגוריה שהמודל בוחר, חיוורת יותר במקום שאינו בטוח. נקודות מלאות מאמנות אותו, טבעות בודקות אותו.";
    RegionHelp => "Hover or focus a node of the tree to outline the box of the plane it covers.",
                  "רחפו מעל צומת בעץ או העבירו אליו את המיקוד כדי לסמן את המלבן במישור שהוא מכסה.";
    DiagramTitle => "The tree", "העץ";
    DiagramHelp => "Each question sends a point left when the answer is yes. In each node: the points that reach it, its impurity and its mix of classes. The dashed node is split next.",
                   "כל שאלה שולחת נקודה שמאלה כשהתשובה היא כן. בכל צומת: מספר הנקודות שמגיעות אליו, אי-הטוהר שלו ותמהיל הקטגוריות. הצומת המקווקו יפוצל בצעד הבא.";
    Yes => "yes", "כן";
    No => "no", "לא";
    NodeRule => "Node {}: is {}? {}, impurity {}, classes {}.", "צומת {}: האם {}? {}, אי-טוהר {}, קטגוריות {}.";
    NodeLeaf => "Leaf {}: predicts {}. {}, impurity {}, classes {}.", "עלה {}: חוזה {}. {}, אי-טוהר {}, קטגוריות {}.";
    NodeNone => "Hover or focus a node to see its region and details.", "רחפו מעל צומת או העבירו אליו את המיקוד כדי לראות את האזור והפרטים שלו.";
    ThumbsTitle => "The forest's first trees, one by one", "העצים הראשונים ביער, אחד אחד";
    ThumbsHelp => "Alone, each tree draws a jagged, overconfident boundary; the forest's average is smoother.",
                  "לבדו, כל עץ משרטט גבול משונן ובטוח בעצמו יותר מדי; הממוצע של היער חלק יותר.";
    VotesTitle => "How the trees vote at the pointer", "איך העצים מצביעים במקום של הסמן";
    VotesHover => "Point at the plot to see how the trees vote there.", "הצביעו על הגרף כדי לראות איך העצים מצביעים שם.";
    VotesAt => "At x₁ = {}, x₂ = {}, of {}:", "בנקודה x₁ = {}, x₂ = {}, מתוך {}:";
    LossTitle => "Log-loss against rounds", "הפסד לוגריתמי (log-loss) לפי סבבים";
    LossHelp => "Training loss keeps falling. When validation loss turns up, more rounds only memorise; a high learning rate gets there sooner.",
                "הפסד האימון ממשיך לרדת. כשהפסד הוולידציה מתחיל לעלות, סבבים נוספים רק משננים; קצב למידה גבוה מגיע לשם מהר יותר.";
    AxisRound => "round", "סבב";
    AxisLogLoss => "log-loss", "log-loss";
    ResidualTitle => "What is still wrong: residuals of the training points", "מה עוד שגוי: השאריות של נקודות האימון";
    ResidualHelp => "Per training point, 1 minus the probability the model gives its true class: what the next tree is fitted to. Rings on the plot grow with it.",
                    "לכל נקודת אימון, 1 פחות ההסתברות שהמודל נותן לקטגוריה האמיתית שלה: זה מה שהעץ הבא מותאם אליו. הטבעות בגרף גדלות בהתאם.";
    AxisResidual => "residual", "שארית";
    AxisCount => "points", "נקודות";
    BoostDiverged => "The scores stopped being finite: the learning rate is far too large. Lower it.",
                     "הציונים הפסיקו להיות סופיים: קצב הלמידה גדול בהרבה מדי. הקטינו אותו.";
    ValidationRefused => "No validation loss: {}", "אין הפסד ולידציה: {}";
    CompareTitle => "Tree, forest, boosting and a network on the same split", "עץ, יער, בוסטינג ורשת על אותה חלוקה";
    CompareHelp => "Each model as set above, fitted to the same training points; the network is the Playground's (8 + 8 tanh neurons, Adam) trained for 200 epochs. Fit times are measured in this page.",
                   "כל מודל לפי ההגדרות שלמעלה, מותאם לאותן נקודות אימון; הרשת היא זו של מגרש המשחקים (8 + 8 נוירוני tanh,‏ Adam) ומתאמנת 200 אפוקים. זמני ההתאמה נמדדים בדף הזה.";
    CompareRun => "Run the comparison", "הרצת ההשוואה";
    CompareRunning => "Fitting…", "מאמן את המודלים…";
    CompareModel => "Model", "מודל";
    CompareVal => "Validation accuracy", "דיוק בוולידציה";
    CompareTime => "Fit time", "זמן התאמה";
    CompareTest => "Test accuracy", "דיוק במבחן";
    NetName => "Neural network (8 + 8)", "רשת נוירונים (8 + 8)";
    CompareStale => "The settings changed after this comparison ran: run it again before trusting it.",
                    "ההגדרות השתנו אחרי שההשוואה רצה: הריצו אותה שוב לפני שסומכים עליה.";
    TestOnce => "Evaluate all four on the test set", "הערכת ארבעתם על סט המבחן";
    TestOnceHelp => "The final exam, once per comparison, after you have chosen on validation accuracy.",
                    "המבחן הסופי, פעם אחת לכל השוואה, אחרי שבחרתם לפי הדיוק בוולידציה.";
    Ms => "{} ms", "{} ms";
    LibsTitle => "Beyond this page: XGBoost, LightGBM and CatBoost", "מעבר לדף הזה: XGBoost,‏ LightGBM ו-CatBoost";
    LibsIntro => "The boosting above is Friedman's classic. The libraries that win on tables keep the idea — add trees that fix the errors so far — and add:",
                 "הבוסטינג שלמעלה הוא הגרסה הקלאסית של פרידמן. הספריות שמנצחות על נתונים טבלאיים שומרות על הרעיון — להוסיף עצים שמתקנים את הטעויות עד כה — ומוסיפות:";
    LibsXgb => "XGBoost: each tree is chosen with the loss's second derivative as well as its slope (a Newton step), and with a penalty on the number of leaves and on large leaf values, so it prefers simple trees.",
               "XGBoost: כל עץ נבחר בעזרת הנגזרת השנייה של ההפסד ולא רק השיפוע שלו (צעד ניוטון), ועם עונש על מספר העלים ועל ערכי עלים גדולים, כך שהוא מעדיף עצים פשוטים.";
    LibsLgbm => "LightGBM: sorts each feature's values into a few hundred bins once, then tries only bin edges as thresholds (histograms), and grows each tree leaf by leaf, best leaf first, like the single tree here.",
                "LightGBM: ממיין מראש את ערכי כל מאפיין לכמה מאות תאים, ובודק רק את גבולות התאים בתור ספי פיצול (היסטוגרמות), ומגדל כל עץ עלה אחר עלה, הטוב ביותר קודם, כמו העץ היחיד כאן.";
    LibsCat => "CatBoost: ordered boosting computes each point's residual from a model that has not seen that point, which removes a subtle leak, and it turns categories into numbers the same careful way.",
               "CatBoost: בוסטינג מסודר (ordered boosting) מחשב את השארית של כל נקודה ממודל שלא ראה אותה, וכך מסלק דליפה עדינה, ובאותה זהירות הוא הופך קטגוריות למספרים.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_translated() {
        crate::i18n::check_table(TT::ALL, &[TT::AxisLogLoss, TT::Ms]);
    }

    #[test]
    fn counted_nouns_agree_with_their_number() {
        use crate::i18n::{fill, Lang};
        crate::i18n::check_plurals(TP::ALL, TP::forms);
        assert_eq!(fill(TT::VotesAt.get(Lang::En), &["0.5", "1", &TP::Trees.count(1, Lang::En)]), "At x₁ = 0.5, x₂ = 1, of 1 tree:");
        assert_eq!(fill(TT::VotesAt.get(Lang::He), &["0.5", "1", &TP::Trees.count(1, Lang::He)]), "בנקודה x₁ = 0.5, x₂ = 1, מתוך עץ אחד:");
        assert_eq!(TP::TrainingPoints.count(1, Lang::He), "נקודת אימון אחת");
    }
}
