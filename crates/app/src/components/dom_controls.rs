//! The labelled controls of [`super::controls`] — a select, a checkbox, a slider with its value,
//! the seed, the split's two shares — built as plain data ([`super::dom::El`]) for a page drawn
//! with [`super::dom::live`]. The same markup, test ids and help lines (each control described by
//! its help for screen readers, marked `aria-invalid` and drawn in the danger colour when the
//! lab's error names it), at a fraction of the download: in the data lab, these seven controls
//! as Leptos views cost 18 KB gzip of wasm, as data they share the one builder.
//!
//! Each returns the control for the values it is given; the `live` around it rebuilds it when
//! they change. A slider reports while it is dragged (`input`), the others when changed.

use super::controls::next_seed;
use super::dom::{tag_text, El};
use crate::i18n::{Lang, T};

/// A control's box: `data-control`, and the danger mark when the lab's error names it.
fn control_box(id: &'static str, invalid: bool) -> El {
    El::new("div").class(if invalid { "control invalid" } else { "control" }).attr("data-control", id)
}

/// The wrapper every control shares: its box, the label row, the input, the help line
/// (`<id>-help`).
fn labelled(id: &'static str, invalid: bool, head: El, input: El, help: &str) -> El {
    control_box(id, invalid)
        .child(head)
        .child(input)
        .child(tag_text("p", "help", help).attr("id", format!("{id}-help")))
}

/// A control's label row: the label for `id`, and a read-out when there is one.
fn head(id: &'static str, label: &str, value: Option<String>) -> El {
    let row = El::new("div").class("control-head").child(El::new("label").attr("for", id).says(label));
    row.child_if(value.map(|v| El::new("output").attr("for", id).testid(format!("{id}-value")).says(v)))
}

/// An input's shared attributes: id and test id `id`, described by its help, invalid when named.
fn input(tag: &'static str, id: &'static str, invalid: bool) -> El {
    El::new(tag).attr("id", id).testid(id).attr("aria-describedby", format!("{id}-help")).maybe("aria-invalid", invalid.then(|| "true".into()))
}

/// A drop-down of `(value, text)` options with `current` chosen.
pub fn select(id: &'static str, invalid: bool, label: &str, help: &str, options: Vec<(String, String)>, current: &str, set: impl Fn(String) + 'static) -> El {
    let options = options.into_iter().map(|(value, text)| {
        let chosen = value == current;
        El::new("option").attr("value", value).flag("selected", chosen).says(text)
    }).collect();
    labelled(id, invalid, head(id, label, None), input("select", id, invalid).children(options).on_value(set), help)
}

/// A checkbox with a one-line explanation under it.
pub fn toggle(id: &'static str, label: &str, help: &str, checked: bool, set: impl Fn(bool) + 'static) -> El {
    let checkbox = input("input", id, false).attr("type", "checkbox").flag("checked", checked).on_checked(set);
    control_box(id, false)
        .child(El::new("label").class("toggle").child(checkbox).child(tag_text("span", "", label)))
        .child(tag_text("p", "help", help).attr("id", format!("{id}-help")))
}

/// A slider over `min..=max` at `position`, its value `shown` beside its label.
#[allow(clippy::too_many_arguments)]
pub fn range(id: &'static str, invalid: bool, label: &str, help: &str, (min, max): (i64, i64), position: i64, shown: String, set: impl Fn(i64) + 'static) -> El {
    let slider = input("input", id, invalid).attr("type", "range").attr("min", min.to_string()).attr("max", max.to_string()).attr("step", "1").attr("value", position.to_string())
        .on_value(move |v| if let Ok(v) = v.parse::<i64>() { set(v.clamp(min, max)) });
    labelled(id, invalid, head(id, label, Some(shown)), slider, help)
}

/// The split's training and validation shares (the rest is the test set): the validation
/// slider's top follows the training share, so the two never add up to more than 100 %. It is
/// described by the split's counts, which the page shows in an element `id="split-counts"`.
pub fn split_shares(l: Lang, (train, val): (u32, u32), (train_invalid, val_invalid): (bool, bool), set: impl Fn(u32, u32) + Copy + 'static) -> Vec<El> {
    let train_slider = range("train", train_invalid, T::TrainShare.get(l), T::SplitHelp.get(l), (1, 100), i64::from(train), format!("{train}%"), move |v| {
        let train = v as u32;
        set(train, val.min(100 - train));
    });
    let val_slider = input("input", "val", val_invalid).attr("type", "range").attr("min", "0").attr("max", (100 - train.min(100)).to_string()).attr("step", "1").attr("value", val.to_string())
        .attr("aria-describedby", "split-counts")
        .on_value(move |v| if let Ok(v) = v.parse::<u32>() { set(train, v.min(100 - train)) });
    let val_control = control_box("val", val_invalid)
        .child(head("val", T::ValShare.get(l), Some(format!("{val}%"))))
        .child(val_slider);
    vec![train_slider, val_control]
}

/// The seed of the lab's randomness: a number box (anything but a whole number from 0 to 2³²−1
/// puts the current seed back) and a button, named `button`, that moves to another seed.
pub fn seed(l: Lang, current: u32, help: &str, button: &str, set: impl Fn(u32) + Copy + 'static) -> El {
    let number = input("input", "seed", false).attr("type", "number").attr("min", "0").attr("max", "4294967295").attr("value", current.to_string())
        .on_value(move |v| match v.trim().parse::<u32>() {
            Ok(s) => set(s),
            Err(_) => super::dom::set_value("seed", &current.to_string()),
        });
    let again = El::new("button").testid("regenerate").attr("title", T::RegenerateHelp.get(l)).says(button).on_click(move || set(next_seed(current)));
    labelled("seed", false, head("seed", T::SeedLabel.get(l), None), El::new("div").class("row").child(number).child(again), help)
}

/// A labelled group of checkboxes: its label (`<id>-label`), the group, its help.
pub fn group(id: &'static str, invalid: bool, label: &str, group: El, help: &str) -> El {
    control_box(id, invalid)
        .child(El::new("div").class("control-head").child(tag_text("span", "", label).attr("id", format!("{id}-label"))))
        .child(group)
        .child(tag_text("p", "help", help))
}

/// A checkbox whose id and test id are `id` (in a group, labelled by its `<label>`).
pub fn checkbox(id: String, checked: bool) -> El {
    El::new("input").attr("type", "checkbox").attr("id", id.clone()).testid(id).flag("checked", checked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    #[test]
    fn a_select_marks_the_current_option_and_reports_the_new_one() {
        let got = Rc::new(RefCell::new(String::new()));
        let g = Rc::clone(&got);
        let options = vec![("mean".to_owned(), "Fill with the mean".to_owned()), ("median".to_owned(), "Fill with the median".to_owned())];
        let control = select("missing", true, "Missing values", "How gaps are filled.", options, "median", move |v| *g.borrow_mut() = v);
        assert_eq!(control.attr_of("class"), Some("control invalid"));
        let input = control.find("missing").expect("the select");
        assert_eq!((input.attr_of("aria-describedby"), input.attr_of("aria-invalid")), (Some("missing-help"), Some("true")));
        let chosen: Vec<Option<&str>> = input.children_for_test().iter().map(|o| o.attr_of("selected")).collect();
        assert_eq!(chosen, [None, Some("")]);
        input.fire("mean");
        assert_eq!(*got.borrow(), "mean");
    }

    #[test]
    fn the_validation_slider_tops_out_at_what_training_leaves() {
        // (Leaked: the control asks for a `Copy` setter, as the page's are.)
        let got: &'static Cell<(u32, u32)> = Box::leak(Box::new(Cell::new((0, 0))));
        let both = split_shares(Lang::En, (70, 20), (false, false), move |t, v| got.set((t, v)));
        let val = both[1].find("val").expect("the validation slider");
        assert_eq!((val.attr_of("max"), val.attr_of("value")), (Some("30"), Some("20")));
        // Validation asked for more than the training share leaves: held at 30.
        val.fire("45");
        assert_eq!(got.get(), (70, 30));
        // Training moved to 90: validation shrinks to the 10 left.
        both[0].find("train").expect("the training slider").fire("90");
        assert_eq!(got.get(), (90, 10));
        assert_eq!(both[0].find("train-value").map(El::all_text).as_deref(), Some("70%"));
    }

    #[test]
    fn the_seed_box_and_its_button() {
        let got: &'static Cell<u32> = Box::leak(Box::new(Cell::new(0)));
        let control = seed(Lang::En, 7, "The same seed, the same run.", "Another split", move |s| got.set(s));
        assert_eq!(control.find("seed").and_then(|s| s.attr_of("value")), Some("7"));
        control.find("seed").expect("the box").fire("42");
        assert_eq!(got.get(), 42);
        control.find("regenerate").expect("the button").fire("");
        assert_eq!(got.get(), next_seed(7));
        assert_ne!(next_seed(7), 7);
    }
}
