import {
  MEAL_CUSTOMER_CATEGORIES,
  MEAL_ITEM_KINDS,
  MEAL_ORDER_MODES,
  MEAL_ORDER_STATUSES,
  MEAL_PERIODS,
} from '@nuanxin/shared';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { station } from '../stations/stations.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Meals 餐食 (HUB-02, CAN-01, CAN-02; docs/meals.md). A menu is one period (breakfast, lunch,
 * dinner) of one day at one station; orders take seats of its 30-minute slots (eat-in) or a pickup
 * time (take-away). `station` is the stations module's core table; the station's seat count is
 * read through that module.
 */
export const mealMenu = pgTable(
  'meal_menu',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    date: date('date', { mode: 'string' }).notNull(),
    period: text('period', { enum: MEAL_PERIODS }).notNull(),
    /** HH:MM, Asia/Shanghai. */
    opens: text('opens').notNull(),
    closes: text('closes').notNull(),
    published: boolean('published').notNull().default(false),
    /** Orders taken so far; the next order's counter number is this plus one (under the row lock). */
    orderCount: integer('order_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => appUser.id),
    updatedBy: uuid('updated_by').references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meal_menu_station_day_period_idx').on(t.stationId, t.date, t.period),
    check('meal_menu_times_check', sql`${t.opens} < ${t.closes}`),
  ],
);

/** A dish, set meal, staple or drink of a menu, with its two prices and an optional portion limit. */
export const mealItem = pgTable(
  'meal_item',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    menuId: uuid('menu_id')
      .notNull()
      .references(() => mealMenu.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: MEAL_ITEM_KINDS }).notNull(),
    description: text('description'),
    priceWorkerFen: integer('price_worker_fen').notNull(),
    priceResidentFen: integer('price_resident_fen').notNull(),
    /** Portions on offer; null = no limit. */
    portions: integer('portions'),
    /** Portions taken by orders that are not cancelled. */
    portionsSold: integer('portions_sold').notNull().default(0),
    sort: integer('sort').notNull().default(0),
    /** Taken off a menu that already has orders of it (the lines keep pointing here). */
    removed: boolean('removed').notNull().default(false),
  },
  (t) => [
    index('meal_item_menu_idx').on(t.menuId, t.sort),
    check('meal_item_prices_check', sql`${t.priceWorkerFen} >= 0 and ${t.priceResidentFen} >= 0`),
    // Portions never go below zero: sold stays within the limit.
    check(
      'meal_item_portions_check',
      sql`${t.portionsSold} >= 0 and (${t.portions} is null or ${t.portionsSold} <= ${t.portions})`,
    ),
  ],
);

/** An order: eat-in with a seat slot, or take-away with a pickup time. */
export const mealOrder = pgTable(
  'meal_order',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    stationId: uuid('station_id')
      .notNull()
      .references(() => station.id),
    menuId: uuid('menu_id')
      .notNull()
      .references(() => mealMenu.id),
    /** Counter number within the menu (取餐号). */
    number: integer('number').notNull(),
    /** The worker who ordered; null for a walk-in customer served at the counter. */
    customerUserId: uuid('customer_user_id').references(() => appUser.id),
    /** How the counter calls a walk-in customer (a name or a table card), not an identity. */
    customerName: text('customer_name'),
    customerCategory: text('customer_category', { enum: MEAL_CUSTOMER_CATEGORIES }).notNull(),
    mode: text('mode', { enum: MEAL_ORDER_MODES }).notNull(),
    slotStart: text('slot_start'),
    pickupAt: text('pickup_at'),
    partySize: integer('party_size').notNull().default(1),
    status: text('status', { enum: MEAL_ORDER_STATUSES }).notNull().default('placed'),
    totalFen: integer('total_fen').notNull(),
    meals: integer('meals').notNull(),
    servedAt: ts('served_at'),
    servedBy: uuid('served_by').references(() => appUser.id),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: uuid('cancelled_by').references(() => appUser.id),
    cancelReason: text('cancel_reason'),
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => appUser.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('meal_order_idempotency_idx')
      .on(t.createdBy, t.idempotencyKey)
      .where(sql`idempotency_key is not null`),
    uniqueIndex('meal_order_menu_number_idx').on(t.menuId, t.number),
    index('meal_order_menu_slot_idx').on(t.menuId, t.slotStart, t.status),
    index('meal_order_customer_idx').on(t.customerUserId, t.createdAt),
    index('meal_order_station_created_idx').on(t.stationId, t.createdAt),
    check(
      'meal_order_mode_check',
      sql`(${t.mode} = 'eat_in' and ${t.slotStart} is not null and ${t.pickupAt} is null) or (${t.mode} = 'take_away' and ${t.pickupAt} is not null and ${t.slotStart} is null)`,
    ),
    check('meal_order_party_check', sql`${t.partySize} between 1 and 20`),
    check('meal_order_total_check', sql`${t.totalFen} >= 0 and ${t.meals} > 0`),
  ],
);

/** One line of an order, with the name and price as ordered. */
export const mealOrderLine = pgTable(
  'meal_order_line',
  {
    id: uuid('id').primaryKey().$defaultFn(newId),
    orderId: uuid('order_id')
      .notNull()
      .references(() => mealOrder.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => mealItem.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: MEAL_ITEM_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceFen: integer('unit_price_fen').notNull(),
  },
  (t) => [
    index('meal_order_line_order_idx').on(t.orderId),
    index('meal_order_line_item_idx').on(t.itemId),
    check('meal_order_line_quantity_check', sql`${t.quantity} > 0 and ${t.unitPriceFen} >= 0`),
  ],
);
