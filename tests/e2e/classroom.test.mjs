// The classroom's view of any lab, as a teacher uses it: the dark theme switched (remembered, the
// charts redrawn in its colours), presenter mode for a projector (larger type, a spot on the
// pointer, kept in the link), one panel full-screen, the list of keys on `?`. Draws
// docs/presenter.png, the README's picture of presenter mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, startServer, launch, openLab, pressKey, canvasFingerprint, waitFor, sleep } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const rootAttr = (page, name) => page.evaluate((n) => document.documentElement.getAttribute(n), name);
const rootPx = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('dark theme: switched by the button and by D, remembered, charts redrawn in its colours', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&seed=3', 'boundary');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal(await page.getByTestId('theme').getAttribute('aria-pressed'), 'false', 'light by the system');
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'loss-chart')).painted > 0, 5000), 'the loss chart is drawn');
  await sleep(300);
  const light = await canvasFingerprint(page, 'loss-chart');
  const bgLight = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByTestId('theme').click();
  assert.equal(await rootAttr(page, 'data-theme'), 'dark');
  assert.equal(await page.getByTestId('theme').getAttribute('aria-pressed'), 'true');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bgLight, 'the page turns dark');
  // Paused, nothing else changes: the chart is redrawn because the colours did.
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'loss-chart')).sum !== light.sum, 3000), 'the loss chart redraws in dark colours');
  // Remembered in this browser, and set before the first paint (web/theme.js).
  await page.reload({ waitUntil: 'domcontentloaded' });
  assert.equal(await rootAttr(page, 'data-theme'), 'dark', 'a reload keeps the choice');
  await page.getByTestId('lab-playground').waitFor();
  // D on a Hebrew layout (the key that types ג) switches back.
  await pressKey(page, 'KeyD', 'ג');
  assert.equal(await rootAttr(page, 'data-theme'), 'light');
  assert.equal(await page.getByTestId('theme').getAttribute('aria-pressed'), 'false');
  assert.deepEqual(problems.errors, []);
});

test('presenter mode: larger type, a spot on the pointer, kept in the link; a panel full-screen; the keys on ?', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'overfitting', '', 'epochs-chart');
  await page.setViewportSize({ width: 1280, height: 720 });
  const before = await rootPx(page);
  await pressKey(page, 'KeyP', 'פ');
  assert.equal(await rootAttr(page, 'data-present'), '', 'P turns presenter mode on');
  assert.equal(await page.getByTestId('present').getAttribute('aria-pressed'), 'true');
  const big = await rootPx(page);
  assert.ok(big >= 20 && big > before, `type grows for a projector at 1280 × 720 (${before} → ${big} px)`);
  assert.ok(await waitFor(() => new URL(page.url()).searchParams.get('present') === '1', 3000), `the link keeps it: ${page.url()}`);
  // The spot follows the pointer.
  await page.mouse.move(400, 300);
  const spot = page.locator('.pointer-spot');
  assert.ok(await spot.isVisible(), 'the pointer spot shows');
  assert.match(await spot.evaluate((e) => e.style.transform), /translate\(400px, 300px\)/);

  // The link opens in presenter mode, in another lab too.
  const url = page.url();
  const other = await browser.context.newPage();
  await other.goto(`${srv.base}?lab=trees&present=1`);
  await other.getByTestId('lab-trees').waitFor({ timeout: 15000 });
  assert.equal(await rootAttr(other, 'data-present'), '');
  await other.close();

  // F: the panel under the pointer full-screen (a real key press: the browser asks for one),
  // F again (or Esc) to leave.
  await page.getByTestId('epochs-chart').scrollIntoViewIfNeeded();
  const box = await page.getByTestId('epochs-chart').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('body').focus();
  await page.keyboard.press('f');
  assert.ok(await waitFor(() => page.evaluate(() => document.fullscreenElement?.classList.contains('panel')), 3000), 'F puts the panel full-screen');
  assert.ok(await page.evaluate(() => document.fullscreenElement.contains(document.querySelector('[data-testid="epochs-chart"]'))), 'the one under the pointer');
  await page.keyboard.press('f');
  assert.ok(await waitFor(() => page.evaluate(() => document.fullscreenElement === null), 3000), 'F again leaves');

  // ? brings the list of every key into view (the footer's line, marked and focused); Esc unmarks it.
  const keys = page.getByTestId('keys');
  assert.equal(await keys.getAttribute('data-shown'), null);
  await page.keyboard.press('Shift+Slash');
  assert.ok(await waitFor(async () => (await keys.getAttribute('data-shown')) === '', 3000), '? shows the list of keys');
  assert.match(await keys.innerText(), /P presenter mode/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'keys', 'the focus moves to the list');
  assert.equal(await page.getByTestId('shortcuts').getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('Escape');
  assert.ok(await waitFor(async () => (await keys.getAttribute('data-shown')) === null, 3000), 'Esc unmarks it');

  // The README's picture: presenter mode on a 1920 × 1080 projector, training, the spot on the chart.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(url);
  await page.getByTestId('lab-overfitting').waitFor();
  await page.getByTestId('play').click();
  await sleep(2500);
  const chart = await page.getByTestId('epochs-chart').boundingBox();
  await page.mouse.move(chart.x + chart.width * 0.6, chart.y + chart.height * 0.4);
  await page.screenshot({ path: path.join(ROOT, 'docs', 'presenter.png') });
  // Presenter mode off again by its button.
  await page.getByTestId('present').click();
  assert.equal(await rootAttr(page, 'data-present'), null);
  assert.deepEqual(problems.errors, []);
});
