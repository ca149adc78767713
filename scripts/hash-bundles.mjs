// Trunk post_build hook (Trunk.toml): gives every page bundle a content-hashed file name and
// writes the names into the page's loader (web/loader.js), so a redeployed site is never served
// stale from a cache. Trunk hashes its main app and the CSS itself, but not "worker" apps, which is
// how the labs are declared (index.html explains why); this treats all bundles alike.
//
// For each `data-bin="<name>"` of the source index.html it finds `<name>[-<trunk hash>].js` and
// `<name>[-<trunk hash>]_bg.wasm` in Trunk's staging folder, renames both to
// `<name>-<first 16 hex of SHA-256 of wasm and js>`, and fills `const BUNDLES = {…}` in the
// staged loader with name → hashed name. Safe to run again on the same folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
const source = process.env.TRUNK_HTML_FILE ?? process.argv[3] ?? 'index.html';
if (!staging) {
  console.error('hash-bundles: no TRUNK_STAGING_DIR (run by Trunk, or pass the folder)');
  process.exit(1);
}

/** The first 16 hex digits of the SHA-256 of `parts`: every name and version below. */
const shortHash = (...parts) => {
  const hash = crypto.createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest('hex').slice(0, 16);
};
/** Whole-line `//` comments: the page's loader and the service worker are built without them. */
const LINE_COMMENTS = /^[ \t]*\/\/.*\n/gm;

const bins = [...fs.readFileSync(source, 'utf8').matchAll(/data-bin="([a-z0-9-]+)"/g)].map((m) => m[1]);
const files = fs.readdirSync(staging);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const names = {};

for (const bin of bins) {
  // `<bin>` or `<bin>-<hex>` (Trunk's hash, or ours from an earlier run), then the suffix.
  const base = new RegExp(`^${escape(bin)}(-[0-9a-f]{1,16})?$`);
  const find = (suffix) => files.filter((f) => f.endsWith(suffix) && base.test(f.slice(0, -suffix.length)));
  const wasm = find('_bg.wasm');
  const js = find('.js');
  if (wasm.length !== 1 || js.length !== 1) {
    console.error(`hash-bundles: expected one wasm and one js for ${bin}, found ${[...wasm, ...js].join(', ') || 'none'}`);
    process.exit(1);
  }
  // wasm-bindgen's glue, which Trunk's minifier cannot parse, is minified by Terser (an ES
  // module: its local names shortened, never the names the wasm imports by): 8.7 → 7.6 KB gzip
  // on the language lab, about 1.1 KB off every page beyond dropping comments and indentation.
  const source = fs.readFileSync(path.join(staging, js[0]), 'utf8');
  const { code: glue } = await minify(source, { module: true, compress: true, mangle: true });
  if (!glue) {
    console.error(`hash-bundles: Terser gave nothing for ${js[0]}`);
    process.exit(1);
  }
  fs.writeFileSync(path.join(staging, js[0]), glue);
  const hashed = `${bin}-${shortHash(fs.readFileSync(path.join(staging, wasm[0])), glue)}`;
  fs.renameSync(path.join(staging, wasm[0]), path.join(staging, `${hashed}_bg.wasm`));
  fs.renameSync(path.join(staging, js[0]), path.join(staging, `${hashed}.js`));
  names[bin] = hashed;
}

// Each lab's own stylesheet (web/labs/<slug>.css, copied to labs/): minified (comments and runs
// of white space go: Trunk minifies only the main stylesheet), content-hashed like the bundles,
// and named in the loader's STYLES, which links the one of the lab a page opens.
const styles = {};
const labsDir = path.join(staging, 'labs');
if (fs.existsSync(labsDir)) {
  for (const f of fs.readdirSync(labsDir).sort()) {
    const m = f.match(/^([a-z0-9]+?)(-[0-9a-f]{16})?\.css$/);
    if (!m) continue;
    const min = fs.readFileSync(path.join(labsDir, f), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};])\s*/g, '$1')
      .trim();
    const hashed = `${m[1]}-${shortHash(min)}.css`;
    fs.rmSync(path.join(labsDir, f));
    fs.writeFileSync(path.join(labsDir, hashed), min);
    styles[m[1]] = hashed;
  }
}

/** The page's own scripts (web/<name>.js): `fill` applied, without their comments, and
 *  content-hashed like the rest, so a new build's page never meets an old one's script. Returns
 *  the hashed name (null when the build has no such script). */
const ownScript = (name, fill = (s) => s) => {
  let hashed = null;
  for (const f of fs.readdirSync(staging)) {
    if (!new RegExp(`^${name}(-[0-9a-f]{16})?\\.js$`).test(f)) continue;
    const script = fill(fs.readFileSync(path.join(staging, f), 'utf8')).replace(LINE_COMMENTS, '');
    hashed = `${name}-${shortHash(script)}.js`;
    fs.rmSync(path.join(staging, f));
    fs.writeFileSync(path.join(staging, hashed), script);
  }
  return hashed;
};

// The theme script (web/theme.js), run before the first paint.
const theme = ownScript('theme');
// The loader (web/loader.js), told this build's bundles and lab stylesheets.
let filledLoader = false;
const loader = ownScript('loader', (source) => {
  const filled = source
    .replace(/const BUNDLES = \{[^}]*\};/, `const BUNDLES = ${JSON.stringify(names)};`)
    .replace(/const STYLES = \{[^}]*\};/, `const STYLES = ${JSON.stringify(styles)};`);
  filledLoader = filled.includes(`const BUNDLES = ${JSON.stringify(names)};`);
  return filled;
});
if (!loader || !filledLoader) {
  console.error('hash-bundles: no loader.js with a `const BUNDLES = {…};` to fill');
  process.exit(1);
}

const html = path.join(staging, 'index.html');
const page = fs.readFileSync(html, 'utf8');
// With inject_scripts = false Trunk leaves the main app's <link data-trunk rel="rust"> in the
// page; the browser ignores it, but the loader is what starts the bundles, so drop it. The
// HTML comments document the source for its readers; every visitor would download them: the
// built page goes without.
const filled = page
  // (Trunk's minifier may have dropped the quotes.)
  .replace(/src="?theme(-[0-9a-f]{16})?\.js"?/, theme ? `src="${theme}"` : '$&')
  .replace(/src="?loader(-[0-9a-f]{16})?\.js"?/, `src="${loader}"`)
  .replace(/[ \t]*<link\b(?=[^>]*\brel="?rust\b)[^>]*>\n?/g, '')
  .replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');
if (!filled.includes(`src="${loader}"`)) {
  console.error('hash-bundles: index.html has no <script src="loader.js"> to point at the hashed loader');
  process.exit(1);
}
// The page's promise: no inline script (its Content-Security-Policy would refuse one anyway).
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(filled)) {
  console.error('hash-bundles: index.html has an inline <script>; scripts go in files (web/*.js)');
  process.exit(1);
}
fs.writeFileSync(html, filled);
console.log(`hash-bundles: ${Object.values(names).join(', ')}`);

// The service worker (web/sw.js) keeps the whole site for offline use: it is told every file
// of this build (paths relative to the site, as the pages fetch them) and a version that changes
// whenever any file does, so each build is a new worker that replaces the old copy whole.
const worker = path.join(staging, 'sw.js');
if (fs.existsSync(worker)) {
  const list = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? list(path.join(dir, e.name)) : [path.join(dir, e.name)]);
  const site = list(staging)
    .map((f) => path.relative(staging, f).split(path.sep).join('/'))
    .filter((f) => f !== 'sw.js' && f !== 'index.html')
    .sort();
  const version = shortHash(...['index.html', ...site].flatMap((f) => [f, fs.readFileSync(path.join(staging, f))]));
  const source = fs.readFileSync(worker, 'utf8');
  const filledWorker = source
    .replace(/const VERSION = "[^"]*";/, `const VERSION = "${version}";`)
    .replace(/const FILES = \[[^\]]*\];/, `const FILES = ${JSON.stringify(site.map((f) => `./${f}`))};`)
    // Its comments explain the source; the built copy goes without (as the page's do).
    .replace(LINE_COMMENTS, '');
  if (!/const FILES = \["/.test(filledWorker)) {
    console.error('hash-bundles: sw.js has no `const FILES = [];` to fill');
    process.exit(1);
  }
  fs.writeFileSync(worker, filledWorker);
  console.log(`hash-bundles: sw.js keeps ${site.length} files for offline use`);
}
