import type { CreateAppealInput } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createMetricsService, type MetricsResult, type MetricsService } from '../appeals.metrics.service.ts';
import { actorFor } from '../appeals.seed.ts';
import { appealsWorld } from './fixtures.ts';

/**
 * Hand-built cases driven through the appeals service (so the timeline is real), then exact
 * numerators and denominators of every metric, the drill-down, a frozen month and the summaries.
 */
describe.each(testEngines())('appeal metrics (%s)', (engine) => {
  const clock = { now: new Date('2026-03-02T02:00:00Z') }; // Monday 10:00 in Leshan
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  let m: MetricsService;
  const ids: Record<string, string> = {};
  const advance = (hours: number) => {
    clock.now = new Date(clock.now.getTime() + hours * 3_600_000);
  };
  const march = { from: '2026-03-01', to: '2026-03-31' };
  const pick = (r: MetricsResult, key: string) => {
    const v = r.totals.find((t) => t.key === key)!;
    return [v.numerator, v.denominator];
  };

  beforeAll(async () => {
    w = await appealsWorld(engine, clock);
    m = createMetricsService(w.t.deps, { now: () => clock.now });
    const { svc, actors: a } = w;
    const input = (over: Partial<CreateAppealInput> = {}): CreateAppealInput => ({
      type: 'complaint',
      categoryId: w.categories.get('policy.weather_fines')!,
      urgency: 'normal',
      description: '暴雨天配送超时被平台罚款，申诉没有通过',
      regionCode: '511102004',
      privacy: 'private',
      anonymous: false,
      ...over,
    });
    for (const k of ['A', 'B', 'C', 'D', 'F'])
      ids[k] = (await svc.create(a.worker1, null, input())).appeal.id;
    ids.E = (await svc.create(a.worker2, null, input({ regionCode: '511111100' }))).appeal.id;
    const zhzf = w.orgs['szq.zhzf']!;
    const scjg = w.orgs['szq.scjg']!;
    advance(1); // 11:00
    await svc.perform(a.dispatcher, ids.A!, 'dispatch', { unitId: zhzf });
    await svc.perform(a.dispatcher, ids.B!, 'dispatch', { unitId: zhzf });
    await svc.perform(a.dispatcher, ids.C!, 'refuse', { reason: '不属于受理范围' });
    await svc.perform(a.dispatcher, ids.F!, 'accept', {});
    await svc.perform(a.swqDispatcher, ids.E!, 'dispatch', { unitId: w.orgs['swq.shawan.c1']! });
    advance(0.5); // 11:30: A signed in time, B returned
    await svc.perform(a.zhzf, ids.A!, 'sign', {});
    await svc.perform(a.zhzf, ids.B!, 'return', { reason: '属于市场监管职责', notOurDuty: true });
    advance(0.5); // 12:00: redispatch; sign due 16:00
    await svc.perform(a.dispatcher, ids.B!, 'redispatch', { unitId: scjg });
    advance(28); // Tuesday 16:00: late sign
    await svc.perform(a.scjg, ids.B!, 'sign', {});
    advance(1);
    await svc.perform(a.zhzf, ids.A!, 'resolve', { reply: '已协调平台撤销罚款' });
    await svc.perform(a.scjg, ids.B!, 'resolve', { reply: '已约谈平台' });
    advance(1);
    await svc.perform(a.dispatcher, ids.A!, 'visit', { satisfaction: 'satisfied' });
    await svc.perform(a.dispatcher, ids.B!, 'visit', { satisfaction: 'unsatisfied' }); // 重办
    advance(1);
    await svc.perform(a.scjg, ids.B!, 'resolve', { reply: '平台已退还罚款' });
    advance(1);
    await svc.perform(a.dispatcher, ids.B!, 'visit', { satisfaction: 'basically_satisfied' });
    await svc.perform(a.dispatcher, ids.A!, 'close', {});
  }, 180_000);
  afterAll(async () => w?.t.close());

  it('counts every metric exactly, within the actor’s scope', async () => {
    const r = await m.metrics(w.actors.dispatcher, march);
    expect(r.frozen).toBeNull();
    expect(pick(r, 'response')).toEqual([4, 5]); // D: undecided past its dispatch deadline
    expect(pick(r, 'on_time_resolve')).toEqual([2, 2]);
    expect(pick(r, 'resolution')).toEqual([2, 2]);
    expect(pick(r, 'satisfaction')).toEqual([2, 2]);
    expect(pick(r, 'reopen')).toEqual([1, 2]);
    expect(pick(r, 'handled')).toEqual([2, 3]); // A, B of A, B, F (C refused, D not accepted)
    expect(pick(r, 'timely_sign')).toEqual([1, 2]); // B's returned dispatch is not assessed
    expect(pick(r, 'return')).toEqual([1, 3]);
    expect(r.totals.find((t) => t.key === 'reopen')!.value).toBe(0.5);

    // Per unit: dispatch metrics go to the unit dispatched to.
    const unit = (id: string) => r.breakdowns.unit.find((u) => u.key === id)!;
    const of = (row: { metrics: MetricsResult['totals'] }, k: string) => {
      const v = row.metrics.find((x) => x.key === k)!;
      return [v.numerator, v.denominator];
    };
    expect(of(unit(w.orgs['szq.zhzf']!), 'return')).toEqual([1, 2]);
    expect(of(unit(w.orgs['szq.zhzf']!), 'timely_sign')).toEqual([1, 1]);
    expect(of(unit(w.orgs['szq.scjg']!), 'timely_sign')).toEqual([0, 1]);
    expect(unit(w.orgs['szq.scjg']!).name).toBe('乐山市市中区市场监督管理局');
    // Series by day: everything was registered on 2 March.
    expect(r.granularity).toBe('day');
    expect(r.series).toHaveLength(31);
    expect(of(r.series.find((s) => s.key === '2026-03-02')!, 'response')).toEqual([4, 5]);
    expect(of(r.series.find((s) => s.key === '2026-03-03')!, 'response')).toEqual([0, 0]);
    expect(r.breakdowns.channel.map((c) => c.key)).toEqual(['app']);
    expect(r.breakdowns.region.map((c) => c.key)).toEqual(['511102']);

    // 沙湾区 sees only its own case.
    const swq = await m.metrics(w.actors.swqDispatcher, march);
    expect(pick(swq, 'response')).toEqual([1, 1]);
    expect(pick(swq, 'return')).toEqual([0, 1]);
    const cross = await m.metrics(w.actors.dispatcher, { ...march, regionCode: '511111' });
    expect(cross.totals.every((t) => t.denominator === 0)).toBe(true);
  });

  it('drills down to exactly the cases behind a figure', async () => {
    const q = { ...march, page: 1, pageSize: 50 };
    const ids2 = async (
      metric: Parameters<MetricsService['metricCases']>[1]['metric'],
      side: 'numerator' | 'denominator',
      extra = {},
    ) =>
      (await m.metricCases(w.actors.dispatcher, { ...q, metric, side, ...extra })).items
        .map((c) => c.id)
        .sort();
    expect(await ids2('reopen', 'numerator')).toEqual([ids.B]);
    expect(await ids2('response', 'numerator')).toEqual([ids.A, ids.B, ids.C, ids.F].sort());
    expect(await ids2('response', 'denominator')).toEqual([ids.A, ids.B, ids.C, ids.D, ids.F].sort());
    expect(await ids2('timely_sign', 'numerator')).toEqual([ids.A]);
    expect(await ids2('return', 'numerator')).toEqual([ids.B]);
    expect(await ids2('handled', 'denominator', { bucket: '2026-03-02', granularity: 'day' })).toEqual(
      [ids.A, ids.B, ids.F].sort(),
    );
    expect(await ids2('handled', 'denominator', { bucket: '2026-03-03', granularity: 'day' })).toEqual([]);
    const page = await m.metricCases(w.actors.dispatcher, {
      ...q,
      metric: 'response',
      side: 'denominator',
      pageSize: 2,
    });
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.caseNo).toMatch(/^SQ-511102004-20260302-/);
    // Out of scope: nothing.
    expect(
      (await m.metricCases(w.actors.swqDispatcher, { ...q, metric: 'reopen', side: 'numerator' })).items,
    ).toEqual([]);
  });

  it('generates the weekly summaries once per scope and week', async () => {
    const monday = new Date('2026-03-08T22:00:00Z'); // Monday 9 March 06:00 local
    expect(await m.generateWeekly(monday)).toBe(3); // two districts and the transport committee
    expect(await m.generateWeekly(monday)).toBe(0);
    const admin = actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    });
    const list = await m.summaries(admin, 1, 20);
    expect(list.items.map((s) => [s.scopeKind, s.regionCode, s.weekStart])).toEqual([
      ['district', '511102', '2026-03-02'],
    ]);
    const s = await m.summary(admin, list.items[0]!.id);
    expect(s.payload).toMatchObject({ newCases: 5, resolved: 2, reopened: 1, weekEnd: '2026-03-08' });
    expect(s.payload.topCategories[0]).toMatchObject({ count: 5 });
    expect(s.payload.units.map((u) => u.name)).toContain('乐山市市中区市场监督管理局');
    const swqAdmin = actorFor(w.users['swq.admin']!, '沙湾区管理员', 'staff', 'district_admin', {
      regionCode: '511111',
    });
    await expect(m.summary(swqAdmin, list.items[0]!.id)).rejects.toThrow(AppError);
    expect((await m.summaries(swqAdmin, 1, 20)).items.map((x) => x.scopeKind).sort()).toEqual([
      'committee',
      'district',
    ]);
  });

  it('freezes a month: later changes do not rewrite it, and it cannot be frozen twice', async () => {
    const admin = actorFor(w.users['szq.admin']!, '市中区管理员', 'staff', 'district_admin', {
      regionCode: '511102',
    });
    const code = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => (e instanceof AppError ? e.code : e),
      );
    expect(await code(m.freezeMonth(admin, null, { month: '2026-03', regionCode: '511102' }))).toBe(
      'common.validation',
    );
    clock.now = new Date('2026-04-02T02:00:00Z');
    expect(await code(m.freezeMonth(admin, null, { month: '2026-03', regionCode: '511111' }))).toBe(
      'common.forbidden',
    );
    const frozen = await m.freezeMonth(admin, null, { month: '2026-03', regionCode: '511102' });
    expect(frozen.month).toBe('2026-03');
    expect(await code(m.freezeMonth(admin, null, { month: '2026-03', regionCode: '511102' }))).toBe(
      'common.conflict',
    );

    // A later change to a March case: F is dispatched in April.
    await w.svc.perform(w.actors.dispatcher, ids.F!, 'dispatch', { unitId: w.orgs['szq.zhzf']! });
    const published = await m.metrics(admin, march);
    expect(published.frozen?.month).toBe('2026-03');
    expect(pick(published, 'return')).toEqual([1, 3]);
    const live = await m.metrics(admin, { ...march, unitId: w.orgs['szq.zhzf']! });
    expect(live.frozen).toBeNull();
    expect(pick(live, 'return')).toEqual([1, 3]); // zhzf now has A, B's first dispatch and F
    const liveAll = await m.metrics(w.actors.dispatcher, { ...march, regionCode: '511102', channel: 'app' });
    expect(pick(liveAll, 'return')).toEqual([1, 4]);
    const audit = (await w.t.database.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'appeal.metrics_freeze'`,
    )) as unknown as { rows: { n: number }[] };
    expect(audit.rows[0]!.n).toBe(1);
  });
});
