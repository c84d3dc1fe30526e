import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { createIdentityService } from '../../identity/identity.service.ts';

describe('wishes HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    w = await appealsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker2', 'szq.community', 'szq.admin']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const call = (login: string | null, method: 'GET' | 'POST', url: string, payload?: object, extra = {}) =>
    w.t.app.inject({ method, url, payload, headers: { ...(login ? headers[login] : {}), ...extra } });

  it('runs a wish from a box link to feedback over HTTP', async () => {
    const box = await call('szq.community', 'POST', '/api/v1/wish-boxes', {
      name: '大佛街道示例心愿箱',
      regionCode: '511102004',
    });
    expect(box.statusCode).toBe(201);
    expect(box.json().link).toBe(`/m/wish?box=${box.json().id}`);
    const first = await call(
      'worker2',
      'POST',
      '/api/v1/wishes',
      { boxId: box.json().id, text: '希望驿站夏天有绿豆汤', contactPhone: '13912345678' },
      { 'idempotency-key': 'k1' },
    );
    expect(first.statusCode).toBe(201);
    expect(first.body).not.toContain('13912345678');
    const again = await call(
      'worker2',
      'POST',
      '/api/v1/wishes',
      { boxId: box.json().id, text: '希望驿站夏天有绿豆汤' },
      { 'idempotency-key': 'k1' },
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const id = first.json().id;
    expect(
      (await call('szq.community', 'POST', `/api/v1/wishes/${id}/classify`, { categoryCode: 'nope' })).json()
        .code,
    ).toBe('wish.category_not_found');
    expect(
      (await call('szq.community', 'POST', `/api/v1/wishes/${id}/classify`, { categoryCode: 'care' }))
        .statusCode,
    ).toBe(200);
    const trackers = (await call('szq.community', 'GET', `/api/v1/wishes/${id}/trackers`)).json();
    const me = trackers.find((t: { userId: string }) => t.userId === w.users['szq.community']);
    const assigned = await call('szq.community', 'POST', `/api/v1/wishes/${id}/assign`, {
      trackerUserId: me.userId,
    });
    expect(assigned.json().actions.answer).toBe(true);
    const answered = await call('szq.community', 'POST', `/api/v1/wishes/${id}/answer`, {
      feedback: '七月起每天供应',
    });
    expect(answered.json().state).toBe('answered');
    const mine = (await call('worker2', 'GET', '/api/v1/wishes?mine=true')).json();
    expect(mine.items[0].feedback).toBe('七月起每天供应');
    expect((await call('worker2', 'POST', `/api/v1/wishes/${id}/answer`, { feedback: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('validates forum bodies', async () => {
    const r = await call('szq.admin', 'POST', '/api/v1/forums', { heldOn: 'yesterday' });
    expect(r.statusCode).toBe(400);
  });
});
