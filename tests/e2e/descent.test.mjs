// The Gradient descent lab: the race animates, every learning rate gets its word (crawling,
// oscillating, diverged, converged), the address round-trips, and the fair race tunes first.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, openLab, checkTransport, sleep } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);

const open = (query = '') => openLab(browser, srv.base, 'descent', query);

test('the race animates on the surface and names each learning rate', async () => {
  // κ = 20 bowl: y shrinks by |1 − 20η| per step, so η must stay below 2/κ = 0.1; at 0.099 it
  // flips sign with factor 0.98 (0.98^100 ≈ 0.13 left after 100 steps), at 0.12 it grows 1.4×.
  const { page, problems } = await open('&surface=bowl&condition=20&race=sgd:0.0003,sgd:0.05,sgd:0.099,sgd:0.12&steps=100');
  // No verdict before the race has run the path it judges.
  assert.equal(await page.getByTestId('racer-0-verdict').innerText(), 'racing…');
  const before = await canvasFingerprint(page, 'surface-plot');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'step-count')) > 20, 5000), 'steps advance');
  const after = await canvasFingerprint(page, 'surface-plot');
  assert.notEqual(after.sum, before.sum, 'paths drawn');
  assert.ok(await waitFor(async () => (await number(page, 'step-count')) === 100, 10000), 'the race reaches its end');
  assert.equal(await page.getByTestId('racer-0-verdict').innerText(), 'crawling: step too small');
  assert.equal(await page.getByTestId('racer-1-verdict').innerText(), 'converged');
  assert.equal(await page.getByTestId('racer-2-verdict').innerText(), 'oscillating: step too large');
  assert.equal(await page.getByTestId('racer-3-verdict').innerText(), 'diverged');
  assert.ok((await canvasFingerprint(page, 'race-chart')).painted > 0);
  assert.ok((await canvasFingerprint(page, 'slice')).painted > 0);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('racers and the surface live in the address; clicking sets the start', async () => {
  const { page, problems } = await open('&surface=rosenbrock');
  await page.getByTestId('racer-0-opt').selectOption('lion');
  assert.ok(await waitFor(() => (param(page, 'race') ?? '').startsWith('lion:'), 3000), param(page, 'race'));
  await page.getByTestId('add-racer').click();
  assert.ok(await waitFor(() => (param(page, 'race') ?? '').split(',').length === 4, 3000));
  await page.getByTestId('surface-plot').click({ position: { x: 40, y: 40 } });
  assert.ok(await waitFor(() => (param(page, 'start') ?? '').includes(','), 3000));
  const url = page.url();
  await page.reload();
  await page.getByTestId('lab-descent').waitFor();
  assert.equal(page.url(), url);
  assert.equal(await page.getByTestId('racer-0-opt').inputValue(), 'lion');
  assert.equal(await page.getByTestId('racers').locator('li').count(), 4);
  assert.deepEqual(problems.errors, []);
});

test('mini-batches on the regression surface, and the fair race', async () => {
  const { page, problems } = await open('&surface=linreg&batch=4&race=sgd:0.05,adam:0.05');
  assert.ok((await canvasFingerprint(page, 'surface-plot')).painted > 0);
  await page.getByTestId('fair-start').click();
  // 2 optimizers × at least 6 rates × 5 seeds, one run per frame; the total grows when a best
  // rate sits on the edge of its range, so wait until the runs done reach the total shown.
  const progress = async () => {
    const m = /(\d+)\s*\/\s*(\d+)/.exec(await page.getByTestId('fair-progress').innerText());
    return m ? { done: Number(m[1]), total: Number(m[2]) } : null;
  };
  assert.ok(await waitFor(async () => {
    const p = await progress();
    return p !== null && p.total >= 60 && p.done === p.total;
  }, 60000), `sweep finished: ${JSON.stringify(await progress())}`);
  assert.match((await page.getByTestId('fair-summary').innerText()).trim(),
    /^After tuning, (.+ wins at learning rate .+ over 5 seeds, ahead of .+ by more than the spread|.+ are within the spread of each other: no winner)\.$/);
  const table = page.getByTestId('fair-table');
  assert.equal(await table.locator('td.best').count(), 2, 'one best rate per optimizer');
  assert.ok(await table.locator('td', { hasText: '±' }).count() >= 1, 'cells show mean ± sd');
  assert.deepEqual(problems.errors, []);
});

test('a racer\'s second hyperparameter is editable and kept in the address', async () => {
  const { page, problems } = await open('&surface=ravine&race=momentum:0.01,sgd:0.01');
  assert.equal(await page.getByTestId('racer-1-second').count(), 0, 'plain SGD has none');
  const before = await page.getByTestId('racer-0-verdict').innerText();
  await page.getByTestId('racer-0-second').fill('0');
  assert.ok(await waitFor(() => param(page, 'race') === 'momentum:0.01:0,sgd:0.01', 3000), param(page, 'race'));
  await page.reload();
  await page.getByTestId('lab-descent').waitFor();
  assert.equal(await page.getByTestId('racer-0-second').inputValue(), '0');
  assert.ok(before.length > 0);
  assert.deepEqual(problems.errors, []);
});

test('the transport\'s Play animates the race and R on a Hebrew keyboard resets it', async () => {
  const { page, problems } = await open('&surface=rosenbrock&steps=2000');
  await checkTransport(page, 'step-count', 'surface-plot');
  assert.deepEqual(problems.errors, []);
});

test('the slice follows its racer to the minimum: zoomed in, the point in the middle, never lost', async () => {
  const { page, problems } = await open('&surface=bowl&condition=20&race=sgd:0.05&steps=200');
  const view = async () => {
    const [xLo, xHi, lo, hi] = (await page.getByTestId('slice').getAttribute('data-view')).split(' ').map(Number);
    const [x, y] = (await page.getByTestId('slice').getAttribute('data-point')).split(' ').map(Number);
    return { xLo, xHi, lo, hi, x, y };
  };
  assert.ok(await waitFor(async () => (await page.getByTestId('slice').getAttribute('data-view')) !== null, 5000));
  const start = await view();
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'step-count')) === 200, 15000), 'the race reaches its end');
  assert.equal(await page.getByTestId('racer-0-verdict').innerText(), 'converged');
  const end = await view();
  console.log(`# descent: slice width ${(start.xHi - start.xLo).toPrecision(3)} at the start, ${(end.xHi - end.xLo).toPrecision(3)} at convergence`);
  assert.ok(end.xHi - end.xLo < (start.xHi - start.xLo) / 4, 'the slice zooms in as the racer settles');
  const across = (end.x - end.xLo) / (end.xHi - end.xLo);
  assert.ok(across > 0.3 && across < 0.7, `the point sits ${(100 * across).toFixed(0)}% across the slice`);
  assert.ok(end.y >= end.lo && end.y <= end.hi, `the point's loss ${end.y} is inside the view ${end.lo} … ${end.hi}`);
  assert.deepEqual(problems.errors, []);
});
