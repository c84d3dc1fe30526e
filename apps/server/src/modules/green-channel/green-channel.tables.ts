import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
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
import {
  GRN_ALERT_KINDS,
  GRN_ALERT_LEVELS,
  GRN_CAUSES,
  GRN_NOTICE_KINDS,
  GRN_OUTCOMES,
  GRN_STATES,
} from './green-channel.types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A weather alert 气象预警 in force in a region (a county, or the whole city), as staff recorded it. */
export const grnWeatherAlert = pgTable(
  'grn_weather_alert',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    level: text('level', { enum: GRN_ALERT_LEVELS }).notNull(),
    kind: text('kind', { enum: GRN_ALERT_KINDS }).notNull(),
    startsAt: ts('starts_at').notNull(),
    /** Null: still in force (until lifted). */
    endsAt: ts('ends_at'),
    /** Who issued it, e.g. 乐山市气象台. */
    source: text('source').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => appUser.id),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('grn_weather_alert_region_idx').on(t.regionCode, t.startsAt)],
);

/**
 * 暖心提示: a notice from the market regulator to a platform company, with the facts and a
 * requested answer date; linked claims point at it (`grn_delay_claim.notice_id`). A district-wide
 * notice (kind `district`) has no claim.
 */
export const grnNotice = pgTable(
  'grn_notice',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    noticeNo: text('notice_no').notNull(),
    kind: text('kind', { enum: GRN_NOTICE_KINDS }).notNull(),
    platformOrgId: uuid('platform_org_id')
      .notNull()
      .references(() => organisation.id),
    /** The district the notice speaks for (the sender's area). */
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    alertId: uuid('alert_id').references(() => grnWeatherAlert.id),
    facts: text('facts').notNull(),
    requestedAnswerBy: date('requested_answer_by').notNull(),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => appUser.id),
    sentByName: text('sent_by_name').notNull(),
    sentByOrgName: text('sent_by_org_name'),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    uniqueIndex('grn_notice_no_idx').on(t.noticeNo),
    index('grn_notice_platform_idx').on(t.platformOrgId, t.sentAt),
    index('grn_notice_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
  ],
);

/** 申诉: a rider's claim against a platform fine for a weather-caused late delivery. */
export const grnDelayClaim = pgTable(
  'grn_delay_claim',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    caseNo: text('case_no').notNull(),
    state: text('state', { enum: GRN_STATES }).notNull(),
    version: integer('version').notNull().default(1),
    riderUserId: uuid('rider_user_id')
      .notNull()
      .references(() => appUser.id),
    riderName: text('rider_name').notNull(),
    platformOrgId: uuid('platform_org_id')
      .notNull()
      .references(() => organisation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    orderNos: text('order_nos').array().notNull(),
    orderAt: ts('order_at').notNull(),
    delayMinutes: integer('delay_minutes').notNull(),
    /** The platform's fine, in fen (分). */
    fineFen: integer('fine_fen').notNull(),
    cause: text('cause', { enum: GRN_CAUSES }).notNull(),
    reason: text('reason').notNull(),
    /** What the evidence shows; the photos are files attached to the claim (files module). */
    evidenceNote: text('evidence_note'),
    reviewedBy: uuid('reviewed_by').references(() => appUser.id),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: ts('reviewed_at'),
    reviewNote: text('review_note'),
    rejectReason: text('reject_reason'),
    noticeId: uuid('notice_id').references(() => grnNotice.id),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grn_delay_claim_case_no_idx').on(t.caseNo),
    index('grn_delay_claim_rider_idx').on(t.riderUserId),
    index('grn_delay_claim_platform_idx').on(t.platformOrgId, t.state),
    index('grn_delay_claim_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    index('grn_delay_claim_notice_idx').on(t.noticeId).where(sql`notice_id is not null`),
  ],
);

/** The platform's answer to one claim. The platform decides; `decided_by` is its liaison. */
export const grnPlatformAnswer = pgTable(
  'grn_platform_answer',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => grnDelayClaim.id),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => grnNotice.id),
    platformOrgId: uuid('platform_org_id')
      .notNull()
      .references(() => organisation.id),
    outcome: text('outcome', { enum: GRN_OUTCOMES }).notNull(),
    /** Fen taken off the fine: all of it (waived), part (reduced) or none (refused). */
    waivedFen: integer('waived_fen').notNull(),
    reason: text('reason'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => appUser.id),
    decidedByName: text('decided_by_name').notNull(),
    answeredAt: ts('answered_at').notNull(),
  },
  (t) => [uniqueIndex('grn_platform_answer_claim_idx').on(t.claimId)],
);

/** The claim's timeline: who did what, append-only. */
export const grnClaimEvent = pgTable(
  'grn_claim_event',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => grnDelayClaim.id),
    at: ts('at').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    /** The side that acted: rider, government or platform. */
    side: text('side').notNull(),
    action: text('action').notNull(),
    fromState: text('from_state', { enum: GRN_STATES }),
    toState: text('to_state', { enum: GRN_STATES }).notNull(),
    note: text('note'),
  },
  (t) => [index('grn_claim_event_claim_idx').on(t.claimId, t.at)],
);

/** Case-number and notice-number counters per key and local day (Asia/Shanghai). */
export const grnSeq = pgTable(
  'grn_seq',
  {
    key: text('key').notNull(),
    day: date('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.day] })],
);
