//! The embedding lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    EM;
    SpeedHelp => "How many words of the text word2vec reads each second while playing.", "כמה מילים מהטקסט word2vec קורא בכל שנייה בזמן ההפעלה.";
    PaceSlow => "10,000 words a second", "10,000 מילים בשנייה";
    PaceNormal => "40,000 words a second", "40,000 מילים בשנייה";
    StepWords => "2,000 words", "2,000 מילים";
    Keys => "Keyboard: Space plays or pauses, → reads 2,000 words, R starts again.", "מקלדת: רווח מפעיל או עוצר, → קורא 2,000 מילים, R מתחיל מחדש.";
    WordsRead => "Words read", "מילים שנקראו";
    WordsPerSecond => "Words per second", "מילים בשנייה";
    Alpha => "Learning rate now", "קצב הלמידה עכשיו";
    LossNow => "Loss", "הפסד";
    TestAccuracy => "Analogy test", "מבחן האנלוגיות";

    SpaceTitle => "The space, moving", "המרחב, בתנועה";
    SpaceHelp => "Each word is a vector of {} numbers; the picture shows the two directions along which these words differ most (PCA), redrawn as the vectors learn. A thin line joins the two words of each pair: when the lines run parallel, a direction carries the relation. Point at a word for its nearest neighbours.",
                 "כל מילה היא וקטור של {} מספרים; התמונה מראה את שני הכיוונים שבהם המילים האלה שונות זו מזו הכי הרבה (PCA), ומצוירת מחדש בזמן שהווקטורים לומדים. קו דק מחבר את שתי המילים של כל זוג: כשהקווים מקבילים, כיוון אחד נושא את הקשר. הצביעו על מילה כדי לראות את השכנות הקרובות שלה.";
    AxisPc => "principal axis {} ({} of the variance)", "ציר ראשי {} ({} מהשונות)";
    ShowLabel => "Words shown", "המילים שמוצגות";
    ShowHelp => "Which words the picture and the heatmap show: the pairs of one relation, or the most frequent words.", "אילו מילים מוצגות בתמונה ובמפת החום: הזוגות של קשר אחד, או המילים השכיחות ביותר.";
    ShowGender => "Royalty and family (gender)", "מלוכה ומשפחה (מגדר)";
    ShowCapital => "Countries and capitals", "מדינות וערי בירה";
    ShowPlural => "Singular and plural", "יחיד ורבים";
    ShowTense => "Present and past", "הווה ועבר";
    ShowOpposite => "Opposites", "הפכים";
    ShowFrequent => "Most frequent words", "המילים השכיחות ביותר";
    PinLabel => "Pin the axes", "לקבע את הצירים";
    PinHelp => "Keep the two directions fixed: the words then move against still axes instead of the picture turning with them.", "לשמור על שני הכיוונים קבועים: המילים זזות מול צירים שלא זזים, במקום שהתמונה תסתובב איתן.";
    WordLabel => "Word", "מילה";
    WordHelp => "Type a word of the vocabulary to list its neighbours (pointing at a word in the picture shows its own).", "הקלידו מילה מאוצר המילים כדי לראות את השכנות שלה (הצבעה על מילה בתמונה מראה את שלה).";
    NeighboursOf => "Nearest to “{}”", "הקרובות ביותר ל“{}”";
    NotInVocabulary => "“{}” is not in the vocabulary.", "“{}” לא נמצאת באוצר המילים.";
    CosineCol => "cosine", "קוסינוס";
    WordCol => "word", "מילה";

    HeatTitle => "Similarity heatmap", "מפת חום של דמיון";
    HeatHelp => "The cosine of every two words shown (blue: same direction, 1 on the diagonal; white: unrelated; orange: opposite). Related words form blocks as training goes on.",
                "הקוסינוס בין כל שתי מילים שמוצגות (כחול: אותו כיוון, 1 על האלכסון; לבן: לא קשורות; כתום: כיוונים הפוכים). מילים קשורות יוצרות גושים ככל שהאימון מתקדם.";

    AnalogyTitle => "Analogies: a − b + c", "אנלוגיות: a − b + c";
    AnalogyHelp => "The vector of the first word, minus the second, plus the third; the answers are the words whose vectors point closest to it (cosine). The three question words are left out of the answers, as word2vec's own evaluation does: otherwise the nearest word is very often the first word itself.",
                   "הווקטור של המילה הראשונה, פחות השנייה, ועוד השלישית; התשובות הן המילים שהווקטורים שלהן מצביעים הכי קרוב אליו (קוסינוס). שלוש המילים של השאלה לא נכללות בתשובות, כמו בהערכה של word2vec עצמו: אחרת המילה הקרובה ביותר היא לעיתים קרובות המילה הראשונה עצמה.";
    FirstWord => "a", "a";
    SecondWord => "minus b", "פחות b";
    ThirdWord => "plus c", "ועוד c";
    Answers => "Top answers", "התשובות המובילות";
    Missing => "Not in the vocabulary: {}. Only words the text uses at least “minimum count” times have vectors.", "לא באוצר המילים: {}. רק למילים שמופיעות בטקסט לפחות “מינימום מופעים” פעמים יש וקטורים.";
    Right => "Right: {} is the expected answer.", "נכון: {} היא התשובה הצפויה.";
    Wrong => "Wrong: the corpus expects {}, which ranks {} (cosine {}).", "לא נכון: הקורפוס מצפה ל־{}, שנמצאת במקום {} (קוסינוס {}).";
    NoExpected => "This question is not one of the corpus's own, so there is no answer key.", "השאלה הזאת לא מהשאלות של הקורפוס, ולכן אין לה תשובה צפויה.";
    WhyWrong => "Why an analogy fails: a small corpus gives few examples of the relation; rare words get few updates (a word seen five times barely moves); too few dimensions cannot keep every relation apart, too many learn slowly on little text; and some relations are no single direction at all — the corpus's opposites (hot : cold, big : small) share no offset, so those answers are partly luck (about half right in the measurements).",
               "למה אנלוגיה נכשלת: קורפוס קטן נותן מעט דוגמאות של הקשר; מילים נדירות מקבלות מעט עדכונים (מילה שמופיעה חמש פעמים כמעט לא זזה); מעט מדי ממדים לא מצליחים להפריד בין כל הקשרים, והרבה מדי לומדים לאט על מעט טקסט; ויש קשרים שהם בכלל לא כיוון אחד — ההפכים בקורפוס (חם : קר, גדול : קטן) לא חולקים הפרש משותף, ולכן התשובות שלהם הן חלקית מזל (בערך חצי נכונות במדידות).";
    Parallelogram => "In the picture: b → a and c → the answer are drawn as arrows; a good analogy makes them parallel and equal, a parallelogram.", "בתמונה: b → a ו־c → התשובה מצוירים כחיצים; באנלוגיה טובה הם מקבילים ושווים, מקבילית.";

    CurvesTitle => "Live loss and the analogy test", "ההפסד בזמן אמת ומבחן האנלוגיות";
    CurvesHelp => "The loss: mean over the last 5,000 words of −log σ(true pair) − Σ log σ(−noise pair). Below, the share of the corpus's {} analogy questions answered right (top answer, question words left out), after every epoch.",
                  "ההפסד: הממוצע על 5,000 המילים האחרונות של ‎−log σ(זוג אמיתי) − Σ log σ(−זוג רעש)‎. מתחת, החלק של {} שאלות האנלוגיה של הקורפוס שנענו נכון (התשובה הראשונה, בלי מילות השאלה), אחרי כל אפוק.";
    AccuracyName => "analogies right", "אנלוגיות נכונות";
    LossName => "loss", "הפסד";

    WhyTitle => "Why vectors", "למה וקטורים";
    OneHot => "One-hot: word number i of the {} in the vocabulary is a list of {} zeros with a single 1. Every two words are then equally unrelated (cosine 0): “king” is as far from “queen” as from “cheese”, and nothing learned about one word helps another.",
              "וקטור one-hot: מילה מספר i מתוך {} המילים באוצר המילים היא רשימה של {} אפסים עם 1 אחד. כך כל שתי מילים לא קשורות באותה מידה (קוסינוס 0): “מלך” רחוק מ“מלכה” בדיוק כמו מ“גבינה”, ומה שנלמד על מילה אחת לא עוזר לאחרת.";
    Learned => "Learned: {} numbers a word, trained so that words used in the same company point the same way. “{}” now starts with:", "נלמד: {} מספרים לכל מילה, שמאומנים כך שמילים שמופיעות באותה חברה יצביעו לאותו כיוון. “{}” מתחילה עכשיו כך:";
    AtStart => "Neighbours at epoch 0 (random vectors)", "שכנות באפוק 0 (וקטורים אקראיים)";
    AtNow => "Neighbours now (epoch {})", "שכנות עכשיו (אפוק {})";

    CorpusTitle => "The corpus", "הקורפוס";
    SourceLabel => "Text", "טקסט";
    SourceHelp => "The generated corpus in English or Hebrew, or text you paste (it stays in this browser).", "הקורפוס שנוצר באנגלית או בעברית, או טקסט שאתם מדביקים (הוא נשאר בדפדפן הזה).";
    SourceEnglish => "Generated corpus, English", "קורפוס שנוצר, אנגלית";
    SourceHebrew => "Generated corpus, Hebrew", "קורפוס שנוצר, עברית";
    SourcePasted => "Your text", "הטקסט שלכם";
    CorpusAbout => "Short sentences made from templates, shuffled, carrying five relations of 9–10 pairs each: royalty and family by gender (king : queen), countries and capitals (France : Paris), singular and plural, present and past (walk : walked), opposites (hot : cold). Each round gives every word of every pair a sentence of its relation (“he is a good king”), one of its own pair (“the king wears a golden crown”), and every pair one linking sentence.",
                  "משפטים קצרים שנבנים מתבניות ומעורבבים, ונושאים חמישה קשרים של 9–10 זוגות כל אחד: מלוכה ומשפחה לפי מגדר (מלך : מלכה), מדינות וערי בירה (צרפת : פריז), יחיד ורבים, הווה ועבר (הולך : הלך), הפכים (חם : קר). כל סבב נותן לכל מילה בכל זוג משפט של הקשר שלה (“הוא מלך טוב”), משפט של הזוג שלה, ולכל זוג משפט אחד שמקשר ביניהם.";
    RoundsLabel => "Rounds", "סבבים";
    RoundsHelp => "More rounds: more sentences of the same kinds (40 gives 9,400 sentences).", "יותר סבבים: יותר משפטים מאותם סוגים (40 נותנים 9,400 משפטים).";
    DataSeedHelp => "Generates and shuffles the sentences differently.", "יוצר ומערבב את המשפטים אחרת.";
    Stats => "{} sentences, {} words, {} different; vocabulary {} (seen at least {} times).", "{} משפטים, {} מילים, {} שונות; אוצר מילים {} (מופיעות לפחות {} פעמים).";
    Examples => "For example:", "לדוגמה:";
    VocabTitle => "The most frequent words and subsampling", "המילים השכיחות ביותר ודילול";
    VocabHelp => "Frequent words (the, is, a) say little about their neighbours, so each occurrence is kept only with probability keep = min(1, (√(f/t) + 1)·t/f), f its share of the text; “noise” is how often it is drawn as a negative (count^0.75).",
                "מילים שכיחות (the, הוא, של) אומרות מעט על השכנות שלהן, ולכן כל הופעה נשמרת רק בהסתברות keep = min(1, (√(f/t) + 1)·t/f), כש־f הוא החלק שלה בטקסט; “רעש” הוא כמה פעמים היא נבחרת כדוגמה שלילית (count^0.75).";
    CountCol => "count", "מופעים";
    KeepCol => "kept", "נשמרת";
    NoiseCol => "noise", "רעש";
    PasteLabel => "Paste a text", "הדביקו טקסט";
    PasteHelp => "At least 20 words, up to 2 MB; cut into sentences at . ! ? and line breaks, lowercased. It never leaves this browser.", "לפחות 20 מילים, עד 2 MB; נחתך למשפטים בנקודה, סימן קריאה, סימן שאלה ושורה חדשה, ומומר לאותיות קטנות. הוא אף פעם לא יוצא מהדפדפן הזה.";
    PasteTrain => "Train on this text", "לאמן על הטקסט הזה";
    PasteNeeded => "A link cannot carry pasted text: paste it again below.", "קישור לא יכול לשאת טקסט שהודבק: הדביקו אותו שוב למטה.";

    ModelLabel => "Architecture", "ארכיטקטורה";
    ModelHelp => "Skip-gram: each context word predicts the centre word on its own. CBOW: the mean of the context predicts it, faster and a little less accurate on analogies.", "Skip-gram: כל מילת הקשר חוזה את מילת המרכז בנפרד. CBOW: הממוצע של ההקשר חוזה אותה, מהר יותר וקצת פחות מדויק באנלוגיות.";
    SkipGram => "Skip-gram", "Skip-gram";
    Cbow => "CBOW", "CBOW";
    DimLabel => "Dimensions", "ממדים";
    DimHelp => "Numbers in every word's vector (gensim's vector_size).", "כמות המספרים בווקטור של כל מילה (vector_size ב־gensim).";
    WindowLabel => "Window", "חלון";
    WindowHelp => "Words up to this far on either side count as context (each centre draws a window of 1 to this).", "מילים עד המרחק הזה מכל צד נחשבות הקשר (לכל מילת מרכז נבחר חלון בין 1 לזה).";
    NegativesLabel => "Negatives", "דוגמאות שליליות";
    NegativesHelp => "Random words per true pair that the vectors must tell apart from it.", "מילים אקראיות לכל זוג אמיתי, שהווקטורים צריכים להבדיל ממנו.";
    LrHelp => "Starting rate α₀; word2vec's default is 0.025.", "הקצב ההתחלתי α₀; ברירת המחדל של word2vec היא 0.025.";
    DecayLabel => "Decay the learning rate", "להקטין את קצב הלמידה";
    DecayHelp => "The rate falls linearly to 0.0001 by the last word, in steps of 10,000 words, as word2vec does.", "הקצב יורד באופן ליניארי עד 0.0001 במילה האחרונה, בצעדים של 10,000 מילים, כמו ב־word2vec.";
    SampleLabel => "Subsampling t", "סף דילול t";
    SampleHelp => "Frequent words are skipped more often; 0 keeps every word.", "מילים שכיחות מדולגות לעיתים קרובות יותר; 0 שומר כל מילה.";
    SampleOff => "off", "כבוי";
    MinCountLabel => "Minimum count", "מינימום מופעים";
    MinCountHelp => "Words seen fewer times get no vector.", "מילים שמופיעות פחות פעמים לא מקבלות וקטור.";
    EpochsLabel => "Epochs", "אפוקים";
    EpochsHelp => "Passes over the text; the run stops after the last.", "מעברים על הטקסט; ההרצה נעצרת אחרי האחרון.";
    SeedHelp => "The same seed gives the same starting vectors and the same random draws: the run repeats exactly.", "אותו זרע נותן את אותם וקטורים התחלתיים ואת אותן הגרלות: ההרצה חוזרת בדיוק.";
    NewVectors => "New starting vectors", "וקטורים התחלתיים חדשים";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        crate::i18n::check_table(EM::ALL, &[EM::FirstWord, EM::SkipGram, EM::Cbow]);
    }
}
