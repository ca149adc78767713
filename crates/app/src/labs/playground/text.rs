//! The Playground lab's own strings (they travel only in its bundle); shared words (data set,
//! noise, optimizer, play, …) come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    PT;
    Output => "Output", "פלט";
    SplitLabel => "Split", "חלוקה";
    ProblemLabel => "Problem type", "סוג בעיה";
    ProblemHelp => "Classification predicts a class; regression predicts a number.", "סיווג חוזה קטגוריה; רגרסיה חוזה מספר.";
    Classification => "Classification", "סיווג";
    Regression => "Regression", "רגרסיה";
    FeaturesLabel => "Features", "מאפיינים";
    FeaturesHelp => "What the network sees of each point. Products and squares make curved boundaries easy.",
                    "מה הרשת רואה מכל נקודה. מכפלות וריבועים הופכים גבולות מעוקלים לקלים.";
    LayersLabel => "Hidden layers", "שכבות חבויות";
    LayersHelp => "Neurons per hidden layer, input side first, e.g. 4,2 (0–6 layers of 1–64).",
                  "מספר הנוירונים בכל שכבה חבויה, מצד הקלט, למשל 4,2 (0–6 שכבות של 1–64).";
    LayersInvalid => "Write up to six numbers from 1 to 64, separated by commas.", "כתבו עד שישה מספרים בין 1 ל-64, מופרדים בפסיקים.";
    AddLayer => "Add a layer", "הוספת שכבה";
    RemoveLayer => "Remove a layer", "הסרת שכבה";
    MoreNeurons => "More neurons in layer {}", "יותר נוירונים בשכבה {}";
    FewerNeurons => "Fewer neurons in layer {}", "פחות נוירונים בשכבה {}";
    Parameters => "Parameters", "פרמטרים";
    ParamCountHelp => "Every weight and bias the training adjusts.", "כל המשקלים וההטיות שהאימון מכוונן.";
    ActivationLabel => "Activation", "פונקציית אקטיבציה";
    ActivationHelp => "The bend each hidden neuron applies. Without one (linear), any depth draws only straight lines.",
                      "העיקום שכל נוירון חבוי מפעיל. בלעדיו (ליניארי), בכל עומק יתקבלו רק קווים ישרים.";
    LossLabel => "Loss", "פונקציית הפסד";
    LossHelp => "What 'wrong' means: mean squared error, or cross-entropy (for classes, with softmax when there are three).",
                "מה נחשב 'טעות': שגיאה ריבועית ממוצעת, או אנטרופיה צולבת (לקטגוריות, עם softmax כשיש שלוש).";
    LossMse => "Mean squared error", "שגיאה ריבועית ממוצעת";
    LossCe => "Cross-entropy", "אנטרופיה צולבת";
    BatchHelp => "Points per update. Small batches are noisy but update often.", "נקודות בכל עדכון. באצ'ים קטנים רועשים אבל מתעדכנים לעתים קרובות.";
    RegLabel => "Regularisation", "רגולריזציה";
    RegHelp => "A penalty on large weights. L1 pulls every weight towards zero with the same force whatever its size, so the small ones end up hovering around zero (a gradient step overshoots zero, so they seldom land on it exactly). L2 pulls in proportion to the size, shrinking them all.",
               "עונש על משקלים גדולים. L1 מושך כל משקל לעבר אפס באותו כוח, בלי קשר לגודלו, ולכן המשקלים הקטנים נשארים לרחף סביב אפס (צעד גרדיאנט מדלג מעל האפס, כך שהם כמעט אף פעם לא נוחתים עליו בדיוק). L2 מושך ביחס לגודל, ומכווץ את כולם.";
    RegNone => "None", "ללא";
    RegL1 => "L1", "L1";
    RegL2 => "L2", "L2";
    RegRateLabel => "Regularisation rate", "עוצמת רגולריזציה";
    RegRateHelp => "How strong the penalty is. Too strong and the model underfits.", "כמה חזק העונש. חזק מדי והמודל לא לומד מספיק.";
    ActRelu => "ReLU", "ReLU";
    ActTanh => "Tanh", "Tanh";
    ActSigmoid => "Sigmoid", "סיגמואיד";
    ActLinear => "Linear", "ליניארית";
    ActLeaky => "Leaky ReLU", "Leaky ReLU";
    SpeedHelp => "How much training each screen refresh does: one mini-batch (slow motion) up to as much as fits.",
                 "כמה אימון מתבצע בכל רענון מסך: מיני-באץ' אחד (הילוך איטי) ועד כמה שנכנס.";
    SpeedBatch => "1 mini-batch per frame (slow motion)", "מיני-באץ' אחד לפריים (הילוך איטי)";
    SpeedWatch => "10 epochs a second", "10 אפוקים בשנייה";
    SpeedOne => "1 epoch per frame", "אפוק אחד לפריים";
    SpeedFive => "5 epochs per frame", "5 אפוקים לפריים";
    SpeedTwentyFive => "25 epochs per frame", "25 אפוקים לפריים";
    LossChartTitle => "Loss per epoch", "הפסד לפי אפוק";
    BoundaryHelp => "Background: the model's answer everywhere. Filled dots train it, rings validate it. Click to add a point of the chosen class.",
                    "הרקע: התשובה של המודל בכל מקום. נקודות מלאות מאמנות אותו, טבעות בודקות אותו. לחצו כדי להוסיף נקודה מהקטגוריה שנבחרה.";
    BoundaryNeuron => "Showing neuron {} of layer {}", "מוצג נוירון {} בשכבה {}";
    LegendClass1 => "class 1", "קטגוריה 1";
    LegendClass2 => "class 2", "קטגוריה 2";
    LegendScore => "colour: which class the model leans to, and how surely", "צבע: לאיזו קטגוריה המודל נוטה, ובאיזו ודאות";
    LegendValue => "colour: the number the model predicts", "צבע: המספר שהמודל חוזה";
    LegendClasses => "colour: the class the model picks; paler where it is unsure", "צבע: הקטגוריה שהמודל בוחר; חיוור יותר במקום שאינו בטוח";
    Discretize => "Discretise output", "פלט בדיד";
    AddClass => "Click adds", "לחיצה מוסיפה";
    AddValue => "value {}", "ערך {}";
    TestResult => "Test loss at epoch {}:", "הפסד מבחן באפוק {}:";
    NetworkTitle => "The network", "הרשת";
    NetworkHelp => "Each square shows what that neuron outputs over the plane. Lines are weights: blue positive, orange negative, thicker is stronger. Hover for values; click a line or a neuron to type a new weight or bias.",
                   "כל ריבוע מראה מה הנוירון מוציא על פני המישור. הקווים הם משקלים: כחול חיובי, כתום שלילי, עבה יותר חזק יותר. רחפו לקבלת ערכים; לחצו על קו או על נוירון כדי להקליד משקל או הטיה חדשים.";
    NetworkKeys => "Keyboard: Tab to the diagram, arrows pick a bias or a weight, Enter types a new value, Escape goes back.",
                   "במקלדת: עברו עם Tab אל התרשים; החצים בוחרים הטיה או משקל, Enter פותח הקלדה של ערך חדש, Escape חוזר.";
    PlaneKeys => "Keyboard: Tab to the plot, arrows move the cursor (with Shift in small steps), Enter adds a point there, digits pick the class.",
                 "במקלדת: עברו עם Tab אל התרשים; החצים מזיזים את הסמן (עם Shift בצעדים קטנים), Enter מוסיף שם נקודה, והספרות בוחרות קטגוריה.";
    PlaneCursor => "Cursor at x₁ = {}, x₂ = {}", "הסמן בנקודה x₁ = {}, x₂ = {}";
    LayersText => "Layers as numbers", "השכבות כמספרים";
    WeightHover => "weight {} → {}: {}", "משקל {} ← {}: {}";
    NeuronHover => "neuron {} of layer {}, bias {}", "נוירון {} בשכבה {}, הטיה {}";
    Classroom => "Classroom: hide controls", "כיתה: הסתרת פקדים";
    ClassroomHelp => "Tick what your class should not see; the address keeps it, so share the link.",
                     "סמנו מה הכיתה לא צריכה לראות; הכתובת שומרת את זה, אז שתפו את הקישור.";
    Explanations => "Explanations under the controls", "ההסברים שמתחת לפקדים";
    PlayControls => "Play, step and reset buttons", "כפתורי הפעלה, צעד ואיפוס";
    EditWeight => "Set this weight to", "הגדרת המשקל הזה ל-";
    EditBias => "Set this neuron's bias to", "הגדרת ההטיה של הנוירון ל-";
    EditInvalid => "Type a number between −1000 and 1000.", "הקלידו מספר בין ‎−1000 ל-1000.";
    OutputLayer => "output", "פלט";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_is_translated() {
        // Names of methods and symbols read the same in both languages.
        crate::i18n::check_table(PT::ALL, &[PT::ActRelu, PT::ActTanh, PT::ActLeaky, PT::RegL1, PT::RegL2]);
    }
}
