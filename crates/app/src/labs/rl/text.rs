//! The RL lab's own strings (they travel only in its bundle); shared words (play, seed, …)
//! come from the shell's table [`T`](crate::i18n::T).

crate::i18n::table! {
    RL;
    SpeedHelp => "How many moves the agent makes each second while playing.", "כמה צעדים הסוכן עושה בכל שנייה בזמן ההפעלה.";
    PaceSlow => "4 moves a second", "4 צעדים בשנייה";
    PaceNormal => "30 moves a second", "30 צעדים בשנייה";
    PaceFast => "150 moves a second", "150 צעדים בשנייה";
    PaceMax => "As fast as possible", "מהר ככל האפשר";
    OneMove => "One move", "צעד אחד";
    Keys => "Keyboard: Space plays or pauses, → makes one move, R starts again. On the grid: arrows move the frame, Enter places, 1–5 pick what to place.",
            "מקלדת: רווח מפעיל או עוצר, → עושה צעד אחד, R מתחיל מחדש. על הלוח: החצים מזיזים את המסגרת, Enter מניח, 1–5 בוחרים מה להניח.";
    Episode => "Episode", "אפיזודה";
    Moves => "Moves", "צעדים";
    EpsilonNow => "Random moves now", "צעדים אקראיים עכשיו";
    LastReturn => "Last return", "התגמול המצטבר האחרון";
    GapNow => "Gap to the optimum", "הפער מהאופטימום";
    SolvedAt => "Solved after", "נפתר אחרי";
    NotYet => "not yet", "עדיין לא";
    MovesUnit => "{} moves", "{} צעדים";

    WorldTitle => "The world, and the agent learning it", "העולם, והסוכן שלומד אותו";
    WorldHelp => "Each cell's four triangles are the agent's Q-values, what it expects to earn by moving that way (blue: good, orange: bad); the arrows are its best moves now. The dark dot is the agent, its recent path behind it. Click a cell to place what is chosen below.",
                 "ארבעת המשולשים בכל תא הם ערכי ה-Q של הסוכן, כמה הוא מצפה להרוויח אם יזוז לכיוון הזה (כחול: טוב, כתום: רע); החצים הם הצעדים הטובים ביותר שלו כרגע. הנקודה הכהה היא הסוכן, והמסלול האחרון שלו נמשך מאחוריה. לחצו על תא כדי להניח בו את מה שנבחר למטה.";
    CellReadout => "Row {}, column {}: Q {}; best possible V* {}", "שורה {}, עמודה {}: Q {}; הערך הטוב ביותר האפשרי V* {}";
    Legend => "S: the start · green: a goal, orange: a pit (with its reward) · dark: a wall · purple line: where the arrows lead from the start.",
              "S: ההתחלה · ירוק: מטרה, כתום: בור (עם התגמול שלהם) · כהה: קיר · קו סגול: לאן החצים מובילים מההתחלה.";
    GridLabel => "The grid world: arrows move the frame, Enter places", "עולם הרשת: החצים מזיזים את המסגרת, Enter מניח";
    ToolLabel => "Place", "להניח";
    ToolWall => "Wall", "קיר";
    ToolStart => "Start", "התחלה";
    ToolGoal => "Goal", "מטרה";
    ToolPit => "Pit", "בור";
    ToolEmpty => "Empty", "ריק";
    CellRewardLabel => "Reward of a goal or pit placed", "התגמול של מטרה או בור שמניחים";
    CellRewardHelp => "Entering a goal earns this and ends the episode; a pit usually costs.", "כניסה למטרה מזכה בתגמול הזה ומסיימת את האפיזודה; בור בדרך כלל עולה ביוקר.";
    EditRefused => "That edit would leave the world without {}: it was not made.", "העריכה הזאת הייתה משאירה את העולם בלי {}: היא לא בוצעה.";
    NoStart => "a start", "נקודת התחלה";
    NoGoal => "a goal", "מטרה";
    WidthLabel => "Width", "רוחב";
    HeightLabel => "Height", "גובה";
    SizeHelp => "Cells across and down (4–12).", "מספר התאים לרוחב ולגובה (4–12).";
    StepLabel => "Reward per move", "תגמול לכל צעד";
    StepHelp => "What every move that enters no goal or pit earns; negative is a cost that makes the agent hurry.", "מה שמקבל כל צעד שלא נכנס למטרה או לבור; ערך שלילי הוא עלות שגורמת לסוכן למהר.";
    SuccessLabel => "Chance the move goes as intended", "הסיכוי שהצעד יתבצע כמתוכנן";
    SuccessHelp => "Below 1 the floor is slippery: otherwise the agent slides to one side (1/3 is Gymnasium's FrozenLake).", "מתחת ל-1 הרצפה חלקלקה: אחרת הסוכן מחליק הצידה (1/3 זה FrozenLake של Gymnasium).";
    PitsLabel => "A pit", "בור";
    PitsHelp => "Ends the episode, or sends the agent back to the start to go on (the cliff walk).", "מסיים את האפיזודה, או מחזיר את הסוכן להתחלה כדי להמשיך (ההליכה על הצוק).";
    PitsEnd => "ends the episode", "מסיים את האפיזודה";
    PitsRestart => "sends back to the start", "מחזיר להתחלה";
    RulesTitle => "The world's size and rules", "הגודל והחוקים של העולם";
    PresetsLabel => "Worlds", "עולמות";
    PresetMaze => "Simple maze", "מבוך פשוט";
    PresetCliff => "Cliff walk", "הליכה על הצוק";
    PresetLake => "Slippery lake", "אגם חלקלק";
    PresetTwoGoals => "Near or far", "קרוב או רחוק";

    LearnTitle => "Learning from experience", "למידה מניסיון";
    LearnHelp => "The agent does not know the rules. After each move it nudges one Q-value toward the reward it got plus γ times what it expects next — Q-learning assumes its best move next, SARSA the move it will really make.",
                 "הסוכן לא מכיר את החוקים. אחרי כל צעד הוא מקרב ערך Q אחד אל התגמול שקיבל ועוד γ כפול מה שהוא מצפה לקבל אחר כך — Q-learning מניח את הצעד הטוב ביותר שלו בהמשך, SARSA את הצעד שהוא באמת יעשה.";
    MethodLabel => "Method", "שיטה";
    MethodHelp => "Q-learning learns the best way even while exploring; SARSA and Expected SARSA learn the way they actually walk, exploration included.", "Q-learning לומד את הדרך הטובה ביותר גם בזמן שהוא חוקר; SARSA ו-Expected SARSA לומדים את הדרך שבה הם באמת הולכים, כולל החקירה.";
    AlphaLabel => "Learning rate α", "קצב הלמידה α";
    AlphaHelp => "How far each Q-value moves toward its target.", "כמה רחוק כל ערך Q זז לעבר היעד שלו.";
    GammaLabel => "Discount γ", "מקדם ההיוון γ";
    GammaHelp => "What a reward one move later is worth now: near 1 the agent plans far ahead, at 0 it cares only about the next reward.", "כמה שווה עכשיו תגמול שמגיע צעד אחד מאוחר יותר: קרוב ל-1 הסוכן מתכנן רחוק קדימה, ב-0 אכפת לו רק מהתגמול הבא.";
    EpsilonLabel => "Exploration ε", "חקירה ε";
    EpsilonHelp => "The share of moves made at random instead of the best known one.", "החלק של הצעדים שנעשים באקראי במקום הצעד הטוב ביותר שידוע.";
    DecayLabel => "ε decay per episode", "דעיכת ε בכל אפיזודה";
    DecayHelp => "ε is multiplied by this after each episode: explore first, exploit later (1: constant).", "ε מוכפל בזה אחרי כל אפיזודה: קודם לחקור, אחר כך לנצל (1: קבוע).";
    LambdaLabel => "Eligibility traces λ", "עקבות זכאות λ";
    LambdaHelp => "Above 0, each surprise also updates the moves that led here, fading by γλ a move back.", "מעל 0, כל הפתעה מעדכנת גם את הצעדים שהובילו לכאן, בדעיכה של γλ לכל צעד אחורה.";
    TracesLabel => "Trace on a visit", "עקבה בביקור";
    TracesHelp => "Replacing sets the trace to 1; accumulating adds 1 (it can overshoot).", "החלפה מציבה את העקבה ל-1; צבירה מוסיפה 1 (ועלולה להגזים).";
    TracesReplacing => "Replacing", "החלפה";
    TracesAccumulating => "Accumulating", "צבירה";
    PlanningLabel => "Replays per move (Dyna-Q)", "שחזורים לכל צעד (Dyna-Q)";
    PlanningHelp => "After each real move the agent replays this many remembered moves: learning without walking. 0 is plain Q-learning.", "אחרי כל צעד אמיתי הסוכן משחזר כמה צעדים שהוא זוכר: למידה בלי ללכת. 0 הוא Q-learning רגיל.";
    EpisodesLabel => "Episodes", "אפיזודות";
    EpisodesHelp => "The run stops after this many episodes.", "ההרצה נעצרת אחרי מספר האפיזודות הזה.";
    MaxMovesLabel => "Moves before an episode is cut", "צעדים עד שאפיזודה נקטעת";
    MaxMovesHelp => "An agent lost in the maze starts again after this many moves.", "סוכן שאבד במבוך מתחיל מחדש אחרי מספר הצעדים הזה.";
    SeedHelp => "The same seed gives the same random moves and slips: the run repeats exactly.", "אותו זרע נותן את אותם צעדים אקראיים ואותן החלקות: ההרצה חוזרת בדיוק.";
    NewRun => "Another run", "הרצה אחרת";

    CurvesTitle => "Episode by episode", "אפיזודה אחר אפיזודה";
    ReturnName => "return (rewards summed)", "תגמול מצטבר";
    MovesName => "moves in the episode", "צעדים באפיזודה";
    GapName => "gap to the optimum", "הפער מהאופטימום";
    AxisEpisode => "episode", "אפיזודה";
    AxisReturn => "return", "תגמול מצטבר";
    AxisMoves => "moves", "צעדים";
    AxisGap => "gap (value lost)", "פער (ערך שהולך לאיבוד)";
    CurvesHelp => "The gap is how much less the greedy policy (following the arrows) is worth from the start than the best possible, computed exactly with the model: 0 means the arrows found an optimal way, even if exploration still makes the walks long.",
                  "הפער הוא בכמה פחות שווה מההתחלה המדיניות החמדנית (ללכת לפי החצים) מהטובה ביותר האפשרית, מחושב במדויק בעזרת המודל: 0 אומר שהחצים מצאו דרך אופטימלית, גם אם החקירה עדיין מאריכה את ההליכות.";

    PlanTitle => "Planning with the rules (dynamic programming)", "תכנון עם החוקים (תכנות דינמי)";
    PlanHelp => "Knowing every move's outcome, the values follow without a single step: each sweep sets every cell to what its moves earn plus γ times where they lead. Start from the random policy, evaluate it, improve it, repeat — or let value iteration do both at once.",
                "כשידועה התוצאה של כל צעד, הערכים נובעים בלי לעשות אף צעד: כל מעבר קובע לכל תא את מה שהצעדים שלו מרוויחים ועוד γ כפול הערך של המקום שאליו הם מובילים. מתחילים מהמדיניות האקראית, מעריכים אותה, משפרים אותה, וחוזרים — או נותנים לאיטרציית הערכים לעשות את שניהם בבת אחת.";
    Evaluate => "Evaluate: one sweep", "הערכה: מעבר אחד";
    Improve => "Improve the policy", "שיפור המדיניות";
    Iterate => "Value iteration: one sweep", "איטרציית ערכים: מעבר אחד";
    Solve => "Solve", "פתרון";
    PlanReset => "Back to the random policy", "חזרה למדיניות האקראית";
    Sweeps => "Sweeps", "מעברים";
    Improvements => "Improvements", "שיפורים";
    Change => "Largest change", "השינוי הגדול ביותר";
    StartValue => "Value of the start", "הערך של ההתחלה";
    PlanGrid => "Values of the cells (numbers) and the policy (arrows)", "ערכי התאים (מספרים) והמדיניות (חצים)";

    BanditTitle => "Warm-up: the multi-armed bandit", "חימום: השודד רב-הזרועות";
    BanditHelp => "One state, several slot machines, each paying around its own hidden average. Which arm next? Three players pull the same 200 machines with the same luck: pure greed (always the best-looking arm), ε-greedy (a random arm ε of the time) and UCB (the arm that could still be best: its average plus c·√(ln t / pulls)).",
                  "מצב אחד, כמה מכונות מזל, וכל אחת משלמת סביב ממוצע נסתר משלה. באיזו זרוע למשוך עכשיו? שלושה שחקנים מושכים באותן 200 מכונות עם אותו מזל: חמדנות טהורה (תמיד הזרוע שנראית הכי טובה), ε-חמדני (זרוע אקראית ב-ε מהפעמים) ו-UCB (הזרוע שעוד עשויה להיות הטובה ביותר: הממוצע שלה ועוד c·√(ln t / מספר המשיכות)).";
    BanditRun => "Pull 1,000 times", "למשוך 1,000 פעמים";
    ArmsLabel => "Arms", "זרועות";
    ArmsHelp => "Slot machines in each bandit (their averages drawn at random).", "מספר מכונות המזל בכל שודד (הממוצעים שלהן מוגרלים).";
    BanditEpsilonLabel => "ε of the ε-greedy player", "ה-ε של השחקן ה-ε-חמדני";
    BanditEpsilonHelp => "How often it pulls a random arm.", "באיזו תדירות הוא מושך בזרוע אקראית.";
    UcbLabel => "UCB's exploration c", "החקירה c של UCB";
    UcbHelp => "How much doubt counts: a larger c tries the little-pulled arms longer.", "כמה הספק נחשב: c גדול יותר ממשיך לנסות יותר זמן זרועות שמשכו בהן מעט.";
    Greedy => "greedy (ε = 0)", "חמדני (ε = 0)";
    EpsilonGreedy => "ε-greedy (ε = {})", "ε-חמדני (ε = {})";
    Ucb => "UCB (c = {})", "UCB‏ (c = {})";
    AxisPull => "pull", "משיכה";
    AxisRegret => "regret (average)", "חרטה (ממוצע)";
    AxisBestShare => "best arm pulled (%)", "משיכה בזרוע הטובה (%)";
    Player => "player", "שחקן";
    RegretCol => "regret", "חרטה";
    BestCol => "best arm, last pull", "הזרוע הטובה, במשיכה האחרונה";
    PullsMade => "{} of {} pulls, on each of {} bandits.", "{} מתוך {} משיכות, בכל אחד מ-{} השודדים.";
    BanditLesson => "Regret is what the pulls cost against always pulling the best arm. Greed settles on the first arm that looks good and its regret grows without end; ε-greedy keeps paying for its random pulls; UCB explores where it is unsure and its regret flattens.",
                    "חרטה היא כמה המשיכות עלו לעומת משיכה קבועה בזרוע הטובה ביותר. החמדן נתקע בזרוע הראשונה שנראית טוב והחרטה שלו גדלה בלי סוף; ה-ε-חמדני ממשיך לשלם על המשיכות האקראיות שלו; UCB חוקר היכן שהוא לא בטוח, והחרטה שלו מתיישרת.";

    ExploreTitle => "Explore or exploit", "לחקור או לנצל";
    ExploreHelp => "Try each, then press Play:", "נסו כל אחד, ואז לחצו על הפעלה:";
    TryGreedy => "ε = 0: always the best known move", "ε = 0: תמיד הצעד הטוב ביותר שידוע";
    TryGreedyText => "A corridor with a small goal (+0.3) three cells to the left and a large one (+1) five to the right. The greedy agent keeps walking to whichever it found first — here the small one — and the gap to the optimum never closes.",
                     "מסדרון עם מטרה קטנה (‎+0.3) שלושה תאים שמאלה ומטרה גדולה (‎+1) חמישה תאים ימינה. הסוכן החמדן ממשיך ללכת למטרה שמצא ראשונה — כאן הקטנה — והפער מהאופטימום לא נסגר.";
    TryRandom => "ε = 1: never exploits", "ε = 1: אף פעם לא מנצל";
    TryRandomText => "Every walk is random, so the returns stay poor — yet Q-learning's arrows point to the large goal: it learns about the best moves while making others.",
                    "כל הליכה אקראית, ולכן התגמולים נשארים נמוכים — ובכל זאת החצים של Q-learning מצביעים על המטרה הגדולה: הוא לומד על הצעדים הטובים ביותר בזמן שהוא עושה צעדים אחרים.";
    TryDecay => "ε from 1, ×0.98 an episode: explore first, then exploit", "ε מ-1, ‏×0.98 בכל אפיזודה: קודם לחקור, אחר כך לנצל";
    TryDecayText => "Random at first, greedier each episode: it finds the large goal while exploring, then walks there — the return climbs to +1.",
                   "אקראי בהתחלה, חמדני יותר בכל אפיזודה: הוא מוצא את המטרה הגדולה בזמן שהוא חוקר, ואחר כך הולך אליה — התגמול המצטבר עולה ל-‎+1.";
    TryCliffQ => "Cliff walk, Q-learning", "הליכה על הצוק, Q-learning";
    TryCliffSarsa => "Cliff walk, SARSA", "הליכה על הצוק, SARSA";
    TryCliffText => "Q-learning learns the shortest path along the edge and keeps falling off while exploring; SARSA learns a longer, safe path and earns more per episode (Sutton & Barto, Example 6.6).",
                    "Q-learning לומד את המסלול הקצר ביותר לאורך השפה וממשיך ליפול בזמן שהוא חוקר; SARSA לומד מסלול ארוך ובטוח יותר ומרוויח יותר בכל אפיזודה (סאטון וברטו, דוגמה 6.6).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        crate::i18n::check_table(RL::ALL, &[RL::Ucb]);
    }
}
