import { useSyncExternalStore } from 'react';
import { csrfToken } from './api-client';
import { OfflineQueue, type QueueItem } from './offline-queue';

async function sendOverFetch(item: QueueItem): Promise<number | null> {
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
    return res.status;
  } catch {
    return null;
  }
}

const memory = new Map<string, string>();
const storage =
  typeof localStorage !== 'undefined'
    ? localStorage
    : {
        getItem: (k: string) => memory.get(k) ?? null,
        setItem: (k: string, v: string) => void memory.set(k, v),
      };

/** The app-wide queue. Later modules call `offlineQueue.enqueue({ url, body })`. */
export const offlineQueue = new OfflineQueue(storage, sendOverFetch);

let started = false;
/** Flushes on start and whenever the browser comes back online. Call once. */
export function startOfflineQueue(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void offlineQueue.flush());
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
