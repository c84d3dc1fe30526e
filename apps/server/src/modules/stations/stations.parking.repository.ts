import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { region } from '../orgs/orgs.tables.ts';
import { parkingZone } from './stations.parking.tables.ts';

/** Queries of parking zones 专属停放区. The service builds the WHERE (scope, filters, place). */

const creator = alias(appUser, 'pz_creator');
const updater = alias(appUser, 'pz_updater');

export type ZoneRow = typeof parkingZone.$inferSelect;
export type NewZoneRow = typeof parkingZone.$inferInsert;

export async function insertZone(tx: Db, values: NewZoneRow): Promise<ZoneRow> {
  const [row] = await tx.insert(parkingZone).values(values).returning();
  return row!;
}

export async function getZoneForUpdate(tx: Db, id: string): Promise<ZoneRow | null> {
  const [r] = await tx.select().from(parkingZone).where(eq(parkingZone.id, id)).for('update');
  return r ?? null;
}

export async function updateZone(tx: Db, id: string, patch: Partial<NewZoneRow>): Promise<ZoneRow> {
  const [row] = await tx.update(parkingZone).set(patch).where(eq(parkingZone.id, id)).returning();
  return row!;
}

/** Zones with the names a staff list shows; newest change first. */
export async function listZonesNamed(db: Db, where: SQL | undefined, limit: number, offset = 0) {
  return db
    .select({
      z: parkingZone,
      regionName: region.name,
      createdByName: creator.name,
      updatedByName: updater.name,
    })
    .from(parkingZone)
    .leftJoin(region, eq(region.code, parkingZone.regionCode))
    .leftJoin(creator, eq(creator.id, parkingZone.createdBy))
    .leftJoin(updater, eq(updater.id, parkingZone.updatedBy))
    .where(where)
    .orderBy(desc(parkingZone.updatedAt), desc(parkingZone.id))
    .limit(limit)
    .offset(offset);
}
export type ZoneNamedRow = Awaited<ReturnType<typeof listZonesNamed>>[number];

export async function countZones(db: Db, where: SQL | undefined): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(parkingZone).where(where);
  return Number(r?.n ?? 0);
}

export interface PublicZoneRow {
  id: string;
  name: string;
  regionCode: string;
  lat: number;
  lng: number;
  address: string | null;
  near: string | null;
  capacity: number;
  status: ZoneRow['status'];
  updatedAt: Date;
  distance: number | null;
}

/**
 * Public zones matching `where`, ordered by `distance` when given (a point search), else by name.
 * `where` carries the place condition (radius or box) so the geo indexes serve it.
 */
export async function publicZones(
  db: Db,
  where: SQL,
  distance: SQL<number> | null,
  limit: number,
): Promise<PublicZoneRow[]> {
  const rows = await db
    .select({
      id: parkingZone.id,
      name: parkingZone.name,
      regionCode: parkingZone.regionCode,
      lat: parkingZone.lat,
      lng: parkingZone.lng,
      address: parkingZone.address,
      near: parkingZone.near,
      capacity: parkingZone.capacity,
      status: parkingZone.status,
      updatedAt: parkingZone.updatedAt,
      distance: distance ?? sql<number | null>`null::float8`,
    })
    .from(parkingZone)
    .where(where)
    .orderBy(distance ? asc(distance) : asc(parkingZone.name), asc(parkingZone.id))
    .limit(limit);
  return rows.map((r) => ({
    ...r,
    lat: Number(r.lat),
    lng: Number(r.lng),
    distance: r.distance === null ? null : Number(r.distance),
  }));
}

/** Counties and townships matching `where` (a region-prefix condition on `region.code`). */
export async function placeRegions(db: Db, where: SQL): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: region.code, name: region.name })
    .from(region)
    .where(and(where, inArray(region.level, ['county', 'township'])))
    .orderBy(asc(region.code));
}
