// Accessibility, checked by axe-core (the engine behind Lighthouse's and the browsers' own audits)
// on every page of the site in both languages, after a second of training (read-outs,
// verdicts and tables appear then): no serious or critical violation.
// English is checked in the light theme, Hebrew in the dark one (each page once per language
// keeps the run short; the colours are the same in both languages).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { SITE_PAGES as PAGES, startServer, launch, openPage, sleep } from './harness.mjs';

let srv, browser;
before(async () => { srv = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** Runs axe on the page; returns the serious and critical violations, one line each. */
async function audit(page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} [${n.any[0]?.message ?? n.failureSummary}]`).join(' | ')}`);
}

for (const [lang, scheme] of [['en', 'light'], ['he', 'dark']]) {
  test(`axe: every page in ${lang === 'en' ? 'English' : 'Hebrew'}, ${scheme} theme, no serious or critical violation`, async () => {
    const found = [];
    for (const [query, ready] of PAGES) {
      const { page } = await openPage(browser.context, srv.base);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${srv.base}?${query}${query ? '&' : ''}lang=${lang}`);
      await page.getByTestId(ready).waitFor({ timeout: 15000 });
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      // A lab is audited after a second of training (what it showed at the start is still
      // there, with the read-outs, verdicts and tables that training adds); a page without
      // training as it opens.
      const play = page.getByTestId('play');
      const training = (await play.count()) > 0;
      if (training) {
        await play.first().click();
        await sleep(1000);
      }
      for (const v of await audit(page)) found.push(`${query || 'home'}${training ? ' (training)' : ''}: ${v}`);
      await page.close();
    }
    console.log(`# axe ${lang} ${scheme}: ${PAGES.length} pages, ${found.length} serious or critical`);
    for (const f of found) console.log(`#   ${f}`);
    assert.deepEqual(found, []);
  });
}
