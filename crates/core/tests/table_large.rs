//! A table at the limits, 50,000 rows × 100 columns (about 19 MB, under the 20 MiB cap): it
//! reads, types and profiles through the stepping contract, in many small steps. Not a
//! benchmark; `measure_the_largest_table` (ignored) times each phase and the slowest single
//! step, for docs/DATA-LAB.md:
//!
//! ```text
//! cargo test --release -p perplexed-core --test table_large -- --ignored --nocapture
//! ```

use std::time::Instant;

use perplexed_core::rng::Rng;
use perplexed_core::stepping::Stepping;
use perplexed_core::table::cells::{Kind, Table, TableBuilder};
use perplexed_core::table::csv::{CsvReader, MAX_BYTES, MAX_COLUMNS, MAX_ROWS, ROWS_PER_STEP};
use perplexed_core::table::profile::{Profile, Profiler, Summary};

const NUMERIC: usize = 90;

/// 90 numeric columns of one-decimal values `d.d` (one cell in 100 missing), then 10 of single
/// letters `a`–`e`: about 3.8 bytes a cell with the delimiter.
fn largest_file() -> Vec<u8> {
    let mut rng = Rng::new(50_000);
    let mut s: Vec<u8> = Vec::with_capacity(19_500_000);
    let names: Vec<String> = (0..MAX_COLUMNS).map(|c| format!("c{c}")).collect();
    s.extend_from_slice(names.join(",").as_bytes());
    s.push(b'\n');
    for _ in 0..MAX_ROWS {
        for c in 0..MAX_COLUMNS {
            if c > 0 {
                s.push(b',');
            }
            let draw = rng.below(1000);
            if c < NUMERIC {
                if draw % 100 != 7 {
                    s.extend_from_slice(&[b'0' + (draw / 100) as u8, b'.', b'0' + (draw % 10) as u8]);
                }
            } else {
                s.push(b'a' + (draw % 5) as u8);
            }
        }
        s.push(b'\n');
    }
    s
}

/// Runs every phase through `step`, returning the table, its profile, the steps each phase took
/// and the slowest single step in ms.
fn read_type_profile(bytes: Vec<u8>) -> (Profile, [usize; 3], [f64; 3], [f64; 3], Table) {
    let mut steps = [0; 3];
    let mut slowest = [0.0f64; 3];
    let mut phase_ms = [0.0; 3];
    let mut run = |model: &mut dyn Stepping, phase: usize| {
        let start = Instant::now();
        while !model.done() {
            let t = Instant::now();
            model.step();
            slowest[phase] = slowest[phase].max(t.elapsed().as_secs_f64() * 1e3);
            steps[phase] += 1;
        }
        phase_ms[phase] = start.elapsed().as_secs_f64() * 1e3;
    };
    let mut reader = CsvReader::new(bytes);
    run(&mut reader, 0);
    let raw = reader.finish().unwrap();
    let mut builder = TableBuilder::new(raw);
    run(&mut builder, 1);
    let mut profiler = Profiler::new(builder.finish());
    let columns_start = Instant::now();
    let mut slowest_column = 0.0f64;
    while profiler.columns_done().len() < MAX_COLUMNS {
        let t = Instant::now();
        profiler.step();
        slowest_column = slowest_column.max(t.elapsed().as_secs_f64() * 1e3);
    }
    let columns_ms = columns_start.elapsed().as_secs_f64() * 1e3;
    run(&mut profiler, 2);
    slowest[2] = slowest[2].max(slowest_column);
    // The column steps were taken outside `run`: count them in.
    steps[2] += MAX_COLUMNS;
    phase_ms[2] += columns_ms;
    if std::env::var_os("TABLE_TIMING").is_some() {
        println!(
            "profile: columns {columns_ms:.0} ms (slowest step {slowest_column:.1} ms), pairs {:.0} ms",
            phase_ms[2] - columns_ms
        );
    }
    let (table, profile) = profiler.finish();
    (profile, steps, slowest, phase_ms, table)
}

#[test]
fn fifty_thousand_rows_by_a_hundred_columns_in_steps() {
    let bytes = largest_file();
    assert!(bytes.len() <= MAX_BYTES, "{} bytes", bytes.len());
    let (profile, steps, _, _, table) = read_type_profile(bytes);
    assert_eq!((table.n_rows(), table.n_columns()), (50_000, 100));
    assert_eq!(steps[0], MAX_ROWS / ROWS_PER_STEP, "rows in slices of {ROWS_PER_STEP}");
    assert_eq!(steps[1], 100, "a column a step");
    assert_eq!(steps[2], 100 + NUMERIC * (NUMERIC + 1) / 2, "columns, then pairs with the diagonal");
    assert_eq!(table.numeric_columns().len(), NUMERIC);
    assert!(table.columns()[NUMERIC..].iter().all(|c| c.kind() == Kind::Categorical));
    // Uniform draws: about 1 % missing, means near (0 + 9.9)/2 ≈ 4.95 (the tenths digit is the
    // draw's units digit), and independent columns barely correlated.
    for c in &profile.columns[..NUMERIC] {
        let Summary::Numeric(s) = &c.summary else { panic!("numeric") };
        assert!((400..600).contains(&c.missing), "{}", c.missing);
        assert!((s.mean - 4.95).abs() < 0.1, "{}", s.mean);
        assert_eq!((s.min, s.max), (0.0, 9.9));
        assert!((5..=40).contains(&s.histogram.counts.len()));
    }
    let r = &profile.correlation;
    assert_eq!(r.columns.len(), NUMERIC);
    for i in 0..NUMERIC {
        assert_eq!(r.get(i, i), Some(1.0));
        for j in 0..i {
            assert!(r.get(i, j).unwrap().abs() < 0.03, "({i}, {j})");
        }
    }
}

/// The figures of docs/DATA-LAB.md (run in release, see the module docs).
#[test]
#[ignore]
fn measure_the_largest_table() {
    let start = Instant::now();
    let bytes = largest_file();
    let generate_ms = start.elapsed().as_secs_f64() * 1e3;
    let size = bytes.len();
    for round in 0..3 {
        let (_, steps, slowest, phase_ms, _) = read_type_profile(bytes.clone());
        println!(
            "round {round}: {size} bytes (generated in {generate_ms:.0} ms); read {:.0} ms in {} steps (slowest {:.1} ms), \
             type {:.0} ms in {} steps (slowest {:.1} ms), profile {:.0} ms in {} steps (slowest {:.1} ms); total {:.0} ms",
            phase_ms[0], steps[0], slowest[0], phase_ms[1], steps[1], slowest[1], phase_ms[2], steps[2], slowest[2],
            phase_ms.iter().sum::<f64>()
        );
    }
}
