// Shared set-up for the browser tests: a static server for dist/ under a sub-path (the site must
// work from any static host, under any path, without rewrites), and Debian's Chromium driven by
// playwright-core, with every console error and every request to another origin recorded.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
const DIST = path.join(ROOT, 'dist');
export const SUBPATH = '/perplexed/';

// The site's pages as the page's loader (web/loader.js) knows them: its LABS, and each lab's
// further pages (PARTS, each its own bundle).
const LOADER = fs.readFileSync(path.join(ROOT, 'web', 'loader.js'), 'utf8');
export const LABS = JSON.parse(LOADER.match(/const LABS = (\[.*\]);/)[1]);
export const PARTS = JSON.parse(LOADER.match(/const PARTS = (\{.*\});/)[1]);
/** Every page: its query (without `?`; '' for home) and the test id that shows it has started. */
export const SITE_PAGES = [
  ['', 'home'],
  ['edit=lesson', 'lesson-editor'],
  ...LABS.flatMap((lab) => [[`lab=${lab}`, `lab-${lab}`], ...(PARTS[lab] ?? []).map((p) => [`lab=${lab}&part=${p}`, `lab-${lab}`])]),
];

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.csv': 'text/csv', '.webmanifest': 'application/manifest+json',
};

/** Serves `dir` (dist/ unless told) on `port` (any free one unless told: the offline test
 *  restarts a server on the same origin). */
export function startServer({ dir = DIST, port = 0 } = {}) {
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${path.join(dir, 'index.html')} is missing: run \`trunk build --release\` first (scripts/test.sh does)`);
  }
  // Node's 16 KB limit on a request's head would refuse the fuzz's 10 KB values (twice, in a
  // duplicated key) before the page sees them: the page's reading of long links is what is tested.
  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (!url.pathname.startsWith(SUBPATH)) { res.writeHead(404); res.end(); return; }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length)) || 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ server, base: `http://127.0.0.1:${port}${SUBPATH}` });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** What a Content-Security-Policy violation says in the console: the browser's own message
 *  ("Refused to …") and the one every page logs from its `securitypolicyviolation` event. */
const CSP_MESSAGE = /Content Security Policy|CSP violation/;

/** A fresh browser profile; `locale` picks navigator.language. Every page of it reports
 *  Content-Security-Policy violations, and `close()` fails if any happened (`csp` lists them,
 *  for a test that provokes one on purpose and clears them): the page's policy forbids inline
 *  scripts and eval, and no page of the site may need either. `args`: more Chromium flags. */
export async function launch({ locale = 'en-US', viewport = { width: 1400, height: 1000 }, args = [] } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'perplexed-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    locale,
    viewport,
  });
  const csp = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} at ${e.sourceFile || location.href}:${e.lineNumber}`);
    });
  });
  context.on('console', (msg) => {
    if (msg.type() === 'error' && CSP_MESSAGE.test(msg.text())) csp.push(`${msg.page()?.url() ?? ''}: ${msg.text()}`);
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    assert.deepEqual(csp, [], 'Content-Security-Policy violations');
  };
  return { context, close, csp };
}

/** Opens a page that records console errors, page errors and requests to other origins. */
export async function openPage(context, base) {
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = { errors: [], foreign: [] };
  const origin = new URL(base).origin;
  page.on('console', (msg) => { if (msg.type() === 'error') problems.errors.push(msg.text()); });
  page.on('pageerror', (err) => problems.errors.push(String(err)));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.foreign.push(u);
  });
  return { page, problems };
}

/** Sums the pixels of a canvas (a cheap fingerprint to see that it changed). */
export async function canvasFingerprint(page, testid) {
  return page.getByTestId(testid).evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let sum = 0, painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      sum = (sum + data[i] * 3 + data[i + 1] * 5 + data[i + 2] * 7 + (i % 997)) % 1e9;
      if (data[i + 3] > 0) painted++;
    }
    return { sum, painted, width: c.width, height: c.height };
  });
}

/** A counter's number as printed: "−" is a minus, "1,234" is 1234, and a floor such as
 *  "< 0.001" reads as its bound (a tiny value, not zero). */
export async function number(page, testid) {
  const text = (await page.getByTestId(testid).innerText()).replace(/\u2212/g, '-').replace(/[,<>\s]/g, '');
  return Number.parseFloat(text.replace(/[^0-9.eE+-]/g, ''));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns truthy or `ms` pass; returns the last value. */
export async function waitFor(fn, ms = 10000, every = 100) {
  const end = Date.now() + ms;
  let v;
  while (Date.now() < end) {
    v = await fn();
    if (v) return v;
    await sleep(every);
  }
  return v;
}

/** Opens `?lab=<slug><query>` in a fresh page and waits for the lab (and `ready`, a test id, if
 *  given) to render. Returns the page and its collected problems, as openPage does. */
export async function openLab(browser, base, slug, query = '', ready = null) {
  const { page, problems } = await openPage(browser.context, base);
  await page.goto(`${base}?lab=${slug}${query}`);
  await page.getByTestId(`lab-${slug}`).waitFor({ timeout: 15000 });
  if (ready) await page.getByTestId(ready).waitFor();
  return { page, problems };
}

/** A key press as a keyboard layout sends it: `code` names the physical key, `key` what the
 *  layout types there (R on a Hebrew keyboard: code `KeyR`, key `ר`). Sent to the page body, as
 *  when nothing is focused. */
export async function pressKey(page, code, key) {
  await page.evaluate(([code, key]) => {
    document.activeElement?.blur();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true }));
  }, [code, key]);
}

/** The transport as a learner uses it: Play makes `counter`'s number move and the canvas
 *  `canvas` change; then R pressed on a Hebrew layout (code `KeyR`, key `ר`) brings the counter
 *  back to 0 and stops. */
export async function checkTransport(page, counter, canvas, ms = 8000) {
  const n0 = await number(page, counter);
  const c0 = await canvasFingerprint(page, canvas);
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, counter)) > n0, ms), `${counter} moves on Play (from ${n0})`);
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, canvas)).sum !== c0.sum, ms), `${canvas} changes on Play`);
  await pressKey(page, 'KeyR', 'ר');
  assert.ok(await waitFor(async () => (await number(page, counter)) === 0, 3000), `R (ר) brings ${counter} back to 0`);
  assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false', 'and stops');
}
