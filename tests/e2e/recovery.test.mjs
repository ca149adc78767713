// Recovery (issue 23): if a panic ever happens, the page says so and how to recover — "something
// went wrong, reload keeps your settings" — instead of freezing where it was; the address still
// holds the settings, and the reload link brings the lab back as it was set. The panic is asked
// for with the test event `perplexed:test-panic` (components/recovery.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openLab, waitFor, sleep, canvasFingerprint, number } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const panic = (page) => page.evaluate(() => {
  try { window.dispatchEvent(new Event('perplexed:test-panic')); } catch { /* the stopped WebAssembly's trap */ }
});

test('a panic: the panel says what happened, the address keeps the settings, reload restores them', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&dataset=xor&lr=0.1&seed=5&lang=en', 'boundary');
  await page.getByTestId('play').click();
  await sleep(800);
  const address = page.url();
  await panic(page);
  const panel = page.getByTestId('crashed');
  await panel.waitFor({ timeout: 3000 });
  assert.match(await panel.innerText(), /Something went wrong/);
  assert.match(await panel.innerText(), /Reload keeps your settings/);
  assert.equal(await page.locator('[data-testid="crashed"] h2').evaluate((h) => h.id), 'crashed-title');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'crashed-reload', 'the reload link has the focus');
  // The panic's own message, for a bug report, as text.
  assert.match(await page.locator('[data-testid="crashed"] pre').textContent(), /perplexed:test-panic/);
  // Stopped for good: no frame draws any more (the boundary does not change).
  const a = await canvasFingerprint(page, 'boundary');
  await sleep(600);
  assert.deepEqual(await canvasFingerprint(page, 'boundary'), a, 'the page is stopped');
  assert.equal(page.url(), address, 'the address keeps the settings');
  // The panic's trace in the console is expected here; nothing else went wrong.
  assert.ok(problems.errors.some((e) => /test-panic/.test(e)), problems.errors.join('\n'));
  problems.errors.length = 0;

  await page.getByTestId('crashed-reload').click();
  await page.getByTestId('boundary').waitFor();
  assert.equal(await page.getByTestId('crashed').count(), 0);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'xor');
  assert.equal(new URL(page.url()).searchParams.get('lr'), '0.1');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) > 0, 5000), 'it trains again');
  assert.deepEqual(problems.errors, []);
});

test('the panel in Hebrew, right to left', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'descent', '&lang=he', 'lab-descent');
  await panic(page);
  const panel = page.getByTestId('crashed');
  await panel.waitFor({ timeout: 3000 });
  assert.match(await panel.innerText(), /משהו השתבש/);
  assert.match(await panel.innerText(), /טעינה מחדש שומרת על ההגדרות/);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  problems.errors.length = 0;
});
