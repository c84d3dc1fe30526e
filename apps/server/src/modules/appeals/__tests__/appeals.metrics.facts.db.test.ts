import type { CreateAppealInput } from '@nuanxin/shared';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { refreshFactsOf } from '../appeals.facts.ts';
import {
  aggregate,
  bucketSql,
  CASE_METRICS,
  type CaseFilter,
  DISPATCH_METRICS,
  type GroupRow,
  metricGroups,
} from '../appeals.metrics.repository.ts';
import { createMetricsService, type MetricsService } from '../appeals.metrics.service.ts';
import { appealFact } from '../appeals.metrics.tables.ts';
import { METRIC_KEYS, type MetricKey, rangeOf } from '../appeals.metrics.ts';
import { appealsWorld } from './fixtures.ts';

/**
 * The metrics read per-case facts (`appeal_fact`) and a daily cube instead of the timeline. Cases
 * built through the real service on every path (return and redispatch, insist, reopen, no-answer
 * visit, termination, extension, duplicate, refusal, undecided and unsigned past their deadlines,
 * co-units) must give the figures of the timeline-based statement the metrics used before, kept
 * here as the oracle: totals and every grouping, by the fact scan and by the cube, before and
 * after later transitions of cases the cube has already counted.
 */

/** The former event-based family statements (the oracle). */
function oracleCaseCte(f: CaseFilter): SQL {
  const unit = f.unitId ? sql` and a.lead_unit_id = ${f.unitId}` : sql``;
  return sql`c as (
      select a.id, a.state, a.created_at, a.dispatch_due_at, a.due_at, a.resolved_at,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        a.lead_unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKey(f)} as k_region, a.channel as k_channel
      from appeal a
      where ${oracleWhere(f)}${unit}
    ),
    ev as (
      select e.appeal_id,
        min(e.at) filter (where e.action in ('accept', 'dispatch', 'refuse', 'markDuplicate')) as decided_at,
        count(*) filter (where e.action = 'resolve') as resolves,
        count(*) filter (where e.action = 'visit' and e.to_state = 'handling') as reopens,
        (array_agg(e.data->>'satisfaction' order by e.at desc, e.id desc)
          filter (where e.action in ('visit', 'noAnswer')))[1] as last_visit,
        (array_agg(e.data->>'satisfaction' order by e.at desc, e.id desc)
          filter (where e.action = 'visit'))[1] as last_answer
      from appeal_event e
      join c on c.id = e.appeal_id
      where e.action in ('accept', 'dispatch', 'refuse', 'markDuplicate', 'resolve', 'visit', 'noAnswer')
      group by e.appeal_id
    ),
    f as (
      select c.*, ev.decided_at, coalesce(ev.resolves, 0) as resolves, coalesce(ev.reopens, 0) as reopens,
        ev.last_visit, ev.last_answer
      from c left join ev on ev.appeal_id = c.id
    )`;
}

function oracleDispatchCte(f: CaseFilter): SQL {
  const unit = f.unitId ? sql` and x.unit_id = ${f.unitId}` : sql``;
  return sql`f as (
      select a.id, x.signed_at, x.returned_at, x.ended_at, a.sign_due_at, a.state,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        x.unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKey(f)} as k_region, a.channel as k_channel
      from appeal a
      join appeal_assignment x on x.appeal_id = a.id and x.role = 'lead'${unit}
      where ${oracleWhere(f)}
    )`;
}

const regionKey = (f: CaseFilter) =>
  f.regionKey === 'code' ? sql`a.region_code` : sql`left(a.region_code, 6)`;

function oracleWhere(f: CaseFilter): SQL {
  const conds: SQL[] = [sql`a.created_at >= ${f.start}`, sql`a.created_at < ${f.end}`, f.scope];
  if (f.regionPrefix) conds.push(sql`a.region_code like ${`${f.regionPrefix}%`}`);
  if (f.categoryId) conds.push(sql`a.category_id = ${f.categoryId}`);
  if (f.channel) conds.push(sql`a.channel = ${f.channel}`);
  return sql.join(conds, sql` and `);
}

type Figures = Record<string, Partial<Record<MetricKey, [number, number]>>>;

/** Rows as kind:key → metric → [numerator, denominator], without zeros and null keys. */
function figures(list: readonly GroupRow[]): Figures {
  const out: Figures = {};
  for (const r of list) {
    if (r.kind !== 'total' && r.key === null) continue;
    const id = `${r.kind}:${r.key ?? ''}`;
    for (const k of METRIC_KEYS) {
      const c = r.counts[k];
      if (!c || (c.numerator === 0 && c.denominator === 0)) continue;
      const row = out[id] ?? {};
      const prev = row[k] ?? [0, 0];
      row[k] = [prev[0] + c.numerator, prev[1] + c.denominator];
      out[id] = row;
    }
  }
  return out;
}

describe.each(testEngines())('appeal metric facts and cube against the timeline (%s)', (engine) => {
  const clock = { now: new Date('2026-03-02T02:00:00Z') }; // Monday 10:00 in Leshan
  let w: Awaited<ReturnType<typeof appealsWorld>>;
  let m: MetricsService;
  const ids: Record<string, string> = {};
  const advance = (hours: number) => {
    clock.now = new Date(clock.now.getTime() + hours * 3_600_000);
  };

  const filter = (over: Partial<CaseFilter> = {}): CaseFilter => ({
    ...rangeOf('2026-02-01', '2026-04-30'),
    scope: sql`a.region_code like '511102%'`,
    regionPrefix: '511102',
    regionKey: 'code',
    now: clock.now,
    ...over,
  });

  async function oracle(f: CaseFilter): Promise<Figures> {
    const db = w.t.database.db;
    const [cases, dispatches] = await Promise.all([
      aggregate(db, oracleCaseCte(f), CASE_METRICS, f.now),
      aggregate(db, oracleDispatchCte(f), DISPATCH_METRICS, f.now),
    ]);
    return figures([...cases, ...dispatches]);
  }

  /** Oracle, fact scan and (when it may answer) the cube agree, and nothing is all zero. */
  async function agree(over: Partial<CaseFilter> = {}, cube = false): Promise<Figures> {
    const f = filter({ ...over, now: clock.now });
    const expected = await oracle(f);
    expect(expected['total:']?.response?.[1] ?? 0).toBeGreaterThan(0);
    expect(figures(await metricGroups(w.t.database.db, f))).toEqual(expected);
    if (cube)
      expect(figures(await metricGroups(w.t.database.db, { ...f, cubePrefix: '511102' }))).toEqual(expected);
    return expected;
  }

  beforeAll(async () => {
    w = await appealsWorld(engine, clock);
    m = createMetricsService(w.t.deps, { now: () => clock.now });
    const { svc, actors: a } = w;
    const weather = w.categories.get('policy.weather_fines')!;
    const input = (over: Partial<CreateAppealInput> = {}): CreateAppealInput => ({
      type: 'complaint',
      categoryId: weather,
      urgency: 'normal',
      description: '暴雨天配送超时被平台罚款，申诉没有通过',
      regionCode: '511102004',
      privacy: 'private',
      anonymous: false,
      ...over,
    });
    const other = [...w.categories.entries()].find(([k, v]) => k !== 'policy.weather_fines' && v)![1];
    const zhzf = w.orgs['szq.zhzf']!;
    const scjg = w.orgs['szq.scjg']!;
    const file = async (k: string, over: Partial<CreateAppealInput> = {}, staff = false) => {
      ids[k] = staff
        ? await svc.fileQuietly(a.dispatcher, input({ channel: 'hotline', ...over }))
        : await svc.fileQuietly(a.worker1, input(over));
    };
    // Day 1 (2 March).
    for (const k of ['A', 'B', 'C', 'D', 'E', 'G', 'H']) await file(k);
    await file('I', { categoryId: other, regionCode: '511102' }, true);
    await file('J', { urgency: 'urgent' }, true);
    await file('K', { regionCode: '511102' });
    advance(1);
    await svc.perform(a.dispatcher, ids.A!, 'dispatch', { unitId: zhzf, coUnitIds: [scjg] });
    await svc.perform(a.dispatcher, ids.B!, 'dispatch', { unitId: zhzf });
    await svc.perform(a.dispatcher, ids.C!, 'refuse', { reason: '不属于受理范围' });
    await svc.perform(a.dispatcher, ids.E!, 'accept', {});
    await svc.perform(a.dispatcher, ids.G!, 'dispatch', { unitId: scjg });
    await svc.perform(a.dispatcher, ids.H!, 'dispatch', { unitId: zhzf });
    await svc.perform(a.dispatcher, ids.I!, 'markDuplicate', { targetId: ids.A! });
    await svc.perform(a.dispatcher, ids.K!, 'dispatch', { unitId: scjg });
    advance(0.5);
    await svc.perform(a.zhzf, ids.A!, 'sign', {});
    await svc.perform(a.zhzf, ids.B!, 'return', { reason: '属于市场监管职责', notOurDuty: true });
    await svc.perform(a.zhzf, ids.H!, 'return', { reason: '请核实地址' });
    advance(0.5);
    await svc.perform(a.dispatcher, ids.B!, 'redispatch', { unitId: scjg });
    await svc.perform(a.dispatcher, ids.H!, 'insist', {});
    await svc.perform(a.scjg, ids.G!, 'sign', {});
    // Day 2: late signs, an extension, a termination.
    advance(24);
    await file('L');
    await file('M', { regionCode: '511102' }, true);
    await svc.perform(a.scjg, ids.B!, 'sign', {});
    await svc.perform(a.zhzf, ids.H!, 'sign', {});
    await svc.perform(a.scjg, ids.G!, 'extend', { workingDays: 3, reason: '需要协调平台' });
    await svc.perform(a.dispatcher, ids.G!, 'approveExtension', { approve: true });
    await svc.perform(a.dispatcher, ids.K!, 'terminate', { reason: '诉求人撤回' });
    await svc.perform(a.dispatcher, ids.L!, 'dispatch', { unitId: zhzf });
    advance(2);
    await svc.perform(a.zhzf, ids.A!, 'resolve', { reply: '已协调平台撤销罚款' });
    await svc.perform(a.scjg, ids.B!, 'resolve', { reply: '已约谈平台' });
    await svc.perform(a.zhzf, ids.H!, 'resolve', { reply: '已处理' });
    advance(1);
    await svc.perform(a.dispatcher, ids.A!, 'visit', { satisfaction: 'satisfied' });
    await svc.perform(a.dispatcher, ids.B!, 'visit', { satisfaction: 'unsatisfied' }); // 重办
    advance(1);
    await svc.perform(a.scjg, ids.B!, 'resolve', { reply: '平台已退还罚款' });
    advance(1);
    await svc.perform(a.dispatcher, ids.B!, 'visit', { satisfaction: 'basically_satisfied' });
    await svc.perform(a.dispatcher, ids.A!, 'close', {});
  }, 240_000);
  afterAll(async () => w?.t.close());

  it('gives the timeline’s figures from the facts and from the cube, with every filter', async () => {
    const all = await agree({}, true);
    // The paths are all there: returns, a reopening, undecided and unsigned cases.
    expect(all['total:']?.return).toEqual([2, 8]);
    expect(all['total:']?.reopen?.[0]).toBe(1);
    await agree({ regionKey: 'county', regionPrefix: '5111' }, false);
    await agree({ unitId: w.orgs['szq.zhzf']! });
    await agree({ categoryId: w.categories.get('policy.weather_fines')! });
    await agree({ channel: 'hotline' });
    await agree({ regionPrefix: '511102004' });
    await agree({ ...rangeOf('2026-03-03', '2026-03-03') }, true);
  });

  it('follows later transitions, the clock and the no-answer rule', async () => {
    const { svc, actors: a } = w;
    await agree({}, true); // builds the cube
    // A week later: H gets no answer, the reopened B is visited again, D is still undecided.
    advance(24 * 8);
    expect(await svc.applyNoAnswer(ids.H!)).toBe('done');
    await svc.perform(a.dispatcher, ids.G!, 'terminate', { reason: '重复反映' });
    await svc.perform(a.dispatcher, ids.E!, 'dispatch', { unitId: w.orgs['szq.zhzf']! });
    await svc.perform(a.dispatcher, ids.B!, 'close', {});
    expect(await m.refreshCube()).toBeGreaterThan(0); // the job rebuilds the cells marked dirty
    expect(await m.refreshCube()).toBe(0);
    const after = await agree({}, true);
    expect(after['total:']?.resolution?.[1]).toBeGreaterThanOrEqual(3);
    // Another week: E's dispatch is now unsigned past its sign deadline (the clock alone moves it).
    advance(24 * 7);
    await agree({}, true);
    await agree({ unitId: w.orgs['szq.zhzf']! });
    // The bulk form (generator, backfill) writes the same facts as the per-case one.
    await w.t.database.db.delete(appealFact);
    await refreshFactsOf(w.t.database.db, sql`select id from appeal`);
    await agree({}, true);
  });

  it('drills down to as many cases as each figure, on the cube path', async () => {
    const q = { from: '2026-03-01', to: '2026-03-31', page: 1, pageSize: 100 };
    const r = await m.metrics(w.actors.dispatcher, { from: q.from, to: q.to });
    for (const t of r.totals)
      for (const side of ['numerator', 'denominator'] as const) {
        const d = await m.metricCases(w.actors.dispatcher, { ...q, metric: t.key, side });
        const distinct = new Set(d.items.map((c) => c.id)).size;
        // Dispatch metrics count dispatches; a case with two counts once in the drill-down.
        if (DISPATCH_METRICS.includes(t.key)) expect(distinct).toBeLessThanOrEqual(t[side]);
        else expect(d.total).toBe(t[side]);
      }
  });
});
