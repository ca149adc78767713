// The generative lab as a learner uses it: the default spiral learned (80 % of the probe's
// samples on the shape) within 60 s of Play at ≥ 50 fps, the preview changing as it learns; the
// forward process under the t slider with ᾱ_t by hand; a generation walking from noise to the
// shape step by step under the score's arrows (the button, one step, the G key, DDIM); a drawn
// shape whose strokes travel in the address; the conditional model with guidance; every
// setting in the address, a bad link's notice; the concept card; Hebrew right to left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'generative', query, 'steps-done');
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const progress = (page) => page.getByTestId('gen-progress').innerText();
/** The training steps done, from "1,250 / 6,000". */
const stepsDone = async (page) => Number((await page.getByTestId('steps-done').innerText()).split('/')[0].replace(/[^0-9]/g, ''));
const finished = (page, ms) => waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', ms);

test('Play: the default spiral is learned within 60 s, at ≥ 50 fps, the preview gathering on the shape', async () => {
  const { page, problems } = await open();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await stepsDone(page)) === 0, 3000), 'R starts again');
  assert.match(await page.getByTestId('learned-at').innerText(), /not yet/);
  const untrained = Number(await page.getByTestId('preview-canvas').getAttribute('data-on-shape'));
  const start = await canvasFingerprint(page, 'preview-canvas');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const stamps = [];
    let learned = null;
    const t0 = performance.now();
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const c = document.querySelector('[data-testid="preview-canvas"]');
      if (learned === null && Number(c.dataset.onShape) >= 0.8) {
        learned = { ms: t - t0, steps: document.querySelector('[data-testid="steps-done"]').textContent, onShape: c.dataset.onShape };
      }
      if ((t - t0 < 8000 || learned === null) && t - t0 < 70000) requestAnimationFrame(tick);
      else resolve({ learned, elapsed: t - t0, steps: document.querySelector('[data-testid="steps-done"]').textContent, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }));
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  const steps = Number(result.learned?.steps.split('/')[0].replace(/[^0-9]/g, '') ?? 0);
  console.log(`# generative lab, default spiral: ${result.learned ? `80 % on the shape after ${(result.learned.ms / 1000).toFixed(1)} s (${result.learned.steps} steps, ${(steps / (result.learned.ms / 1000)).toFixed(0)} steps/s, on the shape ${result.learned.onShape}; untrained ${untrained})` : `not learned in ${(result.elapsed / 1000).toFixed(0)} s (${result.steps})`}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms`);
  assert.ok(untrained < 0.3, `an untrained model's samples are a blob (${untrained})`);
  assert.ok(result.learned && result.learned.ms <= 60000, 'the samples reach the shape within 60 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.notEqual((await canvasFingerprint(page, 'preview-canvas')).sum, start.sum, 'the preview changed');
  assert.ok(await waitFor(async () => /step/.test(await page.getByTestId('learned-at').innerText()), 2000));
  assert.ok(Number(await page.getByTestId('quality-chart').getAttribute('data-points')) > 5);
  assert.ok(Number(await page.getByTestId('loss-chart').getAttribute('data-points')) > 5);
  assert.match(await page.getByTestId('quality-help').innerText(), /A second real sample scores (9\d|100)% and (9\d|100)%/);
  // The run ends by itself and a generation starts: noise flows back to the shape.
  assert.ok(await finished(page, 40000), 'the run ends');
  assert.ok(await waitFor(async () => /Step 100 of 100/.test(await progress(page)), 10000), await progress(page));
  const text = await progress(page);
  const onShape = Number(text.match(/(\d+)% on the shape/)?.[1]);
  console.log(`# generative lab, the generation after the run: ${text}`);
  assert.ok(onShape >= 80, text);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('the forward process: t dissolves the shape, ᾱ_t read out as computed by hand', async () => {
  const { page, problems } = await open('&t=0');
  const clean = await canvasFingerprint(page, 'forward-canvas');
  // At t = 0 the data itself: ᾱ = 1, all data and no noise.
  assert.match(await page.getByTestId('t-readout').innerText(), /ᾱ_t = 1(\.000)?: each point is 1(\.00)? data and 0(\.00)? noise/);
  // Cosine, T = 100, t = 50: ᾱ = f(50)/f(0) with f(t) = cos²((t/T + 0.008)/1.008 · π/2):
  // f(50) = cos²(0.503968 · 1.570796) = cos²(0.791640) = 0.70268² = 0.49376; f(0) =
  // cos²(0.012467) = 0.99984; ᾱ = 0.4938, √ᾱ = 0.703, √(1 − ᾱ) = 0.711.
  await page.getByTestId('t').fill('50');
  assert.ok(await waitFor(async () => param(page, 't') === '50', 2000));
  assert.match(await page.getByTestId('t-readout').innerText(), /ᾱ_t = 0\.494: each point is 0\.70 data and 0\.71 noise/);
  const half = await canvasFingerprint(page, 'forward-canvas');
  assert.notEqual(half.sum, clean.sum, 'the cloud moved');
  await page.getByTestId('t').fill('100');
  assert.match(await page.getByTestId('t-value').innerText(), /100 \/ 100/);
  // The linear schedule wipes the shape out sooner: at t = 50 of 100 less data is left.
  await page.getByTestId('t').fill('50');
  await page.getByTestId('schedule').selectOption('linear');
  assert.ok(await waitFor(async () => param(page, 'schedule') === 'linear', 2000));
  const linear = await page.getByTestId('t-readout').innerText();
  const ab = Number(linear.match(/ᾱ_t = ([0-9.]+)/)[1]);
  assert.ok(ab < 0.1, `linear at t = 50 of 100: ᾱ ${ab}`);
  assert.deepEqual(problems.errors, []);
});

test('generating: the button, one step back, G, DDIM; the arrows change with t', async () => {
  const { page, problems } = await open('&steps=1000&samples=500');
  assert.ok(await finished(page, 30000), 'a short run ends');
  assert.ok(await waitFor(async () => /Step 100 of 100/.test(await progress(page)), 10000), 'and generates by itself');
  // One step back from fresh noise: t goes from T = 100 to 99.
  await page.getByTestId('gen-step').click();
  assert.ok(await waitFor(async () => /^Step 1 of 100 · t = 99$/.test(await progress(page)), 2000), await progress(page));
  const one = await canvasFingerprint(page, 'generation-canvas');
  await page.getByTestId('gen-step').click();
  assert.ok(await waitFor(async () => /^Step 2 of 100 · t = 98$/.test(await progress(page)), 2000), await progress(page));
  assert.notEqual((await canvasFingerprint(page, 'generation-canvas')).sum, one.sum, 'the points moved');
  // G on the keyboard generates anew, and the animation runs to its end in about 4 s.
  await pressKey(page, 'KeyG', 'g');
  assert.ok(await waitFor(async () => !/^Step 2 of 100/.test(await progress(page)), 2000), 'G started a generation');
  assert.ok(await waitFor(async () => /Step 100 of 100/.test(await progress(page)), 8000), await progress(page));
  // DDIM in 10 steps.
  await page.getByTestId('sampler').selectOption('ddim');
  await page.getByTestId('ddim_steps').fill('2');
  assert.ok(await waitFor(async () => param(page, 'ddim_steps') === '10', 2000), param(page, 'ddim_steps'));
  await page.getByTestId('generate').click();
  assert.ok(await waitFor(async () => /Step 10 of 10/.test(await progress(page)), 8000), await progress(page));
  // Without a generation on screen the arrows are the score at the slider's t: they change with it.
  // (a new sampler setting drops the generation on screen)
  await page.getByTestId('samples').fill('0');
  assert.ok(await waitFor(async () => (await progress(page)) === '', 2000), await progress(page));
  await page.getByTestId('t').fill('5');
  await sleep(300);
  const near = await canvasFingerprint(page, 'generation-canvas');
  await page.getByTestId('t').fill('90');
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'generation-canvas')).sum !== near.sum, 2000), 'the arrows change with t');
  await page.getByTestId('arrows').uncheck();
  assert.ok(await waitFor(async () => param(page, 'arrows') === 'false', 2000));
  assert.deepEqual(problems.errors, []);
});

test('a drawn shape: strokes on the pad become classes, the address keeps them, undo and the letter', async () => {
  const { page, problems } = await open('&target=drawn&speed=slow');
  // An empty drawing cannot be learned: the notice says what to do.
  assert.match(await page.getByTestId('model-error').innerText(), /draw at least one line/);
  const pad = page.getByTestId('pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  const stroke = async (from, to) => {
    await page.mouse.move(box.x + from[0] * box.width, box.y + from[1] * box.height);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) {
      await page.mouse.move(box.x + (from[0] + (to[0] - from[0]) * k / 10) * box.width, box.y + (from[1] + (to[1] - from[1]) * k / 10) * box.height);
    }
    await page.mouse.up();
  };
  await stroke([0.2, 0.2], [0.8, 0.8]);
  assert.ok(await waitFor(async () => param(page, 'strokes')?.length >= 8, 2000), `one stroke: ${param(page, 'strokes')}`);
  assert.ok(await waitFor(async () => (await page.getByTestId('model-error').count()) === 0, 2000), 'one stroke is a shape');
  await stroke([0.8, 0.2], [0.2, 0.8]);
  assert.ok(await waitFor(async () => param(page, 'strokes')?.split('.').length === 2, 2000), `two strokes: ${param(page, 'strokes')}`);
  // Two strokes, two classes to ask for.
  await page.getByTestId('conditional').check();
  assert.ok(await waitFor(async () => (await page.getByTestId('class').locator('option').count()) === 3, 2000), `options: ${await page.getByTestId('class').locator('option').count()}`);
  const kept = param(page, 'strokes');
  await page.reload();
  await page.getByTestId('steps-done').waitFor();
  assert.equal(param(page, 'strokes'), kept, 'a reload keeps the drawing');
  await page.getByTestId('undo-stroke').click();
  assert.ok(await waitFor(async () => param(page, 'strokes')?.split('.').length === 1, 2000), `undo: ${param(page, 'strokes')}`);
  await page.getByTestId('start-aleph').click();
  assert.ok(await waitFor(async () => param(page, 'strokes')?.split('.').length === 3, 2000), 'the letter: three strokes');
  await page.getByTestId('clear-drawing').click();
  assert.ok(await waitFor(async () => param(page, 'strokes') === null, 2000), `cleared: ${param(page, 'strokes')}`);
  assert.deepEqual(problems.errors, []);
});

test('conditioning: one arm of the spiral with guidance', async () => {
  const { page, problems } = await open('&speed=max');
  await page.getByTestId('try-arm').click();
  assert.ok(await waitFor(async () => param(page, 'conditional') === 'true' && param(page, 'guidance') === '3' && param(page, 'class') === '1', 2000));
  assert.equal(await page.getByTestId('class').inputValue(), '1');
  assert.ok(await finished(page, 60000), 'the conditional run ends');
  assert.ok(await waitFor(async () => /Step 100 of 100/.test(await progress(page)), 10000), await progress(page));
  // Half the spiral asked for: the samples sit on the shape, and cover about half of it.
  const text = await progress(page);
  console.log(`# generative lab, arm 1 with guidance 3: ${text}`);
  const [onShape, covered] = [...text.matchAll(/(\d+)%/g)].map((m) => Number(m[1]));
  assert.ok(onShape >= 90 && covered <= 65, text);
  assert.deepEqual(problems.errors, []);
});

test('the GAN: D and G one at a time, the balanced default covering the eight Gaussians, mode collapse on demand', async () => {
  const { page, problems } = await open('&target=gaussians&gan_rounds=2000');
  await pressKey(page, 'Space', ' ');  // the diffusion model pauses: the GAN has the frame
  const canvas = page.getByTestId('gan-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const fresh = await canvasFingerprint(page, 'gan-canvas');
  // D alone learns: its verdict (the heatmap) changes, the round counter does not.
  await page.getByTestId('gan-step-d').click();
  assert.ok(await waitFor(async () => (await canvasFingerprint(page, 'gan-canvas')).sum !== fresh.sum, 2000), 'D moved the heatmap');
  assert.match(await page.getByTestId('gan-rounds').innerText(), /^0 \//);
  await page.getByTestId('gan-round').click();
  assert.ok(await waitFor(async () => /^1 \//.test(await page.getByTestId('gan-rounds').innerText()), 2000));
  // The balanced default: all eight modes within its 2,000 rounds.
  await page.getByTestId('gan-reset').click();
  await page.getByTestId('gan-play').click();
  const t0 = Date.now();
  assert.ok(await waitFor(async () => (await page.getByTestId('gan-play').getAttribute('aria-pressed')) === 'false', 60000), 'the GAN run ends');
  const seconds = (Date.now() - t0) / 1000;
  const balanced = await page.getByTestId('gan-modes').innerText();
  const verdicts = `D(x) ${await page.getByTestId('gan-real').innerText()}, D(G(z)) ${await page.getByTestId('gan-fake').innerText()}`;
  console.log(`# generative lab, GAN on the eight Gaussians: 2,000 rounds in ${seconds.toFixed(1)} s, ${balanced} modes, ${verdicts}`);
  assert.match(balanced, /^8 of 8$/);
  assert.ok(Number(await canvas.getAttribute('data-rounds')) === 2000);
  // Mode collapse: G ten times faster than D.
  await page.getByTestId('gan-collapse').click();
  assert.ok(await waitFor(async () => param(page, 'gan_lr_g') === '0.005' && param(page, 'gan_lr_d') === '0.0005', 2000), `${param(page, 'gan_lr_g')} ${param(page, 'gan_lr_d')}`);
  assert.ok(await waitFor(async () => (await page.getByTestId('gan-play').getAttribute('aria-pressed')) === 'false', 60000), 'the collapsing run ends');
  const collapsed = await page.getByTestId('gan-modes').innerText();
  console.log(`# generative lab, GAN mode collapse: ${collapsed} modes`);
  assert.ok(Number(collapsed.split(' ')[0]) <= 2, collapsed);
  await page.getByTestId('gan-balanced').click();
  assert.ok(await waitFor(async () => param(page, 'gan_lr_g') === '0.0005' && param(page, 'gan_lr_d') === '0.002', 2000), 'back to the default rates');
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address; a bad link is explained', async () => {
  const query = '&target=moons&points=1000&width=32&depth=2&timesteps=200&schedule=linear&lr=0.01&batch=64&steps=2000&fourier=false'
    + '&conditional=true&seed=9&speed=slow&t=150&sampler=ddim&ddim_steps=20&samples=500&class=2&guidance=1&arrows=false'
    + '&gan_lr_d=0.001&gan_lr_g=0.001&gan_k=2&gan_loss=minimax&gan_rounds=5000';
  const { page, problems } = await open(query);
  for (const [id, value] of [['width', '32'], ['depth', '2'], ['timesteps', '200'], ['lr', '0.01'], ['batch', '64'], ['steps', '2000'],
    ['ddim_steps', '20'], ['samples', '500'], ['guidance', '1'], ['points', '1000'], ['t', '150 / 200'],
    ['gan_lr_d', '0.001'], ['gan_lr_g', '0.001'], ['gan_k', '2'], ['gan_rounds', '5000']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['target', 'moons'], ['schedule', 'linear'], ['sampler', 'ddim'], ['speed', 'slow'], ['seed', '9'], ['class', '2'], ['gan_loss', 'minimax']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  assert.equal(await page.getByTestId('fourier').isChecked(), false);
  assert.equal(await page.getByTestId('conditional').isChecked(), true);
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  const { page: bad } = await open('&target=cat&width=0&strokes=12&guidance=99&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['target', 'width', 'strokes', 'guidance']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await stepsDone(bad)) > 0, 10000), 'runs with the defaults');
  assert.deepEqual(problems.errors, []);
});

test('the concept card; Hebrew right to left', async () => {
  const { page: home, problems } = await openPage(browser.context, srv.base);
  await home.goto(srv.base);
  await home.getByTestId('home').waitFor();
  await home.getByTestId('concept-24').getByRole('link').click();
  await home.getByTestId('lab-generative').waitFor();
  assert.equal(param(home, 'target'), 'spiral');
  assert.ok(await waitFor(async () => (await stepsDone(home)) > 100, 10000), 'the preset trains');
  const { page: he } = await open('&lang=he&steps=500');
  assert.equal(await he.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await he.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.match(await he.getByTestId('generate').innerText(), /ייצור/);
  assert.match(await he.getByTestId('learned-at').innerText(), /[\u0590-\u05FF]/);
  assert.deepEqual(problems.errors, []);
});
