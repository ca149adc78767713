// W6–W8 (issue 13, docs/ENGINE-BENCH.md) on TensorFlow.js 4.22, cpu or wasm backend: the same
// models, data and batch order as perplexed-bench's src/engine.rs, timed like run-tfjs.mjs
// (warm-up, calibration to ~150 ms repeats, min / median / max; the same JSON rows).
//
// The fastest honest path measured for each model:
// - W6: the wasm backend has no Conv2DBackpropFilter kernel, so there (`--w6 convgrad`, default)
//   tf.conv2d runs forward and a tf.customGrad computes the filter gradient as TensorFlow itself
//   does, as a second conv2d (the batch as channels, dy as the filter; the input is data: no
//   gradient). `--w6 custom` gives the filter gradient as an im2col matMul instead (~7 % slower
//   on wasm: 381 against 409 steps/s, 2026-12-06). On cpu (`--w6 im2col`, default) the whole
//   convolution is an im2col matMul: 2.6× faster than tf.conv2d's own gradient there. im2col
//   itself is a matMul with a constant 0/1 matrix: the wasm backend's Slice/Concat took ~7 ms a
//   step. `--w6 native`: tf.conv2d with its own gradient (cpu only). Where a wasm step goes
//   (tf.profile, one step): MaxPoolGrad 0.56 ms and MaxPool 0.26 ms of ~2 ms; a reshape-and-max
//   pool instead is 2.7× slower (its gradient's Equal costs 3.3 ms).
// - W7: a hand-written LSTM cell (input projection of all 20 steps in one matMul, one
//   [16,32]·[32,128] matMul per step, gates i, f, g, o); `--w7 layers` uses tf.layers.lstm.
// - W8: causal 2-head attention written out; the embedding is `tf.gather` on cpu and a one-hot
//   matMul on wasm (no UnsortedSegmentSum in wasm for gather's gradient); `--w8-emb gather|onehot`
//   overrides. GELU is the tanh approximation (as in the engine). TF.js has no AdamW: W8 uses
//   Adam(3e-3) — slightly less work per step than AdamW.
// - Steps: `optimizer.minimize(loss, true, vars)`; the cost tensors of the first 20 and the last
//   20 steps are kept for the sanity line and read back only at the end.
//
// Usage: node crates/bench/tfjs/run-tfjs-engine.mjs --backend cpu|wasm [--only W6,W7,W8]
//        [--json PATH] [--repeats N] [--rep-ms MS] [--warmup-ms MS] [--quick] [--real-data DIR]
//        [--w6 native|custom|convgrad|im2col] [--w7 cell|layers] [--w8-emb gather|onehot]
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benchDir = path.resolve(here, '..');
const root = path.resolve(benchDir, '../..');
const require = createRequire(path.join(benchDir, 'package.json'));

function parseArgs(argv) {
  const a = { backend: null, json: null, repeats: 11, repMs: 150, warmupMs: 400, only: [], realData: path.resolve(root, '../shared/data'), w6: null, w7: 'cell', w8emb: null, seed: 1, note: null };
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
      case '--json': a.json = path.resolve(value()); break;
      case '--repeats': a.repeats = Math.round(num(f, value())); break;
      case '--rep-ms': a.repMs = num(f, value()); break;
      case '--warmup-ms': a.warmupMs = num(f, value()); break;
      case '--quick': a.repeats = 3; a.repMs = 30; a.warmupMs = 50; break;
      case '--only': a.only = value().split(',').map((s) => s.trim().toUpperCase()); break;
      case '--real-data': a.realData = path.resolve(value()); break;
      case '--w6': a.w6 = value(); break;
      case '--w7': a.w7 = value(); break;
      case '--w8-emb': a.w8emb = value(); break;
      case '--seed': a.seed = Math.round(num(f, value())); break;
      case '--note': a.note = value(); break;
      default: throw new Error(`unknown argument ${f}`);
    }
  }
  if (a.backend !== 'cpu' && a.backend !== 'wasm') throw new Error('--backend must be cpu or wasm');
  a.w6 ??= a.backend === 'wasm' ? 'convgrad' : 'im2col';
  a.w8emb ??= a.backend === 'wasm' ? 'onehot' : 'gather';
  return a;
}
const args = parseArgs(process.argv.slice(2));

// --- TensorFlow.js, set up exactly as run-tfjs.mjs does (SIMD single-thread wasm from node_modules).
const tf = require('@tensorflow/tfjs');
tf.enableProdMode();
const tfVersion = require('@tensorflow/tfjs-core/package.json').version;
if (args.backend === 'wasm') {
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
}
if (!(await tf.setBackend(args.backend))) throw new Error(`no ${args.backend} backend`);
await tf.ready();
if (args.backend === 'wasm') {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const n = require('@tensorflow/tfjs-backend-wasm').getThreadsCount();
  if (!simd || n !== 1) throw new Error(`wasm backend is not SIMD single-thread (simd ${simd}, threads ${n})`);
}
const engine = `tfjs-${tfVersion} ${args.backend}${args.note ? ` (${args.note})` : ''}`;

// --- Data, generated exactly as src/engine.rs does.
function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(args.seed * 1000 + 17);
const uniform = (n, a) => new Float32Array(n).map(() => (2 * rand() - 1) * a);
const normal = (n, s) => new Float32Array(n).map(() => s * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
const v = (shape, data) => tf.variable(tf.tensor(data, shape));
const torchLinear = (i, o) => ({ W: v([i, o], uniform(i * o, 1 / Math.sqrt(i))), b: v([o], uniform(o, 1 / Math.sqrt(i))) });

function loadDigits8x8() {
  const lines = readFileSync(path.join(args.realData, 'digits-8x8.csv'), 'utf8').trim().split('\n').slice(1);
  const x = new Float32Array(lines.length * 64);
  const y = new Int32Array(lines.length);
  lines.forEach((l, i) => {
    const r = l.split(',').map(Number);
    for (let j = 0; j < 64; j++) x[i * 64 + j] = r[j] / 16;
    y[i] = r[64];
  });
  return { x, y, n: lines.length };
}

function w7Batches() {
  const r = mulberry32(7);
  const y = new Float32Array(2000);
  for (let t = 0; t < 2000; t++) y[t] = Math.sin((2 * Math.PI * t) / 25) + 0.1 * (2 * r() - 1);
  const out = [];
  for (let k = 0; k < 123; k++) {
    const x = new Float32Array(16 * 20);
    const tg = new Float32Array(16);
    for (let j = 0; j < 16; j++) {
      const i = ((k * 16 + j) * 7) % 1980;
      x.set(y.subarray(i, i + 20), j * 20);
      tg[j] = y[i + 20];
    }
    out.push({ x: tf.tensor3d(x, [16, 20, 1]), y: tf.tensor2d(tg, [16, 1]) });
  }
  return out;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ \n.,;:'!?-()";
const w8Ids = () => [...readFileSync(path.join(benchDir, 'data/w8-text.txt'), 'utf8')].map((c) => { const i = ALPHABET.indexOf(c); return i < 0 ? 52 : i; });

// --- Timing: a copy of perplexed-bench's `measure`.
const now = () => performance.now();
function stats(s) {
  s = [...s].sort((a, b) => a - b);
  const n = s.length;
  return { min: s[0], median: n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]), max: s[n - 1] };
}
function measure(f) {
  const t0 = now();
  let calls = 0;
  while (calls < 2 || now() - t0 < args.warmupMs) { f(); calls++; }
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
    samples.push(work / ((now() - t) / 1e3));
  }
  return stats(samples);
}

/** Keeps the cost tensors of the first and last `n` steps; `summary()` reads their means. */
function lossLog(n = 20) {
  const first = [], last = [];
  let steps = 0;
  return {
    push(c) {
      steps++;
      if (first.length < n) first.push(c);
      else { last.push(c); if (last.length > n) last.shift().dispose(); }
    },
    summary() {
      const mean = (a) => a.reduce((s, t) => s + t.dataSync()[0], 0) / Math.max(1, a.length);
      const l = last.length ? last : first;
      const out = [steps, mean(first), mean(l)];
      tf.dispose([...first, ...last]);
      return out;
    },
  };
}

const wants = (id) => args.only.length === 0 || args.only.includes(id);
const rows = [];
const checks = [];
const row = (workload, optimizer, unit, st) => rows.push({ workload, engine, optimizer, median: st.median, unit, min: st.min, max: st.max });

// --- W6
if (wants('W6')) {
  const d = loadDigits8x8();
  const nb = Math.floor(d.n / 32);
  const bs = [];
  for (let k = 0; k < nb; k++) bs.push({ x: tf.tensor4d(d.x.subarray(k * 2048, (k + 1) * 2048), [32, 8, 8, 1]), y: tf.oneHot(tf.tensor1d(d.y.subarray(k * 32, (k + 1) * 32), 'int32'), 10).toFloat() });
  const conv = { W: v([3, 3, 1, 8], uniform(72, 1 / 3)), b: v([8], uniform(8, 1 / 3)) };
  const dense = torchLinear(128, 10);
  const vars = [conv.W, conv.b, dense.W, dense.b];
  // im2col as a constant 0/1 matrix S [64, 64·9]: x [n, 64] · S = every 3×3 window (zero padded)
  // of every pixel, [n·64, 9] after a reshape; row p·9 + k of one image is pixel p, tap k. The
  // wasm backend's Slice/Concat are slow (~7 ms for the 9 shifted copies of a batch), a matMul
  // is fast, so im2col is a matMul here.
  const S = (() => {
    const s = new Float32Array(64 * 576);
    for (let h = 0; h < 8; h++) for (let w = 0; w < 8; w++) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      const [y, x] = [h + i - 1, w + j - 1];
      if (y >= 0 && y < 8 && x >= 0 && x < 8) s[(y * 8 + x) * 576 + (h * 8 + w) * 9 + i * 3 + j] = 1;
    }
    return tf.tensor2d(s, [64, 576]);
  })();
  const im2col = (x) => tf.reshape(tf.matMul(tf.reshape(x, [x.shape[0], 64]), S), [x.shape[0] * 64, 9]);
  // custom: tf.conv2d forward, filter gradient dW[9, 8] = colsᵀ · dy (the input is data: no gradient).
  const convCustom = tf.customGrad((x, w, save) => {
    save([x]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy, [xs]) => {
        const dw = tf.matMul(im2col(xs), tf.reshape(dy, [xs.shape[0] * 64, 8]), true, false);
        return [tf.zerosLike(xs), tf.reshape(dw, [3, 3, 1, 8])];
      },
    };
  });
  // convgrad: tf.conv2d forward, and the filter gradient as a convolution too, the way TensorFlow
  // computes Conv2DBackpropFilter: dW[i, j, 0, c] = Σ_{b,h,w} x[b, h+i-1, w+j-1] · dy[b, h, w, c]
  // is a 3×3-output conv2d of the image with the batch as its channels ([1, 8, 8, 32]) and dy as
  // an 8×8 filter ([8, 8, 32, 8]), padding 1.
  const convByConv = tf.customGrad((x, w, save) => {
    save([x]);
    return {
      value: tf.conv2d(x, w, 1, 'same'),
      gradFunc: (dy, [xs]) => {
        const xt = tf.transpose(xs, [3, 1, 2, 0]);
        const dyt = tf.transpose(dy, [1, 2, 0, 3]);
        const dw = tf.conv2d(xt, dyt, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]);
        return [tf.zerosLike(xs), tf.reshape(dw, [3, 3, 1, 8])];
      },
    };
  });
  // im2col: the whole convolution as two matMuls, differentiated by TF.js itself.
  const conv2d = (x) => {
    if (args.w6 === 'custom') return convCustom(x, conv.W);
    if (args.w6 === 'convgrad') return convByConv(x, conv.W);
    if (args.w6 === 'im2col') return tf.reshape(tf.matMul(im2col(x), tf.reshape(conv.W, [9, 8])), [x.shape[0], 8, 8, 8]);
    return tf.conv2d(x, conv.W, 1, 'same');
  };
  const lossFn = (b) => {
    const c = tf.relu(tf.add(conv2d(b.x), conv.b));
    const p = tf.reshape(tf.maxPool(c, 2, 2, 'valid'), [32, 128]);
    return tf.losses.softmaxCrossEntropy(b.y, tf.add(tf.matMul(p, dense.W), dense.b));
  };
  const opt = tf.train.sgd(0.05);
  const log = lossLog(nb);
  let k = 0;
  const st = measure(() => { const b = bs[k++ % nb]; log.push(opt.minimize(() => lossFn(b), true, vars)); return 1; });
  row(`W6 CNN conv8-pool-dense10 (conv ${args.w6})`, 'sgd', 'steps/s', st);
  const [n, l0, l1] = log.summary();
  checks.push(`W6: ${n} steps, mean batch loss first ${nb} steps ${l0.toFixed(4)} → last ${nb} ${l1.toFixed(4)}`);
  tf.dispose([...vars, ...bs.flatMap((b) => [b.x, b.y])]);
  opt.dispose();
}

// --- W7
if (wants('W7')) {
  const bs = w7Batches();
  const H = 32;
  const a = 1 / Math.sqrt(H);
  const opt = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
  const head = torchLinear(H, 1);
  let lossFn, vars;
  if (args.w7 === 'layers') {
    const lstm = tf.layers.lstm({ units: H, returnSequences: false });
    tf.tidy(() => lstm.apply(bs[0].x)); // builds the weights
    vars = [...lstm.trainableWeights.map((w) => w.read()), head.W, head.b];
    lossFn = (b) => tf.mean(tf.squaredDifference(tf.add(tf.matMul(lstm.apply(b.x), head.W), head.b), b.y));
  } else {
    const Wx = v([1, 4 * H], uniform(4 * H, a));
    const Wh = v([H, 4 * H], uniform(H * 4 * H, a));
    const bb = v([4 * H], uniform(4 * H, a));
    vars = [Wx, Wh, bb, head.W, head.b];
    const zeros = tf.zeros([16, H]);
    lossFn = (b) => {
      const xp = tf.reshape(tf.add(tf.matMul(tf.reshape(b.x, [320, 1]), Wx), bb), [16, 20, 4 * H]);
      const xs = tf.unstack(xp, 1);
      let h = zeros, c = zeros;
      for (let t = 0; t < 20; t++) {
        const z = tf.add(xs[t], tf.matMul(h, Wh));
        const [zi, zf, zg, zo] = tf.split(z, 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
      }
      return tf.mean(tf.squaredDifference(tf.add(tf.matMul(h, head.W), head.b), b.y));
    };
  }
  const log = lossLog(20);
  let k = 0;
  const st = measure(() => { const b = bs[k++ % bs.length]; log.push(opt.minimize(() => lossFn(b), true, vars)); return 1; });
  row(`W7 LSTM 32, seq 20 (${args.w7 === 'layers' ? 'tf.layers.lstm' : 'hand-written cell'})`, 'adam', 'steps/s', st);
  const [n, l0, l1] = log.summary();
  checks.push(`W7: ${n} steps, mean batch MSE first 20 steps ${l0.toFixed(4)} → last 20 ${l1.toFixed(4)}`);
  opt.dispose();
}

// --- W8
if (wants('W8') || wants('W8S')) {
  const ids = w8Ids();
  const span = ids.length - 33;
  const D = 32, V = 64, T = 32, B = 16;
  const bs = [];
  for (let k = 0; k < 64; k++) {
    const x = new Int32Array(B * T), y = new Int32Array(B * T);
    for (let j = 0; j < B; j++) {
      const s = ((k * B + j) * 97) % span;
      for (let t = 0; t < T; t++) { x[j * T + t] = ids[s + t]; y[j * T + t] = ids[s + t + 1]; }
    }
    const xi = tf.tensor1d(x, 'int32');
    bs.push({ x: xi, xh: tf.oneHot(xi, V).toFloat(), y: tf.oneHot(tf.tensor1d(y, 'int32'), V).toFloat() });
  }
  const tok = v([V, D], normal(V * D, 0.02));
  const pos = v([T, D], normal(T * D, 0.02));
  const ln = () => ({ g: v([D], new Float32Array(D).fill(1)), b: v([D], new Float32Array(D)) });
  const blocks = [0, 1].map(() => ({ ln1: ln(), qkv: torchLinear(D, 3 * D), proj: torchLinear(D, D), ln2: ln(), fc1: torchLinear(D, 4 * D), fc2: torchLinear(4 * D, D) }));
  const lnF = ln();
  const out = torchLinear(D, V);
  const vars = [tok, pos, ...blocks.flatMap((b) => [b.ln1.g, b.ln1.b, b.qkv.W, b.qkv.b, b.proj.W, b.proj.b, b.ln2.g, b.ln2.b, b.fc1.W, b.fc1.b, b.fc2.W, b.fc2.b]), lnF.g, lnF.b, out.W, out.b];
  const maskFull = tf.tensor2d(Array.from({ length: T * T }, (_, i) => ((i % T) > Math.floor(i / T) ? -1e9 : 0)), [T, T]);
  const layerNorm = (x, p) => {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), p.g), p.b);
  };
  const lin = (x, p) => tf.add(tf.matMul(x, p.W), p.b);
  const gelu = (x) => tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI)))));
  // ids: int32 [n·t]; xh: their one-hot [n·t, 64] (used on wasm). Returns logits [n·t, 64].
  const forward = (n, t, ids, xh, mask) => {
    const e = args.w8emb === 'gather' ? tf.gather(tok, ids) : tf.matMul(xh, tok);
    let x = tf.add(tf.reshape(e, [n, t, D]), t === T ? pos : tf.slice(pos, [0, 0], [t, D]));
    x = tf.reshape(x, [n * t, D]);
    for (const b of blocks) {
      const qkv = lin(layerNorm(x, b.ln1), b.qkv);
      const heads = (u) => tf.transpose(tf.reshape(u, [n, t, 2, 16]), [0, 2, 1, 3]);
      const [q, k, vv] = tf.split(qkv, 3, 1).map(heads);
      const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 0.25), mask));
      const a = tf.reshape(tf.transpose(tf.matMul(att, vv), [0, 2, 1, 3]), [n * t, D]);
      x = tf.add(x, lin(a, b.proj));
      x = tf.add(x, lin(gelu(lin(layerNorm(x, b.ln2), b.fc1)), b.fc2));
    }
    return lin(layerNorm(x, lnF), out);
  };
  const opt = tf.train.adam(3e-3, 0.9, 0.999, 1e-7);
  if (wants('W8')) {
    const log = lossLog(20);
    let k = 0;
    const st = measure(() => {
      const b = bs[k++ % bs.length];
      log.push(opt.minimize(() => tf.losses.softmaxCrossEntropy(b.y, forward(B, T, b.x, b.xh, maskFull)), true, vars));
      return 1;
    });
    row(`W8 transformer 2 blocks, ctx 32 (embedding ${args.w8emb}; Adam: TF.js has no AdamW)`, 'adam', 'steps/s', st);
    const [n, l0, l1] = log.summary();
    checks.push(`W8: ${n} steps, mean CE first 20 steps ${l0.toFixed(4)} → last 20 ${l1.toFixed(4)} (ln 64 = 4.159)`);
  }
  // Sampling: greedy, 32 tokens after one prompt character, a full forward over ≤ 32 tokens each.
  const masks = Array.from({ length: T + 1 }, (_, t) => (t ? tf.slice(maskFull, [0, 0], [t, t]) : null));
  let text = '';
  const sample = () => {
    const seq = [ids[0]];
    for (let s = 0; s < 32; s++) {
      const ctx = seq.slice(-T);
      const t = ctx.length;
      const next = tf.tidy(() => {
        const idt = tf.tensor1d(ctx, 'int32');
        const logits = forward(1, t, idt, args.w8emb === 'gather' ? null : tf.oneHot(idt, V).toFloat(), masks[t]);
        return tf.argMax(tf.slice(logits, [t - 1, 0], [1, V]), 1);
      });
      seq.push(next.dataSync()[0]);
      next.dispose();
    }
    text = seq.map((i) => ALPHABET[i]).join('');
    return 32;
  };
  const st = measure(sample);
  row('W8 sampling, 32 tokens, full forward', '-', 'tokens/s', st);
  checks.push(`W8 sampling: ${JSON.stringify(text.replaceAll('\n', '⏎'))}`);
  opt.dispose();
}

const fmt = (x) => (x >= 1000 ? Math.round(x).toLocaleString('en-US') : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`run-tfjs-engine · engine ${engine} · node ${process.version}`);
console.log('| workload | optimizer | median | min | max | unit |');
console.log('|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.workload} | ${r.optimizer} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`);
console.log('\nsanity (the engine must learn, not only be fast):');
for (const c of checks) console.log(`  ${c}`);
if (args.json) {
  writeFileSync(args.json, JSON.stringify(rows, null, 1) + '\n');
  console.log(`wrote ${args.json}`);
}
