import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';
import { forum, forumAppeal, wish, wishBatch, wishBox } from './wishes.tables.ts';

/** Queries of the wishes module. Lists take a WHERE built by the policy's SQL helpers. */

const submitter = alias(appUser, 'submitter');
const tracker = alias(appUser, 'tracker');

export type WishRow = typeof wish.$inferSelect;
export type BoxRow = typeof wishBox.$inferSelect;

export async function getWishForUpdate(tx: Db, id: string): Promise<WishRow | null> {
  const [r] = await tx.select().from(wish).where(eq(wish.id, id)).for('update');
  return r ?? null;
}

export async function getWish(db: Db, id: string): Promise<WishRow | null> {
  const [r] = await db.select().from(wish).where(eq(wish.id, id));
  return r ?? null;
}

export async function listWishesNamed(db: Db, where: SQL | undefined, limit = 500, offset = 0) {
  return db
    .select({
      w: wish,
      boxName: wishBox.name,
      regionName: region.name,
      submitterName: submitter.name,
      trackerName: tracker.name,
      weekStart: wishBatch.weekStart,
    })
    .from(wish)
    .leftJoin(wishBox, eq(wishBox.id, wish.boxId))
    .leftJoin(region, eq(region.code, wish.regionCode))
    .leftJoin(submitter, eq(submitter.id, wish.submitterUserId))
    .leftJoin(tracker, eq(tracker.id, wish.trackerUserId))
    .leftJoin(wishBatch, eq(wishBatch.id, wish.batchId))
    .where(where)
    .orderBy(desc(wish.createdAt))
    .limit(limit)
    .offset(offset);
}
export type WishNamedRow = Awaited<ReturnType<typeof listWishesNamed>>[number];

export async function countWishes(db: Db, where: SQL | undefined): Promise<Record<string, number>> {
  const rows = await db
    .select({ state: wish.state, n: sql<number>`count(*)::int` })
    .from(wish)
    .where(where)
    .groupBy(wish.state);
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

export async function listBoxes(db: Db, where: SQL | undefined) {
  return db
    .select({ b: wishBox, regionName: region.name, hostOrgName: organisation.name })
    .from(wishBox)
    .leftJoin(region, eq(region.code, wishBox.regionCode))
    .leftJoin(organisation, eq(organisation.id, wishBox.hostOrgId))
    .where(where)
    .orderBy(wishBox.regionCode, wishBox.name);
}

export async function getBox(db: Db, id: string): Promise<BoxRow | null> {
  const [r] = await db.select().from(wishBox).where(eq(wishBox.id, id));
  return r ?? null;
}

/**
 * Staff who may track a wish of `regionCode`: active users holding a wish-handling role whose
 * grant region (or grant organisation's region) covers it.
 */
export async function trackerCandidates(db: Db, regionCode: string) {
  const r = (await db.execute(sql`select distinct on (au.id) au.id as "userId", au.name, g.role
      from role_grant g
      join app_user au on au.id = g.user_id and au.status = 'active' and au.kind = 'staff'
      left join organisation o on o.id = g.org_id
     where g.role in ('community_staff', 'dispatcher', 'industry_committee_admin', 'district_admin')
       and coalesce(g.region_code, o.region_code) is not null
       and ${regionCode} like (case
             when length(coalesce(g.region_code, o.region_code)) = 9 then coalesce(g.region_code, o.region_code)
             when coalesce(g.region_code, o.region_code) like '%0000' then substr(coalesce(g.region_code, o.region_code), 1, 2)
             when coalesce(g.region_code, o.region_code) like '%00' then substr(coalesce(g.region_code, o.region_code), 1, 4)
             else coalesce(g.region_code, o.region_code) end) || '%'
     order by au.id, au.name`)) as unknown as { rows: { userId: string; name: string; role: string }[] };
  return r.rows.sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export async function listBatches(db: Db, where: SQL | undefined) {
  return db
    .select({ b: wishBatch, regionName: region.name })
    .from(wishBatch)
    .leftJoin(region, eq(region.code, wishBatch.regionCode))
    .where(where)
    .orderBy(desc(wishBatch.weekStart), wishBatch.regionCode)
    .limit(200);
}

/** Counties (6-digit codes) with wishes created in [from, to) and no batch for that week yet. */
export async function countiesToBatch(db: Db, from: Date, to: Date, weekStart: string, scope: SQL) {
  const r = (await db.execute(sql`select distinct substr(w.region_code, 1, 6) as county
      from wish w
     where w.created_at >= ${from.toISOString()} and w.created_at < ${to.toISOString()} and ${scope}
       and not exists (select 1 from wish_batch b
                        where b.region_code = substr(w.region_code, 1, 6) and b.week_start = ${weekStart})`)) as unknown as {
    rows: { county: string }[];
  };
  return r.rows.map((x) => x.county);
}

/** Wishes per area of each batch, now (`unclassified` for those not classified yet). */
export async function batchCounts(db: Db, batchIds: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (batchIds.length === 0) return out;
  const rows = await db
    .select({ b: wish.batchId, c: wish.categoryCode, n: sql<number>`count(*)::int` })
    .from(wish)
    .where(sql`${wish.batchId} in ${batchIds}`)
    .groupBy(wish.batchId, wish.categoryCode);
  for (const r of rows) {
    const m = out.get(r.b!) ?? {};
    m[r.c ?? 'unclassified'] = Number(r.n);
    out.set(r.b!, m);
  }
  return out;
}

export async function listForums(db: Db, where: SQL | undefined) {
  return db
    .select({ f: forum, regionName: region.name, hostOrgName: organisation.name })
    .from(forum)
    .leftJoin(region, eq(region.code, forum.regionCode))
    .leftJoin(organisation, eq(organisation.id, forum.hostOrgId))
    .where(where)
    .orderBy(desc(forum.heldOn), desc(forum.createdAt))
    .limit(200);
}

export async function forumAppeals(db: Db, forumIds: string[]) {
  if (forumIds.length === 0) return [];
  return db
    .select()
    .from(forumAppeal)
    .where(sql`${forumAppeal.forumId} in ${forumIds}`)
    .orderBy(forumAppeal.createdAt, forumAppeal.caseNo);
}

export { and, eq };
