// W6–W8 (issue 13, docs/ENGINE-BENCH.md): our differentiable engine next to its peers, interleaved
// in one run. For every round and workload each engine runs that workload in a fresh process, one
// after the other (the order rotates between rounds), so drift in the machine's load hits all
// alike. Medians are the median over rounds of each round's median; min / max over all repeats;
// ratios (ours wasm ÷ peer, > 1 = ours faster) come from this one run's medians.
//
// Engines (each skipped with a note if its build is missing):
//   ours wasm    perplexed-bench WASI build (+simd128) under node   (run-wasm.mjs)
//   ours native  perplexed-bench native
//   TF.js cpu / TF.js wasm   tfjs/run-tfjs-engine.mjs
//   candle wasm  crates/bench/candle built for wasm32-wasip1 +simd128, under node (run-wasm.mjs)
//   candle native (only if built: --candle-native PATH)
//   ConvNetJS    tfjs/run-convnetjs.mjs (W6 only)
//
// Usage (engine-bench.sh builds everything first):
//   node crates/bench/engine-side-by-side.mjs [--rounds N] [--only W6,W7,W8] [--out DIR]
//        [--ours-wasm PATH] [--ours-native PATH] [--candle-wasm PATH] [--candle-native PATH]
//        [--wait-quiet [CORES]] [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick]
//   --wait-quiet [C]  before each round and each process wait (≤ 5 min) until fewer than C cores
//                     (default 0.3) are busy; rerun a process (≤ 2 times) during which > 1.5 were
//                     busy. If the machine never gets quiet the run goes on and the summary says
//                     the figures were taken under load.
// Writes OUT/engine-side-by-side.json (rows + summary), OUT/engine-side-by-side.log (all output).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, existsSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const a = {
  rounds: 3,
  only: ['W6', 'W7', 'W8'],
  out: path.join(root, 'target/bench'),
  oursWasm: path.join(root, 'target/bench/perplexed-bench-shipped.wasm'),
  oursNative: path.join(root, 'target/bench/perplexed-bench-shipped'),
  candleWasm: path.join(root, 'target/bench/candle-bench.wasm'),
  candleNative: null,
  waitQuiet: null,
  timing: [],
};
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    const value = () => argv[++i];
    switch (f) {
      case '--rounds': a.rounds = Math.max(1, parseInt(value(), 10) || 1); break;
      case '--only': a.only = value().split(',').map((s) => s.trim().toUpperCase()); break;
      case '--out': a.out = path.resolve(value()); break;
      case '--ours-wasm': a.oursWasm = path.resolve(value()); break;
      case '--ours-native': a.oursNative = path.resolve(value()); break;
      case '--candle-wasm': a.candleWasm = path.resolve(value()); break;
      case '--candle-native': a.candleNative = path.resolve(value()); break;
      case '--wait-quiet': a.waitQuiet = argv[i + 1] && /^[0-9.]+$/.test(argv[i + 1]) ? Number(argv[++i]) : 0.3; break;
      case '--repeats': case '--rep-ms': case '--warmup-ms': a.timing.push(f, value()); break;
      case '--quick': a.timing.push(f); break;
      default: console.error(`unknown argument ${f}`); process.exit(2);
    }
  }
}
// TF.js needs ~2 s of work before V8 runs it at full speed: every engine gets the same warm-up.
if (!a.timing.includes('--warmup-ms') && !a.timing.includes('--quick')) a.timing.push('--warmup-ms', '2000');

const node = (script, ...rest) => ({ exe: process.execPath, argv: ['--no-warnings', path.join(here, script), ...rest] });
const ALL = [
  { key: 'ours-wasm', label: 'ours wasm', need: a.oursWasm, cmd: (w, j) => node('run-wasm.mjs', a.oursWasm, '--only', w, '--json', j) },
  { key: 'ours-native', label: 'ours native', need: a.oursNative, cmd: (w, j) => ({ exe: a.oursNative, argv: ['--only', w, '--json', j] }) },
  { key: 'tfjs-cpu', label: 'TF.js cpu', need: path.join(here, 'node_modules/@tensorflow/tfjs'), cmd: (w, j) => node('tfjs/run-tfjs-engine.mjs', '--backend', 'cpu', '--only', w, '--json', j) },
  { key: 'tfjs-wasm', label: 'TF.js wasm', need: path.join(here, 'node_modules/@tensorflow/tfjs-backend-wasm'), cmd: (w, j) => node('tfjs/run-tfjs-engine.mjs', '--backend', 'wasm', '--only', w, '--json', j) },
  { key: 'candle-wasm', label: 'candle wasm', need: a.candleWasm, cmd: (w, j) => node('run-wasm.mjs', a.candleWasm, '--only', w, '--json', j) },
  { key: 'candle-native', label: 'candle native', need: a.candleNative, cmd: (w, j) => ({ exe: a.candleNative, argv: ['--real-data', path.resolve(root, '../shared/data'), '--only', w, '--json', j] }) },
  { key: 'convnetjs', label: 'ConvNetJS', need: path.join(here, 'node_modules/convnetjs'), only: ['W6'], cmd: (w, j) => node('tfjs/run-convnetjs.mjs', '--json', j) },
];
const ENGINES = ALL.filter((e) => e.need && existsSync(e.need));
for (const e of ALL) if (!ENGINES.includes(e) && e.need) console.log(`(${e.label}: not built — ${path.relative(root, e.need)} missing; skipped)`);

mkdirSync(a.out, { recursive: true });
const raw = path.join(a.out, 'engine-side-by-side-raw');
rmSync(raw, { recursive: true, force: true });
mkdirSync(raw, { recursive: true });
const logFile = path.join(a.out, 'engine-side-by-side.log');
writeFileSync(logFile, '');

// --- machine load (/proc/stat), as side-by-side.mjs measures it
function cpuTimes() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: f.slice(0, 8).reduce((s, v) => s + (v || 0), 0), idle: f[3] + (f[4] || 0) };
  } catch {
    return null;
  }
}
const busyCores = (t0, t1) => (!t0 || !t1 || t1.total === t0.total ? NaN : (os.cpus().length * (t1.total - t0.total - (t1.idle - t0.idle))) / (t1.total - t0.total));
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const la = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
let underLoad = false;
function waitQuiet(what, ms) {
  if (a.waitQuiet == null) return;
  const t0 = Date.now();
  for (let said = false; ;) {
    const c0 = cpuTimes();
    sleep(ms);
    const b = busyCores(c0, cpuTimes());
    if (!(b >= a.waitQuiet)) return;
    if (Date.now() - t0 > 300_000) {
      console.log(`${what}: still ${b.toFixed(2)} busy cores after 5 min — measuring anyway (figures taken under load)`);
      underLoad = true;
      return;
    }
    if (!said) console.log(`${what}: waiting for a quiet machine (${b.toFixed(2)} busy cores, load average ${la()})`);
    said = true;
  }
}

// --- the interleaved rounds
const idOf = (r) => r.workload.slice(0, 2) + (r.unit === 'tokens/s' ? 'S' : '');
const results = [];
const sanity = {};
const busyLog = [];
const started = new Date();
const load0 = la();
console.log(`engine side by side: ${a.rounds} round(s) × ${a.only.join(', ')} × [${ENGINES.map((e) => e.label).join(', ')}], ${a.timing.join(' ')}`);
console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; load average at start ${load0}\n`);
for (let round = 1; round <= a.rounds; round++) {
  waitQuiet(`round ${round}`, 3000);
  const order = ENGINES.map((_, i) => ENGINES[(i + round - 1) % ENGINES.length]);
  for (const w of a.only) {
    for (const e of order) {
      if (e.only && !e.only.includes(w)) continue;
      const json = path.join(raw, `r${round}-${w}-${e.key}.json`);
      const { exe, argv } = e.cmd(w, json);
      const args = [...argv, ...a.timing];
      let p, secs, busy;
      for (let attempt = 1; ; attempt++) {
        waitQuiet(`round ${round} ${w} ${e.label}`, 1000);
        const c0 = cpuTimes();
        const t0 = Date.now();
        p = spawnSync(exe, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
        secs = (Date.now() - t0) / 1e3;
        busy = busyCores(c0, cpuTimes());
        appendFileSync(logFile, `\n### round ${round} · ${w} · ${e.label} · attempt ${attempt} · ${secs.toFixed(1)} s · ${busy.toFixed(2)} busy cores\n$ ${exe} ${args.join(' ')}\n${p.stdout}${p.stderr}`);
        if (a.waitQuiet == null || !(busy > 1.5) || attempt >= 3 || p.status !== 0) break;
        console.log(`round ${round} ${w} ${e.label}: ${busy.toFixed(2)} cores were busy — again`);
      }
      if (busy > 1.5) underLoad = true;
      busyLog.push({ round, workload: w, engine: e.key, seconds: secs, busy });
      if (p.status !== 0 || !existsSync(json)) {
        console.log(`round ${round}: ${w} ${e.label} FAILED (exit ${p.status}): ${(p.stderr || p.stdout).trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      for (const r of JSON.parse(readFileSync(json, 'utf8'))) results.push({ ...r, id: idOf(r), round, engineKey: e.key });
      if (round === 1) {
        const lines = p.stdout.split('\n').filter((l) => /^\s+W\d/.test(l)).map((l) => l.trim());
        (sanity[e.key] ??= []).push(...lines);
      }
      console.log(`round ${round}/${a.rounds}: ${w} ${e.label.padEnd(13)} ${secs.toFixed(1).padStart(5)} s, ${busy.toFixed(2)} busy cores`);
    }
  }
}

// --- medians and ratios
const median = (v) => {
  const s = [...v].sort((x, y) => x - y);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
};
const ids = [];
for (const w of a.only) for (const s of ['', 'S']) if (results.some((r) => r.id === w + s) && !ids.includes(w + s)) ids.push(w + s);
const table = {};
for (const id of ids) {
  for (const e of ENGINES) {
    const rs = results.filter((r) => r.id === id && r.engineKey === e.key);
    if (!rs.length) continue;
    (table[id] ??= {})[e.key] = { median: median(rs.map((r) => r.median)), min: Math.min(...rs.map((r) => r.min)), max: Math.max(...rs.map((r) => r.max)), unit: rs[0].unit, engine: rs[0].engine, workload: rs[0].workload, rounds: rs.map((r) => r.median) };
  }
}
const fmt = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 1000 ? Math.round(x).toLocaleString('en-US') : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const names = { W6: 'W6 CNN step', W7: 'W7 LSTM step', W8: 'W8 transformer step', W8S: 'W8 sampling (tokens/s)' };
const peers = ENGINES.filter((e) => e.key !== 'ours-wasm');
console.log(`\n| workload | ${ENGINES.map((e) => e.label).join(' | ')} | ${peers.map((e) => `ours wasm ÷ ${e.label}`).join(' | ')} |`);
console.log(`|---|${ENGINES.map(() => '---:').join('|')}|${peers.map(() => '---:').join('|')}|`);
const ratios = {};
for (const id of ids) {
  const t = table[id];
  const ours = t['ours-wasm']?.median;
  const cells = ENGINES.map((e) => fmt(t[e.key]?.median));
  const rc = peers.map((e) => {
    const r = ours / t[e.key]?.median;
    if (Number.isFinite(r)) (ratios[id] ??= {})[e.key] = r;
    return Number.isFinite(r) ? `${r.toFixed(2)}×` : '—';
  });
  console.log(`| ${names[id] ?? id} | ${cells.join(' | ')} | ${rc.join(' | ')} |`);
}
const finished = new Date();
const load1 = la();
const cond = underLoad ? 'TAKEN UNDER LOAD (other work was running on this shared machine)' : 'machine quiet by the wait-quiet check';
console.log(`\nunits: steps/s (W8 sampling: tokens/s); medians over ${a.rounds} round(s); ${cond}; load average ${load0} → ${load1}`);
console.log('\nsanity, round 1 (every engine must learn, not only be fast):');
for (const e of ENGINES) for (const l of sanity[e.key] ?? []) console.log(`  ${e.label.padEnd(13)} ${l}`);

const out = path.join(a.out, 'engine-side-by-side.json');
writeFileSync(out, JSON.stringify({
  date: started.toISOString(), finished: finished.toISOString(), node: process.version,
  machine: { cores: os.cpus().length, model: os.cpus()[0]?.model, loadAverage: { start: load0, end: load1 } },
  underLoad, waitQuiet: a.waitQuiet, rounds: a.rounds, timing: a.timing,
  engines: ENGINES.map((e) => ({ key: e.key, label: e.label })),
  table, ratios, sanity, processes: busyLog,
  rows: results.map(({ round, engineKey, ...r }) => ({ ...r, round, engineKey })),
}, null, 1) + '\n');
console.log(`\nwrote ${path.relative(root, out)} (log: ${path.relative(root, logFile)})`);
