import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
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

export const WISH_STATES = ['collected', 'batched', 'classified', 'tracking', 'answered'] as const;
export type WishState = (typeof WISH_STATES)[number];

/**
 * A wish box 小哥心愿箱: a placement (a station, an activity position) with its own QR link
 * `/m/wish?box=<id>`. Stations will later point at their boxes.
 */
export const wishBox = pgTable(
  'wish_box',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    hostOrgId: uuid('host_org_id').references(() => organisation.id),
    location: text('location'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('wish_box_region_idx').using('btree', t.regionCode.op('text_pattern_ops'))],
);

/** A weekly batch 每周汇总 per county and week (Monday, Asia/Shanghai). */
export const wishBatch = pgTable(
  'wish_batch',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    weekStart: date('week_start', { mode: 'string' }).notNull(),
    /** Area code (APL-10 top-level category) → number of wishes; `unclassified` for the rest. */
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    total: integer('total').notNull().default(0),
    generatedAt: ts('generated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('wish_batch_scope_week_idx').on(t.regionCode, t.weekStart)],
);

/** One wish 心愿. The category is the code of an appeal area (read through the appeals facade). */
export const wish = pgTable(
  'wish',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    boxId: uuid('box_id').references(() => wishBox.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    text: text('text').notNull(),
    state: text('state', { enum: WISH_STATES }).notNull().default('collected'),
    version: integer('version').notNull().default(1),
    submitterUserId: uuid('submitter_user_id').references(() => appUser.id),
    anonymous: boolean('anonymous').notNull().default(false),
    contactName: text('contact_name'),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneMasked: text('contact_phone_masked'),
    batchId: uuid('batch_id').references(() => wishBatch.id),
    categoryCode: text('category_code'),
    trackerUserId: uuid('tracker_user_id').references(() => appUser.id),
    feedback: text('feedback'),
    activityIdea: boolean('activity_idea').notNull().default(false),
    convertedAppealId: uuid('converted_appeal_id'),
    convertedCaseNo: text('converted_case_no'),
    idempotencyKey: text('idempotency_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
    batchedAt: ts('batched_at'),
    classifiedAt: ts('classified_at'),
    assignedAt: ts('assigned_at'),
    answeredAt: ts('answered_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('wish_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('wish_state_idx').on(t.state),
    index('wish_submitter_idx').on(t.submitterUserId),
    index('wish_batch_idx').on(t.batchId),
    index('wish_created_idx').on(t.createdAt),
    uniqueIndex('wish_idempotency_idx')
      .on(t.submitterUserId, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
  ],
);

/** The monthly industry forum 外卖送餐行业工作座谈会 (COO-05), attendees by category (PPL-12). */
export const forum = pgTable(
  'forum',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    hostOrgId: uuid('host_org_id').references(() => organisation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    minutes: text('minutes').notNull(),
    riders: integer('riders').notNull().default(0),
    stationHeads: integer('station_heads').notNull().default(0),
    companyManagement: integer('company_management').notNull().default(0),
    departments: integer('departments').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('forum_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('forum_held_idx').on(t.heldOn),
  ],
);

/** Appeals raised from a forum (ids of the appeals module's cases, read through its facade). */
export const forumAppeal = pgTable(
  'forum_appeal',
  {
    forumId: uuid('forum_id')
      .notNull()
      .references(() => forum.id),
    appealId: uuid('appeal_id').notNull(),
    caseNo: text('case_no').notNull(),
    title: text('title').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.forumId, t.appealId] })],
);
