import type { MealCustomerCategory, MealPeriod } from '@nuanxin/shared';
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { appUser } from '../identity/identity.tables.ts';
import { station } from '../stations/stations.tables.ts';
import { mealItem, mealMenu, mealOrder, mealOrderLine } from './meals.tables.ts';

/** Queries of meals. The service decides who may run them and in which transaction. */

export type MenuRow = typeof mealMenu.$inferSelect;
export type NewMenuRow = typeof mealMenu.$inferInsert;
export type ItemRow = typeof mealItem.$inferSelect;
export type NewItemRow = typeof mealItem.$inferInsert;
export type OrderRow = typeof mealOrder.$inferSelect;
export type NewOrderRow = typeof mealOrder.$inferInsert;
export type LineRow = typeof mealOrderLine.$inferSelect;

// ---- menus --------------------------------------------------------------------------------------

export async function getMenu(db: Db, id: string): Promise<MenuRow | null> {
  const [r] = await db.select().from(mealMenu).where(eq(mealMenu.id, id));
  return r ?? null;
}

/** Locks the menu row: seat checks, counter numbers and edits of one menu run one at a time. */
export async function getMenuForUpdate(tx: Db, id: string): Promise<MenuRow | null> {
  const [r] = await tx.select().from(mealMenu).where(eq(mealMenu.id, id)).for('update');
  return r ?? null;
}

export async function findMenuForUpdate(
  tx: Db,
  stationId: string,
  date: string,
  period: MealPeriod,
): Promise<MenuRow | null> {
  const [r] = await tx
    .select()
    .from(mealMenu)
    .where(and(eq(mealMenu.stationId, stationId), eq(mealMenu.date, date), eq(mealMenu.period, period)))
    .for('update');
  return r ?? null;
}

/** A new menu; null when the station already has one for that day and period. */
export async function insertMenu(tx: Db, values: NewMenuRow): Promise<MenuRow | null> {
  const [r] = await tx.insert(mealMenu).values(values).onConflictDoNothing().returning();
  return r ?? null;
}

export async function updateMenu(tx: Db, id: string, patch: Partial<NewMenuRow>): Promise<MenuRow> {
  const [r] = await tx.update(mealMenu).set(patch).where(eq(mealMenu.id, id)).returning();
  return r!;
}

/** Menus of a station on the given days, by day and period. */
export async function menusOn(
  db: Db,
  stationId: string,
  dates: string[],
  publishedOnly: boolean,
): Promise<MenuRow[]> {
  const conds: SQL[] = [eq(mealMenu.stationId, stationId), inArray(mealMenu.date, dates)];
  if (publishedOnly) conds.push(eq(mealMenu.published, true));
  const rows = await db
    .select()
    .from(mealMenu)
    .where(and(...conds))
    .orderBy(asc(mealMenu.date), asc(mealMenu.opens));
  return rows;
}

/** Items still on the menus (removed ones left out), in menu order. */
export async function itemsOf(db: Db, menuIds: string[]): Promise<ItemRow[]> {
  if (!menuIds.length) return [];
  return db
    .select()
    .from(mealItem)
    .where(and(inArray(mealItem.menuId, menuIds), eq(mealItem.removed, false)))
    .orderBy(asc(mealItem.sort), asc(mealItem.name));
}

export async function itemsForUpdate(tx: Db, menuId: string): Promise<ItemRow[]> {
  return tx.select().from(mealItem).where(eq(mealItem.menuId, menuId)).for('update');
}

export async function insertItems(tx: Db, values: NewItemRow[]): Promise<void> {
  if (values.length) await tx.insert(mealItem).values(values);
}

export async function updateItem(tx: Db, id: string, patch: Partial<NewItemRow>): Promise<void> {
  await tx.update(mealItem).set(patch).where(eq(mealItem.id, id));
}

/** Of these items, those some order line points at. */
export async function orderedItemIds(tx: Db, itemIds: string[]): Promise<Set<string>> {
  if (!itemIds.length) return new Set();
  const rows = await tx
    .selectDistinct({ id: mealOrderLine.itemId })
    .from(mealOrderLine)
    .where(inArray(mealOrderLine.itemId, itemIds));
  return new Set(rows.map((r) => r.id));
}

export async function deleteItems(tx: Db, ids: string[]): Promise<void> {
  if (ids.length) await tx.delete(mealItem).where(inArray(mealItem.id, ids));
}

/**
 * Takes `quantity` portions of an item when its limit allows (one statement, so two orders can
 * never take the last portion twice); false when too few are left.
 */
export async function takePortions(tx: Db, itemId: string, quantity: number): Promise<boolean> {
  const r = await tx
    .update(mealItem)
    .set({ portionsSold: sql`${mealItem.portionsSold} + ${quantity}` })
    .where(
      and(
        eq(mealItem.id, itemId),
        sql`(${mealItem.portions} is null or ${mealItem.portionsSold} + ${quantity} <= ${mealItem.portions})`,
      ),
    )
    .returning({ id: mealItem.id });
  return r.length === 1;
}

/** Gives an order's portions back (a cancelled order). */
export async function releasePortions(tx: Db, orderId: string): Promise<void> {
  await tx.execute(sql`
    update meal_item i set portions_sold = greatest(0, i.portions_sold - l.q)
    from (select item_id, sum(quantity)::int as q from meal_order_line where order_id = ${orderId} group by item_id) l
    where i.id = l.item_id`);
}

// ---- seats --------------------------------------------------------------------------------------

/** Seats taken per slot by eat-in orders that are not cancelled. */
export async function seatsTaken(
  db: Db,
  menuIds: string[],
): Promise<{ menuId: string; slotStart: string; taken: number }[]> {
  if (!menuIds.length) return [];
  const rows = await db
    .select({
      menuId: mealOrder.menuId,
      slotStart: mealOrder.slotStart,
      taken: sql<number>`sum(${mealOrder.partySize})::int`,
    })
    .from(mealOrder)
    .where(
      and(
        inArray(mealOrder.menuId, menuIds),
        eq(mealOrder.mode, 'eat_in'),
        ne(mealOrder.status, 'cancelled'),
      ),
    )
    .groupBy(mealOrder.menuId, mealOrder.slotStart);
  return rows.map((r) => ({ menuId: r.menuId, slotStart: r.slotStart!, taken: Number(r.taken) }));
}

// ---- orders -------------------------------------------------------------------------------------

export async function insertOrder(tx: Db, values: NewOrderRow): Promise<OrderRow | null> {
  const [r] = await tx.insert(mealOrder).values(values).onConflictDoNothing().returning();
  return r ?? null;
}

export async function insertLines(tx: Db, values: (typeof mealOrderLine.$inferInsert)[]): Promise<void> {
  if (values.length) await tx.insert(mealOrderLine).values(values);
}

export async function findOrderByIdempotencyKey(db: Db, userId: string, key: string): Promise<string | null> {
  const [r] = await db
    .select({ id: mealOrder.id })
    .from(mealOrder)
    .where(and(eq(mealOrder.createdBy, userId), eq(mealOrder.idempotencyKey, key)));
  return r?.id ?? null;
}

export async function getOrderForUpdate(tx: Db, id: string): Promise<OrderRow | null> {
  const [r] = await tx.select().from(mealOrder).where(eq(mealOrder.id, id)).for('update');
  return r ?? null;
}

export async function updateOrder(tx: Db, id: string, patch: Partial<NewOrderRow>): Promise<OrderRow> {
  const [r] = await tx.update(mealOrder).set(patch).where(eq(mealOrder.id, id)).returning();
  return r!;
}

/** Orders with their menu's day and period, the station's name and the customer's name. */
export async function ordersNamed(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({
      o: mealOrder,
      date: mealMenu.date,
      period: mealMenu.period,
      stationName: station.name,
      customerUserName: appUser.name,
    })
    .from(mealOrder)
    .innerJoin(mealMenu, eq(mealMenu.id, mealOrder.menuId))
    .innerJoin(station, eq(station.id, mealOrder.stationId))
    .leftJoin(appUser, eq(appUser.id, mealOrder.customerUserId))
    .where(where)
    .orderBy(desc(mealMenu.date), asc(mealMenu.opens), asc(mealOrder.number))
    .limit(limit);
}
export type OrderNamedRow = Awaited<ReturnType<typeof ordersNamed>>[number];

export async function linesOf(db: Db, orderIds: string[]): Promise<LineRow[]> {
  if (!orderIds.length) return [];
  return db
    .select()
    .from(mealOrderLine)
    .where(inArray(mealOrderLine.orderId, orderIds))
    .orderBy(asc(mealOrderLine.id));
}

// ---- tallies ------------------------------------------------------------------------------------

export interface SalesRow {
  date: string;
  category: MealCustomerCategory;
  orders: number;
  setMeals: number;
  portions: number;
  amountFen: number;
}

/** Served and collected orders of a station per day and customer category. */
export async function sales(db: Db, stationId: string, from: string, to: string): Promise<SalesRow[]> {
  const r = await db.execute(sql`
    select m.date::text as date, o.customer_category as category, count(*)::int as orders,
           coalesce(sum(l.set_meals), 0)::int as set_meals, coalesce(sum(o.meals), 0)::int as portions,
           coalesce(sum(o.total_fen), 0)::int as amount_fen
    from meal_order o
    join meal_menu m on m.id = o.menu_id
    left join (select order_id, sum(quantity) filter (where kind = 'set') as set_meals
               from meal_order_line group by order_id) l on l.order_id = o.id
    where o.station_id = ${stationId} and o.status in ('served', 'collected')
      and m.date between ${from}::date and ${to}::date
    group by m.date, o.customer_category
    order by m.date`);
  const rows = (r as unknown as { rows: Record<string, unknown>[] }).rows;
  return rows.map((x) => ({
    date: String(x.date),
    category: x.category as MealCustomerCategory,
    orders: Number(x.orders),
    setMeals: Number(x.set_meals),
    portions: Number(x.portions),
    amountFen: Number(x.amount_fen),
  }));
}
