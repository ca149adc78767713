// W2 with identical starts on both engines (issue 13): replays in TensorFlow.js the run that
// `parity_w2` (crates/bench/src/bin/parity_w2.rs) recorded on our engine — same initial weights,
// same batches in the same order, same optimisers (tf.train.adam(0.01, 0.9, 0.999, 1e-7),
// tf.train.sgd(0.03)) — and prints where the two part: the gradient at the start, the parameters
// after steps 1, 2, 10, the first step whose batch loss differs by 0.1 % / 1 % / 10 %, and the
// training loss and accuracy after N epochs on both.
//
// Usage (from the workspace root; TensorFlow.js installed by `npm ci` in crates/bench):
//   cargo run -p perplexed-bench --release --bin parity_w2 -- --json target/bench/parity-w2.json \
//       [--seed N] [--epochs 300] [--init shared|engine] [--plain]
//   node crates/bench/tfjs/parity-w2-adam.mjs target/bench/parity-w2.json [--backend cpu|wasm]
//       [--only sgd|adam] [--clamp C] [--brief]
//   --clamp C   clip z to ±C before the tanh head (C = 7.7095 mimics our rational tanh, exactly ±1
//               from there on); --brief: one line per optimiser (for surveys over seeds).
//
// What it showed (2026-12-06; figures in docs/PERFORMANCE.md, "W2 with Adam: why the engines
// parted"): from identical weights the two engines agree to f32 rounding — gradient at the start
// within 3.6e-7, parameters after steps 1 and 2 within 5e-6 — and then part chaotically, not
// systematically: Adam turns rounding-level differences in near-zero gradient entries into steps
// of ~lr (50 of 4,417 parameters apart by > 1e-4 after step 10, batch losses apart by > 0.1 %
// from step 20). With the bench's old weights (Mlp::new's draws, inputs not rescaled) both engines
// then land on plateaus where the misclassified rows sit in the saturated tanh (zero gradient):
// ours 1.1124 / 72.0 %, TF.js cpu 1.1284 / 71.6 % after 300 epochs, and TF.js wasm — the same
// start — 0.0089 / 99.6 %. Over 48 identical starts (seeds 1–24 × both generators) TF.js wasm
// and ours each learned 14 (8 both, 6 only one, 6 only the other): a lottery, equal odds.
// With the first layer fitted to the inputs' scale (the page's Mlp::scale_inputs, now the
// bench's default) both learn from every start tried and stay together for ~180 steps.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const require = createRequire(path.join(benchDir, 'package.json'));

const argv = process.argv.slice(2);
let file = null;
let backend = 'cpu';
let kinds = ['sgd', 'adam'];
let clamp = 0;
let brief = false;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--backend') backend = argv[++i];
  else if (argv[i] === '--only') kinds = [argv[++i]];
  else if (argv[i] === '--clamp') clamp = Number(argv[++i]);
  else if (argv[i] === '--brief') brief = true;
  else file = argv[i];
}
if (!file) {
  console.error('usage: node crates/bench/tfjs/parity-w2-adam.mjs PARITY.json [--backend cpu|wasm]');
  process.exit(2);
}
const rec = JSON.parse(readFileSync(file, 'utf8'));

const tf = require('@tensorflow/tfjs');
tf.enableProdMode();
if (backend === 'wasm') {
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm-simd.wasm': path.join(dist, 'tfjs-backend-wasm-simd.wasm'),
    'tfjs-backend-wasm.wasm': path.join(dist, 'tfjs-backend-wasm.wasm'),
    'tfjs-backend-wasm-threaded-simd.wasm': path.join(dist, 'NOT-USED.wasm'),
  });
  wasm.setThreadsCount(1);
}
if (!(await tf.setBackend(backend))) throw new Error(`no ${backend} backend`);
await tf.ready();

const { sizes, batch, init, epochs } = rec;
const n = rec.y.length;
const X = Float32Array.from(rec.x);
const Y = Float32Array.from(rec.y);

/** Offsets of W_l and b_l in the flat layout [W1, b1, W2, b2, …]. */
const layout = [];
{
  let o = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fi, fo] = [sizes[l], sizes[l + 1]];
    layout.push({ fi, fo, w: o, b: o + fi * fo });
    o += fi * fo + fo;
  }
}

function makeNet(flat) {
  const layers = layout.map(({ fi, fo, w, b }) => ({
    W: tf.variable(tf.tensor2d(Float32Array.from(flat.slice(w, w + fi * fo)), [fi, fo])),
    b: tf.variable(tf.tensor1d(Float32Array.from(flat.slice(b, b + fo)))),
  }));
  return { layers, vars: layers.flatMap((l) => [l.W, l.b]) };
}

function flatten(net) {
  return net.layers.flatMap((l) => [...l.W.dataSync(), ...l.b.dataSync()]);
}

/** The bench's W2 forward pass and loss (run-tfjs.mjs): relu hidden layers, mean (tanh z − ±1)². */
function forward(net, x) {
  let h = x;
  const last = net.layers.length - 1;
  net.layers.forEach((l, i) => {
    h = tf.add(tf.matMul(h, l.W), l.b);
    if (i < last) h = tf.relu(h);
  });
  return h;
}
// `--clamp C`: z clipped to ±C before the tanh (zero gradient beyond, as our rational tanh, which
// is exactly ±1 from |z| = 7.7095 on), to see whether that saturation point changes the outcome.
const head = (z) => tf.tanh(clamp > 0 ? tf.clipByValue(z, -clamp, clamp) : z);
const loss = (net, x, y) => tf.mean(tf.squaredDifference(head(forward(net, x)), y));

const bs = [];
for (let s = 0; s < n; s += batch) {
  const m = Math.min(batch, n - s);
  bs.push({ x: tf.tensor2d(X.subarray(s * 2, (s + m) * 2), [m, 2]), y: tf.tensor2d(Y.subarray(s, s + m), [m, 1]) });
}
const xAll = tf.tensor2d(X, [n, 2]);
const yAll = tf.tensor2d(Y, [n, 1]);

function evaluate(net) {
  return tf.tidy(() => {
    const z = forward(net, xAll);
    const l = tf.mean(tf.squaredDifference(head(z), yAll)).dataSync()[0];
    const c = tf.sum(tf.cast(tf.equal(tf.greater(z, 0), tf.greater(yAll, 0)), 'int32')).dataSync()[0];
    return [l, c / n];
  });
}

function maxDiff(a, b) {
  let abs = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > abs) [abs, at] = [d, i];
  }
  return { abs, at };
}

const fmt = (v, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
if (!brief) console.log(`parity W2 · tfjs ${require('@tensorflow/tfjs-core/package.json').version} ${backend} · seed ${rec.seed} · ${epochs} epochs · file ${file}`);

for (const kind of kinds) {
  const ours = rec[kind];
  const net = makeNet(init);
  const opt = kind === 'adam' ? tf.train.adam(0.01, 0.9, 0.999, 1e-7) : tf.train.sgd(0.03);
  // The gradient at the initial weights, to compare with ours before any update.
  const { grads } = tf.variableGrads(() => loss(net, bs[0].x, bs[0].y), net.vars);
  const g1 = net.layers.flatMap((l) => [...grads[l.W.name].dataSync(), ...grads[l.b.name].dataSync()]);
  tf.dispose(Object.values(grads));
  const gd = maxDiff(g1, ours.grad1);
  const gmax = Math.max(...g1.map(Math.abs));
  if (!brief) console.log(`\n${kind}: gradient at the initial weights, batch 1: max |Δ| ${gd.abs.toExponential(2)} (largest |g| ${gmax.toExponential(2)})`);

  const stepLoss = [];
  const epochLoss = [];
  const epochAcc = [];
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    for (const b of bs) {
      const c = opt.minimize(() => loss(net, b.x, b.y), true, net.vars);
      stepLoss.push(c.dataSync()[0]);
      c.dispose();
      step++;
      if (rec.dump_steps.includes(step)) {
        const now = flatten(net);
        const d = maxDiff(now, ours.params_after[String(step)]);
        const moved = maxDiff(now, init);
        const apart = now.filter((v, i) => Math.abs(v - ours.params_after[String(step)][i]) > 1e-4).length;
        if (!brief) console.log(`  after step ${String(step).padStart(3)}: params max |Δ| ${d.abs.toExponential(2)} (at ${d.at}, |g₁| there ${Math.abs(ours.grad1[d.at]).toExponential(1)}), ${apart} of ${now.length} apart by > 1e-4; largest move from the init ${moved.abs.toExponential(2)}; batch loss tfjs ${fmt(stepLoss[step - 1], 6)} ours ${fmt(ours.step_loss[step - 1], 6)}`);
      }
    }
    const [l, a] = evaluate(net);
    epochLoss.push(l);
    epochAcc.push(a);
  }
  // First step whose batch loss differs by more than a relative 1e-3, then 1e-2, then 10 %.
  for (const tol of [1e-3, 1e-2, 1e-1]) {
    const i = stepLoss.findIndex((l, k) => Math.abs(l - ours.step_loss[k]) > tol * Math.max(Math.abs(l), 1e-3));
    if (!brief) console.log(`  first step whose batch loss differs by > ${tol * 100} %: ${i < 0 ? 'none' : `step ${i + 1} (tfjs ${fmt(stepLoss[i], 6)}, ours ${fmt(ours.step_loss[i], 6)})`}`);
  }
  // Where a run that had learned (training loss < 0.05) first fell back above 0.3, if it did.
  const fellBack = (ls) => {
    const k = ls.findIndex((l) => l < 0.05);
    const j = k < 0 ? -1 : ls.findIndex((l, e) => e > k && l > 0.3);
    return k < 0 ? 'never below 0.05' : j < 0 ? `below 0.05 from epoch ${k + 1}, stayed` : `below 0.05 from epoch ${k + 1}, back above 0.3 at epoch ${j + 1} (${fmt(ls[j])})`;
  };
  if (!brief) console.log(`  tfjs: ${fellBack(epochLoss)}; ours: ${fellBack(ours.epoch_loss)}`);
  const E = epochs;
  if (brief) console.log(`${kind} seed ${rec.seed} init ${rec.init_from} tfjs ${backend}${clamp ? ` clamp ${clamp}` : ''}: loss ${fmt(epochLoss[E - 1])} acc ${(100 * epochAcc[E - 1]).toFixed(1)} % | ours: loss ${fmt(ours.epoch_loss[E - 1])} acc ${(100 * ours.epoch_acc[E - 1]).toFixed(1)} % (after ${E} epochs)`);
  if (!brief) console.log('  epoch | training loss tfjs | ours   | accuracy tfjs | ours');
  if (!brief) for (const e of [1, 2, 5, 10, 20, 50, 100, 150, 200, 300, 500, 1000, 1250, 1300, 1350, 1500, 2000, 3000, 5000].filter((e) => e <= epochs)) {
    console.log(`  ${String(e).padStart(5)} | ${fmt(epochLoss[e - 1]).padStart(17)} | ${fmt(ours.epoch_loss[e - 1])} | ${(100 * epochAcc[e - 1]).toFixed(1).padStart(12)} % | ${(100 * ours.epoch_acc[e - 1]).toFixed(1)} %`);
  }
  net.vars.forEach((v) => v.dispose());
  opt.dispose();
}
