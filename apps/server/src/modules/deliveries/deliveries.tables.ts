import { BENEFICIARY_CATEGORIES, BENEFICIARY_STATUSES, DELIVERY_STATUSES } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation } from '../orgs/orgs.tables.ts';
import { station } from '../stations/stations.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A resident the community delivers meals to (CAN-05, ACT-10): limited mobility 行动不便, in
 * difficulty 困难居民 (free meals), elderly Party members. The phone is personal data: encrypted,
 * with its masked form for lists; the full number only through the audited reveal.
 */
export const beneficiary = pgTable(
  'beneficiary',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    /**
     * HMAC blind index of the phone, so a resident's self-service sign-in finds their record
     * without decrypting the register. Null only on rows from before it existed, until the
     * module's start-up backfill fills them.
     */
    phoneIndex: text('phone_index'),
    address: text('address').notNull(),
    /** The street or building group: all a rider sees before claiming. */
    street: text('street'),
    /** WGS-84. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    communityOrgId: uuid('community_org_id')
      .notNull()
      .references(() => organisation.id),
    category: text('category', { enum: BENEFICIARY_CATEGORIES }).notNull(),
    needs: text('needs'),
    dietNotes: text('diet_notes'),
    freeMeals: boolean('free_meals').notNull().default(false),
    status: text('status', { enum: BENEFICIARY_STATUSES }).notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('beneficiary_community_idx').on(t.communityOrgId, t.status),
    index('beneficiary_phone_idx').on(t.phoneIndex),
  ],
);

/**
 * One meal carried from a canteen to a beneficiary's door. `starts_at`/`ends_at` are the window
 * as instants (Asia/Shanghai `date` + `window_start`/`window_end`), for the escalation job and
 * the late flag. `receipt_code` is the resident's 4 digits, shown to staff, never to riders.
 */
export const mealDelivery = pgTable(
  'meal_delivery',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiary.id),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    date: date('date', { mode: 'string' }).notNull(),
    windowStart: text('window_start').notNull(),
    windowEnd: text('window_end').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    dishes: text('dishes').notNull(),
    dietNotes: text('diet_notes'),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('requested'),
    receiptCode: text('receipt_code').notNull(),
    riderUserId: uuid('rider_user_id').references(() => appUser.id),
    /** Staff marked it delivered (they carried it, or vouched after the code locked). */
    handledBy: uuid('handled_by').references(() => appUser.id),
    codeAttempts: integer('code_attempts').notNull().default(0),
    claimedAt: ts('claimed_at'),
    pickedUpAt: ts('picked_up_at'),
    deliveredAt: ts('delivered_at'),
    confirmedAt: ts('confirmed_at'),
    confirmedBy: uuid('confirmed_by').references(() => appUser.id),
    /** The resident confirmed receipt in their self-service page (`confirmed_by` is then null). */
    confirmedByResident: boolean('confirmed_by_resident').notNull().default(false),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: uuid('cancelled_by').references(() => appUser.id),
    cancelReason: text('cancel_reason'),
    escalatedAt: ts('escalated_at'),
    /** Staff who filed it; null when the resident filed it themselves (`filed_by_resident`). */
    filedBy: uuid('filed_by').references(() => appUser.id),
    filedByResident: boolean('filed_by_resident').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('meal_delivery_window_check', sql`${t.windowStart} < ${t.windowEnd}`),
    check('meal_delivery_code_check', sql`${t.receiptCode} ~ '^[0-9]{4}$'`),
    check('meal_delivery_attempts_check', sql`${t.codeAttempts} >= 0`),
    check('meal_delivery_filer_check', sql`${t.filedBy} is not null or ${t.filedByResident}`),
    index('meal_delivery_open_idx').on(t.status, t.startsAt),
    index('meal_delivery_beneficiary_idx').on(t.beneficiaryId, t.date),
    index('meal_delivery_rider_idx').on(t.riderUserId, t.status),
    index('meal_delivery_station_idx').on(t.stationId, t.date),
  ],
);

/** Workers who opted in to 铜河小哥 meal-delivery volunteering (the toggle in the worker app). */
export const deliveryVolunteer = pgTable('delivery_volunteer', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => appUser.id),
  optedIn: boolean('opted_in').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A resident's self-service session (docs/deliveries.md "Residents"): proven by an SMS code to
 * the phone on the register, it covers every active resident registered with that phone (an
 * elderly couple may share one). The cookie holds a random token; only its SHA-256 is stored.
 */
export const residentSession = pgTable(
  'resident_session',
  {
    id: text('id').primaryKey(),
    phoneIndex: text('phone_index').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('resident_session_phone_idx').on(t.phoneIndex)],
);
