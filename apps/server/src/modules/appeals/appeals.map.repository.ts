import type { AppealState, AppealUrgency } from '@nuanxin/shared';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { gridCellSql } from '../../platform/geo/bbox.ts';
import { appeal, appealCategory } from './appeals.tables.ts';

/**
 * Queries of the case map (`GET /appeals/map`). The service builds the WHERE (scope, filters and
 * the box) and the overdue test; nothing here decides who sees what.
 */

export interface MapPointRow {
  id: string;
  caseNo: string;
  lat: number;
  lng: number;
  state: AppealState;
  urgency: AppealUrgency;
  categoryName: string;
  overdue: boolean;
}

export interface MapClusterRow {
  lat: number;
  lng: number;
  count: number;
  overdue: number;
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
}

/**
 * Up to `limit` cases matching `where`, in no particular order (no sort: the scan stops at
 * `limit`). The caller asks for one more than it will show to learn whether there are more.
 */
export async function mapPoints(db: Db, where: SQL, overdue: SQL, limit: number): Promise<MapPointRow[]> {
  const rows = await db
    .select({
      id: appeal.id,
      caseNo: appeal.caseNo,
      lat: sql<number>`${appeal.lat}`,
      lng: sql<number>`${appeal.lng}`,
      state: appeal.state,
      urgency: appeal.urgency,
      categoryName: appealCategory.name,
      overdue: sql<boolean>`coalesce(${overdue}, false)`,
    })
    .from(appeal)
    .innerJoin(appealCategory, eq(appealCategory.id, appeal.categoryId))
    .where(where)
    .limit(limit);
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lng: Number(r.lng), overdue: Boolean(r.overdue) }));
}

/**
 * Cases matching `where`, grouped into Web Mercator grid cells of `size` radians: per non-empty
 * cell the count, the overdue count, the mean position and the extent. One scan, one hash
 * aggregate; the number of groups is bounded by the grid (see `gridFor`).
 */
export async function mapClusters(db: Db, where: SQL, overdue: SQL, size: number): Promise<MapClusterRow[]> {
  const { gx, gy } = gridCellSql(appeal.lat, appeal.lng, size);
  const r = (await db.execute(sql`
    select avg(lat)::float8 as lat, avg(lng)::float8 as lng, count(*)::int as n,
           (count(*) filter (where ${overdue}))::int as overdue,
           min(lat)::float8 as min_lat, min(lng)::float8 as min_lng,
           max(lat)::float8 as max_lat, max(lng)::float8 as max_lng
      from appeal
     where ${where}
     group by ${gx}, ${gy}`)) as unknown as {
    rows: {
      lat: number;
      lng: number;
      n: number;
      overdue: number;
      min_lat: number;
      min_lng: number;
      max_lat: number;
      max_lng: number;
    }[];
  };
  return r.rows.map((x) => ({
    lat: Number(x.lat),
    lng: Number(x.lng),
    count: Number(x.n),
    overdue: Number(x.overdue),
    minLat: Number(x.min_lat),
    minLng: Number(x.min_lng),
    maxLat: Number(x.max_lat),
    maxLng: Number(x.max_lng),
  }));
}
