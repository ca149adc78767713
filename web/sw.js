// Perplexed's service worker: after the first visit, every lab opens with no network.
//
// The loader in index.html registers it once the page's own lab has started, so keeping the site
// for offline never competes with that first download. On install it copies the whole site (the
// home page, every lab's bundle, the stylesheet, the data sets: the list below) into one cache
// named after the build; nothing is sent anywhere, it only reads this origin.
//
// Versioned: scripts/hash-bundles.mjs fills VERSION (a hash of every file of the build) and FILES
// after each build, so a new build is a new worker, byte for byte. The browser installs it beside
// the old one, it fills its own cache, takes over at once (skipWaiting, clients.claim) and deletes
// the caches of earlier builds: an update replaces the old copy whole, never mixes the two.
//
// Requests: a page (a navigation) goes to the network first, so a visitor online always gets the
// newest build, and falls back to the kept copy of index.html (every `?lab=` address is that one
// page). Everything else the site fetches has a content-hashed name or belongs to this build's
// list, so it is served from the cache when there, else from the network (and kept).
//
// With the browser's data saver on, install keeps only the page itself; each lab is then kept as
// it is opened.

const VERSION = "dev";
const FILES = [];
const CACHE = `perplexed-${VERSION}`;
const PAGE = "./";

self.addEventListener("install", (event) => {
  const saveData = self.navigator.connection?.saveData === true;
  event.waitUntil(
    caches
      .open(CACHE)
      // All or nothing: if one file fails, this version is not installed and the old one stays.
      .then((cache) => cache.addAll(saveData ? [PAGE] : [PAGE, ...FILES]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("perplexed-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(PAGE)).then((page) => page ?? Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request).then(
        (kept) =>
          kept ??
          fetch(request).then((response) => {
            if (response.ok && response.type === "basic") cache.put(request, response.clone());
            return response;
          }),
      ),
    ),
  );
});
