import { HUB_BOOKING_STATUSES, HUB_ROOM_STATUSES } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * `daterange` in its text form (`[2026-11-29,2026-12-01)`): the nights of a stay, check-in date
 * included, check-out date excluded. The EXCLUDE constraints of migration `hub_no_double_booking`
 * refuse two live bookings of one bed or bay whose ranges overlap.
 */
const daterange = customType<{ data: string; driverData: string }>({
  dataType: () => 'daterange',
});

/**
 * Tables of the 暖心之家 hub (docs/hub.md). A station is another module's record: `station_id`
 * carries no foreign key (modules link to core tables only), the service checks it.
 */

export const hubRoom = pgTable(
  'hub_room',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    floor: integer('floor').notNull().default(1),
    /** Random secret of the room TV page (`/tv/rooms/:id?k=`). */
    tvKey: text('tv_key').notNull(),
    status: text('status', { enum: HUB_ROOM_STATUSES }).notNull().default('in_service'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hub_room_code_idx').on(t.stationId, t.code)],
);

export const hubBed = pgTable(
  'hub_bed',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    roomId: uuid('room_id')
      .notNull()
      .references(() => hubRoom.id),
    /** Denormalised from the room: availability is counted per station. */
    stationId: uuid('station_id').notNull(),
    code: text('code').notNull(),
    status: text('status', { enum: HUB_ROOM_STATUSES }).notNull().default('in_service'),
  },
  (t) => [uniqueIndex('hub_bed_code_idx').on(t.roomId, t.code), index('hub_bed_station_idx').on(t.stationId)],
);

export const hubCamera = pgTable(
  'hub_camera',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    area: text('area'),
    /** HLS / HTTP-FLV stream, http(s) only. */
    streamUrl: text('stream_url'),
    /** A still picture, http(s) only; shown through the server (`…/snapshot`). */
    snapshotUrl: text('snapshot_url'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hub_camera_code_idx').on(t.stationId, t.code),
    check('hub_camera_stream_http', sql`${t.streamUrl} is null or ${t.streamUrl} ~* '^https?://'`),
    check('hub_camera_snapshot_http', sql`${t.snapshotUrl} is null or ${t.snapshotUrl} ~* '^https?://'`),
  ],
);

export const hubTruckBay = pgTable(
  'hub_truck_bay',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    code: text('code').notNull(),
    lengthM: real('length_m'),
    cameraId: uuid('camera_id').references(() => hubCamera.id),
    status: text('status', { enum: HUB_ROOM_STATUSES }).notNull().default('in_service'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('hub_truck_bay_code_idx').on(t.stationId, t.code)],
);

/** One tariff per station; its row is also the lock every booking change of the station takes. */
export const hubTariff = pgTable(
  'hub_tariff',
  {
    stationId: uuid('station_id').primaryKey(),
    ownBeddingFen: integer('own_bedding_fen').notNull().default(100),
    withoutBeddingFen: integer('without_bedding_fen').notNull().default(3000),
    bayFen: integer('bay_fen').notNull().default(0),
    version: integer('version').notNull().default(1),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    check(
      'hub_tariff_non_negative',
      sql`${t.ownBeddingFen} >= 0 and ${t.withoutBeddingFen} >= 0 and ${t.bayFen} >= 0`,
    ),
  ],
);

export const hubBooking = pgTable(
  'hub_booking',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    guestUserId: uuid('guest_user_id')
      .notNull()
      .references(() => appUser.id),
    bedId: uuid('bed_id')
      .notNull()
      .references(() => hubBed.id),
    bayId: uuid('bay_id').references(() => hubTruckBay.id),
    /** `[first night, check-out date)`. */
    nights: daterange('nights').notNull(),
    ownBedding: boolean('own_bedding').notNull(),
    plate: text('plate'),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: HUB_BOOKING_STATUSES }).notNull().default('booked'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    checkedOutAt: ts('checked_out_at'),
    checkedOutBy: uuid('checked_out_by'),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: uuid('cancelled_by'),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hub_booking_idempotency_idx')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    index('hub_booking_station_idx').on(t.stationId, t.status),
    index('hub_booking_guest_idx').on(t.guestUserId, t.createdAt),
    check(
      'hub_booking_nights_valid',
      sql`not isempty(${t.nights}) and upper(${t.nights}) - lower(${t.nights}) <= 7`,
    ),
    check('hub_booking_amount_non_negative', sql`${t.amountFen} >= 0`),
  ],
);
