import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../platform/db/testing.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createPaymentsService } from '../../payments/index.ts';
import { type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { station } from '../../stations/stations.tables.ts';
import { CANTEEN_NAME, seedDemoMeals, WARM_HOME_NAME } from '../meals.seed.ts';
import { createMealsService, type MealsService } from '../meals.service.ts';

/** Meals on both engines: seats per slot, portions, payments, cancel, copy, seed (CAN-01, CAN-02, HUB-02). */

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return null;
};

describe.each(testEngines())('meals (%s)', (engine) => {
  let w: StationsWorld;
  let svc: MealsService;
  // Fri 2026-11-20 09:00 Asia/Shanghai.
  const clock = { now: new Date('2026-11-20T01:00:00Z') };
  const TODAY = '2026-11-20';
  const TOMORROW = '2026-11-21';
  let canteenId: string;
  let homeId: string;

  const lunch = (stationId: string, date = TODAY, items = 3, portions: number | null = null) =>
    svc.putMenu(w.actors['swq.keeper'], null, stationId, date, 'lunch', {
      opens: '11:00',
      closes: '14:00',
      published: true,
      version: 0,
      items: [
        {
          name: '两荤一素套餐',
          kind: 'set' as const,
          description: '回锅肉、宫保鸡丁、清炒时蔬',
          priceWorkerFen: 1200,
          priceResidentFen: 1500,
          portions,
        },
        {
          name: '跷脚牛肉汤',
          kind: 'dish' as const,
          priceWorkerFen: 1500,
          priceResidentFen: 1800,
          portions: 40,
        },
        { name: '米饭', kind: 'staple' as const, priceWorkerFen: 0, priceResidentFen: 100, portions: null },
      ].slice(0, items),
    });

  beforeAll(async () => {
    w = await stationsWorld(engine, { demo: true, clock });
    svc = createMealsService(w.t.deps, { now: () => clock.now });
    const rows = await w.t.database.db.select({ id: station.id, name: station.name }).from(station);
    canteenId = rows.find((r) => r.name === CANTEEN_NAME)!.id;
    homeId = rows.find((r) => r.name === WARM_HOME_NAME)!.id;
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
  });

  it('CAN-01: a keeper writes a menu; version guards edits; prices and portions stay valid', async () => {
    const m = await lunch(canteenId, TOMORROW);
    expect(m.version).toBe(1);
    expect(m.items.map((i) => i.name)).toEqual(['两荤一素套餐', '跷脚牛肉汤', '米饭']);
    expect(m.slots.map((s) => s.start)).toEqual(['11:00', '11:30', '12:00', '12:30', '13:00', '13:30']);
    expect(m.slots[0]).toMatchObject({ seats: 200, taken: 0, free: 200 });
    // A stale version is refused.
    expect(await codeOf(lunch(canteenId, TOMORROW))).toBe('meals.conflict');
    // Editing keeps item ids; removing an item deletes it.
    const edited = await svc.putMenu(w.actors['swq.keeper'], null, canteenId, TOMORROW, 'lunch', {
      opens: '11:00',
      closes: '14:30',
      published: false,
      version: 1,
      items: [{ ...m.items[0]!, priceWorkerFen: 1000 }],
    });
    expect(edited).toMatchObject({ version: 2, published: false, closes: '14:30' });
    expect(edited.items).toHaveLength(1);
    expect(edited.items[0]).toMatchObject({ id: m.items[0]!.id, priceWorkerFen: 1000 });
    // A worker may not edit; a past day may not be edited.
    expect(
      await codeOf(
        svc.putMenu(w.actors.worker1, null, canteenId, TOMORROW, 'dinner', {
          opens: '17:00',
          closes: '20:00',
          published: true,
          version: 0,
          items: [],
        }),
      ),
    ).toBe('common.forbidden');
    expect(
      await codeOf(
        svc.putMenu(w.actors['swq.keeper'], null, canteenId, '2026-11-19', 'dinner', {
          opens: '17:00',
          closes: '20:00',
          published: true,
          version: 0,
          items: [],
        }),
      ),
    ).toBe('meals.day_past');
  });

  it('CAN-02: worker orders eat-in at worker price; the charge goes through payments; unpublished menus are hidden', async () => {
    const m = await lunch(canteenId);
    const view = await svc.stationMeals(w.actors.worker1, canteenId);
    expect(view.myCategory).toBe('worker');
    expect(view.station.seats).toBe(200);
    expect(view.menus.map((x) => `${x.date} ${x.period}`)).toEqual([`${TODAY} lunch`]); // tomorrow's is unpublished
    const set = m.items[0]!;
    const soup = m.items[1]!;
    const { order, created } = await svc.placeOrder(
      w.actors.worker1,
      null,
      m.id,
      {
        mode: 'eat_in',
        slotStart: '13:30',
        partySize: 2,
        lines: [
          { itemId: set.id, quantity: 2 },
          { itemId: soup.id, quantity: 1 },
        ],
      },
      'k-1',
    );
    expect(created).toBe(true);
    expect(order).toMatchObject({
      number: 1,
      customerCategory: 'worker',
      totalFen: 3900,
      meals: 3,
      status: 'placed',
    });
    expect(order.payment).toMatchObject({
      purpose: 'meal_order',
      unit: 'meal',
      quantity: 3,
      amountFen: 3900,
      status: 'pending',
    });
    expect(order.payment!.description).toContain('两荤一素套餐×2');
    // Same Idempotency-Key → the first order.
    const again = await svc.placeOrder(
      w.actors.worker1,
      null,
      m.id,
      {
        mode: 'eat_in',
        slotStart: '13:30',
        partySize: 2,
        lines: [{ itemId: set.id, quantity: 2 }],
      },
      'k-1',
    );
    expect(again).toMatchObject({ created: false, order: { id: order.id } });
    const slots = await svc.menuSlots(null, m.id);
    expect(slots.find((s) => s.start === '13:30')).toMatchObject({ taken: 2, free: 198 });
    const after = (await svc.day(w.actors['swq.keeper'], canteenId, TODAY)).menus[0]!;
    expect(after.items.find((i) => i.id === soup.id)!.portionsLeft).toBe(39);
    // Another worker does not see it; the keeper does.
    expect(await codeOf(svc.getOrder(w.actors.worker2, order.id))).toBe('meals.order_not_found');
    expect((await svc.getOrder(w.actors['swq.keeper'], order.id)).actions).toEqual({
      cancel: true,
      serve: false,
    });
    // Serve needs the payment confirmed first.
    expect(await codeOf(svc.serve(w.actors['swq.keeper'], null, order.id))).toBe('meals.not_paid');
    await createPaymentsService(w.t.deps).confirm(w.actors['swq.keeper'], null, order.payment!.id, {
      method: 'counter_qr',
    });
    expect(await codeOf(svc.cancel(w.actors.worker1, null, order.id))).toBe('meals.already_paid');
    const served = await svc.serve(w.actors['swq.keeper'], null, order.id);
    expect(served.status).toBe('served');
    expect(await codeOf(svc.serve(w.actors['swq.keeper'], null, order.id))).toBe('meals.not_placed');
  });

  it('CAN-02: keeper takes a counter order for a walk-in resident at the resident price; take-away', async () => {
    const m = (await svc.day(w.actors['swq.keeper'], canteenId, TODAY)).menus[0]!;
    const { order } = await svc.placeOrder(w.actors['swq.keeper'], null, m.id, {
      mode: 'take_away',
      pickupAt: '12:15',
      partySize: 1,
      lines: [
        { itemId: m.items[0]!.id, quantity: 1 },
        { itemId: m.items[2]!.id, quantity: 1 },
      ],
      customerName: '王阿姨',
    });
    expect(order).toMatchObject({
      customerCategory: 'resident',
      customerName: '王阿姨',
      totalFen: 1600,
      pickupAt: '12:15',
      slotStart: null,
    });
    expect(order.payment?.amountFen).toBe(1600);
    // A pickup outside the period, a slot not of the period, a past slot.
    const base = { partySize: 1, lines: [{ itemId: m.items[0]!.id, quantity: 1 }] };
    expect(
      await codeOf(
        svc.placeOrder(w.actors.worker1, null, m.id, { ...base, mode: 'take_away', pickupAt: '15:00' }),
      ),
    ).toBe('meals.pickup_invalid');
    expect(
      await codeOf(
        svc.placeOrder(w.actors.worker1, null, m.id, { ...base, mode: 'eat_in', slotStart: '11:15' }),
      ),
    ).toBe('meals.slot_invalid');
    clock.now = new Date('2026-11-20T04:40:00Z'); // 12:40
    expect(
      await codeOf(
        svc.placeOrder(w.actors.worker1, null, m.id, { ...base, mode: 'eat_in', slotStart: '12:00' }),
      ),
    ).toBe('meals.slot_invalid');
    expect(
      await codeOf(
        svc.placeOrder(w.actors.worker1, null, m.id, { ...base, mode: 'eat_in', slotStart: '12:30' }),
      ),
    ).toBeNull();
    clock.now = new Date('2026-11-20T06:00:00Z'); // 14:00: closed
    expect(
      await codeOf(
        svc.placeOrder(w.actors.worker1, null, m.id, { ...base, mode: 'eat_in', slotStart: '13:30' }),
      ),
    ).toBe('meals.menu_closed');
    clock.now = new Date('2026-11-20T01:00:00Z');
  });

  it('CAN-01: a slot never takes more than the seats, even under concurrent orders', async () => {
    // The 暖心之家 counts no seats; a small station with 24 seats does.
    const small = (
      await w.t.database.db
        .select({ id: station.id })
        .from(station)
        .where(eq(station.name, '铜河小哥之家·铜心驿站'))
    )[0]!.id;
    const m = await lunch(small, TODAY, 1);
    const setId = m.items[0]!.id;
    const tries = Array.from({ length: 10 }, (_, i) =>
      svc
        .placeOrder(i % 2 ? w.actors.worker1 : w.actors.worker2, null, m.id, {
          mode: 'eat_in',
          slotStart: '12:00',
          partySize: 5,
          lines: [{ itemId: setId, quantity: 1 }],
        })
        .then(
          () => 'ok',
          (e: unknown) => (e instanceof AppError ? e.code : String(e)),
        ),
    );
    const results = await Promise.all(tries);
    expect(results.filter((r) => r === 'ok')).toHaveLength(4); // 4 × 5 = 20 ≤ 24 < 25
    expect(results.filter((r) => r === 'meals.slot_full')).toHaveLength(6);
    const [r] = (
      (await w.t.database.db.execute(
        sql`select coalesce(sum(party_size), 0)::int as n from meal_order where menu_id = ${m.id} and status <> 'cancelled'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(Number(r!.n)).toBe(20);
    const numbers = (await svc.board(w.actors['swq.keeper'], small, { date: TODAY })).orders
      .map((o) => o.number)
      .sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4]);
  });

  it('HUB-02: portions never go below zero under concurrent orders; cancelling gives them back and voids the charge', async () => {
    const m = await svc.putMenu(w.actors['swq.keeper'], null, homeId, TODAY, 'dinner', {
      opens: '17:00',
      closes: '21:00',
      published: true,
      version: 0,
      items: [
        { name: '10元套餐·两荤一素', kind: 'set', priceWorkerFen: 1000, priceResidentFen: 1000, portions: 5 },
      ],
    });
    expect(m.slots[0]).toMatchObject({ seats: null, free: null }); // no seat count: no seat limit
    const setId = m.items[0]!.id;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        svc
          .placeOrder(w.actors.worker2, null, m.id, {
            mode: 'eat_in',
            slotStart: '18:00',
            partySize: 1,
            lines: [{ itemId: setId, quantity: 1 }],
          })
          .then(
            (r) => r.order,
            (e: unknown) => (e instanceof AppError ? e.code : String(e)),
          ),
      ),
    );
    const ok = results.filter((r) => typeof r !== 'string');
    expect(ok).toHaveLength(5);
    expect(results.filter((r) => r === 'meals.sold_out')).toHaveLength(3);
    let menu = (await svc.day(w.actors['swq.keeper'], homeId, TODAY)).menus.find((x) => x.id === m.id)!;
    expect(menu.items[0]!.portionsLeft).toBe(0);
    // The database refuses overselling even without the service's condition.
    await expect(
      w.t.database.db.execute(
        sql`update meal_item set portions_sold = portions_sold + 1 where id = ${setId}`,
      ),
    ).rejects.toThrow();
    const first = ok[0] as Exclude<(typeof results)[number], string>;
    const cancelled = await svc.cancel(w.actors.worker2, null, first.id, '临时有事');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.payment?.status).toBe('void');
    menu = (await svc.day(w.actors['swq.keeper'], homeId, TODAY)).menus.find((x) => x.id === m.id)!;
    expect(menu.items[0]!.portionsLeft).toBe(1);
    expect(await codeOf(svc.cancel(w.actors.worker2, null, first.id))).toBe('meals.not_placed');
    // The limit cannot go below what is sold.
    expect(
      await codeOf(
        svc.putMenu(w.actors['swq.keeper'], null, homeId, TODAY, 'dinner', {
          opens: '17:00',
          closes: '21:00',
          published: true,
          version: menu.version,
          items: [{ ...menu.items[0]!, portions: 2 }],
        }),
      ),
    ).toBe('meals.portions_below_sold');
  });

  it('copies a day, tallies set meals by category, and seeds the demo idempotently', async () => {
    const copy = await svc.copyDay(w.actors['swq.keeper'], null, canteenId, {
      from: TODAY,
      to: '2026-11-22',
    });
    expect(copy).toEqual({ copied: ['lunch'], skipped: [] });
    const again = await svc.copyDay(w.actors['swq.keeper'], null, canteenId, {
      from: TODAY,
      to: '2026-11-22',
    });
    expect(again).toEqual({ copied: [], skipped: ['lunch'] });
    const copied = (await svc.day(w.actors['swq.keeper'], canteenId, '2026-11-22')).menus[0]!;
    expect(copied).toMatchObject({ published: false });
    expect(copied.items.find((i) => i.name === '跷脚牛肉汤')).toMatchObject({
      portions: 40,
      portionsLeft: 40,
    });
    const sales = await svc.sales(w.actors['swq.keeper'], canteenId, { from: TODAY, to: TODAY });
    // The served worker order above: 2 set meals.
    expect(sales.total).toMatchObject({ orders: 1, setMeals: 2, portions: 3, amountFen: 3900 });
    expect(sales.total.byCategory.worker.setMeals).toBe(2);
    expect(sales.total.byCategory.resident.orders).toBe(0);
    expect(await codeOf(svc.sales(w.actors.worker1, canteenId, {}))).toBe('common.forbidden');

    const seeded = await seedDemoMeals(w.t.deps, w.users, { now: new Date('2026-11-23T00:00:00Z') });
    expect(seeded.menus).toBe(10);
    expect(seeded.orders).toBeGreaterThanOrEqual(4);
    expect(await seedDemoMeals(w.t.deps, w.users, { now: new Date('2026-11-23T00:00:00Z') })).toEqual({
      menus: 0,
      orders: 0,
    });
  });
});
