//! What the labs that train an engine network epoch by epoch share (the CNN, sequence and
//! attention labs, and those to come): the pace, what a change of settings invalidates, the run
//! (and a rival beside it) with its one-time test, its wiring to the transport
//! ([`RunEngine`]), and the controls of its training — optimiser, learning rate, batch,
//! clipping, the epoch limit and the seed. Every number still comes from core; the trainers meet
//! here through core's [`EpochTrainer`].

use leptos::prelude::*;

use perplexed_core::data::split::Role;
use perplexed_core::error::ParamError;
use perplexed_core::optim::optimizers::OptimizerKind;
use perplexed_core::stepping::{step_within, Pacer, Stepping};
use perplexed_core::train::minibatch::{EpochTrainer, UpTo};

use super::controls::{nearest_stop, range, seed, select, stops};
use super::dom::El;
use super::dom_controls;
use super::lab_shell::{self, LabState, Run, RunEngine};
use crate::i18n::{fill, optimizer_name, Label, Lang, P, T};

// The words these labs share; a table of their own, so the labs that train no engine network
// do not download them.
crate::i18n::table! {
    TR;
    PaceBatch => "1 mini-batch per frame (slow motion)", "מיני-באץ' אחד לפריים (הילוך איטי)";
    PaceWatch => "2 epochs a second", "2 אפוקים בשנייה";
    PaceFast => "10 epochs a second", "10 אפוקים בשנייה";
    StepBatch => "One mini-batch", "מיני-באץ' אחד";
    Batches => "Mini-batches", "מיני-באצ'ים";
    KeysBatch => "Keyboard: Space plays or pauses, → trains one mini-batch, R starts again.",
                 "במקלדת: רווח מפעיל או משהה, → מאמן מיני-באץ' אחד, R מתחיל מחדש.";
    ClipLabel => "Gradient clipping", "קיטום גרדיאנט";
    ClipHelp => "When the gradient is longer than this, it is scaled down to this length before the step: an exploding gradient becomes a normal step.",
                "כשהגרדיאנט ארוך מזה, הוא מוקטן לאורך הזה לפני הצעד: גרדיאנט מתפוצץ הופך לצעד רגיל.";
    ClipOff => "Off", "כבוי";
    StopAfterLabel => "Stop after (epochs)", "עצירה אחרי (אפוקים)";
    StopAfterHelp => "Training stops by itself after this many epochs; Play then runs it again from the start. \"Until paused\" trains on.",
                     "האימון נעצר מעצמו אחרי מספר האפוקים הזה; לחיצה על הפעלה מריצה אותו אז שוב מההתחלה. \"עד להשהיה\" ממשיך להתאמן.";
    UntilPaused => "Until paused", "עד להשהיה";
    WeightsSeedHelp => "The same seed gives the same starting weights and the same order of mini-batches: the run repeats exactly.",
                       "אותו זרע נותן אותם משקלים התחלתיים ואותו סדר של מיני-באצ'ים: הריצה חוזרת בדיוק.";
    NewWeights => "New starting weights", "משקלים התחלתיים חדשים";
}

perplexed_core::slug_enum! {
    /// How fast a network trains while playing.
    pub enum Pace {
        /// One mini-batch per animation frame: slow motion.
        Batch => "batch",
        /// Two epochs a second: the curves grow at a pace the eye follows.
        Watch => "watch",
        /// Ten epochs a second.
        Fast => "fast",
        /// As much as each frame's budget allows.
        Max => "max",
    }
}
crate::query::by_slug!(Pace);

impl Pace {
    /// Epochs a second at a steady pace (`None`: one mini-batch a frame, or as fast as possible).
    pub fn epochs_per_second(self) -> Option<f64> {
        match self {
            Pace::Watch => Some(2.0),
            Pace::Fast => Some(10.0),
            Pace::Batch | Pace::Max => None,
        }
    }

    /// The transport's options, in words.
    pub fn options() -> Vec<(&'static str, Label)> {
        let words = |p: Pace| -> Label {
            match p {
                Pace::Batch => TR::PaceBatch.into(),
                Pace::Watch => TR::PaceWatch.into(),
                Pace::Fast => TR::PaceFast.into(),
                Pace::Max => T::SpeedMax.into(),
            }
        };
        Pace::ALL.into_iter().map(|p| (p.slug(), words(p))).collect()
    }
}

/// What a change of settings invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The pace, what the page looks at, the epoch limit: nothing retrains.
    Display,
    /// The learning rate: applied to the running optimiser (training carries on).
    LearningRate,
    /// The data, the network, its training or the split: a new run.
    Model,
}

/// A one-time look at the test set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestEvaluation {
    pub loss: f32,
    /// The lab's accuracy (NaN where it has none: forecasting).
    pub accuracy: f32,
    pub epoch: usize,
    /// The model changed since: the figure describes a model that no longer exists.
    pub spent: bool,
}

/// What building a run gives: the trainer and, when two networks race, the rival — or why
/// core refused the settings.
pub type Built<T> = Result<(T, Option<T>), ParamError>;

/// A run of a trainer (and a rival trained beside it on the same data), its pace, its one-time
/// test and why it could not be built.
pub struct Runs<T> {
    trainer: Option<T>,
    rival: Option<T>,
    /// Why the model could not be built (a setting out of range reached core).
    pub error: Option<ParamError>,
    pacer: Pacer,
    pub test_eval: Option<TestEvaluation>,
    pub test_peeks: u32,
    /// Bumped whenever a new run starts (pictures keyed on it redraw).
    pub version: u64,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Runs { trainer: None, rival: None, error: None, pacer: Pacer::default(), test_eval: None, test_peeks: 0, version: 0 }
    }
}

impl<T: EpochTrainer> Runs<T> {
    /// A new run begins: pictures redraw, the pace starts over, an earlier test is spent.
    pub fn restart(&mut self) {
        self.version += 1;
        self.pacer.restart();
        self.spend_test();
    }

    /// The trainers core built for the new run, or why it refused.
    pub fn install(&mut self, built: Built<T>) {
        match built {
            Ok((t, rival)) => {
                self.trainer = Some(t);
                self.rival = rival;
                self.error = None;
            }
            Err(e) => {
                self.trainer = None;
                self.rival = None;
                self.error = Some(e);
            }
        }
    }

    pub fn spend_test(&mut self) {
        if let Some(t) = &mut self.test_eval {
            t.spent = true;
        }
    }

    /// A new learning rate for the running optimisers (the test is spent: the model changes).
    pub fn set_lr(&mut self, lr: f32) {
        for t in self.trainer.iter_mut().chain(self.rival.iter_mut()) {
            if let Err(e) = t.set_lr(lr) {
                self.error = Some(e);
            }
        }
        self.spend_test();
    }

    /// Trains for this frame at `pace` within `budget_ms`, up to `epochs` (0: no limit);
    /// whether training goes on.
    pub fn advance(&mut self, pace: Pace, epochs: usize, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let Some(t) = &mut self.trainer else {
            return false;
        };
        let per_epoch = t.steps_per_epoch();
        let mut run = UpTo { main: t, rival: self.rival.as_mut(), epochs };
        if run.done() {
            return false;
        }
        let steps = match pace.epochs_per_second() {
            // One mini-batch a frame; an epoch's measuring chunks go by at the same pace.
            None if pace == Pace::Batch => 1,
            None => usize::MAX,
            Some(per_second) => self.pacer.due(now(), per_second * per_epoch as f64),
        };
        if steps > 0 {
            step_within(&mut run, steps, budget_ms, now);
        }
        !run.done()
    }

    /// The Play button's pace starts over (after a change of pace).
    pub fn repace(&mut self) {
        self.pacer.restart();
    }

    /// The run trained the `epochs` asked for (never with "until paused", 0).
    pub fn finished(&self, epochs: usize) -> bool {
        epochs > 0 && self.trainer.as_ref().is_some_and(|t| t.epoch() >= epochs)
    }

    /// One mini-batch of each run (and, at an epoch's end, its whole measurement).
    pub fn step(&mut self) {
        for t in self.trainer.iter_mut().chain(self.rival.iter_mut()) {
            t.step_batch();
        }
    }

    pub fn trainer(&self) -> Option<&T> {
        self.trainer.as_ref()
    }

    pub fn trainer_mut(&mut self) -> Option<&mut T> {
        self.trainer.as_mut()
    }

    pub fn rival(&self) -> Option<&T> {
        self.rival.as_ref()
    }

    /// The first network diverged (a rival's divergence shows on its own curve).
    pub fn diverged(&self) -> bool {
        self.trainer.as_ref().is_some_and(T::diverged)
    }

    /// Epochs completed and the fraction of the current one.
    pub fn epochs(&self) -> f64 {
        self.trainer.as_ref().map_or(0.0, |t| t.epoch() as f64 + f64::from(t.epoch_progress().min(0.999)))
    }

    /// Whether the test set can be evaluated (a model, and test rows).
    pub fn can_evaluate_test(&self) -> bool {
        self.trainer.as_ref().is_some_and(|t| !t.split().test.is_empty())
    }

    /// The final exam: loss and accuracy on the test rows, counted as a peek.
    pub fn evaluate_test(&mut self) {
        let Some(t) = &mut self.trainer else { return };
        if t.split().test.is_empty() {
            return;
        }
        let (loss, accuracy) = t.evaluate(Role::Test);
        self.test_peeks += 1;
        self.test_eval = Some(TestEvaluation { loss, accuracy, epoch: t.epoch(), spent: false });
    }
}

/// The training settings every such lab has, as its controls read and write them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Training {
    pub optimizer: OptimizerKind,
    pub lr: f32,
    pub batch: usize,
    /// Largest gradient norm, 0 for no clipping; `None`: the lab has no clipping control.
    pub clip: Option<f32>,
    /// Epochs before stopping by itself (0: until paused).
    pub epochs: usize,
    pub seed: u32,
    pub speed: Pace,
}

/// `training()` and `set_training()` of [`TrainingParams`] for a lab's settings with the
/// engine labs' usual fields: `optimizer`, `lr`, `batch`, `clip` (an `f32`, 0 = no clipping),
/// `epochs`, `seed` and `speed`. Used inside the `impl`, beside the lab's own `change_from`.
macro_rules! clipped_training {
    () => {
        fn training(&self) -> $crate::components::training::Training {
            $crate::components::training::Training { optimizer: self.optimizer, lr: self.lr, batch: self.batch, clip: Some(self.clip), epochs: self.epochs, seed: self.seed, speed: self.speed }
        }
        fn set_training(&mut self, t: $crate::components::training::Training) {
            (self.optimizer, self.lr, self.batch, self.epochs, self.seed, self.speed) = (t.optimizer, t.lr, t.batch, t.epochs, t.seed, t.speed);
            self.clip = t.clip.unwrap_or(0.0);
        }
    };
}
pub(crate) use clipped_training;

/// A lab's settings, as far as its training goes.
pub trait TrainingParams: Clone + PartialEq + Send + Sync + 'static {
    fn training(&self) -> Training;
    fn set_training(&mut self, t: Training);
    /// What a change from `old` invalidates (`None`: nothing changed).
    fn change_from(&self, old: &Self) -> Option<Change>;
}

/// What a change from `old` to `new` invalidates, `rebuilt` saying whether the lab's data or
/// network changed: those, or the optimiser, batch, clipping or seed, start a new run; the
/// learning rate alone goes to the running optimiser; anything else only redraws.
pub fn classify<Pr: TrainingParams>(new: &Pr, old: &Pr, rebuilt: bool) -> Option<Change> {
    if new == old {
        return None;
    }
    let (a, b) = (new.training(), old.training());
    let retrain = |t: &Training| (t.optimizer, t.batch, t.clip.map(f32::to_bits), t.seed);
    if rebuilt || retrain(&a) != retrain(&b) {
        Some(Change::Model)
    } else if a.lr != b.lr {
        Some(Change::LearningRate)
    } else {
        Some(Change::Display)
    }
}

/// An engine made of [`Runs`]: given how to build its trainers, the wiring to the transport
/// ([`RunEngine`]) is the same for every such lab.
pub trait TrainsRuns: 'static {
    type Params: TrainingParams;
    type Trainer: EpochTrainer;
    fn runs(&self) -> &Runs<Self::Trainer>;
    fn runs_mut(&mut self) -> &mut Runs<Self::Trainer>;
    fn params(&self) -> &Self::Params;
    fn params_mut(&mut self) -> &mut Self::Params;
    /// The trainers (and a rival) for the current settings; `None` while the data is on its way.
    fn build(&self) -> Option<Built<Self::Trainer>>;
    /// What else a new run invalidates (the lab's caches).
    fn on_restart(&mut self) {}
    /// Nothing to train yet (data on its way).
    fn waiting(&self) -> bool {
        false
    }
}

/// A fresh run of `e` from its current settings (the same seeds: the same run again).
pub fn rebuild<E: TrainsRuns>(e: &mut E) {
    e.runs_mut().restart();
    e.on_restart();
    if let Some(built) = e.build() {
        e.runs_mut().install(built);
    }
}

impl<E: TrainsRuns> RunEngine<E::Params> for E {
    fn apply(&mut self, params: E::Params) {
        let Some(change) = params.change_from(self.params()) else {
            return;
        };
        let lr = params.training().lr;
        *self.params_mut() = params;
        match change {
            Change::Display => self.runs_mut().repace(),
            Change::LearningRate => self.runs_mut().set_lr(lr),
            Change::Model => rebuild(self),
        }
    }
    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        let t = self.params().training();
        self.runs_mut().advance(t.speed, t.epochs, budget_ms, now)
    }
    fn step(&mut self) {
        self.runs_mut().step();
    }
    fn rebuild(&mut self) {
        rebuild(self);
    }
    fn version(&self) -> u64 {
        self.runs().version
    }
    fn spent(&self) -> bool {
        self.runs().diverged() || self.runs().finished(self.params().training().epochs)
    }
    fn waiting(&self) -> bool {
        TrainsRuns::waiting(self)
    }
}

/// The lists the training controls offer.
pub struct Offer {
    pub learning_rates: &'static [f32],
    pub batches: &'static [usize],
    pub clips: &'static [f32],
    /// Epoch limits of "stop after" (0: until paused).
    pub epoch_stops: &'static [usize],
}

/// Learning rates every such lab offers (log-spaced).
pub const LEARNING_RATES: [f32; 11] = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0];
/// Mini-batch sizes (the trainers accept up to 256).
pub const BATCHES: [usize; 9] = [1, 2, 4, 8, 16, 32, 64, 128, 256];
/// Clipping thresholds (0: off).
pub const CLIPS: [f32; 6] = [0.0, 0.5, 1.0, 2.0, 5.0, 10.0];

/// The position of `value` among `stops` (the last one for a value beyond them).
fn position_of(stops: &[usize], value: usize) -> i64 {
    stops.iter().position(|&s| s >= value).unwrap_or(stops.len().saturating_sub(1)) as i64
}

/// The value at slider position `v` of `stops`.
fn at<V: Copy>(stops: &[V], v: i64) -> V {
    stops[(v.max(0) as usize).min(stops.len() - 1)]
}

/// Optimiser, learning rate, batch, clipping (when the lab has it), "stop after" and the seed;
/// `lr_help` and `batch_help` say what they mean in this lab.
pub fn training_controls<Pr: TrainingParams>(lang: RwSignal<Lang>, params: RwSignal<Pr>, offer: Offer, lr_help: impl Into<Label>, batch_help: impl Into<Label>) -> impl IntoView {
    let Offer { learning_rates, batches, clips, epoch_stops } = offer;
    let get = move || params.with(Pr::training);
    let put = move |f: &dyn Fn(&mut Training)| {
        params.update(|p| {
            let mut t = p.training();
            f(&mut t);
            p.set_training(t);
        })
    };
    let optimizers: Vec<(&'static str, Label)> = OptimizerKind::ALL.iter().map(|&o| (o.slug(), optimizer_name(o))).collect();
    let clip = get().clip.is_some().then(|| {
        range(
            lang,
            "clip",
            TR::ClipLabel,
            TR::ClipHelp,
            (0, clips.len() as i64 - 1),
            move || nearest_stop(clips, get().clip.unwrap_or(0.0)) as i64,
            move || match get().clip {
                Some(c) if c > 0.0 => crate::query::short_float(c),
                _ => TR::ClipOff.get(lang.get()).to_owned(),
            },
            move |v| put(&|t| t.clip = Some(at(clips, v))),
        )
    });
    view! {
        {select(lang, "optimizer", T::OptimizerLabel, T::OptimizerHelp, optimizers, move || get().optimizer.slug(),
            move |v| if let Some(o) = OptimizerKind::from_slug(&v) { put(&|t| t.optimizer = o) })}
        {stops(lang, params, "lr", T::LrLabel, lr_help, learning_rates, |p| p.training().lr, |p, v| { let mut t = p.training(); t.lr = v; p.set_training(t); })}
        {range(lang, "batch", T::BatchLabel, batch_help, (0, batches.len() as i64 - 1),
            move || position_of(batches, get().batch),
            move || get().batch.to_string(),
            move |v| put(&|t| t.batch = at(batches, v)))}
        {clip}
        {range(lang, "epochs", TR::StopAfterLabel, TR::StopAfterHelp, (0, epoch_stops.len() as i64 - 1),
            move || position_of(epoch_stops, get().epochs),
            move || match get().epochs { 0 => TR::UntilPaused.get(lang.get()).to_owned(), n => n.to_string() },
            move |v| put(&|t| t.epochs = at(epoch_stops, v)))}
        {seed(lang, params, TR::WeightsSeedHelp, TR::NewWeights, |p| p.training().seed, |p, v| { let mut t = p.training(); t.seed = v; p.set_training(t); })}
    }
}

/// The controls of [`training_controls`] as data, for a page drawn with
/// [`dom::live`](super::dom::live): the same markup and test ids, without a Leptos view per
/// control (each costs every page that uses it download). `t` is what they show, `invalid`
/// says which the lab's error names, `put` changes the settings.
pub fn training_controls_el(
    l: Lang, t: &Training, offer: Offer, (lr_help, batch_help): (&str, &str),
    invalid: impl Fn(&'static str) -> bool, put: impl Fn(&dyn Fn(&mut Training)) + Copy + 'static,
) -> Vec<El> {
    let Offer { learning_rates, batches, clips, epoch_stops } = offer;
    let last = |stops: usize| stops as i64 - 1;
    let optimizers = OptimizerKind::ALL.iter().map(|&o| (o.slug().to_owned(), optimizer_name(o).get(l).to_owned())).collect();
    let mut shown = vec![
        dom_controls::select("optimizer", invalid("optimizer"), T::OptimizerLabel.get(l), T::OptimizerHelp.get(l), optimizers, t.optimizer.slug(),
            move |v| if let Some(o) = OptimizerKind::from_slug(&v) { put(&|t| t.optimizer = o) }),
        dom_controls::range("lr", invalid("lr"), T::LrLabel.get(l), lr_help, (0, last(learning_rates.len())), nearest_stop(learning_rates, t.lr) as i64,
            crate::query::short_float(t.lr), move |v| put(&|t| t.lr = at(learning_rates, v))),
        dom_controls::range("batch", invalid("batch"), T::BatchLabel.get(l), batch_help, (0, last(batches.len())), position_of(batches, t.batch),
            t.batch.to_string(), move |v| put(&|t| t.batch = at(batches, v))),
    ];
    if let Some(clip) = t.clip {
        let off = clip <= 0.0;
        shown.push(dom_controls::range("clip", invalid("clip"), TR::ClipLabel.get(l), TR::ClipHelp.get(l), (0, last(clips.len())), nearest_stop(clips, clip) as i64,
            if off { TR::ClipOff.get(l).to_owned() } else { crate::query::short_float(clip) }, move |v| put(&|t| t.clip = Some(at(clips, v)))));
    }
    let until = match t.epochs { 0 => TR::UntilPaused.get(l).to_owned(), n => n.to_string() };
    shown.push(dom_controls::range("epochs", invalid("epochs"), TR::StopAfterLabel.get(l), TR::StopAfterHelp.get(l), (0, last(epoch_stops.len())), position_of(epoch_stops, t.epochs),
        until, move |v| put(&|t| t.epochs = at(epoch_stops, v))));
    shown.push(dom_controls::seed(l, t.seed, TR::WeightsSeedHelp.get(l), TR::NewWeights.get(l), move |s| put(&|t| t.seed = s)));
    shown
}

/// The transport's pace control for such a lab.
pub fn pace_select<Pr: TrainingParams>(params: RwSignal<Pr>, help: impl Into<Label>) -> impl IntoView {
    super::transport::speed_select(
        Pace::options(),
        help,
        move || params.with(|p| p.training().speed.slug()),
        move |v| {
            if let Some(speed) = Pace::from_slug(&v) {
                params.update(|p| {
                    let mut t = p.training();
                    t.speed = speed;
                    p.set_training(t);
                });
            }
        },
    )
}

/// The final exam: its button, what it means, the result (`result` words it in the lab's
/// terms), the note when it is spent, and how often it was looked at.
pub fn test_exam<E: TrainsRuns>(lab: LabState<E::Params, E>, run: Run, result: fn(Lang, &TestEvaluation) -> String) -> impl IntoView {
    let (lang, engine, frame) = (lab.lang, lab.engine, lab.frame);
    let block = move || {
        frame.track();
        let l = lang.get();
        let (eval, peeks) = engine.with_value(|e| (e.runs().test_eval, e.runs().test_peeks));
        let shown = eval.map(|te| {
            view! {
                <p data-testid="test-result" class:spent=te.spent>{result(l, &te)}</p>
                {te.spent.then(|| view! { <p class="spent-note" data-testid="test-spent">{T::TestSpent.get(l)}</p> }.into_any())}
            }
            .into_any()
        });
        let peeks = (peeks > 1).then(|| view! { <p class="help" data-testid="test-peeks">{fill(T::TestPeeks.get(l), &[&P::Times.count(peeks as usize, l)])}</p> }.into_any());
        view! { {shown} {peeks} }.into_any()
    };
    view! {
        <div class="test-exam" data-control="test-eval">
            <button data-testid="test-eval"
                disabled=move || { frame.track(); !engine.with_value(|e| e.runs().can_evaluate_test()) }
                on:click=move |_| { engine.update_value(|e| e.runs_mut().evaluate_test()); lab.published(run); }>{move || T::EvaluateTest.get(lang.get())}</button>
            <p class="help">{move || T::EvaluateTestHelp.get(lang.get())}</p>
            {block}
        </div>
    }
}

/// The way out of a diverged run: the learning rate two stops lower, a new run, and Play.
pub fn fix_divergence<E: TrainsRuns>(lab: LabState<E::Params, E>, run: Run) {
    lab.params.update(|p| {
        let mut t = p.training();
        t.lr = LEARNING_RATES[nearest_stop(&LEARNING_RATES, t.lr).saturating_sub(2)];
        p.set_training(t);
    });
    lab.engine.update_value(rebuild);
    run.playing.set(true);
    lab.published(run);
}

/// The notice when the model cannot be built or diverged, with [`fix_divergence`] as its way
/// out.
pub fn status_banner<E: TrainsRuns>(lab: LabState<E::Params, E>, run: Run) -> impl Fn() -> Option<AnyView> + Copy {
    move || {
        lab.frame.track();
        let (error, diverged) = lab.engine.with_value(|e| (e.runs().error.clone(), e.runs().diverged()));
        lab_shell::run_status(lab.lang, error, diverged, move || fix_divergence(lab, run))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        crate::i18n::check_table(TR::ALL, &[]);
    }

    #[test]
    fn the_paces_and_their_rates() {
        assert_eq!(Pace::Watch.epochs_per_second(), Some(2.0));
        assert_eq!(Pace::Fast.epochs_per_second(), Some(10.0));
        assert_eq!((Pace::Batch.epochs_per_second(), Pace::Max.epochs_per_second()), (None, None));
        assert_eq!(Pace::options().len(), 4);
    }

    #[test]
    fn slider_positions_of_a_list() {
        let stops = [0, 10, 20, 50];
        assert_eq!(position_of(&stops, 0), 0);
        assert_eq!(position_of(&stops, 15), 2, "between stops: the next one up");
        assert_eq!(position_of(&stops, 999), 3, "beyond: the last");
        assert_eq!((at(&stops, -3), at(&stops, 2), at(&stops, 99)), (0, 20, 50));
    }
}
