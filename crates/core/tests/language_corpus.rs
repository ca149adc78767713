//! The language lab's corpus: its size at the default, the split, the held-out facts and words,
//! the prompts built for every question, the spelling items, the public-domain passage, and a
//! pasted text's validation.

use perplexed_core::language::corpus::{
    Corpus, CorpusSpec, Language, PromptVariant, DEFAULT_DOCUMENTS, FEW_SHOT_EXAMPLES, PASTED_CHARS_RANGE,
};
use perplexed_core::language::world::{self, Relation};

fn corpus(language: Language) -> Corpus {
    Corpus::generate(language, DEFAULT_DOCUMENTS, 1).unwrap()
}

/// Prints the sizes and a sample (`cargo test --test language_corpus -- --nocapture`).
#[test]
fn the_default_corpus_is_140_to_260_kb_in_both_languages() {
    for language in Language::ALL {
        let c = corpus(language);
        let chars = c.text.chars().count();
        println!(
            "{language:?}: {chars} characters, {} bytes ({:.1} KB); train {} / validation {} characters; {} documents, {} in validation; {} questions ({} held out), {} spelling items ({} held out)",
            c.text.len(),
            c.text.len() as f64 / 1024.0,
            c.train_text.chars().count(),
            c.validation_text.chars().count(),
            c.documents,
            c.validation_documents,
            c.questions.len(),
            c.held_out_questions().count(),
            c.spelling.len(),
            c.held_out_spelling().count()
        );
        for line in c.text.lines().skip(5).take(12) {
            println!("  {line}");
        }
        // Characters (what a tokenizer sees) and UTF-8 bytes (what is downloaded; a Hebrew
        // letter takes two) both in range.
        assert!((140_000..260_000).contains(&chars), "{language:?}: {chars} characters");
        assert!((140_000..260_000).contains(&c.text.len()), "{language:?}: {} bytes", c.text.len());
    }
}

#[test]
fn the_same_seed_gives_the_same_text_and_another_seed_another() {
    for language in Language::ALL {
        let a = Corpus::generate(language, 300, 7).unwrap();
        assert_eq!(a, Corpus::generate(language, 300, 7).unwrap());
        let b = Corpus::generate(language, 300, 8).unwrap();
        assert_ne!(a.text, b.text);
        assert_ne!(a.validation_text, b.validation_text);
        // More documents, more text, roughly in proportion.
        let big = Corpus::generate(language, 1200, 7).unwrap();
        let ratio = big.text.chars().count() as f64 / a.text.chars().count() as f64;
        assert!((3.3..4.7).contains(&ratio), "{language:?}: ×{ratio:.2} for ×4 documents");
    }
}

#[test]
fn the_split_is_by_documents_about_a_tenth_in_validation() {
    for language in Language::ALL {
        let c = corpus(language);
        assert_eq!(c.validation_documents, 200);
        assert_eq!(c.text.chars().count(), c.train_text.chars().count() + c.validation_text.chars().count());
        for part in [&c.text, &c.train_text, &c.validation_text] {
            assert!(part.ends_with('\n'), "documents end their lines");
            assert!(!part.contains("\n\n"), "no empty line");
        }
        // Every validation line is a whole line of the text.
        let lines: std::collections::BTreeSet<&str> = c.text.lines().collect();
        assert!(c.validation_text.lines().all(|l| lines.contains(l)));
        let share = c.validation_text.chars().count() as f64 / c.text.chars().count() as f64;
        assert!((0.06..0.14).contains(&share), "{language:?}: {share:.3} of the characters in validation");
        // Genesis is pinned to training.
        for verse in world::genesis(language) {
            assert!(c.train_text.contains(verse) && !c.validation_text.contains(verse));
        }
    }
}

#[test]
fn held_out_words_never_appear_anywhere_in_the_text() {
    for language in Language::ALL {
        for seed in 1..=3 {
            let c = Corpus::generate(language, 2000, seed).unwrap();
            for &word in world::held_out_words(language) {
                assert!(!c.text.contains(word), "{language:?} seed {seed}: {word} appears");
                let spaced: Vec<String> = word.chars().map(String::from).collect();
                assert!(!c.text.contains(&spaced.join(" ")), "{language:?}: {word} spelled out appears");
            }
            for &word in world::spelling_words(language) {
                assert!(c.train_text.contains(&format!("{word}?")) || c.train_text.contains(&format!("{word}:")), "{word} trains");
            }
        }
    }
}

#[test]
fn held_out_facts_are_stated_in_training_but_never_asked() {
    for language in Language::ALL {
        let c = corpus(language);
        let m = world::markers(language);
        let facts = world::facts(language);
        let held = facts.iter().filter(|f| f.held_out).count();
        assert_eq!(held, c.held_out_questions().count());
        for relation in Relation::ALL {
            let of: Vec<_> = facts.iter().filter(|f| f.relation == relation).collect();
            let held = of.iter().filter(|f| f.held_out).count();
            assert_eq!(held, of.len() / 4, "{relation:?}: a quarter held out");
        }
        // Every sum's value is still an answer in the Q/A form (only the order is held out).
        for value in 2..=18 {
            let asked = facts.iter().any(|f| f.relation == Relation::Sum && !f.held_out && f.answer == value.to_string());
            assert!(asked, "{language:?}: no asked sum equals {value}");
        }
        assert!(world::sum_held_out(5, 2) && !world::sum_held_out(2, 5) && !world::sum_held_out(6, 2));
        for fact in &facts {
            let stated = fact.statements.iter().any(|s| c.train_text.contains(s.as_str()));
            assert!(stated, "{language:?}: '{}' is stated in training", fact.statements[0]);
            let asked = fact.questions.iter().any(|q| c.text.contains(&format!("{} {q} {}", m.question, m.answer)));
            assert_eq!(asked, !fact.held_out, "{language:?}: {:?} asked in the Q/A form: {asked}", fact.questions[0]);
            let listed = c.text.contains(&format!("\n{} {} {}.\n", fact.subject, m.arrow, fact.answer));
            assert_eq!(listed, !fact.held_out, "{language:?}: {} listed: {listed}", fact.subject);
        }
    }
}

/// A list run is 4–8 lines, so every run has lines read after three listed examples of its
/// relation (what the listed few-shot prompt gives), and about two runs in three list a country
/// relation (capital, language, continent: the relations a listed line alone leaves ambiguous).
#[test]
fn list_runs_are_four_lines_or_more_and_mostly_about_countries() {
    for language in Language::ALL {
        let c = corpus(language);
        let m = world::markers(language);
        let facts = world::facts(language);
        let relation_of = |line: &str| facts.iter().find(|f| line == format!("{} {} {}.", f.subject, m.arrow, f.answer)).map(|f| f.relation);
        let (mut block, mut shortest, mut lines, mut country_lines) = (0usize, usize::MAX, 0usize, 0usize);
        for line in c.text.lines().chain([""]) {
            match relation_of(line) {
                Some(relation) => {
                    block += 1;
                    lines += 1;
                    country_lines += usize::from(relation.is_country());
                }
                None if block > 0 => {
                    shortest = shortest.min(block);
                    block = 0;
                }
                None => {}
            }
        }
        let share = country_lines as f64 / lines.max(1) as f64;
        println!("{language:?}: {lines} listed lines, {:.0} % about countries; the shortest run of listed lines {shortest}", 100.0 * share);
        assert!(shortest >= 4, "{language:?}: a run of {shortest} listed lines");
        assert!((0.55..0.8).contains(&share), "{language:?}: {share:.2} of the listed lines about countries");
    }
}

#[test]
fn the_family_tree_is_consistent() {
    let facts = world::facts(Language::English);
    let answer = |subject: &str| facts.iter().find(|f| f.subject == subject).map(|f| f.answer.as_str());
    assert_eq!(answer("Lily's mother"), Some("Anna"));
    assert_eq!(answer("Lily's father"), Some("Tom"));
    assert_eq!(answer("Lily's grandmother"), Some("Mary"));
    assert_eq!(answer("Sam's sister"), Some("Lily"));
    assert_eq!(answer("Emma's brother"), Some("Noah"));
    assert_eq!(answer("David's wife"), Some("Ruth"));
    assert_eq!(answer("Ruth's husband"), Some("David"));
    assert_eq!(answer("Lily's brother"), None, "Lily has two brothers: not unique, never asked");
    assert_eq!(answer("David's sister"), None, "David has two sisters");
    assert_eq!(facts.iter().filter(|f| f.relation == Relation::Family).count(), 42);
    // The Hebrew world is the same tree: the same relations in the same order.
    let hebrew = world::facts(Language::Hebrew);
    assert_eq!(hebrew.len(), facts.len());
    let he = |i: usize| (&hebrew[i].subject, &hebrew[i].answer);
    let i = facts.iter().position(|f| f.subject == "Lily's mother").unwrap();
    assert_eq!(he(i), (&"האמא של שירה".to_string(), &"חנה".to_string()));
    let i = facts.iter().position(|f| f.subject == "David's wife").unwrap();
    assert_eq!(he(i), (&"אשתו של דוד".to_string(), &"רות".to_string()));
    assert_eq!(hebrew[i].statements[0], "רות היא אשתו של דוד.");
}

#[test]
fn every_question_has_six_prompts_ending_in_the_answer_marker_or_the_arrow() {
    for language in Language::ALL {
        let c = corpus(language);
        let m = world::markers(language);
        let facts = world::facts(language);
        assert_eq!(c.questions.len(), facts.len());
        for (q, fact) in c.questions.iter().zip(&facts) {
            assert_eq!((&q.answer, q.relation, q.held_out), (&fact.answer, fact.relation, fact.held_out));
            assert_eq!(q.continuation(), format!(" {}.", fact.answer));
            for v in PromptVariant::ALL {
                let end = if matches!(v, PromptVariant::Listed | PromptVariant::ListedFewShot) { format!(" {}", m.arrow) } else { format!("? {}", m.answer) };
                assert!(q.prompt(v).ends_with(&end), "{v:?}: {}", q.prompt(v));
            }
            assert_eq!(q.listed, format!("{} {}", fact.subject, m.arrow));
            // Listed few-shot: the same examples as the Q/A few-shot, listed.
            let listed: Vec<&str> = q.listed_few_shot.lines().collect();
            assert_eq!(listed.len(), FEW_SHOT_EXAMPLES + 1);
            assert_eq!(listed[FEW_SHOT_EXAMPLES], q.listed);
            for (line, qa) in listed[..FEW_SHOT_EXAMPLES].iter().zip(q.few_shot.lines()) {
                let example = facts.iter().find(|f| qa.contains(&format!("{} {}.", m.answer, f.answer)) && *line == format!("{} {} {}.", f.subject, m.arrow, f.answer));
                assert!(example.is_some(), "{line} lists the fact of {qa}");
            }
            assert_eq!(q.zero_shot, format!("{} {} {}", m.question, fact.questions[0], m.answer));
            assert_eq!(q.reworded, format!("{} {} {}", m.question, fact.questions[1], m.answer));
            assert_eq!(q.role, format!("{}\n{}", world::roles(language, q.relation)[0], q.zero_shot));
            // Few-shot: k answered examples of the same relation, other facts, none held out.
            let lines: Vec<&str> = q.few_shot.lines().collect();
            assert_eq!(lines.len(), FEW_SHOT_EXAMPLES + 1);
            assert_eq!(lines[FEW_SHOT_EXAMPLES], q.zero_shot);
            for line in &lines[..FEW_SHOT_EXAMPLES] {
                let example = facts
                    .iter()
                    .find(|f| *line == format!("{} {} {} {}.", m.question, f.questions[0], m.answer, f.answer))
                    .unwrap_or_else(|| panic!("{line} is a fact's Q/A line"));
                assert_eq!(example.relation, q.relation);
                assert!(!example.held_out && example.subject != q.subject, "{line}");
            }
        }
        // The prompts' examples differ from question to question (drawn, not fixed).
        let firsts: std::collections::BTreeSet<&str> = c.questions.iter().map(|q| q.few_shot.lines().next().unwrap()).collect();
        assert!(firsts.len() > 20);
    }
}

#[test]
fn spelling_items_count_letters_right_and_spell_the_word() {
    for language in Language::ALL {
        let c = corpus(language);
        let m = world::markers(language);
        for s in &c.spelling {
            assert_eq!(s.count, s.word.chars().filter(|&ch| ch == s.letter).count());
            let spaced: Vec<String> = s.word.chars().map(String::from).collect();
            assert_eq!(s.spelling, format!(" {}.", spaced.join(" ")));
            assert!(s.direct.starts_with(m.question) && s.direct.ends_with(m.answer));
            assert!(s.think_first.ends_with(&format!("{} {}", m.spell_first, m.answer)));
            assert!(s.spelled.starts_with(&s.think_first) && s.spelled.ends_with(&format!("{}:", s.letter)));
            assert_eq!(s.held_out, world::held_out_words(language).contains(&s.word.as_str()));
        }
        // Every held-out word is asked, with every letter, and once about a letter it lacks.
        for &word in world::held_out_words(language) {
            let items: Vec<_> = c.spelling.iter().filter(|s| s.word == word).collect();
            assert_eq!(items.len(), world::askable_letters(word).len() + 1, "{word}");
            assert_eq!(items.iter().filter(|s| s.count == 0).count(), 1, "{word}");
        }
    }
    let en = corpus(Language::English);
    let first = en.held_out_spelling().next().unwrap();
    assert_eq!((first.word.as_str(), first.letter, first.count), ("strawberry", 'r', 3));
    assert_eq!(first.direct, "Q: How many r's are in strawberry? A:");
    assert_eq!(first.spelled, "Q: How many r's are in strawberry? Spell it first. A: s t r a w b e r r y. r:");
    assert_eq!(first.continuation(), " 3.");
    let he = corpus(Language::Hebrew);
    let first = he.held_out_spelling().next().unwrap();
    assert_eq!((first.word.as_str(), first.letter, first.count), ("תות", 'ת', 2));
    assert_eq!(first.spelled, "ש: כמה פעמים מופיעה האות ת במילה תות? אייתו אותה קודם. ת: ת ו ת. האות ת:");
}

#[test]
fn hebrew_letters_with_a_final_form_are_asked_only_when_unambiguous() {
    // ממתק: מ has no final form in the word — asked; מלפפון: פ is fine, but נ would be ן.
    assert_eq!(world::askable_letters("ממתק"), vec!['מ', 'ת', 'ק']);
    assert_eq!(world::askable_letters("ספרים"), vec!['ס', 'פ', 'ר', 'י']);
    assert_eq!(world::askable_letters("מים"), vec!['י'], "מ would depend on whether ם counts");
}

#[test]
fn genesis_is_quoted_exactly_and_the_hebrew_has_no_niqqud() {
    let en = corpus(Language::English);
    assert!(en.text.starts_with("In the beginning God created the heaven and the earth.\nAnd the earth was without form, and void;"));
    assert!(en.text.contains("And the evening and the morning were the first day.\n"));
    let he = corpus(Language::Hebrew);
    assert!(he.text.starts_with("בראשית ברא אלהים את השמים ואת הארץ׃\nוהארץ היתה תהו ובהו וחשך על־פני תהום ורוח אלהים מרחפת על־פני המים׃\n"));
    assert!(he.text.contains("ויקרא אלהים לאור יום ולחשך קרא לילה ויהי־ערב ויהי־בקר יום אחד׃\n"));
    // Points and cantillation live in U+0591–U+05C7; only the maqaf (U+05BE) and the sof pasuq
    // (U+05C3), punctuation, may appear.
    let marks: Vec<char> =
        he.text.chars().filter(|&c| ('\u{0591}'..='\u{05C7}').contains(&c) && c != '\u{05BE}' && c != '\u{05C3}').collect();
    assert!(marks.is_empty(), "niqqud or cantillation: {marks:?}");
    assert!(!he.text.chars().any(|c| c.is_ascii_alphabetic()), "no Latin letters in the Hebrew corpus");
}

#[test]
fn runs_of_one_relation_and_role_lines_are_in_the_text() {
    let c = corpus(Language::English);
    let lines: Vec<&str> = c.text.lines().collect();
    let capital = |l: &str| l.starts_with("Q: ") && l.contains("capital of");
    let runs = lines.windows(3).filter(|w| w.iter().all(|l| capital(l))).count();
    assert!(runs >= 3, "{runs} runs of three capital questions");
    let roles = lines.windows(2).filter(|w| w[0] == "You are a geography teacher." && capital(w[1])).count();
    assert!(roles >= 2, "{roles} role lines before capital questions");
}

#[test]
fn the_settings_are_checked() {
    let e = CorpusSpec { documents: 10, ..CorpusSpec::default() }.generate().unwrap_err();
    assert_eq!(e.field, "documents");
    assert!(CorpusSpec { documents: 100_000, ..CorpusSpec::default() }.generate().is_err());
}

#[test]
fn pasted_text_is_checked_cleaned_and_split_without_panicking() {
    let (lo, hi) = PASTED_CHARS_RANGE;
    let e = Corpus::from_text("too short").unwrap_err();
    assert_eq!(e.field, "text");
    assert_eq!(e.to_string(), format!("text must be between {lo} and {hi} (got 9)"));
    assert_eq!(Corpus::from_text(&"a".repeat(hi + 1)).unwrap_err().field, "text");
    assert_eq!(Corpus::from_text(&"\u{0}".repeat(hi * 3)).unwrap_err().field, "text");
    assert_eq!(Corpus::from_text(&" \n".repeat(lo)).unwrap_err().field, "text", "only spaces");

    // Every kind of Unicode: combining marks, emoji with joiners, right-to-left marks, a lone
    // surrogate's replacement, control characters, CRLF.
    let line = "שלום עולם — héllo wörld 👩‍👩‍👧 e\u{301} \u{200F}RTL\u{200E} \u{FFFD}\t\u{7}x\r\n";
    let text = line.repeat(40);
    let c = Corpus::from_text(&text).unwrap();
    assert!(c.pasted && c.questions.is_empty() && c.spelling.is_empty());
    assert!(!c.text.contains('\r') && !c.text.contains('\u{7}') && !c.text.contains('\t'));
    assert_eq!(c.text, format!("{}{}", c.train_text, c.validation_text));
    let share = c.validation_text.chars().count() as f64 / c.text.chars().count() as f64;
    assert!((0.09..0.21).contains(&share), "{share}");
    assert!(c.validation_text.starts_with("שלום"), "the cut falls at a line start");
    assert_eq!(c.language, Language::English, "more Latin letters than Hebrew here");
    // One long line with no newline: cut after a space.
    let prose = "ויאמר אלהים יהי אור ויהי אור ".repeat(60);
    let c = Corpus::from_text(&prose).unwrap();
    assert_eq!(c.language, Language::Hebrew);
    assert!(c.train_text.ends_with(' ') && !c.validation_text.is_empty());
    // No space at all: cut anywhere, still on a character boundary.
    let c = Corpus::from_text(&"👍".repeat(2000)).unwrap();
    assert_eq!(c.validation_text.chars().count(), 200);
}

#[test]
fn random_unicode_of_any_length_never_panics() {
    let mut rng = perplexed_core::rng::Rng::new(21);
    let (lo, _) = PASTED_CHARS_RANGE;
    for trial in 0..60 {
        let n = [0, 1, lo - 1, lo, lo + 1, 3 * lo, 20 * lo][trial % 7];
        // Code points from the whole range (invalid ones skipped), newlines and CRs mixed in.
        let text: String = (0..n)
            .filter_map(|_| match rng.below(10) {
                0 => Some('\n'),
                1 => Some('\r'),
                2 => Some(' '),
                _ => char::from_u32(rng.below(0x11_0000) as u32),
            })
            .collect();
        match Corpus::from_text(&text) {
            Ok(c) => {
                assert_eq!(c.text, format!("{}{}", c.train_text, c.validation_text));
                assert!(!c.train_text.is_empty() && !c.validation_text.is_empty(), "trial {trial}");
            }
            Err(e) => assert_eq!(e.field, "text"),
        }
    }
}
