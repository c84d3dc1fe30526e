import { PARKING_ZONE_STATUSES } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { region } from '../orgs/orgs.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 专属停放区 (POS-11): an e-bike parking zone for riders near a 商圈, set up by the district or the
 * community. Public on the map while `planned` or `in_place`. `appeal_id` names the
 * parking-difficulty case (停车难) it answers; it is an id of the appeals module, read through that
 * module's facade, so it carries no foreign key.
 */
export const parkingZone = pgTable(
  'parking_zone',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    /** WGS-84. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address'),
    /** The 商圈 or shop it serves. */
    near: text('near'),
    /** E-bikes it holds. */
    capacity: integer('capacity').notNull().default(0),
    status: text('status', { enum: PARKING_ZONE_STATUSES }).notNull().default('planned'),
    appealId: uuid('appeal_id'),
    appealCaseNo: text('appeal_case_no'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('parking_zone_capacity_check', sql`${t.capacity} >= 0`),
    // Radius search (platform/geo nearbyCondition) and box search (bboxCondition).
    index('parking_zone_geo_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
    index('parking_zone_lat_lng_idx').on(t.lat, t.lng),
    index('parking_zone_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('parking_zone_appeal_idx').on(t.appealId),
  ],
);
