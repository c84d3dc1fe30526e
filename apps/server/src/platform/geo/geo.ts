import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { customType } from 'drizzle-orm/pg-core';
import gcoordModule from 'gcoord';
import { AppError, validation } from '../http/errors.ts';

/**
 * Coordinates. Rule of the house: the database stores WGS-84 (≈ CGCS2000, what GPS and 天地图
 * use) in `double precision` columns `lat`, `lng`. Points are converted at the edges: input from
 * a client says which system it is in (`wx.getLocation` defaults to WGS-84; 高德/腾讯/WeChat
 * maps use GCJ-02; 百度 uses BD-09) and goes through {@link toWgs84}; output for a GCJ-02
 * basemap or a navigation deep link goes through {@link toGcj02}.
 *
 * Radius search uses PostgreSQL's cube + earthdistance (enabled by migration 0000 on both
 * engines). A table searched by radius must have a GiST index on its points as earthdistance
 * sees them, in its `*.tables.ts`: either on the expression,
 *
 * ```ts
 * (t) => [index('appeal_geo_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`)]
 * // query with nearbyCondition(earthOf(appeal.lat, appeal.lng), …)
 * ```
 *
 * or, where the search is hot, on a stored column computed from them (the station map: each
 * search then reads the point instead of computing `ll_to_earth` — three domain checks — for
 * every row it looks at, twice; half the walk's time with 10,000 stations):
 *
 * ```ts
 * geo: earth('geo').generatedAlwaysAs(sql`ll_to_earth(lat, lng)`).notNull(),
 * (t) => [index('station_geo_idx').using('gist', t.geo)]
 * // query with nearbyCondition(station.geo, …)
 * ```
 *
 * Query through {@link nearbyCondition} and {@link distanceExpr} with the same point, so the
 * planner matches the index. Columns must be `double precision` (a `numeric` column would need a
 * cast and would no longer match the index).
 */

export type Crs = 'wgs84' | 'gcj02' | 'bd09';

export interface LatLng {
  lat: number;
  lng: number;
}

export interface CrsPoint extends LatLng {
  crs: Crs;
}

// gcoord's type declarations describe an ES module with a default export, but Node loads its
// CommonJS build, whose module.exports is that object itself. Accept both shapes.
type Gcoord = typeof gcoordModule.default;
const gcoord: Gcoord =
  (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/**
 * A generous bounding box of China (mainland, Hainan, the South China Sea islands, Taiwan,
 * Hong Kong, Macao). "Plausibly in China", not a border test: a point in a neighbouring country
 * near the border passes; a swapped lat/lng, a 0,0 or a point abroad does not.
 */
export const CHINA_BBOX = { minLat: 3.5, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 } as const;

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

function assertLatLng(p: LatLng): void {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180)
    throw validation('Not a valid coordinate', { lat: p.lat, lng: p.lng });
}

/** Whether `p` is inside {@link CHINA_BBOX} (any of the three systems: they differ by < 1 km). */
export function isInChina(p: LatLng): boolean {
  return (
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    p.lat >= CHINA_BBOX.minLat &&
    p.lat <= CHINA_BBOX.maxLat &&
    p.lng >= CHINA_BBOX.minLng &&
    p.lng <= CHINA_BBOX.maxLng
  );
}

/**
 * Throws `common.validation` for a non-coordinate and `geo.outside_china` (400) for a point
 * outside China's bounding box (often swapped latitude and longitude).
 */
export function assertInChina(p: LatLng): void {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng))
    throw validation('Not a valid coordinate', { lat: p.lat, lng: p.lng });
  if (!isInChina(p)) {
    const swapped = isInChina({ lat: p.lng, lng: p.lat });
    throw new AppError(
      'geo.outside_china',
      swapped
        ? `Point lat=${p.lat}, lng=${p.lng} is outside China; latitude and longitude look swapped`
        : `Point lat=${p.lat}, lng=${p.lng} is outside China`,
      { lat: p.lat, lng: p.lng, bbox: CHINA_BBOX },
    );
  }
}

function convert(p: CrsPoint, to: Crs): LatLng {
  assertInChina(p);
  if (p.crs === to) return { lat: p.lat, lng: p.lng };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], GCOORD_CRS[p.crs], GCOORD_CRS[to]) as [number, number];
  return { lat, lng };
}

/** The WGS-84 form of a point given in any system (for storage). Validates it is in China. */
export function toWgs84(p: CrsPoint): LatLng {
  return convert(p, 'wgs84');
}

/** The GCJ-02 form (高德, 腾讯, WeChat `<map>` and `wx.openLocation`). Validates it is in China. */
export function toGcj02(p: CrsPoint): LatLng {
  return convert(p, 'gcj02');
}

/** The BD-09 form (百度 maps). Validates it is in China. */
export function toBd09(p: CrsPoint): LatLng {
  return convert(p, 'bd09');
}

/** Great-circle distance in metres (haversine, mean Earth radius). Same system for both points. */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A row's point as earthdistance sees it, the one its GiST index is on: {@link earthOf} its
 * columns, or a stored {@link earth} column computed from them.
 */
export type EarthPoint = SQLWrapper;

/** The point of the WGS-84 columns `latCol`, `lngCol` (`ll_to_earth`, what an expression index is on). */
export function earthOf(latCol: SQLWrapper, lngCol: SQLWrapper): SQL {
  return sql`ll_to_earth(${latCol}, ${lngCol})`;
}

/** earthdistance's `earth` (a 3-D cube point): a stored column of `ll_to_earth(lat, lng)`. */
export const earth = customType<{ data: string; driverData: string }>({
  dataType: () => 'earth',
});

function center(lat: number, lng: number): SQL {
  assertLatLng({ lat, lng });
  return sql`ll_to_earth(${lat}::float8, ${lng}::float8)`;
}

/**
 * Distance in metres (earthdistance, great circle) from the row's `point` to (`lat`, `lng`), as a
 * Drizzle `sql` expression: use in `select` or `orderBy`.
 */
export function distanceExpr(point: EarthPoint, lat: number, lng: number): SQL<number> {
  return sql<number>`earth_distance(${center(lat, lng)}, ${point})`;
}

/**
 * Rows whose `point` is within `radiusMeters` of (`lat`, `lng`), WGS-84. The `earth_box … @>`
 * part is served by the GiST index on the point (see the top of this file); the `earth_distance`
 * part removes the corners of the box.
 */
export function nearbyCondition(point: EarthPoint, lat: number, lng: number, radiusMeters: number): SQL {
  if (!Number.isFinite(radiusMeters) || radiusMeters < 0)
    throw validation('Radius must be a finite number of metres ≥ 0', { radiusMeters });
  const c = center(lat, lng);
  const r = sql`${radiusMeters}::float8`;
  return sql`(earth_box(${c}, ${r}) @> ${point} and earth_distance(${c}, ${point}) <= ${r})`;
}
