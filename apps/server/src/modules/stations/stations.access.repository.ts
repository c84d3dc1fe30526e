import type { CompoundAccessStatus } from '@nuanxin/shared';
import { and, asc, desc, eq, gte, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { region } from '../orgs/orgs.tables.ts';
import { compoundAccess } from './stations.access.tables.ts';

/** Queries of compound-access notes 小区进门. The service builds the WHERE (scope, place). */

const reporter = alias(appUser, 'ca_reporter');
const reviewer = alias(appUser, 'ca_reviewer');

export type NoteRow = typeof compoundAccess.$inferSelect;
export type NewNoteRow = typeof compoundAccess.$inferInsert;

/** Inserts a report; null when the (reporter, Idempotency-Key) pair is already taken. */
export async function insertNote(tx: Db, values: NewNoteRow): Promise<NoteRow | null> {
  const [row] = await tx.insert(compoundAccess).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findByIdempotencyKey(db: Db, userId: string, key: string): Promise<string | null> {
  const [r] = await db
    .select({ id: compoundAccess.id })
    .from(compoundAccess)
    .where(and(eq(compoundAccess.reportedBy, userId), eq(compoundAccess.idempotencyKey, key)));
  return r?.id ?? null;
}

export async function countReportsSince(db: Db, userId: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(compoundAccess)
    .where(and(eq(compoundAccess.reportedBy, userId), gte(compoundAccess.createdAt, since)));
  return Number(r?.n ?? 0);
}

export async function getNoteForUpdate(tx: Db, id: string): Promise<NoteRow | null> {
  const [r] = await tx.select().from(compoundAccess).where(eq(compoundAccess.id, id)).for('update');
  return r ?? null;
}

export async function updateNote(tx: Db, id: string, patch: Partial<NewNoteRow>): Promise<NoteRow> {
  const [row] = await tx.update(compoundAccess).set(patch).where(eq(compoundAccess.id, id)).returning();
  return row!;
}

/** Pending (reported) first, the oldest of them first; then the others, latest decision first. */
const QUEUE_ORDER = [
  sql`(${compoundAccess.status} = 'reported') desc`,
  sql`case when ${compoundAccess.status} = 'reported' then ${compoundAccess.createdAt} end asc`,
  sql`coalesce(${compoundAccess.reviewedAt}, ${compoundAccess.createdAt}) desc`,
  desc(compoundAccess.id),
];
const NEWEST_FIRST = [desc(compoundAccess.createdAt), desc(compoundAccess.id)];

export async function listNotesNamed(
  db: Db,
  where: SQL | undefined,
  order: 'queue' | 'newest',
  limit: number,
  offset = 0,
) {
  return db
    .select({
      n: compoundAccess,
      regionName: region.name,
      reporterName: reporter.name,
      reviewerName: reviewer.name,
    })
    .from(compoundAccess)
    .leftJoin(region, eq(region.code, compoundAccess.regionCode))
    .leftJoin(reporter, eq(reporter.id, compoundAccess.reportedBy))
    .leftJoin(reviewer, eq(reviewer.id, compoundAccess.reviewedBy))
    .where(where)
    .orderBy(...(order === 'queue' ? QUEUE_ORDER : NEWEST_FIRST))
    .limit(limit)
    .offset(offset);
}
export type NoteNamedRow = Awaited<ReturnType<typeof listNotesNamed>>[number];

export async function countByStatus(
  db: Db,
  where: SQL | undefined,
): Promise<Record<CompoundAccessStatus, number>> {
  const rows = await db
    .select({ status: compoundAccess.status, n: sql<number>`count(*)::int` })
    .from(compoundAccess)
    .where(where)
    .groupBy(compoundAccess.status);
  const out: Record<CompoundAccessStatus, number> = { reported: 0, confirmed: 0, rejected: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export interface NearbyNoteRow {
  n: NoteRow;
  distance: number;
}

/** Notes matching `where` (which carries the radius condition), nearest first. */
export async function nearbyNotes(
  db: Db,
  where: SQL,
  distance: SQL<number>,
  limit: number,
): Promise<NearbyNoteRow[]> {
  const rows = await db
    .select({ n: compoundAccess, distance })
    .from(compoundAccess)
    .where(where)
    .orderBy(asc(distance), asc(compoundAccess.id))
    .limit(limit);
  return rows.map((r) => ({ n: r.n, distance: Number(r.distance) }));
}

/** Notes that are not rejected with one of these name keys: candidates for duplicates. */
export async function notesByNameKeys(db: Db, keys: readonly string[]): Promise<NoteRow[]> {
  if (keys.length === 0) return [];
  return db
    .select()
    .from(compoundAccess)
    .where(and(inArray(compoundAccess.nameKey, [...keys]), ne(compoundAccess.status, 'rejected')))
    .orderBy(asc(compoundAccess.createdAt));
}
