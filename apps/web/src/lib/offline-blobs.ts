import type { BlobStore } from './offline-queue';

/**
 * Photo Blobs of queued submissions, in IndexedDB (localStorage holds only strings and a few MB).
 * They survive a closed tab like the queue itself; an item removes its Blobs once it is sent or
 * discarded.
 */

const DB_NAME = 'nx-offline';
const STORE = 'blobs';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
  }).catch((err: unknown) => {
    opening = null;
    throw err;
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = fn(tx.objectStore(STORE));
    // Resolve on commit, so a put is durable before the queue item that names it is saved.
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB request failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const idbBlobStore: BlobStore = {
  async put(key, blob) {
    await run<IDBValidKey>('readwrite', (s) => s.put(blob, key));
  },
  async get(key) {
    const v = await run<unknown>('readonly', (s) => s.get(key));
    return v instanceof Blob ? v : null;
  },
  async delete(key) {
    await run<undefined>('readwrite', (s) => s.delete(key));
  },
};
