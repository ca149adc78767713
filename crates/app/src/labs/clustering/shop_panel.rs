//! The shoppers panel: a table of shoppers segmented by k-means, drawn with PCA (their scores
//! and the columns' loadings, and the variance each component explains), and the segments in
//! words.

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::shoppers::COLUMNS;

use crate::components::colors::css;
use crate::components::controls::{count, toggle_explained};
use crate::components::format::{number, percent};
use crate::components::errors::say;
use crate::i18n::fill;
use crate::components::lab_shell::Look;

use super::draw::{cluster_colour, draw_pca, draw_variance, PcaPlot};
use super::params::SHOP_K_MAX;
use super::text::{column_mean, column_names, trait_phrase, CP, CT};
use super::{cell, pc_name, Shared};

/// Rows of the shoppers table shown.
const TABLE_ROWS: usize = 8;

#[component]
pub(super) fn ShopPanel(sh: Shared) -> impl IntoView {
    let Shared { lang, params, engine, shop_rev, .. } = sh;
    let pca_ref = NodeRef::<Canvas>::new();
    let var_ref = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        shop_rev.track();
        let l = lang.get();
        engine.look(|e| {
            let shop = &e.shop;
            let Ok(pca) = &shop.seg.pca else { return };
            let ratios = pca.explained_variance_ratio();
            if let Some(c) = pca_ref.get() {
                let loadings = COLUMNS
                    .iter()
                    .enumerate()
                    .map(|(j, col)| {
                        let name = column_names(col.slug).map_or(col.slug, |(_, short)| short.get(l));
                        (pca.component(0).get(j).copied().unwrap_or(0.0), pca.component(1).get(j).copied().unwrap_or(0.0), name)
                    })
                    .collect();
                let axis = |k: usize| fill(CT::AxisPc.get(l), &[&(k + 1).to_string(), &percent(ratios.get(k).copied().unwrap_or(0.0))]);
                draw_pca(
                    &c,
                    &PcaPlot { projected: &shop.seg.projected, labels: &shop.seg.labels, loadings, x_label: axis(0), y_label: axis(1) },
                );
            }
            if let Some(c) = var_ref.get() {
                draw_variance(&c, ratios, CT::AxisVariance.get(l), &|k| pc_name(l, k));
            }
        });
    });

    let shop_segments = sh.read([shop_rev], |e, l| {
        e.shop
            .seg
            .profiles
            .iter()
            .filter(|p| p.size > 0)
            .map(|p| {
                let head = fill(CT::SegmentHead.get(l), &[&(p.cluster + 1).to_string(), &CP::Customers.count(p.size, l), &percent(f64::from(p.share))]);
                let words: Vec<&str> = p
                    .distinctive()
                    .iter()
                    .filter_map(|tr| COLUMNS.get(tr.column).and_then(|c| trait_phrase(c.slug, tr.level)))
                    .map(|k| k.get(l))
                    .collect();
                let words = if words.is_empty() { CT::SegmentTypical.get(l).to_owned() } else { words.join(", ") };
                let means: Vec<String> = p
                    .traits
                    .iter()
                    .filter_map(|tr| {
                        let col = COLUMNS.get(tr.column)?;
                        Some(fill(column_mean(col.slug)?.get(l), &[&cell(tr.value, col.slug, col.decimals)]))
                    })
                    .collect();
                let colour = css(cluster_colour(p.cluster));
                view! {
                    <li class="cl-segment" data-testid=format!("segment-{}", p.cluster + 1)>
                        <span class="cl-chip" style=format!("--chip: {colour}")></span>
                        <strong>{head}</strong>": "{words}
                        <div class="help">{fill(CT::SegmentMeans.get(l), &[&means.join(" · ")])}</div>
                    </li>
                }
            })
            .collect_view()
    });
    let shop_table = sh.read([shop_rev], |e, l| {
        let shop = &e.shop;
        let heads = COLUMNS
            .iter()
            .map(|c| view! { <th scope="col">{column_names(c.slug).map_or(c.slug, |(h, _)| h.get(l))}</th> })
            .collect_view();
        let rows = (0..TABLE_ROWS.min(shop.table.rows()))
            .map(|i| {
                let cells = shop
                    .table
                    .row(i)
                    .iter()
                    .zip(COLUMNS.iter())
                    .map(|(&v, c)| view! { <td>{cell(v, c.slug, c.decimals)}</td> })
                    .collect_view();
                let segment = shop.seg.labels.get(i).map(|&s| {
                    let colour = css(cluster_colour(s));
                    view! { <span class="cl-chip" style=format!("--chip: {colour}")></span>{(s + 1).to_string()} }
                });
                view! { <tr>{cells}<td>{segment}</td></tr> }
            })
            .collect_view();
        view! {
            <caption>{fill(CT::TableCaption.get(l), &[&TABLE_ROWS.to_string(), &shop.table.rows().to_string()])}</caption>
            <thead><tr>{heads}<th scope="col">{CT::ColSegment.get(l)}</th></tr></thead>
            <tbody>{rows}</tbody>
        }
    });
    let shop_notes = sh.read([shop_rev], |e, l| {
        let s = &e.shop.seg;
        let mut out = Vec::new();
        if let Err(m) = &s.pca {
            out.push(fill(CT::PcaError.get(l), &[&say(m, l)]));
        }
        if let Some(m) = &s.error {
            out.push(fill(CT::ShopError.get(l), &[&say(m, l)]));
        }
        out.join(" ")
    });
    let var_help =
        sh.read([shop_rev], |e, l| e.shop.seg.pca.as_ref().map_or(String::new(), |p| fill(CT::VarHelp.get(l), &[&percent(p.cumulative_ratio(2))])));
    let shop_ari = sh.read([shop_rev], |e, l| e.shop.seg.ari.map_or(String::new(), |a| fill(CT::ShopAri.get(l), &[&number(a, 2)])));
    let t = move |key: crate::i18n::Label| sh.t(key);

    view! {
        <section class="panel cl-wide" aria-labelledby="cl-shop">
            <h2 id="cl-shop">{t(CT::ShopTitle)}</h2>
            <p class="help">{t(CT::ShopIntro)}</p>
            <div class="cl-shop-controls">
                {toggle_explained(lang, "standardise", CT::StdLabel, CT::StdHelp,
                    move || params.look(|p| p.standardise), move |v| sh.set(|p| p.standardise = v))}
                {count(sh.lang, sh.params, "shop_k", CT::ShopKLabel, CT::ShopKHelp, (1, SHOP_K_MAX as i64), "", |p| p.shop_k, |p, v| p.shop_k = v)}
            </div>
            <div class="cl-table-wrap">
                <table class="cl-table" data-testid="shop-table">{shop_table}</table>
            </div>
            <div class="cl-shop-plots">
                <figure>
                    <figcaption>{t(CT::PcaTitle)}</figcaption>
                    <canvas node_ref=pca_ref data-testid="shop-pca" class="cl-pca" role="img" aria-label=t(CT::PcaTitle)></canvas>
                    <p class="help">{t(CT::PcaHelp)}</p>
                </figure>
                <figure>
                    <figcaption>{t(CT::VarTitle)}</figcaption>
                    <canvas node_ref=var_ref data-testid="shop-variance" class="cl-variance"></canvas>
                    <p class="help">{var_help}</p>
                </figure>
            </div>
            <h3>{t(CT::SegmentsTitle)}</h3>
            <ul class="cl-segments" data-testid="shop-segments">{shop_segments}</ul>
            <p data-testid="shop-ari">{shop_ari}</p>
            <p class="error" role="alert" data-testid="shop-error">{shop_notes}</p>
        </section>
    }
}
