import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityService } from '../../identity/identity.service.ts';
import { appealsWorld } from './fixtures.ts';

describe('appeal catalogue HTTP', () => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const headers: Record<string, Record<string, string>> = {};
  beforeAll(async () => {
    w = await appealsWorld('pglite');
    const identity = createIdentityService(w.t.deps);
    for (const login of ['worker1', 'szq.admin', 'swq.admin', 'sysadmin', 'szq.dispatch', 'security']) {
      const s = await identity.startSessionFor(w.users[login]!);
      headers[login] = { cookie: `nx_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    }
  }, 120_000);
  afterAll(async () => w?.t.close());

  const call = (
    login: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    query?: Record<string, string>,
  ) =>
    w.t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload ? { payload } : {}),
      ...(query ? { query } : {}),
      headers: login ? headers[login] : {},
    });
  const count = async (q: ReturnType<typeof sql>) =>
    Number(((await w.t.database.db.execute(q)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  const id = (code: string) => w.categories.get(code)!;

  it('answers 401 without a session and 403 without the permission; dispatchers only get proposals', async () => {
    expect((await call(null, 'GET', '/appeal-catalogue/categories')).statusCode).toBe(401);
    for (const login of ['worker1', 'szq.dispatch', 'security']) {
      const r = await call(login, 'GET', '/appeal-catalogue/rules');
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('common.forbidden');
    }
    const p = await call('szq.dispatch', 'GET', '/appeal-catalogue/proposal', undefined, {
      categoryId: id('env.parking'),
      regionCode: '511102004',
    });
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({
      unit: { id: w.orgs['szq.zhzf'] },
      inherited: false,
      ruleRegionCode: '511102',
    });
    expect((await call('szq.admin', 'GET', '/appeal-catalogue/proposal')).statusCode).toBe(403);
  });

  it('validates bodies and queries with common.validation', async () => {
    const bad = [
      await call('szq.admin', 'POST', '/appeal-catalogue/categories', { code: 'Bad Code', name: '坏编码' }),
      await call('szq.admin', 'POST', '/appeal-catalogue/categories', { code: 'ok.code', name: '' }),
      await call('szq.admin', 'POST', '/appeal-catalogue/categories', {
        code: 'ok.code',
        name: '半径',
        radiusMeters: 10,
      }),
      await call('szq.admin', 'PATCH', `/appeal-catalogue/categories/${id('env')}`, {}),
      await call('szq.admin', 'PATCH', '/appeal-catalogue/categories/not-a-uuid', { name: '改名' }),
      await call('szq.admin', 'POST', '/appeal-catalogue/rules', {
        categoryId: id('env'),
        regionCode: '511102',
      }),
      await call('szq.admin', 'POST', '/appeal-catalogue/rules', {
        categoryId: id('env'),
        regionCode: '5111',
        unitId: w.orgs['szq.ga'],
      }),
      await call('szq.admin', 'GET', '/appeal-catalogue/gaps'),
      await call('szq.admin', 'POST', '/appeal-catalogue/categories/reorder', { parentId: null, ids: [] }),
    ];
    for (const r of bad) {
      expect(r.statusCode).toBe(400);
      expect(r.json().code).toBe('common.validation');
    }
  });

  it('creates, renames, refuses a taken code (409) and an unknown id (404)', async () => {
    const created = await call('szq.admin', 'POST', '/appeal-catalogue/categories', {
      parentId: id('env'),
      code: 'env.http_case',
      name: '接口测试分类',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'env.http_case',
      depth: 2,
      enabled: true,
      acceptsPublic: true,
    });
    const again = await call('sysadmin', 'POST', '/appeal-catalogue/categories', {
      parentId: id('env'),
      code: 'env.http_case',
      name: '另一个',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appeal.category_code_taken');
    const renamed = await call('szq.admin', 'PATCH', `/appeal-catalogue/categories/${created.json().id}`, {
      name: '接口测试分类（改）',
      acceptsPublic: false,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '接口测试分类（改）', acceptsPublic: false });
    const missing = await call(
      'szq.admin',
      'PATCH',
      '/appeal-catalogue/categories/0190f0f0-0000-7000-8000-000000000000',
      {
        name: '不存在',
      },
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('appeal.catalogue_category_not_found');
    const cycle = await call('szq.admin', 'PATCH', `/appeal-catalogue/categories/${id('env')}`, {
      parentId: created.json().id,
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('appeal.category_cycle');
  });

  it('hides a disabled category from filing forms and refuses filing in it; cases keep it', async () => {
    const categoryId = id('care.filing');
    const filed = await call('worker1', 'POST', '/appeals', {
      type: 'consult',
      categoryId,
      description: '想咨询一下怎么办理暂住登记',
      regionCode: '511102004',
    });
    expect(filed.statusCode).toBe(201);
    const off = await call('szq.admin', 'POST', `/appeal-catalogue/categories/${categoryId}/disable`, {});
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ enabled: false, caseCount: 1 });
    const forms = (await call('worker1', 'GET', '/appeal-categories')).json() as { id: string }[];
    expect(forms.map((c) => c.id)).not.toContain(categoryId);
    const all = (
      await call('worker1', 'GET', '/appeal-categories', undefined, { includeDisabled: 'true' })
    ).json() as {
      id: string;
      enabled: boolean;
    }[];
    expect(all.find((c) => c.id === categoryId)?.enabled).toBe(false);
    const refused = await call('worker1', 'POST', '/appeals', {
      type: 'consult',
      categoryId,
      description: '想咨询一下怎么办理暂住登记',
      regionCode: '511102004',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('appeal.category_disabled');
    const kept = await call('szq.dispatch', 'GET', `/appeals/${filed.json().id}`);
    expect(kept.json().categoryId).toBe(categoryId);
    const del = await call('szq.admin', 'DELETE', `/appeal-catalogue/categories/${categoryId}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('appeal.category_in_use');
    expect(
      (await call('szq.admin', 'POST', `/appeal-catalogue/categories/${categoryId}/enable`, {})).json()
        .enabled,
    ).toBe(true);
  });

  it('keeps a 市中区 admin away from 沙湾区 rules (count-checked)', async () => {
    // The category created over HTTP above.
    const cat = await w.t.database.db.execute(
      sql`select id from appeal_category where code = 'env.http_case'`,
    );
    const catId = (cat as unknown as { rows: { id: string }[] }).rows[0]!.id;
    const rule = await call('swq.admin', 'POST', '/appeal-catalogue/rules', {
      categoryId: catId,
      regionCode: '511111101',
      unitId: w.orgs['swq.jianong'],
    });
    expect(rule.statusCode).toBe(201);
    const ruleId = rule.json().id as string;
    const swqCount = sql`select count(*)::int as n from appeal_dispatch_rule where region_code like '511111%'`;
    const before = await count(swqCount);
    const audits = await count(sql`select count(*)::int as n from audit_log where outcome = 'success'`);

    const create = await call('szq.admin', 'POST', '/appeal-catalogue/rules', {
      categoryId: catId,
      regionCode: '511111',
      unitId: w.orgs['swq.scjg'],
    });
    expect(create.statusCode).toBe(403);
    const patch = await call('szq.admin', 'PATCH', `/appeal-catalogue/rules/${ruleId}`, {
      unitId: w.orgs['swq.scjg'],
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().code).toBe('appeal.dispatch_rule_not_found');
    const del = await call('szq.admin', 'DELETE', `/appeal-catalogue/rules/${ruleId}`);
    expect(del.statusCode).toBe(404);
    const list = await call('szq.admin', 'GET', '/appeal-catalogue/rules', undefined, {
      regionCode: '511111',
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([]);
    const gaps = await call('szq.admin', 'GET', '/appeal-catalogue/gaps', undefined, {
      regionCode: '511111',
    });
    expect(gaps.statusCode).toBe(403);

    expect(await count(swqCount)).toBe(before);
    expect(
      await count(sql`select count(*)::int as n from appeal_dispatch_rule
        where id = ${ruleId} and unit_id = ${w.orgs['swq.jianong']!}`),
    ).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit_log where outcome = 'success'`)).toBe(audits);
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where outcome = 'denied' and action = 'appeal.dispatch_rule_create' and actor_id = ${w.users['szq.admin']!}`),
    ).toBe(1);

    // Their own: a rule edited, the gap view, then the rule removed.
    const mine = await call('szq.admin', 'POST', '/appeal-catalogue/rules', {
      categoryId: catId,
      regionCode: '511102',
      unitId: w.orgs['szq.gh'],
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({
      regionName: '市中区',
      unitName: '乐山市市中区总工会',
      categoryCode: 'env.http_case',
    });
    const dup = await call('szq.admin', 'POST', '/appeal-catalogue/rules', {
      categoryId: catId,
      regionCode: '511102',
      unitId: w.orgs['szq.ga'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('appeal.dispatch_rule_exists');
    const outside = await call('szq.admin', 'PATCH', `/appeal-catalogue/rules/${mine.json().id}`, {
      unitId: w.orgs['swq.scjg'],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('appeal.unit_outside_region');
    const ok = await call('szq.admin', 'PATCH', `/appeal-catalogue/rules/${mine.json().id}`, {
      unitId: w.orgs['szq.sw'],
    });
    expect(ok.json().unitId).toBe(w.orgs['szq.sw']);
    const myGaps = await call('szq.admin', 'GET', '/appeal-catalogue/gaps', undefined, {
      regionCode: '511102',
    });
    expect(myGaps.statusCode).toBe(200);
    expect(myGaps.json().items.map((g: { code: string }) => g.code)).not.toContain('env.http_case');
    expect((await call('szq.admin', 'DELETE', `/appeal-catalogue/rules/${mine.json().id}`)).json()).toEqual({
      ok: true,
    });
    const after = await call('szq.admin', 'GET', '/appeal-catalogue/gaps', undefined, {
      regionCode: '511102',
    });
    expect(after.json().items.map((g: { code: string }) => g.code)).toContain('env.http_case');
  });

  it('needs the CSRF token for changes made with the session cookie', async () => {
    const r = await w.t.app.inject({
      method: 'PATCH',
      url: `/api/v1/appeal-catalogue/categories/${id('env')}`,
      payload: { name: '改善工作环境' },
      headers: { cookie: headers['szq.admin']!.cookie! },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('common.csrf');
  });
});
