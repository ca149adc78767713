//! The sequence lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    ST;
    SpeedHelp => "How fast the networks train while playing.", "באיזו מהירות הרשתות מתאמנות בזמן ההפעלה.";
    ValMse => "Validation MSE", "MSE בוולידציה";
    ValAcc => "Validation accuracy", "דיוק בוולידציה";
    Baseline => "Repeat the last value", "חזרה על הערך האחרון";
    BaselineHelp => "The forecast to beat: tomorrow is like today. Its validation MSE is the dashed line.",
                    "התחזית שצריך לנצח: מחר יהיה כמו היום. ה-MSE שלה בוולידציה הוא הקו המקווקו.";
    Beaten => "The network forecasts better than repeating the last value ({} against {}).", "הרשת חוזה טוב יותר מחזרה על הערך האחרון ({} לעומת {}).";
    NotBeaten => "Not yet better than repeating the last value ({} against {}).", "עדיין לא טובה יותר מחזרה על הערך האחרון ({} לעומת {}).";
    Chance => "Chance", "ניחוש";
    RivalVal => "Validation, {}", "ולידציה, {}";

    CurvesTitle => "Learning curves", "עקומות למידה";
    CurvesHelp => "Loss per epoch on the training and validation sequences (log scale). With a rival, its validation curve is drawn beside the first network's.",
                  "ההפסד בכל אפוק על רצפי האימון והוולידציה (בסקאלה לוגריתמית). כשיש רשת מתחרה, עקומת הוולידציה שלה מצוירת לצד זו של הרשת הראשונה.";
    AxisStep => "time step", "צעד זמן";
    AxisUnit => "hidden unit", "יחידה נסתרת";
    AxisValue => "value", "ערך";
    AxisGradient => "‖∂L/∂hₜ‖ ÷ ‖∂L/∂h_T‖", "‖∂L/∂hₜ‖ ÷ ‖∂L/∂h_T‖";

    PredictTitle => "What it predicts", "מה היא חוזה";
    ForecastHelp => "The series (grey) and the network's forecast of each window's next value, for the training and validation windows (the test windows stay unseen): the first 150 steps.",
                    "הסדרה (באפור) והתחזית של הרשת לערך הבא של כל חלון, עבור חלונות האימון והוולידציה (בחלונות המבחן איננו מציצים): 150 הצעדים הראשונים.";
    Truth => "Series", "סדרה";
    Forecast => "Forecast", "תחזית";
    ExampleLabel => "Example", "דוגמה";
    ExampleHelp => "Which validation sequence to look at, here and in the heatmaps below.", "באיזה רצף ולידציה להתבונן, כאן ובמפות החום שלמטה.";
    RecallReads => "It reads:", "היא קוראת:";
    RecallAnswer => "Asked for the first symbol, it answers {} ({}); the right answer is {}.", "כשמבקשים ממנה את הסמל הראשון, היא עונה {} ({}); התשובה הנכונה היא {}.";
    CountAnswer => "Asked how many 1s, it answers {} ({}); there are {}.", "כשמבקשים ממנה כמה אחדות יש, היא עונה {} ({}); יש {}.";
    ForecastAnswer => "Its forecast of the next value: {}; the truth: {}.", "התחזית שלה לערך הבא: {}; הערך האמיתי: {}.";
    TextAnswer => "After “{}” it writes “{}”; the text goes on with “{}”.", "אחרי „{}” היא כותבת „{}”; הטקסט ממשיך ב„{}”.";
    PromptLabel => "Start of the text", "תחילת הטקסט";
    PromptHelp => "The network continues it one character at a time, each time the most likely next character. Characters the text does not contain are skipped.",
                  "הרשת ממשיכה אותו תו אחר תו, בכל פעם את התו הבא הסביר ביותר. תווים שאינם בטקסט מדולגים.";
    Continuation => "Continuation", "המשך";

    InsideTitle => "Inside the memory", "בתוך הזיכרון";
    InsideHelp => "The hidden state hₜ of every unit at every step of the example: the network's memory as it reads. Blue is positive, orange negative.",
                  "המצב הנסתר hₜ של כל יחידה בכל צעד של הדוגמה: הזיכרון של הרשת בזמן שהיא קוראת. כחול חיובי, כתום שלילי.";
    HiddenState => "Hidden state hₜ", "מצב נסתר hₜ";
    GateForget => "Forget gate fₜ (1: keep the cell)", "שער שכחה fₜ (‏1: לשמור את התא)";
    GateInput => "Input gate iₜ (1: write)", "שער קלט iₜ (‏1: לכתוב)";
    GateOutput => "Output gate oₜ (1: show)", "שער פלט oₜ (‏1: להראות)";
    GateReset => "Reset gate rₜ", "שער איפוס rₜ";
    GateUpdate => "Update gate zₜ (1: keep the old state)", "שער עדכון zₜ (‏1: לשמור את המצב הישן)";
    GatesHelp => "Gates run from 0 (white) to 1 (dark): where the forget gate stays near 1, the cell carries what it holds to later steps.",
                 "השערים נעים בין 0 (לבן) ל-1 (כהה): היכן ששער השכחה נשאר קרוב ל-1, התא נושא את מה שהוא מחזיק לצעדים מאוחרים יותר.";
    NoGates => "A plain RNN has no gates: every step rewrites the whole state, hₜ = tanh(W·xₜ + U·hₜ₋₁ + b).",
               "לרשת RNN פשוטה אין שערים: כל צעד כותב מחדש את כל המצב, hₜ = tanh(W·xₜ + U·hₜ₋₁ + b).";

    GradientTitle => "The gradient through time", "הגרדיאנט לאורך הזמן";
    GradientHelp => "How much of the error at the answer reaches each earlier step, after the last mini-batch, as a share of what reaches the last step (log scale). A plain RNN's fades step by step (the vanishing gradient); an LSTM's cell carries it further.",
                    "כמה מהשגיאה בתשובה מגיע לכל צעד מוקדם יותר, אחרי המיני-באץ' האחרון, כחלק ממה שמגיע לצעד האחרון (בסקאלה לוגריתמית). אצל RNN פשוטה היא דועכת צעד אחר צעד (הגרדיאנט הנעלם); התא של LSTM נושא אותה רחוק יותר.";
    GradientReach => "The first step receives {} of what the last one does.", "הצעד הראשון מקבל {} ממה שהצעד האחרון מקבל.";
    UnrolledLabel => "The network unrolled over the example's steps; arrow keys pick a step", "הרשת פרושה לאורך הצעדים של הדוגמה; מקשי החיצים בוחרים צעד";
    UnrolledHelp => "The same cell at every step, its state passed to the next; the answer ŷ is read after the last. Each box is shaded by how much of the error reaches it. Point at a step, or focus the diagram and use the arrow keys.",
                    "אותו תא בכל צעד, והמצב שלו עובר לצעד הבא; התשובה ŷ נקראת אחרי האחרון. כל תיבה מוצללת לפי כמה מהשגיאה מגיע אליה. הצביעו על צעד, או התמקדו בתרשים והשתמשו במקשי החיצים.";
    UnrolledStep => "Step {} of {}: its input passes through {} of the cell on its way to the answer, and {} of the error at the answer comes back to it.",
                    "צעד {} מתוך {}: הקלט שלו עובר דרך {} של התא בדרך לתשובה, ו-{} מהשגיאה בתשובה חוזרים אליו.";
    NormTitle => "Exploding gradients and clipping", "גרדיאנטים מתפוצצים וקיטום";
    NormHelp => "The largest gradient norm of each epoch, before clipping (log scale). Clipping scales any longer gradient down to the grey line before the step; switch it off and raise the learning rate to see why it is there.",
                "נורמת הגרדיאנט הגדולה ביותר בכל אפוק, לפני הקיטום (בסקאלה לוגריתמית). הקיטום מקטין כל גרדיאנט ארוך יותר עד לקו האפור לפני הצעד; כבו אותו והגדילו את קצב הלמידה כדי לראות למה הוא שם.";
    AxisNorm => "largest ‖∇L‖", "‖∇L‖ הגדולה ביותר";
    ClipLine => "Clipping threshold", "סף הקיטום";
    GradientNone => "Train a mini-batch to see it.", "אמנו מיני-באץ' אחד כדי לראות אותו.";

    CellLabel => "Cell", "תא";
    CellHelp => "Plain RNN: one tanh, no gates. GRU: reset and update gates. LSTM: input, forget and output gates around a cell that adds instead of rewriting.",
                "RNN פשוטה: tanh אחד, בלי שערים. GRU: שערי איפוס ועדכון. LSTM: שערי קלט, שכחה ופלט סביב תא שמוסיף במקום לכתוב מחדש.";
    CellRnn => "Plain RNN", "RNN פשוטה";
    CellGru => "GRU", "GRU";
    CellLstm => "LSTM", "LSTM";
    RivalLabel => "Race against", "מרוץ מול";
    RivalHelp => "A second network with another cell, on the same task, split and seed; its curves join the charts.",
                 "רשת שנייה עם תא אחר, על אותה משימה, אותה חלוקה ואותו זרע; העקומות שלה מצטרפות לגרפים.";
    RivalNone => "No race", "בלי מרוץ";
    HiddenLabel => "Hidden units", "יחידות נסתרות";
    HiddenHelp => "Numbers in the memory hₜ of each layer.", "כמות המספרים בזיכרון hₜ של כל שכבה.";
    LayersLabel => "Recurrent layers", "שכבות חוזרות";
    LayersHelp => "A second layer reads the first one's states as its sequence.", "שכבה שנייה קוראת את המצבים של הראשונה כרצף שלה.";
    LrHelp => "Adam at 0.01 suits every task here; plain SGD needs far more.", "‏Adam עם 0.01 מתאים לכל המשימות כאן; SGD פשוט צריך הרבה יותר.";
    BatchHelp => "Sequences per step.", "רצפים בכל צעד.";
    ParamCount => "{} trainable numbers.", "{} מספרים שנלמדים.";

    TaskLabel => "Task", "משימה";
    TaskHelp => "What the network must remember to answer.", "מה הרשת צריכה לזכור כדי לענות.";
    TaskSine => "Forecast a noisy sine", "חיזוי סינוס רועש";
    TaskTwoSines => "Forecast two sines at once", "חיזוי שני סינוסים יחד";
    TaskRecall => "Remember the first symbol", "לזכור את הסמל הראשון";
    TaskCount => "Count the 1s", "לספור את האחדות";
    TaskText => "Continue a text", "להמשיך טקסט";
    TaskAbout => "Each example is a window of the series; the answer is the value after it. A period of 25 steps.",
                 "כל דוגמה היא חלון של הסדרה; התשובה היא הערך שאחריו. מחזור של 25 צעדים.";
    TaskAboutTwo => "Two rhythms (periods 25 and 7.3) added: the window must hold both.", "שני מקצבים (מחזורים של 25 ו-7.3) מחוברים: החלון צריך להחזיק את שניהם.";
    TaskAboutRecall => "One of four symbols A–D comes first, marked; then noise (~) for as many steps as the delay; the answer is the first symbol. Chance is 25 %.",
                       "אחד מארבעה סמלים A–D מגיע ראשון, מסומן; אחריו רעש (~) לאורך כל צעדי ההשהיה; התשובה היא הסמל הראשון. ניחוש מקרי: 25 %.";
    Classic => "The classic: 30 steps of noise, LSTM against a plain RNN", "הניסוי הקלאסי: 30 צעדי רעש, LSTM מול RNN פשוטה";
    ClassicHelp => "Remembering one symbol through 30 steps of noise. In our runs the LSTM learnt it in 14 of 15 seeds, the plain RNN in 2: its gradient fades before it reaches the symbol.",
                   "לזכור סמל אחד לאורך 30 צעדי רעש. בהרצות שלנו ה-LSTM למדה את זה ב-14 מתוך 15 זרעים, וה-RNN הפשוטה רק ב-2: הגרדיאנט שלה דועך לפני שהוא מגיע לסמל.";
    TaskAboutCount => "A stream of bits; the answer is how many were 1: a running total kept in memory.", "זרם של ביטים; התשובה היא כמה מהם היו 1: סכום מצטבר שנשמר בזיכרון.";
    TaskAboutText => "Each example is a few characters of a nursery rhyme; the answer is the next character.", "כל דוגמה היא כמה תווים משיר ילדים; התשובה היא התו הבא.";
    LengthLabel => "Sequence length", "אורך הרצף";
    LengthHelp => "Steps the network reads before it answers.", "מספר הצעדים שהרשת קוראת לפני שהיא עונה.";
    CountLengthHelp => "Bits per sequence (at most 20).", "ביטים בכל רצף (עד 20).";
    DelayLabel => "Delay", "השהיה";
    DelayHelp => "Steps between the symbol and the question: how long it must be remembered.", "צעדים בין הסמל לשאלה: כמה זמן צריך לזכור אותו.";
    NoiseLabel => "Noise", "רעש";
    NoiseHelp => "Standard deviation of the noise added to every value.", "סטיית התקן של הרעש שמתווסף לכל ערך.";
    ExamplesLabel => "Examples", "דוגמאות";
    ExamplesHelp => "Sequences generated, then split into training, validation and test.", "רצפים שנוצרים ואז מתחלקים לאימון, ולידציה ומבחן.";
    TextLabel => "Text", "טקסט";
    TextHelp => "“Twinkle, twinkle, little star”, in English or in Hebrew.", "„נצנץ נצנץ כוכב קטן”, באנגלית או בעברית.";
    TextEnglish => "English", "אנגלית";
    TextHebrew => "Hebrew", "עברית";
    DataSeedHelp => "Generates other sequences of the same kind.", "יוצר רצפים אחרים מאותו סוג.";
    TestResult => "Test after epoch {}: loss {}", "מבחן אחרי אפוק {}: הפסד {}";
    TestAccuracy => ", accuracy {}", ", דיוק {}";
}

crate::i18n::plurals! {
    SP;
    Copies => ["{} copy", "{} copies"], ["עותק אחד", "שני עותקים", "{} עותקים"];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{check_plurals, check_table, Lang};

    #[test]
    fn the_tables_have_both_languages() {
        check_table(ST::ALL, &[ST::CellGru, ST::CellLstm, ST::AxisGradient]);
        check_plurals(SP::ALL, SP::forms);
        assert_eq!(SP::Copies.count(2, Lang::He), "שני עותקים");
    }
}
