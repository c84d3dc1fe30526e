/**
 * Offline queue for worker submissions (product.md: "queues submissions offline and sends them
 * when the network returns"). Items live in localStorage so they survive a closed tab; each carries
 * an idempotency key so a send that reached the server before the connection dropped is not
 * applied twice. Flushes on start and on the `online` event.
 *
 * The decisions (what to keep, when to retry, what to drop) are pure functions below, so they can
 * be unit-tested without a browser.
 */

export interface QueueItem {
  id: string;
  idempotencyKey: string;
  url: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body: unknown;
  createdAt: string;
  attempts: number;
  lastError?: string;
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string }
  | { kind: 'drop'; error: string };

export const STORAGE_KEY = 'nx.offline-queue.v1';
export const MAX_ATTEMPTS = 20;
export const MAX_ITEMS = 200;

/** Reads the stored queue, ignoring anything malformed rather than failing the app. */
export function parseQueue(raw: string | null): QueueItem[] {
  if (!raw) return [];
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) return [];
    return data.filter(
      (x): x is QueueItem =>
        typeof x === 'object' &&
        x !== null &&
        typeof x.id === 'string' &&
        typeof x.idempotencyKey === 'string' &&
        typeof x.url === 'string' &&
        typeof x.createdAt === 'string' &&
        typeof x.attempts === 'number',
    );
  } catch {
    return [];
  }
}

/** New item; the oldest ones are dropped beyond MAX_ITEMS so storage cannot grow without bound. */
export function appendItem(items: readonly QueueItem[], item: QueueItem): QueueItem[] {
  const next = [...items, item];
  return next.length > MAX_ITEMS ? next.slice(next.length - MAX_ITEMS) : next;
}

/**
 * What to do with an answer: 2xx sent; network failure, 408, 429 and 5xx retry later; 401 retry
 * (the rider signs in again, the item waits); any other 4xx will never succeed, so it is dropped.
 */
export function classifyResponse(status: number | null): SendOutcome {
  if (status === null) return { kind: 'retry', error: 'network' };
  if (status >= 200 && status < 300) return { kind: 'sent' };
  if (status === 401 || status === 408 || status === 429 || status >= 500)
    return { kind: 'retry', error: `http_${status}` };
  return { kind: 'drop', error: `http_${status}` };
}

/** Applies one send outcome to the queue. Items that have failed MAX_ATTEMPTS times are dropped. */
export function applyOutcome(items: readonly QueueItem[], id: string, outcome: SendOutcome): QueueItem[] {
  if (outcome.kind === 'sent' || outcome.kind === 'drop') return items.filter((i) => i.id !== id);
  return items
    .map((i) => (i.id === id ? { ...i, attempts: i.attempts + 1, lastError: outcome.error } : i))
    .filter((i) => i.attempts < MAX_ATTEMPTS);
}

/** Exponential back-off between flushes of a failing item: 5 s, 10 s, 20 s … capped at 10 min. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Sender = (item: QueueItem) => Promise<number | null>;

/** The queue itself: storage + listeners + a single-flight flush. */
export class OfflineQueue {
  private listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;
  private snapshot: QueueItem[];

  constructor(
    private readonly storage: QueueStorage,
    private readonly send: Sender,
  ) {
    this.snapshot = parseQueue(storage.getItem(STORAGE_KEY));
  }

  items(): readonly QueueItem[] {
    return this.snapshot;
  }

  count(): number {
    return this.snapshot.length;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(items: QueueItem[]): void {
    this.snapshot = items;
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify(items));
    } catch {
      // storage full or unavailable: keep the in-memory copy
    }
    for (const l of this.listeners) l();
  }

  /** Queues a submission and tries to send it at once. Returns the item (its idempotency key). */
  enqueue(input: {
    url: string;
    method?: QueueItem['method'];
    body: unknown;
    idempotencyKey?: string;
  }): QueueItem {
    const item: QueueItem = {
      id: newId(),
      idempotencyKey: input.idempotencyKey ?? newId(),
      url: input.url,
      method: input.method ?? 'POST',
      body: input.body,
      createdAt: new Date().toISOString(),
      attempts: 0,
    };
    this.save(appendItem(this.snapshot, item));
    void this.flush();
    return item;
  }

  /** Sends queued items in order; stops at the first that must wait (keeps the order of events). */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      // Yield once: with nothing to send the body would finish (and clear `flushing`) before the
      // assignment, leaving a settled promise that blocks every later flush.
      await Promise.resolve();
      try {
        for (const item of [...this.snapshot]) {
          let status: number | null;
          try {
            status = await this.send(item);
          } catch {
            status = null;
          }
          const outcome = classifyResponse(status);
          this.save(applyOutcome(this.snapshot, item.id, outcome));
          if (outcome.kind === 'retry') break;
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }
}
