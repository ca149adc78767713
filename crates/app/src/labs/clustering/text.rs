//! The Clustering lab's own words, in English and Hebrew (they travel only in its bundle).

use perplexed_core::data::shoppers::Level;

crate::i18n::plurals! {
    CP;
    Centres => ["{} centre", "{} centres"], ["מרכז אחד", "שני מרכזים", "{} מרכזים"];
    Iterations => ["{} iteration", "{} iterations"], ["איטרציה אחת", "שתי איטרציות", "{} איטרציות"];
    Customers => ["{} customer", "{} customers"], ["לקוח אחד", "שני לקוחות", "{} לקוחות"];
    Clusters => ["{} cluster", "{} clusters"], ["אשכול אחד", "שני אשכולות", "{} אשכולות"];
}

crate::i18n::table! {
    CT;
    // ---- the points
    DataTitle => "The points and the settings", "הנקודות וההגדרות";
    DataLabel => "Data", "נתונים";
    DataHelp => "What to cluster. The generator knows which group it drew each point from; the algorithms do not.",
                "מה לחלק לאשכולות. המחולל יודע מאיזו קבוצה הוגרלה כל נקודה; האלגוריתמים לא יודעים.";
    ShBlobs => "Round blobs", "כתמים עגולים";
    ShAniso => "Stretched blobs", "כתמים מתוחים";
    ShMoons => "Two moons", "שני ירחים";
    ShRings => "Rings", "טבעות";
    ShUniform => "Uniform noise (no groups at all)", "רעש אחיד (בלי שום קבוצות)";
    ShDrawn => "Draw your own", "ציור משלכם";
    PointsLabel => "Points", "נקודות";
    PointsHelp => "How many points to draw from the shape.", "כמה נקודות להגריל מהצורה.";
    GroupsLabel => "Groups", "קבוצות";
    GroupsHelp => "How many groups the generator draws (blobs and rings).", "כמה קבוצות המחולל מגריל (כתמים וטבעות).";
    SpreadLabel => "Spread", "פיזור";
    SpreadHelp => "How widely each group scatters; for the moons, how noisy they are.", "עד כמה כל קבוצה מתפזרת; בירחים, כמה הם רועשים.";
    SeedHelp => "The same seed draws the same points and the same starting centres.",
                "אותו זרע מגריל את אותן נקודות ואת אותם מרכזים התחלתיים.";
    NewData => "New data", "נתונים חדשים";
    DrawHelp => "Click the k-means plot to add a point there, or type its coordinates and press “Add point”.",
                "לחצו על הגרף של k-means כדי להוסיף שם נקודה, או הקלידו את הקואורדינטות שלה ולחצו „הוספת נקודה”.";
    CoordX1 => "x₁ coordinate", "קואורדינטת x₁";
    CoordX2 => "x₂ coordinate", "קואורדינטת x₂";
    CoordInvalid => "Type two numbers from −6 to 6.", "הקלידו שני מספרים בין ‎−6 ל-6.";
    AddPoint => "Add point", "הוספת נקודה";
    UndoPoint => "Remove the last point", "הסרת הנקודה האחרונה";
    ClearPoints => "Remove all points", "מחיקת כל הנקודות";
    DrawnCount => "{} drawn (at most {}).", "ציירתם {} (לכל היותר {}).";
    NoPoints => "No points yet: click the plot to add some.", "עדיין אין נקודות: לחצו על הגרף כדי להוסיף.";
    AxesToggle => "Show the principal axes of the points (PCA)", "הצגת הצירים הראשיים של הנקודות (PCA)";
    AxesHelp => "The two directions in which the points spread most, each drawn one standard deviation to either side of the mean.",
                "שני הכיוונים שבהם הנקודות מתפזרות הכי הרבה, כל אחד משורטט סטיית תקן אחת לכל צד של הממוצע.";

    // ---- k-means
    KmTitle => "k-means, one move at a time", "k-means, מהלך אחר מהלך";
    KmIntro => "Every round has two moves. Assign: each point joins its nearest centre. Update: each centre moves to the mean of its points. Neither move can raise the inertia, so the rounds settle.",
               "בכל סבב יש שני מהלכים. שיוך: כל נקודה מצטרפת למרכז הקרוב אליה. עדכון: כל מרכז זז לממוצע של הנקודות שלו. אף מהלך לא יכול להגדיל את האינרציה, ולכן הסבבים מתייצבים.";
    KLabel => "Clusters k", "מספר אשכולות k";
    KHelp => "How many centres k-means places. It always returns k groups, whether or not the data has them.",
             "כמה מרכזים k-means מציב. הוא תמיד מחזיר k קבוצות, בין שיש כאלה בנתונים ובין שאין.";
    InitLabel => "Starting centres", "מרכזים התחלתיים";
    InitHelp => "Random: k points picked at random. k-means++: each next centre is drawn at random too, but points far from the centres already chosen are more likely, so bad starts are rarer.",
                "אקראי: k נקודות שנבחרות באקראי. k-means++‎: גם כל מרכז נוסף נבחר באקראי, אבל לנקודות רחוקות מהמרכזים שכבר נבחרו יש סיכוי גבוה יותר, ולכן התחלות גרועות נדירות יותר.";
    InitRandom => "Random points", "נקודות אקראיות";
    InitPlusPlus => "k-means++ (spread out)", "k-means++‎ (מפוזרים)";
    StepMove => "One move", "מהלך אחד";
    Reset => "Back to the start", "חזרה להתחלה";
    Converge => "Run to convergence", "הרצה עד התכנסות";
    Restart => "New start", "התחלה חדשה";
    RestartHelp => "New start: the same points, new starting centres. A different start can end in a different clustering.",
                   "התחלה חדשה: אותן נקודות, מרכזים התחלתיים חדשים. התחלה אחרת יכולה להסתיים בחלוקה אחרת.";
    Iteration => "Iteration", "איטרציה";
    Inertia => "Inertia", "אינרציה";
    StartNumber => "Start", "התחלה";
    StartInfo => "#{} · seed {}", "מס' {} · זרע {}";
    MoveNone => "Start: {} placed ({}). Next move: assign.", "התחלה: {} על המישור ({}). המהלך הבא: שיוך.";
    MoveAssign => "Assign: every point joined its nearest centre (points that changed cluster: {}).",
                  "שיוך: כל נקודה הצטרפה למרכז הקרוב אליה (נקודות שהחליפו אשכול: {}).";
    MoveUpdate => "Update: every centre moved to the mean of its points (total distance moved: {}).",
                  "עדכון: כל מרכז זז לממוצע של הנקודות שלו (סך המרחק שהמרכזים זזו: {}).";
    Reseeded => "Cluster {} was left empty, so its centre jumped to the point farthest from its own centre.",
                "אשכול {} נשאר ריק, ולכן המרכז שלו קפץ לנקודה הרחוקה ביותר מהמרכז שלה.";
    NextAssign => "Next move: assign.", "המהלך הבא: שיוך.";
    NextUpdate => "Next move: update.", "המהלך הבא: עדכון.";
    Converged => "Converged after {}: another assignment would move no point. It is a local minimum; a new start may find a lower one.",
                 "התכנס אחרי {}: שיוך נוסף לא יזיז אף נקודה. זה מינימום מקומי; התחלה חדשה עשויה למצוא נמוך יותר.";
    ConvergedExact => "Converged after {}: every point sits exactly on its centre, so the inertia is 0, the lowest it can be. No new start can do better.",
                      "התכנס אחרי {}: כל נקודה יושבת בדיוק על המרכז שלה, ולכן האינרציה היא 0, הנמוכה ביותר האפשרית. שום התחלה חדשה לא תמצא אינרציה נמוכה יותר.";
    KmError => "k-means cannot run: {}", "אי אפשר להריץ את k-means: {}";
    PlotHelp => "Background: the region nearest to each centre. Dots: the points, in the colour of the cluster they were last assigned to (grey: not yet). Diamonds: the centres.",
                "רקע: האזור הקרוב ביותר לכל מרכז. עיגולים: הנקודות, בצבע האשכול שאליו שויכו לאחרונה (אפור: עדיין לא). מעוינים: המרכזים.";
    InertiaTitle => "Inertia after every move", "האינרציה אחרי כל מהלך";
    InertiaHelp => "Inertia is the sum of squared distances from each point to its centre. It only falls, and flattens once k-means has converged.",
                   "אינרציה היא סכום ריבועי המרחקים מכל נקודה למרכז שלה. היא רק יורדת, ומתיישרת כש-k-means מתכנס.";
    AxisIteration => "iteration", "איטרציה";
    AxisInertia => "inertia (sum of squared distances)", "אינרציה (סכום ריבועי המרחקים)";
    SeriesInertia => "inertia", "אינרציה";
    RunSilhouette => "Silhouette of this clustering: {} (1: tight, well-separated clusters; 0: clusters that touch).",
                     "ציון הצללית של החלוקה הזאת: {} (‏1: אשכולות הדוקים ומופרדים היטב; 0: אשכולות שנוגעים זה בזה).";
    UniformLesson => "There are no groups in uniform noise, and still k-means returns k tidy clusters. A clustering is a claim to check: look at the silhouette and the elbow before believing it.",
                     "ברעש אחיד אין קבוצות, ובכל זאת k-means מחזיר k אשכולות מסודרים. חלוקה לאשכולות היא טענה שצריך לבדוק: הביטו בציון הצללית ובמרפק לפני שאתם מאמינים לה.";
    Agreement => "Agreement with the groups the points were drawn from (adjusted Rand index; 1: the same groups, 0: no better than chance): k-means {}, DBSCAN {}.",
                 "התאמה לקבוצות שמהן הוגרלו הנקודות (מדד ראנד מתוקנן; 1: אותן קבוצות, 0: לא יותר ממקרי): k-means‏ {}, DBSCAN‏ {}.";
    Keys => "Keys: Space play/pause · → one move · R back to the start", "מקשים: רווח הפעלה/השהיה · → מהלך אחד · R חזרה להתחלה";

    // ---- choosing k
    ChooseTitle => "Choosing k: the elbow and the silhouette", "בחירת k: המרפק וציון הצללית";
    ChooseHelp => "For every k from 1 to 10, k-means runs from {} starts and keeps the best. Inertia usually falls as k grows: the lowest inertia possible never rises with k, but a few starts can miss it, so now and then a larger k comes out a little higher. Look for the elbow where it stops falling fast. The silhouette (−1 to 1) is highest where clusters are compact and far apart.",
                  "לכל k מ-1 עד 10, k-means רץ מ-{} התחלות ושומר את הטובה ביותר. האינרציה בדרך כלל יורדת כש-k גדל: האינרציה הנמוכה ביותר האפשרית אף פעם לא עולה עם k, אבל כמה התחלות עלולות לפספס אותה, ולכן לפעמים k גדול יותר יוצא מעט גבוה יותר. חפשו את המרפק, המקום שבו היא מפסיקה לרדת מהר. ציון הצללית (‎−1 עד 1) הכי גבוה כשהאשכולות צפופים ורחוקים זה מזה.";
    SweepProgress => "Computing: k from 1 to {} done (of {}).", "בחישוב: ערכי k מ-1 עד {} מוכנים (מתוך {}).";
    SweepDone => "Done for every k from 1 to {}.", "הושלם לכל k מ-1 עד {}.";
    SweepBest => "The highest silhouette is at k = {}.", "ציון הצללית הגבוה ביותר הוא ב-k = {}.";
    SweepError => "The sweep cannot run: {}", "אי אפשר להריץ את הסריקה: {}";
    ElbowTitle => "The elbow: inertia against k", "המרפק: אינרציה לפי k";
    SilTitle => "Silhouette against k", "ציון הצללית לפי k";
    AxisK => "k (number of clusters)", "k (מספר האשכולות)";
    AxisSilhouette => "silhouette (−1 to 1)", "ציון צללית (‎−1 עד 1)";
    SeriesSilhouette => "silhouette", "צללית";
    YourK => "your k", "ה-k שלכם";

    // ---- DBSCAN
    DbTitle => "DBSCAN on the same points", "DBSCAN על אותן נקודות";
    DbIntro => "DBSCAN grows clusters through crowded neighbourhoods, so they can take any shape, and it leaves points in sparse places out as noise. It decides the number of clusters itself.",
               "DBSCAN מגדל אשכולות דרך שכונות צפופות, ולכן הם יכולים לקבל כל צורה, ונקודות באזורים דלילים נשארות בחוץ כרעש. הוא קובע בעצמו את מספר האשכולות.";
    EpsLabel => "Neighbourhood radius ε", "רדיוס השכונה ε";
    EpsHelp => "How far apart two points may be and still count as neighbours.", "המרחק הגדול ביותר שבו שתי נקודות עדיין נחשבות שכנות.";
    MinPtsLabel => "Points for a dense neighbourhood", "נקודות לשכונה צפופה";
    MinPtsHelp => "How many points within ε (the point itself included) make a point a core point.",
                  "כמה נקודות בטווח ε (כולל הנקודה עצמה) הופכות נקודה לנקודת ליבה.";
    DbNone => "DBSCAN found no cluster: every point is noise. Widen ε or ask for fewer points per neighbourhood.",
              "DBSCAN לא מצא אף אשכול: כל הנקודות הן רעש. הגדילו את ε או דרשו פחות נקודות לשכונה.";
    DbOne => "DBSCAN found one cluster.", "DBSCAN מצא אשכול אחד.";
    DbMany => "DBSCAN found {}.", "DBSCAN מצא {}.";
    NoiseNone => "No point is noise.", "אף נקודה אינה רעש.";
    NoiseOne => "One point is noise.", "נקודה אחת היא רעש.";
    // Only for two or more (one has its own sentence), so "are" and "הן" always agree.
    NoiseMany => "{} are noise.", "{} הן רעש.";
    DbHelp => "Colours: DBSCAN's clusters. Large dots are core points, small dots border points, grey crosses noise.",
              "צבעים: האשכולות של DBSCAN. עיגולים גדולים הם נקודות ליבה, קטנים הם נקודות גבול, ואיקסים אפורים הם רעש.";
    DbError => "DBSCAN cannot run: {}", "אי אפשר להריץ את DBSCAN: {}";

    // ---- shoppers
    ShopTitle => "Shoppers: finding customer segments", "לקוחות: מציאת פלחי לקוחות";
    ShopIntro => "200 customers of a supermarket, six numbers each. Nobody told the algorithm who is who: k-means groups similar customers, PCA squeezes the six columns into a picture, and each group is described from its centre.",
                 "200 לקוחות של סופרמרקט, שישה מספרים לכל אחד. אף אחד לא אמר לאלגוריתם מי הוא מי: k-means מקבץ לקוחות דומים, PCA דוחס את שש העמודות לתמונה, וכל קבוצה מתוארת לפי המרכז שלה.";
    TableCaption => "The first {} of {} customers", "{} הלקוחות הראשונים מתוך {}";
    ColAge => "Age (years)", "גיל (שנים)";
    ColSpend => "Yearly spend (₪)", "הוצאה שנתית (₪)";
    ColVisits => "Visits per month", "ביקורים בחודש";
    ColBasket => "Average basket (₪)", "סל ממוצע (₪)";
    ColOnline => "Ordered online (%)", "הוזמן באינטרנט (%)";
    ColPromo => "Bought on promotion (%)", "נקנה במבצע (%)";
    ColSegment => "Segment found", "הפלח שנמצא";
    ShortAge => "age", "גיל";
    ShortSpend => "spend", "הוצאה";
    ShortVisits => "visits", "ביקורים";
    ShortBasket => "basket", "סל";
    ShortOnline => "online", "אינטרנט";
    ShortPromo => "promotion", "מבצעים";
    StdLabel => "Standardise the columns", "תקנון העמודות";
    StdHelp => "Divide every column by its spread first. Without it, spend in shekels (thousands) drowns age in years (tens), in PCA and in k-means alike.",
               "קודם מחלקים כל עמודה בפיזור שלה. בלי זה, ההוצאה בשקלים (אלפים) מטביעה את הגיל בשנים (עשרות), גם ב-PCA וגם ב-k-means.";
    ShopKLabel => "Segments k", "מספר פלחים k";
    ShopKHelp => "How many groups k-means looks for among the customers (the table was drawn from 4 hidden ones).",
                 "כמה קבוצות k-means מחפש בין הלקוחות (הטבלה הוגרלה מ-4 קבוצות נסתרות).";
    PcaTitle => "The customers seen through PCA", "הלקוחות דרך PCA";
    PcaHelp => "Each dot is a customer placed by the first two principal components, in the colour of its segment. Arrows: where each column points in this picture.",
               "כל נקודה היא לקוח, שממוקם לפי שני הרכיבים הראשיים הראשונים, בצבע הפלח שלו. חצים: לאן כל עמודה מצביעה בתמונה הזאת.";
    AxisPc => "principal component {} ({} of the variance)", "רכיב ראשי {} ({} מהשונות)";
    VarTitle => "Explained variance per component", "השונות המוסברת של כל רכיב";
    VarHelp => "How much of the total spread each principal component carries. The picture shows the first two: {} together.",
               "כמה מהפיזור הכולל נושא כל רכיב ראשי. התמונה מראה את שני הראשונים: {} יחד.";
    AxisVariance => "% of the variance", "% מהשונות";
    PcShort => "PC{}", "PC{}";
    SegmentsTitle => "The segments in words, compared with the average customer", "הפלחים במילים, בהשוואה ללקוח הממוצע";
    SegmentHead => "Segment {}: {} ({})", "פלח {}: {} ({})";
    SegmentTypical => "close to the average on every column", "קרובים לממוצע בכל העמודות";
    SegmentMeans => "On average: {}.", "בממוצע: {}.";
    MeanAge => "{} years old", "בני {}";
    MeanSpend => "₪{} a year", "‏{} ₪ בשנה";
    MeanVisits => "{} visits a month", "{} ביקורים בחודש";
    MeanBasket => "₪{} a basket", "סל של {} ₪";
    MeanOnline => "{}% online", "{}% באינטרנט";
    MeanPromo => "{}% on promotion", "{}% במבצע";
    ShopAri => "Agreement with the 4 hidden segments the table was drawn from (adjusted Rand index): {}.",
               "התאמה ל-4 הפלחים הנסתרים שמהם הוגרלה הטבלה (מדד ראנד מתוקנן): {}.";
    ShopError => "k-means cannot segment the table: {}", "k-means לא מצליח לפלח את הטבלה: {}";
    PcaError => "PCA cannot run: {}", "אי אפשר להריץ PCA: {}";

    // ---- a column at a level (what sets a segment apart)
    AgeMuchLower => "much younger", "צעירים בהרבה";
    AgeLower => "younger", "צעירים יותר";
    AgeHigher => "older", "מבוגרים יותר";
    AgeMuchHigher => "much older", "מבוגרים בהרבה";
    SpendMuchLower => "spend much less", "מוציאים הרבה פחות";
    SpendLower => "spend less", "מוציאים פחות";
    SpendHigher => "spend more", "מוציאים יותר";
    SpendMuchHigher => "spend much more", "מוציאים הרבה יותר";
    VisitsMuchLower => "visit much less often", "מגיעים לעתים רחוקות בהרבה";
    VisitsLower => "visit less often", "מגיעים לעתים רחוקות יותר";
    VisitsHigher => "visit more often", "מגיעים לעתים קרובות יותר";
    VisitsMuchHigher => "visit much more often", "מגיעים לעתים קרובות בהרבה";
    BasketMuchLower => "much smaller baskets", "סלים קטנים בהרבה";
    BasketLower => "smaller baskets", "סלים קטנים יותר";
    BasketHigher => "bigger baskets", "סלים גדולים יותר";
    BasketMuchHigher => "much bigger baskets", "סלים גדולים בהרבה";
    OnlineMuchLower => "order online much less", "מזמינים באינטרנט הרבה פחות";
    OnlineLower => "order online less", "מזמינים באינטרנט פחות";
    OnlineHigher => "order online more", "מזמינים באינטרנט יותר";
    OnlineMuchHigher => "order online much more", "מזמינים באינטרנט הרבה יותר";
    PromoMuchLower => "buy on promotion much less", "קונים במבצע הרבה פחות";
    PromoLower => "buy on promotion less", "קונים במבצע פחות";
    PromoHigher => "buy on promotion more", "קונים במבצע יותר";
    PromoMuchHigher => "buy on promotion much more", "קונים במבצע הרבה יותר";
}

/// The words for "this segment's `column` is at `level`", or `None` for a typical value (or an
/// unknown column slug).
pub fn trait_phrase(column: &str, level: Level) -> Option<crate::i18n::Label> {
    let four = match column {
        "age" => [CT::AgeMuchLower, CT::AgeLower, CT::AgeHigher, CT::AgeMuchHigher],
        "yearly_spend" => [CT::SpendMuchLower, CT::SpendLower, CT::SpendHigher, CT::SpendMuchHigher],
        "visits_per_month" => [CT::VisitsMuchLower, CT::VisitsLower, CT::VisitsHigher, CT::VisitsMuchHigher],
        "basket_value" => [CT::BasketMuchLower, CT::BasketLower, CT::BasketHigher, CT::BasketMuchHigher],
        "online_share" => [CT::OnlineMuchLower, CT::OnlineLower, CT::OnlineHigher, CT::OnlineMuchHigher],
        "promo_share" => [CT::PromoMuchLower, CT::PromoLower, CT::PromoHigher, CT::PromoMuchHigher],
        _ => return None,
    };
    match level {
        Level::MuchLower => Some(four[0]),
        Level::Lower => Some(four[1]),
        Level::Typical => None,
        Level::Higher => Some(four[2]),
        Level::MuchHigher => Some(four[3]),
    }
}

/// The table heading of a column (with its unit) and its short name for plot arrows.
pub fn column_names(column: &str) -> Option<(crate::i18n::Label, crate::i18n::Label)> {
    Some(match column {
        "age" => (CT::ColAge, CT::ShortAge),
        "yearly_spend" => (CT::ColSpend, CT::ShortSpend),
        "visits_per_month" => (CT::ColVisits, CT::ShortVisits),
        "basket_value" => (CT::ColBasket, CT::ShortBasket),
        "online_share" => (CT::ColOnline, CT::ShortOnline),
        "promo_share" => (CT::ColPromo, CT::ShortPromo),
        _ => return None,
    })
}

/// A column's mean in words with its unit ("₪650 a basket").
pub fn column_mean(column: &str) -> Option<crate::i18n::Label> {
    Some(match column {
        "age" => CT::MeanAge,
        "yearly_spend" => CT::MeanSpend,
        "visits_per_month" => CT::MeanVisits,
        "basket_value" => CT::MeanBasket,
        "online_share" => CT::MeanOnline,
        "promo_share" => CT::MeanPromo,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{check_plurals, check_table, fill, Lang};
    use perplexed_core::data::shoppers::COLUMNS;

    #[test]
    fn every_entry_is_in_both_languages() {
        // The abbreviation of "principal component" is the same in Hebrew texts.
        check_table(CT::ALL, &[CT::PcShort]);
    }

    #[test]
    fn counted_nouns_agree_with_their_number() {
        check_plurals(CP::ALL, CP::forms);
        assert!(fill(CT::Converged.get(Lang::En), &[&CP::Iterations.count(1, Lang::En)]).starts_with("Converged after 1 iteration:"));
        assert!(fill(CT::Converged.get(Lang::He), &[&CP::Iterations.count(2, Lang::He)]).starts_with("התכנס אחרי שתי איטרציות:"));
        assert_eq!(fill(CT::MoveNone.get(Lang::He), &[&CP::Centres.count(1, Lang::He), "x"]), "התחלה: מרכז אחד על המישור (x). המהלך הבא: שיוך.");
        assert_eq!(fill(CT::SegmentHead.get(Lang::En), &["2", &CP::Customers.count(1, Lang::En), "1%"]), "Segment 2: 1 customer (1%)");
        assert_eq!(fill(CT::DbMany.get(Lang::He), &[&CP::Clusters.count(2, Lang::He)]), "DBSCAN מצא שני אשכולות.");
    }

    #[test]
    fn every_column_has_a_heading_a_mean_and_words_for_every_level() {
        for c in COLUMNS {
            assert!(column_names(c.slug).is_some(), "{}", c.slug);
            assert!(column_mean(c.slug).is_some(), "{}", c.slug);
            let mut seen = Vec::new();
            for level in Level::ALL {
                let phrase = trait_phrase(c.slug, level);
                assert_eq!(phrase.is_none(), level == Level::Typical, "{} {level:?}", c.slug);
                if let Some(p) = phrase {
                    assert!(!seen.contains(&p), "{} uses {p:?} twice", c.slug);
                    seen.push(p);
                }
            }
        }
        assert_eq!(trait_phrase("shoe_size", Level::Higher), None);
        // "much" words really say more than the plain ones.
        assert!(CT::AgeMuchHigher.get(Lang::En).contains("much"));
        assert!(CT::AgeMuchHigher.get(Lang::He).contains("בהרבה"));
    }
}
