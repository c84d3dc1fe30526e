import type { OrgKind, RegionLevel } from '@nuanxin/shared';
import { and, asc, count, eq, ilike, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { organisation, region } from './orgs.tables.ts';

/** Drizzle queries for regions and organisations; no rules here. */

export type RegionRow = typeof region.$inferSelect;
export type OrgRow = typeof organisation.$inferSelect;

const regionColumns = {
  code: region.code,
  name: region.name,
  level: region.level,
  parentCode: region.parentCode,
};

export type RegionRecord = { code: string; name: string; level: RegionLevel; parentCode: string | null };

export async function getRegion(db: Db, code: string): Promise<RegionRecord | null> {
  const rows = await db.select(regionColumns).from(region).where(eq(region.code, code)).limit(1);
  return rows[0] ?? null;
}

export async function listRegionsByCodes(db: Db, codes: string[]): Promise<RegionRecord[]> {
  if (codes.length === 0) return [];
  return db.select(regionColumns).from(region).where(inArray(region.code, codes)).orderBy(asc(region.code));
}

export async function listChildRegions(db: Db, parentCode: string): Promise<RegionRecord[]> {
  return db
    .select(regionColumns)
    .from(region)
    .where(eq(region.parentCode, parentCode))
    .orderBy(asc(region.code));
}

export async function findRegionsByName(db: Db, name: string): Promise<RegionRecord[]> {
  return db.select(regionColumns).from(region).where(eq(region.name, name)).orderBy(asc(region.code));
}

export async function countRegions(db: Db): Promise<number> {
  const rows = await db.select({ n: count() }).from(region);
  return Number(rows[0]?.n ?? 0);
}

/** Inserts or refreshes regions; `rows` must list parents before children. */
export async function upsertRegions(db: Db, rows: RegionRecord[]): Promise<void> {
  for (const r of rows) {
    await db
      .insert(region)
      .values(r)
      .onConflictDoUpdate({
        target: region.code,
        set: { name: r.name, level: r.level, parentCode: r.parentCode },
      });
  }
}

export async function getOrgRow(db: Db, id: string): Promise<OrgRow | null> {
  const rows = await db.select().from(organisation).where(eq(organisation.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function getOrgRows(db: Db, ids: string[]): Promise<OrgRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(organisation).where(inArray(organisation.id, ids));
}

export interface OrgFilter {
  parentId?: string;
  q?: string;
  kind?: OrgKind;
  /** Prefix every region code of a matching organisation starts with. */
  regionPrefix?: string;
  /** Only this subtree (a path prefix). */
  pathPrefix?: string;
  limit?: number;
}

/** Escapes LIKE wildcards in user input. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listOrgRows(db: Db, f: OrgFilter): Promise<OrgRow[]> {
  const where: SQL[] = [];
  if (f.parentId) where.push(eq(organisation.parentId, f.parentId));
  if (f.kind) where.push(eq(organisation.kind, f.kind));
  if (f.regionPrefix) where.push(like(organisation.regionCode, `${likeEscape(f.regionPrefix)}%`));
  if (f.pathPrefix) where.push(like(organisation.path, `${likeEscape(f.pathPrefix)}%`));
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    const m = or(ilike(organisation.name, pattern), ilike(organisation.shortName, pattern));
    if (m) where.push(m);
  }
  return db
    .select()
    .from(organisation)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(organisation.path))
    .limit(f.limit ?? 1000);
}

/** Ids of the organisation at `path` and everything below it: one indexed prefix match. */
export async function subtreeIdsByPath(db: Db, path: string): Promise<string[]> {
  const rows = await db
    .select({ id: organisation.id })
    .from(organisation)
    .where(like(organisation.path, `${likeEscape(path)}%`))
    .orderBy(asc(organisation.path));
  return rows.map((r) => r.id);
}

export async function findChildByName(db: Db, parentId: string | null, name: string): Promise<OrgRow | null> {
  const rows = await db
    .select()
    .from(organisation)
    .where(
      and(
        parentId ? eq(organisation.parentId, parentId) : isNull(organisation.parentId),
        eq(organisation.name, name),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function findOrgsByName(db: Db, name: string): Promise<OrgRow[]> {
  return db
    .select()
    .from(organisation)
    .where(or(eq(organisation.name, name), eq(organisation.shortName, name)))
    .orderBy(asc(organisation.path))
    .limit(10);
}

export async function insertOrg(
  db: Db,
  row: {
    id: string;
    name: string;
    shortName: string | null;
    kind: OrgKind;
    parentId: string | null;
    regionCode: string;
    path: string;
    depth: number;
  },
): Promise<OrgRow> {
  const rows = await db.insert(organisation).values(row).returning();
  const r = rows[0];
  if (!r) throw new Error('insert returned no row');
  return r;
}

export async function countOrgs(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(organisation);
  return Number(rows[0]?.n ?? 0);
}
