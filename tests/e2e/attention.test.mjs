// The attention lab as a learner uses it: the default transformer learns to reverse 8 numbers
// (≥ 95 % of validation questions entirely right) within 60 s of Play at ≥ 50 fps; every head's
// attention is drawn and sharpens; a query's scores and softmax in numbers; why position
// matters; every setting lives in the address, a bad link shows the notice, a setting core
// refuses is named, the one-time test, and Hebrew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'attention', query);
const param = (page, name) => new URL(page.url()).searchParams.get(name);

test('Play: reverse-8 reaches 95 % of questions entirely right within 60 s, at ≥ 50 fps', async () => {
  const { page, problems } = await open();
  await page.getByTestId('epoch').waitFor();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) === 0, 3000), 'R starts again');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const stamps = [];
    let reached = null;
    const t0 = performance.now();
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const acc = Number.parseFloat(document.querySelector('[data-testid="acc-val"]').textContent);
      if (reached === null && acc >= 95) reached = { ms: t - t0, epoch: document.querySelector('[data-testid="epoch"]').textContent, acc };
      if ((t - t0 < 8000 || reached === null) && t - t0 < 60000) requestAnimationFrame(tick);
      else resolve({ reached, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }));
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  console.log(`# attention lab, reverse-8: 95 % of validation questions entirely right after ${result.reached ? `${(result.reached.ms / 1000).toFixed(1)} s (epoch ${result.reached.epoch}, ${result.reached.acc} %)` : 'never'}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms`);
  assert.ok(result.reached && result.reached.ms <= 60000, 'reverse-8 learned within 60 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.match(await page.getByTestId('example-answer').innerText(), /It answers .*; the right answers are .* \(\d of 8 right\)/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('every head is drawn and sharpens; a query in numbers; the mask makes triangles', async () => {
  const { page, problems } = await open('&speed=batch&query=8');
  await page.getByTestId('epoch').waitFor();
  await page.getByTestId('reset').click();
  await sleep(300);
  for (const id of ['head-0-0', 'head-0-1', 'head-1-0', 'head-1-1']) assert.ok((await canvasFingerprint(page, id)).painted > 0, `${id} drawn`);
  const h0 = await canvasFingerprint(page, 'head-0-0');
  assert.match(await page.getByTestId('query-title').innerText(), /^Position 8 \(_\), layer 1, head 1/);
  const weights = await page.getByTestId('query-table').locator('tbody tr td:nth-child(4)').allInnerTexts();
  assert.equal(weights.length, 16, 'one row per key');
  const sum = weights.map((w) => Number.parseFloat(w)).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 100) < 1, `the softmax sums to 100 % (${sum})`);
  // Each key's value (a head of width 16: its first 4 numbers) and what the head passes on.
  const values = await page.getByTestId('query-table').locator('tbody tr td:nth-child(5)').allInnerTexts();
  assert.ok(values.every((v) => /^(−?\d+\.\d\d ){4}…$/.test(v)), values[0]);
  assert.match(await page.getByTestId('gathered').innerText(), /^(−?\d+\.\d\d ){4}…$/);
  await page.getByTestId('head-1-1').click();
  assert.match(await page.getByTestId('query-title').innerText(), /layer 2, head 2/);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) >= 4, 30000));
  await page.getByTestId('play').click();
  await sleep(400);
  assert.notEqual((await canvasFingerprint(page, 'head-0-0')).sum, h0.sum, 'the attention changed');
  for (let k = 0; k < 6; k++) assert.ok((await canvasFingerprint(page, `stage-${k}`)).painted > 0, `stage ${k} drawn`);
  // The mask: keys after the query are hidden.
  await page.getByTestId('causal').check();
  assert.ok(await waitFor(async () => param(page, 'causal') === 'true', 2000));
  await page.getByTestId('query').fill('3');
  assert.ok(await waitFor(async () => /hidden by the mask/.test(await page.getByTestId('query-table').innerText()), 3000), 'later keys masked');
  assert.deepEqual(problems.errors, []);
});

test('why position matters: the buttons set up each experiment', async () => {
  const { page, problems } = await open();
  await page.getByTestId('epoch').waitFor();
  assert.match(await page.getByTestId('position-measured').innerText(), /0\.0 %/);
  await page.getByTestId('try-none').click();
  assert.ok(await waitFor(async () => param(page, 'position') === 'none' && param(page, 'causal') === 'false', 2000));
  await page.getByTestId('try-mask').click();
  assert.ok(await waitFor(async () => param(page, 'causal') === 'true', 2000));
  await page.getByTestId('try-learned').click();
  assert.ok(await waitFor(async () => param(page, 'position') === 'learned' && param(page, 'causal') === 'false', 2000));
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address; a bad link and a refused setting are explained', async () => {
  const query = '&task=sort&length=6&examples=2000&data=3&layers=1&heads=4&width=48&position=sinusoidal&causal=true&optimizer=adamw'
    + '&lr=0.01&batch=16&clip=5&train=70&val=15&split=2&seed=9&epochs=200&example=2&query=7&speed=fast';
  const { page, problems } = await open(query);
  await page.getByTestId('epoch').waitFor();
  for (const [id, value] of [['length', '6'], ['examples', '2000'], ['layers', '1'], ['heads', '4'], ['width', '48'], ['lr', '0.01'], ['batch', '16'], ['clip', '5'], ['epochs', '200'], ['example', '2'], ['query', '7']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['task', 'sort'], ['position', 'sinusoidal'], ['optimizer', 'adamw'], ['speed', 'fast'], ['seed', '9']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  assert.equal(await page.getByTestId('causal').isChecked(), true);
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  const { page: bad } = await open('&task=translate&heads=9&lr=banana&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['task', 'heads', 'lr']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await number(bad, 'epoch')) >= 1, 15000), 'trains with the defaults');
  // Three heads cannot share a width of 32.
  const { page: refused } = await open('&heads=3');
  await refused.getByTestId('model-error').waitFor({ timeout: 5000 });
  assert.match(await refused.getByTestId('model-error').innerText(), /The number of heads cannot be used with the other settings/);
  assert.equal(await refused.getByTestId('heads').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems.errors, []);
});

test('the test set once; the concept card; Hebrew right to left', async () => {
  const { page, problems } = await open('&speed=max&epochs=3');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000));
  await page.getByTestId('test-eval').click();
  assert.match(await page.getByTestId('test-result').innerText(), /Test after epoch 3: loss \d/);
  const { page: home } = await openPage(browser.context, srv.base);
  await home.goto(srv.base);
  await home.getByTestId('home').waitFor();
  await home.getByTestId('concept-16').getByRole('link').click();
  await home.getByTestId('lab-attention').waitFor();
  assert.equal(param(home, 'task'), 'reverse');
  const { page: he } = await open('&lang=he');
  await he.getByTestId('epoch').waitFor();
  assert.equal(await he.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await he.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.match(await he.getByTestId('task-about').innerText(), /[\u0590-\u05FF]/);
  assert.equal(await he.getByTestId('example-tokens').getAttribute('dir'), 'ltr');
  assert.deepEqual(problems.errors, []);
});
