import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import {
  appeal,
  appealAssignment,
  appealCaseSeq,
  appealCategory,
  appealDispatchRule,
  appealEvent,
  appealExtension,
  appealFollower,
  appealVisit,
} from './appeals.tables.ts';

/** Drizzle queries of the appeals module. No rules here: the service and the policy decide. */

export type AppealRow = typeof appeal.$inferSelect;
export type NewAppealRow = typeof appeal.$inferInsert;
export type AssignmentRow = typeof appealAssignment.$inferSelect;
export type EventRow = typeof appealEvent.$inferSelect;
export type ExtensionRow = typeof appealExtension.$inferSelect;
export type VisitRow = typeof appealVisit.$inferSelect;
export type CategoryRow = typeof appealCategory.$inferSelect;

/** The case row with the names a summary shows. */
export interface AppealListRow extends AppealRow {
  categoryName: string;
  regionName: string;
  leadUnitName: string | null;
}

const listColumns = {
  row: appeal,
  categoryName: appealCategory.name,
  regionName: region.name,
  leadUnitName: organisation.name,
};

function flatten(r: {
  row: AppealRow;
  categoryName: string;
  regionName: string;
  leadUnitName: string | null;
}): AppealListRow {
  return { ...r.row, categoryName: r.categoryName, regionName: r.regionName, leadUnitName: r.leadUnitName };
}

export async function getAppeal(db: Db, id: string): Promise<AppealRow | null> {
  const [row] = await db.select().from(appeal).where(eq(appeal.id, id)).limit(1);
  return row ?? null;
}

export async function getAppealNamed(db: Db, id: string): Promise<AppealListRow | null> {
  const [r] = await db
    .select(listColumns)
    .from(appeal)
    .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
    .innerJoin(region, eq(region.code, appeal.regionCode))
    .leftJoin(organisation, eq(organisation.id, appeal.leadUnitId))
    .where(eq(appeal.id, id))
    .limit(1);
  return r ? flatten(r) : null;
}

/** The case `userId` filed (as the worker, or as staff at intake) under `key`: the unique index's key. */
export async function findByIdempotencyKey(db: Db, userId: string, key: string): Promise<AppealRow | null> {
  const [row] = await db
    .select()
    .from(appeal)
    .where(and(eq(appeal.createdBy, userId), eq(appeal.idempotencyKey, key)))
    .limit(1);
  return row ?? null;
}

/** What a filing checks before writing, read in one round trip (with the case number). */
export interface FilingContext {
  /** The case this filer already filed under the idempotency key. */
  existingId: string | null;
  /** The region's name, when it exists. */
  regionName: string | null;
  category: {
    id: string;
    name: string;
    acceptsPublic: boolean;
    enabled: boolean;
    parentId: string | null;
    /** The parent's `enabled`; null without a parent row. */
    parentEnabled: boolean | null;
  } | null;
  /** The case number taken for the filing (see `number`), or null when none was taken. */
  seq: number | null;
}

/**
 * Reads what a filing checks and, when `number` is given and the read finds the filing valid (no
 * case under the key, the region exists, the category is open and, for a filer who is not staff,
 * public), takes the next case number of (region, local day) in the same statement. The statement
 * commits at once, so the counter row stays locked only for it (as {@link nextCaseSeq}). The
 * service still gives every verdict; the condition here only keeps replays and refused filings
 * from using up numbers. A filing that fails later leaves a gap.
 */
export async function filingContext(
  db: Db,
  userId: string,
  idempotencyKey: string | null,
  regionCode: string | null,
  categoryId: string,
  number: { day: string; staff: boolean } | null,
): Promise<FilingContext> {
  const res = (await db.execute(sql`with ctx as (
      select
        (select a.id from appeal a where a.created_by = ${userId} and a.idempotency_key = ${idempotencyKey}) as "existingId",
        (select r.name from region r where r.code = ${regionCode}) as "regionName",
        c.id as "categoryId", c.name as "categoryName", c.accepts_public as "acceptsPublic", c.enabled,
        c.parent_id as "parentId", p.enabled as "parentEnabled"
      from (select 1) one
      left join appeal_category c on c.id = ${categoryId}
      left join appeal_category p on p.id = c.parent_id
    ), seq as (
      insert into appeal_case_seq (region_code, day, last)
      select ${regionCode}, ${number?.day ?? null}::date, 1 from ctx
       where ${number !== null} and ctx."existingId" is null and ctx."regionName" is not null
         and ctx.enabled and (ctx."parentId" is null or ctx."parentEnabled")
         and (${number?.staff ?? false} or ctx."acceptsPublic")
      on conflict (region_code, day) do update set last = appeal_case_seq.last + 1
      returning last
    )
    select ctx.*, (select last from seq) as "seq" from ctx`)) as unknown as {
    rows: {
      existingId: string | null;
      regionName: string | null;
      categoryId: string | null;
      categoryName: string | null;
      acceptsPublic: boolean | null;
      enabled: boolean | null;
      parentId: string | null;
      parentEnabled: boolean | null;
      seq: number | null;
    }[];
  };
  const r = res.rows[0]!;
  return {
    existingId: r.existingId,
    regionName: r.regionName,
    category: r.categoryId
      ? {
          id: r.categoryId,
          name: r.categoryName ?? '',
          acceptsPublic: r.acceptsPublic === true,
          enabled: r.enabled === true,
          parentId: r.parentId,
          parentEnabled: r.parentEnabled,
        }
      : null,
    seq: r.seq === null ? null : Number(r.seq),
  };
}

/** The insert of a new case with every column given, not yet run (one-statement filing). */
export function insertAppealStatement(db: Db, row: AppealRow) {
  return db.insert(appeal).values(row);
}

/** The insert of a timeline row with every column given, not yet run (one-statement filing). */
export function insertEventStatement(db: Db, row: EventRow) {
  return db.insert(appealEvent).values(row);
}

/** Whether `err` is the unique violation of (created_by, idempotency_key): a replay won the race. */
export function isIdempotencyConflict(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 5; i++) {
    const x = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (x.code === '23505')
      return `${String(x.constraint ?? '')} ${String(x.message ?? '')}`.includes('appeal_idempotency_idx');
    e = x.cause;
  }
  return false;
}

/**
 * The optimistic lock: updates only when the version is still the one read, and bumps it.
 * Null means someone else changed the case in between (the caller answers 409 appeal.conflict).
 */
export async function updateVersioned(
  db: Db,
  id: string,
  version: number,
  patch: Partial<NewAppealRow>,
): Promise<AppealRow | null> {
  const [row] = await db
    .update(appeal)
    .set({ ...patch, version: sql`${appeal.version} + 1` })
    .where(and(eq(appeal.id, id), eq(appeal.version, version)))
    .returning();
  return row ?? null;
}

/** Next case number of a region on a local day; the upsert serialises concurrent callers. */
export async function nextCaseSeq(db: Db, regionCode: string, day: string): Promise<number> {
  const [row] = await db
    .insert(appealCaseSeq)
    .values({ regionCode, day, last: 1 })
    .onConflictDoUpdate({
      target: [appealCaseSeq.regionCode, appealCaseSeq.day],
      set: { last: sql`${appealCaseSeq.last} + 1` },
    })
    .returning({ last: appealCaseSeq.last });
  return row!.last;
}

export interface AssignmentWithUnit extends AssignmentRow {
  unitName: string;
  unitPath: string;
}

export async function listAssignments(db: Db, appealId: string): Promise<AssignmentWithUnit[]> {
  const rows = await db
    .select({ a: appealAssignment, unitName: organisation.name, unitPath: organisation.path })
    .from(appealAssignment)
    .innerJoin(organisation, eq(organisation.id, appealAssignment.unitId))
    .where(eq(appealAssignment.appealId, appealId))
    .orderBy(asc(appealAssignment.dispatchedAt), asc(appealAssignment.id));
  return rows.map((r) => ({ ...r.a, unitName: r.unitName, unitPath: r.unitPath }));
}

export async function insertAssignments(
  db: Db,
  rows: (typeof appealAssignment.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(appealAssignment).values(rows);
}

/** Ends every current assignment of the case (redispatch). */
export async function endAssignments(db: Db, appealId: string, at: Date): Promise<void> {
  await db
    .update(appealAssignment)
    .set({ endedAt: at })
    .where(and(eq(appealAssignment.appealId, appealId), isNull(appealAssignment.endedAt)));
}

export async function updateAssignment(
  db: Db,
  id: string,
  patch: Partial<typeof appealAssignment.$inferInsert>,
): Promise<void> {
  await db.update(appealAssignment).set(patch).where(eq(appealAssignment.id, id));
}

export async function insertEvent(db: Db, row: typeof appealEvent.$inferInsert): Promise<EventRow> {
  const [out] = await db.insert(appealEvent).values(row).returning();
  return out!;
}

export async function listEvents(db: Db, appealId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(appealEvent)
    .where(eq(appealEvent.appealId, appealId))
    .orderBy(asc(appealEvent.at), asc(appealEvent.id));
}

export async function listExtensions(db: Db, appealId: string): Promise<ExtensionRow[]> {
  return db
    .select()
    .from(appealExtension)
    .where(eq(appealExtension.appealId, appealId))
    .orderBy(asc(appealExtension.requestedAt));
}

export async function pendingExtension(db: Db, appealId: string): Promise<ExtensionRow | null> {
  const [row] = await db
    .select()
    .from(appealExtension)
    .where(and(eq(appealExtension.appealId, appealId), eq(appealExtension.status, 'pending')))
    .limit(1);
  return row ?? null;
}

export async function insertExtension(db: Db, row: typeof appealExtension.$inferInsert): Promise<void> {
  await db.insert(appealExtension).values(row);
}

export async function decideExtension(
  db: Db,
  id: string,
  patch: Partial<typeof appealExtension.$inferInsert>,
): Promise<void> {
  await db.update(appealExtension).set(patch).where(eq(appealExtension.id, id));
}

export async function insertVisit(db: Db, row: typeof appealVisit.$inferInsert): Promise<void> {
  await db.insert(appealVisit).values(row);
}

export async function listVisits(db: Db, appealId: string): Promise<VisitRow[]> {
  return db.select().from(appealVisit).where(eq(appealVisit.appealId, appealId)).orderBy(asc(appealVisit.at));
}

export async function isFollowing(db: Db, appealId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ u: appealFollower.userId })
    .from(appealFollower)
    .where(and(eq(appealFollower.appealId, appealId), eq(appealFollower.userId, userId)))
    .limit(1);
  return rows.length > 0;
}

/** Idempotent: true when the row was new. */
export async function addFollower(db: Db, appealId: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(appealFollower)
    .values({ appealId, userId })
    .onConflictDoNothing()
    .returning({ u: appealFollower.userId });
  return rows.length > 0;
}

// ---- categories and dispatch rules ----------------------------------------------------------

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(appealCategory).orderBy(asc(appealCategory.sort), asc(appealCategory.code));
}

export async function getCategory(db: Db, id: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(appealCategory).where(eq(appealCategory.id, id)).limit(1);
  return row ?? null;
}

export async function getCategoryByCode(db: Db, code: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(appealCategory).where(eq(appealCategory.code, code)).limit(1);
  return row ?? null;
}

export async function insertCategory(db: Db, row: typeof appealCategory.$inferInsert): Promise<CategoryRow> {
  const [out] = await db.insert(appealCategory).values(row).returning();
  return out!;
}

export async function upsertDispatchRule(db: Db, categoryId: string, regionCode: string, unitId: string) {
  await db
    .insert(appealDispatchRule)
    .values({ categoryId, regionCode, unitId })
    .onConflictDoUpdate({
      target: [appealDispatchRule.categoryId, appealDispatchRule.regionCode],
      set: { unitId },
    });
}

// ---- units ----------------------------------------------------------------------------------

export interface UnitRow {
  id: string;
  name: string;
  path: string;
  regionCode: string;
}

export async function getUnits(db: Db, ids: readonly string[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: organisation.id,
      name: organisation.name,
      path: organisation.path,
      regionCode: organisation.regionCode,
    })
    .from(organisation)
    .where(inArray(organisation.id, [...ids]));
}

/**
 * Users who handle cases for a unit: a handling role granted on the unit or one of its ancestors
 * (joined on core tables for the supervision notice).
 */
export async function handlersOfUnit(db: Db, unitId: string): Promise<string[]> {
  const r = (await db.execute(sql`select distinct g.user_id as "userId"
      from role_grant g
      join organisation o on o.id = g.org_id
      join organisation u on u.id = ${unitId}
      join app_user au on au.id = g.user_id and au.status = 'active'
     where g.role in ('department_handler', 'community_staff')
       and u.path like o.path || '%'`)) as unknown as { rows: { userId: string }[] };
  return r.rows.map((x) => x.userId);
}

// ---- lists --------------------------------------------------------------------------------

export async function listAppeals(
  db: Db,
  where: SQL,
  limit: number,
  offset: number,
): Promise<{ rows: AppealListRow[]; total: number }> {
  const base = db
    .select(listColumns)
    .from(appeal)
    .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
    .innerJoin(region, eq(region.code, appeal.regionCode))
    .leftJoin(organisation, eq(organisation.id, appeal.leadUnitId))
    .where(where)
    .orderBy(desc(appeal.createdAt), desc(appeal.id))
    .limit(limit)
    .offset(offset);
  const [rows, [count]] = await Promise.all([
    base,
    db.select({ n: sql<number>`count(*)::int` }).from(appeal).where(where),
  ]);
  return { rows: rows.map(flatten), total: count?.n ?? 0 };
}

/** Counts per named condition, in one scan. */
export async function countWhere(
  db: Db,
  scope: SQL,
  conds: Record<string, SQL>,
): Promise<Record<string, number>> {
  const keys = Object.keys(conds);
  const cols = sql.join(
    keys.map((k, i) => sql`count(*) filter (where ${conds[k]!})::int as ${sql.identifier(`c${i}`)}`),
    sql`, `,
  );
  const r = (await db.execute(sql`select ${cols} from appeal where ${scope}`)) as unknown as {
    rows: Record<string, number>[];
  };
  const row = r.rows[0] ?? {};
  return Object.fromEntries(keys.map((k, i) => [k, Number(row[`c${i}`] ?? 0)]));
}

export async function nearbyAppeals(
  db: Db,
  where: SQL,
  distance: SQL<number>,
  limit: number,
): Promise<(AppealListRow & { distanceMeters: number })[]> {
  const rows = await db
    .select({ ...listColumns, distanceMeters: distance })
    .from(appeal)
    .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
    .innerJoin(region, eq(region.code, appeal.regionCode))
    .leftJoin(organisation, eq(organisation.id, appeal.leadUnitId))
    .where(where)
    .orderBy(desc(appeal.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...flatten(r), distanceMeters: Number(r.distanceMeters) }));
}

/** Resolved cases whose visit window has passed (the no-answer rule). */
export async function resolvedBefore(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: appeal.id })
    .from(appeal)
    .where(and(eq(appeal.state, 'resolved'), sql`${appeal.resolvedAt} < ${before}`))
    .limit(limit);
  return rows.map((r) => r.id);
}
