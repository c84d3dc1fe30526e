import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { seedRegions } from '../../../seed/demo.ts';
import { getOrg, isInSubtree, orgPath, resolveScope, subtreeIds } from '../index.ts';
import { createOrg, getOrgDetail, insertOrgChecked, listOrgs, listRegions } from '../orgs.service.ts';
import { testActor } from './actors.ts';

describe.each(testEngines())('orgs on %s', (engine) => {
  let db: TestDatabase;
  const ids: Record<string, string> = {};
  const reader = testActor([{ role: 'dispatcher', orgId: null, regionCode: '511102' }]);

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    await seedRegions(db.db);
    const add = async (
      key: string,
      name: string,
      kind: Parameters<typeof insertOrgChecked>[1]['kind'],
      regionCode: string,
      parent?: string,
    ) => {
      const row = await insertOrgChecked(db.db, {
        name,
        kind,
        regionCode,
        parentId: parent ? ids[parent] : null,
      });
      ids[key] = row.id;
    };
    await add('lxgw', '市中区两新工委', 'district_org_dept', '511102');
    await add('xgz', '小个专综合党委', 'comprehensive_party_committee', '511102', 'lxgw');
    await add('zb', '外卖流动党支部', 'mobile_party_branch', '511102', 'xgz');
    await add('zb2', '另一个支部', 'party_branch', '511102', 'xgz');
    await add('sw', '沙湾区两新工委', 'district_org_dept', '511111');
    await add('swzb', '沙湾支部', 'party_branch', '511111', 'sw');
    await add('dafo', '大佛街道', 'township', '511102004');
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('lists the city and its 11 county-level divisions by default, and townships below a county', async () => {
    const top = await listRegions(db.db);
    expect(top[0]).toMatchObject({ code: '511100', name: '乐山市', level: 'city', parentCode: '510000' });
    expect(top).toHaveLength(12);
    const szq = await listRegions(db.db, '511102');
    expect(szq).toHaveLength(17);
    expect(szq.find((r) => r.code === '511102004')?.name).toBe('大佛街道');
    await expect(listRegions(db.db, '512345')).rejects.toMatchObject({ code: 'region.not_found' });
  });

  it('stores materialised paths and depths', async () => {
    const zb = await getOrg(db.db, ids.zb!);
    expect(zb?.path).toBe(`/${ids.lxgw}/${ids.xgz}/${ids.zb}/`);
    expect(zb?.depth).toBe(2);
    expect(await orgPath(db.db, ids.lxgw!)).toBe(`/${ids.lxgw}/`);
    expect(await orgPath(db.db, '00000000-0000-7000-8000-000000000999')).toBeNull();
  });

  it('answers subtree queries by path prefix', async () => {
    expect(new Set(await subtreeIds(db.db, ids.lxgw!))).toEqual(
      new Set([ids.lxgw, ids.xgz, ids.zb, ids.zb2]),
    );
    expect(new Set(await subtreeIds(db.db, ids.xgz!))).toEqual(new Set([ids.xgz, ids.zb, ids.zb2]));
    expect(await subtreeIds(db.db, ids.zb!)).toEqual([ids.zb]);
    expect(await subtreeIds(db.db, '00000000-0000-7000-8000-000000000999')).toEqual([]);
    expect(await isInSubtree(db.db, ids.zb!, ids.lxgw!)).toBe(true);
    expect(await isInSubtree(db.db, ids.lxgw!, ids.lxgw!)).toBe(true);
    expect(await isInSubtree(db.db, ids.swzb!, ids.lxgw!)).toBe(false);
    expect(await isInSubtree(db.db, ids.lxgw!, ids.zb!)).toBe(false);
  });

  it('filters the list by parent, kind, region and name', async () => {
    const children = await listOrgs(db.db, reader, { parentId: ids.xgz });
    expect(children.map((o) => o.id).sort()).toEqual([ids.zb, ids.zb2].sort());
    const branches = await listOrgs(db.db, reader, { kind: 'party_branch' });
    expect(branches.map((o) => o.name).sort()).toEqual(['另一个支部', '沙湾支部'].sort());
    const inShawan = await listOrgs(db.db, reader, { regionCode: '511111' });
    expect(inShawan.map((o) => o.id).sort()).toEqual([ids.sw, ids.swzb].sort());
    const inCity = await listOrgs(db.db, reader, { regionCode: '511100' });
    expect(inCity).toHaveLength(7);
    const byName = await listOrgs(db.db, reader, { q: '流动' });
    expect(byName.map((o) => o.id)).toEqual([ids.zb]);
    expect(await listOrgs(db.db, reader, { q: '%' })).toEqual([]);
    expect(byName[0]?.actions).toEqual({ createChild: false });
  });

  it('returns ancestors from the root down', async () => {
    const d = await getOrgDetail(db.db, reader, ids.zb!);
    expect(d.ancestors.map((a) => a.id)).toEqual([ids.lxgw, ids.xgz]);
    await expect(getOrgDetail(db.db, reader, '00000000-0000-7000-8000-000000000999')).rejects.toMatchObject({
      code: 'org.not_found',
    });
  });

  it('creates below a parent in scope and refuses outside it', async () => {
    const admin = testActor([{ role: 'district_admin', orgId: ids.lxgw!, regionCode: null }]);
    const created = await createOrg(db, admin, null, {
      name: '新支部',
      kind: 'party_branch',
      parentId: ids.xgz,
      regionCode: '511102',
    });
    expect(created.path).toBe(`/${ids.lxgw}/${ids.xgz}/${created.id}/`);
    expect(created.depth).toBe(2);
    expect(created.actions.createChild).toBe(true);
    await expect(
      createOrg(db, admin, null, {
        name: '越界',
        kind: 'party_branch',
        parentId: ids.swzb,
        regionCode: '511111',
      }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
    await expect(
      createOrg(db, admin, null, { name: '顶层', kind: 'enterprise', regionCode: '511102' }),
    ).rejects.toMatchObject({ code: 'common.forbidden' });
    await expect(
      createOrg(db, admin, null, {
        name: '新支部',
        kind: 'party_branch',
        parentId: ids.xgz,
        regionCode: '511102',
      }),
    ).rejects.toMatchObject({ code: 'common.conflict' });
    await expect(
      createOrg(db, admin, null, {
        name: 'x',
        kind: 'party_branch',
        parentId: '00000000-0000-7000-8000-000000000999',
        regionCode: '511102',
      }),
    ).rejects.toMatchObject({ code: 'common.validation' });
    await expect(
      createOrg(db, admin, null, {
        name: 'y',
        kind: 'party_branch',
        parentId: ids.xgz,
        regionCode: '511102999',
      }),
    ).rejects.toMatchObject({ code: 'common.validation' });

    const regional = testActor([{ role: 'district_admin', orgId: null, regionCode: '511102' }]);
    const top = await createOrg(db, regional, null, {
      name: '某企业',
      kind: 'enterprise',
      regionCode: '511102004',
    });
    expect(top.depth).toBe(0);
    expect(top.parentId).toBeNull();

    const audit = await db.query<{ action: string; outcome: string }>(
      `select action, outcome from audit_log where action = 'org.create' order by at`,
    );
    expect(audit.rows.map((r) => r.outcome)).toEqual(['success', 'denied', 'denied', 'success']);
  });

  it('resolves CLI scopes from a code, an id or an exact name', async () => {
    expect(await resolveScope(db.db, '511102')).toMatchObject({ orgId: null, regionCode: '511102' });
    expect(await resolveScope(db.db, '市中区')).toMatchObject({ orgId: null, regionCode: '511102' });
    expect(await resolveScope(db.db, ids.zb!)).toMatchObject({ orgId: ids.zb, regionCode: '511102' });
    expect(await resolveScope(db.db, '小个专综合党委')).toMatchObject({ orgId: ids.xgz });
    // 大佛街道 is both a region and an organisation name: the organisation wins
    expect(await resolveScope(db.db, '大佛街道')).toMatchObject({ orgId: ids.dafo, regionCode: '511102004' });
    for (const bad of ['599999', '00000000-0000-7000-8000-000000000999', '不存在']) {
      const err = await resolveScope(db.db, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('user.invalid_scope');
    }
  });
});
