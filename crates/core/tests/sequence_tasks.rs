//! The sequence lab's task generators: each example checked against its definition, small cases
//! worked by hand, determinism and the settings' limits.

use perplexed_core::sequence::tasks::{Corpus, Targets, Task, TaskSpec, ENGLISH_TEXT, RECALL_NOISE, RECALL_SYMBOLS, SINE_PERIOD};

fn spec(task: Task) -> TaskSpec {
    TaskSpec { task, examples: 200, ..TaskSpec::default() }
}

#[test]
fn a_forecasting_window_is_a_slice_of_the_series_and_its_target_the_next_value() {
    let set = TaskSpec { length: 5, ..spec(Task::Sine) }.generate().unwrap();
    assert_eq!((set.len(), set.steps, set.width), (200, 5, 1));
    assert_eq!(set.series.len(), 205);
    let Targets::Values(v) = &set.targets else { panic!("forecasting has values") };
    for i in [0, 1, 57, 199] {
        assert_eq!(set.example(i), &set.series[i..i + 5]);
        assert_eq!(v[i], set.series[i + 5]);
    }
}

#[test]
fn without_noise_the_sine_is_exact_and_repeat_last_has_its_closed_form_error() {
    let set = TaskSpec { length: 3, noise: 0.0, ..spec(Task::Sine) }.generate().unwrap();
    // s_t = sin(2πt/25): s_0 = 0, s_1 = sin(0.2513) = 0.24869.
    assert_eq!(set.series[0], 0.0);
    assert!((set.series[1] - 0.248_690).abs() < 1e-5);
    // Repeat-last on window 0 predicts s_2 for s_3: (sin(6π/25) − sin(4π/25))² =
    // (0.68455 − 0.48175)² = 0.20280² = 0.041128.
    let mse = set.repeat_last_mse(&[0]).unwrap();
    assert!((mse - 0.041_128).abs() < 1e-5, "{mse}");
    // Over whole periods the mean of (s_{t+1} − s_t)² is 2·sin²(π/25)·... = 1 − cos(2π/25) = 0.031417.
    let rows: Vec<usize> = (0..175).collect(); // 7 periods of 25
    let mse = set.repeat_last_mse(&rows).unwrap();
    assert!((mse - (1.0 - (std::f32::consts::TAU / SINE_PERIOD).cos())).abs() < 1e-4, "{mse}");
}

#[test]
fn recall_marks_the_first_symbol_and_asks_for_it_after_the_delay() {
    let set = TaskSpec { delay: 7, ..spec(Task::Recall) }.generate().unwrap();
    assert_eq!((set.steps, set.width), (8, RECALL_SYMBOLS + 1));
    assert_eq!(set.chance(), Some(0.25));
    let Targets::Classes { labels, classes } = &set.targets else { panic!("recall has classes") };
    assert_eq!(*classes, RECALL_SYMBOLS);
    let mut seen = [0; RECALL_SYMBOLS];
    let mut noise = Vec::new();
    for (i, &label) in labels.iter().enumerate() {
        let steps: Vec<&[f32]> = set.example(i).chunks(set.width).collect();
        // Step 1: one symbol and the marker, nothing else; the rest: noise on every channel.
        assert_eq!(steps[0][label as usize], 1.0);
        assert_eq!(steps[0][RECALL_SYMBOLS], 1.0);
        assert_eq!(steps[0].iter().sum::<f32>(), 2.0);
        noise.extend(steps[1..].iter().flat_map(|s| s.iter().map(|&v| f64::from(v))));
        seen[label as usize] += 1;
    }
    assert!(seen.iter().all(|&c| c > 30), "every symbol is asked for: {seen:?}");
    let n = noise.len() as f64;
    let mean = noise.iter().sum::<f64>() / n;
    let sd = (noise.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
    assert!(mean.abs() < 0.02 && (sd - f64::from(RECALL_NOISE)).abs() < 0.02, "distractors N(0, 1): mean {mean}, sd {sd}");
}

#[test]
fn count_labels_are_the_number_of_ones_and_cover_the_range() {
    let set = TaskSpec { length: 6, examples: 1000, ..spec(Task::Count) }.generate().unwrap();
    let Targets::Classes { labels, classes } = &set.targets else { panic!("count has classes") };
    assert_eq!(*classes, 7);
    let mut seen = [false; 7];
    for (i, &label) in labels.iter().enumerate() {
        assert_eq!(set.example(i).iter().sum::<f32>(), label as f32);
        seen[label as usize] = true;
    }
    assert!(seen.iter().all(|&s| s), "0 to 6 ones all occur");
}

#[test]
fn text_examples_are_one_hot_windows_and_their_next_character() {
    let set = TaskSpec { length: 4, corpus: Corpus::English, ..spec(Task::Text) }.generate().unwrap();
    let chars: Vec<char> = ENGLISH_TEXT.chars().collect();
    let Targets::Classes { labels, classes } = &set.targets else { panic!("text has classes") };
    assert_eq!(*classes, set.vocabulary.len());
    assert!(set.vocabulary.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    // Window 0 reads "twin" and asks for "k".
    let read: String = set.example(0).chunks(set.width).map(|s| set.vocabulary[s.iter().position(|&v| v == 1.0).unwrap()]).collect();
    assert_eq!(read, "twin");
    assert_eq!(set.vocabulary[labels[0] as usize], 'k');
    // The text wraps round: the window at the end continues from its start.
    let last = chars.len() - 1;
    assert_eq!(set.vocabulary[labels[last - 3] as usize], chars[0]);
    assert_eq!(set.vocabulary[labels[last - 2] as usize], chars[1]);
    let he = TaskSpec { corpus: Corpus::Hebrew, ..spec(Task::Text) }.generate().unwrap();
    assert!(he.vocabulary.contains(&'כ'));
}

#[test]
fn the_same_settings_give_the_same_bits_and_another_seed_others() {
    for task in Task::ALL {
        let a = spec(task).generate().unwrap();
        assert_eq!(a, spec(task).generate().unwrap(), "{task:?}");
        if task != Task::Text {
            assert_ne!(a, TaskSpec { seed: 2, ..spec(task) }.generate().unwrap(), "{task:?}");
        }
    }
}

#[test]
fn settings_out_of_range_are_refused_by_name() {
    let field = |s: TaskSpec| s.generate().unwrap_err().field;
    assert_eq!(field(TaskSpec { length: 1, ..spec(Task::Sine) }), "length");
    assert_eq!(field(TaskSpec { length: 51, ..spec(Task::Text) }), "length");
    assert_eq!(field(TaskSpec { length: 21, ..spec(Task::Count) }), "length");
    assert_eq!(field(TaskSpec { delay: 0, ..spec(Task::Recall) }), "delay");
    assert_eq!(field(TaskSpec { delay: 51, ..spec(Task::Recall) }), "delay");
    assert_eq!(field(TaskSpec { noise: -0.1, ..spec(Task::Sine) }), "noise");
    assert_eq!(field(TaskSpec { noise: f32::NAN, ..spec(Task::Sine) }), "noise");
    assert_eq!(field(TaskSpec { examples: 99, ..spec(Task::Sine) }), "examples");
    // Recall ignores the length; the others ignore the delay.
    assert!(TaskSpec { length: 999, ..spec(Task::Recall) }.generate().is_ok());
    assert!(TaskSpec { delay: 999, ..spec(Task::Sine) }.generate().is_ok());
}
