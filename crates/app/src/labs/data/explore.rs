//! The explore panel: every column's type (inferred, changeable), counts and summary; the chosen
//! column's histogram or category counts; the table itself, sortable and paged; Pearson's
//! correlations as a heatmap with the strongest pairs written out; a scatter matrix coloured by
//! the target. Display only: the profile is core's (`table::profile`).

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::shared::sorted_order;
use perplexed_core::table::{Kind, Summary, Table, Values};

use super::draw::{self, clipped, MAX_BARS};
use super::params::{Source, MAX_SCATTER, ROWS_PER_PAGE};
use super::text::DT;
use super::DataLabState;
use crate::components::dom::{self, live, tag_text, El};
use crate::components::dom_controls::checkbox;
use crate::components::format::{number, thousands};
use crate::i18n::{fill, Lang};
use crate::labs::attention::matrix::{self, Scale};

/// Most rows a scatter matrix draws (every k-th row beyond it).
const SCATTER_POINTS: usize = 2000;
/// The strongest correlations written out.
const STRONG_PAIRS: usize = 5;

/// A cell as the table view writes it ("—" for a missing value).
fn cell_text(values: &Values, row: usize) -> String {
    values.text(row).unwrap_or_else(|| "—".into())
}

/// The table's rows in the order of column `by` (missing values last; equal values as read).
pub fn row_order(table: &Table, by: usize, descending: bool) -> Vec<usize> {
    let n = table.n_rows();
    let Some(col) = table.column(by) else { return (0..n).collect() };
    use std::cmp::Ordering;
    let cmp: Box<dyn Fn(usize, usize) -> Ordering> = match col.values() {
        Values::Numeric(v) => Box::new(move |a, b| match (v[a].is_nan(), v[b].is_nan()) {
            (true, true) => Ordering::Equal,
            (true, false) => Ordering::Greater,
            (false, true) => Ordering::Less,
            _ if descending => v[b].total_cmp(&v[a]),
            _ => v[a].total_cmp(&v[b]),
        }),
        Values::Categorical { codes, categories } => Box::new(move |a, b| {
            let name = |r: usize| categories.get(codes[r] as usize).map(String::as_str);
            match (name(a), name(b)) {
                (None, None) => Ordering::Equal,
                (None, _) => Ordering::Greater,
                (_, None) => Ordering::Less,
                (Some(x), Some(y)) if descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
            }
        }),
    };
    perplexed_core::shared::sorted_order(n, &cmp)
}

pub fn panel(lab: DataLabState, table_version: Memo<(u64, Option<Source>)>) -> impl IntoView {
    let LabState { lang, params, engine, frame } = lab;
    let set = move |f: &dyn Fn(&mut super::params::DataParams)| lab.set(f);

    // The columns' overview: one row per column.
    let overview = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let shown = params.look(|p| p.column);
        let head = [DT::ColName, DT::ColKind, DT::ColMissing, DT::ColDistinct, DT::ColSummary].iter().map(|h| h.get(l).to_owned());
        let head = std::iter::once("#".to_owned()).chain(head).collect();
        let rows = engine.look(|e| e.loaded.as_ref().map(|ld| {
            ld.table.columns().iter().zip(&ld.profile.columns).enumerate().map(|(c, (col, prof))| {
                let k = c + 1;
                let kind = col.kind();
                let inferred = col.inferred_kind();
                let summary = match &prof.summary {
                    Summary::Numeric(s) => fill(DT::NumericBrief.get(l), &[&number(s.mean, 3), &number(s.std, 3), &number(s.min, 3), &number(s.max, 3)]),
                    Summary::Categorical(counts) => {
                        let top = counts.first().and_then(|(code, n)| col.categories().and_then(|(_, cats)| cats.get(*code as usize)).map(|c| (c.clone(), *n)));
                        top.map_or_else(String::new, |(c, n)| fill(DT::CategoricalBrief.get(l), &[&clipped(&c, 20), &thousands(n as f64)]))
                    }
                };
                let unparsed = col.unparsed();
                let note = (unparsed > 0).then(|| tag_text("span", "help", format!(" · {}", fill(DT::Unparsed.get(l), &[&thousands(unparsed as f64)]))));
                let kind_option = |value: &'static str, text: crate::i18n::Label, k: Kind| El::new("option").attr("value", value).flag("selected", kind == k).says(text.get(l));
                let kind_select = El::new("select").attr("id", format!("kind-{k}")).testid(format!("kind-{k}")).attr("aria-label", fill(DT::KindOf.get(l), &[col.name()]))
                    .child(kind_option("numeric", DT::Numeric, Kind::Numeric))
                    .child(kind_option("categorical", DT::Categorical, Kind::Categorical))
                    .on_value(move |v| set(&|p| {
                        p.categorical.retain(|&x| x != k);
                        p.numeric.retain(|&x| x != k);
                        let asked = if v == "categorical" { Kind::Categorical } else { Kind::Numeric };
                        if asked != inferred {
                            if asked == Kind::Categorical { p.categorical.push(k) } else { p.numeric.push(k) }
                        }
                    }));
                El::new("tr").attr("aria-selected", (k == shown).to_string()).testid(format!("column-row-{k}"))
                    .child(tag_text("td", "", k.to_string()))
                    .child(El::new("td").child(El::new("button").class("link").testid(format!("show-column-{k}")).says(col.name()).on_click(move || set(&|p| p.column = k))))
                    .child(El::new("td").child(kind_select).child_if((kind != inferred).then(|| tag_text("span", "help", DT::Changed.get(l)))))
                    .child(tag_text("td", "", thousands(prof.missing as f64)).testid(format!("missing-{k}")))
                    .child(tag_text("td", "", thousands(prof.distinct as f64)))
                    .child(El::new("td").says(summary).child_if(note))
            }).collect()
        })).unwrap_or_default();
        vec![dom::table("columns-table", "columns-table", head, rows)]
    });

    // The chosen column: its chart and its numbers.
    let chart_ref = NodeRef::<Canvas>::new();
    // Each picture redraws when what it shows changes (the table, its settings, the language,
    // the canvas's size) — not on every frame of the models' fitting.
    let chart_drawn = StoredValue::new(None::<(u64, usize, Lang, i32, i32)>);
    Effect::new(move |_| {
        let (v, _) = table_version.get();
        frame.track();
        let l = lang.get();
        let c = params.look(|p| p.column).saturating_sub(1);
        let Some(canvas) = chart_ref.get() else { return };
        let _ = canvas.set_attribute("aria-label", &fill(DT::ColumnChartLabel.get(l), &[&(c + 1).to_string()]));
        let key = (v, c, l, canvas.client_width(), canvas.client_height());
        if chart_drawn.get_value() == Some(key) || key.3 == 0 {
            return;
        }
        chart_drawn.set_value(Some(key));
        engine.look(|e| {
            let Some(ld) = &e.loaded else { return };
            let (Some(col), Some(prof)) = (ld.table.column(c), ld.profile.columns.get(c)) else { return };
            match &prof.summary {
                Summary::Numeric(s) => draw::histogram(&canvas, &s.histogram.edges, &s.histogram.counts, (col.name(), DT::AxisRows.get(l))),
                Summary::Categorical(counts) => {
                    let names = col.categories().map(|(_, c)| c).unwrap_or(&[]);
                    let bars: Vec<(String, usize)> = counts.iter().take(MAX_BARS).map(|(code, n)| (names.get(*code as usize).cloned().unwrap_or_default(), *n)).collect();
                    draw::category_bars(&canvas, &bars, DT::AxisRows.get(l));
                }
            }
            crate::components::chart::line::set_data(&canvas, "data-column", &(c + 1).to_string());
        });
    });
    let column_numbers = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let c = params.look(|p| p.column).saturating_sub(1);
        let shown = engine.look(|e| e.loaded.as_ref().and_then(|ld| {
            let (col, prof) = (ld.table.column(c)?, ld.profile.columns.get(c)?);
            let head = fill(DT::ColumnHead.get(l), &[&(c + 1).to_string(), col.name(), &thousands(prof.count as f64), &thousands(prof.missing as f64), &thousands(prof.distinct as f64)]);
            let body = match &prof.summary {
                Summary::Numeric(s) => fill(DT::NumericSummary.get(l), &[&number(s.mean, 4), &number(s.std, 4), &number(s.min, 4), &number(s.q1, 4), &number(s.median, 4), &number(s.q3, 4), &number(s.max, 4)]),
                Summary::Categorical(counts) => {
                    let names = col.categories().map(|(_, c)| c).unwrap_or(&[]);
                    let shown: Vec<String> = counts.iter().take(MAX_BARS).map(|(code, n)| format!("{} ({})", names.get(*code as usize).map_or("", String::as_str), thousands(*n as f64))).collect();
                    let rest = counts.len().saturating_sub(MAX_BARS);
                    let mut s = shown.join(", ");
                    if rest > 0 {
                        s.push_str(&fill(DT::MoreCategories.get(l), &[&rest.to_string()]));
                    }
                    s
                }
            };
            Some(vec![El::new("p").child(tag_text("strong", "", head)), tag_text("p", "", body).testid("column-numbers")])
        })).unwrap_or_default();
        vec![El::new("div").testid("column-summary").children(shown)]
    });


    // The table view, sorted and paged: (rows of this page, page, pages, rows in all).
    let order = StoredValue::new((None::<(u64, i32)>, Vec::<usize>::new()));
    let page_of_rows = move || {
        let (v, _) = table_version.get();
        let (sort, page) = params.look(|p| (p.sort, p.page));
        engine.look(|e| {
            let n = e.loaded.as_ref()?.table.n_rows();
            if order.with_value(|o| o.0 != Some((v, sort))) {
                let rows = match sort {
                    0 => (0..n).collect(),
                    s => e.loaded.as_ref().map_or_else(Vec::new, |ld| row_order(&ld.table, s.unsigned_abs() as usize - 1, s < 0)),
                };
                order.set_value((Some((v, sort)), rows));
            }
            let pages = n.div_ceil(ROWS_PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            let rows: Vec<usize> = order.with_value(|o| o.1.iter().skip((page - 1) * ROWS_PER_PAGE).take(ROWS_PER_PAGE).copied().collect());
            Some((rows, page, pages, n))
        })
    };
    let data_table = live(move || {
        let l = lang.get();
        let sort = params.look(|p| p.sort);
        let page = page_of_rows();
        engine.look(|e| e.loaded.as_ref().zip(page).map(|(ld, (rows, ..))| {
            let sorters = ld.table.columns().iter().enumerate().map(|(c, col)| {
                let k = (c + 1) as i32;
                let state = if sort == k { "ascending" } else if sort == -k { "descending" } else { "none" };
                let arrow = match state { "ascending" => " ▲", "descending" => " ▼", _ => "" };
                let button = El::new("button").class("link").testid(format!("sort-{k}")).attr("title", fill(DT::SortBy.get(l), &[col.name()])).says(format!("{}{arrow}", clipped(col.name(), 18)))
                    .on_click(move || set(&|p| { p.sort = if p.sort == k { -k } else if p.sort == -k { 0 } else { k }; p.page = 1; }));
                El::new("th").attr("scope", "col").attr("aria-sort", state).child(button)
            }).collect();
            let head = El::new("tr").child(El::new("th").attr("scope", "col").says(DT::RowHead.get(l))).children(sorters);
            let body = rows.iter().map(|&r| {
                let cells = ld.table.columns().iter().map(|c| {
                    let cell = El::new("td").says(cell_text(c.values(), r));
                    if c.values().is_missing(r) { cell.class("missing") } else { cell }
                }).collect();
                El::new("tr").child(tag_text("td", "row-number", (r + 1).to_string())).children(cells)
            }).collect();
            vec![dom::table_with_head("data-table", "data-table", vec![head], body)]
        })).unwrap_or_default()
    });

    let pages = move || page_of_rows().map_or(1, |r| r.2);
    let turn = move |delta: i64| {
        let last = pages();
        set(&|p| p.page = (p.page as i64 + delta).clamp(1, last as i64) as usize);
    };

    // The correlations.
    let heat_ref = NodeRef::<Canvas>::new();
    let heat_drawn = StoredValue::new(None::<(u64, i32, i32)>);
    Effect::new(move |_| {
        let (v, _) = table_version.get();
        frame.track();
        let Some(canvas) = heat_ref.get() else { return };
        let _ = canvas.set_attribute("aria-label", DT::CorrelationLabel.get(lang.get()));
        let key = (v, canvas.client_width(), canvas.client_height());
        if heat_drawn.get_value() == Some(key) || key.1 == 0 {
            return;
        }
        heat_drawn.set_value(Some(key));
        engine.look(|e| {
            let Some(ld) = &e.loaded else { return };
            let c = &ld.profile.correlation;
            let p = c.columns.len();
            let values: Vec<f32> = c.r.iter().map(|&r| r as f32).collect();
            let labels: Vec<String> = c.columns.iter().map(|k| (k + 1).to_string()).collect();
            matrix::draw(&canvas, &values, (p, p), Scale::Signed, (&labels, &labels), None);
            crate::components::chart::line::set_data(&canvas, "data-columns", &p.to_string());
        });
    });
    let strong_pairs = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let items = engine.look(|e| e.loaded.as_ref().map(|ld| {
            let c = &ld.profile.correlation;
            let p = c.columns.len();
            let pairs: Vec<(usize, usize, f64)> = (0..p).flat_map(|i| (i + 1..p).map(move |j| (i, j))).filter_map(|(i, j)| c.get(i, j).filter(|r| r.is_finite()).map(|r| (i, j, r))).collect();
            let order = sorted_order(pairs.len(), &|a, b| pairs[b].2.abs().total_cmp(&pairs[a].2.abs()));
            let name = |i: usize| ld.table.column(c.columns[i]).map_or(String::new(), |col| format!("{} ({})", col.name(), c.columns[i] + 1));
            order.into_iter().take(STRONG_PAIRS).map(|k| {
                let (i, j, r) = pairs[k];
                tag_text("li", "", fill(DT::PairLine.get(l), &[&name(i), &name(j), &number(r, 3)]))
            }).collect()
        })).unwrap_or_default();
        vec![El::new("ol").testid("strong-pairs").children(items)]
    });

    // The scatter matrix: the chosen numeric columns (the first features by default), coloured by
    // the target's class.
    let scatter_columns = move || {
        let _ = table_version.get();
        engine.look(|e| e.loaded.as_ref().map_or_else(Vec::new, |ld| {
            let numeric = ld.table.numeric_columns();
            let (chosen, t) = params.look(|p| (p.scatter.clone(), p.target_column(ld.table.n_columns())));
            if chosen.is_empty() {
                numeric.into_iter().filter(|&c| Some(c) != t).take(3).collect()
            } else {
                chosen.iter().map(|k| k - 1).filter(|c| numeric.contains(c)).collect()
            }
        }))
    };
    let scatter_ref = NodeRef::<Canvas>::new();
    let scatter_drawn = StoredValue::new(None::<(u64, Vec<usize>, Option<usize>, i32, i32)>);
    Effect::new(move |_| {
        let (v, _) = table_version.get();
        frame.track();
        let shown = scatter_columns();
        let Some(canvas) = scatter_ref.get() else { return };
        let _ = canvas.set_attribute("aria-label", DT::ScatterLabel.get(lang.get()));
        let target = params.look(|p| p.target);
        let key = (v, shown.clone(), Some(target), canvas.client_width(), canvas.client_height());
        if scatter_drawn.with_value(|d| d.as_ref() == Some(&key)) || key.3 == 0 {
            return;
        }
        scatter_drawn.set_value(Some(key));
        engine.look(|e| {
            let Some(ld) = &e.loaded else { return };
            let target = params.with_untracked(|p| p.target_column(ld.table.n_columns()));
            let classes = target.and_then(|t| ld.table.column(t)).and_then(|c| c.categories()).map(|(codes, _)| codes);
            let cols: Vec<(&str, &[f64])> = shown.iter().filter_map(|&c| ld.table.column(c).and_then(|col| col.numbers().map(|v| (col.name(), v)))).collect();
            draw::scatter_matrix(&canvas, &cols, &|r| classes.and_then(|c| c.get(r)).filter(|&&k| k != u32::MAX).map(|&k| k as usize), SCATTER_POINTS);
            crate::components::chart::line::set_data(&canvas, "data-columns", &cols.len().to_string());
        });
    });
    let scatter_choices = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let shown = scatter_columns();
        let boxes = engine.look(|e| e.loaded.as_ref().map(|ld| {
            ld.table.numeric_columns().into_iter().map(|c| {
                let k = c + 1;
                let on = shown.contains(&c);
                let input = checkbox(format!("scatter-{k}"), on).flag("disabled", shown.len() >= MAX_SCATTER && !on).on_checked(move |checked| {
                    let mut now: Vec<usize> = scatter_columns().iter().map(|c| c + 1).collect();
                    now.retain(|&x| x != k);
                    if checked {
                        now.push(k);
                    }
                    set(&|p| p.scatter = now.clone());
                });
                El::new("label").class("toggle chip").child(input).says(clipped(ld.table.column(c).map_or("", |c| c.name()), 18))
            }).collect()
        })).unwrap_or_default();
        vec![El::new("div").class("row wrap").attr("role", "group").attr("aria-label", DT::ScatterTitle.get(l)).children(boxes)]
    });
    let scatter_legend = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        engine.look(|e| e.loaded.as_ref().and_then(|ld| {
            let t = params.look(|p| p.target_column(ld.table.n_columns()))?;
            let col = ld.table.column(t)?;
            let (_, names) = col.categories()?;
            let items = names.iter().enumerate().take(10).map(|(k, n)| {
                let swatch = El::new("span").class("swatch").attr("style", format!("background:{}", crate::components::colors::css(draw::class_colour(k))));
                El::new("li").child(swatch).says(clipped(n, 20))
            }).collect();
            Some(vec![tag_text("p", "help", fill(DT::ColouredBy.get(l), &[col.name()])), El::new("ul").class("legend").children(items)])
        })).unwrap_or_default()
    });

    // Headings and help: their language is their only input.
    let text = move |tag: &'static str, class: &'static str, key: crate::i18n::Label| live(move || vec![tag_text(tag, class, key.get(lang.get()))]);
    let pager = live(move || {
        let l = lang.get();
        let info = page_of_rows().map(|(_, page, pages, n)| {
            let first = (page - 1) * ROWS_PER_PAGE + 1;
            let last = (page * ROWS_PER_PAGE).min(n);
            fill(DT::PageInfo.get(l), &[&thousands(first as f64), &thousands(last as f64), &thousands(n as f64), &page.to_string(), &pages.to_string()])
        });
        vec![El::new("div").class("row wrap")
            .child(El::new("button").testid("page-prev").says(DT::PrevPage.get(l)).on_click(move || turn(-1)))
            .child(tag_text("span", "", info.unwrap_or_default()).testid("page-info").attr("aria-live", "polite"))
            .child(El::new("button").testid("page-next").says(DT::NextPage.get(l)).on_click(move || turn(1)))]
    });

    view! {
        <section class="panel" aria-labelledby="data-explore">
            {live(move || { let l = lang.get(); vec![tag_text("h2", "", DT::ExploreTitle.get(l)).attr("id", "data-explore"), tag_text("p", "help", DT::ExploreHelp.get(l))] })}
            {overview}
            {text("p", "help", DT::KindHelp)}
            <div class="lab-grid two">
                <div>
                    {text("h3", "", DT::ColumnTitle)}
                    <canvas node_ref=chart_ref data-testid="column-chart" class="chart-canvas" role="img"></canvas>
                    {column_numbers}
                </div>
                <div>
                    {text("h3", "", DT::CorrelationTitle)}
                    <canvas node_ref=heat_ref data-testid="correlation-chart" class="chart-canvas data-square" role="img"></canvas>
                    {text("p", "help", DT::CorrelationHelp)}
                    {strong_pairs}
                </div>
            </div>
            {text("h3", "", DT::TableTitle)}
            {data_table}
            {pager}
            {text("h3", "", DT::ScatterTitle)}
            {text("p", "help", DT::ScatterHelp)}
            {scatter_choices}
            <canvas node_ref=scatter_ref data-testid="scatter-matrix" class="chart-canvas data-square" role="img"></canvas>
            {scatter_legend}
        </section>
    }
}

use crate::components::lab_shell::{LabState, Look};
