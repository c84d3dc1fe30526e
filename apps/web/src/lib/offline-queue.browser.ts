import { useSyncExternalStore } from 'react';
import { csrfToken } from './api-client';
import { idbBlobStore } from './offline-blobs';
import { OfflineQueue, type PhotoUploader, type QueueItem, type SendResult } from './offline-queue';

/** The error envelope's code of a refused request, if the answer has one. */
async function codeOf(res: Response): Promise<string | undefined> {
  if (res.ok) return undefined;
  try {
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null && 'code' in body ? String(body.code) : undefined;
  } catch {
    return undefined;
  }
}

async function sendOverFetch(item: QueueItem): Promise<SendResult> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': item.idempotencyKey,
  };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  try {
    const res = await fetch(item.url, {
      method: item.method,
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(item.body),
    });
    return { status: res.status, code: await codeOf(res) };
  } catch {
    return null;
  }
}

/** POST /api/v1/files/photos for a queued photo (no progress: it runs in the background). */
const uploadOverFetch: PhotoUploader = async (blob, idempotencyKey) => {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { status: null };
  const form = new FormData();
  form.append('file', blob, 'photo');
  const headers: Record<string, string> = { 'idempotency-key': idempotencyKey };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  try {
    const res = await fetch('/api/v1/files/photos', {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: form,
    });
    if (!res.ok) return { status: res.status, code: await codeOf(res) };
    const body = (await res.json()) as { id?: unknown };
    return typeof body.id === 'string' ? { status: res.status, id: body.id } : { status: res.status };
  } catch {
    return { status: null };
  }
};

const memory = new Map<string, string>();
const storage =
  typeof localStorage !== 'undefined'
    ? localStorage
    : {
        getItem: (k: string) => memory.get(k) ?? null,
        setItem: (k: string, v: string) => void memory.set(k, v),
      };

/** The app-wide queue. Later modules call `offlineQueue.enqueue({ url, body })`. */
export const offlineQueue = new OfflineQueue(storage, sendOverFetch, {
  store: idbBlobStore,
  upload: uploadOverFetch,
});

/** While online with something waiting (a flaky connection gives no `online` event), try again. */
const RETRY_EVERY_MS = 30_000;

let started = false;
/** Flushes on start, whenever the browser comes back online, and every 30 s while items wait. Call once. */
export function startOfflineQueue(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void offlineQueue.flush());
  window.setInterval(() => {
    if (navigator.onLine && offlineQueue.items().some((i) => !i.blocked)) void offlineQueue.flush();
  }, RETRY_EVERY_MS);
  void offlineQueue.flush();
}

export function useOfflineQueueCount(): number {
  return useSyncExternalStore(
    (cb) => offlineQueue.subscribe(cb),
    () => offlineQueue.count(),
  );
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}
