//! The attention lab's task generators: each row checked against its task's definition, small
//! cases worked by hand, determinism and the settings' limits (the network's too).

use perplexed_core::attention::model::{NetSpec, Position};
use perplexed_core::attention::tasks::{
    partners, token_name, Task, TaskSpec, CLOSE, DIGITS, KEYS, KEY_A, OPEN, QUERY, SLOT, VOCAB,
};

fn spec(task: Task, length: usize) -> TaskSpec {
    TaskSpec { task, length, examples: 300, seed: 4 }
}

/// Row `i`'s question and its slots, checking that the slots are blank.
fn question(set: &perplexed_core::attention::tasks::AttentionSet, i: usize) -> Vec<u32> {
    let row = set.example(i);
    assert_eq!(row.len(), set.steps);
    assert!(row[set.first_slot()..].iter().all(|&t| t == SLOT), "the answer slots are blank: {row:?}");
    assert!(row[..set.first_slot()].iter().all(|&t| t != SLOT), "no slot inside the question: {row:?}");
    row[..set.first_slot()].to_vec()
}

#[test]
fn copy_reverse_and_sort_answer_with_the_question_itself_backwards_or_in_order() {
    for n in [4, 8, 16] {
        for task in [Task::Copy, Task::Reverse, Task::Sort] {
            let set = spec(task, n).generate().unwrap();
            assert_eq!((set.len(), set.steps, set.slots, set.first_slot()), (300, 2 * n, n, n));
            for i in 0..set.len() {
                let q = question(&set, i);
                assert!(q.iter().all(|&d| d < DIGITS), "numbers 0–9: {q:?}");
                let mut want = q.clone();
                match task {
                    Task::Reverse => want.reverse(),
                    Task::Sort => want.sort_unstable(),
                    _ => {}
                }
                assert_eq!(set.answer(i), &want[..], "{task:?} row {i}");
            }
        }
    }
}

#[test]
fn every_digit_turns_up_in_every_position() {
    let set = TaskSpec { examples: 2000, ..spec(Task::Reverse, 8) }.generate().unwrap();
    for pos in 0..8 {
        let mut seen = [0usize; 10];
        for i in 0..set.len() {
            seen[set.example(i)[pos] as usize] += 1;
        }
        // 200 expected per digit; a uniform draw stays well within 140–260.
        assert!(seen.iter().all(|&c| (140..=260).contains(&c)), "position {pos}: {seen:?}");
    }
}

#[test]
fn bracket_answers_are_the_partners_of_a_balanced_string() {
    // Worked by hand: ( ( ) ( ) )  — 0 closes at 5, 1 at 2, 3 at 4.
    let s = [OPEN, OPEN, CLOSE, OPEN, CLOSE, CLOSE];
    assert_eq!(partners(&s), vec![5, 2, 1, 4, 3, 0]);
    assert_eq!(partners(&[OPEN, CLOSE, OPEN, CLOSE]), vec![1, 0, 3, 2]);
    for n in [4, 10, 16] {
        let set = spec(Task::Brackets, n).generate().unwrap();
        assert_eq!((set.steps, set.slots), (2 * n, n));
        for i in 0..set.len() {
            let q = question(&set, i);
            let mut depth = 0i32;
            for &b in &q {
                assert!(b == OPEN || b == CLOSE);
                depth += if b == OPEN { 1 } else { -1 };
                assert!(depth >= 0, "balanced: no prefix closes more than it opened {q:?}");
            }
            assert_eq!(depth, 0, "as many closers as openers");
            let a = set.answer(i);
            for j in 0..n {
                let p = a[j] as usize;
                assert!(p < n && p != j && a[p] as usize == j, "partners pair up: {q:?} {a:?}");
                let (open, close) = (j.min(p), j.max(p));
                assert_eq!((q[open], q[close]), (OPEN, CLOSE));
                // Between partners the brackets balance.
                let inner: i32 = q[open + 1..close].iter().map(|&b| if b == OPEN { 1 } else { -1 }).sum();
                assert_eq!(inner, 0);
            }
        }
    }
}

#[test]
fn the_two_bracket_strings_of_length_four_are_equally_likely() {
    let set = TaskSpec { examples: 2000, ..spec(Task::Brackets, 4) }.generate().unwrap();
    let nested = (0..set.len()).filter(|&i| set.example(i)[1] == OPEN).count();
    // "(())" against "()()": 1,000 expected each (σ ≈ 22).
    assert!((900..=1100).contains(&nested), "{nested} nested of 2000");
}

#[test]
fn lookup_asks_for_the_value_stored_under_a_key() {
    for n in [4, 7, 16] {
        let set = spec(Task::Lookup, n).generate().unwrap();
        let pairs = n / 2;
        assert_eq!((set.steps, set.slots, set.first_slot()), (2 * pairs + 3, 1, 2 * pairs + 2));
        for i in 0..set.len() {
            let q = question(&set, i);
            assert_eq!(q[2 * pairs], QUERY);
            let asked = q[2 * pairs + 1];
            let keys: Vec<u32> = (0..pairs).map(|p| q[2 * p]).collect();
            assert!(keys.iter().all(|k| (KEY_A..KEY_A + KEYS).contains(k)));
            let mut distinct = keys.clone();
            distinct.sort_unstable();
            distinct.dedup();
            assert_eq!(distinct.len(), pairs, "distinct keys {q:?}");
            let at = keys.iter().position(|&k| k == asked).expect("the asked key is stored");
            let value = q[2 * at + 1];
            assert!(value < DIGITS);
            assert_eq!(set.answer(i), &[value]);
        }
    }
}

#[test]
fn tokens_have_readable_names_and_the_vocabulary_holds_them_all() {
    assert_eq!(VOCAB, 28);
    let names: Vec<String> = (0..VOCAB as u32).map(token_name).collect();
    assert_eq!(names[..3], ["0", "1", "2"]);
    assert_eq!(names[15], "15");
    assert_eq!([&names[16], &names[17], &names[18]], ["(", ")", "_"]);
    assert_eq!([&names[19], &names[26], &names[27]], ["a", "h", "?"]);
    assert_eq!(token_name(99), "<99>");
    let mut distinct = names.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), VOCAB, "every token its own name");
    for task in Task::ALL {
        let set = spec(task, 8).generate().unwrap();
        assert_eq!(set.vocab(), VOCAB);
        assert!(set.tokens.iter().chain(&set.targets).all(|&t| (t as usize) < VOCAB));
        assert!(set.is_slot(set.steps - 1) && !set.is_slot(set.first_slot() - 1) && !set.is_slot(set.steps));
    }
    assert_eq!(spec(Task::Brackets, 8).generate().unwrap().chance(), 0.125);
    assert_eq!(spec(Task::Reverse, 8).generate().unwrap().chance(), 0.1);
}

#[test]
fn the_same_settings_give_the_same_rows_and_another_seed_others() {
    for task in Task::ALL {
        let a = spec(task, 8).generate().unwrap();
        assert_eq!(a, spec(task, 8).generate().unwrap(), "{task:?}");
        let b = TaskSpec { seed: 5, ..spec(task, 8) }.generate().unwrap();
        assert_ne!(a.tokens, b.tokens, "{task:?}");
        assert_eq!(Task::from_slug(task.slug()), Some(task));
    }
}

#[test]
fn settings_out_of_range_are_refused_by_name() {
    let field = |s: TaskSpec| s.generate().err().map(|e| e.field);
    let ok = TaskSpec::default();
    assert_eq!(field(ok), None);
    assert_eq!(field(TaskSpec { length: 3, ..ok }), Some("length"));
    assert_eq!(field(TaskSpec { length: 17, ..ok }), Some("length"));
    assert_eq!(field(TaskSpec { task: Task::Brackets, length: 7, ..ok }), Some("length"), "brackets pair up");
    assert_eq!(field(TaskSpec { task: Task::Lookup, length: 7, ..ok }), None, "three pairs");
    assert_eq!(field(TaskSpec { examples: 99, ..ok }), Some("examples"));
    assert_eq!(field(TaskSpec { examples: 10_001, ..ok }), Some("examples"));

    let net = |s: NetSpec| s.validate().err().map(|e| e.field);
    let ok = NetSpec::default();
    assert_eq!(net(ok), None);
    for bad in [NetSpec { layers: 0, ..ok }, NetSpec { layers: 4, ..ok }] {
        assert_eq!(net(bad), Some("layers"));
    }
    for bad in [NetSpec { heads: 0, ..ok }, NetSpec { heads: 5, ..ok }, NetSpec { heads: 3, width: 32, ..ok }] {
        assert_eq!(net(bad), Some("heads"));
    }
    for bad in [NetSpec { width: 15, ..ok }, NetSpec { width: 65, ..ok }] {
        assert_eq!(net(bad), Some("width"));
    }
    assert_eq!(net(NetSpec { heads: 3, width: 48, position: Position::None, ..ok }), None);
}
