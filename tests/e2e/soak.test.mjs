// The soak in its short form (issue 23): every page that trains, training at once for 3 minutes
// (SOAK_MINUTES to change it; `node scripts/soak.mjs` is the 30-minute form), restarted whenever
// it finishes. After the warm-up each page's JavaScript heap and WebAssembly memory stay within
// 10 % of where they were (or four 64 KB pages, for the WebAssembly memory), its charts are
// handed a bounded number of points (histories are
// thinned), and nothing stops or throws. The figures are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { soak, FLAT, wasmFlat } from '../../scripts/soak.mjs';

/** Most points any line chart is handed (the longest thinned history, all its lines). */
const MAX_POINTS = 6000;

test(`soak: every training page for ${process.env.SOAK_MINUTES ?? 3} minutes, memory flat and charts bounded`, { timeout: 30 * 60_000 }, async () => {
  const results = await soak({ minutes: Number(process.env.SOAK_MINUTES ?? 3), log: (line) => console.log(`# ${line}`) });
  assert.ok(results.length >= 14, `${results.length} pages`);
  for (const r of results) {
    assert.deepEqual(r.errors, [], r.query);
    assert.ok(!r.crashed, `${r.query} stopped`);
    assert.ok(r.samples.length >= 8, `${r.query}: ${r.samples.length} samples`);
    assert.ok(r.heapDrift <= FLAT, `${r.query}: the JavaScript heap grew ${(100 * r.heapDrift).toFixed(1)} % after the warm-up`);
    assert.ok(wasmFlat(r), `${r.query}: the WebAssembly memory grew ${(100 * r.wasmDrift).toFixed(1)} % (${(r.wasmGrowth / 1024).toFixed(0)} KB) after the warm-up`);
    assert.ok(r.maxPoints <= MAX_POINTS, `${r.query}: a chart was handed ${r.maxPoints} points`);
  }
});
