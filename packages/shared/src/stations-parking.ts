import { z } from 'zod';
import { pageQuery } from './common.ts';
import {
  COMPOUND_ACCESS_STATUSES,
  COMPOUND_ENTRIES,
  COMPOUND_NOTE_MAX,
  COMPOUND_REVIEW_DECISIONS,
  PARKING_ZONE_STATUSES,
} from './stations-parking-labels.ts';

/**
 * Request and reply schemas of e-bike parking zones 专属停放区 (POS-11) and compound-access notes
 * 小区进门 (docs/contract-stations.md). Coordinates on the wire are WGS-84 unless `crs` says
 * otherwise on input; replies are always WGS-84.
 */

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'region_code')
  .describe('GB/T 2260 county code (6 digits) or statistical township code (9 digits)');

const crs = z.enum(['wgs84', 'gcj02']).default('wgs84').describe('wgs84 (GPS) or gcj02 (AMap/Tencent maps)');

export const stationPointInput = z.object({
  lat: z.number().min(-90).max(90).describe('Latitude in degrees'),
  lng: z.number().min(-180).max(180).describe('Longitude in degrees'),
  crs,
});
export type StationPointInput = z.infer<typeof stationPointInput>;

const address = z.string().trim().max(200).describe('Street address, up to 200 characters');
const idParams = z.object({ id: z.uuid() });
export const parkingZoneIdParams = idParams;
export const compoundAccessIdParams = idParams;

// ---------------------------------------------------------------------------------------------
// Parking zones 专属停放区

const zoneName = z.string().trim().min(2).max(60).describe('Name, e.g. 嘉瑞财富商圈外卖专属停放区');
const near = z.string().trim().max(60).describe('商圈 or shop it serves, e.g. 万达广场');
const capacity = z.number().int().min(0).max(10_000).describe('E-bikes it holds');
const appealCaseNo = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .describe('Case number (SQ-…) of the parking-difficulty appeal it answers; must exist and be visible');

export const createParkingZoneBody = z.object({
  name: zoneName,
  regionCode: regionCode.describe('County or township it lies in; must be in the actor’s regions'),
  location: stationPointInput,
  address: address.nullable().optional(),
  near: near.nullable().optional(),
  capacity,
  status: z.enum(PARKING_ZONE_STATUSES).default('planned'),
  appealCaseNo: appealCaseNo.nullable().optional(),
});
export type CreateParkingZoneInput = z.infer<typeof createParkingZoneBody>;

export const updateParkingZoneBody = z
  .object({
    version: z.number().int().min(1).describe('The version read; 409 parking_zone.conflict if it moved on'),
    name: zoneName.optional(),
    regionCode: regionCode.optional(),
    location: stationPointInput.optional(),
    address: address.nullable().optional(),
    near: near.nullable().optional(),
    capacity: capacity.optional(),
    status: z.enum(PARKING_ZONE_STATUSES).optional(),
    appealCaseNo: appealCaseNo.nullable().optional().describe('null removes the link'),
  })
  .refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: 'Nothing to change',
  });
export type UpdateParkingZoneInput = z.infer<typeof updateParkingZoneBody>;

export const parkingZonesQuery = z
  .object({
    bbox: z
      .string()
      .max(200)
      .optional()
      .describe('minLng,minLat,maxLng,maxLat in WGS-84 degrees (instead of lat/lng/radius)'),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    crs,
    radius: z.coerce.number().int().min(1).max(20_000).default(3000).describe('Metres, at most 20,000'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => (q.bbox !== undefined) !== (q.lat !== undefined && q.lng !== undefined), {
    message: 'Give either bbox, or lat and lng',
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'lat and lng go together' });
export type ParkingZonesQuery = z.infer<typeof parkingZonesQuery>;

export const parkingZoneCardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  address: z.string().nullable(),
  near: z.string().nullable(),
  capacity: z.number().int(),
  status: z.enum(PARKING_ZONE_STATUSES),
  distanceMeters: z.number().nullable().describe('From lat/lng when asked by point; null for a bbox'),
  updatedAt: z.string(),
});
export type ParkingZoneCardDto = z.infer<typeof parkingZoneCardSchema>;
export const parkingZonesReply = z.object({ items: z.array(parkingZoneCardSchema) });
export type ParkingZonesReply = z.infer<typeof parkingZonesReply>;

export const parkingZoneSchema = parkingZoneCardSchema.extend({
  regionName: z.string().nullable(),
  appealId: z.uuid().nullable(),
  appealCaseNo: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  updatedByName: z.string().nullable(),
  actions: z.object({ edit: z.boolean() }),
});
export type ParkingZoneDto = z.infer<typeof parkingZoneSchema>;

export const managedParkingZonesQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(60).optional().describe('Part of the name, address or 商圈'),
  status: z.enum(PARKING_ZONE_STATUSES).optional(),
  regionCode: regionCode.optional().describe('This region or below'),
});
export type ManagedParkingZonesQuery = z.infer<typeof managedParkingZonesQuery>;
export const managedParkingZonesReply = z.object({
  items: z.array(parkingZoneSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ManagedParkingZonesReply = z.infer<typeof managedParkingZonesReply>;

export const parkingZoneRegionsReply = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type ParkingZoneRegionsReply = z.infer<typeof parkingZoneRegionsReply>;

// ---------------------------------------------------------------------------------------------
// Compound-access notes 小区进门

const compoundName = z.string().trim().min(2).max(60).describe('Compound name, e.g. 嘉州花园');
const compoundNote = z
  .string()
  .trim()
  .max(COMPOUND_NOTE_MAX)
  .describe('How to get in, e.g. 东门可进，电动车停南侧; never a gate code (400 compound_access.no_codes)');

export const reportCompoundAccessBody = z.object({
  compoundName,
  regionCode: regionCode.describe('County or township the compound lies in'),
  location: stationPointInput,
  address: address.nullable().optional(),
  entry: z.enum(COMPOUND_ENTRIES).describe('可进入 · 停门外 · 需门禁码 · 联系门岗 · 禁止进入'),
  note: compoundNote.nullable().optional(),
});
export type ReportCompoundAccessInput = z.infer<typeof reportCompoundAccessBody>;

export const reviewCompoundAccessBody = z.object({
  decision: z.enum(COMPOUND_REVIEW_DECISIONS),
  reason: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Required to reject (400 compound_access.reason_required); shown to the reporter'),
});
export type ReviewCompoundAccessInput = z.infer<typeof reviewCompoundAccessBody>;

export const compoundAccessNearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  crs,
  radius: z.coerce.number().int().min(1).max(10_000).default(2000).describe('Metres, at most 10,000'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CompoundAccessNearbyQuery = z.infer<typeof compoundAccessNearbyQuery>;

export const compoundAccessCardSchema = z.object({
  id: z.uuid(),
  compoundName: z.string(),
  regionCode: z.string(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  address: z.string().nullable(),
  entry: z.enum(COMPOUND_ENTRIES),
  note: z.string().nullable(),
  status: z.enum(COMPOUND_ACCESS_STATUSES).describe('confirmed, or reported for the actor’s own'),
  mine: z.boolean(),
  distanceMeters: z.number(),
  reviewedAt: z.string().nullable().describe('When community staff confirmed it'),
  createdAt: z.string(),
});
export type CompoundAccessCardDto = z.infer<typeof compoundAccessCardSchema>;
export const compoundAccessNearbyReply = z.object({ items: z.array(compoundAccessCardSchema) });
export type CompoundAccessNearbyReply = z.infer<typeof compoundAccessNearbyReply>;

export const compoundDuplicateSchema = z.object({
  id: z.uuid(),
  compoundName: z.string(),
  entry: z.enum(COMPOUND_ENTRIES),
  note: z.string().nullable(),
  status: z.enum(COMPOUND_ACCESS_STATUSES),
  distanceMeters: z.number(),
  createdAt: z.string(),
});

export const compoundAccessSchema = z.object({
  id: z.uuid(),
  compoundName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  address: z.string().nullable(),
  entry: z.enum(COMPOUND_ENTRIES),
  note: z.string().nullable(),
  status: z.enum(COMPOUND_ACCESS_STATUSES),
  mine: z.boolean(),
  reporterName: z.string().nullable().describe('For staff of the region and the reporter only'),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewReason: z.string().nullable(),
  duplicates: z
    .array(compoundDuplicateSchema)
    .describe('Other reports with the same name within 150 m (not rejected); staff queue only'),
  actions: z.object({ review: z.boolean() }),
});
export type CompoundAccessDto = z.infer<typeof compoundAccessSchema>;

export const compoundAccessQueueQuery = pageQuery.extend({
  status: z.enum(COMPOUND_ACCESS_STATUSES).optional().describe('Omit for all, pending (reported) first'),
  q: z.string().trim().min(1).max(60).optional().describe('Part of the compound name or address'),
  regionCode: regionCode.optional().describe('This region or below'),
});
export type CompoundAccessQueueQuery = z.infer<typeof compoundAccessQueueQuery>;
export const compoundAccessQueueReply = z.object({
  items: z.array(compoundAccessSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ reported: z.number().int(), confirmed: z.number().int(), rejected: z.number().int() }),
});
export type CompoundAccessQueueReply = z.infer<typeof compoundAccessQueueReply>;

export const myCompoundAccessReply = z.object({ items: z.array(compoundAccessSchema) });
export type MyCompoundAccessReply = z.infer<typeof myCompoundAccessReply>;
