// The language lab as a learner uses it: the default transformer's validation perplexity goes
// below the bigram's within 60 s of Play at ≥ 50 fps; text cut into tokens, in English and
// Hebrew, replayed merge by merge; the next-token table reshaped by temperature and top-k; the
// model writing a token at a time; pasted text; every setting in the address, a bad link and a
// refused setting explained, the test set once, the concept card, and Hebrew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, canvasFingerprint, number, waitFor, sleep, openLab, openPage, pressKey } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const open = (query = '') => openLab(browser, srv.base, 'language', query);
const param = (page, name) => new URL(page.url()).searchParams.get(name);
const percents = async (page, column) =>
  (await page.getByTestId('next-tokens').locator(`tbody tr td:nth-child(${column})`).allInnerTexts()).map((t) => Number.parseFloat(t));

test('Play: below the bigram\'s validation perplexity within 60 s, at ≥ 50 fps', async () => {
  const { page, problems } = await open();
  await page.getByTestId('epoch').waitFor();
  await pressKey(page, 'KeyR', 'r');
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) === 0, 3000), 'R starts again');
  const result = await page.evaluate(() => new Promise((resolve) => {
    const stamps = [];
    let reached = null;
    const t0 = performance.now();
    const read = (id) => Number.parseFloat(document.querySelector(`[data-testid="${id}"]`).textContent);
    document.querySelector('[data-testid="play"]').click();
    const tick = (t) => {
      stamps.push(t);
      const [val, bigram] = [read('ppl-val'), read('ppl-bigram')];
      if (reached === null && val < bigram) reached = { ms: t - t0, epoch: document.querySelector('[data-testid="epoch"]').textContent, val, bigram };
      if ((t - t0 < 8000 || reached === null) && t - t0 < 60000) requestAnimationFrame(tick);
      else resolve({ reached, deltas: stamps.slice(1).map((s, i) => s - stamps[i]) });
    };
    requestAnimationFrame(tick);
  }));
  const deltas = result.deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)];
  const p95 = deltas[Math.floor(deltas.length * 0.95)];
  const r = result.reached;
  console.log(`# language lab: validation perplexity below the bigram's after ${r ? `${(r.ms / 1000).toFixed(1)} s (epoch ${r.epoch}, ${r.val} against ${r.bigram})` : 'never'}; frames ${deltas.length}, median ${median.toFixed(1)} ms (${(1000 / median).toFixed(1)} fps), p95 ${p95.toFixed(1)} ms`);
  assert.ok(r && r.ms <= 60000, 'below the bigram within 60 s of Play');
  assert.ok(1000 / median >= 50, `median frame rate ${(1000 / median).toFixed(1)} fps < 50`);
  assert.ok((await canvasFingerprint(page, 'perplexity-chart')).painted > 0, 'the curves are drawn');
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('tokens: a page of its own; any text cut into tokens with ids, in English and Hebrew; the merges replayed', async () => {
  const { page: model, problems } = await open('&vocab=300');
  await model.getByTestId('epoch').waitFor();
  await model.getByTestId('part-tokens').click();
  await model.getByTestId('tokens').locator('li').first().waitFor();
  assert.equal(param(model, 'part'), 'tokens');
  assert.equal(await model.getByTestId('epoch').count(), 0, 'no transformer on the tokens page');
  const { page } = await open('&part=tokens');
  await page.getByTestId('tokens').locator('li').first().waitFor();
  const count = async () => page.getByTestId('tokens').locator('li').count();
  const trained = await count();
  assert.match(await page.getByTestId('token-count').innerText(), /^31 characters → \d+ tokens$/);
  assert.match(await page.getByTestId('vocab-stats').innerText(), /Vocabulary: 300 tokens — <unk>, \d+ characters, \d+ merges/);
  // No merge: a token per character, each space a ▁ and one ▁ in front: 26 + 6.
  await page.getByTestId('merges').fill('0');
  assert.ok(await waitFor(async () => (await count()) === 32, 3000), `${await count()} tokens without merges`);
  assert.ok(await waitFor(async () => param(page, 'merges') === '0', 2000), 'the merges shown are in the address');
  assert.equal(await page.getByTestId('merge-table').locator('tbody tr').count(), 0);
  await page.getByTestId('replay').click();
  assert.ok(await waitFor(async () => { const n = await count(); return n < 32 && n > trained; }, 3000), 'the replay goes through fewer and fewer tokens');
  assert.ok(await waitFor(async () => param(page, 'merges') === '2000', 8000), 'the replay ends on every merge');
  assert.ok(await waitFor(async () => (await count()) === trained, 2000), 'and on the trained tokenizer');
  assert.equal(await page.getByTestId('merge-table').locator('tbody tr').count(), 8);
  // Hebrew through the same tokenizer: letters it never saw are <unk> in the English small world.
  await page.getByTestId('typed').fill('שלום strawberry');
  assert.ok(await waitFor(async () => param(page, 'text') === 'שלום strawberry', 2000));
  assert.ok(await waitFor(async () => (await page.getByTestId('tokens').locator('li.unknown').count()) === 4, 3000), 'four unknown Hebrew letters');
  // strawberry never occurs in the small world (a held-out spelling word): it falls apart into pieces.
  assert.ok((await count()) >= 1 + 4 + 4, `${await count()} tokens`);
  const { page: he } = await open('&part=tokens&corpus=he&text=שלום strawberry');
  await he.getByTestId('tokens').locator('li').first().waitFor();
  assert.ok(await waitFor(async () => (await he.getByTestId('tokens').locator('li').count()) > 0, 5000));
  const hebrewTokens = await he.getByTestId('tokens').locator('li:not(.unknown) .lm-token-text').allInnerTexts();
  assert.ok(hebrewTokens.some((t) => /[\u0590-\u05FF]{2,}/.test(t)), `Hebrew tokens of several letters: ${hebrewTokens}`);
  assert.deepEqual(problems.errors, []);
});

test('the next token: temperature 0 is one certain token, top-k keeps k; the model writes a token at a time', async () => {
  const { page, problems } = await open('&speed=max&epochs=3');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 30000), 'three epochs');
  await page.getByTestId('next-tokens').waitFor();
  const raw = await percents(page, 2);
  assert.equal(raw.length, 10);
  assert.ok(raw.every((p, i) => i === 0 || p <= raw[i - 1]), `sorted: ${raw}`);
  assert.deepEqual(await percents(page, 3), raw, 'no setting: the same distribution');
  await page.getByTestId('top_k').fill('3');
  assert.ok(await waitFor(async () => (await percents(page, 3)).filter((p) => p > 0).length === 3, 3000), 'top-k 3 keeps three');
  const kept = (await percents(page, 3)).slice(0, 3).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(kept - 100) < 0.5, `renormalised to 100 % (${kept})`);
  await page.getByTestId('temperature').fill('0');
  assert.ok(await waitFor(async () => (await percents(page, 3))[0] === 100, 3000), 'greedy: all on the most probable');
  assert.equal(await page.getByTestId('greedy-note').isVisible(), true);
  assert.ok(await waitFor(async () => param(page, 'temperature') === '0', 2000));
  // Writing streams: part of the text first, then all of it.
  await page.getByTestId('length').fill('40');
  await page.getByTestId('write').click();
  const early = (await page.getByTestId('written').innerText()).length;
  assert.ok(await waitFor(async () => !(await page.getByTestId('written').innerText()).includes('▍'), 8000), 'done writing');
  const done = await page.getByTestId('written').innerText();
  assert.ok(done.length > early, `streamed: ${early} then ${done.length} characters`);
  assert.match(done, /^Q: .*A:/);
  assert.match(await page.getByTestId('repeated').innerText(), /^\d+(\.\d)?% of its three-token runs repeat/);
  // The same prompt, seed and settings write the same text.
  await page.getByTestId('write').click();
  assert.ok(await waitFor(async () => !(await page.getByTestId('written').innerText()).includes('▍'), 8000));
  assert.equal(await page.getByTestId('written').innerText(), done);
  await page.getByTestId('prompt').fill('Q: What colour is the sky? A:');
  await page.getByTestId('prompt').blur();
  assert.ok(await waitFor(async () => param(page, 'prompt') === 'Q: What colour is the sky? A:', 2000));
  assert.match(await page.getByTestId('written').innerText(), /^Q: What colour is the sky\? A:\s*$/);
  // One token at a time, by hand.
  await page.getByTestId('write-step').click();
  const one = (await page.getByTestId('written').innerText()).length;
  await page.getByTestId('write-step').click();
  assert.ok(await waitFor(async () => (await page.getByTestId('written').innerText()).length > one, 2000), 'a second token');
  assert.deepEqual(problems.errors, []);
});

test('the same questions asked six ways, and letter counts with and without spelling first, measured over every question', async () => {
  const { page, problems } = await open('&speed=max&epochs=6');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 45000), 'six epochs');
  await page.getByTestId('ask-questions').click();
  assert.ok(await waitFor(async () => /^(\d+) of \1 asked, of the model after epoch 6\.$/.test(await page.getByTestId('ways-progress').innerText()), 60000),
    await page.getByTestId('ways-progress').innerText());
  const rows = await page.getByTestId('ways').locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 6);
  const p = await page.getByTestId('ways').locator('tbody tr td:nth-child(2)').allInnerTexts();
  const bigram = await page.getByTestId('ways').locator('tbody tr td:nth-child(4)').allInnerTexts();
  console.log(`# language lab, ways of asking after 6 epochs: ${rows.map((r) => r.replace(/\s+/g, ' ')).join('; ')}`);
  for (let k = 0; k < 6; k++) assert.ok(Number.parseFloat(p[k]) > Number.parseFloat(bigram[k]), `the transformer reads the question: ${p[k]} against ${bigram[k]}`);
  assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false', 'training paused while asking');
  await page.getByTestId('ask-letters').click();
  assert.ok(await waitFor(async () => /^(\d+) of \1 asked/.test(await page.getByTestId('letters-progress').innerText()), 60000));
  assert.equal(await page.getByTestId('letters').locator('tbody tr').count(), 3);
  assert.deepEqual(problems.errors, []);
});

test('every setting round-trips through the address; a bad link and a refused setting are explained', async () => {
  const query = '&corpus=he&documents=800&data=3&vocab=500&merges=40&context=32&layers=1&heads=4&width=48&position=sinusoidal&optimizer=adamw'
    + '&lr=0.003&batch=16&clip=5&train=70&val=15&split=2&seed=9&epochs=60&temperature=0.7&top_k=10&top_p=0.9&repetition=1.3&length=80&sample=4&speed=fast';
  const { page, problems } = await open(query);
  await page.getByTestId('epoch').waitFor();
  for (const [id, value] of [['documents', '800'], ['vocab', '500'], ['context', '32'], ['layers', '1'], ['heads', '4'], ['width', '48'], ['lr', '0.003'],
    ['batch', '16'], ['clip', '5'], ['epochs', '60'], ['temperature', '0.7'], ['top_k', '10'], ['top_p', '0.90'], ['repetition', '1.3'], ['length', '80']]) {
    assert.equal(await page.getByTestId(`${id}-value`).innerText(), value, id);
  }
  for (const [id, value] of [['corpus', 'he'], ['position', 'sinusoidal'], ['optimizer', 'adamw'], ['speed', 'fast'], ['seed', '9']]) {
    assert.equal(await page.getByTestId(id).inputValue(), value, id);
  }
  await sleep(300);
  const url = new URL(page.url());
  for (const pair of query.slice(1).split('&')) {
    const [k, v] = pair.split('=');
    assert.equal(url.searchParams.get(k), v, `${k} kept in the address`);
  }
  const { page: bad } = await open('&corpus=fr&heads=9&temperature=hot&unknownparam=1');
  const notice = await bad.getByTestId('notice').innerText();
  for (const name of ['corpus', 'heads', 'temperature']) assert.match(notice, new RegExp(name));
  assert.doesNotMatch(notice, /unknownparam/);
  assert.ok(await waitFor(async () => (await number(bad, 'epoch')) >= 1, 30000), 'trains with the defaults');
  const { page: refused } = await open('&heads=3');
  await refused.getByTestId('model-error').waitFor({ timeout: 5000 });
  assert.match(await refused.getByTestId('model-error').innerText(), /heads/i);
  assert.equal(await refused.getByTestId('heads').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(problems.errors, []);
});

test('pasted text: asked for, trained on, kept in the browser', async () => {
  const { page, problems } = await open('&corpus=pasted&speed=max');
  await page.getByTestId('paste-needed').waitFor({ timeout: 5000 });
  // 12,000 characters: enough 64-token windows for a three-way split.
  const text = 'The fox jumps over the dog. The dog sleeps under the tree.\n'.repeat(200);
  await page.getByTestId('paste').fill(text);
  await page.getByTestId('paste-train').click();
  assert.ok(await waitFor(async () => (await page.getByTestId('paste-needed').count()) === 0, 3000));
  assert.ok(await waitFor(async () => (await number(page, 'epoch')) >= 1, 30000), 'trains on it');
  assert.equal(param(page, 'corpus'), 'pasted');
  // The tokens page reads the same text from this browser's storage.
  await page.getByTestId('part-tokens').click();
  await page.getByTestId('typed').waitFor();
  await page.getByTestId('typed').fill('the fox');
  assert.ok(await waitFor(async () => (await page.getByTestId('tokens').locator('li').count()) <= 3, 3000), 'its own words are whole tokens');
  assert.deepEqual(problems.errors, []);
});

test('the test set once; the concept card; Hebrew right to left', async () => {
  const { page, problems } = await open('&speed=max&epochs=2');
  assert.ok(await waitFor(async () => (await page.getByTestId('play').getAttribute('aria-pressed')) === 'false', 30000));
  await page.getByTestId('test-eval').click();
  assert.match(await page.getByTestId('test-result').innerText(), /Test windows \(epoch 2\): perplexity \d/);
  const { page: home } = await openPage(browser.context, srv.base);
  await home.goto(srv.base);
  await home.getByTestId('home').waitFor();
  await home.getByTestId('concept-23').getByRole('link').click();
  await home.getByTestId('lab-language').waitFor();
  assert.equal(param(home, 'temperature'), '0');
  const { page: he } = await open('&lang=he');
  await he.getByTestId('epoch').waitFor();
  assert.equal(await he.locator('html').getAttribute('dir'), 'rtl');
  assert.match(await he.locator('h1').innerText(), /[\u0590-\u05FF]/);
  assert.equal(await he.getByTestId('corpus').inputValue(), 'he', 'a Hebrew page opens on the Hebrew small world');
  assert.match(await he.getByTestId('prompt').getAttribute('placeholder'), /^ש:/);
  // A Hebrew prompt, through the Hebrew tokenizer, into the model.
  await he.getByTestId('prompt').fill('ש: מהי בירת צרפת? ת:');
  await he.getByTestId('prompt').blur();
  assert.ok(await waitFor(async () => param(he, 'prompt') === 'ש: מהי בירת צרפת? ת:', 2000));
  await he.getByTestId('next-tokens').waitFor();
  await he.getByTestId('write').click();
  assert.ok(await waitFor(async () => !(await he.getByTestId('written').innerText()).includes('▍'), 8000));
  assert.match(await he.getByTestId('written').innerText(), /^ש: מהי בירת צרפת\? ת:/);
  const { page: heTokens } = await open('&lang=he&part=tokens');
  await heTokens.getByTestId('tokens').locator('li').first().waitFor();
  assert.equal(await heTokens.getByTestId('corpus').inputValue(), 'he');
  assert.equal(await heTokens.getByTestId('tokens').getAttribute('dir'), 'auto', 'tokens run the way their text does');
  assert.match(await heTokens.getByTestId('tokens').innerText(), /[\u0590-\u05FF]/);
  assert.deepEqual(problems.errors, []);
});
