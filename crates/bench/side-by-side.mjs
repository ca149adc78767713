// Our engine (the perplexed-bench WASI build, wasm + simd128, under node) next to TensorFlow.js
// (cpu and wasm backends, crates/bench/tfjs/run-tfjs.mjs) on W1–W5, interleaved: for every round
// and workload, each engine runs that workload in a fresh node process, one after the other, so
// drift in the machine's load hits all three alike; the engine order rotates between rounds.
// Medians are the median over rounds of each round's median; min / max are over all repeats.
// Speed ratios (higher = ours faster) come from the medians of this one run.
//
// Usage (bench.sh --side-by-side builds the wasm and installs TensorFlow.js first):
//   node crates/bench/side-by-side.mjs [--wasm PATH] [--rounds N] [--only W1,W4] [--out DIR]
//        [--data DIR] [--wait-quiet [CORES]] [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick]
//   --wait-quiet [C]  before each round and each engine process, wait until fewer than C cores
//                     (default 0.3) are busy (from /proc/stat), and run a process again (at most
//                     twice) if more than 1.5 cores were busy while it ran — the bench itself keeps
//                     one busy, so something else was running.
// Writes OUT/side-by-side.json  — [{workload, engine, optimizer, median, unit, min, max}], 3 engines
//        OUT/side-by-side-summary.json — date, machine, load, ratios, targets, per-round medians
//        OUT/side-by-side.log   — everything the engine processes printed
//        OUT/side-by-side-raw/  — each process's own JSON
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const USAGE = `node crates/bench/side-by-side.mjs [--wasm PATH] [--rounds N] [--only W1,W4] [--out DIR]
  [--data DIR] [--wait-quiet [CORES]] [--note TEXT] [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick]`;

const a = {
  wasm: path.join(root, 'target/bench/perplexed-bench-shipped.wasm'),
  rounds: 3,
  only: ['W1', 'W2', 'W3', 'W4', 'W5'],
  out: path.join(root, 'target/bench'),
  data: null,
  waitQuiet: null,
  note: 'release profile as configured',
  timing: [],
};
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${f} needs a value`);
      return argv[++i];
    };
    switch (f) {
      case '--wasm': a.wasm = path.resolve(value()); break;
      case '--rounds': a.rounds = Math.max(1, parseInt(value(), 10) || 1); break;
      case '--only': a.only = value().split(',').map((s) => s.trim().toUpperCase()); break;
      case '--out': a.out = path.resolve(value()); break;
      case '--data': a.data = path.resolve(value()); break;
      case '--note': a.note = value(); break;
      case '--wait-quiet':
        a.waitQuiet = argv[i + 1] && /^[0-9.]+$/.test(argv[i + 1]) ? Number(argv[++i]) : 0.3;
        break;
      case '--repeats': case '--rep-ms': case '--warmup-ms': a.timing.push(f, value()); break;
      case '--quick': a.timing.push(f); break;
      case '-h': case '--help': console.log(USAGE); process.exit(0);
      default: console.error(`unknown argument ${f}\n\n${USAGE}`); process.exit(2);
    }
  }
}
// TF.js needs ~2 s of work before V8 runs it at full speed (tfjs/run-tfjs.mjs); every engine gets
// the same warm-up unless one is given.
if (!a.timing.includes('--warmup-ms') && !a.timing.includes('--quick')) a.timing.push('--warmup-ms', '2000');
if (!existsSync(a.wasm)) {
  console.error(`no wasm at ${a.wasm}: run crates/bench/bench.sh --side-by-side, which builds it`);
  process.exit(2);
}
if (!existsSync(path.join(here, 'node_modules/@tensorflow/tfjs-backend-wasm'))) {
  console.error('TensorFlow.js is not installed: (cd crates/bench && npm ci)');
  process.exit(2);
}
const raw = path.join(a.out, 'side-by-side-raw');
rmSync(raw, { recursive: true, force: true });
mkdirSync(raw, { recursive: true });
const logFile = path.join(a.out, 'side-by-side.log');
writeFileSync(logFile, '');
const dataArgs = a.data ? ['--data', a.data] : [];

const ENGINES = [
  { key: 'ours', label: 'ours (wasm)', cmd: (w, json) => [path.join(here, 'run-wasm.mjs'), a.wasm, '--only', w, '--json', json, '--note', a.note] },
  { key: 'tfjs-cpu', label: 'TF.js cpu', cmd: (w, json) => [path.join(here, 'tfjs/run-tfjs.mjs'), '--backend', 'cpu', '--only', w, '--json', json] },
  { key: 'tfjs-wasm', label: 'TF.js wasm', cmd: (w, json) => [path.join(here, 'tfjs/run-tfjs.mjs'), '--backend', 'wasm', '--only', w, '--json', json] },
];

// ---------------------------------------------------------------------------------------------
// Machine load: busy cores from /proc/stat (Linux), and the load average
// ---------------------------------------------------------------------------------------------

function cpuTimes() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] || 0);
    // guest time is already counted in user; steal is time the hypervisor gave to someone else
    return { total: f.slice(0, 8).reduce((s, v) => s + (v || 0), 0), idle, steal: f[7] || 0 };
  } catch {
    return null;
  }
}
/** Average number of cores stolen by the hypervisor between two cpuTimes() samples. */
function stolenCores(t0, t1) {
  if (!t0 || !t1 || t1.total === t0.total) return NaN;
  return (os.cpus().length * (t1.steal - t0.steal)) / (t1.total - t0.total);
}
/** Average number of busy cores between two cpuTimes() samples (steal counts as busy). */
function busyCores(t0, t1) {
  if (!t0 || !t1 || t1.total === t0.total) return NaN;
  return (os.cpus().length * (t1.total - t0.total - (t1.idle - t0.idle))) / (t1.total - t0.total);
}
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
function sampleBusy(ms) {
  const t0 = cpuTimes();
  sleep(ms);
  return busyCores(t0, cpuTimes());
}
const la = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

/** With --wait-quiet: returns once fewer than a.waitQuiet cores were busy over `ms`. */
function waitQuiet(what, ms) {
  if (a.waitQuiet == null) return;
  const t0 = Date.now();
  let said = false;
  for (;;) {
    const b = sampleBusy(ms);
    if (!(b >= a.waitQuiet)) {
      if (said) console.log(`${what}: quiet again after ${((Date.now() - t0) / 1e3).toFixed(0)} s`);
      return;
    }
    if (Date.now() - t0 > 900_000) {
      console.log(`${what}: still ${b.toFixed(2)} busy cores after 15 min of waiting — measuring anyway`);
      return;
    }
    if (!said) console.log(`${what}: waiting for a quiet machine (${b.toFixed(2)} busy cores, load average ${la()})`);
    said = true;
  }
}
/** With --wait-quiet, a process during which more than this many cores were busy is run again. */
const RETRY_BUSY = 1.5;

// ---------------------------------------------------------------------------------------------
// The interleaved rounds
// ---------------------------------------------------------------------------------------------

const results = []; // {round, engine: key, workload, optimizer, unit, median, min, max, engineName}
const sanity = {}; // engine key -> lines (first round)
const calls = []; // {round, workload, engine, seconds, busy}
let retried = 0;
const started = new Date();
const load0 = la();
const timingNote = `${a.timing.join(' ')} (defaults: warm-up 2000 ms here, 11 repeats of ~150 ms)`;
console.log(`side by side: ${a.rounds} round(s) × ${a.only.join(', ')} × [ours wasm, TF.js cpu, TF.js wasm], ${timingNote}`);
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; load average at start ${load0}`);
console.log(`log of every engine process: ${path.relative(root, logFile)}\n`);

for (let round = 1; round <= a.rounds; round++) {
  waitQuiet(`round ${round}`, 3000);
  const order = ENGINES.map((_, i) => ENGINES[(i + round - 1) % ENGINES.length]);
  for (const w of a.only) {
    for (const e of order) {
      const json = path.join(raw, `r${round}-${w}-${e.key}.json`);
      // The sanity lines (a fixed, untimed training budget) are only shown for round 1.
      const argv = ['--no-warnings', ...e.cmd(w, json), ...dataArgs, ...a.timing, ...(round > 1 ? ['--no-sanity'] : [])];
      let p, secs, busy, steal;
      for (let attempt = 1; ; attempt++) {
        waitQuiet(`round ${round} ${w} ${e.label}`, 1000);
        const c0 = cpuTimes();
        const t0 = Date.now();
        p = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
        secs = (Date.now() - t0) / 1e3;
        const c1 = cpuTimes();
        busy = busyCores(c0, c1);
        steal = stolenCores(c0, c1);
        appendFileSync(logFile, `\n### round ${round} · ${w} · ${e.label} · attempt ${attempt} · ${secs.toFixed(1)} s · ${busy.toFixed(2)} busy cores (${steal.toFixed(2)} stolen)\n$ node ${argv.join(' ')}\n${p.stdout}${p.stderr}`);
        if (a.waitQuiet == null || !(busy > RETRY_BUSY) || attempt >= 3 || p.status !== 0) break;
        console.log(`round ${round} ${w} ${e.label}: ${busy.toFixed(2)} cores were busy — something else ran; again`);
        retried++;
      }
      if (p.status !== 0 || !existsSync(json)) {
        console.error(`\n${e.label} failed on ${w} (exit ${p.status}):\n${p.stderr || p.stdout}`);
        process.exit(1);
      }
      calls.push({ round, workload: w, engine: e.key, seconds: secs, busy, steal });
      for (const r of JSON.parse(readFileSync(json, 'utf8'))) {
        results.push({ ...r, round, engine: e.key, engineName: r.engine });
      }
      if (round === 1) {
        const lines = p.stdout.split('\n').filter((l) => /^\s+W\d \w+\s*: \d+ epochs/.test(l));
        (sanity[e.key] ??= []).push(...lines.map((l) => l.trim()));
      }
      process.stdout.write(`round ${round}/${a.rounds}: ${w} ${e.label.padEnd(11)} ${secs.toFixed(1).padStart(5)} s, ${busy.toFixed(2)} busy cores\n`);
    }
  }
}
const finished = new Date();
const load1 = la();

// ---------------------------------------------------------------------------------------------
// Medians, ratios, targets
// ---------------------------------------------------------------------------------------------

const median = (v) => {
  const s = [...v].sort((x, y) => x - y);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
};
/** Speed of ours relative to another engine: > 1 means ours is faster. */
const speedRatio = (unit, ours, other) => (unit === 'steps/s' ? ours / other : other / ours);

const keys = [];
for (const r of results) {
  const k = `${r.workload}|${r.optimizer}`;
  if (!keys.includes(k)) keys.push(k);
}
const combined = {}; // k -> engine -> {median, min, max, unit, engineName, rounds: [medians]}
for (const r of results) {
  const k = `${r.workload}|${r.optimizer}`;
  const c = ((combined[k] ??= {})[r.engine] ??= { unit: r.unit, engineName: r.engineName, rounds: [], min: Infinity, max: -Infinity });
  c.rounds[r.round - 1] = r.median;
  c.min = Math.min(c.min, r.min);
  c.max = Math.max(c.max, r.max);
}
for (const k of keys) for (const c of Object.values(combined[k])) c.median = median(c.rounds.filter((x) => x != null));

/** The issue's targets: a check of the combined medians, and its text. */
function target(workload, unit, ours, wasmRatio) {
  const id = workload.slice(0, 2);
  const rel = (need) => ({ text: `≥ ${need}× TF.js wasm`, margin: wasmRatio / need });
  if (id === 'W1') {
    const r = rel(100);
    const abs = ours / 240_000; // 2× TF Playground's ~120,000 steps/s (shared PERFORMANCE.md)
    return { text: '≥ 100× TF.js wasm and ≥ 240,000 steps/s (2× TF Playground)', margin: Math.min(r.margin, abs), parts: { vsTfjsWasm: r.margin, vsPlayground: abs } };
  }
  if (id === 'W2') return rel(8);
  if (id === 'W3') return rel(5);
  if (workload.includes('W1 net')) return rel(10);
  if (workload.includes('W2 net') && id === 'W4') return rel(1);
  if (id === 'W5') return { text: '≤ 8 ms median', margin: 8 / ours };
  return null;
}

const fmt = (v) =>
  !Number.isFinite(v) ? '–' : v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const fmtX = (v) => (!Number.isFinite(v) ? '–' : v >= 100 ? `${v.toFixed(0)}×` : v >= 10 ? `${v.toFixed(1)}×` : `${v.toFixed(2)}×`);
const short = (w) => w.replace('playground ', '').replace('wide ', '').replace('digits-mlp ', '');

const summaryRows = [];
const lines = [];
lines.push(`| workload | optimizer | unit | ours (wasm) | TF.js cpu | TF.js wasm | ours / TF.js wasm | ours / TF.js cpu | target | result |`);
lines.push(`|---|---|---|---:|---:|---:|---:|---:|---|---|`);
for (const k of keys) {
  const [workload, optimizer] = k.split('|');
  const c = combined[k];
  const unit = (c.ours ?? c['tfjs-wasm'] ?? c['tfjs-cpu']).unit;
  const ours = c.ours?.median;
  const rW = speedRatio(unit, ours, c['tfjs-wasm']?.median);
  const rC = speedRatio(unit, ours, c['tfjs-cpu']?.median);
  const perRound = (c.ours?.rounds ?? []).map((o, i) => speedRatio(unit, o, c['tfjs-wasm']?.rounds[i]));
  const t = target(workload, unit, ours, rW);
  const pass = t ? t.margin >= 1 : null;
  const result = t == null ? '' : pass ? `PASS (${fmtX(t.margin)} the target)` : `FAIL (${(100 * t.margin).toFixed(0)} % of the target)`;
  lines.push(`| ${short(workload)} | ${optimizer} | ${unit.replace('us/', 'µs/')} | ${fmt(ours)} | ${fmt(c['tfjs-cpu']?.median)} | ${fmt(c['tfjs-wasm']?.median)} | ${fmtX(rW)} | ${fmtX(rC)} | ${t?.text ?? ''} | ${result} |`);
  summaryRows.push({
    workload, optimizer, unit,
    ours: c.ours?.median, tfjs_cpu: c['tfjs-cpu']?.median, tfjs_wasm: c['tfjs-wasm']?.median,
    ratio_vs_tfjs_wasm: rW, ratio_vs_tfjs_cpu: rC, ratio_vs_tfjs_wasm_per_round: perRound,
    target: t?.text ?? null, target_margin: t?.margin ?? null, target_parts: t?.parts ?? null, pass,
    rounds: Object.fromEntries(Object.entries(c).map(([e, v]) => [e, v.rounds])),
  });
}

const busyVals = calls.map((c) => c.busy).filter(Number.isFinite);
const busyNote = busyVals.length
  ? `busy cores during the timed processes: median ${median(busyVals).toFixed(2)}, max ${Math.max(...busyVals).toFixed(2)} (the bench itself keeps ~1 of ${os.cpus().length} busy)` +
    (a.waitQuiet != null ? `; waited for < ${a.waitQuiet} busy cores before each process, ${retried} process(es) run again` : '')
  : '';
const engineNames = Object.fromEntries(ENGINES.map((e) => [e.key, results.find((r) => r.engine === e.key)?.engineName]));

console.log(`\n## Side by side — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${a.rounds} interleaved round(s)\n`);
console.log(`ours: ${engineNames.ours} · TF.js cpu: ${engineNames['tfjs-cpu']} · TF.js wasm: ${engineNames['tfjs-wasm']} (SIMD, 1 thread) · node ${process.version}`);
console.log(`medians over rounds of each round's median; ratios are speed ratios (> 1× = ours faster; for µs and ms: TF.js time / our time)\n`);
for (const l of lines) console.log(l);
console.log(`\nload average: ${load0} at the start, ${load1} at the end; ${busyNote}`);
console.log(`ours / TF.js wasm per round: ${summaryRows.map((r) => `${short(r.workload).split(' ')[0]}${r.optimizer === '-' ? '' : ' ' + r.optimizer} ${r.ratio_vs_tfjs_wasm_per_round.map(fmtX).join(' ')}`).join(' · ')}`);
console.log(`\nsanity, round 1 (every engine must learn, not only be fast; each line: the same budget of epochs from the same initial weights, untimed):`);
for (const e of ENGINES) for (const l of sanity[e.key] ?? []) console.log(`  ${e.label.padEnd(11)} ${l}`);

const jsonRows = [];
for (const k of keys) {
  const [workload, optimizer] = k.split('|');
  for (const e of ENGINES) {
    const c = combined[k][e.key];
    if (c) jsonRows.push({ workload, engine: c.engineName, optimizer, median: c.median, unit: c.unit, min: c.min, max: c.max });
  }
}
const jsonPath = path.join(a.out, 'side-by-side.json');
writeFileSync(jsonPath, JSON.stringify(jsonRows, null, 1) + '\n');
const summaryPath = path.join(a.out, 'side-by-side-summary.json');
writeFileSync(
  summaryPath,
  JSON.stringify(
    {
      started: started.toISOString(),
      finished: finished.toISOString(),
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}`, node: process.version },
      engines: engineNames,
      rounds: a.rounds,
      timing: timingNote,
      load: { loadavg_start: load0, loadavg_end: load1, busy_cores_median: busyVals.length ? median(busyVals) : null, busy_cores_max: busyVals.length ? Math.max(...busyVals) : null, wait_quiet: a.waitQuiet, rerun: retried },
      rows: summaryRows,
      calls,
    },
    null,
    1,
  ) + '\n',
);
console.log(`\nwrote ${path.relative(root, jsonPath)} and ${path.relative(root, summaryPath)}`);
