import { z } from 'zod';
import { APPEAL_QUEUES, APPEAL_STATES, APPEAL_URGENCIES } from './appeals.ts';

/**
 * Maps (docs/maps.md): the basemap the web app draws, and the case map of the console.
 * Coordinates on the wire are WGS-84; a client drawing on a GCJ-02 basemap converts at display.
 */

export const MAP_TILE_CRS = ['gcj02', 'wgs84'] as const;
export type MapTileCrs = (typeof MAP_TILE_CRS)[number];

export const mapConfigReply = z.object({
  tileUrl: z.string().describe('Leaflet URL template: {s} subdomain, {x} {y} {z} tile'),
  subdomains: z.array(z.string()).describe('Values of {s}; empty when the template has none'),
  crs: z
    .enum(MAP_TILE_CRS)
    .describe('Coordinate system of the tiles: gcj02 (高德, 腾讯) or wgs84 (天地图, OSM)'),
  attribution: z.string().describe('Text the map must show for the tiles'),
  center: z.object({ lat: z.number(), lng: z.number() }).describe('Default centre, WGS-84'),
  zoom: z.number().int().describe('Default zoom'),
  maxZoom: z.number().int().describe('Deepest zoom the tiles have'),
});
export type MapConfigDto = z.infer<typeof mapConfigReply>;

/** Above this many matching cases the map answers grid clusters instead of points. */
export const APPEAL_MAP_MAX_POINTS = 2000;

/** `open`: the case is still being handled (受理 to 办理中); the other values are the workbench queues. */
export const APPEAL_MAP_QUEUES = ['open', ...APPEAL_QUEUES] as const;
export type AppealMapQueue = (typeof APPEAL_MAP_QUEUES)[number];

export const appealMapQuery = z.object({
  bbox: z
    .string()
    .max(200)
    .describe('minLng,minLat,maxLng,maxLat in WGS-84 degrees (west, south, east, north)'),
  zoom: z
    .string()
    .regex(/^\d{1,2}$/, 'zoom')
    .transform(Number)
    .pipe(z.number().int().min(0).max(22))
    .describe('Map zoom 0–22; sets the cluster cell size'),
  queue: z.enum(APPEAL_MAP_QUEUES).default('open').describe('open (default), or a workbench queue'),
  state: z.enum(APPEAL_STATES).optional(),
  categoryId: z.uuid().optional().describe('This category or its children'),
});
export type AppealMapQuery = z.infer<typeof appealMapQuery>;

export const appealMapPointSchema = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  state: z.enum(APPEAL_STATES),
  urgency: z.enum(APPEAL_URGENCIES),
  categoryName: z.string(),
  overdue: z.boolean(),
});
export type AppealMapPointDto = z.infer<typeof appealMapPointSchema>;

export const appealMapClusterSchema = z.object({
  lat: z.number().describe('Mean latitude of the cases in the cell (WGS-84)'),
  lng: z.number().describe('Mean longitude of the cases in the cell (WGS-84)'),
  count: z.number().int(),
  overdue: z.number().int().describe('How many of them are overdue'),
  bounds: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .describe('minLng,minLat,maxLng,maxLat of the cases in the cell'),
});
export type AppealMapClusterDto = z.infer<typeof appealMapClusterSchema>;

export const appealMapReply = z.object({
  mode: z.enum(['points', 'clusters']),
  total: z.number().int().describe('Cases matching the filter inside the box'),
  points: z.array(appealMapPointSchema).describe('mode=points: every matching case'),
  clusters: z.array(appealMapClusterSchema).describe('mode=clusters: one entry per non-empty grid cell'),
  cell: z
    .object({ lngDeg: z.number(), latDeg: z.number() })
    .nullable()
    .describe('mode=clusters: the grid cell size in degrees'),
});
export type AppealMapDto = z.infer<typeof appealMapReply>;
