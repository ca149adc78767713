// The embedding lab as a learner uses it: the default run makes king − man + woman come out as
// queen within 30 s of Play at ≥ 50 fps while the words visibly move; pointing at a word lists
// its neighbours; the analogy presets, a word the vocabulary lacks, the answer key and the
// parallelogram; pasted text; every setting in the address (the analogy too), a bad link shows
// the notice, a setting core refuses is named; the concept card; Hebrew right to left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'embedding', query);
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const verdict = (page) => page.getByTestId('analogy-verdict').getAttribute('data-verdict');

test('Play: king − man + woman gives queen within 30 s, at ≥ 50 fps, the words moving', async () => {
  const { page, problems } = await open();
  await page.getByTestId('epoch').waitFor();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await number(page, 'words')) === 0, 3000), 'R starts again');
  assert.notEqual(await verdict(page), 'right', 'random vectors do not know the answer');
  const start = await canvasFingerprint(page, 'projection');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const stamps = [];
    let reached = null;
    let moved = 0;
    let last = null;
    const t0 = performance.now();
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const v = document.querySelector('[data-testid="analogy-verdict"]');
      if (reached === null && v?.dataset.verdict === 'right') {
        reached = { ms: t - t0, words: document.querySelector('[data-testid="words"]').textContent, epoch: document.querySelector('[data-testid="epoch"]').textContent };
      }
      // The picture changes second after second: the words are moving (looked at once a
      // second, as reading the canvas back costs a frame's time).
      if (stamps.length % 60 === 0) {
        const c = document.querySelector('[data-testid="projection"]');
        const url = c.toDataURL();
        if (last !== null && url !== last) moved++;
        last = url;
      }
      if ((t - t0 < 8000 || reached === null) && t - t0 < 30000) requestAnimationFrame(tick);
      else resolve({ reached, moved, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }));
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  const wps = await number(page, 'wps');
  console.log(`# embedding lab, default run: king − man + woman → queen after ${result.reached ? `${(result.reached.ms / 1000).toFixed(1)} s (epoch ${result.reached.epoch}, ${result.reached.words} words)` : 'never'}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms; ${wps} words/s; the picture changed ${result.moved} times in ${Math.floor(deltas.length / 60)} looks`);
  assert.ok(result.reached && result.reached.ms <= 30000, 'the royalty analogy right within 30 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.ok(result.moved >= 5, `the words move (${result.moved})`);
  assert.notEqual((await canvasFingerprint(page, 'projection')).sum, start.sum);
  assert.match(await page.getByTestId('analogy-verdict').innerText(), /Right: queen is the expected answer/);
  const answers = await page.getByTestId('analogy-answers').locator('tbody tr').allInnerTexts();
  assert.equal(answers.length, 5);
  assert.match(answers[0], /^queen\s+0\.\d{3}$/);
  assert.ok(answers.every((a) => !/^(king|man|woman)\s/.test(a)), 'the question words are left out');
  assert.ok((await canvasFingerprint(page, 'similarity')).painted > 0, 'the heatmap is drawn');
  assert.ok((await canvasFingerprint(page, 'loss-chart')).painted > 0);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('pointing at a word lists its neighbours; epoch 0 against now; pinned axes; the vocabulary', async () => {
  const { page, problems } = await open('&speed=max');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000), 'the run ends');
  assert.equal(await number(page, 'epoch'), 10);
  assert.ok((await number(page, 'analogy-acc')) >= 80, 'most of the 396 analogies right after 10 epochs');
  assert.match(await page.getByTestId('neighbours-title').innerText(), /Nearest to “king”/);
  const places = await waitFor(async () => page.getByTestId('projection').getAttribute('data-places'), 3000);
  const queen = places.split(' ').map((p) => p.split(':')).find(([w]) => w === 'queen');
  assert.ok(queen, places);
  const box = await page.getByTestId('projection').boundingBox();
  await page.mouse.move(box.x + Number(queen[1]), box.y + Number(queen[2]));
  assert.ok(await waitFor(async () => /Nearest to “queen”/.test(await page.getByTestId('neighbours-title').innerText()), 3000), 'hover shows the word pointed at');
  const rows = await page.getByTestId('neighbours').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 8);
  assert.ok(rows.every((r) => /\s−?[01]\.\d{3}$/.test(r)), rows.join('|'));
  await page.mouse.move(box.x + 2, box.y + box.height - 2);
  // One-hot against learned; the same word's neighbours at epoch 0 and now.
  assert.match(await page.getByTestId('one-hot').innerText(), /328 zeros/);
  assert.match(await page.getByTestId('vector').innerText(), /^\((−?\d+\.\d\d, ){7}−?\d+\.\d\d, …\)$/);
  assert.equal(await page.getByTestId('neighbours-start').locator('tbody tr').count(), 5);
  assert.notDeepEqual(await page.getByTestId('neighbours-start').locator('tbody td:first-child').allInnerTexts(),
    await page.getByTestId('neighbours-now').locator('tbody td:first-child').allInnerTexts());
  // The corpus described, counted, subsampled.
  assert.match(await page.getByTestId('corpus-stats').innerText(), /9,400 sentences, 57,090 words, 328 different; vocabulary 328/);
  assert.equal(await page.getByTestId('vocabulary').locator('tbody tr').count(), 10);
  // Other words shown, and the axes pinned.
  await page.getByTestId('show').selectOption('capital');
  assert.ok(await waitFor(async () => param(page, 'show') === 'capital', 2000));
  assert.ok(await waitFor(async () => /paris/.test(await page.getByTestId('projection').getAttribute('data-places')), 3000));
  await page.getByTestId('pin').check();
  assert.ok(await waitFor(async () => param(page, 'pin') === 'true', 2000));
  assert.deepEqual(problems.errors, []);
});

test('the presets, a wrong answer explained, a word the vocabulary lacks', async () => {
  const { page, problems } = await open('&speed=max');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000));
  await page.getByTestId('preset-capital').click();
  assert.ok(await waitFor(async () => param(page, 'analogy') === 'paris,france,italy', 2000));
  assert.ok(await waitFor(async () => (await verdict(page)) === 'right', 3000));
  assert.match(await page.getByTestId('analogy-answers').locator('tbody tr').first().innerText(), /^rome/);
  await page.getByTestId('preset-tense').click();
  assert.ok(await waitFor(async () => /Right: swam/.test(await page.getByTestId('analogy-verdict').innerText()), 3000));
  // Fewer dimensions than relations: the same question may go wrong, and the page says where
  // the expected word ranks.
  const { page: small } = await open('&speed=max&dim=2&analogy=king,man,woman');
  assert.ok(await waitFor(async () => (await small.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000));
  const v = await verdict(small);
  if (v === 'wrong') assert.match(await small.getByTestId('analogy-verdict').innerText(), /Wrong: the corpus expects queen, which ranks \d+ \(cosine −?\d\.\d{3}\)/);
  assert.match(await small.getByTestId('why-wrong').innerText(), /dimensions/);
  await page.getByTestId('analogy-c').fill('zebra');
  await page.getByTestId('analogy-c').press('Enter');
  assert.ok(await waitFor(async () => (await verdict(page)) === 'missing', 3000));
  assert.match(await page.getByTestId('analogy-verdict').innerText(), /Not in the vocabulary: zebra/);
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address (the analogy too); a bad link and a refused setting are explained', async () => {
  const query = '&corpus=en&rounds=60&data=3&model=cbow&dim=20&window=3&negatives=8&lr=0.05&decay=false&sample=0.0001&min_count=3'
    + '&epochs=4&seed=9&analogy=paris,france,italy&word=rome&show=capital&pin=true&speed=slow';
  const { page, problems } = await open(query);
  await page.getByTestId('epoch').waitFor();
  for (const [id, value] of [['rounds', '60'], ['dim', '20'], ['window', '3'], ['negatives', '8'], ['lr', '0.05'], ['sample', '0.0001'], ['min_count', '3'], ['epochs', '4']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['corpus', 'en'], ['model', 'cbow'], ['show', 'capital'], ['speed', 'slow'], ['seed', '9'], ['word', 'rome'],
    ['analogy-a', 'paris'], ['analogy-b', 'france'], ['analogy-c', 'italy']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  assert.equal(await page.getByTestId('decay').isChecked(), false);
  assert.equal(await page.getByTestId('pin').isChecked(), true);
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  // The analogy typed in goes to the address.
  await page.getByTestId('analogy-a').fill('Berlin');
  await page.getByTestId('analogy-a').press('Enter');
  assert.ok(await waitFor(async () => param(page, 'analogy') === 'berlin,france,italy', 2000));
  const { page: bad } = await open('&model=glove&dim=500&analogy=king,man&lr=banana&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['model', 'dim', 'analogy', 'lr']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await number(bad, 'words')) > 0, 15000), 'trains with the defaults');
  assert.equal(await bad.getByTestId('analogy-a').inputValue(), 'king');
  // One round of sentences (1,427 words), every word seen fewer than 1,000 times: no
  // vocabulary left.
  const { page: refused } = await open('&rounds=1&min_count=1000');
  await refused.getByTestId('model-error').waitFor({ timeout: 5000 });
  assert.match(await refused.getByTestId('model-error').innerText(), /vocabulary/);
  assert.equal(await refused.getByTestId('min_count').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems.errors, []);
});

test('pasted text trains and stays in the browser; the concept card; Hebrew right to left', async () => {
  const { page, problems } = await open('&speed=max');
  await page.getByTestId('epoch').waitFor();
  const text = 'the cat sat on the mat. the dog sat on the log. a cat and a dog played in the garden. '.repeat(20);
  await page.getByTestId('paste').fill(text);
  await page.getByTestId('paste-train').click();
  assert.ok(await waitFor(async () => param(page, 'corpus') === 'pasted' && param(page, 'show') === 'frequent', 2000));
  assert.match(await page.getByTestId('corpus-stats').innerText(), /60 sentences, 420 words/);
  assert.ok(await waitFor(async () => (await number(page, 'words')) > 0, 5000));
  // A link to pasted text opens with the text this browser kept.
  const { page: again } = await open('&corpus=pasted');
  await again.getByTestId('epoch').waitFor();
  assert.match(await again.getByTestId('corpus-stats').innerText(), /60 sentences/);
  const { page: home } = await openPage(browser.context, srv.base);
  await home.goto(srv.base);
  await home.getByTestId('home').waitFor();
  await home.getByTestId('concept-18').getByRole('link').click();
  await home.getByTestId('lab-embedding').waitFor();
  assert.equal(param(home, 'analogy'), 'king,man,woman');
  const { page: he } = await open('&lang=he&speed=max');
  await he.getByTestId('epoch').waitFor();
  assert.equal(await he.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await he.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.ok(await waitFor(async () => param(he, 'corpus') === 'he', 2000), 'a Hebrew page opens on the Hebrew corpus');
  assert.equal(await he.getByTestId('analogy-a').inputValue(), 'מלך');
  assert.ok(await waitFor(async () => (await he.getByTestId('play').getAttribute('aria-pressed')) === 'false', 20000));
  assert.ok(await waitFor(async () => (await verdict(he)) === 'right', 3000));
  assert.match(await he.getByTestId('analogy-verdict').innerText(), /נכון: מלכה/);
  assert.match(await he.getByTestId('corpus-about').innerText(), /[\u0590-\u05FF]/);
  assert.deepEqual(problems.errors, []);
});
