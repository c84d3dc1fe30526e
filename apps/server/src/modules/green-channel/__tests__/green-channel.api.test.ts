import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { greenWorld } from './fixtures.ts';

describe('green channel HTTP', () => {
  let w: Awaited<ReturnType<typeof greenWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    w = await greenWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of [
      'worker1',
      'worker2',
      'szq.dispatch',
      'szq.scjg',
      'szq.admin',
      'platform',
      'security',
    ]) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const call = (login: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    w.t.app.inject({ method, url, payload, headers: login ? headers[login] : {} });
  const body = (over: object = {}) => ({
    platformOrgId: w.meituan,
    regionCode: '511102004',
    orderNos: ['MT2611280001'],
    orderAt: new Date(Date.now() - 3_600_000).toISOString(),
    delayMinutes: 30,
    fineFen: 1500,
    reason: '暴雨导致配送超时被罚款',
    evidenceNote: '罚款截图',
    ...over,
  });
  const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

  it('files with 201 and validates bodies', async () => {
    const ok = await call('worker1', 'POST', '/api/v1/green-channel/claims', body());
    expect(ok.statusCode).toBe(201);
    expect(ok.json().caseNo).toMatch(/^GC-511102004-\d{8}-\d{4}$/);
    for (const bad of [
      body({ fineFen: 12.5 }),
      body({ fineFen: 0 }),
      body({ orderNos: [] }),
      body({ reason: 'x' }),
      body({ regionCode: 'abc' }),
      body({ extra: true }),
      body({ orderAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ]) {
      const r = await call('worker1', 'POST', '/api/v1/green-channel/claims', bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
    const notPlatform = await call(
      'worker1',
      'POST',
      '/api/v1/green-channel/claims',
      body({ platformOrgId: w.orgs['szq.scjg'] }),
    );
    expect(notPlatform.statusCode).toBe(400);
    expect(notPlatform.json().code).toBe('green_channel.platform_not_found');
    expect((await call(null, 'GET', '/api/v1/green-channel/claims')).statusCode).toBe(401);
    expect((await call('security', 'GET', '/api/v1/green-channel/claims')).statusCode).toBe(403);
    expect((await call('szq.dispatch', 'POST', '/api/v1/green-channel/claims', body())).statusCode).toBe(403);
  });

  it('keeps claims between the rider, the officer and the addressed platform; only the platform answers', async () => {
    const mt = (await call('worker2', 'POST', '/api/v1/green-channel/claims', body())).json();
    const el = (
      await call('worker2', 'POST', '/api/v1/green-channel/claims', body({ platformOrgId: w.eleme }))
    ).json();
    expect((await call('worker1', 'GET', `/api/v1/green-channel/claims/${mt.id}`)).statusCode).toBe(404);
    // Not yet addressed to the platform: invisible to it.
    expect((await call('platform', 'GET', `/api/v1/green-channel/claims/${mt.id}`)).statusCode).toBe(404);
    for (const c of [mt, el]) {
      const r = await call('szq.scjg', 'POST', `/api/v1/green-channel/claims/${c.id}/review`, {});
      expect(r.statusCode).toBe(200);
    }
    const bad = await call('szq.scjg', 'POST', '/api/v1/green-channel/notices', {
      platformOrgIds: [w.meituan],
      claimIds: [mt.id],
      facts: '短',
      requestedAnswerBy: inAWeek(),
    });
    expect(bad.statusCode).toBe(400);
    const past = await call('szq.scjg', 'POST', '/api/v1/green-channel/notices', {
      platformOrgIds: [w.meituan],
      claimIds: [mt.id],
      facts: '骑手反映暴雨天配送超时被罚款，请核实',
      requestedAnswerBy: '2020-01-01',
    });
    expect(past.statusCode).toBe(400);
    for (const [c, p] of [
      [mt, w.meituan],
      [el, w.eleme],
    ] as const) {
      const r = await call('szq.scjg', 'POST', '/api/v1/green-channel/notices', {
        platformOrgIds: [p],
        claimIds: [c.id],
        facts: '骑手反映暴雨天配送超时被罚款，请核实',
        requestedAnswerBy: inAWeek(),
      });
      expect(r.statusCode).toBe(201);
    }
    // The 美团 liaison sees its claim, never the 饿了么 one, in lists, details and notices.
    expect((await call('platform', 'GET', `/api/v1/green-channel/claims/${mt.id}`)).statusCode).toBe(200);
    expect((await call('platform', 'GET', `/api/v1/green-channel/claims/${el.id}`)).statusCode).toBe(404);
    expect(
      (await call('platform', 'POST', `/api/v1/green-channel/claims/${el.id}/answer`, { outcome: 'waived' }))
        .statusCode,
    ).toBe(404);
    const list = (await call('platform', 'GET', '/api/v1/green-channel/claims')).json();
    expect(list.items.map((x: { id: string }) => x.id)).toContain(mt.id);
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(el.id);
    const notices = (await call('platform', 'GET', '/api/v1/green-channel/notices')).json();
    expect(notices.items.every((n: { platformOrgId: string }) => n.platformOrgId === w.meituan)).toBe(true);

    // The government side cannot answer for the platform.
    for (const login of ['szq.scjg', 'szq.dispatch', 'szq.admin', 'worker2']) {
      const r = await call(login, 'POST', `/api/v1/green-channel/claims/${mt.id}/answer`, {
        outcome: 'waived',
      });
      expect(r.statusCode, login).toBe(403);
    }
    const noAmount = await call('platform', 'POST', `/api/v1/green-channel/claims/${mt.id}/answer`, {
      outcome: 'reduced',
    });
    expect(noAmount.statusCode).toBe(400);
    const noReason = await call('platform', 'POST', `/api/v1/green-channel/claims/${mt.id}/answer`, {
      outcome: 'refused',
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await call('platform', 'POST', `/api/v1/green-channel/claims/${mt.id}/answer`, {
      outcome: 'reduced',
      reducedFen: 500,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().answer.decidedByName).toBe('平台联络员');
    const again = await call('platform', 'POST', `/api/v1/green-channel/claims/${mt.id}/answer`, {
      outcome: 'waived',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('green_channel.invalid_transition');
    const rider = (await call('worker2', 'GET', `/api/v1/green-channel/claims/${mt.id}`)).json();
    expect(rider.answer).toMatchObject({ outcome: 'reduced', waivedFen: 500, platformName: '美团（乐山）' });

    const metrics = await call('szq.dispatch', 'GET', '/api/v1/green-channel/metrics?from=2020-01-01');
    expect(metrics.statusCode).toBe(200);
    const row = metrics.json().items.find((x: { platformOrgId: string }) => x.platformOrgId === w.meituan);
    expect(row).toMatchObject({ answered: 1, reduced: 1, finesWaivedYuan: 5 });
    expect((await call('worker1', 'GET', '/api/v1/green-channel/metrics')).statusCode).toBe(403);
    expect((await call('szq.dispatch', 'GET', '/api/v1/green-channel/metrics?from=bad')).statusCode).toBe(
      400,
    );
  });

  it('records and lists weather alerts', async () => {
    const bad = await call('szq.dispatch', 'POST', '/api/v1/green-channel/alerts', {
      regionCode: '511102',
      level: 'purple',
      kind: 'rainstorm',
      startsAt: new Date().toISOString(),
      source: '乐山市气象台',
    });
    expect(bad.statusCode).toBe(400);
    const ends = await call('szq.dispatch', 'POST', '/api/v1/green-channel/alerts', {
      regionCode: '511102',
      level: 'orange',
      kind: 'rainstorm',
      startsAt: '2026-07-15T10:00:00Z',
      endsAt: '2026-07-15T09:00:00Z',
      source: '乐山市气象台',
    });
    expect(ends.statusCode).toBe(400);
    const ok = await call('szq.admin', 'POST', '/api/v1/green-channel/alerts', {
      regionCode: '511102',
      level: 'orange',
      kind: 'rainstorm',
      startsAt: '2026-07-15T00:00:00Z',
      endsAt: '2026-07-15T12:00:00Z',
      source: '乐山市气象台',
    });
    expect(ok.statusCode).toBe(201);
    expect((await call('platform', 'POST', '/api/v1/green-channel/alerts', {})).statusCode).toBe(403);
    const list = (
      await call(
        'worker1',
        'GET',
        '/api/v1/green-channel/alerts?regionCode=511102004&at=2026-07-15T06:00:00Z',
      )
    ).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([ok.json().id]);
  });
});
