//! # The small world the language lab's corpus talks about
//!
//! Every fact the generated corpus states or asks, with its right answer, in English and in
//! Hebrew, and the sentences that say it:
//!
//! | relation | facts | a question (English / Hebrew) | answer |
//! |---|---|---|---|
//! | `capital` | 16 real countries | What is the capital of France? / מהי בירת צרפת? | Paris / פריז |
//! | `language` | the same 16 | What language is spoken in France? / איזו שפה מדברים בצרפת? | French / צרפתית |
//! | `continent` | the same 16 | On which continent is France? / באיזו יבשת נמצאת צרפת? | Europe / אירופה |
//! | `colour` | 16 things | What colour is the sky? / מה הצבע של השמיים? | blue / כחול |
//! | `family` | 42 relations in an invented family of 12 | Who is the mother of Lily? / מי האמא של שירה? | Anna / חנה |
//! | `sum` | 81 sums `a + b`, `a, b ∈ 1…9` | What is 2 + 3? / כמה זה 2 + 3? | 5 |
//!
//! A country is the subject of three relations, so its **listed** form — `France → Paris.`,
//! only the subject and the answer, as in a table — does not say which one is meant: alone,
//! `France →` may ask for Paris, French or Europe; after a few lines of capitals it asks for the
//! capital. That is what a few-shot prompt is for ([`super::corpus`]'s list runs and prompts).
//!
//! Each fact has several **question wordings** (wording 0 is the one the prompts ask with,
//! wording 1 the "other wording") and several **statements** ("Paris is the capital of
//! France."). The family's facts are *derived* from one tree (parents, spouses, genders), so they
//! are consistent; a relation is kept only when its answer is unique in the tree (Lily has two
//! brothers, so "Lily's brother" is never asked).
//!
//! **Held out of the question form**: about a quarter of each relation — capitals, colours and
//! family facts at an index `i % 4 == HELD_OUT_REMAINDER` of their list, and the sums `a + b`
//! with `a > b` and `a − b` odd (their mirror `b + a` is asked, and every answer value still
//! occurs in the Q/A form). The corpus *states* those facts but never asks them in the Q/A form,
//! so a model that answers them must combine what it read in a statement with the question
//! format it learnt on other facts. `docs/LANGUAGE-CORPUS.md` lists them.
//!
//! The spelling words: [`spelling_words`] trains, [`held_out_words`] never appear anywhere in
//! the generated text (the "think first" measurement asks about them).

use super::corpus::Language;
use crate::shared::slug_enum;

slug_enum! {
    /// What a fact relates (see the module docs).
    pub enum Relation {
        Capital => "capital",
        /// The language spoken in a country (the same countries as the capitals).
        Speech => "language",
        /// The continent a country is on.
        Continent => "continent",
        Colour => "colour",
        Family => "family",
        Sum => "sum",
    }
}

impl Relation {
    /// A relation whose subject is a country (capital, language, continent): its listed form
    /// `France →` does not say which of the three is meant.
    pub fn is_country(self) -> bool {
        matches!(self, Relation::Capital | Relation::Speech | Relation::Continent)
    }
}

/// Capitals, colours and family facts at `i % 4 == HELD_OUT_REMAINDER` of their relation's list
/// are never asked in the Q/A form (sums: [`sum_held_out`]).
pub const HELD_OUT_REMAINDER: usize = 3;

/// One fact of the world, with the sentences that ask and state it in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub relation: Relation,
    /// What the question is about ("France", "the sky", "Lily's mother", "2 + 3").
    pub subject: String,
    /// The right answer, as the corpus writes it after the answer marker ("Paris", "blue", "5").
    pub answer: String,
    /// The question in its wordings, without the `Q:` marker ("What is the capital of France?").
    pub questions: Vec<String>,
    /// Statements of the fact ("Paris is the capital of France.").
    pub statements: Vec<String>,
    /// Never asked in the Q/A form in the corpus (see the module docs).
    pub held_out: bool,
}

/// The fixed words of the Q/A format in one language.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Markers {
    /// Opens a question: `Q:` / `ש:`.
    pub question: &'static str,
    /// Opens an answer: `A:` / `ת:`.
    pub answer: &'static str,
    /// The "think first" request after a letter-count question.
    pub spell_first: &'static str,
    /// Between a subject and its answer in the listed form: `→`, and `←` in Hebrew (it points
    /// the way the line is read).
    pub arrow: &'static str,
}

/// The Q/A markers of `language`.
pub fn markers(language: Language) -> Markers {
    match language {
        Language::English => Markers { question: "Q:", answer: "A:", spell_first: "Spell it first.", arrow: "→" },
        Language::Hebrew => Markers { question: "ש:", answer: "ת:", spell_first: "אייתו אותה קודם.", arrow: "←" },
    }
}

/// Role lines for a relation ("You are a geography teacher."), wording 0 first.
pub fn roles(language: Language, relation: Relation) -> [&'static str; 3] {
    use Language::*;
    use Relation::*;
    match (language, relation) {
        (English, Capital) => ["You are a geography teacher.", "You are an expert in geography.", "Act as a geography teacher."],
        (English, Speech) => ["You are a language teacher.", "You know the languages of the world.", "Act as a translator."],
        (English, Continent) => ["You have a map of the world.", "You are a traveller who has seen every continent.", "Act as a map maker."],
        (English, Colour) => ["You are an art teacher.", "You are a painter who knows every colour.", "Act as an art teacher."],
        (English, Family) => ["You know the Miller family well.", "You are a friend of the Miller family.", "Act as the Millers' neighbour."],
        (English, Sum) => ["You are a maths teacher.", "You are good at sums.", "Act as a maths teacher."],
        (Hebrew, Capital) => ["אתה מורה לגאוגרפיה.", "את מומחית לגאוגרפיה.", "התפקיד שלך: מורה לגאוגרפיה."],
        (Hebrew, Speech) => ["אתה מורה לשפות.", "את מכירה את השפות של העולם.", "התפקיד שלך: מתרגם."],
        (Hebrew, Continent) => ["יש לך מפה של העולם.", "את מטיילת שראתה כל יבשת.", "התפקיד שלך: משרטט מפות."],
        (Hebrew, Colour) => ["אתה מורה לאמנות.", "את ציירת שמכירה כל צבע.", "התפקיד שלך: מורה לאמנות."],
        (Hebrew, Family) => ["אתה מכיר היטב את משפחת כהן.", "את חברה של משפחת כהן.", "התפקיד שלך: השכן של משפחת כהן."],
        (Hebrew, Sum) => ["אתה מורה למתמטיקה.", "את טובה בחשבון.", "התפקיד שלך: מורה לחשבון."],
    }
}

/// (country, capital) in English and in Hebrew: real pairs.
const CAPITALS: [(&str, &str, &str, &str); 16] = [
    ("France", "Paris", "צרפת", "פריז"),
    ("Spain", "Madrid", "ספרד", "מדריד"),
    ("Italy", "Rome", "איטליה", "רומא"),
    ("Germany", "Berlin", "גרמניה", "ברלין"),
    ("Japan", "Tokyo", "יפן", "טוקיו"),
    ("Egypt", "Cairo", "מצרים", "קהיר"),
    ("Greece", "Athens", "יוון", "אתונה"),
    ("Russia", "Moscow", "רוסיה", "מוסקבה"),
    ("China", "Beijing", "סין", "בייג'ינג"),
    ("Canada", "Ottawa", "קנדה", "אוטווה"),
    ("Kenya", "Nairobi", "קניה", "ניירובי"),
    ("Peru", "Lima", "פרו", "לימה"),
    ("Norway", "Oslo", "נורווגיה", "אוסלו"),
    ("Poland", "Warsaw", "פולין", "ורשה"),
    ("Portugal", "Lisbon", "פורטוגל", "ליסבון"),
    ("Austria", "Vienna", "אוסטריה", "וינה"),
];

/// (thing, colour) in English; (thing with its article, the colour's name, the adjective
/// agreeing with the thing) in Hebrew.
const COLOURS: [(&str, &str, &str, &str, &str); 16] = [
    ("the sky", "blue", "השמיים", "כחול", "כחולים"),
    ("grass", "green", "הדשא", "ירוק", "ירוק"),
    ("snow", "white", "השלג", "לבן", "לבן"),
    ("coal", "black", "הפחם", "שחור", "שחור"),
    ("blood", "red", "הדם", "אדום", "אדום"),
    ("a lemon", "yellow", "הלימון", "צהוב", "צהוב"),
    ("a carrot", "orange", "הגזר", "כתום", "כתום"),
    ("milk", "white", "החלב", "לבן", "לבן"),
    ("chocolate", "brown", "השוקולד", "חום", "חום"),
    ("the sea", "blue", "הים", "כחול", "כחול"),
    ("a leaf", "green", "העלה", "ירוק", "ירוק"),
    ("a tomato", "red", "העגבנייה", "אדום", "אדומה"),
    ("a crow", "black", "העורב", "שחור", "שחור"),
    ("the sun", "yellow", "השמש", "צהוב", "צהובה"),
    ("a flamingo", "pink", "הפלמינגו", "ורוד", "ורוד"),
    ("an elephant", "grey", "הפיל", "אפור", "אפור"),
];

/// (language, continent) of each country of [`CAPITALS`], in order, in English and in Hebrew.
/// Canada: English (its larger language); Russia: Europe (its capital's continent); Canada and
/// Peru: America, one continent as Hebrew counts them (one word in both languages).
const COUNTRY_FACTS: [(&str, &str, &str, &str); 16] = [
    ("French", "Europe", "צרפתית", "אירופה"),
    ("Spanish", "Europe", "ספרדית", "אירופה"),
    ("Italian", "Europe", "איטלקית", "אירופה"),
    ("German", "Europe", "גרמנית", "אירופה"),
    ("Japanese", "Asia", "יפנית", "אסיה"),
    ("Arabic", "Africa", "ערבית", "אפריקה"),
    ("Greek", "Europe", "יוונית", "אירופה"),
    ("Russian", "Europe", "רוסית", "אירופה"),
    ("Chinese", "Asia", "סינית", "אסיה"),
    ("English", "America", "אנגלית", "אמריקה"),
    ("Swahili", "Africa", "סווהילית", "אפריקה"),
    ("Spanish", "America", "ספרדית", "אמריקה"),
    ("Norwegian", "Europe", "נורווגית", "אירופה"),
    ("Polish", "Europe", "פולנית", "אירופה"),
    ("Portuguese", "Europe", "פורטוגזית", "אירופה"),
    ("German", "Europe", "גרמנית", "אירופה"),
];

/// A member of the invented family: names, gender, parents and spouse (indices in [`FAMILY`]).
struct Person {
    english: &'static str,
    hebrew: &'static str,
    female: bool,
    parents: Option<(usize, usize)>,
    spouse: Option<usize>,
}

/// George and Mary have Anna, David and Clara; Anna and Tom have Lily, Sam and Ben; David and
/// Ruth have Noah and Emma. Tom and Ruth married in (their parents are not in the tree).
const FAMILY: [Person; 12] = [
    Person { english: "George", hebrew: "יוסף", female: false, parents: None, spouse: Some(1) },
    Person { english: "Mary", hebrew: "מרים", female: true, parents: None, spouse: Some(0) },
    Person { english: "Anna", hebrew: "חנה", female: true, parents: Some((0, 1)), spouse: Some(3) },
    Person { english: "Tom", hebrew: "תומר", female: false, parents: None, spouse: Some(2) },
    Person { english: "David", hebrew: "דוד", female: false, parents: Some((0, 1)), spouse: Some(5) },
    Person { english: "Ruth", hebrew: "רות", female: true, parents: None, spouse: Some(4) },
    Person { english: "Clara", hebrew: "תמר", female: true, parents: Some((0, 1)), spouse: None },
    Person { english: "Lily", hebrew: "שירה", female: true, parents: Some((2, 3)), spouse: None },
    Person { english: "Sam", hebrew: "איתי", female: false, parents: Some((2, 3)), spouse: None },
    Person { english: "Ben", hebrew: "עומר", female: false, parents: Some((2, 3)), spouse: None },
    Person { english: "Noah", hebrew: "נועם", female: false, parents: Some((4, 5)), spouse: None },
    Person { english: "Emma", hebrew: "מאיה", female: true, parents: Some((4, 5)), spouse: None },
];

/// A family relation; its answer's gender is fixed (a mother is a woman).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kin {
    Mother,
    Father,
    Sister,
    Brother,
    Grandmother,
    Grandfather,
    Wife,
    Husband,
}

impl Kin {
    const ALL: [Kin; 8] =
        [Kin::Mother, Kin::Father, Kin::Sister, Kin::Brother, Kin::Grandmother, Kin::Grandfather, Kin::Wife, Kin::Husband];

    fn english(self) -> &'static str {
        match self {
            Kin::Mother => "mother",
            Kin::Father => "father",
            Kin::Sister => "sister",
            Kin::Brother => "brother",
            Kin::Grandmother => "grandmother",
            Kin::Grandfather => "grandfather",
            Kin::Wife => "wife",
            Kin::Husband => "husband",
        }
    }

    /// The Hebrew noun phrase before "של x" with its article, and after the preposition ל־
    /// (where the article's ה drops): "האמא של" / "לאמא של". A wife and a husband take the
    /// possessive suffix ("אשתו של דוד"), which needs no article.
    fn hebrew(self) -> (&'static str, &'static str) {
        match self {
            Kin::Mother => ("האמא של", "לאמא של"),
            Kin::Father => ("האבא של", "לאבא של"),
            Kin::Sister => ("האחות של", "לאחות של"),
            Kin::Brother => ("האח של", "לאח של"),
            Kin::Grandmother => ("הסבתא של", "לסבתא של"),
            Kin::Grandfather => ("הסבא של", "לסבא של"),
            Kin::Wife => ("אשתו של", "לאשתו של"),
            Kin::Husband => ("בעלה של", "לבעלה של"),
        }
    }

    fn female(self) -> bool {
        matches!(self, Kin::Mother | Kin::Sister | Kin::Grandmother | Kin::Wife)
    }

    /// Everyone in the tree who is this relation of person `x`.
    fn of(self, x: usize) -> Vec<usize> {
        let parents = |p: usize| FAMILY[p].parents.map(|(a, b)| vec![a, b]).unwrap_or_default();
        let siblings = |p: usize| -> Vec<usize> {
            match FAMILY[p].parents {
                Some(pp) => (0..FAMILY.len()).filter(|&s| s != p && FAMILY[s].parents == Some(pp)).collect(),
                None => Vec::new(),
            }
        };
        let people = match self {
            Kin::Mother | Kin::Father => parents(x),
            Kin::Sister | Kin::Brother => siblings(x),
            Kin::Grandmother | Kin::Grandfather => parents(x).into_iter().flat_map(parents).collect(),
            Kin::Wife | Kin::Husband => FAMILY[x].spouse.into_iter().collect(),
        };
        people.into_iter().filter(|&p| FAMILY[p].female == self.female()).collect()
    }
}

/// Every fact of the world in `language`, relation by relation in [`Relation::ALL`] order,
/// each relation's facts in a fixed order (the held-out rule counts in it).
pub fn facts(language: Language) -> Vec<Fact> {
    let mut all = Vec::new();
    for relation in Relation::ALL {
        let start = all.len();
        match relation {
            Relation::Capital => all.extend(CAPITALS.iter().map(|&c| capital(language, c))),
            Relation::Speech => all.extend(CAPITALS.iter().zip(&COUNTRY_FACTS).map(|(&c, &f)| speech(language, c, f))),
            Relation::Continent => all.extend(CAPITALS.iter().zip(&COUNTRY_FACTS).map(|(&c, &f)| continent(language, c, f))),
            Relation::Colour => all.extend(COLOURS.iter().map(|&c| colour(language, c))),
            Relation::Family => all.extend(family(language)),
            Relation::Sum => {
                for a in 1..=9u32 {
                    for b in 1..=9u32 {
                        all.push(Fact { held_out: sum_held_out(a, b), ..sum(language, a, b) });
                    }
                }
            }
        }
        if relation != Relation::Sum {
            for (i, fact) in all[start..].iter_mut().enumerate() {
                fact.held_out = i % 4 == HELD_OUT_REMAINDER;
            }
        }
    }
    all
}

fn fact(relation: Relation, subject: String, answer: &str, questions: Vec<String>, statements: Vec<String>) -> Fact {
    Fact { relation, subject, answer: answer.to_string(), questions, statements, held_out: false }
}

/// `s` with its first character upper-cased (a sentence that starts with "the sky"). ASCII
/// only: the English sentences start with a Latin letter and Hebrew has no case — and the
/// whole of Unicode's case table would add 5 KB to the language lab's download.
fn capitalised(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

fn capital(language: Language, (country, city, country_he, city_he): (&str, &str, &str, &str)) -> Fact {
    match language {
        Language::English => fact(
            Relation::Capital,
            country.into(),
            city,
            vec![
                format!("What is the capital of {country}?"),
                format!("Which city is the capital of {country}?"),
                format!("Name the capital of {country}."),
            ],
            vec![format!("{city} is the capital of {country}."), format!("The capital of {country} is {city}.")],
        ),
        Language::Hebrew => fact(
            Relation::Capital,
            country_he.into(),
            city_he,
            vec![
                format!("מהי בירת {country_he}?"),
                format!("איזו עיר היא בירת {country_he}?"),
                format!("מה עיר הבירה של {country_he}?"),
            ],
            vec![format!("{city_he} היא בירת {country_he}."), format!("בירת {country_he} היא {city_he}.")],
        ),
    }
}

fn speech(language: Language, (country, _, country_he, _): (&str, &str, &str, &str), (spoken, _, spoken_he, _): (&str, &str, &str, &str)) -> Fact {
    match language {
        Language::English => fact(
            Relation::Speech,
            country.into(),
            spoken,
            vec![
                format!("What language is spoken in {country}?"),
                format!("Which language do people speak in {country}?"),
                format!("What is the language of {country}?"),
            ],
            vec![format!("In {country} people speak {spoken}."), format!("The language of {country} is {spoken}.")],
        ),
        Language::Hebrew => fact(
            Relation::Speech,
            country_he.into(),
            spoken_he,
            vec![
                format!("איזו שפה מדברים ב{country_he}?"),
                format!("באיזו שפה מדברים ב{country_he}?"),
                format!("מהי השפה של {country_he}?"),
            ],
            vec![format!("ב{country_he} מדברים {spoken_he}."), format!("השפה של {country_he} היא {spoken_he}.")],
        ),
    }
}

fn continent(language: Language, (country, _, country_he, _): (&str, &str, &str, &str), (_, on, _, on_he): (&str, &str, &str, &str)) -> Fact {
    match language {
        Language::English => fact(
            Relation::Continent,
            country.into(),
            on,
            vec![
                format!("On which continent is {country}?"),
                format!("Which continent is {country} in?"),
                format!("What is the continent of {country}?"),
            ],
            vec![format!("{country} is in {on}."), format!("The continent of {country} is {on}.")],
        ),
        Language::Hebrew => fact(
            Relation::Continent,
            country_he.into(),
            on_he,
            vec![
                format!("באיזו יבשת נמצאת {country_he}?"),
                format!("באיזו יבשת {country_he}?"),
                format!("מהי היבשת של {country_he}?"),
            ],
            vec![format!("{country_he} נמצאת ב{on_he}."), format!("היבשת של {country_he} היא {on_he}.")],
        ),
    }
}

fn colour(language: Language, (thing, name, thing_he, name_he, adjective_he): (&str, &str, &str, &str, &str)) -> Fact {
    match language {
        Language::English => fact(
            Relation::Colour,
            thing.into(),
            name,
            vec![
                format!("What colour is {thing}?"),
                format!("What is the colour of {thing}?"),
                format!("Which colour does {thing} have?"),
            ],
            vec![format!("{} is {name}.", capitalised(thing)), format!("The colour of {thing} is {name}.")],
        ),
        Language::Hebrew => fact(
            Relation::Colour,
            thing_he.into(),
            name_he,
            vec![
                format!("מה הצבע של {thing_he}?"),
                format!("באיזה צבע {thing_he}?"),
                format!("איזה צבע יש ל{}?", thing_he.strip_prefix('ה').unwrap_or(thing_he)),
            ],
            vec![format!("{thing_he} {adjective_he}."), format!("הצבע של {thing_he} הוא {name_he}.")],
        ),
    }
}

fn family(language: Language) -> Vec<Fact> {
    let mut out = Vec::new();
    for kin in Kin::ALL {
        for (x, person) in FAMILY.iter().enumerate() {
            let answer = match kin.of(x)[..] {
                [only] => only,
                _ => continue, // none, or not unique: never asked
            };
            let (name, answer) = match language {
                Language::English => (person.english, FAMILY[answer].english),
                Language::Hebrew => (person.hebrew, FAMILY[answer].hebrew),
            };
            out.push(match language {
                Language::English => {
                    let k = kin.english();
                    fact(
                        Relation::Family,
                        format!("{name}'s {k}"),
                        answer,
                        vec![
                            format!("Who is the {k} of {name}?"),
                            format!("Who is {name}'s {k}?"),
                            format!("What is the name of {name}'s {k}?"),
                        ],
                        vec![format!("{answer} is the {k} of {name}."), format!("{name}'s {k} is {answer}.")],
                    )
                }
                Language::Hebrew => {
                    let (the, to_the) = kin.hebrew();
                    let copula = if kin.female() { "היא" } else { "הוא" };
                    fact(
                        Relation::Family,
                        format!("{the} {name}"),
                        answer,
                        vec![
                            format!("מי {the} {name}?"),
                            format!("איך קוראים {to_the} {name}?"),
                            format!("מה השם של {the} {name}?"),
                        ],
                        vec![format!("{answer} {copula} {the} {name}."), format!("{the} {name} {copula} {answer}.")],
                    )
                }
            });
        }
    }
    out
}

/// Whether the sum `a + b` is held out of the Q/A form: when `a > b` and `a − b` is odd — 20
/// of the 81 sums, each one's mirror `b + a` asked. (Counting every fourth sum in order would
/// have held out exactly the sums equal to 5, 9, 13 and 17, so the Q/A form would never have
/// had those answers.)
pub fn sum_held_out(a: u32, b: u32) -> bool {
    a > b && (a - b) % 2 == 1
}

fn sum(language: Language, a: u32, b: u32) -> Fact {
    let c = (a + b).to_string();
    match language {
        Language::English => fact(
            Relation::Sum,
            format!("{a} + {b}"),
            &c,
            vec![
                format!("What is {a} + {b}?"),
                format!("How much is {a} plus {b}?"),
                format!("What do you get when you add {a} and {b}?"),
            ],
            vec![format!("{a} + {b} = {c}."), format!("{a} plus {b} is {c}.")],
        ),
        Language::Hebrew => fact(
            Relation::Sum,
            format!("{a} + {b}"),
            &c,
            vec![format!("כמה זה {a} + {b}?"), format!("כמה זה {a} ועוד {b}?"), format!("מה התוצאה של {a} + {b}?")],
            vec![format!("{a} + {b} = {c}."), format!("{a} ועוד {b} שווה {c}.")],
        ),
    }
}

/// Words the corpus spells out and counts letters in.
pub fn spelling_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => &[
            "apple", "cherry", "lemon", "orange", "tomato", "potato", "carrot", "pepper", "coffee", "letter", "balloon",
            "bottle", "rabbit", "kitten", "puppy", "summer", "winter", "yellow", "purple", "butter", "cookie", "success",
            "address", "grass", "glass", "hello", "little", "middle", "paper", "river", "sister", "teacher", "garden",
            "window", "school", "street", "green", "sheep", "queen", "papaya", "llama", "giraffe", "zebra", "arrow", "error",
            "berry", "ferry", "sorry", "hurry", "barrel", "correct", "horror", "narrow", "sparrow", "cotton", "pillow",
            "dinner", "happy", "mammal", "bubble", "puzzle", "tennis",
        ],
        Language::Hebrew => &[
            "תפוח", "בננה", "אבטיח", "מלפפון", "עגבנייה", "ספרים", "ממתק", "מחברת", "אננס", "סבתא", "אבא", "אמא", "ילדה",
            "משפחה", "תלמידה", "מטוס", "רכבת", "שמש", "ירח", "כוכב", "חתול", "כלב", "פרפר", "גלגל", "שרשרת", "ממלכה",
            "מדבר", "מגדל", "דבורה", "ארנב", "חלון", "דלת", "ספר", "בית", "עפרון", "מחשב", "שוקולד", "גזר", "לימון", "תפוז",
            "ענב", "קלמר", "תרנגול", "צפרדע", "שעון", "כדור", "גמל", "פיל", "נמר", "אריה", "זברה", "סוכרייה",
        ],
    }
}

/// Words that never appear in the generated text: the letter-count questions about them
/// measure whether a model counts, not whether it remembers.
pub fn held_out_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => &[
            "strawberry", "raspberry", "banana", "mirror", "parrot", "committee", "cinnamon", "bookkeeper", "pineapple",
            "umbrella", "tomorrow", "assessment",
        ],
        Language::Hebrew => &["תות", "דובדבן", "תוכי", "מטרייה", "מראה", "פלפל", "סלסלה", "קקטוס", "ממטרה", "תרמיל", "אגס", "נדנדה"],
    }
}

/// Hebrew final letters and the letter each one is a form of (ך is כ at the end of a word).
const FINAL_FORMS: [(char, char); 5] = [('ך', 'כ'), ('ם', 'מ'), ('ן', 'נ'), ('ף', 'פ'), ('ץ', 'צ')];

/// The letters worth asking about in `word`: its distinct letters in order of first
/// appearance, except a Hebrew final form, and except a letter whose final form the word also
/// holds (so "how many מ in ממתק" never depends on whether ם counts as מ).
pub fn askable_letters(word: &str) -> Vec<char> {
    let mut letters: Vec<char> = Vec::new();
    for c in word.chars() {
        let is_final = FINAL_FORMS.iter().any(|&(f, _)| f == c);
        let has_final = FINAL_FORMS.iter().any(|&(f, base)| base == c && word.contains(f));
        if !is_final && !has_final && !letters.contains(&c) {
            letters.push(c);
        }
    }
    letters
}

/// The alphabet letters are drawn from when a question asks about a letter a word lacks.
pub fn alphabet(language: Language) -> Vec<char> {
    match language {
        Language::English => ('a'..='z').collect(),
        Language::Hebrew => "אבגדהוזחטיכלמנסעפצקרשת".chars().collect(),
    }
}

/// How many times `letter` occurs in `word`.
pub fn letter_count(word: &str, letter: char) -> usize {
    word.chars().filter(|&c| c == letter).count()
}

/// A letter-count question's sentences in one language.
pub struct SpellingSentences {
    /// "How many r's are in cherry?"
    pub question: String,
    /// " c h e r r y." — the word letter by letter, with the space that follows the marker.
    pub spelling: String,
    /// " r:" / " האות ר:" — what precedes the count after a spelling.
    pub count_label: String,
}

/// The sentences that ask how many `letter`s `word` has.
pub fn spelling_sentences(language: Language, word: &str, letter: char) -> SpellingSentences {
    let spaced: Vec<String> = word.chars().map(String::from).collect();
    let spelling = format!(" {}.", spaced.join(" "));
    match language {
        Language::English => SpellingSentences {
            question: format!("How many {letter}'s are in {word}?"),
            spelling,
            count_label: format!(" {letter}:"),
        },
        Language::Hebrew => SpellingSentences {
            question: format!("כמה פעמים מופיעה האות {letter} במילה {word}?"),
            spelling,
            count_label: format!(" האות {letter}:"),
        },
    }
}

/// Genesis 1:1–5 in the King James Version (1611/1769), public domain: one verse a line.
pub const GENESIS_ENGLISH: [&str; 5] = [
    "In the beginning God created the heaven and the earth.",
    "And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters.",
    "And God said, Let there be light: and there was light.",
    "And God saw the light, that it was good: and God divided the light from the darkness.",
    "And God called the light Day, and the darkness he called Night. And the evening and the morning were the first day.",
];

/// Genesis 1:1–5 in the Masoretic text (Leningrad Codex, as the Westminster Leningrad Codex
/// gives it), public domain, without niqqud or cantillation marks: the consonants, the maqaf
/// (־) joining words and the sof pasuq (׃) ending each verse kept as written.
pub const GENESIS_HEBREW: [&str; 5] = [
    "בראשית ברא אלהים את השמים ואת הארץ׃",
    "והארץ היתה תהו ובהו וחשך על־פני תהום ורוח אלהים מרחפת על־פני המים׃",
    "ויאמר אלהים יהי אור ויהי־אור׃",
    "וירא אלהים את־האור כי־טוב ויבדל אלהים בין האור ובין החשך׃",
    "ויקרא אלהים לאור יום ולחשך קרא לילה ויהי־ערב ויהי־בקר יום אחד׃",
];

/// The passage of `language`, one verse a line.
pub fn genesis(language: Language) -> [&'static str; 5] {
    match language {
        Language::English => GENESIS_ENGLISH,
        Language::Hebrew => GENESIS_HEBREW,
    }
}
