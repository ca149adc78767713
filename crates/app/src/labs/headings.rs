//! Each lab's title and one-paragraph summary, in both languages.
//!
//! Kept apart from the registry (`labs::LABS`, which every bundle's navigation names in full): a
//! lab's page names only its own heading, so it downloads only its own; the home page's list of
//! labs and the lesson editor name all of them, through [`heading`](super::heading).

use crate::components::lab_shell::Heading;
use crate::i18n::Label;

pub const PLAYGROUND: Heading = Heading {
    title: Label::new("Playground: a neural network, live",
                      "מגרש משחקים: רשת נוירונים שלומדת לנגד עיניכם"),
    summary: Label::new("Train a small neural network on 2-D points and watch its decision boundary, its neurons and its loss curves change as it learns.",
                        "אמנו רשת נוירונים קטנה על נקודות במישור, וצפו בגבול ההחלטה, בנוירונים ובעקומות ההפסד משתנים תוך כדי למידה."),
};

pub const DESCENT: Heading = Heading {
    title: Label::new("Gradient descent: learning rate, mini-batches and a fair optimizer race",
                      "ירידה במורד הגרדיאנט: קצב למידה, מיני-באצ'ים ומרוץ אופטימייזרים הוגן"),
    summary: Label::new("Optimizers race downhill on loss surfaces from the same start. Watch a learning rate crawl, oscillate or diverge, see mini-batch gradients scatter, then tune every optimizer before deciding who wins.",
                        "אופטימייזרים מתחרים במורד משטחי הפסד מאותה נקודת התחלה. ראו קצב למידה זוחל, מתנדנד או מתבדר, ראו גרדיאנטים של מיני-באצ'ים מתפזרים, ואז כווננו כל אופטימייזר לפני שמחליטים מי ניצח."),
};

pub const OVERFITTING: Heading = Heading {
    title: Label::new("Overfitting: complexity, training time and honest tuning",
                      "התאמת יתר: מורכבות, זמן אימון וכוונון הוגן"),
    summary: Label::new("Fit polynomials of growing degree to a few noisy points and watch the validation error trace a U; train a network until validation turns up; search hyperparameters, then look at the test set once.",
                        "התאימו פולינומים מדרגה הולכת וגדלה לכמה נקודות רועשות וראו את שגיאת הוולידציה משרטטת U; אמנו רשת עד ששגיאת הוולידציה מתחילה לעלות; חפשו היפר-פרמטרים, ורק אז הביטו פעם אחת בסט המבחן."),
};

pub const TREES: Heading = Heading {
    title: Label::new("Trees: one tree, a forest, and boosting",
                      "עצים: עץ אחד, יער, ובוסטינג"),
    summary: Label::new("Grow a decision tree split by split, let a forest of trees vote, and watch boosting fix its own mistakes round by round; then compare them with the network on the same split.",
                        "גדלו עץ החלטה פיצול אחר פיצול, תנו ליער של עצים להצביע, וצפו בבוסטינג מתקן את הטעויות של עצמו סבב אחר סבב; ואז השוו אותם לרשת הנוירונים על אותה חלוקה."),
};

pub const CLUSTERING: Heading = Heading {
    title: Label::new("Clustering: k-means step by step, where it fails, and PCA",
                      "חלוקה לאשכולות: k-means צעד אחר צעד, היכן הוא נכשל, ו-PCA"),
    summary: Label::new("Watch k-means alternate its two moves until the groups settle, see it fail on moons and rings where DBSCAN succeeds, and use PCA to draw a table of shoppers in two dimensions and name its segments.",
                        "צפו ב-k-means מחליף בין שני המהלכים שלו עד שהקבוצות מתייצבות, ראו אותו נכשל בירחים ובטבעות שבהם DBSCAN מצליח, והשתמשו ב-PCA כדי לשרטט טבלת קונים בשני ממדים ולתת שם לכל פלח."),
};

pub const CNN: Heading = Heading {
    title: Label::new("Convolutional networks: filters that learn to see digits",
                      "רשתות קונבולוציה: מסננים שלומדים לראות ספרות"),
    summary: Label::new("Slide a kernel over a digit and watch the multiply-and-add, then train a small CNN on 1,797 hand-written digits while its filters and feature maps take shape, and draw your own digit for it to read.",
                        "החליקו גרעין על ספרה וראו את הכפל-והחיבור, ואז אמנו רשת קונבולוציה קטנה על 1,797 ספרות בכתב יד בזמן שהמסננים ומפות המאפיינים שלה מקבלים צורה, וציירו ספרה משלכם כדי שתקרא אותה."),
};

pub const SEQUENCE: Heading = Heading {
    title: Label::new("Sequences: RNN, GRU and LSTM, and why plain RNNs forget",
                      "רצפים: RNN,‏ GRU ו-LSTM, ולמה RNN פשוטה שוכחת"),
    summary: Label::new("Train recurrent networks live on a noisy sine, a symbol to remember across a delay, a count and a rhyme; watch their memory and gates step by step, and the gradient fade as it travels back through time.",
                        "אמנו רשתות חוזרות בזמן אמת על סינוס רועש, על סמל שצריך לזכור לאורך השהיה, על ספירה ועל שיר ילדים; צפו בזיכרון ובשערים שלהן צעד אחר צעד, ובגרדיאנט שדועך בדרכו אחורה בזמן."),
};

pub const ATTENTION: Heading = Heading {
    title: Label::new("Attention: a tiny transformer, every head visible",
                      "קשב: טרנספורמר קטנטן, כל ראש גלוי"),
    summary: Label::new("Train a small transformer from scratch to reverse, sort or copy numbers, match brackets or look up a key; watch each head's attention sharpen, read one query's scores in numbers, and see why position matters.",
                        "אמנו טרנספורמר קטן מאפס להפוך, למיין או להעתיק מספרים, להתאים סוגריים או לחפש לפי מפתח; צפו בקשב של כל ראש מתחדד, קראו את הציונים של שאילתה אחת במספרים, וראו למה המיקום חשוב."),
};

pub const EMBEDDING: Heading = Heading {
    title: Label::new("Embeddings: words become vectors, directions carry meaning",
                      "הטמעות מילים: מילים הופכות לווקטורים, ולכיוונים יש משמעות"),
    summary: Label::new("Train word2vec live on a corpus in English or Hebrew, or on your own text: watch the words move into place, point at one for its neighbours, and ask king − man + woman — with the answer's cosine, and why it sometimes fails.",
                        "אמנו word2vec בזמן אמת על קורפוס באנגלית או בעברית, או על טקסט משלכם: צפו במילים זזות למקומן, הצביעו על מילה כדי לראות את השכנות שלה, ושאלו מלך − גבר + אישה — עם הקוסינוס של התשובה, ולמה זה לפעמים נכשל."),
};

pub const LANGUAGE: Heading = Heading {
    title: Label::new("Language model: tokens, next-token prediction, and how you ask",
                      "מודל שפה: טוקנים, ניבוי הטוקן הבא, ואיך שואלים"),
    summary: Label::new("Learn a tokenizer merge by merge, train a tiny transformer to predict the next token of a small world until it beats a bigram, then prompt it: watch temperature, top-k and top-p reshape its choices as it writes.",
                        "למדו טוקנייזר איחוד אחר איחוד, אמנו טרנספורמר זעיר לנבא את הטוקן הבא של עולם קטן עד שהוא עוקף ביגרם, ואז תנו לו פרומפט: ראו איך טמפרטורה, top-k ו-top-p משנים את הבחירות שלו בזמן שהוא כותב."),
};

pub const RL: Heading = Heading {
    title: Label::new("Reinforcement learning: an agent learns a world from rewards and penalties",
                      "למידת חיזוק: סוכן לומד עולם מתגמולים ומעונשים"),
    summary: Label::new("Build a grid world of walls, goals and pits, and watch an agent learn it by trial and error — its Q-values filling in, its arrows finding the way — while dynamic programming solves the same world with the rules, one sweep at a time.",
                        "בנו עולם של קירות, מטרות ובורות, וצפו בסוכן לומד אותו בניסוי וטעייה — ערכי ה-Q שלו מתמלאים והחצים שלו מוצאים את הדרך — בזמן שתכנות דינמי פותר את אותו עולם בעזרת החוקים, מעבר אחר מעבר."),
};

pub const GENERATIVE: Heading = Heading {
    title: Label::new("Generative models: a diffusion model learns to make a shape from noise",
                      "מודלים יוצרים: מודל דיפוזיה לומד לייצר צורה מרעש"),
    summary: Label::new("Watch noise dissolve a shape step by step, then train a small network to undo it, live: the samples gather on the spiral as it learns, thousands of points flow from pure noise back to the shape under the model's arrows, and guidance picks one class — or draw your own shape for it to learn.",
                        "צפו ברעש ממוסס צורה צעד אחר צעד, ואז אמנו רשת קטנה לבטל אותו, בזמן אמת: הדגימות מתקבצות על הספירלה ככל שהיא לומדת, אלפי נקודות זורמות מרעש טהור בחזרה לצורה לאורך החצים של המודל, וההכוונה בוחרת מחלקה אחת — או ציירו צורה משלכם כדי שילמד אותה."),
};

pub const DATA: Heading = Heading {
    title: Label::new("The data scientist: a real table, explored, modelled, and tested once",
                      "מדען הנתונים: טבלה אמיתית, נחקרת, ממודלת, ונבחנת פעם אחת"),
    summary: Label::new("Load a real table or your own CSV, explore every column and how they correlate, prepare it with every statistic learned from the training rows only, compare six models on validation, meet the test set once — and watch a leaking column or a shifted test set turn success in training into failure in battle.",
                        "טענו טבלה אמיתית או קובץ CSV משלכם, חקרו כל עמודה ואת המתאמים ביניהן, הכינו אותה כשכל סטטיסטיקה נלמדת משורות האימון בלבד, השוו שישה מודלים על קבוצת האימות, פגשו את קבוצת המבחן פעם אחת — וראו איך עמודה שמדליפה את התשובה או קבוצת מבחן מוזזת הופכות הצלחה באימון לכישלון בשטח."),
};

#[cfg(test)]
mod tests {
    #[test]
    fn every_heading_in_both_languages() {
        for lab in crate::labs::LABS {
            let h = crate::labs::heading(lab.slug).expect("every lab has a heading");
            for text in [h.title, h.summary] {
                let (en, he) = (text.get(crate::i18n::Lang::En), text.get(crate::i18n::Lang::He));
                assert!(!en.is_empty() && !he.is_empty(), "{}", lab.slug);
                assert!(crate::i18n::has_hebrew(he) && !crate::i18n::has_hebrew(en), "{}: {en} / {he}", lab.slug);
            }
        }
    }
}
