import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../platform/testing/app.ts';
import { seedDemo } from '../../../seed/demo.ts';

describe('orgs HTTP', () => {
  let t: TestApp;
  let orgIds: Record<string, string>;
  let admin: Record<string, string>;

  async function signIn(login: string): Promise<Record<string, string>> {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login, password: 'Nuanxin@2026' },
    });
    expect(r.statusCode).toBe(200);
    const cookie = r.cookies.find((c) => c.name === 'nx_session');
    return {
      cookie: `nx_session=${cookie?.value}`,
      'x-csrf-token': (r.json() as { csrfToken: string }).csrfToken,
    };
  }

  beforeAll(async () => {
    t = await buildTestApp();
    orgIds = (await seedDemo(t.deps)).orgIds;
    admin = await signIn('szq.admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 to anonymous requests', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/regions'],
      ['GET', '/api/v1/orgs'],
      ['GET', `/api/v1/orgs/${orgIds['szq.lxgw']}`],
      ['POST', '/api/v1/orgs'],
    ] as const) {
      const r = await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(r.statusCode, `${method} ${url}`).toBe(401);
      expect(r.json()).toMatchObject({ code: 'common.unauthenticated' });
    }
  });

  it('lists regions and organisations for staff', async () => {
    const regions = await t.app.inject({ url: '/api/v1/regions', headers: admin });
    expect(regions.statusCode).toBe(200);
    expect(regions.json()).toHaveLength(12);
    const towns = await t.app.inject({ url: '/api/v1/regions?parentCode=511111', headers: admin });
    expect(towns.json().map((r: { name: string }) => r.name)).toContain('沙湾镇');

    const list = await t.app.inject({
      url: '/api/v1/orgs?regionCode=511102&kind=government_department',
      headers: admin,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(7);
    expect(list.json()[0].actions).toEqual({ createChild: true });

    const one = await t.app.inject({ url: `/api/v1/orgs/${orgIds['szq.wmzb']}`, headers: admin });
    expect(one.statusCode).toBe(200);
    expect(one.json().ancestors.map((a: { id: string }) => a.id)).toEqual([
      orgIds['szq.lxgw'],
      orgIds['szq.xgz'],
    ]);
  });

  it('rejects invalid input with field details', async () => {
    const badQuery = await t.app.inject({ url: '/api/v1/orgs?regionCode=5111&kind=nope', headers: admin });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().code).toBe('common.validation');
    const badId = await t.app.inject({ url: '/api/v1/orgs/not-a-uuid', headers: admin });
    expect(badId.statusCode).toBe(400);
    const badBody = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: admin,
      payload: { name: '', kind: 'castle', regionCode: '12' },
    });
    expect(badBody.statusCode).toBe(400);
    const paths = (badBody.json().details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.regionCode']));
    const missing = await t.app.inject({
      url: '/api/v1/orgs/00000000-0000-7000-8000-000000000999',
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('org.not_found');
  });

  it('creates within the scope only', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: admin,
      payload: { name: '测试支部', kind: 'party_branch', parentId: orgIds['szq.xgz'], regionCode: '511102' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().depth).toBe(2);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: admin,
      payload: { name: '越界支部', kind: 'party_branch', parentId: orgIds['swq.jtys'], regionCode: '511111' },
    });
    expect(out.statusCode).toBe(403);
    const dispatcher = await signIn('szq.dispatch');
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: dispatcher,
      payload: {
        name: '派单员建的',
        kind: 'party_branch',
        parentId: orgIds['szq.xgz'],
        regionCode: '511102',
      },
    });
    expect(denied.statusCode).toBe(403);
  });
});
