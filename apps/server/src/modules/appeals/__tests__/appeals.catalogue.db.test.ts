import type { CreateAppealInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type CatalogueService, createCatalogueService } from '../appeals.catalogue.service.ts';
import { listPublicCategories } from '../appeals.open311.ts';
import { actorFor } from '../appeals.seed.ts';
import { appealsWorld } from './fixtures.ts';

describe.each(testEngines())('appeal categories and dispatch catalogue (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  let cat: CatalogueService;
  const admins = {} as Record<'szq' | 'swq' | 'sys', ReturnType<typeof actorFor>>;

  beforeAll(async () => {
    w = await appealsWorld(engine);
    cat = createCatalogueService(w.t.deps);
    admins.szq = actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    });
    admins.swq = actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
      regionCode: '511111',
    });
    admins.sys = actorFor(w.users.sysadmin!, '系统管理员', 'staff', 'system_admin', { regionCode: '511100' });
  }, 120_000);
  afterAll(async () => w?.t.close());

  const rows = async (q: ReturnType<typeof sql>) =>
    ((await w.t.database.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const count = async (q: ReturnType<typeof sql>) => Number((await rows(q))[0]!.n);
  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
    return null;
  };
  const id = (code: string) => w.categories.get(code)!;
  const filing = (categoryId: string, over: Partial<CreateAppealInput> = {}): CreateAppealInput => ({
    type: 'help',
    categoryId,
    urgency: 'normal',
    description: '商圈门口没有电动车停放点，经常被贴条',
    regionCode: '511102004',
    privacy: 'private',
    anonymous: false,
    ...over,
  });

  it('creates a problem below an area, audited in the same transaction', async () => {
    const before = await count(sql`select count(*)::int as n from appeal_category`);
    const c = await cat.createCategory(admins.szq, null, {
      parentId: id('env'),
      code: 'env.night_market',
      name: '夜市临时停车',
      acceptsPublic: true,
      radiusMeters: 300,
    });
    expect(c).toMatchObject({ depth: 2, enabled: true, caseCount: 0, ruleCount: 0, radiusMeters: 300 });
    expect(await count(sql`select count(*)::int as n from appeal_category`)).toBe(before + 1);
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where action = 'appeal.category_create' and entity_id = ${c.id}`),
    ).toBe(1);
    // The filing forms see it at once.
    expect((await w.svc.categories()).find((x) => x.id === c.id)?.enabled).toBe(true);
  });

  it('refuses a taken code, a sibling’s name, a missing parent and a third level — writing nothing', async () => {
    const before = await count(sql`select count(*)::int as n from appeal_category`);
    const audits = await count(sql`select count(*)::int as n from audit_log`);
    const base = { parentId: id('env'), acceptsPublic: true, radiusMeters: 200 };
    expect(
      await codeOf(cat.createCategory(admins.szq, null, { ...base, code: 'env.parking', name: '新名字' })),
    ).toBe('appeal.category_code_taken');
    expect(
      await codeOf(cat.createCategory(admins.szq, null, { ...base, code: 'env.parking2', name: '停车难' })),
    ).toBe('appeal.category_name_taken');
    expect(
      await codeOf(
        cat.createCategory(admins.szq, null, {
          ...base,
          parentId: '0190f0f0-0000-7000-8000-000000000000',
          code: 'x.y',
          name: '无上级',
        }),
      ),
    ).toBe('appeal.category_parent_not_found');
    expect(
      await codeOf(
        cat.createCategory(admins.szq, null, {
          ...base,
          parentId: id('env.parking'),
          code: 'x.z',
          name: '三级',
        }),
      ),
    ).toBe('appeal.category_too_deep');
    expect(await count(sql`select count(*)::int as n from appeal_category`)).toBe(before);
    expect(await count(sql`select count(*)::int as n from audit_log`)).toBe(audits);
  });

  it('renames and moves, refusing cycles and a third level; the code never changes', async () => {
    const c = await cat.createCategory(admins.szq, null, {
      parentId: id('env'),
      code: 'env.to_move',
      name: '待移动',
      acceptsPublic: false,
      radiusMeters: 200,
    });
    const moved = await cat.updateCategory(admins.szq, null, c.id, {
      parentId: id('policy'),
      name: '已移动',
    });
    expect(moved).toMatchObject({ parentId: id('policy'), name: '已移动', code: 'env.to_move', depth: 2 });
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where action = 'appeal.category_move' and entity_id = ${c.id}`),
    ).toBe(1);
    expect(
      await codeOf(cat.updateCategory(admins.szq, null, id('env'), { parentId: id('env.parking') })),
    ).toBe('appeal.category_cycle');
    expect(await codeOf(cat.updateCategory(admins.szq, null, id('env'), { parentId: id('policy') }))).toBe(
      'appeal.category_too_deep',
    );
    expect(
      await codeOf(
        cat.updateCategory(admins.szq, null, '0190f0f0-0000-7000-8000-000000000000', { name: '不存在' }),
      ),
    ).toBe('appeal.catalogue_category_not_found');
    // Made an area of its own, then back.
    expect((await cat.updateCategory(admins.szq, null, c.id, { parentId: null })).depth).toBe(1);
  });

  it('disables: hidden from filing and Open311, refused at filing, cases keep it; enables again', async () => {
    const categoryId = id('env.ebike_parking');
    const existing = await w.svc.create(w.actors.worker1, null, filing(categoryId));
    const off = await cat.setEnabled(admins.szq, null, categoryId, false);
    expect(off.enabled).toBe(false);
    expect((await w.svc.categories()).find((c) => c.id === categoryId)?.enabled).toBe(false);
    expect((await listPublicCategories(w.t.database.db)).map((c) => c.id)).not.toContain(categoryId);
    expect(await codeOf(w.svc.create(w.actors.worker1, null, filing(categoryId)))).toBe(
      'appeal.category_disabled',
    );
    expect(
      await codeOf(w.svc.create(w.actors.dispatcher, null, filing(categoryId, { channel: 'hotline' }))),
    ).toBe('appeal.category_disabled');
    const kept = await w.svc.get(w.actors.dispatcher, existing.appeal.id);
    expect(kept.categoryName).toBe(existing.appeal.categoryName);
    // Idempotent: a second disable writes no second audit row.
    await cat.setEnabled(admins.szq, null, categoryId, false);
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where action = 'appeal.category_disable' and entity_id = ${categoryId}`),
    ).toBe(1);
    await cat.setEnabled(admins.szq, null, categoryId, true);
    expect((await w.svc.create(w.actors.worker1, null, filing(categoryId))).created).toBe(true);
  });

  it('a disabled area hides its problems too', async () => {
    await cat.setEnabled(admins.sys, null, id('mind'), false);
    try {
      const child = (await w.svc.categories()).find((c) => c.id === id('mind.counselling'));
      expect(child?.enabled).toBe(false);
      expect(await codeOf(w.svc.create(w.actors.worker1, null, filing(id('mind.counselling'))))).toBe(
        'appeal.category_disabled',
      );
      const gaps = await cat.gaps(admins.szq, '511102');
      expect(gaps.items.map((g) => g.code)).not.toContain('mind.counselling');
    } finally {
      await cat.setEnabled(admins.sys, null, id('mind'), true);
    }
  });

  it('deletes only a category nobody used; its rules in the actor’s regions go with it', async () => {
    const used = id('policy.wages');
    await w.svc.create(w.actors.worker1, null, filing(used));
    expect(await codeOf(cat.deleteCategory(admins.szq, null, used))).toBe('appeal.category_in_use');
    expect(await codeOf(cat.deleteCategory(admins.szq, null, id('policy')))).toBe('appeal.category_in_use');

    const fresh = await cat.createCategory(admins.szq, null, {
      parentId: id('care'),
      code: 'care.typo',
      name: '录错的分类',
      acceptsPublic: true,
      radiusMeters: 200,
    });
    await cat.createRule(admins.szq, null, {
      categoryId: fresh.id,
      regionCode: '511102',
      unitId: w.orgs['szq.gh']!,
    });
    const other = await cat.createRule(admins.swq, null, {
      categoryId: fresh.id,
      regionCode: '511111',
      unitId: w.orgs['swq.shawan']!,
    });
    // 沙湾区 uses it: the 市中区 admin may not take 沙湾区's rule away.
    expect(await codeOf(cat.deleteCategory(admins.szq, null, fresh.id))).toBe('appeal.category_in_use');
    await cat.deleteRule(admins.swq, null, other.id);
    await cat.deleteCategory(admins.szq, null, fresh.id);
    expect(await count(sql`select count(*)::int as n from appeal_category where id = ${fresh.id}`)).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from appeal_dispatch_rule where category_id = ${fresh.id}`),
    ).toBe(0);
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where action = 'appeal.category_delete' and entity_id = ${fresh.id}`),
    ).toBe(1);
  });

  it('reorders the children of one parent, and only all of them', async () => {
    const kids = (await cat.listCategories(admins.szq)).items.filter((c) => c.parentId === id('safety'));
    expect(kids.length).toBe(2);
    const reversed = kids.map((k) => k.id).reverse();
    const after = await cat.reorder(admins.szq, null, { parentId: id('safety'), ids: reversed });
    expect(after.items.filter((c) => c.parentId === id('safety')).map((c) => c.id)).toEqual(reversed);
    expect(await codeOf(cat.reorder(admins.szq, null, { parentId: id('safety'), ids: [reversed[0]!] }))).toBe(
      'common.validation',
    );
  });

  it('manages rules in the actor’s region only, with the unit inside the district', async () => {
    const c = await cat.createCategory(admins.szq, null, {
      parentId: id('safety'),
      code: 'safety.e_bike_fire',
      name: '电动车充电安全',
      acceptsPublic: true,
      radiusMeters: 200,
    });
    const rule = await cat.createRule(admins.szq, null, {
      categoryId: c.id,
      regionCode: '511102',
      unitId: w.orgs['szq.zhzf']!,
    });
    expect(rule).toMatchObject({ regionCode: '511102', regionName: '市中区', unitId: w.orgs['szq.zhzf'] });
    expect(rule.categoryName).toBe('电动车充电安全');

    const rulesBefore = await count(sql`select count(*)::int as n from appeal_dispatch_rule`);
    const denied = await count(sql`select count(*)::int as n from audit_log where outcome = 'denied'`);
    expect(
      await codeOf(
        cat.createRule(admins.szq, null, {
          categoryId: c.id,
          regionCode: '511102',
          unitId: w.orgs['szq.ga']!,
        }),
      ),
    ).toBe('appeal.dispatch_rule_exists');
    expect(
      await codeOf(
        cat.createRule(admins.szq, null, {
          categoryId: c.id,
          regionCode: '511111',
          unitId: w.orgs['swq.shawan']!,
        }),
      ),
    ).toBe('common.forbidden');
    expect(await count(sql`select count(*)::int as n from audit_log where outcome = 'denied'`)).toBe(
      denied + 1,
    );
    expect(
      await codeOf(
        cat.createRule(admins.szq, null, {
          categoryId: c.id,
          regionCode: '511102006',
          unitId: w.orgs['swq.scjg']!,
        }),
      ),
    ).toBe('appeal.unit_outside_region');
    expect(
      await codeOf(
        cat.createRule(admins.sys, null, {
          categoryId: c.id,
          regionCode: '511100',
          unitId: w.orgs['szq.ga']!,
        }),
      ),
    ).toBe('appeal.rule_region_invalid');
    expect(
      await codeOf(
        cat.createRule(admins.szq, null, {
          categoryId: c.id,
          regionCode: '511102006',
          unitId: '0190f0f0-0000-7000-8000-000000000000',
        }),
      ),
    ).toBe('appeal.unit_not_found');
    expect(await count(sql`select count(*)::int as n from appeal_dispatch_rule`)).toBe(rulesBefore);

    // A township rule may name a district department.
    const township = await cat.createRule(admins.szq, null, {
      categoryId: c.id,
      regionCode: '511102004',
      unitId: w.orgs['szq.ga']!,
    });

    // 沙湾区's admin neither sees nor touches them.
    expect(await codeOf(cat.updateRule(admins.swq, null, rule.id, { unitId: w.orgs['swq.shawan']! }))).toBe(
      'appeal.dispatch_rule_not_found',
    );
    expect(await codeOf(cat.deleteRule(admins.swq, null, township.id))).toBe(
      'appeal.dispatch_rule_not_found',
    );
    const swqRules = await cat.listRules(admins.swq, {});
    expect(swqRules.items.every((r) => r.regionCode.startsWith('511111'))).toBe(true);
    expect(swqRules.items.length).toBe(
      await count(sql`select count(*)::int as n from appeal_dispatch_rule where region_code like '511111%'`),
    );
    const szqRules = await cat.listRules(admins.szq, { categoryId: c.id });
    expect(szqRules.items.map((r) => r.regionCode).sort()).toEqual(['511102', '511102004']);
    expect((await cat.listRules(admins.szq, { regionCode: '511111' })).items).toEqual([]);
    expect((await cat.listRules(admins.sys, { categoryId: c.id })).items.length).toBe(2);

    const changed = await cat.updateRule(admins.szq, null, rule.id, { unitId: w.orgs['szq.sw']! });
    expect(changed.unitId).toBe(w.orgs['szq.sw']);
    expect(await codeOf(cat.updateRule(admins.szq, null, rule.id, { unitId: w.orgs['swq.scjg']! }))).toBe(
      'appeal.unit_outside_region',
    );
    expect(
      await count(sql`select count(*)::int as n from audit_log
        where action like 'appeal.dispatch_rule_%' and entity_id in (${rule.id}, ${township.id})`),
    ).toBe(3);
  });

  it('proposes the closest rule and shows the gaps of a region', async () => {
    const area = await cat.createCategory(admins.szq, null, {
      parentId: null,
      code: 'delivery',
      name: '配送与平台',
      acceptsPublic: true,
      radiusMeters: 200,
    });
    const problem = await cat.createCategory(admins.szq, null, {
      parentId: area.id,
      code: 'delivery.rules',
      name: '平台规则',
      acceptsPublic: true,
      radiusMeters: 200,
    });
    expect(await cat.proposal(problem.id, '511102004')).toMatchObject({ unit: null, inherited: false });
    let gaps = await cat.gaps(admins.szq, '511102');
    expect(gaps.items.map((g) => g.code)).toContain('delivery.rules');
    expect(gaps.items.find((g) => g.code === 'delivery.rules')?.parentName).toBe('配送与平台');

    // The area's rule covers its problems.
    await cat.createRule(admins.szq, null, {
      categoryId: area.id,
      regionCode: '511102',
      unitId: w.orgs['szq.sw']!,
    });
    expect(await cat.proposal(problem.id, '511102004')).toMatchObject({
      unit: { id: w.orgs['szq.sw'] },
      inherited: true,
      ruleRegionCode: '511102',
    });
    gaps = await cat.gaps(admins.szq, '511102');
    expect(gaps.items.map((g) => g.code)).not.toContain('delivery.rules');
    // Its own rule wins, and a township's rule wins inside the township.
    await cat.createRule(admins.szq, null, {
      categoryId: problem.id,
      regionCode: '511102',
      unitId: w.orgs['szq.scjg']!,
    });
    await cat.createRule(admins.szq, null, {
      categoryId: problem.id,
      regionCode: '511102004',
      unitId: w.orgs['szq.dafo']!,
    });
    expect((await cat.proposal(problem.id, '511102004')).unit?.id).toBe(w.orgs['szq.dafo']);
    expect((await cat.proposal(problem.id, '511102006')).unit?.id).toBe(w.orgs['szq.scjg']);
    expect((await cat.proposal(problem.id, '511111')).unit).toBeNull();
    // 沙湾区 still lacks one.
    expect((await cat.gaps(admins.swq, '511111')).items.map((g) => g.code)).toContain('delivery.rules');
    expect(await codeOf(cat.gaps(admins.szq, '511111'))).toBe('common.forbidden');
    expect(await codeOf(cat.gaps(admins.szq, '511100'))).toBe('appeal.rule_region_invalid');
  });

  it('lists the counties an actor manages', async () => {
    expect((await cat.regions(admins.szq)).items).toEqual([{ code: '511102', name: '市中区' }]);
    const city = (await cat.regions(admins.sys)).items.map((r) => r.code);
    expect(city).toEqual(expect.arrayContaining(['511102', '511111']));
    expect(city.every((c) => c.length === 6 && c !== '511100')).toBe(true);
    expect((await cat.regions(w.actors.dispatcher)).items).toEqual([]);
  });
});
