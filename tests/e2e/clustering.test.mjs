// The Clustering lab as a learner uses it: k-means stepped move by move (the move is named and
// the plot changes), run to convergence, played and reset from the keyboard; the elbow sweep
// fills in; DBSCAN finds the moons k-means cannot; points drawn by clicking and by typing; the
// address round-trips; a bad address gives a notice and a working page; Hebrew mirrors it, and
// says an error in Hebrew with the slider it names marked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, canvasFingerprint, number, waitFor, sleep, openLab, checkTransport } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);
const CANVASES = ['kmeans-plot', 'inertia-chart', 'dbscan-plot', 'elbow-chart', 'silhouette-chart', 'shop-pca', 'shop-variance'];

const open = (query = '') => openLab(browser, srv.base, 'clustering', query, 'move-label');

const move = (page) => page.getByTestId('move-label').getAttribute('data-move');
const text = (page, id) => page.getByTestId(id).innerText();

/** Every canvas has pixels; the shared helper reads them. */
async function assertPainted(page) {
  for (const id of CANVASES) {
    const ok = await waitFor(async () => (await canvasFingerprint(page, id)).painted > 0, 5000);
    assert.ok(ok, `${id} is painted`);
  }
}

/** A key press that reaches the lab's keyboard handler (nothing focused). */
async function key(page, k) {
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press(k);
}

test('the lab renders, and stepping alternates assign and update, visibly and by name', async () => {
  const { page, problems } = await open('&data=blobs&clusters=4&k=4&seed=3&init=random');
  await assertPainted(page);
  assert.equal(await move(page), 'none');
  assert.match(await text(page, 'move-label'), /Start: 4 centres placed \(Random points\)/);
  let before = await canvasFingerprint(page, 'kmeans-plot');
  let inertia = Infinity;
  for (const expected of ['assign', 'update', 'assign', 'update']) {
    await page.getByTestId('step').click();
    assert.ok(await waitFor(async () => (await move(page)) === expected, 3000), `move ${expected}`);
    assert.match(await text(page, 'move-label'), expected === 'assign' ? /^Assign: / : /^Update: /);
    await sleep(450); // the centres glide for 300 ms
    const after = await canvasFingerprint(page, 'kmeans-plot');
    assert.notEqual(after.sum, before.sum, `the plot changed after ${expected}`);
    before = after;
    const now = await number(page, 'inertia');
    assert.ok(now <= inertia + 1e-6, `inertia never rises: ${inertia} -> ${now}`);
    inertia = now;
  }
  assert.equal(await number(page, 'iteration'), 2);
  // → makes the next move too.
  await key(page, 'ArrowRight');
  assert.ok(await waitFor(async () => (await move(page)) === 'assign', 3000), '→ made an assignment');
  // Run to convergence: the status says so and the button has nothing left to do.
  await page.getByTestId('converge').click();
  assert.ok(await waitFor(async () => /^Converged after (1 iteration|\d+ iterations):/.test(await text(page, 'kmeans-status')), 5000));
  assert.equal(await page.getByTestId('converge').isDisabled(), true);
  assert.match(await text(page, 'run-silhouette'), /Silhouette of this clustering: 0\.\d\d/);
  // R goes back to the start; Space plays move after move and pauses.
  await key(page, 'r');
  assert.ok(await waitFor(async () => (await move(page)) === 'none', 3000), 'R went back to the start');
  assert.equal(await text(page, 'iteration'), '0');
  await key(page, ' ');
  assert.ok(await waitFor(async () => (await number(page, 'iteration')) >= 2, 6000), 'playing makes moves');
  await key(page, ' ');
  const paused = await number(page, 'iteration');
  await sleep(1700);
  assert.equal(await number(page, 'iteration'), paused, 'Space paused it');
  // A new start: another restart of the same seed, named on screen and in the address.
  await page.getByTestId('restart').click();
  assert.ok(await waitFor(() => param(page, 'restart') === '1', 3000));
  assert.match(await text(page, 'start-info'), /#1 · seed 3/);
  assert.equal(await move(page), 'none');
  // The elbow sweep fills in without blocking the page.
  assert.ok(await waitFor(async () => /Done for every k from 1 to 10/.test(await text(page, 'sweep-progress')), 20000));
  assert.match(await text(page, 'sweep-progress'), /highest silhouette is at k = \d+/);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('DBSCAN finds the two moons that k-means cuts in half; noise is counted in words', async () => {
  const { page, problems } = await open('&data=moons&points=600&spread=20&seed=4&eps=0.6&min_pts=5&k=2');
  assert.match(await text(page, 'dbscan-summary'), /^DBSCAN found 2 clusters\./);
  await page.getByTestId('converge').click();
  assert.ok(await waitFor(async () => /Converged/.test(await text(page, 'kmeans-status')), 5000));
  const agreement = await text(page, 'agreement');
  // Negatives print with "−" (U+2212); a value that rounds to zero prints as "< 0.01" / "> −0.01".
  const [, km, db] = agreement.match(/k-means ([<>]? ?[-−]?\d+\.\d+), DBSCAN ([<>]? ?[-−]?\d+\.\d+)/) ?? [];
  const read = (s) => Number(String(s).replace('−', '-').replace(/[<> ]/g, ''));
  assert.ok(read(km) < 0.5, `k-means agreement ${km} (${agreement})`);
  assert.ok(read(db) > 0.9, `DBSCAN agreement ${db}`);
  // A tiny ε: almost every point is noise, and the plot shows it.
  const before = await canvasFingerprint(page, 'dbscan-plot');
  await page.getByTestId('eps').fill('1');
  assert.ok(await waitFor(() => param(page, 'eps') === '0.05', 3000));
  assert.equal(await text(page, 'eps-value'), '0.05');
  const tiny = await text(page, 'dbscan-summary');
  const noise = Number((tiny.match(/(\d+) points are noise\./) ?? [])[1]);
  assert.ok(noise > 500, `ε = 0.05 leaves almost everything as noise: ${tiny}`);
  assert.notEqual((await canvasFingerprint(page, 'dbscan-plot')).sum, before.sum);
  // Nobody is alone within ε = 2: one cluster, no noise.
  await page.getByTestId('eps').fill('40');
  assert.ok(await waitFor(async () => (await text(page, 'dbscan-summary')) === 'DBSCAN found one cluster. No point is noise.', 3000));
  assert.deepEqual(problems.errors, []);
});

test('points drawn by clicking and by typing, kept in the address', async () => {
  const { page, problems } = await open('&data=drawn&k=2');
  assert.match(await text(page, 'drawn-count'), /^0 points drawn/);
  assert.equal(await text(page, 'kmeans-error'), '', 'no points is a hint on the plot, not an error');
  const plot = page.getByTestId('kmeans-plot');
  const box = await plot.boundingBox();
  for (const [fx, fy] of [[0.3, 0.3], [0.35, 0.32], [0.7, 0.75]]) {
    await plot.click({ position: { x: box.width * fx, y: box.height * fy } });
  }
  assert.ok(await waitFor(async () => /^3 points drawn/.test(await text(page, 'drawn-count')), 3000));
  assert.ok(await waitFor(() => (param(page, 'pts') ?? '').split(',').length === 6, 3000), 'points in the address');
  // The keyboard way: type the coordinates.
  await page.getByTestId('point-x1').fill('2.5');
  await page.getByTestId('point-x2').fill('-3');
  await page.getByTestId('add-point').click();
  assert.ok(await waitFor(async () => /^4 points drawn/.test(await text(page, 'drawn-count')), 3000));
  assert.ok(await waitFor(() => (param(page, 'pts') ?? '').endsWith('2.5,-3'), 3000));
  await page.getByTestId('point-x1').fill('9');
  await page.getByTestId('add-point').click();
  assert.match(await page.locator('[data-control="pts"] [role="alert"]').innerText(), /from −6 to 6/);
  await page.getByTestId('undo-point').click();
  assert.ok(await waitFor(async () => /^3 points drawn/.test(await text(page, 'drawn-count')), 3000));
  assert.ok(await waitFor(() => (param(page, 'pts') ?? '').split(',').length === 6, 3000), 'undone in the address');
  // k-means runs on the drawn points; asking for more clusters than points shows core's reason.
  await page.getByTestId('step').click();
  assert.ok(await waitFor(async () => (await move(page)) === 'assign', 3000));
  await page.getByTestId('k').fill('5');
  assert.ok(await waitFor(async () => /^k-means cannot run: With the number of clusters at 5, there must be at least 5 points at different places/.test(await text(page, 'kmeans-error')), 3000));
  assert.equal(await page.getByTestId('k').getAttribute('aria-invalid'), 'true', 'the slider the error names is marked');
  assert.equal(await page.getByTestId('step').isDisabled(), true);
  assert.ok(await waitFor(() => param(page, 'k') === '5', 3000));
  await page.reload();
  await page.getByTestId('lab-clustering').waitFor();
  assert.match(await text(page, 'drawn-count'), /^3 points drawn/);
  assert.equal(await page.getByTestId('k').inputValue(), '5');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('Hebrew: more clusters than drawn points is said in Hebrew, and the k slider is marked', async () => {
  const { page, problems } = await open('&data=drawn&k=2');
  await page.getByTestId('lang').click();
  assert.ok(await waitFor(async () => (await page.locator('html').getAttribute('dir')) === 'rtl', 3000));
  const plot = page.getByTestId('kmeans-plot');
  const box = await plot.boundingBox();
  for (const [fx, fy] of [[0.3, 0.3], [0.7, 0.75]]) {
    await plot.click({ position: { x: box.width * fx, y: box.height * fy } });
  }
  assert.ok(await waitFor(() => (param(page, 'pts') ?? '').split(',').length === 4, 3000), 'two points drawn');
  assert.equal(await page.getByTestId('k').getAttribute('aria-invalid'), null, 'k = 2 on two points is fine');
  await page.getByTestId('k').fill('3');
  const notice = () => text(page, 'kmeans-error');
  assert.ok(await waitFor(async () => (await notice()) !== '', 3000), 'a notice appears');
  // The notice is the lab's Hebrew prefix, which names the method (k-means), then core's reason.
  const [prefix, reason] = (await notice()).split(': ');
  assert.match(prefix, /^אי אפשר להריץ את k-means$/);
  assert.match(reason, /[\u0590-\u05FF]/, reason);
  assert.doesNotMatch(reason, /[A-Za-z]/, `no English in the reason: ${reason}`);
  assert.match(reason, /מספר האשכולות הוא 3/);
  assert.equal(await page.getByTestId('k').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('[data-control="k"]').getAttribute('class'), /\binvalid\b/);
  // Switching language re-words the notice that is already on screen.
  await page.getByTestId('lang').click();
  assert.ok(await waitFor(async () => /With the number of clusters at 3/.test(await notice()), 3000));
  await page.getByTestId('k').fill('2');
  assert.ok(await waitFor(async () => (await notice()) === '', 3000), 'the notice goes with the error');
  assert.equal(await page.getByTestId('k').getAttribute('aria-invalid'), null);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('the address round-trips every control', async () => {
  const { page, problems } = await open();
  await page.getByTestId('data').selectOption('rings');
  await page.getByTestId('clusters').fill('2');
  await page.getByTestId('spread').fill('45');
  await page.getByTestId('points').fill('420');
  await page.getByTestId('seed').fill('77');
  await page.getByTestId('seed').dispatchEvent('change');
  await page.getByTestId('k').fill('6');
  await page.getByTestId('init').selectOption('random');
  await page.getByTestId('axes').check();
  await page.getByTestId('eps').fill('16');
  await page.getByTestId('min_pts').fill('9');
  await page.getByTestId('standardise').uncheck();
  await page.getByTestId('shop_k').fill('3');
  await page.getByTestId('restart').click();
  await page.getByTestId('restart').click();
  const want = { data: 'rings', clusters: '2', spread: '45', points: '420', seed: '77', k: '6', init: 'random', axes: 'true', eps: '0.8', min_pts: '9', standardise: 'false', shop_k: '3', restart: '2' };
  assert.ok(await waitFor(() => Object.entries(want).every(([k, v]) => param(page, k) === v), 3000), page.url());
  await page.reload();
  await page.getByTestId('lab-clustering').waitFor();
  assert.equal(await page.getByTestId('data').inputValue(), 'rings');
  for (const id of ['clusters', 'spread', 'points', 'seed', 'k', 'min_pts', 'shop_k']) {
    assert.equal(await page.getByTestId(id).inputValue(), want[id], id);
  }
  assert.equal(await page.getByTestId('init').inputValue(), 'random');
  assert.equal(await page.getByTestId('eps-value').innerText(), '0.80');
  assert.equal(await page.getByTestId('axes').isChecked(), true);
  assert.equal(await page.getByTestId('standardise').isChecked(), false);
  assert.match(await text(page, 'start-info'), /#2 · seed 77/);
  assert.equal(await page.getByTestId('shop-segments').locator('li').count(), 3);
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.deepEqual(problems.errors, []);
});

test('a malformed address shows the notice and keeps a working page', async () => {
  const { page, problems } = await open('&k=99&eps=abc&data=spiral&pts=1,2,3&shop_k=0');
  const notice = await page.getByTestId('notice').innerText();
  for (const bad of ['k=99', 'eps=abc', 'data=spiral', 'pts=1,2,3', 'shop_k=0']) assert.ok(notice.includes(bad), `${bad} in "${notice}"`);
  assert.equal(await page.getByTestId('k').inputValue(), '3');
  assert.equal(await page.getByTestId('data').inputValue(), 'blobs');
  assert.equal(await page.getByTestId('eps-value').innerText(), '0.60');
  await assertPainted(page);
  await page.getByTestId('step').click();
  assert.ok(await waitFor(async () => (await move(page)) === 'assign', 3000), 'the page still works');
  assert.deepEqual(problems.errors, []);
});

test('the concept card opens uniform noise, where k-means still finds clusters', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(srv.base);
  await page.getByTestId('concept-5').getByRole('link').click();
  await page.getByTestId('lab-clustering').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('data').inputValue(), 'uniform');
  assert.equal(await page.getByTestId('k').inputValue(), '4');
  assert.match(await text(page, 'uniform-lesson'), /no groups in uniform noise/);
  await page.getByTestId('converge').click();
  assert.ok(await waitFor(async () => /Converged/.test(await text(page, 'kmeans-status')), 5000));
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.deepEqual(problems.errors, []);
});

test('shoppers: table, PCA and segments in words; standardising changes the picture', async () => {
  const { page, problems } = await open('&shop_k=4&standardise=true');
  assert.equal(await page.getByTestId('shop-table').locator('tbody tr').count(), 8);
  assert.match(await page.getByTestId('shop-table').innerText(), /Yearly spend \(₪\)/);
  const segments = page.getByTestId('shop-segments').locator('li');
  assert.equal(await segments.count(), 4);
  const words = await page.getByTestId('shop-segments').innerText();
  assert.match(words, /(younger|older)/);
  assert.match(words, /(bigger|smaller) baskets/);
  const ari = Number((await text(page, 'shop-ari')).match(/([\d.]+)\.$/)[1]);
  assert.ok(ari > 0.9, `standardised segments match the hidden ones: ${ari}`);
  const pca = await canvasFingerprint(page, 'shop-pca');
  const bars = await canvasFingerprint(page, 'shop-variance');
  await page.getByTestId('standardise').uncheck();
  assert.ok(await waitFor(() => param(page, 'standardise') === 'false', 3000));
  assert.notEqual((await canvasFingerprint(page, 'shop-pca')).sum, pca.sum);
  assert.notEqual((await canvasFingerprint(page, 'shop-variance')).sum, bars.sum);
  const rawAri = Number((await text(page, 'shop-ari')).match(/([\d.]+)\.$/)[1]);
  assert.ok(rawAri < ari, `raw columns: spend drowns the rest (${rawAri} < ${ari})`);
  assert.deepEqual(problems.errors, []);
});

test('Hebrew: the page turns right-to-left and speaks Hebrew', async () => {
  const { page, problems } = await open('&k=3');
  await page.getByTestId('lang').click();
  assert.ok(await waitFor(async () => (await page.locator('html').getAttribute('dir')) === 'rtl', 3000));
  assert.match(await page.locator('.lab-head h1').innerText(), /^חלוקה לאשכולות/, 'the process, not "a cluster"');
  assert.match(await text(page, 'move-label'), /^התחלה: 3 מרכזים על המישור/);
  await page.getByTestId('step').click();
  assert.ok(await waitFor(async () => /^שיוך: /.test(await text(page, 'move-label')), 3000));
  assert.match(await page.locator('label[for="k"]').innerText(), /מספר אשכולות/);
  assert.match(await text(page, 'dbscan-summary'), /DBSCAN מצא/);
  assert.match(await text(page, 'shop-segments'), /לקוחות/);
  await assertPainted(page);
  await page.getByTestId('lang').click();
  assert.ok(await waitFor(async () => (await page.locator('html').getAttribute('dir')) === 'ltr', 3000));
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('the transport\'s Play makes moves and R on a Hebrew keyboard goes back to the start', async () => {
  const { page, problems } = await open('&data=blobs&clusters=5&k=5&seed=8&init=random');
  await sleep(300);
  await checkTransport(page, 'iteration', 'kmeans-plot');
  assert.deepEqual(problems.errors, []);
});
