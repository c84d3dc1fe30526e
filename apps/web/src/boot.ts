/**
 * The boot script: a tiny module the HTML loads before the app's entry (its own build input, with
 * no imports, so it arrives and runs in a few milliseconds). For the page being opened it starts
 * what the page will need while the entry (React, the router, the dictionaries) is still being
 * downloaded and compiled:
 *
 * - `<link rel="modulepreload">` for the route's chunks and `<link rel="preload" as="style">` for
 *   their stylesheets, so they load in parallel instead of one lazy import after another;
 * - API GETs the first render waits for (`/api/v1/me` for the worker app's sign-in guard); the
 *   API client takes each answer once ({@link takeEarlyGet} in lib/early.ts);
 * - the stations layer's Web Worker with its feed, adopted by the map (layer-client.ts).
 *
 * What to start per page is a table in the HTML (`<script type="application/json" id="nx-early">`)
 * written at build time from the chunk graph (early-start.plugin.ts), so the hashed file names are
 * always the built ones. Nothing here is needed for the app to work: a page without the table or
 * without this script loads everything the usual way.
 */

/** What the boot script starts for pages under `path` (written by the build). */
export interface EarlyRoute {
  /** `/m/map`: this path and everything under it; with `exact`, this path only. */
  path: string;
  exact?: boolean;
  /** Paths under `path` this entry does not apply to (`/m/login`). */
  except?: string[];
  /** Module chunks (`/assets/…js`) to preload. */
  modules: string[];
  /** Stylesheets (`/assets/…css`) the chunks will insert. */
  styles: string[];
  /** API GETs the first render needs. */
  gets: string[];
  /**
   * A Web Worker to start and the first message to send it, unless the query string has one of
   * `exceptSearch` (`view=list`: the map's list view needs no layer).
   */
  worker?: { url: string; message: unknown; exceptSearch?: string[] };
}

/** What the boot script started, on `window.__nxEarly` for the app to take. */
export interface EarlyStart {
  /** `performance.now()` when the boot script ran. */
  at: number;
  gets: Record<string, Promise<Response>>;
  worker: { url: string; worker: Worker; messages: unknown[] } | null;
}

export const EARLY_GLOBAL = '__nxEarly';
export const EARLY_TABLE_ID = 'nx-early';

/** Whether `route` applies to `pathname`. */
export function earlyRouteMatches(route: EarlyRoute, pathname: string): boolean {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const under = (base: string) => p === base || p.startsWith(`${base}/`);
  if (route.exact ? p !== route.path : !under(route.path)) return false;
  return !(route.except ?? []).some(under);
}

function start(routes: readonly EarlyRoute[]): EarlyStart {
  const early: EarlyStart = { at: performance.now(), gets: {}, worker: null };
  const links = new Set<string>();
  const link = (rel: string, href: string, as?: string) => {
    if (links.has(href)) return;
    links.add(href);
    const l = document.createElement('link');
    l.rel = rel;
    l.href = href;
    if (as) l.as = as;
    // As the entry's script tag: modules are fetched in CORS mode, so the preload must be too.
    l.crossOrigin = '';
    document.head.appendChild(l);
  };
  for (const r of routes) {
    if (!earlyRouteMatches(r, location.pathname)) continue;
    for (const href of r.modules) link('modulepreload', href);
    for (const href of r.styles) link('preload', href, 'style');
    for (const url of r.gets)
      early.gets[url] ??= fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const search = new URLSearchParams(location.search);
    const skip = (r.worker?.exceptSearch ?? []).some((kv) => {
      const [k = '', v = ''] = kv.split('=');
      return search.get(k) === v;
    });
    if (r.worker && !skip && !early.worker && typeof Worker !== 'undefined') {
      const messages: unknown[] = [];
      const worker = new Worker(r.worker.url, { type: 'module' });
      // Kept until the page takes the worker: a message without a listener would be lost.
      worker.onmessage = (e: MessageEvent) => {
        messages.push(e.data);
      };
      worker.postMessage(r.worker.message);
      early.worker = { url: r.worker.url, worker, messages };
    }
  }
  return early;
}

function boot(): void {
  const table = document.getElementById(EARLY_TABLE_ID)?.textContent;
  if (!table) return;
  try {
    (window as unknown as Record<string, EarlyStart>)[EARLY_GLOBAL] = start(
      JSON.parse(table) as EarlyRoute[],
    );
  } catch {
    // An old browser or a blocked worker: the app starts everything itself.
  }
}

if (typeof document !== 'undefined') boot();
