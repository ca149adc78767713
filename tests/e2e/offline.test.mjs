// Offline, as a visitor meets it: open the site once, lose the network, and every lab still opens
// and trains; a new build then replaces the kept copy whole. The site is served from a copy of
// dist/ so the update can be made by editing that copy, and "no network" is the server shut
// down (every request the page makes would be refused), not a switch in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, LABS, SITE_PAGES, startServer, launch, openPage, checkTransport, waitFor } from './harness.mjs';

let site, srv, browser;
before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'perplexed-offline-'));
  fs.cpSync(path.join(ROOT, 'dist'), site, { recursive: true });
  srv = await startServer({ dir: site });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  srv?.server.close();
  fs.rmSync(site, { recursive: true, force: true });
});

/** What the service worker of the served build keeps: its version and its list of files. */
function workerOf(dir) {
  const source = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  return {
    version: source.match(/const VERSION = "([^"]*)";/)[1],
    files: JSON.parse(source.match(/const FILES = (\[.*\]);/)[1]),
  };
}

/** The page's caches: name → number of entries. */
const cachesOf = (page) => page.evaluate(async () => {
  const out = {};
  for (const key of await caches.keys()) out[key] = (await (await caches.open(key)).keys()).length;
  return out;
});

const stop = (server) => new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });

test('after one visit every lab opens and trains with no network; a new build replaces the copy', async () => {
  const { version, files } = workerOf(site);
  assert.ok(version !== 'dev' && /^[0-9a-f]{16}$/.test(version), `the build names its version (${version})`);
  // Every bundle, the stylesheet, the data sets, the manifest and the icons.
  for (const name of ['home', ...LABS.map((l) => `lab-${l}`)]) {
    assert.ok(files.some((f) => new RegExp(`^\\./${name}-[0-9a-f]{16}_bg\\.wasm$`).test(f)), `${name}'s wasm is kept`);
  }
  for (const f of ['./data/digits-8x8.bin', './data/wine.csv', './manifest.webmanifest', './icons/icon-192.png']) {
    assert.ok(files.includes(f), `${f} is kept`);
  }

  // The first visit: the Playground, then the site is kept in the background.
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(`${srv.base}?lab=playground`);
  await page.getByTestId('lab-playground').waitFor({ timeout: 15000 });
  const cache = `perplexed-${version}`;
  const kept = await waitFor(async () => (await cachesOf(page))[cache] === files.length + 1 && cachesOf(page), 30000);
  assert.deepEqual(kept, { [cache]: files.length + 1 }, 'one cache, holding the page and every file of the build');
  // Installable: the manifest and its icons.
  const manifest = await page.evaluate(async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json());
  assert.equal(manifest.display, 'standalone');
  assert.deepEqual(manifest.icons.map((i) => i.sizes), ['192x192', '512x512', 'any']);

  // The network goes.
  const port = new URL(srv.base).port;
  await stop(srv.server);
  assert.equal(await fetch(srv.base).then(() => 'answered', () => 'no network'), 'no network');

  // Every page of the site, from the kept copy.
  for (const [query, ready] of SITE_PAGES) {
    await page.goto(`${srv.base}?${query}`);
    await page.getByTestId(ready).waitFor({ timeout: 15000 });
  }
  // … and they work: the CNN lab reads its digits, the data lab a table, the Playground trains.
  await page.goto(`${srv.base}?lab=cnn`);
  assert.ok(await waitFor(async () => (await page.getByTestId('epoch').innerText()) !== '—', 20000), 'the CNN lab reads its digits offline');
  await page.goto(`${srv.base}?lab=data&table=wine`);
  assert.ok(await waitFor(async () => (await page.getByTestId('table-summary').innerText()).includes('178 rows'), 20000), 'the data lab reads wine offline');
  await page.goto(`${srv.base}?lab=playground`);
  await page.getByTestId('lab-playground').waitFor();
  await checkTransport(page, 'epoch', 'boundary');
  console.log(`# offline: ${SITE_PAGES.length} pages opened from a cache of ${files.length + 1} files`);

  // A new build (here: the same site with another version, as each build's hash-bundles writes
  // it) comes online on the same address: it replaces the kept copy, leaving no older cache.
  const worker = path.join(site, 'sw.js');
  fs.writeFileSync(worker, fs.readFileSync(worker, 'utf8').replace(/const VERSION = "[^"]*";/, 'const VERSION = "0000000000000002";'));
  srv = await startServer({ dir: site, port: Number(port) });
  await page.reload();
  await page.getByTestId('lab-playground').waitFor({ timeout: 15000 });
  const replaced = await waitFor(async () => {
    const now = await cachesOf(page);
    return Object.keys(now).length === 1 && now['perplexed-0000000000000002'] === files.length + 1 && now;
  }, 30000);
  assert.deepEqual(replaced, { 'perplexed-0000000000000002': files.length + 1 }, "the new build's cache, whole, and nothing of the old one");

  assert.deepEqual(problems.errors, [], 'no errors, offline included');
  assert.deepEqual(problems.foreign, [], 'no request to another origin');
});
