// The CNN lab's kernel explorer as a learner uses it: the default Sobel kernel on a 3, the output
// size and its formula, the arithmetic of a cell adding up to the cell, padding and stride
// changing the map (with the fit warning), typed weights (a custom kernel in the address, bad
// values refused), the keyboard moving the selected cell, pooling, Hebrew, and a bad address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, waitFor, openLab } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);
const text = async (page, testid) => (await page.getByTestId(testid).innerText()).trim();
const side = async (page, testid) => Number(await page.getByTestId(testid).getAttribute('data-side'));
/** A printed number back to a number: "−" is a minus, brackets go. */
const num = (s) => Number.parseFloat(s.replace(/\u2212/g, '-').replace(/[()\s,]/g, ''));

/** Opens the lab's explorer page and waits for its feature map (the digits load after the page). */
async function open(query = '') {
  const { page, problems } = await openLab(browser, srv.base, 'cnn', `&part=kernel${query}`, 'kernel-explorer');
  await page.getByTestId('feature-map').waitFor({ timeout: 20000 });
  return { page, problems };
}

/** The written-out products of the selected cell, each "pixel×weight", as numbers. */
async function products(page) {
  const terms = await page.getByTestId('kernel-arithmetic').locator('.kx-term').allInnerTexts();
  return terms.map((t) => t.split('×').map(num));
}

/** Focuses a cell of the feature map and checks that its arithmetic adds up to it. */
async function checkCell(page, r, c, k) {
  const cell = page.getByTestId(`fm-cell-${r}-${c}`);
  await cell.focus();
  assert.ok(await waitFor(async () => (await text(page, 'kernel-arithmetic')).includes(`Row ${r + 1}, column ${c + 1}`), 3000),
    `the arithmetic follows the focused cell (${r}, ${c})`);
  const shown = await cell.innerText();
  assert.equal(await text(page, 'kernel-result'), shown.trim(), 'the sum written out is the value in the cell');
  const list = await products(page);
  assert.equal(list.length, k * k, `${k}² products`);
  // The printed factors are rounded (pixels to 2 decimals): their sum agrees to rounding.
  const sum = list.reduce((s, [px, w]) => s + px * w, 0);
  assert.ok(Math.abs(sum - num(shown)) < 0.12, `products add to ${sum}, the cell shows ${shown}`);
}

test('the default kernel on a 3: size 6, and a cell\'s multiply-and-add is its value', async () => {
  const { page, problems } = await open();
  assert.equal(await page.getByTestId('kernel').inputValue(), 'sobel-x');
  assert.equal(await page.getByTestId('image').inputValue(), '3');
  assert.match(await text(page, 'output-size'), /⌊\(8 \+ 2·0 − 3\)\/1⌋ \+ 1 = 6/);
  assert.equal(await side(page, 'feature-map'), 6);
  assert.equal(await page.getByTestId('feature-map').locator('[data-testid^="fm-cell-"]').count(), 36);
  assert.equal(await page.getByTestId('fit-warning').count(), 0, 'stride 1 ends exactly at the edge');
  assert.equal(await side(page, 'kernel-input'), 8, 'no padding: the 8 × 8 image itself');
  for (const [r, c] of [[2, 2], [1, 4], [3, 0], [5, 5]]) await checkCell(page, r, c, 3);
  // Some cell of a 3 lights up under an edge kernel (not an all-zero map).
  const values = (await page.getByTestId('feature-map').locator('[data-testid^="fm-cell-"]').allInnerTexts()).map(num);
  assert.ok(values.some((v) => Math.abs(v) > 0.5), `edges found: ${values}`);
  // Pooling (max, 2 × 2 by default): 6 → 3, and a pooled cell is the max of its window.
  assert.equal(await side(page, 'pooled-map'), 3);
  const pooled = page.getByTestId('pool-cell-1-1');
  await pooled.focus();
  assert.ok(await waitFor(async () => /Row 2, column 2/.test(await text(page, 'pool-arithmetic')), 3000));
  assert.match(await text(page, 'pool-arithmetic'), /max\(/);
  assert.equal(await text(page, 'pool-result'), (await pooled.innerText()).trim());
  await page.getByTestId('demo_pool').selectOption('average');
  assert.ok(await waitFor(() => param(page, 'demo_pool') === 'average', 3000));
  assert.ok(await waitFor(async () => /÷ 4 =/.test(await text(page, 'pool-arithmetic')), 3000), 'the mean: the sum ÷ 4');
  assert.equal(await text(page, 'pool-result'), (await page.getByTestId('pool-cell-1-1').innerText()).trim());
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('padding grows the map, a stride that does not fit warns', async () => {
  const { page, problems } = await open();
  await page.getByTestId('padding').fill('1');
  assert.ok(await waitFor(async () => (await side(page, 'feature-map')) === 8, 3000), 'padding 1 keeps 8 × 8');
  assert.ok(await waitFor(() => param(page, 'padding') === '1', 3000), 'padding in the address');
  assert.match(await text(page, 'output-size'), /⌊\(8 \+ 2·1 − 3\)\/1⌋ \+ 1 = 8/);
  assert.equal(await side(page, 'kernel-input'), 10, 'the padded image is 10 × 10');
  assert.ok((await page.getByTestId('kernel-input').locator('.kx-pad').count()) === 36, 'a ring of 36 padding cells');
  // A corner cell reads padding zeros, shown as 0.
  await checkCell(page, 0, 0, 3);
  const corner = await products(page);
  assert.equal(corner[0][0], 0, 'the top-left product is a padding zero');
  // Stride 2 without padding: ⌊(8 − 3)/2⌋ + 1 = 3, and one padded row and column never read.
  await page.getByTestId('padding').fill('0');
  await page.getByTestId('stride').fill('2');
  assert.ok(await waitFor(() => param(page, 'stride') === '2', 3000));
  assert.ok(await waitFor(async () => /= 3$/.test(await text(page, 'output-size')), 3000), await text(page, 'output-size'));
  assert.match(await text(page, 'output-size'), /⌊\(8 \+ 2·0 − 3\)\/2⌋ \+ 1 = 3/);
  assert.equal(await side(page, 'feature-map'), 3);
  assert.ok(await page.getByTestId('fit-warning').isVisible(), 'the fit warning shows');
  assert.match(await text(page, 'fit-warning'), /last padded row and column are never read/);
  assert.ok((await page.getByTestId('kernel-input').locator('.kx-unread').count()) > 0, 'the unread cells are marked');
  await checkCell(page, 2, 1, 3);
  // Stride 1 again: no warning.
  await page.getByTestId('stride').fill('1');
  assert.ok(await waitFor(async () => (await page.getByTestId('fit-warning').count()) === 0, 3000));
  assert.deepEqual(problems.errors, []);
});

test('a typed weight makes the kernel custom, in the address; a bad one is refused', async () => {
  const { page, problems } = await open();
  const w4 = page.getByTestId('weight-4');
  assert.equal(await w4.inputValue(), '0');
  await w4.fill('5');
  await w4.press('Tab');
  assert.ok(await waitFor(async () => (await page.getByTestId('kernel').inputValue()) === 'custom', 3000), 'the select says custom');
  assert.ok(await waitFor(() => param(page, 'kernel') === 'custom', 3000), page.url());
  assert.ok(await waitFor(() => param(page, 'weights') === '-1,0,1,-2,5,2,-1,0,1', 3000), `weights: ${param(page, 'weights')}`);
  assert.equal(await page.getByTestId('weight-error').count(), 0);
  await checkCell(page, 2, 2, 3);
  // 1000 is beyond ±100: refused, with a message, and the 5 stays.
  await w4.fill('1000');
  await w4.press('Tab');
  assert.ok(await waitFor(async () => (await page.getByTestId('weight-error').count()) === 1, 3000), 'a refusal shows');
  assert.match(await text(page, 'weight-error'), /between −100 and 100/);
  assert.equal(await w4.inputValue(), '5');
  assert.equal(param(page, 'weights'), '-1,0,1,-2,5,2,-1,0,1', 'the address keeps the kernel');
  // Not a number at all (a number box reports it as empty): refused too.
  await page.getByTestId('weight-2').evaluate((el) => {
    el.value = 'abc';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  assert.ok(await waitFor(async () => /It stays 1\./.test(await text(page, 'weight-error')), 3000), await text(page, 'weight-error'));
  assert.equal(await page.getByTestId('weight-2').inputValue(), '1');
  assert.equal(param(page, 'weights'), '-1,0,1,-2,5,2,-1,0,1');
  // Choosing a named kernel brings its weights back, and the message goes.
  await page.getByTestId('kernel').selectOption('box-blur');
  assert.ok(await waitFor(() => param(page, 'kernel') === 'box-blur', 3000));
  assert.equal(await page.getByTestId('weight-0').inputValue(), '0.1111');
  assert.equal(await page.getByTestId('weight-error').count(), 0);
  // 5 × 5: the grid grows to 25 boxes and the map shrinks to 4.
  await page.getByTestId('kernel').selectOption('gaussian-blur-5');
  assert.ok(await waitFor(async () => (await side(page, 'feature-map')) === 4, 3000));
  assert.equal(await page.getByTestId('kernel-weights').locator('input').count(), 25);
  await checkCell(page, 1, 2, 5);
  assert.deepEqual(problems.errors, []);
});

test('the arrow keys move the selected cell, and the window and arithmetic follow', async () => {
  const { page, problems } = await open();
  await page.getByTestId('fm-cell-0-0').focus();
  assert.ok(await waitFor(async () => /Row 1, column 1/.test(await text(page, 'kernel-arithmetic')), 3000));
  const before = await text(page, 'kernel-arithmetic');
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.testid);
  await page.keyboard.press('ArrowRight');
  assert.ok(await waitFor(async () => (await focused()) === 'fm-cell-0-1', 3000), 'the focus moved right');
  assert.equal(await page.getByTestId('fm-cell-0-1').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('fm-cell-0-0').getAttribute('aria-selected'), 'false');
  assert.ok(await waitFor(async () => /Row 1, column 2/.test(await text(page, 'kernel-arithmetic')), 3000));
  assert.notEqual(await text(page, 'kernel-arithmetic'), before, 'the arithmetic changed');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.ok(await waitFor(async () => (await focused()) === 'fm-cell-2-1', 3000), 'two rows down');
  assert.equal(await text(page, 'kernel-result'), (await page.getByTestId('fm-cell-2-1').innerText()).trim());
  // One tab stop for the map: only the selected cell is in the tab order.
  assert.equal(await page.getByTestId('feature-map').locator('[tabindex="0"]').count(), 1);
  // Pointing at a cell selects it too.
  await page.getByTestId('fm-cell-4-3').hover();
  assert.ok(await waitFor(async () => /Row 5, column 4/.test(await text(page, 'kernel-arithmetic')), 3000));
  assert.deepEqual(problems.errors, []);
});

test('Hebrew: right to left, the explorer in Hebrew, its pictures still left to right', async () => {
  const { page, problems } = await open('&lang=he');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await page.getByTestId('kernel-explorer').locator('h2').first().innerText(), /גרעין/);
  assert.match(await text(page, 'output-size'), /מפת המאפיינים/);
  assert.equal(await page.getByTestId('feature-map').getAttribute('dir'), 'ltr');
  assert.equal(await page.getByTestId('kernel-input').getAttribute('dir'), 'ltr');
  await page.getByTestId('fm-cell-1-1').focus();
  assert.ok(await waitFor(async () => /שורה 2, עמודה 2/.test(await text(page, 'kernel-arithmetic')), 3000));
  assert.equal(await text(page, 'kernel-result'), (await page.getByTestId('fm-cell-1-1').innerText()).trim());
  assert.deepEqual(problems.errors, []);
});

test('a bad kernel in the address shows the notice and keeps the default kernel', async () => {
  const { page, problems } = await open('&kernel=bogus');
  assert.match(await page.getByTestId('notice').innerText(), /kernel=bogus/);
  assert.equal(await page.getByTestId('kernel').inputValue(), 'sobel-x');
  assert.equal(await side(page, 'feature-map'), 6);
  assert.deepEqual(problems.errors, []);
});
