import {
  STATION_HOST_TYPES,
  STATION_KINDS,
  STATION_LIVE_STATUSES,
  STATION_RESOURCES,
  STATION_STATUSES,
  type StationHours,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { earth } from '../../platform/geo/geo.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * `int4multirange` in its text form (`{[0,600),[1440,2040)}`), written and read as text. The
 * opening hours as minutes of the week make "open now" one `@>` in SQL (stations.hours.ts).
 */
const int4multirange = customType<{ data: string; driverData: string }>({
  dataType: () => 'int4multirange',
});

/** How the station opens on a statutory holiday (mirrors `hours.holidays`). */
export const STATION_HOLIDAY_MODES = ['as_usual', 'closed', 'hours'] as const;
export type StationHolidayMode = (typeof STATION_HOLIDAY_MODES)[number];

/** One service position 阵地 (docs/contract-stations.md). */
export const station = pgTable(
  'station',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    /** `ST-<county>-<4 digits>`, printed on the poster. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: STATION_KINDS }).notNull(),
    hostType: text('host_type', { enum: STATION_HOST_TYPES }).notNull(),
    operatorOrgId: uuid('operator_org_id')
      .notNull()
      .references(() => organisation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    address: text('address').notNull(),
    /** WGS-84. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /**
     * `ll_to_earth(lat, lng)`, stored: the nearby search's index and distances read it instead of
     * computing it for every row they look at (platform/geo).
     */
    geo: earth('geo').notNull().generatedAlwaysAs(sql`ll_to_earth(lat, lng)`),
    /** The station's public business phone (not personal data). */
    phone: text('phone'),
    openToWorkers: boolean('open_to_workers').notNull().default(true),
    openToResidents: boolean('open_to_residents').notNull().default(false),
    hours: jsonb('hours').$type<StationHours>().notNull(),
    /** Weekly hours as minutes of the week 0…10080 (Monday 00:00 = 0), derived from `hours`. */
    openWeek: int4multirange('open_week').notNull(),
    holidayMode: text('holiday_mode', { enum: STATION_HOLIDAY_MODES }).notNull().default('as_usual'),
    /** Minutes of the day 0…1440 open on a holiday when `holiday_mode` is `hours`. */
    holidayOpen: int4multirange('holiday_open').notNull().default(sql`'{}'::int4multirange`),
    liveStatus: text('live_status', { enum: STATION_LIVE_STATUSES }).notNull().default('open'),
    liveStatusAt: ts('live_status_at'),
    liveStatusBy: uuid('live_status_by'),
    status: text('status', { enum: STATION_STATUSES }).notNull().default('active'),
    /** Random; the QR carries an HMAC of the code under it. Rotating it voids printed posters. */
    qrSecret: text('qr_secret').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('station_code_idx').on(t.code),
    index('station_geo_idx').using('gist', t.geo),
    index('station_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('station_operator_idx').on(t.operatorOrgId),
    index('station_status_updated_idx').on(t.status, t.updatedAt),
  ],
);

/** Station-code counter per county. */
export const stationCodeSeq = pgTable('station_code_seq', {
  county: text('county').primaryKey(),
  last: integer('last').notNull(),
});

/** The service catalogue (POS-05, POS-12); `basic` marks the five 基本服务 of the 5+N model. */
export const stationServiceType = pgTable('station_service_type', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  basic: boolean('basic').notNull().default(false),
  sort: integer('sort').notNull().default(500),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A service a station offers, with its own hours where they differ (meal heating 11:00–14:00). */
export const stationService = pgTable(
  'station_service',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    serviceCode: text('service_code')
      .notNull()
      .references(() => stationServiceType.code),
    hours: jsonb('hours').$type<StationHours>(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.serviceCode] }),
    index('station_service_code_idx').on(t.serviceCode, t.stationId),
  ],
);

/** Seats, beds, bays, chargers: the total and what is free now (set by keepers). */
export const stationCapacity = pgTable(
  'station_capacity',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    resource: text('resource', { enum: STATION_RESOURCES }).notNull(),
    total: integer('total').notNull(),
    available: integer('available').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.resource] }),
    check('station_capacity_range', sql`${t.available} >= 0 and ${t.available} <= ${t.total}`),
    index('station_capacity_updated_idx').on(t.updatedAt),
  ],
);

/** Users who keep a station: they set its live status and capacity. */
export const stationKeeper = pgTable(
  'station_keeper',
  {
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.stationId, t.userId] }), index('station_keeper_user_idx').on(t.userId)],
);

/** A check-in: at most one per worker, station and hour (Asia/Shanghai). */
export const stationVisit = pgTable(
  'station_visit',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    workerUserId: uuid('worker_user_id')
      .notNull()
      .references(() => appUser.id),
    /** The check-in time truncated to the hour. */
    hour: ts('hour').notNull(),
    at: ts('at').notNull(),
    /** WGS-84, when the phone sent its position. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
  },
  (t) => [
    uniqueIndex('station_visit_once_per_hour_idx').on(t.stationId, t.workerUserId, t.hour),
    index('station_visit_worker_idx').on(t.workerUserId, t.at),
    index('station_visit_station_at_idx').on(t.stationId, t.at),
  ],
);
