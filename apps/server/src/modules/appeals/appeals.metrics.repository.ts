import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import {
  type AppealSummaryScope,
  appealMetricSnapshot,
  appealWeeklySummary,
} from './appeals.metrics.tables.ts';
import type { Granularity, MetricKey } from './appeals.metrics.ts';

/**
 * SQL of the appeal metrics. Each family is one set-based statement: a scan of the cases in scope
 * (index on created_at / region prefix), a hash-joined aggregate of the event facts those cases
 * need, and FILTER aggregates over GROUPING SETS so totals, the three period series and the four
 * breakdowns come out of one pass. No per-case work in JavaScript.
 */

type Rows<T> = { rows: T[] };
async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as Rows<T>).rows;
}

/** Which cases a query is about: the actor's reach and the caller's filters, as SQL on `a`. */
export interface CaseFilter {
  start: Date;
  end: Date;
  /** Scope condition on alias `a` (appeal), e.g. region prefixes or unit paths. */
  scope: SQL;
  regionPrefix?: string | undefined;
  categoryId?: string | undefined;
  channel?: string | undefined;
  /** Case family: the current lead unit; dispatch family: the unit dispatched to. */
  unitId?: string | undefined;
  /** Region breakdown key: full code (township level) or the county prefix. */
  regionKey: 'code' | 'county';
  now: Date;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The local (UTC+8) date of a timestamp column, truncated to a granularity, as text. */
export function bucketSql(col: SQL, g: Granularity): SQL {
  return sql`to_char(date_trunc(${g}, (${col} at time zone 'UTC') + interval '8 hours'), 'YYYY-MM-DD')`;
}

function caseWhere(f: CaseFilter, unitOnLead: boolean): SQL {
  const conds: SQL[] = [sql`a.created_at >= ${f.start}`, sql`a.created_at < ${f.end}`, f.scope];
  if (f.regionPrefix) conds.push(sql`a.region_code like ${`${escapeLike(f.regionPrefix)}%`}`);
  if (f.categoryId)
    conds.push(
      sql`a.category_id in (select c.id from appeal_category c where c.id = ${f.categoryId} or c.parent_id = ${f.categoryId})`,
    );
  if (f.channel) conds.push(sql`a.channel = ${f.channel}`);
  if (unitOnLead && f.unitId) conds.push(sql`a.lead_unit_id = ${f.unitId}`);
  return sql.join(conds, sql` and `);
}

const regionKeySql = (f: CaseFilter) =>
  f.regionKey === 'code' ? sql`a.region_code` : sql`left(a.region_code, 6)`;

/**
 * Per-case facts: one row per case in scope, with the event facts the case metrics need. Column
 * names are what {@link CASE_PREDICATES} refer to.
 */
function caseFactsCte(f: CaseFilter): SQL {
  return sql`c as (
      select a.id, a.state, a.created_at, a.dispatch_due_at, a.due_at, a.resolved_at,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        a.lead_unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKeySql(f)} as k_region, a.channel as k_channel
      from appeal a
      where ${caseWhere(f, true)}
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

/** Per-dispatch facts: one row per lead-unit assignment of a case in scope. */
function dispatchFactsCte(f: CaseFilter): SQL {
  const unit = f.unitId ? sql` and x.unit_id = ${f.unitId}` : sql``;
  return sql`f as (
      select a.id, x.signed_at, x.returned_at, x.ended_at, a.sign_due_at, a.state,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        x.unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKeySql(f)} as k_region, a.channel as k_channel
      from appeal a
      join appeal_assignment x on x.appeal_id = a.id and x.role = 'lead'${unit}
      where ${caseWhere(f, false)}
    )`;
}

/** Numerator and denominator of each metric as conditions on a row of `f`. */
export function metricPredicates(key: MetricKey, now: Date): { num: SQL; den: SQL } {
  switch (key) {
    case 'response':
      return {
        den: sql`(decided_at is not null or dispatch_due_at < ${now})`,
        num: sql`(decided_at is not null and decided_at <= dispatch_due_at)`,
      };
    case 'on_time_resolve':
      return {
        den: sql`(state in ('resolved', 'visited', 'closed') and resolved_at is not null)`,
        num: sql`(state in ('resolved', 'visited', 'closed') and resolved_at is not null and due_at is not null and resolved_at <= due_at)`,
      };
    case 'resolution':
      return {
        den: sql`(last_visit is not null)`,
        num: sql`(last_visit is not null and last_visit <> 'unsatisfied')`,
      };
    case 'satisfaction':
      return {
        den: sql`(last_answer is not null)`,
        num: sql`(last_answer in ('satisfied', 'basically_satisfied'))`,
      };
    case 'reopen':
      return { den: sql`(resolves > 0)`, num: sql`(reopens > 0)` };
    case 'handled':
      return {
        den: sql`(state not in ('submitted', 'refused', 'duplicate'))`,
        num: sql`(state in ('resolved', 'visited', 'closed'))`,
      };
    case 'timely_sign':
      return {
        den: sql`(signed_at is not null or (returned_at is null and ended_at is null and state = 'dispatched' and sign_due_at < ${now}))`,
        num: sql`(signed_at is not null and sign_due_at is not null and signed_at <= sign_due_at)`,
      };
    case 'return':
      return { den: sql`true`, num: sql`(returned_at is not null)` };
  }
}

export const CASE_METRICS: readonly MetricKey[] = [
  'on_time_resolve',
  'response',
  'resolution',
  'satisfaction',
  'reopen',
  'handled',
];
export const DISPATCH_METRICS: readonly MetricKey[] = ['timely_sign', 'return'];

/** The grouping a result row belongs to. */
export type GroupKind = 'total' | 'day' | 'week' | 'month' | 'unit' | 'category' | 'region' | 'channel';
const GROUP_COLUMNS = [
  'b_day',
  'b_week',
  'b_month',
  'k_unit',
  'k_category',
  'k_region',
  'k_channel',
] as const;
const GROUP_KINDS: readonly GroupKind[] = ['day', 'week', 'month', 'unit', 'category', 'region', 'channel'];

export interface GroupRow {
  kind: GroupKind;
  key: string | null;
  counts: Partial<Record<MetricKey, { numerator: number; denominator: number }>>;
}

/**
 * One pass over a family: totals and every grouping. `grouping(...)` is a bitmask where a 0 bit
 * marks the column the row is grouped by (the leftmost column is the highest bit).
 */
async function aggregate(db: Db, cte: SQL, keys: readonly MetricKey[], now: Date): Promise<GroupRow[]> {
  const cols = keys.flatMap((k) => {
    const p = metricPredicates(k, now);
    return [
      sql`count(*) filter (where ${p.num} and ${p.den})::int as ${sql.identifier(`${k}__n`)}`,
      sql`count(*) filter (where ${p.den})::int as ${sql.identifier(`${k}__d`)}`,
    ];
  });
  const gcols = sql.raw(GROUP_COLUMNS.join(', '));
  const sets = sql.raw(['()', ...GROUP_COLUMNS.map((c) => `(${c})`)].join(', '));
  const q = sql`with ${cte}
    select grouping(${gcols})::int as g, ${gcols}, ${sql.join(cols, sql`, `)}
    from f group by grouping sets (${sets})`;
  const out = await rows<Record<string, unknown>>(db, q);
  const all = (1 << GROUP_COLUMNS.length) - 1;
  return out.map((r) => {
    const g = Number(r.g);
    let kind: GroupKind = 'total';
    let key: string | null = null;
    if (g !== all) {
      const i = GROUP_COLUMNS.findIndex((_, idx) => ((g >> (GROUP_COLUMNS.length - 1 - idx)) & 1) === 0);
      kind = GROUP_KINDS[i]!;
      key = (r[GROUP_COLUMNS[i]!] as string | null) ?? null;
    }
    const counts: GroupRow['counts'] = {};
    for (const k of keys)
      counts[k] = { numerator: Number(r[`${k}__n`] ?? 0), denominator: Number(r[`${k}__d`] ?? 0) };
    return { kind, key, counts };
  });
}

/** Every metric, totals and all groupings: two statements (case facts, dispatch facts). */
export async function metricGroups(db: Db, f: CaseFilter): Promise<GroupRow[]> {
  const [cases, dispatches] = await Promise.all([
    aggregate(db, caseFactsCte(f), CASE_METRICS, f.now),
    aggregate(db, dispatchFactsCte(f), DISPATCH_METRICS, f.now),
  ]);
  return [...cases, ...dispatches];
}

export interface DrillFilter extends CaseFilter {
  metric: MetricKey;
  side: 'numerator' | 'denominator';
  bucket?: { granularity: Granularity; start: string } | undefined;
}

export interface DrillCaseRow {
  id: string;
  caseNo: string;
  description: string;
  state: string;
  type: string;
  channel: string;
  regionCode: string;
  regionName: string | null;
  categoryName: string | null;
  leadUnitName: string | null;
  createdAt: Date;
  dueAt: Date | null;
  resolvedAt: Date | null;
}

/** The cases behind one figure (numerator or denominator side), newest first. */
export async function drillCases(
  db: Db,
  f: DrillFilter,
  limit: number,
  offset: number,
): Promise<{ rows: DrillCaseRow[]; total: number }> {
  const family = CASE_METRICS.includes(f.metric) ? 'case' : 'dispatch';
  const cte = family === 'case' ? caseFactsCte(f) : dispatchFactsCte(f);
  const p = metricPredicates(f.metric, f.now);
  const conds: SQL[] = [f.side === 'numerator' ? sql`${p.num} and ${p.den}` : p.den];
  if (f.bucket) conds.push(sql`${sql.identifier(`b_${f.bucket.granularity}`)} = ${f.bucket.start}`);
  const where = sql.join(conds, sql` and `);
  const q = sql`with ${cte}, ids as (select distinct f.id from f where ${where})
    select a.id, a.case_no as "caseNo", a.description, a.state, a.type, a.channel,
      a.region_code as "regionCode", r.name as "regionName", cat.name as "categoryName",
      o.name as "leadUnitName", a.created_at as "createdAt", a.due_at as "dueAt",
      a.resolved_at as "resolvedAt", count(*) over ()::int as total
    from ids
    join appeal a on a.id = ids.id
    left join region r on r.code = a.region_code
    left join appeal_category cat on cat.id = a.category_id
    left join organisation o on o.id = a.lead_unit_id
    order by a.created_at desc, a.id desc
    limit ${limit} offset ${offset}`;
  const out = await rows<DrillCaseRow & { total: number }>(db, q);
  const total = out[0]?.total ?? 0;
  if (out.length === 0 && offset > 0) {
    const c = await rows<{ n: number }>(
      db,
      sql`with ${cte} select count(distinct f.id)::int as n from f where ${where}`,
    );
    return { rows: [], total: c[0]?.n ?? 0 };
  }
  return {
    rows: out.map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt),
      dueAt: r.dueAt ? new Date(r.dueAt) : null,
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt) : null,
    })),
    total: Number(total),
  };
}

// ---- names for breakdown keys --------------------------------------------------------------

export async function namesOf(
  db: Db,
  kind: 'unit' | 'category' | 'region',
  keys: readonly string[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const table =
    kind === 'unit'
      ? sql`select id::text as k, name from organisation where id::text in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})`
      : kind === 'category'
        ? sql`select id::text as k, name from appeal_category where id::text in (${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )})`
        : sql`select code as k, name from region where code in (${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )})`;
  const out = await rows<{ k: string; name: string }>(db, table);
  return new Map(out.map((r) => [r.k, r.name]));
}

// ---- weekly summary facts -------------------------------------------------------------------

export interface WeekFacts {
  newCases: number;
  resolved: number;
  reopened: number;
  overdue: number;
  topCategories: { categoryId: string; name: string; count: number }[];
  units: {
    unitId: string;
    name: string;
    resolved: number;
    onTime: number;
    overdueOpen: number;
    returns: number;
  }[];
}

/**
 * The week's activity in a region: cases registered, 办结 and 重办 events in the week, cases open
 * past their deadline at `asOf`, the top categories of new cases and the lead units ranked.
 */
export async function weekFacts(
  db: Db,
  regionPrefix: string,
  start: Date,
  end: Date,
  asOf: Date,
): Promise<WeekFacts> {
  const inRegion = sql`a.region_code like ${`${escapeLike(regionPrefix)}%`}`;
  const [counts] = await rows<{ n: number; r: number; o: number; re: number }>(
    db,
    sql`select
      (select count(*)::int from appeal a where ${inRegion} and a.created_at >= ${start} and a.created_at < ${end}) as n,
      (select count(distinct e.appeal_id)::int from appeal_event e join appeal a on a.id = e.appeal_id
        where ${inRegion} and e.action = 'resolve' and e.at >= ${start} and e.at < ${end}) as r,
      (select count(*)::int from appeal_event e join appeal a on a.id = e.appeal_id
        where ${inRegion} and e.action = 'visit' and e.to_state = 'handling' and e.at >= ${start} and e.at < ${end}) as re,
      (select count(*)::int from appeal a where ${inRegion} and a.state in ('dispatched', 'returned', 'handling')
        and a.due_at < ${asOf}) as o`,
  );
  const top = await rows<{ categoryId: string; name: string; count: number }>(
    db,
    sql`select a.category_id as "categoryId", c.name, count(*)::int as count
      from appeal a join appeal_category c on c.id = a.category_id
      where ${inRegion} and a.created_at >= ${start} and a.created_at < ${end}
      group by a.category_id, c.name order by count desc, c.name limit 5`,
  );
  const units = await rows<WeekFacts['units'][number]>(
    db,
    sql`with res as (
        select a.lead_unit_id as unit_id, count(distinct a.id)::int as resolved,
          count(distinct a.id) filter (where e.at <= a.due_at)::int as on_time
        from appeal_event e join appeal a on a.id = e.appeal_id
        where ${inRegion} and e.action = 'resolve' and e.at >= ${start} and e.at < ${end} and a.lead_unit_id is not null
        group by a.lead_unit_id),
      ovd as (
        select a.lead_unit_id as unit_id, count(*)::int as overdue_open from appeal a
        where ${inRegion} and a.state in ('dispatched', 'returned', 'handling') and a.due_at < ${asOf}
          and a.lead_unit_id is not null
        group by a.lead_unit_id),
      ret as (
        select x.unit_id, count(*)::int as returns from appeal_assignment x join appeal a on a.id = x.appeal_id
        where ${inRegion} and x.returned_at >= ${start} and x.returned_at < ${end}
        group by x.unit_id),
      u as (select unit_id from res union select unit_id from ovd union select unit_id from ret)
      select u.unit_id as "unitId", o.name, coalesce(res.resolved, 0) as resolved,
        coalesce(res.on_time, 0) as "onTime", coalesce(ovd.overdue_open, 0) as "overdueOpen",
        coalesce(ret.returns, 0) as returns
      from u join organisation o on o.id = u.unit_id
      left join res on res.unit_id = u.unit_id
      left join ovd on ovd.unit_id = u.unit_id
      left join ret on ret.unit_id = u.unit_id`,
  );
  return {
    newCases: counts?.n ?? 0,
    resolved: counts?.r ?? 0,
    reopened: counts?.re ?? 0,
    overdue: counts?.o ?? 0,
    topCategories: top.map((t) => ({ ...t, count: Number(t.count) })),
    units: units.map((u) => ({
      ...u,
      resolved: Number(u.resolved),
      onTime: Number(u.onTime),
      overdueOpen: Number(u.overdueOpen),
      returns: Number(u.returns),
    })),
  };
}

// ---- summaries and snapshots ------------------------------------------------------------------

export type SummaryRow = typeof appealWeeklySummary.$inferSelect;
export type SnapshotRow = typeof appealMetricSnapshot.$inferSelect;

export async function findSummary(
  db: Db,
  scopeKind: AppealSummaryScope,
  regionCode: string,
  orgId: string | null,
  weekStart: string,
): Promise<SummaryRow | null> {
  const [row] = await db
    .select()
    .from(appealWeeklySummary)
    .where(
      orgId
        ? and(eq(appealWeeklySummary.orgId, orgId), eq(appealWeeklySummary.weekStart, weekStart))
        : and(
            eq(appealWeeklySummary.scopeKind, scopeKind),
            eq(appealWeeklySummary.regionCode, regionCode),
            isNull(appealWeeklySummary.orgId),
            eq(appealWeeklySummary.weekStart, weekStart),
          ),
    )
    .limit(1);
  return row ?? null;
}

/** Inserts unless the (scope, week) exists; returns whether this call inserted. */
export async function insertSummary(db: Db, row: typeof appealWeeklySummary.$inferInsert): Promise<boolean> {
  const out = await db.insert(appealWeeklySummary).values(row).onConflictDoNothing().returning({
    id: appealWeeklySummary.id,
  });
  return out.length > 0;
}

export async function getSummary(db: Db, id: string): Promise<SummaryRow | null> {
  const [row] = await db.select().from(appealWeeklySummary).where(eq(appealWeeklySummary.id, id)).limit(1);
  return row ?? null;
}

/** Summaries whose region lies under one of the prefixes, newest week first. */
export async function listSummaries(
  db: Db,
  prefixes: readonly string[],
  limit: number,
  offset: number,
): Promise<{ rows: SummaryRow[]; total: number }> {
  if (prefixes.length === 0) return { rows: [], total: 0 };
  const where = sql`(${sql.join(
    prefixes.map((p) => sql`${appealWeeklySummary.regionCode} like ${`${escapeLike(p)}%`}`),
    sql` or `,
  )})`;
  const [list, [count]] = await Promise.all([
    db
      .select()
      .from(appealWeeklySummary)
      .where(where)
      .orderBy(
        desc(appealWeeklySummary.weekStart),
        appealWeeklySummary.scopeKind,
        appealWeeklySummary.scopeName,
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: sql<number>`count(*)::int` }).from(appealWeeklySummary).where(where),
  ]);
  return { rows: list, total: Number(count?.n ?? 0) };
}

export async function getSnapshot(db: Db, regionCode: string, month: string): Promise<SnapshotRow | null> {
  const [row] = await db
    .select()
    .from(appealMetricSnapshot)
    .where(and(eq(appealMetricSnapshot.regionCode, regionCode), eq(appealMetricSnapshot.month, month)))
    .limit(1);
  return row ?? null;
}

export async function listSnapshots(db: Db, regionCodes: readonly string[]): Promise<SnapshotRow[]> {
  if (regionCodes.length === 0) return [];
  return db
    .select()
    .from(appealMetricSnapshot)
    .where(inArray(appealMetricSnapshot.regionCode, [...regionCodes]))
    .orderBy(desc(appealMetricSnapshot.month));
}

/** Inserts the snapshot unless the month is frozen already; returns the row or null. */
export async function insertSnapshot(
  db: Db,
  row: typeof appealMetricSnapshot.$inferInsert,
): Promise<SnapshotRow | null> {
  const out = await db.insert(appealMetricSnapshot).values(row).onConflictDoNothing().returning();
  return out[0] ?? null;
}

/** Industry committees 行业党委 with their region. */
export async function industryCommittees(
  db: Db,
): Promise<{ id: string; name: string; regionCode: string }[]> {
  return rows(
    db,
    sql`select id, name, region_code as "regionCode" from organisation
      where kind = 'industry_party_committee' order by region_code, name`,
  );
}
