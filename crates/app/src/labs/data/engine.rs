//! The data lab's engine: a table read from bytes in frame-sized slices (the file's rows, then
//! its columns typed, then profiled — core's `table` steppers), the kinds the learner chose
//! applied, and the models fitted and scored ([`super::fit`]). Display only: every number comes
//! from `perplexed_core`.
//!
//! A new file is read beside the table on screen: the table is replaced only when the new one
//! is complete, so a refused file leaves the previous table (and its models) as they were.

use perplexed_core::stepping::Stepping;
use perplexed_core::table::csv::CsvWarning;
use perplexed_core::table::{CsvError, CsvReader, Kind, Profile, Profiler, Table, TableBuilder};

use super::fit::ModelsRun;
use super::params::{DataParams, Source};
use crate::components::lab_shell::RunEngine;

/// Milliseconds of a frame the lab's reading and fitting may take (of 16.7 at 60 Hz).
pub const WORK_MS: f64 = 11.0;

/// What reading a table is doing now.
enum Work {
    Reading(CsvReader),
    Typing(TableBuilder, Vec<CsvWarning>),
    Profiling(Profiler, Vec<CsvWarning>),
}

/// A table on its way in.
pub struct Loading {
    pub source: Source,
    /// The file's name (a built-in table's, or the learner's file's).
    pub name: String,
    pub bytes: usize,
    work: Work,
}

impl Loading {
    /// The stage (0 reading rows, 1 typing columns, 2 profiling) and its share done.
    pub fn stage(&self) -> (usize, f64) {
        let share = |p: perplexed_core::stepping::Progress| p.total.filter(|&t| t > 0).map_or(0.0, |t| p.done as f64 / t as f64);
        match &self.work {
            Work::Reading(r) => (0, share(r.progress())),
            Work::Typing(b, _) => (1, share(b.progress())),
            Work::Profiling(p, _) => (2, share(p.progress())),
        }
    }
}

/// Why a table did not come in.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadFailure {
    /// The file is not a table: where and why.
    File { name: String, error: CsvError },
    /// A built-in table could not be downloaded (the HTTP status; 0: no answer).
    Download(u16),
}

/// A table in, with its profile.
pub struct Loaded {
    pub source: Source,
    pub name: String,
    pub bytes: usize,
    pub table: Table,
    pub profile: Profile,
    /// Header names that had to be changed.
    pub warnings: Vec<CsvWarning>,
}

pub struct DataEngine {
    pub params: DataParams,
    pub loaded: Option<Loaded>,
    pub loading: Option<Loading>,
    /// The last table refused (the one on screen stays).
    pub failure: Option<LoadFailure>,
    /// A built-in table the page should download (it takes it, fetches and calls `load`).
    pub wanted: Option<Source>,
    /// A download is under way.
    pub fetching: bool,
    /// The models fitted on the table (none before a table is in).
    pub models: Option<ModelsRun>,
    /// Moves when a new table comes in or the models start again.
    pub version: u64,
    /// Times the learner has looked at the test set since the page opened: a second look means
    /// the test set is being used to choose, and is no longer a test.
    pub tests_seen: u32,
}

impl DataEngine {
    pub fn new(params: DataParams) -> Self {
        let wanted = params.table.file().map(|_| params.table);
        DataEngine { params, loaded: None, loading: None, failure: None, wanted, fetching: false, models: None, version: 0, tests_seen: 0 }
    }

    /// Starts reading `bytes` as the table `name` from `source`.
    pub fn load(&mut self, source: Source, name: &str, bytes: Vec<u8>) {
        self.fetching = false;
        self.loading = Some(Loading { source, name: name.to_owned(), bytes: bytes.len(), work: Work::Reading(CsvReader::new(bytes)) });
    }

    /// A download failed.
    pub fn download_failed(&mut self, status: u16) {
        self.fetching = false;
        self.failure = Some(LoadFailure::Download(status));
    }

    /// The page takes the table it should download.
    pub fn take_wanted(&mut self) -> Option<Source> {
        let w = self.wanted.take();
        if w.is_some() {
            self.fetching = true;
        }
        w
    }

    /// One unit of reading; whether reading goes on.
    fn read_step(&mut self) -> bool {
        let Some(mut loading) = self.loading.take() else { return false };
        loading.work = match loading.work {
            Work::Reading(mut r) => {
                r.step();
                if !r.done() {
                    Work::Reading(r)
                } else {
                    match r.finish() {
                        Ok(raw) => {
                            let warnings = raw.warnings().to_vec();
                            Work::Typing(TableBuilder::new(raw), warnings)
                        }
                        Err(error) => {
                            self.failure = Some(LoadFailure::File { name: loading.name, error });
                            return false;
                        }
                    }
                }
            }
            Work::Typing(mut b, w) => {
                b.step();
                if b.done() {
                    let mut table = b.finish();
                    apply_kinds(&mut table, &self.params);
                    Work::Profiling(Profiler::new(table), w)
                } else {
                    Work::Typing(b, w)
                }
            }
            Work::Profiling(mut p, warnings) => {
                p.step();
                if p.done() {
                    let (table, profile) = p.finish();
                    self.failure = None;
                    self.loaded = Some(Loaded { source: loading.source, name: loading.name, bytes: loading.bytes, table, profile, warnings });
                    self.restart_models();
                    return false;
                }
                Work::Profiling(p, warnings)
            }
        };
        self.loading = Some(loading);
        true
    }

    /// The kinds in the settings applied to a copy of the table on screen, profiled again in
    /// steps; the table on screen stays until the copy is ready.
    fn retype(&mut self) {
        let Some(l) = &self.loaded else { return };
        let mut table = l.table.clone();
        apply_kinds(&mut table, &self.params);
        self.loading = Some(Loading { source: l.source, name: l.name.clone(), bytes: l.bytes, work: Work::Profiling(Profiler::new(table), l.warnings.clone()) });
    }

    /// The models fitted again from the start (a new run).
    pub fn restart_models(&mut self) {
        self.version += 1;
        self.models = self.loaded.as_ref().map(|l| ModelsRun::new(&l.table, &self.params));
    }

    /// The table on screen.
    pub fn table(&self) -> Option<&Table> {
        self.loaded.as_ref().map(|l| &l.table)
    }
}

/// The learner's kinds: the listed columns as categories or as numbers, every other column as
/// inferred.
pub fn apply_kinds(table: &mut Table, params: &DataParams) {
    for c in 0..table.n_columns() {
        let inferred = table.columns()[c].inferred_kind();
        let kind = if params.categorical.contains(&(c + 1)) {
            Kind::Categorical
        } else if params.numeric.contains(&(c + 1)) {
            Kind::Numeric
        } else {
            inferred
        };
        // `c` is in range: no error to handle.
        let _ = table.set_kind(c, kind);
    }
}

impl RunEngine<DataParams> for DataEngine {
    fn apply(&mut self, params: DataParams) {
        let old = std::mem::replace(&mut self.params, params);
        if self.params.source_changed(&old) {
            self.wanted = self.params.table.file().map(|_| self.params.table);
            return;
        }
        if (&self.params.categorical, &self.params.numeric) != (&old.categorical, &old.numeric) {
            self.retype();
        }
        if self.params.model_changed(&old) {
            self.restart_models();
        }
    }

    fn advance(&mut self, budget_ms: f64, now: &dyn Fn() -> f64) -> bool {
        // The lab animates nothing while it reads and fits (its tables change as each piece
        // finishes), so it takes more of a frame than a training lab's budget.
        let budget_ms = budget_ms.max(WORK_MS);
        let start = now();
        loop {
            let more = if self.loading.is_some() {
                self.read_step()
            } else if let Some(m) = self.models.as_mut() {
                m.step(now)
            } else {
                false
            };
            if !more && self.loading.is_none() && self.models.as_ref().is_none_or(ModelsRun::done) {
                return false;
            }
            if now() - start >= budget_ms {
                return true;
            }
        }
    }

    fn step(&mut self) {
        if self.loading.is_some() {
            self.read_step();
        } else if let Some(m) = self.models.as_mut() {
            m.step(&crate::components::canvas::now_ms);
        }
    }

    fn rebuild(&mut self) {
        self.restart_models();
    }

    fn version(&self) -> u64 {
        self.version
    }

    fn spent(&self) -> bool {
        self.loading.is_none() && self.models.as_ref().is_none_or(ModelsRun::done)
    }

    fn waiting(&self) -> bool {
        self.fetching || self.wanted.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../../web/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    fn run(e: &mut DataEngine) {
        let mut frames = 0;
        while e.advance(8.0, &|| 0.0) {
            frames += 1;
            assert!(frames < 100_000);
        }
    }

    /// A table read in steps, profiled, and its models fitted: what the page does frame by frame.
    #[test]
    fn a_table_comes_in_and_its_models_are_fitted() {
        let mut e = DataEngine::new(DataParams::default());
        assert_eq!(e.take_wanted(), Some(Source::Iris));
        assert!(e.waiting());
        e.load(Source::Iris, "iris.csv", bytes("iris.csv"));
        run(&mut e);
        let l = e.loaded.as_ref().unwrap();
        assert_eq!((l.table.n_rows(), l.table.n_columns()), (150, 5));
        let m = e.models.as_ref().unwrap();
        assert!(m.done() && m.error.is_none());
        assert_eq!(m.progress(), (6, 6));
    }

    /// A malformed file is refused with its line and the previous table stays, models and all.
    #[test]
    fn a_bad_file_keeps_the_table_on_screen() {
        let mut e = DataEngine::new(DataParams::default());
        e.load(Source::Iris, "iris.csv", bytes("iris.csv"));
        run(&mut e);
        let version = e.version;
        e.load(Source::Own, "bad.csv", b"a,b\n1,2\n3\n".to_vec());
        run(&mut e);
        match &e.failure {
            Some(LoadFailure::File { name, error }) => assert_eq!((name.as_str(), error.line), ("bad.csv", 3)),
            other => panic!("{other:?}"),
        }
        assert_eq!(e.loaded.as_ref().map(|l| l.source), Some(Source::Iris));
        assert_eq!(e.version, version, "the models were not touched");
        assert!(e.models.as_ref().is_some_and(ModelsRun::done));
    }

    /// Reading a column as categories re-profiles the table in steps and fits the models again.
    #[test]
    fn a_changed_kind_is_applied_and_profiled() {
        let mut e = DataEngine::new(DataParams::default());
        e.load(Source::Iris, "iris.csv", bytes("iris.csv"));
        run(&mut e);
        e.apply(DataParams { categorical: vec![1], ..DataParams::default() });
        run(&mut e);
        let l = e.loaded.as_ref().unwrap();
        assert_eq!(l.table.columns()[0].kind(), Kind::Categorical);
        assert!(matches!(l.profile.columns[0].summary, perplexed_core::table::Summary::Categorical(_)));
    }
}

#[cfg(test)]
mod timing {
    use super::*;

    /// Not a test: the longest single step on a 50,000-row table, printed
    /// (`cargo test -p perplexed-app --release --lib data::engine::timing -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn longest_steps_on_fifty_thousand_rows() {
        let mut text = String::from("class");
        for j in 1..20 {
            text.push_str(&format!(",f{j}"));
        }
        text.push('\n');
        let mut s: u64 = 12345;
        for i in 0..50_000 {
            text.push_str(["a", "b", "c"][i % 3]);
            for _ in 1..20 {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(&format!(",{:.3}", (s >> 33) as f64 / 2f64.powi(31) * 10.0));
            }
            text.push('\n');
        }
        let mut e = DataEngine::new(DataParams { models: vec!["linear".into()], ..DataParams::default() });
        e.load(Source::Own, "big.csv", text.into_bytes());
        let clock = std::time::Instant::now();
        let now = || clock.elapsed().as_secs_f64() * 1000.0;
        let mut worst = Vec::new();
        loop {
            let (stage, before) = (e.loading.as_ref().map(|l| l.stage().0), now());
            let more = e.advance(8.0, &now);
            worst.push((now() - before, stage, e.models.as_ref().map(|m| m.progress())));
            if !more {
                break;
            }
        }
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        for w in &worst[..8] {
            println!("{:.1} ms, stage {:?}, models {:?}", w.0, w.1, w.2);
        }
    }
}

