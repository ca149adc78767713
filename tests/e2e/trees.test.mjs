// The Trees lab as a learner uses it: a tree grown split by split with its diagram and the
// region of a node on the plot, a forest's small multiples and votes, boosting's loss curves,
// the comparison with its one-time test evaluation, the address, a bad link, and Hebrew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, checkTransport } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);
const nodes = async (page) => Number(await page.getByTestId('tree-diagram').getAttribute('data-nodes'));

const open = (query = '') => openLab(browser, srv.base, 'trees', query);

test('a tree grows split by split: the diagram, the counters and the boundary follow', async () => {
  const { page, problems } = await open('&model=tree&dataset=xor&noise=10&seed=3');
  // It grows by itself on arrival; Reset goes back to the root and stops.
  assert.ok(await waitFor(async () => (await number(page, 'progress')) > 0, 5000), 'grows on arrival');
  await page.getByTestId('reset').click();
  assert.equal(await number(page, 'progress'), 0);
  assert.ok(await waitFor(async () => (await nodes(page)) === 1, 2000), 'a root alone after reset');
  await sleep(300);
  const b0 = await canvasFingerprint(page, 'boundary');
  assert.ok(b0.painted > 0, 'boundary painted');
  await page.getByTestId('step').click();
  assert.equal(await number(page, 'progress'), 1);
  assert.ok(await waitFor(async () => (await nodes(page)) === 3, 2000), 'one split adds two nodes');
  await page.keyboard.press('ArrowRight');
  assert.ok(await waitFor(async () => (await nodes(page)) === 5, 2000), '→ splits once more');
  assert.equal(await number(page, 'leaves'), 3);
  const b1 = await waitFor(async () => {
    const f = await canvasFingerprint(page, 'boundary');
    return f.sum !== b0.sum ? f : null;
  }, 3000);
  assert.ok(b1, 'the boundary changed after two splits');
  // Hovering a node names it and outlines its region on the plot.
  await page.getByTestId('node-1').hover();
  assert.match(await page.getByTestId('node-detail').innerText(), /^(Node|Leaf) 1:/);
  const b2 = await canvasFingerprint(page, 'boundary');
  assert.notEqual(b2.sum, b1.sum, 'the region is drawn');
  // Keyboard: a node takes the focus and shows the same details.
  await page.mouse.move(1, 1);
  await page.getByTestId('node-2').focus();
  assert.match(await page.getByTestId('node-detail').innerText(), /^(Node|Leaf) 2:/);
  await page.getByTestId('node-2').blur();
  // Space plays it to the end: an unlimited tree fits every training point.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press(' ');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false'
    && (await number(page, 'progress')) > 5, 20000), 'grew to the end');
  assert.equal(await page.getByTestId('acc-train').innerText(), '100.0%');
  assert.ok((await nodes(page)) > 5);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('a tree grows at a pace a visitor can follow, and as fast as possible on request', async () => {
  const { page, problems } = await open('&model=tree&dataset=xor&noise=10&seed=3');
  await sleep(1000);
  const first = await number(page, 'progress');
  console.log(`# trees: ${first} splits in the first second at the default pace`);
  assert.ok(first >= 1 && first <= 4, `default pace: ${first} splits in the first second`);
  assert.equal(await page.getByTestId('speed').inputValue(), 'normal');
  await page.getByTestId('speed').selectOption('max');
  assert.ok(await waitFor(() => param(page, 'speed') === 'max', 3000), 'the pace is in the address');
  assert.ok(await waitFor(async () => (await number(page, 'progress')) >= first + 8
    || (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 3000), 'as fast as possible grows on at once');
  assert.ok((await number(page, 'progress')) > first, 'a new pace keeps the tree');
  assert.deepEqual(problems.errors, []);
});

test('the tree diagram opens fitted with its root in sight, and zooms', async () => {
  // XOR, unlimited depth, grown at once: a wide tree whose root used to open off-screen.
  for (const width of [1280, 375]) {
    await browser.context.pages()[0]?.setViewportSize({ width, height: 900 });
    const { page, problems } = await open('&model=tree&dataset=xor&noise=10&seed=3&speed=max');
    assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 10000), 'grown');
    await sleep(300);
    const inSight = async () => page.evaluate(() => {
      const box = document.querySelector('[data-testid="tree-scroll"]').getBoundingClientRect();
      const root = document.querySelector('[data-testid="node-0"]').getBoundingClientRect();
      return root.left >= box.left - 1 && root.right <= box.right + 1;
    });
    assert.ok(await inSight(), `the root is in sight at ${width} px`);
    const z0 = Number(await page.getByTestId('tree-diagram').getAttribute('data-zoom'));
    await page.getByTestId('zoom-in').click();
    const z1 = Number(await page.getByTestId('tree-diagram').getAttribute('data-zoom'));
    assert.ok(z1 > z0, `zoom in: ${z0} → ${z1}`);
    await sleep(200);
    assert.ok(await inSight(), 'still in sight after zooming');
    await page.getByTestId('zoom-fit').click();
    assert.equal(Number(await page.getByTestId('tree-diagram').getAttribute('data-zoom')), z0);
    assert.deepEqual(problems.errors, []);
  }
  await browser.context.pages()[0]?.setViewportSize({ width: 1400, height: 1000 });
});

test('a forest draws its first trees and shows their vote at the pointer', async () => {
  const { page, problems } = await open('&model=forest&dataset=moons&trees=30&seed=2');
  assert.ok(await waitFor(async () => (await number(page, 'progress')) === 30, 10000), 'thirty trees');
  assert.match(await page.getByTestId('oob').innerText(), /%/);
  const thumbs = await waitFor(async () => {
    const t = await Promise.all([0, 4, 8].map((i) => canvasFingerprint(page, `forest-tree-${i}`)));
    return t.every((f) => f.painted > 0) ? t : null;
  }, 3000);
  assert.ok(thumbs, 'the first trees are drawn');
  assert.notEqual(thumbs[0].sum, thumbs[1].sum, 'trees differ');
  const box = await page.getByTestId('boundary').boundingBox();
  await page.getByTestId('boundary').hover({ position: { x: box.width * 0.3, y: box.height * 0.4 } });
  assert.ok(await waitFor(async () => /of 30 trees/.test(await page.getByTestId('votes').innerText()), 3000));
  const counts = await page.locator('[data-testid^="votes-"]').allInnerTexts();
  const total = counts.map((t) => Number(t.split(':')[1])).reduce((a, b) => a + b, 0);
  assert.equal(total, 30, `votes ${counts}`);
  // Without bootstrap there is no out-of-bag score, and the page says why.
  await page.getByTestId('bootstrap').uncheck();
  assert.ok(await waitFor(() => param(page, 'bootstrap') === 'false', 3000));
  assert.equal(await page.getByTestId('oob').innerText(), '—');
  assert.match(await page.getByTestId('oob-help').innerText(), /bootstrap/i);
  assert.deepEqual(problems.errors, []);
});

test('boosting adds rounds: the loss curves and the residuals follow', async () => {
  const { page, problems } = await open('&model=boosting&dataset=circle&rounds=80&lr=0.3&seed=1');
  assert.ok(await waitFor(async () => (await number(page, 'progress')) === 80, 10000), 'eighty rounds');
  const chart = await canvasFingerprint(page, 'loss-chart');
  const hist = await canvasFingerprint(page, 'residual-histogram');
  assert.ok(chart.painted > 0 && hist.painted > 0);
  const lossEnd = await number(page, 'loss-train');
  await page.getByTestId('reset').click();
  const lossStart = await number(page, 'loss-train');
  assert.ok(lossEnd < lossStart, `training loss fell: ${lossStart} → ${lossEnd}`);
  await page.getByTestId('step').click();
  assert.equal(await number(page, 'progress'), 1);
  assert.notEqual((await canvasFingerprint(page, 'residual-histogram')).sum, hist.sum);
  assert.deepEqual(problems.errors, []);
});

test('the comparison fits all four on one split, and the test set is used once', async () => {
  const { page, problems } = await open('&model=tree&dataset=moons&trees=20&rounds=40&seed=4');
  assert.equal(await page.getByTestId('test-eval').isDisabled(), true, 'nothing to evaluate yet');
  await page.getByTestId('compare-run').click();
  assert.ok(await waitFor(async () => /%/.test(await page.getByTestId('compare-3-val').innerText()), 30000), 'network done');
  for (const i of [0, 1, 2, 3]) {
    assert.match(await page.getByTestId(`compare-${i}-val`).innerText(), /\d+\.\d%/);
    assert.match(await page.getByTestId(`compare-${i}-ms`).innerText(), /\d+(\.\d)? ms/);
  }
  await page.getByTestId('test-eval').click();
  for (const i of [0, 1, 2, 3]) assert.match(await page.getByTestId(`compare-${i}-test`).innerText(), /%/);
  assert.equal(await page.getByTestId('test-eval').isDisabled(), true, 'only once');
  await page.getByTestId('depth').fill('3');
  assert.ok(await waitFor(async () => (await page.getByTestId('test-spent').count()) === 1, 3000), 'spent after a change');
  assert.match(await page.getByTestId('test-peeks').innerText(), /looked at 1 time$/, 'one look, in the singular');
  assert.deepEqual(problems.errors, []);
});

test('settings survive a reload through the address', async () => {
  const { page, problems } = await open('');
  await page.getByTestId('model').selectOption('forest');
  await page.getByTestId('trees').fill('40');
  await page.getByTestId('forest_depth').fill('5');
  await page.getByTestId('dataset').selectOption('spiral');
  await page.getByTestId('noise').fill('25');
  await page.getByTestId('seed').fill('9');
  await page.getByTestId('seed').press('Enter');
  assert.ok(await waitFor(() => param(page, 'trees') === '40' && param(page, 'seed') === '9' && param(page, 'noise') === '25', 3000));
  await page.reload();
  await page.getByTestId('lab-trees').waitFor();
  assert.equal(await page.getByTestId('model').inputValue(), 'forest');
  assert.equal(await page.getByTestId('trees').inputValue(), '40');
  assert.equal(await page.getByTestId('forest_depth').inputValue(), '5');
  assert.equal(await page.getByTestId('dataset').inputValue(), 'spiral');
  assert.equal(await page.getByTestId('noise').inputValue(), '25');
  assert.equal(await page.getByTestId('seed').inputValue(), '9');
  assert.ok(await waitFor(async () => (await number(page, 'progress')) === 40, 10000));
  assert.deepEqual(problems.errors, []);
});

test('a malformed link shows a notice and keeps a working page', async () => {
  const { page, problems } = await open('&model=svm&depth=99&lr=abc&trees=0&dataset=plane&unknownparam=1');
  const notice = await page.getByTestId('notice').innerText();
  for (const name of ['model', 'depth', 'lr', 'trees', 'dataset']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.equal(await page.getByTestId('model').inputValue(), 'tree');
  assert.equal(await page.getByTestId('depth').inputValue(), '0');
  await page.getByTestId('reset').click();
  await page.getByTestId('step').click();
  assert.ok(await waitFor(async () => (await nodes(page)) === 3, 2000), 'still grows');
  assert.deepEqual(problems.errors, []);
});

test('Hebrew turns the page right-to-left and translates the lab', async () => {
  const { page, problems } = await open('&model=tree');
  await page.getByTestId('lang').click();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  assert.equal(await page.getByTestId('step').innerText(), 'פיצול אחד');
  assert.match(await page.locator('[data-testid="lab-trees"] h1').innerText(), /עצים/);
  assert.match(await page.getByTestId('libs').innerText(), /XGBoost/);
  await page.getByTestId('lang').click();
  assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
  assert.deepEqual(problems.errors, []);
});

test('the transport\'s Play grows the model and R on a Hebrew keyboard resets it', async () => {
  const { page, problems } = await open('&model=forest&dataset=moons&trees=60&seed=4');
  await page.getByTestId('reset').click();
  await sleep(300);
  await checkTransport(page, 'progress', 'boundary');
  assert.deepEqual(problems.errors, []);
});
