/*
 * 暖心 service worker: keeps the app shell so /m opens without network.
 * - HTML navigations: network first, fall back to the cached shell.
 * - /assets/* (content-hashed): cache first.
 * - /api/*: never cached, never intercepted.
 */
const VERSION = 'nx-shell-v1';
const SHELL = '/m';
const STATIC = ['/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/** Asset URLs named by the shell HTML (entry script, preloads, stylesheets). */
function assetsIn(html) {
  const urls = new Set();
  const re = /(?:src|href)="(\/assets\/[^"]+)"/g;
  let m = re.exec(html);
  while (m) {
    urls.add(m[1]);
    m = re.exec(html);
  }
  return [...urls];
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(VERSION);
      const res = await fetch(SHELL, { cache: 'no-store' });
      if (res.ok) {
        const html = await res.clone().text();
        await cache.put(SHELL, res);
        await cache.addAll([...STATIC, ...assetsIn(html)]).catch(() => undefined);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== VERSION) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The app sends the asset URLs it has loaded (lazy chunks included) so they work offline too.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u) => typeof u === 'string' && u.startsWith('/assets/'));
  event.waitUntil(caches.open(VERSION).then((c) => c.addAll(urls).catch(() => undefined)));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return;

  if (req.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req);
          if (res.ok) {
            const cache = await caches.open(VERSION);
            await cache.put(SHELL, res.clone());
          }
          return res;
        } catch {
          const cached = await caches.match(SHELL);
          return (
            cached || new Response('offline', { status: 503, headers: { 'content-type': 'text/plain' } })
          );
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/') || STATIC.includes(url.pathname)) {
    event.respondWith(
      (async () => {
        const cached = await caches.match(req);
        if (cached) return cached;
        const res = await fetch(req);
        if (res.ok) {
          const cache = await caches.open(VERSION);
          await cache.put(req, res.clone());
        }
        return res;
      })(),
    );
  }
});
