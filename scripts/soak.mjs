// The soak: every page that trains, training at once for a long time — as a tab left open over
// lunch — while its memory is sampled. A leak shows as memory that keeps growing; a history
// kept whole shows as charts handed ever more points. Run on a release build (dist/):
//
//   node scripts/soak.mjs                  # 30 minutes, every lab
//   node scripts/soak.mjs --minutes 5 --labs playground,cnn
//
// Each page opens with its defaults and presses Play; whenever a lab finishes (its Play button
// is released: the epochs or rounds are done), it is reset and played again, so the whole run
// trains and re-allocates. Every sample (a tenth of the run, at most a minute apart) first asks
// the browser to collect garbage, then reads the page's JavaScript heap (what is still in use),
// its WebAssembly memory (which only ever grows), and the points its line charts were handed.
// After a warm-up (the first third), memory must stay flat: the last samples within 10 % of the
// first sample after the warm-up (WebAssembly memory: or within four 64 KB pages of it). The
// figures are printed per page; tests/e2e/soak.test.mjs
// runs the 3-minute form in the test command.
import { fileURLToPath } from 'node:url';
import { startServer, launch, SITE_PAGES, sleep } from '../tests/e2e/harness.mjs';

/** Pages that train something (the home page, the lesson editor and the tokens page do not). */
export const TRAINING_PAGES = SITE_PAGES.filter(([query]) => query.startsWith('lab=') && !query.includes('part=tokens'));

/** Allowed growth after the warm-up. */
export const FLAT = 0.10;
/** WebAssembly memory grows by whole 64 KB pages: on a 1.6 MB memory 10 % is under three of
 *  them, so one page more or less of allocator noise would decide. Growth of at most four pages
 *  (256 KB) counts as flat too. */
export const WASM_SLACK = 4 * 65536;

/** Whether a page's WebAssembly memory stayed flat after the warm-up. */
export const wasmFlat = (r) => r.wasmDrift <= FLAT || r.wasmGrowth <= WASM_SLACK;

const MB = (bytes) => bytes / (1024 * 1024);

/** One page's sample: garbage collected first, then its heap, its wasm memory, its charts. */
async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const seen = await page.evaluate(() => ({
    wasm: globalThis.perplexedMemory?.buffer.byteLength ?? 0,
    points: Math.max(0, ...[...document.querySelectorAll('canvas[data-points]')].map((c) => Number(c.dataset.points))),
    crashed: document.querySelector('[data-testid="crashed"]') !== null,
  }));
  return { heap: usedSize, ...seen };
}

/** Growth from the first sample after the warm-up to the median of the last three, in the
 *  samples' units (`relative`: as a share of the start). */
export function drift(values, relative = true) {
  if (values.length < 3) return 0;
  const start = values[Math.floor(values.length / 3)];
  const last = values.slice(-3).sort((a, b) => a - b)[1];
  if (!relative) return last - start;
  return start > 0 ? (last - start) / start : 0;
}

/** Runs the soak for `minutes` on `pages` ([query, ready test id] pairs); returns each page's
 *  samples and drifts, printing them as it goes (`log`). */
export async function soak({ minutes = 30, pages = TRAINING_PAGES, log = console.log } = {}) {
  const srv = await startServer();
  // Every tab animates as if it were in front (a background tab's frames would be throttled).
  const browser = await launch({ args: ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'] });
  const runs = [];
  try {
    for (const [query, ready] of pages) {
      const page = await browser.context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${srv.base}?${query}&lang=en`);
      await page.getByTestId(ready).waitFor({ timeout: 30000 });
      const cdp = await browser.context.newCDPSession(page);
      runs.push({ query, page, cdp, errors, samples: [], restarts: 0 });
    }
    const play = async (run) => {
      const button = run.page.getByTestId('play');
      if ((await button.count()) !== 1 || (await button.getAttribute('aria-pressed')) === 'true' || await button.isDisabled()) return;
      if (run.samples.length > 0 || run.restarts > 0) {
        const reset = run.page.getByTestId('reset');
        if ((await reset.count()) === 1) await reset.click();
      }
      await button.click();
      run.restarts += 1;
    };
    const end = Date.now() + minutes * 60_000;
    const every = Math.min(60_000, (minutes * 60_000) / 10);
    let next = Date.now();
    while (Date.now() < end) {
      for (const run of runs) await play(run).catch(() => {});
      if (Date.now() >= next) {
        next += every;
        for (const run of runs) {
          const s = await sample(run.page, run.cdp);
          run.samples.push(s);
          log(`${run.query.padEnd(22)} ${((minutes * 60_000 - (end - Date.now())) / 60_000).toFixed(1).padStart(5)} min: heap ${MB(s.heap).toFixed(1)} MB, wasm ${MB(s.wasm).toFixed(1)} MB, chart points ≤ ${s.points}, Play pressed ${run.restarts}×`);
        }
      }
      await sleep(1000);
    }
    for (const run of runs) run.samples.push(await sample(run.page, run.cdp));
  } finally {
    const results = runs.map(({ query, samples, restarts, errors }) => ({
      query,
      samples,
      restarts,
      errors,
      heapDrift: drift(samples.map((s) => s.heap)),
      wasmDrift: drift(samples.map((s) => s.wasm)),
      wasmGrowth: drift(samples.map((s) => s.wasm), false),
      maxPoints: Math.max(0, ...samples.map((s) => s.points)),
      crashed: samples.some((s) => s.crashed),
    }));
    log('\npage                   heap MB (start → end, drift)   wasm MB (start → end, drift)   chart points ≤   Play pressed');
    for (const r of results) {
      const at = Math.floor(r.samples.length / 3);
      const h = r.samples.map((s) => MB(s.heap)), w = r.samples.map((s) => MB(s.wasm));
      log(`${r.query.padEnd(22)} ${h[at]?.toFixed(1)} → ${h.at(-1)?.toFixed(1)} (${(100 * r.heapDrift).toFixed(1)} %)`.padEnd(54)
        + `${w[at]?.toFixed(1)} → ${w.at(-1)?.toFixed(1)} (${(100 * r.wasmDrift).toFixed(1)} %)`.padEnd(31) + `${r.maxPoints}`.padEnd(17) + r.restarts);
    }
    await browser.close().catch((e) => log(String(e)));
    srv.server.close();
    soak.results = results;
  }
  return soak.results;
}

// Run as a script: the long form, failing (exit 1) if a page's memory grew or it stopped.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const labs = arg('labs', null)?.split(',');
  const pages = labs ? TRAINING_PAGES.filter(([q]) => labs.some((l) => q === `lab=${l}` || q.startsWith(`lab=${l}&`))) : TRAINING_PAGES;
  const results = await soak({ minutes: Number(arg('minutes', 30)), pages });
  const bad = results.filter((r) => r.heapDrift > FLAT || !wasmFlat(r) || r.crashed || r.errors.length > 0);
  for (const r of bad) console.log(`NOT FLAT or stopped: ${r.query} (heap ${(100 * r.heapDrift).toFixed(1)} %, wasm ${(100 * r.wasmDrift).toFixed(1)} %, errors ${r.errors.join('; ')})`);
  process.exitCode = bad.length ? 1 : 0;
}
