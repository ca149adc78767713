// Every registered lab: found from the home page (which lists the registry), opened, rendered,
// without console errors and without a single request to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage } from './harness.mjs';

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
    const code = fetched.filter((f) => f.endsWith('.js') || f.endsWith('.wasm'));
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
