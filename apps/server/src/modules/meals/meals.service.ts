import {
  type CopyMealDayInput,
  type createMealOrderBody,
  MEAL_LABELS_ZH,
  MEAL_PERIODS,
  type MealBoardReply,
  type MealCustomerCategory,
  type MealDayReply,
  type MealMenuDto,
  type MealOrderDto,
  type MealPeriod,
  type MealSalesReply,
  type MealSlotDto,
  type PaymentDto,
  type putMealMenuBody,
  type StationMealsReply,
} from '@nuanxin/shared';
import { and, eq, gte, inArray, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/client.ts';
import { inTransaction } from '../../platform/db/tx.ts';
import type { PlatformDeps } from '../../platform/deps.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { createPaymentsService, type PaymentsService } from '../payments/index.ts';
import { createStationsService } from '../stations/index.ts';
import {
  isOwnOrder,
  mayCancelOrder,
  mayEditMenus,
  mayKeepOrders,
  mayReadMeals,
  mayServeOrder,
  mayViewOrder,
  orderCategory,
  type StationAccess,
} from './meals.policy.ts';
import * as repo from './meals.repository.ts';
import {
  addDays,
  freeSeats,
  handedOverStatus,
  localClock,
  menuClosedReason,
  orderTimeProblem,
  priceFor,
  slotEnd,
  slotIsPast,
  slotStarts,
} from './meals.rules.ts';
import { mealMenu, mealOrder } from './meals.tables.ts';

/**
 * Use cases of meals 餐食 (HUB-02, CAN-01, CAN-02; docs/meals.md): menus per station, day and
 * period; orders that take seats of a 30-minute slot (eat-in) or name a pickup time (take-away);
 * each order charged through the payments module in the same transaction. Seats of a slot are
 * counted under the lock of the menu row, so two orders can never overfill a slot; portions are
 * taken by one conditional UPDATE each, backed by a CHECK.
 */

export type PutMenuBody = z.output<typeof putMealMenuBody>;
export type CreateOrderBody = z.output<typeof createMealOrderBody>;
type PaymentsPort = Pick<PaymentsService, 'charge' | 'voidFor' | 'forRefs'>;

export interface MealsServiceOptions {
  now?: () => Date;
  /** The payments service (tests may pass a stand-in). */
  payments?: PaymentsPort;
}

export type MealsService = ReturnType<typeof createMealsService>;

const yuan = (fen: number) => (fen % 100 === 0 ? `${fen / 100}` : (fen / 100).toFixed(2));

export function createMealsService(deps: PlatformDeps, opts: MealsServiceOptions = {}) {
  const { database } = deps;
  const now = opts.now ?? (() => new Date());
  const stations = createStationsService(deps, { now });
  const payments: PaymentsPort = opts.payments ?? createPaymentsService(deps, { now });
  const onAfterCommitError = (err: unknown) => deps.log.error({ err }, 'meals after-commit work failed');

  // ---- station, seats ---------------------------------------------------------------------------

  async function accessOf(db: Db, actor: Actor | null, stationId: string) {
    return stations.access(db, actor, stationId);
  }

  /** The station's seats (station_capacity `seats`); null when it counts none (no seat limit). */
  async function seatsOf(actor: Actor | null, stationId: string): Promise<number | null> {
    const s = await stations.get(actor, stationId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
    return s?.capacity.find((c) => c.resource === 'seats')?.total ?? null;
  }

  async function menuDtos(
    db: Db,
    menus: repo.MenuRow[],
    seats: number | null,
    at: Date,
  ): Promise<MealMenuDto[]> {
    const ids = menus.map((m) => m.id);
    const [items, taken] = await Promise.all([repo.itemsOf(db, ids), repo.seatsTaken(db, ids)]);
    return menus.map((m) => {
      const takenOf = new Map(taken.filter((t) => t.menuId === m.id).map((t) => [t.slotStart, t.taken]));
      const slots: MealSlotDto[] = slotStarts(m.opens, m.closes).map((start) => {
        const t = takenOf.get(start) ?? 0;
        return {
          start,
          end: slotEnd(start, m.closes),
          seats,
          taken: t,
          free: seats === null ? null : freeSeats(seats, t),
          past: slotIsPast(m, start, at),
        };
      });
      return {
        id: m.id,
        stationId: m.stationId,
        date: m.date,
        period: m.period,
        opens: m.opens,
        closes: m.closes,
        published: m.published,
        version: m.version,
        items: items
          .filter((i) => i.menuId === m.id)
          .map((i) => ({
            id: i.id,
            name: i.name,
            kind: i.kind,
            description: i.description,
            priceWorkerFen: i.priceWorkerFen,
            priceResidentFen: i.priceResidentFen,
            portions: i.portions,
            portionsLeft: i.portions === null ? null : Math.max(0, i.portions - i.portionsSold),
            sort: i.sort,
          })),
        slots,
        orderable: menuClosedReason(m, at) === null,
      };
    });
  }

  // ---- worker view ------------------------------------------------------------------------------

  /** Today's and tomorrow's published menus of a station, with free seats per slot. */
  async function stationMeals(actor: Actor | null, stationId: string): Promise<StationMealsReply> {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    const at = now();
    const today = localClock(at).date;
    const [seats, menus] = await Promise.all([
      seatsOf(actor, stationId),
      repo.menusOn(db, stationId, [today, addDays(today, 1)], true),
    ]);
    return {
      station: {
        id: access.station.id,
        name: access.station.name,
        kind: access.station.kind,
        seats,
      },
      today,
      myCategory: actor?.kind === 'worker' ? 'worker' : null,
      menus: await menuDtos(db, menus, seats, at),
    };
  }

  // ---- console: menus ---------------------------------------------------------------------------

  async function day(actor: Actor, stationId: string, date: string | undefined): Promise<MealDayReply> {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    if (!mayReadMeals(access)) throw forbidden('You may not see this station’s meals');
    const at = now();
    const d = date ?? localClock(at).date;
    const seats = await seatsOf(actor, stationId);
    const menus = await repo.menusOn(db, stationId, [d], false);
    return {
      date: d,
      seats,
      menus: await menuDtos(db, menus, seats, at),
      actions: { edit: mayEditMenus(access), keep: mayKeepOrders(access) },
    };
  }

  /**
   * Creates or replaces one period's menu of a day: times, published flag and the item list (items
   * with an id are edited, new ones added, missing ones deleted — or only hidden when orders name
   * them). `version` as read; 0 for a new menu (409 meals.conflict otherwise).
   */
  async function putMenu(
    actor: Actor,
    meta: RequestMeta | null,
    stationId: string,
    date: string,
    period: MealPeriod,
    body: PutMenuBody,
  ): Promise<MealMenuDto> {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    if (!mayEditMenus(access)) throw forbidden('You may not edit this station’s menus');
    const at = now();
    if (date < localClock(at).date)
      throw new AppError('meals.day_past', 'Menus of past days stay as they were');
    const id = await inTransaction(
      database,
      async (uow) => {
        const tx = uow.tx;
        let menu = await repo.findMenuForUpdate(tx, stationId, date, period);
        if ((menu?.version ?? 0) !== body.version)
          throw new AppError('meals.conflict', 'The menu was changed meanwhile; reload it', {
            version: menu?.version ?? 0,
          });
        const before = menu ? { opens: menu.opens, closes: menu.closes, published: menu.published } : null;
        if (!menu) {
          menu = await repo.insertMenu(tx, {
            stationId,
            date,
            period,
            opens: body.opens,
            closes: body.closes,
            published: body.published,
            createdBy: actor.userId,
            updatedBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          // Another request created it between our read and insert.
          if (!menu) throw new AppError('meals.conflict', 'The menu was created meanwhile; reload it');
        } else {
          menu = await repo.updateMenu(tx, menu.id, {
            opens: body.opens,
            closes: body.closes,
            published: body.published,
            version: menu.version + 1,
            updatedBy: actor.userId,
            updatedAt: at,
          });
        }
        const existing = await repo.itemsForUpdate(tx, menu.id);
        const byId = new Map(existing.map((i) => [i.id, i]));
        const kept = new Set<string>();
        const inserts: repo.NewItemRow[] = [];
        for (const [sort, it] of body.items.entries()) {
          const values = {
            name: it.name,
            kind: it.kind,
            description: it.description ?? null,
            priceWorkerFen: it.priceWorkerFen,
            priceResidentFen: it.priceResidentFen,
            portions: it.portions ?? null,
            sort,
            removed: false,
          };
          if (it.id) {
            const had = byId.get(it.id);
            if (!had)
              throw new AppError('meals.item_not_found', 'The item is not on this menu', {
                path: `items.${sort}.id`,
              });
            if (values.portions !== null && values.portions < had.portionsSold)
              throw new AppError('meals.portions_below_sold', 'The limit is below the portions sold', {
                path: `items.${sort}.portions`,
                sold: had.portionsSold,
              });
            kept.add(it.id);
            await repo.updateItem(tx, it.id, values);
          } else inserts.push({ ...values, menuId: menu.id });
        }
        await repo.insertItems(tx, inserts);
        const gone = existing.filter((i) => !kept.has(i.id) && !i.removed).map((i) => i.id);
        const ordered = await repo.orderedItemIds(tx, gone);
        await repo.deleteItems(
          tx,
          gone.filter((i) => !ordered.has(i)),
        );
        for (const i of ordered) await repo.updateItem(tx, i, { removed: true });
        await writeAudit(tx, actor, meta, {
          action: before ? 'meal_menu.update' : 'meal_menu.create',
          entityType: 'meal_menu',
          entityId: menu.id,
          before: before ?? undefined,
          after: {
            stationId,
            date,
            period,
            opens: body.opens,
            closes: body.closes,
            published: body.published,
            items: body.items.map((i) => `${i.name} ${i.priceWorkerFen}/${i.priceResidentFen}`),
          },
        });
        return menu.id;
      },
      onAfterCommitError,
    );
    const seats = await seatsOf(actor, stationId);
    const menu = await repo.getMenu(db, id);
    return (await menuDtos(db, [menu!], seats, now()))[0]!;
  }

  /** Copies a day's menus (unpublished, portions unsold) to another day; periods it has are skipped. */
  async function copyDay(actor: Actor, meta: RequestMeta | null, stationId: string, body: CopyMealDayInput) {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    if (!mayEditMenus(access)) throw forbidden('You may not edit this station’s menus');
    const at = now();
    if (body.to < localClock(at).date) throw new AppError('meals.day_past', 'Cannot fill a past day');
    return inTransaction(
      database,
      async (uow) => {
        const tx = uow.tx;
        const source = await repo.menusOn(tx, stationId, [body.from], false);
        const items = await repo.itemsOf(
          tx,
          source.map((m) => m.id),
        );
        const copied: MealPeriod[] = [];
        const skipped: MealPeriod[] = [];
        for (const m of source) {
          const made = await repo.insertMenu(tx, {
            stationId,
            date: body.to,
            period: m.period,
            opens: m.opens,
            closes: m.closes,
            published: false,
            createdBy: actor.userId,
            updatedBy: actor.userId,
            createdAt: at,
            updatedAt: at,
          });
          if (!made) {
            skipped.push(m.period);
            continue;
          }
          copied.push(m.period);
          await repo.insertItems(
            tx,
            items
              .filter((i) => i.menuId === m.id)
              .map((i) => ({
                menuId: made.id,
                name: i.name,
                kind: i.kind,
                description: i.description,
                priceWorkerFen: i.priceWorkerFen,
                priceResidentFen: i.priceResidentFen,
                portions: i.portions,
                sort: i.sort,
              })),
          );
        }
        await writeAudit(tx, actor, meta, {
          action: 'meal_menu.copy_day',
          entityType: 'station',
          entityId: stationId,
          after: { from: body.from, to: body.to, copied, skipped },
        });
        const order = (p: MealPeriod) => MEAL_PERIODS.indexOf(p);
        return { copied: copied.sort((a, b) => order(a) - order(b)), skipped };
      },
      onAfterCommitError,
    );
  }

  async function menuSlots(actor: Actor | null, menuId: string): Promise<MealSlotDto[]> {
    const db = database.db;
    const menu = await repo.getMenu(db, menuId);
    if (!menu) throw notFound('Menu', 'meals.menu_not_found');
    const access = await accessOf(db, actor, menu.stationId);
    if (!menu.published && !mayReadMeals(access)) throw notFound('Menu', 'meals.menu_not_found');
    const seats = await seatsOf(actor, menu.stationId);
    return (await menuDtos(db, [menu], seats, now()))[0]!.slots;
  }

  // ---- orders -----------------------------------------------------------------------------------

  async function orderDtos(
    db: Db,
    actor: Actor,
    rows: repo.OrderNamedRow[],
    accessByStation: Map<string, StationAccess>,
  ): Promise<MealOrderDto[]> {
    const ids = rows.map((r) => r.o.id);
    const [lines, pays] = await Promise.all([
      repo.linesOf(db, ids),
      ids.length ? payments.forRefs(db, 'meal_order', ids) : Promise.resolve(new Map<string, PaymentDto>()),
    ]);
    return rows.map((r) => {
      const o = r.o;
      const payment = pays.get(o.id) ?? null;
      const access = accessByStation.get(o.stationId) ?? { read: false, manage: false, keep: false };
      const paidForReal = payment?.status === 'paid' && payment.method !== 'free';
      return {
        id: o.id,
        number: o.number,
        stationId: o.stationId,
        stationName: r.stationName,
        menuId: o.menuId,
        date: r.date,
        period: r.period,
        customerCategory: o.customerCategory,
        customerName: o.customerName ?? r.customerUserName ?? null,
        mine: isOwnOrder(actor, o),
        mode: o.mode,
        slotStart: o.slotStart,
        pickupAt: o.pickupAt,
        partySize: o.partySize,
        status: o.status,
        totalFen: o.totalFen,
        meals: o.meals,
        lines: lines
          .filter((l) => l.orderId === o.id)
          .map((l) => ({
            itemId: l.itemId,
            name: l.name,
            kind: l.kind,
            quantity: l.quantity,
            unitPriceFen: l.unitPriceFen,
          })),
        payment,
        createdAt: o.createdAt.toISOString(),
        servedAt: o.servedAt?.toISOString() ?? null,
        cancelledAt: o.cancelledAt?.toISOString() ?? null,
        actions: {
          cancel: mayCancelOrder(actor, access, o) && !paidForReal,
          serve: mayServeOrder(access, o) && payment?.status === 'paid',
        },
      };
    });
  }

  /** One order the actor may see (own, or the station's readers and keepers); else 404. */
  async function visibleOrder(db: Db, actor: Actor, id: string) {
    const [row] = await repo.ordersNamed(db, eq(mealOrder.id, id), 1);
    if (!row) throw notFound('Order', 'meals.order_not_found');
    const access = await accessOf(db, actor, row.o.stationId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return { read: false, manage: false, keep: false };
      throw err;
    });
    if (!mayViewOrder(actor, access, row.o)) throw notFound('Order', 'meals.order_not_found');
    return { row, access };
  }

  async function getOrder(actor: Actor, id: string): Promise<MealOrderDto> {
    const db = database.db;
    const { row, access } = await visibleOrder(db, actor, id);
    return (await orderDtos(db, actor, [row], new Map([[row.o.stationId, access]])))[0]!;
  }

  /**
   * Places an order on a menu. A worker orders as a worker; a keeper takes a counter order for a
   * walk-in customer (a resident unless told otherwise). The same Idempotency-Key answers the first
   * order again (`created: false`).
   */
  async function placeOrder(
    actor: Actor,
    meta: RequestMeta | null,
    menuId: string,
    body: CreateOrderBody,
    idempotencyKey?: string,
  ): Promise<{ order: MealOrderDto; created: boolean }> {
    const db = database.db;
    if (idempotencyKey) {
      const existing = await repo.findOrderByIdempotencyKey(db, actor.userId, idempotencyKey);
      if (existing) return { order: await getOrder(actor, existing), created: false };
    }
    const first = await repo.getMenu(db, menuId);
    if (!first) throw notFound('Menu', 'meals.menu_not_found');
    const access = await accessOf(db, actor, first.stationId);
    if (!first.published && !mayReadMeals(access)) throw notFound('Menu', 'meals.menu_not_found');
    const category: MealCustomerCategory | null = orderCategory(actor, access, body.customerCategory);
    if (!category) throw forbidden('Workers order for themselves; keepers take counter orders');
    const seats = body.mode === 'eat_in' ? await seatsOf(actor, first.stationId) : null;
    const at = now();
    const time = body.mode === 'eat_in' ? body.slotStart! : body.pickupAt!;
    const id = await inTransaction(
      database,
      async (uow) => {
        const tx = uow.tx;
        const menu = (await repo.getMenuForUpdate(tx, menuId))!;
        const closed = menuClosedReason(menu, at);
        if (closed) throw new AppError('meals.menu_closed', 'This meal takes no orders', { reason: closed });
        const problem = orderTimeProblem(menu, body.mode, time, at);
        if (problem)
          throw new AppError(
            problem === 'slot_invalid' ? 'meals.slot_invalid' : 'meals.pickup_invalid',
            'Choose a slot or pickup time of this meal',
            {
              opens: menu.opens,
              closes: menu.closes,
            },
          );
        if (body.mode === 'eat_in' && seats !== null) {
          // Counted under the menu row's lock: no other order of this menu runs meanwhile.
          const taken =
            (await repo.seatsTaken(tx, [menu.id])).find((t) => t.slotStart === body.slotStart)?.taken ?? 0;
          if (taken + body.partySize > seats)
            throw new AppError('meals.slot_full', 'Not enough free seats in this slot', {
              slotStart: body.slotStart,
              free: freeSeats(seats, taken),
            });
        }
        const items = new Map((await repo.itemsOf(tx, [menu.id])).map((i) => [i.id, i]));
        const wanted = new Map<string, number>();
        for (const l of body.lines) wanted.set(l.itemId, (wanted.get(l.itemId) ?? 0) + l.quantity);
        const lines: { item: repo.ItemRow; quantity: number; unitPriceFen: number }[] = [];
        for (const [itemId, quantity] of wanted) {
          const item = items.get(itemId);
          if (!item) throw new AppError('meals.item_not_found', 'The item is not on this menu', { itemId });
          lines.push({ item, quantity, unitPriceFen: priceFor(item, category) });
        }
        for (const l of lines)
          if (!(await repo.takePortions(tx, l.item.id, l.quantity)))
            throw new AppError('meals.sold_out', `${l.item.name} is sold out`, {
              itemId: l.item.id,
              name: l.item.name,
              left: l.item.portions === null ? null : Math.max(0, l.item.portions - l.item.portionsSold),
            });
        const totalFen = lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0);
        const meals = lines.reduce((s, l) => s + l.quantity, 0);
        const number = menu.orderCount + 1;
        await repo.updateMenu(tx, menu.id, { orderCount: number });
        const isCounter = actor.kind === 'staff';
        const order = await repo.insertOrder(tx, {
          stationId: menu.stationId,
          menuId: menu.id,
          number,
          customerUserId: isCounter ? null : actor.userId,
          customerName: isCounter ? (body.customerName ?? null) : null,
          customerCategory: category,
          mode: body.mode,
          slotStart: body.mode === 'eat_in' ? body.slotStart! : null,
          pickupAt: body.mode === 'take_away' ? body.pickupAt! : null,
          partySize: body.mode === 'eat_in' ? body.partySize : 1,
          totalFen,
          meals,
          idempotencyKey: idempotencyKey ?? null,
          createdBy: actor.userId,
          createdAt: at,
        });
        if (!order) return null; // the same Idempotency-Key won meanwhile
        await repo.insertLines(
          tx,
          lines.map((l) => ({
            orderId: order.id,
            itemId: l.item.id,
            name: l.item.name,
            kind: l.item.kind,
            quantity: l.quantity,
            unitPriceFen: l.unitPriceFen,
          })),
        );
        const when = body.mode === 'eat_in' ? `堂食 ${body.slotStart}` : `外带 ${body.pickupAt}取`;
        await payments.charge(tx, {
          stationId: menu.stationId,
          purpose: 'meal_order',
          refId: order.id,
          description: `${access.station.name} ${menu.date.slice(5)} ${MEAL_LABELS_ZH.period[menu.period]} ${number}号 ${when}：${lines
            .map((l) => `${l.item.name}×${l.quantity}`)
            .join('、')}，共${yuan(totalFen)}元`,
          quantity: meals,
          unit: 'meal',
          amountFen: totalFen,
          payerUserId: order.customerUserId,
        });
        await writeAudit(tx, actor, meta, {
          action: 'meal_order.place',
          entityType: 'meal_order',
          entityId: order.id,
          after: {
            menuId: menu.id,
            number,
            category,
            mode: body.mode,
            slotStart: order.slotStart,
            pickupAt: order.pickupAt,
            partySize: order.partySize,
            totalFen,
            meals,
          },
        });
        return order.id;
      },
      onAfterCommitError,
    );
    if (!id) return placeOrder(actor, meta, menuId, body, idempotencyKey);
    return { order: await getOrder(actor, id), created: true };
  }

  /** The worker's own orders, newest day first (the last 30 days and what is ahead). */
  async function myOrders(actor: Actor): Promise<{ items: MealOrderDto[] }> {
    const db = database.db;
    const since = addDays(localClock(now()).date, -30);
    const rows = await repo.ordersNamed(
      db,
      and(eq(mealOrder.customerUserId, actor.userId), gte(mealMenu.date, since)),
      100,
    );
    const mineAccess: StationAccess = { read: false, manage: false, keep: false };
    const access = new Map(rows.map((r) => [r.o.stationId, mineAccess]));
    return { items: await orderDtos(db, actor, rows, access) };
  }

  async function changeStatus(
    actor: Actor,
    meta: RequestMeta | null,
    id: string,
    to: 'cancel' | 'serve',
    reason?: string,
  ): Promise<MealOrderDto> {
    const db = database.db;
    const { access } = await visibleOrder(db, actor, id);
    await inTransaction(
      database,
      async (uow) => {
        const tx = uow.tx;
        const o = (await repo.getOrderForUpdate(tx, id))!;
        if (o.status !== 'placed')
          throw new AppError('meals.not_placed', 'The order is already done or cancelled', {
            status: o.status,
          });
        const payment = (await payments.forRefs(tx, 'meal_order', [o.id])).get(o.id) ?? null;
        const at = now();
        let after: repo.OrderRow;
        if (to === 'cancel') {
          if (!mayCancelOrder(actor, access, o)) throw forbidden('You may not cancel this order');
          if (payment?.status === 'paid' && payment.method !== 'free')
            throw new AppError('meals.already_paid', 'A paid order is not cancelled here', {
              paymentId: payment.id,
            });
          after = await repo.updateOrder(tx, o.id, {
            status: 'cancelled',
            cancelledAt: at,
            cancelledBy: actor.userId,
            cancelReason: reason ?? null,
          });
          await repo.releasePortions(tx, o.id);
          await payments.voidFor(tx, 'meal_order', o.id, actor.userId, reason || '订单已取消');
        } else {
          if (!mayServeOrder(access, o)) throw forbidden('Only the station’s keepers serve orders');
          if (payment?.status !== 'paid')
            throw new AppError('meals.not_paid', 'Confirm the payment first', {
              paymentId: payment?.id ?? null,
            });
          after = await repo.updateOrder(tx, o.id, {
            status: handedOverStatus(o.mode),
            servedAt: at,
            servedBy: actor.userId,
          });
        }
        await writeAudit(tx, actor, meta, {
          action: to === 'cancel' ? 'meal_order.cancel' : 'meal_order.serve',
          entityType: 'meal_order',
          entityId: o.id,
          before: { status: o.status },
          after: { status: after.status, reason: reason ?? null },
        });
      },
      onAfterCommitError,
    );
    return getOrder(actor, id);
  }

  const cancel = (actor: Actor, meta: RequestMeta | null, id: string, reason?: string) =>
    changeStatus(actor, meta, id, 'cancel', reason);
  const serve = (actor: Actor, meta: RequestMeta | null, id: string) =>
    changeStatus(actor, meta, id, 'serve');

  // ---- console: board and tallies ---------------------------------------------------------------

  /** A day's orders of a station by period and slot, with the seats taken per slot. */
  async function board(
    actor: Actor,
    stationId: string,
    q: { date?: string; period?: MealPeriod },
  ): Promise<MealBoardReply> {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    if (!mayReadMeals(access)) throw forbidden('You may not see this station’s orders');
    const at = now();
    const date = q.date ?? localClock(at).date;
    const seats = await seatsOf(actor, stationId);
    const menus = (await repo.menusOn(db, stationId, [date], false)).filter(
      (m) => !q.period || m.period === q.period,
    );
    const dtos = await menuDtos(db, menus, seats, at);
    const conds: SQL[] = [eq(mealOrder.stationId, stationId), eq(mealMenu.date, date)];
    if (menus.length)
      conds.push(
        inArray(
          mealOrder.menuId,
          menus.map((m) => m.id),
        ),
      );
    const rows = menus.length ? await repo.ordersNamed(db, and(...conds), 2000) : [];
    return {
      date,
      seats,
      menus: dtos.map((m) => ({
        id: m.id,
        period: m.period,
        opens: m.opens,
        closes: m.closes,
        published: m.published,
        slots: m.slots,
      })),
      orders: await orderDtos(db, actor, rows, new Map([[stationId, access]])),
    };
  }

  /** Set meals and portions sold (served or collected) per day and customer category (CAN-02). */
  async function sales(
    actor: Actor,
    stationId: string,
    q: { from?: string; to?: string },
  ): Promise<MealSalesReply> {
    const db = database.db;
    const access = await accessOf(db, actor, stationId);
    if (!mayReadMeals(access)) throw forbidden('You may not see this station’s figures');
    const to = q.to ?? localClock(now()).date;
    let from = q.from ?? addDays(to, -6);
    if (from > to) from = to;
    if (from < addDays(to, -366)) from = addDays(to, -366);
    const rows = await repo.sales(db, stationId, from, to);
    const zero = () => ({ orders: 0, setMeals: 0, portions: 0, amountFen: 0 });
    const add = (a: ReturnType<typeof zero>, r: repo.SalesRow) => {
      a.orders += r.orders;
      a.setMeals += r.setMeals;
      a.portions += r.portions;
      a.amountFen += r.amountFen;
    };
    const days: MealSalesReply['days'] = [];
    const total = { ...zero(), byCategory: { worker: zero(), resident: zero() } };
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const day = { date: d, ...zero(), byCategory: { worker: zero(), resident: zero() } };
      for (const r of rows.filter((x) => x.date === d)) {
        add(day, r);
        add(day.byCategory[r.category], r);
        add(total, r);
        add(total.byCategory[r.category], r);
      }
      days.push(day);
    }
    return { from, to, days, total };
  }

  return {
    stationMeals,
    day,
    putMenu,
    copyDay,
    menuSlots,
    placeOrder,
    getOrder,
    myOrders,
    cancel,
    serve,
    board,
    sales,
  };
}
