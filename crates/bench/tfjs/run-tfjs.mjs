// The fixed workloads W1–W5 of the shared PERFORMANCE.md on TensorFlow.js (tfjs-core with the
// cpu or the wasm backend, from crates/bench/node_modules), timed exactly like perplexed-bench
// (src/main.rs): same data files, same networks and the same initial weights (bit for bit), same optimisers, no shuffling,
// warm-up ≥ 400 ms, calibration so one repeat lasts ~150 ms, min / median / max over the repeats,
// and the same JSON rows [{workload, engine, optimizer, median, unit, min, max}].
//
// TensorFlow.js is driven through its lowest-overhead training path: weights are tf.Variables,
// the batches are sliced into tensors once, and a step is `optimizer.minimize(loss, false)` (no
// cost readback). Dense layers: `--fuse infer` (the default) uses plain matMul + add + activation
// while training and `tf.fused.matMul` (bias and relu in one kernel, as tf.layers' Dense does) for
// inference — the fastest combination measured on this machine: fused ops under a gradient tape
// are slower (TF.js un-fuses relu there anyway, and the fused linear layer's custom gradient costs
// more than it saves: W1 cpu 1,750 vs 2,310 steps/s), while fused inference is faster (W4, W2 net,
// wasm: 7.0 vs 8.6 ms). `--fuse all` / `--fuse none` use one or the other everywhere.
//
// TF.js's JavaScript takes ~2 s of training to reach its steady speed in V8 (W1 cpu: 760 steps/s
// after a 400 ms warm-up, 2,240 after 2 s, 2,290 after 4 s), so side-by-side.mjs gives every
// engine a 2 s warm-up.
//
// The wasm backend loads its SIMD, non-threaded binary from node_modules (never the network) and
// runs with one thread: the other two binaries are mapped to paths that do not exist, so a
// build that picked either would fail to start instead of being timed.
//
// Usage: node crates/bench/tfjs/run-tfjs.mjs --backend cpu|wasm [--data DIR] [--json PATH]
//        [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick] [--only W1,W4] [--fuse infer|all|none]
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const root = path.resolve(benchDir, '../..');
const require = createRequire(path.join(benchDir, 'package.json'));

const USAGE = `node crates/bench/tfjs/run-tfjs.mjs --backend cpu|wasm [--data DIR] [--json PATH]
  [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick] [--only W1,W2,...] [--fuse infer|all|none] [--seed N] [--note TEXT]
  [--no-sanity]`;

function parseArgs(argv) {
  const a = { backend: null, data: null, json: null, repeats: 11, repMs: 150, warmupMs: 400, only: [], fuse: 'infer', seed: 1, note: null, sanity: true };
  const num = (name, v) => {
    const x = Number(v);
    if (!(x > 0) || !Number.isFinite(x)) throw new Error(`${name}: not a positive number: ${v}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const f = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${f} needs a value`);
      return argv[++i];
    };
    switch (f) {
      case '--backend': a.backend = value(); break;
      case '--data': a.data = path.resolve(value()); break;
      case '--json': a.json = path.resolve(value()); break;
      case '--repeats': a.repeats = Math.round(num(f, value())); break;
      case '--rep-ms': a.repMs = num(f, value()); break;
      case '--warmup-ms': a.warmupMs = num(f, value()); break;
      case '--quick': a.repeats = 3; a.repMs = 30; a.warmupMs = 50; break;
      case '--only': a.only = value().split(',').map((s) => s.trim().toUpperCase()); break;
      case '--fuse': a.fuse = value(); break;
      case '--seed': a.seed = Math.round(num(f, value())); break;
      case '--note': a.note = value(); break;
      case '--no-sanity': a.sanity = false; break;
      case '-h': case '--help': console.log(USAGE); process.exit(0);
      default: throw new Error(`unknown argument ${f}\n\n${USAGE}`);
    }
  }
  if (a.backend !== 'cpu' && a.backend !== 'wasm') throw new Error(`--backend must be cpu or wasm\n\n${USAGE}`);
  if (!['infer', 'all', 'none'].includes(a.fuse)) throw new Error(`--fuse must be infer, all or none\n\n${USAGE}`);
  return a;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(e.message);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// TensorFlow.js setup
// ---------------------------------------------------------------------------------------------

if (!existsSync(path.join(benchDir, 'node_modules/@tensorflow/tfjs-core'))) {
  console.error('TensorFlow.js is not installed: run `npm ci` in crates/bench (bench.sh --side-by-side does)');
  process.exit(2);
}
// The union package's node bundle is what registers the gradient functions (tfjs-core's own node
// bundle has none, so `minimize` fails with tfjs-core alone); it also registers the cpu backend.
// The wasm backend package requires the same tfjs-core instance.
const tf = require('@tensorflow/tfjs');
tf.enableProdMode(); // only silences warnings; DEBUG (per-op NaN checks) is off by default
const tfVersion = require('@tensorflow/tfjs-core/package.json').version;
let backendNote;
if (args.backend === 'cpu') {
  backendNote = 'cpu backend (JS)';
} else {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  const missing = path.join(dist, 'NOT-USED-single-thread-simd-only.wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm-simd.wasm': path.join(dist, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm.wasm': missing,
    'tfjs-backend-wasm-threaded-simd.wasm': missing,
  });
  wasm.setThreadsCount(1);
  backendNote = 'wasm backend';
}
if (!(await tf.setBackend(args.backend))) {
  console.error(`TensorFlow.js could not start its ${args.backend} backend`);
  process.exit(1);
}
await tf.ready();
if (args.backend === 'wasm') {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const n = require('@tensorflow/tfjs-backend-wasm').getThreadsCount();
  if (!simd || threads || n !== 1) {
    console.error(`wasm backend is not SIMD single-thread (simd ${simd}, threads ${threads}, count ${n})`);
    process.exit(1);
  }
  backendNote = 'wasm backend, tfjs-backend-wasm-simd.wasm, 1 thread';
}
const engine = `tfjs-${tfVersion} ${args.backend}${args.fuse === 'infer' ? '' : ` fuse-${args.fuse}`}${args.note ? ` (${args.note})` : ''}`;

// ---------------------------------------------------------------------------------------------
// Data (the same files and checks as perplexed-bench)
// ---------------------------------------------------------------------------------------------

function readCsv(file) {
  const rows = [];
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    line = line.trim();
    if (!line) return;
    const r = line.split(',').map((c) => Number(c.trim()));
    if (r.some((v) => Number.isNaN(v))) {
      if (i === 0) return; // header
      throw new Error(`${file}:${i + 1}: not numeric`);
    }
    rows.push(r);
  });
  return rows;
}

function dataDir() {
  const candidates = args.data ? [args.data] : [process.env.PERPLEXED_BENCH_DATA, path.resolve(root, '../shared/bench-data')].filter(Boolean);
  const d = candidates.find((c) => existsSync(path.join(c, 'spiral_train.csv')));
  if (!d) throw new Error(`bench data not found (tried ${candidates.join(', ')}); pass --data DIR`);
  return d;
}

/**
 * {x: Float32Array n×d, y: Float32Array n×k, n, d, k, scaleInputs} — spiral targets ±1 (k = 1),
 * digits one-hot (k = 10). `scaleInputs`: a net trained on the set starts with its first layer
 * fitted to the inputs' scale (see makeNet): the spiral's inputs span ±5, the digits' [0, 1].
 */
function loadSpiral(file) {
  const rows = readCsv(file);
  const x = new Float32Array(rows.length * 2);
  const y = new Float32Array(rows.length);
  rows.forEach((r, i) => {
    if (r.length !== 3 || (r[2] !== 1 && r[2] !== -1)) throw new Error(`${file}: row ${i + 1} is not x,y,±1`);
    x[2 * i] = r[0];
    x[2 * i + 1] = r[1];
    y[i] = r[2];
  });
  return { x, y, n: rows.length, d: 2, k: 1, scaleInputs: true };
}

function loadDigits(file) {
  const rows = readCsv(file);
  const x = new Float32Array(rows.length * 64);
  const y = new Float32Array(rows.length * 10);
  rows.forEach((r, i) => {
    const ok = r.length === 65 && r.slice(0, 64).every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 16)) && Number.isInteger(r[64]) && r[64] >= 0 && r[64] <= 9;
    if (!ok) throw new Error(`${file}: row ${i + 1} is not 64 sixteenths in [0,1] and a label 0–9`);
    for (let j = 0; j < 64; j++) x[i * 64 + j] = r[j];
    y[i * 10 + r[64]] = 1;
  });
  return { x, y, n: rows.length, d: 64, k: 10, scaleInputs: false };
}

/** The W4 grid: 100 × 100 points, x = −6 + 12·i/99 (outer i), y = 6 − 12·j/99 (inner j). */
function gridPoints() {
  const g = new Float32Array(20000);
  let p = 0;
  for (let i = 0; i < 100; i++) {
    for (let j = 0; j < 100; j++) {
      g[p++] = -6 + (12 * i) / 99;
      g[p++] = 6 - (12 * j) / 99;
    }
  }
  return g;
}

/** Pre-sliced batch tensors in file order (the last batch keeps the remainder). */
function batches(set, batch) {
  const out = [];
  for (let s = 0; s < set.n; s += batch) {
    const m = Math.min(batch, set.n - s);
    out.push({
      x: tf.tensor2d(set.x.subarray(s * set.d, (s + m) * set.d), [m, set.d]),
      y: tf.tensor2d(set.y.subarray(s * set.k, (s + m) * set.k), [m, set.k]),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Networks
// ---------------------------------------------------------------------------------------------

/** A small seeded generator (mulberry32) for the initial weights. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Root mean square of each input column (f64 sums, rounded to f32), as perplexed-bench's `column_rms`. */
function columnRms(set) {
  const sum = new Float64Array(set.d);
  for (let i = 0; i < set.n; i++) for (let j = 0; j < set.d; j++) sum[j] += set.x[i * set.d + j] * set.x[i * set.d + j];
  return Array.from(sum, (s) => Math.fround(Math.sqrt(s / Math.max(set.n, 1))));
}

/**
 * The initial weights, bit for bit the values perplexed-bench starts our engine from
 * (`perplexed_bench::shared_init`, then `Mlp::scale_inputs`): mulberry32 draws with the init
 * scale of perplexed-core's Mlp::new — uniform in [−r, r] with r = √(6/fan_in) (He) for relu
 * hidden layers, √(6/(fan_in + fan_out)) (Glorot) for tanh layers and the output layer; biases 0
 * — then, given `rms` (the training inputs' root mean square per column, for the spiral sets),
 * the first layer's weights from input j divided by rms[j], as the page's trainer does. Without
 * that fit W2 with Adam lands on a plateau on some draws, in either engine (docs/PERFORMANCE.md,
 * "W2 with Adam: why the engines parted").
 */
function makeNet(sizes, act, head, rms = null, seed = args.seed) {
  const rand = rng(seed);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fi, fo] = [sizes[l], sizes[l + 1]];
    const last = l + 2 === sizes.length;
    const r = !last && act === 'relu' ? Math.sqrt(6 / fi) : Math.sqrt(6 / (fi + fo));
    const w = new Float32Array(fi * fo).map(() => (2 * rand() - 1) * r);
    if (l === 0 && rms) {
      // f32 ÷ f32 in f64, rounded to f32 by the store: the same value as Rust's f32 division.
      rms.forEach((s, j) => {
        if (Number.isFinite(s) && s > 0) for (let k = 0; k < fo; k++) w[j * fo + k] /= s;
      });
    }
    // tf.variable shares the initial tensor's data; the tensors themselves are dropped at once.
    const [w0, b0] = [tf.tensor2d(w, [fi, fo]), tf.zeros([fo])];
    layers.push({ W: tf.variable(w0), b: tf.variable(b0) });
    tf.dispose([w0, b0]);
  }
  return { layers, act, head, vars: layers.flatMap((l) => [l.W, l.b]) };
}

/** Raw outputs (logits / pre-tanh) of the net for x; `training`: under a gradient tape. */
function forward(net, x, training) {
  const fused = args.fuse === 'all' || (args.fuse === 'infer' && !training);
  let h = x;
  const last = net.layers.length - 1;
  net.layers.forEach((l, i) => {
    const hidden = i < last;
    if (!fused) {
      h = tf.add(tf.matMul(h, l.W), l.b);
      if (hidden) h = net.act === 'relu' ? tf.relu(h) : tf.tanh(h);
    } else {
      const fuseRelu = hidden && net.act === 'relu';
      h = tf.fused.matMul({ a: h, b: l.W, bias: l.b, activation: fuseRelu ? 'relu' : 'linear' });
      if (hidden && !fuseRelu) h = tf.tanh(h);
    }
  });
  return h;
}

/** The head's output (tanh value / softmax probabilities), as our Mlp::predict returns. */
function predict(net, x) {
  const z = forward(net, x, false);
  return net.head === 'tanh' ? tf.tanh(z) : tf.softmax(z);
}

/**
 * Mean loss over the rows: MSE of tanh vs ±1, or softmax cross-entropy on one-hot targets.
 * The MSE is written out (`mean(squaredDifference)`): `tf.losses.meanSquaredError` computes the
 * same value through a weighted-loss reduction with several more ops per step, which made W1
 * 2–3× slower in a trial. `tf.losses.softmaxCrossEntropy` has its own fused gradient.
 */
function loss(net, x, y, training = false) {
  const z = forward(net, x, training);
  return net.head === 'tanh' ? tf.mean(tf.squaredDifference(tf.tanh(z), y)) : tf.losses.softmaxCrossEntropy(y, z);
}

/**
 * Epochs of the sanity check of a training workload — the numbers of perplexed_bench::sanity_epochs:
 * a fresh copy of the net, from the same initial weights, trained untimed for this many epochs.
 * The timed run's own epoch count depends on the engine's speed, so it compares nothing.
 */
const sanityEpochs = (id) => (id === 'W1' || id === 'W2' ? 100 : 10);

function optimizer(kind) {
  return kind === 'adam' ? tf.train.adam(0.01, 0.9, 0.999, 1e-7) : tf.train.sgd(0.03);
}

/** One epoch in file order; returns the number of optimiser steps. */
function epoch(net, opt, bs) {
  for (const b of bs) opt.minimize(() => loss(net, b.x, b.y, true), false, net.vars);
  return bs.length;
}

/** Loss and accuracy over a whole set (read back), for the sanity lines. */
function evaluate(net, set) {
  return tf.tidy(() => {
    const x = tf.tensor2d(set.x, [set.n, set.d]);
    const y = tf.tensor2d(set.y, [set.n, set.k]);
    const z = forward(net, x, false);
    const l = loss(net, x, y).dataSync()[0];
    const correct = net.head === 'tanh'
      ? tf.sum(tf.cast(tf.equal(tf.greater(z, 0), tf.greater(y, 0)), 'int32')).dataSync()[0]
      : tf.sum(tf.cast(tf.equal(tf.argMax(z, 1), tf.argMax(y, 1)), 'int32')).dataSync()[0];
    return [l, correct];
  });
}

// ---------------------------------------------------------------------------------------------
// Timing — a copy of perplexed-bench's `measure`
// ---------------------------------------------------------------------------------------------

const now = () => performance.now();

function stats(v) {
  v = [...v].sort((a, b) => a - b);
  const n = v.length;
  const median = n % 2 ? v[(n - 1) / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  return { min: v[0], median, max: v[n - 1] };
}

/** Warm up, calibrate the calls per repeat, time the repeats. `f` returns the work it did. */
function measure(unit, f) {
  const t0 = now();
  let calls = 0;
  while (calls < 2 || now() - t0 < args.warmupMs) {
    f();
    calls++;
  }
  const k = Math.max(1, Math.floor(calls / 4));
  const t1 = now();
  for (let i = 0; i < k; i++) f();
  const perCall = (now() - t1) / 1e3 / k;
  const iters = Math.max(1, Math.ceil((args.repMs * 1e-3) / Math.max(perCall, 1e-9)));
  const samples = [];
  for (let r = 0; r < Math.max(1, args.repeats); r++) {
    const t = now();
    let work = 0;
    for (let i = 0; i < iters; i++) work += f();
    const dt = (now() - t) / 1e3;
    samples.push(unit === 'steps/s' ? work / dt : unit === 'us/grid' ? (dt * 1e6) / iters : (dt * 1e3) / iters);
  }
  return stats(samples);
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

const wants = (id) => args.only.length === 0 || args.only.includes(id);
const dir = dataDir();
const train = loadSpiral(path.join(dir, 'spiral_train.csv'));
const val = loadSpiral(path.join(dir, 'spiral_test.csv'));
const digits = loadDigits(path.join(dir, 'digits_random.csv'));
const gridT = tf.tensor2d(gridPoints(), [10000, 2]);

console.log(`run-tfjs · engine ${engine} (${backendNote}) · node ${process.version} · data ${dir}`);
console.log(`timing: warm-up ${args.warmupMs} ms, ${args.repeats} repeats of ~${args.repMs} ms each; min / median / max over repeats\n`);

const rows = [];
const checks = [];
const timedEnds = [];
const trained = {};
const training = [
  ['W1', 'W1 playground 2-4-2-1', [2, 4, 2, 1], 'tanh', 'tanh', 10, train],
  ['W2', 'W2 wide 2-64-64-1', [2, 64, 64, 1], 'relu', 'tanh', 32, train],
  ['W3', 'W3 digits-mlp 64-128-10', [64, 128, 10], 'relu', 'softmax', 64, digits],
];
for (const [id, name, sizes, act, head, batch, set] of training) {
  if (!(wants(id) || (id !== 'W3' && wants('W4')))) continue;
  const bs = batches(set, batch);
  for (const kind of ['sgd', 'adam']) {
    if (!wants(id) && kind !== 'sgd') continue; // W4 uses the SGD-trained nets only
    const net = makeNet(sizes, act, head, set.scaleInputs ? columnRms(set) : null);
    const opt = optimizer(kind);
    const [loss0] = evaluate(net, set);
    let epochs = 0;
    if (wants(id)) {
      const st = measure('steps/s', () => {
        epochs++;
        return epoch(net, opt, bs);
      });
      rows.push({ workload: name, engine, optimizer: kind, median: st.median, unit: 'steps/s', min: st.min, max: st.max });
      const [loss1, correct] = evaluate(net, set);
      timedEnds.push(`${id} ${kind.padEnd(4)} timed run: ${epochs} epochs, training loss ${loss0.toFixed(4)} → ${loss1.toFixed(4)}, training accuracy ${((100 * correct) / set.n).toFixed(1)} %`);
      if (args.sanity) {
        // The same budget from the same start in every engine (untimed): perplexed_bench::sanity_epochs.
        const check = makeNet(sizes, act, head, set.scaleInputs ? columnRms(set) : null);
        const checkOpt = optimizer(kind);
        const budget = sanityEpochs(id);
        for (let e = 0; e < budget; e++) epoch(check, checkOpt, bs);
        const [l1, c1] = evaluate(check, set);
        checks.push(`${id} ${kind.padEnd(4)}: ${budget} epochs, training loss ${loss0.toFixed(4)} → ${l1.toFixed(4)}, training accuracy ${((100 * c1) / set.n).toFixed(1)} %`);
        check.vars.forEach((v) => v.dispose());
        checkOpt.dispose();
      }
    } else {
      for (let e = 0; e < 50; e++) epoch(net, opt, bs); // W4 alone: not at the init
    }
    if (kind === 'sgd') trained[id] = net;
    else net.vars.forEach((v) => v.dispose());
    opt.dispose();
  }
  bs.forEach((b) => tf.dispose([b.x, b.y]));
}

// W4: the grid through the trained net, read back into one reused buffer.
if (wants('W4')) {
  const out = new Float32Array(10000);
  for (const [name, id] of [['W4 grid, W1 net', 'W1'], ['W4 grid, W2 net', 'W2']]) {
    const net = trained[id];
    const st = measure('us/grid', () => {
      const p = tf.tidy(() => predict(net, gridT));
      out.set(p.dataSync());
      p.dispose();
      return 1;
    });
    rows.push({ workload: name, engine, optimizer: '-', median: st.median, unit: 'us/grid', min: st.min, max: st.max });
  }
}

// W5: one frame of the Playground lab with the W2 net: one epoch + train/val loss + the grid.
if (wants('W5')) {
  const bs = batches(train, 32);
  const tx = tf.tensor2d(train.x, [train.n, 2]);
  const ty = tf.tensor2d(train.y, [train.n, 1]);
  const vx = tf.tensor2d(val.x, [val.n, 2]);
  const vy = tf.tensor2d(val.y, [val.n, 1]);
  const out = new Float32Array(10000);
  let sink = 0;
  for (const kind of ['sgd', 'adam']) {
    const net = makeNet([2, 64, 64, 1], 'relu', 'tanh', columnRms(train));
    const opt = optimizer(kind);
    const st = measure('ms/frame', () => {
      epoch(net, opt, bs);
      const [lt, lv] = tf.tidy(() => [loss(net, tx, ty).dataSync()[0], loss(net, vx, vy).dataSync()[0]]);
      const p = tf.tidy(() => predict(net, gridT));
      out.set(p.dataSync());
      p.dispose();
      sink += lt + lv + out[0];
      return 1;
    });
    rows.push({ workload: 'W5 frame, W2 net', engine, optimizer: kind, median: st.median, unit: 'ms/frame', min: st.min, max: st.max });
    net.vars.forEach((v) => v.dispose());
    opt.dispose();
  }
  if (Number.isNaN(sink)) console.log('(W5: a loss was NaN)');
  tf.dispose([tx, ty, vx, vy, ...bs.flatMap((b) => [b.x, b.y])]);
}

const fmt = (v) => (v >= 1000 ? Math.round(v).toLocaleString('en-US') : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
console.log(`engine: ${engine}`);
console.log('| workload | optimizer | median | min | max | unit |');
console.log('|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.workload} | ${r.optimizer} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit.replace('us/', 'µs/')} |`);
if (checks.length) {
  console.log('\nsanity (the engine must learn, not only be fast):');
  for (const c of checks) console.log(`  ${c}`);
}
if (timedEnds.length) {
  console.log("\nwhere the timed runs' training got to (engines of different speeds run different numbers of epochs):");
  for (const c of timedEnds) console.log(`  ${c}`);
}
console.log(`\ntensors alive at the end: ${tf.memory().numTensors} (a leak would grow with the repeats)`);
if (args.json) {
  writeFileSync(args.json, JSON.stringify(rows, null, 1) + '\n');
  console.log(`wrote ${args.json}`);
}
