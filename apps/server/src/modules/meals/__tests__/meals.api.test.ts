import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StationsWorld, stationsWorld } from '../../stations/__tests__/stations-fixtures.ts';
import { station } from '../../stations/stations.tables.ts';
import { addDays, localClock } from '../meals.rules.ts';
import { CANTEEN_NAME } from '../meals.seed.ts';

/** HTTP contract of meals (CAN-01, CAN-02, HUB-02): status codes, error codes, validation, ownership. */

describe('meals API', () => {
  let w: StationsWorld;
  let canteenId: string;
  const tomorrow = addDays(localClock(new Date()).date, 1);
  let menuId: string;
  let setId: string;

  beforeAll(async () => {
    w = await stationsWorld('pglite', { demo: true });
    const rows = await w.t.database.db.select({ id: station.id, name: station.name }).from(station);
    canteenId = rows.find((r) => r.name === CANTEEN_NAME)!.id;
  }, 120_000);
  afterAll(async () => {
    await w?.t.close();
  });

  it('CAN-01: keeper PUTs a menu; validation and version errors', async () => {
    const url = `/api/v1/stations/${canteenId}/meal-menus/${tomorrow}/lunch`;
    const body = {
      opens: '11:00',
      closes: '14:00',
      published: true,
      items: [
        { name: '两荤一素套餐', kind: 'set', priceWorkerFen: 1200, priceResidentFen: 1500 },
        { name: '甜皮鸭（半只）', kind: 'dish', priceWorkerFen: 2500, priceResidentFen: 2800, portions: 1 },
      ],
    };
    const bad = await w.call('swq.keeper', 'PUT', url, { ...body, closes: '10:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('common.validation');
    const badTime = await w.call('swq.keeper', 'PUT', url, { ...body, opens: '25:00' });
    expect(badTime.statusCode).toBe(400);
    const res = await w.call('swq.keeper', 'PUT', url, body);
    expect(res.statusCode).toBe(200);
    menuId = res.json().id;
    setId = res.json().items[0].id;
    const stale = await w.call('swq.keeper', 'PUT', url, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('meals.conflict');
    const byWorker = await w.call('worker1', 'PUT', url, body);
    expect(byWorker.statusCode).toBe(403);
    const other = await w.call('szq.admin', 'PUT', url, { ...body, version: 1 });
    expect(other.statusCode).toBe(403);
  });

  it('CAN-02: public menus; worker orders with Idempotency-Key (201 then 200); another worker gets 404', async () => {
    const pub = await w.call(null, 'GET', `/api/v1/stations/${canteenId}/meals`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().menus.some((m: { id: string }) => m.id === menuId)).toBe(true);
    expect(pub.json().myCategory).toBeNull();
    const order = {
      mode: 'eat_in',
      slotStart: '13:30',
      partySize: 2,
      lines: [{ itemId: setId, quantity: 2 }],
    };
    const url = `/api/v1/meal-menus/${menuId}/orders`;
    const anon = await w.call(null, 'POST', url, order);
    expect(anon.statusCode).toBe(401);
    const first = await w.call('worker1', 'POST', url, order, { 'idempotency-key': 'api-1' });
    expect(first.statusCode).toBe(201);
    const o = first.json();
    expect(o).toMatchObject({ customerCategory: 'worker', totalFen: 2400, mine: true, status: 'placed' });
    expect(o.payment.instructions).toBeTruthy();
    const repeat = await w.call('worker1', 'POST', url, order, { 'idempotency-key': 'api-1' });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(o.id);
    expect((await w.call('worker2', 'GET', `/api/v1/meal-orders/${o.id}`)).statusCode).toBe(404);
    const c2 = await w.call('worker2', 'POST', `/api/v1/meal-orders/${o.id}/cancel`, {});
    expect(c2.statusCode).toBe(404);
    expect(c2.json().code).toBe('meals.order_not_found');
    const mine = await w.call('worker1', 'GET', '/api/v1/me/meal-orders');
    expect(mine.json().items.map((x: { id: string }) => x.id)).toContain(o.id);
    // Missing slot, bad item, sold out.
    const noSlot = await w.call('worker1', 'POST', url, { ...order, slotStart: undefined });
    expect(noSlot.statusCode).toBe(400);
    const badItem = await w.call('worker1', 'POST', url, {
      ...order,
      lines: [{ itemId: menuId, quantity: 1 }],
    });
    expect(badItem.json().code).toBe('meals.item_not_found');
    const duckId = (
      await w.call('swq.keeper', 'GET', `/api/v1/stations/${canteenId}/meal-menus?date=${tomorrow}`)
    )
      .json()
      .menus[0].items.find((i: { name: string }) => i.name.startsWith('甜皮鸭')).id;
    const duck = { ...order, lines: [{ itemId: duckId, quantity: 2 }] };
    const sold = await w.call('worker2', 'POST', url, duck);
    expect(sold.statusCode).toBe(409);
    expect(sold.json().code).toBe('meals.sold_out');
    const full = await w.call('worker2', 'POST', url, { ...order, partySize: 20, slotStart: '11:00' });
    expect(full.statusCode).toBe(201);
  });

  it('CAN-02: keeper board shows the order; confirm payment, serve; sales need read', async () => {
    const board = await w.call(
      'swq.keeper',
      'GET',
      `/api/v1/stations/${canteenId}/meal-orders?date=${tomorrow}`,
    );
    expect(board.statusCode).toBe(200);
    const b = board.json();
    expect(b.menus[0].slots.find((s: { start: string }) => s.start === '11:00')).toMatchObject({
      taken: 20,
      free: 180,
    });
    const o = b.orders.find((x: { slotStart: string }) => x.slotStart === '13:30');
    expect(o.actions).toEqual({ cancel: true, serve: false });
    const early = await w.call('swq.keeper', 'POST', `/api/v1/meal-orders/${o.id}/serve`);
    expect(early.json().code).toBe('meals.not_paid');
    const paid = await w.call('swq.keeper', 'POST', `/api/v1/payments/${o.payment.id}/confirm`, {
      method: 'counter_cash',
    });
    expect(paid.statusCode).toBe(200);
    const served = await w.call('swq.keeper', 'POST', `/api/v1/meal-orders/${o.id}/serve`);
    expect(served.statusCode).toBe(200);
    expect(served.json().status).toBe('served');
    expect((await w.call('worker1', 'POST', `/api/v1/meal-orders/${o.id}/serve`)).statusCode).toBe(403);
    expect((await w.call('worker1', 'GET', `/api/v1/stations/${canteenId}/meal-sales`)).statusCode).toBe(403);
    const sales = await w.call(
      'swq.keeper',
      'GET',
      `/api/v1/stations/${canteenId}/meal-sales?from=${tomorrow}&to=${tomorrow}`,
    );
    expect(sales.json().total).toMatchObject({ orders: 1, setMeals: 2 });
    const copy = await w.call('swq.keeper', 'POST', `/api/v1/stations/${canteenId}/meal-menus/copy`, {
      from: tomorrow,
      to: tomorrow,
    });
    expect(copy.statusCode).toBe(400);
  });
});
