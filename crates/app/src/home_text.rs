//! The home page's own strings: the concept map and the list of labs. They travel only in the
//! home bundle (a lab's page never shows them; in the shell's table [`T`](crate::i18n::T) every
//! bundle would download them).

crate::i18n::table! {
    HT;
    UnknownLab => "There is no lab called “{}”; here is the map of all labs.",
                  "אין מעבדה בשם „{}”; הנה המפה של כל המעבדות.";
    OpenLab => "Open the lab", "פתיחת המעבדה";
    ConceptsMap => "The concepts, and where to touch them", "המושגים, והיכן לגעת בהם";
    HomeIntro => "Each term of modern machine learning, as a small real model that trains here, in your browser, while you move the sliders. Pick a concept to open its lab at the right setting.",
                 "כל מונח של למידת מכונה מודרנית, כמודל קטן ואמיתי שמתאמן כאן, בדפדפן שלכם, בזמן שאתם מזיזים את המחוונים. בחרו מושג כדי לפתוח את המעבדה שלו בהגדרה המתאימה.";
    ConceptsTaught => "Concepts", "מושגים";
    Labs => "Labs", "מעבדות";
    C1Title => "Dataset, model, and the train / validation / test split", "מערך נתונים, מודל, וחלוקה לאימון / ולידציה / מבחן";
    C1Text => "A model learns from the training set, is tuned on the validation set, and is judged once on the test set it never saw.",
              "מודל לומד מסט האימון, מכוונן על סט הוולידציה, ונבחן פעם אחת על סט המבחן שמעולם לא ראה.";
    C2Title => "Features and dimensions", "מאפיינים (פיצ'רים) וממדים";
    C2Text => "The numbers fed into the model. Give the network x₁² and x₂² and a circle becomes easy.",
              "המספרים שנכנסים למודל. תנו לרשת את x₁² ואת x₂², ומעגל נעשה קל.";
    C3Title => "Labels: classification and regression", "תוויות: סיווג ורגרסיה";
    C3Text => "Predict a class (orange or blue) or a number (how much). Switch the problem type and watch the output change.",
              "חיזוי של קטגוריה (כתום או כחול) או של מספר (כמה). החליפו את סוג הבעיה וראו איך הפלט משתנה.";
    C4Title => "Supervised learning", "למידה מונחית";
    C4Text => "Every training point comes with the right answer; the model adjusts itself until its answers match.",
              "לכל נקודת אימון מצורפת התשובה הנכונה; המודל מתכוונן עד שהתשובות שלו מתאימות.";
    C5Title => "Unsupervised learning and clustering", "למידה לא מונחית וחלוקה לאשכולות";
    C5Text => "No answers this time: the algorithm looks for groups on its own. It always finds some, even in pure noise, so judge them.",
              "הפעם אין תשובות: האלגוריתם מחפש קבוצות בעצמו. הוא תמיד ימצא כאלה, גם ברעש טהור, אז צריך לשפוט אותן.";
    C6Title => "Reinforcement learning", "למידת חיזוק";
    C6Text => "No right answers, only rewards and penalties: an agent tries moves, and learns which pay off in the long run, like a player learning a game.",
              "אין תשובות נכונות, רק תגמולים ועונשים: סוכן מנסה צעדים ולומד אילו משתלמים בטווח הארוך, כמו שחקן שלומד משחק.";
    C7Title => "Neural network", "רשת נוירונים";
    C7Text => "Layers of simple units; each one's output is drawn inside it. Hover a neuron to see what it has learned.",
              "שכבות של יחידות פשוטות; הפלט של כל אחת מצויר בתוכה. רחפו מעל נוירון כדי לראות מה הוא למד.";
    C8Title => "Deep learning and parameters", "למידה עמוקה ופרמטרים";
    C8Text => "Stack more layers and the parameter count grows; deeper is not always better.",
              "הוסיפו שכבות ומספר הפרמטרים גדל; עמוק יותר לא תמיד טוב יותר.";
    C9Title => "Loss function: MSE and cross-entropy", "פונקציית הפסד: MSE ואנטרופיה צולבת";
    C9Text => "One number that says how wrong the model is. Mean squared error for numbers, cross-entropy for classes.",
              "מספר אחד שאומר כמה המודל טועה. שגיאה ריבועית ממוצעת למספרים, אנטרופיה צולבת לקטגוריות.";
    C11Title => "Epoch", "אפוק";
    C11Text => "One full pass over the training data. Watch the counter and the loss curve move together.",
               "מעבר שלם אחד על נתוני האימון. צפו במונה ובעקומת ההפסד נעים יחד.";
    C12Title => "Mini-batch", "מיני-באץ'";
    C12Text => "The model updates after every small group of points, not after all of them: batch 1 is jumpy, a big batch is smooth.",
               "המודל מתעדכן אחרי כל קבוצה קטנה של נקודות, לא אחרי כולן: באץ' של 1 קופצני, באץ' גדול חלק.";
    C14Title => "Architecture and dense layers", "ארכיטקטורה ושכבות צפופות";
    C14Text => "How many layers, how wide, which activation: the shape of the network decides what it can draw.",
               "כמה שכבות, כמה רחבות, איזו פונקציית אקטיבציה: צורת הרשת קובעת מה היא מסוגלת לצייר.";
    C15Title => "Convolutional networks (CNN)", "רשתות קונבולוציה (CNN)";
    C15Text => "A small filter slides over the image and lights up where it finds its pattern: edges first, then strokes and shapes. The same filter everywhere, so a shifted digit is still a digit.",
               "מסנן קטן מחליק על התמונה ונדלק במקום שבו הוא מוצא את הדפוס שלו: קודם קצוות, אחר כך קווים וצורות. אותו מסנן בכל מקום, ולכן ספרה שזזה היא עדיין אותה ספרה.";
    C16Title => "Transformers and attention", "טרנספורמרים וקשב";
    C16Text => "Attention lets every word look at every other word and take what it needs from them; stacked in blocks, it is the engine of ChatGPT.",
               "קשב מאפשר לכל מילה להסתכל על כל מילה אחרת ולקחת ממנה את מה שהיא צריכה; בבלוקים אחד מעל השני, זה המנוע של ChatGPT.";
    C17Title => "Recurrent networks: RNN and LSTM", "רשתות חוזרות: RNN ו-LSTM";
    C17Text => "A network that reads a sequence one step at a time and carries a memory from step to step. A plain RNN forgets quickly; the LSTM's gates decide what to keep, so it remembers for longer.",
               "רשת שקוראת רצף צעד אחר צעד ונושאת זיכרון מצעד לצעד. רשת RNN פשוטה שוכחת מהר; השערים של LSTM מחליטים מה לשמור, ולכן היא זוכרת לאורך זמן.";
    C18Title => "Embeddings: words become vectors", "הטמעות מילים (embeddings): מילים הופכות לווקטורים";
    C18Text => "Each word becomes a list of numbers learned from the company it keeps; directions then carry meaning, so king − man + woman lands near queen.",
               "כל מילה הופכת לרשימת מספרים שנלמדת מהחברה שהיא נמצאת בה; אז לכיוונים יש משמעות, ולכן מלך − גבר + אישה נוחת ליד מלכה.";
    C19Title => "Decision trees, random forests and boosting", "עצי החלטה, יערות אקראיים ובוסטינג";
    C19Text => "A tree asks yes/no questions about the features; a forest lets many trees vote; boosting adds small trees that fix the previous ones' mistakes.",
               "עץ שואל שאלות של כן/לא על המאפיינים; יער נותן להרבה עצים להצביע; בוסטינג מוסיף עצים קטנים שמתקנים את הטעויות של קודמיהם.";
    C21Title => "Hyperparameters", "היפר-פרמטרים";
    C21Text => "The settings you choose rather than the model learns: learning rate, batch size, layers, regularisation.",
               "ההגדרות שאתם בוחרים, ולא המודל לומד: קצב למידה, גודל באץ', שכבות, רגולריזציה.";
    C24Title => "Diffusion models", "מודלי דיפוזיה";
    C24Text => "Learn to remove noise, a little at a time; then start from pure noise and remove it step by step until a picture appears — how Midjourney and DALL·E draw.",
               "לומדים להסיר רעש, קצת בכל פעם; ואז מתחילים מרעש טהור ומסירים אותו צעד אחר צעד עד שמופיעה תמונה — כך מציירים Midjourney ו־DALL·E.";
    C25Title => "The data scientist", "מדען הנתונים";
    C25Text => "Collects and cleans the data, explores it, picks features, trains and evaluates — and knows that the model that wins in training can fail in battle: a column that leaks the answer scores 100 % on validation and much less on the test set.",
               "אוסף ומנקה את הנתונים, חוקר אותם, בוחר מאפיינים, מאמן ומעריך — ויודע שהמודל שמנצח באימון יכול להיכשל בשטח: עמודה שמדליפה את התשובה מקבלת 100% על קבוצת האימות והרבה פחות על קבוצת המבחן.";
    C23Title => "Prompt engineering: how you ask changes what you get", "הנדסת פרומפטים: איך ששואלים משנה את מה שמקבלים";
    C23Text => "A language model only continues text, one token at a time. Examples first, another wording, a role, or spelling a word out before counting its letters change which continuation is likely.",
               "מודל שפה רק ממשיך טקסט, טוקן אחר טוקן. דוגמאות לפני השאלה, ניסוח אחר, תפקיד, או איות של מילה לפני שסופרים את האותיות שלה משנים איזה המשך סביר.";
    C22Title => "Overfitting and underfitting", "התאמת יתר ותת-התאמה";
    C22Text => "Too simple a model misses the pattern; too flexible a model memorises the noise. The validation error tells them apart.",
               "מודל פשוט מדי מפספס את הדפוס; מודל גמיש מדי משנן את הרעש. שגיאת הוולידציה מבדילה ביניהם.";
    C10Title => "Gradient descent and the learning rate", "ירידה במורד הגרדיאנט וקצב הלמידה";
    C10Text => "Walk downhill on the loss, a step at a time. Too small a step crawls, too large a step overshoots and flies off.",
               "הולכים במורד ההפסד, צעד אחר צעד. צעד קטן מדי זוחל, צעד גדול מדי מחטיא ועף החוצה.";
    C13Title => "Optimizers and Adam", "אופטימייזרים ו-Adam";
    C13Text => "Momentum, RMSProp, Adam, Lion: different ways to use the same gradient. Judge them only after tuning each one.",
               "תנע, RMSProp,‏ Adam,‏ Lion: דרכים שונות להשתמש באותו גרדיאנט. שפטו אותם רק אחרי שכיווננתם כל אחד.";
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_hebrew_entry_is_hebrew() {
        crate::i18n::check_table(super::HT::ALL, &[]);
    }
}
