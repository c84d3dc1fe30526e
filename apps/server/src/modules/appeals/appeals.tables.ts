import {
  APPEAL_ASSIGNMENT_ROLES,
  APPEAL_CHANNELS,
  APPEAL_EXTENSION_STATUSES,
  APPEAL_PRIVACY,
  APPEAL_SATISFACTIONS,
  APPEAL_STATES,
  APPEAL_TYPES,
  APPEAL_URGENCIES,
  APPEAL_VISIT_CHANNELS,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  date,
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
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Categories 诉求分类: five areas (parents) and their problems (children). */
export const appealCategory = pgTable(
  'appeal_category',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    parentId: uuid('parent_id').references((): AnyPgColumn => appealCategory.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Radius of the "someone already reported this nearby" search. */
    radiusMeters: integer('radius_meters').notNull().default(200),
    /** Workers may file in it (some categories are staff intake only). */
    acceptsPublic: boolean('accepts_public').notNull().default(true),
    sort: integer('sort').notNull().default(0),
    /** Disabled: hidden from filing forms and refused at filing; its cases keep it. */
    enabled: boolean('enabled').notNull().default(true),
  },
  (t) => [
    uniqueIndex('appeal_category_code_idx').on(t.code),
    index('appeal_category_parent_idx').on(t.parentId),
  ],
);

/** The case 诉求件. `version` is the optimistic lock every transition checks. */
export const appeal = pgTable(
  'appeal',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseNo: text('case_no').notNull(),
    type: text('type', { enum: APPEAL_TYPES }).notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => appealCategory.id),
    urgency: text('urgency', { enum: APPEAL_URGENCIES }).notNull().default('normal'),
    channel: text('channel', { enum: APPEAL_CHANNELS }).notNull(),
    state: text('state', { enum: APPEAL_STATES }).notNull(),
    version: integer('version').notNull().default(1),
    reporterUserId: uuid('reporter_user_id').references(() => appUser.id),
    /** Who filed it: the worker, or a staff member on someone's behalf (hotline, reception day). */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    anonymous: boolean('anonymous').notNull().default(false),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneMasked: text('contact_phone_masked'),
    callerName: text('caller_name'),
    callerPhoneEnc: text('caller_phone_enc'),
    callerPhoneMasked: text('caller_phone_masked'),
    calledAt: ts('called_at'),
    description: text('description').notNull(),
    privacy: text('privacy', { enum: APPEAL_PRIVACY }).notNull().default('private'),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    /** WGS-84. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    address: text('address'),
    idempotencyKey: text('idempotency_key'),
    leadUnitId: uuid('lead_unit_id').references(() => organisation.id),
    /** First dispatch: the resolve clock starts here and is not stopped by returns. */
    dispatchedAt: ts('dispatched_at'),
    signDueAt: ts('sign_due_at'),
    dueAt: ts('due_at'),
    dispatchDueAt: ts('dispatch_due_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    reply: text('reply'),
    reopenCount: integer('reopen_count').notNull().default(0),
    supervisedAt: ts('supervised_at'),
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => appeal.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appeal_case_no_idx').on(t.caseNo),
    // Keyed by whoever filed (the worker, or the staff member at intake).
    uniqueIndex('appeal_idempotency_idx')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    index('appeal_state_idx').on(t.state),
    index('appeal_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('appeal_reporter_idx').on(t.reporterUserId),
    index('appeal_lead_unit_idx').on(t.leadUnitId),
    index('appeal_created_idx').on(t.createdAt),
    index('appeal_category_idx').on(t.categoryId),
    index('appeal_geo_idx')
      .using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`)
      .where(sql`lat is not null and lng is not null`),
    // Queue pages: one state, newest first (docs/benchmarks.md).
    index('appeal_state_created_idx').on(t.state, t.createdAt, t.id),
    // The case map's box (lat and lng ranges, docs/maps.md).
    index('appeal_lat_lng_idx').on(t.lat, t.lng).where(sql`lat is not null and lng is not null`),
  ],
);

/** Which unit handles the case, lead 主办 or co 协办; ended rows stay as history. */
export const appealAssignment = pgTable(
  'appeal_assignment',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisation.id),
    role: text('role', { enum: APPEAL_ASSIGNMENT_ROLES }).notNull(),
    dispatchedAt: ts('dispatched_at').notNull(),
    signedAt: ts('signed_at'),
    returnedAt: ts('returned_at'),
    returnReason: text('return_reason'),
    notOurDuty: boolean('not_our_duty').notNull().default(false),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('appeal_assignment_appeal_idx').on(t.appealId),
    // A unit's cases as an index-only scan (handlers' visibility).
    index('appeal_assignment_unit_appeal_idx').on(t.unitId, t.appealId),
    // Current co-handling assignments of a unit (handlers' work queues; see workOfMyUnitsSql):
    // small however long the history, since most cases have no co-unit.
    index('appeal_assignment_open_co_idx')
      .on(t.unitId, t.appealId)
      .where(sql`role = 'co' and ended_at is null`),
  ],
);

/** The timeline: append-only, one row per action. */
export const appealEvent = pgTable(
  'appeal_event',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    fromState: text('from_state', { enum: APPEAL_STATES }),
    toState: text('to_state', { enum: APPEAL_STATES }),
    note: text('note'),
    data: jsonb('data'),
    /** Shown to the reporter. */
    public: boolean('public').notNull().default(false),
  },
  (t) => [index('appeal_event_appeal_idx').on(t.appealId, t.at)],
);

export const appealExtension = pgTable(
  'appeal_extension',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    requestedAt: ts('requested_at').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    workingDays: integer('working_days').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: APPEAL_EXTENSION_STATUSES }).notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: ts('decided_at'),
    newDueAt: ts('new_due_at'),
  },
  (t) => [
    index('appeal_extension_appeal_idx').on(t.appealId),
    uniqueIndex('appeal_extension_one_pending_idx').on(t.appealId).where(sql`status = 'pending'`),
  ],
);

/** 回访: the reporter's (or a dispatcher's phone call's, or the rule's) answer. */
export const appealVisit = pgTable(
  'appeal_visit',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    at: ts('at').notNull(),
    satisfaction: text('satisfaction', { enum: APPEAL_SATISFACTIONS }).notNull(),
    comment: text('comment'),
    channel: text('channel', { enum: APPEAL_VISIT_CHANNELS }).notNull(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
  },
  (t) => [index('appeal_visit_appeal_idx').on(t.appealId)],
);

/** Workers following a case instead of filing the same thing again. */
export const appealFollower = pgTable(
  'appeal_follower',
  {
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appealId, t.userId] }), index('appeal_follower_user_idx').on(t.userId)],
);

/** Dispatch catalogue: the unit proposed by default for a category in a region. */
export const appealDispatchRule = pgTable(
  'appeal_dispatch_rule',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => appealCategory.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisation.id),
  },
  (t) => [uniqueIndex('appeal_dispatch_rule_idx').on(t.categoryId, t.regionCode)],
);

/** Case-number counter per region and local day (Asia/Shanghai). */
export const appealCaseSeq = pgTable(
  'appeal_case_seq',
  {
    regionCode: text('region_code').notNull(),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);
