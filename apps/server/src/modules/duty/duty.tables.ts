import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { organisation, region } from '../orgs/orgs.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A 24-hour duty rota 轮值 of one organisation, covering the cases of one region (and below). */
export const dutyRota = pgTable(
  'duty_rota',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisation.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('duty_rota_org_name_idx').on(t.orgId, t.name),
    index('duty_rota_region_idx').on(t.regionCode),
  ],
);

/**
 * One person on duty from `starts_at` to `ends_at`. Several shifts may cover the same hours:
 * `sort_order` is the escalation order among them (0 first).
 */
export const dutyShift = pgTable(
  'duty_shift',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    rotaId: uuid('rota_id')
      .notNull()
      .references(() => dutyRota.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('duty_shift_rota_time_idx').on(t.rotaId, t.startsAt, t.endsAt)],
);

/**
 * A case that arrived outside office hours, handed to the officer on duty. One row per level:
 * level 0 is the first officer; an escalation sets `escalated_to` and adds the next level.
 * The appeal is referenced by id only (the appeals module owns its table).
 */
export const dutyAssignment = pgTable(
  'duty_assignment',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    appealId: uuid('appeal_id').notNull(),
    caseNo: text('case_no').notNull(),
    rotaId: uuid('rota_id')
      .notNull()
      .references(() => dutyRota.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    /** When the case arrived: the moment whose shift decides who is on duty. */
    arrivedAt: ts('arrived_at').notNull(),
    assignedAt: ts('assigned_at').notNull(),
    ackDueAt: ts('ack_due_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    escalatedTo: uuid('escalated_to').references(() => appUser.id),
    escalatedAt: ts('escalated_at'),
    level: integer('level').notNull().default(0),
  },
  (t) => [
    uniqueIndex('duty_assignment_appeal_level_idx').on(t.appealId, t.level),
    index('duty_assignment_user_open_idx')
      .on(t.userId)
      .where(sql`acknowledged_at is null and escalated_to is null`),
  ],
);
