import { describe, expect, it } from 'vitest';
import {
  appendItem,
  applyOutcome,
  backoffMs,
  classifyResponse,
  MAX_ATTEMPTS,
  OfflineQueue,
  parseQueue,
  type QueueItem,
  STORAGE_KEY,
} from '../offline-queue';

const item = (id: string, attempts = 0): QueueItem => ({
  id,
  idempotencyKey: `k-${id}`,
  url: '/api/v1/x',
  method: 'POST',
  body: { id },
  createdAt: '2026-01-01T00:00:00.000Z',
  attempts,
});

describe('offline queue decisions', () => {
  it('classifies answers', () => {
    expect(classifyResponse(null).kind).toBe('retry');
    expect(classifyResponse(201).kind).toBe('sent');
    expect(classifyResponse(503).kind).toBe('retry');
    expect(classifyResponse(429).kind).toBe('retry');
    expect(classifyResponse(401).kind).toBe('retry');
    expect(classifyResponse(400).kind).toBe('drop');
    expect(classifyResponse(409).kind).toBe('drop');
  });
  it('counts attempts and drops after the limit', () => {
    let q = [item('a', MAX_ATTEMPTS - 2), item('b')];
    q = applyOutcome(q, 'a', { kind: 'retry', error: 'network' });
    expect(q[0]?.attempts).toBe(MAX_ATTEMPTS - 1);
    q = applyOutcome(q, 'a', { kind: 'retry', error: 'network' });
    expect(q.map((i) => i.id)).toEqual(['b']);
    expect(applyOutcome(q, 'b', { kind: 'sent' })).toEqual([]);
  });
  it('ignores malformed storage and backs off exponentially', () => {
    expect(parseQueue('nonsense')).toEqual([]);
    expect(parseQueue(JSON.stringify([item('a'), { id: 1 }])).length).toBe(1);
    expect(backoffMs(1)).toBe(5_000);
    expect(backoffMs(3)).toBe(20_000);
    expect(backoffMs(99)).toBe(600_000);
    expect(appendItem([], item('a')).length).toBe(1);
  });
  it('flushes in order and stops at the first item that must wait', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const answers = [201, null];
    const sent: string[] = [];
    store.set(STORAGE_KEY, JSON.stringify([item('a'), item('b'), item('c')]));
    const q2 = new OfflineQueue(storage, async (i) => {
      sent.push(i.idempotencyKey);
      const a = answers.shift();
      return a === undefined ? 201 : a;
    });
    await q2.flush();
    expect(sent).toEqual(['k-a', 'k-b']);
    expect(q2.count()).toBe(2);
    await q2.flush();
    expect(q2.count()).toBe(0);
    expect(store.get(STORAGE_KEY)).toBe('[]');
  });

  it('still sends after a flush of an empty queue (app start)', async () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const sent: string[] = [];
    const q3 = new OfflineQueue(storage, async (i) => {
      sent.push(i.idempotencyKey);
      return 201;
    });
    await q3.flush();
    q3.enqueue({ url: '/api/v1/x', body: {}, idempotencyKey: 'k-late' });
    await q3.flush();
    expect(sent).toEqual(['k-late']);
    expect(q3.count()).toBe(0);
  });
});
