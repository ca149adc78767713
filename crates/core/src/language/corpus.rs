//! # The language lab's corpus: a generated small world, or the learner's own text
//!
//! A language model learns `P(next token | the tokens before)` from text. To *measure* what a
//! prompt does we need text whose facts have right answers, so the corpus is generated from a
//! small world ([`super::world`]): capitals, colours, an invented family, single-digit sums,
//! each fact in several wordings, plus letter-by-letter spellings and Genesis 1:1–5 for style.
//!
//! ## What a document is
//!
//! The text is a sequence of **documents**, each one or more lines ending in `\n`:
//!
//! | kind | share | example |
//! |---|---|---|
//! | Q/A run | 30 % | `You are a geography teacher.` (30 % of runs) then 1–4 lines `Q: What is the capital of Spain? A: Madrid.` of the **same relation** in one wording |
//! | list run | 24 % | 4–8 lines `Spain → Madrid.` of the **same relation**: subject and answer only; two runs in three list a country relation |
//! | statements | 20 % | `Paris is the capital of France. The capital of Peru is Lima.` (1–3 of one relation) |
//! | spelling | 26 % | `cherry: c h e r r y. r: 2.` · `Q: How many r's are in cherry? A: 2.` · `Q: How many r's are in cherry? Spell it first. A: c h e r r y. r: 2.` (1–3 lines) |
//! | Genesis 1:1–5 | once | the passage, one verse a line (always in the training part) |
//!
//! Runs of one relation are what can make a few-shot prompt help: in the text, examples of a
//! relation predict that the next answer is of the same kind. In a list run that is the *only*
//! clue — a country is listed with its capital, its language or its continent, and only the
//! lines before say which. A document's relation is drawn in proportion to its number of facts
//! (a list run's six times over for the country relations, `COUNTRY_LIST_WEIGHT`), and facts
//! and words are dealt from shuffled decks (reshuffled when used up), so every fact of a relation
//! recurs about equally often — at the default size every fact is stated at least once in the
//! training text.
//!
//! ## Held out
//!
//! - **Facts**: a quarter of each relation (see [`super::world`]) is stated but never asked in
//!   the Q/A form nor listed.
//! - **Words**: [`world::held_out_words`] never appear in the text (the "think first" test).
//!
//! ## The split
//!
//! By documents: `round(10 % × documents)` drawn at random (stream `SPLIT`) form the
//! validation text, except documents **pinned** to training — Genesis, and each statement
//! document that states some fact for the first time (so every fact is readable in training).
//!
//! ## The prompts measured
//!
//! Every fact becomes a [`Question`] with six prompts ([`PromptVariant`]), each ending in the
//! answer marker or the arrow; the right continuation is `" " + answer + "."`:
//!
//! ```text
//! zero-shot   Q: What is the capital of France? A:
//! few-shot    Q: What is the capital of Peru? A: Lima.   (k = 3 other facts of the relation,
//!             Q: …                                         never held-out ones)
//!             Q: What is the capital of France? A:
//! reworded    Q: Which city is the capital of France? A:
//! role        You are a geography teacher.
//!             Q: What is the capital of France? A:
//! listed      France →                                 (capital? language? continent?)
//! listed few  Peru → Lima.                             (the same 3 examples, listed)
//!             …
//!             France →
//! ```
//!
//! Every held-out word, with every letter worth asking in it (most repeated first) and one letter
//! it lacks, becomes a [`SpellingItem`]; so does every training word once (its most repeated
//! letter), for comparison. An item is asked directly (`… strawberry? A:`, continuation ` 3.`),
//! with the word already spelled (`… strawberry? Spell it first. A: s t r a w b e r r y. r:`,
//! continuation ` 3.`), or with the model to spell it (`… Spell it first. A:`).
//!
//! **Determinism**: the text comes from `Rng::stream(seed, DATA)`, the split from `SPLIT`, the
//! prompts' examples and letters from stream [`PROMPTS_STREAM`]; the same settings give the
//! same bytes.

use super::world::{self, Fact, Relation};
use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;

slug_enum! {
    /// The corpus's language (the page's two).
    pub enum Language {
        English => "en",
        Hebrew => "he",
    }
}

/// Bounds of the number of documents (inclusive).
pub const DOCUMENTS_RANGE: (usize, usize) = (50, 4000);
/// The lab's default: about 170 KB of English text (250 KB in Hebrew's two-byte letters). At
/// 600 documents the transformer beat the bigram only after 21 epochs and overfitted (training
/// perplexity 3.6 against 7.6); at 2,000 it beats it by epoch 10 (docs/LANGUAGE-MODEL.md).
pub const DEFAULT_DOCUMENTS: usize = 2000;
/// Share of the documents that form the validation text.
pub const VALIDATION_SHARE: f64 = 0.1;
/// Examples before the question in a few-shot prompt.
pub const FEW_SHOT_EXAMPLES: usize = 3;
/// Stream id of the prompts' draws (few-shot examples, the letter a word lacks): apart from the
/// text's, so the prompts never move the text.
pub const PROMPTS_STREAM: u64 = 11;
/// Bounds of a pasted text, in characters after cleaning (inclusive).
pub const PASTED_CHARS_RANGE: (usize, usize) = (1_000, 200_000);

slug_enum! {
    /// The ways [`Question`]s are put to the model.
    pub enum PromptVariant {
        ZeroShot => "zero-shot",
        FewShot => "few-shot",
        Reworded => "reworded",
        Role => "role",
        /// Only the subject, listed: `France →` (which relation is meant, the line does not say).
        Listed => "listed",
        /// Listed after a few listed facts of the relation: `Peru → Lima.` … `France →`.
        ListedFewShot => "listed-few-shot",
    }
}

/// A question about one fact, with its prompts.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub relation: Relation,
    /// What it is about ("France").
    pub subject: String,
    /// The right answer ("Paris").
    pub answer: String,
    /// The corpus states this fact but never asks it in the Q/A form.
    pub held_out: bool,
    pub zero_shot: String,
    pub few_shot: String,
    pub reworded: String,
    pub role: String,
    pub listed: String,
    pub listed_few_shot: String,
}

impl Question {
    /// The prompt of `variant`.
    pub fn prompt(&self, variant: PromptVariant) -> &str {
        match variant {
            PromptVariant::ZeroShot => &self.zero_shot,
            PromptVariant::FewShot => &self.few_shot,
            PromptVariant::Reworded => &self.reworded,
            PromptVariant::Role => &self.role,
            PromptVariant::Listed => &self.listed,
            PromptVariant::ListedFewShot => &self.listed_few_shot,
        }
    }

    /// What a right answer continues every prompt with: `" Paris."`.
    pub fn continuation(&self) -> String {
        format!(" {}.", self.answer)
    }
}

/// "How many r's are in strawberry?", asked directly or after spelling the word.
#[derive(Debug, Clone, PartialEq)]
pub struct SpellingItem {
    pub word: String,
    pub letter: char,
    /// The right count.
    pub count: usize,
    /// The word never appears in the corpus.
    pub held_out: bool,
    /// `Q: How many r's are in strawberry? A:`
    pub direct: String,
    /// `Q: How many r's are in strawberry? Spell it first. A:` — what a model continues with
    /// its own spelling.
    pub think_first: String,
    /// `" s t r a w b e r r y."`
    pub spelling: String,
    /// `think_first + spelling + " r:"`: the prompt with the word already spelled.
    pub spelled: String,
}

impl SpellingItem {
    /// What a right answer continues `direct` and `spelled` with: `" 3."`.
    pub fn continuation(&self) -> String {
        format!(" {}.", self.count)
    }
}

/// Text to train on, with the questions that measure prompts (none for a pasted text).
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    /// The generated language, or the script most of a pasted text is in.
    pub language: Language,
    /// Built from the learner's text ([`Corpus::from_text`]).
    pub pasted: bool,
    /// Every document in order.
    pub text: String,
    /// The training documents, in order.
    pub train_text: String,
    /// The validation documents, in order.
    pub validation_text: String,
    /// Documents in `text` (a pasted text counts as one).
    pub documents: usize,
    /// Of which in `validation_text`.
    pub validation_documents: usize,
    pub questions: Vec<Question>,
    pub spelling: Vec<SpellingItem>,
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorpusSpec {
    pub language: Language,
    /// Documents, [`DOCUMENTS_RANGE`]; the text grows about 80 characters per document.
    pub documents: usize,
    pub seed: u64,
}

impl Default for CorpusSpec {
    fn default() -> Self {
        CorpusSpec { language: Language::English, documents: DEFAULT_DOCUMENTS, seed: 1 }
    }
}

/// Items dealt in a shuffled order, reshuffled each time they are used up: every item recurs
/// about equally often, in no fixed order.
struct Deck {
    items: Vec<usize>,
    next: usize,
}

impl Deck {
    fn new(items: Vec<usize>) -> Deck {
        let next = items.len(); // shuffled on the first deal
        Deck { items, next }
    }

    fn deal(&mut self, rng: &mut Rng) -> usize {
        if self.next >= self.items.len() {
            rng.shuffle(&mut self.items);
            self.next = 0;
        }
        self.next += 1;
        self.items.get(self.next - 1).copied().unwrap_or(0)
    }
}

/// An index drawn with probability proportional to its weight (0 when every weight is 0).
fn weighted(weights: impl Iterator<Item = usize> + Clone, rng: &mut Rng) -> usize {
    let mut u = rng.below(weights.clone().sum());
    for (i, w) in weights.enumerate() {
        if u < w {
            return i;
        }
        u -= w;
    }
    0
}

/// A letter `word` lacks (and whose final form it lacks too), drawn from the alphabet.
fn absent_letter(language: Language, word: &str, rng: &mut Rng) -> char {
    let askable_if_present = world::askable_letters(&format!("{word}{}", world::alphabet(language).iter().collect::<String>()));
    let absent: Vec<char> = askable_if_present.into_iter().filter(|&c| !word.contains(c)).collect();
    absent.get(rng.below(absent.len())).copied().unwrap_or('z')
}

impl CorpusSpec {
    /// Errors: `"documents"` out of [`DOCUMENTS_RANGE`].
    pub fn validate(&self) -> Result<(), ParamError> {
        let (lo, hi) = DOCUMENTS_RANGE;
        ParamError::check_range("documents", lo as f64, hi as f64, self.documents as f64)
    }

    /// Generates the corpus (see the module docs).
    pub fn generate(&self) -> Result<Corpus, ParamError> {
        self.validate()?;
        let language = self.language;
        let facts = world::facts(language);
        let mut rng = Rng::stream(self.seed, streams::DATA);
        let of = |r: Relation, asked: bool| -> Vec<usize> {
            (0..facts.len()).filter(|&i| facts[i].relation == r && !(asked && facts[i].held_out)).collect()
        };
        let mut asked: Vec<Deck> = Relation::ALL.iter().map(|&r| Deck::new(of(r, true))).collect();
        let mut stated: Vec<Deck> = Relation::ALL.iter().map(|&r| Deck::new(of(r, false))).collect();
        let words = world::spelling_words(language);
        let mut word_deck = Deck::new((0..words.len()).collect());
        let mut ever_stated = vec![false; facts.len()];

        // (text, pinned to training)
        let mut documents: Vec<(String, bool)> = Vec::with_capacity(self.documents);
        documents.push((world::genesis(language).iter().map(|verse| format!("{verse}\n")).collect(), true));
        while documents.len() < self.documents {
            let kind = rng.below(100);
            // A relation in proportion to its facts, so every fact recurs about equally often —
            // except that list runs favour the country relations (`COUNTRY_LIST_WEIGHT`).
            let decks = if kind < QA_SHARE + LIST_SHARE { &asked } else { &stated };
            let is_list = (QA_SHARE..QA_SHARE + LIST_SHARE).contains(&kind);
            let weight = |r: usize| if is_list && Relation::ALL[r].is_country() { COUNTRY_LIST_WEIGHT } else { 1 };
            let relation = weighted(decks.iter().enumerate().map(|(r, d)| d.items.len() * weight(r)), &mut rng);
            let doc = if kind < QA_SHARE {
                (qa_run(language, &facts, &mut asked[relation], relation, &mut rng), false)
            } else if kind < QA_SHARE + LIST_SHARE {
                (list_run(language, &facts, &mut asked[relation], &mut rng), false)
            } else if kind < QA_SHARE + LIST_SHARE + STATEMENT_SHARE {
                let mut pinned = false;
                let mut line = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let f = stated[relation].deal(&mut rng);
                    pinned |= !ever_stated[f];
                    ever_stated[f] = true;
                    let statements = &facts[f].statements;
                    line.push(statements[rng.below(statements.len())].clone());
                }
                (line.join(" ") + "\n", pinned)
            } else {
                let mut text = String::new();
                for _ in 0..1 + rng.below(3) {
                    text += &spelling_line(language, words[word_deck.deal(&mut rng)], &mut rng);
                }
                (text, false)
            };
            documents.push(doc);
        }

        let mut split = Rng::stream(self.seed, streams::SPLIT);
        let mut candidates: Vec<usize> = (0..documents.len()).filter(|&i| !documents[i].1).collect();
        split.shuffle(&mut candidates);
        let wanted = ((documents.len() as f64 * VALIDATION_SHARE).round() as usize).min(candidates.len());
        let mut is_validation = vec![false; documents.len()];
        for &i in &candidates[..wanted] {
            is_validation[i] = true;
        }
        let (mut text, mut train_text, mut validation_text) = (String::new(), String::new(), String::new());
        for (i, (doc, _)) in documents.iter().enumerate() {
            text += doc;
            if is_validation[i] {
                validation_text += doc;
            } else {
                train_text += doc;
            }
        }

        let mut prompts_rng = Rng::stream(self.seed, PROMPTS_STREAM);
        let questions = questions(language, &facts, &mut prompts_rng);
        let spelling = spelling_items(language, &mut prompts_rng);
        Ok(Corpus {
            language,
            pasted: false,
            text,
            train_text,
            validation_text,
            documents: documents.len(),
            validation_documents: wanted,
            questions,
            spelling,
        })
    }
}

/// Shares (in %) of the document kinds; spelling takes the rest. The list runs' share was 16 %
/// (spelling's 34 %) until the listed few-shot prompt was measured: with list runs of 2–5 lines
/// drawn like every other document, three listed examples raised the country questions' mean
/// P only from 0.109 to 0.126 after 20 epochs (docs/LANGUAGE-MODEL.md).
const QA_SHARE: usize = 30;
const LIST_SHARE: usize = 24;
const STATEMENT_SHARE: usize = 20;
/// How much more often a list run lists a country relation (capital, language, continent) than
/// its number of facts alone would make it: the listed form is ambiguous only for a country, so
/// that is where the lines before a line are the lesson. At 6, two list runs in three are of a
/// country relation.
const COUNTRY_LIST_WEIGHT: usize = 6;
/// Lines in a list run, inclusive: from 4, every run has a line read after three examples of its
/// relation — what the listed few-shot prompt gives.
const LIST_RUN_LINES: (usize, usize) = (4, 8);

/// `France → Paris.`: a fact listed, subject and answer only.
fn list_line(language: Language, fact: &Fact) -> String {
    format!("{} {} {}.\n", fact.subject, world::markers(language).arrow, fact.answer)
}

/// A run of 4–8 ([`LIST_RUN_LINES`]) listed facts of one relation, one a line: the lines before
/// a line tell which relation it lists.
fn list_run(language: Language, facts: &[Fact], deck: &mut Deck, rng: &mut Rng) -> String {
    let (fewest, most) = LIST_RUN_LINES;
    (0..fewest + rng.below(most - fewest + 1)).map(|_| list_line(language, &facts[deck.deal(rng)])).collect()
}

/// `Q: question A: answer.` with a fact's wording `wording`.
fn qa_line(language: Language, fact: &Fact, wording: usize) -> String {
    let m = world::markers(language);
    let question = fact.questions.get(wording).or(fact.questions.first()).map_or("", String::as_str);
    format!("{} {question} {} {}.\n", m.question, m.answer, fact.answer)
}

/// A run of 1–4 Q/A lines of one relation in one wording, after a role line 30 % of the time.
fn qa_run(language: Language, facts: &[Fact], deck: &mut Deck, relation: usize, rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.below(10) < 3 {
        let roles = world::roles(language, Relation::ALL[relation]);
        text += roles[rng.below(roles.len())];
        text.push('\n');
    }
    // Wording 0 (the prompts' own) half of the time, 1 and 2 the rest.
    let wording = match rng.below(10) {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    };
    for _ in 0..1 + rng.below(4) {
        text += &qa_line(language, &facts[deck.deal(rng)], wording);
    }
    text
}

/// One letter-count line about `word`: spelled with its count (40 %), asked directly (30 %), or
/// asked with "spell it first" and answered spelling (30 %). The letter is one of the word's
/// (80 %) or one it lacks (20 %, count 0).
fn spelling_line(language: Language, word: &str, rng: &mut Rng) -> String {
    let letters = world::askable_letters(word);
    let letter = if rng.below(10) < 8 && !letters.is_empty() {
        letters[rng.below(letters.len())]
    } else {
        absent_letter(language, word, rng)
    };
    let count = world::letter_count(word, letter);
    let s = world::spelling_sentences(language, word, letter);
    let m = world::markers(language);
    match rng.below(10) {
        0..=3 => format!("{word}:{}{} {count}.\n", s.spelling, s.count_label),
        4..=6 => format!("{} {} {} {count}.\n", m.question, s.question, m.answer),
        _ => format!("{} {} {} {}{}{} {count}.\n", m.question, s.question, m.spell_first, m.answer, s.spelling, s.count_label),
    }
}

/// Every fact as a [`Question`], few-shot examples drawn from other facts of its relation
/// that the corpus asks in the Q/A form.
fn questions(language: Language, facts: &[Fact], rng: &mut Rng) -> Vec<Question> {
    let m = world::markers(language);
    let ask = |fact: &Fact, wording: usize| {
        let q = fact.questions.get(wording).or(fact.questions.first()).map_or("", String::as_str);
        format!("{} {q} {}", m.question, m.answer)
    };
    facts
        .iter()
        .enumerate()
        .map(|(i, fact)| {
            let zero_shot = ask(fact, 0);
            let mut others: Vec<usize> =
                (0..facts.len()).filter(|&j| j != i && facts[j].relation == fact.relation && !facts[j].held_out).collect();
            rng.shuffle(&mut others);
            let mut few_shot: String = others.iter().take(FEW_SHOT_EXAMPLES).map(|&j| qa_line(language, &facts[j], 0)).collect();
            few_shot += &zero_shot;
            let role = format!("{}\n{zero_shot}", world::roles(language, fact.relation)[0]);
            let listed = format!("{} {}", fact.subject, m.arrow);
            let mut listed_few_shot: String = others.iter().take(FEW_SHOT_EXAMPLES).map(|&j| list_line(language, &facts[j])).collect();
            listed_few_shot += &listed;
            Question {
                relation: fact.relation,
                subject: fact.subject.clone(),
                answer: fact.answer.clone(),
                held_out: fact.held_out,
                reworded: ask(fact, 1),
                zero_shot,
                few_shot,
                role,
                listed,
                listed_few_shot,
            }
        })
        .collect()
}

fn spelling_item(language: Language, word: &str, letter: char, held_out: bool) -> SpellingItem {
    let m = world::markers(language);
    let s = world::spelling_sentences(language, word, letter);
    let direct = format!("{} {} {}", m.question, s.question, m.answer);
    let think_first = format!("{} {} {} {}", m.question, s.question, m.spell_first, m.answer);
    let spelled = format!("{think_first}{}{}", s.spelling, s.count_label);
    SpellingItem {
        word: word.to_string(),
        letter,
        count: world::letter_count(word, letter),
        held_out,
        direct,
        think_first,
        spelling: s.spelling,
        spelled,
    }
}

/// Each held-out word with every letter worth asking plus one it lacks; each training word with
/// one letter (its most repeated), to compare words seen with words never seen.
fn spelling_items(language: Language, rng: &mut Rng) -> Vec<SpellingItem> {
    let mut items = Vec::new();
    for &word in world::held_out_words(language) {
        // The most repeated letters first (stable): strawberry's first question is about its r's.
        let mut letters = world::askable_letters(word);
        crate::shared::sort_by_shared(&mut letters, &|&a, &b| world::letter_count(word, b).cmp(&world::letter_count(word, a)));
        for letter in letters {
            items.push(spelling_item(language, word, letter, true));
        }
        items.push(spelling_item(language, word, absent_letter(language, word, rng), true));
    }
    for &word in world::spelling_words(language) {
        let letters = world::askable_letters(word);
        // The most repeated letter, the first of equals.
        let best = letters.iter().copied().rev().max_by_key(|&c| world::letter_count(word, c));
        if let Some(letter) = best {
            items.push(spelling_item(language, word, letter, false));
        }
    }
    items
}

/// Whether `c` is a Hebrew letter (the Unicode block's letters, final forms included).
fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c)
}

impl Corpus {
    /// The default corpus of `language` with `documents` documents and `seed`.
    pub fn generate(language: Language, documents: usize, seed: u64) -> Result<Corpus, ParamError> {
        CorpusSpec { language, documents, seed }.generate()
    }

    /// A corpus from text the learner pasted: no questions, no spelling items.
    ///
    /// Cleaning: line ends `\r\n` and `\r` become `\n`, a tab a space, and every other control
    /// character is dropped; nothing else changes (any Unicode is kept as it is).
    /// The split keeps the text's order: the last ~10 % of its characters, starting at a line
    /// start when there is one in the last 10–20 %, else at a space, are the validation text —
    /// a random choice of lines would put neighbouring, near-identical lines on both sides.
    /// `language` is Hebrew when the text has more Hebrew letters than Latin ones.
    ///
    /// Errors: `"text"` when the cleaned text's character count is outside
    /// [`PASTED_CHARS_RANGE`] or it has fewer non-space characters than the minimum.
    pub fn from_text(pasted: &str) -> Result<Corpus, ParamError> {
        let (lo, hi) = PASTED_CHARS_RANGE;
        // Checked on the raw text first, so a huge paste is refused before it is copied.
        let raw_chars = pasted.chars().count();
        if raw_chars > hi * 2 {
            return Err(ParamError::out_of_range("text", lo as f64, hi as f64, raw_chars as f64));
        }
        let mut clean = String::with_capacity(pasted.len());
        let mut chars = pasted.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    clean.push('\n');
                }
                '\n' => clean.push('\n'),
                '\t' => clean.push(' '),
                c if c.is_control() => {}
                c => clean.push(c),
            }
        }
        let chars: Vec<char> = clean.chars().collect();
        let n = chars.len();
        ParamError::check_range("text", lo as f64, hi as f64, n as f64)?;
        let visible = chars.iter().filter(|c| !c.is_whitespace()).count();
        if visible < lo {
            return Err(ParamError::out_of_range("text", lo as f64, hi as f64, visible as f64));
        }

        // The validation text starts at `cut` (a char index).
        let nominal = n - (n as f64 * VALIDATION_SHARE).round() as usize;
        let earliest = n - (n as f64 * 2.0 * VALIDATION_SHARE).round() as usize;
        let line_start = (earliest..nominal).rev().find(|&i| i > 0 && chars[i - 1] == '\n');
        let space = (nominal..n).find(|&i| chars[i].is_whitespace()).filter(|&i| i + 1 < n).map(|i| i + 1);
        let cut = line_start.or(space).unwrap_or(nominal);
        let train_text: String = chars[..cut].iter().collect();
        let validation_text: String = chars[cut..].iter().collect();

        let hebrew = chars.iter().filter(|&&c| is_hebrew_letter(c)).count();
        let latin = chars.iter().filter(|c| c.is_ascii_alphabetic()).count();
        let language = if hebrew > latin { Language::Hebrew } else { Language::English };
        Ok(Corpus {
            language,
            pasted: true,
            text: clean,
            train_text,
            validation_text,
            documents: 1,
            validation_documents: 0,
            questions: Vec::new(),
            spelling: Vec::new(),
        })
    }

    /// The questions the corpus never asks in the Q/A form.
    pub fn held_out_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.held_out)
    }

    /// The letter-count items about words the corpus never contains.
    pub fn held_out_spelling(&self) -> impl Iterator<Item = &SpellingItem> {
        self.spelling.iter().filter(|s| s.held_out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deck_deals_every_item_once_per_round() {
        let mut rng = Rng::new(3);
        let mut deck = Deck::new((0..7).collect());
        for _ in 0..5 {
            let mut round: Vec<usize> = (0..7).map(|_| deck.deal(&mut rng)).collect();
            round.sort_unstable();
            assert_eq!(round, (0..7).collect::<Vec<_>>());
        }
        assert_eq!(Deck::new(Vec::new()).deal(&mut rng), 0, "an empty deck never panics");
    }

    #[test]
    fn weighted_draws_follow_the_weights() {
        let mut rng = Rng::new(4);
        let weights = [1usize, 0, 3];
        let mut counts = [0usize; 3];
        for _ in 0..8000 {
            counts[weighted(weights.iter().copied(), &mut rng)] += 1;
        }
        // Expected 2000, 0, 6000; a binomial's sd is about 39.
        assert_eq!(counts[1], 0);
        assert!((1800..2200).contains(&counts[0]), "{counts:?}");
        assert_eq!(weighted([0usize, 0].into_iter(), &mut rng), 0);
    }

    #[test]
    fn an_absent_letter_is_absent_in_every_form() {
        let mut rng = Rng::new(5);
        for _ in 0..200 {
            let c = absent_letter(Language::Hebrew, "ספרים", &mut rng);
            assert!(!"ספרים".contains(c) && c != 'מ', "{c}");
            let c = absent_letter(Language::English, "strawberry", &mut rng);
            assert!(!"strawberry".contains(c));
        }
    }
}
