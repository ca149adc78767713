// Runs the perplexed-bench WASI build under node (V8, the engine Chromium uses), so its numbers
// compare with the peers measured in node 20. Usage:
//   node --no-warnings crates/bench/run-wasm.mjs [path/to/perplexed-bench.wasm] [bench args…]
// `--data DIR` and `--json PATH` are mapped into the WASI sandbox: DIR is preopened as /data,
// the folder of PATH as /out. Without --data the default ../shared/bench-data (relative to the
// workspace root) is used.
import { WASI } from 'node:wasi';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
let args = process.argv.slice(2);
let wasmPath = path.join(root, 'target/wasm32-wasip1/release/perplexed-bench.wasm');
if (args[0] && args[0].endsWith('.wasm')) wasmPath = path.resolve(args.shift());
if (!existsSync(wasmPath)) {
  console.error(`no wasm at ${wasmPath}; build it with\n  CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-C target-feature=+simd128" cargo build -p perplexed-bench --release --target wasm32-wasip1`);
  process.exit(2);
}

const preopens = {};
const mapped = [];
let dataDir = path.resolve(root, '../shared/bench-data');
// W6's digits-8x8.csv (shared/data), preopened as /real-data.
let realDataDir = path.resolve(root, '../shared/data');
let jsonHost = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--data' && i + 1 < args.length) {
    dataDir = path.resolve(args[++i]);
  } else if (args[i] === '--real-data' && i + 1 < args.length) {
    realDataDir = path.resolve(args[++i]);
  } else if (args[i] === '--json' && i + 1 < args.length) {
    const p = path.resolve(args[++i]);
    preopens['/out'] = path.dirname(p);
    mapped.push('--json', '/out/' + path.basename(p));
    jsonHost = p;
  } else {
    mapped.push(args[i]);
  }
}
preopens['/data'] = dataDir;
if (existsSync(realDataDir)) {
  preopens['/real-data'] = realDataDir;
  mapped.push('--real-data', '/real-data');
}

const wasi = new WASI({
  version: 'preview1',
  args: ['perplexed-bench', '--data', '/data', ...mapped],
  env: {},
  preopens,
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
const code = wasi.start(instance);
if (jsonHost && code === 0) console.log(`(/out is ${path.dirname(jsonHost)})`);
process.exitCode = code;
