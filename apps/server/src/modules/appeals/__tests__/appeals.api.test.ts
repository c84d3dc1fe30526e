import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { appealsWorld } from './fixtures.ts';

describe('appeals HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    w = await appealsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'worker2', 'szq.dispatch', 'szq.scjg', 'security']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const call = (
    login: string | null,
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    extra: Record<string, string> = {},
  ) => w.t.app.inject({ method, url, payload, headers: { ...(login ? headers[login] : {}), ...extra } });
  const body = () => ({
    type: 'complaint',
    categoryId: w.categories.get('policy.weather_fines'),
    description: '暴雨天配送超时被平台罚款',
    regionCode: '511102004',
    privacy: 'private',
    contactPhone: '+86 139-1234-5678',
    location: { lat: 29.5521, lng: 103.7656, crs: 'gcj02', address: '嘉州长卷' },
  });

  it('files with 201, returns the first case with 200 for the same Idempotency-Key, masks the phone', async () => {
    const first = await call('worker1', 'POST', '/api/v1/appeals', body(), { 'idempotency-key': 'abc' });
    expect(first.statusCode).toBe(201);
    const a = first.json();
    expect(a.reporter.contactPhoneMasked).toBe('139****5678');
    expect(first.body).not.toContain('13912345678');
    expect(a.location.lat).not.toBe(29.5521); // stored as WGS-84
    const again = await call('worker1', 'POST', '/api/v1/appeals', body(), { 'idempotency-key': 'abc' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(a.id);
    const staffView = await call('szq.dispatch', 'GET', `/api/v1/appeals/${a.id}`);
    expect(staffView.statusCode).toBe(200);
    expect(staffView.body).not.toContain('13912345678');
    expect(staffView.json().actions.dispatch).toBe(true);
  });

  it('validates bodies and answers the contract error codes', async () => {
    const bad = await call('worker1', 'POST', '/api/v1/appeals', { ...body(), description: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('common.validation');
    const noRegion = await call('worker1', 'POST', '/api/v1/appeals', { ...body(), regionCode: undefined });
    expect(noRegion.statusCode).toBe(400);
    const unknownCat = await call('worker1', 'POST', '/api/v1/appeals', {
      ...body(),
      categoryId: '0190f0f0-0000-7000-8000-000000000000',
    });
    expect(unknownCat.json().code).toBe('appeal.category_not_found');
    const channel = await call('worker1', 'POST', '/api/v1/appeals', { ...body(), channel: 'hotline' });
    expect(channel.statusCode).toBe(403);
    expect(channel.json().code).toBe('appeal.channel_forbidden');
    const anon = await call(null, 'GET', '/api/v1/appeals');
    expect(anon.statusCode).toBe(401);
    const noPerm = await call('security', 'GET', '/api/v1/appeals');
    expect(noPerm.statusCode).toBe(403);
  });

  it('transitions: 200 with the new state, 409 invalid_transition, 404 out of sight', async () => {
    const id = (await call('worker2', 'POST', '/api/v1/appeals', body())).json().id;
    const hidden = await call('worker1', 'GET', `/api/v1/appeals/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('appeal.not_found');
    const early = await call('szq.dispatch', 'POST', `/api/v1/appeals/${id}/close`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('appeal.invalid_transition');
    // APL-03: another district's unit is refused, and the case stays where it was.
    const elsewhere = await call('szq.dispatch', 'POST', `/api/v1/appeals/${id}/dispatch`, {
      unitId: w.orgs['swq.scjg'],
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().code).toBe('appeal.unit_outside_region');
    const coElsewhere = await call('szq.dispatch', 'POST', `/api/v1/appeals/${id}/dispatch`, {
      unitId: w.orgs['szq.scjg'],
      coUnitIds: [w.orgs['swq.scjg']],
    });
    expect(coElsewhere.json().code).toBe('appeal.unit_outside_region');
    expect((await call('szq.dispatch', 'GET', `/api/v1/appeals/${id}`)).json().state).toBe('submitted');
    const d = await call('szq.dispatch', 'POST', `/api/v1/appeals/${id}/dispatch`, {
      unitId: w.orgs['szq.scjg'],
    });
    expect(d.statusCode).toBe(200);
    expect(d.json().state).toBe('dispatched');
    const s = await call('szq.scjg', 'POST', `/api/v1/appeals/${id}/sign`, {});
    expect(s.json().state).toBe('handling');
    const list = await call('szq.scjg', 'GET', '/api/v1/appeals?queue=handling');
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const queues = await call('szq.dispatch', 'GET', '/api/v1/appeals/queues');
    expect(queues.json().handling).toBeGreaterThanOrEqual(1);
    const cats = await call('worker1', 'GET', '/api/v1/appeal-categories');
    expect(cats.json().filter((c: { parentId: string | null }) => c.parentId === null)).toHaveLength(5);
  });
});
