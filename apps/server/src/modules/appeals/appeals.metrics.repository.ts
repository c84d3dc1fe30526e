import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { localDaySql } from './appeals.facts.ts';
import {
  type AppealSummaryScope,
  appealMetricSnapshot,
  appealWeeklySummary,
} from './appeals.metrics.tables.ts';
import { addDays, type Granularity, localDate, type MetricKey } from './appeals.metrics.ts';

/**
 * SQL of the appeal metrics, over the per-case facts (`appeal_fact`, kept by the appeals service in
 * the transaction of every transition), never the timeline. Two ways to the same figures:
 *
 * - the daily cube (`appeal_metric_cube`) for a whole district or more with no unit, category or
 *   channel filter: clock-independent counts per (district, day, breakdown key), rebuilt per cell
 *   from the facts when a transition marked it dirty, plus the few rows whose figures move with the
 *   clock (undecided cases, dispatches waiting to be signed) read live;
 * - otherwise a scan of the facts in scope and FILTER aggregates over GROUPING SETS, so totals,
 *   the three period series and the four breakdowns come out of one pass. Drill-down uses the same
 *   predicates on the same facts.
 */

type Rows<T> = { rows: T[] };
async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as Rows<T>).rows;
}

/** Which cases a query is about: the actor's reach and the caller's filters, as SQL on `a`. */
export interface CaseFilter {
  /**
   * Set when the daily cube may answer: a region prefix of a district or wider (at most six
   * digits) that the actor's reach covers entirely, and no unit, category or channel filter.
   */
  cubePrefix?: string | undefined;
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

/** The facts as alias `a`, with `id` as the scope conditions expect. */
const FACTS_AS_A = sql`(select af.appeal_id as id, af.* from appeal_fact af) a`;

/**
 * Per-case facts: one row per case in scope. Column names are what {@link metricPredicates} refer
 * to. `extra` narrows the rows (the live part of the cube path).
 */
function caseFactsCte(f: CaseFilter, extra?: SQL): SQL {
  return sql`f as (
      select a.id, a.state, a.created_at, a.dispatch_due_at, a.due_at, a.resolved_at,
        a.decided_at, a.resolve_count as resolves, a.reopen_count as reopens, a.last_visit, a.last_answer,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        a.lead_unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKeySql(f)} as k_region, a.channel as k_channel
      from ${FACTS_AS_A}
      where ${caseWhere(f, true)}${extra ? sql` and ${extra}` : sql``}
    )`;
}

/** Per-dispatch facts: one row per lead-unit assignment of a case in scope. */
function dispatchFactsCte(f: CaseFilter, extra?: SQL): SQL {
  const unit = f.unitId ? sql` and x.unit_id = ${f.unitId}` : sql``;
  return sql`f as (
      select a.id, x.signed_at, x.returned_at, x.ended_at, a.sign_due_at, a.state,
        ${bucketSql(sql`a.created_at`, 'day')} as b_day,
        ${bucketSql(sql`a.created_at`, 'week')} as b_week,
        ${bucketSql(sql`a.created_at`, 'month')} as b_month,
        x.unit_id::text as k_unit, a.category_id::text as k_category,
        ${regionKeySql(f)} as k_region, a.channel as k_channel
      from ${FACTS_AS_A}
      join appeal_assignment x on x.appeal_id = a.id and x.role = 'lead'${unit}
      where ${caseWhere(f, false)}${extra ? sql` and ${extra}` : sql``}
    )`;
}

/** Numerator and denominator of each metric as conditions on a row of `f`. */
export function metricPredicates(key: MetricKey, now: Date): { num: SQL; den: SQL } {
  return predicatesAt(key, sql`${now}`);
}

/**
 * The clock the cube's counts are taken at: before every deadline. Only the `< now` terms of
 * `response` and `timely_sign` read the clock, and only for undecided cases and dispatches
 * waiting to be signed; those rows are added live.
 */
const NEVER = sql`'-infinity'::timestamptz`;

function predicatesAt(key: MetricKey, now: SQL): { num: SQL; den: SQL } {
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
export async function aggregate(
  db: Db,
  cte: SQL,
  keys: readonly MetricKey[],
  now: Date,
  liveOnly = false,
): Promise<GroupRow[]> {
  const cols = keys.flatMap((k) => {
    const p = metricPredicates(k, now);
    if (!liveOnly)
      return [
        sql`count(*) filter (where ${p.num} and ${p.den})::int as ${sql.identifier(`${k}__n`)}`,
        sql`count(*) filter (where ${p.den})::int as ${sql.identifier(`${k}__d`)}`,
      ];
    // What the clock adds to the cube's counts (taken before every deadline) for these rows.
    const q = predicatesAt(k, NEVER);
    return [
      sql`(count(*) filter (where ${p.num} and ${p.den}) - count(*) filter (where ${q.num} and ${q.den}))::int as ${sql.identifier(`${k}__n`)}`,
      sql`(count(*) filter (where ${p.den}) - count(*) filter (where ${q.den}))::int as ${sql.identifier(`${k}__d`)}`,
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

/** Every metric, totals and all groupings: from the cube when it may answer, else the facts. */
export async function metricGroups(db: Db, f: CaseFilter): Promise<GroupRow[]> {
  if (f.cubePrefix) return cubeGroups(db, f, f.cubePrefix);
  const [cases, dispatches] = await Promise.all([
    aggregate(db, caseFactsCte(f), CASE_METRICS, f.now),
    aggregate(db, dispatchFactsCte(f), DISPATCH_METRICS, f.now),
  ]);
  return [...cases, ...dispatches];
}

// ---- the daily cube ----------------------------------------------------------------------------

const CUBE_KINDS = ['region', 'unit', 'category', 'channel'] as const;
const ALL_METRICS: readonly MetricKey[] = [...CASE_METRICS, ...DISPATCH_METRICS];
/** Serialises cube rebuilds (advisory lock key). */
const CUBE_LOCK = 7_330_231;
const col = (k: MetricKey, side: 'n' | 'd') => sql.identifier(`${k}_${side}`);

/** A cube cell as a half-open UTC range of registration times. */
const dayStartSql = (day: SQL) => sql`((${day})::timestamp - interval '8 hours') at time zone 'UTC'`;

/**
 * Rebuilds the cube cells marked dirty within a district prefix and a range of local days
 * [fromDay, toDay). Marks appended while this runs stay for the next rebuild, so a transition
 * committing meanwhile is never lost. Returns the number of cells rebuilt.
 */
export async function refreshCube(db: Db, prefix: string, fromDay: string, toDay: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CUBE_LOCK})`);
    const cells = await rows<{ county: string; day: string }>(
      tx,
      sql`with d as (
          delete from appeal_metric_cube_dirty
           where county like ${`${escapeLike(prefix)}%`} and day >= ${fromDay}::date and day < ${toDay}::date
          returning county, day)
        select distinct county, to_char(day, 'YYYY-MM-DD') as day from d`,
    );
    for (const run of dayRuns(cells, 31)) await rebuildRange(tx, run.county, run.from, run.to);
    return cells.length;
  });
}

/**
 * Dirty cells as runs of consecutive days per county, at most `max` days each: one index range
 * scan of the facts per run.
 */
function dayRuns(
  cells: readonly { county: string; day: string }[],
  max: number,
): { county: string; from: string; to: string }[] {
  const byCounty = new Map<string, string[]>();
  for (const c of cells) byCounty.set(c.county, [...(byCounty.get(c.county) ?? []), c.day]);
  const runs: { county: string; from: string; to: string }[] = [];
  for (const [county, days] of byCounty) {
    days.sort();
    let from = days[0]!;
    let prev = from;
    let n = 1;
    for (const day of [...days.slice(1), null]) {
      if (day !== null && day === addDays(prev, 1) && n < max) {
        prev = day;
        n++;
        continue;
      }
      runs.push({ county, from, to: addDays(prev, 1) });
      if (day !== null) {
        from = day;
        prev = day;
        n = 1;
      }
    }
  }
  return runs;
}

/** Recomputes the cells of a county for the local days [from, to) from the facts. */
async function rebuildRange(tx: Db, county: string, from: string, to: string): Promise<void> {
  await tx.execute(
    sql`delete from appeal_metric_cube where county = ${county} and day >= ${from}::date and day < ${to}::date`,
  );
  const caseCols = ALL_METRICS.flatMap((k) => {
    if (!CASE_METRICS.includes(k)) return [sql`0`, sql`0`];
    const p = predicatesAt(k, NEVER);
    return [sql`(${p.num} and ${p.den})::int`, sql`(${p.den})::int`];
  });
  const dispatchCols = ALL_METRICS.flatMap((k) => {
    if (!DISPATCH_METRICS.includes(k)) return [sql`0`, sql`0`];
    const p = predicatesAt(k, NEVER);
    return [sql`(${p.num} and ${p.den})::int`, sql`(${p.den})::int`];
  });
  const names = ALL_METRICS.flatMap((k) => [col(k, 'n'), col(k, 'd')]);
  const sums = sql.join(
    names.map((n) => sql`sum(${n})::int`),
    sql`, `,
  );
  const groups = CUBE_KINDS.map((kind) => {
    const key = sql.identifier(kind === 'region' ? 'region_code' : kind);
    return sql`select county, day, ${kind}::text, ${key}, ${sums} from u where ${key} is not null group by county, day, ${key}`;
  });
  await tx.execute(sql`with cf as (
      select left(a.region_code, 6) as county, ${localDaySql(sql`a.created_at`)} as day, a.appeal_id,
        a.region_code, a.lead_unit_id::text as k_lead,
        a.category_id::text as category, a.channel, a.state, a.dispatch_due_at, a.sign_due_at, a.due_at,
        a.resolved_at, a.decided_at, a.resolve_count as resolves, a.reopen_count as reopens,
        a.last_visit, a.last_answer
      from appeal_fact a
      where a.created_at >= ${dayStartSql(sql`${from}::date`)} and a.created_at < ${dayStartSql(sql`${to}::date`)}
        and left(a.region_code, 6) = ${county}
    ), u as (
      select county, day, region_code, k_lead as unit, category, channel,
        ${sql.join(
          caseCols.map((c, i) => sql`${c} as ${names[i]!}`),
          sql`, `,
        )}
      from cf
      union all
      select cf.county, cf.day, cf.region_code, x.unit_id::text, cf.category, cf.channel,
        ${sql.join(dispatchCols, sql`, `)}
      from cf join appeal_assignment x on x.appeal_id = cf.appeal_id and x.role = 'lead'
    )
    insert into appeal_metric_cube (county, day, kind, key, ${sql.join(names, sql`, `)})
    ${sql.join(groups, sql` union all `)}`);
}

/** Totals and every grouping from the cube, plus the rows the clock moves, read live. */
async function cubeGroups(db: Db, f: CaseFilter, prefix: string): Promise<GroupRow[]> {
  const fromDay = localDate(f.start);
  const toDay = localDate(f.end);
  await refreshCube(db, prefix, fromDay, toDay);
  const sums = sql.join(
    ALL_METRICS.flatMap((k) => [
      sql`coalesce(sum(${col(k, 'n')}), 0)::int as ${sql.identifier(`${k}__n`)}`,
      sql`coalesce(sum(${col(k, 'd')}), 0)::int as ${sql.identifier(`${k}__d`)}`,
    ]),
    sql`, `,
  );
  const regionKey = f.regionKey === 'code' ? sql`key` : sql`left(key, 6)`;
  const day = (g: Granularity) => sql`to_char(date_trunc(${g}, day::timestamp), 'YYYY-MM-DD')`;
  const q = sql`with r as (
      select * from appeal_metric_cube
       where county like ${`${escapeLike(prefix)}%`} and day >= ${fromDay}::date and day < ${toDay}::date
    ), reg as (select * from r where kind = 'region')
    select 'total' as kind, null::text as key, ${sums} from reg
    union all select 'day', ${day('day')}, ${sums} from reg group by 2
    union all select 'week', ${day('week')}, ${sums} from reg group by 2
    union all select 'month', ${day('month')}, ${sums} from reg group by 2
    union all select 'region', ${regionKey}, ${sums} from reg group by 2
    union all select kind, key, ${sums} from r where kind <> 'region' group by 1, 2`;
  const cube = (await rows<Record<string, unknown>>(db, q)).map((r) => ({
    kind: r.kind as GroupKind,
    key: (r.key as string | null) ?? null,
    counts: countsOf(r, ALL_METRICS),
  }));
  const [liveCases, liveDispatches] = await Promise.all([
    aggregate(db, caseFactsCte(f, sql`a.decided_at is null`), CASE_METRICS, f.now, true),
    aggregate(db, dispatchFactsCte(f, sql`a.state = 'dispatched'`), DISPATCH_METRICS, f.now, true),
  ]);
  return addGroups([...cube, ...liveCases, ...liveDispatches]);
}

function countsOf(r: Record<string, unknown>, keys: readonly MetricKey[]): GroupRow['counts'] {
  const counts: GroupRow['counts'] = {};
  for (const k of keys)
    counts[k] = { numerator: Number(r[`${k}__n`] ?? 0), denominator: Number(r[`${k}__d`] ?? 0) };
  return counts;
}

/** Sums rows of the same (kind, key). */
function addGroups(list: readonly GroupRow[]): GroupRow[] {
  const out = new Map<string, GroupRow>();
  for (const r of list) {
    const id = `${r.kind}:${r.key ?? ''}`;
    const prev = out.get(id) ?? { kind: r.kind, key: r.key, counts: {} };
    for (const [k, c] of Object.entries(r.counts) as [
      MetricKey,
      { numerator: number; denominator: number },
    ][]) {
      const p = prev.counts[k] ?? { numerator: 0, denominator: 0 };
      prev.counts[k] = { numerator: p.numerator + c.numerator, denominator: p.denominator + c.denominator };
    }
    out.set(id, prev);
  }
  return [...out.values()];
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
