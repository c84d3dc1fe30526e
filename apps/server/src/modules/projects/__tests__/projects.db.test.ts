import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { projectsWorld } from './fixtures.ts';

describe.each(testEngines())('governance projects (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof projectsWorld>>;
  beforeAll(async () => {
    w = await projectsWorld(engine);
  }, 120_000);
  afterAll(async () => w?.t.close());

  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
    return null;
  };
  const notices = async (userId: string, kind: string) => {
    for (let i = 0; i < 50; i++) {
      const r = (await w.t.database.db.execute(
        sql`select title from notification where user_id = ${userId} and kind = ${kind}`,
      )) as unknown as { rows: { title: string }[] };
      if (r.rows.length > 0) return r.rows.map((x) => x.title);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    return [];
  };

  it('suggests the obvious duplicates first, with reasons', async () => {
    const here = { lat: 29.4128, lng: 103.5495, crs: 'wgs84' as const };
    const target = await w.file({
      description: '沙湾区万达广场门口外卖电动车没有地方停放，经常被贴罚单，希望设置骑手专属停放区',
      location: here,
    });
    const dupNear = await w.file({
      description: '万达广场门口电动车没地方停放，外卖骑手停车被贴罚单',
      location: { lat: 29.4131, lng: 103.5499, crs: 'wgs84' },
    });
    const dupText = await w.file({
      description: '希望在万达广场设置外卖骑手电动车专属停放区，现在停放经常被罚',
      location: { lat: 29.43, lng: 103.58, crs: 'wgs84' },
    });
    const nearOnly = await w.file({
      description: '医院门口禁止停车，送药订单只能绕路',
      location: { lat: 29.4135, lng: 103.5502, crs: 'wgs84' },
    });
    const unrelatedFar = await w.file({
      description: '嘉农镇菜市场旁边非机动车道被占用，骑行不安全',
      location: { lat: 29.3, lng: 103.4, crs: 'wgs84' },
    });
    const otherCategory = await w.file({
      description: '沙湾区万达广场门口外卖电动车没有地方停放，经常被贴罚单',
      categoryId: w.categories.get('env.compound_entry')!,
      location: here,
    });
    const r = await w.projects.suggestions(w.actors.swqDispatch, {
      appealId: target,
      radiusKm: 2,
      limit: 10,
    });
    const ids = r.items.map((i) => i.appealId);
    expect(ids.slice(0, 2).sort()).toEqual([dupNear, dupText].sort());
    expect(ids[0]).toBe(dupNear);
    expect(ids).toContain(nearOnly);
    expect(ids).not.toContain(unrelatedFar);
    expect(ids).not.toContain(otherCategory);
    expect(ids).not.toContain(target);
    const first = r.items[0]!;
    expect(first.reasons[0]).toBe('同类');
    expect(first.reasons.some((x) => x.startsWith('相近'))).toBe(true);
    expect(first.reasons.some((x) => x.startsWith('文本相似'))).toBe(true);
    expect(first.trigram).toBeGreaterThan(0.2);
    expect(r.items.find((i) => i.appealId === dupText)!.distanceMeters).toBeGreaterThan(2000);
    expect(r.appeal.tokens).toContain('电动车');

    // Clusters: the parking cases group together; the far unrelated one stays alone.
    const c = await w.projects.clusters(w.actors.swqDispatch, {
      regionCode: '511111',
      categoryId: w.categories.get('env.ebike_parking')!,
      radiusKm: 1,
    });
    const big = c.clusters[0]!;
    expect(big.cases.map((x) => x.appealId)).toEqual(expect.arrayContaining([target, dupNear, dupText]));
    expect(c.clusters.flatMap((x) => x.cases.map((y) => y.appealId))).not.toContain(unrelatedFar);
    expect(big.keywords.length).toBeGreaterThan(0);

    // Out of the dispatcher's district: the appeal itself is not found.
    expect(
      await codeOf(
        w.projects.suggestions(w.actors.szqDispatch, { appealId: target, radiusKm: 2, limit: 10 }),
      ),
    ).toBe('appeal.not_found');
  });

  it('resolves exactly the handling cases and reports the skipped', async () => {
    const a = w.actors;
    const cat = w.categories.get('env.ebike_parking')!;
    const mk = (d: string) => w.file({ description: d, regionCode: '511102004' });
    const h1 = await mk('大佛街道商圈电动车停放点不足，外卖骑手停车难');
    const h2 = await mk('大佛街道商圈门口电动车停车被贴条');
    const submitted = await mk('大佛街道商圈门口电动车停放区太小');
    const resolvedAlready = await mk('大佛街道商圈门口电动车乱停被罚款');
    for (const id of [h1, h2, resolvedAlready]) {
      await w.appeals.perform(a.szqDispatch, id, 'dispatch', { unitId: w.orgs['szq.scjg']! });
      await w.appeals.perform(a.scjg, id, 'sign');
    }
    await w.appeals.perform(a.scjg, resolvedAlready, 'resolve', { reply: '已处理' });

    const p = await w.projects.create(a.szqDispatch, null, {
      title: '大佛街道商圈外卖电动车专属停放区',
      categoryId: cat,
      regionCode: '511102',
      leadUnitId: w.orgs['szq.scjg']!,
      coUnitIds: [w.orgs['szq.zhzf']!],
      plan: '选址、划线、设牌、回访',
      level: 'district_department',
      appealIds: [h1, h2, submitted, resolvedAlready],
    });
    expect(p.code).toMatch(/^XM-511102-\d{4}-001$/);
    expect(p.state).toBe('draft');
    expect(p.caseCount).toBe(4);
    expect(p.actions.resolve).toBe(false);

    // A case already in an open project cannot join another.
    expect(
      await codeOf(
        w.projects.create(a.szqDispatch, null, {
          title: '重复立项',
          categoryId: cat,
          regionCode: '511102',
          leadUnitId: w.orgs['szq.scjg']!,
          coUnitIds: [],
          plan: '',
          level: 'district_department',
          appealIds: [h1],
        }),
      ),
    ).toBe('project.case_taken');

    expect(await codeOf(w.projects.resolve(a.scjg, null, p.id, '统一答复：已设置专属停放区'))).toBe(
      'project.invalid_transition',
    );
    await w.projects.activate(a.szqDispatch, null, p.id);
    // The dispatcher manages but does not resolve (解单 is the lead unit's).
    expect(await codeOf(w.projects.resolve(a.szqDispatch, null, p.id, '统一答复：已设置专属停放区'))).toBe(
      'common.forbidden',
    );
    const withM = await w.projects.addMilestone(a.szqDispatch, null, p.id, {
      title: '划线设牌',
      dueDate: '2026-12-31',
    });
    await w.projects.completeMilestone(a.scjg, null, p.id, withM.milestones[0]!.id);
    await w.projects.addProgress(a.scjg, null, p.id, '已完成现场踏勘');

    const r = await w.projects.resolve(a.scjg, null, p.id, '统一答复：已在商圈设置外卖电动车专属停放区');
    expect(r.resolved.map((x) => x.appealId).sort()).toEqual([h1, h2].sort());
    expect(r.skipped.map((x) => [x.appealId, x.reason, x.state]).sort()).toEqual(
      [
        // Not assigned to the lead unit: the handler does not even see it.
        [submitted, 'not_visible', null],
        [resolvedAlready, 'state', 'resolved'],
      ].sort(),
    );
    expect(r.project.state).toBe('resolved');
    expect(r.project.progressPercent).toBe(100);
    const g1 = await w.appeals.get(a.scjg, h1);
    expect(g1.state).toBe('resolved');
    expect(g1.reply).toBe('统一答复：已在商圈设置外卖电动车专属停放区');
    expect((await w.appeals.get(a.szqDispatch, submitted)).state).toBe('submitted');
    await w.projects.close(a.szqDispatch, null, p.id);
    expect((await w.projects.get(a.szqDispatch, p.id)).state).toBe('closed');
  });

  it('escalates cross-department projects to the industry committee and notifies it', async () => {
    const a = w.actors;
    const id = await w.file({ description: '货车停车场夜间油箱被偷油，已经发生多次' });
    const p = await w.projects.create(a.swqDispatch, null, {
      title: '货车停车场防盗',
      categoryId: w.categories.get('safety.truck_theft')!,
      regionCode: '511111',
      leadUnitId: w.orgs['swq.shawan']!,
      coUnitIds: [w.orgs['swq.shawan.c1']!],
      plan: '',
      level: 'district_department',
      appealIds: [id],
      crossDepartment: true,
    });
    expect(p.level).toBe('industry_committee');
    expect(p.escalatedAt).not.toBeNull();
    expect(p.actions.escalate).toBe(false);
    expect(await notices(w.users['swq.jtys']!, 'project.escalated')).toHaveLength(1);
    expect(await codeOf(w.projects.escalate(a.swqDispatch, null, p.id))).toBe('project.not_cross_cutting');

    // Cases in two districts and flagged cross-region: up to the city; district admins are told.
    const here = await w.file({ description: '货车停车场轮胎被盗，损失三千余元' });
    const there = await w.file({ description: '货车停车场夜间货物被盗', regionCode: '511102004' });
    const q = await w.projects.create(a.cityDispatch, null, {
      title: '跨区货车停车场防盗',
      categoryId: w.categories.get('safety.truck_theft')!,
      regionCode: '511111',
      leadUnitId: w.orgs['swq.shawan']!,
      coUnitIds: [],
      plan: '',
      level: 'district_department',
      appealIds: [here, there],
    });
    expect(q.level).toBe('district_department');
    expect(q.actions.escalate).toBe(false);
    const flagged = await w.projects.update(a.cityDispatch, null, q.id, { crossRegion: true });
    expect(flagged.level).toBe('city');
    expect(await notices(w.users['szq.admin']!, 'project.escalated')).toHaveLength(1);
    expect(await notices(w.users['swq.admin']!, 'project.escalated')).toHaveLength(1);

    // 上报 / 动员 / 协调 with the target unit.
    await w.projects.activate(a.swqDispatch, null, p.id);
    const logged = await w.projects.logAction(a.swqDispatch, null, p.id, {
      kind: 'coordinate',
      targetOrgId: w.orgs['swq.shawan.c1']!,
      note: '组织夜间巡逻',
    });
    expect(logged.actionLog[0]).toMatchObject({ kind: 'coordinate', targetName: '沙湾镇示例社区' });

    const list = await w.projects.list(a.swqDispatch, { page: 1, pageSize: 20 });
    expect(list.items.map((x) => x.id)).toEqual(expect.arrayContaining([p.id, q.id]));
    // The 市中区 dispatcher does not see 沙湾区 projects.
    const other = await w.projects.list(a.szqDispatch, { page: 1, pageSize: 20, regionCode: '511111' });
    expect(other.items).toHaveLength(0);
  });
});
