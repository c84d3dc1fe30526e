import { COMPOUND_ACCESS_STATUSES, COMPOUND_ENTRIES } from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { region } from '../orgs/orgs.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * 小区进门 notes: how a rider gets into a residential compound (可进入, 停门外, 需门禁码, 联系门岗,
 * 禁止进入) and a short note. A worker reports one; community staff or the district admin of the
 * region confirm or reject it; confirmed notes are shown to signed-in workers nearby. Gate codes
 * themselves are never stored: the service refuses any text with a 4–8 digit run.
 */
export const compoundAccess = pgTable(
  'compound_access',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    compoundName: text('compound_name').notNull(),
    /** The name folded for matching duplicates (`compoundNameKey`). */
    nameKey: text('name_key').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    /** WGS-84. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    address: text('address'),
    entry: text('entry', { enum: COMPOUND_ENTRIES }).notNull(),
    note: text('note'),
    status: text('status', { enum: COMPOUND_ACCESS_STATUSES }).notNull().default('reported'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => appUser.id),
    idempotencyKey: text('idempotency_key'),
    reviewedBy: uuid('reviewed_by').references(() => appUser.id),
    reviewedAt: ts('reviewed_at'),
    reviewReason: text('review_reason'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('compound_access_note_length_check', sql`char_length(${t.note}) <= 200`),
    uniqueIndex('compound_access_idempotency_idx')
      .on(t.reportedBy, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    index('compound_access_geo_idx').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`),
    index('compound_access_region_idx').using('btree', t.regionCode.op('text_pattern_ops')),
    // The review queue: pending first, newest first.
    index('compound_access_status_created_idx').on(t.status, t.createdAt),
    index('compound_access_reporter_idx').on(t.reportedBy, t.createdAt),
    index('compound_access_name_key_idx').on(t.nameKey),
  ],
);
