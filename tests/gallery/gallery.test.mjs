// The screenshot gallery of docs/GALLERY.md, drawn by the browser: every lab in English and in
// Hebrew, on a 375 px phone and on a 1920 × 1080 projector, a few seconds after Play (so each
// picture shows a model that has learned something, not a blank start). It also checks what a
// picture would not show: no console error, no horizontal scrolling, `dir` right.
// Run by scripts/gallery.sh, not by the test command: its 60 pictures take four minutes of
// waiting for models to learn, and what they check is checked faster there
// (tests/e2e/labs.test.mjs: every page on a phone in both languages, without errors).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch, openLab, sleep, ROOT } from '../e2e/harness.mjs';

// A lab's further pages (`&part=`) are pictured under `<slug>-<part>`.
const LABS = ['playground', 'descent', 'overfitting', 'trees', 'clustering', 'cnn', 'cnn&part=kernel', 'cnn&part=why', 'sequence', 'attention', 'embedding', 'language', 'rl', 'generative', 'data'];
const picture = (slug) => slug.replace('&part=', '-');
const DEVICES = { phone: { width: 375, height: 812 }, projector: { width: 1920, height: 1080 } };
const OUT = path.join(ROOT, 'docs', 'gallery');

let srv;
before(async () => { srv = await startServer(); fs.mkdirSync(OUT, { recursive: true }); });
after(() => srv?.server.close());

for (const [device, viewport] of Object.entries(DEVICES)) {
  test(`gallery: every lab in both languages on a ${device} (${viewport.width} × ${viewport.height})`, async () => {
    const browser = await launch({ viewport });
    try {
      for (const slug of LABS) {
        for (const lang of ['en', 'he']) {
          const [lab, part] = slug.split('&part=');
          const { page, problems } = await openLab(browser, srv.base, lab, `${part ? `&part=${part}` : ''}&lang=${lang}`);
          assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'he' ? 'rtl' : 'ltr');
          // Labs that start on their own (the tree grows on load) are left playing.
          const play = page.getByTestId('play').first();
          if ((await play.count()) > 0 && (await play.isEnabled()) && (await play.getAttribute('aria-pressed')) !== 'true') {
            await play.click();
          }
          await sleep(3000);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 1, `${slug} (${lang}) scrolls sideways by ${overflow}px on a ${device}`);
          const file = path.join(OUT, `${picture(slug)}-${lang}-${device}.jpg`);
          // A phone shows the whole page, top to bottom (its first screen is mostly controls).
          await page.screenshot({ path: file, type: 'jpeg', quality: device === 'phone' ? 60 : 70, fullPage: device === 'phone' });
          assert.ok(fs.statSync(file).size > 10_000, `${file} holds a picture`);
          assert.deepEqual(problems.errors, [], `${slug} (${lang}) on a ${device}`);
        }
      }
    } finally {
      await browser.close();
    }
  });
}

test('docs/GALLERY.md shows every picture the gallery draws', () => {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'GALLERY.md'), 'utf8');
  for (const slug of LABS) for (const lang of ['en', 'he']) for (const device of Object.keys(DEVICES)) {
    const name = `gallery/${picture(slug)}-${lang}-${device}.jpg`;
    assert.ok(md.includes(`](${name})`), `GALLERY.md shows ${name}`);
  }
});
