//! Prepare, split and model, the traps, and the downloads: the second half of the data lab's
//! page. Display only: the preparation, the split, the models and their scores are core's, run
//! by [`super::fit`].

use leptos::html::Canvas;
use leptos::prelude::*;

use perplexed_core::data::dataset::Problem;
use perplexed_core::shared::sorted_order;
use perplexed_core::table::{Kind, MissingRule, PrepError, Table};
use perplexed_core::workflow::{Evaluation, ModelKind, MAX_FIT_ROWS};

use super::draw;
use super::fit::{headline, ModelsRun, SetupError, Variant};
use super::params::{Demo, Source, FOLD_CHOICES, MODEL_SLUGS};
use super::text::DT;
use super::DataLabState;
use crate::components::chart::line::{self, LineChart, Series};
use crate::components::chart::Theme;
use crate::components::dom_controls as controls;
use crate::components::dom::{self, live, tag_text, El};
use crate::components::errors::{is_invalid, say};
use crate::components::files::{save, save_png};
use crate::components::format::{number, share, thousands};
use crate::components::lab_shell::{LabState, Run, Look};
use crate::i18n::{fill, Lang};

pub fn model_name(k: ModelKind) -> crate::i18n::Label {
    match k {
        ModelKind::Linear => DT::ModelLinear,
        ModelKind::Tree => DT::ModelTree,
        ModelKind::Forest => DT::ModelForest,
        ModelKind::Boosting => DT::ModelBoosting,
        ModelKind::Knn => DT::ModelKnn,
        ModelKind::Mlp => DT::ModelMlp,
    }
}

fn model_help(k: ModelKind) -> crate::i18n::Label {
    match k {
        ModelKind::Linear => DT::ModelLinearHelp,
        ModelKind::Tree => DT::ModelTreeHelp,
        ModelKind::Forest => DT::ModelForestHelp,
        ModelKind::Boosting => DT::ModelBoostingHelp,
        ModelKind::Knn => DT::ModelKnnHelp,
        ModelKind::Mlp => DT::ModelMlpHelp,
    }
}

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
    // The models' state moves every frame while they fit; views of it track this.
    let models_tick = Memo::new(move |_| {
        frame.track();
        engine.look(|e| e.models.as_ref().map(|m| (e.version, m.progress(), m.scored(), m.test_seen, m.importances.is_some(), m.folds_done())))
    });
    let column_name = move |c: usize| engine.look(|e| e.table().and_then(|t| t.column(c)).map_or(String::new(), |col| format!("{} ({})", col.name(), c + 1)));
    let (target_invalid, features_invalid, models_invalid) = (is_invalid("target"), is_invalid("features"), is_invalid("models"));
    // A section's heading and its help, and a help paragraph: their language is their only input.
    let heading = move |id: &'static str, title: crate::i18n::Label, help: crate::i18n::Label| live(move || {
        let l = lang.get();
        vec![tag_text("h2", "", title.get(l)).attr("id", id), tag_text("p", "help", help.get(l))]
    });
    let help = move |key: crate::i18n::Label| live(move || vec![tag_text("p", "help", key.get(lang.get()))]);

    // ---- 3 · Prepare: the target (and the problem it makes), the features.
    let prepare_choices = live(move || {
        let _ = table_version.get();
        let l = lang.get();
        let (target_invalid, features_invalid) = (target_invalid(), features_invalid());
        engine.look(|e| e.table().map(|tb| {
            let n = tb.n_columns();
            let (target, exclude) = params.look(|p| (p.target_column(n), p.exclude.clone()));
            let current = target.map_or(0, |c| c + 1).to_string();
            let target_select = controls::select("target", target_invalid, DT::TargetLabel.get(l), DT::TargetHelp.get(l), column_options(tb, 0..n), &current,
                move |v| if let Ok(k) = v.parse::<usize>() { set(&|p| { p.target = k; p.exclude.retain(|&x| x != k); }) });
            let problem = target.and_then(|c| tb.column(c)).map(|col| match col.kind() {
                Kind::Categorical => fill(DT::IsClassification.get(l), &[col.name(), &col.categories().map_or(0, |(_, c)| c.len()).to_string()]),
                Kind::Numeric => fill(DT::IsRegression.get(l), &[col.name()]),
            });
            let boxes = tb.columns().iter().enumerate().filter(|(c, _)| Some(*c) != target).map(|(c, col)| {
                let k = c + 1;
                // The list stays in increasing order (as the address writes it): an insertion,
                // not a sort (one sort fewer in the bundle).
                let input = controls::checkbox(format!("feature-{k}"), !exclude.contains(&k)).on_checked(move |on| set(&|p| {
                    match (p.exclude.binary_search(&k), on) {
                        (Ok(at), true) => { p.exclude.remove(at); }
                        (Err(at), false) => p.exclude.insert(at, k),
                        _ => {}
                    }
                }));
                El::new("label").class("toggle chip").child(input).says(draw::clipped(col.name(), 22))
            }).collect();
            let group = El::new("div").class("row wrap").attr("role", "group").attr("aria-labelledby", "features-label").testid("features").children(boxes);
            vec![
                target_select,
                tag_text("p", "", problem.unwrap_or_default()).testid("problem"),
                controls::group("features", features_invalid, DT::FeaturesLabel.get(l), group, DT::FeaturesHelp.get(l)),
            ]
        })).unwrap_or_default()
    });
    let handling = live(move || {
        let l = lang.get();
        let (missing, standardise) = params.look(|p| (p.missing, p.standardise));
        let rules = [(MissingRule::Mean, DT::MissingMean), (MissingRule::Median, DT::MissingMedian), (MissingRule::MostFrequent, DT::MissingMostFrequent), (MissingRule::DropRows, DT::MissingDrop)];
        let options = rules.iter().map(|(r, text)| (r.slug().to_owned(), text.get(l).to_owned())).collect();
        vec![
            controls::select("missing", false, DT::MissingLabel.get(l), DT::MissingHelp.get(l), options, missing.slug(), move |v| if let Some(m) = MissingRule::from_slug(&v) { set(&|p| p.missing = m) }),
            controls::toggle("standardise", DT::StandardiseLabel.get(l), DT::StandardiseHelp.get(l), standardise, move |v| set(&|p| p.standardise = v)),
        ]
    });
    let prepared = live(move || {
        let _ = models_tick.get();
        let l = lang.get();
        let summary = engine.look(|e| e.models.as_ref().and_then(|m| m.honest()).map(|v| {
            let dropped = v.train.dropped.len() + v.val.dropped.len() + v.test.dropped.len();
            fill(DT::PrepSummary.get(l), &[&v.prep.n_features().to_string(), &thousands(v.prep.rows_fitted() as f64), &thousands(dropped as f64)])
        }));
        vec![tag_text("p", "verdict", DT::TrainOnly.get(l)), tag_text("p", "", summary.unwrap_or_default()).testid("prep-summary")]
    });

    // ---- 4 · Split and model
    // The split (its shares and the counts they give), cross-validation and the seed.
    let (train_invalid, val_invalid) = (is_invalid("train"), is_invalid("val"));
    let splitting = live(move || {
        let _ = models_tick.get();
        let l = lang.get();
        let counts = engine.look(|e| e.models.as_ref().and_then(|m| m.honest()).map(|v| fill(DT::SplitCounts.get(l), &[&thousands(v.split.train.len() as f64), &thousands(v.split.val.len() as f64), &thousands(v.split.test.len() as f64)])));
        let (shares, stratified, folds, seed) = params.look(|p| ((p.train, p.val), p.stratified, p.folds, p.seed));
        let fold_options = FOLD_CHOICES.iter().map(|&k| (k.to_string(), if k == 0 { DT::FoldsOff.get(l).to_owned() } else { k.to_string() })).collect();
        let mut shown = controls::split_shares(l, shares, (train_invalid(), val_invalid()), move |train, val| set(&|p| { p.train = train.clamp(10, 90); p.val = val.clamp(5, 95 - p.train); }));
        shown.extend([
            tag_text("p", "help", counts.unwrap_or_default()).attr("id", "split-counts").testid("split-counts"),
            controls::toggle("stratified", DT::StratifiedLabel.get(l), DT::StratifiedHelp.get(l), stratified, move |v| set(&|p| p.stratified = v)),
            controls::select("folds", false, DT::FoldsLabel.get(l), DT::FoldsHelp.get(l), fold_options, &folds.to_string(), move |v| if let Ok(k) = v.parse::<usize>() { set(&|p| p.folds = k) }),
            controls::seed(l, seed, DT::SeedHelp.get(l), DT::NewSplit.get(l), move |v| set(&|p| p.seed = v)),
        ]);
        shown
    });
    let model_boxes = live(move || {
        let l = lang.get();
        let chosen = params.look(|p| p.models.clone());
        let boxes = MODEL_SLUGS.iter().filter_map(|s| ModelKind::from_slug(s)).map(|k| {
            // The chosen models in the order of MODEL_SLUGS, with this one in or out.
            let input = controls::checkbox(format!("model-{}", k.slug()), chosen.iter().any(|m| m == k.slug())).on_checked(move |on| set(&|p| {
                p.models = MODEL_SLUGS.iter().filter(|&&s| if s == k.slug() { on } else { p.models.iter().any(|m| m == s) }).map(|&s| s.to_owned()).collect();
            }));
            El::new("label").class("toggle model-choice").child(input).child(tag_text("strong", "", model_name(k).get(l))).child(tag_text("span", "help", model_help(k).get(l)))
        }).collect();
        let group = El::new("div").attr("role", "group").attr("aria-labelledby", "models-label").class("model-choices").children(boxes);
        let note = fill(DT::ModelsNote.get(l), &[&thousands(MAX_FIT_ROWS as f64)]);
        vec![controls::group("models", models_invalid(), DT::ModelsLabel.get(l), group, &note)]
    });
    // What the run is doing (it changes every frame while the models fit: kept apart from the
    // tables and buttons below).
    let fitting = live(move || {
        let _ = models_tick.get();
        let l = lang.get();
        engine.look(|e| {
            let Some(m) = e.models.as_ref() else { return Vec::new() };
            let (done, all) = m.progress();
            let (folds_done, folds) = m.folds_done();
            let progress = if m.error.is_some() {
                "—".to_owned()
            } else if done < all {
                fill(DT::Fitting.get(l), &[&done.to_string(), &all.to_string()])
            } else if m.importances.is_none() && all > 0 && m.honest().is_some_and(|v| v.best().is_some()) {
                DT::Importing.get(l).to_owned()
            } else if folds_done < folds {
                fill(DT::CrossValidating.get(l), &[&(folds_done + 1).to_string(), &folds.to_string()])
            } else {
                fill(DT::Fitted.get(l), &[&all.to_string()])
            };
            let error = m.error.as_ref().map(|err| El::new("div").class("banner danger").attr("role", "alert").testid("setup-error").child(tag_text("p", "", setup_error_text(err, &column_name, l))));
            let counter = El::new("div").class("counter").child(tag_text("span", "counter-label", DT::Progress.get(l))).child(tag_text("span", "counter-value", progress).testid("fit-progress"));
            error.into_iter().chain([counter]).collect()
        })
    });
    // The honest results table (a model's name shows its detail below), and the test set.
    let chosen_row = RwSignal::new(None::<ModelKind>);
    let reveal = move || {
        engine.update_value(|e| if let Some(m) = e.models.as_mut() { m.reveal_test() });
        engine.update_value(|e| e.tests_seen += 1);
        run.playing.set(true);
        run.frames.ensure();
        lab.published(run);
    };
    let results_table = live(move || {
        let _ = models_tick.get();
        let l = lang.get();
        let (folds, demo) = params.look(|p| (p.folds, p.demo));
        let mut head: Vec<String> = [DT::ModelHead, DT::ValidationHead, DT::TestColumnHead].iter().map(|h| h.get(l).to_owned()).collect();
        if folds > 0 && demo == Demo::None {
            head.push(fill(DT::FoldsHead.get(l), &[&folds.to_string()]));
        }
        head.extend([DT::FitTimeHead.get(l).to_owned(), String::new()]);
        let body = engine.look(|e| e.models.as_ref().and_then(|m| m.honest().map(|v| (m, v))).map(|(m, v)| {
            let best = v.best();
            let shown = chosen_row.get().or(best.map(|b| v.results[b].kind));
            v.results.iter().enumerate().map(|(k, r)| {
                let kind = r.kind;
                let slug = kind.slug();
                let score = |e: &Option<Evaluation>| e.as_ref().and_then(headline).map(|v| format!("{v:.4}"));
                let note = r.error.as_ref().map(|e| say(e, l)).or_else(|| (r.rows_used > 0 && r.rows_used < v.train.y.len()).then(|| fill(DT::Subsampled.get(l), &[&thousands(r.rows_used as f64)])));
                let val = r.val.as_ref().map(|e| scores_line(e, l)).unwrap_or_else(|| if r.error.is_some() { "—".into() } else { DT::Waiting.get(l).into() });
                let test = if m.test_seen { r.test.as_ref().map(|e| scores_line(e, l)).unwrap_or_else(|| "—".into()) } else { DT::NotYetSeen.get(l).into() };
                let folds = (!m.folds.is_empty()).then(|| match m.fold_scores(k) {
                    Some(scores) => {
                        let n = scores.len() as f64;
                        let mean = scores.iter().sum::<f64>() / n;
                        let sd = (scores.iter().map(|s| (s - mean) * (s - mean)).sum::<f64>() / n).sqrt();
                        let as_text = |x: f64| if v.problem() == Problem::Classification { pct(x) } else { number(x, 3) };
                        cell(format!("cv-{slug}"), fill(DT::FoldScore.get(l), &[&as_text(mean), &as_text(sd)])).attr("data-score", format!("{mean:.4}"))
                    }
                    None => cell(format!("cv-{slug}"), DT::Waiting.get(l)),
                });
                let name = El::new("th").attr("scope", "row")
                    .child(El::new("button").class("link").says(model_name(kind).get(l)).on_click(move || chosen_row.set(Some(kind))))
                    .child_if((Some(k) == best).then(|| tag_text("span", "help", " ★")));
                El::new("tr").maybe("class", (Some(k) == best).then(|| "best".into())).attr("aria-selected", (shown == Some(kind)).to_string()).testid(format!("result-{slug}"))
                    .child(name)
                    .child(cell(format!("val-{slug}"), val).maybe("data-score", score(&r.val)))
                    .child(cell(format!("test-{slug}"), test).maybe("data-score", score(&r.test)))
                    .child_if(folds)
                    .child(cell(format!("fit-ms-{slug}"), format!("{} ms", number(r.fit_ms, 0))).class("num"))
                    .child(tag_text("td", "help", note.unwrap_or_default()))
            }).collect()
        })).unwrap_or_default();
        // The test set: locked until every model is scored, then once.
        let (locked, seen, looks) = engine.look(|e| {
            let locked = e.models.as_ref().is_none_or(|m| {
                let (done, all) = m.progress();
                m.test_seen || done < all
            });
            (locked, e.models.as_ref().is_some_and(|m| m.test_seen), e.tests_seen)
        });
        let note = if demo != Demo::None { "" } else if seen && looks > 1 { DT::TestSeenAgain.get(l) } else if seen { DT::TestSeen.get(l) } else { DT::TestWaits.get(l) };
        let button = El::new("button").class("primary").testid("reveal-test").flag("disabled", locked).says(DT::RevealTest.get(l)).on_click(reveal);
        vec![
            dom::table("results-table", "results-table", head, body),
            El::new("div").class("row wrap").child(button).child(tag_text("span", "help", note).testid("test-note").attr("aria-live", "polite")),
        ]
    });

    // The detail of one model: confusion matrix and ROC, or the regression's numbers; the
    // importances of the best model.
    let confusion_ref = NodeRef::<Canvas>::new();
    let roc_ref = NodeRef::<Canvas>::new();
    let importance_ref = NodeRef::<Canvas>::new();
    let detail_kind = move || {
        let _ = models_tick.get();
        engine.look(|e| e.models.as_ref().and_then(|m| m.honest()).and_then(|v| chosen_row.get().filter(|k| v.results.iter().any(|r| r.kind == *k)).or_else(|| v.best().map(|b| v.results[b].kind))))
    };
    Effect::new(move |_| {
        let _ = models_tick.get();
        let kind = detail_kind();
        let l = lang.get();
        let (Some(confusion), Some(roc)) = (confusion_ref.get(), roc_ref.get()) else { return };
        label_canvas(&confusion, DT::ConfusionLabel.get(l));
        label_canvas(&roc, DT::RocLabel.get(l));
        engine.look(|e| {
            let v = e.models.as_ref().and_then(|m| m.honest());
            let problem = v.map(|v| (v.problem(), v.n_classes()));
            // The confusion matrix is for classes, the ROC curve for two of them.
            show_box(&confusion, matches!(problem, Some((Problem::Classification, _))));
            show_box(&roc, matches!(problem, Some((Problem::Classification, 2))));
            let Some(v) = v else { return };
            let Some(r) = v.results.iter().find(|r| Some(r.kind) == kind) else { return };
            let Some(c) = r.val.as_ref().and_then(|e| e.classification.as_ref()) else {
                draw::confusion(&confusion, &[], &[], ("", ""));
                draw::confusion(&roc, &[], &[], ("", ""));
                return;
            };
            draw::confusion(&confusion, &c.confusion, v.prep.classes(), (DT::AxisTruth.get(l), DT::AxisPredicted.get(l)));
            line::set_data(&confusion, "data-model", r.kind.slug());
            line::set_data(&confusion, "data-total", &c.confusion.iter().sum::<u32>().to_string());
            let th = Theme::read();
            let points: Vec<(f32, f32)> = c.roc.as_ref().map(|roc| roc.fpr.iter().zip(&roc.tpr).map(|(&x, &y)| (x as f32, y as f32)).collect()).unwrap_or_default();
            let auc = c.auc.map(|a| fill(DT::RocName.get(l), &[&number(a, 3)])).unwrap_or_default();
            line::draw(&roc, &LineChart {
                series: vec![Series { label: &auc, colour: th.train, points }, Series { label: DT::ChanceName.get(l), colour: [170, 170, 170], points: vec![(0.0, 0.0), (1.0, 1.0)] }],
                x_range: (0.0, 1.0),
                x_fractional: true,
                x_label: DT::AxisFpr.get(l),
                y_label: DT::AxisTpr.get(l),
                ..Default::default()
            });
            line::set_data(&roc, "data-auc", &c.auc.map_or(String::new(), |a| format!("{a:.4}")));
        });
    });
    let detail = live(move || {
        let _ = models_tick.get();
        let kind = detail_kind();
        let l = lang.get();
        let shown = engine.look(|e| {
            let v = e.models.as_ref().and_then(|m| m.honest())?;
            let r = v.results.iter().find(|r| Some(r.kind) == kind)?;
            let ev = r.val.as_ref()?;
            let head = fill(DT::DetailHead.get(l), &[model_name(r.kind).get(l), &thousands(ev.rows as f64)]);
            let summary = El::new("p").child(tag_text("strong", "", head)).says(format!(" {}", scores_line(ev, l)));
            let per_class = ev.classification.as_ref().map(|c| {
                let rows = c.per_class.iter().enumerate().map(|(k, p)| {
                    let name = El::text(v.prep.classes().get(k).cloned().unwrap_or_default());
                    dom::row(name, [p.precision, p.recall, p.f1].iter().map(|&x| tag_text("td", "", number(x, 3))).collect())
                }).collect();
                let head = vec![DT::ClassHead.get(l).to_owned(), DT::Precision.get(l).to_owned(), DT::Recall.get(l).to_owned(), "F1".to_owned()];
                dom::table("results-table", "per-class", head, rows)
            });
            Some(vec![summary].into_iter().chain(per_class).collect())
        });
        vec![El::new("div").testid("detail").children(shown.unwrap_or_default())]
    });
    Effect::new(move |_| {
        let _ = models_tick.get();
        let l = lang.get();
        let Some(cv) = importance_ref.get() else { return };
        label_canvas(&cv, DT::ImportanceLabel.get(l));
        engine.look(|e| {
            let Some(m) = &e.models else { return };
            let (Some(v), Some((best, imp))) = (m.honest(), &m.importances) else {
                draw::importances(&cv, &[], "");
                return;
            };
            let names = v.prep.feature_names();
            let order = sorted_order(names.len(), &|a, b| imp.mean.get(b).copied().unwrap_or(0.0).total_cmp(&imp.mean.get(a).copied().unwrap_or(0.0)));
            let rows: Vec<(String, f64, f64)> = order.into_iter().take(12).map(|j| (names[j].clone(), imp.mean.get(j).copied().unwrap_or(0.0), imp.std.get(j).copied().unwrap_or(0.0))).collect();
            let axis = match v.problem() { Problem::Classification => DT::AxisDropAccuracy, Problem::Regression => DT::AxisDropR2 };
            draw::importances(&cv, &rows, axis.get(l));
            line::set_data(&cv, "data-model", v.results[*best].kind.slug());
            line::set_data(&cv, "data-top", rows.first().map_or("", |r| r.0.as_str()));
        });
    });
    let importance_notes = live(move || {
        let _ = models_tick.get();
        let l = lang.get();
        let summary = engine.look(|e| e.models.as_ref().and_then(|m| {
            let v = m.honest()?;
            let (best, imp) = m.importances.as_ref()?;
            let top = (0..imp.mean.len()).max_by(|&a, &b| imp.mean[a].total_cmp(&imp.mean[b]))?;
            Some(fill(DT::ImportanceSummary.get(l), &[model_name(v.results[*best].kind).get(l), v.prep.feature_names().get(top).map_or("", String::as_str), &number(imp.mean[top], 3)]))
        }));
        vec![tag_text("p", "help", summary.unwrap_or_default()).testid("importance-text"), tag_text("p", "help", DT::ImportanceHelp.get(l))]
    });

    // ---- 5 · The traps
    let traps = live(move || {
        let _ = table_version.get();
        let _ = models_tick.get();
        let l = lang.get();
        let demo = params.look(|p| p.demo);
        let demo_help = match demo {
            Demo::None => DT::DemoNoneHelp,
            Demo::Leak => DT::DemoLeakHelp,
            Demo::Scaling => DT::DemoScalingHelp,
            Demo::Shift => DT::DemoShiftHelp,
        };
        let demos = [(Demo::None, DT::DemoNone), (Demo::Leak, DT::DemoLeak), (Demo::Scaling, DT::DemoScaling), (Demo::Shift, DT::DemoShift)];
        let options = demos.iter().map(|(d, text)| (d.slug().to_owned(), text.get(l).to_owned())).collect();
        let mut shown = vec![
            controls::select("demo", false, DT::DemoLabel.get(l), DT::DemoSelectHelp.get(l), options, demo.slug(), move |v| if let Some(d) = Demo::from_slug(&v) { set(&|p| p.demo = d) }),
            tag_text("p", "help", demo_help.get(l)).testid("demo-help"),
        ];
        if demo == Demo::Shift {
            shown.extend(engine.look(|e| e.table().map(|tb| {
                let p = params.get();
                let features = p.feature_columns(tb.n_columns());
                let current = super::fit::shift_column(tb, &p, &features).map_or(0, |c| c + 1);
                let numeric = features.into_iter().filter(|&c| tb.column(c).is_some_and(|col| col.kind() == Kind::Numeric));
                controls::select("shift_by", false, DT::ShiftByLabel.get(l), DT::ShiftByHelp.get(l), column_options(tb, numeric), &current.to_string(), move |v| if let Ok(k) = v.parse::<usize>() { set(&|p| p.shift_by = k) })
            })));
        }
        shown.extend(engine.look(|e| e.models.as_ref().filter(|m| m.variants.len() == 2).map(|m| {
            let (trap, honest) = (&m.variants[0], &m.variants[1]);
            let rows = trap.results.iter().zip(&honest.results).map(|(a, b)| {
                let slug = a.kind.slug();
                let cells = [("trap-val", &a.val), ("trap-test", &a.test), ("honest-val", &b.val), ("honest-test", &b.test)].into_iter().map(|(what, e)| cell(format!("{what}-{slug}"), headline_text(e.as_ref()))).collect();
                dom::row(El::text(model_name(a.kind).get(l)), cells).testid(format!("demo-{slug}"))
            }).collect();
            let group = |label: crate::i18n::Label| El::new("th").attr("scope", "colgroup").attr("colspan", "2").says(label.get(l));
            let groups = El::new("tr").child(El::new("th").attr("scope", "col")).child(group(DT::InTheTrap)).child(group(DT::Honestly));
            let columns = El::new("tr").children([DT::ModelHead, DT::ValHead, DT::TestHead, DT::ValHead, DT::TestHead].iter().map(|h| El::new("th").attr("scope", "col").says(h.get(l))).collect());
            [
                dom::table_with_head("results-table", "demo-table", vec![groups, columns], rows),
                tag_text("p", "verdict", verdict(m, trap, honest, l)).testid("demo-verdict"),
            ]
        })).into_iter().flatten());
        shown
    });

    // ---- 6 · Take it away
    let downloads = live(move || {
        let l = lang.get();
        let button = |testid: &'static str, label: crate::i18n::Label, what: &'static str| El::new("button").testid(testid).says(label.get(l)).on_click(move || download(lab, what, importance_ref));
        vec![El::new("div").class("row wrap")
            .child(button("download-clean", DT::DownloadClean, "cleaned"))
            .child(button("download-results", DT::DownloadResults, "results"))
            .child(button("download-models", DT::DownloadModels, "models"))
            .child(button("download-column-png", DT::DownloadColumnPng, "column"))
            .child(button("download-importance-png", DT::DownloadImportancePng, "importance"))]
    });

    view! {
        <section class="panel" aria-labelledby="data-prepare">
            {heading("data-prepare", DT::PrepareTitle, DT::PrepareHelp)}
            {prepare_choices}
            {handling}
            {prepared}
        </section>

        <section class="panel" aria-labelledby="data-models">
            {heading("data-models", DT::ModelsTitle, DT::ModelsHelp)}
            <div class="lab-grid two">
                <div>{splitting}</div>
                {model_boxes}
            </div>
            {fitting}
            {results_table}
            <div class="lab-grid two">
                <div>
                    {detail}
                    <div>
                        <canvas node_ref=confusion_ref data-testid="confusion-chart" class="chart-canvas data-confusion" role="img"></canvas>
                        {help(DT::ConfusionHelp)}
                    </div>
                </div>
                <div>
                    <div>
                        <canvas node_ref=roc_ref data-testid="roc-chart" class="chart-canvas" role="img"></canvas>
                        {help(DT::RocHelp)}
                    </div>
                    {live(move || vec![tag_text("h3", "", DT::ImportanceTitle.get(lang.get()))])}
                    <canvas node_ref=importance_ref data-testid="importance-chart" class="chart-canvas" role="img"></canvas>
                    {importance_notes}
                </div>
            </div>
        </section>

        <section class="panel" aria-labelledby="data-traps">
            {heading("data-traps", DT::TrapsTitle, DT::TrapsHelp)}
            {traps}
        </section>

        <section class="panel" aria-labelledby="data-away">
            {heading("data-away", DT::AwayTitle, DT::AwayHelp)}
            {downloads}
        </section>
    }
}

/// A canvas's text alternative, in the page's language.
fn label_canvas(canvas: &web_sys::HtmlCanvasElement, label: &str) {
    let _ = canvas.set_attribute("aria-label", label);
}

/// Shows or hides the box a canvas sits in (with its help).
fn show_box(canvas: &web_sys::HtmlCanvasElement, on: bool) {
    if let Some(parent) = canvas.parent_element() {
        let _ = if on { parent.remove_attribute("hidden") } else { parent.set_attribute("hidden", "") };
    }
}

/// Offers one of the downloads: the cleaned table or the results (CSV), the fitted models
/// (JSON), or a chart (PNG).
fn download(lab: DataLabState, what: &'static str, importance: NodeRef<Canvas>) {
    let name = |ext: &str| file_name(lab, what, ext);
    match what {
        "models" => {
            if let Some(body) = lab.engine.look(|e| e.models.as_ref().and_then(|m| m.honest().map(models_json))) {
                save(&name("json"), "application/json", crate::components::chart::tools::model_json(&body).as_bytes());
            }
        }
        "cleaned" | "results" => {
            let text = lab.engine.look(|e| e.models.as_ref().and_then(|m| if what == "cleaned" { m.honest().map(cleaned_csv) } else { Some(results_table_csv(m)) }));
            if let Some(text) = text {
                save(&name("csv"), "text/csv", text.as_bytes());
            }
        }
        _ => {
            // The column chart lives in the explore panel: found by its test id.
            let canvas = if what == "importance" {
                importance.get_untracked()
            } else {
                web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("[data-testid=column-chart]").ok().flatten()).and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlCanvasElement>(el).ok())
            };
            if let Some(c) = canvas {
                save_png(&name("png"), &c);
            }
        }
    }
}

/// Columns as a select's options: "k · name", valued by their number.
fn column_options(tb: &Table, columns: impl Iterator<Item = usize>) -> Vec<(String, String)> {
    columns.filter_map(|c| tb.column(c).map(|col| ((c + 1).to_string(), format!("{} · {}", c + 1, col.name())))).collect()
}

/// A data cell with a test id.
fn cell(testid: String, text: impl Into<String>) -> El {
    El::new("td").testid(testid).says(text)
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

/// The fitted models of the honest way as JSON (the body of a saved model): the features they
/// read — by name and in order, as the prepared table has them (standardised, one-hot) — the
/// problem, the classes (a class is its index in this list), and each model fitted so far as
/// `chart::models::fitted_json` writes it, with the rows it was fitted to.
pub fn models_json(v: &Variant) -> String {
    use crate::components::chart::models::fitted_json;
    use crate::components::chart::tools::json_string;
    let list = |names: &[String]| names.iter().map(|n| json_string(n)).collect::<Vec<_>>().join(",");
    let models: Vec<String> = v.results.iter().filter_map(|r| {
        let f = r.fitted.as_ref()?;
        Some(format!("{{\"model\":{},\"rows_used\":{},\"fitted\":{}}}", json_string(r.kind.slug()), r.rows_used, fitted_json(f)))
    }).collect();
    let problem = match v.problem() {
        Problem::Classification => "classification",
        Problem::Regression => "regression",
    };
    format!(
        "{{\"type\":\"data lab models\",\"problem\":\"{problem}\",\"features\":[{}],\"classes\":[{}],\"models\":[{}]}}",
        list(v.prep.feature_names()),
        list(v.prep.classes()),
        models.join(",")
    )
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
