/*
 * The field pages' service worker: lets /hazards open without a signal after one visit online.
 * - /_next/static/* (content-hashed): cache first.
 * - Pages and the GET data they read (/api/v1, the map worker, the icon): network first, the last good answer
 *   when the network is gone or too slow; a page is found again under any query string.
 * Writes (POST, PATCH, …) are never touched: the outbox sends and retries them.
 */
const STATIC_CACHE = 'field-static-v1';
const DATA_CACHE = 'field-data-v1';
const NETWORK_TIMEOUT_MS = 6000;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = [STATIC_CACHE, DATA_CACHE];
      for (const name of await caches.keys()) if (!keep.includes(name)) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await keep(cache, request, response.clone());
  return response;
}

/**
 * Stores an answer only once its whole body has arrived: a transfer cut off by a lost signal must not replace
 * (or remove) the last good copy.
 */
async function keep(cache, request, response) {
  try {
    const body = await response.blob();
    await cache.put(request, new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers }));
    return body.size;
  } catch {
    // The signal went mid-transfer: the copy kept before stays.
    return null;
  }
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('network timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function networkFirst(request, isPage, cacheName) {
  const cache = await caches.open(cacheName);
  const network = fetch(request).then(async (response) => {
    // Only a real answer is kept: a redirect to sign-in or an error must not replace the last good page.
    if (response.ok && response.type === 'basic' && !response.redirected) await keep(cache, request, response.clone());
    return response;
  });
  try {
    return await withTimeout(network, NETWORK_TIMEOUT_MS);
  } catch {
    const hit =
      (await cache.match(request, { ignoreVary: true })) ||
      (isPage ? await cache.match(request, { ignoreVary: true, ignoreSearch: true }) : undefined);
    if (hit) return hit;
    // Nothing stored: wait for the network after all (slow is better than nothing).
    return network;
  }
}

/**
 * The page asks, once it is controlled, to keep a list of URLs: what it loaded before this worker took over (the
 * first visit's page, scripts and data) and the offline package of the user's villages (map layers and building
 * tiles), so one online visit is enough to open it offline. Four at a time; answers on the given port with how
 * many were kept, how many failed and the bytes kept.
 */
async function keepAll(urls) {
  const pending = [...urls];
  const tally = { kept: 0, failed: 0, bytes: 0 };
  const worker = async () => {
    for (let href = pending.shift(); href !== undefined; href = pending.shift()) {
      const url = new URL(href, self.location.origin);
      if (url.origin !== self.location.origin) continue;
      const cacheName = isAppShell(url) ? STATIC_CACHE : DATA_CACHE;
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        const size = response.ok && !response.redirected ? await keep(await caches.open(cacheName), url, response) : null;
        if (size === null) tally.failed += 1;
        else {
          tally.kept += 1;
          tally.bytes += size;
        }
      } catch {
        // Gone offline meanwhile: what was kept stays.
        tally.failed += 1;
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return tally;
}

/**
 * The app itself, the same for every user: kept in the static cache, which signing out leaves. Pages and data
 * (the user's villages) go to the data cache, which signing out removes.
 */
function isAppShell(url) {
  return url.pathname.startsWith('/_next/static/') || url.pathname === '/icon.svg' || url.pathname === '/manifest.webmanifest';
}

self.addEventListener('message', (event) => {
  if (event.data?.type !== 'keep' || !Array.isArray(event.data.urls)) return;
  const port = event.ports[0];
  event.waitUntil(keepAll(event.data.urls).then((tally) => port?.postMessage(tally)));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  // The sign-in page is no field data: keeping it would refill the data cache that signing out has just emptied.
  if (url.pathname === '/login') return;
  const isPage = request.mode === 'navigate';
  if (url.pathname === '/icon.svg' || url.pathname === '/manifest.webmanifest') {
    event.respondWith(networkFirst(request, false, STATIC_CACHE));
    return;
  }
  const isFieldData = url.pathname.startsWith('/api/v1/') || url.pathname === '/maplibre-gl-worker.mjs';
  // RSC requests of client navigation carry their own header; they are pages too.
  const plate = isPage && /^\/p\/([bu])\/([^/]+)$/.exec(url.pathname);
  if (plate) {
    event.respondWith(plateOffline(request, `${plate[1]}:${safeDecode(plate[2])}`));
    return;
  }
  if (isPage || isFieldData || request.headers.get('RSC') === '1') event.respondWith(networkFirst(request, isPage, DATA_CACHE));
});

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A house plate's page (its QR code, opened by any camera app): online as usual; without a signal and never
 * kept, the kept hazards page opens it instead, from the plate records of the offline package.
 */
async function plateOffline(request, plate) {
  const answer = await networkFirst(request, false, DATA_CACHE).catch(() => null);
  return answer ?? Response.redirect(`/hazards?plate=${encodeURIComponent(plate)}`, 302);
}
