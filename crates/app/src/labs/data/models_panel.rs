//! Prepare, split and model, the traps, and the downloads: the second half of the data lab's
//! page. Display only: the preparation, the split, the models and their scores are core's, run
//! by [`super::fit`].

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::dataset::Problem;
use perplexed_core::table::{Kind, MissingRule, PrepError};
use perplexed_core::workflow::{Evaluation, ModelKind, MAX_FIT_ROWS};

use super::draw;
use super::fit::{headline, ModelsRun, SetupError, Variant};
use super::params::{Demo, Source, FOLD_CHOICES, MODEL_SLUGS};
use super::text::DT;
use super::DataLabState;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::Theme;
use crate::components::controls::{counter, seed, select, split_shares, toggle_explained};
use crate::components::errors::say;
use crate::components::files::{save, save_png};
use crate::components::format::{number, share, thousands};
use crate::components::lab_shell::{LabState, Run};
use crate::i18n::{fill, Label, Lang};

pub fn model_name(k: ModelKind) -> DT {
    match k {
        ModelKind::Linear => DT::ModelLinear,
        ModelKind::Tree => DT::ModelTree,
        ModelKind::Forest => DT::ModelForest,
        ModelKind::Boosting => DT::ModelBoosting,
        ModelKind::Knn => DT::ModelKnn,
        ModelKind::Mlp => DT::ModelMlp,
    }
}

fn model_help(k: ModelKind) -> DT {
    match k {
        ModelKind::Linear => DT::ModelLinearHelp,
        ModelKind::Tree => DT::ModelTreeHelp,
        ModelKind::Forest => DT::ModelForestHelp,
        ModelKind::Boosting => DT::ModelBoostingHelp,
        ModelKind::Knn => DT::ModelKnnHelp,
        ModelKind::Mlp => DT::ModelMlpHelp,
    }
}

/// The fold choices as the select writes them.
const FOLD_SLUGS: [&str; 4] = ["0", "3", "5", "10"];

/// A share as a percentage with one decimal (the shared format, "—" when not finite).
fn pct(v: f64) -> String {
    share(Some(v as f32))
}

/// The scores of one evaluation in a line ("accuracy 96.7 %, macro F1 0.967, AUC 0.99").
fn scores_line(e: &Evaluation, l: Lang) -> String {
    if let Some(c) = &e.classification {
        let mut s = fill(DT::ClassScores.get(l), &[&pct(c.accuracy), &number(c.macro_avg.f1, 3)]);
        if let Some(auc) = c.auc {
            s.push_str(&fill(DT::AucPart.get(l), &[&number(auc, 3)]));
        }
        s
    } else if let Some(r) = &e.regression {
        fill(DT::RegressionScores.get(l), &[&number(r.r2, 3), &number(r.mae, 3), &number(r.rmse, 3)])
    } else {
        String::new()
    }
}

/// The headline score as the tables write it (accuracy as a percentage, R² as a number).
fn headline_text(e: Option<&Evaluation>) -> String {
    match e {
        Some(e) if e.classification.is_some() => e.classification.as_ref().map_or("—".into(), |c| pct(c.accuracy)),
        Some(e) => headline(e).map_or("—".into(), |v| number(v, 3)),
        None => "—".into(),
    }
}

/// A refusal of the setup in a sentence.
fn setup_error_text(e: &SetupError, names: &dyn Fn(usize) -> String, l: Lang) -> String {
    match e {
        SetupError::NoTarget => DT::ErrNoTarget.get(l).to_owned(),
        SetupError::NoShiftColumn => DT::ErrNoShift.get(l).to_owned(),
        SetupError::Param(p) => say(p, l),
        SetupError::Prep(p) => match p {
            PrepError::NoFeatures => DT::ErrNoFeatures.get(l).to_owned(),
            PrepError::OneClass { column } => fill(DT::ErrOneClass.get(l), &[&names(*column)]),
            PrepError::TooManyCategories { column, found, limit } => fill(DT::ErrTooManyCategories.get(l), &[&names(*column), &found.to_string(), &limit.to_string()]),
            PrepError::TooManyFeatures { found, limit } => fill(DT::ErrTooManyFeatures.get(l), &[&found.to_string(), &limit.to_string()]),
            PrepError::NoValues { column } => fill(DT::ErrNoValues.get(l), &[&names(*column)]),
            PrepError::NoCompleteRows | PrepError::NoTrainingRows => DT::ErrNoRows.get(l).to_owned(),
            other => format!("{other:?}"),
        },
    }
}

pub fn panel(lab: DataLabState, run: Run, table_version: Memo<(u64, Option<Source>)>) -> impl IntoView {
    let LabState { lang, params, engine, frame } = lab;
    let set = move |f: &dyn Fn(&mut super::params::DataParams)| lab.set(f);
    let t = move |key: DT| move || key.get(lang.get());
    // The models' state moves every frame while they fit; views of it track this.
    let models_tick = Memo::new(move |_| {
        frame.track();
        engine.with_value(|e| e.models.as_ref().map(|m| (e.version, m.progress(), m.scored(), m.test_seen, m.importances.is_some(), m.folds_done())))
    });
    let column_name = move |c: usize| engine.with_value(|e| e.table().and_then(|t| t.column(c)).map_or(String::new(), |col| format!("{} ({})", col.name(), c + 1)));

    // ---- 3 · Prepare
    let target_select = move || {
        let _ = table_version.get();
        let l = lang.get();
        engine.with_value(|e| e.table().map(|tb| {
            let n = tb.n_columns();
            let current = params.with_untracked(|p| p.target_column(n)).map_or(0, |c| c + 1);
            let options = tb.columns().iter().enumerate().map(|(c, col)| {
                let k = c + 1;
                view! { <option value=k.to_string() selected=k == current>{format!("{k} · {}", col.name())}</option> }
            }).collect_view();
            view! {
                <div class="control" data-control="target">
                    <div class="control-head"><label for="target">{DT::TargetLabel.get(l)}</label></div>
                    <select id="target" data-testid="target" aria-describedby="target-help"
                        on:change=move |ev| { if let Ok(k) = event_target_value(&ev).parse::<usize>() { set(&|p| { p.target = k; p.exclude.retain(|&x| x != k); }) } }>{options}</select>
                    <p class="help" id="target-help">{DT::TargetHelp.get(l)}</p>
                </div>
            }
        }))
    };
    let problem_line = move || {
        let _ = table_version.get();
        let l = lang.get();
        engine.with_value(|e| e.table().and_then(|tb| {
            let c = params.with(|p| p.target_column(tb.n_columns()))?;
            let col = tb.column(c)?;
            Some(match col.kind() {
                Kind::Categorical => fill(DT::IsClassification.get(l), &[col.name(), &col.categories().map_or(0, |(_, c)| c.len()).to_string()]),
                Kind::Numeric => fill(DT::IsRegression.get(l), &[col.name()]),
            })
        }))
    };
    let feature_boxes = move || {
        let _ = table_version.get();
        engine.with_value(|e| e.table().map(|tb| {
            let (exclude, t) = params.with(|p| (p.exclude.clone(), p.target_column(tb.n_columns())));
            tb.columns().iter().enumerate().filter(|(c, _)| Some(*c) != t).map(|(c, col)| {
                let k = c + 1;
                let id = format!("feature-{k}");
                view! {
                    <label class="toggle chip">
                        <input type="checkbox" id=id.clone() data-testid=id checked=!exclude.contains(&k)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                set(&|p| { p.exclude.retain(|&x| x != k); if !on { p.exclude.push(k); p.exclude.sort_unstable(); } });
                            } />
                        {draw::clipped(col.name(), 22)}
                    </label>
                }
            }).collect_view()
        }))
    };
    let missing_rules = vec![
        (MissingRule::Mean.slug(), Label::from(DT::MissingMean)),
        (MissingRule::Median.slug(), DT::MissingMedian.into()),
        (MissingRule::MostFrequent.slug(), DT::MissingMostFrequent.into()),
        (MissingRule::DropRows.slug(), DT::MissingDrop.into()),
    ];
    let prep_summary = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).map(|v| {
            let dropped = v.train.dropped.len() + v.val.dropped.len() + v.test.dropped.len();
            fill(DT::PrepSummary.get(l), &[&v.prep.n_features().to_string(), &thousands(v.prep.rows_fitted() as f64), &thousands(dropped as f64)])
        }))
    };

    // ---- 4 · Split and model
    let split_counts = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).map(|v| fill(DT::SplitCounts.get(l), &[&thousands(v.split.train.len() as f64), &thousands(v.split.val.len() as f64), &thousands(v.split.test.len() as f64)])))
    };
    let fold_options: Vec<(&'static str, Label)> = FOLD_SLUGS.iter().map(|&s| (s, if s == "0" { Label::from(DT::FoldsOff) } else { Label::new(s, s) })).collect();
    let model_boxes = move || {
        let l = lang.get();
        let chosen = params.with(|p| p.models.clone());
        MODEL_SLUGS.iter().filter_map(|s| ModelKind::from_slug(s)).map(|k| {
            let id = format!("model-{}", k.slug());
            let on = chosen.iter().any(|m| m == k.slug());
            view! {
                <label class="toggle model-choice">
                    <input type="checkbox" id=id.clone() data-testid=id checked=on
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set(&|p| {
                                p.models.retain(|m| m != k.slug());
                                if on { p.models.push(k.slug().to_owned()); p.models.sort_by_key(|m| MODEL_SLUGS.iter().position(|s| s == m)); }
                            });
                        } />
                    <strong>{model_name(k).get(l)}</strong>
                    <span class="help">{model_help(k).get(l)}</span>
                </label>
            }
        }).collect_view()
    };
    let fit_progress = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().map(|m| {
            let (done, all) = m.progress();
            let (folds_done, folds) = m.folds_done();
            if m.error.is_some() {
                "—".to_owned()
            } else if done < all {
                fill(DT::Fitting.get(l), &[&done.to_string(), &all.to_string()])
            } else if m.importances.is_none() && all > 0 && m.honest().is_some_and(|v| v.best().is_some()) {
                DT::Importing.get(l).to_owned()
            } else if folds_done < folds {
                fill(DT::CrossValidating.get(l), &[&(folds_done + 1).to_string(), &folds.to_string()])
            } else {
                fill(DT::Fitted.get(l), &[&all.to_string()])
            }
        }))
    };
    let setup_error = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.error.as_ref()).map(|err| {
            let text = setup_error_text(err, &column_name, l);
            view! { <div class="banner danger" role="alert" data-testid="setup-error"><p>{text}</p></div> }
        }))
    };
    // The honest results table.
    let chosen_row = RwSignal::new(None::<ModelKind>);
    let results_rows = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest().map(|v| (m, v))).map(|(m, v)| {
            let best = v.best();
            let shown = chosen_row.get().or(best.map(|b| v.results[b].kind));
            v.results.iter().enumerate().map(|(k, r)| {
                let kind = r.kind;
                let note = r.error.as_ref().map(|e| say(e, l)).or_else(|| (r.rows_used > 0 && r.rows_used < v.train.y.len()).then(|| fill(DT::Subsampled.get(l), &[&thousands(r.rows_used as f64)])));
                let val = r.val.as_ref().map(|e| scores_line(e, l)).unwrap_or_else(|| if r.error.is_some() { "—".into() } else { DT::Waiting.get(l).into() });
                let test = if m.test_seen { r.test.as_ref().map(|e| scores_line(e, l)).unwrap_or_else(|| "—".into()) } else { DT::NotYetSeen.get(l).into() };
                let folds = (!m.folds.is_empty()).then(|| match m.fold_scores(k) {
                    Some(scores) => {
                        let n = scores.len() as f64;
                        let mean = scores.iter().sum::<f64>() / n;
                        let sd = (scores.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / n).sqrt();
                        let as_text = |x: f64| if v.problem() == Problem::Classification { pct(x) } else { number(x, 3) };
                        (fill(DT::FoldScore.get(l), &[&as_text(mean), &as_text(sd)]), Some(format!("{mean:.4}")))
                    }
                    None => (DT::Waiting.get(l).to_owned(), None),
                });
                view! {
                    <tr class:best=Some(k) == best aria-selected=(shown == Some(kind)).to_string() data-testid=format!("result-{}", kind.slug())>
                        <th scope="row"><button class="link" on:click=move |_| chosen_row.set(Some(kind))>{model_name(kind).get(l)}</button>{(Some(k) == best).then(|| view! { <span class="help">" ★"</span> })}</th>
                        <td data-testid=format!("val-{}", kind.slug()) data-score=r.val.as_ref().and_then(headline).map(|v| format!("{v:.4}"))>{val}</td>
                        <td data-testid=format!("test-{}", kind.slug()) data-score=r.test.as_ref().and_then(headline).map(|v| format!("{v:.4}"))>{test}</td>
                        {folds.map(|(text, score)| view! { <td data-testid=format!("cv-{}", kind.slug()) data-score=score>{text}</td> })}
                        <td class="num" data-testid=format!("fit-ms-{}", kind.slug())>{format!("{} ms", number(r.fit_ms, 0))}</td>
                        <td class="help">{note}</td>
                    </tr>
                }
            }).collect_view()
        }))
    };
    let reveal = move || {
        engine.update_value(|e| if let Some(m) = e.models.as_mut() { m.reveal_test() });
        engine.update_value(|e| e.tests_seen += 1);
        run.playing.set(true);
        run.frames.ensure();
        lab.published(run);
    };
    let test_note = move || {
        let _ = models_tick.get();
        let l = lang.get();
        let (seen, looks) = engine.with_value(|e| (e.models.as_ref().is_some_and(|m| m.test_seen), e.tests_seen));
        let demo = params.with(|p| p.demo != Demo::None);
        if demo { None } else if seen && looks > 1 { Some(DT::TestSeenAgain.get(l)) } else if seen { Some(DT::TestSeen.get(l)) } else { Some(DT::TestWaits.get(l)) }
    };
    let test_locked = move || {
        let _ = models_tick.get();
        engine.with_value(|e| e.models.as_ref().is_none_or(|m| {
            let (done, all) = m.progress();
            m.test_seen || done < all
        }))
    };

    // The detail of one model: confusion matrix and ROC, or the regression's numbers; the
    // importances of the best model.
    let confusion_ref = NodeRef::<Canvas>::new();
    let roc_ref = NodeRef::<Canvas>::new();
    let importance_ref = NodeRef::<Canvas>::new();
    let detail_kind = move || {
        let _ = models_tick.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).and_then(|v| chosen_row.get().filter(|k| v.results.iter().any(|r| r.kind == *k)).or_else(|| v.best().map(|b| v.results[b].kind))))
    };
    Effect::new(move |_| {
        let _ = models_tick.get();
        let kind = detail_kind();
        let l = lang.get();
        engine.with_value(|e| {
            let Some(v) = e.models.as_ref().and_then(|m| m.honest()) else { return };
            let Some(r) = v.results.iter().find(|r| Some(r.kind) == kind) else { return };
            let Some(c) = r.val.as_ref().and_then(|e| e.classification.as_ref()) else {
                for node in [confusion_ref, roc_ref] {
                    if let Some(cv) = node.get() { draw::confusion(&cv, &[], &[], ("", "")); }
                }
                return;
            };
            if let Some(cv) = confusion_ref.get() {
                draw::confusion(&cv, &c.confusion, v.prep.classes(), (DT::AxisTruth.get(l), DT::AxisPredicted.get(l)));
                line::set_data(&cv, "data-model", r.kind.slug());
                line::set_data(&cv, "data-total", &c.confusion.iter().sum::<u32>().to_string());
            }
            if let Some(cv) = roc_ref.get() {
                let th = Theme::read();
                let points: Vec<(f32, f32)> = c.roc.as_ref().map(|roc| roc.fpr.iter().zip(&roc.tpr).map(|(&x, &y)| (x as f32, y as f32)).collect()).unwrap_or_default();
                let auc = c.auc.map(|a| fill(DT::RocName.get(l), &[&number(a, 3)])).unwrap_or_default();
                line::draw(&cv, &LineChart {
                    series: vec![Series { label: &auc, colour: th.train, points }, Series { label: DT::ChanceName.get(l), colour: [170, 170, 170], points: vec![(0.0, 0.0), (1.0, 1.0)] }],
                    x_range: (0.0, 1.0),
                    x_fractional: true,
                    x_label: DT::AxisFpr.get(l),
                    y_label: DT::AxisTpr.get(l),
                    ..Default::default()
                });
                line::set_data(&cv, "data-auc", &c.auc.map_or(String::new(), |a| format!("{a:.4}")));
            }
        });
    });
    let detail_text = move || {
        let _ = models_tick.get();
        let kind = detail_kind();
        let l = lang.get();
        engine.with_value(|e| {
            let v = e.models.as_ref().and_then(|m| m.honest())?;
            let r = v.results.iter().find(|r| Some(r.kind) == kind)?;
            let ev = r.val.as_ref()?;
            let head = fill(DT::DetailHead.get(l), &[model_name(r.kind).get(l), &thousands(ev.rows as f64)]);
            let rows = ev.classification.as_ref().map(|c| c.per_class.iter().enumerate().map(|(k, p)| view! {
                <tr><th scope="row">{v.prep.classes().get(k).cloned().unwrap_or_default()}</th><td>{number(p.precision, 3)}</td><td>{number(p.recall, 3)}</td><td>{number(p.f1, 3)}</td></tr>
            }).collect_view());
            let is_class = rows.is_some();
            Some(view! {
                <p><strong>{head}</strong>" "{scores_line(ev, l)}</p>
                {is_class.then(|| view! {
                    <div class="table-scroll"><table class="results-table" data-testid="per-class">
                        <thead><tr><th scope="col">{DT::ClassHead.get(l)}</th><th scope="col">{DT::Precision.get(l)}</th><th scope="col">{DT::Recall.get(l)}</th><th scope="col">"F1"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table></div>
                })}
            })
        })
    };
    let is_binary = move || {
        let _ = models_tick.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).is_some_and(|v| v.problem() == Problem::Classification && v.n_classes() == 2))
    };
    let is_classification = move || {
        let _ = models_tick.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).is_some_and(|v| v.problem() == Problem::Classification))
    };
    Effect::new(move |_| {
        let _ = models_tick.get();
        let l = lang.get();
        let Some(cv) = importance_ref.get() else { return };
        engine.with_value(|e| {
            let Some(m) = &e.models else { return };
            let (Some(v), Some((best, imp))) = (m.honest(), &m.importances) else {
                draw::importances(&cv, &[], "");
                return;
            };
            let mut rows: Vec<(String, f64, f64)> = v.prep.feature_names().iter().enumerate().map(|(j, n)| (n.clone(), imp.mean.get(j).copied().unwrap_or(0.0), imp.std.get(j).copied().unwrap_or(0.0))).collect();
            rows.sort_by(|a, b| b.1.total_cmp(&a.1));
            rows.truncate(12);
            let axis = match v.problem() { Problem::Classification => DT::AxisDropAccuracy, Problem::Regression => DT::AxisDropR2 };
            draw::importances(&cv, &rows, axis.get(l));
            line::set_data(&cv, "data-model", v.results[*best].kind.slug());
            line::set_data(&cv, "data-top", rows.first().map_or("", |r| r.0.as_str()));
        });
    });
    let importance_text = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().and_then(|m| {
            let v = m.honest()?;
            let (best, imp) = m.importances.as_ref()?;
            let top = (0..imp.mean.len()).max_by(|&a, &b| imp.mean[a].total_cmp(&imp.mean[b]))?;
            Some(fill(DT::ImportanceSummary.get(l), &[model_name(v.results[*best].kind).get(l), v.prep.feature_names().get(top).map_or("", String::as_str), &number(imp.mean[top], 3)]))
        }))
    };

    // ---- 5 · The traps
    let demos = vec![(Demo::None.slug(), Label::from(DT::DemoNone)), (Demo::Leak.slug(), DT::DemoLeak.into()), (Demo::Scaling.slug(), DT::DemoScaling.into()), (Demo::Shift.slug(), DT::DemoShift.into())];
    let demo_help = move || {
        let l = lang.get();
        match params.with(|p| p.demo) {
            Demo::None => DT::DemoNoneHelp.get(l),
            Demo::Leak => DT::DemoLeakHelp.get(l),
            Demo::Scaling => DT::DemoScalingHelp.get(l),
            Demo::Shift => DT::DemoShiftHelp.get(l),
        }
    };
    let shift_select = move || {
        let _ = table_version.get();
        let l = lang.get();
        (params.with(|p| p.demo) == Demo::Shift).then(|| engine.with_value(|e| e.table().map(|tb| {
            let features = params.with_untracked(|p| p.feature_columns(tb.n_columns()));
            let current = super::fit::shift_column(tb, &params.get_untracked(), &features).map_or(0, |c| c + 1);
            let options = features.iter().filter(|&&c| tb.column(c).is_some_and(|col| col.kind() == Kind::Numeric)).map(|&c| {
                let k = c + 1;
                view! { <option value=k.to_string() selected=k == current>{format!("{k} · {}", tb.column(c).map_or("", |col| col.name()))}</option> }
            }).collect_view();
            view! {
                <div class="control" data-control="shift_by">
                    <div class="control-head"><label for="shift_by">{DT::ShiftByLabel.get(l)}</label></div>
                    <select id="shift_by" data-testid="shift_by" on:change=move |ev| { if let Ok(k) = event_target_value(&ev).parse::<usize>() { set(&|p| p.shift_by = k) } }>{options}</select>
                    <p class="help">{DT::ShiftByHelp.get(l)}</p>
                </div>
            }
        }))).flatten()
    };
    let demo_table = move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.with_value(|e| e.models.as_ref().filter(|m| m.variants.len() == 2).map(|m| {
            let (trap, honest) = (&m.variants[0], &m.variants[1]);
            let rows = trap.results.iter().zip(&honest.results).map(|(a, b)| view! {
                <tr data-testid=format!("demo-{}", a.kind.slug())>
                    <th scope="row">{model_name(a.kind).get(l)}</th>
                    <td data-testid=format!("trap-val-{}", a.kind.slug())>{headline_text(a.val.as_ref())}</td>
                    <td data-testid=format!("trap-test-{}", a.kind.slug())>{headline_text(a.test.as_ref())}</td>
                    <td data-testid=format!("honest-val-{}", a.kind.slug())>{headline_text(b.val.as_ref())}</td>
                    <td data-testid=format!("honest-test-{}", a.kind.slug())>{headline_text(b.test.as_ref())}</td>
                </tr>
            }).collect_view();
            view! {
                <div class="table-scroll"><table class="results-table" data-testid="demo-table">
                    <thead>
                        <tr><th scope="col"></th><th scope="colgroup" colspan="2">{DT::InTheTrap.get(l)}</th><th scope="colgroup" colspan="2">{DT::Honestly.get(l)}</th></tr>
                        <tr><th scope="col">{DT::ModelHead.get(l)}</th><th scope="col">{DT::ValHead.get(l)}</th><th scope="col">{DT::TestHead.get(l)}</th><th scope="col">{DT::ValHead.get(l)}</th><th scope="col">{DT::TestHead.get(l)}</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table></div>
                <p class="verdict" data-testid="demo-verdict">{verdict(m, trap, honest, l)}</p>
            }
        }))
    };

    // ---- 6 · Take it away
    let column_png = move || {
        let _ = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("[data-testid=column-chart]").ok().flatten()).and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlCanvasElement>(el).ok()).map(|c| save_png(&file_name(lab, "column", "png"), &c));
    };
    let importance_png = move || {
        if let Some(c) = importance_ref.get_untracked() {
            save_png(&file_name(lab, "importance", "png"), &c);
        }
    };
    let clean_csv = move || {
        let text = engine.with_value(|e| e.models.as_ref().and_then(|m| m.honest()).map(cleaned_csv));
        if let Some(text) = text {
            save(&file_name(lab, "cleaned", "csv"), "text/csv", text.as_bytes());
        }
    };
    let results_csv = move || {
        let text = engine.with_value(|e| e.models.as_ref().map(results_table_csv));
        if let Some(text) = text {
            save(&file_name(lab, "results", "csv"), "text/csv", text.as_bytes());
        }
    };

    view! {
        <section class="panel" aria-labelledby="data-prepare">
            <h2 id="data-prepare">{t(DT::PrepareTitle)}</h2>
            <p class="help">{t(DT::PrepareHelp)}</p>
            {target_select}
            <p data-testid="problem">{problem_line}</p>
            <div class="control" data-control="features">
                <div class="control-head"><span id="features-label">{t(DT::FeaturesLabel)}</span></div>
                <div class="row wrap" role="group" aria-labelledby="features-label" data-testid="features">{feature_boxes}</div>
                <p class="help">{t(DT::FeaturesHelp)}</p>
            </div>
            {select(lang, "missing", DT::MissingLabel, DT::MissingHelp, missing_rules, move || params.with(|p| p.missing.slug()), move |v| if let Some(m) = MissingRule::from_slug(&v) { set(&|p| p.missing = m) })}
            {toggle_explained(lang, "standardise", DT::StandardiseLabel, DT::StandardiseHelp, move || params.with(|p| p.standardise), move |v| set(&|p| p.standardise = v))}
            <p class="verdict">{t(DT::TrainOnly)}</p>
            <p data-testid="prep-summary">{prep_summary}</p>
        </section>

        <section class="panel" aria-labelledby="data-models">
            <h2 id="data-models">{t(DT::ModelsTitle)}</h2>
            <p class="help">{t(DT::ModelsHelp)}</p>
            <div class="lab-grid two">
                <div>
                    {split_shares(lang, move || params.with(|p| (p.train, p.val)), move |train, val| set(&|p| { p.train = train.clamp(10, 90); p.val = val.clamp(5, 95 - p.train); }))}
                    <p class="help" id="split-counts" data-testid="split-counts">{split_counts}</p>
                    {toggle_explained(lang, "stratified", DT::StratifiedLabel, DT::StratifiedHelp, move || params.with(|p| p.stratified), move |v| set(&|p| p.stratified = v))}
                    {select(lang, "folds", DT::FoldsLabel, DT::FoldsHelp, fold_options, move || params.with(|p| FOLD_SLUGS[FOLD_CHOICES.iter().position(|&k| k == p.folds).unwrap_or(0)]), move |v| if let Ok(k) = v.parse::<usize>() { set(&|p| p.folds = k) })}
                    {seed(lang, params, DT::SeedHelp, DT::NewSplit, |p| p.seed, |p, v| p.seed = v)}
                </div>
                <div class="control" data-control="models">
                    <div class="control-head"><span id="models-label">{t(DT::ModelsLabel)}</span></div>
                    <div role="group" aria-labelledby="models-label" class="model-choices">{model_boxes}</div>
                    <p class="help">{move || fill(DT::ModelsNote.get(lang.get()), &[&thousands(MAX_FIT_ROWS as f64)])}</p>
                </div>
            </div>
            {setup_error}
            {counter(t(DT::Progress), "fit-progress", fit_progress)}
            <div class="table-scroll">
                <table class="results-table" data-testid="results-table">
                    <thead><tr><th scope="col">{t(DT::ModelHead)}</th><th scope="col">{t(DT::ValidationHead)}</th><th scope="col">{t(DT::TestColumnHead)}</th>
                        {move || (params.with(|p| p.folds) > 0 && params.with(|p| p.demo) == Demo::None).then(|| view! { <th scope="col">{move || fill(DT::FoldsHead.get(lang.get()), &[&params.with(|p| p.folds).to_string()])}</th> })}
                        <th scope="col">{t(DT::FitTimeHead)}</th><th scope="col"></th></tr></thead>
                    <tbody>{results_rows}</tbody>
                </table>
            </div>
            <div class="row wrap">
                <button class="primary" data-testid="reveal-test" disabled=test_locked on:click=move |_| reveal()>{t(DT::RevealTest)}</button>
                <span class="help" data-testid="test-note" aria-live="polite">{test_note}</span>
            </div>
            <div class="lab-grid two">
                <div>
                    <div data-testid="detail">{detail_text}</div>
                    <div style:display=move || if is_classification() { "block" } else { "none" }>
                        <canvas node_ref=confusion_ref data-testid="confusion-chart" class="chart-canvas data-confusion" role="img" aria-label=move || DT::ConfusionLabel.get(lang.get())></canvas>
                        <p class="help">{t(DT::ConfusionHelp)}</p>
                    </div>
                </div>
                <div>
                    <div style:display=move || if is_binary() { "block" } else { "none" }>
                        <canvas node_ref=roc_ref data-testid="roc-chart" class="chart-canvas" role="img" aria-label=move || DT::RocLabel.get(lang.get())></canvas>
                        <p class="help">{t(DT::RocHelp)}</p>
                    </div>
                    <h3>{t(DT::ImportanceTitle)}</h3>
                    <canvas node_ref=importance_ref data-testid="importance-chart" class="chart-canvas" role="img" aria-label=move || DT::ImportanceLabel.get(lang.get())></canvas>
                    <p class="help" data-testid="importance-text">{importance_text}</p>
                    <p class="help">{t(DT::ImportanceHelp)}</p>
                </div>
            </div>
        </section>

        <section class="panel" aria-labelledby="data-traps">
            <h2 id="data-traps">{t(DT::TrapsTitle)}</h2>
            <p class="help">{t(DT::TrapsHelp)}</p>
            {select(lang, "demo", DT::DemoLabel, DT::DemoSelectHelp, demos, move || params.with(|p| p.demo.slug()), move |v| if let Some(d) = Demo::from_slug(&v) { set(&|p| p.demo = d) })}
            <p class="help" data-testid="demo-help">{demo_help}</p>
            {shift_select}
            {demo_table}
        </section>

        <section class="panel" aria-labelledby="data-away">
            <h2 id="data-away">{t(DT::AwayTitle)}</h2>
            <p class="help">{t(DT::AwayHelp)}</p>
            <div class="row wrap">
                <button data-testid="download-clean" on:click=move |_| clean_csv()>{t(DT::DownloadClean)}</button>
                <button data-testid="download-results" on:click=move |_| results_csv()>{t(DT::DownloadResults)}</button>
                <button data-testid="download-column-png" on:click=move |_| column_png()>{t(DT::DownloadColumnPng)}</button>
                <button data-testid="download-importance-png" on:click=move |_| importance_png()>{t(DT::DownloadImportancePng)}</button>
            </div>
        </section>
    }
}

/// The demonstration's lesson in one sentence, from the best honest model's numbers.
fn verdict(m: &ModelsRun, trap: &Variant, honest: &Variant, l: Lang) -> String {
    let Some(b) = honest.best().or_else(|| trap.best()) else { return String::new() };
    let (a, h) = (&trap.results[b], &honest.results[b]);
    let s = |e: &Option<Evaluation>| headline_text(e.as_ref());
    let template = match m.demo {
        Demo::Leak => DT::VerdictLeak,
        Demo::Scaling => DT::VerdictScaling,
        Demo::Shift => DT::VerdictShift,
        Demo::None => return String::new(),
    };
    fill(template.get(l), &[model_name(a.kind).get(l), &s(&a.val), &s(&a.test), &s(&h.val), &s(&h.test)])
}

/// `perplexed-data-<table>-<what>-seed<k>.<ext>`: the lab, the table, what it is, the seed.
fn file_name(lab: DataLabState, what: &str, ext: &str) -> String {
    let (table, seed) = lab.params.with_untracked(|p| (p.table.slug(), p.seed));
    format!("perplexed-data-{table}-{what}-seed{seed}.{ext}")
}

/// The prepared rows of every role as a table: the features as the models saw them, the target,
/// and the role of the row.
pub fn cleaned_csv(v: &Variant) -> String {
    let mut header: Vec<String> = v.prep.feature_names().to_vec();
    header.push("target".into());
    header.push("role".into());
    header.push("row".into());
    let classes = v.prep.classes();
    let mut rows = Vec::new();
    for (role, part) in [("train", &v.train), ("validation", &v.val), ("test", &v.test)] {
        let d = part.n_features;
        for (i, &row) in part.rows.iter().enumerate() {
            let mut cells: Vec<String> = part.x[i * d..(i + 1) * d].iter().map(|x| x.to_string()).collect();
            let y = part.y[i];
            cells.push(match v.problem() {
                Problem::Classification => classes.get(y as usize).cloned().unwrap_or_default(),
                Problem::Regression => y.to_string(),
            });
            cells.push(role.into());
            cells.push((row + 1).to_string());
            rows.push(cells);
        }
    }
    perplexed_core::table::csv::write(&header, &rows)
}

/// Every model's scores (validation; test once seen) as a table.
pub fn results_table_csv(m: &ModelsRun) -> String {
    let header: Vec<String> = ["variant", "model", "rows_used", "fit_ms", "set", "rows", "accuracy", "macro_precision", "macro_recall", "macro_f1", "auc", "r2", "mae", "rmse"].iter().map(|s| s.to_string()).collect();
    let mut rows = Vec::new();
    let n = m.variants.len();
    for (i, v) in m.variants.iter().enumerate() {
        let variant = if n == 2 && i == 0 { m.demo.slug() } else { "honest" };
        for r in &v.results {
            for (set, e) in [("validation", &r.val), ("test", &r.test)] {
                let Some(e) = e else { continue };
                let f = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
                let c = e.classification.as_ref();
                let g = e.regression.as_ref();
                rows.push(vec![
                    variant.to_owned(), r.kind.slug().to_owned(), r.rows_used.to_string(), format!("{:.1}", r.fit_ms), set.to_owned(), e.rows.to_string(),
                    f(c.map(|c| c.accuracy)), f(c.map(|c| c.macro_avg.precision)), f(c.map(|c| c.macro_avg.recall)), f(c.map(|c| c.macro_avg.f1)), f(c.and_then(|c| c.auc)),
                    f(g.map(|g| g.r2)), f(g.map(|g| g.mae)), f(g.map(|g| g.rmse)),
                ]);
            }
        }
    }
    perplexed_core::table::csv::write(&header, &rows)
}
