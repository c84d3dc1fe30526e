import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { AppError } from '../http/errors.ts';
import type { LatLng } from './geo.ts';

/**
 * Bounding boxes and map grids, WGS-84 degrees. A map asks for what lies in its view as
 * `bbox=minLng,minLat,maxLng,maxLat` (west, south, east, north: the order of GeoJSON, OGC and
 * Leaflet's `toBBoxString()`), and at low zoom gets grid clusters: cells square on screen, in
 * Web Mercator, anchored at (0, 0) so that panning does not move them.
 */

export interface Bbox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Web Mercator stops at ±85.0511° (the square world of map tiles). */
export const MERCATOR_MAX_LAT = 85.051_128_78;

function invalid(raw: string, why: string): AppError {
  return new AppError(
    'geo.invalid_bbox',
    `bbox must be minLng,minLat,maxLng,maxLat in WGS-84 degrees (west,south,east,north): ${why}`,
    { bbox: raw.slice(0, 200) },
  );
}

/**
 * Parses `minLng,minLat,maxLng,maxLat`. Throws `geo.invalid_bbox` (400) for anything else: not
 * four numbers, a longitude outside ±180 or a latitude outside ±90, west ≥ east or south ≥ north
 * (often latitude and longitude swapped, or a box across the antimeridian, which no map of China
 * needs).
 */
export function parseBbox(raw: string): Bbox {
  const parts = raw.split(',');
  if (parts.length !== 4) throw invalid(raw, `expected 4 numbers, got ${parts.length}`);
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (!nums.every(Number.isFinite)) throw invalid(raw, 'not all numbers');
  const [minLng, minLat, maxLng, maxLat] = nums as [number, number, number, number];
  if (Math.abs(minLng) > 180 || Math.abs(maxLng) > 180) throw invalid(raw, 'longitude outside ±180');
  if (Math.abs(minLat) > 90 || Math.abs(maxLat) > 90) throw invalid(raw, 'latitude outside ±90');
  if (minLng >= maxLng) throw invalid(raw, 'minLng must be less than maxLng');
  if (minLat >= maxLat) throw invalid(raw, 'minLat must be less than maxLat');
  return { minLng, minLat, maxLng, maxLat };
}

/** x in Web Mercator radians (−π … π). */
export function mercatorX(lng: number): number {
  return (lng * Math.PI) / 180;
}

/** y in Web Mercator radians; latitudes beyond ±85.05° are clamped. */
export function mercatorY(lat: number): number {
  const phi = (Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI) / 180;
  return Math.log(Math.tan(Math.PI / 4 + phi / 2));
}

/** Inverse of {@link mercatorY}. */
export function latOfMercatorY(y: number): number {
  return ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;
}

export interface Grid {
  /** Cell edge in Web Mercator radians (the same across and down). */
  size: number;
  /** The cell edge in degrees of longitude, and of latitude at the centre of the box. */
  lngDeg: number;
  latDeg: number;
  /** Cells across × down the box (at most `maxCells`). */
  cells: number;
}

export interface GridOptions {
  /** Cell edge on screen; a 256-px tile holds (256 / cellPx)² cells. */
  cellPx?: number;
  /** Coarsen (double the cell) until the box holds at most this many cells. */
  maxCells?: number;
}

/**
 * The cluster grid for a box seen at `zoom`: cells of `cellPx` screen pixels (64 by default:
 * 1/16 of a tile), doubled while the box would hold more than `maxCells` (4,096) so a huge box at
 * a deep zoom cannot ask for millions of groups.
 */
export function gridFor(b: Bbox, zoom: number, opts: GridOptions = {}): Grid {
  const cellPx = opts.cellPx ?? 64;
  const maxCells = opts.maxCells ?? 4096;
  const world = 2 * Math.PI;
  let size = world / 2 ** zoom / (256 / cellPx);
  const w = mercatorX(b.maxLng) - mercatorX(b.minLng);
  const h = mercatorY(b.maxLat) - mercatorY(b.minLat);
  const count = (s: number) => (Math.floor(w / s) + 1) * (Math.floor(h / s) + 1);
  while (count(size) > maxCells && size < world) size *= 2;
  const midY = (mercatorY(b.minLat) + mercatorY(b.maxLat)) / 2;
  return {
    size,
    lngDeg: (size * 180) / Math.PI,
    latDeg: latOfMercatorY(midY + size / 2) - latOfMercatorY(midY - size / 2),
    cells: count(size),
  };
}

/** The cell (column, row) a point falls in; the same arithmetic as {@link gridCellSql}. */
export function cellOf(p: LatLng, size: number): { gx: number; gy: number } {
  return { gx: Math.floor(mercatorX(p.lng) / size), gy: Math.floor(mercatorY(p.lat) / size) };
}

type Column = SQLWrapper;

/** `floor(x / size)` and `floor(y / size)` of a row, Web Mercator, for `group by`. */
export function gridCellSql(
  latCol: Column,
  lngCol: Column,
  size: number,
): { gx: SQL<number>; gy: SQL<number> } {
  const s = sql`${size}::float8`;
  const lat = sql`least(greatest(${latCol}, ${-MERCATOR_MAX_LAT}::float8), ${MERCATOR_MAX_LAT}::float8)`;
  return {
    gx: sql<number>`floor(radians(${lngCol}) / ${s})::int`,
    gy: sql<number>`floor(ln(tan(pi() / 4 + radians(${lat}) / 2)) / ${s})::int`,
  };
}

/**
 * Rows whose (`latCol`, `lngCol`) lie in the box, edges included. A table searched by box has a
 * btree index on `(lat, lng)` (partial: `where lat is not null and lng is not null`):
 *
 * ```ts
 * index('appeal_lat_lng_idx').on(t.lat, t.lng).where(sql`lat is not null and lng is not null`)
 * ```
 *
 * Plain range conditions on the columns, not the `earth_box` test of geo.ts: the planner
 * estimates a latitude range from the column's statistics and picks this index for a street,
 * another index (state, region) or a sequential scan for a city; the selectivity of
 * `cube @>` is a fixed guess (0.1 %), so a city-wide box was read through the GiST index
 * entry by entry (docs/maps.md, "Performance").
 */
export function bboxCondition(latCol: Column, lngCol: Column, b: Bbox): SQL {
  return sql`(${latCol} is not null and ${lngCol} is not null
    and ${latCol} between ${b.minLat}::float8 and ${b.maxLat}::float8
    and ${lngCol} between ${b.minLng}::float8 and ${b.maxLng}::float8)`;
}
