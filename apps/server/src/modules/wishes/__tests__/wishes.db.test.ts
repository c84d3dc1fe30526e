import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { appealsWorld } from '../../appeals/__tests__/fixtures.ts';
import { actorFor } from '../../appeals/appeals.seed.ts';
import { createWishesService, mondayOf } from '../wishes.service.ts';

describe.each(testEngines())('wishes service (%s)', (engine) => {
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  const clock = { now: new Date('2026-03-04T10:00:00+08:00') }; // a Wednesday
  let svc: ReturnType<typeof createWishesService>;
  let boxId: string;
  const admin = () =>
    actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', { regionCode: '511102' });
  const worker = () => w.actors.worker2;
  const appealCount = async () => {
    const r = (await w.t.database.db.execute(sql`select count(*)::int as n from appeal`)) as unknown as {
      rows: { n: number }[];
    };
    return Number(r.rows[0]!.n);
  };

  beforeAll(async () => {
    w = await appealsWorld(engine, clock);
    svc = createWishesService(w.t.deps, { now: () => clock.now });
    boxId = (await svc.createBox(admin(), null, { name: '大佛街道骑手驿站心愿箱', regionCode: '511102004' }))
      .id;
  }, 120_000);
  afterAll(async () => w?.t.close());

  it('computes Mondays in Asia/Shanghai', () => {
    expect(mondayOf(new Date('2026-03-04T10:00:00+08:00'))).toBe('2026-03-02');
    expect(mondayOf(new Date('2026-03-01T23:30:00+08:00'))).toBe('2026-02-23');
    expect(mondayOf(new Date('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  });

  it('masks the contact phone and hides an anonymous filer from staff', async () => {
    const r = await svc.create(worker(), null, {
      boxId,
      text: '希望驿站能放个微波炉',
      anonymous: true,
      contactPhone: '13912345678',
    });
    expect(r.wish.contactPhoneMasked).toBe('139****5678');
    expect(r.wish.mine).toBe(true);
    const staffView = await svc.get(admin(), r.wish.id);
    expect(staffView.submitterName).toBeNull();
    expect(staffView.contactPhoneMasked).toBeNull();
    expect(JSON.stringify(staffView)).not.toContain('13912345678');
  });

  it('batches a week once per county, however often the job runs', async () => {
    clock.now = new Date('2026-03-04T10:00:00+08:00');
    const a = await svc.create(worker(), null, { boxId, text: '希望有充电柜', anonymous: false });
    const b = await svc.create(worker(), null, { boxId, text: '希望雨天有雨衣', anonymous: false });
    await svc.act(admin(), null, b.wish.id, 'classify', { categoryCode: 'safety' });
    clock.now = new Date('2026-03-09T06:30:00+08:00'); // the next Monday
    const runs = await Promise.all([svc.generateWeekly(), svc.generateWeekly()]);
    expect(runs[0]! + runs[1]!).toBe(1);
    expect(await svc.generateWeekly()).toBe(0);
    const batches = await svc.listBatches(admin());
    const batch = batches.find((x) => x.weekStart === '2026-03-02')!;
    expect(batch.regionCode).toBe('511102');
    expect(batch.total).toBe(3);
    expect(batch.counts).toMatchObject({ safety: 1, unclassified: 2 });
    expect(batch.countsAtGeneration).toMatchObject({ safety: 1, unclassified: 2 });
    expect((await svc.get(admin(), a.wish.id)).state).toBe('batched');
    expect((await svc.get(admin(), b.wish.id)).state).toBe('classified');
    expect((await svc.get(admin(), b.wish.id)).batchId).toBe(batch.id);
  });

  it('runs the five steps and tells the worker', async () => {
    const r = await svc.create(worker(), null, { boxId, text: '希望组织一次体检', anonymous: false });
    const id = r.wish.id;
    expect(r.wish.actions.classify).toBe(false);
    await svc.act(admin(), null, id, 'classify', { categoryCode: 'care' });
    const trackers = await svc.trackers(admin(), id);
    const community = trackers.find((t) => t.userId === w.users['szq.community']);
    expect(community).toBeDefined();
    await svc.act(admin(), null, id, 'assign', { trackerUserId: community!.userId });
    await expect(
      svc.act(admin(), null, id, 'assign', { trackerUserId: w.users.worker1! }),
    ).rejects.toMatchObject({ code: 'wish.tracker_not_found' });
    await svc.act(admin(), null, id, 'answer', { feedback: '已联系社区卫生服务中心，下月安排' });
    const mine = await svc.list(worker(), { mine: 'true', page: 1, pageSize: 50 });
    const done = mine.items.find((x) => x.id === id)!;
    expect(done.state).toBe('answered');
    expect(done.feedback).toContain('社区卫生服务中心');
    await expect(svc.act(admin(), null, id, 'answer', { feedback: '再答' })).rejects.toMatchObject({
      code: 'wish.invalid_transition',
    });
    await expect(svc.get(w.actors.worker1, id)).rejects.toMatchObject({ code: 'wish.not_found' });
  });

  it('converts a wish to exactly one appeal, even when retried', async () => {
    const r = await svc.create(worker(), null, {
      boxId,
      text: '小区不让骑手进门，送餐很难',
      anonymous: false,
    });
    await svc.act(admin(), null, r.wish.id, 'classify', { categoryCode: 'env' });
    const before = await appealCount();
    const row = {
      type: 'help' as const,
      categoryId: w.categories.get('env.compound_entry')!,
      description: '小区不让骑手进门，送餐很难',
      urgency: 'normal' as const,
    };
    const [x, y] = await Promise.all([
      svc.convert(admin(), null, r.wish.id, row),
      svc.convert(admin(), null, r.wish.id, row),
    ]);
    const z = await svc.convert(admin(), null, r.wish.id, row);
    expect(await appealCount()).toBe(before + 1);
    expect(x.convertedAppealId).toBeTruthy();
    expect(y.convertedAppealId).toBe(x.convertedAppealId);
    expect(z.convertedAppealId).toBe(x.convertedAppealId);
    expect(z.actions.convert).toBe(false);
    const appeal = await w.svc.get(admin(), x.convertedAppealId!).catch(() => null);
    expect(appeal === null || appeal.channel === 'wish_box').toBe(true);
  });

  it('records a forum with three appeals, all or none', async () => {
    const before = await appealCount();
    const leaf = w.categories.get('env.parking')!;
    const base = {
      heldOn: '2026-03-05',
      place: '市中区外卖行业党群服务中心',
      regionCode: '511102',
      minutes: '骑手代表反映停车难、进小区难、午间就餐难。',
      attendees: { riders: 8, stationHeads: 3, companyManagement: 2, departments: 5 },
    };
    const rows = [
      {
        type: 'help' as const,
        categoryId: leaf,
        description: '商圈电动车停车难',
        urgency: 'normal' as const,
      },
      {
        type: 'help' as const,
        categoryId: leaf,
        description: '医院门口没有临时停放点',
        urgency: 'normal' as const,
      },
      {
        type: 'help' as const,
        categoryId: leaf,
        description: '学校周边停车被罚',
        urgency: 'normal' as const,
      },
    ];
    const bad = [...rows.slice(0, 2), { ...rows[2]!, categoryId: '00000000-0000-7000-8000-000000000000' }];
    await expect(svc.createForum(admin(), null, { ...base, appeals: bad })).rejects.toMatchObject({
      code: 'appeal.category_not_found',
    });
    expect(await appealCount()).toBe(before);
    expect((await svc.listForums(admin())).length).toBe(0);
    const f = await svc.createForum(admin(), null, { ...base, appeals: rows });
    expect(f.appeals).toHaveLength(3);
    expect(await appealCount()).toBe(before + 3);
    await expect(svc.raiseAppeals(admin(), null, f.id, bad)).rejects.toMatchObject({
      code: 'appeal.category_not_found',
    });
    expect((await svc.getForum(admin(), f.id)).appeals).toHaveLength(3);
    expect(await appealCount()).toBe(before + 3);
  });
});
