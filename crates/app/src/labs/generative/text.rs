//! The generative lab's own strings (they travel only in its bundle); shared words (play, seed,
//! …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    GEN;
    SpeedHelp => "How many training steps a second while playing.", "כמה צעדי אימון בכל שנייה בזמן ההפעלה.";
    PaceSlow => "10 steps a second", "10 צעדים בשנייה";
    PaceNormal => "60 steps a second", "60 צעדים בשנייה";
    PaceMax => "As fast as possible", "מהר ככל האפשר";
    OneStep => "One step", "צעד אחד";
    Keys => "Keyboard: Space plays or pauses, → trains one step, R starts again, G generates.",
            "מקלדת: רווח מפעיל או עוצר, → מאמן צעד אחד, R מתחיל מחדש, G מייצר.";
    Step => "Training step", "צעד אימון";
    Loss => "Loss (last 50 steps)", "הפסד (50 הצעדים האחרונים)";
    OnShape => "Samples on the shape", "דגימות על הצורה";
    Covered => "Shape covered", "הצורה מכוסה";
    LearnedAt => "Learned at", "נלמדה בצעד";
    NotYet => "not yet", "עדיין לא";
    StepUnit => "step {}", "צעד {}";

    DataTitle => "The data, and the noise that dissolves it", "הנתונים, והרעש שממוסס אותם";
    DataHelp => "The forward process: at step t every point becomes √ᾱ_t·x₀ + √(1 − ᾱ_t)·ε — a little of the data and more and more noise. Move t and watch the shape dissolve; at t = T nothing of it is left, and that is where generating starts.",
                "התהליך הקדמי: בצעד t כל נקודה הופכת ל־√ᾱ_t·x₀ + √(1 − ᾱ_t)·ε — קצת מהנתונים ויותר ויותר רעש. הזיזו את t וראו את הצורה מתמוססת; ב־t = T לא נשאר ממנה דבר, ומשם מתחיל הייצור.";
    TargetLabel => "Shape", "צורה";
    TargetHelp => "What the model learns to make. The colours are classes (an arm, a moon, a ring, a stroke), which the conditional model learns too.",
                  "מה המודל לומד לייצר. הצבעים הם מחלקות (זרוע, ירח, טבעת, קו), שהמודל המותנה לומד גם אותן.";
    Spiral => "Spiral", "ספירלה";
    Moons => "Two moons", "שני ירחים";
    Rings => "Two rings", "שתי טבעות";
    Gaussians => "Eight Gaussians", "שמונה גאוסיאנים";
    Gaussian => "One Gaussian", "גאוסיאן אחד";
    Aleph => "The letter א", "האות א";
    Drawn => "Your drawing", "הציור שלכם";
    TLabel => "Step t of the forward process", "הצעד t של התהליך הקדמי";
    THelp => "0: the data itself; T: pure noise.", "0: הנתונים עצמם; T: רעש טהור.";
    TReadout => "ᾱ_t = {}: each point is {} data and {} noise", "ᾱ_t = {}: כל נקודה היא {} נתונים ו־{} רעש";
    ForwardLabel => "The data at step t of the forward process", "הנתונים בצעד t של התהליך הקדמי";
    PointsLabel => "Real points", "נקודות אמיתיות";
    PointsHelp => "How many points of the shape the model learns from.", "מכמה נקודות של הצורה המודל לומד.";
    ScheduleLabel => "Noise schedule", "לוח הרעש";
    ScheduleHelp => "How fast the noise comes in. Linear (Ho et al.) wipes out the shape early; cosine (Nichol & Dhariwal) keeps some of it longer, so more steps teach something.",
                    "באיזה קצב הרעש נכנס. לינארי (Ho ועמיתיו) מוחק את הצורה מוקדם; קוסינוס (Nichol ו־Dhariwal) שומר ממנה יותר זמן, כך שיותר צעדים מלמדים משהו.";
    Linear => "Linear", "לינארי";
    Cosine => "Cosine", "קוסינוס";
    SignalName => "√ᾱ_t, the data's share", "√ᾱ_t, החלק של הנתונים";
    NoiseName => "√(1 − ᾱ_t), the noise's share", "√(1 − ᾱ_t), החלק של הרעש";
    AxisT => "step t", "הצעד t";
    AxisShareOf => "share", "חלק";
    DrawHelp => "Draw on the pad with the mouse, a finger or a pen: each stroke becomes a class, and the model learns points along your strokes.",
                "ציירו על המשטח בעכבר, באצבע או בעט: כל קו הופך למחלקה, והמודל לומד נקודות לאורך הקווים שלכם.";
    DrawPrompt => "Draw a shape here", "ציירו כאן צורה";
    PadLabel => "Drawing pad", "משטח ציור";
    ClearDrawing => "Clear the drawing", "ניקוי הציור";
    UndoStroke => "Undo the last stroke", "ביטול הקו האחרון";
    StartFromAleph => "Start from the letter א", "להתחיל מהאות א";
    DrawingFull => "The drawing is full (16 strokes or 600 points): undo a stroke or clear it.", "הציור מלא (16 קווים או 600 נקודות): בטלו קו או נקו אותו.";

    TrainTitle => "Training: guess the noise", "אימון: לנחש את הרעש";
    TrainHelp => "Each step takes a mini-batch of real points, a random t for each, adds noise, and asks the network which noise was added; the loss is the squared error of its guess. It never reaches 0: at a large t many different points could have become the same noisy one.",
                 "כל צעד לוקח מיני־באץ' של נקודות אמיתיות, t אקראי לכל אחת, מוסיף רעש, ושואל את הרשת איזה רעש נוסף; ההפסד הוא השגיאה הריבועית של הניחוש. הוא אף פעם לא מגיע ל־0: ב־t גדול הרבה נקודות שונות יכלו להפוך לאותה נקודה רועשת.";
    LossName => "loss", "הפסד";
    AxisStep => "training step", "צעד אימון";
    AxisLoss => "mean squared error", "שגיאה ריבועית ממוצעת";
    OnShapeName => "on the shape", "על הצורה";
    CoveredName => "covered", "מכוסה";
    BestOnShape => "a real sample: on the shape", "מדגם אמיתי: על הצורה";
    BestCovered => "a real sample: covered", "מדגם אמיתי: מכוסה";
    AxisPercent => "% of points", "% מהנקודות";
    QualityHelp => "Every 250 steps the model makes 500 points from the same noise (DDIM, 20 steps). On the shape: the share that land within 0.1 of a real point. Covered: the share of real points with a generated one within 0.1. A second real sample scores {} and {} — the best a perfect model could show. The model has learned the shape when {} of its points land on it.",
                   "כל 250 צעדים המודל מייצר 500 נקודות מאותו רעש (DDIM, ‏20 צעדים). על הצורה: החלק שנוחת במרחק 0.1 לכל היותר מנקודה אמיתית. מכוסה: החלק מהנקודות האמיתיות שיש לידן נקודה מיוצרת במרחק 0.1 לכל היותר. מדגם אמיתי שני מקבל {} ו־{} — הטוב ביותר שמודל מושלם יכול להראות. המודל למד את הצורה כש־{} מהנקודות שלו נוחתות עליה.";
    PreviewTitle => "What the model makes now", "מה המודל מייצר עכשיו";
    PreviewHelp => "The probe's 500 points, from the same noise every time, over the real shape in grey: watch them gather on it as training goes.",
                   "500 הנקודות של הבדיקה, מאותו רעש בכל פעם, מעל הצורה האמיתית באפור: ראו אותן מתקבצות עליה ככל שהאימון מתקדם.";
    PreviewLabel => "Points the model generates now, over the real shape", "נקודות שהמודל מייצר עכשיו, מעל הצורה האמיתית";

    GenTitle => "Generating: from noise back to the shape", "ייצור: מרעש בחזרה לצורה";
    GenHelp => "Press Generate: the points start as pure noise, and at each step from t = T down to 0 the model removes a little of the noise it predicts. The arrows are the score, the direction the model pushes a point at this t: broad strokes at first, fine detail at the end.",
               "לחצו על ״ייצור״: הנקודות מתחילות כרעש טהור, ובכל צעד מ־t = T עד 0 המודל מסיר קצת מהרעש שהוא חוזה. החצים הם הציון (score), הכיוון שבו המודל דוחף נקודה ב־t הזה: תנועות גסות בהתחלה, פרטים עדינים בסוף.";
    Generate => "Generate", "ייצור";
    GenStep => "One step back", "צעד אחד אחורה";
    GenProgress => "Step {} of {} · t = {}", "צעד {} מתוך {} · t = {}";
    GenIdle => "Press Generate", "לחצו על ״ייצור״";
    GenLabel => "Generated points and the score's arrows", "נקודות מיוצרות וחצי הציון";
    SamplerLabel => "Sampler", "שיטת הדגימה";
    SamplerHelp => "DDPM (Ho et al.) takes every step and adds a little fresh noise each time; DDIM (Song et al.) adds none and may skip steps.",
                   "DDPM (Ho ועמיתיו) עובר בכל הצעדים ומוסיף בכל פעם קצת רעש חדש; DDIM (Song ועמיתיו) לא מוסיף רעש ויכול לדלג על צעדים.";
    DdimStepsLabel => "DDIM steps", "צעדי DDIM";
    DdimStepsHelp => "Fewer steps are faster and coarser.", "פחות צעדים: מהיר יותר וגס יותר.";
    SamplesLabel => "Points generated", "נקודות מיוצרות";
    SamplesHelp => "How many points start from noise.", "כמה נקודות מתחילות מרעש.";
    ArrowsLabel => "Show the score's arrows", "הצגת חצי הציון";
    ArrowsHelp => "Where the model pushes a point at the current t (before a generation, at the forward slider's t), on a grid; the longest arrow is a grid cell long.", "לאן המודל דוחף נקודה ב־t הנוכחי (לפני ייצור, ב־t של המחוון של התהליך הקדמי), על גבי רשת; החץ הארוך ביותר באורך משבצת אחת.";
    GenQuality => "{} on the shape, {} of it covered", "{} על הצורה, {} ממנה מכוסה";

    ModelTitle => "The network", "הרשת";
    ModelHelp => "An MLP takes a noisy point, its step t (as a sinusoidal embedding) and, for the conditional model, a class, and outputs its guess of the noise: {} numbers to learn.",
                 "רשת MLP מקבלת נקודה רועשת, את הצעד t שלה (כשיכון סינוסואידלי) ובמודל המותנה גם מחלקה, ומוציאה את הניחוש שלה לרעש: {} מספרים ללמוד.";
    WidthLabel => "Neurons per layer", "נוירונים בכל שכבה";
    WidthHelp => "Wider layers can draw finer shapes, and cost more per step.", "שכבות רחבות יותר מציירות צורות עדינות יותר, ועולות יותר בכל צעד.";
    DepthLabel => "Hidden layers", "שכבות נסתרות";
    DepthHelp => "How many layers of neurons between the input and the guess.", "כמה שכבות של נוירונים בין הקלט לניחוש.";
    TimestepsLabel => "Steps T", "מספר הצעדים T";
    TimestepsHelp => "Over how many steps the noise comes in: more steps are smaller ones, and generating takes longer.", "על פני כמה צעדים הרעש נכנס: יותר צעדים הם צעדים קטנים יותר, והייצור לוקח יותר זמן.";
    LrLabel => "Learning rate", "קצב למידה";
    LrHelp => "Adam's step at the start; it falls to a tenth by the end of the run.", "גודל הצעד של Adam בהתחלה; הוא יורד לעשירית עד סוף הריצה.";
    BatchLabel => "Batch size", "גודל הבאץ'";
    BatchHelp => "Real points per training step: larger batches give steadier steps.", "נקודות אמיתיות בכל צעד אימון: באץ' גדול יותר נותן צעדים יציבים יותר.";
    RunStepsLabel => "Training steps", "צעדי אימון";
    RunStepsHelp => "How long a run lasts.", "כמה זמן נמשכת ריצה.";
    FourierLabel => "Fourier features", "מאפייני פורייה";
    FourierHelp => "The point also enters as sines and cosines at five frequencies, so the network can bend sharply where the shape does. Off: blurrier shapes.",
                   "הנקודה נכנסת גם כסינוסים וקוסינוסים בחמישה תדרים, כך שהרשת יכולה להתכופף בחדות היכן שהצורה מתכופפת. כבוי: צורות מטושטשות יותר.";
    SeedHelp => "The seed fixes the real points, the network's first weights and every random draw: the same seed, the same run.", "הזרע קובע את הנקודות האמיתיות, את המשקלים הראשונים של הרשת ואת כל ההגרלות: אותו זרע, אותה ריצה.";
    NewRun => "Another run", "ריצה אחרת";

    CondTitle => "Conditioning and guidance", "התניה והכוונה";
    CondHelp => "A conditional model learns ε(x, t, c) for each class c, and ε(x, t, ∅) too (a tenth of its examples come without their class). Guidance mixes the two, ε̃ = (1 + w)·ε(x, t, c) − w·ε(x, t, ∅): a larger w keeps the samples to the class asked for, at the cost of variety — the guidance slider of image generators.",
               "מודל מותנה לומד ε(x, t, c) לכל מחלקה c, וגם ε(x, t, ∅) (עשירית מהדוגמאות שלו מגיעות בלי המחלקה שלהן). ההכוונה מערבבת את השניים, ε̃ = (1 + w)·ε(x, t, c) − w·ε(x, t, ∅): w גדול יותר מחזיק את הדגימות במחלקה שביקשו, במחיר של פחות גיוון — מחוון ההכוונה של מחוללי התמונות.";
    ConditionalLabel => "Conditional model: learn the classes too", "מודל מותנה: ללמוד גם את המחלקות";
    ConditionalHelp => "A new run that also tells the network each point's class.", "ריצה חדשה שמספרת לרשת גם את המחלקה של כל נקודה.";
    ClassLabel => "Class to generate", "המחלקה לייצור";
    ClassHelp => "No class: the whole shape. A class: only its part (a conditional model).", "בלי מחלקה: כל הצורה. מחלקה: רק החלק שלה (במודל מותנה).";
    NoClass => "No class", "בלי מחלקה";
    ClassN => "Class {}", "מחלקה {}";
    GuidanceLabel => "Guidance w", "הכוונה w";
    GuidanceHelp => "0: the conditional model as it is; larger: pushed away from the other classes.", "0: המודל המותנה כמו שהוא; גדול יותר: נדחף הרחק מהמחלקות האחרות.";
    TryArm => "Try: one arm of the spiral, w = 3", "נסו: זרוע אחת של הספירלה, w = 3";
    TryArmText => "Trains a conditional model on the spiral, then generates arm 1 with guidance 3: the samples keep to that arm (core's test, 3,000 steps: 99.9 % on it, against 95 % without guidance).",
                  "מאמן מודל מותנה על הספירלה, ואז מייצר את זרוע 1 עם הכוונה 3: הדגימות נשארות על הזרוע הזאת (הבדיקה של הליבה, 3,000 צעדים: ‏99.9% עליה, לעומת 95% בלי הכוונה).";
    GanTitle => "Beside it, a GAN: a forger against a detective", "ולצדו, GAN: זייפן מול בלש";
    GanHelp => "A generative adversarial network learns the same shape another way. The generator G turns random codes into points; the discriminator D looks at a point and says how likely it is real. D learns to tell them apart, G learns to fool D — and the arrows show where D's verdict pushes each generated point.",
               "רשת יריבה יוצרת (GAN) לומדת את אותה צורה בדרך אחרת. המחולל G הופך קודים אקראיים לנקודות; המבחין D מסתכל על נקודה ואומר עד כמה סביר שהיא אמיתית. D לומד להבדיל ביניהן, G לומד לרמות את D — והחצים מראים לאן הפסיקה של D דוחפת כל נקודה מיוצרת.";
    GanPlay => "Play the GAN", "הפעלת ה־GAN";
    GanPause => "Pause the GAN", "עצירת ה־GAN";
    GanStepD => "Train D once", "אימון D פעם אחת";
    GanStepG => "Train G once", "אימון G פעם אחת";
    GanRound => "One round", "סבב אחד";
    GanReset => "Start the GAN again", "התחלת ה־GAN מחדש";
    GanIdle => "Press Play the GAN", "לחצו על הפעלת ה־GAN";
    GanRounds => "Rounds", "סבבים";
    GanReal => "D on real points", "D על נקודות אמיתיות";
    GanFake => "D on generated points", "D על נקודות מיוצרות";
    GanModes => "Modes covered", "מצבים מכוסים";
    ModesOf => "{} of 8", "{} מתוך 8";
    OnlyEight => "(on the eight Gaussians)", "(בשמונה הגאוסיאנים)";
    GanCanvasLabel => "The discriminator's verdict over the plane, the real and the generated points, and the generator's arrows", "הפסיקה של המבחין על פני המישור, הנקודות האמיתיות והמיוצרות, והחצים של המחולל";
    GanLegend => "Background: D's verdict (blue: \"real\", orange: \"generated\"). Grey: real points. Dark: generated points, each with the arrow along which G's loss pushes it; faint lines: G's grid of codes, warped into the plane.",
                 "רקע: הפסיקה של D (כחול: ״אמיתי״, כתום: ״מיוצר״). אפור: נקודות אמיתיות. כהה: נקודות מיוצרות, כל אחת עם החץ שלאורכו ההפסד של G דוחף אותה; קווים עדינים: רשת הקודים של G, מעוותת אל תוך המישור.";
    GanRealName => "mean D(x), real", "ממוצע D(x), אמיתיות";
    GanFakeName => "mean D(G(z)), generated", "ממוצע D(G(z)), מיוצרות";
    AxisRound => "round", "סבב";
    AxisVerdict => "D's verdict (1: real)", "הפסיקה של D ‏(1: אמיתי)";
    GanCollapse => "Show mode collapse", "הצגת קריסת מצבים";
    GanBalanced => "Back to the balanced GAN", "חזרה ל־GAN המאוזן";
    GanCollapseText => "Mode collapse: on the eight Gaussians, make G learn ten times faster than D (core's test: at most 2 of 8 modes covered, seeds 1–3). G outruns its critic and all its points rush to wherever D says \"real\" — one clump, wandering from mode to mode. The balanced default (D four times faster than G) covers all 8.",
                        "קריסת מצבים: בשמונה הגאוסיאנים, גרמו ל־G ללמוד פי עשרה מהר יותר מ־D (הבדיקה של הליבה: לכל היותר 2 מתוך 8 מצבים מכוסים, זרעים 1–3). G עוקף את המבקר שלו וכל הנקודות שלו ממהרות למקום שבו D אומר ״אמיתי״ — גוש אחד שנודד ממצב למצב. ברירת המחדל המאוזנת (D מהר פי ארבעה מ־G) מכסה את כל 8.";
    GanLrD => "D's learning rate", "קצב הלמידה של D";
    GanLrDHelp => "Adam's step for the discriminator.", "גודל הצעד של Adam עבור המבחין.";
    GanLrG => "G's learning rate", "קצב הלמידה של G";
    GanLrGHelp => "Adam's step for the generator: much faster than D's and it outruns its critic.", "גודל הצעד של Adam עבור המחולל: מהר בהרבה מ־D והוא עוקף את המבקר שלו.";
    GanK => "D's updates per round", "עדכוני D בכל סבב";
    GanKHelp => "k: how many times D learns before G takes one step.", "k: כמה פעמים D לומד לפני ש־G עושה צעד אחד.";
    GanLoss => "G's loss", "ההפסד של G";
    GanLossHelp => "Minimax, log(1 − D(G(z))), is Goodfellow's original: while D wins easily its arrows all but vanish. Non-saturating, −log D(G(z)), pushes hardest exactly then.",
                   "מינימקס, log(1 − D(G(z))), הוא המקורי של Goodfellow: כל עוד D מנצח בקלות החצים שלו כמעט נעלמים. הלא־רווי, −log D(G(z)), דוחף הכי חזק בדיוק אז.";
    NonSaturating => "Non-saturating", "לא־רווי";
    Minimax => "Minimax", "מינימקס";
    GanRoundsLabel => "Rounds of a run", "סבבים בריצה";
    GanRoundsHelp => "How long the GAN trains.", "כמה זמן ה־GAN מתאמן.";
    NeedsConditional => "Classes and guidance need a conditional model: tick the box above.", "מחלקות והכוונה דורשות מודל מותנה: סמנו את התיבה למעלה.";
}
