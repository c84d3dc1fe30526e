import { and, asc, count, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import {
  grnClaimEvent,
  grnDelayClaim,
  grnNotice,
  grnPlatformAnswer,
  grnSeq,
  grnWeatherAlert,
} from './green-channel.tables.ts';

/** Drizzle queries of the green channel. No rule lives here: callers pass the visibility filter. */

export type ClaimRow = typeof grnDelayClaim.$inferSelect;
export type NewClaimRow = typeof grnDelayClaim.$inferInsert;
export type AlertRow = typeof grnWeatherAlert.$inferSelect;
export type NoticeRow = typeof grnNotice.$inferSelect;
export type AnswerRow = typeof grnPlatformAnswer.$inferSelect;
export type EventRow = typeof grnClaimEvent.$inferSelect;

export async function nextSeq(db: Db, key: string, day: string): Promise<number> {
  const [row] = await db
    .insert(grnSeq)
    .values({ key, day, last: 1 })
    .onConflictDoUpdate({ target: [grnSeq.key, grnSeq.day], set: { last: sql`${grnSeq.last} + 1` } })
    .returning({ last: grnSeq.last });
  return row!.last;
}

// ---- platforms and people ----------------------------------------------------------------

export async function listPlatforms(db: Db): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(eq(organisation.kind, 'platform_company'))
    .orderBy(asc(organisation.name));
}

export async function getPlatform(db: Db, id: string): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: organisation.id, name: organisation.name })
    .from(organisation)
    .where(and(eq(organisation.id, id), eq(organisation.kind, 'platform_company')));
  return row ?? null;
}

/** Active liaison users of a platform company. */
export async function liaisonsOf(db: Db, platformOrgId: string): Promise<string[]> {
  const r = (await db.execute(sql`select distinct g.user_id as "userId"
      from role_grant g
      join app_user u on u.id = g.user_id and u.status = 'active'
     where g.role = 'platform_liaison' and g.org_id = ${platformOrgId}`)) as unknown as {
    rows: { userId: string }[];
  };
  return r.rows.map((x) => x.userId);
}

// ---- claims --------------------------------------------------------------------------------

export async function insertClaim(db: Db, row: NewClaimRow): Promise<ClaimRow> {
  const [r] = await db.insert(grnDelayClaim).values(row).returning();
  return r!;
}

export async function getClaim(db: Db, id: string): Promise<ClaimRow | null> {
  const [r] = await db.select().from(grnDelayClaim).where(eq(grnDelayClaim.id, id));
  return r ?? null;
}

/** Optimistic update: null when the version moved on. */
export async function updateClaim(
  db: Db,
  id: string,
  version: number,
  patch: Partial<NewClaimRow>,
): Promise<ClaimRow | null> {
  const [r] = await db
    .update(grnDelayClaim)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(grnDelayClaim.id, id), eq(grnDelayClaim.version, version)))
    .returning();
  return r ?? null;
}

const claimListColumns = {
  claim: grnDelayClaim,
  platformName: organisation.name,
  regionName: region.name,
  outcome: grnPlatformAnswer.outcome,
};

export interface ClaimListRow extends ClaimRow {
  platformName: string;
  regionName: string;
  outcome: AnswerRow['outcome'] | null;
}

function flatten(r: {
  claim: ClaimRow;
  platformName: string;
  regionName: string;
  outcome: AnswerRow['outcome'] | null;
}): ClaimListRow {
  return { ...r.claim, platformName: r.platformName, regionName: r.regionName, outcome: r.outcome };
}

function claimListBase(db: Db) {
  return db
    .select(claimListColumns)
    .from(grnDelayClaim)
    .innerJoin(organisation, eq(organisation.id, grnDelayClaim.platformOrgId))
    .innerJoin(region, eq(region.code, grnDelayClaim.regionCode))
    .leftJoin(grnPlatformAnswer, eq(grnPlatformAnswer.claimId, grnDelayClaim.id));
}

export async function getClaimNamed(db: Db, id: string): Promise<ClaimListRow | null> {
  const [r] = await claimListBase(db).where(eq(grnDelayClaim.id, id));
  return r ? flatten(r) : null;
}

export async function listClaims(
  db: Db,
  where: SQL,
  limit: number,
  offset: number,
): Promise<{ rows: ClaimListRow[]; total: number }> {
  const rows = await claimListBase(db)
    .where(where)
    .orderBy(desc(grnDelayClaim.createdAt), desc(grnDelayClaim.id))
    .limit(limit)
    .offset(offset);
  const [t] = await db.select({ n: count() }).from(grnDelayClaim).where(where);
  return { rows: rows.map(flatten), total: t?.n ?? 0 };
}

export async function claimsByIds(db: Db, ids: string[]): Promise<ClaimRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(grnDelayClaim).where(inArray(grnDelayClaim.id, ids));
}

export async function claimsOfNotices(
  db: Db,
  noticeIds: string[],
): Promise<
  (ClaimRow & { outcome: AnswerRow['outcome'] | null; waivedFen: number | null; answeredAt: Date | null })[]
> {
  if (noticeIds.length === 0) return [];
  const rows = await db
    .select({
      claim: grnDelayClaim,
      outcome: grnPlatformAnswer.outcome,
      waivedFen: grnPlatformAnswer.waivedFen,
      answeredAt: grnPlatformAnswer.answeredAt,
    })
    .from(grnDelayClaim)
    .leftJoin(grnPlatformAnswer, eq(grnPlatformAnswer.claimId, grnDelayClaim.id))
    .where(inArray(grnDelayClaim.noticeId, noticeIds))
    .orderBy(asc(grnDelayClaim.caseNo));
  return rows.map((r) => ({
    ...r.claim,
    outcome: r.outcome,
    waivedFen: r.waivedFen,
    answeredAt: r.answeredAt,
  }));
}

// ---- timeline and answers -------------------------------------------------------------------

export async function insertEvent(db: Db, row: typeof grnClaimEvent.$inferInsert): Promise<void> {
  await db.insert(grnClaimEvent).values(row);
}

export async function listEvents(db: Db, claimId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(grnClaimEvent)
    .where(eq(grnClaimEvent.claimId, claimId))
    .orderBy(asc(grnClaimEvent.at), asc(grnClaimEvent.id));
}

export async function insertAnswer(db: Db, row: typeof grnPlatformAnswer.$inferInsert): Promise<AnswerRow> {
  const [r] = await db.insert(grnPlatformAnswer).values(row).returning();
  return r!;
}

export async function getAnswer(db: Db, claimId: string): Promise<AnswerRow | null> {
  const [r] = await db.select().from(grnPlatformAnswer).where(eq(grnPlatformAnswer.claimId, claimId));
  return r ?? null;
}

// ---- weather alerts -----------------------------------------------------------------------

export type AlertNamedRow = AlertRow & { regionName: string };

export async function insertAlert(db: Db, row: typeof grnWeatherAlert.$inferInsert): Promise<AlertRow> {
  const [r] = await db.insert(grnWeatherAlert).values(row).returning();
  return r!;
}

export async function getAlert(db: Db, id: string): Promise<AlertNamedRow | null> {
  const [r] = await db
    .select({ a: grnWeatherAlert, regionName: region.name })
    .from(grnWeatherAlert)
    .innerJoin(region, eq(region.code, grnWeatherAlert.regionCode))
    .where(eq(grnWeatherAlert.id, id));
  return r ? { ...r.a, regionName: r.regionName } : null;
}

export async function listAlerts(
  db: Db,
  where: SQL | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: AlertNamedRow[]; total: number }> {
  const rows = await db
    .select({ a: grnWeatherAlert, regionName: region.name })
    .from(grnWeatherAlert)
    .innerJoin(region, eq(region.code, grnWeatherAlert.regionCode))
    .where(where)
    .orderBy(desc(grnWeatherAlert.startsAt), desc(grnWeatherAlert.id))
    .limit(limit)
    .offset(offset);
  const [t] = await db.select({ n: count() }).from(grnWeatherAlert).where(where);
  return { rows: rows.map((r) => ({ ...r.a, regionName: r.regionName })), total: t?.n ?? 0 };
}

/** Alerts whose period overlaps [from, to] (any region; the caller matches regions). */
export async function alertsOverlapping(db: Db, from: Date, to: Date): Promise<AlertNamedRow[]> {
  return (
    await listAlerts(
      db,
      and(
        lte(grnWeatherAlert.startsAt, to),
        or(isNull(grnWeatherAlert.endsAt), gte(grnWeatherAlert.endsAt, from)),
      ),
      1000,
      0,
    )
  ).rows;
}

// ---- notices ------------------------------------------------------------------------------

export type NoticeNamedRow = NoticeRow & { platformName: string; regionName: string };

export async function insertNotice(db: Db, row: typeof grnNotice.$inferInsert): Promise<NoticeRow> {
  const [r] = await db.insert(grnNotice).values(row).returning();
  return r!;
}

function noticeBase(db: Db) {
  return db
    .select({ n: grnNotice, platformName: organisation.name, regionName: region.name })
    .from(grnNotice)
    .innerJoin(organisation, eq(organisation.id, grnNotice.platformOrgId))
    .innerJoin(region, eq(region.code, grnNotice.regionCode));
}

export async function getNoticeNamed(db: Db, id: string): Promise<NoticeNamedRow | null> {
  const [r] = await noticeBase(db).where(eq(grnNotice.id, id));
  return r ? { ...r.n, platformName: r.platformName, regionName: r.regionName } : null;
}

export async function listNotices(
  db: Db,
  where: SQL,
  limit: number,
  offset: number,
): Promise<{ rows: NoticeNamedRow[]; total: number }> {
  const rows = await noticeBase(db)
    .where(where)
    .orderBy(desc(grnNotice.sentAt), desc(grnNotice.id))
    .limit(limit)
    .offset(offset);
  const [t] = await db.select({ n: count() }).from(grnNotice).where(where);
  return {
    rows: rows.map((r) => ({ ...r.n, platformName: r.platformName, regionName: r.regionName })),
    total: t?.n ?? 0,
  };
}

// ---- metrics ------------------------------------------------------------------------------

export interface NoticeCountRow {
  platformOrgId: string;
  platformName: string;
  notices: number;
  districtNotices: number;
}

export async function noticeCounts(db: Db, where: SQL): Promise<NoticeCountRow[]> {
  return db
    .select({
      platformOrgId: grnNotice.platformOrgId,
      platformName: organisation.name,
      notices: sql<number>`count(*)::int`,
      districtNotices: sql<number>`(count(*) filter (where ${grnNotice.kind} = 'district'))::int`,
    })
    .from(grnNotice)
    .innerJoin(organisation, eq(organisation.id, grnNotice.platformOrgId))
    .where(where)
    .groupBy(grnNotice.platformOrgId, organisation.name);
}

export interface NoticedClaimRow {
  platformOrgId: string;
  sentAt: Date;
  outcome: AnswerRow['outcome'] | null;
  waivedFen: number | null;
  answeredAt: Date | null;
}

/** Every claim sent to a platform in a notice matching `where`, with its answer if any. */
export async function noticedClaims(db: Db, where: SQL): Promise<NoticedClaimRow[]> {
  return db
    .select({
      platformOrgId: grnNotice.platformOrgId,
      sentAt: grnNotice.sentAt,
      outcome: grnPlatformAnswer.outcome,
      waivedFen: grnPlatformAnswer.waivedFen,
      answeredAt: grnPlatformAnswer.answeredAt,
    })
    .from(grnDelayClaim)
    .innerJoin(grnNotice, eq(grnNotice.id, grnDelayClaim.noticeId))
    .leftJoin(grnPlatformAnswer, eq(grnPlatformAnswer.claimId, grnDelayClaim.id))
    .where(where);
}
