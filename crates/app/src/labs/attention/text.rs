//! The attention lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    AT;
    SpeedHelp => "How fast the transformer trains while playing.", "באיזו מהירות הטרנספורמר מתאמן בזמן ההפעלה.";
    ValExact => "Validation: all right", "ולידציה: הכול נכון";
    ValToken => "Validation: per answer", "ולידציה: לכל תשובה";

    CurvesTitle => "Learning curves", "עקומות למידה";
    CurvesHelp => "Loss per epoch (log scale), then the share of validation questions answered entirely right, and of single answers right.",
                  "ההפסד בכל אפוק (בסקאלה לוגריתמית), ואז החלק של שאלות הוולידציה שנענו נכון במלואן, ושל התשובות הבודדות הנכונות.";
    ExactName => "Validation, all right", "ולידציה, הכול נכון";
    TokenName => "Validation, per answer", "ולידציה, לכל תשובה";

    ExampleTitle => "One question", "שאלה אחת";
    ExampleHelp => "The question, then one blank slot per answer; under each slot, the model's answer and how sure it is. Green: right, orange: wrong.",
                   "השאלה, ואחריה משבצת ריקה לכל תשובה; מתחת לכל משבצת, התשובה של המודל וכמה הוא בטוח בה. ירוק: נכון, כתום: שגוי.";
    ExampleLabel => "Example", "דוגמה";
    ExampleSliderHelp => "Which validation question to look at, here and in every picture below.", "באיזו שאלת ולידציה להתבונן, כאן ובכל התמונות שלמטה.";
    Answers => "It answers {}; the right answers are {} ({} of {} right).", "התשובות שלו: {}; התשובות הנכונות: {} ({} מתוך {} נכונות).";

    HeadsTitle => "Every head of every layer", "כל ראש בכל שכבה";
    HeadsHelp => "Row i: how much position i takes from each position (its attention, every row sums to 1). They sharpen as it learns. Point at a row, or pick the position below, to see its numbers.",
                 "שורה i: כמה מקום i לוקח מכל מקום (הקשב שלו, כל שורה מסתכמת ב-1). הן מתחדדות ככל שהוא לומד. הצביעו על שורה, או בחרו מקום למטה, כדי לראות את המספרים שלה.";
    HeadName => "Layer {}, head {}", "שכבה {}, ראש {}";
    QueryLabel => "Position looked at", "המקום שבודקים";
    QueryHelp => "Its query is compared with every key: the scores q·k/√d, then the softmax that turns them into attention, which weighs every position's value; their sum is what the head passes on.",
                 "השאילתה שלו מושווית לכל מפתח: הציונים q·k/√d, ואחריהם ה-softmax שהופך אותם לקשב, שמשקלל את הערך של כל מקום; הסכום שלהם הוא מה שהראש מעביר הלאה.";
    QueryTitle => "Position {} ({}), layer {}, head {}: its scores and attention", "מקום {} ({}), שכבה {}, ראש {}: הציונים והקשב שלו";
    KeyCol => "Key position", "מקום המפתח";
    TokenCol => "Token", "אסימון";
    ScoreCol => "Score q·k/√d", "ציון q·k/√d";
    WeightCol => "Attention", "קשב";
    Masked => "hidden by the mask", "מוסתר על ידי המסכה";
    ValueCol => "Value vₖ (first {} of its {} numbers)", "ערך vₖ ({} הראשונים מתוך {} המספרים שלו)";
    GatheredRow => "What the head passes on: Σ attention × value", "מה שהראש מעביר הלאה: Σ קשב × ערך";
    PickHead => "Click a head to see its numbers.", "לחצו על ראש כדי לראות את המספרים שלו.";

    PositionTitle => "Why position matters", "למה המיקום חשוב";
    PositionHelp => "Attention by itself cannot tell positions apart: without a position code and without the mask, every blank slot is the same token seen the same way, so every slot gives the same answer and reversing is impossible. The causal mask alone lets a position count what it sees, yet in our runs that was not enough either.",
                    "קשב לבדו לא יודע להבחין בין מקומות: בלי קידוד מיקום ובלי מסכה, כל משבצת ריקה היא אותו אסימון שנראה באותה דרך, ולכן כל המשבצות נותנות אותה תשובה ואי אפשר להפוך את הרצף. המסכה הסיבתית לבדה מאפשרת למקום לספור כמה הוא רואה, אבל בהרצות שלנו גם זה לא הספיק.";
    Measured => "Measured on reverse-8 (core's tests, seed 1): with learned positions 98.7 % of the questions entirely right after one epoch of 3,000 rows; without positions and without the mask 0.0 % (30.7 % of single answers); with the mask alone 0.0 % after 10 epochs and 3.2 % after 40.",
                "נמדד על היפוך של 8 (הבדיקות של הליבה, זרע 1): עם מיקומים נלמדים 98.7 % מהשאלות נכונות במלואן אחרי אפוק אחד של 3,000 שורות; בלי מיקומים ובלי מסכה 0.0 % (30.7 % מהתשובות הבודדות); עם המסכה בלבד 0.0 % אחרי 10 אפוקים ו-3.2 % אחרי 40.";
    TryNone => "No position, no mask", "בלי מיקום, בלי מסכה";
    TryMask => "No position, with the mask", "בלי מיקום, עם מסכה";
    TryLearned => "Learned positions", "מיקומים נלמדים";

    InsideTitle => "Inside one forward pass", "בתוך מעבר קדימה אחד";
    InsideHelp => "The question's vectors at every stage: rows are positions, columns the features (blue positive, orange negative, each picture scaled to its largest value).",
                  "הווקטורים של השאלה בכל שלב: השורות הן מקומות, העמודות הן המאפיינים (כחול חיובי, כתום שלילי, כל תמונה מותאמת לערך הגדול ביותר שלה).";
    StageEmbed => "Token + position: x", "אסימון + מיקום: x";
    StageAttention => "Block {}: h = x + attention(LN(x))", "בלוק {}: h = x + קשב(LN(x))";
    StageMlp => "Block {}: y = h + MLP(LN(h))", "בלוק {}: y = h + MLP(LN(h))";
    StageLogits => "Read-out at the slots: probability of every token", "קריאה במשבצות: ההסתברות של כל אסימון";

    LayersLabel => "Layers", "שכבות";
    LayersHelp => "Transformer blocks, one after the other.", "בלוקים של טרנספורמר, אחד אחרי השני.";
    HeadsLabel => "Heads", "ראשים";
    HeadsCountHelp => "Attention heads per block; each looks for something else. They must divide the width.", "ראשי קשב בכל בלוק; כל אחד מחפש משהו אחר. מספרם צריך לחלק את הרוחב.";
    WidthLabel => "Width", "רוחב";
    WidthHelp => "Numbers in every position's vector.", "כמות המספרים בווקטור של כל מקום.";
    PositionLabel => "Position code", "קידוד מיקום";
    PositionCodeHelp => "How a token knows where it stands: a learned vector per position, fixed sinusoids, or nothing.", "איך אסימון יודע איפה הוא עומד: וקטור נלמד לכל מקום, סינוסים קבועים, או כלום.";
    PosLearned => "Learned", "נלמד";
    PosSinusoidal => "Sinusoidal", "סינוסים";
    PosNone => "None", "בלי";
    CausalLabel => "Causal mask: look only back", "מסכה סיבתית: להסתכל רק אחורה";
    CausalHelp => "Each position may attend only to itself and earlier positions; the heads' pictures turn into triangles.", "כל מקום יכול לשים לב רק לעצמו ולמקומות שלפניו; התמונות של הראשים הופכות למשולשים.";
    LrHelp => "Adam at 0.003 learns every task here.", "‏Adam עם 0.003 לומד כאן כל משימה.";
    BatchHelp => "Questions per step.", "שאלות בכל צעד.";
    ParamCount => "{} trainable numbers.", "{} מספרים שנלמדים.";

    TaskLabel => "Task", "משימה";
    TaskHelp => "What the answers must find in the question.", "מה התשובות צריכות למצוא בשאלה.";
    TaskCopy => "Copy", "העתקה";
    TaskReverse => "Reverse", "היפוך";
    TaskSort => "Sort", "מיון";
    TaskBrackets => "Matching brackets", "סוגריים תואמים";
    TaskLookup => "Look up a key", "חיפוש לפי מפתח";
    AboutCopy => "Write the numbers again: slot j looks at position j.", "לכתוב שוב את המספרים: משבצת j מסתכלת על מקום j.";
    AboutReverse => "Write them backwards: slot j must find position n−1−j.", "לכתוב אותם מהסוף להתחלה: משבצת j צריכה למצוא את מקום n−1−j.";
    AboutSort => "Write them in ascending order: every slot compares numbers.", "לכתוב אותם בסדר עולה: כל משבצת משווה מספרים.";
    AboutBrackets => "For every bracket, the position of its partner.", "לכל סוגר, המקום של בן הזוג שלו.";
    AboutLookup => "Pairs of a key and a value, then ? and a key: answer the value stored under it.", "זוגות של מפתח וערך, ואחריהם ? ומפתח: לענות את הערך ששמור תחתיו.";
    LengthLabel => "Length", "אורך";
    LengthHelp => "Numbers in the question (brackets: an even number; look-up: twice the pairs).", "מספרים בשאלה (סוגריים: מספר זוגי; חיפוש: פעמיים מספר הזוגות).";
    ExamplesLabel => "Questions", "שאלות";
    ExamplesHelp => "Questions generated, then split into training, validation and test.", "שאלות שנוצרות ואז מתחלקות לאימון, ולידציה ומבחן.";
    DataSeedHelp => "Generates other questions of the same kind.", "יוצר שאלות אחרות מאותו סוג.";
    TestResult => "Test after epoch {}: loss {}, all right {}", "מבחן אחרי אפוק {}: הפסד {}, הכול נכון {}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        crate::i18n::check_table(AT::ALL, &[]);
    }
}
