/**
 * Offline queue for worker submissions (product.md: "queues submissions offline and sends them
 * when the network returns"). Items live in localStorage so they survive a closed tab; each carries
 * an idempotency key so a send that reached the server before the connection dropped is not
 * applied twice. Flushes on start and on the `online` event.
 *
 * An item may carry photos (docs/files.md). Their Blobs live in IndexedDB (a `BlobStore`), keyed
 * per item; on a flush they are uploaded first, one by one, each under its own idempotency key
 * derived from the item's, and each stored id is saved as soon as it is known; then the JSON is
 * sent with the ids (`photoField`) under the item's own key. Such an item is never dropped: a photo
 * or a filing the server refuses leaves it `blocked` with the reason, until the worker removes the
 * photo or the item; an expired upload (`file.not_attachable`) is simply uploaded again.
 *
 * The decisions (what to keep, when to retry, what to drop) are pure functions below, so they can
 * be unit-tested without a browser.
 */

import { newIdempotencyKey } from './idempotency';

/** A photo of a queued item: its Blob's key in the BlobStore, and its id once uploaded. */
export interface QueuedPhoto {
  blobKey: string;
  uploadedId?: string;
}

/** Why an item waits for the worker: the server's error code, and which photo (0-based) if one. */
export interface QueueBlock {
  code: string;
  photo?: number;
}

export interface QueueItem {
  id: string;
  idempotencyKey: string;
  url: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body: unknown;
  createdAt: string;
  attempts: number;
  lastError?: string;
  /** Photos to upload before the JSON is sent; their ids go into `body[photoField]`. */
  photos?: QueuedPhoto[];
  photoField?: string;
  /** Set when the server refused a photo or the filing: skipped by flushes until the worker acts. */
  blocked?: QueueBlock;
}

export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string }
  | { kind: 'drop'; error: string };

/** A sender's answer: the status (null: no answer), and the error envelope's code when there is one. */
export type SendResult = number | null | { status: number | null; code?: string };

function statusOf(r: SendResult): { status: number | null; code?: string } {
  return typeof r === 'object' && r !== null ? r : { status: r };
}

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

/**
 * Applies one send outcome to the queue. Items that have failed MAX_ATTEMPTS times are dropped,
 * except items with photos: what the worker saw queued with photos is only ever removed by them.
 */
export function applyOutcome(items: readonly QueueItem[], id: string, outcome: SendOutcome): QueueItem[] {
  if (outcome.kind === 'sent' || outcome.kind === 'drop') return items.filter((i) => i.id !== id);
  return items
    .map((i) => (i.id === id ? { ...i, attempts: i.attempts + 1, lastError: outcome.error } : i))
    .filter((i) => i.attempts < MAX_ATTEMPTS || (i.photos?.length ?? 0) > 0);
}

/** A photo upload's answer: stored (with its id), try again later, or refused for good. */
export type PhotoOutcome =
  | { kind: 'stored'; id: string }
  | { kind: 'retry'; error: string }
  | { kind: 'blocked'; code: string };

export function classifyPhotoUpload(r: { status: number | null; id?: string; code?: string }): PhotoOutcome {
  const verdict = classifyResponse(r.status);
  if (verdict.kind === 'sent') return r.id ? { kind: 'stored', id: r.id } : { kind: 'retry', error: 'no_id' };
  if (verdict.kind === 'retry') return verdict;
  return { kind: 'blocked', code: r.code ?? verdict.error };
}

/**
 * The filing's answer for an item with photos. Like `classifyResponse`, but a refusal does not drop
 * it: `file.not_attachable` (an upload expired or was purged) means upload the photos again; any
 * other refusal blocks the item with its reason.
 */
export function classifyPhotoItemResponse(
  r: SendResult,
): SendOutcome | { kind: 'reupload' } | { kind: 'blocked'; code: string } {
  const { status, code } = statusOf(r);
  const verdict = classifyResponse(status);
  if (verdict.kind !== 'drop') return verdict;
  if (code === 'file.not_attachable') return { kind: 'reupload' };
  return { kind: 'blocked', code: code ?? verdict.error };
}

/** The JSON to send: the item's body with the uploaded photo ids, in the worker's order. */
export function bodyWithPhotos(item: QueueItem): unknown {
  if (!item.photos?.length || !item.photoField) return item.body;
  const ids = item.photos.map((p) => p.uploadedId).filter((x): x is string => Boolean(x));
  return { ...(item.body as Record<string, unknown>), [item.photoField]: ids };
}

/** Key of one photo upload: stable across retries, so a lost answer never stores it twice. */
export function photoUploadKey(item: QueueItem, index: number): string {
  return `${item.idempotencyKey}:photo:${index}`;
}

/** Exponential back-off between flushes of a failing item: 5 s, 10 s, 20 s … capped at 10 min. */
export function backoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export type Sender = (item: QueueItem) => Promise<SendResult>;

/** Where queued photos' Blobs are kept (IndexedDB in the browser). */
export interface BlobStore {
  put(key: string, blob: Blob): Promise<void>;
  get(key: string): Promise<Blob | null>;
  delete(key: string): Promise<void>;
}

/** Uploads one photo: the status (null: no answer), the stored id, or the error code. */
export type PhotoUploader = (
  blob: Blob,
  idempotencyKey: string,
) => Promise<{ status: number | null; id?: string; code?: string }>;

export interface PhotoSupport {
  store: BlobStore;
  upload: PhotoUploader;
}

/** The queue itself: storage + listeners + a single-flight flush. */
export class OfflineQueue {
  private listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;
  private snapshot: QueueItem[];

  constructor(
    private readonly storage: QueueStorage,
    private readonly send: Sender,
    private readonly photos?: PhotoSupport,
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
      id: newIdempotencyKey(),
      idempotencyKey: input.idempotencyKey ?? newIdempotencyKey(),
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

  /**
   * Queues a submission with photos: the Blobs are written to the BlobStore first (a failure there
   * throws, and nothing is queued, so the form keeps everything), then the item, then a flush.
   * `uploadedId` is the id of a photo the form already uploaded; it is uploaded again only if the
   * server no longer accepts it.
   */
  async enqueueWithPhotos(input: {
    url: string;
    body: unknown;
    idempotencyKey?: string;
    photoField: string;
    photos: readonly { blob: Blob; uploadedId?: string }[];
  }): Promise<QueueItem> {
    if (!this.photos) throw new Error('This queue has no photo support');
    const id = newIdempotencyKey();
    const photos: QueuedPhoto[] = [];
    for (const [i, p] of input.photos.entries()) {
      const blobKey = `${id}:${i}`;
      await this.photos.store.put(blobKey, p.blob);
      photos.push(p.uploadedId ? { blobKey, uploadedId: p.uploadedId } : { blobKey });
    }
    const item: QueueItem = {
      id,
      idempotencyKey: input.idempotencyKey ?? newIdempotencyKey(),
      url: input.url,
      method: 'POST',
      body: input.body,
      createdAt: new Date().toISOString(),
      attempts: 0,
      photos,
      photoField: input.photoField,
    };
    this.save(appendItem(this.snapshot, item));
    void this.flush();
    return item;
  }

  private patch(id: string, change: (item: QueueItem) => QueueItem): QueueItem | null {
    let out: QueueItem | null = null;
    this.save(
      this.snapshot.map((i) => {
        if (i.id !== id) return i;
        out = change(i);
        return out;
      }),
    );
    return out;
  }

  private async forget(item: QueueItem): Promise<void> {
    for (const p of item.photos ?? []) await this.photos?.store.delete(p.blobKey).catch(() => undefined);
  }

  /** The worker leaves out one photo of a blocked (or waiting) item; the rest is sent. */
  async removePhoto(id: string, index: number): Promise<void> {
    const item = this.snapshot.find((i) => i.id === id);
    const photo = item?.photos?.[index];
    if (!item || !photo) return;
    this.patch(id, (i) => {
      const { blocked: _blocked, ...rest } = i;
      return { ...rest, photos: (i.photos ?? []).filter((_, n) => n !== index) };
    });
    await this.photos?.store.delete(photo.blobKey).catch(() => undefined);
    void this.flush();
  }

  /** The worker deletes a queued item (and its photos) on purpose. */
  async discard(id: string): Promise<void> {
    const item = this.snapshot.find((i) => i.id === id);
    if (!item) return;
    this.save(this.snapshot.filter((i) => i.id !== id));
    await this.forget(item);
  }

  /** The worker asks to try a blocked item again (e.g. after signing in again). */
  retry(id: string): Promise<void> {
    this.patch(id, (i) => {
      const { blocked: _blocked, ...rest } = i;
      return rest;
    });
    return this.flush();
  }

  /** A photo Blob of a queued item (to show it while it waits). */
  photoBlob(item: QueueItem, index: number): Promise<Blob | null> {
    const p = item.photos?.[index];
    if (!p || !this.photos) return Promise.resolve(null);
    return this.photos.store.get(p.blobKey);
  }

  /** Uploads the item's photos that have no id yet. 'retry': stop the flush; 'blocked': skip the item. */
  private async uploadPhotos(item: QueueItem): Promise<'ready' | 'retry' | 'blocked'> {
    const support = this.photos;
    if (!support) return 'blocked';
    for (const [index, p] of (item.photos ?? []).entries()) {
      if (p.uploadedId) continue;
      const blob = await support.store.get(p.blobKey).catch(() => null);
      if (!blob) {
        this.patch(item.id, (i) => ({ ...i, blocked: { code: 'client.photo_missing', photo: index } }));
        return 'blocked';
      }
      let answer: { status: number | null; id?: string; code?: string };
      try {
        answer = await support.upload(blob, photoUploadKey(item, index));
      } catch {
        answer = { status: null };
      }
      const outcome = classifyPhotoUpload(answer);
      if (outcome.kind === 'retry') {
        this.patch(item.id, (i) => ({ ...i, attempts: i.attempts + 1, lastError: `photo_${outcome.error}` }));
        return 'retry';
      }
      if (outcome.kind === 'blocked') {
        this.patch(item.id, (i) => ({ ...i, blocked: { code: outcome.code, photo: index } }));
        return 'blocked';
      }
      // Saved at once: a crash after this point never uploads this photo again.
      this.patch(item.id, (i) => ({
        ...i,
        photos: (i.photos ?? []).map((q, n) => (n === index ? { ...q, uploadedId: outcome.id } : q)),
      }));
    }
    return 'ready';
  }

  /** One item with photos: upload, then file; at most one re-upload round per flush. */
  private async sendWithPhotos(start: QueueItem): Promise<'next' | 'stop'> {
    for (let round = 0; round < 2; round++) {
      const current = this.snapshot.find((i) => i.id === start.id);
      if (!current || current.blocked) return 'next';
      const ready = await this.uploadPhotos(current);
      if (ready === 'retry') return 'stop';
      if (ready === 'blocked') return 'next';
      // The worker may have discarded it meanwhile.
      const item = this.snapshot.find((i) => i.id === start.id);
      if (!item) return 'next';
      let answer: SendResult;
      try {
        answer = await this.send({ ...item, body: bodyWithPhotos(item) });
      } catch {
        answer = null;
      }
      const outcome = classifyPhotoItemResponse(answer);
      if (outcome.kind === 'sent') {
        this.save(this.snapshot.filter((i) => i.id !== item.id));
        await this.forget(item);
        return 'next';
      }
      if (outcome.kind === 'retry') {
        this.save(applyOutcome(this.snapshot, item.id, outcome));
        return 'stop';
      }
      if (outcome.kind === 'blocked') {
        this.patch(item.id, (i) => ({ ...i, blocked: { code: outcome.code } }));
        return 'next';
      }
      // reupload: forget the ids the server no longer accepts, and go round once more.
      this.patch(item.id, (i) => ({
        ...i,
        attempts: i.attempts + 1,
        lastError: 'file.not_attachable',
        photos: (i.photos ?? []).map(({ blobKey }) => ({ blobKey })),
      }));
    }
    return 'stop';
  }

  /**
   * Sends queued items in order; stops at the first that must wait (keeps the order of events).
   * Blocked items wait for the worker and do not hold up the others. Items queued while a flush
   * runs are sent by that flush too.
   */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      // Yield once: with nothing to send the body would finish (and clear `flushing`) before the
      // assignment, leaving a settled promise that blocks every later flush.
      await Promise.resolve();
      try {
        const tried = new Set<string>();
        for (;;) {
          const item = this.snapshot.find((i) => !tried.has(i.id) && !i.blocked);
          if (!item) break;
          tried.add(item.id);
          if (item.photos?.length) {
            if ((await this.sendWithPhotos(item)) === 'stop') break;
            continue;
          }
          let result: SendResult;
          try {
            result = await this.send(item);
          } catch {
            result = null;
          }
          const outcome = classifyResponse(statusOf(result).status);
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
