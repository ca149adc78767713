//! # The text a model learns from: the shipped corpus, pasted text, the vocabulary
//!
//! Word2vec learns a word's vector from the words around it, so the corpus decides what the
//! vectors can know. This module makes the text, cuts it into words, counts them, and gives the
//! two distributions the trainer draws from.
//!
//! ## The shipped corpus
//!
//! [`generate`] writes seeded sentences in English or Hebrew that carry five **relations**
//! ([`RelationKind`]): royalty and gender (king : queen), countries and capitals
//! (France : Paris), singular and plural (cat : cats), verb tenses (walk : walked) and opposites
//! (hot : cold). Every word of a pair gets two kinds of sentence:
//!
//! - **attribute** sentences that every pair of its relation shares — "he is a good king",
//!   "she is a good queen", "yesterday we walked to the park" — so `king` and `man` share the
//!   contexts of "he", and `walked` and `swam` those of "yesterday";
//! - **own** sentences that only the two words of its pair share — "the king wears a golden
//!   crown", "the queen wears a golden crown" — so `king` and `queen` share "crown".
//!
//! A word's contexts are then a mixture of its attribute's contexts and its pair's, which is
//! the shape that makes `v(king) − v(man) + v(woman)` land near `v(queen)`: the difference
//! `king − man` keeps "royal" and cancels "male". Opposites are the honest exception: "hot is the
//! opposite of cold" gives no direction shared by every pair (hot − cold has nothing in common
//! with big − small), and the lab shows that those analogies mostly fail.
//!
//! The Hebrew sentences keep the pair words free of the prefixes ה־, ב־, ל־, ו־, מ־ (a
//! tokenizer that splits on spaces would see הַמֶּלֶךְ as a word other than מֶלֶךְ): they use
//! indefinite nouns ("כל מלך לובש כתר של זהב"), proper names and constructions like "תושבי
//! צרפת". No niqqud.
//!
//! The sentences are built round by round: in each round every word of every pair gets one
//! attribute and one own sentence (two attribute sentences where its relation has no own
//! phrases), and every pair one sentence linking its two words ("Paris is the capital of
//! France"); the templates are drawn from `Rng::stream(seed, DATA)` and the whole list is then
//! shuffled. Every relation word therefore appears `3 · rounds` times or more.
//!
//! ## Pasted text
//!
//! [`Text::parse`] takes anything a visitor pastes. Words are runs of letters and digits
//! (Unicode's alphabetic and numeric characters, so Hebrew, Arabic or Cyrillic words survive),
//! lowercased; apostrophes and the Hebrew geresh and gershayim inside a word are dropped
//! (`don't` → `dont`, `צ׳יפס` → `ציפס`), as are niqqud and cantillation marks (U+0591–U+05C7),
//! so a pointed and an unpointed spelling are the same word. A sentence ends at `.`, `!`, `?`,
//! `;`, a line break or `׃`, and is cut every [`MAX_SENTENCE`] words (the trainer processes
//! whole sentences, so a text without punctuation must not become one unbounded unit of work).
//!
//! ## Vocabulary, subsampling, noise
//!
//! [`Vocabulary::build`] keeps the words seen at least `min_count` times, most frequent first
//! (ties in order of first appearance). With `f(w) = count(w) / N` over the `N` kept words:
//!
//! ```text
//! keep(w)  = min(1, (√(f(w)/t) + 1) · t/f(w))      subsampling with threshold t ("sample")
//! P_n(w)   = count(w)^0.75 / Σ_v count(v)^0.75       the noise ("unigram^0.75") distribution
//! ```
//!
//! Subsampling (word2vec.c and gensim's formula) throws away frequent words such as "the" most
//! of the time: they say little about a word, and dropping them also brings farther words
//! inside the window. The 0.75 power flattens the noise distribution, so rare words are drawn
//! as negatives more often than their frequency alone would give.

use std::collections::HashMap;

use crate::error::ParamError;
use crate::rng::{streams, Rng};
use crate::shared::slug_enum;

/// Longest sentence kept whole; longer ones are cut into pieces of this many words.
pub const MAX_SENTENCE: usize = 1000;
/// Longest pasted text accepted, in bytes of UTF-8 (about 300 pages of English).
pub const MAX_TEXT_BYTES: usize = 2_000_000;
/// Fewest words a pasted text needs.
pub const MIN_WORDS: usize = 20;
/// Most rounds of the shipped corpus.
pub const MAX_ROUNDS: usize = 400;

slug_enum! {
    /// The language of the shipped corpus.
    pub enum Language {
        English => "en",
        Hebrew => "he",
    }
}

slug_enum! {
    /// A relation that the shipped corpus carries, the sections of its analogy test.
    pub enum RelationKind {
        /// royalty and family by gender: man : woman, king : queen.
        Gender => "gender",
        /// country : capital, France : Paris.
        Capital => "capital",
        /// singular : plural, cat : cats.
        Plural => "plural",
        /// present : past, walk : walked.
        Tense => "tense",
        /// a scale's two ends, hot : cold.
        Opposite => "opposite",
    }
}

/// The pairs of one relation, `(x, y)` in the order the analogy questions read them
/// (male : female, country : capital, singular : plural, present : past, more : less).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub kind: RelationKind,
    pub pairs: Vec<(String, String)>,
}

/// One analogy question `a : b :: c : d`, asked as `b − a + c` with `d` expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub kind: RelationKind,
    pub a: String,
    pub b: String,
    pub c: String,
    pub expected: String,
}

/// Every question of the relations: each pair `(a, b)` crossed with every other pair `(c, d)`
/// of its relation, `n·(n − 1)` questions for `n` pairs, in relation order.
pub fn analogy_questions(relations: &[Relation]) -> Vec<Question> {
    let mut out = Vec::new();
    for r in relations {
        for (i, (a, b)) in r.pairs.iter().enumerate() {
            for (j, (c, d)) in r.pairs.iter().enumerate() {
                if i != j {
                    out.push(Question { kind: r.kind, a: a.clone(), b: b.clone(), c: c.clone(), expected: d.clone() });
                }
            }
        }
    }
    out
}

/// The questions in the standard analogy-file format (`: section` lines, then `a b c d`), the
/// format gensim's `evaluate_word_analogies` reads.
pub fn questions_file(questions: &[Question]) -> String {
    let mut s = String::new();
    let mut section = None;
    for q in questions {
        if section != Some(q.kind) {
            s.push_str(": ");
            s.push_str(q.kind.slug());
            s.push('\n');
            section = Some(q.kind);
        }
        s.push_str(&format!("{} {} {} {}\n", q.a, q.b, q.c, q.expected));
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

/// A text cut into sentences of words. Words are stored once (`words`, in order of first
/// appearance) and the text as ids into them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    words: Vec<String>,
    index: HashMap<String, u32>,
    tokens: Vec<u32>,
    /// `sentence_ends[i]`: one past the last token of sentence `i`.
    sentence_ends: Vec<usize>,
}

/// Hebrew points and cantillation marks (niqqud, dagesh, shin dot…): dropped inside words.
fn is_hebrew_mark(c: char) -> bool {
    ('\u{0591}'..='\u{05C7}').contains(&c) && !matches!(c, '\u{05BE}' | '\u{05C0}' | '\u{05C3}' | '\u{05C6}')
}

/// Marks that join the two halves of one word: apostrophes, the Hebrew geresh and gershayim.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '׳' | '״' | '"')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '\r' | '׃' | '。' | '؟' | '…')
}

impl Text {
    /// An empty text.
    pub fn new() -> Text {
        Text::default()
    }

    /// Cuts pasted text into sentences and words (see the module docs). Never panics, whatever
    /// the characters.
    ///
    /// Errors: `"text_bytes"` (longer than [`MAX_TEXT_BYTES`]), `"text_words"` (fewer than
    /// [`MIN_WORDS`] words).
    pub fn parse(text: &str) -> Result<Text, ParamError> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(ParamError::out_of_range("text_bytes", 0.0, MAX_TEXT_BYTES as f64, text.len() as f64));
        }
        let mut out = Text::new();
        out.push_text(text);
        if out.word_count() < MIN_WORDS {
            return Err(ParamError::too_few("text_words", MIN_WORDS, out.word_count()));
        }
        Ok(out)
    }

    /// Appends `text`'s sentences (no limits: the generator's own sentences).
    fn push_text(&mut self, text: &str) {
        let mut word = String::new();
        let mut sentence_len = 0usize;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            // Before the letter test: Unicode counts the Hebrew points as alphabetic.
            if is_hebrew_mark(c) {
                continue;
            }
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
                continue;
            }
            // An apostrophe between two letters joins them; anywhere else it is a boundary.
            if is_joiner(c) && !word.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                continue;
            }
            if !word.is_empty() {
                self.push_word(&word, &mut sentence_len);
                word.clear();
            }
            if ends_sentence(c) {
                self.end_sentence(&mut sentence_len);
            }
        }
        if !word.is_empty() {
            self.push_word(&word, &mut sentence_len);
        }
        self.end_sentence(&mut sentence_len);
    }

    fn push_word(&mut self, word: &str, sentence_len: &mut usize) {
        let id = match self.index.get(word) {
            Some(&id) => id,
            None => {
                let id = self.words.len() as u32;
                self.words.push(word.to_string());
                self.index.insert(word.to_string(), id);
                id
            }
        };
        self.tokens.push(id);
        *sentence_len += 1;
        if *sentence_len == MAX_SENTENCE {
            self.end_sentence(sentence_len);
        }
    }

    fn end_sentence(&mut self, sentence_len: &mut usize) {
        if *sentence_len > 0 {
            self.sentence_ends.push(self.tokens.len());
            *sentence_len = 0;
        }
    }

    /// Words in all (with repeats).
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }

    /// Different words.
    pub fn distinct_words(&self) -> usize {
        self.words.len()
    }

    pub fn sentence_count(&self) -> usize {
        self.sentence_ends.len()
    }

    /// Sentence `i` as word ids (empty when out of range).
    pub fn sentence(&self, i: usize) -> &[u32] {
        let Some(&end) = self.sentence_ends.get(i) else { return &[] };
        let start = if i == 0 { 0 } else { self.sentence_ends[i - 1] };
        &self.tokens[start..end]
    }

    /// The word with id `id` (`""` when out of range).
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    /// The id of `word` in this text.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.index.get(word).copied()
    }

    /// Sentence `i` as words joined by spaces.
    pub fn sentence_text(&self, i: usize) -> String {
        self.sentence(i).iter().map(|&t| self.word(t)).collect::<Vec<_>>().join(" ")
    }

    /// One sentence a line, words separated by single spaces: the file gensim reads.
    pub fn to_lines(&self) -> String {
        let mut s = String::with_capacity(self.tokens.len() * 7);
        for i in 0..self.sentence_count() {
            s.push_str(&self.sentence_text(i));
            s.push('\n');
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/// Marks a text word that the vocabulary dropped (seen fewer than `min_count` times).
pub const DROPPED: u32 = u32::MAX;

/// The words kept for training, most frequent first, with their counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Vocabulary {
    words: Vec<String>,
    counts: Vec<u64>,
    total: u64,
    index: HashMap<String, u32>,
    /// Vocabulary id of every text word id, [`DROPPED`] when it was not kept.
    from_text: Vec<u32>,
}

impl Vocabulary {
    /// Counts `text`'s words and keeps those seen at least `min_count` times.
    ///
    /// Errors: `"min_count"` (outside 1–1000), `"vocabulary"` (fewer than 2 words kept).
    pub fn build(text: &Text, min_count: usize) -> Result<Vocabulary, ParamError> {
        ParamError::check_range("min_count", 1.0, 1000.0, min_count as f64)?;
        let mut counts = vec![0u64; text.distinct_words()];
        for &t in &text.tokens {
            counts[t as usize] += 1;
        }
        let mut order: Vec<u32> = (0..counts.len() as u32).filter(|&t| counts[t as usize] >= min_count as u64).collect();
        // Stable: equal counts keep the order of first appearance.
        order.sort_by(|&p, &q| counts[q as usize].cmp(&counts[p as usize]));
        if order.len() < 2 {
            return Err(ParamError::too_few("vocabulary", 2, order.len()));
        }
        let mut from_text = vec![DROPPED; counts.len()];
        let mut words = Vec::with_capacity(order.len());
        let mut kept_counts = Vec::with_capacity(order.len());
        let mut index = HashMap::with_capacity(order.len());
        for (v, &t) in order.iter().enumerate() {
            from_text[t as usize] = v as u32;
            words.push(text.words[t as usize].clone());
            kept_counts.push(counts[t as usize]);
            index.insert(text.words[t as usize].clone(), v as u32);
        }
        let total = kept_counts.iter().sum();
        Ok(Vocabulary { words, counts: kept_counts, total, index, from_text })
    }

    /// Words kept.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The words, most frequent first.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Word `id` (`""` when out of range).
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", String::as_str)
    }

    /// The id of `word`, if it was kept.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.index.get(word).copied()
    }

    /// How often each word occurs, in vocabulary order.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Occurrences of kept words in the text (`N`).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The vocabulary id of a text word id, [`DROPPED`] if not kept.
    pub fn from_text(&self, text_id: u32) -> u32 {
        self.from_text.get(text_id as usize).copied().unwrap_or(DROPPED)
    }

    /// `keep(w) = min(1, (√(f/t) + 1)·t/f)` with `f = count/N`; 1 when `t = 0` (no subsampling).
    pub fn keep_probability(&self, id: u32, sample: f64) -> f64 {
        let Some(&c) = self.counts.get(id as usize) else { return 0.0 };
        if sample <= 0.0 || c == 0 {
            return 1.0;
        }
        let threshold = sample * self.total as f64;
        (((c as f64 / threshold).sqrt() + 1.0) * threshold / c as f64).min(1.0)
    }

    /// `P_n(w) = count^0.75 / Σ count^0.75`, the chance of `id` being drawn as a negative.
    pub fn noise_probability(&self, id: u32) -> f64 {
        let Some(&c) = self.counts.get(id as usize) else { return 0.0 };
        let z: f64 = self.counts.iter().map(|&n| noise_weight(n)).sum();
        noise_weight(c) / z
    }
}

/// The exponent of the noise distribution (Mikolov et al. 2013: "the unigram distribution
/// raised to the 3/4rd power … outperformed significantly the unigram and the uniform").
pub const NOISE_POWER: f64 = 0.75;

/// `count^NOISE_POWER` = `count^¾`, as `√c · √√c`: square roots are exactly rounded IEEE
/// operations, so the noise distribution (and every word2vec run) has the same bits natively and
/// in WebAssembly, where `powf` comes from each platform's own libm.
pub(crate) fn noise_weight(count: u64) -> f64 {
    let root = (count as f64).sqrt();
    root * root.sqrt()
}

// ---------------------------------------------------------------------------------------------
// The shipped corpus
// ---------------------------------------------------------------------------------------------

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorpusSpec {
    pub language: Language,
    /// Rounds of sentences (see the module docs), `1..=MAX_ROUNDS`.
    pub rounds: usize,
    pub seed: u64,
}

/// The lab's default number of rounds.
pub const DEFAULT_ROUNDS: usize = 40;

impl Default for CorpusSpec {
    fn default() -> CorpusSpec {
        CorpusSpec { language: Language::English, rounds: DEFAULT_ROUNDS, seed: 1 }
    }
}

/// A generated corpus: the text and the relations its sentences carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Corpus {
    pub text: Text,
    pub relations: Vec<Relation>,
}

/// One pair of a relation and the sentences only its two words share: `own[k]` is
/// `(form for x, form for y)`, `{w}` standing for the word (two forms where the grammar agrees
/// with the word: "the cat chases" / "the cats chase"). `tail` fills the `{tail}` slot of the
/// relation's attribute frames (the tenses: "to the park").
struct PairSpec {
    x: &'static str,
    y: &'static str,
    own: &'static [(&'static str, &'static str)],
    tail: &'static str,
}

/// A relation's attribute frames for its `x` words and its `y` words, the sentences linking a
/// pair (`{x}`, `{y}`), and its pairs.
struct RelationSpec {
    kind: RelationKind,
    x_frames: &'static [&'static str],
    y_frames: &'static [&'static str],
    links: &'static [&'static str],
    pairs: &'static [PairSpec],
}

const fn pair(x: &'static str, y: &'static str, own: &'static [(&'static str, &'static str)]) -> PairSpec {
    PairSpec { x, y, own, tail: "" }
}

const fn tensed(x: &'static str, y: &'static str, tail: &'static str) -> PairSpec {
    PairSpec { x, y, own: &[], tail }
}

const ENGLISH: &[RelationSpec] = &[
    RelationSpec {
        kind: RelationKind::Gender,
        x_frames: &[
            "he is a good {w}",
            "the {w} said that he was tired",
            "the {w} lost his hat",
            "he became a {w} long ago",
            "everyone knows that he is the {w}",
        ],
        y_frames: &[
            "she is a good {w}",
            "the {w} said that she was tired",
            "the {w} lost her hat",
            "she became a {w} long ago",
            "everyone knows that she is the {w}",
        ],
        links: &["the {x} and the {y} came together", "a {x} and a {y} came in"],
        pairs: &[
            pair("man", "woman", &[("the {w} works in an office", "the {w} works in an office"), ("an adult {w} drives to work", "an adult {w} drives to work")]),
            pair("king", "queen", &[("the {w} wears a golden crown", "the {w} wears a golden crown"), ("the {w} rules the kingdom wisely", "the {w} rules the kingdom wisely"), ("the {w} sits on the royal throne", "the {w} sits on the royal throne")]),
            pair("prince", "princess", &[("the young {w} lives in the palace", "the young {w} lives in the palace"), ("one day the {w} will reign", "one day the {w} will reign")]),
            pair("boy", "girl", &[("the {w} studies at school", "the {w} studies at school"), ("the little {w} kicks a ball in the yard", "the little {w} kicks a ball in the yard")]),
            pair("father", "mother", &[("the {w} loves the children", "the {w} loves the children"), ("the {w} tells the children a story", "the {w} tells the children a story")]),
            pair("son", "daughter", &[("the {w} helps the parents", "the {w} helps the parents"), ("the {w} visits the parents every week", "the {w} visits the parents every week")]),
            pair("brother", "sister", &[("the eldest {w} looks after the twins", "the eldest {w} looks after the twins"), ("the {w} takes the twins to kindergarten", "the {w} takes the twins to kindergarten")]),
            pair("grandfather", "grandmother", &[("the {w} tells stories about the old days", "the {w} tells stories about the old days"), ("the {w} rests in the armchair", "the {w} rests in the armchair")]),
            pair("uncle", "aunt", &[("the {w} brings presents for the nephews", "the {w} brings presents for the nephews"), ("a distant {w} arrives for the holiday", "a distant {w} arrives for the holiday")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Capital,
        x_frames: &["{w} is a beautiful country", "the government of {w} met today", "{w} is a country with many cities", "the borders of {w} are long"],
        y_frames: &["{w} is a beautiful city", "the streets of the city of {w} are crowded", "{w} is an ancient city", "the mayor of {w} was elected this year"],
        links: &["{y} is the capital of {x}", "the capital of {x} is {y}"],
        pairs: &[
            pair("france", "paris", &[("the people of {w} speak french", "the people of {w} speak french"), ("{w} is famous for its croissants", "{w} is famous for its croissants")]),
            pair("italy", "rome", &[("the people of {w} speak italian", "the people of {w} speak italian"), ("{w} is famous for its pasta", "{w} is famous for its pasta")]),
            pair("germany", "berlin", &[("the people of {w} speak german", "the people of {w} speak german"), ("{w} is famous for its sausages", "{w} is famous for its sausages")]),
            pair("spain", "madrid", &[("the people of {w} speak spanish", "the people of {w} speak spanish"), ("{w} is famous for its flamenco", "{w} is famous for its flamenco")]),
            pair("england", "london", &[("the people of {w} speak english", "the people of {w} speak english"), ("{w} is famous for its tea", "{w} is famous for its tea")]),
            pair("japan", "tokyo", &[("the people of {w} speak japanese", "the people of {w} speak japanese"), ("{w} is famous for its sushi", "{w} is famous for its sushi")]),
            pair("egypt", "cairo", &[("the people of {w} speak arabic", "the people of {w} speak arabic"), ("{w} is famous for its pyramids", "{w} is famous for its pyramids")]),
            pair("greece", "athens", &[("the people of {w} speak greek", "the people of {w} speak greek"), ("{w} is famous for its olives", "{w} is famous for its olives")]),
            pair("russia", "moscow", &[("the people of {w} speak russian", "the people of {w} speak russian"), ("{w} is famous for its snow", "{w} is famous for its snow")]),
            pair("portugal", "lisbon", &[("the people of {w} speak portuguese", "the people of {w} speak portuguese"), ("{w} is famous for its sardines", "{w} is famous for its sardines")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Plural,
        x_frames: &["there is one {w} here", "i saw a {w} on the way", "this {w} is mine", "only one {w} was left"],
        y_frames: &["there are many {w} here", "i saw two {w} on the way", "these {w} are mine", "several {w} were left"],
        links: &["one {x} and two {y}", "a {x} among the {y}"],
        pairs: &[
            pair("cat", "cats", &[("the {w} chases the mouse", "the {w} chase the mouse"), ("the {w} drinks milk", "the {w} drink milk")]),
            pair("dog", "dogs", &[("the {w} barks at the postman", "the {w} bark at the postman"), ("the {w} chews a bone", "the {w} chew a bone")]),
            pair("horse", "horses", &[("the {w} gallops in the field", "the {w} gallop in the field"), ("the {w} munches hay", "the {w} munch hay")]),
            pair("tree", "trees", &[("the {w} grows in the forest", "the {w} grow in the forest"), ("the {w} drops leaves in autumn", "the {w} drop leaves in autumn")]),
            pair("house", "houses", &[("the {w} has a red roof", "the {w} have a red roof"), ("the {w} stands on a calm street", "the {w} stand on a calm street")]),
            pair("book", "books", &[("the {w} lies on the shelf", "the {w} lie on the shelf"), ("the {w} is full of stories", "the {w} are full of stories")]),
            pair("flower", "flowers", &[("the {w} blooms in spring", "the {w} bloom in spring"), ("the fragrant {w} grows in the garden", "the fragrant {w} grow in the garden")]),
            pair("apple", "apples", &[("a red {w} fell from the branch", "red {w} fell from the branch"), ("the sweet {w} is in the basket", "the sweet {w} are in the basket")]),
            pair("table", "tables", &[("the {w} is made of wood", "the {w} are made of wood"), ("the {w} stands in the kitchen", "the {w} stand in the kitchen")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Tense,
        x_frames: &["today we {w} {tail}", "every day they {w} {tail}", "now i {w} {tail}", "we usually {w} {tail}"],
        y_frames: &["yesterday we {w} {tail}", "last week they {w} {tail}", "a year ago i {w} {tail}", "we once {w} {tail}"],
        links: &["they {x} {tail} as we {y} {tail} before", "i {y} {tail} and still {x} {tail}"],
        pairs: &[
            tensed("walk", "walked", "to the park"),
            tensed("swim", "swam", "in the lake"),
            tensed("eat", "ate", "bread at lunch"),
            tensed("write", "wrote", "a letter to a friend"),
            tensed("drive", "drove", "the truck"),
            tensed("play", "played", "chess"),
            tensed("cook", "cooked", "soup"),
            tensed("sing", "sang", "a song"),
            tensed("jump", "jumped", "over the fence"),
            tensed("dance", "danced", "at the wedding"),
        ],
    },
    RelationSpec {
        kind: RelationKind::Opposite,
        x_frames: &["{w} is the opposite of {y}"],
        y_frames: &["{w} is the opposite of {x}"],
        links: &["it is not {x} but {y}", "is it {x} or {y}"],
        pairs: &[
            pair("hot", "cold", &[("the soup is {w}", "the soup is {w}"), ("the tea is {w}", "the tea is {w}")]),
            pair("big", "small", &[("the box is {w}", "the box is {w}"), ("the room is very {w}", "the room is very {w}")]),
            pair("fast", "slow", &[("the bus is {w}", "the bus is {w}"), ("the train is very {w}", "the train is very {w}")]),
            pair("tall", "short", &[("the tower is {w}", "the tower is {w}"), ("the ladder is very {w}", "the ladder is very {w}")]),
            pair("heavy", "light", &[("the bag is {w}", "the bag is {w}"), ("the suitcase is very {w}", "the suitcase is very {w}")]),
            pair("loud", "quiet", &[("the music is {w}", "the music is {w}"), ("the neighbour is very {w}", "the neighbour is very {w}")]),
            pair("strong", "weak", &[("the coffee is {w}", "the coffee is {w}"), ("the wind is very {w}", "the wind is very {w}")]),
            pair("rich", "poor", &[("the merchant is {w}", "the merchant is {w}"), ("the village is very {w}", "the village is very {w}")]),
            pair("expensive", "cheap", &[("the phone is {w}", "the phone is {w}"), ("the ticket is very {w}", "the ticket is very {w}")]),
        ],
    },
];

const HEBREW: &[RelationSpec] = &[
    RelationSpec {
        kind: RelationKind::Gender,
        x_frames: &["הוא {w} טוב", "{w} אחד אמר שהוא עייף", "{w} אחד איבד את הכובע שלו", "הוא נהיה {w} לפני הרבה זמן", "כולם יודעים שהוא {w}"],
        y_frames: &["היא {w} טובה", "{w} אחת אמרה שהיא עייפה", "{w} אחת איבדה את הכובע שלה", "היא נהייתה {w} לפני הרבה זמן", "כולם יודעים שהיא {w}"],
        links: &["ראיתי {x} ליד {y}", "ראיתי {x} עם {y}"],
        pairs: &[
            pair("גבר", "אישה", &[("כל {w} עובד במשרד", "כל {w} עובדת במשרד"), ("{w} מבוגר נוסע לעבודה", "{w} מבוגרת נוסעת לעבודה")]),
            pair("מלך", "מלכה", &[("כל {w} לובש כתר של זהב", "כל {w} לובשת כתר של זהב"), ("{w} חכם שולט בממלכה", "{w} חכמה שולטת בממלכה"), ("{w} יושב על כס המלכות", "{w} יושבת על כס המלכות")]),
            pair("נסיך", "נסיכה", &[("{w} צעיר גר בארמון", "{w} צעירה גרה בארמון"), ("כל {w} ימלוך יום אחד", "כל {w} תמלוך יום אחד")]),
            pair("ילד", "ילדה", &[("כל {w} לומד בבית הספר", "כל {w} לומדת בבית הספר"), ("{w} שמח בועט בכדור בחצר", "{w} שמחה בועטת בכדור בחצר")]),
            pair("אבא", "אמא", &[("כל {w} אוהב את הילדים", "כל {w} אוהבת את הילדים"), ("{w} טוב מספר סיפור לילדים", "{w} טובה מספרת סיפור לילדים")]),
            pair("בן", "בת", &[("כל {w} עוזר להורים", "כל {w} עוזרת להורים"), ("{w} טוב מבקר את ההורים כל שבוע", "{w} טובה מבקרת את ההורים כל שבוע")]),
            pair("אח", "אחות", &[("{w} בכור שומר על התאומים", "{w} בכורה שומרת על התאומים"), ("כל {w} מסיע את התאומים לגן", "כל {w} מסיעה את התאומים לגן")]),
            pair("סבא", "סבתא", &[("כל {w} מספר סיפורים על פעם", "כל {w} מספרת סיפורים על פעם"), ("{w} זקן נח בכורסה", "{w} זקנה נחה בכורסה")]),
            pair("דוד", "דודה", &[("כל {w} מביא מתנות לאחיינים", "כל {w} מביאה מתנות לאחיינים"), ("{w} רחוק מגיע לחג", "{w} רחוקה מגיעה לחג")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Capital,
        x_frames: &["{w} היא מדינה יפה", "ממשלת {w} נפגשה היום", "{w} היא ארץ עם הרבה ערים", "הגבולות של {w} ארוכים"],
        y_frames: &["{w} היא עיר יפה", "הרחובות של העיר {w} הומים אנשים", "{w} היא עיר עתיקה", "ראש העיר {w} נבחר השנה"],
        links: &["{y} היא הבירה של {x}", "עיר הבירה של {x} היא {y}"],
        pairs: &[
            pair("צרפת", "פריז", &[("תושבי {w} מדברים צרפתית", "תושבי {w} מדברים צרפתית"), ("{w} מפורסמת בקרואסונים", "{w} מפורסמת בקרואסונים")]),
            pair("איטליה", "רומא", &[("תושבי {w} מדברים איטלקית", "תושבי {w} מדברים איטלקית"), ("{w} מפורסמת בפסטה", "{w} מפורסמת בפסטה")]),
            pair("גרמניה", "ברלין", &[("תושבי {w} מדברים גרמנית", "תושבי {w} מדברים גרמנית"), ("{w} מפורסמת בנקניקיות", "{w} מפורסמת בנקניקיות")]),
            pair("ספרד", "מדריד", &[("תושבי {w} מדברים ספרדית", "תושבי {w} מדברים ספרדית"), ("{w} מפורסמת בפלמנקו", "{w} מפורסמת בפלמנקו")]),
            pair("אנגליה", "לונדון", &[("תושבי {w} מדברים אנגלית", "תושבי {w} מדברים אנגלית"), ("{w} מפורסמת בתה", "{w} מפורסמת בתה")]),
            pair("יפן", "טוקיו", &[("תושבי {w} מדברים יפנית", "תושבי {w} מדברים יפנית"), ("{w} מפורסמת בסושי", "{w} מפורסמת בסושי")]),
            pair("מצרים", "קהיר", &[("תושבי {w} מדברים ערבית", "תושבי {w} מדברים ערבית"), ("{w} מפורסמת בפירמידות", "{w} מפורסמת בפירמידות")]),
            pair("יוון", "אתונה", &[("תושבי {w} מדברים יוונית", "תושבי {w} מדברים יוונית"), ("{w} מפורסמת בזיתים", "{w} מפורסמת בזיתים")]),
            pair("רוסיה", "מוסקבה", &[("תושבי {w} מדברים רוסית", "תושבי {w} מדברים רוסית"), ("{w} מפורסמת בשלג", "{w} מפורסמת בשלג")]),
            pair("פורטוגל", "ליסבון", &[("תושבי {w} מדברים פורטוגזית", "תושבי {w} מדברים פורטוגזית"), ("{w} מפורסמת בסרדינים", "{w} מפורסמת בסרדינים")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Plural,
        x_frames: &["יש כאן {w} אחד", "ראיתי {w} אחד בדרך", "זה {w} שלי", "נשאר רק {w} אחד"],
        y_frames: &["יש כאן הרבה {w}", "ראיתי שני {w} בדרך", "אלה {w} שלי", "נשארו כמה {w}"],
        links: &["{x} אחד ושני {y}", "{x} אחד בין הרבה {y}"],
        pairs: &[
            pair("חתול", "חתולים", &[("{w} רודף אחרי העכבר", "{w} רודפים אחרי העכבר"), ("{w} שותה חלב", "{w} שותים חלב")]),
            pair("כלב", "כלבים", &[("{w} נובח על הדוור", "{w} נובחים על הדוור"), ("{w} מכרסם עצם", "{w} מכרסמים עצם")]),
            pair("סוס", "סוסים", &[("{w} דוהר בשדה", "{w} דוהרים בשדה"), ("{w} לועס שחת", "{w} לועסים שחת")]),
            pair("עץ", "עצים", &[("{w} גדל ביער", "{w} גדלים ביער"), ("{w} משיר עלים בסתיו", "{w} משירים עלים בסתיו")]),
            pair("בית", "בתים", &[("{w} עם גג אדום", "{w} עם גג אדום"), ("{w} עומד ברחוב השקט", "{w} עומדים ברחוב השקט")]),
            pair("ספר", "ספרים", &[("{w} מונח על המדף", "{w} מונחים על המדף"), ("{w} מלא בסיפורים", "{w} מלאים בסיפורים")]),
            pair("פרח", "פרחים", &[("{w} פורח באביב", "{w} פורחים באביב"), ("{w} ריחני צומח בגינה", "{w} ריחניים צומחים בגינה")]),
            pair("תפוח", "תפוחים", &[("{w} אדום נפל מהענף", "{w} אדומים נפלו מהענף"), ("{w} מתוק מונח בסלסלה", "{w} מתוקים מונחים בסלסלה")]),
            pair("שולחן", "שולחנות", &[("{w} עשוי מעץ", "{w} עשויים מעץ"), ("{w} עומד במטבח", "{w} עומדים במטבח")]),
        ],
    },
    RelationSpec {
        kind: RelationKind::Tense,
        x_frames: &["היום הוא {w} {tail}", "כל יום הוא {w} {tail}", "עכשיו הוא {w} {tail}", "בדרך כלל הוא {w} {tail}"],
        y_frames: &["אתמול הוא {w} {tail}", "בשבוע שעבר הוא {w} {tail}", "לפני שנה הוא {w} {tail}", "פעם הוא {w} {tail}"],
        links: &["היום הוא {x} {tail} כמו שאתמול {y} {tail}", "הוא {y} {tail} ועדיין {x} {tail}"],
        pairs: &[
            tensed("הולך", "הלך", "לפארק"),
            tensed("שוחה", "שחה", "באגם"),
            tensed("אוכל", "אכל", "לחם בצהריים"),
            tensed("כותב", "כתב", "מכתב לחבר"),
            tensed("נוהג", "נהג", "במשאית"),
            tensed("משחק", "שיחק", "שחמט"),
            tensed("מבשל", "בישל", "מרק"),
            tensed("קורא", "קרא", "עיתון"),
            tensed("קופץ", "קפץ", "מעל הגדר"),
            tensed("רוקד", "רקד", "בחתונה"),
        ],
    },
    RelationSpec {
        kind: RelationKind::Opposite,
        x_frames: &["{w} הוא ההפך של {y}"],
        y_frames: &["{w} הוא ההפך של {x}"],
        links: &["זה לא {x} אלא {y}", "האם זה {x} או {y}"],
        pairs: &[
            pair("חם", "קר", &[("המרק {w}", "המרק {w}"), ("התה {w} מאוד", "התה {w} מאוד")]),
            pair("גדול", "קטן", &[("הארגז {w}", "הארגז {w}"), ("החדר {w} מאוד", "החדר {w} מאוד")]),
            pair("מהיר", "איטי", &[("האוטובוס {w}", "האוטובוס {w}"), ("הסוס הזה {w} מאוד", "הסוס הזה {w} מאוד")]),
            pair("גבוה", "נמוך", &[("המגדל {w}", "המגדל {w}"), ("הסולם {w} מאוד", "הסולם {w} מאוד")]),
            pair("כבד", "קל", &[("התיק {w}", "התיק {w}"), ("המזוודה הזאת לא {w}", "המזוודה הזאת לא {w}")]),
            pair("רועש", "שקט", &[("השכן {w}", "השכן {w}"), ("הרחוב {w} מאוד", "הרחוב {w} מאוד")]),
            pair("חזק", "חלש", &[("הקפה {w}", "הקפה {w}"), ("הרוח {w} מאוד", "הרוח {w} מאוד")]),
            pair("עשיר", "עני", &[("הסוחר {w}", "הסוחר {w}"), ("הכפר {w} מאוד", "הכפר {w} מאוד")]),
            pair("יקר", "זול", &[("הטלפון {w}", "הטלפון {w}"), ("הכרטיס {w} מאוד", "הכרטיס {w} מאוד")]),
        ],
    },
];

fn specs(language: Language) -> &'static [RelationSpec] {
    match language {
        Language::English => ENGLISH,
        Language::Hebrew => HEBREW,
    }
}

/// The relations of the shipped corpus in `language`, without generating it.
pub fn relations(language: Language) -> Vec<Relation> {
    specs(language)
        .iter()
        .map(|r| Relation { kind: r.kind, pairs: r.pairs.iter().map(|p| (p.x.to_string(), p.y.to_string())).collect() })
        .collect()
}

/// Fills a template's slots.
fn fill(template: &str, word: &str, p: &PairSpec) -> String {
    template.replace("{w}", word).replace("{x}", p.x).replace("{y}", p.y).replace("{tail}", p.tail)
}

/// Generates the shipped corpus (see the module docs).
///
/// Errors: `"rounds"` (outside `1..=MAX_ROUNDS`).
pub fn generate(spec: &CorpusSpec) -> Result<Corpus, ParamError> {
    ParamError::check_range("rounds", 1.0, MAX_ROUNDS as f64, spec.rounds as f64)?;
    let mut rng = Rng::stream(spec.seed, streams::DATA);
    let mut sentences = Vec::new();
    for _ in 0..spec.rounds {
        for r in specs(spec.language) {
            for p in r.pairs {
                for (word, frames, second) in [(p.x, r.x_frames, false), (p.y, r.y_frames, true)] {
                    sentences.push(fill(frames[rng.below(frames.len())], word, p));
                    if p.own.is_empty() {
                        sentences.push(fill(frames[rng.below(frames.len())], word, p));
                    } else {
                        let (fx, fy) = p.own[rng.below(p.own.len())];
                        sentences.push(fill(if second { fy } else { fx }, word, p));
                    }
                }
                sentences.push(fill(r.links[rng.below(r.links.len())], "", p));
            }
        }
    }
    rng.shuffle(&mut sentences);
    let mut text = Text::new();
    for s in &sentences {
        text.push_text(s);
    }
    Ok(Corpus { text, relations: relations(spec.language) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_noise_weight_is_the_count_to_the_noise_power() {
        assert_eq!(NOISE_POWER, 0.75, "noise_weight computes c^0.75 with square roots");
        assert_eq!(noise_weight(0), 0.0);
        for c in (1..20_000u64).chain([1 << 20, 123_456_789]) {
            let want = (c as f64).powf(NOISE_POWER);
            assert!(((noise_weight(c) - want) / want).abs() < 5e-16, "{c}");
        }
    }
}
