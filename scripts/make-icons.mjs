// Draws web/icons/icon-192.png and icon-512.png from web/icons/icon.svg with the browser the tests
// use (run by hand after changing the SVG: node scripts/make-icons.mjs); the PNGs are committed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
const svg = fs.readFileSync('./web/icons/icon.svg', 'utf8');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
for (const n of [192, 512]) {
  const p = await b.newPage({ viewport: { width: n, height: n } });
  await p.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${n}" height="${n}" `)}</body></html>`);
  await p.screenshot({ path: `./web/icons/icon-${n}.png`, omitBackground: true });
}
await b.close();
