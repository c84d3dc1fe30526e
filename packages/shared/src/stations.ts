import { z } from 'zod';
import { pageOf, pageQuery } from './common.ts';
import { photoRefSchema } from './files.ts';
import {
  STATION_HOST_TYPES,
  STATION_KINDS,
  STATION_LIVE_STATUSES,
  STATION_RESOURCES,
  STATION_STATUSES,
} from './stations.labels.ts';

export * from './stations.labels.ts';

/**
 * Service positions 阵地 (docs/contract-stations.md): stations on the worker map, their services,
 * opening hours, live status and capacity, and the QR check-in. Coordinates on the wire are
 * WGS-84 unless a `crs` field says otherwise.
 */

/** Largest radius of a nearby search, in metres. */
export const STATION_NEARBY_MAX_RADIUS = 20_000;
export const STATION_NEARBY_DEFAULT_RADIUS = 3000;
export const STATION_NEARBY_MAX_LIMIT = 200;
/** Characters of the check-in token in the QR URL. */
export const STATION_QR_TOKEN_LENGTH = 16;

const regionCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'region_code')
  .describe('GB/T 2260 county code (6 digits) or statistical township code (9 digits)');

const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** `a` or `[a, b]` from a query string (`?service=a&service=b`) → always an array. */
function repeatable<T extends z.ZodType<string>>(item: T) {
  return z
    .union([item, z.array(item).max(20)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);
}

// ---------------------------------------------------------------------------------------------
// Opening hours

/** `HH:MM`, 00:00–23:59, Asia/Shanghai. */
export const stationTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time')
  .describe('HH:MM, 24-hour clock, Asia/Shanghai');

export const stationWeekdaySchema = z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday');

export const stationHoursSpanSchema = z.object({
  days: z.array(stationWeekdaySchema).min(1).max(7).describe('Days the span starts on'),
  open: stationTimeSchema,
  close: stationTimeSchema.describe('close ≤ open means past midnight (until the next day)'),
});
export type StationHoursSpan = z.infer<typeof stationHoursSpanSchema>;

export const stationHolidayRuleSchema = z
  .union([
    z.literal('as_usual'),
    z.literal('closed'),
    z.object({ open: stationTimeSchema, close: stationTimeSchema }),
  ])
  .describe('On a statutory holiday: the weekly hours, closed, or these hours');
export type StationHolidayRule = z.infer<typeof stationHolidayRuleSchema>;

/** Opening hours as the server stores and answers them (valid by construction). */
export const stationHoursSchema = z.object({
  alwaysOpen: z.boolean().describe('Open 24 hours, every day'),
  weekly: z.array(stationHoursSpanSchema).max(28),
  holidays: stationHolidayRuleSchema,
});
export type StationHours = z.infer<typeof stationHoursSchema>;

/**
 * Opening hours in a request: only the shape is checked here; the server validates times, days
 * and the non-empty weekly list and answers 400 `station.hours_invalid` with the faulty paths.
 */
export const stationHoursInput = z.object({
  alwaysOpen: z.boolean().default(false),
  weekly: z
    .array(
      z.object({
        days: z.array(z.number()).max(7),
        open: z.string().max(8),
        close: z.string().max(8),
      }),
    )
    .max(28)
    .default([]),
  holidays: z
    .union([
      z.literal('as_usual'),
      z.literal('closed'),
      z.object({ open: z.string().max(8), close: z.string().max(8) }),
    ])
    .default('as_usual'),
});
export type StationHoursInput = z.input<typeof stationHoursInput>;

// ---------------------------------------------------------------------------------------------
// Services, capacity

export const stationServiceCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'service_code')
  .describe('Service code from GET /station-service-types, e.g. rest, water, meal_heating');

export const stationServiceTypeSchema = z.object({
  code: z.string(),
  name: z.string().describe('Chinese name'),
  nameEn: z.string(),
  basic: z.boolean().describe('One of the five 基本服务 of the 5+N model'),
  sort: z.number().int(),
  enabled: z.boolean(),
});
export type StationServiceTypeDto = z.infer<typeof stationServiceTypeSchema>;
export const stationServiceTypesReply = z.object({ items: z.array(stationServiceTypeSchema) });

export const createStationServiceTypeBody = z.object({
  code: stationServiceCodeSchema,
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
  sort: z.number().int().min(0).max(10_000).default(500),
  enabled: z.boolean().default(true),
});
export type CreateStationServiceTypeInput = z.infer<typeof createStationServiceTypeBody>;
export const updateStationServiceTypeBody = z
  .object({
    name: z.string().trim().min(1).max(40),
    nameEn: z.string().trim().min(1).max(80),
    sort: z.number().int().min(0).max(10_000),
    enabled: z.boolean(),
  })
  .partial();
export type UpdateStationServiceTypeInput = z.infer<typeof updateStationServiceTypeBody>;
export const stationServiceTypeParams = z.object({ code: stationServiceCodeSchema });

export const stationServiceInput = z.object({
  code: stationServiceCodeSchema,
  hours: stationHoursInput.optional().describe('Own hours of this service, e.g. meal heating 11:00–14:00'),
  note: z.string().trim().min(1).max(200).optional(),
});
export type StationServiceInput = z.input<typeof stationServiceInput>;

export const stationServiceSchema = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  basic: z.boolean(),
  hours: stationHoursSchema.nullable().describe('null: the station hours apply'),
  hoursText: z.string().nullable(),
  note: z.string().nullable(),
});
export type StationServiceDto = z.infer<typeof stationServiceSchema>;

/** `available` of one resource; 0 ≤ available ≤ total. */
export const stationCapacitySchema = z.object({
  resource: z.enum(STATION_RESOURCES),
  total: z.number().int(),
  available: z.number().int(),
});
export type StationCapacityDto = z.infer<typeof stationCapacitySchema>;

export const stationCapacityDetailSchema = stationCapacitySchema.extend({
  updatedAt: z.string(),
});
export type StationCapacityDetailDto = z.infer<typeof stationCapacityDetailSchema>;

export const stationCapacityTotalInput = z.object({
  resource: z.enum(STATION_RESOURCES),
  total: z.number().int().min(0).max(10_000),
  available: z.number().int().min(0).max(10_000).optional().describe('Defaults to total'),
});

// ---------------------------------------------------------------------------------------------
// Public: nearby, GeoJSON, detail

export const stationsNearbyQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84').describe('wgs84 (GPS) or gcj02 (AMap/Tencent maps)'),
  radius: z.coerce
    .number()
    .int()
    .min(1)
    .max(STATION_NEARBY_MAX_RADIUS)
    .default(STATION_NEARBY_DEFAULT_RADIUS)
    .describe('Metres, at most 20000'),
  service: repeatable(stationServiceCodeSchema)
    .optional()
    .describe('Only stations offering every one of these services (repeatable)'),
  kind: z.enum(STATION_KINDS).optional(),
  openNow: queryBool.optional().describe('Only stations open now (hours, holiday rule, live status)'),
  limit: z.coerce.number().int().min(1).max(STATION_NEARBY_MAX_LIMIT).default(50),
});
export type StationsNearbyQuery = z.infer<typeof stationsNearbyQuery>;

export const stationCardSchema = z.object({
  id: z.uuid(),
  code: z.string().describe('ST-<county>-<4 digits>'),
  name: z.string(),
  kind: z.enum(STATION_KINDS),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  distanceMeters: z.number().int(),
  address: z.string(),
  openNow: z.boolean(),
  liveStatus: z.enum(STATION_LIVE_STATUSES),
  services: z.array(z.string()).describe('Service codes'),
  capacity: z.array(stationCapacitySchema),
});
export type StationCardDto = z.infer<typeof stationCardSchema>;
export const stationsNearbyReply = z.object({ items: z.array(stationCardSchema) });
export type StationsNearbyDto = z.infer<typeof stationsNearbyReply>;

export const stationFeaturePropertiesSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(STATION_KINDS),
  services: z.array(z.string()),
  openNow: z.boolean(),
  liveStatus: z.enum(STATION_LIVE_STATUSES),
  hoursText: z.string().describe('Chinese summary, e.g. 周一至周五 08:00–22:00'),
  capacity: z.array(stationCapacitySchema),
});
export type StationFeatureProperties = z.infer<typeof stationFeaturePropertiesSchema>;

export const stationFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.uuid(),
  geometry: z.object({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number(), z.number()]).describe('[lng, lat] WGS-84 (RFC 7946)'),
  }),
  properties: stationFeaturePropertiesSchema,
});
export const stationsGeoJsonReply = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(stationFeatureSchema),
});
export type StationsGeoJsonDto = z.infer<typeof stationsGeoJsonReply>;

export const stationIdParams = z.object({ id: z.uuid().describe('Station id') });

export const stationActionsSchema = z.object({
  update: z.boolean().describe('Edit the record, services and keepers'),
  setLive: z.boolean().describe('Set live status and capacity'),
  poster: z.boolean(),
  rotateQr: z.boolean(),
  visits: z.boolean().describe('See the visit figures'),
});
export type StationActionsDto = z.infer<typeof stationActionsSchema>;

export const stationKeeperSchema = z.object({ userId: z.uuid(), name: z.string() });
export type StationKeeperDto = z.infer<typeof stationKeeperSchema>;

export const stationDetailSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(STATION_KINDS),
  hostType: z.enum(STATION_HOST_TYPES),
  operatorOrgId: z.uuid(),
  operatorOrgName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  phone: z.string().nullable().describe('Public business phone of the station'),
  openToWorkers: z.boolean(),
  openToResidents: z.boolean(),
  hours: stationHoursSchema,
  hoursText: z.string(),
  openNow: z.boolean(),
  liveStatus: z.enum(STATION_LIVE_STATUSES),
  liveStatusAt: z.string().nullable(),
  status: z.enum(STATION_STATUSES),
  services: z.array(stationServiceSchema),
  capacity: z.array(stationCapacityDetailSchema),
  photos: z.array(photoRefSchema),
  version: z.number().int().describe('Send back with PATCH'),
  createdAt: z.string(),
  updatedAt: z.string(),
  actions: stationActionsSchema.optional().describe('Signed-in staff only'),
  keepers: z.array(stationKeeperSchema).optional().describe('Staff who may manage the station only'),
});
export type StationDetailDto = z.infer<typeof stationDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Console: list, create, update, live status, keepers, poster

export const stationsListQuery = pageQuery.extend({
  q: z.string().trim().min(1).max(64).optional().describe('Part of the name, code or address'),
  kind: z.enum(STATION_KINDS).optional(),
  regionCode: regionCode.optional().describe('This region or below'),
  status: z.enum(STATION_STATUSES).optional(),
  kept: queryBool.optional().describe('Only stations the actor keeps (keeper of the station)'),
});
export type StationsListQuery = z.infer<typeof stationsListQuery>;

export const stationSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(STATION_KINDS),
  hostType: z.enum(STATION_HOST_TYPES),
  regionCode: z.string(),
  regionName: z.string(),
  operatorOrgId: z.uuid(),
  operatorOrgName: z.string(),
  address: z.string(),
  status: z.enum(STATION_STATUSES),
  liveStatus: z.enum(STATION_LIVE_STATUSES),
  openNow: z.boolean(),
  services: z.array(z.string()),
  updatedAt: z.string(),
  version: z.number().int(),
  lat: z.number().describe('WGS-84'),
  lng: z.number().describe('WGS-84'),
  liveStatusAt: z.string().nullable().describe('When a keeper last set the live status'),
  capacity: z
    .array(stationCapacityDetailSchema)
    .describe('Resources with total, available and when available was last set (console capacity board)'),
  canSetLive: z.boolean().describe('The actor may set live status and capacity (keeper or manager)'),
});
export type StationSummaryDto = z.infer<typeof stationSummarySchema>;
export const stationsListReply = pageOf(stationSummarySchema);
export type StationsListDto = z.infer<typeof stationsListReply>;

const stationFields = {
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(2000).nullable(),
  kind: z.enum(STATION_KINDS),
  hostType: z.enum(STATION_HOST_TYPES),
  operatorOrgId: z.uuid().describe('Organisation that runs the station'),
  regionCode: regionCode.describe('Township (9 digits) or county where the station is'),
  address: z.string().trim().min(2).max(200),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84').describe('Coordinate system of lat/lng'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,20}$/, 'phone')
    .nullable()
    .describe('Public business phone, e.g. 0833-2123456'),
  openToWorkers: z.boolean(),
  openToResidents: z.boolean(),
  hours: stationHoursInput,
  status: z.enum(STATION_STATUSES),
};

export const createStationBody = z.object({
  ...stationFields,
  description: stationFields.description.optional(),
  phone: stationFields.phone.optional(),
  openToWorkers: stationFields.openToWorkers.default(true),
  openToResidents: stationFields.openToResidents.default(false),
  status: stationFields.status.default('active'),
  services: z
    .array(stationServiceInput)
    .max(60)
    .default([])
    .describe('A copper_heart station must include the five basic services'),
  capacity: z.array(stationCapacityTotalInput).max(STATION_RESOURCES.length).default([]),
  keeperIds: z.array(z.uuid()).max(20).default([]),
});
export type CreateStationInput = z.input<typeof createStationBody>;

export const updateStationBody = z.object({
  name: stationFields.name.optional(),
  description: stationFields.description.optional(),
  kind: stationFields.kind.optional(),
  hostType: stationFields.hostType.optional(),
  operatorOrgId: stationFields.operatorOrgId.optional(),
  regionCode: stationFields.regionCode.optional(),
  address: stationFields.address.optional(),
  lat: stationFields.lat.optional().describe('With lng; both or neither'),
  lng: stationFields.lng.optional(),
  crs: stationFields.crs,
  phone: stationFields.phone.optional(),
  openToWorkers: stationFields.openToWorkers.optional(),
  openToResidents: stationFields.openToResidents.optional(),
  hours: stationFields.hours.optional(),
  status: stationFields.status.optional(),
  capacity: z
    .array(stationCapacityTotalInput)
    .max(STATION_RESOURCES.length)
    .optional()
    .describe('Replaces the resources and their totals; available is kept (capped at the total)'),
  version: z.number().int().min(1).describe('The version read; 409 station.conflict when it moved on'),
});
export type UpdateStationInput = z.input<typeof updateStationBody>;

export const setStationServicesBody = z.object({
  services: z
    .array(stationServiceInput)
    .max(60)
    .describe('The full list; a copper_heart station must keep the five basic services'),
});
export type SetStationServicesInput = z.input<typeof setStationServicesBody>;

/** A station shows at most this many photos (the worker page's strip, the console card). */
export const STATION_PHOTOS_MAX = 9;

export const setStationPhotosBody = z.object({
  photoIds: z
    .array(z.uuid())
    .max(STATION_PHOTOS_MAX)
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate photo')
    .describe(
      'The full list in display order: photos already on the station, or your own uploads from POST /api/v1/files/photos',
    ),
});
export type SetStationPhotosInput = z.infer<typeof setStationPhotosBody>;

export const setStationLiveBody = z
  .object({
    liveStatus: z.enum(STATION_LIVE_STATUSES).optional(),
    capacity: z
      .array(
        z.object({
          resource: z.enum(STATION_RESOURCES),
          available: z.number().int().min(0).max(10_000).describe('0 ≤ available ≤ total'),
        }),
      )
      .max(STATION_RESOURCES.length)
      .optional(),
  })
  .refine((b) => b.liveStatus !== undefined || (b.capacity?.length ?? 0) > 0, {
    message: 'liveStatus or capacity',
  });
export type SetStationLiveInput = z.infer<typeof setStationLiveBody>;

export const setStationKeepersBody = z.object({
  userIds: z.array(z.uuid()).max(20).describe('The full list of keepers'),
});
export type SetStationKeepersInput = z.infer<typeof setStationKeepersBody>;

export const stationPosterReply = z.object({
  checkinUrl: z.string().describe('Encode this in the QR: <public URL>/m/checkin/<code>?t=<token>'),
  wishUrl: z.string().nullable().describe('The wish box of the station, when it has one'),
  station: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(STATION_KINDS),
    address: z.string(),
    phone: z.string().nullable(),
    hoursText: z.string(),
    operatorOrgName: z.string(),
  }),
  services: z.array(z.object({ code: z.string(), name: z.string(), basic: z.boolean() })),
});
export type StationPosterDto = z.infer<typeof stationPosterReply>;

// ---------------------------------------------------------------------------------------------
// Check-in and visits

export const stationCheckinBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^ST-\d{6}-\d{4,}$/, 'station_code')
    .describe('Station code from the QR URL'),
  t: z.string().trim().min(1).max(64).describe('Token from the QR URL'),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  crs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
});
export type StationCheckinInput = z.input<typeof stationCheckinBody>;

export const stationVisitSchema = z.object({
  id: z.uuid(),
  stationId: z.uuid(),
  stationCode: z.string(),
  stationName: z.string(),
  stationKind: z.enum(STATION_KINDS),
  hour: z.string().describe('The hour the visit counts for (Asia/Shanghai, ISO instant)'),
  at: z.string().describe('When the worker checked in first in that hour'),
});
export type StationVisitDto = z.infer<typeof stationVisitSchema>;

export const stationCheckinReply = z.object({
  created: z.boolean().describe('false: already checked in at this station this hour (HTTP 200)'),
  visit: stationVisitSchema,
});
export type StationCheckinDto = z.infer<typeof stationCheckinReply>;

export const myStationVisitsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const myStationVisitsReply = z.object({ items: z.array(stationVisitSchema) });
export type MyStationVisitsDto = z.infer<typeof myStationVisitsReply>;

export const stationVisitsSummaryQuery = z.object({
  granularity: z.enum(['day', 'month']).default('day'),
  from: z.iso.date().optional().describe('First day (Asia/Shanghai); default 30 days (day) or 12 months ago'),
  to: z.iso.date().optional().describe('Last day, inclusive; default today'),
});
export type StationVisitsSummaryQuery = z.infer<typeof stationVisitsSummaryQuery>;

export const stationVisitsSummaryReply = z.object({
  stationId: z.uuid(),
  granularity: z.enum(['day', 'month']),
  from: z.string(),
  to: z.string(),
  visits: z.number().int().describe('Check-ins in the period'),
  workers: z.number().int().describe('Distinct workers in the period (惠及人数)'),
  rows: z.array(
    z.object({
      period: z.string().describe('YYYY-MM-DD or YYYY-MM'),
      visits: z.number().int(),
      workers: z.number().int(),
    }),
  ),
});
export type StationVisitsSummaryDto = z.infer<typeof stationVisitsSummaryReply>;

// ---------------------------------------------------------------------------------------------
// Console: who may be named keeper

export const stationKeeperCandidatesQuery = z.object({
  q: z.string().trim().min(1).max(64).optional().describe('Part of the name or user name'),
});
export type StationKeeperCandidatesQuery = z.infer<typeof stationKeeperCandidatesQuery>;

export const stationKeeperCandidateSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.enum(['station_keeper', 'community_staff']),
  scopeName: z.string().nullable().describe('Organisation or region of the grant'),
});
export type StationKeeperCandidateDto = z.infer<typeof stationKeeperCandidateSchema>;
export const stationKeeperCandidatesReply = z.object({ items: z.array(stationKeeperCandidateSchema) });
export type StationKeeperCandidatesDto = z.infer<typeof stationKeeperCandidatesReply>;
