import {
  OPERATING_STREAMS,
  PAYMENT_METHODS,
  PAYMENT_PURPOSES,
  PAYMENT_STATUSES,
  PAYMENT_UNITS,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../platform/db/ids.ts';
import { appUser } from '../identity/identity.tables.ts';
import { station } from '../stations/stations.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One charge at a station (HUB-01 lodging, HUB-02/CAN-02 meals, other paid services): what is
 * owed for a booking or an order of another module (`ref_id`, no foreign key: the module owns it),
 * and whether it was paid. The built-in provider is the counter: a keeper confirms cash or a QR
 * payment shown at the counter. One charge per (purpose, ref).
 */
export const payment = pgTable(
  'payment',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    purpose: text('purpose', { enum: PAYMENT_PURPOSES }).notNull(),
    refId: uuid('ref_id').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull(),
    unit: text('unit', { enum: PAYMENT_UNITS }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    payerUserId: uuid('payer_user_id').references(() => appUser.id),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull().default('pending'),
    provider: text('provider').notNull().default('counter'),
    method: text('method', { enum: PAYMENT_METHODS }),
    paidAt: ts('paid_at'),
    confirmedBy: uuid('confirmed_by').references(() => appUser.id),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by').references(() => appUser.id),
    voidReason: text('void_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payment_ref_idx').on(t.purpose, t.refId),
    index('payment_station_created_idx').on(t.stationId, t.createdAt),
    index('payment_station_paid_idx').on(t.stationId, t.paidAt),
    index('payment_payer_idx').on(t.payerUserId, t.createdAt),
    check('payment_amount_check', sql`${t.amountFen} >= 0 and ${t.quantity} >= 0`),
    check(
      'payment_state_check',
      sql`(${t.status} = 'paid') = (${t.paidAt} is not null and ${t.method} is not null)
        and (${t.status} = 'void') = (${t.voidedAt} is not null)`,
    ),
  ],
);

/**
 * Manual lines of a station's operating account (HUB-07 "市场化+公益性": subsidies, extended-service
 * fees, charity and social capital in; operating cost and public-welfare discounts out), per month.
 */
export const operatingEntry = pgTable(
  'operating_entry',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    month: text('month').notNull(),
    stream: text('stream', { enum: OPERATING_STREAMS }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    note: text('note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('operating_entry_station_month_idx').on(t.stationId, t.month),
    check('operating_entry_amount_check', sql`${t.amountFen} > 0`),
    check('operating_entry_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
