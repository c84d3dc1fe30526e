import {
  CHILDCARE_REGISTRATION_STATUSES,
  CHILDCARE_SESSION_STATUSES,
  PROXY_MATTERS,
  PROXY_STATUSES,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 政务代办 (CAN-03): a matter a station handles for a worker, or for a walk-in resident filed by a
 * keeper (name and phone; the phone encrypted, with its masked form). No ID numbers are stored.
 * `station_id` belongs to the stations module (no foreign key across modules).
 */
export const proxyRequest = pgTable(
  'proxy_request',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    /** The worker it is for; null for a resident. */
    requesterUserId: uuid('requester_user_id').references(() => appUser.id),
    residentName: text('resident_name'),
    residentPhoneEnc: text('resident_phone_enc'),
    residentPhoneMasked: text('resident_phone_masked'),
    matter: text('matter', { enum: PROXY_MATTERS }).notNull(),
    description: text('description').notNull(),
    documents: jsonb('documents').$type<string[]>().notNull().default([]),
    status: text('status', { enum: PROXY_STATUSES }).notNull().default('received'),
    handlerUserId: uuid('handler_user_id').references(() => appUser.id),
    rejectReason: text('reject_reason'),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check(
      'proxy_request_requester_check',
      sql`(${t.requesterUserId} is not null) <> (${t.residentName} is not null)`,
    ),
    uniqueIndex('proxy_request_idempotency_idx')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    index('proxy_request_station_status_idx').on(t.stationId, t.status, t.createdAt),
    index('proxy_request_requester_idx').on(t.requesterUserId, t.createdAt),
  ],
);

/** Every change of state of a proxy request: who, when, from and to (the first row: filed). */
export const proxyRequestEvent = pgTable(
  'proxy_request_event',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    requestId: uuid('request_id')
      .notNull()
      .references(() => proxyRequest.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status', { enum: PROXY_STATUSES }),
    toStatus: text('to_status', { enum: PROXY_STATUSES }).notNull(),
    actorUserId: uuid('actor_user_id')
      .notNull()
      .references(() => appUser.id),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('proxy_request_event_request_idx').on(t.requestId, t.at)],
);

/** 节假日托幼 (CAN-04): one session of holiday childcare at a station. */
export const childcareSession = pgTable(
  'childcare_session',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** HH:MM, Asia/Shanghai. */
    starts: text('starts').notNull(),
    ends: text('ends').notNull(),
    capacity: integer('capacity').notNull(),
    ageMin: integer('age_min').notNull(),
    ageMax: integer('age_max').notNull(),
    note: text('note'),
    status: text('status', { enum: CHILDCARE_SESSION_STATUSES }).notNull().default('open'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('childcare_session_capacity_check', sql`${t.capacity} > 0`),
    check('childcare_session_age_check', sql`${t.ageMin} >= 0 and ${t.ageMin} <= ${t.ageMax}`),
    check('childcare_session_time_check', sql`${t.starts} < ${t.ends}`),
    index('childcare_session_station_date_idx').on(t.stationId, t.date),
  ],
);

/** A child registered by a parent (a worker): given name and age only, a masked contact phone. */
export const childcareRegistration = pgTable(
  'childcare_registration',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => childcareSession.id),
    parentUserId: uuid('parent_user_id')
      .notNull()
      .references(() => appUser.id),
    childName: text('child_name').notNull(),
    childAge: integer('child_age').notNull(),
    contactPhoneEnc: text('contact_phone_enc').notNull(),
    contactPhoneMasked: text('contact_phone_masked').notNull(),
    allergies: text('allergies'),
    status: text('status', { enum: CHILDCARE_REGISTRATION_STATUSES }).notNull().default('registered'),
    idempotencyKey: text('idempotency_key'),
    cancelledAt: ts('cancelled_at'),
    attendedAt: ts('attended_at'),
    attendedBy: uuid('attended_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('childcare_registration_idempotency_idx')
      .on(t.parentUserId, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    index('childcare_registration_session_idx').on(t.sessionId, t.status),
    index('childcare_registration_parent_idx').on(t.parentUserId, t.createdAt),
  ],
);
