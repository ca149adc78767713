// Every registered lab: found from the home page (which lists the registry), opened, rendered,
// without console errors and without a single request to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, sleep, SITE_PAGES } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test('the home page maps the concepts and lists every lab', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(srv.base);
  await page.getByTestId('home').waitFor();
  const concepts = await page.locator('[data-testid^="concept-"]').count();
  assert.ok(concepts >= 10, `concept map shows ${concepts} concepts`);
  const labs = await page.locator('[data-testid^="lab-card-"]').count();
  assert.ok(labs >= 1);
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.foreign, []);
});

test('every registered lab renders without errors or foreign requests', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(srv.base);
  await page.getByTestId('home').waitFor();
  const slugs = await page.locator('[data-testid^="lab-card-"]').evaluateAll((els) =>
    els.map((e) => e.dataset.testid.replace('lab-card-', '')));
  assert.ok(slugs.includes('playground'));
  for (const slug of slugs) {
    await page.goto(`${srv.base}?lab=${slug}`);
    await page.getByTestId(`lab-${slug}`).waitFor({ timeout: 15000 });
    const canvases = await page.locator(`[data-testid="lab-${slug}"] canvas`).count();
    assert.ok(canvases > 0, `${slug} draws something`);
    // a concept link from the home page opens the lab in its preset
  }
  assert.deepEqual(problems.errors, [], 'console errors');
  assert.deepEqual(problems.foreign, [], 'requests to other origins');
});

test('a concept card opens its lab in the preset', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(srv.base);
  await page.getByTestId('concept-12').getByRole('link').click();
  await page.getByTestId('lab-playground').waitFor();
  assert.match(page.url(), /lab=playground/);
  assert.equal(await page.getByTestId('batch').inputValue(), '1');
  assert.equal(await page.getByTestId('speed').inputValue(), 'batch', 'the mini-batch card opens in slow motion');
  assert.deepEqual(problems.errors, []);
});

test('an unknown lab falls back to the map with a notice', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(`${srv.base}?lab=nonesuch`);
  await page.getByTestId('home').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /nonesuch/);
  assert.deepEqual(problems.errors, []);
});

test('each page fetches its own bundle under a content-hashed name', async () => {
  // A redeployed site must never be served stale from a cache: every bundle's file names carry
  // a hash of its content (scripts/hash-bundles.mjs), and a page fetches only its own bundle.
  for (const [query, bundle] of [['', 'home'], ['?lab=trees', 'lab-trees']]) {
    const { page, problems } = await openPage(browser.context, srv.base);
    const fetched = [];
    const record = (req) => fetched.push(new URL(req.url()).pathname.split('/').pop());
    page.on('request', record);
    await page.goto(`${srv.base}${query}`);
    await page.getByTestId(bundle === 'home' ? 'home' : 'lab-trees').waitFor({ timeout: 15000 });
    page.off('request', record);
    // The page's own scripts — the theme (run before the first paint) and the loader — are
    // hashed too.
    for (const script of ['theme', 'loader']) {
      assert.ok(fetched.some((f) => new RegExp(`^${script}-[0-9a-f]{16}\\.js$`).test(f)), `${bundle}: fetched ${fetched.join(', ')}`);
    }
    const code = fetched.filter((f) => (f.endsWith('.js') || f.endsWith('.wasm')) && !/^(theme|loader)-/.test(f));
    assert.equal(code.length, 2, `${bundle}: fetched ${code.join(', ')}`);
    for (const f of code) assert.match(f, new RegExp(`^${bundle}-[0-9a-f]{16}(_bg\\.wasm|\\.js)$`));
    assert.deepEqual(problems.errors, []);
  }
});

test('the tab names the lab, and the language travels in the address', async () => {
  // Each lab titles its own tab (a projector's window list, a bookmark), in the page's language.
  const { page, problems } = await openPage(browser.context, srv.base);
  for (const slug of ['trees', 'clustering']) {
    await page.goto(`${srv.base}?lab=${slug}&lang=en`);
    await page.getByTestId(`lab-${slug}`).waitFor({ timeout: 15000 });
    const h1 = (await page.locator('h1').first().innerText()).trim();
    assert.ok((await page.title()).startsWith(h1), `${slug}: "${await page.title()}" names "${h1}"`);
  }
  // Switching to Hebrew writes lang=he into the address with the settings…
  await page.getByTestId('lang').click();
  const param = () => new URL(page.url()).searchParams.get('lang');
  for (let i = 0; i < 30 && param() !== 'he'; i++) await page.waitForTimeout(100);
  assert.equal(param(), 'he', page.url());
  assert.match(await page.title(), /[\u0590-\u05FF]/, 'the tab title in Hebrew');
  const shared = page.url();
  // …so the link opens in Hebrew for someone else: a fresh profile whose browser says English.
  const other = await launch({ locale: 'en-US' });
  try {
    const { page: theirs } = await openPage(other.context, srv.base);
    await theirs.goto(shared);
    await theirs.getByTestId('lab-clustering').waitFor({ timeout: 15000 });
    assert.equal(await theirs.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await theirs.locator('html').getAttribute('lang'), 'he');
  } finally {
    await other.close();
  }
  assert.deepEqual(problems.errors, []);
});

const PAGES = ['', 'playground', 'descent', 'overfitting', 'trees', 'clustering'];
const address = (base, slug, lang) => `${base}?${slug ? `lab=${slug}&` : ''}lang=${lang}`;
const ready = (page, slug) => page.getByTestId(slug ? `lab-${slug}` : 'home').waitFor({ timeout: 15000 });

test('no page is wider than a 375 px phone, in either language, and none logs an error', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.setViewportSize({ width: 375, height: 740 });
  try {
    for (const [query, ready] of SITE_PAGES) {
      for (const lang of ['en', 'he']) {
        const name = `${query || 'home'} (${lang})`;
        await page.goto(`${srv.base}?${query ? `${query}&` : ''}lang=${lang}`);
        await page.getByTestId(ready).waitFor({ timeout: 15000 });
        assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'he' ? 'rtl' : 'ltr', name);
        await sleep(400);
        const { wide, culprit } = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          let culprit = '';
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > limit + 1 && !el.closest('.skip')) {
              culprit = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`;
              break;
            }
          }
          return { wide: document.documentElement.scrollWidth, culprit };
        });
        assert.ok(wide <= 375, `${name} is ${wide} px wide on a 375 px phone; first overflowing: ${culprit}`);
        assert.deepEqual(problems.errors, [], name);
      }
    }
  } finally {
    await page.setViewportSize({ width: 1400, height: 1000 });
  }
});

test('chart text is at least 12 px at 1280 and grows on a 1920 projector', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  // Every fillText on a canvas records its size in CSS pixels (font size over the canvas's
  // device-pixel scale).
  await page.addInitScript(() => {
    window.__textSizes = [];
    const fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
      const px = parseFloat((this.font.match(/([\d.]+)px/) || [])[1]);
      const c = this.canvas;
      if (String(text).trim() && c.clientWidth > 0 && px > 0) window.__textSizes.push(px / (c.width / c.clientWidth));
      return fill.call(this, text, ...rest);
    };
  });
  const smallest = {};
  try {
    for (const [width, height] of [[1280, 800], [1920, 1080]]) {
      await page.setViewportSize({ width, height });
      let least = Infinity;
      for (const slug of PAGES.slice(1)) {
        await page.goto(address(srv.base, slug, 'en'));
        await ready(page, slug);
        await sleep(1200);
        const sizes = await page.evaluate(() => window.__textSizes);
        assert.ok(sizes.length > 0, `${slug} draws text on its canvases`);
        least = Math.min(least, ...sizes);
      }
      smallest[width] = least;
    }
  } finally {
    await page.setViewportSize({ width: 1400, height: 1000 });
  }
  console.log(`# smallest canvas text: ${smallest[1280].toFixed(1)} px at 1280, ${smallest[1920].toFixed(1)} px at 1920`);
  assert.ok(smallest[1280] >= 12, `chart text of ${smallest[1280].toFixed(1)} px at 1280`);
  assert.ok(smallest[1920] >= smallest[1280] * 1.15, `chart text grows on a projector: ${smallest[1920].toFixed(1)} px`);
  assert.deepEqual(problems.errors, []);
});

test('the home page lists the concepts in the thread\'s order, and the Hebrew title names the site once', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(address(srv.base, '', 'he'));
  await ready(page, '');
  const numbers = await page.locator('[data-testid^="concept-"]').evaluateAll((els) =>
    els.map((e) => Number(e.dataset.testid.replace('concept-', ''))).filter((n) => Number.isFinite(n)));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `concept order ${numbers}`);
  const title = await page.title();
  assert.equal(title.split('מורה נבוכים').length - 1, 1, `title "${title}"`);
  assert.deepEqual(problems.errors, []);
});

test('charts are drawn on the panel\'s colour (a minified #fff is still white)', async () => {
  const { page, problems } = await openPage(browser.context, srv.base);
  await page.goto(address(srv.base, 'playground', 'en'));
  await ready(page, 'playground');
  await sleep(500);
  // The empty loss chart before training: most of its plot is background.
  const share = await page.getByTestId('loss-chart').evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let white = 0, all = 0;
    for (let y = Math.floor(c.height * 0.3); y < c.height * 0.7; y += 3) {
      for (let x = Math.floor(c.width * 0.2); x < c.width * 0.6; x += 3) {
        const i = (y * c.width + x) * 4;
        all++;
        if (data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240) white++;
      }
    }
    return white / all;
  });
  // Grid lines and tick labels take their share of a short chart; the minifier's #fff → salmon
  // bug made it 0%.
  assert.ok(share > 0.6, `${(share * 100).toFixed(0)}% of the empty chart is the panel's white`);
  assert.deepEqual(problems.errors, []);
});
