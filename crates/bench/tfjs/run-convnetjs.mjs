// W6 (docs/ENGINE-BENCH.md) on ConvNetJS 0.3 (Karpathy's pure-JS library, the classic in-browser
// CNN trainer): the same digits, batch order and model as perplexed-bench's src/engine.rs —
// conv 3×3 ×8 pad 1 + ReLU → max-pool 2 → fc 10 + softmax, SGD lr 0.05 (no momentum, no decay),
// batch 32. ConvNetJS trains one example at a time and applies the summed gradient every
// `batch_size` examples, so one step = 32 `trainer.train` calls. Timed like run-tfjs.mjs.
//
// Usage: node crates/bench/tfjs/run-convnetjs.mjs [--json PATH] [--repeats N] [--rep-ms MS]
//        [--warmup-ms MS] [--quick] [--real-data DIR]
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const root = path.resolve(benchDir, '../..');
const require = createRequire(path.join(benchDir, 'package.json'));
const convnetjs = require('convnetjs');

const a = { json: null, repeats: 11, repMs: 150, warmupMs: 400, realData: path.resolve(root, '../shared/data') };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const f = argv[i];
  switch (f) {
    case '--json': a.json = path.resolve(argv[++i]); break;
    case '--repeats': a.repeats = Number(argv[++i]); break;
    case '--rep-ms': a.repMs = Number(argv[++i]); break;
    case '--warmup-ms': a.warmupMs = Number(argv[++i]); break;
    case '--quick': a.repeats = 3; a.repMs = 30; a.warmupMs = 50; break;
    case '--real-data': a.realData = path.resolve(argv[++i]); break;
    case '--only': i++; break; // W6 is all it runs
    default: throw new Error(`unknown argument ${f}`);
  }
}

const lines = readFileSync(path.join(a.realData, 'digits-8x8.csv'), 'utf8').trim().split('\n').slice(1);
const vols = [], labels = [];
for (const l of lines) {
  const r = l.split(',').map(Number);
  const v = new convnetjs.Vol(8, 8, 1, 0.0);
  for (let j = 0; j < 64; j++) v.w[j] = r[j] / 16; // Vol index ((w·y)+x)·depth + d: row-major
  vols.push(v);
  labels.push(r[64]);
}
const nb = Math.floor(vols.length / 32);

const net = new convnetjs.Net();
net.makeLayers([
  { type: 'input', out_sx: 8, out_sy: 8, out_depth: 1 },
  { type: 'conv', sx: 3, filters: 8, stride: 1, pad: 1, activation: 'relu' },
  { type: 'pool', sx: 2, stride: 2 },
  { type: 'softmax', num_classes: 10 }, // makeLayers puts an fc 128 → 10 before it
]);
const trainer = new convnetjs.Trainer(net, { method: 'sgd', learning_rate: 0.05, momentum: 0.0, batch_size: 32, l2_decay: 0.0 });

const losses = [];
let k = 0;
const step = () => {
  const b = k++ % nb;
  let sum = 0;
  for (let j = b * 32; j < (b + 1) * 32; j++) sum += trainer.train(vols[j], labels[j]).cost_loss;
  losses.push(sum / 32);
  return 1;
};

const now = () => performance.now();
function measure(f) {
  const t0 = now();
  let calls = 0;
  while (calls < 2 || now() - t0 < a.warmupMs) { f(); calls++; }
  const kk = Math.max(1, Math.floor(calls / 4));
  const t1 = now();
  for (let i = 0; i < kk; i++) f();
  const perCall = (now() - t1) / 1e3 / kk;
  const iters = Math.max(1, Math.ceil((a.repMs * 1e-3) / Math.max(perCall, 1e-9)));
  const s = [];
  for (let r = 0; r < Math.max(1, a.repeats); r++) {
    const t = now();
    let work = 0;
    for (let i = 0; i < iters; i++) work += f();
    s.push(work / ((now() - t) / 1e3));
  }
  s.sort((x, y) => x - y);
  const n = s.length;
  return { min: s[0], median: n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]), max: s[n - 1] };
}

const st = measure(step);
const engine = 'convnetjs-0.3.0';
const rows = [{ workload: 'W6 CNN conv8-pool-dense10', engine, optimizer: 'sgd', median: st.median, unit: 'steps/s', min: st.min, max: st.max }];
const mean = (x) => x.reduce((p, q) => p + q, 0) / x.length;
const fmt = (x) => (x >= 1000 ? Math.round(x).toLocaleString('en-US') : x >= 100 ? x.toFixed(0) : x.toFixed(1));
console.log(`run-convnetjs · engine ${engine} · node ${process.version}`);
console.log(`| W6 CNN conv8-pool-dense10 | sgd | ${fmt(st.median)} | ${fmt(st.min)} | ${fmt(st.max)} | steps/s |`);
console.log('\nsanity (the engine must learn, not only be fast):');
console.log(`  W6: ${losses.length} steps, mean batch loss first ${nb} steps ${mean(losses.slice(0, nb)).toFixed(4)} → last ${nb} ${mean(losses.slice(-nb)).toFixed(4)}`);
if (a.json) {
  writeFileSync(a.json, JSON.stringify(rows, null, 1) + '\n');
  console.log(`wrote ${a.json}`);
}
