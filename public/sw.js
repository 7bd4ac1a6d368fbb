// The planner's service worker, kept by hand (no build step). It lets the entry pages (a plan
// line's case form, a course's attendance sheet, the tele-consultation form) and the outbox
// open without a connection:
// - the build's files (/build/*, named by their content, so never changed) are served from
//   the cache first;
// - the entry pages and their data are fetched from the network first, kept when they answer
//   200, and served from the cache only when the network fails;
// - nothing else is kept: no other page, no sign-in page, no POST (a POST is never answered
//   here), and the kept pages go as soon as someone signs in or out on this device, so one
//   user's pages are never shown to the next;
// - a page asks it (message "prepare", with a port for the answer) to keep the entry pages it
//   names, and hears whether each is now kept whole: the page and every build file it loads.
// Service workers run only in a secure context: https, or http on localhost.
const VERSION = "v1";
const ASSETS = `cgkt-assets-${VERSION}`;
const PAGES = `cgkt-pages-${VERSION}`;
const DATA = `cgkt-data-${VERSION}`;
const ENTRY_PAGES = [/^\/agreements\/\d+\/items\/\d+\/?$/, /^\/courses\/\d+\/?$/, /^\/tele\/sessions\/new-consultation\/?$/, /^\/outbox\/?$/];

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("cgkt-") && ![ASSETS, PAGES, DATA].includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function isEntryPage(url) {
  return ENTRY_PAGES.some((pattern) => pattern.test(url.pathname));
}

/** A document is kept under its path alone: `?outbox=` and preselections open the same form. */
function pageKey(url) {
  return url.origin + url.pathname;
}

function keepable(response) {
  // 200 only: a 204 is a data request's redirect instruction, a 3xx the way to the sign-in page.
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

/** Bumped at each sign-in or sign-out: a page fetched before it is not kept after it. */
let generation = 0;

/**
 * Writes to the kept pages and their forgetting, one after the other: a page whose writing had
 * begun when someone signed out would otherwise land after the forgetting and outlive it.
 */
let writes = Promise.resolve();
function serially(task) {
  const run = writes.then(task, task);
  writes = run.catch(() => undefined);
  return run;
}

function forgetPages() {
  // At once: a page fetched before this moment is not written after it (see `keep`).
  generation += 1;
  return serially(async () => {
    // Entry by entry: a cache still open elsewhere in the worker would outlive a delete of its name.
    for (const name of [PAGES, DATA]) {
      const cache = await caches.open(name);
      await Promise.all((await cache.keys()).map((key) => cache.delete(key)));
    }
  });
}

function keep(cacheName, key, response, since) {
  return serially(async () => {
    if (since !== generation) return;
    await (await caches.open(cacheName)).put(key, response);
  });
}

async function fromNetworkFirst(request, cacheName, key) {
  const since = generation;
  try {
    const response = await fetch(request);
    if (keepable(response)) await keep(cacheName, key, response.clone(), since);
    return response;
  } catch (error) {
    const cached = await (await caches.open(cacheName)).match(key, { ignoreVary: true });
    if (cached) return cached;
    throw error;
  }
}

async function fromCacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (keepable(response)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Signing in or out: the kept pages were someone's, they go (the request itself is not touched).
    if (request.method === "POST" && /^\/(login|logout)\/?$/.test(url.pathname)) event.waitUntil(forgetPages());
    return;
  }
  if (url.pathname.startsWith("/build/")) {
    event.respondWith(fromCacheFirst(request));
    return;
  }
  if (url.pathname === "/__manifest") {
    // Remix's route manifest (which routes exist, per build): nobody's data, kept with the build files.
    event.respondWith(fromNetworkFirst(request, ASSETS, url.href));
    return;
  }
  if (!isEntryPage(url)) return;
  if (request.mode === "navigate") {
    event.respondWith(fromNetworkFirst(request, PAGES, pageKey(url)));
  } else {
    // Remix's data requests (?_data=), by their whole address.
    event.respondWith(fromNetworkFirst(request, DATA, url.href));
  }
});

async function keepAsset(href) {
  const cache = await caches.open(ASSETS);
  if (await cache.match(href)) return;
  const response = await fetch(href, { credentials: "same-origin" });
  if (keepable(response)) await cache.put(href, response);
}

/** The build files a kept page loads (its route module is loaded only on that page). */
function assetsOf(html) {
  return [...html.matchAll(/\/build\/[A-Za-z0-9._\-/]+\.(?:js|css)/g)].map(([asset]) => new URL(asset, self.location.origin).href);
}

/**
 * Whether the entry page at `url` opens without a connection: the page is kept, and so is every
 * build file it loads (a page missing one chunk shows offline but never comes alive).
 */
async function keptWhole(url) {
  const page = await (await caches.open(PAGES)).match(pageKey(url), { ignoreVary: true });
  if (!page) return false;
  const assets = await caches.open(ASSETS);
  for (const href of assetsOf(await page.text())) if (!(await assets.match(href, { ignoreVary: true }))) return false;
  return true;
}

/** Pages being fetched to be kept, by key: two pages asking at once share one request. */
const fetching = new Map();

/** Fetches the entry page at `url` and keeps it; resolves to the build files it loads (none if it could not). */
function fetchPage(url, since) {
  const key = pageKey(url);
  // Per generation: a fetch begun before a sign-in is not kept, so it is no answer for after it.
  const task = `${since} ${key}`;
  if (!fetching.has(task)) {
    const run = (async () => {
      try {
        const response = await fetch(key, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (!keepable(response)) return [];
        const html = await response.clone().text();
        await keep(PAGES, key, response, since);
        return assetsOf(html);
      } catch {
        // Offline now: the next page that asks tries again.
        return [];
      } finally {
        fetching.delete(task);
      }
    })();
    fetching.set(task, run);
  }
  return fetching.get(task);
}

/**
 * Keeps the entry pages among `urls` that are not kept whole yet (they are what a user opens
 * offline), then the build files they and the asking page use. Answers whether every entry
 * page among `urls` now opens offline.
 */
async function prepare(urls) {
  const since = generation;
  const assets = new Set();
  const pages = [];
  for (const raw of urls) {
    let url;
    try {
      url = new URL(raw, self.location.origin);
    } catch {
      continue;
    }
    if (url.origin !== self.location.origin) continue;
    if (url.pathname.startsWith("/build/")) assets.add(url.href);
    else if (isEntryPage(url) && !pages.some((p) => p.pathname === url.pathname)) pages.push(url);
  }
  await Promise.all(
    pages.map(async (url) => {
      if (await keptWhole(url)) return;
      for (const href of await fetchPage(url, since)) assets.add(href);
    }),
  );
  await Promise.all([...assets].map((href) => keepAsset(href).catch(() => undefined)));
  const whole = await Promise.all(pages.map(keptWhole));
  return whole.every(Boolean);
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type !== "prepare" || !Array.isArray(message.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil(
    prepare(message.urls.slice(0, 200))
      .catch(() => false)
      .then((ready) => port && port.postMessage({ ready })),
  );
});
