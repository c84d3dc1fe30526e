import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';

/**
 * Per-case metric facts (`appeal_fact`) and the cube's dirty marks. The appeals service calls
 * {@link refreshCaseFacts} in the transaction of every transition, after the case row, its
 * assignments and its timeline row are written, and {@link filedCaseFactsStatements} in a filing's;
 * the generator and migration 0023 use the bulk form of the same expressions
 * ({@link FACT_COLUMNS}, {@link eventFactsSql}).
 */

/** The local (UTC+8) day of a timestamp, as a date: the cube's and the series' day. */
export const localDaySql = (col: SQL) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;

/** The event actions the facts read. */
const FACT_ACTIONS = sql`('accept', 'dispatch', 'refuse', 'markDuplicate', 'resolve', 'visit', 'noAnswer')`;

/**
 * The timeline facts of a case as aggregates over its events `e`: first decision, 办结 and 重办
 * counts, latest visit answer (no-answer rule included) and latest answered visit.
 */
export const EVENT_AGGREGATES = sql`
  min(e.at) filter (where e.action in ('accept', 'dispatch', 'refuse', 'markDuplicate')) as decided_at,
  count(*) filter (where e.action = 'resolve')::int as resolves,
  count(*) filter (where e.action = 'visit' and e.to_state = 'handling')::int as reopens,
  (array_agg(e.data->>'satisfaction' order by e.at desc, e.id desc)
    filter (where e.action in ('visit', 'noAnswer')))[1] as last_visit,
  (array_agg(e.data->>'satisfaction' order by e.at desc, e.id desc)
    filter (where e.action = 'visit'))[1] as last_answer`;

/** Insert column list of `appeal_fact`, in the order of {@link factSelect}. */
export const FACT_COLUMNS = sql.raw(
  `appeal_id, created_at, region_code, category_id, channel, lead_unit_id, state, dispatch_due_at,
   sign_due_at, due_at, resolved_at, decided_at, resolve_count, reopen_count, last_visit, last_answer`,
);

/** Facts of the cases `a` (appeal) joined to their event aggregates `ev`. */
const factSelect = sql`a.id, a.created_at, a.region_code, a.category_id, a.channel, a.lead_unit_id, a.state,
  a.dispatch_due_at, a.sign_due_at, a.due_at, a.resolved_at, ev.decided_at, coalesce(ev.resolves, 0),
  coalesce(ev.reopens, 0), ev.last_visit, ev.last_answer`;

const UPSERT_SET = sql.raw(`on conflict (appeal_id) do update set
  lead_unit_id = excluded.lead_unit_id, state = excluded.state, dispatch_due_at = excluded.dispatch_due_at,
  sign_due_at = excluded.sign_due_at, due_at = excluded.due_at, resolved_at = excluded.resolved_at,
  decided_at = excluded.decided_at, resolve_count = excluded.resolve_count,
  reopen_count = excluded.reopen_count, last_visit = excluded.last_visit, last_answer = excluded.last_answer`);

/**
 * Writes the facts of one case from its row and its own timeline (an index range of a few rows)
 * and marks its cube cell dirty: one statement, inside the caller's transaction.
 */
export async function refreshCaseFacts(tx: Db, appealId: string): Promise<void> {
  await tx.execute(sql`with f as (
      insert into appeal_fact (${FACT_COLUMNS})
      select ${factSelect}
        from appeal a
        left join lateral (
          select ${EVENT_AGGREGATES} from appeal_event e
           where e.appeal_id = a.id and e.action in ${FACT_ACTIONS}
        ) ev on true
       where a.id = ${appealId}
      ${UPSERT_SET}
      returning created_at, region_code
    )
    insert into appeal_metric_cube_dirty (county, day)
    select left(f.region_code, 6), ${localDaySql(sql`f.created_at`)} from f`);
}

/**
 * The facts of a case just filed, from its row: nothing decided, resolved, reopened or visited yet,
 * the values {@link refreshCaseFacts} computes for a case whose only event is its submit, without
 * reading the case and its timeline back. Two statements not yet run (the facts, the cube's dirty
 * mark of the case's cell), for the filing's single statement (`runTogether`).
 */
export function filedCaseFactsStatements(c: {
  id: string;
  createdAt: Date;
  regionCode: string;
  categoryId: string;
  channel: string;
  leadUnitId: string | null;
  state: string;
  dispatchDueAt: Date | null;
  signDueAt: Date | null;
  dueAt: Date | null;
  resolvedAt: Date | null;
}): SQL[] {
  const ts = (d: Date | null) => (d ? d.toISOString() : null);
  return [
    sql`insert into appeal_fact (${FACT_COLUMNS})
      values (${c.id}, ${ts(c.createdAt)}::timestamptz, ${c.regionCode}, ${c.categoryId}, ${c.channel},
        ${c.leadUnitId}::uuid, ${c.state}, ${ts(c.dispatchDueAt)}::timestamptz, ${ts(c.signDueAt)}::timestamptz,
        ${ts(c.dueAt)}::timestamptz, ${ts(c.resolvedAt)}::timestamptz, null, 0, 0, null, null)`,
    sql`insert into appeal_metric_cube_dirty (county, day)
      values (left(${c.regionCode}, 6), ${localDaySql(sql`${ts(c.createdAt)}::timestamptz`)})`,
  ];
}

/**
 * Bulk form for many cases (generator, backfill): facts of the cases whose ids `ids` selects,
 * with one hash-joined aggregate of their events. Marks their cells dirty.
 */
export async function refreshFactsOf(tx: Db, ids: SQL): Promise<number> {
  const out = await tx.execute(sql`with ev as (
      select e.appeal_id, ${EVENT_AGGREGATES}
        from appeal_event e
       where e.appeal_id in (${ids}) and e.action in ${FACT_ACTIONS}
       group by e.appeal_id
    ), f as (
      insert into appeal_fact (${FACT_COLUMNS})
      select ${factSelect}
        from appeal a left join ev on ev.appeal_id = a.id
       where a.id in (${ids})
      ${UPSERT_SET}
      returning created_at, region_code
    )
    insert into appeal_metric_cube_dirty (county, day)
    select distinct left(f.region_code, 6), ${localDaySql(sql`f.created_at`)} from f`);
  return Number((out as unknown as { rowCount?: number; affectedRows?: number }).rowCount ?? 0);
}
