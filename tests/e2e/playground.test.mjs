// The Playground as a visitor uses it: training, every control in the address, a malformed
// link, the language switch, divergence and recovery, and the one-time test evaluation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, canvasFingerprint, number, waitFor, sleep, ROOT, openLab, checkTransport } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const param = (page, name) => new URL(page.url()).searchParams.get(name);

const open = (query = '') => openLab(browser, srv.base, 'playground', query, 'boundary');

/** Plays for `ms`, pauses, and reads the epoch counter. */
async function epochsPlayedFor(page, ms) {
  await page.getByTestId('play').click();
  await sleep(ms);
  await page.getByTestId('play').click();
  return number(page, 'epoch');
}

test('training lowers the training loss on the circle within seconds, and the boundary moves', async () => {
  const { page, problems } = await open('&dataset=circle&seed=3');
  const before = await number(page, 'loss-train');
  const pixelsBefore = await canvasFingerprint(page, 'boundary');
  assert.ok(pixelsBefore.painted > 0, 'boundary is drawn');
  await page.getByTestId('play').click();
  const ok = await waitFor(async () => (await number(page, 'epoch')) >= 30, 8000);
  assert.ok(ok, `epochs advanced (epoch ${await number(page, 'epoch')})`);
  await page.getByTestId('play').click(); // pause
  const after = await number(page, 'loss-train');
  console.log(`# circle: train loss ${before} -> ${after} after ${await number(page, 'epoch')} epochs`);
  assert.ok(after < before * 0.7, `train loss fell: ${before} -> ${after}`);
  const pixelsAfter = await canvasFingerprint(page, 'boundary');
  assert.notEqual(pixelsAfter.sum, pixelsBefore.sum, 'the decision boundary repainted');
  const chart = await canvasFingerprint(page, 'loss-chart');
  assert.ok(chart.painted > 0, 'loss chart drawn');
  // The step button runs exactly one epoch.
  const e = await number(page, 'epoch');
  await page.getByTestId('step').click();
  await waitFor(async () => (await number(page, 'epoch')) === e + 1, 3000);
  assert.equal(await number(page, 'epoch'), e + 1);
  // Keyboard: R resets, → steps, Space plays.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('r');
  await waitFor(async () => (await number(page, 'epoch')) === 0, 3000);
  assert.equal(await number(page, 'epoch'), 0);
  await page.keyboard.press('ArrowRight');
  await waitFor(async () => (await number(page, 'epoch')) === 1, 3000);
  assert.equal(await number(page, 'epoch'), 1);
  await page.keyboard.press(' ');
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) > 3, 5000), 'space started training');
  await page.keyboard.press(' ');
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'docs', 'playground.png'), fullPage: false });
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('every control writes the address, and a reload restores it', async () => {
  const { page, problems } = await open('&seed=5');
  const expect = {};
  const check = async (name, value) => {
    expect[name] = value;
    const ok = await waitFor(() => param(page, name) === value, 3000);
    assert.ok(ok, `${name} → ${value} (address has ${param(page, name)})`);
  };
  await page.getByTestId('dataset').selectOption('spiral'); await check('dataset', 'spiral');
  await page.getByTestId('noise').fill('25'); await check('noise', '25');
  await page.getByTestId('points').fill('20'); await check('points', '400');
  await page.getByTestId('train').fill('70'); await check('train', '70');
  await page.getByTestId('val').fill('10'); await check('val', '10');
  await page.getByTestId('feature-x1sq').click(); await check('features', 'x1,x2,x1sq');
  await page.getByTestId('layers').fill('5,3'); await page.getByTestId('layers').press('Tab'); await check('layers', '5,3');
  await page.getByTestId('add-layer').click(); await check('layers', '5,3,3');
  await page.getByTestId('layer-0-plus').click(); await check('layers', '6,3,3');
  await page.getByTestId('activation').selectOption('relu'); await check('activation', 'relu');
  await page.getByTestId('loss').selectOption('mse'); await check('loss', 'mse');
  await page.getByTestId('optimizer').selectOption('momentum'); await check('optimizer', 'momentum');
  await page.getByTestId('lr').fill('8'); await check('lr', '0.1');
  await page.getByTestId('batch').fill('25'); await check('batch', '25');
  await page.getByTestId('reg').selectOption('l2'); await check('reg', 'l2');
  await page.getByTestId('reg_rate').fill('3'); await check('reg_rate', '0.001');
  await page.getByTestId('seed').fill('42'); await page.getByTestId('seed').press('Tab'); await check('seed', '42');
  await page.getByTestId('show_test').check(); await check('show_test', 'true');
  await page.getByTestId('discretize').check(); await check('discretize', 'true');
  await page.getByTestId('speed').selectOption('5'); await check('speed', '5');

  const url = page.url();
  await page.reload();
  await page.getByTestId('lab-playground').waitFor();
  assert.equal(page.url(), url);
  for (const [name, value] of Object.entries(expect)) assert.equal(param(page, name), value, name);
  assert.equal(await page.getByTestId('dataset').inputValue(), 'spiral');
  assert.equal(await page.getByTestId('noise').inputValue(), '25');
  assert.equal(await page.getByTestId('layers').inputValue(), '6,3,3');
  assert.equal(await page.getByTestId('activation').inputValue(), 'relu');
  assert.equal(await page.getByTestId('lr').inputValue(), '8');
  assert.equal(await page.getByTestId('seed').inputValue(), '42');
  assert.equal(await page.getByTestId('show_test').isChecked(), true);
  assert.equal(await page.getByTestId('feature-x1sq').getAttribute('aria-pressed'), 'true');
  // 400 points at 70 / 10 / 20
  assert.equal(await page.getByTestId('count-train').innerText(), '280');
  assert.equal(await page.getByTestId('count-val').innerText(), '40');
  assert.equal(await page.getByTestId('count-test').innerText(), '80');

  // Switching the problem type picks a regression data set and a suitable loss.
  await page.getByTestId('problem').selectOption('regression');
  await check('problem', 'regression');
  assert.equal(param(page, 'loss'), 'mse');
  assert.notEqual(param(page, 'dataset'), 'spiral');
  assert.deepEqual(problems.errors, []);
});

test('the same link gives the same run (seeded data, weights and batches)', async () => {
  const q = '&dataset=xor&seed=77&layers=4&optimizer=sgd&lr=0.1';
  const run = async () => {
    const { page } = await open(q);
    for (let i = 0; i < 5; i++) await page.getByTestId('step').click();
    await waitFor(async () => (await number(page, 'epoch')) === 5, 3000);
    return page.getByTestId('loss-train').innerText();
  };
  const a = await run();
  const b = await run();
  assert.equal(a, b);
});

test('a malformed link shows a notice and keeps a working page', async () => {
  const { page, problems } = await open('&lr=banana&layers=4,999&noise=-3&dataset=nope&unknownparam=1');
  const notice = await page.getByTestId('notice').innerText();
  for (const name of ['lr', 'layers', 'noise', 'dataset']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.equal(await page.getByTestId('layers').inputValue(), '4,2');
  await page.getByTestId('step').click();
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) === 1, 3000));
  assert.deepEqual(problems.errors, []);
});

test('the language switch flips the direction, translates, and is remembered', async () => {
  const { page } = await open();
  const html = page.locator('html');
  assert.equal(await html.getAttribute('dir'), 'ltr');
  const english = await page.getByTestId('play').innerText();
  await page.getByTestId('lang').click();
  assert.equal(await html.getAttribute('dir'), 'rtl');
  assert.equal(await html.getAttribute('lang'), 'he');
  const hebrew = await page.getByTestId('play').innerText();
  assert.notEqual(hebrew, english);
  assert.match(hebrew, /[\u0590-\u05FF]/);
  await page.reload();
  await page.getByTestId('lab-playground').waitFor();
  assert.equal(await html.getAttribute('dir'), 'rtl', 'the choice is remembered');
  // In Hebrew the matrix's columns run right to left, and so does the arrow that names them.
  const corner = page.getByTestId('confusion').locator('thead th').first();
  await corner.waitFor({ timeout: 3000 });
  assert.equal(await corner.innerText(), 'אמת ↓ / חזוי ←');
  await page.screenshot({ path: path.join(ROOT, 'docs', 'playground-he.png') });
  await page.getByTestId('lang').click();
  assert.equal(await html.getAttribute('dir'), 'ltr');
});

test('a Hebrew browser opens in Hebrew', async () => {
  const he = await launch({ locale: 'he-IL' });
  try {
    const { page } = await openPage(he.context, srv.base);
    await page.goto(`${srv.base}?lab=playground`);
    await page.getByTestId('lab-playground').waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  } finally {
    await he.close();
  }
});

test('a learning rate of 10 diverges visibly, and the page recovers', async () => {
  const { page, problems } = await open('&dataset=spiral&lr=10&optimizer=sgd&activation=relu&layers=8,8&loss=mse');
  await page.getByTestId('play').click();
  assert.ok(await waitFor(() => page.getByTestId('diverged').isVisible(), 10000), 'diverged banner shown');
  assert.match(await page.getByTestId('loss-train').innerText(), /^[0-9.—]+$/, 'no NaN shown');
  await page.getByTestId('reset').click();
  assert.ok(await waitFor(async () => !(await page.getByTestId('diverged').isVisible()), 3000), 'reset clears it');
  assert.equal(await number(page, 'epoch'), 0);
  await page.getByTestId('play').click();
  assert.ok(await waitFor(() => page.getByTestId('diverged').isVisible(), 10000), 'diverges again at lr 10');
  await page.getByTestId('fix-divergence').click();
  await check_lr_lowered(page);
  await page.getByTestId('play').click();
  await sleep(1500);
  await page.getByTestId('play').click();
  assert.equal(await page.getByTestId('diverged').isVisible(), false, 'healthy after lowering the rate');
  assert.ok((await number(page, 'epoch')) > 0);
  assert.deepEqual(problems.errors, []);
});

async function check_lr_lowered(page) {
  assert.ok(await waitFor(() => Number(new URL(page.url()).searchParams.get('lr')) < 10, 3000));
}

test('the test set is evaluated once; changing anything afterwards spends the result', async () => {
  const { page, problems } = await open('&dataset=gaussian&seed=2');
  assert.equal(await page.getByTestId('loss-test').count(), 0, 'hidden while tuning');
  for (let i = 0; i < 10; i++) await page.getByTestId('step').click();
  const chartBefore = await canvasFingerprint(page, 'loss-chart');
  await page.getByTestId('test-eval').click();
  const loss = await number(page, 'loss-test');
  assert.ok(Number.isFinite(loss) && loss >= 0, `test loss ${loss}`);
  assert.match(await page.getByTestId('test-peeks').innerText(), /looked at 1 time$/, 'one look, in the singular');
  assert.equal(await page.getByTestId('test-spent').count(), 0);
  const chartAfter = await canvasFingerprint(page, 'loss-chart');
  assert.notEqual(chartAfter.sum, chartBefore.sum, 'the test result is marked on the chart');
  await page.getByTestId('activation').selectOption('relu');
  await page.getByTestId('test-spent').waitFor({ timeout: 3000 });
  assert.match(await page.getByTestId('test-spent').innerText(), /test set/i);
  assert.deepEqual(problems.errors, []);
});

test('clicking the plot adds a point of the chosen class, and the network goes on learning from where it was', async () => {
  const { page, problems } = await open('&points=100&train=100&val=0');
  assert.equal(await page.getByTestId('count-train').innerText(), '100');
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
  assert.equal(await number(page, 'epoch'), 3);
  const lossBefore = await page.getByTestId('loss-train').innerText();
  await page.getByTestId('add-class-0').click();
  const box = await page.getByTestId('boundary').boundingBox();
  await page.getByTestId('boundary').click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
  assert.ok(await waitFor(async () => (await page.getByTestId('count-train').innerText()) === '101', 3000));
  // Not a fresh network: the epoch count and the curve carry on (a restart would read epoch 0).
  assert.equal(await number(page, 'epoch'), 3, 'the network was not restarted');
  await page.getByTestId('step').click();
  assert.equal(await number(page, 'epoch'), 4);
  assert.notEqual(lossBefore, '', 'a loss was shown');
  assert.deepEqual(problems.errors, []);
});

test('with the keyboard alone: a cursor on the plot adds a point, and arrows walk the weights to retype one', async () => {
  const { page, problems } = await open('&points=100&train=100&val=0&dataset=gaussian&layers=2');
  for (let i = 0; i < 2; i++) await page.getByTestId('step').click();
  // The plot: focus shows a cursor at the centre; arrows move it half a unit (Shift: a tenth).
  await page.getByTestId('boundary').focus();
  assert.match(await page.getByTestId('plane-cursor').innerText(), /x₁ = 0(\.0)?, x₂ = 0(\.0)?/);
  const plain = await canvasFingerprint(page, 'boundary');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  assert.match(await page.getByTestId('plane-cursor').innerText(), /x₁ = 1(\.0)?, x₂ = 0\.6/);
  assert.notEqual((await canvasFingerprint(page, 'boundary')).sum, plain.sum, 'the cursor is drawn');
  await page.keyboard.press('2');
  assert.equal(await page.getByTestId('add-class-1').getAttribute('aria-checked'), 'true', 'the digit picks the class');
  await page.keyboard.press('Enter');
  assert.ok(await waitFor(async () => (await page.getByTestId('count-train').innerText()) === '101', 3000));
  assert.equal(await number(page, 'epoch'), 2, 'Enter added a point; it neither stepped nor restarted training');
  assert.equal(await page.getByTestId('play').getAttribute('aria-pressed') ?? 'false', 'false', 'Space/Enter on the plot did not press Play');

  // The diagram: the first arrow selects the first hidden neuron's bias, the next its weight from x₁.
  await page.getByTestId('network').focus();
  await page.keyboard.press('ArrowDown');
  assert.match(await page.getByTestId('network-hover').innerText(), /neuron 1 of layer 1, bias/);
  await page.keyboard.press('ArrowDown');
  assert.match(await page.getByTestId('network-hover').innerText(), /^weight x₁ → h1,1: /);
  await page.keyboard.press('Enter');
  await page.getByTestId('weight-editor').waitFor();
  // The editor focuses its input on the frame after it appears (as a person would see it).
  const focused = () => page.evaluate(() => document.activeElement?.dataset?.testid);
  assert.ok(await waitFor(async () => (await focused()) === 'weight-input', 2000), `the editor takes the focus (it is on ${await focused()})`);
  await page.keyboard.type('2.5');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'network', 'Escape returns to the diagram');
  assert.match(await page.getByTestId('network-hover').innerText(), /^weight x₁ → h1,1: 2\.5/);
  assert.equal(await page.getByTestId('weight-editor').count(), 0);
  assert.deepEqual(problems.errors, []);
});

test('at 1280 × 800 the network, the loss curve and the plot share the first screen', async () => {
  const laptop = await launch({ viewport: { width: 1280, height: 800 } });
  try {
    const { page, problems } = await openPage(laptop.context, srv.base);
    await page.goto(`${srv.base}?lab=playground`);
    await page.getByTestId('lab-playground').waitFor();
    const net = await page.getByTestId('network').boundingBox();
    const chart = await page.getByTestId('loss-chart').boundingBox();
    const plane = await page.getByTestId('boundary').boundingBox();
    console.log(`# playground at 1280×800: network ${Math.round(net.width)}×${Math.round(net.height)} ending at ${Math.round(net.y + net.height)}, loss chart ending at ${Math.round(chart.y + chart.height)}, plot ${Math.round(plane.width)} px from ${Math.round(plane.y)}`);
    assert.ok(net.y + net.height <= 800, `the network diagram ends at ${net.y + net.height}px`);
    assert.ok(net.height >= 240 && net.width >= 380, `the network diagram is ${net.width}×${net.height}`);
    assert.ok(chart.y + chart.height <= 800, `the loss chart ends at ${chart.y + chart.height}px`);
    assert.ok(plane.y + 0.75 * plane.height <= 800 && plane.width >= 280, `the plot (${plane.width}px from ${plane.y}px) is mostly in view`);
    assert.deepEqual(problems.errors, []);
  } finally {
    await laptop.close();
  }
});

test('usable on a 375 px phone', async () => {
  const phone = await launch({ viewport: { width: 375, height: 800 } });
  try {
    const { page, problems } = await openPage(phone.context, srv.base);
    await page.goto(`${srv.base}?lab=playground`);
    await page.getByTestId('lab-playground').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    const b = await page.getByTestId('boundary').boundingBox();
    assert.ok(b.width > 200 && b.width <= 375, `boundary ${b.width}px wide`);
    assert.deepEqual(problems.errors, []);
  } finally {
    await phone.close();
  }
});

test('a classroom link hides the chosen controls, and the panel edits the list', async () => {
  const { page, problems } = await open('&hide=noise,lr,help');
  assert.equal(await page.getByTestId('noise').isVisible(), false);
  assert.equal(await page.getByTestId('lr').isVisible(), false);
  assert.equal(await page.getByTestId('batch').isVisible(), true);
  await page.getByTestId('classroom').locator('summary').click();
  await page.getByTestId('hide-batch').check();
  assert.ok(await waitFor(() => param(page, 'hide') === 'noise,lr,batch,help', 3000), param(page, 'hide'));
  assert.equal(await page.getByTestId('batch').isVisible(), false);
  await page.getByTestId('hide-noise').uncheck();
  assert.ok(await waitFor(() => page.getByTestId('noise').isVisible(), 3000));
  assert.deepEqual(problems.errors, []);
});

test('data set pictures pick the data set', async () => {
  const { page, problems } = await open();
  const thumb = await page.getByTestId('dataset-spiral').locator('canvas').evaluate((c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] !== 245) n++; return { painted: n }; });
  assert.ok(thumb.painted > 0);
  await page.getByTestId('dataset-spiral').click();
  assert.ok(await waitFor(() => param(page, 'dataset') === 'spiral', 3000));
  assert.equal(await page.getByTestId('dataset').inputValue(), 'spiral');
  await page.getByTestId('dataset-plane').click();
  assert.ok(await waitFor(() => param(page, 'problem') === 'regression', 3000));
  assert.deepEqual(problems.errors, []);
});

test('clicking a neuron lets you type its bias, and the prediction follows', async () => {
  const { page, problems } = await open('&dataset=gaussian&layers=4,2');
  const net = await page.getByTestId('network').boundingBox();
  // Default layout: four columns (2 inputs, 4, 2, 1 output) after a 44 px label strip; the
  // single output neuron sits in the middle of the last column.
  const x = 44 + (net.width - 44) * (3.5 / 4);
  await page.getByTestId('network').hover({ position: { x, y: net.height / 2 } });
  assert.match(await page.getByTestId('network-hover').innerText(), /bias/);
  await page.getByTestId('network').click({ position: { x, y: net.height / 2 } });
  await page.getByTestId('weight-editor').waitFor();
  const before = await canvasFingerprint(page, 'boundary');
  await page.getByTestId('weight-input').fill('5');
  await page.getByTestId('weight-input').press('Enter');
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'boundary')).sum !== before.sum, 3000), 'boundary follows the new bias');
  await page.getByTestId('weight-input').fill('1e9');
  await page.getByTestId('weight-input').press('Enter');
  await page.getByRole('alert').filter({ hasText: '1000' }).waitFor({ timeout: 3000 });
  assert.deepEqual(problems.errors, []);
});

test('by default training goes at a pace the eye can follow: ten epochs a second', async () => {
  const { page, problems } = await open('&dataset=circle&seed=3');
  assert.equal(await page.getByTestId('speed').inputValue(), 'watch');
  const epochs = await epochsPlayedFor(page, 3000);
  console.log(`# playground: ${epochs} epochs in the first 3 s at the default speed`);
  // Ten a second: about 30 in 3 s (a little more for the click's own frames), never thousands.
  assert.ok(epochs >= 15 && epochs <= 40, `${epochs} epochs in 3 s`);
  assert.ok((await number(page, 'loss-train')) > 0, 'the loss is still a number to watch, not 0.000');
  assert.deepEqual(problems.errors, []);
});

test('the speed control slows training down to one mini-batch per frame', async () => {
  const { page, problems } = await open('&dataset=circle&points=300&train=60&batch=10&speed=batch');
  assert.equal(await page.getByTestId('speed').inputValue(), 'batch');
  // 180 training points in batches of 10: 18 frames per epoch, so at most ~6 epochs in 1.5 s.
  const slow = await epochsPlayedFor(page, 1500);
  assert.ok(slow >= 1 && slow <= 8, `slow motion trained ${slow} epochs`);
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('reset').click();
  const fast = await epochsPlayedFor(page, 1500);
  assert.ok(fast > 5 * slow, `as fast as possible trained ${fast} epochs`);
  assert.deepEqual(problems.errors, []);
});

test('every control is reachable with Tab and shows where the focus is', async () => {
  const { page, problems } = await open();
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  const seen = new Set();
  let outlined = 0;
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = el ? getComputedStyle(el) : null;
      return { id: el?.dataset?.testid ?? null, outline: style ? style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 : false };
    });
    if (info.id) {
      seen.add(info.id);
      if (info.outline) outlined++;
    }
  }
  for (const id of ['lang', 'reset', 'play', 'step', 'speed', 'dataset', 'noise', 'points', 'seed', 'regenerate', 'train', 'val',
    'problem', 'feature-x1', 'layers', 'activation', 'loss', 'optimizer', 'lr', 'batch', 'reg', 'reg_rate',
    'show_test', 'discretize', 'test-eval', 'network', 'boundary']) {
    assert.ok(seen.has(id), `Tab never reaches ${id}`);
  }
  assert.ok(outlined >= seen.size * 0.9, `focus outline shown on ${outlined} of ${seen.size} stops`);
  assert.deepEqual(problems.errors, []);
});

test('the transport\'s Play trains (epochs count, the boundary moves) and R on a Hebrew keyboard resets', async () => {
  const { page, problems } = await open('&dataset=xor&layers=4&seed=5');
  await checkTransport(page, 'epoch', 'boundary');
  assert.deepEqual(problems.errors, []);
});
