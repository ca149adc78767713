// Runs a WASI program (a .wasm built for wasm32-wasip1) under node — V8, the engine Chromium
// runs the page with — with no file access. Usage: node scripts/run-wasi.mjs program.wasm
import { WASI } from 'node:wasi';
import { readFile } from 'node:fs/promises';

const wasi = new WASI({ version: 'preview1', args: [process.argv[2]], env: {}, preopens: {} });
const module = await WebAssembly.compile(await readFile(process.argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
