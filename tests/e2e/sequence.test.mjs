// The sequence lab as a learner uses it: the default LSTM beats "repeat the last value" on the
// noisy sine within 15 s of Play at ≥ 50 fps; the recall task shows the memory and the gates
// at work and the gradient through time; two cells race; the text is continued; every setting
// lives in the address, a bad link shows the notice, a setting core refuses is named, the
// one-time test, divergence, and Hebrew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'sequence', query);
const param = (page, name) => new URL(page.url()).searchParams.get(name);

test('Play: the default LSTM forecasts the sine better than repeating the last value within 15 s, at ≥ 50 fps', async () => {
  const { page, problems } = await open();
  await page.getByTestId('epoch').waitFor();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) === 0, 3000), 'R starts again');
  const baseline = await number(page, 'baseline');
  assert.ok(baseline > 0, `the baseline is printed (${baseline})`);
  const result = await page.evaluate((base) => new Promise((resolve) => {
    const stamps = [];
    let reached = null;
    const t0 = performance.now();
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const mse = Number.parseFloat(document.querySelector('[data-testid="val-mse"]').textContent);
      if (reached === null && mse < base) reached = { ms: t - t0, epoch: document.querySelector('[data-testid="epoch"]').textContent, mse };
      if ((t - t0 < 8000 || reached === null) && t - t0 < 15000) requestAnimationFrame(tick);
      else resolve({ reached, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }), baseline);
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  console.log(`# sequence lab, default LSTM on the sine: validation MSE below repeat-last (${baseline}) after ${result.reached ? `${(result.reached.ms / 1000).toFixed(1)} s (epoch ${result.reached.epoch}, MSE ${result.reached.mse})` : 'never'}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms`);
  assert.ok(result.reached && result.reached.ms <= 15000, 'validation MSE below the baseline within 15 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.match(await page.getByTestId('baseline-verdict').innerText(), /forecasts better than repeating the last value/);
  assert.ok((await canvasFingerprint(page, 'forecast-chart')).painted > 0, 'the forecast is drawn');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('recall: the example, the memory heatmap and the gates change as it learns; the gradient through time', async () => {
  const { page, problems } = await open('&task=recall&delay=10&speed=batch');
  await page.getByTestId('epoch').waitFor();
  await page.getByTestId('reset').click();
  await sleep(300);
  const strip = await page.getByTestId('example-strip').locator('li').allInnerTexts();
  assert.equal(strip.length, 11, 'the symbol and 10 steps of delay');
  assert.match(strip.join(''), /^[A-D]~{10}$/, 'the symbol, then noise');
  assert.match(await page.getByTestId('example-answer').innerText(), /answers [A-D] \(\d+\.\d%\); the right answer is [A-D]/);
  assert.match(await page.getByTestId('gradient-reach').innerText(), /Train a mini-batch/);
  const heat0 = await canvasFingerprint(page, 'state-heatmap');
  const gate0 = await canvasFingerprint(page, 'gate-0');
  assert.ok(heat0.painted > 0 && gate0.painted > 0, 'state and forget gate drawn before training');
  await page.getByTestId('step').click();
  assert.equal(await number(page, 'batches'), 1, 'one mini-batch');
  assert.ok(await waitFor(async () => /The first step receives/.test(await page.getByTestId('gradient-reach').innerText()), 3000));
  assert.ok((await canvasFingerprint(page, 'gradient-chart')).painted > 0);
  // The unrolled network: the keyboard picks a step and the line under it says what reaches it.
  const unrolled0 = await canvasFingerprint(page, 'unrolled');
  assert.ok(unrolled0.painted > 0, 'the unrolled network is drawn');
  await page.getByTestId('unrolled').focus();
  await page.keyboard.press('ArrowRight');
  assert.ok(await waitFor(async () => /^Step 1 of 11: its input passes through 11 copies of the cell on its way to the answer, and \S+ of the error/.test(await page.getByTestId('unrolled-hover').innerText()), 2000));
  await page.keyboard.press('End');
  assert.match(await page.getByTestId('unrolled-hover').innerText(), /^Step 11 of 11: its input passes through 1 copy of the cell/);
  assert.notEqual((await canvasFingerprint(page, 'unrolled')).sum, unrolled0.sum, 'the chosen path is outlined');
  await page.keyboard.press('Escape');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'acc-val')) >= 95, 30000), 'the LSTM recalls the symbol after 10 steps');
  assert.ok((await canvasFingerprint(page, 'norm-chart')).painted > 0, 'the largest gradient per epoch is drawn');
  await page.getByTestId('play').click();
  await sleep(400);
  assert.notEqual((await canvasFingerprint(page, 'state-heatmap')).sum, heat0.sum, 'the memory changed');
  assert.notEqual((await canvasFingerprint(page, 'gate-0')).sum, gate0.sum, 'the forget gate changed');
  // Another example: the address, the strip.
  await page.getByTestId('example').fill('3');
  assert.ok(await waitFor(async () => param(page, 'example') === '3', 2000));
  // The classic experiment: delay 30, a plain RNN racing, its settings in the address.
  await page.getByTestId('classic').click();
  assert.ok(await waitFor(async () => param(page, 'delay') === '30' && param(page, 'vs') === 'rnn' && param(page, 'lr') === '0.003', 2000));
  await page.getByTestId('play').click();
  // A plain RNN has no gates, and says so.
  await page.getByTestId('cell').selectOption('rnn');
  assert.ok(await waitFor(async () => page.getByTestId('no-gates').isVisible(), 3000));
  assert.equal(await page.getByTestId('gate-0').count(), 0);
  assert.deepEqual(problems.errors, []);
});

test('two cells race on one chart; the text is continued, and a typed start too', async () => {
  const { page, problems } = await open('&vs=rnn&speed=max&epochs=5');
  assert.equal(await page.getByTestId('vs').inputValue(), 'rnn');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000), 'both stop at 5 epochs');
  assert.equal(await number(page, 'epoch'), 5);
  assert.ok((await canvasFingerprint(page, 'loss-chart')).painted > 0);

  const { page: text } = await open('&task=text&length=12&hidden=32&speed=max&epochs=15');
  assert.ok(await waitFor(async () => (await text.getByTestId('play').getAttribute('aria-pressed')) === 'false', 30000), 'trained 15 epochs');
  const cont = await text.getByTestId('continuation').innerText();
  console.log(`# sequence lab, text: ${cont}`);
  assert.match(cont, /little star/, 'after "twinkle " it writes the rhyme on');
  await text.getByTestId('prompt').fill('up above the ');
  assert.ok(await waitFor(async () => /world/.test(await text.getByTestId('continuation').innerText()), 3000), 'a typed start is continued');
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address; a bad link and a refused setting are explained', async () => {
  const query = '&task=two-sines&length=12&noise=0.2&examples=500&data=4&cell=gru&hidden=24&layers=2&optimizer=rmsprop&lr=0.003'
    + '&batch=16&clip=5&train=70&val=15&split=3&seed=9&epochs=200&vs=lstm&example=2&speed=fast';
  const { page, problems } = await open(query);
  await page.getByTestId('epoch').waitFor();
  for (const [id, value] of [['length', '12'], ['noise', '0.2'], ['examples', '500'], ['hidden', '24'], ['layers', '2'], ['lr', '0.003'], ['batch', '16'], ['clip', '5'], ['epochs', '200'], ['example', '2']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['task', 'two-sines'], ['cell', 'gru'], ['optimizer', 'rmsprop'], ['vs', 'lstm'], ['speed', 'fast'], ['seed', '9']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  assert.match(await page.getByTestId('split-counts').innerText(), /350.*75.*75/);
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  await page.getByTestId('hidden').fill('40');
  assert.ok(await waitFor(async () => param(page, 'hidden') === '40', 2000));
  await page.reload();
  await page.getByTestId('lab-sequence').waitFor();
  assert.equal(await page.getByTestId('hidden-value').innerText(), '40');

  const { page: bad } = await open('&cell=transformer&delay=99&lr=banana&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['cell', 'delay', 'lr']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await number(bad, 'epoch')) >= 1, 10000), 'trains with the defaults');

  // Counting allows at most 20 bits; a link asking for 30 is told why nothing trains.
  const { page: refused } = await open('&task=count&length=30');
  await refused.getByTestId('model-error').waitFor({ timeout: 5000 });
  assert.match(await refused.getByTestId('model-error').innerText(), /The sequence length must be between 2 and 20 \(got 30\)/);
  assert.equal(await refused.getByTestId('length').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems.errors, []);
});

test('the test set once, spent by a change; divergence explained, never a NaN', async () => {
  const { page, problems } = await open('&speed=max&epochs=3');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 15000));
  await page.getByTestId('test-eval').click();
  assert.match(await page.getByTestId('test-result').innerText(), /Test after epoch 3: loss \d/);
  await page.getByTestId('lr').fill('6');
  assert.ok(await waitFor(async () => page.getByTestId('test-spent').isVisible(), 2000), 'a new learning rate spends the test');

  const { page: wild } = await open('&cell=rnn&hidden=64&layers=2&optimizer=sgd&lr=10&clip=0&noise=1&speed=max&epochs=0');
  assert.ok(await waitFor(async () => wild.getByTestId('diverged').isVisible(), 20000), 'SGD at lr 10 without clipping diverges');
  for (const id of ['val-mse', 'baseline']) assert.doesNotMatch(await wild.getByTestId(id).innerText(), /NaN|inf/i);
  await wild.getByTestId('fix-divergence').click();
  assert.ok(await waitFor(async () => param(wild, 'lr') === '1', 2000), 'two steps lower');
  assert.deepEqual(problems.errors, []);
});

test('the concept card opens the classic experiment: LSTM against a plain RNN, delay 30', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(srv.base);
  await page.getByTestId('home').waitFor();
  await page.getByTestId('concept-17').getByRole('link').click();
  await page.getByTestId('lab-sequence').waitFor();
  assert.equal(param(page, 'delay'), '30');
  assert.equal(await page.getByTestId('vs').inputValue(), 'rnn');
  assert.equal(await page.getByTestId('task').inputValue(), 'recall');
  assert.equal(await page.getByTestId('lr-value').innerText(), '0.003');
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) >= 1, 15000), 'it trains at once');
  assert.deepEqual(problems.errors, []);
});

test('Hebrew: right to left, translated, the plots left to right', async () => {
  const { page, problems } = await open('&lang=he&task=recall');
  await page.getByTestId('epoch').waitFor();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await page.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.match(await page.getByTestId('task-about').innerText(), /[\u0590-\u05FF]/);
  assert.match(await page.getByTestId('example-answer').innerText(), /[\u0590-\u05FF]/);
  assert.equal(await page.getByTestId('example-strip').getAttribute('dir'), 'ltr');
  assert.deepEqual(problems.errors, []);
});
