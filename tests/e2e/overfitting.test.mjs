// The Overfitting lab as a learner uses it: the degree moves both curves and the address, the
// U-curve names the regime, early stopping fires and restores, the search heatmap fills in and
// the test set is used once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, openLab, checkTransport, sleep } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);

const open = (query = '') => openLab(browser, srv.base, 'overfitting', query);

test('moving the degree changes the fitted curve, the U-curve marker and the address', async () => {
  const { page, problems } = await open('&function=sine&points=30&noise=20&seed=1');
  const fit0 = await canvasFingerprint(page, 'fit-plot');
  const u0 = await canvasFingerprint(page, 'ucurve');
  assert.ok(fit0.painted > 0 && u0.painted > 0);
  await page.getByTestId('degree').fill('0');
  assert.ok(await waitFor(() => param(page, 'degree') === '0', 3000));
  assert.equal(await page.getByTestId('regime').getAttribute('data-regime'), 'underfitting');
  const fit1 = await canvasFingerprint(page, 'fit-plot');
  const u1 = await canvasFingerprint(page, 'ucurve');
  assert.notEqual(fit1.sum, fit0.sum, 'fitted curve moved');
  assert.notEqual(u1.sum, u0.sum, 'U-curve marker moved');
  await page.getByTestId('degree').fill('20');
  assert.ok(await waitFor(() => param(page, 'degree') === '20', 3000));
  assert.equal(await page.getByTestId('regime').getAttribute('data-regime'), 'overfitting');
  const train = await number(page, 'mse-train');
  const val = await number(page, 'mse-val');
  assert.ok(val > train, `overfit: validation ${val} > training ${train}`);
  const best = await number(page, 'best-degree');
  await page.getByTestId('degree').fill(String(best));
  assert.ok(await waitFor(async () => (await page.getByTestId('regime').getAttribute('data-regime')) === 'aboutright', 3000));
  // More points shrink the overfitting gap at degree 12.
  await page.getByTestId('degree').fill('12');
  await waitFor(() => param(page, 'degree') === '12', 3000);
  const gapFew = (await number(page, 'mse-val')) - (await number(page, 'mse-train'));
  await page.getByTestId('points').fill('400');
  assert.ok(await waitFor(() => param(page, 'points') === '400', 3000));
  const gapMany = (await number(page, 'mse-val')) - (await number(page, 'mse-train'));
  assert.ok(gapMany < gapFew, `gap shrinks with more points: ${gapFew} -> ${gapMany}`);
  await page.reload();
  await page.getByTestId('lab-overfitting').waitFor();
  assert.equal(await page.getByTestId('degree').inputValue(), '12');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('training over epochs stops early and restores the best weights', async () => {
  const { page, problems } = await open('&function=sine&points=20&noise=30&patience=20&seed=2');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await page.getByTestId('stop-note').innerText()).length > 0, 20000), 'early stopping fired');
  const epoch = await number(page, 'epoch');
  const best = await number(page, 'best-epoch');
  assert.ok(epoch >= best + 20, `stopped at ${epoch}, best ${best}, patience 20`);
  const net0 = await canvasFingerprint(page, 'net-plot');
  await page.getByTestId('restore-best').click();
  assert.match(await page.getByTestId('stop-note').innerText(), new RegExp(String(best)));
  const net1 = await canvasFingerprint(page, 'net-plot');
  assert.notEqual(net1.sum, net0.sum, 'the restored network draws another curve');
  assert.deepEqual(problems.errors, []);
});

test('the search heatmap fills in, and the test set is used once', async () => {
  const { page, problems } = await open('&function=cubic&points=60&noise=20&search=grid&folds=0');
  const empty = await canvasFingerprint(page, 'search-heatmap');
  await page.getByTestId('search-start').click();
  const mid = await waitFor(async () => {
    const t = await page.getByTestId('search-progress').innerText();
    const [done, total] = t.split('/').map((x) => Number.parseInt(x, 10));
    return done > 0 && done < total ? t : null;
  }, 5000, 20);
  assert.ok(mid, 'progress visible while filling');
  assert.ok(await waitFor(async () => /168 \/ 168/.test(await page.getByTestId('search-progress').innerText()), 20000));
  const full = await canvasFingerprint(page, 'search-heatmap');
  assert.notEqual(full.sum, empty.sum);
  assert.match(await page.getByTestId('search-best').innerText(), /degree \d+/);
  await page.getByTestId('search-test').click();
  assert.match(await page.getByTestId('search-test-result').innerText(), /Test error/);
  assert.equal(await page.getByTestId('search-test').isDisabled(), true, 'only once');
  // k-fold: folds shown.
  await page.getByTestId('folds').fill('5');
  assert.ok(await waitFor(() => param(page, 'folds') === '5', 3000));
  await page.getByTestId('search-start').click();
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'folds-strip')).painted > 0, 5000));
  assert.deepEqual(problems.errors, []);
});

test('the transport\'s Play trains the network and R on a Hebrew keyboard resets it', async () => {
  const { page, problems } = await open();
  await checkTransport(page, 'epoch', 'epochs-chart');
  assert.deepEqual(problems.errors, []);
});

test('the U-curve\'s axis shows the U: neither a 10⁻⁶ training error nor a blown-up degree stretches it', async () => {
  for (const degree of [1, 20]) {
    const { page, problems } = await open(`&degree=${degree}`);
    assert.ok(await waitFor(async () => (await page.getByTestId('ucurve').getAttribute('data-y-range')) !== null, 5000));
    const [lo, hi] = (await page.getByTestId('ucurve').getAttribute('data-y-range')).split(' ').map(Number);
    const decades = Math.log10(hi / lo);
    console.log(`# overfitting: U-curve axis ${lo.toPrecision(3)} … ${hi.toPrecision(3)} (${decades.toFixed(1)} decades) at degree ${degree}`);
    // Before the floor and the cap it ran from 1e-6 to past 100: eight decades, the U a flat line.
    assert.ok(lo > 1e-5 && decades <= 5 && decades >= 1, `axis ${lo} … ${hi}`);
    assert.deepEqual(problems.errors, []);
  }
});
