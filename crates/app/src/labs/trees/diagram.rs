//! The tree diagram: every node as a focusable box with its rule, its point count, its impurity
//! and a bar of its class mix; hovering or focusing one names it in `hovered`, which the
//! boundary plot outlines. Layout only — the nodes come from core through the engine.

use leptos::prelude::*;

use crate::components::colors::{css, css_alpha, CLASS};
use crate::i18n::{fill, Lang, T};

use super::engine::DiagramNode;
use super::text::{TP, TT};

const NODE_W: f64 = 100.0;
const NODE_H: f64 = 48.0;
const GAP_X: f64 = 8.0;
const LEVEL_H: f64 = 76.0;
const PAD: f64 = 6.0;
/// Smallest scale "fit" goes to: below it the rules are unreadable, and the panel scrolls instead.
const MIN_FIT: f64 = 0.4;
/// Zoom steps of the + and − buttons.
const ZOOM_STEP: f64 = 1.25;

/// Centre x of every node: leaves side by side in left-to-right order, a parent above the
/// middle of its two children.
pub fn layout(nodes: &[DiagramNode]) -> Vec<f64> {
    fn place(id: usize, nodes: &[DiagramNode], slot: &mut usize, xs: &mut [f64], guard: usize) -> f64 {
        let Some(n) = nodes.get(id) else { return 0.0 };
        let x = match n.split {
            Some((_, _, l, r)) if guard < nodes.len() && l < nodes.len() && r < nodes.len() => {
                let a = place(l, nodes, slot, xs, guard + 1);
                let b = place(r, nodes, slot, xs, guard + 1);
                (a + b) / 2.0
            }
            _ => {
                let x = PAD + *slot as f64 * (NODE_W + GAP_X) + NODE_W / 2.0;
                *slot += 1;
                x
            }
        };
        xs[id] = x;
        x
    }
    let mut xs = vec![0.0; nodes.len()];
    if !nodes.is_empty() {
        place(0, nodes, &mut 0, &mut xs, 0);
    }
    xs
}

/// Width and height of the whole diagram at scale 1: a slot per leaf, a level per depth.
fn size(nodes: &[DiagramNode]) -> (f64, f64) {
    let leaves = nodes.iter().filter(|n| n.split.is_none()).count().max(1);
    let depth = nodes.iter().map(|n| n.depth).max().unwrap_or(0);
    (2.0 * PAD + leaves as f64 * (NODE_W + GAP_X), 2.0 * PAD + depth as f64 * LEVEL_H + NODE_H)
}

fn feature_name(f: usize) -> &'static str {
    if f == 0 {
        "x₁"
    } else {
        "x₂"
    }
}

/// `x₁ ≤ 0.42`
pub fn rule_text(feature: usize, threshold: f64) -> String {
    format!("{} ≤ {}", feature_name(feature), crate::components::format::rounded(threshold, 2))
}

/// The class the node's mix favours (ties: the lower index), as the tree predicts.
fn majority(mix: &[f64]) -> usize {
    mix.iter().enumerate().fold((0, f64::NEG_INFINITY), |acc, (i, &p)| if p > acc.1 { (i, p) } else { acc }).0
}

fn mix_text(mix: &[f64]) -> String {
    mix.iter().map(|&p| crate::components::format::percent(p)).collect::<Vec<_>>().join(" / ")
}

/// One sentence about a node (the hover line and the node's accessible name).
pub fn node_text(n: &DiagramNode, lang: Lang) -> String {
    let class = fill(T::ClassName.get(lang), &[&(majority(&n.mix) + 1).to_string()]);
    let imp = crate::components::format::number(n.impurity, 3);
    match n.split {
        Some((f, t, _, _)) => fill(
            TT::NodeRule.get(lang),
            &[&n.id.to_string(), &rule_text(f, t), &TP::TrainingPoints.count(n.n_samples, lang), &imp, &mix_text(&n.mix)],
        ),
        None => fill(TT::NodeLeaf.get(lang), &[&n.id.to_string(), &class, &TP::TrainingPoints.count(n.n_samples, lang), &imp, &mix_text(&n.mix)]),
    }
}

/// The diagram, redrawn when `nodes` changes; `hovered` follows the pointer and the focus.
///
/// It opens fitted to its panel (down to [`MIN_FIT`], a larger tree scrolls; up to the page's
/// type scale), with the root
/// scrolled into the middle whenever the tree or the zoom changes; + and − zoom, "fit" goes back.
#[component]
pub fn TreeDiagram(nodes: Memo<Vec<DiagramNode>>, hovered: RwSignal<Option<usize>>, lang: RwSignal<Lang>) -> impl IntoView {
    let scroller = NodeRef::<leptos::html::Div>::new();
    // None: fitted to the panel; Some(z): the visitor's zoom.
    let zoom = RwSignal::new(None::<f64>);
    let fit_scale = move |w: f64| {
        let avail = scroller.get_untracked().map_or(w, |d| f64::from(d.client_width())).max(100.0);
        // Up to the page's type scale, so the rules grow with the page's text on a projector.
        (avail / w).clamp(MIN_FIT, crate::components::canvas::type_scale())
    };
    let scale_by = move |k: f64| {
        let z = zoom.get_untracked().unwrap_or_else(|| fit_scale(nodes.with_untracked(|ns| size(ns).0)));
        zoom.set(Some((z * k).clamp(MIN_FIT / 2.0, 2.0)));
    };
    let t = move |key: crate::i18n::Label| move || key.get(lang.get());
    view! {
        <div class="row trees-zoom" role="group" aria-label=t(TT::ZoomGroup)>
            <button class="small" data-testid="zoom-out" aria-label=t(TT::ZoomOut) title=t(TT::ZoomOut) on:click=move |_| scale_by(1.0 / ZOOM_STEP)>"−"</button>
            <button class="small" data-testid="zoom-in" aria-label=t(TT::ZoomIn) title=t(TT::ZoomIn) on:click=move |_| scale_by(ZOOM_STEP)>"+"</button>
            <button class="small" data-testid="zoom-fit" aria-pressed=move || zoom.get().is_none().to_string() on:click=move |_| zoom.set(None)>{t(TT::ZoomFit)}</button>
        </div>
        <div class="trees-diagram-scroll" node_ref=scroller data-testid="tree-scroll">
            {move || {
                let ns = nodes.get();
                let xs = layout(&ns);
                let (w, h) = size(&ns);
                let z = zoom.get().unwrap_or_else(|| fit_scale(w));
                // The root in the middle of the panel, once the new picture is in the page.
                let root_x = xs.first().copied().unwrap_or(0.0) * z;
                request_animation_frame(move || {
                    if let Some(d) = scroller.get_untracked() {
                        d.set_scroll_left((root_x - f64::from(d.client_width()) / 2.0).max(0.0) as i32);
                    }
                });
                let top = |n: &DiagramNode| PAD + n.depth as f64 * LEVEL_H;
                let edges = ns
                    .iter()
                    .filter_map(|n| n.split.map(|(_, _, l, r)| (n, l, r)))
                    .flat_map(|(n, l, r)| [(n, l, true), (n, r, false)])
                    .filter_map(|(n, c, yes)| {
                        let child = ns.get(c)?;
                        let (x0, y0) = (xs[n.id], top(n) + NODE_H);
                        let (x1, y1) = (xs[c], top(child));
                        let (lx, ly) = (x0 + (x1 - x0) * 0.6, y0 + (y1 - y0) * 0.6);
                        Some(view! {
                            <g class="edge">
                                <line x1=x0 y1=y0 x2=x1 y2=y1></line>
                                <text x=lx y=ly text-anchor="middle">{move || if yes { TT::Yes.get(lang.get()) } else { TT::No.get(lang.get()) }}</text>
                            </g>
                        })
                    })
                    .collect_view();
                let boxes = ns
                    .iter()
                    .map(|n| {
                        let id = n.id;
                        let (x, y) = (xs[id] - NODE_W / 2.0, top(n));
                        let class = CLASS[majority(&n.mix) % CLASS.len()];
                        let line1 = match n.split {
                            Some((f, t, _, _)) => rule_text(f, t),
                            None => format!("→ {}", majority(&n.mix) + 1),
                        };
                        let line2 = format!("n = {} · {}", n.n_samples, crate::components::format::number(n.impurity, 2));
                        let mut offset = 0.0;
                        let bar_w = NODE_W - 12.0;
                        let bars = n
                            .mix
                            .iter()
                            .enumerate()
                            .map(|(k, &p)| {
                                let seg = (p.clamp(0.0, 1.0)) * bar_w;
                                let bx = x + 6.0 + offset;
                                offset += seg;
                                view! { <rect x=bx y={y + NODE_H - 11.0} width=seg height=6.0 fill=css(CLASS[k % CLASS.len()])></rect> }
                            })
                            .collect_view();
                        let node = n.clone();
                        let label = move || node_text(&node, lang.get());
                        view! {
                            <g
                                class=move || if hovered.get() == Some(id) { "node hovered" } else { "node" }
                                class:next=n.next
                                class:leaf=n.split.is_none()
                                tabindex="0"
                                role="button"
                                data-testid=format!("node-{id}")
                                aria-label=label
                                on:mouseenter=move |_| hovered.set(Some(id))
                                on:mouseleave=move |_| hovered.set(None)
                                on:focus=move |_| hovered.set(Some(id))
                                on:blur=move |_| hovered.set(None)
                            >
                                <rect class="box" x=x y=y width=NODE_W height=NODE_H rx=6.0 fill=css_alpha(class, 0.22)></rect>
                                <text x={x + NODE_W / 2.0} y={y + 15.0} text-anchor="middle" class="rule">{line1}</text>
                                <text x={x + NODE_W / 2.0} y={y + 29.0} text-anchor="middle" class="stats">{line2}</text>
                                {bars}
                            </g>
                        }
                    })
                    .collect_view();
                view! {
                    <svg data-testid="tree-diagram" class="trees-diagram" width=w * z height=h * z viewBox=format!("0 0 {w} {h}") data-nodes=ns.len() data-zoom=format!("{z:.2}")>
                        {edges}
                        {boxes}
                    </svg>
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: usize, depth: usize, split: Option<(usize, f64, usize, usize)>) -> DiagramNode {
        DiagramNode { id, depth, split, n_samples: 10, impurity: 0.5, mix: vec![0.5, 0.5], next: false }
    }

    #[test]
    fn parents_sit_above_the_middle_of_their_children_and_leaves_do_not_overlap() {
        // 0 → (1, 2); 2 → (3, 4)
        let ns = vec![node(0, 0, Some((0, 0.0, 1, 2))), node(1, 1, None), node(2, 1, Some((1, 0.5, 3, 4))), node(3, 2, None), node(4, 2, None)];
        let xs = layout(&ns);
        assert!((xs[2] - (xs[3] + xs[4]) / 2.0).abs() < 1e-9);
        assert!((xs[0] - (xs[1] + xs[2]) / 2.0).abs() < 1e-9);
        assert!(xs[1] + NODE_W <= xs[3] + 1e-9 && xs[3] + NODE_W <= xs[4] + 1e-9);
        // A broken child id does not panic.
        let broken = vec![node(0, 0, Some((0, 0.0, 7, 9)))];
        assert_eq!(layout(&broken).len(), 1);
        assert_eq!(rule_text(1, 0.4242), "x₂ ≤ 0.42");
    }
}
