//! The explore panel: every column's type (inferred, changeable), counts and summary; the chosen
//! column's histogram or category counts; the table itself, sortable and paged; Pearson's
//! correlations as a heatmap with the strongest pairs written out; a scatter matrix coloured by
//! the target. Display only: the profile is core's (`table::profile`).

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::table::{Kind, Summary, Table, Values};

use super::draw::{self, clipped, MAX_BARS};
use super::params::{Source, MAX_SCATTER, ROWS_PER_PAGE};
use super::text::DT;
use super::DataLabState;
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
    let t = move |key: DT| move || key.get(lang.get());

    // The columns' overview: one row per column.
    let overview = move || {
        let _ = table_version.get();
        let l = lang.get();
        let shown = params.with(|p| p.column);
        engine.with_value(|e| e.loaded.as_ref().map(|ld| {
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
                let note = (unparsed > 0).then(|| fill(DT::Unparsed.get(l), &[&thousands(unparsed as f64)]));
                let kind_id = format!("kind-{k}");
                view! {
                    <tr aria-selected=(k == shown).to_string() data-testid=format!("column-row-{k}")>
                        <td>{k}</td>
                        <td><button class="link" data-testid=format!("show-column-{k}") on:click=move |_| set(&|p| p.column = k)>{col.name().to_owned()}</button></td>
                        <td>
                            <select id=kind_id.clone() data-testid=kind_id aria-label=fill(DT::KindOf.get(l), &[col.name()])
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    set(&|p| {
                                        p.categorical.retain(|&x| x != k);
                                        p.numeric.retain(|&x| x != k);
                                        let asked = if v == "categorical" { Kind::Categorical } else { Kind::Numeric };
                                        if asked != inferred {
                                            if asked == Kind::Categorical { p.categorical.push(k) } else { p.numeric.push(k) }
                                        }
                                    })
                                }>
                                <option value="numeric" selected=kind == Kind::Numeric>{DT::Numeric.get(l)}</option>
                                <option value="categorical" selected=kind == Kind::Categorical>{DT::Categorical.get(l)}</option>
                            </select>
                            {(kind != inferred).then(|| view! { <span class="help">{DT::Changed.get(l)}</span> })}
                        </td>
                        <td data-testid=format!("missing-{k}")>{thousands(prof.missing as f64)}</td>
                        <td>{thousands(prof.distinct as f64)}</td>
                        <td>{summary}{note.map(|n| view! { <span class="help">" · "{n}</span> })}</td>
                    </tr>
                }
            }).collect_view()
        }))
    };

    // The chosen column: its chart and its numbers.
    let chart_ref = NodeRef::<Canvas>::new();
    // Each picture redraws when what it shows changes (the table, its settings, the language,
    // the canvas's size) — not on every frame of the models' fitting.
    let chart_drawn = StoredValue::new(None::<(u64, usize, Lang, i32, i32)>);
    Effect::new(move |_| {
        let (v, _) = table_version.get();
        frame.track();
        let l = lang.get();
        let c = params.with(|p| p.column).saturating_sub(1);
        let Some(canvas) = chart_ref.get() else { return };
        let key = (v, c, l, canvas.client_width(), canvas.client_height());
        if chart_drawn.get_value() == Some(key) || key.3 == 0 {
            return;
        }
        chart_drawn.set_value(Some(key));
        engine.with_value(|e| {
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
    let column_numbers = move || {
        let _ = table_version.get();
        let l = lang.get();
        let c = params.with(|p| p.column).saturating_sub(1);
        engine.with_value(|e| e.loaded.as_ref().and_then(|ld| {
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
            Some(view! { <p><strong>{head}</strong></p><p data-testid="column-numbers">{body}</p> })
        }))
    };
    let chart_label = move || {
        let c = params.with(|p| p.column);
        fill(DT::ColumnChartLabel.get(lang.get()), &[&c.to_string()])
    };

    // The table view, sorted and paged.
    let order = StoredValue::new((None::<(u64, i32)>, Vec::<usize>::new()));
    let page_rows = move || {
        let (v, _) = table_version.get();
        let (sort, page) = params.with(|p| (p.sort, p.page));
        engine.with_value(|e| {
            let ld = e.loaded.as_ref()?;
            let n = ld.table.n_rows();
            if order.with_value(|o| o.0 != Some((v, sort))) {
                let rows = match sort {
                    0 => (0..n).collect(),
                    s => row_order(&ld.table, s.unsigned_abs() as usize - 1, s < 0),
                };
                order.set_value((Some((v, sort)), rows));
            }
            let pages = n.div_ceil(ROWS_PER_PAGE).max(1);
            let page = page.clamp(1, pages);
            let rows: Vec<usize> = order.with_value(|o| o.1.iter().skip((page - 1) * ROWS_PER_PAGE).take(ROWS_PER_PAGE).copied().collect());
            let body = rows.iter().map(|&r| {
                let cells = ld.table.columns().iter().map(|c| {
                    let text = cell_text(c.values(), r);
                    let missing = c.values().is_missing(r);
                    view! { <td class:missing=missing>{text}</td> }
                }).collect_view();
                view! { <tr><td class="row-number">{r + 1}</td>{cells}</tr> }
            }).collect_view();
            Some((body, page, pages, n))
        })
    };
    let header = move || {
        let _ = table_version.get();
        let l = lang.get();
        let sort = params.with(|p| p.sort);
        engine.with_value(|e| e.loaded.as_ref().map(|ld| {
            ld.table.columns().iter().enumerate().map(|(c, col)| {
                let k = (c + 1) as i32;
                let state = if sort == k { "ascending" } else if sort == -k { "descending" } else { "none" };
                let arrow = match state { "ascending" => " ▲", "descending" => " ▼", _ => "" };
                let next = if sort == k { -k } else if sort == -k { 0 } else { k };
                view! {
                    <th scope="col" aria-sort=state>
                        <button class="link" data-testid=format!("sort-{k}") title=fill(DT::SortBy.get(l), &[col.name()])
                            on:click=move |_| set(&|p| { p.sort = next; p.page = 1; })>{clipped(col.name(), 18)}{arrow}</button>
                    </th>
                }
            }).collect_view()
        }))
    };
    let pager_info = move || {
        let l = lang.get();
        page_rows().map(|(_, page, pages, n)| {
            let first = (page - 1) * ROWS_PER_PAGE + 1;
            let last = (page * ROWS_PER_PAGE).min(n);
            fill(DT::PageInfo.get(l), &[&thousands(first as f64), &thousands(last as f64), &thousands(n as f64), &page.to_string(), &pages.to_string()])
        })
    };
    let pages = move || page_rows().map_or(1, |r| r.2);
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
        let key = (v, canvas.client_width(), canvas.client_height());
        if heat_drawn.get_value() == Some(key) || key.1 == 0 {
            return;
        }
        heat_drawn.set_value(Some(key));
        engine.with_value(|e| {
            let Some(ld) = &e.loaded else { return };
            let c = &ld.profile.correlation;
            let p = c.columns.len();
            let values: Vec<f32> = c.r.iter().map(|&r| r as f32).collect();
            let labels: Vec<String> = c.columns.iter().map(|k| (k + 1).to_string()).collect();
            matrix::draw(&canvas, &values, (p, p), Scale::Signed, (&labels, &labels), None);
            crate::components::chart::line::set_data(&canvas, "data-columns", &p.to_string());
        });
    });
    let strong_pairs = move || {
        let _ = table_version.get();
        let l = lang.get();
        engine.with_value(|e| e.loaded.as_ref().map(|ld| {
            let c = &ld.profile.correlation;
            let p = c.columns.len();
            let mut pairs: Vec<(usize, usize, f64)> = (0..p).flat_map(|i| (i + 1..p).map(move |j| (i, j))).filter_map(|(i, j)| c.get(i, j).filter(|r| r.is_finite()).map(|r| (i, j, r))).collect();
            pairs.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
            let name = |i: usize| ld.table.column(c.columns[i]).map_or(String::new(), |col| format!("{} ({})", col.name(), c.columns[i] + 1));
            pairs.into_iter().take(STRONG_PAIRS).map(|(i, j, r)| view! { <li>{fill(DT::PairLine.get(l), &[&name(i), &name(j), &number(r, 3)])}</li> }).collect_view()
        }))
    };

    // The scatter matrix: the chosen numeric columns (the first features by default), coloured by
    // the target's class.
    let scatter_columns = move || {
        let _ = table_version.get();
        engine.with_value(|e| e.loaded.as_ref().map_or_else(Vec::new, |ld| {
            let numeric = ld.table.numeric_columns();
            let (chosen, t) = params.with(|p| (p.scatter.clone(), p.target_column(ld.table.n_columns())));
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
        let target = params.with(|p| p.target);
        let key = (v, shown.clone(), Some(target), canvas.client_width(), canvas.client_height());
        if scatter_drawn.with_value(|d| d.as_ref() == Some(&key)) || key.3 == 0 {
            return;
        }
        scatter_drawn.set_value(Some(key));
        engine.with_value(|e| {
            let Some(ld) = &e.loaded else { return };
            let target = params.with_untracked(|p| p.target_column(ld.table.n_columns()));
            let classes = target.and_then(|t| ld.table.column(t)).and_then(|c| c.categories()).map(|(codes, _)| codes);
            let cols: Vec<(&str, &[f64])> = shown.iter().filter_map(|&c| ld.table.column(c).and_then(|col| col.numbers().map(|v| (col.name(), v)))).collect();
            draw::scatter_matrix(&canvas, &cols, &|r| classes.and_then(|c| c.get(r)).filter(|&&k| k != u32::MAX).map(|&k| k as usize), SCATTER_POINTS);
            crate::components::chart::line::set_data(&canvas, "data-columns", &cols.len().to_string());
        });
    });
    let scatter_choices = move || {
        let _ = table_version.get();
        let shown = scatter_columns();
        engine.with_value(|e| e.loaded.as_ref().map(|ld| {
            ld.table.numeric_columns().into_iter().map(|c| {
                let k = c + 1;
                let on = shown.contains(&c);
                let id = format!("scatter-{k}");
                let full = shown.len() >= MAX_SCATTER && !on;
                let current = shown.clone();
                view! {
                    <label class="toggle chip">
                        <input type="checkbox" id=id.clone() data-testid=id checked=on disabled=full
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                let mut now: Vec<usize> = current.iter().map(|c| c + 1).collect();
                                now.retain(|&x| x != k);
                                if checked { now.push(k); }
                                set(&|p| p.scatter = now.clone());
                            } />
                        {clipped(ld.table.column(c).map_or("", |c| c.name()), 18)}
                    </label>
                }
            }).collect_view()
        }))
    };
    let scatter_legend = move || {
        let _ = table_version.get();
        let l = lang.get();
        engine.with_value(|e| e.loaded.as_ref().and_then(|ld| {
            let t = params.with(|p| p.target_column(ld.table.n_columns()))?;
            let col = ld.table.column(t)?;
            let (_, names) = col.categories()?;
            let items = names.iter().enumerate().take(10).map(|(k, n)| {
                let style = format!("background:{}", crate::components::colors::css(draw::class_colour(k)));
                view! { <li><span class="swatch" style=style></span>{clipped(n, 20)}</li> }
            }).collect_view();
            Some(view! { <p class="help">{fill(DT::ColouredBy.get(l), &[col.name()])}</p><ul class="legend">{items}</ul> })
        }))
    };

    view! {
        <section class="panel" aria-labelledby="data-explore">
            <h2 id="data-explore">{t(DT::ExploreTitle)}</h2>
            <p class="help">{t(DT::ExploreHelp)}</p>
            <div class="table-scroll">
                <table class="columns-table" data-testid="columns-table">
                    <thead><tr>
                        <th scope="col">"#"</th><th scope="col">{t(DT::ColName)}</th><th scope="col">{t(DT::ColKind)}</th>
                        <th scope="col">{t(DT::ColMissing)}</th><th scope="col">{t(DT::ColDistinct)}</th><th scope="col">{t(DT::ColSummary)}</th>
                    </tr></thead>
                    <tbody>{overview}</tbody>
                </table>
            </div>
            <p class="help">{t(DT::KindHelp)}</p>
            <div class="lab-grid two">
                <div>
                    <h3>{t(DT::ColumnTitle)}</h3>
                    <canvas node_ref=chart_ref data-testid="column-chart" class="chart-canvas" role="img" aria-label=chart_label></canvas>
                    <div data-testid="column-summary">{column_numbers}</div>
                </div>
                <div>
                    <h3>{t(DT::CorrelationTitle)}</h3>
                    <canvas node_ref=heat_ref data-testid="correlation-chart" class="chart-canvas data-square" role="img" aria-label=move || DT::CorrelationLabel.get(lang.get())></canvas>
                    <p class="help">{t(DT::CorrelationHelp)}</p>
                    <ol data-testid="strong-pairs">{strong_pairs}</ol>
                </div>
            </div>
            <h3>{t(DT::TableTitle)}</h3>
            <div class="table-scroll">
                <table class="data-table" data-testid="data-table">
                    <thead><tr><th scope="col">{t(DT::RowHead)}</th>{header}</tr></thead>
                    <tbody>{move || page_rows().map(|r| r.0)}</tbody>
                </table>
            </div>
            <div class="row wrap">
                <button data-testid="page-prev" on:click=move |_| turn(-1)>{t(DT::PrevPage)}</button>
                <span data-testid="page-info" aria-live="polite">{pager_info}</span>
                <button data-testid="page-next" on:click=move |_| turn(1)>{t(DT::NextPage)}</button>
            </div>
            <h3>{t(DT::ScatterTitle)}</h3>
            <p class="help">{t(DT::ScatterHelp)}</p>
            <div class="row wrap" role="group" aria-label=move || DT::ScatterTitle.get(lang.get())>{scatter_choices}</div>
            <canvas node_ref=scatter_ref data-testid="scatter-matrix" class="chart-canvas data-square" role="img" aria-label=move || DT::ScatterLabel.get(lang.get())></canvas>
            {scatter_legend}
        </section>
    }
}

use crate::components::lab_shell::LabState;
