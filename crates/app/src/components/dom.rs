//! Views described as plain data: an element tree of one type ([`El`]), put into the page by one
//! non-generic function and patched when what it shows changes ([`live`]).
//!
//! Why, beside Leptos's `view!`: Leptos compiles the rendering path (build, rebuild, mount,
//! drop) once per *view type*, and every closure returning a view, every table row and every
//! option list is a type of its own. A page made of many data-driven tables pays for each — the
//! data lab's panels cost about 124 KB gzip of wasm that way (docs/DATA-LAB.md), more than all
//! its models. Described as `El`, every table, list and read-out shares one builder.
//!
//! What it keeps from a framework: a changed tree is *patched* into the page, not rebuilt —
//! element by element in order, an element of the same tag kept and only its changed attributes,
//! texts and children touched — so a button being pressed, a focused select or a checkbox stay
//! the same DOM nodes while scores change around them (a click whose press and release landed on
//! two different nodes would be lost); an unchanged tree costs one comparison. Events are
//! delegated: one `click`, one `change` and one `input` listener per container, looking up the
//! handler of the element hit in the tree last given, so no closure is created or leaked per
//! update. Text always goes in as text nodes, never as HTML: a learner's column name is shown,
//! not run.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What an element does when used: a click, a new value (a select), a new checked state.
#[derive(Clone)]
pub enum Handler {
    Click(Rc<dyn Fn()>),
    Value(Rc<dyn Fn(String)>),
    Checked(Rc<dyn Fn(bool)>),
}

/// An element (or, with an empty tag, a text node): its attributes, children and handler.
#[derive(Clone, Default)]
pub struct El {
    tag: &'static str,
    attrs: Vec<(&'static str, String)>,
    /// A text node's text (elements hold theirs as text-node children).
    text: String,
    children: Vec<El>,
    handler: Option<Handler>,
}

/// Two trees are the same page when tags, attributes, text and children are; handlers count by
/// their presence (which numbers them on the page).
impl PartialEq for El {
    fn eq(&self, other: &El) -> bool {
        self.tag == other.tag && self.text == other.text && self.attrs == other.attrs && self.handler.is_some() == other.handler.is_some() && self.children == other.children
    }
}

impl El {
    /// An element with this tag.
    pub fn new(tag: &'static str) -> El {
        El { tag, ..El::default() }
    }

    /// A text node.
    pub fn text(text: impl Into<String>) -> El {
        El { text: text.into(), ..El::default() }
    }

    /// An attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((name, value.into()));
        self
    }

    /// An attribute when there is a value.
    pub fn maybe(self, name: &'static str, value: Option<String>) -> El {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// A boolean attribute (`checked`, `selected`, `disabled`): present when `on`.
    pub fn flag(self, name: &'static str, on: bool) -> El {
        if on { self.attr(name, "") } else { self }
    }

    pub fn class(self, class: &'static str) -> El {
        self.attr("class", class)
    }

    pub fn testid(self, id: impl Into<String>) -> El {
        self.attr("data-testid", id)
    }

    /// A child element.
    pub fn child(mut self, child: El) -> El {
        self.children.push(child);
        self
    }

    /// A child when there is one.
    pub fn child_if(mut self, child: Option<El>) -> El {
        self.children.extend(child);
        self
    }

    /// Children, in order.
    pub fn children(mut self, children: Vec<El>) -> El {
        self.children.extend(children);
        self
    }

    /// A text child.
    pub fn says(self, text: impl Into<String>) -> El {
        self.child(El::text(text))
    }

    pub fn on_click(mut self, f: impl Fn() + 'static) -> El {
        self.handler = Some(Handler::Click(Rc::new(f)));
        self
    }

    /// A select's, a text input's or a text area's new value (once changed).
    pub fn on_value(mut self, f: impl Fn(String) + 'static) -> El {
        self.handler = Some(Handler::Value(Rc::new(f)));
        self
    }

    /// A checkbox's new state.
    pub fn on_checked(mut self, f: impl Fn(bool) + 'static) -> El {
        self.handler = Some(Handler::Checked(Rc::new(f)));
        self
    }

    /// The value of attribute `name`, if set.
    pub fn attr_of(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// `<tag class=…>text</tag>`: the most common element of a read-out.
pub fn tag_text(tag: &'static str, class: &'static str, text: impl Into<String>) -> El {
    let el = El::new(tag);
    let el = if class.is_empty() { el } else { el.class(class) };
    el.says(text)
}

/// A table's row of cells: a header cell (`<th scope="row">`) then data cells.
pub fn row(head: El, cells: Vec<El>) -> El {
    El::new("tr").child(El::new("th").attr("scope", "row").child(head)).children(cells)
}

/// A table with one header row of column names and these body rows, in a scrolling box.
pub fn table(class: &'static str, testid: &'static str, head: Vec<String>, body: Vec<El>) -> El {
    let head = head.into_iter().map(|h| El::new("th").attr("scope", "col").says(h)).collect();
    table_with_head(class, testid, vec![El::new("tr").children(head)], body)
}

/// A table with its own header rows (column groups, sort buttons), in a scrolling box.
pub fn table_with_head(class: &'static str, testid: &'static str, head: Vec<El>, body: Vec<El>) -> El {
    El::new("div").class("table-scroll").child(El::new("table").class(class).testid(testid).child(El::new("thead").children(head)).child(El::new("tbody").children(body)))
}

/// What is on screen in one container: the tree and the handlers its elements point to.
#[derive(Default)]
struct Shown {
    tree: Vec<El>,
    handlers: Vec<Handler>,
    listening: bool,
}

/// A container whose content is `render`'s tree, patched when a signal `render` read changes
/// (and the tree it gives differs from the one on screen).
pub fn live(render: impl Fn() -> Vec<El> + 'static) -> impl IntoView {
    live_erased(Box::new(render))
}

#[inline(never)]
fn live_erased(render: Box<dyn Fn() -> Vec<El>>) -> AnyView {
    let holder = NodeRef::<Div>::new();
    let shown = Rc::new(RefCell::new(Shown::default()));
    Effect::new(move |_| {
        let tree = render();
        let Some(div) = holder.get() else { return };
        if !shown.borrow().listening {
            listen(&div, &shown);
            shown.borrow_mut().listening = true;
        }
        let mut handlers = Vec::new();
        if shown.borrow().tree == tree {
            // The page stays; the handlers are the new tree's (numbered as on the page), so an
            // element always acts with what the latest render gave it.
            collect(&tree, &mut handlers);
            shown.borrow_mut().handlers = handlers;
            return;
        }
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        patch(&doc, &div, &shown.borrow().tree, &tree, &mut handlers);
        let mut now = shown.borrow_mut();
        now.tree = tree;
        now.handlers = handlers;
    });
    view! { <div class="live" node_ref=holder></div> }.into_any()
}

/// The handlers of `tree` in the order `build` and `patch` number them (an element's before its
/// children's).
fn collect(tree: &[El], handlers: &mut Vec<Handler>) {
    for el in tree {
        handlers.extend(el.handler.clone());
        collect(&el.children, handlers);
    }
}

/// Makes the children of `parent` show `new`, which replaces `old` (what they show now): nodes
/// kept where the tag is the same, replaced where it is not, added or removed at the end.
fn patch(doc: &web_sys::Document, parent: &web_sys::Node, old: &[El], new: &[El], handlers: &mut Vec<Handler>) {
    let nodes = parent.child_nodes();
    for (i, el) in new.iter().enumerate() {
        let node = nodes.item(i as u32);
        match (old.get(i), node) {
            (Some(was), Some(node)) if was.tag == el.tag => update(doc, &node, was, el, handlers),
            (_, Some(node)) => {
                if let Some(fresh) = build(doc, el, handlers) {
                    let _ = parent.replace_child(&fresh, &node);
                }
            }
            (_, None) => {
                if let Some(fresh) = build(doc, el, handlers) {
                    let _ = parent.append_child(&fresh);
                }
            }
        }
    }
    while let Some(extra) = nodes.item(new.len() as u32) {
        let _ = parent.remove_child(&extra);
    }
}

/// Brings one kept node from `old` to `new` (same tag): text, attributes, handler, children, and
/// the state a form control keeps apart from its attributes once used.
fn update(doc: &web_sys::Document, node: &web_sys::Node, old: &El, new: &El, handlers: &mut Vec<Handler>) {
    if new.tag.is_empty() {
        if old.text != new.text {
            node.set_node_value(Some(&new.text));
        }
        return;
    }
    let Some(element) = node.dyn_ref::<web_sys::Element>() else { return };
    for (name, _) in &old.attrs {
        if !new.attrs.iter().any(|(n, _)| n == name) {
            let _ = element.remove_attribute(name);
        }
    }
    for (name, value) in &new.attrs {
        if !old.attrs.iter().any(|(n, v)| n == name && v == value) {
            let _ = element.set_attribute(name, value);
        }
    }
    match &new.handler {
        Some(h) => number(element, h, handlers),
        None => {
            let _ = element.remove_attribute("data-act");
        }
    }
    patch(doc, node, &old.children, &new.children, handlers);
    settle_form_state(element, new);
}

/// A checkbox's `checked` and a select's chosen option are attributes only until first used;
/// after that the properties hold the state, so they are set from the tree too.
fn settle_form_state(element: &web_sys::Element, el: &El) {
    if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "checkbox" {
            input.set_checked(el.attr_of("checked").is_some());
        } else if let Some(value) = el.attr_of("value") {
            // A slider or number box shows the tree's value (unless it already does: a slider
            // being dragged keeps its place).
            if input.value() != value {
                input.set_value(value);
            }
        }
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        // A text area's text is its value, not an attribute (the tree's `value`, when it has
        // one) — left alone while the learner is typing in it.
        if let Some(value) = el.attr_of("value").filter(|v| area.value() != *v) {
            let typing = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element()).is_some_and(|a| a == *element);
            if !typing {
                area.set_value(value);
            }
        }
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        let chosen = el.children.iter().find(|o| o.attr_of("selected").is_some());
        if let Some(value) = chosen.and_then(|o| o.attr_of("value")) {
            select.set_value(value);
        }
    }
}

/// The DOM node for one element, its handler numbered in `handlers` (`data-act`).
fn build(doc: &web_sys::Document, el: &El, handlers: &mut Vec<Handler>) -> Option<web_sys::Node> {
    if el.tag.is_empty() {
        return Some(doc.create_text_node(&el.text).into());
    }
    let node = doc.create_element(el.tag).ok()?;
    for (name, value) in &el.attrs {
        let _ = node.set_attribute(name, value);
    }
    if let Some(h) = &el.handler {
        number(&node, h, handlers);
    }
    for child in &el.children {
        if let Some(c) = build(doc, child, handlers) {
            let _ = node.append_child(&c);
        }
    }
    settle_form_state(&node, el);
    Some(node.into())
}

/// Gives `element` the next handler number (`data-act`) and `h` that place in `handlers`.
fn number(element: &web_sys::Element, h: &Handler, handlers: &mut Vec<Handler>) {
    let _ = element.set_attribute("data-act", &handlers.len().to_string());
    handlers.push(h.clone());
}

/// Whether an element is a range slider.
fn is_slider(element: &web_sys::Element) -> bool {
    element.get_attribute("type").as_deref() == Some("range")
}

/// Puts `value` in the input `id` (a number box given something that is not a number gets the
/// current value back).
pub fn set_value(id: &str, value: &str) {
    let input = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(input) = input {
        input.set_value(value);
    }
}

/// The container's listeners: an event on an element with a handler calls the handler the
/// tree on screen gives it. Made once per container, which lives as long as the page.
fn listen(div: &web_sys::HtmlDivElement, shown: &Rc<RefCell<Shown>>) {
    for kind in ["click", "change", "input"] {
        let shown = Rc::clone(shown);
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
            let Some(acting) = target.closest("[data-act]").ok().flatten() else { return };
            let Some(handler) = acting.get_attribute("data-act").and_then(|k| k.parse::<usize>().ok()).and_then(|k| shown.borrow().handlers.get(k).cloned()) else { return };
            match (kind, handler) {
                ("click", Handler::Click(f)) => f(),
                // A slider reports while it moves (`input`); a select or a number box once
                // changed (`change`).
                ("change" | "input", Handler::Value(f)) if (kind == "input") == is_slider(&acting) => {
                    let value = acting.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
                        .or_else(|| acting.dyn_ref::<web_sys::HtmlInputElement>().map(|i| i.value()))
                        .or_else(|| acting.dyn_ref::<web_sys::HtmlTextAreaElement>().map(|t| t.value()));
                    if let Some(v) = value {
                        f(v)
                    }
                }
                ("change", Handler::Checked(f)) => {
                    if let Some(input) = acting.dyn_ref::<web_sys::HtmlInputElement>() {
                        f(input.checked())
                    }
                }
                _ => {}
            }
        });
        let _ = div.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
        // The container lives as long as the page; so does its listener.
        on_event.forget();
    }
}

#[cfg(test)]
impl El {
    /// The first element (this one or below) whose test id is `id`.
    pub fn find(&self, id: &str) -> Option<&El> {
        if self.attr_of("data-testid") == Some(id) {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(id))
    }

    /// Its children.
    pub fn children_for_test(&self) -> &[El] {
        &self.children
    }

    /// The text of this element and everything below it.
    pub fn all_text(&self) -> String {
        std::iter::once(self.text.clone()).chain(self.children.iter().map(El::all_text)).collect()
    }

    /// Calls this element's handler as the page would for a click, a new value or a new state.
    pub fn fire(&self, value: &str) {
        match &self.handler {
            Some(Handler::Click(f)) => f(),
            Some(Handler::Value(f)) => f(value.to_owned()),
            Some(Handler::Checked(f)) => f(value == "true"),
            None => panic!("no handler on <{}>", self.tag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn equal_trees_compare_by_what_they_show_and_which_elements_act() {
        let a = El::new("button").testid("go").says("Go").on_click(|| {});
        let b = El::new("button").testid("go").says("Go").on_click(|| {});
        assert!(a == b, "two handlers are not compared by identity");
        assert!(a != El::new("button").testid("go").says("Go"), "a handler's presence counts");
        assert!(a != El::new("button").testid("go").says("Go!").on_click(|| {}));
        assert!(a != El::new("button").testid("stop").says("Go").on_click(|| {}));
        assert!(El::new("option").flag("selected", true) != El::new("option").flag("selected", false));
    }

    #[test]
    fn handlers_are_numbered_element_first_then_children_in_order() {
        let hit = Rc::new(Cell::new(0));
        let (h1, h2, h3) = (Rc::clone(&hit), Rc::clone(&hit), Rc::clone(&hit));
        let tree = vec![
            El::new("div").on_click(move || h1.set(1)).child(El::new("button").on_click(move || h2.set(2))),
            El::new("button").on_click(move || h3.set(3)),
        ];
        let mut handlers = Vec::new();
        collect(&tree, &mut handlers);
        assert_eq!(handlers.len(), 3);
        for (k, h) in handlers.iter().enumerate() {
            let Handler::Click(f) = h else { panic!("a click") };
            f();
            assert_eq!(hit.get(), k + 1);
        }
    }

    #[test]
    fn a_table_has_its_head_and_body_in_a_scrolling_box() {
        let body = vec![row(El::text("iris"), vec![tag_text("td", "", "0.97")])];
        let t = table("results-table", "results", vec!["model".into(), "score".into()], body);
        assert_eq!((t.tag, t.attr_of("class")), ("div", Some("table-scroll")));
        let table = t.find("results").expect("the table");
        assert_eq!((table.tag, table.attr_of("class")), ("table", Some("results-table")));
        assert_eq!(table.children.iter().map(|c| c.tag).collect::<Vec<_>>(), ["thead", "tbody"]);
        assert_eq!(table.children[0].all_text(), "modelscore");
        let cells = &table.children[1].children[0].children;
        assert_eq!((cells[0].tag, cells[0].attr_of("scope"), cells[1].tag), ("th", Some("row"), "td"));
        assert_eq!(table.children[1].all_text(), "iris0.97");
    }
}
