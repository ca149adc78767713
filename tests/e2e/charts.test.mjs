// What a reader does with any chart, through its menu in the chart's corner: saves the picture
// (PNG), the numbers (CSV) and the lab's model (JSON) under names that say the lab, the settings
// and the seed; pins a run as A and sees the next run drawn over it (A/B); and reads the chart as
// text — its label says the current values, in the page's language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launch, openLab, waitFor, number, sleep, canvasFingerprint } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** An item of `chart`'s menu (each chart has its own menu, in the row after its canvas). */
const item = (page, chart, name) => page.locator(`[data-testid="${chart}"] + .chart-tools`).getByTestId(`chart-${name}`);

/** Opens `chart`'s menu and clicks `name`; returns the download it starts. */
async function download(page, chart, name) {
  await page.getByTestId(`${chart}-menu`).click();
  const [file] = await Promise.all([page.waitForEvent('download'), item(page, chart, name).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

/** Trains until the epoch counter passes `n`, then pauses. */
async function trainTo(page, n) {
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) >= n, 20000), `training reaches epoch ${n}`);
  await page.getByTestId('play').click();
  await sleep(200);
}

test('export: the loss chart as PNG and CSV, the network as JSON, named by lab, settings and seed', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&dataset=xor&lr=0.1&seed=7', 'loss-chart');
  await trainTo(page, 12);

  // The menu opens from the chart's corner, by keyboard as well: Enter on its button.
  await page.getByTestId('loss-chart-menu').focus();
  await page.keyboard.press('Enter');
  assert.ok(await item(page, 'loss-chart', 'csv').isVisible(), 'Enter opens the menu');
  await page.keyboard.press('Enter');
  assert.ok(!(await item(page, 'loss-chart', 'csv').isVisible()), 'and closes it');

  const csv = await download(page, 'loss-chart', 'csv');
  assert.match(csv.name, /^perplexed-playground-loss-.*dataset_xor.*lr_0\.1.*-seed-7\.csv$/, csv.name);
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  const head = lines[0].split(',');
  assert.equal(head.length, 3, `epoch, training, validation: ${lines[0]}`);
  assert.match(lines[0], /^Epoch,Training \(.+\),Validation \(.+\)$/i);
  assert.ok(lines.length - 1 >= 12, `a row per epoch drawn (${lines.length - 1})`);
  const rows = lines.slice(1).map((l) => l.split(',').map(Number));
  assert.ok(rows.every((r) => r.length === 3 && r.every(Number.isFinite)), 'every cell a number');
  assert.deepEqual(rows.map((r) => r[0]), rows.map((_, i) => i), 'epochs in order, from 0');
  assert.ok(rows.at(-1)[1] < rows[0][1], `training loss falls (${rows[0][1]} → ${rows.at(-1)[1]})`);
  // The chart's text says the same last values.
  const label = await page.getByTestId('loss-chart').getAttribute('aria-label');
  assert.match(label, /against Epoch\. Last values \(Epoch \d+\): Training [\d.e-]+, Validation [\d.e-]+\./i, label);
  assert.equal(await page.getByTestId('loss-chart').getAttribute('role'), 'img');

  const png = await download(page, 'loss-chart', 'png');
  assert.match(png.name, /^perplexed-playground-loss-.*-seed-7\.png$/, png.name);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG file');
  assert.ok(png.bytes.length > 2000, `a real picture (${png.bytes.length} bytes)`);
  // Every chart offers its picture: the decision boundary too (no numbers: it is no line chart).
  await page.getByTestId('boundary-menu').click();
  assert.ok(await item(page, 'boundary', 'png').isVisible());
  assert.equal(await item(page, 'boundary', 'csv').count(), 0, 'the plane has no CSV');
  await page.getByTestId('boundary-menu').click();

  const json = await download(page, 'loss-chart', 'json');
  assert.match(json.name, /^perplexed-playground-model-.*-seed-7\.json$/, json.name);
  const model = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(model.settings.lab, 'playground');
  assert.equal(model.settings.seed, '7');
  const sizes = model.model.layer_sizes;
  assert.equal(sizes[0], 2, 'two inputs (x₁, x₂)');
  assert.equal(model.model.layers.length, sizes.length - 1);
  model.model.layers.forEach((layer, l) => {
    assert.equal(layer.weights.length, sizes[l], `layer ${l}: a row per neuron below`);
    assert.ok(layer.weights.every((row) => row.length === sizes[l + 1] && row.every(Number.isFinite)));
    assert.equal(layer.biases.length, sizes[l + 1]);
  });
  assert.deepEqual(problems.errors, []);
});

test('compare: run A pinned, the next run drawn over it, its settings named; unpinned', async () => {
  // SGD against Adam, as the issue puts it: A trains with plain SGD, B with Adam.
  const { page, problems } = await openLab(browser, srv.base, 'playground', '&dataset=xor&optimizer=sgd&lr=0.1&seed=3', 'loss-chart');
  await trainTo(page, 15);
  await page.getByTestId('loss-chart-menu').click();
  await item(page, 'loss-chart', 'pin').click();
  assert.ok(!(await item(page, 'loss-chart', 'unpin').isVisible()), 'the menu closes');
  assert.ok(await waitFor(async () => (await page.getByTestId('loss-chart').getAttribute('data-pinned')) === '2', 3000), 'A: its training and validation lines');
  const pinnedOnly = await canvasFingerprint(page, 'loss-chart');
  // Adam: a new run from epoch 0, with A still drawn under it.
  await page.getByTestId('optimizer').selectOption('adam');
  await trainTo(page, 5);
  assert.equal(await page.getByTestId('loss-chart').getAttribute('data-pinned'), '2', 'A stays through the change');
  assert.notEqual((await canvasFingerprint(page, 'loss-chart')).sum, pinnedOnly.sum, 'B is drawn over A');
  assert.match(await page.getByTestId('loss-chart').getAttribute('aria-label'), /Run A: Training [\d.e-]+, Validation [\d.e-]+\.$/);
  await page.getByTestId('loss-chart-menu').click();
  const said = await item(page, 'loss-chart', 'pinned').innerText();
  assert.match(said, /^Run A: .*optimizer = sgd/, said);
  assert.match(said, /lr = 0\.1/, said);
  // A can be run again: its settings, the seed among them, in a link.
  const again = new URL(await item(page, 'loss-chart', 'open-a').getAttribute('href'), page.url());
  assert.equal(again.searchParams.get('optimizer'), 'sgd');
  assert.equal(again.searchParams.get('seed'), '3');
  const [file] = await Promise.all([page.waitForEvent('download'), item(page, 'loss-chart', 'csv').click()]);
  const csv = fs.readFileSync(await file.path(), 'utf8').trim().split('\n');
  assert.match(csv[0], /,A: Training \(.+\),A: Validation \(.+\)$/, csv[0]);
  assert.ok(csv.length - 1 >= 15, `rows as far as A went (${csv.length - 1})`);
  assert.ok(csv.at(-1).split(',')[1] === '' && csv.at(-1).split(',')[3] !== '', `past B's last epoch, A alone: ${csv.at(-1)}`);
  await page.getByTestId('loss-chart-menu').click();
  await item(page, 'loss-chart', 'unpin').click();
  assert.ok(await waitFor(async () => (await page.getByTestId('loss-chart').getAttribute('data-pinned')) === '0', 3000), 'unpinned');
  assert.doesNotMatch(await page.getByTestId('loss-chart').getAttribute('aria-label') ?? '', /Run A/);
  assert.deepEqual(problems.errors, []);
});

test('text alternative and menu in Hebrew', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'overfitting', '&lang=he', 'epochs-chart');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => /לפי .*ערכים אחרונים/.test((await page.getByTestId('epochs-chart').getAttribute('aria-label')) ?? ''), 10000), 'the label is Hebrew');
  await page.getByTestId('epochs-chart-menu').click();
  assert.match(await item(page, 'epochs-chart', 'png').innerText(), /שמירת התמונה/);
  assert.equal(await item(page, 'epochs-chart', 'png').evaluate((e) => getComputedStyle(e).direction), 'rtl');
  // The live region repeats the text politely.
  const live = page.locator('[data-testid="epochs-chart"] + .chart-tools [aria-live="polite"]');
  assert.ok(await waitFor(async () => /ערכים אחרונים/.test(await live.textContent()), 9000), 'the live region speaks');
  assert.deepEqual(problems.errors, []);
});

test('export: an engine network (the CNN) saved tensor by tensor', async () => {
  const { page, problems } = await openLab(browser, srv.base, 'cnn', '', 'loss-chart');
  assert.ok(await waitFor(async () => (await page.getByTestId('epoch').innerText()) !== '—', 15000), 'the digits load');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(async () => (await number(page, 'batches')) >= 3, 15000), 'it trains');
  await page.getByTestId('play').click();
  await sleep(300);
  const json = await download(page, 'loss-chart', 'json');
  assert.match(json.name, /^perplexed-cnn-model.*\.json$/, json.name);
  const model = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(model.settings.lab, 'cnn');
  assert.equal(model.model.type, 'convolutional network');
  const tensors = model.model.parameters;
  assert.ok(tensors.length >= 2, `${tensors.length} tensors`);
  for (const t of tensors) {
    assert.match(t.name, /\w/);
    assert.equal(t.values.length, t.shape.reduce((a, b) => a * b, 1), `${t.name}: a value per place of its shape ${t.shape}`);
    assert.ok(t.values.every(Number.isFinite), `${t.name}: finite`);
  }
  assert.ok(tensors.some((t) => t.shape.length === 4), 'a convolution kernel (out, in, height, width)');
  assert.deepEqual(problems.errors, []);
});

test('export: the models of the other labs as JSON — a polynomial, k-means, a tree, boosting, a Q-table, word vectors, a transformer, a denoiser and a GAN', async () => {
  const cases = [
    ['overfitting', 'ucurve', (m) => m.type.startsWith('polynomial') && m.coefficients.length === m.degree + 1 && m.coefficients.every(Number.isFinite)],
    // Before its first step k-means has its starting centres and no clusters yet.
    ['clustering', 'kmeans-plot', (m) => m.type === 'k-means' && m.centroids.length === m.k && m.centroids.every((c) => c.length === 2 && c.every(Number.isFinite)) && m.sizes.length === m.k],
    // A tree node by node: a split names its feature, threshold and children; a leaf its shares.
    ['trees', 'boundary', (m) => m.type === 'decision tree' && m.nodes.length >= 1 && m.nodes.every((n) => Array.isArray(n.value) && (n.feature === undefined || (n.left < m.nodes.length && n.right < m.nodes.length)))],
    ['rl', 'return-chart', (m) => m.type === 'tabular Q-values' && m.q.length > 10 && m.q.every((r) => r.length === 4) && m.width > 1],
    ['embedding', 'loss-chart', (m) => m.words.length > 10 && m.words.every((w) => typeof w.word === 'string' && w.vector.length === m.dimensions)],
    ['language', 'perplexity-chart', (m) => m.type.startsWith('transformer') && m.parameters.length > 4 && m.parameters.every((p) => p.values.length === p.shape.reduce((a, b) => a * b, 1))],
    // Its three networks: the diffusion denoiser, and the GAN panel's generator and discriminator.
    ['generative', 'loss-chart', (m) => ['denoiser', 'generator', 'discriminator'].every((n) => m[n].parameters.length >= 2 && m[n].parameters.every((p) => p.values.length === p.shape.reduce((a, b) => a * b, 1)))],
    // Boosting: the start score, the shrinkage and each round's tree.
    ['trees', 'boundary', (m) => m.type === 'gradient boosting' && m.init.length === 1 && m.learning_rate > 0 && m.rounds.every((r) => r.length === 1 && r[0].nodes.length >= 1), '&model=boosting'],
  ];
  for (const [lab, chart, holds, more = ''] of cases) {
    const { page, problems } = await openLab(browser, srv.base, lab, `&seed=3${more}`, chart);
    await waitFor(async () => (await page.locator(`[data-testid="${chart}"] + .chart-tools`).count()) === 1, 10000);
    const file = await download(page, chart, 'json');
    assert.match(file.name, new RegExp(`^perplexed-${lab}-.*seed-3\\.json$`), file.name);
    const json = JSON.parse(file.bytes.toString('utf8'));
    assert.equal(json.settings.lab, lab);
    assert.equal(json.settings.seed, '3', 'the settings that made it');
    assert.ok(holds(json.model), `${lab}: ${JSON.stringify(json.model).slice(0, 300)}`);
    assert.deepEqual(problems.errors, [], lab);
  }
});
