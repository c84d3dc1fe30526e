import { EARLY_GLOBAL, type EarlyStart } from '../boot';

/**
 * The app's side of the boot script (src/boot.ts): what it started before the entry ran, each
 * taken once. An early answer older than {@link EARLY_MAX_AGE_MS} is not used (a page left open
 * on the sign-in form must not later take the answer it had before signing in).
 */
export const EARLY_MAX_AGE_MS = 10_000;

function early(): EarlyStart | undefined {
  if (typeof window === 'undefined') return undefined;
  return (window as unknown as Record<string, EarlyStart | undefined>)[EARLY_GLOBAL];
}

/** The early answer of `GET url` if the boot script started it (once; later calls fetch again). */
export function takeEarlyGet(url: string): Promise<Response> | undefined {
  const e = early();
  const r = e?.gets[url];
  if (!e || !r) return undefined;
  delete e.gets[url];
  return performance.now() - e.at <= EARLY_MAX_AGE_MS ? r : undefined;
}

/**
 * The Web Worker the boot script started from the built file of `stem` (`layer.worker` for
 * layer.worker.ts, built as `layer.worker-<hash>.js`), once, with the messages it has sent since;
 * the caller sets its own `onmessage` and handles those first. A worker older than
 * {@link EARLY_MAX_AGE_MS} (the page went elsewhere first) is ended instead.
 */
export function takeEarlyWorker(stem: string): { worker: Worker; messages: unknown[] } | undefined {
  const e = early();
  const w = e?.worker;
  const file = w?.url.split('/').pop() ?? '';
  if (!e || !w || !file.startsWith(`${stem}-`)) return undefined;
  e.worker = null;
  if (performance.now() - e.at > EARLY_MAX_AGE_MS) {
    w.worker.terminate();
    return undefined;
  }
  return { worker: w.worker, messages: w.messages };
}
