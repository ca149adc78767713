//! The language lab's own strings (they travel only in its bundle); shared words (data, model,
//! learning rate, …) come from the shell's table [`T`](crate::i18n::T) and the engine labs'
//! [`TR`](crate::components::training::TR).

crate::i18n::table! {
    LT;
    PartsLabel => "The lab's pages", "הדפים של המעבדה";
    PartModel => "Model and prompts", "מודל ופרומפטים";
    PartTokens => "Tokens", "טוקנים";
    SpeedHelp => "How fast the model trains while playing.", "באיזו מהירות המודל מתאמן בזמן ההפעלה.";
    ValPerplexity => "Validation perplexity", "פרפלקסיטי בוולידציה";
    BigramPerplexity => "Bigram (validation)", "ביגרם (ולידציה)";

    CurvesTitle => "Perplexity: how unsure it is of the next token", "פרפלקסיטי: כמה הוא מתלבט לגבי הטוקן הבא";
    CurvesHelp => "Perplexity is e to the power of the loss: the number of equally likely tokens the model hesitates between. Untrained it is about the vocabulary's size; the bigram, which reads only the previous token, is the line to beat. Training: the mean over the epoch's batches; validation: text it never trains on.",
                  "פרפלקסיטי היא e בחזקת ההפסד: מספר הטוקנים הסבירים באותה מידה שהמודל מתלבט ביניהם. לפני האימון היא בערך גודל אוצר המילים; הביגרם, שקורא רק את הטוקן הקודם, הוא הקו שצריך לעבור. אימון: הממוצע על הבאצ'ים של האפוק; ולידציה: טקסט שהוא אף פעם לא מתאמן עליו.";
    AxisPerplexity => "perplexity", "פרפלקסיטי";
    BigramName => "bigram, validation", "ביגרם, ולידציה";
    TestResult => "Test windows (epoch {}): perplexity {}.", "חלונות המבחן (אפוק {}): פרפלקסיטי {}.";

    TokensTitle => "Tokens: the text as the model sees it", "טוקנים: הטקסט כפי שהמודל רואה אותו";
    TokensHelp => "A model reads numbers, not letters. Byte-pair encoding starts from single characters and merges the pair that stands side by side most often in the text into a new token, again and again, until the vocabulary is full. Each coloured box is one token, its id under it.",
                  "מודל קורא מספרים, לא אותיות. קידוד זוגות-בתים (BPE) מתחיל מתווים בודדים, ומאחד לטוקן חדש את הזוג שמופיע צמוד הכי הרבה פעמים בטקסט, שוב ושוב, עד שאוצר המילים מתמלא. כל תיבה צבעונית היא טוקן אחד, והמספר שלו מתחתיה.";
    TypedLabel => "Text to cut into tokens", "טקסט לחיתוך לטוקנים";
    TypedHelp => "Type anything, in English or Hebrew. A character the text never had becomes <unk>.", "הקלידו כל דבר, באנגלית או בעברית. תו שלא הופיע בטקסט הופך ל-<unk>.";
    TypedDefault => "How many r's are in strawberry?", "כמה פעמים מופיעה האות ת במילה תותים?";
    MergesLabel => "Merges applied", "איחודים שהוחלו";
    MergesHelp => "Replay the vocabulary's growth: with no merge every character is a token; each merge glues the most frequent pair.", "הריצו מחדש את צמיחת אוצר המילים: בלי איחודים כל תו הוא טוקן; כל איחוד מדביק את הזוג השכיח ביותר.";
    Replay => "Replay the merges", "הרצה מחדש של האיחודים";
    TokenCount => "{} characters → {} tokens", "{} תווים ← {} טוקנים";
    VocabStats => "Vocabulary: {} tokens — <unk>, {} characters, {} merges (and ⏎, the line break).", "אוצר מילים: {} טוקנים — <unk>,‏ {} תווים, {} איחודים (ועוד ⏎, סוף השורה).";
    MergeTable => "Merges, latest last", "האיחודים, האחרון בסוף";
    RankCol => "#", "#";
    PairCol => "Pair", "זוג";
    TokenCol => "New token", "טוקן חדש";
    CountCol => "Times side by side", "פעמים זה לצד זה";
    StrawberryTitle => "Why “how many r's in strawberry?” is hard", "למה „כמה r יש ב-strawberry?” היא שאלה קשה";
    StrawberryText => "The model never sees the letters of a word that is one or two tokens: it sees ids. To count letters it must have learned how each token is spelled. Spelling the word out first, a letter per token, puts the letters in front of it — the “think first” trick.",
                       "המודל אף פעם לא רואה את האותיות של מילה שהיא טוקן אחד או שניים: הוא רואה מספרים. כדי לספור אותיות הוא צריך ללמוד איך כל טוקן מאוית. איות המילה קודם, אות לכל טוקן, שם את האותיות מולו — הטריק של „קודם לחשוב”.";
    VocabLabel => "Vocabulary size", "גודל אוצר המילים";
    VocabHelp => "Tokens the tokenizer learns. Small: short tokens, long texts; large: whole words, more to learn per token. A new size retrains the model.",
                 "מספר הטוקנים שהטוקנייזר לומד. קטן: טוקנים קצרים וטקסטים ארוכים; גדול: מילים שלמות, ויותר ללמוד על כל טוקן. גודל חדש מאמן את המודל מחדש.";

    SourceLabel => "Text", "טקסט";
    SourceHelp => "The small world is generated in the page: facts with right answers (capitals, colours, family, sums) in several phrasings, letter counts spelled out, and the opening of Genesis (public domain) for style.",
                  "העולם הקטן נוצר בדף עצמו: עובדות עם תשובות נכונות (בירות, צבעים, משפחה, חיבור) בכמה ניסוחים, ספירת אותיות באיות, ותחילת ספר בראשית (נחלת הכלל) בשביל הסגנון.";
    SourceEnglish => "Small world, English", "עולם קטן, אנגלית";
    SourceHebrew => "Small world, Hebrew", "עולם קטן, עברית";
    SourcePasted => "My own text", "טקסט משלי";
    DocumentsLabel => "Documents", "מסמכים";
    DocumentsHelp => "How much small-world text to generate (about 80 characters each). More text: slower epochs, less memorising.", "כמה טקסט של העולם הקטן לייצר (בערך 80 תווים כל אחד). יותר טקסט: אפוקים איטיים יותר, פחות שינון.";
    DataSeedHelp => "New data draws another small world with the same facts, in another order and other phrasings.", "נתונים חדשים מגרילים עולם קטן אחר עם אותן עובדות, בסדר אחר ובניסוחים אחרים.";
    PasteLabel => "Your text", "הטקסט שלכם";
    PasteHelp => "It stays in this browser. At least 1,000 characters.", "הוא נשאר בדפדפן הזה. לפחות 1,000 תווים.";
    PasteTrain => "Train on this text", "אימון על הטקסט הזה";
    PasteNeeded => "Paste a text below and press “Train on this text”: a link cannot carry it.", "הדביקו טקסט למטה ולחצו „אימון על הטקסט הזה”: קישור לא יכול לשאת אותו.";
    SplitHelp => "The text is cut into windows of the context's length; windows are split at random.", "הטקסט נחתך לחלונות באורך ההקשר; החלונות מחולקים באקראי.";

    ParamCount => "{} parameters", "{} פרמטרים";
    ContextLabel => "Context (tokens)", "הקשר (טוקנים)";
    ContextHelp => "How many tokens the model reads at most; a longer prompt keeps only its last ones.", "כמה טוקנים לכל היותר המודל קורא; מפרומפט ארוך יותר נשארים רק האחרונים.";
    LayersLabel => "Blocks", "בלוקים";
    LayersHelp => "Transformer blocks, each attention then a small network.", "בלוקים של טרנספורמר, בכל אחד קשב ואחריו רשת קטנה.";
    HeadsLabel => "Heads", "ראשים";
    HeadsHelp => "Attention heads per block: each looks back for something else. They must divide the width.", "ראשי קשב בכל בלוק: כל אחד מחפש אחורה משהו אחר. הם חייבים לחלק את הרוחב.";
    WidthLabel => "Width", "רוחב";
    WidthHelp => "Numbers per token inside the model.", "כמה מספרים מייצגים כל טוקן בתוך המודל.";
    PositionLabel => "Positions", "מיקומים";
    PositionHelp => "How the model knows where a token stands: learned vectors, fixed sine waves, or nothing (then only the causal mask tells order).", "איך המודל יודע איפה טוקן עומד: וקטורים נלמדים, גלי סינוס קבועים, או כלום (ואז רק המסכה הסיבתית מלמדת על הסדר).";
    PosLearned => "Learned", "נלמדים";
    PosSinusoidal => "Sine waves", "גלי סינוס";
    PosNone => "None", "בלי";
    LrHelp => "Step size of Adam; 0.01 learns fastest here, 0.1 diverges.", "גודל הצעד של Adam; ‏0.01 לומד כאן הכי מהר, 0.1 מתבדר.";
    BatchHelp => "Windows per update. Two windows go through the model at a time, so a frame stays short; their gradients add up to the batch's.", "חלונות לכל עדכון. שני חלונות עוברים במודל בכל פעם, כדי שכל פריים יישאר קצר; הגרדיאנטים שלהם מצטברים לגרדיאנט של הבאץ'.";

    PromptTitle => "Ask it", "שאלו אותו";
    PromptHelp => "A language model does not answer: it continues text. The bars are its probabilities for the next token after your prompt, before and after the settings below.",
                  "מודל שפה לא עונה: הוא ממשיך טקסט. העמודות הן ההסתברויות שלו לטוקן הבא אחרי הפרומפט שלכם, לפני ואחרי ההגדרות שלמטה.";
    PromptLabel => "Prompt", "פרומפט";
    PromptFieldHelp => "Empty: the small world's first question. Ends where the model should go on.", "ריק: השאלה הראשונה של העולם הקטן. מסתיים במקום שבו המודל צריך להמשיך.";
    RawName => "the model", "המודל";
    AdjustedName => "after the settings", "אחרי ההגדרות";
    NextAxis => "probability of the next token", "הסתברות הטוקן הבא";
    TemperatureLabel => "Temperature", "טמפרטורה";
    TemperatureHelp => "Divides the scores before the softmax: below 1 sharpens, above 1 flattens. 0 is greedy: always the most probable token.", "מחלקת את הציונים לפני ה-softmax: מתחת ל-1 מחדדת, מעל 1 משטיחה. 0 זה חמדני: תמיד הטוקן הסביר ביותר.";
    TopKLabel => "Top-k", "Top-k";
    TopKHelp => "Keep only the k most probable tokens (0: all).", "להשאיר רק את k הטוקנים הסבירים ביותר (0: כולם).";
    TopPLabel => "Top-p", "Top-p";
    TopPHelp => "Keep the fewest most probable tokens whose probabilities add up to p (1: all).", "להשאיר את המעט ביותר מהטוקנים הסבירים ביותר שההסתברויות שלהם מסתכמות ב-p (‏1: כולם).";
    RepetitionLabel => "Repetition penalty", "קנס על חזרה";
    RepetitionHelp => "Makes tokens already in the text less likely (1: off). Small models loop without it.", "מוריד את הסיכוי של טוקנים שכבר מופיעים בטקסט (1: כבוי). מודלים קטנים נתקעים בלולאה בלעדיו.";
    LengthLabel => "Tokens to write", "טוקנים לכתיבה";
    LengthHelp => "How many tokens “Write” adds, one at a time.", "כמה טוקנים „כתיבה” מוסיפה, אחד בכל פעם.";
    Write => "Write", "כתיבה";
    WriteHelp => "The model writes after the prompt, a token at a time, drawing each from the bars on the right (same seed, same text).", "המודל כותב אחרי הפרומפט, טוקן אחר טוקן, וכל טוקן מוגרל מהעמודות (אותו זרע, אותו טקסט).";
    NewSample => "Another draw", "הגרלה אחרת";
    WriteStep => "One token", "טוקן אחד";
    Repeated => "{} of its three-token runs repeat an earlier one (greedy decoding of a small model loops; the penalty breaks the loop).", "{} מרצפי שלושת הטוקנים שלו חוזרים על רצף קודם (פענוח חמדני של מודל קטן נתקע בלולאה; הקנס שובר אותה).";
    Written => "What it wrote", "מה שהוא כתב";
    Greedy => "Temperature 0: greedy decoding — the same text every time, and small models repeat themselves.", "טמפרטורה 0: פענוח חמדני — אותו טקסט בכל פעם, ומודלים קטנים חוזרים על עצמם.";
    BadDecoding => "These settings leave no token to draw.", "ההגדרות האלה לא משאירות אף טוקן להגרלה.";

    AskTitle => "How you ask: the same questions, six ways", "איך ששואלים: אותן שאלות, בשש דרכים";
    AskHelp => "Every question of the small world, asked six ways. The score is the probability the model gives the whole right answer, averaged over all the questions — not one lucky example; “right” means greedy decoding writes exactly that answer. The bigram reads only the last token, so no wording can help it. Training pauses while the questions are asked.",
               "כל שאלה של העולם הקטן, בשש דרכים. הציון הוא ההסתברות שהמודל נותן לתשובה הנכונה כולה, בממוצע על כל השאלות — לא דוגמה אחת שהצליחה במקרה; „נכון” פירושו שפענוח חמדני כותב בדיוק את התשובה הזאת. הביגרם קורא רק את הטוקן האחרון, כך ששום ניסוח לא יעזור לו. האימון נעצר בזמן שהשאלות נשאלות.";
    MeasureQuestions => "Ask the questions", "שאילת השאלות";
    MeasureLetters => "Ask the letter counts", "שאילת ספירת האותיות";
    Progress => "{} of {} asked, of the model after epoch {}.", "נשאלו {} מתוך {}, את המודל אחרי אפוק {}.";
    WayCol => "Asked", "איך נשאל";
    ProbCol => "P(right answer)", "P(תשובה נכונה)";
    RightCol => "Right", "נכון";
    BigramCol => "Bigram's P", "P של הביגרם";
    WayZeroShot => "Plain question", "שאלה פשוטה";
    WayFewShot => "Three examples first", "שלוש דוגמאות לפני";
    WayReworded => "Another wording", "ניסוח אחר";
    WayRole => "A role line first", "שורת תפקיד לפני";
    WayListed => "Listed: “France →”", "ברשימה: „צרפת ←”";
    WayListedFewShot => "Listed after three examples", "ברשימה אחרי שלוש דוגמאות";
    Examples => "The first question, each way", "השאלה הראשונה, בכל דרך";
    ThinkTitle => "Think first, then answer", "קודם לחשוב, אחר כך לענות";
    ThinkHelp => "Letter counts of words the text never has, asked three ways: directly; with the word already spelled out for it; and asking it to spell the word first itself (right only if both its spelling and its count are). Reasoning models write such steps before they answer.",
                 "ספירת אותיות במילים שאין בטקסט, בשלוש דרכים: ישירות; כשהמילה כבר מאויתת בשבילו; וכשמבקשים ממנו לאיית אותה קודם בעצמו (נכון רק אם גם האיות וגם הספירה שלו נכונים). מודלים שמנמקים כותבים צעדים כאלה לפני שהם עונים.";
    WayDirect => "Asked directly", "שאלה ישירה";
    WaySpelled => "Word spelled out for it", "המילה מאויתת בשבילו";
    WayThinkFirst => "It spells the word first", "הוא מאיית את המילה קודם";
    ChatbotTitle => "What a real chatbot adds", "מה צ'טבוט אמיתי מוסיף";
    ChatbotText => "The same recipe, scaled up: billions of parameters instead of tens of thousands, trillions of tokens instead of a small world, thousands of tokens of context. Then instruction tuning (examples of questions answered well) and learning from human preferences teach it to answer rather than merely continue. It still only predicts the next token — which is why the wording of a prompt, examples first, or thinking step by step changes what it says.",
                  "אותו מתכון, בגדול: מיליארדי פרמטרים במקום עשרות אלפים, טריליוני טוקנים במקום עולם קטן, אלפי טוקנים של הקשר. אחר כך כוונון להוראות (דוגמאות של שאלות שנענו היטב) ולמידה מהעדפות של בני אדם מלמדים אותו לענות ולא רק להמשיך. הוא עדיין רק מנבא את הטוקן הבא — ולכן הניסוח של הפרומפט, דוגמאות לפני השאלה או חשיבה צעד אחר צעד משנים את מה שהוא אומר.";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_hebrew_entry_is_hebrew() {
        use super::LT;
        crate::i18n::check_table(LT::ALL, &[LT::RankCol, LT::TopKLabel, LT::TopPLabel]);
    }
}
