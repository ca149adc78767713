// Address fuzzing in the browser (issue 23): every page of the site opened from mangled links —
// wrong types, huge and non-finite numbers, empty and long lists, duplicates, unknown keys,
// broken percent escapes, 10 KB values, right-to-left text, markup — must show its page (never
// a blank one), log no error, name in the notice each of its settings whose value it did not
// take as given, and, once per lab, still train. The links come from a seeded generator:
// PERPLEXED_FUZZ_SEED=<n> gives other links, the same n the same links, and a failure names its
// link. The native fuzz (crates/app/src/fuzz.rs) tries 200 links a lab without a browser; this
// file checks what only the page does (mounting, the notice, the frame loop) on fewer of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openPage, waitFor, canvasFingerprint, SITE_PAGES } from './harness.mjs';

const SEED = Number.parseInt(process.env.PERPLEXED_FUZZ_SEED ?? '23', 10) >>> 0;
const CASES = Number.parseInt(process.env.PERPLEXED_FUZZ_BROWSER_CASES ?? '10', 10);

// mulberry32: a small seeded generator, enough to pick from tables reproducibly.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Keys of no page (the shell's `lab`, `part` and `edit` are left out: they choose the page).
const UNKNOWN = ['unknownparam', 'LR', 'Seed', 'lr%20', 'lang', 'present', 'lesson', 'step', '', '%FF', 'k%zz', 'שלום', '__proto__', 'a[b]'];
const NASTY = [
  'abc', '1.2.3', 'true', 'null', '[]', '0x10', '1e308', '-1e308', '99999999999999999999', '-1', '-0', '4294967296', '1e39',
  'NaN', 'Infinity', '-inf', '', ',', ',,,', '1,,2', '%FF%FE', '%C3', '%', '%zz', '%E2%82', '%00', 'שלום', '%E2%80%8F1', '🙂',
  '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"\'><script>', '1&2', 'a=b', '1#2', '%26x%3D1',
];
const PLAUSIBLE = ['1', '2', '4', '8', '10', '0.1', '0.01', '0.5', '4,2', 'true'];

/** One link's query for a page whose settings are `keys` (a Map: name → value as the page
 *  writes it). */
function makeQuery(next, keys) {
  const pick = (xs) => xs[Math.floor(next() * xs.length)];
  const names = [...keys.keys()];
  const value = (k) => {
    const r = next();
    if (r < 0.15 && keys.has(k)) return encodeURIComponent(keys.get(k));
    if (r < 0.25) return pick(PLAUSIBLE);
    if (r < 0.32) return pick(['a'.repeat(10240), Array(5120).fill('1').join(','), '9'.repeat(10240)]);
    return pick(NASTY);
  };
  const parts = [];
  const n = 1 + Math.floor(next() * 5);
  for (let i = 0; i < n; i++) {
    const k = names.length && next() < 0.8 ? pick(names) : pick(UNKNOWN);
    parts.push(`${k}=${value(k)}`);
    if (next() < 0.15) parts.push(`${k}=${value(k)}`);
  }
  return parts.join('&');
}

/** A link that gives every setting of the page a value no setting takes (each must be named,
 *  the defaults kept), and an unknown key: the lab must then train as from its defaults. */
function poisoned(next, keys) {
  const never = ['NaN', '-inf', '1e308', '%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E'];
  return [...[...keys.keys()].map((k) => `${k}=${never[Math.floor(next() * never.length)]}`), 'unknownparam=1'].join('&');
}

/** The pairs of a query as the page reads them (crates/app/src/query.rs `parse_query`): `+` is
 *  a space, a broken escape stays as written, invalid UTF-8 becomes U+FFFD. */
function readPairs(query) {
  const decode = (s) => {
    const bytes = [];
    for (let i = 0; i < s.length; ) {
      const h = s.slice(i + 1, i + 3);
      if (s[i] === '%' && /^[0-9a-fA-F]{2}$/.test(h)) { bytes.push(Number.parseInt(h, 16)); i += 3; continue; }
      if (s[i] === '+') { bytes.push(32); i += 1; continue; }
      const cp = s.codePointAt(i);
      bytes.push(...new TextEncoder().encode(String.fromCodePoint(cp)));
      i += cp > 0xffff ? 2 : 1;
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  };
  return query.split('#')[0].replace(/^\?/, '').split('&').filter(Boolean).map((part) => {
    const at = part.indexOf('=');
    return at < 0 ? [decode(part), ''] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
  });
}

/** Whether a setting given as `given` was taken as given, the page now writing `now` (the same
 *  rules as the native fuzz's `same_value`: a number by its value, true/false as 1/0, a list in
 *  any order, each item once; a word in any case). */
function sameValue(given, now) {
  const canon = (s) => {
    const t = s.trim();
    if (t === 'true') return '1';
    if (t === 'false') return '0';
    const v = Number(t);
    return t !== '' && Number.isFinite(v) ? String(Math.fround(v)) : t.toLowerCase();
  };
  const [g, w] = [given.trim(), now.trim()];
  if (g === w || canon(g) === canon(w)) return true;
  const items = (s) => [...new Set(s.split(',').map(canon))].sort().join(',');
  return (g.includes(',') || w.includes(',')) && items(g) === items(w);
}

// Keys whose reader spells a valid value its own way (see the native fuzz's `canonical`).
const CANONICAL = { playground: ['layers'], descent: ['race'], rl: ['world'], embedding: ['analogy', 'word'] };

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

test(`fuzzed addresses on every page (seed ${SEED}, ${CASES} a page)`, async () => {
  const started = Date.now();
  const { page, problems } = await openPage(browser.context, srv.base);
  const failures = [];
  let tried = 0;
  for (const [index, [pageQuery, testid]] of SITE_PAGES.entries()) {
    const slug = /lab=([a-z]+)/.exec(pageQuery)?.[1];
    const trains = slug && !pageQuery.includes('part=');
    // The page's own settings, as it writes them for its defaults.
    await page.goto(`${srv.base}?${pageQuery}`);
    await page.getByTestId(testid).waitFor({ timeout: 15000 });
    // (Maps, not objects: `__proto__` and `constructor` are keys the fuzz tries.)
    const keys = new Map([...new URL(page.url()).searchParams].filter(([k]) => !['lab', 'part', 'lang', 'edit'].includes(k)));
    const next = rng(SEED * 31 + index);
    for (let c = 0; c < CASES; c++) {
      const query = trains && c === 0 ? poisoned(next, keys) : makeQuery(next, keys);
      const link = `?${pageQuery ? `${pageQuery}&` : ''}${query}`;
      const where = `${testid} case ${c} (PERPLEXED_FUZZ_SEED=${SEED}): ${link.length > 300 ? `${link.slice(0, 300)}…[${link.length}]` : link}`;
      problems.errors.length = 0;
      tried++;
      try {
        await page.goto(`${srv.base}${link}`);
        await page.getByTestId(testid).waitFor({ timeout: 15000 });
      } catch (e) {
        failures.push(`${where}: the page is blank (${String(e.message).split('\n')[0].slice(0, 200)})`);
        continue;
      }
      // The settings the page took, as it wrote them back to the address.
      await waitFor(async () => new URL(page.url()).search !== '', 2000);
      const now = new Map(new URL(page.url()).searchParams);
      const notice = (await page.getByTestId('notice').count()) ? await page.getByTestId('notice').innerText() : '';
      const given = new Map(readPairs(query));
      for (const [k, v] of given) {
        if (!keys.has(k) || notice.includes(`${k}=`)) continue;
        if (!now.has(k) || !(sameValue(v, now.get(k)) || CANONICAL[slug]?.includes(k))) {
          failures.push(`${where}: \`${k}\` was taken as \`${now.get(k)}\` without the notice naming it (notice: "${notice.slice(0, 200)}")`);
        }
      }
      // Once per lab, after its poisoned link: it still trains (Play, and its pictures move; the
      // data lab fits its models).
      if (slug === 'data' && c === 0) {
        const fitted = async () => /^\d+ fitted$/.test((await page.getByTestId('fit-progress').innerText()).trim());
        if (!(await waitFor(fitted, 30000, 250))) failures.push(`${where}: the data lab fits no model`);
      } else if (trains && c === 0) {
        const play = page.getByTestId('play');
        if ((await play.count()) && (await play.first().getAttribute('aria-pressed')) === 'false') await play.first().click();
        const canvases = page.locator(`[data-testid="${testid}"] canvas[data-testid]`);
        const ids = await canvases.evaluateAll((els) => els.slice(0, 6).map((e) => e.dataset.testid));
        const print = async () => JSON.stringify(await Promise.all(ids.map((id) => canvasFingerprint(page, id).then((f) => f.sum).catch(() => 0))));
        const before = await print();
        if (!(await waitFor(async () => (await print()) !== before, 8000, 250))) failures.push(`${where}: the lab does not train (its pictures stay still)`);
      }
      if (problems.errors.length) failures.push(`${where}: errors ${JSON.stringify(problems.errors).slice(0, 400)}`);
    }
  }
  console.log(`fuzz: ${tried} addresses on ${SITE_PAGES.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s (PERPLEXED_FUZZ_SEED=${SEED})`);
  assert.deepEqual(failures, []);
});
