// The page's loader: starts the bundle of the address (index.html explains the bundles). A file
// of its own, not a script inline in the page, so the page's Content-Security-Policy can forbid
// every inline script (script-src 'self' 'wasm-unsafe-eval'): text that ever reached the page
// as HTML could not run. scripts/hash-bundles.mjs fills BUNDLES and STYLES after each build and
// gives this file a content-hashed name.
// The bundle for this address: `?lab=<slug>` (the last one, as the page reads it) if it
// is a lab, else the home page, which explains an unknown lab.
const LABS = ["playground", "descent", "overfitting", "trees", "clustering", "cnn", "sequence", "attention", "embedding", "language", "rl", "generative", "data"];
// A lab's further pages, each its own bundle `lab-<slug>-<part>` (`?lab=<slug>&part=<part>`).
const PARTS = {"cnn": ["kernel", "why"], "language": ["tokens"]};
// Bundle name → its content-hashed file name; filled in after each build (see above).
const BUNDLES = {/* hashed bundle names */};
// Lab → its own stylesheet's hashed name (web/labs, minified and named after each build).
const STYLES = {/* hashed lab stylesheets */};
const query = new URLSearchParams(location.search);
const lab = query.getAll("lab").pop();
const part = query.getAll("part").pop();
const name = !LABS.includes(lab) ? "home" : (PARTS[lab] ?? []).includes(part) ? `lab-${lab}-${part}` : `lab-${lab}`;
const file = BUNDLES[name] ?? name;
try {
  // Start both downloads at once: the wasm (the large part) need not wait for the JS glue.
  const wasm = fetch(`./${file}_bg.wasm`);
  // The lab's stylesheet, in parallel, in place before the lab draws.
  const styled = name !== "home" && STYLES[lab] && new Promise((done) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href: `./labs/${STYLES[lab]}` });
    link.onload = link.onerror = done;
    document.head.append(link);
  });
  const { default: init } = await import(`./${file}.js`);
  await styled;
  const exports = await init({ module_or_path: wasm });
  // The page's WebAssembly memory, read by the soak (scripts/soak.mjs) to see that it stays flat.
  globalThis.perplexedMemory = exports.memory;
  // The lab runs: now keep the whole site for offline use (web/sw.js), in the background.
  navigator.serviceWorker?.register("./sw.js").catch(() => {});
} catch (error) {
  // The page never starts (no WebAssembly, a failed download): say so instead of loading forever.
  const loading = document.getElementById("loading");
  if (loading) {
    loading.classList.add("failed");
    loading.querySelector(".loading-failed").textContent = `This page could not start · הדף לא הצליח לעלות (${error})`;
  }
}
