//! The data lab's own strings (they travel only in its bundle); shared words come from the
//! shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    DT;
    InTitle => "1 · The data", "1 · הנתונים";
    InHelp => "A data scientist's first hour is with the table: where it came from, what each column is, what is missing. Start from a real table, or bring your own CSV or TSV file (the first line names the columns).",
              "השעה הראשונה של מדען נתונים היא עם הטבלה: מאיפה היא באה, מה כל עמודה, מה חסר. התחילו מטבלה אמיתית, או הביאו קובץ CSV או TSV משלכם (השורה הראשונה נותנת שמות לעמודות).";
    BuiltIn => "Built-in tables", "טבלאות מובנות";
    Iris => "Iris flowers (150 rows)", "פרחי איריס (150 שורות)";
    Wine => "Wines (178 rows)", "יינות (178 שורות)";
    BreastCancer => "Breast cancer (569 rows)", "סרטן השד (569 שורות)";
    Digits => "Handwritten digits (1,797 rows)", "ספרות בכתב יד (1,797 שורות)";
    OwnFile => "Your file", "הקובץ שלכם";
    IrisSource => "Iris: R. A. Fisher (1936), from the UCI Machine Learning Repository (CC BY 4.0). Three species, four measurements of the flower in centimetres.",
                  "איריס: ר. א. פישר (1936), ממאגר UCI ללמידת מכונה (CC BY 4.0). שלושה מינים, ארבע מידות של הפרח בסנטימטרים.";
    WineSource => "Wine: Forina et al., from the UCI Machine Learning Repository (CC BY 4.0). Chemical analysis of 178 wines from three cultivars of one region of Italy.",
                  "יין: פורינה ועמיתים, ממאגר UCI ללמידת מכונה (CC BY 4.0). ניתוח כימי של 178 יינות משלושה זנים מאזור אחד באיטליה.";
    BreastCancerSource => "Breast cancer (Wisconsin diagnostic): Wolberg, Street and Mangasarian, from the UCI Machine Learning Repository (CC BY 4.0). 30 measurements of cell nuclei in a biopsy image; the diagnosis is malignant or benign.",
                          "סרטן השד (אבחון ויסקונסין): וולברג, סטריט ומנגסריאן, ממאגר UCI ללמידת מכונה (CC BY 4.0). 30 מדידות של גרעיני תאים בתמונת ביופסיה; האבחנה ממאירה או שפירה.";
    DigitsSource => "Digits: Alpaydin and Kaynak, from the UCI Machine Learning Repository (CC BY 4.0). Each row is an 8 × 8 image of a handwritten digit (64 pixels, 0–16) and the digit it shows.",
                    "ספרות: אלפיידין וקיינאק, ממאגר UCI ללמידת מכונה (CC BY 4.0). כל שורה היא תמונה של 8 × 8 של ספרה בכתב יד (64 פיקסלים, 0–16) והספרה שהיא מראה.";
    OwnSource => "Your own table: read in this browser, never sent anywhere.", "הטבלה שלכם: נקראה בדפדפן הזה, ולא נשלחה לשום מקום.";
    DropHere => "Drop a CSV or TSV file here, or choose one:", "גררו לכאן קובץ CSV או TSV, או בחרו קובץ:";
    PasteTitle => "…or paste a table", "…או הדביקו טבלה";
    PasteHelp => "Commas, semicolons or tabs between the values; the first line names the columns.", "פסיקים, נקודה־פסיק או טאבים בין הערכים; השורה הראשונה נותנת שמות לעמודות.";
    PasteRead => "Read the pasted table", "קראו את הטבלה שהודבקה";
    PastedName => "pasted table", "טבלה מודבקת";
    Private => "Your data stays in this browser: the page reads the file itself and sends nothing anywhere. A link to this page carries your settings, not your file.",
               "הנתונים שלכם נשארים בדפדפן הזה: הדף קורא את הקובץ בעצמו ולא שולח דבר לשום מקום. קישור לדף נושא את ההגדרות שלכם, לא את הקובץ.";
    Fetching => "Downloading the table…", "מוריד את הטבלה…";
    Loading => "Reading {}: {} ({} %)", "קורא את {}: {} ({} %)";
    StageRows => "the rows", "השורות";
    StageTypes => "the columns' types", "סוגי העמודות";
    StageProfile => "the summaries and correlations", "הסיכומים והמתאמים";
    FileRefused => "{} was not read: {}", "הקובץ {} לא נקרא: {}";
    KeptTable => "The table on screen is still {}.", "הטבלה שעל המסך היא עדיין {}.";
    DownloadNoAnswer => "The table could not be downloaded: the site did not answer. Check the connection and choose the table again.",
                        "לא ניתן היה להוריד את הטבלה: האתר לא ענה. בדקו את החיבור ובחרו שוב בטבלה.";
    DownloadRefused => "The table could not be downloaded (the site answered {}).", "לא ניתן היה להוריד את הטבלה (האתר ענה {}).";
    OwnMissing => "This link was made with a file of its own, which never leaves the browser it was loaded in: load that file again (its settings from the link will apply), or choose a built-in table.",
                  "הקישור הזה נוצר עם קובץ משלו, שלעולם לא יוצא מהדפדפן שבו נטען: טענו שוב את הקובץ (ההגדרות מהקישור יחולו עליו), או בחרו טבלה מובנית.";
    TableSummary => "{}: {} rows × {} columns — {} numeric, {} categorical; {} missing values.", "{}: {} שורות × {} עמודות — {} מספריות, {} קטגוריות; {} ערכים חסרים.";
    HeaderRenamed => "Column {}: the name “{}” was empty or repeated, so it is called “{}”.", "עמודה {}: השם „{}” היה ריק או כפול, ולכן היא נקראת „{}”.";
    ErrEmpty => "the file is empty.", "הקובץ ריק.";
    ErrOnlyHeader => "it has a header line but no rows of data.", "יש בו שורת כותרת אבל אין שורות נתונים.";
    ErrRagged => "line {} has {} values where the header has {}.", "בשורה {} יש {} ערכים, ובשורת הכותרת {}.";
    ErrUnterminated => "line {}, column {}: a quote opens here and never closes.", "שורה {}, עמודה {}: מירכאות נפתחות כאן ולא נסגרות.";
    ErrTextAfterQuote => "line {}, column {}: text after a closing quote (a quote inside quotes is written twice: \"\").", "שורה {}, עמודה {}: טקסט אחרי מירכאות סוגרות (מירכאות בתוך מירכאות נכתבות פעמיים: \"\").";
    ErrUtf8 => "line {}, column {}: these bytes are not text (save the file as UTF-8).", "שורה {}, עמודה {}: הבתים האלה אינם טקסט (שמרו את הקובץ כ־UTF-8).";
    ErrNul => "line {}, column {}: a NUL byte — this is not a text file.", "שורה {}, עמודה {}: בית NUL — זה אינו קובץ טקסט.";
    ErrRows => "line {}: more than {} rows, the most this page reads.", "שורה {}: יותר מ־{} שורות, המקסימום שהדף קורא.";
    ErrColumns => "{} columns, more than the {} this page reads.", "{} עמודות, יותר מ־{} שהדף קורא.";
    ErrBytes => "{} bytes, more than the {} this page reads.", "{} בתים, יותר מ־{} שהדף קורא.";

    ExploreTitle => "2 · Explore", "2 · חקירה";
    ExploreHelp => "Before any model: what kind of values each column holds, how they spread, what is missing, which columns move together. Click a column's name to see it; change its kind where the guess is wrong.",
                   "לפני כל מודל: איזה סוג ערכים יש בכל עמודה, איך הם מתפזרים, מה חסר, אילו עמודות זזות יחד. לחצו על שם עמודה כדי לראות אותה; שנו את הסוג שלה כשהניחוש שגוי.";
    ColName => "Column", "עמודה";
    ColKind => "Kind", "סוג";
    ColMissing => "Missing", "חסרים";
    ColDistinct => "Distinct", "שונים";
    ColSummary => "Summary", "סיכום";
    Numeric => "numbers", "מספרים";
    Categorical => "categories", "קטגוריות";
    Changed => "(changed)", "(שונה)";
    KindOf => "Kind of column {}", "הסוג של העמודה {}";
    KindHelp => "A column is read as categories when any value is not a number, or when it holds a few whole numbers only (a class code, a rating). Read as numbers, a value that is not one becomes missing and is counted.",
                "עמודה נקראת כקטגוריות כשאחד הערכים בה אינו מספר, או כשיש בה רק מעט מספרים שלמים (קוד של מחלקה, דירוג). כשהיא נקראת כמספרים, ערך שאינו מספר הופך לחסר ונספר.";
    NumericBrief => "mean {} · sd {} · {} to {}", "ממוצע {} · ס״ת {} · מ־{} עד {}";
    CategoricalBrief => "most often “{}” ({})", "הכי נפוץ „{}” ({})";
    Unparsed => "{} values are not numbers (now missing)", "{} ערכים אינם מספרים (עכשיו חסרים)";
    ColumnTitle => "One column", "עמודה אחת";
    ColumnHead => "Column {}: {} — {} values, {} missing, {} distinct", "עמודה {}: {} — {} ערכים, {} חסרים, {} שונים";
    NumericSummary => "mean {}, standard deviation {}; minimum {}, quartiles {} · {} · {}, maximum {}.", "ממוצע {}, סטיית תקן {}; מינימום {}, רבעונים {} · {} · {}, מקסימום {}.";
    MoreCategories => " and {} more", " ועוד {}";
    ColumnChartLabel => "The values of column {}: a histogram for numbers, counts for categories", "הערכים של עמודה {}: היסטוגרמה למספרים, ספירות לקטגוריות";
    AxisRows => "rows", "שורות";
    TableTitle => "The table", "הטבלה";
    RowHead => "Row", "שורה";
    SortBy => "Sort by {}", "מיון לפי {}";
    PageInfo => "Rows {}–{} of {} (page {} of {})", "שורות {}–{} מתוך {} (עמוד {} מתוך {})";
    PrevPage => "← Previous", "→ הקודם";
    NextPage => "Next →", "הבא ←";
    CorrelationTitle => "Correlations", "מתאמים";
    CorrelationLabel => "Pearson correlation between every two numeric columns, blue positive, orange negative", "מתאם פירסון בין כל שתי עמודות מספריות, כחול חיובי, כתום שלילי";
    CorrelationHelp => "Pearson's r between every two numeric columns (numbered as in the table): +1 they rise together, −1 one falls as the other rises, 0 no straight-line relation. Strongly correlated features tell a model nearly the same thing twice.",
                       "מקדם המתאם של פירסון בין כל שתי עמודות מספריות (ממוספרות כמו בטבלה): ‎+1 הן עולות יחד, ‎−1 אחת יורדת כשהשנייה עולה, 0 אין קשר של קו ישר. מאפיינים עם מתאם חזק אומרים למודל כמעט אותו דבר פעמיים.";
    PairLine => "{} and {}: r = {}", "{} ו־{}: r = {}";
    ScatterTitle => "Scatter matrix", "מטריצת פיזור";
    ScatterHelp => "Every two chosen columns against each other (up to four), each point a row, coloured by the target's class: where the classes separate, a model will find it easy.",
                   "כל שתי עמודות שנבחרו זו מול זו (עד ארבע), כל נקודה היא שורה, בצבע המחלקה של המטרה: היכן שהמחלקות נפרדות, למודל יהיה קל.";
    ScatterLabel => "Scatter plots of the chosen columns against each other, coloured by class", "גרפי פיזור של העמודות שנבחרו זו מול זו, בצבעי המחלקות";
    ColouredBy => "Colours: the classes of {}", "צבעים: המחלקות של {}";
    PrepareTitle => "3 · Prepare", "3 · הכנה";
    PrepareHelp => "Choose what to predict and from what. The kind of the target decides the problem: categories make a classification, numbers a regression.",
                   "בחרו מה לנבא וממה. הסוג של עמודת המטרה קובע את הבעיה: קטגוריות הן סיווג, מספרים הם רגרסיה.";
    TargetLabel => "Target: the column to predict", "מטרה: העמודה לניבוי";
    TargetHelp => "The answer the models learn to give; every other chosen column is a feature.", "התשובה שהמודלים לומדים לתת; כל עמודה אחרת שנבחרה היא מאפיין.";
    IsClassification => "{} holds categories: a classification into {} classes.", "ב־{} יש קטגוריות: סיווג ל־{} מחלקות.";
    IsRegression => "{} holds numbers: a regression.", "ב־{} יש מספרים: רגרסיה.";
    FeaturesLabel => "Features", "מאפיינים";
    FeaturesHelp => "The columns the models may look at. An identifier or a column recorded after the fact does not belong here.", "העמודות שהמודלים רשאים להסתכל עליהן. מזהה, או עמודה שנרשמה אחרי מעשה, לא שייכים לכאן.";
    MissingLabel => "Missing values", "ערכים חסרים";
    MissingHelp => "Fill a gap with the training rows' mean, median or most frequent value, or drop the rows that have one.", "מלאו חוסר בממוצע, בחציון או בערך השכיח של שורות האימון, או השמיטו את השורות שיש בהן חוסר.";
    MissingMean => "Fill with the mean", "מילוי בממוצע";
    MissingMedian => "Fill with the median", "מילוי בחציון";
    MissingMostFrequent => "Fill with the most frequent value", "מילוי בערך השכיח";
    MissingDrop => "Drop the rows", "השמטת השורות";
    StandardiseLabel => "Standardise the numbers", "תקנון המספרים";
    StandardiseHelp => "Each numeric feature becomes (x − mean) / standard deviation, so no feature outweighs another by its units alone. k-NN and the network need it; trees do not care.",
                       "כל מאפיין מספרי הופך ל־(x − ממוצע) / סטיית תקן, כך שאף מאפיין לא גובר על אחר רק בגלל היחידות שלו. ‏k-NN והרשת זקוקים לזה; לעצים זה לא משנה.";
    TrainOnly => "Every statistic here — the means and medians that fill gaps, the categories one-hot encoded, the means and deviations that standardise — is learned from the training rows only, then applied unchanged to validation and test rows.",
                 "כל סטטיסטיקה כאן — הממוצעים והחציונים שממלאים חוסרים, הקטגוריות שמקודדות one-hot, הממוצעים וסטיות התקן של התקנון — נלמדת משורות האימון בלבד, ומוחלת כמו שהיא על שורות האימות והמבחן.";
    PrepSummary => "{} features after one-hot encoding, learned from {} training rows; {} rows left out (a missing target, a class unseen in training, or a gap when dropping).",
                   "{} מאפיינים אחרי קידוד one-hot, שנלמדו מ־{} שורות אימון; {} שורות הושמטו (מטרה חסרה, מחלקה שלא הופיעה באימון, או חוסר כשמשמיטים).";
    ModelsTitle => "4 · Split, and compare models on validation", "4 · חלוקה, והשוואת מודלים על קבוצת האימות";
    ModelsHelp => "The models learn from the training rows; they are compared on the validation rows, which none of them saw; the test rows wait for the end.",
                  "המודלים לומדים משורות האימון; משווים ביניהם על שורות האימות, שאף אחד מהם לא ראה; שורות המבחן מחכות לסוף.";
    SplitCounts => "Training {} · validation {} · test {} rows", "אימון {} · אימות {} · מבחן {} שורות";
    StratifiedLabel => "Stratified", "חלוקה מרובדת";
    StratifiedHelp => "Each class keeps its share in training, validation and test: a rare class cannot end up missing from one of them.", "כל מחלקה שומרת על החלק שלה באימון, באימות ובמבחן: מחלקה נדירה לא יכולה להיעדר מאחת מהן.";
    SeedHelp => "The same seed gives the same split and the same models, exactly.", "אותו זרע נותן בדיוק את אותה חלוקה ואותם מודלים.";
    NewSplit => "Another split", "חלוקה אחרת";
    ModelsLabel => "Models", "מודלים";
    FoldsLabel => "k-fold cross-validation", "אימות צולב ב־k קפלים";
    FoldsHelp => "Split the training and validation rows into k folds; fit each model k times, each time validating on the fold left out. The mean says how good a model is, the spread how much one split's luck moves it.",
                 "מחלקים את שורות האימון והאימות ל־k קפלים; כל מודל מאומן k פעמים, ובכל פעם נבדק על הקפל שנשאר בחוץ. הממוצע אומר כמה המודל טוב, והפיזור כמה המזל של חלוקה אחת מזיז אותו.";
    FoldsOff => "Off", "כבוי";
    FoldsHead => "{}-fold (mean ± sd)", "{} קפלים (ממוצע ± ס״ת)";
    FoldScore => "{} ± {}", "{} ± {}";
    CrossValidating => "cross-validating: fold {} of {}", "אימות צולב: קפל {} מתוך {}";
    ModelsNote => "Each model trains on at most {} rows (a larger training set is sampled, class shares kept), so none takes more than a few seconds.", "כל מודל מתאמן על {} שורות לכל היותר (מקבוצת אימון גדולה יותר נדגמות שורות, תוך שמירה על חלקי המחלקות), כך שאף אחד לא לוקח יותר מכמה שניות.";
    ModelLinear => "Linear", "ליניארי";
    ModelLinearHelp => "Logistic regression for classes, least squares for numbers: one weight per feature.", "רגרסיה לוגיסטית למחלקות, ריבועים פחותים למספרים: משקל אחד לכל מאפיין.";
    ModelTree => "Decision tree", "עץ החלטה";
    ModelTreeHelp => "Yes/no questions about one feature at a time, up to depth 8.", "שאלות כן/לא על מאפיין אחד בכל פעם, עד עומק 8.";
    ModelForest => "Random forest", "יער אקראי";
    ModelForestHelp => "50 trees, each on a resample of the rows, voting.", "50 עצים, כל אחד על דגימה מחדש של השורות, מצביעים.";
    ModelBoosting => "Boosting", "בוסטינג";
    ModelBoostingHelp => "100 small trees, each fixing the errors of those before it.", "100 עצים קטנים, כל אחד מתקן את הטעויות של קודמיו.";
    ModelKnn => "k nearest neighbours", "k השכנים הקרובים";
    ModelKnnHelp => "The answer of the 5 most similar training rows.", "התשובה של 5 שורות האימון הדומות ביותר.";
    ModelMlp => "Neural network", "רשת נוירונים";
    ModelMlpHelp => "One hidden layer of 32 neurons, trained with Adam.", "שכבה חבויה אחת של 32 נוירונים, מאומנת עם Adam.";
    Progress => "Models", "מודלים";
    Fitting => "fitting: {} of {} done", "מתאמנים: {} מתוך {} הושלמו";
    Importing => "measuring the importances", "מודדים את החשיבויות";
    Fitted => "{} fitted", "{} אומנו";
    Waiting => "waiting…", "ממתין…";
    NotYetSeen => "not looked at yet", "עוד לא נבדק";
    Subsampled => "trained on a sample of {} rows", "אומן על דגימה של {} שורות";
    ModelHead => "Model", "מודל";
    ValidationHead => "Validation", "אימות";
    TestColumnHead => "Test", "מבחן";
    FitTimeHead => "Fit time", "זמן אימון";
    ClassScores => "accuracy {}, macro F1 {}", "דיוק {}, F1 ממוצע {}";
    AucPart => ", AUC {}", ", AUC {}";
    RegressionScores => "R² {}, MAE {}, RMSE {}", "R² {}, MAE {}, RMSE {}";
    RevealTest => "Score the test set (once)", "בדיקה על קבוצת המבחן (פעם אחת)";
    TestWaits => "Choose your model on validation first. The test set answers one question: how will the chosen model do on rows nobody has looked at?",
                 "בחרו קודם את המודל על קבוצת האימות. קבוצת המבחן עונה על שאלה אחת: איך המודל שנבחר יצליח על שורות שאף אחד לא הסתכל עליהן?";
    TestSeen => "The test set has been looked at. Its numbers are honest now — but change a setting because of them, and the next test score is no longer a test.",
                "הסתכלתם על קבוצת המבחן. המספרים שלה הוגנים עכשיו — אבל שנו הגדרה בגללם, והציון הבא על המבחן כבר אינו מבחן.";
    TestSeenAgain => "You have looked at the test set more than once: choosing by it has made it a second validation set, and its score an optimistic one.",
                     "הסתכלתם על קבוצת המבחן יותר מפעם אחת: הבחירה לפיה הפכה אותה לקבוצת אימות שנייה, ואת הציון שלה לאופטימי מדי.";
    DetailHead => "{} on {} validation rows:", "{} על {} שורות אימות:";
    ClassHead => "Class", "מחלקה";
    Precision => "Precision", "דיוק חיובי (precision)";
    Recall => "Recall", "כיסוי (recall)";
    ConfusionLabel => "Confusion matrix on the validation rows: true class down, predicted class across", "מטריצת בלבול על שורות האימות: המחלקה האמיתית לאורך, המחלקה החזויה לרוחב";
    ConfusionHelp => "Each row is a true class, each column what the model said: the diagonal is right, everything else is a mistake — and which mistake.",
                     "כל שורה היא מחלקה אמיתית, כל עמודה היא מה שהמודל אמר: האלכסון נכון, כל השאר טעות — ואיזו טעות.";
    AxisTruth => "true class", "מחלקה אמיתית";
    AxisPredicted => "predicted class", "מחלקה חזויה";
    RocLabel => "ROC curve on the validation rows", "עקומת ROC על שורות האימות";
    RocHelp => "Every threshold on the model's probability gives a trade: the share of positives caught (up) against the share of negatives wrongly flagged (across). The area under the curve is the chance that a random positive scores above a random negative.",
               "כל סף על ההסתברות של המודל נותן פשרה: החלק של החיוביים שנתפסו (למעלה) מול החלק של השליליים שסומנו בטעות (לרוחב). השטח מתחת לעקומה הוא הסיכוי שחיובי אקראי יקבל ציון גבוה משלילי אקראי.";
    RocName => "ROC (AUC {})", "ROC ‏(AUC {})";
    ChanceName => "chance", "ניחוש";
    AxisFpr => "false positive rate", "שיעור חיוביים כוזבים";
    AxisTpr => "true positive rate", "שיעור חיוביים אמיתיים";
    ImportanceTitle => "Which features matter", "אילו מאפיינים חשובים";
    ImportanceLabel => "Permutation importance of each feature for the best model, on the validation rows", "חשיבות בערבוב של כל מאפיין למודל הטוב ביותר, על שורות האימות";
    ImportanceHelp => "Shuffle one feature's values among the validation rows and score again: the drop is how much the model relied on it (three shuffles; the whisker is their spread).",
                      "ערבבו את הערכים של מאפיין אחד בין שורות האימות ובדקו שוב: הירידה היא כמה המודל נשען עליו (שלושה ערבובים; הקו הוא הפיזור ביניהם).";
    ImportanceSummary => "{}: shuffling {} costs the most ({} of the score).", "{}: ערבוב של {} עולה הכי הרבה ({} מהציון).";
    AxisDropAccuracy => "drop in accuracy", "ירידה בדיוק";
    AxisDropR2 => "drop in R²", "ירידה ב־R²";
    TrapsTitle => "5 · Success in training, failure in battle", "5 · הצלחה באימון, כישלון בשטח";
    TrapsHelp => "A validation score can lie. Set a trap and watch each model twice: in the trap, and done honestly.", "ציון על קבוצת האימות יכול לשקר. הציבו מלכודת וראו כל מודל פעמיים: בתוך המלכודת, ובדרך הישרה.";
    DemoLabel => "Trap", "מלכודת";
    DemoSelectHelp => "Each trap is scored on validation and on the test set — the test set plays the battlefield.", "כל מלכודת נבדקת על קבוצת האימות ועל קבוצת המבחן — קבוצת המבחן משחקת את שדה הקרב.";
    DemoNone => "No trap", "בלי מלכודת";
    DemoLeak => "A column that leaks the answer", "עמודה שמדליפה את התשובה";
    DemoScaling => "Scaling fitted on every row", "תקנון שנלמד מכל השורות";
    DemoShift => "Test rows from another region", "שורות מבחן מאזור אחר";
    DemoNoneHelp => "The honest workflow: choose on validation, test once.", "הדרך הישרה: בוחרים על קבוצת האימות, בודקים פעם אחת.";
    DemoLeakHelp => "A column “leak” is added that encodes the answer — like a “treatment given” column that is only filled in after the diagnosis. It is there in the historical rows (training, validation) but not yet known for new ones (test), where it is noise.",
                    "נוספת עמודה „leak” שמקודדת את התשובה — כמו עמודת „טיפול שניתן” שמתמלאת רק אחרי האבחנה. היא קיימת בשורות ההיסטוריות (אימון, אימות) אבל עוד לא ידועה בשורות חדשות (מבחן), ושם היא רעש.";
    DemoScalingHelp => "The means and deviations that standardise the numbers are learned from every row, test rows included: the test rows have whispered to the preparation. On tables like these the difference is small; the rule is what matters — on data that drifts it is not small.",
                       "הממוצעים וסטיות התקן של התקנון נלמדים מכל השורות, כולל שורות המבחן: שורות המבחן לחשו משהו להכנה. בטבלאות כאלה ההבדל קטן; מה שחשוב הוא הכלל — בנתונים שזזים עם הזמן הוא לא קטן.";
    DemoShiftHelp => "The test rows are the largest values of one column, the others are split at random: the models are tested where they never trained — a hospital of bigger patients, a summer after a winter.",
                     "שורות המבחן הן הערכים הגדולים ביותר של עמודה אחת, והשאר מחולקות באקראי: המודלים נבחנים במקום שבו לא התאמנו מעולם — בית חולים עם מטופלים גדולים יותר, קיץ אחרי חורף.";
    ShiftByLabel => "Test rows: the largest values of", "שורות המבחן: הערכים הגדולים ביותר של";
    ShiftByHelp => "The test set takes the rows where this column is largest.", "קבוצת המבחן לוקחת את השורות שבהן העמודה הזו הכי גדולה.";
    InTheTrap => "In the trap", "בתוך המלכודת";
    Honestly => "Honestly", "בדרך הישרה";
    ValHead => "validation", "אימות";
    TestHead => "test", "מבחן";
    VerdictLeak => "{} with the leak: validation {}, test {}. Honestly: validation {}, test {}. The validation score promised what the battle did not keep.",
                   "{} עם ההדלפה: אימות {}, מבחן {}. בדרך הישרה: אימות {}, מבחן {}. ציון האימות הבטיח את מה שהשטח לא קיים.";
    VerdictScaling => "{} with scaling fitted on every row: validation {}, test {}. Fitted on training rows only: validation {}, test {}.",
                      "{} עם תקנון שנלמד מכל השורות: אימות {}, מבחן {}. נלמד משורות האימון בלבד: אימות {}, מבחן {}.";
    VerdictShift => "{} tested on another region: validation {}, test {}. With a random split: validation {}, test {}. Validation only vouches for rows like the training rows.",
                    "{} נבחן באזור אחר: אימות {}, מבחן {}. בחלוקה אקראית: אימות {}, מבחן {}. קבוצת האימות ערבה רק לשורות שדומות לשורות האימון.";
    AwayTitle => "6 · Take it away", "6 · לקחת איתכם";
    AwayHelp => "Everything is made in this browser: the prepared table (every role, the features as the models saw them), every model's scores, the fitted models themselves, and the charts.",
                "הכול נוצר בדפדפן הזה: הטבלה המוכנה (כל התפקידים, המאפיינים כפי שהמודלים ראו אותם), הציונים של כל מודל, המודלים המאומנים עצמם, והגרפים.";
    DownloadClean => "Prepared table (CSV)", "הטבלה המוכנה (CSV)";
    DownloadResults => "Results (CSV)", "תוצאות (CSV)";
    DownloadModels => "Fitted models (JSON)", "המודלים המאומנים (JSON)";
    DownloadColumnPng => "Column chart (PNG)", "גרף העמודה (PNG)";
    DownloadImportancePng => "Importances (PNG)", "החשיבויות (PNG)";
    ErrNoTarget => "This table has no such target column: choose one.", "אין בטבלה הזו עמודת מטרה כזו: בחרו אחת.";
    ErrNoShift => "Testing on another region needs a numeric feature to order the rows by.", "בדיקה באזור אחר צריכה מאפיין מספרי כדי לסדר לפיו את השורות.";
    ErrNoFeatures => "No feature is chosen: a model needs something to predict from.", "לא נבחר אף מאפיין: מודל צריך משהו לנבא ממנו.";
    ErrOneClass => "The target {} has one class in the training rows: there is nothing to tell apart.", "למטרה {} יש מחלקה אחת בשורות האימון: אין מה להבחין.";
    ErrTooManyCategories => "{} has {} categories, more than {}: an identifier is not a feature (leave it out, or read it as numbers).", "ב־{} יש {} קטגוריות, יותר מ־{}: מזהה אינו מאפיין (השמיטו אותו, או קראו אותו כמספרים).";
    ErrTooManyFeatures => "{} features after one-hot encoding, more than {}: leave out some categorical columns.", "{} מאפיינים אחרי קידוד one-hot, יותר מ־{}: השמיטו כמה עמודות קטגוריות.";
    ErrNoValues => "{} has no value at all in the training rows.", "ב־{} אין אף ערך בשורות האימון.";
    ErrNoRows => "No training row is left once rows with gaps are set aside: fill the gaps instead of dropping rows.", "לא נשארה אף שורת אימון אחרי שהוצאו השורות עם החוסרים: מלאו את החוסרים במקום להשמיט שורות.";
}
