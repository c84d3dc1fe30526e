import { describe, expect, it } from 'vitest';
import {
  applyOutcome,
  type BlobStore,
  bodyWithPhotos,
  classifyPhotoItemResponse,
  classifyPhotoUpload,
  MAX_ATTEMPTS,
  OfflineQueue,
  type PhotoUploader,
  type QueueItem,
  type SendResult,
  STORAGE_KEY,
} from '../offline-queue';

/** A queue over in-memory storage, blob store, uploader and sender, recording every call. */
function rig(
  opts: { uploads?: Array<{ status: number | null; id?: string; code?: string }>; sends?: SendResult[] } = {},
) {
  const store = new Map<string, string>();
  const blobs = new Map<string, Blob>();
  const blobStore: BlobStore = {
    put: async (k, b) => void blobs.set(k, b),
    get: async (k) => blobs.get(k) ?? null,
    delete: async (k) => void blobs.delete(k),
  };
  const uploads: string[] = [];
  const sent: { key: string; body: unknown }[] = [];
  let n = 0;
  const upload: PhotoUploader = async (_blob, key) => {
    uploads.push(key);
    const next = opts.uploads?.shift();
    return next ?? { status: 201, id: `file-${++n}` };
  };
  const queue = new OfflineQueue(
    { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
    async (item) => {
      sent.push({ key: item.idempotencyKey, body: item.body });
      const next = opts.sends?.shift();
      return next === undefined ? 201 : next;
    },
    { store: blobStore, upload },
  );
  return { queue, store, blobs, uploads, sent };
}

const photo = (text: string) => new Blob([text], { type: 'image/jpeg' });
const filing = { url: '/api/v1/appeals', body: { description: '积水' }, photoField: 'photoIds' };

describe('offline queue with photos: decisions', () => {
  it('classifies photo uploads and filings', () => {
    expect(classifyPhotoUpload({ status: 201, id: 'f' })).toEqual({ kind: 'stored', id: 'f' });
    expect(classifyPhotoUpload({ status: null }).kind).toBe('retry');
    expect(classifyPhotoUpload({ status: 429, code: 'common.rate_limited' }).kind).toBe('retry');
    expect(classifyPhotoUpload({ status: 415, code: 'file.unsupported_type' })).toEqual({
      kind: 'blocked',
      code: 'file.unsupported_type',
    });
    expect(classifyPhotoItemResponse({ status: 400, code: 'file.not_attachable' }).kind).toBe('reupload');
    expect(classifyPhotoItemResponse({ status: 400, code: 'appeal.category_not_found' })).toEqual({
      kind: 'blocked',
      code: 'appeal.category_not_found',
    });
    expect(classifyPhotoItemResponse(503).kind).toBe('retry');
    expect(classifyPhotoItemResponse({ status: 201 }).kind).toBe('sent');
  });

  it('never drops an item with photos for its attempts, and puts the ids in the body in order', () => {
    const item: QueueItem = {
      id: 'a',
      idempotencyKey: 'k',
      url: '/x',
      method: 'POST',
      body: { d: 1 },
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: MAX_ATTEMPTS - 1,
      photos: [
        { blobKey: 'a:0', uploadedId: 'f1' },
        { blobKey: 'a:1' },
        { blobKey: 'a:2', uploadedId: 'f3' },
      ],
      photoField: 'photoIds',
    };
    expect(applyOutcome([item], 'a', { kind: 'retry', error: 'network' })).toHaveLength(1);
    expect(bodyWithPhotos(item)).toEqual({ d: 1, photoIds: ['f1', 'f3'] });
  });
});

describe('offline queue with photos: flushing', () => {
  it('uploads the photos first, then files with their ids under the same key, then forgets the Blobs', async () => {
    const r = rig();
    await r.queue.enqueueWithPhotos({
      ...filing,
      idempotencyKey: 'case-1',
      photos: [{ blob: photo('a') }, { blob: photo('b') }],
    });
    await r.queue.flush();
    expect(r.uploads).toEqual(['case-1:photo:0', 'case-1:photo:1']);
    expect(r.sent).toEqual([
      { key: 'case-1', body: { description: '积水', photoIds: ['file-1', 'file-2'] } },
    ]);
    expect(r.queue.count()).toBe(0);
    expect(r.blobs.size).toBe(0);
    expect(r.store.get(STORAGE_KEY)).toBe('[]');
  });

  it('keeps what was uploaded when the network drops halfway, and goes on from there', async () => {
    const r = rig({ uploads: [{ status: 201, id: 'f-a' }, { status: null }] });
    await r.queue.enqueueWithPhotos({
      ...filing,
      idempotencyKey: 'case-2',
      photos: [{ blob: photo('a') }, { blob: photo('b') }],
    });
    await r.queue.flush();
    expect(r.sent).toEqual([]);
    const waiting = r.queue.items()[0]!;
    expect(waiting.photos?.map((p) => p.uploadedId)).toEqual(['f-a', undefined]);
    expect(waiting.attempts).toBe(1);
    await r.queue.flush();
    expect(r.uploads).toEqual(['case-2:photo:0', 'case-2:photo:1', 'case-2:photo:1']);
    expect(r.sent[0]?.body).toEqual({ description: '积水', photoIds: ['f-a', 'file-1'] });
    expect(r.queue.count()).toBe(0);
  });

  it('a photo already uploaded by the form is not uploaded again', async () => {
    const r = rig();
    await r.queue.enqueueWithPhotos({
      ...filing,
      idempotencyKey: 'case-3',
      photos: [{ blob: photo('a'), uploadedId: 'from-form' }, { blob: photo('b') }],
    });
    await r.queue.flush();
    expect(r.uploads).toEqual(['case-3:photo:1']);
    expect(r.sent[0]?.body).toEqual({ description: '积水', photoIds: ['from-form', 'file-1'] });
  });

  it('a refused photo blocks its item with the reason, without holding up the next item', async () => {
    const r = rig({
      uploads: [
        { status: 201, id: 'ok' },
        { status: 415, code: 'file.heic_unsupported' },
      ],
    });
    await r.queue.enqueueWithPhotos({
      ...filing,
      idempotencyKey: 'case-4',
      photos: [{ blob: photo('a') }, { blob: photo('heic') }],
    });
    r.queue.enqueue({ url: '/api/v1/appeals', body: { description: '另一条' }, idempotencyKey: 'case-5' });
    await r.queue.flush();
    expect(r.sent.map((s) => s.key)).toEqual(['case-5']);
    const blocked = r.queue.items()[0]!;
    expect(blocked.blocked).toEqual({ code: 'file.heic_unsupported', photo: 1 });
    // Blocked items are not tried again by later flushes…
    await r.queue.flush();
    expect(r.uploads).toEqual(['case-4:photo:0', 'case-4:photo:1']);
    // …until the worker leaves that photo out: the rest is filed.
    await r.queue.removePhoto(blocked.id, 1);
    await r.queue.flush();
    expect(r.sent.at(-1)).toEqual({ key: 'case-4', body: { description: '积水', photoIds: ['ok'] } });
    expect(r.queue.count()).toBe(0);
    expect(r.blobs.size).toBe(0);
  });

  it('an expired upload (file.not_attachable) is uploaded again from the kept Blob, in the same flush', async () => {
    const r = rig({ sends: [{ status: 400, code: 'file.not_attachable' }] });
    await r.queue.enqueueWithPhotos({
      ...filing,
      idempotencyKey: 'case-6',
      photos: [{ blob: photo('a'), uploadedId: 'purged' }],
    });
    await r.queue.flush();
    expect(r.sent.map((s) => s.body)).toEqual([
      { description: '积水', photoIds: ['purged'] },
      { description: '积水', photoIds: ['file-1'] },
    ]);
    expect(r.queue.count()).toBe(0);
  });

  it('a refused filing stays blocked (never silently dropped) until retried or discarded', async () => {
    const r = rig({ sends: [{ status: 400, code: 'appeal.category_not_found' }] });
    await r.queue.enqueueWithPhotos({ ...filing, idempotencyKey: 'case-7', photos: [{ blob: photo('a') }] });
    await r.queue.flush();
    const item = r.queue.items()[0]!;
    expect(item.blocked).toEqual({ code: 'appeal.category_not_found' });
    expect(r.blobs.size).toBe(1);
    await r.queue.retry(item.id);
    expect(r.queue.count()).toBe(0); // the second send answered 201
  });

  it('the worker may discard a queued item: it and its Blobs are gone', async () => {
    const r = rig({ sends: [{ status: 422, code: 'common.validation' }] });
    await r.queue.enqueueWithPhotos({ ...filing, idempotencyKey: 'case-8', photos: [{ blob: photo('b') }] });
    await r.queue.flush();
    expect(r.queue.items()[0]?.blocked?.code).toBe('common.validation');
    await r.queue.discard(r.queue.items()[0]!.id);
    expect(r.queue.count()).toBe(0);
    expect(r.blobs.size).toBe(0);
  });

  it('a Blob cleared from the phone blocks the item with a reason instead of filing without it', async () => {
    const r = rig();
    const queued: QueueItem = {
      id: 'gone',
      idempotencyKey: 'case-10',
      url: '/api/v1/appeals',
      method: 'POST',
      body: { description: '积水' },
      createdAt: '2026-01-01T00:00:00.000Z',
      attempts: 0,
      photos: [{ blobKey: 'gone:0' }],
      photoField: 'photoIds',
    };
    r.store.set(STORAGE_KEY, JSON.stringify([queued]));
    const reopened = new OfflineQueue(
      { getItem: (k) => r.store.get(k) ?? null, setItem: (k, v) => void r.store.set(k, v) },
      async () => 201,
      {
        store: { put: async () => undefined, get: async () => null, delete: async () => undefined },
        upload: async () => ({ status: 201, id: 'x' }),
      },
    );
    await reopened.flush();
    expect(reopened.items()[0]?.blocked).toEqual({ code: 'client.photo_missing', photo: 0 });
  });
});
