// Loads a W6 size cdylib (ours or candle) in node and trains it for two epochs of the digits, so
// the measured bytes are a working trainer. Imports the module asks for (candle's getrandom via
// wasm-bindgen, for the random initial weights) are answered with no-op stubs — the random bytes
// then stay zero, so the seed of candle's generator is fixed; a page would ship wasm-bindgen's glue.
// Usage: node check.mjs path/to/w6_size_X.wasm [path/to/digits-8x8.csv]
import { readFileSync } from 'node:fs';
const [file, csv = new URL('../../../../shared/data/digits-8x8.csv', import.meta.url).pathname] = process.argv.slice(2);
const mod = await WebAssembly.compile(readFileSync(file));
const imports = {};
for (const i of WebAssembly.Module.imports(mod)) {
  (imports[i.module] ??= {})[i.name] = () => 0;
}
const { exports: e } = await WebAssembly.instantiate(mod, imports);
const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
if (e.w6_init(1) !== 0) throw new Error('init failed');
const xp = e.alloc(32 * 64 * 4), yp = e.alloc(32 * 4);
const losses = [];
const t0 = performance.now();
for (let s = 0; s < 112; s++) {
  const b = s % 56;
  const x = new Float32Array(e.memory.buffer, xp, 32 * 64), y = new Uint32Array(e.memory.buffer, yp, 32);
  for (let j = 0; j < 32; j++) { const r = rows[b * 32 + j]; for (let k = 0; k < 64; k++) x[j * 64 + k] = r[k] / 16; y[j] = r[64]; }
  losses.push(e.w6_step(xp, yp, 32));
}
const mean = (a) => a.reduce((p, q) => p + q, 0) / a.length;
console.log(`${file.split('/').pop()}: ${WebAssembly.Module.imports(mod).length} imports; 112 steps in ${(performance.now() - t0).toFixed(0)} ms; mean loss first epoch ${mean(losses.slice(0, 56)).toFixed(4)} → second ${mean(losses.slice(56)).toFixed(4)}`);
